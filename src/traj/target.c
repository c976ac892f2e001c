/*
 * target.c: targeting (launch azimuth, kick angle, thrust cut-off for a
 * given aim point and trajectory shape) and the maximum range along an
 * azimuth. The method is described in docs/models/traj.md, "Targeting":
 *
 *   R(k, tc)   range of a fly-out with kick k and cut-off tc (one flight);
 *   tc(k)      the cut-off giving the aim range D at kick k (Brent in tc);
 *   k_mr       the kick of the longest full-burn flight (Brent minimum);
 *   [k_lo, k_hi] the kicks whose full burn reaches D (Brent roots of
 *              R(k, T_full) = D on either side of k_mr);
 *   min-energy the kick minimising tc(k) on [k_lo, k_hi];
 *   lofted/depressed  the kick on [k_lo, k_me] / [k_me, k_hi] where the
 *              apogee (or burnout flight-path angle) of the flight with
 *              tc(k) equals the request;
 *   azimuth    an outer fixed-point iteration turning the launch azimuth by
 *              the angle between the launch->impact and launch->aim
 *              geodesics until the miss is below the tolerance; after a
 *              large turn the whole branch is solved again. Along an
 *              azimuth whose full burn falls short of D the iteration is
 *              carried on with the maximum-range flight, and the aim point
 *              is out of reach only once that flight lands on the
 *              launch->aim geodesic (Earth rotation bends long flights
 *              by several degrees, so the maximum range along the geodesic
 *              azimuth is not the maximum range toward the aim point).
 */
#include "traj_internal.h"

#include <math.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/core.h"
#include "bmd/vec3.h"

/* Kick search interval (rad): 0.2 deg to 80 deg. */
#define KICK_MIN_RAD (0.2 * BMD_DEG2RAD)
#define KICK_MAX_RAD (80.0 * BMD_DEG2RAD)
/* Tolerances of the inner solves: kick (rad), cut-off (s), apogee (m),
 * burnout angle (rad). */
#define KICK_XTOL_RAD 1e-6
#define KICK_MIN_XTOL_RAD 2e-4
#define TC_XTOL_S 1e-7
#define APOGEE_FTOL_M 50.0
#define GAMMA_FTOL_RAD 1e-5
/* Outer azimuth iterations. */
#define AZ_MAX_ITER 12
/* A turn of the launch azimuth larger than this (rad) re-solves the whole
 * branch (maximum range, kick bounds, minimum energy, shape); smaller turns
 * keep the kick (min-energy) or re-solve it nearby (shapes). A Nodong shot
 * at 474 km turns about 2 deg (re-solving moves its kick by 0.02 deg and
 * doubles the cost); an ICBM at 11,000 km about 9 deg. */
#define AZ_RESOLVE_RAD (5.0 * BMD_DEG2RAD)
/* The maximum-range flight counts as aimed at the aim point when its impact
 * lies within this angle (rad) of the launch->aim geodesic, as seen from
 * the launch point: 1e-4 rad is 1.2 km across track at 12,000 km, where
 * the maximum range changes by about 0.3 km (about 50 km per degree of
 * azimuth for an ICBM; docs/models/traj.md, "Targeting"). */
#define AZ_REACH_TOL_RAD 1e-4

typedef struct tgt {
    bmd_traj_config cfg; /* the caller's, without samples */
    const bmd_missile *m;
    bmd_traj_launch l;    /* site and kick duration; azimuth, kick, cut-off per flight */
    double r_launch_m[3]; /* launch point, ECEF, m */
    double c_m;           /* "once around": the range of a flight that does not come down */
    double d_m;           /* aim range */
    double ftol_m;        /* range residual tolerance of the cut-off solve */
    double t_full_s, tc_min_s;
    int n_flights;
    bmd_errbuf *err;
    /* last full-burn flight */
    int have_full;
    double full_k;
    bmd_traj_summary full;
    /* best flight of the last cut-off solve */
    bmd_traj_summary best;
    double best_abs;
    double k;         /* kick of the current cut-off solve */
    double r_short_m; /* range at the shortest cut-off, when beyond D */
    int shape;        /* what the kick solve matches: 0 apogee, 1 burnout gamma */
    double shape_want;
} tgt;

static const char *mname(const bmd_missile *m)
{
    return m->name[0] ? m->name : "the missile";
}

