/*
 * test_atmo.c: U.S. Standard Atmosphere 1976 against its tables, the
 * exponential and vacuum models, continuity, monotonicity, the accuracy of
 * the 86-1000 km table, and the error paths.
 *
 * "US76" below is U.S. Standard Atmosphere 1976, NOAA-S/T 76-1562 /
 * NASA-TM-X-74335 (U.S. Government Printing Office, 1976). Its tables print
 * 5 significant digits below 86 km and 5 (T, p) or 4 (rho, number
 * densities) above, so the tolerances are those of REFERENCES.md: 1e-4
 * relative below 86 km (density 1e-3), 0.1 % for temperature and 1 % for
 * pressure and density above.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"

#include "atmo/atmo_internal.h"
#include "bmd/atmo.h"
#include "bmd/const.h"

#define KM 1000.0

/* Geometric altitude of geopotential height h (US76 eq. 18 inverted), m. */
static double geometric_of(double h_m)
{
    return BMD_US76_R0_M * h_m / (BMD_US76_R0_M - h_m);
}

static bmd_atmo *new_atmo(bmd_atmo_kind kind)
{
    bmd_atmo *atm = malloc(sizeof *atm);
    assert_non_null(atm);
    CHECK_OK(bmd_atmo_init(atm, kind));
    return atm;
}

static int setup_us76(void **state)
{
    *state = new_atmo(BMD_ATMO_US76);
    return 0;
}

static int teardown(void **state)
{
    free(*state);
    return 0;
}

struct ref_row {
    double z_m, t_k, p_pa, rho_kgpm3;
};

/* ------------------------------------------------------------------------ */
/* US76 below 86 km */

static void test_references_lower(void **state)
{
    const bmd_atmo *atm = *state;
    /* REFERENCES.md, from US76 table I (geometric altitude). */
    static const struct ref_row ref[] = {
        {0.0, 288.150, 101325.0, 1.22500},
        {11.0 * KM, 216.774, 22699.9, 0.364801},
        {20.0 * KM, 216.650, 5529.29, 0.0889097},
    };
    for (size_t i = 0; i < sizeof ref / sizeof ref[0]; i++) {
        bmd_atmo_point pt;
        CHECK_OK(bmd_atmo_eval(atm, ref[i].z_m, &pt));
        CHECK_REL(pt.t_k, ref[i].t_k, 1e-4);
        CHECK_REL(pt.p_pa, ref[i].p_pa, 1e-4);
        CHECK_REL(pt.rho_kgpm3, ref[i].rho_kgpm3, 1e-3);
    }
}

/*
 * The 0-86 km pressure table (no pow() at evaluation) against the closed
 * form of US76 eqs. 33a-b (bmd__us76_lower_p_exact), every 5 m from -5 km
 * to 86 km: within 1e-7 relative, the bound derived in atmo.c (cubic Hermite
 * on 1 km' with exact slopes: 6.6e-8 in ln p in layer 0). The density,
 * p M0 / (R* T_M), carries the same relative error; the closed form itself
 * is checked against US76 table I in test_references_lower.
 */
static void test_lower_table(void **state)
{
    const bmd_atmo *atm = *state;
    double worst = 0.0;
    for (int i = 0; i <= 18200; i++) {
        double z = -5.0 * KM + 5.0 * i;
        if (z >= 86.0 * KM) break;
        bmd_atmo_point pt;
        CHECK_OK(bmd_atmo_eval(atm, z, &pt));
        double p = bmd__us76_lower_p_exact(atm, z);
        CHECK_REL(pt.p_pa, p, 1e-7);
        worst = fmax(worst, fabs(pt.p_pa / p - 1.0));
    }
    print_message("  0-86 km pressure table vs closed form: worst %.2g relative\n", worst);
}

static void test_table1_geopotential(void **state)
{
    const bmd_atmo *atm = *state;
    /* US76 table I, entries keyed by geopotential height H (m'), one or more
     * in each of the seven layers; converted to geometric altitude with
     * eq. 18. Above 80 km table I lists the molecular-scale temperature T_M
     * beside T; the entries at 79.5 and 84 km' are T_M, so their kinetic
     * temperature is checked in test_mratio_table8 instead (t_k = 0 here). */
    static const struct ref_row ref[] = {
        {200.0, 286.850, 98945.0, 1.2017},     {1450.0, 278.725, 85076.0, 1.0633},
        {5250.0, 254.025, 52239.0, 0.71641},   {6500.0, 245.900, 44034.0, 0.62384},
        {9800.0, 224.450, 27255.0, 0.42304},   {17900.0, 216.650, 7624.1, 0.12259},
        {24800.0, 221.450, 2589.6, 0.040739},  {27100.0, 223.750, 1819.4, 0.028328},
        {37200.0, 243.210, 408.70, 0.0058542}, {40000.0, 251.050, 277.52, 0.0038510},
        {49400.0, 270.650, 81.919, 0.0010544}, {61500.0, 241.250, 16.456, 0.00023764},
        {79500.0, 0.0, 0.96649, 0.000017035},  {84000.0, 0.0, 0.43598, 0.0000080510},
    };
    for (size_t i = 0; i < sizeof ref / sizeof ref[0]; i++) {
        bmd_atmo_point pt;
        CHECK_OK(bmd_atmo_eval(atm, geometric_of(ref[i].z_m), &pt));
        if (ref[i].t_k > 0.0) CHECK_REL(pt.t_k, ref[i].t_k, 1e-4);
        CHECK_REL(pt.p_pa, ref[i].p_pa, 1e-4);
        CHECK_REL(pt.rho_kgpm3, ref[i].rho_kgpm3, 1e-4);
    }
}

