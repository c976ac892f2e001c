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
rows = list(csv.DictReader(open("a/footprint.csv")))
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
cmp -s a/footprint.csv b/footprint.csv && ok || bad "raster differs between 1 and 2 threads"

# Interrupt and resume: a direct-method run on a small region in chunks of 2
# cells is stopped by SIGINT once its first chunk is on disk, resumed, and
# compared with an uninterrupted run.
REG="--region 35.3,127.6,36.3,128.9 --resolution 25km --method direct --chunk 2 --threads 1 --no-progress"
mkdir full part
expect_exit 0 "uninterrupted" -- footprint $REG -o full
"$BMDSIM" footprint $REG -o part >part.out 2>part.err &
pid=$!
i=0
while [ ! -f part/partial/chunk-000000.bin ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
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
    ls part/partial/chunk-*.bin >/dev/null 2>&1 && ok || bad "no chunks kept"
    expect_exit 0 "resume" -- footprint $REG --resume part
fi
cmp -s full/footprint.csv part/footprint.csv && ok || bad "resumed raster differs from the uninterrupted one"
[ ! -d part/partial ] && ok || bad "partial chunks left after completion"
expect_exit 2 "resume without a run" -- footprint $REG --resume full
expect_err "no interrupted run" "resume without a run"

finish
