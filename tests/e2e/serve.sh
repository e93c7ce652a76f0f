#!/bin/bash
# label: slow
# hoso serve: the JSON API gives the CLI's bytes (search, show), the zip's bytes (page
# image, text, PDF, bag), fixity; refuses traversal, bodies, bad encodings, long URIs and
# slow or trickling clients; caps connections per address; the token; non-loopback without
# a token; a home without an index; 64 concurrent searches while a batch files dossiers;
# and the pages in a real browser, driven like a user (skipped, exit 77, without chromium).
. "$(dirname "$0")/lib.sh"

S=$(dirname "$0")/../../samples/dossier-xaydung
trap '[ -n "$SPID" ] && kill "$SPID" 2>/dev/null; rm -rf "$T"' EXIT

run h scan --json "$D/letter_top.png"
expect_rc 0 "scan letter"
code1=$(json 'j["code"]')
run h scan --json "$S/01-giay-tiep-nhan.png" "$S/02-don.tif"
expect_rc 0 "scan sample dossier"
code2=000.27.30.H34-200311-0015
zip2=$(json 'j["archive"]')

hdr() { grep -i "^$1:" "$T/hdr" | head -1 | cut -d' ' -f2- | tr -d '\r'; }

serve

# search: the same bytes as hoso search --json
h search --json --dossiers khanh hoa >"$T/cli.json"
get '/api/search?q=khanh+hoa&dossiers=1'
[ "$st" = 200 ] || fail "search status $st"
cmp -s "$T/body" "$T/cli.json" || fail "/api/search differs from hoso search --json --dossiers"
[ "$(hdr Content-Type)" = "application/json; charset=utf-8" ] || fail "search content type"
h search --json --limit 2 --field applicant="pham minh tuan" giấy phép >"$T/cli.json"
get '/api/search?q=gi%E1%BA%A5y%20ph%C3%A9p&limit=2&field=applicant%3Dpham+minh+tuan'
cmp -s "$T/body" "$T/cli.json" || fail "/api/search with filters differs from the CLI"
h search --json --from 2020-03-01 --to 2020-03-31 --code 000.27 --needs-review khanh >"$T/cli.json"
get '/api/search?q=khanh&from=2020-03-01&to=2020-03-31&code=000.27&needs_review=1'
cmp -s "$T/body" "$T/cli.json" || fail "/api/search with dates, code, needs_review"
get '/api/search?q=giay&from=2020-02-30'
[ "$st" = 400 ] || fail "bad date: $st"
get '/api/search'
[ "$st" = 400 ] || fail "no query: $st"

# the dossier record, fixity
h show --json "$code2" >"$T/cli.json"
get "/api/dossiers/$code2"
cmp -s "$T/body" "$T/cli.json" || fail "/api/dossiers/CODE differs from hoso show --json"
get "/api/dossiers/$code2/verify"
python3 -c "import json,sys; j=json.load(open('$T/body')); sys.exit(0 if j=={'code':'$code2','ok':True,'problems':[]} else 1)" ||
    fail "verify: $(cat "$T/body")"

# page image, text, hOCR, PDF, bag: the bytes in the zip
unzip -p "$zip2" "$code2/data/images/0002.tif" >"$T/zip.img"
get "/api/dossiers/$code2/pages/2/image"
[ "$st" = 200 ] && cmp -s "$T/body" "$T/zip.img" || fail "page image bytes"
[ "$(hdr Content-Type)" = image/tiff ] || fail "page image type"
get "/api/dossiers/$code2/pages/2/image.png?max=300"
[ "$(head -c 4 "$T/body" | tail -c 3)" = PNG ] || fail "image.png is not a PNG"
unzip -p "$zip2" "$code2/data/text/0001.txt" >"$T/zip.txt"
get "/api/dossiers/$code2/pages/1/text"
cmp -s "$T/body" "$T/zip.txt" || fail "page text"
get "/api/dossiers/$code2/pages/1/hocr"
grep -q "ocrx_word" "$T/body" || fail "hocr words"
[ "$(hdr Content-Type)" = "text/plain; charset=utf-8" ] || fail "hocr served as inert text"
unzip -p "$zip2" "$code2/data/dossier.pdf" >"$T/zip.pdf"
get "/api/dossiers/$code2/pdf"
cmp -s "$T/body" "$T/zip.pdf" || fail "pdf bytes"
[ "$(head -c 4 "$T/body")" = %PDF ] || fail "pdf magic"
case "$(hdr Content-Disposition)" in attachment*"$code2.pdf"*) ;; *) fail "pdf disposition" ;; esac
[ "$(hdr Content-Type)" = application/pdf ] || fail "pdf type"
# the dossier's PDF/A-2b (issue 20): its XMP says so, read with the streams uncompressed
if command -v qpdf >/dev/null; then
    qpdf --qdf --object-streams=disable "$T/body" "$T/qdf.pdf" || fail "the pdf does not parse"
    grep -aq "<pdfaid:part>2</pdfaid:part>" "$T/qdf.pdf" &&
        grep -aq "<pdfaid:conformance>B</pdfaid:conformance>" "$T/qdf.pdf" ||
        fail "the served pdf is not PDF/A-2b (no pdfaid in its XMP)"
