/* report.c: the HTML report page (bmd/report.h): the sections built from
 * results structs, poured into the template data/report/report.html that
 * the build compiles in (bmd_report_template, scripts/embed.cmake). */
#include "bmd/report.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bmd/atmo.h"
#include "bmd/const.h"
#include "bmd/export.h"
#include "bmd/track.h"

/* The template's bytes (generated at build time from data/report/report.html). */
extern const unsigned char bmd_report_template[];
extern const unsigned long bmd_report_template_len;

/* ---- sections ------------------------------------------------------------ */

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

static void summary_section(bmd_membuf *b, int *bad, const bmd_report_in *r)
{
    const bmd_scenario *s = r->scenario;
    const bmd_engage_result *res = r->result;
    int killed = 0;
    for (size_t k = 0; k < res->n_threats; k++)
        killed += res->threat[k].outcome == BMD_ENG_INTERCEPTED;
    bmd_html_put(b, bad, "<h2 id=\"summary\">Summary</h2>\n<p>");
    bmd_html_put(b, bad, "In one engagement with the nominal parameters (seed %llu), the defence ",
                 (unsigned long long)r->seed);
    bmd_html_put(b, bad,
                 "intercepted %d of %zu threat%s, firing %d interceptor%s; %d threat%s leaked or "
                 "w%s not engaged. ",
                 killed, res->n_threats, res->n_threats == 1 ? "" : "s", res->interceptors_fired,
                 res->interceptors_fired == 1 ? "" : "s", res->leakers,
                 res->leakers == 1 ? "" : "s", res->leakers == 1 ? "as" : "ere");
    if (r->mc != NULL)
        bmd_html_put(
            b, bad,
            "Over %ld Monte Carlo runs (measurement noise, detection and kill draws%s), the "
            "probability that no threat leaked was %.3f (95 %% Wilson interval %.3f-%.3f), with "
            "%.2f interceptors fired per run on average. ",
            r->mc->runs, s->n_uncertain ? " and the scenario's uncertain parameters" : "",
            r->mc->p_no_leaker, r->mc->p_no_leaker_lo, r->mc->p_no_leaker_hi,
            r->mc->mean_interceptors_fired);
    bmd_html_put(b, bad,
                 "These numbers follow from the open-literature parameters listed below and the "
                 "model's simplifications (see <a href=\"#limits\">Limits</a>); they are not a "
                 "prediction of how a real system would perform.</p>\n");
}

/* The page's references: every distinct source text once, numbered in
 * order of first use; the tables' source cells cite them by number (a
 * catalog text shared by several entries, e.g. one paper behind a radar's
 * several presets, would otherwise be repeated in every row). */
#define MAX_REFS 256

struct refs {
    int n;
    const char *text[MAX_REFS];
};

/* The number (1-based) of text in the list, added when new; 0 when full. */
static int ref_number(struct refs *rf, const char *text)
{
    for (int i = 0; i < rf->n; i++)
        if (strcmp(rf->text[i], text) == 0) return i + 1;
    if (rf->n == MAX_REFS) return 0;
    rf->text[rf->n++] = text;
    return rf->n;
}

static void sources_list(bmd_membuf *b, int *bad, struct refs *rf, int n, const char *const *group,
                         const char *const *text)
{
    if (n == 0) {
        bmd_html_put(b, bad, "<td>-</td>");
        return;
    }
    bmd_html_put(b, bad, "<td class=\"src\">");
    for (int i = 0; i < n; i++) {
        int k = ref_number(rf, text[i]);
        bmd_html_put(b, bad, "%s<b>", i ? "; " : "");
        bmd_html_esc(b, bad, group[i]);
        bmd_html_put(b, bad, "</b>");
        if (k > 0) {
            bmd_html_put(b, bad, " <a href=\"#ref-%d\">[%d]</a>", k, k);
        } else { /* the list is full: the text in place */
            bmd_html_put(b, bad, ": ");
            bmd_html_esc(b, bad, text[i]);
        }
    }
    bmd_html_put(b, bad, "</td>");
}

