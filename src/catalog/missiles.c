/*
 * missiles.c: the missile catalog (data/catalog/missiles.yaml) into
 * bmd_missile structs, with sanity checks that catch typing errors
 * (propellant heavier than the stage, a Mach table out of order, ...).
 * Schema and checks: docs/formats.md, "Missile catalog".
 */
#include "bmd/catalog.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/snapshot.h"
#include "input/yaml.h"

/* Vertical rise when the entry gives none, s (docs/formats.md). */
#define DEFAULT_VERTICAL_RISE_S 8.0
/* Tolerance of the whole-body re-entry mass check (stage dry mass +
 * payload), relative: rounding of catalog values, not physics. */
#define WHOLE_BODY_MASS_RTOL 0.01

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char *const missile_keys[] = {
    "name",          "label",  "country",      "class",      "published_range",
    "vertical_rise", "stages", "payload_mass", "reentry",    "drag",
    "sources",       "notes",  "tests",        "calibration"};
static const char *const missile_required[] = {"name",         "label",           "country",
                                               "class",        "published_range", "stages",
                                               "payload_mass", "reentry",         "sources"};
static const char *const stage_keys[] = {"gross_mass", "propellant_mass", "isp_vac", "isp_sl",
                                         "burn_time",  "diameter",        "coast"};
static const char *const stage_required[] = {"gross_mass", "propellant_mass", "isp_vac",
                                             "burn_time", "diameter"};
static const char *const reentry_keys[] = {"separates", "mass", "beta", "diameter"};
static const char *const drag_keys[] = {"mach", "cd"};
static const char *const source_groups[] = {"stages", "payload", "reentry",
                                            "drag",   "range",   "steering"};
static const char *const source_required[] = {"stages", "payload", "reentry", "range"};
static const char *const classes[] = {"SRBM", "MRBM", "IRBM", "ICBM"};
static const char *const test_keys[] = {"date",   "launch",      "impact",    "range",
                                        "apogee", "flight_time", "full_burn", "source"};
static const char *const test_required[] = {"date", "range", "apogee", "source"};
/* calibration: free is read; the rest records the last fit (written by
 * scripts/recalibrate from `bmdsim calibrate`, shown in docs/catalog.md). */
static const char *const calib_keys[] = {"free", "fitted", "fitted_to", "residuals", "model"};
static const char *const free_stage_params[] = {"dry_mass", "propellant_mass", "burn_time", "isp"};

/* ---- checks --------------------------------------------------------------- */

/* value under key must be > 0 (strict) or >= 0. */
static int check_sign(const bmd__yaml *y, struct fy_node *map, const char *key, double v,
                      int strict, const char *ctx, bmd_errbuf *err)
{
    if (strict ? v > 0.0 : v >= 0.0) return BMD_OK;
    return bmd__yaml_ctx_err(y, bmd__yaml_get(map, key), ctx, err, BMD_EDOM,
                             "key '%s': must be %s, found %g", key,
                             strict ? "greater than zero" : "zero or more", v);
}

static int check_stage(const bmd__yaml *y, struct fy_node *map, const bmd_stage *s, const char *ctx,
                       bmd_errbuf *err)
{
    int st = check_sign(y, map, "gross_mass", s->gross_mass_kg, 1, ctx, err);
    if (!st) st = check_sign(y, map, "propellant_mass", s->prop_mass_kg, 1, ctx, err);
    if (!st) st = check_sign(y, map, "isp_vac", s->isp_vac_s, 1, ctx, err);
    if (!st) st = check_sign(y, map, "isp_sl", s->isp_sl_s, 0, ctx, err);
    if (!st) st = check_sign(y, map, "burn_time", s->burn_time_s, 1, ctx, err);
    if (!st) st = check_sign(y, map, "diameter", s->diameter_m, 1, ctx, err);
    if (!st) st = check_sign(y, map, "coast", s->coast_s, 0, ctx, err);
    if (st) return st;
    if (s->prop_mass_kg >= s->gross_mass_kg)
        return bmd__yaml_ctx_err(y, bmd__yaml_get(map, "propellant_mass"), ctx, err, BMD_EDOM,
                                 "propellant_mass (%g kg) must be less than gross_mass (%g kg)",
                                 s->prop_mass_kg, s->gross_mass_kg);
    if (s->isp_sl_s > s->isp_vac_s)
        return bmd__yaml_ctx_err(y, bmd__yaml_get(map, "isp_sl"), ctx, err, BMD_EDOM,
                                 "isp_sl (%g s) must not exceed isp_vac (%g s)", s->isp_sl_s,
                                 s->isp_vac_s);
    return BMD_OK;
}

