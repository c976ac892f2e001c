/* geojson.c: GeoJSON (RFC 7946) writer for polygon rings (bmd/export.h).
 *
 * The whole document is built in memory first and handed to the sink only
 * when every ring has been checked, so invalid input writes nothing. */
#include "bmd/export.h"

#include <math.h>
#include <stdlib.h>

#include "bmd/const.h"
#include "writers_internal.h"

/* One ring in degrees, longitudes unwrapped (continuous along the ring). */
typedef struct deg_ring {
    double *x, *y; /* lon, lat (deg) */
    size_t n;      /* vertices, closed (x[n-1] == x[0]) */
} deg_ring;

static void ring_free(deg_ring *r)
{
    free(r->x);
    free(r->y);
    r->x = r->y = NULL;
    r->n = 0;
}

static int ring_alloc(deg_ring *r, size_t cap)
{
    r->n = 0;
    r->x = malloc(cap * sizeof *r->x);
    r->y = malloc(cap * sizeof *r->y);
    if (r->x && r->y) return BMD_OK;
    ring_free(r);
    return BMD_ENOMEM;
}

/* Planar signed area in lon/lat (deg^2): positive counter-clockwise. */
static double ring_area2(const deg_ring *r)
{
    double a = 0;
    for (size_t i = 0; i + 1 < r->n; i++)
        a += r->x[i] * r->y[i + 1] - r->x[i + 1] * r->y[i];
    return a;
}

static void ring_range(const deg_ring *r, double *lo, double *hi)
{
    *lo = *hi = r->x[0];
    for (size_t i = 1; i < r->n; i++) {
        if (r->x[i] < *lo) *lo = r->x[i];
        if (r->x[i] > *hi) *hi = r->x[i];
    }
}

static void ring_shift(deg_ring *r, double dx)
{
    for (size_t i = 0; i < r->n; i++)
        r->x[i] += dx;
}

/*
 * Unwrap ring k into degrees: each edge is taken the short way (a jump
 * above 180 deg in longitude is a crossing of the antimeridian), the first
 * vertex in [-180, 180). Refuses unclosed, short, non-finite rings and
 * rings around a pole (unwrapped, they do not close).
 */
static int ring_unwrap(const double *lat, const double *lon, const bmd_coverage_ring *rg,
                       deg_ring *r, bmd_errbuf *err, size_t k)
{
    if (rg->n < 4)
        return bmd_err_set(err, BMD_EINVAL, "GeoJSON: ring %zu: fewer than 4 vertices", k);
    size_t a = rg->first, b = rg->first + rg->n - 1;
    if (lat[a] != lat[b] || lon[a] != lon[b])
        return bmd_err_set(err, BMD_EINVAL, "GeoJSON: ring %zu is not closed", k);
    int st = ring_alloc(r, rg->n);
    if (st != BMD_OK) return bmd_err_set(err, st, "GeoJSON: out of memory");
    for (size_t i = 0; i < rg->n; i++) {
        double la = lat[a + i], lo = lon[a + i];
        if (!isfinite(la) || !isfinite(lo) || fabs(la) > BMD_PI / 2) {
            ring_free(r);
            return bmd_err_set(err, BMD_EINVAL, "GeoJSON: ring %zu vertex %zu: bad coordinates", k,
                               i);
        }
        r->y[i] = la * BMD_RAD2DEG;
        r->x[i] = i == 0 ? bmd_wrap_pi(lo) * BMD_RAD2DEG
                         : r->x[i - 1] + bmd_wrap_pi(lo - lon[a + i - 1]) * BMD_RAD2DEG;
    }
    r->n = rg->n;
    if (fabs(r->x[r->n - 1] - r->x[0]) > 1e-6) {
        ring_free(r);
        return bmd_err_set(err, BMD_EINVAL, "GeoJSON: ring %zu encloses a pole", k);
    }
    r->x[r->n - 1] = r->x[0];
    return BMD_OK;
}

static void push(deg_ring *o, double x, double y)
{
    if (o->n > 0 && o->x[o->n - 1] == x && o->y[o->n - 1] == y) return;
    o->x[o->n] = x;
    o->y[o->n] = y;
    o->n++;
}