/* The numbered list the source cells cite. */
static void references_list(bmd_membuf *b, int *bad, const struct refs *rf)
{
    if (rf->n == 0) return;
    bmd_html_put(b, bad, "<h3 id=\"references\">References</h3>\n<ol class=\"refs\">\n");
    for (int i = 0; i < rf->n; i++) {
        bmd_html_put(b, bad, "<li id=\"ref-%d\">", i + 1);
        bmd_html_esc(b, bad, rf->text[i]);
        bmd_html_put(b, bad, "</li>\n");
    }
    bmd_html_put(b, bad, "</ol>\n");
}

#define MAX_SRC 16

/* A cell of printf-formatted text (escaped). */
static void td_printf(bmd_membuf *b, int *bad, const char *fmt, ...)
{
    char t[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t, sizeof t, fmt, ap);
    va_end(ap);
    bmd_html_td(b, bad, t);
}

/* One row i of an assumptions table. */
typedef void (*row_fn)(bmd_membuf *b, int *bad, struct refs *rf, const bmd_report_in *r, size_t i);

/* "<h3>title</h3>", a table with the header cells ths ("<th>...") and rows
 * 0..n-1. */
static void table(bmd_membuf *b, int *bad, struct refs *rf, const bmd_report_in *r,
                  const char *title, const char *ths, size_t n, row_fn row)
{
    bmd_html_put(b, bad, "<h3>%s</h3>\n<table>\n<tr>%s</tr>\n", title, ths);
    for (size_t i = 0; i < n; i++)
        row(b, bad, rf, r, i);
    bmd_html_put(b, bad, "</table>\n");
}

/* A row's opening and its first cell, the name. */
static void row_open(bmd_membuf *b, int *bad, const char *name)
{
    bmd_html_put(b, bad, "<tr>");
    bmd_html_td(b, bad, name);
}

/* The row's last cell, the sources, and its end. */
static void row_close(bmd_membuf *b, int *bad, struct refs *rf, int n, const char *const *group,
                      const char *const *text)
{
    sources_list(b, bad, rf, n, group, text);
    bmd_html_put(b, bad, "</tr>\n");
}

static void radars_row(bmd_membuf *b, int *bad, struct refs *rf, const bmd_report_in *r, size_t i)
{
    const bmd_scenario *s = r->scenario;
    const bmd_scn_radar *sr = &s->radar[i];
    const bmd_radar *rd = &sr->radar;
    row_open(b, bad, sr->name);
    td_printf(b, bad, "%s (%s)", rd->label, sr->type);
    td_printf(b, bad, "%.3f, %.3f", rd->face.lat_rad * BMD_RAD2DEG, rd->face.lon_rad * BMD_RAD2DEG);
    td_printf(b, bad, "%.0f deg, +-%.0f deg", rd->face.boresight_az_rad * BMD_RAD2DEG,
              rd->face.half_az_rad * BMD_RAD2DEG);
    bmd_html_td(b, bad, rd->mode.name);
    td_printf(b, bad,
              "f %.2f GHz; P_avg %.1f kW; array %.1f m2; T_sys %.0f K; loss %.1f dB; "
              "dwell %.3g s; SNR_req %.1f dB; el_min %.1f deg; instrumented %.0f km; "
              "revisit %.2g s",
              rd->hw.freq_hz / 1e9, rd->hw.p_avg_w / 1e3, rd->hw.area_m2, rd->hw.t_sys_k,
              rd->hw.loss > 0 ? 10.0 * log10(rd->hw.loss) : 0.0, rd->mode.t_dwell_s,
              rd->mode.snr_req > 0 ? 10.0 * log10(rd->mode.snr_req) : 0.0,
              rd->face.el_min_rad * BMD_RAD2DEG, rd->mode.instr_range_m / 1e3, sr->revisit_s);
    const bmd_radar_entry *e = NULL;
    bmd_errbuf err = {{0}};
    const char *g[MAX_SRC], *x[MAX_SRC];
    int n = 0;
    if (r->radars != NULL && bmd_radar_catalog_find(r->radars, sr->type, &e, &err) == BMD_OK && e) {
        for (int k = 0; k < e->n_sources && k < BMD_RADAR_MAX_SOURCES && n < MAX_SRC; k++, n++)
            g[n] = e->source[k].group, x[n] = e->source[k].text;
        if (e->claim_by[0] != '\0' && n < MAX_SRC) g[n] = "range claim", x[n++] = e->claim_by;
    }
    row_close(b, bad, rf, n, g, x);
}

