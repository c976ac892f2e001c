/* cmd_sweep.c: `bmdsim sweep`: metrics of a scenario over a 1-D or 2-D grid
 * of parameter values, optionally with the scenario's uncertain parameters
 * sampled by Latin hypercube at each grid point. The work is in libbmd
 * (bmd/metric.h, bmd/uncertain.h, bmd/sensitivity.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "bmd/core.h"
#include "bmd/montecarlo.h"
#include "bmd/plot.h"
#include "bmd/plot_uq.h"
#include "cli.h"
#include "common.h"
#include "mpi_driver.h"
#include "output.h"
#include "sens_common.h"
#include "uq_resume.h"

static const struct cli_opt opts[] = {
    {"vary", 0, "PATH=LO:HI:N",
     "a grid of N values from LO to HI (with units) of a scenario or catalog field; give it "
     "once (1-D) or twice (2-D)"},
    {"metric", 'm', "M[,M2]", "the metrics (default p_no_leaker); listed below"},
    {"samples", 'n', "N",
     "at each grid point, N Latin-hypercube samples of the scenario's uncertain: block "
     "(default 0: its nominal values)"},
    {"runs", 0, "R", "Monte Carlo engagements per point (default 16; common random numbers)"},
    {"seed", 0, "S", "seed of the Latin hypercube (default 1)"},
    {"threads", 0, "N", "OpenMP threads (default: all; results do not depend on it)"},
    {"resolution", 0, "LENGTH",
     "footprint cell of defended_area_km2 and defended:SITE (default 20km)"},
    {"output", 'o', "DIR",
     "write sweep.csv, sweep.json and the figures into DIR (created when missing)"},
    {"resume", 0, "DIR",
     "complete an interrupted run that wrote into DIR (same options; -o DIR keeps finished "
     "model runs in DIR/partial until the end, so SIGINT/SIGTERM stops cleanly)"},
    {"chunk", 0, "N", "model runs per kept chunk (default 64)"},
    {"plot-format", 0, "FMT", "figure format: png (default), svg or pdf"},
    {"threshold", 0, "X",
     "verdict threshold: 2-D figures draw the contour metric = X; with --samples the JSON "
     "gives the fraction of samples at or above X (default 0.5)"},
    CLI_OPT_NO_PROGRESS,
    CLI_OPT_QUIET,
    CLI_OPT_JSON,
    CLI_OPT_DATA,
};

static const struct cli_help help = {
    "sweep [SCENARIO] --vary PATH=LO:HI:N [--vary PATH2=LO:HI:N] [--metric M[,M2]]\n"
    "       [--samples N] [--runs R] [-o DIR] [--json]",
    "How metrics of SCENARIO (default: the built-in one) move over a grid of one or two\n"
    "parameters. PATH names a field: radars.NAME.FIELD, batteries.NAME.FIELD,\n"
    "interceptors.KEY.FIELD, missiles.KEY.FIELD, threats.NAME.FIELD (NAME may be *);\n"
    "the fields are listed in docs/formats.md (\"Uncertain parameters\").\n"
    "Metrics: p_no_leaker, p_negation[:THREAT], interceptors_per_kill,\n"
    "first_detection_s[:THREAT] (Monte Carlo over --runs engagements with the same\n"
    "random numbers at every point, with a 95 % interval: Wilson for probabilities,\n"
    "normal otherwise); range_m, apogee_m, flight_time_s [:THREAT] (trajectory);\n"
    "track_range_m[:RADAR] (single-dwell track range against the first threat's RCS);\n"
    "defended_area_km2 and defended:SITE (1 defended, 0 not) of `bmdsim footprint SCENARIO\n"
    "--resolution 20km` (its first battery, cueing radar and first threat; --resolution);\n"
    "defended_fraction:CODE (share of country CODE's land defended, e.g. KOR) and\n"
    "defended_population (people in the listed places defended; GeoNames, >= 15,000 each);\n"
    "seen_s[:THREAT] (time the threat is visible to that radar, as `bmdsim visibility`).\n"
    "With --samples N the scenario's uncertain: block is sampled at every point and\n"
    "the band is the 5-95 % spread over the samples.\n"
    "The model runs are spread over --threads and, under `mpirun -np N bmdsim sweep\n"
    "...`, over the ranks (rank 0 writes); the result is the same for any count.",
    "  bmdsim sweep --vary radars.tpy2.power_avg=10kW:100kW:10 --metric track_range_m\n"
    "  bmdsim sweep --vary interceptors.thaad.pk=0.5:0.95:4 \\\n"
    "      --vary batteries.seongju.reaction_time=5s:40s:4 --metric p_no_leaker -o out\n"
    "  mpirun -np 2 bmdsim sweep --vary interceptors.thaad.pk=0.5:0.95:8 -o out\n",
    1,
};

/* --vary may be given twice: pull every occurrence out of argv. */
static int take_vary(int *argc, char **argv, const char **vary, int *nv)
{
    int w = 1;
    *nv = 0;
    for (int i = 1; i < *argc; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--vary") == 0 && i + 1 < *argc)
            v = argv[++i];
        else if (strncmp(argv[i], "--vary=", 7) == 0)
            v = argv[i] + 7;
        if (v == NULL) {
            argv[w++] = argv[i];
            continue;
        }
        if (*nv == 2) return cli_bad("sweep", "--vary: at most two (a 2-D grid)");
        vary[(*nv)++] = v;
    }
    *argc = w;
    return 0;
}

