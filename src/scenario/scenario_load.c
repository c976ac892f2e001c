/*
 * scenario.c: load an engagement scenario file (YAML) into a bmd_scenario
 * (bmd/scenario_load.h; format in docs/formats.md, "Scenario files").
 *
 * Built on the io YAML helpers (io/yaml.h: positions, key checks, values
 * with units), the site resolver and the catalogs' find functions. Every
 * error is one line "FILE:LINE:COL: OBJECT: what is wrong".
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/catalog.h"
#include "bmd/scenario_load.h"
#include "bmd/traj.h"
#include "input/yaml.h"

#define NKEYS(a) (sizeof(a) / sizeof((a)[0]))

/* Loader state for one file. */
typedef struct ld {
    const bmd__yaml *y;
    const bmd_scenario_env *env;
    const bmd_site_list *sites; /* env->sites, or `local` with the scenario's site file */
    bmd_site_list local;
    const char *base_dir;
    bmd_errbuf *err;
    bmd_scenario *s;
    /* the YAML item each object came from, for bmd_scenario_check's messages */
    struct fy_node **bat_node, **radar_node, **threat_node;
} ld;

/* ---- small getters ------------------------------------------------------ */

static const char *key_what(char *buf, size_t n, const char *k)
{
    snprintf(buf, n, "key '%s'", k);
    return buf;
}

/* A value with a unit under key k of map (optional: *out untouched when
 * absent). */
static int qty(const ld *l, struct fy_node *map, const char *k, bmd_quantity q, int required,
               double *out, const char *ctx)
{
    return bmd__yaml_quantity(l->y, map, k, q, required, out, ctx, l->err);
}

/* A value node with a unit. */
static int node_qty(const ld *l, struct fy_node *v, const char *k, bmd_quantity q, double *out,
                    const char *ctx)
{
    char w[64];
    return bmd__yaml_node_quantity(l->y, v, key_what(w, sizeof w, k), q, out, ctx, l->err);
}

/* A quantity that must be >= lo (or > lo when strict). */
static int qty_min(const ld *l, struct fy_node *map, const char *k, bmd_quantity q, double lo,
                   int strict, double *out, const char *ctx)
{
    double x = *out;
    int st = qty(l, map, k, q, BMD__YAML_OPTIONAL, &x, ctx);
    if (st != BMD_OK) return st;
    if (bmd__yaml_has(map, k) && (strict ? !(x > lo) : !(x >= lo)))
        return bmd__yaml_ctx_err(l->y, bmd__yaml_get(map, k), ctx, l->err, BMD_EINVAL,
                                 "key '%s': must be %s %g %s, found '%s'", k,
                                 strict ? ">" : ">=", lo, bmd_quantity_unit(q),
                                 bmd__yaml_scalar(bmd__yaml_get(map, k)));
    *out = x;
    return BMD_OK;
}

/* A whole number >= lo under key k (optional: *out untouched when absent).
 * Below lo is BMD_EINVAL ("must be >= 1, found '-2'"). */
static int whole(const ld *l, struct fy_node *map, const char *k, long lo, long hi, int required,
                 long *out, const char *ctx)
{
    long x = *out;
    const bmd_input_range *r = bmd_input_range_find(k, BMD_Q_DIMLESS);
    if (r != NULL) { /* the one range table narrows the caller's bounds */
        if ((double)lo < r->min) lo = (long)r->min;
        if ((double)hi > r->max) hi = (long)r->max;
    }
    int st = bmd__yaml_int(l->y, map, k, required, -2147483647L, 2147483647L, &x, ctx, l->err);
    if (st != BMD_OK) return st;
    if (!bmd__yaml_has(map, k)) return BMD_OK;
    if (x < lo || x > hi) {
        if (hi < 2147483647L)
            return bmd__yaml_ctx_err(l->y, bmd__yaml_get(map, k), ctx, l->err, BMD_EINVAL,
                                     "key '%s': must be from %ld to %ld, found '%s'", k, lo, hi,
                                     bmd__yaml_scalar(bmd__yaml_get(map, k)));
        return bmd__yaml_ctx_err(l->y, bmd__yaml_get(map, k), ctx, l->err, BMD_EINVAL,
                                 "key '%s': must be >= %ld, found '%s'", k, lo,
                                 bmd__yaml_scalar(bmd__yaml_get(map, k)));
    }
    *out = x;
    return BMD_OK;
}

static int whole_int(const ld *l, struct fy_node *map, const char *k, long lo, int required,
                     int *out, const char *ctx)
{
    long x = *out;
    int st = whole(l, map, k, lo, 2147483647L, required, &x, ctx);
    if (st == BMD_OK) *out = (int)x;
    return st;
}

/* One word of a fixed set (enum) under key k; *out gets its index. */
static int word(const ld *l, struct fy_node *map, const char *k, const char *const *words, size_t n,
                int required, int *out, const char *ctx)
{
    char text[40];
    if (!bmd__yaml_has(map, k) && !required) return BMD_OK;
    int st = bmd__yaml_str(l->y, map, k, required, text, sizeof text, ctx, l->err);
    if (st != BMD_OK) return st;
    for (size_t i = 0; i < n; i++)
        if (strcmp(text, words[i]) == 0) {
            *out = (int)i;
            return BMD_OK;
        }
    char list[200] = "";
    for (size_t i = 0; i < n; i++) {
        size_t u = strlen(list);
        snprintf(list + u, sizeof list - u, "%s%s", i ? (i + 1 == n ? " or " : ", ") : "",
                 words[i]);
    }
    const char *best = bmd_suggest(text, words, n);
    struct fy_node *v = bmd__yaml_get(map, k);
    if (best)
        return bmd__yaml_ctx_err(l->y, v, ctx, l->err, BMD_EPARSE,
                                 "key '%s': expected %s, found '%s' (did you mean '%s'?)", k, list,
                                 text, best);
    return bmd__yaml_ctx_err(l->y, v, ctx, l->err, BMD_EPARSE, "key '%s': expected %s, found '%s'",
                             k, list, text);
}

/* Check the keys of a mapping (allowed) and the required ones. */
static int keys(const ld *l, struct fy_node *map, const char *const *allowed, size_t n,
                const char *const *req, size_t n_req, const char *ctx)
{
    int st = bmd__yaml_expect_map(l->y, map, ctx, l->err);
    if (st == BMD_OK) st = bmd__yaml_check_keys(l->y, map, allowed, n, ctx, l->err);
    if (st == BMD_OK && n_req > 0) st = bmd__yaml_require_keys(l->y, map, req, n_req, ctx, l->err);
    return st;
}

/* ---- places --------------------------------------------------------------- */

/* A site name or "LAT,LON[,ALT]" under key k. */
static int place(const ld *l, struct fy_node *map, const char *k, bmd_scn_place *p, const char *ctx)
{
    char text[64];
    int st = bmd__yaml_str(l->y, map, k, BMD__YAML_REQUIRED, text, sizeof text, ctx, l->err);
    if (st != BMD_OK) return st;
    bmd_site site;
    bmd_errbuf e;
    st = bmd_site_resolve(l->sites, text, &site, &e);
    if (st != BMD_OK)
        return bmd__yaml_ctx_err(l->y, bmd__yaml_get(map, k), ctx, l->err, st, "key '%s': %s", k,
                                 e.msg);
    memset(p, 0, sizeof *p);
    snprintf(p->name, sizeof p->name, "%s", site.name);
    p->lat_rad = site.lat_rad;
    p->lon_rad = site.lon_rad;
    p->alt_m = site.alt_m;
    return BMD_OK;
}

/* ---- per-field overrides ---------------------------------------------------- */

/* A double field of a struct set from a value with a unit. */
typedef struct ovr {
    const char *key;
    bmd_quantity q;
    size_t offset; /* of the double (or int, for whole numbers) in the struct */
    int is_int;    /* 1: a whole number >= 0 stored in an int */
    int allow_negative;
} ovr;

static int overrides(const ld *l, struct fy_node *map, const ovr *table, size_t n, void *base,
                     const char *ctx)
{
    const char *names[48];
    size_t nn = n < 48 ? n : 48;
    for (size_t i = 0; i < nn; i++)
        names[i] = table[i].key;
    char c2[120];
    snprintf(c2, sizeof c2, "%s: overrides", ctx);
    int st = keys(l, map, names, nn, NULL, 0, c2);
    for (size_t i = 0; st == BMD_OK && i < bmd__yaml_map_count(map); i++) {
        struct fy_node *v;
        const char *k = bmd__yaml_map_key(map, i, NULL, &v);
        for (size_t j = 0; j < nn; j++) {
            if (strcmp(k, table[j].key) != 0) continue;
            double x;
            st = node_qty(l, v, k, table[j].q, &x, c2);
            if (st == BMD_OK) st = bmd__yaml_range(l->y, v, k, table[j].q, x, c2, l->err);
            if (st != BMD_OK) return st;
            if (!table[j].allow_negative && x < 0.0)
                return bmd__yaml_ctx_err(l->y, v, c2, l->err, BMD_EINVAL,
                                         "key '%s': must not be negative, found '%s'", k,
                                         bmd__yaml_scalar(v));
            char *at = (char *)base + table[j].offset;
            if (table[j].is_int) {
                if (x != floor(x) || x > 1e6)
                    return bmd__yaml_ctx_err(l->y, v, c2, l->err, BMD_EINVAL,
                                             "key '%s': expected a whole number, found '%s'", k,
                                             bmd__yaml_scalar(v));
                int iv = (int)x;
                memcpy(at, &iv, sizeof iv);
            } else {
                memcpy(at, &x, sizeof x);
            }
            break;
        }
    }
    return st;
}

