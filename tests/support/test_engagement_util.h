/*
 * test_engagement_util.h: shared set-up of the engagement tests
 * (tests/engage/test_engagement_*.c): the catalogs (catalogs.h) and a
 * scenario loaded from YAML text. Not a test itself (only test_*.c files
 * are built as tests).
 */
#ifndef BMD_TESTS_ENGAGEMENT_UTIL_H
#define BMD_TESTS_ENGAGEMENT_UTIL_H

#include <stdlib.h>
#include <string.h>

#include "catalogs.h"
#include "check.h"

#include "bmd/atmo.h"
#include "bmd/engage.h"
#include "bmd/geo.h"
#include "bmd/interceptor.h"
#include "bmd/radar.h"
#include "bmd/traj.h"

typedef tst_cats eng_cats;

static inline const char *eng_data_dir(void)
{
    return tst_data_dir();
}

static inline int eng_setup(void **state)
{
    return tst_cats_setup(state);
}

static inline int eng_teardown(void **state)
{
    return tst_cats_teardown(state);
}

/* Load YAML text into *s and prepare its plan with every battery's homing
 * set to `homing` (-1: as loaded); fails the test on error. */
static inline bmd_engage_plan *eng_plan_homing(const eng_cats *c, const char *yaml, int homing,
                                               bmd_scenario *s)
{
    bmd_errbuf e;
    bmd_scenario_init(s);
    int st = bmd_scenario_load_string(yaml, strlen(yaml), "test", NULL, &c->env, s, &e);
    if (st != BMD_OK) fail_msg("scenario: %s", e.msg);
    for (size_t b = 0; homing >= 0 && b < s->n_batteries; b++)
        s->battery[b].interceptor.homing = homing;
    bmd_engage_plan *p = NULL;
    st = bmd_engage_prepare(s, &p, &e);
    if (st != BMD_OK) fail_msg("prepare: %s", e.msg);
    return p;
}

/* As eng_plan_homing, homing as loaded. */
static inline bmd_engage_plan *eng_plan(const eng_cats *c, const char *yaml, bmd_scenario *s)
{
    return eng_plan_homing(c, yaml, -1, s);
}

/* Run `run` of the plan with seed `seed` without measurement noise
 * (recorded); the test fails when the run does. */
static inline void eng_run_quiet(const bmd_engage_plan *plan, long run, uint64_t seed,
                                 bmd_engage_result *res)
{
    bmd_engage_opts o;
    bmd_engage_opts_init(&o);
    o.noise = 0;
    bmd_errbuf e;
    if (bmd_engage_run(plan, run, seed, &o, res, &e) != BMD_OK) fail_msg("run: %s", e.msg);
}

/* A flight's samples (t, r, v in ECEF), strictly increasing in time, at
 * most 2,000: the independent truth tests compare the engagement with. */
typedef struct tst_samples {
    size_t n;
    double t[2000], r[2000][3], v[2000][3];
} tst_samples;

/* bmd_traj_config.sample callback filling a tst_samples (ctx). */
static inline int tst_collect(void *ctx, const bmd_traj_sample *s)
{
    tst_samples *a = ctx;
    if (a->n > 0 && !(s->t_s > a->t[a->n - 1] + 1e-9)) return 0;
    if (a->n == 2000) return 1;
    a->t[a->n] = s->t_s;
    memcpy(a->r[a->n], s->r_ecef_m, sizeof a->r[0]);
    memcpy(a->v[a->n], s->v_ecef_mps, sizeof a->v[0]);
    a->n++;
    return 0;
}

/* The models an engagement plan flies with (WGS84, US76, the default
 * bmd_traj_config), for truths flown independently of the engagement. cfg
 * points into the struct: initialise it in place, never copy it. */
typedef struct tst_models {
    bmd_earth earth;
    bmd_atmo atmo;
    bmd_traj_config cfg;
} tst_models;

static inline void tst_models_init(tst_models *m)
{
    bmd_earth_wgs84(&m->earth);
    CHECK_OK(bmd_atmo_init(&m->atmo, BMD_ATMO_US76));
    bmd_traj_config_init(&m->cfg, &m->earth, &m->atmo);
}

/* Threat th flown on its own minimum-energy solution to its aim point,
 * sampled every 0.5 s: the samples (free() them) and *sum. */
static inline tst_samples *tst_fly_threat(const tst_models *m, const bmd_scn_threat *th,
                                          bmd_traj_summary *sum)
{
    bmd_errbuf e;
    bmd_traj_solution *sol = malloc(sizeof *sol);
    tst_samples *tr = calloc(1, sizeof *tr);
    assert_non_null(sol);
    assert_non_null(tr);
    CHECK_OK(bmd_traj_target(&m->cfg, &th->missile, th->launch.lat_rad, th->launch.lon_rad,
                             th->launch.alt_m, th->aim.lat_rad, th->aim.lon_rad, &th->shape, 0.0,
                             sol, &e));
    bmd_traj_config fc = m->cfg;
    fc.sample_dt_s = 0.5;
    fc.sample = tst_collect;
    fc.sample_ctx = tr;
    CHECK_OK(bmd_traj_fly(&fc, &th->missile, &sol->launch, sum, &e));
    free(sol);
    return tr;
}

/* The samples as an ephemeris (bmd/interceptor.h) for bmd_ephem_target. */
static inline bmd_ephem tst_ephem(const tst_samples *tr)
{
    bmd_ephem eph = {tr->n, tr->t, (const double(*)[3])tr->r, (const double(*)[3])tr->v};
    return eph;
}

/* The first search look of radar ri of s (every search frame from t = 0,
 * before t_end) that detects the flight eph as a 0.1 m^2 target with no
 * noise (no reason stands against detection), or -1; *site the radar. */
static inline double tst_first_look(const tst_models *m, const bmd_scenario *s, size_t ri,
                                    bmd_ephem *eph, double t_end, bmd_radar_site *site)
{
    bmd_errbuf e;
    CHECK_OK(bmd_radar_setup(site, &s->radar[ri].radar, &m->earth, &e));
    double frame = s->radar[ri].search_revisit_s > 0 ? s->radar[ri].search_revisit_s
                                                     : s->radar[ri].radar.mode.t_frame_s;
    for (double t = 0.0; t < t_end; t += frame) {
        double x[3], v[3];
        assert_int_equal(bmd_ephem_target(eph, t, x, v), 0);
        bmd_radar_obs ob;
        CHECK_OK(bmd_radar_observe(site, x, 0.1, &ob));
        if (ob.reasons == 0) return t;
    }
    return -1.0;
}

#endif
