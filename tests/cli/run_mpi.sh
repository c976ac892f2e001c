#!/bin/sh
# `mpirun -np N bmdsim run` (the Monte Carlo split into one block of runs per
# rank, gathered on rank 0) prints and writes the same bytes as one process,
# for 2 ranks and for 3 ranks with more ranks than runs on some (issue 13),
# and says bad input once, from rank 0;
# the Monte Carlo's independence of the thread count is test_engagement_montecarlo's.
# Skipped (with a message, exit 0) where mpirun or MPI support is absent;
# CI installs Open MPI (scripts/setup --mpi).
. "$(dirname "$0")/lib.inc"
need_mpirun
# the same arguments in both (the outputs' provenance records the command)
mkdir one two
(cd one && "$BMDSIM" run --runs 24 --seed 11 --threads 1 -o out --json >../one.json 2>../err1.txt)
[ $? -eq 0 ] && ok || bad "one process: $(head -c 300 err1.txt)"
(cd two && mpirun -np 2 --oversubscribe "$BMDSIM" run --runs 24 --seed 11 --threads 1 -o out \
    --json >../out.txt 2>../err.txt)
st=$?
if grep -q "built without MPI" err.txt; then
    echo "SKIP: this bmdsim was built without MPI"
    exit 0
fi
[ $st -eq 0 ] && ok || bad "mpirun -np 2: exit $st ($(head -c 300 err.txt))"
cmp -s one.json out.txt && ok || bad "--json summary differs between 1 and 2 ranks"
for f in run-summary.json run-events.csv run-trajectories.csv run-tracks.csv run-occupancy.csv run.kml run.czml; do
    cmp -s "one/out/$f" "two/out/$f" && ok || bad "$f differs between 1 and 2 ranks"
done
python3 -c 'import json; d=json.load(open("one.json")); assert d["monte_carlo"]["runs"] == 24' \
    && ok || bad "the Monte Carlo did not run 24 runs"
# 3 ranks, 2 runs: rank 0's block is empty
expect_exit 0 "one process, 2 runs" -- run --runs 2 --seed 3 --json
cp out.txt two.json
mpirun -np 3 --oversubscribe "$BMDSIM" run --runs 2 --seed 3 --json >out.txt 2>err.txt
st=$?
[ $st -eq 0 ] && ok || bad "mpirun -np 3: exit $st ($(head -c 300 err.txt))"
cmp -s two.json out.txt && ok || bad "--json summary differs between 1 and 3 ranks"
# bad input (the same on every rank): exit 2 and one "bmdsim:" line from
# rank 0, not one per rank (mpirun adds its own lines about the exit code)
mpirun -np 3 --oversubscribe "$BMDSIM" run --runs 2 --seed x >out.txt 2>err.txt
st=$?
[ $st -eq 2 ] && ok || bad "mpirun -np 3 with --seed x: exit $st, want 2"
n=$(grep -c '^bmdsim: ' err.txt)
[ "$n" -eq 1 ] && ok || bad "mpirun -np 3 with --seed x: $n error lines, want 1: $(head -c 300 err.txt)"
finish
