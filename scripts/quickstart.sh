#!/bin/bash
# The README's first command: installs the dependencies, builds hoso, files the bundled
# sample dossier into ./hoso-data and searches it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
echo
echo "== hoso scan samples/dossier-xaydung/*"
code=$(./build/hoso scan samples/dossier-xaydung/01-giay-tiep-nhan.png samples/dossier-xaydung/02-don.tif)
echo "$code"
echo
echo "== hoso show $code"
./build/hoso show "$code"
echo
echo "== hoso search \"giấy phép xây dựng\""
./build/hoso search "giấy phép xây dựng"
