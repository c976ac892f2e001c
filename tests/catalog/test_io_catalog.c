/*
 * test_io_catalog.c: named sites and the missile catalog (bmd/io.h):
 * loading the real data files and the fixtures in tests/data/, every field,
 * the sanity checks, and errors with exact file:line:col.
 *
 * Positions in the expected messages are 1-based line:column counted by
 * hand in the fixture files (their comments name the broken line) and in
 * the in-memory documents below. Unit conversions are checked against the
 * exact definitions (1 nmi = 1852 m, 1 ft = 0.3048 m, 1 lb = 0.45359237 kg;
 * NIST SP 811, 2008, appendix B) at 1e-12 relative.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "data_dir.h"

#include "bmd/const.h"
#include "bmd/catalog.h"

#define RTOL 1e-12
#define FT 0.3048
#define NMI 1852.0
#define LB 0.45359237

/* ---- sites --------------------------------------------------------------- */

static void test_sites_real(void **state)
{
    (void)state;
    char path[1024];
    bmd_site_list sl = {0};
    bmd_errbuf e = {{0}};
    CHECK_OK(bmd_data_path(path, sizeof path, tst_data_dir(), "sites.yaml"));
    int st = bmd_site_list_load(path, &sl, &e);
    if (st) fail_msg("%s", e.msg);
    static const char *const required[] = {
        "seongju",       "seoul",           "busan",           "pyeongtaek",  "pyongyang",
        "sohae",         "north-hwanghae",  "tokyo",           "guam",        "beijing",
        "china-central", "china-northeast", "china-northwest", "los-angeles", "chicago",
        "new-york",      "washington"};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        const bmd_site *s;
        if (bmd_site_find(&sl, required[i], &s, &e) != BMD_OK) fail_msg("%s", e.msg);
        assert_true(strlen(s->source) > 0);
        assert_true(strlen(s->label) > 0);
    }
    const bmd_site *s;
    CHECK_OK(bmd_site_find(&sl, "north-hwanghae", &s, NULL));
    assert_string_equal(s->kind, "launch-area");

    /* Coordinates against independently stated public coordinates, 0.05 deg:
     * - Seongju THAAD site (Lotte Skyhill Seongju CC): 36.049359N 128.226223E
     *   (Wikipedia, "Seongju County");
     * - Sohae: 39 deg 39' 36.3" N, 124 deg 42' 19.1" E (German Wikipedia,
     *   "Sohae");
     * - Camp Humphreys: "3658N 12702E" (USFK installation page, usfk.net). */
    const struct {
        const char *name;
        double lat_deg, lon_deg;
    } ref[] = {
        {"seongju", 36.049359, 128.226223},
        {"sohae", 39.0 + 39.0 / 60.0 + 36.3 / 3600.0, 124.0 + 42.0 / 60.0 + 19.1 / 3600.0},
        {"pyeongtaek", 36.0 + 58.0 / 60.0, 127.0 + 2.0 / 60.0},
    };
    for (size_t i = 0; i < sizeof ref / sizeof ref[0]; i++) {
        CHECK_OK(bmd_site_find(&sl, ref[i].name, &s, NULL));
        CHECK_ABS(s->lat_rad * BMD_RAD2DEG, ref[i].lat_deg, 0.05);
        CHECK_ABS(s->lon_rad * BMD_RAD2DEG, ref[i].lon_deg, 0.05);
    }
    /* Western longitudes are negative: Fort Greely at 63.97248N 145.71764W
     * (FortWiki, "Fort Greely"), 0.05 deg. */
    CHECK_OK(bmd_site_find(&sl, "fort-greely", &s, NULL));
    CHECK_ABS(s->lat_rad * BMD_RAD2DEG, 63.97248, 0.05);
    CHECK_ABS(s->lon_rad * BMD_RAD2DEG, -145.71764, 0.05);
    for (size_t i = 0; i < sl.n; i++) {
        assert_true(sl.items[i].lat_rad >= -BMD_PI / 2 && sl.items[i].lat_rad <= BMD_PI / 2);
        assert_true(sl.items[i].lon_rad >= -BMD_PI && sl.items[i].lon_rad <= BMD_PI);
    }
    bmd_site_list_free(&sl);
    assert_null(sl.items);
    assert_int_equal(sl.n, 0);
}

