/*
 * interceptor_fly.c: the guided fly-out: booster (interceptor_boost.c, open
 * loop) to burnout, then the kill vehicle under proportional navigation, the
 * closest approach and the hit-to-kill outcome.
 *
 * The KV is integrated with the traj module's stepper (bmd/traj_step.h: one
 * step, its error norm and dense output; Brent's root finder of
 * bmd/solve.h for the closest approach), over one guidance
 * interval at a time, since the held command makes the right-hand side
 * discontinuous at each guidance update.
 */
#include <math.h>
#include <string.h>

#include "bmd/atmo.h"
#include "bmd/geo.h"
#include "bmd/gravity.h"
#include "bmd/interceptor.h"
#include "bmd/solve.h"
#include "bmd/vec3.h"
#include "interceptor_internal.h"

/* Closest approach located to this time tolerance, s (at 10 km/s closing
 * speed, 1e-5 m along the line of sight). */
#define CA_XTOL_S 1e-9

/* KV equations of motion: as the traj module's free flight (bmd/traj.h:
 * gravity, Coriolis and centrifugal terms in ECEF, drag 1/2 rho v^2 / beta)
 * plus the achieved guidance acceleration.
 *
 * Flight-control lag (realistic homing): the achieved acceleration follows
 * the held command u through n first-order stages of time constant
 * tau = T/n (the binomial lag 1/(1 + sT/n)^n of Zarchan, Tactical and
 * Strategic Missile Guidance, 6th ed., 2012, ch. 6). With e_k = x_k - u the
 * deviation of stage k, de_k/dt = (e_{k-1} - e_k)/tau with e_0 = 0, whose
 * solution from t0 is e_k(t) = exp(-s) sum_{j<=k} e_j(t0) s^(k-j)/(k-j)!,
 * s = (t - t0)/tau: exact for the zero-order-held command, so the lag needs
 * no extra integration states. */
/* The last exp(-s) and incomplete gamma functions P(m, s), m = 1..mmax,
 * computed (inc_gamma): the terminal phase's steps all have the same
 * s = h / tau, and the lag's next hold starts where the step ended. */
typedef struct gcache {
    int valid, mmax;
    double s, ex, p[BMD_IC_MAX_LAG + 3];
} gcache;

typedef struct kv {
    gcache *gc; /* NULL: no cache */
    const bmd_earth *e;
    const bmd_atmo *atm; /* NULL: vacuum */
    int gravity;
    double omega, inv_beta;
    double a_cmd[3];                  /* held command u */
    int n_lag;                        /* 0: achieved = commanded */
    double tau_s;                     /* stage time constant T/n */
    double t0_s;                      /* start of the current hold */
    double e0[BMD_IC_MAX_LAG + 1][3]; /* stage deviations at t0 (1..n) */
} kv;

/* Stage deviations e_1..e_n at t (out may alias nothing in k). */
static void lag_eval(const kv *k, double t, double out[BMD_IC_MAX_LAG + 1][3])
{
    double s = (t - k->t0_s) / k->tau_s;
    if (s == 0.0) { /* the hold's start: the sums below reduce to e0 + 0 */
        for (int kk = 1; kk <= k->n_lag; kk++)
            for (int c = 0; c < 3; c++)
                out[kk][c] = k->e0[kk][c] + 0.0;
        return;
    }
    const gcache *gc = k->gc;
    double ex = gc != NULL && gc->valid && gc->s == s ? gc->ex : exp(-s);
    double pw[BMD_IC_MAX_LAG + 1]; /* s^m / m! */
    pw[0] = 1.0;
    for (int m = 1; m <= k->n_lag; m++)
        pw[m] = pw[m - 1] * s / m;
    for (int kk = 1; kk <= k->n_lag; kk++)
        for (int c = 0; c < 3; c++) {
            double sum = 0.0;
            for (int j = 1; j <= kk; j++)
                sum += k->e0[j][c] * pw[kk - j];
            out[kk][c] = ex * sum;
        }
}

/* The achieved acceleration at t. */
static void achieved(const kv *k, double t, double a[3])
{
    bmd_v3_copy(a, k->a_cmd);
    if (k->n_lag == 0) return;
    double e[BMD_IC_MAX_LAG + 1][3];
    lag_eval(k, t, e);
    bmd_v3_add(a, a, e[k->n_lag]);
}

/* Hold a new command from t: the stages keep their values, so their
 * deviations from the new command change by (old - new). */
static void lag_hold(kv *k, double t, const double u[3])
{
    if (k->n_lag > 0) {
        double e[BMD_IC_MAX_LAG + 1][3];
        lag_eval(k, t, e);
        for (int kk = 1; kk <= k->n_lag; kk++)
            for (int c = 0; c < 3; c++)
                k->e0[kk][c] = e[kk][c] + k->a_cmd[c] - u[c];
        k->t0_s = t;
    }
    bmd_v3_copy(k->a_cmd, u);
}

static int kv_rhs(void *ctx, double t, const double y[BMD_TRAJ_NY], double dy[BMD_TRAJ_NY])
{
    const kv *k = ctx;
    const double *r = y, *v = y + 3;
    double f[3];
    achieved(k, t, f);
    if (k->atm != NULL && k->inv_beta > 0.0 && bmd_geo_maybe_below(k->e, r, BMD_TRAJ_ATMO_TOP_M)) {
        double h = bmd_geo_height(k->e, r);
        if (h < BMD_TRAJ_ATMO_TOP_M) {
            bmd_atmo_point ap;
            (void)bmd_atmo_eval(k->atm, h, &ap);
            double sp = bmd_v3_norm(v);
            bmd_v3_axpy(f, f, -0.5 * ap.rho_kgpm3 * sp * k->inv_beta, v);
        }
    }
    bmd_traj_eom_ecef(k->e, k->gravity, y, f, dy);
    return 0;
}

