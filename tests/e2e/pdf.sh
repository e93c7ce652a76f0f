#!/bin/bash
# label: slow
# PDF in, PDF/A out (issue 20): scanned PDFs read at their own pixels (G4 stays 1-bit),
# born-digital pages keep their text, mixed pages rendered; encrypted, truncated and empty
# PDFs refused in one line with nothing filed; the original PDF in the bag with its
# checksum; dossier.pdf PDF/A-2b (qpdf --check, XMP read back, sRGB output intent, G4
# images); --append and batch take PDFs; export --pdf writes a new file only.
#
# The test PDFs in tests/data (a few KB each) were made from the test pages with img2pdf
# 0.4.4, Ghostscript 10.0 and qpdf 11.3 (Debian 12):
#   img2pdf letter_top_g4.tif -o letter_top_g4.pdf; img2pdf letter_top.jpg -o letter_top_jpeg.pdf
#   img2pdf --rotation=90 letter_top_g4.tif -o letter_top_rot90.pdf
#   gs -sDEVICE=pdfwrite -o born_digital.pdf receipt.ps   (three lines of Helvetica, a rule)
#   qpdf letter_top_g4.pdf --overlay born_digital.pdf -- mixed.pdf
#   qpdf --encrypt user owner 256 -- letter_top_g4.pdf encrypted.pdf
#   head -c 2500 letter_top_g4.pdf >truncated.pdf; qpdf --empty nopages.pdf
#   convert letter_top.png -background white -rotate 2 -colorspace gray -quality 75 \
#       -units PixelsPerInch -density 300 skew.jpg; img2pdf skew.jpg -o letter_top_skew_jpeg.pdf
. "$(dirname "$0")/lib.sh"

for tool in qpdf pdfimages pdftotext; do
    command -v $tool >/dev/null || { echo "skipped: no $tool"; exit 77; }
done

# ---- hoso ocr: scanned PDFs read as the same page as an image file ----
for f in letter_top_g4.pdf letter_top_jpeg.pdf; do
    run "$HOSO" ocr "$D/$f"
    expect_rc 0 "ocr $f"
    c=$(cer "$D/letter_top.gt.txt" "$T/out")
    echo "$f: cer $c"
    below "$c" 0.02 || fail "$f: cer $c >= 2%"
done

# ---- bad PDFs: one line, nothing filed ----
check_refused() {
    run h scan "$D/letter_top.png" "$1"
    expect_rc 1 "$1 refused"
    expect_one_line_err "$2"
    [ "$(archives)" = 0 ] || fail "$1: nothing may be filed"
}
check_refused "$D/encrypted.pdf" "encrypted pdf"
check_refused "$D/truncated.pdf" "damaged pdf"
check_refused "$D/nopages.pdf" "pdf has no pages"
head -c 200 "$D/letter_top_g4.pdf" >"$T/cut.pdf"
check_refused "$T/cut.pdf" "pdf"

# ---- a dossier of PDFs ----
run h scan --json "$D/letter_top_g4.pdf" "$D/born_digital.pdf" "$D/letter_top_jpeg.pdf" \
    "$D/mixed.pdf"
