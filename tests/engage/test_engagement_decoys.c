/*
 * test_engagement_decoys.c: threat complexes (objects released after burnout),
 * discrimination and imperfect kill assessment in the engagement
 * (bmd/engage.h, bmd/scenario.h; docs/models/discrimination.md).
 *
 * (a) loading: a missile with a tank and four decoys expands into six
 *     threats in order, named MISSILE/KIND[-N], each object pointing at its
 *     missile, with its own beta and RCS (exact).
 * (b) release kinematics: two objects released together with separation
 *     speed u in opposite directions (slots 0 and 1 of 2: angles pi/2 and
 *     3 pi/2 across the velocity) and a beta of 1e6 kg/m^2 (practically
 *     vacuum) are, dt after the release, 2 u dt apart. Reference: free
 *     flight from one state with a velocity difference du separates by
 *     du dt to first order; the gravity-gradient term ~ n^2 du dt^3
 *     (n^2 = GM/r^3 ~ 1.5e-6 s^-2) is 6e-4 of it at dt = 20 s; drag at
 *     beta 1e6 kg/m^2 above 90 km is < 3e-6 m/s^2 (< 1 mm): tolerance 1 %.
 * (c) perfect discrimination (perfect tracking, no noise, Pk 1): no
 *     interceptor at a non-warhead, every object classified as its kind,
 *     the warhead intercepted (exact: the definition of the mode).
 * (d) beta discrimination with perfect tracking uses the true beta: the
 *     tank (70 kg/m^2) and the decoys (5 kg/m^2) are non-warheads against
 *     the 1,000 kg/m^2 threshold, the warhead (6,000 kg/m^2) a warhead
 *     (exact).
 * (e) beta discrimination with the EKF and measurement noise: the light
 *     decoys end classified as non-warheads, first so between the
 *     interceptor's floor (40 km, catalog) and 130 km: atmospheric
 *     filtering separates balloons "below ~100 km" (Sessler et al.,
 *     Countermeasures (2000); issue 16); 130 km allows for the 2-sigma rule
 *     deciding a little higher for 5 kg/m^2.
 * (f) a leaker is a warhead: without a battery the six objects impact and
 *     the run counts one leaker (exact).
 * (g) rcs discrimination with a noise-free feature: the decoys, built to
 *     show the RV's RCS, are warheads; the tank (17 dB above) is not
 *     (exact).
 * (h) imperfect kill assessment (assessment_correct 0: always wrong),
 *     perfect tracking, shoot-look-shoot: Pk 1 -> the kill is called a
 *     survivor and the dead warhead is engaged again (2 interceptors);
 *     Pk 0 -> the survivor is called a kill and left alone (1 interceptor,
 *     leaked), against 2 interceptors with a correct assessment (exact).
 * (i) Monte Carlo of the complex with the EKF: identical for 1 and 2
 *     threads (bmd/montecarlo.h), including the interceptors at
 *     non-warheads (exact).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "test_engagement_util.h"

#include "bmd/geo.h"
#include "bmd/montecarlo.h"

/* %s filter, %s discrimination, %s pk, %s assessment_correct, %s objects */
static const char *const FMT =
    "name: test decoys\n"
    "radars:\n"
    "  - {name: tpy2, type: an-tpy2, site: seongju, boresight: 322deg, revisit: 1s}\n"
    "batteries:\n"
    "  - name: seongju\n"
    "    site: seongju\n"
    "    interceptor: thaad\n"
    "    launchers: 6\n"
    "    missiles_per_launcher: 8\n"
    "    doctrine: {mode: shoot-look-shoot, salvo: 1, kill_assessment: 10s, "
    "assessment_correct: %s}\n"
    "    reaction_time: 10s\n"
    "    radar: tpy2\n"
    "    overrides: {pk: %s}\n"
    "threats:\n"
    "  - name: nodong-1\n"
    "    missile: nodong\n"
    "    launch: {site: north-hwanghae, time: 0s}\n"
    "    aim: busan\n"
    "    rcs: 0.1m2\n"
    "%s"
    "discrimination: {mode: %s, rcs_noise_db: 0}\n"
    "tracking: {filter: %s, initiation: 3/5, invbeta_sigma: 0.3}\n"
    "simulation: {dt: 0.5s}\n";

