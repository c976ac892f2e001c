/*
 * plot_map.c: map figures (bmd/plot.h): coastlines and borders, translucent
 * areas, radar fans with range rings, ground tracks with highlighted arcs,
 * labelled places; equirectangular or azimuthal equidistant projection.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot/plplot_lazy.h"

#include "bmd/const.h"
#include "bmd/geo.h"
#include "plot/plot_internal.h"

/* Sphere radius of the azimuthal equidistant projection (m): the IUGG
 * mean Earth radius; a drawing aid, so the sphere is good enough. */
#define MAP_R_M 6371008.8
/* Farthest angular distance from the centre drawn in azimuthal equidistant:
 * beyond it the projection stretches shapes past recognition. */
#define AEQD_MAX_RAD (120.0 * BMD_DEG2RAD)

struct proj {
    bmd_plot_projection kind; /* EQUIRECT or AEQD */
    double lat0, lon0, sin0, cos0;
};

static double wrap_pi(double a)
{
    a = fmod(a + BMD_PI, 2 * BMD_PI);
    if (a < 0) a += 2 * BMD_PI;
    return a - BMD_PI;
}

/* Map coordinates of a point: degrees (equirectangular) or km (AEQD).
 * Returns 0 when the point cannot be drawn. */
static int project(const struct proj *p, double lat, double lon, double *x, double *y)
{
    double dl = wrap_pi(lon - p->lon0);
    if (p->kind == BMD_PLOT_PROJ_EQUIRECT) {
        *x = (p->lon0 + dl) * BMD_RAD2DEG;
        *y = lat * BMD_RAD2DEG;
        return 1;
    }
    double sl = sin(lat), cl = cos(lat), cd = cos(dl);
    double cc = p->sin0 * sl + p->cos0 * cl * cd;
    double c = acos(fmax(-1.0, fmin(1.0, cc)));
    if (c > AEQD_MAX_RAD) return 0;
    double k = c < 1e-12 ? 1.0 : c / sin(c);
    *x = MAP_R_M / 1e3 * k * cl * sin(dl);
    *y = MAP_R_M / 1e3 * k * (p->cos0 * sl - p->sin0 * cl * cd);
    return 1;
}

/* A polyline being drawn: split where a point cannot be drawn or the line
 * jumps (across the equirectangular seam). */
struct pen {
    const struct proj *p;
    double jump; /* largest step drawn (map units) */
    PLFLT *x, *y;
    size_t n, cap;
    bmd__plot *fig; /* when set, points drawn extend the panel's data box */
};

static void pen_flush(struct pen *w)
{
    if (w->n >= 2) plline((PLINT)w->n, w->x, w->y);
    w->n = 0;
}

static int pen_reserve(struct pen *w, size_t n)
{
    if (n <= w->cap) return BMD_OK;
    PLFLT *a = realloc(w->x, n * sizeof *a);
    if (a == NULL) return BMD_ENOMEM;
    w->x = a;
    a = realloc(w->y, n * sizeof *a);
    if (a == NULL) return BMD_ENOMEM;
    w->y = a;
    w->cap = n;
    return BMD_OK;
}

static void pen_to(struct pen *w, double lat, double lon)
{
    double x, y;
    if (!project(w->p, lat, lon, &x, &y)) {
        pen_flush(w);
        return;
    }
    if (w->n > 0 && (fabs(x - w->x[w->n - 1]) > w->jump || fabs(y - w->y[w->n - 1]) > w->jump)) {
        pen_flush(w);
    }
    w->x[w->n] = x, w->y[w->n++] = y;
    if (w->fig) bmd__plot_data(w->fig, x, y);
}

/* Draw n points (lat/lon arrays, rad); when hl is given only the runs
 * where hl is set. */
static void pen_line(struct pen *w, const double *lat, const double *lon, size_t n,
                     const unsigned char *hl)
{
    if (pen_reserve(w, n) != BMD_OK) return;
    w->n = 0;
    for (size_t i = 0; i < n; i++) {
        if (hl && !hl[i]) {
            pen_flush(w);
            continue;
        }
        pen_to(w, lat[i], lon[i]);
    }
    pen_flush(w);
}

