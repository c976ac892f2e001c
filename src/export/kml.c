/* kml.c: a scene (bmd/export.h) as a KML 2.2 document for Google Earth.
 * Element order within each element follows the OGC KML 2.2 schema
 * (ogckml22.xsd): e.g. Placemark name, description, styleUrl, geometry. */
#include "bmd/export.h"

#include <math.h>
#include <stdio.h>

#include "bmd/const.h"
#include "writers_internal.h"

/* Everything the writing functions share. */
typedef struct kml_out {
    const bmd_sink *s;
    double epoch_s; /* the epoch, s since 1970 */
    int st;         /* first error; once set nothing more is written */
} kml_out;

static void out(kml_out *k, const char *text)
{
    if (k->st == BMD_OK) k->st = bmd_sink_printf(k->s, "%s", text);
}

static void esc(kml_out *k, const char *text)
{
    if (k->st == BMD_OK) k->st = bmd__xml_text(k->s, text);
}

/* <tag>escaped text</tag> */
static void element(kml_out *k, const char *tag, const char *text)
{
    if (k->st == BMD_OK) k->st = bmd_sink_printf(k->s, "<%s>", tag);
    esc(k, text);
    if (k->st == BMD_OK) k->st = bmd_sink_printf(k->s, "</%s>\n", tag);
}

/* KML colours are aabbggrr hex; the scene's are 0xRRGGBBAA. */
static void color(kml_out *k, unsigned long rgba)
{
    unsigned long r = rgba >> 24 & 0xff, g = rgba >> 16 & 0xff, b = rgba >> 8 & 0xff,
                  a = rgba & 0xff;
    if (k->st == BMD_OK)
        k->st = bmd_sink_printf(k->s, "<color>%02lx%02lx%02lx%02lx</color>", a, b, g, r);
}

static void line_style(kml_out *k, const char *id, unsigned long rgba, int width)
{
    if (k->st == BMD_OK) k->st = bmd_sink_printf(k->s, "<Style id=\"%s\"><LineStyle>", id);
    color(k, rgba);
    if (k->st == BMD_OK)
        k->st = bmd_sink_printf(k->s, "<width>%d</width></LineStyle></Style>\n", width);
}

static void poly_style(kml_out *k, const char *id, unsigned long line, unsigned long fill)
{
    if (k->st == BMD_OK) k->st = bmd_sink_printf(k->s, "<Style id=\"%s\"><LineStyle>", id);
    color(k, line);
    out(k, "<width>2</width></LineStyle><PolyStyle>");
    color(k, fill);
    out(k, "</PolyStyle></Style>\n");
}

static void point_style(kml_out *k, int kind)
{
    if (k->st == BMD_OK)
        k->st = bmd_sink_printf(k->s, "<Style id=\"%s\"><IconStyle>", bmd__point_kind_name(kind));
    color(k, bmd__point_rgba(kind));
    out(k, "<Icon><href>http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png</href>"
           "</Icon></IconStyle></Style>\n");
}

static void styles(kml_out *k)
{
    for (int kind = 0; kind <= BMD_SCENE_GROUND_TRACK; kind++) {
        bmd_scene_path p = {0};
        p.kind = kind;
        line_style(k, bmd__path_kind_name(kind), bmd__path_rgba(&p), kind == 2 ? 2 : 3);
    }
    line_style(k, "arc", BMD__ARC_RGBA, 6);
    for (int kind = 0; kind <= BMD_SCENE_FOOTPRINT; kind++)
        poly_style(k, bmd__polygon_kind_name(kind), bmd__polygon_rgba(kind, 1),
                   bmd__polygon_rgba(kind, 0));
    poly_style(k, "fan", BMD__FAN_LINE_RGBA, BMD__FAN_FILL_RGBA);
    for (int kind = 0; kind <= BMD_SCENE_SITE; kind++)
        point_style(k, kind);
}

