/* cmd_trajectory.c: `bmdsim trajectory`: one missile fly-out or impulsive
 * free flight, summary on stdout, time series to CSV. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "bmd/const.h"
#include "bmd/core.h"
#include "bmd/interceptor_catalog.h" /* --plot --battery */
#include "bmd/plot.h"                /* --plot */
#include "bmd/traj.h"
#include "cli.h"
#include "common.h"
#include "output.h"
#include "provenance.h"

static const struct cli_opt opts[] = {
    {"missile", 'm', "NAME", "catalog missile (see 'bmdsim catalog')"},
    {"from", 0, "SITE", "launch point: a site name or LAT,LON[,ALT] (required)"},
    {"to", 0, "SITE", "aim point: a site name or LAT,LON"},
    {"azimuth", 0, "ANGLE", "launch azimuth (deg default) when there is no --to"},
    {"shape", 0, "SHAPE", "min-energy (default), lofted or depressed"},
    {"apogee", 0, "LENGTH", "apogee of a lofted or depressed shot (m default; e.g. 400km)"},
    {"gamma", 0, "ANGLE", "depressed: burnout flight-path angle; impulsive: flight-path angle"},
    {"kick", 0, "ANGLE", "with --azimuth: fly this pitch-over angle instead of the best one"},
    {"cutoff", 0, "TIME", "with --kick: thrust cut-off time after launch (default full burn)"},
    {"impulsive", 0, "SPEED", "free flight from a burnout speed (relative to the Earth) at --from"},
    {"beta", 0, "BETA", "impulsive: ballistic coefficient (kg/m2 default; none: vacuum body)"},
    {"dt", 0, "TIME", "sample interval of the time series (default 1s)"},
    {"integrator", 0, "NAME", "dopri5 (default) or rk8pd (GSL reference)"},
    {"output", 'o', "DIR", "write the time series trajectory.csv into DIR (created if missing)"},
    {"plot", 0, NULL, "draw the figure trajectory-profile.png (into -o DIR, else .)"},
    {"plot-format", 0, "FMT", "figure format: png (default), svg or pdf"},
    {"battery", 0, "NAME", "with --plot: shade this interceptor's altitude band (e.g. thaad)"},
    CLI_OPT_EARTH,
    CLI_OPT_ATMO,
    CLI_OPT_QUIET,
    CLI_OPT_JSON,
    CLI_OPT_DATA,
};

static const struct cli_help help = {
    "trajectory --missile NAME --from SITE (--to SITE | --azimuth ANGLE) [options]\n"
    "       bmdsim trajectory --impulsive SPEED --gamma ANGLE --from SITE --azimuth ANGLE "
    "[options]",
    "Fly one ballistic missile in 3-DOF (gravity with J2, Earth rotation, thrust,\n"
    "drag, staging, RV separation) from a launch point to an aim point on a\n"
    "minimum-energy, lofted or depressed trajectory; or, with --azimuth and no\n"
    "--to, its maximum-range trajectory along that azimuth (when the missile can\n"
    "fly past the antipode there, the last flight before half way round, with a\n"
    "note); or, with --impulsive,\n"
    "the free flight from a given burnout state. Prints the flight summary and\n"
    "its events; -o DIR writes the time series DIR/trajectory.csv (t_s, lat_deg,\n"
    "lon_deg, alt_m, speed_mps, gamma_deg, mach, accel_mps2, stage, event) and\n"
    "lists it on stderr. Values take units (400km, 20deg, 3km/s); bare numbers\n"
    "are in the default unit shown.",
    "  bmdsim trajectory --missile nodong --from north-hwanghae --to busan\n"
    "  bmdsim trajectory --missile nodong --from north-hwanghae --to busan --shape lofted --apogee "
    "400km\n"
    "  bmdsim trajectory --missile hwasong-15 --from pyongyang --azimuth 45deg --json\n"
    "  bmdsim trajectory --impulsive 3.0161km/s --gamma 42.752deg --from 0,0 --azimuth 90deg \\\n"
    "      --earth sphere --no-rotation\n",
    0,
};

/* Samples collected for the CSV, grown as the flight goes. */
struct series {
    bmd_traj_sample *s;
    size_t n, cap;
    int oom;
};

