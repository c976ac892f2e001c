#!/bin/sh
# bench_uq_mpi.sh BMDSIM [POINTS] [RUNS]: model runs ("samples") per second of
# `bmdsim sweep` in one process and under `mpirun -np 2` (one thread per
# rank), and with 2 OpenMP threads in one process for comparison, on the
# default scenario (a 1-D sweep of interceptors.thaad.pk over POINTS values,
# RUNS Monte Carlo engagements per model run, default 16 and 16). Prints one
# line per case: wall seconds, CPU seconds of all processes (user + sys of
# the children), samples/s over wall time, the load average at the start,
# and checks that the three --json outputs are the same bytes. Results in
# bench/RESULTS.md ("Sweeps and sensitivity over MPI ranks").
set -e
B=$1
P=${2:-16}
R=${3:-16}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ARGS="sweep --vary interceptors.thaad.pk=0.5:0.95:$P --metric p_no_leaker --runs $R --json"
case_run() { # NAME CMD...
    name=$1; shift
    load=$(cut -d' ' -f1 /proc/loadavg)
    python3 - "$T/$name.json" "$name" "$P" "$load" "$@" <<'PY'
import os, resource, subprocess, sys, time
out, name, points, load, cmd = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5:]
t0 = time.monotonic()
r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(out, "w") as f:
    subprocess.run(cmd, stdout=f, check=True)
wall = time.monotonic() - t0
r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
print(f"{name:32s} wall {wall:7.2f} s  cpu {cpu:7.2f} s  {points / wall:6.3f} samples/s  load {load}")
PY
}
echo "bmdsim $ARGS ($P model runs of $R engagements), $(nproc) cores"
case_run "1 process, 1 thread" "$B" $ARGS --threads 1
case_run "mpirun -np 2, 1 thread each" mpirun -np 2 --oversubscribe "$B" $ARGS --threads 1
case_run "1 process, 2 threads" "$B" $ARGS --threads 2
cmp -s "$T/1 process, 1 thread.json" "$T/mpirun -np 2, 1 thread each.json"
cmp -s "$T/1 process, 1 thread.json" "$T/1 process, 2 threads.json"
echo "outputs identical: yes"
