/*
 * radar_catalog.c: load data/catalog/radars.yaml into bmd_radar_entry
 * structs. Errors carry FILE:LINE:COL, the key, what was expected and what
 * was found; unknown keys suggest the nearest known one.
 *
 * Built on the shared YAML helpers (io/yaml.h: positions, key checks,
 * values with units through bmd_units_parse) and bmd_suggest.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/catalog.h"
#include "bmd/radar_catalog.h"
#include "catalog/snapshot.h"
#include "input/yaml.h"

/* ---- values ------------------------------------------------------------ */

typedef struct ctx {
    const bmd__yaml *y;
    bmd_errbuf *err;
    char what[80]; /* "radar 'an-tpy2'" once the name is known */
} ctx;

static const char *ctx_name(const ctx *c)
{
    return c->what[0] ? c->what : "radar";
}

/* "key 'K'" for messages. */
static const char *key_what(char *buf, size_t n, const char *k)
{
    snprintf(buf, n, "key '%s'", k);
    return buf;
}

/* Parse "NUMBER[UNIT]" as quantity q into SI (bmd_units_parse). */
static int parse_qty(const ctx *c, const char *k, struct fy_node *v, bmd_quantity q, double *out)
{
    char w[64];
    return bmd__yaml_node_quantity(c->y, v, key_what(w, sizeof w, k), q, out, ctx_name(c), c->err);
}

/* parse_qty plus a sign check (negative values are impossible here). */
static int parse_nonneg(const ctx *c, const char *k, struct fy_node *v, bmd_quantity q, double *out)
{
    int s = parse_qty(c, k, v, q, out);
    if (s == BMD_OK && *out < 0.0)
        return bmd__yaml_ctx_err(c->y, v, ctx_name(c), c->err, BMD_EDOM,
                                 "key '%s': must not be negative, found '%s'", k,
                                 bmd__yaml_scalar(v));
    return s;
}

static int copy_text(const ctx *c, const char *k, struct fy_node *v, char *dst, size_t cap)
{
    char w[64];
    return bmd__yaml_node_str(c->y, v, key_what(w, sizeof w, k), dst, cap, ctx_name(c), c->err);
}

/* ---- mappings ----------------------------------------------------------- */

/* Handler for one key of a mapping; returns a status. */
typedef int (*key_fn)(const ctx *c, const char *k, struct fy_node *v, bmd_radar_entry *e);

/* Walk a mapping: every key must be one of `keys` (else an error that
 * names the nearest known key), then fn for each. */
static int walk(const ctx *c, struct fy_node *map, const char *const *keys, size_t n_keys,
                key_fn fn, bmd_radar_entry *e)
{
    int s = bmd__yaml_expect_map(c->y, map, ctx_name(c), c->err);
    if (s == BMD_OK) s = bmd__yaml_check_keys(c->y, map, keys, n_keys, ctx_name(c), c->err);
    for (size_t i = 0; s == BMD_OK && i < bmd__yaml_map_count(map); i++) {
        struct fy_node *v;
        const char *k = bmd__yaml_map_key(map, i, NULL, &v);
        s = fn(c, k, v, e);
    }
    return s;
}

#define NKEYS(a) (sizeof(a) / sizeof((a)[0]))

static const char *const HW_KEYS[] = {"frequency",       "power_avg",
                                      "power_peak",      "pulse",
                                      "pulses",          "aperture",
                                      "efficiency",      "gain",
                                      "noise_temp",      "loss",
                                      "bandwidth",       "beamwidth",
                                      "monopulse_slope", "scan_loss_exponent",
                                      "tr_modules"};

