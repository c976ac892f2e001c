/*
 * test_engagement_montecarlo.c: the Monte Carlo of engagements
 * (bmd/montecarlo.h).
 *
 * (w) Wilson interval: against Newcombe, Statistics in Medicine 17 (1998)
 *     857, Table II, 81 of 263: 0.2553 to 0.3662 (tolerance 5e-5, the
 *     table's rounding), and against the definition (Wilson, JASA 22 (1927)
 *     209): the bounds are the roots p of (phat - p)^2 = z^2 p (1 - p) / n
 *     (residual below 1e-12).
 * (b) Wilkening's arithmetic (Science & Global Security 8 (1999);
 *     the project's reference list): single-shot kill probability 0.8; a
 *     two-shot salvo negates with 1 - 0.2^2 = 0.96 using 2 interceptors;
 *     shoot-look-shoot 1-1 with perfect kill assessment also 0.96 using on
 *     average 1 + 0.2 = 1.2 interceptors; ten warheads with two shots each,
 *     independent: no leaker with 0.96^10 = 0.6648.
 *     Simplified scenario: the default scenario's geometry (THAAD and
 *     AN/TPY-2 at Seongju, Nodong north-hwanghae -> busan) with perfect
 *     tracking and no measurement noise, pk 0.8 and a lethal radius of
 *     10 m, ideal homing (the fixed-Pk literature mode; realistic homing's
 *     centimetre misses would hit as well, but ideal homing lets the fly-out
 *     memo serve the 20,000 runs): against the true trajectory every guided
 *     fly-out hits (checked
 *     on a recorded run: miss below the lethal radius), so a shot kills
 *     exactly when its kill draw does and the engagement reduces to
 *     Wilkening's model. 20,000 runs per doctrine (2,000 for the raid of
 *     ten). Pass: the 95 % Wilson interval contains the reference
 *     probability; the salvo uses exactly 2 interceptors per threat;
 *     shoot-look-shoot's mean within 3 standard errors (sample standard
 *     deviation / sqrt(runs)) of 1.2.
 * (c) determinism: the same seed gives identical Monte Carlo results
 *     (every count and every double, bit for bit) on 1 and 2 threads, with
 *     the EKF, measurement noise and an uncertain radar power.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "test_engagement_util.h"

#include "bmd/interceptor.h"
#include "bmd/montecarlo.h"

#define WILKENING_RUNS 20000L
#define RAID_RUNS 2000L

static void test_wilson(void **state)
{
    (void)state;
    double lo, hi;
    bmd_wilson(81, 263, &lo, &hi);
    CHECK_ABS(lo, 0.2553, 5e-5);
    CHECK_ABS(hi, 0.3662, 5e-5);
    const long ks[] = {1, 37, 500, 999}, n = 1000;
    const double z = 1.959964;
    for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++) {
        bmd_wilson(ks[i], n, &lo, &hi);
        double ph = (double)ks[i] / (double)n;
        double f_lo = (ph - lo) * (ph - lo) - z * z * lo * (1.0 - lo) / (double)n;
        double f_hi = (ph - hi) * (ph - hi) - z * z * hi * (1.0 - hi) / (double)n;
        CHECK_ABS(f_lo, 0.0, 1e-12);
        CHECK_ABS(f_hi, 0.0, 1e-12);
        assert_true(lo < ph && ph < hi);
    }
    bmd_wilson(0, 10, &lo, &hi);
    CHECK_ABS(lo, 0.0, 1e-15);
}

/* %s doctrine, %d salvo, %d threats */
static const char *const WILK_FMT =
    "name: Wilkening check\n"
    "radars:\n"
    "  - {name: tpy2, type: an-tpy2, site: seongju, boresight: 322deg, revisit: 1s}\n"
    "batteries:\n"
    "  - name: seongju\n"
    "    site: seongju\n"
    "    interceptor: thaad\n"
    "    launchers: 6\n"
    "    missiles_per_launcher: 8\n"
    "    doctrine: {mode: %s, salvo: %d, kill_assessment: 10s}\n"
    "    reaction_time: 10s\n"
    "    launch_interval: 1s\n"
    "    radar: tpy2\n"
    "    overrides: {pk: 0.8, lethal_radius: 10m}\n"
    "threats:\n"
    "  - {name: n, missile: nodong, launch: {site: north-hwanghae, time: 0s}, aim: busan,\n"
    "     rcs: 0.1m2, count: %d, interval: 15s}\n"
    "tracking: {filter: truth, initiation: 3/5}\n"
    "simulation: {dt: 0.5s}\n"
    "homing: ideal\n"; /* Wilkening's model: fixed Pk, every fly-out a hit */

static bmd_engage_plan *wilk_plan(const eng_cats *c, const char *mode, int salvo, int n,
                                  bmd_scenario *s)
{
    char y[2048];
    snprintf(y, sizeof y, WILK_FMT, mode, salvo, n);
    return eng_plan(c, y, s);
}

