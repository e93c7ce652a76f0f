#!/bin/bash
# label: slow
# Every supported encoding of the same page reads as its ground truth through `hoso ocr`,
# and all of them file together as one dossier in the order given.
. "$(dirname "$0")/lib.sh"

files="letter_top.png letter_top_rgb.png letter_top_nodpi.png letter_top.jpg letter_top.pgm
       letter_top.ppm letter_top_lzw.tif letter_top_g4.tif letter_top_jpeg.tif"
for f in $files; do
    run "$HOSO" ocr "$D/$f"
    expect_rc 0 "ocr $f"
    c=$(cer "$D/letter_top.gt.txt" "$T/out")
    echo "$f: cer $c"
    below "$c" 0.02 || fail "$f: cer $c >= 2%"
done

# several files: pages separated by a form-feed line
run "$HOSO" ocr "$D/letter_top.png" "$D/letter_top_g4.tif"
expect_rc 0 "ocr two files"
[ "$(grep -c $'^\f$' "$T/out")" = 1 ] || fail "one form-feed line between two pages"
run "$HOSO" ocr --no-clean --lang eng "$D/letter_top.png"
expect_rc 0 "ocr --no-clean --lang eng"
expect_out "158/STTTT"

paths=""
for f in $files; do paths="$paths $D/$f"; done
# shellcheck disable=SC2086
run h scan --json $paths
expect_rc 0 "scan of nine files"
[ "$(json 'j["pages"]')" = 9 ] || fail "nine pages"
code=$(json 'j["code"]')
echo "$code" | grep -Eq '^000\.00\.00\.H00-[0-9]{6}-0001$' || fail "generated code shape: $code"
run h show --json "$code"
[ "$(json '",".join(p["source"] for p in j["pages"])')" = "$(echo $files | tr ' ' ',')" ] ||
    fail "pages not in the order given"
[ "$(json 'j["pages"][2]["dpi_assumed"]')" = True ] || fail "nodpi page: dpi_assumed"
[ "$(json 'j["pages"][7]["image"]')" = data/images/0008.tif ] || fail "G4 page archived as G4 TIFF"

# the next generated code of the day follows; --agency sets the prefix
run h scan --json --agency 000.27.30.H34 "$D/letter_top.png"
expect_rc 0 "scan --agency"
json 'j["code"]' | grep -Eq '^000\.27\.30\.H34-[0-9]{6}-0001$' || fail "agency code"
echo "agency = 000.11.22.H33" >"$HOME_DIR/hoso.conf"
run h scan --json "$D/letter_top.png"
json 'j["code"]' | grep -Eq '^000\.11\.22\.H33-[0-9]{6}-0001$' || fail "agency from hoso.conf"
finish
