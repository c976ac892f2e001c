/* cmd_report.c: `bmdsim report [SCENARIO] -o DIR`: one self-contained HTML
 * page (DIR/report.html) with the scenario's assumptions and their sources,
 * one engagement, radar coverage maps and a Monte Carlo, figures embedded as
 * base64 PNG data: URIs. No date in the page: the same scenario and seed
 * give the same bytes. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, readlink, fork */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "bmd/engage.h"
#include "bmd/input.h"
#include "bmd/map.h"
#include "bmd/montecarlo.h"
#include "bmd/report.h"
#include "bmd/scenario_load.h"
#include "cli.h"
#include "common.h"
#include "output.h"
#include "progress.h"
#include "provenance.h"
#include "opts.h"
#include "scenario.h"

static const struct cli_opt opts[] = {
    {"output", 'o', "DIR", "write report.html into DIR (created if missing; required)"},
    {"runs", 0, "N", "Monte Carlo runs (default: the scenario's monte_carlo.runs)"},
    {"seed", 0, "S", "random seed (default: the scenario's, else 1)"},
    {"threads", 0, "T", "OpenMP threads for Monte Carlo (default: all cores)"},
    CLI_OPT_QUIET,
    CLI_OPT_NO_PROGRESS,
    CLI_OPT_DATA,
};

static const struct cli_help help = {
    "report [SCENARIO] -o DIR [--runs N] [--seed S] [--threads T]",
    "Run the scenario's analyses and write one self-contained HTML page,\n"
    "DIR/report.html, readable offline in any browser (figures embedded as PNG\n"
    "data: URIs, inline CSS, no JavaScript): a plain-language summary; the\n"
    "assumptions (radars, batteries, threats) with the catalogs' sources; one\n"
    "engagement (nominal parameters) with its event timeline, outcome per threat\n"
    "and an altitude-time figure; a coverage map and the detection ranges of\n"
    "each radar (100 km altitude, the first threat's RCS); the Monte Carlo\n"
    "(P(negation) per threat and P(no leaker) with 95 % Wilson intervals); the\n"
    "model's limits. The page carries no date: the same scenario and seed give\n"
    "the same page. Without SCENARIO: the built-in default scenario.\n"
    "Contents: docs/figures.md (\"Report\").",
    "  bmdsim report -o out\n"
    "  bmdsim report data/scenarios/raid.yaml -o out --runs 500 --seed 3\n",
    1,
};

#define CMD "report"

/* ---- what the report needs to know --------------------------------------- */

struct report {
    const bmd_scenario *s;
    const bmd_engage_plan *plan;
    const bmd_engage_result *res;
    const bmd_mc_result *mc; /* NULL: no Monte Carlo */
    struct cli_env *env;
    uint64_t seed;
    const char *tmpdir;
    bmd_map map;                 /* basemap ({0}: none) */
    const char *scenario_path;   /* NULL: the built-in default */
    const char *self;            /* this program (argv[0] or /proc/self/exe) */
    int progress;                /* the child shows progress (not -q, --no-progress) */
    const struct cli_args *args; /* the command line (the footprint's progress) */
};

/* In a forked child about to run sensitivity with stdout and stderr in
 * files: its progress lines (progress.h) on this process's stderr, through
 * a copy of the descriptor named in $BMD_PROGRESS_FD. */
static void child_progress(const struct report *r)
{
    int fd = r->progress ? dup(2) : -1;
    if (fd > 2) {
        char v[16];
        snprintf(v, sizeof v, "%d", fd);
        setenv("BMD_PROGRESS_FD", v, 1);
    }
}

/* ---- sections --------------------------------------------------------------- */

/* Remove dir and what the sensitivity run left in it (one level of
 * subdirectories: partial/). */
static void remove_tree(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[4400];
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (remove(path) != 0 && depth < 2) remove_tree(path, depth + 1);
    }
    if (d) closedir(d);
    rmdir(dir);
}

/* ---- sensitivity ----------------------------------------------------------- */

/* The headline metric's Sobol' indices over the scenario's uncertain: block:
 * a small design so the report stays fast (N = 8 base samples, k + 2 model
 * runs each, 4 engagements per run with common random numbers). */
#define REPORT_SENS_SAMPLES "8"
#define REPORT_SENS_RUNS "4"

/* Run `bmdsim sensitivity` on the report's scenario into dir (the JSON
 * summary in dir/summary.json). 0, or the child's exit status (2: the
 * scenario has no uncertain: block), or 1. */
