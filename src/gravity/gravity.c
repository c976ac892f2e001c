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