/* ---- extent -------------------------------------------------------------- */

/* Everything drawn, as lat/lon points, fed to a visitor. */
typedef void (*visit_fn)(void *ctx, double lat, double lon);

static void fan_edge_points(const bmd_plot_fan *f, visit_fn v, void *ctx);

static void visit_all(const bmd_plot_map_layers *l, visit_fn v, void *ctx)
{
    for (size_t i = 0; i < l->n_areas; i++)
        for (size_t k = 0; k < l->areas[i].n; k++)
            v(ctx, l->areas[i].lat_rad[k], l->areas[i].lon_rad[k]);
    for (size_t i = 0; i < l->n_tracks; i++)
        for (size_t k = 0; k < l->tracks[i].n; k++)
            v(ctx, l->tracks[i].lat_rad[k], l->tracks[i].lon_rad[k]);
    for (size_t i = 0; i < l->n_places; i++)
        v(ctx, l->places[i].lat_rad, l->places[i].lon_rad);
    for (size_t i = 0; i < l->n_fans; i++)
        fan_edge_points(&l->fans[i], v, ctx);
}

/* Latitude/longitude box, longitudes unwrapped about the first point. */
struct llbox {
    int n;
    double ref, lat0, lat1, lon0, lon1;
};

static void ll_visit(void *ctx, double lat, double lon)
{
    struct llbox *b = ctx;
    if (b->n++ == 0) {
        b->ref = lon;
        b->lat0 = b->lat1 = lat, b->lon0 = b->lon1 = lon;
        return;
    }
    lon = b->ref + wrap_pi(lon - b->ref);
    b->lat0 = fmin(b->lat0, lat), b->lat1 = fmax(b->lat1, lat);
    b->lon0 = fmin(b->lon0, lon), b->lon1 = fmax(b->lon1, lon);
}

struct xybox {
    const struct proj *p;
    double x0, x1, y0, y1;
    double max_c; /* largest angular distance from the centre (rad) */
};

static void xy_visit(void *ctx, double lat, double lon)
{
    struct xybox *b = ctx;
    double x, y;
    double c = acos(fmax(
        -1.0, fmin(1.0, b->p->sin0 * sin(lat) + b->p->cos0 * cos(lat) * cos(lon - b->p->lon0))));
    b->max_c = fmax(b->max_c, c);
    if (!project(b->p, lat, lon, &x, &y)) return;
    b->x0 = fmin(b->x0, x), b->x1 = fmax(b->x1, x);
    b->y0 = fmin(b->y0, y), b->y1 = fmax(b->y1, y);
}

static void proj_init(struct proj *p, bmd_plot_projection kind, double lat0, double lon0)
{
    p->kind = kind, p->lat0 = lat0, p->lon0 = lon0;
    p->sin0 = sin(lat0), p->cos0 = cos(lat0);
}

/* Physical width per map unit in x relative to y (equal scales on paper). */
static double x_scale(const struct proj *p)
{
    return p->kind == BMD_PLOT_PROJ_EQUIRECT ? fmax(cos(p->lat0), 0.05) : 1.0;
}

/* The window: projection chosen, centre and extent fitted, aspect matched
 * to the viewport (aspect = physical width / height). */
