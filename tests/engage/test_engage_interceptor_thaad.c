/*
 * test_engage_interceptor_thaad.c: the THAAD-class interceptor: fly-out
 * table against full guided fly-outs, the reachable envelope against the
 * published one, an intercept of a Nodong-class RV, and the intercept solve.
 *
 * The interceptor is built here with the numbers of data/catalog/
 * interceptors.yaml, entry "thaad" (estimates; see the sources there); this
 * test links the engage module only, so it does not read the catalog
 * (tests/catalog/test_io_interceptor.c checks the catalog entry loads).
 * Published envelope: maximum range about 200 km, intercept altitude
 * 40-150 km (USCC 2016 annual report, p. 448; REFERENCES.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "interceptors.h"
#include "threats.h"

#include "bmd/atmo.h"
#include "bmd/const.h"
#include "bmd/gravity.h"
#include "bmd/interceptor.h"
#include "bmd/vec3.h"

/* Battery near Busan (approximate public coordinates, geometry only) and a
 * Nodong-class launch point in North Hwanghae, 533 km away (as in
 * tests/traj/test_traj_target.c). */
#define SITE_LAT (35.2 * BMD_DEG2RAD)
#define SITE_LON (128.9 * BMD_DEG2RAD)
#define LAUNCH_LAT (39.0 * BMD_DEG2RAD)
#define LAUNCH_LON (125.5 * BMD_DEG2RAD)
#define AIM_LAT (35.1 * BMD_DEG2RAD)
#define AIM_LON (129.0 * BMD_DEG2RAD)

typedef struct fix {
    bmd_earth e;
    bmd_atmo atm;
    bmd_traj_config cfg;
    bmd_interceptor ic;
    bmd_ic_table tab;
    double az_threat; /* azimuth site -> threat launch point, rad */
} fix;

