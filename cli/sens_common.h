/* sens_common.h: what `bmdsim sensitivity` shares between the scenario and
 * the test-function forms: options, the design-evaluate-estimate run, the
 * ranked table and the JSON object. */
#ifndef BMD_CLI_SENS_COMMON_H
#define BMD_CLI_SENS_COMMON_H

#include <stdint.h>
#include <stdio.h>

#include "bmd/sensitivity.h"
#include "opts.h"

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
    int progress; /* print progress on stderr */
};

/* The model under study. */
struct sens_model {
    size_t k;
    const char *const *names; /* [k] */
    bmd_uq_model_fn fn;
    void *ctx;
    const char *metric;
};

struct sens_result {
    size_t rows;            /* model evaluations */
    double *u, *y;          /* design [rows * k] and outputs [rows] */
    bmd_sobol_index *idx;   /* [k] (sobol) */
    bmd_morris_effect *eff; /* [k] (morris) */
    double mean, var;       /* of the output over the design */
    double seconds;         /* wall time of the evaluations */
};

/* Parse the common options (defaults as in the help). Returns 0 or 2. */
int sens_setup_parse(const struct cli_args *a, struct sens_setup *s);
/* Design, evaluation, estimators. Returns 0, 1 (run-time failure, reported)
 * or 2. */
int sens_run(const struct sens_setup *s, const struct sens_model *m, struct sens_result *r);
void sens_result_free(struct sens_result *r);
/* The order of the inputs by ST (sobol) or mu* (morris), largest first. */
void sens_rank(const struct sens_setup *s, const struct sens_model *m, const struct sens_result *r,
               size_t *order);
struct cJSON *sens_result_json(const struct sens_setup *s, const struct sens_model *m,
                               const struct sens_result *r);
void sens_result_print(FILE *f, const struct sens_setup *s, const struct sens_model *m,
                       const struct sens_result *r);

#endif