static int fit_window(const bmd_plot_map_layers *l, double aspect, struct proj *p, double w[4],
                      bmd_errbuf *err)
{
    double lat0 = l->lat0_rad, lon0 = l->lon0_rad;
    struct llbox lb = {0};
    visit_all(l, ll_visit, &lb);
    if (!(isfinite(lat0) && isfinite(lon0))) {
        if (lb.n == 0)
            return bmd_err_set(err, BMD_EINVAL, "map: nothing to draw and no centre given");
        lat0 = 0.5 * (lb.lat0 + lb.lat1), lon0 = wrap_pi(0.5 * (lb.lon0 + lb.lon1));
    }
    bmd_plot_projection kind = l->projection;
    struct xybox xb = {p, INFINITY, -INFINITY, INFINITY, -INFINITY, 0.0};
    proj_init(p, BMD_PLOT_PROJ_AEQD, lat0, lon0);
    visit_all(l, xy_visit, &xb);
    double half_m = l->half_width_m > 0 ? l->half_width_m : 0.0;
    double reach_m = fmax(xb.max_c * MAP_R_M, half_m);
    if (kind == BMD_PLOT_PROJ_AUTO)
        kind = (reach_m > 1500e3 || fabs(lat0) > 60 * BMD_DEG2RAD) ? BMD_PLOT_PROJ_AEQD
                                                                   : BMD_PLOT_PROJ_EQUIRECT;
    proj_init(p, kind, lat0, lon0);
    double cx, cy, hx, hy;
    project(p, lat0, lon0, &cx, &cy);
    double unit_m = kind == BMD_PLOT_PROJ_EQUIRECT ? MAP_R_M * BMD_DEG2RAD : 1e3;
    if (half_m > 0) {
        hx = half_m / unit_m / x_scale(p), hy = hx * x_scale(p) / aspect;
    } else {
        xb = (struct xybox){p, INFINITY, -INFINITY, INFINITY, -INFINITY, 0.0};
        visit_all(l, xy_visit, &xb);
        if (!(xb.x1 >= xb.x0)) xb.x0 = xb.x1 = cx, xb.y0 = xb.y1 = cy;
        cx = 0.5 * (xb.x0 + xb.x1), cy = 0.5 * (xb.y0 + xb.y1);
        double min_half = 150e3 / unit_m;
        hx = fmax(0.58 * (xb.x1 - xb.x0), min_half / x_scale(p));
        hy = fmax(0.54 * (xb.y1 - xb.y0), min_half);
        if (hx * x_scale(p) / hy > aspect)
            hy = hx * x_scale(p) / aspect;
        else
            hx = hy * aspect / x_scale(p);
    }
    w[0] = cx - hx, w[1] = cx + hx, w[2] = cy - hy, w[3] = cy + hy;
    if (kind == BMD_PLOT_PROJ_EQUIRECT) w[2] = fmax(w[2], -90.0), w[3] = fmin(w[3], 90.0);
    return BMD_OK;
}

/* ---- layers ---------------------------------------------------------------- */

static void fan_point(const bmd_earth *e, const bmd_plot_fan *f, double az, double r, double *lat,
                      double *lon)
{
    bmd_geo_direct(e, f->lat_rad, f->lon_rad, az, r, lat, lon, NULL);
}

/* The fan outline (apex, arc, apex) or the full circle: up to 722 points. */
static size_t fan_outline(const bmd_plot_fan *f, double r, int with_apex, double *lat, double *lon)
{
    bmd_earth e;
    bmd_earth_wgs84(&e);
    int full = f->half_width_rad >= BMD_PI;
    double a0 = full ? 0.0 : f->boresight_rad - f->half_width_rad;
    double span = full ? 2 * BMD_PI : 2 * f->half_width_rad;
    int steps = (int)ceil(span / (0.5 * BMD_DEG2RAD));
    if (steps < 2) steps = 2;
    if (steps > 720) steps = 720;
    size_t n = 0;
    if (!full && with_apex) lat[n] = f->lat_rad, lon[n++] = f->lon_rad;
    for (int i = 0; i <= steps; i++, n++)
        fan_point(&e, f, a0 + span * i / steps, r, &lat[n], &lon[n]);
    if (!full && with_apex) lat[n] = f->lat_rad, lon[n++] = f->lon_rad;
    return n;
}

static void fan_edge_points(const bmd_plot_fan *f, visit_fn v, void *ctx)
{
    double lat[724], lon[724];
    size_t n = fan_outline(f, f->range_m, 1, lat, lon);
    for (size_t i = 0; i < n; i++)
        v(ctx, lat[i], lon[i]);
}