/* One trial fly-out. A flight that does not come down within t_max_s (an
 * orbit, or a flight once around the Earth) is not an error here: its
 * range is g->c_m (travel_range), beyond any aim point. */
static int fly(tgt *g, double k, double tc, bmd_traj_summary *s)
{
    g->l.kick_rad = k;
    g->l.cutoff_s = tc;
    g->n_flights++;
    int st = bmd_traj_fly(&g->cfg, g->m, &g->l, s, g->err);
    return (st == BMD_ELIMIT && !s->impacted) ? BMD_OK : st;
}

static double central_angle(const double a[3], const double b[3])
{
    double c[3];
    bmd_v3_cross(c, a, b);
    return atan2(bmd_v3_norm(c), bmd_v3_dot(a, b));
}

/*
 * The range the solves work with: the geodesic launch->impact distance
 * while the ground track has turned less than half way round the Earth;
 * past the antipode the geodesic distance shrinks again, so the range is
 * unwrapped to c_m - geodesic; a flight that does not come down counts
 * c_m. Without this, an ICBM that can fly past the antipode or into orbit
 * along an eastward azimuth (the rotation adds up to 465 m/s) gives the
 * kick searches a range that falls as the energy grows. The ground-track
 * angle is summed launch->apogee->impact (each leg less than half way
 * round for any flight that comes down).
 */
static double travel_range(const tgt *g, const bmd_traj_summary *s)
{
    if (!s->impacted) return g->c_m;
    double th = -1.0;
    for (int i = 0; i < s->n_events; i++)
        if (s->events[i].kind == BMD_TRAJ_EV_APOGEE) {
            th = central_angle(g->r_launch_m, s->events[i].r_ecef_m) +
                 central_angle(s->events[i].r_ecef_m, s->impact_r_ecef_m);
            break;
        }
    if (th < 0.0) th = central_angle(g->r_launch_m, s->impact_r_ecef_m);
    return th > BMD_PI ? g->c_m - s->range_m : s->range_m;
}

static int range_full(tgt *g, double k, double *r_m)
{
    if (!(g->have_full && g->full_k == k)) {
        int s = fly(g, k, 0.0, &g->full);
        if (s != BMD_OK) return s;
        g->have_full = 1;
        g->full_k = k;
    }
    *r_m = travel_range(g, &g->full);
    return BMD_OK;
}

/* f(tc) = R(k, tc) - D, remembering the flight with the smallest |f|. */
static int tc_fn(void *ctx, double tc, double *f)
{
    tgt *g = ctx;
    bmd_traj_summary s;
    int st = fly(g, g->k, tc, &s);
    if (st != BMD_OK) return st;
    *f = travel_range(g, &s) - g->d_m;
    if (fabs(*f) < g->best_abs) {
        g->best_abs = fabs(*f);
        g->best = s;
    }
    return BMD_OK;
}

/*
 * The cut-off giving range D at kick k. *reach: 1 solved (*tc, g->best);
 * 0 the full burn falls short (*tc = T_full, *r_full its range); -1 even the
 * shortest cut-off flies beyond D.
 */
static int solve_tc(tgt *g, double k, double *tc, int *reach, double *r_full)
{
    double rf;
    int s = range_full(g, k, &rf);
    if (s != BMD_OK) return s;
    *r_full = rf;
    *tc = g->t_full_s;
    g->best = g->full;
    g->best_abs = fabs(rf - g->d_m);
    if (rf < g->d_m) {
        *reach = 0;
        return BMD_OK;
    }
    *reach = 1;
    if (g->best_abs <= g->ftol_m) return BMD_OK;
    g->k = k;
    double f0;
    if ((s = tc_fn(g, g->tc_min_s, &f0)) != BMD_OK) return s;
    if (f0 > 0.0) {
        g->r_short_m = f0 + g->d_m;
        *reach = -1;
        *tc = g->tc_min_s;
        return BMD_OK;
    }
    s = bmd_root_brent(tc_fn, g, g->tc_min_s, g->t_full_s, f0, rf - g->d_m, TC_XTOL_S, g->ftol_m,
                       100, tc, NULL);
    if (s != BMD_OK && s != BMD_ENOCONV) return s;
    *tc = g->best.cutoff_s;
    return BMD_OK;
}

