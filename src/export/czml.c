/* czml.c: a scene (bmd/export.h) as CZML for a Cesium globe: a JSON array
 * of packets, the document packet first (CZML Structure and Packet pages of
 * the CZML guide, github.com/AnalyticalGraphicsInc/czml-writer/wiki). */
#include "bmd/export.h"

#include <math.h>
#include <stdio.h>

#include "bmd/const.h"
#include "writers_internal.h"

typedef struct czml_out {
    const bmd_sink *s;
    const char *epoch; /* ISO text of t = 0 */
    double epoch_s;    /* the same, s since 1970 */
    double t0_s, t1_s; /* the clock interval, s after the epoch */
    int n_written;     /* values written in the current array */
    int st;
} czml_out;

static void out(czml_out *c, const char *text)
{
    if (c->st == BMD_OK) c->st = bmd_sink_printf(c->s, "%s", text);
}

static void str(czml_out *c, const char *text)
{
    if (c->st == BMD_OK) c->st = bmd__json_string(c->s, text);
}

/* ,"key":"escaped text" */
static void kv_str(czml_out *c, const char *key, const char *text)
{
    if (c->st == BMD_OK) c->st = bmd_sink_printf(c->s, ",\"%s\":", key);
    str(c, text);
}

static void iso(const czml_out *c, double t_s, char *buf, size_t n)
{
    bmd__iso_format(buf, n, c->epoch_s + t_s);
}

/* ,"availability":"start/end" */
static void availability(czml_out *c, double t0_s, double t1_s)
{
    char a[40], b[40];
    iso(c, t0_s, a, sizeof a);
    iso(c, t1_s, b, sizeof b);
    if (c->st == BMD_OK) c->st = bmd_sink_printf(c->s, ",\"availability\":\"%s/%s\"", a, b);
}

/* An event's label is shown for BMD_CZML_LABEL_S of simulated time after
 * the event (3 s of viewing at the clock's 10x) and then hidden, so labels
 * do not pile up; the point stays to mark where it happened. */
#define BMD_CZML_LABEL_S 30.0

/* ,"show":[{"interval":"t/t+W","boolean":true},{"interval":"t+W/end","boolean":false}] */
static void label_window(czml_out *c, double t_s)
{
    char a[40], b[40], e[40];
    double t1 = t_s + BMD_CZML_LABEL_S;
    iso(c, t_s, a, sizeof a);
    iso(c, t1, b, sizeof b);
    if (c->st != BMD_OK) return;
    c->st = bmd_sink_printf(c->s, ",\"show\":[{\"interval\":\"%s/%s\",\"boolean\":true}", a, b);
    if (c->st == BMD_OK && t1 < c->t1_s) {
        iso(c, c->t1_s, e, sizeof e);
        c->st = bmd_sink_printf(c->s, ",{\"interval\":\"%s/%s\",\"boolean\":false}", b, e);
    }
    if (c->st == BMD_OK) c->st = bmd_sink_printf(c->s, "]");
}

static void rgba(czml_out *c, unsigned long v)
{
    if (c->st == BMD_OK)
        c->st = bmd_sink_printf(c->s, "{\"rgba\":[%lu,%lu,%lu,%lu]}", v >> 24 & 0xff,
                                v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff);
}

static void material(czml_out *c, unsigned long v)
{
    out(c, "{\"solidColor\":{\"color\":");
    rgba(c, v);
    out(c, "}}");
}

/* One array element "lon,lat,alt" (with_t: "t,lon,lat,alt"). */
static void tuple(czml_out *c, int with_t, double t, double lat, double lon, double alt)
{
    char ts[40], x[32], y[32], z[32];
    bmd__fmt_fixed(ts, sizeof ts, t, 3);
    bmd__fmt_fixed(x, sizeof x, bmd_wrap_pi(lon) * BMD_RAD2DEG, 6);
    bmd__fmt_fixed(y, sizeof y, lat * BMD_RAD2DEG, 6);
    bmd__fmt_fixed(z, sizeof z, alt, 1);
    if (c->st != BMD_OK) return;
    const char *sep = c->n_written ? ",\n" : "\n";
    c->st = with_t ? bmd_sink_printf(c->s, "%s%s,%s,%s,%s", sep, ts, x, y, z)
                   : bmd_sink_printf(c->s, "%s%s,%s,%s", sep, x, y, z);
    c->n_written++;
}

