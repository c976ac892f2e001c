/*
 * test_io_writers.c: the GeoJSON, KML and CZML writers (bmd/export.h).
 *
 * Golden files: a tiny scene (2 paths of 3 points, 1 event, 1 polygon with
 * a hole, 1 radar fan) is written and compared byte for byte with
 * tests/data/golden/scene.{kml,czml,geojson}. After a deliberate format
 * change, regenerate them with BMD_UPDATE_GOLDEN=1 ./test_io_writers and
 * review the diff. Structural checks parse the output (cJSON) for what
 * RFC 7946 and Cesium require; tests/cli/writers.sh runs xmllint on the KML.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "bmd/const.h"
#include "bmd/export.h"
#include "check.h"
#include "data_dir.h"
#include "export/writers_internal.h"

#define D2R BMD_DEG2RAD

/* ---- the tiny scene --------------------------------------------------- */

static const double th_t[3] = {0, 100, 200}, th_lat[3] = {38.5 * D2R, 37.0 * D2R, 35.5 * D2R},
                    th_lon[3] = {126.0 * D2R, 127.5 * D2R, 129.0 * D2R}, th_alt[3] = {0, 150e3, 0};
static const double in_t[3] = {120, 150, 180}, in_lat[3] = {35.9 * D2R, 36.2 * D2R, 36.5 * D2R},
                    in_lon[3] = {128.3 * D2R, 128.15 * D2R, 128.0 * D2R},
                    in_alt[3] = {400, 30e3, 50e3};
static const bmd_scene_arc th_arcs[1] = {{50, 150}};

/* A 2 x 2 deg square given clockwise (the writers must turn it round) with
 * a 1 x 1 deg hole given counter-clockwise. */
static const double pg_lat[10] = {35 * D2R,   37 * D2R,   37 * D2R,   35 * D2R,   35 * D2R,
                                  35.5 * D2R, 35.5 * D2R, 36.5 * D2R, 36.5 * D2R, 35.5 * D2R};
static const double pg_lon[10] = {127 * D2R,   127 * D2R,   129 * D2R,   129 * D2R,   127 * D2R,
                                  127.5 * D2R, 128.5 * D2R, 128.5 * D2R, 127.5 * D2R, 127.5 * D2R};
static const bmd_coverage_ring pg_rings[2] = {{0, 5, 0}, {5, 5, 1}};

static void tiny_scene(bmd_scene *sc, bmd_scene_path paths[2], bmd_scene_point *ev,
                       bmd_scene_polygon *pg, bmd_scene_fan *fan)
{
    bmd_scene_init(sc);
    sc->name = "tiny scene";
    memset(paths, 0, 2 * sizeof *paths);
    paths[0].name = "Nodong \"A\" & <B>";
    paths[0].kind = BMD_SCENE_THREAT;
    paths[0].n = 3;
    paths[0].t_s = th_t, paths[0].lat_rad = th_lat, paths[0].lon_rad = th_lon;
    paths[0].alt_m = th_alt;
    paths[0].n_arcs = 1, paths[0].arcs = th_arcs, paths[0].arc_label = "visible";
    paths[1].name = "THAAD 1";
    paths[1].kind = BMD_SCENE_INTERCEPTOR;
    paths[1].n = 3;
    paths[1].t_s = in_t, paths[1].lat_rad = in_lat, paths[1].lon_rad = in_lon;
    paths[1].alt_m = in_alt;
    memset(ev, 0, sizeof *ev);
    ev->name = "Intercept";
    ev->kind = BMD_SCENE_INTERCEPT;
    ev->t_s = 180, ev->lat_rad = 36.5 * D2R, ev->lon_rad = 128.0 * D2R, ev->alt_m = 50e3;
    memset(pg, 0, sizeof *pg);
    pg->name = "coverage at 100 km";
    pg->kind = BMD_SCENE_COVERAGE;
    pg->lat_rad = pg_lat, pg->lon_rad = pg_lon, pg->rings = pg_rings, pg->n_rings = 2;
    memset(fan, 0, sizeof *fan);
    fan->name = "AN/TPY-2 fan";
    fan->lat_rad = 35.9 * D2R, fan->lon_rad = 128.3 * D2R, fan->alt_m = 400;
    fan->boresight_rad = 325 * D2R, fan->half_width_rad = 60 * D2R, fan->range_m = 600e3;
    sc->paths = paths, sc->n_paths = 2;
    sc->points = ev, sc->n_points = 1;
    sc->polygons = pg, sc->n_polygons = 1;
    sc->fans = fan, sc->n_fans = 1;
}

