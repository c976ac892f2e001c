/*
 * flight.c: equations of motion in the rotating ECEF frame, the phase
 * schedule of a multi-stage fly-out, the adaptive integration loop with event
 * location and sampling, and the flight entry points of bmd/traj.h.
 */
#include "traj_internal.h"

#include <math.h>
#include <string.h>

#include "atmo/atmo_internal.h"
#include "geo/geo_internal.h"
#include "bmd/atmo.h"
#include "bmd/const.h"
#include "bmd/core.h"
#include "bmd/gravity.h"
#include "bmd/traj_step.h"
#include "bmd/vec3.h"

enum { STEER_NONE = 0, STEER_VERTICAL, STEER_KICK, STEER_TURN };

#define MAX_SEG (4 * BMD_MAX_STAGES + 8)
#define MAX_SCHED (4 * BMD_MAX_STAGES + 8)
/* Events located on the dense output to this time tolerance, s. */
#define EVENT_XTOL_S 1e-7
/* Max-deceleration time located to this tolerance, s. */
#define DECEL_XTOL_S 1e-6

/* A phase: a time interval over which the model has no discontinuity. */
typedef struct seg {
    double t0_s, t1_s;
    int steer, stage;   /* stage 1..n, 0 in free flight */
    int free_flight;    /* 1: the final ballistic phase */
    bmd_traj_thrust th; /* mass, thrust and drag over the phase (th.t0_s = t0_s) */
    unsigned want;      /* what eom needs of the atmosphere (atmo_want) */
} seg;

typedef struct sched_ev {
    double t_s;
    int kind, stage;
} sched_ev;

typedef struct flight {
    const bmd_traj_config *cfg;
    const bmd_earth *e;
    const bmd_atmo *atm; /* NULL: vacuum */
    int atm_fast;        /* 1: atm passes bmd_atmo_eval's checks (bmd__atmo_fast) */
    const bmd_cd_table *cd;
    /* the Mach numbers of cd where Cd(Mach) has a kink (the slope changes;
     * clamped outside the table), increasing */
    double mk[BMD_MAX_CD_POINTS];
    int nmk;
    int gravity;
    double up0[3], hor0[3]; /* launch vertical and pitch-over direction, ECEF */
    /* thrust directions of the vertical rise and, at rest, of the gravity
     * turn: thrust_dir's formula at the constant angles 0 and kick_rad */
    double u_vert[3], u_turn[3];
    double t_kick0_s, t_kick1_s, kick_rad;
    int nseg;
    seg seg[MAX_SEG];
    int nsched;
    sched_ev sched[MAX_SCHED];
    const seg *cur;
    long n_rhs;
    /* kinks of the right-hand side (see integrate_phase): the altitudes of
     * the atmosphere's (bmd_atmo_kinks) and, in phases with Cd(Mach) drag,
     * the Mach numbers of the drag table's points */
    int nkz;
    double kz[BMD_ATMO_MAX_KINKS];
    /* the last evaluation's state and its height (memo 1) and Mach number
     * (memo 2), which the kink test of the trial step's end reuses */
    int memo;
    double memo_y[BMD__NY], memo_h, memo_mach;
    /* 1: the events' height rate by bmd__geo_height_normal_fast (with kink
     * stepping, the analysis settings); 0: through the latitude and
     * longitude, as the defaults' byte-identical outputs were computed */
    int fast_events;
    /* 1: the equations of motion take the height by bmd__geo_height_fast
     * (the same height to a few nm) and the US76 state below 86 km from
     * bmd__atmo_direct's tables (within 3e-7): the analysis settings, with
     * kink stepping; 0: bmd_geo_height and bmd__atmo_fast, as the
     * defaults' outputs were computed */
    int fast_rhs;
    bmd__geo_hconst hk; /* its constants */
    /* (a + BMD_TRAJ_ATMO_TOP_M)^2: bmd_geo_maybe_below's test, inline */
    double top2_m2;
} flight;

/* By-products of one evaluation of the equations of motion. */
typedef struct aux {
    double lat_rad, lon_rad, h_m, mach, accel_ng_mps2, mass_kg, drag_mps2;
} aux;

/* ---- default drag curve ------------------------------------------------------- */

/* Estimate: a generic slender-body zero-lift Cd(Mach): 0.20 subsonic, the
 * transonic rise to 0.40 near Mach 1.1-1.2, decay to 0.22 by Mach 5, the
 * shape of published missile drag curves such as the V-2's (Sutton &
 * Biblarz, Rocket Propulsion Elements, 7th ed., 2001, fig. 4-3). Rounded
 * values, not a measurement; see docs/models/traj.md. */
static const bmd_cd_table default_cd = {
    9,
    {0.0, 0.8, 1.0, 1.2, 1.5, 2.0, 3.0, 5.0, 10.0},
    {0.20, 0.20, 0.32, 0.40, 0.37, 0.32, 0.26, 0.22, 0.20},
};

const bmd_cd_table *bmd_traj_default_cd(void)
{
    return &default_cd;
}

/* ---- equations of motion ---------------------------------------------------- */

static void thrust_dir(const flight *fl, const seg *sg, double t, const double v[3], double speed,
                       double u[3])
{
    if (sg->steer == STEER_TURN && speed > 1e-6) {
        bmd_v3_scale(u, 1.0 / speed, v);
        return;
    }
    if (sg->steer != STEER_KICK) {
        bmd_v3_copy(u, sg->steer == STEER_TURN ? fl->u_turn : fl->u_vert);
        return;
    }
    double th = fl->kick_rad * (t - fl->t_kick0_s) / (fl->t_kick1_s - fl->t_kick0_s);
    double c = cos(th), s = sin(th);
    for (int i = 0; i < 3; i++)
        u[i] = c * fl->up0[i] + s * fl->hor0[i];
}

/* The thrust direction at the constant angle th_rad from the vertical. */
static void dir_at(const flight *fl, double th_rad, double u[3])
{
    double c = cos(th_rad), s = sin(th_rad);
    for (int i = 0; i < 3; i++)
        u[i] = c * fl->up0[i] + s * fl->hor0[i];
}

/* What the phase's equations of motion need of the atmosphere besides the
 * density (bmd__atmo_fast): the pressure for the thrust's exit-pressure
 * term while burning, the speed of sound for Cd(Mach) drag or a sample. */
static unsigned atmo_want(const seg *sg)
{
    unsigned w = 0;
    if (sg->th.f_vac_n > 0.0 && sg->th.a_exit_m2 != 0.0) w |= BMD__ATMO_P;
    if (sg->th.inv_beta == 0.0 && sg->th.area_m2 > 0.0) w |= BMD__ATMO_A;
    return w;
}

/* bmd_traj_drag_mps2 over the speed, 1/s: the drag acceleration is
 * -k v without the division by |v| on the way from the density to the
 * acceleration (the analysis settings: equal to rounding). */
static double drag_per_speed(const flight *fl, const seg *sg, double rho, double speed, double mach,
                             double m)
{
    if (sg->th.inv_beta > 0.0) return 0.5 * rho * speed * sg->th.inv_beta;
    if (sg->th.area_m2 > 0.0)
        return 0.5 * rho * speed * (bmd_traj_cd(fl->cd, mach) * sg->th.area_m2 / m);
    return 0.0;
}

/* The height and the atmosphere the right-hand side takes, and with them
 * the kink functions and the deceleration, so that all see the same
 * atmosphere: at the analysis settings (fast_rhs) Bowring's step by
 * bmd__geo_height_fast and the direct tables of bmd__atmo_direct, else
 * bmd_geo_height and bmd__atmo_fast (bmd_atmo_eval's numbers). */
static double height_rhs(const flight *fl, const double r[3])
{
    return fl->fast_rhs ? bmd__geo_height_fast(fl->e, &fl->hk, r) : bmd_geo_height(fl->e, r);
}

static void atmo_rhs(const flight *fl, double h, unsigned want, bmd_atmo_point *ap)
{
    if (!fl->atm_fast)
        (void)bmd_atmo_eval(fl->atm, h, ap);
    else if (fl->fast_rhs)
        (void)bmd__atmo_direct(fl->atm, h, want, ap);
    else
        (void)bmd__atmo_fast(fl->atm, h, want, ap);
}

/*
 * r'' = g(r) + (T + D)/m - 2 w x v - w x (w x r), w = (0, 0, omega), in
 * ECEF with v Earth-relative. One geodetic conversion and one atmosphere
 * evaluation, skipped in vacuum; one gravity evaluation.
 */
