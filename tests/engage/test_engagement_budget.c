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
 *     (b) uses the uniform schedule (time_budget schedule: uniform).
 * (c) budget not reached (f = 0.1, N = 2: demand 0.3): the run is the
 *     same as without a budget (identical outcomes and track rows), with
 *     the default priority schedule: below 100 % no track is stretched,
 *     whatever its class.
 * (d) the priority schedule on data/scenarios/saturation.yaml (50 Nodong,
 *     f = 0.3, tau / T = 0.1, max stretch 10; docs/models/engage.md):
 *     whenever the face is over-subscribed, (1) no engaged track (class 1)
 *     is given a longer revisit than a tracked one (class 2) scheduled at
 *     the same cycle (exact: the classes are served in order); (2) every
 *     track keeps its revisit T exactly or is given at least the uniform
 *     stretch s = (N tau / T) / (1 - f) of that cycle, read from the
 *     occupancy row of the same time (the tracks served first took more
 *     than their uniform share, so the rest have less; 1e-9 relative);
 *     (3) over the run the engaged tracks' mean scheduled revisit is
 *     shorter than the tracked ones' (strict); (4) their quality: the
 *     median position sigma of firm class-2 looks exceeds that of class-1
 *     looks (strict; the filter's covariance grows with the time since the
 *     last update); (5) commit times: a threat first detected while the
 *     face is over-subscribed needs on average more than the 2 s from
 *     first detection to a firm 3-of-5 track that 1 s revisits allow (two
 *     revisits after the first detection; exact without a budget, (a)),
 *     because its tentative track is class 2 and stretched.
 * (e) the Monte Carlo's radar statistics (bmd/montecarlo.h bmd_mc_radar)
 *     on (b)'s over-subscribed face, 4 runs: identical, bit for bit, on 1
 *     and 2 threads and from two blocks reduced together (the MPI path);
 *     equal to the mean and nearest-rank 90th percentile (of 4 runs: the
 *     4th smallest, ceil(0.9 x 4) = 4) of the per-run values of
 *     bmd_engage_run with the Monte Carlo's options (exact: the same sums
 *     in run order); the share of time above 100 % demand lies in (0, 1).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "test_engagement_util.h"

#include "bmd/montecarlo.h"
#include "bmd/scenario_load.h"
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
    bmd_engage_result r =
        run(c, ", time_budget: {search_fraction: 0.5, schedule: uniform}", 8, &s, &p);
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

static int cmp_dbl(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : (x > y);
}

static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_dbl);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* The occupancy row of radar 0 at time t, or NULL. */
static const bmd_eng_occ_row *occ_at(const bmd_engage_result *r, double t)
{
    for (size_t i = 0; i < r->n_occ; i++)
        if (fabs(r->occ[i].t_s - t) < 1e-9) return &r->occ[i];
    return NULL;
}

static void test_priority_saturation(void **state)
{
    const eng_cats *c = *state;
    char path[1024];
    snprintf(path, sizeof path, "%s/scenarios/saturation.yaml", eng_data_dir());
    bmd_scenario s;
    bmd_errbuf e;
    bmd_scenario_init(&s);
    if (bmd_scenario_load(path, &c->env, &s, &e) != BMD_OK) fail_msg("%s", e.msg);
    assert_int_equal(s.radar[0].schedule, BMD_SCHED_PRIORITY);
    const double f = s.radar[0].search_fraction, T = s.radar[0].revisit_s;
    bmd_engage_plan *p = NULL;
    if (bmd_engage_prepare(&s, &p, &e) != BMD_OK) fail_msg("prepare: %s", e.msg);
    bmd_engage_result r;
    if (bmd_engage_run(p, 0, 1, NULL, &r, &e) != BMD_OK) fail_msg("run: %s", e.msg);
    assert_true(r.radar_demand_max[0] > 1.0);
    size_t n = r.n_tracks, n1 = 0, n2 = 0, ns1 = 0, ns2 = 0, checked = 0;
    double sum1 = 0.0, sum2 = 0.0;
    double *sg1 = malloc((n ? n : 1) * sizeof *sg1), *sg2 = malloc((n ? n : 1) * sizeof *sg2);
    assert_non_null(sg1);
    assert_non_null(sg2);
    for (size_t i = 0; i < n; i++) {
        const bmd_eng_track_row *w = &r.track[i];
        if (w->priority == 1) {
            n1++;
            sum1 += w->revisit_s;
            if (w->status == BMD_TRACK_FIRM) sg1[ns1++] = w->pos_sigma_m;
        } else if (w->priority == 2) {
            n2++;
            sum2 += w->revisit_s;
            if (w->status == BMD_TRACK_FIRM) sg2[ns2++] = w->pos_sigma_m;
        }
        const bmd_eng_occ_row *o = occ_at(&r, w->t_s);
        if (o == NULL || !(o->demand > 1.0)) continue;
        /* (1) class order at the same cycle */
        for (size_t j = 0; j < n; j++) {
            const bmd_eng_track_row *v = &r.track[j];
            if (v->t_s != w->t_s || w->priority != 1 || v->priority != 2) continue;
            if (w->revisit_s > v->revisit_s)
                fail_msg("t %.1f: engaged threat %d revisit %.3f s > tracked threat %d %.3f s",
                         w->t_s, w->threat, w->revisit_s, v->threat, v->revisit_s);
            checked++;
        }
        /* (2) T, or at least the uniform stretch */
        double s_all = (o->demand - f) / (1.0 - f);
        if (w->revisit_s != T && w->revisit_s < s_all * T * (1.0 - 1e-9))
            fail_msg("t %.1f: threat %d revisit %.3f s: neither %.3f s nor >= uniform %.3f s",
                     w->t_s, w->threat, w->revisit_s, T, s_all * T);
    }
    assert_true(checked > 0 && n1 > 0 && n2 > 0 && ns1 > 0 && ns2 > 0);
    /* (3), (4) */
    double m1 = sum1 / (double)n1, m2 = sum2 / (double)n2;
    double q1 = median(sg1, ns1), q2 = median(sg2, ns2);
    print_message("engaged looks %zu: mean revisit %.2f s, median firm sigma %.2f m; tracked "
                  "looks %zu: %.2f s, %.2f m\n",
                  n1, m1, q1, n2, m2, q2);
    if (!(m1 < m2)) fail_msg("engaged mean revisit %.3f s not below tracked %.3f s", m1, m2);
    if (!(q1 < q2)) fail_msg("engaged median sigma %.2f m not below tracked %.2f m", q1, q2);
    /* (5) */
    double sum_f = 0.0;
    int nf = 0;
    for (size_t k = 0; k < r.n_threats; k++) {
        const bmd_eng_threat *tr = &r.threat[k];
        if (tr->first_detect_time_s < 0.0 || tr->firm_track_time_s < 0.0) continue;
        const bmd_eng_occ_row *o = occ_at(&r, tr->first_detect_time_s);
        if (o == NULL || !(o->demand > 1.0)) continue;
        sum_f += tr->firm_track_time_s - tr->first_detect_time_s;
        nf++;
    }
    assert_true(nf > 0);
    print_message("%d threats first detected over budget: mean %.2f s to a firm track\n", nf,
                  sum_f / nf);
    if (!(sum_f / nf > 2.0 * T)) fail_msg("mean time to firm %.2f s <= %.2f s", sum_f / nf, 2 * T);
    free(sg1);
    free(sg2);
    done(&r, p, &s);
}