static int hw_key(const ctx *c, const char *k, struct fy_node *v, bmd_radar_entry *e)
{
    bmd_radar_hw *h = &e->radar.hw;
    double x = 0.0;
    int s;
    if (strcmp(k, "frequency") == 0) return parse_nonneg(c, k, v, BMD_Q_FREQUENCY, &h->freq_hz);
    if (strcmp(k, "power_avg") == 0) return parse_nonneg(c, k, v, BMD_Q_POWER, &h->p_avg_w);
    if (strcmp(k, "power_peak") == 0) return parse_nonneg(c, k, v, BMD_Q_POWER, &h->p_peak_w);
    if (strcmp(k, "pulse") == 0) return parse_nonneg(c, k, v, BMD_Q_TIME, &h->pulse_s);
    if (strcmp(k, "aperture") == 0) return parse_nonneg(c, k, v, BMD_Q_AREA, &h->area_m2);
    if (strcmp(k, "efficiency") == 0) return parse_nonneg(c, k, v, BMD_Q_DIMLESS, &h->efficiency);
    if (strcmp(k, "gain") == 0) return parse_nonneg(c, k, v, BMD_Q_RATIO, &h->gain);
    if (strcmp(k, "noise_temp") == 0) return parse_nonneg(c, k, v, BMD_Q_TEMPERATURE, &h->t_sys_k);
    if (strcmp(k, "loss") == 0) return parse_nonneg(c, k, v, BMD_Q_RATIO, &h->loss);
    if (strcmp(k, "bandwidth") == 0)
        return parse_nonneg(c, k, v, BMD_Q_FREQUENCY, &h->bandwidth_hz);
    if (strcmp(k, "beamwidth") == 0) return parse_nonneg(c, k, v, BMD_Q_ANGLE, &h->beamwidth_rad);
    if (strcmp(k, "monopulse_slope") == 0)
        return parse_nonneg(c, k, v, BMD_Q_DIMLESS, &h->monopulse_km);
    if (strcmp(k, "scan_loss_exponent") == 0)
        return parse_nonneg(c, k, v, BMD_Q_DIMLESS, &h->scan_loss_n);
    /* pulses, tr_modules: whole numbers. */
    s = parse_nonneg(c, k, v, BMD_Q_DIMLESS, &x);
    if (s != BMD_OK) return s;
    if (x != floor(x) || x > 1e9)
        return bmd__yaml_ctx_err(c->y, v, ctx_name(c), c->err, BMD_EPARSE,
                                 "key '%s': expected a whole number, found '%s'", k,
                                 bmd__yaml_scalar(v));
    if (strcmp(k, "pulses") == 0)
        h->n_pulses = (int)x;
    else
        e->tr_modules = (int)x;
    return BMD_OK;
}

static const char *const FACE_KEYS[] = {"boresight", "tilt",   "half_width",
                                        "el_min",    "el_max", "refraction_k"};

static int face_key(const ctx *c, const char *k, struct fy_node *v, bmd_radar_entry *e)
{
    bmd_radar_face *f = &e->radar.face;
    if (strcmp(k, "boresight") == 0) return parse_qty(c, k, v, BMD_Q_ANGLE, &f->boresight_az_rad);
    if (strcmp(k, "tilt") == 0) return parse_qty(c, k, v, BMD_Q_ANGLE, &f->boresight_el_rad);
    if (strcmp(k, "half_width") == 0) return parse_qty(c, k, v, BMD_Q_ANGLE, &f->half_az_rad);
    if (strcmp(k, "el_min") == 0) return parse_qty(c, k, v, BMD_Q_ANGLE, &f->el_min_rad);
    if (strcmp(k, "el_max") == 0) return parse_qty(c, k, v, BMD_Q_ANGLE, &f->el_max_rad);
    return parse_nonneg(c, k, v, BMD_Q_DIMLESS, &f->k_refr);
}

static const char *const TRACK_KEYS[] = {"dwell", "snr_required", "pfa", "swerling"};