static void eom(flight *fl, double t, const double y[BMD__NY], double dy[BMD__NY], aux *ax)
{
    const seg *sg = fl->cur;
    const double *r = y, *v = y + 3;
    double lat = 0.0, lon = 0.0, h = BMD_TRAJ_ATMO_TOP_M, h_out = 0.0, rho = 0.0, p = 0.0;
    double asnd = 0.0;
    /* The physics takes the same height whether or not a sample is being
     * recorded, so results never depend on the recording options. */
    fl->memo = 0;
    if (fl->atm != NULL && r[0] * r[0] + r[1] * r[1] + r[2] * r[2] < fl->top2_m2) {
        h = height_rhs(fl, r);
        fl->memo = 1;
    }
    if (ax != NULL) bmd_geo_from_ecef(fl->e, r, &lat, &lon, &h_out);
    if (fl->atm != NULL && h < BMD_TRAJ_ATMO_TOP_M) {
        bmd_atmo_point ap;
        /* below -5 km: clamped, fine */
        if (fl->atm_fast) {
            unsigned w = sg->want | (ax != NULL ? BMD__ATMO_A : 0u);
            atmo_rhs(fl, h, w, &ap);
            rho = ap.rho_kgpm3;
            if (w & BMD__ATMO_P) p = ap.p_pa;
            if (w & BMD__ATMO_A) asnd = ap.a_mps;
        } else {
            (void)bmd_atmo_eval(fl->atm, h, &ap);
            rho = ap.rho_kgpm3;
            p = ap.p_pa;
            asnd = ap.a_mps;
        }
    }
    double m = bmd_traj_thrust_mass(&sg->th, t);
    double speed = bmd_v3_norm(v), mach = asnd > 0.0 ? speed / asnd : 0.0;
    if (fl->memo) {
        memcpy(fl->memo_y, y, sizeof fl->memo_y);
        fl->memo_h = h;
        fl->memo_mach = mach;
        if (asnd > 0.0) fl->memo = 2;
    }
    double f[3] = {0.0, 0.0, 0.0}, drag = 0.0;
    if (sg->th.f_vac_n > 0.0) {
        double u[3];
        thrust_dir(fl, sg, t, v, speed, u);
        bmd_v3_scale(f, bmd_traj_thrust_n(&sg->th, p) / m, u);
    }
    if (rho > 0.0 && speed > 0.0 && fl->fast_rhs) {
        double k = drag_per_speed(fl, sg, rho, speed, mach, m);
        drag = k * speed;
        bmd_v3_axpy(f, f, -k, v);
    } else if (rho > 0.0 && speed > 0.0) {
        drag = bmd_traj_drag_mps2(&sg->th, fl->cd, rho, speed, mach, m);
        bmd_v3_axpy(f, f, -drag / speed, v);
    }
    bmd_traj_eom_ecef(fl->e, fl->gravity, y, f, dy);
    fl->n_rhs++;
    if (ax != NULL) {
        ax->lat_rad = lat;
        ax->lon_rad = lon;
        ax->h_m = h_out;
        ax->mach = mach;
        ax->accel_ng_mps2 = bmd_v3_norm(f);
        ax->mass_kg = m;
        ax->drag_mps2 = drag;
    }
}

static int rhs(void *ctx, double t, const double y[BMD__NY], double dydt[BMD__NY])
{
    eom(ctx, t, y, dydt, NULL);
    return 0;
}

/* ---- geometry helpers ----------------------------------------------------------- */

/* Ellipsoidal height and its rate (the velocity along the ellipsoid normal);
 * with fast, height and normal of Bowring's single step
 * (bmd__geo_height_normal_fast: the height within nm, the normal within
 * 1e-9 of the exact one below 1000 km, so the rate within 1e-5 m/s). */
static void height_rate(const bmd_earth *e, int fast, const double y[BMD__NY], double *h_m,
                        double *hdot_mps, double *lat_rad, double *lon_rad)
{
    double n[3];
    if (fast && lat_rad == NULL && lon_rad == NULL) {
        *h_m = bmd__geo_height_normal_fast(e, y, n);
    } else {
        double lat, lon;
        bmd_geo_from_ecef(e, y, &lat, &lon, h_m);
        double cl = cos(lat);
        n[0] = cl * cos(lon);
        n[1] = cl * sin(lon);
        n[2] = sin(lat);
        if (lat_rad) *lat_rad = lat;
        if (lon_rad) *lon_rad = lon;
    }
    *hdot_mps = bmd_v3_dot(n, y + 3);
}

/* Ellipsoidal height alone (bmd_geo_from_ecef's, without its arc tangents). */
static double height_of(const bmd_earth *e, const double y[BMD__NY])
{
    double h;
    bmd_geo_from_ecef(e, y, NULL, NULL, &h);
    return h;
}

static double gamma_of(double hdot, double speed)
{
    if (!(speed > 0.0)) return 0.0;
    double s = hdot / speed;
    return asin(s > 1.0 ? 1.0 : (s < -1.0 ? -1.0 : s));
}

/* ---- flight recording -------------------------------------------------------------- */

typedef struct run {
    flight *fl;
    bmd_traj_summary *out;
    bmd__dense d, dprev;
    long k_sample; /* index of the next periodic sample */
    /* max-deceleration tracking over free flight: last step ends */
    int md_n;
    double md_t[2], md_a[2];
    double md_y[BMD__NY]; /* state at the largest deceleration so far */
} run;

static void add_event(bmd_traj_summary *out, int kind, int stage, double t, const double y[6],
                      double h)
{
    if (out->n_events >= BMD_TRAJ_MAX_EVENTS) {
        out->events_truncated = 1;
        return;
    }
    /* keep time order (the max-deceleration event is found after the fact) */
    int i = out->n_events++;
    while (i > 0 && out->events[i - 1].t_s > t) {
        out->events[i] = out->events[i - 1];
        i--;
    }
    bmd_traj_event *ev = &out->events[i];
    ev->kind = kind;
    ev->stage = stage;
    ev->t_s = t;
    ev->alt_m = h;
    ev->speed_mps = bmd_v3_norm(y + 3);
    bmd_v3_copy(ev->r_ecef_m, y);
    bmd_v3_copy(ev->v_ecef_mps, y + 3);
}

static int emit_sample(run *rn, double t, const double y[BMD__NY], int event)
{
    const bmd_traj_config *cfg = rn->fl->cfg;
    if (cfg->sample == NULL) return BMD_OK;
    bmd_traj_sample s;
    if (cfg->sample_state_only) {
        memset(&s, 0, sizeof s);
        s.t_s = t;
        bmd_v3_copy(s.r_ecef_m, y);
        bmd_v3_copy(s.v_ecef_mps, y + 3);
        s.stage = rn->fl->cur->stage;
        s.event = event;
        return cfg->sample(cfg->sample_ctx, &s) != 0 ? BMD_EINTR : BMD_OK;
    }
    double dy[BMD__NY], hdot;
    aux ax;
    eom(rn->fl, t, y, dy, &ax);
    rn->fl->n_rhs--; /* not part of the integration cost */
    height_rate(rn->fl->e, 0, y, &s.alt_m, &hdot, &s.lat_rad, &s.lon_rad);
    s.t_s = t;
    bmd_v3_copy(s.r_ecef_m, y);
    bmd_v3_copy(s.v_ecef_mps, y + 3);
    s.speed_mps = bmd_v3_norm(y + 3);
    s.gamma_rad = gamma_of(hdot, s.speed_mps);
    s.mach = ax.mach;
    s.accel_mps2 = ax.accel_ng_mps2;
    s.mass_kg = ax.mass_kg;
    s.stage = rn->fl->cur->stage;
    s.event = event;
    return cfg->sample(cfg->sample_ctx, &s) != 0 ? BMD_EINTR : BMD_OK;
}

static int record_event(run *rn, int kind, int stage, double t, const double y[BMD__NY])
{
    add_event(rn->out, kind, stage, t, y, height_of(rn->fl->e, y));
    return emit_sample(rn, t, y, kind);
}

/* Periodic samples at k dt (k >= 1) up to and including t_end. */
static int samples_until(run *rn, double t_end, const bmd__dense *d)
{
    const bmd_traj_config *cfg = rn->fl->cfg;
    if (cfg->sample == NULL || !(cfg->sample_dt_s > 0.0)) return BMD_OK;
    for (;;) {
        double ts = (double)rn->k_sample * cfg->sample_dt_s;
        if (ts > t_end) return BMD_OK;
        double y[BMD__NY];
        bmd__dense_eval(d, ts, y);
        int s = emit_sample(rn, ts, y, BMD_TRAJ_EV_NONE);
        if (s != BMD_OK) return s;
        rn->k_sample++;
    }
}