/* Every guided fly-out of recorded runs 0..n_runs-1 hits (the premise of
 * the check); returns the number of runs with more than one engagement of
 * a threat (shoot-look-shoot re-engagements). */
static int all_hits(const bmd_engage_plan *plan, long n_runs)
{
    int reengaged = 0;
    for (long run = 0; run < n_runs; run++) {
        bmd_engage_opts o;
        bmd_engage_opts_init(&o);
        o.noise = 0;
        bmd_engage_result r;
        bmd_errbuf e;
        CHECK_OK(bmd_engage_run(plan, run, 20260101u, &o, &r, &e));
        assert_true(r.n_shots >= 1);
        for (size_t i = 0; i < r.n_shots; i++) {
            if (r.shot[i].outcome != BMD_IC_HIT)
                fail_msg("run %ld shot %zu: outcome %d, miss %g m", run, i, r.shot[i].outcome,
                         r.shot[i].miss_m);
        }
        for (size_t i = 1; i < r.n_shots; i++)
            if (r.shot[i].threat == r.shot[i - 1].threat &&
                r.shot[i].launch_time_s > r.shot[i - 1].t_ca_s)
                reengaged++;
        bmd_engage_result_free(&r);
    }
    return reengaged;
}

static void mc(const bmd_engage_plan *plan, long runs, int threads, bmd_mc_result *res)
{
    bmd_engage_opts o;
    bmd_engage_opts_init(&o);
    o.noise = 0;
    o.record = 0;
    bmd_errbuf e;
    CHECK_OK(bmd_mc_run(plan, runs, 20260101u, threads, &o, NULL, NULL, res, &e));
}

static void test_wilkening_salvo(void **state)
{
    bmd_scenario s;
    bmd_engage_plan *plan = wilk_plan(*state, "salvo", 2, 1, &s);
    assert_int_equal(all_hits(plan, 10), 0); /* a salvo never re-engages */
    bmd_mc_result r;
    mc(plan, WILKENING_RUNS, 0, &r);
    const bmd_mc_threat *t = &r.threat[0];
    printf("  two-shot salvo, %ld runs: P(negation) %.4f [%.4f, %.4f], %.4f interceptors\n", r.runs,
           t->p_negation, t->p_lo, t->p_hi, t->mean_interceptors);
    assert_true(t->p_lo <= 0.96 && 0.96 <= t->p_hi);
    CHECK_ABS(t->mean_interceptors, 2.0, 0.0);
    bmd_mc_result_free(&r);
    bmd_engage_plan_free(plan);
    bmd_scenario_free(&s);
}

static void test_wilkening_sls(void **state)
{
    bmd_scenario s;
    bmd_engage_plan *plan = wilk_plan(*state, "shoot-look-shoot", 1, 1, &s);
    /* some of 50 runs re-engage (a first-shot failure has probability 0.2;
     * none in 50: 0.8^50 = 1.4e-5), and the second shot hits too */
    assert_true(all_hits(plan, 50) >= 1);
    bmd_mc_result r;
    mc(plan, WILKENING_RUNS, 0, &r);
    const bmd_mc_threat *t = &r.threat[0];
    double se = t->sd_interceptors / sqrt((double)r.runs);
    printf("  shoot-look-shoot 1-1, %ld runs: P(negation) %.4f [%.4f, %.4f], "
           "%.4f +- %.4f interceptors\n",
           r.runs, t->p_negation, t->p_lo, t->p_hi, t->mean_interceptors, se);
    assert_true(t->p_lo <= 0.96 && 0.96 <= t->p_hi);
    CHECK_ABS(t->mean_interceptors, 1.2, 3.0 * se);
    bmd_mc_result_free(&r);
    bmd_engage_plan_free(plan);
    bmd_scenario_free(&s);
}

static void test_wilkening_raid(void **state)
{
    bmd_scenario s;
    bmd_engage_plan *plan = wilk_plan(*state, "salvo", 2, 10, &s);
    assert_int_equal(all_hits(plan, 2), 0);
    bmd_mc_result r;
    mc(plan, RAID_RUNS, 0, &r);
    double want = pow(0.96, 10.0); /* 0.6648 */
    printf("  ten warheads, two shots each, %ld runs: P(no leaker) %.4f [%.4f, %.4f], "
           "want %.4f\n",
           r.runs, r.p_no_leaker, r.p_no_leaker_lo, r.p_no_leaker_hi, want);
    assert_true(r.p_no_leaker_lo <= want && want <= r.p_no_leaker_hi);
    CHECK_ABS(r.mean_interceptors_fired, 20.0, 0.0);
    bmd_mc_result_free(&r);
    bmd_engage_plan_free(plan);
    bmd_scenario_free(&s);
}