static void test_layer_bases_table4(void **state)
{
    const bmd_atmo *atm = *state;
    /* US76 table 4: geopotential heights of the layer bases (km') and the
     * pressures there (Pa), printed to 7 digits; T_M,b from the lapse rates
     * of the same table. Tolerance 1e-6 relative (7 printed digits). */
    static const double hb_km[8] = {0.0, 11.0, 20.0, 32.0, 47.0, 51.0, 71.0, 84.852};
    static const double pb_pa[8] = {101325.0, 22632.06, 5474.889, 868.0187,
                                    110.9063, 66.93887, 3.956420, 0.3733836};
    static const double tmb_k[8] = {288.15, 216.65, 216.65, 228.65,
                                    270.65, 270.65, 214.65, 186.946};
    for (int b = 0; b < 8; b++) {
        CHECK_REL(atm->p_base_pa[b], pb_pa[b], 1e-6);
        CHECK_ABS(atm->tm_base_k[b], tmb_k[b], 1e-9);
        if (b == 7) continue; /* 84.852 km' is 86 km, the upper formulas' start */
        bmd_atmo_point pt;
        CHECK_OK(bmd_atmo_eval(atm, geometric_of(hb_km[b] * KM), &pt));
        CHECK_REL(pt.p_pa, pb_pa[b], 1e-6);
    }
}

/* bmd_atmo_kinks: the layer bases of US76 table 4 (H_b = 11, 20, 32, 47,
 * 51, 71 km') as geometric altitudes (H = r0 Z / (r0 + Z), eq. 18; to
 * 1e-6 m'), then 86 km. At each the speed of sound, sqrt(gamma R* T_M / M0)
 * (eq. 50), must have a kink: one-sided slopes over 10 m differ by the
 * change of lapse rate of table 4 times da/dT_M = a / (2 T_M) (to 2 %,
 * the curvature over 10 m); half-way between kinks the two slopes agree to
 * 2e-6 /s (the curvature of sqrt(T_M) over 10 m is under 6e-7 /s, the
 * kinks 3e-4 /s and more). At 86 km a jumps from T_M = 186.946 K (table 4) to T = 186.87 K
 * (eq. 22: T = T_M M/M0 with M/M0 = 0.999579, table 8): by 0.06 m/s. */
static void test_kinks(void **state)
{
    const bmd_atmo *atm = *state;
    static const double hb_km[6] = {11.0, 20.0, 32.0, 47.0, 51.0, 71.0};
    static const double lapse_kpkm[7] = {-6.5, 0.0, 1.0, 2.8, 0.0, -2.8, -2.0};
    double z[BMD_ATMO_MAX_KINKS];
    int n = bmd_atmo_kinks(atm, z, BMD_ATMO_MAX_KINKS);
    assert_int_equal(n, 7);
    assert_int_equal(bmd_atmo_kinks(atm, z, 3), 3);
    assert_int_equal(bmd_atmo_kinks(NULL, z, 3), 0);
    n = bmd_atmo_kinks(atm, z, BMD_ATMO_MAX_KINKS);
    const double dz = 10.0;
    for (int k = 0; k < 6; k++) {
        double h = BMD_US76_R0_M * z[k] / (BMD_US76_R0_M + z[k]);
        CHECK_ABS(h, hb_km[k] * KM, 1e-6);
        bmd_atmo_point lo, mid, hi;
        CHECK_OK(bmd_atmo_eval(atm, z[k] - dz, &lo));
        CHECK_OK(bmd_atmo_eval(atm, z[k], &mid));
        CHECK_OK(bmd_atmo_eval(atm, z[k] + dz, &hi));
        double s_lo = (mid.a_mps - lo.a_mps) / dz, s_hi = (hi.a_mps - mid.a_mps) / dz;
        /* dT_M/dZ = L dH/dZ, dH/dZ = (r0 / (r0 + Z))^2 */
        double q = BMD_US76_R0_M / (BMD_US76_R0_M + z[k]);
        double want =
            mid.a_mps / (2.0 * mid.t_k) * (lapse_kpkm[k + 1] - lapse_kpkm[k]) / KM * q * q;
        CHECK_REL(s_hi - s_lo, want, 0.02);
        double zm = 0.5 * (z[k] + (k + 1 < n ? z[k + 1] : z[k] + 2 * KM));
        if (k == 5) zm = 78.0 * KM; /* below the M/M0 table of 80-86 km */
        CHECK_OK(bmd_atmo_eval(atm, zm - dz, &lo));
        CHECK_OK(bmd_atmo_eval(atm, zm, &mid));
        CHECK_OK(bmd_atmo_eval(atm, zm + dz, &hi));
        CHECK_ABS((hi.a_mps - mid.a_mps) / dz - (mid.a_mps - lo.a_mps) / dz, 0.0, 2e-6);
    }
    CHECK_ABS(z[6], 86.0 * KM, 1e-9);
    bmd_atmo_point lo, hi;
    CHECK_OK(bmd_atmo_eval(atm, z[6] - 1e-6, &lo));
    CHECK_OK(bmd_atmo_eval(atm, z[6] + 1e-6, &hi));
    double jump = sqrt(BMD_US76_GAMMA * BMD_US76_RSTAR_JPKMOLK / BMD_US76_M0_KGPKMOL) *
                  (sqrt(186.946 * 0.999579) - sqrt(186.946));
    CHECK_ABS(hi.a_mps - lo.a_mps, jump, 1e-3);
}

