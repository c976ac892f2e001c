/*
 * interceptor_catalog.c: load data/catalog/interceptors.yaml into
 * bmd_interceptor structs. Errors carry FILE:LINE:COL, the key, what was
 * expected and what was found; unknown keys and names suggest the nearest
 * known one. Built on the io YAML helpers (io/yaml.h) and bmd_units_parse;
 * the physics checks are bmd_interceptor_check's.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/interceptor_catalog.h"
#include "bmd/catalog.h"
#include "catalog/snapshot.h"
#include "input/yaml.h"

#define NKEYS(a) (sizeof(a) / sizeof((a)[0]))

typedef struct ctx {
    const bmd__yaml *y;
    bmd_errbuf *err;
    char what[80]; /* "interceptor 'thaad'" once the name is known */
    int stage;     /* stage being read, 0-based */
} ctx;

static const char *ctx_name(const ctx *c)
{
    return c->what[0] ? c->what : "interceptor";
}

static const char *key_what(char *buf, size_t n, const char *k)
{
    snprintf(buf, n, "key '%s'", k);
    return buf;
}

/* A value with a unit that must not be negative. */
static int nonneg(const ctx *c, const char *k, struct fy_node *v, bmd_quantity q, double *out)
{
    char w[64];
    int s = bmd__yaml_node_quantity(c->y, v, key_what(w, sizeof w, k), q, out, ctx_name(c), c->err);
    if (s == BMD_OK && *out < 0.0)
        return bmd__yaml_ctx_err(c->y, v, ctx_name(c), c->err, BMD_EDOM,
                                 "key '%s': must not be negative, found '%s'", k,
                                 bmd__yaml_scalar(v));
    return s;
}

static int text(const ctx *c, const char *k, struct fy_node *v, char *dst, size_t cap)
{
    char w[64];
    return bmd__yaml_node_str(c->y, v, key_what(w, sizeof w, k), dst, cap, ctx_name(c), c->err);
}

/* A whole number >= 0 (counts). */
static int count(const ctx *c, const char *k, struct fy_node *v, int *out)
{
    double x;
    int s = nonneg(c, k, v, BMD_Q_DIMLESS, &x);
    if (s != BMD_OK) return s;
    if (x != floor(x) || x > 1e6)
        return bmd__yaml_ctx_err(c->y, v, ctx_name(c), c->err, BMD_EPARSE,
                                 "key '%s': expected a whole number, found '%s'", k,
                                 bmd__yaml_scalar(v));
    *out = (int)x;
    return BMD_OK;
}

static int boolean(const ctx *c, const char *k, struct fy_node *v, int *out)
{
    const char *t = bmd__yaml_scalar(v);
    if (t && (!strcmp(t, "true") || !strcmp(t, "True") || !strcmp(t, "TRUE")))
        *out = 1;
    else if (t && (!strcmp(t, "false") || !strcmp(t, "False") || !strcmp(t, "FALSE")))
        *out = 0;
    else {
        char buf[64];
        return bmd__yaml_ctx_err(c->y, v, ctx_name(c), c->err, BMD_EPARSE,
                                 "key '%s': expected true or false, found %s", k,
                                 bmd__yaml_describe(v, buf, sizeof buf));
    }
    return BMD_OK;
}

/* ---- mappings ------------------------------------------------------------ */

typedef int (*key_fn)(ctx *c, const char *k, struct fy_node *v, bmd_interceptor *ic);

static int walk(ctx *c, struct fy_node *map, const char *const *keys, size_t n_keys, key_fn fn,
                bmd_interceptor *ic)
{
    int s = bmd__yaml_expect_map(c->y, map, ctx_name(c), c->err);
    if (s == BMD_OK) s = bmd__yaml_check_keys(c->y, map, keys, n_keys, ctx_name(c), c->err);
    for (size_t i = 0; s == BMD_OK && i < bmd__yaml_map_count(map); i++) {
        struct fy_node *v;
        const char *k = bmd__yaml_map_key(map, i, NULL, &v);
        s = fn(c, k, v, ic);
    }
    return s;
}

static const char *const STAGE_KEYS[] = {"gross_mass", "propellant_mass", "isp_vac", "isp_sl",
                                         "burn_time",  "diameter",        "coast"};
static const char *const STAGE_REQ[] = {"gross_mass", "propellant_mass", "isp_vac", "burn_time",
                                        "diameter"};

