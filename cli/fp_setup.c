/* fp_setup.c: `bmdsim footprint`'s options over the library's set-up
 * (fp_setup.h). */
#define _POSIX_C_SOURCE 200809L /* strtok_r */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/catalog.h"
#include "bmd/const.h"
#include "bmd/input.h"
#include "bmd/map.h"
#include "bmd/plot.h"
#include "fp_setup.h"
#include "provenance.h"
#include "scenario.h"

#define CMD "footprint"
#define MAX_CHECKS FP_MAX_CHECKS

/* The threat missile, NULL for the vacuum free flight. */
const bmd_missile *fp_threat_of(const struct fp_run *r)
{
    return r->f.cfg.threat == BMD_FP_MISSILE ? &r->f.missile : NULL;
}

int fp_uint_opt(const struct cli_args *a, const char *name, long dflt, long lo, long hi, long *out)
{
    const char *t = cli_get(a, name);
    *out = dflt;
    if (t == NULL) return 0;
    char *end;
    long v = strtol(t, &end, 10);
    if (*t == '\0' || *end != '\0' || v < lo || v > hi)
        return cli_bad(CMD, "--%s: expected a whole number from %ld to %ld, found '%s'", name, lo,
                       hi, t);
    *out = v;
    return 0;
}

/* --region LAT0,LON0,LAT1,LON1 (angles, bare numbers in degrees). */
static int parse_region(const char *text, double v[4])
{
    char buf[256];
    if (strlen(text) >= sizeof buf) return cli_bad(CMD, "--region: too long");
    strcpy(buf, text);
    int n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (n == 4) return cli_bad(CMD, "--region: expected LAT0,LON0,LAT1,LON1, found '%s'", text);
        bmd_errbuf e = {{0}};
        if (bmd_units_parse(tok, BMD_Q_ANGLE, &v[n], &e) != BMD_OK)
            return cli_bad(CMD, "--region: %s", e.msg);
        n++;
    }
    if (n != 4) return cli_bad(CMD, "--region: expected LAT0,LON0,LAT1,LON1, found '%s'", text);
    return 0;
}

/* --launch: a site, coordinates, or a closed polygon "P1;P2;...;P1" (its
 * launch points: bmd_fp_launch_area); without it the scenario threat's
 * launch point, else north-hwanghae. */
static int parse_launch(struct fp_run *r, const struct cli_args *a)
{
    bmd_fp_setup *f = &r->f;
    const char *text = cli_get(a, "launch");
    if (text == NULL && r->has_scn) { /* bmd_fp_setup_scenario's */
        r->launch_is_point = 1;
        return 0;
    }
    if (text == NULL) text = "north-hwanghae";
    snprintf(f->launch_name, sizeof f->launch_name, "%s", text);
    if (strchr(text, ';') == NULL) {
        bmd_site s;
        if (cli_site(&r->env, "--launch", text, &s)) return 2;
        f->n_points = 1;
        f->pt_lat_rad[0] = s.lat_rad;
        f->pt_lon_rad[0] = s.lon_rad;
        r->launch_is_point = cli_get(a, "launch") != NULL;
        snprintf(f->launch_name, sizeof f->launch_name, "%s", s.name);
        return 0;
    }
    char buf[4096];
    if (strlen(text) >= sizeof buf) return cli_bad(CMD, "--launch: polygon too long");
    strcpy(buf, text);
    double la[BMD_FP_MAX_POINTS], lo[BMD_FP_MAX_POINTS];
    size_t n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
        if (n == BMD_FP_MAX_POINTS) return cli_bad(CMD, "--launch: too many polygon vertices");
        bmd_site s;
        if (cli_site(&r->env, "--launch", tok, &s)) return 2;
        la[n] = s.lat_rad;
        lo[n] = s.lon_rad;
        n++;
    }
    if (n < 2 || fabs(la[0] - la[n - 1]) > 1e-9 || fabs(lo[0] - lo[n - 1]) > 1e-9)
        return cli_bad(CMD, "--launch: polygon not closed: repeat the first vertex at the end");
    if (n < 4) return cli_bad(CMD, "--launch: a polygon needs at least 3 distinct vertices");
    double spacing = 25e3;
    if (cli_value(a, "launch-spacing", BMD_Q_LENGTH, &spacing) == 2) return 2;
    if (!(spacing > 0)) return cli_bad(CMD, "--launch-spacing: must be positive");
    bmd_errbuf e = {{0}};
    if (bmd_fp_launch_area(&f->earth, la, lo, n - 1, spacing, BMD_FP_MAX_POINTS, f->pt_lat_rad,
                           f->pt_lon_rad, &f->n_points, &e) != BMD_OK)
        return cli_bad(CMD, "--launch-spacing: more than %d launch points; use a larger spacing",
                       BMD_FP_MAX_POINTS);
    snprintf(f->launch_name, sizeof f->launch_name, "polygon (%zu launch points)", f->n_points);
    return 0;
}

