#!/bin/sh
# `mpirun -np 2 bmdsim footprint` writes the same raster as one process.
# Skipped (with a message, exit 0) where mpirun or MPI support is absent;
# CI installs Open MPI (scripts/setup --mpi).
. "$(dirname "$0")/lib.inc"
need_mpirun
ARGS="--resolution 25km --chunk 64 --threads 1 --no-progress --check busan --json"
mkdir one two
expect_exit 0 "one process" -- footprint $ARGS -o one
cp out.txt one.json
mpirun -np 2 --oversubscribe "$BMDSIM" footprint $ARGS -o two >out.txt 2>err.txt
st=$?
if grep -q "built without MPI" err.txt; then
    echo "SKIP: this bmdsim was built without MPI"
    exit 0
fi
[ $st -eq 0 ] && ok || bad "mpirun -np 2: exit $st ($(head -c 300 err.txt))"
same_but_provenance one/footprint.csv two/footprint.csv && ok || bad "raster differs between 1 and 2 ranks"
same_but_provenance one/footprint.geojson two/footprint.geojson && ok || bad "GeoJSON differs between 1 and 2 ranks"
python3 -c 'import json; a=json.load(open("one.json")); b=json.load(open("out.txt")); assert b["ranks"] == 2 and a["defended_cells"] == b["defended_cells"] and a["checks"] == b["checks"]' \
    && ok || bad "JSON summary differs"
finish
