#!/bin/sh
# `bmdsim sweep` and `bmdsim sensitivity` under `mpirun -np N` (issue 15,
# item 5): every rank evaluates a block of the model runs, rank 0 gathers
# them in row order and writes (cli/uq_resume.c). The outputs must be the
# same bytes for 1 and 2 threads, 2 ranks and 3 ranks (with more ranks than
# model runs on one command: a rank with an empty block); an interrupted
# mpirun run resumes in one process and an interrupted one-process run
# resumes under mpirun, both byte-identical to an uninterrupted run (each
# row's outputs depend only on its inputs, include/bmd/sensitivity.h).
# Skipped (with a message, exit 0) where mpirun or MPI support is absent;
# CI installs Open MPI (scripts/setup --mpi).
. "$(dirname "$0")/lib.inc"
need_mpirun

# mpi NP NAME ARGS...: bmdsim ARGS under mpirun -np NP in directory NAME
# (stdout NAME.out); the same relative -o in every directory.
mpi() {
    np=$1; name=$2; shift 2
    mkdir -p "$name"
    (cd "$name" && mpirun -np "$np" --oversubscribe "$BMDSIM" "$@" >"../$name.out" 2>"../$name.err")
}
# one NAME ARGS...: bmdsim ARGS in one process in directory NAME.
one() {
    name=$1; shift
    mkdir -p "$name"
    (cd "$name" && "$BMDSIM" "$@" >"../$name.out" 2>"../$name.err")
}

SW="sweep --vary interceptors.thaad.pk=0.5:0.9:3 --vary batteries.seongju.reaction_time=5s:40s:3
    --metric p_no_leaker,interceptors_per_kill --runs 6 --chunk 2 -o out --json"
one sw1 $SW --threads 1 && ok || bad "sweep, 1 thread: $(head -c 300 sw1.err)"
mpi 2 swm2 $SW --threads 1
st=$?
if grep -q "built without MPI" swm2.err; then
    echo "SKIP: this bmdsim was built without MPI"
    exit 0
fi
[ $st -eq 0 ] && ok || bad "sweep, mpirun -np 2: exit $st ($(head -c 300 swm2.err))"
one sw2 $SW --threads 2 && ok || bad "sweep, 2 threads: $(head -c 300 sw2.err)"
mpi 3 swm3 $SW --threads 2 && ok || bad "sweep, mpirun -np 3: $(head -c 300 swm3.err)"
for d in sw2 swm2 swm3; do
    cmp -s sw1.out $d.out && ok || bad "sweep --json differs between sw1 and $d"
    for f in sweep.csv sweep.json; do
        cmp -s "sw1/out/$f" "$d/out/$f" && ok || bad "sweep $f differs between sw1 and $d"
    done
done
python3 -c 'import json; d=json.load(open("sw1.out")); assert len(d["points"]) == 9' \
    && ok || bad "the 3 x 3 sweep does not have 9 points"
# only rank 0 writes: one list of files written, no partial chunks left
[ "$(grep -c 'wrote out/sweep.csv' swm2.err)" -eq 1 ] && ok || bad "mpirun -np 2: not one 'wrote' list"
[ ! -d swm2/out/partial ] && ok || bad "mpirun -np 2: partial chunks left after completion"

# a grid of 2 points on 3 ranks: rank 0's block is empty
SW2="sweep --vary interceptors.thaad.pk=0.6:0.8:2 --metric p_no_leaker --runs 4 --threads 1 --json"
one s2a $SW2 && ok || bad "2-point sweep: $(head -c 300 s2a.err)"
mpi 3 s2b $SW2 && ok || bad "2-point sweep, mpirun -np 3: $(head -c 300 s2b.err)"
cmp -s s2a.out s2b.out && ok || bad "2-point sweep differs between 1 process and 3 ranks"