expect_rc 0 "scan of four PDFs"
code=$(json 'j["code"]')
zip=$(find "$HOME_DIR/archive" -name '*.zip')
X=$T/x
mkdir -p "$X"
(cd "$X" && unzip -q "$zip")
B=$X/$code
python3 - "$B/data/dossier.json" <<'PY' || fail "dossier.json of the PDF pages"
import json, sys
j = json.load(open(sys.argv[1]))
p = j["pages"]
assert len(p) == 4, len(p)
assert [x["pdf_page"] for x in p] == ["image", "text", "image", "rendered"], p
assert p[0]["depth"] == 1 and p[0]["dpi"] == 300 and p[0]["pdf_image"] == "ccitt", p[0]
assert (p[0]["width"], p[0]["height"]) == (965, 313), p[0]
assert p[0]["image"].endswith(".tif"), p[0]
assert p[2]["pdf_image"] == "jpeg" and p[2]["depth"] == 8, p[2]
assert p[1]["text_source"] == "pdf" and "ocr_confidence" not in p[1], p[1]
assert not p[1].get("needs_review"), p[1]
assert p[0]["original"] == "data/original/letter_top_g4.pdf", p[0]
assert all(x["format"] == "pdf" for x in p)
assert all("_original" not in x for x in p)
PY
# the born-digital page's own text, not OCR's
grep -q "0905118274" "$B/data/text/0002.txt" || fail "born-digital text kept"
grep -q "Tran Van Binh" "$B/data/text/0002.txt" || fail "born-digital text kept"
# hoso ocr of the born-digital PDF: the same text as filed, its own, not an OCR of a render
run "$HOSO" ocr --timings "$D/born_digital.pdf"
expect_rc 0 "ocr of a born-digital PDF"
cmp -s "$T/out" "$B/data/text/0002.txt" || fail "ocr prints the born-digital page's own text"
grep -q "not OCR'd" "$T/err" || fail "ocr says the born-digital page was not OCR'd: $(cat "$T/err")"
# the originals, byte for byte, with their checksums in the manifest
for f in letter_top_g4.pdf born_digital.pdf letter_top_jpeg.pdf mixed.pdf; do
    cmp -s "$D/$f" "$B/data/original/$f" || fail "original $f kept as it was"
    sum=$(sha256sum "$D/$f" | cut -d' ' -f1)
    grep -q "^$sum  data/original/$f\$" "$B/manifest-sha256.txt" || fail "checksum of $f"
done

# ---- dossier.pdf: PDF/A-2b ----
P=$B/data/dossier.pdf
run qpdf --check "$P"
expect_rc 0 "qpdf --check"
expect_out "No syntax or stream encoding errors"
[ "$(qpdf --show-npages "$P")" = 4 ] || fail "four pages in dossier.pdf"
qpdf --qdf --object-streams=disable "$P" "$T/qdf.pdf"
python3 - "$T/qdf.pdf" "$code" <<'PY' || fail "PDF/A metadata"
import re, sys
b = open(sys.argv[1], "rb").read()
code = sys.argv[2].encode()
x = re.search(rb"<x:xmpmeta.*?</x:xmpmeta>", b, re.S).group(0)
assert b"<pdfaid:part>2</pdfaid:part>" in x, x
assert b"<pdfaid:conformance>B</pdfaid:conformance>" in x, x
t = re.search(rb'<rdf:li xml:lang="x-default">(.*?)</rdf:li>', x).group(1)
assert t.startswith(code + b" - "), t
assert re.search(rb"<xmpMM:DocumentID>uuid:[0-9a-f-]{36}</xmpMM:DocumentID>", x), x
assert b"/Type /Metadata" in b and b"/Subtype /XML" in b
assert b"/S /GTS_PDFA1" in b and b"/DestOutputProfile" in b
assert b"/OutputConditionIdentifier (sRGB IEC61966-2.1)" in b
assert re.search(rb"/ID \[ *<[0-9a-f]{32}>", b), "trailer ID"
assert b"/FontFile2" in b, "the text layer's font is embedded"
PY
pdfinfo "$P" | grep -q "^Title: *$code - " || fail "Info Title = code and title"
# the 1-bit pages as their G4 scan; the born-digital page as it was (no image)
pdfimages -list "$P" >"$T/images"
awk 'NR > 2 {print $1, $9}' "$T/images" >"$T/enc"
grep -q "^1 ccitt$" "$T/enc" || fail "page 1 shows its G4 scan: $(cat "$T/enc")"
grep -q "^2 " "$T/enc" && fail "the born-digital page went in as it is (no image)"
grep -q "^3 jpeg$" "$T/enc" || fail "page 3 shows its JPEG as the PDF held it"
# the text layer: the OCR'd words of page 1, the born-digital text of page 2
pdftotext -f 1 -l 1 "$P" - | grep -q "STTTT" || fail "page 1's text layer"
pdftotext -f 2 -l 2 "$P" - | grep -q "0905118274" || fail "page 2's own text"

