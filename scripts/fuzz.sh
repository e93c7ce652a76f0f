#!/bin/bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan + UBSan, every library
# instrumented) in build-fuzz/ and runs each for SECONDS (default 60) from a scratch copy
# of its seed corpus, so the tree is not modified. Prints per target the executions,
# coverage and speed libFuzzer reports. Exits 1 when any target finds a crash, leak,
# timeout or memory blow-up; the inputs that caused them are kept, named, in
# build-fuzz/findings/<target>/ with the run's log beside them (both replaced each run).
# Reproduce one with: build-fuzz/tests/fuzz/fuzz_<target> <file>
# Environment: CC (default clang-14), HOSO_FUZZ_BUILD (default build-fuzz),
# HOSO_FUZZ_TARGETS (default: all of them, e.g. "query fields").
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
case $secs in '' | *[!0-9]*)
    echo "usage: scripts/fuzz.sh [SECONDS]" >&2
    exit 2
    ;;
esac
export CC=${CC:-clang-14}
build=${HOSO_FUZZ_BUILD:-build-fuzz}
targets=${HOSO_FUZZ_TARGETS:-image bag query fields dossier}
src=$PWD

probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n){(void)d;(void)n;return 0;}' \
    >"$probe/p.c"
if ! "$CC" -fsanitize=fuzzer,address,undefined "$probe/p.c" -o "$probe/p" 2>"$probe/err"; then
    echo "fuzz: $CC cannot build a libFuzzer program (Debian: apt-get install clang-14" \
        "libclang-rt-14-dev):" >&2
    cat "$probe/err" >&2
    exit 1
fi

cmake -S . -B "$build" -DHOSO_FUZZ=ON -DHOSO_BENCH=OFF -DBUILD_TESTING=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target fuzz -j "$(nproc)" >"$probe/build.log" 2>&1 || {
    cat "$probe/build.log" >&2
    exit 1
}

# the targets write their inputs to files: on a RAM disk when there is one
scratch=$(mktemp -d "${TMPDIR:-/tmp}/hoso-fuzz-run.XXXXXX")
trap 'rm -rf "$probe" "$scratch"' EXIT
fuzz_tmp=$scratch
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    fuzz_tmp=$(mktemp -d /dev/shm/hoso-fuzz-run.XXXXXX)
    trap 'rm -rf "$probe" "$scratch" "$fuzz_tmp"' EXIT
fi

failed=0
printf '%-8s %10s %7s %7s %9s %8s  %s\n' target execs cov ft exec/s corpus result
for t in $targets; do
    out=$build/findings/$t
    rm -rf "$out"
    mkdir -p "$out" "$scratch/$t"
    cp -r "tests/fuzz/corpus/$t/." "$scratch/$t/"
    dict=()
    [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
    rc=0
    # -timeout: one input taking 25 s is a finding; -rss_limit_mb: so is using 2 GB
    TMPDIR=$fuzz_tmp \
        ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
        LSAN_OPTIONS=suppressions=$src/tests/fuzz/lsan.supp:print_suppressions=0 \
        UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        "$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=25 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$out/" "${dict[@]}" "$scratch/$t" \
        >"$out/fuzz.log" 2>&1 || rc=$?
    # "#123456 DONE cov: 812 ft: 3110 corp: 301/52Kb lim: 4096 exec/s: 2057 rss: 80Mb"
    line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$out/fuzz.log" | tail -1 || true)
    [ -n "$line" ] || line=$(grep -E '^#[0-9]+' "$out/fuzz.log" | tail -1 || true)
    execs=$(sed -E 's/^#([0-9]+).*/\1/' <<<"$line")
    cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$line")
    ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$line")
    eps=$(sed -nE 's/.* exec\/s: ([0-9]+).*/\1/p' <<<"$line")
    corp=$(sed -nE 's/.* corp: ([0-9]+\/[0-9]+[a-zA-Z]*).*/\1/p' <<<"$line")
    # slow-unit-*: an input over 10 s, reported but under the timeout, not a failure
    found=$(find "$out" -type f ! -name fuzz.log ! -name 'slow-unit-*' | sort)
    slow=$(find "$out" -type f -name 'slow-unit-*' | sort)
    result=ok
    if [ "$rc" != 0 ] || [ -n "$found" ]; then
        result="FAILED (exit $rc)"
        failed=1
    fi
    printf '%-8s %10s %7s %7s %9s %8s  %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" \
        "${eps:-?}" "${corp:-?}" "$result"
    if [ "$result" != ok ]; then
        grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error:|ALARM|.*out-of-memory)' \
            "$out/fuzz.log" | head -5 | sed 's/^/    /'
        for f in $found; do echo "    finding: $f"; done
        echo "    log: $out/fuzz.log"
    fi
    for f in $slow; do echo "    slow input (not a failure): $f"; done
done
exit $failed
