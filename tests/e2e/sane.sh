#!/bin/bash
# label: slow
# Scanning through SANE's test and pnm backends (SANE_CONFIG_DIR=tests/sane): devices, a
# full ADF run (pages filed in scan order although each is recognised while the next is
# scanned), each fault at page 1 (nothing filed, nothing pending), Ctrl-C after the fifth
# sheet (those five kept pending, listed under the device's SANE name, --resume files them
# first), --resume reading pending pages of different content in order, a recognition
# failure (pages kept), ADF mode from a source set with --sane-option, --append kept with
# the pending pages, a real page through the pnm backend read as its ground truth, option
# errors (values off a word list or rounded by the backend).
. "$(dirname "$0")/lib.sh"
: "${SANE_CONFIG_DIR:?}"
# every scan under a deadline: one that hangs fails here, naming itself, not at ctest's
# timeout with nothing said
h() {
    timeout -k 5 180 "$HOSO" --home "$HOME_DIR" "$@"
    local r=$?
    [ "$r" = 124 ] || [ "$r" = 137 ] && echo "TIMEOUT: hoso $* did not end within 180 s" >&2
    return "$r"
}

run "$HOSO" devices
expect_rc 0 "devices"
expect_out "test:0"
expect_out "pnm:0"
run "$HOSO" devices --json
[ "$(json '[d["name"] for d in j if d["name"] == "test:0"][0]')" = test:0 ] || fail "devices --json"

# a full feeder: the test backend's ADF holds 10 sheets
run h scan --device test:0 --source adf --resolution 75 --sane-option "test-picture=Color pattern" \
    --mode color --code ADF-1 --json
expect_rc 0 "ADF run"
[ "$(json 'j["pages"]')" = 10 ] || fail "10 pages filed"
run h show --json ADF-1
[ "$(json '",".join(p["source"] for p in j["pages"])')" = "$(seq -f %04g.png -s, 1 10)" ] ||
    fail "ADF pages in scan order"
run h pending
expect_out "nothing pending"

for f in JAMMED COVER_OPEN IO_ERROR NO_DOCS; do
    run h scan --device test:0 --resolution 75 --sane-option "read-return-value=SANE_STATUS_$f" --code "F-$f"
    expect_rc 1 "fault $f"
    expect_one_line_err "page 1"
    run h show "F-$f"
    expect_rc 1 "nothing filed after $f"
done
run h pending
expect_out "nothing pending"

# Ctrl-C after the fifth sheet, the feeder slowed to about a second a sheet, while the
# recogniser reads the sheets already kept (--no-clean: Tesseract reads each): those five
# stay pending, nothing is filed
"$HOSO" --home "$HOME_DIR" scan --device test:0 --source adf --resolution 75 --mode color \
    --no-clean --sane-option "test-picture=Color pattern" --sane-option read-delay=yes \
    --sane-option read-delay-duration=100000 --code INT-1 >"$T/out" 2>"$T/err" &
pid=$!
for i in $(seq 1 600); do
    [ "$(ls "$HOME_DIR"/pending/test_0/*.png 2>/dev/null | wc -l)" -ge 5 ] && break
    sleep 0.05
done
kill -INT $pid
# a scan that does not stop on Ctrl-C fails here, not at ctest's timeout
for i in $(seq 1 600); do
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
done
if kill -0 $pid 2>/dev/null; then
    kill -9 $pid
    fail "the scan did not stop within 60 s of Ctrl-C"
fi
wait $pid
rc=$?
expect_rc 1 "interrupted scan"
expect_err "page 6: scanner 'test:0': cancelled"
expect_err "; 5 pages kept as a pending dossier"
expect_err "--resume"
run h pending --json
[ "$(json 'j[0]["pages"]')" = 5 ] || fail "the five sheets scanned are kept after Ctrl-C"
[ "$(json 'j[0]["code"]')" = INT-1 ] || fail "pending code"
# the SANE name, not the folder's (test_0): what --device takes to resume
[ "$(json 'j[0]["device"]')" = test:0 ] || fail "pending device name"
[ "$(json 'j[0]["append"]')" = False ] || fail "pending without --append"
run h pending
expect_out "test:0 "
run h pending bogus
expect_rc 2 "pending takes no argument but --json"
expect_err "unknown argument 'bogus'"
run h show INT-1
expect_rc 1 "not filed yet"
[ "$(archives)" = 1 ] || fail "only ADF-1 is archived"
run h scan --device test:0 --source adf --resolution 75 --code INT-1
expect_rc 1 "a new scan is refused while pages are pending"
expect_err "--resume"
# resumed at another resolution: the five kept (75 dpi) come first, then a full feeder
run h scan --device test:0 --source adf --resolution 150 --no-clean --resume --json
expect_rc 0 "resume"
[ "$(json 'j["code"]')" = INT-1 ] || fail "resumed under the code given at the start"
[ "$(json 'j["pages"]')" = 15 ] || fail "kept pages + a full feeder"
run h show --json INT-1
[ "$(json '",".join(p["source"] for p in j["pages"])')" = "$(seq -f %04g.png -s, 1 15)" ] ||
    fail "resumed pages in scan order"