#define OFF_IC(f) offsetof(bmd_interceptor, f)
static const ovr IC_OVR[] = {
    {"pk", BMD_Q_DIMLESS, OFF_IC(pk), 0, 0},
    {"lethal_radius", BMD_Q_LENGTH, OFF_IC(lethal_radius_m), 0, 0},
    {"min_alt", BMD_Q_LENGTH, OFF_IC(min_alt_m), 0, 0},
    {"max_alt", BMD_Q_LENGTH, OFF_IC(max_alt_m), 0, 0},
    {"max_range", BMD_Q_LENGTH, OFF_IC(max_range_m), 0, 0},
    {"max_flight_time", BMD_Q_TIME, OFF_IC(max_flight_time_s), 0, 0},
    {"burnout_speed", BMD_Q_SPEED, OFF_IC(burnout_speed_mps), 0, 0},
    {"divert", BMD_Q_SPEED, OFF_IC(kv_divert_mps), 0, 0},
    {"max_accel", BMD_Q_ACCEL, OFF_IC(kv_accel_max_mps2), 0, 0},
    {"nav_gain", BMD_Q_DIMLESS, OFF_IC(nav_gain), 0, 0},
    {"seeker_range", BMD_Q_LENGTH, OFF_IC(seeker_range_m), 0, 0},
    {"midcourse_period", BMD_Q_TIME, OFF_IC(midcourse_dt_s), 0, 0},
    {"terminal_period", BMD_Q_TIME, OFF_IC(terminal_dt_s), 0, 0},
    {"kv_mass", BMD_Q_MASS, OFF_IC(kv_mass_kg), 0, 0},
    {"kv_beta", BMD_Q_BETA, OFF_IC(kv_beta_kgpm2), 0, 0},
    {"payload_mass", BMD_Q_MASS, OFF_IC(booster.payload_mass_kg), 0, 0},
    {"vertical_rise", BMD_Q_TIME, OFF_IC(booster.vertical_rise_s), 0, 0},
    {"pitch_over", BMD_Q_TIME, OFF_IC(pitch_over_s), 0, 0},
};

#define OFF_M(f) offsetof(bmd_missile, f)
static const ovr MISSILE_OVR[] = {
    {"payload_mass", BMD_Q_MASS, OFF_M(payload_mass_kg), 0, 0},
    {"rv_mass", BMD_Q_MASS, OFF_M(rv_mass_kg), 0, 0},
    {"rv_beta", BMD_Q_BETA, OFF_M(rv_beta_kgpm2), 0, 0},
    {"rv_diameter", BMD_Q_LENGTH, OFF_M(rv_diameter_m), 0, 0},
    {"vertical_rise", BMD_Q_TIME, OFF_M(vertical_rise_s), 0, 0},
};

#define OFF_R(f) offsetof(bmd_radar, f)
static const ovr RADAR_OVR[] = {
    {"frequency", BMD_Q_FREQUENCY, OFF_R(hw.freq_hz), 0, 0},
    {"power_avg", BMD_Q_POWER, OFF_R(hw.p_avg_w), 0, 0},
    {"power_peak", BMD_Q_POWER, OFF_R(hw.p_peak_w), 0, 0},
    {"pulse", BMD_Q_TIME, OFF_R(hw.pulse_s), 0, 0},
    {"pulses", BMD_Q_DIMLESS, OFF_R(hw.n_pulses), 1, 0},
    {"aperture", BMD_Q_AREA, OFF_R(hw.area_m2), 0, 0},
    {"efficiency", BMD_Q_DIMLESS, OFF_R(hw.efficiency), 0, 0},
    {"gain", BMD_Q_RATIO, OFF_R(hw.gain), 0, 0},
    {"noise_temp", BMD_Q_TEMPERATURE, OFF_R(hw.t_sys_k), 0, 0},
    {"loss", BMD_Q_RATIO, OFF_R(hw.loss), 0, 0},
    {"bandwidth", BMD_Q_FREQUENCY, OFF_R(hw.bandwidth_hz), 0, 0},
    {"beamwidth", BMD_Q_ANGLE, OFF_R(hw.beamwidth_rad), 0, 0},
    {"monopulse_slope", BMD_Q_DIMLESS, OFF_R(hw.monopulse_km), 0, 0},
    {"scan_loss_exponent", BMD_Q_DIMLESS, OFF_R(hw.scan_loss_n), 0, 0},
    {"half_width", BMD_Q_ANGLE, OFF_R(face.half_az_rad), 0, 0},
    {"el_min", BMD_Q_ANGLE, OFF_R(face.el_min_rad), 0, 1},
    {"el_max", BMD_Q_ANGLE, OFF_R(face.el_max_rad), 0, 1},
    {"refraction_k", BMD_Q_DIMLESS, OFF_R(face.k_refr), 0, 0},
    {"dwell", BMD_Q_TIME, OFF_R(mode.t_dwell_s), 0, 0},
    {"frame_time", BMD_Q_TIME, OFF_R(mode.t_frame_s), 0, 0},
    {"solid_angle", BMD_Q_SOLID_ANGLE, OFF_R(mode.omega_sr), 0, 0},
    {"snr_required", BMD_Q_RATIO, OFF_R(mode.snr_req), 0, 0},
    {"pfa", BMD_Q_DIMLESS, OFF_R(mode.pfa), 0, 0},
    {"swerling", BMD_Q_DIMLESS, OFF_R(mode.swerling), 1, 0},
    {"instrumented_range", BMD_Q_LENGTH, OFF_R(mode.instr_range_m), 0, 0},
};

/* The override key a model check's message starts with ("kv_divert_mps -5
 * ...", "power_avg = ..."), mapped to the scenario's key when known. */
static struct fy_node *override_node(struct fy_node *ovr_map, const char *msg, const ovr *table,
                                     size_t n)
{
    if (ovr_map == NULL) return NULL;
    for (size_t j = 0; j < n; j++) {
        size_t kl = strlen(table[j].key);
        if (strncmp(msg, table[j].key, kl) == 0 && strchr(" =:,_", msg[kl]) != NULL &&
            bmd__yaml_has(ovr_map, table[j].key))
            return bmd__yaml_get_key(ovr_map, table[j].key);
    }
    /* field names of the structs (min_alt_m, pk, ...) */
    for (size_t j = 0; j < n; j++) {
        if (!bmd__yaml_has(ovr_map, table[j].key)) continue;
        if (strstr(msg, table[j].key) != NULL) return bmd__yaml_get_key(ovr_map, table[j].key);
    }
    return NULL;
}

/* ---- catalog look-ups ------------------------------------------------------- */

static int catalog_err(const ld *l, struct fy_node *map, const char *k, const char *ctx, int st,
                       const char *msg)
{
    return bmd__yaml_ctx_err(l->y, bmd__yaml_get(map, k), ctx, l->err, st, "key '%s': %s", k, msg);
}

/* ---- radars ------------------------------------------------------------------ */

static const char *const RADAR_KEYS[] = {"name",      "type",       "mode",    "site",
                                         "boresight", "tilt",       "revisit", "search_revisit",
                                         "overrides", "time_budget"};
static const char *const RADAR_REQ[] = {"name", "type", "site", "boresight"};