static void test_mratio_table8(void **state)
{
    const bmd_atmo *atm = *state;
    /* US76 table 8, M/M0 at 80.5, 83 and 85.5 km (geometric), and
     * T = T_M M/M0 (eq. 21) with T_M = 214.65 K - 2 K/km' (H - 71 km')
     * (eq. 23, table 4). Tolerance 1e-9 K: closed forms. */
    static const double z_km[3] = {80.5, 83.0, 85.5};
    static const double ratio[3] = {0.999996, 0.999870, 0.999641};
    for (int i = 0; i < 3; i++) {
        double z = z_km[i] * KM, h = BMD_US76_R0_M * z / (BMD_US76_R0_M + z);
        double tm = 214.65 - 2.0e-3 * (h - 71000.0);
        bmd_atmo_point pt;
        CHECK_OK(bmd_atmo_eval(atm, z, &pt));
        CHECK_ABS(pt.t_k, tm * ratio[i], 1e-9);
        /* rho = p M0 / (R* T_M) (eq. 42); speed of sound from T_M (eq. 50). */
        CHECK_REL(pt.rho_kgpm3, pt.p_pa * BMD_US76_M0_KGPKMOL / (BMD_US76_RSTAR_JPKMOLK * tm),
                  1e-14);
        CHECK_REL(pt.a_mps, sqrt(1.4 * BMD_US76_RSTAR_JPKMOLK * tm / BMD_US76_M0_KGPKMOL), 1e-14);
    }
    /* Below 80 km M = M0: T = T_M exactly (2 K/km' lapse in the same layer). */
    double z = 79.0 * KM, h = BMD_US76_R0_M * z / (BMD_US76_R0_M + z);
    bmd_atmo_point pt;
    CHECK_OK(bmd_atmo_eval(atm, z, &pt));
    CHECK_ABS(pt.t_k, 214.65 - 2.0e-3 * (h - 71000.0), 1e-9);
}

static void test_speed_of_sound(void **state)
{
    const bmd_atmo *atm = *state;
    bmd_atmo_point pt;
    /* US76 table I: sea-level speed of sound 340.294 m/s; 1e-5 relative
     * (6 printed digits). */
    CHECK_OK(bmd_atmo_eval(atm, 0.0, &pt));
    CHECK_REL(pt.a_mps, 340.294, 1e-5);
    /* Above 86 km: the convention sqrt(gamma R* T / M0) with the kinetic
     * temperature (docs/models/atmo.md); 1e-14 relative (same formula). */
    CHECK_OK(bmd_atmo_eval(atm, 300.0 * KM, &pt));
    CHECK_REL(pt.a_mps, sqrt(1.4 * BMD_US76_RSTAR_JPKMOLK * pt.t_k / BMD_US76_M0_KGPKMOL), 1e-14);
}

/* ------------------------------------------------------------------------ */
/* US76 above 86 km */

static void test_references_upper(void **state)
{
    const bmd_atmo *atm = *state;
    /* US76 table I (geometric altitude). 86, 100 and 1000 km: REFERENCES.md;
     * 90-150 km: table I, as also transcribed in public re-entry codes;
     * 200, 300, 500 km: table I. Temperature 0.1 %, pressure and density
     * 1 % (REFERENCES.md; the computed values agree to better than 0.2 %). */
    static const struct ref_row ref[] = {
        {86.0 * KM, 186.87, 0.37338, 6.958e-6},     {90.0 * KM, 186.87, 0.18359, 3.416e-6},
        {95.0 * KM, 188.42, 7.5966e-2, 1.393e-6},   {100.0 * KM, 195.08, 3.2013e-2, 5.604e-7},
        {110.0 * KM, 240.00, 7.1042e-3, 9.708e-8},  {120.0 * KM, 360.00, 2.5382e-3, 2.222e-8},
        {130.0 * KM, 469.27, 1.2505e-3, 8.152e-9},  {150.0 * KM, 634.39, 4.5422e-4, 2.076e-9},
        {200.0 * KM, 854.56, 8.4736e-5, 2.541e-10}, {300.0 * KM, 976.01, 8.7704e-6, 1.916e-11},
        {500.0 * KM, 999.24, 3.0236e-7, 5.215e-13}, {1000.0 * KM, 1000.0, 7.514e-9, 3.561e-15},
    };
    for (size_t i = 0; i < sizeof ref / sizeof ref[0]; i++) {
        bmd_atmo_point pt;
        CHECK_OK(bmd_atmo_eval(atm, ref[i].z_m, &pt));
        CHECK_REL(pt.t_k, ref[i].t_k, 1e-3);
        CHECK_REL(pt.p_pa, ref[i].p_pa, 1e-2);
        CHECK_REL(pt.rho_kgpm3, ref[i].rho_kgpm3, 1e-2);
    }
    /* The 86 km pressure is the 0-86 km layer value (table 4, 0.3733836 Pa)
     * reproduced by n k T from the number densities at 86 km; they agree to
     * the 7 digits of those densities: 5e-5. */
    bmd_atmo_point pt;
    CHECK_OK(bmd_atmo_eval(atm, 86.0 * KM, &pt));
    CHECK_REL(pt.p_pa, 0.3733836, 5e-5);
}

