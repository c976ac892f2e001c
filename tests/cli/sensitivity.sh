#!/bin/sh
# Command-line tests of `bmdsim sensitivity`: the estimators on the analytic
# test functions (the same checks as tests/uq/test_uq_sensitivity.c, through the
# command), thread independence, and bad input.
. "$(dirname "$0")/lib.inc"

# Ishigami, a = 7, b = 0.1: analytic S1 = 0.3139, 0.4424, 0 and ST = 0.5576,
# 0.4424, 0.2437 (Ishigami & Homma 1990; Saltelli et al. 2008 sect. 4.9; the
# derivation is in tests/uq/test_uq_sensitivity.c). N = 4096 base samples:
# tolerance 0.05, about 4 implied standard errors at this N (the unit test
# computes them), and the 95 % bootstrap interval must contain the truth.
expect_exit 0 "ishigami" -- sensitivity --test-function ishigami --samples 4096 --seed 3 --json --threads 1
cp out.txt ish1.json
python3 - <<'PY' || bad "ishigami indices"
import json
o = json.load(open("ish1.json"))
assert o["method"] == "sobol" and o["metric"] == "ishigami" and o["samples"] == 4096 and o["seed"] == 3
p = {q["name"]: q for q in o["parameters"]}
truth = {"x1": (0.3139, 0.5576), "x2": (0.4424, 0.4424), "x3": (0.0, 0.2437)}
for n, (s1, st) in truth.items():
    q = p[n]
    assert abs(q["S1"] - s1) < 0.05 and abs(q["ST"] - st) < 0.05, (n, q)
    assert q["S1_lo"] <= s1 <= q["S1_hi"] and q["ST_lo"] <= st <= q["ST_hi"], (n, q)
assert [p[n]["rank"] for n in ("x1", "x2", "x3")] == [1, 2, 3]
PY
# The same bytes with two threads.
expect_exit 0 "ishigami 2 threads" -- sensitivity --test-function ishigami --samples 4096 --seed 3 --json --threads 2
cmp -s out.txt ish1.json && ok || bad "1 and 2 threads differ"

# g function, a = (0, 1, 4.5, 9, 99, 99, 99, 99): V_i = 1/(3 (1 + a_i)^2),
# S_i = V_i / (prod(1 + V_j) - 1) (Saltelli et al. 2008 sect. 3.5);
# tolerance 0.05 at N = 4096 as above.
expect_exit 0 "g function" -- sensitivity --test-function sobol-g --samples 4096 --json
python3 - <<'PY' || bad "g-function indices"
import json
o = json.load(open("out.txt"))
a = [0, 1, 4.5, 9, 99, 99, 99, 99]
v = [1 / (3 * (1 + x) ** 2) for x in a]
prod = 1.0
for x in v: prod *= 1 + x
for i, q in enumerate(o["parameters"]):
    s1 = v[i] / (prod - 1); st = v[i] * prod / (1 + v[i]) / (prod - 1)
    assert abs(q["S1"] - s1) < 0.05 and abs(q["ST"] - st) < 0.05, (i, q, s1, st)
PY
# Morris ranks the four inputs with small a_i first (Campolongo et al. 2007).
expect_exit 0 "morris" -- sensitivity --test-function sobol-g --method morris --samples 40 --json
python3 - <<'PY' || bad "morris ranking"
import json
o = json.load(open("out.txt"))
assert o["method"] == "morris"
r = [q["rank"] for q in o["parameters"]]
assert sorted(r[:4]) == [1, 2, 3, 4] and r[0] == 1, r
for q in o["parameters"]:
    assert q["mu_star"] >= abs(q["mu"]) and q["sigma"] >= 0
PY
expect_exit 0 "table" -- sensitivity --test-function ishigami --samples 256
expect_out "ST \[95 % CI\]" "table header"

# Bad input: one line on stderr, exit 2, nothing on stdout.
expect_exit 2 "negative samples" -- sensitivity --test-function ishigami --samples -5
expect_err "samples" "negative samples"
[ ! -s out.txt ] && ok || bad "negative samples wrote to stdout"
expect_exit 2 "unknown function" -- sensitivity --test-function ishigame
expect_err "did you mean 'ishigami'" "unknown function"
expect_exit 2 "bad method" -- sensitivity --test-function ishigami --method sobel
expect_err "method" "bad method"
expect_exit 2 "odd levels" -- sensitivity --test-function ishigami --method morris --levels 3
expect_err "levels" "odd levels"
finish