static int load_radar(ld *l, struct fy_node *item, size_t idx, bmd_scn_radar *r)
{
    char ctx[80];
    snprintf(ctx, sizeof ctx, "radar %zu", idx + 1);
    memset(r, 0, sizeof *r);
    int st = bmd__yaml_expect_map(l->y, item, ctx, l->err);
    if (st == BMD_OK && bmd__yaml_has(item, "name"))
        st = bmd__yaml_name(l->y, item, "radar", r->name, sizeof r->name, ctx, sizeof ctx, l->err);
    if (st != BMD_OK) return st;
    st = keys(l, item, RADAR_KEYS, NKEYS(RADAR_KEYS), RADAR_REQ, NKEYS(RADAR_REQ), ctx);
    if (st == BMD_OK)
        st = bmd__yaml_str(l->y, item, "type", BMD__YAML_REQUIRED, r->type, sizeof r->type, ctx,
                           l->err);
    if (st != BMD_OK) return st;
    if (l->env == NULL || l->env->radars == NULL)
        return catalog_err(l, item, "type", ctx, BMD_ENOTFOUND, "no radar catalog loaded");
    const bmd_radar_entry *e = NULL;
    bmd_errbuf why;
    st = bmd_radar_catalog_find(l->env->radars, r->type, &e, &why);
    if (st != BMD_OK) return catalog_err(l, item, "type", ctx, st, why.msg);
    r->radar = e->radar;
    if (bmd__yaml_has(item, "mode")) {
        char mode[24];
        st = bmd__yaml_str(l->y, item, "mode", BMD__YAML_REQUIRED, mode, sizeof mode, ctx, l->err);
        if (st != BMD_OK) return st;
        if (strcmp(mode, r->radar.mode.name) != 0) {
            const char *other = NULL;
            for (int i = 0; i < l->env->radars->n; i++)
                if (strcmp(l->env->radars->entry[i].radar.mode.name, mode) == 0) {
                    other = l->env->radars->entry[i].radar.name;
                    break;
                }
            return bmd__yaml_ctx_err(l->y, bmd__yaml_get(item, "mode"), ctx, l->err, BMD_EINVAL,
                                     "key 'mode': preset '%s' is in mode '%s', found '%s'%s%s%s",
                                     r->type, r->radar.mode.name, mode,
                                     other ? " (the mode comes with the preset: use type '" : "",
                                     other ? other : "", other ? "')" : "");
        }
    }
    bmd_scn_place site;
    st = place(l, item, "site", &site, ctx);
    if (st != BMD_OK) return st;
    r->radar.face.lat_rad = site.lat_rad;
    r->radar.face.lon_rad = site.lon_rad;
    r->radar.face.h_m = site.alt_m;
    st = qty(l, item, "boresight", BMD_Q_ANGLE, BMD__YAML_REQUIRED, &r->radar.face.boresight_az_rad,
             ctx);
    if (st == BMD_OK)
        st = qty(l, item, "tilt", BMD_Q_ANGLE, BMD__YAML_OPTIONAL, &r->radar.face.boresight_el_rad,
                 ctx);
    r->revisit_s = BMD_SCN_DEFAULT_REVISIT_S;
    r->max_stretch = BMD_SCN_DEFAULT_MAX_STRETCH;
    r->quality_sigma_m = BMD_SCN_DEFAULT_QUALITY_SIGMA_M;
    if (st == BMD_OK) st = qty_min(l, item, "revisit", BMD_Q_TIME, 0.0, 1, &r->revisit_s, ctx);
    if (st == BMD_OK)
        st = qty_min(l, item, "search_revisit", BMD_Q_TIME, 0.0, 0, &r->search_revisit_s, ctx);
    if (st == BMD_OK && bmd__yaml_has(item, "time_budget")) {
        /* time_budget: {search_fraction: 0.3}: the face's time shared by the
         * search fence (that fraction) and the track dwells */
        static const char *const TB[] = {"search_fraction", "schedule", "max_stretch",
                                         "quality_sigma"};
        static const char *const SCHED[] = {"priority", "uniform"};
        char c2[100];
        snprintf(c2, sizeof c2, "%s: time_budget", ctx);
        struct fy_node *tb = bmd__yaml_get(item, "time_budget");
        st = keys(l, tb, TB, NKEYS(TB), TB, 1, c2);
        if (st == BMD_OK)
            st = qty(l, tb, "search_fraction", BMD_Q_DIMLESS, BMD__YAML_REQUIRED,
                     &r->search_fraction, c2);
        /* the priority schedule (docs/models/engage.md, "Radar time budget") */
        if (st == BMD_OK)
            st = word(l, tb, "schedule", SCHED, NKEYS(SCHED), BMD__YAML_OPTIONAL, &r->schedule, c2);
        if (st == BMD_OK)
            st = qty(l, tb, "max_stretch", BMD_Q_DIMLESS, BMD__YAML_OPTIONAL, &r->max_stretch, c2);
        if (st == BMD_OK)
            st = qty(l, tb, "quality_sigma", BMD_Q_LENGTH, BMD__YAML_OPTIONAL, &r->quality_sigma_m,
                     c2);
        r->time_budget = 1;
    }
    struct fy_node *om = bmd__yaml_get(item, "overrides");
    if (st == BMD_OK && bmd__yaml_has(item, "overrides"))
        st = overrides(l, om, RADAR_OVR, NKEYS(RADAR_OVR), &r->radar, ctx);
    if (st != BMD_OK) return st;
    double az = fmod(r->radar.face.boresight_az_rad, 2.0 * BMD_PI);
    if (az < 0.0) az += 2.0 * BMD_PI;
    r->radar.face.boresight_az_rad = az;
    st = bmd_radar_validate(&r->radar, &why);
    if (st != BMD_OK) {
        struct fy_node *at = override_node(om, why.msg, RADAR_OVR, NKEYS(RADAR_OVR));
        if (at == NULL && strncmp(why.msg, "tilt", 4) == 0) at = bmd__yaml_get(item, "tilt");
        return bmd__yaml_ctx_err(l->y, at ? at : item, ctx, l->err, BMD_EINVAL, "%s", why.msg);
    }
    return BMD_OK;
}

/* ---- batteries --------------------------------------------------------------- */

static const char *const BAT_KEYS[] = {
    "name",     "site",          "interceptor",     "launchers", "missiles_per_launcher",
    "doctrine", "reaction_time", "launch_interval", "layer",     "radar",
    "radars",   "overrides"};
static const char *const BAT_REQ[] = {"name", "site", "interceptor"};
static const char *const DOCTRINE_KEYS[] = {"mode", "salvo", "kill_assessment",
                                            "assessment_correct"};
static const char *const DOCTRINE_MODES[] = {"salvo", "shoot-look-shoot"};

/* The index of the scenario's radar named by the scalar node v (under key
 * k of a battery): an unknown name is BMD_ENOTFOUND at v with a
 * suggestion; a battery can name only the first 64 radars. */
static int radar_ref(ld *l, struct fy_node *v, const char *k, const char *ctx, int *idx)
{
    const char *rname = bmd__yaml_scalar(v);
    char what[64];
    if (rname == NULL || bmd__yaml_is_null(v))
        return bmd__yaml_ctx_err(l->y, v, ctx, l->err, BMD_EPARSE,
                                 "key '%s': expected a radar name, found %s", k,
                                 bmd__yaml_describe(v, what, sizeof what));
    const char *names[64];
    size_t nn = 0;
    *idx = -1;
    for (size_t i = 0; i < l->s->n_radars; i++) {
        if (*idx < 0 && strcmp(l->s->radar[i].name, rname) == 0) *idx = (int)i;
        if (nn < 64) names[nn++] = l->s->radar[i].name;
    }
    if (*idx >= 64)
        return bmd__yaml_ctx_err(l->y, v, ctx, l->err, BMD_EINVAL,
                                 "key '%s': radar '%s' is the %dth: a battery can name only the "
                                 "first 64 radars",
                                 k, rname, *idx + 1);
    if (*idx >= 0) return BMD_OK;
    const char *best = bmd_suggest(rname, names, nn);
    if (best)
        return bmd__yaml_ctx_err(l->y, v, ctx, l->err, BMD_ENOTFOUND,
                                 "key '%s': unknown radar '%s' (did you mean '%s'?)", k, rname,
                                 best);
    return bmd__yaml_ctx_err(l->y, v, ctx, l->err, BMD_ENOTFOUND,
                             "key '%s': unknown radar '%s' (the scenario's radars: %s%s)", k, rname,
                             nn ? names[0] : "none", nn > 1 ? ", ..." : "");
}

static int load_doctrine(ld *l, struct fy_node *map, bmd_scn_battery *b, const char *ctx)
{
    char c2[100];
    snprintf(c2, sizeof c2, "%s: doctrine", ctx);
    int st = keys(l, map, DOCTRINE_KEYS, NKEYS(DOCTRINE_KEYS), NULL, 0, c2);
    if (st == BMD_OK)
        st = word(l, map, "mode", DOCTRINE_MODES, NKEYS(DOCTRINE_MODES), BMD__YAML_OPTIONAL,
                  &b->doctrine, c2);
    if (st == BMD_OK) st = whole_int(l, map, "salvo", 1, BMD__YAML_OPTIONAL, &b->salvo, c2);
    if (st == BMD_OK)
        st = qty_min(l, map, "kill_assessment", BMD_Q_TIME, 0.0, 0, &b->kill_assessment_s, c2);
    double pc = 1.0 - b->assessment_error; /* range: the table's "assessment_correct" */
    if (st == BMD_OK)
        st = qty(l, map, "assessment_correct", BMD_Q_DIMLESS, BMD__YAML_OPTIONAL, &pc, c2);
    if (st == BMD_OK) b->assessment_error = 1.0 - pc;
    return st;
}

