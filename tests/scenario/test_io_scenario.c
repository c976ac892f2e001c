/*
 * test_io_scenario.c: the scenario loader (bmd/scenario_load.h) and
 * bmd_scenario_check (bmd/scenario.h).
 *
 * References: every expected value is the scenario file's own text
 * converted by the unit definitions (1 deg = pi/180 rad, 1 min = 60 s,
 * -20 dBsm = 0.01 m^2; BIPM SI brochure, IEEE Std 686), or the catalog
 * entry the file refers to, loaded independently here. Tolerances: 1e-12
 * relative for converted values (one multiplication in double precision),
 * exact equality for copied values, counts and names.
 * Error positions: the expected FILE:LINE:COL is found by searching the
 * fixture's text for the offending token (1-based line and column of its
 * first character), so the fixtures' layout is not restated here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogs.h"
#include "check.h"

#include "bmd/atmo.h"
#include "bmd/const.h"
#include "bmd/interceptor_catalog.h"
#include "bmd/catalog.h"
#include "bmd/radar_catalog.h"
#include "bmd/scenario_load.h"

#define RTOL 1e-12
#define DEG (BMD_PI / 180.0)

typedef tst_cats cats;

static const bmd_site *site(const cats *c, const char *name)
{
    const bmd_site *s = NULL;
    bmd_errbuf e;
    if (bmd_site_find(&c->sites, name, &s, &e) != BMD_OK) fail_msg("site %s: %s", name, e.msg);
    return s;
}

static const bmd_interceptor *ic(const cats *c, const char *name)
{
    const bmd_interceptor *p = NULL;
    bmd_errbuf e;
    if (bmd_interceptor_find(&c->ics, name, &p, &e) != BMD_OK) fail_msg("%s", e.msg);
    return p;
}

static const bmd_radar_entry *radar(const cats *c, const char *name)
{
    const bmd_radar_entry *p = NULL;
    bmd_errbuf e;
    if (bmd_radar_catalog_find(&c->radars, name, &p, &e) != BMD_OK) fail_msg("%s", e.msg);
    return p;
}

static void check_place(const bmd_scn_place *p, const bmd_site *s)
{
    assert_string_equal(p->name, s->name);
    assert_true(p->lat_rad == s->lat_rad);
    assert_true(p->lon_rad == s->lon_rad);
    assert_true(p->alt_m == s->alt_m);
}

static int load_repo(const cats *c, const char *rel, bmd_scenario *s, bmd_errbuf *e)
{
    char p[1024];
    if (bmd_data_path(p, sizeof p, tst_data_dir(), rel) != BMD_OK) fail_msg("path");
    return bmd_scenario_load(p, &c->env, s, e);
}

/* ---- the shipped scenarios --------------------------------------------- */

/* A THAAD battery at Seongju with the TPY-2 as in the file, the catalog's
 * interceptor unchanged. */
static void check_thaad_seongju(const cats *c, const bmd_scenario *s, size_t b_index,
                                double boresight_deg)
{
    const bmd_scn_battery *b = &s->battery[b_index];
    check_place(&b->site, site(c, "seongju"));
    assert_string_equal(b->interceptor.name, "thaad");
    assert_true(b->interceptor.pk == ic(c, "thaad")->pk);
    assert_true(b->interceptor.max_range_m == ic(c, "thaad")->max_range_m);
    assert_int_equal(b->launchers, 6);
    assert_int_equal(b->missiles_per_launcher, 8);
    assert_int_equal(b->doctrine, BMD_DOCTRINE_SLS);
    assert_int_equal(b->salvo, 1);
    CHECK_REL(b->kill_assessment_s, 10.0, RTOL); /* "10s" */
    CHECK_REL(b->reaction_s, 10.0, RTOL);        /* "10s" */
    assert_int_equal(b->layer, 1);
    assert_int_equal(b->radar, 0);
    const bmd_scn_radar *r = &s->radar[0];
    assert_string_equal(r->type, "an-tpy2");
    assert_string_equal(r->radar.mode.name, radar(c, "an-tpy2")->radar.mode.name);
    assert_true(r->radar.hw.p_avg_w == radar(c, "an-tpy2")->radar.hw.p_avg_w);
    const bmd_site *sj = site(c, "seongju");
    assert_true(r->radar.face.lat_rad == sj->lat_rad);
    assert_true(r->radar.face.lon_rad == sj->lon_rad);
    assert_true(r->radar.face.h_m == sj->alt_m);
    CHECK_REL(r->radar.face.boresight_az_rad, boresight_deg * DEG, RTOL);
    CHECK_REL(r->revisit_s, 1.0, RTOL); /* "1s" */
}