static double ring_step(const bmd_plot_fan *f)
{
    if (f->ring_step_m > 0) return f->ring_step_m;
    static const double steps_km[] = {50, 100, 200, 250, 500, 1000, 2000, 2500, 5000};
    for (size_t i = 0; i < sizeof steps_km / sizeof steps_km[0]; i++)
        if (f->range_m / (steps_km[i] * 1e3) <= 6) return steps_km[i] * 1e3;
    return 5000e3;
}

static void draw_fan(bmd__plot *fig, struct pen *w, const bmd_plot_fan *f, const double win[4])
{
    double lat[724], lon[724];
    size_t n = fan_outline(f, f->range_m, 1, lat, lon);
    plcol0(BMD__COL_FAN);
    plwidth(1.5);
    pen_line(w, lat, lon, n, NULL);
    plwidth(1.0);
    double step = ring_step(f);
    bmd_earth e;
    bmd_earth_wgs84(&e);
    /* Ring labels only where the rings are far enough apart to read. */
    double unit_m = w->p->kind == BMD_PLOT_PROJ_EQUIRECT ? MAP_R_M * BMD_DEG2RAD : 1e3;
    int label_rings = step / unit_m > 0.05 * (win[3] - win[2]);
    plschr(0.0, 0.75);
    for (double r = step; r < f->range_m * 0.999; r += step) {
        n = fan_outline(f, r, 0, lat, lon);
        pllsty(BMD__LINE_DOTTED);
        pen_line(w, lat, lon, n, NULL);
        pllsty(BMD__LINE_SOLID);
        double la, lo, x, y;
        fan_point(&e, f, f->boresight_rad, r, &la, &lo);
        if (label_rings && project(w->p, la, lo, &x, &y) && x > win[0] && x < win[1] &&
            y > win[2] && y < win[3]) {
            char buf[32];
            snprintf(buf, sizeof buf, "%.0f km", r / 1e3);
            bmd__label_add(fig, buf, x, y, 0.0, 0.75, BMD__COL_FAN, 3);
        }
    }
    plschr(0.0, 1.0);
}

static const int area_colour_index[3] = {0, 1, 2};

/* A translucent fill where the ring projects without a break, then its
 * outline (holes: outline only, dashed). */
static void draw_area(struct pen *w, const bmd_plot_area *a, int fill)
{
    if (a->style == BMD_PLOT_AREA_REGION) {
        if (fill) return;
        plcol0(BMD__COL_REGION);
        pllsty(BMD__LINE_DASHED);
        plwidth(1.2);
        bmd__plot *fig = w->fig;
        w->fig = NULL; /* a frame, not data */
        pen_line(w, a->lat_rad, a->lon_rad, a->n, NULL);
        double la[2] = {a->lat_rad[a->n - 1], a->lat_rad[0]},
               lo[2] = {a->lon_rad[a->n - 1], a->lon_rad[0]};
        pen_line(w, la, lo, 2, NULL);
        w->fig = fig;
        plwidth(1.0);
        pllsty(BMD__LINE_SOLID);
        return;
    }
    int k = a->style == BMD_PLOT_AREA_HOLE ? 0 : area_colour_index[(int)a->style % 3];
    if (pen_reserve(w, a->n + 1) != BMD_OK) return;
    if (fill && a->style != BMD_PLOT_AREA_HOLE) {
        size_t m = 0;
        int ok = 1;
        for (size_t i = 0; i < a->n && ok; i++) {
            ok = project(w->p, a->lat_rad[i], a->lon_rad[i], &w->x[m], &w->y[m]);
            if (ok && m > 0 &&
                (fabs(w->x[m] - w->x[m - 1]) > w->jump || fabs(w->y[m] - w->y[m - 1]) > w->jump))
                ok = 0;
            m++;
        }
        if (ok) {
            plcol0(BMD__COL_AREA + k);
            plfill((PLINT)m, w->x, w->y);
        }
        return;
    }
    plcol0(BMD__COL_AREA_EDGE + k);
    if (a->style == BMD_PLOT_AREA_HOLE) pllsty(BMD__LINE_DASHED);
    plwidth(1.5);
    pen_line(w, a->lat_rad, a->lon_rad, a->n, NULL);
    /* close the ring */
    double la[2] = {a->lat_rad[a->n - 1], a->lat_rad[0]},
           lo[2] = {a->lon_rad[a->n - 1], a->lon_rad[0]};
    pen_line(w, la, lo, 2, NULL);
    plwidth(1.0);
    pllsty(BMD__LINE_SOLID);
}