/* One coordinate tuple; alt < 0 in clamp mode is left out. */
static void coord(kml_out *k, double lat_rad, double lon_rad, double alt_m, int with_alt)
{
    char x[32], y[32], z[32];
    bmd__fmt_fixed(x, sizeof x, bmd_wrap_pi(lon_rad) * BMD_RAD2DEG, 6);
    bmd__fmt_fixed(y, sizeof y, lat_rad * BMD_RAD2DEG, 6);
    bmd__fmt_fixed(z, sizeof z, alt_m, 1);
    if (k->st != BMD_OK) return;
    k->st = with_alt ? bmd_sink_printf(k->s, "%s,%s,%s\n", x, y, z)
                     : bmd_sink_printf(k->s, "%s,%s\n", x, y);
}

static int coord_visit(void *ctx, double t_s, double lat, double lon, double alt)
{
    (void)t_s;
    kml_out *k = ctx;
    coord(k, lat, lon, alt, 1);
    return k->st;
}

static void iso(const kml_out *k, double t_s, char *buf, size_t n)
{
    bmd__iso_format(buf, n, k->epoch_s + t_s);
}

/* <description>: the caller's text (if any), a newline, the generated text. */
static void description(kml_out *k, const char *user, const char *generated)
{
    out(k, "<description>");
    if (user) {
        esc(k, user);
        out(k, "\n");
    }
    esc(k, generated);
    out(k, "</description>\n");
}

static void placemark_head(kml_out *k, const char *name, const char *user_desc, const char *desc,
                           const char *style)
{
    out(k, "<Placemark>\n");
    element(k, "name", name);
    if (user_desc || desc) description(k, user_desc, desc ? desc : "");
    if (k->st == BMD_OK) k->st = bmd_sink_printf(k->s, "<styleUrl>#%s</styleUrl>\n", style);
}

static void line_string(kml_out *k, int clamp)
{
    out(k, clamp ? "<LineString><tessellate>1</tessellate><altitudeMode>clampToGround"
                   "</altitudeMode><coordinates>\n"
                 : "<LineString><extrude>0</extrude><altitudeMode>absolute</altitudeMode>"
                   "<coordinates>\n");
}

static void path_arcs(kml_out *k, const bmd_scene_path *p)
{
    for (size_t a = 0; a < p->n_arcs && k->st == BMD_OK; a++) {
        const bmd_scene_arc *arc = &p->arcs[a];
        if (arc->t_end_s < p->t_s[0] || arc->t_start_s > p->t_s[p->n - 1]) continue;
        char name[512], desc[256], t0[40], t1[40];
        snprintf(name, sizeof name, "%s: %s %zu", p->name ? p->name : "",
                 p->arc_label ? p->arc_label : "highlighted", a + 1);
        iso(k, arc->t_start_s, t0, sizeof t0);
        iso(k, arc->t_end_s, t1, sizeof t1);
        snprintf(desc, sizeof desc, "t = %.1f s to %.1f s (%s to %s)", arc->t_start_s, arc->t_end_s,
                 t0, t1);
        placemark_head(k, name, NULL, desc, "arc");
        line_string(k, p->kind == BMD_SCENE_GROUND_TRACK);
        if (k->st == BMD_OK)
            k->st = bmd__path_slice(p, arc->t_start_s, arc->t_end_s, coord_visit, k);
        out(k, "</coordinates></LineString>\n</Placemark>\n");
    }
}

static void path(kml_out *k, const bmd_scene_path *p)
{
    char desc[1024], t0[40], t1[40];
    double amax = 0;
    for (size_t i = 0; p->alt_m && i < p->n; i++)
        if (p->alt_m[i] > amax) amax = p->alt_m[i];
    iso(k, p->t_s[0], t0, sizeof t0);
    iso(k, p->t_s[p->n - 1], t1, sizeof t1);
    snprintf(desc, sizeof desc, "%s: t = %.1f s to %.1f s (%s to %s), highest %.1f km",
             bmd__path_kind_name(p->kind), p->t_s[0], p->t_s[p->n - 1], t0, t1, amax / 1e3);
    int clamp = p->kind == BMD_SCENE_GROUND_TRACK;
    placemark_head(k, p->name, p->description, desc, bmd__path_kind_name(p->kind));
    line_string(k, clamp);
    for (size_t i = 0; i < p->n; i++)
        coord(k, p->lat_rad[i], p->lon_rad[i], p->alt_m ? p->alt_m[i] : 0, !clamp);
    out(k, "</coordinates></LineString>\n</Placemark>\n");
    path_arcs(k, p);
}

