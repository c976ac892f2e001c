/*
 * test_report.c: the HTML report library (bmd/report.h).
 *
 * (a) escaping: the five HTML special characters become &amp; &lt; &gt;
 *     &quot; &#39; (HTML 5, section 13.1.2.6 "character references"); exact.
 * (b) base64 of embedded figures: the test vectors of RFC 4648 section 10
 *     ("f" -> "Zg==", "fo" -> "Zm8=", "foo" -> "Zm9v", "foobar" ->
 *     "Zm9vYmFy"); exact.
 * (c) number cells: a finite value formatted and right-aligned, a NaN a
 *     dash; exact.
 * (d) a whole page from one recorded engagement of a scenario whose name
 *     and command line carry markup: every slot of the template filled (no "{{" left), the
 *     names escaped (no raw "<b>test" anywhere), one timeline row per recorded
 *     event, the caller's fragments in the template's order (engagement
 *     figure, coverage, footprint, Monte Carlo, sensitivity, limits), "No
 *     Monte Carlo was run." without one; exact counts and orders.
 * (e) a page of two radars, two batteries and two threats sharing their
 *     catalog entries (as data/scenarios/layered.yaml): no paragraph or
 *     list item repeats, each catalog source text appears once (the
 *     references list) and both radars' rows cite it; exact counts.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "test_engagement_util.h"

#include "bmd/report.h"

static void test_escape(void **state)
{
    (void)state;
    bmd_membuf b = {0};
    int bad = 0;
    bmd_html_esc(&b, &bad, "a<b>&\"c'd");
    assert_int_equal(bad, 0);
    assert_string_equal(b.data, "a&lt;b&gt;&amp;&quot;c&#39;d");
    bmd_membuf_free(&b);
}

static void test_base64(void **state)
{
    (void)state;
    const char *in[] = {"f", "fo", "foo", "foobar"};
    const char *want[] = {"Zg==", "Zm8=", "Zm9v", "Zm9vYmFy"};
    for (size_t i = 0; i < 4; i++) {
        bmd_membuf b = {0};
        int bad = 0;
        bmd_html_figure_png(&b, &bad, (const unsigned char *)in[i], strlen(in[i]), "x&y", "c<");
        char expect[200];
        snprintf(expect, sizeof expect,
                 "<figure><img alt=\"x&amp;y\" src=\"data:image/png;base64,%s\">"
                 "<figcaption>c&lt;</figcaption></figure>\n",
                 want[i]);
        assert_int_equal(bad, 0);
        assert_string_equal(b.data, expect);
        bmd_membuf_free(&b);
    }
}

static void test_cells(void **state)
{
    (void)state;
    bmd_membuf b = {0};
    int bad = 0;
    bmd_html_tdf(&b, &bad, "%.2f", 1.5);
    bmd_html_tdf(&b, &bad, "%.2f", NAN);
    bmd_html_td(&b, &bad, "<i>");
    assert_string_equal(b.data, "<td class=\"n\">1.50</td><td>-</td><td>&lt;i&gt;</td>");
    bmd_membuf_free(&b);
}

static const char *const YAML =
    "name: report <b>test</b> & co\n"
    "radars:\n"
    "  - {name: tpy2, type: an-tpy2, site: seongju, boresight: 322deg, revisit: 1s}\n"
    "batteries:\n"
    "  - {name: seongju, site: seongju, interceptor: thaad, launchers: 1, "
    "missiles_per_launcher: 4, radar: tpy2}\n"
    "threats:\n"
    "  - {name: nodong-1, missile: nodong, launch: {site: north-hwanghae, time: 0s}, "
    "aim: busan, rcs: 0.1m2}\n"
    "tracking: {filter: truth, initiation: 3/5}\n"
    "simulation: {dt: 0.5s}\n";

/* A scenario's plan and its run 0 (seed 1), recorded: what the page shows. */
typedef struct rep_run {
    bmd_scenario s;
    bmd_engage_plan *plan;
    bmd_engage_result res;
} rep_run;

