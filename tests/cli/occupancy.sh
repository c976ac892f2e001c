#!/bin/sh
# Radar time budgets over time (issue 16, item 4): `bmdsim run -o DIR`
# writes run-occupancy.csv (each radar's demand and occupancy every second,
# recorded at the radars' scheduling step, bmd_eng_occ_row) and with --plot
# run-occupancy.png. On data/scenarios/saturation.yaml (50 Nodong 3 s
# apart; the AN/TPY-2 with a time budget, 30 % search, 100 ms track dwells
# every 1 s: docs/models/engage.md "Radar time budget") the demand is
# 0.3 + 0.1 x tracks exactly (the model's definition), exceeds 1 while the
# raid is in the air, and the occupancy is the demand capped at 1; without a
# budget (the default scenario) the occupancy is the demand. Tolerances: 1e-9
# on these identities (the CSV holds 6 decimals of values that are sums of
# tenths: 5e-7 would do; they are exact sums in binary to 1e-15).
. "$(dirname "$0")/lib.inc"
SAT="$BMD_DATA_DIR/scenarios/saturation.yaml"

expect_exit 0 "saturation run" -- run "$SAT" --runs 1 --seed 1 -o sat --plot --json
grep -qx "bmdsim: wrote sat/run-occupancy.csv" err.txt && ok || bad "run-occupancy.csv not listed"
grep -qx "bmdsim: wrote sat/run-occupancy.png" err.txt && ok || bad "run-occupancy.png not listed"
python3 - out.txt sat/run-occupancy.csv <<'PY' && ok || bad "saturation occupancy series"
import csv, json, sys
summary = json.load(open(sys.argv[1]))
lines = open(sys.argv[2]).read().splitlines()
assert lines[0].startswith("# bmdsim "), "no provenance line"
assert lines[1] == "t_s,radar,tracks,demand,occupancy", lines[1]
rows = list(csv.DictReader(lines[1:]))
assert rows and all(r["radar"] == "tpy2" for r in rows)
t = [float(r["t_s"]) for r in rows]
assert all(b - a >= 1.0 - 1e-6 for a, b in zip(t, t[1:])), "not one row per second at most"
peak = None
for r in rows:
    n, d, o = int(r["tracks"]), float(r["demand"]), float(r["occupancy"])
    assert abs(d - (0.3 + 0.1 * n)) < 1e-9, r          # demand = f + N tau / T
    assert abs(o - min(d, 1.0)) < 1e-9, r              # capped at the budget
    if peak is None or d > float(peak["demand"]):
        peak = r
dmax = float(peak["demand"])
assert dmax > 1.0, "the raid never over-subscribes the face"
over = [float(r["t_s"]) for r in rows if float(r["demand"]) > 1.0]
assert len(over) >= 10, f"demand above 1 for only {len(over)} s"
# while the raid is in the air: between the first launch (t = 0) and the
# last warhead's end (intercept or impact)
ends = [max(x["intercept_time_s"] or 0, x["impact_time_s"] or 0) for x in summary["threats"]]
assert 0.0 <= min(over) and max(over) <= max(ends) + 1.0, (min(over), max(over), max(ends))
# the summary's maxima (taken at every cycle) bound the sampled ones
assert summary["radar_occupancy_max"]["tpy2"] == 1.0
assert dmax <= summary["radar_demand_max"]["tpy2"] + 5e-5
PY
python3 - sat/run-occupancy.png <<'PY' && ok || bad "run-occupancy.png is not a 1000x700 PNG"
import struct, sys
b = open(sys.argv[1], "rb").read()
assert b[:8] == b"\x89PNG\r\n\x1a\n" and b[12:16] == b"IHDR"
assert struct.unpack(">II", b[16:24]) == (1000, 700) and len(b) > 10000
PY
# the default scenario: no time budget, so occupancy = demand (tracks x 10 %)
expect_exit 0 "default run" -- run --runs 1 -o def
python3 - def/run-occupancy.csv <<'PY' && ok || bad "default occupancy series"
import csv, sys
rows = list(csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith("#")))
assert rows
for r in rows:
    assert abs(float(r["occupancy"]) - float(r["demand"])) < 1e-9, r
    assert abs(float(r["demand"]) - 0.1 * int(r["tracks"])) < 1e-9, r
assert max(int(r["tracks"]) for r in rows) >= 1
PY
finish
