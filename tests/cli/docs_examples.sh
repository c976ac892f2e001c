#!/bin/sh
# Every complete bmdsim command written in docs/*.md runs verbatim, exits 0
# and, with -o DIR, writes (and lists) its files (tests/cli/docs_examples.py;
# README.md and the --help texts have their own test).
SRC=$(cd "$(dirname "$0")/../.." && pwd)
exec python3 "$SRC/tests/cli/docs_examples.py" "$1" "$SRC"
