/*
 * interceptor.c: interceptor description checks, the kinematic consistency
 * bounds, proportional navigation and the sampled-trajectory target.
 */
#include <math.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/interceptor.h"
#include "bmd/vec3.h"
#include "interceptor_internal.h"

double bmd_interceptor_ideal_dv(const bmd_interceptor *ic)
{
    if (ic == NULL || ic->booster.n_stages < 1 || ic->booster.n_stages > BMD_MAX_STAGES) return 0.0;
    const bmd_missile *m = &ic->booster;
    double above = m->payload_mass_kg, dv = 0.0;
    for (int k = m->n_stages - 1; k >= 0; k--) {
        double m0 = above + m->stage[k].gross_mass_kg, m1 = m0 - m->stage[k].prop_mass_kg;
        if (m1 > 0.0 && m0 > m1) dv += BMD_G0_MPS2 * m->stage[k].isp_vac_s * log(m0 / m1);
        above = m0;
    }
    return dv;
}

double bmd_interceptor_min_speed(const bmd_earth *e, double alt_m, double range_m)
{
    double r = e->a_m, mu = e->gm_m3ps2;
    /* energy to climb: v^2 = 2 mu (1/R - 1/(R + h)) */
    double v2_alt = 2.0 * mu * (1.0 / r - 1.0 / (r + fmax(alt_m, 0.0)));
    /* minimum-energy ballistic range (Bate, Mueller & White 1971, ch. 6):
     * sin(psi/2) = Q/(2 - Q) -> Q = 2 s/(1 + s), v^2 = Q mu / R */
    double s = sin(0.5 * fmin(fmax(range_m, 0.0) / r, BMD_PI));
    double v2_rng = 2.0 * s / (1.0 + s) * mu / r;
    return sqrt(fmax(v2_alt, v2_rng));
}

static int check_fields(const bmd_interceptor *ic, bmd_errbuf *err)
{
    const struct {
        const char *name;
        double v;
        int strict;
    } pos[] = {
        {"kv_mass_kg", ic->kv_mass_kg, 1},         {"kv_beta_kgpm2", ic->kv_beta_kgpm2, 1},
        {"kv_divert_mps", ic->kv_divert_mps, 0},   {"kv_accel_max_mps2", ic->kv_accel_max_mps2, 0},
        {"seeker_range_m", ic->seeker_range_m, 0}, {"midcourse_dt_s", ic->midcourse_dt_s, 1},
        {"terminal_dt_s", ic->terminal_dt_s, 1},   {"lethal_radius_m", ic->lethal_radius_m, 1},
        {"max_alt_m", ic->max_alt_m, 1},           {"max_range_m", ic->max_range_m, 1},
        {"pitch_over_s", ic->pitch_over_s, 1},
    };
    for (size_t i = 0; i < sizeof pos / sizeof pos[0]; i++) {
        double v = pos[i].v;
        if (!isfinite(v) || v < 0.0 || (pos[i].strict && v == 0.0))
            return bmd_err_set(err, BMD_EINVAL, "%s %g must be %s", pos[i].name, v,
                               pos[i].strict ? "> 0" : ">= 0");
    }
    if (!(ic->nav_gain >= 2.0 && ic->nav_gain <= 8.0))
        return bmd_err_set(err, BMD_EINVAL, "nav_gain %g outside [2, 8]", ic->nav_gain);
    if (!(ic->pk >= 0.0 && ic->pk <= 1.0))
        return bmd_err_set(err, BMD_EINVAL, "pk %g outside [0, 1]", ic->pk);
    if (!(ic->min_alt_m >= 0.0) || !(ic->min_alt_m < ic->max_alt_m))
        return bmd_err_set(err, BMD_EINVAL, "min_alt_m %g must be >= 0 and below max_alt_m %g",
                           ic->min_alt_m, ic->max_alt_m);
    if (ic->launchers < 0 || ic->missiles_per_launcher < 0)
        return bmd_err_set(err, BMD_EINVAL,
                           "launchers %d and missiles_per_launcher %d must be >= 0", ic->launchers,
                           ic->missiles_per_launcher);
    if (!(ic->max_flight_time_s >= 0.0) || !isfinite(ic->max_flight_time_s) ||
        !(ic->burnout_speed_mps >= 0.0) || !isfinite(ic->burnout_speed_mps))
        return bmd_err_set(err, BMD_EINVAL, "max_flight_time_s and burnout_speed_mps must be >= 0");
    return BMD_OK;
}

/* The envelope must be reachable at the interceptor's burnout speed. */
static int check_reach(const bmd_interceptor *ic, bmd_errbuf *err)
{
    bmd_earth e;
    bmd_earth_sphere(&e);
    double ideal = bmd_interceptor_ideal_dv(ic), v = ideal;
    const char *what = "ideal rocket-equation velocity";
    if (ic->burnout_speed_mps > 0.0) {
        if (ic->burnout_speed_mps > ideal)
            return bmd_err_set(err, BMD_EDOM,
                               "burnout_speed_mps %.0f m/s exceeds the booster's ideal "
                               "rocket-equation velocity %.0f m/s (check masses and Isp)",
                               ic->burnout_speed_mps, ideal);
        v = ic->burnout_speed_mps;
        what = "burnout speed";
    }
    double v_alt = bmd_interceptor_min_speed(&e, ic->max_alt_m, 0.0);
    double v_rng = bmd_interceptor_min_speed(&e, 0.0, ic->max_range_m);
    if (v < v_alt)
        return bmd_err_set(err, BMD_EDOM,
                           "max_alt_m: %s %.0f m/s cannot reach the stated maximum intercept "
                           "altitude %.0f km (needs at least %.0f m/s in vacuum)",
                           what, v, ic->max_alt_m / 1e3, v_alt);
    if (v < v_rng)
        return bmd_err_set(err, BMD_EDOM,
                           "max_range_m: %s %.0f m/s cannot reach the stated maximum range "
                           "%.0f km (needs at least %.0f m/s in vacuum)",
                           what, v, ic->max_range_m / 1e3, v_rng);
    return BMD_OK;
}