fi
get "/api/dossiers/$code2/bag"
cmp -s "$T/body" "$zip2" || fail "bag bytes"
[ "$(hdr Content-Type)" = application/zip ] || fail "bag type"
unzip -tq "$T/body" >/dev/null || fail "bag is not a valid zip"

# unknown things: 404 with a JSON error
for p in "/api/dossiers/000.00.00.H00-990101-9999" "/api/dossiers/$code2/pages/9/image" \
    "/api/dossiers/$code1/pages/1/nothing" "/api/nothing" "/nothing.js"; do
    get "$p"
    [ "$st" = 404 ] || fail "$p: $st"
    python3 -c "import json; json.load(open('$T/body'))['error']" || fail "$p: no JSON error"
done

# traversal, bad encodings, methods, bodies, long URIs
for p in "/page/../../etc/passwd" "/api/dossiers/%2e%2e/%2e%2e/etc/passwd" "/..%2f..%2fetc%2fpasswd" \
    "/app.js/../../../etc/passwd" "/api/dossiers/..%5c..%5cindex.sqlite/bag" "/%2e%2e/%2e%2e/etc/passwd"; do
    get "$p" --path-as-is
    [ "$st" = 400 ] || [ "$st" = 404 ] || fail "traversal $p: $st"
    ! grep -q "root:" "$T/body" || fail "traversal $p leaked a file"
done
for p in '/api/search?q=%ff%fe' '/api/search?q=%zz' '/api/search?q=a%00b' '/api/search?q=%C3' "/api/dossiers/a%ffb"; do
    get "$p"
    [ "$st" = 400 ] || fail "malformed $p: $st"
done
for m in POST PUT DELETE PATCH; do
    get '/api/search?q=a' -X "$m" -d x
    [ "$st" = 405 ] || fail "$m: $st"
done
get '/api/search?q=a' -X GET -H 'Content-Length: 5' --data-binary 'xxxxx'
[ "$st" = 413 ] || fail "GET with a body: $st"
get "/api/search?q=$(head -c 6000 /dev/zero | tr '\0' a)"
[ "$st" = 414 ] || fail "long URI: $st"
get "/api/search?$(for i in $(seq 1 40); do printf 'x%d=1&' "$i"; done)q=a"
[ "$st" = 400 ] || fail "too many parameters: $st"

# <script> in a query: plain JSON data, never HTML
get '/api/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E+khanh'
[ "$st" = 200 ] || fail "script query: $st"
[ "$(python3 -c "import json; print(json.load(open('$T/body'))['query'])")" = "<script>alert(1)</script> khanh" ] ||
    fail "script query echoed"
[ "$(hdr Content-Type)" = "application/json; charset=utf-8" ] || fail "script query type"
[ "$(hdr X-Content-Type-Options)" = nosniff ] || fail "nosniff"