static void test_default(void **state)
{
    cats *c = *state;
    bmd_scenario s;
    bmd_errbuf e = {{0}};
    int st = load_repo(c, "scenarios/default.yaml", &s, &e);
    if (st) fail_msg("%s", e.msg);
    assert_int_equal(s.n_batteries, 1);
    assert_int_equal(s.n_radars, 1);
    assert_int_equal(s.n_threats, 1);
    assert_int_equal(s.earth_sphere, 0);
    assert_int_equal(s.atmo, BMD_ATMO_US76);
    check_thaad_seongju(c, &s, 0, 322.0);
    const bmd_scn_threat *t = &s.threat[0];
    assert_string_equal(t->name, "nodong-1");
    assert_string_equal(t->missile.name, "nodong");
    check_place(&t->launch, site(c, "north-hwanghae"));
    check_place(&t->aim, site(c, "busan"));
    assert_int_equal(t->shape.kind, BMD_TRAJ_MIN_ENERGY);
    assert_int_equal(t->rcs.n, 1);
    CHECK_REL(t->rcs.rcs_m2[0], 0.1, RTOL); /* "0.1m2" */
    assert_int_equal(s.filter, BMD_FILTER_EKF);
    assert_int_equal(s.init_m, 3);
    assert_int_equal(s.init_n, 5);
    CHECK_REL(s.dt_s, 0.5, RTOL);
    assert_int_equal(s.mc_runs, 200);
    assert_true(s.mc_seed == 7);
    bmd_scenario_free(&s);
    assert_int_equal(s.n_threats, 0);
    assert_null(s.threat);
}

/* The default's boresight is the azimuth to the launch area, rounded to
 * the degree, as its comment states. */
static void test_default_boresight_basis(void **state)
{
    cats *c = *state;
    bmd_scenario s;
    bmd_errbuf e = {{0}};
    int st = load_repo(c, "scenarios/default.yaml", &s, &e);
    if (st) fail_msg("%s", e.msg);
    bmd_earth wgs;
    bmd_earth_wgs84(&wgs);
    const bmd_site *a = site(c, "seongju"), *b = site(c, "north-hwanghae");
    double d, az, az2;
    bmd_geo_inverse(&wgs, a->lat_rad, a->lon_rad, b->lat_rad, b->lon_rad, &d, &az, &az2);
    if (az < 0.0) az += 2.0 * BMD_PI;
    CHECK_ABS(s.radar[0].radar.face.boresight_az_rad, az, 0.5 * DEG); /* rounding */
    bmd_scenario_free(&s);
}

static void test_lofted(void **state)
{
    cats *c = *state;
    bmd_scenario s;
    bmd_errbuf e = {{0}};
    int st = load_repo(c, "scenarios/lofted-nodong-busan.yaml", &s, &e);
    if (st) fail_msg("%s", e.msg);
    check_thaad_seongju(c, &s, 0, 322.0);
    assert_int_equal(s.n_threats, 1);
    assert_int_equal(s.threat[0].shape.kind, BMD_TRAJ_LOFTED);
    CHECK_REL(s.threat[0].shape.apogee_m, 160e3, RTOL); /* "160km" */
    check_place(&s.threat[0].aim, site(c, "busan"));
    bmd_scenario_free(&s);
}

