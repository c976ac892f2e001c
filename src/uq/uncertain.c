/*
 * uncertain.c: uncertain scenario parameters by path: resolution with
 * suggestions, distributions, application to a scenario, and the
 * `uncertain:` block of a scenario file (bmd/uncertain.h).
 */
#include "bmd/uncertain.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "bmd/interceptor.h"
#include "bmd/radar_catalog.h"
#include "bmd/traj.h"
#include "input/yaml.h"

/* ---- fields ------------------------------------------------------------ */

enum root { R_RADARS, R_BATTERIES, R_INTERCEPTORS, R_MISSILES, R_THREATS, R_COUNT };
static const char *const ROOTS[] = {"radars", "batteries", "interceptors", "missiles", "threats"};

/* Special fields handled by code rather than an offset. */
enum special { SP_NONE, SP_RCS, SP_LAUNCH_OFFSET, SP_TYPE, SP_BURNOUT_SPEED };

/* A numeric field: offset of a double (or int) in the root's object
 * (bmd_scn_radar, bmd_scn_battery, bmd_interceptor, bmd_missile,
 * bmd_scn_threat). The keys are those of the scenario file and its
 * overrides (docs/formats.md). */
typedef struct fld {
    const char *key;
    int q;
    size_t off;
    int is_int;
    int special;
} fld;

#define RF(k, q, f)                                                                                \
    {                                                                                              \
        k, q, offsetof(bmd_scn_radar, f), 0, SP_NONE                                               \
    }
static const fld RADAR_F[] = {
    RF("power_avg", BMD_Q_POWER, radar.hw.p_avg_w),
    RF("power_peak", BMD_Q_POWER, radar.hw.p_peak_w),
    RF("aperture", BMD_Q_AREA, radar.hw.area_m2),
    RF("efficiency", BMD_Q_DIMLESS, radar.hw.efficiency),
    RF("gain", BMD_Q_RATIO, radar.hw.gain),
    RF("noise_temp", BMD_Q_TEMPERATURE, radar.hw.t_sys_k),
    RF("loss", BMD_Q_RATIO, radar.hw.loss),
    RF("frequency", BMD_Q_FREQUENCY, radar.hw.freq_hz),
    RF("half_width", BMD_Q_ANGLE, radar.face.half_az_rad),
    RF("el_min", BMD_Q_ANGLE, radar.face.el_min_rad),
    RF("boresight", BMD_Q_ANGLE, radar.face.boresight_az_rad),
    RF("tilt", BMD_Q_ANGLE, radar.face.boresight_el_rad),
    RF("dwell", BMD_Q_TIME, radar.mode.t_dwell_s),
    RF("frame_time", BMD_Q_TIME, radar.mode.t_frame_s),
    RF("snr_required", BMD_Q_RATIO, radar.mode.snr_req),
    RF("instrumented_range", BMD_Q_LENGTH, radar.mode.instr_range_m),
    RF("revisit", BMD_Q_TIME, revisit_s),
    RF("search_revisit", BMD_Q_TIME, search_revisit_s),
    {"type", BMD_Q_DIMLESS, 0, 0, SP_TYPE},
};
#define BF(k, q, f, i)                                                                             \
    {                                                                                              \
        k, q, offsetof(bmd_scn_battery, f), i, SP_NONE                                             \
    }
static const fld BATTERY_F[] = {
    BF("reaction_time", BMD_Q_TIME, reaction_s, 0),
    BF("kill_assessment", BMD_Q_TIME, kill_assessment_s, 0),
    BF("launch_interval", BMD_Q_TIME, launch_interval_s, 0),
    BF("launchers", BMD_Q_DIMLESS, launchers, 1),
    BF("missiles_per_launcher", BMD_Q_DIMLESS, missiles_per_launcher, 1),
    BF("salvo", BMD_Q_DIMLESS, salvo, 1),
};
#define IF(k, q, f)                                                                                \
    {                                                                                              \
        k, q, offsetof(bmd_interceptor, f), 0, SP_NONE                                             \
    }