static void draw_basemap(struct pen *w, const bmd_map *m)
{
    bmd__plot *fig = w->fig;
    w->fig = NULL; /* background, not data */
    for (int pass = 0; pass < 2; pass++) {
        plcol0(pass == 0 ? BMD__COL_COAST : BMD__COL_BORDER);
        if (pass == 1) pllsty(BMD__LINE_DASHED);
        for (size_t i = 0; i < m->n_lines; i++) {
            const bmd_map_line *l = &m->lines[i];
            if ((pass == 0) != (l->kind == BMD_MAP_COAST)) continue;
            pen_line(w, m->lat_rad + l->first, m->lon_rad + l->first, l->n, NULL);
        }
        pllsty(BMD__LINE_SOLID);
    }
    w->fig = fig;
}

/* Parallels and meridians every 10 deg (azimuthal equidistant only; the
 * equirectangular grid is the axes' own). */
static void draw_graticule(struct pen *w)
{
    double lat[181], lon[181];
    bmd__plot *fig = w->fig;
    w->fig = NULL;
    plcol0(BMD__COL_GRID);
    for (int d = -80; d <= 80; d += 10) {
        for (int i = 0; i <= 180; i++)
            lat[i] = d * BMD_DEG2RAD, lon[i] = (-180 + 2 * i) * BMD_DEG2RAD;
        pen_line(w, lat, lon, 181, NULL);
    }
    for (int d = -180; d < 180; d += 10) {
        for (int i = 0; i <= 160; i++)
            lat[i] = (-80 + i) * BMD_DEG2RAD, lon[i] = d * BMD_DEG2RAD;
        pen_line(w, lat, lon, 161, NULL);
    }
    w->fig = fig;
}

static const char *const place_symbols[] = {
    "\xe2\x97\x86", /* radar: diamond */
    "\xe2\x96\xb2", /* battery: triangle */
    "\xe2\x96\xa0", /* launch: square */
    "\xe2\x97\x8f", /* defended: disc */
    "\xe2\x97\x8b", /* undefended: circle */
    "\xe2\x80\xa2", /* city: bullet */
};
static const char *const place_names[] = {"radar",         "interceptor battery", "launch point",
                                          "defended site", "not defended",        "place"};
static const int place_colours[] = {BMD__COL_FAN,   BMD__COL_INTERCEPTOR, BMD__COL_THREAT,
                                    BMD__COL_OTHER, BMD__COL_THREAT,      BMD__COL_FG};

static int place_kind(const bmd_plot_place *pl)
{
    return (int)pl->kind >= 0 && (int)pl->kind < 6 ? (int)pl->kind : 5;
}

/* Symbols of places (context: small, grey, only inside the window) and
 * their labels queued for the placer. */
/* Whether a context place falls within 2.5 mm of one of the main places
 * (the same city given twice: drawn once, as the main place). */
static int near_main(const bmd__plot *fig, const struct proj *p, const bmd_plot_map_layers *l,
                     double x, double y)
{
    double xm, ym, xq, yq, qx, qy;
    bmd__w2mm(fig, x, y, &xm, &ym);
    for (size_t i = 0; i < l->n_places; i++) {
        if (!project(p, l->places[i].lat_rad, l->places[i].lon_rad, &qx, &qy)) continue;
        bmd__w2mm(fig, qx, qy, &xq, &yq);
        if (hypot(xq - xm, yq - ym) < 2.5) return 1;
    }
    return 0;
}

