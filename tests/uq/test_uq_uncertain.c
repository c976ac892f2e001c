/*
 * test_uq_uncertain.c: uncertain parameters by path (bmd/uncertain.h) and
 * the metric registry (bmd/metric.h): distributions against their analytic
 * quantiles, Latin hypercube strata, path resolution and application, the
 * `uncertain:` block with file:line:col errors, metric names, and the
 * common-random-number property of the Monte Carlo metrics.
 */
#include <stdio.h>
#include <string.h>

#include "catalogs.h"
#include "check.h"

#include "bmd/metric.h"
#include "bmd/sensitivity.h"
#include "bmd/uncertain.h"

static void test_distributions(void **state)
{
    (void)state;
    bmd_uq_param p;
    memset(&p, 0, sizeof p);
    /* uniform: lo + (hi - lo) u exactly (1e-12) */
    p.dist = BMD_DIST_UNIFORM, p.lo = 2.0, p.hi = 6.0;
    CHECK_ABS(bmd_uq_param_value(&p, 0.25), 3.0, 1e-12);
    /* loguniform: the median is the geometric mean sqrt(lo hi) (1e-12 rel) */
    p.dist = BMD_DIST_LOGUNIFORM, p.lo = 0.01, p.hi = 1.0;
    CHECK_REL(bmd_uq_param_value(&p, 0.5), 0.1, 1e-12);
    /* triangular: F(mode) = (mode - lo)/(hi - lo), so the quantile there is
     * the mode; the median of (0, 0, 1) is 1 - sqrt(1/2) (1e-12) */
    p.dist = BMD_DIST_TRIANGULAR, p.lo = 5.0, p.mode = 10.0, p.hi = 30.0;
    CHECK_ABS(bmd_uq_param_value(&p, 5.0 / 25.0), 10.0, 1e-12);
    p.lo = 0.0, p.mode = 0.0, p.hi = 1.0;
    CHECK_ABS(bmd_uq_param_value(&p, 0.5), 1.0 - sqrt(0.5), 1e-12);
    /* normal truncated symmetrically: median = mean; with bounds at +-10 sd
     * the truncation is negligible and Phi(1) = 0.841344746 gives mean + sd
     * (Abramowitz & Stegun 26.2; 1e-6) */
    p.dist = BMD_DIST_NORMAL, p.mean = 2800.0, p.sd = 100.0, p.lo = 1800.0, p.hi = 3800.0;
    CHECK_ABS(bmd_uq_param_value(&p, 0.5), 2800.0, 1e-9);
    CHECK_ABS(bmd_uq_param_value(&p, 0.841344746), 2900.0, 1e-3);
    /* and it never leaves [lo, hi] */
    p.lo = 2700.0, p.hi = 2750.0;
    double v0 = bmd_uq_param_value(&p, 0.0), v1 = bmd_uq_param_value(&p, 1.0);
    assert_true(v0 >= 2700.0 && v1 <= 2750.0 && v0 <= v1);
    /* choice: floor(u n), the last index at u = 1 */
    p.dist = BMD_DIST_CHOICE, p.n_choices = 4;
    CHECK_ABS(bmd_uq_param_value(&p, 0.3), 1.0, 0.0);
    CHECK_ABS(bmd_uq_param_value(&p, 1.0), 3.0, 0.0);
}

/* Latin hypercube: each input has exactly one point in each of n strata. */
static void test_lhs(void **state)
{
    (void)state;
    enum { K = 3, NS = 50 };
    double u[NS * K];
    CHECK_OK(bmd_uq_lhs(K, NS, 9, u, NULL));
    for (int d = 0; d < K; d++) {
        int seen[NS] = {0};
        for (int j = 0; j < NS; j++) {
            double x = u[j * K + d];
            assert_true(x >= 0.0 && x < 1.0);
            seen[(int)(x * NS)]++;
        }
        for (int s = 0; s < NS; s++)
            assert_int_equal(seen[s], 1);
    }
    CHECK_STATUS(bmd_uq_lhs(0, 5, 1, u, NULL), BMD_EINVAL);
}

