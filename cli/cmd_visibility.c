/* cmd_visibility.c: `bmdsim visibility`: what part of given trajectories a
 * radar can see (field of regard, refracted horizon, range limit, SNR). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "bmd/const.h"
#include "bmd/map.h"  /* --plot */
#include "bmd/plot.h" /* --plot */
#include "bmd/traj.h"
#include "bmd/visibility.h"
#include "bmd/export.h"
#include "cli.h"
#include "common.h"
#include "bmd/plot_engage.h"
#include "output.h"
#include "provenance.h"
#include "progress.h"
#include "sens_common.h"

static const struct cli_opt opts[] = {
    CLI_OPT_RADAR,
    {"missile", 'm', "NAME", "catalog missile"},
    {"from", 0, "SITE", "launch point: a site name or LAT,LON"},
    {"to", 0, "SITE", "aim point: a site name or LAT,LON"},
    {"pairs", 0, "FILE", "many trajectories: lines 'FROM TO [MISSILE]' ('#' comments)"},
    {"shape", 0, "SHAPE", "min-energy (default), lofted or depressed (with --apogee)"},
    {"apogee", 0, "LENGTH", "apogee of a lofted or depressed shot"},
    {"gamma", 0, "ANGLE", "depressed: burnout flight-path angle instead of --apogee"},
    {"rcs", 0, "RCS", "target radar cross-section (m2 default or dBsm; default 0.01m2)"},
    {"dt", 0, "TIME", "sampling interval along the trajectory (default 1s)"},
    {"output", 'o', "DIR",
     "write visibility.kml and visibility.czml (trajectories, visible arcs) into DIR (created if "
     "missing)"},
    {"plot", 0, NULL, "draw visibility-map.png and visibility-profile.png (into -o DIR, else .)"},
    {"plot-format", 0, "FMT", "figure format: png (default), svg or pdf"},
    {"samples", 'n', "N",
     "with a SCENARIO: in how many of N Latin-hypercube samples of its uncertain: block each "
     "threat is seen, and the parameter that decides it"},
    {"seed", 0, "S", "seed of those samples (default 1)"},
    {"threads", 0, "N",
     "OpenMP threads for the samples (default: all; results do not depend on it)"},
    CLI_OPT_EARTH,
    CLI_OPT_ATMO,
    CLI_OPT_QUIET,
    CLI_OPT_NO_PROGRESS,
    CLI_OPT_JSON,
    CLI_OPT_DATA,
};

static const struct cli_help help = {
    "visibility [--radar NAME] --site SITE --boresight ANGLE --missile NAME --from SITE --to SITE\n"
    "       bmdsim visibility [--radar NAME] --site SITE --boresight ANGLE --pairs FILE [--missile "
    "NAME]\n"
    "       bmdsim visibility SCENARIO [--samples N [--seed S]] [--json]",
    "Fly each trajectory (3-DOF, targeted like 'bmdsim trajectory') and report\n"
    "every arc where the object is inside the radar's field of regard, above the\n"
    "refracted horizon and minimum elevation, inside the mode's instrumented range\n"
    "and above the detection threshold: first and last times, altitudes, slant\n"
    "ranges and SNR; and, when it is never seen, what stopped it (horizon, field\n"
    "of regard, range limit or SNR). Arc ends are known to the sampling interval.\n"
    "-o DIR writes visibility.kml (Google Earth) and visibility.czml (Cesium):\n"
    "each trajectory in 3-D with its visible arcs highlighted, launch, first\n"
    "detection and impact, the radar site and its field of regard out to the\n"
    "detection range; the files written are listed on stderr.\n"

    "With a SCENARIO file: each of its threats (targeted with its shape, its RCS) against\n"
    "the radar that cues its first battery (else its first radar): the seconds seen\n"
    "(the metric seen_s); with --samples N, the share of N Latin-hypercube samples of\n"
    "the scenario's uncertain: block in which each threat is seen at all, and the\n"
    "parameter that decides it.",
    "  bmdsim visibility --radar an-tpy2 --site seongju --boresight 325deg --missile df-41 \\\n"
    "      --from china-central --to los-angeles --rcs 0.01m2\n"
    "  bmdsim visibility --radar an-tpy2-fbm --site seongju --boresight 270deg --pairs pairs.txt "
    "\\\n"
    "      --missile df-31a --json\n"
    "  bmdsim visibility data/scenarios/default.yaml --samples 16\n",
    1,
};

#define MAX_PAIRS BMD_PAIRS_MAX

