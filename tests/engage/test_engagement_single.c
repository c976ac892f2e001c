/*
 * test_engagement_single.c: single engagements (bmd/engage.h) whose every
 * figure can be recomputed outside the event loop.
 *
 * (a) one deterministic engagement (perfect tracking, no measurement noise,
 *     detection when SNR >= required, Pk 1): the first detection and the
 *     firm-track time are recomputed from the radar geometry
 *     (bmd_radar_observe on an independently flown truth trajectory: the
 *     first search look with no reason against detection, then M-1 track
 *     revisits, docs/models/engage.md section 2); the launch, the PIP and
 *     the intercept are recomputed with bmd_interceptor_solve and
 *     bmd_interceptor_fly called directly (the fire-control rule of
 *     docs/models/engage.md section 3: decide at the first cycle after the
 *     firm track and final burnout plus two revisits, launch no earlier
 *     than the reaction time later).
 *     Tolerances: event times exact to 1e-9 s (they lie on the 0.5 s
 *     cycle grid); launch time 1e-3 s (the solve's bisection tolerance,
 *     bmd/interceptor.h); intercept time 1e-6 s and height 1e-3 m (the same
 *     fly-out on the same truth samples); guided intercept time against the
 *     table's PIP time within 1 % of the fly-out time (the table's accuracy
 *     measured in docs/models/interceptor.md section 6: 0.2 %, test
 *     tolerance 1 %).
 * (b) the fly-out memo (bmd_engage_cache) changes no result: the same run
 *     with and without it gives identical outcomes, times and shots
 *     (exact equality).
 * (d) inventory: four threats against two interceptors (salvo doctrine,
 *     one shot each, Pk 1): the two earliest-impacting threats are
 *     intercepted (greedy by time to impact), the other two not engaged;
 *     exact counts.
 * (e) a lower tier engages a leaker: THAAD (Pk 0: every shot fails its
 *     kill draw) cued by the Seongju radar over PAC-3 (Pk 1) cued by a
 *     second radar at Busan (the Seongju face, looking north-west, loses
 *     the threat as it passes toward Busan): THAAD fires once, the kill
 *     assessment says "survived", PAC-3 then fires and intercepts, after
 *     the assessment. Exact counts; time order exact.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "test_engagement_util.h"

#include "bmd/atmo.h"
#include "bmd/const.h"
#include "bmd/geo.h"
#include "bmd/interceptor.h"
#include "bmd/radar.h"
#include "bmd/traj.h"

/* The default scenario's geometry with perfect tracking; %s: the Pk. */
static const char *const SINGLE_FMT =
    "name: test single engagement\n"
    "radars:\n"
    "  - {name: tpy2, type: an-tpy2, site: seongju, boresight: 322deg, revisit: 1s}\n"
    "batteries:\n"
    "  - name: seongju\n"
    "    site: seongju\n"
    "    interceptor: thaad\n"
    "    launchers: 1\n"
    "    missiles_per_launcher: 4\n"
    "    doctrine: {mode: shoot-look-shoot, salvo: 1, kill_assessment: 10s}\n"
    "    reaction_time: 10s\n"
    "    layer: 1\n"
    "    radar: tpy2\n"
    "    overrides: {pk: %s}\n"
    "threats:\n"
    "  - {name: nodong-1, missile: nodong, launch: {site: north-hwanghae, time: 0s}, aim: busan, "
    "rcs: 0.1m2}\n"
    "tracking: {filter: truth, initiation: 3/5}\n"
    "simulation: {dt: 0.5s}\n";

static char yaml_buf[2048];

static const char *single_yaml(const char *pk)
{
    snprintf(yaml_buf, sizeof yaml_buf, SINGLE_FMT, pk);
    return yaml_buf;
}

static const bmd_eng_event *find_event(const bmd_engage_result *r, int kind, int nth)
{
    for (size_t i = 0; i < r->n_events; i++)
        if (r->event[i].kind == kind && nth-- == 0) return &r->event[i];
    return NULL;
}

