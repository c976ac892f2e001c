/*
 * bmd/validate.h: the validation table. Each case computes one number with
 * the library and compares it with a published or analytic reference value
 * at a stated tolerance. `bmdsim validate` prints the table; the test suite
 * requires every case to pass.
 */
#ifndef BMD_VALIDATE_H
#define BMD_VALIDATE_H

#include <stddef.h>

#include "bmd/missile.h"
#include "bmd/radar.h"
#include "bmd/status.h"

/* One row of the table. */
typedef struct bmd_validation {
    const char *group;  /* "atmosphere", "wgs84", "free-flight", ... */
    char name[96];      /* what is compared: "US76 T at 11 km" */
    const char *unit;   /* unit of reference and computed values: "K" */
    double reference;   /* published or analytic value */
    double computed;    /* bmdsim's value */
    double tolerance;   /* allowed |computed - reference| (absolute, in unit) */
    int relative;       /* 1: the tolerance was given relative (tol_rel) */
    double tol_rel;     /* relative tolerance when relative = 1 */
    const char *source; /* where the reference value comes from */
    int status;         /* BMD_OK if the computation ran, else its status */
    int pass;           /* 1 if status is BMD_OK and within tolerance */
    int assumption;     /* 1: the row restates an assumption of the model or
                           the catalog (e.g. a radar preset whose range window
                           is the claim): listed for the record in the group
                           "assumptions", not counted as validation */
} bmd_validation;

/* Called once per case, in table order; return non-zero to stop. */
typedef int (*bmd_validation_fn)(void *ctx, const bmd_validation *v);

/* A radar preset and the published range claim it stands for. */
typedef struct bmd_validate_radar {
    const bmd_radar *radar;
    double claim_range_m; /* published range, m */
    double claim_rcs_m2;  /* for this RCS, m^2 (0: the source gives none; 1 m^2,
                             a missile body, is used) */
    const char *claim_by; /* who claims it, where */
} bmd_validate_radar;

/* What the catalog-dependent cases need (any pointer may be NULL: those
 * cases are then left out). */
typedef struct bmd_validate_inputs {
    const bmd_missile *missiles; /* catalog missiles (range-class cases) */
    size_t n_missiles;
    const bmd_validate_radar *radars; /* catalog radar presets (claim cases) */
    size_t n_radars;
} bmd_validate_inputs;

/*
 * bmd_validate_run: compute every validation case.
 * Given:    in  catalog inputs (may be NULL); group  only this group (NULL: all)
 *           fn, ctx  callback receiving each row
 * Returned: *n_cases, *n_failed (either may be NULL; rows with
 *           assumption = 1 are not counted)
 * Returned (function value): BMD_OK once all cases were computed (failing
 *           cases are reported through pass = 0, not the status);
 *           BMD_EINTR if fn stopped the run; BMD_ENOMEM.
 */
int bmd_validate_run(const bmd_validate_inputs *in, const char *group, bmd_validation_fn fn,
                     void *ctx, int *n_cases, int *n_failed);

/* bmd_validate_groups: the group names, NULL-terminated. */
const char *const *bmd_validate_groups(void);

#endif /* BMD_VALIDATE_H */