/* Read the --pairs file: bounded, UTF-8-checked, errors with file:line:col. */
static int read_pairs(const char *path, const char *dflt_missile, bmd_pair *p, int *n)
{
    char *text = NULL;
    size_t len = 0, count = 0;
    bmd_errbuf e = {{0}};
    int st = bmd_input_read(path, 0, &text, &len, &e);
    if (st == BMD_OK) st = bmd_pairs_parse(text, len, path, dflt_missile, p, MAX_PAIRS, &count, &e);
    free(text);
    if (st == BMD_ENOMEM) return cli_fail("visibility", "out of memory");
    if (st != BMD_OK) return cli_bad("visibility", "%s", e.msg);
    *n = (int)count;
    return 0;
}

struct vis_run {
    struct cli_args a;
    struct cli_env env;
    bmd_radar radar;
    bmd_radar_site site;
    bmd_earth earth;
    const char *earth_name;
    bmd_atmo atmo;
    bmd_traj_config cfg;
    bmd_traj_shape shape;
    double rcs_m2, dt_s;
    bmd_pair pairs[MAX_PAIRS];
    int n_pairs;
};

static double db(double x)
{
    return x > 0 ? 10.0 * log10(x) : -INFINITY;
}

static cJSON *vis_json(const bmd_pair *p, const bmd_visibility *v, const bmd_traj_summary *s)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "missile", p->missile);
    cJSON_AddStringToObject(o, "from", p->from);
    cJSON_AddStringToObject(o, "to", p->to);
    cJSON_AddNumberToObject(o, "range_m", s->range_m);
    cJSON_AddNumberToObject(o, "apogee_alt_m", s->apogee_alt_m);
    cJSON_AddNumberToObject(o, "flight_time_s", s->flight_time_s);
    cJSON_AddBoolToObject(o, "visible", v->visible);
    if (v->visible) {
        cJSON_AddNumberToObject(o, "first_detect_time_s", v->first_detect_time_s);
        cJSON_AddNumberToObject(o, "track_duration_s", v->track_duration_s);
        cJSON_AddNumberToObject(o, "min_slant_range_m", v->min_slant_range_m);
        cJSON_AddNumberToObject(o, "max_snr_db", db(v->max_snr));
    } else {
        cJSON_AddNullToObject(o, "first_detect_time_s");
        cJSON_AddNumberToObject(o, "track_duration_s", 0);
        cJSON_AddNullToObject(o, "min_slant_range_m");
        cJSON_AddNullToObject(o, "max_snr_db");
    }
    cJSON_AddNumberToObject(o, "closest_range_m", v->closest_range_m);
    cJSON *why = cJSON_AddObjectToObject(o, "not_visible_s");
    cJSON_AddNumberToObject(why, "below_horizon", v->t_below_horizon_s);
    cJSON_AddNumberToObject(why, "outside_field_of_regard", v->t_out_of_for_s);
    cJSON_AddNumberToObject(why, "beyond_instrumented_range", v->t_beyond_instr_s);
    cJSON_AddNumberToObject(why, "low_snr", v->t_low_snr_s);
    cJSON *arcs = cJSON_AddArrayToObject(o, "arcs");
    int na = v->n_arcs < BMD_VIS_MAX_ARCS ? v->n_arcs : BMD_VIS_MAX_ARCS;
    for (int i = 0; i < na; i++) {
        const bmd_vis_arc *a = &v->arcs[i];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddNumberToObject(j, "t_first_s", a->t_first_s);
        cJSON_AddNumberToObject(j, "t_last_s", a->t_last_s);
        cJSON_AddNumberToObject(j, "alt_first_m", a->alt_first_m);
        cJSON_AddNumberToObject(j, "alt_last_m", a->alt_last_m);
        cJSON_AddNumberToObject(j, "slant_range_first_m", a->range_first_m);
        cJSON_AddNumberToObject(j, "slant_range_last_m", a->range_last_m);
        cJSON_AddNumberToObject(j, "min_slant_range_m", a->min_range_m);
        cJSON_AddNumberToObject(j, "max_snr_db", db(a->max_snr));
        cJSON_AddItemToArray(arcs, j);
    }
    return o;
}

