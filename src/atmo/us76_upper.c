/*
 * us76_upper.c: U.S. Standard Atmosphere 1976 from 86 to 1000 km: kinetic
 * temperature, number densities of N2, O, O2, Ar, He and H from the
 * standard's diffusion and eddy-mixing equations (sec. 1.3), integrated once
 * onto a fixed grid; ln p and ln rho are then cubic Hermite interpolated.
 * Model description: docs/models/atmo.md, sec. 3.
 */
#include <math.h>
#include <stddef.h>

#include "atmo/atmo_internal.h"
#include "bmd/const.h"

/* Table grid: 256 intervals of 250 m from 86 to 150 km, where temperature
 * and composition change fastest, then 340 intervals of 2.5 km to 1000 km
 * (interpolation error below 1e-6 everywhere, docs/models/atmo.md).
 * Every break of the standard's piecewise formulas (91, 95, 97, 100, 110,
 * 115, 120, 150, 500 km) falls on a node. */
#define GRID_ZA_M 86000.0
#define GRID_ZB_M 150000.0
#define GRID_HA_M 250.0
#define GRID_HB_M 2500.0
#define GRID_NA 256
#define GRID_NODES (BMD_ATMO_TABLE_N + 1)

/* ODE state: ln n of N2, O, O2, Ar, He; tau and J of the hydrogen solution. */
#define NY 7
#define Y_TAU 5
#define Y_J 6

/* Temperature above 86 km (US76 sec. 1.2.5, eqs. 23-31): T7 from 86 to
 * 91 km; an ellipse (Tc, A, a) from 91 to 110 km; 12 K/km from T9 = 240 K at
 * 110 km to 120 km; above, T_inf - (T_inf - T10) exp(-lambda xi). */
#define T7_K 186.8673
#define TC_K 263.1905
#define ELL_A_K (-76.3232)
#define ELL_A_KM (-19.9429)
#define T9_K 240.0
#define L9_KPKM 12.0
#define T10_K 360.0
#define TINF_K 1000.0
#define LAMBDA_PKM 0.01875
#define R0_KM (BMD_US76_R0_M * 1e-3)

/* Hydrogen (US76 sec. 1.3): number density n_H at Z11 = 500 km, escape
 * flux phi; hydrogen is computed from 150 km up. */
#define Z11_M 500000.0
#define NH11_M3 8.0e10
#define PHI_PM2PS 7.2e11
#define ZH_M 150000.0

/* Eddy-diffusion coefficient K7 from 86 to 95 km (US76 sec. 1.3), m^2/s. */
#define K7_M2PS 1.2e2

/* Molecular weights (US76 table 3), kg/kmol. */
const double bmd__us76_mw_kgpkmol[BMD__US76_NSPECIES] = {28.0134, 15.9994, 31.9988,
                                                         39.948,  4.0026,  1.00797};

/* Number densities at 86 km (US76 sec. 1.3), 1/m^3. */
static const double n7_m3[5] = {1.129794e20, 8.6e16, 3.030898e19, 1.351400e18, 7.5817e14};

/* Molecular diffusion D_i = a_i / n (T / 273.15 K)^b_i with a_i in 1/(m s),
 * and thermal-diffusion factors alpha_i (US76 table 6). */
static const double diff_a[BMD__US76_NSPECIES] = {0.0,      6.986e20, 4.863e20,
                                                  4.487e20, 1.700e21, 3.305e21};
static const double diff_b[BMD__US76_NSPECIES] = {0.0, 0.750, 0.750, 0.870, 0.691, 0.500};
static const double alpha_t[BMD__US76_NSPECIES] = {0.0, 0.0, 0.0, 0.0, -0.40, -0.25};

/* Flux term v_i / (D_i + K) = Q (Z - U)^2 exp(-W (Z - U)^3)
 * + q (u - Z)^2 exp(-w (u - Z)^3), the second only for O below u = 97 km
 * (US76 table 7); Q, q, W, w in 1/km^3, U, u in km. */
static const double flux_qq[5] = {0.0, -5.809644e-4, 1.366212e-4, 9.434079e-5, -2.457369e-4};
static const double flux_uu[5] = {0.0, 56.90311, 86.0, 86.0, 86.0};
static const double flux_ww[5] = {0.0, 2.706240e-5, 8.333333e-5, 8.333333e-5, 6.666667e-4};
#define FLUX_O_Q (-3.416248e-3)
#define FLUX_O_U 97.0
#define FLUX_O_W 5.008765e-4