static const fld IC_F[] = {
    IF("pk", BMD_Q_DIMLESS, pk),
    IF("lethal_radius", BMD_Q_LENGTH, lethal_radius_m),
    IF("min_alt", BMD_Q_LENGTH, min_alt_m),
    IF("max_alt", BMD_Q_LENGTH, max_alt_m),
    IF("max_range", BMD_Q_LENGTH, max_range_m),
    IF("max_flight_time", BMD_Q_TIME, max_flight_time_s),
    IF("divert", BMD_Q_SPEED, kv_divert_mps),
    IF("max_accel", BMD_Q_ACCEL, kv_accel_max_mps2),
    IF("nav_gain", BMD_Q_DIMLESS, nav_gain),
    IF("seeker_range", BMD_Q_LENGTH, seeker_range_m),
    IF("kv_mass", BMD_Q_MASS, kv_mass_kg),
    IF("payload_mass", BMD_Q_MASS, booster.payload_mass_kg),
    {"burnout_speed", BMD_Q_SPEED, offsetof(bmd_interceptor, burnout_speed_mps), 0,
     SP_BURNOUT_SPEED},
};
#define MF(k, q, f)                                                                                \
    {                                                                                              \
        k, q, offsetof(bmd_missile, f), 0, SP_NONE                                                 \
    }
static const fld MISSILE_F[] = {
    MF("payload_mass", BMD_Q_MASS, payload_mass_kg),
    MF("rv_mass", BMD_Q_MASS, rv_mass_kg),
    MF("rv_beta", BMD_Q_BETA, rv_beta_kgpm2),
    MF("vertical_rise", BMD_Q_TIME, vertical_rise_s),
};
static const fld THREAT_F[] = {
    {"rcs", BMD_Q_RCS, 0, 0, SP_RCS},
    {"launch_time", BMD_Q_TIME, offsetof(bmd_scn_threat, launch_time_s), 0, SP_NONE},
    {"launch_offset", BMD_Q_TIME, 0, 0, SP_LAUNCH_OFFSET},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))
static const fld *const FIELDS[] = {RADAR_F, BATTERY_F, IC_F, MISSILE_F, THREAT_F};
static const size_t NFIELDS[] = {N(RADAR_F), N(BATTERY_F), N(IC_F), N(MISSILE_F), N(THREAT_F)};

/* Field names of root r into out (NULL-terminated). */
static size_t field_names(int r, const char **out)
{
    for (size_t i = 0; i < NFIELDS[r]; i++)
        out[i] = FIELDS[r][i].key;
    out[NFIELDS[r]] = NULL;
    return NFIELDS[r];
}

const char *bmd_dist_name(int dist)
{
    static const char *const names[] = {"uniform", "loguniform", "normal", "triangular", "choice"};
    return dist >= 0 && dist <= BMD_DIST_CHOICE ? names[dist] : "unknown";
}

/* ---- path resolution --------------------------------------------------- */

typedef struct target {
    int root;
    const fld *f;
    char name[40];
} target;

/* Names of the objects of root r in s (for matching and suggestions). */
static const char *object_name(const bmd_scenario *s, int r, size_t i)
{
    switch (r) {
    case R_RADARS:
        return s->radar[i].name;
    case R_BATTERIES:
        return s->battery[i].name;
    case R_INTERCEPTORS:
        return s->battery[i].interceptor.name;
    case R_MISSILES:
        return s->threat[i].missile.name;
    default:
        return s->threat[i].name;
    }
}

static size_t object_count(const bmd_scenario *s, int r)
{
    switch (r) {
    case R_RADARS:
        return s->n_radars;
    case R_BATTERIES:
    case R_INTERCEPTORS:
        return s->n_batteries;
    default:
        return s->n_threats;
    }
}

static void *object_base(bmd_scenario *s, int r, size_t i)
{
    switch (r) {
    case R_RADARS:
        return &s->radar[i];
    case R_BATTERIES:
        return &s->battery[i];
    case R_INTERCEPTORS:
        return &s->battery[i].interceptor;
    case R_MISSILES:
        return &s->threat[i].missile;
    default:
        return &s->threat[i];
    }
}

static const char *const SINGULAR[] = {"radar", "battery", "interceptor", "missile", "threat"};

