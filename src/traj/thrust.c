/*
 * thrust.c: the thrust and drag of a staged booster and the ECEF equations
 * of motion (bmd/traj_step.h), shared by the missile fly-out (flight.c) and
 * the interceptor (src/engage/interceptor_boost.c, interceptor_fly.c).
 * Model and references: docs/models/traj.md.
 */
#include "bmd/traj_step.h"

#include <math.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/gravity.h"

void bmd_traj_eom_ecef(const bmd_earth *e, int gravity, const double y[BMD_TRAJ_NY],
                       const double f[3], double dy[BMD_TRAJ_NY])
{
    const double *r = y, *v = y + 3;
    double g[3] = {0.0, 0.0, 0.0}, w = e->omega_radps;
    if (gravity) (void)bmd_gravity_accel(e, r, g); /* |r| > 0 in flight */
    dy[0] = v[0];
    dy[1] = v[1];
    dy[2] = v[2];
    dy[3] = g[0] + f[0] + 2.0 * w * v[1] + w * w * r[0];
    dy[4] = g[1] + f[1] - 2.0 * w * v[0] + w * w * r[1];
    dy[5] = g[2] + f[2];
}

void bmd_traj_stages_of(const bmd_missile *m, bmd_traj_stages *st)
{
    double t = 0.0;
    for (int k = 0; k < m->n_stages; k++) {
        st->ign_s[k] = t;
        st->bo_s[k] = t + m->stage[k].burn_time_s;
        st->mdot_kgps[k] = m->stage[k].prop_mass_kg / m->stage[k].burn_time_s;
        t = st->bo_s[k] + m->stage[k].coast_s;
    }
    double above = m->payload_mass_kg;
    for (int k = m->n_stages - 1; k >= 0; k--) {
        st->above_kg[k] = above;
        above += m->stage[k].gross_mass_kg;
    }
}

int bmd_traj_stage_at(const bmd_missile *m, const bmd_traj_stages *st, double t_s)
{
    int k = 0;
    while (k + 1 < m->n_stages && st->ign_s[k + 1] <= t_s)
        k++;
    return k;
}

double bmd_traj_mass_at(const bmd_missile *m, const bmd_traj_stages *st, int k, double t_s)
{
    double burnt = fmin(t_s - st->ign_s[k], m->stage[k].burn_time_s);
    return st->above_kg[k] + m->stage[k].gross_mass_kg - st->mdot_kgps[k] * fmax(burnt, 0.0);
}

int bmd_traj_thrust_of(const bmd_missile *m, const bmd_traj_stages *st, double a_s, double b_s,
                       bmd_traj_thrust *p)
{
    double mid = 0.5 * (a_s + b_s);
    int k = bmd_traj_stage_at(m, st, mid);
    const bmd_stage *sk = &m->stage[k];
    memset(p, 0, sizeof *p);
    p->t0_s = a_s;
    p->m0_kg = bmd_traj_mass_at(m, st, k, a_s);
    p->burning = mid < st->bo_s[k];
    if (p->burning) {
        double mdot = st->mdot_kgps[k];
        p->mdot_kgps = mdot;
        p->f_vac_n = mdot * BMD_G0_MPS2 * sk->isp_vac_s;
        if (sk->isp_sl_s > 0.0)
            p->a_exit_m2 = mdot * BMD_G0_MPS2 * (sk->isp_vac_s - sk->isp_sl_s) / BMD_P0_PA;
    }
    double d = sk->diameter_m > 0.0 ? sk->diameter_m : m->stage[0].diameter_m;
    p->area_m2 = 0.25 * BMD_PI * d * d;
    return k;
}

double bmd_traj_thrust_mass(const bmd_traj_thrust *p, double t_s)
{
    return p->m0_kg - p->mdot_kgps * (t_s - p->t0_s);
}

double bmd_traj_thrust_n(const bmd_traj_thrust *p, double p_pa)
{
    double thr = p->f_vac_n - p_pa * p->a_exit_m2;
    return thr > 0.0 ? thr : 0.0;
}

double bmd_traj_cd(const bmd_cd_table *t, double mach)
{
    if (mach <= t->mach[0]) return t->cd[0];
    for (int i = 1; i < t->n; i++)
        if (mach < t->mach[i]) {
            double w = (mach - t->mach[i - 1]) / (t->mach[i] - t->mach[i - 1]);
            return t->cd[i - 1] + w * (t->cd[i] - t->cd[i - 1]);
        }
    return t->cd[t->n - 1];
}

double bmd_traj_drag_mps2(const bmd_traj_thrust *p, const bmd_cd_table *cd, double rho_kgpm3,
                          double speed_mps, double mach, double m_kg)
{
    if (p->inv_beta > 0.0) return 0.5 * rho_kgpm3 * speed_mps * speed_mps * p->inv_beta;
    if (p->area_m2 > 0.0)
        return 0.5 * rho_kgpm3 * speed_mps * speed_mps * bmd_traj_cd(cd, mach) * p->area_m2 / m_kg;
    return 0.0;
}