/* G(r, v): the KV's acceleration without the guidance term (m/s^2, ECEF). */
static void kv_slow(const kv *k, const double y[BMD_TRAJ_NY], double g[3])
{
    const double *r = y, *v = y + 3;
    double f[3] = {0.0, 0.0, 0.0}, dy[BMD_TRAJ_NY];
    if (k->atm != NULL && k->inv_beta > 0.0 && bmd_geo_maybe_below(k->e, r, BMD_TRAJ_ATMO_TOP_M)) {
        double h = bmd_geo_height(k->e, r);
        if (h < BMD_TRAJ_ATMO_TOP_M) {
            bmd_atmo_point ap;
            (void)bmd_atmo_eval(k->atm, h, &ap);
            bmd_v3_scale(f, -0.5 * ap.rho_kgpm3 * bmd_v3_norm(v) * k->inv_beta, v);
        }
    }
    bmd_traj_eom_ecef(k->e, k->gravity, y, f, dy);
    bmd_v3_copy(g, dy + 3);
}

/* ---- the guidance-interval stepper ------------------------------------------ */

/*
 * After the seeker acquires, the command changes every terminal period
 * (10 ms for THAAD) and the adaptive steps of the traj stepper are cut to
 * one DOPRI5 step per period, 6 evaluations of the full right-hand side.
 * Over such a period the KV's acceleration is A(t) + G(r, v): A the
 * achieved guidance acceleration, the held command through the lag, known
 * in closed form (kv), and G the rest (gravity, centrifugal and Coriolis
 * terms, drag), which changes slowly: at 40 km and 3 km/s the drag (3
 * m/s^2) has |G''| below about 0.6 m/s^4 (scale height 7 km), gravity's
 * part is ~1e-5 m/s^4. The stepper integrates A exactly (its integrals
 * are incomplete gamma functions, below) and G by the trapezoidal rule on
 * a predictor-corrector pair (G at the start and at the predicted end:
 * Heun's method, Hairer, Norsett & Wanner 1993, sec. II.1), with G at the
 * end taken from the predicted point, so one evaluation of G per step.
 * The positions and velocities are exact for G linear in time; the local
 * velocity error is h^3 |G''| / 12, under 5e-8 m/s per 10 ms step by the
 * figure above, so over a terminal phase of at most 2,000 steps (50 km of
 * seeker range at 2.5 km/s of closing speed, and more) below 1e-4 m/s, and
 * the position error below 2 mm. tests/engage/test_engage_interceptor_thaad.c
 * compares a terminal phase with RK8(7) at rtol 1e-12 (2 mm bound; 2.5e-6 m
 * measured) and whole fly-outs with RK8(7) and with DOPRI5;
 * tests/engage/test_engage_homing.c checks the lag integrals where G = 0
 * (exact then) against RK8(7).
 * Used for the terminal phase when the caller leaves the integrator to the
 * default (cfg->integ NULL). Before acquisition (guidance periods of a
 * second, where drag right after burnout needs steps shorter than the
 * trapezoidal rule could take) the default path integrates z = y - L(t),
 * L the lag part (the same closed form with G = 0), by adaptive DOPRI5
 * steps at the default tolerances: z' = (z_v, G(z + L)) is free of the
 * lag's fast transient, so the steps are about one per guidance period
 * instead of five or six after every command change.
 */

/* Longest step of the stepper, s: longer guidance periods are split into
 * equal steps. */
#define KV_FAST_H_MAX_S 0.01

/* One step of the stepper: what its dense output needs. */
typedef struct kv_step {
    double t0_s, h_s;
    double r0[3], v0[3], g0[3], dg[3]; /* G at t0 and G(t0 + h) - G(t0) */
    double u[3];                       /* held command */
    int n_lag;
    double tau_s;
    double e[BMD_IC_MAX_LAG + 1][3]; /* stage deviations at t0 */
    gcache *gc;                      /* kv's cache (may be NULL) */
    double q1h[3], q2h[3];           /* the lag integrals Q1, Q2 at th = h */
} kv_step;

/* The regularised lower incomplete gamma functions P(m, s) = int_0^s
 * exp(-x) x^(m-1)/(m-1)! dx for m = 1..mmax (mmax <= BMD_IC_MAX_LAG + 2):
 * the series sum_{i >= m} exp(-s) s^i/i! where s < m (no cancellation),
 * else 1 - sum_{i < m} exp(-s) s^i/i! (the sum is below about 1/2 there;
 * Abramowitz & Stegun 1964, sec. 6.5: 6.5.13 and the series 6.5.29). */
static void inc_gamma(double s, int mmax, double p[BMD_IC_MAX_LAG + 3])
{
    double term[BMD_IC_MAX_LAG + 3], ex = exp(-s);
    term[0] = ex;
    for (int i = 1; i <= mmax; i++)
        term[i] = term[i - 1] * s / i;
    /* tail beyond mmax: sum_{i > mmax} term_i (needed when s < mmax) */
    double tail = 0.0;
    if (s < mmax) {
        double t = term[mmax];
        for (int i = mmax + 1; i < mmax + 200; i++) {
            t *= s / i;
            tail += t;
            if (t <= 1e-17 * tail) break;
        }
    }
    double below = 0.0;  /* sum_{i < m} term_i */
    double above = tail; /* sum_{i >= m} term_i, built downwards */
    double up[BMD_IC_MAX_LAG + 3];
    for (int m = mmax; m >= 1; m--) {
        above += term[m];
        up[m] = above;
    }
    for (int m = 1; m <= mmax; m++) {
        below += term[m - 1];
        p[m] = s < m ? up[m] : 1.0 - below;
    }
}

/* inc_gamma through the cache gc (may be NULL); returns the P array. */
static const double *inc_gamma_c(gcache *gc, double s, int mmax, double p[BMD_IC_MAX_LAG + 3])
{
    if (gc == NULL) {
        inc_gamma(s, mmax, p);
        return p;
    }
    if (!(gc->valid && gc->s == s && gc->mmax == mmax)) {
        inc_gamma(s, mmax, gc->p);
        gc->valid = 1;
        gc->s = s;
        gc->mmax = mmax;
        gc->ex = exp(-s);
    }
    return gc->p;
}