static int parse_path(const bmd_scenario *s, const char *path, target *t, bmd_errbuf *err)
{
    char buf[96];
    if (strlen(path) >= sizeof buf)
        return bmd_err_set(err, BMD_EINVAL, "path '%.40s...' too long", path);
    strcpy(buf, path);
    char *d1 = strchr(buf, '.'), *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
    if (d1 == NULL || d2 == NULL || strchr(d2 + 1, '.') != NULL)
        return bmd_err_set(err, BMD_EINVAL,
                           "path '%s': expected ROOT.NAME.FIELD (e.g. radars.tpy2.power_avg)",
                           path);
    *d1 = *d2 = '\0';
    const char *root = buf, *name = d1 + 1, *field = d2 + 1;
    t->root = -1;
    for (int r = 0; r < R_COUNT; r++)
        if (strcmp(root, ROOTS[r]) == 0) t->root = r;
    if (t->root < 0) {
        const char *sg = bmd_suggest(root, ROOTS, R_COUNT);
        return bmd_err_set(err, BMD_ENOTFOUND, "path '%s': unknown root '%s'%s%s%s", path, root,
                           sg ? " (did you mean '"
                              : " (radars, batteries, interceptors, missiles, "
                                "threats",
                           sg ? sg : "", sg ? "'?)" : ")");
    }
    size_t n = object_count(s, t->root), found = 0;
    const char *names[64];
    size_t nn = 0;
    for (size_t i = 0; i < n; i++) {
        const char *on = object_name(s, t->root, i);
        if (strcmp(name, "*") == 0 || strcmp(name, on) == 0) found++;
        if (nn < 64) names[nn++] = on;
    }
    if (found == 0) {
        const char *sg = bmd_suggest(name, names, nn);
        return bmd_err_set(err, BMD_ENOTFOUND, "path '%s': no %s '%s' in the scenario%s%s%s", path,
                           SINGULAR[t->root], name, sg ? " (did you mean '" : "", sg ? sg : "",
                           sg ? "'?)" : "");
    }
    snprintf(t->name, sizeof t->name, "%s", name);
    t->f = NULL;
    for (size_t i = 0; i < NFIELDS[t->root]; i++)
        if (strcmp(field, FIELDS[t->root][i].key) == 0) t->f = &FIELDS[t->root][i];
    if (t->f == NULL) {
        const char *fn[32];
        size_t nf = field_names(t->root, fn);
        const char *sg = bmd_suggest(field, fn, nf);
        return bmd_err_set(err, BMD_ENOTFOUND, "path '%s': unknown %s field '%s'%s%s%s", path,
                           SINGULAR[t->root], field, sg ? " (did you mean '" : "", sg ? sg : "",
                           sg ? "'?)" : "");
    }
    return BMD_OK;
}

/* The field's current value in object i. */
static double get_value(const bmd_scenario *s, const target *t, size_t i)
{
    const char *base = object_base((bmd_scenario *)s, t->root, i);
    switch (t->f->special) {
    case SP_RCS: {
        double v = 0.0;
        bmd_rcs_eval(&s->threat[i].rcs, 0.0, &v);
        return v;
    }
    case SP_LAUNCH_OFFSET:
    case SP_TYPE:
        return 0.0;
    case SP_BURNOUT_SPEED: {
        const bmd_interceptor *ic = (const bmd_interceptor *)(const void *)base;
        return ic->burnout_speed_mps > 0.0 ? ic->burnout_speed_mps : bmd_interceptor_ideal_dv(ic);
    }
    default:
        break;
    }
    if (t->f->is_int) {
        int v;
        memcpy(&v, base + t->f->off, sizeof v);
        return (double)v;
    }
    double v;
    memcpy(&v, base + t->f->off, sizeof v);
    return v;
}

static int matches(const bmd_scenario *s, const target *t, size_t i)
{
    return strcmp(t->name, "*") == 0 || strcmp(t->name, object_name(s, t->root, i)) == 0;
}