static int stage_key(ctx *c, const char *k, struct fy_node *v, bmd_interceptor *ic)
{
    bmd_stage *st = &ic->booster.stage[c->stage];
    if (!strcmp(k, "gross_mass")) return nonneg(c, k, v, BMD_Q_MASS, &st->gross_mass_kg);
    if (!strcmp(k, "propellant_mass")) return nonneg(c, k, v, BMD_Q_MASS, &st->prop_mass_kg);
    if (!strcmp(k, "isp_vac")) return nonneg(c, k, v, BMD_Q_TIME, &st->isp_vac_s);
    if (!strcmp(k, "isp_sl")) return nonneg(c, k, v, BMD_Q_TIME, &st->isp_sl_s);
    if (!strcmp(k, "burn_time")) return nonneg(c, k, v, BMD_Q_TIME, &st->burn_time_s);
    if (!strcmp(k, "diameter")) return nonneg(c, k, v, BMD_Q_LENGTH, &st->diameter_m);
    return nonneg(c, k, v, BMD_Q_TIME, &st->coast_s);
}

static int stages(ctx *c, struct fy_node *seq, bmd_interceptor *ic)
{
    int s = bmd__yaml_expect_seq(c->y, seq, ctx_name(c), c->err);
    size_t n = bmd__yaml_seq_count(seq);
    if (s == BMD_OK && (n < 1 || n > BMD_MAX_STAGES))
        return bmd__yaml_ctx_err(c->y, seq, ctx_name(c), c->err, BMD_EDOM,
                                 "key 'stages': %zu stages, expected 1 to %d", n, BMD_MAX_STAGES);
    for (size_t i = 0; s == BMD_OK && i < n; i++) {
        struct fy_node *item = bmd__yaml_seq_item(seq, i);
        c->stage = (int)i;
        s = walk(c, item, STAGE_KEYS, NKEYS(STAGE_KEYS), stage_key, ic);
        if (s == BMD_OK)
            s = bmd__yaml_require_keys(c->y, item, STAGE_REQ, NKEYS(STAGE_REQ), ctx_name(c),
                                       c->err);
    }
    if (s == BMD_OK) ic->booster.n_stages = (int)n;
    return s;
}

static int drag(ctx *c, struct fy_node *map, bmd_interceptor *ic)
{
    static const char *const keys[] = {"mach", "cd"};
    bmd_cd_table *t = &ic->booster.cd;
    size_t nm = 0, nc = 0;
    int s = bmd__yaml_expect_map(c->y, map, ctx_name(c), c->err);
    if (!s) s = bmd__yaml_check_keys(c->y, map, keys, 2, ctx_name(c), c->err);
    if (!s) s = bmd__yaml_require_keys(c->y, map, keys, 2, ctx_name(c), c->err);
    if (!s)
        s = bmd__yaml_quantity_list(c->y, map, "mach", BMD_Q_DIMLESS, BMD__YAML_REQUIRED, t->mach,
                                    BMD_MAX_CD_POINTS, &nm, ctx_name(c), c->err);
    if (!s)
        s = bmd__yaml_quantity_list(c->y, map, "cd", BMD_Q_DIMLESS, BMD__YAML_REQUIRED, t->cd,
                                    BMD_MAX_CD_POINTS, &nc, ctx_name(c), c->err);
    if (!s && (nm != nc || nm < 1))
        return bmd__yaml_ctx_err(c->y, map, ctx_name(c), c->err, BMD_EDOM,
                                 "drag: %zu Mach numbers but %zu Cd values", nm, nc);
    if (!s) t->n = (int)nm;
    return s;
}

static const char *const BOOSTER_KEYS[] = {"vertical_rise", "pitch_over", "stages", "payload_mass",
                                           "drag"};

static int booster_key(ctx *c, const char *k, struct fy_node *v, bmd_interceptor *ic)
{
    bmd_missile *m = &ic->booster;
    if (!strcmp(k, "vertical_rise")) return nonneg(c, k, v, BMD_Q_TIME, &m->vertical_rise_s);
    if (!strcmp(k, "pitch_over")) return nonneg(c, k, v, BMD_Q_TIME, &ic->pitch_over_s);
    if (!strcmp(k, "payload_mass")) return nonneg(c, k, v, BMD_Q_MASS, &m->payload_mass_kg);
    if (!strcmp(k, "stages")) return stages(c, v, ic);
    return drag(c, v, ic);
}

