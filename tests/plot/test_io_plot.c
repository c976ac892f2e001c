/*
 * test_io_plot.c: figures (bmd/plot.h) and the map data (bmd/map.h).
 *
 * Each figure kind is rendered to PNG at 800 x 600 in a temporary directory
 * and the file is checked to be a PNG whose IHDR chunk (PNG specification,
 * ISO/IEC 15948:2004, 11.2.2: width and height as 4-byte big-endian
 * integers at offsets 16 and 20) holds the requested size, and to be larger
 * than a blank image (a white 800 x 600 PNG from cairo is about 2 KB); SVG
 * and PDF are checked by their magic bytes. Error paths: an output
 * directory that does not exist, a "directory" that is a file, a size out
 * of range, an unknown format; each leaves no file behind.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bmd/const.h"
#include "bmd/catalog.h"
#include "bmd/map.h"
#include "bmd/plot.h"
#include "check.h"
#include "data_dir.h"

#define D2R BMD_DEG2RAD
#define NS 121

/* LeakSanitizer (make sanitize): fontconfig, loaded by PLplot's cairo
 * driver, keeps its configuration caches for the life of the process; those
 * are not leaks of bmdsim. LSan calls this hook when it is linked in. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

/* A made-up threat (Nodong-like shape, 470 km, apogee 120 km) and an
 * interceptor rising to meet it; not physics, only something to draw. */
struct fixture {
    double t[NS], alt[NS], lat[NS], lon[NS];
    unsigned char hl[NS];
    double ti[NS], alti[NS], lati[NS], loni[NS];
    char dir[64];
};

static struct fixture *make_fixture(void)
{
    struct fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    for (int i = 0; i < NS; i++) {
        double u = i / (double)(NS - 1);
        f->t[i] = 400.0 * u;
        f->alt[i] = 120e3 * sin(BMD_PI * u);
        f->lat[i] = (38.6 - 3.4 * u) * D2R;
        f->lon[i] = (126.0 + 3.1 * u) * D2R;
        f->hl[i] = u > 0.3 && u < 0.9;
        f->ti[i] = 300.0 + 60.0 * u;
        f->alti[i] = 40e3 * u;
        f->lati[i] = (35.9 + 0.3 * u) * D2R;
        f->loni[i] = (128.3 - 0.1 * u) * D2R;
    }
    snprintf(f->dir, sizeof f->dir, "bmd_plot_XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    return f;
}

/* Number of entries in dir besides . and .. */
static int dir_entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) n++;
    closedir(d);
    return n;
}

static void free_fixture(struct fixture *f)
{
    if (getenv("BMD_TEST_KEEP_FIGURES") != NULL) { /* to look at them */
        free(f);
        return;
    }
    DIR *d = opendir(f->dir);
    struct dirent *e;
    char path[512];
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        snprintf(path, sizeof path, "%s/%s", f->dir, e->d_name);
        remove(path);
    }
    if (d) closedir(d);
    rmdir(f->dir);
    free(f);
}

/* The first n bytes of a file and its size. */
static long read_head(const char *path, unsigned char *buf, size_t n)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) fail_msg("%s: not written", path);
    size_t got = fread(buf, 1, n, fp);
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    fclose(fp);
    if (got < n) fail_msg("%s: only %zu bytes", path, got);
    return size;
}

static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 |
           (unsigned long)p[3];
}

/* A PNG of w x h with more than min_bytes (non-trivial content). */
static void check_png(const char *path, unsigned long w, unsigned long h, long min_bytes)
{
    unsigned char b[24];
    long size = read_head(path, b, sizeof b);
    assert_memory_equal(b, "\x89PNG\r\n\x1a\n", 8);
    assert_memory_equal(b + 12, "IHDR", 4);
    assert_int_equal(be32(b + 16), w);
    assert_int_equal(be32(b + 20), h);
    if (size <= min_bytes) fail_msg("%s: %ld bytes, want more than %ld", path, size, min_bytes);
}

static void opts_for(bmd_plot_opts *o, char *path, size_t n, const struct fixture *f,
                     const char *name, bmd_plot_format fmt)
{
    bmd_plot_opts_init(o);
    snprintf(path, n, "%s/%s.%s", f->dir, name, bmd_plot_format_ext(fmt));
    o->path = path;
    o->format = fmt;
    o->width_px = 800;
    o->height_px = 600;
    o->title = "Test figure #1";
    o->subtitle = "made-up data, not a simulation";
}

