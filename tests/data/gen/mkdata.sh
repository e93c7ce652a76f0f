#!/bin/bash
# Regenerates everything in tests/data/ (except README.md and gen/) and samples/dossier-xaydung/
# from the rendered corpus (../shared/corpus/vi beside the repository, made by
# ../shared/tools/mkscan.sh from ../shared/corpus/texts).
# usage: tests/data/gen/mkdata.sh [CORPUS_VI_DIR]
# needs: ImageMagick 6 (apt: imagemagick), libtiff-tools (tiffcp, tiffset, tiffinfo), python3
# The output is byte-for-byte the same on every run with the same tool versions
# (ImageMagick 6.9.11-60, libtiff 4.5.0 on Debian 12).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=$(dirname "$here")
repo=$(cd "$data/../.." && pwd)
V=${1:-$repo/../shared/corpus/vi}
S=$repo/samples/dossier-xaydung
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$S"
cd "$data"

D="-units PixelsPerInch -density 300"            # 300 dpi in every file that can record it
PNG="-define png:exclude-chunks=date,time"      # no timestamps, so reruns give the same bytes
GREY="-depth 8 -type Grayscale -define png:color-type=0 -define png:bit-depth=8"

# crop a clean render to its text: bounding box of the non-white pixels + 60 px white margin
crop() { convert "$V/$1.clean.png" -trim +repage -bordercolor white -border 60 $GREY $D $PNG "$2"; }

# ---- 1. dossier4.tif: 4 pages, 4 encodings -------------------------------------------------
for n in receipt_xaydung decision_ubnd form_khaisinh letter_stttt; do crop $n "$tmp/$n.png"; done
convert "$tmp/receipt_xaydung.png" -threshold 50% -type Bilevel -compress Group4 $D "$tmp/p1.tif"
convert "$tmp/decision_ubnd.png" -type Grayscale -depth 8 -compress LZW -define tiff:predictor=1 $D "$tmp/p2.tif"
convert "$tmp/form_khaisinh.png" -type TrueColor -compress None $D "$tmp/p3.tif"
convert "$tmp/letter_stttt.png" -type Grayscale -depth 8 -compress LZW -define tiff:predictor=1 $D "$tmp/p4.tif"
# ImageMagick applies one -compress to every page of a file, so the pages are joined with
# tiffcp: without -c it keeps each page's compression (G4, LZW); page 3 is appended with
# -c jpeg:90, which encodes it once, as JPEG quality 90, YCbCr 2x2 (photometric RGB, what
# ImageMagick would write, makes the page 1.6 MB instead of 0.56 MB).
rm -f dossier4.tif
tiffcp "$tmp/p1.tif" "$tmp/p2.tif" dossier4.tif
tiffcp -a -c jpeg:90 "$tmp/p3.tif" dossier4.tif
tiffcp -a "$tmp/p4.tif" dossier4.tif
for i in 0 1 2 3; do tiffset -d $i -s PageNumber $i 4 dossier4.tif; done   # was 0-1 on each
install -m 644 "$V/receipt_xaydung.gt.txt" dossier4.p1.gt.txt
install -m 644 "$V/decision_ubnd.gt.txt" dossier4.p2.gt.txt
install -m 644 "$V/form_khaisinh.gt.txt" dossier4.p3.gt.txt
install -m 644 "$V/letter_stttt.gt.txt" dossier4.p4.gt.txt

# ---- 2. letter_top.*: the same small crop in every single-page format ----------------------
# Rows 0-443 of letter_stttt (inside the top third; the cut falls in the white gap between
# text lines 3 and 4), trimmed + 60 px margin: the 3-line issuer block, 1207x339 px. Larger
# crops do not fit the 3 MB budget because of the uncompressed PGM/PPM.
convert "$V/letter_stttt.clean.png" -crop 2480x444+0+0 +repage -trim +repage \
  -bordercolor white -border 60 $GREY $D $PNG letter_top.png
head -n 3 "$V/letter_stttt.gt.txt" > letter_top.gt.txt
convert letter_top.png -type Grayscale -quality 85 $D letter_top.jpg
convert letter_top.png letter_top.pgm                       # P5, maxval 255
convert letter_top.png -type TrueColor letter_top.ppm       # P6
convert letter_top.png -type TrueColor -define png:color-type=2 -define png:bit-depth=8 $D $PNG letter_top_rgb.png
convert letter_top.png -type Grayscale -depth 8 -compress LZW -define tiff:predictor=1 \
  -define tiff:rows-per-strip=64 $D "$tmp/lzw.tif"
python3 "$here/tiff_ifd_first.py" "$tmp/lzw.tif" letter_top_lzw.tif    # IFD before the strips
convert letter_top.png -threshold 50% -type Bilevel -compress Group4 $D letter_top_g4.tif
convert letter_top.png -type TrueColor -compress None $D "$tmp/rgb.tif"
tiffcp -c jpeg:90 -r 64 "$tmp/rgb.tif" letter_top_jpeg.tif   # JPEG strips: multiple of 16 rows
convert letter_top.png -strip -define png:exclude-chunks=pHYs,date,time letter_top_nodpi.png

# ---- 3. bad inputs -----------------------------------------------------------------------
: > empty.png
printf 'This is not an image.\nIt is plain text with a .png name.\nĐây không phải là ảnh.\n' > notimage.png
size=$(stat -c %s letter_top_lzw.tif)
head -c $((size * 40 / 100)) letter_top_lzw.tif > truncated.tif
python3 "$here/mkhuge.py" .

# ---- samples/dossier-xaydung --------------------------------------------------------------
cp "$tmp/receipt_xaydung.png" "$S/01-giay-tiep-nhan.png"
# page 1: the bitonal G4 scan of decision_ubnd (tilted 1.5 degrees, speckled) cropped the same
# way; its bounding box is taken on a 3x3 median-filtered copy, so the speckle is ignored
g4="$V/decision_ubnd.bitonal_g4.tif"
read -r w h x y <<<"$(convert "$g4" -statistic median 3x3 -format '%@' info: | tr 'x+' '  ')"
convert "$g4" -crop $((w + 120))x$((h + 120))+$((x - 60))+$((y - 60)) +repage \
  -type Bilevel -compress Group4 $D "$tmp/s1.tif"
convert "$tmp/form_khaisinh.png" -type Grayscale -depth 8 -compress LZW -define tiff:predictor=1 $D "$tmp/s2.tif"
rm -f "$S/02-don.tif"
tiffcp "$tmp/s1.tif" "$tmp/s2.tif" "$S/02-don.tif"
for i in 0 1; do tiffset -d $i -s PageNumber $i 2 "$S/02-don.tif"; done
echo "mkdata: done"
