#!/bin/bash
# Help and manuals: hoso --version, hoso help [COMMAND], COMMAND -h/--help for every command
# (exit 0, the same text, no home needed or made), every long option of a command's getopt
# table in its help, usage errors exit 2 with the synopsis; the man pages in man/ are what
# the help table makes and read without warnings; the bash completion loads and completes.
. "$(dirname "$0")/lib.sh"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
NOHOME=$T/no-such-home

run "$HOSO" --version
expect_rc 0 "--version"
echo "$out" | grep -Eq '^hoso [0-9]+\.[0-9]+\.[0-9]+' || fail "--version prints no version"

for args in "help" "--help" "-h"; do
    run "$HOSO" $args
    expect_rc 0 "hoso $args"
    expect_out "usage: hoso"
    expect_out "doctor"
done
run "$HOSO" help no-such-command
expect_rc 2 "help of an unknown command"
expect_err "no command 'no-such-command'"
run "$HOSO" help scan search
expect_rc 2 "help of two commands"
run "$HOSO" help help
expect_rc 0 "help help"

cmds=$("$HOSO" help --commands | grep -vx help)
[ -n "$cmds" ] || fail "help --commands lists nothing"
for c in $cmds; do
    # the table has every command: its help and its man page
    run "$HOSO" --home "$NOHOME" help "$c"
    expect_rc 0 "help $c"
    expect_out "usage: hoso"
    expect_out "options:"
    expect_out "--help"
    cp "$T/out" "$T/help.$c"
    [ "$(awk 'length > 100' "$T/help.$c" | wc -l)" = 0 ] || fail "help $c: lines over 100 columns"
    for h in --help -h; do
        run "$HOSO" --home "$NOHOME" "$c" $h
        expect_rc 0 "$c $h"
        cmp -s "$T/out" "$T/help.$c" || fail "$c $h differs from hoso help $c"
        [ -z "$err" ] || fail "$c $h wrote on stderr"
    done
    # every long option the command's function parses is in its help
    f=$(grep -l "^int cmd_$c(" "$SRC"/cli/*.c | head -1)
    if [ -n "$f" ]; then
        for o in $(sed -n "/^int cmd_$c(/,/^}/p" "$f" |
            grep -o '{"[a-z][a-z0-9-]*", *\(no\|required\|optional\)_argument' | cut -d'"' -f2); do
            grep -q -- "--$o\b" "$T/help.$c" || fail "$c: option --$o is not in its help (cli/cli_help.c)"
        done
    fi
    # a usage error: exit 2 and the synopsis
    run "$HOSO" --home "$T/usage-home" "$c" --no-such-option
    expect_rc 2 "$c --no-such-option"
    expect_err "usage: hoso"
    # the man page is the table's
    if [ -f "$SRC/man/hoso-$c.1" ]; then
        "$HOSO" help --man "$c" | cmp -s - "$SRC/man/hoso-$c.1" ||
            fail "man/hoso-$c.1 is not what cli/cli_help.c makes: cmake --build BUILD --target man"
    else
        fail "no man/hoso-$c.1: cmake --build BUILD --target man"
    fi
done
[ ! -e "$NOHOME" ] || fail "help made the home"
"$HOSO" help --man | cmp -s - "$SRC/man/hoso.1" || fail "man/hoso.1 is not what cli/cli_help.c makes"

# the man pages: the sections, and groff reads them without a warning
for m in "$SRC"/man/*.1; do
    for s in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" EXAMPLES FILES; do
        grep -q "^\.SH \"\?$s" "$m" || fail "$(basename "$m"): no $s section"
    done
    if command -v groff >/dev/null; then
        w=$(groff -man -Tutf8 -ww -z "$m" 2>&1)
        [ -z "$w" ] || fail "$(basename "$m"): groff warns: $w"
    fi
    if command -v man >/dev/null; then
        MANWIDTH=80 man -l -P cat "$m" 2>/dev/null | grep -q "^NAME" || fail "$(basename "$m"): man -l shows no NAME"
    fi
done

# bash completion: commands, options of a command, dossier codes (none in an empty home)
comp=$SRC/completion/hoso.bash
if [ -f "$comp" ]; then
    bash -n "$comp" || fail "completion/hoso.bash does not parse"
    complete_words() { # LINE: the candidates bash would offer at the end of LINE
        PATH=$(dirname "$HOSO"):$PATH HOSO_HOME=$NOHOME bash -c '
            . "$1"; read -ra COMP_WORDS <<<"$2"
            [ "${2: -1}" = " " ] && COMP_WORDS+=("")
            COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE=$2; COMP_POINT=${#2}
            _hoso; printf "%s\n" "${COMPREPLY[@]}"' _ "$comp" "$1"
    }
    complete_words "hoso se" | grep -qx search || fail "completion: 'hoso se' lacks search"
    complete_words "hoso se" | grep -qx serve || fail "completion: 'hoso se' lacks serve"
    complete_words "hoso scan --de" | grep -qx -- --device || fail "completion: scan --de"
    complete_words "hoso help doc" | grep -qx doctor || fail "completion: help doc"
    complete_words "hoso --home /tmp search --f" | grep -qx -- --field ||
        fail "completion: options after --home"
fi
finish