/* ---- parts of an entry ----------------------------------------------------- */

static int read_stage(const bmd__yaml *y, struct fy_node *map, const char *ctx, bmd_stage *s,
                      bmd_errbuf *err)
{
    int st = bmd__yaml_expect_map(y, map, ctx, err);
    if (!st) st = bmd__yaml_check_keys(y, map, stage_keys, N_OF(stage_keys), ctx, err);
    if (!st) st = bmd__yaml_require_keys(y, map, stage_required, N_OF(stage_required), ctx, err);
    if (st) return st;
    memset(s, 0, sizeof *s);
    const struct {
        const char *key;
        bmd_quantity q;
        double *out;
    } f[] = {
        {"gross_mass", BMD_Q_MASS, &s->gross_mass_kg},
        {"propellant_mass", BMD_Q_MASS, &s->prop_mass_kg},
        {"isp_vac", BMD_Q_TIME, &s->isp_vac_s},
        {"isp_sl", BMD_Q_TIME, &s->isp_sl_s},
        {"burn_time", BMD_Q_TIME, &s->burn_time_s},
        {"diameter", BMD_Q_LENGTH, &s->diameter_m},
        {"coast", BMD_Q_TIME, &s->coast_s},
    };
    for (size_t i = 0; i < N_OF(f) && !st; i++)
        st = bmd__yaml_quantity(y, map, f[i].key, f[i].q, BMD__YAML_OPTIONAL, f[i].out, ctx, err);
    return st ? st : check_stage(y, map, s, ctx, err);
}

static int read_stages(const bmd__yaml *y, struct fy_node *entry, const char *ctx, bmd_missile *m,
                       bmd_errbuf *err)
{
    struct fy_node *seq = bmd__yaml_get(entry, "stages");
    char sctx[96];
    snprintf(sctx, sizeof sctx, "%s: key 'stages'", ctx);
    int st = bmd__yaml_expect_seq(y, seq, sctx, err);
    if (st) return st;
    size_t n = bmd__yaml_seq_count(seq);
    if (n < 1 || n > BMD_MAX_STAGES)
        return bmd__yaml_ctx_err(y, seq, ctx, err, BMD_EDOM,
                                 "key 'stages': expected 1 to %d stages, found %zu", BMD_MAX_STAGES,
                                 n);
    for (size_t i = 0; i < n && !st; i++) {
        snprintf(sctx, sizeof sctx, "%s stage %zu", ctx, i + 1);
        st = read_stage(y, bmd__yaml_seq_item(seq, i), sctx, &m->stage[i], err);
    }
    m->n_stages = (int)n;
    return st;
}

/* Re-entry mass against the stages: the RV is part of the payload, or the
 * whole burnt-out last stage plus payload re-enters (bmd/missile.h). */
static int check_reentry_mass(const bmd__yaml *y, struct fy_node *map, const bmd_missile *m,
                              const char *ctx, bmd_errbuf *err)
{
    struct fy_node *node = bmd__yaml_get(map, "mass");
    const bmd_stage *last = &m->stage[m->n_stages - 1];
    if (m->rv_separates && m->rv_mass_kg > m->payload_mass_kg)
        return bmd__yaml_ctx_err(y, node, ctx, err, BMD_EDOM,
                                 "key 'mass': a separating RV (%g kg) cannot be heavier than "
                                 "payload_mass (%g kg)",
                                 m->rv_mass_kg, m->payload_mass_kg);
    double whole = last->gross_mass_kg - last->prop_mass_kg + m->payload_mass_kg;
    if (!m->rv_separates && fabs(m->rv_mass_kg - whole) > WHOLE_BODY_MASS_RTOL * whole)
        return bmd__yaml_ctx_err(y, node, ctx, err, BMD_EDOM,
                                 "key 'mass': with separates: false the whole last stage "
                                 "re-enters: expected its dry mass plus payload_mass = %g kg, "
                                 "found %g kg",
                                 whole, m->rv_mass_kg);
    return BMD_OK;
}

