/* common.c: data directory, catalogs, sites, Earth/atmosphere options and
 * unit-bearing values shared by the bmdsim subcommands. */
#define _POSIX_C_SOURCE 200809L /* readlink */
#include "common.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "bmd/core.h"

#ifndef BMD_DATA_DIR_DEFAULT
#define BMD_DATA_DIR_DEFAULT "data"
#endif

/* DIR/../share/bmdsim beside the running executable (an installed bmdsim:
 * PREFIX/bin/bmdsim and PREFIX/share/bmdsim) into buf when it holds
 * sites.yaml; 1 if found. Linux: /proc/self/exe names the executable. */
static int installed_data(char *buf, size_t n)
{
    char exe[4096];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (k <= 0) return 0;
    exe[k] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash == NULL) return 0;
    *slash = '\0';
    int m = snprintf(buf, n, "%s/../share/bmdsim", exe);
    if (m < 0 || (size_t)m >= n) return 0;
    char probe[4200];
    snprintf(probe, sizeof probe, "%s/sites.yaml", buf);
    return access(probe, R_OK) == 0;
}

const char *cli_data_dir(const struct cli_args *a, char *buf, size_t n)
{
    const char *d = cli_get(a, "data");
    if (d == NULL) d = getenv("BMD_DATA_DIR");
    if (d != NULL && d[0] != '\0') return d;
    if (installed_data(buf, n)) return buf;
    return BMD_DATA_DIR_DEFAULT; /* the source tree this bmdsim was built from */
}

/* 1 when text is a number with no unit ("100", "2.5e3"). */
static int bare_number(const char *text)
{
    char *end;
    (void)strtod(text, &end);
    return end != text && *end == '\0';
}

int cli_value(const struct cli_args *a, const char *name, bmd_quantity q, double *out)
{
    const char *text = cli_get(a, name);
    if (text == NULL) return 0;
    bmd_errbuf e = {{0}};
    double v;
    if (bmd_units_parse(text, q, &v, &e) != BMD_OK ||
        bmd_input_range_check(name, q, v, &e) != BMD_OK)
        return cli_bad(a->cmd, "--%s: %s", name, e.msg);
    /* Every length option (altitudes, apogees, ranges, cell sizes) is at
     * the kilometre scale: a bare number below 1000 is almost surely meant
     * in km, and silently read in metres it gives a plausible-looking
     * wrong answer (--altitude 100: a 0 km2 coverage). Ask for the unit. */
    if (q == BMD_Q_LENGTH && bare_number(text) && v != 0.0 && fabs(v) < 1000.0)
        return cli_bad(a->cmd, "--%s %s: give a unit (%skm or %sm); bare numbers are metres", name,
                       text, text, text);
    *out = v;
    return 1;
}

int cli_earth(const struct cli_args *a, bmd_earth *earth, const char **name)
{
    const char *m = cli_get(a, "earth");
    if (m == NULL || strcmp(m, "wgs84") == 0) {
        bmd_earth_wgs84(earth);
        *name = "wgs84";
    } else if (strcmp(m, "sphere") == 0) {
        bmd_earth_sphere(earth);
        *name = "sphere";
    } else {
        return cli_bad(a->cmd, "--earth: expected wgs84 or sphere, found '%s'", m);
    }
    if (cli_has(a, "no-rotation")) earth->omega_radps = 0.0;
    return 0;
}

int cli_atmo(const struct cli_args *a, bmd_atmo *atmo, bmd_atmo_kind dflt)
{
    const char *m = cli_get(a, "atmosphere");
    bmd_atmo_kind k = dflt;
    if (m == NULL)
        k = dflt;
    else if (strcmp(m, "us76") == 0)
        k = BMD_ATMO_US76;
    else if (strcmp(m, "exponential") == 0)
        k = BMD_ATMO_EXPONENTIAL;
    else if (strcmp(m, "none") == 0)
        k = BMD_ATMO_NONE;
    else
        return cli_bad(a->cmd, "--atmosphere: expected us76, exponential or none, found '%s'", m);
    if (bmd_atmo_init(atmo, k) != BMD_OK)
        return cli_fail(a->cmd, "cannot set up the atmosphere model");
    return 0;
}

