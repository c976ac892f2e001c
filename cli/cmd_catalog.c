/* cmd_catalog.c: `bmdsim catalog [NAME]`: the systems in the catalog, or one
 * of them with every parameter and its source. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "bmd/const.h"
#include "bmd/radar.h"
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
    "Without NAME: the missiles and radars in the catalog (data/catalog/) with\n"
    "their class and published range. With NAME (a missile or a radar preset):\n"
    "every parameter of that system and the source of each parameter group.\n"
    "--sites lists the named places.",
    "  bmdsim catalog\n  bmdsim catalog nodong\n  bmdsim catalog an-tpy2\n  bmdsim catalog "
    "--sites\n",
    1,
};

/* Column width: the longest of the header and the entries (tables never
 * cut or overflow a name). */
static int widen(int w, const char *s)
{
    int n = (int)strlen(s);
    return n > w ? n : w;
}

static void list_missiles(const bmd_missile_list *ml)
{
    int wn = 4, wl = 5, wc = 7, wk = 5;
    for (size_t i = 0; i < ml->n; i++) {
        const bmd_missile *m = &ml->items[i];
        wn = widen(wn, m->name), wl = widen(wl, m->label), wc = widen(wc, m->country);
        wk = widen(wk, m->klass);
    }
    printf("missiles (%zu)\n  %-*s %-*s %-*s %-*s %6s %10s\n", ml->n, wn, "name", wl, "label", wc,
           "country", wk, "class", "stages", "range km");
    for (size_t i = 0; i < ml->n; i++) {
        const bmd_missile *m = &ml->items[i];
        printf("  %-*s %-*s %-*s %-*s %6d %10.0f\n", wn, m->name, wl, m->label, wc, m->country, wk,
               m->klass, m->n_stages, m->range_published_m / 1e3);
    }
}

static void list_radars(const bmd_radar_catalog *rc)
{
    int wn = 4, wl = 5;
    for (int i = 0; i < rc->n; i++)
        wn = widen(wn, rc->entry[i].radar.name), wl = widen(wl, rc->entry[i].radar.label);
    printf("\nradars (%d)\n  %-*s %-*s %s\n", rc->n, wn, "name", wl, "label", "stands for");
    for (int i = 0; i < rc->n; i++) {
        const bmd_radar_entry *e = &rc->entry[i];
        char claim[64] = "";
        if (e->claim_range_m > 0)
            snprintf(claim, sizeof claim, "%.0f km%s", e->claim_range_m / 1e3,
                     e->claim_rcs_m2 > 0 ? " (0.01 m2)" : "");
        if (e->claim_range_m > 0 && e->claim_rcs_m2 > 0)
            snprintf(claim, sizeof claim, "%.0f km against %g m2", e->claim_range_m / 1e3,
                     e->claim_rcs_m2);
        printf("  %-*s %-*s %s\n", wn, e->radar.name, wl, e->radar.label, claim);
    }
}

static double db10(double x)
{
    return 10.0 * log10(x);
}

static void show_radar(const bmd_radar_entry *e)
{
    const bmd_radar *r = &e->radar;
    double lambda, gain, ae, R1, R2;
    bmd_radar_antenna(r, &lambda, &gain, &ae);
    printf("%s: %s (mode: %s)\n\n", r->name, r->label, r->mode.name);
    if (e->claim_range_m > 0) {
        printf("  stands for            %.0f km", e->claim_range_m / 1e3);
        if (e->claim_rcs_m2 > 0) printf(" against %g m2", e->claim_rcs_m2);
        printf("\n    by: %s\n", e->claim_by);
    }
    printf("\n  hardware\n");
    printf("    frequency           %10.3f GHz (wavelength %.2f cm)\n", r->hw.freq_hz / 1e9,
           lambda * 100);
    if (r->hw.p_avg_w > 0) printf("    average power       %10.1f kW\n", r->hw.p_avg_w / 1e3);
    if (r->hw.p_peak_w > 0)
        printf("    peak power          %10.1f kW, pulse %.3g us\n", r->hw.p_peak_w / 1e3,
               r->hw.pulse_s * 1e6);
    printf("    array area          %10.2f m2, efficiency %.2f, gain %.1f dB\n", r->hw.area_m2,
           r->hw.efficiency, db10(gain));
    if (e->tr_modules > 0) printf("    T/R modules         %10d\n", e->tr_modules);
    printf("    noise temperature   %10.0f K, loss %.1f dB\n", r->hw.t_sys_k, db10(r->hw.loss));
    printf("    scan loss           cos^%.1f of the off-boresight angle\n", r->hw.scan_loss_n);
    printf("  face\n    field of regard     +-%.0f deg about the boresight, elevation %.0f to %.0f "
           "deg, tilt %.0f deg\n",
           r->face.half_az_rad * BMD_RAD2DEG, r->face.el_min_rad * BMD_RAD2DEG,
           r->face.el_max_rad * BMD_RAD2DEG, r->face.boresight_el_rad * BMD_RAD2DEG);
    printf("    refraction          effective Earth radius factor k = %.4g\n", r->face.k_refr);
    printf(
        "  mode\n    track dwell         %10.3f s, SNR required %.1f dB, Pfa %.0e, Swerling %d\n",
        r->mode.t_dwell_s, db10(r->mode.snr_req), r->mode.pfa, r->mode.swerling);
    if (r->mode.t_frame_s > 0)
        printf("    search              frame %.2f s over %.3f sr\n", r->mode.t_frame_s,
               r->mode.omega_sr);
    if (r->mode.instr_range_m > 0)
        printf("    instrumented range  %10.0f km\n", r->mode.instr_range_m / 1e3);
    if (bmd_radar_track_range(r, 0.01, &R1) == BMD_OK &&
        bmd_radar_track_range(r, 0.1, &R2) == BMD_OK)
        printf("\n  track range (free space, boresight): %.0f km against 0.01 m2, %.0f km against "
               "0.1 m2\n",
               R1 / 1e3, R2 / 1e3);
    printf("\n  sources\n");
    for (int k = 0; k < e->n_sources; k++)
        printf("    %-12s %s\n", e->source[k].group, e->source[k].text);
    if (e->notes[0]) printf("\n  notes: %s\n", e->notes);
}

