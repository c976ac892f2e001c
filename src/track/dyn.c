/*
 * dyn.c: the tracker's equations of motion, RK4 steps with the
 * state-transition matrix, process noise and the ground crossing
 * (bmd/track.h; model and references: docs/models/track.md).
 */
#include "track_state.h"

#include <math.h>
#include <string.h>

#include "bmd/gravity.h"
#include "bmd/solve.h"
#include "bmd/traj.h"

void bmd__trk_deriv(const bmd_track_config *c, const double x[NX], double dx[NX])
{
    const bmd_earth *e = c->earth;
    double g[3];
    (void)bmd_gravity_accel(e, x, g); /* |r| = 0 gives g = 0: caught by the height check */
    double w = e->omega_radps;
    /* -2 w x v - w x (w x r), w = (0, 0, omega) */
    double rot[3] = {2.0 * w * x[4] + w * w * x[0], -2.0 * w * x[3] + w * w * x[1], 0.0};
    double k = 0.0; /* drag acceleration = -k v */
    if (c->atmo != NULL && x[6] != 0.0) {
        double h = bmd__trk_height(c, x);
        if (h < BMD_TRAJ_ATMO_TOP_M) {
            bmd_atmo_point p;
            (void)bmd_atmo_eval(c->atmo, h, &p); /* below -5 km: clamped */
            double v = sqrt(x[3] * x[3] + x[4] * x[4] + x[5] * x[5]);
            /* 1/beta of any sign: keeps the model smooth for the filter */
            k = 0.5 * p.rho_kgpm3 * v * x[6];
        }
    }
    for (int i = 0; i < 3; i++) {
        dx[i] = x[3 + i];
        dx[3 + i] = g[i] + rot[i] - k * x[3 + i];
    }
    dx[6] = 0.0;
}

/* Central differences; steps 1 m, 1 mm/s and 1e-7 m^2/kg. The dynamics are
 * linear in 1/beta and quadratic in v (exact by central differences up to
 * rounding); in r the truncation error is ~(1 m)^2 f''' / 6, negligible
 * against the gravity gradient (~1.5e-6 s^-2). */
void bmd__trk_jacobian_fd(const bmd_track_config *c, const double x[NX], double F[NX][NX])
{
    static const double hs[NX] = {1.0, 1.0, 1.0, 1e-3, 1e-3, 1e-3, 1e-7};
    double xp[NX], xm[NX], fp[NX], fm[NX];
    for (int j = 0; j < NX; j++) {
        memcpy(xp, x, sizeof xp);
        memcpy(xm, x, sizeof xm);
        xp[j] += hs[j];
        xm[j] -= hs[j];
        bmd__trk_deriv(c, xp, fp);
        bmd__trk_deriv(c, xm, fm);
        for (int i = 0; i < NX; i++)
            F[i][j] = (fp[i] - fm[i]) / (2.0 * hs[j]);
    }
}

/*
 * dx/dt and its Jacobian F in closed form, sharing one geodetic conversion
 * and the atmosphere: the gravity gradient (bmd_gravity_gradient), the
 * Coriolis and centrifugal terms, and with a = -k v, k = rho(h) |v| ib / 2,
 *   da/dv  = -k I - (rho ib / 2) v v^T / |v|,
 *   da/dib = -(rho |v| / 2) v,
 *   da/dr  = -(|v| ib / 2) (d rho/dh) v n^T, n the ellipsoid normal (= grad h).
 * d rho/dh by central differences of the atmosphere over +-1 m (relative
 * error ~(1 m / 7 km)^2 / 6 < 1e-8; one-sided across a US76 layer kink).
 * tests/track checks F against bmd__trk_jacobian_fd.
 */
