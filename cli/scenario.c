/* scenario.c: a scenario file or the built-in default for the bmdsim
 * commands (cli/scenario.h). Prints nothing. */
#include "scenario.h"

#include "provenance.h"

#include <stddef.h>
#include <string.h>

#include "bmd/interceptor_catalog.h"
#include "bmd/scenario_load.h"

#define DEFAULT_NAME "default scenario (data/scenarios/default.yaml)"

/* Load one catalog file under the data directory. */
static int catalog_path(const struct cli_env *env, const char *rel, char *path, size_t n,
                        bmd_errbuf *err)
{
    if (bmd_data_path(path, n, env->data_dir, rel) != BMD_OK)
        return bmd_err_set(err, BMD_ELIMIT, "data directory path too long: %s", env->data_dir);
    return BMD_OK;
}

static int load_catalogs(struct cli_env *env, bmd_errbuf *err)
{
    char path[4096];
    int st = BMD_OK;
    if (!env->have_sites) {
        st = catalog_path(env, "sites.yaml", path, sizeof path, err);
        if (st == BMD_OK) st = bmd_site_list_load(path, &env->sites, err);
        if (st != BMD_OK) return st;
        env->have_sites = 1;
    }
    if (!env->have_missiles) {
        st = catalog_path(env, "catalog/missiles.yaml", path, sizeof path, err);
        if (st == BMD_OK) st = bmd_missile_list_load(path, &env->missiles, err);
        if (st != BMD_OK) return st;
        env->have_missiles = 1;
    }
    if (!env->have_radars) {
        st = catalog_path(env, "catalog/radars.yaml", path, sizeof path, err);
        if (st == BMD_OK) st = bmd_radar_catalog_load(path, &env->radars, err);
        if (st != BMD_OK) return st;
        env->have_radars = 1;
    }
    return BMD_OK;
}

int cli_scenario_load(const char *path, struct cli_env *env, bmd_scenario *out, bmd_errbuf *err)
{
    if (env == NULL || out == NULL) return bmd_err_set(err, BMD_EINVAL, "scenario: NULL argument");
    bmd_scenario_init(out);
    int st = load_catalogs(env, err);
    if (st != BMD_OK) return st;
    char icpath[4096];
    bmd_interceptor_list ics = {0};
    st = catalog_path(env, "catalog/interceptors.yaml", icpath, sizeof icpath, err);
    if (st == BMD_OK) st = bmd_interceptor_list_load(icpath, &ics, err);
    if (st != BMD_OK) return st;
    bmd_scenario_env senv = {&env->sites, &env->missiles, &env->radars, &ics};
    if (path != NULL) {
        st = bmd_scenario_load(path, &senv, out, err);
    } else {
        /* the default names no site file; its base directory is the data
         * directory's scenarios/ for completeness */
        char dir[4096];
        if (bmd_data_path(dir, sizeof dir, env->data_dir, "scenarios") != BMD_OK) dir[0] = '\0';
        st = bmd_scenario_load_string((const char *)bmd_default_scenario,
                                      (size_t)bmd_default_scenario_len, DEFAULT_NAME,
                                      dir[0] ? dir : NULL, &senv, out, err);
    }
    bmd_interceptor_list_free(&ics);
    return st;
}

int cli_scenario_exit(int status)
{
    if (status == BMD_OK) return 0;
    if (status == BMD_ENOMEM) return 1;
    return 2;
}

void cli_scenario_provenance(const char *path, const bmd_scenario *s)
{
    cli_prov_scenario(path);
    for (size_t i = 0; i < s->n_threats; i++)
        cli_prov_entry("missile", s->threat[i].missile.name);
    for (size_t i = 0; i < s->n_radars; i++)
        cli_prov_entry("radar", s->radar[i].type[0] ? s->radar[i].type : s->radar[i].radar.name);
    for (size_t i = 0; i < s->n_batteries; i++)
        cli_prov_entry("interceptor", s->battery[i].interceptor.name);
}