static void test_temperature_upper(void **state)
{
    (void)state;
    /* US76 table I kinetic temperatures at segment ends and inside; 0.01 K
     * (printed to 0.01 K). Closed forms, eqs. 23-31. */
    static const double z_km[] = {86.0, 91.0, 95.0, 100.0, 110.0, 115.0, 120.0, 130.0, 200.0};
    static const double t_k[] = {186.87, 186.87, 188.42, 195.08, 240.00,
                                 300.00, 360.00, 469.27, 854.56};
    for (size_t i = 0; i < sizeof z_km / sizeof z_km[0]; i++)
        CHECK_ABS(bmd__us76_upper_t(z_km[i] * KM, NULL), t_k[i], 0.005 + 1e-9);
    /* dT/dZ: 0 below 91 km, 12 K/km at both ends of 110-120 km (the
     * segments join with continuous slope, US76 sec. 1.2.5); 1e-6 K/km. */
    double d;
    (void)bmd__us76_upper_t(88.0 * KM, &d);
    CHECK_ABS(d, 0.0, 1e-12);
    (void)bmd__us76_upper_t(110.0 * KM - 1e-3, &d);
    CHECK_ABS(d * KM, 12.0, 2e-3);
    (void)bmd__us76_upper_t(115.0 * KM, &d);
    CHECK_ABS(d * KM, 12.0, 1e-9);
    (void)bmd__us76_upper_t(120.0 * KM, &d);
    CHECK_ABS(d * KM, 12.0, 1e-9);
}

static void test_number_densities_table8(void **state)
{
    (void)state;
    /* US76 table VIII (pp. 210-215), number densities (1/m^3) printed to 4
     * digits; 1 % relative for N2, O, O2, He (0.4 % worst found: Ar at
     * 1000 km), 1 % for H. Hydrogen is 0 below 150 km (the standard's
     * convention). */
    static const struct {
        double z_km, n[BMD__US76_NSPECIES];
    } ref[] = {
        {90.0, {5.547e19, 2.443e17, 1.479e19, 6.574e17, 3.976e14, 0.0}},
        {95.0, {2.268e19, 4.365e17, 5.83e18, 2.583e17, 1.973e14, 0.0}},
        {100.0, {9.210e18, 4.298e17, 2.151e18, 9.501e16, 1.133e14, 0.0}},
        {110.0, {1.641e18, 2.303e17, 2.621e17, 1.046e16, 5.821e13, 0.0}},
        {120.0, {3.726e17, 9.275e16, 4.395e16, 1.366e15, 3.888e13, 0.0}},
        {150.0, {3.124e16, 1.780e16, 2.750e15, 5.0e13, 2.106e13, 3.767e11}},
        {200.0, {2.925e15, 4.050e15, 1.918e14, 1.938e12, 1.310e13, 1.630e11}},
        {300.0, {9.593e13, 5.443e14, 3.942e12, 1.568e10, 7.566e12, 1.049e11}},
        {500.0, {2.592e11, 1.836e13, 4.607e9, 3.445e6, 3.215e12, 8.0e10}},
        {700.0, {1.038e9, 7.840e11, 8.410e6, 1.313e3, 1.461e12, 6.556e10}},
        {1000.0, {4.626e5, 9.562e9, 1.251e3, 2.188e-2, 4.850e11, 4.967e10}},
    };
    for (size_t i = 0; i < sizeof ref / sizeof ref[0]; i++) {
        double n[BMD__US76_NSPECIES];
        bmd__us76_species_direct(ref[i].z_km * KM, 4, n);
        for (int s = 0; s < BMD__US76_NSPECIES; s++) {
            if (ref[i].n[s] == 0.0)
                CHECK_ABS(n[s], 0.0, 0.0);
            else
                CHECK_REL(n[s], ref[i].n[s], 1e-2);
        }
    }
}

/* The table against direct integration, at interval midpoints (where the
 * cubic Hermite error is largest) and at nodes. */
static void check_table_point(const bmd_atmo *atm, double z, double *worst_p, double *worst_rho)
{
    double n[BMD__US76_NSPECIES], sn = 0.0, sm = 0.0;
    /* Reference: 8 RK4 steps per interval (2 in init; test below). */
    bmd__us76_species_direct(z, 8, n);
    for (int s = 0; s < BMD__US76_NSPECIES; s++) {
        sn += n[s];
        sm += n[s] * bmd__us76_mw_kgpkmol[s];
    }
    double p_ref = sn * BMD_US76_K_JPK * bmd__us76_upper_t(z, NULL);
    double rho_ref = sm / BMD_US76_NA_PKMOL;
    bmd_atmo_point pt;
    CHECK_OK(bmd_atmo_eval(atm, z, &pt));
    *worst_p = fmax(*worst_p, fabs(pt.p_pa / p_ref - 1.0));
    *worst_rho = fmax(*worst_rho, fabs(pt.rho_kgpm3 / rho_ref - 1.0));
}

static void test_table_accuracy(void **state)
{
    const bmd_atmo *atm = *state;
    double worst_p = 0.0, worst_rho = 0.0;
    /* Every 9th interval of the grid (86-150 km by 250 m, 150-1000 km by
     * 2.5 km, docs/models/atmo.md sec. 3), node and middle, and the two
     * worst points of a scan of every interval at quarter points:
     * 109.875 km (density) and 151.25 km (pressure). */
    for (int k = 0; k < BMD_ATMO_TABLE_N; k += 9) {
        double z0 = k <= 256 ? 86.0 * KM + 250.0 * k : 150.0 * KM + 2500.0 * (k - 256);
        double h = k < 256 ? 250.0 : 2500.0;
        check_table_point(atm, z0, &worst_p, &worst_rho);
        check_table_point(atm, z0 + 0.5 * h, &worst_p, &worst_rho);
    }
    check_table_point(atm, 109.875 * KM, &worst_p, &worst_rho);
    check_table_point(atm, 151.25 * KM, &worst_p, &worst_rho);
    /* Interpolation + integration error: 1e-6 relative, 10^4 times below the
     * 1 % tolerance on the tables (scan: 1.2e-7 in p, 6.7e-7 in rho). */
    CHECK_ABS(worst_p, 0.0, 1e-6);
    CHECK_ABS(worst_rho, 0.0, 1e-6);
}

