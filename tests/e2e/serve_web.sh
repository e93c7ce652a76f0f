#!/bin/bash
# label: slow
# hoso serve in Vietnamese, for people (issue 25): a label for every field key, dates as
# dd/mm/yyyy in the server's time zone (--time-zone, Asia/Ho_Chi_Minh by default), error
# pages in Vietnamese for an unknown address (HTML for a browser, JSON under /api with its
# text in the request's or the server's language), an unknown dossier and a page the dossier
# lacks; and a layout that holds from 360 px up: no sideways scrolling, the page image as
# wide as the screen, tap targets 44 px high. The browser part is skipped (exit 77) without
# chromium.
. "$(dirname "$0")/lib.sh"

S=$(dirname "$0")/../../samples/dossier-xaydung
SRC=$(cd "$(dirname "$0")/../.." && pwd)
trap '[ -n "$SPID" ] && kill "$SPID" 2>/dev/null; rm -rf "$T"' EXIT

run h scan --json "$S/01-giay-tiep-nhan.png" "$S/02-don.tif"
expect_rc 0 "scan sample dossier"
code=000.27.30.H34-200311-0015
h show --json "$code" >"$T/rec.json"

hdr() { grep -i "^$1:" "$T/hdr" | head -1 | cut -d' ' -f2- | tr -d '\r'; }
error_is() { [ "$(python3 -c "import json; print(json.load(open('$T/body'))['error'])")" = "$1" ]; }
BROWSER=(-H 'Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')

# the time zone: checked at start, given to the page
run h serve --listen 127.0.0.1:0 --time-zone 'Asia/Nowhere'
expect_rc 2 "an unknown time zone"
expect_err "unknown time zone 'Asia/Nowhere'"
run h serve --listen 127.0.0.1:0 --time-zone '../etc/passwd'
expect_rc 2 "a time zone that is a path"
serve --time-zone UTC
get /
grep -q '<html lang="vi" data-tz="UTC">' "$T/body" || fail "--time-zone UTC not given to the page"
stop

serve
get /
grep -q 'data-tz="Asia/Ho_Chi_Minh"' "$T/body" || fail "default time zone: $(head -3 "$T/body")"

# an unknown address: a page in Vietnamese for a browser (English when it prefers it),
# JSON for the rest, the path shown as text
get /khong-co "${BROWSER[@]}"
[ "$st" = 404 ] || fail "unknown path: $st"
[ "$(hdr Content-Type)" = "text/html; charset=utf-8" ] || fail "unknown path for a browser: $(hdr Content-Type)"
grep -q '<html lang="vi">' "$T/body" && grep -q '<title>Không tìm thấy trang · Hồ sơ lưu trữ</title>' "$T/body" &&
    grep -q 'Về trang tìm kiếm' "$T/body" && grep -q '<code>/khong-co</code>' "$T/body" ||
    fail "unknown path page: $(cat "$T/body")"
! grep -q '"error"' "$T/body" || fail "JSON in the page"
get '/a/%3Cscript%3Ex' "${BROWSER[@]}" -H 'Accept-Language: en-GB,en;q=0.9'
[ "$st" = 404 ] && grep -q 'Page not found' "$T/body" && grep -q '<code>/a/%3Cscript%3Ex</code>' "$T/body" ||
    fail "unknown path in English: $st $(cat "$T/body")"
get '/a/<b>x' "${BROWSER[@]}"
! grep -q '<b>x' "$T/body" || fail "a path put in the page as markup"
get /khong-co.js
[ "$st" = 404 ] && error_is "no such resource" || fail "unknown path without a browser: $st $(cat "$T/body")"
# the API keeps JSON, in the language asked for (English without one: the server's is C)
get /api/khong-co "${BROWSER[@]}" -H 'Accept-Language: vi-VN,vi;q=0.9,en;q=0.5'
[ "$st" = 404 ] && [ "$(hdr Content-Type)" = "application/json; charset=utf-8" ] && error_is "không có tài nguyên này" ||
    fail "/api unknown in Vietnamese: $st $(cat "$T/body")"