struct axis {
    bmd_uq_param p;
    long n;
};

/* PATH=LO:HI:N */
static int parse_axis(const char *text, const bmd_scenario *s, struct axis *ax)
{
    const char *c = strrchr(text, ':');
    if (c == NULL) return cli_bad("sweep", "--vary '%s': expected PATH=LO:HI:N", text);
    char *end;
    long n = strtol(c + 1, &end, 10);
    if (*end != '\0' || end == c + 1 || n < 1 || n > 10000)
        return cli_bad("sweep",
                       "--vary '%s': N must be a whole number from 1 to 10000, found "
                       "'%s'",
                       text, c + 1);
    char buf[256];
    snprintf(buf, sizeof buf, "%.*s", (int)(c - text), text);
    bmd_errbuf err;
    if (bmd_uq_param_parse(buf, s, &ax->p, &err)) return cli_bad("sweep", "--vary: %s", err.msg);
    if (ax->p.dist != BMD_DIST_UNIFORM)
        return cli_bad("sweep", "--vary '%s': a grid takes PATH=LO:HI:N", text);
    if (n == 1 && ax->p.lo != ax->p.hi)
        return cli_bad("sweep", "--vary '%s': one point needs LO = HI", text);
    ax->n = n;
    return 0;
}

static double axis_value(const struct axis *ax, long i)
{
    return ax->n == 1 ? ax->p.lo
                      : ax->p.lo + (ax->p.hi - ax->p.lo) * (double)i / (double)(ax->n - 1);
}

/* The evaluation context: X holds every row's parameter values. */
struct sweep_ctx {
    const bmd_uq_scenario_model *model;
};

static int sweep_fn(void *ctx, size_t row, int thread, const double *x, size_t k, double *y,
                    bmd_errbuf *err)
{
    (void)row, (void)thread, (void)k;
    const struct sweep_ctx *c = ctx;
    return bmd_uq_scenario_eval(c->model, x, y, err);
}

