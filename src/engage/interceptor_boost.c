/*
 * interceptor_boost.c: the interceptor booster fly-out: the traj module's
 * powered-flight model (bmd/traj.h notes: thrust with back-pressure
 * correction, constant mass flow, drag 1/2 rho v^2 Cd(Mach) A, ECEF
 * equations of motion with gravity J2 and Earth rotation) with the
 * interceptor's own steering: vertical rise, constant-rate pitch-over to a
 * launch elevation, then a fixed thrust direction. The traj gravity turn
 * cannot fly the flat fly-outs a THAAD-class interceptor needs: with
 * thrust/weight ~11 the velocity hardly turns after the kick, and an 88 deg
 * kick still burns out at a 50 deg flight-path angle (see
 * docs/models/interceptor.md, "Booster steering").
 */
#include <math.h>
#include <string.h>

#include "bmd/atmo.h"
#include "bmd/const.h"
#include "bmd/geo.h"
#include "bmd/gravity.h"
#include "bmd/vec3.h"
#include "interceptor_internal.h"

enum { STEER_UP = 0, STEER_PITCH, STEER_FIXED, STEER_NONE };

#define MAX_PH (3 * BMD_MAX_STAGES + 4)

typedef struct phase {
    double t0_s, t1_s;
    int steer, burning;
    double m0_kg, mdot_kgps, f_vac_n, a_exit_m2, area_m2, inv_beta;
} phase;

typedef struct boost {
    const bmd_earth *e;
    const bmd_atmo *atm;
    const bmd_cd_table *cd;
    int gravity;
    double omega;
    double up[3], hor[3];   /* launch vertical and horizontal along the azimuth, ECEF */
    double t_p0, t_p1, th1; /* pitch-over start, end (s), final angle from vertical (rad) */
    int nph;
    phase ph[MAX_PH];
    const phase *cur;
} boost;

static double cd_of(const bmd_cd_table *t, double mach)
{
    if (mach <= t->mach[0]) return t->cd[0];
    for (int i = 1; i < t->n; i++)
        if (mach < t->mach[i]) {
            double w = (mach - t->mach[i - 1]) / (t->mach[i] - t->mach[i - 1]);
            return t->cd[i - 1] + w * (t->cd[i] - t->cd[i - 1]);
        }
    return t->cd[t->n - 1];
}

static void thrust_dir(const boost *b, const phase *p, double t, double u[3])
{
    double th = 0.0;
    if (p->steer == STEER_PITCH)
        th = b->th1 * (t - b->t_p0) / (b->t_p1 - b->t_p0);
    else if (p->steer == STEER_FIXED)
        th = b->th1;
    for (int i = 0; i < 3; i++)
        u[i] = cos(th) * b->up[i] + sin(th) * b->hor[i];
}

static int boost_rhs(void *ctx, double t, const double y[BMD__NY], double dy[BMD__NY])
{
    const boost *b = ctx;
    const phase *p = b->cur;
    const double *r = y, *v = y + 3;
    double rho = 0.0, pa = 0.0, asnd = 0.0, h = 0.0, f[3] = {0.0, 0.0, 0.0};
    if (b->atm != NULL) {
        bmd_geo_from_ecef(b->e, r, NULL, NULL, &h);
        if (h < BMD_TRAJ_ATMO_TOP_M) {
            bmd_atmo_point ap;
            (void)bmd_atmo_eval(b->atm, h, &ap);
            rho = ap.rho_kgpm3;
            pa = ap.p_pa;
            asnd = ap.a_mps;
        }
    }
    double m = p->m0_kg - p->mdot_kgps * (t - p->t0_s), sp = bmd_v3_norm(v);
    if (p->burning) {
        double u[3], thr = p->f_vac_n - pa * p->a_exit_m2;
        thrust_dir(b, p, t, u);
        bmd_v3_scale(f, fmax(thr, 0.0) / m, u);
    }
    if (rho > 0.0 && sp > 0.0) {
        double dr =
            p->inv_beta > 0.0
                ? 0.5 * rho * sp * sp * p->inv_beta
                : 0.5 * rho * sp * sp * cd_of(b->cd, asnd > 0.0 ? sp / asnd : 0.0) * p->area_m2 / m;
        bmd_v3_axpy(f, f, -dr / sp, v);
    }
    double g[3] = {0.0, 0.0, 0.0}, w = b->omega;
    if (b->gravity) (void)bmd_gravity_accel(b->e, r, g);
    dy[0] = v[0];
    dy[1] = v[1];
    dy[2] = v[2];
    dy[3] = g[0] + f[0] + 2.0 * w * v[1] + w * w * r[0];
    dy[4] = g[1] + f[1] - 2.0 * w * v[0] + w * w * r[1];
    dy[5] = g[2] + f[2];
    return 0;
}

