/*
 * figures.c: the report's figure sections (bmd/report.h): the engagement
 * timeline, the radar coverage maps and the defended footprint, rendered
 * with PLplot into the caller's temporary directory and embedded as PNG.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/coverage.h"
#include "bmd/footprint_setup.h"
#include "bmd/input.h"
#include "bmd/plot.h"
#include "bmd/plot_engage.h"
#include "bmd/report.h"

/* The largest figure file read back (bytes). */
#define FIG_MAX_BYTES (256u << 20)

int bmd_html_figure_file(bmd_membuf *b, int *bad, const char *path, const char *alt,
                         const char *caption)
{
    char *d = NULL;
    size_t n = 0;
    int st = bmd_input_read(path, FIG_MAX_BYTES, &d, &n, NULL);
    remove(path);
    if (st != BMD_OK || n == 0) {
        free(d);
        return 1;
    }
    bmd_html_figure_png(b, bad, (const unsigned char *)d, n, alt, caption);
    free(d);
    return 0;
}

int bmd_report_timeline_section(bmd_membuf *b, int *bad, const bmd_report_figs *r, bmd_errbuf *err)
{
    char path[4200];
    bmd_errbuf e = {{0}};
    snprintf(path, sizeof path, "%s/timeline.png", r->tmpdir);
    int st = bmd_plot_engagement_timeline(path, BMD_PLOT_PNG, r->plan, r->result, &e);
    if (st != BMD_OK) return bmd_err_set(err, st, "timeline figure: %s", e.msg);
    if (bmd_html_figure_file(
            b, bad, path, "engagement timeline",
            "Altitude against time of each threat (truth; thick where in firm track) and "
            "each interceptor (its flown path, booster and kill vehicle, from launch to "
            "closest approach), with the timeline's events and the interceptor's "
            "intercept altitude band."))
        return bmd_err_set(err, BMD_EIO, "timeline figure: cannot read %s back", path);
    return BMD_OK;
}

/* The RCS for the coverage maps: the first threat's (constant) RCS, else
 * 0.01 m^2. */
static double coverage_rcs(const bmd_scenario *s)
{
    if (s->n_threats > 0 && s->threat[0].rcs.n == 1 && s->threat[0].rcs.rcs_m2[0] > 0)
        return s->threat[0].rcs.rcs_m2[0];
    return 0.01;
}

