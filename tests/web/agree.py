#!/usr/bin/env python3
"""agree.py: compare what a bmdsim command produced natively with what the
WebAssembly module produced for the same words (tests/web/wasm_agree.sh).

    agree.py NATIVE_DIR WASM_DIR [SOLVER_REL]

Both directories hold stdout.txt (the command's standard output) and the
files of its -o directory. The texts must be the same token for token; where
both tokens are numbers written with a decimal point or an exponent they may
differ by at most

    1e-9 * max(|a|, |b|)  +  one unit of the last decimal place written
                             (of the more precise of the two)

because the two builds call different C maths libraries (glibc natively,
musl in emscripten), whose sin, cos, atan2, exp, log and pow may differ in
the last bit (both claim < 1 ulp; neither is correctly rounded everywhere),
and an ODE solve carries such a difference along. Integers (cell states,
counts, exit codes) and every non-numeric text must be identical. The wall
time a footprint reports (seconds, cells_per_s) is left out. Prints how many
numbers were bit-identical and the largest relative difference of the rest.

SOLVER_REL (given for commands that target trajectories or solve for an
intercept) widens the tolerance: a last-bit difference of the maths library
changes the iterate at which a solver stops, and its answer then moves
anywhere inside the solver's stopping tolerance: the aim point to 10 m
(BMD_TRAJ_TARGET_TOL_M, include/bmd/traj.h), the lofted apogee to 50 m
(APOGEE_FTOL_M, src/traj/target.c), a footprint family node's aim to 20 m
(FP_NODE_TOL_M, src/analysis/footprint_internal.h), the intercept scan in
1 s steps (scan_dt_s) bisected to 1 ms. So, in the JSON answer and in CSV
columns, a number named *_m may differ by SOLVER_REL * max(|a|, |b|) + 10 m,
*_s by that + 1 s, *_deg by that + 1e-4 deg (10 m on the ground), any other
by SOLVER_REL * max(|a|, |b|); in other files (KML, CZML, GeoJSON of such
commands) only the text between numbers and the integers are compared (the
coordinates come from the same flights whose numbers are compared above).
Integers (cell states and counts) must always be identical, with one
exception: the footprint raster (footprint.csv) of such a command may differ
in cells on the defended region's boundary. A cell's verdict is a yes/no
taken from solves that stop anywhere inside their tolerance, so a cell whose
only intercept lies at the very edge of the interceptor's reach (or of the
radar's cue) can go either way on a last-bit difference; measured: at 25 km
and the footprint's analysis tolerance (rtol 1e-8), 1 of 600 cells differs
between glibc and musl, none at `--tolerance accurate`. So a cell may have
the other state only if a 4-neighbour in the native raster has that state
(it is on the boundary), and at most max(1, 1 %) of the native boundary
cells may do so; the numbers of such a row are not compared, defended_cells
in the JSON answer may differ by the flipped count, the areas and fractions
derived from the raster by the flipped cells' area (raster_numbers), and the
polygon files drawn from the raster (GeoJSON, KML) are not compared when a
cell flipped. Every other cell's numbers are compared as above.
"""
import json
import os
import re
import sys

REL = 1e-9
TIMING = ("seconds", "cells_per_s")
NUM = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def drop_timing(text):
    """stdout: drop the wall-time fields of a JSON answer (line by line)."""
    out = []
    for line in text.splitlines():
        try:
            o = json.loads(line)
        except ValueError:
            out.append(line)
            continue
        if isinstance(o, dict):
            for k in TIMING:
                o.pop(k, None)
        out.append(json.dumps(o, sort_keys=True))
    return "\n".join(out)


def last_unit(tok):
    mant, _, exp = tok.lower().partition("e")
    dec = len(mant.split(".")[1]) if "." in mant else 0
    return 10.0 ** (-dec + (int(exp) if exp else 0))


FLOOR = (("_m", 10.0), ("_s", 1.0), ("_deg", 1e-4))


def floor_of(key):
    for suffix, f in FLOOR:
        if key.endswith(suffix):
            return f
    return 0.0