static const char *const KV_KEYS[] = {
    "separates",        "mass",           "beta", "divert", "max_accel", "nav_gain", "seeker_range",
    "midcourse_period", "terminal_period"};

static int kv_key(ctx *c, const char *k, struct fy_node *v, bmd_interceptor *ic)
{
    if (!strcmp(k, "separates")) return boolean(c, k, v, &ic->kv_separates);
    if (!strcmp(k, "mass")) return nonneg(c, k, v, BMD_Q_MASS, &ic->kv_mass_kg);
    if (!strcmp(k, "beta")) return nonneg(c, k, v, BMD_Q_BETA, &ic->kv_beta_kgpm2);
    if (!strcmp(k, "divert")) return nonneg(c, k, v, BMD_Q_SPEED, &ic->kv_divert_mps);
    if (!strcmp(k, "max_accel")) return nonneg(c, k, v, BMD_Q_ACCEL, &ic->kv_accel_max_mps2);
    if (!strcmp(k, "nav_gain")) return nonneg(c, k, v, BMD_Q_DIMLESS, &ic->nav_gain);
    if (!strcmp(k, "seeker_range")) return nonneg(c, k, v, BMD_Q_LENGTH, &ic->seeker_range_m);
    if (!strcmp(k, "midcourse_period")) return nonneg(c, k, v, BMD_Q_TIME, &ic->midcourse_dt_s);
    return nonneg(c, k, v, BMD_Q_TIME, &ic->terminal_dt_s);
}

static const char *const LETHALITY_KEYS[] = {"lethal_radius", "pk", "model"};

/* One of a fixed list of words; *out its index. */
static int word(ctx *c, const char *k, struct fy_node *v, const char *const *words, int n, int *out)
{
    char buf[32];
    int s = bmd__yaml_node_str(c->y, v, k, buf, sizeof buf, ctx_name(c), c->err);
    if (s != BMD_OK) return s;
    for (int i = 0; i < n; i++)
        if (!strcmp(buf, words[i])) {
            *out = i;
            return BMD_OK;
        }
    return bmd__yaml_ctx_err(c->y, v, ctx_name(c), c->err, BMD_EPARSE,
                             "key '%s': expected %s or %s, found '%s'", k, words[0], words[1], buf);
}

static int lethality_key(ctx *c, const char *k, struct fy_node *v, bmd_interceptor *ic)
{
    static const char *const models[] = {"fixed-pk", "gaussian"};
    if (!strcmp(k, "lethal_radius")) return nonneg(c, k, v, BMD_Q_LENGTH, &ic->lethal_radius_m);
    if (!strcmp(k, "model")) return word(c, k, v, models, 2, &ic->kill_model);
    return nonneg(c, k, v, BMD_Q_DIMLESS, &ic->pk);
}

static const char *const HOMING_KEYS[] = {"mode",        "lag_order",   "time_constant",
                                          "noise_fixed", "noise_glint", "noise_receiver"};

static int homing_key(ctx *c, const char *k, struct fy_node *v, bmd_interceptor *ic)
{
    static const char *const modes[] = {"ideal", "realistic"};
    if (!strcmp(k, "mode")) return word(c, k, v, modes, 2, &ic->homing);
    if (!strcmp(k, "lag_order")) return count(c, k, v, &ic->lag_order);
    if (!strcmp(k, "time_constant")) return nonneg(c, k, v, BMD_Q_TIME, &ic->lag_tau_s);
    if (!strcmp(k, "noise_fixed")) return nonneg(c, k, v, BMD_Q_ANGLE, &ic->noise_fixed_rad);
    if (!strcmp(k, "noise_glint")) return nonneg(c, k, v, BMD_Q_LENGTH, &ic->noise_glint_m);
    return nonneg(c, k, v, BMD_Q_ANGLE, &ic->noise_rn_rad);
}

static const char *const ENVELOPE_KEYS[] = {"min_alt", "max_alt", "max_range", "max_flight_time"};

static int envelope_key(ctx *c, const char *k, struct fy_node *v, bmd_interceptor *ic)
{
    if (!strcmp(k, "min_alt")) return nonneg(c, k, v, BMD_Q_LENGTH, &ic->min_alt_m);
    if (!strcmp(k, "max_alt")) return nonneg(c, k, v, BMD_Q_LENGTH, &ic->max_alt_m);
    if (!strcmp(k, "max_range")) return nonneg(c, k, v, BMD_Q_LENGTH, &ic->max_range_m);
    return nonneg(c, k, v, BMD_Q_TIME, &ic->max_flight_time_s);
}