/*
 * Sutherland-Hodgman clip of ring r by the half-plane x <= 180 (east = 0)
 * or x >= 180 (east = 1) into o (capacity 2 r->n + 1), closed; o->n = 0 if
 * fewer than 3 distinct vertices remain.
 */
static void clip_180(const deg_ring *r, int east, deg_ring *o)
{
    o->n = 0;
    for (size_t i = 0; i + 1 < r->n; i++) {
        double ax = r->x[i], ay = r->y[i], bx = r->x[i + 1], by = r->y[i + 1];
        int ina = east ? ax >= 180 : ax <= 180, inb = east ? bx >= 180 : bx <= 180;
        if (ina != inb) push(o, 180, ay + (180 - ax) * (by - ay) / (bx - ax));
        if (inb) push(o, bx, by);
    }
    if (o->n > 1 && o->x[0] == o->x[o->n - 1] && o->y[0] == o->y[o->n - 1]) o->n--;
    if (o->n < 3) {
        o->n = 0;
        return;
    }
    o->x[o->n] = o->x[0];
    o->y[o->n] = o->y[0];
    o->n++;
}

/* Write ring r oriented counter-clockwise (ccw = 1) or clockwise. */
static int put_ring(const bmd_sink *s, const deg_ring *r, int ccw)
{
    int rev = (ring_area2(r) > 0) != (ccw != 0);
    int st = bmd_sink_printf(s, "[");
    for (size_t k = 0; k < r->n && st == BMD_OK; k++) {
        size_t i = rev ? r->n - 1 - k : k;
        char xs[32], ys[32];
        bmd__fmt_fixed(xs, sizeof xs, r->x[i], 7);
        bmd__fmt_fixed(ys, sizeof ys, r->y[i], 7);
        st = bmd_sink_printf(s, "%s[%s,%s]", k ? "," : "", xs, ys);
    }
    return st == BMD_OK ? bmd_sink_printf(s, "]") : st;
}

/* The pieces of one polygon (an exterior and its holes) on each side. */
typedef struct piece_out {
    const bmd_sink *s;
    int n_polys; /* polygons written so far */
} piece_out;

static int open_poly(piece_out *p, const deg_ring *ext)
{
    int st = bmd_sink_printf(p->s, "%s[", p->n_polys ? "," : "");
    if (st == BMD_OK) st = put_ring(p->s, ext, 1);
    p->n_polys++;
    return st;
}

/*
 * One exterior ring and its holes (rings[k0 .. k1-1]). An exterior reaching
 * past +-180 deg is moved to cross at +180 and cut there; the east piece is
 * shifted back by -360 deg. A hole must lie wholly on one side.
 */
static int put_group(piece_out *p, const double *lat, const double *lon,
                     const bmd_coverage_ring *rings, size_t k0, size_t k1, bmd_errbuf *err)
{
    deg_ring ext = {0}, side[2] = {{0}, {0}}, hole = {0};
    int st = ring_unwrap(lat, lon, &rings[k0], &ext, err, k0);
    if (st != BMD_OK) return st;
    double lo, hi;
    ring_range(&ext, &lo, &hi);
    if (lo < -180) ring_shift(&ext, 360), lo += 360, hi += 360;
    int cut = hi > 180;
    if (hi - lo >= 360) st = bmd_err_set(err, BMD_EINVAL, "GeoJSON: ring %zu too wide", k0);
    for (int e = 0; e < 2 && st == BMD_OK; e++) {
        if (!cut && e == 1) break;
        if (!cut) {
            side[0] = ext, ext.x = ext.y = NULL;
            continue;
        }
        st = ring_alloc(&side[e], 2 * ext.n + 2);
        if (st != BMD_OK) break;
        clip_180(&ext, e, &side[e]);
        if (e == 1) ring_shift(&side[e], -360);
    }
    for (int e = 0; e < 2 && st == BMD_OK; e++) {
        if (side[e].n == 0) continue;
        st = open_poly(p, &side[e]);
        for (size_t k = k0 + 1; k < k1 && st == BMD_OK; k++) {
            st = ring_unwrap(lat, lon, &rings[k], &hole, err, k);
            if (st != BMD_OK) break;
            double hlo, hhi;
            ring_range(&hole, &hlo, &hhi);
            /* Bring the hole into the exterior's longitude frame. */
            if (hlo < lo - 1e-9) ring_shift(&hole, 360), hlo += 360, hhi += 360;
            if (hlo < 180 && hhi > 180)
                st = bmd_err_set(err, BMD_EINVAL, "GeoJSON: hole %zu crosses the antimeridian", k);
            else if ((hlo >= 180) == (e == 1)) {
                if (e == 1) ring_shift(&hole, -360);
                st = bmd_sink_printf(p->s, ",");
                if (st == BMD_OK) st = put_ring(p->s, &hole, 0);
            }
            ring_free(&hole);
        }
        if (st == BMD_OK) st = bmd_sink_printf(p->s, "]");
    }
    ring_free(&hole);
    ring_free(&ext);
    ring_free(&side[0]);
    ring_free(&side[1]);
    return st;
}

