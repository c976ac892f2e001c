/* fp_print.c: what `bmdsim footprint` prints (fp_print.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "bmd/const.h"
#include "bmd/metric.h"
#include "common.h"
#include "fp_print.h"

#define CMD "footprint"

static const char *threat_name(const bmd_fp_setup *f)
{
    return f->cfg.threat == BMD_FP_MISSILE ? f->missile.name : "vacuum";
}

/* ---- what is defended: land per country, population ------------------------------ */

void fp_land_free(struct fp_land *l)
{
    free(l->tally);
    free(l->place_in);
    bmd_land_free(&l->land);
}

/* The defended land per country and population of a footprint (bmd/land.h;
 * not for a denied launch area). */
int fp_land_compute(const char *data_dir, const bmd_fp_setup *f, const bmd_fp_cell *cells,
                    struct fp_land *l)
{
    char cp[4096], pp[4096];
    bmd_errbuf e = {{0}};
    if (bmd_data_path(cp, sizeof cp, data_dir, BMD_LAND_COUNTRIES_FILE) != BMD_OK ||
        bmd_data_path(pp, sizeof pp, data_dir, BMD_LAND_PLACES_FILE) != BMD_OK)
        return cli_bad(CMD, "data directory path too long");
    int st = bmd_land_load(cp, pp, &l->land, &e);
    if (st == BMD_OK &&
        (l->place_in = malloc((l->land.n_places + 1) * sizeof *l->place_in)) == NULL)
        st = bmd_err_set(&e, BMD_ENOMEM, "out of memory");
    if (st == BMD_OK)
        st = bmd_land_footprint(&l->land, &f->grid, &f->earth, cells, &l->tally, &l->n_tally,
                                l->place_in, &l->pop_region, &l->pop_defended, &e);
    if (st != BMD_OK) return cli_fail(CMD, "land and population: %s", e.msg);
    for (size_t i = 0; i < l->land.n_places; i++)
        l->places_in_region += l->place_in[i] >= 0;
    return 0;
}

static void land_json(cJSON *o, const struct fp_land *l)
{
    cJSON *land = cJSON_AddObjectToObject(o, "land");
    for (size_t i = 0; i < l->n_tally; i++) {
        const bmd_land_tally *t = &l->tally[i];
        const bmd_land_country *c = &l->land.country[t->country];
        cJSON *x = cJSON_AddObjectToObject(land, c->code);
        cJSON_AddStringToObject(x, "name", c->name);
        cJSON_AddNumberToObject(x, "area_km2", c->area_km2);
        cJSON_AddNumberToObject(x, "region_km2", t->region_km2);
        cJSON_AddNumberToObject(x, "defended_km2", t->defended_km2);
        cJSON_AddNumberToObject(x, "fraction", t->defended_km2 / c->area_km2);
    }
    cJSON *pop = cJSON_AddObjectToObject(o, "population");
    cJSON_AddNumberToObject(pop, "defended", l->pop_defended);
    cJSON_AddNumberToObject(pop, "total_in_region", l->pop_region);
    cJSON_AddStringToObject(pop, "source",
                            "GeoNames places of at least 15000 people (data/map/places.txt)");
    cJSON *pl = cJSON_AddArrayToObject(pop, "places");
    for (size_t i = 0; i < l->land.n_places; i++) {
        if (l->place_in[i] < 0) continue;
        const bmd_land_place *p = &l->land.place[i];
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "name", p->name);
        cJSON_AddStringToObject(x, "country", p->code);
        cJSON_AddNumberToObject(x, "pop", p->pop);
        cJSON_AddBoolToObject(x, "defended", l->place_in[i] == 1);
        cJSON_AddItemToArray(pl, x);
    }
}

/* Up to four countries with the most defended land, then the population. */
static void land_print(const struct fp_land *l)
{
    size_t order[4], n = 0;
    for (size_t k = 0; k < 4; k++) {
        size_t best = (size_t)-1;
        for (size_t i = 0; i < l->n_tally; i++) {
            int used = 0;
            for (size_t j = 0; j < n; j++)
                used |= order[j] == i;
            if (!used && l->tally[i].defended_km2 > 0.0 &&
                (best == (size_t)-1 || l->tally[i].defended_km2 > l->tally[best].defended_km2))
                best = i;
        }
        if (best != (size_t)-1) order[n++] = best;
    }
    for (size_t j = 0; j < n; j++) {
        const bmd_land_tally *t = &l->tally[order[j]];
        const bmd_land_country *c = &l->land.country[t->country];
        printf("  %-11s %s: %.0f of %.0f km2 defended (%.0f %%)\n", j ? "" : "land", c->name,
               t->defended_km2, c->area_km2, 100.0 * t->defended_km2 / c->area_km2);
    }
    printf("  population  %.2f of %.2f million in the %zu listed places of the region "
           "(GeoNames, >= 15,000 people each)\n",
           l->pop_defended / 1e6, l->pop_region / 1e6, l->places_in_region);
}

