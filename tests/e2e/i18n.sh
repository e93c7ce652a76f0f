#!/bin/bash
# Messages in Vietnamese: every message id of po/hoso.pot (cli/'s and the libraries' error
# messages) has a Vietnamese translation in po/vi.po and an English one in po/en.po (and a
# note when the template is behind the sources); with a vi_VN.UTF-8 locale (made with localedef in a scratch folder when the
# system lacks it), help, usage errors, doctor and the libraries' errors (a corrupt TIFF, an
# empty file, an unknown dossier) speak Vietnamese, and English in the C locale, while exit
# codes and JSON stay the same.
. "$(dirname "$0")/lib.sh"
SRC=$(cd "$(dirname "$0")/../.." && pwd)

# every msgid (and plural) has a non-empty msgstr
# (po/en.po too: the English catalogue, each message its own text)
python3 - "$SRC/po/hoso.pot" "$SRC/po/vi.po" "$SRC/po/en.po" >"$T/po.txt" 2>&1 <<'PY' ||
    fail "po/vi.po, po/en.po: $(cat "$T/po.txt")"
import re, sys
def entries(path):
    text = open(path, encoding='utf-8').read()
    out = {}
    for block in text.split('\n\n'):
        def field(name):
            m = re.search(r'^%s "(.*)"\n((?:".*"\n?)*)' % re.escape(name), block + '\n', re.M)
            if not m:
                return None
            return m.group(1) + ''.join(re.findall(r'^"(.*)"$', m.group(2), re.M))
        mid = field('msgid')
        if mid is None or mid == '' or block.lstrip().startswith('#~'):
            continue
        strs = [field('msgstr')] if field('msgstr') is not None else \
            [field('msgstr[%d]' % i) for i in range(4) if field('msgstr[%d]' % i) is not None]
        out[(mid, field('msgid_plural'))] = strs
    return out
pot, bad = entries(sys.argv[1]), []
for path in sys.argv[2:]:
    po = entries(path)
    for k in pot:
        if k not in po or not po[k] or not all(po[k]):
            print('%s: untranslated: %r' % (path.rsplit('/', 1)[-1], k[0]))
            bad.append(k)
if not pot:
    print('no message in po/hoso.pot')
sys.exit(1 if bad or not pot else 0)
PY
if command -v msgfmt >/dev/null; then
    msgfmt --check -o /dev/null "$SRC/po/vi.po" 2>"$T/msgfmt" || fail "msgfmt --check po/vi.po: $(cat "$T/msgfmt")"
    grep -q fuzzy "$SRC/po/vi.po" && fail "po/vi.po has fuzzy translations"
    msgfmt --check -o /dev/null "$SRC/po/en.po" 2>"$T/msgfmt" || fail "msgfmt --check po/en.po: $(cat "$T/msgfmt")"
    # built and installed beside the Vietnamese one
    [ -s "$(dirname "$HOSO")/locale/en/LC_MESSAGES/hoso.mo" ] ||
        fail "no locale/en/LC_MESSAGES/hoso.mo beside $HOSO"
fi
# the template is current: the messages marked in the sources, cli/ and the libraries'
# hs_err formats (po/xgettext.sh), are its messages
grep -q '^#: .*scan/scan_file\.c' "$SRC/po/hoso.pot" && grep -q '^#: .*index/idx_db\.c' "$SRC/po/hoso.pot" ||
    fail "po/hoso.pot lacks the libraries' messages (cmake --build BUILD --target pot)"
if command -v xgettext >/dev/null; then
    sh "$SRC/po/xgettext.sh" "$T/now.pot"
    ids() { grep -E '^msgid(_plural)? ' "$1" | sort; }
    # a message changed since is shown in English until translated: said, not failed
    diff <(ids "$SRC/po/hoso.pot") <(ids "$T/now.pot") >"$T/potdiff" ||
        echo "note: po/hoso.pot is behind the sources (cmake --build BUILD --target pot," \
            "then translate po/vi.po): $(grep -c '^>' "$T/potdiff") new message(s)"
fi

# a Vietnamese locale
VI=vi_VN.UTF-8
if ! locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$'; then
    mkdir -p "$T/loc"
    if command -v localedef >/dev/null && localedef -i vi_VN -f UTF-8 "$T/loc/$VI" 2>/dev/null; then
        export LOCPATH=$T/loc
    else
        echo "no vi_VN.UTF-8 locale and no localedef: the run-time checks are skipped"
        finish
    fi