get "/api/dossiers/000.00.00.H00-990101-9999" -H 'Accept-Language: vi'
[ "$st" = 404 ] && error_is "không có hồ sơ '000.00.00.H00-990101-9999'" || fail "unknown dossier in Vietnamese: $(cat "$T/body")"
get "/api/dossiers/000.00.00.H00-990101-9999"
[ "$st" = 404 ] && error_is "no dossier '000.00.00.H00-990101-9999'" || fail "unknown dossier in English: $(cat "$T/body")"
get "/api/dossiers/$code/pages/99/image" -H 'Accept-Language: vi'
[ "$st" = 404 ] && error_is "$code: không có trang 99" || fail "page 99 in Vietnamese: $(cat "$T/body")"
get "/api/search?q=x&limit=0" -H 'Accept-Language: vi'
[ "$st" = 400 ] && error_is "search: giới hạn '0' không hợp lệ" || fail "bad limit in Vietnamese: $(cat "$T/body")"
stop

# a server whose locale is Vietnamese answers in Vietnamese unless English is asked for
VI=vi_VN.UTF-8
if ! locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$'; then
    mkdir -p "$T/loc"
    command -v localedef >/dev/null && localedef -i vi_VN -f UTF-8 "$T/loc/$VI" 2>/dev/null &&
        export LOCPATH=$T/loc || VI=
fi
if [ -n "$VI" ]; then
    SERVE_ENV=(LC_ALL=$VI LANGUAGE=)
    serve
    SERVE_ENV=()
    get /api/khong-co
    error_is "không có tài nguyên này" || fail "a Vietnamese server: $(cat "$T/body")"
    get /api/khong-co -H 'Accept-Language: en'
    error_is "no such resource" || fail "a Vietnamese server asked for English: $(cat "$T/body")"
    stop
else
    echo "note: no vi_VN.UTF-8 locale and no localedef: the server-locale check is skipped"
fi

need_chromium
serve
shots=${HS_SHOTS:-$T/shots}/serve_web
python3 - "$B" "$code" "$T/rec.json" "$shots" "$HS_TOOLS" "$SRC/fields/fields.c" <<'PY' || fail "browser"
import json, re, sys
from datetime import datetime
from zoneinfo import ZoneInfo
B, code, recfile, shots = sys.argv[1:5]
sys.path.insert(0, sys.argv[5])
from cdp import Browser
rec = json.load(open(recfile))
# every key the extractor writes (fields.c), and the review list
src = open(sys.argv[6]).read()
keys = re.findall(r'"([a-z_]+)"', src[src.index('key_names[K_COUNT]'):src.index('};', src.index('key_names[K_COUNT]'))])
assert len(keys) >= 21 and 'signer_title' in keys, keys
keys.append('review')
bad = []
def fresh(p, url):
    '''A new load of url: going from one #route to another would keep the old view a while'''
    p.goto('about:blank')
    p.goto(url)
def check(ok, what):
    if not ok:
        bad.append(what)
        print('FAIL: browser: ' + what, file=sys.stderr)

