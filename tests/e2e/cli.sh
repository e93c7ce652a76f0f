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
for c in ocr scan search show export verify reindex batch merge; do
    run h $c --help
    expect_rc 0 "$c --help"
    expect_out "usage: hoso"
done
run h show
expect_rc 2 "show without a code"
run h scan --append "$D/letter_top.png"
expect_rc 2 "--append without --code"

# the home: --home wins, else $HOSO_HOME, else ./hoso-data; created by the commands that
# file (a search of a home that does not exist is refused: e2e.safety_cli)
mkdir -p "$HOME_DIR"
run h search anything
expect_rc 0 "search on an empty home"
expect_out "0 pages found"
[ -f "$HOME_DIR/index.sqlite" ] && [ -d "$HOME_DIR/archive" ] || fail "home not created"
mkdir "$T/envhome" "$T/hoso-data"
HOSO_HOME="$T/envhome" run "$HOSO" search x
[ -f "$T/envhome/index.sqlite" ] || fail "HOSO_HOME not used"
(cd "$T" && run "$HOSO" search x && [ -f "$T/hoso-data/index.sqlite" ]) || fail "./hoso-data default"
run sqlite3 "$HOME_DIR/index.sqlite" "PRAGMA journal_mode"
expect_out "wal"

for q in '"open quote' 'NEAR(' 'a AND' 'x OR' 'OR' "'; DROP TABLE dossiers; --" '412/QĐ-UBND' \
    'a:b' '{x}' 'AND NOT' 'x*'; do
    run h search "$q"
    expect_rc 0 "query [$q]"
done
# nothing to search for: a clear message and exit 2
for q in '   ' '*' '^' '/// ...' '"' '-x' "$(printf 'caf\xff')"; do
    run h search -- "$q"
    expect_rc 2 "query [$q]"
    expect_one_line_err "search: "
done
# a 1 MB query, in ten arguments (one argument cannot exceed 128 KB)
big=$(head -c 100000 /dev/zero | tr '\0' a)
run h search "$big" "$big" "$big" "$big" "$big" "$big" "$big" "$big" "$big" "$big"
expect_rc 2 "a 1 MB query"
expect_one_line_err "longer than"
run h search -- "-a -b"
expect_rc 2 "only excluded words"
expect_one_line_err "only excludes"
run h search x -y
expect_rc 0 "an exclusion after the first word is part of the query"
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

# an index made by an older hoso names the cure, and reindex rebuilds it
rm -f "$HOME_DIR"/index.sqlite*
sqlite3 "$HOME_DIR/index.sqlite" "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
  INSERT INTO meta VALUES ('schema_version', '1'), ('tokenizer', 'unicode61 remove_diacritics 0');
  CREATE TABLE dossiers(id INTEGER PRIMARY KEY, code TEXT, archive TEXT, created TEXT, pages INT,
  record TEXT);"
run h search x
expect_rc 1 "old index"
expect_one_line_err "run 'hoso reindex'"
run h reindex
expect_rc 0 "reindex an old index"
run h search x
expect_rc 0 "search after reindex"

# a damaged index names the cure
echo "this is not a database, it is much longer than a header would be ............" >"$T/bad.sqlite"
cp "$T/bad.sqlite" "$HOME_DIR/index.sqlite"
rm -f "$HOME_DIR/index.sqlite-wal" "$HOME_DIR/index.sqlite-shm"
run h search x
expect_rc 1 "damaged index"
expect_one_line_err "hoso reindex"
finish