static void vis_human(const bmd_pair *p, const bmd_visibility *v, const bmd_traj_summary *s)
{
    printf("\n%s, %s -> %s: range %.0f km, apogee %.0f km, flight %.1f min\n", p->missile, p->from,
           p->to, s->range_m / 1e3, s->apogee_alt_m / 1e3, s->flight_time_s / 60);
    if (!v->visible) {
        printf("  NOT VISIBLE (closest approach %.0f km). Time not visible: below horizon %.0f s,"
               " outside field of regard %.0f s, beyond range limit %.0f s, SNR too low %.0f s\n",
               v->closest_range_m / 1e3, v->t_below_horizon_s, v->t_out_of_for_s,
               v->t_beyond_instr_s, v->t_low_snr_s);
        return;
    }
    printf(
        "  VISIBLE: first detection at %.0f s, %.0f s in view, closest %.0f km, best SNR %.1f dB\n",
        v->first_detect_time_s, v->track_duration_s, v->min_slant_range_m / 1e3, db(v->max_snr));
    printf("  %8s %8s %10s %10s %11s %11s %9s\n", "from s", "to s", "alt km", "alt km", "slant km",
           "slant km", "SNR dB");
    int na = v->n_arcs < BMD_VIS_MAX_ARCS ? v->n_arcs : BMD_VIS_MAX_ARCS;
    for (int i = 0; i < na; i++) {
        const bmd_vis_arc *a = &v->arcs[i];
        printf("  %8.0f %8.0f %10.0f %10.0f %11.0f %11.0f %9.1f\n", a->t_first_s, a->t_last_s,
               a->alt_first_m / 1e3, a->alt_last_m / 1e3, a->range_first_m / 1e3,
               a->range_last_m / 1e3, db(a->max_snr));
    }
}

static int fly_one(struct vis_run *r, const bmd_pair *p, bmd_visibility *v, bmd_traj_summary *s,
                   bmd_traj_launch *launch)
{
    const bmd_missile *m;
    bmd_site from, to;
    bmd_errbuf e = {{0}};
    if (cli_missile(&r->env, p->missile, &m)) return 2;
    if (cli_site(&r->env, "from", p->from, &from) || cli_site(&r->env, "to", p->to, &to)) return 2;
    bmd_traj_solution *sol = malloc(sizeof *sol);
    if (sol == NULL) return cli_fail("visibility", "out of memory");
    int st = bmd_traj_target(&r->cfg, m, from.lat_rad, from.lon_rad, from.alt_m, to.lat_rad,
                             to.lon_rad, &r->shape, 0.0, sol, &e);
    if (st == BMD_OK)
        st = bmd_visibility_fly(&r->site, &r->cfg, m, &sol->launch, NULL, r->rcs_m2, r->dt_s, v, s,
                                &e);
    if (st == BMD_OK && launch) *launch = sol->launch;
    free(sol);
    if (st == BMD_OK) return 0;
    if (st == BMD_EUNREACH || st == BMD_EINVAL)
        return cli_bad("visibility", "%s -> %s: %s", p->from, p->to, e.msg);
    return cli_fail("visibility", "%s -> %s: %s", p->from, p->to, e.msg);
}

static int setup(struct vis_run *r)
{
    bmd_errbuf e = {{0}};
    struct cli_args *a = &r->a;
    const bmd_radar_entry *en = NULL;
    if (cli_radar(&r->env, a, 1, &r->radar, &en)) return 2;
    cli_prov_entry("radar", en ? en->radar.name : r->radar.name);
    if (!cli_has(a, "boresight"))
        return cli_bad("visibility", "give --boresight ANGLE for the radar face");
    if (cli_earth(a, &r->earth, &r->earth_name)) return 2;
    if (cli_atmo(a, &r->atmo, BMD_ATMO_US76)) return 2;
    if (bmd_radar_setup(&r->site, &r->radar, &r->earth, &e) != BMD_OK)
        return cli_bad("visibility", "radar: %s", e.msg);
    bmd_traj_config_init(&r->cfg, &r->earth, r->atmo.kind == BMD_ATMO_NONE ? NULL : &r->atmo);
    r->rcs_m2 = 0.01;
    r->dt_s = 1.0;
    if (cli_value(a, "rcs", BMD_Q_RCS, &r->rcs_m2) == 2) return 2;
    if (!(r->rcs_m2 > 0)) return cli_bad("visibility", "--rcs: must be positive");
    if (cli_value(a, "dt", BMD_Q_TIME, &r->dt_s) == 2) return 2;
    if (!(r->dt_s > 0)) return cli_bad("visibility", "--dt: must be positive");
    const char *shape_name;
    if (cli_shape(a, &r->shape, &shape_name)) return 2;
    if (cli_has(a, "pairs")) {
        if (cli_has(a, "from") || cli_has(a, "to"))
            return cli_bad("visibility", "--pairs replaces --from/--to; give one or the other");
        return read_pairs(cli_get(a, "pairs"), cli_get(a, "missile"), r->pairs, &r->n_pairs);
    }
    if (!cli_has(a, "missile") || !cli_has(a, "from") || !cli_has(a, "to"))
        return cli_bad("visibility", "give --missile, --from and --to (or --pairs FILE)");
    snprintf(r->pairs[0].from, sizeof r->pairs[0].from, "%s", cli_get(a, "from"));
    snprintf(r->pairs[0].to, sizeof r->pairs[0].to, "%s", cli_get(a, "to"));
    snprintf(r->pairs[0].missile, sizeof r->pairs[0].missile, "%s", cli_get(a, "missile"));
    r->n_pairs = 1;
    return 0;
}