/* The state of step st at t = t0 + th, th in [0, h]:
 *   v = v0 + u th + Q1 + G0 th + dG th^2/(2h),
 *   r = r0 + v0 th + u th^2/2 + Q2 + G0 th^2/2 + dG th^3/(6h),
 * Q1 = int_0^th E, Q2 = int_0^th (th - t) E(t) dt, E(t) = exp(-s) sum_j
 * e_j s^(n-j)/(n-j)! (s = t/tau, kv's lag solution):
 *   Q1 = tau sum_j e_j P(m+1, S), Q2 = tau^2 sum_j e_j (S P(m+1, S) - (m+1) P(m+2, S)),
 * m = n - j, S = th/tau (int_0^S (S - x) exp(-x) x^m/m! dx by parts). */
static void lag_integrals(const kv_step *st, double th, double q1[3], double q2[3])
{
    memset(q1, 0, 3 * sizeof *q1);
    memset(q2, 0, 3 * sizeof *q2);
    if (st->n_lag > 0 && th > 0.0) {
        int n = st->n_lag;
        double S = th / st->tau_s, pb[BMD_IC_MAX_LAG + 3];
        const double *p = inc_gamma_c(st->gc, S, n + 1, pb);
        for (int j = 1; j <= n; j++) {
            int m = n - j;
            double c1 = st->tau_s * p[m + 1];
            double c2 = st->tau_s * st->tau_s * (S * p[m + 1] - (m + 1) * p[m + 2]);
            bmd_v3_axpy(q1, q1, c1, st->e[j]);
            bmd_v3_axpy(q2, q2, c2, st->e[j]);
        }
    }
}

static void kv_step_eval(const kv_step *st, double t, double y[BMD_TRAJ_NY])
{
    double th = t - st->t0_s, h = st->h_s, q1[3], q2[3];
    if (th == h) {
        bmd_v3_copy(q1, st->q1h);
        bmd_v3_copy(q2, st->q2h);
    } else {
        lag_integrals(st, th, q1, q2);
    }
    double w = h > 0.0 ? th / h : 0.0;
    for (int c = 0; c < 3; c++) {
        y[3 + c] = st->v0[c] + (st->u[c] + st->g0[c] + 0.5 * w * st->dg[c]) * th + q1[c];
        y[c] = st->r0[c] + st->v0[c] * th +
               (0.5 * (st->u[c] + st->g0[c]) + w * st->dg[c] / 6.0) * th * th + q2[c];
    }
}

/* The dense output of the current step: the traj stepper's (d), the
 * guidance-interval stepper's (st), or (both) the traj stepper's of z plus
 * the lag part st (interval). */
typedef struct kv_dense {
    const bmd_traj_dense *d;
    const kv_step *st;
} kv_dense;

static void dense_eval(const kv_dense *dd, double t, double y[BMD_TRAJ_NY])
{
    if (dd->d == NULL) {
        kv_step_eval(dd->st, t, y);
        return;
    }
    bmd_traj_dense_eval(dd->d, t, y);
    if (dd->st != NULL) { /* z + the lag part (interval) */
        double a[BMD_TRAJ_NY];
        kv_step_eval(dd->st, t, a);
        for (int i = 0; i < BMD_TRAJ_NY; i++)
            y[i] += a[i];
    }
}

/* Samples of a fly-out being recorded (bmd_interceptor_fly_path). */
typedef struct sampler {
    bmd_ic_path *out;
    double dt_s, t_next_s; /* engagement clock */
    double t0_s;           /* offset of the stepper's clock (launch time in boost, 0 after) */
} sampler;

/* Record the samples due in the step [t0, t1] (stepper clock) of d. */
static void sample_step(sampler *sp, double t0, double t1, const kv_dense *d)
{
    if (sp == NULL) return;
    bmd_ic_path *o = sp->out;
    while (sp->t_next_s <= t1 + sp->t0_s + 1e-9) {
        double t = sp->t_next_s - sp->t0_s;
        if (t >= t0 - 1e-9) {
            if (o->n >= o->cap) {
                o->truncated = 1;
                return;
            }
            double y[BMD_TRAJ_NY];
            dense_eval(d, fmin(fmax(t, t0), t1), y);
            o->t_s[o->n] = sp->t_next_s;
            bmd_v3_copy(o->r_ecef_m[o->n], y);
            bmd_v3_copy(o->v_ecef_mps[o->n], y + 3);
            o->n++;
        }
        sp->t_next_s += sp->dt_s;
    }
}

/* The last sample: the closest approach itself (time and KV state). */
static void sample_end(sampler *sp, double t, const kv_dense *d)
{
    if (sp == NULL) return;
    bmd_ic_path *o = sp->out;
    if (o->n > 0 && o->t_s[o->n - 1] >= t + sp->t0_s - 1e-9) o->n--; /* replaced */
    if (o->n >= o->cap) {
        o->truncated = 1;
        return;
    }
    double y[BMD_TRAJ_NY];
    dense_eval(d, t, y);
    o->t_s[o->n] = t + sp->t0_s;
    bmd_v3_copy(o->r_ecef_m[o->n], y);
    bmd_v3_copy(o->v_ecef_mps[o->n], y + 3);
    o->n++;
}

/* Homing state shared by the loop and the closest-approach function. */
typedef struct homing {
    sampler *sp; /* NULL: no samples */
    kv k;
    const bmd_traj_integrator *ig;
    bmd_interceptor_target_fn tgt;
    void *tgt_ctx;
    kv_dense d;           /* points to one of: */
    kv_step fstep;        /* the guidance-interval stepper's step */
    gcache gstore;        /* kv's cache of exp and incomplete gamma functions */
    bmd_traj_dense dstep; /* the traj stepper's */
    int fast;             /* 1: the guidance-interval stepper; 0: adaptive steps of ig */
    int lost;             /* the callback failed inside a root search */
    /* the target at the end of the last step (rdot_fn), which is where the
     * next command is computed: tgt_t_s another time (-inf): none */
    double tgt_t_s, tgt_r[3], tgt_v[3];
    long n_steps;
    int noisy;     /* seeker angle noise on */
    bmd_rng noise; /* its stream */
} homing;