/* ---- phases ------------------------------------------------------------------- */

static void sort(double *x, int n)
{
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && x[j - 1] > x[j]; j--) {
            double s = x[j];
            x[j] = x[j - 1];
            x[j - 1] = s;
        }
}

/* Stage k (0-based) burning or coasting at time t; ignition times ign[]. */
static int stage_of(const bmd_missile *m, const double *ign, double t)
{
    int k = 0;
    while (k + 1 < m->n_stages && ign[k + 1] <= t)
        k++;
    return k;
}

static void add_phase(boost *b, const bmd_interceptor *ic, const double *ign, const double *above,
                      double a, double c)
{
    const bmd_missile *m = &ic->booster;
    double mid = 0.5 * (a + c);
    int k = stage_of(m, ign, mid);
    const bmd_stage *st = &m->stage[k];
    phase *p = &b->ph[b->nph++];
    memset(p, 0, sizeof *p);
    p->t0_s = a;
    p->t1_s = c;
    double mdot = st->prop_mass_kg / st->burn_time_s, burnt = fmin(a - ign[k], st->burn_time_s);
    p->m0_kg = above[k] + st->gross_mass_kg - mdot * fmax(burnt, 0.0);
    p->burning = mid < ign[k] + st->burn_time_s;
    p->steer = mid < b->t_p0 ? STEER_UP : (mid < b->t_p1 ? STEER_PITCH : STEER_FIXED);
    if (p->burning) {
        p->mdot_kgps = mdot;
        p->f_vac_n = mdot * BMD_G0_MPS2 * st->isp_vac_s;
        if (st->isp_sl_s > 0.0)
            p->a_exit_m2 = mdot * BMD_G0_MPS2 * (st->isp_vac_s - st->isp_sl_s) / BMD_P0_PA;
    }
    double d = st->diameter_m > 0.0 ? st->diameter_m : m->stage[0].diameter_m;
    p->area_m2 = 0.25 * BMD_PI * d * d;
}

/* Returns the final burnout time. */
static double build_phases(boost *b, const bmd_interceptor *ic, double t_end)
{
    const bmd_missile *m = &ic->booster;
    double ign[BMD_MAX_STAGES], above[BMD_MAX_STAGES], br[3 * BMD_MAX_STAGES + 4], t = 0.0;
    int nb = 0;
    for (int k = 0; k < m->n_stages; k++) {
        ign[k] = t;
        t += m->stage[k].burn_time_s;
        if (k > 0) br[nb++] = ign[k];
        br[nb++] = t;
        t += k + 1 < m->n_stages ? m->stage[k].coast_s : 0.0;
    }
    double t_bo = br[nb - 1], up = m->payload_mass_kg;
    for (int k = m->n_stages - 1; k >= 0; k--) {
        above[k] = up;
        up += m->stage[k].gross_mass_kg;
    }
    if (b->t_p0 > 0.0 && b->t_p0 < t_bo) br[nb++] = b->t_p0;
    if (b->t_p1 < t_bo) br[nb++] = b->t_p1;
    br[nb++] = 0.0;
    sort(br, nb);
    b->nph = 0;
    for (int i = 1; i < nb; i++)
        if (br[i] > br[i - 1]) add_phase(b, ic, ign, above, br[i - 1], br[i]);
    phase *p = &b->ph[b->nph++]; /* free flight of the KV */
    memset(p, 0, sizeof *p);
    p->t0_s = t_bo;
    p->t1_s = fmax(t_end, t_bo);
    p->steer = STEER_NONE;
    p->m0_kg = ic->kv_mass_kg;
    p->inv_beta = 1.0 / ic->kv_beta_kgpm2;
    return t_bo;
}

static void boost_init(boost *b, const bmd_traj_config *cfg, const bmd_interceptor *ic, double lat,
                       double lon, double az, double elev)
{
    memset(b, 0, sizeof *b);
    b->e = cfg->earth;
    b->atm = (cfg->atmo != NULL && cfg->atmo->kind != BMD_ATMO_NONE) ? cfg->atmo : NULL;
    b->cd = ic->booster.cd.n > 0 ? &ic->booster.cd : bmd_traj_default_cd();
    b->gravity = !cfg->gravity_off;
    b->omega = cfg->earth->omega_radps;
    double enu[3][3];
    bmd_geo_enu_basis(lat, lon, enu);
    for (int i = 0; i < 3; i++) {
        b->up[i] = enu[2][i];
        b->hor[i] = sin(az) * enu[0][i] + cos(az) * enu[1][i];
    }
    b->t_p0 = ic->booster.vertical_rise_s;
    b->t_p1 = b->t_p0 + ic->pitch_over_s;
    b->th1 = 0.5 * BMD_PI - elev;
}

/* ---- the integration loop ------------------------------------------------------ */

