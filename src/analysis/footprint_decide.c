/* footprint_decide.c: the engagement decision for one launch/aim pair on a
 * sampled trajectory: cue by the radar, earliest launch, single shot or
 * shoot-look-shoot by the fast scan or bmd_interceptor_solve; and the
 * direct path that flies each pair (docs/models/footprint.md). */
#include "footprint_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/core.h"
#include "bmd/vec3.h"

/* ---- sampling flights -------------------------------------------------------------- */

int bmd__fp_collect(void *ctx, const bmd_traj_sample *s)
{
    collect_ctx *c = ctx;
    if (s->event != BMD_TRAJ_EV_NONE && s->event != BMD_TRAJ_EV_LAUNCH &&
        s->event != BMD_TRAJ_EV_IMPACT)
        return 0; /* keep the uniform layout: periodic samples, launch, impact */
    if (c->n == c->cap) return 1;
    if (c->n > 0 && c->t != NULL && !(s->t_s > c->t[c->n - 1])) return 0; /* duplicate time */
    double *d = c->rv[c->n];
    for (int i = 0; i < 3; i++) {
        d[i] = s->r_ecef_m[i];
        d[3 + i] = s->v_ecef_mps[i];
    }
    if (c->t) c->t[c->n] = s->t_s;
    c->n++;
    return 0;
}

/* ---- geometry helpers ----------------------------------------------------------------- */

double bmd__fp_interp(const double *x, const double *y, int n, double xq)
{
    double yq = y[0];
    (void)bmd_interp1(x, y, (size_t)n, xq, &yq);
    return yq;
}

/* Launch and aim points of a (fixed point, cell point) pair. */
void bmd__fp_ends(const bmd_footprint *fp, double flat, double flon, double clat, double clon,
                  double *llat, double *llon, double *alat, double *alon)
{
    if (fp->cfg.map == BMD_FP_AIM) {
        *llat = flat, *llon = flon, *alat = clat, *alon = clon;
    } else {
        *llat = clat, *llon = clon, *alat = flat, *alon = flon;
    }
}

/* Vacuum minimum-energy free flight from (llat, llon) to (alat, alon). */
int bmd__fp_fly_vacuum(const bmd_footprint *fp, bmd_traj_config *tc, double llat, double llon,
                       double alat, double alon, bmd_traj_summary *sum, bmd_errbuf *err)
{
    double s, az;
    bmd_geo_inverse(fp->cfg.earth, llat, llon, alat, alon, &s, &az, NULL);
    double R = fp->cfg.earth->a_m, psi = s / R, sh = sin(0.5 * psi);
    if (!(s > 1e3)) return bmd_err_set(err, BMD_EUNREACH, "aim point within 1 km");
    bmd_traj_impulsive b;
    memset(&b, 0, sizeof b);
    b.lat_rad = llat;
    b.lon_rad = llon;
    b.alt_m = 0.0;
    /* Bate, Mueller & White (1971) eq. 6.2-17 and 6.2-21 with r = R:
     * minimum-energy gamma = (pi - psi) / 4, v^2 = (mu / R) 2 sin(psi/2) /
     * (1 + sin(psi/2)) */
    b.speed_mps = sqrt(fp->cfg.earth->gm_m3ps2 / R * 2.0 * sh / (1.0 + sh));
    b.gamma_rad = 0.25 * (BMD_PI - psi);
    b.azimuth_rad = az;
    b.mass_kg = 1.0;
    b.beta_kgpm2 = 0.0;
    return bmd_traj_fly_impulsive(tc, &b, sum, err);
}

/* ---- the decision on a sampled trajectory ------------------------------------------------ */

/* Uniform-grid cubic Hermite evaluation of a work ephemeris (samples at
 * t[k] = k h except the last). */
static int ephem_eval(fp_work *w, size_t n, double h, double t, double r[3], double v[3])
{
    if (!(t >= 0.0) || !(t <= w->t[n - 1])) return 1;
    size_t lo = (size_t)(t / h);
    if (lo >= n - 1) lo = n - 2;
    while (lo > 0 && w->t[lo] > t)
        lo--;
    while (lo + 2 < n && w->t[lo + 1] <= t)
        lo++;
    size_t hi = lo + 1;
    bmd__fp_blend_sample(w, lo);
    bmd__fp_blend_sample(w, hi);
    double dt = w->t[hi] - w->t[lo], s = (t - w->t[lo]) / dt, s2 = s * s, s3 = s2 * s;
    double h00 = 2 * s3 - 3 * s2 + 1, h10 = s3 - 2 * s2 + s, h01 = -2 * s3 + 3 * s2, h11 = s3 - s2;
    for (int i = 0; i < 3; i++) {
        double p0 = w->r[lo][i], p1 = w->r[hi][i], m0 = dt * w->v[lo][i], m1 = dt * w->v[hi][i];
        r[i] = h00 * p0 + h10 * m0 + h01 * p1 + h11 * m1;
    }
    if (v) {
        double d00 = 6 * s2 - 6 * s, d10 = 3 * s2 - 4 * s + 1, d01 = -6 * s2 + 6 * s,
               d11 = 3 * s2 - 2 * s;
        for (int i = 0; i < 3; i++) {
            double p0 = w->r[lo][i], p1 = w->r[hi][i], m0 = dt * w->v[lo][i], m1 = dt * w->v[hi][i];
            v[i] = (d00 * p0 + d10 * m0 + d01 * p1 + d11 * m1) / dt;
        }
    }
    return 0;
}