/* ---- -o DIR: visibility.kml and visibility.czml (bmd/export.h) -------- */

/* One trajectory's samples for the scene (grown as the flight goes). */
struct vis_track {
    double *t, *lat, *lon, *alt;
    size_t n, cap;
};

struct vis_export {
    struct vis_track tr[MAX_PAIRS];
    char name[MAX_PAIRS][176]; /* missile from -> to: 31 + 63 + 63 + 6 */
    bmd_scene_arc arcs[MAX_PAIRS][BMD_VIS_MAX_ARCS];
    bmd_scene_path paths[MAX_PAIRS];
    char pt_name[3 * MAX_PAIRS][200];
    bmd_scene_point points[3 * MAX_PAIRS + 1];
    size_t n_points;
    int n;
};

static int grow(double **a, size_t cap)
{
    double *p = realloc(*a, cap * sizeof *p);
    if (p == NULL) return 1;
    *a = p;
    return 0;
}

static int vis_collect(void *ctx, const bmd_traj_sample *s)
{
    struct vis_track *t = ctx;
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 512;
        if (grow(&t->t, cap) || grow(&t->lat, cap) || grow(&t->lon, cap) || grow(&t->alt, cap))
            return 1;
        t->cap = cap;
    }
    if (t->n > 0 && s->t_s <= t->t[t->n - 1]) return 0; /* an event on a sample time */
    t->t[t->n] = s->t_s, t->lat[t->n] = s->lat_rad, t->lon[t->n] = s->lon_rad;
    t->alt[t->n++] = s->alt_m;
    return 0;
}

static void export_point(struct vis_export *x, const struct vis_track *t, size_t k, int kind,
                         const char *what, const char *traj)
{
    char *nm = x->pt_name[x->n_points];
    snprintf(nm, sizeof x->pt_name[0], "%s: %s", traj, what);
    bmd_scene_point *p = &x->points[x->n_points++];
    memset(p, 0, sizeof *p);
    p->name = nm, p->kind = kind, p->t_s = t->t[k];
    p->lat_rad = t->lat[k], p->lon_rad = t->lon[k], p->alt_m = t->alt[k];
}

/* Fly pair i again with samples and add it (path, arcs, events) to x. */
static int export_add(struct vis_run *r, struct vis_export *x, const bmd_pair *p,
                      const bmd_traj_launch *l, const bmd_visibility *v)
{
    const bmd_missile *m;
    bmd_errbuf e = {{0}};
    if (cli_missile(&r->env, p->missile, &m)) return 2;
    cli_prov_entry("missile", m->name);
    struct vis_track *t = &x->tr[x->n];
    bmd_traj_config cfg = r->cfg;
    cfg.sample_dt_s = r->dt_s, cfg.sample = vis_collect, cfg.sample_ctx = t;
    if (bmd_traj_fly(&cfg, m, l, NULL, &e) != BMD_OK || t->n < 2)
        return cli_fail("visibility", "%s -> %s: export: %s", p->from, p->to, e.msg);
    char *nm = x->name[x->n];
    snprintf(nm, sizeof x->name[0], "%s %s -> %s", p->missile, p->from, p->to);
    bmd_scene_path *sp = &x->paths[x->n];
    memset(sp, 0, sizeof *sp);
    sp->name = nm, sp->kind = BMD_SCENE_THREAT, sp->n = t->n;
    sp->t_s = t->t, sp->lat_rad = t->lat, sp->lon_rad = t->lon, sp->alt_m = t->alt;
    int na = v->n_arcs < BMD_VIS_MAX_ARCS ? v->n_arcs : BMD_VIS_MAX_ARCS;
    for (int k = 0; k < na; k++) {
        x->arcs[x->n][k].t_start_s = v->arcs[k].t_first_s;
        x->arcs[x->n][k].t_end_s = v->arcs[k].t_last_s;
    }
    sp->arcs = x->arcs[x->n], sp->n_arcs = (size_t)na, sp->arc_label = "visible to the radar";
    export_point(x, t, 0, BMD_SCENE_LAUNCH, "launch", nm);
    if (v->visible) {
        size_t k = 0;
        while (k + 1 < t->n && t->t[k] < v->first_detect_time_s)
            k++;
        export_point(x, t, k, BMD_SCENE_DETECT, "first detection", nm);
    }
    export_point(x, t, t->n - 1, BMD_SCENE_IMPACT, "impact", nm);
    x->n++;
    return 0;
}