void cli_env_init(struct cli_env *env, const struct cli_args *a)
{
    memset(env, 0, sizeof *env);
    env->cmd = a->cmd;
    env->data_dir = cli_data_dir(a, env->data_buf, sizeof env->data_buf);
}

void cli_env_free(struct cli_env *env)
{
    bmd_site_list_free(&env->sites);
    bmd_missile_list_free(&env->missiles);
    bmd_radar_catalog_free(&env->radars);
}

/* Status of a loader -> exit code: unreadable or malformed files are bad
 * input (2); out of memory is a run-time failure (1). */
static int load_fail(const char *cmd, int st, const bmd_errbuf *e)
{
    if (st == BMD_ENOMEM) return cli_fail(cmd, "out of memory");
    return cli_bad(cmd, "%s", e->msg);
}

static int load_sites(struct cli_env *env)
{
    if (env->have_sites) return 0;
    char path[4096];
    bmd_errbuf e = {{0}};
    if (bmd_data_path(path, sizeof path, env->data_dir, "sites.yaml") != BMD_OK)
        return cli_bad(env->cmd, "data directory path too long");
    int st = bmd_site_list_load(path, &env->sites, &e);
    if (st != BMD_OK) return load_fail(env->cmd, st, &e);
    env->have_sites = 1;
    return 0;
}

int cli_site(struct cli_env *env, const char *option, const char *text, bmd_site *site)
{
    if (load_sites(env)) return 2;
    if (text == NULL) return 0;
    bmd_errbuf e = {{0}};
    if (bmd_site_resolve(&env->sites, text, site, &e) != BMD_OK)
        return cli_bad(env->cmd, "%s: %s", option, e.msg);
    return 0;
}

int cli_missile(struct cli_env *env, const char *name, const bmd_missile **m)
{
    bmd_errbuf e = {{0}};
    if (!env->have_missiles) {
        char path[4096];
        if (bmd_data_path(path, sizeof path, env->data_dir, "catalog/missiles.yaml") != BMD_OK)
            return cli_bad(env->cmd, "data directory path too long");
        int st = bmd_missile_list_load(path, &env->missiles, &e);
        if (st != BMD_OK) return load_fail(env->cmd, st, &e);
        env->have_missiles = 1;
    }
    if (name == NULL) return 0;
    if (bmd_missile_find(&env->missiles, name, m, &e) != BMD_OK)
        return cli_bad(env->cmd, "%s", e.msg);
    return 0;
}

int cli_write_file(const char *cmd, const char *path, const char *data, size_t len)
{
    bmd_atomic_file f;
    bmd_errbuf e = {{0}};
    if (bmd_atomic_open(&f, path, &e) != BMD_OK) return cli_bad(cmd, "%s", e.msg);
    bmd_sink s = bmd_atomic_sink(&f);
    if (len > 0 && s.write(s.ctx, data, len) != BMD_OK) {
        bmd_atomic_abort(&f);
        return cli_fail(cmd, "%s: write failed", path);
    }
    if (bmd_atomic_commit(&f, &e) != BMD_OK) return cli_fail(cmd, "%s", e.msg);
    return 0;
}

void cli_outputs_add(struct cli_outputs *o, const char *path, bmd_membuf *data)
{
    if (o->n >= CLI_OUTPUTS_MAX) return; /* a programming error; caught by commit */
    snprintf(o->path[o->n], sizeof o->path[o->n], "%s", path);
    o->data[o->n] = *data;
    memset(data, 0, sizeof *data);
    o->n++;
}

void cli_outputs_free(struct cli_outputs *o)
{
    for (size_t i = 0; i < o->n; i++)
        bmd_membuf_free(&o->data[i]);
    o->n = 0;
}