static int traj_at(const fp_traj *tr, double t, double r[3])
{
    if (tr->nd[0] == NULL) return ephem_eval(tr->w, tr->n, tr->h, t, r, NULL);
    if (!(t >= 0.0) || !(t <= tr->T)) return 1;
    bmd__fp_blend_at(tr->nd, tr->wgt, tr->dt, tr->T, t, r);
    return 0;
}

/* First firm track: looks at k revisit from t0 on. Returns the cue time or
 * NaN. */
static double cue_time(const bmd_footprint *fp, const fp_traj *tr, double t0)
{
    const bmd_fp_config *c = &fp->cfg;
    if (c->radar == NULL) return 0.0;
    unsigned hist = 0, mask = (c->n_window >= 32) ? 0xffffffffu : ((1u << c->n_window) - 1u);
    double k0 = ceil(t0 / c->revisit_s - 1e-9);
    if (k0 < 0) k0 = 0;
    for (double k = k0;; k += 1.0) {
        double t = k * c->revisit_s;
        if (t > tr->T) break;
        double r[3];
        if (traj_at(tr, t, r) != 0) break;
        int det;
        if (fp->ref & FP_REF_LOOK) {
            bmd_radar_obs obs;
            det = bmd_radar_observe(c->radar, r, c->rcs_m2, &obs) == BMD_OK && obs.reasons == 0;
        } else {
            det = bmd_radar_detects(c->radar, r, c->rcs_m2); /* the same verdict, cheaper */
        }
        hist = ((hist << 1) | (unsigned)det) & mask;
        int cnt = 0;
        for (unsigned b = hist; b; b &= b - 1)
            cnt++;
        if (det && cnt >= c->m_detect) return t;
    }
    return NAN;
}

/* Foot point and height by Bowring's (1976) single step (the start of
 * bmd_geo_foot without its Newton polish): the parametric latitude from
 * tan u0 = a z / (b p), then tan phi = (z + e'^2 b sin^3 u0) / (p - e^2 a
 * cos^3 u0); its latitude error (below 1e-9 rad up to 10,000 km, see
 * bmd_geo_height) puts the foot within millimetres, the height (stationary
 * in the foot) within micrometres. Points near the axis, the centre or the
 * evolute, or on a sphere: bmd_geo_foot. */
double bmd__fp_foot(const bmd_earth *e, const double r[3], double foot[3])
{
    double x = r[0], y = r[1], z = fabs(r[2]), a = e->a_m, b = e->b_m;
    double p2 = x * x + y * y, r2 = p2 + z * z;
    if (!(r2 > 0.25 * a * a && r2 < 1e16) || !(p2 > 1e-6 * a * a) || e->f == 0.0)
        return bmd_geo_foot(e, r, foot);
    double p = sqrt(p2), c2 = (a - b) * (a + b), ra = 1.0 / a, rb = 1.0 / b;
    double u = p * ra, w = z * rb, rn = 1.0 / sqrt(u * u + w * w), c = u * rn, sn = w * rn;
    u = (p - c2 * ra * c * c * c) * rb;
    w = (z + c2 * rb * sn * sn * sn) * ra;
    rn = 1.0 / sqrt(u * u + w * w);
    c = u * rn, sn = w * rn;
    double ac = a * c / p;
    foot[0] = ac * x;
    foot[1] = ac * y;
    foot[2] = copysign(b * sn, r[2]);
    double ns = a * sn, nc = b * c;
    return ((p - a * c) * nc + (z - b * sn) * ns) / sqrt(ns * ns + nc * nc);
}

/* Fast ground range and height of a point from the battery; *chord_m the
 * chord between the foot points. */