static void point(kml_out *k, const bmd_scene_point *p)
{
    char desc[1024], t[40];
    if (isnan(p->t_s)) {
        snprintf(desc, sizeof desc, "%s: altitude %.1f m", bmd__point_kind_name(p->kind), p->alt_m);
    } else {
        iso(k, p->t_s, t, sizeof t);
        snprintf(desc, sizeof desc, "%s at %s (t = %.1f s), altitude %.1f km",
                 bmd__point_kind_name(p->kind), t, p->t_s, p->alt_m / 1e3);
    }
    placemark_head(k, p->name, p->description, desc, bmd__point_kind_name(p->kind));
    out(k, "<Point><altitudeMode>absolute</altitudeMode><coordinates>");
    char x[32], y[32], z[32];
    bmd__fmt_fixed(x, sizeof x, bmd_wrap_pi(p->lon_rad) * BMD_RAD2DEG, 6);
    bmd__fmt_fixed(y, sizeof y, p->lat_rad * BMD_RAD2DEG, 6);
    bmd__fmt_fixed(z, sizeof z, p->alt_m, 1);
    if (k->st == BMD_OK) k->st = bmd_sink_printf(k->s, "%s,%s,%s", x, y, z);
    out(k, "</coordinates></Point>\n</Placemark>\n");
}

/* A ring on the ground, counter-clockwise (ccw = 1) or clockwise. */
static void ring(kml_out *k, const double *lat, const double *lon, size_t first, size_t n, int ccw)
{
    int rev = (bmd__ring_area(lat, lon, first, n) > 0) != (ccw != 0);
    out(k, "<LinearRing><coordinates>\n");
    for (size_t j = 0; j < n; j++) {
        size_t i = first + (rev ? n - 1 - j : j);
        coord(k, lat[i], lon[i], 0, 0);
    }
    out(k, "</coordinates></LinearRing>");
}

/* KML asks for counter-clockwise outer boundaries (KML 2.2 reference,
 * <Polygon>); holes are written clockwise as in GeoJSON. */
static void polygon_rings(kml_out *k, const double *lat, const double *lon,
                          const bmd_coverage_ring *rings, size_t n)
{
    size_t n_ext = 0;
    for (size_t i = 0; i < n; i++)
        n_ext += !rings[i].hole;
    if (n_ext > 1) out(k, "<MultiGeometry>\n");
    for (size_t i = 0; i < n; i++) {
        if (!rings[i].hole)
            out(k, "<Polygon><tessellate>1</tessellate><altitudeMode>clampToGround</altitudeMode>"
                   "<outerBoundaryIs>");
        else
            out(k, "<innerBoundaryIs>");
        ring(k, lat, lon, rings[i].first, rings[i].n, !rings[i].hole);
        out(k, rings[i].hole ? "</innerBoundaryIs>" : "</outerBoundaryIs>");
        if (i + 1 == n || !rings[i + 1].hole) out(k, "</Polygon>\n");
    }
    if (n_ext > 1) out(k, "</MultiGeometry>\n");
}

static void polygon(kml_out *k, const bmd_scene_polygon *g)
{
    if (g->n_rings == 0) return;
    placemark_head(k, g->name, g->description, NULL, bmd__polygon_kind_name(g->kind));
    polygon_rings(k, g->lat_rad, g->lon_rad, g->rings, g->n_rings);
    out(k, "</Placemark>\n");
}