static const char *const BATTERY_KEYS[] = {"launchers", "missiles_per_launcher"};

static int battery_key(ctx *c, const char *k, struct fy_node *v, bmd_interceptor *ic)
{
    if (!strcmp(k, "launchers")) return count(c, k, v, &ic->launchers);
    return count(c, k, v, &ic->missiles_per_launcher);
}

static int sources(ctx *c, struct fy_node *map, bmd_interceptor *ic)
{
    return bmd__yaml_sources(
        c->y, map, (char *)ic->source + offsetof(bmd_ic_source, group), sizeof ic->source[0].group,
        (char *)ic->source + offsetof(bmd_ic_source, text), sizeof ic->source[0].text,
        sizeof ic->source[0], BMD_IC_MAX_SOURCES, &ic->n_sources, ctx_name(c), c->err);
}

static const char *const ENTRY_KEYS[] = {
    "name",      "label",    "country",       "tier",    "booster", "kill_vehicle", "homing",
    "lethality", "envelope", "burnout_speed", "battery", "sources", "notes"};
static const char *const ENTRY_REQ[] = {"name",      "booster",  "kill_vehicle",
                                        "lethality", "envelope", "sources"};

static int entry_key(ctx *c, const char *k, struct fy_node *v, bmd_interceptor *ic)
{
    if (!strcmp(k, "name")) return BMD_OK; /* read first */
    if (!strcmp(k, "label")) return text(c, k, v, ic->label, sizeof ic->label);
    if (!strcmp(k, "country")) return text(c, k, v, ic->country, sizeof ic->country);
    if (!strcmp(k, "tier")) return text(c, k, v, ic->tier, sizeof ic->tier);
    if (!strcmp(k, "notes")) { /* kept as the source group "notes" */
        if (ic->n_sources >= BMD_IC_MAX_SOURCES)
            return bmd__yaml_ctx_err(c->y, v, ctx_name(c), c->err, BMD_EPARSE,
                                     "notes: more than %d source groups", BMD_IC_MAX_SOURCES);
        bmd_ic_source *src = &ic->source[ic->n_sources];
        snprintf(src->group, sizeof src->group, "notes");
        int s = text(c, k, v, src->text, sizeof src->text);
        if (s == BMD_OK) ic->n_sources++;
        return s;
    }
    if (!strcmp(k, "burnout_speed")) return nonneg(c, k, v, BMD_Q_SPEED, &ic->burnout_speed_mps);
    if (!strcmp(k, "booster"))
        return walk(c, v, BOOSTER_KEYS, NKEYS(BOOSTER_KEYS), booster_key, ic);
    if (!strcmp(k, "kill_vehicle")) return walk(c, v, KV_KEYS, NKEYS(KV_KEYS), kv_key, ic);
    if (!strcmp(k, "homing")) return walk(c, v, HOMING_KEYS, NKEYS(HOMING_KEYS), homing_key, ic);
    if (!strcmp(k, "lethality"))
        return walk(c, v, LETHALITY_KEYS, NKEYS(LETHALITY_KEYS), lethality_key, ic);
    if (!strcmp(k, "envelope"))
        return walk(c, v, ENVELOPE_KEYS, NKEYS(ENVELOPE_KEYS), envelope_key, ic);
    if (!strcmp(k, "battery"))
        return walk(c, v, BATTERY_KEYS, NKEYS(BATTERY_KEYS), battery_key, ic);
    return sources(c, v, ic);
}

/* Defaults of the optional values (docs/models/interceptor.md, "Catalog"). */
static void defaults(bmd_interceptor *ic)
{
    memset(ic, 0, sizeof *ic);
    ic->booster.vertical_rise_s = 1.0;
    ic->pitch_over_s = 2.0;
    ic->kv_separates = 1;
    ic->nav_gain = 4.0;
    ic->midcourse_dt_s = 1.0;
    ic->terminal_dt_s = 0.01;
}

