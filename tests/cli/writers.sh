#!/bin/sh
# Command-line tests of the exports: KML well-formed (xmllint --noout, from
# libxml2-utils) with the required elements, CZML valid JSON with the packet
# structure Cesium needs, for the golden scene and for real runs of
# `bmdsim coverage -o` and `bmdsim visibility -o`.
GOLDEN=$(cd "$(dirname "$0")/../data/golden" && pwd)
. "$(dirname "$0")/lib.inc"

if command -v xmllint >/dev/null 2>&1; then HAVE_XMLLINT=1; else HAVE_XMLLINT=0; fi
[ "$HAVE_XMLLINT" -eq 1 ] || echo "note: xmllint missing (scripts/setup installs libxml2-utils)" >&2

# check_kml FILE ELEMENT...: well-formed and each <ELEMENT> present.
check_kml() {
    f=$1; shift
    if [ "$HAVE_XMLLINT" -eq 1 ]; then
        if xmllint --noout "$f" 2>xml.txt; then ok; else bad "$f: not well-formed: $(head -3 xml.txt)"; fi
    fi
    grep -q '<kml xmlns="http://www.opengis.net/kml/2.2">' "$f" && ok || bad "$f: no KML 2.2 root"
    for el in Document Placemark coordinates "$@"; do
        grep -q "<$el[ >]" "$f" && ok || bad "$f: no <$el>"
    done
}

# check_czml FILE: a JSON array, document packet first with version, unique
# ids, availability start <= end, time-tagged positions in fours.
check_czml() {
    python3 - "$1" <<'PY' && ok || bad "$1: CZML structure"
import json, sys
from datetime import datetime
def t(s):
    assert s.endswith("Z"), s
    return datetime.fromisoformat(s[:-1] + "+00:00")
d = json.load(open(sys.argv[1]))
assert isinstance(d, list) and d[0]["id"] == "document" and d[0]["version"] == "1.0"
ids = [p["id"] for p in d]
assert len(ids) == len(set(ids)), "ids unique"
a, b = d[0]["clock"]["interval"].split("/")
assert t(a) <= t(d[0]["clock"]["currentTime"]) <= t(b)
for p in d[1:]:
    if "availability" in p:
        a, b = p["availability"].split("/")
        assert t(a) <= t(b), p["id"]
    pos = p.get("position", {})
    if "epoch" in pos:
        c = pos["cartographicDegrees"]
        assert len(c) % 4 == 0 and len(c) >= 8, p["id"]
        assert all(c[i] < c[i + 4] for i in range(0, len(c) - 4, 4)), "times increase"
        assert all(-180 <= c[i] <= 180 and -90 <= c[i + 1] <= 90 for i in range(1, len(c), 4))
PY
}

# The golden scene of tests/export/test_io_writers.c.
check_kml "$GOLDEN/scene.kml" LineString Polygon Point Folder Style
check_czml "$GOLDEN/scene.czml"

# bmdsim coverage -o: scenario.kml beside coverage.geojson.
mkdir cov
expect_exit 0 "coverage export" -- coverage --radar an-tpy2 --site seongju --boresight 325deg \
    --rcs 0.01m2 --altitude 100km --rays 60 --samples 10 -o cov
check_kml cov/coverage.kml Polygon Point outerBoundaryIs
[ "$(ls cov | grep -c '\.[A-Za-z0-9]\{6\}$')" -eq 0 ] && ok || bad "coverage: temporary files left"

# bmdsim visibility -o: the trajectory in 3-D, its visible arc, the events.
mkdir vis
expect_exit 0 "visibility export" -- visibility --radar an-tpy2 --site seongju --boresight 325deg \
    --missile nodong --from north-hwanghae --to busan --dt 5s -o vis
check_kml vis/visibility.kml LineString Point
grep -q "<altitudeMode>absolute</altitudeMode>" vis/visibility.kml && ok || bad "3-D trajectory"
grep -q "visible to the radar 1</name>" vis/visibility.kml && ok || bad "visible arc in KML"
check_czml vis/visibility.czml
python3 - <<'PY' || bad "visibility CZML content"
import json
d = json.load(open("vis/visibility.czml"))
kinds = [p["id"].split("/")[0] for p in d]
assert kinds.count("path") == 2, kinds      # the trajectory and its visible arc
assert kinds.count("point") == 4, kinds     # launch, first detection, impact, radar
c = [p for p in d if "position" in p and "epoch" in p["position"]][0]
assert max(c["position"]["cartographicDegrees"][3::4]) > 100e3  # apogee above 100 km
PY

# Bad output directory: exit 2, one line, nothing written.
touch afile
expect_exit 2 "visibility -o missing dir" -- visibility --radar an-tpy2 --site seongju \
    --boresight 325deg --missile nodong --from north-hwanghae --to busan -o afile/at/all
expect_err "not a directory" "visibility -o message"

finish
