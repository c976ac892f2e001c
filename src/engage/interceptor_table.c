/*
 * interceptor_table.c: the fly-out table (a fan of unguided booster
 * fly-outs, DESIGN.md section 5), its bilinear lookup, the launch solution
 * for a predicted intercept point, and the earliest-intercept solve.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/geo.h"
#include "bmd/interceptor.h"
#include "bmd/vec3.h"
#include "interceptor_internal.h"

#define NR BMD_IC_TABLE_NR
#define NA BMD_IC_TABLE_NA
#define NK BMD_IC_TABLE_NK
/* Launch elevations of the fan, rad: 2 to 90 deg (lower ones meet the
 * ground in the dense air). */
#define ELEV_MIN_RAD (2.0 * BMD_DEG2RAD)
#define ELEV_MAX_RAD (0.5 * BMD_PI)
/* Sample period of the fan fly-outs, s: at 3 km/s vertical speed, linear
 * interpolation of the height between samples errs by g dt^2 / 8 ~ 1 cm. */
#define FAN_DT_S 0.1
/* Fan flights stop after this time when the interceptor has no flight-time
 * limit, s. */
#define FAN_T_STOP_S 900.0
/* Intercept-solve boundary tolerance, s. */
#define SOLVE_XTOL_S 1e-3

/* One altitude crossing of one fan member: ground range, time, speed. */
typedef struct xing {
    double range_m, t_s, v_mps;
} xing;

/* Work area: crossings [elevation][altitude][0 = ascending, 1 = descending]. */
typedef struct fan {
    xing x[NK][NA][2];
} fan;

/* A state sampled from the dense output. */
typedef struct smp {
    double t_s, alt_m, lat_rad, lon_rad, speed_mps;
} smp;

typedef struct fan_ctx {
    const bmd_earth *e;
    const bmd_ic_table *tab;
    double lat0, lon0, r0[3], r0n;
    double t_stop_s;
    xing (*row)[2]; /* this member's crossings, [NA][2] */
    int have_prev;
    long k_next; /* index of the next sample time */
    smp prev;
} fan_ctx;

static void record(fan_ctx *c, const smp *a, const smp *b, int j, int br)
{
    xing *x = &c->row[j][br];
    if (isfinite(x->t_s)) return; /* the first crossing counts */
    double h = (double)j * c->tab->dh_m, w = (h - a->alt_m) / (b->alt_m - a->alt_m);
    double lat = a->lat_rad + w * (b->lat_rad - a->lat_rad);
    double lon = a->lon_rad + w * bmd_wrap_pi(b->lon_rad - a->lon_rad);
    bmd_geo_inverse(c->e, c->lat0, c->lon0, lat, lon, &x->range_m, NULL, NULL);
    x->t_s = a->t_s + w * (b->t_s - a->t_s);
    x->v_mps = a->speed_mps + w * (b->speed_mps - a->speed_mps);
}

/* One sample: record the grid altitudes crossed since the previous one.
 * Returns 1 past the grid's range (a cheap great-circle range). */
static int fan_sample(fan_ctx *c, double t, const double y[BMD_TRAJ_NY])
{
    smp s;
    s.t_s = t;
    bmd_geo_from_ecef(c->e, y, &s.lat_rad, &s.lon_rad, &s.alt_m);
    s.speed_mps = bmd_v3_norm(y + 3);
    if (c->have_prev) {
        const smp *a = &c->prev;
        for (int j = 0; j < NA; j++) {
            double h = (double)j * c->tab->dh_m;
            if (a->alt_m < h && s.alt_m >= h) record(c, a, &s, j, 0);
            if (a->alt_m > h && s.alt_m <= h) record(c, a, &s, j, 1);
        }
    }
    c->prev = s;
    c->have_prev = 1;
    double cosang = bmd_v3_dot(c->r0, y) / (c->r0n * bmd_v3_norm(y));
    double ang = acos(fmax(-1.0, fmin(1.0, cosang)));
    return ang * c->e->a_m > 1.05 * c->tab->range_top_m + 10e3;
}

/* Step hook: samples every FAN_DT_S on the dense output, and the step end. */
static int fan_hook(void *ctx, double t0, double t1, const bmd_traj_dense *d, int burning)
{
    (void)t0;
    (void)burning;
    fan_ctx *c = ctx;
    double y[BMD_TRAJ_NY];
    for (;;) {
        double ts = (double)c->k_next * FAN_DT_S;
        if (ts > t1) break;
        bmd_traj_dense_eval(d, ts, y);
        c->k_next++;
        if (fan_sample(c, ts, y)) return 1;
    }
    bmd_traj_dense_eval(d, t1, y);
    return fan_sample(c, t1, y);
}

