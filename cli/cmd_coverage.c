/* cmd_coverage.c: `bmdsim coverage`: radar detection ranges and the coverage
 * region at a target altitude, as figures, GeoJSON polygons and a raster. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "bmd/const.h"
#include "bmd/coverage.h"
#include "bmd/map.h"  /* --plot */
#include "bmd/plot.h" /* --plot */
#include "bmd/plot_engage.h"
#include "bmd/export.h"
#include "cli.h"
#include "common.h"
#include "output.h"
#include "provenance.h"

static const struct cli_opt opts[] = {
    CLI_OPT_RADAR,
    {"rcs", 0, "RCS", "target radar cross-section (m2 default or dBsm; default 0.01m2)"},
    {"altitude", 0, "LENGTH", "target altitude (m default; default 100km)"},
    {"search", 0, NULL,
     "coverage of the search form (frame time, solid angle) instead of a track dwell"},
    {"rays", 0, "N", "azimuth rays of the coverage grid (default 720)"},
    {"samples", 0, "N", "samples per ray of the raster (default 200)"},
    {"rcs-table", 0, NULL, "also print detection range against RCS, 0.001-10 m2"},
    {"output", 'o', "DIR",
     "write coverage.geojson, coverage.csv (raster) and coverage.kml into DIR (created if "
     "missing)"},
    {"plot", 0, NULL, "draw the figure coverage-map.png (into -o DIR, else .; needs --site)"},
    {"plot-format", 0, "FMT", "figure format: png (default), svg or pdf"},
    {"earth", 0, "MODEL", "wgs84 (default) or sphere"},
    CLI_OPT_QUIET,
    CLI_OPT_JSON,
    CLI_OPT_DATA,
};

static const struct cli_help help = {
    "coverage [--radar NAME] [--site SITE --boresight ANGLE] [--rcs RCS] [--altitude LENGTH] "
    "[options]",
    "How far a radar detects a target of a given RCS (single track dwell and the\n"
    "search form, free space), where the refracted horizon cuts off a target at a\n"
    "given altitude, any instrumented range limit of the mode, and, with --site,\n"
    "the ground region above which that target is detected: inside the detection\n"
    "range, the field of regard and the line of sight. --radar picks a catalog\n"
    "preset (default an-tpy2); the parameter options change any of its values\n"
    "(e.g. --power-avg 25kW), or, with --frequency and no --radar, describe a\n"
    "radar from scratch. -o DIR writes coverage.geojson (RFC 7946),\n"
    "coverage.csv (the raster of rays x samples) and coverage.kml (Google Earth:\n"
    "the radar site, its field of regard out to the detection range, the region);\n"
    "the files written are listed on stderr (docs/formats.md, \"Output files\").",
    "  bmdsim coverage --radar an-tpy2 --site seongju --boresight 325deg --rcs 0.01m2 --altitude "
    "100km\n"
    "  bmdsim coverage --radar an-tpy2-nrc --rcs -20dBsm --rcs-table\n"
    "  bmdsim coverage --power-avg 50kW --aperture 9.2m2 --efficiency 0.8 --frequency 9.5GHz \\\n"
    "      --noise-temp 500K --loss 5dB --dwell 0.1s --snr-required 13dB --rcs 0.01m2\n",
    0,
};

static int int_opt(const struct cli_args *a, const char *name, int dflt, int lo, int hi, int *out)
{
    const char *t = cli_get(a, name);
    *out = dflt;
    if (t == NULL) return 0;
    char *end;
    long v = strtol(t, &end, 10);
    if (*t == '\0' || *end != '\0' || v < lo || v > hi)
        return cli_bad(a->cmd, "--%s: expected a whole number from %d to %d, found '%s'", name, lo,
                       hi, t);
    *out = (int)v;
    return 0;
}

struct cov_run {
    bmd_radar radar;
    bmd_earth earth;
    const char *earth_name;
    bmd_coverage_opts o;
    bmd_coverage c;
    int have_site;
};