typedef int (*scene_writer)(const bmd_sink *, const bmd_scene *, bmd_errbuf *);

static void write_tiny(scene_writer w, bmd_membuf *buf)
{
    bmd_scene sc;
    bmd_scene_path paths[2];
    bmd_scene_point ev;
    bmd_scene_polygon pg;
    bmd_scene_fan fan;
    tiny_scene(&sc, paths, &ev, &pg, &fan);
    bmd_sink s = {bmd_membuf_write, buf};
    bmd_errbuf e = {{0}};
    int st = w(&s, &sc, &e);
    if (st != BMD_OK) fail_msg("writer: %d %s", st, e.msg);
}

static void write_tiny_geojson(bmd_membuf *buf)
{
    bmd_sink s = {bmd_membuf_write, buf};
    CHECK_OK(bmd_geojson_polygons(&s, pg_lat, pg_lon, pg_rings, 2, "{\"kind\":\"coverage\"}",
                                  "Seongju \"THAAD\"", 35.9 * D2R, 128.3 * D2R, NULL));
}

/* ---- golden files ----------------------------------------------------- */

static void golden(const char *name, const bmd_membuf *got)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/../tests/data/golden/%s", tst_data_dir(), name);
    const char *upd = getenv("BMD_UPDATE_GOLDEN");
    if (upd && *upd == '1') {
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        assert_int_equal(fwrite(got->data, 1, got->len, f), got->len);
        assert_int_equal(fclose(f), 0);
    }
    FILE *f = fopen(path, "rb");
    if (f == NULL) fail_msg("%s: cannot open", path);
    bmd_membuf want = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        assert_int_equal(bmd_membuf_write(&want, chunk, n), BMD_OK);
    fclose(f);
    if (want.len != got->len || memcmp(want.data, got->data, got->len) != 0) {
        size_t i = 0;
        while (i < want.len && i < got->len && want.data[i] == got->data[i])
            i++;
        fail_msg("%s differs from the golden file at byte %zu: got '%.60s', want '%.60s'", name, i,
                 got->data + i, want.data ? want.data + i : "");
    }
    bmd_membuf_free(&want);
}

static void test_golden_kml(void **state)
{
    (void)state;
    bmd_membuf b = {0};
    write_tiny(bmd_kml_write, &b);
    golden("scene.kml", &b);
    bmd_membuf_free(&b);
}

static void test_golden_czml(void **state)
{
    (void)state;
    bmd_membuf b = {0};
    write_tiny(bmd_czml_write, &b);
    golden("scene.czml", &b);
    bmd_membuf_free(&b);
}

static void test_golden_geojson(void **state)
{
    (void)state;
    bmd_membuf b = {0};
    write_tiny_geojson(&b);
    golden("scene.geojson", &b);
    bmd_membuf_free(&b);
}

/* ---- GeoJSON structure (RFC 7946) ------------------------------------- */

/* Shoelace over [lon, lat] pairs: > 0 counter-clockwise. */
static double ring_area(const cJSON *ring)
{
    double a = 0;
    int n = cJSON_GetArraySize(ring);
    for (int i = 0; i + 1 < n; i++) {
        const cJSON *p = cJSON_GetArrayItem(ring, i), *q = cJSON_GetArrayItem(ring, i + 1);
        a += cJSON_GetArrayItem(p, 0)->valuedouble * cJSON_GetArrayItem(q, 1)->valuedouble -
             cJSON_GetArrayItem(q, 0)->valuedouble * cJSON_GetArrayItem(p, 1)->valuedouble;
    }
    return 0.5 * a;
}

/* Every ring closed, >= 4 positions, [lon, lat] in range, exterior
 * counter-clockwise and holes clockwise. Returns the number of polygons. */