static int track_key(const ctx *c, const char *k, struct fy_node *v, bmd_radar_entry *e)
{
    bmd_radar_mode *m = &e->radar.mode;
    if (strcmp(k, "dwell") == 0) return parse_nonneg(c, k, v, BMD_Q_TIME, &m->t_dwell_s);
    if (strcmp(k, "snr_required") == 0) return parse_nonneg(c, k, v, BMD_Q_RATIO, &m->snr_req);
    if (strcmp(k, "pfa") == 0) return parse_nonneg(c, k, v, BMD_Q_DIMLESS, &m->pfa);
    double x;
    int s = parse_nonneg(c, k, v, BMD_Q_DIMLESS, &x);
    if (s == BMD_OK && x != 0.0 && x != 1.0)
        return bmd__yaml_ctx_err(c->y, v, ctx_name(c), c->err, BMD_EINVAL,
                                 "key 'swerling': expected 0 or 1, found '%s'",
                                 bmd__yaml_scalar(v));
    m->swerling = (int)x;
    return s;
}

static const char *const SEARCH_KEYS[] = {"frame_time", "solid_angle"};

static int search_key(const ctx *c, const char *k, struct fy_node *v, bmd_radar_entry *e)
{
    bmd_radar_mode *m = &e->radar.mode;
    if (strcmp(k, "frame_time") == 0) return parse_nonneg(c, k, v, BMD_Q_TIME, &m->t_frame_s);
    return parse_nonneg(c, k, v, BMD_Q_SOLID_ANGLE, &m->omega_sr);
}

static const char *const CLAIM_KEYS[] = {"range", "rcs", "by"};

static int claim_key(const ctx *c, const char *k, struct fy_node *v, bmd_radar_entry *e)
{
    if (strcmp(k, "range") == 0) return parse_nonneg(c, k, v, BMD_Q_LENGTH, &e->claim_range_m);
    if (strcmp(k, "rcs") == 0) return parse_nonneg(c, k, v, BMD_Q_RCS, &e->claim_rcs_m2);
    return copy_text(c, k, v, e->claim_by, sizeof e->claim_by);
}

/* Sources: any group name, each a text. */
static int sources(const ctx *c, struct fy_node *map, bmd_radar_entry *e)
{
    return bmd__yaml_sources(
        c->y, map, (char *)e->source + offsetof(bmd_radar_source, group), sizeof e->source[0].group,
        (char *)e->source + offsetof(bmd_radar_source, text), sizeof e->source[0].text,
        sizeof e->source[0], BMD_RADAR_MAX_SOURCES, &e->n_sources, ctx_name(c), c->err);
}

static const char *const ENTRY_KEYS[] = {"name",  "label",   "mode",   "hardware",
                                         "face",  "track",   "search", "instrumented_range",
                                         "claim", "sources", "notes"};

static int entry_key(const ctx *c, const char *k, struct fy_node *v, bmd_radar_entry *e)
{
    bmd_radar *r = &e->radar;
    if (strcmp(k, "name") == 0) return BMD_OK; /* read first, by load_entry */
    if (strcmp(k, "label") == 0) return copy_text(c, k, v, r->label, sizeof r->label);
    if (strcmp(k, "mode") == 0) return copy_text(c, k, v, r->mode.name, sizeof r->mode.name);
    if (strcmp(k, "notes") == 0) return copy_text(c, k, v, e->notes, sizeof e->notes);
    if (strcmp(k, "instrumented_range") == 0)
        return parse_nonneg(c, k, v, BMD_Q_LENGTH, &r->mode.instr_range_m);
    if (strcmp(k, "hardware") == 0) return walk(c, v, HW_KEYS, NKEYS(HW_KEYS), hw_key, e);
    if (strcmp(k, "face") == 0) return walk(c, v, FACE_KEYS, NKEYS(FACE_KEYS), face_key, e);
    if (strcmp(k, "track") == 0) return walk(c, v, TRACK_KEYS, NKEYS(TRACK_KEYS), track_key, e);
    if (strcmp(k, "search") == 0) return walk(c, v, SEARCH_KEYS, NKEYS(SEARCH_KEYS), search_key, e);
    if (strcmp(k, "claim") == 0) return walk(c, v, CLAIM_KEYS, NKEYS(CLAIM_KEYS), claim_key, e);
    return sources(c, v, e);
}