# ---- --append a PDF: one dossier.pdf, still PDF/A ----
run h scan --code "$code" --append "$D/letter_top_g4.pdf"
expect_rc 0 "append a PDF"
zip=$(find "$HOME_DIR/archive" -name '*.zip')
rm -rf "$X" && mkdir -p "$X" && (cd "$X" && unzip -q "$zip")
[ "$(qpdf --show-npages "$B/data/dossier.pdf")" = 5 ] || fail "five pages after append"
qpdf --qdf --object-streams=disable "$B/data/dossier.pdf" "$T/qdf.pdf"
grep -aq "<pdfaid:part>2</pdfaid:part>" "$T/qdf.pdf" || fail "appended PDF still PDF/A"
[ -f "$B/data/original/letter_top_g4.pdf" ] && [ -f "$B/data/original/letter_top_g4-2.pdf" ] ||
    fail "the appended original beside the first of the same name"

# ---- a page turned by /Rotate comes out as the page shows it ----
run h scan --json --no-clean "$D/letter_top_rot90.pdf"
expect_rc 0 "scan a rotated page"
c2=$(json 'j["code"]')
run h show --json "$c2"
[ "$(json '(j["pages"][0]["width"], j["pages"][0]["height"])')" = "(313, 965)" ] ||
    fail "a /Rotate 90 page is 313x965: $(json 'j["pages"][0]')"