static void test_sites_fixture(void **state)
{
    (void)state;
    char path[1024];
    bmd_site_list sl = {0};
    bmd_errbuf e = {{0}};
    if (bmd_site_list_load(tst_fixture(path, sizeof path, "sites_small.yaml"), &sl, &e))
        fail_msg("%s", e.msg);
    assert_int_equal(sl.n, 3);
    const bmd_site *s = &sl.items[0];
    assert_string_equal(s->name, "alpha");
    assert_string_equal(s->label, "Alpha");
    assert_string_equal(s->country, "Testland");
    assert_string_equal(s->kind, "city");
    assert_string_equal(s->source, "test input");
    /* "33.87S,151.21E": degrees times pi/180, 1e-15 rad. */
    CHECK_ABS(s->lat_rad, -33.87 * BMD_DEG2RAD, 1e-15);
    CHECK_ABS(s->lon_rad, 151.21 * BMD_DEG2RAD, 1e-15);
    CHECK_ABS(s->alt_m, 0.0, 0.0);
    s = &sl.items[1]; /* "-22.9, -43.2, 100m": the altitude from the location */
    CHECK_ABS(s->lat_rad, -22.9 * BMD_DEG2RAD, 1e-15);
    CHECK_ABS(s->lon_rad, -43.2 * BMD_DEG2RAD, 1e-15);
    CHECK_ABS(s->alt_m, 100.0, 0.0);
    assert_string_equal(s->country, "");
    s = &sl.items[2]; /* "64.8N,147.7W" with alt: 0.5km */
    CHECK_ABS(s->lon_rad, -147.7 * BMD_DEG2RAD, 1e-15);
    CHECK_ABS(s->alt_m, 500.0, 0.0);
    assert_string_equal(s->kind, "");

    /* A second file replaces alpha in place and appends delta. */
    if (bmd_site_list_load(tst_fixture(path, sizeof path, "sites_override.yaml"), &sl, &e))
        fail_msg("%s", e.msg);
    assert_int_equal(sl.n, 4);
    assert_string_equal(sl.items[0].label, "Alpha (corrected)");
    CHECK_ABS(sl.items[0].lat_rad, 10.0 * BMD_DEG2RAD, 1e-15);
    assert_string_equal(sl.items[1].name, "bravo");
    assert_string_equal(sl.items[3].name, "delta");
    CHECK_ABS(sl.items[3].lon_rad, BMD_PI, 1e-15); /* "0,180" stays 180 deg */

    /* A failing load leaves the list exactly as it was. */
    CHECK_STATUS(bmd_site_list_load(tst_fixture(path, sizeof path, "sites_bad_unit.yaml"), &sl, &e),
                 BMD_EUNIT);
    char want[1200];
    snprintf(want, sizeof want,
             "%s:6:10: site 'alpha': key 'alt': expected a length such as 150km, found '3s' "
             "(that is a time)",
             path);
    assert_string_equal(e.msg, want);
    assert_int_equal(sl.n, 4);
    assert_string_equal(sl.items[0].label, "Alpha (corrected)");

    CHECK_STATUS(bmd_site_list_load("no/such/sites.yaml", &sl, &e), BMD_EIO);
    assert_int_equal(sl.n, 4);
    CHECK_STATUS(bmd_site_list_load(NULL, &sl, &e), BMD_EINVAL);
    CHECK_STATUS(bmd_site_list_load(path, NULL, &e), BMD_EINVAL);
    bmd_site_list_free(&sl);
    bmd_site_list_free(&sl);
    bmd_site_list_free(NULL);
}