static int read_reentry(const bmd__yaml *y, struct fy_node *entry, const char *ctx, bmd_missile *m,
                        bmd_errbuf *err)
{
    struct fy_node *map = bmd__yaml_get(entry, "reentry");
    char rctx[96];
    snprintf(rctx, sizeof rctx, "%s reentry", ctx);
    int st = bmd__yaml_expect_map(y, map, rctx, err);
    if (!st) st = bmd__yaml_check_keys(y, map, reentry_keys, N_OF(reentry_keys), rctx, err);
    if (!st) st = bmd__yaml_require_keys(y, map, reentry_keys, N_OF(reentry_keys), rctx, err);
    if (!st)
        st = bmd__yaml_bool(y, map, "separates", BMD__YAML_REQUIRED, &m->rv_separates, rctx, err);
    if (!st)
        st = bmd__yaml_quantity(y, map, "mass", BMD_Q_MASS, BMD__YAML_REQUIRED, &m->rv_mass_kg,
                                rctx, err);
    if (!st)
        st = bmd__yaml_quantity(y, map, "beta", BMD_Q_BETA, BMD__YAML_REQUIRED, &m->rv_beta_kgpm2,
                                rctx, err);
    if (!st)
        st = bmd__yaml_quantity(y, map, "diameter", BMD_Q_LENGTH, BMD__YAML_REQUIRED,
                                &m->rv_diameter_m, rctx, err);
    if (!st) st = check_sign(y, map, "mass", m->rv_mass_kg, 1, rctx, err);
    if (!st) st = check_sign(y, map, "beta", m->rv_beta_kgpm2, 1, rctx, err);
    if (!st) st = check_sign(y, map, "diameter", m->rv_diameter_m, 1, rctx, err);
    return st ? st : check_reentry_mass(y, map, m, rctx, err);
}

static int check_drag(const bmd__yaml *y, struct fy_node *map, const bmd_cd_table *t, size_t n_cd,
                      const char *ctx, bmd_errbuf *err)
{
    struct fy_node *mach = bmd__yaml_get(map, "mach"), *cd = bmd__yaml_get(map, "cd");
    if ((size_t)t->n != n_cd)
        return bmd__yaml_ctx_err(y, cd, ctx, err, BMD_EDOM,
                                 "key 'cd': %zu values for %d Mach numbers (give one Cd per Mach)",
                                 n_cd, t->n);
    if (t->n < 2)
        return bmd__yaml_ctx_err(y, mach, ctx, err, BMD_EDOM,
                                 "key 'mach': give at least 2 points, found %d", t->n);
    if (t->mach[0] < 0.0)
        return bmd__yaml_ctx_err(y, bmd__yaml_seq_item(mach, 0), ctx, err, BMD_EDOM,
                                 "item 1 of 'mach': must be zero or more, found %g", t->mach[0]);
    for (int i = 1; i < t->n; i++)
        if (!(t->mach[i] > t->mach[i - 1]))
            return bmd__yaml_ctx_err(y, bmd__yaml_seq_item(mach, (size_t)i), ctx, err, BMD_EDOM,
                                     "item %d of 'mach': Mach numbers must increase, found %g "
                                     "after %g",
                                     i + 1, t->mach[i], t->mach[i - 1]);
    for (int i = 0; i < t->n; i++)
        if (!(t->cd[i] > 0.0))
            return bmd__yaml_ctx_err(y, bmd__yaml_seq_item(cd, (size_t)i), ctx, err, BMD_EDOM,
                                     "item %d of 'cd': must be greater than zero, found %g", i + 1,
                                     t->cd[i]);
    return BMD_OK;
}

