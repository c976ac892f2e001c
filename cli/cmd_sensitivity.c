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
#include "mpi_driver.h"
#include "output.h"
#include "bmd/core.h"
#include "bmd/plot_uq.h"
#include "sens_common.h"
#include "uq_resume.h"

static const struct cli_opt opts[] = {
    {"metric", 'm', "M", "the metric (default p_no_leaker; 'bmdsim sweep --help' lists them)"},
    {"vary", 0, "PATH=LO:HI",
     "add (or replace) an uncertain parameter, uniform on [LO, HI]; also PATH=loguniform:LO:HI, "
     "normal:MEAN:SD[:LO:HI], triangular:LO:MODE:HI"},
    {"runs", 0, "R", "Monte Carlo engagements per model run (default 16; common random numbers)"},
    {"output", 'o', "DIR",
     "write sensitivity.json, sensitivity.csv, sensitivity-indices.png and sensitivity-tornado.png "
     "into DIR (created when missing)"},
    {"plot-format", 0, "FMT", "figure format: png (default), svg or pdf"},
    {"resume", 0, "DIR",
     "complete an interrupted run that wrote into DIR (same options; -o DIR keeps finished "
     "model runs in DIR/partial, so SIGINT/SIGTERM stops cleanly)"},
    {"chunk", 0, "N", "model runs per kept chunk (default 64)"},
    {"test-function", 0, "NAME",
     "ishigami (a = 7, b = 0.1) or sobol-g (a = 0,1,4.5,9,99,99,99,99)"},
    {"method", 0, "NAME", "sobol (default) or morris"},
    {"samples", 'n', "N",
     "sobol: base sample size N, N (k + 2) model runs (default 32 on a scenario, 1024 on "
     "a test function); morris: trajectories, r (k + 1) runs (default 10 / 20)"},
    {"seed", 0, "S", "seed of the design and the bootstrap (default 1)"},
    {"bootstrap", 0, "B", "bootstrap replicates for the intervals (default 500; 0: none)"},
    {"sampler", 0, "NAME", "qmc (scrambled Sobol' points, default) or mc (pseudo-random)"},
    {"levels", 0, "P", "morris grid levels, even (default 4)"},
    {"threads", 0, "N", "OpenMP threads (default: all; results do not depend on it)"},
    {"resolution", 0, "LENGTH",
     "footprint cell of defended_area_km2 and defended:SITE (default 20km)"},
    CLI_OPT_NO_PROGRESS,
    CLI_OPT_QUIET,
    CLI_OPT_JSON,
    CLI_OPT_DATA,
};