/* One radar's coverage: a map figure and a row of figures. */
static int coverage_radar(bmd_membuf *b, int *bad, const bmd_report_figs *r, size_t ri,
                          bmd_membuf *rows, bmd_errbuf *err)
{
    const bmd_scenario *s = r->scenario;
    const bmd_scn_radar *sr = &s->radar[ri];
    bmd_coverage_opts co;
    memset(&co, 0, sizeof co);
    co.alt_m = 100e3, co.rcs_m2 = coverage_rcs(s), co.n_az = 360, co.n_r = 200;
    size_t maxp = 0, maxr = 0;
    bmd_coverage c;
    memset(&c, 0, sizeof c);
    bmd_coverage_size(co.n_az, &maxp, &maxr);
    c.lat_rad = malloc(maxp * sizeof(double));
    c.lon_rad = malloc(maxp * sizeof(double));
    c.rings = malloc(maxr * sizeof *c.rings);
    c.ray_az_rad = malloc((size_t)co.n_az * sizeof(double));
    c.ray_in_m = malloc((size_t)co.n_az * sizeof(double));
    c.ray_out_m = malloc((size_t)co.n_az * sizeof(double));
    c.cap_points = maxp, c.cap_rings = maxr;
    size_t np = s->n_batteries + 2 * s->n_threats + 1;
    bmd_plot_place *pl = calloc(np, sizeof *pl);
    char(*plab)[80] = calloc(np, sizeof *plab);
    bmd_plot_area *ar = calloc(maxr ? maxr : 1, sizeof *ar);
    bmd_errbuf e = {{0}};
    bmd_earth earth;
    if (s->earth_sphere)
        bmd_earth_sphere(&earth);
    else
        bmd_earth_wgs84(&earth);
    int rc = 0;
    if (!c.lat_rad || !c.lon_rad || !c.rings || !c.ray_az_rad || !c.ray_in_m || !c.ray_out_m ||
        !pl || !plab || !ar) {
        rc = bmd_err_set(err, BMD_ENOMEM, "out of memory");
        goto out;
    }
    int st = bmd_coverage_run(&sr->radar, &earth, &co, &c, &e);
    if (st < 0) {
        rc = bmd_err_set(err, st, "coverage of radar %s: %s", sr->name, e.msg);
        goto out;
    }
    char lab[96];
    snprintf(lab, sizeof lab, "covered at %.0f km altitude", co.alt_m / 1e3);
    for (size_t i = 0; i < c.n_rings; i++) {
        ar[i].label = i == 0 ? lab : NULL;
        ar[i].style = c.rings[i].hole ? BMD_PLOT_AREA_HOLE : BMD_PLOT_AREA_COVERAGE;
        ar[i].n = c.rings[i].n, ar[i].lat_rad = c.lat_rad + c.rings[i].first;
        ar[i].lon_rad = c.lon_rad + c.rings[i].first;
    }
    const bmd_radar_face *f = &sr->radar.face;
    double range = c.track_range_m;
    if (c.instrumented_range_m > 0 && c.instrumented_range_m < range)
        range = c.instrumented_range_m;
    char fan_lab[64];
    snprintf(fan_lab, sizeof fan_lab, "field of regard, %.0f km", range / 1e3);
    bmd_plot_fan fan = {fan_lab,        f->lat_rad, f->lon_rad, f->boresight_az_rad,
                        f->half_az_rad, range,      0};
    size_t k = 0;
    snprintf(plab[k], sizeof plab[k], "%s", sr->name);
    pl[k].label = plab[k], pl[k].kind = BMD_PLOT_PLACE_RADAR, pl[k].lat_rad = f->lat_rad;
    pl[k].lon_rad = f->lon_rad, k++;
    for (size_t i = 0; i < s->n_batteries; i++, k++) {
        snprintf(plab[k], sizeof plab[k], "%s", s->battery[i].name);
        /* at the radar's site: one label for both (they would overprint) */
        int same = fabs(s->battery[i].site.lat_rad - f->lat_rad) < 1e-4 &&
                   fabs(s->battery[i].site.lon_rad - f->lon_rad) < 1e-4;
        if (same && strlen(plab[0]) + strlen(plab[k]) + 4 < sizeof plab[0]) {
            strcat(plab[0], " / ");
            strcat(plab[0], plab[k]);
        }
        pl[k].label = same ? NULL : plab[k], pl[k].kind = BMD_PLOT_PLACE_BATTERY;
        pl[k].lat_rad = s->battery[i].site.lat_rad, pl[k].lon_rad = s->battery[i].site.lon_rad;
    }
    for (size_t i = 0; i < s->n_threats; i++) {
        /* threats sharing a launch (aim) point: that point named once, with
           how many share it (several labels at one point would overprint) */
        const bmd_scn_threat *t = &s->threat[i];
        int n_from = 0, n_to = 0, first_from = 1, first_to = 1;
        for (size_t j = 0; j < s->n_threats; j++) {
            int sf = fabs(s->threat[j].launch.lat_rad - t->launch.lat_rad) < 1e-5 &&
                     fabs(s->threat[j].launch.lon_rad - t->launch.lon_rad) < 1e-5;
            int st2 = fabs(s->threat[j].aim.lat_rad - t->aim.lat_rad) < 1e-5 &&
                      fabs(s->threat[j].aim.lon_rad - t->aim.lon_rad) < 1e-5;
            n_from += sf, n_to += st2;
            if (j < i && sf) first_from = 0;
            if (j < i && st2) first_to = 0;
        }
        if (n_from > 1)
            snprintf(plab[k], sizeof plab[k], "launch of %d threats", n_from);
        else
            snprintf(plab[k], sizeof plab[k], "%s launch", t->name);
        pl[k].label = first_from ? plab[k] : NULL, pl[k].kind = BMD_PLOT_PLACE_LAUNCH;
        pl[k].lat_rad = t->launch.lat_rad, pl[k].lon_rad = t->launch.lon_rad;
        k++;
        if (n_to > 1)
            snprintf(plab[k], sizeof plab[k], "aim of %d threats", n_to);
        else
            snprintf(plab[k], sizeof plab[k], "%s aim", t->name);
        pl[k].label = first_to ? plab[k] : NULL, pl[k].kind = BMD_PLOT_PLACE_CITY;
        pl[k].lat_rad = t->aim.lat_rad, pl[k].lon_rad = t->aim.lon_rad;
        k++;
    }
    bmd_plot_cities cities;
    bmd_plot_cities_load(r->data_dir, &cities);
    bmd_plot_map_layers l;
    bmd_plot_map_layers_init(&l);
    l.context = cities.place, l.n_context = cities.n;
    l.basemap = r->map && r->map->n_lines > 0 ? r->map : NULL;
    l.areas = ar, l.n_areas = c.n_rings;
    l.fans = &fan, l.n_fans = range > 0 ? 1 : 0, l.places = pl, l.n_places = k;
    char path[4200], title[200], sub[300];
    snprintf(path, sizeof path, "%s/coverage-%zu.png", r->tmpdir, ri + 1);
    snprintf(title, sizeof title, "Radar coverage: %s (%s)", sr->name, sr->radar.label);
    snprintf(sub, sizeof sub,
             "target RCS %.4g m2 at %.0f km altitude, track dwell; boresight %.0f deg +-%.0f "
             "deg; %s Earth",
             co.rcs_m2, co.alt_m / 1e3, f->boresight_az_rad * BMD_RAD2DEG,
             f->half_az_rad * BMD_RAD2DEG, s->earth_sphere ? "spherical" : "WGS84");
    bmd_plot_opts o;
    bmd_plot_opts_init(&o);
    o.path = path, o.title = title, o.subtitle = sub;
    st = bmd_plot_map(&o, &l, &e);
    bmd_plot_cities_free(&cities);
    if (st != BMD_OK) {
        rc = bmd_err_set(err, st, "coverage map of radar %s: %s", sr->name, e.msg);
        goto out;
    }
    char cap[400];
    snprintf(cap, sizeof cap,
             "Coverage of radar %s: where a target of %.4g m2 at %.0f km altitude is detected "
             "(field of regard, detection range, refracted horizon, minimum elevation, "
             "instrumented range), with the fan and range rings, the batteries and the threats' "
             "launch and aim points.",
             sr->name, co.rcs_m2, co.alt_m / 1e3);
    bmd_html_put(b, bad, "<h3>");
    bmd_html_esc(b, bad, sr->name);
    bmd_html_put(b, bad, "</h3>\n");
    if (bmd_html_figure_file(b, bad, path, "radar coverage map", cap)) {
        rc = bmd_err_set(err, BMD_EIO, "coverage map: cannot read %s back", path);
        goto out;
    }
    bmd_html_put(rows, bad, "<tr>");
    bmd_html_td(rows, bad, sr->name);
    bmd_html_tdf(rows, bad, "%.0f", c.track_range_m / 1e3);
    bmd_html_tdf(rows, bad, "%.0f", c.search_range_m > 0 ? c.search_range_m / 1e3 : NAN);
    bmd_html_tdf(rows, bad, "%.0f", c.horizon_ground_m / 1e3);
    bmd_html_tdf(rows, bad, "%.0f",
                 c.instrumented_range_m > 0 ? c.instrumented_range_m / 1e3 : NAN);
    bmd_html_tdf(rows, bad, "%.0f", c.area_m2 / 1e6);
    bmd_html_put(rows, bad, "</tr>\n");
out:
    free(c.lat_rad);
    free(c.lon_rad);
    free(c.rings);
    free(c.ray_az_rad);
    free(c.ray_in_m);
    free(c.ray_out_m);
    free(pl);
    free(plab);
    free(ar);
    return rc;
}