int bmd_interceptor_check(bmd_interceptor *ic, bmd_errbuf *err)
{
    if (ic == NULL) return bmd_err_set(err, BMD_EINVAL, "interceptor: NULL");
    bmd_missile *m = &ic->booster;
    if (!ic->kv_separates && m->n_stages >= 1 && m->n_stages <= BMD_MAX_STAGES) {
        const bmd_stage *st = &m->stage[m->n_stages - 1];
        ic->kv_mass_kg = m->payload_mass_kg + st->gross_mass_kg - st->prop_mass_kg;
    }
    int s = check_fields(ic, err);
    if (s != BMD_OK) return s;
    memcpy(m->name, ic->name, sizeof m->name);
    m->rv_separates = ic->kv_separates ? 1 : 0;
    m->rv_mass_kg = ic->kv_mass_kg;
    m->rv_beta_kgpm2 = ic->kv_beta_kgpm2;
    if ((s = bmd_traj_missile_check(m, err)) != BMD_OK) return s;
    if (ic->kv_separates && ic->kv_mass_kg > m->payload_mass_kg)
        return bmd_err_set(err, BMD_EINVAL, "kv_mass_kg %g exceeds the payload mass %g",
                           ic->kv_mass_kg, m->payload_mass_kg);
    return check_reach(ic, err);
}

/* ---- proportional navigation ----------------------------------------------- */

void bmd_interceptor_pn_accel(const double r_rel_m[3], const double v_rel_mps[3], double nav_gain,
                              double a_mps2[3], double *vc_mps, double *los_rate_rps)
{
    double r2 = bmd_v3_dot(r_rel_m, r_rel_m), r = sqrt(r2), om[3], u[3];
    bmd_v3_set(a_mps2, 0.0, 0.0, 0.0);
    if (vc_mps) *vc_mps = 0.0;
    if (los_rate_rps) *los_rate_rps = 0.0;
    if (!(r > 0.0)) return;
    double vc = -bmd_v3_dot(r_rel_m, v_rel_mps) / r;
    bmd_v3_cross(om, r_rel_m, v_rel_mps);
    bmd_v3_scale(om, 1.0 / r2, om);
    if (vc_mps) *vc_mps = vc;
    if (los_rate_rps) *los_rate_rps = bmd_v3_norm(om);
    if (!(vc > 0.0)) return;
    bmd_v3_scale(u, 1.0 / r, r_rel_m);
    bmd_v3_cross(a_mps2, om, u);
    bmd_v3_scale(a_mps2, nav_gain * vc, a_mps2);
}

/* ---- sampled trajectory ------------------------------------------------------ */

int bmd_ephem_target(void *ephem, double t_s, double r_ecef_m[3], double v_ecef_mps[3])
{
    return bmd__ephem_target_hint(ephem, t_s, NULL, r_ecef_m, v_ecef_mps);
}

int bmd__ephem_target_hint(const bmd_ephem *e, double t_s, size_t *hint, double r_ecef_m[3],
                           double v_ecef_mps[3])
{
    if (e == NULL || e->n < 2 || !(t_s >= e->t_s[0]) || !(t_s <= e->t_s[e->n - 1])) return 1;
    size_t lo = 0, hi = e->n - 1;
    /* the interval the bisection below finds (lo the last sample at or
     * before t, but at most n - 2), taken from the hint when it is that
     * one: the callers ask for nearby times */
    size_t g = hint != NULL ? *hint : 0;
    if (hint != NULL && g + 1 < e->n && e->t_s[g] <= t_s &&
        (t_s < e->t_s[g + 1] || g + 2 == e->n)) {
        lo = g;
        hi = g + 1;
    }
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (e->t_s[mid] <= t_s)
            lo = mid;
        else
            hi = mid;
    }
    if (hint != NULL) *hint = lo;
    double h = e->t_s[hi] - e->t_s[lo], s = (t_s - e->t_s[lo]) / h, s2 = s * s, s3 = s2 * s;
    /* cubic Hermite basis and its derivative (d/ds) */
    double h00 = 2 * s3 - 3 * s2 + 1, h10 = s3 - 2 * s2 + s, h01 = -2 * s3 + 3 * s2, h11 = s3 - s2;
    double d00 = 6 * s2 - 6 * s, d10 = 3 * s2 - 4 * s + 1, d01 = -6 * s2 + 6 * s,
           d11 = 3 * s2 - 2 * s;
    for (int i = 0; i < 3; i++) {
        double p0 = e->r_ecef_m[lo][i], p1 = e->r_ecef_m[hi][i];
        double m0 = h * e->v_ecef_mps[lo][i], m1 = h * e->v_ecef_mps[hi][i];
        r_ecef_m[i] = h00 * p0 + h10 * m0 + h01 * p1 + h11 * m1;
        v_ecef_mps[i] = (d00 * p0 + d10 * m0 + d01 * p1 + d11 * m1) / h;
    }
    return 0;
}
