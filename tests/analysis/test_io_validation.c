/*
 * test_io_validation.c: every case of the validation table (bmd/validate.h)
 * passes. Each case carries its own reference value, source and tolerance
 * (src/analysis/validate.c); the catalog cases fly every missile of
 * data/catalog/missiles.yaml to its maximum range and compare it with the
 * published range quoted in the catalog's `range` source, +-1.5 % (issue
 * 11), and replay each public test flight (flight time +-6 %). Rows that
 * restate an assumption are flagged and not counted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "data_dir.h"

#include "bmd/catalog.h"
#include "bmd/radar_catalog.h"
#include "bmd/validate.h"

struct tally {
    int n, failed, n_assumed;
    int per_group[16];
};

static int on_case(void *ctx, const bmd_validation *v)
{
    struct tally *t = ctx;
    /* issue 11: the presets whose range window is the claim restate an
     * assumption ("an-tpy2 ... 600 vs 600", "an-tpy2-fbm: 2000 vs 2000") */
    if (strncmp(v->name, "an-tpy2 range", 13) == 0 || strncmp(v->name, "an-tpy2-fbm ", 12) == 0)
        assert_int_equal(v->assumption, 1);
    if (v->assumption) {
        assert_string_equal(v->group, "assumptions");
        t->n_assumed++;
        return 0;
    }
    t->n++;
    if (!v->pass) {
        t->failed++;
        print_error("FAIL %s: %s: computed %.10g %s, reference %.10g +- %.3g (%s), status %d\n",
                    v->group, v->name, v->computed, v->unit, v->reference, v->tolerance, v->source,
                    v->status);
    }
    const char *const *g = bmd_validate_groups();
    for (int k = 0; g[k] && k < 16; k++)
        if (strcmp(g[k], v->group) == 0) t->per_group[k]++;
    return 0;
}

static void test_all_cases_pass(void **state)
{
    (void)state;
    const char *dir = tst_data_dir();
    char path[4096];
    bmd_errbuf e = {{0}};
    CHECK_OK(bmd_data_path(path, sizeof path, dir, "catalog/missiles.yaml"));
    bmd_missile_list ml = {0};
    int st = bmd_missile_list_load(path, &ml, &e);
    if (st != BMD_OK) fail_msg("%s", e.msg);
    assert_true(ml.n >= 12);
    bmd_radar_catalog rc = {0};
    CHECK_OK(bmd_data_path(path, sizeof path, dir, "catalog/radars.yaml"));
    st = bmd_radar_catalog_load(path, &rc, &e);
    if (st != BMD_OK) fail_msg("%s", e.msg);
    bmd_validate_radar vr[16];
    size_t nr = 0;
    for (int i = 0; i < rc.n && nr < 16; i++, nr++) {
        vr[nr].radar = &rc.entry[i].radar;
        vr[nr].claim_range_m = rc.entry[i].claim_range_m;
        vr[nr].claim_rcs_m2 = rc.entry[i].claim_rcs_m2;
        vr[nr].claim_by = rc.entry[i].claim_by;
    }
    assert_true(nr >= 4);
    bmd_validate_inputs in = {ml.items, ml.n, vr, nr};
    struct tally t;
    memset(&t, 0, sizeof t);
    int n = 0, failed = 0;
    CHECK_OK(bmd_validate_run(&in, NULL, on_case, &t, &n, &failed));
    assert_int_equal(n, t.n);
    assert_int_equal(failed, t.failed);
    assert_int_equal(failed, 0);
    assert_true(t.n_assumed >= 2);
    /* Every group contributed cases; one range case per catalog missile. */
    const char *const *g = bmd_validate_groups();
    for (int k = 0; g[k]; k++)
        if (t.per_group[k] == 0) fail_msg("group %s has no cases", g[k]);
    bmd_missile_list_free(&ml);
    bmd_radar_catalog_free(&rc);
}

static int count(void *ctx, const bmd_validation *v)
{
    (void)v;
    return ++*(int *)ctx >= 3; /* stop after three */
}

static void test_group_filter_and_stop(void **state)
{
    (void)state;
    int n = 0, seen = 0;
    CHECK_OK(bmd_validate_run(NULL, "reentry", on_case, &(struct tally){0}, &n, NULL));
    assert_int_equal(n, 3);
    /* Without catalog inputs the missile cases are left out, not failed. */
    CHECK_OK(bmd_validate_run(NULL, "missile-range", on_case, &(struct tally){0}, &n, NULL));
    assert_int_equal(n, 0);
    CHECK_STATUS(bmd_validate_run(NULL, NULL, count, &seen, &n, NULL), BMD_EINTR);
    assert_int_equal(seen, 3);
    CHECK_STATUS(bmd_validate_run(NULL, NULL, NULL, NULL, NULL, NULL), BMD_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_cases_pass),
        cmocka_unit_test(test_group_filter_and_stop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
