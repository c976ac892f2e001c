#!/usr/bin/env python3
"""check_includes.py: the include rules of docs/architecture.md, checked over
the #include "..." lines of include/bmd/, src/ and cli/.

Fails (exit 1, one line per finding) on
  - a cycle of includes between files;
  - a cycle between modules, or a module including a header of a module
    that is not below it in the layer order (LAYERS);
  - a src/ file including another module's internal header (src/<m>/*.h),
    unless the pair is listed in SHARED_INTERNAL;
  - a cli/ file including any src/ internal header;
  - a public header that is not mapped to its module (HEADER_MODULE);
  - a public header that the umbrella header include/bmd/bmd.h leaves out.
Run as a CTest test (check_includes); usage: check_includes.py [ROOT].
"""
import os
import re
import sys

# Headers the build writes into its own directory, not in the repository,
# and what writes them.
GENERATED = {"bmd_commit.h": "scripts/git-commit.cmake"}

# Each module and the modules directly below it; a module may include the
# headers of every module reachable downwards (the transitive closure).
LAYERS = {
    "core": [],
    "geo": ["core"],
    "atmo": ["geo"],
    "gravity": ["geo"],
    "traj": ["atmo", "gravity"],
    "radar": ["traj"],
    "track": ["radar"],
    "engage": ["track"],
    "analysis": ["engage"],
    "uq": ["analysis", "scenario"],
    "input": ["core"],
    "catalog": ["input", "engage"],
    "scenario": ["catalog"],
    "plot": ["analysis", "scenario"],
    "export": ["analysis", "scenario"],
    "report": ["plot", "export"],
    "cli": ["report", "plot", "export", "analysis", "scenario", "uq"],
}

# The module each public header belongs to (include/bmd/NAME.h).
HEADER_MODULE = {
    "status": "core", "const": "core", "vec3": "core", "core": "core", "solve": "core",
    "geo": "geo", "atmo": "atmo", "gravity": "gravity",
    "missile": "traj", "traj": "traj", "traj_step": "traj",
    "radar": "radar", "track": "track",
    "interceptor": "engage", "scenario": "engage", "engage": "engage",
    "coverage": "analysis", "visibility": "analysis", "footprint": "analysis",
    "footprint_setup": "analysis",
    "montecarlo": "analysis", "validate": "analysis", "calibrate": "analysis",
    "sensitivity": "uq", "uncertain": "uq", "metric": "uq", "land": "uq",
    "input": "input",
    "catalog": "catalog", "interceptor_catalog": "catalog", "radar_catalog": "catalog",
    "scenario_load": "scenario",
    "map": "plot", "plot": "plot", "plot_uq": "plot", "plot_engage": "plot", "export": "export", "report": "report",
    "bmd": "umbrella",
}

# Internal headers one module shares with the modules above it on purpose:
# (header, including module). The YAML layer over libfyaml is the input
# module's; the catalog and scenario loaders read their files with it, and
# making it public would put libfyaml's types into the public API.
SHARED_INTERNAL = {
    ("src/input/yaml.h", "catalog"),
    ("src/input/yaml.h", "scenario"),
    ("src/input/yaml.h", "uq"),  # the uncertain: block of scenario files
    # The fly-out's right-hand side calls the atmosphere and the height
    # through internal fast entry points (bmd__atmo_fast,
    # bmd__geo_height_fast): what they skip or approximate is the
    # trajectory's business, not a promise of the public API.
    ("src/atmo/atmo_internal.h", "traj"),
    ("src/geo/geo_internal.h", "traj"),
}

INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def below(module):
    """Every module reachable downwards from module (not itself)."""
    seen, todo = set(), list(LAYERS.get(module, []))
    while todo:
        m = todo.pop()
        if m not in seen:
            seen.add(m)
            todo.extend(LAYERS.get(m, []))
    return seen


def module_of(path):
    parts = path.split("/")
    if parts[0] == "src":
        return parts[1]
    if parts[0] == "cli":
        return "cli"
    if parts[0] == "include":
        return HEADER_MODULE.get(os.path.splitext(parts[-1])[0])
    return None


