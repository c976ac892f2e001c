/*
 * test_engagement_util.h: shared set-up of the engagement tests
 * (tests/test_engagement_*.c): the catalogs and a scenario loaded from YAML
 * text. Not a test itself (only tests/test_*.c are built as tests).
 */
#ifndef BMD_TESTS_ENGAGEMENT_UTIL_H
#define BMD_TESTS_ENGAGEMENT_UTIL_H

#include <stdlib.h>
#include <string.h>

#include "check.h"

#include "bmd/engage.h"
#include "bmd/interceptor_catalog.h"
#include "bmd/catalog.h"
#include "bmd/radar_catalog.h"
#include "bmd/scenario_load.h"

typedef struct eng_cats {
    bmd_site_list sites;
    bmd_missile_list missiles;
    bmd_radar_catalog radars;
    bmd_interceptor_list ics;
    bmd_scenario_env env;
} eng_cats;

static inline const char *eng_data_dir(void)
{
    const char *d = getenv("BMD_DATA_DIR");
    return (d != NULL && d[0] != '\0') ? d : BMD_DATA_DIR_DEFAULT;
}

static inline int eng_setup(void **state)
{
    eng_cats *c = calloc(1, sizeof *c);
    if (c == NULL) return -1;
    char p[1024];
    bmd_errbuf e;
    const char *d = eng_data_dir();
    if (bmd_data_path(p, sizeof p, d, "sites.yaml") || bmd_site_list_load(p, &c->sites, &e) ||
        bmd_data_path(p, sizeof p, d, "catalog/missiles.yaml") ||
        bmd_missile_list_load(p, &c->missiles, &e) ||
        bmd_data_path(p, sizeof p, d, "catalog/radars.yaml") ||
        bmd_radar_catalog_load(p, &c->radars, &e) ||
        bmd_data_path(p, sizeof p, d, "catalog/interceptors.yaml") ||
        bmd_interceptor_list_load(p, &c->ics, &e)) {
        free(c);
        return -1;
    }
    c->env.sites = &c->sites;
    c->env.missiles = &c->missiles;
    c->env.radars = &c->radars;
    c->env.interceptors = &c->ics;
    *state = c;
    return 0;
}

static inline int eng_teardown(void **state)
{
    eng_cats *c = *state;
    bmd_site_list_free(&c->sites);
    bmd_missile_list_free(&c->missiles);
    bmd_radar_catalog_free(&c->radars);
    bmd_interceptor_list_free(&c->ics);
    free(c);
    return 0;
}

/* Load YAML text into *s and prepare its plan; fails the test on error. */
static inline bmd_engage_plan *eng_plan(const eng_cats *c, const char *yaml, bmd_scenario *s)
{
    bmd_errbuf e;
    bmd_scenario_init(s);
    int st = bmd_scenario_load_string(yaml, strlen(yaml), "test", NULL, &c->env, s, &e);
    if (st != BMD_OK) fail_msg("scenario: %s", e.msg);
    bmd_engage_plan *p = NULL;
    st = bmd_engage_prepare(s, &p, &e);
    if (st != BMD_OK) fail_msg("prepare: %s", e.msg);
    return p;
}

#endif