static void test_raid(void **state)
{
    cats *c = *state;
    bmd_scenario s;
    bmd_errbuf e = {{0}};
    int st = load_repo(c, "scenarios/raid.yaml", &s, &e);
    if (st) fail_msg("%s", e.msg);
    check_thaad_seongju(c, &s, 0, 330.0);
    /* five items, one with count 2 */
    assert_int_equal(s.n_threats, 6);
    assert_string_equal(s.threat[3].name, "scud-c-daegu-1");
    assert_string_equal(s.threat[4].name, "scud-c-daegu-2");
    CHECK_REL(s.threat[3].launch_time_s, 180.0, RTOL);
    CHECK_REL(s.threat[4].launch_time_s, 240.0, RTOL); /* 180 s + 1 x 60 s */
    const char *aims[] = {"busan", "seongju", "pyeongtaek", "daegu", "daegu", "daegu"};
    for (size_t i = 0; i < 6; i++) {
        check_place(&s.threat[i].aim, site(c, aims[i]));
        if (i > 0) assert_true(s.threat[i].launch_time_s > s.threat[i - 1].launch_time_s);
    }
    check_place(&s.threat[5].launch, site(c, "wonsan"));
    assert_int_equal(s.n_uncertain, 3);
    assert_int_equal(s.uncertain[0].kind, BMD_UNC_POWER_AVG);
    CHECK_REL(s.uncertain[0].lo, 14.4e3, RTOL); /* "14.4kW" */
    CHECK_REL(s.uncertain[0].hi, 57.6e3, RTOL); /* "57.6kW" */
    assert_int_equal(s.uncertain[1].kind, BMD_UNC_RCS);
    assert_int_equal(s.uncertain[2].kind, BMD_UNC_PK);
    bmd_scenario_free(&s);
}

static void test_layered(void **state)
{
    cats *c = *state;
    bmd_scenario s;
    bmd_errbuf e = {{0}};
    int st = load_repo(c, "scenarios/layered.yaml", &s, &e);
    if (st) fail_msg("%s", e.msg);
    assert_int_equal(s.n_batteries, 2);
    check_thaad_seongju(c, &s, 0, 322.0);
    const bmd_scn_battery *p = &s.battery[1];
    assert_string_equal(p->interceptor.name, "pac-3");
    check_place(&p->site, site(c, "busan"));
    assert_int_equal(p->layer, 2);
    assert_int_equal(p->launchers, 6);
    assert_int_equal(p->missiles_per_launcher, 16);
    assert_int_equal(p->doctrine, BMD_DOCTRINE_SALVO);
    assert_int_equal(p->salvo, 2);
    CHECK_REL(p->reaction_s, 5.0, RTOL);
    assert_true(p->interceptor.max_alt_m == ic(c, "pac-3")->max_alt_m);
    assert_int_equal(s.n_threats, 3);
    for (size_t i = 0; i < 3; i++)
        check_place(&s.threat[i].aim, site(c, "busan"));
    bmd_scenario_free(&s);
}

