/* plot_visibility.c: the map and profile of `bmdsim visibility --plot`
 * (bmd/plot_engage.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/map.h"
#include "bmd/plot_engage.h"

/* 1 where sample k of the track lies in a visible arc (malloc'd). */
static unsigned char *visible_flags(const bmd_vis_track *t)
{
    const bmd_visibility *v = t->vis;
    int na = v->n_arcs < BMD_VIS_MAX_ARCS ? v->n_arcs : BMD_VIS_MAX_ARCS;
    unsigned char *hl = calloc(t->n ? t->n : 1, 1);
    for (size_t k = 0; hl && k < t->n; k++)
        for (int j = 0; j < na; j++)
            if (t->t_s[k] >= v->arcs[j].t_first_s && t->t_s[k] <= v->arcs[j].t_last_s) hl[k] = 1;
    return hl;
}

/* Series i and its launch and aim places (each point named once, however
 * many tracks share it). */
static int track_series(const bmd_vis_view *v, size_t i, bmd_plot_series *s, bmd_plot_place *pl,
                        char (*disp)[48])
{
    const bmd_vis_track *t = &v->track[i];
    s->label = v->n_tracks <= 6 ? t->name : NULL, s->role = BMD_PLOT_THREAT, s->n = t->n;
    s->t_s = t->t_s, s->alt_m = t->alt_m, s->lat_rad = t->lat_rad, s->lon_rad = t->lon_rad;
    s->highlight = visible_flags(t);
    int seen_from = 0, seen_to = 0;
    for (size_t j = 0; j < i; j++) {
        seen_from |= strcmp(v->track[j].from, t->from) == 0;
        seen_to |= strcmp(v->track[j].to, t->to) == 0;
    }
    pl[0] =
        (bmd_plot_place){seen_from ? NULL : bmd_plot_display_name(t->from, disp[0], sizeof disp[0]),
                         BMD_PLOT_PLACE_LAUNCH, t->lat_rad[0], t->lon_rad[0]};
    pl[1] = (bmd_plot_place){seen_to ? NULL : bmd_plot_display_name(t->to, disp[1], sizeof disp[0]),
                             BMD_PLOT_PLACE_CITY, t->lat_rad[t->n - 1], t->lon_rad[t->n - 1]};
    return s->highlight == NULL ? BMD_ENOMEM : BMD_OK;
}

/* The map and the profile, with the series, places and fan given. */
static int draw(const char *map_path, const char *profile_path, int format, const bmd_map *map,
                const char *data_dir, const bmd_vis_view *v, const bmd_plot_series *s,
                const bmd_plot_place *pl, const bmd_plot_fan *fan, bmd_errbuf *err)
{
    const bmd_radar_face *f = &v->radar->face;
    char title[256], sub[256];
    snprintf(title, sizeof title, "Visibility to %s", v->radar->label);
    snprintf(sub, sizeof sub,
             "target RCS %.4g m2; boresight %.0f deg +-%.0f deg; %s Earth; sampled every %g s",
             v->rcs_m2, f->boresight_az_rad * BMD_RAD2DEG, f->half_az_rad * BMD_RAD2DEG,
             v->earth_name, v->dt_s);
    bmd_plot_cities cities;
    bmd_plot_cities_load(data_dir, &cities);
    bmd_plot_opts o;
    bmd_plot_opts_init(&o);
    o.format = (bmd_plot_format)format, o.title = title, o.subtitle = sub, o.path = map_path;
    bmd_plot_map_layers l;
    bmd_plot_map_layers_init(&l);
    l.basemap = map, l.tracks = s, l.n_tracks = v->n_tracks;
    l.highlight_label = "visible to the radar";
    l.places = pl, l.n_places = 2 * v->n_tracks + 1, l.fans = fan, l.n_fans = fan->range_m > 0;
    l.context = cities.place, l.n_context = cities.n;
    int st = bmd_plot_map(&o, &l, err);
    bmd_plot_cities_free(&cities);
    o.path = profile_path;
    if (st == BMD_OK) st = bmd_plot_profile(&o, s, v->n_tracks, NULL, 0, NULL, err);
    return st;
}

int bmd_plot_visibility(const char *map_path, const char *profile_path, int format,
                        const bmd_map *map, const char *data_dir, const bmd_vis_view *v,
                        bmd_errbuf *err)
{
    size_t n = v->n_tracks;
    bmd_plot_series *s = calloc(n ? n : 1, sizeof *s);
    bmd_plot_place *pl = calloc(2 * n + 1, sizeof *pl);
    char(*disp)[48] = calloc(2 * n + 2, sizeof *disp);
    int st = s && pl && disp ? BMD_OK : BMD_ENOMEM;
    for (size_t i = 0; st == BMD_OK && i < n; i++)
        st = track_series(v, i, &s[i], &pl[2 * i], &disp[2 * i]);
    const bmd_radar_face *f = &v->radar->face;
    double range = bmd_vis_fan_range(v->radar, v->rcs_m2);
    char fan_lab[64];
    snprintf(fan_lab, sizeof fan_lab, "field of regard, %.0f km", range / 1e3);
    bmd_plot_fan fan = {fan_lab,        f->lat_rad, f->lon_rad, f->boresight_az_rad,
                        f->half_az_rad, range,      0};
    if (st == BMD_OK) {
        pl[2 * n] =
            (bmd_plot_place){bmd_plot_short_label(v->radar->label, disp[2 * n], sizeof disp[0]),
                             BMD_PLOT_PLACE_RADAR, f->lat_rad, f->lon_rad};
        st = draw(map_path, profile_path, format, map, data_dir, v, s, pl, &fan, err);
    } else {
        st = bmd_err_set(err, BMD_ENOMEM, "out of memory");
    }
    for (size_t i = 0; s && i < n; i++)
        free((void *)s[i].highlight);
    free(s);
    free(pl);
    free(disp);
    return st;
}