/* ---- verdict spread over the scenario's uncertain: block -------------------------- */

/* Options that change the footprint's set-up away from the scenario's: the
 * spread samples the scenario itself, so they cannot be combined. */
int fp_spread_check(const struct cli_args *a)
{
    static const char *const allowed[] = {
        "check",  "resolution",  "samples", "seed",        "threads", "chunk", "resume",
        "output", "no-progress", "plot",    "plot-format", "json",    "data",  "quiet"};
    if (!cli_has(a, "samples")) {
        if (cli_has(a, "seed")) return cli_bad(CMD, "--seed: give --samples too");
        return 0;
    }
    if (a->n_positional == 0)
        return cli_bad(CMD, "--samples: give a SCENARIO file with an uncertain: block");
    if (!cli_has(a, "check")) return cli_bad(CMD, "--samples: give --check SITES");
    long n = 0;
    if (cli_count(a, "samples", 1, 1000000, &n) || cli_count(a, "seed", 0, 2147483647L, &n))
        return 2;
    for (size_t i = 0; i < a->n_opts; i++) {
        if (!a->given[i]) continue;
        int ok = 0;
        for (size_t j = 0; j < sizeof allowed / sizeof allowed[0]; j++)
            ok |= strcmp(a->opts[i].name, allowed[j]) == 0;
        if (!ok)
            return cli_bad(CMD,
                           "--samples with --%s: the spread samples the scenario's own set-up; "
                           "put the value in the scenario file",
                           a->opts[i].name);
    }
    return 0;
}

/* defended:SITE for every --check site over --samples samples. */
int fp_spread_compute(const struct cli_args *a, const bmd_fp_summary *sum, struct fp_spread *sp)
{
    long samples = 0, seed = 1;
    if (cli_count(a, "samples", 1, 1000000, &samples) ||
        cli_count(a, "seed", 0, 2147483647L, &seed))
        return 2;
    int rc = uq_scn_load(a, &sp->u);
    sp->on = 1;
    sp->seed = (uint64_t)seed;
    bmd_errbuf e = {{0}};
    for (size_t i = 0; rc == 0 && i < sum->n_checks; i++) {
        char name[64];
        snprintf(name, sizeof name, "defended:%s", sum->check_name[i]);
        if (bmd_metric_parse_env(&sp->u.s, &sp->u.senv, name, &sp->u.metric[i], &e))
            rc = cli_bad(CMD, "--check: %s", e.msg);
        sp->u.metric[i].res_m = sum->setup->grid.res_m;
        sp->names[i] = sum->check_name[i];
    }
    sp->u.n_metrics = (size_t)sum->n_checks;
    if (rc == 0) rc = uq_spread(a, &sp->u, samples, sp->seed, sum->setup->cfg.threads, sp->res);
    return rc;
}

static void spread_print(const struct fp_spread *sp)
{
    printf("  verdicts over the scenario's uncertain: block (%zu parameters, Latin hypercube, "
           "seed %llu; 95 %% Wilson interval):\n",
           sp->u.space.n, (unsigned long long)sp->seed);
    uq_spread_print(&sp->u, sp->res, sp->names, "defended in", 14);
}

void fp_print_human(const bmd_fp_summary *sum, const struct fp_stats *st,
                    const struct fp_land *land, const struct fp_spread *sp)
{
    const bmd_fp_setup *f = sum->setup;
    size_t n = st->cells;
    printf("%s of a %s battery at %s against %s from %s (%s, %s)\n",
           f->cfg.map == BMD_FP_AIM ? "Defended footprint" : "Denied launch area", f->ic.name,
           f->battery_name, threat_name(f), f->launch_name, sum->shape_name,
           bmd_fp_doctrine_name(f->cfg.doctrine));
    printf("  region %.3f..%.3f N, %.3f..%.3f E, %d x %d cells of %.1f km\n",
           f->grid.lat0_rad * BMD_RAD2DEG,
           (f->grid.lat0_rad + f->grid.n_rows * f->grid.dlat_rad) * BMD_RAD2DEG,
           f->grid.lon0_rad * BMD_RAD2DEG,
           (f->grid.lon0_rad + f->grid.n_cols * f->grid.dlon_rad) * BMD_RAD2DEG, f->grid.n_rows,
           f->grid.n_cols, f->grid.res_m / 1e3);
    printf("  defended    %zu of %zu cells, %.0f km2\n", st->defended, n, sum->area_km2);
    printf("  unreached   %zu cells (beyond the threat's reach)\n", st->unreached);
    if (land) land_print(land);
    printf("  time        %.2f s (%.0f cells/s, %d rank(s))\n", st->secs, (double)n / st->secs,
           st->ranks);
    for (size_t i = 0; i < sum->n_checks; i++) {
        const bmd_fp_cell *c = &sum->check[i];
        if (c->state == BMD_FP_DEFENDED)
            printf("  %-14s defended, earliest intercept at %.1f km\n", sum->check_name[i],
                   c->intercept_alt_m / 1e3);
        else
            printf("  %-14s %s\n", sum->check_name[i],
                   c->state == BMD_FP_UNREACHED ? "out of the threat's reach" : "NOT defended");
    }
    if (sp && sp->on) spread_print(sp);
}