static void test_sites_find_resolve(void **state)
{
    (void)state;
    static const char text[] = "sites:\n"
                               "  - {name: seoul, label: Seoul, location: \"37.57N,126.98E\", "
                               "source: x}\n"
                               "  - {name: busan, label: Busan, location: \"35.18N,129.08E\", "
                               "source: x}\n";
    bmd_site_list sl = {0};
    bmd_errbuf e = {{0}};
    CHECK_OK(bmd_site_list_load_string(text, strlen(text), "s.yaml", &sl, &e));
    const bmd_site *found = NULL;
    CHECK_STATUS(bmd_site_find(&sl, "seol", &found, &e), BMD_ENOTFOUND);
    assert_string_equal(e.msg, "unknown site 'seol' (did you mean 'seoul'?)");
    assert_null(found);
    CHECK_STATUS(bmd_site_find(&sl, "tokyo", &found, &e), BMD_ENOTFOUND);
    assert_string_equal(e.msg, "unknown site 'tokyo'");
    CHECK_STATUS(bmd_site_find(NULL, "seoul", &found, &e), BMD_ENOTFOUND);
    CHECK_STATUS(bmd_site_find(&sl, NULL, &found, &e), BMD_EINVAL);

    bmd_site s;
    CHECK_OK(bmd_site_resolve(&sl, "busan", &s, &e));
    assert_string_equal(s.name, "busan");
    CHECK_ABS(s.lat_rad, 35.18 * BMD_DEG2RAD, 1e-15);
    CHECK_OK(bmd_site_resolve(NULL, "1N,2E,3m", &s, &e));
    assert_string_equal(s.name, "1N,2E,3m");
    assert_string_equal(s.label, "1.0000N,2.0000E,3m");
    assert_string_equal(s.kind, "location");
    assert_string_equal(s.source, "given as coordinates");
    CHECK_ABS(s.lat_rad, 1.0 * BMD_DEG2RAD, 1e-15);
    CHECK_ABS(s.lon_rad, 2.0 * BMD_DEG2RAD, 1e-15);
    CHECK_ABS(s.alt_m, 3.0, 0.0);
    CHECK_OK(bmd_site_resolve(&sl, "-33.9,151.2", &s, &e));
    assert_string_equal(s.label, "33.9000S,151.2000E");

    memset(&s, 0x5a, sizeof s);
    bmd_site before = s;
    CHECK_STATUS(bmd_site_resolve(&sl, "busn", &s, &e), BMD_ENOTFOUND);
    assert_string_equal(e.msg, "unknown site 'busn' (did you mean 'busan'?)");
    CHECK_STATUS(bmd_site_resolve(&sl, "zzzz", &s, &e), BMD_ENOTFOUND);
    assert_string_equal(e.msg,
                        "unknown site 'zzzz' (a location is written LAT,LON such as 35.9N,128.3E)");
    CHECK_STATUS(bmd_site_resolve(&sl, "91,0", &s, &e), BMD_EDOM);
    assert_true(strstr(e.msg, "latitude outside -90..90 deg") != NULL);
    assert_memory_equal(&s, &before, sizeof s); /* untouched on failure */
    CHECK_STATUS(bmd_site_resolve(&sl, NULL, &s, &e), BMD_EINVAL);
    bmd_site_list_free(&sl);
}

/* Load a site document from memory, expect status and the exact message. */
static void site_error(const char *text, int status, const char *want)
{
    bmd_site_list sl = {0};
    bmd_errbuf e = {{0}};
    int st = bmd_site_list_load_string(text, strlen(text), "s.yaml", &sl, &e);
    if (st != status) fail_msg("status %d, want %d (%s)", st, status, e.msg);
    assert_string_equal(e.msg, want);
    assert_int_equal(sl.n, 0);
    assert_null(sl.items);
}

static void test_sites_errors(void **state)
{
    (void)state;
    /* "  - {name: a" : the name value at column 12 */
    site_error("sites:\n"
               "  - {name: a, label: A, location: \"1,2\", source: x}\n"
               "  - {name: a, label: B, location: \"1,2\", source: x}\n",
               BMD_EPARSE, "s.yaml:3:12: site 'a': defined twice (also site 1)");
    site_error("sites:\n  - name: a\n    lable: A\n", BMD_EPARSE,
               "s.yaml:3:5: site 'a': unknown key 'lable' (did you mean 'label'?)");
    site_error("sites:\n  - name: a\n    label: A\n    source: x\n", BMD_EPARSE,
               "s.yaml:2:5: site 'a': missing key 'location'");
    /* the quoted location's text starts at column 36, after the quote */
    site_error("sites:\n  - {name: a, label: A, location: \"95N,2E\", source: x}\n", BMD_EDOM,
               "s.yaml:2:36: site 'a': key 'location': expected a location such as "
               "35.9N,128.3E or 35.9,128.3, found '95N,2E' (latitude outside -90..90 deg)");
    site_error("sites:\n  - {name: a, label: A, location: \"1,2,3m\", alt: 4m, source: x}\n",
               BMD_EPARSE,
               "s.yaml:2:45: site 'a': altitude given twice (in 'location' and in 'alt')");
    site_error("sites:\n  - name: Seoul\n", BMD_EPARSE,
               "s.yaml:2:11: site 1: key 'name': 'Seoul' is not a valid name (lower-case "
               "letters, digits and '-', at most 31 characters)");
    site_error("sites:\n  - seoul\n", BMD_EPARSE,
               "s.yaml:2:5: site 1: expected a mapping (key: value lines), found 'seoul'");
    site_error("places: []\n", BMD_EPARSE, "s.yaml:1:1: unknown key 'places' (allowed: sites)");
    site_error("# nothing here\n", BMD_EPARSE,
               "s.yaml:1:1: expected a mapping (key: value lines), found nothing");
    CHECK_STATUS(bmd_site_list_load_string(NULL, 0, "s", NULL, NULL), BMD_EINVAL);
}

