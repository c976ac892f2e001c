/* plot_footprint.c: the map of a defended footprint or denied launch area
 * (bmd/plot_engage.h). */
#include "bmd/plot_engage.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/catalog.h"
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
    int have_map = bmd_data_path(mpath, sizeof mpath, data_dir, BMD_MAP_FILE) == BMD_OK &&
                   bmd_map_load(mpath, &map, NULL) == BMD_OK;
    bmd_plot_map_layers L;
    bmd_plot_map_layers_init(&L);
    L.basemap = have_map ? &map : NULL;
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
    int st = bmd_plot_map(&o, &L, err);
    bmd_plot_cities_free(&cities);
    bmd_map_free(&map);
    free(areas);
    free(pl);
    free(disp);
    return st;
}