static void test_single_deterministic(void **state)
{
    const eng_cats *c = *state;
    bmd_scenario s;
    bmd_engage_plan *plan = eng_plan(c, single_yaml("1"), &s);
    bmd_engage_result res;
    eng_run_quiet(plan, 0, 1, &res);
    bmd_errbuf e;

    /* the truth, flown independently with the plan's models */
    tst_models m;
    tst_models_init(&m);
    const bmd_scn_threat *th = &s.threat[0];
    bmd_traj_summary sum;
    tst_samples *tr = tst_fly_threat(&m, th, &sum);
    bmd_ephem eph = tst_ephem(tr);

    /* radar: search looks every frame time from launch, then track
     * revisits; noise off: a look detects when no reason stands against */
    bmd_radar_site site;
    double rev = s.radar[0].revisit_s, dt = s.dt_s;
    double t_det = tst_first_look(&m, &s, 0, &eph, sum.flight_time_s, &site);
    assert_true(t_det > 0.0);
    /* the next M-1 revisits must detect too, for firm = det + (M-1) rev */
    for (int j = 1; j < s.init_m; j++) {
        double x[3], v[3];
        assert_int_equal(bmd_ephem_target(&eph, t_det + j * rev, x, v), 0);
        bmd_radar_obs ob;
        CHECK_OK(bmd_radar_observe(&site, x, 0.1, &ob));
        assert_int_equal(ob.reasons, 0);
    }
    double t_firm = t_det + (s.init_m - 1) * rev;
    CHECK_ABS(res.threat[0].first_detect_time_s, t_det, 1e-9);
    CHECK_ABS(res.threat[0].firm_track_time_s, t_firm, 1e-9);

    /* fire control: first cycle at or after max(firm, burnout + 2 revisits);
     * launch committed once due (solution's launch within one cycle of the
     * reaction time) */
    bmd_ic_table *tab = malloc(sizeof *tab);
    assert_non_null(tab);
    const bmd_scn_battery *bt = &s.battery[0];
    double az;
    bmd_geo_inverse(&m.earth, bt->site.lat_rad, bt->site.lon_rad, th->aim.lat_rad, th->aim.lon_rad,
                    NULL, &az, NULL);
    CHECK_OK(bmd_interceptor_table_build(&m.cfg, &bt->interceptor, bt->site.lat_rad,
                                         bt->site.lon_rad, bt->site.alt_m, az, 0.0, 0.0, tab, &e));
    double t_gate = fmax(t_firm, sum.burnout_time_s + 2.0 * rev);
    double t_dec = ceil(t_gate / dt - 1e-9) * dt;
    bmd_ic_solution ics;
    for (;; t_dec += dt) {
        assert_true(t_dec < sum.flight_time_s);
        CHECK_OK(bmd_interceptor_solve(&m.earth, tab, bt->site.lat_rad, bt->site.lon_rad,
                                       bt->site.alt_m, bmd_ephem_target, &eph,
                                       t_dec + bt->reaction_s, sum.flight_time_s, 1.0, &ics, &e));
        if (ics.launch_time_s <= t_dec + bt->reaction_s + dt) break;
    }
    assert_true(res.n_shots >= 1);
    const bmd_eng_shot *sh = &res.shot[0];
    CHECK_ABS(sh->launch_time_s, ics.launch_time_s, 1e-3);
    CHECK_ABS(sh->azimuth_rad, ics.azimuth_rad, 1e-6);
    CHECK_ABS(sh->elev_rad, ics.elev_rad, 1e-6);
    const bmd_eng_event *ev = find_event(&res, BMD_EV_IC_LAUNCH, 0);
    assert_non_null(ev);
    CHECK_ABS(ev->alt_m, ics.pip_alt_m, 1.0); /* the PIP's height, 1 m (1e-3 s of flight) */

    /* the same shot flown directly (Pk 1: a hit is a kill), with the seeker
     * noise stream the engagement gave it: the first draw of the run's
     * stream 3 (bmd/engage.h; run 0, seed 1) under realistic homing */
    bmd_ic_shot shot = {bt->site.lat_rad,
                        bt->site.lon_rad,
                        bt->site.alt_m,
                        sh->launch_time_s,
                        sh->azimuth_rad,
                        sh->elev_rad,
                        0};
    if (bt->interceptor.homing == BMD_HOMING_REALISTIC) {
        bmd_rng g;
        bmd_rng_init(&g, 1, 16 * 0 + 3);
        shot.noise_seed = bmd_rng_u64(&g);
    }
    bmd_ic_result ir;
    CHECK_OK(bmd_interceptor_fly(&m.cfg, &bt->interceptor, &shot, bmd_ephem_target, &eph, NULL, &ir,
                                 &e));
    assert_int_equal(ir.outcome, BMD_IC_HIT);
    assert_int_equal(res.threat[0].outcome, BMD_ENG_INTERCEPTED);
    assert_int_equal(res.threat[0].interceptors_used, 1);
    assert_int_equal(res.interceptors_fired, 1);
    assert_int_equal(res.leakers, 0);
    CHECK_ABS(res.threat[0].intercept_time_s, ir.t_ca_s, 1e-6);
    CHECK_ABS(res.threat[0].intercept_alt_m, ir.alt_ca_m, 1e-3);
    CHECK_ABS(res.threat[0].miss_distance_m, ir.miss_m, 1e-3);
    CHECK_ABS(res.threat[0].intercept_time_s, ics.t_intercept_s, 0.01 * ics.flyout_s);

    /* the timeline: launch, burnout, first detection, firm track,
     * interceptor launch, intercept, kill assessment (killed), in order;
     * no impact */
    static const int order[] = {BMD_EV_THREAT_LAUNCH,  BMD_EV_FIRST_DETECTION, BMD_EV_FIRM_TRACK,
                                BMD_EV_BURNOUT,        BMD_EV_IC_LAUNCH,       BMD_EV_INTERCEPT,
                                BMD_EV_KILL_ASSESSMENT};
    double t_prev = -1.0;
    for (size_t j = 0; j < sizeof order / sizeof order[0]; j++) {
        ev = find_event(&res, order[j], 0);
        if (ev == NULL) fail_msg("no %s event", bmd_eng_event_name(order[j]));
        assert_true(ev->t_s >= t_prev);
        t_prev = ev->t_s;
    }
    assert_null(find_event(&res, BMD_EV_IMPACT, 0));
    ev = find_event(&res, BMD_EV_KILL_ASSESSMENT, 0);
    CHECK_ABS(ev->t_s, ir.t_ca_s + bt->kill_assessment_s, 1e-6);
    assert_true(ev->value > 0.5); /* killed */
    ev = find_event(&res, BMD_EV_BURNOUT, 0);
    CHECK_ABS(ev->t_s, sum.burnout_time_s, 1e-9);

    free(tab);
    free(tr);
    bmd_engage_result_free(&res);
    bmd_engage_plan_free(plan);
    bmd_scenario_free(&s);
}