int cli_outputs_commit(const char *cmd, struct cli_outputs *o)
{
    bmd_atomic_file f[CLI_OUTPUTS_MAX];
    bmd_errbuf e = {{0}};
    size_t opened = 0;
    int rc = 0;
    for (size_t i = 0; i < o->n && rc == 0; i++) {
        int st = bmd_atomic_open(&f[i], o->path[i], &e);
        if (st != BMD_OK) {
            rc = st == BMD_EINVAL ? cli_bad(cmd, "%s", e.msg) : cli_fail(cmd, "%s", e.msg);
            break;
        }
        opened++;
        bmd_sink s = bmd_atomic_sink(&f[i]);
        if (o->data[i].len > 0 && s.write(s.ctx, o->data[i].data, o->data[i].len) != BMD_OK)
            rc = cli_fail(cmd, "%s: write failed", o->path[i]);
        else if (bmd_atomic_finish(&f[i], &e) != BMD_OK)
            rc = cli_fail(cmd, "%s", e.msg);
    }
    if (rc != 0) {
        for (size_t i = 0; i < opened; i++)
            bmd_atomic_abort(&f[i]);
        cli_outputs_free(o);
        return rc;
    }
    /* All data are on disk: now the renames, which fail only if the
     * directory changes under us. */
    for (size_t i = 0; i < o->n; i++) {
        if (rc == 0 && bmd_atomic_rename(&f[i], &e) != BMD_OK) rc = cli_fail(cmd, "%s", e.msg);
        if (rc != 0) bmd_atomic_abort(&f[i]);
    }
    cli_outputs_free(o);
    return rc;
}

int cli_radars(struct cli_env *env)
{
    if (env->have_radars) return 0;
    char path[4096];
    bmd_errbuf e = {{0}};
    if (bmd_data_path(path, sizeof path, env->data_dir, "catalog/radars.yaml") != BMD_OK)
        return cli_bad(env->cmd, "data directory path too long");
    int st = bmd_radar_catalog_load(path, &env->radars, &e);
    if (st != BMD_OK) return load_fail(env->cmd, st, &e);
    env->have_radars = 1;
    return 0;
}

/* One radar parameter option: its quantity and where it goes. */
struct radar_param {
    const char *opt;
    bmd_quantity q;
    size_t offset; /* of the double in bmd_radar */
};

#define RP(o, q, field)                                                                            \
    {                                                                                              \
        o, q, offsetof(bmd_radar, field)                                                           \
    }
static const struct radar_param radar_params[] = {
    RP("power-avg", BMD_Q_POWER, hw.p_avg_w),
    RP("power-peak", BMD_Q_POWER, hw.p_peak_w),
    RP("pulse", BMD_Q_TIME, hw.pulse_s),
    RP("gain", BMD_Q_RATIO, hw.gain),
    RP("aperture", BMD_Q_AREA, hw.area_m2),
    RP("efficiency", BMD_Q_DIMLESS, hw.efficiency),
    RP("frequency", BMD_Q_FREQUENCY, hw.freq_hz),
    RP("noise-temp", BMD_Q_TEMPERATURE, hw.t_sys_k),
    RP("loss", BMD_Q_RATIO, hw.loss),
    RP("dwell", BMD_Q_TIME, mode.t_dwell_s),
    RP("snr-required", BMD_Q_RATIO, mode.snr_req),
    RP("half-width", BMD_Q_ANGLE, face.half_az_rad),
    RP("el-min", BMD_Q_ANGLE, face.el_min_rad),
    RP("instrumented-range", BMD_Q_LENGTH, mode.instr_range_m),
    RP("boresight", BMD_Q_ANGLE, face.boresight_az_rad),
};
#undef RP

int cli_radar_params(const struct cli_args *a, bmd_radar *r, int *any)
{
    if (any) *any = 0;
    for (size_t i = 0; i < sizeof radar_params / sizeof radar_params[0]; i++) {
        double *field = (double *)(void *)((char *)r + radar_params[i].offset);
        if (cli_value(a, radar_params[i].opt, radar_params[i].q, field) == 2) return 2;
        if (any && strcmp(radar_params[i].opt, "boresight") != 0 && cli_has(a, radar_params[i].opt))
            *any = 1;
    }
    return 0;
}