static void threat_series(const struct fixture *f, bmd_plot_series *s)
{
    memset(s, 0, 2 * sizeof *s);
    s[0].label = "threat", s[0].role = BMD_PLOT_THREAT, s[0].n = NS;
    s[0].t_s = f->t, s[0].alt_m = f->alt, s[0].lat_rad = f->lat, s[0].lon_rad = f->lon;
    s[0].highlight = f->hl;
    s[1].label = "interceptor", s[1].role = BMD_PLOT_INTERCEPTOR, s[1].n = NS;
    s[1].t_s = f->ti, s[1].alt_m = f->alti, s[1].lat_rad = f->lati, s[1].lon_rad = f->loni;
}

static const bmd_plot_marker markers[3] = {
    {BMD_PLOT_EV_BURNOUT, NULL, 90.0, 100e3, 45e3},
    {BMD_PLOT_EV_APOGEE, "apogee 120 km", 200.0, 235e3, 120e3},
    {BMD_PLOT_EV_INTERCEPT, NULL, 360.0, 440e3, 40e3},
};

static void test_profile_png(void **state)
{
    (void)state;
    struct fixture *f = make_fixture();
    bmd_plot_opts o;
    char path[128];
    bmd_plot_series s[2];
    threat_series(f, s);
    opts_for(&o, path, sizeof path, f, "profile", BMD_PLOT_PNG);
    bmd_plot_band band = {40e3, 150e3, "THAAD intercept altitudes"};
    bmd_errbuf e = {{0}};
    CHECK_OK(bmd_plot_profile(&o, s, 1, markers, 3, &band, &e));
    check_png(path, 800, 600, 10000);
    assert_int_equal(dir_entries(f->dir), 1); /* no temporary left */
    free_fixture(f);
}

static void test_timeline_png(void **state)
{
    (void)state;
    struct fixture *f = make_fixture();
    bmd_plot_opts o;
    char path[128];
    bmd_plot_series s[2];
    threat_series(f, s);
    opts_for(&o, path, sizeof path, f, "timeline", BMD_PLOT_PNG);
    bmd_errbuf e = {{0}};
    CHECK_OK(bmd_plot_timeline(&o, s, 2, markers, 3, NULL, &e));
    check_png(path, 800, 600, 10000);
    free_fixture(f);
}

/* The basemap of data/map (free with bmd_map_free). */
static void load_map(bmd_map *map)
{
    char mp[4096];
    bmd_errbuf e = {{0}};
    CHECK_OK(bmd_data_path(mp, sizeof mp, tst_data_dir(), BMD_MAP_FILE));
    CHECK_OK(bmd_map_load(mp, map, &e));
}

static void test_map_png(void **state)
{
    (void)state;
    struct fixture *f = make_fixture();
    bmd_map map = {0};
    bmd_errbuf e = {{0}};
    load_map(&map);
    bmd_plot_opts o;
    char path[128];
    bmd_plot_series s[2];
    threat_series(f, s);
    opts_for(&o, path, sizeof path, f, "map", BMD_PLOT_PNG);
    double alat[4] = {35.0 * D2R, 35.0 * D2R, 36.5 * D2R, 36.5 * D2R};
    double alon[4] = {127.5 * D2R, 129.5 * D2R, 129.5 * D2R, 127.5 * D2R};
    bmd_plot_area area = {"defended footprint", BMD_PLOT_AREA_FOOTPRINT, 4, alat, alon};
    bmd_plot_place pl[2] = {{"THAAD", BMD_PLOT_PLACE_BATTERY, 35.95 * D2R, 128.2 * D2R},
                            {"Busan", BMD_PLOT_PLACE_DEFENDED, 35.18 * D2R, 129.08 * D2R}};
    bmd_plot_fan fan = {NULL, 35.95 * D2R, 128.2 * D2R, 325 * D2R, 60 * D2R, 600e3, 0};
    bmd_plot_map_layers l;
    bmd_plot_map_layers_init(&l);
    l.basemap = &map;
    l.areas = &area, l.n_areas = 1;
    l.tracks = s, l.n_tracks = 1, l.highlight_label = "visible to the radar";
    l.places = pl, l.n_places = 2;
    l.fans = &fan, l.n_fans = 1;
    CHECK_OK(bmd_plot_map(&o, &l, &e));
    check_png(path, 800, 600, 20000);
    /* Same layers far apart (Korea to the US west coast): azimuthal
     * equidistant, the track crossing the antimeridian. */
    double tlat[2] = {36 * D2R, 34 * D2R}, tlon[2] = {128 * D2R, -118 * D2R};
    bmd_plot_series far = {0};
    far.n = 2, far.lat_rad = tlat, far.lon_rad = tlon, far.label = "great circle ends";
    l.tracks = &far, l.n_areas = 0;
    snprintf(path, sizeof path, "%s/far.png", f->dir);
    CHECK_OK(bmd_plot_map(&o, &l, &e));
    check_png(path, 800, 600, 20000);
    bmd_map_free(&map);
    free_fixture(f);
}