/*
 * Kinetic temperature at z_m on the segment that contains zsel_m. At a
 * segment end two formulas can disagree by the rounding of the standard's
 * constants (at 110 km the ellipse gives 239.99973 K, the line 240 K), so
 * the integrator takes the segment of the interval being integrated; this
 * keeps RK4 fourth order.
 */
static double temp_seg(double z_m, double zsel_m, double *dtdz_kpm)
{
    double z = z_m * 1e-3, zs = zsel_m * 1e-3, t, d;
    if (zs < 91.0) {
        t = T7_K;
        d = 0.0;
    } else if (zs < 110.0) {
        double x = (z - 91.0) / ELL_A_KM, s = sqrt(1.0 - x * x);
        t = TC_K + ELL_A_K * s;
        d = -ELL_A_K * x / (ELL_A_KM * s);
    } else if (zs < 120.0) {
        t = T9_K + L9_KPKM * (z - 110.0);
        d = L9_KPKM;
    } else {
        double rr = (R0_KM + 120.0) / (R0_KM + z);
        double e = exp(-LAMBDA_PKM * (z - 120.0) * rr);
        t = TINF_K - (TINF_K - T10_K) * e;
        d = LAMBDA_PKM * (TINF_K - T10_K) * rr * rr * e;
    }
    if (dtdz_kpm != NULL) *dtdz_kpm = d * 1e-3;
    return t;
}

double bmd__us76_upper_t(double z_m, double *dtdz_kpm)
{
    return temp_seg(z_m, z_m, dtdz_kpm);
}

/* Eddy-diffusion coefficient K(Z) (US76 sec. 1.3), m^2/s. */
static double eddy_k(double z_km)
{
    if (z_km < 95.0) return K7_M2PS;
    if (z_km < 115.0) {
        double dz = z_km - 95.0;
        return K7_M2PS * exp(1.0 - 400.0 / (400.0 - dz * dz));
    }
    return 0.0;
}

/* Flux term v_i / (D_i + K) of species i (1..4), 1/m. */
static double flux_term(int i, double z_km)
{
    double x = z_km - flux_uu[i];
    double f = flux_qq[i] * x * x * exp(-flux_ww[i] * x * x * x);
    if (i == BMD__US76_O && z_km < FLUX_O_U) {
        double y = FLUX_O_U - z_km;
        f += FLUX_O_Q * y * y * exp(-FLUX_O_W * y * y * y);
    }
    return f * 1e-3;
}

/* Molecular-diffusion coefficient of species i in a gas of nb_m3 (US76
 * table 6 form), m^2/s. */
static double diff_d(int i, double t_k, double nb_m3)
{
    return diff_a[i] * pow(t_k / 273.15, diff_b[i]) / nb_m3;
}

/*
 * Right-hand side of the species equations at z_m: d(ln n_i)/dZ (1/m) for
 * N2, O, O2, Ar, He, and the derivatives of the hydrogen integrals tau and
 * J. zsel_m, a point inside the interval being integrated, selects the
 * piecewise branches (temperature segment; mean molecular weight M0 or M_N2
 * below or above 100 km; tau and J above 150 km), so that no break falls
 * inside an RK4 step.
 */
static void rhs(double z_m, double zsel_m, const double y[NY], double dy[NY])
{
    double dtdz, t = temp_seg(z_m, zsel_m, &dtdz);
    double z_km = z_m * 1e-3, rr = R0_KM / (R0_KM + z_km);
    double grt = BMD_G0_MPS2 * rr * rr / (BMD_US76_RSTAR_JPKMOLK * t); /* kmol/(kg m) */
    double dlt = dtdz / t, k = eddy_k(z_km), n[5];
    for (int i = 0; i < 5; i++)
        n[i] = exp(y[i]);
    /* Mean molecular weight M of the equations: M0 up to 100 km, M_N2 above. */
    double mbar = zsel_m > 100000.0 ? bmd__us76_mw_kgpkmol[BMD__US76_N2] : BMD_US76_M0_KGPKMOL;
    /* N2: n = n7 (T7/T) exp(-int M g / (R* T) dZ). */
    dy[0] = -dlt - grt * mbar;
    /* O, O2, Ar, He: diffusion through N2 (O, O2) or N2 + O + O2 (Ar, He)
     * with eddy mixing, thermal diffusion and the flux term. */
    for (int i = 1; i < 5; i++) {
        double nb = (i <= BMD__US76_O2) ? n[0] : n[0] + n[1] + n[2];
        double d = diff_d(i, t, nb);
        dy[i] = -dlt -
                (grt * (d * bmd__us76_mw_kgpkmol[i] + k * mbar) + alpha_t[i] * d * dlt) / (d + k) -
                flux_term(i, z_km);
    }
    if (zsel_m > ZH_M) {
        double nb = n[0] + n[1] + n[2] + n[3] + n[4];
        double t11 = bmd__us76_upper_t(Z11_M, NULL);
        dy[Y_TAU] = grt * bmd__us76_mw_kgpkmol[BMD__US76_H];
        dy[Y_J] = PHI_PM2PS / diff_d(BMD__US76_H, t, nb) *
                  pow(t / t11, 1.0 + alpha_t[BMD__US76_H]) * exp(y[Y_TAU]);
    } else {
        dy[Y_TAU] = 0.0;
        dy[Y_J] = 0.0;
    }
}