/* ---- event location on the dense output ----------------------------------------------- */

typedef struct gctx {
    const bmd_earth *e;
    int fast; /* height_rate's fast */
    const bmd__dense *d;
    int rate;     /* 1: g = dh/dt, 0: g = h - level */
    double level; /* m */
} gctx;

static int g_fn(void *ctx, double t, double *g)
{
    const gctx *c = ctx;
    double y[BMD__NY], h, hdot;
    bmd__dense_eval(c->d, t, y);
    if (c->rate) {
        height_rate(c->e, c->fast, y, &h, &hdot, NULL, NULL);
        *g = hdot;
    } else {
        *g = height_of(c->e, y) - c->level;
    }
    return 0;
}

typedef struct found {
    double t_s;
    int kind;
} found;

#define MAX_FOUND (2 * BMD_TRAJ_MAX_ALT_EVENTS + 4)

/* Roots of h - level over [ta, tb] where h is monotone: ga, gb = h - level.
 * An upward crossing is skipped if kind_up < 0. */
static void find_level(const gctx *base, double level, double ta, double tb, double ha, double hb,
                       int kind_up, int kind_down, found *fd, int *nf)
{
    double ga = ha - level, gb = hb - level;
    int up = ga < 0.0 && gb >= 0.0, down = ga > 0.0 && gb <= 0.0;
    if (!(up || down) || *nf >= MAX_FOUND) return;
    if (up && kind_up < 0) return;
    gctx c = *base;
    c.rate = 0;
    c.level = level;
    double t;
    (void)bmd_root_brent(g_fn, &c, ta, tb, ga, gb, EVENT_XTOL_S, 0.0, 100, &t, NULL);
    fd[*nf].t_s = t;
    fd[*nf].kind = up ? kind_up : kind_down;
    (*nf)++;
}

static void sort_found(found *fd, int nf)
{
    for (int i = 1; i < nf; i++)
        for (int j = i; j > 0 && fd[j - 1].t_s > fd[j].t_s; j--) {
            found tmp = fd[j];
            fd[j] = fd[j - 1];
            fd[j - 1] = tmp;
        }
}

/*
 * The events inside the accepted step (t0, t1]: apogee where dh/dt turns
 * negative; then, on each side of it (h monotone there), the altitude
 * crossings and the impact. Returns the number found, sorted by time.
 */
static int step_events(run *rn, double t0, double t1, double h0, double hd0, double h1, double hd1,
                       found *fd)
{
    const bmd_traj_config *cfg = rn->fl->cfg;
    gctx c = {rn->fl->e, rn->fl->fast_events, &rn->d, 1, 0.0};
    int nf = 0;
    double ts[3] = {t0, t1, t1}, hs[3] = {h0, h1, h1};
    int nseg = 1;
    if (hd0 > 0.0 && hd1 <= 0.0) {
        double ta, y[BMD__NY];
        (void)bmd_root_brent(g_fn, &c, t0, t1, hd0, hd1, EVENT_XTOL_S, 0.0, 100, &ta, NULL);
        bmd__dense_eval(&rn->d, ta, y);
        hs[1] = height_of(rn->fl->e, y);
        ts[1] = ta;
        nseg = 2;
        fd[nf].t_s = ta;
        fd[nf++].kind = BMD_TRAJ_EV_APOGEE;
    }
    for (int k = 0; k < nseg; k++) {
        double ta = ts[k], tb = ts[k + 1], ha = hs[k], hb = hs[k + 1];
        for (int j = 0; j < cfg->n_alt_events; j++)
            find_level(&c, cfg->alt_event_m[j], ta, tb, ha, hb, BMD_TRAJ_EV_ALT_UP,
                       BMD_TRAJ_EV_ALT_DOWN, fd, &nf);
        /* upward impact-level crossings are no event (kind -1: not located) */
        find_level(&c, cfg->impact_alt_m, ta, tb, ha, hb, -1, BMD_TRAJ_EV_IMPACT, fd, &nf);
    }
    sort_found(fd, nf);
    return nf;
}

/* ---- kinks of the right-hand side ------------------------------------------------------
 * The atmosphere's density and speed of sound have a jump in their first
 * derivative at the US76 layer bases, and Cd(Mach) at the points of the drag
 * table. A step across such a kink has a local error of low order, which the
 * error estimate of the step sees late and the controller answers with runs
 * of rejections. So each step that crosses one is cut to end on it (located
 * on the step's dense output), and the next step starts on the other side:
 * the integrator never steps across a kink, as at phase boundaries. */

/* Whether the phase's drag depends on the Mach number (the drag table). */
static int mach_kinks(const flight *fl, const seg *sg)
{
    return fl->atm != NULL && sg->th.inv_beta == 0.0 && sg->th.area_m2 > 0.0 && fl->nmk > 0;
}

static int count_below(const double *x, int n, double v)
{
    int k = 0;
    while (k < n && x[k] <= v)
        k++;
    return k;
}

static double mach_of(const flight *fl, const double y[BMD__NY], double h)
{
    bmd_atmo_point ap;
    /* above 1000 km: a at 1000 K, fine; the speed of sound alone, the
     * right-hand side's */
    atmo_rhs(fl, h, BMD__ATMO_A | BMD__ATMO_NO_RHO, &ap);
    return bmd_v3_norm(y + 3) / ap.a_mps;
}

/* The values of the kink functions at a state: height and Mach number,
 * NAN where not computed. */
typedef struct kval {
    double g[2];
} kval;

/* The kink region of y: reg[0] the number of kink altitudes at or below y,
 * reg[1] the number of drag-table Mach numbers at or below y's (0 in
 * phases without Cd(Mach) drag); the values it took in *kv. */
static void region_of(const flight *fl, const double y[BMD__NY], int reg[2], kval *kv)
{
    reg[0] = reg[1] = 0;
    kv->g[0] = kv->g[1] = NAN;
    if (fl->nkz == 0) return;
    int mk = mach_kinks(fl, fl->cur);
    if (!mk && !bmd_geo_maybe_below(fl->e, y, fl->kz[fl->nkz - 1])) {
        reg[0] = fl->nkz;
        return;
    }
    /* the height and Mach number the last evaluation of the equations of
     * motion computed, if it was at y (the same numbers) */
    int memo = fl->memo;
    for (int i = 0; i < BMD__NY && memo; i++)
        if (fl->memo_y[i] != y[i]) memo = 0;
    double h = memo ? fl->memo_h : height_rhs(fl, y);
    kv->g[0] = h;
    reg[0] = count_below(fl->kz, fl->nkz, h);
    if (mk) {
        kv->g[1] = memo == 2 ? fl->memo_mach : mach_of(fl, y, h);
        reg[1] = count_below(fl->mk, fl->nmk, kv->g[1]);
    }
}

/* The kink function c (0 height, 1 Mach number) at y, from *kv if there. */
static double kink_value(const flight *fl, const double y[BMD__NY], const kval *kv, int c)
{
    if (!isnan(kv->g[c])) return kv->g[c];
    double h = isnan(kv->g[0]) ? height_rhs(fl, y) : kv->g[0];
    return c ? mach_of(fl, y, h) : h;
}

typedef struct kctx {
    const flight *fl;
    const bmd__dense *d;
    int mach;     /* 1: g = Mach - level, 0: g = height - level */
    double level; /* m or Mach */
} kctx;

static int kink_g(void *ctx, double t, double *g)
{
    const kctx *c = ctx;
    double y[BMD__NY];
    bmd__dense_eval(c->d, t, y);
    double h = height_rhs(c->fl, y);
    *g = (c->mach ? mach_of(c->fl, y, h) : h) - c->level;
    return 0;
}

/*
 * The first kink crossed by the trial step (t0, y0) -> (t1, y1) with dense
 * output d, whose regions are reg0 and reg1 (reg0 != reg1): its time, and in
 * *comp and *to which region component changes there, and to what. Returns
 * 0 if no crossing was located strictly inside the step.
 */
