/* engage_scene.c: an engagement as a globe scene, DIR/STEM.kml and
 * DIR/STEM.czml (bmd/export.h): threat trajectories with their tracked
 * arcs, interceptors, timeline events, sites and radar fans. */
#include "bmd/export.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/interceptor.h"
#include "bmd/radar.h"

static int scene_point_kind(int kind)
{
    switch (kind) {
    case BMD_EV_THREAT_LAUNCH:
    case BMD_EV_IC_LAUNCH:
        return BMD_SCENE_LAUNCH;
    case BMD_EV_FIRST_DETECTION:
    case BMD_EV_FIRM_TRACK:
    case BMD_EV_HANDOVER:
        return BMD_SCENE_DETECT;
    case BMD_EV_INTERCEPT:
    case BMD_EV_MISS:
        return BMD_SCENE_INTERCEPT;
    case BMD_EV_IMPACT:
        return BMD_SCENE_IMPACT;
    default:
        return BMD_SCENE_EVENT;
    }
}

/* Position of threat k at t from its truth columns (linear). */
static void threat_at(const bmd_eng_truth_cols *c, size_t k, double t, double *lat, double *lon,
                      double *alt)
{
    size_t a = c->first[k], m = c->count[k];
    *lat = *lon = *alt = 0.0;
    if (m == 0) return;
    size_t i = a;
    while (i + 1 < a + m && c->t[i + 1] < t)
        i++;
    if (i + 1 >= a + m || t <= c->t[i]) {
        size_t j = t <= c->t[a] ? a : a + m - 1;
        *lat = c->lat[j], *lon = c->lon[j], *alt = c->alt[j];
        return;
    }
    double f = (t - c->t[i]) / (c->t[i + 1] - c->t[i]);
    *lat = c->lat[i] + f * (c->lat[i + 1] - c->lat[i]);
    *lon = c->lon[i] + f * (c->lon[i + 1] - c->lon[i]);
    *alt = c->alt[i] + f * (c->alt[i + 1] - c->alt[i]);
}