/* Range rate times range, r_rel . v_rel (Earth-relative velocities: the
 * range rate is the same in the rotating and the inertial frame). */
static int rdot_fn(void *ctx, double t, double *f)
{
    homing *hm = ctx;
    double y[BMD_TRAJ_NY], rt[3], vt[3], dr[3], dv[3];
    dense_eval(&hm->d, t, y);
    if (hm->tgt(hm->tgt_ctx, t, rt, vt) != 0) {
        hm->lost = 1;
        *f = 0.0;
        return 0;
    }
    hm->tgt_t_s = t;
    bmd_v3_copy(hm->tgt_r, rt);
    bmd_v3_copy(hm->tgt_v, vt);
    bmd_v3_sub(dr, rt, y);
    bmd_v3_sub(dv, vt, y + 3);
    *f = bmd_v3_dot(dr, dv);
    return 0;
}

static void set_ca(homing *hm, bmd_ic_result *res, double t, int outcome)
{
    double y[BMD_TRAJ_NY], rt[3], vt[3], dr[3], dv[3];
    dense_eval(&hm->d, t, y);
    if (hm->tgt(hm->tgt_ctx, t, rt, vt) != 0) {
        res->outcome = BMD_IC_LOST;
        return;
    }
    bmd_v3_sub(dr, rt, y);
    bmd_v3_sub(dv, vt, y + 3);
    res->outcome = outcome;
    res->t_ca_s = t;
    res->miss_m = bmd_v3_norm(dr);
    res->closing_mps = bmd_v3_norm(dv);
    bmd_v3_copy(res->r_ca_ecef_m, y);
    bmd_v3_copy(res->r_tgt_ca_ecef_m, rt);
    bmd_geo_from_ecef(hm->k.e, y, NULL, NULL, &res->alt_ca_m);
}

/* The step from t0 to t1 of a homing phase, with the range rate times range
 * rdot0 at t0 and the KV's state y1 at t1: the target lost (outcome
 * BMD_IC_LOST), the closest approach inside the step (found by Brent on
 * rdot_fn, the flight sampled to it) or the KV below the ground at t1 ends
 * the phase: 1; else 0 with *rdot1 at t1. */
static int ca_in_step(homing *hm, bmd_ic_result *res, double t0, double t1, double rdot0,
                      const double y1[BMD_TRAJ_NY], double *rdot1)
{
    (void)rdot_fn(hm, t1, rdot1);
    if (hm->lost) {
        res->outcome = BMD_IC_LOST;
        return 1;
    }
    if (rdot0 < 0.0 && *rdot1 >= 0.0) {
        double tca;
        (void)bmd_root_brent(rdot_fn, hm, t0, t1, rdot0, *rdot1, CA_XTOL_S, 0.0, 200, &tca, NULL);
        set_ca(hm, res, tca, BMD_IC_MISS);
        sample_step(hm->sp, t0, tca, &hm->d);
        sample_end(hm->sp, tca, &hm->d);
        return 1;
    }
    /* below the ground only inside the sphere of radius a, which holds the
     * ellipsoid */
    double alt = bmd_geo_maybe_below(hm->k.e, y1, 0.0) ? bmd_geo_height(hm->k.e, y1) : 1.0;
    if (alt < 0.0) {
        set_ca(hm, res, t1, BMD_IC_GROUND);
        sample_step(hm->sp, t0, t1, &hm->d);
        sample_end(hm->sp, t1, &hm->d);
        if (res->outcome == BMD_IC_GROUND) res->alt_ca_m = alt;
        return 1;
    }
    return 0;
}

/* Seeker angle noise: the measured line of sight is the true one turned by
 * two independent normal angles (1 sigma from the three terms of
 * bmd_interceptor, added in quadrature) about axes perpendicular to it; the
 * PN law then sees a line-of-sight rate error of about (angle error) x Vc / R,
 * which grows as the range closes (Zarchan 2012, ch. 8: noise-driven miss). */
static void seeker_noise(homing *hm, const bmd_interceptor *ic, double dr[3])
{
    double r = bmd_v3_norm(dr);
    if (!(r > 0.0)) return;
    double rr = ic->seeker_range_m > 0.0 ? r / ic->seeker_range_m : 0.0;
    double sg = ic->noise_glint_m / r, srn = ic->noise_rn_rad * rr * rr;
    double sigma = sqrt(ic->noise_fixed_rad * ic->noise_fixed_rad + sg * sg + srn * srn);
    double u[3], p1[3], p2[3], z[3] = {0.0, 0.0, 1.0}, x[3] = {1.0, 0.0, 0.0};
    bmd_v3_scale(u, 1.0 / r, dr);
    bmd_v3_cross(p1, u, fabs(u[2]) < 0.9 ? z : x);
    bmd_v3_scale(p1, 1.0 / bmd_v3_norm(p1), p1);
    bmd_v3_cross(p2, u, p1);
    double n1 = sigma * bmd_rng_normal(&hm->noise), n2 = sigma * bmd_rng_normal(&hm->noise);
    /* a small turn of the measured direction; the range itself is kept */
    bmd_v3_axpy(dr, dr, r * n1, p1);
    bmd_v3_axpy(dr, dr, r * n2, p2);
    bmd_v3_scale(dr, r / bmd_v3_norm(dr), dr);
}

/* The PN command at (t, y) with its acceleration limit; *rng_m the range
 * to the target, *rdot its r.v. Returns non-zero when the target callback
 * fails. */