/* Every field of a fixture that sets them all (with an extra site file). */
static void test_fixture_all_fields(void **state)
{
    cats *c = *state;
    char p[1024];
    bmd_scenario s;
    bmd_errbuf e = {{0}};
    int st =
        bmd_scenario_load(tst_fixture(p, sizeof p, "scenario_good_sites.yaml"), &c->env, &s, &e);
    if (st) fail_msg("%s", e.msg);
    assert_string_equal(s.name, "fixture with extra sites");
    assert_int_equal(s.earth_sphere, 1);
    assert_int_equal(s.atmo, BMD_ATMO_EXPONENTIAL);
    /* radar at the extra site 36.5N,128.5E, 400m */
    const bmd_scn_radar *r = &s.radar[0];
    CHECK_REL(r->radar.face.lat_rad, 36.5 * DEG, RTOL);
    CHECK_REL(r->radar.face.lon_rad, 128.5 * DEG, RTOL);
    CHECK_REL(r->radar.face.h_m, 400.0, RTOL);
    CHECK_REL(r->radar.face.boresight_az_rad, 300.0 * DEG, RTOL);
    CHECK_REL(r->radar.face.boresight_el_rad, 10.0 * DEG, RTOL);
    CHECK_REL(r->revisit_s, 0.5, RTOL);                                        /* "500ms" */
    CHECK_REL(r->search_revisit_s, 2.0, RTOL);                                 /* "2s" */
    CHECK_REL(r->radar.hw.p_avg_w, 30e3, RTOL);                                /* override "30kW" */
    CHECK_REL(r->radar.mode.t_dwell_s, 0.05, RTOL);                            /* override "50ms" */
    assert_true(r->radar.hw.freq_hz == radar(c, "an-tpy2")->radar.hw.freq_hz); /* not overridden */
    /* battery at typed coordinates */
    const bmd_scn_battery *b = &s.battery[0];
    assert_string_equal(b->site.name, "36.0,128.0,100m");
    CHECK_REL(b->site.lat_rad, 36.0 * DEG, RTOL);
    CHECK_REL(b->site.lon_rad, 128.0 * DEG, RTOL);
    CHECK_REL(b->site.alt_m, 100.0, RTOL);
    assert_int_equal(b->launchers, 3);
    assert_int_equal(b->missiles_per_launcher, 4);
    assert_int_equal(b->doctrine, BMD_DOCTRINE_SALVO);
    assert_int_equal(b->salvo, 2);
    CHECK_REL(b->kill_assessment_s, 8.0, RTOL);
    CHECK_REL(b->reaction_s, 12.0, RTOL);
    CHECK_REL(b->launch_interval_s, 2.0, RTOL);
    assert_int_equal(b->layer, 2);
    assert_int_equal(b->radar, 0);
    CHECK_REL(b->interceptor.pk, 0.9, RTOL);                            /* override */
    CHECK_REL(b->interceptor.max_range_m, 150e3, RTOL);                 /* override "150km" */
    assert_true(b->interceptor.max_alt_m == ic(c, "thaad")->max_alt_m); /* not overridden */
    /* threats: count 3, interval 30 s, from 1 min */
    assert_int_equal(s.n_threats, 3);
    for (size_t i = 0; i < 3; i++) {
        const bmd_scn_threat *t = &s.threat[i];
        char nm[8];
        snprintf(nm, sizeof nm, "t-%zu", i + 1);
        assert_string_equal(t->name, nm);
        CHECK_REL(t->launch_time_s, 60.0 + 30.0 * (double)i, RTOL);
        assert_int_equal(t->shape.kind, BMD_TRAJ_DEPRESSED);
        assert_true(t->shape.apogee_m == 0.0); /* gamma form */
        CHECK_REL(t->shape.burnout_gamma_rad, 20.0 * DEG, RTOL);
        assert_int_equal(t->rcs.n, 2);
        assert_true(t->rcs.aspect_rad[0] == 0.0);
        CHECK_REL(t->rcs.aspect_rad[1], 90.0 * DEG, RTOL);
        CHECK_REL(t->rcs.rcs_m2[0], 0.01, RTOL); /* -20 dBsm */
        CHECK_REL(t->rcs.rcs_m2[1], 1.0, RTOL);
        CHECK_REL(t->missile.rv_beta_kgpm2, 50000.0, RTOL); /* override */
        check_place(&t->launch, site(c, "north-hwanghae"));
    }
    assert_int_equal(s.filter, BMD_FILTER_TRUTH);
    assert_int_equal(s.init_m, 2);
    assert_int_equal(s.init_n, 4);
    CHECK_REL(s.dt_s, 0.25, RTOL);
    CHECK_REL(s.t_end_s, 1200.0, RTOL); /* "20min" */
    assert_int_equal(s.mc_runs, 50);
    assert_true(s.mc_seed == 99);
    assert_int_equal(s.n_uncertain, 3);
    CHECK_REL(s.uncertain[0].lo, 25e3, RTOL);
    CHECK_REL(s.uncertain[0].hi, 100e3, RTOL);
    CHECK_REL(s.uncertain[1].lo, 0.01, RTOL);
    CHECK_REL(s.uncertain[1].hi, 0.1, RTOL);
    CHECK_REL(s.uncertain[2].lo, 0.7, RTOL);
    CHECK_REL(s.uncertain[2].hi, 0.95, RTOL);
    bmd_scenario_free(&s);
}

/* ---- errors in files ----------------------------------------------------- */

/* 1-based line and column of the first occurrence of needle in a file
 * (after the leading comment lines, which describe the fault). */
static void find_pos(const char *path, const char *needle, int *line, int *col)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) fail_msg("cannot open %s", path);
    char buf[512];
    int ln = 0;
    *line = *col = 0;
    while (fgets(buf, sizeof buf, f)) {
        ln++;
        if (buf[0] == '#') continue;
        char *at = strstr(buf, needle);
        if (at) {
            *line = ln;
            *col = (int)(at - buf) + 1;
            break;
        }
    }
    fclose(f);
    if (*line == 0) fail_msg("'%s' not in %s", needle, path);
}