static int load_battery(ld *l, struct fy_node *item, size_t idx, bmd_scn_battery *b)
{
    char ctx[80];
    snprintf(ctx, sizeof ctx, "battery %zu", idx + 1);
    memset(b, 0, sizeof *b);
    int st = bmd__yaml_expect_map(l->y, item, ctx, l->err);
    if (st == BMD_OK && bmd__yaml_has(item, "name"))
        st =
            bmd__yaml_name(l->y, item, "battery", b->name, sizeof b->name, ctx, sizeof ctx, l->err);
    if (st != BMD_OK) return st;
    st = keys(l, item, BAT_KEYS, NKEYS(BAT_KEYS), BAT_REQ, NKEYS(BAT_REQ), ctx);
    if (st == BMD_OK) st = place(l, item, "site", &b->site, ctx);
    char icname[32];
    if (st == BMD_OK)
        st = bmd__yaml_str(l->y, item, "interceptor", BMD__YAML_REQUIRED, icname, sizeof icname,
                           ctx, l->err);
    if (st != BMD_OK) return st;
    if (l->env == NULL || l->env->interceptors == NULL)
        return catalog_err(l, item, "interceptor", ctx, BMD_ENOTFOUND,
                           "no interceptor catalog loaded");
    const bmd_interceptor *ic = NULL;
    bmd_errbuf why;
    st = bmd_interceptor_find(l->env->interceptors, icname, &ic, &why);
    if (st != BMD_OK) return catalog_err(l, item, "interceptor", ctx, st, why.msg);
    b->interceptor = *ic;
    /* inventory: the catalog's typical battery unless given */
    b->launchers = ic->launchers;
    b->missiles_per_launcher = ic->missiles_per_launcher;
    st = whole_int(l, item, "launchers", 1, BMD__YAML_OPTIONAL, &b->launchers, ctx);
    if (st == BMD_OK)
        st = whole_int(l, item, "missiles_per_launcher", 1, BMD__YAML_OPTIONAL,
                       &b->missiles_per_launcher, ctx);
    if (st != BMD_OK) return st;
    if (b->launchers < 1 || b->missiles_per_launcher < 1)
        return bmd__yaml_ctx_err(l->y, item, ctx, l->err, BMD_EINVAL,
                                 "missing key '%s' (the catalog gives no typical battery for "
                                 "'%s')",
                                 b->launchers < 1 ? "launchers" : "missiles_per_launcher", icname);
    b->doctrine = BMD_DOCTRINE_SLS;
    b->salvo = 1;
    b->kill_assessment_s = BMD_SCN_DEFAULT_KILL_ASSESSMENT_S;
    b->reaction_s = BMD_SCN_DEFAULT_REACTION_S;
    b->launch_interval_s = BMD_SCN_DEFAULT_LAUNCH_INTERVAL_S;
    b->layer = strcmp(ic->tier, "lower") == 0 ? 2 : 1;
    b->radar = -1;
    if (bmd__yaml_has(item, "doctrine"))
        st = load_doctrine(l, bmd__yaml_get(item, "doctrine"), b, ctx);
    if (st == BMD_OK)
        st = qty_min(l, item, "reaction_time", BMD_Q_TIME, 0.0, 0, &b->reaction_s, ctx);
    if (st == BMD_OK)
        st = qty_min(l, item, "launch_interval", BMD_Q_TIME, 0.0, 0, &b->launch_interval_s, ctx);
    if (st == BMD_OK) st = whole_int(l, item, "layer", 1, BMD__YAML_OPTIONAL, &b->layer, ctx);
    if (st == BMD_OK && bmd__yaml_has(item, "radar") && bmd__yaml_has(item, "radars"))
        return bmd__yaml_ctx_err(l->y, bmd__yaml_get_key(item, "radars"), ctx, l->err, BMD_EPARSE,
                                 "give 'radar' (one name) or 'radars' (a list), not both");
    if (st == BMD_OK && bmd__yaml_has(item, "radar")) {
        int ri;
        st = radar_ref(l, bmd__yaml_get(item, "radar"), "radar", ctx, &ri);
        if (st != BMD_OK) return st;
        b->radar = ri;
        b->radar_set = (uint64_t)1 << ri;
    }
    if (st == BMD_OK && bmd__yaml_has(item, "radars")) {
        /* radars: [a, b]: the radars whose tracks this battery uses */
        struct fy_node *seq = bmd__yaml_get(item, "radars");
        char c2[100];
        snprintf(c2, sizeof c2, "%s: key 'radars'", ctx);
        st = bmd__yaml_expect_seq(l->y, seq, c2, l->err);
        if (st == BMD_OK && bmd__yaml_seq_count(seq) == 0)
            return bmd__yaml_ctx_err(l->y, seq, ctx, l->err, BMD_EPARSE,
                                     "key 'radars': name at least one radar");
        for (size_t i = 0; st == BMD_OK && i < bmd__yaml_seq_count(seq); i++) {
            int ri;
            st = radar_ref(l, bmd__yaml_seq_item(seq, i), "radars", ctx, &ri);
            if (st != BMD_OK) return st;
            if (b->radar < 0) b->radar = ri;
            b->radar_set |= (uint64_t)1 << ri;
        }
    }
    struct fy_node *om = bmd__yaml_get(item, "overrides");
    if (st == BMD_OK && bmd__yaml_has(item, "overrides"))
        st = overrides(l, om, IC_OVR, NKEYS(IC_OVR), &b->interceptor, ctx);
    if (st != BMD_OK) return st;
    st = bmd_interceptor_check(&b->interceptor, &why);
    if (st != BMD_OK) {
        struct fy_node *at = override_node(om, why.msg, IC_OVR, NKEYS(IC_OVR));
        if (at == NULL) at = om ? om : bmd__yaml_get(item, "interceptor");
        return bmd__yaml_ctx_err(l->y, at, ctx, l->err, BMD_EINVAL, "interceptor '%s': %s", icname,
                                 why.msg);
    }
    return BMD_OK;
}

/* ---- threats ------------------------------------------------------------------- */

static const char *const THREAT_KEYS[] = {"name",       "missile",  "launch",    "aim",
                                          "trajectory", "apogee",   "gamma",     "rcs",
                                          "count",      "interval", "overrides", "objects"};
static const char *const THREAT_REQ[] = {"missile", "launch", "aim", "rcs"};
static const char *const SHAPES[] = {"min-energy", "lofted", "depressed"};

/* rcs: a value, or a table [{aspect: 0deg, rcs: 0.01m2}, ...]. */
static int load_rcs(const ld *l, struct fy_node *map, bmd_rcs_table *t, const char *ctx)
{
    struct fy_node *v = bmd__yaml_get(map, "rcs");
    memset(t, 0, sizeof *t);
    if (!bmd__yaml_is_seq(v)) {
        double x = 0.0;
        int st = qty(l, map, "rcs", BMD_Q_RCS, BMD__YAML_REQUIRED, &x, ctx);
        if (st != BMD_OK) return st;
        if (!(x > 0.0))
            return bmd__yaml_ctx_err(l->y, v, ctx, l->err, BMD_EINVAL,
                                     "key 'rcs': must be > 0 m2, found '%s'", bmd__yaml_scalar(v));
        t->n = 1;
        t->rcs_m2[0] = x;
        return BMD_OK;
    }
    static const char *const RK[] = {"aspect", "rcs"};
    size_t n = bmd__yaml_seq_count(v);
    if (n < 1 || n > BMD_RCS_MAX_POINTS)
        return bmd__yaml_ctx_err(l->y, v, ctx, l->err, BMD_EINVAL,
                                 "key 'rcs': expected 1 to %d table rows, found %zu",
                                 BMD_RCS_MAX_POINTS, n);
    char c2[100];
    snprintf(c2, sizeof c2, "%s: rcs", ctx);
    for (size_t i = 0; i < n; i++) {
        struct fy_node *row = bmd__yaml_seq_item(v, i);
        int st = keys(l, row, RK, 2, RK, 2, c2);
        if (st == BMD_OK) st = qty(l, row, "aspect", BMD_Q_ANGLE, 1, &t->aspect_rad[i], c2);
        if (st == BMD_OK) st = qty(l, row, "rcs", BMD_Q_RCS, 1, &t->rcs_m2[i], c2);
        if (st != BMD_OK) return st;
        if (!(t->rcs_m2[i] > 0.0))
            return bmd__yaml_ctx_err(l->y, bmd__yaml_get(row, "rcs"), c2, l->err, BMD_EINVAL,
                                     "row %zu: RCS must be > 0 m2", i + 1);
        if (t->aspect_rad[i] < 0.0 || t->aspect_rad[i] > BMD_PI + 1e-12 ||
            (i > 0 && !(t->aspect_rad[i] > t->aspect_rad[i - 1])))
            return bmd__yaml_ctx_err(l->y, bmd__yaml_get(row, "aspect"), c2, l->err, BMD_EINVAL,
                                     "row %zu: aspects must increase strictly within 0 to 180 deg",
                                     i + 1);
    }
    t->n = (int)n;
    return BMD_OK;
}

