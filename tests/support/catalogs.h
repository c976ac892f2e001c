/*
 * catalogs.h: the shipped catalogs (sites, missiles, radars, interceptors)
 * loaded once per test as a cmocka set-up, with the scenario environment
 * that points at them.
 */
#ifndef BMD_TESTS_CATALOGS_H
#define BMD_TESTS_CATALOGS_H

#include <stdlib.h>

#include "data_dir.h"

#include "bmd/catalog.h"
#include "bmd/interceptor_catalog.h"
#include "bmd/radar_catalog.h"
#include "bmd/scenario_load.h"

typedef struct tst_cats {
    bmd_site_list sites;
    bmd_missile_list missiles;
    bmd_radar_catalog radars;
    bmd_interceptor_list ics;
    bmd_scenario_env env;
} tst_cats;

/* cmocka set-up: *state becomes a loaded tst_cats; -1 when a load fails. */
static inline int tst_cats_setup(void **state)
{
    tst_cats *c = calloc(1, sizeof *c);
    if (c == NULL) return -1;
    char p[1024];
    bmd_errbuf e;
    const char *d = tst_data_dir();
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

static inline int tst_cats_teardown(void **state)
{
    tst_cats *c = *state;
    bmd_site_list_free(&c->sites);
    bmd_missile_list_free(&c->missiles);
    bmd_radar_catalog_free(&c->radars);
    bmd_interceptor_list_free(&c->ics);
    free(c);
    return 0;
}

#endif