/* ---- missiles -------------------------------------------------------------- */

static void test_missiles_real(void **state)
{
    (void)state;
    char path[1024];
    CHECK_OK(bmd_data_path(path, sizeof path, tst_data_dir(), "catalog/missiles.yaml"));
    FILE *fp = fopen(path, "r");
    if (fp == NULL) {
        print_message("data/catalog/missiles.yaml not present yet: skipped\n");
        skip();
    }
    fclose(fp);
    bmd_missile_list ml = {0};
    bmd_errbuf e = {{0}};
    int st = bmd_missile_list_load(path, &ml, &e);
    if (st) fail_msg("%s", e.msg);
    assert_true(ml.n >= 1);
    for (size_t i = 0; i < ml.n; i++) {
        const bmd_missile *m = &ml.items[i], *found;
        CHECK_OK(bmd_missile_find(&ml, m->name, &found, NULL));
        assert_ptr_equal(found, m);
        assert_true(m->n_stages >= 1 && m->n_stages <= BMD_MAX_STAGES);
        assert_non_null(bmd_missile_source(m, "stages"));
        assert_non_null(bmd_missile_source(m, "range"));
        assert_true(m->range_published_m > 0.0);
    }
    /* Issue 11: every entry names its free parameters, and the public test
     * flights the issue lists are in the catalog. */
    for (size_t i = 0; i < ml.n; i++)
        if (ml.items[i].calib.n_free < 1)
            fail_msg("%s: no calibration free list", ml.items[i].name);
    static const struct {
        const char *missile, *date;
    } want[] = {{"hwasong-12", "2017-05-14"}, {"hwasong-14", "2017-07-04"},
                {"hwasong-14", "2017-07-28"}, {"hwasong-15", "2017-11-29"},
                {"musudan", "2016-06-22"},    {"scud-c", "2017-05-29"}};
    for (size_t w = 0; w < sizeof want / sizeof want[0]; w++) {
        const bmd_missile *t;
        CHECK_OK(bmd_missile_find(&ml, want[w].missile, &t, NULL));
        int found = 0;
        for (int k = 0; k < t->n_tests; k++)
            found |= strcmp(t->test[k].date, want[w].date) == 0;
        if (!found) fail_msg("%s: test flight %s missing", want[w].missile, want[w].date);
    }
    const bmd_missile *m;
    if (bmd_missile_find(&ml, "nodong", &m, NULL) == BMD_OK) {
        CHECK_STATUS(bmd_missile_find(&ml, "nodon", &m, &e), BMD_ENOTFOUND);
        assert_string_equal(e.msg, "unknown missile 'nodon' (did you mean 'nodong'?)");
    }
    bmd_missile_list_free(&ml);
}