static const char *const COMPLEX =
    "    objects:\n"
    "      - {kind: tank, rcs: 5m2, beta: 70kg/m2, release: 0s, separation: 1m/s}\n"
    "      - {kind: decoy, count: 4, rcs: 0.1m2, beta: 5kg/m2, release: 60s, separation: 2m/s}\n";

static char buf[4096];

static const char *yaml(const char *filter, const char *discr, const char *pk, const char *pc,
                        const char *objects)
{
    snprintf(buf, sizeof buf, FMT, pc, pk, objects, discr, filter);
    return buf;
}

static bmd_engage_result run1(const eng_cats *c, const char *y, int noise, bmd_scenario *s,
                              bmd_engage_plan **pp)
{
    bmd_engage_plan *p = eng_plan_homing(c, y, BMD_HOMING_IDEAL, s);
    bmd_engage_opts o;
    bmd_engage_opts_init(&o);
    o.noise = noise;
    o.draw_uncertain = 0;
    bmd_engage_result r;
    bmd_errbuf e;
    if (bmd_engage_run(p, 0, 7, &o, &r, &e) != BMD_OK) fail_msg("run: %s", e.msg);
    *pp = p;
    return r;
}

static void done(bmd_engage_result *r, bmd_engage_plan *p, bmd_scenario *s)
{
    bmd_engage_result_free(r);
    bmd_engage_plan_free(p);
    bmd_scenario_free(s);
}

/* (a) */
static void test_load_complex(void **state)
{
    const eng_cats *c = *state;
    const char *y = yaml("truth", "perfect", "1", "1", COMPLEX);
    bmd_scenario s;
    bmd_scenario_init(&s);
    bmd_errbuf e;
    CHECK_OK(bmd_scenario_load_string(y, strlen(y), "t", NULL, &c->env, &s, &e));
    assert_int_equal(s.n_threats, 6);
    static const char *const names[] = {"nodong-1",         "nodong-1/tank",    "nodong-1/decoy-1",
                                        "nodong-1/decoy-2", "nodong-1/decoy-3", "nodong-1/decoy-4"};
    for (size_t k = 0; k < 6; k++) {
        assert_string_equal(s.threat[k].name, names[k]);
        assert_int_equal(s.threat[k].released_by, k == 0 ? 0 : 1);
        assert_int_equal(s.threat[k].kind, k == 0   ? BMD_OBJ_WARHEAD
                                           : k == 1 ? BMD_OBJ_TANK
                                                    : BMD_OBJ_DECOY);
    }
    CHECK_ABS(s.threat[1].beta_kgpm2, 70.0, 0.0);
    CHECK_ABS(s.threat[1].rcs.rcs_m2[0], 5.0, 0.0);
    CHECK_ABS(s.threat[4].beta_kgpm2, 5.0, 0.0);
    CHECK_ABS(s.threat[4].release_s, 60.0, 0.0);
    CHECK_ABS(s.threat[4].separation_mps, 2.0, 0.0);
    assert_int_equal(s.threat[4].slot, 3);
    assert_int_equal(s.threat[4].n_slots, 5);
    assert_int_equal(s.discrimination, BMD_DISCR_PERFECT);
    CHECK_ABS(s.battery[0].assessment_error, 0.0, 0.0);
    bmd_scenario_free(&s);
}

/* ECEF of truth row i. */
static void row_ecef(const bmd_eng_truth_row *w, double r[3])
{
    bmd_earth e;
    bmd_earth_wgs84(&e);
    bmd_geo_to_ecef(&e, w->lat_rad, w->lon_rad, w->alt_m, r);
}

