#!/bin/sh
# Command-line tests of `bmdsim footprint`: bad input, the JSON summary and
# checks, footprint.geojson rings, thread independence, interrupt and resume.
. "$(dirname "$0")/lib.inc"

# Bad input: one line on stderr, exit 2.
expect_exit 2 "region lat0 > lat1" -- footprint --region 37,127,35,129 --resolution 20km
expect_err "region" "region lat0 > lat1"
expect_exit 2 "resolution 0" -- footprint --resolution 0km
expect_err "resolution" "resolution 0"
expect_exit 2 "open launch polygon" -- footprint --launch "38.5,125.5;38.9,126.0;38.2,126.2" --resolution 50km
expect_err "not closed" "open launch polygon"
expect_exit 2 "unknown check site" -- footprint --check seoul,busna --resolution 50km
expect_err "busna" "unknown check site"
expect_exit 2 "bad doctrine" -- footprint --doctrine shoot-shoot --resolution 50km
expect_err "doctrine" "bad doctrine"

# The default case at a coarse resolution with checks and files.
mkdir a b
expect_exit 0 "footprint json" -- footprint --battery thaad --site seongju --radar an-tpy2 \
    --boresight 325deg --threat nodong --launch north-hwanghae --resolution 30km \
    --check seoul,busan,pyeongtaek --threads 1 --no-progress -o a --json
cp out.txt a.json
python3 - <<'PY' || bad "footprint JSON and GeoJSON"
import json, csv
o = json.load(open("a.json"))
for k in ("defended_area_km2", "cells", "defended_cells", "checks"):
    assert k in o, k
assert o["cells"] == o["rows"] * o["cols"]
assert 0 < o["defended_cells"] < o["cells"], o["defended_cells"]
for s in ("seoul", "busan", "pyeongtaek"):
    c = o["checks"][s]
    assert isinstance(c["defended"], bool)
    # an intercept altitude exactly when defended, inside THAAD's 40-150 km
    assert (c["intercept_alt_m"] is not None) == c["defended"], (s, c)
    if c["defended"]:
        assert 40e3 <= c["intercept_alt_m"] <= 150e3, c
rows = list(csv.DictReader(l for l in open("a/footprint.csv") if l[0] != "#"))
assert len(rows) == o["cells"]
assert sum(r["defended"] == "1" for r in rows) == o["defended_cells"]
g = json.load(open("a/footprint.geojson"))
mp = [f for f in g["features"] if f["geometry"]["type"] == "MultiPolygon"][0]
def area(r):
    return 0.5 * sum(r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1] for i in range(len(r) - 1))
n = 0
for poly in mp["geometry"]["coordinates"]:
    for i, ring in enumerate(poly):
        assert ring[0] == ring[-1] and len(ring) >= 4   # closed
        assert (area(ring) > 0) == (i == 0)             # RFC 7946: exterior CCW, holes CW
        n += 1
assert n > 0
PY
# Thread count does not change the raster (byte-identical).
expect_exit 0 "footprint 2 threads" -- footprint --resolution 30km --threads 2 --no-progress -o b
same_but_provenance a/footprint.csv b/footprint.csv && ok || bad "raster differs between 1 and 2 threads"

