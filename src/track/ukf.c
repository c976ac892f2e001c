/*
 * ukf.c: the unscented Kalman filter's sigma points, prediction and update
 * (bmd/track.h). Scaled unscented transform: Julier, "The scaled unscented
 * transformation", Proc. ACC (2002); weights as in Wan & van der Merwe,
 * "The unscented Kalman filter for nonlinear estimation", Proc. IEEE
 * AS-SPCC (2000), eqs. 15 and the UKF of their algorithm 3.1 with additive
 * noise.
 */
#include "ukf.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_permutation.h>

#include "bmd/core.h"

#define NS (2 * NX + 1)

/* Largest diagonal perturbation (relative to the correlation matrix, whose
 * diagonal is 1) that GSL's modified Cholesky may add before P is declared
 * not positive definite. */
#define MCHOL_E_MAX 1e-6

/*
 * A square root S (S S^T = P) from the modified Cholesky factorisation
 * P~ (C + E) P~^T = L D L^T (GSL, Gill, Murray & Wright) of the correlation
 * matrix C = diag(d)^-1 P diag(d)^-1, d_i = sqrt(P_ii). The scaling makes
 * the factorisation independent of the units (m, m/s, m^2/kg differ by
 * ten orders of magnitude); the modified form is used because it never
 * calls GSL's abort-on-error handler: a perturbation E above MCHOL_E_MAX
 * means P is not positive definite.
 */
static int sqrtm(double P[NX][NX], double S[NX][NX])
{
    double d[NX], A[NX * NX], Ed[NX];
    size_t pd[NX];
    for (int i = 0; i < NX; i++) {
        if (!(P[i][i] > 0.0) || !isfinite(P[i][i])) return BMD_EDOM;
        d[i] = sqrt(P[i][i]);
    }
    for (int i = 0; i < NX; i++)
        for (int j = 0; j < NX; j++) {
            A[i * NX + j] = P[i][j] / (d[i] * d[j]);
            if (!isfinite(A[i * NX + j])) return BMD_EDOM;
        }
    gsl_matrix_view mv = gsl_matrix_view_array(A, NX, NX);
    gsl_vector_view ev = gsl_vector_view_array(Ed, NX);
    gsl_permutation perm = {NX, pd};
    if (gsl_linalg_mcholesky_decomp(&mv.matrix, &perm, &ev.vector) != 0) return BMD_EDOM;
    for (int i = 0; i < NX; i++)
        if (!(fabs(Ed[i]) <= MCHOL_E_MAX) || !(A[i * NX + i] > 0.0)) return BMD_EDOM;
    /* row i of L sqrt(D) is row pd[i] of the square root of C */
    memset(S, 0, NX * sizeof S[0]);
    for (int i = 0; i < NX; i++) {
        size_t r = pd[i];
        for (int j = 0; j <= i; j++) {
            double l = i == j ? 1.0 : A[i * NX + j];
            S[r][j] = d[r] * l * sqrt(A[j * NX + j]);
        }
    }
    return BMD_OK;
}

int bmd__ukf_sigma(const bmd_track_config *c, const double x[NX], double P[NX][NX],
                   double X[NS][NX], double wm[NS], double wc[NS])
{
    double a2 = c->ukf_alpha * c->ukf_alpha;
    double lam = a2 * (NX + c->ukf_kappa) - NX, s = sqrt(NX + lam);
    double S[NX][NX];
    int st = sqrtm(P, S);
    if (st != BMD_OK) return st;
    wm[0] = lam / (NX + lam);
    wc[0] = wm[0] + 1.0 - a2 + c->ukf_beta;
    memcpy(X[0], x, sizeof X[0]);
    for (int k = 0; k < NX; k++) {
        wm[1 + k] = wm[1 + NX + k] = wc[1 + k] = wc[1 + NX + k] = 0.5 / (NX + lam);
        for (int i = 0; i < NX; i++) {
            X[1 + k][i] = x[i] + s * S[i][k];
            X[1 + NX + k][i] = x[i] - s * S[i][k];
        }
    }
    return BMD_OK;
}

/* Mean and covariance of the sigma points. */
static void moments(double X[NS][NX], const double wm[NS], const double wc[NS], double x[NX],
                    double P[NX][NX])
{
    for (int i = 0; i < NX; i++) {
        double s = 0.0;
        for (int k = 0; k < NS; k++)
            s += wm[k] * X[k][i];
        x[i] = s;
    }
    memset(P, 0, NX * sizeof P[0]);
    for (int k = 0; k < NS; k++) {
        double d[NX];
        for (int i = 0; i < NX; i++)
            d[i] = X[k][i] - x[i];
        for (int i = 0; i < NX; i++)
            for (int j = 0; j <= i; j++)
                P[i][j] += wc[k] * d[i] * d[j];
    }
    for (int i = 0; i < NX; i++)
        for (int j = 0; j < i; j++)
            P[j][i] = P[i][j];
}