static int alloc_outputs(struct cov_run *r)
{
    size_t maxp, maxr;
    if (bmd_coverage_size(r->o.n_az, &maxp, &maxr) != BMD_OK) return 1;
    size_t naz = (size_t)r->o.n_az;
    r->c.cells = malloc(naz * (size_t)r->o.n_r);
    r->c.ray_az_rad = malloc(naz * sizeof(double));
    r->c.ray_in_m = malloc(naz * sizeof(double));
    r->c.ray_out_m = malloc(naz * sizeof(double));
    r->c.lat_rad = malloc(maxp * sizeof(double));
    r->c.lon_rad = malloc(maxp * sizeof(double));
    r->c.rings = malloc(maxr * sizeof *r->c.rings);
    r->c.cap_points = maxp;
    r->c.cap_rings = maxr;
    return !(r->c.cells && r->c.ray_az_rad && r->c.ray_in_m && r->c.ray_out_m && r->c.lat_rad &&
             r->c.lon_rad && r->c.rings);
}

static void free_outputs(struct cov_run *r)
{
    free(r->c.cells);
    free(r->c.ray_az_rad);
    free(r->c.ray_in_m);
    free(r->c.ray_out_m);
    free(r->c.lat_rad);
    free(r->c.lon_rad);
    free(r->c.rings);
}

static int write_geojson(struct cli_out *out, struct cov_run *r, struct cli_outputs *files)
{
    char props[512];
    snprintf(props, sizeof props,
             "{\"radar\":\"%s\",\"rcs_m2\":%.6g,\"altitude_m\":%.1f,\"area_km2\":%.1f,"
             "\"boresight_deg\":%.2f}",
             r->radar.name, r->o.rcs_m2, r->o.alt_m, r->c.area_m2 / 1e6,
             r->radar.face.boresight_az_rad * BMD_RAD2DEG);
    char *pp = cli_prov_props(props); /* with the provenance */
    if (pp == NULL) return cli_fail("coverage", "out of memory");
    bmd_membuf buf = {0};
    bmd_sink s = {bmd_membuf_write, &buf};
    int st = bmd_geojson_polygons(&s, r->c.lat_rad, r->c.lon_rad, r->c.rings, r->c.n_rings, pp,
                                  "radar", r->radar.face.lat_rad, r->radar.face.lon_rad, NULL);
    free(pp);
    int rc = st == BMD_OK ? cli_out_stage(out, files, "coverage.geojson", &buf)
                          : cli_fail("coverage", "GeoJSON: %s", bmd_strerror(st));
    bmd_membuf_free(&buf);
    return rc;
}

/* coverage.kml: the radar site, its fan out to the effective detection
 * range (drawn as a ground range) and the coverage region (export.h). */
static int write_kml(struct cli_out *out, struct cov_run *r, struct cli_outputs *files)
{
    char desc[256];
    snprintf(desc, sizeof desc, "target RCS %.4g m2 at %.0f km altitude", r->o.rcs_m2,
             r->o.alt_m / 1e3);
    const bmd_radar_face *f = &r->radar.face;
    double range =
        r->o.search && r->c.search_range_m > 0 ? r->c.search_range_m : r->c.track_range_m;
    if (r->c.instrumented_range_m > 0 && r->c.instrumented_range_m < range)
        range = r->c.instrumented_range_m;
    bmd_scene_point site = {
        .name = r->radar.name, .description = r->radar.label, .kind = BMD_SCENE_SITE, .t_s = NAN};
    site.lat_rad = f->lat_rad, site.lon_rad = f->lon_rad, site.alt_m = f->h_m;
    bmd_scene_fan fan = {.name = "field of regard", .description = desc};
    fan.lat_rad = f->lat_rad, fan.lon_rad = f->lon_rad, fan.alt_m = f->h_m;
    fan.boresight_rad = f->boresight_az_rad, fan.half_width_rad = f->half_az_rad;
    fan.range_m = range;
    bmd_scene_polygon pg = {.name = "coverage", .description = desc, .kind = BMD_SCENE_COVERAGE};
    pg.lat_rad = r->c.lat_rad, pg.lon_rad = r->c.lon_rad;
    pg.rings = r->c.rings, pg.n_rings = r->c.n_rings;
    bmd_scene sc;
    bmd_scene_init(&sc);
    sc.name = "bmdsim coverage";
    struct cli_prov_meta meta;
    cli_prov_scene(&meta, &sc);
    sc.points = &site, sc.n_points = 1;
    sc.fans = &fan, sc.n_fans = range > 0 ? 1 : 0;
    sc.polygons = &pg, sc.n_polygons = 1;
    bmd_membuf buf = {0};
    bmd_sink s = {bmd_membuf_write, &buf};
    bmd_errbuf e = {{0}};
    int st = bmd_kml_write(&s, &sc, &e);
    int rc = st == BMD_OK ? cli_out_stage(out, files, "coverage.kml", &buf)
                          : cli_fail("coverage", "%s", e.msg);
    bmd_membuf_free(&buf);
    return rc;
}

