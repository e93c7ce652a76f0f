#!/bin/bash
# OCR check of the test data and samples: tesseract (vie, one thread) on each image or page,
# scored with cer.py against its ground truth; prints CER, WER and OCR wall time per page.
# Multi-page TIFFs are split with tiffsplit, which copies the compressed strips unchanged, so
# each page is read by leptonica in its own encoding.
# usage: tests/data/gen/check.sh [CER_PY]     (default: ../shared/tools/cer.py beside the repo)
# needs: tesseract with vie, libtiff-tools (tiffsplit), python3
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=$(dirname "$here")
repo=$(cd "$data/../.." && pwd)
cer=${1:-$repo/../shared/tools/cer.py}
export OMP_THREAD_LIMIT=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ocr() {  # IMAGE TRUTH LABEL
  local s e
  s=$(date +%s%N)
  tesseract "$1" "$tmp/out" -l vie >/dev/null 2>"$tmp/err" || { cat "$tmp/err"; return 1; }
  e=$(date +%s%N)
  printf '%-44s %s time=%d.%03ds\n' "$3" "$(python3 "$cer" "$2" "$tmp/out.txt")" \
    $(((e - s) / 1000000000)) $(((e - s) / 1000000 % 1000))
}

cd "$data"
for f in letter_top.png letter_top.jpg letter_top.pgm letter_top.ppm letter_top_rgb.png \
  letter_top_lzw.tif letter_top_g4.tif letter_top_jpeg.tif letter_top_nodpi.png; do
  ocr "$f" letter_top.gt.txt "$f"
done
tiffsplit dossier4.tif "$tmp/d4-"
i=1
for p in "$tmp"/d4-a??.tif; do
  ocr "$p" "dossier4.p$i.gt.txt" "dossier4.tif page $i"
  i=$((i + 1))
done
V=$repo/../shared/corpus/vi
s=$repo/samples/dossier-xaydung
ocr "$s/01-giay-tiep-nhan.png" "$V/receipt_xaydung.gt.txt" "samples/.../01-giay-tiep-nhan.png"
tiffsplit "$s/02-don.tif" "$tmp/don-"
ocr "$tmp/don-aaa.tif" "$V/decision_ubnd.gt.txt" "samples/.../02-don.tif page 1"
ocr "$tmp/don-aab.tif" "$V/form_khaisinh.gt.txt" "samples/.../02-don.tif page 2"