static const struct cli_help help = {
    "sensitivity [SCENARIO] [--metric M] [--method sobol|morris] [--samples N] [--json]\n"
    "       bmdsim sensitivity --test-function NAME [--method sobol|morris] [--samples N]",
    "Which uncertain parameters of SCENARIO (default: the built-in one) drive a metric:\n"
    "the parameters are the scenario's uncertain: block (docs/formats.md) and --vary.\n"
    "Global sensitivity analysis. Sobol' first-order (S1) and total (ST) indices by\n"
    "Saltelli sampling on a randomly shifted Sobol' sequence, with the Saltelli (2010)\n"
    "and Jansen (1999) estimators and 95 % bootstrap percentile intervals; or Morris\n"
    "elementary effects (mu*, sigma) for screening. --test-function runs the estimators\n"
    "on the Ishigami function or the Sobol' g function, whose indices are known\n"
    "analytically (see docs/models/sensitivity.md). The model runs are spread over\n"
    "--threads and, under `mpirun -np N bmdsim sensitivity ...`, over the ranks (rank 0\n"
    "writes); the result is the same for any count.",
    "  bmdsim sensitivity --metric p_no_leaker --samples 32\n"
    "  bmdsim sensitivity --method morris --metric p_negation --samples 10\n"
    "  bmdsim sensitivity --test-function ishigami --samples 4096 --json\n"
    "  bmdsim sensitivity --test-function sobol-g --method morris\n",
    1,
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

/* The parameters: the scenario's block, then --vary (replacing a
 * parameter of the same path). Returns 0 or 2. */
static int gather_params(const struct cli_args *a, struct uq_scn *u, bmd_uq_space *sp)
{
    *sp = u->space;
    const char *v = cli_get(a, "vary");
    if (v) {
        bmd_uq_param p;
        bmd_errbuf err;
        if (bmd_uq_param_parse(v, &u->s, &p, &err)) return cli_bad(a->cmd, "--vary: %s", err.msg);
        size_t i = 0;
        while (i < sp->n && strcmp(sp->p[i].path, p.path) != 0)
            i++;
        if (i == BMD_UQ_MAX_K) return cli_bad(a->cmd, "--vary: too many parameters");
        sp->p[i] = p;
        if (i == sp->n) sp->n++;
    }
    if (sp->n == 0)
        return cli_bad(a->cmd,
                       "%s has no uncertain: block; name a parameter with --vary "
                       "PATH=LO:HI",
                       u->path ? u->path : "the default scenario");
    return 0;
}

/* Tornado: the metric with each parameter at its low and high bound, the
 * others at the scenario's nominal values. lohi[2 k]. */
static int tornado(const bmd_uq_scenario_model *m, double *lohi, double *base, bmd_errbuf *err)
{
    double x[BMD_UQ_MAX_K], y[2];
    for (size_t j = 0; j < m->k; j++)
        x[j] = m->param[j].nominal;
    int st0 = bmd_uq_scenario_eval(m, x, y, err);
    if (st0) return st0;
    *base = y[0];
    for (size_t i = 0; i < m->k; i++) {
        for (size_t j = 0; j < m->k; j++)
            x[j] = m->param[j].nominal;
        for (int side = 0; side < 2; side++) {
            x[i] = side ? m->param[i].hi : m->param[i].lo;
            int st = bmd_uq_scenario_eval(m, x, y, err);
            if (st) return st;
            lohi[2 * i + (size_t)side] = y[0];
        }
    }
    return BMD_OK;
}

static void add_param_json(cJSON *arr, const bmd_uq_param *p, const double *lohi, size_t i)
{
    for (int j = 0; j < cJSON_GetArraySize(arr); j++) {
        cJSON *o = cJSON_GetArrayItem(arr, j);
        if (strcmp(cJSON_GetObjectItem(o, "name")->valuestring, p->path) != 0) continue;
        cJSON_AddStringToObject(o, "dist", bmd_dist_name(p->dist));
        cJSON_AddStringToObject(o, "unit", bmd_quantity_unit((bmd_quantity)p->quantity));
        cJSON_AddNumberToObject(o, "lo", p->lo);
        cJSON_AddNumberToObject(o, "hi", p->hi);
        cJSON_AddNumberToObject(o, "nominal", p->nominal);
        cJSON_AddNumberToObject(o, "metric_at_lo", lohi[2 * i]);
        cJSON_AddNumberToObject(o, "metric_at_hi", lohi[2 * i + 1]);
    }
}

static int write_outputs(struct cli_out *out, const char *json, const struct sens_setup *s,
                         const struct sens_model *m, const struct sens_result *r,
                         const double *lohi)
{
    bmd_membuf csv = {0};
    bmd_sink sk = {bmd_membuf_write, &csv};
    bmd_sink_printf(&sk, s->method == SENS_SOBOL
                             ? "parameter,S1,S1_lo,S1_hi,ST,ST_lo,ST_hi,metric_at_lo,metric_at_hi\n"
                             : "parameter,mu,mu_star,sigma,metric_at_lo,metric_at_hi\n");
    for (size_t i = 0; i < m->k; i++) {
        if (s->method == SENS_SOBOL) {
            const bmd_sobol_index *x = &r->idx[i];
            bmd_sink_printf(&sk, "%s,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.9g,%.9g\n", m->names[i], x->S1,
                            x->S1_lo, x->S1_hi, x->ST, x->ST_lo, x->ST_hi, lohi[2 * i],
                            lohi[2 * i + 1]);
        } else {
            const bmd_morris_effect *x = &r->eff[i];
            bmd_sink_printf(&sk, "%s,%.6g,%.6g,%.6g,%.9g,%.9g\n", m->names[i], x->mu, x->mu_star,
                            x->sigma, lohi[2 * i], lohi[2 * i + 1]);
        }
    }
    int rc = cli_out_write(out, "sensitivity.csv", csv.data, csv.len);
    bmd_membuf_free(&csv);
    if (rc) return rc;
    return cli_out_write(out, "sensitivity.json", json, strlen(json));
}

/* sensitivity-indices.FMT (S1 and ST with intervals, or mu* and sigma) and
 * tornado.FMT, parameters ranked. */
static int figures(const struct cli_args *a, struct cli_out *out, const struct sens_setup *s,
                   const struct sens_model *m, const struct sens_result *r, const double *lohi,
                   double base, const char *scenario)
{
    bmd_plot_format fmt = BMD_PLOT_PNG;
    bmd_errbuf err = {{0}};
    if (cli_get(a, "plot-format") && bmd_plot_format_parse(cli_get(a, "plot-format"), &fmt, &err))
        return cli_bad("sensitivity", "--plot-format: %s", err.msg);
    size_t order[BMD_UQ_MAX_K];
    sens_rank(s, m, r, order);
    bmd_plot_bar bars[BMD_UQ_MAX_K];
    for (size_t q = 0; q < m->k; q++) {
        size_t i = order[q];
        bmd_plot_bar *b = &bars[q];
        b->name = m->names[i];
        if (s->method == SENS_SOBOL) {
            const bmd_sobol_index *x = &r->idx[i];
            *b = (bmd_plot_bar){m->names[i], x->S1, x->S1_lo, x->S1_hi, x->ST, x->ST_lo, x->ST_hi};
        } else {
            const bmd_morris_effect *x = &r->eff[i];
            *b = (bmd_plot_bar){m->names[i], x->mu_star, x->mu_star, x->mu_star,
                                x->sigma,    x->sigma,   x->sigma};
        }
    }
    char path[4096], title[256], sub[256];
    bmd_plot_opts o;
    bmd_plot_opts_init(&o);
    o.format = fmt;
    o.title = title;
    o.subtitle = sub;
    snprintf(title, sizeof title, "%s of %s",
             s->method == SENS_SOBOL ? "Sobol' indices" : "Morris screening", m->metric);
    snprintf(sub, sizeof sub, "%s; %zu model runs%s", scenario, r->rows,
             s->method == SENS_SOBOL ? ", 95 % bootstrap intervals" : "");
    if (bmd_plot_path(path, sizeof path, out->dir, "sensitivity-indices", fmt))
        return cli_bad("sensitivity", "-o: path too long");
    o.path = path;
    int st = s->method == SENS_SOBOL
                 ? bmd_plot_index_bars(&o, bars, m->k, "first order S1", "total ST",
                                       "share of the metric's variance", &err)
                 : bmd_plot_index_bars(&o, bars, m->k, "mu* (mean |effect|)", "sigma",
                                       "effect on the metric per parameter range", &err);
    if (st) return cli_fail("sensitivity", "%s", err.msg);
    cli_out_wrote(out, path);
    /* tornado: ranked by swing */
    const char *tn[BMD_UQ_MAX_K];
    double tl[BMD_UQ_MAX_K], th[BMD_UQ_MAX_K];
    size_t ord[BMD_UQ_MAX_K];
    for (size_t i = 0; i < m->k; i++)
        ord[i] = i;
    for (size_t i = 1; i < m->k; i++)
        for (size_t j = i; j > 0; j--) {
            double sj = fabs(lohi[2 * ord[j] + 1] - lohi[2 * ord[j]]);
            double sp = fabs(lohi[2 * ord[j - 1] + 1] - lohi[2 * ord[j - 1]]);
            if (!(sj > sp)) break;
            size_t t = ord[j];
            ord[j] = ord[j - 1];
            ord[j - 1] = t;
        }
    for (size_t q = 0; q < m->k; q++) {
        tn[q] = m->names[ord[q]];
        tl[q] = lohi[2 * ord[q]];
        th[q] = lohi[2 * ord[q] + 1];
    }
    snprintf(title, sizeof title, "Tornado: %s at each parameter's bounds", m->metric);
    snprintf(sub, sizeof sub, "%s; others at their nominal values", scenario);
    if (bmd_plot_path(path, sizeof path, out->dir, "sensitivity-tornado", fmt))
        return cli_bad("sensitivity", "-o: path too long");
    if (bmd_plot_tornado(&o, tn, m->k, base, tl, th, m->metric, &err))
        return cli_fail("sensitivity", "%s", err.msg);
    cli_out_wrote(out, path);
    return 0;
}

static int run_scenario(const struct cli_args *a, struct sens_setup *s, struct cli_out *out)
{
    bmd_plot_format fmt;
    bmd_errbuf ferr;
    if (cli_get(a, "plot-format") && bmd_plot_format_parse(cli_get(a, "plot-format"), &fmt, &ferr))
        return cli_bad("sensitivity", "--plot-format: %s", ferr.msg);
    struct uq_scn u;
    int rc = uq_scn_load(a, &u);
    bmd_uq_space sp;
    long runs = 16;
    if (rc == 0)
        rc = uq_scn_metrics(a, cli_get(a, "metric") ? cli_get(a, "metric") : "p_no_leaker", &u);
    if (rc == 0 && u.n_metrics != 1) rc = cli_bad("sensitivity", "--metric: name one metric");
    if (rc == 0) rc = gather_params(a, &u, &sp);
    if (rc == 0) rc = cli_count(a, "runs", 1, 1000000, &runs);
    if (rc) {
        uq_scn_free(&u);
        return rc;
    }
    const char *names[BMD_UQ_MAX_K];
    for (size_t i = 0; i < sp.n; i++)
        names[i] = sp.p[i].path;
    bmd_uq_scenario_model model = {
        &u.s, &u.senv, sp.p, sp.n, u.metric, 1, u.metric[0].stochastic ? runs : 1, u.s.mc_seed};
    struct sens_model m = {sp.n, names, bmd_uq_scenario_fn, &model, u.metric[0].name, 2};
    struct cli_progress pr; /* progress.h */
    cli_progress_init(&pr, a, "model runs", "done");
    s->progress = &pr;
    s->a = a;
    s->hash = uq_options_hash(a, NULL, 0);
    struct sens_result r;
    double lohi[2 * BMD_UQ_MAX_K];
    bmd_errbuf err = {{0}};
    if ((rc = sens_run(s, &m, &r)) || r.idle) { /* idle: an MPI rank other than 0 */
        uq_scn_free(&u);
        return rc;
    }
    double base = 0.0;
    if (tornado(&model, lohi, &base, &err)) {
        sens_result_free(&r);
        uq_scn_free(&u);
        return cli_fail("sensitivity", "%s", err.msg);
    }
    cJSON *o = sens_result_json(s, &m, &r);
    cJSON_AddNumberToObject(o, "runs", (double)model.runs);
    cJSON_AddNumberToObject(o, "noise_variance", r.noise_var);
    cJSON_AddNumberToObject(o, "noise_fraction", r.var > 0.0 ? r.noise_var / r.var : 0.0);
    cJSON_AddNumberToObject(o, "seconds", r.seconds);
    cJSON_AddNumberToObject(o, "metric_nominal", base);
    cJSON *arr = cJSON_GetObjectItem(o, "parameters");
    for (size_t i = 0; i < sp.n; i++)
        add_param_json(arr, &sp.p[i], lohi, i);
    if (out->given) {
        cJSON *copy = cJSON_Duplicate(o, 1);
        cJSON_DeleteItemFromObject(copy, "seconds"); /* files do not depend on the machine */
        char *txt = cJSON_Print(copy);
        rc = write_outputs(out, txt, s, &m, &r, lohi);
        if (rc == 0) rc = figures(a, out, s, &m, &r, lohi, base, u.s.name);
        cJSON_free(txt);
        cJSON_Delete(copy);
    }
    if (rc == 0 && cli_has(a, "json")) {
        cJSON_DeleteItemFromObject(o, "seconds");
        cli_print_json(o);
        o = NULL;
    } else if (rc == 0) {
        sens_result_print(stdout, s, &m, &r);
        printf("  metric at each parameter's low / high bound, others nominal (tornado):\n");
        size_t order[BMD_UQ_MAX_K];
        sens_rank(s, &m, &r, order);
        for (size_t q = 0; q < sp.n; q++) {
            size_t i = order[q];
            printf("    %-36s %12.6g  %12.6g\n", names[i], lohi[2 * i], lohi[2 * i + 1]);
        }
        if (u.metric[0].stochastic)
            printf(
                "  Monte Carlo noise: %ld engagements per model run with common random numbers;\n"
                "  noise variance %.3g = %.1f %% of the metric's variance %.3g\n",
                model.runs, r.noise_var, r.var > 0.0 ? 100.0 * r.noise_var / r.var : 0.0, r.var);
    }
    if (o) cJSON_Delete(o);
    sens_result_free(&r);
    uq_scn_free(&u);
    return rc;
}

static int sensitivity(int argc, char **argv, int rank);

/* Under mpirun every rank runs the command and evaluates its block of the
 * model runs (uq_resume.h); rank 0 estimates, prints and writes. */
int cli_sensitivity(int argc, char **argv)
{
    int launched = cli_mpi_launcher_size();
    if (launched > 1 && !cli_mpi_available())
        return cli_fail("sensitivity",
                        "started by an MPI launcher with %d ranks, but this bmdsim was "
                        "built without MPI",
                        launched);
    int rank = 0, size = 1;
    char why[512];
    if (cli_mpi_start(&rank, &size, why, sizeof why)) return cli_fail("sensitivity", "%s", why);
    int rc = sensitivity(argc, argv, rank);
    rc = cli_mpi_max_int(rc);
    cli_mpi_stop();
    return rc;
}

static int sensitivity(int argc, char **argv, int rank)
{
    struct cli_args a;
    int rc = cli_parse(&a, "sensitivity", opts, sizeof opts / sizeof opts[0], &help, argc, argv);
    if (rc) return rc < 0 ? 0 : rc;
    struct sens_setup s;
    if ((rc = sens_setup_parse(&a, &s))) return rc;
    const char *tf = cli_get(&a, "test-function");
    if (tf == NULL) {
        if (!cli_has(&a, "samples")) s.samples = s.method == SENS_SOBOL ? 32 : 10;
        if (!cli_has(&a, "bootstrap")) s.n_boot = 500;
        {
            struct cli_out out;
            if (uq_resume_out(&a, &out)) return 2;
            s.dir = out.given ? out.dir : NULL;
            rc = run_scenario(&a, &s, &out);
            rc = cli_mpi_max_int(rc);
            uq_resume_end(&a, &out, rc); /* DIR/partial only after the outputs */
            if (rank != 0) out.quiet = 1;
            return cli_out_finish(&out, rc);
        }
    }
    if (a.n_positional || cli_has(&a, "metric") || cli_has(&a, "vary") || cli_has(&a, "resume"))
        return cli_bad("sensitivity",
                       "--test-function takes no SCENARIO, --metric, --vary or --resume");
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
    s.a = &a; /* plain evaluation (no DIR), spread over MPI ranks */
    struct sens_result r;
    struct cli_progress pr; /* progress.h */
    cli_progress_init(&pr, &a, "model runs", "done");
    s.progress = &pr;
    if ((rc = sens_run(&s, &m, &r)) || r.idle) return rc;
    if (cli_has(&a, "json"))
        cli_print_json(sens_result_json(&s, &m, &r));
    else
        sens_result_print(stdout, &s, &m, &r);
    sens_result_free(&r);
    return 0;
}
