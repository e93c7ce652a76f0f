#!/bin/bash
# label: slow
# The review station: hoso user add|list|del; hoso serve's sign-in (session cookie, CSRF
# token), every refusal (wrong password, no session, no or a wrong CSRF token, a read-only
# token, another site, a reviewer managing users, a bad value, a stale version from a second
# reviewer), a correction seen by show, by search and in the history, kept across reindex
# and with the bag still intact.
. "$(dirname "$0")/lib.sh"

trap '[ -n "$SPID" ] && kill "$SPID" 2>/dev/null; rm -rf "$T"' EXIT

run h scan --json "$D/letter_top.png"
expect_rc 0 "scan letter"
code=$(json 'j["code"]')

# users: the password from standard input, never on the command line
echo 'mat-khau-lan-1' | h user add lan --role reviewer || fail "user add lan"
echo 'mat-khau-hoa-1' | h user add hoa --role reviewer || fail "user add hoa"
echo 'mat-khau-sep-1' | h user add sep --role admin || fail "user add sep"
run h user add x --role root
expect_rc 2 "unknown role"
run sh -c "echo 'mat-khau-2' | '$HOSO' --home '$HOME_DIR' user add lan --role admin"
expect_rc 1 "a name taken"
expect_one_line_err "exists already"
run sh -c "echo short | '$HOSO' --home '$HOME_DIR' user add ngan --role reviewer"
expect_rc 1 "a short password"
run h user list --json
expect_rc 0 "user list"
[ "$(json '",".join(u["name"] + ":" + u["role"] for u in j)')" = "hoa:reviewer,lan:reviewer,sep:admin" ] ||
    fail "user list: $out"
! grep -q 'mat-khau' "$HOME_DIR/index.sqlite" || fail "a password in clear in the index"

TOKEN=read-only-token-0123456789
serve --token "$TOKEN"

# req METHOD PATH [CURL ARGS...]: body in $T/body, status in $st
req() {
    local m=$1 p=$2
    shift 2
    st=$(curl -s -o "$T/body" -D "$T/hdr" -w '%{http_code}' -X "$m" "$@" "$B$p")
}
body() { python3 -c "import json; j=json.load(open('$T/body')); print($1)"; }
JSON=(-H 'Content-Type: application/json')

# sign-in: a wrong password, an unknown name, then the right one
req POST /api/login "${JSON[@]}" -d '{"name":"lan","password":"wrong-password"}'
[ "$st" = 401 ] || fail "wrong password: $st"
! grep -qi '^set-cookie' "$T/hdr" || fail "a cookie for a wrong password"
req POST /api/login "${JSON[@]}" -d '{"name":"nobody","password":"mat-khau-lan-1"}'
[ "$st" = 401 ] || fail "unknown user: $st"
req POST /api/login -c "$T/lan.jar" --data-urlencode name=lan --data-urlencode password=mat-khau-lan-1
[ "$st" = 200 ] || fail "login (form): $st $(cat "$T/body")"
cookie=$(grep -i '^set-cookie:' "$T/hdr" | tr -d '\r')
for attr in HttpOnly SameSite=Strict Path=/ Max-Age=; do
    case "$cookie" in *"$attr"*) ;; *) fail "cookie lacks $attr: $cookie" ;; esac
done
CSRF_LAN=$(body 'j["csrf"]')
[ "$(body 'j["role"]')" = reviewer ] || fail "login role"
req GET /api/session -b "$T/lan.jar"
[ "$st" = 200 ] && [ "$(body 'j["csrf"]')" = "$CSRF_LAN" ] || fail "session: $st"

# reads: the token or a session; nothing else
req GET "/api/dossiers/$code/fields"
[ "$st" = 401 ] || fail "fields without token: $st"
req GET "/api/dossiers/$code/fields" -H "Authorization: Bearer $TOKEN"
[ "$st" = 200 ] || fail "fields with the token: $st"
old=$(body 'j["fields"]["issuer"]["value"]')
[ "$(body 'j["version"]')" = 0 ] || fail "version of a new dossier"
req GET "/api/search?q=th%C3%B4ng+tin" -b "$T/lan.jar"
[ "$st" = 200 ] || fail "search with a session: $st"