static int collect(void *ctx, const bmd_traj_sample *s)
{
    struct series *ser = ctx;
    if (ser->n == ser->cap) {
        size_t cap = ser->cap ? 2 * ser->cap : 1024;
        bmd_traj_sample *p = realloc(ser->s, cap * sizeof *p);
        if (p == NULL) {
            ser->oom = 1;
            return 1;
        }
        ser->s = p;
        ser->cap = cap;
    }
    ser->s[ser->n++] = *s;
    return 0;
}

static int write_csv(struct cli_out *out, const struct series *ser, struct cli_outputs *files)
{
    bmd_membuf buf = {0};
    bmd_sink sink = {bmd_membuf_write, &buf};
    char prov[4096];
    cli_prov_comment(prov, sizeof prov);
    int st = bmd_sink_printf(&sink,
                             "%st_s,lat_deg,lon_deg,alt_m,speed_mps,gamma_deg,mach,"
                             "accel_mps2,stage,event\n",
                             prov);
    for (size_t i = 0; i < ser->n && st == BMD_OK; i++) {
        const bmd_traj_sample *s = &ser->s[i];
        st = bmd_sink_printf(&sink, "%.3f,%.6f,%.6f,%.1f,%.2f,%.4f,%.3f,%.3f,%d,%s\n", s->t_s,
                             s->lat_rad * BMD_RAD2DEG, s->lon_rad * BMD_RAD2DEG, s->alt_m,
                             s->speed_mps, s->gamma_rad * BMD_RAD2DEG, s->mach, s->accel_mps2,
                             s->stage,
                             s->event == BMD_TRAJ_EV_NONE ? "" : bmd_traj_event_name(s->event));
    }
    int rc = st == BMD_OK ? cli_out_stage(out, files, "trajectory.csv", &buf)
                          : cli_fail("trajectory", "out of memory writing trajectory.csv");
    bmd_membuf_free(&buf);
    return rc;
}

static double deg(double rad)
{
    return rad * BMD_RAD2DEG;
}

static cJSON *summary_json(const bmd_traj_summary *s, const char *missile, const char *shape,
                           const bmd_traj_solution *sol)
{
    cJSON *o = cJSON_CreateObject();
    if (missile) cJSON_AddStringToObject(o, "missile", missile);
    cJSON_AddStringToObject(o, "shape", shape);
    cJSON_AddNumberToObject(o, "range_m", s->range_m);
    cJSON_AddNumberToObject(o, "apogee_alt_m", s->apogee_alt_m);
    cJSON_AddNumberToObject(o, "apogee_time_s", s->apogee_time_s);
    cJSON_AddNumberToObject(o, "flight_time_s", s->flight_time_s);
    cJSON_AddNumberToObject(o, "burnout_time_s", s->burnout_time_s);
    cJSON_AddNumberToObject(o, "burnout_speed_mps", s->burnout_speed_mps);
    cJSON_AddNumberToObject(o, "burnout_alt_m", s->burnout_alt_m);
    cJSON_AddNumberToObject(o, "burnout_gamma_deg", deg(s->burnout_gamma_rad));
    cJSON_AddNumberToObject(o, "launch_lat_deg", deg(s->launch_lat_rad));
    cJSON_AddNumberToObject(o, "launch_lon_deg", deg(s->launch_lon_rad));
    cJSON_AddNumberToObject(o, "impact_lat_deg", deg(s->impact_lat_rad));
    cJSON_AddNumberToObject(o, "impact_lon_deg", deg(s->impact_lon_rad));
    cJSON_AddNumberToObject(o, "impact_speed_mps", s->impact_speed_mps);
    cJSON_AddNumberToObject(o, "impact_gamma_deg", deg(s->impact_gamma_rad));
    cJSON_AddNumberToObject(o, "max_decel_mps2", s->max_decel_mps2);
    cJSON_AddNumberToObject(o, "max_decel_alt_m", s->max_decel_alt_m);
    cJSON_AddNumberToObject(o, "launch_azimuth_deg", deg(s->launch_azimuth_rad));
    cJSON_AddNumberToObject(o, "kick_deg", deg(s->kick_rad));
    cJSON_AddNumberToObject(o, "cutoff_s", s->cutoff_s);
    if (sol) {
        cJSON_AddNumberToObject(o, "aim_range_m", sol->aim_range_m);
        cJSON_AddNumberToObject(o, "aim_miss_m", sol->miss_m);
        cJSON_AddNumberToObject(o, "max_range_m", sol->max_range_m);
    }
    cJSON *ev = cJSON_AddArrayToObject(o, "events");
    for (int i = 0; i < s->n_events; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "event", bmd_traj_event_name(s->events[i].kind));
        cJSON_AddNumberToObject(e, "stage", s->events[i].stage);
        cJSON_AddNumberToObject(e, "t_s", s->events[i].t_s);
        cJSON_AddNumberToObject(e, "alt_m", s->events[i].alt_m);
        cJSON_AddNumberToObject(e, "speed_mps", s->events[i].speed_mps);
        cJSON_AddItemToArray(ev, e);
    }
    return o;
}

