#!/bin/sh
# Executes examples/notebooks/briefing.ipynb with jupyter nbconvert and every
# examples/python/*.py script; each must finish without an error. The
# executed notebook must hold its two figures. $1: the Python interpreter.
set -u
PY=$1
SRC=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0; passes=0
ok() { passes=$((passes + 1)); }
bad() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
for f in "$SRC"/examples/python/*.py; do
    if "$PY" "$f" >"$T/out.txt" 2>"$T/err.txt"; then ok; else bad "$f: $(tail -3 "$T/err.txt")"; fi
done
if "$PY" -m nbconvert --to notebook --execute "$SRC/examples/notebooks/briefing.ipynb" \
    --output-dir "$T" --ExecutePreprocessor.timeout=600 >"$T/nb.txt" 2>&1; then
    ok
    n=$("$PY" -c "import json,sys; nb=json.load(open(sys.argv[1])); print(sum('image/png' in o.get('data',{}) for c in nb['cells'] for o in c.get('outputs',[])))" "$T/briefing.ipynb")
    [ "$n" -ge 2 ] && ok || bad "notebook: $n figures, want 2"
else
    bad "notebook: $(tail -5 "$T/nb.txt")"
fi
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
