/* writers_scene.c: the scene shared by the KML and CZML writers
 * (bmd/export.h): defaults, validation, colours, path slices, fans. */
#include "writers_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/geo.h"

void bmd_scene_init(bmd_scene *sc)
{
    memset(sc, 0, sizeof *sc);
}

unsigned long bmd__path_rgba(const bmd_scene_path *p)
{
    static const unsigned long dflt[3] = {0xe03c31ffUL, 0x1f77b4ffUL, 0x808080ffUL};
    if (p->rgba) return p->rgba & 0xffffffffUL;
    return p->kind >= 0 && p->kind <= 2 ? dflt[p->kind] : dflt[0];
}

unsigned long bmd__polygon_rgba(int kind, int outline)
{
    if (kind == BMD_SCENE_FOOTPRINT) return outline ? 0x1f77b4ffUL : 0x1f77b466UL;
    return outline ? 0x2ca02cffUL : 0x2ca02c66UL;
}

unsigned long bmd__point_rgba(int kind)
{
    static const unsigned long c[6] = {0xffffffffUL, 0xff7f0effUL, 0xffd700ffUL,
                                       0x2ca02cffUL, 0xe03c31ffUL, 0xd0d0d0ffUL};
    return kind >= 0 && kind <= 5 ? c[kind] : c[0];
}

const char *bmd__path_kind_name(int kind)
{
    static const char *const n[3] = {"threat", "interceptor", "ground-track"};
    return kind >= 0 && kind <= 2 ? n[kind] : "?";
}

const char *bmd__point_kind_name(int kind)
{
    static const char *const n[6] = {"event", "launch", "detect", "intercept", "impact", "site"};
    return kind >= 0 && kind <= 5 ? n[kind] : "?";
}

const char *bmd__polygon_kind_name(int kind)
{
    return kind == BMD_SCENE_FOOTPRINT ? "footprint" : "coverage";
}

static int bad_latlon(double lat, double lon)
{
    return !isfinite(lat) || !isfinite(lon) || fabs(lat) > BMD_PI / 2;
}

static int check_path(const bmd_scene_path *p, size_t i, bmd_errbuf *err)
{
    const char *nm = p->name ? p->name : "";
    if (p->kind < 0 || p->kind > 2)
        return bmd_err_set(err, BMD_EINVAL, "path %zu '%s': unknown kind %d", i, nm, p->kind);
    if (p->n < 2 || !p->t_s || !p->lat_rad || !p->lon_rad)
        return bmd_err_set(err, BMD_EINVAL, "path %zu '%s': fewer than 2 points or no arrays", i,
                           nm);
    for (size_t k = 0; k < p->n; k++) {
        double alt = p->alt_m ? p->alt_m[k] : 0;
        if (bad_latlon(p->lat_rad[k], p->lon_rad[k]) || !isfinite(alt) || !isfinite(p->t_s[k]))
            return bmd_err_set(err, BMD_EINVAL, "path %zu '%s' point %zu: bad coordinates", i, nm,
                               k);
        if (k > 0 && p->t_s[k] < p->t_s[k - 1])
            return bmd_err_set(err, BMD_EINVAL, "path %zu '%s' point %zu: time goes back", i, nm,
                               k);
    }
    if (p->n_arcs > 0 && p->arcs == NULL)
        return bmd_err_set(err, BMD_EINVAL, "path %zu '%s': no arc array", i, nm);
    for (size_t k = 0; k < p->n_arcs; k++) {
        const bmd_scene_arc *a = &p->arcs[k];
        if (!isfinite(a->t_start_s) || !isfinite(a->t_end_s) || a->t_end_s < a->t_start_s)
            return bmd_err_set(err, BMD_EINVAL, "path %zu '%s' arc %zu: bad interval", i, nm, k);
    }
    return BMD_OK;
}