static int export_file(struct cli_out *dir, const char *file, const bmd_scene *sc,
                       int (*w)(const bmd_sink *, const bmd_scene *, bmd_errbuf *),
                       struct cli_outputs *out)
{
    bmd_membuf buf = {0};
    bmd_sink s = {bmd_membuf_write, &buf};
    bmd_errbuf e = {{0}};
    int st = w(&s, sc, &e);
    int rc = st == BMD_OK ? cli_out_stage(dir, out, file, &buf) : 0;
    bmd_membuf_free(&buf);
    return st == BMD_OK ? rc : cli_fail("visibility", "%s", e.msg);
}

/* The scene: every trajectory, the radar site and its fan out to the
 * detection range against the RCS (or the instrumented range if shorter). */
static int export_write(struct vis_run *r, struct vis_export *x, struct cli_out *dir,
                        struct cli_outputs *out)
{
    const bmd_radar_face *f = &r->radar.face;
    double range = 0;
    if (bmd_radar_track_range(&r->radar, r->rcs_m2, &range) != BMD_OK) range = 0;
    if (r->radar.mode.instr_range_m > 0 && r->radar.mode.instr_range_m < range)
        range = r->radar.mode.instr_range_m;
    bmd_scene_point *site = &x->points[x->n_points];
    memset(site, 0, sizeof *site);
    site->name = r->radar.name, site->description = r->radar.label;
    site->kind = BMD_SCENE_SITE, site->t_s = NAN;
    site->lat_rad = f->lat_rad, site->lon_rad = f->lon_rad, site->alt_m = f->h_m;
    bmd_scene_fan fan = {.name = "field of regard", .description = r->radar.label};
    fan.lat_rad = f->lat_rad, fan.lon_rad = f->lon_rad, fan.alt_m = f->h_m;
    fan.boresight_rad = f->boresight_az_rad, fan.half_width_rad = f->half_az_rad;
    fan.range_m = range;
    bmd_scene sc;
    bmd_scene_init(&sc);
    sc.name = "bmdsim visibility";
    struct cli_prov_meta meta;
    cli_prov_scene(&meta, &sc);
    sc.description = "Launch at the epoch; highlighted arcs: visible to the radar.";
    sc.paths = x->paths, sc.n_paths = (size_t)x->n;
    sc.points = x->points, sc.n_points = x->n_points + 1;
    sc.fans = &fan, sc.n_fans = range > 0 ? 1 : 0;
    int rc = export_file(dir, "visibility.kml", &sc, bmd_kml_write, out);
    if (rc == 0) rc = export_file(dir, "visibility.czml", &sc, bmd_czml_write, out);
    return rc;
}

/* ---- --plot: visibility-map.png, visibility-profile.png (bmd/plot.h) --- */

/* 1 where sample k of trajectory i lies in a visible arc. */
static unsigned char *visible_flags(const struct vis_export *x, int i)
{
    const struct vis_track *t = &x->tr[i];
    unsigned char *hl = calloc(t->n, 1);
    for (size_t k = 0; hl && k < t->n; k++)
        for (size_t j = 0; j < x->paths[i].n_arcs; j++)
            if (t->t[k] >= x->arcs[i][j].t_start_s && t->t[k] <= x->arcs[i][j].t_end_s) hl[k] = 1;
    return hl;
}

static int plot_status(int st, const bmd_errbuf *e)
{
    if (st == BMD_OK) return 0;
    return st == BMD_EIO || st == BMD_EINVAL ? cli_bad("visibility", "--plot: %s", e->msg)
                                             : cli_fail("visibility", "--plot: %s", e->msg);
}

/* name = stem.EXT, path = TMP/name (the staging directory); 0 or 2 (reported). */
static int plot_file(const char *tmp, const char *stem, bmd_plot_format fmt, char name[64],
                     char *path, size_t n)
{
    snprintf(name, 64, "%s.%s", stem, bmd_plot_format_ext(fmt));
    if ((size_t)snprintf(path, n, "%s/%s", tmp, name) >= n)
        return cli_bad("visibility", "-o: path too long");
    return 0;
}

