/*
 * bmd/traj_step.h: the building blocks of bmd_traj_fly for modules that fly
 * their own vehicles (the interceptor's booster and kill vehicle, src/engage):
 * one integrator step with its error norm and dense output, the thrust and
 * drag of a staged booster, and the ECEF equations of motion. One
 * implementation serves the missile fly-out and the interceptor, so both
 * fly the same physics (docs/models/traj.md, docs/models/interceptor.md).
 * Part of the traj module (src/traj/step.c, src/traj/thrust.c).
 */
#ifndef BMD_TRAJ_STEP_H
#define BMD_TRAJ_STEP_H

#include "bmd/geo.h"
#include "bmd/missile.h"
#include "bmd/traj.h"

#define BMD_TRAJ_NY 6 /* state: r_ecef_m[3], v_ecef_mps[3] */

/* ---- one integrator step --------------------------------------------------- */

/* Right-hand side dy/dt = f(t, y) in ECEF; returns 0 (kept int for GSL). */
typedef int (*bmd_traj_rhs)(void *ctx, double t_s, const double y[BMD_TRAJ_NY],
                            double dydt[BMD_TRAJ_NY]);

/*
 * Dense output over one accepted step [t0_s, t0_s + h_s], filled by
 * bmd_traj_step: for dopri5 Shampine's continuous extension (c[0..4] =
 * Hairer's rcont1..5), for the Hermite form c[0..5][0..2] = r0, h v0,
 * h^2 a0, h^2 a1, h v1, r1. Read it with bmd_traj_dense_eval only.
 */
typedef struct bmd_traj_dense {
    double t0_s, h_s;
    double c[6][BMD_TRAJ_NY];
    void (*eval)(const struct bmd_traj_dense *d, double t_s, double y[BMD_TRAJ_NY]);
} bmd_traj_dense;

/*
 * bmd_traj_step: one trial step of the integrator ig.
 * Given:    ig      an initialised integrator (bmd_traj_integrator_init)
 *           f, ctx  the right-hand side
 *           t_s, h_s  start and length of the step (s)
 *           y, dydt the state at t_s (m, m/s, ECEF) and f(t_s, y)
 * Returned: y1, dydt1  the state at t_s + h_s and f there
 *           yerr    the local error estimate (m, m/s)
 *           *d      the dense output of the step
 * Returned (function value): 0, or the non-zero status of f.
 * Notes:    accept the step when bmd_traj_err_norm(ig, y, y1, yerr) <= 1.
 */
int bmd_traj_step(const bmd_traj_integrator *ig, bmd_traj_rhs f, void *ctx, double t_s, double h_s,
                  const double y[BMD_TRAJ_NY], const double dydt[BMD_TRAJ_NY],
                  double y1[BMD_TRAJ_NY], double dydt1[BMD_TRAJ_NY], double yerr[BMD_TRAJ_NY],
                  bmd_traj_dense *d);

/*
 * bmd_traj_err_norm: RMS of the local error e scaled by ig's tolerances,
 * atol (position or velocity) + rtol max(|y0_i|, |y1_i|) (Hairer, Norsett
 * & Wanner 1993, sec. II.4). <= 1 accepts the step.
 */
double bmd_traj_err_norm(const bmd_traj_integrator *ig, const double y0[BMD_TRAJ_NY],
                         const double y1[BMD_TRAJ_NY], const double e[BMD_TRAJ_NY]);

/* bmd_traj_err_exponent: the step-size controller exponent 1/(q+1) of ig's
 * stepper, q the order of its embedded error estimate. */
double bmd_traj_err_exponent(const bmd_traj_integrator *ig);

/* bmd_traj_dense_eval: the state y at t_s within the step of d. */
void bmd_traj_dense_eval(const bmd_traj_dense *d, double t_s, double y[BMD_TRAJ_NY]);

/* ---- equations of motion --------------------------------------------------- */

/*
 * bmd_traj_eom_ecef: r'' = g(r) + f - 2 w x v - w x (w x r), w = (0, 0,
 * omega), in ECEF with v Earth-relative.
 * Given:    e        the Earth (gravity J2, rotation omega_radps)
 *           gravity  0: no gravity term
 *           y        state (m, m/s, ECEF); f[3] specific force (thrust,
 *                    drag, guidance; m/s^2, ECEF)
 * Returned: dy       dy/dt (m/s, m/s^2)
 */
