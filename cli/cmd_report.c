/* cmd_report.c: `bmdsim report [SCENARIO] -o DIR`: one self-contained HTML
 * page (DIR/report.html) with the scenario's assumptions and their sources,
 * one engagement, radar coverage maps and a Monte Carlo, figures embedded as
 * base64 PNG data: URIs. No date in the page: the same scenario and seed
 * give the same bytes. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, access */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "bmd/atmo.h"
#include "bmd/const.h"
#include "bmd/core.h"
#include "bmd/coverage.h"
#include "bmd/engage.h"
#include "bmd/interceptor.h"
#include "bmd/interceptor_catalog.h"
#include "bmd/map.h"
#include "bmd/montecarlo.h"
#include "bmd/plot.h"
#include "bmd/plot_engage.h"
#include "bmd/radar_catalog.h"
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

/* ---- text building --------------------------------------------------------- */

/* Read a whole file; returns its bytes (malloc'd) or NULL. */
static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    unsigned char *d = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            size_t nc = cap ? 2 * cap : 65536;
            unsigned char *nd = realloc(d, nc);
            if (nd == NULL) {
                free(d);
                fclose(f);
                return NULL;
            }
            d = nd, cap = nc;
        }
        size_t got = fread(d + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    int err = ferror(f);
    fclose(f);
    if (err || len == 0) {
        free(d);
        return NULL;
    }
    *n = len;
    return d;
}

/* Embed the PNG at path as a figure with a caption, then delete the file. */
static int embed_png(bmd_membuf *b, int *bad, const char *path, const char *alt,
                     const char *caption)
{
    size_t n = 0;
    unsigned char *d = slurp(path, &n);
    remove(path);
    if (d == NULL) return 1;
    bmd_html_figure_png(b, bad, d, n, alt, caption);
    free(d);
    return 0;
}

/* ---- what the report needs to know --------------------------------------- */

struct report {
    const bmd_scenario *s;
    const bmd_engage_plan *plan;
    const bmd_engage_result *res;
    const bmd_mc_result *mc; /* NULL: no Monte Carlo */
    struct cli_env *env;
    uint64_t seed;
    const char *tmpdir;
    bmd_earth earth;
    bmd_map map;               /* basemap ({0}: none) */
    const char *scenario_path; /* NULL: the built-in default */
    const char *self;          /* this program (argv[0] or /proc/self/exe) */
};

/* The RCS for the coverage maps: the first threat's (constant) RCS, else
 * 0.01 m^2. */
static double coverage_rcs(const bmd_scenario *s)
{
    if (s->n_threats > 0 && s->threat[0].rcs.n == 1 && s->threat[0].rcs.rcs_m2[0] > 0)
        return s->threat[0].rcs.rcs_m2[0];
    return 0.01;
}

/* ---- sections --------------------------------------------------------------- */

/* The engagement timeline figure (bmd_plot_engagement_timeline, shared with
 * `bmdsim run --plot`): rendered to a temporary PNG, embedded. */
static int timeline_figure(bmd_membuf *b, int *bad, const struct report *r)
{
    char path[4200];
    bmd_errbuf err = {{0}};
    snprintf(path, sizeof path, "%s/timeline.png", r->tmpdir);
    if (bmd_plot_engagement_timeline(path, BMD_PLOT_PNG, r->plan, r->res, &err) != BMD_OK)
        return cli_fail(CMD, "timeline figure: %s", err.msg);
    if (embed_png(b, bad, path, "engagement timeline",
                  "Altitude against time of each threat (truth; thick where in firm track) and "
                  "each interceptor (its flown path, booster and kill vehicle, from launch to "
                  "closest approach), with the timeline's events and the interceptor's "
                  "intercept altitude band."))
        return cli_fail(CMD, "timeline figure: cannot read %s back", path);
    return 0;
}

/* ---- footprint: `bmdsim footprint` on the scenario, coarse ------------------ */

/* Resolution of the report's footprint: coarse so the report stays fast
 * (about 5 s on one core for the default 600 km square). */
#define REPORT_FP_RES "20km"

/* Run this program's footprint command on the report's scenario into dir
 * (footprint-map.png, the JSON summary in dir/summary.json). 0 or 1. */