NEW='Sở Thông tin và Truyền thông Đà Nẵng'
fix() { printf '{"field":"issuer","page":1,"old":"%s","new":"%s","version":%s}' "$1" "$2" "$3"; }
# writes: refused without a session, with the read-only token, without or with a wrong CSRF
# token, from another site
req POST "/api/dossiers/$code/fields" "${JSON[@]}" -d "$(fix "$old" "$NEW" 0)"
[ "$st" = 401 ] || fail "write without a session: $st"
req POST "/api/dossiers/$code/fields" "${JSON[@]}" -H "Authorization: Bearer $TOKEN" -d "$(fix "$old" "$NEW" 0)"
[ "$st" = 403 ] || fail "write with the read-only token: $st"
req POST "/api/dossiers/$code/fields" "${JSON[@]}" -b "$T/lan.jar" -d "$(fix "$old" "$NEW" 0)"
[ "$st" = 403 ] || fail "write without CSRF: $st"
body 'j["error"]' | grep -q CSRF || fail "no CSRF message: $(cat "$T/body")"
# (the token with its last character changed: to 1 when it already ends in 0)
wrong=${CSRF_LAN%?}0
[ "$wrong" = "$CSRF_LAN" ] && wrong=${CSRF_LAN%?}1
req POST "/api/dossiers/$code/fields" "${JSON[@]}" -b "$T/lan.jar" -H "X-CSRF-Token: $wrong" -d "$(fix "$old" "$NEW" 0)"
[ "$st" = 403 ] || fail "write with a wrong CSRF token: $st"
req POST "/api/dossiers/$code/fields" "${JSON[@]}" -b "$T/lan.jar" -H "X-CSRF-Token: $CSRF_LAN" \
    -H 'Origin: http://evil.example' -d "$(fix "$old" "$NEW" 0)"
[ "$st" = 403 ] || fail "write from another site: $st"
# bad values, an unknown field, a malformed body
req POST "/api/dossiers/$code/fields" "${JSON[@]}" -b "$T/lan.jar" -H "X-CSRF-Token: $CSRF_LAN" \
    -d '{"field":"issue_date","old":"","new":"31/02/2020","version":0}'
[ "$st" = 400 ] || fail "a date that does not exist: $st"
req POST "/api/dossiers/$code/fields" "${JSON[@]}" -b "$T/lan.jar" -H "X-CSRF-Token: $CSRF_LAN" \
    -d '{"field":"password","old":"","new":"x","version":0}'
[ "$st" = 400 ] || fail "an unknown field: $st"
req POST "/api/dossiers/$code/fields" "${JSON[@]}" -b "$T/lan.jar" -H "X-CSRF-Token: $CSRF_LAN" -d '{"field":'
[ "$st" = 400 ] || fail "malformed JSON: $st"
req GET "/api/dossiers/$code/fields" -b "$T/lan.jar"
[ "$(body 'j["version"]')" = 0 ] || fail "a refused write changed the version"

# the second reviewer loads the same version
req POST /api/login -c "$T/hoa.jar" "${JSON[@]}" -d '{"name":"hoa","password":"mat-khau-hoa-1"}'
CSRF_HOA=$(body 'j["csrf"]')

# the correction
req POST "/api/dossiers/$code/fields" "${JSON[@]}" -b "$T/lan.jar" -H "X-CSRF-Token: $CSRF_LAN" -d "$(fix "$old" "$NEW" 0)"
[ "$st" = 200 ] || fail "correction: $st $(cat "$T/body")"
[ "$(body 'j["version"]')" = 1 ] || fail "version after a correction"
[ "$(body 'j["fields"]["issuer"]["value"]')" = "$NEW" ] || fail "corrected value"
[ "$(body 'j["history"][0]["old"] + "|" + j["history"][0]["new"] + "|" + j["history"][0]["user"]')" = "$old|$NEW|lan" ] ||
    fail "history: $(cat "$T/body")"