/* The value node of `key` in the entry or one of its sections (to place a
 * validation message at the offending value); NULL if absent. */
static struct fy_node *find_key(struct fy_node *map, const char *key)
{
    for (size_t i = 0; i < bmd__yaml_map_count(map); i++) {
        struct fy_node *v;
        const char *k = bmd__yaml_map_key(map, i, NULL, &v);
        if (k == NULL) continue;
        if (strcmp(k, key) == 0) return v;
        if (bmd__yaml_is_map(v) && strcmp(k, "sources") != 0) {
            struct fy_node *in = find_key(v, key);
            if (in) return in;
        }
    }
    return NULL;
}

/* One entry: defaults, keys, then the model's own validation, reported at
 * the offending value (or at the entry when the key is missing). */
static int load_entry(ctx *c, struct fy_node *item, bmd_radar_entry *e)
{
    static const char *const required[] = {"name", "hardware", "track"};
    memset(e, 0, sizeof *e);
    bmd_radar_defaults(&e->radar);
    c->what[0] = '\0';
    int s = bmd__yaml_expect_map(c->y, item, "radar", c->err);
    if (s == BMD_OK)
        s = bmd__yaml_str(c->y, item, "name", BMD__YAML_REQUIRED, e->radar.name,
                          sizeof e->radar.name, "radar", c->err);
    if (s != BMD_OK) return s;
    snprintf(c->what, sizeof c->what, "radar '%s'", e->radar.name);
    s = walk(c, item, ENTRY_KEYS, NKEYS(ENTRY_KEYS), entry_key, e);
    if (s == BMD_OK)
        s = bmd__yaml_require_keys(c->y, item, required, NKEYS(required), c->what, c->err);
    if (s != BMD_OK) return s;
    bmd_errbuf why;
    s = bmd_radar_validate(&e->radar, &why);
    if (s != BMD_OK) {
        char key[40];
        size_t n = strcspn(why.msg, " =,:");
        if (n >= sizeof key) n = sizeof key - 1;
        memcpy(key, why.msg, n);
        key[n] = '\0';
        struct fy_node *at = find_key(item, key);
        return bmd__yaml_ctx_err(c->y, at ? at : item, c->what, c->err, s, "%s", why.msg);
    }
    if (e->claim_range_m > 0.0 && e->claim_by[0] == '\0')
        return bmd__yaml_ctx_err(c->y, bmd__yaml_get(item, "claim"), c->what, c->err, BMD_EPARSE,
                                 "claim: missing key 'by' (the source)");
    return BMD_OK;
}

static int load_doc(ctx *c, bmd_radar_catalog *cat)
{
    static const char *const top[] = {"radars"};
    struct fy_node *root = bmd__yaml_root(c->y);
    int s = bmd__yaml_expect_map(c->y, root, "radar catalog", c->err);
    if (s == BMD_OK) s = bmd__yaml_check_keys(c->y, root, top, 1, "radar catalog", c->err);
    if (s == BMD_OK) s = bmd__yaml_require_keys(c->y, root, top, 1, "radar catalog", c->err);
    struct fy_node *list = bmd__yaml_get(root, "radars");
    if (s == BMD_OK) s = bmd__yaml_expect_seq(c->y, list, "radars", c->err);
    if (s != BMD_OK) return s;
    size_t n = bmd__yaml_seq_count(list);
    if (n == 0)
        return bmd__yaml_ctx_err(c->y, bmd__yaml_get_key(root, "radars"), "radars", c->err,
                                 BMD_EPARSE, "the list is empty");
    cat->entry = calloc(n, sizeof *cat->entry);
    if (cat->entry == NULL) return bmd_err_set(c->err, BMD_ENOMEM, "radar catalog: no memory");
    for (size_t i = 0; i < n; i++) {
        struct fy_node *item = bmd__yaml_seq_item(list, i);
        bmd_radar_entry *e = &cat->entry[cat->n];
        s = load_entry(c, item, e);
        if (s != BMD_OK) return s;
        for (int j = 0; j < cat->n; j++)
            if (strcmp(cat->entry[j].radar.name, e->radar.name) == 0)
                return bmd__yaml_ctx_err(c->y, bmd__yaml_get(item, "name"), "radars", c->err,
                                         BMD_EPARSE, "name '%s' appears twice", e->radar.name);
        cat->n++;
    }
    return BMD_OK;
}

