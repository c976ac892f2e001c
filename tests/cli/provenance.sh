#!/bin/sh
# Provenance in every output kind (cli/provenance.h, docs/formats.md
# "Provenance"): JSON and GeoJSON carry a "provenance" member, KML the
# Document's ExtendedData, CZML the document packet's properties, CSV a first
# comment line "# bmdsim VERSION (commit C); command: ...", HTML a section.
# Each names the version, the commit, the full command line; scenario runs
# the SHA-256 of the scenario's bytes (checked here against Python's hashlib,
# FIPS 180-4), the seed and the catalog entries used.
SRC=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.inc"
V=$("$BMDSIM" --version | sed 's/^bmdsim //; s/ .*//')
# the commit --version names (read at build time, scripts/git-commit.cmake)
C=$("$BMDSIM" --version | sed -n 's/.*(commit \(.*\))$/\1/p')
[ -n "$C" ] && ok || bad "--version names no commit: $("$BMDSIM" --version)"

expect_exit 0 "run" -- run --runs 2 --seed 5 -o r
expect_exit 0 "run file" -- run "$BMD_DATA_DIR/scenarios/raid.yaml" --runs 1 -o rf
expect_exit 0 "coverage" -- coverage --site seongju --boresight 325deg --rays 40 --samples 8 -o c
expect_exit 0 "visibility" -- visibility --site seongju --boresight 325deg --missile nodong \
    --from north-hwanghae --to busan --dt 10s -o v
expect_exit 0 "footprint" -- footprint --resolution 60km --check busan,seoul -o f
expect_exit 0 "trajectory" -- trajectory --missile nodong --from north-hwanghae --to busan -o t
expect_exit 0 "report" -- report --runs 2 -o h
python3 - "$V" "$BMD_DATA_DIR" "$C" <<'PY' || bad "provenance missing or wrong"
import csv, hashlib, json, re, sys
import xml.etree.ElementTree as ET
V, DATA, C = sys.argv[1], sys.argv[2], sys.argv[3]
def sha(p):
    return hashlib.sha256(open(p, "rb").read()).hexdigest()
def check(p, cmd, scenario=None, seed=None, entries=()):
    assert p["bmdsim_version"] == V, p
    assert p["git_commit"] == C, p
    assert p["command"] == cmd, (p["command"], cmd)
    if scenario:
        assert p["scenario_sha256"] == sha(scenario), (p, scenario)
    if seed is not None:
        assert int(p["seed"]) == seed, p
    cat = p["catalog"] if isinstance(p["catalog"], list) else p["catalog"].split(", ")
    for e in entries:
        assert e in cat, (e, cat)
def kml_meta(path):
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    doc = ET.parse(path).getroot().find("k:Document", ns)
    return {d.get("name"): d.find("k:value", ns).text
            for d in doc.find("k:ExtendedData", ns).findall("k:Data", ns)}
def czml_meta(path):
    d = json.load(open(path))
    assert d[0]["id"] == "document"
    return d[0]["properties"]
def csv_line(path):
    first = open(path).readline()
    m = re.match(r"# bmdsim (\S+) \(commit ([^)]+)\); command: (.*?)(; |$)", first)
    assert m and m.group(1) == V and m.group(2) == C, first
    try:                                    # the documented way to read it
        import pandas as pd
        assert len(pd.read_csv(path, comment="#").columns) > 2
    except ImportError:                     # (a python3 without pandas)
        rows = list(csv.reader(l for l in open(path) if not l.startswith("#")))
        assert len(rows[0]) > 2 and len(rows) > 1
    return m.group(3)

run = "bmdsim run --runs 2 --seed 5 -o r"
dflt = DATA + "/scenarios/default.yaml"
ent = ("missile nodong", "radar an-tpy2", "interceptor thaad")
check(json.load(open("r/run-summary.json"))["provenance"], run, dflt, 5, ent)
check(kml_meta("r/run.kml"), run, dflt, 5, ent)
check(czml_meta("r/run.czml"), run, dflt, 5, ent)
for f in ("run-events.csv", "run-trajectories.csv", "run-tracks.csv"):
    assert csv_line("r/" + f) == run, f
raid = DATA + "/scenarios/raid.yaml"
check(json.load(open("rf/run-summary.json"))["provenance"],
      "bmdsim run %s --runs 1 -o rf" % raid, raid)

cov = "bmdsim coverage --site seongju --boresight 325deg --rays 40 --samples 8 -o c"
g = json.load(open("c/coverage.geojson"))
check(g["features"][0]["properties"]["provenance"], cov, entries=("radar an-tpy2",))
check(kml_meta("c/coverage.kml"), cov)
assert csv_line("c/coverage.csv") == cov

vis = ("bmdsim visibility --site seongju --boresight 325deg --missile nodong "
       "--from north-hwanghae --to busan --dt 10s -o v")
check(kml_meta("v/visibility.kml"), vis, entries=("missile nodong", "radar an-tpy2"))
check(czml_meta("v/visibility.czml"), vis)

fp = "bmdsim footprint --resolution 60km --check busan,seoul -o f"
props = json.load(open("f/footprint.geojson"))["features"][0]["properties"]
check(props["provenance"], fp, entries=("interceptor thaad", "missile nodong", "radar an-tpy2"))
for k in ("radar", "boresight_deg", "rcs_m2", "reaction_s", "checks", "doctrine"):
    assert k in props, k
assert set(props["checks"]) == {"busan", "seoul"}, props["checks"]
check(kml_meta("f/footprint.kml"), fp)
assert csv_line("f/footprint.csv") == fp

assert csv_line("t/trajectory.csv") == \
    "bmdsim trajectory --missile nodong --from north-hwanghae --to busan -o t"
h = open("h/report.html").read()
assert 'id="provenance"' in h and "command: <code>bmdsim report --runs 2 -o h</code>" in h
assert sha(dflt) in h
PY
finish