static int check_polygon(const bmd_scene_polygon *g, size_t i, bmd_errbuf *err)
{
    const char *nm = g->name ? g->name : "";
    if (g->kind < 0 || g->kind > 1)
        return bmd_err_set(err, BMD_EINVAL, "polygon %zu '%s': unknown kind %d", i, nm, g->kind);
    if (g->n_rings > 0 && (!g->rings || !g->lat_rad || !g->lon_rad))
        return bmd_err_set(err, BMD_EINVAL, "polygon %zu '%s': no arrays", i, nm);
    for (size_t k = 0; k < g->n_rings; k++) {
        const bmd_coverage_ring *r = &g->rings[k];
        if (k == 0 && r->hole)
            return bmd_err_set(err, BMD_EINVAL, "polygon %zu '%s': ring 0 is a hole", i, nm);
        if (r->n < 4)
            return bmd_err_set(err, BMD_EINVAL, "polygon %zu '%s' ring %zu: < 4 vertices", i, nm,
                               k);
        size_t a = r->first, b = r->first + r->n - 1;
        if (g->lat_rad[a] != g->lat_rad[b] || g->lon_rad[a] != g->lon_rad[b])
            return bmd_err_set(err, BMD_EINVAL, "polygon %zu '%s' ring %zu: not closed", i, nm, k);
        for (size_t v = a; v <= b; v++)
            if (bad_latlon(g->lat_rad[v], g->lon_rad[v]))
                return bmd_err_set(err, BMD_EINVAL, "polygon %zu '%s' ring %zu: bad coordinates", i,
                                   nm, k);
    }
    return BMD_OK;
}

static int check_fan(const bmd_scene_fan *f)
{
    return bad_latlon(f->lat_rad, f->lon_rad) || !isfinite(f->alt_m) ||
                   !isfinite(f->boresight_rad) || !(f->half_width_rad > 0) ||
                   !(f->half_width_rad <= BMD_PI) || !(f->range_m > 0) || !isfinite(f->range_m)
               ? BMD_EINVAL
               : BMD_OK;
}

static int check_arrays(const bmd_scene *sc, bmd_errbuf *err)
{
    if ((sc->n_paths && !sc->paths) || (sc->n_points && !sc->points) ||
        (sc->n_polygons && !sc->polygons) || (sc->n_fans && !sc->fans))
        return bmd_err_set(err, BMD_EINVAL, "scene: NULL array with a non-zero count");
    double t;
    if (sc->epoch && bmd__iso_parse(sc->epoch, &t) != BMD_OK)
        return bmd_err_set(err, BMD_EINVAL,
                           "scene: epoch '%s': expected YYYY-MM-DDThh:mm:ssZ (UTC)", sc->epoch);
    if (!(sc->clock_multiplier >= 0) || !isfinite(sc->clock_multiplier))
        return bmd_err_set(err, BMD_EINVAL, "scene: bad clock multiplier");
    return BMD_OK;
}

int bmd_scene_check(const bmd_scene *sc, bmd_errbuf *err)
{
    if (sc == NULL) return bmd_err_set(err, BMD_EINVAL, "scene: NULL");
    int st = check_arrays(sc, err);
    for (size_t i = 0; i < sc->n_paths && st == BMD_OK; i++)
        st = check_path(&sc->paths[i], i, err);
    for (size_t i = 0; i < sc->n_points && st == BMD_OK; i++) {
        const bmd_scene_point *p = &sc->points[i];
        if (p->kind < 0 || p->kind > 5 || bad_latlon(p->lat_rad, p->lon_rad) ||
            !isfinite(p->alt_m) || isinf(p->t_s))
            st = bmd_err_set(err, BMD_EINVAL, "point %zu '%s': bad kind or coordinates", i,
                             p->name ? p->name : "");
    }
    for (size_t i = 0; i < sc->n_polygons && st == BMD_OK; i++)
        st = check_polygon(&sc->polygons[i], i, err);
    for (size_t i = 0; i < sc->n_fans && st == BMD_OK; i++)
        if (check_fan(&sc->fans[i]) != BMD_OK)
            st = bmd_err_set(err, BMD_EINVAL,
                             "fan %zu '%s': bad site, half-width (0, pi] or range (> 0)", i,
                             sc->fans[i].name ? sc->fans[i].name : "");
    return st;
}