/* Exact equality of two results' outcomes and shots. */
static void same_result(const bmd_engage_result *a, const bmd_engage_result *b)
{
    assert_int_equal(a->n_threats, b->n_threats);
    assert_int_equal(a->n_shots, b->n_shots);
    assert_int_equal(a->interceptors_fired, b->interceptors_fired);
    assert_int_equal(a->leakers, b->leakers);
    assert_memory_equal(a->threat, b->threat, a->n_threats * sizeof *a->threat);
    for (size_t i = 0; i < a->n_shots; i++) {
        assert_true(a->shot[i].launch_time_s == b->shot[i].launch_time_s);
        assert_true(a->shot[i].t_ca_s == b->shot[i].t_ca_s);
        assert_true(a->shot[i].miss_m == b->shot[i].miss_m);
        assert_int_equal(a->shot[i].kill, b->shot[i].kill);
    }
}

/* The fly-out memo returns what a fresh fly-out gives: with ideal homing
 * and noise-free tracking the first shot repeats in every run (cache hits);
 * with realistic homing each shot has its own seeker noise, the memo keys on
 * it, and the results are still identical with and without the memo. */
static void cache_run(const eng_cats *c, int homing, long min_hits)
{
    bmd_scenario s;
    bmd_engage_plan *plan = eng_plan_homing(c, single_yaml("0.5"), homing, &s);
    bmd_engage_opts o;
    bmd_engage_opts_init(&o);
    o.noise = 0;
    bmd_engage_cache *cache = bmd_engage_cache_new(plan);
    assert_non_null(cache);
    for (long run = 0; run < 6; run++) {
        bmd_engage_result a, b;
        bmd_errbuf e;
        o.cache = NULL;
        CHECK_OK(bmd_engage_run(plan, run, 11, &o, &a, &e));
        o.cache = cache;
        CHECK_OK(bmd_engage_run(plan, run, 11, &o, &b, &e));
        same_result(&a, &b);
        bmd_engage_result_free(&a);
        bmd_engage_result_free(&b);
    }
    long hits, misses;
    bmd_engage_cache_stats(cache, &hits, &misses);
    assert_true(hits >= min_hits);
    assert_true(misses >= 1);
    bmd_engage_cache_free(cache);
    bmd_engage_plan_free(plan);
    bmd_scenario_free(&s);
}

static void test_cache_changes_nothing(void **state)
{
    cache_run(*state, BMD_HOMING_IDEAL, 5); /* the first shot repeats after run 0 */
    cache_run(*state, BMD_HOMING_REALISTIC, 0);
}