/* One grid point's summary of one metric. */
struct cell {
    double value, lo, hi, noise_sd;
    double frac; /* with samples: the fraction at or above the threshold */
};

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Summarise metric j at grid point g over its S rows (S = 0: one row). */
static void summarise(const double *y, size_t nm, size_t j, size_t g, size_t S, const bmd_metric *m,
                      long runs, double threshold, double *tmp, struct cell *c)
{
    size_t rows = S ? S : 1, no = 2 * nm;
    double sum = 0.0, nv = 0.0;
    for (size_t r = 0; r < rows; r++) {
        const double *yr = y + (g * rows + r) * no;
        tmp[r] = yr[j];
        sum += yr[j];
        nv += yr[nm + j];
    }
    c->value = sum / (double)rows;
    c->noise_sd = sqrt(nv / (double)rows);
    size_t above = 0;
    for (size_t r = 0; r < rows; r++)
        above += tmp[r] >= threshold;
    c->frac = (double)above / (double)rows;
    if (S) { /* 5-95 % over the samples (type-7 quantiles) */
        qsort(tmp, rows, sizeof *tmp, cmp_double);
        double q[2] = {0.05, 0.95}, *out[2] = {&c->lo, &c->hi};
        for (int i = 0; i < 2; i++) {
            double h = (double)(rows - 1) * q[i];
            size_t a = (size_t)floor(h);
            size_t b = a + 1 < rows ? a + 1 : a;
            *out[i] = tmp[a] + (h - (double)a) * (tmp[b] - tmp[a]);
        }
    } else if (m->kind == BMD_MET_P_NO_LEAKER || m->kind == BMD_MET_P_NEGATION) {
        bmd_wilson(lround(c->value * (double)runs), runs, &c->lo, &c->hi);
    } else {
        c->lo = c->value - 1.959964 * c->noise_sd;
        c->hi = c->value + 1.959964 * c->noise_sd;
    }
}

static void unit_value(double v, int q, char *buf, size_t n)
{
    if (bmd_units_format(v, (bmd_quantity)q, buf, n) != BMD_OK) snprintf(buf, n, "%g", v);
}

/* The CSV table: axis columns (SI), then per metric value, lo, hi, noise_sd. */
static void write_csv(bmd_membuf *b, const struct axis *ax, int nax, const struct uq_scn *u,
                      const struct cell *cells)
{
    bmd_sink sk = {bmd_membuf_write, b};
    for (int a = 0; a < nax; a++)
        bmd_sink_printf(&sk, "%s%s", a ? "," : "", ax[a].p.path);
    for (size_t j = 0; j < u->n_metrics; j++) {
        const char *nm = u->metric[j].name;
        bmd_sink_printf(&sk, ",%s,%s_lo,%s_hi,%s_noise_sd", nm, nm, nm, nm);
    }
    bmd_sink_printf(&sk, "\n");
    long n0 = ax[0].n, n1 = nax > 1 ? ax[1].n : 1;
    for (long i = 0; i < n0; i++)
        for (long k = 0; k < n1; k++) {
            size_t g = (size_t)(i * n1 + k);
            bmd_sink_printf(&sk, "%.9g", axis_value(&ax[0], i));
            if (nax > 1) bmd_sink_printf(&sk, ",%.9g", axis_value(&ax[1], k));
            for (size_t j = 0; j < u->n_metrics; j++) {
                const struct cell *c = &cells[g * u->n_metrics + j];
                bmd_sink_printf(&sk, ",%.9g,%.9g,%.9g,%.6g", c->value, c->lo, c->hi, c->noise_sd);
            }
            bmd_sink_printf(&sk, "\n");
        }
}