static void draw_places(bmd__plot *fig, const struct proj *p, const bmd_plot_map_layers *l,
                        const double win[4], int context)
{
    const bmd_plot_place *pl = context ? l->context : l->places;
    size_t n = context ? l->n_context : l->n_places;
    for (size_t i = 0; i < n; i++) {
        double x, y;
        if (!project(p, pl[i].lat_rad, pl[i].lon_rad, &x, &y)) continue;
        if (context && (x <= win[0] || x >= win[1] || y <= win[2] || y >= win[3])) continue;
        if (context && near_main(fig, p, l, x, y)) continue;
        if (context) { /* dot and name together, where they fit */
            bmd__label_add_optional(fig, pl[i].label, x, y, 0.25 * 0.9 * fig->chr_mm, 0.75,
                                    BMD__COL_CITY, 2);
            continue;
        }
        int k = place_kind(&pl[i]);
        PLFLT px = x, py = y;
        double r_mm = 0.45 * fig->chr_mm * 1.3;
        plcol0(place_colours[k]);
        plschr(0.0, 1.3);
        plstring(1, &px, &py, place_symbols[k]);
        plschr(0.0, 1.0);
        bmd__plot_mark(fig, x, y, r_mm);
        bmd__label_add(fig, pl[i].label, x, y, r_mm, 0.85, BMD__COL_FG, 0);
    }
}

/* Tick labels of the equirectangular axes: 128°E, 36°N. */
static void degree_label(PLINT axis, PLFLT value, char *label, PLINT length, PLPointer data)
{
    (void)data;
    double v = value;
    const char *h;
    if (axis == PL_X_AXIS) {
        v = fmod(v + 540.0, 360.0) - 180.0;
        h = v > 1e-9 ? "E" : v < -1e-9 ? "W" : "";
    } else {
        h = v > 1e-9 ? "N" : v < -1e-9 ? "S" : "";
    }
    if (fabs(v) < 1e-9 || fabs(fabs(v) - 180.0) < 1e-9) h = "";
    snprintf(label, (size_t)length, "%g\xc2\xb0%s", fabs(v) < 1e-9 ? 0.0 : fabs(v), h);
}

/* Ground tracks (highlight = 0) or their highlighted arcs (highlight = 1,
 * drawn after the place symbols so that they stay visible). */
static void draw_tracks(struct pen *w, const bmd_plot_map_layers *l, int highlight)
{
    size_t k_role[3] = {0, 0, 0};
    for (size_t i = 0; i < l->n_tracks; i++) {
        const bmd_plot_series *t = &l->tracks[i];
        int r = (int)t->role >= 0 && (int)t->role < 3 ? (int)t->role : 0;
        int col = bmd__plot_series_colour((bmd_plot_role)r, k_role[r]++);
        if (!highlight) {
            plcol0(col);
            plwidth(2.0);
            pen_line(w, t->lat_rad, t->lon_rad, t->n, NULL);
        } else if (t->highlight) {
            plcol0(BMD__COL_HIGHLIGHT);
            plwidth(4.0);
            pen_line(w, t->lat_rad, t->lon_rad, t->n, t->highlight);
        }
        plwidth(1.0);
    }
}