static void test_integration_converged(void **state)
{
    (void)state;
    /* Number densities with 2 RK4 steps per table interval (as in
     * bmd_atmo_init) and with 64 agree to 1e-7 relative at 110, 120, 500
     * and 1000 km: RK4 error ~ h^4 (measured 3e-8 at 500 km for O2, falling
     * 16-fold per halving of the step, docs/models/atmo.md sec. 3). */
    static const double z_km[] = {110.0, 120.0, 500.0, 1000.0};
    for (int i = 0; i < 4; i++) {
        double a[BMD__US76_NSPECIES], b[BMD__US76_NSPECIES];
        bmd__us76_species_direct(z_km[i] * KM, 2, a);
        bmd__us76_species_direct(z_km[i] * KM, 64, b);
        for (int s = 0; s < BMD__US76_NSPECIES; s++)
            CHECK_REL(a[s], b[s], 1e-7);
    }
}

/* ------------------------------------------------------------------------ */
/* Continuity and monotonicity */

static void check_continuous(const bmd_atmo *atm, double z_m, double dz_m, double rtol_t,
                             double rtol_p, double rtol_rho)
{
    bmd_atmo_point lo, hi;
    CHECK_OK(bmd_atmo_eval(atm, z_m - dz_m, &lo));
    CHECK_OK(bmd_atmo_eval(atm, z_m + dz_m, &hi));
    CHECK_REL(lo.t_k, hi.t_k, rtol_t);
    CHECK_REL(lo.p_pa, hi.p_pa, rtol_p);
    CHECK_REL(lo.rho_kgpm3, hi.rho_kgpm3, rtol_rho);
}

static void test_continuity(void **state)
{
    const bmd_atmo *atm = *state;
    /* Layer bases below 86 km, 1 mm either side: the change over 2 mm is at
     * most 2 mm / 5 km (scale height) = 4e-7; 1e-6 relative. */
    static const double hb_km[6] = {11.0, 20.0, 32.0, 47.0, 51.0, 71.0};
    for (int b = 0; b < 6; b++)
        check_continuous(atm, geometric_of(hb_km[b] * KM), 1e-3, 1e-6, 1e-6, 1e-6);
    /* 80 km, start of the M/M0 correction (table 8 starts at 1.000000). */
    check_continuous(atm, 80.0 * KM, 1e-3, 1e-6, 1e-6, 1e-6);
    /* 86 km: closed forms below, species above. T: T7 = 186.8673 K vs
     * T_M,7 M/M0 = 186.946 x 0.999579 (1e-6); p and rho: the 7-digit number
     * densities at 86 km (5e-5, see test_references_upper). */
    check_continuous(atm, 86.0 * KM, 1e-3, 1e-6, 5e-5, 5e-5);
    /* Temperature-segment and table breaks above 86 km: 1e-6. */
    static const double z_km[] = {91.0, 95.0, 97.0, 100.0, 115.0, 120.0, 130.0, 500.0};
    for (size_t i = 0; i < sizeof z_km / sizeof z_km[0]; i++)
        check_continuous(atm, z_km[i] * KM, 1e-3, 1e-6, 1e-6, 1e-6);
    /* 110 km: the ellipse with the standard's 7-digit Tc, A, a ends at
     * 239.99973 K, the linear segment starts at 240 K: a jump of 1.1e-6 in T
     * and so in p = n k T; 2e-6. */
    check_continuous(atm, 110.0 * KM, 1e-3, 2e-6, 2e-6, 1e-6);
    /* 150 km: hydrogen starts there in the standard, a jump of n_H / n =
     * 3.8e11 / 5.2e16 = 7e-6 in p (table VIII); 1e-5. */
    check_continuous(atm, 150.0 * KM, 1e-3, 1e-6, 1e-5, 1e-6);
}

static void test_monotonic(void **state)
{
    const bmd_atmo *atm = *state;
    /* Pressure and density strictly decrease from -5 to 1000 km (hydrostatic
     * equilibrium, US76 eq. 33 and the diffusion equations); every 25 m. */
    bmd_atmo_point prev, pt;
    CHECK_OK(bmd_atmo_eval(atm, BMD_US76_ZMIN_M, &prev));
    int bad = 0;
    for (double z = BMD_US76_ZMIN_M + 25.0; z <= BMD_US76_ZMAX_M; z += 25.0) {
        CHECK_OK(bmd_atmo_eval(atm, z, &pt));
        if (!(pt.p_pa < prev.p_pa && pt.rho_kgpm3 < prev.rho_kgpm3 && pt.t_k > 0.0)) bad++;
        prev = pt;
    }
    assert_int_equal(bad, 0);
}

/* ------------------------------------------------------------------------ */
/* Range and error paths */