with Browser(shots) as b:
    p = b.page()
    fresh(p, B + '/?lang=vi')
    p.wait("typeof fieldLabel === 'function'")
    raw = p.eval("%s.filter((k) => fieldLabel(k) === k || !fieldLabel(k))" % json.dumps(keys))
    check(raw == [], 'field keys without a Vietnamese label: %s' % raw)
    fresh(p, B + '/?lang=en')
    p.wait("typeof fieldLabel === 'function'")
    raw = p.eval("%s.filter((k) => fieldLabel(k) === k || !fieldLabel(k))" % json.dumps(keys))
    check(raw == [], 'field keys without an English label: %s' % raw)
    # the dossier: every row's label translated, the creation time in Hanoi's time
    fresh(p, B + '/?lang=vi#/d/' + code)
    p.wait("document.querySelectorAll('table.fields tr').length && !!document.getElementById('created')")
    shown = p.eval("[...document.querySelectorAll('table.fields th')].map((e) => e.textContent)")
    check(not set(shown) & set(keys), 'raw keys shown as labels: %s' % (set(shown) & set(keys)))
    for k, label in (('address', 'Địa chỉ'), ('emails', 'Thư điện tử'), ('applicant', 'Người nộp')):
        if k in rec['fields']:
            check(label in shown, '%s shown as %s' % (k, shown))
    created = datetime.strptime(rec['created'], '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=ZoneInfo('UTC'))
    want = created.astimezone(ZoneInfo('Asia/Ho_Chi_Minh')).strftime('%d/%m/%Y %H:%M')
    got = p.eval("document.getElementById('created').textContent")
    check(got == want, 'created shown as %r, not %r (dd/mm/yyyy hh:mm, Asia/Ho_Chi_Minh)' % (got, want))
    ra = rec['fields'].get('received_at', {}).get('value', '')
    m = re.match(r'(\d{4})-(\d{2})-(\d{2})', ra)
    if m:
        cell = p.eval("document.querySelector('tr[data-key=received_at] td').textContent")
        check(cell.startswith('%s/%s/%s' % (m[3], m[2], m[1])), 'received_at shown as %r' % cell)
    page = p.eval("document.body.innerText")
    check(not re.search(r'\d{4}-\d{2}-\d{2}', page), 'an ISO date in the dossier view')
    print('screenshot', p.screenshot('1-dossier'))
    # the search form takes and shows dd/mm/yyyy, and searches by it
    fresh(p, B + '/?lang=vi#/search?q=giay&from=2020-03-01')
    p.wait("!!document.getElementById('count')")
    check(p.eval("document.getElementById('from').value") == '01/03/2020', 'from shown as ' + p.eval("document.getElementById('from').value"))
    p.eval("document.getElementById('to').value = '31/03/2020'")
    p.click('#search-form button')
    p.wait("location.hash.includes('to=2020-03-31')")
    check('from=2020-03-01' in p.eval("location.hash"), 'from lost: ' + p.eval("location.hash"))
    # on a fresh page: the search above may still be putting its dates back in the form
    fresh(p, B + '/?lang=vi')
    p.wait("!!document.querySelector('#main .msg')")
    p.eval("document.getElementById('to').value = '31/02/2020'")
    p.click('#search-form button')
    check(not p.eval("document.getElementById('to').validity.valid"), '31/02/2020 accepted as a date')
    check('to=' not in p.eval("location.hash"), '31/02/2020 searched for: ' + p.eval("location.hash"))
    # an unknown dossier, a page the dossier lacks, an unknown address: said in Vietnamese
    fresh(p, B + '/?lang=vi#/d/000.00.00.H00-990101-9999')
    why = p.wait("document.getElementById('not-found') && document.getElementById('not-found-why').textContent")
    check(p.eval("document.getElementById('not-found').textContent") == 'Không tìm thấy', 'unknown dossier heading')
    check('Không có hồ sơ mã' in why and '000.00.00.H00-990101-9999' in why, 'unknown dossier: ' + why)
    check(p.eval("document.getElementById('home-link').getAttribute('href')") == '#/', 'way back')
    fresh(p, B + '/?lang=vi#/d/' + code + '/p/99')
    why = p.wait("document.getElementById('not-found') && document.getElementById('not-found-why').textContent")
    check('không có trang' in why and '99' in why and '3' in why, 'page 99: ' + why)
    check(p.eval("document.images.length") == 0, 'an image shown for page 99')
    links = p.eval("[...document.querySelectorAll('#main a')].map((a) => a.getAttribute('href'))")
    pages = {pg['page'] for pg in rec['pages']}
    for h in links:
        m = re.search(r'/p/(\d+)', h)
        check(not m or int(m[1]) in pages, 'a link to a page that does not exist: ' + h)
    print('screenshot', p.screenshot('2-page-99'))
    fresh(p, B + '/?lang=vi#/d/' + code + '/p/3')
    p.wait("document.getElementById('page-image')?.complete")
    check(not p.eval("document.getElementById('next-page')"), 'a next link on the last page')
    check(p.eval("document.getElementById('prev-page').getAttribute('href')").endswith('/p/2'), 'previous page link')
    fresh(p, B + '/?lang=vi#/khong-co')
    check('Không có trang nào' in p.wait("document.getElementById('not-found-why')?.textContent"), 'unknown route')
    # a browser set to Vietnamese (headless Chromium says en-US), then one set to English
    ua = p.eval("navigator.userAgent")
    p.send('Emulation.setUserAgentOverride', {'userAgent': ua, 'acceptLanguage': 'en-US,en'})
    fresh(p, B + '/khong-co/trang')
    check(p.eval("document.title") == 'Page not found · Dossier archive', 'unknown path in English: ' + p.eval("document.title"))
    p.send('Emulation.setUserAgentOverride', {'userAgent': ua, 'acceptLanguage': 'vi-VN,vi'})
    fresh(p, B + '/khong-co/trang')
    check(p.eval("document.title") == 'Không tìm thấy trang · Hồ sơ lưu trữ', 'unknown path title: ' + p.eval("document.title"))
    check(p.eval("document.getElementById('error-title').textContent") == 'Không tìm thấy trang', 'unknown path heading')
    check(p.eval("getComputedStyle(document.querySelector('header')).display") == 'flex', 'error page without the style')
    print('screenshot', p.screenshot('3-unknown-path'))

# 360 and 420 px wide: nothing wider than the screen, the page image as wide as it can be
def narrow(width):
    with Browser(shots, width=width, height=800) as b:
        p = b.page()
        def fits(where):
            w = p.eval("[document.documentElement.scrollWidth, window.innerWidth]")
            check(w[0] <= w[1], '%d px, %s: the page is %d px wide (sideways scroll)' % (width, where, w[0]))
        fresh(p, B + '/?lang=vi#/search?q=giay+phep')
        p.wait("document.querySelector('#results .result .fields')?.textContent")
        fits('search')
        print('screenshot', p.screenshot('%d-search' % width))
        fresh(p, B + '/?lang=vi#/d/' + code)
        p.wait("[...document.querySelectorAll('.thumb img')].every((i) => i.complete && i.naturalWidth) && !!document.querySelector('#fixity span')")
        fits('dossier')
        print('screenshot', p.screenshot('%d-dossier' % width))
        fresh(p, B + '/?lang=vi#/d/' + code + '/p/1?q=giay')
        p.wait("document.getElementById('page-image')?.complete && document.getElementById('page-image').naturalWidth")
        fits('page')
        r = p.eval("(() => { const r = document.getElementById('page-image').getBoundingClientRect(); return [r.left, r.right, r.width, window.innerWidth]; })()")
        check(r[0] >= 0 and r[1] <= r[3], '%d px: the page image (%s) goes past the screen' % (width, r))
        check(r[2] >= 0.85 * r[3], '%d px: the page image is %d px wide, not the screen\'s width' % (width, r[2]))
        small = p.eval("[...document.querySelectorAll('.nav a, .nav button, header a')].filter((e) => e.getBoundingClientRect().height < 44).map((e) => e.textContent)")
        check(small == [], '%d px: tap targets under 44 px: %s' % (width, small))
        print('screenshot', p.screenshot('%d-page' % width))
        p.click('#zoom')
        z = p.wait("document.querySelector('.imgbox.zoom') && [document.querySelector('.imgbox').scrollWidth, document.querySelector('.imgbox').clientWidth]")
        check(z[0] > 2 * z[1], '%d px: zoom does not widen the image: %s' % (width, z))
        fits('page zoomed')
        print('screenshot', p.screenshot('%d-page-zoom' % width))
        fresh(p, B + '/?lang=vi#/stats?from=2020-01&to=2020-12')
        p.wait("!!document.querySelector('table.stats')")
        fits('stats')
        print('screenshot', p.screenshot('%d-stats' % width))
        fresh(p, B + '/?lang=vi#/review')
        p.wait("!!document.getElementById('open-code')")
        fits('review queue')
        fresh(p, B + '/khong-co')
        p.wait("!!document.getElementById('error-title')")
        fits('unknown path')
narrow(360)
narrow(420)
sys.exit(1 if bad else 0)
PY
stop
finish
