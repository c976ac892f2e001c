/*
 * fuzz_env.h: shared set-up of the libFuzzer targets (tests/fuzz/): the data
 * directory and the catalogs a scenario or a place needs, loaded once.
 * Every target checks the library's promises on arbitrary bytes: no crash,
 * hang, leak or undefined behaviour, a status in the table, and on failure a
 * non-empty one-line message.
 */
#ifndef BMD_FUZZ_ENV_H
#define BMD_FUZZ_ENV_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/catalog.h"
#include "bmd/interceptor_catalog.h"
#include "bmd/radar_catalog.h"
#include "bmd/scenario_load.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static inline const char *fuzz_data_dir(void)
{
    const char *d = getenv("BMD_DATA_DIR");
    return (d != NULL && d[0] != '\0') ? d : BMD_DATA_DIR_DEFAULT;
}

/* Abort (a finding for libFuzzer) when a failed call broke the message
 * contract: a known status and one non-empty line. */
static inline void fuzz_check_status(int st, const bmd_errbuf *e)
{
    if (st == BMD_OK) return;
    const char *why = NULL;
    if (strcmp(bmd_strerror(st), "unknown status") == 0)
        why = "unknown status";
    else if (e->msg[0] == '\0')
        why = "empty message";
    else if (strpbrk(e->msg, "\n\r") != NULL)
        why = "message of more than one line";
    if (why == NULL) return;
    fprintf(stderr, "fuzz: status %d: %s: '%s'\n", st, why, e->msg);
    abort();
}

static struct {
    bmd_site_list sites;
    bmd_missile_list missiles;
    bmd_radar_catalog radars;
    bmd_interceptor_list interceptors;
    bmd_scenario_env env;
} fuzz_cat;

static inline void fuzz_load_catalogs(void)
{
    char p[4096];
    bmd_errbuf e;
    const char *d = fuzz_data_dir();
    snprintf(p, sizeof p, "%s/sites.yaml", d);
    if (bmd_site_list_load(p, &fuzz_cat.sites, &e)) goto fail;
    snprintf(p, sizeof p, "%s/catalog/missiles.yaml", d);
    if (bmd_missile_list_load(p, &fuzz_cat.missiles, &e)) goto fail;
    snprintf(p, sizeof p, "%s/catalog/radars.yaml", d);
    if (bmd_radar_catalog_load(p, &fuzz_cat.radars, &e)) goto fail;
    snprintf(p, sizeof p, "%s/catalog/interceptors.yaml", d);
    if (bmd_interceptor_list_load(p, &fuzz_cat.interceptors, &e)) goto fail;
    fuzz_cat.env.sites = &fuzz_cat.sites;
    fuzz_cat.env.missiles = &fuzz_cat.missiles;
    fuzz_cat.env.radars = &fuzz_cat.radars;
    fuzz_cat.env.interceptors = &fuzz_cat.interceptors;
    return;
fail:
    fprintf(stderr, "fuzz: cannot load the catalogs: %s\n", e.msg);
    exit(1);
}

#endif
