/*
 * bmd/atmo.h: atmosphere models: US Standard Atmosphere 1976 (0-1000 km),
 * the exponential model, and vacuum. Equations, constants and validation:
 * docs/models/atmo.md.
 */
#ifndef BMD_ATMO_H
#define BMD_ATMO_H

#include "bmd/status.h"

typedef enum bmd_atmo_kind {
    BMD_ATMO_US76 = 0,        /* U.S. Standard Atmosphere 1976 (NASA-TM-X-74335) */
    BMD_ATMO_EXPONENTIAL = 1, /* rho = rho0 exp(-h / H) */
    BMD_ATMO_NONE = 2         /* vacuum: rho = p = 0 */
} bmd_atmo_kind;

/* Atmospheric state at one geometric altitude. */
typedef struct bmd_atmo_point {
    double t_k;       /* kinetic temperature, K */
    double p_pa;      /* pressure, Pa */
    double rho_kgpm3; /* mass density, kg/m^3 */
    double a_mps;     /* speed of sound, m/s (above 86 km: sqrt(gamma R T / M0) as a
                         convention for Mach numbers, see docs/models/atmo.md) */
} bmd_atmo_point;

/* Number of intervals of the US76 table above 86 km: 256 of 250 m from 86 to
 * 150 km, 340 of 2.5 km from 150 to 1000 km (docs/models/atmo.md, sec. 3). */
#define BMD_ATMO_TABLE_N 596

/* Number of intervals of the US76 ln p table below 86 km: 1 km' of
 * geopotential height from -6 km' to 85 km' (nodes on the layer bases). */
#define BMD_ATMO_LOW_N 91

/* Number of intervals of the US76 direct tables below 86 km (rho, p, a as
 * cubics in geopotential height, for the fly-out at the analysis settings):
 * 0.5 km' from -6 km' to 85 km'. */
#define BMD_ATMO_DIRECT_N 182

/*
 * bmd_atmo: a caller-owned atmosphere. Set up with bmd_atmo_init; holds any
 * precomputed table the model needs, so evaluation never allocates. The
 * table fields are private to src/atmo (about 56 kB in all).
 */
typedef struct bmd_atmo {
    bmd_atmo_kind kind;
    double rho0_kgpm3, scale_h_m; /* exponential model parameters */
    /* US76 0-86 km: molecular-scale temperature (K) and pressure (Pa) at the
     * bases of the seven geopotential layers and at 84.852 km'. */
    double tm_base_k[8], p_base_pa[8];
    /* US76 86-1000 km: per table interval, the cubic Hermite coefficients of
     * ln(p / Pa) and ln(rho / (kg/m^3)) in the local variable t in [0, 1]. */
    double c_ln_p[BMD_ATMO_TABLE_N][4], c_ln_rho[BMD_ATMO_TABLE_N][4];
    /* US76 below 86 km: cubic Hermite coefficients of ln(p / Pa) per km' of
     * geopotential height (no pow() at evaluation). */
    double c_ln_p_low[BMD_ATMO_LOW_N][4];
    /* and the layer (0..6) of each of its intervals */
    unsigned char low_layer[BMD_ATMO_LOW_N];
    /* US76 below 86 km: cubic Hermite coefficients of rho (kg/m^3), p (Pa)
     * and the speed of sound (m/s) per 0.5 km' (no exp, no sqrt) */
    double c_rho_direct[BMD_ATMO_DIRECT_N][4], c_p_direct[BMD_ATMO_DIRECT_N][4],
        c_a_direct[BMD_ATMO_DIRECT_N][4];
} bmd_atmo;

/*
 * bmd_atmo_init: set up an atmosphere model.
 * Given:    kind       BMD_ATMO_US76, BMD_ATMO_EXPONENTIAL or BMD_ATMO_NONE
 * Returned: *atm       the model, ready for bmd_atmo_eval
 * Returned (function value): BMD_OK; BMD_EINVAL for atm == NULL or an unknown
 *           kind (*atm is then left unchanged).
 * Notes:    1. For BMD_ATMO_EXPONENTIAL the defaults rho0 = 1.225 kg/m^3,
 *              H = 7.2 km (BMD_EXPATM_*) are set; change rho0_kgpm3 and
 *              scale_h_m afterwards to use others.
 *           2. For BMD_ATMO_US76 the number densities of N2, O, O2, Ar, He
 *              and H are integrated once from 86 to 1000 km (standard, sec.
 *              1.3) and ln p, ln rho are tabulated; this takes about a
 *              millisecond (unless the build computed the table). Below
 *              86 km it also tabulates rho, p and the speed of sound for
 *              the fly-out at the analysis settings (about 10 us). Every
 *              kind fills the 0-86 km layer bases, since all kinds take
 *              temperature and speed of sound from US76.
 *           3. No allocation; the struct is about 56 kB.
 * References: U.S. Standard Atmosphere 1976, NOAA-S/T 76-1562 (NASA-TM-X-
 *           74335), sec. 1.2-1.3.
 */