static int load_default(tst_cats *c, bmd_scenario *s)
{
    char p[1024];
    if (bmd_data_path(p, sizeof p, tst_data_dir(), "scenarios/default.yaml")) return -1;
    bmd_errbuf e;
    bmd_scenario_init(s);
    return bmd_scenario_load(p, &c->env, s, &e);
}

static void test_paths(void **state)
{
    tst_cats *c = *state;
    bmd_scenario s;
    CHECK_OK(load_default(c, &s));
    int q;
    double nominal;
    bmd_errbuf e;
    /* the catalog's AN/TPY-2 average power, 57.6 kW (data/catalog/radars.yaml) */
    CHECK_OK(bmd_uq_resolve(&s, "radars.tpy2.power_avg", &q, &nominal, &e));
    assert_int_equal(q, BMD_Q_POWER);
    CHECK_ABS(nominal, 57600.0, 1e-6);
    CHECK_STATUS(bmd_uq_resolve(&s, "radars.tpy3.power_avg", NULL, NULL, &e), BMD_ENOTFOUND);
    assert_non_null(strstr(e.msg, "did you mean 'tpy2'"));
    CHECK_STATUS(bmd_uq_resolve(&s, "radars.tpy2.power_ag", NULL, NULL, &e), BMD_ENOTFOUND);
    assert_non_null(strstr(e.msg, "did you mean 'power_avg'"));
    CHECK_STATUS(bmd_uq_resolve(&s, "raders.tpy2.power_avg", NULL, NULL, &e), BMD_ENOTFOUND);
    assert_non_null(strstr(e.msg, "did you mean 'radars'"));
    CHECK_STATUS(bmd_uq_resolve(&s, "radars.tpy2", NULL, NULL, &e), BMD_EINVAL);
    /* apply: every target changes, and the checks run */
    bmd_uq_param p;
    CHECK_OK(bmd_uq_param_parse("threats.*.rcs=0.01m2:1m2", &s, &p, &e));
    CHECK_OK(bmd_uq_apply(&s, &c->env, &p, 0.5, &e));
    CHECK_ABS(s.threat[0].rcs.rcs_m2[0], 0.5, 0.0);
    CHECK_OK(bmd_uq_param_parse("batteries.seongju.launchers=1:9", &s, &p, &e));
    CHECK_OK(bmd_uq_apply(&s, &c->env, &p, 3.4, &e));
    assert_int_equal(s.battery[0].launchers, 3);
    /* burnout speed scales the booster's Isp by the same ratio */
    double isp0 = s.battery[0].interceptor.booster.stage[0].isp_vac_s;
    CHECK_OK(bmd_uq_param_parse("interceptors.thaad.burnout_speed=2.6km/s:3km/s", &s, &p, &e));
    CHECK_OK(bmd_uq_apply(&s, &c->env, &p, 2.8e3 * 1.05, &e));
    CHECK_REL(s.battery[0].interceptor.booster.stage[0].isp_vac_s, 1.05 * isp0, 1e-12);
    /* option text errors */
    CHECK_STATUS(bmd_uq_param_parse("radars.tpy2.power_avg=2kW:1kW", &s, &p, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "lo <= hi"));
    CHECK_STATUS(bmd_uq_param_parse("radars.tpy2.power_avg=1kg:2kg", &s, &p, &e), BMD_EUNIT);
    CHECK_OK(bmd_uq_param_parse("radars.tpy2.power_avg=normal:50kW:5kW", &s, &p, &e));
    CHECK_ABS(p.lo, 35e3, 1e-6);
    bmd_scenario_free(&s);
}

