#!/bin/sh
# Command-line tests of scenario files for `bmdsim run`: a bad scenario is
# bad input (exit 2), reported on one stderr line as FILE:LINE:COL, and no
# output is written. The expected LINE:COL is found by searching the fixture
# for the offending token (first non-comment occurrence), as
# tests/scenario/test_io_scenario.c does.
. "$(dirname "$0")/lib.inc"

D="$BMD_DATA_DIR/../tests/data"

# pos FILE TOKEN: "LINE:COL" of TOKEN's first occurrence outside comments.
pos() {
    awk -v t="$2" '!/^#/ { i = index($0, t); if (i) { print NR ":" i; exit } }' "$1"
}

# bad_scenario FIXTURE TOKEN WORDS: exit 2, one line naming FILE:LINE:COL
# of TOKEN and containing WORDS, and OUT not created.
bad_scenario() {
    f="$D/$1"
    where=$(pos "$f" "$2")
    [ -n "$where" ] || bad "$1: token '$2' not in the fixture"
    rm -rf OUT
    expect_exit 2 "$1 exit status" -- run "$f" -o OUT
    expect_err "$1:$where: " "$1 position"
    expect_err "$3" "$1 message"
    if [ -e OUT ]; then bad "$1: OUT was created"; else ok; fi
}

bad_scenario scenario_bad_unknown_key.yaml launcers "did you mean 'launchers'"
bad_scenario scenario_bad_unit.yaml 10km "expected a time"
bad_scenario scenario_bad_site.yaml seongjoo "did you mean 'seongju'"
bad_scenario scenario_bad_inventory.yaml -2 "must be from 1 to 1000"
bad_scenario scenario_bad_salvo.yaml "0}" "must be >= 1"
bad_scenario scenario_bad_interceptor.yaml thad "did you mean 'thaad'"
bad_scenario scenario_bad_envelope.yaml max_alt "cannot reach"
bad_scenario scenario_bad_missing.yaml "name: n1" "missing key 'aim'"

# Syntax error: libfyaml reports where it notices; FILE:LINE:COL and exit 2.
rm -rf OUT
expect_exit 2 "syntax exit status" -- run "$D/scenario_bad_syntax.yaml" -o OUT
expect_err "scenario_bad_syntax.yaml:[0-9][0-9]*:[0-9][0-9]*: " "syntax position"
if [ -e OUT ]; then bad "syntax: OUT was created"; else ok; fi

# A file that does not exist is bad input too.
expect_exit 2 "missing file" -- run no-such-scenario.yaml -o OUT
expect_err "no-such-scenario.yaml" "missing file named"

finish