static int command(homing *hm, const bmd_interceptor *ic, double t, const double y[BMD_TRAJ_NY],
                   double a[3], double *rng_m, double *rdot)
{
    double rt[3], vt[3], dr[3], dv[3], wr[3], w[3] = {0.0, 0.0, hm->k.omega};
    if (t == hm->tgt_t_s) { /* the callback's answer at the last step's end */
        bmd_v3_copy(rt, hm->tgt_r);
        bmd_v3_copy(vt, hm->tgt_v);
    } else if (hm->tgt(hm->tgt_ctx, t, rt, vt) != 0) {
        return 1;
    }
    bmd_v3_sub(dr, rt, y);
    bmd_v3_sub(dv, vt, y + 3);
    *rdot = bmd_v3_dot(dr, dv);
    *rng_m = bmd_v3_norm(dr);
    bmd_v3_cross(wr, w, dr); /* inertial relative velocity: v_rel + omega x r_rel */
    bmd_v3_add(dv, dv, wr);
    if (hm->noisy && *rng_m <= ic->seeker_range_m) seeker_noise(hm, ic, dr);
    bmd_interceptor_pn_accel(dr, dv, ic->nav_gain, a, NULL, NULL);
    double an = bmd_v3_norm(a);
    if (an > ic->kv_accel_max_mps2) bmd_v3_scale(a, ic->kv_accel_max_mps2 / an, a);
    return 0;
}

/* The lag part of the hold starting at t (the state's change due to the
 * achieved command, integrated in closed form: kv_step_eval with zero
 * state and G) into *l. */
static void lag_part_init(const kv *k, double t, kv_step *l)
{
    memset(l, 0, sizeof *l);
    l->t0_s = t;
    l->h_s = -1.0; /* no cached integrals */
    bmd_v3_copy(l->u, k->a_cmd);
    l->n_lag = k->n_lag;
    l->gc = k->gc;
    l->tau_s = k->tau_s;
    if (k->n_lag > 0) lag_eval(k, t, l->e);
}

/* The equations of motion of z = y - the lag part L(t) of the hold
 * (hm->fstep): z_r' = z_v, z_v' = G(z + L(t)). The guidance term leaves
 * the equations, and with it the lag's fast transient (T/n = 33 ms for
 * THAAD) that kept the adaptive steps short after every command change. */
static int z_rhs(void *ctx, double t, const double z[BMD_TRAJ_NY], double dz[BMD_TRAJ_NY])
{
    homing *hm = ctx;
    double y[BMD_TRAJ_NY];
    kv_step_eval(&hm->fstep, t, y);
    for (int i = 0; i < BMD_TRAJ_NY; i++)
        y[i] += z[i];
    bmd_v3_copy(dz, z + 3);
    kv_slow(&hm->k, y, dz + 3);
    return 0;
}

/* Integrate one guidance interval [*t, t_end] with the held command. Returns
 * 1 at closest approach or ground (res set), 0 at t_end, < 0 on error. */
static int interval(homing *hm, double *t, double t_end, double y[BMD_TRAJ_NY], double *h,
                    double *rdot, bmd_ic_result *res, bmd_errbuf *err)
{
    const bmd_traj_integrator *ig = hm->ig;
    double f[BMD_TRAJ_NY], z[BMD_TRAJ_NY];
    bmd_traj_dense *d = &hm->dstep;
    bmd_traj_rhs fn = kv_rhs;
    void *ctx = &hm->k;
    hm->d.d = d;
    hm->d.st = NULL;
    if (hm->fast) { /* z = y - the lag part, which is 0 at the hold's start */
        lag_part_init(&hm->k, *t, &hm->fstep);
        hm->d.st = &hm->fstep;
        fn = z_rhs;
        ctx = hm;
    }
    memcpy(z, y, sizeof z);
    fn(ctx, *t, z, f);
    while (*t < t_end) {
        if (hm->n_steps >= ig->max_steps)
            return bmd_err_set(err, BMD_ELIMIT, "interceptor: step limit %ld reached at t = %.3f s",
                               ig->max_steps, *t);
        double step = fmin(*h, ig->h_max_s), rest = t_end - *t;
        int last = step >= rest * (1.0 - 1e-12);
        if (last) step = rest;
        double y1[BMD_TRAJ_NY], z1[BMD_TRAJ_NY], f1[BMD_TRAJ_NY], ye[BMD_TRAJ_NY];
        bmd_traj_step(ig, fn, ctx, *t, step, z, f, z1, f1, ye, d);
        hm->n_steps++;
        double en = bmd_traj_err_norm(ig, z, z1, ye);
        double fac = en > 0.0 ? 0.9 * pow(en, -bmd_traj_err_exponent(ig)) : 5.0;
        if (!(en <= 1.0)) {
            *h = step * (isfinite(fac) ? fmax(0.2, fac) : 0.2);
            if (!(*h > 1e-12 * fmax(1.0, fabs(*t))))
                return bmd_err_set(err, BMD_ENOCONV, "interceptor: step size underflow");
            continue;
        }
        double t1 = last ? t_end : *t + step, r1;
        if (!last) *h = step * fmin(5.0, fmax(0.2, fac));
        memcpy(y1, z1, sizeof y1);
        if (hm->fast) {
            double a[BMD_TRAJ_NY];
            kv_step_eval(&hm->fstep, t1, a);
            for (int i = 0; i < BMD_TRAJ_NY; i++)
                y1[i] += a[i];
        }
        if (ca_in_step(hm, res, *t, t1, *rdot, y1, &r1)) return 1;
        sample_step(hm->sp, *t, t1, &hm->d);
        *t = t1;
        *rdot = r1;
        memcpy(y, y1, sizeof y1);
        memcpy(z, z1, sizeof z1);
        memcpy(f, f1, sizeof f1);
    }
    return 0;
}

/* One step of the guidance-interval stepper from (t, y), G(y) = g, to
 * t + h: *st its dense output, y1 the state at t + h, g1 ~ G(y1). */