/* One classical RK4 step of length h from z; zsel as in rhs. */
static void rk4_step(double z, double h, double zsel, double y[NY])
{
    double k1[NY], k2[NY], k3[NY], k4[NY], yt[NY];
    rhs(z, zsel, y, k1);
    for (int j = 0; j < NY; j++)
        yt[j] = y[j] + 0.5 * h * k1[j];
    rhs(z + 0.5 * h, zsel, yt, k2);
    for (int j = 0; j < NY; j++)
        yt[j] = y[j] + 0.5 * h * k2[j];
    rhs(z + 0.5 * h, zsel, yt, k3);
    for (int j = 0; j < NY; j++)
        yt[j] = y[j] + h * k3[j];
    rhs(z + h, zsel, yt, k4);
    for (int j = 0; j < NY; j++)
        y[j] += h / 6.0 * (k1[j] + 2.0 * k2[j] + 2.0 * k3[j] + k4[j]);
}

/* Geometric altitude of table node k, m. */
static double node_z(int k)
{
    if (k <= GRID_NA) return GRID_ZA_M + GRID_HA_M * k;
    return GRID_ZB_M + GRID_HB_M * (k - GRID_NA);
}

/* Integrate y from z0 to z1 (inside one table interval) in nsub steps;
 * zsel as in rhs. */
static void integrate(double z0, double z1, int nsub, double zsel, double y[NY])
{
    double h = (z1 - z0) / nsub;
    for (int s = 0; s < nsub; s++)
        rk4_step(z0 + h * s, h, zsel, y);
}

/*
 * Number densities (1/m^3) and d(ln n)/dZ (1/m) of the six species at z from
 * the ODE state y; tau11, j11 are tau and J at 500 km. Hydrogen, the
 * solution of the diffusion equation with constant upward flux phi:
 * n_H = [n_H(500) - exp(-tau11) (J - J11)] (T11/T)^(1+alpha) exp(-(tau - tau11)).
 */
static void species(double z, double zsel, const double y[NY], double tau11, double j11,
                    double n[BMD__US76_NSPECIES], double dln[BMD__US76_NSPECIES])
{
    double dy[NY];
    rhs(z, zsel, y, dy);
    for (int i = 0; i < 5; i++) {
        n[i] = exp(y[i]);
        dln[i] = dy[i];
    }
    n[BMD__US76_H] = 0.0;
    dln[BMD__US76_H] = 0.0;
    if (zsel > ZH_M) {
        double dtdz, t = temp_seg(z, zsel, &dtdz), t11 = bmd__us76_upper_t(Z11_M, NULL);
        double e11 = exp(-tau11), b = NH11_M3 - e11 * (y[Y_J] - j11);
        double ap1 = 1.0 + alpha_t[BMD__US76_H];
        n[BMD__US76_H] = b * pow(t11 / t, ap1) * exp(-(y[Y_TAU] - tau11));
        dln[BMD__US76_H] = -e11 * dy[Y_J] / b - ap1 * dtdz / t - dy[Y_TAU];
    }
}

/* ln p, ln rho (f) and their Z derivatives (d, 1/m) from the species:
 * p = n k T, rho = sum n_i M_i / N_A (US76 sec. 1.3). */
static void thermo(double z, double zsel, const double n[BMD__US76_NSPECIES],
                   const double dln[BMD__US76_NSPECIES], double f[2], double d[2])
{
    double dtdz, t = temp_seg(z, zsel, &dtdz);
    double sn = 0.0, snd = 0.0, sm = 0.0, smd = 0.0;
    for (int i = 0; i < BMD__US76_NSPECIES; i++) {
        double m = n[i] * bmd__us76_mw_kgpkmol[i];
        sn += n[i];
        snd += n[i] * dln[i];
        sm += m;
        smd += m * dln[i];
    }
    f[0] = log(sn * BMD_US76_K_JPK * t);
    d[0] = snd / sn + dtdz / t;
    f[1] = log(sm / BMD_US76_NA_PKMOL);
    d[1] = smd / sm;
}

