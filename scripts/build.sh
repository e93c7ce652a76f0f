#!/bin/bash
# Configures and builds hoso into build/ (HOSO_WERROR=ON turns warnings into errors).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHOSO_WERROR="${HOSO_WERROR:-OFF}" >/dev/null
cmake --build build -j "$(nproc)"