static void fast_step(const kv *k, double t, double h, const double y[BMD_TRAJ_NY],
                      const double g[3], kv_step *st, double y1[BMD_TRAJ_NY], double g1[3])
{
    st->t0_s = t;
    st->h_s = h;
    bmd_v3_copy(st->r0, y);
    bmd_v3_copy(st->v0, y + 3);
    bmd_v3_copy(st->g0, g);
    bmd_v3_copy(st->u, k->a_cmd);
    st->n_lag = k->n_lag;
    st->gc = k->gc;
    st->tau_s = k->tau_s;
    if (k->n_lag > 0) lag_eval(k, t, st->e);
    lag_integrals(st, h, st->q1h, st->q2h);
    /* predictor: G held at g */
    memset(st->dg, 0, sizeof st->dg);
    double yp[BMD_TRAJ_NY], gp[3];
    kv_step_eval(st, t + h, yp);
    kv_slow(k, yp, gp);
    /* corrector: G linear from g to G(predicted end) */
    bmd_v3_sub(st->dg, gp, g);
    kv_step_eval(st, t + h, y1);
    /* G at the end: the predicted point's, not evaluated again (PEC mode);
     * y1 - yp = (h^2/6, h/2) x (G(yp) - G(y)), which moves G by the drag
     * and gravity gradients times that, ~1e-4 of the step's change of G */
    bmd_v3_copy(g1, gp);
}

/* interval() with the guidance-interval stepper: [*t, t_end] in equal steps
 * of at most KV_FAST_H_MAX_S; g is G at (*t, y) on entry and at the end on
 * return. */
static int fast_interval(homing *hm, double *t, double t_end, double y[BMD_TRAJ_NY], double g[3],
                         double *rdot, bmd_ic_result *res, bmd_errbuf *err)
{
    kv_step *st = &hm->fstep;
    hm->d.d = NULL;
    hm->d.st = st;
    double t_start = *t, span = t_end - t_start;
    long n = (long)ceil(span / KV_FAST_H_MAX_S * (1.0 - 1e-9));
    if (n < 1) n = 1;
    for (long i = 1; i <= n; i++) {
        if (hm->n_steps >= hm->ig->max_steps)
            return bmd_err_set(err, BMD_ELIMIT, "interceptor: step limit %ld reached at t = %.3f s",
                               hm->ig->max_steps, *t);
        double t1 = i == n ? t_end : t_start + span * (double)i / (double)n, r1;
        double y1[BMD_TRAJ_NY], g1[3];
        fast_step(&hm->k, *t, t1 - *t, y, g, st, y1, g1);
        hm->n_steps++;
        if (ca_in_step(hm, res, *t, t1, *rdot, y1, &r1)) return 1;
        sample_step(hm->sp, *t, t1, &hm->d);
        *t = t1;
        *rdot = r1;
        memcpy(y, y1, sizeof y1);
        bmd_v3_copy(g, g1);
    }
    return 0;
}

static int home_args(const bmd_traj_config *cfg, const bmd_interceptor *ic, const double *r0,
                     const double *v0, bmd_interceptor_target_fn tgt, bmd_ic_result *res,
                     bmd_errbuf *err)
{
    if (cfg == NULL || cfg->earth == NULL || ic == NULL || r0 == NULL || v0 == NULL ||
        tgt == NULL || res == NULL)
        return bmd_err_set(err, BMD_EINVAL, "interceptor: NULL argument");
    if (!(ic->midcourse_dt_s > 0.0) || !(ic->terminal_dt_s > 0.0) || !(ic->nav_gain > 0.0))
        return bmd_err_set(err, BMD_EINVAL,
                           "interceptor: guidance periods and nav_gain must be > 0");
    if (cfg->integ != NULL && cfg->integ->type == NULL)
        return bmd_err_set(err, BMD_EINVAL, "interceptor: integrator not initialised");
    return BMD_OK;
}

static void homing_init(homing *hm, const bmd_traj_config *cfg, const bmd_interceptor *ic,
                        uint64_t noise_seed, bmd_interceptor_target_fn tgt, void *tgt_ctx)
{
    memset(hm, 0, sizeof *hm);
    if (ic->homing == BMD_HOMING_REALISTIC) {
        if (ic->lag_tau_s > 0.0 && ic->lag_order >= 1) {
            hm->k.n_lag = ic->lag_order > BMD_IC_MAX_LAG ? BMD_IC_MAX_LAG : ic->lag_order;
            hm->k.tau_s = ic->lag_tau_s / hm->k.n_lag;
        }
        hm->noisy = ic->noise_fixed_rad > 0.0 || ic->noise_glint_m > 0.0 || ic->noise_rn_rad > 0.0;
        bmd_rng_init(&hm->noise, noise_seed, 0);
    }
    hm->k.gc = &hm->gstore;
    hm->k.e = cfg->earth;
    hm->k.atm = (cfg->atmo != NULL && cfg->atmo->kind != BMD_ATMO_NONE) ? cfg->atmo : NULL;
    hm->k.gravity = !cfg->gravity_off;
    hm->k.omega = cfg->earth->omega_radps;
    hm->k.inv_beta = ic->kv_beta_kgpm2 > 0.0 ? 1.0 / ic->kv_beta_kgpm2 : 0.0;
    hm->tgt = tgt;
    hm->tgt_ctx = tgt_ctx;
    hm->tgt_t_s = -INFINITY;
}