/* Load a bad fixture: status, the message starts with FILE:LINE:COL of
 * `at` and contains each of the words. */
static void bad(const cats *c, const char *name, int want, const char *at, const char *w1,
                const char *w2)
{
    char p[1024];
    tst_fixture(p, sizeof p, name);
    bmd_scenario s;
    bmd_errbuf e = {{0}};
    int st = bmd_scenario_load(p, &c->env, &s, &e);
    if (st != want) fail_msg("%s: status %d, want %d (%s)", name, st, want, e.msg);
    int line, col;
    find_pos(p, at, &line, &col);
    char prefix[1200];
    snprintf(prefix, sizeof prefix, "%s:%d:%d: ", p, line, col);
    if (strncmp(e.msg, prefix, strlen(prefix)) != 0)
        fail_msg("%s: message '%s' does not start with '%s'", name, e.msg, prefix);
    if (w1 && !strstr(e.msg, w1)) fail_msg("%s: '%s' not in '%s'", name, w1, e.msg);
    if (w2 && !strstr(e.msg, w2)) fail_msg("%s: '%s' not in '%s'", name, w2, e.msg);
    assert_null(strchr(e.msg, '\n'));
    /* on failure the scenario is empty */
    assert_int_equal(s.n_threats, 0);
    assert_null(s.battery);
}

static void test_bad_files(void **state)
{
    cats *c = *state;
    bad(c, "scenario_bad_unknown_key.yaml", BMD_EPARSE, "launcers", "unknown key 'launcers'",
        "did you mean 'launchers'?");
    bad(c, "scenario_bad_unit.yaml", BMD_EUNIT, "10km", "reaction_time", "expected a time");
    bad(c, "scenario_bad_site.yaml", BMD_ENOTFOUND, "seongjoo", "unknown site 'seongjoo'",
        "did you mean 'seongju'?");
    bad(c, "scenario_bad_inventory.yaml", BMD_EINVAL, "-2", "launchers", "must be from 1 to 1000");
    bad(c, "scenario_bad_salvo.yaml", BMD_EINVAL, "0}", "salvo", "must be >= 1");
    bad(c, "scenario_bad_interceptor.yaml", BMD_ENOTFOUND, "thad", "unknown interceptor 'thad'",
        "did you mean 'thaad'?");
    bad(c, "scenario_bad_envelope.yaml", BMD_EINVAL, "max_alt", "interceptor 'thaad'",
        "cannot reach");
    bad(c, "scenario_bad_envelope_empty.yaml", BMD_EINVAL, "min_alt", "min_alt", "max_alt");
    bad(c, "scenario_bad_missing.yaml", BMD_EPARSE, "name: n1", "threat 'n1'", "missing key 'aim'");
}

static void test_bad_syntax(void **state)
{
    cats *c = *state;
    char p[1024];
    tst_fixture(p, sizeof p, "scenario_bad_syntax.yaml");
    bmd_scenario s;
    bmd_errbuf e = {{0}};
    CHECK_STATUS(bmd_scenario_load(p, &c->env, &s, &e), BMD_EPARSE);
    /* libfyaml places an unclosed flow mapping at or after its opening
     * line; the message carries FILE:LINE:COL */
    int line, col, got_line = 0, got_col = 0;
    find_pos(p, "{mode", &line, &col);
    size_t n = strlen(p);
    assert_int_equal(strncmp(e.msg, p, n), 0);
    assert_int_equal(sscanf(e.msg + n, ":%d:%d:", &got_line, &got_col), 2);
    assert_true(got_line >= line && got_line <= line + 2);
    assert_true(got_col >= 1);
}

static void test_missing_file(void **state)
{
    cats *c = *state;
    bmd_scenario s;
    bmd_errbuf e = {{0}};
    CHECK_STATUS(bmd_scenario_load("/nonexistent/x.yaml", &c->env, &s, &e), BMD_EIO);
    assert_non_null(strstr(e.msg, "/nonexistent/x.yaml"));
}

/* ---- errors in memory ------------------------------------------------------ */

static const char *GOOD_HEAD = "radars:\n"
                               "  - {name: tpy2, type: an-tpy2, site: seongju, boresight: 322}\n"
                               "batteries:\n"
                               "  - {name: b, site: seongju, interceptor: thaad, radar: tpy2}\n";