static int ukf_propagate(const bmd_track_config *c, double x[NX], double P[NX][NX], double dt)
{
    double left = dt;
    while (left > 0.0) {
        double hmax = bmd__trk_hmax(c, x);
        double n = ceil(left / hmax - 1e-9);
        double h = n <= 1.0 ? left : left / n;
        double X[NS][NX], wm[NS], wc[NS];
        int st = bmd__ukf_sigma(c, x, P, X, wm, wc);
        if (st != BMD_OK) return st;
        for (int k = 0; k < NS; k++)
            bmd__trk_rk4(c, X[k], h);
        moments(X, wm, wc, x, P);
        bmd__trk_add_q(c, P, h);
        if (!bmd__trk_healthy(x, P)) return BMD_EDOM;
        left = n <= 1.0 ? 0.0 : left - h;
    }
    return BMD_OK;
}

static int ukf_update(bmd_track *tk, const bmd_track_config *c, const bmd_track_meas *z)
{
    double X[NS][NX], wm[NS], wc[NS], Z[NS][3];
    int st = bmd__ukf_sigma(c, tk->x, tk->P, X, wm, wc);
    if (st != BMD_OK) return st;
    for (int k = 0; k < NS; k++) {
        if (bmd_track_meas_model(tk, X[k], Z[k]) != BMD_OK) return BMD_EDOM;
        /* azimuths continuous about the central point's */
        if (k > 0) Z[k][1] = Z[0][1] + bmd_wrap_pi(Z[k][1] - Z[0][1]);
    }
    double zm[3] = {0.0, 0.0, 0.0};
    for (int k = 0; k < NS; k++)
        for (int i = 0; i < 3; i++)
            zm[i] += wm[k] * Z[k][i];
    double S[3][3] = {{0}}, Pxz[NX][3], Si[3][3], K[NX][3];
    memset(Pxz, 0, sizeof Pxz);
    for (int k = 0; k < NS; k++) {
        double dz[3] = {Z[k][0] - zm[0], Z[k][1] - zm[1], Z[k][2] - zm[2]};
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                S[i][j] += wc[k] * dz[i] * dz[j];
        for (int i = 0; i < NX; i++) {
            double dx = X[k][i] - tk->x[i];
            for (int j = 0; j < 3; j++)
                Pxz[i][j] += wc[k] * dx * dz[j];
        }
    }
    S[0][0] += z->sigma_range_m * z->sigma_range_m;
    S[1][1] += z->sigma_az_rad * z->sigma_az_rad;
    S[2][2] += z->sigma_el_rad * z->sigma_el_rad;
    if (bmd__trk_inv3(S, Si) != BMD_OK) return BMD_EDOM;
    double y[3] = {z->range_m - zm[0], bmd_wrap_pi(z->az_rad - zm[1]), z->el_rad - zm[2]};
    for (int i = 0; i < NX; i++)
        for (int j = 0; j < 3; j++)
            K[i][j] = Pxz[i][0] * Si[0][j] + Pxz[i][1] * Si[1][j] + Pxz[i][2] * Si[2][j];
    double nis = 0.0;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            nis += y[i] * Si[i][j] * y[j];
    for (int i = 0; i < NX; i++)
        tk->x[i] += K[i][0] * y[0] + K[i][1] * y[1] + K[i][2] * y[2];
    /* P - K S K^T = P - Pxz K^T */
    for (int i = 0; i < NX; i++)
        for (int j = 0; j < NX; j++)
            tk->P[i][j] -= Pxz[i][0] * K[j][0] + Pxz[i][1] * K[j][1] + Pxz[i][2] * K[j][2];
    bmd__trk_symmetrize(tk->P);
    if (!bmd__trk_healthy(tk->x, tk->P)) return BMD_EDOM;
    tk->nis = nis;
    return BMD_OK;
}

static int ukf_impact(const bmd_track *tk, const bmd_track_config *c, bmd_track_impact *out,
                      bmd_errbuf *err)
{
    return bmd__trk_impact_sigma(tk, c, ukf_propagate, bmd__ukf_sigma, out, err);
}

const bmd__trk_filter bmd__trk_ukf = {"UKF", ukf_propagate, ukf_update, ukf_impact};
