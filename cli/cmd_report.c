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
#include "figures.h"
#include "bmd/radar_catalog.h"
#include "bmd/scenario_load.h"
#include "cli.h"
#include "common.h"
#include "output.h"
#include "progress.h"
#include "provenance.h"
#include "opts.h"
#include "run_outputs.h"
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

/* Append formatted text; sets *bad on failure. */
static void put(bmd_membuf *b, int *bad, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void put(bmd_membuf *b, int *bad, const char *fmt, ...)
{
    if (*bad) return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0) {
        *bad = 1;
        return;
    }
    if ((size_t)n < sizeof line) {
        if (bmd_membuf_write(b, line, (size_t)n) != BMD_OK) *bad = 1;
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (big == NULL) {
        *bad = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    if (bmd_membuf_write(b, big, (size_t)n) != BMD_OK) *bad = 1;
    free(big);
}

/* Append text with the HTML special characters escaped. */
static void esc(bmd_membuf *b, int *bad, const char *s)
{
    if (*bad || s == NULL) return;
    const char *run = s;
    for (const char *p = s;; p++) {
        const char *rep = NULL;
        switch (*p) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            break;
        }
        if (rep != NULL || *p == '\0') {
            if (p > run && bmd_membuf_write(b, run, (size_t)(p - run)) != BMD_OK) *bad = 1;
            if (*p == '\0') break;
            if (bmd_membuf_write(b, rep, strlen(rep)) != BMD_OK) *bad = 1;
            run = p + 1;
        }
    }
}

/* A table cell with escaped text. */
static void td(bmd_membuf *b, int *bad, const char *s)
{
    put(b, bad, "<td>");
    esc(b, bad, s);
    put(b, bad, "</td>");
}

/* A table cell with a formatted number (no user text). */
static void tdf(bmd_membuf *b, int *bad, const char *fmt, double v)
    __attribute__((format(printf, 3, 0)));
static void tdf(bmd_membuf *b, int *bad, const char *fmt, double v)
{
    char t[64];
    if (!isfinite(v)) {
        put(b, bad, "<td>-</td>");
        return;
    }
    snprintf(t, sizeof t, fmt, v);
    put(b, bad, "<td class=\"n\">%s</td>", t);
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Append the base64 form of data[n]. */
static void base64(bmd_membuf *b, int *bad, const unsigned char *d, size_t n)
{
    char out[4 * 256];
    size_t k = 0;
    for (size_t i = 0; i < n && !*bad; i += 3) {
        unsigned v = (unsigned)d[i] << 16;
        if (i + 1 < n) v |= (unsigned)d[i + 1] << 8;
        if (i + 2 < n) v |= d[i + 2];
        out[k++] = b64[(v >> 18) & 63];
        out[k++] = b64[(v >> 12) & 63];
        out[k++] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
        out[k++] = i + 2 < n ? b64[v & 63] : '=';
        if (k == sizeof out) {
            if (bmd_membuf_write(b, out, k) != BMD_OK) *bad = 1;
            k = 0;
        }
    }
    if (k > 0 && !*bad && bmd_membuf_write(b, out, k) != BMD_OK) *bad = 1;
}

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
    put(b, bad, "<figure><img alt=\"");
    esc(b, bad, alt);
    put(b, bad, "\" src=\"data:image/png;base64,");
    base64(b, bad, d, n);
    put(b, bad, "\"><figcaption>");
    esc(b, bad, caption);
    put(b, bad, "</figcaption></figure>\n");
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

static const char *shape_name(const bmd_traj_shape *sh, char *buf, size_t n)
{
    if (sh->kind == BMD_TRAJ_LOFTED)
        snprintf(buf, n, "lofted (apogee %.0f km above minimum energy)", sh->apogee_m / 1e3);
    else if (sh->kind == BMD_TRAJ_DEPRESSED && sh->apogee_m > 0)
        snprintf(buf, n, "depressed (apogee %.0f km below minimum energy)", sh->apogee_m / 1e3);
    else if (sh->kind == BMD_TRAJ_DEPRESSED)
        snprintf(buf, n, "depressed (burnout angle %.1f deg below minimum energy)",
                 sh->burnout_gamma_rad * BMD_RAD2DEG);
    else
        snprintf(buf, n, "minimum energy");
    return buf;
}

static const char *rcs_text(const bmd_rcs_table *t, char *buf, size_t n)
{
    if (t->n <= 1)
        snprintf(buf, n, "%.4g m2", t->n == 1 ? t->rcs_m2[0] : 0.0);
    else {
        double lo = t->rcs_m2[0], hi = t->rcs_m2[0];
        for (int i = 1; i < t->n; i++) {
            if (t->rcs_m2[i] < lo) lo = t->rcs_m2[i];
            if (t->rcs_m2[i] > hi) hi = t->rcs_m2[i];
        }
        snprintf(buf, n, "%.4g-%.4g m2 (aspect table, %d points)", lo, hi, t->n);
    }
    return buf;
}

/* The RCS for the coverage maps: the first threat's (constant) RCS, else
 * 0.01 m^2. */
static double coverage_rcs(const bmd_scenario *s)
{
    if (s->n_threats > 0 && s->threat[0].rcs.n == 1 && s->threat[0].rcs.rcs_m2[0] > 0)
        return s->threat[0].rcs.rcs_m2[0];
    return 0.01;
}

/* ---- sections --------------------------------------------------------------- */

static void summary_section(bmd_membuf *b, int *bad, const struct report *r)
{
    const bmd_scenario *s = r->s;
    const bmd_engage_result *res = r->res;
    int killed = 0;
    for (size_t k = 0; k < res->n_threats; k++)
        killed += res->threat[k].outcome == BMD_ENG_INTERCEPTED;
    put(b, bad, "<h2 id=\"summary\">Summary</h2>\n<p>");
    put(b, bad, "In one engagement with the nominal parameters (seed %llu), the defence ",
        (unsigned long long)r->seed);
    put(b, bad,
        "intercepted %d of %zu threat%s, firing %d interceptor%s; %d threat%s leaked or "
        "w%s not engaged. ",
        killed, res->n_threats, res->n_threats == 1 ? "" : "s", res->interceptors_fired,
        res->interceptors_fired == 1 ? "" : "s", res->leakers, res->leakers == 1 ? "" : "s",
        res->leakers == 1 ? "as" : "ere");
    if (r->mc != NULL)
        put(b, bad,
            "Over %ld Monte Carlo runs (measurement noise, detection and kill draws%s), the "
            "probability that no threat leaked was %.3f (95 %% Wilson interval %.3f-%.3f), with "
            "%.2f interceptors fired per run on average. ",
            r->mc->runs, s->n_uncertain ? " and the scenario's uncertain parameters" : "",
            r->mc->p_no_leaker, r->mc->p_no_leaker_lo, r->mc->p_no_leaker_hi,
            r->mc->mean_interceptors_fired);
    put(b, bad,
        "These numbers follow from the open-literature parameters listed below and the "
        "model's simplifications (see <a href=\"#limits\">Limits</a>); they are not a "
        "prediction of how a real system would perform.</p>\n");
}

static void sources_list(bmd_membuf *b, int *bad, int n, const char *const *group,
                         const char *const *text)
{
    if (n == 0) {
        put(b, bad, "<td>-</td>");
        return;
    }
    put(b, bad, "<td class=\"src\"><ul>");
    for (int i = 0; i < n; i++) {
        put(b, bad, "<li><b>");
        esc(b, bad, group[i]);
        put(b, bad, "</b>: ");
        esc(b, bad, text[i]);
        put(b, bad, "</li>");
    }
    put(b, bad, "</ul></td>");
}

#define MAX_SRC 16

static void radars_table(bmd_membuf *b, int *bad, const struct report *r)
{
    const bmd_scenario *s = r->s;
    put(b, bad,
        "<h3>Radars</h3>\n<table>\n<tr><th>name</th><th>preset</th><th>site</th>"
        "<th>boresight</th><th>mode</th><th>parameters</th><th>sources</th></tr>\n");
    for (size_t i = 0; i < s->n_radars; i++) {
        const bmd_scn_radar *sr = &s->radar[i];
        const bmd_radar *rd = &sr->radar;
        char t[512];
        put(b, bad, "<tr>");
        td(b, bad, sr->name);
        snprintf(t, sizeof t, "%s (%s)", rd->label, sr->type);
        td(b, bad, t);
        snprintf(t, sizeof t, "%.3f, %.3f", rd->face.lat_rad * BMD_RAD2DEG,
                 rd->face.lon_rad * BMD_RAD2DEG);
        td(b, bad, t);
        snprintf(t, sizeof t, "%.0f deg, +-%.0f deg", rd->face.boresight_az_rad * BMD_RAD2DEG,
                 rd->face.half_az_rad * BMD_RAD2DEG);
        td(b, bad, t);
        td(b, bad, rd->mode.name);
        snprintf(t, sizeof t,
                 "f %.2f GHz; P_avg %.1f kW; array %.1f m2; T_sys %.0f K; loss %.1f dB; "
                 "dwell %.3g s; SNR_req %.1f dB; el_min %.1f deg; instrumented %.0f km; "
                 "revisit %.2g s",
                 rd->hw.freq_hz / 1e9, rd->hw.p_avg_w / 1e3, rd->hw.area_m2, rd->hw.t_sys_k,
                 rd->hw.loss > 0 ? 10.0 * log10(rd->hw.loss) : 0.0, rd->mode.t_dwell_s,
                 rd->mode.snr_req > 0 ? 10.0 * log10(rd->mode.snr_req) : 0.0,
                 rd->face.el_min_rad * BMD_RAD2DEG, rd->mode.instr_range_m / 1e3, sr->revisit_s);
        td(b, bad, t);
        const bmd_radar_entry *e = NULL;
        bmd_errbuf err = {{0}};
        const char *g[MAX_SRC], *x[MAX_SRC];
        int n = 0;
        if (r->env->have_radars &&
            bmd_radar_catalog_find(&r->env->radars, sr->type, &e, &err) == BMD_OK && e) {
            for (int k = 0; k < e->n_sources && n < MAX_SRC; k++, n++)
                g[n] = e->source[k].group, x[n] = e->source[k].text;
            if (e->claim_by[0] != '\0' && n < MAX_SRC) g[n] = "range claim", x[n++] = e->claim_by;
        }
        sources_list(b, bad, n, g, x);
        put(b, bad, "</tr>\n");
    }
    put(b, bad, "</table>\n");
}

static void batteries_table(bmd_membuf *b, int *bad, const struct report *r)
{
    const bmd_scenario *s = r->s;
    put(b, bad,
        "<h3>Batteries</h3>\n<table>\n<tr><th>name</th><th>interceptor</th><th>site</th>"
        "<th>envelope</th><th>Pk</th><th>inventory</th><th>doctrine</th>"
        "<th>sources</th></tr>\n");
    for (size_t i = 0; i < s->n_batteries; i++) {
        const bmd_scn_battery *bt = &s->battery[i];
        const bmd_interceptor *ic = &bt->interceptor;
        char t[512];
        put(b, bad, "<tr>");
        td(b, bad, bt->name);
        snprintf(t, sizeof t, "%s (%s, %s tier)", ic->label, ic->name, ic->tier);
        td(b, bad, t);
        snprintf(t, sizeof t, "%s (%.3f, %.3f)", bt->site.name, bt->site.lat_rad * BMD_RAD2DEG,
                 bt->site.lon_rad * BMD_RAD2DEG);
        td(b, bad, t);
        snprintf(t, sizeof t, "altitude %.0f-%.0f km, ground range up to %.0f km%s",
                 ic->min_alt_m / 1e3, ic->max_alt_m / 1e3, ic->max_range_m / 1e3,
                 ic->max_flight_time_s > 0 ? ", flight time limited" : "");
        td(b, bad, t);
        tdf(b, bad, "%.2f", ic->pk);
        snprintf(t, sizeof t, "%d launchers x %d = %d", bt->launchers, bt->missiles_per_launcher,
                 bt->launchers * bt->missiles_per_launcher);
        td(b, bad, t);
        if (bt->doctrine == BMD_DOCTRINE_SLS)
            snprintf(t, sizeof t,
                     "shoot-look-shoot, salvo %d, kill assessment %.0f s, reaction %.0f s, "
                     "layer %d",
                     bt->salvo, bt->kill_assessment_s, bt->reaction_s, bt->layer);
        else
            snprintf(t, sizeof t, "salvo %d, reaction %.0f s, layer %d", bt->salvo, bt->reaction_s,
                     bt->layer);
        td(b, bad, t);
        const char *g[MAX_SRC], *x[MAX_SRC];
        int n = 0;
        for (int k = 0; k < ic->n_sources && n < MAX_SRC; k++, n++)
            g[n] = ic->source[k].group, x[n] = ic->source[k].text;
        sources_list(b, bad, n, g, x);
        put(b, bad, "</tr>\n");
    }
    put(b, bad, "</table>\n");
}

static void threats_table(bmd_membuf *b, int *bad, const struct report *r)
{
    const bmd_scenario *s = r->s;
    put(b, bad,
        "<h3>Threats</h3>\n<table>\n<tr><th>name</th><th>missile</th><th>launch</th>"
        "<th>aim</th><th>trajectory</th><th>RCS</th><th>sources</th></tr>\n");
    for (size_t i = 0; i < s->n_threats; i++) {
        const bmd_scn_threat *th = &s->threat[i];
        const bmd_missile *m = &th->missile;
        char t[512];
        put(b, bad, "<tr>");
        td(b, bad, th->name);
        snprintf(t, sizeof t, "%s (%s, %s, %s)", m->label, m->name, m->klass, m->country);
        td(b, bad, t);
        snprintf(t, sizeof t, "%s at %.0f s", th->launch.name, th->launch_time_s);
        td(b, bad, t);
        td(b, bad, th->aim.name);
        td(b, bad, shape_name(&th->shape, t, sizeof t));
        td(b, bad, rcs_text(&th->rcs, t, sizeof t));
        const char *g[MAX_SRC], *x[MAX_SRC];
        int n = 0;
        for (int k = 0; k < m->n_sources && n < MAX_SRC; k++, n++)
            g[n] = m->source[k].group, x[n] = m->source[k].text;
        sources_list(b, bad, n, g, x);
        put(b, bad, "</tr>\n");
    }
    put(b, bad, "</table>\n");
}

static void timeline_table(bmd_membuf *b, int *bad, const struct report *r)
{
    const bmd_scenario *s = r->s;
    const bmd_engage_result *res = r->res;
    put(b, bad,
        "<h3>Event timeline</h3>\n<table class=\"timeline\">\n<tr><th>time (s)</th>"
        "<th>event</th><th>object</th><th>altitude (km)</th><th>range (km)</th>"
        "<th>note</th></tr>\n");
    for (size_t i = 0; i < res->n_events; i++) {
        const bmd_eng_event *e = &res->event[i];
        char obj[96], note[96] = "";
        cli_eng_event_note(res, e, note, sizeof note);
        put(b, bad, "<tr>");
        tdf(b, bad, "%.2f", e->t_s);
        td(b, bad, cli_eng_event_name(r->res, e));
        td(b, bad, cli_eng_event_object(s, e, obj, sizeof obj));
        tdf(b, bad, "%.1f", e->alt_m / 1e3);
        tdf(b, bad, "%.1f", e->range_m >= 0.0 ? e->range_m / 1e3 : NAN);
        td(b, bad, note);
        put(b, bad, "</tr>\n");
    }
    put(b, bad, "</table>\n");
    put(b, bad,
        "<h3>Outcome per threat</h3>\n<table>\n<tr><th>threat</th><th>outcome</th>"
        "<th>first detection (s)</th><th>firm track (s)</th><th>intercept (s)</th>"
        "<th>intercept altitude (km)</th><th>miss (m)</th><th>interceptors</th></tr>\n");
    for (size_t k = 0; k < res->n_threats; k++) {
        const bmd_eng_threat *t = &res->threat[k];
        int hit = t->outcome == BMD_ENG_INTERCEPTED;
        put(b, bad, "<tr>");
        td(b, bad, s->threat[k].name);
        td(b, bad, bmd_eng_outcome_name(t->outcome));
        tdf(b, bad, "%.1f", t->first_detect_time_s >= 0 ? t->first_detect_time_s : NAN);
        tdf(b, bad, "%.1f", t->firm_track_time_s >= 0 ? t->firm_track_time_s : NAN);
        tdf(b, bad, "%.1f", hit ? t->intercept_time_s : NAN);
        tdf(b, bad, "%.1f", hit ? t->intercept_alt_m / 1e3 : NAN);
        tdf(b, bad, "%.3f",
            t->interceptors_used > 0 && t->miss_distance_m >= 0 ? t->miss_distance_m : NAN);
        put(b, bad, "<td class=\"n\">%d</td></tr>\n", t->interceptors_used);
    }
    put(b, bad, "</table>\n<p>Interceptors fired: %d. Leakers: %d.</p>\n", res->interceptors_fired,
        res->leakers);
}

/* The engagement timeline figure (cli_engage_timeline_plot, shared with
 * `bmdsim run --plot`): rendered to a temporary PNG, embedded. */
static int timeline_figure(bmd_membuf *b, int *bad, const struct report *r)
{
    char path[4200];
    bmd_errbuf err = {{0}};
    snprintf(path, sizeof path, "%s/timeline.png", r->tmpdir);
    if (cli_engage_timeline_plot(path, BMD_PLOT_PNG, r->plan, r->res, &err) != BMD_OK)
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
    put(b, bad, "<h2>Defended footprint</h2>\n");
    if (r->s->n_batteries == 0) {
        put(b, bad, "<p>The scenario has no battery.</p>\n");
        return;
    }
    char checks[512], path[4300];
    aim_checks(r->s, checks, sizeof checks);
    if (mkdir(dir, 0700) != 0 || footprint_run(r, dir, checks) != 0) {
        put(b, bad,
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
    put(b, bad,
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
        put(b, bad,
            "<table>\n<tr><th>aim point</th><th>defended</th>"
            "<th>earliest intercept altitude</th></tr>\n");
        for (cJSON *c = ch->child; c; c = c->next) {
            double alt = cJSON_GetNumberValue(cJSON_GetObjectItem(c, "intercept_alt_m"));
            put(b, bad, "<tr><td>");
            esc(b, bad, c->string);
            put(b, bad, "</td><td>%s</td><td>",
                cJSON_IsTrue(cJSON_GetObjectItem(c, "defended")) ? "yes" : "no");
            if (isfinite(alt)) put(b, bad, "%.1f km", alt / 1e3);
            put(b, bad, "</td></tr>\n");
        }
        put(b, bad, "</table>\n");
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
    put(b, bad,
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
            put(b, bad, "<tr>");
            td(b, bad, cJSON_GetStringValue(cJSON_GetObjectItem(p, "name")));
            td(b, bad, c1);
            td(b, bad, c2);
            td(b, bad, c3);
            put(b, bad, "</tr>\n");
        }
    put(b, bad, "</table>\n");
}

static void sensitivity_section(bmd_membuf *b, int *bad, const struct report *r)
{
    put(b, bad, "<h2 id=\"sensitivity\">Sensitivity</h2>\n");
    const char *metric = r->s->n_batteries ? "p_no_leaker"
                         : r->s->n_radars  ? "first_detection_s"
                                           : NULL;
    if (metric == NULL) {
        put(b, bad, "<p>The scenario has neither a battery nor a radar.</p>\n");
        return;
    }
    char dir[4200], path[4300];
    snprintf(dir, sizeof dir, "%s/sensitivity", r->tmpdir);
    int st = mkdir(dir, 0700) == 0 ? sensitivity_run(r, dir, metric) : 1;
    if (st == 2) {
        put(b, bad,
            "<p>The scenario has no <code>uncertain:</code> block: add one "
            "(docs/formats.md) to see which uncertain numbers drive <code>%s</code>.</p>\n",
            metric);
    } else if (st != 0) {
        put(b, bad,
            "<p>The sensitivity analysis could not be computed (see "
            "<code>bmdsim sensitivity</code>).</p>\n");
    } else {
        snprintf(path, sizeof path, "%s/summary.json", dir);
        size_t n = 0;
        unsigned char *text = slurp(path, &n);
        cJSON *j = text ? cJSON_ParseWithLength((const char *)text, n) : NULL;
        free(text);
        put(b, bad,
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
            put(b, bad,
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
    cli_map_cities cities;
    cli_map_cities_load(r->env->data_dir, &cities);
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
    cli_map_cities_free(&cities);
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
    put(b, bad, "<h3>");
    esc(b, bad, sr->name);
    put(b, bad, "</h3>\n");
    if (embed_png(b, bad, path, "radar coverage map", cap)) {
        rc = cli_fail(CMD, "coverage map: cannot read %s back", path);
        goto out;
    }
    put(rows, bad, "<tr>");
    td(rows, bad, sr->name);
    tdf(rows, bad, "%.0f", c.track_range_m / 1e3);
    tdf(rows, bad, "%.0f", c.search_range_m > 0 ? c.search_range_m / 1e3 : NAN);
    tdf(rows, bad, "%.0f", c.horizon_ground_m / 1e3);
    tdf(rows, bad, "%.0f", c.instrumented_range_m > 0 ? c.instrumented_range_m / 1e3 : NAN);
    tdf(rows, bad, "%.0f", c.area_m2 / 1e6);
    put(rows, bad, "</tr>\n");
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
    put(b, bad,
        "<h2 id=\"coverage\">Radar coverage</h2>\n<p>Each map shows where a target of "
        "%.4g m<sup>2</sup> (the first threat's RCS, else 0.01 m<sup>2</sup>) at 100 km "
        "altitude is detected with the track dwell.</p>\n",
        coverage_rcs(r->s));
    bmd_membuf rows = {0};
    int rc = 0;
    for (size_t i = 0; i < r->s->n_radars && rc == 0; i++)
        rc = coverage_radar(b, bad, r, i, &rows);
    if (rc == 0) {
        put(b, bad,
            "<table>\n<tr><th>radar</th><th>track range (km)</th><th>search range "
            "(km)</th><th>horizon ground range at 100 km (km)</th><th>instrumented "
            "range (km)</th><th>covered area (km<sup>2</sup>)</th></tr>\n");
        if (rows.data) put(b, bad, "%s", rows.data);
        put(b, bad,
            "</table>\n<p>Track and search ranges are free-space single-dwell figures "
            "for this RCS; the horizon ground range is where a target at 100 km sinks "
            "below the minimum elevation over the refracted horizon.</p>\n");
    }
    bmd_membuf_free(&rows);
    return rc;
}

static void mc_section(bmd_membuf *b, int *bad, const struct report *r)
{
    const bmd_mc_result *mc = r->mc;
    put(b, bad, "<h2 id=\"montecarlo\">Monte Carlo</h2>\n");
    if (mc == NULL) {
        put(b, bad, "<p>No Monte Carlo was run.</p>\n");
        return;
    }
    put(b, bad,
        "<p>%ld runs, seed %llu: measurement noise, detection and kill draws%s. Intervals are "
        "95 %% Wilson score intervals.</p>\n",
        mc->runs, (unsigned long long)r->seed,
        r->s->n_uncertain ? " and the scenario's uncertain parameters" : "");
    put(b, bad,
        "<table>\n<tr><th>threat</th><th>intercepted</th><th>leaked</th><th>not "
        "engaged</th><th>P(negation)</th><th>95 %% Wilson interval</th><th>mean "
        "interceptors</th></tr>\n");
    for (size_t k = 0; k < mc->n_threats; k++) {
        const bmd_mc_threat *t = &mc->threat[k];
        char iv[64];
        snprintf(iv, sizeof iv, "%.4f-%.4f", t->p_lo, t->p_hi);
        put(b, bad, "<tr>");
        td(b, bad, r->s->threat[k].name);
        put(b, bad, "<td class=\"n\">%ld</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td>",
            t->intercepted, t->leaked, t->not_engaged);
        tdf(b, bad, "%.4f", t->p_negation);
        td(b, bad, iv);
        tdf(b, bad, "%.3f", t->mean_interceptors);
        put(b, bad, "</tr>\n");
    }
    char iv[64];
    snprintf(iv, sizeof iv, "%.4f-%.4f", mc->p_no_leaker_lo, mc->p_no_leaker_hi);
    put(b, bad, "<tr class=\"total\"><td>no leaker</td><td class=\"n\">%ld</td><td></td><td></td>",
        mc->no_leaker_runs);
    tdf(b, bad, "%.4f", mc->p_no_leaker);
    td(b, bad, iv);
    tdf(b, bad, "%.3f", mc->mean_interceptors_fired);
    put(b, bad, "</tr>\n</table>\n");
}

static void limits_section(bmd_membuf *b, int *bad)
{
    put(b, bad,
        "<h2 id=\"limits\">Limits</h2>\n<ul>\n"
        "<li>Threats are point masses (3 degrees of freedom) flying solved trajectories over "
        "the scenario's Earth and atmosphere models; one re-entry vehicle per threat, separated "
        "at burnout; no decoys, debris or discrimination.</li>\n"
        "<li>Burnout is known at its true time.</li>\n"
        "<li>Radar resources are not scheduled: every threat gets its looks whatever the load; "
        "search is a cued search on the track-dwell energy.</li>\n"
        "<li>Interceptors home on the true trajectory (perfect uplink and seeker); the kill "
        "assessment is perfect; a hit kills with the single-shot Pk.</li>\n"
        "<li>The fire control commits the first feasible battery in layer order; it does not "
        "optimise the assignment or keep a reserve.</li>\n"
        "<li>Each battery's fly-out table is built once, along the azimuth to the first "
        "threat's aim point.</li>\n"
        "<li>Every parameter comes from the open literature or is an estimate (see the "
        "sources above); none is an official figure.</li>\n"
        "</ul>\n"
        "<p>Documentation (in the bmdsim source tree): docs/models/engage.md (engagement, "
        "fire control, Monte Carlo, limits), docs/models/radar.md (radar and coverage), "
        "docs/models/traj.md (trajectories), docs/models/interceptor.md (interceptors), "
        "docs/catalog.md (catalog and sources), docs/formats.md (scenario format), "
        "docs/figures.md (figures and this report).</p>\n");
}

static const char css[] =
    "body{font-family:sans-serif;max-width:1100px;margin:1em auto;padding:0 1em;color:#222;"
    "line-height:1.4}\n"
    "h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;margin-top:1.6em}\n"
    "table{border-collapse:collapse;margin:0.6em 0;font-size:0.9em}\n"
    "th,td{border:1px solid #bbb;padding:0.2em 0.45em;vertical-align:top;text-align:left}\n"
    "th{background:#eef}td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "td.src{font-size:0.85em;max-width:420px}td.src ul{margin:0;padding-left:1.1em}\n"
    "tr.total td{font-weight:bold}\n"
    "figure{margin:1em 0}img{max-width:100%;height:auto;border:1px solid #ddd}\n"
    "figcaption{font-size:0.9em;color:#444}\n";

/* What made this page (provenance.h): version, commit, command line,
 * scenario checksum, seed, catalog entries; also in a <meta> element. */
static void provenance_section(bmd_membuf *b, int *bad)
{
    const struct cli_prov *p = cli_prov_get();
    put(b, bad, "<h2 id=\"provenance\">Provenance</h2>\n<p>bmdsim ");
    esc(b, bad, cli_prov_version());
    put(b, bad, " (commit ");
    esc(b, bad, cli_prov_commit());
    put(b, bad, "); command: <code>");
    esc(b, bad, p->command);
    put(b, bad, "</code>; scenario: ");
    esc(b, bad, p->scenario);
    put(b, bad, " (SHA-256 <code>");
    esc(b, bad, p->sha256);
    put(b, bad, "</code>); seed %lld; catalog entries: ", p->seed);
    for (size_t i = 0; i < p->n_catalog; i++) {
        if (i) put(b, bad, ", ");
        esc(b, bad, p->catalog[i]);
    }
    put(b, bad, ".</p>\n");
}

/* The whole page into b. Returns 0, or 1 (reported). */
static int build_html(bmd_membuf *b, const struct report *r)
{
    int bad = 0;
    const bmd_scenario *s = r->s;
    put(b, &bad,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>bmdsim report: ");
    esc(b, &bad, s->name);
    put(b, &bad, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", css);
    put(b, &bad, "<h1>bmdsim report: ");
    esc(b, &bad, s->name);
    put(b, &bad,
        "</h1>\n<p>Generated by bmdsim %s, an open physics-based simulator of a "
        "THAAD-class ballistic missile defence from public open-literature "
        "parameters. Seed %llu.</p>\n",
        BMD_VERSION, (unsigned long long)r->seed);
    summary_section(b, &bad, r);
    put(b, &bad,
        "<h2 id=\"assumptions\">Assumptions and sources</h2>\n<p>Earth: %s; "
        "atmosphere %s; tracking filter %s, %d-of-%d track initiation; "
        "fire-control cycle %.2g s.</p>\n",
        s->earth_sphere ? "spherical, non-rotating" : "WGS84, rotating",
        bmd_atmo_name((bmd_atmo_kind)s->atmo),
        s->filter == BMD_FILTER_TRUTH ? "truth (perfect tracking)"
        : s->filter == BMD_FILTER_UKF ? "UKF"
                                      : "EKF",
        s->init_m, s->init_n, s->dt_s);
    radars_table(b, &bad, r);
    batteries_table(b, &bad, r);
    threats_table(b, &bad, r);
    put(b, &bad,
        "<h2 id=\"engagement\">Engagement</h2>\n<p>One engagement with the nominal "
        "parameters, measurement noise and detection draws on.</p>\n");
    int rc = timeline_figure(b, &bad, r);
    if (rc) return rc;
    timeline_table(b, &bad, r);
    if ((rc = coverage_section(b, &bad, r))) return rc;
    footprint_section(b, &bad, r);
    mc_section(b, &bad, r);
    sensitivity_section(b, &bad, r);
    limits_section(b, &bad);
    provenance_section(b, &bad);
    put(b, &bad, "</main>\n</body>\n</html>\n");
    if (bad) return cli_fail(CMD, "out of memory while formatting the report");
    return 0;
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
