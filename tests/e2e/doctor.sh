#!/bin/bash
# hoso doctor: one line per check ("ok", "warn" or "FAIL ...: what to do"), exit 1 on a
# failure: a sound home, a missing home, a non-UTF-8 locale, missing Tesseract data, a
# damaged index, a home that is a file, a folder that cannot be written; usage errors.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8

# every line is a check
lines_ok() {
    local bad
    bad=$(grep -Ev '^(ok   |warn |FAIL )[a-z]' "$T/out")
    [ -z "$bad" ] || fail "doctor printed lines that are no check: $bad"
}

mkdir -p "$HOME_DIR"
run h doctor
expect_rc 0 "doctor on a sound, empty home"
lines_ok
for w in "locale: C.UTF-8" "'vie' language data" "'eng' language data" "sane:" "disk:" \
    "inodes:" "write:" "index: none yet"; do
    expect_out "$w"
done
[ -z "$err" ] || fail "doctor wrote on stderr: $err"
[ "$(ls -A "$HOME_DIR")" = "" ] || fail "doctor left files in the home"

run "$HOSO" --home "$T/not-yet" doctor --no-sane
expect_rc 0 "a home that does not exist yet"
expect_out "does not exist yet"
grep -q "sane:" "$T/out" && fail "--no-sane still checked SANE"
[ ! -e "$T/not-yet" ] || fail "doctor made the home"

LC_ALL=C run h doctor --no-sane
expect_rc 1 "C locale"
expect_out "FAIL locale: 'C' is ANSI_X3.4-1968, not UTF-8"
lines_ok

TESSDATA_PREFIX=$T/no-tessdata run h doctor --no-sane
expect_rc 1 "no language data"
expect_out "FAIL tesseract: no 'vie' language data"
expect_out "install the package tesseract-ocr-vie"
[ -z "$err" ] || fail "Tesseract's own messages reached stderr: $err"

# a damaged index
head -c 8192 /dev/urandom >"$HOME_DIR/index.sqlite"
run h doctor --no-sane
expect_rc 1 "damaged index"
expect_out "FAIL index:"
expect_out "hoso reindex"
lines_ok
rm -f "$HOME_DIR/index.sqlite"

# a home that is a file
: >"$T/a-file"
run "$HOSO" --home "$T/a-file" doctor --no-sane
expect_rc 1 "home is a file"
expect_out "FAIL home:"

# a home that cannot be written (root writes anywhere)
if [ "$(id -u)" != 0 ]; then
    chmod 555 "$HOME_DIR"
    run h doctor --no-sane
    chmod 755 "$HOME_DIR"
    expect_rc 1 "read-only home"
    expect_out "FAIL write: cannot write in"
fi

run h doctor --sane-timeout 0
expect_rc 2 "bad --sane-timeout"
expect_err "usage: hoso doctor"
run h doctor extra
expect_rc 2 "an argument"
finish
