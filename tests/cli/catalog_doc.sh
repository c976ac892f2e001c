#!/bin/sh
# docs/catalog.md is generated from data/catalog/missiles.yaml and `bmdsim
# validate` by scripts/catalog-doc (issue 11): fail when the page is stale.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.inc"
if python3 "$ROOT/scripts/catalog-doc" "$BMDSIM" "$ROOT/data" >catalog.md 2>err.txt; then ok
else bad "scripts/catalog-doc failed: $(head -c 300 err.txt)"; fi
if diff -u "$ROOT/docs/catalog.md" catalog.md >diff.txt; then ok
else bad "docs/catalog.md is stale: run scripts/catalog-doc build/bmdsim > docs/catalog.md ($(head -c 600 diff.txt))"; fi
finish