static int write_raster(struct cli_out *out, struct cov_run *r, struct cli_outputs *files)
{
    bmd_membuf buf = {0};
    bmd_sink s = {bmd_membuf_write, &buf};
    char prov[4096];
    cli_prov_comment(prov, sizeof prov);
    int st =
        bmd_sink_printf(&s, "%sray,sample,azimuth_deg,ground_m,lat_deg,lon_deg,covered\n", prov);
    for (int i = 0; i < r->o.n_az && st == BMD_OK; i++)
        for (int j = 0; j < r->o.n_r && st == BMD_OK; j++) {
            double lat, lon;
            st =
                bmd_coverage_sample_latlon(&r->radar, &r->earth, &r->c, r->o.n_r, i, j, &lat, &lon);
            if (st != BMD_OK) break;
            st = bmd_sink_printf(
                &s, "%d,%d,%.4f,%.1f,%.6f,%.6f,%d\n", i, j, r->c.ray_az_rad[i] * BMD_RAD2DEG,
                (j + 0.5) * r->c.max_ground_m / r->o.n_r, lat * BMD_RAD2DEG, lon * BMD_RAD2DEG,
                r->c.cells[(size_t)i * (size_t)r->o.n_r + (size_t)j]);
        }
    int rc = st == BMD_OK ? cli_out_stage(out, files, "coverage.csv", &buf)
                          : cli_fail("coverage", "raster: %s", bmd_strerror(st));
    bmd_membuf_free(&buf);
    return rc;
}

/* ---- --plot: coverage-map.png (bmd/plot.h) ------------------------------- */

/* --plot-format checked before the run; 0 or 2. */
static int plot_check(const struct cli_args *a, bmd_plot_format *fmt)
{
    bmd_errbuf e = {{0}};
    *fmt = BMD_PLOT_PNG;
    const char *f = cli_get(a, "plot-format");
    if (f && !cli_has(a, "plot")) return cli_bad("coverage", "--plot-format needs --plot");
    if (f && bmd_plot_format_parse(f, fmt, &e) != BMD_OK)
        return cli_bad("coverage", "--plot-format: %s", e.msg);
    if (cli_has(a, "plot") && !cli_has(a, "site"))
        return cli_bad("coverage", "--plot needs --site (the map is drawn around the radar)");
    return 0;
}