static int first_kink(const flight *fl, const bmd__dense *d, double t0, const double y0[BMD__NY],
                      double t1, const double y1[BMD__NY], const int reg0[2], const int reg1[2],
                      const kval *kv0, const kval *kv1, double xtol, double *t_kink, int *comp,
                      int *to)
{
    int found_one = 0;
    for (int c = 0; c < 2; c++) {
        if (reg1[c] == reg0[c]) continue;
        const double *x = c == 0 ? fl->kz : fl->mk;
        int up = reg1[c] > reg0[c];
        kctx k = {fl, d, c, x[up ? reg0[c] : reg0[c] - 1]};
        double ga = kink_value(fl, y0, kv0, c) - k.level;
        double gb = kink_value(fl, y1, kv1, c) - k.level, t;
        if (!(ga < 0.0 && gb >= 0.0) && !(ga >= 0.0 && gb < 0.0)) continue;
        (void)bmd_root_illinois(kink_g, &k, t0, t1, ga, gb, xtol, 100, &t);
        if (!(t > t0 + xtol && t < t1)) continue;
        if (!found_one || t < *t_kink) {
            *t_kink = t;
            *comp = c;
            *to = reg0[c] + (up ? 1 : -1);
            found_one = 1;
        }
    }
    return found_one;
}

/* ---- maximum deceleration ------------------------------------------------------------- */

typedef struct dctx {
    flight *fl;
    const bmd__dense *d, *dprev;
} dctx;

static double decel_at(flight *fl, const double y[BMD__NY])
{
    if (fl->atm == NULL || !bmd_geo_maybe_below(fl->e, y, BMD_TRAJ_ATMO_TOP_M)) return 0.0;
    double h = height_rhs(fl, y);
    if (h >= BMD_TRAJ_ATMO_TOP_M) return 0.0;
    bmd_atmo_point ap;
    atmo_rhs(fl, h, 0u, &ap); /* the density */
    double v2 = bmd_v3_dot(y + 3, y + 3);
    return 0.5 * ap.rho_kgpm3 * v2 * fl->cur->th.inv_beta;
}

static int neg_decel_fn(void *ctx, double t, double *f)
{
    const dctx *c = ctx;
    double y[BMD__NY];
    bmd__dense_eval(t < c->d->t0_s ? c->dprev : c->d, t, y);
    *f = -decel_at(c->fl, y);
    return 0;
}

static void set_max_decel(run *rn, double t, const double y[BMD__NY], double a)
{
    bmd_traj_summary *out = rn->out;
    if (!(a > out->max_decel_mps2)) return;
    double h;
    bmd_geo_from_ecef(rn->fl->e, y, NULL, NULL, &h);
    out->max_decel_mps2 = a;
    out->max_decel_time_s = t;
    out->max_decel_alt_m = h;
    out->max_decel_speed_mps = bmd_v3_norm(y + 3);
    memcpy(rn->md_y, y, sizeof rn->md_y);
}

/* Called with the deceleration a1 at the end t1 of each accepted free-flight
 * step: a local maximum at the previous step end is refined by a
 * golden-section search over the two steps around it. */
static void track_decel(run *rn, double t1, double a1)
{
    if (rn->md_n >= 2 && rn->md_a[1] >= rn->md_a[0] && rn->md_a[1] > a1 &&
        rn->md_a[1] > rn->out->max_decel_mps2) {
        dctx c = {rn->fl, &rn->d, &rn->dprev};
        double t, f, y[BMD__NY];
        (void)bmd_min_brent(neg_decel_fn, &c, rn->md_t[0], t1, DECEL_XTOL_S, 100, &t, &f);
        bmd__dense_eval(t < rn->d.t0_s ? &rn->dprev : &rn->d, t, y);
        set_max_decel(rn, t, y, -f);
    }
    rn->md_t[0] = rn->md_t[1];
    rn->md_a[0] = rn->md_a[1];
    rn->md_t[1] = t1;
    rn->md_a[1] = a1;
    if (rn->md_n < 2) rn->md_n++;
}

/* ---- the integration loop ---------------------------------------------------------------- */

/* Initial step (Hairer, Norsett & Wanner 1993, sec. II.4, "starting step
 * size"). */
static double initial_step(const bmd_traj_integrator *ig, flight *fl, double t,
                           const double y[BMD__NY], const double f0[BMD__NY])
{
    double d0 = bmd_traj_err_norm(ig, y, y, y), d1 = bmd_traj_err_norm(ig, y, y, f0);
    double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1, y1[BMD__NY], f1[BMD__NY];
    /* The explicit Euler probe must stay near the trajectory (a probe far
     * below ground sees an overflowing density): at most 1 s. */
    h0 = fmin(h0, 1.0);
    for (int i = 0; i < BMD__NY; i++)
        y1[i] = y[i] + h0 * f0[i];
    eom(fl, t + h0, y1, f1, NULL);
    double df[BMD__NY];
    for (int i = 0; i < BMD__NY; i++)
        df[i] = f1[i] - f0[i];
    double d2 = bmd_traj_err_norm(ig, y, y, df) / h0, dm = fmax(d1, d2);
    double h1 = dm <= 1e-15 ? fmax(1e-6, h0 * 1e-3) : pow(0.01 / dm, ig->type->err_exponent);
    if (!isfinite(h1)) h1 = 1e-3 * h0;
    return fmin(100.0 * h0, h1);
}

static void summary_at_impact(run *rn, double t, const double y[BMD__NY])
{
    bmd_traj_summary *out = rn->out;
    double h, hdot, lat, lon;
    height_rate(rn->fl->e, 0, y, &h, &hdot, &lat, &lon);
    out->impacted = 1;
    out->flight_time_s = t;
    out->impact_lat_rad = lat;
    out->impact_lon_rad = lon;
    out->impact_speed_mps = bmd_v3_norm(y + 3);
    out->impact_gamma_rad = gamma_of(hdot, out->impact_speed_mps);
    bmd_v3_copy(out->impact_r_ecef_m, y);
    bmd_v3_copy(out->impact_v_ecef_mps, y + 3);
    bmd_geo_inverse(rn->fl->e, out->launch_lat_rad, out->launch_lon_rad, lat, lon, &out->range_m,
                    NULL, NULL);
}

static void summary_at_burnout(run *rn, double t, const double y[BMD__NY])
{
    bmd_traj_summary *out = rn->out;
    double h, hdot;
    height_rate(rn->fl->e, 0, y, &h, &hdot, NULL, NULL);
    out->burnout_time_s = t;
    out->burnout_alt_m = h;
    out->burnout_speed_mps = bmd_v3_norm(y + 3);
    out->burnout_gamma_rad = gamma_of(hdot, out->burnout_speed_mps);
    /* the vehicle's mass at the end of powered flight, before separation */
    const seg *sg = rn->fl->cur;
    out->burnout_mass_kg = sg > rn->fl->seg ? bmd_traj_thrust_mass(&sg[-1].th, t) : sg->th.m0_kg;
    bmd_v3_copy(out->burnout_r_ecef_m, y);
    bmd_v3_copy(out->burnout_v_ecef_mps, y + 3);
    out->cutoff_s = t;
}

/* Emit the scheduled events at the start of the current phase. */
static int sched_events_at(run *rn, int *isched, double t, const double y[BMD__NY])
{
    flight *fl = rn->fl;
    while (*isched < fl->nsched && fl->sched[*isched].t_s <= t) {
        const sched_ev *ev = &fl->sched[(*isched)++];
        int s = record_event(rn, ev->kind, ev->stage, t, y);
        if (s != BMD_OK) return s;
    }
    return BMD_OK;
}

/* Process one accepted step: events, samples, max deceleration. Returns 1
 * on impact (state and time in y, *t_imp), 0 to go on, < 0 on error. */
static int after_step(run *rn, double t0, double t1, double *ev0, double *ev1,
                      const double y1[BMD__NY], double *t_imp, double y_imp[BMD__NY])
{
    found fd[MAX_FOUND];
    int nf = step_events(rn, t0, t1, ev0[0], ev0[1], ev1[0], ev1[1], fd), s;
    for (int i = 0; i < nf; i++) {
        double y[BMD__NY];
        if ((s = samples_until(rn, fd[i].t_s, &rn->d)) != BMD_OK) return s;
        bmd__dense_eval(&rn->d, fd[i].t_s, y);
        if ((s = record_event(rn, fd[i].kind, rn->fl->cur->stage, fd[i].t_s, y)) != BMD_OK)
            return s;
        double h = height_of(rn->fl->e, y);
        if (fd[i].kind == BMD_TRAJ_EV_APOGEE && h > rn->out->apogee_alt_m) {
            rn->out->apogee_alt_m = h;
            rn->out->apogee_time_s = fd[i].t_s;
        }
        if (fd[i].kind == BMD_TRAJ_EV_IMPACT) {
            *t_imp = fd[i].t_s;
            memcpy(y_imp, y, sizeof y);
            return 1;
        }
    }
    if ((s = samples_until(rn, t1, &rn->d)) != BMD_OK) return s;
    if (rn->fl->cur->free_flight && rn->fl->cur->th.inv_beta > 0.0 && rn->fl->atm != NULL)
        track_decel(rn, t1, decel_at(rn->fl, y1));
    return 0;
}