/* ---- threat complexes ------------------------------------------------------------ */

static const char *const OBJ_KEYS[] = {"kind", "class",   "count",     "rcs",
                                       "beta", "release", "separation"};
static const char *const OBJ_REQ[] = {"kind", "rcs", "beta"};
static const char *const OBJ_KINDS[] = {"tank", "debris", "decoy"};
static const char *const DECOY_CLASSES[] = {"light", "heavy"};

/* An object's beta: the range table's "objects.beta" (its "beta" is a
 * catalog key with a check of its own). */
static int object_beta(const ld *l, struct fy_node *item, double *out, const char *ctx)
{
    struct fy_node *v = bmd__yaml_get(item, "beta");
    int st = node_qty(l, v, "beta", BMD_Q_BETA, out, ctx);
    bmd_errbuf e;
    if (st == BMD_OK && bmd_input_range_check("objects.beta", BMD_Q_BETA, *out, &e) != BMD_OK)
        return bmd__yaml_ctx_err(l->y, v, ctx, l->err, BMD_EINVAL, "key 'beta': %s", e.msg);
    return st;
}

/* The objects a missile releases: objects: [{kind, class, count, rcs, beta,
 * release, separation}, ...] into o (room for cap, *n loaded, counts
 * expanded). */
static int load_objects(ld *l, struct fy_node *seq, bmd_scn_threat *o, size_t cap, size_t *n,
                        const char *ctx)
{
    char c2[100];
    snprintf(c2, sizeof c2, "%s: objects", ctx);
    int st = bmd__yaml_expect_seq(l->y, seq, c2, l->err);
    *n = 0;
    for (size_t i = 0; st == BMD_OK && i < bmd__yaml_seq_count(seq); i++) {
        struct fy_node *item = bmd__yaml_seq_item(seq, i);
        char c3[128];
        snprintf(c3, sizeof c3, "%.100s %zu", c2, i + 1);
        bmd_scn_threat t;
        memset(&t, 0, sizeof t);
        int kind = 0, cls = 0;
        long count = 1;
        st = keys(l, item, OBJ_KEYS, NKEYS(OBJ_KEYS), OBJ_REQ, NKEYS(OBJ_REQ), c3);
        if (st == BMD_OK)
            st = word(l, item, "kind", OBJ_KINDS, NKEYS(OBJ_KINDS), BMD__YAML_REQUIRED, &kind, c3);
        if (st == BMD_OK)
            st = word(l, item, "class", DECOY_CLASSES, NKEYS(DECOY_CLASSES), BMD__YAML_OPTIONAL,
                      &cls, c3);
        if (st == BMD_OK && bmd__yaml_has(item, "class") && kind != 2)
            return bmd__yaml_ctx_err(l->y, bmd__yaml_get_key(item, "class"), c3, l->err, BMD_EPARSE,
                                     "key 'class' is for kind: decoy");
        if (st == BMD_OK) st = load_rcs(l, item, &t.rcs, c3);
        if (st == BMD_OK) st = object_beta(l, item, &t.beta_kgpm2, c3);
        if (st == BMD_OK)
            st = qty(l, item, "release", BMD_Q_TIME, BMD__YAML_OPTIONAL, &t.release_s, c3);
        if (st == BMD_OK)
            st = qty(l, item, "separation", BMD_Q_SPEED, BMD__YAML_OPTIONAL, &t.separation_mps, c3);
        if (st == BMD_OK) st = whole(l, item, "count", 1, 1000, BMD__YAML_OPTIONAL, &count, c3);
        if (st != BMD_OK) return st;
        if (*n + (size_t)count > cap)
            return bmd__yaml_ctx_err(l->y, item, c3, l->err, BMD_EINVAL,
                                     "more than %zu objects released by one missile", cap);
        t.kind = BMD_OBJ_TANK + kind;
        t.decoy_heavy = cls;
        for (long j = 0; j < count; j++)
            o[(*n)++] = t;
    }
    return st;
}

/* Object j of missile mi (which is *m) from its template ob: the missile's
 * launch, aim, missile and time; named MISSILE/KIND[-INDEX]. */
static void object_from(bmd_scn_threat *o, const bmd_scn_threat *m, const bmd_scn_threat *ob,
                        size_t mi, size_t j, const bmd_scn_threat *all, size_t n_obj)
{
    *o = *m;
    o->kind = ob->kind;
    o->decoy_heavy = ob->decoy_heavy;
    o->rcs = ob->rcs;
    o->beta_kgpm2 = ob->beta_kgpm2;
    o->release_s = ob->release_s;
    o->separation_mps = ob->separation_mps;
    o->released_by = (int)mi + 1;
    o->slot = (int)j;
    o->n_slots = (int)n_obj;
    char mname[sizeof m->name];
    memcpy(mname, m->name, sizeof mname);
    int same = 0, idx = 0;
    for (size_t q = 0; q < n_obj; q++)
        if (all[q].kind == ob->kind) {
            same++;
            if (q < j) idx++;
        }
    if (same > 1)
        snprintf(o->name, sizeof o->name, "%.18s/%s-%d", mname, bmd_object_kind_name(ob->kind),
                 idx + 1);
    else
        snprintf(o->name, sizeof o->name, "%.18s/%s", mname, bmd_object_kind_name(ob->kind));
}

/* One threats item into *t (count and interval returned for expansion). */
static int load_threat(ld *l, struct fy_node *item, size_t idx, bmd_scn_threat *t, long *count,
                       double *interval_s)
{
    char ctx[80];
    snprintf(ctx, sizeof ctx, "threat %zu", idx + 1);
    memset(t, 0, sizeof *t);
    int st = bmd__yaml_expect_map(l->y, item, ctx, l->err);
    if (st == BMD_OK && bmd__yaml_has(item, "name"))
        st = bmd__yaml_name(l->y, item, "threat", t->name, sizeof t->name, ctx, sizeof ctx, l->err);
    if (st != BMD_OK) return st;
    st = keys(l, item, THREAT_KEYS, NKEYS(THREAT_KEYS), THREAT_REQ, NKEYS(THREAT_REQ), ctx);
    char mname[32];
    if (st == BMD_OK)
        st = bmd__yaml_str(l->y, item, "missile", BMD__YAML_REQUIRED, mname, sizeof mname, ctx,
                           l->err);
    if (st != BMD_OK) return st;
    if (l->env == NULL || l->env->missiles == NULL)
        return catalog_err(l, item, "missile", ctx, BMD_ENOTFOUND, "no missile catalog loaded");
    const bmd_missile *m = NULL;
    bmd_errbuf why;
    st = bmd_missile_find(l->env->missiles, mname, &m, &why);
    if (st != BMD_OK) return catalog_err(l, item, "missile", ctx, st, why.msg);
    t->missile = *m;
    /* launch: {site, time} or just a site */
    struct fy_node *lm = bmd__yaml_get(item, "launch");
    if (bmd__yaml_is_map(lm)) {
        static const char *const LK[] = {"site", "time"};
        char c2[100];
        snprintf(c2, sizeof c2, "%s: launch", ctx);
        st = keys(l, lm, LK, 2, LK, 1, c2);
        if (st == BMD_OK) st = place(l, lm, "site", &t->launch, c2);
        if (st == BMD_OK) st = qty_min(l, lm, "time", BMD_Q_TIME, 0.0, 0, &t->launch_time_s, c2);
    } else {
        st = place(l, item, "launch", &t->launch, ctx);
    }
    if (st == BMD_OK) st = place(l, item, "aim", &t->aim, ctx);
    int kind = BMD_TRAJ_MIN_ENERGY;
    if (st == BMD_OK)
        st = word(l, item, "trajectory", SHAPES, NKEYS(SHAPES), BMD__YAML_OPTIONAL, &kind, ctx);
    if (st != BMD_OK) return st;
    t->shape.kind = kind;
    int has_ap = bmd__yaml_has(item, "apogee"), has_g = bmd__yaml_has(item, "gamma");
    st = qty_min(l, item, "apogee", BMD_Q_LENGTH, 0.0, 1, &t->shape.apogee_m, ctx);
    if (st == BMD_OK)
        st = qty(l, item, "gamma", BMD_Q_ANGLE, BMD__YAML_OPTIONAL, &t->shape.burnout_gamma_rad,
                 ctx);
    if (st != BMD_OK) return st;
    struct fy_node *tn = bmd__yaml_get(item, "trajectory");
    if (kind == BMD_TRAJ_LOFTED && !has_ap)
        return bmd__yaml_ctx_err(l->y, tn, ctx, l->err, BMD_EPARSE,
                                 "trajectory 'lofted' needs key 'apogee' (e.g. apogee: 400km)");
    if (kind == BMD_TRAJ_DEPRESSED && !has_ap && !has_g)
        return bmd__yaml_ctx_err(l->y, tn, ctx, l->err, BMD_EPARSE,
                                 "trajectory 'depressed' needs key 'apogee' or 'gamma'");
    if (kind == BMD_TRAJ_DEPRESSED && has_ap && has_g)
        return bmd__yaml_ctx_err(l->y, bmd__yaml_get_key(item, "gamma"), ctx, l->err, BMD_EPARSE,
                                 "trajectory 'depressed' takes 'apogee' or 'gamma', not both");
    if (kind == BMD_TRAJ_MIN_ENERGY && (has_ap || has_g))
        return bmd__yaml_ctx_err(
            l->y, bmd__yaml_get_key(item, has_ap ? "apogee" : "gamma"), ctx, l->err, BMD_EPARSE,
            "key '%s' needs trajectory: lofted or depressed", has_ap ? "apogee" : "gamma");
    if (kind == BMD_TRAJ_LOFTED && has_g)
        return bmd__yaml_ctx_err(l->y, bmd__yaml_get_key(item, "gamma"), ctx, l->err, BMD_EPARSE,
                                 "key 'gamma' needs trajectory: depressed");
    if (kind == BMD_TRAJ_DEPRESSED && has_g) t->shape.apogee_m = 0.0;
    st = load_rcs(l, item, &t->rcs, ctx);
    *count = 1;
    *interval_s = 0.0;
    if (st == BMD_OK) st = whole(l, item, "count", 1, 1000, BMD__YAML_OPTIONAL, count, ctx);
    if (st == BMD_OK) st = qty_min(l, item, "interval", BMD_Q_TIME, 0.0, 0, interval_s, ctx);
    struct fy_node *om = bmd__yaml_get(item, "overrides");
    if (st == BMD_OK && bmd__yaml_has(item, "overrides"))
        st = overrides(l, om, MISSILE_OVR, NKEYS(MISSILE_OVR), &t->missile, ctx);
    if (st != BMD_OK) return st;
    st = bmd_traj_missile_check(&t->missile, &why);
    if (st != BMD_OK) {
        struct fy_node *at = override_node(om, why.msg, MISSILE_OVR, NKEYS(MISSILE_OVR));
        return bmd__yaml_ctx_err(l->y, at ? at : bmd__yaml_get(item, "missile"), ctx, l->err,
                                 BMD_EINVAL, "missile '%s': %s", mname, why.msg);
    }
    return BMD_OK;
}

