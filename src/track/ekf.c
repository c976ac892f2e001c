/*
 * ekf.c: the extended Kalman filter (bmd/track.h): the linearised
 * prediction and impact of track_state.h with the iterated update below.
 * Bar-Shalom, Li & Kirubarajan (2001) sec. 10.3 (EKF), 5.2.3 (Joseph form).
 */
#include "track_state.h"

#include <math.h>
#include <string.h>

#include "bmd/core.h"

/*
 * Iterated EKF update (Bar-Shalom, Li & Kirubarajan (2001) sec. 10.5.2):
 * x_{i+1} = xp + K_i (z - h(x_i) - H_i (xp - x_i)), K_i from H_i = H(x_i),
 * until the change is below 1e-4 of every standard deviation (at most
 * IEKF_MAX iterations), then the Joseph-form covariance with the last H
 * and K. The first pass is the ordinary EKF update. Iterating matters at
 * the first updates after a one-point start: a predicted position a few km
 * off at 300 km range makes the range's curvature error (d^2 / 2R ~ 10 m)
 * far exceed a mm-class range noise, and a single linearisation then
 * produces an inconsistent estimate (docs/models/track.md).
 */
#define IEKF_MAX 10

static int ekf_update(bmd_track *tk, const bmd_track_config *c, const bmd_track_meas *z)
{
    (void)c;
    double H[3][NX], zh[3], S[3][3], Si[3][3], PHt[NX][3], K[NX][3];
    double R[3] = {z->sigma_range_m * z->sigma_range_m, z->sigma_az_rad * z->sigma_az_rad,
                   z->sigma_el_rad * z->sigma_el_rad};
    double xp[NX], xi[NX], sd[NX], nis = 0.0;
    memcpy(xp, tk->x, sizeof xp);
    memcpy(xi, tk->x, sizeof xi);
    for (int i = 0; i < NX; i++)
        sd[i] = sqrt(tk->P[i][i]);
    for (int it = 0; it < IEKF_MAX; it++) {
        if (bmd_track_meas_model(tk, xi, zh) != BMD_OK) return BMD_EDOM;
        bmd__trk_meas_jacobian(tk, xi, H);
        for (int i = 0; i < NX; i++)
            for (int j = 0; j < 3; j++) {
                double s = 0.0;
                for (int k = 0; k < NX; k++)
                    s += tk->P[i][k] * H[j][k];
                PHt[i][j] = s;
            }
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) {
                double s = 0.0;
                for (int k = 0; k < NX; k++)
                    s += H[i][k] * PHt[k][j];
                S[i][j] = s + (i == j ? R[i] : 0.0);
            }
        if (bmd__trk_inv3(S, Si) != BMD_OK) return BMD_EDOM;
        double y[3] = {z->range_m - zh[0], bmd_wrap_pi(z->az_rad - zh[1]), z->el_rad - zh[2]};
        if (it == 0) /* NIS of the ordinary innovation at the prediction */
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    nis += y[i] * Si[i][j] * y[j];
        /* y - H (xp - xi) */
        for (int i = 0; i < 3; i++)
            for (int k = 0; k < NX; k++)
                y[i] -= H[i][k] * (xp[k] - xi[k]);
        for (int i = 0; i < NX; i++)
            for (int j = 0; j < 3; j++)
                K[i][j] = PHt[i][0] * Si[0][j] + PHt[i][1] * Si[1][j] + PHt[i][2] * Si[2][j];
        int done = 1;
        for (int i = 0; i < NX; i++) {
            double xn = xp[i] + K[i][0] * y[0] + K[i][1] * y[1] + K[i][2] * y[2];
            if (fabs(xn - xi[i]) > 1e-4 * sd[i]) done = 0;
            xi[i] = xn;
        }
        if (done) break;
    }
    memcpy(tk->x, xi, sizeof xi);
    /* Joseph form: (I - K H) P (I - K H)^T + K R K^T */
    double A[NX][NX];
    for (int i = 0; i < NX; i++)
        for (int j = 0; j < NX; j++)
            A[i][j] = (i == j) - (K[i][0] * H[0][j] + K[i][1] * H[1][j] + K[i][2] * H[2][j]);
    bmd__trk_sandwich(A, tk->P);
    for (int i = 0; i < NX; i++)
        for (int j = 0; j < NX; j++)
            for (int k = 0; k < 3; k++)
                tk->P[i][j] += K[i][k] * R[k] * K[j][k];
    bmd__trk_symmetrize(tk->P);
    if (!bmd__trk_healthy(tk->x, tk->P)) return BMD_EDOM;
    tk->nis = nis;
    return BMD_OK;
}

/* The prediction of the linearised dynamics (dyn.c), which cannot fail;
 * track.c checks the covariance after every prediction. */
static int ekf_propagate(const bmd_track_config *c, double x[NX], double P[NX][NX], double dt)
{
    bmd__trk_propagate_lin(c, x, P, dt);
    return BMD_OK;
}

const bmd__trk_filter bmd__trk_ekf = {"EKF", ekf_propagate, ekf_update, bmd__trk_impact_linear};
