#!/usr/bin/env python3
"""Run every command example of README.md, docs/*.md, docs/*/*.md and every
`bmdsim <command> --help` verbatim, and require exit status 0 and the files
it says it wrote.

usage: examples.py BMDSIM SOURCE_ROOT [--long]

An example is a line of a code block (any language; backslash continuations
joined, a trailing `# comment` dropped) or an inline code span (possibly
wrapped across lines) that starts with `bmdsim COMMAND` and an argument, or
`mpirun ... bmdsim COMMAND`, COMMAND being one of `bmdsim --help`'s. Spans
with placeholders (`...`, `[`, `|`, words in capitals such as SITE or DIR)
are syntax descriptions, and a span ending in an option that takes a value
(`bmdsim trajectory --azimuth`, per the command's --help) names the option:
neither is an example. The examples section of each command's --help is
taken as printed.

Each example runs unchanged in its own scratch directory holding a link
`data` to the source tree's data/ (examples name data/scenarios/...) and a
`pairs.txt` for the visibility example that reads one (the one input file an
example names without creating it); `bmdsim` is resolved to BMDSIM. Checks:
exit status 0; every file listed on stderr as `bmdsim: wrote PATH` exists;
with `-o DIR`, DIR exists and is not empty. `mpirun` gets the environment
that lets Open MPI run as root and oversubscribe the 2 cores, and is
skipped where mpirun is missing or bmdsim was built without MPI.

LONG lists the examples that take minutes (README.md states their
durations); `make test` does not run them, `bench/long-examples` does
(this script with --long), and an entry that is no longer an example is an
error. XFAIL lists examples known to fail, with the reason; one of them
passing is an error too, so that the list shrinks to empty.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

BMDSIM, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
LONG_ONLY = "--long" in sys.argv[3:]

# example -> why it is run by bench/long-examples and not by `make test`
# (more than 30 CPU-seconds, measured with /usr/bin/time on the 2-core
# development machine; everything else here takes under 20 CPU-seconds)
LONG = {
    "bmdsim run data/scenarios/raid.yaml --runs 10000 --seed 1 --threads 2":
        "10,000 Monte Carlo runs of a 4-threat raid: about 700 CPU-seconds, 20-50 minutes "
        "on the shared 2-core machine (README.md, bench/RESULTS.md)",
    "bmdsim report data/scenarios/raid.yaml -o out --runs 500 --seed 3":
        "the raid's report with 500 Monte Carlo runs: 39 CPU-seconds",
    "bmdsim sensitivity --metric p_no_leaker --samples 32":
        "224 model runs of 16 engagements each: 38 CPU-seconds",
}

# example (as printed, continuations joined) -> why it fails today
XFAIL = {}

PAIRS = "# FROM TO [MISSILE]\nchina-northeast los-angeles\nchina-central guam df-26\n"


def commands():
    out = subprocess.run([BMDSIM, "--help"], capture_output=True, text=True).stdout
    cmds = []
    for line in out.split("commands:", 1)[1].splitlines():
        m = re.match(r"\s+([a-z]+)\s{2,}", line)
        if m and m.group(1) != "help":
            cmds.append(m.group(1))
        elif cmds and not line.strip():
            break
    return cmds


def valued_options(cmd, cache={}):
    """The options of `bmdsim cmd --help` that take a value."""
    if cmd not in cache:
        h = subprocess.run([BMDSIM, cmd, "--help"], capture_output=True, text=True).stdout
        cache[cmd] = set(re.findall(r"(--[a-z-]+) [A-Z]", h))
    return cache[cmd]


def join_lines(lines):
    """Commands from lines: backslash continuations joined, comments and
    blank lines dropped, a trailing ` # comment` cut."""
    out, cur = [], ""
    for raw in lines:
        s = raw.strip()
        if not cur and (not s or s.startswith("#")):
            continue
        if s.endswith("\\"):
            cur += s[:-1].strip() + " "
            continue
        cur += s
        out.append(" ".join(cur.split(" #", 1)[0].split()))
        cur = ""
    return out


def is_command(s, cmds):
    w = s.split()
    if w and w[0] == "mpirun":
        w = w[w.index("bmdsim"):] if "bmdsim" in w else []
    return len(w) >= 3 and w[0] == "bmdsim" and w[1] in cmds


def help_examples(cmds):
    ex = []
    for c in cmds:
        h = subprocess.run([BMDSIM, c, "--help"], capture_output=True, text=True)
        if h.returncode != 0:
            sys.exit(f"examples: bmdsim {c} --help exits {h.returncode}")
        text = h.stdout.split("\nexamples:\n", 1)
        if len(text) < 2:
            continue
        ex += [(f"bmdsim {c} --help", e) for e in join_lines(text[1].splitlines())
               if is_command(e, cmds)]
    return ex


def markdown_examples(path, cmds):
    text = open(path, encoding="utf-8").read()
    lines = []
    for block in re.findall(r"^\s*```[a-z]*\n(.*?)^\s*```", text, re.S | re.M):
        lines += join_lines(block.splitlines())
    rest = re.sub(r"```.*?```", "", text, flags=re.S)
    spans = [" ".join(x.split()) for x in re.findall(r"`([^`]+)`", rest)]
    rel = os.path.relpath(path, SRC)
    for s in lines + spans:
        if not is_command(s, cmds):
            continue
        w = s.split()
        if w[-1] in valued_options(w[w.index("bmdsim") + 1]):
            continue
        if "..." in s or "[" in s or "|" in s or re.search(r"\b[A-Z][A-Z0-9_]*\b", s):
            continue
        yield rel, s


def run(example, scratch):
    """None when the example passed, "skip: why", or the failure."""
    argv = example.split()
    env = dict(os.environ)
    env.setdefault("BMD_DATA_DIR", os.path.join(SRC, "data"))
    if argv[0] == "mpirun":
        if shutil.which("mpirun") is None:
            return "skip: mpirun not found"
        env.update(OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
                   OMPI_MCA_rmaps_base_oversubscribe="1")
        env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") + ":detect_leaks=0").lstrip(":")
    argv = [BMDSIM if a == "bmdsim" else a for a in argv]
    os.makedirs(scratch)
    os.symlink(os.path.join(SRC, "data"), os.path.join(scratch, "data"))
    with open(os.path.join(scratch, "pairs.txt"), "w") as f:
        f.write(PAIRS)
    p = subprocess.run(argv, cwd=scratch, env=env, capture_output=True, text=True,
                       timeout=7200)
    if argv[0] == "mpirun" and "built without MPI" in p.stderr:
        return "skip: bmdsim built without MPI"
    if p.returncode != 0:
        return "exit %d: %s" % (p.returncode, (p.stderr.strip().splitlines() or [""])[-1][:300])
    for line in p.stderr.splitlines():
        if line.startswith("bmdsim: wrote "):
            f = line[len("bmdsim: wrote "):]
            if not os.path.isfile(os.path.join(scratch, f)):
                return "listed as written but missing: " + f
    if "-o" in argv:
        d = os.path.join(scratch, argv[argv.index("-o") + 1])
        if not os.path.isdir(d) or not os.listdir(d):
            return "-o %s: nothing written" % argv[argv.index("-o") + 1]
    return None


def main():
    cmds = commands()
    ex = help_examples(cmds)
    docs = ["README.md"] + sorted(
        os.path.relpath(p, SRC) for p in glob.glob(os.path.join(SRC, "docs", "*.md")) +
        glob.glob(os.path.join(SRC, "docs", "*", "*.md")))
    for d in docs:
        ex += list(markdown_examples(os.path.join(SRC, d), cmds))
    if len(cmds) < 5 or len(ex) < 15:
        sys.exit(f"examples: found only {len(cmds)} commands and {len(ex)} examples")
    fails = 0
    seen = set()
    with tempfile.TemporaryDirectory() as tmp:
        for n, (where, e) in enumerate(ex):
            if e in seen:
                continue
            seen.add(e)
            if (e in LONG) != LONG_ONLY:
                if not LONG_ONLY:
                    print(f"LONG (bench/long-examples: {LONG[e]}): {e}")
                continue
            t0 = time.monotonic()
            why = run(e, os.path.join(tmp, str(n)))
            dt = time.monotonic() - t0
            if why and why.startswith("skip:"):
                print(f"SKIP ({why[6:]}): {e}")
            elif e in XFAIL:
                if why is None:
                    print(f"FAIL: XPASS (now passes, remove it from XFAIL in "
                          f"tests/cli/examples.py): {e}")
                    fails += 1
                else:
                    print(f"XFAIL ({why}; {XFAIL[e]}): {e}")
            elif why is None:
                print(f"ok ({dt:.1f} s): {e}")
            else:
                print(f"FAIL ({where}): {e}\n    {why}")
                fails += 1
    for name, lst in (("XFAIL", XFAIL), ("LONG", LONG)):
        for e in lst:
            if e not in seen:
                print(f"FAIL: {name} entry no longer an example, remove it: {e}")
                fails += 1
    print(f"{len(seen)} examples ({len(LONG)} long), {fails} failed")
    return 1 if fails else 0


sys.exit(main())
