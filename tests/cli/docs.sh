#!/bin/sh
# README.md and docs/analyses/*.md state only numbers the current code
# produces: scripts/gen-docs --check re-runs every generated region (radar
# reach, defended sites, the default run) and docs/analyses/radar-reach.md
# with this bmdsim and fails, printing the diff, when a file differs.
# About 40 s of CPU (scripts/gen-docs says which runs and resolutions).
SRC=$(cd "$(dirname "$0")/../.." && pwd)
exec python3 "$SRC/scripts/gen-docs" --check "$1"
