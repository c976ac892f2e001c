/*
 * gravity.c: point mass plus zonal harmonics J2, J3, J4.
 *
 * With V_n = mu Jn R^n P_n(u) / r^(n+1), u = z / r, the potential energy per
 * unit mass is V = -mu/r + sum_n V_n and the acceleration a = -grad V is
 *   a = -mu r_hat / r^2 + sum_n (mu/r^2) Jn (R/r)^n [P'_{n+1}(u) r_hat - P'_n(u) z_hat]
 * (using (n+1) P_n + u P'_n = P'_{n+1}); for n = 2, 3 this is the explicit
 * form in Vallado (2013) p. 594. Derivation in docs/models/geo.md.
 */
#include "bmd/gravity.h"

#include <math.h>

int bmd_gravity_accel(const bmd_earth *e, const double r_m[3], double g_mps2[3])
{
    double r2 = r_m[0] * r_m[0] + r_m[1] * r_m[1] + r_m[2] * r_m[2];
    if (!(r2 > 0.0) || !isfinite(r2)) {
        g_mps2[0] = g_mps2[1] = g_mps2[2] = 0.0;
        return BMD_EDOM;
    }
    double r = sqrt(r2), u = r_m[2] / r;
    double mu_r2 = e->gm_m3ps2 / r2;
    double cr = -1.0; /* coefficient of r_hat */
    double cz = 0.0;  /* coefficient of z_hat */
    const double jn[5] = {0.0, 0.0, e->j2, e->j3, e->j4};
    /* Legendre P_n and P'_n by the three-term recurrences. */
    double p_prev = 1.0, p = u;       /* P_0, P_1 */
    double dp = 1.0;                  /* P'_1 */
    double rr = e->a_m / r, rrn = rr; /* (R/r)^n */
    for (int n = 1; n < 5; n++) {
        double p_next = ((2.0 * n + 1.0) * u * p - n * p_prev) / (n + 1.0);
        double dp_next = u * dp + (n + 1.0) * p;
        if (n >= 2 && jn[n] != 0.0) {
            cr += jn[n] * rrn * dp_next;
            cz -= jn[n] * rrn * dp;
        }
        p_prev = p;
        p = p_next;
        dp = dp_next;
        rrn *= rr;
    }
    double s = mu_r2 / r;
    g_mps2[0] = s * cr * r_m[0];
    g_mps2[1] = s * cr * r_m[1];
    g_mps2[2] = s * cr * r_m[2] + mu_r2 * cz;
    return BMD_OK;
}

int bmd_gravity_potential(const bmd_earth *e, const double r_m[3], double *v_m2ps2)
{
    double r2 = r_m[0] * r_m[0] + r_m[1] * r_m[1] + r_m[2] * r_m[2];
    if (!(r2 > 0.0) || !isfinite(r2)) {
        *v_m2ps2 = 0.0;
        return BMD_EDOM;
    }
    double r = sqrt(r2), u = r_m[2] / r;
    const double jn[5] = {0.0, 0.0, e->j2, e->j3, e->j4};
    double p_prev = 1.0, p = u; /* P_{n-1}, P_n */
    double rr = e->a_m / r, rrn = rr, sum = 1.0;
    for (int n = 2; n < 5; n++) {
        double p_n = ((2.0 * n - 1.0) * u * p - (n - 1.0) * p_prev) / n;
        p_prev = p;
        p = p_n;
        rrn *= rr;
        sum -= jn[n] * rrn * p;
    }
    *v_m2ps2 = -e->gm_m3ps2 / r * sum;
    return BMD_OK;
}

/* Central differences of bmd_gravity_accel, steps of 10 m: truncation
 * (10 m)^2 |d^3 g| / 6 ~ 1e-17 s^-2 near the Earth, rounding
 * eps |g| / 20 m ~ 1e-16 s^-2, against entries ~1e-6 s^-2. */
static void gradient_fd(const bmd_earth *e, const double r_m[3], double G[3][3])
{
    for (int j = 0; j < 3; j++) {
        double rp[3] = {r_m[0], r_m[1], r_m[2]}, rm[3] = {r_m[0], r_m[1], r_m[2]}, gp[3], gm[3];
        rp[j] += 10.0;
        rm[j] -= 10.0;
        (void)bmd_gravity_accel(e, rp, gp);
        (void)bmd_gravity_accel(e, rm, gm);
        for (int i = 0; i < 3; i++)
            G[i][j] = (gp[i] - gm[i]) / 20.0;
    }
}

int bmd_gravity_gradient(const bmd_earth *e, const double r_m[3], double g_mps2[3], double G[3][3])
{
    int st = bmd_gravity_accel(e, r_m, g_mps2);
    if (st != BMD_OK) {
        for (int i = 0; i < 3; i++)
            G[i][0] = G[i][1] = G[i][2] = 0.0;
        return st;
    }
    if (e->j3 != 0.0 || e->j4 != 0.0) {
        gradient_fd(e, r_m, G);
        return BMD_OK;
    }
    double r2 = r_m[0] * r_m[0] + r_m[1] * r_m[1] + r_m[2] * r_m[2];
    double ir2 = 1.0 / r2, ir = sqrt(ir2), ir3 = ir * ir2, ir5 = ir3 * ir2, ir7 = ir5 * ir2;
    double z = r_m[2], mu = e->gm_m3ps2, k = 1.5 * mu * e->j2 * e->a_m * e->a_m;
    /* a_i = A r_i - B delta_iz with A = -mu/r^3 + K (5 z^2/r^7 - 1/r^5),
     * B = 2 K z / r^5; dA/dr_j = (3 mu/r^5 + K (5/r^7 - 35 z^2/r^9)) r_j
     * + 10 K z/r^7 delta_jz, dB/dr_j = 2 K/r^5 delta_jz - 10 K z/r^7 r_j. */
    double a = -mu * ir3 + k * ir5 * (5.0 * z * z * ir2 - 1.0);
    double dar = 3.0 * mu * ir5 + k * ir7 * (5.0 - 35.0 * z * z * ir2);
    double daz = 10.0 * k * z * ir7;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            double d = r_m[i] * (dar * r_m[j] + (j == 2 ? daz : 0.0));
            if (i == j) d += a;
            if (i == 2) d -= (j == 2 ? 2.0 * k * ir5 : 0.0) - 10.0 * k * z * ir7 * r_m[j];
            G[i][j] = d;
        }
    return BMD_OK;
}
