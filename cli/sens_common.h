/* sens_common.h: what `bmdsim sensitivity` shares between the scenario and
 * the test-function forms: options, the design-evaluate-estimate run, the
 * ranked table and the JSON object. */
#ifndef BMD_CLI_SENS_COMMON_H
#define BMD_CLI_SENS_COMMON_H

#include <stdint.h>
#include <stdio.h>

#include "bmd/sensitivity.h"
#include "opts.h"
#include "progress.h"

struct cJSON;

enum sens_method { SENS_SOBOL, SENS_MORRIS };

/* Options common to every form (--method, --samples, --seed, ...). */
struct sens_setup {
    enum sens_method method;
    long samples; /* sobol: base size N; morris: trajectories r */
    uint64_t seed;
    long n_boot;
    bmd_uq_sampler sampler;
    int levels;
    int threads;
    struct cli_progress *progress; /* the reporter (progress.h), NULL: none */
    /* resumable evaluation (uq_resume.h); a NULL: plain bmd_uq_evaluate */
    const struct cli_args *a;
    const char *dir;
    uint64_t hash;
};

/* The model under study. */
struct sens_model {
    size_t k;
    const char *const *names; /* [k] */
    bmd_uq_model_fn fn;
    void *ctx;
    const char *metric;
    size_t n_out; /* model outputs per row: 1, or 2 (value, noise variance) */
};

struct sens_result {
    size_t rows;            /* model evaluations */
    double *u, *y;          /* design [rows * k] and outputs [rows] */
    bmd_sobol_index *idx;   /* [k] (sobol) */
    bmd_morris_effect *eff; /* [k] (morris) */
    double mean, var;       /* of the output over the design */
    double seconds;         /* wall time of the evaluations */
    int constant;           /* the output did not vary (indices 0) */
    double noise_var;       /* mean noise variance of the outputs (n_out 2) */
    int idle;               /* an MPI rank other than 0: it evaluated its share
                               of the rows, rank 0 has the result (nothing
                               else set) */
};

/* Parse the common options (defaults as in the help). Returns 0 or 2. */
int sens_setup_parse(const struct cli_args *a, struct sens_setup *s);
/* Design, evaluation, estimators. Under mpirun (s->a set) every rank
 * evaluates its block of the rows and rank 0 gathers them and estimates;
 * the other ranks return 0 with r->idle set. Returns 0, 1 (run-time
 * failure, reported) or 2. */
int sens_run(const struct sens_setup *s, const struct sens_model *m, struct sens_result *r);
void sens_result_free(struct sens_result *r);
/* bmd_uq_progress_fn feeding the reporter ctx (struct cli_progress). */
int sens_progress(void *ctx, size_t done, size_t total);
double sens_now_s(void);
/* The order of the inputs by ST (sobol) or mu* (morris), largest first. */
void sens_rank(const struct sens_setup *s, const struct sens_model *m, const struct sens_result *r,
               size_t *order);
struct cJSON *sens_result_json(const struct sens_setup *s, const struct sens_model *m,
                               const struct sens_result *r);
void sens_result_print(FILE *f, const struct sens_setup *s, const struct sens_model *m,
                       const struct sens_result *r);

/* ---- scenario models (sweep and sensitivity on a scenario) ---- */
#include "bmd/land.h"
#include "bmd/metric.h"
#include "bmd/uncertain.h"
#include "common.h"

#define UQ_MAX_METRICS 8

struct uq_scn {
    struct cli_env env;
    bmd_scenario s;
    bmd_scenario_env senv;
    bmd_uq_space space; /* the scenario's uncertain: block */
    bmd_metric metric[UQ_MAX_METRICS];
    size_t n_metrics;
    const char *path; /* the scenario file, NULL: built-in default */
    bmd_land land;    /* for defended_fraction and defended_population */
};

/* Load positional SCENARIO (or the built-in default) and its uncertain:
 * block. Returns 0, 1 or 2 (reported). Free with uq_scn_free either way. */
int uq_scn_load(const struct cli_args *a, struct uq_scn *u);
/* The comma-separated metric list. Returns 0 or 2 (reported). */
int uq_scn_metrics(const struct cli_args *a, const char *list, struct uq_scn *u);
void uq_scn_free(struct uq_scn *u);

/* A verdict's spread over the uncertain: block (metric value > 0 = holds). */
struct uq_spread_result {
    long samples, hits;
    double p, lo, hi;      /* fraction holding, 95 % Wilson interval */
    double lo_val, hi_val; /* the metric's smallest and largest value */
    int param;             /* index of the parameter most correlated with
                              the verdict (-1: the verdict never changes) */
    double corr;           /* that correlation (point-biserial, u vs 0/1) */
};

/* N Latin-hypercube samples of u->space (seed) of the metrics u->metric
 * (footprint or visibility: no Monte Carlo); out[n_metrics]; progress on
 * the reporter of a (progress.h: off with --no-progress or -q). Returns 0,
 * 1 or 2 (reported). */
int uq_spread(const struct cli_args *a, struct uq_scn *u, long samples, uint64_t seed, int threads,
              struct uq_spread_result *out);
struct cJSON *uq_spread_json(const struct uq_scn *u, const struct uq_spread_result *r,
                             const char *const *names, uint64_t seed);
/* One line per verdict: "  NAME VERB 73 % of 200 samples [66, 79]; decided most by ..." */
void uq_spread_print(const struct uq_scn *u, const struct uq_spread_result *r,
                     const char *const *names, const char *verb, size_t width);

#endif
