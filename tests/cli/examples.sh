#!/bin/sh
# Every command example of README.md, docs/*.md, docs/*/*.md and of every
# `bmdsim <command> --help` runs verbatim, exits 0 and writes the files it
# lists (tests/cli/examples.py; its LONG list goes to bench/long-examples).
SRC=$(cd "$(dirname "$0")/../.." && pwd)
exec python3 "$SRC/tests/cli/examples.py" "$1" "$SRC"