static int tuple_visit(void *ctx, double t_s, double lat, double lon, double alt)
{
    czml_out *c = ctx;
    tuple(c, 0, t_s, lat, lon, alt);
    return c->st;
}

static void document(czml_out *c, const bmd_scene *sc)
{
    char a[40], b[40];
    iso(c, c->t0_s, a, sizeof a);
    iso(c, c->t1_s, b, sizeof b);
    out(c, "[\n{\"id\":\"document\"");
    kv_str(c, "name", sc->name ? sc->name : "bmdsim");
    if (sc->description) kv_str(c, "description", sc->description);
    char m[32];
    bmd__fmt_fixed(m, sizeof m, sc->clock_multiplier > 0 ? sc->clock_multiplier : 10.0, 3);
    if (c->st == BMD_OK)
        c->st = bmd_sink_printf(c->s,
                                ",\"version\":\"1.0\",\"clock\":{\"interval\":\"%s/%s\","
                                "\"currentTime\":\"%s\",\"multiplier\":%s,"
                                "\"range\":\"LOOP_STOP\",\"step\":\"SYSTEM_CLOCK_MULTIPLIER\"}",
                                a, b, a, m);
    if (sc->n_meta > 0) {
        out(c, ",\"properties\":{");
        for (size_t i = 0; i < sc->n_meta; i++) {
            if (i) out(c, ",");
            str(c, sc->meta_keys[i] ? sc->meta_keys[i] : "");
            out(c, ":");
            str(c, sc->meta_values[i] ? sc->meta_values[i] : "");
        }
        out(c, "}");
    }
    out(c, "}");
}

/* ,\n{"id":"PREFIX/I[/NAME]","name":NAME[,"description":...] */
static void packet_head(czml_out *c, const char *prefix, size_t i, const char *name,
                        const char *desc)
{
    if (c->st == BMD_OK) c->st = bmd_sink_printf(c->s, ",\n{\"id\":");
    char id[600];
    snprintf(id, sizeof id, "%s/%zu/%s", prefix, i, name ? name : "");
    str(c, id);
    kv_str(c, "name", name ? name : "");
    if (desc) kv_str(c, "description", desc);
}

static void arcs(czml_out *c, const bmd_scene_path *p, size_t i)
{
    for (size_t a = 0; a < p->n_arcs && c->st == BMD_OK; a++) {
        const bmd_scene_arc *arc = &p->arcs[a];
        if (arc->t_end_s < p->t_s[0] || arc->t_start_s > p->t_s[p->n - 1]) continue;
        char prefix[64], name[512];
        snprintf(prefix, sizeof prefix, "path/%zu/arc", i);
        snprintf(name, sizeof name, "%s: %s %zu", p->name ? p->name : "",
                 p->arc_label ? p->arc_label : "highlighted", a + 1);
        packet_head(c, prefix, a, name, NULL);
        availability(c, p->t_s[0], p->t_s[p->n - 1]);
        out(c, ",\"polyline\":{\"width\":6,\"material\":");
        material(c, BMD__ARC_RGBA);
        if (p->kind == BMD_SCENE_GROUND_TRACK) out(c, ",\"clampToGround\":true");
        out(c, ",\"positions\":{\"cartographicDegrees\":[");
        c->n_written = 0;
        if (c->st == BMD_OK)
            c->st = bmd__path_slice(p, arc->t_start_s, arc->t_end_s, tuple_visit, c);
        out(c, "]}}}");
    }
}