static cJSON *radar_json(const bmd_radar_entry *e)
{
    const bmd_radar *r = &e->radar;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", r->name);
    cJSON_AddStringToObject(o, "label", r->label);
    cJSON_AddStringToObject(o, "mode", r->mode.name);
    cJSON_AddNumberToObject(o, "frequency_hz", r->hw.freq_hz);
    cJSON_AddNumberToObject(o, "power_avg_w", r->hw.p_avg_w);
    cJSON_AddNumberToObject(o, "aperture_m2", r->hw.area_m2);
    cJSON_AddNumberToObject(o, "efficiency", r->hw.efficiency);
    cJSON_AddNumberToObject(o, "noise_temp_k", r->hw.t_sys_k);
    cJSON_AddNumberToObject(o, "loss_db", db10(r->hw.loss));
    cJSON_AddNumberToObject(o, "dwell_s", r->mode.t_dwell_s);
    cJSON_AddNumberToObject(o, "snr_required_db", db10(r->mode.snr_req));
    cJSON_AddNumberToObject(o, "half_width_deg", r->face.half_az_rad * BMD_RAD2DEG);
    if (r->mode.instr_range_m > 0)
        cJSON_AddNumberToObject(o, "instrumented_range_m", r->mode.instr_range_m);
    if (e->claim_range_m > 0) cJSON_AddNumberToObject(o, "claim_range_m", e->claim_range_m);
    cJSON *src = cJSON_AddObjectToObject(o, "sources");
    for (int k = 0; k < e->n_sources; k++)
        cJSON_AddStringToObject(src, e->source[k].group, e->source[k].text);
    return o;
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
    int wn = 4, wl = 5;
    for (size_t i = 0; i < sl->n; i++)
        wn = widen(wn, sl->items[i].name), wl = widen(wl, sl->items[i].label);
    printf("sites (%zu)\n  %-*s %-*s %10s %11s %8s\n", sl->n, wn, "name", wl, "label", "lat deg",
           "lon deg", "alt m");
    for (size_t i = 0; i < sl->n; i++) {
        const bmd_site *s = &sl->items[i];
        printf("  %-*s %-*s %10.4f %11.4f %8.0f\n", wn, s->name, wl, s->label,
               s->lat_rad * 57.29577951308232, s->lon_rad * 57.29577951308232, s->alt_m);
    }
}

static int print_json(cJSON *o)
{
    cli_print_json(o);
    return 0;
}

/* A missile or a radar by name; the suggestion covers both lists. */
static int show_named(struct cli_env *env, const char *name, int json)
{
    const bmd_missile *m;
    const bmd_radar_entry *re;
    bmd_errbuf e = {{0}};
    if (cli_missile(env, NULL, &m) || cli_radars(env)) return 2;
    if (bmd_missile_find(&env->missiles, name, &m, NULL) == BMD_OK) {
        if (json)
            print_json(missile_json(m));
        else
            show_missile(m);
        return 0;
    }
    if (bmd_radar_catalog_find(&env->radars, name, &re, &e) == BMD_OK) {
        if (json)
            print_json(radar_json(re));
        else
            show_radar(re);
        return 0;
    }
    size_t n = env->missiles.n + (size_t)env->radars.n, k = 0;
    const char **names = malloc((n ? n : 1) * sizeof *names);
    if (names == NULL) return cli_fail("catalog", "out of memory");
    for (size_t i = 0; i < env->missiles.n; i++)
        names[k++] = env->missiles.items[i].name;
    for (int i = 0; i < env->radars.n; i++)
        names[k++] = env->radars.entry[i].radar.name;
    const char *s = bmd_suggest(name, names, k);
    int rc = s ? cli_bad("catalog", "unknown system '%s' (did you mean '%s'?)", name, s)
               : cli_bad("catalog", "unknown system '%s' (see 'bmdsim catalog')", name);
    free(names);
    return rc;
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
                cJSON_AddNumberToObject(o, "lat_deg",
                                        env.sites.items[i].lat_rad * 57.29577951308232);
                cJSON_AddNumberToObject(o, "lon_deg",
                                        env.sites.items[i].lon_rad * 57.29577951308232);
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
        if (!rc) rc = cli_radars(&env);
        if (!rc && json) {
            cJSON *o = cJSON_CreateObject();
            cJSON *arr = cJSON_AddArrayToObject(o, "missiles");
            for (size_t i = 0; i < env.missiles.n; i++)
                cJSON_AddItemToArray(arr, missile_json(&env.missiles.items[i]));
            arr = cJSON_AddArrayToObject(o, "radars");
            for (int i = 0; i < env.radars.n; i++)
                cJSON_AddItemToArray(arr, radar_json(&env.radars.entry[i]));
            print_json(o);
        } else if (!rc) {
            list_missiles(&env.missiles);
            list_radars(&env.radars);
            printf("\n'bmdsim catalog NAME' shows every parameter with its source.\n");
        }
    } else {
        rc = show_named(&env, a.positional[0], json);
    }
    cli_env_free(&env);
    return rc;
}
