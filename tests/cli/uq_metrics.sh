#!/bin/sh
# The footprint and visibility metrics of the metric registry
# (defended_area_km2, defended:SITE, seen_s; include/bmd/metric.h) against
# the commands they stand for: `bmdsim sweep` at a parameter value must give
# what `bmdsim footprint SCENARIO --resolution 20km` and `bmdsim visibility`
# give for the same set-up (the same code path: tolerance 1e-9 relative on
# the area, exact on the 0/1 verdicts and the 1 s-sampled seen time).
. "$(dirname "$0")/lib.inc"

S="$BMD_DATA_DIR/scenarios/default.yaml"

# Bad input: a site the catalog does not have, with a suggestion; no site.
expect_exit 2 "unknown site" -- sweep --vary interceptors.thaad.pk=0.8:0.8:1 --metric defended:seol
expect_err "unknown site 'seol' (did you mean 'seoul'?)" "unknown site"
expect_exit 2 "no site" -- sweep --vary interceptors.thaad.pk=0.8:0.8:1 --metric defended
expect_err "name a site" "no site"
expect_exit 2 "bad resolution" -- sweep --vary interceptors.thaad.pk=0.8:0.8:1 --metric defended_area_km2 --resolution 0.1km
expect_err "resolution" "bad resolution"
expect_exit 2 "unknown country" -- sweep --vary interceptors.thaad.pk=0.8:0.8:1 --metric defended_fraction:KOX
expect_err "no country 'KOX' in the land data (did you mean 'KOR'?)" "unknown country"

# Footprint metrics at reaction times 10 s and 60 s.
expect_exit 0 "sweep of footprint metrics" -- sweep "$S" --vary batteries.seongju.reaction_time=10s:60s:2 \
    --metric defended_area_km2,defended:busan,defended:seoul,defended:daegu,defended_fraction:KOR,defended_population \
    --json --threads 2
cp out.txt sweep.json
for r in 10 60; do
    expect_exit 0 "footprint --reaction ${r}s" -- footprint "$S" --reaction ${r}s --resolution 20km \
        --check busan,seoul,daegu --json --no-progress
    cp out.txt fp$r.json
done
python3 - <<'PY' || bad "footprint metrics differ from bmdsim footprint"
import json
sw = json.load(open("sweep.json"))["points"]
for pt, r in zip(sw, (10, 60)):
    assert pt["x"][0] == r, pt["x"]
    fp = json.load(open("fp%d.json" % r))
    a, b = pt["defended_area_km2"]["value"], fp["defended_area_km2"]
    assert abs(a - b) <= 1e-9 * b, (r, a, b)
    for site in ("busan", "seoul", "daegu"):
        v = pt["defended:" + site]["value"]
        assert v == (1 if fp["checks"][site]["defended"] else 0), (r, site, v)
    # land and population: the metrics equal the footprint's JSON (exact:
    # the same computation), and the JSON adds up (1e-9 relative)
    assert pt["defended_fraction:KOR"]["value"] == fp["land"]["KOR"]["fraction"]
    assert pt["defended_population"]["value"] == fp["population"]["defended"]
    k = fp["land"]["KOR"]
    assert abs(k["fraction"] - k["defended_km2"] / k["area_km2"]) <= 1e-12
    assert k["defended_km2"] <= k["region_km2"] <= k["area_km2"] * (1 + 1e-9)
    assert sum(c["defended_km2"] for c in fp["land"].values()) <= fp["defended_area_km2"] * (1 + 1e-9)
    pl = fp["population"]["places"]
    assert abs(sum(p["pop"] for p in pl if p["defended"]) - fp["population"]["defended"]) <= 1e-9 * fp["population"]["defended"]
    assert abs(sum(p["pop"] for p in pl) - fp["population"]["total_in_region"]) <= 1e-9 * fp["population"]["total_in_region"]
    assert any(p["name"] == "Seoul" and p["country"] == "KOR" for p in pl)
# the longer reaction time must not defend more (a later first launch)
assert sw[1]["defended_area_km2"]["value"] <= sw[0]["defended_area_km2"]["value"]
PY

# seen_s against `bmdsim visibility` with the scenario's radar (an-tpy2 at
# seongju facing 322 deg) and threat, at two RCS values.
expect_exit 0 "sweep of seen_s" -- sweep "$S" --vary threats.nodong-1.rcs=0.0001m2:0.1m2:2 --metric seen_s --json
cp out.txt seen.json
for rcs in 0.0001m2 0.1m2; do
    expect_exit 0 "visibility --rcs $rcs" -- visibility --radar an-tpy2 --site seongju --boresight 322deg \
        --missile nodong --from north-hwanghae --to busan --rcs $rcs --json
    cp out.txt vis-$rcs.json
done
python3 - <<'PY' || bad "seen_s differs from bmdsim visibility"
import json
sw = json.load(open("seen.json"))["points"]
for pt, rcs in zip(sw, ("0.0001m2", "0.1m2")):
    v = json.load(open("vis-%s.json" % rcs))["track_duration_s"]
    assert pt["seen_s"]["value"] == v, (rcs, pt["seen_s"]["value"], v)
# a smaller target is seen for no longer (radar range equation: range ~ RCS^(1/4))
assert sw[0]["seen_s"]["value"] <= sw[1]["seen_s"]["value"]
PY

finish
