/* footprint_outputs.c: the map figure and KML file of `bmdsim
 * footprint` (see footprint_outputs.h). */
#include "footprint_outputs.h"

#include "provenance.h"

#include "figures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/catalog.h"
#include "bmd/map.h"
#include "bmd/plot.h"
#include "bmd/export.h"

int cli_footprint_plot(const char *path, int format, const char *data_dir, const cli_fp_picture *p,
                       bmd_errbuf *err)
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
    const char *bat = cli_display_name(p->battery, disp[0], sizeof disp[0]);
    const char *launch = cli_display_name(p->launch_label, disp[1], sizeof disp[1]);
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
        pl[n++] = (bmd_plot_place){cli_display_name(p->check_name[i], disp[2 + i], sizeof disp[0]),
                                   p->check_defended[i] ? BMD_PLOT_PLACE_DEFENDED
                                                        : BMD_PLOT_PLACE_UNDEFENDED,
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
    cli_map_cities cities;
    cli_map_cities_load(data_dir, &cities);
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
    cli_map_cities_free(&cities);
    bmd_map_free(&map);
    free(areas);
    free(pl);
    free(disp);
    return st;
}

int cli_footprint_kml(const char *dir, const char *stem, const cli_fp_picture *p, bmd_errbuf *err)
{
    size_t np = p->n_launch + p->n_checks + 1;
    bmd_scene_point *pts = calloc(np, sizeof *pts);
    if (pts == NULL) return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    size_t n = 0;
    pts[n++] = (bmd_scene_point){p->battery,     "battery", BMD_SCENE_SITE, NAN, p->bat_lat_rad,
                                 p->bat_lon_rad, 0.0};
    for (size_t i = 0; i < p->n_launch; i++)
        pts[n++] = (bmd_scene_point){p->launch_label,
                                     p->denied ? "defended site" : "launch point",
                                     BMD_SCENE_SITE,
                                     NAN,
                                     p->launch_lat_rad[i],
                                     p->launch_lon_rad[i],
                                     0.0};
    for (size_t i = 0; i < p->n_checks; i++)
        pts[n++] = (bmd_scene_point){p->check_name[i],
                                     p->check_defended[i] ? "defended" : "not defended",
                                     BMD_SCENE_SITE,
                                     NAN,
                                     p->check_lat_rad[i],
                                     p->check_lon_rad[i],
                                     0.0};
    bmd_scene_polygon poly = {p->denied ? "denied launch area" : "defended footprint",
                              p->subtitle,
                              BMD_SCENE_FOOTPRINT,
                              p->lat_rad,
                              p->lon_rad,
                              p->rings,
                              p->n_rings};
    bmd_scene_fan fan = {p->radar, "radar field of regard", p->radar_lat_rad,  p->radar_lon_rad,
                         0.0,      p->boresight_rad,        p->half_width_rad, p->radar_range_m};
    bmd_scene sc;
    bmd_scene_init(&sc);
    sc.name = p->title;
    sc.points = pts;
    sc.n_points = n;
    sc.polygons = &poly;
    sc.n_polygons = p->n_rings > 0 ? 1 : 0;
    if (p->radar != NULL && p->radar_range_m > 0.0) {
        sc.fans = &fan;
        sc.n_fans = 1;
    }
    struct cli_prov_meta meta;
    cli_prov_scene(&meta, &sc);
    int st = bmd_scene_write_dir(dir, stem, &sc, BMD_SCENE_KML, err);
    free(pts);
    return st;
}
