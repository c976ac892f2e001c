/*
 * test_io_interceptor.c: the interceptor catalog (data/catalog/
 * interceptors.yaml) and its loader's errors: FILE:LINE:COL, the key, what
 * was expected, and suggestions for unknown keys and names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "data_dir.h"

#include "bmd/const.h"
#include "bmd/interceptor_catalog.h"
#include "bmd/catalog.h"

static void catalog_path(char *out, size_t n)
{
    assert_int_equal(bmd_data_path(out, n, tst_data_dir(), "catalog/interceptors.yaml"), BMD_OK);
}

static void test_catalog_loads(void **state)
{
    (void)state;
    char path[1024];
    catalog_path(path, sizeof path);
    bmd_interceptor_list list = {0};
    bmd_errbuf err;
    int s = bmd_interceptor_list_load(path, &list, &err);
    if (s != BMD_OK) fail_msg("%s", err.msg);
    assert_int_equal(list.n, 3);
    const bmd_interceptor *t;
    CHECK_OK(bmd_interceptor_find(&list, "thaad", &t, NULL));
    /* USCC 2016 annual report, p. 448: 40-150 km, about 200 km (exact
     * catalog values) */
    CHECK_ABS(t->min_alt_m, 40e3, 0.0);
    CHECK_ABS(t->max_alt_m, 150e3, 0.0);
    CHECK_ABS(t->max_range_m, 200e3, 0.0);
    CHECK_ABS(t->burnout_speed_mps, 2800.0, 0.0);               /* estimate, REFERENCES.md */
    CHECK_ABS(t->pk, 0.8, 0.0);                                 /* Wilkening (1999) */
    CHECK_ABS(t->kv_accel_max_mps2, 10.0 * BMD_G0_MPS2, 1e-12); /* "10g" */
    assert_int_equal(t->launchers, 6);
    assert_int_equal(t->missiles_per_launcher, 8);
    assert_non_null(strstr(bmd_interceptor_source(t, "envelope"), "USCC 2016"));
    /* every entry has its sources for booster, kill vehicle, envelope */
    for (size_t i = 0; i < list.n; i++) {
        assert_non_null(bmd_interceptor_source(&list.items[i], "booster"));
        assert_non_null(bmd_interceptor_source(&list.items[i], "kill_vehicle"));
        assert_non_null(bmd_interceptor_source(&list.items[i], "envelope"));
    }
    /* PAC-3 has no separating KV: its KV mass is the burnt-out missile,
     * 316 - 170 = 146 kg (catalog estimates) */
    const bmd_interceptor *p;
    CHECK_OK(bmd_interceptor_find(&list, "pac-3", &p, NULL));
    CHECK_ABS(p->kv_mass_kg, 146.0, 1e-9);
    CHECK_STATUS(bmd_interceptor_find(&list, "thad", &t, &err), BMD_ENOTFOUND);
    assert_non_null(strstr(err.msg, "did you mean 'thaad'"));
    bmd_interceptor_list_free(&list);
    bmd_interceptor_list_free(&list); /* harmless twice */
}

/* A minimal valid entry; %s pieces are replaced by the tests. */
static const char *const BASE = "interceptors:\n"
                                "  - name: test\n"
                                "    booster:\n"
                                "      stages:\n"
                                "        - gross_mass: 840kg\n"
                                "          propellant_mass: 640kg\n"
                                "          isp_vac: 275s\n"
                                "          burn_time: 17s\n"
                                "          diameter: 0.34m\n"
                                "      payload_mass: 60kg\n"
                                "    kill_vehicle:\n"
                                "      mass: 60kg\n"
                                "      beta: 6000kg/m2\n"
                                "      divert: %s\n"
                                "      max_accel: 10g\n"
                                "    lethality: {lethal_radius: 0.5m, pk: 0.8}\n"
                                "    envelope: {min_alt: 40km, max_alt: 150km, max_range: 200km}\n"
                                "    burnout_speed: %s\n"
                                "    battery: {launchers: %s}\n"
                                "    sources: {booster: \"estimate\"}\n";

static int load3(const char *divert, const char *bo, const char *launchers, bmd_errbuf *err)
{
    char text[2048];
    snprintf(text, sizeof text, BASE, divert, bo, launchers);
    bmd_interceptor_list list = {0};
    int s = bmd_interceptor_list_load_string(text, strlen(text), "t.yaml", &list, err);
    if (s == BMD_OK) assert_int_equal(list.n, 1);
    bmd_interceptor_list_free(&list);
    return s;
}

static void test_valid_minimal(void **state)
{
    (void)state;
    bmd_errbuf err;
    int s = load3("400m/s", "2.8km/s", "6", &err);
    if (s != BMD_OK) fail_msg("%s", err.msg);
}

static void test_wrong_unit(void **state)
{
    (void)state;
    bmd_errbuf err;
    CHECK_STATUS(load3("400s", "2.8km/s", "6", &err), BMD_EUNIT);
    /* line 14, column 15: the value of 'divert' */
    assert_non_null(strstr(err.msg, "t.yaml:14:15:"));
    assert_non_null(strstr(err.msg, "key 'divert'"));
    assert_non_null(strstr(err.msg, "interceptor 'test'"));
}

static void test_negative_count(void **state)
{
    (void)state;
    bmd_errbuf err;
    CHECK_STATUS(load3("400m/s", "2.8km/s", "-6", &err), BMD_EDOM);
    assert_non_null(strstr(err.msg, "t.yaml:19:"));
    assert_non_null(strstr(err.msg, "launchers"));
    CHECK_STATUS(load3("-400m/s", "2.8km/s", "6", &err), BMD_EDOM);
    assert_non_null(strstr(err.msg, "must not be negative"));
}

static void test_envelope_unreachable(void **state)
{
    (void)state;
    bmd_errbuf err;
    /* 1.2 km/s cannot climb to 150 km: at least 1697 m/s in vacuum */
    CHECK_STATUS(load3("400m/s", "1.2km/s", "6", &err), BMD_EDOM);
    assert_non_null(strstr(err.msg, "t.yaml:17:")); /* at the envelope's max_alt */
    assert_non_null(strstr(err.msg, "cannot reach the stated maximum intercept altitude 150 km"));
    /* a stated speed above the rocket equation's 3349 m/s is inconsistent */
    CHECK_STATUS(load3("400m/s", "4km/s", "6", &err), BMD_EDOM);
    assert_non_null(strstr(err.msg, "t.yaml:18:")); /* at burnout_speed */
    assert_non_null(strstr(err.msg, "exceeds the booster's ideal"));
}

static void test_unknown_key(void **state)
{
    (void)state;
    const char *text = "interceptors:\n"
                       "  - name: test\n"
                       "    envelop: {min_alt: 40km}\n";
    bmd_interceptor_list list = {0};
    bmd_errbuf err;
    CHECK_STATUS(bmd_interceptor_list_load_string(text, strlen(text), "u.yaml", &list, &err),
                 BMD_EPARSE);
    assert_non_null(strstr(err.msg, "u.yaml:3:5:"));
    assert_non_null(strstr(err.msg, "did you mean 'envelope'"));
    assert_int_equal(list.n, 0);
    assert_null(list.items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog_loads),        cmocka_unit_test(test_valid_minimal),
        cmocka_unit_test(test_wrong_unit),           cmocka_unit_test(test_negative_count),
        cmocka_unit_test(test_envelope_unreachable), cmocka_unit_test(test_unknown_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