void bmd__trk_deriv_jac(const bmd_track_config *c, const double x[NX], double dx[NX],
                        double F[NX][NX])
{
    const bmd_earth *e = c->earth;
    double g[3], G[3][3], w = e->omega_radps;
    (void)bmd_gravity_gradient(e, x, g, G); /* |r| = 0: zeros, caught elsewhere */
    memset(F, 0, NX * sizeof F[0]);
    for (int i = 0; i < 3; i++) {
        F[i][3 + i] = 1.0;
        for (int j = 0; j < 3; j++)
            F[3 + i][j] = G[i][j];
    }
    /* -2 w x v - w x (w x r), w = (0, 0, omega) */
    F[3][0] += w * w;
    F[4][1] += w * w;
    F[3][4] += 2.0 * w;
    F[4][3] -= 2.0 * w;
    double k = 0.0;
    const double *v = x + 3;
    /* with 1/beta = 0 too: the column of 1/beta is not zero there */
    if (c->atmo != NULL && bmd_geo_maybe_below(e, x, BMD_TRAJ_ATMO_TOP_M)) {
        double foot[3];
        double h = bmd_geo_foot(e, x, foot);
        if (h < BMD_TRAJ_ATMO_TOP_M) {
            bmd_atmo_point p, pp, pm;
            (void)bmd_atmo_eval(c->atmo, h, &p); /* below -5 km: clamped */
            (void)bmd_atmo_eval(c->atmo, h + 1.0, &pp);
            (void)bmd_atmo_eval(c->atmo, h - 1.0, &pm);
            double drho = 0.5 * (pp.rho_kgpm3 - pm.rho_kgpm3);
            double sp = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]), ib = x[6];
            /* the ellipsoid normal at the foot, grad (x^2 + y^2) / a^2 + z^2 / b^2 */
            double ia2 = 1.0 / (e->a_m * e->a_m), ib2 = 1.0 / (e->b_m * e->b_m);
            double n[3] = {foot[0] * ia2, foot[1] * ia2, foot[2] * ib2};
            double nn = 1.0 / sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
            for (int i = 0; i < 3; i++)
                n[i] *= nn;
            k = 0.5 * p.rho_kgpm3 * sp * ib;
            double kv = sp > 0.0 ? 0.5 * p.rho_kgpm3 * ib / sp : 0.0;
            for (int i = 0; i < 3; i++) {
                F[3 + i][6] = -0.5 * p.rho_kgpm3 * sp * v[i];
                F[3 + i][3 + i] -= k;
                for (int j = 0; j < 3; j++) {
                    F[3 + i][3 + j] -= kv * v[i] * v[j];
                    F[3 + i][j] -= 0.5 * sp * ib * drho * v[i] * n[j];
                }
            }
        }
    }
    double rot[3] = {2.0 * w * x[4] + w * w * x[0], -2.0 * w * x[3] + w * w * x[1], 0.0};
    for (int i = 0; i < 3; i++) {
        dx[i] = v[i];
        dx[3 + i] = g[i] + rot[i] - k * v[i];
    }
    dx[6] = 0.0;
}

/* kp = F Y for the structure of F (rows 0-2 are [0 I 0], row 6 is 0) and
 * of Y (row 6 is e6: 1/beta is constant): the same sums in the same order
 * as the full product, less the terms that are exactly 0. */
static void mul_f(double F[NX][NX], double Y[NX][NX], double kp[NX][NX])
{
    for (int j = 0; j < NX; j++) {
        for (int i = 0; i < 3; i++) {
            kp[i][j] = Y[3 + i][j];
            double s = 0.0;
            for (int m = 0; m < NX - 1; m++)
                s += F[3 + i][m] * Y[m][j];
            kp[3 + i][j] = j == NX - 1 ? s + F[3 + i][NX - 1] : s;
        }
        kp[6][j] = 0.0;
    }
}

double bmd__trk_height(const bmd_track_config *c, const double x[NX])
{
    return bmd_geo_height(c->earth, x);
}

double bmd__trk_hmax(const bmd_track_config *c, const double x[NX])
{
    /* |r| >= a + H puts the point above geodetic height H: no height needed */
    if (c->max_step_dense_s < c->max_step_s && bmd_geo_maybe_below(c->earth, x, c->dense_alt_m) &&
        bmd__trk_height(c, x) < c->dense_alt_m)
        return c->max_step_dense_s;
    return c->max_step_s;
}

