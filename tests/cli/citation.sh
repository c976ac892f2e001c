#!/bin/sh
# LICENSE and CITATION.cff: present, the licence MIT in both, and the
# citation's version the one bmdsim reports (--version), so a citation names
# the program that made the figures.
SRC=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.inc"
grep -q "^MIT License" "$SRC/LICENSE" && ok || bad "LICENSE is not the MIT licence"
v=$("$BMDSIM" --version | sed 's/^bmdsim //; s/ .*//')
python3 - "$SRC/CITATION.cff" "$v" <<'PY' && ok || bad "CITATION.cff does not match bmdsim --version ($v)"
import sys, yaml
c = yaml.safe_load(open(sys.argv[1]))
assert c["cff-version"] == "1.2.0", c["cff-version"]
assert str(c["version"]) == sys.argv[2], (c["version"], sys.argv[2])
assert c["license"] == "MIT" and c["title"] and c["authors"], c
PY
finish
