#!/bin/bash
# submit.sh SRC... --shards N --target HOME [options] - digitises a backlog on a Slurm
# cluster: an array of N tasks (hoso-shard.sbatch, `hoso batch --shard K/N` into
# WORK/shard-K), then a merge job that waits for all of them (afterok) and runs `hoso merge`
# of the N shard homes into HOME, `hoso verify`, and gathers every shard's failed inputs
# (hoso-merge.sbatch). Prints the two job IDs. WORK and HOME must be on storage every node
# sees (the shard homes may live on node-local disks with --local).
#
# options:
#   --work DIR          shard homes, status and logs (default: HOME.shards)
#   --cpus C            CPUs per shard task = hoso batch workers (default 1)
#   --page-timeout SEC  per page (default 300)
#   --conf FILE         hoso.conf for the shard homes (agency = ...); default HOME/hoso.conf
#   --local DIR         node-local folder for the shard homes while a task runs
#   --hoso PATH         the hoso program (default: hoso on PATH)
#   --sbatch ARG        passed to both sbatch calls (repeatable: --partition, --time...)
#   --merge-only        submit only the merge job (after requeued shards finished)
#   --no-verify         the merge job does not run hoso verify (at tens of millions of
#                       pages it takes longer than the merge: run it as a job of its own)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

die() {
    echo "submit.sh: $*" >&2
    exit 2
}
srcs=()
extra=()
shards= target= work= cpus=1 timeout=300 conf= local= hoso= merge_only=0 verify=1
while [ $# -gt 0 ]; do
    case $1 in
    --shards) shards=${2:?}; shift 2 ;;
    --target) target=${2:?}; shift 2 ;;
    --work) work=${2:?}; shift 2 ;;
    --cpus) cpus=${2:?}; shift 2 ;;
    --page-timeout) timeout=${2:?}; shift 2 ;;
    --conf) conf=${2:?}; shift 2 ;;
    --local) local=${2:?}; shift 2 ;;
    --hoso) hoso=${2:?}; shift 2 ;;
    --sbatch) extra+=("${2:?}"); shift 2 ;;
    --merge-only) merge_only=1; shift ;;
    --no-verify) verify=0; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option '$1'" ;;
    *) srcs+=("$(realpath "$1")") || die "'$1': no such input"; shift ;;
    esac
done
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || die "--shards N is required (N >= 1)"
[ -n "$target" ] || die "--target HOME is required"
[ "$merge_only" = 1 ] || [ ${#srcs[@]} -gt 0 ] || die "no input folders or list files"
[[ "$cpus" =~ ^[1-9][0-9]*$ ]] || die "bad --cpus '$cpus'"
hoso=$(command -v "${hoso:-hoso}") || die "hoso not found (put it on PATH or give --hoso)"
hoso=$(realpath "$hoso")
mkdir -p "$target"
target=$(realpath "$target")
work=$(realpath -m "${work:-$target.shards}")
mkdir -p "$work/logs" "$work/status"
if [ -z "$conf" ] && [ -f "$target/hoso.conf" ]; then conf=$target/hoso.conf; fi
[ -z "$conf" ] || conf=$(realpath "$conf")
[ -z "$local" ] || local=$(realpath -m "$local")

env="ALL,HOSO=$hoso,HOSO_WORK=$work,HOSO_SHARDS=$shards,HOSO_TARGET=$target"
env="$env,HOSO_PAGE_TIMEOUT=$timeout,HOSO_CONF=$conf,HOSO_LOCAL=$local,HOSO_VERIFY=$verify"
dep=
if [ "$merge_only" = 0 ]; then
    array=$(sbatch --parsable "${extra[@]}" --array="0-$((shards - 1))" \
        --cpus-per-task="$cpus" --output="$work/logs/task-%a.log" --export="$env" \
        "$here/hoso-shard.sbatch" "${srcs[@]}")
    array=${array%%;*}
    dep=--dependency=afterok:$array
    echo "shards: job $array (tasks 0-$((shards - 1)), logs $work/logs/task-T.log, shard K = T + 1)"
fi
merge=$(sbatch --parsable "${extra[@]}" $dep --output="$work/logs/merge.log" --export="$env" \
    "$here/hoso-merge.sbatch")
merge=${merge%%;*}
echo "merge: job $merge (log $work/logs/merge.log) into $target"