static void print_human(const bmd_traj_summary *s, const char *title, const char *model,
                        const bmd_traj_solution *sol)
{
    printf("%s\n%s\n\n", title, model);
    printf("  %-20s %10.1f km", "range", s->range_m / 1e3);
    if (sol)
        printf("   (aim point %.1f km away, miss %.0f m)", sol->aim_range_m / 1e3, sol->miss_m);
    printf("\n");
    if (sol)
        printf("  %-20s %10.1f km   (full burn, best kick, this azimuth)\n", "maximum range",
               sol->max_range_m / 1e3);
    printf("  %-20s %10.2f deg\n", "launch azimuth", deg(s->launch_azimuth_rad));
    if (s->kick_rad > 0) printf("  %-20s %10.2f deg\n", "pitch-over (kick)", deg(s->kick_rad));
    printf("  %-20s %10.1f s    alt %7.1f km   speed %6.3f km/s   gamma %5.2f deg\n", "burnout",
           s->burnout_time_s, s->burnout_alt_m / 1e3, s->burnout_speed_mps / 1e3,
           deg(s->burnout_gamma_rad));
    printf("  %-20s %10.1f s    alt %7.1f km\n", "apogee", s->apogee_time_s, s->apogee_alt_m / 1e3);
    printf("  %-20s %10.1f s    %.4f%c %.4f%c   speed %6.3f km/s   gamma %5.1f deg\n", "impact",
           s->flight_time_s, fabs(deg(s->impact_lat_rad)), s->impact_lat_rad >= 0 ? 'N' : 'S',
           fabs(deg(s->impact_lon_rad)), s->impact_lon_rad >= 0 ? 'E' : 'W',
           s->impact_speed_mps / 1e3, deg(s->impact_gamma_rad));
    if (s->max_decel_mps2 > 0)
        printf("  %-20s %10.1f m/s2 (%.1f g) at %.1f km\n", "max deceleration", s->max_decel_mps2,
               s->max_decel_mps2 / BMD_G0_MPS2, s->max_decel_alt_m / 1e3);
    printf("  %-20s %7.0f min %02.0f s\n", "flight time", floor(s->flight_time_s / 60.0),
           fmod(s->flight_time_s, 60.0));
    printf("\n  %10s %10s %12s  %s\n", "t (s)", "alt (km)", "speed (km/s)", "event");
    for (int i = 0; i < s->n_events; i++) {
        const bmd_traj_event *e = &s->events[i];
        printf("  %10.2f %10.2f %12.3f  %s", e->t_s, e->alt_m / 1e3, e->speed_mps / 1e3,
               bmd_traj_event_name(e->kind));
        if (e->kind == BMD_TRAJ_EV_BURNOUT || e->kind == BMD_TRAJ_EV_IGNITION)
            printf(" (stage %d)", e->stage);
        printf("\n");
    }
}

struct run {
    struct cli_args a;
    struct cli_env env;
    bmd_earth earth;
    const char *earth_name;
    bmd_atmo *atmo;
    bmd_traj_integrator integ;
    bmd_traj_config cfg;
    struct series ser;
    bmd_traj_summary sum;
    bmd_traj_solution sol;
    char title[256], model[256];
    char note[512]; /* a warning to print with the result ("" none) */
};