def compare(a, b, where, stats, solver_rel, key=None, values=True):
    """Token-wise comparison of two texts (see the module's notes).
    key(i): the name of the i-th number (for the solver floors), or None."""
    pa, pb = NUM.split(a), NUM.split(b)
    na, nb = NUM.findall(a), NUM.findall(b)
    if pa != pb or len(na) != len(nb):
        return f"{where}: the texts differ outside numbers"
    for i, (x, y) in enumerate(zip(na, nb)):
        stats["numbers"] += 1
        if x == y:
            stats["identical"] += 1
            continue
        floaty = any(c in x + y for c in ".eE")
        if not floaty:
            return f"{where}: integer {x} != {y}"
        if not values:
            continue
        fx, fy = float(x), float(y)
        tol = max(REL, solver_rel) * max(abs(fx), abs(fy)) + min(last_unit(x), last_unit(y))
        if solver_rel > 0 and key is not None:
            tol += floor_of(key(i))
        d = abs(fx - fy)
        if d > tol:
            return f"{where}: {x} != {y} (difference {d:.3g} > tolerance {tol:.3g})"
        rel = d / max(abs(fx), abs(fy))
        stats["max_rel_at"] = where if rel > stats["max_rel"] else stats.get("max_rel_at")
        stats["max_rel"] = max(stats["max_rel"], rel)
    return None


def json_keys(text):
    """The key of each number of a one-line-per-object JSON text, in order."""
    keys = []

    def walk(o, k):
        if isinstance(o, dict):
            for kk, v in o.items():
                keys.extend([""] * len(NUM.findall(json.dumps(kk))))  # digits in a key
                walk(v, kk)
        elif isinstance(o, list):
            for v in o:
                walk(v, k)
        elif isinstance(o, (int, float)) and not isinstance(o, bool):
            keys.append(k or "")
        elif isinstance(o, str):
            keys.extend([k or ""] * len(NUM.findall(json.dumps(o))))
    for line in text.splitlines():
        try:
            walk(json.loads(line), None)
        except ValueError:
            keys.extend([""] * len(NUM.findall(line)))
    return keys


def csv_keys(text):
    lines = text.splitlines()
    head = lines[0].split(",") if lines else []
    keys = [""] * len(NUM.findall(lines[0])) if lines else []
    for line in lines[1:]:
        for col, cell in zip(head, line.split(",")):
            keys.extend([col] * len(NUM.findall(cell)))
    return keys


FLIP_SHARE = 0.01
# JSON answer keys that count or measure the raster's defended cells
RASTER_KEYS = ("defended_cells", "defended_area_km2", "defended_km2", "fraction")


def footprint_flips(a, b):
    """footprint.csv: the rows whose state differs between the native (a) and
    the WebAssembly (b) raster, if every one is a boundary cell and they are
    few enough (see the module's notes); returns (texts without those rows,
    number flipped, message or None)."""
    la, lb = a.splitlines(), b.splitlines()
    if len(la) != len(lb) or len(la) < 2:
        return a, b, 0, None
    head = la[1].split(",")
    if not {"row", "col", "state"} <= set(head):
        return a, b, 0, None
    ir, ic, ist = head.index("row"), head.index("col"), head.index("state")
    state = {}
    for line in la[2:]:
        f = line.split(",")
        state[(int(f[ir]), int(f[ic]))] = f[ist]

    def neighbours(r, c):
        return [state.get(k) for k in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1))]
    boundary = sum(1 for (r, c), s in state.items() if any(n is not None and n != s
                                                          for n in neighbours(r, c)))
    keep_a, keep_b, flipped = la[:2], lb[:2], []
    for x, y in zip(la[2:], lb[2:]):
        fx, fy = x.split(","), y.split(",")
        if fx[ist] == fy[ist] or fx[ir] != fy[ir] or fx[ic] != fy[ic]:
            keep_a.append(x)
            keep_b.append(y)
            continue
        r, c = int(fx[ir]), int(fx[ic])
        if fy[ist] not in neighbours(r, c):
            return a, b, 0, (f"footprint.csv: cell {r},{c} is {fx[ist]} natively, "
                             f"{fy[ist]} in WebAssembly, and is not on the boundary")
        flipped.append((r, c))
    limit = max(1, int(FLIP_SHARE * boundary))
    if len(flipped) > limit:
        return a, b, 0, (f"footprint.csv: {len(flipped)} boundary cells differ, more than "
                         f"{limit} ({FLIP_SHARE:.0%} of {boundary})")
    return "\n".join(keep_a), "\n".join(keep_b), len(flipped), None


