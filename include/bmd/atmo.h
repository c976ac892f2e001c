/*
 * bmd/atmo.h: atmosphere models: US Standard Atmosphere 1976 (0-1000 km),
 * the exponential model, and vacuum.
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

#define BMD_ATMO_TABLE_N 1024

/*
 * bmd_atmo: a caller-owned atmosphere. Set up with bmd_atmo_init; holds any
 * precomputed table the model needs, so evaluation never allocates.
 */
typedef struct bmd_atmo {
    bmd_atmo_kind kind;
    double rho0_kgpm3, scale_h_m; /* exponential model parameters */
    /* US76 above 86 km: log p and log rho tabulated on a fixed grid. */
    int n;
    double z0_m, dz_m;
    double ln_p[BMD_ATMO_TABLE_N], ln_rho[BMD_ATMO_TABLE_N];
} bmd_atmo;

/*
 * bmd_atmo_init: set up a model. For BMD_ATMO_EXPONENTIAL the defaults
 * rho0 = 1.225 kg/m^3, H = 7.2 km are used (change the fields afterwards
 * to use others). Returns BMD_EINVAL for an unknown kind.
 */
int bmd_atmo_init(bmd_atmo *atm, bmd_atmo_kind kind);

/*
 * bmd_atmo_eval: the state at geometric altitude alt_m (m).
 * Returned (function value): BMD_OK; BMD_WRANGE above 1000 km (density and
 * pressure 0, temperature 1000 K) or below -5 km (clamped to -5 km);
 * BMD_EINVAL for NULL pointers or NaN altitude.
 */
int bmd_atmo_eval(const bmd_atmo *atm, double alt_m, bmd_atmo_point *out);

/* bmd_atmo_name: "us76", "exponential" or "none". */
const char *bmd_atmo_name(bmd_atmo_kind kind);

#endif /* BMD_ATMO_H */