/* Map a library status to the exit code: bad input (2) or run-time (1). */
static int lib_fail(int st, const bmd_errbuf *e)
{
    if (st == BMD_EUNREACH || st == BMD_EINVAL || st == BMD_EDOM)
        return cli_bad("trajectory", "%s", e->msg[0] ? e->msg : bmd_strerror(st));
    return cli_fail("trajectory", "%s", e->msg[0] ? e->msg : bmd_strerror(st));
}

static int fly_missile(struct run *r, const bmd_site *from, const char **shape_name,
                       const bmd_missile **mout)
{
    bmd_errbuf e = {{0}};
    const bmd_missile *m;
    const char *mname = cli_get(&r->a, "missile");
    if (mname == NULL) return cli_bad("trajectory", "give --missile NAME (or --impulsive SPEED)");
    if (cli_missile(&r->env, mname, &m)) return 2;
    cli_prov_entry("missile", m->name);
    *mout = m;
    int st;
    if (cli_has(&r->a, "to")) {
        bmd_site to;
        bmd_traj_shape shape;
        if (cli_has(&r->a, "azimuth") || cli_has(&r->a, "kick") || cli_has(&r->a, "cutoff"))
            return cli_bad(
                "trajectory",
                "--to solves azimuth, kick and cut-off itself; drop --azimuth/--kick/--cutoff");
        if (cli_site(&r->env, "--to", cli_get(&r->a, "to"), &to)) return 2;
        if (cli_shape(&r->a, &shape, shape_name)) return 2;
        st = bmd_traj_target(&r->cfg, m, from->lat_rad, from->lon_rad, from->alt_m, to.lat_rad,
                             to.lon_rad, &shape, 0.0, &r->sol, &e);
        if (st != BMD_OK) return lib_fail(st, &e);
        snprintf(r->title, sizeof r->title, "%s, %s -> %s, %s trajectory", m->label, from->name,
                 to.name, *shape_name);
        st = bmd_traj_fly(&r->cfg, m, &r->sol.launch, &r->sum, &e);
    } else {
        bmd_traj_launch l;
        double az;
        if (cli_value(&r->a, "azimuth", BMD_Q_ANGLE, &az) != 1)
            return cli_has(&r->a, "azimuth")
                       ? 2
                       : cli_bad("trajectory", "give --to SITE or --azimuth ANGLE");
        if (cli_has(&r->a, "shape") || cli_has(&r->a, "apogee") || cli_has(&r->a, "gamma"))
            return cli_bad("trajectory", "--shape/--apogee/--gamma need --to (along --azimuth the "
                                         "flight is maximum range, or --kick)");
        bmd_traj_launch_init(&l, from->lat_rad, from->lon_rad, from->alt_m, az);
        if (cli_has(&r->a, "kick")) {
            *shape_name = "given-kick";
            if (cli_value(&r->a, "kick", BMD_Q_ANGLE, &l.kick_rad) == 2) return 2;
            if (cli_value(&r->a, "cutoff", BMD_Q_TIME, &l.cutoff_s) == 2) return 2;
        } else {
            if (cli_has(&r->a, "cutoff")) return cli_bad("trajectory", "--cutoff needs --kick");
            *shape_name = "max-range";
            st = bmd_traj_max_range(&r->cfg, m, &l, &l, NULL, &e);
            if (st == BMD_WRANGE) {
                /* no maximum along this azimuth: the flight to the antipode */
                snprintf(r->note, sizeof r->note, "%s", e.msg);
                st = BMD_OK;
                e.msg[0] = 0;
            }
            if (st != BMD_OK) return lib_fail(st, &e);
        }
        snprintf(r->title, sizeof r->title, "%s from %s, azimuth %.1f deg, %s", m->label,
                 from->name, deg(az),
                 strcmp(*shape_name, "max-range") == 0 ? "maximum range" : "given pitch-over");
        st = bmd_traj_fly(&r->cfg, m, &l, &r->sum, &e);
    }
    if (st != BMD_OK)
        return r->ser.oom ? cli_fail("trajectory", "out of memory") : lib_fail(st, &e);
    return 0;
}