void fp_spread_free(struct fp_spread *sp)
{
    if (sp->on) uq_scn_free(&sp->u);
}

/* ---- the summary ------------------------------------------------------------------- */

static cJSON *checks_json(const bmd_fp_summary *sum)
{
    cJSON *ch = cJSON_CreateObject();
    for (size_t i = 0; i < sum->n_checks; i++) {
        const bmd_fp_cell *c = &sum->check[i];
        cJSON *x = cJSON_CreateObject();
        cJSON_AddBoolToObject(x, "defended", c->state == BMD_FP_DEFENDED);
        cJSON_AddStringToObject(x, "state", bmd_fp_state_name(c->state));
        if (isnan(c->intercept_alt_m))
            cJSON_AddNullToObject(x, "intercept_alt_m");
        else
            cJSON_AddNumberToObject(x, "intercept_alt_m", c->intercept_alt_m);
        if (isnan(c->cue_s))
            cJSON_AddNullToObject(x, "cue_s");
        else
            cJSON_AddNumberToObject(x, "cue_s", c->cue_s);
        cJSON_AddItemToObject(ch, sum->check_name[i], x);
    }
    return ch;
}

void fp_print_json(const bmd_fp_summary *sum, const struct fp_stats *st, const struct fp_land *land,
                   const struct fp_spread *sp)
{
    const bmd_fp_setup *f = sum->setup;
    const bmd_fp_config *c = &f->cfg;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "map", c->map == BMD_FP_AIM ? "footprint" : "denied");
    cJSON_AddStringToObject(o, "battery", f->ic.name);
    cJSON_AddStringToObject(o, "site", f->battery_name);
    cJSON_AddStringToObject(o, "threat", threat_name(f));
    cJSON_AddStringToObject(o, "launch", f->launch_name);
    cJSON_AddNumberToObject(o, "launch_points", (double)f->n_points);
    cJSON_AddStringToObject(o, "shape", sum->shape_name);
    cJSON_AddStringToObject(o, "doctrine", bmd_fp_doctrine_name(c->doctrine));
    cJSON_AddStringToObject(o, "method", c->method == BMD_FP_FAST ? "fast" : "direct");
    cJSON_AddStringToObject(o, "tolerance", c->accurate ? "accurate" : "analysis");
    cJSON_AddNumberToObject(o, "resolution_m", f->grid.res_m);
    cJSON_AddNumberToObject(o, "rows", f->grid.n_rows);
    cJSON_AddNumberToObject(o, "cols", f->grid.n_cols);
    cJSON_AddNumberToObject(o, "cells", (double)st->cells);
    cJSON_AddNumberToObject(o, "defended_cells", (double)st->defended);
    cJSON_AddNumberToObject(o, "unreached_cells", (double)st->unreached);
    cJSON_AddNumberToObject(o, "defended_area_km2", sum->area_km2);
    cJSON_AddItemToObject(o, "checks", checks_json(sum));
    if (land) land_json(o, land);
    if (sp && sp->on)
        cJSON_AddItemToObject(o, "verdict_spread",
                              uq_spread_json(&sp->u, sp->res, sp->names, sp->seed));
    cJSON_AddNumberToObject(o, "ranks", st->ranks);
    cJSON_AddNumberToObject(o, "threads", c->threads);
    cJSON_AddNumberToObject(o, "seconds", st->secs);
    cJSON_AddNumberToObject(o, "cells_per_s", (double)st->cells / st->secs);
    cJSON_AddNumberToObject(o, "family_nodes", (double)st->nodes);
    cJSON_AddNumberToObject(o, "direct_cells", (double)st->direct);
    cli_print_json(o);
}
