#!/bin/bash
# label: slow
# The event log of a dossier: data/events.jsonl in the bag (capture, cleanup, ocr,
# extraction, ingestion) written at filing, continued by an append; fixity checks and
# merges kept in the index (the bag is not rewritten for them) until the next bag write
# takes them in; `show` prints the log, `show --events --json` lists it.
. "$(dirname "$0")/lib.sh"

types() { python3 -c "import json,sys; print(' '.join(e['type'] for e in json.load(open('$T/out'))))"; }

run h scan --code EV-1 "$D/letter_top.png"
expect_rc 0 "scan"
zip=$(find "$HOME_DIR/archive" -name EV-1.zip)
unzip -p "$zip" EV-1/data/events.jsonl >"$T/ev1" || fail "events.jsonl in the bag"
python3 - "$T/ev1" <<'PY' || fail "events.jsonl lines"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
assert [e["type"] for e in ev] == ["capture", "cleanup", "ocr", "extraction", "ingestion"], ev
for e in ev:
    assert e["agent"].startswith("hoso "), e
    assert e["outcome"] in ("success", "needs review"), e
    assert e["time"].endswith("Z") and len(e["time"]) == 20, e
assert "letter_top.png" in ev[0]["detail"]
PY
unzip -p "$zip" EV-1/manifest-sha256.txt | grep -q " data/events.jsonl$" || fail "the log is in the manifest"

run h verify EV-1
expect_rc 0 "verify"
run h show --events --json EV-1
expect_rc 0 "show --events --json"
[ "$(types)" = "capture cleanup ocr extraction ingestion fixity check" ] || fail "log after verify: $(types)"
# verify did not rewrite the bag
unzip -p "$zip" EV-1/data/events.jsonl | cmp -s - "$T/ev1" || fail "verify rewrote the bag's log"

run h scan --code EV-1 --append "$D/letter_top_g4.tif"
expect_rc 0 "append"
unzip -p "$zip" EV-1/data/events.jsonl >"$T/ev2"
python3 - "$T/ev2" <<'PY' || fail "appended log"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
t = [e["type"] for e in ev]
assert t == ["capture", "cleanup", "ocr", "extraction", "ingestion", "fixity check",
             "capture", "cleanup", "ocr", "extraction", "append"], t
assert "page 2" in ev[-1]["detail"], ev[-1]
PY
# the fixity check moved into the bag: listed once
run h show --events --json EV-1
[ "$(types | grep -o 'fixity check' | wc -l)" = 1 ] || fail "the fixity check listed once: $(types)"
run h show EV-1
expect_rc 0 "show"
expect_out "Events:"
expect_out "append"

# a merged dossier: its bag's log, then the merge
S=$T/shard
"$HOSO" --home "$S" scan --code EV-2 "$D/letter_top.jpg" >/dev/null 2>&1 || fail "shard scan"
run h merge "$S"
expect_rc 0 "merge"
run h show --events --json EV-2
[ "$(types)" = "capture cleanup ocr extraction ingestion merge" ] || fail "merged log: $(types)"
run h export EV-2 --dir "$T/out-dir"
expect_rc 0 "export"
[ -f "$T/out-dir/EV-2/data/events.jsonl" ] || fail "the exported bag holds its log"
run h show --events --json EV-2
[ "$(types)" = "capture cleanup ocr extraction ingestion merge export" ] || fail "exported log: $(types)"
# reindex rebuilds the index from the archives and keeps the events beside them
run h reindex
expect_rc 0 "reindex"
run h show --events --json EV-2
[ "$(types)" = "capture cleanup ocr extraction ingestion merge export" ] || fail "log after reindex: $(types)"
run h verify
expect_rc 0 "verify all"
finish