int bmd_uq_resolve(const bmd_scenario *s, const char *path, int *quantity, double *nominal,
                   bmd_errbuf *err)
{
    if (s == NULL || path == NULL) return bmd_err_set(err, BMD_EINVAL, "resolve: NULL argument");
    target t;
    int st = parse_path(s, path, &t, err);
    if (st) return st;
    if (quantity) *quantity = t.f->q;
    if (nominal) {
        *nominal = 0.0;
        for (size_t i = 0; i < object_count(s, t.root); i++)
            if (matches(s, &t, i)) {
                *nominal = get_value(s, &t, i);
                break;
            }
    }
    return BMD_OK;
}

/* ---- distributions ------------------------------------------------------- */

double bmd_uq_param_value(const bmd_uq_param *p, double u)
{
    u = u < 0.0 ? 0.0 : (u > 1.0 ? 1.0 : u);
    switch (p->dist) {
    case BMD_DIST_LOGUNIFORM:
        return exp(log(p->lo) + (log(p->hi) - log(p->lo)) * u);
    case BMD_DIST_NORMAL: {
        /* inverse CDF of the normal truncated to [lo, hi] */
        double a = gsl_cdf_ugaussian_P((p->lo - p->mean) / p->sd);
        double b = gsl_cdf_ugaussian_P((p->hi - p->mean) / p->sd);
        double q = a + (b - a) * u;
        if (q <= 0.0) return p->lo;
        if (q >= 1.0) return p->hi;
        double x = p->mean + p->sd * gsl_cdf_ugaussian_Pinv(q);
        return x < p->lo ? p->lo : (x > p->hi ? p->hi : x);
    }
    case BMD_DIST_TRIANGULAR: {
        double w = p->hi - p->lo;
        if (!(w > 0.0)) return p->lo;
        double fc = (p->mode - p->lo) / w;
        if (u < fc) return p->lo + sqrt(u * w * (p->mode - p->lo));
        return p->hi - sqrt((1.0 - u) * w * (p->hi - p->mode));
    }
    case BMD_DIST_CHOICE: {
        double k = floor(u * (double)p->n_choices);
        return k >= (double)p->n_choices ? (double)(p->n_choices - 1) : k;
    }
    default:
        return p->lo + (p->hi - p->lo) * u;
    }
}

int bmd_uq_param_check(const bmd_uq_param *p, bmd_errbuf *err)
{
    const char *u = bmd_quantity_unit((bmd_quantity)p->quantity);
    if (p->dist == BMD_DIST_CHOICE)
        return p->n_choices >= 1
                   ? BMD_OK
                   : bmd_err_set(err, BMD_EINVAL, "'%s': a choice needs values", p->path);
    if (!isfinite(p->lo) || !isfinite(p->hi) || !(p->lo <= p->hi))
        return bmd_err_set(err, BMD_EINVAL, "'%s': bounds [%g, %g] %s: need lo <= hi", p->path,
                           p->lo, p->hi, u);
    if (p->dist == BMD_DIST_LOGUNIFORM && !(p->lo > 0.0))
        return bmd_err_set(err, BMD_EINVAL, "'%s': loguniform needs lo > 0, found %g %s", p->path,
                           p->lo, u);
    if (p->dist == BMD_DIST_NORMAL && !(p->sd > 0.0 && isfinite(p->mean)))
        return bmd_err_set(err, BMD_EINVAL, "'%s': normal needs sd > 0", p->path);
    if (p->dist == BMD_DIST_TRIANGULAR && !(p->lo <= p->mode && p->mode <= p->hi))
        return bmd_err_set(err, BMD_EINVAL, "'%s': triangular needs lo <= mode <= hi", p->path);
    return BMD_OK;
}

/* ---- application ------------------------------------------------------------ */

static void set_field(void *base, const fld *f, double v)
{
    char *at = (char *)base + f->off;
    if (f->is_int) {
        int iv = (int)floor(v + 0.5);
        memcpy(at, &iv, sizeof iv);
    } else {
        memcpy(at, &v, sizeof v);
    }
}

/* A new burnout speed: every stage's Isp scaled by value / the current
 * effective burnout speed, so the rocket-equation velocity, and with it the
 * fly-out, scales by the same ratio (gravity and drag losses change a
 * little less). */
