#!/bin/bash
# label: slow
# A backlog on a real one-node Slurm cluster (scripts/slurm/local-cluster.sh: munged,
# slurmctld, slurmd started and stopped here): submit.sh submits a 4-task array of
# `hoso batch --shard K/4` and the merge job; one task is killed with scancel mid-run and
# requeued (the merge job's dependency re-armed, as docs/batch.md says); then every input
# is filed exactly once in the merged home, verify is clean, search finds every dossier,
# the failed-input report is gathered, and merging again changes nothing.
# Skipped (77) without slurm-wlm and munge, or when not root.
. "$(dirname "$0")/lib.sh"
SL=$(cd "$(dirname "$0")/../../scripts/slurm" && pwd)
C=$T/cluster
# a port of its own, so a cluster left by an aborted run does not answer for this one
export HS_SLURM_PORT=$((17000 + ($$ % 1000) * 2))
# munged wants every folder above its socket open to all (mktemp made $T 0700)
chmod 711 "$T"
trap '"$SL/local-cluster.sh" stop "$C" >/dev/null 2>&1; rm -rf "$T"' EXIT

"$SL/local-cluster.sh" start "$C" >"$T/cluster.out" 2>&1
rc=$?
if [ "$rc" = 77 ]; then
    cat "$T/cluster.out"
    exit 77
fi
if [ "$rc" != 0 ]; then
    cat "$T/cluster.out" "$C"/log/*.log >&2
    fail "the local cluster did not start"
    finish
fi
export SLURM_CONF=$C/slurm.conf

# 12 dossiers: a small page in every input format, then the 4 A4 pages of dossier4.tif, so
# that a task runs long enough (several seconds a dossier) to be caught mid-run however
# fast the machine is
S=$T/src
files=(letter_top.png letter_top.jpg letter_top.pgm letter_top.ppm letter_top_g4.tif
    letter_top_lzw.tif letter_top_jpeg.tif letter_top_rgb.png letter_top_nodpi.png)
inputs=()
for i in $(seq 12); do
    d=$S/ho-so-$(printf %02d "$i")
    mkdir -p "$d"
    f=${files[$(((i - 1) % 9))]}
    cp "$D/$f" "$d/01-$f"
    cp "$D/dossier4.tif" "$d/02-dossier4.tif"
    inputs+=("$d")
done
TARGET=$T/kho-chung
W=$T/work
mkdir -p "$TARGET"
echo "agency = 000.27.30.H34" >"$TARGET/hoso.conf"

run "$SL/submit.sh" "$S" --shards 4 --target "$TARGET" --work "$W" --hoso "$HOSO" \
    --page-timeout 120
expect_rc 0 "submit"
array=$(sed -n 's/^shards: job \([0-9]*\).*/\1/p' "$T/out")
merge=$(sed -n 's/^merge: job \([0-9]*\).*/\1/p' "$T/out")
[ -n "$array" ] && [ -n "$merge" ] || fail "submit printed no job IDs"

state() { squeue -h -t all -j "$1" -o %T 2>/dev/null | head -1; }
zips() { find "$W/shard-$1/archive" -name '*.zip' 2>/dev/null | wc -l; }

# kill a task that is running and has filed something, before it finishes (a task that
# ends just before the kill lands is not counted: then another one is tried)
victim=
for i in $(seq 900); do
    for t in 0 1 2 3; do
        k=$((t + 1))
        if [ "$(state "${array}_$t")" = RUNNING ] && [ "$(zips "$k")" -ge 1 ] &&
            [ ! -e "$W/status/shard-$k.done" ]; then
            before=$(zips "$k")
            scancel "${array}_$t"
            for j in $(seq 100); do
                case $(state "${array}_$t") in CANCELLED | COMPLETED | FAILED) break ;; esac
                sleep 0.1
            done
            if [ "$(state "${array}_$t")" = CANCELLED ]; then
                victim=$t
                break 2
            fi
        fi
    done
    sleep 0.1
done
if [ -z "$victim" ]; then
    fail "no task was caught running with a dossier filed"
else
    [ ! -e "$W/status/shard-$k.done" ] || fail "a cancelled shard is marked done"
    # Slurm 22.05 marks an afterok dependency on an array with a cancelled task as never
    # satisfied, even once the task is requeued: the merge job is re-armed with afterany
    # (it checks itself that every shard finished)
    scontrol requeue "${array}_$victim" || fail "requeue"
    scontrol update jobid="$merge" dependency="afterany:$array" || fail "re-arm the merge"
fi

for i in $(seq 1500); do
    case $(state "$merge") in COMPLETED | FAILED | CANCELLED | TIMEOUT) break ;; esac
    sleep 0.2
done
[ "$(state "$merge")" = COMPLETED ] || {
    cat "$W"/logs/*.log >&2
    fail "merge job: $(state "$merge")"
}
for t in 0 1 2 3; do
    [ "$(state "${array}_$t")" = COMPLETED ] || fail "task $t: $(state "${array}_$t")"
    [ -s "$W/status/shard-$((t + 1)).done" ] || fail "shard $((t + 1)) not done"
done
if [ -n "$victim" ]; then
    log=$W/logs/task-$victim.log
    grep -q "shard $k/4, task ${array}_$victim, run 2," "$log" ||
        fail "task $victim did not run again"
    # the second run found what the first one filed
    again=$(grep '^batch: ' "$log" | tail -1 | sed -n 's/.* \([0-9]*\) already filed.*/\1/p')
    [ "${again:-0}" -ge "$before" ] || fail "the requeued task did not resume ($again < $before)"
fi

# the shards' full-text segments were copied whole, not tokenized again (each shard
# numbers its pages from K << 40: idx_segments.c)
grep -q "^full text: [1-9][0-9]* pages in their homes' segments" "$W/logs/merge.log" ||
    fail "the merge copied no full-text segments: $(grep '^full text' "$W/logs/merge.log")"

# every input exactly once, verify clean, every dossier found
[ "$(find "$TARGET/archive" -name '*.zip' | wc -l)" = 12 ] || fail "12 archives in the target"
[ "$(find "$T" -name '*.tmp-*' | wc -l)" = 0 ] || fail "temporary zips left"
codes=$(find "$TARGET/archive" -name '*.zip' -printf '%f\n' | sed 's/\.zip$//' | sort)
for c in $codes; do
    "$HOSO" --home "$TARGET" show --json "$c" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["batch"]["source"])'
done | sort >"$T/sources"
printf '%s\n' "${inputs[@]}" | sort | diff - "$T/sources" >&2 ||
    fail "inputs filed not exactly once"
run "$HOSO" --home "$TARGET" verify
expect_rc 0 "verify the merged home"
expect_out "12 dossiers checked, 0 with problems"
run "$HOSO" --home "$TARGET" search --dossiers --json --limit 100 "khanh hoa"
expect_rc 0 "search"
[ "$(json '" ".join(sorted(h["code"] for h in j["hits"]))')" = "$(echo $codes)" ] ||
    fail "search does not find every dossier"
grep -q "hoso-merge: 0 failed input(s) in 4 shards" "$W/logs/merge.log" || fail "report line"
python3 -c "import json; j = json.load(open('$W/report.json'))
assert sorted(j) == ['shard-%d' % k for k in range(1, 5)] and not any(j.values())" ||
    fail "report.json"

# merging again: nothing changes
run "$HOSO" --home "$TARGET" merge "$W"/shard-*
expect_rc 0 "merge again"
expect_out "merged 0 dossiers; 12 already here; 0 conflicts; 0 damaged"
finish