static int read_drag(const bmd__yaml *y, struct fy_node *entry, const char *ctx, bmd_missile *m,
                     bmd_errbuf *err)
{
    m->cd.n = 0; /* absent: the trajectory module's default table */
    if (!bmd__yaml_has(entry, "drag")) return BMD_OK;
    struct fy_node *map = bmd__yaml_get(entry, "drag");
    char dctx[96];
    snprintf(dctx, sizeof dctx, "%s drag", ctx);
    size_t n_mach = 0, n_cd = 0;
    int st = bmd__yaml_expect_map(y, map, dctx, err);
    if (!st) st = bmd__yaml_check_keys(y, map, drag_keys, N_OF(drag_keys), dctx, err);
    if (!st) st = bmd__yaml_require_keys(y, map, drag_keys, N_OF(drag_keys), dctx, err);
    if (!st)
        st = bmd__yaml_quantity_list(y, map, "mach", BMD_Q_DIMLESS, BMD__YAML_REQUIRED, m->cd.mach,
                                     BMD_MAX_CD_POINTS, &n_mach, dctx, err);
    if (!st)
        st = bmd__yaml_quantity_list(y, map, "cd", BMD_Q_DIMLESS, BMD__YAML_REQUIRED, m->cd.cd,
                                     BMD_MAX_CD_POINTS, &n_cd, dctx, err);
    if (st) return st;
    m->cd.n = (int)n_mach;
    st = check_drag(y, map, &m->cd, n_cd, dctx, err);
    if (st) m->cd.n = 0;
    return st;
}

/* Append a source; the group and text must fit bmd_source. */
static int add_source(const bmd__yaml *y, struct fy_node *node, const char *group, const char *ctx,
                      bmd_missile *m, bmd_errbuf *err)
{
    if (m->n_sources >= BMD_MAX_SOURCES)
        return bmd__yaml_ctx_err(y, node, ctx, err, BMD_ELIMIT, "more than %d sources",
                                 BMD_MAX_SOURCES);
    bmd_source *s = &m->source[m->n_sources];
    char what[64];
    snprintf(s->group, sizeof s->group, "%s", group);
    snprintf(what, sizeof what, "source '%s'", group);
    int st = bmd__yaml_node_str(y, node, what, s->text, sizeof s->text, ctx, err);
    if (!st) m->n_sources++;
    return st;
}

static int read_sources(const bmd__yaml *y, struct fy_node *entry, const char *ctx, bmd_missile *m,
                        bmd_errbuf *err)
{
    struct fy_node *map = bmd__yaml_get(entry, "sources");
    char sctx[96];
    snprintf(sctx, sizeof sctx, "%s sources", ctx);
    int st = bmd__yaml_expect_map(y, map, sctx, err);
    if (!st) st = bmd__yaml_check_keys(y, map, source_groups, N_OF(source_groups), sctx, err);
    if (!st) st = bmd__yaml_require_keys(y, map, source_required, N_OF(source_required), sctx, err);
    if (!st && m->cd.n > 0 && !bmd__yaml_has(map, "drag"))
        st = bmd__yaml_ctx_err(y, map, sctx, err, BMD_EPARSE,
                               "missing key 'drag' (the entry has a drag table)");
    size_t n = bmd__yaml_map_count(map);
    for (size_t i = 0; i < n && !st; i++) {
        struct fy_node *value;
        const char *group = bmd__yaml_map_key(map, i, NULL, &value);
        st = add_source(y, value, group, sctx, m, err);
    }
    if (!st && bmd__yaml_has(entry, "notes"))
        st = add_source(y, bmd__yaml_get(entry, "notes"), "notes", ctx, m, err);
    return st;
}

static int read_class(const bmd__yaml *y, struct fy_node *entry, const char *ctx, bmd_missile *m,
                      bmd_errbuf *err)
{
    int st =
        bmd__yaml_str(y, entry, "class", BMD__YAML_REQUIRED, m->klass, sizeof m->klass, ctx, err);
    for (size_t i = 0; !st && i < N_OF(classes); i++)
        if (strcmp(m->klass, classes[i]) == 0) return BMD_OK;
    if (!st)
        st = bmd__yaml_ctx_err(y, bmd__yaml_get(entry, "class"), ctx, err, BMD_EPARSE,
                               "key 'class': expected SRBM, MRBM, IRBM or ICBM, found '%s'",
                               m->klass);
    return st;
}

/* ---- test flights and calibration ---------------------------------------------------- */

