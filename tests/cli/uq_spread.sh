#!/bin/sh
# Verdicts with their spread: `bmdsim footprint SCENARIO --check SITES
# --samples N` and `bmdsim visibility SCENARIO --samples N` give the share of
# N Latin-hypercube samples of the scenario's uncertain: block in which each
# verdict holds, with its Wilson interval and the parameter that decides it.
# Checked: bad input, thread independence (byte-identical JSON), internal
# consistency (count = p N, lo <= p <= hi), a block whose only parameter is
# fixed (the spread must equal the nominal verdict exactly), and that a
# parameter with a known monotone effect is named as deciding it with the
# right sign while a parameter without effect is not.
. "$(dirname "$0")/lib.inc"

S="$BMD_DATA_DIR/scenarios/default.yaml"
# The default scenario without its uncertain: block, plus one of ours.
sed '/^uncertain:/,$d' "$S" >base.yaml

# Bad input.
expect_exit 2 "samples without scenario" -- footprint --check busan --samples 4
expect_err "give a SCENARIO" "samples without scenario"
expect_exit 2 "samples without check" -- footprint "$S" --samples 4
expect_err "give --check" "samples without check"
expect_exit 2 "samples with a set-up option" -- footprint "$S" --check busan --samples 4 --reaction 20s
expect_err "put the value in the scenario file" "samples with a set-up option"
expect_exit 2 "negative samples" -- footprint "$S" --check busan --samples -3
expect_err "samples" "negative samples"
expect_exit 2 "no block" -- footprint base.yaml --check busan --samples 4 --resolution 50km --no-progress
expect_err "no uncertain: block" "no block"
expect_exit 2 "visibility samples without scenario" -- visibility --samples 4 --site seongju --boresight 0deg --missile nodong --from north-hwanghae --to busan
expect_err "need a SCENARIO" "visibility samples without scenario"
expect_exit 2 "visibility scenario with options" -- visibility "$S" --rcs 1m2
expect_err "put the value in the scenario file" "visibility scenario with options"

# A fixed parameter (lo = hi): every sample is the nominal scenario, so the
# share is exactly 0 or 1 and equals the nominal --check verdict.
cp base.yaml fixed.yaml
printf 'uncertain:\n  interceptors.thaad.pk: [0.8, 0.8]\n' >>fixed.yaml
expect_exit 0 "fixed block" -- footprint fixed.yaml --check busan,seoul --samples 4 --resolution 50km --json --no-progress
python3 - <<'PY' || bad "fixed block: spread differs from the nominal verdict"
import json
o = json.load(open("out.txt"))
v = o["verdict_spread"]["verdicts"]
for site in ("busan", "seoul"):
    want = 1.0 if o["checks"][site]["defended"] else 0.0
    assert v[site]["p"] == want and v[site]["count"] == 4 * want, (site, v[site])
    assert v[site]["decided_by"] is None, v[site]
PY

# Reaction time 5-400 s and pk 0.5-0.9: the footprint's verdict does not
# depend on pk (a feasibility test, docs/models/footprint.md) and can only
# get worse with a later first launch, so when Busan's verdict varies it is
# decided by the reaction time with a negative correlation.
cp base.yaml react.yaml
printf 'uncertain:\n  batteries.seongju.reaction_time: [5s, 400s]\n  interceptors.thaad.pk: [0.5, 0.9]\n' >>react.yaml
for t in 1 2; do
    expect_exit 0 "spread, $t threads" -- footprint react.yaml --check busan,daegu --samples 8 --resolution 50km \
        --json --no-progress --threads $t
    python3 -c 'import json; o = json.load(open("out.txt")); print(json.dumps(o["verdict_spread"], sort_keys=True))' >spread$t.json
done
cmp -s spread1.json spread2.json && ok || bad "verdict spread differs between 1 and 2 threads"
python3 - <<'PY' || bad "reaction-time spread"
import json
o = json.load(open("spread1.json"))
assert o["samples"] == 8 and o["parameters"][0] == "batteries.seongju.reaction_time"
for site, v in o["verdicts"].items():
    assert v["count"] == round(v["p"] * 8), v
    assert v["p_lo"] <= v["p"] <= v["p_hi"], v
v = o["verdicts"]["busan"]
assert 0 < v["p"] < 1, v  # 5 s defends Busan (README), 400 s cannot (flight ~ 600 s)
assert v["decided_by"] == "batteries.seongju.reaction_time" and v["correlation"] < 0, v
PY
expect_exit 0 "human spread" -- footprint react.yaml --check busan --samples 8 --resolution 50km --no-progress
expect_out "busan  *defended in [0-9]* % of 8 samples" "human spread"

# Visibility: the RV's RCS log-uniform over 1e-6 .. 1 m^2 (the radar's range
# goes as RCS^(1/4): a 1e-6 m^2 target is not seen from North Hwanghae).
cp base.yaml rcs.yaml
printf 'uncertain:\n  threats.nodong-1.rcs: {dist: loguniform, lo: 1e-6m2, hi: 1m2}\n  interceptors.thaad.pk: [0.5, 0.9]\n' >>rcs.yaml
expect_exit 0 "visibility spread" -- visibility rcs.yaml --samples 16 --json --threads 2
python3 - <<'PY' || bad "visibility spread"
import json
o = json.load(open("out.txt"))
assert o["threats"]["nodong-1"]["visible"] and o["threats"]["nodong-1"]["seen_s"] > 0
v = o["verdict_spread"]["verdicts"]["nodong-1"]
assert 0 < v["p"] < 1, v
assert v["decided_by"] == "threats.nodong-1.rcs" and v["correlation"] > 0, v
PY
expect_exit 0 "visibility scenario, human" -- visibility rcs.yaml --samples 16
expect_out "nodong-1  *seen in [0-9]* % of 16 samples" "visibility scenario, human"

# -q with --samples: accepted (it changes what is printed, not the set-up),
# prints nothing, not even progress lines (every 0.001 s here); --no-progress too.
export BMD_PROGRESS_SECONDS=0.001
expect_exit 0 "visibility -q spread" -- visibility rcs.yaml --samples 16 -q
[ -s out.txt ] || [ -s err.txt ] && bad "visibility -q printed: $(head -c 200 out.txt err.txt)" || ok
expect_exit 0 "footprint -q spread" -- footprint react.yaml --check busan --samples 8 --resolution 50km -q
[ -s out.txt ] || [ -s err.txt ] && bad "footprint -q printed: $(head -c 200 out.txt err.txt)" || ok
expect_exit 0 "visibility --no-progress spread" -- visibility rcs.yaml --samples 16 --no-progress
[ -s err.txt ] && bad "visibility --no-progress printed: $(head -c 200 err.txt)" || ok
expect_out "nodong-1  *seen in [0-9]* % of 16 samples" "visibility --no-progress spread"
# and without them, the spread's progress (cli/progress.h)
expect_exit 0 "visibility spread progress" -- visibility rcs.yaml --samples 16
grep -q "^bmdsim visibility: samples [0-9]*/16 done" err.txt && ok ||
    bad "visibility spread: no progress lines: $(head -c 200 err.txt)"
export BMD_PROGRESS_SECONDS=1000000

finish
