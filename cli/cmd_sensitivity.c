/* cmd_sensitivity.c: `bmdsim sensitivity`: Sobol' indices or Morris
 * screening of a metric over the uncertain parameters of a scenario, or of a
 * built-in analytic test function (--test-function) so that anyone can check
 * the estimators. The estimators are in libbmd (bmd/sensitivity.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "bmd/sensitivity.h"
#include "cli.h"
#include "common.h"
#include "sens_common.h"

static const struct cli_opt opts[] = {
    {"test-function", 0, "NAME",
     "ishigami (a = 7, b = 0.1) or sobol-g (a = 0,1,4.5,9,99,99,99,99)"},
    {"method", 0, "NAME", "sobol (default) or morris"},
    {"samples", 'n', "N",
     "sobol: base sample size N, N (k + 2) model runs (default 1024); morris: trajectories, "
     "r (k + 1) runs (default 20)"},
    {"seed", 0, "S", "seed of the design and the bootstrap (default 1)"},
    {"bootstrap", 0, "B", "bootstrap replicates for the intervals (default 500; 0: none)"},
    {"sampler", 0, "NAME", "qmc (scrambled Sobol' points, default) or mc (pseudo-random)"},
    {"levels", 0, "P", "morris grid levels, even (default 4)"},
    {"threads", 0, "N", "OpenMP threads (default: all; results do not depend on it)"},
    CLI_OPT_JSON,
    CLI_OPT_DATA,
};

static const struct cli_help help = {
    "sensitivity --test-function NAME [--method sobol|morris] [--samples N] [--seed S] [--json]",
    "Global sensitivity analysis. Sobol' first-order (S1) and total (ST) indices by\n"
    "Saltelli sampling on a randomly shifted Sobol' sequence, with the Saltelli (2010)\n"
    "and Jansen (1999) estimators and 95 % bootstrap percentile intervals; or Morris\n"
    "elementary effects (mu*, sigma) for screening. --test-function runs the estimators\n"
    "on the Ishigami function or the Sobol' g function, whose indices are known\n"
    "analytically (see docs/models/sensitivity.md).",
    "  bmdsim sensitivity --test-function ishigami --samples 4096 --json\n"
    "  bmdsim sensitivity --test-function sobol-g --method morris\n",
    0,
};

static const double G_A[8] = {0, 1, 4.5, 9, 99, 99, 99, 99};

static int ishigami_fn(void *ctx, size_t row, int thread, const double *u, size_t k, double *y,
                       bmd_errbuf *err)
{
    (void)ctx, (void)row, (void)thread, (void)k, (void)err;
    *y = bmd_uq_ishigami(u, 7.0, 0.1);
    return BMD_OK;
}

static int g_fn(void *ctx, size_t row, int thread, const double *u, size_t k, double *y,
                bmd_errbuf *err)
{
    (void)ctx, (void)row, (void)thread, (void)err;
    *y = bmd_uq_sobol_g(u, G_A, k);
    return BMD_OK;
}

int cli_sensitivity(int argc, char **argv)
{
    struct cli_args a;
    int rc = cli_parse(&a, "sensitivity", opts, sizeof opts / sizeof opts[0], &help, argc, argv);
    if (rc) return rc < 0 ? 0 : rc;
    struct sens_setup s;
    if ((rc = sens_setup_parse(&a, &s))) return rc;
    const char *tf = cli_get(&a, "test-function");
    if (tf == NULL) return cli_bad("sensitivity", "give --test-function NAME (ishigami, sobol-g)");
    static const char *const names3[] = {"x1", "x2", "x3"};
    static const char *const names8[] = {"x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8"};
    struct sens_model m = {0};
    if (strcmp(tf, "ishigami") == 0) {
        m.k = 3;
        m.names = names3;
        m.fn = ishigami_fn;
        m.metric = "ishigami";
    } else if (strcmp(tf, "sobol-g") == 0) {
        m.k = 8;
        m.names = names8;
        m.fn = g_fn;
        m.metric = "sobol-g";
    } else {
        static const char *const fns[] = {"ishigami", "sobol-g"};
        const char *sug = bmd_suggest(tf, fns, 2);
        return sug ? cli_bad("sensitivity",
                             "--test-function: unknown function '%s' (did you mean "
                             "'%s'?)",
                             tf, sug)
                   : cli_bad("sensitivity",
                             "--test-function: unknown function '%s' (ishigami, "
                             "sobol-g)",
                             tf);
    }
    struct sens_result r;
    if ((rc = sens_run(&s, &m, &r))) return rc;
    if (cli_has(&a, "json"))
        cli_print_json(sens_result_json(&s, &m, &r));
    else
        sens_result_print(stdout, &s, &m, &r);
    sens_result_free(&r);
    return 0;
}