static int read_test(const bmd__yaml *y, struct fy_node *map, const char *ctx, bmd_test_flight *t,
                     bmd_errbuf *err)
{
    int st = bmd__yaml_expect_map(y, map, ctx, err);
    if (!st) st = bmd__yaml_check_keys(y, map, test_keys, N_OF(test_keys), ctx, err);
    if (!st) st = bmd__yaml_require_keys(y, map, test_required, N_OF(test_required), ctx, err);
    memset(t, 0, sizeof *t);
    if (!st)
        st = bmd__yaml_str(y, map, "date", BMD__YAML_REQUIRED, t->date, sizeof t->date, ctx, err);
    if (!st)
        st = bmd__yaml_str(y, map, "launch", BMD__YAML_OPTIONAL, t->launch, sizeof t->launch, ctx,
                           err);
    if (!st)
        st = bmd__yaml_str(y, map, "impact", BMD__YAML_OPTIONAL, t->impact, sizeof t->impact, ctx,
                           err);
    if (!st)
        st = bmd__yaml_quantity(y, map, "range", BMD_Q_LENGTH, BMD__YAML_REQUIRED, &t->range_m, ctx,
                                err);
    if (!st)
        st = bmd__yaml_quantity(y, map, "apogee", BMD_Q_LENGTH, BMD__YAML_REQUIRED, &t->apogee_m,
                                ctx, err);
    if (!st)
        st = bmd__yaml_quantity(y, map, "flight_time", BMD_Q_TIME, BMD__YAML_OPTIONAL,
                                &t->flight_time_s, ctx, err);
    if (!st) st = bmd__yaml_bool(y, map, "full_burn", BMD__YAML_OPTIONAL, &t->full_burn, ctx, err);
    if (!st)
        st = bmd__yaml_str(y, map, "source", BMD__YAML_REQUIRED, t->source, sizeof t->source, ctx,
                           err);
    if (!st) st = check_sign(y, map, "range", t->range_m, 1, ctx, err);
    if (!st) st = check_sign(y, map, "apogee", t->apogee_m, 1, ctx, err);
    if (!st) st = check_sign(y, map, "flight_time", t->flight_time_s, 0, ctx, err);
    return st;
}

static int read_tests(const bmd__yaml *y, struct fy_node *entry, const char *ctx, bmd_missile *m,
                      bmd_errbuf *err)
{
    if (!bmd__yaml_has(entry, "tests")) return BMD_OK;
    struct fy_node *seq = bmd__yaml_get(entry, "tests");
    char tctx[96];
    snprintf(tctx, sizeof tctx, "%s: key 'tests'", ctx);
    int st = bmd__yaml_expect_seq(y, seq, tctx, err);
    if (st) return st;
    size_t n = bmd__yaml_seq_count(seq);
    if (n > BMD_MAX_TESTS)
        return bmd__yaml_ctx_err(y, seq, ctx, err, BMD_ELIMIT,
                                 "key 'tests': at most %d test flights, found %zu", BMD_MAX_TESTS,
                                 n);
    for (size_t i = 0; i < n && !st; i++) {
        snprintf(tctx, sizeof tctx, "%s test %zu", ctx, i + 1);
        st = read_test(y, bmd__yaml_seq_item(seq, i), tctx, &m->test[i], err);
    }
    m->n_tests = st ? 0 : (int)n;
    return st;
}

/* 1 if name is a free parameter this entry has (bmd/missile.h). */
static int free_name_ok(const char *name, int n_stages)
{
    if (strcmp(name, "payload_mass") == 0) return 1;
    int stage = 0, off = 0;
    if (sscanf(name, "stage%d.%n", &stage, &off) != 1 || off == 0) return 0;
    if (stage < 1 || stage > n_stages) return 0;
    for (size_t i = 0; i < N_OF(free_stage_params); i++)
        if (strcmp(name + off, free_stage_params[i]) == 0) return 1;
    return 0;
}