/* Issue 14 item 7: interceptors flown with samples. The shot of the run
 * is flown again with recording (bmd_engage_interceptor_paths); with no
 * uncertain draws that is the run's own flight, so its path must start at
 * the battery at the launch time and end exactly at the closest approach
 * the run recorded (tolerances: 1e-6 s, 1e-9 rad, 1 mm: the same
 * integration, so only rounding differs). Samples are 1 s apart. */
static void test_interceptor_paths(void **state)
{
    const eng_cats *c = *state;
    bmd_scenario s;
    bmd_engage_plan *plan = eng_plan(c, single_yaml("1"), &s);
    bmd_engage_result res;
    eng_run_quiet(plan, 0, 1, &res);
    bmd_errbuf e;
    assert_true(res.n_shots >= 1);
    const bmd_eng_shot *sh = &res.shot[0];
    bmd_eng_ic_row *rows = NULL;
    size_t n = 0;
    CHECK_STATUS(bmd_engage_interceptor_paths(plan, &res, 0.0, &rows, &n, &e), BMD_EINVAL);
    CHECK_OK(bmd_engage_interceptor_paths(plan, &res, 1.0, &rows, &n, &e));
    size_t m = 0;
    while (m < n && rows[m].shot == 0)
        m++;
    /* flight of about 100 s (launch 105 s, intercept 205 s in the README) */
    assert_true(m >= (size_t)(sh->t_ca_s - sh->launch_time_s));
    const bmd_scn_battery *b = &s.battery[sh->battery];
    CHECK_ABS(rows[0].t_s, sh->launch_time_s, 1e-9);
    CHECK_ABS(rows[0].lat_rad, b->site.lat_rad, 1e-7);
    CHECK_ABS(rows[0].lon_rad, b->site.lon_rad, 1e-7);
    CHECK_ABS(rows[0].alt_m, b->site.alt_m, 1.0);
    for (size_t i = 1; i + 1 < m; i++)
        CHECK_ABS(rows[i].t_s - rows[i - 1].t_s, 1.0, 1e-9);
    assert_true(rows[m - 1].t_s > rows[m - 2].t_s);
    CHECK_ABS(rows[m - 1].t_s, sh->t_ca_s, 1e-6);
    CHECK_ABS(rows[m - 1].lat_rad, sh->lat_ca_rad, 1e-9);
    CHECK_ABS(rows[m - 1].lon_rad, sh->lon_ca_rad, 1e-9);
    CHECK_ABS(rows[m - 1].alt_m, sh->alt_ca_m, 1e-3);
    /* nothing flies past the closest approach */
    for (size_t i = 0; i < m; i++)
        assert_true(rows[i].t_s <= sh->t_ca_s + 1e-9);
    free(rows);

    /* the library call: no path, or a path too small to hold a flight */
    bmd_ic_shot shot = {b->site.lat_rad, b->site.lon_rad, b->site.alt_m, sh->launch_time_s,
                        sh->azimuth_rad, sh->elev_rad,    sh->noise_seed};
    double t[1], r[1][3], v[1][3];
    bmd_ic_path tiny = {1, 0, t, r, v, 0};
    bmd_ic_result a;
    CHECK_STATUS(
        bmd_interceptor_fly_path(NULL, &b->interceptor, &shot, NULL, NULL, NULL, 1.0, NULL, &a, &e),
        BMD_EINVAL);
    CHECK_STATUS(bmd_interceptor_fly_path(NULL, &b->interceptor, &shot, NULL, NULL, NULL, 1.0,
                                          &tiny, &a, &e),
                 BMD_EINVAL);
    bmd_engage_result_free(&res);
    bmd_engage_plan_free(plan);
    bmd_scenario_free(&s);
}