/* Finish at impact: the deceleration at impact may be the largest. */
static void finish_impact(run *rn, double t, const double y[BMD__NY])
{
    if (rn->fl->cur->free_flight && rn->fl->cur->th.inv_beta > 0.0 && rn->fl->atm != NULL)
        set_max_decel(rn, t, y, decel_at(rn->fl, y));
    summary_at_impact(rn, t, y);
    if (rn->out->max_decel_mps2 > 0.0)
        add_event(rn->out, BMD_TRAJ_EV_MAX_DECEL, 0, rn->out->max_decel_time_s, rn->md_y,
                  rn->out->max_decel_alt_m);
}

/* Kink stepping's aim (integrate_phase): a step whose end the last step's
 * dense output, extrapolated, puts beyond a kink is cut to end AIM_MARGIN
 * of the way short of the predicted crossing; the crossing, if then within
 * EXT_MAX of the step beyond its end, is reached by extrapolating the step's
 * dense output. A crossing predicted within STRETCH_MAX of the step beyond
 * its end is reached the same way by a step stretched to end AIM_MARGIN
 * short of it, whose own error estimate accepts or rejects it (no stretch
 * right after a rejection, which would repeat it). */
#define AIM_MARGIN 1e-2
#define EXT_MAX 3e-2
#define STRETCH_MAX 0.2
/* the predicted crossing to this fraction of the step (well inside the
 * margin) */
#define AIM_XTOL 1e-3
/* With kink stepping the first step of a flight is this multiple of
 * initial_step's: that is set for the velocity's absolute tolerance at rest
 * and comes out far too short at the analysis tolerances (0.02 s for the
 * Nodong-class fly-out of bench_traj, whose first step of 2 s then has an
 * error norm of 6e-4). */
#define FIRST_FACMAX 100.0

typedef struct stepper_state {
    double t, h, y[BMD__NY], f[BMD__NY], ev[2];
    int reg[2]; /* kink region of y (region_of) */
    kval kv;    /* and the kink functions' values there */
} stepper_state;

/* Integrate over the current phase up to its end (or impact). Returns 1 on
 * impact, 0 at the phase end, < 0 on error. */
static int integrate_phase(run *rn, const bmd_traj_integrator *ig, stepper_state *st, double *t_imp,
                           double y_imp[BMD__NY], bmd_errbuf *err)
{
    flight *fl = rn->fl;
    const seg *sg = fl->cur;
    bmd_traj_summary *out = rn->out;
    /* the tolerances of this phase: the final ballistic phase at rtol times
     * rtol_free_scale */
    bmd_traj_integrator igp = *ig;
    if (sg->free_flight && ig->rtol_free_scale > 0.0) igp.rtol *= ig->rtol_free_scale;
    double facmax = 5.0;
    /* landing on a kink: the step to it, the step that crossed it, and the
     * region component that changes there and its new value */
    double h_land = 0.0, h_cross = 0.0;
    int land_comp = 0, land_to = 0;
    int kinks = ig->kinks && fl->nkz > 0;
    /* rn->dprev is the last accepted step of this phase, ending at st->t */
    int prev_ok = 0;
    region_of(fl, st->y, st->reg, &st->kv);
    while (st->t < sg->t1_s) {
        if (out->n_steps + out->n_rejected >= ig->max_steps)
            return bmd_err_set(err, BMD_ELIMIT, "traj: step limit %ld reached at t = %.3f s",
                               ig->max_steps, st->t);
        double h = fmin(st->h, ig->h_max_s), rest = sg->t1_s - st->t;
        int last = h >= rest * (1.0 - 1e-12), landing = h_land > 0.0, aimed = 0;
        if (last) h = rest;
        if (landing) {
            h = h_land;
            last = 0;
            h_land = 0.0;
        }
        double h_want = h;
        if (kinks && !landing && prev_ok) {
            /* aim the step just short of the next kink crossing predicted
             * by the last step's dense output, to reach it by extrapolation
             * below instead of discarding a trial step that crosses it; a
             * crossing just beyond the step's end: stretch the step to it
             * rather than take a sliver of a step after this one */
            double ye[BMD__NY], tk,
                hs = last || facmax <= 1.0 ? h : fmin(h * (1.0 + STRETCH_MAX), rest);
            int rege[2], comp, to;
            kval kve;
            bmd__dense_eval(&rn->dprev, st->t + hs, ye);
            region_of(fl, ye, rege, &kve);
            if ((rege[0] != st->reg[0] || rege[1] != st->reg[1]) &&
                first_kink(fl, &rn->dprev, st->t, st->y, st->t + hs, ye, st->reg, rege, &st->kv,
                           &kve, AIM_XTOL * h, &tk, &comp, &to)) {
                h = (tk - st->t) * (1.0 - AIM_MARGIN);
                last = 0;
                aimed = 1;
            }
        }
        double y1[BMD__NY], f1[BMD__NY], ye[BMD__NY];
        ig->type->step(ig->work, rhs, fl, st->t, h, st->y, st->f, y1, f1, ye, &rn->d);
        double en = bmd_traj_err_norm(&igp, st->y, y1, ye);
        int reg1[2] = {st->reg[0], st->reg[1]};
        kval kv1 = {{NAN, NAN}};
        if (!landing && kinks) {
            double tk;
            region_of(fl, y1, reg1, &kv1);
            if ((reg1[0] != st->reg[0] || reg1[1] != st->reg[1]) &&
                first_kink(fl, &rn->d, st->t, st->y, st->t + h, y1, st->reg, reg1, &st->kv, &kv1,
                           EVENT_XTOL_S, &tk, &land_comp, &land_to)) {
                out->n_rejected++; /* a trial step, discarded */
                h_land = tk - st->t;
                h_cross = h_want;
                if (en > 1.0) /* too long anyway: the controller's answer */
                    h_cross = h * fmax(0.2, 0.9 * pow(en, -ig->type->err_exponent));
                continue;
            }
        }
        if (!(en <= 1.0)) {
            out->n_rejected++;
            double fac = isfinite(en) ? fmax(0.2, 0.9 * pow(en, -ig->type->err_exponent)) : 0.2;
            st->h = h * fac;
            facmax = 1.0;
            if (!(st->h > 1e-12 * fmax(1.0, fabs(st->t))))
                return bmd_err_set(err, BMD_ENOCONV, "traj: step size underflow at t = %.6f s",
                                   st->t);
            continue;
        }
        out->n_steps++;
        double t1 = last ? sg->t1_s : st->t + h, ev1[2];
        int landed = 0;
        if (aimed) {
            /* the kink just beyond the step's end, on its dense output: if
             * within EXT_MAX of the step, the state there by extrapolating
             * it (the polynomial matches y1 and f1 at t1, so its error over
             * the extension e is that of its second derivative times e^2 / 2:
             * at most 4.5e-4 of the step's second-order term) and one
             * evaluation of f; the step then ends on the kink */
            double dt = fmin(EXT_MAX * h, sg->t1_s - t1), yx[BMD__NY], tk;
            int regx[2], comp, to;
            kval kvx;
            if (dt > 0.0) {
                bmd__dense_eval(&rn->d, t1 + dt, yx);
                region_of(fl, yx, regx, &kvx);
                if ((regx[0] != reg1[0] || regx[1] != reg1[1]) &&
                    first_kink(fl, &rn->d, t1, y1, t1 + dt, yx, reg1, regx, &kv1, &kvx,
                               EVENT_XTOL_S, &tk, &comp, &to)) {
                    bmd__dense_eval(&rn->d, tk, y1);
                    rhs(fl, tk, y1, f1);
                    t1 = tk;
                    reg1[comp] = to;
                    kv1.g[0] = kv1.g[1] = NAN;
                    landed = 1;
                }
            }
        }
        height_rate(fl->e, fl->fast_events, y1, &ev1[0], &ev1[1], NULL, NULL);
        int s = after_step(rn, st->t, t1, st->ev, ev1, y1, t_imp, y_imp);
        if (s != 0) return s;
        rn->dprev = rn->d;
        prev_ok = 1;
        st->t = t1;
        memcpy(st->y, y1, sizeof y1);
        memcpy(st->f, f1, sizeof f1);
        st->ev[0] = ev1[0];
        st->ev[1] = ev1[1];
        double fac = en > 0.0 ? 0.9 * pow(en, -ig->type->err_exponent) : facmax;
        st->h = h * fmin(facmax, fmax(0.2, fac));
        facmax = 5.0;
        if (landing) {
            /* on the kink: its new region, and the step size that crossed
             * it, which was set for the smooth flow on both sides */
            reg1[land_comp] = land_to;
            st->h = fmax(st->h, h_cross);
        }
        if (landed) /* the size before the cut, if this step's error allows it */
            st->h = fmax(st->h, fmin(h_want, en > 0.0 ? h * 0.9 * pow(en, -ig->type->err_exponent)
                                                      : h_want));
        st->reg[0] = reg1[0];
        st->reg[1] = reg1[1];
        st->kv = kv1;
    }
    return 0;
}

