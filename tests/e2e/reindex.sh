#!/bin/bash
# label: slow
# The archives are the record: deleting the index and running reindex gives the same
# search results, records and verify; --append adds pages to a filed dossier.
. "$(dirname "$0")/lib.sh"

run h scan --code R-1 "$D/letter_top.png"
expect_rc 0 "scan R-1"
run h scan --code R-2 "$D/dossier4.p1.gt.txt" 2>/dev/null
expect_rc 1 "text file refused"
run h scan --code R-2 "$D/letter_top_g4.tif"
expect_rc 0 "scan R-2"
run h scan --code R-1 --append "$D/letter_top_jpeg.tif"
expect_rc 0 "append to R-1"
run h show --json R-1
[ "$(json 'len(j["pages"])')" = 2 ] || fail "R-1 has 2 pages after --append"
[ "$(json 'j["pages"][1]["source"]')" = letter_top_jpeg.tif ] || fail "appended page"
[ "$(json '"updated" in j')" = True ] || fail "updated time"

for q in "thông tin" "STTTT" "Khánh Hòa" "truyền thông"; do
    h search --json --limit 50 "$q" >"$T/before.$q.json" || fail "search $q"
done
h show --json R-1 >"$T/before.show.json"
rm -f "$HOME_DIR"/index.sqlite*
run h reindex
expect_rc 0 "reindex"
expect_out "reindexed 2 dossiers"
for q in "thông tin" "STTTT" "Khánh Hòa" "truyền thông"; do
    h search --json --limit 50 "$q" >"$T/after.$q.json"
    cmp -s "$T/before.$q.json" "$T/after.$q.json" || fail "search '$q' differs after reindex"
done
h show --json R-1 >"$T/after.show.json"
cmp -s "$T/before.show.json" "$T/after.show.json" || fail "show differs after reindex"
[ "$(python3 -c "import json; print(json.load(open('$T/after.thông tin.json'))['total'])")" -ge 3 ] ||
    fail "reindexed search finds the pages"
run h verify
expect_rc 0 "verify after reindex"

# a broken archive is reported and skipped; the others are indexed
echo "not a zip" >"$HOME_DIR/archive/broken.zip"
run h reindex
expect_rc 1 "reindex with a broken zip"
expect_err "broken.zip"
expect_out "reindexed 2 dossiers, 1 archive skipped"
run h search STTTT
expect_out "R-2"
rm "$HOME_DIR/archive/broken.zip"

# a damaged index (its pages overwritten, the header intact): searching says to reindex,
# and reindex moves the damaged file aside and builds a new one from the archives
python3 - "$HOME_DIR/index.sqlite" <<'PY'
import os, sys
p = sys.argv[1]
with open(p, "r+b") as f:
    f.seek(4096)
    f.write(os.urandom(os.path.getsize(p) - 4096))
PY
run h search STTTT
expect_rc 1 "search on a damaged index"
expect_one_line_err "run 'hoso reindex'"
run h reindex
expect_rc 0 "reindex over a damaged index"
expect_err "moved it to"
expect_out "reindexed 2 dossiers"
[ "$(ls "$HOME_DIR"/index.sqlite.damaged-* 2>/dev/null | wc -l)" -ge 1 ] || fail "the damaged file kept aside"
run h search STTTT
expect_out "R-2"
run h verify
expect_rc 0 "verify after rebuilding a damaged index"
finish
