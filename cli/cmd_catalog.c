/* cmd_catalog.c: `bmdsim catalog [NAME]`: the systems in the catalog, or one
 * of them with every parameter and its source. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "bmd/traj.h"
#include "cli.h"
#include "common.h"

static const struct cli_opt opts[] = {
    {"sites", 0, NULL, "list the named sites instead"},
    CLI_OPT_JSON,
    CLI_OPT_DATA,
};

static const struct cli_help help = {
    "catalog [NAME] [--sites] [--json]",
    "Without NAME: the missiles in the catalog (data/catalog/) with their class and\n"
    "published range. With NAME: every parameter of that system and the source of\n"
    "each parameter group. --sites lists the named places.",
    "  bmdsim catalog\n  bmdsim catalog nodong\n  bmdsim catalog --sites\n",
    1,
};

static void list_missiles(const bmd_missile_list *ml)
{
    printf("missiles (%zu)\n  %-12s %-30s %-24s %-5s %6s %10s\n", ml->n, "name", "label", "country",
           "class", "stages", "range km");
    for (size_t i = 0; i < ml->n; i++) {
        const bmd_missile *m = &ml->items[i];
        printf("  %-12s %-30s %-24s %-5s %6d %10.0f\n", m->name, m->label, m->country, m->klass,
               m->n_stages, m->range_published_m / 1e3);
    }
    printf("\n'bmdsim catalog NAME' shows every parameter with its source.\n");
}

static const char *source_of(const bmd_missile *m, const char *group)
{
    for (int k = 0; k < m->n_sources; k++)
        if (strcmp(m->source[k].group, group) == 0) return m->source[k].text;
    return "(none given)";
}

static void show_missile(const bmd_missile *m)
{
    double launch = m->payload_mass_kg;
    for (int i = 0; i < m->n_stages; i++)
        launch += m->stage[i].gross_mass_kg;
    printf("%s: %s (%s, %s)\n\n", m->name, m->label, m->country, m->klass);
    printf("  published range       %10.0f km\n", m->range_published_m / 1e3);
    printf("    source: %s\n", source_of(m, "range"));
    printf("  launch mass           %10.0f kg\n", launch);
    printf("  vertical rise         %10.1f s\n", m->vertical_rise_s);
    printf("\n  %-6s %10s %10s %8s %8s %8s %8s %8s\n", "stage", "gross kg", "prop kg", "Isp vac",
           "Isp sl", "burn s", "diam m", "coast s");
    for (int i = 0; i < m->n_stages; i++) {
        const bmd_stage *s = &m->stage[i];
        printf("  %-6d %10.0f %10.0f %8.1f %8.1f %8.1f %8.2f %8.1f\n", i + 1, s->gross_mass_kg,
               s->prop_mass_kg, s->isp_vac_s, s->isp_sl_s, s->burn_time_s, s->diameter_m,
               s->coast_s);
    }
    printf("    source: %s\n", source_of(m, "stages"));
    printf("\n  payload               %10.0f kg\n    source: %s\n", m->payload_mass_kg,
           source_of(m, "payload"));
    printf("  re-entry body         %10.0f kg, beta %.0f kg/m2, diameter %.2f m, %s\n",
           m->rv_mass_kg, m->rv_beta_kgpm2, m->rv_diameter_m,
           m->rv_separates ? "separates at burnout" : "whole body re-enters");
    printf("    source: %s\n", source_of(m, "reentry"));
    const bmd_cd_table *cd = m->cd.n > 0 ? &m->cd : bmd_traj_default_cd();
    printf("\n  boost drag Cd(Mach)%s\n    Mach", m->cd.n > 0 ? "" : " (default table)");
    for (int i = 0; i < cd->n; i++)
        printf(" %5.2f", cd->mach[i]);
    printf("\n    Cd  ");
    for (int i = 0; i < cd->n; i++)
        printf(" %5.2f", cd->cd[i]);
    printf("\n    source: %s\n", source_of(m, "drag"));
    for (int k = 0; k < m->n_sources; k++)
        if (strcmp(m->source[k].group, "notes") == 0) printf("\n  notes: %s\n", m->source[k].text);
}

static cJSON *missile_json(const bmd_missile *m)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", m->name);
    cJSON_AddStringToObject(o, "label", m->label);
    cJSON_AddStringToObject(o, "country", m->country);
    cJSON_AddStringToObject(o, "class", m->klass);
    cJSON_AddNumberToObject(o, "published_range_m", m->range_published_m);
    cJSON_AddNumberToObject(o, "vertical_rise_s", m->vertical_rise_s);
    cJSON *st = cJSON_AddArrayToObject(o, "stages");
    for (int i = 0; i < m->n_stages; i++) {
        const bmd_stage *s = &m->stage[i];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddNumberToObject(j, "gross_mass_kg", s->gross_mass_kg);
        cJSON_AddNumberToObject(j, "propellant_mass_kg", s->prop_mass_kg);
        cJSON_AddNumberToObject(j, "isp_vac_s", s->isp_vac_s);
        cJSON_AddNumberToObject(j, "isp_sl_s", s->isp_sl_s);
        cJSON_AddNumberToObject(j, "burn_time_s", s->burn_time_s);
        cJSON_AddNumberToObject(j, "diameter_m", s->diameter_m);
        cJSON_AddNumberToObject(j, "coast_s", s->coast_s);
        cJSON_AddItemToArray(st, j);
    }
    cJSON_AddNumberToObject(o, "payload_mass_kg", m->payload_mass_kg);
    cJSON *rv = cJSON_AddObjectToObject(o, "reentry");
    cJSON_AddBoolToObject(rv, "separates", m->rv_separates);
    cJSON_AddNumberToObject(rv, "mass_kg", m->rv_mass_kg);
    cJSON_AddNumberToObject(rv, "beta_kgpm2", m->rv_beta_kgpm2);
    cJSON_AddNumberToObject(rv, "diameter_m", m->rv_diameter_m);
    cJSON *src = cJSON_AddObjectToObject(o, "sources");
    for (int k = 0; k < m->n_sources; k++)
        cJSON_AddStringToObject(src, m->source[k].group, m->source[k].text);
    return o;
}

static void list_sites(const bmd_site_list *sl)
{
    printf("sites (%zu)\n  %-18s %-40s %10s %11s %8s\n", sl->n, "name", "label", "lat deg",
           "lon deg", "alt m");
    for (size_t i = 0; i < sl->n; i++) {
        const bmd_site *s = &sl->items[i];
        printf("  %-18s %-40.40s %10.4f %11.4f %8.0f\n", s->name, s->label,
               s->lat_rad * 57.29577951308232, s->lon_rad * 57.29577951308232, s->alt_m);
    }
}

static int print_json(cJSON *o)
{
    char *txt = cJSON_PrintUnformatted(o);
    if (txt) printf("%s\n", txt);
    free(txt);
    cJSON_Delete(o);
    return 0;
}

int cli_catalog(int argc, char **argv)
{
    struct cli_args a;
    int rc = cli_parse(&a, "catalog", opts, sizeof opts / sizeof opts[0], &help, argc, argv);
    if (rc) return rc < 0 ? 0 : rc;
    struct cli_env env;
    cli_env_init(&env, &a);
    int json = cli_has(&a, "json");
    if (cli_has(&a, "sites")) {
        bmd_site dummy;
        rc = cli_site(&env, NULL, NULL, &dummy);
        if (!rc && json) {
            cJSON *arr = cJSON_CreateArray();
            for (size_t i = 0; i < env.sites.n; i++) {
                cJSON *o = cJSON_CreateObject();
                cJSON_AddStringToObject(o, "name", env.sites.items[i].name);
                cJSON_AddStringToObject(o, "label", env.sites.items[i].label);
                cJSON_AddNumberToObject(o, "lat_deg", env.sites.items[i].lat_rad * 57.29577951308232);
                cJSON_AddNumberToObject(o, "lon_deg", env.sites.items[i].lon_rad * 57.29577951308232);
                cJSON_AddNumberToObject(o, "alt_m", env.sites.items[i].alt_m);
                cJSON_AddStringToObject(o, "source", env.sites.items[i].source);
                cJSON_AddItemToArray(arr, o);
            }
            print_json(arr);
        } else if (!rc) {
            list_sites(&env.sites);
        }
    } else if (a.n_positional == 0) {
        const bmd_missile *m;
        rc = cli_missile(&env, NULL, &m);
        if (!rc && json) {
            cJSON *arr = cJSON_CreateArray();
            for (size_t i = 0; i < env.missiles.n; i++)
                cJSON_AddItemToArray(arr, missile_json(&env.missiles.items[i]));
            print_json(arr);
        } else if (!rc) {
            list_missiles(&env.missiles);
        }
    } else {
        const bmd_missile *m;
        rc = cli_missile(&env, a.positional[0], &m);
        if (!rc) json ? print_json(missile_json(m)) : (show_missile(m), 0);
    }
    cli_env_free(&env);
    return rc;
}