/* The `uncertain:` block of the default scenario, and errors at file:line:col. */
static void test_block(void **state)
{
    tst_cats *c = *state;
    bmd_scenario s;
    CHECK_OK(load_default(c, &s));
    char p[1024];
    CHECK_OK(bmd_data_path(p, sizeof p, tst_data_dir(), "scenarios/default.yaml"));
    bmd_uq_space sp;
    bmd_errbuf e;
    CHECK_OK(bmd_uq_space_load(p, NULL, 0, NULL, &s, &c->env, &sp, &e));
    assert_int_equal(sp.n, 5);
    assert_string_equal(sp.p[0].path, "radars.tpy2.power_avg");
    assert_int_equal(sp.p[0].dist, BMD_DIST_LOGUNIFORM);
    CHECK_ABS(sp.p[0].lo, 14400.0, 1e-9);
    assert_int_equal(sp.p[3].dist, BMD_DIST_TRIANGULAR);
    CHECK_ABS(sp.p[3].mode, 10.0, 1e-12);
    struct {
        const char *text, *want;
        int status;
    } bad[] = {
        {"uncertain:\n  radars.tpy2.power_avg: [50kW, 20kW]\n",
         "t.yaml:2:27: uncertain: "
         "'radars.tpy2.power_avg': bounds",
         BMD_EINVAL},
        {"uncertain:\n  radars.tpy2.powr_avg: [1kW, 2kW]\n", "t.yaml:2:3: uncertain: path",
         BMD_ENOTFOUND},
        {"uncertain:\n  radars.tpy2.power_avg: {dist: loguniforn, lo: 1kW, hi: 2kW}\n",
         "did you mean 'loguniform'", BMD_EPARSE},
        {"uncertain:\n  radars.tpy2.power_avg: {dist: loguniform, lo: 0W, hi: 1kW}\n",
         "loguniform needs lo > 0", BMD_EINVAL},
        {"uncertain:\n  radars.tpy2.type: {dist: choice, values: [an-tpy2, an-tpy3]}\n", "an-tpy3",
         BMD_ENOTFOUND},
        {"uncertain:\n  powr_avg: [1kW, 2kW]\n", "did you mean 'power_avg'", BMD_EPARSE},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int st = bmd_uq_space_load(NULL, bad[i].text, strlen(bad[i].text), "t.yaml", &s, &c->env,
                                   &sp, &e);
        if (st != bad[i].status || strstr(e.msg, bad[i].want) == NULL)
            fail_msg("case %zu: status %d, message '%s'", i, st, e.msg);
        assert_int_equal(sp.n, 0);
    }
    /* a choice over presets */
    const char *ok = "uncertain:\n  radars.tpy2.type: {dist: choice, values: [an-tpy2, "
                     "an-tpy2-fbm]}\n";
    CHECK_OK(bmd_uq_space_load(NULL, ok, strlen(ok), "t.yaml", &s, &c->env, &sp, &e));
    CHECK_OK(bmd_uq_apply(&s, &c->env, &sp.p[0], 1.0, &e));
    assert_string_equal(s.radar[0].type, "an-tpy2-fbm");
    bmd_scenario_free(&s);
}