/* ---- maximum range ---------------------------------------------------------------- */

static int neg_range_fn(void *ctx, double k, double *f)
{
    double r = 0.0;
    int s = range_full(ctx, k, &r);
    *f = -r;
    return s;
}

static int max_range(tgt *g, double *k_best, double *r_best)
{
    double f;
    int s = bmd_min_brent(neg_range_fn, g, KICK_MIN_RAD, KICK_MAX_RAD, 1e-4, 100, k_best, &f);
    if (s != BMD_OK && s != BMD_ENOCONV) return s;
    *r_best = -f;
    return BMD_OK;
}

static int full_minus_d_fn(void *ctx, double k, double *f);

static int tgt_init(tgt *g, const bmd_traj_config *cfg, const bmd_missile *m,
                    const bmd_traj_launch *l, bmd_errbuf *err)
{
    if (cfg == NULL || m == NULL || l == NULL)
        return bmd_err_set(err, BMD_EINVAL, "traj: NULL argument to the targeting solver");
    memset(g, 0, sizeof *g);
    g->cfg = *cfg;
    g->cfg.sample = NULL;
    g->m = m;
    g->l = *l;
    g->err = err;
    g->t_full_s = bmd_traj_full_burn_s(m);
    /* shortest cut-off: 1 s after the pitch-over, but within the burn */
    g->tc_min_s = fmin(m->vertical_rise_s + l->kick_duration_s + 1.0, 0.5 * g->t_full_s);
    /* a trial flight validates everything once, with a clear message */
    bmd_traj_launch t = *l;
    t.kick_rad = KICK_MIN_RAD;
    t.cutoff_s = 0.0;
    g->n_flights++;
    int s = bmd_traj_fly(&g->cfg, m, &t, &g->full, err);
    if (s != BMD_OK) return s;
    bmd_geo_to_ecef(cfg->earth, l->lat_rad, l->lon_rad, l->alt_m, g->r_launch_m);
    g->c_m = 2.0 * BMD_PI * cfg->earth->a_m;
    g->have_full = 1;
    g->full_k = KICK_MIN_RAD;
    return BMD_OK;
}

int bmd_traj_max_range(const bmd_traj_config *cfg, const bmd_missile *m, const bmd_traj_launch *l,
                       bmd_traj_launch *best, bmd_traj_summary *sum, bmd_errbuf *err)
{
    tgt g;
    int s = tgt_init(&g, cfg, m, l, err);
    if (s != BMD_OK) return s;
    double k, r;
    if ((s = max_range(&g, &k, &r)) != BMD_OK) return s;
    if ((s = range_full(&g, k, &r)) != BMD_OK) return s;
    int warn = BMD_OK;
    if (r > 0.5 * g.c_m) {
        /* No maximum: along this azimuth the missile can fly past the
         * antipode (an ICBM launched eastward gains up to 465 m/s from the
         * rotation; hwasong-15 from Pyongyang at 45 deg, an example of
         * `bmdsim trajectory --help`). The geodesic range is largest at the
         * antipode: return the full-burn flight landing there, on the
         * steeper side of the best kick (where the unwrapped range of
         * travel_range jumps past half way round). */
        double k_a;
        g.d_m = 0.5 * g.c_m;
        double f_lo, f_hi = r - g.d_m;
        if ((s = full_minus_d_fn(&g, KICK_MIN_RAD, &f_lo)) != BMD_OK) return s;
        s = bmd_root_brent(full_minus_d_fn, &g, KICK_MIN_RAD, k, f_lo, f_hi, KICK_XTOL_RAD, 1.0,
                           100, &k_a, NULL);
        if (s != BMD_OK && s != BMD_ENOCONV)
            return bmd_err_set(err, BMD_ELIMIT,
                               "traj: %s flies past the antipode or into orbit along azimuth "
                               "%.1f deg (kick %.2f deg): no maximum range",
                               mname(m), l->azimuth_rad * BMD_RAD2DEG, k * BMD_RAD2DEG);
        k = k_a;
        if ((s = range_full(&g, k, &r)) != BMD_OK) return s;
        warn = bmd_err_set(err, BMD_WRANGE,
                           "%s can fly past the antipode along azimuth %.1f deg (Earth rotation "
                           "included): the flight shown, %.0f km, is the last before its "
                           "ground track passes half way round the Earth (kick %.2f deg)",
                           mname(m), l->azimuth_rad * BMD_RAD2DEG, g.full.range_m / 1e3,
                           k * BMD_RAD2DEG);
    }
    if (best) {
        *best = *l;
        best->kick_rad = k;
        best->cutoff_s = 0.0;
    }
    if (sum) *sum = g.full;
    return warn;
}