# ---- a skewed JPEG page: dossier.pdf shows the scan's own JPEG, drawn deskewed ----
run h scan --json "$D/letter_top_skew_jpeg.pdf"
expect_rc 0 "scan a skewed JPEG page"
c3=$(json 'j["code"]')
X3=$T/x3
mkdir -p "$X3" && (cd "$X3" && unzip -q "$(find "$HOME_DIR/archive" -name "$c3.zip")")
B3=$X3/$c3
pdfimages -list "$B3/data/dossier.pdf" | awk 'NR > 2 {print $4, $5, $9}' >"$T/enc"
[ "$(cat "$T/enc")" = "977 349 jpeg" ] || fail "the skewed page shows its 977x349 JPEG: $(cat "$T/enc")"
run qpdf --check "$B3/data/dossier.pdf"
expect_rc 0 "qpdf --check of the placed JPEG"
# rendered, the page is the archival (deskewed) image: the JPEG is turned, not stretched
pdftoppm -r 300 -gray "$B3/data/dossier.pdf" "$T/r3"
python3 - "$B3/data/dossier.json" "$B3/data/images/0001.png" "$T"/r3*.pgm <<'PY' || fail "placed JPEG"
import json, struct, sys, zlib
p = json.load(open(sys.argv[1]))["pages"][0]
assert p["cleanup"]["skew"] <= -1.5 and p["pdf_image"] == "jpeg", p
def png_grey(path):  # an 8-bit grey PNG, as the bag keeps a grey page
    b = open(path, "rb").read()
    pos, idat, w = 8, b"", 0
    while pos < len(b):
        n, t = struct.unpack(">I4s", b[pos:pos + 8])
        d = b[pos + 8:pos + 8 + n]
        if t == b"IHDR":
            w, h, depth, ctype, _, _, inter = struct.unpack(">IIBBBBB", d)
            assert depth == 8 and ctype == 0 and not inter, (depth, ctype, inter)
        elif t == b"IDAT":
            idat += d
        pos += 12 + n
    raw, rows, prev = zlib.decompress(idat), [], bytearray(w)
    for y in range(h):
        f, line = raw[y * (w + 1)], bytearray(raw[y * (w + 1) + 1:(y + 1) * (w + 1)])
        for x in range(w):
            a = line[x - 1] if x else 0
            c = prev[x - 1] if x else 0
            pr = {0: 0, 1: a, 2: prev[x], 3: (a + prev[x]) // 2}.get(f)
            if pr is None:
                q = a + prev[x] - c
                pa, pb, pc = abs(q - a), abs(q - prev[x]), abs(q - c)
                pr = a if pa <= pb and pa <= pc else prev[x] if pb <= pc else c
            line[x] = (line[x] + pr) & 255
        rows.append(line)
        prev = line
    return rows
def pgm(path):
    b = open(path, "rb").read()
    parts = b.split(None, 4)
    w, h = int(parts[1]), int(parts[2])
    px = parts[4][-w * h:]
    return [px[y * w:(y + 1) * w] for y in range(h)]
a, r = png_grey(sys.argv[2]), pgm(sys.argv[3])
h, w = min(len(a), len(r)), min(len(a[0]), len(r[0]))
assert abs(len(a) - len(r)) <= 2 and abs(len(a[0]) - len(r[0])) <= 2, (len(a), len(r))
def mad(dx):
    return sum(abs(a[y][x] - r[y][x + dx]) for y in range(0, h, 2) for x in range(4, w - 4, 2)) / (
        len(range(0, h, 2)) * len(range(4, w - 4, 2)))
m0, m3 = mad(0), mad(3)
print("mean difference", round(m0, 2), "shifted 3 px", round(m3, 2))
assert m0 < 4 and m0 < m3 / 2, (m0, m3)
PY
b_pdf=$(stat -c %s "$B3/data/dossier.pdf")
b_png=$(stat -c %s "$B3/data/images/0001.png")
[ "$b_pdf" -lt "$b_png" ] || fail "dossier.pdf ($b_pdf B) carries more than the JPEG ($b_png B PNG)"
pdftotext "$B3/data/dossier.pdf" - | grep -q "STTTT" || fail "the placed page's text layer"

# ---- a JPEG file: dossier.pdf shows the file's JPEG, not a PNG of its pixels ----
run h scan --json "$D/letter_top.jpg"
expect_rc 0 "scan a JPEG file"
c4=$(json 'j["code"]')
X4=$T/x4
mkdir -p "$X4" && (cd "$X4" && unzip -q "$(find "$HOME_DIR/archive" -name "$c4.zip")")
pdfimages -list "$X4/$c4/data/dossier.pdf" | awk 'NR > 2 {print $4, $5, $9}' >"$T/enc"
[ "$(cat "$T/enc")" = "965 313 jpeg" ] || fail "a JPEG file shows as its JPEG: $(cat "$T/enc")"

# ---- batch takes a folder of PDFs ----
mkdir -p "$T/src/one"
cp "$D/letter_top_jpeg.pdf" "$T/src/one/"
run h batch -j 1 --json "$T/src"
expect_rc 0 "batch of a folder with a PDF"

# ---- export --pdf FILE ----
run h export "$code" --pdf "$T/exp/d.pdf"
expect_rc 0 "export --pdf"
cmp -s "$T/exp/d.pdf" "$B/data/dossier.pdf" || fail "the PDF/A as filed, byte for byte"
run h export "$code" --pdf "$T/exp/d.pdf"
expect_rc 1 "export --pdf over a file"
expect_one_line_err "already exists"
echo keep >"$T/target"
ln -s "$T/target" "$T/link.pdf"
run h export "$code" --pdf "$T/link.pdf"
expect_rc 1 "export --pdf to a link"
expect_one_line_err "symbolic link"
[ "$(cat "$T/target")" = keep ] || fail "nothing written through the link"
mkdir -p "$T/real"
ln -s "$T/real" "$T/ldir"
run h export "$code" --pdf "$T/ldir/d.pdf"
expect_rc 1 "export --pdf through a linked folder"
[ -z "$(ls "$T/real")" ] || fail "nothing written through the linked folder"
run h export "$code" --pdf ""
expect_rc 2 "export --pdf ''"

finish
