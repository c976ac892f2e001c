/* footprint_scene.c: a defended footprint or denied launch area as a globe
 * scene, DIR/STEM.kml (bmd/export.h). */
#include "bmd/export.h"

#include <math.h>
#include <stdlib.h>

int bmd_fp_scene_write(const char *dir, const char *stem, const bmd_fp_picture *p,
                       const char *const *meta_keys, const char *const *meta_values, size_t n_meta,
                       bmd_errbuf *err)
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
    sc.meta_keys = meta_keys;
    sc.meta_values = meta_values;
    sc.n_meta = n_meta;
    int st = bmd_scene_write_dir(dir, stem, &sc, BMD_SCENE_KML, err);
    free(pts);
    return st;
}
