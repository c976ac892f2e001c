/*
 * bmd/metric.h: the one registry of scalar results ("metrics") that sweeps
 * and sensitivity analyses ask of a scenario, and their evaluation on a
 * scenario whose uncertain parameters are set (bmd/uncertain.h).
 *
 * Names (ARG is a threat, radar or site name; optional when the scenario
 * has only one threat or radar):
 *   p_no_leaker              Monte Carlo: fraction of runs with no leaker
 *   p_negation[:THREAT]      Monte Carlo: fraction of runs killing THREAT
 *   interceptors_per_kill    Monte Carlo: interceptors fired / threats killed
 *   first_detection_s[:THREAT]  Monte Carlo mean of the first detection time
 *   range_m[:THREAT], apogee_m[:THREAT], flight_time_s[:THREAT]
 *                            the threat's flown trajectory (deterministic)
 *   track_range_m[:RADAR]    the radar's single-dwell track range (capped by
 *                            its instrumented range) against the RCS of the
 *                            scenario's first threat (deterministic)
 *   defended_area_km2        the defended footprint's area, km^2, as
 *                            `bmdsim footprint SCENARIO --resolution R`
 *                            computes it (res_m below; deterministic)
 *   defended:SITE            1 when the named site is defended in that
 *                            footprint, else 0 (`footprint --check SITE`)
 *   defended_fraction:CODE   the fraction of country CODE's land (ISO
 *                            3166 alpha-3, e.g. KOR) in defended cells of
 *                            that footprint (bmd/land.h; needs
 *                            bmd_metric_set_land)
 *   defended_population      the population of the listed places in
 *                            defended cells (bmd/land.h; likewise)
 *   seen_s[:THREAT]          the time the threat's trajectory is visible to
 *                            the footprint's cueing radar, s: the summed
 *                            visible arcs of bmd_visibility_fly sampled
 *                            every 1 s (`bmdsim visibility`; deterministic)
 * The footprint metrics use the set-up of `bmdsim footprint SCENARIO` with
 * no options: the first battery (site, interceptor, reaction and
 * kill-assessment times, shoot or shoot-look-shoot), the radar that cues it
 * (its `radar:`, else the first; none: cue at launch), the first threat
 * (missile, launch point, shape, RCS at broadside), the scenario's Earth,
 * atmosphere and M-of-N, the trajectory-family method, and the region of
 * 600 km x 600 km about the battery in cells of res_m.
 * Monte Carlo metrics are means over `runs` engagements that use the random
 * streams of (seed, run 0 .. runs-1) whatever the parameter values: common
 * random numbers, so that differences between parameter values are not
 * drowned in sampling noise. Their noise variance (the variance of that
 * mean) is returned beside the value.
 */
#ifndef BMD_METRIC_H
#define BMD_METRIC_H

#include <stddef.h>
#include <stdint.h>

#include "bmd/scenario.h"
#include "bmd/scenario_load.h"
#include "bmd/status.h"
#include "bmd/uncertain.h"

struct bmd_land; /* bmd/land.h */

typedef enum bmd_metric_kind {
    BMD_MET_P_NO_LEAKER = 0,
    BMD_MET_P_NEGATION,
    BMD_MET_INTERCEPTORS_PER_KILL,
    BMD_MET_FIRST_DETECTION,
    BMD_MET_RANGE,
    BMD_MET_APOGEE,
    BMD_MET_FLIGHT_TIME,
    BMD_MET_TRACK_RANGE,
    BMD_MET_DEFENDED_AREA,
    BMD_MET_DEFENDED,
    BMD_MET_SEEN,
    BMD_MET_DEFENDED_FRACTION,
    BMD_MET_DEFENDED_POPULATION,
    BMD_MET_COUNT
} bmd_metric_kind;

typedef struct bmd_metric {
    char name[72];               /* as written, e.g. "p_negation:nodong-1" */
    int kind;                    /* bmd_metric_kind */
    int index;                   /* threat or radar index (-1: none) */
    int stochastic;              /* 1: a Monte Carlo estimate (has a noise variance) */
    const char *unit;            /* "1", "s", "m", "km2" */
    double lat_rad, lon_rad;     /* defended:SITE: the site, rad */
    double res_m;                /* footprint metrics: cell size, m (default
                                    BMD_METRIC_FP_RES_M; the caller may change it) */
    char code[4];                /* defended_fraction:CODE */
    int country;                 /* its index in land (bmd_metric_set_land) */
    const struct bmd_land *land; /* the land data of the land metrics (not owned) */
} bmd_metric;