static void test_metric_names(void **state)
{
    tst_cats *c = *state;
    bmd_scenario s;
    CHECK_OK(load_default(c, &s));
    bmd_metric m;
    bmd_errbuf e;
    CHECK_OK(bmd_metric_parse(&s, "p_negation", &m, &e)); /* one threat: no name needed */
    assert_int_equal(m.index, 0);
    assert_true(m.stochastic);
    CHECK_OK(bmd_metric_parse(&s, "range_m:nodong-1", &m, &e));
    assert_false(m.stochastic);
    CHECK_STATUS(bmd_metric_parse(&s, "p_negaton", &m, &e), BMD_ENOTFOUND);
    assert_non_null(strstr(e.msg, "did you mean 'p_negation'"));
    CHECK_STATUS(bmd_metric_parse(&s, "range_m:nodong-2", &m, &e), BMD_ENOTFOUND);
    assert_non_null(strstr(e.msg, "nodong-1"));
    CHECK_STATUS(bmd_metric_parse(&s, "p_no_leaker:x", &m, &e), BMD_EINVAL);
    /* footprint and visibility metrics: a site from the scenario's places
     * without catalogs (busan is the threat's aim point: its coordinates
     * exactly); a site only the catalog has needs it */
    CHECK_OK(bmd_metric_parse(&s, "defended:busan", &m, &e));
    assert_int_equal(m.kind, BMD_MET_DEFENDED);
    CHECK_ABS(m.lat_rad, s.threat[0].aim.lat_rad, 0.0);
    CHECK_ABS(m.res_m, BMD_METRIC_FP_RES_M, 0.0);
    CHECK_STATUS(bmd_metric_parse(&s, "defended:seoul", &m, &e), BMD_ENOTFOUND);
    CHECK_STATUS(bmd_metric_parse(&s, "defended", &m, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "name a site"));
    CHECK_OK(bmd_metric_parse(&s, "seen_s", &m, &e));
    assert_int_equal(m.index, 0);
    CHECK_OK(bmd_metric_parse(&s, "defended_area_km2", &m, &e));
    assert_string_equal(m.unit, "km2");
    CHECK_STATUS(bmd_metric_parse(&s, "defended_area_km2:x", &m, &e), BMD_EINVAL);
    CHECK_OK(bmd_metric_parse_env(&s, &c->env, "defended:seoul", &m, &e));
    CHECK_STATUS(bmd_metric_parse_env(&s, &c->env, "defended:seol", &m, &e), BMD_ENOTFOUND);
    assert_non_null(strstr(e.msg, "did you mean 'seoul'"));
    bmd_scenario_free(&s);
}

/*
 * Common random numbers: a kill happens when the run's kill uniform is
 * below pk (bmd/engage.h, bmd_engage_run note 1) and every pk value sees
 * the same uniforms, so the runs killed at a lower pk are also killed at a
 * higher one while the engagement geometry is unchanged: p_negation cannot
 * decrease with pk (exactly, not only on average); pk = 0 kills nothing
 * (p_negation 0, interceptors per kill undefined, NaN). The noise variance
 * of a proportion is p (1 - p) / (R - 1).
 */
static void test_common_random_numbers(void **state)
{
    tst_cats *c = *state;
    bmd_scenario s;
    CHECK_OK(load_default(c, &s));
    bmd_metric m[2];
    bmd_errbuf e;
    CHECK_OK(bmd_metric_parse(&s, "p_negation", &m[0], &e));
    CHECK_OK(bmd_metric_parse(&s, "interceptors_per_kill", &m[1], &e));
    bmd_uq_param p;
    CHECK_OK(bmd_uq_param_parse("interceptors.thaad.pk=0:1", &s, &p, &e));
    bmd_uq_scenario_model model = {&s, &c->env, &p, 1, m, 2, 12, 7};
    double prev = -1.0;
    const double pk[] = {0.0, 0.3, 0.6, 0.9};
    for (int i = 0; i < 4; i++) {
        double y[4];
        CHECK_OK(bmd_uq_scenario_eval(&model, &pk[i], y, &e));
        if (i == 0) {
            CHECK_ABS(y[0], 0.0, 0.0);
            assert_true(isnan(y[1]));
        }
        assert_true(y[0] >= prev);
        prev = y[0];
        /* p(1-p)/(R-1), R = 12, to rounding (1e-15) */
        CHECK_ABS(y[2], y[0] * (1.0 - y[0]) / 11.0, 1e-15);
    }
    assert_true(prev > 0.5); /* pk 0.9 with shoot-look-shoot kills most */
    /* a parameter value that breaks a check names the path */
    CHECK_OK(bmd_uq_param_parse("batteries.seongju.launchers=0:5", &s, &p, &e));
    double zero = 0.0, y[4];
    assert_true(bmd_uq_scenario_eval(&model, &zero, y, &e) < 0);
    assert_non_null(strstr(e.msg, "launchers"));
    bmd_scenario_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distributions), cmocka_unit_test(test_lhs),
        cmocka_unit_test(test_paths),         cmocka_unit_test(test_block),
        cmocka_unit_test(test_metric_names),  cmocka_unit_test(test_common_random_numbers),
    };
    return cmocka_run_group_tests(tests, tst_cats_setup, tst_cats_teardown);
}
