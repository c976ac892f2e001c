#!/bin/sh
# web_wasm_agree: the WebAssembly module (web/wasm, run under node as the
# page runs it) gives the native bmdsim's answers: the same commands, the
# same standard output and the same -o files, token for token, numbers within
# the tolerance of tests/web/agree.py (different C maths libraries: glibc
# natively, musl in emscripten). The commands cover what the page uses
# (coverage at altitude, visibility with its arcs, a trajectory, a coarse
# footprint from options and from a scenario file), one engagement and the
# catalogs as read by the YAML loader (libfyaml built for WebAssembly).
#   wasm_agree.sh BMDSIM BMDW_JS
set -eu
BMDSIM=$1
BMDW=$2
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export BMD_DATA_DIR="$ROOT/data"
T=$(mktemp -d "${TMPDIR:-.}/web_wasm_agree.XXXXXX")
trap 'rm -rf "$T"' EXIT
T=$(cd "$T" && pwd)
fail=0
n=0
# SOLVER: the relative tolerance of commands whose answers come from
# targeting and intercept solves (tests/web/agree.py says why); 0: none
SOLVER=5e-3
check() { # NAME REL WORD...: run natively and in the module, compare
  name=$1
  rel=$2
  shift 2
  n=$((n + 1))
  mkdir -p "$T/n-$name/out" "$T/w-$name"
  # natively from a directory holding data/ as the module's root does, so
  # that relative names (-o out, data/scenarios/...) read the same
  ln -s "$ROOT/data" "$T/n-$name/data"
  set +e
  (cd "$T/n-$name" && "$BMDSIM" "$@" >out/stdout.txt 2>stderr.txt)
  rn=$?
  node "$HERE/wasm-run.js" "$BMDW" "$T/w-$name" "$@" 2>"$T/w-$name.stderr"
  rw=$?
  set -e
  if [ "$rn" -ne "$rw" ]; then
    echo "FAIL $name: exit status native $rn, wasm $rw"
    cat "$T/n-$name/stderr.txt" "$T/w-$name.stderr"
    fail=1
    return
  fi
  if msg=$(python3 "$HERE/agree.py" "$T/n-$name/out" "$T/w-$name" "$rel"); then
    echo "ok   $name: $msg"
  else
    echo "FAIL $name: $msg"
    fail=1
  fi
}
check coverage 0 coverage --radar an-tpy2 --site seongju --boresight 322deg --rcs 0.01m2 \
  --altitude 100km --rays 180 --samples 100 --json -o out
check coverage-nrc 0 coverage --radar an-tpy2-nrc --site 37.0N,127.0E --boresight 300deg \
  --rcs -20dBsm --altitude 150km --rcs-table --json
check visibility $SOLVER visibility --site seongju --boresight 322deg --missile nodong \
  --from north-hwanghae --to busan --json -o out
check trajectory $SOLVER trajectory --missile hwasong-15 --from 39.0N,125.7E --to 35.0N,129.0E \
  --shape lofted --apogee 1000km --json -o out
check footprint $SOLVER footprint --resolution 25km --check busan,seoul --json --no-progress -o out
check footprint-scenario $SOLVER footprint data/scenarios/default.yaml --resolution 30km \
  --doctrine shoot --reaction 20s --json --no-progress
check engagement $SOLVER run --runs 1 --json
check catalog 0 catalog --json
check bad-input 0 coverage --radar no-such-radar --json
echo "web_wasm_agree: $n commands compared"
exit "$fail"