/* The guidance loop proper (arguments checked, integrator ready). */
static int home_loop(homing *hm, const bmd_interceptor *ic, double t, double t_lim,
                     double y[BMD_TRAJ_NY], double left, bmd_ic_result *res, bmd_errbuf *err)
{
    double h = fmin(ic->terminal_dt_s, 0.1), rdot, a[3], rng, g[3];
    int g_ok = 0; /* g holds G(y) */
    res->t_acquire_s = -1.0;
    for (;;) {
        if (command(hm, ic, t, y, a, &rng, &rdot) != 0) {
            res->outcome = BMD_IC_LOST;
            return BMD_OK;
        }
        if (res->t_acquire_s < 0.0 && rng <= ic->seeker_range_m) res->t_acquire_s = t;
        double dt = res->t_acquire_s >= 0.0 ? ic->terminal_dt_s : ic->midcourse_dt_s;
        double an = bmd_v3_norm(a);
        if (an * dt > left) { /* spend what is left of the budget */
            bmd_v3_scale(a, left / (an * dt), a);
            an = left / dt;
        }
        lag_hold(&hm->k, t, a);
        if (an > res->max_accel_mps2) res->max_accel_mps2 = an;
        double t_start = t, t_end = fmin(t + dt, t_lim);
        int s;
        if (hm->fast && res->t_acquire_s >= 0.0) {
            if (!g_ok) kv_slow(&hm->k, y, g);
            g_ok = 1;
            s = fast_interval(hm, &t, t_end, y, g, &rdot, res, err);
        } else {
            g_ok = 0;
            s = interval(hm, &t, t_end, y, &h, &rdot, res, err);
        }
        double t_done = (s == 1 && res->outcome == BMD_IC_MISS) ? res->t_ca_s : t;
        double spent = an * (t_done - t_start);
        res->divert_used_mps += spent;
        left = fmax(0.0, left - spent);
        if (s < 0) return s;
        if (s == 1) return BMD_OK;
        if (t >= t_lim) {
            res->outcome = BMD_IC_TIMEOUT;
            return BMD_OK;
        }
    }
}

static int home_run(const bmd_traj_config *cfg, const bmd_interceptor *ic, double t0_s,
                    const double r0_ecef_m[3], const double v0_ecef_mps[3], double divert_left_mps,
                    uint64_t noise_seed, bmd_interceptor_target_fn tgt, void *tgt_ctx, sampler *sp,
                    bmd_ic_result *res, bmd_errbuf *err);

int bmd_interceptor_home(const bmd_traj_config *cfg, const bmd_interceptor *ic, double t0_s,
                         const double r0_ecef_m[3], const double v0_ecef_mps[3],
                         double divert_left_mps, bmd_interceptor_target_fn tgt, void *tgt_ctx,
                         bmd_ic_result *res, bmd_errbuf *err)
{
    return home_run(cfg, ic, t0_s, r0_ecef_m, v0_ecef_mps, divert_left_mps, 0, tgt, tgt_ctx, NULL,
                    res, err);
}

int bmd_interceptor_home_seeded(const bmd_traj_config *cfg, const bmd_interceptor *ic, double t0_s,
                                const double r0_ecef_m[3], const double v0_ecef_mps[3],
                                double divert_left_mps, uint64_t noise_seed,
                                bmd_interceptor_target_fn tgt, void *tgt_ctx, bmd_ic_result *res,
                                bmd_errbuf *err)
{
    return home_run(cfg, ic, t0_s, r0_ecef_m, v0_ecef_mps, divert_left_mps, noise_seed, tgt,
                    tgt_ctx, NULL, res, err);
}

static int home_run(const bmd_traj_config *cfg, const bmd_interceptor *ic, double t0_s,
                    const double r0_ecef_m[3], const double v0_ecef_mps[3], double divert_left_mps,
                    uint64_t noise_seed, bmd_interceptor_target_fn tgt, void *tgt_ctx, sampler *sp,
                    bmd_ic_result *res, bmd_errbuf *err)
{
    int s = home_args(cfg, ic, r0_ecef_m, v0_ecef_mps, tgt, res, err);
    if (s != BMD_OK) return s;
    if (ic->homing == BMD_HOMING_REALISTIC &&
        !(ic->lag_order >= 0 && ic->lag_order <= BMD_IC_MAX_LAG && ic->lag_tau_s >= 0.0 &&
          ic->noise_fixed_rad >= 0.0 && ic->noise_glint_m >= 0.0 && ic->noise_rn_rad >= 0.0))
        return bmd_err_set(err, BMD_EINVAL,
                           "interceptor: lag order 0..%d and non-negative lag and noise needed",
                           BMD_IC_MAX_LAG);
    memset(res, 0, sizeof *res);
    homing hm;
    homing_init(&hm, cfg, ic, noise_seed, tgt, tgt_ctx);
    hm.sp = sp;
    bmd_traj_integrator local, *ig = cfg->integ;
    hm.fast = ig == NULL;
    if (ig == NULL) {
        (void)bmd_traj_integrator_init(&local, bmd_traj_dopri5, NULL); /* cannot fail */
        ig = &local;
    }
    hm.ig = ig;
    double y[BMD_TRAJ_NY];
    bmd_v3_copy(y, r0_ecef_m);
    bmd_v3_copy(y + 3, v0_ecef_mps);
    double t_lim = t0_s + (cfg->t_max_s > 0.0 ? cfg->t_max_s : BMD_TRAJ_T_MAX_S);
    s = home_loop(&hm, ic, t0_s, t_lim, y, fmax(divert_left_mps, 0.0), res, err);
    res->n_steps = hm.n_steps;
    /* a "hit" is a miss inside the lethal radius; whether it kills is the
     * kill model's draw, taken by the caller */
    res->kill = res->outcome == BMD_IC_MISS && res->miss_m < ic->lethal_radius_m;
    if (res->kill) res->outcome = BMD_IC_HIT;
    if (ig == &local) bmd_traj_integrator_free(&local);
    return s;
}

/* ---- the full fly-out ---------------------------------------------------------- */

typedef struct burnout {
    double t_s, r[3], v[3];
} burnout;

/* bmd__ic_hook: the booster's steps into the sampler. */
static int boost_hook(void *ctx, double t0_s, double t1_s, const bmd_traj_dense *d, int burning)
{
    (void)burning;
    kv_dense dd = {d, NULL};
    sample_step(ctx, t0_s, t1_s, &dd);
    return 0;
}

