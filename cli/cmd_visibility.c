/* cmd_visibility.c: `bmdsim visibility`: what part of given trajectories a
 * radar can see (field of regard, refracted horizon, range limit, SNR). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "bmd/const.h"
#include "bmd/traj.h"
#include "bmd/visibility.h"
#include "cli.h"
#include "common.h"

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
    CLI_OPT_EARTH,
    CLI_OPT_ATMO,
    CLI_OPT_JSON,
    CLI_OPT_DATA,
};

static const struct cli_help help = {
    "visibility [--radar NAME] --site SITE --boresight ANGLE --missile NAME --from SITE --to SITE\n"
    "       bmdsim visibility [--radar NAME] --site SITE --boresight ANGLE --pairs FILE [--missile "
    "NAME]",
    "Fly each trajectory (3-DOF, targeted like 'bmdsim trajectory') and report\n"
    "every arc where the object is inside the radar's field of regard, above the\n"
    "refracted horizon and minimum elevation, inside the mode's instrumented range\n"
    "and above the detection threshold: first and last times, altitudes, slant\n"
    "ranges and SNR; and, when it is never seen, what stopped it (horizon, field\n"
    "of regard, range limit or SNR). Arc ends are known to the sampling interval.",
    "  bmdsim visibility --radar an-tpy2 --site seongju --boresight 325deg --missile df-41 \\\n"
    "      --from china-central --to los-angeles --rcs 0.01m2\n"
    "  bmdsim visibility --radar an-tpy2-fbm --site seongju --boresight 270deg --pairs pairs.txt "
    "\\\n"
    "      --missile df-31a --json\n",
    0,
};

#define MAX_PAIRS 256

struct pair {
    char from[64], to[64], missile[32];
};

/* Read "FROM TO [MISSILE]" lines; errors name file:line:col. */
static int read_pairs(const char *path, const char *dflt_missile, struct pair *p, int *n)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) return cli_bad("visibility", "--pairs %s: cannot open", path);
    char line[512];
    int lineno = 0, rc = 0;
    *n = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        char *tok[4];
        int nt = 0;
        for (char *c = line; *c && nt < 4;) {
            while (*c && isspace((unsigned char)*c))
                *c++ = '\0';
            if (*c == '\0') break;
            tok[nt++] = c;
            while (*c && !isspace((unsigned char)*c))
                c++;
        }
        if (nt == 0) continue;
        if (nt < 2 || nt > 3) {
            rc = cli_bad("visibility", "%s:%d:1: expected 'FROM TO [MISSILE]', found %d field%s",
                         path, lineno, nt, nt == 1 ? "" : "s");
            break;
        }
        if (nt == 2 && dflt_missile == NULL) {
            rc = cli_bad("visibility", "%s:%d:%d: no missile on this line and no --missile given",
                         path, lineno, (int)(tok[1] - line) + (int)strlen(tok[1]) + 1);
            break;
        }
        if (*n >= MAX_PAIRS) {
            rc = cli_bad("visibility", "%s:%d:1: more than %d trajectories", path, lineno,
                         MAX_PAIRS);
            break;
        }
        snprintf(p[*n].from, sizeof p[*n].from, "%s", tok[0]);
        snprintf(p[*n].to, sizeof p[*n].to, "%s", tok[1]);
        snprintf(p[*n].missile, sizeof p[*n].missile, "%s", nt == 3 ? tok[2] : dflt_missile);
        (*n)++;
    }
    fclose(f);
    if (rc == 0 && *n == 0) rc = cli_bad("visibility", "%s: no trajectories in the file", path);
    return rc;
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
    struct pair pairs[MAX_PAIRS];
    int n_pairs;
};

static double db(double x)
{
    return x > 0 ? 10.0 * log10(x) : -INFINITY;
}

static cJSON *vis_json(const struct pair *p, const bmd_visibility *v, const bmd_traj_summary *s)
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

static void vis_human(const struct pair *p, const bmd_visibility *v, const bmd_traj_summary *s)
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

static int fly_one(struct vis_run *r, const struct pair *p, bmd_visibility *v, bmd_traj_summary *s)
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
    if (cli_radar(&r->env, a, 1, &r->radar, NULL)) return 2;
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

int cli_visibility(int argc, char **argv)
{
    struct vis_run *r = calloc(1, sizeof *r);
    if (r == NULL) return cli_fail("visibility", "out of memory");
    int rc = cli_parse(&r->a, "visibility", opts, sizeof opts / sizeof opts[0], &help, argc, argv);
    if (rc) {
        free(r);
        return rc < 0 ? 0 : rc;
    }
    cli_env_init(&r->env, &r->a);
    int json = cli_has(&r->a, "json");
    rc = setup(r);
    cJSON *arr = json ? cJSON_CreateArray() : NULL;
    if (!rc && !json)
        printf(
            "%s at %.4f, %.4f, boresight %.1f deg (+-%.0f deg); target RCS %.4g m2 (%.1f dBsm)\n",
            r->radar.label, r->radar.face.lat_rad * BMD_RAD2DEG,
            r->radar.face.lon_rad * BMD_RAD2DEG, r->radar.face.boresight_az_rad * BMD_RAD2DEG,
            r->radar.face.half_az_rad * BMD_RAD2DEG, r->rcs_m2, db(r->rcs_m2));
    for (int i = 0; !rc && i < r->n_pairs; i++) {
        bmd_visibility v;
        bmd_traj_summary s;
        if (r->n_pairs > 1)
            fprintf(stderr, "visibility: %d/%d %s -> %s\r", i + 1, r->n_pairs, r->pairs[i].from,
                    r->pairs[i].to);
        rc = fly_one(r, &r->pairs[i], &v, &s);
        if (rc) break;
        if (json)
            cJSON_AddItemToArray(arr, vis_json(&r->pairs[i], &v, &s));
        else
            vis_human(&r->pairs[i], &v, &s);
    }
    if (r->n_pairs > 1) fprintf(stderr, "\n");
    if (!rc && json) {
        cJSON *out =
            r->n_pairs == 1 && !cli_has(&r->a, "pairs") ? cJSON_DetachItemFromArray(arr, 0) : NULL;
        if (out == NULL) {
            out = cJSON_CreateObject();
            cJSON_AddStringToObject(out, "radar", r->radar.name);
            cJSON_AddItemToObject(out, "trajectories", arr);
            arr = NULL;
        } else {
            cJSON_AddStringToObject(out, "radar", r->radar.name);
        }
        cli_print_json(out);
    }
    cJSON_Delete(arr);
    cli_env_free(&r->env);
    free(r);
    return rc;
}