/* ---- the kick solves ------------------------------------------------------------- */

/* f(k) = R(k, T_full) - D */
static int full_minus_d_fn(void *ctx, double k, double *f)
{
    tgt *g = ctx;
    double r = 0.0;
    int s = range_full(g, k, &r);
    *f = r - g->d_m;
    return s;
}

/* tc(k), with a continuous penalty where the full burn falls short. */
static int tc_of_k_fn(void *ctx, double k, double *f)
{
    tgt *g = ctx;
    double tc, rf;
    int reach, s = solve_tc(g, k, &tc, &reach, &rf);
    if (s != BMD_OK) return s;
    *f = reach == 0 ? g->t_full_s * (1.0 + (g->d_m - rf) / g->d_m) : tc;
    return BMD_OK;
}

/* apogee(k) - H or gamma_bo(k) - gamma along tc(k); g->best keeps the flight. */
static int shape_fn(void *ctx, double k, double *f)
{
    tgt *g = ctx;
    double tc, rf;
    int reach, s = solve_tc(g, k, &tc, &reach, &rf);
    if (s != BMD_OK) return s;
    double v = g->shape == 0 ? g->best.apogee_alt_m : g->best.burnout_gamma_rad;
    *f = v - g->shape_want;
    return BMD_OK;
}

typedef struct branch {
    double k_lo, k_hi, k_mr, r_max;
    double k_me, tc_me;
    bmd_traj_summary me; /* minimum-energy flight */
    bmd_traj_summary lo, hi;
} branch;

static int kick_bounds(tgt *g, branch *b)
{
    double f_lo, f_hi, f_mr = b->r_max - g->d_m, x;
    int s = full_minus_d_fn(g, KICK_MIN_RAD, &f_lo);
    if (s == BMD_OK) s = full_minus_d_fn(g, KICK_MAX_RAD, &f_hi);
    if (s != BMD_OK) return s;
    b->k_lo = KICK_MIN_RAD;
    b->k_hi = KICK_MAX_RAD;
    if (f_lo < 0.0) {
        s = bmd_root_brent(full_minus_d_fn, g, KICK_MIN_RAD, b->k_mr, f_lo, f_mr, KICK_XTOL_RAD,
                           g->ftol_m, 100, &x, NULL);
        if (s != BMD_OK && s != BMD_ENOCONV) return s;
        b->k_lo = x;
    }
    if (f_hi < 0.0) {
        s = bmd_root_brent(full_minus_d_fn, g, b->k_mr, KICK_MAX_RAD, f_mr, f_hi, KICK_XTOL_RAD,
                           g->ftol_m, 100, &x, NULL);
        if (s != BMD_OK && s != BMD_ENOCONV) return s;
        b->k_hi = x;
    }
    return BMD_OK;
}

static int min_energy(tgt *g, branch *b)
{
    double k, f, tc, rf;
    int s = bmd_min_brent(tc_of_k_fn, g, b->k_lo, b->k_hi, KICK_MIN_XTOL_RAD, 100, &k, &f);
    if (s != BMD_OK && s != BMD_ENOCONV) return s;
    int reach;
    if ((s = solve_tc(g, k, &tc, &reach, &rf)) != BMD_OK) return s;
    if (reach == -1)
        return bmd_err_set(g->err, BMD_EUNREACH,
                           "aim point %.1f km away is closer than %s's shortest flight "
                           "(%.1f km with thrust cut-off at %.1f s)",
                           g->d_m / 1e3, mname(g->m), g->r_short_m / 1e3, g->tc_min_s);
    b->k_me = k;
    b->tc_me = tc;
    b->me = g->best;
    return BMD_OK;
}

/* The flight at a branch end (k_lo or k_hi), with its solved cut-off. */
static int end_flight(tgt *g, double k, bmd_traj_summary *s_out)
{
    double tc, rf;
    int reach, s = solve_tc(g, k, &tc, &reach, &rf);
    *s_out = g->best;
    return s;
}