/* ---- sections ------------------------------------------------------------------- */

static const char *const TOP_KEYS[] = {
    "name",     "earth",      "atmosphere",  "sites",     "batteries", "radars",        "threats",
    "tracking", "simulation", "monte_carlo", "uncertain", "homing",    "discrimination"};
static const char *const HOMING_MODES[] = {"ideal", "realistic"};
static const char *const TOP_REQ[] = {"threats"};

static int load_sites(ld *l, struct fy_node *root)
{
    char rel[512], path[1024];
    int st = bmd__yaml_str(l->y, root, "sites", BMD__YAML_REQUIRED, rel, sizeof rel, NULL, l->err);
    if (st != BMD_OK) return st;
    if (rel[0] == '/' || l->base_dir == NULL || l->base_dir[0] == '\0')
        snprintf(path, sizeof path, "%s", rel);
    else if (bmd_data_path(path, sizeof path, l->base_dir, rel) != BMD_OK)
        return bmd__yaml_ctx_err(l->y, bmd__yaml_get(root, "sites"), NULL, l->err, BMD_ELIMIT,
                                 "key 'sites': path too long");
    size_t n = (l->env && l->env->sites) ? l->env->sites->n : 0;
    l->local.items = calloc(n ? n : 1, sizeof *l->local.items);
    if (l->local.items == NULL) return bmd_err_set(l->err, BMD_ENOMEM, "%s: no memory", l->y->name);
    if (n) memcpy(l->local.items, l->env->sites->items, n * sizeof *l->local.items);
    l->local.n = n;
    l->sites = &l->local;
    bmd_errbuf why;
    st = bmd_site_list_load(path, &l->local, &why);
    if (st != BMD_OK)
        return bmd__yaml_ctx_err(l->y, bmd__yaml_get(root, "sites"), NULL, l->err, st,
                                 "key 'sites': %s", why.msg);
    return BMD_OK;
}

static const char *const TRACK_KEYS[] = {"filter", "initiation", "process_noise", "invbeta_sigma"};
static const char *const FILTERS[] = {"ekf", "ukf", "truth"};

static int load_tracking(ld *l, struct fy_node *map)
{
    bmd_scenario *s = l->s;
    int st = keys(l, map, TRACK_KEYS, NKEYS(TRACK_KEYS), NULL, 0, "tracking");
    if (st == BMD_OK)
        st = word(l, map, "filter", FILTERS, NKEYS(FILTERS), BMD__YAML_OPTIONAL, &s->filter,
                  "tracking");
    if (st == BMD_OK)
        st = qty_min(l, map, "process_noise", BMD_Q_ACCEL, 0.0, 0, &s->track_q_accel_mps2,
                     "tracking");
    /* the prior sigma of 1/beta in m^2/kg (a plain number; range table) */
    if (st == BMD_OK)
        st = qty(l, map, "invbeta_sigma", BMD_Q_DIMLESS, BMD__YAML_OPTIONAL,
                 &s->track_invbeta_sigma_m2pkg, "tracking");
    if (st != BMD_OK || !bmd__yaml_has(map, "initiation")) return st;
    char text[32];
    st = bmd__yaml_str(l->y, map, "initiation", BMD__YAML_REQUIRED, text, sizeof text, "tracking",
                       l->err);
    if (st != BMD_OK) return st;
    int m = 0, n = 0;
    char tail = '\0';
    if (sscanf(text, "%d/%d%c", &m, &n, &tail) != 2 || !(m >= 1 && n >= m && n <= 32))
        return bmd__yaml_ctx_err(l->y, bmd__yaml_get(map, "initiation"), "tracking", l->err,
                                 BMD_EINVAL,
                                 "key 'initiation': expected M/N with 1 <= M <= N <= 32 (M "
                                 "detections in N looks, e.g. 3/5), found '%s'",
                                 text);
    s->init_m = m;
    s->init_n = n;
    return BMD_OK;
}

static const char *const DISCR_MODES[] = {"perfect", "beta", "rcs"};
static const char *const DISCR_KEYS[] = {"mode",         "beta_threshold", "sigmas",
                                         "rcs_noise_db", "rcs_window_db",  "rcs_looks"};

/* discrimination: MODE, or {mode: MODE, beta_threshold, sigmas,
 * rcs_noise_db, rcs_window_db, rcs_looks}. */
static int load_discrimination(ld *l, struct fy_node *root)
{
    bmd_scenario *s = l->s;
    struct fy_node *map = bmd__yaml_get(root, "discrimination");
    if (!bmd__yaml_is_map(map))
        return word(l, root, "discrimination", DISCR_MODES, NKEYS(DISCR_MODES), BMD__YAML_REQUIRED,
                    &s->discrimination, NULL);
    const char *c = "discrimination";
    int st = keys(l, map, DISCR_KEYS, NKEYS(DISCR_KEYS), DISCR_KEYS, 1, c);
    if (st == BMD_OK)
        st = word(l, map, "mode", DISCR_MODES, NKEYS(DISCR_MODES), BMD__YAML_REQUIRED,
                  &s->discrimination, c);
    double beta = 1.0 / s->discr_invbeta_threshold_m2pkg;
    if (st == BMD_OK) st = qty(l, map, "beta_threshold", BMD_Q_BETA, BMD__YAML_OPTIONAL, &beta, c);
    if (st == BMD_OK) s->discr_invbeta_threshold_m2pkg = 1.0 / beta;
    if (st == BMD_OK)
        st = qty(l, map, "sigmas", BMD_Q_DIMLESS, BMD__YAML_OPTIONAL, &s->discr_sigmas, c);
    if (st == BMD_OK)
        st = qty(l, map, "rcs_noise_db", BMD_Q_DIMLESS, BMD__YAML_OPTIONAL, &s->discr_rcs_noise_db,
                 c);
    if (st == BMD_OK)
        st = qty(l, map, "rcs_window_db", BMD_Q_DIMLESS, BMD__YAML_OPTIONAL,
                 &s->discr_rcs_window_db, c);
    long looks = s->discr_rcs_looks;
    if (st == BMD_OK) st = whole(l, map, "rcs_looks", 1, 1000, BMD__YAML_OPTIONAL, &looks, c);
    if (st == BMD_OK) s->discr_rcs_looks = (int)looks;
    return st;
}