static void same_radar(const bmd_mc_result *a, const bmd_mc_result *b)
{
    assert_int_equal(a->n_radars, b->n_radars);
    for (size_t j = 0; j < a->n_radars; j++)
        assert_memory_equal(&a->radar[j], &b->radar[j], sizeof a->radar[j]);
}

static void test_mc_radar_stats(void **state)
{
    const eng_cats *c = *state;
    const long runs = 4;
    const uint64_t seed = 11;
    snprintf(buf, sizeof buf, FMT, ", time_budget: {search_fraction: 0.5}", 8);
    bmd_scenario s;
    bmd_engage_plan *p = eng_plan(c, buf, &s);
    bmd_errbuf e;
    bmd_mc_result m1, m2, mb;
    CHECK_OK(bmd_mc_run(p, runs, seed, 1, NULL, NULL, NULL, &m1, &e));
    CHECK_OK(bmd_mc_run(p, runs, seed, 2, NULL, NULL, NULL, &m2, &e));
    same_radar(&m1, &m2);
    size_t nk = s.n_threats;
    bmd_mc_outcome *out = malloc((size_t)runs * nk * sizeof *out);
    bmd_mc_radar_outcome *rout = malloc((size_t)runs * sizeof *rout);
    assert_non_null(out);
    assert_non_null(rout);
    CHECK_OK(bmd_mc_run_range(p, 0, 2, seed, 2, NULL, NULL, NULL, out, rout, &e));
    CHECK_OK(bmd_mc_run_range(p, 2, 2, seed, 1, NULL, NULL, NULL, out + 2 * nk, rout + 2, &e));
    CHECK_OK(bmd_mc_reduce(p, runs, out, rout, &mb, &e));
    same_radar(&m1, &mb);
    /* the per-run values, with the Monte Carlo's default options */
    bmd_engage_opts o;
    bmd_engage_opts_init(&o);
    o.record = 0;
    double so = 0.0, sd = 0.0, ss = 0.0, dmax = 0.0, omax = 0.0;
    for (long i = 0; i < runs; i++) {
        bmd_engage_result r;
        CHECK_OK(bmd_engage_run(p, i, seed, &o, &r, &e));
        so += r.radar_occupancy_max[0];
        sd += r.radar_demand_max[0];
        ss += r.radar_over_share[0];
        if (r.radar_demand_max[0] > dmax) dmax = r.radar_demand_max[0];
        if (r.radar_occupancy_max[0] > omax) omax = r.radar_occupancy_max[0];
        bmd_engage_result_free(&r);
    }
    const bmd_mc_radar *q = &m1.radar[0];
    assert_true(q->occupancy_max_mean == so / (double)runs);
    assert_true(q->demand_max_mean == sd / (double)runs);
    assert_true(q->over_share_mean == ss / (double)runs);
    assert_true(q->demand_max_p90 == dmax && q->occupancy_max_p90 == omax);
    assert_true(q->over_share_mean > 0.0 && q->over_share_mean < 1.0);
    print_message("demand max mean %.3f p90 %.3f, time above 100 %%: %.3f\n", q->demand_max_mean,
                  q->demand_max_p90, q->over_share_mean);
    free(out);
    free(rout);
    bmd_mc_result_free(&m1);
    bmd_mc_result_free(&m2);
    bmd_mc_result_free(&mb);
    bmd_engage_plan_free(p);
    bmd_scenario_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_budget),        cmocka_unit_test(test_budget_stretch),
        cmocka_unit_test(test_budget_unreached), cmocka_unit_test(test_priority_saturation),
        cmocka_unit_test(test_mc_radar_stats),
    };
    return cmocka_run_group_tests(tests, eng_setup, eng_teardown);
}