static int run_flight(flight *fl, const double y0[BMD__NY], bmd_traj_summary *out, bmd_errbuf *err)
{
    const bmd_traj_config *cfg = fl->cfg;
    bmd_traj_integrator local, *ig = cfg->integ;
    if (ig == NULL) {
        (void)bmd_traj_integrator_init(&local, bmd_traj_dopri5, NULL); /* cannot fail */
        ig = &local;
    } else if (ig->type == NULL) {
        return bmd_err_set(err, BMD_EINVAL, "traj: integrator not initialised");
    }
    run rn;
    memset(&rn, 0, sizeof rn);
    rn.fl = fl;
    rn.out = out;
    rn.k_sample = 1;
    fl->fast_events = ig->kinks;
    fl->fast_rhs = ig->kinks;
    bmd__geo_hconst_init(fl->e, &fl->hk);
    stepper_state st;
    st.t = 0.0;
    memcpy(st.y, y0, sizeof st.y);
    fl->cur = &fl->seg[0];
    height_rate(fl->e, fl->fast_events, st.y, &st.ev[0], &st.ev[1], NULL, NULL);
    out->apogee_alt_m = st.ev[0];
    out->apogee_time_s = 0.0;
    int isched = 0, s = BMD_OK;
    double t_imp = 0.0, y_imp[BMD__NY];
    for (int k = 0; k < fl->nseg; k++) {
        fl->cur = &fl->seg[k];
        eom(fl, st.t, st.y, st.f, NULL);
        if (k == 0)
            st.h = initial_step(ig, fl, st.t, st.y, st.f) * (ig->kinks ? FIRST_FACMAX : 1.0);
        if ((s = sched_events_at(&rn, &isched, st.t, st.y)) != BMD_OK) goto done;
        if (fl->cur->free_flight) {
            summary_at_burnout(&rn, st.t, st.y);
            if (fl->atm != NULL && fl->cur->th.inv_beta > 0.0)
                track_decel(&rn, st.t, decel_at(fl, st.y));
        }
        s = integrate_phase(&rn, ig, &st, &t_imp, y_imp, err);
        if (s == 1) {
            finish_impact(&rn, t_imp, y_imp);
            s = BMD_OK;
            goto done;
        }
        if (s < 0) goto done;
    }
    s = bmd_err_set(err, BMD_ELIMIT, "traj: no impact within t_max_s = %.0f s", cfg->t_max_s);
done:
    out->n_rhs = fl->n_rhs;
    if (s == BMD_EINTR) bmd_err_set(err, s, "traj: stopped by the sample callback");
    if (ig == &local) bmd_traj_integrator_free(&local);
    return s;
}

/* ---- set-up ------------------------------------------------------------------------------ */

void bmd_traj_config_init(bmd_traj_config *cfg, const bmd_earth *earth, const bmd_atmo *atmo)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->earth = earth;
    cfg->atmo = atmo;
    cfg->t_max_s = BMD_TRAJ_T_MAX_S;
}

void bmd_traj_launch_init(bmd_traj_launch *l, double lat_rad, double lon_rad, double alt_m,
                          double azimuth_rad)
{
    memset(l, 0, sizeof *l);
    l->lat_rad = lat_rad;
    l->lon_rad = lon_rad;
    l->alt_m = alt_m;
    l->azimuth_rad = azimuth_rad;
    l->kick_duration_s = BMD_TRAJ_KICK_DURATION_S;
}

static int check_config(const bmd_traj_config *cfg, bmd_errbuf *err)
{
    if (cfg == NULL || cfg->earth == NULL)
        return bmd_err_set(err, BMD_EINVAL, "traj: NULL configuration or Earth model");
    if (cfg->n_alt_events < 0 || cfg->n_alt_events > BMD_TRAJ_MAX_ALT_EVENTS)
        return bmd_err_set(err, BMD_EINVAL, "traj: n_alt_events %d outside 0..%d",
                           cfg->n_alt_events, BMD_TRAJ_MAX_ALT_EVENTS);
    if (!(cfg->t_max_s > 0.0) || !isfinite(cfg->impact_alt_m) || cfg->sample_dt_s < 0.0)
        return bmd_err_set(err, BMD_EINVAL,
                           "traj: t_max_s must be > 0, impact_alt_m finite, sample_dt_s >= 0");
    return BMD_OK;
}

/* The drag table, and its kinks: the table's Mach numbers where the slope
 * of Cd(Mach) changes (Cd is clamped outside the table, so slope 0 there);
 * a point on a straight line through its neighbours (the default table's
 * Mach 1.5) is no kink and costs kink stepping no step. */
static void set_cd(flight *fl, const bmd_cd_table *cd)
{
    fl->cd = cd;
    fl->nmk = 0;
    for (int i = 0; i < cd->n; i++) {
        double sl = i > 0 ? (cd->cd[i] - cd->cd[i - 1]) / (cd->mach[i] - cd->mach[i - 1]) : 0.0;
        double sr =
            i + 1 < cd->n ? (cd->cd[i + 1] - cd->cd[i]) / (cd->mach[i + 1] - cd->mach[i]) : 0.0;
        if (!(fabs(sr - sl) <= 1e-9 * fmax(fabs(sl), fabs(sr)))) fl->mk[fl->nmk++] = cd->mach[i];
    }
}

static void flight_init(flight *fl, const bmd_traj_config *cfg)
{
    memset(fl, 0, sizeof *fl);
    fl->cfg = cfg;
    fl->e = cfg->earth;
    fl->atm = (cfg->atmo != NULL && cfg->atmo->kind != BMD_ATMO_NONE) ? cfg->atmo : NULL;
    fl->gravity = !cfg->gravity_off;
    set_cd(fl, &default_cd);
    fl->atm_fast = bmd__atmo_usable(fl->atm);
    fl->top2_m2 = (fl->e->a_m + BMD_TRAJ_ATMO_TOP_M) * (fl->e->a_m + BMD_TRAJ_ATMO_TOP_M);
    if (fl->atm != NULL) fl->nkz = bmd_atmo_kinks(fl->atm, fl->kz, BMD_ATMO_MAX_KINKS);
}

static void summary_init(bmd_traj_summary *out, double lat, double lon, double alt, double az)
{
    memset(out, 0, sizeof *out);
    out->launch_lat_rad = lat;
    out->launch_lon_rad = lon;
    out->launch_alt_m = alt;
    out->launch_azimuth_rad = az;
}

/* One free-flight phase from t = 0 to t_max. */
static void free_phase(flight *fl, double t0, double t1, double mass, double beta)
{
    seg *sg = &fl->seg[fl->nseg++];
    memset(sg, 0, sizeof *sg);
    sg->t0_s = t0;
    sg->t1_s = t1;
    sg->free_flight = 1;
    sg->th.t0_s = t0;
    sg->th.m0_kg = mass;
    sg->th.inv_beta = beta > 0.0 ? 1.0 / beta : 0.0;
    sg->want = atmo_want(sg);
}

