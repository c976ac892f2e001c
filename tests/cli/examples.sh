#!/bin/sh
# Every example of every `bmdsim <command> --help` and of README.md runs and
# exits 0 (tests/cli/examples.py; the list of known failures is there).
SRC=$(cd "$(dirname "$0")/../.." && pwd)
exec python3 "$SRC/tests/cli/examples.py" "$1" "$SRC"
