#!/bin/bash
# local-cluster.sh start|stop|env DIR - a one-node Slurm cluster on this machine, for the
# tests and for trying scripts/slurm/ out: munged, slurmctld and slurmd from Debian's
# munge and slurm-wlm, with a slurm.conf for this machine's cores and memory, their own
# munge key and socket, state, spool and logs, all under DIR. Nothing outside DIR is
# written; a system Slurm or munge, if any, is not touched (other ports, other socket).
#
#   start  writes DIR/slurm.conf, starts the daemons, waits until the node takes jobs
#   stop   stops the daemons this script started (by their PID files under DIR)
#   env    prints "export SLURM_CONF=DIR/slurm.conf": eval it to use sbatch, squeue...
#
# munged wants every folder above DIR open to all (o+x), as for its default /run/munge.
# Exit 77 (the tests' "skipped") when the Slurm or munge programs are missing or when not
# run as root (slurmd runs jobs as their users and needs root for it).
# Ports: $HS_SLURM_PORT (slurmctld) and the next one (slurmd), default 16817.
set -euo pipefail

usage() {
    echo "usage: $0 start|stop|env DIR" >&2
    exit 2
}
[ $# = 2 ] || usage
cmd=$1
mkdir -p "$2"
DIR=$(cd "$2" && pwd)
CONF=$DIR/slurm.conf
SOCK=$DIR/munge/munge.socket

skip() {
    echo "local-cluster: $*: skipped" >&2
    exit 77
}

pid_of() { # NAME: the PID in DIR/run/NAME.pid if that process still runs
    local f=$DIR/run/$1.pid p
    [ -s "$f" ] || return 1
    p=$(cat "$f")
    kill -0 "$p" 2>/dev/null || return 1
    echo "$p"
}

stop_one() { # NAME: TERM, then KILL after 10 s
    local p i
    p=$(pid_of "$1") || return 0
    kill "$p" 2>/dev/null || true
    for i in $(seq 100); do
        kill -0 "$p" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -9 "$p" 2>/dev/null || true
}

case $cmd in
env)
    echo "export SLURM_CONF=$CONF"
    exit 0
    ;;
stop)
    # jobs still running are killed with slurmd; then the controller, then munge
    stop_one slurmd
    stop_one slurmctld
    stop_one munged
    exit 0
    ;;
start) ;;
*) usage ;;
esac

for b in munged slurmctld slurmd sbatch scontrol sinfo; do
    command -v "$b" >/dev/null || [ -x "/usr/sbin/$b" ] ||
        skip "'$b' not found (apt-get install slurm-wlm munge)"
done
[ "$(id -u)" = 0 ] || skip "not root"
PATH=$PATH:/usr/sbin

mkdir -p "$DIR/munge" "$DIR/state" "$DIR/spool" "$DIR/log" "$DIR/run"
# munged refuses a key, socket folder or log anyone else may write, and a socket folder
# others cannot enter
chmod 755 "$DIR/munge"
chmod 700 "$DIR/run"
chmod 755 "$DIR" "$DIR/state" "$DIR/spool" "$DIR/log"
if [ ! -s "$DIR/munge/munge.key" ]; then
    head -c 1024 /dev/urandom >"$DIR/munge/munge.key"
    chmod 400 "$DIR/munge/munge.key"
fi

port=${HS_SLURM_PORT:-16817}
host=$(hostname -s)
# this machine as slurmd sees it: CPUs, sockets, cores, threads, memory (MB)
node=$(slurmd -C | head -1 | sed 's/^NodeName=[^ ]* //')
cat >"$CONF" <<EOF
# written by scripts/slurm/local-cluster.sh: one node, private state under $DIR
ClusterName=hoso-local
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
# a requeued job waits cred_expire seconds before it may start again (default 120)
AuthInfo=socket=$SOCK,cred_expire=10
CredType=cred/munge
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool/slurmd-%n
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# no cgroups: processes are tracked by their parent, as on a plain container
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
JobRequeue=1
KillWait=5
MinJobAge=600
SchedulerParameters=sched_interval=2
NodeName=$host NodeAddr=127.0.0.1 $node State=UNKNOWN
PartitionName=hoso Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

export SLURM_CONF=$CONF
if ! pid_of munged >/dev/null; then
    munged --socket="$SOCK" --key-file="$DIR/munge/munge.key" --pid-file="$DIR/run/munged.pid" \
        --log-file="$DIR/log/munged.log" --seed-file="$DIR/munge/munged.seed"
fi
pid_of slurmctld >/dev/null || slurmctld -f "$CONF"
pid_of slurmd >/dev/null || slurmd -f "$CONF"

# the node is up when sinfo calls it idle (or mixed/allocated, when jobs were left)
for i in $(seq 300); do
    state=$(sinfo -h -N -o '%T' 2>/dev/null | head -1 || true)
    case $state in
    idle | mixed | allocated | completing)
        echo "local-cluster: up: node $host ($(echo "$node" | sed 's/ .*//')), SLURM_CONF=$CONF"
        exit 0
        ;;
    down* | drain*)
        scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true
        ;;
    esac
    sleep 0.2
done
echo "local-cluster: the node did not come up in 60 s; logs in $DIR/log" >&2
tail -n 5 "$DIR"/log/*.log >&2 || true
stop_one slurmd
stop_one slurmctld
stop_one munged
exit 1