static void test_missiles_fixture(void **state)
{
    (void)state;
    char path[1024];
    bmd_missile_list ml = {0};
    bmd_errbuf e = {{0}};
    if (bmd_missile_list_load(tst_fixture(path, sizeof path, "missiles_good.yaml"), &ml, &e))
        fail_msg("%s", e.msg);
    assert_int_equal(ml.n, 2);
    const bmd_missile *m = &ml.items[0];
    assert_string_equal(m->name, "test-two");
    assert_string_equal(m->label, "Two-stage test missile");
    assert_string_equal(m->country, "Nowhere");
    assert_string_equal(m->klass, "ICBM");
    /* Unit definitions (top of file), 1e-12 relative. */
    CHECK_REL(m->range_published_m, 5000.0 * NMI, RTOL);
    CHECK_REL(m->vertical_rise_s, 10.0, RTOL);
    assert_int_equal(m->n_stages, 2);
    CHECK_REL(m->stage[0].gross_mass_kg, 20000.0, RTOL);
    CHECK_REL(m->stage[0].prop_mass_kg, 18000.0, RTOL);
    CHECK_REL(m->stage[0].isp_vac_s, 280.0, RTOL);
    CHECK_REL(m->stage[0].isp_sl_s, 250.0, RTOL);
    CHECK_REL(m->stage[0].burn_time_s, 90.0, RTOL); /* 1.5 min */
    CHECK_REL(m->stage[0].diameter_m, 6.0 * FT, RTOL);
    CHECK_ABS(m->stage[0].coast_s, 0.0, 0.0); /* default */
    CHECK_REL(m->stage[1].gross_mass_kg, 5000.0 * LB, RTOL);
    CHECK_REL(m->stage[1].isp_vac_s, 300.0, RTOL); /* bare number: s */
    CHECK_ABS(m->stage[1].isp_sl_s, 0.0, 0.0);     /* default */
    CHECK_REL(m->stage[1].coast_s, 5.0, RTOL);
    CHECK_REL(m->payload_mass_kg, 1000.0, RTOL);
    assert_int_equal(m->rv_separates, 1);
    CHECK_REL(m->rv_mass_kg, 500.0, RTOL);
    CHECK_REL(m->rv_beta_kgpm2, 100.0 * LB / (FT * FT), RTOL);
    CHECK_REL(m->rv_diameter_m, 0.5, RTOL);
    assert_int_equal(m->cd.n, 3);
    CHECK_ABS(m->cd.mach[2], 2.5, 0.0);
    CHECK_ABS(m->cd.cd[1], 0.4, 0.0);
    assert_int_equal(m->n_sources, 6);
    assert_string_equal(m->source[0].group, "stages");
    assert_string_equal(m->source[5].group, "notes");
    assert_string_equal(bmd_missile_source(m, "drag"), "test input: drag");
    assert_string_equal(bmd_missile_source(m, "notes"), "free text");
    assert_null(bmd_missile_source(m, "steering"));
    assert_null(bmd_missile_source(NULL, "drag"));

    m = &ml.items[1];
    assert_string_equal(m->name, "test-one");
    CHECK_ABS(m->vertical_rise_s, 8.0, 0.0); /* documented default */
    assert_int_equal(m->rv_separates, 0);
    CHECK_REL(m->rv_beta_kgpm2, 12000.0, RTOL); /* bare number: kg/m^2 */
    assert_int_equal(m->cd.n, 0);               /* no table: the trajectory default */
    assert_int_equal(m->n_sources, 4);
    assert_null(bmd_missile_source(m, "notes"));

    const bmd_missile *found = NULL;
    CHECK_STATUS(bmd_missile_find(&ml, "test-tow", &found, &e), BMD_ENOTFOUND);
    assert_string_equal(e.msg, "unknown missile 'test-tow' (did you mean 'test-two'?)");
    assert_null(found);
    CHECK_STATUS(bmd_missile_find(&ml, "zzz", &found, &e), BMD_ENOTFOUND);
    assert_string_equal(e.msg, "unknown missile 'zzz'");
    CHECK_STATUS(bmd_missile_find(NULL, "zzz", &found, &e), BMD_ENOTFOUND);
    CHECK_STATUS(bmd_missile_find(&ml, NULL, &found, &e), BMD_EINVAL);
    bmd_missile_list_free(&ml);
    bmd_missile_list_free(&ml);
    bmd_missile_list_free(NULL);
}

/* A fixture that must fail with status and "PATH:" + want_tail. */
static void missile_file_error(const char *name, int status, const char *want_tail)
{
    char path[1024], want[1600];
    bmd_missile_list ml = {0};
    bmd_errbuf e = {{0}};
    tst_fixture(path, sizeof path, name);
    int st = bmd_missile_list_load(path, &ml, &e);
    if (st != status) fail_msg("%s: status %d, want %d (%s)", name, st, status, e.msg);
    snprintf(want, sizeof want, "%s:%s", path, want_tail);
    if (strncmp(e.msg, want, strlen(want)) != 0)
        fail_msg("'%s' does not start with '%s'", e.msg, want);
    assert_int_equal(ml.n, 0);
    assert_null(ml.items);
}

