#!/bin/sh
# `make python` installs a working package: into a scratch user base
# (PYTHONUSERBASE), then imported from another directory with no
# BMD_DATA_DIR, so it must use its own copy of the data and its own
# extension. $1: the build directory.
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
B=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export PYTHONUSERBASE="$T/userbase"
if ! make -s -C "$SRC" python BUILD="$B" >"$T/make.txt" 2>&1; then
    echo "FAIL: make python: $(tail -5 "$T/make.txt")" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
cd "$T" || exit 1
unset BMD_DATA_DIR PYTHONPATH
if /usr/bin/python3 -c '
import bmdsim, os, sys
assert bmdsim.__file__.startswith(os.environ["PYTHONUSERBASE"]), bmdsim.__file__
t = bmdsim.trajectory("nodong", "north-hwanghae", to="busan", dt=None)
assert 400e3 < t.range_m < 600e3, t.range_m
assert bmdsim.data_dir().startswith(os.environ["PYTHONUSERBASE"])
' >"$T/py.txt" 2>&1; then
    echo "1 passed, 0 failed"
else
    echo "FAIL: the installed package: $(tail -5 "$T/py.txt")" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