/* Solve the kick on [a, b] for the shape target; fa, fb known. */
static int shape_root(tgt *g, double a, double b, double fa, double fb, double *k)
{
    double ftol = g->shape == 0 ? APOGEE_FTOL_M : GAMMA_FTOL_RAD;
    int s = bmd_root_brent(shape_fn, g, a, b, fa, fb, KICK_XTOL_RAD, ftol, 100, k, NULL);
    return (s == BMD_ENOCONV) ? BMD_OK : s;
}

static double shape_value(const tgt *g, const bmd_traj_summary *s)
{
    return g->shape == 0 ? s->apogee_alt_m : s->burnout_gamma_rad;
}

/* Check the request against the branch and solve it (first azimuth pass). */
static int shape_solve(tgt *g, const bmd_traj_shape *sh, branch *b, double *k)
{
    int lofted = sh->kind == BMD_TRAJ_LOFTED;
    g->shape = (sh->kind == BMD_TRAJ_DEPRESSED && !(sh->apogee_m > 0.0)) ? 1 : 0;
    g->shape_want = g->shape == 0 ? sh->apogee_m : sh->burnout_gamma_rad;
    double v_me = shape_value(g, &b->me), unit = g->shape == 0 ? 1e-3 : BMD_RAD2DEG;
    const char *what = g->shape == 0 ? "apogee" : "burnout flight-path angle";
    const char *u = g->shape == 0 ? "km" : "deg";
    if (lofted ? !(g->shape_want > v_me) : !(g->shape_want < v_me))
        return bmd_err_set(g->err, BMD_EINVAL,
                           "%s %.1f %s requested for a %s trajectory is %s the minimum-energy "
                           "%.1f %s at %.1f km range",
                           what, g->shape_want * unit, u, lofted ? "lofted" : "depressed",
                           lofted ? "not above" : "not below", v_me * unit, u, g->d_m / 1e3);
    bmd_traj_summary end;
    int s = end_flight(g, lofted ? b->k_lo : b->k_hi, &end);
    if (s != BMD_OK) return s;
    double v_end = shape_value(g, &end);
    *k = lofted ? b->k_lo : b->k_hi; /* g->best: the branch-end flight */
    if (lofted ? g->shape_want > v_end : g->shape_want < v_end)
        return bmd_err_set(g->err, BMD_EUNREACH,
                           "%s %.1f %s is %s the %s %.1f %s that %s can fly at %.1f km range", what,
                           g->shape_want * unit, u, lofted ? "above" : "below",
                           lofted ? "highest" : "lowest", v_end * unit, u, mname(g->m),
                           g->d_m / 1e3);
    double fa = v_end - g->shape_want, fb = v_me - g->shape_want;
    return lofted ? shape_root(g, b->k_lo, b->k_me, fa, fb, k)
                  : shape_root(g, b->k_me, b->k_hi, fb, fa, k);
}

/* Later azimuth passes: re-solve the kick near the previous one, or on the
 * whole branch if the root has moved out of that neighbourhood. */
static int shape_resolve(tgt *g, const branch *b, int lofted, double *k)
{
    double dk = 0.5 * BMD_DEG2RAD, a, c, fa, fc;
    for (int wide = 0; wide < 2; wide++) {
        a = wide ? (lofted ? b->k_lo : b->k_me) : fmax(*k - dk, b->k_lo);
        c = wide ? (lofted ? b->k_me : b->k_hi) : fmin(*k + dk, b->k_hi);
        int s = shape_fn(g, a, &fa);
        if (s == BMD_OK) s = shape_fn(g, c, &fc);
        if (s != BMD_OK) return s;
        if (!((fa > 0.0 && fc > 0.0) || (fa < 0.0 && fc < 0.0)))
            return shape_root(g, a, c, fa, fc, k);
    }
    return BMD_ENOCONV; /* the caller solves the branch again */
}

/* ---- the solver ------------------------------------------------------------------- */