int cli_radar(struct cli_env *env, const struct cli_args *a, int need_site, bmd_radar *r,
              const bmd_radar_entry **entry)
{
    const char *name = cli_get(a, "radar");
    int any_param = 0;
    for (size_t i = 0; i < sizeof radar_params / sizeof radar_params[0]; i++)
        if (strcmp(radar_params[i].opt, "boresight") != 0 && cli_has(a, radar_params[i].opt))
            any_param = 1;
    const bmd_radar_entry *en = NULL;
    bmd_errbuf e = {{0}};
    if (name == NULL && any_param && !cli_has(a, "frequency")) name = "an-tpy2";
    if (name == NULL && !any_param) name = "an-tpy2";
    if (name != NULL) {
        if (cli_radars(env)) return 2;
        if (bmd_radar_catalog_find(&env->radars, name, &en, &e) != BMD_OK)
            return cli_bad(a->cmd, "--radar: %s", e.msg);
        *r = en->radar;
    } else {
        bmd_radar_defaults(r);
        snprintf(r->name, sizeof r->name, "custom");
        snprintf(r->label, sizeof r->label, "radar given by parameters");
    }
    if (cli_radar_params(a, r, NULL)) return 2;
    if (name != NULL && any_param) {
        char label[64];
        snprintf(label, sizeof label, "%.50s (modified)", r->label);
        memcpy(r->label, label, sizeof r->label);
    }
    if (cli_has(a, "site")) {
        bmd_site s;
        if (cli_site(env, "--site", cli_get(a, "site"), &s)) return 2;
        r->face.lat_rad = s.lat_rad;
        r->face.lon_rad = s.lon_rad;
        r->face.h_m = s.alt_m;
    } else if (need_site) {
        return cli_bad(a->cmd, "give --site SITE (a site name or LAT,LON) for the radar");
    }
    if (bmd_radar_validate(r, &e) != BMD_OK) return cli_bad(a->cmd, "radar: %s", e.msg);
    if (entry) *entry = en;
    return 0;
}

void cli_print_json(struct cJSON *o)
{
    char *txt = cJSON_PrintUnformatted(o);
    if (txt) printf("%s\n", txt);
    free(txt);
    cJSON_Delete(o);
}

int cli_shape(const struct cli_args *a, bmd_traj_shape *shape, const char **name)
{
    const char *s = cli_get(a, "shape");
    memset(shape, 0, sizeof *shape);
    *name = "min-energy";
    if (s == NULL || strcmp(s, "min-energy") == 0) {
        shape->kind = BMD_TRAJ_MIN_ENERGY;
    } else if (strcmp(s, "lofted") == 0) {
        shape->kind = BMD_TRAJ_LOFTED;
        *name = "lofted";
    } else if (strcmp(s, "depressed") == 0) {
        shape->kind = BMD_TRAJ_DEPRESSED;
        *name = "depressed";
    } else {
        return cli_bad(a->cmd, "--shape: expected min-energy, lofted or depressed, found '%s'", s);
    }
    int got_apogee = cli_value(a, "apogee", BMD_Q_LENGTH, &shape->apogee_m);
    if (got_apogee == 2) return 2;
    int got_gamma = cli_value(a, "gamma", BMD_Q_ANGLE, &shape->burnout_gamma_rad);
    if (got_gamma == 2) return 2;
    if (shape->kind == BMD_TRAJ_LOFTED && !got_apogee)
        return cli_bad(a->cmd, "--shape lofted needs --apogee (e.g. --apogee 400km)");
    if (shape->kind == BMD_TRAJ_DEPRESSED && !got_apogee && !got_gamma)
        return cli_bad(a->cmd, "--shape depressed needs --apogee or --gamma (e.g. --gamma 20deg)");
    if (shape->kind == BMD_TRAJ_MIN_ENERGY && (got_apogee || got_gamma))
        return cli_bad(a->cmd, "--apogee and --gamma need --shape lofted or depressed");
    if (shape->kind == BMD_TRAJ_DEPRESSED && got_apogee && got_gamma)
        return cli_bad(a->cmd, "--shape depressed takes --apogee or --gamma, not both");
    if (shape->kind == BMD_TRAJ_DEPRESSED && got_gamma) shape->apogee_m = 0.0;
    return 0;
}

int cli_count(const struct cli_args *a, const char *name, long lo, long hi, long *out)
{
    const char *v = cli_get(a, name);
    if (v == NULL) return 0;
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno || end == v || *end != '\0' || x < lo || x > hi)
        return cli_bad(a->cmd, "--%s: expected an integer in [%ld, %ld], found '%s'", name, lo, hi,
                       v);
    *out = x;
    return 0;
}
