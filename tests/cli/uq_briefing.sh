#!/bin/sh
# docs/analyses/uncertainty.md states only numbers the code produces: the
# whole page takes minutes of CPU to regenerate (scripts/uq-briefing), too
# long for `make test`, so this test re-runs its first section (the radar
# track-range sweep and the four presets, about a second) and requires it to
# equal the committed page's beginning byte for byte. Regenerate the page
# with: BMD_DATA_DIR=data scripts/uq-briefing build/bmdsim > docs/analyses/uncertainty.md
. "$(dirname "$0")/lib.inc"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
python3 "$SRC/scripts/uq-briefing" --section1 "$BMDSIM" >s1.md 2>err.txt && ok || bad "uq-briefing --section1 failed: $(cat err.txt)"
n=$(wc -l <s1.md)
head -n "$n" "$SRC/docs/analyses/uncertainty.md" >doc1.md
if cmp -s s1.md doc1.md; then ok; else bad "docs/analyses/uncertainty.md section 1 differs from what the code produces:"; diff doc1.md s1.md | head -20 >&2; fi
finish
