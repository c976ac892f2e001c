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

/* ---- -o DIR and --plot: the scene (bmd/export.h) and figures (bmd/plot_engage.h) ---- */

/* One trajectory's samples (grown as the flight goes). */
struct vis_samples {
    double *t, *lat, *lon, *alt;
    size_t n, cap;
};

/* The tracks of the run, what the scene and figures draw. */
struct vis_export {
    struct vis_samples tr[MAX_PAIRS];
    char name[MAX_PAIRS][176]; /* missile from -> to: 31 + 63 + 63 + 6 */
    bmd_visibility vis[MAX_PAIRS];
    bmd_vis_track track[MAX_PAIRS];
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
    struct vis_samples *t = ctx;
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

/* Fly pair p again with samples and keep it with what the radar saw. */
static int export_add(struct vis_run *r, struct vis_export *x, const bmd_pair *p,
                      const bmd_traj_launch *l, const bmd_visibility *v)
{
    const bmd_missile *m;
    bmd_errbuf e = {{0}};
    if (cli_missile(&r->env, p->missile, &m)) return 2;
    cli_prov_entry("missile", m->name);
    struct vis_samples *t = &x->tr[x->n];
    bmd_traj_config cfg = r->cfg;
    cfg.sample_dt_s = r->dt_s, cfg.sample = vis_collect, cfg.sample_ctx = t;
    if (bmd_traj_fly(&cfg, m, l, NULL, &e) != BMD_OK || t->n < 2)
        return cli_fail("visibility", "%s -> %s: export: %s", p->from, p->to, e.msg);
    snprintf(x->name[x->n], sizeof x->name[0], "%s %s -> %s", p->missile, p->from, p->to);
    x->vis[x->n] = *v;
    x->track[x->n] = (bmd_vis_track){x->name[x->n], p->from, p->to,  t->n,         t->t,
                                     t->lat,        t->lon,  t->alt, &x->vis[x->n]};
    x->n++;
    return 0;
}

/* The view of the run's tracks. */
static bmd_vis_view export_view(const struct vis_run *r, const struct vis_export *x)
{
    return (bmd_vis_view){&r->radar, r->rcs_m2, r->earth_name, r->dt_s, x->track, (size_t)x->n};
}

/* visibility.kml and visibility.czml, staged into out. */
static int export_write(struct vis_run *r, struct vis_export *x, struct cli_out *dir,
                        struct cli_outputs *out)
{
    bmd_membuf kb = {0}, cb = {0};
    bmd_sink ks = {bmd_membuf_write, &kb}, cs = {bmd_membuf_write, &cb};
    bmd_errbuf e = {{0}};
    struct cli_prov_meta meta;
    size_t n_meta = cli_prov_meta_get(&meta);
    bmd_vis_view v = export_view(r, x);
    int rc = bmd_vis_scene_write(&ks, &cs, &v, meta.keys, meta.values, n_meta, &e) != BMD_OK
                 ? cli_fail("visibility", "%s", e.msg)
                 : 0;
    if (rc == 0) rc = cli_out_stage(dir, out, "visibility.kml", &kb);
    if (rc == 0) rc = cli_out_stage(dir, out, "visibility.czml", &cb);
    bmd_membuf_free(&kb);
    bmd_membuf_free(&cb);
    return rc;
}

/* visibility-map.FMT and visibility-profile.FMT, made in tmp, staged. */
static int vis_plot(struct vis_run *r, struct vis_export *x, struct cli_out *out,
                    bmd_plot_format fmt, struct cli_outputs *files, const char *tmp)
{
    char mp[4096], mname[64], pname[64], mpath[4500], ppath[4500];
    bmd_errbuf e = {{0}};
    bmd_map map = {0};
    if (bmd_data_path(mp, sizeof mp, r->env.data_dir, BMD_MAP_FILE) != BMD_OK)
        return cli_bad("visibility", "--plot: path too long");
    if (bmd_map_load(mp, &map, &e) != BMD_OK) return cli_bad("visibility", "--plot: %s", e.msg);
    snprintf(mname, sizeof mname, "visibility-map.%s", bmd_plot_format_ext(fmt));
    snprintf(pname, sizeof pname, "visibility-profile.%s", bmd_plot_format_ext(fmt));
    int rc = 0;
    if ((size_t)snprintf(mpath, sizeof mpath, "%s/%s", tmp, mname) >= sizeof mpath ||
        (size_t)snprintf(ppath, sizeof ppath, "%s/%s", tmp, pname) >= sizeof ppath)
        rc = cli_bad("visibility", "-o: path too long");
    bmd_vis_view v = export_view(r, x);
    int st =
        rc ? BMD_OK : bmd_plot_visibility(mpath, ppath, (int)fmt, &map, r->env.data_dir, &v, &e);
    if (st != BMD_OK)
        rc = st == BMD_EIO || st == BMD_EINVAL ? cli_bad("visibility", "--plot: %s", e.msg)
                                               : cli_fail("visibility", "--plot: %s", e.msg);
    if (rc == 0) rc = cli_out_stage_file(out, files, tmp, mname);
    if (rc == 0) rc = cli_out_stage_file(out, files, tmp, pname);
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
    /* -q and --no-progress change what is printed, not the set-up */
    static const char *const allowed[] = {"samples", "seed",  "threads",    "json",
                                          "data",    "quiet", "no-progress"};
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
    if (rc == 0 && samples) rc = uq_spread(a, u, samples, (uint64_t)seed, (int)threads, sp);
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
    } else if (rc == 0 && !cli_has(a, "quiet")) {
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