static void test_svg_pdf(void **state)
{
    (void)state;
    struct fixture *f = make_fixture();
    bmd_plot_opts o;
    char path[128];
    bmd_plot_series s[2];
    threat_series(f, s);
    unsigned char b[8];
    bmd_errbuf e = {{0}};
    opts_for(&o, path, sizeof path, f, "timeline", BMD_PLOT_SVG);
    CHECK_OK(bmd_plot_timeline(&o, s, 2, markers, 3, NULL, &e));
    read_head(path, b, 5);
    assert_memory_equal(b, "<?xml", 5);
    opts_for(&o, path, sizeof path, f, "timeline", BMD_PLOT_PDF);
    CHECK_OK(bmd_plot_timeline(&o, s, 2, markers, 3, NULL, &e));
    read_head(path, b, 5);
    assert_memory_equal(b, "%PDF-", 5);
    free_fixture(f);
}

static void test_errors(void **state)
{
    (void)state;
    struct fixture *f = make_fixture();
    bmd_plot_opts o;
    char path[160];
    bmd_plot_series s[2];
    threat_series(f, s);
    bmd_errbuf e = {{0}};
    /* A directory that does not exist: BMD_EIO, nothing written. */
    opts_for(&o, path, sizeof path, f, "missing/profile", BMD_PLOT_PNG);
    CHECK_STATUS(bmd_plot_profile(&o, s, 1, NULL, 0, NULL, &e), BMD_EIO);
    assert_non_null(strstr(e.msg, "cannot create"));
    /* A "directory" that is a regular file. */
    char file[128];
    snprintf(file, sizeof file, "%s/plain", f->dir);
    FILE *fp = fopen(file, "w");
    assert_non_null(fp);
    fclose(fp);
    opts_for(&o, path, sizeof path, f, "plain/profile", BMD_PLOT_PNG);
    CHECK_STATUS(bmd_plot_timeline(&o, s, 1, NULL, 0, NULL, &e), BMD_EIO);
    assert_int_equal(dir_entries(f->dir), 1); /* only "plain" */
    /* Sizes, data and formats. */
    opts_for(&o, path, sizeof path, f, "small", BMD_PLOT_PNG);
    o.width_px = 10;
    CHECK_STATUS(bmd_plot_profile(&o, s, 1, NULL, 0, NULL, &e), BMD_EINVAL);
    o.width_px = 800;
    CHECK_STATUS(bmd_plot_profile(&o, s, 0, NULL, 0, NULL, &e), BMD_EINVAL);
    double bad_alt[NS];
    memcpy(bad_alt, f->alt, sizeof bad_alt);
    bad_alt[5] = NAN;
    s[0].alt_m = bad_alt;
    CHECK_STATUS(bmd_plot_profile(&o, s, 1, NULL, 0, NULL, &e), BMD_EINVAL);
    bmd_plot_map_layers l;
    bmd_plot_map_layers_init(&l);
    CHECK_STATUS(bmd_plot_map(&o, &l, &e), BMD_EINVAL); /* nothing to draw */
    assert_int_equal(dir_entries(f->dir), 1);
    bmd_plot_format fmt = BMD_PLOT_PDF;
    CHECK_STATUS(bmd_plot_format_parse("bogus", &fmt, &e), BMD_ENOTFOUND);
    assert_non_null(strstr(e.msg, "png, svg or pdf"));
    CHECK_OK(bmd_plot_format_parse("svg", &fmt, &e));
    assert_int_equal(fmt, BMD_PLOT_SVG);
    free_fixture(f);
}