static void set_burnout(bmd_interceptor *ic, double v)
{
    double v0 = ic->burnout_speed_mps > 0.0 ? ic->burnout_speed_mps : bmd_interceptor_ideal_dv(ic);
    double k = v0 > 0.0 ? v / v0 : 1.0;
    for (int j = 0; j < ic->booster.n_stages; j++) {
        ic->booster.stage[j].isp_vac_s *= k;
        ic->booster.stage[j].isp_sl_s *= k;
    }
    if (ic->burnout_speed_mps > 0.0) ic->burnout_speed_mps = v;
}

static int set_type(bmd_scenario *s, size_t i, const bmd_scenario_env *env, const char *preset,
                    bmd_errbuf *err)
{
    if (env == NULL || env->radars == NULL)
        return bmd_err_set(err, BMD_ENOTFOUND, "radar type: no radar catalog loaded");
    const bmd_radar_entry *e;
    int st = bmd_radar_catalog_find(env->radars, preset, &e, err);
    if (st) return st;
    bmd_radar r = e->radar;
    const bmd_radar_face *f = &s->radar[i].radar.face;
    r.face.lat_rad = f->lat_rad;
    r.face.lon_rad = f->lon_rad;
    r.face.h_m = f->h_m;
    r.face.boresight_az_rad = f->boresight_az_rad;
    r.face.boresight_el_rad = f->boresight_el_rad;
    s->radar[i].radar = r;
    snprintf(s->radar[i].type, sizeof s->radar[i].type, "%s", preset);
    return BMD_OK;
}

int bmd_uq_apply(bmd_scenario *s, const bmd_scenario_env *env, const bmd_uq_param *p, double value,
                 bmd_errbuf *err)
{
    target t;
    int st = parse_path(s, p->path, &t, err);
    if (st) return st;
    for (size_t i = 0; i < object_count(s, t.root); i++) {
        if (!matches(s, &t, i)) continue;
        void *base = object_base(s, t.root, i);
        switch (t.f->special) {
        case SP_RCS:
            s->threat[i].rcs.n = 1;
            s->threat[i].rcs.aspect_rad[0] = 0.0;
            s->threat[i].rcs.rcs_m2[0] = value;
            break;
        case SP_LAUNCH_OFFSET:
            s->threat[i].launch_time_s += value;
            break;
        case SP_TYPE: {
            size_t k = (size_t)value;
            if (k >= p->n_choices) k = p->n_choices ? p->n_choices - 1 : 0;
            st = set_type(s, i, env, p->choice[k], err);
            break;
        }
        case SP_BURNOUT_SPEED:
            set_burnout(base, value);
            break;
        default:
            set_field(base, t.f, value);
            break;
        }
        if (st) return st;
        bmd_errbuf why;
        if (t.root == R_INTERCEPTORS &&
            (bmd_traj_missile_check(&s->battery[i].interceptor.booster, &why) ||
             bmd_interceptor_check(&s->battery[i].interceptor, &why)))
            return bmd_err_set(err, BMD_EINVAL, "'%s' = %g: %s", p->path, value, why.msg);
        if (t.root == R_MISSILES && bmd_traj_missile_check(&s->threat[i].missile, &why))
            return bmd_err_set(err, BMD_EINVAL, "'%s' = %g: %s", p->path, value, why.msg);
    }
    return BMD_OK;
}

/* ---- the `uncertain:` block ------------------------------------------------ */

/* The short Monte Carlo keys and their paths (bmd_uncertain_kind order). */
static const char *const SHORT_KEYS[] = {"power_avg", "rcs", "pk", "reaction_time", "launch_time"};
static const char *const SHORT_PATHS[] = {"radars.*.power_avg", "threats.*.rcs",
                                          "interceptors.*.pk", "batteries.*.reaction_time",
                                          "threats.*.launch_offset"};

static const char *const DISTS[] = {"uniform", "loguniform", "normal", "triangular", "choice"};
static const char *const DIST_KEYS[] = {"dist", "lo", "hi", "mode", "mean", "sd", "values"};