static int parse_checks(struct fp_run *r, const struct cli_args *a)
{
    const char *text = cli_get(a, "check");
    if (text == NULL) return 0;
    char buf[2048];
    if (strlen(text) >= sizeof buf) return cli_bad(CMD, "--check: too long");
    strcpy(buf, text);
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (r->n_checks == MAX_CHECKS) return cli_bad(CMD, "--check: at most %d sites", MAX_CHECKS);
        bmd_site *s = &r->checks[r->n_checks];
        if (cli_site(&r->env, "--check", tok, s)) return 2;
        if (strchr(tok, '.') || (tok[0] >= '0' && tok[0] <= '9'))
            return cli_bad(CMD, "--check: give site names (coordinates contain commas)");
        r->n_checks++;
    }
    return 0;
}

/* ---- set-up ------------------------------------------------------------------- */

/* The radar: --radar NAME (catalog preset and parameter options), else the
 * scenario's cueing radar with the parameter options applied, else the
 * an-tpy2 preset; at --site (else the scenario radar's site, else the
 * battery's), facing --boresight (else the scenario radar's, else 325 deg). */
static int setup_radar(struct fp_run *r, const struct cli_args *a)
{
    bmd_fp_setup *f = &r->f;
    int from_scn = f->has_radar; /* the scenario's cueing radar */
    if (from_scn && !cli_has(a, "radar")) {
        if (cli_radar_params(a, &f->radar, NULL)) return 2;
    } else {
        bmd_radar_face face = f->radar.face;
        if (cli_radar(&r->env, a, 0, &f->radar, NULL)) return 2;
        if (from_scn) {
            double bs = f->radar.face.boresight_az_rad;
            f->radar.face.lat_rad = face.lat_rad, f->radar.face.lon_rad = face.lon_rad;
            f->radar.face.h_m = face.h_m;
            f->radar.face.boresight_az_rad = cli_has(a, "boresight") ? bs : face.boresight_az_rad;
        }
    }
    if (!from_scn || cli_has(a, "site")) {
        f->radar.face.lat_rad = f->cfg.bat_lat_rad;
        f->radar.face.lon_rad = f->cfg.bat_lon_rad;
        f->radar.face.h_m = f->cfg.bat_alt_m;
    }
    if (!from_scn && !cli_has(a, "boresight")) f->radar.face.boresight_az_rad = 325.0 * BMD_DEG2RAD;
    bmd_errbuf e = {{0}};
    if (bmd_fp_setup_radar(f, &e) != BMD_OK) return cli_bad(CMD, "radar: %s", e.msg);
    return 0;
}

/* Earth, atmosphere and trajectory shape: the options, else the scenario's. */
static int setup_models(struct fp_run *r, const struct cli_args *a)
{
    bmd_fp_setup *f = &r->f;
    if (!r->has_scn || cli_has(a, "earth")) {
        const char *earth_name;
        if (cli_earth(a, &f->earth, &earth_name)) return 2;
    } else if (cli_has(a, "no-rotation")) {
        f->earth.omega_radps = 0.0;
    }
    if (cli_atmo(a, &f->atmo, r->has_scn ? (bmd_atmo_kind)r->scn.atmo : BMD_ATMO_US76)) return 2;
    if (r->has_scn && !cli_has(a, "shape") && !cli_has(a, "apogee") && !cli_has(a, "gamma"))
        r->shape_name = bmd_fp_shape_name(f->cfg.shape.kind);
    else if (cli_shape(a, &f->cfg.shape, &r->shape_name))
        return 2;
    return 0;
}

/* Threat, battery site and interceptor: the options, else the scenario's,
 * else nodong, seongju and thaad. */