# sensitivity on the default scenario (its uncertain: block), Sobol' design
SE="sensitivity --method sobol --samples 2 --metric p_no_leaker --runs 2 --bootstrap 50 -o out --json"
one se1 $SE --threads 1 && ok || bad "sensitivity, 1 thread: $(head -c 300 se1.err)"
mpi 2 sem2 $SE --threads 1 && ok || bad "sensitivity, mpirun -np 2: $(head -c 300 sem2.err)"
mpi 3 sem3 $SE --threads 2 && ok || bad "sensitivity, mpirun -np 3: $(head -c 300 sem3.err)"
for d in sem2 sem3; do
    cmp -s se1.out $d.out && ok || bad "sensitivity --json differs between se1 and $d"
    for f in sensitivity.csv sensitivity.json; do
        cmp -s "se1/out/$f" "$d/out/$f" && ok || bad "sensitivity $f differs between se1 and $d"
    done
done
# the analytic test function: the same JSON (one object, from rank 0 only)
TF="sensitivity --test-function ishigami --samples 256 --bootstrap 50 --json"
one tf1 $TF && ok || bad "ishigami: $(head -c 300 tf1.err)"
mpi 3 tfm3 $TF && ok || bad "ishigami, mpirun -np 3: $(head -c 300 tfm3.err)"
cmp -s tf1.out tfm3.out && ok || bad "ishigami JSON differs between 1 process and 3 ranks"

# Interrupt and resume across rank counts. stop NAME CMD...: start CMD in
# the background, SIGINT once the first chunk is on disk; 0 when it was
# interrupted (exit 1, a resume hint), 2 when it finished first.
stop() {
    name=$1; shift
    "$@" >"$name.out" 2>"$name.err" &
    pid=$!
    i=0
    while [ ! -f "$name/partial/sweep-rows-000000.bin" ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done
    kill -INT $pid 2>/dev/null
    wait $pid
    st=$?
    if [ $st -eq 0 ]; then
        echo "note: $name finished before the signal; resume checked on a complete run" >&2
        return 2
    fi
    # Open MPI's mpirun exits 1 when signalled even if its ranks had computed
    # every row and were writing the outputs (they keep the signal handler to
    # the end, uq_resume.h); DIR/partial goes only after the outputs, so no
    # partial and a complete set means the run finished
    if [ "$1" = mpirun ] && [ ! -d "$name/partial" ] && [ -f "$name/sweep.json" ]; then
        echo "note: $name finished as mpirun was signalled (exit $st); checked as a complete run" >&2
        return 2
    fi
    [ $st -eq 1 ] && ok || bad "$name interrupted: exit $st, want 1 ($(head -c 300 "$name.err"))"
    # one process prints one resume hint; under mpirun the ranks stop at
    # their next row and rank 0 prints it, unless Open MPI's grace period
    # ran out first (a loaded machine) and it killed them: the chunks on
    # disk are what resume needs either way
    if [ "$1" != mpirun ] || grep -q 'continue with --resume' "$name.err"; then
        [ "$(grep -c 'continue with --resume' "$name.err")" -eq 1 ] && ok \
            || bad "$name: not one resume hint: $(head -c 300 "$name.err")"
    fi
    return 0
}
# --chunk 5: the 2-rank split (blocks of 12 rows) keeps chunks starting at
# rows 0, 5, 10 (2 rows), 12, 17 and 22; one process wants 0, 5, 10 (5
# rows), 15 and 20: the chunks that do not line up are computed again, never
# misread.
SR="sweep --vary interceptors.thaad.pk=0.5:0.9:24 --metric p_no_leaker,interceptors_per_kill --runs 16 --threads 1 --chunk 5"
mkdir full
expect_exit 0 "uninterrupted sweep" -- $SR -o full
mkdir ab
if stop ab mpirun -np 2 --oversubscribe "$BMDSIM" $SR -o ab; then
    ls ab/partial/sweep-rows-*.bin >/dev/null 2>&1 && ok || bad "mpirun: no chunks kept"
    expect_exit 0 "resume in one process" -- $SR --resume ab
fi
mkdir cd
if stop cd "$BMDSIM" $SR -o cd; then
    (mpirun -np 2 --oversubscribe "$BMDSIM" $SR --resume cd >cd.out 2>cd.err) && ok \
        || bad "resume under mpirun -np 2: $(head -c 300 cd.err)"
fi
for d in ab cd; do
    [ ! -d "$d/partial" ] && ok || bad "$d: partial chunks left after completion"
    for f in sweep.csv sweep.json; do
        cmp -s "full/$f" "$d/$f" && ok || bad "$d: resumed $f differs from the uninterrupted one"
    done
done

finish