static void rep_run_start(const eng_cats *c, const char *yaml, rep_run *r)
{
    r->plan = eng_plan(c, yaml, &r->s);
    bmd_engage_opts o;
    bmd_engage_opts_init(&o);
    o.record = 1;
    memset(&r->res, 0, sizeof r->res);
    bmd_errbuf e = {{0}};
    CHECK_OK(bmd_engage_run(r->plan, 0, 1, &o, &r->res, &e));
}

static void rep_run_free(rep_run *r)
{
    bmd_engage_result_free(&r->res);
    bmd_engage_plan_free(r->plan);
    bmd_scenario_free(&r->s);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_page(void **state)
{
    const eng_cats *c = *state;
    rep_run run;
    rep_run_start(c, YAML, &run);
    bmd_errbuf e = {{0}};
    const char *cat[] = {"missile nodong", "radar an-tpy2"};
    bmd_report_in in;
    memset(&in, 0, sizeof in);
    in.scenario = &run.s, in.result = &run.res, in.seed = 7;
    in.provenance.version = "9.9", in.provenance.commit = "abc", in.provenance.command = "x <y>";
    in.provenance.scenario = "t.yaml", in.provenance.sha256 = "00", in.provenance.seed = 7;
    in.provenance.catalog = cat, in.provenance.n_catalog = 2;
    in.engagement_figure = "<p>FIGURE</p>\n", in.coverage = "<p>COVERAGE</p>\n";
    in.footprint = "<p>FOOTPRINT</p>\n", in.sensitivity = "<p>SENSITIVITY</p>\n";
    bmd_membuf b = {0};
    CHECK_OK(bmd_report_html(&in, &b, &e));
    assert_true(strncmp(b.data, "<!DOCTYPE html>\n", 16) == 0);
    assert_true(b.len > 16 && strcmp(b.data + b.len - 8, "</html>\n") == 0);
    assert_int_equal(strlen(b.data), b.len);
    assert_null(strstr(b.data, "{{"));
    assert_null(strstr(b.data, "<b>test"));
    assert_int_equal(count(b.data, "report &lt;b&gt;test&lt;/b&gt; &amp; co"), 2); /* title, h1 */
    assert_int_equal(count(b.data, "<code>x &lt;y&gt;</code>"), 1);
    assert_int_equal(count(b.data, "Generated by bmdsim 9.9,"), 1);
    const char *order[] = {"FIGURE",      "Event timeline", "COVERAGE",      "FOOTPRINT",
                           "Monte Carlo", "SENSITIVITY",    "id=\"limits\"", "Provenance"};
    const char *prev = b.data;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        const char *p = strstr(b.data, order[i]);
        assert_non_null(p);
        assert_true(p > prev);
        prev = p;
    }
    assert_int_equal(count(b.data, "No Monte Carlo was run."), 1);
    /* one table row per recorded event: the timeline table's rows */
    const char *t0 = strstr(b.data, "<table class=\"timeline\">");
    assert_non_null(t0);
    const char *t1 = strstr(t0, "</table>");
    size_t rows = 0;
    for (const char *p = strstr(t0, "<tr><td"); p && p < t1; p = strstr(p + 1, "<tr><td"))
        rows++;
    assert_true(run.res.n_events > 0);
    assert_int_equal(rows, run.res.n_events);
    bmd_membuf_free(&b);
    rep_run_free(&run);
}

/* Two radars of one preset, two batteries of one interceptor and two
 * threats of one missile (as data/scenarios/layered.yaml has): their
 * catalog sources are listed once, as numbered references the tables cite. */
static const char *const YAML2 =
    "name: shared sources\n"
    "radars:\n"
    "  - {name: tpy2, type: an-tpy2, site: seongju, boresight: 322deg, revisit: 1s}\n"
    "  - {name: tpy2-b, type: an-tpy2, site: busan, boresight: 322deg, revisit: 1s}\n"
    "batteries:\n"
    "  - {name: seongju, site: seongju, interceptor: thaad, launchers: 1, "
    "missiles_per_launcher: 4, radar: tpy2}\n"
    "  - {name: busan, site: busan, interceptor: thaad, launchers: 1, "
    "missiles_per_launcher: 4, radar: tpy2-b}\n"
    "threats:\n"
    "  - {name: nodong-1, missile: nodong, launch: {site: north-hwanghae, time: 0s}, "
    "aim: busan, rcs: 0.1m2}\n"
    "  - {name: nodong-2, missile: nodong, launch: {site: north-hwanghae, time: 5s}, "
    "aim: busan, rcs: 0.1m2}\n"
    "tracking: {filter: truth, initiation: 3/5}\n"
    "simulation: {dt: 0.5s}\n";