def raster_numbers(a, b, flips):
    """stdout of a footprint whose raster had FLIPS boundary cells flipped:
    the raster-derived numbers (RASTER_KEYS) of both answers checked against
    the flips, then set to zero for the token comparison. A cell's area is
    taken as 1.5 times the mean defended cell's (native defended_area_km2 /
    defended_cells; the grid's cells differ in area by cos(latitude), under
    10 % over a regional map)."""
    try:
        ja, jb = json.loads(a), json.loads(b)
    except ValueError:
        return a, b, None
    if not isinstance(ja, dict) or not ja.get("defended_cells"):
        return a, b, None
    cell_km2 = 1.5 * ja["defended_area_km2"] / ja["defended_cells"]
    bad = []

    def walk(x, y, path):
        if isinstance(x, dict) and isinstance(y, dict):
            for k in x:
                if k not in y:
                    continue
                if k in RASTER_KEYS and isinstance(x[k], (int, float)) and \
                        isinstance(y[k], (int, float)):
                    if k == "defended_cells":
                        lim = flips
                    elif k == "fraction":
                        lim = flips * cell_km2 / max(x.get("area_km2", 0), 1e-300)
                    else:
                        lim = flips * cell_km2
                    if abs(x[k] - y[k]) > lim + 1e-9 * abs(x[k]):
                        bad.append(f"{path}{k}: {x[k]} != {y[k]}")
                    x[k] = y[k] = 0
                else:
                    walk(x[k], y[k], f"{path}{k}.")
        elif isinstance(x, list) and isinstance(y, list):
            for u, v in zip(x, y):
                walk(u, v, path)
    walk(ja, jb, "")
    msg = f"stdout.txt: {bad[0]} (more than {flips} flipped cell(s) explain)" if bad else None
    return json.dumps(ja, sort_keys=True), json.dumps(jb, sort_keys=True), msg


def main():
    nat, wasm = sys.argv[1], sys.argv[2]
    solver_rel = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    fn = sorted(os.listdir(nat))
    fw = sorted(os.listdir(wasm))
    if fn != fw:
        print(f"agree: files differ: native {fn}, wasm {fw}")
        return 1
    stats = {"numbers": 0, "identical": 0, "max_rel": 0.0}
    flips = 0
    if "footprint.csv" in fn and solver_rel > 0:
        a = open(os.path.join(nat, "footprint.csv"), encoding="utf-8").read()
        b = open(os.path.join(wasm, "footprint.csv"), encoding="utf-8").read()
        _, _, flips, msg = footprint_flips(a, b)
        if msg:
            print("agree: " + msg)
            return 1
    for f in fn:
        a = open(os.path.join(nat, f), encoding="utf-8").read()
        b = open(os.path.join(wasm, f), encoding="utf-8").read()
        keys, values = None, True
        if flips and f.endswith((".geojson", ".kml")):
            continue  # polygons drawn from a raster with flipped cells
        if flips and f == "footprint.csv":
            a, b, _, _ = footprint_flips(a, b)
        if f == "stdout.txt":
            a, b = drop_timing(a), drop_timing(b)
            if flips:
                a, b, msg = raster_numbers(a, b, flips)
                if msg:
                    print("agree: " + msg)
                    return 1
            names = json_keys(a)
            keys = names.__getitem__ if len(names) == len(NUM.findall(a)) else None
        elif f.endswith(".csv"):
            names = csv_keys(a)
            keys = names.__getitem__ if len(names) == len(NUM.findall(a)) else None
        elif solver_rel > 0:
            values = False
        msg = compare(a, b, f, stats, solver_rel, keys, values)
        if msg:
            print("agree: " + msg)
            return 1
    print(f"agree: {len(fn)} files, {stats['numbers']} numbers, {stats['identical']} "
          f"bit-identical as written, largest relative difference of the others "
          f"{stats['max_rel']:.3g}" + (f" ({stats['max_rel_at']})" if stats.get("max_rel_at") else "")
          + (f"; {flips} boundary cell(s) of the footprint flipped" if flips else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
