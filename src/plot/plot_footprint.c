/* plot_footprint.c: the map of a defended footprint or denied launch area
 * (bmd/plot_engage.h). */
#include "bmd/plot_engage.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/catalog.h"
#include "bmd/const.h"
#include "bmd/map.h"

int bmd_plot_footprint_map(const char *path, int format, const char *data_dir,
                           const bmd_fp_picture *p, bmd_errbuf *err)
{
    size_t np = p->n_launch + p->n_checks + 2;
    bmd_plot_area *areas = calloc(p->n_rings + 2, sizeof *areas);
    bmd_plot_place *pl = calloc(np, sizeof *pl);
    char(*disp)[48] = calloc(p->n_checks + 2, sizeof *disp);
    if (!areas || !pl || !disp) {
        free(areas);
        free(pl);
        free(disp);
        return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    }
    /* display names: "north-hwanghae" -> "North Hwanghae" */
    const char *bat = bmd_plot_display_name(p->battery, disp[0], sizeof disp[0]);
    const char *launch = bmd_plot_display_name(p->launch_label, disp[1], sizeof disp[1]);
    size_t na = 0, n = 0;
    for (size_t i = 0; i < p->n_rings; i++) {
        const bmd_coverage_ring *g = &p->rings[i];
        if (g->n < 4) continue;
        bmd_plot_area *a = &areas[na++];
        a->label = (na == 1) ? (p->denied ? "denied launch area" : "defended footprint") : NULL;
        a->style = g->hole ? BMD_PLOT_AREA_HOLE : BMD_PLOT_AREA_FOOTPRINT;
        a->n = g->n;
        a->lat_rad = p->lat_rad + g->first;
        a->lon_rad = p->lon_rad + g->first;
    }
    /* the region computed, so that footprint edges along it read as the
       region's edges, not physics (40 points a side: straight on the map) */
    double rlat[160], rlon[160];
    if (p->region[2] > p->region[0] && p->region[3] > p->region[1]) {
        for (int k = 0; k < 160; k++) {
            double u = (k % 40) / 40.0;
            int side = k / 40;
            rlat[k] = side == 0   ? p->region[0]
                      : side == 1 ? p->region[0] + u * (p->region[2] - p->region[0])
                      : side == 2 ? p->region[2]
                                  : p->region[2] - u * (p->region[2] - p->region[0]);
            rlon[k] = side == 0   ? p->region[1] + u * (p->region[3] - p->region[1])
                      : side == 1 ? p->region[3]
                      : side == 2 ? p->region[3] - u * (p->region[3] - p->region[1])
                                  : p->region[1];
        }
        areas[na++] = (bmd_plot_area){"region computed", BMD_PLOT_AREA_REGION, 160, rlat, rlon};
    }
    pl[n++] = (bmd_plot_place){bat, BMD_PLOT_PLACE_BATTERY, p->bat_lat_rad, p->bat_lon_rad};
    for (size_t i = 0; i < p->n_launch; i++)
        pl[n++] = (bmd_plot_place){i == 0 ? launch : NULL,
                                   p->denied ? BMD_PLOT_PLACE_DEFENDED : BMD_PLOT_PLACE_LAUNCH,
                                   p->launch_lat_rad[i], p->launch_lon_rad[i]};
    for (size_t i = 0; i < p->n_checks; i++)
        pl[n++] = (bmd_plot_place){
            bmd_plot_display_name(p->check_name[i], disp[2 + i], sizeof disp[0]),
            p->check_defended[i] ? BMD_PLOT_PLACE_DEFENDED : BMD_PLOT_PLACE_UNDEFENDED,
            p->check_lat_rad[i], p->check_lon_rad[i]};
    bmd_plot_fan fan = {p->radar_label ? p->radar_label : p->radar,
                        p->radar_lat_rad,
                        p->radar_lon_rad,
                        p->boresight_rad,
                        p->half_width_rad,
                        p->radar_range_m,
                        0.0};
    bmd_map map = {0};
    char mpath[4096];
    int st = bmd_data_path(mpath, sizeof mpath, data_dir, BMD_MAP_FILE);
    if (st != BMD_OK) st = bmd_err_set(err, st, "map data path too long");
    if (st == BMD_OK) st = bmd_map_load(mpath, &map, err); /* BMD_EIO names the file */
    if (st != BMD_OK) {
        bmd_map_free(&map);
        free(areas);
        free(pl);
        free(disp);
        return st;
    }
    bmd_plot_map_layers L;
    bmd_plot_map_layers_init(&L);
    L.basemap = &map;
    L.areas = areas;
    L.n_areas = na;
    L.places = pl;
    L.n_places = n;
    bmd_plot_cities cities;
    bmd_plot_cities_load(data_dir, &cities);
    L.context = cities.place;
    L.n_context = cities.n;
    if (p->radar != NULL && p->radar_range_m > 0.0) {
        L.fans = &fan;
        L.n_fans = 1;
    }
    bmd_plot_opts o;
    bmd_plot_opts_init(&o);
    o.path = path;
    o.format = (bmd_plot_format)format;
    o.title = p->title;
    o.subtitle = p->subtitle;
    st = bmd_plot_map(&o, &L, err);
    bmd_plot_cities_free(&cities);
    bmd_map_free(&map);
    free(areas);
    free(pl);
    free(disp);
    return st;
}

