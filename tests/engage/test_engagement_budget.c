/*
 * test_engagement_budget.c: a radar face's time budget shared by the
 * search fence and the track dwells (bmd/engage.h bmd_eng_occ_row,
 * docs/models/engage.md "Radar time budget").
 *
 * Reference: the occupancy arithmetic itself. A track revisited every T
 * with dwell tau takes tau / T of the face's time; the search fence takes
 * its declared fraction f. With N tracks the demand is f + N tau / T;
 * when it exceeds 1 on a budgeted face every track revisit is stretched by
 * s = (N tau / T) / (1 - f) so that the occupancy is exactly 1.
 *
 * (a) no budget: N = 3 missiles launched together (count N, interval 0) with
 *     the an-tpy2 dwell of 100 ms (data/catalog/radars.yaml) and 1 s
 *     revisits: the largest demand and occupancy are N x 0.1 (1e-12).
 * (b) budget, f = 0.5, N = 8: demand max 0.5 + 0.8 = 1.3 (1e-12),
 *     occupancy max 1 (exact); every revisit of a firm track is at least
 *     s = 0.8 / 0.5 = 1.6 s after the one before (the looks lie on the
 *     0.5 s cycle grid, so the interval is a multiple of 0.5 s >= 1.6 s),
 *     against 1 s without the budget (exact on the grid).
 * (c) budget not reached (f = 0.1, N = 2: demand 0.3): the run is the
 *     same as without a budget (identical outcomes and track rows).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "test_engagement_util.h"

#include "bmd/track.h"

/* %s time budget line, %d count */
static const char *const FMT =
    "radars:\n"
    "  - {name: tpy2, type: an-tpy2, site: seongju, boresight: 322deg, revisit: 1s%s}\n"
    "threats:\n"
    "  - {name: n, missile: nodong, launch: north-hwanghae, aim: busan, rcs: 0.1m2, count: %d}\n"
    "simulation: {dt: 0.5s}\n";

static char buf[2048];

static bmd_engage_result run(const eng_cats *c, const char *budget, int n, bmd_scenario *s,
                             bmd_engage_plan **p)
{
    snprintf(buf, sizeof buf, FMT, budget, n);
    *p = eng_plan(c, buf, s);
    bmd_engage_opts o;
    bmd_engage_opts_init(&o);
    o.noise = 0;
    bmd_engage_result r;
    bmd_errbuf e;
    if (bmd_engage_run(*p, 0, 3, &o, &r, &e) != BMD_OK) fail_msg("run: %s", e.msg);
    return r;
}

static void done(bmd_engage_result *r, bmd_engage_plan *p, bmd_scenario *s)
{
    bmd_engage_result_free(r);
    bmd_engage_plan_free(p);
    bmd_scenario_free(s);
}

/* Smallest interval between successive firm-track rows of one threat. */
static double min_firm_interval(const bmd_engage_result *r, int threat)
{
    double last = -1.0, m = INFINITY;
    for (size_t i = 0; i < r->n_tracks; i++) {
        const bmd_eng_track_row *w = &r->track[i];
        if (w->threat != threat || w->status != BMD_TRACK_FIRM) continue;
        if (last >= 0.0 && w->t_s - last < m) m = w->t_s - last;
        last = w->t_s;
    }
    return m;
}

static void test_no_budget(void **state)
{
    const eng_cats *c = *state;
    const int n = 3;
    bmd_scenario s;
    bmd_engage_plan *p;
    bmd_engage_result r = run(c, "", n, &s, &p);
    assert_int_equal(r.n_radars, 1);
    CHECK_ABS(r.radar_demand_max[0], 0.1 * n, 1e-12);
    CHECK_ABS(r.radar_occupancy_max[0], 0.1 * n, 1e-12);
    CHECK_ABS(min_firm_interval(&r, 0), 1.0, 1e-9);
    assert_true(r.n_occ > 0);
    done(&r, p, &s);
}

static void test_budget_stretch(void **state)
{
    const eng_cats *c = *state;
    bmd_scenario s;
    bmd_engage_plan *p;
    bmd_engage_result r = run(c, ", time_budget: {search_fraction: 0.5}", 8, &s, &p);
    CHECK_ABS(r.radar_demand_max[0], 1.3, 1e-12);
    CHECK_ABS(r.radar_occupancy_max[0], 1.0, 0.0);
    for (int k = 0; k < 8; k++) {
        double m = min_firm_interval(&r, k);
        if (!(m >= 1.6 - 1e-9)) fail_msg("threat %d: a firm revisit after %.2f s (< 1.6 s)", k, m);
    }
    for (size_t i = 0; i < r.n_occ; i++)
        if (!(r.occ[i].occupancy <= 1.0)) fail_msg("occupancy %.3f > 1", r.occ[i].occupancy);
    done(&r, p, &s);
}

static void test_budget_unreached(void **state)
{
    const eng_cats *c = *state;
    bmd_scenario s1, s2;
    bmd_engage_plan *p1, *p2;
    bmd_engage_result a = run(c, "", 2, &s1, &p1);
    bmd_engage_result b = run(c, ", time_budget: {search_fraction: 0.1}", 2, &s2, &p2);
    CHECK_ABS(b.radar_demand_max[0], 0.3, 1e-12);
    assert_int_equal(a.n_tracks, b.n_tracks);
    for (size_t i = 0; i < a.n_tracks; i++)
        assert_true(a.track[i].t_s == b.track[i].t_s && a.track[i].x[0] == b.track[i].x[0]);
    for (size_t k = 0; k < 2; k++)
        assert_true(a.threat[k].firm_track_time_s == b.threat[k].firm_track_time_s);
    done(&a, p1, &s1);
    done(&b, p2, &s2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_budget),
        cmocka_unit_test(test_budget_stretch),
        cmocka_unit_test(test_budget_unreached),
    };
    return cmocka_run_group_tests(tests, eng_setup, eng_teardown);
}