/* coverage-map.FMT, made in the staging directory tmp and staged into files. */
static int plot_map(const struct cli_args *a, const char *data_dir, struct cli_out *out,
                    struct cov_run *r, bmd_plot_format fmt, struct cli_outputs *files,
                    const char *tmp)
{
    char path[4500], name[64], mpath[4096], title[256], sub[256], lab[96];
    bmd_errbuf e = {{0}};
    snprintf(name, sizeof name, "coverage-map.%s", bmd_plot_format_ext(fmt));
    if ((size_t)snprintf(path, sizeof path, "%s/%s", tmp, name) >= sizeof path)
        return cli_bad("coverage", "-o: path too long");
    if (bmd_data_path(mpath, sizeof mpath, data_dir, BMD_MAP_FILE) != BMD_OK)
        return cli_bad("coverage", "--plot: path too long");
    bmd_map map = {0};
    int st = bmd_map_load(mpath, &map, &e);
    if (st != BMD_OK) return cli_bad("coverage", "--plot: %s", e.msg);
    bmd_plot_area *ar = calloc(r->c.n_rings ? r->c.n_rings : 1, sizeof *ar);
    if (ar == NULL) {
        bmd_map_free(&map);
        return cli_fail("coverage", "out of memory");
    }
    snprintf(lab, sizeof lab, "covered at %.0f km altitude", r->o.alt_m / 1e3);
    for (size_t i = 0; i < r->c.n_rings; i++) {
        const bmd_coverage_ring *g = &r->c.rings[i];
        ar[i].label = i == 0 ? lab : NULL;
        ar[i].style = g->hole ? BMD_PLOT_AREA_HOLE : BMD_PLOT_AREA_COVERAGE;
        ar[i].n = g->n, ar[i].lat_rad = r->c.lat_rad + g->first,
        ar[i].lon_rad = r->c.lon_rad + g->first;
    }
    const bmd_radar_face *f = &r->radar.face;
    double range =
        r->o.search && r->c.search_range_m > 0 ? r->c.search_range_m : r->c.track_range_m;
    if (r->c.instrumented_range_m > 0 && r->c.instrumented_range_m < range)
        range = r->c.instrumented_range_m;
    char fan_lab[64];
    snprintf(fan_lab, sizeof fan_lab, "field of regard, %.0f km", range / 1e3);
    bmd_plot_fan fan = {fan_lab,        f->lat_rad, f->lon_rad, f->boresight_az_rad,
                        f->half_az_rad, range,      0};
    char site_name[64];
    bmd_plot_display_name(cli_get(a, "site"), site_name, sizeof site_name);
    bmd_plot_place site = {site_name, BMD_PLOT_PLACE_RADAR, f->lat_rad, f->lon_rad};
    bmd_plot_cities cities;
    bmd_plot_cities_load(data_dir, &cities);
    bmd_plot_map_layers l;
    bmd_plot_map_layers_init(&l);
    l.context = cities.place, l.n_context = cities.n;
    l.basemap = &map, l.areas = ar, l.n_areas = r->c.n_rings;
    l.fans = &fan, l.n_fans = range > 0 ? 1 : 0, l.places = &site, l.n_places = 1;
    snprintf(title, sizeof title, "Radar coverage: %s", r->radar.label);
    snprintf(sub, sizeof sub,
             "target RCS %.4g m2 at %.0f km altitude, %s; boresight %.0f deg +-%.0f deg; "
             "%s Earth",
             r->o.rcs_m2, r->o.alt_m / 1e3, r->o.search ? "search" : "track dwell",
             f->boresight_az_rad * BMD_RAD2DEG, f->half_az_rad * BMD_RAD2DEG, r->earth_name);
    bmd_plot_opts o;
    bmd_plot_opts_init(&o);
    o.path = path, o.format = fmt, o.title = title, o.subtitle = sub;
    st = bmd_plot_map(&o, &l, &e);
    bmd_plot_cities_free(&cities);
    free(ar);
    bmd_map_free(&map);
    if (st != BMD_OK)
        return st == BMD_EIO || st == BMD_EINVAL ? cli_bad("coverage", "--plot: %s", e.msg)
                                                 : cli_fail("coverage", "--plot: %s", e.msg);
    return cli_out_stage_file(out, files, tmp, name);
}

static cJSON *table_json(const bmd_coverage_row *rows, size_t n)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "rcs_m2", rows[i].rcs_m2);
        cJSON_AddNumberToObject(o, "track_range_m", rows[i].track_range_m);
        cJSON_AddNumberToObject(o, "search_range_m", rows[i].search_range_m);
        cJSON_AddNumberToObject(o, "effective_range_m", rows[i].effective_m);
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}

