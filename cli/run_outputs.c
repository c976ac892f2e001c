/* run_outputs.c: the picture and globe files of an engagement (`bmdsim run
 * -o DIR`, `bmdsim report`): the engagement timeline figure (PLplot) and
 * run.kml / run.czml (Google Earth, Cesium). */
#include "run_outputs.h"

#include "provenance.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/interceptor.h"
#include "bmd/plot.h"
#include "bmd/radar.h"
#include "bmd/export.h"

/* Truth rows of every threat, split per threat. */
typedef struct truth_cols {
    size_t n;
    bmd_eng_truth_row *rows;
    double *t, *lat, *lon, *alt;
    unsigned char *hl;
    size_t *first, *count; /* per threat */
} truth_cols;

static void cols_free(truth_cols *c)
{
    free(c->rows);
    free(c->t);
    free(c->lat);
    free(c->lon);
    free(c->alt);
    free(c->hl);
    free(c->first);
    free(c->count);
    memset(c, 0, sizeof *c);
}

/* End of the tracked arc of threat k: intercept, else its last sample. */
static double arc_end(const bmd_engage_result *r, size_t k, double t_last)
{
    const bmd_eng_threat *t = &r->threat[k];
    return t->intercept_time_s >= 0.0 ? t->intercept_time_s : t_last;
}

/* The kill time of threat k, or -1 when it was not killed. */
static double kill_time(const bmd_engage_result *r, int k)
{
    if (k < 0 || (size_t)k >= r->n_threats) return -1.0;
    const bmd_eng_threat *t = &r->threat[k];
    return t->outcome == BMD_ENG_INTERCEPTED && t->intercept_time_s >= 0.0 ? t->intercept_time_s
                                                                          : -1.0;
}

int cli_engage_truth(const bmd_engage_plan *plan, const bmd_engage_result *r,
                     bmd_eng_truth_row **rows, size_t *n, bmd_errbuf *err)
{
    bmd_eng_truth_row *in = NULL;
    size_t m = 0;
    *rows = NULL, *n = 0;
    int st = bmd_engage_truth(plan, 1.0, &in, &m, err);
    if (st != BMD_OK) return st;
    bmd_eng_truth_row *o = malloc((m + r->n_threats + 1) * sizeof *o);
    if (o == NULL) {
        free(in);
        return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    }
    size_t k = 0;
    for (size_t i = 0; i < m; i++) {
        double tk = kill_time(r, in[i].threat);
        if (tk < 0.0 || in[i].t_s <= tk) {
            o[k++] = in[i];
            continue;
        }
        /* the first row after the kill: end on the kill instead */
        if (k > 0 && o[k - 1].threat == in[i].threat && o[k - 1].t_s < tk) {
            const bmd_eng_truth_row *a = &o[k - 1], *b = &in[i];
            double f = (tk - a->t_s) / (b->t_s - a->t_s);
            bmd_eng_truth_row x = *a;
            x.t_s = tk;
            x.lat_rad = a->lat_rad + f * (b->lat_rad - a->lat_rad);
            x.lon_rad = a->lon_rad + f * (b->lon_rad - a->lon_rad);
            x.alt_m = a->alt_m + f * (b->alt_m - a->alt_m);
            x.speed_mps = a->speed_mps + f * (b->speed_mps - a->speed_mps);
            o[k++] = x;
        }
    }
    free(in);
    *rows = o, *n = k;
    return BMD_OK;
}

static int cols_load(truth_cols *c, const bmd_engage_plan *plan, const bmd_engage_result *r,
                     bmd_errbuf *err)
{
    memset(c, 0, sizeof *c);
    int st = cli_engage_truth(plan, r, &c->rows, &c->n, err);
    if (st != BMD_OK) return st;
    size_t nk = r->n_threats, n = c->n;
    c->t = malloc((n + 1) * sizeof *c->t);
    c->lat = malloc((n + 1) * sizeof *c->lat);
    c->lon = malloc((n + 1) * sizeof *c->lon);
    c->alt = malloc((n + 1) * sizeof *c->alt);
    c->hl = malloc(n + 1);
    c->first = calloc(nk + 1, sizeof *c->first);
    c->count = calloc(nk + 1, sizeof *c->count);
    if (!c->t || !c->lat || !c->lon || !c->alt || !c->hl || !c->first || !c->count) {
        cols_free(c);
        return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        const bmd_eng_truth_row *w = &c->rows[i];
        size_t k = (size_t)w->threat;
        if (c->count[k] == 0) c->first[k] = i;
        c->count[k]++;
        c->t[i] = w->t_s;
        c->lat[i] = w->lat_rad;
        c->lon[i] = w->lon_rad;
        c->alt[i] = w->alt_m;
    }
    for (size_t k = 0; k < nk; k++) {
        double t0 = r->threat[k].firm_track_time_s;
        size_t a = c->first[k], m = c->count[k];
        double t1 = m ? arc_end(r, k, c->t[a + m - 1]) : 0.0;
        for (size_t i = a; i < a + m; i++)
            c->hl[i] = t0 >= 0.0 && c->t[i] >= t0 && c->t[i] <= t1;
    }
    return BMD_OK;
}