static cJSON *make_json(const struct axis *ax, int nax, const struct uq_scn *u,
                        const struct cell *cells, long samples, long runs, uint64_t seed,
                        const bmd_uq_space *block, double threshold)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "scenario", u->s.name);
    cJSON *va = cJSON_AddArrayToObject(o, "vary");
    for (int a = 0; a < nax; a++) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "path", ax[a].p.path);
        cJSON_AddStringToObject(x, "unit", bmd_quantity_unit((bmd_quantity)ax[a].p.quantity));
        cJSON_AddNumberToObject(x, "lo", ax[a].p.lo);
        cJSON_AddNumberToObject(x, "hi", ax[a].p.hi);
        cJSON_AddNumberToObject(x, "n", (double)ax[a].n);
        cJSON_AddNumberToObject(x, "nominal", ax[a].p.nominal);
        cJSON_AddItemToArray(va, x);
    }
    cJSON *ma = cJSON_AddArrayToObject(o, "metrics");
    for (size_t j = 0; j < u->n_metrics; j++)
        cJSON_AddItemToArray(ma, cJSON_CreateString(u->metric[j].name));
    cJSON_AddNumberToObject(o, "samples", (double)samples);
    cJSON_AddNumberToObject(o, "runs", (double)runs);
    cJSON_AddNumberToObject(o, "seed", (double)seed);
    cJSON *ua = cJSON_AddArrayToObject(o, "uncertain");
    for (size_t i = 0; samples && i < block->n; i++)
        cJSON_AddItemToArray(ua, cJSON_CreateString(block->p[i].path));
    if (samples) cJSON_AddNumberToObject(o, "threshold", threshold);
    cJSON_AddStringToObject(
        o, "band", samples ? "5-95 % over the uncertain samples" : "95 % Monte Carlo interval");
    cJSON *pa = cJSON_AddArrayToObject(o, "points");
    long n0 = ax[0].n, n1 = nax > 1 ? ax[1].n : 1;
    for (long i = 0; i < n0; i++)
        for (long k = 0; k < n1; k++) {
            size_t g = (size_t)(i * n1 + k);
            cJSON *pt = cJSON_CreateObject();
            cJSON *xs = cJSON_AddArrayToObject(pt, "x");
            cJSON_AddItemToArray(xs, cJSON_CreateNumber(axis_value(&ax[0], i)));
            if (nax > 1) cJSON_AddItemToArray(xs, cJSON_CreateNumber(axis_value(&ax[1], k)));
            for (size_t j = 0; j < u->n_metrics; j++) {
                const struct cell *c = &cells[g * u->n_metrics + j];
                cJSON *mj = cJSON_AddObjectToObject(pt, u->metric[j].name);
                cJSON_AddNumberToObject(mj, "value", c->value);
                cJSON_AddNumberToObject(mj, "lo", c->lo);
                cJSON_AddNumberToObject(mj, "hi", c->hi);
                cJSON_AddNumberToObject(mj, "noise_sd", c->noise_sd);
                if (samples) cJSON_AddNumberToObject(mj, "p_above_threshold", c->frac);
            }
            cJSON_AddItemToArray(pa, pt);
        }
    return o;
}

static void print_table(const struct axis *ax, int nax, const struct uq_scn *u,
                        const struct cell *cells, long samples)
{
    printf("%s\n", u->s.name);
    for (int a = 0; a < nax; a++)
        printf("%-28s", ax[a].p.path);
    for (size_t j = 0; j < u->n_metrics; j++)
        printf("  %-34s", u->metric[j].name);
    printf("\n");
    long n0 = ax[0].n, n1 = nax > 1 ? ax[1].n : 1;
    for (long i = 0; i < n0; i++)
        for (long k = 0; k < n1; k++) {
            size_t g = (size_t)(i * n1 + k);
            char b[64];
            unit_value(axis_value(&ax[0], i), ax[0].p.quantity, b, sizeof b);
            printf("%-28s", b);
            if (nax > 1) {
                unit_value(axis_value(&ax[1], k), ax[1].p.quantity, b, sizeof b);
                printf("%-28s", b);
            }
            for (size_t j = 0; j < u->n_metrics; j++) {
                const struct cell *c = &cells[g * u->n_metrics + j];
                printf("  %-10.5g [%10.5g, %10.5g]", c->value, c->lo, c->hi);
            }
            printf("\n");
        }
    printf("(%s)\n", samples ? "band: 5-95 % over the samples of the uncertain: block"
                             : "band: 95 % Monte Carlo interval (Wilson for probabilities)");
}

/* Axis label "PATH (UNIT)". */
static void axis_label(const struct axis *ax, char *buf, size_t n)
{
    const char *u = bmd_quantity_unit((bmd_quantity)ax->p.quantity);
    if (u && u[0] && strcmp(u, "1") != 0)
        snprintf(buf, n, "%s (%s)", ax->p.path, u);
    else
        snprintf(buf, n, "%s", ax->p.path);
}

