/*
 * bmd/uncertain.h: uncertain scenario parameters named by path, with their
 * distributions, for sweeps and sensitivity analyses (bmd/sensitivity.h).
 *
 * A path names a numeric field of a loaded scenario (bmd/scenario.h) or of
 * the catalog entries it uses:
 *   radars.NAME.FIELD        a scenario radar (NAME its `name:`, or *)
 *   batteries.NAME.FIELD     a battery
 *   interceptors.KEY.FIELD   every battery whose interceptor is catalog KEY
 *   missiles.KEY.FIELD       every threat whose missile is catalog KEY
 *   threats.NAME.FIELD       a threat (or * for every threat)
 * The fields are in docs/formats.md ("Uncertain parameters"); e.g. radars.tpy2.power_avg,
 * batteries.seongju.reaction_time, interceptors.thaad.burnout_speed,
 * threats.*.rcs, missiles.nodong.payload_mass, radars.tpy2.type (a choice
 * over catalog radar presets).
 *
 * In a scenario file the `uncertain:` block holds them (docs/formats.md):
 *   uncertain:
 *     radars.tpy2.power_avg: {dist: loguniform, lo: 25kW, hi: 100kW}
 *     batteries.seongju.reaction_time: {dist: triangular, lo: 5s, mode: 10s, hi: 30s}
 *     interceptors.thaad.burnout_speed: {dist: normal, mean: 2.8km/s, sd: 0.1km/s}
 *     threats.*.rcs: [0.01m2, 1m2]            # uniform
 *     radars.tpy2.type: {dist: choice, values: [an-tpy2, an-tpy2-fbm]}
 * The five short keys of the Monte Carlo block (power_avg, rcs, pk,
 * reaction_time, launch_time; bmd_scn_uncertain) are read as the paths
 * radars.*.power_avg (uniform), threats.*.rcs (log-uniform),
 * interceptors.*.pk, batteries.*.reaction_time (uniform) and
 * threats.*.launch_time (uniform, an offset added to each launch time).
 */
#ifndef BMD_UNCERTAIN_H
#define BMD_UNCERTAIN_H

#include <stddef.h>

#include "bmd/input.h"
#include "bmd/scenario.h"
#include "bmd/scenario_load.h"
#include "bmd/sensitivity.h"
#include "bmd/status.h"

typedef enum bmd_dist_kind {
    BMD_DIST_UNIFORM = 0, /* lo, hi */
    BMD_DIST_LOGUNIFORM,  /* lo > 0, hi: log x uniform */
    BMD_DIST_NORMAL,      /* mean, sd, truncated to [lo, hi] (default mean +- 3 sd) */
    BMD_DIST_TRIANGULAR,  /* lo, mode, hi */
    BMD_DIST_CHOICE       /* one of values[], equally likely */
} bmd_dist_kind;

#define BMD_UQ_MAX_CHOICES 8

typedef struct bmd_uq_param {
    char path[96];   /* as written: "radars.tpy2.power_avg" */
    int dist;        /* bmd_dist_kind */
    double lo, hi;   /* support, SI units of the field */
    double mode;     /* triangular */
    double mean, sd; /* normal */
    size_t n_choices;
    char choice[BMD_UQ_MAX_CHOICES][32]; /* catalog keys (choice) */
    int quantity;                        /* bmd_quantity of the field */
    double nominal; /* the scenario's value (choice: index of the scenario's preset, or 0) */
    int line, col;  /* where it was written (0: not from a file) */
} bmd_uq_param;

typedef struct bmd_uq_space {
    size_t n;
    bmd_uq_param p[BMD_UQ_MAX_K];
} bmd_uq_space;

/* bmd_dist_name: "uniform", "loguniform", "normal", "triangular", "choice". */
const char *bmd_dist_name(int dist);

/*
 * bmd_uq_resolve: check a path against a scenario.
 * Given:    s, path
 * Returned: *quantity the field's bmd_quantity (may be NULL); *nominal its
 *           value in s (the first target's; choice: 0) (may be NULL); err
 *           "unknown radar 'tpy3' (did you mean 'tpy2'?)" and the like
 * Returned (function value): BMD_OK; BMD_ENOTFOUND (unknown root, name or
 *           field: the message suggests the nearest); BMD_EINVAL (a
 *           malformed path).
 */
int bmd_uq_resolve(const bmd_scenario *s, const char *path, int *quantity, double *nominal,
                   bmd_errbuf *err);

/*
 * bmd_uq_param_value: the parameter's value at the quantile u in [0, 1]
 * (inverse distribution function; for a truncated normal, of the truncated
 * distribution; for a choice, the index floor(u n) as a double).
 */
double bmd_uq_param_value(const bmd_uq_param *p, double u);

/*
 * bmd_uq_apply: set the field p->path names to value in s (every target:
 * all radars for radars.*, ...). Whole-number fields take the nearest
 * integer; a choice (radars.NAME.type) takes preset choice[(int)value] from
 * env->radars, keeping the radar's site and boresight.
 * Returned (function value): BMD_OK; BMD_ENOTFOUND; BMD_EINVAL (the value
 *           breaks a model check: the message names the path).
 * Notes:    the interceptor and missile checks (bmd_interceptor_check,
 *           bmd_traj_missile_check) are rerun on the changed entries.
 */
int bmd_uq_apply(bmd_scenario *s, const bmd_scenario_env *env, const bmd_uq_param *p, double value,
                 bmd_errbuf *err);

/*
 * bmd_uq_space_load: the `uncertain:` block of a scenario file, checked
 * against the loaded scenario s (the short Monte Carlo keys as described
 * above).
 * Given:    path the scenario file (NULL: text/len instead, display_name in
 *           messages); s the scenario loaded from it; env the catalogs
 * Returned: *out (n = 0 when there is no block); err "FILE:LINE:COL: ..."
 * Returned (function value): BMD_OK; BMD_EIO; BMD_EPARSE; BMD_EUNIT;
 *           BMD_EINVAL (lo > hi, sd <= 0, a mode outside [lo, hi], a
 *           loguniform lo <= 0, more than BMD_UQ_MAX_K parameters);
 *           BMD_ENOTFOUND (unknown path or preset, with a suggestion).
 */
int bmd_uq_space_load(const char *path, const char *text, size_t len, const char *display_name,
                      const bmd_scenario *s, const bmd_scenario_env *env, bmd_uq_space *out,
                      bmd_errbuf *err);

/*
 * bmd_uq_param_parse: a parameter from the text of a command-line option,
 * PATH=LO:HI (uniform) or PATH=DIST:ARGS (loguniform:LO:HI,
 * normal:MEAN:SD[:LO:HI], triangular:LO:MODE:HI), values with units.
 * Returned: *p (nominal and quantity from s); err (no position)
 * Returned (function value): as bmd_uq_space_load.
 */
int bmd_uq_param_parse(const char *text, const bmd_scenario *s, bmd_uq_param *p, bmd_errbuf *err);

/*
 * bmd_uq_param_check: the bounds of a filled parameter (lo <= hi, ...).
 * Returned (function value): BMD_OK; BMD_EINVAL with the reason.
 */
int bmd_uq_param_check(const bmd_uq_param *p, bmd_errbuf *err);

#endif /* BMD_UNCERTAIN_H */
