#!/bin/sh
# Command-line tests of `bmdsim trajectory`: outputs and bad-input handling.
. "$(dirname "$0")/lib.inc"

# The minimum-energy 1000 km case of Bate, Mueller & White (1971) ch. 6
# (REFERENCES.md): 3.0161 km/s at 42.752 deg on the non-rotating sphere gives
# 1000 km, apogee 239.9 km, 7.91 min; tolerance 0.05 % (range), 0.2 % (others).
expect_exit 0 "impulsive BMW case" -- trajectory --impulsive 3.0161km/s --gamma 42.752deg \
    --from 0,0 --azimuth 90deg --earth sphere --no-rotation --json
python3 - <<'PY' || bad "BMW 1000 km values"
import json
s = json.load(open("out.txt"))
def near(x, ref, rel, what):
    assert abs(x - ref) <= rel * abs(ref), f"{what}: {x} vs {ref}"
near(s["range_m"], 1000e3, 5e-4, "range")
near(s["apogee_alt_m"], 239.9e3, 2e-3, "apogee")
near(s["flight_time_s"], 7.91 * 60, 2e-3, "time")
PY

# Targeted Nodong shot: lands on Busan (targeting tolerance 10 m by default;
# here checked at 100 m, the issue's requirement) and writes its CSV.
expect_exit 0 "nodong to busan" -- trajectory --missile nodong --from north-hwanghae --to busan \
    --json -o nodong
python3 - <<'PY' || bad "nodong json/csv"
import json, csv
s = json.load(open("out.txt"))
for k in ("range_m", "apogee_alt_m", "flight_time_s", "burnout_time_s", "burnout_speed_mps",
          "burnout_alt_m", "burnout_gamma_deg", "impact_lat_deg", "impact_lon_deg",
          "impact_speed_mps", "max_decel_mps2", "launch_azimuth_deg"):
    assert k in s, k
assert s["aim_miss_m"] < 100, s["aim_miss_m"]
rows = list(csv.DictReader(l for l in open("nodong/trajectory.csv") if l[0] != "#"))
assert rows[0].keys() >= {"t_s", "lat_deg", "lon_deg", "alt_m", "speed_mps", "gamma_deg", "mach",
                          "accel_mps2", "stage"}
assert len(rows) > 100
ts = [float(r["t_s"]) for r in rows]
assert ts == sorted(ts)
PY
expect_exit 0 "human output" -- trajectory --missile nodong --from north-hwanghae --to busan
expect_out "apogee" "human output has apogee"
expect_out "impact" "human output has impact"

# Regression (issue 11, 2026-12-04): steep ICBM lofts. Earth rotation carries
# the impact of a near-vertical flight sideways by a large fraction of its
# range, so the impact azimuth turns about 1.6 times as fast as the launch
# azimuth; the fixed-point azimuth iteration oscillated and left a 400 m miss
# at a 2,802 km apogee (the 4 Jul 2017 Hwasong-14 test apogee, Japan MOD /
# D. Wright, UCS 2017). Checked: lands within the default 10 m and the apogee
# within 200 m (the kick solve's 50 m, APOGEE_FTOL_M in src/traj/target.c,
# plus the final cut-off re-solve).
expect_exit 0 "hwasong-14 lofted 2802 km" -- trajectory --missile hwasong-14 --from 40.0,125.3 \
    --to 40.21441,136.27390 --shape lofted --apogee 2802km --json
python3 - <<'PY' || bad "hwasong-14 2802 km loft values"
import json
s = json.load(open("out.txt"))
assert s["aim_miss_m"] <= 10.0, s["aim_miss_m"]
assert abs(s["apogee_alt_m"] - 2802e3) <= 200.0, s["apogee_alt_m"]
PY
# The 28 Jul 2017 geometry (998 km range, 3,725 km apogee, 47 min; Japan MOD,
# D. Wright, UCS 2017): from Mupyong-ni (about 40.61N 126.43E) toward the
# splash-down area west of Hokkaido, the aim point placed 998.0 km away.
# It failed with "no longer reachable after the azimuth correction": the
# branch ends move with the azimuth and the kept kick bounds went stale.
expect_exit 0 "hwasong-14 lofted 3725 km at 998 km" -- trajectory --missile hwasong-14 \
    --from 40.61,126.43 --to 41.56670,138.24993 --shape lofted --apogee 3725km --json
python3 - <<'PY' || bad "hwasong-14 3725 km loft values"
import json
s = json.load(open("out.txt"))
assert s["aim_miss_m"] <= 10.0, s["aim_miss_m"]
assert abs(s["aim_range_m"] - 998e3) <= 1e3, s["aim_range_m"]
# 200 m: the kick solve matches the apogee to 50 m (APOGEE_FTOL_M), the
# final cut-off re-solve at the turned azimuth moves it by tens of metres
assert abs(s["apogee_alt_m"] - 3725e3) <= 200.0, s["apogee_alt_m"]
PY
# An example of `bmdsim trajectory --help`: along 45 deg from Pyongyang the
# Earth's rotation lets the Hwasong-15 fly past the antipode, so there is no
# maximum range; it exited 1. Now: exit 0, the last flight before half way
# round, and a note saying why.
expect_exit 0 "hwasong-15 azimuth 45 (help example)" -- trajectory --missile hwasong-15 \
    --from pyongyang --azimuth 45deg --json
python3 - <<'PY' || bad "hwasong-15 azimuth 45 note"
import json
s = json.load(open("out.txt"))
if "note" in s:
    assert "antipode" in s["note"], s["note"]
    assert s["range_m"] <= 20040e3, s["range_m"]  # half the WGS84 meridian, with margin
PY
# A request above the highest apogee at the range: a clear reason, exit 2.
expect_exit 2 "loft above the highest" -- trajectory --missile nodong --from north-hwanghae \
    --to busan --shape lofted --apogee 5000km
expect_err "above the highest" "unreachable loft names the highest apogee"

# Bad input: one line on stderr, exit 2, nothing written.
expect_exit 2 "unknown missile" -- trajectory --missile nodon --from pyongyang --to busan
expect_err "did you mean 'nodong'" "unknown missile suggestion"
expect_exit 2 "unknown site" -- trajectory --missile nodong --from pyongyang --to busn
expect_err "did you mean 'busan'" "unknown site suggestion"
expect_exit 2 "malformed unit" -- trajectory --missile nodong --from pyongyang --to busan \
    --shape lofted --apogee 400kg
expect_err "apogee" "malformed unit names the option"
expect_exit 2 "out of reach" -- trajectory --missile scud-b --from pyongyang --to tokyo -o never
expect_err "beyond" "out-of-reach message"
[ ! -e never ] && ok || bad "out of reach left a file behind"
expect_exit 2 "unknown option" -- trajectory --misile nodong
expect_err "did you mean '--missile'" "unknown option suggestion"
expect_exit 2 "bad latitude" -- trajectory --missile nodong --from 95,0 --azimuth 0
expect_exit 0 "help" -- trajectory --help
expect_out "usage: bmdsim trajectory" "help text"
finish