/* The title and subtitle of a footprint picture. */
static void fp_words(bmd_fp_picture_buf *b, const bmd_fp_summary *sum)
{
    const bmd_fp_setup *f = sum->setup;
    const bmd_fp_config *c = &f->cfg;
    char ic_name[64], bat_name[64], launch[64], cue[96];
    bmd_plot_short_label(f->ic.label[0] ? f->ic.label : f->ic.name, ic_name, sizeof ic_name);
    bmd_plot_display_name(f->battery_name, bat_name, sizeof bat_name);
    bmd_plot_display_name(f->launch_name, launch, sizeof launch);
    bmd_plot_short_label(f->radar.label[0] ? f->radar.label : f->radar.name, b->radar_label,
                         sizeof b->radar_label);
    snprintf(b->title, sizeof b->title, "%s of %.40s at %.40s",
             c->map != BMD_FP_AIM ? "Denied launch area" : "Defended footprint", ic_name, bat_name);
    if (c->radar != NULL)
        snprintf(cue, sizeof cue, "cue %.40s (RCS %.3g m2)", b->radar_label, c->rcs_m2);
    else
        snprintf(cue, sizeof cue, "cue at threat launch (no radar)");
    snprintf(b->subtitle, sizeof b->subtitle,
             "%.40s from %.40s, %.16s; doctrine: %s; %s, %.0f s reaction; %.0f km2 at "
             "%.0f km cells",
             c->threat == BMD_FP_MISSILE ? f->missile.label : "vacuum free flight", launch,
             sum->shape_name,
             c->doctrine == BMD_FP_SHOOT ? "shoot (one interceptor)" : "shoot-look-shoot", cue,
             c->reaction_s, sum->area_km2, f->grid.res_m / 1e3);
}

/* The radar's fan: out to the track range on the threat's RCS, capped by
 * the instrumented range. */
static void fp_fan(bmd_fp_picture *p, const bmd_fp_setup *f, const char *label)
{
    const bmd_radar *r = &f->radar;
    double range = 0.0;
    if (f->cfg.radar == NULL || bmd_radar_track_range(r, f->cfg.rcs_m2, &range) != BMD_OK) return;
    if (r->mode.instr_range_m > 0.0 && r->mode.instr_range_m < range) range = r->mode.instr_range_m;
    p->radar = r->name;
    p->radar_label = label;
    p->radar_lat_rad = r->face.lat_rad, p->radar_lon_rad = r->face.lon_rad;
    p->boresight_rad = r->face.boresight_az_rad;
    p->half_width_rad = r->face.half_az_rad;
    p->radar_range_m = range;
}

int bmd_plot_fp_picture(bmd_fp_picture_buf *b, const bmd_fp_summary *sum, const bmd_fp_polys *poly)
{
    const bmd_fp_setup *f = sum->setup;
    const bmd_fp_grid *g = &f->grid;
    memset(b, 0, sizeof *b);
    if (sum->n_checks > BMD_FP_PICTURE_MAX_CHECKS) return BMD_EINVAL;
    fp_words(b, sum);
    bmd_fp_picture *p = &b->pic;
    p->region[0] = g->lat0_rad;
    p->region[1] = g->lon0_rad;
    p->region[2] = g->lat0_rad + g->n_rows * g->dlat_rad;
    p->region[3] = g->lon0_rad + g->n_cols * g->dlon_rad;
    p->title = b->title;
    p->subtitle = b->subtitle;
    p->denied = f->cfg.map != BMD_FP_AIM;
    p->lat_rad = poly->lat_rad, p->lon_rad = poly->lon_rad;
    p->rings = poly->rings, p->n_rings = poly->n_rings;
    p->battery = f->battery_name;
    p->bat_lat_rad = f->cfg.bat_lat_rad, p->bat_lon_rad = f->cfg.bat_lon_rad;
    fp_fan(p, f, b->radar_label);
    p->n_launch = f->n_points;
    p->launch_lat_rad = f->pt_lat_rad, p->launch_lon_rad = f->pt_lon_rad;
    p->launch_label = f->launch_name;
    for (size_t i = 0; i < sum->n_checks; i++)
        b->check_defended[i] = sum->check[i].state == BMD_FP_DEFENDED;
    p->n_checks = sum->n_checks;
    p->check_name = sum->check_name;
    p->check_lat_rad = sum->check_lat_rad, p->check_lon_rad = sum->check_lon_rad;
    p->check_defended = b->check_defended;
    return BMD_OK;
}