static int read_calibration(const bmd__yaml *y, struct fy_node *entry, const char *ctx,
                            bmd_missile *m, bmd_errbuf *err)
{
    if (!bmd__yaml_has(entry, "calibration")) return BMD_OK;
    struct fy_node *map = bmd__yaml_get(entry, "calibration");
    char cctx[96];
    snprintf(cctx, sizeof cctx, "%s calibration", ctx);
    int st = bmd__yaml_expect_map(y, map, cctx, err);
    if (!st) st = bmd__yaml_check_keys(y, map, calib_keys, N_OF(calib_keys), cctx, err);
    if (!st && !bmd__yaml_has(map, "free"))
        st = bmd__yaml_ctx_err(y, map, cctx, err, BMD_EPARSE, "missing key 'free'");
    if (st) return st;
    struct fy_node *seq = bmd__yaml_get(map, "free");
    if ((st = bmd__yaml_expect_seq(y, seq, cctx, err)) != BMD_OK) return st;
    size_t n = bmd__yaml_seq_count(seq);
    if (n < 1 || n > BMD_MAX_FREE)
        return bmd__yaml_ctx_err(y, seq, cctx, err, BMD_EDOM,
                                 "key 'free': expected 1 to %d parameters, found %zu", BMD_MAX_FREE,
                                 n);
    for (size_t i = 0; i < n && !st; i++) {
        struct fy_node *item = bmd__yaml_seq_item(seq, i);
        char *name = m->calib.free[i];
        st =
            bmd__yaml_node_str(y, item, "free parameter", name, sizeof m->calib.free[i], cctx, err);
        if (!st && !free_name_ok(name, m->n_stages))
            st = bmd__yaml_ctx_err(y, item, cctx, err, BMD_EPARSE,
                                   "free parameter '%s': expected payload_mass or stageN.dry_mass, "
                                   "stageN.propellant_mass, stageN.burn_time, stageN.isp "
                                   "(N = 1..%d)",
                                   name, m->n_stages);
    }
    m->calib.n_free = st ? 0 : (int)n;
    return st;
}

/* ---- an entry ------------------------------------------------------------------ */

static int read_missile(const bmd__yaml *y, struct fy_node *entry, size_t index, bmd_missile *m,
                        bmd_errbuf *err)
{
    char ctx[64];
    snprintf(ctx, sizeof ctx, "missile %zu", index + 1);
    memset(m, 0, sizeof *m);
    m->vertical_rise_s = DEFAULT_VERTICAL_RISE_S;
    int st = bmd__yaml_expect_map(y, entry, ctx, err);
    if (!st)
        st = bmd__yaml_name(y, entry, "missile", m->name, sizeof m->name, ctx, sizeof ctx, err);
    if (!st) st = bmd__yaml_check_keys(y, entry, missile_keys, N_OF(missile_keys), ctx, err);
    if (!st)
        st = bmd__yaml_require_keys(y, entry, missile_required, N_OF(missile_required), ctx, err);
    if (!st)
        st = bmd__yaml_str(y, entry, "label", BMD__YAML_REQUIRED, m->label, sizeof m->label, ctx,
                           err);
    if (!st)
        st = bmd__yaml_str(y, entry, "country", BMD__YAML_REQUIRED, m->country, sizeof m->country,
                           ctx, err);
    if (!st) st = read_class(y, entry, ctx, m, err);
    if (!st)
        st = bmd__yaml_quantity(y, entry, "published_range", BMD_Q_LENGTH, BMD__YAML_REQUIRED,
                                &m->range_published_m, ctx, err);
    if (!st) st = check_sign(y, entry, "published_range", m->range_published_m, 1, ctx, err);
    if (!st)
        st = bmd__yaml_quantity(y, entry, "vertical_rise", BMD_Q_TIME, BMD__YAML_OPTIONAL,
                                &m->vertical_rise_s, ctx, err);
    if (!st) st = check_sign(y, entry, "vertical_rise", m->vertical_rise_s, 0, ctx, err);
    if (!st) st = read_stages(y, entry, ctx, m, err);
    if (!st)
        st = bmd__yaml_quantity(y, entry, "payload_mass", BMD_Q_MASS, BMD__YAML_REQUIRED,
                                &m->payload_mass_kg, ctx, err);
    if (!st) st = check_sign(y, entry, "payload_mass", m->payload_mass_kg, 1, ctx, err);
    if (!st) st = read_reentry(y, entry, ctx, m, err);
    if (!st) st = read_drag(y, entry, ctx, m, err);
    if (!st) st = read_sources(y, entry, ctx, m, err);
    if (!st) st = read_tests(y, entry, ctx, m, err);
    if (!st) st = read_calibration(y, entry, ctx, m, err);
    if (!st && m->vertical_rise_s >= m->stage[0].burn_time_s)
        st = bmd__yaml_ctx_err(y, bmd__yaml_get(entry, "vertical_rise"), ctx, err, BMD_EDOM,
                               "key 'vertical_rise': %g s must be shorter than the first stage's "
                               "burn_time (%g s)",
                               m->vertical_rise_s, m->stage[0].burn_time_s);
    return st;
}