static int check_multipolygon(const cJSON *geom, double lon_lo, double lon_hi)
{
    assert_string_equal(cJSON_GetObjectItem(geom, "type")->valuestring, "MultiPolygon");
    const cJSON *polys = cJSON_GetObjectItem(geom, "coordinates");
    const cJSON *poly;
    cJSON_ArrayForEach(poly, polys)
    {
        int k = 0;
        const cJSON *ring;
        cJSON_ArrayForEach(ring, poly)
        {
            int n = cJSON_GetArraySize(ring);
            assert_true(n >= 4);
            const cJSON *first = cJSON_GetArrayItem(ring, 0),
                        *last = cJSON_GetArrayItem(ring, n - 1);
            assert_true(cJSON_GetArrayItem(first, 0)->valuedouble ==
                        cJSON_GetArrayItem(last, 0)->valuedouble);
            assert_true(cJSON_GetArrayItem(first, 1)->valuedouble ==
                        cJSON_GetArrayItem(last, 1)->valuedouble);
            const cJSON *pos;
            cJSON_ArrayForEach(pos, ring)
            {
                assert_int_equal(cJSON_GetArraySize(pos), 2);
                double lon = cJSON_GetArrayItem(pos, 0)->valuedouble;
                double lat = cJSON_GetArrayItem(pos, 1)->valuedouble;
                if (!(lon >= lon_lo && lon <= lon_hi && lat >= -90 && lat <= 90))
                    fail_msg("position [%g, %g] out of range", lon, lat);
            }
            double a = ring_area(ring);
            if (k == 0 && !(a > 0)) fail_msg("exterior ring clockwise (area %g)", a);
            if (k > 0 && !(a < 0)) fail_msg("hole counter-clockwise (area %g)", a);
            k++;
        }
    }
    return cJSON_GetArraySize(polys);
}

static void test_geojson_structure(void **state)
{
    (void)state;
    bmd_membuf b = {0};
    write_tiny_geojson(&b);
    cJSON *d = cJSON_Parse(b.data);
    assert_non_null(d);
    assert_string_equal(cJSON_GetObjectItem(d, "type")->valuestring, "FeatureCollection");
    const cJSON *feats = cJSON_GetObjectItem(d, "features");
    assert_int_equal(cJSON_GetArraySize(feats), 2);
    const cJSON *geom = cJSON_GetObjectItem(cJSON_GetArrayItem(feats, 0), "geometry");
    /* [lon, lat] order: the square spans lon 127-129, lat 35-37. */
    assert_int_equal(check_multipolygon(geom, 127, 129), 1);
    const cJSON *site = cJSON_GetArrayItem(feats, 1);
    const cJSON *pt = cJSON_GetObjectItem(cJSON_GetObjectItem(site, "geometry"), "coordinates");
    CHECK_ABS(cJSON_GetArrayItem(pt, 0)->valuedouble, 128.3, 1e-7);
    CHECK_ABS(cJSON_GetArrayItem(pt, 1)->valuedouble, 35.9, 1e-7);
    /* The site name's quotes are escaped, so the name survives parsing. */
    assert_string_equal(
        cJSON_GetObjectItem(cJSON_GetObjectItem(site, "properties"), "name")->valuestring,
        "Seongju \"THAAD\"");
    cJSON_Delete(d);
    bmd_membuf_free(&b);
}

/* A ring from 170E to 170W crosses the antimeridian: RFC 7946 3.1.9 wants
 * it cut in two, each piece inside [-180, 180] and properly wound. */
