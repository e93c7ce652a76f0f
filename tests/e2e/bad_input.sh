#!/bin/bash
# label: slow
# Bad input is refused with one line naming the file and the reason; no archive and no
# index row are written; what was filed before is untouched.
. "$(dirname "$0")/lib.sh"

run h scan --code GOOD-1 "$D/letter_top.png"
expect_rc 0 "first, a good dossier"
before=$(sha256sum "$HOME_DIR"/archive/*/GOOD-1.zip)

check_refused() { # FILE REASON
    run h scan --code "BAD-$(basename "$1")" "$1"
    expect_rc 1 "scan of $1"
    expect_one_line_err "$(basename "$1")"
    expect_err "$2"
}
check_refused "$D/empty.png" "empty file"
check_refused "$D/notimage.png" "not a supported image"
check_refused "$D/truncated.tif" "truncated file"
# files cut short are refused before decoding, with no line of libpng's or libjpeg's own
head -c 3000 "$D/letter_top.png" >"$T/cut.png"
check_refused "$T/cut.png" "truncated file"
head -c 20000 "$D/letter_top.jpg" >"$T/cut.jpg"
check_refused "$T/cut.jpg" "truncated file"
check_refused "$D/huge.png" "100000x100000 pixels is too large"
check_refused "$D/huge.tif" "100000x100000 pixels is too large"
check_refused "$T/missing.png" "No such file"
mkdir "$T/adir"
check_refused "$T/adir" "not a regular file"
# control characters in a file name come out escaped, on one line
ctl=$'bad\nname\x1b[31m\x7f.png'
cp "$D/notimage.png" "$T/$ctl"
run h scan --code BAD-CTL "$T/$ctl"
expect_rc 1 "scan of a file named with control characters"
expect_one_line_err 'bad\x0aname\x1b[31m\x7f.png'\'': not a supported image'
LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]' "$T/err" && fail "a control character reached stderr"
# a good file with a bad one: the whole dossier is refused
run h scan --code MIXED "$D/letter_top.png" "$D/truncated.tif"
expect_rc 1 "good + bad"
expect_one_line_err "truncated.tif"

[ "$(archives)" = 1 ] || fail "an archive was written for bad input"
[ "$(leftovers)" = 0 ] || fail "temporary files left behind"
run h show MIXED
expect_rc 1 "no index row for the refused dossier"
expect_one_line_err "no dossier 'MIXED'"
[ "$(sha256sum "$HOME_DIR"/archive/*/GOOD-1.zip)" = "$before" ] || fail "GOOD-1 changed"

# a code that exists is refused unless --append; bad codes are usage errors
run h scan --code GOOD-1 "$D/letter_top.png"
expect_rc 1 "duplicate code"
expect_one_line_err "dossier 'GOOD-1' already exists"
run h scan --code NO-SUCH --append "$D/letter_top.png"
expect_rc 1 "append to a code never filed"
expect_one_line_err "no dossier 'NO-SUCH' to append to"
run h scan --code ../../etc "$D/letter_top.png"
expect_rc 2 "bad code"
expect_err "bad dossier code"
run h scan --lang xyz "$D/letter_top.png"
expect_rc 1 "missing language"
expect_one_line_err "tesseract-ocr-xyz"

[ "$(sha256sum "$HOME_DIR"/archive/*/GOOD-1.zip)" = "$before" ] || fail "GOOD-1 changed"
run h verify
expect_rc 0 "verify after refusals"
run h search "Khánh Hòa"
expect_out "GOOD-1  p.1"
finish
