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
 * Returned (function value): BMD_OK; BMD_EDOM at |r| = 0 (g set to 0).
 * References: Vallado, Fundamentals of Astrodynamics and Applications,
 * 4th ed. (2013), eq. 8-30 (J2) and the J3/J4 zonal terms.
 */
int bmd_gravity_accel(const bmd_earth *e, const double r_m[3], double g_mps2[3]);

#endif /* BMD_GRAVITY_H */