static void print_human(const struct cov_run *r, const bmd_radar_entry *en,
                        const bmd_coverage_row *rows, size_t nrows)
{
    printf("%s (%s)\n", r->radar.label, r->radar.name);
    if (en && en->claim_range_m > 0)
        printf("  stands for: %.0f km%s (%s)\n", en->claim_range_m / 1e3,
               en->claim_rcs_m2 > 0 ? "" : "", en->claim_by);
    printf("  target: RCS %.4g m2 (%.1f dBsm) at %.0f km altitude\n\n", r->o.rcs_m2,
           10 * log10(r->o.rcs_m2), r->o.alt_m / 1e3);
    printf("  %-34s %9.0f km\n", "track range (one dwell, free space)", r->c.track_range_m / 1e3);
    if (r->c.search_range_m > 0)
        printf("  %-34s %9.0f km\n", "search range (free space)", r->c.search_range_m / 1e3);
    printf("  %-34s %9.0f km   (slant %.0f km)\n", "horizon at this altitude (ground)",
           r->c.horizon_ground_m / 1e3, r->c.horizon_slant_m / 1e3);
    if (r->c.instrumented_range_m > 0)
        printf("  %-34s %9.0f km\n", "instrumented range (mode limit)",
               r->c.instrumented_range_m / 1e3);
    else
        printf("  %-34s %12s\n", "instrumented range (mode limit)", "none");
    if (r->have_site)
        printf("  %-34s %9.0f km2  (boresight %.1f deg, +-%.0f deg, %s Earth)\n", "coverage area",
               r->c.area_m2 / 1e6, r->radar.face.boresight_az_rad * BMD_RAD2DEG,
               r->radar.face.half_az_rad * BMD_RAD2DEG, r->earth_name);
    if (nrows) {
        printf("\n  %10s %10s %16s %16s %16s\n", "RCS m2", "dBsm", "track km", "search km",
               "effective km");
        for (size_t i = 0; i < nrows; i++)
            printf("  %10.4g %10.1f %16.0f %16.0f %16.0f\n", rows[i].rcs_m2,
                   10 * log10(rows[i].rcs_m2), rows[i].track_range_m / 1e3,
                   rows[i].search_range_m / 1e3, rows[i].effective_m / 1e3);
    }
}