static int vis_plot(struct vis_run *r, struct vis_export *x, struct cli_out *out,
                    bmd_plot_format fmt, struct cli_outputs *files, const char *tmp)
{
    char fname[64], mp[4096], path[4500], title[256], sub[256], fan_lab[64];
    bmd_errbuf e = {{0}};
    bmd_map map = {0};
    if (bmd_data_path(mp, sizeof mp, r->env.data_dir, BMD_MAP_FILE) != BMD_OK)
        return cli_bad("visibility", "--plot: path too long");
    int st = bmd_map_load(mp, &map, &e);
    if (st != BMD_OK) return cli_bad("visibility", "--plot: %s", e.msg);
    size_t n = (size_t)x->n;
    bmd_plot_series *s = calloc(n, sizeof *s);
    bmd_plot_place *pl = calloc(2 * n + 1, sizeof *pl);
    char(*disp)[48] = calloc(2 * n + 2, sizeof *disp);
    int rc = s && pl && disp ? 0 : cli_fail("visibility", "out of memory");
    for (size_t i = 0; !rc && i < n; i++) {
        const struct vis_track *t = &x->tr[i];
        s[i].label = n <= 6 ? x->name[i] : NULL, s[i].role = BMD_PLOT_THREAT, s[i].n = t->n;
        s[i].t_s = t->t, s[i].alt_m = t->alt, s[i].lat_rad = t->lat, s[i].lon_rad = t->lon;
        s[i].highlight = visible_flags(x, (int)i);
        if (s[i].highlight == NULL) rc = cli_fail("visibility", "out of memory");
        /* each launch and aim point named once, however many pairs share it */
        int seen_from = 0, seen_to = 0;
        for (size_t j = 0; j < i; j++) {
            seen_from |= strcmp(r->pairs[j].from, r->pairs[i].from) == 0;
            seen_to |= strcmp(r->pairs[j].to, r->pairs[i].to) == 0;
        }
        pl[2 * i] = (bmd_plot_place){
            seen_from ? NULL : bmd_plot_display_name(r->pairs[i].from, disp[2 * i], sizeof disp[0]),
            BMD_PLOT_PLACE_LAUNCH, t->lat[0], t->lon[0]};
        pl[2 * i + 1] = (bmd_plot_place){
            seen_to ? NULL : bmd_plot_display_name(r->pairs[i].to, disp[2 * i + 1], sizeof disp[0]),
            BMD_PLOT_PLACE_CITY, t->lat[t->n - 1], t->lon[t->n - 1]};
    }
    const bmd_radar_face *f = &r->radar.face;
    double range = 0;
    if (bmd_radar_track_range(&r->radar, r->rcs_m2, &range) != BMD_OK) range = 0;
    if (r->radar.mode.instr_range_m > 0 && r->radar.mode.instr_range_m < range)
        range = r->radar.mode.instr_range_m;
    snprintf(fan_lab, sizeof fan_lab, "field of regard, %.0f km", range / 1e3);
    bmd_plot_fan fan = {fan_lab,        f->lat_rad, f->lon_rad, f->boresight_az_rad,
                        f->half_az_rad, range,      0};
    if (!rc)
        pl[2 * n] =
            (bmd_plot_place){bmd_plot_short_label(r->radar.label, disp[2 * n], sizeof disp[0]),
                             BMD_PLOT_PLACE_RADAR, f->lat_rad, f->lon_rad};
    bmd_plot_cities cities;
    bmd_plot_cities_load(r->env.data_dir, &cities);
    snprintf(title, sizeof title, "Visibility to %s", r->radar.label);
    snprintf(sub, sizeof sub,
             "target RCS %.4g m2; boresight %.0f deg +-%.0f deg; %s Earth; sampled every %g s",
             r->rcs_m2, f->boresight_az_rad * BMD_RAD2DEG, f->half_az_rad * BMD_RAD2DEG,
             r->earth_name, r->dt_s);
    bmd_plot_opts o;
    bmd_plot_opts_init(&o);
    o.format = fmt, o.title = title, o.subtitle = sub, o.path = path;
    if (!rc) rc = plot_file(tmp, "visibility-map", fmt, fname, path, sizeof path);
    if (!rc) {
        bmd_plot_map_layers l;
        bmd_plot_map_layers_init(&l);
        l.basemap = &map, l.tracks = s, l.n_tracks = n;
        l.highlight_label = "visible to the radar";
        l.places = pl, l.n_places = 2 * n + 1, l.fans = &fan, l.n_fans = range > 0 ? 1 : 0;
        l.context = cities.place, l.n_context = cities.n;
        rc = plot_status(bmd_plot_map(&o, &l, &e), &e);
        if (!rc) rc = cli_out_stage_file(out, files, tmp, fname);
    }
    if (!rc) rc = plot_file(tmp, "visibility-profile", fmt, fname, path, sizeof path);
    if (!rc) rc = plot_status(bmd_plot_profile(&o, s, n, NULL, 0, NULL, &e), &e);
    if (!rc) rc = cli_out_stage_file(out, files, tmp, fname);
    for (size_t i = 0; s && i < n; i++)
        free((void *)s[i].highlight);
    free(s);
    free(pl);
    free(disp);
    bmd_plot_cities_free(&cities);
    bmd_map_free(&map);
    return rc;
}

