#!/bin/bash
# label: slow
# The OCR outputs in every bag: a searchable PDF whose text layer pdftotext reads, hOCR
# and ALTO per page; pages read with low confidence listed for review; appended pages get
# their own PDF.
. "$(dirname "$0")/lib.sh"

run h scan --code OUT-1 "$D/letter_top.png" "$D/blurred_top.jpg"
expect_rc 0 "scan"
zip=$(ls "$HOME_DIR"/archive/*/OUT-1.zip)
run unzip -Z1 "$zip"
for f in data/dossier.pdf data/ocr/0001.hocr data/ocr/0001.alto.xml data/ocr/0002.hocr \
    data/ocr/0002.alto.xml; do
    expect_out "OUT-1/$f"
done
unzip -p "$zip" OUT-1/data/dossier.pdf >"$T/d.pdf"
[ "$(pdfinfo "$T/d.pdf" | sed -n 's/^Pages: *//p')" = 2 ] || fail "PDF pages"
pdftotext -f 1 -l 1 "$T/d.pdf" "$T/p1.txt" || fail "pdftotext"
c=$(cer "$D/letter_top.gt.txt" "$T/p1.txt")
echo "pdftotext page 1: cer $c"
below "$c" 0.03 || fail "PDF text layer cer $c"
# the PDF is not bigger than the archival images it shows (+10%)
imgs=$(unzip -Zl "$zip" | awk '/data\/images\// {s += $4} END {print s}')
pdf=$(stat -c %s "$T/d.pdf")
echo "pdf $pdf bytes, images $imgs bytes"
[ "$pdf" -le $((imgs * 11 / 10)) ] || fail "PDF larger than the images + 10%"
# the PDF shows the archival image itself: its compressed data is the PNG's, not encoded again
unzip -p "$zip" OUT-1/data/images/0001.png >"$T/a1.png"
python3 - "$T/d.pdf" "$T/a1.png" <<'PY' || fail "the PDF's first image is not the archival PNG's data"
import re, struct, sys
pdf, png = open(sys.argv[1], 'rb').read(), open(sys.argv[2], 'rb').read()
idat, i = b'', 8
while i < len(png):
    n, kind = struct.unpack('>I4s', png[i:i + 8])
    if kind == b'IDAT':
        idat += png[i + 8:i + 8 + n]
    i += 12 + n
m = re.search(rb'/Subtype /Image.*?stream\r?\n', pdf, re.S)
sys.exit(0 if m and pdf[m.end():m.end() + len(idat)] == idat else 1)
PY
unzip -p "$zip" OUT-1/data/ocr/0001.hocr | grep -q "class='ocr_page'" || fail "hOCR"
unzip -p "$zip" OUT-1/data/ocr/0001.alto.xml | grep -q "<alto" || fail "ALTO"

# review: with the default threshold (70) the clean page is fine and the blurred one,
# whatever Tesseract makes of it, is either empty or listed; a home that asks for 99 lists
# the clean page too (the threshold is hoso.conf's review_confidence)
run h show --json OUT-1
[ "$(json 'j["pages"][0].get("needs_review")')" = None ] || fail "a clean page needs no review"
[ "$(json 'j["pdf"]')" = "['data/dossier.pdf']" ] || fail "pdf list"
[ "$(json 'j["pages"][1]["words"] == 0 or j["pages"][1].get("needs_review") is True')" = True ] ||
    fail "a blurred page read with low confidence is listed for review"
run h search --json --needs-review
[ "$(json '("OUT-1", 1) in [(h["code"], h["page"]) for h in j["hits"]]')" = False ] ||
    fail "--needs-review lists a clean page"
echo "review_confidence = 99" >"$HOME_DIR/hoso.conf"
run h scan --code OUT-2 "$D/letter_top.png"
expect_rc 0 "scan with a strict threshold"
run h show --json OUT-2
[ "$(json 'j["pages"][0].get("needs_review")')" = True ] || fail "needs_review under the home's threshold"
run h show OUT-2
expect_out "Needs review: p.1"
run h search --json --needs-review
[ "$(json '("OUT-2", 1) in [(h["code"], h["page"]) for h in j["hits"]]')" = True ] || fail "--needs-review lists the page"
run h search --json --needs-review "thong tin"
[ "$(json '"OUT-2" in [h["code"] for h in j["hits"]]')" = True ] || fail "--needs-review filters a query"
echo "review_confidence = 0" >"$HOME_DIR/hoso.conf"
run h search --needs-review
expect_rc 1 "a bad threshold"
expect_one_line_err "review_confidence"
rm "$HOME_DIR/hoso.conf"

# blank back sides: kept (not read) by default, left out with --drop-blank
run h scan --json --code BL-1 "$D/letter_top.png" "$D/blank.png"
[ "$(json 'j["pages"]')" = 2 ] || fail "a blank page is kept"
run h show --json BL-1
[ "$(json 'j["pages"][1]["cleanup"]["blank"]')" = True ] || fail "marked blank"
[ "$(json 'j["pages"][1]["words"]')" = 0 ] || fail "a blank page is not read"
run h scan --json --drop-blank --code BL-2 "$D/letter_top.png" "$D/blank.png"
[ "$(json 'j["pages"]')" = 1 ] || fail "--drop-blank"
run h scan --drop-blank --code BL-3 "$D/blank.png"
expect_rc 1 "only blank pages"
expect_one_line_err "every page is blank"
mkdir "$T/dbg"
run h scan --code DBG-1 --debug-dir "$T/dbg" "$D/letter_top.png"
expect_rc 0 "--debug-dir"
[ "$(ls "$T/dbg" | wc -l)" -ge 3 ] || fail "--debug-dir wrote the stages"

run h scan --code OUT-1 --append "$D/letter_top_g4.tif"
expect_rc 0 "append"
zip=$(ls "$HOME_DIR"/archive/*/OUT-1.zip)
run unzip -Z1 "$zip"
# pages appended later join the one dossier.pdf, after the pages already there
grep -q "dossier-2.pdf" "$T/out" && fail "a second PDF instead of one"
unzip -p "$zip" OUT-1/data/dossier.pdf >"$T/d3.pdf"
[ "$(pdfinfo "$T/d3.pdf" | sed -n 's/^Pages: *//p')" = 3 ] || fail "dossier.pdf holds all 3 pages"
pdftotext -f 3 -l 3 "$T/d3.pdf" "$T/p3.txt" || fail "pdftotext page 3"
grep -q "THÔNG" "$T/p3.txt" || fail "the appended page has its text layer"
run h show --json OUT-1
[ "$(json 'j["pdf"]')" = "['data/dossier.pdf']" ] || fail "one PDF in the record"
run unzip -Z1 "$zip"
expect_out "OUT-1/data/ocr/0003.hocr"
expect_out "OUT-1/data/ocr/0001.alto.xml"
run h verify
expect_rc 0 "verify"

# An old PDF that cannot be joined (damaged, its manifest made to agree) is kept as it
# was; the new pages' PDF goes beside it, under a name not taken, appended again and again.
python3 - "$zip" <<'PY' || fail "could not damage the PDF"
import hashlib, sys, zipfile
path = sys.argv[1]
items = [(i, zipfile.ZipFile(path).read(i.filename)) for i in zipfile.ZipFile(path).infolist()]
junk = b'not a PDF at all'
sha = lambda b: hashlib.sha256(b).hexdigest()
out = {}
for i, data in items:
    out[i.filename] = junk if i.filename.endswith('/data/dossier.pdf') else data
man = [k for k in out if k.endswith('/manifest-sha256.txt')][0]
out[man] = b''.join(
    (f"{sha(junk)}  data/dossier.pdf\n".encode() if l.endswith(b'data/dossier.pdf') else l + b'\n')
    for l in out[man].splitlines())
tag = [k for k in out if k.endswith('/tagmanifest-sha256.txt')][0]
out[tag] = b''.join(
    (f"{sha(out[man])}  manifest-sha256.txt\n".encode() if l.endswith(b' manifest-sha256.txt')
     else l + b'\n') for l in out[tag].splitlines())
with zipfile.ZipFile(path + '.new', 'w', zipfile.ZIP_DEFLATED) as z:
    for i, _ in items:
        z.writestr(i, out[i.filename])
import os
os.replace(path + '.new', path)
PY
run h verify OUT-1
expect_rc 1 "verify sees the index's checksum of the replaced PDF"
for n in 2 3; do
    run h scan --code OUT-1 --append "$D/letter_top_g4.tif"
    expect_rc 0 "append to a dossier whose PDF is damaged ($n)"
    grep -q "kept beside the old one" "$T/err" || fail "no warning that the PDF is kept beside"
    run h show --json OUT-1
    want="['data/dossier.pdf', 'data/dossier-2.pdf'"
    [ "$n" = 3 ] && want="$want, 'data/dossier-3.pdf'"
    [ "$(json 'j["pdf"]')" = "$want]" ] || fail "PDFs after append $n: $(json 'j["pdf"]')"
done
zip=$(ls "$HOME_DIR"/archive/*/OUT-1.zip)
[ "$(unzip -p "$zip" OUT-1/data/dossier.pdf)" = "not a PDF at all" ] || fail "the old PDF changed"
unzip -p "$zip" OUT-1/data/dossier-3.pdf >"$T/d5.pdf"
[ "$(pdfinfo "$T/d5.pdf" | sed -n 's/^Pages: *//p')" = 1 ] || fail "dossier-3.pdf: the new page"
run h verify
expect_rc 0 "verify after the appends"
finish