/* Map a bmd_interceptor_check field name to the YAML key written in the file. */
static const char *yaml_key_of(const char *field)
{
    static const char *const map[][2] = {{"kv_mass_kg", "mass"},
                                         {"kv_beta_kgpm2", "beta"},
                                         {"kv_divert_mps", "divert"},
                                         {"kv_accel_max_mps2", "max_accel"},
                                         {"seeker_range_m", "seeker_range"},
                                         {"midcourse_dt_s", "midcourse_period"},
                                         {"terminal_dt_s", "terminal_period"},
                                         {"lethal_radius_m", "lethal_radius"},
                                         {"max_alt_m", "max_alt"},
                                         {"max_range_m", "max_range"},
                                         {"pitch_over_s", "pitch_over"},
                                         {"nav_gain", "nav_gain"},
                                         {"pk", "pk"},
                                         {"min_alt_m", "min_alt"},
                                         {"burnout_speed_mps", "burnout_speed"},
                                         {"launchers", "launchers"},
                                         {"max_flight_time_s", "max_flight_time"}};
    for (size_t i = 0; i < NKEYS(map); i++)
        if (!strcmp(field, map[i][0])) return map[i][1];
    return NULL;
}

/* The value node of `key` anywhere in the entry (not under sources). */
static struct fy_node *find_key(struct fy_node *map, const char *key)
{
    for (size_t i = 0; i < bmd__yaml_map_count(map); i++) {
        struct fy_node *v;
        const char *k = bmd__yaml_map_key(map, i, NULL, &v);
        if (k == NULL) continue;
        if (!strcmp(k, key)) return v;
        if (bmd__yaml_is_map(v) && strcmp(k, "sources") != 0) {
            struct fy_node *in = find_key(v, key);
            if (in) return in;
        }
    }
    return NULL;
}

/* bmd_interceptor_check, its message placed at the offending key. */
static int check(ctx *c, struct fy_node *item, bmd_interceptor *ic)
{
    bmd_errbuf why;
    int s = bmd_interceptor_check(ic, &why);
    if (s == BMD_OK) return BMD_OK;
    char field[40];
    size_t n = strcspn(why.msg, " :");
    if (n >= sizeof field) n = sizeof field - 1;
    memcpy(field, why.msg, n);
    field[n] = '\0';
    const char *key = yaml_key_of(field);
    struct fy_node *at = key ? find_key(item, key) : NULL;
    if (at == NULL && strstr(why.msg, "burnout_speed") != NULL)
        at = find_key(item, "burnout_speed");
    if (at == NULL && strncmp(why.msg, "stage", 5) == 0) at = find_key(item, "stages");
    return bmd__yaml_ctx_err(c->y, at ? at : item, c->what, c->err, s, "%s", why.msg);
}

static int load_entry(ctx *c, struct fy_node *item, bmd_interceptor *ic)
{
    defaults(ic);
    snprintf(c->what, sizeof c->what, "interceptor");
    int s = bmd__yaml_expect_map(c->y, item, "interceptor", c->err);
    if (s == BMD_OK)
        s = bmd__yaml_name(c->y, item, "interceptor", ic->name, sizeof ic->name, c->what,
                           sizeof c->what, c->err);
    if (s == BMD_OK) s = walk(c, item, ENTRY_KEYS, NKEYS(ENTRY_KEYS), entry_key, ic);
    if (s == BMD_OK)
        s = bmd__yaml_require_keys(c->y, item, ENTRY_REQ, NKEYS(ENTRY_REQ), c->what, c->err);
    if (s == BMD_OK) {
        struct fy_node *b = bmd__yaml_get(item, "booster");
        static const char *const breq[] = {"stages", "payload_mass"};
        s = bmd__yaml_require_keys(c->y, b, breq, 2, c->what, c->err);
    }
    if (s == BMD_OK) {
        static const char *const ereq[] = {"min_alt", "max_alt", "max_range"};
        s = bmd__yaml_require_keys(c->y, bmd__yaml_get(item, "envelope"), ereq, 3, c->what, c->err);
    }
    if (s == BMD_OK) {
        static const char *const kreq[] = {"beta", "divert", "max_accel"};
        s = bmd__yaml_require_keys(c->y, bmd__yaml_get(item, "kill_vehicle"), kreq, 3, c->what,
                                   c->err);
    }
    if (s == BMD_OK) {
        static const char *const lreq[] = {"lethal_radius", "pk"};
        s = bmd__yaml_require_keys(c->y, bmd__yaml_get(item, "lethality"), lreq, 2, c->what,
                                   c->err);
    }
    return s == BMD_OK ? check(c, item, ic) : s;
}