static void site_range(const bmd_footprint *fp, const double r[3], double *range_m, double *alt_m,
                       double *chord_m)
{
    double foot[3], d[3];
    double h = bmd__fp_foot(fp->cfg.earth, r, foot);
    for (int i = 0; i < 3; i++)
        d[i] = foot[i] - fp->bat_r0[i];
    double chord = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    double x = chord / (2.0 * fp->bat_R);
    *range_m = 2.0 * fp->bat_R * asin(x < 1.0 ? x : 1.0);
    *alt_m = h;
    *chord_m = chord;
}

/* 0 outside the envelope, 1 inside but too late, 2 feasible; -1 no target. */
static int fast_feasible(const bmd_footprint *fp, const fp_traj *tr, double t, double t_now,
                         double *alt_m, double *chord_m)
{
    double r[3], rng, fly;
    if (traj_at(tr, t, r) != 0) return -1;
    site_range(fp, r, &rng, alt_m, chord_m);
    if (!bmd_interceptor_time_to(fp->cfg.table, rng, *alt_m, &fly)) return 0;
    return t - t_now - fly >= 0.0 ? 2 : 1;
}

/* Scan points after the current one that the speed bound vb puts outside
 * the envelope: those strictly within s = max(chord - chord_max, alt -
 * alt_max, alt_min - alt) / vb, each a condition the envelope needs (the
 * chord between foot points and the geodetic height change no faster than
 * the speed: the foot moves at most as fast as a point above it). */
static long envelope_skip(const bmd_footprint *fp, const fp_traj *tr, double alt, double chord,
                          double dt)
{
    const bmd_ic_table *tab = fp->cfg.table;
    if (!(tr->vb > 0.0)) return 0;
    double cmax = 2.0 * fp->bat_R * sin(fmin(0.5 * tab->max_range_m / fp->bat_R, 0.5 * BMD_PI));
    double s = fmax(fmax(chord - cmax, alt - tab->max_alt_m), tab->min_alt_m - alt) / tr->vb;
    if (!(s > dt)) return 0;
    double m = ceil(s / dt) - 1.0;
    return m < 1e6 ? (long)m : 1000000L;
}

/* The scan of bmd_interceptor_solve (same steps, same bisection) with the
 * fast range; stops once the threat descends below the floor. Points the
 * speed bound puts outside the envelope are stepped over (envelope_skip):
 * the outcome is the one of evaluating them all. */
static int fast_solve(const bmd_footprint *fp, const fp_traj *tr, double t_now, double *t_i,
                      double *alt_i)
{
    double dt = fp->cfg.scan_dt_s, prev = t_now, alt = 0.0, alt_prev = -INFINITY, chord = 0.0;
    double floor_m = fp->cfg.table->min_alt_m;
    for (long n = 0;; n++) {
        double t = fmin(t_now + (double)n * dt, tr->T);
        int f = fast_feasible(fp, tr, t, t_now, &alt, &chord);
        if (f < 0) break;
        if (f == 2) {
            if (n == 0) {
                *t_i = t, *alt_i = alt;
                return 1;
            }
            double lo = prev, hi = t, c2;
            while (hi - lo > FP_BISECT_S) {
                double mid = 0.5 * (lo + hi), a2;
                if (fast_feasible(fp, tr, mid, t_now, &a2, &c2) == 2)
                    hi = mid;
                else
                    lo = mid;
            }
            (void)fast_feasible(fp, tr, hi, t_now, &alt, &c2);
            *t_i = hi, *alt_i = alt;
            return 1;
        }
        if (alt < floor_m && alt < alt_prev) break; /* descending below the floor */
        alt_prev = alt;
        prev = t;
        if (t >= tr->T) break;
        if (f == 0) {
            long m = envelope_skip(fp, tr, alt, chord, dt);
            if (m > 0) {
                /* The skipped points are outside the envelope; the floor
                 * rule (descending below the floor ends the scan: the
                 * height has one maximum) sees the next point against the
                 * floor when this one is above it, else against this one:
                 * it stops there when the scan would have stopped at or
                 * before it, and nothing is feasible after such a stop. */
                n += m;
                prev = fmin(t_now + (double)n * dt, tr->T);
                alt_prev = fmin(alt, floor_m);
                if (prev >= tr->T) break;
            }
        }
    }
    return 0;
}

static int exact_target(void *ctx, double t, double r[3], double v[3])
{
    const fp_traj *tr = ctx;
    return ephem_eval(tr->w, tr->n, tr->h, t, r, v);
}

