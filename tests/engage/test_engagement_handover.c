/*
 * test_engagement_handover.c: the radars of a battery and the handover of
 * a track from one radar to another (bmd/engage.h BMD_EV_HANDOVER,
 * bmd_scn_battery.radar_set; docs/models/engage.md, "Radars of a battery
 * and handover").
 *
 * Geometry: a Nodong from North Hwanghae to Busan; the AN/TPY-2 at Seongju
 * faces the launch area (322 deg) and tracks it from the boost (and loses
 * it near the end, when it passes behind the face); a second AN/TPY-2 at
 * Busan, facing the same way with a 10 deg elevation mask (a test
 * geometry: without it the Busan radar would see the threat in its boost,
 * where a filter track is not handed on), sees the threat only once it
 * rises above 10 deg and inside its instrumented range, after burnout; a
 * third, off the east coast of Japan (36 N 141 E) facing east (90 deg),
 * never sees it (the threat is behind its face).
 *
 * Reference: the coverage geometry itself. The Busan radar looks at the
 * untracked threat every search frame from launch (docs/models/engage.md,
 * section 2); without noise a look detects when bmd_radar_observe finds no
 * reason against it. The expected handover time is the first such look
 * time found by calling bmd_radar_observe on an independently flown truth
 * (the threat flown again with the traj model) at the Busan radar's site;
 * it must come after the Seongju radar's firm track (checked), so that the
 * Seongju track is handed over there: exactly one handover event, at that
 * time (1e-9 s: the looks lie on the 0.5 s cycle grid), from tpy2 to the
 * Busan radar, and no fresh first detection by the Busan radar.
 *
 * (a) perfect tracking: the handover time as above; the battery whose only
 *     radar is the Japan radar never fires (that radar never detects the
 *     threat: no event of it at all); the PAC-3 battery whose only radar
 *     is the Busan radar fires only after the handover.
 * (b) EKF without noise: the same handover time; the Busan radar's first
 *     track row is already firm (a fresh one-point start is tentative,
 *     bmd/track.h) with the Seongju track's accuracy: its position sigma
 *     is below the sigma of a one-point start from that look's
 *     measurement (the start's covariance is the measurement's alone).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "test_engagement_util.h"

#include "bmd/atmo.h"
#include "bmd/geo.h"
#include "bmd/radar.h"
#include "bmd/track.h"
#include "bmd/traj.h"

/* %s: the tracking filter */
static const char *const FMT =
    "name: handover\n"
    "radars:\n"
    "  - {name: tpy2, type: an-tpy2, site: seongju, boresight: 322deg, revisit: 1s}\n"
    "  - {name: busan-radar, type: an-tpy2, site: busan, boresight: 322deg, revisit: 1s,\n"
    "     overrides: {el_min: 10deg}}\n"
    "  - {name: japan-radar, type: an-tpy2, site: '36,141', boresight: 90deg, revisit: 1s}\n"
    "batteries:\n"
    "  - {name: blind, site: seongju, interceptor: thaad, launchers: 1, missiles_per_launcher: 4,\n"
    "     doctrine: {mode: salvo, salvo: 1}, reaction_time: 10s, layer: 1,\n"
    "     radars: [japan-radar]}\n"
    "  - {name: pac3, site: busan, interceptor: pac-3, launchers: 1, missiles_per_launcher: 4,\n"
    "     doctrine: {mode: salvo, salvo: 1}, reaction_time: 5s, layer: 2,\n"
    "     radars: [busan-radar]}\n"
    "threats:\n"
    "  - {name: n, missile: nodong, launch: {site: north-hwanghae, time: 0s}, aim: busan,\n"
    "     rcs: 0.1m2}\n"
    "tracking: {filter: %s, initiation: 3/5}\n"
    "simulation: {dt: 0.5s}\n";

/* The first search look of radar ri that detects the independently flown
 * threat 0 (noise off: no reason against detection), or -1. */
static double first_look(const bmd_scenario *s, size_t ri)
{
    tst_models m;
    tst_models_init(&m);
    bmd_traj_summary sum;
    tst_samples *tr = tst_fly_threat(&m, &s->threat[0], &sum);
    bmd_ephem eph = tst_ephem(tr);
    bmd_radar_site site;
    double t_det = tst_first_look(&m, s, ri, &eph, sum.flight_time_s, &site);
    free(tr);
    return t_det;
}

static char buf[2048];

static bmd_engage_plan *plan_for(const eng_cats *c, const char *filter, bmd_scenario *s)
{
    snprintf(buf, sizeof buf, FMT, filter);
    return eng_plan(c, buf, s);
}

/* The handover events: their number; *ev the first. */
static int handovers(const bmd_engage_result *r, const bmd_eng_event **ev)
{
    int n = 0;
    *ev = NULL;
    for (size_t i = 0; i < r->n_events; i++)
        if (r->event[i].kind == BMD_EV_HANDOVER) {
            if (n++ == 0) *ev = &r->event[i];
        }
    return n;
}