/* One figure per metric: sweep-METRIC.FMT (':' in a name becomes '-'). */
static int sweep_figures(struct cli_out *out, bmd_plot_format fmt, const struct axis *ax, int nax,
                         const struct uq_scn *u, const struct cell *cells, long samples, long runs,
                         double threshold)
{
    size_t nm = u->n_metrics, n0 = (size_t)ax[0].n, n1 = nax > 1 ? (size_t)ax[1].n : 1;
    if (n0 < 2 || (nax > 1 && n1 < 2)) return 0; /* nothing to draw */
    double *x0 = malloc(n0 * sizeof *x0), *x1 = malloc(n1 * sizeof *x1);
    double *v = malloc(n0 * n1 * sizeof *v), *lo = malloc(n0 * sizeof *lo),
           *hi = malloc(n0 * sizeof *hi);
    int rc = 0;
    if (!x0 || !x1 || !v || !lo || !hi) rc = cli_fail("sweep", "out of memory");
    for (size_t i = 0; rc == 0 && i < n0; i++)
        x0[i] = axis_value(&ax[0], (long)i);
    for (size_t k = 0; rc == 0 && k < n1; k++)
        x1[k] = nax > 1 ? axis_value(&ax[1], (long)k) : 0.0;
    for (size_t j = 0; rc == 0 && j < nm; j++) {
        const bmd_metric *m = &u->metric[j];
        int finite = 1;
        for (size_t g = 0; g < n0 * n1; g++) {
            v[g] = cells[g * nm + j].value;
            finite &=
                isfinite(v[g]) && isfinite(cells[g * nm + j].lo) && isfinite(cells[g * nm + j].hi);
        }
        if (!finite) continue; /* e.g. interceptors per kill where nothing is killed */
        char stem[96], path[4096], title[400], sub[300], xl[160], yl[160], zl[120];
        snprintf(stem, sizeof stem, "sweep-%s", m->name);
        for (char *c = stem; *c; c++)
            if (*c == ':' || *c == '/') *c = '-';
        if (bmd_plot_path(path, sizeof path, out->dir, stem, fmt)) {
            rc = cli_bad("sweep", "-o: path too long");
            break;
        }
        bmd_plot_opts o;
        bmd_plot_opts_init(&o);
        o.path = path;
        o.format = fmt;
        o.title = title;
        o.subtitle = sub;
        snprintf(title, sizeof title, "%s over %s%s%s", m->name, ax[0].p.path,
                 nax > 1 ? " and " : "", nax > 1 ? ax[1].p.path : "");
        snprintf(sub, sizeof sub, "%s; %s", u->s.name,
                 samples         ? "band: 5-95 % over the uncertain: block (Latin hypercube)"
                 : m->stochastic ? "band: 95 % Monte Carlo interval"
                                 : "deterministic");
        (void)runs;
        axis_label(&ax[0], xl, sizeof xl);
        snprintf(zl, sizeof zl, "%s (%s)", m->name, m->unit);
        bmd_errbuf err = {{0}};
        int st;
        if (nax == 1) {
            for (size_t i = 0; i < n0; i++) {
                lo[i] = cells[i * nm + j].lo;
                hi[i] = cells[i * nm + j].hi;
            }
            int band = samples || m->stochastic;
            bmd_plot_curve c = {m->name, v, band ? lo : NULL, band ? hi : NULL};
            st = bmd_plot_sweep_line(&o, xl, x0, n0, zl, &c, 1, &err);
        } else {
            char lev[192];
            axis_label(&ax[1], yl, sizeof yl);
            snprintf(lev, sizeof lev, "thick line: %s = %g (the verdict boundary)", m->name,
                     threshold);
            st = bmd_plot_sweep_contour(&o, xl, x0, n0, yl, x1, n1, zl, v, threshold, lev, &err);
        }
        if (st)
            rc = cli_fail("sweep", "%s", err.msg);
        else
            cli_out_wrote(out, path);
    }
    free(x0), free(x1), free(v), free(lo), free(hi);
    return rc;
}