static void export_free(struct vis_export *x)
{
    for (int i = 0; x && i < MAX_PAIRS; i++) {
        free(x->tr[i].t);
        free(x->tr[i].lat);
        free(x->tr[i].lon);
        free(x->tr[i].alt);
    }
    free(x);
}

/* ---- SCENARIO: the scenario's threats and radar, with their spread ---- */

static int vis_scenario(struct cli_args *a)
{
    static const char *const allowed[] = {"samples", "seed", "threads", "json", "data"};
    for (size_t i = 0; i < a->n_opts; i++) {
        int ok = 0;
        for (size_t j = 0; a->given[i] && j < sizeof allowed / sizeof allowed[0]; j++)
            ok |= strcmp(a->opts[i].name, allowed[j]) == 0;
        if (a->given[i] && !ok)
            return cli_bad("visibility",
                           "--%s with a SCENARIO: the scenario's radar and threats are used; "
                           "put the value in the scenario file",
                           a->opts[i].name);
    }
    long samples = 0, seed = 1, threads = 0;
    if (cli_count(a, "samples", 1, 1000000, &samples) ||
        cli_count(a, "seed", 0, 2147483647L, &seed) || cli_count(a, "threads", 1, 1024, &threads))
        return 2;
    if (cli_has(a, "seed") && !cli_has(a, "samples"))
        return cli_bad("visibility", "--seed: give --samples too");
    struct uq_scn *u = calloc(1, sizeof *u);
    if (u == NULL) return cli_fail("visibility", "out of memory");
    int rc = uq_scn_load(a, u);
    if (rc == 0 && u->s.n_radars == 0)
        rc = cli_bad("visibility", "%s: the scenario has no radar", u->path);
    if (rc == 0 && u->s.n_threats > UQ_MAX_METRICS)
        rc = cli_bad("visibility", "%s: at most %d threats", u->path, UQ_MAX_METRICS);
    bmd_errbuf e = {{0}};
    const char *names[UQ_MAX_METRICS];
    for (size_t i = 0; rc == 0 && i < u->s.n_threats; i++) {
        char m[64];
        snprintf(m, sizeof m, "seen_s:%s", u->s.threat[i].name);
        if (bmd_metric_parse_env(&u->s, &u->senv, m, &u->metric[i], &e))
            rc = cli_bad("visibility", "%s", e.msg);
        names[i] = u->s.threat[i].name;
        u->n_metrics = i + 1;
    }
    double seen[UQ_MAX_METRICS];
    if (rc == 0 && bmd_metric_eval(&u->s, u->metric, u->n_metrics, 1, 0, seen, NULL, &e))
        rc = cli_fail("visibility", "%s", e.msg);
    struct uq_spread_result sp[UQ_MAX_METRICS];
    if (rc == 0 && samples)
        rc = uq_spread("visibility", u, samples, (uint64_t)seed, (int)threads, 0, sp);
    const bmd_scn_battery *b = u->s.n_batteries ? &u->s.battery[0] : NULL;
    const bmd_scn_radar *rad = b && b->radar >= 0 ? &u->s.radar[b->radar] : &u->s.radar[0];
    if (rc == 0 && cli_has(a, "json")) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "scenario", u->s.name);
        cJSON_AddStringToObject(o, "radar", rad->name);
        cJSON *t = cJSON_AddObjectToObject(o, "threats");
        for (size_t i = 0; i < u->n_metrics; i++) {
            cJSON *x = cJSON_AddObjectToObject(t, names[i]);
            cJSON_AddBoolToObject(x, "visible", seen[i] > 0.0);
            cJSON_AddNumberToObject(x, "seen_s", seen[i]);
        }
        if (samples)
            cJSON_AddItemToObject(o, "verdict_spread",
                                  uq_spread_json(u, sp, names, (uint64_t)seed));
        cli_print_json(o);
    } else if (rc == 0) {
        printf("%s\nradar %s (%s)\n", u->s.name, rad->name, rad->type);
        for (size_t i = 0; i < u->n_metrics; i++) {
            const bmd_scn_threat *th = &u->s.threat[i];
            printf("  %-14s %s %s -> %s: %s %.0f s\n", th->name, th->missile.name, th->launch.name,
                   th->aim.name, seen[i] > 0.0 ? "VISIBLE for" : "NOT VISIBLE,", seen[i]);
        }
        if (samples) {
            printf("  verdicts over the scenario's uncertain: block (%zu parameters, Latin "
                   "hypercube, seed %ld; 95 %% Wilson interval):\n",
                   u->space.n, seed);
            uq_spread_print(u, sp, names, "seen in", 14);
            for (size_t i = 0; i < u->n_metrics; i++)
                printf("  %-22s seen for %.0f to %.0f s over the samples\n", names[i], sp[i].lo_val,
                       sp[i].hi_val);
        }
    }
    uq_scn_free(u);
    free(u);
    return rc;
}

