/*
 * bmd/gravity.h: gravitational acceleration of the Earth model.
 */
#ifndef BMD_GRAVITY_H
#define BMD_GRAVITY_H

#include "bmd/geo.h"

/*
 * bmd_gravity_accel: gravitational acceleration (no centrifugal term) at an
 * ECEF (or any Earth-centred, z-polar) position: point mass plus the zonal
 * harmonics J2, J3, J4 of e that are non-zero.
 * Given:    e  Earth model; r_m[3] position, m
 * Returned: g_mps2[3] acceleration, m/s^2, same frame as r_m
 * Returned (function value): BMD_OK; BMD_EDOM at |r| = 0 or non-finite r
 *           (g set to 0).
 * Notes:    a = (mu/r^2) {-r_hat + sum_n Jn (a_e/r)^n [P'_{n+1}(u) r_hat -
 *           P'_n(u) z_hat]}, u = z/r, a_e = e->a_m; the negative gradient of
 *           bmd_gravity_potential. Meant for points outside the Earth
 *           (inside, the expansion does not represent the field, though any
 *           finite r != 0 returns a finite value). About 20-35 ns.
 * References: Vallado, Fundamentals of Astrodynamics and Applications,
 *           4th ed. (2013), p. 594 (explicit J2 and J3 accelerations);
 *           docs/models/geo.md (derivation).
 */
int bmd_gravity_accel(const bmd_earth *e, const double r_m[3], double g_mps2[3]);

/*
 * bmd_gravity_potential: gravitational potential energy per unit mass,
 * V = -(mu/r) [1 - sum_{n=2..4} Jn (a/r)^n P_n(z/r)], whose negative
 * gradient is bmd_gravity_accel (so v^2/2 + V is conserved in free flight
 * about a non-rotating Earth).
 * Given:    e  Earth model; r_m[3] position, m (ECEF or any Earth-centred,
 *           z-polar frame)
 * Returned: *v_m2ps2 potential, m^2/s^2 (negative)
 * Returned (function value): BMD_OK; BMD_EDOM at |r| = 0 or non-finite r
 *           (*v_m2ps2 set to 0).
 * Notes:    P_n are the Legendre polynomials; a = e->a_m is the reference
 *           radius of the harmonics.
 * References: Vallado, Fundamentals of Astrodynamics and Applications,
 *           4th ed. (2013), ch. 8 (zonal-harmonic potential).
 */
int bmd_gravity_potential(const bmd_earth *e, const double r_m[3], double *v_m2ps2);

/*
 * bmd_gravity_gradient: gravitational acceleration and its gradient, for
 * filters' transition matrices.
 * Given:    e  Earth model; r_m[3] position, m
 * Returned: g_mps2[3] as bmd_gravity_accel; G[3][3] = d g_i / d r_j (s^-2,
 *           symmetric)
 * Returned (function value): BMD_OK; BMD_EDOM at |r| = 0 or non-finite r
 *           (g and G set to 0).
 * Notes:    1. Point mass plus J2 in closed form (the partials of
 *           bmd_gravity_accel's J2 expression); tests/gravity compares it
 *           with central differences to 1e-9 relative.
 *           2. If e has J3 or J4, G is by central differences of
 *           bmd_gravity_accel with 10 m steps (error ~1e-16 s^-2 against
 *           entries ~1e-6 s^-2; symmetric and trace-free to 1e-8 relative).
 * References: Vallado, Fundamentals of Astrodynamics and Applications,
 *           4th ed. (2013), p. 594 (the J2 acceleration differentiated).
 */
int bmd_gravity_gradient(const bmd_earth *e, const double r_m[3], double g_mps2[3], double G[3][3]);

#endif /* BMD_GRAVITY_H */