static int fly_member(const bmd_traj_config *cfg, const bmd_interceptor *ic, fan_ctx *c, double lat,
                      double lon, double alt, double az, double elev, bmd_errbuf *err)
{
    double y[BMD_TRAJ_NY], t, t_bo;
    int stopped;
    long n;
    c->have_prev = 0;
    c->k_next = 1;
    memset(y, 0, sizeof y);
    bmd_geo_to_ecef(cfg->earth, lat, lon, alt, y);
    (void)fan_sample(c, 0.0, y);
    return bmd__ic_boost(cfg, ic, lat, lon, alt, az, elev, c->t_stop_s, fan_hook, c, y, &t, &t_bo,
                         &stopped, &n, err);
}

/* Least time at node (i, j) over bracketing pairs of neighbouring
 * elevations (member k: elevation ELEV_MAX - k dk). */
static void fill_node(const fan *f, bmd_ic_table *tab, int i, int j)
{
    double rq = (double)i * tab->dr_m, best = INFINITY, v = NAN, el = NAN;
    double dk = (ELEV_MAX_RAD - ELEV_MIN_RAD) / (NK - 1);
    for (int br = 0; br < 2; br++)
        for (int k = 0; k + 1 < NK; k++) {
            const xing *a = &f->x[k][j][br], *b = &f->x[k + 1][j][br];
            if (!isfinite(a->t_s) || !isfinite(b->t_s)) continue;
            double lo = fmin(a->range_m, b->range_m), hi = fmax(a->range_m, b->range_m);
            if (rq < lo || rq > hi) continue;
            double w = hi > lo ? (rq - a->range_m) / (b->range_m - a->range_m) : 0.0;
            double t = a->t_s + w * (b->t_s - a->t_s);
            if (t < best) {
                best = t;
                v = a->v_mps + w * (b->v_mps - a->v_mps);
                el = ELEV_MAX_RAD - ((double)k + w) * dk;
            }
        }
    /* near the apex of the flattest member k reaching this altitude (k + 1
     * does not), the crossing locus turns from the ascending to the
     * descending branch: bracket between the two crossings of member k */
    for (int k = 0; k < NK; k++) {
        const xing *a = &f->x[k][j][0], *b = &f->x[k][j][1];
        int edge = k + 1 >= NK || !isfinite(f->x[k + 1][j][0].t_s);
        if (!edge || !isfinite(a->t_s) || !isfinite(b->t_s)) continue;
        if (rq < a->range_m || rq > b->range_m || !(b->range_m > a->range_m)) continue;
        double w = (rq - a->range_m) / (b->range_m - a->range_m);
        double t = a->t_s + w * (b->t_s - a->t_s);
        if (t < best) {
            best = t;
            v = a->v_mps + w * (b->v_mps - a->v_mps);
            el = ELEV_MAX_RAD - (double)k * dk;
        }
    }
    /* range 0: the vertical shot drifts (Earth rotation) and may not
     * bracket it; take an ascending member within half a cell */
    for (int k = 0; i == 0 && !isfinite(best) && k < NK; k++) {
        const xing *a = &f->x[k][j][0];
        if (isfinite(a->t_s) && a->range_m < 0.5 * tab->dr_m) {
            best = a->t_s;
            v = a->v_mps;
            el = ELEV_MAX_RAD - (double)k * dk;
        }
    }
    tab->t_s[i][j] = isfinite(best) ? best : NAN;
    tab->speed_mps[i][j] = isfinite(best) ? v : NAN;
    tab->elev_rad[i][j] = isfinite(best) ? el : NAN;
}

static void table_init(bmd_ic_table *tab, const bmd_interceptor *ic, double az, double range_top_m,
                       double alt_top_m)
{
    memset(tab, 0, sizeof *tab);
    tab->range_top_m = range_top_m > 0.0 ? range_top_m : 1.25 * ic->max_range_m;
    tab->alt_top_m = alt_top_m > 0.0 ? alt_top_m : 1.25 * ic->max_alt_m;
    tab->dr_m = tab->range_top_m / (NR - 1);
    tab->dh_m = tab->alt_top_m / (NA - 1);
    tab->min_alt_m = ic->min_alt_m;
    tab->max_alt_m = ic->max_alt_m;
    tab->max_range_m = ic->max_range_m;
    tab->max_flight_time_s = ic->max_flight_time_s;
    tab->azimuth_rad = az;
}