static void map_legend(const bmd_plot_map_layers *l, bmd__legend *g0)
{
    bmd__legend *g = g0;
    static const char *const area_names[] = {"radar coverage", "defended footprint", "launch area"};
    for (size_t i = 0; i < l->n_areas; i++)
        if (l->areas[i].label && l->areas[i].style == BMD_PLOT_AREA_REGION)
            bmd__legend_line(g, l->areas[i].label, BMD__COL_REGION, BMD__LINE_DASHED, 1.2);
        else if (l->areas[i].label && l->areas[i].style != BMD_PLOT_AREA_HOLE)
            bmd__legend_box(g, l->areas[i].label, BMD__COL_AREA_EDGE + (int)l->areas[i].style % 3);
    (void)area_names;
    for (size_t i = 0; i < l->n_fans; i++)
        bmd__legend_line(g, l->fans[i].label ? l->fans[i].label : "field of regard", BMD__COL_FAN,
                         BMD__LINE_SOLID, 1.5);
    size_t k_role[3] = {0, 0, 0};
    int any_hl = 0;
    for (size_t i = 0; i < l->n_tracks; i++) {
        int r =
            (int)l->tracks[i].role >= 0 && (int)l->tracks[i].role < 3 ? (int)l->tracks[i].role : 0;
        int col = bmd__plot_series_colour((bmd_plot_role)r, k_role[r]++);
        if (l->tracks[i].label) bmd__legend_line(g, l->tracks[i].label, col, BMD__LINE_SOLID, 2.0);
        for (size_t k = 0; l->tracks[i].highlight && k < l->tracks[i].n; k++)
            if (l->tracks[i].highlight[k]) any_hl = 1;
    }
    if (any_hl)
        bmd__legend_line(g, l->highlight_label ? l->highlight_label : "tracked", BMD__COL_HIGHLIGHT,
                         BMD__LINE_SOLID, 5.0);
    int seen[6] = {0};
    for (size_t i = 0; i < l->n_places; i++) {
        int k = place_kind(&l->places[i]);
        if (!seen[k]++) bmd__legend_symbol(g, place_names[k], place_colours[k], place_symbols[k]);
    }
    if (l->n_context > 0 && !seen[5])
        bmd__legend_symbol(g, "city", BMD__COL_CITY, place_symbols[5]);
    if (l->basemap) {
        bmd__legend_line(g, "coastline", BMD__COL_COAST, BMD__LINE_SOLID, 1.0);
        bmd__legend_line(g, "border", BMD__COL_BORDER, BMD__LINE_DASHED, 1.0);
    }
}

static int check_layers(const bmd_plot_map_layers *l, bmd_errbuf *err)
{
    if (l == NULL) return bmd_err_set(err, BMD_EINVAL, "map: NULL layers");
    for (size_t i = 0; i < l->n_areas; i++)
        if (l->areas[i].n < 3 || !l->areas[i].lat_rad || !l->areas[i].lon_rad)
            return bmd_err_set(err, BMD_EINVAL, "map: area %zu needs >= 3 vertices", i + 1);
    for (size_t i = 0; i < l->n_tracks; i++)
        if (l->tracks[i].n < 2 || !l->tracks[i].lat_rad || !l->tracks[i].lon_rad)
            return bmd_err_set(err, BMD_EINVAL, "map: track %zu needs n >= 2, lat and lon", i + 1);
    for (size_t i = 0; i < l->n_fans; i++)
        if (!(l->fans[i].range_m > 0) || !isfinite(l->fans[i].range_m))
            return bmd_err_set(err, BMD_EINVAL, "map: fan %zu needs a positive range", i + 1);
    if ((l->n_areas && !l->areas) || (l->n_tracks && !l->tracks) || (l->n_places && !l->places) ||
        (l->n_fans && !l->fans) || (l->n_context && !l->context))
        return bmd_err_set(err, BMD_EINVAL, "map: NULL layer array");
    return BMD_OK;
}

/* Bottom and top of the map's viewport (page fractions); its left edge,
 * and its right edge from the legend's width, in bmd_plot_map. */
#define VP_Y0 0.09
#define VP_Y1 0.85
#define VP_X0 0.1