# the page, its headers and its language
get /
[ "$st" = 200 ] || fail "index: $st"
case "$(hdr Content-Security-Policy)" in "default-src 'self'"*) ;; *) fail "CSP" ;; esac
! grep -q "unsafe-inline" "$T/hdr" || fail "CSP allows inline"
! grep -qi "<script>" "$T/body" || fail "inline script in index.html"
grep -q '<html lang="vi"' "$T/body" || fail "Vietnamese by default"
get / -H 'Accept-Language: en-GB,en;q=0.9,vi;q=0.5'
grep -q '<html lang="en"' "$T/body" || fail "English by Accept-Language"
get / -H 'Accept-Language: vi-VN,vi;q=0.9,en;q=0.8'
grep -q '<html lang="vi"' "$T/body" || fail "Vietnamese by Accept-Language"
get /app.js
[ "$st" = 200 ] && [ "$(hdr Content-Type)" = "text/javascript; charset=utf-8" ] || fail "app.js"
get /app.js -I
[ "$st" = 200 ] || fail "HEAD: $st"

# read-only: the index connections of the server (opened by the requests above) cannot write
ro=0
for fd in /proc/"$SPID"/fd/*; do
    [ "$(readlink "$fd")" = "$(realpath "$HOME_DIR")/index.sqlite" ] || continue
    flags=$(sed -n 's/^flags:[[:space:]]*//p' "/proc/$SPID/fdinfo/${fd##*/}")
    [ $((0$flags & 3)) = 0 ] && ro=$((ro + 1)) || fail "index opened for writing (flags $flags)"
done
[ "$ro" -ge 1 ] || fail "no read-only index connection in the server"

# read-only: a home without an index is refused at once and nothing is made in it; a
# home that does not exist is not made
mkdir "$T/empty"
run "$HOSO" --home "$T/empty" serve --listen 127.0.0.1:0
expect_rc 1 "serve on a home without an index"
expect_one_line_err "serve: no index in '$T/empty'"
[ -z "$(find "$T/empty" -mindepth 1)" ] || fail "serve made files in an empty home: $(find "$T/empty")"
run "$HOSO" --home "$T/nohome" serve --listen 127.0.0.1:0
expect_rc 1 "serve on a home that does not exist"
expect_one_line_err "no data home at '$T/nohome'"
[ ! -e "$T/nohome" ] || fail "serve made a home"

# a slow client is dropped (--timeout)
stop
# every page below 99% confidence needs review: the review list has pages to show
printf 'review_confidence = 99\n' >"$HOME_DIR/hoso.conf"
serve --timeout 2
# needs_review without a query lists the pages to review, as the CLI does
h search --needs-review --json >"$T/cli.json"
get '/api/search?needs_review=1'
[ "$st" = 200 ] && cmp -s "$T/body" "$T/cli.json" || fail "needs_review alone: $st $(head -c 300 "$T/body")"
python3 -c "import json,sys; sys.exit(0 if json.load(open('$T/body'))['total'] >= 1 else 1)" ||
    fail "needs_review alone lists no pages: $(head -c 300 "$T/body")"
h search --needs-review --dossiers --limit 2 --json >"$T/cli.json"
get '/api/search?q=&needs_review=1&dossiers=1&limit=2'
[ "$st" = 200 ] && cmp -s "$T/body" "$T/cli.json" || fail "needs_review with an empty q: $st"
get '/api/search?q=&dossiers=1'
[ "$st" = 400 ] || fail "empty query without needs_review: $st"
# filters without words select, as the CLI does; an unknown field is refused
h search --field applicant=tuan --dossiers --json >"$T/cli.json"
get '/api/search?field=applicant%3Dtuan&dossiers=1'
[ "$st" = 200 ] && cmp -s "$T/body" "$T/cli.json" || fail "a filter without q: $st $(head -c 300 "$T/body")"
get '/api/search?q=x&field=nosuch%3D1'
[ "$st" = 400 ] && grep -q "no field 'nosuch'" "$T/body" || fail "unknown field: $st"
rm "$HOME_DIR/hoso.conf"
python3 - "$B" <<'PY' || fail "slow client not dropped"
import socket, sys, time
host, port = sys.argv[1][7:].rsplit(':', 1)
s = socket.create_connection((host, int(port)))
s.sendall(b"GET /api/search?q=a HTTP/1.1\r\nHost: x\r\n")
s.settimeout(10)
t = time.time()
try:
    data = s.recv(100)