int bmd_radar_catalog_load(const char *path, bmd_radar_catalog *cat, bmd_errbuf *err)
{
    if (path == NULL || cat == NULL) return bmd_err_set(err, BMD_EINVAL, "radar catalog: NULL");
    cat->n = 0;
    cat->entry = NULL;
    char *text = NULL;
    size_t len = 0;
    int s = bmd_input_read(path, 0, &text, &len, err);
    if (s != BMD_OK) return s;
#ifdef BMD_CATALOG_SNAPSHOT
    /* The shipped file, byte for byte: the build's parse of it (snapshot.h). */
    void *items = NULL;
    size_t n = 0;
    if (bmd__catalog_snapshot_take(&bmd__catalog_snapshot_radars, path, text, len, &items, &n, &s,
                                   err)) {
        cat->entry = items;
        cat->n = (int)n;
        return s;
    }
#endif
    bmd__yaml y = {0};
    s = bmd__yaml_load_owned(&y, path, text, len, err);
    if (s != BMD_OK) return s;
    ctx c = {&y, err, ""};
    s = load_doc(&c, cat);
    bmd__yaml_free(&y);
    if (s != BMD_OK) bmd_radar_catalog_free(cat);
    return s;
}

int bmd_radar_catalog_load_string(const char *text, size_t len, const char *display_name,
                                  bmd_radar_catalog *cat, bmd_errbuf *err)
{
    if (text == NULL || cat == NULL) return bmd_err_set(err, BMD_EINVAL, "radar catalog: NULL");
    cat->n = 0;
    cat->entry = NULL;
    bmd__yaml y = {0};
    int s = bmd__yaml_load_string(&y, text, len, display_name, err);
    if (s != BMD_OK) return s;
    ctx c = {&y, err, ""};
    s = load_doc(&c, cat);
    bmd__yaml_free(&y);
    if (s != BMD_OK) bmd_radar_catalog_free(cat);
    return s;
}

void bmd_radar_catalog_free(bmd_radar_catalog *cat)
{
    if (cat == NULL) return;
    free(cat->entry);
    cat->entry = NULL;
    cat->n = 0;
}

int bmd_radar_catalog_find(const bmd_radar_catalog *cat, const char *name,
                           const bmd_radar_entry **out, bmd_errbuf *err)
{
    if (cat == NULL || name == NULL || out == NULL)
        return bmd_err_set(err, BMD_EINVAL, "radar catalog: NULL argument");
    for (int i = 0; i < cat->n; i++) {
        if (strcmp(cat->entry[i].radar.name, name) == 0) {
            *out = &cat->entry[i];
            return BMD_OK;
        }
    }
    const char *best = NULL;
    const char **names = cat->n > 0 ? malloc((size_t)cat->n * sizeof *names) : NULL;
    if (names != NULL) {
        for (int i = 0; i < cat->n; i++)
            names[i] = cat->entry[i].radar.name;
        best = bmd_suggest(name, names, (size_t)cat->n);
    }
    char msg[sizeof err->msg];
    if (best)
        snprintf(msg, sizeof msg, "unknown radar '%s'; did you mean '%s'?", name, best);
    else
        snprintf(msg, sizeof msg, "unknown radar '%s' (known: %s%s)", name,
                 cat->n > 0 ? cat->entry[0].radar.name : "none", cat->n > 1 ? ", ..." : "");
    free(names);
    return bmd_err_set(err, BMD_ENOTFOUND, "%s", msg);
}