def resolve(root, src, name):
    """Repository path of an include "name" seen in file src, or None."""
    here = os.path.dirname(src)
    for cand in (os.path.join(here, name), os.path.join("include", name), os.path.join("src", name)):
        cand = os.path.normpath(cand)
        if os.path.isfile(os.path.join(root, cand)):
            return cand
    return None


def scan(root):
    files = []
    for top in ("include", "src", "cli"):
        for d, _, names in os.walk(os.path.join(root, top)):
            for n in sorted(names):
                if n.endswith((".c", ".h")):
                    files.append(os.path.relpath(os.path.join(d, n), root))
    edges = {}
    for f in sorted(files):
        with open(os.path.join(root, f), encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                m = INCLUDE_RE.match(line)
                if m:
                    edges.setdefault(f, []).append((lineno, m.group(1), resolve(root, f, m.group(1))))
    return files, edges


def find_cycle(graph):
    """One cycle of graph {node: [node]} as a list, or None (iterative DFS)."""
    WHITE, GREY, BLACK = 0, 1, 2
    colour = {n: WHITE for n in graph}
    for start in sorted(graph):
        if colour[start] != WHITE:
            continue
        stack = [(start, iter(sorted(graph[start])))]
        colour[start] = GREY
        path = [start]
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                colour[node] = BLACK
                stack.pop()
                path.pop()
                continue
            if colour.get(nxt, WHITE) == GREY:
                return path[path.index(nxt):] + [nxt]
            if colour.get(nxt, WHITE) == WHITE:
                colour[nxt] = GREY
                graph.setdefault(nxt, [])
                stack.append((nxt, iter(sorted(graph[nxt]))))
                path.append(nxt)
    return None


def check(root):
    files, edges = scan(root)
    bad = []
    file_graph = {f: [] for f in files}
    mod_graph = {}
    for f, incs in edges.items():
        fm = module_of(f)
        if f.startswith("include/") and fm is None:
            bad.append(f"{f}: public header not mapped to a module (HEADER_MODULE)")
        for lineno, name, target in incs:
            where = f"{f}:{lineno}: #include \"{name}\""
            if target is None:
                if name not in GENERATED:
                    bad.append(f"{where}: not found in the repository")
                continue
            file_graph[f].append(target)
            tm = module_of(target)
            if tm == "umbrella" and f.startswith("src/"):
                bad.append(f"{where}: library code includes the umbrella header")
            if fm in (None, "umbrella") or tm in (None, "umbrella"):
                continue
            if f.startswith("cli/") and target.startswith("src/"):
                bad.append(f"{where}: cli/ includes a library-internal header")
            elif (f.startswith("src/") and target.startswith("src/") and fm != tm
                  and (target, fm) not in SHARED_INTERNAL):
                bad.append(f"{where}: another module's internal header ({tm})")
            if fm != tm:
                mod_graph.setdefault(fm, set()).add(tm)
                if tm not in below(fm):
                    bad.append(f"{where}: {fm} may not include {tm} (not below it)")
    cyc = find_cycle({k: list(v) for k, v in file_graph.items()})
    if cyc:
        bad.append("include cycle between files: " + " -> ".join(cyc))
    cyc = find_cycle({k: sorted(v) for k, v in mod_graph.items()})
    if cyc:
        bad.append("include cycle between modules: " + " -> ".join(cyc))
    umbrella = {name for _, name, _ in edges.get("include/bmd/bmd.h", [])}
    for f in files:
        if f.startswith("include/bmd/") and f != "include/bmd/bmd.h":
            if f[len("include/"):] not in umbrella:
                bad.append(f"{f}: not included by the umbrella header include/bmd/bmd.h")
    for d in sorted(os.listdir(os.path.join(root, "src"))):
        if os.path.isdir(os.path.join(root, "src", d)) and d not in LAYERS:
            bad.append(f"src/{d}: module not in the layer order (LAYERS)")
    return bad


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    bad = check(os.path.abspath(root))
    for b in bad:
        print(f"check_includes: {b}")
    if bad:
        return 1
    print("check_includes: no include cycles; every include goes down the layer order")
    return 0


if __name__ == "__main__":
    sys.exit(main())
