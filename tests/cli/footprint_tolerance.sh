#!/bin/sh
# The footprint's threat flights at the analysis integration tolerance (the
# default, bmd_traj_integrator_analysis) against the accurate one
# (--tolerance accurate): the default map at 8 km (5,700 cells). Bound
# (issue 13): the rasters agree on at least 99.9 % of the cells, and every
# cell that differs lies on the accurate raster's defended boundary (one of
# its 8 neighbours has the other state).
. "$(dirname "$0")/lib.inc"
ARGS="--resolution 8km --threads 2 --no-progress --json"
mkdir an ac
expect_exit 0 "analysis tolerance" -- footprint $ARGS -o an
expect_out '"tolerance":"analysis"' "the summary names the analysis tolerance"
expect_exit 0 "accurate tolerance" -- footprint $ARGS --tolerance accurate -o ac
expect_out '"tolerance":"accurate"' "the summary names the accurate tolerance"
expect_exit 2 "bad tolerance" -- footprint --tolerance sloppy
expect_err "tolerance" "bad tolerance"
python3 - an/footprint.csv ac/footprint.csv <<'PY' && ok || bad "analysis and accurate rasters disagree beyond the bound"
import csv, sys
def load(p):
    rows = csv.DictReader(l for l in open(p) if not l.startswith("#"))  # provenance line
    return {(int(r["row"]), int(r["col"])): int(r["defended"]) for r in rows}
an, ac = load(sys.argv[1]), load(sys.argv[2])
assert an.keys() == ac.keys() and len(an) == 5700, len(an)
diff = [k for k in an if an[k] != ac[k]]
def boundary(k):
    r, c = k
    return any(ac.get((r + i, c + j), ac[k]) != ac[k] for i in (-1, 0, 1) for j in (-1, 0, 1))
agree = 1.0 - len(diff) / len(an)
print("analysis vs accurate: %d of %d cells differ (agreement %.3f %%)" % (len(diff), len(an), 100 * agree))
assert agree >= 0.999, agree
assert all(boundary(k) for k in diff), [k for k in diff if not boundary(k)]
PY
finish