# the second reviewer's save of version 0 is refused, not lost silently, and changes nothing
req POST "/api/dossiers/$code/fields" "${JSON[@]}" -b "$T/hoa.jar" -H "X-CSRF-Token: $CSRF_HOA" \
    -d "$(fix "$old" "Sở TT&TT" 0)"
[ "$st" = 409 ] || fail "stale version: $st"
body 'j["error"]' | grep -q "reload" || fail "409 message: $(cat "$T/body")"
# with the version but the old value it saw: refused too
req POST "/api/dossiers/$code/fields" "${JSON[@]}" -b "$T/hoa.jar" -H "X-CSRF-Token: $CSRF_HOA" \
    -d "$(fix "$old" "Sở TT&TT" 1)"
[ "$st" = 409 ] || fail "stale old value: $st"
req GET "/api/dossiers/$code/fields" -b "$T/hoa.jar"
[ "$(body 'j["version"]')" = 1 ] && [ "$(body 'j["fields"]["issuer"]["value"]')" = "$NEW" ] ||
    fail "the first correction was lost"
# confirming a value as it is: recorded, version 2
req POST "/api/dossiers/$code/fields" "${JSON[@]}" -b "$T/hoa.jar" -H "X-CSRF-Token: $CSRF_HOA" \
    -d '{"field":"number_symbol","old":"158/STTTT-CNTT","new":"158/STTTT-CNTT","version":1}'
[ "$st" = 200 ] && [ "$(body 'j["version"]')" = 2 ] || fail "confirmation: $st"

# users: a reviewer may not, an admin may
req GET /api/users -b "$T/lan.jar"
[ "$st" = 403 ] || fail "reviewer lists users: $st"
req POST /api/users "${JSON[@]}" -b "$T/lan.jar" -H "X-CSRF-Token: $CSRF_LAN" \
    -d '{"name":"tam","role":"admin","password":"mat-khau-tam-1"}'
[ "$st" = 403 ] || fail "reviewer adds a user: $st"
req POST /api/login -c "$T/sep.jar" "${JSON[@]}" -d '{"name":"sep","password":"mat-khau-sep-1"}'
CSRF_SEP=$(body 'j["csrf"]')
req POST /api/users "${JSON[@]}" -b "$T/sep.jar" -H "X-CSRF-Token: $CSRF_SEP" \
    -d '{"name":"tam","role":"archivist","password":"mat-khau-tam-1"}'
[ "$st" = 200 ] || fail "admin adds a user: $st $(cat "$T/body")"
req GET /api/users -b "$T/sep.jar"
[ "$st" = 200 ] && body '[u["name"] for u in j["users"]]' | grep -q tam || fail "admin lists users"
req POST /api/users/hoa/delete "${JSON[@]}" -b "$T/sep.jar" -H "X-CSRF-Token: $CSRF_SEP" -d '{}'
[ "$st" = 200 ] || fail "admin removes a user: $st"
req GET /api/session -b "$T/hoa.jar"
[ "$st" = 401 ] || fail "a removed user's session lives on: $st"

# dossier status: an archivist may, a reviewer may not
req POST "/api/dossiers/$code/status" "${JSON[@]}" -b "$T/lan.jar" -H "X-CSRF-Token: $CSRF_LAN" -d '{"status":"returned"}'
[ "$st" = 403 ] || fail "reviewer marks a dossier: $st"
req POST /api/login -c "$T/tam.jar" "${JSON[@]}" -d '{"name":"tam","password":"mat-khau-tam-1"}'
CSRF_TAM=$(body 'j["csrf"]')
req POST "/api/dossiers/$code/status" "${JSON[@]}" -b "$T/tam.jar" -H "X-CSRF-Token: $CSRF_TAM" -d '{"status":"closed"}'
[ "$st" = 400 ] || fail "unknown status: $st"
req POST "/api/dossiers/$code/status" "${JSON[@]}" -b "$T/tam.jar" -H "X-CSRF-Token: $CSRF_TAM" -d '{"status":"returned"}'
[ "$st" = 200 ] && [ "$(body 'j["status"]')" = returned ] || fail "archivist returns a dossier: $st $(cat "$T/body")"