typedef struct loop {
    const bmd_traj_integrator *ig;
    bmd__ic_hook hook;
    void *hook_ctx;
    long n;
    int stopped, ground;
} loop;

/* Integrate over the current phase; returns a status, sets lp->stopped or
 * lp->ground when the flight ends inside the phase. */
static int run_phase(boost *b, loop *lp, double *t, double y[BMD__NY], double *h, bmd_errbuf *err)
{
    const bmd_traj_integrator *ig = lp->ig;
    const phase *p = b->cur;
    double f[BMD__NY];
    bmd__dense d;
    boost_rhs(b, *t, y, f);
    while (*t < p->t1_s) {
        if (lp->n >= ig->max_steps)
            return bmd_err_set(err, BMD_ELIMIT, "interceptor: booster step limit at t = %.3f s",
                               *t);
        double step = fmin(*h, ig->h_max_s), rest = p->t1_s - *t;
        int last = step >= rest * (1.0 - 1e-12);
        if (last) step = rest;
        double y1[BMD__NY], f1[BMD__NY], ye[BMD__NY];
        ig->type->step(ig->work, boost_rhs, b, *t, step, y, f, y1, f1, ye, &d);
        lp->n++;
        double en = bmd__ic_err_norm(ig, y, y1, ye);
        double fac = en > 0.0 ? 0.9 * pow(en, -ig->type->err_exponent) : 5.0;
        if (!(en <= 1.0)) {
            *h = step * (isfinite(fac) ? fmax(0.2, fac) : 0.2);
            if (!(*h > 1e-12 * fmax(1.0, fabs(*t))))
                return bmd_err_set(err, BMD_ENOCONV, "interceptor: booster step underflow");
            continue;
        }
        double t1 = last ? p->t1_s : *t + step;
        if (!last) *h = step * fmin(5.0, fmax(0.2, fac));
        double alt;
        bmd_geo_from_ecef(b->e, y1, NULL, NULL, &alt);
        if (lp->hook != NULL && lp->hook(lp->hook_ctx, *t, t1, &d, p->burning) != 0)
            lp->stopped = 1;
        *t = t1;
        memcpy(y, y1, sizeof y1);
        memcpy(f, f1, sizeof f1);
        if (alt < -1.0 && t1 > 1.0) lp->ground = 1;
        if (lp->stopped || lp->ground) return BMD_OK;
    }
    return BMD_OK;
}

int bmd__ic_boost(const bmd_traj_config *cfg, const bmd_interceptor *ic, double lat_rad,
                  double lon_rad, double alt_m, double azimuth_rad, double elev_rad, double t_end_s,
                  bmd__ic_hook hook, void *hook_ctx, double y[BMD__NY], double *t_s,
                  double *t_burnout_s, int *stopped, long *n_steps, bmd_errbuf *err)
{
    if (cfg == NULL || cfg->earth == NULL || ic == NULL || !(elev_rad > 0.0) ||
        !(elev_rad <= 0.5 * BMD_PI) || ic->booster.n_stages < 1 ||
        ic->booster.n_stages > BMD_MAX_STAGES || !(ic->kv_beta_kgpm2 > 0.0))
        return bmd_err_set(err, BMD_EINVAL,
                           "interceptor: bad booster arguments (elevation in (0, 90 deg])");
    boost b;
    boost_init(&b, cfg, ic, lat_rad, lon_rad, azimuth_rad, elev_rad);
    double t_bo = build_phases(&b, ic, t_end_s);
    bmd_traj_integrator local, *ig = cfg->integ;
    if (ig == NULL) {
        (void)bmd_traj_integrator_init(&local, bmd_traj_dopri5, NULL); /* cannot fail */
        ig = &local;
    }
    loop lp = {ig, hook, hook_ctx, 0, 0, 0};
    double t = 0.0, h = 0.01, dy[BMD__NY];
    memset(y, 0, BMD__NY * sizeof y[0]);
    bmd_geo_to_ecef(cfg->earth, lat_rad, lon_rad, alt_m, y);
    b.cur = &b.ph[0];
    boost_rhs(&b, 0.0, y, dy);
    int s = BMD_OK;
    if (!(bmd_v3_dot(dy + 3, b.up) > 0.0))
        s = bmd_err_set(err, BMD_EDOM, "%s: thrust below weight at lift-off", ic->name);
    for (int k = 0; s == BMD_OK && k < b.nph && t < t_end_s; k++) {
        b.cur = &b.ph[k];
        s = run_phase(&b, &lp, &t, y, &h, err);
        if (lp.stopped || lp.ground) break;
    }
    if (t_s) *t_s = t;
    if (t_burnout_s) *t_burnout_s = t_bo;
    if (stopped) *stopped = lp.stopped;
    if (n_steps) *n_steps = lp.n;
    if (ig == &local) bmd_traj_integrator_free(&local);
    return s;
}