int cli_visibility(int argc, char **argv)
{
    struct vis_run *r = calloc(1, sizeof *r);
    if (r == NULL) return cli_fail("visibility", "out of memory");
    int rc = cli_parse(&r->a, "visibility", opts, sizeof opts / sizeof opts[0], &help, argc, argv);
    if (rc) {
        free(r);
        return rc < 0 ? 0 : rc;
    }
    if (r->a.n_positional > 0) {
        rc = vis_scenario(&r->a);
        free(r);
        return rc;
    }
    if (cli_has(&r->a, "samples") || cli_has(&r->a, "seed") || cli_has(&r->a, "threads")) {
        free(r);
        return cli_bad("visibility", "--samples, --seed and --threads need a SCENARIO file");
    }
    cli_env_init(&r->env, &r->a);
    int json = cli_has(&r->a, "json");
    rc = setup(r);
    struct cli_out out;
    memset(&out, 0, sizeof out);
    out.cmd = "visibility";
    int quiet = cli_has(&r->a, "quiet");
    int plot = cli_has(&r->a, "plot");
    bmd_plot_format plot_fmt = BMD_PLOT_PNG;
    bmd_errbuf pe = {{0}};
    if (!rc && cli_has(&r->a, "plot-format") && !plot)
        rc = cli_bad("visibility", "--plot-format needs --plot");
    if (!rc && cli_has(&r->a, "plot-format") &&
        bmd_plot_format_parse(cli_get(&r->a, "plot-format"), &plot_fmt, &pe) != BMD_OK)
        rc = cli_bad("visibility", "--plot-format: %s", pe.msg);
    if (!rc) rc = cli_out_init(&out, &r->a, "output");
    int dir = out.given;
    struct vis_export *x = !rc && (dir || plot) ? calloc(1, sizeof *x) : NULL;
    if (!rc && (dir || plot) && x == NULL) rc = cli_fail("visibility", "out of memory");
    cJSON *arr = json ? cJSON_CreateArray() : NULL;
    if (!rc && !json && !quiet)
        printf(
            "%s at %.4f, %.4f, boresight %.1f deg (+-%.0f deg); target RCS %.4g m2 (%.1f dBsm)\n",
            r->radar.label, r->radar.face.lat_rad * BMD_RAD2DEG,
            r->radar.face.lon_rad * BMD_RAD2DEG, r->radar.face.boresight_az_rad * BMD_RAD2DEG,
            r->radar.face.half_az_rad * BMD_RAD2DEG, r->rcs_m2, db(r->rcs_m2));
    struct cli_progress pr; /* progress.h: pairs flown */
    cli_progress_init(&pr, &r->a, "trajectories", "flown");
    for (int i = 0; !rc && i < r->n_pairs; i++) {
        bmd_visibility v;
        bmd_traj_summary s;
        cli_progress_update(&pr, i, r->n_pairs);
        bmd_traj_launch launch;
        rc = fly_one(r, &r->pairs[i], &v, &s, &launch);
        if (!rc && x) rc = export_add(r, x, &r->pairs[i], &launch, &v);
        if (rc) break;
        if (json)
            cJSON_AddItemToArray(arr, vis_json(&r->pairs[i], &v, &s));
        else if (!quiet)
            vis_human(&r->pairs[i], &v, &s);
    }
    cli_progress_end(&pr);
    /* the scene files and the figures together or none */
    struct cli_outputs files = {0};
    char tmp[4300] = "";
    if (!rc && x && plot) rc = cli_out_tmpdir(&out, tmp, sizeof tmp);
    if (!rc && x && dir) rc = export_write(r, x, &out, &files);
    if (!rc && x && plot) rc = vis_plot(r, x, &out, plot_fmt, &files, tmp);
    if (!rc && x && (dir || plot)) rc = cli_out_commit(&out, &files);
    cli_outputs_free(&files);
    cli_out_tmpdir_remove(tmp);
    export_free(x);
    if (!rc && json) {
        cJSON *jo =
            r->n_pairs == 1 && !cli_has(&r->a, "pairs") ? cJSON_DetachItemFromArray(arr, 0) : NULL;
        if (jo == NULL) {
            jo = cJSON_CreateObject();
            cJSON_AddStringToObject(jo, "radar", r->radar.name);
            cJSON_AddItemToObject(jo, "trajectories", arr);
            arr = NULL;
        } else {
            cJSON_AddStringToObject(jo, "radar", r->radar.name);
        }
        cli_print_json(jo);
    }
    cJSON_Delete(arr);
    cli_out_finish(&out, rc);
    cli_env_free(&r->env);
    free(r);
    return rc;
}
