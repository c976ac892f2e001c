/* visibility_scene.c: the globe scene of `bmdsim visibility -o DIR`
 * (bmd/export.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/export.h"

/* What the scene points to, allocated for n tracks. */
struct vis_scene {
    bmd_scene_path *paths;
    bmd_scene_arc *arcs;  /* [n][BMD_VIS_MAX_ARCS] */
    bmd_scene_point *pts; /* 3 per track and the radar */
    char (*pt_name)[200]; /* the points' names */
    size_t n_pts;
};

static void add_point(struct vis_scene *x, const bmd_vis_track *t, size_t k, int kind,
                      const char *what)
{
    char *nm = x->pt_name[x->n_pts];
    snprintf(nm, sizeof x->pt_name[0], "%s: %s", t->name, what);
    bmd_scene_point *p = &x->pts[x->n_pts++];
    memset(p, 0, sizeof *p);
    p->name = nm, p->kind = kind, p->t_s = t->t_s[k];
    p->lat_rad = t->lat_rad[k], p->lon_rad = t->lon_rad[k], p->alt_m = t->alt_m[k];
}

/* Track i's path, arcs and events. */
static void add_track(struct vis_scene *x, const bmd_vis_track *t, size_t i)
{
    const bmd_visibility *v = t->vis;
    bmd_scene_path *sp = &x->paths[i];
    bmd_scene_arc *arcs = x->arcs + i * BMD_VIS_MAX_ARCS;
    memset(sp, 0, sizeof *sp);
    sp->name = t->name, sp->kind = BMD_SCENE_THREAT, sp->n = t->n;
    sp->t_s = t->t_s, sp->lat_rad = t->lat_rad, sp->lon_rad = t->lon_rad, sp->alt_m = t->alt_m;
    int na = v->n_arcs < BMD_VIS_MAX_ARCS ? v->n_arcs : BMD_VIS_MAX_ARCS;
    for (int k = 0; k < na; k++)
        arcs[k].t_start_s = v->arcs[k].t_first_s, arcs[k].t_end_s = v->arcs[k].t_last_s;
    sp->arcs = arcs, sp->n_arcs = (size_t)na, sp->arc_label = "visible to the radar";
    add_point(x, t, 0, BMD_SCENE_LAUNCH, "launch");
    if (v->visible) {
        size_t k = 0;
        while (k + 1 < t->n && t->t_s[k] < v->first_detect_time_s)
            k++;
        add_point(x, t, k, BMD_SCENE_DETECT, "first detection");
    }
    add_point(x, t, t->n - 1, BMD_SCENE_IMPACT, "impact");
}

int bmd_vis_scene_write(const bmd_sink *kml, const bmd_sink *czml, const bmd_vis_view *v,
                        const char *const *meta_keys, const char *const *meta_values, size_t n_meta,
                        bmd_errbuf *err)
{
    size_t n = v->n_tracks;
    struct vis_scene x = {
        calloc(n + 1, sizeof *x.paths), calloc((n + 1) * BMD_VIS_MAX_ARCS, sizeof *x.arcs),
        calloc(3 * n + 1, sizeof *x.pts), calloc(3 * n + 1, sizeof *x.pt_name), 0};
    int st = x.paths && x.arcs && x.pts && x.pt_name
                 ? BMD_OK
                 : bmd_err_set(err, BMD_ENOMEM, "out of memory");
    for (size_t i = 0; st == BMD_OK && i < n; i++)
        add_track(&x, &v->track[i], i);
    const bmd_radar *r = v->radar;
    const bmd_radar_face *f = &r->face;
    bmd_scene_fan fan = {.name = "field of regard", .description = r->label};
    fan.lat_rad = f->lat_rad, fan.lon_rad = f->lon_rad, fan.alt_m = f->h_m;
    fan.boresight_rad = f->boresight_az_rad, fan.half_width_rad = f->half_az_rad;
    fan.range_m = bmd_vis_fan_range(r, v->rcs_m2);
    if (st == BMD_OK) {
        bmd_scene_point *site = &x.pts[x.n_pts];
        site->name = r->name, site->description = r->label;
        site->kind = BMD_SCENE_SITE, site->t_s = NAN;
        site->lat_rad = f->lat_rad, site->lon_rad = f->lon_rad, site->alt_m = f->h_m;
        bmd_scene sc;
        bmd_scene_init(&sc);
        sc.name = "bmdsim visibility";
        sc.meta_keys = meta_keys, sc.meta_values = meta_values, sc.n_meta = n_meta;
        sc.description = "Launch at the epoch; highlighted arcs: visible to the radar.";
        sc.paths = x.paths, sc.n_paths = n;
        sc.points = x.pts, sc.n_points = x.n_pts + 1;
        sc.fans = &fan, sc.n_fans = fan.range_m > 0 ? 1 : 0;
        st = bmd_kml_write(kml, &sc, err);
        if (st == BMD_OK) st = bmd_czml_write(czml, &sc, err);
    }
    free(x.paths);
    free(x.arcs);
    free(x.pts);
    free(x.pt_name);
    return st;
}