static void test_range(void **state)
{
    const bmd_atmo *atm = *state;
    bmd_atmo_point pt, ref;
    /* 1000 km is inside; above it p = rho = 0, T = 1000 K (header contract). */
    CHECK_OK(bmd_atmo_eval(atm, BMD_US76_ZMAX_M, &pt));
    CHECK_STATUS(bmd_atmo_eval(atm, BMD_US76_ZMAX_M + 1.0, &pt), BMD_WRANGE);
    CHECK_ABS(pt.p_pa, 0.0, 0.0);
    CHECK_ABS(pt.rho_kgpm3, 0.0, 0.0);
    CHECK_ABS(pt.t_k, 1000.0, 0.0);
    CHECK_STATUS(bmd_atmo_eval(atm, INFINITY, &pt), BMD_WRANGE);
    CHECK_ABS(pt.rho_kgpm3, 0.0, 0.0);
    /* Below -5 km the state at -5 km is returned. */
    CHECK_OK(bmd_atmo_eval(atm, BMD_US76_ZMIN_M, &ref));
    CHECK_STATUS(bmd_atmo_eval(atm, -6000.0, &pt), BMD_WRANGE);
    CHECK_ABS(pt.p_pa, ref.p_pa, 0.0);
    CHECK_ABS(pt.t_k, ref.t_k, 0.0);
    CHECK_STATUS(bmd_atmo_eval(atm, -INFINITY, &pt), BMD_WRANGE);
    CHECK_ABS(pt.rho_kgpm3, ref.rho_kgpm3, 0.0);
    /* The -5 km state from the first layer's closed form (eqs. 18, 23, 33a):
     * T = 288.15 - L H, p = p0 (T0/T)^(g0 M0 / (R* L)); T to 1e-12
     * relative, p to the 1e-7 of the pressure table (test_lower_table). */
    double h = BMD_US76_R0_M * -5000.0 / (BMD_US76_R0_M - 5000.0);
    double t = 288.15 - 6.5e-3 * h;
    double ex = BMD_G0_MPS2 * BMD_US76_M0_KGPKMOL / (BMD_US76_RSTAR_JPKMOLK * -6.5e-3);
    CHECK_REL(ref.t_k, t, 1e-12);
    CHECK_REL(ref.p_pa, 101325.0 * pow(288.15 / t, ex), 1e-7);
}

static void test_errors(void **state)
{
    const bmd_atmo *atm = *state;
    bmd_atmo_point pt;
    bmd_atmo bad;
    CHECK_STATUS(bmd_atmo_init(NULL, BMD_ATMO_US76), BMD_EINVAL);
    CHECK_STATUS(bmd_atmo_init(&bad, (bmd_atmo_kind)7), BMD_EINVAL);
    CHECK_STATUS(bmd_atmo_eval(NULL, 0.0, &pt), BMD_EINVAL);
    assert_true(isnan(pt.rho_kgpm3) && isnan(pt.t_k) && isnan(pt.p_pa) && isnan(pt.a_mps));
    CHECK_STATUS(bmd_atmo_eval(atm, 0.0, NULL), BMD_EINVAL);
    pt.rho_kgpm3 = 1.0;
    CHECK_STATUS(bmd_atmo_eval(atm, NAN, &pt), BMD_EINVAL);
    assert_true(isnan(pt.rho_kgpm3));
    /* An unknown kind in a struct that was initialised. */
    bmd_atmo *copy = malloc(sizeof *copy);
    assert_non_null(copy);
    memcpy(copy, atm, sizeof *copy);
    copy->kind = (bmd_atmo_kind)7;
    CHECK_STATUS(bmd_atmo_eval(copy, 0.0, &pt), BMD_EINVAL);
    free(copy);
    assert_string_equal(bmd_atmo_name(BMD_ATMO_US76), "us76");
    assert_string_equal(bmd_atmo_name(BMD_ATMO_EXPONENTIAL), "exponential");
    assert_string_equal(bmd_atmo_name(BMD_ATMO_NONE), "none");
    assert_string_equal(bmd_atmo_name((bmd_atmo_kind)7), "unknown");
}

/* ------------------------------------------------------------------------ */
/* Exponential and vacuum models */

static void test_exponential(void **state)
{
    const bmd_atmo *us76 = *state;
    bmd_atmo *atm = new_atmo(BMD_ATMO_EXPONENTIAL);
    bmd_atmo_point pt, ref;
    /* rho = rho0 exp(-h/H) with rho0 = 1.225 kg/m^3, H = 7.2 km (DESIGN.md,
     * REFERENCES.md); exact up to exp() rounding: 1e-14. */
    CHECK_OK(bmd_atmo_eval(atm, 0.0, &pt));
    CHECK_REL(pt.rho_kgpm3, 1.225, 1e-14);
    CHECK_OK(bmd_atmo_eval(atm, 7200.0, &pt));
    CHECK_REL(pt.rho_kgpm3, 1.225 * exp(-1.0), 1e-14);
    CHECK_OK(bmd_atmo_eval(atm, 72000.0, &pt));
    CHECK_REL(pt.rho_kgpm3, 1.225 * exp(-10.0), 1e-14);
    /* T and a are US76's; p = rho a^2 / gamma (docs/models/atmo.md). */
    CHECK_OK(bmd_atmo_eval(us76, 72000.0, &ref));
    CHECK_REL(pt.t_k, ref.t_k, 1e-15);
    CHECK_REL(pt.a_mps, ref.a_mps, 1e-15);
    CHECK_REL(pt.p_pa, pt.rho_kgpm3 * ref.a_mps * ref.a_mps / 1.4, 1e-14);
    /* Other parameters set in the struct. */
    atm->rho0_kgpm3 = 2.0;
    atm->scale_h_m = 8000.0;
    CHECK_OK(bmd_atmo_eval(atm, 16000.0, &pt));
    CHECK_REL(pt.rho_kgpm3, 2.0 * exp(-2.0), 1e-14);
    /* Out of range: same contract as US76. */
    CHECK_STATUS(bmd_atmo_eval(atm, 2e6, &pt), BMD_WRANGE);
    CHECK_ABS(pt.rho_kgpm3, 0.0, 0.0);
    CHECK_STATUS(bmd_atmo_eval(atm, -1e4, &pt), BMD_WRANGE);
    CHECK_REL(pt.rho_kgpm3, 2.0 * exp(5000.0 / 8000.0), 1e-14);
    /* Invalid parameters. */
    atm->scale_h_m = 0.0;
    CHECK_STATUS(bmd_atmo_eval(atm, 0.0, &pt), BMD_EINVAL);
    atm->scale_h_m = NAN;
    CHECK_STATUS(bmd_atmo_eval(atm, 0.0, &pt), BMD_EINVAL);
    atm->scale_h_m = 7200.0;
    atm->rho0_kgpm3 = -1.0;
    CHECK_STATUS(bmd_atmo_eval(atm, 0.0, &pt), BMD_EINVAL);
    free(atm);
}