static void test_geojson_antimeridian(void **state)
{
    (void)state;
    const double lat[5] = {10 * D2R, 10 * D2R, 20 * D2R, 20 * D2R, 10 * D2R};
    const double lon[5] = {170 * D2R, -170 * D2R, -170 * D2R, 170 * D2R, 170 * D2R};
    const bmd_coverage_ring r = {0, 5, 0};
    bmd_membuf b = {0};
    bmd_sink s = {bmd_membuf_write, &b};
    CHECK_OK(bmd_geojson_polygons(&s, lat, lon, &r, 1, NULL, NULL, 0, 0, NULL));
    cJSON *d = cJSON_Parse(b.data);
    assert_non_null(d);
    const cJSON *geom =
        cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(d, "features"), 0), "geometry");
    assert_int_equal(check_multipolygon(geom, -180, 180), 2);
    /* Each half is 10 x 10 deg (area 100 deg^2). */
    const cJSON *polys = cJSON_GetObjectItem(geom, "coordinates");
    for (int i = 0; i < 2; i++)
        CHECK_ABS(ring_area(cJSON_GetArrayItem(cJSON_GetArrayItem(polys, i), 0)), 100, 1e-6);
    cJSON_Delete(d);
    bmd_membuf_free(&b);
}

/* Holes go with the piece on their side; a hole across the antimeridian
 * is refused. */
static void test_geojson_antimeridian_holes(void **state)
{
    (void)state;
    /* Exterior 170E..170W x 10..20N; hole 178W..172W x 12..18N (east side),
     * given in the same sense as the exterior (the writer reverses it). */
    const double lat[10] = {10 * D2R, 10 * D2R, 20 * D2R, 20 * D2R, 10 * D2R,
                            12 * D2R, 12 * D2R, 18 * D2R, 18 * D2R, 12 * D2R};
    double lon[10] = {170 * D2R,  -170 * D2R, -170 * D2R, 170 * D2R,  170 * D2R,
                      -178 * D2R, -172 * D2R, -172 * D2R, -178 * D2R, -178 * D2R};
    const bmd_coverage_ring r[2] = {{0, 5, 0}, {5, 5, 1}};
    bmd_membuf b = {0};
    bmd_sink s = {bmd_membuf_write, &b};
    CHECK_OK(bmd_geojson_polygons(&s, lat, lon, r, 2, NULL, NULL, 0, 0, NULL));
    cJSON *d = cJSON_Parse(b.data);
    assert_non_null(d);
    const cJSON *geom =
        cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(d, "features"), 0), "geometry");
    assert_int_equal(check_multipolygon(geom, -180, 180), 2);
    const cJSON *polys = cJSON_GetObjectItem(geom, "coordinates");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetArrayItem(polys, 0)), 1); /* west: no hole */
    const cJSON *east = cJSON_GetArrayItem(polys, 1);
    assert_int_equal(cJSON_GetArraySize(east), 2);
    CHECK_ABS(ring_area(cJSON_GetArrayItem(east, 1)), -36, 1e-6); /* 6 x 6 deg, clockwise */
    cJSON_Delete(d);
    bmd_membuf_free(&b);
    /* The hole moved to 178E..178W: refused, nothing written. */
    lon[5] = lon[8] = lon[9] = 178 * D2R, lon[6] = lon[7] = -178 * D2R;
    CHECK_STATUS(bmd_geojson_polygons(&s, lat, lon, r, 2, NULL, NULL, 0, 0, NULL), BMD_EINVAL);
    assert_int_equal(b.len, 0);
}

/* Invalid rings: an error and not a byte written. */
static void test_geojson_errors(void **state)
{
    (void)state;
    bmd_membuf b = {0};
    bmd_sink s = {bmd_membuf_write, &b};
    /* Around the north pole: unwrapped, the ring does not close. */
    const double plat[5] = {80 * D2R, 80 * D2R, 80 * D2R, 80 * D2R, 80 * D2R};
    const double plon[5] = {0, 90 * D2R, 180 * D2R, -90 * D2R, 0};
    const bmd_coverage_ring pr = {0, 5, 0};
    CHECK_STATUS(bmd_geojson_polygons(&s, plat, plon, &pr, 1, NULL, NULL, 0, 0, NULL), BMD_EINVAL);
    /* Not closed. */
    const bmd_coverage_ring open_ring = {0, 4, 0};
    CHECK_STATUS(bmd_geojson_polygons(&s, pg_lat, pg_lon, &open_ring, 1, NULL, NULL, 0, 0, NULL),
                 BMD_EINVAL);
    /* A hole first. */
    CHECK_STATUS(bmd_geojson_polygons(&s, pg_lat, pg_lon, pg_rings + 1, 1, NULL, NULL, 0, 0, NULL),
                 BMD_EINVAL);
    assert_int_equal(b.len, 0);
    bmd_membuf_free(&b);
}