static int footprint_run(const struct report *r, const char *dir, const char *checks)
{
    char json[4300], errf[4300];
    snprintf(json, sizeof json, "%s/summary.json", dir);
    snprintf(errf, sizeof errf, "%s/stderr.txt", dir);
    const char *argv[16];
    int k = 0;
    argv[k++] = r->self;
    argv[k++] = "footprint";
    if (r->scenario_path) argv[k++] = r->scenario_path;
    argv[k++] = "--resolution";
    argv[k++] = REPORT_FP_RES;
    argv[k++] = "--no-progress";
    if (checks[0]) {
        argv[k++] = "--check";
        argv[k++] = checks;
    }
    if (r->env->data_dir) {
        argv[k++] = "--data";
        argv[k++] = r->env->data_dir;
    }
    argv[k++] = "-o";
    argv[k++] = dir;
    argv[k++] = "--plot";
    argv[k++] = "--json";
    argv[k] = NULL;
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) return 1;
    if (pid == 0) {
        FILE *o = freopen(json, "w", stdout), *e = freopen(errf, "w", stderr);
        if (o && e) execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return 1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

/* The aim points of the scenario's threats (site keys), comma-separated. */
static void aim_checks(const bmd_scenario *s, char *buf, size_t n)
{
    buf[0] = '\0';
    for (size_t i = 0; i < s->n_threats; i++) {
        const char *name = s->threat[i].aim.name;
        if (name[0] == '\0' || strpbrk(name, ",. ") != NULL || strstr(buf, name)) continue;
        size_t len = strlen(buf);
        if (len + strlen(name) + 2 >= n) break;
        snprintf(buf + len, n - len, "%s%s", len ? "," : "", name);
    }
}

/* Remove dir and what footprint_run left in it (one level of
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

static void footprint_section_in(bmd_membuf *b, int *bad, const struct report *r, const char *dir);

static void footprint_section(bmd_membuf *b, int *bad, const struct report *r)
{
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/footprint", r->tmpdir);
    footprint_section_in(b, bad, r, dir);
    remove_tree(dir, 0);
}

static void footprint_section_in(bmd_membuf *b, int *bad, const struct report *r, const char *dir)
{
    bmd_html_put(b, bad, "<h2>Defended footprint</h2>\n");
    if (r->s->n_batteries == 0) {
        bmd_html_put(b, bad, "<p>The scenario has no battery.</p>\n");
        return;
    }
    char checks[512], path[4300];
    aim_checks(r->s, checks, sizeof checks);
    if (mkdir(dir, 0700) != 0 || footprint_run(r, dir, checks) != 0) {
        bmd_html_put(b, bad,
                     "<p>The footprint could not be computed for this scenario (see "
                     "<code>bmdsim footprint</code>).</p>\n");
        return;
    }
    snprintf(path, sizeof path, "%s/summary.json", dir);
    size_t n = 0;
    unsigned char *text = slurp(path, &n);
    cJSON *j = text ? cJSON_ParseWithLength((const char *)text, n) : NULL;
    free(text);
    double area = j ? cJSON_GetNumberValue(cJSON_GetObjectItem(j, "defended_area_km2")) : NAN;
    const char *doctrine = j ? cJSON_GetStringValue(cJSON_GetObjectItem(j, "doctrine")) : NULL;
    bmd_html_put(b, bad,
                 "<p>The ground the scenario's first battery defends against its first threat, "
                 "from the threat's launch point, cued by the radar (<code>bmdsim footprint</code> "
                 "with the scenario, cells of %s so the report stays fast; a finer map: "
                 "<code>bmdsim footprint SCENARIO --resolution 2km -o DIR --plot</code>). "
                 "Doctrine: %s; defended area %.0f km&sup2;.</p>\n",
                 REPORT_FP_RES, doctrine ? doctrine : "?", area);
    snprintf(path, sizeof path, "%s/footprint-map.png", dir);
    embed_png(b, bad, path, "defended footprint",
              "Defended footprint (green) inside the computed region (dashed), the battery, "
              "the radar's field of regard with range rings, the launch point and the "
              "threats' aim points (filled: defended, open: not).");
    cJSON *ch = j ? cJSON_GetObjectItem(j, "checks") : NULL;
    if (cJSON_GetArraySize(ch) > 0) {
        bmd_html_put(b, bad,
                     "<table>\n<tr><th>aim point</th><th>defended</th>"
                     "<th>earliest intercept altitude</th></tr>\n");
        for (cJSON *c = ch->child; c; c = c->next) {
            double alt = cJSON_GetNumberValue(cJSON_GetObjectItem(c, "intercept_alt_m"));
            bmd_html_put(b, bad, "<tr><td>");
            bmd_html_esc(b, bad, c->string);
            bmd_html_put(b, bad, "</td><td>%s</td><td>",
                         cJSON_IsTrue(cJSON_GetObjectItem(c, "defended")) ? "yes" : "no");
            if (isfinite(alt)) bmd_html_put(b, bad, "%.1f km", alt / 1e3);
            bmd_html_put(b, bad, "</td></tr>\n");
        }
        bmd_html_put(b, bad, "</table>\n");
    }
    cJSON_Delete(j);
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
    if (r->env->data_dir) {
        argv[k++] = "--data";
        argv[k++] = r->env->data_dir;
    }
    argv[k] = NULL;
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) return 1;
    if (pid == 0) {
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
        unsigned char *text = slurp(path, &n);
        cJSON *j = text ? cJSON_ParseWithLength((const char *)text, n) : NULL;
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
        embed_png(b, bad, path, "tornado",
                  "The metric with each parameter at its low and high bound, the others "
                  "nominal.");
        snprintf(path, sizeof path, "%s/sensitivity-indices.png", dir);
        embed_png(b, bad, path, "Sobol' indices", "S1 and ST with their 95 % intervals.");
        cJSON_Delete(j);
    }
    remove_tree(dir, 0);
}

/* One radar's coverage: a map figure and a row of figures. */
static int coverage_radar(bmd_membuf *b, int *bad, const struct report *r, size_t ri,
                          bmd_membuf *rows)
{
    const bmd_scenario *s = r->s;
    const bmd_scn_radar *sr = &s->radar[ri];
    bmd_coverage_opts co;
    memset(&co, 0, sizeof co);
    co.alt_m = 100e3, co.rcs_m2 = coverage_rcs(s), co.n_az = 360, co.n_r = 200;
    size_t maxp = 0, maxr = 0;
    bmd_coverage c;
    memset(&c, 0, sizeof c);
    bmd_coverage_size(co.n_az, &maxp, &maxr);
    c.lat_rad = malloc(maxp * sizeof(double));
    c.lon_rad = malloc(maxp * sizeof(double));
    c.rings = malloc(maxr * sizeof *c.rings);
    c.ray_az_rad = malloc((size_t)co.n_az * sizeof(double));
    c.ray_in_m = malloc((size_t)co.n_az * sizeof(double));
    c.ray_out_m = malloc((size_t)co.n_az * sizeof(double));
    c.cap_points = maxp, c.cap_rings = maxr;
    size_t np = s->n_batteries + 2 * s->n_threats + 1;
    bmd_plot_place *pl = calloc(np, sizeof *pl);
    char(*plab)[80] = calloc(np, sizeof *plab);
    bmd_plot_area *ar = calloc(maxr ? maxr : 1, sizeof *ar);
    bmd_errbuf err = {{0}};
    int rc = 0;
    if (!c.lat_rad || !c.lon_rad || !c.rings || !c.ray_az_rad || !c.ray_in_m || !c.ray_out_m ||
        !pl || !plab || !ar) {
        rc = cli_fail(CMD, "out of memory");
        goto out;
    }
    int st = bmd_coverage_run(&sr->radar, &r->earth, &co, &c, &err);
    if (st < 0) {
        rc = cli_fail(CMD, "coverage of radar %s: %s", sr->name, err.msg);
        goto out;
    }
    char lab[96];
    snprintf(lab, sizeof lab, "covered at %.0f km altitude", co.alt_m / 1e3);
    for (size_t i = 0; i < c.n_rings; i++) {
        ar[i].label = i == 0 ? lab : NULL;
        ar[i].style = c.rings[i].hole ? BMD_PLOT_AREA_HOLE : BMD_PLOT_AREA_COVERAGE;
        ar[i].n = c.rings[i].n, ar[i].lat_rad = c.lat_rad + c.rings[i].first;
        ar[i].lon_rad = c.lon_rad + c.rings[i].first;
    }
    const bmd_radar_face *f = &sr->radar.face;
    double range = c.track_range_m;
    if (c.instrumented_range_m > 0 && c.instrumented_range_m < range)
        range = c.instrumented_range_m;
    char fan_lab[64];
    snprintf(fan_lab, sizeof fan_lab, "field of regard, %.0f km", range / 1e3);
    bmd_plot_fan fan = {fan_lab,        f->lat_rad, f->lon_rad, f->boresight_az_rad,
                        f->half_az_rad, range,      0};
    size_t k = 0;
    snprintf(plab[k], sizeof plab[k], "%s", sr->name);
    pl[k].label = plab[k], pl[k].kind = BMD_PLOT_PLACE_RADAR, pl[k].lat_rad = f->lat_rad;
    pl[k].lon_rad = f->lon_rad, k++;
    for (size_t i = 0; i < s->n_batteries; i++, k++) {
        snprintf(plab[k], sizeof plab[k], "%s", s->battery[i].name);
        /* at the radar's site: one label for both (they would overprint) */
        int same = fabs(s->battery[i].site.lat_rad - f->lat_rad) < 1e-4 &&
                   fabs(s->battery[i].site.lon_rad - f->lon_rad) < 1e-4;
        if (same && strlen(plab[0]) + strlen(plab[k]) + 4 < sizeof plab[0]) {
            strcat(plab[0], " / ");
            strcat(plab[0], plab[k]);
        }
        pl[k].label = same ? NULL : plab[k], pl[k].kind = BMD_PLOT_PLACE_BATTERY;
        pl[k].lat_rad = s->battery[i].site.lat_rad, pl[k].lon_rad = s->battery[i].site.lon_rad;
    }
    for (size_t i = 0; i < s->n_threats; i++) {
        /* threats sharing a launch (aim) point: that point named once, with
           how many share it (several labels at one point would overprint) */
        const bmd_scn_threat *t = &s->threat[i];
        int n_from = 0, n_to = 0, first_from = 1, first_to = 1;
        for (size_t j = 0; j < s->n_threats; j++) {
            int sf = fabs(s->threat[j].launch.lat_rad - t->launch.lat_rad) < 1e-5 &&
                     fabs(s->threat[j].launch.lon_rad - t->launch.lon_rad) < 1e-5;
            int st2 = fabs(s->threat[j].aim.lat_rad - t->aim.lat_rad) < 1e-5 &&
                      fabs(s->threat[j].aim.lon_rad - t->aim.lon_rad) < 1e-5;
            n_from += sf, n_to += st2;
            if (j < i && sf) first_from = 0;
            if (j < i && st2) first_to = 0;
        }
        if (n_from > 1)
            snprintf(plab[k], sizeof plab[k], "launch of %d threats", n_from);
        else
            snprintf(plab[k], sizeof plab[k], "%s launch", t->name);
        pl[k].label = first_from ? plab[k] : NULL, pl[k].kind = BMD_PLOT_PLACE_LAUNCH;
        pl[k].lat_rad = t->launch.lat_rad, pl[k].lon_rad = t->launch.lon_rad;
        k++;
        if (n_to > 1)
            snprintf(plab[k], sizeof plab[k], "aim of %d threats", n_to);
        else
            snprintf(plab[k], sizeof plab[k], "%s aim", t->name);
        pl[k].label = first_to ? plab[k] : NULL, pl[k].kind = BMD_PLOT_PLACE_CITY;
        pl[k].lat_rad = t->aim.lat_rad, pl[k].lon_rad = t->aim.lon_rad;
        k++;
    }
    bmd_plot_cities cities;
    bmd_plot_cities_load(r->env->data_dir, &cities);
    bmd_plot_map_layers l;
    bmd_plot_map_layers_init(&l);
    l.context = cities.place, l.n_context = cities.n;
    l.basemap = r->map.n_lines > 0 ? &r->map : NULL;
    l.areas = ar, l.n_areas = c.n_rings;
    l.fans = &fan, l.n_fans = range > 0 ? 1 : 0, l.places = pl, l.n_places = k;
    char path[4200], title[200], sub[300];
    snprintf(path, sizeof path, "%s/coverage-%zu.png", r->tmpdir, ri + 1);
    snprintf(title, sizeof title, "Radar coverage: %s (%s)", sr->name, sr->radar.label);
    snprintf(sub, sizeof sub,
             "target RCS %.4g m2 at %.0f km altitude, track dwell; boresight %.0f deg +-%.0f "
             "deg; %s Earth",
             co.rcs_m2, co.alt_m / 1e3, f->boresight_az_rad * BMD_RAD2DEG,
             f->half_az_rad * BMD_RAD2DEG, s->earth_sphere ? "spherical" : "WGS84");
    bmd_plot_opts o;
    bmd_plot_opts_init(&o);
    o.path = path, o.title = title, o.subtitle = sub;
    st = bmd_plot_map(&o, &l, &err);
    bmd_plot_cities_free(&cities);
    if (st != BMD_OK) {
        rc = cli_fail(CMD, "coverage map of radar %s: %s", sr->name, err.msg);
        goto out;
    }
    char cap[400];
    snprintf(cap, sizeof cap,
             "Coverage of radar %s: where a target of %.4g m2 at %.0f km altitude is detected "
             "(field of regard, detection range, refracted horizon, minimum elevation, "
             "instrumented range), with the fan and range rings, the batteries and the threats' "
             "launch and aim points.",
             sr->name, co.rcs_m2, co.alt_m / 1e3);
    bmd_html_put(b, bad, "<h3>");
    bmd_html_esc(b, bad, sr->name);
    bmd_html_put(b, bad, "</h3>\n");
    if (embed_png(b, bad, path, "radar coverage map", cap)) {
        rc = cli_fail(CMD, "coverage map: cannot read %s back", path);
        goto out;
    }
    bmd_html_put(rows, bad, "<tr>");
    bmd_html_td(rows, bad, sr->name);
    bmd_html_tdf(rows, bad, "%.0f", c.track_range_m / 1e3);
    bmd_html_tdf(rows, bad, "%.0f", c.search_range_m > 0 ? c.search_range_m / 1e3 : NAN);
    bmd_html_tdf(rows, bad, "%.0f", c.horizon_ground_m / 1e3);
    bmd_html_tdf(rows, bad, "%.0f",
                 c.instrumented_range_m > 0 ? c.instrumented_range_m / 1e3 : NAN);
    bmd_html_tdf(rows, bad, "%.0f", c.area_m2 / 1e6);
    bmd_html_put(rows, bad, "</tr>\n");
out:
    free(c.lat_rad);
    free(c.lon_rad);
    free(c.rings);
    free(c.ray_az_rad);
    free(c.ray_in_m);
    free(c.ray_out_m);
    free(pl);
    free(plab);
    free(ar);
    return rc;
}

static int coverage_section(bmd_membuf *b, int *bad, const struct report *r)
{
    bmd_html_put(b, bad,
                 "<h2 id=\"coverage\">Radar coverage</h2>\n<p>Each map shows where a target of "
                 "%.4g m<sup>2</sup> (the first threat's RCS, else 0.01 m<sup>2</sup>) at 100 km "
                 "altitude is detected with the track dwell.</p>\n",
                 coverage_rcs(r->s));
    bmd_membuf rows = {0};
    int rc = 0;
    for (size_t i = 0; i < r->s->n_radars && rc == 0; i++)
        rc = coverage_radar(b, bad, r, i, &rows);
    if (rc == 0) {
        bmd_html_put(b, bad,
                     "<table>\n<tr><th>radar</th><th>track range (km)</th><th>search range "
                     "(km)</th><th>horizon ground range at 100 km (km)</th><th>instrumented "
                     "range (km)</th><th>covered area (km<sup>2</sup>)</th></tr>\n");
        if (rows.data) bmd_html_put(b, bad, "%s", rows.data);
        bmd_html_put(b, bad,
                     "</table>\n<p>Track and search ranges are free-space single-dwell figures "
                     "for this RCS; the horizon ground range is where a target at 100 km sinks "
                     "below the minimum elevation over the refracted horizon.</p>\n");
    }
    bmd_membuf_free(&rows);
    return rc;
}

/* The whole page into b: the figure sections built here, the rest by the
 * library (bmd_report_html). Returns 0, or 1 (reported). */
static int build_html(bmd_membuf *b, const struct report *r)
{
    int bad = 0;
    bmd_membuf fig = {0}, cov = {0}, fp = {0}, sens = {0};
    int rc = timeline_figure(&fig, &bad, r);
    if (rc == 0) rc = coverage_section(&cov, &bad, r);
    if (rc == 0) footprint_section(&fp, &bad, r);
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
    char self[4096];
    ssize_t ns = readlink("/proc/self/exe", self, sizeof self - 1);
    if (ns > 0) {
        self[ns] = '\0';
        r.self = self;
    } else {
        r.self = argv[0];
    }
    if (s.earth_sphere)
        bmd_earth_sphere(&r.earth);
    else
        bmd_earth_wgs84(&r.earth);
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
