/*
 * ukf.h: the UKF's sigma points (ukf.c), declared apart from the shared
 * filter state because only the UKF and its tests use them. Not part of
 * the public API.
 */
#ifndef BMD_TRACK_UKF_H
#define BMD_TRACK_UKF_H

#include "track_state.h"

/*
 * UKF sigma points of (x, P): X[0] = x, X[1..n] = x + s L_i, X[n+1..2n] =
 * x - s L_i, s = sqrt(n + lambda), L L^T = P; weights wm, wc.
 * Returns BMD_OK or BMD_EDOM (P not positive definite).
 */
int bmd__ukf_sigma(const bmd_track_config *c, const double x[NX], double P[NX][NX],
                   double X[2 * NX + 1][NX], double wm[2 * NX + 1], double wc[2 * NX + 1]);

#endif /* BMD_TRACK_UKF_H */
