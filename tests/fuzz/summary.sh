#!/bin/sh
# Summarise fuzz runs for docs/testing.md: per target the executions, the
# final corpus size and any finding, from the libFuzzer logs of
#   tests/fuzz/run.sh BUILD fuzz SECONDS     (BUILD/fuzz-out/TARGET/log.txt)
# and, given a coverage build (cmake -DBMD_FUZZ=ON -DBMD_FUZZ_COVERAGE=ON,
# CC=clang), the line coverage of src/input, src/catalog and src/scenario
# reached by replaying every corpus (llvm-profdata, llvm-cov).
# Usage: summary.sh OUT_DIR [COVERAGE_BUILD]   (OUT_DIR holds TARGET/log.txt
#        and TARGET/corpus, TARGET/seeds)
set -eu
OUT=$(cd "$1" && pwd); COV=${2:-}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
echo "| target | executions | seconds | corpus files | findings |"
echo "|---|---|---|---|---|"
for d in "$OUT"/*/; do
    t=$(basename "$d"); log="$d/log.txt"
    [ -f "$log" ] || continue
    ex=$(grep -a "stat::number_of_executed_units" "$log" | tail -1 | awk '{print $2}')
    secs=$(grep -a -o "max_total_time=[0-9]*" "$log" | head -1 | cut -d= -f2)
    [ -n "$secs" ] || secs=$(grep -a "Done [0-9]* runs in" "$log" | tail -1 | sed 's/.* in \([0-9]*\) second.*/\1/')
    found=$(ls "$d" | grep -c -E '^(crash|leak|timeout|oom)-' || true)
    echo "| fuzz_$t | ${ex:-?} | ${secs:-?} | $(ls "$d/corpus" | wc -l) | $found |"
done
[ -n "$COV" ] || exit 0
COV=$(cd "$COV" && pwd)
P=$(mktemp -d); trap 'rm -rf "$P"' EXIT
export BMD_DATA_DIR="$SRC/data" LSAN_OPTIONS=detect_leaks=0
objs=""
for d in "$OUT"/*/; do
    t=$(basename "$d")
    [ -x "$COV/fuzz_$t" ] || continue
    LLVM_PROFILE_FILE="$P/$t.profraw" "$COV/fuzz_$t" -runs=0 "$d/corpus" "$d/seeds" >/dev/null 2>&1 || true
    if [ -z "$objs" ]; then objs="$COV/fuzz_$t"; else objs="$objs -object $COV/fuzz_$t"; fi
done
llvm-profdata merge -sparse "$P"/*.profraw -o "$P/all.profdata"
echo
echo "| module | lines | covered | line coverage |"
echo "|---|---|---|---|"
for m in input catalog scenario; do
    # shellcheck disable=SC2086
    llvm-cov report -instr-profile="$P/all.profdata" $objs "$SRC"/src/$m/*.c 2>/dev/null |
        awk -v m="src/$m" '/^TOTAL/ {l=$(NF-2); miss=$(NF-1); printf "| %s | %d | %d | %s |\n", m, l, l-miss, $NF}'
done
