/*
 * geo_internal.h: what src/geo shares with the fly-out (src/traj) and the
 * tests beyond the public API. Not part of the public API.
 */
#ifndef BMD_GEO_INTERNAL_H
#define BMD_GEO_INTERNAL_H

#include "bmd/geo.h"

/* The constants of bmd__geo_height_fast, from bmd__geo_hconst_init. */
typedef struct bmd__geo_hconst {
    double a2_m2, b2_m2;     /* a^2, b^2 */
    double ia2_pm2, ib2_pm2; /* 1/a^2, 1/b^2 */
    double ka_pm2, kb_pm2;   /* (a^2 - b^2)/a^4, (a^2 - b^2)/b^4 */
    int sphere;              /* 1: f = 0 (bmd_geo_height's exact path) */
} bmd__geo_hconst;

/*
 * bmd__geo_hconst_init: the constants of bmd__geo_height_fast for e.
 * Given:    e          model
 * Returned: *k         constants
 */
void bmd__geo_hconst_init(const bmd_earth *e, bmd__geo_hconst *k);

/*
 * bmd__geo_height_fast: bmd_geo_height's height (Bowring's single step)
 * in a form with a shorter chain of square roots and divisions, for the
 * fly-out's right-hand side at the analysis settings.
 * Given:    e model; k its constants (bmd__geo_hconst_init); r_ecef_m[3]
 *           position (m, ECEF)
 * Returned (function value): height above the ellipsoid (m, negative inside)
 * Notes:    1. Bowring's step as bmd_geo_height, with the two normalisations
 *              of the parametric latitude's (cos u, sin u) and the final
 *              normal scaled out (the height is homogeneous of degree 0 in
 *              them): h = (p^2 K + z^2 L - sqrt(a^2 P + b^2 Z)) / sqrt(P + Z)
 *              with n^2 = p^2/a^2 + z^2/b^2, K = n^3 - c2 p^2/a^4,
 *              L = n^3 + c2 z^2/b^4, P = p^2 K^2, Z = z^2 L^2, c2 = a^2 - b^2
 *              (derivation in docs/models/geo.md). One square root, then two
 *              independent ones and one division, against bmd_geo_height's
 *              chain of four square roots and three divisions.
 *           2. The same height as bmd_geo_height to rounding: the
 *              subtraction loses about log2(a / h) bits, so the two differ
 *              by a few nm (within 1e-8 m of the reference from -100 km to
 *              10,000 km and 1e-7 m out to 1e8 m, as bmd_geo_height;
 *              tests/geo/test_geo.c), but not bit for bit.
 *           3. Outside a/2 < |r| < 1e8 m and for a sphere: bmd_geo_height.
 * References: Bowring, Survey Review 23 (181), 323-327 (1976).
 */
double bmd__geo_height_fast(const bmd_earth *e, const bmd__geo_hconst *k, const double r_ecef_m[3]);

/*
 * bmd__geo_height_normal_fast: bmd__geo_height_fast's height and the
 * ellipsoid normal at the foot point of its Bowring step, for the events'
 * height rate at the analysis settings.
 * Given:    e model; r_ecef_m[3] position (m, ECEF)
 * Returned: n[3]       unit normal at the step's foot point, ECEF
 * Returned (function value): height above the ellipsoid (m), the number
 *           bmd__geo_height_fast returns up to one rounding
 * Notes:    1. With bmd__geo_height_fast's K and L the normal
 *              (b cos u cos lambda, b cos u sin lambda, a sin u) is
 *              proportional to (K x, K y, L z), and its norm is the
 *              sqrt(P + Z) the height divides by: one more division. The
 *              constants (bmd__geo_hconst_init) are computed in the call,
 *              in parallel with the chain that depends on r.
 *           2. The step's foot differs from bmd_geo_height_normal's
 *              (Newton-polished) one by the step's latitude error: normal
 *              within 2e-11 of it below 100 km, 1e-9 below 1000 km and 1e-8
 *              out to 10,000 km (tests/geo/test_geo.c).
 *           3. On the axis (K x = K y = 0) and the equatorial plane
 *              (L z = 0) the formula gives the exact normal; where
 *              bmd__geo_height_fast falls back: bmd_geo_height_normal.
 */
double bmd__geo_height_normal_fast(const bmd_earth *e, const double r_ecef_m[3], double n[3]);

#endif /* BMD_GEO_INTERNAL_H */