static int setup(void **state)
{
    fix *f = calloc(1, sizeof *f);
    if (f == NULL) return -1;
    bmd_earth_wgs84(&f->e);
    if (bmd_atmo_init(&f->atm, BMD_ATMO_US76) != BMD_OK) return -1;
    bmd_traj_config_init(&f->cfg, &f->e, &f->atm);
    tst_thaad_like(&f->ic);
    bmd_errbuf err;
    if (bmd_interceptor_check(&f->ic, &err) != BMD_OK) return -1;
    bmd_geo_inverse(&f->e, SITE_LAT, SITE_LON, LAUNCH_LAT, LAUNCH_LON, NULL, &f->az_threat, NULL);
    /* grid to 320 km so the reach beyond the published 200 km shows */
    if (bmd_interceptor_table_build(&f->cfg, &f->ic, SITE_LAT, SITE_LON, 0.0, f->az_threat, 320e3,
                                    190e3, &f->tab, &err) != BMD_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    free(*state);
    return 0;
}

/*
 * A threat passing through a point P at time tP (s since launch), coming
 * down toward the site at 2.5 km/s and 40 deg below the horizontal: locally
 * a parabola r = P + v dt + 1/2 a dt^2 with a = gravity (J2) + centrifugal
 * - 2 omega x v at P, the ECEF equations of motion frozen at P (errors of
 * order 1e-6 s^-2 x distance: under 1 m/s over the homing). A falling
 * target, since PN against a fixed point would spend its divert fighting
 * gravity (PN nulls the line-of-sight rate, which gravity alone creates).
 */
typedef struct parab {
    double p[3], v[3], a[3], tp;
} parab;

static int parab_target(void *ctx, double t, double r[3], double v[3])
{
    const parab *c = ctx;
    double dt = t - c->tp;
    for (int i = 0; i < 3; i++) {
        r[i] = c->p[i] + dt * c->v[i] + 0.5 * dt * dt * c->a[i];
        v[i] = c->v[i] + dt * c->a[i];
    }
    return 0;
}

static void parab_init(const fix *f, parab *c, double lat, double lon, double h, double az_to_site,
                       double tp)
{
    double enu[3][3], g[3], w = f->e.omega_radps, wv[3], om[3] = {0.0, 0.0, w};
    double venu[3] = {2500.0 * cos(40 * BMD_DEG2RAD) * sin(az_to_site),
                      2500.0 * cos(40 * BMD_DEG2RAD) * cos(az_to_site),
                      -2500.0 * sin(40 * BMD_DEG2RAD)};
    bmd_geo_to_ecef(&f->e, lat, lon, h, c->p);
    bmd_geo_enu_basis(lat, lon, enu);
    bmd_m3_tmulv(c->v, enu, venu);
    assert_int_equal(bmd_gravity_accel(&f->e, c->p, g), BMD_OK);
    bmd_v3_cross(wv, om, c->v);
    c->a[0] = g[0] + w * w * c->p[0] - 2.0 * wv[0];
    c->a[1] = g[1] + w * w * c->p[1] - 2.0 * wv[1];
    c->a[2] = g[2] - 2.0 * wv[2];
    c->tp = tp;
}

/* Guided fly-out from the site, launched at t = 0, against a threat passing
 * through the point at ground range s_m along the azimuth az and height h_m
 * at the table's fly-out time; returns the result and that time. */
static void fly_to_point(const fix *f, double az, double s_m, double h_m, bmd_ic_result *res,
                         double *t_table, int *ok_table)
{
    double lat, lon, p[3], az_back;
    bmd_geo_direct(&f->e, SITE_LAT, SITE_LON, az, s_m, &lat, &lon, &az_back);
    bmd_geo_to_ecef(&f->e, lat, lon, h_m, p);
    bmd_ic_shot shot = {SITE_LAT, SITE_LON, 0.0, 0.0, 0.0, 0.0, 0};
    *ok_table = bmd_interceptor_aim(&f->e, &f->tab, SITE_LAT, SITE_LON, 0.0, p, &shot.azimuth_rad,
                                    &shot.elev_rad, t_table) == BMD_OK;
    memset(res, 0, sizeof *res);
    if (!*ok_table) return;
    parab tg;
    parab_init(f, &tg, lat, lon, h_m, az_back + BMD_PI, *t_table);
    bmd_errbuf err;
    int s = bmd_interceptor_fly(&f->cfg, &f->ic, &shot, parab_target, &tg, NULL, res, &err);
    if (s != BMD_OK) fail_msg("fly-out to (%.0f km, %.0f km): %s", s_m / 1e3, h_m / 1e3, err.msg);
}

static void test_table_vs_flyout(void **state)
{
    fix *f = *state;
    /* sampled points across the envelope (ground range, height), m */
    static const double pts[][2] = {{30e3, 60e3},  {80e3, 45e3},   {120e3, 100e3}, {150e3, 145e3},
                                    {190e3, 42e3}, {200e3, 120e3}, {60e3, 140e3},  {170e3, 75e3}};
    for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++) {
        bmd_ic_result r;
        double tt;
        int ok;
        fly_to_point(f, f->az_threat, pts[i][0], pts[i][1], &r, &tt, &ok);
        assert_true(ok);
        printf("# (%3.0f km, %3.0f km): table %.2f s, guided %.2f s, miss %.3f m, divert %.1f "
               "m/s\n",
               pts[i][0] / 1e3, pts[i][1] / 1e3, tt, r.flight_time_s, r.miss_m, r.divert_used_mps);
        /* the guided KV reaches the point (hit-to-kill miss < 0.5 m) ... */
        assert_int_equal(r.outcome, BMD_IC_HIT);
        /* ... in the table's time: 1 % (bilinear interpolation between fan
         * members and nodes; the KV's divert corrections) */
        CHECK_REL(r.flight_time_s, tt, 0.01);
    }
}

/* Largest ground range at height h whose point a guided fly-out reaches
 * (hit) within the interceptor's flight-time limit; bisection to 1 km. */
