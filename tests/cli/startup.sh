#!/bin/sh
# Which shared libraries a bmdsim process loads (issue 13 item 6; the
# design is in docs/architecture.md, "Libraries: what a process loads"):
# the one-shot commands map neither Open MPI nor PLplot (loaded with dlopen
# by a figure or under an MPI launcher only) nor, when the build has PROJ's
# geodesic routines built in (scripts/geodesic-lib; CMake then sets
# BMD_TEST_GEODESIC_BUILTIN=1), libproj; nor, when bmdsim links nettle's
# static archive (BMD_TEST_NETTLE_STATIC=1), libnettle; a figure does load
# PLplot. The list is the dynamic loader's own (glibc's LD_DEBUG=files, on
# stderr).
# No timing here: the CPU cost is measured by bench/bench_startup.py.
. "$(dirname "$0")/lib.inc"

# loaded ARGS...: the sonames the process loaded, one per line, in loaded.txt
loaded() {
    LD_DEBUG=files "$BMDSIM" "$@" >out.txt 2>ld.txt
    rc=$?
    sed -n 's/^ *[0-9]*:[[:space:]]*file=\([^ ]*\) .*/\1/p' ld.txt | sort -u >loaded.txt
    return $rc
}

# without NAME WHAT: no loaded library's name starts with NAME
without() {
    if grep -q "^$1" loaded.txt; then bad "$2 loaded $(grep "^$1" loaded.txt | head -1)"; else ok; fi
}

for cmd in "--version" \
    "trajectory --missile scud-b --from north-hwanghae --azimuth 150deg --kick 10deg" \
    "catalog" "coverage --radar an-tpy2 --rcs 0.01m2" "validate"; do
    # shellcheck disable=SC2086
    if loaded $cmd; then ok; else bad "bmdsim $cmd: exit $rc ($(grep -v '^ *[0-9]*:' ld.txt | head -c 300))"; fi
    grep -q '^libc\.so' loaded.txt && ok || bad "bmdsim $cmd: LD_DEBUG=files listed nothing"
    without libmpi "bmdsim $cmd"
    without libplplot "bmdsim $cmd"
    if [ "${BMD_TEST_GEODESIC_BUILTIN:-0}" = 1 ]; then without libproj "bmdsim $cmd"; fi
    if [ "${BMD_TEST_NETTLE_STATIC:-0}" = 1 ]; then without libnettle "bmdsim $cmd"; fi
done

# a figure loads PLplot (src/plot/plplot_lazy.c) and is written
if loaded trajectory --missile scud-b --from north-hwanghae --azimuth 150deg --kick 10deg \
    --plot -o fig; then ok; else bad "trajectory --plot: exit $rc"; fi
grep -q '^libplplot' loaded.txt && ok || bad "trajectory --plot did not load PLplot"
[ -s fig/trajectory-profile.png ] && ok || bad "trajectory --plot wrote no figure"
without libmpi "trajectory --plot"

# Under an MPI launcher, a bmdsim whose MPI module (bmdsim-mpi.so) is
# missing says so and what to do, in one line, exit 1 (a run-time failure),
# instead of "MPI_Init failed". The launcher is imitated by its environment
# variable; a copy of the executable alone in a directory has no module
# beside it (nor at the installed place relative to it).
if [ "${BMD_TEST_MPI_MODULE:-0}" = 1 ]; then
    mkdir -p alone && cp "$BMDSIM" alone/bmdsim
    BMDSIM_SAVED=$BMDSIM
    BMDSIM=$T/alone/bmdsim
    OMPI_COMM_WORLD_SIZE=2 expect_exit 1 "run under a launcher without the MPI module" -- run --runs 2
    expect_err "MPI module is missing" "run under a launcher without the MPI module"
    expect_err "run without mpirun" "run under a launcher without the MPI module"
    BMDSIM=$BMDSIM_SAVED
    unset OMPI_COMM_WORLD_SIZE
fi

finish