except socket.timeout:
    sys.exit(1)
sys.exit(0 if time.time() - t < 8 and not data else 1)
PY
# a byte every 1.5 s keeps an idle timeout waiting for ever: the request as a whole must
# be in within --timeout; meanwhile other clients are served
python3 - "$B" <<'PY' || fail "trickling client not dropped"
import socket, sys, time, urllib.request
host, port = sys.argv[1][7:].rsplit(':', 1)
s = socket.create_connection((host, int(port)))
s.settimeout(0.1)
req = b"GET /api/search?q=khanh HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 60 + b"\r\n\r\n"
t, served, dropped = time.time(), False, False
for b in req:
    try:
        s.sendall(bytes([b]))
        dropped = s.recv(100) == b''
    except socket.timeout:
        pass
    except OSError:
        dropped = True
    if dropped or time.time() - t > 12:
        break
    if not served:
        with urllib.request.urlopen(sys.argv[1] + '/api/search?q=khanh', timeout=5) as r:
            served = r.status == 200
    time.sleep(1.5)
took = time.time() - t
print("trickling client dropped after %.1f s, others served: %s" % (took, served))
sys.exit(0 if dropped and took < 6 and served else 1)
PY
# one address holds at most SRV_MAX_PER_IP connections; the next is closed unanswered
max_ip=$(sed -n 's/^#define SRV_MAX_PER_IP \([0-9]*\).*/\1/p' "$(dirname "$0")/../../cli/cmd_serve.h")
python3 - "$B" "$max_ip" <<'PY' || fail "connections per address not capped at $max_ip"
import socket, sys, time
host, port = sys.argv[1][7:].rsplit(':', 1)
held = [socket.create_connection((host, int(port))) for _ in range(int(sys.argv[2]))]
time.sleep(0.3)
def answer():
    c = socket.create_connection((host, int(port)), timeout=3)
    try:
        c.sendall(b"GET /app.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        return c.recv(12)
    except OSError:
        return b''
    finally:
        c.close()
over = answer()
for c in held:
    c.close()
time.sleep(0.5)
after = answer()
sys.exit(0 if over == b'' and after.startswith(b'HTTP/1.1 200') else 1)
PY

# 64 concurrent searches while a batch files dossiers into the same home
for i in 1 2 3 4; do
    mkdir -p "$T/in/d$i"
    cp "$D/letter_top.png" "$T/in/d$i/p1.png"
done
h batch -j 2 "$T/in" >"$T/batch.out" 2>&1 &
bpid=$!
seq 1 256 | xargs -P 64 -I{} curl -s -o /dev/null -w '%{http_code}\n' "$B/api/search?q=khanh+hoa&limit={}" >"$T/codes"
wait $bpid || fail "batch during the searches: $(cat "$T/batch.out")"
[ "$(grep -c '^200$' "$T/codes")" = 256 ] || fail "concurrent searches: $(sort "$T/codes" | uniq -c | tr '\n' ' ')"
get '/api/search?q=khanh+hoa&dossiers=1'
[ "$(python3 -c "import json; print(json.load(open('$T/body'))['total'])")" = 6 ] || fail "new dossiers seen: $(cat "$T/body")"
stop

# the token
printf 'tok-%s\n' 0123456789abcdef >"$T/token"
serve --token-file "$T/token"
get '/api/search?q=khanh'
[ "$st" = 401 ] || fail "no token: $st"
get '/api/search?q=khanh' -H 'Authorization: Bearer tok-0123456789abcdeX'
[ "$st" = 401 ] || fail "wrong token: $st"
get '/api/search?q=khanh' -H 'Authorization: Bearer tok-0123456789abcdef'
[ "$st" = 200 ] || fail "bearer token: $st"
get "/api/dossiers/$code2/pages/1/image?token=tok-0123456789abcdef"
[ "$st" = 200 ] || fail "?token=: $st"
get /
[ "$st" = 200 ] || fail "the page itself needs no token: $st"
stop

# not loopback: a token is required
run h serve --listen 0.0.0.0:0
expect_rc 2 "non-loopback without a token"
expect_err "needs an access token"
run h serve --listen nonsense
expect_rc 2 "bad --listen"
run h serve --token short
expect_rc 2 "a short token"

# a real browser, driven as an archivist would: type a query without diacritics, open the
# first dossier, download its PDF, open a page and see the words boxed; a <script> query
need_chromium
serve
shots=${HS_SHOTS:-$T/shots}/serve
python3 - "$B" "$code2" "$zip2" "$shots" "$HS_TOOLS" <<'PY' || fail "browser"
import subprocess, sys, zipfile
B, code, bag, shots = sys.argv[1:5]
sys.path.insert(0, sys.argv[5])
from cdp import Browser
bad = []
def check(ok, what):
    if not ok:
        bad.append(what)
        print('FAIL: browser: ' + what, file=sys.stderr)
with Browser(shots) as b:
    p = b.page()
    p.goto(B + '/?lang=vi')
    p.wait("document.getElementById('q').placeholder")
    p.click('#q')
    p.type_text('giay phep xay dung')
    p.press_enter()
    first = p.wait("document.querySelector('#results .result')?.dataset.code")
    check(first == code, 'first result %s, not %s' % (first, code))
    check('Số hồ sơ tìm thấy' in p.eval("document.getElementById('count').textContent"), 'Vietnamese texts')
    p.wait("document.querySelector('.result .fields').textContent")
    print('screenshot', p.screenshot('1-search'))
    p.click('.result a.code')
    fix = p.wait("document.querySelector('#fixity .ok, #fixity .bad')?.textContent")
    check(fix == 'Nguyên vẹn', 'fixity: ' + fix)
    check('Phạm Minh Tuấn' in p.eval("document.querySelector('table.fields').textContent"), 'dossier fields')
    check(p.eval("document.querySelectorAll('.thumb').length") == 3, '3 thumbnails')
    p.wait("[...document.querySelectorAll('.thumb img')].every((i) => i.complete && i.naturalWidth)")
    print('screenshot', p.screenshot('2-dossier'))
    p.click('.downloads a')  # the PDF
    dl = p.download()
    pdf = open(dl, 'rb').read()
    check(pdf == zipfile.ZipFile(bag).read(code + '/data/dossier.pdf'), "downloaded PDF is not the bag's")
    # the PDF/A-2b the dossier view offers (issue 20): its XMP, streams uncompressed
    subprocess.run(['qpdf', '--qdf', '--object-streams=disable', dl, dl + '.qdf'])
    qdf = open(dl + '.qdf', 'rb').read()
    check(b'<pdfaid:part>2</pdfaid:part>' in qdf, 'downloaded PDF has no PDF/A-2 XMP')
    text = subprocess.run(['pdftotext', '-', '-'], input=pdf, capture_output=True).stdout.decode()
    check('Phạm Minh Tuấn' in text and 'giấy phép xây dựng' in text, 'PDF text: ' + text[:200])
    p.click('.thumb')  # page 1, with the query's hits
    p.wait("document.getElementById('page-image')?.complete")
    try:
        boxes = p.wait("document.querySelectorAll('.imgbox .box').length >= 4 && [...document.querySelectorAll('.imgbox .box')].map((e) => e.title)")
    except Exception:
        boxes = []
    check({'giấy', 'phép', 'xây', 'dựng'} <= {w.lower() for w in boxes}, 'word boxes: %s' % boxes)
    marks = p.eval("[...document.querySelectorAll('#ocr-text mark')].map((e) => e.textContent.toLowerCase())")
    check('phép' in marks, 'marked text: %s' % marks[:10])
    print('screenshot', p.screenshot('3-page'))
    p.eval("document.getElementById('q').select()")
    p.type_text('<script>alert(1)</script>')
    p.press_enter()
    shown = p.wait("document.getElementById('query')?.textContent")
    check(shown == '<script>alert(1)</script>', 'query shown as ' + shown)
    # the page's own scripts all load a file; a query turned into markup would not
    check(p.eval("[...document.scripts].every((s) => s.src)"), 'the query became a script element')
    check(not any(e['method'] == 'Page.javascriptDialogOpening' for e in b.events), 'alert ran')
    print('screenshot', p.screenshot('4-script-query'))
sys.exit(1 if bad else 0)
PY
stop
finish
