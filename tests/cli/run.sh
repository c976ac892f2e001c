#!/bin/sh
# Command-line tests of `bmdsim run` (the engagement simulation). The
# figures themselves are checked by tests/engage/test_engagement_*.c; here: the
# timeline, the keys of --json and summary.json, the four output files,
# thread-count independence (identical bytes), and bad input (exit 2, one
# line on stderr, no output directory written).
. "$(dirname "$0")/lib.inc"

# The default scenario, one engagement: the timeline names its events and
# the outcome table follows.
expect_exit 0 "default run" -- run --runs 1
for ev in launch burnout first-detection firm-track interceptor-launch kill-assessment; do
    expect_out " $ev " "timeline event $ev"
done
grep -Eq " (intercept|miss) " out.txt && ok || bad "timeline: no intercept or miss"
expect_out "interceptors fired:" "totals line"
expect_out "nodong-1" "threat row"

# --json: one object with the required keys per threat and the totals.
expect_exit 0 "default --json" -- run --runs 1 --json
python3 - <<'PY' || bad "--json keys"
import json
d = json.load(open("out.txt"))
for k in ("interceptors_fired", "leakers", "threats", "seed", "scenario"):
    assert k in d, k
assert len(d["threats"]) == 1
t = d["threats"][0]
for k in ("outcome", "intercept_time_s", "intercept_alt_m", "miss_distance_m",
          "interceptors_used", "first_detect_time_s", "firm_track_time_s"):
    assert k in t, k
assert t["outcome"] in ("intercepted", "leaked", "not_engaged"), t["outcome"]
assert t["first_detect_time_s"] <= t["firm_track_time_s"]
leak = sum(1 for x in d["threats"] if x["outcome"] != "intercepted")
assert d["leakers"] == leak
assert d["interceptors_fired"] == sum(x["interceptors_used"] for x in d["threats"])
PY
[ "$(wc -l <out.txt)" -eq 1 ] && ok || bad "--json is not one line"

# -o DIR: the four files, with their headers; run-summary.json equals --json.
expect_exit 0 "files" -- run --runs 1 -o res
for f in run-summary.json run-events.csv run-trajectories.csv run-tracks.csv; do
    [ -s "res/$f" ] && ok || bad "missing res/$f"
done
grep -v "^#" res/run-events.csv | head -1 | grep -q "^t_s,event," && ok || bad "events.csv header"
grep -v "^#" res/run-trajectories.csv | head -1 | grep -q "t_s,lat_deg,lon_deg,alt_m,speed_mps" && ok || bad "trajectories.csv header"
grep -v "^#" res/run-tracks.csv | head -1 | grep -q "pos_sigma_m" && ok || bad "tracks.csv header"
ls -a | grep -q partial && bad "a temporary directory was left behind" || ok

# -o also writes the globe files: KML well-formed with trajectories and
# events, CZML with the document packet first and unique ids.
for f in run.kml run.czml; do
    [ -s "res/$f" ] && ok || bad "missing res/$f"
done
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout res/run.kml && ok || bad "run.kml not well-formed"
fi
grep -q "<LineString>" res/run.kml && grep -q "nodong-1" res/run.kml && ok || bad "run.kml lacks the trajectory"
python3 -c '
import json, sys
d = json.load(open("res/run.czml"))
assert d[0]["id"] == "document" and d[0]["version"] == "1.0"
ids = [p["id"] for p in d]
assert len(ids) == len(set(ids))
assert any("position" in p for p in d[1:])
' && ok || bad "run.czml structure"