static void test_map_data(void **state)
{
    (void)state;
    bmd_map map = {0};
    char mp[4096];
    bmd_errbuf e = {{0}};
    CHECK_OK(bmd_data_path(mp, sizeof mp, tst_data_dir(), BMD_MAP_FILE));
    CHECK_OK(bmd_map_load(mp, &map, &e));
    /* data/map/README.md: 1429 coastline rings and 362 border arcs. */
    size_t nc = 0, nb = 0;
    for (size_t i = 0; i < map.n_lines; i++)
        *(map.lines[i].kind == BMD_MAP_COAST ? &nc : &nb) += 1;
    assert_int_equal(nc, 1429);
    assert_int_equal(nb, 362);
    /* The Korean peninsula is there: a coastline point within 0.2 deg of
     * Busan (35.10N 129.04E, the harbour front). */
    int near = 0;
    for (size_t k = 0; k < map.n_points; k++)
        if (fabs(map.lat_rad[k] - 35.10 * D2R) < 0.2 * D2R &&
            fabs(map.lon_rad[k] - 129.04 * D2R) < 0.2 * D2R)
            near = 1;
    assert_true(near);
    bmd_map_free(&map);
    bmd_map_free(NULL);
    /* Malformed files: the line number is in the message. */
    char dir[] = "bmd_map_XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/bad.txt", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("# comment\nbmdmap 1 1 0\nC 3 100 200 1 1\n", fp);
    fclose(fp);
    CHECK_STATUS(bmd_map_load(path, &map, &e), BMD_EPARSE);
    assert_non_null(strstr(e.msg, ":3:"));
    assert_null(map.lines);
    CHECK_STATUS(bmd_map_load("/nonexistent/map.txt", &map, &e), BMD_EIO);
    remove(path);
    rmdir(dir);
}

/* ---- layout by geometry (bmd_plot_layout) ----------------------------------
 * Issue 14 item 3: legends must not cover data, labels must not overprint
 * (the cases: "seoul" against the "200 km" ring label, "osan"
 * against "pyeongtaek", several launch labels at one point). Checked on
 * the boxes the figure reports, in page millimetres, not on pixels. */

static int overlap(const bmd_plot_box *a, const bmd_plot_box *b)
{
    return a->x0_mm < b->x1_mm && b->x0_mm < a->x1_mm && a->y0_mm < b->y1_mm && b->y0_mm < a->y1_mm;
}

static void check_layout(const bmd_plot_layout *L, size_t min_labels)
{
    assert_true(L->n_panels >= 1);
    assert_int_equal(L->has_legend, 1);
    for (int k = 0; k < L->n_panels; k++) {
        /* the data box is not empty and lies in its panel */
        assert_true(L->data[k].x1_mm > L->data[k].x0_mm);
        assert_true(L->data[k].x0_mm >= L->panel[k].x0_mm - 1e-9);
        assert_true(L->data[k].x1_mm <= L->panel[k].x1_mm + 1e-9);
        assert_false(overlap(&L->legend, &L->data[k]));
        assert_false(overlap(&L->legend, &L->panel[k])); /* outside the axes */
    }
    /* legend on the page */
    assert_true(L->legend.x0_mm >= 0.0 && L->legend.x1_mm <= L->page_w_mm + 1e-9);
    assert_true(L->legend.y0_mm >= 0.0 && L->legend.y1_mm <= L->page_h_mm + 1e-9);
    assert_true(L->n_labels >= min_labels);
    for (size_t i = 0; i < L->n_labels; i++) {
        const bmd_plot_box *a = &L->label[i];
        assert_true(a->x1_mm > a->x0_mm && a->y1_mm > a->y0_mm);
        for (size_t j = i + 1; j < L->n_labels; j++)
            if (overlap(a, &L->label[j])) fail_msg("labels %zu and %zu overlap", i, j);
        for (size_t j = 0; j < L->n_marks; j++)
            if (overlap(a, &L->mark[j])) fail_msg("label %zu covers mark %zu", i, j);
        assert_false(overlap(a, &L->legend));
    }
}