int bmd_traj_fly_state(const bmd_traj_config *cfg, const double r_ecef_m[3],
                       const double v_ecef_mps[3], double mass_kg, double beta_kgpm2,
                       bmd_traj_summary *out, bmd_errbuf *err)
{
    int s = check_config(cfg, err);
    if (s != BMD_OK) return s;
    if (r_ecef_m == NULL || v_ecef_mps == NULL)
        return bmd_err_set(err, BMD_EINVAL, "traj: NULL state");
    double y0[BMD__NY];
    for (int i = 0; i < 3; i++) {
        y0[i] = r_ecef_m[i];
        y0[3 + i] = v_ecef_mps[i];
    }
    for (int i = 0; i < BMD__NY; i++)
        if (!isfinite(y0[i])) return bmd_err_set(err, BMD_EINVAL, "traj: non-finite state");
    double h, hdot, lat, lon;
    height_rate(cfg->earth, 0, y0, &h, &hdot, &lat, &lon);
    if (h <= cfg->impact_alt_m && hdot <= 0.0)
        return bmd_err_set(err, BMD_EDOM,
                           "traj: state at %.1f m, at or below the impact altitude %.1f m, "
                           "heading down",
                           h, cfg->impact_alt_m);
    bmd_traj_summary tmp;
    if (out == NULL) out = &tmp;
    flight fl;
    flight_init(&fl, cfg);
    free_phase(&fl, 0.0, cfg->t_max_s, mass_kg, beta_kgpm2);
    fl.sched[fl.nsched++] = (sched_ev){0.0, BMD_TRAJ_EV_LAUNCH, 0};
    double vn = bmd_v3_norm(v_ecef_mps), az = 0.0;
    if (vn > 0.0) {
        double m[3][3], venu[3];
        bmd_geo_enu_basis(lat, lon, m);
        bmd_m3_mulv(venu, m, v_ecef_mps);
        az = bmd_wrap_2pi(atan2(venu[0], venu[1]));
    }
    summary_init(out, lat, lon, h, az);
    return run_flight(&fl, y0, out, err);
}

int bmd_traj_fly_impulsive(const bmd_traj_config *cfg, const bmd_traj_impulsive *b,
                           bmd_traj_summary *out, bmd_errbuf *err)
{
    int s = check_config(cfg, err);
    if (s != BMD_OK) return s;
    if (b == NULL) return bmd_err_set(err, BMD_EINVAL, "traj: NULL burnout state");
    if (!isfinite(b->lat_rad) || fabs(b->lat_rad) > BMD_PI / 2.0 || !isfinite(b->lon_rad) ||
        !isfinite(b->alt_m) || !(b->speed_mps >= 0.0) || !isfinite(b->speed_mps) ||
        !isfinite(b->gamma_rad) || !isfinite(b->azimuth_rad))
        return bmd_err_set(err, BMD_EINVAL,
                           "traj: invalid burnout state (latitude, longitude, "
                           "altitude, speed >= 0, angles must be finite)");
    double r[3], v[3], m[3][3];
    double venu[3] = {b->speed_mps * cos(b->gamma_rad) * sin(b->azimuth_rad),
                      b->speed_mps * cos(b->gamma_rad) * cos(b->azimuth_rad),
                      b->speed_mps * sin(b->gamma_rad)};
    bmd_geo_to_ecef(cfg->earth, b->lat_rad, b->lon_rad, b->alt_m, r);
    bmd_geo_enu_basis(b->lat_rad, b->lon_rad, m);
    bmd_m3_tmulv(v, m, venu);
    bmd_traj_summary tmp;
    if (out == NULL) out = &tmp;
    s = bmd_traj_fly_state(cfg, r, v, b->mass_kg, b->beta_kgpm2, out, err);
    /* report the given geodetic burnout point exactly */
    out->launch_lat_rad = b->lat_rad;
    out->launch_lon_rad = b->lon_rad;
    out->launch_alt_m = b->alt_m;
    out->launch_azimuth_rad = bmd_wrap_2pi(b->azimuth_rad);
    return s;
}

/* ---- missiles ------------------------------------------------------------------------------ */

double bmd_traj_full_burn_s(const bmd_missile *m)
{
    if (m == NULL || m->n_stages < 1 || m->n_stages > BMD_MAX_STAGES) return 0.0;
    double t = 0.0;
    for (int k = 0; k < m->n_stages; k++)
        t += m->stage[k].burn_time_s + (k + 1 < m->n_stages ? m->stage[k].coast_s : 0.0);
    return t;
}

static int check_stage(const bmd_stage *st, int k, bmd_errbuf *err)
{
    if (!(st->gross_mass_kg > 0.0) || !isfinite(st->gross_mass_kg))
        return bmd_err_set(err, BMD_EINVAL, "stage %d: gross_mass_kg %g must be > 0", k,
                           st->gross_mass_kg);
    if (!(st->prop_mass_kg > 0.0) || !(st->prop_mass_kg < st->gross_mass_kg))
        return bmd_err_set(err, BMD_EINVAL,
                           "stage %d: prop_mass_kg %g must be > 0 and below gross_mass_kg %g", k,
                           st->prop_mass_kg, st->gross_mass_kg);
    if (!(st->isp_vac_s > 0.0) || !isfinite(st->isp_vac_s))
        return bmd_err_set(err, BMD_EINVAL, "stage %d: isp_vac_s %g must be > 0", k, st->isp_vac_s);
    if (!(st->isp_sl_s >= 0.0) || st->isp_sl_s > st->isp_vac_s)
        return bmd_err_set(err, BMD_EINVAL, "stage %d: isp_sl_s %g must be in [0, isp_vac_s = %g]",
                           k, st->isp_sl_s, st->isp_vac_s);
    if (!(st->burn_time_s > 0.0) || !isfinite(st->burn_time_s))
        return bmd_err_set(err, BMD_EINVAL, "stage %d: burn_time_s %g must be > 0", k,
                           st->burn_time_s);
    if (!(st->diameter_m >= 0.0) || !isfinite(st->diameter_m) || !(st->coast_s >= 0.0) ||
        !isfinite(st->coast_s))
        return bmd_err_set(err, BMD_EINVAL, "stage %d: diameter_m and coast_s must be >= 0", k);
    return BMD_OK;
}

static int check_cd(const bmd_cd_table *cd, bmd_errbuf *err)
{
    if (cd->n < 0 || cd->n > BMD_MAX_CD_POINTS)
        return bmd_err_set(err, BMD_EINVAL, "cd: %d points, want 0..%d", cd->n, BMD_MAX_CD_POINTS);
    for (int i = 0; i < cd->n; i++) {
        if (!(cd->cd[i] >= 0.0) || !isfinite(cd->cd[i]) || !isfinite(cd->mach[i]))
            return bmd_err_set(err, BMD_EINVAL, "cd: point %d: Cd %g must be >= 0", i + 1,
                               cd->cd[i]);
        if (i > 0 && !(cd->mach[i] > cd->mach[i - 1]))
            return bmd_err_set(err, BMD_EINVAL, "cd: Mach numbers must increase (point %d)", i + 1);
    }
    return BMD_OK;
}

int bmd_traj_missile_check(const bmd_missile *m, bmd_errbuf *err)
{
    if (m == NULL) return bmd_err_set(err, BMD_EINVAL, "traj: NULL missile");
    if (m->n_stages < 1 || m->n_stages > BMD_MAX_STAGES)
        return bmd_err_set(err, BMD_EINVAL, "%s: n_stages %d outside 1..%d", m->name, m->n_stages,
                           BMD_MAX_STAGES);
    for (int k = 0; k < m->n_stages; k++) {
        int s = check_stage(&m->stage[k], k + 1, err);
        if (s != BMD_OK) return s;
    }
    if (!(m->stage[0].diameter_m > 0.0))
        return bmd_err_set(err, BMD_EINVAL, "%s: stage 1 diameter_m must be > 0", m->name);
    if (!(m->payload_mass_kg >= 0.0) || !isfinite(m->payload_mass_kg))
        return bmd_err_set(err, BMD_EINVAL, "%s: payload_mass_kg %g must be >= 0", m->name,
                           m->payload_mass_kg);
    if (!(m->rv_beta_kgpm2 > 0.0) || !isfinite(m->rv_beta_kgpm2))
        return bmd_err_set(err, BMD_EINVAL, "%s: rv_beta_kgpm2 %g must be > 0", m->name,
                           m->rv_beta_kgpm2);
    if (m->rv_separates && !(m->rv_mass_kg > 0.0))
        return bmd_err_set(err, BMD_EINVAL, "%s: rv_mass_kg %g must be > 0", m->name,
                           m->rv_mass_kg);
    if (!(m->vertical_rise_s >= 0.0) || !isfinite(m->vertical_rise_s))
        return bmd_err_set(err, BMD_EINVAL, "%s: vertical_rise_s %g must be >= 0", m->name,
                           m->vertical_rise_s);
    return check_cd(&m->cd, err);
}