# --plot draws the engagement timeline (a PNG of the default size); without
# -o the figure alone goes to the current directory; a bad format is bad input.
expect_exit 0 "plot" -- run --runs 1 -o fig --plot
python3 -c '
import struct
b = open("fig/run-timeline.png", "rb").read()
assert b[:8] == b"\x89PNG\r\n\x1a\n" and b[12:16] == b"IHDR"
w, h = struct.unpack(">II", b[16:24])
assert (w, h) == (1000, 700), (w, h)
' && ok || bad "run-timeline.png is not a 1000x700 PNG"
mkdir here && cd here
expect_exit 0 "plot without -o" -- run --runs 1 --plot
[ -s run-timeline.png ] && [ ! -e run-summary.json ] && ok || bad "plot without -o wrote: $(ls | tr '\n' ' ')"
grep -qx "bmdsim: wrote run-timeline.png" err.txt && ok || bad "plot without -o: no listing"
cd ..
expect_exit 2 "bad plot format" -- run --runs 1 -o fig2 --plot --plot-format gif
[ -e fig2 ] && bad "a bad --plot-format wrote its output directory" || ok

# Monte Carlo: the same seed gives the same summary.json bytes on 1 and 2
# threads; the Monte Carlo block is there.
expect_exit 0 "mc 1 thread" -- run --runs 50 --seed 3 --threads 1 -o mc1 --quiet
expect_exit 0 "mc 2 threads" -- run --runs 50 --seed 3 --threads 2 -o mc2 --quiet
same_but_provenance mc1/run-summary.json mc2/run-summary.json && ok || bad "run-summary.json differs between 1 and 2 threads"
python3 - <<'PY' || bad "monte_carlo block"
import json
d = json.load(open("mc1/run-summary.json"))
m = d["monte_carlo"]
assert m["runs"] == 50
assert 0 <= m["p_no_leaker_lo"] <= m["p_no_leaker"] <= m["p_no_leaker_hi"] <= 1
t = d["threats"][0]
assert t["runs_intercepted"] + t["runs_leaked"] + t["runs_not_engaged"] == 50
assert t["p_negation_lo"] <= t["p_negation"] <= t["p_negation_hi"]
# the radar's time budget over the runs (docs/formats.md): the default
# radar has no budget, so occupancy = demand; the mean lies below the 90th
# percentile's run maximum and no run's demand reaches 1 (one track, 10 %)
r = m["radars"]["tpy2"]
assert set(r) == {"occupancy_max_mean", "occupancy_max_p90", "demand_max_mean",
                  "demand_max_p90", "over_budget_share_mean"}, r
assert r["occupancy_max_mean"] == r["demand_max_mean"] <= r["demand_max_p90"] < 1, r
assert r["over_budget_share_mean"] == 0, r
PY
expect_exit 0 "mc quiet" -- run --runs 60 --seed 3 --quiet
[ -s err.txt ] && bad "--quiet printed on stderr: $(head -2 err.txt)" || ok
[ -s out.txt ] && bad "--quiet printed on stdout" || ok
expect_exit 0 "mc table" -- run --runs 20 --seed 3
expect_out "P(negation)" "Monte Carlo table"
expect_out "no leaker" "P(no leaker) row"

# Bad input: exit 2, one line, nothing written.
expect_exit 2 "runs 0" -- run --runs 0 -o bad1
expect_err "runs" "runs message"
expect_exit 2 "runs not a number" -- run --runs many -o bad1
expect_err "runs" "runs message"
expect_exit 2 "negative seed" -- run --seed -4 -o bad1
expect_err "seed" "seed message"
expect_exit 2 "threads 0" -- run --threads 0 -o bad1
expect_err "threads" "threads message"
expect_exit 2 "bad filter" -- run --filter kalman -o bad1
expect_err "filter" "filter message"
expect_exit 2 "missing scenario" -- run no-such-scenario.yaml -o bad1
expect_err "no-such-scenario.yaml" "missing file message"
cat >bad.yaml <<'EOF'
name: a battery with no missiles
radars:
  - {name: tpy2, type: an-tpy2, site: seongju, boresight: 322deg}
batteries:
  - {name: b, site: seongju, interceptor: thaad, launchers: 0, missiles_per_launcher: 8}
threats:
  - {missile: nodong, launch: north-hwanghae, aim: busan, rcs: 0.1m2}
