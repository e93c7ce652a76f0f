#!/bin/bash
# The dossier's life without OCR: a synthetic quarter (tests/tools/synth_quarter.py) is
# imported as a register and `hoso stats` must give the counts the generator worked out on
# its own, in total, per agency, procedure and month, as text, JSON and CSV; working-day
# deadlines against the generator's; return and status are events; a filed archive gets
# its row when indexed, and reindex keeps a return.
. "$(dirname "$0")/lib.sh"
export HOSO_DATA="$(dirname "$0")/../../data"
CAL="$HOSO_DATA/holidays-vn.txt"
mkdir -p "$HOME_DIR"

python3 "$HS_TOOLS/synth_quarter.py" --calendar "$CAL" --n 4000 --year 2025 --quarter 1 \
    --tsv "$T/q.tsv" --expect "$T/expect.json" --due-sample "$T/due.tsv" || fail "synth_quarter"

run h status --import "$T/q.tsv"
expect_rc 0 "import the quarter"
expect_out "imported 4000 rows"

# compare NAME: stats JSON in $out against the expectation's group NAME (total for "")
compare() {
    python3 - "$T/out" "$T/expect.json" "$1" <<'EOF' || fail "stats --by ${1:-none} differs"
import json, sys
got, exp, by = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
keys = ["received", "carried", "early", "on_time", "late", "settled", "withdrawn", "open", "overdue"]
bad = []
def same(name, g, e):
    for k in keys:
        if g[k] != e[k]:
            bad.append("%s %s: got %s, expected %s" % (name, k, g[k], e[k]))
    r, er = g["on_time_rate"], e["on_time_rate"]
    if (r is None) != (er is None) or (r is not None and abs(r - er) > 1e-5):
        bad.append("%s rate: got %s, expected %s" % (name, r, er))
same("total", got["total"], exp["total"])
if by:
    groups = {g["group"]: g for g in got["groups"]}
    if set(groups) != set(exp[by]):
        bad.append("groups: got %s, expected %s" % (sorted(groups), sorted(exp[by])))
    for k, e in exp[by].items():
        if k in groups:
            same(k, groups[k], e)
else:
    if got["groups"]:
        bad.append("groups without --by")
for b in bad[:10]:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
}

for by in "" agency procedure month; do
    run h stats --from 2025-01-01 --to 2025-03-31 ${by:+--by $by} --json
    expect_rc 0 "stats --by ${by:-none}"
    compare "$by"
done
# the same period given as months
run h stats --from 2025-01 --to 2025-03 --json
compare ""
# the counts are not trivial: every kind occurs
python3 -c "
import json; t = json.load(open('$T/expect.json'))['total']
assert all(t[k] > 0 for k in ['received','carried','early','on_time','late','withdrawn','open','overdue']), t
" || fail "the synthetic quarter lacks a kind of outcome"

# CSV: a header, a row per group, the total; names with commas and quotes quoted
run h stats --from 2025-01-01 --to 2025-03-31 --by procedure --csv
expect_rc 0 "stats --csv"
python3 - "$T/out" "$T/expect.json" <<'EOF' || fail "stats --csv"
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
exp = json.load(open(sys.argv[2]))
assert rows[0][:3] == ["procedure", "received", "carried"], rows[0]
byname = {r[0]: r for r in rows[1:]}
assert set(byname) == set(exp["procedure"]) | {"total"}, sorted(byname)
for name, e in list(exp["procedure"].items()) + [("total", exp["total"])]:
    r = byname[name]
    assert int(r[1]) == e["received"] and int(r[6]) == e["settled"] and int(r[9]) == e["overdue"], (name, r, e)
    assert abs(float(r[10]) - e["on_time_rate"]) < 1e-4, (name, r[10], e["on_time_rate"])
EOF
grep -q '"Cấp đổi giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở"' "$T/out" ||
    fail "a procedure with a comma is quoted"

run h stats --from 2025-01-01 --to 2025-03-31 --by agency
expect_rc 0 "stats as text"
expect_out "000.00.31.H01"
expect_out "total"
expect_out "%"