int bmd_report_coverage_section(bmd_membuf *b, int *bad, const bmd_report_figs *r, bmd_errbuf *err)
{
    bmd_html_put(b, bad,
                 "<h2 id=\"coverage\">Radar coverage</h2>\n<p>Each map shows where a target of "
                 "%.4g m<sup>2</sup> (the first threat's RCS, else 0.01 m<sup>2</sup>) at 100 km "
                 "altitude is detected with the track dwell.</p>\n",
                 coverage_rcs(r->scenario));
    bmd_membuf rows = {0};
    int rc = 0;
    for (size_t i = 0; i < r->scenario->n_radars && rc == 0; i++)
        rc = coverage_radar(b, bad, r, i, &rows, err);
    if (rc == 0) {
        bmd_html_put(b, bad,
                     "<table>\n<tr><th>radar</th><th>track range (km)</th><th>search range "
                     "(km)</th><th>horizon ground range at 100 km (km)</th><th>instrumented "
                     "range (km)</th><th>covered area (km<sup>2</sup>)</th></tr>\n");
        if (rows.data) bmd_html_put(b, bad, "%s", rows.data);
        bmd_html_put(b, bad,
                     "</table>\n<p>Track and search ranges are free-space single-dwell figures "
                     "for this RCS; the horizon ground range is where a target at 100 km sinks "
                     "below the minimum elevation over the refracted horizon.</p>\n");
    }
    bmd_membuf_free(&rows);
    return rc;
}