static void batteries_row(bmd_membuf *b, int *bad, struct refs *rf, const bmd_report_in *r,
                          size_t i)
{
    const bmd_scenario *s = r->scenario;
    const bmd_scn_battery *bt = &s->battery[i];
    const bmd_interceptor *ic = &bt->interceptor;
    row_open(b, bad, bt->name);
    td_printf(b, bad, "%s (%s, %s tier)", ic->label, ic->name, ic->tier);
    td_printf(b, bad, "%s (%.3f, %.3f)", bt->site.name, bt->site.lat_rad * BMD_RAD2DEG,
              bt->site.lon_rad * BMD_RAD2DEG);
    td_printf(b, bad, "altitude %.0f-%.0f km, ground range up to %.0f km%s", ic->min_alt_m / 1e3,
              ic->max_alt_m / 1e3, ic->max_range_m / 1e3,
              ic->max_flight_time_s > 0 ? ", flight time limited" : "");
    bmd_html_tdf(b, bad, "%.2f", ic->pk);
    td_printf(b, bad, "%d launchers x %d = %d", bt->launchers, bt->missiles_per_launcher,
              bt->launchers * bt->missiles_per_launcher);
    if (bt->doctrine == BMD_DOCTRINE_SLS)
        td_printf(b, bad,
                  "shoot-look-shoot, salvo %d, kill assessment %.0f s, reaction %.0f s, layer %d",
                  bt->salvo, bt->kill_assessment_s, bt->reaction_s, bt->layer);
    else
        td_printf(b, bad, "salvo %d, reaction %.0f s, layer %d", bt->salvo, bt->reaction_s,
                  bt->layer);
    const char *g[MAX_SRC], *x[MAX_SRC];
    int n = 0;
    for (int k = 0; k < ic->n_sources && k < BMD_IC_MAX_SOURCES && n < MAX_SRC; k++, n++)
        g[n] = ic->source[k].group, x[n] = ic->source[k].text;
    row_close(b, bad, rf, n, g, x);
}

static void threats_row(bmd_membuf *b, int *bad, struct refs *rf, const bmd_report_in *r, size_t i)
{
    const bmd_scenario *s = r->scenario;
    const bmd_scn_threat *th = &s->threat[i];
    const bmd_missile *m = &th->missile;
    char t[512];
    row_open(b, bad, th->name);
    td_printf(b, bad, "%s (%s, %s, %s)", m->label, m->name, m->klass, m->country);
    td_printf(b, bad, "%s at %.0f s", th->launch.name, th->launch_time_s);
    bmd_html_td(b, bad, th->aim.name);
    bmd_html_td(b, bad, shape_name(&th->shape, t, sizeof t));
    bmd_html_td(b, bad, rcs_text(&th->rcs, t, sizeof t));
    const char *g[MAX_SRC], *x[MAX_SRC];
    int n = 0;
    for (int k = 0; k < m->n_sources && k < BMD_MAX_SOURCES && n < MAX_SRC; k++, n++)
        g[n] = m->source[k].group, x[n] = m->source[k].text;
    row_close(b, bad, rf, n, g, x);
}

