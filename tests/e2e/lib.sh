# lib.sh - shared by the end-to-end tests: a fresh home per test, the real hoso binary
# ($HOSO), test data ($HS_TEST_DATA) and small assertion helpers. Sourced, not run.
set -u
: "${HOSO:?HOSO must name the hoso binary}"
: "${HS_TEST_DATA:?}"
: "${HS_TOOLS:?}"
D=$HS_TEST_DATA
T=$(mktemp -d /tmp/hoso-e2e.XXXXXX)
HOME_DIR=$T/home
trap 'rm -rf "$T"' EXIT
export OMP_THREAD_LIMIT=1
fails=0

h() { "$HOSO" --home "$HOME_DIR" "$@"; }

# run CMD...: runs it, keeping stdout in $out, stderr in $err and the exit code in $rc
run() {
    "$@" >"$T/out" 2>"$T/err"
    rc=$?
    out=$(cat "$T/out")
    err=$(cat "$T/err")
}

fail() {
    echo "FAIL: $*" >&2
    echo "  rc=$rc" >&2
    echo "  stdout: $(head -c 2000 "$T/out" 2>/dev/null)" >&2
    echo "  stderr: $(head -c 2000 "$T/err" 2>/dev/null)" >&2
    fails=$((fails + 1))
}

expect_rc() { [ "$rc" = "$1" ] || fail "expected exit code $1: ${2:-}"; }
expect_out() { grep -qF -- "$1" "$T/out" || fail "stdout lacks '$1'"; }
expect_err() { grep -qF -- "$1" "$T/err" || fail "stderr lacks '$1'"; }
# one line on stderr, naming what failed
expect_one_line_err() {
    [ "$(wc -l <"$T/err")" = 1 ] || fail "stderr is not exactly one line"
    expect_err "$1"
}

# json FILTER: evaluates a Python expression on the JSON in $out (bound to j)
json() { python3 -c "import json,sys; j=json.load(open('$T/out')); print($1)"; }

# cer TRUTH TEXTFILE: prints the character error rate
cer() { python3 "$HS_TOOLS/cer.py" "$1" "$2" | sed -n 's/^cer=\([0-9.]*\).*/\1/p'; }
below() { python3 -c "import sys; sys.exit(0 if float('$1') < float('$2') else 1)"; }

archives() { find "$HOME_DIR/archive" -name '*.zip' 2>/dev/null | wc -l; }
leftovers() { find "$HOME_DIR/archive" -name '*.tmp-*' 2>/dev/null | wc -l; }

# The web server, for the tests that serve (serve.sh, serve_web.sh, review.sh): the caller's
# EXIT trap kills $SPID. SERVE_ENV: extra environment for the server (e.g. a locale).
SPID=
SERVE_ENV=()
# serve ARGS...: starts the server in the background on a free loopback port; its base URL
# in $B
serve() {
    env ${SERVE_ENV[@]+"${SERVE_ENV[@]}"} "$HOSO" --home "$HOME_DIR" serve --listen 127.0.0.1:0 "$@" \
        >"$T/serve.out" 2>"$T/serve.err" &
    SPID=$!
    for _ in $(seq 1 50); do
        grep -q '^hoso serve: http' "$T/serve.out" 2>/dev/null && break
        sleep 0.1
    done
    B=$(sed -n 's/^hoso serve: \(http:[^ ]*\)\/ .*/\1/p' "$T/serve.out")
    [ -n "$B" ] || { fail "server did not start: $(cat "$T/serve.err")"; finish; }
}
stop() { kill "$SPID"; wait "$SPID"; rc=$?; SPID=; [ "$rc" = 0 ] || fail "serve exit code $rc"; }
# get PATH [CURL ARGS...]: body in $T/body, status in $st, headers in $T/hdr
get() {
    local p=$1
    shift
    st=$(curl -s -o "$T/body" -D "$T/hdr" -w '%{http_code}' "$@" "$B$p")
}

# need_chromium: the browser part of a test needs chromium; without it the test ends
# here, failed if a check before failed, else skipped (exit 77)
need_chromium() {
    command -v chromium >/dev/null && return 0
    [ "$fails" -gt 0 ] && finish
    echo "skipped: chromium is not installed (apt-get install chromium); the HTTP checks passed"
    exit 77
}

finish() {
    if [ "$fails" -gt 0 ]; then
        echo "$fails check(s) failed"
        exit 1
    fi
    echo "all checks passed"
    exit 0
}