dpis=$(json '",".join(str(p["dpi"]) for p in j["pages"])')
[ "$dpis" = "75,75,75,75,75$(printf ',150%.0s' $(seq 10))" ] || fail "the kept pages first: $dpis"
run h pending
expect_out "nothing pending"

# --resume reads the pending pages in order with the new one: an interrupted scan's folder
# (as hoso leaves it) holding three different pages, then a page from the pnm backend
p="$HOME_DIR/pending/pnm_0"
mkdir -p "$p"
cp "$D/letter_top.png" "$p/0001.png"
cp "$D/blank.png" "$p/0002.png"
cp "$D/clean/vietsample2_top.png" "$p/0003.png"
printf ORD-1 >"$p/code"
run h pending --json
[ "$(json 'j[0]["device"]')" = pnm_0 ] || fail "a folder without a device file is listed by its name"
run h scan --device pnm:0 --resolution 300 --sane-option "filename=$D/letter_top.pgm" --resume \
    --json --timings
expect_rc 0 "resume on pnm"
expect_err "timings: 4 pages; recognition (decoding, cleanup, OCR)"
expect_err "last page read -> searchable"
[ "$(json 'j["code"]')" = ORD-1 ] || fail "code kept with the pending pages"
[ "$(json 'j["pages"]')" = 4 ] || fail "3 pending pages + 1"
zip=$(json 'j["archive"]')
page_text() { unzip -p "$zip" "ORD-1/data/text/000$1.txt"; }
page_text 1 | grep -q "THÔNG TIN" || fail "page 1 is the letter"
[ -z "$(page_text 2 | tr -d '[:space:]')" ] || fail "page 2 is the blank page"
page_text 3 | grep -q "Tôi Đi Học" || fail "page 3 is the vietocr sample"
page_text 4 | grep -q "THÔNG TIN" || fail "page 4 is the scanned letter"
run h show --json ORD-1
[ "$(json 'j["pages"][1]["cleanup"]["blank"]')" = True ] || fail "page 2 found blank"
[ "$(json 'j["pages"][3]["dpi"]')" = 300 ] || fail "page 4 from the scanner"
[ -d "$p" ] && fail "pending folder left after filing"

# a recognition failure is told once the feeder is empty; the scanned page stays pending
run h scan --device test:0 --resolution 75 --lang nosuch --code LANG-1
expect_rc 1 "no such language"
expect_err "language 'nosuch'"
expect_err "the 1 scanned page stay pending"
run h pending --json
[ "$(json 'j[0]["pages"]')" = 1 ] || fail "page kept after a recognition failure"
run h show LANG-1
expect_rc 1 "nothing filed after a recognition failure"
run h scan --device test:0 --resolution 75 --resume --json
expect_rc 0 "resume after a recognition failure"
[ "$(json 'j["code"]')" = LANG-1 ] && [ "$(json 'j["pages"]')" = 2 ] || fail "LANG-1 filed, 2 pages"

# the source set with --sane-option names the feeder: scanned until it is empty (blank
# sheets: no OCR to wait for)
run h scan --device test:0 --resolution 75 --sane-option "source=Automatic Document Feeder" \
    --sane-option "test-picture=Solid white" --code SRC-1 --json
expect_rc 0 "ADF through --sane-option source"
[ "$(json 'j["pages"]')" = 10 ] || fail "a full feeder with source=Automatic Document Feeder"