static const char *GOOD_THREAT =
    "threats:\n"
    "  - {missile: nodong, launch: north-hwanghae, aim: busan, rcs: 0.1}\n";

static int load_text(const cats *c, const char *text, bmd_scenario *s, bmd_errbuf *e)
{
    return bmd_scenario_load_string(text, strlen(text), "mem", NULL, &c->env, s, e);
}

static void mem_bad(const cats *c, const char *text, int want, const char *pos, const char *w1,
                    const char *w2)
{
    bmd_scenario s;
    bmd_errbuf e = {{0}};
    int st = load_text(c, text, &s, &e);
    if (st != want) fail_msg("status %d, want %d (%s)\n%s", st, want, e.msg, text);
    if (pos && strncmp(e.msg, pos, strlen(pos)) != 0)
        fail_msg("message '%s' does not start with '%s'", e.msg, pos);
    if (w1 && !strstr(e.msg, w1)) fail_msg("'%s' not in '%s'", w1, e.msg);
    if (w2 && !strstr(e.msg, w2)) fail_msg("'%s' not in '%s'", w2, e.msg);
}

static void test_defaults_and_bare_numbers(void **state)
{
    cats *c = *state;
    char text[1024];
    snprintf(text, sizeof text, "%s%s", GOOD_HEAD, GOOD_THREAT);
    bmd_scenario s;
    bmd_errbuf e = {{0}};
    int st = load_text(c, text, &s, &e);
    if (st) fail_msg("%s", e.msg);
    /* bare boresight 322: degrees (docs/formats.md, "Values with units") */
    CHECK_REL(s.radar[0].radar.face.boresight_az_rad, 322.0 * DEG, RTOL);
    /* tilt: the preset's */
    assert_true(s.radar[0].radar.face.boresight_el_rad ==
                radar(c, "an-tpy2")->radar.face.boresight_el_rad);
    /* bare rcs 0.1: m^2 */
    CHECK_REL(s.threat[0].rcs.rcs_m2[0], 0.1, RTOL);
    assert_string_equal(s.threat[0].name, "threat-1");
    assert_true(s.threat[0].launch_time_s == 0.0);
    /* battery defaults: the catalog's typical battery, scenario.h defaults */
    const bmd_scn_battery *b = &s.battery[0];
    assert_int_equal(b->launchers, ic(c, "thaad")->launchers);
    assert_int_equal(b->missiles_per_launcher, ic(c, "thaad")->missiles_per_launcher);
    assert_int_equal(b->doctrine, BMD_DOCTRINE_SLS);
    assert_int_equal(b->salvo, 1);
    assert_true(b->reaction_s == BMD_SCN_DEFAULT_REACTION_S);
    assert_true(b->kill_assessment_s == BMD_SCN_DEFAULT_KILL_ASSESSMENT_S);
    assert_true(b->launch_interval_s == BMD_SCN_DEFAULT_LAUNCH_INTERVAL_S);
    assert_int_equal(b->layer, 1); /* tier "upper" */
    assert_true(s.radar[0].revisit_s == BMD_SCN_DEFAULT_REVISIT_S);
    assert_true(s.dt_s == BMD_SCN_DEFAULT_DT_S);
    assert_int_equal(s.mc_runs, 1);
    assert_true(s.mc_seed == 1);
    assert_string_equal(s.name, "unnamed scenario");
    bmd_scenario_free(&s);
}