static int exact_solve(const bmd_footprint *fp, const fp_traj *tr, double t_now, double *t_i,
                       double *alt_i)
{
    bmd_ic_solution sol;
    const bmd_fp_config *c = &fp->cfg;
    int st = bmd_interceptor_solve(c->earth, c->table, c->bat_lat_rad, c->bat_lon_rad, c->bat_alt_m,
                                   exact_target, (void *)(uintptr_t)tr, t_now, tr->T, c->scan_dt_s,
                                   &sol, NULL);
    if (st != BMD_OK) return 0;
    *t_i = sol.t_intercept_s;
    *alt_i = sol.pip_alt_m;
    return 1;
}

/* The decision on a trajectory. exact: bmd_interceptor_solve (direct
 * path), else the fast scan. */
void bmd__fp_decide(const bmd_footprint *fp, const fp_traj *tr, double t0_look, int exact, fp_pt *p)
{
    const bmd_fp_config *c = &fp->cfg;
    p->reach = 1;
    p->defended = 0;
    p->T = tr->T;
    p->t1 = p->alt1 = p->t_last = NAN;
    p->cue = cue_time(fp, tr, t0_look);
    if (isnan(p->cue)) return;
    double t_l = p->cue + c->reaction_s, t1, a1;
    int ok = exact ? exact_solve(fp, tr, t_l, &t1, &a1) : fast_solve(fp, tr, t_l, &t1, &a1);
    if (!ok) return;
    p->t1 = t1;
    p->alt1 = a1;
    p->t_last = t1;
    if (c->doctrine == BMD_FP_SHOOT_LOOK_SHOOT) {
        double t2, a2, t_l2 = t1 + c->kill_assess_s + c->reaction_s;
        if (t_l2 > tr->T) return;
        ok = exact ? exact_solve(fp, tr, t_l2, &t2, &a2) : fast_solve(fp, tr, t_l2, &t2, &a2);
        if (!ok) return;
        p->t_last = t2;
    }
    p->defended = 1;
}

/* ---- the direct path ------------------------------------------------------------------ */

static int direct_flight(const bmd_footprint *fp, fp_work *w, double llat, double llon, double alat,
                         double alon, size_t *n, double *T, bmd_errbuf *err)
{
    bmd_traj_config tc = fp->tcfg;
    double(*rv)[6] = w->rv;
    collect_ctx cc = {rv, w->t, 0, w->cap};
    tc.sample_dt_s = fp->cfg.direct_dt_s;
    tc.sample = bmd__fp_collect;
    tc.sample_state_only = 1; /* r and v are all it keeps */
    tc.sample_ctx = &cc;
    bmd_traj_summary sum;
    int st;
    if (fp->cfg.threat == BMD_FP_VACUUM) {
        st = bmd__fp_fly_vacuum(fp, &tc, llat, llon, alat, alon, &sum, err);
    } else {
        bmd_traj_solution sol;
        bmd_traj_config tt = fp->tcfg;
        st = bmd_traj_target(&tt, fp->cfg.missile, llat, llon, 0.0, alat, alon, &fp->cfg.shape, 0.0,
                             &sol, err);
        if (st == BMD_OK) st = bmd_traj_fly(&tc, fp->cfg.missile, &sol.launch, &sum, err);
    }
    if (st == BMD_OK && !sum.impacted) st = bmd_err_set(err, BMD_ELIMIT, "flight did not impact");
    if (st == BMD_OK && cc.n < 2) st = bmd_err_set(err, BMD_ELIMIT, "too few samples");
    if (st == BMD_OK) {
        w->lazy = 0; /* every sample is here */
        for (size_t k = 0; k < cc.n; k++)
            for (int i = 0; i < 3; i++) {
                w->r[k][i] = rv[k][i];
                w->v[k][i] = rv[k][3 + i];
            }
        *n = cc.n;
        *T = sum.flight_time_s;
    }
    return st;
}

/* Direct decision for one launch/aim pair. Unreachable pairs: reach 0. */
int bmd__fp_direct_point(bmd_footprint *fp, fp_work *w, double llat, double llon, double alat,
                         double alon, fp_pt *p, bmd_errbuf *err)
{
    size_t n = 0;
    double T = 0.0;
    memset(p, 0, sizeof *p);
    int st = direct_flight(fp, w, llat, llon, alat, alon, &n, &T, err);
    if (st == BMD_EUNREACH || st == BMD_ENOCONV || st == BMD_EINVAL || st == BMD_EDOM) {
        p->reach = 0;
        return BMD_OK;
    }
    if (st != BMD_OK) return st;
    fp_traj tr = {w, n, fp->cfg.direct_dt_s, T, 0.0, {NULL, NULL, NULL, NULL}, {0, 0, 0, 0}, 0.0};
    bmd__fp_decide(fp, &tr, 0.0, 1, p);
    return BMD_OK;
}