int bmd_interceptor_table_build(const bmd_traj_config *cfg, const bmd_interceptor *ic,
                                double lat_rad, double lon_rad, double alt_m, double azimuth_rad,
                                double range_top_m, double alt_top_m, bmd_ic_table *tab,
                                bmd_errbuf *err)
{
    if (cfg == NULL || cfg->earth == NULL || ic == NULL || tab == NULL)
        return bmd_err_set(err, BMD_EINVAL, "fly-out table: NULL argument");
    table_init(tab, ic, azimuth_rad, range_top_m, alt_top_m);
    fan *f = malloc(sizeof *f);
    if (f == NULL) return bmd_err_set(err, BMD_ENOMEM, "fly-out table: no memory");
    for (int k = 0; k < NK; k++)
        for (int j = 0; j < NA; j++)
            for (int b = 0; b < 2; b++)
                f->x[k][j][b] = (xing){NAN, NAN, NAN};
    fan_ctx c;
    memset(&c, 0, sizeof c);
    c.e = cfg->earth;
    c.tab = tab;
    c.lat0 = lat_rad;
    c.lon0 = lon_rad;
    bmd_geo_to_ecef(cfg->earth, lat_rad, lon_rad, alt_m, c.r0);
    c.r0n = bmd_v3_norm(c.r0);
    c.t_stop_s = ic->max_flight_time_s > 0.0 ? 3.0 * ic->max_flight_time_s : FAN_T_STOP_S;
    int s = BMD_OK;
    for (int k = 0; k < NK && s == BMD_OK; k++) {
        double elev = ELEV_MAX_RAD - (ELEV_MAX_RAD - ELEV_MIN_RAD) * (double)k / (NK - 1);
        c.row = f->x[k];
        s = fly_member(cfg, ic, &c, lat_rad, lon_rad, alt_m, azimuth_rad, elev, err);
        tab->n_flights++;
    }
    for (int i = 0; s == BMD_OK && i < NR; i++)
        for (int j = 0; j < NA; j++)
            fill_node(f, tab, i, j);
    free(f);
    return s;
}

/* ---- lookup ------------------------------------------------------------------- */

/* Bilinear interpolation of one table field; NAN outside or next to a hole. */
static double bilinear(const bmd_ic_table *tab, const double (*v)[NA], double x, double y)
{
    double fi = x / tab->dr_m, fj = y / tab->dh_m;
    if (!(fi >= 0.0 && fi <= NR - 1) || !(fj >= 0.0 && fj <= NA - 1)) return NAN;
    int i = (int)fi, j = (int)fj;
    if (i > NR - 2) i = NR - 2;
    if (j > NA - 2) j = NA - 2;
    double wx = fi - i, wy = fj - j;
    return (1 - wx) * ((1 - wy) * v[i][j] + wy * v[i][j + 1]) +
           wx * ((1 - wy) * v[i + 1][j] + wy * v[i + 1][j + 1]);
}

int bmd_interceptor_table_eval(const bmd_ic_table *tab, double ground_range_m, double alt_m,
                               double *t_s, double *speed_mps, double *elev_rad)
{
    if (tab == NULL) return BMD_EINVAL;
    double t = bilinear(tab, tab->t_s, ground_range_m, alt_m);
    if (!isfinite(t)) return BMD_EUNREACH; /* NaN at any corner propagates */
    if (t_s) *t_s = t;
    if (speed_mps) *speed_mps = bilinear(tab, tab->speed_mps, ground_range_m, alt_m);
    if (elev_rad) *elev_rad = bilinear(tab, tab->elev_rad, ground_range_m, alt_m);
    return BMD_OK;
}

int bmd_interceptor_time_to(const bmd_ic_table *tab, double ground_range_m, double alt_m,
                            double *t_s)
{
    if (tab == NULL || !(alt_m >= tab->min_alt_m && alt_m <= tab->max_alt_m) ||
        !(ground_range_m >= 0.0 && ground_range_m <= tab->max_range_m))
        return 0;
    double t;
    if (bmd_interceptor_table_eval(tab, ground_range_m, alt_m, &t, NULL, NULL) != BMD_OK) return 0;
    if (tab->max_flight_time_s > 0.0 && t > tab->max_flight_time_s) return 0;
    if (t_s) *t_s = t;
    return 1;
}

/* Ground range (m), azimuth (rad) and height (m) of a point from the site. */
static void from_site(const bmd_earth *e, double lat0, double lon0, const double r[3],
                      double *range_m, double *az_rad, double *alt_m)
{
    double lat, lon;
    bmd_geo_from_ecef(e, r, &lat, &lon, alt_m);
    bmd_geo_inverse(e, lat0, lon0, lat, lon, range_m, az_rad, NULL);
}

