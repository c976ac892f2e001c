#!/usr/bin/env python3
"""Data-driven bad-input test: every case of cases.txt runs bmdsim in a fresh
empty directory and must give the stated exit code, exactly one stderr line
"bmdsim: ..." containing the stated text, no sanitizer report, and leave no
file behind (nothing new in its directory, in the data directory or next to
its inputs).

cases.txt: one case a line, "EXIT | ARGUMENTS | TEXT"; '#' starts a comment
line. ARGUMENTS are split like a shell would (shlex) after substitution:
  @NAME          tests/data/bad/NAME (a fixture)
  {data:REL=NAME} a copy of the data directory with REL replaced by fixture
                 NAME (e.g. {data:catalog/missiles.yaml=segv.yaml})
  {scratch}      the case's own (empty, writable) directory
  NAME=VALUE     leading words of this form set environment variables
TEXT must occur in the stderr line (a fixed string, not a pattern; {scratch}
is replaced as in ARGUMENTS).

Usage: run.py BMDSIM [--list] [--cases FILE]   (BMD_DATA_DIR: the data directory)
"""
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BAD = os.path.join(ROOT, "tests", "data", "bad")
SANITIZER = ("Sanitizer", "runtime error:", "LeakSanitizer")


def snapshot(path):
    out = set()
    for d, dirs, files in os.walk(path):
        for n in dirs + files:
            out.add(os.path.relpath(os.path.join(d, n), path))
    return out


def data_copy(spec, work, data_dir):
    rel, name = spec.split("=", 1)
    dst = os.path.join(work, "data-" + rel.replace("/", "_") + "-" + name)
    if not os.path.isdir(dst):
        shutil.copytree(data_dir, dst, symlinks=False)
        target = os.path.join(dst, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.lexists(target):
            os.remove(target)
        shutil.copyfile(os.path.join(BAD, name), target)
    return dst


def expand(arg_text, work, scratch, data_dir):
    out = arg_text
    while "{data:" in out:
        i = out.index("{data:")
        j = out.index("}", i)
        out = out[:i] + data_copy(out[i + 6:j], work, data_dir) + out[j + 1:]
    out = out.replace("{scratch}", scratch)
    words = []
    for w in shlex.split(out):
        if w.startswith("@"):
            w = os.path.join(BAD, w[1:])
        elif "=@" in w:
            k, v = w.split("=@", 1)
            w = k + "=" + os.path.join(BAD, v)
        words.append(w)
    return words


def main():
    bmdsim = os.path.abspath(sys.argv[1])
    data_dir = os.environ.get("BMD_DATA_DIR", os.path.join(ROOT, "data"))
    cases = []
    sections = []  # [title, count] per "# ---- title" header of cases.txt
    cases_file = os.path.join(HERE, "cases.txt")
    if "--cases" in sys.argv:
        cases_file = sys.argv[sys.argv.index("--cases") + 1]
    with open(cases_file, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("# ---- "):
                sections.append([line[7:], 0])
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = [p.strip() for p in line.split(" | ")]
            if len(parts) != 3:
                print(f"cases.txt:{lineno}: want 'EXIT | ARGS | TEXT'", file=sys.stderr)
                return 2
            cases.append((lineno, int(parts[0]), parts[1], parts[2]))
            if sections:
                sections[-1][1] += 1
    if "--list" in sys.argv:
        for title, count in sections:
            print(f"{count:4d}  {title}")
        print(f"{len(cases):4d}  in all")
        return 0
    work = tempfile.mkdtemp(prefix="bmd-badinput-")
    before_bad = snapshot(BAD)
    before_data = snapshot(data_dir)
    fails = 0
    try:
        for lineno, want, args, text in cases:
            scratch = os.path.join(work, "case%d" % lineno)
            os.mkdir(scratch)
            words = expand(args, work, scratch, data_dir)
            env = dict(os.environ, BMD_DATA_DIR=data_dir)
            while words and "=" in words[0] and words[0].split("=", 1)[0].isupper():
                k, v = words.pop(0).split("=", 1)
                env[k] = v
            argv = [bmdsim] + words
            text = text.replace("{scratch}", scratch)
            # full malloc stacks, so that a leak report names its frames and
            # tests/lsan.supp matches by name only (harmless without a sanitizer)
            env["ASAN_OPTIONS"] = "fast_unwind_on_malloc=0:" + env.get("ASAN_OPTIONS", "")
            # a used suppression must not add lines to stderr
            env["LSAN_OPTIONS"] = env.get("LSAN_OPTIONS", "") + ":print_suppressions=0"
            try:
                p = subprocess.run(argv, cwd=scratch, env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   timeout=120)
                code, err = p.returncode, p.stderr.decode("utf-8", "replace")
            except subprocess.TimeoutExpired:
                code, err = "timeout", ""
            lines = err.splitlines()
            why = []
            if code != want:
                why.append(f"exit {code}, want {want}")
            if any(s in err for s in SANITIZER):
                why.append("sanitizer report")
            if len(lines) != 1 or not lines[0].startswith("bmdsim: "):
                why.append(f"{len(lines)} stderr lines, want one 'bmdsim: ...'")
            elif text not in lines[0]:
                why.append(f"stderr lacks '{text}'")
            left = snapshot(scratch)
            if left:
                why.append("left behind: " + ", ".join(sorted(left)[:5]))
            if why:
                fails += 1
                print(f"FAIL cases.txt:{lineno}: {args}: {'; '.join(why)}: {err[:400]!r}",
                      file=sys.stderr)
            shutil.rmtree(scratch, ignore_errors=True)
        if snapshot(BAD) != before_bad:
            fails += 1
            print("FAIL: files appeared in tests/data/bad", file=sys.stderr)
        if snapshot(data_dir) != before_data:
            fails += 1
            print("FAIL: files appeared in the data directory", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(cases)} bad inputs, {len(cases) - fails} passed, {fails} failed")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