/* ---- CZML structure (what Cesium needs) ------------------------------- */

static void check_interval(const char *text, double *t0, double *t1)
{
    char a[64], c[64];
    const char *slash = strchr(text, '/');
    assert_non_null(slash);
    snprintf(a, sizeof a, "%.*s", (int)(slash - text), text);
    snprintf(c, sizeof c, "%s", slash + 1);
    CHECK_OK(bmd__iso_parse(a, t0));
    CHECK_OK(bmd__iso_parse(c, t1));
    if (!(*t0 <= *t1)) fail_msg("interval %s: start after end", text);
}

static void check_czml(const char *text, int want_packets)
{
    cJSON *d = cJSON_Parse(text);
    assert_non_null(d);
    assert_true(cJSON_IsArray(d));
    assert_int_equal(cJSON_GetArraySize(d), want_packets);
    const cJSON *doc = cJSON_GetArrayItem(d, 0);
    assert_string_equal(cJSON_GetObjectItem(doc, "id")->valuestring, "document");
    assert_string_equal(cJSON_GetObjectItem(doc, "version")->valuestring, "1.0");
    const cJSON *clock = cJSON_GetObjectItem(doc, "clock");
    double c0, c1, cur;
    check_interval(cJSON_GetObjectItem(clock, "interval")->valuestring, &c0, &c1);
    CHECK_OK(bmd__iso_parse(cJSON_GetObjectItem(clock, "currentTime")->valuestring, &cur));
    assert_true(cur >= c0 && cur <= c1);
    const cJSON *p;
    int i = 0;
    cJSON_ArrayForEach(p, d)
    {
        const char *id = cJSON_GetObjectItem(p, "id")->valuestring;
        assert_non_null(id);
        for (int j = 0; j < i; j++)
            if (strcmp(cJSON_GetObjectItem(cJSON_GetArrayItem(d, j), "id")->valuestring, id) == 0)
                fail_msg("id '%s' repeated", id);
        const cJSON *av = cJSON_GetObjectItem(p, "availability");
        if (av) {
            double t0, t1;
            check_interval(av->valuestring, &t0, &t1);
        }
        const cJSON *pos = cJSON_GetObjectItem(p, "position");
        if (pos && cJSON_GetObjectItem(pos, "epoch")) {
            double ep;
            CHECK_OK(bmd__iso_parse(cJSON_GetObjectItem(pos, "epoch")->valuestring, &ep));
            const cJSON *cd = cJSON_GetObjectItem(pos, "cartographicDegrees");
            int n = cJSON_GetArraySize(cd);
            assert_true(n >= 8 && n % 4 == 0);
            for (int k = 4; k < n; k += 4)
                assert_true(cJSON_GetArrayItem(cd, k)->valuedouble >
                            cJSON_GetArrayItem(cd, k - 4)->valuedouble);
        }
        i++;
    }
    cJSON_Delete(d);
}

static void test_czml_structure(void **state)
{
    (void)state;
    bmd_membuf b = {0};
    write_tiny(bmd_czml_write, &b);
    /* document, 2 paths, 1 arc, 1 event, 1 polygon, 1 fan */
    check_czml(b.data, 7);
    bmd_membuf_free(&b);
}

/* ---- KML content (xmllint in tests/cli/writers.sh) ------------------- */

static void test_kml_content(void **state)
{
    (void)state;
    bmd_membuf b = {0};
    write_tiny(bmd_kml_write, &b);
    static const char *const need[] = {
        "<kml xmlns=\"http://www.opengis.net/kml/2.2\">", "<Document>", "<Placemark>",
        "<LineString><extrude>0</extrude><altitudeMode>absolute</altitudeMode>",
        "<altitudeMode>clampToGround</altitudeMode>", "<coordinates>", "<innerBoundaryIs>",
        /* the name with markup characters, escaped */
        "<name>Nodong &quot;A&quot; &amp; &lt;B&gt;</name>",
        /* apogee of the threat at full precision */
        "127.500000,37.000000,150000.0"};
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
        if (strstr(b.data, need[i]) == NULL) fail_msg("KML lacks %s", need[i]);
    assert_null(strstr(b.data, "& "));
    bmd_membuf_free(&b);
}