# --append is kept with the pending pages: a scan stopped once its page was kept (here by a
# recognition failure) is resumed onto the same dossier with --resume alone
white=(--resolution 75 --sane-option "test-picture=Solid white")
run h scan --device test:0 "${white[@]}" --lang nosuch --code SRC-1 --append
expect_rc 1 "append stopped by a recognition failure"
run h pending --json
[ "$(json 'j[0]["append"]')" = True ] && [ "$(json 'j[0]["code"]')" = SRC-1 ] &&
    [ "$(json 'j[0]["device"]')" = test:0 ] || fail "pending append, code and device"
run h pending
expect_out "code SRC-1 (append)"
run h scan --device test:0 "${white[@]}" --resume --json
expect_rc 0 "resume of an append"
[ "$(json 'j["code"]')" = SRC-1 ] && [ "$(json 'j["pages"]')" = 12 ] ||
    fail "appended: 10 + the kept page + a new one"
# and --resume --append needs no --code when one was saved
run h scan --device test:0 "${white[@]}" --lang nosuch --code SRC-1 --append
expect_rc 1 "append stopped again"
run h scan --device test:0 "${white[@]}" --resume --append --json
expect_rc 0 "--resume --append without --code"
[ "$(json 'j["pages"]')" = 14 ] || fail "appended again"
run h pending
expect_out "nothing pending"
run h scan --device test:0 --append --resume
expect_rc 2 "--resume --append with nothing pending"
expect_err "nothing pending on 'test:0'"
run h scan --device test:0 --append
expect_rc 2 "--append without --code or --resume"
expect_err "--append needs --code"

# a real page through the driver path
run h scan --device pnm:0 --resolution 300 --sane-option "filename=$D/letter_top.pgm" --code PNM-1
expect_rc 0 "pnm scan"
h export PNM-1 --text >"$T/pnm.txt"
c=$(cer "$D/letter_top.gt.txt" "$T/pnm.txt")
echo "pnm page: cer $c"
below "$c" 0.02 || fail "pnm page cer $c"
run h show --json PNM-1
[ "$(json 'j["pages"][0]["dpi"]')" = 300 ] || fail "dpi from the scanner"

# whole clean pages through the driver path: the grey pages of dossier4.tif (decision_ubnd,
# letter_stttt), as their archival PNGs, made PNM for the pnm backend
run h scan --code SRC-4 "$D/dossier4.tif"
expect_rc 0 "file dossier4.tif for its page images"
zip4=$(ls "$HOME_DIR"/archive/*/SRC-4.zip)
for p in 2 4; do
    unzip -p "$zip4" "SRC-4/data/images/000$p.png" >"$T/full$p.png"
    python3 "$HS_TOOLS/png2pnm.py" "$T/full$p.png" "$T/full$p.pgm" || fail "png2pnm page $p"
    run h scan --device pnm:0 --resolution 300 --sane-option "filename=$T/full$p.pgm" --code FULL-$p
    expect_rc 0 "pnm scan of a whole page $p"
    h export FULL-$p --text >"$T/full$p.txt"
    c=$(cer "$D/dossier4.p$p.gt.txt" "$T/full$p.txt")
    echo "pnm whole page $p: cer $c"
    below "$c" 0.02 || fail "pnm whole page $p cer $c"
done

run h scan --device test:0 --sane-option no-such=1
expect_rc 2 "unknown option"
expect_err "no option 'no-such'"
run h scan --device test:0 --sane-option mode=Purple
expect_rc 2 "bad value"
expect_err "'Gray', 'Color'"
# values SANE would round to an allowed one are refused, as scanimage does
run h scan --device test:0 --sane-option depth=7
expect_rc 2 "depth off the word list"
expect_one_line_err "bad value '7' for option 'depth' (allowed: 1, 8, 16)"
run h scan --device test:0 --sane-option resolution=75.5
expect_rc 2 "resolution between steps"
expect_one_line_err "cannot be '75.5' exactly"
run h pending
expect_out "nothing pending"
run h scan --device test:0 --mode lineart --resolution 75 --code LA-1
expect_rc 0 "line art (grey at 1 bit on the test backend)"
run h scan --device nosuch:0 --code X
expect_rc 1 "no such scanner"
expect_one_line_err "nosuch:0"
run h scan --source adf "$D/letter_top.png"
expect_rc 2 "scanner options without --device"
run h verify
expect_rc 0 "verify"
finish
