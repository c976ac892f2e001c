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
    int steer;
    bmd_traj_thrust th; /* the traj module's thrust and drag (th.t0_s = t0_s) */
} phase;

typedef struct boost {
    const bmd_earth *e;
    const bmd_atmo *atm;
    const bmd_cd_table *cd;
    int gravity;
    double up[3], hor[3];   /* launch vertical and horizontal along the azimuth, ECEF */
    double t_p0, t_p1, th1; /* pitch-over start, end (s), final angle from vertical (rad) */
    int nph;
    phase ph[MAX_PH];
    const phase *cur;
} boost;

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

static int boost_rhs(void *ctx, double t, const double y[BMD_TRAJ_NY], double dy[BMD_TRAJ_NY])
{
    const boost *b = ctx;
    const phase *p = b->cur;
    const double *r = y, *v = y + 3;
    double rho = 0.0, pa = 0.0, asnd = 0.0, h = 0.0, f[3] = {0.0, 0.0, 0.0};
    if (b->atm != NULL && bmd_geo_maybe_below(b->e, r, BMD_TRAJ_ATMO_TOP_M)) {
        h = bmd_geo_height(b->e, r);
        if (h < BMD_TRAJ_ATMO_TOP_M) {
            bmd_atmo_point ap;
            (void)bmd_atmo_eval(b->atm, h, &ap);
            rho = ap.rho_kgpm3;
            pa = ap.p_pa;
            asnd = ap.a_mps;
        }
    }
    double m = bmd_traj_thrust_mass(&p->th, t), sp = bmd_v3_norm(v);
    if (p->th.burning) {
        double u[3];
        thrust_dir(b, p, t, u);
        bmd_v3_scale(f, bmd_traj_thrust_n(&p->th, pa) / m, u);
    }
    if (rho > 0.0 && sp > 0.0) {
        double dr = bmd_traj_drag_mps2(&p->th, b->cd, rho, sp, asnd > 0.0 ? sp / asnd : 0.0, m);
        bmd_v3_axpy(f, f, -dr / sp, v);
    }
    bmd_traj_eom_ecef(b->e, b->gravity, y, f, dy);
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

static void add_phase(boost *b, const bmd_interceptor *ic, const bmd_traj_stages *st, double a,
                      double c)
{
    double mid = 0.5 * (a + c);
    phase *p = &b->ph[b->nph++];
    memset(p, 0, sizeof *p);
    p->t0_s = a;
    p->t1_s = c;
    (void)bmd_traj_thrust_of(&ic->booster, st, a, c, &p->th);
    p->steer = mid < b->t_p0 ? STEER_UP : (mid < b->t_p1 ? STEER_PITCH : STEER_FIXED);
}

/* Returns the final burnout time. */
static double build_phases(boost *b, const bmd_interceptor *ic, double t_end)
{
    const bmd_missile *m = &ic->booster;
    bmd_traj_stages st;
    bmd_traj_stages_of(m, &st);
    double br[3 * BMD_MAX_STAGES + 4];
    int nb = 0;
    for (int k = 0; k < m->n_stages; k++) {
        if (k > 0) br[nb++] = st.ign_s[k];
        br[nb++] = st.bo_s[k];
    }
    double t_bo = br[nb - 1];
    if (b->t_p0 > 0.0 && b->t_p0 < t_bo) br[nb++] = b->t_p0;
    if (b->t_p1 < t_bo) br[nb++] = b->t_p1;
    br[nb++] = 0.0;
    sort(br, nb);
    b->nph = 0;
    for (int i = 1; i < nb; i++)
        if (br[i] > br[i - 1]) add_phase(b, ic, &st, br[i - 1], br[i]);
    phase *p = &b->ph[b->nph++]; /* free flight of the KV */
    memset(p, 0, sizeof *p);
    p->t0_s = t_bo;
    p->t1_s = fmax(t_end, t_bo);
    p->steer = STEER_NONE;
    p->th.t0_s = t_bo;
    p->th.m0_kg = ic->kv_mass_kg;
    p->th.inv_beta = 1.0 / ic->kv_beta_kgpm2;
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
static int run_phase(boost *b, loop *lp, double *t, double y[BMD_TRAJ_NY], double *h,
                     bmd_errbuf *err)
{
    const bmd_traj_integrator *ig = lp->ig;
    const phase *p = b->cur;
    double f[BMD_TRAJ_NY];
    bmd_traj_dense d;
    boost_rhs(b, *t, y, f);
    while (*t < p->t1_s) {
        if (lp->n >= ig->max_steps)
            return bmd_err_set(err, BMD_ELIMIT, "interceptor: booster step limit at t = %.3f s",
                               *t);
        double step = fmin(*h, ig->h_max_s), rest = p->t1_s - *t;
        int last = step >= rest * (1.0 - 1e-12);
        if (last) step = rest;
        double y1[BMD_TRAJ_NY], f1[BMD_TRAJ_NY], ye[BMD_TRAJ_NY];
        bmd_traj_step(ig, boost_rhs, b, *t, step, y, f, y1, f1, ye, &d);
        lp->n++;
        double en = bmd_traj_err_norm(ig, y, y1, ye);
        double fac = en > 0.0 ? 0.9 * pow(en, -bmd_traj_err_exponent(ig)) : 5.0;
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
        if (lp->hook != NULL && lp->hook(lp->hook_ctx, *t, t1, &d, p->th.burning) != 0)
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
                  bmd__ic_hook hook, void *hook_ctx, double y[BMD_TRAJ_NY], double *t_s,
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
    double t = 0.0, h = 0.01, dy[BMD_TRAJ_NY];
    memset(y, 0, BMD_TRAJ_NY * sizeof y[0]);
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