static int read_missiles(const bmd__yaml *y, bmd_missile_list *list, bmd_errbuf *err)
{
    struct fy_node *seq;
    int st = bmd__yaml_top_list(y, "missiles", &seq, err);
    if (st) return st;
    size_t n = bmd__yaml_seq_count(seq);
    bmd_missile *items = calloc(n ? n : 1, sizeof *items);
    if (items == NULL) return bmd_err_set(err, BMD_ENOMEM, "%s: out of memory", y->name);
    for (size_t i = 0; i < n && !st; i++) {
        struct fy_node *entry = bmd__yaml_seq_item(seq, i);
        st = read_missile(y, entry, i, &items[i], err);
        for (size_t j = 0; j < i && !st; j++)
            if (strcmp(items[j].name, items[i].name) == 0)
                st = bmd__yaml_err(y, bmd__yaml_get(entry, "name"), err, BMD_EPARSE,
                                   "missile '%s': defined twice (also missile %zu)", items[i].name,
                                   j + 1);
    }
    if (st) {
        free(items);
        return st;
    }
    list->items = items;
    list->n = n;
    return BMD_OK;
}

static int read_doc(const bmd__yaml *y, void *list, bmd_errbuf *err)
{
    return read_missiles(y, list, err);
}

/* The file path, or len bytes of text shown as name. */
static int load(const char *path, const char *text, size_t len, const char *name,
                bmd_missile_list *list, bmd_errbuf *err)
{
    list->items = NULL;
    list->n = 0;
    return bmd__yaml_read(path, text, len, name, read_doc, list, err);
}

int bmd_missile_list_load(const char *path, bmd_missile_list *list, bmd_errbuf *err)
{
    if (path == NULL || list == NULL)
        return bmd_err_set(err, BMD_EINVAL, "bmd_missile_list_load: NULL argument");
    list->items = NULL;
    list->n = 0;
    char *text = NULL;
    size_t len = 0;
    int st = bmd_input_read(path, 0, &text, &len, err);
    if (st) return st;
#ifdef BMD_CATALOG_SNAPSHOT
    /* The shipped file, byte for byte: the build's parse of it (snapshot.h). */
    void *items = NULL;
    size_t n = 0;
    if (bmd__catalog_snapshot_take(&bmd__catalog_snapshot_missiles, path, text, len, &items, &n,
                                   &st, err)) {
        list->items = items;
        list->n = n;
        return st;
    }
#endif
    return bmd__yaml_read_owned(path, text, len, read_doc, list, err);
}

int bmd_missile_list_load_string(const char *text, size_t len, const char *display_name,
                                 bmd_missile_list *list, bmd_errbuf *err)
{
    if (text == NULL || list == NULL)
        return bmd_err_set(err, BMD_EINVAL, "bmd_missile_list_load_string: NULL argument");
    return load(NULL, text, len, display_name, list, err);
}

void bmd_missile_list_free(bmd_missile_list *list)
{
    if (list == NULL) return;
    free(list->items);
    list->items = NULL;
    list->n = 0;
}

int bmd_missile_find(const bmd_missile_list *list, const char *name, const bmd_missile **m,
                     bmd_errbuf *err)
{
    if (name == NULL || m == NULL)
        return bmd_err_set(err, BMD_EINVAL, "bmd_missile_find: NULL argument");
    size_t n = list ? list->n : 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list->items[i].name, name) == 0) {
            *m = &list->items[i];
            return BMD_OK;
        }
    }
    const char *s = NULL;
    const char **names = n ? malloc(n * sizeof *names) : NULL;
    if (names != NULL) {
        for (size_t i = 0; i < n; i++)
            names[i] = list->items[i].name;
        s = bmd_suggest(name, names, n);
        free(names);
    }
    if (s != NULL)
        return bmd_err_set(err, BMD_ENOTFOUND, "unknown missile '%s' (did you mean '%s'?)", name,
                           s);
    return bmd_err_set(err, BMD_ENOTFOUND, "unknown missile '%s'", name);
}

const char *bmd_missile_source(const bmd_missile *m, const char *group)
{
    if (m == NULL || group == NULL) return NULL;
    for (int i = 0; i < m->n_sources && i < BMD_MAX_SOURCES; i++)
        if (strcmp(m->source[i].group, group) == 0) return m->source[i].text;
    return NULL;
}
