"""Whole-process CPU cost of one-shot bmdsim commands (issue 13 item 6).

Runs each command N times (output to /dev/null) and takes the child's user +
system CPU time from os.wait4's rusage (the dynamic loader, the libraries'
constructors, the data files and the work itself; no wall clock, so the
figures hold on a loaded machine). Reports the median and the minimum per
command in ms, the number of shared libraries the process maps (from ldd),
and the cost of loading each library tree alone (an empty program linked
with it, built with cc: base = libc, libm, libfyaml, cJSON, GSL, OpenMP;
proj; plplot; mpi; and GeographicLib's C++ library, when installed).

Usage: python3 bench/bench_startup.py [BMDSIM [N]] [--json]
       (defaults build/bmdsim, 200); BMD_DATA_DIR as for bmdsim.
"""
import json
import os
import statistics
import subprocess
import sys

args = [a for a in sys.argv[1:] if a != "--json"]
BMDSIM = args[0] if args else "build/bmdsim"
N = int(args[1]) if len(args) > 1 else 200

CASES = [
    ("version", ["--version"]),
    ("trajectory", ["trajectory", "--missile", "scud-b", "--from", "north-hwanghae",
                    "--azimuth", "150deg", "--kick", "10deg"]),
    ("catalog", ["catalog"]),
]


def cpu_ms(argv):
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen(argv, stdout=null, stderr=null)
        _, status, ru = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("bench_startup: %s failed" % " ".join(argv))
    return 1e3 * (ru.ru_utime + ru.ru_stime)


def libraries(path):
    out = subprocess.run(["ldd", path], capture_output=True, text=True).stdout
    return sum(1 for line in out.splitlines() if "=>" in line or "ld-linux" in line)


figs = {}
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("BMD_DATA_DIR", os.path.join(root, "data"))
for name, a in CASES:
    argv = [BMDSIM] + [os.path.join(root, x) if x.startswith("data/") else x for x in a]
    t = [cpu_ms(argv) for _ in range(N)]
    figs[name + "_cpu_ms"] = statistics.median(t)
    figs[name + "_cpu_ms_min"] = min(t)
figs["libraries"] = libraries(BMDSIM)

# What each library bmdsim links costs a process that only loads it: an
# empty main() linked with it (one symbol referenced, never called), built
# here with cc and pkg-config; "base" is libc + libm + the libraries every
# command needs (libfyaml, cJSON, GSL, OpenMP).
PROBES = {
    "base": ("", "-lfyaml -lcjson -lgsl -lgslcblas -lm -fopenmp"),
    "proj": ("geod_init", "$(pkg-config --libs proj)"),
    "plplot": ("c_plinit", "$(pkg-config --libs plplot)"),
    "mpi": ("MPI_Initialized", "$(pkg-config --libs ompi-c 2>/dev/null || echo -lmpi)"),
    # the alternative to PROJ for the geodesics: GeographicLib's C++ library
    # (Debian libgeographiclib-dev; skipped when it is not installed)
    "geographiclib": ("CXX", "-lGeographicLib"),
}


def probe(tmp, name, sym, libs):
    src = os.path.join(tmp, name + ".c")
    exe = os.path.join(tmp, name)
    if sym == "CXX":
        src = os.path.join(tmp, name + ".cpp")
        with open(src, "w") as f:
            f.write("#include <GeographicLib/Geodesic.hpp>\n"
                    "int main(int c, char **v) { (void)v; if (c > 99) { double s;\n"
                    "  GeographicLib::Geodesic::WGS84().Inverse(0, 0, 1, 1, s);\n"
                    "  return (int)s; } return 0; }\n")
        rc = subprocess.run("c++ -O2 -o %s %s %s" % (exe, src, libs), shell=True,
                            capture_output=True).returncode
        return None if rc != 0 else statistics.median(cpu_ms([exe]) for _ in range(N))
    with open(src, "w") as f:
        if sym:
            f.write("extern void %s(void);\n" % sym)
            f.write("int main(int c, char **v) { (void)v; if (c > 99) %s(); return 0; }\n" % sym)
        else:
            f.write("int main(void) { return 0; }\n")
    rc = subprocess.run("cc -O2 -o %s %s %s" % (exe, src, libs), shell=True,
                        capture_output=True).returncode
    if rc != 0:
        return None
    return statistics.median(cpu_ms([exe]) for _ in range(N))


import tempfile  # noqa: E402
with tempfile.TemporaryDirectory() as tmp:
    for name, (sym, libs) in PROBES.items():
        v = probe(tmp, name, sym, libs)
        if v is not None:
            figs["probe_" + name + "_cpu_ms"] = v
figs["runs_per_command"] = N

if "--json" in sys.argv:
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    print(json.dumps({"bench": "startup", "figures": figs, "nproc": os.cpu_count(), "cpu": cpu,
                      "load_avg_1m_start": None, "load_avg_1m_end": os.getloadavg()[0]}))
else:
    print("%d runs each, CPU time (user + system) per process, median (min):" % N)
    for name, _ in CASES:
        print("  %-12s %7.2f ms (%.2f)" % (name, figs[name + "_cpu_ms"],
                                           figs[name + "_cpu_ms_min"]))
    print("  shared libraries mapped: %d" % figs["libraries"])
    for k in sorted(figs):
        if k.startswith("probe_"):
            print("  an empty program linked with %-8s %6.2f ms" % (k[6:-7], figs[k]))
