/* footprint_files.c: a footprint's raster (CSV) and polygons (GeoJSON with
 * what decided the map) (bmd/export.h). */
#include <math.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "bmd/const.h"
#include "bmd/export.h"

/* ",v" in fmt, or "," alone for NaN (no value). */
static int put_num(const bmd_sink *s, double v, const char *fmt)
{
    if (isnan(v)) return bmd_sink_printf(s, ",");
    return bmd_sink_printf(s, fmt, v);
}

int bmd_fp_raster_write(const bmd_sink *s, const char *header, const bmd_fp_grid *g,
                        const bmd_fp_cell *cells)
{
    int st = bmd_sink_printf(s,
                             "%srow,col,lat_deg,lon_deg,state,defended,n_reach,cue_s,"
                             "intercept_alt_m,intercept_t_s,margin_s\n",
                             header ? header : "");
    size_t n = bmd_fp_grid_cells(g), cols = (size_t)g->n_cols;
    for (size_t k = 0; k < n && st == BMD_OK; k++) {
        const bmd_fp_cell *c = &cells[k];
        double la, lo;
        bmd_fp_grid_centre(g, k, &la, &lo);
        st = bmd_sink_printf(s, "%zu,%zu,%.6f,%.6f,%s,%d,%d", k / cols, k % cols, la * BMD_RAD2DEG,
                             lo * BMD_RAD2DEG, bmd_fp_state_name(c->state),
                             c->state == BMD_FP_DEFENDED, c->n_reach);
        if (st == BMD_OK) st = put_num(s, c->cue_s, ",%.3f");
        if (st == BMD_OK) st = put_num(s, c->intercept_alt_m, ",%.1f");
        if (st == BMD_OK) st = put_num(s, c->intercept_t_s, ",%.3f");
        if (st == BMD_OK) st = put_num(s, c->margin_s, ",%.3f");
        if (st == BMD_OK) st = bmd_sink_printf(s, "\n");
    }
    return st;
}

/* The GeoJSON properties: battery, threat, radar, fire control, checks. */
static cJSON *fp_properties(const bmd_fp_summary *sum)
{
    const bmd_fp_setup *f = sum->setup;
    const bmd_fp_config *c = &f->cfg;
    cJSON *pj = cJSON_CreateObject();
    cJSON_AddStringToObject(pj, "kind",
                            c->map == BMD_FP_AIM ? "defended footprint" : "denied launch area");
    cJSON_AddStringToObject(pj, "battery", f->ic.name);
    cJSON_AddStringToObject(pj, "site", f->battery_name);
    cJSON_AddStringToObject(pj, "threat", c->threat == BMD_FP_MISSILE ? f->missile.name : "vacuum");
    cJSON_AddStringToObject(pj, "launch", f->launch_name);
    cJSON_AddStringToObject(pj, "shape", sum->shape_name);
    cJSON_AddStringToObject(pj, "doctrine", bmd_fp_doctrine_name(c->doctrine));
    if (c->radar != NULL) {
        cJSON_AddStringToObject(pj, "radar", f->radar.name);
        cJSON_AddNumberToObject(pj, "boresight_deg", f->radar.face.boresight_az_rad * BMD_RAD2DEG);
    } else {
        cJSON_AddNullToObject(pj, "radar");
    }
    cJSON_AddNumberToObject(pj, "rcs_m2", c->rcs_m2);
    cJSON_AddNumberToObject(pj, "reaction_s", c->reaction_s);
    cJSON_AddNumberToObject(pj, "resolution_m", f->grid.res_m);
    cJSON_AddNumberToObject(pj, "area_km2", round(sum->area_km2 * 10.0) / 10.0);
    cJSON *cj = cJSON_AddObjectToObject(pj, "checks");
    for (size_t i = 0; i < sum->n_checks; i++)
        cJSON_AddStringToObject(cj, sum->check_name[i], bmd_fp_state_name(sum->check[i].state));
    return pj;
}

int bmd_fp_geojson_write(const bmd_sink *s, const bmd_fp_summary *sum, const char *provenance,
                         const bmd_fp_polys *poly, bmd_errbuf *err)
{
    cJSON *pj = fp_properties(sum);
    cJSON *pv = provenance ? cJSON_Parse(provenance) : NULL;
    if (provenance && pv == NULL) {
        cJSON_Delete(pj);
        return bmd_err_set(err, BMD_EINVAL, "provenance: not a JSON text");
    }
    if (pv) cJSON_AddItemToObject(pj, "provenance", pv);
    char *props = cJSON_PrintUnformatted(pj);
    cJSON_Delete(pj);
    if (props == NULL) return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    const bmd_fp_setup *f = sum->setup;
    int st =
        bmd_geojson_polygons(s, poly->lat_rad, poly->lon_rad, poly->rings, poly->n_rings, props,
                             f->battery_name, f->cfg.bat_lat_rad, f->cfg.bat_lon_rad, NULL);
    free(props);
    return st != BMD_OK ? bmd_err_set(err, st, "GeoJSON: %s", bmd_strerror(st)) : BMD_OK;
}