# sign-out ends the session
req POST /api/logout "${JSON[@]}" -b "$T/lan.jar" -H "X-CSRF-Token: $CSRF_LAN" -d '{}'
[ "$st" = 200 ] || fail "logout: $st"
req POST "/api/dossiers/$code/fields" "${JSON[@]}" -b "$T/lan.jar" -H "X-CSRF-Token: $CSRF_LAN" -d "$(fix "$NEW" x 2)"
[ "$st" = 401 ] || fail "write after logout: $st"

# search through the API finds the corrected value
req GET "/api/search?field=issuer%3Dda+nang" -H "Authorization: Bearer $TOKEN"
[ "$(body '",".join(h["code"] for h in j["hits"])')" = "$code" ] || fail "api search on the corrected value"
kill "$SPID"
wait "$SPID"
SPID=

# show: the corrected value and its history; search finds it, not the old one
run h show "$code"
expect_out "$NEW"
expect_out "corrected by lan"
expect_out "Corrections:"
grep -q "issuer.*'$old' -> '$NEW'  by lan" "$T/out" || fail "show history"
expect_out "correction"
run h search --json --field "issuer=da nang"
[ "$(json 'len(j["hits"])')" = 1 ] || fail "search on the corrected value"
run h search --json --field "issuer=so thong tin va truyen thong" --field "issuer=da nang"
[ "$(json 'len(j["hits"])')" = 1 ] || fail "search on the corrected value (2)"
run h search --json --field "issuer=SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
run h search --json --field "issuer=thong tin va truyen thong"
# kept across reindex, the bag intact (the correction waits in the index for the next bag)
run h reindex
expect_rc 0 "reindex"
run h search --json --field "issuer=da nang"
[ "$(json 'len(j["hits"])')" = 1 ] || fail "corrected value lost by reindex"
run h show "$code"
expect_out "corrected by lan"
run h verify "$code"
expect_rc 0 "verify after corrections"
run h show --events --json "$code"
[ "$(json '[e["type"] for e in j].count("correction")')" = 1 ] || fail "correction event"
[ "$(json '[e["type"] for e in j].count("validation")')" = 1 ] || fail "validation event"
[ "$(json '[e.get("user") for e in j if e["type"] == "status"]')" = "['tam']" ] || fail "status event"
run h user del hoa
expect_rc 1 "del a removed user"
run h user del tam
expect_rc 0 "user del"

# in a browser at a counter screen's 1366x768, with the keyboard only: sign in, open the
# dossier, Enter confirms the first field, Tab passes one, typing corrects the next; the
# corrected value is then found by search. Prints the seconds per field.
if ! command -v chromium >/dev/null; then
    echo "browser part skipped: chromium is not installed"
    finish
