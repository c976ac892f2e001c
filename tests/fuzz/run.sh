#!/bin/sh
# Run the libFuzzer targets of tests/fuzz (built by `make fuzz` into BUILD).
#   run.sh BUILD regress        every target over its seeds and the saved
#                               findings (tests/fuzz/regress/TARGET), no new inputs
#   run.sh BUILD fuzz SECONDS   each target SECONDS long on a fresh corpus
#                               seeded from data/, tests/data/ and tests/fuzz/seeds
#   run.sh BUILD replay         like regress, with the replay_TARGET programs of
#                               a regular build (no libFuzzer; CTest fuzz_replay)
# Seeds: scenario files for the scenario target, each catalog file (shipped
# and test fixtures) for its loader, texts for units and pairs, a valid
# 3-cell chunk (tests/fuzz/seeds/chunk/c3.bin) for the chunk reader.
# A finding leaves crash-*/leak-*/timeout-* in BUILD/fuzz-out/TARGET; copy it
# to tests/fuzz/regress/TARGET/ with a fix, so that `regress` keeps it.
set -eu
B=$(cd "$1" && pwd); MODE=$2; SECS=${3:-60}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
TARGETS="scenario sites missiles radars interceptors units pairs chunk"
seeds() { # seeds TARGET DIR: fill DIR with the target's seed inputs
    t=$1; d=$2; mkdir -p "$d"
    case $t in
    scenario) cp "$SRC"/data/scenarios/*.yaml "$SRC"/tests/data/scenario_*.yaml "$SRC"/tests/data/bad/*.yaml "$d"/ ;;
    sites) cp "$SRC"/data/sites.yaml "$SRC"/tests/data/sites_*.yaml "$d"/ ;;
    missiles) cp "$SRC"/data/catalog/missiles.yaml "$SRC"/tests/data/missiles_*.yaml "$d"/ ;;
    radars) cp "$SRC"/data/catalog/radars.yaml "$d"/ ;;
    interceptors) cp "$SRC"/data/catalog/interceptors.yaml "$d"/ ;;
    units) cp "$SRC"/tests/fuzz/seeds/units/* "$d"/ ;;
    pairs) cp "$SRC"/tests/fuzz/seeds/pairs/* "$d"/ ;;
    chunk) cp "$SRC"/tests/fuzz/seeds/chunk/* "$d"/ ;;
    esac
}
OPTS="-rss_limit_mb=2048 -timeout=20 -max_len=65536 -print_final_stats=1"
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1
export LSAN_OPTIONS="suppressions=$SRC/tests/fuzz/lsan.supp"
export BMD_DATA_DIR="$SRC/data"
fail=0
for t in $TARGETS; do
    f="$B/fuzz_$t"
    [ "$MODE" = replay ] && f="$B/replay_$t"
    out="$B/fuzz-out/$t"; rm -rf "$out"; mkdir -p "$out/corpus" "$out/seeds"
    seeds "$t" "$out/seeds"
    [ -d "$SRC/tests/fuzz/regress/$t" ] && cp "$SRC/tests/fuzz/regress/$t"/* "$out/seeds"/ 2>/dev/null || true
    if [ "$MODE" = replay ]; then
        (cd "$out" && "$f" seeds/* >log.txt 2>&1) && tail -1 "$out/log.txt" ||
            { fail=1; tail -40 "$out/log.txt"; }
    elif [ "$MODE" = regress ]; then
        echo "== fuzz_$t: $(ls "$out/seeds" | wc -l) inputs"
        (cd "$out" && "$f" $OPTS -runs=0 seeds/* >log.txt 2>&1) || { fail=1; tail -40 "$out/log.txt"; }
    else
        echo "== fuzz_$t: $SECS s"
        (cd "$out" && "$f" $OPTS -max_total_time="$SECS" corpus seeds >log.txt 2>&1) ||
            { fail=1; tail -40 "$out/log.txt"; }
        grep -E "stat::number_of_executed_units|cov:" "$out/log.txt" | tail -2
        echo "corpus: $(ls "$out/corpus" | wc -l) files"
    fi
done
exit $fail