static void test_mem_errors(void **state)
{
    cats *c = *state;
    char t[2048];
    /* unknown top-level key */
    snprintf(t, sizeof t, "%s%smonte_carl: {runs: 3}\n", GOOD_HEAD, GOOD_THREAT);
    mem_bad(c, t, BMD_EPARSE, "mem:7:1: ", "unknown key 'monte_carl'", "'monte_carlo'");
    /* unknown radar name in a battery, with a suggestion */
    snprintf(t, sizeof t,
             "radars:\n  - {name: tpy2, type: an-tpy2, site: seongju, boresight: 322}\n"
             "batteries:\n  - {name: b, site: seongju, interceptor: thaad, radar: tpy3}\n%s",
             GOOD_THREAT);
    mem_bad(c, t, BMD_ENOTFOUND, "mem:4:", "unknown radar 'tpy3'", "did you mean 'tpy2'?");
    /* unknown radar preset */
    snprintf(t, sizeof t,
             "radars:\n  - {name: r, type: an-tpy-2, site: seongju, boresight: 322}\n%s",
             GOOD_THREAT);
    mem_bad(c, t, BMD_ENOTFOUND, "mem:2:", "unknown radar 'an-tpy-2'", "did you mean 'an-tpy2'");
    /* a mode that is not the preset's: points to the preset that has it */
    snprintf(t, sizeof t,
             "radars:\n  - {name: r, type: an-tpy2, mode: forward-based, site: seongju, "
             "boresight: 322}\n%s",
             GOOD_THREAT);
    mem_bad(c, t, BMD_EINVAL, "mem:2:", "mode 'terminal'", "an-tpy2-fbm");
    /* unknown missile */
    snprintf(t, sizeof t, "threats:\n  - {missile: nodon, launch: sohae, aim: busan, rcs: 1}\n");
    mem_bad(c, t, BMD_ENOTFOUND, "mem:2:15: ", "unknown missile 'nodon'", "'nodong'");
    /* lofted without apogee */
    snprintf(t, sizeof t,
             "threats:\n  - {missile: nodong, launch: sohae, aim: busan, rcs: 1, "
             "trajectory: lofted}\n");
    mem_bad(c, t, BMD_EPARSE, "mem:2:", "needs key 'apogee'", NULL);
    /* a misspelt trajectory word */
    snprintf(t, sizeof t,
             "threats:\n  - {missile: nodong, launch: sohae, aim: busan, rcs: 1, "
             "trajectory: lofed, apogee: 300km}\n");
    mem_bad(c, t, BMD_EPARSE, "mem:2:", "found 'lofed'", "did you mean 'lofted'?");
    /* batteries without radars */
    snprintf(t, sizeof t, "batteries:\n  - {name: b, site: seongju, interceptor: thaad}\n%s",
             GOOD_THREAT);
    mem_bad(c, t, BMD_EINVAL, "mem:1:1: ", "at least one radar", NULL);
    /* no threats */
    mem_bad(c, "name: x\n", BMD_EPARSE, "mem:1:1: ", "missing key 'threats'", NULL);
    mem_bad(c, "threats: []\n", BMD_EINVAL, "mem:1:1: ", "empty", NULL);
    /* uncertain bounds reversed */
    snprintf(t, sizeof t, "%suncertain: {pk: [0.9, 0.7]}\n", GOOD_THREAT);
    mem_bad(c, t, BMD_EINVAL, "mem:3:", "pk", "LO <= HI");
    /* wrong unit inside uncertain */
    snprintf(t, sizeof t, "%suncertain: {power_avg: [1km, 2km]}\n", GOOD_THREAT);
    mem_bad(c, t, BMD_EUNIT, "mem:3:", "expected a power", NULL);
    /* initiation */
    snprintf(t, sizeof t, "%stracking: {initiation: 5/3}\n", GOOD_THREAT);
    mem_bad(c, t, BMD_EINVAL, "mem:3:", "initiation", "M/N");
    /* tracker process noise: >= 0, an acceleration */
    snprintf(t, sizeof t, "%stracking: {process_noise: -1m/s2}\n", GOOD_THREAT);
    mem_bad(c, t, BMD_EINVAL, "mem:3:", "process_noise", ">= 0");
    snprintf(t, sizeof t, "%stracking: {process_noise: 1km}\n", GOOD_THREAT);
    mem_bad(c, t, BMD_EUNIT, "mem:3:", "process_noise", NULL);
    {
        bmd_scenario s;
        bmd_errbuf e = {{0}};
        snprintf(t, sizeof t, "%stracking: {process_noise: 0.1g}\n", GOOD_THREAT);
        CHECK_OK(load_text(c, t, &s, &e));
        /* 0.1 standard gravity = 0.980665 m/s^2 (CGPM 1901), exact to rounding */
        CHECK_REL(s.track_q_accel_mps2, 0.1 * 9.80665, 1e-12);
        bmd_scenario_free(&s);
        snprintf(t, sizeof t, "%s", GOOD_THREAT);
        CHECK_OK(load_text(c, t, &s, &e));
        assert_true(s.track_q_accel_mps2 == 0.0); /* default: none (bmd/track.h) */
        bmd_scenario_free(&s);
    }
    /* radar override that the radar model rejects */
    snprintf(t, sizeof t,
             "radars:\n  - name: r\n    type: an-tpy2\n    site: seongju\n    boresight: 322\n"
             "    overrides: {efficiency: 1.5}\n%s",
             GOOD_THREAT);
    mem_bad(c, t, BMD_EINVAL, "mem:6:", "efficiency", NULL);
    /* duplicate battery names */
    snprintf(t, sizeof t,
             "%s  - {name: b, site: busan, interceptor: pac-3, launchers: 1, "
             "missiles_per_launcher: 1}\n%s",
             GOOD_HEAD, GOOD_THREAT);
    mem_bad(c, t, BMD_EPARSE, "mem:5:", "'b' appears twice", NULL);
    /* pac-3: the catalog has no typical battery, so the inventory is required */
    snprintf(t, sizeof t,
             "radars:\n  - {name: r, type: an-tpy2, site: seongju, boresight: 322}\n"
             "batteries:\n  - {name: p, site: busan, interceptor: pac-3}\n%s",
             GOOD_THREAT);
    mem_bad(c, t, BMD_EINVAL, "mem:4:", "missing key 'launchers'", NULL);
}