static void test_threads(void **state)
{
    const eng_cats *c = *state;
    const char *yaml =
        "name: determinism\n"
        "radars:\n"
        "  - {name: tpy2, type: an-tpy2, site: seongju, boresight: 322deg, revisit: 1s}\n"
        "batteries:\n"
        "  - {name: seongju, site: seongju, interceptor: thaad, launchers: 6,\n"
        "     missiles_per_launcher: 8, doctrine: {mode: shoot-look-shoot, salvo: 1},\n"
        "     radar: tpy2}\n"
        "threats:\n"
        "  - {name: n, missile: nodong, launch: {site: north-hwanghae, time: 0s}, aim: busan,\n"
        "     rcs: 0.1m2, count: 2, interval: 20s}\n"
        "tracking: {filter: ekf, initiation: 3/5}\n"
        "simulation: {dt: 0.5s}\n"
        "uncertain: {power_avg: [25kW, 100kW], pk: [0.5, 0.9]}\n";
    bmd_scenario s;
    bmd_engage_plan *plan = eng_plan(c, yaml, &s);
    bmd_mc_result a, b;
    bmd_errbuf e;
    CHECK_OK(bmd_mc_run(plan, 24, 3, 1, NULL, NULL, NULL, &a, &e));
    CHECK_OK(bmd_mc_run(plan, 24, 3, 2, NULL, NULL, NULL, &b, &e));
    assert_int_equal(a.runs, b.runs);
    assert_int_equal(a.n_threats, b.n_threats);
    assert_int_equal(a.no_leaker_runs, b.no_leaker_runs);
    assert_memory_equal(&a.p_no_leaker, &b.p_no_leaker, sizeof a.p_no_leaker);
    assert_memory_equal(&a.p_no_leaker_lo, &b.p_no_leaker_lo, sizeof a.p_no_leaker_lo);
    assert_memory_equal(&a.p_no_leaker_hi, &b.p_no_leaker_hi, sizeof a.p_no_leaker_hi);
    assert_memory_equal(&a.mean_interceptors_fired, &b.mean_interceptors_fired,
                        sizeof a.mean_interceptors_fired);
    assert_memory_equal(a.threat, b.threat, a.n_threats * sizeof *a.threat);
    long n = a.threat[0].intercepted + a.threat[0].leaked + a.threat[0].not_engaged;
    assert_int_equal(n, 24);
    /* The same runs as blocks of a distributed Monte Carlo (bmdsim run under
     * mpirun: one block per rank): [0, 5) on 2 threads, [5, 6) on 1,
     * [6, 24) on 2, concatenated in run order and reduced. Bit-identical
     * to one bmd_mc_run (bmd/montecarlo.h). */
    size_t nk = a.n_threats;
    bmd_mc_outcome *out = malloc(24 * nk * sizeof *out);
    assert_non_null(out);
    CHECK_OK(bmd_mc_run_range(plan, 0, 5, 3, 2, NULL, NULL, NULL, out, NULL, &e));
    CHECK_OK(bmd_mc_run_range(plan, 5, 1, 3, 1, NULL, NULL, NULL, out + 5 * nk, NULL, &e));
    CHECK_OK(bmd_mc_run_range(plan, 6, 18, 3, 2, NULL, NULL, NULL, out + 6 * nk, NULL, &e));
    bmd_mc_result blk;
    CHECK_OK(bmd_mc_reduce(plan, 24, out, NULL, &blk, &e));
    assert_int_equal(blk.runs, a.runs);
    assert_int_equal(blk.n_threats, a.n_threats);
    assert_int_equal(blk.no_leaker_runs, a.no_leaker_runs);
    assert_int_equal(blk.n_miss, a.n_miss);
    assert_memory_equal(&blk.p_no_leaker, &a.p_no_leaker, sizeof a.p_no_leaker);
    assert_memory_equal(&blk.p_no_leaker_lo, &a.p_no_leaker_lo, sizeof a.p_no_leaker_lo);
    assert_memory_equal(&blk.p_no_leaker_hi, &a.p_no_leaker_hi, sizeof a.p_no_leaker_hi);
    assert_memory_equal(&blk.mean_interceptors_fired, &a.mean_interceptors_fired,
                        sizeof a.mean_interceptors_fired);
    assert_memory_equal(&blk.mean_interceptors_at_non_warheads,
                        &a.mean_interceptors_at_non_warheads,
                        sizeof a.mean_interceptors_at_non_warheads);
    assert_memory_equal(&blk.miss_median_m, &a.miss_median_m, sizeof a.miss_median_m);
    assert_memory_equal(&blk.miss_p90_m, &a.miss_p90_m, sizeof a.miss_p90_m);
    assert_memory_equal(blk.threat, a.threat, nk * sizeof *a.threat);
    free(out);
    bmd_mc_result_free(&blk);
    bmd_mc_result_free(&a);
    bmd_mc_result_free(&b);
    bmd_engage_plan_free(plan);
    bmd_scenario_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wilson),          cmocka_unit_test(test_threads),
        cmocka_unit_test(test_wilkening_salvo), cmocka_unit_test(test_wilkening_sls),
        cmocka_unit_test(test_wilkening_raid),
    };
    return cmocka_run_group_tests(tests, eng_setup, eng_teardown);
}
