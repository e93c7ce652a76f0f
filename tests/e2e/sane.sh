#!/bin/bash
# label: slow
# Scanning through SANE's test and pnm backends (SANE_CONFIG_DIR=tests/sane): devices, a
# full ADF run, each fault at page 1 (nothing filed, nothing pending), Ctrl-C in the middle
# of an ADF run (pages kept pending, --resume files them), a real page through the pnm
# backend read as its ground truth, option errors.
. "$(dirname "$0")/lib.sh"
: "${SANE_CONFIG_DIR:?}"

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

# Ctrl-C half-way through the feeder: the pages scanned so far stay pending
"$HOSO" --home "$HOME_DIR" scan --device test:0 --source adf --resolution 600 --mode color \
    --sane-option "test-picture=Color pattern" --code INT-1 >"$T/out" 2>"$T/err" &
pid=$!
for i in $(seq 1 600); do
    [ "$(ls "$HOME_DIR"/pending/test_0/*.png 2>/dev/null | wc -l)" -ge 2 ] && break
    sleep 0.05
done
kill -INT $pid
wait $pid
rc=$?
expect_rc 1 "interrupted scan"
expect_err "cancelled"
expect_err "--resume"
run h pending --json
kept=$(json 'j[0]["pages"]')
[ "$kept" -ge 1 ] || fail "pages kept after Ctrl-C: $kept"
[ "$(json 'j[0]["code"]')" = INT-1 ] || fail "pending code"
run h show INT-1
expect_rc 1 "not filed yet"
run h scan --device test:0 --source adf --resolution 75 --code INT-1
expect_rc 1 "a new scan is refused while pages are pending"
expect_err "--resume"
run h scan --device test:0 --source adf --resolution 75 --resume --json
expect_rc 0 "resume"
[ "$(json 'j["code"]')" = INT-1 ] || fail "resumed under the code given at the start"
[ "$(json 'j["pages"]')" = $((kept + 10)) ] || fail "kept pages + a full feeder"
run h pending
expect_out "nothing pending"

# a real page through the driver path
run h scan --device pnm:0 --resolution 300 --sane-option "filename=$D/letter_top.pgm" --code PNM-1
expect_rc 0 "pnm scan"
h export PNM-1 --text >"$T/pnm.txt"
c=$(cer "$D/letter_top.gt.txt" "$T/pnm.txt")
echo "pnm page: cer $c"
below "$c" 0.02 || fail "pnm page cer $c"
run h show --json PNM-1
[ "$(json 'j["pages"][0]["dpi"]')" = 300 ] || fail "dpi from the scanner"

run h scan --device test:0 --sane-option no-such=1
expect_rc 2 "unknown option"
expect_err "no option 'no-such'"
run h scan --device test:0 --sane-option mode=Purple
expect_rc 2 "bad value"
expect_err "'Gray', 'Color'"
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
