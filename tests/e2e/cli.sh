#!/bin/bash
# The command line without OCR: usage errors (exit 2), the data home (--home, then
# $HOSO_HOME, then ./hoso-data), empty indexes, queries that are not FTS5 syntax.
. "$(dirname "$0")/lib.sh"

run "$HOSO"
expect_rc 2 "no command"
run "$HOSO" frobnicate
expect_rc 2 "unknown command"
expect_err "unknown command 'frobnicate'"
run "$HOSO" --help
expect_rc 0 "--help"
expect_out "scan"
run "$HOSO" --version
expect_out "hoso "
run h scan
expect_rc 2 "scan without files"
run h search --limit 0 x
expect_rc 2 "bad --limit"
run h search --bogus x
expect_rc 2 "unknown option"
run h export X
expect_rc 2 "export without --text or --dir"
run h show
expect_rc 2 "show without a code"
run h scan --append "$D/letter_top.png"
expect_rc 2 "--append without --code"

# the home: --home wins, else $HOSO_HOME, else ./hoso-data; created on first use
run h search anything
expect_rc 0 "search on an empty home"
expect_out "0 pages found"
[ -f "$HOME_DIR/index.sqlite" ] && [ -d "$HOME_DIR/archive" ] || fail "home not created"
HOSO_HOME="$T/envhome" run "$HOSO" search x
[ -f "$T/envhome/index.sqlite" ] || fail "HOSO_HOME not used"
(cd "$T" && run "$HOSO" search x && [ -f "$T/hoso-data/index.sqlite" ]) || fail "./hoso-data default"
run sqlite3 "$HOME_DIR/index.sqlite" "PRAGMA journal_mode"
expect_out "wal"

for q in '"open quote' 'NEAR(' 'a AND' 'x OR' '*' "'; DROP TABLE dossiers; --" '412/QĐ-UBND' '^'; do
    run h search "$q"
    expect_rc 0 "query [$q]"
done
run h search "   "
expect_rc 2 "empty query"
run h search --json 'hồ sơ'
[ "$(json 'j["total"]')" = 0 ] || fail "json total"
[ "$(json 'j["query"]')" = "hồ sơ" ] || fail "json query"
run h verify
expect_rc 0 "verify on an empty home"
run h reindex
expect_rc 0 "reindex on an empty home"
run h show NOPE
expect_rc 1 "unknown code"
expect_one_line_err "no dossier 'NOPE'"
finish