int bmd_engage_scene_write(const char *dir, const char *stem, const bmd_engage_plan *plan,
                           const bmd_engage_result *r, const char *const *meta_keys,
                           const char *const *meta_values, size_t n_meta, bmd_errbuf *err)
{
    const bmd_scenario *s = bmd_engage_plan_scenario(plan);
    bmd_eng_truth_cols c;
    int st = bmd_eng_truth_cols_load(&c, plan, r, err);
    if (st != BMD_OK) return st;
    size_t nk = r->n_threats, nsh = r->n_shots, nev = r->n_events;
    size_t npt = nev + s->n_radars + s->n_batteries;
    bmd_scene_path *paths = calloc(nk + nsh + 1, sizeof *paths);
    bmd_scene_arc *arcs = calloc(nk + 1, sizeof *arcs);
    bmd_eng_ic_cols ic;
    st = bmd_eng_ic_cols_load(&ic, plan, r, err);
    if (st != BMD_OK) {
        free(paths);
        free(arcs);
        bmd_eng_truth_cols_free(&c);
        return st;
    }
    bmd_scene_point *pts = calloc(npt + 1, sizeof *pts);
    char(*names)[96] = calloc(npt + nsh + 1, sizeof *names);
    bmd_scene_fan *fans = calloc(s->n_radars + 1, sizeof *fans);
    if (!paths || !arcs || !pts || !names || !fans) {
        st = bmd_err_set(err, BMD_ENOMEM, "out of memory");
        goto out;
    }
    size_t np = 0, nn = 0;
    for (size_t k = 0; k < nk; k++) {
        if (c.count[k] < 2) continue;
        bmd_scene_path *p = &paths[np++];
        size_t a = c.first[k], m = c.count[k];
        p->name = s->threat[k].name;
        p->kind = BMD_SCENE_THREAT;
        p->n = m;
        p->t_s = c.t + a;
        p->lat_rad = c.lat + a;
        p->lon_rad = c.lon + a;
        p->alt_m = c.alt + a;
        double t0 = r->threat[k].firm_track_time_s, t1 = r->threat[k].intercept_time_s >= 0.0
                                                             ? r->threat[k].intercept_time_s
                                                             : c.t[a + m - 1]; /* arc end */
        if (t0 >= 0.0 && t0 <= t1) {
            arcs[k].t_start_s = t0 < c.t[a] ? c.t[a] : t0;
            arcs[k].t_end_s = t1 > c.t[a + m - 1] ? c.t[a + m - 1] : t1;
            if (arcs[k].t_start_s <= arcs[k].t_end_s) {
                p->n_arcs = 1;
                p->arcs = &arcs[k];
                p->arc_label = "in firm track";
            }
        }
    }
    for (size_t i = 0; i < nsh; i++) {
        if (ic.count[i] < 2) continue; /* the flown path, launch to closest approach */
        const bmd_scn_battery *b = &s->battery[r->shot[i].battery];
        snprintf(names[nn], sizeof names[0], "interceptor %zu (%.40s)", i + 1, b->name);
        bmd_scene_path *p = &paths[np++];
        size_t a = ic.first[i];
        p->name = names[nn++];
        p->kind = BMD_SCENE_INTERCEPTOR;
        p->n = ic.count[i];
        p->t_s = ic.t + a;
        p->lat_rad = ic.lat + a;
        p->lon_rad = ic.lon + a;
        p->alt_m = ic.alt + a;
    }
    size_t nq = 0;
    for (size_t i = 0; i < nev; i++) {
        const bmd_eng_event *e = &r->event[i];
        bmd_scene_point *p = &pts[nq++];
        snprintf(names[nn], sizeof names[0], "%s %.60s", bmd_eng_event_label(r, e),
                 e->threat >= 0 ? s->threat[e->threat].name : "");
        p->name = names[nn++];
        p->kind = scene_point_kind(e->kind);
        p->t_s = e->t_s;
        if (e->kind == BMD_EV_IC_LAUNCH && e->battery >= 0) {
            const bmd_scn_battery *b = &s->battery[e->battery];
            p->lat_rad = b->site.lat_rad, p->lon_rad = b->site.lon_rad, p->alt_m = b->site.alt_m;
        } else if ((e->kind == BMD_EV_INTERCEPT || e->kind == BMD_EV_MISS) && e->shot >= 0) {
            const bmd_eng_shot *sh = &r->shot[e->shot];
            p->lat_rad = sh->lat_ca_rad, p->lon_rad = sh->lon_ca_rad, p->alt_m = sh->alt_ca_m;
        } else if (e->threat >= 0) {
            threat_at(&c, (size_t)e->threat, e->t_s, &p->lat_rad, &p->lon_rad, &p->alt_m);
        }
    }
    size_t nf = 0;
    for (size_t i = 0; i < s->n_radars; i++) {
        const bmd_radar *rd = &s->radar[i].radar;
        bmd_scene_point *p = &pts[nq++];
        p->name = s->radar[i].name;
        p->kind = BMD_SCENE_SITE;
        p->t_s = NAN;
        p->lat_rad = rd->face.lat_rad, p->lon_rad = rd->face.lon_rad, p->alt_m = rd->face.h_m;
        double rcs = 0.01, range = 0.0;
        if (s->n_threats > 0) bmd_rcs_eval(&s->threat[0].rcs, BMD_PI / 2.0, &rcs);
        if (bmd_radar_track_range(rd, rcs, &range) != BMD_OK) continue;
        if (rd->mode.instr_range_m > 0.0 && rd->mode.instr_range_m < range)
            range = rd->mode.instr_range_m;
        bmd_scene_fan *f = &fans[nf++];
        f->name = s->radar[i].name;
        f->description = "field of regard to the detection range of the threat's RCS "
                         "(or the instrumented range)";
        f->lat_rad = rd->face.lat_rad, f->lon_rad = rd->face.lon_rad, f->alt_m = rd->face.h_m;
        f->boresight_rad = rd->face.boresight_az_rad;
        f->half_width_rad = rd->face.half_az_rad;
        f->range_m = range;
    }
    for (size_t i = 0; i < s->n_batteries; i++) {
        bmd_scene_point *p = &pts[nq++];
        p->name = s->battery[i].name;
        p->kind = BMD_SCENE_SITE;
        p->t_s = NAN;
        p->lat_rad = s->battery[i].site.lat_rad;
        p->lon_rad = s->battery[i].site.lon_rad;
        p->alt_m = s->battery[i].site.alt_m;
    }
    bmd_scene sc;
    bmd_scene_init(&sc);
    sc.name = s->name;
    sc.paths = paths;
    sc.n_paths = np;
    sc.points = pts;
    sc.n_points = nq;
    sc.fans = fans;
    sc.n_fans = nf;
    sc.meta_keys = meta_keys;
    sc.meta_values = meta_values;
    sc.n_meta = n_meta;
    st = bmd_scene_write_dir(dir, stem, &sc, BMD_SCENE_KML | BMD_SCENE_CZML, err);
out:
    free(paths);
    free(arcs);
    bmd_eng_ic_cols_free(&ic);
    free(pts);
    free(names);
    free(fans);
    bmd_eng_truth_cols_free(&c);
    return st;
}