EOF
expect_exit 2 "bad scenario value" -- run bad.yaml -o bad1
expect_err "bad.yaml:" "bad scenario message with the file position"
cat >typo.yaml <<'EOF'
name: a misspelt missile
radars:
  - {name: tpy2, type: an-tpy2, site: seongju, boresight: 322deg}
threats:
  - {missile: nodon, launch: north-hwanghae, aim: busan, rcs: 0.1m2}
EOF
expect_exit 2 "misspelt missile" -- run typo.yaml -o bad1
expect_err "did you mean" "nearest-name suggestion"
[ -e bad1 ] && bad "a failed run wrote its output directory" || ok
ls -a | grep -q partial && bad "a failed run left a temporary directory" || ok

# --homing: ideal homing misses by 0 m; realistic homing (lag and seeker
# noise, the catalog's estimates) by a few centimetres, inside the 0.5 m
# lethal radius; the Monte Carlo reports the miss distribution; bad value: 2.
expect_exit 0 "homing ideal" -- run --runs 1 --homing ideal --json
python3 -c 'import json; t=json.load(open("out.txt"))["threats"][0]; assert t["miss_distance_m"] == 0, t' && ok || bad "ideal homing miss"
expect_exit 0 "homing realistic" -- run --runs 20 --seed 3 --homing realistic --json
python3 - <<'PY' && ok || bad "realistic homing miss"
import json
d = json.load(open("out.txt"))
t = d["threats"][0]
assert 0 < t["miss_distance_m"] < 0.5, t
m = d["monte_carlo"]
assert 0 < m["miss_distance_m_median"] <= m["miss_distance_m_p90"] < 0.5, m
PY
expect_exit 2 "homing bad" -- run --homing perfect
expect_err "expected ideal or realistic" "homing bad"

# Exports end when the object ends: the default scenario's Nodong is killed
# (run-summary.json); no position of it after the kill time in run.czml
# (times have 3 decimals: tolerance 1 ms), run-trajectories.csv ends at the
# kill, and the KML line's last height is the intercept height (rows are 1 s
# apart; the last is interpolated linearly to the kill time, which departs
# from the ballistic arc by at most g dt^2 / 8 = 1.2 m: tolerance 50 m).
# Event labels are shown for 30 s after their event, then hidden.
python3 - <<'PY' || bad "killed threat exported after its kill"
import csv, json, re
s = json.load(open("res/run-summary.json"))
t = [x for x in s["threats"] if x["outcome"] == "intercepted"]
assert t, "default scenario: nothing intercepted"
name, tk, hk = t[0]["name"], t[0]["intercept_time_s"], t[0]["intercept_alt_m"]
doc = json.load(open("res/run.czml"))
p = [q for q in doc if q.get("name") == name and "position" in q
     and "epoch" in q["position"]]
assert len(p) == 1, [q.get("name") for q in doc]
cd = p[0]["position"]["cartographicDegrees"]
assert max(cd[0::4]) <= tk + 1e-3, (max(cd[0::4]), tk)
assert abs(max(cd[0::4]) - tk) <= 1e-3, "the path stops before the kill"
rows = [r for r in csv.DictReader(l for l in open("res/run-trajectories.csv") if l[0] != "#") if r["object"] == name]
assert abs(max(float(r["t_s"]) for r in rows) - tk) <= 1e-3, rows[-1]
kml = open("res/run.kml").read()
m = re.search(r"<name>" + re.escape(name) + r"</name>.*?<coordinates>(.*?)</coordinates>", kml, re.S)
last = m.group(1).split()[-1].split(",")
assert abs(float(last[2]) - hk) <= 50.0, (last, hk)
labels = [q for q in doc if q["id"].startswith("point/") and "availability" in q]
assert labels, "no timed event points"
for q in labels:
    shows = q["label"]["show"]
    assert shows[0]["boolean"] is True, shows
    a, b = shows[0]["interval"].split("/")
    assert a == q["availability"].split("/")[0], (a, q["availability"])
PY

finish