static int fly_impulsive(struct run *r, const bmd_site *from)
{
    bmd_errbuf e = {{0}};
    bmd_traj_impulsive b;
    memset(&b, 0, sizeof b);
    b.lat_rad = from->lat_rad;
    b.lon_rad = from->lon_rad;
    b.alt_m = from->alt_m;
    if (cli_value(&r->a, "impulsive", BMD_Q_SPEED, &b.speed_mps) != 1) return 2;
    if (cli_value(&r->a, "gamma", BMD_Q_ANGLE, &b.gamma_rad) != 1)
        return cli_has(&r->a, "gamma") ? 2
                                       : cli_bad("trajectory", "--impulsive needs --gamma ANGLE");
    if (cli_value(&r->a, "azimuth", BMD_Q_ANGLE, &b.azimuth_rad) != 1)
        return cli_has(&r->a, "azimuth")
                   ? 2
                   : cli_bad("trajectory", "--impulsive needs --azimuth ANGLE");
    if (cli_value(&r->a, "beta", BMD_Q_BETA, &b.beta_kgpm2) == 2) return 2;
    if (cli_has(&r->a, "missile") || cli_has(&r->a, "to") || cli_has(&r->a, "shape") ||
        cli_has(&r->a, "kick") || cli_has(&r->a, "cutoff") || cli_has(&r->a, "apogee"))
        return cli_bad("trajectory",
                       "--impulsive takes --from, --gamma, --azimuth and --beta only");
    if (b.speed_mps <= 0) return cli_bad("trajectory", "--impulsive: speed must be positive");
    snprintf(r->title, sizeof r->title,
             "impulsive free flight from %s: %.4f km/s at %.3f deg, azimuth %.2f deg", from->name,
             b.speed_mps / 1e3, deg(b.gamma_rad), deg(b.azimuth_rad));
    int st = bmd_traj_fly_impulsive(&r->cfg, &b, &r->sum, &e);
    if (st != BMD_OK)
        return r->ser.oom ? cli_fail("trajectory", "out of memory") : lib_fail(st, &e);
    return 0;
}

static int setup(struct run *r)
{
    bmd_errbuf e = {{0}};
    int impulsive = cli_has(&r->a, "impulsive");
    if (cli_earth(&r->a, &r->earth, &r->earth_name)) return 2;
    /* An impulsive body without --beta has no drag: default to vacuum. */
    bmd_atmo_kind dflt = (impulsive && !cli_has(&r->a, "beta")) ? BMD_ATMO_NONE : BMD_ATMO_US76;
    r->atmo = malloc(sizeof *r->atmo);
    if (r->atmo == NULL) return cli_fail("trajectory", "out of memory");
    if (cli_atmo(&r->a, r->atmo, dflt)) return 2;
    const char *ig = cli_get(&r->a, "integrator");
    const bmd_traj_stepper_type *type = bmd_traj_dopri5;
    if (ig && strcmp(ig, "rk8pd") == 0)
        type = bmd_traj_rk8pd;
    else if (ig && strcmp(ig, "dopri5") != 0)
        return cli_bad("trajectory", "--integrator: expected dopri5 or rk8pd, found '%s'", ig);
    if (bmd_traj_integrator_init(&r->integ, type, &e) != BMD_OK)
        return cli_fail("trajectory", "%s", e.msg);
    bmd_traj_config_init(&r->cfg, &r->earth, r->atmo->kind == BMD_ATMO_NONE ? NULL : r->atmo);
    r->cfg.integ = &r->integ;
    double dt = 1.0;
    if (cli_value(&r->a, "dt", BMD_Q_TIME, &dt) == 2) return 2;
    if (!(dt > 0)) return cli_bad("trajectory", "--dt: must be positive");
    if (cli_has(&r->a, "output") || cli_has(&r->a, "plot")) {
        r->cfg.sample_dt_s = dt;
        r->cfg.sample = collect;
        r->cfg.sample_ctx = &r->ser;
    }
    snprintf(r->model, sizeof r->model, "Earth %s%s, atmosphere %s, integrator %s", r->earth_name,
             r->earth.omega_radps == 0 ? " (non-rotating)" : " (rotating)",
             bmd_atmo_name(r->atmo->kind), bmd_traj_stepper_name(type));
    return 0;
}

