/*
 * metric_fp.c: the footprint and visibility metrics of the registry
 * (bmd/metric.h): defended_area_km2, defended:SITE and seen_s, on the
 * set-up `bmdsim footprint SCENARIO` and `bmdsim visibility` use.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/footprint.h"
#include "bmd/footprint_setup.h"
#include "bmd/land.h"
#include "bmd/visibility.h"
#include "uq_internal.h"

int bmd__metric_is_fp(int kind)
{
    return kind == BMD_MET_DEFENDED_AREA || kind == BMD_MET_DEFENDED || kind == BMD_MET_SEEN ||
           kind == BMD_MET_DEFENDED_FRACTION || kind == BMD_MET_DEFENDED_POPULATION;
}

/* The defended area (km^2) of the cells of a finished footprint. */
static double defended_km2(const bmd_fp_setup *f, const bmd_fp_cell *cells)
{
    size_t n = bmd_fp_grid_cells(&f->grid);
    double a = 0.0;
    for (size_t k = 0; k < n; k++)
        if (cells[k].state == BMD_FP_DEFENDED)
            a += bmd_fp_grid_row_area(&f->grid, &f->earth, (int)(k / (size_t)f->grid.n_cols));
    return a / 1e6;
}

/* defended_fraction:CODE (0 when the country has no cell in the region)
 * and defended_population. */
static int land_value(const bmd_fp_setup *f, const bmd_fp_cell *cells, const bmd_metric *m,
                      double *value, bmd_errbuf *err)
{
    bmd_land_tally *t = NULL;
    size_t nt = 0;
    double pr = 0.0, pd = 0.0;
    int st = bmd_land_footprint(m->land, &f->grid, &f->earth, cells, &t, &nt, NULL, &pr, &pd, err);
    if (st) return st;
    *value = m->kind == BMD_MET_DEFENDED_POPULATION ? pd : 0.0;
    for (size_t i = 0; m->kind == BMD_MET_DEFENDED_FRACTION && i < nt; i++)
        if (t[i].country == m->country)
            *value = t[i].defended_km2 / m->land->country[m->country].area_km2;
    free(t);
    return BMD_OK;
}

static int eval_footprint(const bmd_scenario *s, const bmd_metric *m, size_t n, double *value,
                          bmd_errbuf *err)
{
    double res = 0.0;
    int need_cells = 0;
    for (size_t i = 0; i < n; i++)
        if (bmd__metric_is_fp(m[i].kind) && m[i].kind != BMD_MET_SEEN) {
            double r = m[i].res_m > 0.0 ? m[i].res_m : BMD_METRIC_FP_RES_M;
            if (res == 0.0 || r < res) res = r;
            need_cells |= m[i].kind != BMD_MET_DEFENDED;
            if (bmd_metric_needs_land(&m[i]) && m[i].land == NULL)
                return bmd_err_set(err, BMD_EINVAL,
                                   "metric '%s': no land data (bmd_metric_set_land)", m[i].name);
        }
    if (res == 0.0) return BMD_OK;
    bmd_fp_setup *f = calloc(1, sizeof *f);
    if (f == NULL) return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    bmd_footprint *fp = NULL;
    bmd_fp_cell *cells = NULL;
    /* the set-up of `bmdsim footprint SCENARIO` at res cells */
    int st = bmd_fp_setup_default(f, s, res, err);
    f->cfg.threads = 1; /* callers parallelise over scenarios */
    if (st == BMD_OK) st = bmd_footprint_create(&f->cfg, &f->grid, &fp, err);
    size_t nc = bmd_fp_grid_cells(&f->grid);
    if (st == BMD_OK && need_cells && (cells = malloc(nc * sizeof *cells)) == NULL)
        st = bmd_err_set(err, BMD_ENOMEM, "out of memory");
    if (st == BMD_OK && need_cells) st = bmd_footprint_run(fp, 0, nc, cells, NULL, err);
    for (size_t i = 0; st == BMD_OK && i < n; i++) {
        if (m[i].kind == BMD_MET_DEFENDED_AREA) value[i] = defended_km2(f, cells);
        if (bmd_metric_needs_land(&m[i])) st = land_value(f, cells, &m[i], &value[i], err);
        if (m[i].kind != BMD_MET_DEFENDED) continue;
        bmd_fp_cell c;
        st = bmd_footprint_point(fp, m[i].lat_rad, m[i].lon_rad, &c, err);
        value[i] = c.state == BMD_FP_DEFENDED ? 1.0 : 0.0;
    }
    free(cells);
    bmd_footprint_free(fp);
    free(f);
    return st;
}

/* seen_s: the threat flown as `bmdsim visibility` flies it (targeted with
 * its shape, sampled every 1 s) against the cueing radar. */
static int eval_seen(const bmd_scenario *s, int threat, double *value, bmd_errbuf *err)
{
    const bmd_scn_radar *r = bmd_fp_cue_radar(s);
    if (r == NULL) return bmd_err_set(err, BMD_EINVAL, "metric seen_s: the scenario has no radar");
    const bmd_scn_threat *t = &s->threat[threat];
    bmd_earth e;
    bmd_atmo atmo;
    int st = bmd_fp_scenario_earth(s, &e, &atmo, err);
    if (st) return st;
    bmd_radar_site site;
    st = bmd_radar_validate(&r->radar, err);
    if (st == BMD_OK) st = bmd_radar_setup(&site, &r->radar, &e, err);
    if (st) return st;
    bmd_traj_config tc;
    bmd_traj_config_init(&tc, &e, atmo.kind == BMD_ATMO_NONE ? NULL : &atmo);
    bmd_traj_solution *sol = malloc(sizeof *sol);
    bmd_visibility *vis = malloc(sizeof *vis);
    if (sol == NULL || vis == NULL) st = bmd_err_set(err, BMD_ENOMEM, "out of memory");
    if (st == BMD_OK)
        st =
            bmd_traj_target(&tc, &t->missile, t->launch.lat_rad, t->launch.lon_rad, t->launch.alt_m,
                            t->aim.lat_rad, t->aim.lon_rad, &t->shape, 0.0, sol, err);
    double rcs = 0.0;
    const bmd_rcs_table *tab = t->rcs.n > 1 ? &t->rcs : NULL;
    if (st == BMD_OK && tab == NULL && bmd_rcs_eval(&t->rcs, 0.0, &rcs) != BMD_OK)
        st = bmd_err_set(err, BMD_EINVAL, "metric: threat %s: bad RCS", t->name);
    if (st == BMD_OK)
        st = bmd_visibility_fly(&site, &tc, &t->missile, &sol->launch, tab, rcs, 1.0, vis, NULL,
                                err);
    if (st == BMD_OK) *value = vis->track_duration_s;
    free(sol);
    free(vis);
    return st;
}

int bmd__metric_fp_eval(const bmd_scenario *s, const bmd_metric *m, size_t n, double *value,
                        bmd_errbuf *err)
{
    int st = eval_footprint(s, m, n, value, err);
    for (size_t i = 0; st == BMD_OK && i < n; i++)
        if (m[i].kind == BMD_MET_SEEN) st = eval_seen(s, m[i].index, &value[i], err);
    return st;
}
