"""Cost of the Python binding over the C library, for one trajectory.

Measures, in one process: (a) N single flights through bmdsim.trajectory()
(argument parsing, catalog lookups, result objects), (b) the same N flights
calling libbmd's bmd_traj_fly directly through cffi with prepared structs
(the C work plus cffi's call, ~0.1 us), and prints the per-call overhead
(a - b) / N and the ratio. Target (issue 17): < 20 us per call beyond the C
work. Usage: PYTHONPATH=build/python python3 bench/bench_python.py [N] [--json]
"""
import json
import math
import sys
import time

import bmdsim
from bmdsim._bmd import ffi, lib

N = int(next((a for a in sys.argv[1:] if a.isdigit()), "1000"))
KW = dict(azimuth="150deg", kick="10deg", dt=None)


def api_loop():
    for _ in range(N):
        bmdsim.trajectory("scud-b", "north-hwanghae", **KW)


def c_loop():
    cat = bmdsim.catalog()
    m = cat._missile_ptr("scud-b")
    s = cat._site("north-hwanghae")
    e = ffi.new("bmd_earth *")
    lib.bmd_earth_wgs84(e)
    a = ffi.new("bmd_atmo *")
    lib.bmd_atmo_init(a, lib.BMD_ATMO_US76)
    cfg = ffi.new("bmd_traj_config *")
    lib.bmd_traj_config_init(cfg, e, a)
    l = ffi.new("bmd_traj_launch *")
    lib.bmd_traj_launch_init(l, s.lat_rad, s.lon_rad, s.alt_m, math.radians(150))
    l.kick_rad = math.radians(10)
    out = ffi.new("bmd_traj_summary *")
    err = ffi.new("bmd_errbuf *")
    for _ in range(N):
        assert lib.bmd_traj_fly(cfg, m, l, out, err) == 0
    return out.range_m


def best_of(f, k=3):
    best = float("inf")
    for _ in range(k):
        t0 = time.process_time()
        f()
        best = min(best, time.process_time() - t0)
    return best


api_loop.__name__, c_loop()  # warm up caches and the catalog
t_api, t_c = best_of(api_loop), best_of(c_loop)
res = {"calls": N, "python_api_s": t_api, "c_direct_s": t_c,
       "c_flights_per_s": N / t_c, "python_flights_per_s": N / t_api,
       "overhead_us_per_call": (t_api - t_c) / N * 1e6, "ratio": t_api / t_c}
if "--json" in sys.argv:  # the shape of bench/bench_common.h (scripts/bench-record)
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    import os
    print(json.dumps({"bench": "python", "figures": res, "nproc": os.cpu_count(), "cpu": cpu,
                      "load_avg_1m_start": None, "load_avg_1m_end": os.getloadavg()[0]}))
else:
    print(f"{N} single Scud-B flights (no samples), CPU time, best of 3")
    print(f"  through bmdsim.trajectory(): {t_api:8.3f} s  {N / t_api:9.0f} flights/s")
    print(f"  bmd_traj_fly via cffi:       {t_c:8.3f} s  {N / t_c:9.0f} flights/s")
    print(f"  overhead per call: {res['overhead_us_per_call']:.1f} us  (ratio {res['ratio']:.2f})")
