#!/bin/sh
# Every source the repository cites exists in REFERENCES.md: section names
# given with "REFERENCES.md" and author-year citations anywhere in the tree
# (scripts/check-references says how they are matched). $1 (bmdsim) unused.
SRC=$(cd "$(dirname "$0")/../.." && pwd)
exec python3 "$SRC/scripts/check-references" "$SRC"