static void timeline_table(bmd_membuf *b, int *bad, const bmd_report_in *r)
{
    const bmd_scenario *s = r->scenario;
    const bmd_engage_result *res = r->result;
    bmd_html_put(b, bad,
                 "<h3>Event timeline</h3>\n<table class=\"timeline\">\n<tr><th>time (s)</th>"
                 "<th>event</th><th>object</th><th>altitude (km)</th><th>range (km)</th>"
                 "<th>note</th></tr>\n");
    for (size_t i = 0; i < res->n_events; i++) {
        const bmd_eng_event *e = &res->event[i];
        char obj[96], note[96] = "";
        bmd_eng_event_note(res, e, note, sizeof note);
        bmd_html_put(b, bad, "<tr>");
        bmd_html_tdf(b, bad, "%.2f", e->t_s);
        bmd_html_td(b, bad, bmd_eng_event_label(r->result, e));
        bmd_html_td(b, bad, bmd_eng_event_object(s, e, obj, sizeof obj));
        bmd_html_tdf(b, bad, "%.1f", e->alt_m / 1e3);
        bmd_html_tdf(b, bad, "%.1f", e->range_m >= 0.0 ? e->range_m / 1e3 : NAN);
        bmd_html_td(b, bad, note);
        bmd_html_put(b, bad, "</tr>\n");
    }
    bmd_html_put(b, bad, "</table>\n");
    bmd_html_put(b, bad,
                 "<h3>Outcome per threat</h3>\n<table>\n<tr><th>threat</th><th>outcome</th>"
                 "<th>first detection (s)</th><th>firm track (s)</th><th>intercept (s)</th>"
                 "<th>intercept altitude (km)</th><th>miss (m)</th><th>interceptors</th></tr>\n");
    for (size_t k = 0; k < res->n_threats; k++) {
        const bmd_eng_threat *t = &res->threat[k];
        int hit = t->outcome == BMD_ENG_INTERCEPTED;
        bmd_html_put(b, bad, "<tr>");
        bmd_html_td(b, bad, s->threat[k].name);
        bmd_html_td(b, bad, bmd_eng_outcome_name(t->outcome));
        bmd_html_tdf(b, bad, "%.1f", t->first_detect_time_s >= 0 ? t->first_detect_time_s : NAN);
        bmd_html_tdf(b, bad, "%.1f", t->firm_track_time_s >= 0 ? t->firm_track_time_s : NAN);
        bmd_html_tdf(b, bad, "%.1f", hit ? t->intercept_time_s : NAN);
        bmd_html_tdf(b, bad, "%.1f", hit ? t->intercept_alt_m / 1e3 : NAN);
        bmd_html_tdf(b, bad, "%.3f",
                     t->interceptors_used > 0 && t->miss_distance_m >= 0 ? t->miss_distance_m
                                                                         : NAN);
        bmd_html_put(b, bad, "<td class=\"n\">%d</td></tr>\n", t->interceptors_used);
    }
    bmd_html_put(b, bad, "</table>\n<p>Interceptors fired: %d. Leakers: %d.</p>\n",
                 res->interceptors_fired, res->leakers);
}

static void mc_section(bmd_membuf *b, int *bad, const bmd_report_in *r)
{
    const bmd_mc_result *mc = r->mc;
    bmd_html_put(b, bad, "<h2 id=\"montecarlo\">Monte Carlo</h2>\n");
    if (mc == NULL) {
        bmd_html_put(b, bad, "<p>No Monte Carlo was run.</p>\n");
        return;
    }
    bmd_html_put(
        b, bad,
        "<p>%ld runs, seed %llu: measurement noise, detection and kill draws%s. Intervals are "
        "95 %% Wilson score intervals.</p>\n",
        mc->runs, (unsigned long long)r->seed,
        r->scenario->n_uncertain ? " and the scenario's uncertain parameters" : "");
    bmd_html_put(b, bad,
                 "<table>\n<tr><th>threat</th><th>intercepted</th><th>leaked</th><th>not "
                 "engaged</th><th>P(negation)</th><th>95 %% Wilson interval</th><th>mean "
                 "interceptors</th></tr>\n");
    for (size_t k = 0; k < mc->n_threats; k++) {
        const bmd_mc_threat *t = &mc->threat[k];
        char iv[64];
        snprintf(iv, sizeof iv, "%.4f-%.4f", t->p_lo, t->p_hi);
        bmd_html_put(b, bad, "<tr>");
        bmd_html_td(b, bad, r->scenario->threat[k].name);
        bmd_html_put(b, bad,
                     "<td class=\"n\">%ld</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td>",
                     t->intercepted, t->leaked, t->not_engaged);
        bmd_html_tdf(b, bad, "%.4f", t->p_negation);
        bmd_html_td(b, bad, iv);
        bmd_html_tdf(b, bad, "%.3f", t->mean_interceptors);
        bmd_html_put(b, bad, "</tr>\n");
    }
    char iv[64];
    snprintf(iv, sizeof iv, "%.4f-%.4f", mc->p_no_leaker_lo, mc->p_no_leaker_hi);
    bmd_html_put(b, bad,
                 "<tr class=\"total\"><td>no leaker</td><td class=\"n\">%ld</td><td></td><td></td>",
                 mc->no_leaker_runs);
    bmd_html_tdf(b, bad, "%.4f", mc->p_no_leaker);
    bmd_html_td(b, bad, iv);
    bmd_html_tdf(b, bad, "%.3f", mc->mean_interceptors_fired);
    bmd_html_put(b, bad, "</tr>\n</table>\n");
}