static int check_target_args(const bmd_traj_config *cfg, const bmd_missile *m,
                             const bmd_traj_shape *sh, bmd_traj_solution *sol, bmd_errbuf *err)
{
    if (cfg == NULL || cfg->earth == NULL || m == NULL || sol == NULL)
        return bmd_err_set(err, BMD_EINVAL, "traj: NULL argument to bmd_traj_target");
    if (sh != NULL && (sh->kind < BMD_TRAJ_MIN_ENERGY || sh->kind > BMD_TRAJ_DEPRESSED))
        return bmd_err_set(err, BMD_EINVAL, "traj: unknown trajectory shape %d", sh->kind);
    if (sh != NULL && sh->kind == BMD_TRAJ_LOFTED && !(sh->apogee_m > 0.0))
        return bmd_err_set(err, BMD_EINVAL, "traj: a lofted trajectory needs apogee_m > 0");
    if (sh != NULL && sh->kind == BMD_TRAJ_DEPRESSED && !(sh->apogee_m > 0.0) &&
        !(fabs(sh->burnout_gamma_rad) < BMD_PI / 2.0))
        return bmd_err_set(err, BMD_EINVAL,
                           "traj: a depressed trajectory needs apogee_m > 0 or a burnout "
                           "flight-path angle in (-90, 90) deg");
    return BMD_OK;
}

/* Solve the branch along the current azimuth: max range, kick bounds,
 * min energy, shape. When the full burn cannot reach D along this azimuth
 * *beyond = 1, g->best holds the maximum-range flight and *k its kick
 * (nothing else is solved). When the requested shape lies beyond the
 * branch end *beyond = 2, g->best holds the branch-end flight, *k its kick
 * and g->err the reason. */
static int branch_solve(tgt *g, const bmd_traj_shape *sh, branch *b, double *k, double *tc,
                        int *beyond, bmd_traj_solution *sol)
{
    *beyond = 0;
    int s = max_range(g, &b->k_mr, &b->r_max);
    if (s != BMD_OK) return s;
    /* past the antipode or into orbit: any range, reported as once round */
    sol->max_range_m = b->r_max > 0.5 * g->c_m ? g->c_m : b->r_max;
    if (g->d_m > b->r_max) {
        double r;
        if ((s = range_full(g, b->k_mr, &r)) != BMD_OK) return s;
        g->best = g->full;
        *k = b->k_mr;
        *tc = g->t_full_s;
        *beyond = 1;
        return BMD_OK;
    }
    if ((s = kick_bounds(g, b)) != BMD_OK) return s;
    if ((s = min_energy(g, b)) != BMD_OK) return s;
    sol->min_energy_apogee_m = b->me.apogee_alt_m;
    sol->min_energy_gamma_rad = b->me.burnout_gamma_rad;
    *k = b->k_me;
    if (sh != NULL && sh->kind != BMD_TRAJ_MIN_ENERGY) {
        s = shape_solve(g, sh, b, k);
        if (s == BMD_EUNREACH) {
            /* beyond the highest (lowest) shape along this azimuth; the
             * caller turns the azimuth with the branch-end flight and
             * reports this only once that flight is aimed at the aim point */
            *beyond = 2;
            *tc = g->best.cutoff_s;
            return BMD_OK;
        }
        if (s != BMD_OK) return s;
    }
    double rf;
    int reach;
    return solve_tc(g, *k, tc, &reach, &rf);
}

/* Miss distance and azimuth error of the flight in g->best. */
static void miss_of(const tgt *g, double aim_lat, double aim_lon, double az_aim, double *miss,
                    double *daz)
{
    const bmd_traj_summary *s = &g->best;
    double az_imp;
    bmd_geo_inverse(g->cfg.earth, s->impact_lat_rad, s->impact_lon_rad, aim_lat, aim_lon, miss,
                    NULL, NULL);
    bmd_geo_inverse(g->cfg.earth, g->l.lat_rad, g->l.lon_rad, s->impact_lat_rad, s->impact_lon_rad,
                    NULL, &az_imp, NULL);
    *daz = bmd_wrap_pi(az_imp - az_aim);
}

/* 1 when the secant slope through the last two passes is not usable. */
static int beyond_secant(double az, double daz, double az_prev, double daz_prev)
{
    double dx = bmd_wrap_pi(az - az_prev);
    if (!(fabs(dx) > 1e-12)) return 1;
    double slope = (daz - daz_prev) / dx;
    return !(slope >= 0.1 && slope <= 10.0);
}