/* The next element <tag ...>...</tag> at or after p: its text start and
 * length; NULL when none. */
static const char *next_element(const char *p, const char *tag, size_t *len)
{
    char open[16], close[16];
    snprintf(open, sizeof open, "<%s", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    size_t ol = strlen(open);
    for (const char *q = strstr(p, open); q; q = strstr(q + 1, open)) {
        if (q[ol] != '>' && q[ol] != ' ') continue; /* <pre>, <link> */
        const char *e = strstr(q, close);
        if (e == NULL) return NULL;
        *len = (size_t)(e + strlen(close) - q);
        return q;
    }
    return NULL;
}

static void test_sources_once(void **state)
{
    const eng_cats *c = *state;
    rep_run run;
    rep_run_start(c, YAML2, &run);
    bmd_errbuf e = {{0}};
    bmd_report_in in;
    memset(&in, 0, sizeof in);
    in.scenario = &run.s, in.result = &run.res, in.seed = 7;
    in.radars = &c->radars;
    in.provenance.version = "9.9", in.provenance.command = "x", in.provenance.seed = 7;
    bmd_membuf b = {0};
    CHECK_OK(bmd_report_html(&in, &b, &e));
    /* no paragraph or list item of the page repeats */
    const char *tags[] = {"p", "li"};
    size_t n_el = 0;
    for (size_t t = 0; t < 2; t++) {
        size_t la = 0, lb = 0;
        for (const char *x = next_element(b.data, tags[t], &la); x;
             x = next_element(x + la, tags[t], &la)) {
            n_el++;
            for (const char *y = next_element(x + la, tags[t], &lb); y;
                 y = next_element(y + lb, tags[t], &lb))
                if (la == lb && memcmp(x, y, la) == 0) fail_msg("repeated: %.*s", (int)la, x);
        }
    }
    assert_true(n_el > 10);
    /* every catalog source text of the shared entries once, cited by number */
    const bmd_radar_entry *re = NULL;
    CHECK_OK(bmd_radar_catalog_find(&c->radars, "an-tpy2", &re, &e));
    assert_true(re->n_sources > 0);
    for (int k = 0; k < re->n_sources; k++) {
        bmd_membuf t = {0};
        int bad = 0;
        bmd_html_esc(&t, &bad, re->source[k].text);
        assert_int_equal(count(b.data, t.data), 1);
        bmd_membuf_free(&t);
    }
    const bmd_missile *m = &run.s.threat[0].missile;
    assert_true(m->n_sources > 0);
    for (int k = 0; k < m->n_sources; k++) {
        bmd_membuf t = {0};
        int bad = 0;
        bmd_html_esc(&t, &bad, m->source[k].text);
        assert_int_equal(count(b.data, t.data), 1);
        bmd_membuf_free(&t);
    }
    assert_int_equal(count(b.data, "<h3 id=\"references\">"), 1);
    assert_int_equal(count(b.data, "<a href=\"#ref-1\">[1]</a>"), 2); /* both radars cite it */
    bmd_membuf_free(&b);
    rep_run_free(&run);
}

static void test_null(void **state)
{
    (void)state;
    bmd_membuf b = {0};
    bmd_errbuf e = {{0}};
    assert_int_equal(bmd_report_html(NULL, &b, &e), BMD_EINVAL);
    assert_null(b.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),       cmocka_unit_test(test_base64),
        cmocka_unit_test(test_cells),        cmocka_unit_test(test_page),
        cmocka_unit_test(test_sources_once), cmocka_unit_test(test_null),
    };
    return cmocka_run_group_tests(tests, eng_setup, eng_teardown);
}