/* The interceptors' flown paths (bmd_engage_interceptor_paths, 1 s), as
 * columns, shot by shot. */
typedef struct ic_cols {
    size_t n;
    double *t, *lat, *lon, *alt;
    size_t *first, *count; /* per shot */
} ic_cols;

static void ic_free(ic_cols *c)
{
    free(c->t);
    free(c->lat);
    free(c->lon);
    free(c->alt);
    free(c->first);
    free(c->count);
    memset(c, 0, sizeof *c);
}

static int ic_load(ic_cols *c, const bmd_engage_plan *plan, const bmd_engage_result *r,
                   bmd_errbuf *err)
{
    memset(c, 0, sizeof *c);
    bmd_eng_ic_row *rows = NULL;
    size_t n = 0;
    int st = bmd_engage_interceptor_paths(plan, r, 1.0, &rows, &n, err);
    if (st != BMD_OK) return st;
    c->n = n;
    c->t = malloc((n + 1) * sizeof *c->t);
    c->lat = malloc((n + 1) * sizeof *c->lat);
    c->lon = malloc((n + 1) * sizeof *c->lon);
    c->alt = malloc((n + 1) * sizeof *c->alt);
    c->first = calloc(r->n_shots + 1, sizeof *c->first);
    c->count = calloc(r->n_shots + 1, sizeof *c->count);
    if (!c->t || !c->lat || !c->lon || !c->alt || !c->first || !c->count) {
        free(rows);
        ic_free(c);
        return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        size_t k = (size_t)rows[i].shot;
        if (c->count[k] == 0) c->first[k] = i;
        c->count[k]++;
        c->t[i] = rows[i].t_s, c->lat[i] = rows[i].lat_rad;
        c->lon[i] = rows[i].lon_rad, c->alt[i] = rows[i].alt_m;
    }
    free(rows);
    return BMD_OK;
}

static int plot_event(int kind)
{
    switch (kind) {
    case BMD_EV_THREAT_LAUNCH:
        return BMD_PLOT_EV_LAUNCH;
    case BMD_EV_BURNOUT:
        return BMD_PLOT_EV_BURNOUT;
    case BMD_EV_APOGEE:
        return BMD_PLOT_EV_APOGEE;
    case BMD_EV_FIRST_DETECTION:
        return BMD_PLOT_EV_DETECT;
    case BMD_EV_FIRM_TRACK:
        return BMD_PLOT_EV_TRACK;
    case BMD_EV_IC_LAUNCH:
        return BMD_PLOT_EV_INTERCEPTOR;
    case BMD_EV_INTERCEPT:
        return BMD_PLOT_EV_INTERCEPT;
    case BMD_EV_MISS:
        return BMD_PLOT_EV_MISS;
    case BMD_EV_IMPACT:
        return BMD_PLOT_EV_IMPACT;
    default:
        return -1;
    }
}