/* ---- bmd_scenario_check on hand-filled scenarios ----------------------------- */

static void test_check(void **state)
{
    cats *c = *state;
    bmd_scenario s;
    bmd_errbuf e = {{0}};
    bmd_scenario_init(&s);
    CHECK_STATUS(bmd_scenario_check(&s, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "no threats"));
    char text[1024];
    snprintf(text, sizeof text, "%s%s", GOOD_HEAD, GOOD_THREAT);
    int st = load_text(c, text, &s, &e);
    if (st) fail_msg("%s", e.msg);
    CHECK_OK(bmd_scenario_check(&s, &e));
    bmd_scn_battery keep = s.battery[0];
    /* inventory, salvo, radar index, times */
    s.battery[0].launchers = 0;
    CHECK_STATUS(bmd_scenario_check(&s, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "battery b: inventory"));
    s.battery[0] = keep;
    s.battery[0].salvo = 0;
    CHECK_STATUS(bmd_scenario_check(&s, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "salvo"));
    s.battery[0] = keep;
    s.battery[0].radar = 1;
    CHECK_STATUS(bmd_scenario_check(&s, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "radar index 1"));
    s.battery[0] = keep;
    s.battery[0].reaction_s = -1.0;
    CHECK_STATUS(bmd_scenario_check(&s, &e), BMD_EINVAL);
    s.battery[0] = keep;
    /* envelope empty */
    s.battery[0].interceptor.min_alt_m = s.battery[0].interceptor.max_alt_m;
    CHECK_STATUS(bmd_scenario_check(&s, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "empty envelope"));
    s.battery[0] = keep;
    /* kinematic reach: a stated burnout speed of 500 m/s climbs at most
     * v^2/(2 g) = 12.7 km (vacuum, flat), below the 40 km floor */
    s.battery[0].interceptor.burnout_speed_mps = 500.0;
    CHECK_STATUS(bmd_scenario_check(&s, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "cannot reach its envelope"));
    s.battery[0] = keep;
    s.threat[0].launch_time_s = -1.0;
    CHECK_STATUS(bmd_scenario_check(&s, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "threat threat-1"));
    s.threat[0].launch_time_s = 0.0;
    CHECK_OK(bmd_scenario_check(&s, &e));
    bmd_scenario_free(&s);
    bmd_scenario_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default),      cmocka_unit_test(test_default_boresight_basis),
        cmocka_unit_test(test_lofted),       cmocka_unit_test(test_raid),
        cmocka_unit_test(test_layered),      cmocka_unit_test(test_fixture_all_fields),
        cmocka_unit_test(test_bad_files),    cmocka_unit_test(test_bad_syntax),
        cmocka_unit_test(test_missing_file), cmocka_unit_test(test_defaults_and_bare_numbers),
        cmocka_unit_test(test_mem_errors),   cmocka_unit_test(test_check),
    };
    return cmocka_run_group_tests(tests, tst_cats_setup, tst_cats_teardown);
}