static int load_simulation(ld *l, struct fy_node *map)
{
    static const char *const SK[] = {"dt", "t_end"};
    int st = keys(l, map, SK, 2, NULL, 0, "simulation");
    if (st == BMD_OK) st = qty_min(l, map, "dt", BMD_Q_TIME, 0.0, 1, &l->s->dt_s, "simulation");
    if (st == BMD_OK)
        st = qty_min(l, map, "t_end", BMD_Q_TIME, 0.0, 0, &l->s->t_end_s, "simulation");
    return st;
}

static int load_mc(ld *l, struct fy_node *map)
{
    static const char *const MK[] = {"runs", "seed"};
    int st = keys(l, map, MK, 2, NULL, 0, "monte_carlo");
    long runs = l->s->mc_runs, seed = 1;
    if (st == BMD_OK)
        st = whole(l, map, "runs", 1, 100000000L, BMD__YAML_OPTIONAL, &runs, "monte_carlo");
    if (st == BMD_OK)
        st = whole(l, map, "seed", 0, 2147483647L, BMD__YAML_OPTIONAL, &seed, "monte_carlo");
    if (st == BMD_OK) {
        l->s->mc_runs = runs;
        if (bmd__yaml_has(map, "seed")) l->s->mc_seed = (uint64_t)seed;
    }
    return st;
}

/* uncertain: {power_avg: [lo, hi], ...}, order of bmd_uncertain_kind. */
static const char *const UNC_KEYS[] = {"power_avg", "rcs", "pk", "reaction_time", "launch_time"};
static const bmd_quantity UNC_Q[] = {BMD_Q_POWER, BMD_Q_RCS, BMD_Q_DIMLESS, BMD_Q_TIME, BMD_Q_TIME};

/* Keys with a '.' are parameter paths (radars.tpy2.power_avg: ...) for
 * sweeps and sensitivity analyses, read and checked by bmd_uq_space_load
 * (bmd/uncertain.h); the Monte Carlo of `run` draws only the short keys. */
static int load_uncertain(ld *l, struct fy_node *map)
{
    int st = bmd__yaml_expect_map(l->y, map, "uncertain", l->err);
    for (size_t i = 0; st == BMD_OK && i < bmd__yaml_map_count(map); i++) {
        struct fy_node *kn, *v;
        const char *k = bmd__yaml_map_key(map, i, &kn, &v);
        if (strchr(k, '.') != NULL) continue;
        int kind = 0;
        while (kind < (int)NKEYS(UNC_KEYS) && strcmp(UNC_KEYS[kind], k) != 0)
            kind++;
        if (kind == (int)NKEYS(UNC_KEYS)) {
            const char *sg = bmd_suggest(k, UNC_KEYS, NKEYS(UNC_KEYS));
            return bmd__yaml_ctx_err(l->y, kn, "uncertain", l->err, BMD_EPARSE,
                                     "unknown key '%s'%s%s%s (or a parameter path such as "
                                     "radars.tpy2.power_avg)",
                                     k, sg ? " (did you mean '" : "", sg ? sg : "",
                                     sg ? "'?)" : "");
        }
        kind = 0;
        while (strcmp(UNC_KEYS[kind], k) != 0)
            kind++;
        double b[2];
        size_t n = 0;
        st = bmd__yaml_quantity_list(l->y, map, k, UNC_Q[kind], BMD__YAML_REQUIRED, b, 2, &n,
                                     "uncertain", l->err);
        if (st == BMD_ELIMIT || (st == BMD_OK && n != 2))
            return bmd__yaml_ctx_err(l->y, v, "uncertain", l->err, BMD_EPARSE,
                                     "key '%s': expected two bounds [LO, HI]", k);
        if (st != BMD_OK) return st;
        int bad = !(b[0] <= b[1]);
        if (kind == BMD_UNC_PK) bad = bad || b[0] < 0.0 || b[1] > 1.0;
        if (kind == BMD_UNC_RCS) bad = bad || !(b[0] > 0.0);
        if (kind == BMD_UNC_REACTION) bad = bad || b[0] < 0.0;
        if (bad)
            return bmd__yaml_ctx_err(l->y, v, "uncertain", l->err, BMD_EINVAL,
                                     "key '%s': bounds [%g, %g] %s: need LO <= HI%s", k, b[0], b[1],
                                     bmd_quantity_unit(UNC_Q[kind]),
                                     kind == BMD_UNC_PK         ? " within [0, 1]"
                                     : kind == BMD_UNC_RCS      ? " and LO > 0"
                                     : kind == BMD_UNC_REACTION ? " and LO >= 0"
                                                                : "");
        bmd_scn_uncertain *u = &l->s->uncertain[l->s->n_uncertain++];
        u->kind = kind;
        u->lo = b[0];
        u->hi = b[1];
    }
    return st;
}

/* The list under key k (optional unless required); *n its length. */
static int section_list(ld *l, struct fy_node *root, const char *k, int required,
                        struct fy_node **seq, size_t *n)
{
    *seq = NULL;
    *n = 0;
    if (!bmd__yaml_has(root, k)) return BMD_OK;
    struct fy_node *v = bmd__yaml_get(root, k);
    int st = bmd__yaml_expect_seq(l->y, v ? v : bmd__yaml_get_key(root, k), k, l->err);
    if (st != BMD_OK) return st;
    *seq = v;
    *n = bmd__yaml_seq_count(v);
    if (*n == 0 && required)
        return bmd__yaml_ctx_err(l->y, bmd__yaml_get_key(root, k), k, l->err, BMD_EINVAL,
                                 "the list is empty");
    return BMD_OK;
}

/* Names must be unique within a list. */
static int unique(const ld *l, struct fy_node *item, const char *what, const char *name,
                  const char *prev, size_t stride, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (name[0] && strcmp(prev + i * stride, name) == 0)
            return bmd__yaml_ctx_err(l->y, bmd__yaml_get(item, "name"), NULL, l->err, BMD_EPARSE,
                                     "%s name '%s' appears twice", what, name);
    return BMD_OK;
}

/* Room for the n objects of a list section and their YAML nodes (nothing
 * for n = 0). */
static int list_alloc(ld *l, size_t n, size_t size, void **mem, struct fy_node ***nodes)
{
    *mem = NULL;
    if (n == 0) return BMD_OK;
    *mem = calloc(n, size);
    *nodes = calloc(n, sizeof **nodes);
    if (*mem == NULL || *nodes == NULL) return bmd_err_set(l->err, BMD_ENOMEM, "no memory");
    return BMD_OK;
}

/* Loads item i of a list section into the array base (and checks its name
 * is unique among the items before it). */
typedef int (*item_fn)(ld *l, struct fy_node *item, size_t i, void *base);

/* The n items of the sequence seq, each with fn; *count counts the loaded. */
static int list_load(ld *l, struct fy_node *seq, size_t n, void *base, struct fy_node **nodes,
                     size_t *count, item_fn fn)
{
    for (size_t i = 0; i < n; i++) {
        struct fy_node *item = bmd__yaml_seq_item(seq, i);
        int st = fn(l, item, i, base);
        if (st != BMD_OK) return st;
        nodes[i] = item;
        (*count)++;
    }
    return BMD_OK;
}

static int radar_item(ld *l, struct fy_node *item, size_t i, void *base)
{
    bmd_scn_radar *r = base;
    int st = load_radar(l, item, i, &r[i]);
    if (st == BMD_OK) st = unique(l, item, "radar", r[i].name, r[0].name, sizeof *r, i);
    return st;
}

static int battery_item(ld *l, struct fy_node *item, size_t i, void *base)
{
    bmd_scn_battery *b = base;
    int st = load_battery(l, item, i, &b[i]);
    if (st == BMD_OK) st = unique(l, item, "battery", b[i].name, b[0].name, sizeof *b, i);
    return st;
}

/* Place bmd_scenario_check's message ("battery NAME: ...") at that object. */
static int check_at(ld *l, struct fy_node *root)
{
    bmd_errbuf why;
    int st = bmd_scenario_check(l->s, &why);
    if (st == BMD_OK) return BMD_OK;
    struct fy_node *at = root;
    const char *prefixes[] = {"battery ", "radar ", "threat "};
    for (int k = 0; k < 3; k++) {
        size_t pl = strlen(prefixes[k]);
        if (strncmp(why.msg, prefixes[k], pl) != 0) continue;
        const char *nm = why.msg + pl;
        size_t nl = strcspn(nm, ":");
        size_t cnt = k == 0 ? l->s->n_batteries : k == 1 ? l->s->n_radars : l->s->n_threats;
        for (size_t i = 0; i < cnt; i++) {
            const char *name = k == 0   ? l->s->battery[i].name
                               : k == 1 ? l->s->radar[i].name
                                        : l->s->threat[i].name;
            struct fy_node *node = k == 0   ? l->bat_node[i]
                                   : k == 1 ? l->radar_node[i]
                                            : l->threat_node[i];
            if (strlen(name) == nl && strncmp(name, nm, nl) == 0) {
                at = bmd__yaml_has(node, "name") ? bmd__yaml_get(node, "name") : node;
                break;
            }
        }
    }
    if (strncmp(why.msg, "scenario: dt", 12) == 0 || strncmp(why.msg, "scenario: t_end", 15) == 0)
        if (bmd__yaml_has(root, "simulation")) at = bmd__yaml_get(root, "simulation");
    return bmd__yaml_err(l->y, at, l->err, st, "%s", why.msg);
}