static int put_polygons(const bmd_sink *s, const double *lat, const double *lon,
                        const bmd_coverage_ring *rings, size_t n, bmd_errbuf *err)
{
    if (n > 0 && rings[0].hole)
        return bmd_err_set(err, BMD_EINVAL, "GeoJSON: ring 0 is a hole without an exterior");
    piece_out p = {s, 0};
    int st = BMD_OK;
    for (size_t k0 = 0; k0 < n && st == BMD_OK;) {
        size_t k1 = k0 + 1;
        while (k1 < n && rings[k1].hole)
            k1++;
        st = put_group(&p, lat, lon, rings, k0, k1, err);
        k0 = k1;
    }
    return st;
}

static int put_document(const bmd_sink *s, const double *lat_rad, const double *lon_rad,
                        const bmd_coverage_ring *rings, size_t n_rings, const char *properties,
                        const char *site_name, double site_lat_rad, double site_lon_rad,
                        const char *site_properties, bmd_errbuf *err)
{
    int st = bmd_sink_printf(s,
                             "{\"type\":\"FeatureCollection\",\"features\":[\n"
                             "{\"type\":\"Feature\",\"properties\":%s,"
                             "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[",
                             properties ? properties : "{}");
    if (st == BMD_OK) st = put_polygons(s, lat_rad, lon_rad, rings, n_rings, err);
    if (st == BMD_OK) st = bmd_sink_printf(s, "]}}");
    if (st == BMD_OK && site_name != NULL) {
        if (!isfinite(site_lat_rad) || !isfinite(site_lon_rad) || fabs(site_lat_rad) > BMD_PI / 2)
            return bmd_err_set(err, BMD_EINVAL, "GeoJSON: bad site coordinates");
        st = bmd_sink_printf(s, ",\n{\"type\":\"Feature\",\"properties\":");
        if (st == BMD_OK && site_properties) st = bmd_sink_printf(s, "%s", site_properties);
        if (st == BMD_OK && !site_properties) {
            st = bmd_sink_printf(s, "{\"name\":");
            if (st == BMD_OK) st = bmd__json_string(s, site_name);
            if (st == BMD_OK) st = bmd_sink_printf(s, "}");
        }
        char xs[32], ys[32];
        bmd__fmt_fixed(xs, sizeof xs, bmd_wrap_pi(site_lon_rad) * BMD_RAD2DEG, 7);
        bmd__fmt_fixed(ys, sizeof ys, site_lat_rad * BMD_RAD2DEG, 7);
        if (st == BMD_OK)
            st = bmd_sink_printf(s, ",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%s,%s]}}",
                                 xs, ys);
    }
    if (st == BMD_OK) st = bmd_sink_printf(s, "\n]}\n");
    return st;
}

int bmd_geojson_polygons(const bmd_sink *s, const double *lat_rad, const double *lon_rad,
                         const bmd_coverage_ring *rings, size_t n_rings, const char *properties,
                         const char *site_name, double site_lat_rad, double site_lon_rad,
                         const char *site_properties)
{
    if (s == NULL || (n_rings > 0 && (lat_rad == NULL || lon_rad == NULL || rings == NULL)))
        return BMD_EINVAL;
    bmd_membuf buf = {0};
    bmd_sink mem = {bmd_membuf_write, &buf};
    int st = put_document(&mem, lat_rad, lon_rad, rings, n_rings, properties, site_name,
                          site_lat_rad, site_lon_rad, site_properties, NULL);
    if (st == BMD_OK) st = s->write(s->ctx, buf.data, buf.len);
    bmd_membuf_free(&buf);
    return st;
}