fi
vi() { LC_ALL=$VI LANGUAGE= "$@"; }
en() { LC_ALL=C.UTF-8 LANGUAGE= "$@"; }

run vi "$HOSO" help
expect_rc 0 "help in Vietnamese"
expect_out "cách dùng:"
expect_out "các lệnh:"
expect_out "tìm trong chỉ mục"
run vi "$HOSO" search --help
expect_rc 0 "search --help in Vietnamese"
expect_out "tùy chọn:"
expect_out "--field KEY=VALUE"
run vi "$HOSO" no-such-command
expect_rc 2 "unknown command in Vietnamese"
expect_err "không có lệnh 'no-such-command'"
run en "$HOSO" no-such-command
expect_rc 2 "unknown command in English"
expect_err "unknown command 'no-such-command'"

mkdir -p "$HOME_DIR"
run vi h doctor --no-sane
expect_rc 0 "doctor in Vietnamese"
expect_out "ok   ngôn ngữ hệ thống: $VI"
expect_out "thư mục dữ liệu:"
run en h doctor --no-sane
expect_rc 0 "doctor in English"

# the libraries' errors (hs_err_set translates its format), and the commands' own
printf 'II*\0garbage' >"$T/bad.tif"
: >"$T/empty.png"
run vi "$HOSO" ocr "$T/bad.tif"
expect_rc 1 "corrupt TIFF in Vietnamese"
expect_one_line_err "'$T/bad.tif': tệp bị cắt cụt (thư mục của trang đầu ở byte"
run en "$HOSO" ocr "$T/bad.tif"
expect_rc 1 "corrupt TIFF in English"
expect_one_line_err "'$T/bad.tif': truncated file (its first page's directory is at byte"
run vi "$HOSO" ocr "$T/empty.png"
expect_rc 1 "empty file in Vietnamese"
expect_one_line_err "'$T/empty.png': tệp rỗng"
run en "$HOSO" ocr "$T/empty.png"
expect_rc 1 "empty file in English"
expect_one_line_err "'$T/empty.png': empty file"
run vi "$HOSO" ocr "$T/none.png"
expect_rc 1 "missing file (Vietnamese locale)"
expect_err "'$T/none.png'"
run vi h scan "$T/bad.tif"
expect_rc 1 "scan of a corrupt TIFF in Vietnamese"
expect_err "tệp bị cắt cụt"
[ "$(archives)" = 0 ] || fail "a corrupt TIFF was filed"
run vi h show NO-SUCH-CODE
expect_rc 1 "unknown dossier in Vietnamese"
expect_one_line_err "không có hồ sơ 'NO-SUCH-CODE'"
run en h show NO-SUCH-CODE
expect_rc 1 "unknown dossier in English"
expect_one_line_err "no dossier 'NO-SUCH-CODE'"
run vi h export NO-SUCH-CODE
expect_rc 2 "export usage error in Vietnamese"
expect_err "export: hãy chọn một trong --text, --dir hoặc --pdf"
run en h export NO-SUCH-CODE
expect_rc 2 "export usage error in English"
expect_err "export: give one of --text, --dir or --pdf"
run vi h search --dossiers "-"
expect_rc 2 "a query with no words in Vietnamese"
expect_err "search: câu tìm không có từ nào để tìm"
run vi h batch -j x "$T"
expect_rc 2 "batch usage error in Vietnamese"
expect_err "batch: -j 'x' không hợp lệ"
run vi h batch "$T/no-such-folder"
expect_rc 1 "batch of a missing folder in Vietnamese"
expect_out "0 đã lưu, 0 đã có từ trước, 1 lỗi"
run vi h pending
expect_rc 0 "pending in Vietnamese"
expect_out "không có gì đang chờ"
run vi h serve --listen 0.0.0.0:0
expect_rc 2 "serve without a token on a network address, in Vietnamese"
expect_err "cần mã truy cập"

# JSON is the same in every language
run vi h pending --json
cp "$T/out" "$T/vi.json"
run en h pending --json
cmp -s "$T/out" "$T/vi.json" || fail "pending --json differs between vi and en"
finish