/* ---- --plot: trajectory-profile.png (bmd/plot.h) ---------------------- */

/* The altitude band of --battery NAME from the interceptor catalog. */
static int plot_band(struct run *r, bmd_plot_band *band, char *label, size_t n)
{
    const char *name = cli_get(&r->a, "battery");
    if (name == NULL) return 0;
    char path[4096];
    bmd_errbuf e = {{0}};
    bmd_interceptor_list list = {0};
    const bmd_interceptor *ic;
    if (bmd_data_path(path, sizeof path, r->env.data_dir, "catalog/interceptors.yaml") != BMD_OK)
        return cli_bad("trajectory", "data directory path too long");
    int st = bmd_interceptor_list_load(path, &list, &e);
    if (st == BMD_OK) st = bmd_interceptor_find(&list, name, &ic, &e);
    if (st != BMD_OK) {
        bmd_interceptor_list_free(&list);
        return cli_bad("trajectory", "--battery: %s", e.msg);
    }
    snprintf(label, n, "%s: intercept altitudes %.0f-%.0f km", ic->label, ic->min_alt_m / 1e3,
             ic->max_alt_m / 1e3);
    band->alt_min_m = ic->min_alt_m, band->alt_max_m = ic->max_alt_m, band->label = label;
    bmd_interceptor_list_free(&list);
    return 0;
}

/* --plot-format and --battery are checked before flying; 0 or 2. */
static int plot_check(struct run *r, bmd_plot_format *fmt)
{
    const struct cli_args *a = &r->a;
    bmd_plot_band band;
    char label[160];
    bmd_errbuf e = {{0}};
    *fmt = BMD_PLOT_PNG;
    if (!cli_has(a, "plot") && (cli_has(a, "plot-format") || cli_has(a, "battery")))
        return cli_bad("trajectory", "--plot-format and --battery need --plot");
    const char *f = cli_get(a, "plot-format");
    if (f && bmd_plot_format_parse(f, fmt, &e) != BMD_OK)
        return cli_bad("trajectory", "--plot-format: %s", e.msg);
    return plot_band(r, &band, label, sizeof label);
}

/* trajectory-profile.FMT, made in the staging directory tmp and staged. */
static int plot_profile(struct run *r, struct cli_out *out, bmd_plot_format fmt,
                        struct cli_outputs *files, const char *tmp)
{
    char file[64], path[4500], apo[64], band_label[160];
    snprintf(file, sizeof file, "trajectory-profile.%s", bmd_plot_format_ext(fmt));
    if ((size_t)snprintf(path, sizeof path, "%s/%s", tmp, file) >= sizeof path)
        return cli_bad("trajectory", "-o: path too long");
    bmd_plot_band band = {0, 0, NULL};
    if (plot_band(r, &band, band_label, sizeof band_label)) return 2;
    size_t n = r->ser.n;
    double *v = malloc(4 * (n ? n : 1) * sizeof *v);
    if (v == NULL) return cli_fail("trajectory", "out of memory");
    for (size_t i = 0; i < n; i++)
        v[i] = r->ser.s[i].t_s, v[n + i] = r->ser.s[i].alt_m, v[2 * n + i] = r->ser.s[i].lat_rad,
        v[3 * n + i] = r->ser.s[i].lon_rad;
    bmd_plot_series s = {0};
    s.label = "trajectory", s.role = BMD_PLOT_THREAT, s.n = n;
    s.t_s = v, s.alt_m = v + n, s.lat_rad = v + 2 * n, s.lon_rad = v + 3 * n;
    bmd_plot_marker mk[BMD_TRAJ_MAX_EVENTS + 2];
    size_t nm = 0;
    for (int i = 0; i < r->sum.n_events && nm < BMD_TRAJ_MAX_EVENTS; i++)
        if (r->sum.events[i].kind == BMD_TRAJ_EV_BURNOUT ||
            r->sum.events[i].kind == BMD_TRAJ_EV_CUTOFF)
            mk[nm++] = (bmd_plot_marker){BMD_PLOT_EV_BURNOUT, NULL, r->sum.events[i].t_s, NAN,
                                         r->sum.events[i].alt_m};
    snprintf(apo, sizeof apo, "apogee %.0f km", r->sum.apogee_alt_m / 1e3);
    mk[nm++] =
        (bmd_plot_marker){BMD_PLOT_EV_APOGEE, apo, r->sum.apogee_time_s, NAN, r->sum.apogee_alt_m};
    bmd_plot_opts o;
    bmd_plot_opts_init(&o);
    o.path = path, o.format = fmt, o.title = r->title, o.subtitle = r->model;
    bmd_errbuf e = {{0}};
    int st = bmd_plot_profile(&o, &s, 1, mk, nm, band.label ? &band : NULL, &e);
    free(v);
    if (st != BMD_OK)
        return st == BMD_EIO || st == BMD_EINVAL ? cli_bad("trajectory", "--plot: %s", e.msg)
                                                 : cli_fail("trajectory", "--plot: %s", e.msg);
    return cli_out_stage_file(out, files, tmp, file);
}