void bmd__trk_rk4(const bmd_track_config *c, double x[NX], double h)
{
    double k1[NX], k2[NX], k3[NX], k4[NX], y[NX];
    bmd__trk_deriv(c, x, k1);
    for (int i = 0; i < NX; i++)
        y[i] = x[i] + 0.5 * h * k1[i];
    bmd__trk_deriv(c, y, k2);
    for (int i = 0; i < NX; i++)
        y[i] = x[i] + 0.5 * h * k2[i];
    bmd__trk_deriv(c, y, k3);
    for (int i = 0; i < NX; i++)
        y[i] = x[i] + h * k3[i];
    bmd__trk_deriv(c, y, k4);
    for (int i = 0; i < NX; i++)
        x[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
}

/* RK4 on the augmented system x' = f(x), Phi' = F(x) Phi, Phi(0) = I: the
 * closed-form Jacobian at each stage's state, so Phi is the derivative of
 * the RK4 step itself (tests/track). Freezing F at the midpoint over the
 * step instead was tried (2026-12-05) and rejected: the position/1-beta
 * entries are weighted toward the step's start, and the error was 3 % of
 * them over a 1 s step at 60 km. */
void bmd__trk_rk4_phi(const bmd_track_config *c, double x[NX], double Phi[NX][NX], double h)
{
    static const double a[4] = {0.0, 0.5, 0.5, 1.0};
    static const double b[4] = {1.0 / 6.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 6.0};
    double kx[NX], kp[NX][NX], y[NX], Y[NX][NX], F[NX][NX], xs[NX];
    memcpy(xs, x, sizeof xs);
    /* Phi at the step start is I, and row 6 of every stage's Y is e6 (kp's
     * row 6 is 0), so only rows 0-5 are formed and summed */
    double sx[NX] = {0}, sp[NX - 1][NX];
    memset(sp, 0, sizeof sp);
    memset(Y, 0, sizeof Y);
    for (int i = 0; i < NX; i++)
        Y[i][i] = 1.0;
    for (int s = 0; s < 4; s++) {
        if (s == 0)
            memcpy(y, xs, sizeof y);
        else
            for (int i = 0; i < NX; i++) {
                y[i] = xs[i] + a[s] * h * kx[i];
                if (i < NX - 1)
                    for (int j = 0; j < NX; j++)
                        Y[i][j] = (i == j ? 1.0 : 0.0) + a[s] * h * kp[i][j];
            }
        bmd__trk_deriv_jac(c, y, kx, F);
        mul_f(F, Y, kp);
        for (int i = 0; i < NX; i++) {
            sx[i] += b[s] * kx[i];
            if (i < NX - 1)
                for (int j = 0; j < NX; j++)
                    sp[i][j] += b[s] * kp[i][j];
        }
    }
    for (int i = 0; i < NX; i++) {
        x[i] = xs[i] + h * sx[i];
        for (int j = 0; j < NX; j++)
            Phi[i][j] = (i == j ? 1.0 : 0.0) + (i < NX - 1 ? h * sp[i][j] : 0.0);
    }
}

void bmd__trk_propagate_phi(const bmd_track_config *c, double x[NX], double Phi[NX][NX], double dt)
{
    memset(Phi, 0, NX * sizeof Phi[0]);
    for (int i = 0; i < NX; i++)
        Phi[i][i] = 1.0;
    double left = fabs(dt), sg = dt < 0.0 ? -1.0 : 1.0;
    while (left > 0.0) {
        double hmax = bmd__trk_hmax(c, x);
        double n = ceil(left / hmax - 1e-9);
        double h = n <= 1.0 ? left : left / n, S[NX][NX], T[NX][NX];
        bmd__trk_rk4_phi(c, x, S, sg * h);
        bmd__trk_mul(S, Phi, T);
        memcpy(Phi, T, sizeof T);
        left = n <= 1.0 ? 0.0 : left - h;
    }
}

void bmd__trk_propagate_lin(const bmd_track_config *c, double x[NX], double P[NX][NX], double dt)
{
    double left = dt;
    while (left > 0.0) {
        double hmax = bmd__trk_hmax(c, x);
        /* equal steps over what is left, so that no sliver step remains */
        double n = ceil(left / hmax - 1e-9);
        double h = n <= 1.0 ? left : left / n;
        if (P != NULL) {
            double Phi[NX][NX];
            bmd__trk_rk4_phi(c, x, Phi, h);
            bmd__trk_sandwich_phi(Phi, P);
            bmd__trk_add_q(c, P, h);
            bmd__trk_symmetrize(P);
        } else {
            bmd__trk_rk4(c, x, h);
        }
        left = n <= 1.0 ? 0.0 : left - h;
    }
}

/* Continuous white-noise acceleration, discretised over h (Bar-Shalom, Li &
 * Kirubarajan (2001) sec. 6.2.2, eq. 6.2.2-12) per axis, and the random walk
 * of 1/beta. */
void bmd__trk_add_q(const bmd_track_config *c, double P[NX][NX], double h)
{
    double q = c->q_accel_mps2 * c->q_accel_mps2, ah = fabs(h);
    for (int i = 0; i < 3; i++) {
        P[i][i] += q * ah * ah * ah / 3.0;
        P[i][3 + i] += q * ah * ah / 2.0;
        P[3 + i][i] += q * ah * ah / 2.0;
        P[3 + i][3 + i] += q * ah;
    }
    P[6][6] += c->q_invbeta * ah;
}

typedef struct ground_ctx {
    const bmd_track_config *c;
    const double *x;
} ground_ctx;

static int height_after(void *ctx, double tau, double *f)
{
    const ground_ctx *g = ctx;
    double y[NX];
    memcpy(y, g->x, sizeof y);
    bmd__trk_rk4(g->c, y, tau);
    *f = bmd__trk_height(g->c, y);
    return isfinite(*f) ? 0 : BMD_EDOM;
}

int bmd__trk_to_ground(const bmd_track_config *c, double x[NX], double *t_s, double t_max_s)
{
    double h0 = bmd__trk_height(c, x), elapsed = 0.0;
    if (!isfinite(h0)) return BMD_EUNREACH;
    if (h0 == 0.0) return BMD_OK;
    double dir = h0 > 0.0 ? 1.0 : -1.0;
    for (;;) {
        double hs = dir * bmd__trk_hmax(c, x), x1[NX];
        memcpy(x1, x, sizeof x1);
        bmd__trk_rk4(c, x1, hs);
        double h1 = bmd__trk_height(c, x1);
        if (!isfinite(h1)) return BMD_EUNREACH;
        if ((h1 > 0.0) != (h0 > 0.0) || h1 == 0.0) {
            ground_ctx g = {c, x};
            double a = 0.0, b = hs, fa = h0, fb = h1, tau;
            if (b < a) {
                a = hs, b = 0.0, fa = h1, fb = h0;
            }
            int st = bmd_root_brent(height_after, &g, a, b, fa, fb, 1e-6, 1e-6, 100, &tau, NULL);
            if (st != BMD_OK && st != BMD_ENOCONV) return BMD_EUNREACH;
            bmd__trk_rk4(c, x, tau);
            *t_s += tau;
            return BMD_OK;
        }
        memcpy(x, x1, sizeof x1);
        *t_s += hs;
        h0 = h1;
        elapsed += fabs(hs);
        if (elapsed > t_max_s) return BMD_EUNREACH;
    }
}

/* ---- small matrices ---- */

void bmd__trk_mul(double A[NX][NX], double B[NX][NX], double C[NX][NX])
{
    for (int i = 0; i < NX; i++)
        for (int j = 0; j < NX; j++) {
            double s = 0.0;
            for (int k = 0; k < NX; k++)
                s += A[i][k] * B[k][j];
            C[i][j] = s;
        }
}

void bmd__trk_sandwich(double A[NX][NX], double P[NX][NX])
{
    double T[NX][NX];
    bmd__trk_mul(A, P, T);
    for (int i = 0; i < NX; i++)
        for (int j = 0; j < NX; j++) {
            double s = 0.0;
            for (int k = 0; k < NX; k++)
                s += T[i][k] * A[j][k];
            P[i][j] = s;
        }
}

void bmd__trk_sandwich_phi(double A[NX][NX], double P[NX][NX])
{
    /* row 6 of A is e6: row 6 of A P is P's, column 6 of (A P) A^T is A P's */
    double T[NX][NX];
    for (int i = 0; i < NX - 1; i++)
        for (int j = 0; j < NX; j++) {
            double s = 0.0;
            for (int k = 0; k < NX; k++)
                s += A[i][k] * P[k][j];
            T[i][j] = s;
        }
    memcpy(T[NX - 1], P[NX - 1], sizeof T[0]);
    for (int i = 0; i < NX; i++) {
        for (int j = 0; j < NX - 1; j++) {
            double s = 0.0;
            for (int k = 0; k < NX; k++)
                s += T[i][k] * A[j][k];
            P[i][j] = s;
        }
        P[i][NX - 1] = T[i][NX - 1];
    }
}

void bmd__trk_symmetrize(double P[NX][NX])
{
    for (int i = 0; i < NX; i++)
        for (int j = i + 1; j < NX; j++)
            P[i][j] = P[j][i] = 0.5 * (P[i][j] + P[j][i]);
}

int bmd__trk_healthy(const double x[NX], double P[NX][NX])
{
    for (int i = 0; i < NX; i++) {
        if (!isfinite(x[i]) || !(P[i][i] > 0.0) || !isfinite(P[i][i])) return 0;
        for (int j = 0; j < NX; j++)
            if (!isfinite(P[i][j])) return 0;
    }
    return 1;
}

/* Determinant of a 3 x 3 matrix by cofactors of its first row. */
static double det3(double a[3][3])
{
    double c00 = a[1][1] * a[2][2] - a[1][2] * a[2][1];
    double c01 = a[1][2] * a[2][0] - a[1][0] * a[2][2];
    double c02 = a[1][0] * a[2][1] - a[1][1] * a[2][0];
    return a[0][0] * c00 + a[0][1] * c01 + a[0][2] * c02;
}

int bmd__trk_inv3g(double a[3][3], double b[3][3])
{
    double c00 = a[1][1] * a[2][2] - a[1][2] * a[2][1];
    double c01 = a[1][2] * a[2][0] - a[1][0] * a[2][2];
    double c02 = a[1][0] * a[2][1] - a[1][1] * a[2][0];
    double det = a[0][0] * c00 + a[0][1] * c01 + a[0][2] * c02;
    if (!(fabs(det) > 0.0) || !isfinite(det)) return BMD_EDOM;
    b[0][0] = c00 / det;
    b[0][1] = (a[0][2] * a[2][1] - a[0][1] * a[2][2]) / det;
    b[0][2] = (a[0][1] * a[1][2] - a[0][2] * a[1][1]) / det;
    b[1][0] = c01 / det;
    b[1][1] = (a[0][0] * a[2][2] - a[0][2] * a[2][0]) / det;
    b[1][2] = (a[0][2] * a[1][0] - a[0][0] * a[1][2]) / det;
    b[2][0] = c02 / det;
    b[2][1] = (a[0][1] * a[2][0] - a[0][0] * a[2][1]) / det;
    b[2][2] = (a[0][0] * a[1][1] - a[0][1] * a[1][0]) / det;
    return BMD_OK;
}

int bmd__trk_inv3(double a[3][3], double b[3][3])
{
    double det = det3(a);
    if (!(det > 0.0) || !isfinite(det) || !(a[0][0] > 0.0)) return BMD_EDOM;
    return bmd__trk_inv3g(a, b);
}