static int load_doc(ctx *c, bmd_interceptor_list *list)
{
    struct fy_node *seq;
    int s = bmd__yaml_top_list(c->y, "interceptors", &seq, c->err);
    if (s != BMD_OK) return s;
    size_t n = bmd__yaml_seq_count(seq);
    if (n == 0) return BMD_OK;
    list->items = calloc(n, sizeof *list->items);
    if (list->items == NULL)
        return bmd_err_set(c->err, BMD_ENOMEM, "interceptor catalog: no memory");
    for (size_t i = 0; i < n; i++) {
        struct fy_node *item = bmd__yaml_seq_item(seq, i);
        bmd_interceptor *ic = &list->items[list->n];
        if ((s = load_entry(c, item, ic)) != BMD_OK) return s;
        for (size_t j = 0; j < list->n; j++)
            if (!strcmp(list->items[j].name, ic->name))
                return bmd__yaml_ctx_err(c->y, bmd__yaml_get(item, "name"), "interceptors", c->err,
                                         BMD_EPARSE, "name '%s' appears twice", ic->name);
        list->n++;
    }
    return BMD_OK;
}

static int load(bmd__yaml *y, bmd_interceptor_list *list, bmd_errbuf *err)
{
    ctx c;
    memset(&c, 0, sizeof c);
    c.y = y;
    c.err = err;
    int s = load_doc(&c, list);
    bmd__yaml_free(y);
    if (s != BMD_OK) bmd_interceptor_list_free(list);
    return s;
}

int bmd_interceptor_list_load(const char *path, bmd_interceptor_list *list, bmd_errbuf *err)
{
    if (path == NULL || list == NULL)
        return bmd_err_set(err, BMD_EINVAL, "interceptor catalog: NULL argument");
    list->n = 0;
    list->items = NULL;
    char *text = NULL;
    size_t len = 0;
    int s = bmd_input_read(path, 0, &text, &len, err);
    if (s != BMD_OK) return s;
#ifdef BMD_CATALOG_SNAPSHOT
    /* The shipped file, byte for byte: the build's parse of it (snapshot.h). */
    void *items = NULL;
    size_t n = 0;
    if (bmd__catalog_snapshot_take(&bmd__catalog_snapshot_interceptors, path, text, len, &items, &n,
                                   &s, err)) {
        list->items = items;
        list->n = n;
        return s;
    }
#endif
    bmd__yaml y = {0};
    s = bmd__yaml_load_owned(&y, path, text, len, err);
    return s != BMD_OK ? s : load(&y, list, err);
}

int bmd_interceptor_list_load_string(const char *text_in, size_t len, const char *display_name,
                                     bmd_interceptor_list *list, bmd_errbuf *err)
{
    if (text_in == NULL || list == NULL)
        return bmd_err_set(err, BMD_EINVAL, "interceptor catalog: NULL argument");
    list->n = 0;
    list->items = NULL;
    bmd__yaml y = {0};
    int s = bmd__yaml_load_string(&y, text_in, len, display_name, err);
    return s != BMD_OK ? s : load(&y, list, err);
}

void bmd_interceptor_list_free(bmd_interceptor_list *list)
{
    if (list == NULL) return;
    free(list->items);
    list->items = NULL;
    list->n = 0;
}

int bmd_interceptor_find(const bmd_interceptor_list *list, const char *name,
                         const bmd_interceptor **ic, bmd_errbuf *err)
{
    if (name == NULL || ic == NULL)
        return bmd_err_set(err, BMD_EINVAL, "bmd_interceptor_find: NULL argument");
    size_t n = list ? list->n : 0;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list->items[i].name, name)) {
            *ic = &list->items[i];
            return BMD_OK;
        }
    const char *names[64];
    size_t m = n < 64 ? n : 64;
    for (size_t i = 0; i < m; i++)
        names[i] = list->items[i].name;
    const char *best = bmd_suggest(name, names, m);
    if (best)
        return bmd_err_set(err, BMD_ENOTFOUND, "unknown interceptor '%s' (did you mean '%s'?)",
                           name, best);
    return bmd_err_set(err, BMD_ENOTFOUND, "unknown interceptor '%s'", name);
}

const char *bmd_interceptor_source(const bmd_interceptor *ic, const char *group)
{
    if (ic == NULL || group == NULL) return NULL;
    for (int i = 0; i < ic->n_sources; i++)
        if (!strcmp(ic->source[i].group, group)) return ic->source[i].text;
    return NULL;
}