int cli_trajectory(int argc, char **argv)
{
    struct run *r = calloc(1, sizeof *r);
    if (r == NULL) return cli_fail("trajectory", "out of memory");
    int rc = cli_parse(&r->a, "trajectory", opts, sizeof opts / sizeof opts[0], &help, argc, argv);
    if (rc) {
        free(r);
        return rc < 0 ? 0 : rc;
    }
    cli_env_init(&r->env, &r->a);
    bmd_site from;
    const char *shape_name = "impulsive";
    const bmd_missile *m = NULL;
    if (!cli_has(&r->a, "from"))
        rc = cli_bad("trajectory", "give --from SITE (a site name or LAT,LON)");
    bmd_plot_format plot_fmt = BMD_PLOT_PNG;
    if (!rc) rc = plot_check(r, &plot_fmt);
    const char *o_arg = cli_get(&r->a, "output");
    size_t o_len = o_arg ? strlen(o_arg) : 0;
    if (!rc && o_len > 4 && strcmp(o_arg + o_len - 4, ".csv") == 0)
        rc = cli_bad("trajectory",
                     "-o %s: -o names a directory (the time series is DIR/trajectory.csv)", o_arg);
    struct cli_out out;
    memset(&out, 0, sizeof out);
    if (!rc) rc = cli_out_init(&out, &r->a, "output");
    if (!rc) rc = setup(r);
    if (!rc) rc = cli_site(&r->env, "--from", cli_get(&r->a, "from"), &from);
    if (!rc)
        rc = cli_has(&r->a, "impulsive") ? fly_impulsive(r, &from)
                                         : fly_missile(r, &from, &shape_name, &m);
    const bmd_traj_solution *sol = (m && cli_has(&r->a, "to")) ? &r->sol : NULL;
    /* the time series and the figure together or none */
    struct cli_outputs files = {0};
    char tmp[4300] = "";
    int plot = cli_has(&r->a, "plot");
    if (!rc && out.given) rc = write_csv(&out, &r->ser, &files);
    if (!rc && plot) rc = cli_out_tmpdir(&out, tmp, sizeof tmp);
    if (!rc && plot) rc = plot_profile(r, &out, plot_fmt, &files, tmp);
    if (!rc && (out.given || plot)) rc = cli_out_commit(&out, &files);
    cli_outputs_free(&files);
    cli_out_tmpdir_remove(tmp);
    if (!rc && cli_has(&r->a, "json")) {
        cJSON *o = summary_json(&r->sum, m ? m->name : NULL, shape_name, sol);
        if (r->note[0]) cJSON_AddStringToObject(o, "note", r->note);
        cli_print_json(o);
    } else if (!rc && !out.quiet) {
        print_human(&r->sum, r->title, r->model, sol);
        if (r->note[0]) printf("\nnote: %s\n", r->note);
    }
    cli_out_finish(&out, rc);
    free(r->ser.s);
    bmd_traj_integrator_free(&r->integ);
    free(r->atmo);
    cli_env_free(&r->env);
    free(r);
    return rc;
}