static void provenance_section(bmd_membuf *b, int *bad, const bmd_report_provenance *p)
{
    bmd_html_put(b, bad, "<h2 id=\"provenance\">Provenance</h2>\n<p>bmdsim ");
    bmd_html_esc(b, bad, p->version);
    bmd_html_put(b, bad, " (commit ");
    bmd_html_esc(b, bad, p->commit);
    bmd_html_put(b, bad, "); command: <code>");
    bmd_html_esc(b, bad, p->command);
    bmd_html_put(b, bad, "</code>; scenario: ");
    bmd_html_esc(b, bad, p->scenario);
    bmd_html_put(b, bad, " (SHA-256 <code>");
    bmd_html_esc(b, bad, p->sha256);
    bmd_html_put(b, bad, "</code>); seed %lld; catalog entries: ", p->seed);
    for (size_t i = 0; i < p->n_catalog; i++) {
        if (i) bmd_html_put(b, bad, ", ");
        bmd_html_esc(b, bad, p->catalog[i]);
    }
    bmd_html_put(b, bad, ".</p>\n");
}

/* ---- the template -------------------------------------------------------- */

enum { N_SLOTS = 24 };

struct slot {
    const char *name;
    bmd_membuf text;
};

/* A new slot named name; its buffer is returned for the section's text. */
static bmd_membuf *slot_add(struct slot *sl, size_t *n, const char *name)
{
    sl[*n].name = name;
    return &sl[(*n)++].text;
}

/* Fill every slot's text from the results. */
static void fill_slots(const bmd_report_in *r, struct slot *sl, size_t *n, int *bad)
{
    const bmd_scenario *s = r->scenario;
    bmd_html_esc(slot_add(sl, n, "name"), bad, s->name);
    bmd_html_esc(slot_add(sl, n, "version"), bad, r->provenance.version);
    bmd_html_put(slot_add(sl, n, "seed"), bad, "%llu", (unsigned long long)r->seed);
    summary_section(slot_add(sl, n, "summary"), bad, r);
    bmd_html_put(slot_add(sl, n, "earth"), bad, "%s",
                 s->earth_sphere ? "spherical, non-rotating" : "WGS84, rotating");
    bmd_html_put(slot_add(sl, n, "atmosphere"), bad, "%s", bmd_atmo_name((bmd_atmo_kind)s->atmo));
    bmd_html_put(slot_add(sl, n, "filter"), bad, "%s",
                 s->filter == BMD_FILTER_TRUTH ? "truth (perfect tracking)"
                 : s->filter == BMD_FILTER_UKF ? "UKF"
                                               : "EKF");
    bmd_html_put(slot_add(sl, n, "init_m"), bad, "%d", s->init_m);
    bmd_html_put(slot_add(sl, n, "init_n"), bad, "%d", s->init_n);
    bmd_html_put(slot_add(sl, n, "cycle"), bad, "%.2g", s->dt_s);
    struct refs rf = {0};
    table(slot_add(sl, n, "radars"), bad, &rf, r, "Radars",
          "<th>name</th><th>preset</th><th>site</th><th>boresight</th><th>mode</th>"
          "<th>parameters</th><th>sources</th>",
          r->scenario->n_radars, radars_row);
    table(slot_add(sl, n, "batteries"), bad, &rf, r, "Batteries",
          "<th>name</th><th>interceptor</th><th>site</th><th>envelope</th><th>Pk</th>"
          "<th>inventory</th><th>doctrine</th><th>sources</th>",
          r->scenario->n_batteries, batteries_row);
    table(slot_add(sl, n, "threats"), bad, &rf, r, "Threats",
          "<th>name</th><th>missile</th><th>launch</th><th>aim</th><th>trajectory</th>"
          "<th>RCS</th><th>sources</th>",
          r->scenario->n_threats, threats_row);
    references_list(slot_add(sl, n, "references"), bad, &rf);
    timeline_table(slot_add(sl, n, "timeline"), bad, r);
    mc_section(slot_add(sl, n, "montecarlo"), bad, r);
    provenance_section(slot_add(sl, n, "provenance"), bad, &r->provenance);
    const struct {
        const char *name, *text;
    } given[] = {{"engagement_figure", r->engagement_figure},
                 {"coverage", r->coverage},
                 {"footprint", r->footprint},
                 {"sensitivity", r->sensitivity}};
    for (size_t i = 0; i < sizeof given / sizeof given[0]; i++) {
        bmd_membuf *t = slot_add(sl, n, given[i].name);
        if (given[i].text != NULL) bmd_html_put(t, bad, "%s", given[i].text);
    }
}