static int setup_parties(struct fp_run *r, const struct cli_args *a)
{
    bmd_fp_setup *f = &r->f;
    const char *threat = cli_get(a, "threat");
    if (threat == NULL && !r->has_scn) threat = "nodong";
    if (threat != NULL && strcmp(threat, "vacuum") == 0) {
        f->cfg.threat = BMD_FP_VACUUM;
    } else if (threat != NULL) {
        const bmd_missile *m;
        if (cli_missile(&r->env, threat, &m)) return 2;
        f->missile = *m;
    }
    const char *site = cli_get(a, "site");
    if (site || !r->has_scn) {
        bmd_site s;
        if (cli_site(&r->env, "--site", site ? site : "seongju", &s)) return 2;
        snprintf(f->battery_name, sizeof f->battery_name, "%s", s.name);
        f->cfg.bat_lat_rad = s.lat_rad, f->cfg.bat_lon_rad = s.lon_rad, f->cfg.bat_alt_m = s.alt_m;
    }
    const char *bname = cli_get(a, "battery");
    bmd_errbuf e = {{0}};
    if (bname != NULL || !r->has_scn) {
        char path[4096];
        if (bmd_data_path(path, sizeof path, r->env.data_dir, "catalog/interceptors.yaml") !=
            BMD_OK)
            return cli_bad(CMD, "data directory path too long");
        int st = bmd_interceptor_list_load(path, &r->ics, &e);
        if (st != BMD_OK)
            return st == BMD_ENOMEM ? cli_fail(CMD, "out of memory") : cli_bad(CMD, "%s", e.msg);
        const bmd_interceptor *icp = NULL;
        if (bmd_interceptor_find(&r->ics, bname ? bname : "thaad", &icp, &e) != BMD_OK)
            return cli_bad(CMD, "--battery: %s", e.msg);
        f->ic = *icp;
    }
    if (bmd_interceptor_check(&f->ic, &e) != BMD_OK) return cli_bad(CMD, "--battery: %s", e.msg);
    return 0;
}

/* The sensor, fire control and method options over the scenario's values. */
static int setup_fire_control(struct fp_run *r, const struct cli_args *a)
{
    bmd_fp_config *c = &r->f.cfg;
    int scn_radar = r->f.has_radar;
    r->f.has_radar = 0;
    if (!cli_has(a, "no-radar") && (!r->has_scn || scn_radar || cli_has(a, "radar"))) {
        r->f.has_radar = scn_radar;
        if (setup_radar(r, a)) return 2;
    }
    if (cli_value(a, "rcs", BMD_Q_RCS, &c->rcs_m2) == 2) return 2;
    if (cli_value(a, "revisit", BMD_Q_TIME, &c->revisit_s) == 2) return 2;
    if (cli_value(a, "reaction", BMD_Q_TIME, &c->reaction_s) == 2) return 2;
    if (cli_value(a, "kill-assessment", BMD_Q_TIME, &c->kill_assess_s) == 2) return 2;
    if (cli_value(a, "node-spacing", BMD_Q_LENGTH, &c->node_spacing_m) == 2) return 2;
    if (!(c->revisit_s > 0)) return cli_bad(CMD, "--revisit: must be positive");
    if (!(c->reaction_s >= 0)) return cli_bad(CMD, "--reaction: must not be negative");
    if (!(c->kill_assess_s >= 0)) return cli_bad(CMD, "--kill-assessment: must not be negative");
    if (!(c->node_spacing_m >= 1e3)) return cli_bad(CMD, "--node-spacing: at least 1 km");
    const char *doc = cli_get(a, "doctrine");
    if (doc == NULL && r->has_scn) {
        /* the scenario's */
    } else if (doc == NULL || strcmp(doc, "shoot") == 0 || strcmp(doc, "single") == 0) {
        c->doctrine = BMD_FP_SHOOT;
    } else if (strcmp(doc, "shoot-look-shoot") == 0 || strcmp(doc, "sls") == 0) {
        c->doctrine = BMD_FP_SHOOT_LOOK_SHOOT;
    } else {
        return cli_bad(CMD, "--doctrine: expected shoot or shoot-look-shoot, found '%s'", doc);
    }
    const char *meth = cli_get(a, "method"), *tol = cli_get(a, "tolerance");
    if (meth != NULL && strcmp(meth, "fast") != 0 && strcmp(meth, "direct") != 0)
        return cli_bad(CMD, "--method: expected fast or direct, found '%s'", meth);
    c->method = meth != NULL && strcmp(meth, "direct") == 0 ? BMD_FP_DIRECT : BMD_FP_FAST;
    if (tol != NULL && strcmp(tol, "analysis") != 0 && strcmp(tol, "accurate") != 0)
        return cli_bad(CMD, "--tolerance: expected analysis or accurate, found '%s'", tol);
    c->accurate = tol != NULL && strcmp(tol, "accurate") == 0;
    long threads;
    if (fp_uint_opt(a, "threads", 0, 1, 1024, &threads)) return 2;
    c->threads = (int)threads;
    return 0;
}

/* The region: --region, else 600 km x 600 km about the battery (about the
 * defended site, or a single launch point, of a denied launch area). */