# the overdue list: open (no return) and past the deadline at --now, longest overdue first
run h status --overdue --now 2025-04-01 --json
expect_rc 0 "status --overdue"
python3 - "$T/out" "$T/q.tsv" <<'EOF' || fail "status --overdue"
import csv, datetime as dt, json, sys
got = json.load(open(sys.argv[1]))
now = dt.datetime(2025, 4, 1)
want = []
for r in csv.DictReader(open(sys.argv[2], encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE):
    if r["returned_at"] or not r["due_at"]:
        continue
    due = dt.datetime.fromisoformat(r["due_at"])
    if len(r["due_at"]) == 10:
        due = due.replace(hour=23, minute=59)
    if due < now:
        want.append((due, r["code"]))
want.sort()
assert [g["code"] for g in got] == [c for _, c in want], (len(got), len(want))
assert all(g["days_late"] >= 0 for g in got)
EOF

# working-day deadlines as the generator counted them (weekends, holidays, days worked)
n=0
while IFS=$'\t' read -r code days want; do
    [ "$days" -gt 0 ] || continue
    run h due "$code" --days "$days" --json
    expect_rc 0 "due $code --days $days"
    got=$(json 'j["due_at"]')
    [ "$got" = "$want" ] || fail "due $code --days $days: $got, expected $want"
    n=$((n + 1))
done <"$T/due.tsv"
[ "$n" -ge 15 ] || fail "too few deadlines checked ($n)"

# a return and a status change are kept, and are events
code=$(awk -F'\t' '$5 == "processing" {print $1; exit}' "$T/q.tsv")
run h return "$code" --at 2025-04-02T09:30
expect_rc 0 "return"
expect_out "Returned:   2025-04-02T09:30"
run h status "$code" --json
[ "$(json 'j["status"]')" = returned ] || fail "status after return"
run h status "$code" processing
expect_rc 0 "reopen"
run h status "$code" withdrawn --at 2025-04-03
expect_rc 0 "withdraw"
python3 - "$HOME_DIR/index.sqlite" "$code" <<'EOF' || fail "events of the changes"
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
evs = [json.loads(e) for (e,) in db.execute("SELECT event FROM events WHERE code = ? ORDER BY id", (sys.argv[2],))]
assert [e["type"] for e in evs] == ["return", "status", "status"], evs
assert evs[0]["detail"].startswith("processing -> returned at 2025-04-02T09:30"), evs[0]
assert evs[1]["detail"] == "returned -> processing", evs[1]
assert evs[2]["detail"] == "processing -> withdrawn at 2025-04-03", evs[2]
EOF

# bad input: refused with one line, nothing changed
h stats --from 2025-01-01 --to 2025-03-31 --json >"$T/before.json"
printf 'code\treceived_at\nOK-1\t2025-01-05\nBAD-2\t05/01/2025\n' >"$T/bad.tsv"
run h status --import "$T/bad.tsv"
expect_rc 1 "bad register"
expect_one_line_err "line 3: bad received_at"
printf 'R-1\t2025-01-05\t\t2025-01-01\treturned\n' >"$T/bad2.tsv"
run h status --import "$T/bad2.tsv"
expect_rc 1 "returned before received"
expect_one_line_err "line 1"
run h status OK-1
expect_rc 1 "nothing of a refused register is kept"
h stats --from 2025-01-01 --to 2025-03-31 --json >"$T/after.json"
cmp -s "$T/before.json" "$T/after.json" || fail "a refused import changed the counts"
run h status "$code" closed
expect_rc 2 "unknown status"
run h return NO-SUCH-1
expect_rc 1 "return of an unknown dossier"
expect_one_line_err "no dossier 'NO-SUCH-1'"
run h return "$code" --at 2025-13-01
expect_rc 2 "bad time"
run h due "$code"
expect_rc 2 "due without --days or --at"
run h stats --from 2025-01-01
expect_rc 2 "stats without --to"
run h stats --from 2025-03-01 --to 2025-01-31
expect_rc 2 "stats backwards"
run h stats --from 2025-01-01 --to 2025-03-31 --by week
expect_rc 2 "stats --by week"
run h due "$code" --days 3 --calendar "$T/none.txt"
expect_rc 1 "missing calendar"
expect_one_line_err "calendar: cannot read"

# a filed archive gets its row when indexed: dates from its receipt, agency from its code
CODE=000.00.31.H05-250303-0001
python3 - "$HOME_DIR/archive/2025" "$CODE" <<'EOF' || fail "make an archive"
import hashlib, json, os, sys, zipfile
folder, code = sys.argv[1], sys.argv[2]
os.makedirs(folder, exist_ok=True)
text = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\n".encode()
png = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
rec = {"code": code, "created": "2025-03-03T03:00:00Z", "software": "test",
       "pages": [{"page": 1, "image": "data/images/0001.png", "text": "data/text/0001.txt",
                  "ocr_confidence": 90.0}],
       "fields": {"received_at": {"value": "2025-03-03T08:40", "page": 1, "confidence": 0.9},
                  "due_at": {"value": "2025-03-10T16:00", "page": 1, "confidence": 0.9},
                  "procedure": {"value": "Đăng ký khai sinh", "page": 1, "confidence": 0.9}}}
payload = {"data/images/0001.png": png, "data/text/0001.txt": text,
           "data/dossier.json": json.dumps(rec, ensure_ascii=False).encode()}
man = "".join("%s  %s\n" % (hashlib.sha256(v).hexdigest(), k) for k, v in payload.items())
with zipfile.ZipFile(os.path.join(folder, code + ".zip"), "w") as z:
    z.writestr(code + "/bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
    z.writestr(code + "/manifest-sha256.txt", man)
    for k, v in payload.items():
        z.writestr(code + "/" + k, v)
EOF
run h reindex
expect_rc 0 "reindex with the archive"
run h status "$CODE" --json
expect_rc 0 "status of the filed dossier"
[ "$(json 'j["received_at"]')" = 2025-03-03T08:40 ] || fail "received_at from the receipt"
[ "$(json 'j["due_at"]')" = 2025-03-10T16:00 ] || fail "due_at from the receipt"
[ "$(json 'j["agency"]')" = 000.00.31.H05 ] || fail "agency from the code"
[ "$(json 'j["procedure"]')" = "Đăng ký khai sinh" ] || fail "procedure from the receipt"
[ "$(json 'j["status"]')" = received ] || fail "a filed dossier is received"
run h return "$CODE" --at 2025-03-07T10:00
expect_rc 0 "return the filed dossier"
run h reindex
expect_rc 0 "reindex again"
run h status "$CODE" --json
[ "$(json 'j["status"]')" = returned ] || fail "reindex keeps the return"
[ "$(json 'j["returned_at"]')" = 2025-03-07T10:00 ] || fail "reindex keeps the return time"
run h show --events --json "$CODE"
expect_rc 0 "show --events"
[ "$(json '[e["type"] for e in j][-1]')" = return ] || fail "the return is in the dossier's log"
# the imported register survived both reindexes
h stats --from 2025-01-01 --to 2025-03-31 --json >"$T/out"
python3 -c "
import json; g = json.load(open('$T/out'))['total']; e = json.load(open('$T/expect.json'))['total']
assert g['received'] == e['received'] + 1, (g, e)
" || fail "reindex kept the register"

finish