/* The path's state at time t inside [t_s[k], t_s[k+1]]. */
static int visit_interp(const bmd_scene_path *p, size_t k, double t, bmd__vertex_fn fn, void *ctx)
{
    double dt = p->t_s[k + 1] - p->t_s[k];
    double f = dt > 0 ? (t - p->t_s[k]) / dt : 0;
    double a0 = p->alt_m ? p->alt_m[k] : 0, a1 = p->alt_m ? p->alt_m[k + 1] : 0;
    double lat = p->lat_rad[k] + f * (p->lat_rad[k + 1] - p->lat_rad[k]);
    double lon = p->lon_rad[k] + f * bmd_wrap_pi(p->lon_rad[k + 1] - p->lon_rad[k]);
    return fn(ctx, t, lat, lon, a0 + f * (a1 - a0));
}

int bmd__path_slice(const bmd_scene_path *p, double t0_s, double t1_s, bmd__vertex_fn fn, void *ctx)
{
    double first = p->t_s[0], last = p->t_s[p->n - 1];
    if (t0_s < first) t0_s = first;
    if (t1_s > last) t1_s = last;
    if (t1_s < t0_s) return BMD_OK;
    size_t k = 0;
    while (k + 2 < p->n && p->t_s[k + 1] <= t0_s)
        k++;
    int st = visit_interp(p, k, t0_s, fn, ctx);
    for (size_t j = k + 1; j < p->n && st == BMD_OK && p->t_s[j] < t1_s; j++)
        if (p->t_s[j] > t0_s)
            st = fn(ctx, p->t_s[j], p->lat_rad[j], p->lon_rad[j], p->alt_m ? p->alt_m[j] : 0);
    if (st != BMD_OK || t1_s == t0_s) return st;
    while (k + 2 < p->n && p->t_s[k + 1] < t1_s)
        k++;
    return visit_interp(p, k, t1_s, fn, ctx);
}

void bmd__scene_span(const bmd_scene *sc, double *t0_s, double *t1_s)
{
    int any = 0;
    double lo = 0, hi = 0;
    for (size_t i = 0; i < sc->n_paths; i++) {
        const bmd_scene_path *p = &sc->paths[i];
        if (p->kind == BMD_SCENE_GROUND_TRACK) continue;
        if (!any || p->t_s[0] < lo) lo = p->t_s[0];
        if (!any || p->t_s[p->n - 1] > hi) hi = p->t_s[p->n - 1];
        any = 1;
    }
    for (size_t i = 0; i < sc->n_points; i++) {
        double t = sc->points[i].t_s;
        if (isnan(t)) continue;
        if (!any || t < lo) lo = t;
        if (!any || t > hi) hi = t;
        any = 1;
    }
    *t0_s = lo;
    *t1_s = hi;
}

int bmd_scene_fan_ring(const bmd_scene_fan *f, size_t n_arc, double *lat_rad, double *lon_rad,
                       size_t *n_out)
{
    if (f == NULL || check_fan(f) != BMD_OK || n_arc < 2 || !lat_rad || !lon_rad || !n_out)
        return BMD_EINVAL;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    int full = f->half_width_rad >= BMD_PI;
    size_t n = 0;
    if (!full) lat_rad[n] = f->lat_rad, lon_rad[n++] = f->lon_rad;
    /* Clockwise in azimuth is clockwise on the map: a closed fan drawn this
     * way runs site -> left edge -> right edge, i.e. clockwise; writers
     * that need counter-clockwise reverse it. */
    for (size_t k = 0; k < n_arc; k++) {
        double az = f->boresight_rad - f->half_width_rad +
                    2.0 * f->half_width_rad * (double)k / (double)(full ? n_arc : n_arc - 1);
        bmd_geo_direct(&e, f->lat_rad, f->lon_rad, az, f->range_m, &lat_rad[n], &lon_rad[n], NULL);
        n++;
    }
    lat_rad[n] = lat_rad[0], lon_rad[n] = lon_rad[0], n++;
    *n_out = n;
    return BMD_OK;
}