void bmd_traj_eom_ecef(const bmd_earth *e, int gravity, const double y[BMD_TRAJ_NY],
                       const double f[3], double dy[BMD_TRAJ_NY]);

/* ---- thrust and drag of a staged booster ----------------------------------- */

/* The stage timeline of a missile (bmd_missile): stage k ignites at ign_s[k]
 * and burns out at bo_s[k] with constant mass flow mdot_kgps[k]; above_kg[k]
 * is the mass it carries (upper stages and payload). */
typedef struct bmd_traj_stages {
    double ign_s[BMD_MAX_STAGES], bo_s[BMD_MAX_STAGES];
    double mdot_kgps[BMD_MAX_STAGES], above_kg[BMD_MAX_STAGES];
} bmd_traj_stages;

/*
 * One interval with no discontinuity in propulsion or drag model: mass
 * m0_kg at t0_s falling at mdot_kgps; vacuum thrust f_vac_n less the
 * back-pressure p a_exit_m2 while burning; drag 1/2 rho v^2 Cd(Mach) A / m
 * with A = area_m2, or 1/2 rho v^2 inv_beta when inv_beta > 0.
 */
typedef struct bmd_traj_thrust {
    double t0_s, m0_kg, mdot_kgps; /* s, kg, kg/s */
    double f_vac_n, a_exit_m2;     /* N, m^2 (0 when not burning) */
    double area_m2;                /* drag reference area with Cd(Mach), m^2 */
    double inv_beta;               /* 1/ballistic coefficient, m^2/kg (0: Cd) */
    int burning;                   /* 1 while a stage burns */
} bmd_traj_thrust;

/* bmd_traj_stages_of: the timeline of m (checked by bmd_traj_missile_check). */
void bmd_traj_stages_of(const bmd_missile *m, bmd_traj_stages *st);
/* bmd_traj_stage_at: the stage (0-based) whose burn or coast holds t_s. */
int bmd_traj_stage_at(const bmd_missile *m, const bmd_traj_stages *st, double t_s);
/* bmd_traj_mass_at: the vehicle's mass (kg) at t_s with stage k on. */
double bmd_traj_mass_at(const bmd_missile *m, const bmd_traj_stages *st, int k, double t_s);

/*
 * bmd_traj_thrust_of: the thrust and drag of m over [a_s, b_s], an interval
 * between two breakpoints of its timeline (ignitions, burnouts).
 * Returned: *p  (inv_beta 0); thrust from Isp: F_vac = mdot g0 Isp_vac,
 *               A_exit = mdot g0 (Isp_vac - Isp_sl) / p0 (Sutton & Biblarz
 *               2001, eq. 3-35), A = pi d^2 / 4 of the stage (or stage 1)
 * Returned (function value): the stage (0-based) on in the interval.
 */
int bmd_traj_thrust_of(const bmd_missile *m, const bmd_traj_stages *st, double a_s, double b_s,
                       bmd_traj_thrust *p);

/* bmd_traj_thrust_mass: the mass at t_s, kg. */
double bmd_traj_thrust_mass(const bmd_traj_thrust *p, double t_s);
/* bmd_traj_thrust_n: the thrust at ambient pressure p_pa, N (>= 0). */
double bmd_traj_thrust_n(const bmd_traj_thrust *p, double p_pa);
/*
 * bmd_traj_drag_mps2: the drag deceleration (m/s^2) at density rho_kgpm3,
 * speed_mps and mach, mass m_kg; Cd from cd (bmd_traj_cd) unless
 * p->inv_beta > 0.
 */
double bmd_traj_drag_mps2(const bmd_traj_thrust *p, const bmd_cd_table *cd, double rho_kgpm3,
                          double speed_mps, double mach, double m_kg);
/* bmd_traj_cd: Cd at mach, linear in the table, its end values outside. */
double bmd_traj_cd(const bmd_cd_table *t, double mach);

#endif /* BMD_TRAJ_STEP_H */