static void test_layout_xy(void **state)
{
    (void)state;
    struct fixture *f = make_fixture();
    bmd_plot_opts o;
    char path[128];
    bmd_plot_series s[4];
    threat_series(f, s);
    /* a raid: a second threat, also highlighted, launched 30 s later */
    double t2[NS];
    for (int i = 0; i < NS; i++)
        t2[i] = f->t[i] + 30.0;
    s[2] = s[0], s[2].label = "threat 2", s[2].t_s = t2;
    bmd_plot_layout L;
    opts_for(&o, path, sizeof path, f, "profile", BMD_PLOT_PNG);
    o.layout = &L;
    bmd_plot_band band = {40e3, 150e3, "THAAD intercept altitudes"};
    /* labelled markers crowded at the apogee */
    bmd_plot_marker m[5] = {
        {BMD_PLOT_EV_BURNOUT, "burnout", 90.0, NAN, NAN},
        {BMD_PLOT_EV_APOGEE, "apogee 120 km", 200.0, NAN, NAN},
        {BMD_PLOT_EV_DETECT, "first detection", 202.0, NAN, NAN},
        {BMD_PLOT_EV_TRACK, "track", 204.0, NAN, NAN},
        {BMD_PLOT_EV_INTERCEPT, "intercept", 360.0, 440e3, 40e3},
    };
    bmd_errbuf e = {{0}};
    CHECK_OK(bmd_plot_profile(&o, s, 1, m, 5, &band, &e));
    assert_int_equal(L.n_panels, 2);
    check_layout(&L, 8); /* 5 labels in each of the two panels, some may go */
    assert_true(L.n_labels + L.n_dropped == 10);
    opts_for(&o, path, sizeof path, f, "timeline", BMD_PLOT_PNG);
    o.layout = &L;
    bmd_plot_series raid[3] = {s[0], s[2], s[1]};
    CHECK_OK(bmd_plot_timeline(&o, raid, 3, m, 5, &band, &e));
    assert_int_equal(L.n_panels, 1);
    check_layout(&L, 4);
    free_fixture(f);
}

static void test_layout_map(void **state)
{
    (void)state;
    struct fixture *f = make_fixture();
    bmd_map map = {0};
    bmd_errbuf e = {{0}};
    load_map(&map);
    bmd_plot_opts o;
    char path[128];
    bmd_plot_series s[2];
    threat_series(f, s);
    opts_for(&o, path, sizeof path, f, "crowded", BMD_PLOT_PNG);
    bmd_plot_layout L;
    o.layout = &L;
    /* Osan and Pyeongtaek are 10 km apart, Seoul sits on the 200 km ring
     * of a radar at Seongju: the overprints (sites.yaml positions) */
    bmd_plot_place pl[6] = {{"seongju", BMD_PLOT_PLACE_RADAR, 36.05 * D2R, 128.23 * D2R},
                            {"THAAD", BMD_PLOT_PLACE_BATTERY, 36.05 * D2R, 128.23 * D2R},
                            {"seoul", BMD_PLOT_PLACE_UNDEFENDED, 37.57 * D2R, 126.98 * D2R},
                            {"osan", BMD_PLOT_PLACE_DEFENDED, 37.09 * D2R, 127.03 * D2R},
                            {"pyeongtaek", BMD_PLOT_PLACE_DEFENDED, 36.99 * D2R, 127.09 * D2R},
                            {"north-hwanghae", BMD_PLOT_PLACE_LAUNCH, 38.5 * D2R, 125.8 * D2R}};
    bmd_plot_place ctx[4] = {{"Daegu", BMD_PLOT_PLACE_CITY, 35.87 * D2R, 128.6 * D2R},
                             {"Busan", BMD_PLOT_PLACE_CITY, 35.18 * D2R, 129.08 * D2R},
                             {"Pyongyang", BMD_PLOT_PLACE_CITY, 39.02 * D2R, 125.75 * D2R},
                             {"Tokyo (outside)", BMD_PLOT_PLACE_CITY, 35.68 * D2R, 139.7 * D2R}};
    bmd_plot_fan fan = {"AN/TPY-2", 36.05 * D2R, 128.23 * D2R, 325 * D2R, 60 * D2R, 600e3, 0};
    double rlat[4] = {33.4 * D2R, 33.4 * D2R, 38.8 * D2R, 38.8 * D2R};
    double rlon[4] = {124.9 * D2R, 131.7 * D2R, 131.7 * D2R, 124.9 * D2R};
    bmd_plot_area region = {"region computed", BMD_PLOT_AREA_REGION, 4, rlat, rlon};
    bmd_plot_map_layers l;
    bmd_plot_map_layers_init(&l);
    l.basemap = &map;
    l.areas = &region, l.n_areas = 1;
    l.tracks = s, l.n_tracks = 1;
    l.places = pl, l.n_places = 6;
    l.context = ctx, l.n_context = 4;
    l.fans = &fan, l.n_fans = 1;
    CHECK_OK(bmd_plot_map(&o, &l, &e));
    check_layout(&L, 8);
    /* every place and city inside the map is named: 6 places, 3 cities
     * (Tokyo is outside and not drawn), plus ring labels */
    assert_int_equal(L.n_dropped, 0);
    assert_true(L.n_labels >= 9);
    /* the region box is inside the map: nothing clipped */
    /* far map: azimuthal equidistant, few labels, legend still outside */
    double tlat[2] = {36 * D2R, 34 * D2R}, tlon[2] = {128 * D2R, -118 * D2R};
    bmd_plot_series far = {0};
    far.n = 2, far.lat_rad = tlat, far.lon_rad = tlon, far.label = "great circle ends";
    bmd_plot_place ends[2] = {{"china-central", BMD_PLOT_PLACE_LAUNCH, 36 * D2R, 128 * D2R},
                              {"los-angeles", BMD_PLOT_PLACE_CITY, 34 * D2R, -118 * D2R}};
    l.tracks = &far, l.n_areas = 0, l.places = ends, l.n_places = 2;
    snprintf(path, sizeof path, "%s/far.png", f->dir);
    CHECK_OK(bmd_plot_map(&o, &l, &e));
    check_layout(&L, 2);
    assert_int_equal(L.n_dropped, 0);
    bmd_map_free(&map);
    free_fixture(f);
}

