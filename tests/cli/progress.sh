#!/bin/sh
# The progress reporter (cli/progress.h) in its two modes. Off a terminal:
# plain lines (no '\r') every $BMD_PROGRESS_SECONDS (5 s by default, so short
# work prints nothing), then "done"; on a terminal (a pty from script(1)):
# one line redrawn with '\r', with an ETA; --no-progress and -q: nothing.
# Commands: run, footprint, visibility (pairs), sweep, sensitivity, report.
. "$(dirname "$0")/lib.inc"

# Off a terminal, one line every 0.01 s: several plain lines, counts rising
# to the total, no carriage return, a closing "done" line.
BMD_PROGRESS_SECONDS=0.01 "$BMDSIM" run --runs 300 --seed 3 --threads 1 >out.txt 2>err.txt &&
    ok || bad "run --runs 300: $(head -3 err.txt)"
grep -q "$(printf '\r')" err.txt && bad "plain mode wrote a carriage return" || ok
n=$(grep -c "^bmdsim run: Monte Carlo [0-9]*/300 runs ([0-9]* %), [0-9]*:[0-9][0-9] elapsed" err.txt)
[ "$n" -ge 2 ] && ok || bad "plain mode: $n progress lines, want >= 2: $(head -3 err.txt)"
grep -q "ETA [0-9]*:[0-9][0-9]" err.txt && ok || bad "plain mode: no ETA"
tail -1 err.txt | grep -q "^bmdsim run: Monte Carlo done in " && ok || bad "plain mode: no done line"
python3 - <<'PY' || bad "plain mode: counts not increasing"
import re
d = [int(m.group(1)) for m in re.finditer(r"Monte Carlo (\d+)/300", open("err.txt").read())]
assert d == sorted(d) and 0 < d[0] and d[-1] < 300, d
PY

# Default interval (5 s): a short Monte Carlo prints no progress at all.
expect_exit 0 "short run" -- run --runs 20 --seed 3
grep -q "Monte Carlo" err.txt && bad "short work printed progress: $(cat err.txt)" || ok

# --no-progress and -q silence it even with a tiny interval.
BMD_PROGRESS_SECONDS=0.01 "$BMDSIM" run --runs 100 --seed 3 --no-progress >out.txt 2>err.txt
[ -s err.txt ] && bad "--no-progress printed: $(head -2 err.txt)" || ok
BMD_PROGRESS_SECONDS=0.01 "$BMDSIM" run --runs 100 --seed 3 -q >out.txt 2>err.txt
[ -s err.txt ] && bad "-q printed: $(head -2 err.txt)" || ok

# The other long commands use the same reporter.
BMD_PROGRESS_SECONDS=0.01 "$BMDSIM" footprint --resolution 20km --chunk 16 --threads 1 \
    >out.txt 2>err.txt && ok || bad "footprint"
grep -q "^bmdsim footprint: cells [0-9]*/[0-9]* done" err.txt && ok || bad "footprint progress: $(head -2 err.txt)"
printf 'north-hwanghae busan\nsohae pyeongtaek\nnorth-hwanghae seoul\nsohae busan\n' >pairs.txt
BMD_PROGRESS_SECONDS=0.001 "$BMDSIM" visibility --site seongju --boresight 325deg --pairs pairs.txt \
    --missile nodong >out.txt 2>err.txt && ok || bad "visibility pairs"
grep -q "^bmdsim visibility: trajectories [0-9]/4 flown" err.txt && ok || bad "visibility progress: $(head -2 err.txt)"
grep -q "$(printf '\r')" err.txt && bad "visibility wrote a carriage return off a terminal" || ok

# sweep and sensitivity (scenario form: chunked, resumable evaluation; test
# function form: one evaluation) report on the same reporter, on by default.
BMD_PROGRESS_SECONDS=0.01 "$BMDSIM" sweep --vary interceptors.thaad.pk=0.5:0.9:4 --runs 10 \
    --threads 1 >out.txt 2>err.txt && ok || bad "sweep: $(head -2 err.txt)"
grep -q "$(printf '\r')" err.txt && bad "sweep wrote a carriage return off a terminal" || ok
grep -q "^bmdsim sweep: model runs [1-3]/4 done ([0-9]* %), [0-9]*:[0-9][0-9] elapsed, ETA " err.txt &&
    ok || bad "sweep progress: $(head -2 err.txt)"