static const char *const EARTHS[] = {"wgs84", "sphere"};
static const char *const ATMOS[] = {"us76", "exponential", "none"};

static int load_doc(ld *l)
{
    bmd_scenario *s = l->s;
    struct fy_node *root = bmd__yaml_root(l->y);
    int st = bmd__yaml_expect_map(l->y, root, "scenario", l->err);
    if (st == BMD_OK)
        st = bmd__yaml_check_keys(l->y, root, TOP_KEYS, NKEYS(TOP_KEYS), NULL, l->err);
    if (st == BMD_OK) st = bmd__yaml_require_keys(l->y, root, TOP_REQ, 1, "scenario", l->err);
    if (st == BMD_OK)
        st = bmd__yaml_str(l->y, root, "name", BMD__YAML_OPTIONAL, s->name, sizeof s->name, NULL,
                           l->err);
    if (st == BMD_OK)
        st = word(l, root, "earth", EARTHS, NKEYS(EARTHS), BMD__YAML_OPTIONAL, &s->earth_sphere,
                  NULL);
    if (st == BMD_OK)
        st = word(l, root, "atmosphere", ATMOS, NKEYS(ATMOS), BMD__YAML_OPTIONAL, &s->atmo, NULL);
    if (st == BMD_OK && bmd__yaml_has(root, "sites")) st = load_sites(l, root);
    if (st != BMD_OK) return st;

    struct fy_node *seq;
    size_t n;
    /* radars first: batteries refer to them by name */
    void *mem = NULL;
    st = section_list(l, root, "radars", 0, &seq, &n);
    if (st == BMD_OK) st = list_alloc(l, n, sizeof *s->radar, &mem, &l->radar_node);
    s->radar = mem;
    if (st == BMD_OK) st = list_load(l, seq, n, mem, l->radar_node, &s->n_radars, radar_item);
    if (st != BMD_OK) return st;
    /* (mem from NULL again: when the section is missing or malformed the
       batteries must not take the radars' array, which both would free) */
    mem = NULL;
    st = section_list(l, root, "batteries", 0, &seq, &n);
    if (st == BMD_OK) st = list_alloc(l, n, sizeof *s->battery, &mem, &l->bat_node);
    s->battery = mem;
    if (st == BMD_OK) st = list_load(l, seq, n, mem, l->bat_node, &s->n_batteries, battery_item);
    if (st != BMD_OK) return st;
    st = section_list(l, root, "threats", 1, &seq, &n);
    if (st != BMD_OK) return st;
    size_t cap = 0;
    bmd_scn_threat objs[BMD_SCN_MAX_OBJECTS];
    for (size_t i = 0; i < n; i++) {
        struct fy_node *item = bmd__yaml_seq_item(seq, i);
        bmd_scn_threat t;
        long count;
        double interval;
        st = load_threat(l, item, i, &t, &count, &interval);
        if (st != BMD_OK) return st;
        size_t n_obj = 0;
        char ctx[48];
        if (t.name[0])
            snprintf(ctx, sizeof ctx, "threat '%s'", t.name);
        else
            snprintf(ctx, sizeof ctx, "threat %zu", i + 1);
        if (bmd__yaml_has(item, "objects"))
            st = load_objects(l, bmd__yaml_get(item, "objects"), objs, NKEYS(objs), &n_obj, ctx);
        if (st != BMD_OK) return st;
        size_t need = s->n_threats + (size_t)count * (1 + n_obj);
        if (need > cap) {
            size_t nc = need > 2 * cap ? need : 2 * cap;
            bmd_scn_threat *nt = realloc(s->threat, nc * sizeof *nt);
            if (nt == NULL) return bmd_err_set(l->err, BMD_ENOMEM, "no memory");
            s->threat = nt;
            struct fy_node **nn = realloc(l->threat_node, nc * sizeof *nn);
            if (nn == NULL) return bmd_err_set(l->err, BMD_ENOMEM, "no memory");
            l->threat_node = nn;
            cap = nc;
        }
        char base[32];
        snprintf(base, sizeof base, "%s", t.name);
        for (long k = 0; k < count; k++) {
            size_t mi = s->n_threats;
            for (size_t j = 0; j <= n_obj; j++) {
                bmd_scn_threat *o = &s->threat[s->n_threats];
                if (j == 0) {
                    *o = t;
                    o->launch_time_s = t.launch_time_s + (double)k * interval;
                    if (base[0] == '\0')
                        snprintf(o->name, sizeof o->name, "threat-%zu", s->n_threats + 1);
                    else if (count > 1)
                        snprintf(o->name, sizeof o->name, "%.24s-%d", base, (int)(k + 1));
                } else {
                    object_from(o, &s->threat[mi], &objs[j - 1], mi, j - 1, objs, n_obj);
                }
                for (size_t q = 0; q < s->n_threats; q++)
                    if (strcmp(s->threat[q].name, o->name) == 0)
                        return bmd__yaml_ctx_err(
                            l->y, bmd__yaml_has(item, "name") ? bmd__yaml_get(item, "name") : item,
                            NULL, l->err, BMD_EPARSE, "threat name '%s' appears twice", o->name);
                l->threat_node[s->n_threats] = item;
                s->n_threats++;
            }
        }
    }
    if (s->n_batteries > 0 && s->n_radars == 0)
        return bmd__yaml_ctx_err(l->y, bmd__yaml_get_key(root, "batteries"), NULL, l->err,
                                 BMD_EINVAL,
                                 "batteries need at least one radar: add a 'radars' list");
    if (bmd__yaml_has(root, "tracking")) st = load_tracking(l, bmd__yaml_get(root, "tracking"));
    if (st == BMD_OK && bmd__yaml_has(root, "simulation"))
        st = load_simulation(l, bmd__yaml_get(root, "simulation"));
    if (st == BMD_OK && bmd__yaml_has(root, "monte_carlo"))
        st = load_mc(l, bmd__yaml_get(root, "monte_carlo"));
    if (st == BMD_OK && bmd__yaml_has(root, "uncertain"))
        st = load_uncertain(l, bmd__yaml_get(root, "uncertain"));
    if (st == BMD_OK && bmd__yaml_has(root, "discrimination")) st = load_discrimination(l, root);
    /* homing: ideal | realistic, for every battery's interceptor (default:
     * the catalog entry's homing mode) */
    if (st == BMD_OK && bmd__yaml_has(root, "homing")) {
        int mode = 0;
        st = word(l, root, "homing", HOMING_MODES, NKEYS(HOMING_MODES), BMD__YAML_REQUIRED, &mode,
                  NULL);
        for (size_t b = 0; st == BMD_OK && b < s->n_batteries; b++)
            s->battery[b].interceptor.homing = mode;
    }
    if (st == BMD_OK) st = check_at(l, root);
    return st;
}

static int load(const bmd__yaml *y, const char *base_dir, const bmd_scenario_env *env,
                bmd_scenario *out, bmd_errbuf *err)
{
    ld l;
    memset(&l, 0, sizeof l);
    l.y = y;
    l.env = env;
    l.sites = env ? env->sites : NULL;
    l.base_dir = base_dir;
    l.err = err;
    l.s = out;
    int st = load_doc(&l);
    free(l.local.items);
    free(l.bat_node);
    free(l.radar_node);
    free(l.threat_node);
    if (st != BMD_OK) bmd_scenario_free(out);
    return st;
}

int bmd_scenario_load(const char *path, const bmd_scenario_env *env, bmd_scenario *out,
                      bmd_errbuf *err)
{
    if (path == NULL || out == NULL) return bmd_err_set(err, BMD_EINVAL, "scenario: NULL argument");
    bmd_scenario_init(out);
    bmd__yaml y = {0};
    int st = bmd__yaml_load_file(&y, path, err);
    if (st != BMD_OK) return st;
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash == NULL)
        dir[0] = '\0';
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    st = load(&y, dir, env, out, err);
    bmd__yaml_free(&y);
    return st;
}

int bmd_scenario_load_string(const char *text, size_t len, const char *display_name,
                             const char *base_dir, const bmd_scenario_env *env, bmd_scenario *out,
                             bmd_errbuf *err)
{
    if (text == NULL || out == NULL) return bmd_err_set(err, BMD_EINVAL, "scenario: NULL argument");
    bmd_scenario_init(out);
    bmd__yaml y = {0};
    int st = bmd__yaml_load_string(&y, text, len, display_name, err);
    if (st != BMD_OK) return st;
    st = load(&y, base_dir, env, out, err);
    bmd__yaml_free(&y);
    return st;
}