int bmd_atmo_init(bmd_atmo *atm, bmd_atmo_kind kind);

/*
 * bmd_atmo_eval: the atmospheric state at one geometric altitude.
 * Given:    atm        a model set up by bmd_atmo_init
 *           alt_m      geometric altitude above the reference surface (m);
 *                      the Earth model is the caller's (US76 uses a
 *                      spherical Earth of radius 6356.766 km for gravity)
 * Returned: *out       temperature (K), pressure (Pa), density (kg/m^3),
 *                      speed of sound (m/s)
 * Returned (function value):
 *           BMD_OK;
 *           BMD_WRANGE above 1000 km (every kind: density and pressure 0,
 *             temperature 1000 K, speed of sound from 1000 K) or below
 *             -5 km (the state at -5 km is returned);
 *           BMD_EINVAL for NULL pointers, NaN altitude, an unknown kind or
 *             bad exponential parameters (rho0 < 0, H <= 0, or either not
 *             finite); *out, if not NULL, is then filled with NaN.
 * Notes:    1. US76: exact closed forms below 86 km (seven geopotential
 *              layers, M/M0 of table 8 between 80 and 86 km); above, kinetic
 *              temperature in closed form and p, rho by cubic Hermite
 *              interpolation in ln p, ln rho of the init table.
 *           2. Speed of sound: sqrt(gamma R* T_M / M0) (standard eq. 50)
 *              below 86 km; above 86 km the standard gives none and the same
 *              formula with the kinetic temperature is used as a convention.
 *           3. EXPONENTIAL: rho = rho0 exp(-h/H); temperature and speed of
 *              sound from US76; p = rho a^2 / gamma (= rho R* T_M / M0, the
 *              US76 equation of state below 86 km).
 *           4. NONE: rho = p = 0; temperature and speed of sound from US76,
 *              so that a Mach number stays defined.
 *           5. Cost about 30-60 ns; no allocation, no loop.
 * References: U.S. Standard Atmosphere 1976, NOAA-S/T 76-1562 (NASA-TM-X-
 *           74335), eqs. 18, 23, 33a-b, 42, 50 and table 8.
 */
int bmd_atmo_eval(const bmd_atmo *atm, double alt_m, bmd_atmo_point *out);

/* The most altitudes bmd_atmo_kinks returns. */
#define BMD_ATMO_MAX_KINKS 8

/*
 * bmd_atmo_kinks: the altitudes where the model's density, pressure or
 * speed of sound is not smooth: the US76 layer bases 11, 20, 32, 47, 51
 * and 71 km' and the top of the lower atmosphere (84.852 km' = 86 km),
 * as geometric altitudes.
 * Given:    atm        a model set up by bmd_atmo_init
 *           max        room in z_m (BMD_ATMO_MAX_KINKS suffice)
 * Returned: z_m[]      the altitudes in ascending order (m), at most max
 * Returned (function value): how many were written; 0 for atm == NULL.
 * Notes:    1. At a layer base the molecular-scale temperature T_M, and so
 *              the speed of sound and (US76) the density rho = p M0 /
 *              (R* T_M), have a jump in their first derivative; at 86 km
 *              the speed of sound and density pass from the lower to the
 *              upper formulas (small jumps). Everywhere else the models are
 *              continuous with continuous first derivatives. An integrator
 *              that ends its steps at these altitudes never steps across a
 *              kink (src/traj does).
 *           2. Every kind returns the same altitudes: the exponential model
 *              and vacuum take the speed of sound from US76 as well.
 *           3. Geometric altitude from geopotential height: Z = r0 H /
 *              (r0 - H) (standard eq. 18 solved for Z), r0 = 6356.766 km.
 * References: U.S. Standard Atmosphere 1976, NOAA-S/T 76-1562 (NASA-TM-X-
 *           74335), table 4 and eq. 18.
 */
int bmd_atmo_kinks(const bmd_atmo *atm, double z_m[], int max);

/*
 * bmd_atmo_name: the model's name.
 * Given:    kind       a model kind (any value)
 * Returned (function value): "us76", "exponential" or "none"; "unknown" for
 *           any other value. A static string, never NULL.
 */
const char *bmd_atmo_name(bmd_atmo_kind kind);

#endif /* BMD_ATMO_H */