/* ---- the defended footprint ------------------------------------------------------ */

/* The report's footprint cells: coarse so the report stays fast (about 5 s
 * on one core for the default 600 km square). */
#define FP_RES_M 20e3
#define FP_RES_TEXT "20km"

/* The aim points of the scenario's threats that are site keys, each once
 * (as `bmdsim footprint --check` took them): names[], with their points. */
static size_t aim_checks(const bmd_scenario *s, const char **names, double *lat, double *lon,
                         size_t cap)
{
    char buf[512] = "";
    size_t n = 0;
    for (size_t i = 0; i < s->n_threats; i++) {
        const bmd_scn_place *a = &s->threat[i].aim;
        if (a->name[0] == '\0' || strpbrk(a->name, ",. ") != NULL || strstr(buf, a->name)) continue;
        size_t len = strlen(buf);
        if (len + strlen(a->name) + 2 >= sizeof buf || n == cap) break;
        snprintf(buf + len, sizeof buf - len, "%s%s", len ? "," : "", a->name);
        names[n] = a->name, lat[n] = a->lat_rad, lon[n] = a->lon_rad;
        n++;
    }
    return n;
}

/* The footprint of `bmdsim footprint SCENARIO --resolution 20km`: every
 * cell, the area and the aim points' decisions, and its map at path. */
static int fp_compute(const bmd_report_figs *r, bmd_fp_setup *f, bmd_fp_summary *sum,
                      bmd_fp_cell *cells, bmd_fp_cell *chk, const char *path)
{
    bmd_errbuf e = {{0}};
    bmd_footprint *fp = NULL;
    int st = bmd_footprint_create(&f->cfg, &f->grid, &fp, &e);
    size_t n = bmd_fp_grid_cells(&f->grid), chunk = n / 64 + 1;
    for (size_t c0 = 0; st == BMD_OK && c0 < n; c0 += chunk) {
        size_t c1 = n - c0 < chunk ? n : c0 + chunk;
        st = bmd_footprint_run(fp, c0, c1, cells + c0, NULL, &e);
        if (st == BMD_OK && r->progress) (void)r->progress(r->progress_ctx, (long)c1, (long)n);
    }
    for (size_t i = 0; st == BMD_OK && i < sum->n_checks; i++)
        st = bmd_footprint_point(fp, sum->check_lat_rad[i], sum->check_lon_rad[i], &chk[i], &e);
    bmd_footprint_free(fp);
    if (st != BMD_OK) return st;
    bmd_fp_count(&f->grid, &f->earth, cells, NULL, NULL, &sum->area_km2);
    bmd_fp_polys poly;
    if ((st = bmd_fp_polys_of(&poly, &f->grid, cells, &e)) != BMD_OK) return st;
    bmd_fp_picture_buf pb;
    st = bmd_plot_fp_picture(&pb, sum, &poly);
    if (st == BMD_OK) st = bmd_plot_footprint_map(path, BMD_PLOT_PNG, r->data_dir, &pb.pic, &e);
    bmd_fp_polys_free(&poly);
    return st;
}

