#!/bin/bash
# label: slow
# A 4-page TIFF (G4, 8-bit LZW, RGB JPEG, LZW) filed as one dossier of 4 pages; a word
# from page 3 found on page 3; the archive is a valid zip holding a BagIt bag; show,
# export and verify agree with it.
. "$(dirname "$0")/lib.sh"

run h scan --json --code TEST-0001 "$D/dossier4.tif"
expect_rc 0 "scan"
[ "$(json 'j["pages"]')" = 4 ] || fail "pages != 4"
[ "$(json 'j["code"]')" = TEST-0001 ] || fail "code"
zip=$(json 'j["archive"]')
case "$zip" in /*) ;; *) fail "archive path not absolute: $zip" ;; esac
[ -f "$zip" ] || fail "no archive at $zip"

# other tools open the zip, and it holds one bag folder named after the code
run unzip -t "$zip"
expect_rc 0 "unzip -t"
run unzip -Z1 "$zip"
for f in bagit.txt bag-info.txt manifest-sha256.txt tagmanifest-sha256.txt data/dossier.json \
    data/images/0001.tif data/images/0002.png data/images/0003.png data/images/0004.png \
    data/text/0001.txt data/text/0004.txt; do
    expect_out "TEST-0001/$f"
done
[ "$(grep -vc '^TEST-0001/' "$T/out")" = 0 ] || fail "member outside the bag folder"
# the manifests check out with the standard tool
mkdir "$T/x" && (cd "$T/x" && unzip -q "$zip" && cd TEST-0001 && sha256sum --quiet -c manifest-sha256.txt &&
    sha256sum --quiet -c tagmanifest-sha256.txt) || fail "sha256sum -c on the manifests"
grep -q '^External-Identifier: TEST-0001$' "$T/x/TEST-0001/bag-info.txt" || fail "External-Identifier"
# Payload-Oxum: the payload's bytes and files (images, texts, hOCR, ALTO, PDF, dossier.json,
# events.jsonl)
oxum=$(cd "$T/x/TEST-0001" && find data -type f | wc -l)
bytes=$(cd "$T/x/TEST-0001" && find data -type f -printf '%s\n' | awk '{s += $1} END {print s}')
grep -q "^Payload-Oxum: $bytes\.$oxum$" "$T/x/TEST-0001/bag-info.txt" || fail "Payload-Oxum $bytes.$oxum"
[ "$oxum" = 19 ] ||
    fail "19 payload files (4 x image, text, hOCR, ALTO + PDF + dossier.json + events.jsonl)"

# page 3 is the birth registration form: "khai sinh" is only there
run h search --json "khai sinh"
expect_rc 0 "search"
[ "$(json 'j["total"]')" = 1 ] || fail "total != 1 for 'khai sinh'"
[ "$(json 'j["hits"][0]["page"]')" = 3 ] || fail "'khai sinh' not found on page 3"
[ "$(json 'j["hits"][0]["code"]')" = TEST-0001 ] || fail "hit code"
json 'j["hits"][0]["snippet"]' | grep -qi '\[khai\] \[sinh\]' || fail "snippet marks"
# page 1 is the receipt: the applicant's name
run h search "Phạm Minh Tuấn"
expect_out "TEST-0001  p.1"

# show: the record of 4 pages with their sources
run h show --json TEST-0001
expect_rc 0 "show --json"
[ "$(json 'len(j["pages"])')" = 4 ] || fail "show pages"
[ "$(json 'j["pages"][2]["source_page"]')" = 3 ] || fail "source_page"
[ "$(json 'j["pages"][0]["depth"]')" = 1 ] || fail "page 1 depth"
[ "$(json 'j["pages"][0]["dpi"]')" = 300 ] || fail "page 1 dpi"
run h show TEST-0001
expect_out "Pages:    4"

# export --text: every page, separated by form feeds, each close to its ground truth
run h export TEST-0001 --text
expect_rc 0 "export --text"
python3 - "$T/out" "$T" <<'PY' || fail "export split"
import sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f\n")
assert len(pages) == 4, len(pages)
for i, p in enumerate(pages, 1):
    open(f"{sys.argv[2]}/p{i}.txt", "w", encoding="utf-8").write(p)
PY
for i in 1 2 3 4; do
    c=$(cer "$D/dossier4.p$i.gt.txt" "$T/p$i.txt")
    echo "page $i: cer $c"
    below "$c" 0.03 || fail "page $i cer $c >= 3%"
done

run h export TEST-0001 --dir "$T/exp"
expect_rc 0 "export --dir"
[ -f "$T/exp/TEST-0001/data/dossier.json" ] || fail "export --dir"

run h verify
expect_rc 0 "verify"
expect_out "ok      TEST-0001"
[ "$(leftovers)" = 0 ] || fail "temporary files left"
finish
