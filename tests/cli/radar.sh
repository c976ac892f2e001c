#!/bin/sh
# Command-line tests of `bmdsim coverage` and `bmdsim visibility`.
. "$(dirname "$0")/lib.inc"

# Range figures without a site. The an-tpy2-lewis-postol preset stands for
# Lewis & Postol (2012): about 870 km against 0.01 m2 (+-10 %, the issue's
# criterion for presets); R ~ sigma^(1/4) gives x3.1623 for x100 RCS.
expect_exit 0 "coverage range only" -- coverage --radar an-tpy2-lewis-postol --rcs 0.01m2 --json
r1=$(json_num track_range_m)
python3 -c "import sys; r=float(sys.argv[1]); assert abs(r-870e3) <= 87e3, r" "$r1" || bad "870 km claim"
expect_exit 0 "coverage dBsm" -- coverage --radar an-tpy2-lewis-postol --rcs 0dBsm --json
r2=$(json_num track_range_m)
python3 -c "import sys; a,b=map(float,sys.argv[1:]); assert abs(b/a-100**0.25) < 1e-6, b/a" "$r1" "$r2" \
    || bad "RCS^(1/4) scaling through the CLI"

# The peak-power worked example of REFERENCES.md given on the command line:
# 10 GHz, 1 MW, 10 us, 40 dB, 290 K, 3 dB loss, 6 dB SNR, 0.1 m2 -> 194.26 km (0.1 %).
expect_exit 0 "radar by parameters" -- coverage --frequency 10GHz --power-peak 1MW --pulse 10us \
    --gain 40dB --noise-temp 290K --loss 3dB --snr-required 6dB --rcs 0.1m2 --json
r3=$(json_num track_range_m)
python3 -c "import sys; r=float(sys.argv[1]); assert abs(r-194.26e3) <= 194.26, r" "$r3" \
    || bad "textbook radar through the CLI"

# Coverage map with files: GeoJSON rings closed, counter-clockwise exterior
# (RFC 7946 right-hand rule), coordinates [lon, lat] near the site.
mkdir cov
expect_exit 0 "coverage map" -- coverage --radar an-tpy2 --site seongju --boresight 325deg \
    --rcs 0.01m2 --altitude 100km --rays 90 --samples 40 -o cov --json
python3 - <<'PY' || bad "coverage.geojson structure"
import json
d = json.load(open("cov/coverage.geojson"))
assert d["type"] == "FeatureCollection"
poly = d["features"][0]["geometry"]
assert poly["type"] == "MultiPolygon" and poly["coordinates"]
for p in poly["coordinates"]:
    for k, ring in enumerate(p):
        assert ring[0] == ring[-1] and len(ring) >= 4
        area2 = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))
        assert (area2 > 0) == (k == 0), "exterior CCW, holes CW"
        for lon, lat in ring:
            assert 120 < lon < 140 and 28 < lat < 48, (lon, lat)
s = json.load(open("out.txt"))
for k in ("track_range_m", "search_range_m", "horizon_ground_range_m", "instrumented_range_m",
          "coverage_area_km2"):
    assert k in s, k
# 600 km instrumented limit, +-60 deg sector: at most a third of pi 600^2.
assert 0 < s["coverage_area_km2"] <= 3.1416 * 600**2 / 3 * 1.01, s["coverage_area_km2"]
PY
grep -v "^#" cov/coverage.csv | head -1 | grep -q "covered" && ok || bad "raster header"

# Bad input: exit 2, one line.
expect_exit 2 "unknown radar" -- coverage --radar an-tpy3
expect_err "did you mean" "unknown radar suggestion"
expect_exit 2 "boresight not an angle" -- coverage --site seongju --boresight 325km
expect_err "boresight" "boresight message"
expect_exit 2 "negative rcs" -- coverage --rcs -0.01m2
expect_err "rcs" "negative rcs message"
expect_exit 2 "impossible field of regard" -- coverage --half-width 200deg
expect_err "half" "field of regard message"
touch afile
expect_exit 2 "output under a file" -- coverage --site seongju --boresight 0 -o afile/at/all

# Visibility: a DF-41 from central China to Los Angeles is not seen by a
# terminal-mode radar at Seongju facing North Korea (the far side of the
# field of regard and beyond the 600 km window); the JSON says why.
expect_exit 0 "visibility" -- visibility --radar an-tpy2 --site seongju --boresight 325deg \
    --missile df-41 --from china-central --to los-angeles --rcs 0.01m2 --json
python3 - <<'PY' || bad "visibility json"
import json
s = json.load(open("out.txt"))
for k in ("visible", "first_detect_time_s", "track_duration_s", "min_slant_range_m", "max_snr_db", "arcs"):
    assert k in s, k
assert s["visible"] is False and s["arcs"] == []
PY
# A Nodong toward Busan flies past Seongju: visible, arcs consistent.
expect_exit 0 "visibility nodong" -- visibility --radar an-tpy2 --site seongju --boresight 325deg \
    --missile nodong --from north-hwanghae --to busan --json
python3 - <<'PY' || bad "visibility nodong json"
import json
s = json.load(open("out.txt"))
assert s["visible"] is True and len(s["arcs"]) >= 1
a = s["arcs"][0]
assert a["t_first_s"] == s["first_detect_time_s"] and a["t_last_s"] >= a["t_first_s"]
assert s["min_slant_range_m"] <= 600e3
PY
printf '# from to\nnorth-hwanghae busan\nsohae pyeongtaek nodong\n\nnorth-hwanghae seoul scud-c\n' >pairs.txt
expect_exit 0 "visibility pairs" -- visibility --site seongju --boresight 325deg --pairs pairs.txt \
    --missile nodong --json
python3 -c 'import json; d = json.load(open("out.txt")); assert len(d["trajectories"]) == 3' || bad "pairs"
printf 'north-hwanghae\n' >badpairs.txt
expect_exit 2 "malformed pairs" -- visibility --site seongju --boresight 325deg --pairs badpairs.txt \
    --missile nodong
expect_err "badpairs.txt:1:1" "pairs file position"
finish