static double reach(const fix *f, double h_m)
{
    double lo = 100e3, hi = 310e3;
    while (hi - lo > 1e3) {
        double mid = 0.5 * (lo + hi), tt;
        bmd_ic_result r;
        int ok;
        fly_to_point(f, f->az_threat, mid, h_m, &r, &tt, &ok);
        if (ok && r.outcome == BMD_IC_HIT && r.flight_time_s <= f->ic.max_flight_time_s)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static void test_envelope(void **state)
{
    fix *f = *state;
    double r40 = reach(f, 40e3), r150 = reach(f, 150e3);
    printf("# reach within %.0f s: %.0f km at 40 km, %.0f km at 150 km\n", f->ic.max_flight_time_s,
           r40 / 1e3, r150 / 1e3);
    /* Published maximum range about 200 km (USCC 2016, p. 448). The 150 s
     * flight-time limit is calibrated on the table's 40 km row, so at 40 km
     * this checks the guided fly-out against that calibration; at 150 km it
     * is a prediction. Tolerance 10 % ("about 200 km"). */
    CHECK_REL(r40, 200e3, 0.10);
    CHECK_REL(r150, 200e3, 0.10);
    /* Without the time limit the kinematic reach (the table, which the
     * guided fly-outs confirm) goes beyond 200 km at both heights, at
     * fly-out times above the limit: the published range is not set by the
     * booster's speed. */
    double t;
    CHECK_OK(bmd_interceptor_table_eval(&f->tab, 260e3, 40e3, &t, NULL, NULL));
    assert_true(t > f->ic.max_flight_time_s);
    CHECK_OK(bmd_interceptor_table_eval(&f->tab, 260e3, 150e3, &t, NULL, NULL));
    assert_true(t > f->ic.max_flight_time_s);
    /* the envelope lookup: inside, and outside in altitude and range */
    assert_int_equal(bmd_interceptor_time_to(&f->tab, 150e3, 100e3, &t), 1);
    assert_int_equal(bmd_interceptor_time_to(&f->tab, 150e3, 30e3, &t), 0);
    assert_int_equal(bmd_interceptor_time_to(&f->tab, 150e3, 160e3, &t), 0);
    assert_int_equal(bmd_interceptor_time_to(&f->tab, 210e3, 100e3, &t), 0);
}

/* ---- the Nodong-class threat --------------------------------------------- */

#define MAX_SAMPLES 2000
typedef struct track {
    size_t n;
    double t[MAX_SAMPLES], r[MAX_SAMPLES][3], v[MAX_SAMPLES][3];
    bmd_ephem eph;
} track;

static int store(void *ctx, const bmd_traj_sample *s)
{
    track *k = ctx;
    if (k->n >= MAX_SAMPLES || (k->n > 0 && !(s->t_s > k->t[k->n - 1]))) return 0;
    k->t[k->n] = s->t_s;
    bmd_v3_copy(k->r[k->n], s->r_ecef_m);
    bmd_v3_copy(k->v[k->n], s->v_ecef_mps);
    k->n++;
    return 0;
}

/* Fly the threat (minimum energy to the aim point) and keep 0.5 s samples
 * of the free flight after RV separation. */
static void fly_threat(fix *f, track *k, double aim_lat, double aim_lon, const bmd_traj_shape *sh)
{
    bmd_missile m;
    tst_nodong_class(&m);
    bmd_traj_solution sol;
    bmd_errbuf err;
    int s = bmd_traj_target(&f->cfg, &m, LAUNCH_LAT, LAUNCH_LON, 0.0, aim_lat, aim_lon, sh, 0.0,
                            &sol, &err);
    if (s != BMD_OK) fail_msg("threat targeting: %s", err.msg);
    bmd_traj_config c = f->cfg;
    c.sample = store;
    c.sample_ctx = k;
    c.sample_dt_s = 0.5;
    k->n = 0;
    CHECK_OK(bmd_traj_fly(&c, &m, &sol.launch, NULL, NULL));
    k->eph = (bmd_ephem){k->n, k->t, (const double(*)[3])k->r, (const double(*)[3])k->v};
}

static void test_nodong_intercept(void **state)
{
    fix *f = *state;
    track *k = calloc(1, sizeof *k);
    assert_non_null(k);
    fly_threat(f, k, AIM_LAT, AIM_LON, NULL);
    /* fire control cue: the earliest feasible intercept from t = 150 s */
    bmd_ic_solution sol;
    bmd_errbuf err;
    int s = bmd_interceptor_solve(&f->e, &f->tab, SITE_LAT, SITE_LON, 0.0, bmd_ephem_target,
                                  &k->eph, 150.0, k->t[k->n - 1], 1.0, &sol, &err);
    if (s != BMD_OK) fail_msg("solve: %s", err.msg);
    bmd_ic_shot shot = {SITE_LAT,        SITE_LON,     0.0, sol.launch_time_s,
                        sol.azimuth_rad, sol.elev_rad, 0};
    bmd_ic_result r;
    bmd_rng rng;
    bmd_rng_init(&rng, 7, 0);
    CHECK_OK(
        bmd_interceptor_fly(&f->cfg, &f->ic, &shot, bmd_ephem_target, &k->eph, &rng, &r, &err));
    printf("# nodong-class: launch %.1f s, PIP %.1f km alt %.1f km range, intercept %.2f s at "
           "%.1f km, miss %.3f m, closing %.0f m/s, divert %.1f m/s, kill %d\n",
           sol.launch_time_s, sol.pip_alt_m / 1e3, sol.pip_range_m / 1e3, r.t_ca_s,
           r.alt_ca_m / 1e3, r.miss_m, r.closing_mps, r.divert_used_mps, r.kill);
    /* hit-to-kill: miss below the 0.5 m lethal radius, inside the published
     * 40-150 km altitude window (USCC 2016) */
    assert_int_equal(r.outcome, BMD_IC_HIT);
    assert_true(r.miss_m < f->ic.lethal_radius_m);
    assert_true(r.alt_ca_m >= 40e3 && r.alt_ca_m <= 150e3);
    /* the guided intercept happens when the solve said: within 1 % of the
     * fly-out time (the table's tolerance above) */
    CHECK_ABS(r.t_ca_s, sol.t_intercept_s, 0.01 * sol.flyout_s);
    assert_true(r.divert_used_mps <= f->ic.kv_divert_mps);
    free(k);
}

static void test_solve_consistency(void **state)
{
    fix *f = *state;
    track *k = calloc(1, sizeof *k);
    assert_non_null(k);
    fly_threat(f, k, AIM_LAT, AIM_LON, NULL);
    bmd_ic_solution sol;
    double t_now = 120.0;
    CHECK_OK(bmd_interceptor_solve(&f->e, &f->tab, SITE_LAT, SITE_LON, 0.0, bmd_ephem_target,
                                   &k->eph, t_now, k->t[k->n - 1], 1.0, &sol, NULL));
    /* inside the envelope */
    double t;
    assert_int_equal(bmd_interceptor_time_to(&f->tab, sol.pip_range_m, sol.pip_alt_m, &t), 1);
    /* launch + fly-out = intercept (1e-9 s, by construction) and the fly-out
     * is the table's time at the PIP (1e-9 s); launch not before t_now */
    CHECK_ABS(sol.launch_time_s + sol.flyout_s, sol.t_intercept_s, 1e-9);
    CHECK_ABS(sol.flyout_s, t, 1e-9);
    assert_true(sol.launch_time_s >= t_now - 1e-9);
    /* earliest: a point 1 s earlier would not be feasible (slack < 0 or
     * outside the envelope); the bisection tolerance is 1e-3 s */
    double r[3], v[3], rng, h, lat, lon, t2;
    assert_int_equal(bmd_ephem_target(&k->eph, sol.t_intercept_s - 0.01, r, v), 0);
    bmd_geo_from_ecef(&f->e, r, &lat, &lon, &h);
    bmd_geo_inverse(&f->e, SITE_LAT, SITE_LON, lat, lon, &rng, NULL, NULL);
    int in = bmd_interceptor_time_to(&f->tab, rng, h, &t2);
    assert_true(!in || sol.t_intercept_s - 0.01 - t2 < t_now);
    free(k);
}

/* A threat that stays at 20 km altitude (below the 40 km floor): a
 * synthetic cruise at 2 km/s toward the site. */
typedef struct cruise {
    const bmd_earth *e;
    double az;
} cruise;

static int cruise_target(void *ctx, double t, double r[3], double v[3])
{
    const cruise *c = ctx;
    double lat, lon, lat2, lon2, s = 400e3 - 2000.0 * t, r2[3];
    if (s < 0.0) return 1;
    bmd_geo_direct(c->e, SITE_LAT, SITE_LON, c->az, s, &lat, &lon, NULL);
    bmd_geo_direct(c->e, SITE_LAT, SITE_LON, c->az, s - 2.0, &lat2, &lon2, NULL);
    bmd_geo_to_ecef(c->e, lat, lon, 20e3, r);
    bmd_geo_to_ecef(c->e, lat2, lon2, 20e3, r2);
    bmd_v3_sub(v, r2, r);
    bmd_v3_scale(v, 1000.0, v); /* 2 m in 1 ms */
    return 0;
}

static void test_solve_no_intercept(void **state)
{
    fix *f = *state;
    cruise c = {&f->e, f->az_threat};
    bmd_ic_solution sol;
    bmd_errbuf err;
    CHECK_STATUS(bmd_interceptor_solve(&f->e, &f->tab, SITE_LAT, SITE_LON, 0.0, cruise_target, &c,
                                       0.0, 300.0, 1.0, &sol, &err),
                 BMD_EUNREACH);
    assert_non_null(strstr(err.msg, "no feasible intercept"));
}

/* ---- the guided fly-out's guidance-interval stepper against the accurate path */

/* The catalog's realistic homing (data/catalog/interceptors.yaml, thaad:
 * third-order lag of 0.1 s, seeker noise 50 urad fixed, 5 cm glint, 100 urad
 * receiver). */
static void realistic(bmd_interceptor *ic)
{
    ic->homing = BMD_HOMING_REALISTIC;
    ic->lag_order = 3;
    ic->lag_tau_s = 0.1;
    ic->noise_fixed_rad = 50e-6;
    ic->noise_glint_m = 0.05;
    ic->noise_rn_rad = 100e-6;
}

typedef struct fly_case {
    double s_m, h_m; /* point: ground range, height (m); s_m < 0: the Nodong RV */
    int homing;
} fly_case;

/* Differences of the default path (cfg.integ NULL: DOPRI5 boost and
 * midcourse, the KV's own stepper after acquisition) from another one. */
typedef struct diffs {
    double miss, t_ca, r_ca, alt_ca, divert;
} diffs;

static void diff(const bmd_ic_result *a, const bmd_ic_result *b, diffs *d)
{
    double dr[3];
    assert_int_equal(a->outcome, b->outcome);
    bmd_v3_sub(dr, a->r_ca_ecef_m, b->r_ca_ecef_m);
    d->miss = fmax(d->miss, fabs(a->miss_m - b->miss_m));
    d->t_ca = fmax(d->t_ca, fabs(a->t_ca_s - b->t_ca_s));
    d->r_ca = fmax(d->r_ca, bmd_v3_norm(dr));
    d->alt_ca = fmax(d->alt_ca, fabs(a->alt_ca_m - b->alt_ca_m));
    d->divert = fmax(d->divert, fabs(a->divert_used_mps - b->divert_used_mps));
}

/* One fly-out on three paths: r[0] the default, r[1] adaptive DOPRI5 for
 * the whole flight (the default before the KV's stepper), r[2] RK8(7). */
static void fly_paths(fix *f, track *k, const fly_case *c, bmd_traj_integrator *dp,
                      bmd_traj_integrator *acc, bmd_ic_result r[3])
{
    bmd_interceptor ic = f->ic;
    if (c->homing == BMD_HOMING_REALISTIC) realistic(&ic);
    bmd_ic_shot shot = {SITE_LAT, SITE_LON, 0.0, 0.0, 0.0, 0.0, 12345};
    parab tg;
    void *ctx = &tg;
    bmd_interceptor_target_fn fn = parab_target;
    if (c->s_m < 0.0) {
        bmd_ic_solution sol;
        CHECK_OK(bmd_interceptor_solve(&f->e, &f->tab, SITE_LAT, SITE_LON, 0.0, bmd_ephem_target,
                                       &k->eph, 150.0, k->t[k->n - 1], 1.0, &sol, NULL));
        shot.launch_time_s = sol.launch_time_s;
        shot.azimuth_rad = sol.azimuth_rad;
        shot.elev_rad = sol.elev_rad;
        fn = bmd_ephem_target;
        ctx = &k->eph;
    } else {
        double lat, lon, p[3], az_back, tt;
        bmd_geo_direct(&f->e, SITE_LAT, SITE_LON, f->az_threat, c->s_m, &lat, &lon, &az_back);
        bmd_geo_to_ecef(&f->e, lat, lon, c->h_m, p);
        CHECK_OK(bmd_interceptor_aim(&f->e, &f->tab, SITE_LAT, SITE_LON, 0.0, p, &shot.azimuth_rad,
                                     &shot.elev_rad, &tt));
        parab_init(f, &tg, lat, lon, c->h_m, az_back + BMD_PI, tt);
    }
    bmd_traj_integrator *ig[3] = {NULL, dp, acc};
    for (int i = 0; i < 3; i++) {
        bmd_traj_config cfg = f->cfg;
        cfg.integ = ig[i];
        bmd_errbuf err;
        int s = bmd_interceptor_fly(&cfg, &ic, &shot, fn, ctx, NULL, &r[i], &err);
        if (s != BMD_OK) fail_msg("fly-out %d: %s", i, err.msg);
        assert_true(r[i].t_acquire_s > 0.0); /* the terminal phase was flown */
    }
    double dr[3];
    bmd_v3_sub(dr, r[0].r_ca_ecef_m, r[1].r_ca_ecef_m);
    printf("# %s (%3.0f km, %3.0f km): miss %.4f m; default - DOPRI5: t_ca %+.1e s, |dr_ca| "
           "%.1e m; default - RK8(7): t_ca %+.1e s\n",
           c->homing ? "realistic" : "ideal    ", c->s_m / 1e3, c->h_m / 1e3, r[0].miss_m,
           r[0].t_ca_s - r[1].t_ca_s, bmd_v3_norm(dr), r[0].t_ca_s - r[2].t_ca_s);
}

/*
 * The KV's guidance-interval stepper (bmd_interceptor_home, note 3) against
 * the adaptive paths, on THAAD fly-outs to points across the envelope
 * (intercepts at 42-145 km) and to the Nodong-class RV, ideal and realistic
 * homing (the same seeker-noise stream on every path: one draw pair per
 * command, and the commands fall at the same times).
 */
static void test_fast_homing(void **state)
{
    fix *f = *state;
    track *k = calloc(1, sizeof *k);
    assert_non_null(k);
    fly_threat(f, k, AIM_LAT, AIM_LON, NULL);
    bmd_traj_integrator dp, acc;
    CHECK_OK(bmd_traj_integrator_init(&dp, bmd_traj_dopri5, NULL));
    CHECK_OK(bmd_traj_integrator_init(&acc, bmd_traj_rk8pd, NULL));
    acc.rtol = 1e-12;
    acc.atol_pos_m = 1e-6;
    acc.atol_vel_mps = 1e-9;
    static const fly_case cs[] = {
        {-1.0, 0.0, BMD_HOMING_REALISTIC},   {-1.0, 0.0, BMD_HOMING_IDEAL},
        {30e3, 60e3, BMD_HOMING_REALISTIC},  {80e3, 45e3, BMD_HOMING_REALISTIC},
        {190e3, 42e3, BMD_HOMING_REALISTIC}, {150e3, 145e3, BMD_HOMING_REALISTIC},
        {200e3, 120e3, BMD_HOMING_IDEAL},    {170e3, 75e3, BMD_HOMING_IDEAL},
    };
    diffs ddp = {0}, dacc = {0};
    for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++) {
        bmd_ic_result r[3];
        fly_paths(f, k, &cs[i], &dp, &acc, r);
        diff(&r[0], &r[1], &ddp);
        diff(&r[0], &r[2], &dacc);
    }
    printf("# default - DOPRI5: miss %.1e m, t_ca %.1e s, r_ca %.1e m, alt %.1e m, divert %.1e "
           "m/s\n",
           ddp.miss, ddp.t_ca, ddp.r_ca, ddp.alt_ca, ddp.divert);
    printf("# default - RK8(7): miss %.1e m, t_ca %.1e s, r_ca %.1e m, alt %.1e m, divert %.1e "
           "m/s\n",
           dacc.miss, dacc.t_ca, dacc.r_ca, dacc.alt_ca, dacc.divert);
    /* Against RK8(7) at rtol 1e-12 (the accurate reference) and against
     * DOPRI5 for the whole flight (the default before the KV's own
     * integration): the differences are the default tolerance's error over
     * the boost and midcourse (rtol 1e-9 of DOPRI5 over ~100 s of flight, a
     * few 0.1 m along the path: the traj module's fly-out agrees with RK8(7)
     * to 0.2 m over 1,273 km, bench/RESULTS.md), shifting the intercept
     * along the path by a few 1e-5 s; the homing takes the path's error out
     * of the miss, which agrees to the terminal stepper's 2 mm
     * (test_fast_terminal). Bounds 1 m and 1 m / 3 km/s ~ 3e-4 s. */
    assert_true(dacc.r_ca < 1.0);
    assert_true(dacc.t_ca < 3e-4);
    assert_true(dacc.miss < 2e-3);
    assert_true(ddp.r_ca < 1.0);
    assert_true(ddp.t_ca < 3e-4);
    assert_true(ddp.miss < 2e-3);
    bmd_traj_integrator_free(&acc);
    bmd_traj_integrator_free(&dp);
    free(k);
}

/*
 * The terminal stepper alone (bmd_interceptor_home from inside the seeker's
 * range, so every period is a terminal one) against RK8(7) at rtol 1e-12:
 * a KV at 2.5 km/s climbing 30 deg and the parabolic target diving 40 deg
 * at 2.5 km/s, meeting 10 s later at 60 km height (drag there 0.5 m/s^2,
 * the densest air of the envelope tests but one), with a 1 deg heading
 * error for the homing to take out, realistic homing. Bound
 * (interceptor_fly.c): h^3 |G''| / 12 per 10 ms step, |G''| < 0.6 m/s^4,
 * over 1,000 steps: under 5e-5 m/s and 0.5 mm; asserted 2 mm (the figure
 * of the comments) on the closest approach and the miss, 1e-6 s on its
 * time; RK8(7)'s own error is far below.
 */
static void test_fast_terminal(void **state)
{
    fix *f = *state;
    bmd_interceptor ic = f->ic;
    realistic(&ic);
    double lat, lon, az_back, enu[3][3], p[3], tp = 10.0;
    bmd_geo_direct(&f->e, SITE_LAT, SITE_LON, f->az_threat, 100e3, &lat, &lon, &az_back);
    bmd_geo_to_ecef(&f->e, lat, lon, 60e3, p);
    parab tg;
    parab_init(f, &tg, lat, lon, 60e3, az_back + BMD_PI, tp);
    /* the KV: 2.5 km/s toward the target's azimuth of approach reversed,
     * 30 deg up, 1 deg off in azimuth, placed so that the straight lines
     * meet at p */
    double az = f->az_threat + 1.0 * BMD_DEG2RAD, el = 30.0 * BMD_DEG2RAD, venu[3], v[3], r[3];
    venu[0] = 2500.0 * cos(el) * sin(az);
    venu[1] = 2500.0 * cos(el) * cos(az);
    venu[2] = 2500.0 * sin(el);
    bmd_geo_enu_basis(lat, lon, enu);
    bmd_m3_tmulv(v, enu, venu);
    for (int i = 0; i < 3; i++)
        r[i] = p[i] - tp * v[i];
    double rt[3], vt[3], dr[3];
    parab_target(&tg, 0.0, rt, vt);
    bmd_v3_sub(dr, rt, r);
    assert_true(bmd_v3_norm(dr) < ic.seeker_range_m); /* terminal from the start */
    bmd_traj_integrator acc;
    CHECK_OK(bmd_traj_integrator_init(&acc, bmd_traj_rk8pd, NULL));
    acc.rtol = 1e-12;
    acc.atol_pos_m = 1e-6;
    acc.atol_vel_mps = 1e-9;
    bmd_ic_result a, b;
    bmd_traj_config cfg = f->cfg;
    CHECK_OK(bmd_interceptor_home_seeded(&cfg, &ic, 0.0, r, v, ic.kv_divert_mps, 99, parab_target,
                                         &tg, &a, NULL));
    cfg.integ = &acc;
    CHECK_OK(bmd_interceptor_home_seeded(&cfg, &ic, 0.0, r, v, ic.kv_divert_mps, 99, parab_target,
                                         &tg, &b, NULL));
    double d[3];
    bmd_v3_sub(d, a.r_ca_ecef_m, b.r_ca_ecef_m);
    printf("# terminal stepper vs RK8(7): miss %.4f / %.4f m, |dr_ca| %.1e m, dt_ca %.1e s, "
           "alt %.1f km, %ld / %ld steps\n",
           a.miss_m, b.miss_m, bmd_v3_norm(d), a.t_ca_s - b.t_ca_s, a.alt_ca_m / 1e3, a.n_steps,
           b.n_steps);
    assert_int_equal(a.outcome, b.outcome);
    assert_true(a.t_acquire_s == 0.0 && b.t_acquire_s == 0.0);
    assert_true(bmd_v3_norm(d) < 2e-3);
    CHECK_ABS(a.miss_m, b.miss_m, 2e-3);
    CHECK_ABS(a.t_ca_s, b.t_ca_s, 1e-6);
    bmd_traj_integrator_free(&acc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_vs_flyout),    cmocka_unit_test(test_envelope),
        cmocka_unit_test(test_nodong_intercept),   cmocka_unit_test(test_solve_consistency),
        cmocka_unit_test(test_solve_no_intercept), cmocka_unit_test(test_fast_homing),
        cmocka_unit_test(test_fast_terminal),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