double bmd__ring_area(const double *lat_rad, const double *lon_rad, size_t first, size_t n)
{
    double a = 0, x0 = lon_rad[first] * BMD_RAD2DEG, y0 = lat_rad[first] * BMD_RAD2DEG;
    for (size_t k = first + 1; k < first + n; k++) {
        double x1 = x0 + bmd_wrap_pi(lon_rad[k] - lon_rad[k - 1]) * BMD_RAD2DEG;
        double y1 = lat_rad[k] * BMD_RAD2DEG;
        a += x0 * y1 - x1 * y0;
        x0 = x1, y0 = y1;
    }
    return 0.5 * a;
}

/* Write one file to its temporary and finish it (flushed, fsync'ed,
 * closed); the rename comes when every file is finished. */
static int write_one(const char *dir, const char *file, const bmd_scene *sc,
                     int (*w)(const bmd_sink *, const bmd_scene *, bmd_errbuf *),
                     bmd_atomic_file *f, bmd_errbuf *err)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, file) >= sizeof path)
        return bmd_err_set(err, BMD_EINVAL, "%s/%s: path too long", dir, file);
    int st = bmd_atomic_open(f, path, err);
    if (st != BMD_OK) return st;
    bmd_sink s = bmd_atomic_sink(f);
    st = w(&s, sc, err);
    if (st != BMD_OK) {
        bmd_atomic_abort(f);
        return bmd_err_set(err, st, "%s: %s", path, bmd_strerror(st));
    }
    return bmd_atomic_finish(f, err);
}

int bmd_scene_write_dir(const char *dir, const char *stem, const bmd_scene *sc, unsigned formats,
                        bmd_errbuf *err)
{
    if (dir == NULL || formats == 0 || (formats & ~(BMD_SCENE_KML | BMD_SCENE_CZML)))
        return bmd_err_set(err, BMD_EINVAL, "scene: no directory or bad formats");
    if (stem == NULL) stem = "scenario";
    char kml[256], czml[256];
    int nk = snprintf(kml, sizeof kml, "%s.kml", stem);
    int nc = snprintf(czml, sizeof czml, "%s.czml", stem);
    if (stem[0] == '\0' || strchr(stem, '/') || nk < 0 || (size_t)nk >= sizeof kml || nc < 0 ||
        (size_t)nc >= sizeof czml)
        return bmd_err_set(err, BMD_EINVAL, "scene: bad file stem '%.40s'", stem);
    int st = bmd_scene_check(sc, err);
    /* Both files or neither (issue 12: a full disk left scenario.kml when
     * scenario.czml failed). */
    bmd_atomic_file f[2];
    int done[2] = {0, 0};
    if (st == BMD_OK && (formats & BMD_SCENE_KML)) {
        st = write_one(dir, kml, sc, bmd_kml_write, &f[0], err);
        done[0] = st == BMD_OK;
    }
    if (st == BMD_OK && (formats & BMD_SCENE_CZML)) {
        st = write_one(dir, czml, sc, bmd_czml_write, &f[1], err);
        done[1] = st == BMD_OK;
    }
    for (int i = 0; i < 2; i++) {
        if (!done[i]) continue;
        if (st == BMD_OK)
            st = bmd_atomic_rename(&f[i], err);
        else
            bmd_atomic_abort(&f[i]);
    }
    return st;
}