fi
# where the number was read: its box (pixels of the OCR image) over the hOCR page's size
zip=$(ls "$HOME_DIR"/archive/*/"$code".zip)
want=$(python3 - "$zip" "$code" <<'PY'
import json, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
d = json.loads(z.read(sys.argv[2] + '/data/dossier.json'))
b = d['fields']['number_symbol']['box']
w, h = map(int, re.search(r"ocr_page'[^>]*?bbox 0 0 (\d+) (\d+)",
                          z.read(sys.argv[2] + '/data/ocr/0001.hocr').decode()).groups())
print(json.dumps([b[0] / w, b[1] / h, (b[2] - b[0]) / w, (b[3] - b[1]) / h]))
PY
) || fail "the number's box"
serve --token "$TOKEN"
shots=${HS_SHOTS:-$T/shots}/review
python3 - "$B" "$code" "$shots" "$HS_TOOLS" "$want" <<'PY' || fail "browser"
import json, sys, time
B, code, shots = sys.argv[1:4]
want = json.loads(sys.argv[5])
sys.path.insert(0, sys.argv[4])
from cdp import Browser
bad = []
def check(ok, what):
    if not ok:
        bad.append(what)
        print('FAIL: browser: ' + what, file=sys.stderr)
def key(p, name, code, vk, shift=False):
    k = {'key': name, 'code': code, 'windowsVirtualKeyCode': vk, 'nativeVirtualKeyCode': vk,
         'modifiers': 8 if shift else 0}
    p.send('Input.dispatchKeyEvent', dict(k, type='keyDown'))
    p.send('Input.dispatchKeyEvent', dict(k, type='keyUp'))
with Browser(shots, width=1366, height=768) as b:
    p = b.page()
    p.goto(B + '/?lang=vi#/login')
    p.wait("document.getElementById('login-name') === document.activeElement")
    p.type_text('lan')
    key(p, 'Tab', 'Tab', 9)
    p.type_text('mat-khau-lan-1')
    p.press_enter()
    p.wait("document.getElementById('who')?.textContent")
    check('người kiểm tra' in p.eval("document.getElementById('who').textContent"), 'role in Vietnamese')
    p.wait("location.hash === '#/review' && document.getElementById('open-code') !== null")
    print('screenshot', p.screenshot('1-queue'))
    p.eval("location.hash = '#/review/' + %s" % json.dumps(code))
    label = p.wait("document.getElementById('review-input') === document.activeElement && document.getElementById('review-label').textContent")
    check('Số, ký hiệu' in label, 'first field label: ' + label)
    check(p.eval("document.getElementById('review-version').textContent") == '2', 'version 2')
    hist = p.eval("document.getElementById('review-history').textContent")
    check('lan' in hist and '/' + time.strftime('%Y') in hist, 'history with dd/mm/yyyy: ' + hist[:200])
    p.wait("document.getElementById('review-image').complete && document.getElementById('review-image').naturalWidth")
    # the box read from, over the number on the page (the image's third line: x from 6%,
    # y 60-95%), where the extractor's box says in the OCR image, whatever its resolution
    box = p.wait("(() => { const b = document.getElementById('review-box'), i = document.getElementById('review-image');"
                 " if (!b) return null; const r = b.getBoundingClientRect(), q = i.getBoundingClientRect();"
                 " return [(r.left - q.left) / q.width, (r.top - q.top) / q.height, r.width / q.width, r.height / q.height]; })()")
    check(all(abs(a - b) < 0.01 for a, b in zip(box, want)) and 0.03 < box[0] < 0.09 and
          0.6 < box[1] and box[1] + box[3] < 0.95, 'box over the field: %s, want %s' % (box, want))
    print('screenshot', p.screenshot('2-field'))
    t0 = time.time()
    p.press_enter()  # the number as read: confirmed
    p.wait("document.getElementById('review-version').textContent === '3'")
    check('Cơ quan' in p.eval("document.getElementById('review-label').textContent"), 'on to the issuer')
    key(p, 'Tab', 'Tab', 9, shift=True)  # back to the number
    check('Số, ký hiệu' in p.eval("document.getElementById('review-label').textContent"), 'Shift+Tab')
    key(p, 'Tab', 'Tab', 9)  # to the issuer again, its value selected: typing replaces it
    p.type_text('Sở Thông tin và Truyền thông TP Đà Nẵng')
    p.press_enter()
    p.wait("document.getElementById('review-version').textContent === '4'")
    fields = 2
    per_field = (time.time() - t0) / fields
    print('seconds per field: %.2f' % per_field)
    check(p.eval("document.getElementById('review-status').textContent") == 'Đã lưu.', 'saved message')
    check(p.eval("document.documentElement.scrollWidth <= 1366"), 'no sideways scroll at 1366 px')
    print('screenshot', p.screenshot('3-saved'))
    hits = p.eval("fetch('/api/search?field=issuer%3Dtp+da+nang').then((r) => r.json()).then((j) => j.hits.map((h) => h.code))")
    check(hits == [code], 'search on the corrected value: %s' % hits)
sys.exit(1 if bad else 0)
PY
kill "$SPID"
wait "$SPID"
SPID=
run h show "$code"
expect_out "Sở Thông tin và Truyền thông TP Đà Nẵng"

finish
