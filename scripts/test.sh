#!/bin/bash
# The README's second command: builds (if needed) and runs the whole test suite with
# ctest. Pass ctest options through, e.g. `scripts/test.sh -LE slow` for the fast tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
exec ctest --test-dir build --output-on-failure -j "$(nproc)" "$@"