/* ---- scene checks and errors ----------------------------------------- */

static void test_scene_errors(void **state)
{
    (void)state;
    bmd_scene sc;
    bmd_scene_path paths[2];
    bmd_scene_point ev;
    bmd_scene_polygon pg;
    bmd_scene_fan fan;
    bmd_errbuf e = {{0}};
    bmd_membuf b = {0};
    bmd_sink s = {bmd_membuf_write, &b};

    tiny_scene(&sc, paths, &ev, &pg, &fan);
    const double back_t[3] = {0, 100, 50};
    paths[0].t_s = back_t;
    CHECK_STATUS(bmd_kml_write(&s, &sc, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "time goes back"));
    CHECK_STATUS(bmd_czml_write(&s, &sc, &e), BMD_EINVAL);

    tiny_scene(&sc, paths, &ev, &pg, &fan);
    sc.epoch = "2016-07-08 00:00:00";
    CHECK_STATUS(bmd_czml_write(&s, &sc, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "epoch"));

    tiny_scene(&sc, paths, &ev, &pg, &fan);
    fan.half_width_rad = 0;
    CHECK_STATUS(bmd_kml_write(&s, &sc, &e), BMD_EINVAL);

    tiny_scene(&sc, paths, &ev, &pg, &fan);
    pg.n_rings = 1, pg.rings = pg_rings + 1; /* a hole first */
    CHECK_STATUS(bmd_kml_write(&s, &sc, &e), BMD_EINVAL);
    assert_int_equal(b.len, 0); /* invalid scenes write nothing */

    /* An empty scene is valid: a document packet and an empty KML. */
    bmd_scene_init(&sc);
    CHECK_OK(bmd_czml_write(&s, &sc, &e));
    check_czml(b.data, 1);
    bmd_membuf_free(&b);
    CHECK_OK(bmd_kml_write(&s, &sc, &e));
    assert_non_null(strstr(b.data, "</Document>\n</kml>\n"));
    bmd_membuf_free(&b);
}

/* ---- times ------------------------------------------------------------ */

static void test_iso_times(void **state)
{
    (void)state;
    double t;
    char buf[40];
    CHECK_OK(bmd__iso_parse(BMD_SCENE_EPOCH_DEFAULT, &t));
    /* 2016-07-08T00:00:00Z is 1467936000 s after 1970 (16990 days). */
    CHECK_ABS(t, 1467936000.0, 0);
    bmd__iso_format(buf, sizeof buf, t + 393.2);
    assert_string_equal(buf, "2016-07-08T00:06:33.200Z");
    /* Leap day and year end. */
    CHECK_OK(bmd__iso_parse("2016-02-29T23:59:59Z", &t));
    bmd__iso_format(buf, sizeof buf, t + 1);
    assert_string_equal(buf, "2016-03-01T00:00:00Z");
    CHECK_OK(bmd__iso_parse("2000-12-31T23:59:59.5Z", &t));
    bmd__iso_format(buf, sizeof buf, t + 0.5);
    assert_string_equal(buf, "2001-01-01T00:00:00Z");
    CHECK_STATUS(bmd__iso_parse("2015-02-29T00:00:00Z", &t), BMD_EINVAL);
    CHECK_STATUS(bmd__iso_parse("2016-07-08T00:00:00", &t), BMD_EINVAL);
}

/* ---- failing sinks and atomic files ----------------------------------- */

/* A sink that accepts `left` bytes and then fails. */
typedef struct failing {
    size_t left;
} failing;

static int failing_write(void *ctx, const char *data, size_t len)
{
    (void)data;
    failing *f = ctx;
    if (len > f->left) return BMD_EIO;
    f->left -= len;
    return BMD_OK;
}

/* A sink that passes `left` bytes on to another sink and then fails
 * (a disk that fills up half-way). */
typedef struct forward {
    bmd_sink inner;
    size_t left;
} forward;

