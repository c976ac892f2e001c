#!/bin/sh
# Command-line tests of `bmdsim sweep` and of `bmdsim sensitivity` on a
# scenario: bad input (one line naming the option or file:line:col, exit 2,
# nothing written), the JSON and CSV of a 1-D and a 2-D grid, thread
# independence, and the sensitivity JSON with its noise variance.
. "$(dirname "$0")/lib.inc"

# Bad input.
mkdir o
expect_exit 2 "unknown path" -- sweep --vary radars.tpy2.pwer_avg=1kW:2kW:3 -o o
expect_err "did you mean 'power_avg'" "unknown path"
expect_exit 2 "unknown radar" -- sweep --vary radars.tpy3.power_avg=1kW:2kW:3 -o o
expect_err "did you mean 'tpy2'" "unknown radar"
expect_exit 2 "lo > hi" -- sweep --vary radars.tpy2.power_avg=2kW:1kW:3 -o o
expect_err "lo <= hi" "lo > hi"
expect_exit 2 "wrong unit" -- sweep --vary radars.tpy2.power_avg=1kg:2kg:3 -o o
expect_err "power" "wrong unit"
expect_exit 2 "negative samples" -- sweep --vary radars.tpy2.power_avg=1kW:2kW:3 --samples -4 -o o
expect_err "samples" "negative samples"
expect_exit 2 "no grid size" -- sweep --vary radars.tpy2.power_avg=1kW:2kW -o o
expect_err "N must be" "no grid size"
expect_exit 2 "metric the scenario cannot produce" -- sweep --vary radars.tpy2.power_avg=1kW:2kW:3 --metric p_negation:nodong-9 -o o
expect_err "no threat 'nodong-9'" "metric the scenario cannot produce"
expect_exit 2 "unknown metric" -- sweep --vary radars.tpy2.power_avg=1kW:2kW:3 --metric p_no_leakr -o o
expect_err "did you mean 'p_no_leaker'" "unknown metric"
expect_exit 2 "three axes" -- sweep --vary a=1:2:2 --vary b=1:2:2 --vary c=1:2:2
expect_err "at most two" "three axes"
[ -z "$(ls o)" ] && ok || bad "bad input wrote files: $(ls o)"

# A scenario file with a bad uncertain: block: file:line:col.
cp "$BMD_DATA_DIR/scenarios/default.yaml" s.yaml
sed 's/interceptors.thaad.pk: \[0.6, 0.9\]/interceptors.thaad.pk: [0.9, 0.6]/' s.yaml >bad1.yaml
expect_exit 2 "block lo > hi" -- sensitivity bad1.yaml -o o
expect_err "bad1.yaml:[0-9]*:[0-9]*: uncertain: 'interceptors.thaad.pk': bounds" "block lo > hi"
sed 's/interceptors.thaad.pk:/interceptors.thad.pk:/' s.yaml >bad2.yaml
expect_exit 2 "block unknown path" -- sweep bad2.yaml --vary radars.tpy2.power_avg=1kW:2kW:2
expect_err "bad2.yaml:[0-9]*:3: uncertain: path 'interceptors.thad.pk'.*did you mean 'thaad'" "block unknown path"
[ -z "$(ls o)" ] && ok || bad "bad block wrote files: $(ls o)"

# 1-D: the radar's track range against the power. With the catalog's
# instrumented range of the terminal mode the effective range is capped, so
# vary the forward-based preset's power instead by a choice-free path: the
# free-space range grows as P^(1/4) (radar range equation, Skolnik 2001
# eq. 2.1), so 16x the power doubles it until the cap. Tolerance 1e-6 rel.
expect_exit 0 "1-D sweep" -- sweep s.yaml --vary radars.tpy2.instrumented_range=0km:0km:1 \
    --vary radars.tpy2.power_avg=1kW:16kW:2 --metric track_range_m --json --threads 1
python3 - <<'PY' || bad "1-D track range against power"
import json
o = json.load(open("out.txt"))
p = o["points"]
assert len(p) == 2 and o["vary"][1]["path"] == "radars.tpy2.power_avg"
r1, r16 = p[0]["track_range_m"]["value"], p[1]["track_range_m"]["value"]
assert abs(r16 / r1 - 2.0) < 1e-6, (r1, r16)
PY

# 2-D: p_no_leaker over pk and reaction time, 1 and 2 threads byte-identical.
mkdir a b
G="--vary interceptors.thaad.pk=0:0.9:2 --vary batteries.seongju.reaction_time=5s:40s:2 --metric p_no_leaker,interceptors_per_kill --runs 4"
expect_exit 0 "2-D sweep" -- sweep s.yaml $G --threads 1 -o a --json
cp out.txt a.json
expect_exit 0 "2-D sweep, 2 threads" -- sweep s.yaml $G --threads 2 -o b
cmp -s a/sweep.csv b/sweep.csv && ok || bad "sweep.csv differs between 1 and 2 threads"
cmp -s a/sweep.json b/sweep.json && ok || bad "sweep.json differs between 1 and 2 threads"
# the contour figure (interceptors per kill is undefined at pk = 0: no figure)
[ -s a/sweep-p_no_leaker.png ] && ok || bad "no 2-D figure"
[ ! -f a/sweep-interceptors_per_kill.png ] && ok || bad "figure of an undefined metric"
python3 - <<'PY' || bad "2-D sweep JSON"
import json, csv
o = json.load(open("a.json"))
assert len(o["points"]) == 4 and o["runs"] == 4
for pt in o["points"]:
    m = pt["p_no_leaker"]
    assert m["lo"] <= m["value"] <= m["hi"], m
    if pt["x"][0] == 0:          # pk = 0: nothing is killed
        assert m["value"] == 0, pt
rows = list(csv.DictReader(open("a/sweep.csv")))
assert len(rows) == 4 and "p_no_leaker_lo" in rows[0]
PY

# Sensitivity on the scenario (Morris, small): fields, ranks, noise.
expect_exit 0 "sensitivity morris" -- sensitivity s.yaml --method morris --samples 2 --runs 4 --json --threads 2 -o o
python3 - <<'PY' || bad "sensitivity JSON"
import json
o = json.load(open("out.txt"))
assert o["method"] == "morris" and o["metric"] == "p_no_leaker" and o["runs"] == 4
assert o["evaluations"] == 2 * 6
assert o["noise_variance"] >= 0
names = [p["name"] for p in o["parameters"]]
assert "radars.tpy2.power_avg" in names and len(names) == 5, names
for p in o["parameters"]:
    for k in ("mu_star", "sigma", "rank", "lo", "hi", "nominal", "metric_at_lo", "metric_at_hi"):
        assert k in p, (k, p)
PY
for f in sensitivity.json sensitivity.csv sensitivity-indices.png sensitivity-tornado.png; do
    [ -s o/$f ] && ok || bad "sensitivity: o/$f missing"
done
expect_exit 2 "bad plot format" -- sensitivity s.yaml --method morris --samples 2 --plot-format gif -o o2
expect_err "plot-format" "bad plot format"
finish