# Interrupt and resume: a direct-method run on a small region in chunks of 2
# cells is stopped by SIGINT once its first chunk is on disk, resumed, and
# compared with an uninterrupted run.
REG="--region 35.3,127.6,36.3,128.9 --resolution 25km --method direct --chunk 2 --threads 1 --no-progress"
mkdir full part
expect_exit 0 "uninterrupted" -- footprint $REG -o full
"$BMDSIM" footprint $REG -o part >part.out 2>part.err &
pid=$!
i=0
while [ ! -f part/footprint-partial/chunk-000000.bin ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
kill -INT $pid 2>/dev/null
wait $pid
st=$?
if [ $st -eq 0 ]; then
    echo "note: the run finished before the signal; resume checked on a complete run" >&2
    ok
else
    [ $st -eq 1 ] && ok || bad "interrupted run: exit $st, want 1"
    grep -q "resume" part.err && ok || bad "interrupted run: no resume hint: $(cat part.err)"
    [ ! -f part/footprint.csv ] && ok || bad "interrupted run wrote footprint.csv"
    ls part/footprint-partial/chunk-*.bin >/dev/null 2>&1 && ok || bad "no chunks kept"
    expect_exit 0 "resume" -- footprint $REG --resume part
fi
same_but_provenance full/footprint.csv part/footprint.csv && ok || bad "resumed raster differs from the uninterrupted one"
[ ! -d part/footprint-partial ] && ok || bad "partial chunks left after completion"
expect_exit 2 "resume without a run" -- footprint $REG --resume full
expect_err "no interrupted run" "resume without a run"

# ---- SCENARIO: the defaults from a scenario file ---------------------------------
# (a) data/scenarios/default.yaml gives the same figures as the options that
# spell it out (its battery, radar, threat and fire-control values; the
# radar's boresight 322 deg and the RV's RCS 0.1 m2 differ from footprint's
# own defaults). Identical inputs, identical deterministic computation: the
# figures must agree exactly (no tolerance).
SCN="$BMD_DATA_DIR/scenarios/default.yaml"
COARSE="--region 35,126,37.5,129.5 --resolution 40km --check seoul,busan,pyeongtaek --threads 1 --no-progress --json"
expect_exit 0 "scenario footprint" -- footprint "$SCN" $COARSE
cp out.txt scn.json
expect_exit 0 "explicit footprint" -- footprint --battery thaad --site seongju --radar an-tpy2 \
    --boresight 322deg --revisit 1s --threat nodong --launch north-hwanghae --shape min-energy \
    --rcs 0.1m2 --doctrine shoot-look-shoot --reaction 10s --kill-assessment 10s $COARSE
cp out.txt exp.json
python3 - <<'PY' || bad "scenario and explicit options differ"
import json
s, e = json.load(open("scn.json")), json.load(open("exp.json"))
for k in ("battery", "site", "threat", "launch", "shape", "doctrine", "cells",
          "defended_cells", "unreached_cells", "defended_area_km2", "checks"):
    assert s[k] == e[k], (k, s[k], e[k])
assert s["doctrine"] == "shoot-look-shoot" and s["launch"] == "north-hwanghae", s
assert 0 < s["defended_cells"] < s["cells"], s["defended_cells"]  # not a vacuous comparison
PY
# (b) an explicit option overrides the scenario's: a 200 s reaction time
# (instead of 10 s) leaves fewer defended cells and Busan, defended with the
# file's 10 s, undefended.
expect_exit 0 "scenario with --reaction 200s" -- footprint "$SCN" $COARSE --reaction 200s
python3 - <<'PY' || bad "--reaction does not override the scenario"
import json
s, o = json.load(open("scn.json")), json.load(open("out.txt"))
assert s["checks"]["busan"]["defended"] is True, s["checks"]["busan"]
assert o["checks"]["busan"]["defended"] is False, o["checks"]["busan"]
assert o["defended_cells"] < s["defended_cells"], (o["defended_cells"], s["defended_cells"])
PY
# (c) a bad scenario file: exit 2, one line naming the file; a missing one too.
printf 'name: broken\nbatteries: [\n' >bad.yaml
expect_exit 2 "malformed scenario" -- footprint bad.yaml --resolution 50km
expect_err "bad.yaml" "malformed scenario"
expect_exit 2 "missing scenario" -- footprint no-such.yaml --resolution 50km
expect_err "no-such.yaml" "missing scenario"

# ---- (d) the denied launch area agrees with the forward footprint -----------------
# The denied map of Busan on a 1 deg x 1 deg region of launch points around
# north-hwanghae at 25 km (20 cells). A 240 s reaction time puts the edge of
# the denied area inside this region (with 10 s every cell is denied). For a
# denied cell and cells that are not, the forward footprint from that cell's
# centre (--launch LAT,LON) with --check busan must give the same answer:
# both maps apply the same per-(launch, aim) decision rule of the library to
# the same pair of points, so they must agree exactly. (The CSV gives the
# centres to 1e-6 deg, about 0.1 m; checked with both the fast and the
# direct method, the agreement holds for all 20 cells of this region.)
mkdir den
expect_exit 0 "denied busan" -- footprint --denied busan --region 38,125.25,39,126.25 \
    --resolution 25km --reaction 240s --threads 1 --no-progress -o den
# footprint-denied.csv: row,col,lat_deg,lon_deg,state,defended,... one line per cell,
# row-major from the south-west corner; lat/lon are the cell centre.
picks=$(python3 - <<'PY'
import csv
rows = list(csv.DictReader(l for l in open("den/footprint-denied.csv") if l[0] != "#"))
yes = [r for r in rows if r["defended"] == "1"]
no = [r for r in rows if r["defended"] == "0"]
pick = yes[:1] + no[:2] if no else yes[:2]
for r in pick:
    print("%s,%s:%s" % (r["lat_deg"], r["lon_deg"], r["defended"]))
PY
)
[ -n "$picks" ] && ok || bad "footprint-denied.csv: no cells picked"
nden=0
for p in $picks; do
    ll=${p%:*}
    dwant=${p#*:} # not "want"/"got": expect_exit sets those
    [ "$dwant" = 1 ] && nden=$((nden + 1))
    expect_exit 0 "forward from $ll" -- footprint --launch "$ll" --check busan --reaction 240s \
        --region 35,128.9,35.2,129.1 --resolution 20km --threads 1 --no-progress --json
    fwd=$(python3 -c 'import json; print(int(json.load(open("out.txt"))["checks"]["busan"]["defended"]))')
    [ "$fwd" = "$dwant" ] && ok || bad "launch $ll: forward busan defended=$fwd, denied raster $dwant"
done
[ "$nden" -ge 1 ] && ok || bad "footprint-denied.csv: no denied cell to compare"

# -o also writes footprint.kml (footprint polygon, sites, radar fan); --plot
# draws the map (PNG of the default 1000x700); --plot without -o draws the
# map alone into the current directory.
mkdir pic
expect_exit 0 "footprint picture" -- footprint --region 34,126,38,130 --resolution 40km \
    --check busan --no-progress -o pic --plot
[ -s pic/footprint.kml ] && ok || bad "footprint: no footprint.kml"
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout pic/footprint.kml && ok || bad "footprint.kml not well-formed"
fi
grep -q "<Polygon>" pic/footprint.kml && ok || bad "footprint.kml lacks the polygon"
python3 -c '
import struct
b = open("pic/footprint-map.png", "rb").read()
assert b[:8] == b"\x89PNG\r\n\x1a\n"
assert struct.unpack(">II", b[16:24]) == (1000, 700)
' && ok || bad "footprint-map.png is not a 1000x700 PNG"
mkdir here && cd here
expect_exit 0 "footprint plot without -o" -- footprint --resolution 40km --plot --no-progress
[ -s footprint-map.png ] && [ ! -e footprint.csv ] && [ ! -e footprint.kml ] && ok || bad "footprint plot without -o wrote: $(ls | tr '\n' ' ')"
cd ..
expect_exit 2 "footprint bad plot format" -- footprint --resolution 40km -o pic --plot --plot-format gif

finish