static void test_inventory(void **state)
{
    const eng_cats *c = *state;
    const char *yaml =
        "name: raid larger than the inventory\n"
        "radars:\n"
        "  - {name: tpy2, type: an-tpy2, site: seongju, boresight: 322deg, revisit: 1s}\n"
        "batteries:\n"
        "  - {name: seongju, site: seongju, interceptor: thaad, launchers: 1,\n"
        "     missiles_per_launcher: 2, doctrine: {mode: salvo, salvo: 1},\n"
        "     reaction_time: 10s, radar: tpy2, overrides: {pk: 1}}\n"
        "threats:\n"
        "  - {name: n, missile: nodong, launch: {site: north-hwanghae, time: 0s}, aim: busan,\n"
        "     rcs: 0.1m2, count: 4, interval: 20s}\n"
        "tracking: {filter: truth, initiation: 3/5}\n"
        "simulation: {dt: 0.5s}\n";
    bmd_scenario s;
    bmd_engage_plan *plan = eng_plan(c, yaml, &s);
    assert_int_equal(s.n_threats, 4);
    bmd_engage_result res;
    eng_run_quiet(plan, 0, 1, &res);
    assert_int_equal(res.interceptors_fired, 2);
    assert_int_equal(res.leakers, 2);
    /* the same missile 20 s apart: impact order is launch order */
    assert_int_equal(res.threat[0].outcome, BMD_ENG_INTERCEPTED);
    assert_int_equal(res.threat[1].outcome, BMD_ENG_INTERCEPTED);
    assert_int_equal(res.threat[2].outcome, BMD_ENG_NOT_ENGAGED);
    assert_int_equal(res.threat[3].outcome, BMD_ENG_NOT_ENGAGED);
    assert_int_equal(res.threat[2].interceptors_used, 0);
    assert_true(res.threat[3].impact_time_s > 0.0);
    assert_non_null(find_event(&res, BMD_EV_IMPACT, 1));
    bmd_engage_result_free(&res);
    bmd_engage_plan_free(plan);
    bmd_scenario_free(&s);
}

static void test_lower_tier(void **state)
{
    const eng_cats *c = *state;
    const char *yaml =
        "name: lower tier engages a leaker\n"
        "radars:\n"
        "  - {name: tpy2, type: an-tpy2, site: seongju, boresight: 322deg, revisit: 1s}\n"
        "  - {name: busan-radar, type: an-tpy2, site: busan, boresight: 322deg, revisit: 1s}\n"
        "batteries:\n"
        "  - {name: thaad, site: seongju, interceptor: thaad, launchers: 1,\n"
        "     missiles_per_launcher: 8, doctrine: {mode: salvo, salvo: 1, kill_assessment: 10s},\n"
        "     reaction_time: 10s, layer: 1, radar: tpy2, overrides: {pk: 0}}\n"
        "  - {name: pac3, site: busan, interceptor: pac-3, launchers: 1,\n"
        "     missiles_per_launcher: 4, doctrine: {mode: salvo, salvo: 1},\n"
        "     reaction_time: 5s, layer: 2, radar: busan-radar, overrides: {pk: 1}}\n"
        "threats:\n"
        "  - {name: n, missile: nodong, launch: {site: north-hwanghae, time: 0s}, aim: busan,\n"
        "     rcs: 0.1m2}\n"
        "tracking: {filter: truth, initiation: 3/5}\n"
        "simulation: {dt: 0.5s}\n";
    bmd_scenario s;
    bmd_engage_plan *plan = eng_plan(c, yaml, &s);
    bmd_engage_result res;
    eng_run_quiet(plan, 0, 1, &res);
    assert_int_equal(res.n_shots, 2);
    assert_int_equal(res.shot[0].battery, 0);
    assert_int_equal(res.shot[0].kill, 0);
    assert_int_equal(res.shot[1].battery, 1);
    assert_int_equal(res.shot[1].kill, 1);
    const bmd_eng_event *ka = find_event(&res, BMD_EV_KILL_ASSESSMENT, 0);
    assert_non_null(ka);
    assert_true(ka->value < 0.5); /* survived */
    assert_true(res.shot[1].launch_time_s >= ka->t_s);
    assert_int_equal(res.threat[0].outcome, BMD_ENG_INTERCEPTED);
    assert_int_equal(res.threat[0].interceptors_used, 2);
    const bmd_eng_event *ic = find_event(&res, BMD_EV_INTERCEPT, 0);
    assert_non_null(ic);
    assert_int_equal(ic->battery, 1);
    /* inside PAC-3's envelope */
    assert_true(ic->alt_m <= s.battery[1].interceptor.max_alt_m);
    assert_true(ic->alt_m >= s.battery[1].interceptor.min_alt_m);
    bmd_engage_result_free(&res);
    bmd_engage_plan_free(plan);
    bmd_scenario_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single_deterministic), cmocka_unit_test(test_cache_changes_nothing),
        cmocka_unit_test(test_interceptor_paths),    cmocka_unit_test(test_inventory),
        cmocka_unit_test(test_lower_tier),
    };
    return cmocka_run_group_tests(tests, eng_setup, eng_teardown);
}