/* The aim points' table. */
static void fp_checks_table(bmd_membuf *b, int *bad, const bmd_fp_summary *sum)
{
    if (sum->n_checks == 0) return;
    bmd_html_put(b, bad,
                 "<table>\n<tr><th>aim point</th><th>defended</th>"
                 "<th>earliest intercept altitude</th></tr>\n");
    for (size_t i = 0; i < sum->n_checks; i++) {
        double alt = sum->check[i].intercept_alt_m;
        bmd_html_put(b, bad, "<tr><td>");
        bmd_html_esc(b, bad, sum->check_name[i]);
        bmd_html_put(b, bad, "</td><td>%s</td><td>",
                     sum->check[i].state == BMD_FP_DEFENDED ? "yes" : "no");
        if (isfinite(alt)) bmd_html_put(b, bad, "%.1f km", alt / 1e3);
        bmd_html_put(b, bad, "</td></tr>\n");
    }
    bmd_html_put(b, bad, "</table>\n");
}

void bmd_report_footprint_section(bmd_membuf *b, int *bad, const bmd_report_figs *r)
{
    const bmd_scenario *s = r->scenario;
    bmd_html_put(b, bad, "<h2>Defended footprint</h2>\n");
    if (s->n_batteries == 0) {
        bmd_html_put(b, bad, "<p>The scenario has no battery.</p>\n");
        return;
    }
    /* one more than a picture shows: `bmdsim footprint --check` refused more */
    enum { MAXC = BMD_FP_PICTURE_MAX_CHECKS + 1 };
    const char *names[MAXC];
    double lat[MAXC], lon[MAXC];
    bmd_fp_cell chk[MAXC];
    char path[4200];
    snprintf(path, sizeof path, "%s/footprint-map.png", r->tmpdir);
    bmd_fp_setup *f = malloc(sizeof *f);
    bmd_fp_cell *cells = NULL;
    bmd_fp_summary sum = {f, NULL, NULL, NAN, 0, names, lat, lon, chk};
    sum.n_checks = aim_checks(s, names, lat, lon, MAXC);
    bmd_errbuf e = {{0}};
    int st = f ? bmd_fp_setup_default(f, s, FP_RES_M, &e) : BMD_ENOMEM;
    if (st == BMD_OK) {
        sum.shape_name = bmd_fp_shape_name(f->cfg.shape.kind);
        cells = malloc(bmd_fp_grid_cells(&f->grid) * sizeof *cells);
        sum.cells = cells;
        st = cells ? fp_compute(r, f, &sum, cells, chk, path) : BMD_ENOMEM;
    }
    if (st != BMD_OK) {
        bmd_html_put(b, bad,
                     "<p>The footprint could not be computed for this scenario (see "
                     "<code>bmdsim footprint</code>).</p>\n");
    } else {
        bmd_html_put(
            b, bad,
            "<p>The ground the scenario's first battery defends against its first threat, "
            "from the threat's launch point, cued by the radar (<code>bmdsim footprint</code> "
            "with the scenario, cells of %s so the report stays fast; a finer map: "
            "<code>bmdsim footprint SCENARIO --resolution 2km -o DIR --plot</code>). "
            "Doctrine: %s; defended area %.0f km&sup2;.</p>\n",
            FP_RES_TEXT, bmd_fp_doctrine_name(f->cfg.doctrine), sum.area_km2);
        bmd_html_figure_file(b, bad, path, "defended footprint",
                             "Defended footprint (green) inside the computed region (dashed), "
                             "the battery, the radar's field of regard with range rings, the "
                             "launch point and the threats' aim points (filled: defended, "
                             "open: not).");
        fp_checks_table(b, bad, &sum);
    }
    remove(path);
    free(cells);
    free(f);
}