/* Radar time budgets (bmd_plot_occupancy): two radars with long names (the
 * legend strip must grow to hold them, outside the axes), one whose demand
 * rises to 430 % while its occupancy is capped at 100 %; a PNG of the size
 * asked for, the layout rules of check_layout (no labels on this figure),
 * and the curves' data inside the panel. Bad input: one sample, a time
 * that goes back, a NaN. */
static void test_occupancy(void **state)
{
    (void)state;
    struct fixture *f = make_fixture();
    double t[NS], occ0[NS], dem0[NS], occ1[NS], dem1[NS];
    for (int i = 0; i < NS; i++) {
        t[i] = f->t[i];
        dem0[i] = 0.3 + 4.0 * sin(BMD_PI * i / (NS - 1.0)); /* 30 % search + tracks */
        occ0[i] = fmin(dem0[i], 1.0);
        dem1[i] = occ1[i] = 0.1 + 0.2 * i / (NS - 1.0);
    }
    bmd_plot_occ_series s[2] = {
        {"seongju-tpy2-forward-based-mode", NS, t, occ0, dem0},
        {"green-pine-block-c-early-warning", NS, t, occ1, dem1},
    };
    bmd_plot_opts o;
    char path[128];
    bmd_plot_layout L;
    opts_for(&o, path, sizeof path, f, "occupancy", BMD_PLOT_PNG);
    o.layout = &L;
    bmd_errbuf e = {{0}};
    CHECK_OK(bmd_plot_occupancy(&o, s, 2, &e));
    check_png(path, 800, 600, 10000);
    assert_int_equal(L.n_panels, 1);
    check_layout(&L, 0);
    assert_true(L.data[0].y1_mm > L.data[0].y0_mm);
    /* errors: nothing written */
    opts_for(&o, path, sizeof path, f, "bad", BMD_PLOT_PNG);
    bmd_plot_occ_series b = s[0];
    b.n = 1;
    CHECK_STATUS(bmd_plot_occupancy(&o, &b, 1, &e), BMD_EINVAL);
    double tb[3] = {0.0, 2.0, 1.0}, v[3] = {0.1, 0.2, NAN}, w[3] = {0.1, 0.2, 0.3};
    b = (bmd_plot_occ_series){"r", 3, tb, w, w};
    CHECK_STATUS(bmd_plot_occupancy(&o, &b, 1, &e), BMD_EINVAL);
    tb[2] = 3.0;
    b.demand = v;
    CHECK_STATUS(bmd_plot_occupancy(&o, &b, 1, &e), BMD_EINVAL);
    CHECK_STATUS(bmd_plot_occupancy(&o, s, 0, &e), BMD_EINVAL);
    assert_int_equal(dir_entries(f->dir), 1); /* only occupancy.png */
    free_fixture(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_profile_png), cmocka_unit_test(test_timeline_png),
        cmocka_unit_test(test_layout_xy),   cmocka_unit_test(test_layout_map),
        cmocka_unit_test(test_map_png),     cmocka_unit_test(test_svg_pdf),
        cmocka_unit_test(test_errors),      cmocka_unit_test(test_map_data),
        cmocka_unit_test(test_occupancy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