static int setup_grid(struct fp_run *r, const struct cli_args *a, double launch_lat,
                      double launch_lon)
{
    bmd_fp_setup *f = &r->f;
    double res = 2e3, v[4];
    if (cli_value(a, "resolution", BMD_Q_LENGTH, &res) == 2) return 2;
    const char *reg = cli_get(a, "region");
    bmd_errbuf e = {{0}};
    int st;
    if (reg) {
        if (parse_region(reg, v)) return 2;
        st = bmd_fp_grid_init(&f->grid, &f->earth, v[0], v[1], v[2], v[3], res, &e);
    } else {
        int denied = f->cfg.map == BMD_FP_LAUNCH;
        double cla = f->cfg.bat_lat_rad, clo = f->cfg.bat_lon_rad;
        if (denied) cla = f->pt_lat_rad[0], clo = f->pt_lon_rad[0];
        if (denied && r->launch_is_point) cla = launch_lat, clo = launch_lon;
        st = bmd_fp_grid_around(&f->grid, &f->earth, cla, clo, BMD_FP_DEFAULT_HALF_M, res, &e);
    }
    return st != BMD_OK ? cli_bad(CMD, "%s", e.msg) : 0;
}

int fp_setup(struct fp_run *r, const struct cli_args *a)
{
    bmd_errbuf e = {{0}};
    r->plot_format = -1;
    if (cli_has(a, "plot-format") && !cli_has(a, "plot"))
        return cli_bad(CMD, "--plot-format: give --plot too");
    if (cli_has(a, "plot")) {
        bmd_plot_format pf = BMD_PLOT_PNG;
        if (cli_has(a, "plot-format") &&
            bmd_plot_format_parse(cli_get(a, "plot-format"), &pf, &e) != BMD_OK)
            return cli_bad(CMD, "--plot-format: %s", e.msg);
        r->plot_format = (int)pf;
        /* the map's coastlines are required (as for coverage and visibility):
           refused before the computation, not after it */
        char mp[4096];
        if (bmd_data_path(mp, sizeof mp, r->env.data_dir, BMD_MAP_FILE) != BMD_OK)
            return cli_bad(CMD, "--plot: path too long");
        FILE *mf = fopen(mp, "r");
        if (mf == NULL) return cli_bad(CMD, "--plot: cannot read '%s': %s", mp, strerror(errno));
        fclose(mf);
    }
    if (setup_models(r, a) || setup_parties(r, a) || setup_fire_control(r, a)) return 2;
    bmd_fp_setup *f = &r->f;
    /* fixed points */
    if (parse_launch(r, a)) return 2;
    double launch_lat = f->pt_lat_rad[0], launch_lon = f->pt_lon_rad[0];
    const char *denied = cli_get(a, "denied");
    if (denied) {
        bmd_site d;
        if (cli_site(&r->env, "--denied", denied, &d)) return 2;
        f->cfg.map = BMD_FP_LAUNCH;
        f->n_points = 1;
        f->pt_lat_rad[0] = d.lat_rad;
        f->pt_lon_rad[0] = d.lon_rad;
        snprintf(f->launch_name, sizeof f->launch_name, "aimed at %s", d.name);
    }
    bmd_fp_setup_link(f);
    if (setup_grid(r, a, launch_lat, launch_lon) || parse_checks(r, a)) return 2;
    /* fly-out table */
    double spd = 0.0;
    int got = cli_value(a, "straight", BMD_Q_SPEED, &spd);
    if (got == 2) return 2;
    if (got) {
        if (bmd_fp_straight_table(&f->tab, spd, f->ic.min_alt_m, f->ic.max_alt_m,
                                  f->ic.max_range_m) != BMD_OK)
            return cli_bad(CMD, "--straight: must be a positive speed");
        f->cfg.table = &f->tab;
    } else if (bmd_fp_setup_table(f, &e) != BMD_OK) {
        return cli_fail(CMD, "fly-out table: %s", e.msg);
    }
    return 0;
}

/* SCENARIO: load it; its first battery, the radar that cues it and its
 * first threat are the defaults (bmd_fp_setup_scenario). */
int fp_load_scenario(struct fp_run *r, const char *path)
{
    bmd_errbuf e = {{0}};
    int st = cli_scenario_load(path, &r->env, &r->scn, &e);
    if (st != BMD_OK)
        return cli_scenario_exit(st) == 1 ? cli_fail(CMD, "%s", e.msg) : cli_bad(CMD, "%s", e.msg);
    if (r->scn.n_batteries == 0 || r->scn.n_threats == 0)
        return cli_bad(CMD, "%s: needs a battery and a threat", path);
    cli_scenario_provenance(path, &r->scn);
    r->has_scn = 1;
    if (bmd_fp_setup_scenario(&r->f, &r->scn, &e) != BMD_OK) return cli_bad(CMD, "%s", e.msg);
    return 0;
}