static void fan(kml_out *k, const bmd_scene_fan *f)
{
    double lat[BMD__FAN_ARC_POINTS + 2], lon[BMD__FAN_ARC_POINTS + 2];
    size_t n;
    if (k->st == BMD_OK) k->st = bmd_scene_fan_ring(f, BMD__FAN_ARC_POINTS, lat, lon, &n);
    if (k->st != BMD_OK) return;
    char desc[1024];
    snprintf(desc, sizeof desc, "boresight %.1f deg, +-%.1f deg, %.0f km",
             bmd_wrap_2pi(f->boresight_rad) * BMD_RAD2DEG, f->half_width_rad * BMD_RAD2DEG,
             f->range_m / 1e3);
    bmd_coverage_ring r = {0, n, 0};
    placemark_head(k, f->name, f->description, desc, "fan");
    polygon_rings(k, lat, lon, &r, 1);
    out(k, "</Placemark>\n");
}

/* The scene's folders, in the order they are written. */
enum { F_PATHS, F_POINTS, F_POLYGONS, F_FANS, F_COUNT };
static const char *const FOLDER_NAME[F_COUNT] = {"Trajectories", "Events", "Regions", "Radar fans"};

static size_t folder_size(const bmd_scene *sc, int f)
{
    return f == F_PATHS      ? sc->n_paths
           : f == F_POINTS   ? sc->n_points
           : f == F_POLYGONS ? sc->n_polygons
                             : sc->n_fans;
}

static void folder_item(kml_out *k, const bmd_scene *sc, int f, size_t i)
{
    if (f == F_PATHS)
        path(k, &sc->paths[i]);
    else if (f == F_POINTS)
        point(k, &sc->points[i]);
    else if (f == F_POLYGONS)
        polygon(k, &sc->polygons[i]);
    else
        fan(k, &sc->fans[i]);
}

/* Each non-empty folder in turn. */
static void body(kml_out *k, const bmd_scene *sc)
{
    for (int f = 0; f < F_COUNT; f++) {
        size_t n = folder_size(sc, f);
        if (n == 0) continue;
        out(k, "<Folder>\n");
        element(k, "name", FOLDER_NAME[f]);
        for (size_t i = 0; i < n; i++)
            folder_item(k, sc, f, i);
        out(k, "</Folder>\n");
    }
}

int bmd_kml_write(const bmd_sink *s, const bmd_scene *sc, bmd_errbuf *err)
{
    if (s == NULL) return bmd_err_set(err, BMD_EINVAL, "KML: no sink");
    int st = bmd_scene_check(sc, err);
    if (st != BMD_OK) return st;
    const char *epoch = sc->epoch ? sc->epoch : BMD_SCENE_EPOCH_DEFAULT;
    kml_out k = {s, 0, BMD_OK};
    bmd__iso_parse(epoch, &k.epoch_s);
    out(&k, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n");
    element(&k, "name", sc->name ? sc->name : "bmdsim");
    char desc[256];
    snprintf(desc, sizeof desc, "Times are seconds after the epoch %s (UTC).", epoch);
    description(&k, sc->description, desc);
    styles(&k);
    if (sc->n_meta > 0) { /* after the styles: ogckml22.xsd's Feature order */
        out(&k, "<ExtendedData>\n");
        for (size_t i = 0; i < sc->n_meta; i++) {
            out(&k, "<Data name=\"");
            esc(&k, sc->meta_keys[i] ? sc->meta_keys[i] : "");
            out(&k, "\"><value>");
            esc(&k, sc->meta_values[i] ? sc->meta_values[i] : "");
            out(&k, "</value></Data>\n");
        }
        out(&k, "</ExtendedData>\n");
    }
    body(&k, sc);
    out(&k, "</Document>\n</kml>\n");
    if (k.st != BMD_OK) return bmd_err_set(err, k.st, "KML: write failed: %s", bmd_strerror(k.st));
    return BMD_OK;
}
