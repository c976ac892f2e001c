/*
 * bmd/calibrate.h: fit a catalog missile's estimated parameters to what was
 * published about it, with bmdsim's own flight model.
 *
 * The reference model (docs/catalog.md, "Calibration"): WGS84 with J2 and
 * no Earth rotation (published ranges are quoted without the rotation
 * bonus), US Standard Atmosphere 1976, the default dopri5 integrator,
 * launch from 40N 125E toward the east. The published range is the
 * minimum-energy (maximum) full-burn range with the entry's payload
 * (bmd_traj_max_range); a test flight is judged by the highest apogee the
 * vehicle can fly at the observed range (bmd_traj_loft_limit).
 *
 * Residuals (relative, dimensionless):
 *   range   (R_me - R_pub) / R_pub
 *   test    (H_max(R_obs) - H_obs) / H_obs for a full-burn test (the one
 *           the published range was inferred from), min(0, that) for the
 *           others (the vehicle need only be able to fly them).
 * The fit minimises the sum of their squares plus 1e-8 sum(u_i^2) over
 * u_i = ln(p_i / p_i0) of the entry's free parameters (the small term picks
 * the least change when the residuals leave parameters undetermined), by
 * GSL's Nelder-Mead simplex (gsl_multimin_fminimizer_nmsimplex2).
 *
 * Allocates (the GSL minimiser) only inside bmd_calibrate; nothing prints.
 */
#ifndef BMD_CALIBRATE_H
#define BMD_CALIBRATE_H

#include "bmd/const.h"
#include "bmd/missile.h"
#include "bmd/status.h"
#include "bmd/traj.h"

/* Launch point and azimuth of the reference flights (rad). */
#define BMD_CALIB_LAT_RAD (40.0 * BMD_DEG2RAD)
#define BMD_CALIB_LON_RAD (125.0 * BMD_DEG2RAD)
#define BMD_CALIB_AZ_RAD (90.0 * BMD_DEG2RAD)
/* Weight of the least-change term (see above). */
#define BMD_CALIB_REG 1e-8

/* What the reference model gives for one test flight. */
typedef struct bmd_calib_test {
    double apogee_max_m; /* highest apogee at the observed range (full burn), m */
    double residual;     /* the residual entering the fit (see above), 1 */
    int status;          /* BMD_OK, or why H_max could not be computed */
} bmd_calib_test;

/* The reference model's view of one missile. */
typedef struct bmd_calib_eval {
    double range_m;        /* minimum-energy full-burn range (no rotation), m */
    double range_residual; /* (range_m - published) / published, 1 */
    int n_tests;
    bmd_calib_test test[BMD_MAX_TESTS];
    double cost; /* sum of squared residuals, 1 */
    int status;  /* BMD_OK or the status of the range flight */
} bmd_calib_eval;

typedef struct bmd_calib_result {
    int n_free;
    double before[BMD_MAX_FREE]; /* free parameter values before the fit (SI: kg, s) */
    double after[BMD_MAX_FREE];  /* and after */
    bmd_calib_eval eval0;        /* the entry as given */
    bmd_calib_eval eval;         /* the fitted entry */
    int n_iter;                  /* simplex iterations */
    int converged;               /* 1: the simplex shrank below its tolerance */
} bmd_calib_result;

/*
 * bmd_calib_config: the reference model configuration.
 * Returned: *earth (WGS84, no rotation), *cfg (US76 via atmo, default
 *           integrator); atmo must stay alive while cfg is used.
 * Returned (function value): BMD_OK or the status of bmd_atmo_init.
 */
int bmd_calib_config(bmd_earth *earth, bmd_atmo *atmo, bmd_traj_config *cfg);

/*
 * bmd_calib_param_get / bmd_calib_param_set: a free parameter by name
 * (bmd/missile.h, bmd_calibration) in SI units (kg, s; "stageN.isp" is the
 * vacuum Isp in s; setting it scales isp_sl by the same factor).
 * Setting keeps the entry consistent: dry_mass changes gross_mass;
 * propellant_mass changes gross_mass too (dry mass kept); payload_mass
 * moves a separating RV's mass with it when they were equal, and the
 * whole-body re-entry mass of a non-separating missile follows the last
 * stage's dry mass and the payload.
 * Returned (function value): BMD_OK; BMD_EINVAL for an unknown name.
 */
int bmd_calib_param_get(const bmd_missile *m, const char *name, double *value);
int bmd_calib_param_set(bmd_missile *m, const char *name, double value);

/*
 * bmd_calib_evaluate: the residuals of an entry under the reference model.
 * Given:    m  the missile (its tests and published range)
 * Returned: *ev  (status fields say what could not be flown)
 * Returned (function value): BMD_OK when the range flight was flown (a test
 *           whose H_max cannot be had is reported in its status and counts
 *           a residual of -1); errors of bmd_traj_max_range.
 */
int bmd_calib_evaluate(const bmd_missile *m, bmd_calib_eval *ev, bmd_errbuf *err);

/*
 * bmd_calibrate: fit the entry's free parameters (m->calib).
 * Given:    m  the entry; max_iter  simplex iterations (<= 0: 200)
 * Returned: *fitted  a copy of m with the fitted values
 *           *res     before/after values and residuals
 * Returned (function value): BMD_OK (res->converged says whether the
 *           simplex met its tolerance); BMD_EINVAL if the entry names no
 *           free parameter; BMD_ENOMEM; errors of bmd_calib_evaluate on the
 *           entry as given.
 */
int bmd_calibrate(const bmd_missile *m, int max_iter, bmd_missile *fitted, bmd_calib_result *res,
                  bmd_errbuf *err);

#endif /* BMD_CALIBRATE_H */