static int forward_write(void *ctx, const char *data, size_t len)
{
    forward *f = ctx;
    if (len > f->left) return BMD_EIO;
    f->left -= len;
    return f->inner.write(f->inner.ctx, data, len);
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

static void test_failing_sink(void **state)
{
    (void)state;
    bmd_scene sc;
    bmd_scene_path paths[2];
    bmd_scene_point ev;
    bmd_scene_polygon pg;
    bmd_scene_fan fan;
    tiny_scene(&sc, paths, &ev, &pg, &fan);
    bmd_errbuf e = {{0}};
    scene_writer w[2] = {bmd_kml_write, bmd_czml_write};
    for (int i = 0; i < 2; i++) {
        failing f = {1000};
        bmd_sink s = {failing_write, &f};
        CHECK_STATUS(w[i](&s, &sc, &e), BMD_EIO);
        assert_non_null(strstr(e.msg, "write failed"));
    }
    failing f = {100};
    bmd_sink s = {failing_write, &f};
    CHECK_STATUS(bmd_geojson_polygons(&s, pg_lat, pg_lon, pg_rings, 2, NULL, NULL, 0, 0, NULL),
                 BMD_EIO);

    /* Through an atomic file: the failed write is aborted, leaving nothing. */
    char dir[] = "bmd_writers_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[4096];
    snprintf(path, sizeof path, "%s/scenario.kml", dir);
    bmd_atomic_file af;
    CHECK_OK(bmd_atomic_open(&af, path, &e));
    bmd_sink fs = bmd_atomic_sink(&af);
    forward fw = {fs, 500};
    bmd_sink half = {forward_write, &fw};
    int st = bmd_kml_write(&half, &sc, &e);
    assert_true(st < 0);
    if (st < 0) bmd_atomic_abort(&af);
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(count_entries(dir), 0);
    /* And a successful write leaves exactly the file. */
    CHECK_OK(bmd_atomic_open(&af, path, &e));
    fs = bmd_atomic_sink(&af);
    CHECK_OK(bmd_kml_write(&fs, &sc, &e));
    CHECK_OK(bmd_atomic_commit(&af, &e));
    assert_int_equal(access(path, F_OK), 0);
    assert_int_equal(count_entries(dir), 1);
    remove(path);

    /* bmd_scene_write_dir: both files, equal to the in-memory output. */
    CHECK_OK(bmd_scene_write_dir(dir, "run", &sc, BMD_SCENE_KML | BMD_SCENE_CZML, &e));
    assert_int_equal(count_entries(dir), 2);
    bmd_membuf b = {0};
    write_tiny(bmd_czml_write, &b);
    snprintf(path, sizeof path, "%s/run.czml", dir);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char *back = calloc(1, b.len + 2);
    assert_non_null(back);
    assert_int_equal(fread(back, 1, b.len + 1, fp), b.len);
    fclose(fp);
    assert_memory_equal(back, b.data, b.len);
    free(back);
    bmd_membuf_free(&b);
    remove(path);
    snprintf(path, sizeof path, "%s/run.kml", dir);
    remove(path);
    /* An invalid scene creates nothing; a missing directory is an error. */
    paths[0].n = 1;
    CHECK_STATUS(bmd_scene_write_dir(dir, "run", &sc, BMD_SCENE_KML, &e), BMD_EINVAL);
    assert_int_equal(count_entries(dir), 0);
    paths[0].n = 3;
    snprintf(path, sizeof path, "%s/missing", dir);
    CHECK_STATUS(bmd_scene_write_dir(path, NULL, &sc, BMD_SCENE_CZML, &e), BMD_EIO);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_kml),
        cmocka_unit_test(test_golden_czml),
        cmocka_unit_test(test_golden_geojson),
        cmocka_unit_test(test_geojson_structure),
        cmocka_unit_test(test_geojson_antimeridian),
        cmocka_unit_test(test_geojson_antimeridian_holes),
        cmocka_unit_test(test_geojson_errors),
        cmocka_unit_test(test_czml_structure),
        cmocka_unit_test(test_kml_content),
        cmocka_unit_test(test_scene_errors),
        cmocka_unit_test(test_iso_times),
        cmocka_unit_test(test_failing_sink),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
