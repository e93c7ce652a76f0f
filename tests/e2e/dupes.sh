#!/bin/bash
# label: slow
# Duplicates: a page filed again (the same file) is the same image; the same page in
# another format (another scan of it) reads the same; both are reported when filed (scan
# warns, --json says which dossier and page) and by `hoso dupes`; a different page is not;
# nothing is dropped.
. "$(dirname "$0")/lib.sh"

run h scan --code D-1 "$D/letter_top.png"
expect_rc 0 "first"
run h scan --code D-2 --json "$D/letter_top.png"
expect_rc 0 "the same file again is filed"
expect_err "page 1 is the same image as page 1 of 'D-1'"
[ "$(json 'j["duplicates"][0]["dossier"], j["duplicates"][0]["kind"]')" = "D-1 image" ] ||
    fail "--json names the duplicate"
run h scan --code D-3 "$D/letter_top_g4.tif"
expect_rc 0 "another scan of the page"
expect_err "reads like page 1 of 'D-"
run h scan --code D-4 "$D/dossier4.tif"
expect_rc 0 "other pages"
grep -q "D-4" "$T/err" && fail "a different page reported as a duplicate"
run h dupes --json
expect_rc 0 "dupes"
python3 - "$T/out" <<'PY' || fail "dupes --json"
import json, sys
j = json.load(open(sys.argv[1]))
pairs = {(p["dossier"], p["other"], p["kind"]) for p in j["pages"]}
assert ("D-1", "D-2", "image") in pairs, pairs
assert any(p[2] == "text" and "D-3" in p[:2] for p in pairs), pairs
assert not any("D-4" in p[:2] for p in pairs), pairs
whole = {(d["dossier"], d["repeats"]) for d in j["dossiers"]}
assert ("D-2", "D-1") in whole and ("D-1", "D-2") in whole, whole
PY
run h dupes D-4
expect_rc 0 "dupes of one dossier"
expect_out "0 duplicate page pairs"
run h dupes NO-SUCH
expect_rc 1 "dupes of an unknown dossier"
[ "$(archives)" = 4 ] || fail "nothing dropped"
finish