static const struct slot *slot_find(const struct slot *sl, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(sl[i].name) == len && memcmp(sl[i].name, name, len) == 0) return &sl[i];
    return NULL;
}

/* Pour the template into out: comment lines dropped, a line that is only
 * a slot replaced by the slot's text (with no newline of its own), other
 * slots replaced in place. */
static int pour(const char *tpl, size_t len, const struct slot *sl, size_t n, bmd_membuf *out,
                int *bad, bmd_errbuf *err)
{
    size_t line_no = 0;
    for (size_t i = 0; i < len && !*bad;) {
        const char *line = tpl + i;
        const char *nl = memchr(line, '\n', len - i);
        size_t ll = nl ? (size_t)(nl - line) : len - i;
        size_t next = i + ll + (nl ? 1 : 0);
        line_no++;
        if (ll >= 3 && memcmp(line, "{{!", 3) == 0) {
            i = next;
            continue;
        }
        int whole = ll >= 4 && memcmp(line, "{{", 2) == 0 && memcmp(line + ll - 2, "}}", 2) == 0 &&
                    memchr(line + 2, '}', ll - 4) == NULL;
        size_t k = 0;
        while (k < ll && !*bad) {
            const char *open = NULL;
            for (size_t j = k; j + 1 < ll; j++)
                if (line[j] == '{' && line[j + 1] == '{') {
                    open = line + j;
                    break;
                }
            size_t upto = open ? (size_t)(open - line) : ll;
            if (upto > k && bmd_membuf_write(out, line + k, upto - k) != BMD_OK) *bad = 1;
            if (open == NULL) {
                k = ll;
                break;
            }
            const char *close = NULL;
            for (const char *p = open + 2; p + 1 < line + ll; p++)
                if (p[0] == '}' && p[1] == '}') {
                    close = p;
                    break;
                }
            const struct slot *s =
                close ? slot_find(sl, n, open + 2, (size_t)(close - open - 2)) : NULL;
            if (s == NULL)
                return bmd_err_set(err, BMD_EINVAL,
                                   "report template line %zu: unknown or unclosed slot '%.40s'",
                                   line_no, open);
            if (s->text.len > 0 && bmd_membuf_write(out, s->text.data, s->text.len) != BMD_OK)
                *bad = 1;
            k = (size_t)(close + 2 - line);
        }
        if (nl && !whole && bmd_membuf_write(out, "\n", 1) != BMD_OK) *bad = 1;
        i = next;
    }
    return BMD_OK;
}

int bmd_report_html(const bmd_report_in *in, bmd_membuf *out, bmd_errbuf *err)
{
    if (in == NULL || out == NULL || in->scenario == NULL || in->result == NULL)
        return bmd_err_set(err, BMD_EINVAL, "bmd_report_html: NULL argument");
    struct slot sl[N_SLOTS];
    memset(sl, 0, sizeof sl);
    size_t n = 0;
    int bad = 0;
    fill_slots(in, sl, &n, &bad);
    int st = BMD_OK;
    if (!bad)
        st = pour((const char *)bmd_report_template, (size_t)bmd_report_template_len, sl, n, out,
                  &bad, err);
    for (size_t i = 0; i < n; i++)
        bmd_membuf_free(&sl[i].text);
    if (st == BMD_OK && bad)
        st = bmd_err_set(err, BMD_ENOMEM, "out of memory while formatting the report");
    return st;
}