int cli_engage_timeline_plot(const char *path, int format, const bmd_engage_plan *plan,
                             const bmd_engage_result *r, bmd_errbuf *err)
{
    const bmd_scenario *s = bmd_engage_plan_scenario(plan);
    truth_cols c;
    int st = cols_load(&c, plan, r, err);
    if (st != BMD_OK) return st;
    size_t nk = r->n_threats, nsh = r->n_shots;
    bmd_plot_series *ser = calloc(nk + nsh, sizeof *ser);
    ic_cols ic;
    int ist = ic_load(&ic, plan, r, err);
    bmd_plot_marker *mk = calloc(r->n_events + 1, sizeof *mk);
    if (ist != BMD_OK) {
        st = ist;
        goto out;
    }
    if (!ser || !mk) {
        st = bmd_err_set(err, BMD_ENOMEM, "out of memory");
        goto out;
    }
    size_t ns = 0, nm = 0;
    for (size_t k = 0; k < nk; k++) {
        if (c.count[k] < 2) continue;
        bmd_plot_series *p = &ser[ns++];
        p->label = s->threat[k].name;
        p->role = BMD_PLOT_THREAT;
        p->n = c.count[k];
        /* an intercepted threat is drawn up to the intercept */
        double ti = r->threat[k].intercept_time_s;
        if (ti >= 0.0)
            while (p->n > 2 && c.t[c.first[k] + p->n - 2] >= ti)
                p->n--;
        p->t_s = c.t + c.first[k];
        p->alt_m = c.alt + c.first[k];
        p->lat_rad = c.lat + c.first[k];
        p->lon_rad = c.lon + c.first[k];
        p->highlight = c.hl + c.first[k];
    }
    for (size_t i = 0; i < nsh; i++) {
        if (ic.count[i] < 2) continue;
        bmd_plot_series *p = &ser[ns++];
        p->label = i == 0 ? "interceptors (flown paths)" : NULL;
        p->role = BMD_PLOT_INTERCEPTOR;
        p->n = ic.count[i];
        p->t_s = ic.t + ic.first[i];
        p->alt_m = ic.alt + ic.first[i];
        p->lat_rad = ic.lat + ic.first[i];
        p->lon_rad = ic.lon + ic.first[i];
    }
    for (size_t i = 0; i < r->n_events; i++) {
        const bmd_eng_event *e = &r->event[i];
        int pk = plot_event(e->kind);
        if (pk < 0) continue;
        bmd_plot_marker *m = &mk[nm++];
        m->event = (bmd_plot_event)pk;
        m->t_s = e->t_s;
        m->range_m = NAN;
        m->alt_m = e->kind == BMD_EV_IC_LAUNCH ? s->battery[e->battery].site.alt_m : e->alt_m;
    }
    if (ns == 0) {
        st = bmd_err_set(err, BMD_EINVAL, "no trajectory to plot");
        goto out;
    }
    bmd_plot_opts o;
    bmd_plot_opts_init(&o);
    o.path = path;
    o.format = (bmd_plot_format)format;
    char title[200], sub[300];
    snprintf(title, sizeof title, "%.150s: engagement timeline", s->name);
    snprintf(sub, sizeof sub,
             "altitude of threats (thick: in firm track) and interceptors; %zu threat(s), %d "
             "interceptor(s) fired, %d leaker(s)",
             nk, r->interceptors_fired, r->leakers);
    o.title = title;
    o.subtitle = sub;
    bmd_plot_band band = {0.0, 0.0, NULL};
    const bmd_plot_band *bp = NULL;
    if (s->n_batteries > 0) {
        band.alt_min_m = s->battery[0].interceptor.min_alt_m;
        band.alt_max_m = s->battery[0].interceptor.max_alt_m;
        band.label = "interceptor altitude band";
        bp = &band;
    }
    st = bmd_plot_timeline(&o, ser, ns, mk, nm, bp, err);
out:
    free(ser);
    ic_free(&ic);
    free(mk);
    cols_free(&c);
    return st;
}

static int scene_point_kind(int kind)
{
    switch (kind) {
    case BMD_EV_THREAT_LAUNCH:
    case BMD_EV_IC_LAUNCH:
        return BMD_SCENE_LAUNCH;
    case BMD_EV_FIRST_DETECTION:
    case BMD_EV_FIRM_TRACK:
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
static void threat_at(const truth_cols *c, size_t k, double t, double *lat, double *lon,
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

int cli_engage_scene(const char *dir, const char *stem, const bmd_engage_plan *plan,
                     const bmd_engage_result *r, bmd_errbuf *err)
{
    const bmd_scenario *s = bmd_engage_plan_scenario(plan);
    truth_cols c;
    int st = cols_load(&c, plan, r, err);
    if (st != BMD_OK) return st;
    size_t nk = r->n_threats, nsh = r->n_shots, nev = r->n_events;
    size_t npt = nev + s->n_radars + s->n_batteries;
    bmd_scene_path *paths = calloc(nk + nsh + 1, sizeof *paths);
    bmd_scene_arc *arcs = calloc(nk + 1, sizeof *arcs);
    ic_cols ic;
    st = ic_load(&ic, plan, r, err);
    if (st != BMD_OK) {
        free(paths);
        free(arcs);
        cols_free(&c);
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
        double t0 = r->threat[k].firm_track_time_s, t1 = arc_end(r, k, c.t[a + m - 1]);
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
    struct cli_prov_meta meta;
    cli_prov_scene(&meta, &sc);
    st = bmd_scene_write_dir(dir, stem, &sc, BMD_SCENE_KML | BMD_SCENE_CZML, err);
out:
    free(paths);
    free(arcs);
    ic_free(&ic);
    free(pts);
    free(names);
    free(fans);
    cols_free(&c);
    return st;
}