static int sweep(int argc, char **argv, struct cli_out *out)
{
    const char *vary[2];
    int nv = 0;
    if (take_vary(&argc, argv, vary, &nv)) return 2;
    struct cli_args a;
    int rc = cli_parse(&a, "sweep", opts, sizeof opts / sizeof opts[0], &help, argc, argv);
    if (rc) return rc < 0 ? 0 : rc;
    if (uq_resume_out(&a, out)) return 2;
    if (nv == 0) return cli_bad("sweep", "--vary: give PATH=LO:HI:N (once or twice)");
    long samples = 0, runs = 16, seed = 1, threads = 0;
    if (cli_count(&a, "samples", 0, 1000000, &samples) ||
        cli_count(&a, "runs", 1, 1000000, &runs) || cli_count(&a, "seed", 0, 2147483647L, &seed) ||
        cli_count(&a, "threads", 1, 1024, &threads))
        return 2;
    double threshold = 0.5;
    if (cli_get(&a, "threshold")) {
        char *end;
        threshold = strtod(cli_get(&a, "threshold"), &end);
        if (*end != '\0' || !isfinite(threshold))
            return cli_bad("sweep", "--threshold: expected a number, found '%s'",
                           cli_get(&a, "threshold"));
    }
    bmd_plot_format fmt = BMD_PLOT_PNG;
    bmd_errbuf err = {{0}};
    if (cli_get(&a, "plot-format") && bmd_plot_format_parse(cli_get(&a, "plot-format"), &fmt, &err))
        return cli_bad("sweep", "--plot-format: %s", err.msg);
    const char *dir = out->given ? out->dir : NULL;
    struct uq_scn u;
    rc = uq_scn_load(&a, &u);
    struct axis ax[2];
    for (int i = 0; rc == 0 && i < nv; i++)
        rc = parse_axis(vary[i], &u.s, &ax[i]);
    if (rc == 0 && nv == 2 && strcmp(ax[0].p.path, ax[1].p.path) == 0)
        rc = cli_bad("sweep", "--vary: the same path twice ('%s')", ax[0].p.path);
    if (rc == 0)
        rc = uq_scn_metrics(&a, cli_get(&a, "metric") ? cli_get(&a, "metric") : "p_no_leaker", &u);
    /* the block's parameters, less the swept ones */
    bmd_uq_space block = {0};
    for (size_t i = 0; rc == 0 && samples && i < u.space.n; i++) {
        int swept = 0;
        for (int j = 0; j < nv; j++)
            swept |= strcmp(u.space.p[i].path, ax[j].p.path) == 0;
        if (!swept) block.p[block.n++] = u.space.p[i];
    }
    if (rc == 0 && samples && block.n == 0)
        rc = cli_bad("sweep", "--samples: %s has no other uncertain parameters to sample",
                     u.path ? u.path : "the default scenario");
    if (rc) {
        uq_scn_free(&u);
        return rc;
    }
    /* every row's parameter values: the axes, then the block's */
    size_t k = (size_t)nv + block.n, S = (size_t)samples, rows_per = S ? S : 1;
    size_t G = (size_t)ax[0].n * (size_t)(nv > 1 ? ax[1].n : 1), rows = G * rows_per;
    bmd_uq_param params[BMD_UQ_MAX_K];
    for (int i = 0; i < nv; i++)
        params[i] = ax[i].p;
    for (size_t i = 0; i < block.n; i++)
        params[(size_t)nv + i] = block.p[i];
    double *x = malloc(rows * k * sizeof *x), *lhs = S ? malloc(S * block.n * sizeof *lhs) : NULL;
    size_t nm = u.n_metrics;
    double *y = malloc(rows * 2 * nm * sizeof *y);
    struct cell *cells = malloc(G * nm * sizeof *cells);
    double *tmp = malloc(rows_per * sizeof *tmp);
    if (!x || (S && !lhs) || !y || !cells || !tmp) {
        rc = cli_fail("sweep", "out of memory for %zu points", rows);
        goto done;
    }
    if (S) bmd_uq_lhs(block.n, S, (uint64_t)seed, lhs, NULL);
    long n1 = nv > 1 ? ax[1].n : 1;
    for (size_t g = 0; g < G; g++)
        for (size_t r = 0; r < rows_per; r++) {
            double *xr = x + (g * rows_per + r) * k;
            xr[0] = axis_value(&ax[0], (long)g / n1);
            if (nv > 1) xr[1] = axis_value(&ax[1], (long)g % n1);
            for (size_t i = 0; i < block.n; i++)
                xr[(size_t)nv + i] =
                    S ? bmd_uq_param_value(&block.p[i], lhs[r * block.n + i]) : block.p[i].nominal;
        }
    int stochastic = 0;
    for (size_t j = 0; j < nm; j++)
        stochastic |= u.metric[j].stochastic;
    bmd_uq_scenario_model model = {
        &u.s, &u.senv, params, k, u.metric, nm, stochastic ? runs : 1, u.s.mc_seed};
    struct sweep_ctx ctx = {&model};
    uint64_t hash = uq_options_hash(&a, vary, (size_t)nv);
    struct cli_progress pr; /* progress.h */
    cli_progress_init(&pr, &a, "model runs", "done");
    rc = uq_evaluate_resumable(&a, dir, hash, sweep_fn, &ctx, x, rows, k, 2 * nm, (int)threads, &pr,
                               y);
    int rank = 0, size = 1;
    cli_mpi_world(&rank, &size);
    if (rc || rank != 0) goto done; /* under mpirun rank 0 has every row (uq_resume.h) */
    for (size_t g = 0; g < G; g++)
        for (size_t j = 0; j < nm; j++)
            summarise(y, nm, j, g, S, &u.metric[j], model.runs, threshold, tmp, &cells[g * nm + j]);
    cJSON *o = make_json(ax, nv, &u, cells, samples, model.runs, (uint64_t)seed, &block, threshold);
    if (out->given) {
        bmd_membuf csv = {0};
        write_csv(&csv, ax, nv, &u, cells);
        rc = cli_out_write(out, "sweep.csv", csv.data, csv.len);
        bmd_membuf_free(&csv);
        if (rc == 0) {
            char *txt = cJSON_Print(o);
            rc = cli_out_write(out, "sweep.json", txt, strlen(txt));
            cJSON_free(txt);
        }
        if (rc == 0)
            rc = sweep_figures(out, fmt, ax, nv, &u, cells, samples, model.runs, threshold);
    }
    if (rc == 0 && cli_has(&a, "json")) {
        cli_print_json(o);
        o = NULL;
    } else if (rc == 0) {
        print_table(ax, nv, &u, cells, samples);
    }
    if (o) cJSON_Delete(o);
done:
    uq_resume_end(&a, out, rc); /* DIR/partial only after the outputs (uq_resume.h) */
    free(x);
    free(lhs);
    free(y);
    free(cells);
    free(tmp);
    uq_scn_free(&u);
    return rc;
}

/* Under mpirun every rank runs the command and evaluates its block of the
 * grid's model runs (uq_resume.h); rank 0 summarises, prints and writes. */
int cli_sweep(int argc, char **argv)
{
    int launched = cli_mpi_launcher_size();
    if (launched > 1 && !cli_mpi_available())
        return cli_fail("sweep",
                        "started by an MPI launcher with %d ranks, but this bmdsim was "
                        "built without MPI",
                        launched);
    int rank = 0, size = 1;
    char why[512];
    if (cli_mpi_start(&rank, &size, why, sizeof why)) return cli_fail("sweep", "%s", why);
    struct cli_out out;
    memset(&out, 0, sizeof out);
    int rc = sweep(argc, argv, &out);
    rc = cli_mpi_max_int(rc);
    if (rank != 0) out.quiet = 1;
    rc = cli_out_finish(&out, rc);
    cli_mpi_stop();
    return rc;
}
