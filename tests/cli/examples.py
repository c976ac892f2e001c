#!/usr/bin/env python3
"""Run every example command of every `bmdsim <command> --help` text and of
README.md's shell blocks, verbatim, and require exit status 0.

usage: examples.py BMDSIM SOURCE_ROOT

Each example runs in its own scratch directory holding a link `data` to the
source tree's data/ (README examples name data/scenarios/...) and a
`pairs.txt` for the visibility example that reads one (the one input file
an example names without creating it). `bmdsim` is resolved to BMDSIM.

The only changes made to a command: Monte Carlo run counts above 50
(`--runs 1000`, `--runs 10000`, `--runs 500`) are reduced to `--runs 20`
to keep `make test` short (the count does not change which code runs);
`mpirun` gets the environment that lets Open MPI run as root and
oversubscribe the 2 cores, and is skipped where mpirun is missing or
bmdsim was built without MPI (tests/cli/footprint_mpi.sh does the same).

XFAIL lists examples known to fail, with the reason; one of them passing
is an error too, so that the list shrinks to empty as the fixes land.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

BMDSIM, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])

# example (as printed, continuations joined) -> why it fails today
XFAIL = {}

PAIRS = "# FROM TO [MISSILE]\nchina-northeast los-angeles\nchina-central guam df-26\n"
MAX_RUNS = 50


def help_examples():
    out = subprocess.run([BMDSIM, "--help"], capture_output=True, text=True).stdout
    cmds = []
    for line in out.split("commands:", 1)[1].splitlines():
        m = re.match(r"\s+([a-z]+)\s{2,}", line)
        if m and m.group(1) != "help":
            cmds.append(m.group(1))
        elif cmds and not line.strip():
            break
    ex = []
    for c in cmds:
        h = subprocess.run([BMDSIM, c, "--help"], capture_output=True, text=True)
        if h.returncode != 0:
            sys.exit(f"examples: bmdsim {c} --help exits {h.returncode}")
        text = h.stdout.split("\nexamples:\n", 1)
        if len(text) < 2:
            continue
        ex += [(f"bmdsim {c} --help", e) for e in join_lines(text[1].splitlines())]
    return cmds, ex


def join_lines(lines):
    """Commands from lines: backslash continuations joined, comments and
    blank lines dropped, only lines that run bmdsim (directly or under
    mpirun) kept."""
    out, cur = [], ""
    for raw in lines:
        s = raw.strip()
        if not cur and (not s or s.startswith("#")):
            continue
        if s.endswith("\\"):
            cur += s[:-1].strip() + " "
            continue
        cur += s
        cmd = cur.split("#", 1)[0].strip() if " #" in cur else cur.strip()
        if re.match(r"(mpirun .*?)?bmdsim\b", cmd):
            out.append(cmd)
        cur = ""
    return out


def readme_examples():
    text = open(os.path.join(SRC, "README.md"), encoding="utf-8").read()
    ex = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M):
        ex += [("README.md", e) for e in join_lines(block.splitlines())]
    return ex


def run(example, scratch):
    argv = example.split()
    notes = []
    for i, a in enumerate(argv):
        if a == "--runs" and i + 1 < len(argv) and int(argv[i + 1]) > MAX_RUNS:
            notes.append(f"--runs {argv[i + 1]} reduced to {20}")
            argv[i + 1] = "20"
    env = dict(os.environ)
    if argv[0] == "mpirun":
        if shutil.which("mpirun") is None:
            return "skip", "mpirun not found"
        env.update(OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
                   OMPI_MCA_rmaps_base_oversubscribe="1")
        env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") + ":detect_leaks=0").lstrip(":")
    argv = [BMDSIM if a == "bmdsim" else a for a in argv]
    os.makedirs(scratch)
    os.symlink(os.path.join(SRC, "data"), os.path.join(scratch, "data"))
    with open(os.path.join(scratch, "pairs.txt"), "w") as f:
        f.write(PAIRS)
    p = subprocess.run(argv, cwd=scratch, env=env, capture_output=True, text=True, timeout=900)
    if argv[0] == "mpirun" and "built without MPI" in p.stderr:
        return "skip", "bmdsim built without MPI"
    return p.returncode, (p.stderr.strip().splitlines() or [""])[-1] + (
        f" [{'; '.join(notes)}]" if notes else "")


def main():
    cmds, ex = help_examples()
    ex += readme_examples()
    if len(cmds) < 5 or len(ex) < 10:
        sys.exit(f"examples: found only {len(cmds)} commands and {len(ex)} examples")
    fails = 0
    seen = set()
    with tempfile.TemporaryDirectory() as tmp:
        for n, (where, e) in enumerate(ex):
            if e in seen:
                continue
            seen.add(e)
            st, msg = run(e, os.path.join(tmp, str(n)))
            if st == "skip":
                print(f"SKIP ({msg}): {e}")
                continue
            if e in XFAIL:
                if st == 0:
                    print(f"FAIL: XPASS (now exits 0, remove it from XFAIL in "
                          f"tests/cli/examples.py): {e}")
                    fails += 1
                else:
                    print(f"XFAIL (exit {st}; {XFAIL[e]}): {e}")
                continue
            if st == 0:
                print(f"ok: {e}" + (f" {msg}" if msg.startswith(" [") else ""))
            else:
                print(f"FAIL: exit {st} ({where}): {e}\n    {msg}")
                fails += 1
    for e in XFAIL:
        if e not in seen:
            print(f"FAIL: XFAIL entry no longer an example, remove it: {e}")
            fails += 1
    print(f"{len(seen)} examples, {fails} failed")
    return 1 if fails else 0


sys.exit(main())