/* Default footprint cell of the footprint metrics, m: coarse, so that one
 * evaluation takes seconds; the area moves by about 2 % from 20 km to 5 km
 * cells on the default scenario (147,603 / 144,266 / 142,464 km^2 at 20,
 * 10, 5 km, `bmdsim footprint`). */
#define BMD_METRIC_FP_RES_M 20e3

/* bmd_metric_names: the metric names (static, NULL-terminated). */
const char *const *bmd_metric_names(void);

/*
 * bmd_metric_parse: a metric by name, checked against a scenario.
 * Returned: *m; err "unknown metric 'p_neg' (did you mean 'p_negation'?)",
 *           "metric 'p_negation:x': no threat 'x' in the scenario (did you
 *           mean ...)", "metric 'p_negation': the scenario has 3 threats:
 *           name one (p_negation:THREAT)", "metric 'p_no_leaker': the
 *           scenario has no battery"
 * Returned (function value): BMD_OK; BMD_ENOTFOUND; BMD_EINVAL.
 */
int bmd_metric_parse(const bmd_scenario *s, const char *name, bmd_metric *m, bmd_errbuf *err);

/*
 * bmd_metric_parse_env: as bmd_metric_parse, with the catalogs: the SITE of
 * defended:SITE is a site of env->sites, or a place the scenario names (a
 * battery's site, a threat's launch or aim point).
 * Given:    env (may be NULL: only the scenario's places)
 * Returned: as bmd_metric_parse; err "metric 'defended:seol': unknown site
 *           'seol' (did you mean 'seoul'?)"
 */
int bmd_metric_parse_env(const bmd_scenario *s, const bmd_scenario_env *env, const char *name,
                         bmd_metric *m, bmd_errbuf *err);

/*
 * bmd_metric_needs_land: 1 for defended_fraction and defended_population.
 */
int bmd_metric_needs_land(const bmd_metric *m);

/*
 * bmd_metric_set_land: give a land metric its data (bmd_land_load; it must
 * outlive the metric's use) and check its country code.
 * Returned: err "metric 'defended_fraction:KORR': no country 'KORR' in the
 *           land data (did you mean 'KOR'?)"
 * Returned (function value): BMD_OK (also for metrics that need no land);
 *           BMD_ENOTFOUND.
 */
int bmd_metric_set_land(bmd_metric *m, const struct bmd_land *land, bmd_errbuf *err);

/*
 * bmd_metric_eval: the metrics on scenario s.
 * Given:    s (checked); m[n]; runs >= 1 and seed for the Monte Carlo ones
 * Returned: value[n]; noise_var[n] (0 for deterministic metrics; may be
 *           NULL); err
 * Returned (function value): BMD_OK; the engagement's errors (a threat out
 *           of reach, ...); BMD_ENOMEM.
 * Notes:    runs are serial here: callers parallelise over scenarios.
 *           interceptors_per_kill and first_detection_s are NaN when no
 *           threat is killed / detected in any run.
 */
int bmd_metric_eval(const bmd_scenario *s, const bmd_metric *m, size_t n, long runs, uint64_t seed,
                    double *value, double *noise_var, bmd_errbuf *err);

/* A scenario as a model of its uncertain parameters (bmd_uq_model_fn). */
typedef struct bmd_uq_scenario_model {
    const bmd_scenario *base;    /* the loaded scenario (read only) */
    const bmd_scenario_env *env; /* catalogs (radar presets for choices) */
    const bmd_uq_param *param;   /* the inputs, [k] */
    size_t k;
    const bmd_metric *metric; /* the outputs, [n_metrics] */
    size_t n_metrics;
    long runs; /* Monte Carlo runs per evaluation */
    uint64_t seed;
} bmd_uq_scenario_model;

/*
 * bmd_uq_scenario_eval: the metrics at parameter values x[k] (SI; choices
 * as indices): a copy of base with every parameter applied
 * (bmd_uq_apply), checked (bmd_scenario_check), evaluated.
 * Returned: y[0 .. n_metrics-1] values, y[n_metrics .. 2 n_metrics-1]
 *           their noise variances; err ("radars.tpy2.power_avg = -3: ...")
 */
int bmd_uq_scenario_eval(const bmd_uq_scenario_model *m, const double *x, double *y,
                         bmd_errbuf *err);

/*
 * bmd_uq_scenario_fn: a bmd_uq_model_fn over the unit cube: x_i =
 * bmd_uq_param_value(param[i], u_i), then bmd_uq_scenario_eval; ctx is a
 * const bmd_uq_scenario_model *; n_out = 2 n_metrics.
 */
int bmd_uq_scenario_fn(void *ctx, size_t row, int thread, const double *u, size_t k, double *y,
                       bmd_errbuf *err);

#endif /* BMD_METRIC_H */