static void ground_track(czml_out *c, const bmd_scene_path *p)
{
    out(c, ",\"polyline\":{\"width\":2,\"clampToGround\":true,\"material\":");
    material(c, bmd__path_rgba(p));
    out(c, ",\"positions\":{\"cartographicDegrees\":[");
    c->n_written = 0;
    for (size_t k = 0; k < p->n; k++)
        tuple(c, 0, 0, p->lat_rad[k], p->lon_rad[k], 0);
    out(c, "]}}}");
}

static void moving(czml_out *c, const bmd_scene_path *p)
{
    availability(c, p->t_s[0], p->t_s[p->n - 1]);
    out(c, ",\"position\":{\"epoch\":");
    str(c, c->epoch);
    out(c, ",\"interpolationAlgorithm\":\"LAGRANGE\",\"interpolationDegree\":1,"
           "\"cartographicDegrees\":[");
    c->n_written = 0;
    /* Cesium needs increasing sample times: a repeated time keeps its first
     * sample. */
    for (size_t k = 0; k < p->n; k++)
        if (k == 0 || p->t_s[k] > p->t_s[k - 1])
            tuple(c, 1, p->t_s[k], p->lat_rad[k], p->lon_rad[k], p->alt_m ? p->alt_m[k] : 0);
    out(c, "]},\"point\":{\"pixelSize\":8,\"color\":");
    rgba(c, bmd__path_rgba(p));
    out(c, "},\"path\":{\"width\":2,\"leadTime\":0,\"trailTime\":1000000,\"resolution\":1,"
           "\"material\":");
    material(c, bmd__path_rgba(p));
    out(c, "}}");
}

static void path(czml_out *c, const bmd_scene_path *p, size_t i)
{
    packet_head(c, "path", i, p->name, p->description);
    if (p->kind == BMD_SCENE_GROUND_TRACK)
        ground_track(c, p);
    else
        moving(c, p);
    arcs(c, p, i);
}

static void point(czml_out *c, const bmd_scene_point *p, size_t i)
{
    char desc[1024], t[40];
    if (isnan(p->t_s)) {
        snprintf(desc, sizeof desc, "%s%s%s: altitude %.1f m", p->description ? p->description : "",
                 p->description ? "\n" : "", bmd__point_kind_name(p->kind), p->alt_m);
    } else {
        iso(c, p->t_s, t, sizeof t);
        snprintf(desc, sizeof desc, "%s%s%s at %s (t = %.1f s), altitude %.1f km",
                 p->description ? p->description : "", p->description ? "\n" : "",
                 bmd__point_kind_name(p->kind), t, p->t_s, p->alt_m / 1e3);
    }
    packet_head(c, "point", i, p->name, desc);
    if (!isnan(p->t_s)) availability(c, p->t_s, p->t_s > c->t1_s ? p->t_s : c->t1_s);
    out(c, ",\"position\":{\"cartographicDegrees\":[");
    c->n_written = 0;
    tuple(c, 0, 0, p->lat_rad, p->lon_rad, p->alt_m);
    out(c, "]},\"point\":{\"pixelSize\":10,\"outlineWidth\":1,\"outlineColor\":");
    rgba(c, 0x000000ffUL);
    out(c, ",\"color\":");
    rgba(c, bmd__point_rgba(p->kind));
    out(c, "},\"label\":{\"text\":");
    str(c, p->name ? p->name : "");
    out(c, ",\"font\":\"12pt sans-serif\",\"pixelOffset\":{\"cartesian2\":[0,-20]}");
    if (!isnan(p->t_s)) label_window(c, p->t_s);
    out(c, "}}");
}

/* A ground polygon packet: exterior rings[0], holes rings[1..n-1]. The
 * closing vertex is left out (Cesium closes rings itself). */
