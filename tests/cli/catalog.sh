#!/bin/sh
# Command-line tests of `bmdsim catalog`, `validate`, `run` and the top level.
. "$(dirname "$0")/lib.inc"

expect_exit 0 "catalog list" -- catalog
for m in scud-b scud-c scud-er nodong musudan hwasong-12 hwasong-14 hwasong-15 df-21 df-26 df-31a df-41; do
    expect_out "$m" "catalog lists $m"
done
expect_exit 0 "catalog one" -- catalog nodong
expect_out "source:" "catalog shows sources"
expect_exit 0 "catalog json" -- catalog nodong --json
python3 -c 'import json; d = json.load(open("out.txt")); assert d["name"] == "nodong" and d["sources"]' \
    || bad "catalog json"
expect_exit 2 "catalog unknown" -- catalog nodnog
expect_err "did you mean 'nodong'" "catalog suggestion"
expect_exit 0 "catalog radar" -- catalog an-tpy2
expect_out "instrumented range" "radar preset shows its range window"
expect_out "sources" "radar preset shows its sources"
expect_exit 0 "catalog list radars" -- catalog
for r in an-tpy2 an-tpy2-fbm an-tpy2-lewis-postol an-tpy2-nrc; do
    expect_out "$r" "catalog lists $r"
done
expect_exit 0 "catalog sites" -- catalog --sites
expect_out "seongju" "sites listed"

# Malformed catalog YAML: file:line:col and exit 2.
mkdir -p bad/catalog
cp "$BMD_DATA_DIR/sites.yaml" bad/
printf 'missiles:\n  - name: x\n    stages: [\n' >bad/catalog/missiles.yaml
expect_exit 2 "malformed catalog" -- catalog --data bad
expect_err "missiles.yaml:[0-9]*:[0-9]*" "malformed catalog position"

expect_exit 0 "validate" -- validate --group atmosphere
expect_out "0 failed" "validate atmosphere passes"
expect_exit 2 "validate bad group" -- validate --group atmosphre
expect_err "did you mean 'atmosphere'" "validate group suggestion"

expect_exit 0 "run" -- run --json
python3 -c 'import json; d = json.load(open("out.txt")); assert d["threats"][0]["outcome"] in ("intercepted", "leaked", "not_engaged")' || bad "run json"
expect_exit 2 "unknown command" -- trajectry
expect_err "did you mean 'trajectory'" "command suggestion"
expect_exit 0 "top help" -- --help
finish