int bmd_interceptor_aim(const bmd_earth *e, const bmd_ic_table *tab, double lat_rad, double lon_rad,
                        double alt_m, const double pip_ecef_m[3], double *azimuth_rad,
                        double *elev_rad, double *t_s)
{
    (void)alt_m;
    if (e == NULL || tab == NULL || pip_ecef_m == NULL) return BMD_EINVAL;
    double rng, az, h;
    from_site(e, lat_rad, lon_rad, pip_ecef_m, &rng, &az, &h);
    int s = bmd_interceptor_table_eval(tab, rng, h, t_s, NULL, elev_rad);
    if (s == BMD_OK && azimuth_rad) *azimuth_rad = bmd_wrap_2pi(az);
    return s;
}

/* ---- intercept solve ----------------------------------------------------------- */

typedef struct solve_ctx {
    const bmd_earth *e;
    const bmd_ic_table *tab;
    double lat0, lon0;
    bmd_interceptor_target_fn tgt;
    void *tgt_ctx;
    double t_now;
} solve_ctx;

/* -1: the callback failed; 0: outside the envelope; 1: inside but too late
 * to launch (slack < 0); 2: feasible. *fly_s the fly-out time when >= 1. */
static int feasible(const solve_ctx *c, double t, double r[3], double *fly_s)
{
    double v[3], rng, az, h;
    if (c->tgt(c->tgt_ctx, t, r, v) != 0) return -1;
    from_site(c->e, c->lat0, c->lon0, r, &rng, &az, &h);
    if (!bmd_interceptor_time_to(c->tab, rng, h, fly_s)) return 0;
    return t - c->t_now - *fly_s >= 0.0 ? 2 : 1;
}

static int finish(const solve_ctx *c, double t, bmd_ic_solution *sol)
{
    double r[3], fly = 0.0, az;
    (void)feasible(c, t, r, &fly);
    memset(sol, 0, sizeof *sol);
    sol->t_intercept_s = t;
    sol->flyout_s = fly;
    sol->launch_time_s = t - fly;
    bmd_v3_copy(sol->pip_ecef_m, r);
    from_site(c->e, c->lat0, c->lon0, r, &sol->pip_range_m, &az, &sol->pip_alt_m);
    sol->azimuth_rad = bmd_wrap_2pi(az);
    (void)bmd_interceptor_table_eval(c->tab, sol->pip_range_m, sol->pip_alt_m, NULL, NULL,
                                     &sol->elev_rad);
    return BMD_OK;
}

int bmd_interceptor_solve(const bmd_earth *e, const bmd_ic_table *tab, double lat_rad,
                          double lon_rad, double alt_m, bmd_interceptor_target_fn tgt,
                          void *tgt_ctx, double t_now_s, double t_end_s, double dt_s,
                          bmd_ic_solution *sol, bmd_errbuf *err)
{
    (void)alt_m;
    if (e == NULL || tab == NULL || tgt == NULL || sol == NULL || !isfinite(t_now_s) ||
        !isfinite(t_end_s))
        return bmd_err_set(err, BMD_EINVAL, "intercept solve: NULL or non-finite argument");
    if (!(dt_s > 0.0)) dt_s = 1.0;
    solve_ctx c = {e, tab, lat_rad, lon_rad, tgt, tgt_ctx, t_now_s};
    double r[3], fly, prev = t_now_s;
    for (long n = 0;; n++) {
        double t = fmin(t_now_s + (double)n * dt_s, t_end_s);
        int f = feasible(&c, t, r, &fly);
        if (f < 0) break;
        if (f == 2) {
            if (n == 0) return finish(&c, t, sol);
            double lo = prev, hi = t; /* lo infeasible, hi feasible */
            while (hi - lo > SOLVE_XTOL_S) {
                double mid = 0.5 * (lo + hi);
                if (feasible(&c, mid, r, &fly) == 2)
                    hi = mid;
                else
                    lo = mid;
            }
            return finish(&c, hi, sol);
        }
        prev = t;
        if (t >= t_end_s) break;
    }
    return bmd_err_set(err, BMD_EUNREACH,
                       "no feasible intercept between t = %.1f s and %.1f s: the target does "
                       "not come inside the envelope (%.0f-%.0f km altitude, %.0f km range) in "
                       "time",
                       t_now_s, prev, tab->min_alt_m / 1e3, tab->max_alt_m / 1e3,
                       tab->max_range_m / 1e3);
}