static void test_missiles_file_errors(void **state)
{
    (void)state;
    /* Line 5 "    drag: {mach: [0, 1]} cd": stray text at column 26. */
    missile_file_error("missiles_syntax.yaml", BMD_EPARSE, "5:26: ");
    missile_file_error("missiles_unknown_key.yaml", BMD_EPARSE,
                       "11:9: missile 'nodong' stage 1: unknown key 'isp_vacc' (did you mean "
                       "'isp_vac'?)");
    missile_file_error("missiles_wrong_unit.yaml", BMD_EUNIT,
                       "14:13: missile 'nodong' reentry: key 'beta': expected a ballistic "
                       "coefficient such as 30000kg/m2, found '30000kg' (that is a mass)");
    missile_file_error("missiles_missing_key.yaml", BMD_EPARSE,
                       "3:5: missile 'nodong': missing key 'stages'");
    missile_file_error("missiles_prop_gross.yaml", BMD_EDOM,
                       "10:26: missile 'nodong' stage 1: propellant_mass (13900 kg) must be less "
                       "than gross_mass (12900 kg)");
    bmd_missile_list ml = {0};
    CHECK_STATUS(bmd_missile_list_load("no/such/missiles.yaml", &ml, NULL), BMD_EIO);
    CHECK_STATUS(bmd_missile_list_load(NULL, &ml, NULL), BMD_EINVAL);
    CHECK_STATUS(bmd_missile_list_load_string("", 0, NULL, NULL, NULL), BMD_EINVAL);
}

/* A valid one-missile document; the error cases below change one line. */
static const char base_missile[] =
    "missiles:\n"
    "  - name: base\n"
    "    label: \"Base\"\n"
    "    country: \"Nowhere\"\n"
    "    class: MRBM\n"
    "    published_range: 1300km\n"
    "    vertical_rise: 8s\n"
    "    stages:\n"
    "      - {gross_mass: 15.1t, propellant_mass: 12.9t, isp_vac: 255s, isp_sl: 226s, "
    "burn_time: 110s, diameter: 1.32m}\n"
    "    payload_mass: 1000kg\n"
    "    reentry: {separates: true, mass: 1000kg, beta: 30000kg/m2, diameter: 0.9m}\n"
    "    drag: {mach: [0, 1, 2], cd: [0.2, 0.4, 0.3]}\n"
    "    sources: {stages: \"a\", payload: \"b\", reentry: \"c\", drag: \"d\", range: \"e\"}\n"
    "    notes: \"n\"\n";

/* base_missile with the first occurrence of `from` replaced by `to`. */
static const char *variant(char *buf, size_t n, const char *from, const char *to)
{
    const char *at = strstr(base_missile, from);
    if (at == NULL) fail_msg("'%s' not in the base document", from);
    size_t head = (size_t)(at - base_missile);
    int w = snprintf(buf, n, "%.*s%s%s", (int)head, base_missile, to, at + strlen(from));
    if (w < 0 || (size_t)w >= n) fail_msg("variant too long");
    return buf;
}

struct missile_case {
    const char *from, *to;
    int status;
    const char *want; /* a part of the message */
};

