/*
 * atmo_internal.h: helpers shared by the files of src/atmo and its tests.
 * Not part of the public API.
 */
#ifndef BMD_ATMO_INTERNAL_H
#define BMD_ATMO_INTERNAL_H

#include "bmd/atmo.h"

/* Species of the US76 upper atmosphere, in the standard's order. */
enum {
    BMD__US76_N2,
    BMD__US76_O,
    BMD__US76_O2,
    BMD__US76_AR,
    BMD__US76_HE,
    BMD__US76_H,
    BMD__US76_NSPECIES
};

/* Lowest altitude of the upper-atmosphere formulas (Z7 = 86 km), m. */
#define BMD__US76_Z7_M 86000.0

/*
 * bmd__us76_upper_t: US76 kinetic temperature from 86 to 1000 km.
 * Given:    z_m        geometric altitude, 86 km <= z_m <= 1000 km (m)
 * Returned: *dtdz_kpm  dT/dZ (K/m), if not NULL
 * Returned (function value): kinetic temperature T (K)
 * References: US76 eqs. 23 (isothermal), 27-28 (elliptical), 29 (linear),
 *           31 (exponential).
 */
double bmd__us76_upper_t(double z_m, double *dtdz_kpm);

/*
 * bmd__us76_build_table: integrate the species equations and fill the
 * ln p, ln rho Hermite table of atm (the 0-86 km part is not touched).
 * Given:    nsub       RK4 steps per table interval (>= 1)
 * Returned: *atm       c_ln_p, c_ln_rho filled
 */
void bmd__us76_build_table(bmd_atmo *atm, int nsub);

/* RK4 steps per table interval of bmd_atmo_init's table: with 2 the
 * integration error is below 1e-7 relative (3e-8 measured;
 * tests/atmo/test_atmo.c compares with 64 steps); integrating it takes
 * about 1 ms, which is why the build computes it once (below). */
#define BMD__US76_NSUB 2

/* The table bmd__us76_build_table(atm, BMD__US76_NSUB) fills, written at
 * build time by src/atmo/gen/us76_table_gen.c (exact hexadecimal
 * constants); present when the build defines BMD_US76_TABLE_BUILTIN. */
extern const double bmd__us76_table_ln_p[BMD_ATMO_TABLE_N][4];
extern const double bmd__us76_table_ln_rho[BMD_ATMO_TABLE_N][4];

/*
 * bmd__us76_upper_lnp_lnrho: table look-up, 86 to 1000 km.
 * Given:    atm        a US76 model; z_m geometric altitude (m), clamped to
 *                      [86 km, 1000 km]
 * Returned: *ln_p      ln(p / Pa); *ln_rho  ln(rho / (kg/m^3))
 */
void bmd__us76_upper_lnp_lnrho(const bmd_atmo *atm, double z_m, double *ln_p, double *ln_rho);

/*
 * bmd__us76_species_direct: number densities by direct integration from
 * 86 km (no table), for tests of the table and of the integration step.
 * Given:    z_m        geometric altitude, 86 km <= z_m <= 1000 km (m)
 *           nsub       RK4 steps per table interval (>= 1)
 * Returned: n_m3[6]    number densities of N2, O, O2, Ar, He, H (1/m^3);
 *                      H is 0 below 150 km, as in the standard
 */
void bmd__us76_species_direct(double z_m, int nsub, double n_m3[BMD__US76_NSPECIES]);

/* Molecular weights of the six species (US76 table 3), kg/kmol. */
extern const double bmd__us76_mw_kgpkmol[BMD__US76_NSPECIES];

/*
 * bmd__us76_lower_p_exact: US76 pressure below 86 km from the closed form
 * (eqs. 33a-b, with pow()), the reference for the table bmd_atmo_eval uses.
 * Given:    atm a model set up by bmd_atmo_init; z_m geometric altitude,
 *           -5 km <= z_m < 86 km (m)
 * Returned (function value): pressure (Pa)
 */
double bmd__us76_lower_p_exact(const bmd_atmo *atm, double z_m);

/* What bmd__atmo_fast computes besides the density. */
#define BMD__ATMO_P 1u      /* pressure */
#define BMD__ATMO_A 2u      /* speed of sound */
#define BMD__ATMO_T 4u      /* temperature */
#define BMD__ATMO_NO_RHO 8u /* not the density either: only the above */

/*
 * bmd__atmo_usable: whether bmd_atmo_eval accepts the model (the checks it
 * makes on every call, once: a known kind, valid exponential parameters).
 * Given:    atm        a model, or NULL
 * Returned (function value): 1 if usable, 0 if not (or NULL)
 */
int bmd__atmo_usable(const bmd_atmo *atm);

/*
 * bmd__atmo_fast: bmd_atmo_eval without its checks, computing only what
 * the caller wants: the fly-out's equations of motion call it at every
 * evaluation (src/traj/flight.c).
 * Given:    atm        a model for which bmd__atmo_usable is 1
 *           alt_m      geometric altitude (m), not NaN
 *           want       BMD__ATMO_P, _A, _T or'ed: pressure, speed of sound,
 *                      temperature besides the density; with
 *                      BMD__ATMO_NO_RHO neither density nor pressure (the
 *                      speed of sound of a Mach number alone)
 * Returned: *out       rho_kgpm3 unless NO_RHO; p_pa, a_mps, t_k if wanted (the
 *                      others may or may not be written); each the same
 *                      number, bit for bit, as bmd_atmo_eval's
 * Returned (function value): bmd_atmo_eval's status (BMD_OK, BMD_WRANGE)
 * Notes:    bmd_atmo_eval is this function with every flag after its
 *           checks, so the two cannot drift apart.
 */
int bmd__atmo_fast(const bmd_atmo *atm, double alt_m, unsigned want, bmd_atmo_point *out);

/*
 * bmd__atmo_direct: bmd__atmo_fast with the US76 state below 86 km from
 * the direct tables (rho, p and the speed of sound each a cubic Hermite
 * polynomial in geopotential height per 0.5 km': no exp, sqrt or second
 * division), for the fly-out at the analysis settings.
 * Given, Returned: as bmd__atmo_fast
 * Notes:    1. Within 3e-7 relative of bmd_atmo_eval for rho and p and 1e-9
 *              for the speed of sound from -5 to 86 km (tests/atmo, every
 *              metre: 1.6e-7, 1.3e-7, 1.2e-10 measured; the error bound is
 *              in atmo.c's fill_direct_table);
 *              not bit for bit.
 *           2. Elsewhere (above 86 km, below -5 km, other kinds):
 *              bmd__atmo_fast. The layer bases are table nodes, so the
 *              kinks stay where bmd_atmo_kinks puts them.
 */
int bmd__atmo_direct(const bmd_atmo *atm, double alt_m, unsigned want, bmd_atmo_point *out);

#endif /* BMD_ATMO_INTERNAL_H */