static void draw_map(bmd__plot *fig, const bmd_plot_map_layers *l, const struct proj *p,
                     const double vp[4], const double win[4], struct pen *w)
{
    bmd__plot_panel(fig, 0, vp, win);
    int eq = p->kind == BMD_PLOT_PROJ_EQUIRECT;
    w->jump = eq ? 180.0 : 0.5 * MAP_R_M / 1e3 * BMD_PI;
    w->fig = fig;
    if (eq) {
        plcol0(BMD__COL_GRID);
        plbox("g", 0.0, 0, "g", 0.0, 0);
    } else {
        draw_graticule(w);
    }
    for (size_t i = 0; i < l->n_areas; i++)
        draw_area(w, &l->areas[i], 1);
    if (l->basemap) draw_basemap(w, l->basemap);
    for (size_t i = 0; i < l->n_areas; i++)
        draw_area(w, &l->areas[i], 0);
    for (size_t i = 0; i < l->n_fans; i++)
        draw_fan(fig, w, &l->fans[i], win);
    draw_tracks(w, l, 0);
    draw_places(fig, p, l, win, 0);
    draw_places(fig, p, l, win, 1);
    draw_tracks(w, l, 1);
    bmd__labels_place(fig);
    plcol0(BMD__COL_FG);
    if (eq) {
        plslabelfunc(degree_label, NULL);
        plbox("bcnsto", 0.0, 0, "bcnstvo", 0.0, 0);
        plslabelfunc(NULL, NULL);
        pllab("longitude", "latitude", "");
    } else {
        char buf[160];
        plslabelfunc(bmd__plot_plain_label, NULL);
        plbox("bcnsto", 0.0, 0, "bcnstvo", 0.0, 0);
        plslabelfunc(NULL, NULL);
        snprintf(buf, sizeof buf,
                 "km east of %.2f\xc2\xb0%s %.2f\xc2\xb0%s (azimuthal equidistant)",
                 fabs(p->lat0 * BMD_RAD2DEG), p->lat0 >= 0 ? "N" : "S", fabs(p->lon0 * BMD_RAD2DEG),
                 p->lon0 >= 0 ? "E" : "W");
        pllab(buf, "km north", "");
    }
}

/* The map's viewport (page fractions) with the legend's strip to its
 * right: as wide as the legend measures. */
static void map_viewport(bmd__plot *fig, const bmd__legend *g, double vp[4])
{
    double w, h;
    bmd__legend_size(fig, g, &w, &h);
    double strip = fmax(w / fig->page_w_mm, 0.12) + 0.03;
    vp[0] = VP_X0, vp[1] = fmax(0.5, 0.99 - strip), vp[2] = VP_Y0, vp[3] = VP_Y1;
}

int bmd_plot_map(const bmd_plot_opts *o, const bmd_plot_map_layers *l, bmd_errbuf *err)
{
    int st = check_layers(l, err);
    if (st) return st;
    if (o == NULL) return bmd_err_set(err, BMD_EINVAL, "figure: NULL options");
    bmd__plot *fig = malloc(sizeof *fig);
    if (fig == NULL) return bmd_err_set(err, BMD_ENOMEM, "figure: out of memory");
    if ((st = bmd__plot_begin(fig, o, err))) {
        free(fig);
        return st;
    }
    bmd__legend g = {0};
    map_legend(l, &g);
    double vp[4];
    map_viewport(fig, &g, vp);
    double aspect = (vp[1] - vp[0]) * o->width_px / ((vp[3] - vp[2]) * o->height_px);
    struct proj p;
    double win[4] = {0, 1, 0, 1};
    st = fit_window(l, aspect, &p, win, err);
    struct pen w = {&p, 0.0, NULL, NULL, 0, 0, NULL};
    if (st == BMD_OK) {
        bmd__plot_heading(fig, o);
        draw_map(fig, l, &p, vp, win, &w);
        double sv[4] = {vp[1] + 0.01, 0.995, vp[2], vp[3]}, sw[4] = {0.0, 1.0, 0.0, 1.0};
        bmd__plot_panel(fig, -1, sv, sw);
        bmd__legend_draw(fig, &g, PL_POSITION_TOP | PL_POSITION_LEFT);
        if (l->basemap) {
            plcol0(BMD__COL_FG);
            plschr(0.0, 0.7);
            plptex(0.02, 0.05, 1.0, 0.0, 0.0, "Map: Natural Earth 1:50m");
            plptex(0.02, 0.01, 1.0, 0.0, 0.0, "(public domain)");
            plschr(0.0, 1.0);
        }
    }
    free(w.x);
    free(w.y);
    st = bmd__plot_end(fig, o, st, err);
    free(fig);
    return st;
}