static void ground_polygon(czml_out *c, const double *lat, const double *lon,
                           const bmd_coverage_ring *rings, size_t n, unsigned long fill,
                           unsigned long line)
{
    out(c, ",\"polygon\":{\"height\":0,\"outline\":true,\"outlineColor\":");
    rgba(c, line);
    out(c, ",\"material\":");
    material(c, fill);
    for (size_t r = 0; r < n && c->st == BMD_OK; r++) {
        if (r == 0) out(c, ",\"positions\":{\"cartographicDegrees\":[");
        if (r == 1) out(c, ",\"holes\":{\"cartographicDegrees\":[");
        if (r >= 1) out(c, r > 1 ? ",[" : "[");
        c->n_written = 0;
        for (size_t k = rings[r].first; k + 1 < rings[r].first + rings[r].n; k++)
            tuple(c, 0, 0, lat[k], lon[k], 0);
        out(c, r == 0 ? "]}" : "]");
    }
    if (n > 1) out(c, "]}");
    out(c, "}}");
}

static void polygon(czml_out *c, const bmd_scene_polygon *g, size_t i)
{
    char prefix[64];
    snprintf(prefix, sizeof prefix, "polygon/%zu", i);
    for (size_t k0 = 0, part = 0; k0 < g->n_rings && c->st == BMD_OK; part++) {
        size_t k1 = k0 + 1;
        while (k1 < g->n_rings && g->rings[k1].hole)
            k1++;
        char id_name[600];
        snprintf(id_name, sizeof id_name, "%s", g->name ? g->name : "");
        packet_head(c, prefix, part, id_name, g->description);
        ground_polygon(c, g->lat_rad, g->lon_rad, g->rings + k0, k1 - k0,
                       bmd__polygon_rgba(g->kind, 0), bmd__polygon_rgba(g->kind, 1));
        k0 = k1;
    }
}

static void fan(czml_out *c, const bmd_scene_fan *f, size_t i)
{
    double lat[BMD__FAN_ARC_POINTS + 2], lon[BMD__FAN_ARC_POINTS + 2];
    size_t n;
    if (c->st == BMD_OK) c->st = bmd_scene_fan_ring(f, BMD__FAN_ARC_POINTS, lat, lon, &n);
    if (c->st != BMD_OK) return;
    char desc[1024];
    snprintf(desc, sizeof desc, "%s%sboresight %.1f deg, +-%.1f deg, %.0f km",
             f->description ? f->description : "", f->description ? "\n" : "",
             bmd_wrap_2pi(f->boresight_rad) * BMD_RAD2DEG, f->half_width_rad * BMD_RAD2DEG,
             f->range_m / 1e3);
    packet_head(c, "fan", i, f->name, desc);
    bmd_coverage_ring r = {0, n, 0};
    ground_polygon(c, lat, lon, &r, 1, BMD__FAN_FILL_RGBA, BMD__FAN_LINE_RGBA);
}

int bmd_czml_write(const bmd_sink *s, const bmd_scene *sc, bmd_errbuf *err)
{
    if (s == NULL) return bmd_err_set(err, BMD_EINVAL, "CZML: no sink");
    int st = bmd_scene_check(sc, err);
    if (st != BMD_OK) return st;
    czml_out c = {0};
    c.s = s;
    c.epoch = sc->epoch ? sc->epoch : BMD_SCENE_EPOCH_DEFAULT;
    bmd__iso_parse(c.epoch, &c.epoch_s);
    bmd__scene_span(sc, &c.t0_s, &c.t1_s);
    document(&c, sc);
    for (size_t i = 0; i < sc->n_paths; i++)
        path(&c, &sc->paths[i], i);
    for (size_t i = 0; i < sc->n_points; i++)
        point(&c, &sc->points[i], i);
    for (size_t i = 0; i < sc->n_polygons; i++)
        polygon(&c, &sc->polygons[i], i);
    for (size_t i = 0; i < sc->n_fans; i++)
        fan(&c, &sc->fans[i], i);
    out(&c, "\n]\n");
    if (c.st != BMD_OK) return bmd_err_set(err, c.st, "CZML: write failed: %s", bmd_strerror(c.st));
    return BMD_OK;
}