static int fly_booster(const bmd_traj_config *cfg, const bmd_interceptor *ic,
                       const bmd_ic_shot *shot, sampler *sp, burnout *bo, long *n_steps,
                       bmd_errbuf *err)
{
    double y[BMD_TRAJ_NY], t_bo;
    int stopped;
    if (sp != NULL) sp->t0_s = shot->launch_time_s;
    int s = bmd__ic_boost(cfg, ic, shot->lat_rad, shot->lon_rad, shot->alt_m, shot->azimuth_rad,
                          shot->elev_rad, bmd_traj_full_burn_s(&ic->booster),
                          sp != NULL ? boost_hook : NULL, sp, y, &bo->t_s, &t_bo, &stopped, n_steps,
                          err);
    if (sp != NULL) sp->t0_s = 0.0; /* homing runs on the engagement clock */
    if (s != BMD_OK) return s;
    if (bo->t_s < t_bo)
        return bmd_err_set(err, BMD_EDOM,
                           "%s: booster hit the ground at t = %.2f s, before burnout", ic->name,
                           bo->t_s);
    bmd_v3_copy(bo->r, y);
    bmd_v3_copy(bo->v, y + 3);
    return BMD_OK;
}

static int fly(const bmd_traj_config *cfg, const bmd_interceptor *ic, const bmd_ic_shot *shot,
               bmd_interceptor_target_fn tgt, void *tgt_ctx, bmd_rng *rng, sampler *sp,
               bmd_ic_result *res, bmd_errbuf *err)
{
    if (cfg == NULL || cfg->earth == NULL || ic == NULL || shot == NULL || tgt == NULL ||
        res == NULL)
        return bmd_err_set(err, BMD_EINVAL, "interceptor: NULL argument");
    burnout bo;
    long nb = 0;
    int s = fly_booster(cfg, ic, shot, sp, &bo, &nb, err);
    if (s != BMD_OK) return s;
    s = home_run(cfg, ic, shot->launch_time_s + bo.t_s, bo.r, bo.v, ic->kv_divert_mps,
                 shot->noise_seed, tgt, tgt_ctx, sp, res, err);
    if (s != BMD_OK) return s;
    res->burnout_time_s = bo.t_s;
    res->burnout_speed_mps = bmd_v3_norm(bo.v);
    bmd_geo_from_ecef(cfg->earth, bo.r, NULL, NULL, &res->burnout_alt_m);
    res->azimuth_rad = shot->azimuth_rad;
    res->elev_rad = shot->elev_rad;
    res->n_steps += nb;
    if (res->outcome == BMD_IC_HIT || res->outcome == BMD_IC_MISS ||
        res->outcome == BMD_IC_GROUND) {
        double lat, lon, h;
        bmd_geo_from_ecef(cfg->earth, res->r_ca_ecef_m, &lat, &lon, &h);
        bmd_geo_inverse(cfg->earth, shot->lat_rad, shot->lon_rad, lat, lon, &res->ground_range_m,
                        NULL, NULL);
        res->flight_time_s = res->t_ca_s - shot->launch_time_s;
    }
    if (rng != NULL) res->kill = bmd_interceptor_kill_draw(ic, res, rng);
    return BMD_OK;
}

int bmd_interceptor_kill_draw(const bmd_interceptor *ic, const bmd_ic_result *res, bmd_rng *rng)
{
    if (res->outcome != BMD_IC_HIT && res->outcome != BMD_IC_MISS) return 0;
    if (ic->kill_model == BMD_KILL_FIXED_PK && res->outcome != BMD_IC_HIT) return 0;
    return bmd_rng_uniform(rng) < bmd_interceptor_pkill(ic, res->miss_m);
}

double bmd_interceptor_pkill(const bmd_interceptor *ic, double miss_m)
{
    if (!isfinite(miss_m) || miss_m < 0.0) return 0.0;
    if (ic->kill_model == BMD_KILL_GAUSSIAN) {
        if (!(ic->lethal_radius_m > 0.0)) return 0.0;
        double q = miss_m / ic->lethal_radius_m;
        return ic->pk * exp(-0.5 * q * q);
    }
    return miss_m < ic->lethal_radius_m ? ic->pk : 0.0;
}

const char *bmd_homing_name(int mode)
{
    return mode == BMD_HOMING_IDEAL ? "ideal" : mode == BMD_HOMING_REALISTIC ? "realistic" : "?";
}

const char *bmd_kill_model_name(int model)
{
    return model == BMD_KILL_FIXED_PK ? "fixed-pk" : model == BMD_KILL_GAUSSIAN ? "gaussian" : "?";
}

int bmd_interceptor_fly(const bmd_traj_config *cfg, const bmd_interceptor *ic,
                        const bmd_ic_shot *shot, bmd_interceptor_target_fn tgt, void *tgt_ctx,
                        bmd_rng *rng, bmd_ic_result *res, bmd_errbuf *err)
{
    return fly(cfg, ic, shot, tgt, tgt_ctx, rng, NULL, res, err);
}

int bmd_interceptor_fly_path(const bmd_traj_config *cfg, const bmd_interceptor *ic,
                             const bmd_ic_shot *shot, bmd_interceptor_target_fn tgt, void *tgt_ctx,
                             bmd_rng *rng, double dt_s, bmd_ic_path *path, bmd_ic_result *res,
                             bmd_errbuf *err)
{
    if (path == NULL || path->t_s == NULL || path->r_ecef_m == NULL || path->v_ecef_mps == NULL ||
        path->cap < 2 || !(dt_s > 0.0) || shot == NULL)
        return bmd_err_set(err, BMD_EINVAL, "interceptor: bad path arguments");
    path->n = 0;
    path->truncated = 0;
    sampler sp = {path, dt_s, shot->launch_time_s, 0.0};
    return fly(cfg, ic, shot, tgt, tgt_ctx, rng, &sp, res, err);
}