/* Fill p from a mapping {dist: ..., lo, hi, ...}. */
static int parse_map(const bmd__yaml *y, struct fy_node *v, bmd_uq_param *p, const char *ctx,
                     const bmd_scenario_env *env, bmd_errbuf *err)
{
    int st = bmd__yaml_check_keys(y, v, DIST_KEYS, N(DIST_KEYS), ctx, err);
    if (st) return st;
    char dist[16] = "uniform";
    st = bmd__yaml_str(y, v, "dist", BMD__YAML_OPTIONAL, dist, sizeof dist, ctx, err);
    if (st) return st;
    p->dist = -1;
    for (int d = 0; d < (int)N(DISTS); d++)
        if (strcmp(dist, DISTS[d]) == 0) p->dist = d;
    if (p->dist < 0) {
        const char *sg = bmd_suggest(dist, DISTS, N(DISTS));
        return bmd__yaml_ctx_err(y, bmd__yaml_get(v, "dist"), ctx, err, BMD_EPARSE,
                                 "key 'dist': unknown distribution '%s'%s%s%s", dist,
                                 sg ? " (did you mean '" : "", sg ? sg : "", sg ? "'?)" : "");
    }
    bmd_quantity q = (bmd_quantity)p->quantity;
    if (p->dist == BMD_DIST_CHOICE) {
        struct fy_node *vals = bmd__yaml_get(v, "values");
        if (vals == NULL || !bmd__yaml_is_seq(vals) || bmd__yaml_seq_count(vals) == 0 ||
            bmd__yaml_seq_count(vals) > BMD_UQ_MAX_CHOICES)
            return bmd__yaml_ctx_err(y, vals ? vals : v, ctx, err, BMD_EPARSE,
                                     "a choice needs 'values': a list of 1 to %d catalog presets",
                                     BMD_UQ_MAX_CHOICES);
        if (strcmp(p->path + strlen(p->path) - 5, ".type") != 0)
            return bmd__yaml_ctx_err(y, v, ctx, err, BMD_EINVAL,
                                     "dist 'choice' applies to radars.NAME.type (catalog presets)");
        p->n_choices = bmd__yaml_seq_count(vals);
        for (size_t i = 0; i < p->n_choices; i++) {
            struct fy_node *it = bmd__yaml_seq_item(vals, i);
            st = bmd__yaml_node_str(y, it, "item of 'values'", p->choice[i], sizeof p->choice[i],
                                    ctx, err);
            if (st) return st;
            const bmd_radar_entry *e;
            bmd_errbuf why;
            if (env == NULL || env->radars == NULL)
                return bmd__yaml_ctx_err(y, it, ctx, err, BMD_ENOTFOUND, "no radar catalog");
            if (bmd_radar_catalog_find(env->radars, p->choice[i], &e, &why))
                return bmd__yaml_ctx_err(y, it, ctx, err, BMD_ENOTFOUND, "%s", why.msg);
        }
        p->lo = 0.0;
        p->hi = (double)(p->n_choices - 1);
        return BMD_OK;
    }
    if (p->dist == BMD_DIST_NORMAL) {
        st = bmd__yaml_quantity(y, v, "mean", q, BMD__YAML_REQUIRED, &p->mean, ctx, err);
        if (st == BMD_OK)
            st = bmd__yaml_quantity(y, v, "sd", q, BMD__YAML_REQUIRED, &p->sd, ctx, err);
        if (st) return st;
        p->lo = p->mean - 3.0 * p->sd;
        p->hi = p->mean + 3.0 * p->sd;
        st = bmd__yaml_quantity(y, v, "lo", q, BMD__YAML_OPTIONAL, &p->lo, ctx, err);
        if (st == BMD_OK)
            st = bmd__yaml_quantity(y, v, "hi", q, BMD__YAML_OPTIONAL, &p->hi, ctx, err);
        return st;
    }
    st = bmd__yaml_quantity(y, v, "lo", q, BMD__YAML_REQUIRED, &p->lo, ctx, err);
    if (st == BMD_OK) st = bmd__yaml_quantity(y, v, "hi", q, BMD__YAML_REQUIRED, &p->hi, ctx, err);
    if (st == BMD_OK && p->dist == BMD_DIST_TRIANGULAR)
        st = bmd__yaml_quantity(y, v, "mode", q, BMD__YAML_REQUIRED, &p->mode, ctx, err);
    return st;
}

