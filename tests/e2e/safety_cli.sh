#!/bin/bash
# A mistyped home is an error, not an empty archive: the read-only commands (search, show,
# verify, export, serve) and reindex refuse a home that does not exist, in one line with
# exit 1, and make nothing; their --help still works. An empty --home or $HOSO_HOME is a
# usage error (exit 2). The commands that file still make the home. No OCR.
. "$(dirname "$0")/lib.sh"

NOHOME=$T/typo/home
readers=("search x" "show X-1" "verify" "export X-1 --text" "export X-1 --dir $T/exp" "reindex"
    "serve --listen 127.0.0.1:0")
for c in "${readers[@]}"; do
    # shellcheck disable=SC2086 # the command's words
    run "$HOSO" --home "$NOHOME" $c
    expect_rc 1 "$c on a home that does not exist"
    expect_one_line_err "no data home at '$NOHOME' (give --home, or file a dossier first)"
    [ ! -e "$T/typo" ] || fail "$c made the home"
    [ ! -e "$T/exp" ] || fail "$c made the export folder"
    # shellcheck disable=SC2086
    HOSO_HOME="$NOHOME" run "$HOSO" $c
    expect_rc 1 "$c on a HOSO_HOME that does not exist"
    expect_one_line_err "no data home at '$NOHOME'"
    [ ! -e "$T/typo" ] || fail "$c made the home from HOSO_HOME"
done

# the default ./hoso-data is not made by a reader either
mkdir "$T/cwd"
(cd "$T/cwd" && run "$HOSO" search x && [ "$rc" = 1 ] && [ ! -e "$T/cwd/hoso-data" ]) ||
    fail "search made ./hoso-data"

# a file, or a path through a file, is no home
: >"$T/afile"
run "$HOSO" --home "$T/afile" show X-1
expect_rc 1 "a file as the home"
expect_one_line_err "no data home at '$T/afile'"
run "$HOSO" --home "$T/afile/home" search x
expect_rc 1 "a home under a file"
expect_one_line_err "no data home at '$T/afile/home'"

# help needs no home
for c in search show verify export reindex serve; do
    run "$HOSO" --home "$NOHOME" $c --help
    expect_rc 0 "$c --help on a home that does not exist"
    expect_out "usage: hoso $c"
done
[ ! -e "$T/typo" ] || fail "--help made the home"

# an empty home name is a usage error, for readers and writers alike, and nothing is made
# (it would otherwise fall back to another home)
for c in "search x" "show X-1" "verify" "export X-1 --text" "reindex" "serve" \
    "scan $D/letter_top.png" "merge $T/x" "batch $T/x"; do
    # shellcheck disable=SC2086
    (cd "$T/cwd" && run "$HOSO" --home "" $c && [ "$rc" = 2 ] &&
        grep -qF -- "--home is empty" "$T/err" && [ -z "$(ls -A "$T/cwd")" ]) ||
        fail "--home \"\" $c: $(cat "$T/err")"
    # shellcheck disable=SC2086
    (cd "$T/cwd" && run "$HOSO" --home= $c && [ "$rc" = 2 ]) || fail "--home= $c"
    # shellcheck disable=SC2086
    (cd "$T/cwd" && HOSO_HOME="" run "$HOSO" $c && [ "$rc" = 2 ] &&
        grep -qF "HOSO_HOME is empty" "$T/err" && [ -z "$(ls -A "$T/cwd")" ]) ||
        fail "HOSO_HOME=\"\" $c: $(cat "$T/err")"
done
# --home wins over an empty HOSO_HOME; commands without a home ignore it
mkdir -p "$HOME_DIR/archive"
HOSO_HOME="" run h verify
expect_rc 0 "--home with HOSO_HOME empty"
HOSO_HOME="" run "$HOSO" ocr --help
expect_rc 0 "a command without a home, HOSO_HOME empty"

# an existing home is read as before, and nothing is added to it by a search
rm -rf "$HOME_DIR"
mkdir -p "$T/src/archive"
run h merge "$T/src"
expect_rc 0 "merge makes its home"
[ -d "$HOME_DIR/archive" ] || fail "merge did not make the home"
run h search x
expect_rc 0 "search on a home with nothing filed"
expect_out "0 pages found"
run h verify
expect_rc 0 "verify on a home with nothing filed"
run h reindex
expect_rc 0 "reindex on a home with nothing filed"
run h show X-1
expect_rc 1 "show an unknown code"
expect_one_line_err "no dossier 'X-1'"
finish