static int check_launch(const bmd_traj_launch *l, bmd_errbuf *err)
{
    if (l == NULL) return bmd_err_set(err, BMD_EINVAL, "traj: NULL launch parameters");
    if (!isfinite(l->lat_rad) || fabs(l->lat_rad) > BMD_PI / 2.0 || !isfinite(l->lon_rad) ||
        !isfinite(l->alt_m) || !isfinite(l->azimuth_rad) || !isfinite(l->cutoff_s))
        return bmd_err_set(err, BMD_EINVAL, "traj: launch site, azimuth or cut-off not finite");
    if (!(l->kick_rad >= 0.0) || !(l->kick_rad < BMD_PI / 2.0))
        return bmd_err_set(err, BMD_EINVAL, "traj: kick angle %g rad outside [0, pi/2)",
                           l->kick_rad);
    if (!(l->kick_duration_s > 0.0) || !isfinite(l->kick_duration_s))
        return bmd_err_set(err, BMD_EINVAL, "traj: kick_duration_s %g must be > 0",
                           l->kick_duration_s);
    return BMD_OK;
}

static void add_break(double *b, int *nb, double t, double t_end)
{
    if (t > 0.0 && t < t_end) b[(*nb)++] = t;
}

static void add_sched(flight *fl, double t, int kind, int stage)
{
    int i = fl->nsched++;
    while (i > 0 && fl->sched[i - 1].t_s > t) { /* stable: equal times keep order */
        fl->sched[i] = fl->sched[i - 1];
        i--;
    }
    fl->sched[i] = (sched_ev){t, kind, stage};
}

static void powered_phase(flight *fl, const bmd_missile *m, const bmd_traj_stages *st, double a,
                          double b)
{
    double mid = 0.5 * (a + b);
    seg *sg = &fl->seg[fl->nseg++];
    memset(sg, 0, sizeof *sg);
    sg->t0_s = a;
    sg->t1_s = b;
    sg->stage = bmd_traj_thrust_of(m, st, a, b, &sg->th) + 1;
    sg->want = atmo_want(sg);
    if (sg->th.burning)
        sg->steer =
            mid < fl->t_kick0_s ? STEER_VERTICAL : (mid < fl->t_kick1_s ? STEER_KICK : STEER_TURN);
}

static void schedule_events(flight *fl, const bmd_missile *m, const bmd_traj_stages *st, double tc,
                            double t_full)
{
    add_sched(fl, 0.0, BMD_TRAJ_EV_LAUNCH, 1);
    if (fl->t_kick0_s < tc)
        add_sched(fl, fl->t_kick0_s, BMD_TRAJ_EV_PITCH_START,
                  bmd_traj_stage_at(m, st, fl->t_kick0_s) + 1);
    if (fl->t_kick1_s < tc)
        add_sched(fl, fl->t_kick1_s, BMD_TRAJ_EV_PITCH_END,
                  bmd_traj_stage_at(m, st, fl->t_kick1_s) + 1);
    for (int k = 0; k < m->n_stages; k++) {
        if (k > 0 && st->ign_s[k] < tc) add_sched(fl, st->ign_s[k], BMD_TRAJ_EV_IGNITION, k + 1);
        if (st->bo_s[k] <= tc) add_sched(fl, st->bo_s[k], BMD_TRAJ_EV_BURNOUT, k + 1);
    }
    if (tc < t_full) add_sched(fl, tc, BMD_TRAJ_EV_CUTOFF, bmd_traj_stage_at(m, st, tc) + 1);
    if (m->rv_separates) add_sched(fl, tc, BMD_TRAJ_EV_RV_SEPARATION, 0);
}

/* The phases of a fly-out: powered phases between all breakpoints up to the
 * end of powered flight tc, then free flight. */
static int build_missile(flight *fl, const bmd_missile *m, const bmd_traj_launch *l,
                         bmd_errbuf *err)
{
    bmd_traj_stages st;
    bmd_traj_stages_of(m, &st);
    double t_full = st.bo_s[m->n_stages - 1];
    double tc = (l->cutoff_s > 0.0 && l->cutoff_s < t_full) ? l->cutoff_s : t_full;
    if (!(tc < fl->cfg->t_max_s))
        return bmd_err_set(err, BMD_EINVAL, "traj: powered flight (%.1f s) exceeds t_max_s", tc);
    fl->t_kick0_s = m->vertical_rise_s;
    fl->t_kick1_s = m->vertical_rise_s + l->kick_duration_s;
    fl->kick_rad = l->kick_rad;
    if (m->cd.n > 0) set_cd(fl, &m->cd);
    double b[4 * BMD_MAX_STAGES + 4];
    int nb = 0;
    b[nb++] = 0.0;
    add_break(b, &nb, fl->t_kick0_s, tc);
    add_break(b, &nb, fl->t_kick1_s, tc);
    for (int k = 0; k < m->n_stages; k++) {
        add_break(b, &nb, st.ign_s[k], tc);
        add_break(b, &nb, st.bo_s[k], tc);
    }
    b[nb++] = tc;
    for (int i = 1; i < nb; i++) /* sort */
        for (int j = i; j > 0 && b[j - 1] > b[j]; j--) {
            double x = b[j];
            b[j] = b[j - 1];
            b[j - 1] = x;
        }
    for (int i = 1; i < nb; i++)
        if (b[i] > b[i - 1]) powered_phase(fl, m, &st, b[i - 1], b[i]);
    int kc = bmd_traj_stage_at(m, &st, tc);
    free_phase(fl, tc, fl->cfg->t_max_s,
               m->rv_separates ? m->rv_mass_kg : bmd_traj_mass_at(m, &st, kc, tc),
               m->rv_beta_kgpm2);
    schedule_events(fl, m, &st, tc, t_full);
    return BMD_OK;
}

int bmd_traj_fly(const bmd_traj_config *cfg, const bmd_missile *m, const bmd_traj_launch *l,
                 bmd_traj_summary *out, bmd_errbuf *err)
{
    int s = check_config(cfg, err);
    if (s == BMD_OK) s = bmd_traj_missile_check(m, err);
    if (s == BMD_OK) s = check_launch(l, err);
    if (s != BMD_OK) return s;
    flight fl;
    flight_init(&fl, cfg);
    if ((s = build_missile(&fl, m, l, err)) != BMD_OK) return s;
    double y0[BMD__NY] = {0.0}, enu[3][3], dy[BMD__NY];
    bmd_geo_to_ecef(cfg->earth, l->lat_rad, l->lon_rad, l->alt_m, y0);
    bmd_geo_enu_basis(l->lat_rad, l->lon_rad, enu);
    double sa = sin(l->azimuth_rad), ca = cos(l->azimuth_rad);
    for (int i = 0; i < 3; i++) {
        fl.up0[i] = enu[2][i];
        fl.hor0[i] = sa * enu[0][i] + ca * enu[1][i];
    }
    dir_at(&fl, 0.0, fl.u_vert);
    dir_at(&fl, fl.kick_rad, fl.u_turn);
    /* lift-off needs thrust above weight: the vertical acceleration at t = 0 */
    fl.cur = &fl.seg[0];
    eom(&fl, 0.0, y0, dy, NULL);
    fl.n_rhs = 0;
    if (!(bmd_v3_dot(dy + 3, fl.up0) > 0.0))
        return bmd_err_set(err, BMD_EDOM, "%s: thrust below weight at lift-off", m->name);
    bmd_traj_summary tmp;
    if (out == NULL) out = &tmp;
    summary_init(out, l->lat_rad, l->lon_rad, l->alt_m, bmd_wrap_2pi(l->azimuth_rad));
    out->kick_rad = l->kick_rad;
    return run_flight(&fl, y0, out, err);
}

const char *bmd_traj_event_name(int kind)
{
    static const char *const names[] = {"launch",   "pitch-start", "pitch-end",     "burnout",
                                        "ignition", "cutoff",      "rv-separation", "apogee",
                                        "alt-up",   "alt-down",    "max-decel",     "impact"};
    if (kind == BMD_TRAJ_EV_NONE) return "sample";
    if (kind < 0 || kind > BMD_TRAJ_EV_IMPACT) return "?";
    return names[kind];
}
