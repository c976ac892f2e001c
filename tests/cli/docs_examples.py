#!/usr/bin/env python3
"""Run every complete bmdsim command written in docs/*.md (and docs/*/*.md)
verbatim and require exit status 0 and, for -o DIR, files in DIR.

usage: docs_examples.py BMDSIM SOURCE_ROOT

A command is a code span or code-block line that starts with `bmdsim `, a
command name and at least one argument; spans with placeholders (`...`, `[`,
`|`, words in capitals such as SITE or DIR) are syntax descriptions, and a
span ending in an option that takes a value (`bmdsim trajectory --azimuth`,
per the command's --help) names the option: neither is an example.
Spans may wrap across lines (they are joined). Each command runs in its own
scratch directory holding a link `data` to the source tree's data/, with
`bmdsim` resolved to BMDSIM; Monte Carlo counts above 50 are reduced to 20
(the count does not change which code runs), as README's test does.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

BMDSIM, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
COMMANDS = {"run", "trajectory", "coverage", "visibility", "footprint", "report",
            "sensitivity", "calibrate", "catalog", "validate"}


def valued_options(cmd, cache={}):
    """The options of `bmdsim cmd --help` that take a value."""
    if cmd not in cache:
        h = subprocess.run([BMDSIM, cmd, "--help"], capture_output=True, text=True).stdout
        cache[cmd] = set(re.findall(r"(--[a-z-]+) [A-Z]", h))
    return cache[cmd]


def examples(path):
    text = open(path).read()
    spans = re.findall(r"```[a-z]*\n(.*?)```", text, re.S)
    lines = [l.strip() for b in spans for l in b.replace("\\\n", " ").splitlines()]
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    spans = re.findall(r"`([^`]+)`", text)          # inline, possibly wrapped
    for s in lines + [" ".join(x.split()) for x in spans]:
        w = s.split()
        if len(w) < 3 or w[0] != "bmdsim" or w[1] not in COMMANDS:
            continue
        if w[-1] in valued_options(w[1]):
            continue
        if "..." in s or "[" in s or "|" in s or re.search(r"\b[A-Z][A-Z0-9_]*\b", s):
            continue
        yield s


def run(cmd):
    d = tempfile.mkdtemp(prefix="bmdsim-doc-")
    try:
        os.symlink(os.path.join(SRC, "data"), os.path.join(d, "data"))
        args = cmd.split()[1:]
        for i, a in enumerate(args[:-1]):
            if a == "--runs" and int(args[i + 1]) > 50:
                args[i + 1] = "20"
        env = dict(os.environ, BMD_DATA_DIR=os.path.join(SRC, "data"))
        p = subprocess.run([BMDSIM, *args], cwd=d, capture_output=True, text=True, env=env,
                           timeout=900)
        if p.returncode != 0:
            return "exit %d: %s" % (p.returncode, p.stderr.strip()[:300])
        if "-o" in args:
            out = os.path.join(d, args[args.index("-o") + 1])
            if not os.path.isdir(out) or not os.listdir(out):
                return "-o %s: nothing written" % args[args.index("-o") + 1]
            listed = [l for l in p.stderr.splitlines() if l.startswith("bmdsim: wrote ")]
            for l in listed:
                if not os.path.isfile(os.path.join(d, l[len("bmdsim: wrote "):])):
                    return "listed but missing: " + l
        return None
    finally:
        shutil.rmtree(d, ignore_errors=True)


docs = sorted(glob.glob(os.path.join(SRC, "docs", "*.md")) +
              glob.glob(os.path.join(SRC, "docs", "*", "*.md")))
n = bad = 0
seen = set()
for p in docs:
    for cmd in examples(p):
        if cmd in seen:
            continue
        seen.add(cmd)
        n += 1
        why = run(cmd)
        if why:
            bad += 1
            print("FAIL: %s: %s: %s" % (os.path.relpath(p, SRC), cmd, why), file=sys.stderr)
print("%d examples from docs/, %d failed" % (n, bad))
sys.exit(1 if bad or n == 0 else 0)