/*
 * The azimuth turn of the next pass. The first turn is the fixed-point one
 * (turn by the impact-azimuth error, slope 1). Later turns are secant steps
 * on the error as a function of the launch azimuth: on steep lofts Earth
 * rotation carries the impact sideways by a large fraction of the range, so
 * the impact azimuth moves about 1.6 times as fast as the launch azimuth and
 * the fixed-point iteration oscillates (hwasong-14, 2,802 km apogee at
 * 933 km: a 400 m miss left after 12 passes; regression test in
 * tests/test_traj_target.c). A slope outside [0.1, 10] (noise, a branch
 * change) falls back to the fixed-point turn.
 */
static double az_step(int it, double az, double daz, double az_prev, double daz_prev)
{
    if (it < 2 || beyond_secant(az, daz, az_prev, daz_prev)) return daz;
    double slope = (daz - daz_prev) / bmd_wrap_pi(az - az_prev);
    return daz / slope;
}

int bmd_traj_target(const bmd_traj_config *cfg, const bmd_missile *m, double lat_rad,
                    double lon_rad, double alt_m, double aim_lat_rad, double aim_lon_rad,
                    const bmd_traj_shape *shape, double tol_m, bmd_traj_solution *sol,
                    bmd_errbuf *err)
{
    int s = check_target_args(cfg, m, shape, sol, err);
    if (s != BMD_OK) return s;
    memset(sol, 0, sizeof *sol);
    if (!isfinite(aim_lat_rad) || fabs(aim_lat_rad) > BMD_PI / 2.0 || !isfinite(aim_lon_rad) ||
        !isfinite(lat_rad) || fabs(lat_rad) > BMD_PI / 2.0 || !isfinite(lon_rad))
        return bmd_err_set(err, BMD_EINVAL, "traj: launch or aim point not a valid position");
    double d, az_aim;
    bmd_geo_inverse(cfg->earth, lat_rad, lon_rad, aim_lat_rad, aim_lon_rad, &d, &az_aim, NULL);
    sol->aim_range_m = d;
    if (!(d >= 1000.0))
        return bmd_err_set(err, BMD_EINVAL,
                           "aim point %.0f m from the launch point: no flight to solve (want at "
                           "least 1 km)",
                           d);
    tol_m = tol_m > 0.0 ? tol_m : BMD_TRAJ_TARGET_TOL_M;
    bmd_traj_launch l;
    bmd_traj_launch_init(&l, lat_rad, lon_rad, alt_m, az_aim);
    tgt g;
    if ((s = tgt_init(&g, cfg, m, &l, err)) != BMD_OK) return s;
    g.d_m = d;
    g.ftol_m = fmin(0.25 * tol_m, 0.5);
    branch b;
    double k = 0.0, tc, miss = INFINITY, daz = 0.0, az_branch = 0.0;
    int have_branch = 0, beyond = 0;
    double az_prev = 0.0, daz_prev = 0.0;
    for (int it = 0; it < AZ_MAX_ITER; it++) {
        g.have_full = 0;
        double az_now = g.l.azimuth_rad;
        g.l.azimuth_rad = bmd_wrap_2pi(az_now - az_step(it, az_now, daz, az_prev, daz_prev));
        az_prev = az_now;
        daz_prev = daz;
        int resolve =
            !have_branch || fabs(bmd_wrap_pi(g.l.azimuth_rad - az_branch)) > AZ_RESOLVE_RAD;
        if (!resolve) {
            /* a small turn: keep the branch, re-solve the kick near the
             * last one (shapes) and the cut-off */
            double rf;
            int reach = 1;
            if (shape != NULL && shape->kind != BMD_TRAJ_MIN_ENERGY)
                s = shape_resolve(&g, &b, shape->kind == BMD_TRAJ_LOFTED, &k);
            if (s == BMD_OK) s = solve_tc(&g, k, &tc, &reach, &rf);
            /* the kept kick no longer reaches D along the turned azimuth,
             * or the shape root left the kept kick bounds (the branch ends
             * move with the azimuth: hwasong-14, 3,725 km apogee at
             * 1,000 km): solve the branch again there */
            if ((s == BMD_OK && reach == 0) || s == BMD_ENOCONV) {
                s = BMD_OK;
                resolve = 1;
            }
        }
        if (s == BMD_OK && resolve) {
            s = branch_solve(&g, shape, &b, &k, &tc, &beyond, sol);
            have_branch = s == BMD_OK && !beyond;
            az_branch = g.l.azimuth_rad;
        }
        sol->n_flights = g.n_flights;
        if (s != BMD_OK) return s;
        miss_of(&g, aim_lat_rad, aim_lon_rad, az_aim, &miss, &daz);
        if (beyond == 2 && fabs(daz) <= AZ_REACH_TOL_RAD) {
            /* the highest (lowest) shape at range D lands on the aim
             * geodesic and still falls short of the request */
            sol->launch = g.l;
            sol->launch.kick_rad = k;
            sol->launch.cutoff_s = g.best.cutoff_s < g.t_full_s ? g.best.cutoff_s : 0.0;
            sol->summary = g.best;
            sol->miss_m = miss;
            return BMD_EUNREACH; /* err holds the reason (shape_solve) */
        }
        if (beyond == 1 && fabs(daz) <= AZ_REACH_TOL_RAD) {
            /* the longest flight along this azimuth lands on the aim
             * geodesic and falls short: out of reach */
            sol->launch = g.l;
            sol->launch.kick_rad = k;
            sol->launch.cutoff_s = 0.0;
            sol->summary = g.best;
            sol->miss_m = miss;
            return bmd_err_set(err, BMD_EUNREACH,
                               "aim point %.0f km away, beyond %s's maximum %.0f km toward it "
                               "(launch azimuth %.1f deg, Earth rotation included)",
                               g.d_m / 1e3, mname(g.m), b.r_max / 1e3,
                               g.l.azimuth_rad * BMD_RAD2DEG);
        }
        if (!beyond && miss <= tol_m) break;
    }
    if (beyond == 2) return BMD_EUNREACH; /* never aimed exactly; err says why */
    if (beyond)
        return bmd_err_set(err, BMD_ENOCONV,
                           "traj: the launch azimuth toward the aim point did not settle in %d "
                           "passes (last maximum range %.0f km, aim point %.0f km away)",
                           AZ_MAX_ITER, b.r_max / 1e3, g.d_m / 1e3);
    sol->launch = g.l;
    sol->launch.kick_rad = k;
    sol->launch.cutoff_s = g.best.cutoff_s < g.t_full_s ? g.best.cutoff_s : 0.0;
    sol->summary = g.best;
    sol->miss_m = miss;
    sol->n_flights = g.n_flights;
    if (!(miss <= tol_m))
        return bmd_err_set(err, BMD_ENOCONV,
                           "traj: targeting left a miss of %.1f m (tolerance %.1f m)", miss, tol_m);
    return BMD_OK;
}