static void test_none(void **state)
{
    const bmd_atmo *us76 = *state;
    bmd_atmo *atm = new_atmo(BMD_ATMO_NONE);
    bmd_atmo_point pt, ref;
    /* Vacuum: p = rho = 0 exactly; T and a from US76 (header contract). */
    static const double z_m[] = {0.0, 50e3, 400e3};
    for (int i = 0; i < 3; i++) {
        CHECK_OK(bmd_atmo_eval(atm, z_m[i], &pt));
        CHECK_OK(bmd_atmo_eval(us76, z_m[i], &ref));
        CHECK_ABS(pt.rho_kgpm3, 0.0, 0.0);
        CHECK_ABS(pt.p_pa, 0.0, 0.0);
        CHECK_REL(pt.t_k, ref.t_k, 1e-15);
        CHECK_REL(pt.a_mps, ref.a_mps, 1e-15);
    }
    free(atm);
}

/* ------------------------------------------------------------------------ */
/* The fly-out's entry point bmd__atmo_fast */

/* Geopotential layer bases H_b (km') and lapse rates L_b (K/m') of US76
 * table 4, for the layer search below. */
static const double base_km[7] = {0.0, 11.0, 20.0, 32.0, 47.0, 51.0, 71.0};
static const double lapse_kpm[7] = {-6.5e-3, 0.0, 1.0e-3, 2.8e-3, 0.0, -2.8e-3, -2.0e-3};

/* T_M at z_m by a search of the layers (US76 eqs. 18, 23), with the
 * library's arithmetic (H = r0 Z / (r0 + Z), T_M = T_M,b + L_b (H - H_b)). */
static double tm_by_search(const bmd_atmo *atm, double z_m)
{
    double h = BMD_US76_R0_M * z_m / (BMD_US76_R0_M + z_m);
    int b = 6;
    while (b > 0 && h < base_km[b] * KM)
        b--;
    return atm->tm_base_k[b] + lapse_kpm[b] * (h - base_km[b] * KM);
}

/*
 * The layer bmd_atmo_eval takes from the table interval (no search) is the
 * layer of US76 table 4: below 80 km T = T_M (M/M0 = 1, table 8), which must
 * equal, bit for bit (tolerance 0), the searched layer's T_M on a 10 m grid
 * and at 64 ulps either side of every layer base, where the interval index
 * from rounded arithmetic can be one off (it is at the first double below
 * 11 and 32 km', where both layers' T_M round to the same number).
 */
static void test_layer_lookup(void **state)
{
    const bmd_atmo *atm = *state;
    bmd_atmo_point pt;
    for (double z = -5000.0; z < 80000.0; z += 10.0) {
        CHECK_OK(bmd_atmo_eval(atm, z, &pt));
        CHECK_ABS(pt.t_k, tm_by_search(atm, z), 0.0);
    }
    for (int b = 1; b < 7; b++) {
        double z = geometric_of(base_km[b] * KM), zl = z, zh = z;
        for (int k = 0; k < 64; k++) {
            zl = nextafter(zl, -INFINITY);
            zh = nextafter(zh, INFINITY);
            const double zs[3] = {z, zl, zh};
            for (int j = 0; j < 3; j++) {
                CHECK_OK(bmd_atmo_eval(atm, zs[j], &pt));
                CHECK_ABS(pt.t_k, tm_by_search(atm, zs[j]), 0.0);
            }
        }
    }
}

/* Whether two numbers are the same double (NaN equal to NaN). */
static int same(double x, double y)
{
    return memcmp(&x, &y, sizeof x) == 0;
}

/*
 * bmd__atmo_fast with any subset of P, A, T gives the density and each
 * wanted quantity (with NO_RHO: the speed of sound and temperature that
 * are wanted) bit for bit as bmd_atmo_eval does (tolerance 0: the
 * fly-out's outputs must not depend on which it calls), and the same
 * status, for the three kinds, from -6 km to 1001 km every 37 m and at
 * the switch to the upper formulas (86 km) and the ends of the range.
 */
static void test_fast_same_as_eval(void **state)
{
    const bmd_atmo *us76 = *state;
    bmd_atmo *ex = new_atmo(BMD_ATMO_EXPONENTIAL), *none = new_atmo(BMD_ATMO_NONE);
    const bmd_atmo *atms[3] = {us76, ex, none};
    assert_int_equal(bmd__atmo_usable(us76), 1);
    assert_int_equal(bmd__atmo_usable(NULL), 0);
    ex->scale_h_m = 0.0;
    assert_int_equal(bmd__atmo_usable(ex), 0);
    ex->scale_h_m = BMD_EXPATM_H_M;
    assert_int_equal(bmd__atmo_usable(ex), 1);
    static const double special[] = {-6000.0,   -5000.0,        0.0,     79999.0, 80000.0,
                                     85999.999, BMD__US76_Z7_M, 86000.1, 1e6,     1e6 + 1.0};
    int n = 0;
    for (int k = 0; k < 3; k++)
        for (unsigned w = 0; w < 16; w++)
            for (int i = -(int)(sizeof special / sizeof special[0]); i < 27270; i++) {
                double z = i < 0 ? special[-i - 1] : -6000.0 + 37.0 * i;
                bmd_atmo_point ref, pt;
                int s_ref = bmd_atmo_eval(atms[k], z, &ref);
                int s = bmd__atmo_fast(atms[k], z, w, &pt);
                assert_int_equal(s, s_ref);
                int rho = !(w & BMD__ATMO_NO_RHO);
                if (rho) assert_true(same(pt.rho_kgpm3, ref.rho_kgpm3));
                if (rho && (w & BMD__ATMO_P)) assert_true(same(pt.p_pa, ref.p_pa));
                if (w & BMD__ATMO_A) assert_true(same(pt.a_mps, ref.a_mps));
                if (w & BMD__ATMO_T) assert_true(same(pt.t_k, ref.t_k));
                n++;
            }
    assert_true(n > 1200000);
    free(ex);
    free(none);
}

