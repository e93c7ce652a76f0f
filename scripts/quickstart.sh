#!/bin/bash
# The README's first command: installs the dependencies, builds hoso, files the bundled
# sample dossier into ./hoso-data and searches it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
# a fresh demo home each run: the sample receipt carries its dossier code, and a code
# is filed only once
export HOSO_HOME=$PWD/hoso-demo
rm -rf "$HOSO_HOME"
echo
echo "== HOSO_HOME=hoso-demo hoso scan samples/dossier-xaydung/*"
code=$(./build/hoso scan samples/dossier-xaydung/01-giay-tiep-nhan.png samples/dossier-xaydung/02-don.tif)
echo "$code"
echo
echo "== hoso show $code"
./build/hoso show "$code"
echo
echo "== hoso search \"giay phep xay dung\"   (typed without diacritics)"
./build/hoso search "giay phep xay dung"