/* (b) */
static void test_release_kinematics(void **state)
{
    const eng_cats *c = *state;
    const char *obj = "    objects:\n"
                      "      - {kind: debris, count: 2, rcs: 0.01m2, beta: 1000000kg/m2, "
                      "release: 60s, separation: 2m/s}\n";
    bmd_scenario s;
    bmd_engage_plan *p = eng_plan(c, yaml("truth", "perfect", "1", "1", obj), &s);
    bmd_eng_truth_row *rows = NULL;
    size_t n = 0;
    bmd_errbuf e;
    CHECK_OK(bmd_engage_truth(p, 0.5, &rows, &n, &e));
    const bmd_traj_summary *ms = bmd_engage_plan_summary(p, 0);
    double t_rel = ms->burnout_time_s + 60.0;
    /* each object's rows start at its release, 0.5 s apart */
    const bmd_eng_truth_row *first[3] = {NULL, NULL, NULL}, *at20[3] = {NULL, NULL, NULL};
    for (size_t i = 0; i < n; i++) {
        int k = rows[i].threat;
        if (first[k] == NULL) first[k] = &rows[i];
        if (fabs(rows[i].t_s - (t_rel + 20.0)) < 1e-6) at20[k] = &rows[i];
    }
    assert_non_null(first[1]);
    CHECK_ABS(first[1]->t_s, t_rel, 1e-9);
    assert_non_null(at20[1]);
    assert_non_null(at20[2]);
    double a[3], b[3];
    row_ecef(at20[1], a);
    row_ecef(at20[2], b);
    double d = sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
                    (a[2] - b[2]) * (a[2] - b[2]));
    CHECK_REL(d, 2.0 * 2.0 * 20.0, 0.01);
    free(rows);
    bmd_engage_plan_free(p);
    bmd_scenario_free(&s);
}

/* (c) */
static void test_perfect(void **state)
{
    const eng_cats *c = *state;
    bmd_scenario s;
    bmd_engage_plan *p;
    bmd_engage_result r = run1(c, yaml("truth", "perfect", "1", "1", COMPLEX), 0, &s, &p);
    assert_int_equal(r.interceptors_at_non_warheads, 0);
    assert_int_equal(r.threat[0].outcome, BMD_ENG_INTERCEPTED);
    assert_int_equal(r.leakers, 0);
    for (size_t k = 0; k < 6; k++) {
        assert_int_equal(r.threat[k].kind, s.threat[k].kind);
        assert_int_equal(r.threat[k].classified_as, s.threat[k].kind);
        if (k > 0) assert_int_equal(r.threat[k].interceptors_used, 0);
    }
    done(&r, p, &s);
}

/* (d) */
static void test_beta_truth(void **state)
{
    const eng_cats *c = *state;
    bmd_scenario s;
    bmd_engage_plan *p;
    bmd_engage_result r = run1(c, yaml("truth", "beta", "1", "1", COMPLEX), 0, &s, &p);
    assert_int_equal(r.threat[0].classified_as, BMD_OBJ_WARHEAD);
    for (size_t k = 1; k < 6; k++)
        assert_int_equal(r.threat[k].classified_as, BMD_CLASS_NON_WARHEAD);
    assert_int_equal(r.interceptors_at_non_warheads, 0);
    done(&r, p, &s);
}

/* (e) */
static void test_beta_ekf(void **state)
{
    const eng_cats *c = *state;
    bmd_scenario s;
    bmd_engage_plan *p;
    bmd_engage_result r = run1(c, yaml("ekf", "beta", "1", "1", COMPLEX), 1, &s, &p);
    for (size_t k = 2; k < 6; k++) {
        assert_int_equal(r.threat[k].classified_as, BMD_CLASS_NON_WARHEAD);
        double h = r.threat[k].classified_alt_m;
        if (!(h >= 40e3 && h <= 130e3))
            fail_msg("decoy %zu classified at %.1f km, want 40-130 km", k, h / 1e3);
    }
    /* non-warhead shots are counted as such */
    int nw = 0;
    for (size_t i = 0; i < r.n_shots; i++)
        nw += s.threat[r.shot[i].threat].kind != BMD_OBJ_WARHEAD;
    assert_int_equal(r.interceptors_at_non_warheads, nw);
    done(&r, p, &s);
}

