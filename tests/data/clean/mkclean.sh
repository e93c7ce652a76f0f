#!/bin/bash
# mkclean.sh - makes the bad-input pages of tests/data/clean/ used by test_scan (cleanup
# cases). Needs imagemagick and python3; the corpus only for the palette page.
# usage: tests/data/clean/mkclean.sh [CORPUS_DIR]   (default ../shared/corpus beside the repo)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=$here/..
corpus=${1:-$here/../../../../shared/corpus}
D="-units PixelsPerInch -density 300"
cd "$here"
# CMYK JPEG (Adobe APP14 marker, as scanners' "CMYK" settings and Photoshop write them)
convert "$data/letter_top.png" -colorspace CMYK -quality 85 $D letter_top_cmyk.jpg
# 16-bit grey TIFF (leptonica keeps 16 bits for TIFF; PNGs are cut to 8 when read)
convert "$data/letter_top.png" -depth 16 -compress zip $D letter_top_16.tif
# non-square pixels: 300 dpi across, 150 dpi down (fax-like), page squashed to half height
convert "$data/letter_top.png" -resize 100%x50% -compress lzw -units PixelsPerInch \
  -density 300x150 letter_top_300x150.tif
# palette PNG with a grey ICC profile on an indexed image (libpng warns about it): the top
# rows of vietocr-samples/vietsample2.png, cut without re-encoding the rows
python3 "$here/croppng.py" "$corpus/real/vietocr-samples/vietsample2.png" 700 vietsample2_top.png