/* Cubic Hermite coefficients in t in [0, 1] from end values and slopes. */
static void hermite(double f0, double d0, double f1, double d1, double h, double c[4])
{
    c[0] = f0;
    c[1] = h * d0;
    c[2] = 3.0 * (f1 - f0) - h * (2.0 * d0 + d1);
    c[3] = 2.0 * (f0 - f1) + h * (d0 + d1);
}

/* Integrate from 86 km to every node; ys[k] is the state at node k. */
static void integrate_nodes(int nsub, double ys[GRID_NODES][NY])
{
    for (int i = 0; i < 5; i++)
        ys[0][i] = log(n7_m3[i]);
    ys[0][Y_TAU] = 0.0;
    ys[0][Y_J] = 0.0;
    for (int k = 0; k < BMD_ATMO_TABLE_N; k++) {
        double z0 = node_z(k), z1 = node_z(k + 1);
        for (int j = 0; j < NY; j++)
            ys[k + 1][j] = ys[k][j];
        integrate(z0, z1, nsub, 0.5 * (z0 + z1), ys[k + 1]);
    }
}

/* Index of the node at 500 km. */
static int node_500(void)
{
    return GRID_NA + (int)((Z11_M - GRID_ZB_M) / GRID_HB_M + 0.5);
}

void bmd__us76_build_table(bmd_atmo *atm, int nsub)
{
    double ys[GRID_NODES][NY];
    integrate_nodes(nsub, ys);
    int k11 = node_500();
    double tau11 = ys[k11][Y_TAU], j11 = ys[k11][Y_J];
    for (int k = 0; k < BMD_ATMO_TABLE_N; k++) {
        double z0 = node_z(k), z1 = node_z(k + 1), zsel = 0.5 * (z0 + z1);
        double n[BMD__US76_NSPECIES], dln[BMD__US76_NSPECIES], f0[2], d0[2], f1[2], d1[2];
        species(z0, zsel, ys[k], tau11, j11, n, dln);
        thermo(z0, zsel, n, dln, f0, d0);
        species(z1, zsel, ys[k + 1], tau11, j11, n, dln);
        thermo(z1, zsel, n, dln, f1, d1);
        hermite(f0[0], d0[0], f1[0], d1[0], z1 - z0, atm->c_ln_p[k]);
        hermite(f0[1], d0[1], f1[1], d1[1], z1 - z0, atm->c_ln_rho[k]);
    }
}

void bmd__us76_upper_lnp_lnrho(const bmd_atmo *atm, double z_m, double *ln_p, double *ln_rho)
{
    double u;
    if (z_m < GRID_ZB_M)
        u = (z_m - GRID_ZA_M) * (1.0 / GRID_HA_M);
    else
        u = GRID_NA + (z_m - GRID_ZB_M) * (1.0 / GRID_HB_M);
    if (!(u > 0.0)) u = 0.0;
    if (u > BMD_ATMO_TABLE_N) u = BMD_ATMO_TABLE_N;
    int k = (int)u;
    if (k >= BMD_ATMO_TABLE_N) k = BMD_ATMO_TABLE_N - 1;
    double t = u - k;
    const double *cp = atm->c_ln_p[k], *cr = atm->c_ln_rho[k];
    *ln_p = cp[0] + t * (cp[1] + t * (cp[2] + t * cp[3]));
    *ln_rho = cr[0] + t * (cr[1] + t * (cr[2] + t * cr[3]));
}

void bmd__us76_species_direct(double z_m, int nsub, double n_m3[BMD__US76_NSPECIES])
{
    double ys[GRID_NODES][NY], y[NY], dln[BMD__US76_NSPECIES];
    integrate_nodes(nsub, ys);
    int k11 = node_500();
    if (!(z_m > GRID_ZA_M)) z_m = GRID_ZA_M;
    if (z_m > node_z(BMD_ATMO_TABLE_N)) z_m = node_z(BMD_ATMO_TABLE_N);
    int k = 0;
    while (k < BMD_ATMO_TABLE_N - 1 && node_z(k + 1) <= z_m)
        k++;
    double z0 = node_z(k), zsel = 0.5 * (z0 + node_z(k + 1));
    for (int j = 0; j < NY; j++)
        y[j] = ys[k][j];
    integrate(z0, z_m, nsub, zsel, y);
    species(z_m, zsel, y, ys[k11][Y_TAU], ys[k11][Y_J], n_m3, dln);
}
