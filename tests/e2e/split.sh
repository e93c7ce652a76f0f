#!/bin/bash
# label: slow
# Splitting a 12-page stack into 4 dossiers (scan --split): a receipt read by OCR starts the first
# dossier, a separator sheet ends it (left out), a cover sheet scanned upside down and
# skewed at 150 dpi starts the next with its code (left out), a blank page is left out
# with --drop-blank, a page whose QR code holds another dossier code starts the third, and
# another the fourth (with a page upside down). --dry-run plans without filing; then the
# stack is filed; batch --split files it the same way, once. Also the
# sheet command: never over an existing file, bad codes refused.
. "$(dirname "$0")/lib.sh"
command -v pdftoppm >/dev/null && command -v convert >/dev/null && command -v qrencode >/dev/null ||
    { echo "pdftoppm, ImageMagick and qrencode are needed"; exit 77; }

S=$T/stack
mkdir -p "$S"
run "$HOSO" sheet --separator -o "$T/sheets.pdf" COV-1
expect_rc 0 "sheet"
expect_out "1 cover sheet and a separator sheet"
run "$HOSO" sheet -o "$T/sheets.pdf" COV-2
expect_rc 1 "sheet over an existing file"
expect_err "already exists"
run "$HOSO" sheet -o "$T/x.pdf" '../bad'
expect_rc 2 "bad code"
pdftoppm -r 150 -png "$T/sheets.pdf" "$T/sh"
# 1 receipt (printed code only), 2 a page, 3 separator (skewed, noisy: a photocopy),
# 4 cover sheet upside down and skewed, 5 a page, 6 blank, 7 a page, 8 a page with the QR
# code of another dossier (in a web address), 9 a page
convert "$D/dossier4.tif[0]" "$S/01.png"
cp "$D/letter_top.png" "$S/02.png"
convert "$T/sh-2.png" -background white -rotate 3 -attenuate 0.4 +noise Gaussian "$S/03.png"
convert "$T/sh-1.png" -background white -rotate 182 "$S/04.png"
cp "$D/letter_top.jpg" "$S/05.jpg"
cp "$D/blank.png" "$S/06.png"
cp "$D/letter_top_g4.tif" "$S/07.tif"
qrencode -s 8 -m 4 -o "$T/qr.png" "https://dichvucong.gov.vn/tra-cuu?ma=000.11.22.H33-261205-0007"
convert "$D/letter_top.png" "$T/qr.png" -gravity center -background white +append \
    -density 300 -units PixelsPerInch "$S/08.png"
cp "$D/letter_top_lzw.tif" "$S/09.tif"
# 10 the receipt of a fourth dossier (its QR code the bare code), 11 a page upside down,
# 12 a page
qrencode -s 8 -m 4 -o "$T/qr2.png" "000.11.22.H33-261205-0008"
convert "$D/letter_top.png" "$T/qr2.png" -gravity center -background white +append \
    -density 300 -units PixelsPerInch "$S/10.png"
convert "$D/letter_top.png" -rotate 180 "$S/11.png"
cp "$D/letter_top.pgm" "$S/12.pgm"
files=$(ls "$S"/* | sort)

run h scan --split --drop-blank --dry-run --json $files
expect_rc 0 "dry run"
python3 - "$T/out" <<'PY' || fail "planned split"
import json, sys
j = json.load(open(sys.argv[1]))
d = [(x["code"], x["pages"]) for x in j["dossiers"]]
assert d == [("000.27.30.H34-200311-0015", [1, 2]), ("COV-1", [5, 7]),
             ("000.11.22.H33-261205-0007", [8, 9]),
             ("000.11.22.H33-261205-0008", [10, 11, 12])], d
dropped = {x["page"]: x["why"] for x in j["dropped"]}
assert dropped == {3: "separator sheet", 4: "cover sheet", 6: "blank page"}, dropped
PY
[ "$(archives)" = 0 ] || fail "a dry run filed something"
run h scan --split --drop-blank --dry-run $files
expect_out "dossier 2: pages 5, 7, code COV-1 (cover sheet on page 4)"
expect_out "page 3: separator sheet, left out"

run h scan --split --drop-blank --json $files
expect_rc 0 "split and file"
[ "$(archives)" = 4 ] || fail "four dossiers filed"
for c in 000.27.30.H34-200311-0015 COV-1 000.11.22.H33-261205-0007; do
    run h show --json "$c"
    expect_rc 0 "show $c"
    [ "$(json 'len(j["pages"])')" = 2 ] || fail "$c has two pages"
done
run h show --json COV-1
[ "$(json '",".join(p["source"] for p in j["pages"])')" = "05.jpg,07.tif" ] || fail "COV-1's pages"
run h show --json 000.11.22.H33-261205-0007
json '[c["data"] for c in j["pages"][0]["codes"]][0]' | grep -q "000.11.22.H33-261205-0007" ||
    fail "the QR code is recorded on its page"
# each dossier's PDF holds its own pages only
zip=$(find "$HOME_DIR/archive" -name COV-1.zip)
unzip -p "$zip" COV-1/data/dossier.pdf >"$T/cov.pdf"
[ "$(pdfinfo "$T/cov.pdf" | sed -n 's/^Pages: *//p')" = 2 ] || fail "COV-1's PDF has its 2 pages"
# filing the same stack again: every dossier exists; refused one by one, nothing replaced
run h scan --split --drop-blank $files
expect_rc 1 "the same stack again"
expect_err "already exists"
[ "$(archives)" = 4 ] || fail "still four dossiers"
run h show --json 000.11.22.H33-261205-0008
[ "$(json 'len(j["pages"])')" = 3 ] || fail "the fourth dossier keeps its page upside down"
run h verify
expect_rc 0 "verify"
# batch --split: the same stack as a folder of single pages, into another home; a second
# run files nothing more
H2=$T/home2
run "$HOSO" --home "$H2" batch --split --drop-blank --json "$S"
expect_rc 0 "batch --split"
[ "$(grep -c '"status":"filed"' "$T/out")" = 4 ] || fail "batch --split filed four dossiers"
run "$HOSO" --home "$H2" batch --split --drop-blank --json "$S"
expect_rc 0 "batch --split again"
[ "$(grep -c '"status":"filed"' "$T/out")" = 0 ] || fail "the second run filed again"
[ "$(find "$H2/archive" -name '*.zip' | wc -l)" = 4 ] || fail "four archives in the batch home"
# scan --device --split: pages an interrupted scan left (a cover sheet, a page, a
# separator) resumed with one more page from SANE's pnm backend: two dossiers
H3=$T/home3
p="$H3/pending/pnm_0"
mkdir -p "$p"
cp "$S/04.png" "$p/0001.png"
cp "$D/letter_top.png" "$p/0002.png"
cp "$S/03.png" "$p/0003.png"
run "$HOSO" --home "$H3" scan --device pnm:0 --resolution 300 \
    --sane-option "filename=$D/letter_top.pgm" --resume --split --json
expect_rc 0 "scan --device --split"
python3 - "$T/out" <<'PY' || fail "the feeder's stack split"
import json, sys
j = json.load(open(sys.argv[1]))
d = [(x["code"], x["pages"], "archive" in x) for x in j["dossiers"]]
assert d[0] == ("COV-1", [2], True) and d[1][1] == [4] and d[1][2] and len(d) == 2, d
PY
[ "$(find "$H3/archive" -name '*.zip' | wc -l)" = 2 ] || fail "two archives from the scanner"
[ ! -d "$p" ] || fail "the pending pages were not cleared"
finish