/* One entry of the block: key k (node kn) with value v. */
static int parse_entry(const bmd__yaml *y, struct fy_node *kn, const char *k, struct fy_node *v,
                       const bmd_scenario *s, const bmd_scenario_env *env, bmd_uq_param *p,
                       bmd_errbuf *err)
{
    memset(p, 0, sizeof *p);
    int dflt = BMD_DIST_UNIFORM;
    const char *path = k;
    if (strchr(k, '.') == NULL) {
        size_t j = 0;
        while (j < N(SHORT_KEYS) && strcmp(k, SHORT_KEYS[j]) != 0)
            j++;
        if (j == N(SHORT_KEYS)) {
            const char *sg = bmd_suggest(k, SHORT_KEYS, N(SHORT_KEYS));
            return bmd__yaml_ctx_err(y, kn, "uncertain", err, BMD_EPARSE,
                                     "unknown key '%s'%s%s%s (or a path ROOT.NAME.FIELD such as "
                                     "radars.tpy2.power_avg)",
                                     k, sg ? " (did you mean '" : "", sg ? sg : "",
                                     sg ? "'?)" : "");
        }
        path = SHORT_PATHS[j];
        if (j == 1) dflt = BMD_DIST_LOGUNIFORM; /* as the Monte Carlo draws it */
    }
    snprintf(p->path, sizeof p->path, "%s", path);
    bmd__yaml_where(kn, &p->line, &p->col);
    bmd_errbuf why;
    int st = bmd_uq_resolve(s, path, &p->quantity, &p->nominal, &why);
    if (st) return bmd__yaml_ctx_err(y, kn, "uncertain", err, st, "%s", why.msg);
    char ctx[128];
    snprintf(ctx, sizeof ctx, "uncertain: '%s'", k);
    if (bmd__yaml_is_seq(v)) {
        p->dist = dflt;
        double b[2];
        size_t n = 0;
        struct fy_node *parent = NULL;
        (void)parent;
        for (size_t i = 0; i < bmd__yaml_seq_count(v) && i < 3; i++, n++)
            if (i < 2) {
                st = bmd__yaml_node_quantity(y, bmd__yaml_seq_item(v, i), i ? "hi" : "lo",
                                             (bmd_quantity)p->quantity, &b[i], ctx, err);
                if (st) return st;
            }
        if (n != 2)
            return bmd__yaml_ctx_err(y, v, ctx, err, BMD_EPARSE,
                                     "expected two bounds [LO, HI] or a mapping {dist: ..., lo: "
                                     "..., hi: ...}");
        p->lo = b[0];
        p->hi = b[1];
        if (p->dist == BMD_DIST_CHOICE || strcmp(path + strlen(path) - 5, ".type") == 0)
            return bmd__yaml_ctx_err(y, v, ctx, err, BMD_EPARSE,
                                     "a radar type takes {dist: choice, values: [...]}");
    } else if (bmd__yaml_is_map(v)) {
        st = parse_map(y, v, p, ctx, env, err);
        if (st) return st;
    } else {
        return bmd__yaml_ctx_err(y, v, ctx, err, BMD_EPARSE,
                                 "expected [LO, HI] or {dist: ..., lo: ..., hi: ...}");
    }
    if (strcmp(path + strlen(path) - 5, ".type") == 0 && p->dist != BMD_DIST_CHOICE)
        return bmd__yaml_ctx_err(y, v, ctx, err, BMD_EPARSE,
                                 "a radar type takes {dist: choice, values: [...]}");
    st = bmd_uq_param_check(p, &why);
    if (st) return bmd__yaml_ctx_err(y, v, "uncertain", err, st, "%s", why.msg);
    return BMD_OK;
}