tail -1 err.txt | grep -q "^bmdsim sweep: model runs done in " && ok || bad "sweep: no done line"
BMD_PROGRESS_SECONDS=0.01 "$BMDSIM" sweep --vary interceptors.thaad.pk=0.5:0.9:4 --runs 10 \
    --threads 1 --no-progress >out.txt 2>err.txt
[ -s err.txt ] && bad "sweep --no-progress printed: $(head -2 err.txt)" || ok
BMD_PROGRESS_SECONDS=0.01 "$BMDSIM" sensitivity --method morris --samples 2 --runs 1 --threads 1 \
    >out.txt 2>err.txt && ok || bad "sensitivity: $(head -2 err.txt)"
grep -q "$(printf '\r')" err.txt && bad "sensitivity wrote a carriage return off a terminal" || ok
grep -q "^bmdsim sensitivity: model runs [0-9]*/12 done ([0-9]* %), [0-9]*:[0-9][0-9] elapsed, ETA " \
    err.txt && ok || bad "sensitivity progress: $(head -2 err.txt)"
tail -1 err.txt | grep -q "^bmdsim sensitivity: model runs done in " && ok ||
    bad "sensitivity: no done line"
BMD_PROGRESS_SECONDS=0.00001 "$BMDSIM" sensitivity --test-function sobol-g --samples 20000 \
    --bootstrap 10 --threads 1 >out.txt 2>err.txt && ok || bad "sensitivity --test-function"
grep -q "$(printf '\r')" err.txt && bad "test function: a carriage return off a terminal" || ok
tail -1 err.txt | grep -q "^bmdsim sensitivity: model runs done in " && ok ||
    bad "sensitivity --test-function: no done line: $(tail -2 err.txt)"
BMD_PROGRESS_SECONDS=0.00001 "$BMDSIM" sensitivity --test-function sobol-g --samples 20000 \
    --bootstrap 10 --threads 1 -q >out.txt 2>err.txt
[ -s err.txt ] && bad "sensitivity -q printed: $(head -2 err.txt)" || ok
# the old opt-in flag is gone (progress is on by default)
expect_exit 2 "sweep --progress" -- sweep --vary interceptors.thaad.pk=0.5:0.9:2 --progress

# report (its Monte Carlo, its footprint section decided in chunks and the
# sensitivity it runs as a child process): tests/cli/report.sh.

# On a terminal: script(1) gives bmdsim a pty; the line is redrawn with '\r'
# (from 0.5 s on, 4 times a second) and carries an ETA.
if command -v script >/dev/null 2>&1; then
    script -qec "$BMDSIM run --runs 600 --seed 3 --threads 1 >/dev/null" /dev/null >tty.txt 2>&1 </dev/null
    python3 - <<'PY' && ok || bad "terminal mode: $(head -c 300 tty.txt)"
t = open("tty.txt", "rb").read().decode("utf-8", "replace")
parts = [p for p in t.split("\r") if "Monte Carlo" in p]
assert len(parts) >= 2, parts[:3]                     # redrawn in place
assert any("ETA " in p for p in parts), parts[:3]
assert "done in" in parts[-1], parts[-1]
PY
    for c in "sweep --vary interceptors.thaad.pk=0.5:0.9:6 --runs 20" \
        "sensitivity --method morris --samples 2 --runs 1"; do
        cmd=${c%% *}
        script -qec "$BMDSIM $c --threads 1 >/dev/null" /dev/null >tty.txt 2>&1 </dev/null
        CMD=$cmd python3 - <<'PY' && ok || bad "$cmd terminal mode: $(head -c 300 tty.txt)"
import os
t = open("tty.txt", "rb").read().decode("utf-8", "replace")
cmd = os.environ["CMD"]
parts = [p for p in t.split("\r") if p.startswith("bmdsim %s: model runs" % cmd)]
assert len(parts) >= 2, parts[:3]                     # redrawn in place
assert any("ETA " in p for p in parts), parts[:3]
assert "done in" in parts[-1], parts[-1]
PY
    done
fi
finish