static void test_missiles_checks(void **state)
{
    (void)state;
    char five[1024], cd25[512], longnote[400];
    const char *stage = "{gross_mass: 15.1t, propellant_mass: 12.9t, isp_vac: 255s, burn_time: "
                        "110s, diameter: 1.32m}";
    snprintf(five, sizeof five, "stages: [%s, %s, %s, %s, %s]", stage, stage, stage, stage, stage);
    strcpy(cd25, "mach: [0");
    for (int i = 1; i < 25; i++)
        snprintf(cd25 + strlen(cd25), sizeof cd25 - strlen(cd25), ", %d", i);
    strcat(cd25, "]");
    strcpy(longnote, "notes: \"");
    memset(longnote + 8, 'x', 240);
    strcpy(longnote + 248, "\"");
    const struct missile_case cases[] = {
        {"class: MRBM", "class: MRB", BMD_EPARSE,
         "missile 'base': key 'class': expected SRBM, MRBM, IRBM or ICBM, found 'MRB'"},
        {"published_range: 1300km", "published_range: 0km", BMD_EDOM,
         "key 'published_range': must be greater than zero, found 0"},
        {"stages:\n      - ", "stages: []\n      # ", BMD_EDOM,
         "missile 'base': key 'stages': expected 1 to 4 stages, found 0"},
        {"isp_sl: 226s", "isp_sl: 260s", BMD_EDOM,
         "missile 'base' stage 1: isp_sl (260 s) must not exceed isp_vac (255 s)"},
        {"burn_time: 110s", "burn_time: 0s", BMD_EDOM,
         "stage 1: key 'burn_time': must be greater than zero, found 0"},
        {"diameter: 1.32m", "diameter: -1.32m", BMD_EDOM,
         "stage 1: key 'diameter': must be greater than zero, found -1.32"},
        {"beta: 30000kg/m2", "beta: 0", BMD_EDOM,
         "missile 'base' reentry: key 'beta': must be greater than zero, found 0"},
        {"beta: 30000kg/m2", "beta: -5", BMD_EDOM, "(must not be negative)"},
        {"separates: true", "separates: maybe", BMD_EPARSE,
         "reentry: key 'separates': expected true or false, found 'maybe'"},
        {"separates: true", "separates: false", BMD_EDOM,
         "reentry: key 'mass': with separates: false the whole last stage re-enters: expected "
         "its dry mass plus payload_mass = 3200 kg, found 1000 kg"},
        {"mass: 1000kg, beta", "mass: 2000kg, beta", BMD_EDOM,
         "reentry: key 'mass': a separating RV (2000 kg) cannot be heavier than payload_mass "
         "(1000 kg)"},
        {"mach: [0, 1, 2]", "mach: [0, 2, 1]", BMD_EDOM,
         "missile 'base' drag: item 3 of 'mach': Mach numbers must increase, found 1 after 2"},
        {"mach: [0, 1, 2]", "mach: [-1, 1, 2]", BMD_EDOM,
         "item 1 of 'mach': must be zero or more, found -1"},
        {"cd: [0.2, 0.4, 0.3]", "cd: [0.2, 0.4]", BMD_EDOM,
         "drag: key 'cd': 2 values for 3 Mach numbers (give one Cd per Mach)"},
        {"cd: [0.2, 0.4, 0.3]", "cd: [0.2, 0, 0.3]", BMD_EDOM,
         "item 2 of 'cd': must be greater than zero, found 0"},
        {"{mach: [0, 1, 2], cd: [0.2, 0.4, 0.3]}", "{mach: [0], cd: [0.2]}", BMD_EDOM,
         "drag: key 'mach': give at least 2 points, found 1"},
        {"mach: [0, 1, 2]", cd25, BMD_ELIMIT, "drag: key 'mach': more than 24 values"},
        {"mach: [0, 1, 2]", "mach: [0, 1, 2x]", BMD_EUNIT,
         "drag: item 3 of 'mach': expected a number such as 0.8, found '2x'"},
        {"drag: \"d\", ", "", BMD_EPARSE,
         "missile 'base' sources: missing key 'drag' (the entry has a drag table)"},
        {"range: \"e\"", "rnage: \"e\"", BMD_EPARSE,
         "sources: unknown key 'rnage' (did you mean 'range'?)"},
        {"vertical_rise: 8s", "vertical_rise: 110s", BMD_EDOM,
         "key 'vertical_rise': 110 s must be shorter than the first stage's burn_time (110 s)"},
        {"label: \"Base\"",
         "label: \"" /* 64 characters: */
         "0123456789012345678901234567890123456789012345678901234567890123\"",
         BMD_EPARSE, "key 'label': text longer than 63 characters"},
        {"notes: \"n\"", longnote, BMD_EPARSE, "source 'notes': text longer than 231 characters"},
        {"name: base", "name: Base", BMD_EPARSE, "'Base' is not a valid name"},
        /* test flights and calibration (issue 11) */
        {"    notes: \"n\"\n",
         "    notes: \"n\"\n    tests: [{date: \"2017-05-14\", range: 0km, "
         "apogee: 2111.5km, source: \"s\"}]\n",
         BMD_EDOM, "missile 'base' test 1: key 'range': must be greater than zero, found 0"},
        {"    notes: \"n\"\n",
         "    notes: \"n\"\n    tests: [{date: \"2017-05-14\", range: 787km, "
         "source: \"s\"}]\n",
         BMD_EPARSE, "missile 'base' test 1: missing key 'apogee'"},
        {"    notes: \"n\"\n",
         "    notes: \"n\"\n    tests: [{date: \"2017-05-14\", range: 787km, "
         "apogee: 2111.5km, flight_time: 30min, full_burn: maybe, source: \"s\"}]\n",
         BMD_EPARSE, "key 'full_burn': expected true or false, found 'maybe'"},
        {"    notes: \"n\"\n", "    notes: \"n\"\n    calibration: {free: [stage2.burn_time]}\n",
         BMD_EPARSE, "free parameter 'stage2.burn_time': expected payload_mass or stageN.dry_mass"},
        {"    notes: \"n\"\n", "    notes: \"n\"\n    calibration: {free: [payload]}\n", BMD_EPARSE,
         "free parameter 'payload': expected payload_mass"},
        {"    notes: \"n\"\n", "    notes: \"n\"\n    calibration: {fitted: \"x\"}\n", BMD_EPARSE,
         "missile 'base' calibration: missing key 'free'"},
        {"    notes: \"n\"\n", "    notes: \"n\"\n    calibration: {free: []}\n", BMD_EDOM,
         "key 'free': expected 1 to 4 parameters, found 0"},
        {"    notes: \"n\"\n", "    notes: \"n\"\n    colour: red\n", BMD_EPARSE,
         "missile 'base': unknown key 'colour' (allowed:"},
        {"stages:\n      - {gross_mass: 15.1t, propellant_mass: 12.9t, isp_vac: 255s, isp_sl: "
         "226s, burn_time: 110s, diameter: 1.32m}",
         five, BMD_EDOM, "key 'stages': expected 1 to 4 stages, found 5"},
    };
    char buf[4096];
    bmd_missile_list ml = {0};
    bmd_errbuf e = {{0}};
    /* The base document itself is valid. */
    CHECK_OK(bmd_missile_list_load_string(base_missile, strlen(base_missile), "m.yaml", &ml, &e));
    assert_int_equal(ml.n, 1);
    bmd_missile_list_free(&ml);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct missile_case *c = &cases[i];
        const char *text = variant(buf, sizeof buf, c->from, c->to);
        int st = bmd_missile_list_load_string(text, strlen(text), "m.yaml", &ml, &e);
        if (st != c->status || strstr(e.msg, c->want) == NULL || strncmp(e.msg, "m.yaml:", 7) != 0)
            fail_msg("case %zu: status %d (want %d), message '%s' (want '%s')", i, st, c->status,
                     e.msg, c->want);
        assert_int_equal(ml.n, 0);
    }
    /* Test flights and free parameters are read (issue 11): KCNA's
     * 14 May 2017 figures, flight time in minutes converted to s. */
    const char *with_tests =
        variant(buf, sizeof buf, "    notes: \"n\"\n",
                "    notes: \"n\"\n    tests:\n      - {date: \"2017-05-14\", launch: \"Kusong\", "
                "range: 787km, apogee: 2111.5km, flight_time: 30min, full_burn: true, source: "
                "\"KCNA\"}\n      - {date: \"2017-07-04\", range: 933km, apogee: 2802km, source: "
                "\"s\"}\n    calibration:\n      free: [payload_mass, stage1.burn_time]\n      "
                "fitted: \"x\"\n      fitted_to: [published_range]\n      residuals: \"r\"\n");
    CHECK_OK(bmd_missile_list_load_string(with_tests, strlen(with_tests), "m.yaml", &ml, &e));
    assert_int_equal(ml.items[0].n_tests, 2);
    assert_string_equal(ml.items[0].test[0].date, "2017-05-14");
    assert_string_equal(ml.items[0].test[0].launch, "Kusong");
    CHECK_ABS(ml.items[0].test[0].range_m, 787e3, 1e-9);
    CHECK_ABS(ml.items[0].test[0].apogee_m, 2111.5e3, 1e-9);
    CHECK_ABS(ml.items[0].test[0].flight_time_s, 1800.0, 1e-9);
    assert_int_equal(ml.items[0].test[0].full_burn, 1);
    assert_int_equal(ml.items[0].test[1].full_burn, 0);
    CHECK_ABS(ml.items[0].test[1].flight_time_s, 0.0, 0.0);
    assert_int_equal(ml.items[0].calib.n_free, 2);
    assert_string_equal(ml.items[0].calib.free[1], "stage1.burn_time");
    bmd_missile_list_free(&ml);
    /* Two entries with one name: the second name's value, line 15 col 11. */
    snprintf(buf, sizeof buf, "%s%s", base_missile, strstr(base_missile, "  - name: base"));
    CHECK_STATUS(bmd_missile_list_load_string(buf, strlen(buf), "m.yaml", &ml, &e), BMD_EPARSE);
    assert_string_equal(e.msg, "m.yaml:15:11: missile 'base': defined twice (also missile 1)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sites_real),           cmocka_unit_test(test_sites_fixture),
        cmocka_unit_test(test_sites_find_resolve),   cmocka_unit_test(test_sites_errors),
        cmocka_unit_test(test_missiles_real),        cmocka_unit_test(test_missiles_fixture),
        cmocka_unit_test(test_missiles_file_errors), cmocka_unit_test(test_missiles_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