int bmd_uq_space_load(const char *path, const char *text, size_t len, const char *display_name,
                      const bmd_scenario *s, const bmd_scenario_env *env, bmd_uq_space *out,
                      bmd_errbuf *err)
{
    if (s == NULL || out == NULL || (path == NULL && text == NULL))
        return bmd_err_set(err, BMD_EINVAL, "uncertain: bad arguments");
    memset(out, 0, sizeof *out);
    bmd__yaml y;
    int st = path ? bmd__yaml_load_file(&y, path, err)
                  : bmd__yaml_load_string(&y, text, len, display_name, err);
    if (st) return st;
    struct fy_node *root = bmd__yaml_root(&y);
    struct fy_node *blk = root && bmd__yaml_is_map(root) ? bmd__yaml_get(root, "uncertain") : NULL;
    if (blk != NULL && !bmd__yaml_is_map(blk))
        st = bmd__yaml_ctx_err(&y, blk, "uncertain", err, BMD_EPARSE,
                               "expected a mapping of PATH: distribution");
    for (size_t i = 0; st == BMD_OK && blk && i < bmd__yaml_map_count(blk); i++) {
        struct fy_node *kn, *v;
        const char *k = bmd__yaml_map_key(blk, i, &kn, &v);
        if (out->n == BMD_UQ_MAX_K) {
            st = bmd__yaml_ctx_err(&y, kn, "uncertain", err, BMD_EINVAL,
                                   "more than %d uncertain parameters", BMD_UQ_MAX_K);
            break;
        }
        st = parse_entry(&y, kn, k, v, s, env, &out->p[out->n], err);
        if (st == BMD_OK) out->n++;
    }
    bmd__yaml_free(&y);
    if (st) memset(out, 0, sizeof *out);
    return st;
}

int bmd_uq_param_parse(const char *text, const bmd_scenario *s, bmd_uq_param *p, bmd_errbuf *err)
{
    memset(p, 0, sizeof *p);
    const char *eq = strchr(text, '=');
    if (eq == NULL || eq == text || (size_t)(eq - text) >= sizeof p->path)
        return bmd_err_set(err, BMD_EPARSE, "'%s': expected PATH=LO:HI", text);
    memcpy(p->path, text, (size_t)(eq - text));
    int st = bmd_uq_resolve(s, p->path, &p->quantity, &p->nominal, err);
    if (st) return st;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", eq + 1);
    char *parts[6];
    size_t n = 0;
    for (char *tok = buf; n < 6;) {
        parts[n++] = tok;
        char *c = strchr(tok, ':');
        if (c == NULL) break;
        *c = '\0';
        tok = c + 1;
    }
    p->dist = BMD_DIST_UNIFORM;
    size_t a = 0;
    for (int d = 0; d < BMD_DIST_CHOICE; d++)
        if (strcmp(parts[0], DISTS[d]) == 0) {
            p->dist = d;
            a = 1;
        }
    double v[5] = {0};
    size_t nv = n - a;
    for (size_t i = 0; i < nv && i < 5; i++) {
        bmd_errbuf why;
        if (bmd_units_parse(parts[a + i], (bmd_quantity)p->quantity, &v[i], &why))
            return bmd_err_set(err, BMD_EUNIT, "'%s': %s", text, why.msg);
    }
    size_t want = p->dist == BMD_DIST_TRIANGULAR ? 3 : 2;
    if (!(nv == want || (p->dist == BMD_DIST_NORMAL && nv == 4)))
        return bmd_err_set(err, BMD_EPARSE, "'%s': expected %s", text,
                           p->dist == BMD_DIST_TRIANGULAR ? "PATH=triangular:LO:MODE:HI"
                           : p->dist == BMD_DIST_NORMAL   ? "PATH=normal:MEAN:SD[:LO:HI]"
                                                          : "PATH=LO:HI");
    if (p->dist == BMD_DIST_NORMAL) {
        p->mean = v[0];
        p->sd = v[1];
        p->lo = nv == 4 ? v[2] : v[0] - 3.0 * v[1];
        p->hi = nv == 4 ? v[3] : v[0] + 3.0 * v[1];
    } else if (p->dist == BMD_DIST_TRIANGULAR) {
        p->lo = v[0];
        p->mode = v[1];
        p->hi = v[2];
    } else {
        p->lo = v[0];
        p->hi = v[1];
    }
    return bmd_uq_param_check(p, err);
}