static void check_handover(const bmd_scenario *s, const bmd_engage_result *r, double t_expect)
{
    const bmd_eng_event *ho;
    assert_int_equal(handovers(r, &ho), 1);
    CHECK_ABS(ho->t_s, t_expect, 1e-9);
    assert_int_equal(ho->threat, 0);
    assert_int_equal(ho->radar, 1);      /* to busan-radar */
    assert_int_equal(ho->radar_from, 0); /* from tpy2 */
    assert_true(r->threat[0].firm_track_time_s < t_expect);
    for (size_t i = 0; i < r->n_events; i++) {
        const bmd_eng_event *e = &r->event[i];
        /* the Busan radar never starts a track of its own */
        if (e->kind == BMD_EV_FIRST_DETECTION) assert_int_equal(e->radar, 0);
        /* the Japan radar sees nothing */
        assert_int_not_equal(e->radar, 2);
    }
    (void)s;
}

static void test_handover_truth(void **state)
{
    const eng_cats *c = *state;
    bmd_scenario s;
    bmd_engage_plan *p = plan_for(c, "truth", &s);
    assert_true(s.battery[0].radar_set == 4u && s.battery[1].radar_set == 2u);
    double t_ho = first_look(&s, 1);
    print_message("busan-radar first detects the threat at %.1f s\n", t_ho);
    assert_true(t_ho > 0.0);
    assert_true(first_look(&s, 2) < 0.0); /* the Japan radar never could */
    bmd_engage_result r;
    eng_run_quiet(p, 0, 1, &r);
    check_handover(&s, &r, t_ho);
    /* the blind battery never fires; the PAC-3 battery only after the
     * handover gave its radar the track */
    assert_true(r.n_shots > 0);
    for (size_t i = 0; i < r.n_shots; i++) {
        assert_int_equal(r.shot[i].battery, 1);
        assert_true(r.shot[i].launch_time_s > t_ho);
    }
    bmd_engage_result_free(&r);
    bmd_engage_plan_free(p);
    bmd_scenario_free(&s);
}

static void test_handover_ekf(void **state)
{
    const eng_cats *c = *state;
    bmd_scenario s;
    bmd_engage_plan *p = plan_for(c, "ekf", &s);
    double t_ho = first_look(&s, 1);
    bmd_engage_result r;
    eng_run_quiet(p, 0, 1, &r);
    check_handover(&s, &r, t_ho);
    const bmd_eng_track_row *first = NULL;
    for (size_t i = 0; i < r.n_tracks && first == NULL; i++)
        if (r.track[i].radar == 1) first = &r.track[i];
    assert_non_null(first);
    CHECK_ABS(first->t_s, t_ho, 1e-9);
    assert_int_equal(first->status, BMD_TRACK_FIRM);
    /* a one-point start from the same look: the Busan radar's measurement
     * sigmas at the estimated position */
    bmd_errbuf e;
    bmd_radar_site site;
    bmd_earth earth;
    bmd_earth_wgs84(&earth);
    CHECK_OK(bmd_radar_setup(&site, &s.radar[1].radar, &earth, &e));
    bmd_radar_obs ob;
    double x[3];
    memcpy(x, first->x, sizeof x); /* the estimate: within metres of the truth */
    CHECK_OK(bmd_radar_observe(&site, x, 0.1, &ob));
    bmd_radar_meas m;
    CHECK_OK(bmd_radar_sigmas(&site, &ob, &m));
    bmd_track_meas z = {t_ho,
                        m.range_m,
                        m.az_rad,
                        m.el_rad - (ob.el_rad - ob.el_geo_rad),
                        m.sigma_range_m,
                        m.sigma_az_rad,
                        m.sigma_el_rad};
    bmd_atmo atmo;
    CHECK_OK(bmd_atmo_init(&atmo, BMD_ATMO_US76));
    bmd_track_config tc;
    bmd_track_config_init(&tc, &earth, &atmo);
    bmd_track fresh;
    CHECK_OK(bmd_track_start(&fresh, &tc, site.r0_ecef_m, s.radar[1].radar.face.lat_rad,
                             s.radar[1].radar.face.lon_rad, &z, &e));
    double fresh_sigma = bmd_track_pos_sigma_m(&fresh);
    print_message("handed-over track sigma %.2f m; a one-point start's %.2f m\n",
                  first->pos_sigma_m, fresh_sigma);
    assert_true(first->pos_sigma_m < fresh_sigma);
    bmd_engage_result_free(&r);
    bmd_engage_plan_free(p);
    bmd_scenario_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_handover_truth),
        cmocka_unit_test(test_handover_ekf),
    };
    return cmocka_run_group_tests(tests, eng_setup, eng_teardown);
}