static int run(struct cli_args *a, struct cli_env *env, struct cov_run *r, struct cli_out *out)
{
    const bmd_radar_entry *en = NULL;
    bmd_errbuf e = {{0}};
    if (cli_radar(env, a, 0, &r->radar, &en)) return 2;
    cli_prov_entry("radar", en ? en->radar.name : r->radar.name);
    r->have_site = cli_has(a, "site");
    if (!r->have_site && cli_has(a, "output"))
        return cli_bad("coverage",
                       "-o needs --site (the coverage region is drawn around the radar)");
    if (cli_earth(a, &r->earth, &r->earth_name)) return 2;
    memset(&r->o, 0, sizeof r->o);
    r->o.rcs_m2 = 0.01;
    r->o.alt_m = 100e3;
    if (cli_value(a, "rcs", BMD_Q_RCS, &r->o.rcs_m2) == 2) return 2;
    if (cli_value(a, "altitude", BMD_Q_LENGTH, &r->o.alt_m) == 2) return 2;
    if (!(r->o.rcs_m2 > 0)) return cli_bad("coverage", "--rcs: must be positive");
    if (r->o.alt_m < 0) return cli_bad("coverage", "--altitude: must not be negative");
    r->o.search = cli_has(a, "search");
    if (int_opt(a, "rays", 720, 3, 100000, &r->o.n_az)) return 2;
    if (int_opt(a, "samples", 200, 2, 100000, &r->o.n_r)) return 2;
    bmd_plot_format plot_fmt;
    if (plot_check(a, &plot_fmt)) return 2;
    if (cli_out_init(out, a, "output")) return 2;
    if (alloc_outputs(r)) return cli_fail("coverage", "out of memory");
    int st = bmd_coverage_run(&r->radar, &r->earth, &r->o, &r->c, &e);
    if (st < 0)
        return st == BMD_EINVAL ? cli_bad("coverage", "%s", e.msg)
                                : cli_fail("coverage", "%s", e.msg);
    bmd_coverage_row rows[13];
    size_t nrows = 0;
    if (cli_has(a, "rcs-table")) {
        nrows = 13;
        if (bmd_coverage_range_table(&r->radar, nrows, 1e-3, 10.0, rows) != BMD_OK)
            return cli_fail("coverage", "range table failed");
    }
    int dir = out->given, plot = cli_has(a, "plot");
    if (dir || plot) { /* the three files and the figure together or none */
        struct cli_outputs files = {0};
        char tmp[4300] = "";
        int wrc = 0;
        if (dir) wrc = write_geojson(out, r, &files);
        if (wrc == 0 && dir) wrc = write_raster(out, r, &files);
        if (wrc == 0 && dir) wrc = write_kml(out, r, &files);
        if (wrc == 0 && plot) wrc = cli_out_tmpdir(out, tmp, sizeof tmp);
        if (wrc == 0 && plot) wrc = plot_map(a, env->data_dir, out, r, plot_fmt, &files, tmp);
        if (wrc == 0) wrc = cli_out_commit(out, &files);
        cli_outputs_free(&files);
        cli_out_tmpdir_remove(tmp);
        if (wrc) return wrc;
    }
    if (cli_has(a, "json")) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "radar", r->radar.name);
        cJSON_AddNumberToObject(o, "rcs_m2", r->o.rcs_m2);
        cJSON_AddNumberToObject(o, "altitude_m", r->o.alt_m);
        cJSON_AddNumberToObject(o, "track_range_m", r->c.track_range_m);
        cJSON_AddNumberToObject(o, "search_range_m", r->c.search_range_m);
        cJSON_AddNumberToObject(o, "horizon_ground_range_m", r->c.horizon_ground_m);
        cJSON_AddNumberToObject(o, "horizon_slant_range_m", r->c.horizon_slant_m);
        if (r->c.instrumented_range_m > 0)
            cJSON_AddNumberToObject(o, "instrumented_range_m", r->c.instrumented_range_m);
        else
            cJSON_AddNullToObject(o, "instrumented_range_m");
        if (r->have_site) {
            cJSON_AddNumberToObject(o, "coverage_area_km2", r->c.area_m2 / 1e6);
            cJSON_AddNumberToObject(o, "boresight_deg",
                                    r->radar.face.boresight_az_rad * BMD_RAD2DEG);
        }
        if (en && en->claim_range_m > 0)
            cJSON_AddNumberToObject(o, "claim_range_m", en->claim_range_m);
        if (nrows) cJSON_AddItemToObject(o, "rcs_table", table_json(rows, nrows));
        cli_print_json(o);
    } else if (!out->quiet) {
        print_human(r, en, rows, nrows);
        if (st == BMD_WACCURACY)
            printf(
                "\n  note: %d rays had more than one covered interval or reached the grid edge;\n"
                "  the polygons show the first interval of each ray.\n",
                r->c.multi_interval + r->c.clipped);
    }
    return 0;
}

int cli_coverage(int argc, char **argv)
{
    struct cli_args a;
    int rc = cli_parse(&a, "coverage", opts, sizeof opts / sizeof opts[0], &help, argc, argv);
    if (rc) return rc < 0 ? 0 : rc;
    struct cli_env env;
    cli_env_init(&env, &a);
    struct cov_run *r = calloc(1, sizeof *r);
    struct cli_out out;
    memset(&out, 0, sizeof out);
    out.cmd = "coverage";
    rc = r ? run(&a, &env, r, &out) : cli_fail("coverage", "out of memory");
    cli_out_finish(&out, rc);
    if (r) free_outputs(r);
    free(r);
    cli_env_free(&env);
    return rc;
}