static int sensitivity_run(const struct report *r, const char *dir, const char *metric)
{
    char json[4300], errf[4300];
    snprintf(json, sizeof json, "%s/summary.json", dir);
    snprintf(errf, sizeof errf, "%s/stderr.txt", dir);
    const char *argv[24];
    int k = 0;
    argv[k++] = r->self;
    argv[k++] = "sensitivity";
    if (r->scenario_path) argv[k++] = r->scenario_path;
    const char *rest[] = {"--metric",    metric,
                          "--samples",   REPORT_SENS_SAMPLES,
                          "--runs",      REPORT_SENS_RUNS,
                          "--bootstrap", "200",
                          "-o",          dir,
                          "--json"};
    for (size_t i = 0; i < sizeof rest / sizeof rest[0]; i++)
        argv[k++] = rest[i];
    if (!r->progress) argv[k++] = "--no-progress";
    if (r->env->data_dir) {
        argv[k++] = "--data";
        argv[k++] = r->env->data_dir;
    }
    argv[k] = NULL;
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) return 1;
    if (pid == 0) {
        child_progress(r);
        FILE *o = freopen(json, "w", stdout), *e = freopen(errf, "w", stderr);
        if (o && e) execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return 1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

static void sensitivity_table(bmd_membuf *b, int *bad, const cJSON *j)
{
    bmd_html_put(b, bad,
                 "<table>\n<tr><th>parameter</th><th>S1 [95 %% CI]</th><th>ST [95 %% CI]</th>"
                 "<th>metric at low / high bound</th></tr>\n");
    const cJSON *arr = cJSON_GetObjectItem(j, "parameters");
    for (int rank = 1; rank <= cJSON_GetArraySize(arr); rank++)
        for (const cJSON *p = arr ? arr->child : NULL; p; p = p->next) {
            if (cJSON_GetNumberValue(cJSON_GetObjectItem(p, "rank")) != rank) continue;
#define G(k) cJSON_GetNumberValue(cJSON_GetObjectItem(p, k))
            char c1[96], c2[96], c3[96];
            snprintf(c1, sizeof c1, "%.2f [%.2f, %.2f]", G("S1"), G("S1_lo"), G("S1_hi"));
            snprintf(c2, sizeof c2, "%.2f [%.2f, %.2f]", G("ST"), G("ST_lo"), G("ST_hi"));
            snprintf(c3, sizeof c3, "%.3g / %.3g", G("metric_at_lo"), G("metric_at_hi"));
#undef G
            bmd_html_put(b, bad, "<tr>");
            bmd_html_td(b, bad, cJSON_GetStringValue(cJSON_GetObjectItem(p, "name")));
            bmd_html_td(b, bad, c1);
            bmd_html_td(b, bad, c2);
            bmd_html_td(b, bad, c3);
            bmd_html_put(b, bad, "</tr>\n");
        }
    bmd_html_put(b, bad, "</table>\n");
}

static void sensitivity_section(bmd_membuf *b, int *bad, const struct report *r)
{
    bmd_html_put(b, bad, "<h2 id=\"sensitivity\">Sensitivity</h2>\n");
    const char *metric = r->s->n_batteries ? "p_no_leaker"
                         : r->s->n_radars  ? "first_detection_s"
                                           : NULL;
    if (metric == NULL) {
        bmd_html_put(b, bad, "<p>The scenario has neither a battery nor a radar.</p>\n");
        return;
    }
    char dir[4200], path[4300];
    snprintf(dir, sizeof dir, "%s/sensitivity", r->tmpdir);
    int st = mkdir(dir, 0700) == 0 ? sensitivity_run(r, dir, metric) : 1;
    if (st == 2) {
        bmd_html_put(
            b, bad,
            "<p>The scenario has no <code>uncertain:</code> block: add one "
            "(docs/formats.md) to see which uncertain numbers drive <code>%s</code>.</p>\n",
            metric);
    } else if (st != 0) {
        bmd_html_put(b, bad,
                     "<p>The sensitivity analysis could not be computed (see "
                     "<code>bmdsim sensitivity</code>).</p>\n");
    } else {
        snprintf(path, sizeof path, "%s/summary.json", dir);
        size_t n = 0;
        char *text = NULL;
        cJSON *j = bmd_input_read(path, 0, &text, &n, NULL) == BMD_OK
                       ? cJSON_ParseWithLength(text, n)
                       : NULL;
        free(text);
        bmd_html_put(
            b, bad,
            "<p>Which uncertain parameters of the scenario's <code>uncertain:</code> block drive "
            "<code>%s</code> (mean %.3g over %.0f model runs): Sobol' first-order (S1) and total "
            "(ST) indices with 95 %% bootstrap intervals, a small design so the report stays "
            "fast (<code>bmdsim sensitivity SCENARIO --metric %s --samples %s --runs %s</code>; "
            "more samples narrow the intervals). Monte Carlo noise is %.0f %% of the metric's "
            "variance.</p>\n",
            metric, cJSON_GetNumberValue(cJSON_GetObjectItem(j, "mean")),
            cJSON_GetNumberValue(cJSON_GetObjectItem(j, "evaluations")), metric,
            REPORT_SENS_SAMPLES, REPORT_SENS_RUNS,
            100.0 * cJSON_GetNumberValue(cJSON_GetObjectItem(j, "noise_fraction")));
        if (cJSON_IsTrue(cJSON_GetObjectItem(j, "constant"))) {
            bmd_html_put(
                b, bad,
                "<p>The metric was the same at every sampled point: none of these parameters "
                "moves it over its range (every index 0).</p>\n");
            cJSON_Delete(j);
            remove_tree(dir, 0);
            return;
        }
        if (j) sensitivity_table(b, bad, j);
        snprintf(path, sizeof path, "%s/sensitivity-tornado.png", dir);
        bmd_html_figure_file(b, bad, path, "tornado",
                             "The metric with each parameter at its low and high bound, the others "
                             "nominal.");
        snprintf(path, sizeof path, "%s/sensitivity-indices.png", dir);
        bmd_html_figure_file(b, bad, path, "Sobol' indices",
                             "S1 and ST with their 95 % intervals.");
        cJSON_Delete(j);
    }
    remove_tree(dir, 0);
}

/* The whole page into b: the figure sections built here, the rest by the
 * library (bmd_report_html). Returns 0, or 1 (reported). */
static int build_html(bmd_membuf *b, const struct report *r)
{
    int bad = 0;
    bmd_membuf fig = {0}, cov = {0}, fp = {0}, sens = {0};
    bmd_report_figs fg = {r->s,
                          r->plan,
                          r->res,
                          r->map.n_lines > 0 ? &r->map : NULL,
                          r->env->data_dir,
                          r->tmpdir,
                          cli_progress_update,
                          NULL};
    bmd_errbuf ferr = {{0}};
    int rc = bmd_report_timeline_section(&fig, &bad, &fg, &ferr) != BMD_OK ||
                     bmd_report_coverage_section(&cov, &bad, &fg, &ferr) != BMD_OK
                 ? cli_fail(CMD, "%s", ferr.msg)
                 : 0;
    if (rc == 0) {
        struct cli_progress pr; /* progress.h */
        cli_progress_init(&pr, r->args, "footprint", "cells");
        fg.progress_ctx = &pr;
        bmd_report_footprint_section(&fp, &bad, &fg);
        cli_progress_end(&pr);
    }
    if (rc == 0) sensitivity_section(&sens, &bad, r);
    if (rc == 0 && bad) rc = cli_fail(CMD, "out of memory while formatting the report");
    if (rc == 0) {
        const struct cli_prov *p = cli_prov_get();
        bmd_report_in in;
        memset(&in, 0, sizeof in);
        in.scenario = r->s, in.result = r->res, in.mc = r->mc, in.seed = r->seed;
        in.radars = r->env->have_radars ? &r->env->radars : NULL;
        in.provenance.version = cli_prov_version(), in.provenance.commit = cli_prov_commit();
        in.provenance.command = p->command, in.provenance.scenario = p->scenario;
        in.provenance.sha256 = p->sha256, in.provenance.seed = p->seed;
        in.provenance.catalog = p->catalog, in.provenance.n_catalog = p->n_catalog;
        in.engagement_figure = fig.data, in.coverage = cov.data, in.footprint = fp.data;
        in.sensitivity = sens.data;
        bmd_errbuf err = {{0}};
        if (bmd_report_html(&in, b, &err) != BMD_OK) rc = cli_fail(CMD, "%s", err.msg);
    }
    bmd_membuf_free(&fig);
    bmd_membuf_free(&cov);
    bmd_membuf_free(&fp);
    bmd_membuf_free(&sens);
    return rc;
}

/* ---- the command ------------------------------------------------------------- */

/* Write the page to DIR/report.html atomically. Returns 0, 1 or 2. */
static int write_report(struct cli_out *out, const bmd_membuf *html)
{
    return cli_out_write(out, "report.html", html->data, html->len);
}

int cli_report(int argc, char **argv)
{
    struct cli_args a;
    int rc = cli_parse(&a, CMD, opts, sizeof opts / sizeof opts[0], &help, argc, argv);
    if (rc) return rc < 0 ? 0 : rc;
    long runs = -1, seed = -1, threads = 0;
    if ((rc = cli_count(&a, "runs", 1, 100000000L, &runs)) ||
        (rc = cli_count(&a, "seed", 0, 0x7fffffffL, &seed)) ||
        (rc = cli_count(&a, "threads", 1, 1024, &threads)))
        return rc;
    if (!cli_has(&a, "output"))
        return cli_bad(CMD, "-o DIR is required (where report.html is written)");
    struct cli_out out;
    if ((rc = cli_out_init(&out, &a, "output"))) return rc;
    struct cli_env env;
    cli_env_init(&env, &a);
    bmd_scenario s;
    bmd_scenario_init(&s);
    bmd_engage_plan *plan = NULL;
    bmd_engage_result res;
    memset(&res, 0, sizeof res);
    bmd_mc_result mc;
    memset(&mc, 0, sizeof mc);
    bmd_membuf html = {0};
    bmd_errbuf err = {{0}};
    struct report r;
    memset(&r, 0, sizeof r);
    char tmpdir[4096] = "";
    int st = cli_scenario_load(a.n_positional > 0 ? a.positional[0] : NULL, &env, &s, &err);
    if (st != BMD_OK) {
        rc =
            cli_scenario_exit(st) == 1 ? cli_fail(CMD, "%s", err.msg) : cli_bad(CMD, "%s", err.msg);
        goto done;
    }
    uint64_t sd = seed >= 0 ? (uint64_t)seed : s.mc_seed;
    cli_scenario_provenance(a.n_positional > 0 ? a.positional[0] : NULL, &s);
    cli_prov_get()->seed = (long long)sd;
    if (runs < 0) runs = s.mc_runs >= 1 ? s.mc_runs : 1;
    st = bmd_engage_prepare(&s, &plan, &err);
    if (st != BMD_OK) {
        rc = (st == BMD_EINVAL || st == BMD_EUNREACH) ? cli_bad(CMD, "%s", err.msg)
                                                      : cli_fail(CMD, "%s", err.msg);
        goto done;
    }
    bmd_engage_opts eo;
    bmd_engage_opts_init(&eo);
    eo.noise = 1, eo.record = 1, eo.draw_uncertain = 0;
    if ((st = bmd_engage_run(plan, 0, sd, &eo, &res, &err)) != BMD_OK) {
        rc = cli_fail(CMD, "%s", err.msg);
        goto done;
    }
    bmd_engage_opts mo = eo;
    mo.record = 0, mo.draw_uncertain = 1;
    struct cli_progress pr; /* progress.h */
    cli_progress_init(&pr, &a, "Monte Carlo", "runs");
    st = bmd_mc_run(plan, runs, sd, (int)threads, &mo, cli_progress_update, &pr, &mc, &err);
    cli_progress_end(&pr);
    if (st != BMD_OK) {
        rc = cli_fail(CMD, "%s", err.msg);
        goto done;
    }
    /* Figures go to a private temporary directory and are deleted once
     * embedded. */
    const char *tmp_base = getenv("TMPDIR");
    if (tmp_base == NULL || tmp_base[0] == '\0') tmp_base = "/tmp";
    snprintf(tmpdir, sizeof tmpdir, "%s/bmdsim-report-XXXXXX", tmp_base);
    if (mkdtemp(tmpdir) == NULL) {
        rc = cli_fail(CMD, "cannot create a temporary directory in %s: %s", tmp_base,
                      strerror(errno));
        tmpdir[0] = '\0';
        goto done;
    }
    r.s = &s, r.plan = plan, r.res = &res, r.mc = &mc, r.env = &env, r.seed = sd;
    r.tmpdir = tmpdir;
    r.scenario_path = a.n_positional > 0 ? a.positional[0] : NULL;
    r.progress = !cli_has(&a, "no-progress") && !cli_has(&a, "quiet");
    r.args = &a;
    char self[4096];
    ssize_t ns = readlink("/proc/self/exe", self, sizeof self - 1);
    if (ns > 0) {
        self[ns] = '\0';
        r.self = self;
    } else {
        r.self = argv[0];
    }
    char mpath[4096];
    if (bmd_data_path(mpath, sizeof mpath, env.data_dir, BMD_MAP_FILE) == BMD_OK) {
        bmd_errbuf merr = {{0}};
        if (bmd_map_load(mpath, &r.map, &merr) != BMD_OK) bmd_map_free(&r.map); /* no basemap */
    }
    if ((rc = build_html(&html, &r))) goto done;
    rc = write_report(&out, &html);
done:
    if (tmpdir[0] != '\0') rmdir(tmpdir);
    cli_out_finish(&out, rc);
    bmd_map_free(&r.map);
    bmd_membuf_free(&html);
    bmd_mc_result_free(&mc);
    bmd_engage_result_free(&res);
    bmd_engage_plan_free(plan);
    bmd_scenario_free(&s);
    cli_env_free(&env);
    return rc;
}