/*
 * bmd__atmo_direct (the fly-out's tables at the analysis settings) against
 * bmd_atmo_eval every metre from -5 km to 86 km: rho and p within 3e-7
 * relative, the speed of sound within 1e-9 (bounds of the cubic Hermite
 * interpolation per 0.5 km', src/atmo/atmo.c fill_direct_table: 2.5e-7
 * for rho, 1.8e-7 for p, 1e-11 for a); elsewhere (86 to 1001 km, below -5
 * km, the exponential model) it is bmd__atmo_fast, bit for bit.
 */
static void test_direct_tables(void **state)
{
    const bmd_atmo *atm = *state;
    double worst[3] = {0.0, 0.0, 0.0};
    for (int i = 0; i <= 91000; i++) {
        double z = -5000.0 + i;
        if (z >= BMD__US76_Z7_M) z = nextafter(BMD__US76_Z7_M, 0.0);
        bmd_atmo_point ref, pt;
        CHECK_OK(bmd_atmo_eval(atm, z, &ref));
        CHECK_OK(bmd__atmo_direct(atm, z, BMD__ATMO_P | BMD__ATMO_A, &pt));
        CHECK_REL(pt.rho_kgpm3, ref.rho_kgpm3, 3e-7);
        CHECK_REL(pt.p_pa, ref.p_pa, 3e-7);
        CHECK_REL(pt.a_mps, ref.a_mps, 1e-9);
        worst[0] = fmax(worst[0], fabs(pt.rho_kgpm3 / ref.rho_kgpm3 - 1.0));
        worst[1] = fmax(worst[1], fabs(pt.p_pa / ref.p_pa - 1.0));
        worst[2] = fmax(worst[2], fabs(pt.a_mps / ref.a_mps - 1.0));
    }
    print_message("  direct tables vs bmd_atmo_eval, -5 to 86 km: worst rho %.2g, p %.2g, "
                  "a %.2g relative\n",
                  worst[0], worst[1], worst[2]);
    bmd_atmo *ex = new_atmo(BMD_ATMO_EXPONENTIAL);
    static const double zs[] = {-6000.0, BMD__US76_Z7_M, 120e3, 999e3, 1001e3};
    for (size_t i = 0; i < sizeof zs / sizeof zs[0]; i++)
        for (int k = 0; k < 2; k++) {
            const bmd_atmo *a = k ? ex : atm;
            double z = k ? 3000.0 + 1000.0 * (double)i : zs[i];
            bmd_atmo_point ref, pt;
            unsigned w = BMD__ATMO_P | BMD__ATMO_A;
            assert_int_equal(bmd__atmo_direct(a, z, w, &pt), bmd__atmo_fast(a, z, w, &ref));
            assert_true(same(pt.rho_kgpm3, ref.rho_kgpm3));
            assert_true(same(pt.p_pa, ref.p_pa));
            assert_true(same(pt.a_mps, ref.a_mps));
        }
    free(ex);
}

/*
 * The table above 86 km that bmd_atmo_init gives (copied from the constants
 * the build integrated, src/atmo/gen/us76_table_gen.c, or integrated here
 * when the build has none) is the run-time integration's, bit for bit
 * (tolerance 0: the same code; hexadecimal constants are exact).
 */
static void test_table_builtin(void **state)
{
    (void)state;
    bmd_atmo *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
    assert_non_null(a);
    assert_non_null(b);
    CHECK_OK(bmd_atmo_init(a, BMD_ATMO_US76));
    bmd__us76_build_table(b, BMD__US76_NSUB);
    assert_memory_equal(a->c_ln_p, b->c_ln_p, sizeof a->c_ln_p);
    assert_memory_equal(a->c_ln_rho, b->c_ln_rho, sizeof a->c_ln_rho);
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_references_lower),
        cmocka_unit_test(test_lower_table),
        cmocka_unit_test(test_table1_geopotential),
        cmocka_unit_test(test_layer_bases_table4),
        cmocka_unit_test(test_kinks),
        cmocka_unit_test(test_mratio_table8),
        cmocka_unit_test(test_speed_of_sound),
        cmocka_unit_test(test_references_upper),
        cmocka_unit_test(test_temperature_upper),
        cmocka_unit_test(test_number_densities_table8),
        cmocka_unit_test(test_table_accuracy),
        cmocka_unit_test(test_table_builtin),
        cmocka_unit_test(test_integration_converged),
        cmocka_unit_test(test_continuity),
        cmocka_unit_test(test_monotonic),
        cmocka_unit_test(test_range),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_exponential),
        cmocka_unit_test(test_none),
        cmocka_unit_test(test_layer_lookup),
        cmocka_unit_test(test_fast_same_as_eval),
        cmocka_unit_test(test_direct_tables),
    };
    return cmocka_run_group_tests(tests, setup_us76, teardown);
}