/* (f) */
static void test_leakers_are_warheads(void **state)
{
    const eng_cats *c = *state;
    char y[4096];
    snprintf(y, sizeof y,
             "radars:\n"
             "  - {name: tpy2, type: an-tpy2, site: seongju, boresight: 322deg}\n"
             "threats:\n"
             "  - {name: n, missile: nodong, launch: north-hwanghae, aim: busan, rcs: 0.1m2}\n");
    /* the objects under the one threat */
    size_t len = strlen(y) - 2; /* before "}\n" */
    snprintf(y + len, sizeof y - len,
             ",\n     objects: [{kind: tank, rcs: 5m2, beta: 70kg/m2}, "
             "{kind: decoy, count: 4, rcs: 0.1m2, beta: 5kg/m2, "
             "release: 60s}]}\n"
             "tracking: {filter: truth}\n");
    bmd_scenario s;
    bmd_engage_plan *p;
    bmd_engage_result r = run1(c, y, 0, &s, &p);
    assert_int_equal(r.n_threats, 6);
    assert_int_equal(r.leakers, 1);
    done(&r, p, &s);
}

/* (g) */
static void test_rcs_mode(void **state)
{
    const eng_cats *c = *state;
    bmd_scenario s;
    bmd_engage_plan *p;
    bmd_engage_result r = run1(c, yaml("truth", "rcs", "1", "1", COMPLEX), 0, &s, &p);
    assert_int_equal(r.threat[0].classified_as, BMD_OBJ_WARHEAD);
    assert_int_equal(r.threat[1].classified_as, BMD_CLASS_NON_WARHEAD);
    for (size_t k = 2; k < 6; k++)
        assert_int_equal(r.threat[k].classified_as, BMD_OBJ_WARHEAD);
    done(&r, p, &s);
}

/* (h) */
static void test_assessment(void **state)
{
    const eng_cats *c = *state;
    static const struct {
        const char *pk, *pc;
        int used, outcome;
    } cases[] = {{"1", "0", 2, BMD_ENG_INTERCEPTED},
                 {"0", "0", 1, BMD_ENG_LEAKED},
                 {"0", "1", 2, BMD_ENG_LEAKED}};
    for (size_t i = 0; i < 3; i++) {
        bmd_scenario s;
        bmd_engage_plan *p;
        bmd_engage_result r =
            run1(c, yaml("truth", "perfect", cases[i].pk, cases[i].pc, ""), 0, &s, &p);
        assert_int_equal(r.threat[0].interceptors_used, cases[i].used);
        assert_int_equal(r.threat[0].outcome, cases[i].outcome);
        done(&r, p, &s);
    }
}

/* (i) */
static void test_mc_threads(void **state)
{
    const eng_cats *c = *state;
    bmd_scenario s;
    bmd_engage_plan *p = eng_plan(c, yaml("ekf", "beta", "0.8", "1", COMPLEX), &s);
    bmd_mc_result a, b;
    bmd_errbuf e;
    CHECK_OK(bmd_mc_run(p, 4, 11, 1, NULL, NULL, NULL, &a, &e));
    CHECK_OK(bmd_mc_run(p, 4, 11, 2, NULL, NULL, NULL, &b, &e));
    assert_int_equal(a.no_leaker_runs, b.no_leaker_runs);
    assert_true(a.mean_interceptors_fired == b.mean_interceptors_fired);
    assert_true(a.mean_interceptors_at_non_warheads == b.mean_interceptors_at_non_warheads);
    for (size_t k = 0; k < a.n_threats; k++)
        assert_int_equal(a.threat[k].intercepted, b.threat[k].intercepted);
    bmd_mc_result_free(&a);
    bmd_mc_result_free(&b);
    bmd_engage_plan_free(p);
    bmd_scenario_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_complex), cmocka_unit_test(test_release_kinematics),
        cmocka_unit_test(test_perfect),      cmocka_unit_test(test_beta_truth),
        cmocka_unit_test(test_beta_ekf),     cmocka_unit_test(test_leakers_are_warheads),
        cmocka_unit_test(test_rcs_mode),     cmocka_unit_test(test_assessment),
        cmocka_unit_test(test_mc_threads),
    };
    return cmocka_run_group_tests(tests, eng_setup, eng_teardown);
}