/* ---- the highest apogee at a range -------------------------------------------------- */

int bmd_traj_loft_limit(const bmd_traj_config *cfg, const bmd_missile *m, const bmd_traj_launch *l,
                        double range_m, bmd_traj_launch *best, bmd_traj_summary *sum,
                        bmd_errbuf *err)
{
    if (!(range_m >= 1000.0))
        return bmd_err_set(err, BMD_EINVAL, "traj: loft limit wants a range of at least 1 km");
    tgt g;
    int s = tgt_init(&g, cfg, m, l, err);
    if (s != BMD_OK) return s;
    g.d_m = range_m;
    g.ftol_m = 0.5;
    branch b;
    if ((s = max_range(&g, &b.k_mr, &b.r_max)) != BMD_OK) return s;
    if (range_m > b.r_max)
        return bmd_err_set(err, BMD_EUNREACH,
                           "%.1f km is beyond %s's maximum %.1f km along azimuth %.1f deg",
                           range_m / 1e3, mname(m), b.r_max / 1e3, l->azimuth_rad * BMD_RAD2DEG);
    if ((s = kick_bounds(&g, &b)) != BMD_OK) return s;
    double tc, rf;
    int reach;
    if ((s = solve_tc(&g, b.k_lo, &tc, &reach, &rf)) != BMD_OK) return s;
    if (reach == -1)
        return bmd_err_set(err, BMD_EUNREACH,
                           "%.1f km is closer than %s's shortest flight (%.1f km)", range_m / 1e3,
                           mname(m), g.r_short_m / 1e3);
    if (best) {
        *best = *l;
        best->kick_rad = b.k_lo;
        best->cutoff_s = g.best.cutoff_s < g.t_full_s ? g.best.cutoff_s : 0.0;
    }
    if (sum) *sum = g.best;
    return BMD_OK;
}
