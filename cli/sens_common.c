/* sens_common.c: the design-evaluate-estimate run of `bmdsim sensitivity`
 * and its table and JSON output. */
#include "sens_common.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "common.h"
#include "mpi_driver.h"
#include "uq_resume.h"

int sens_setup_parse(const struct cli_args *a, struct sens_setup *s)
{
    memset(s, 0, sizeof *s);
    s->method = SENS_SOBOL;
    s->seed = 1;
    s->n_boot = 500;
    s->sampler = BMD_UQ_QMC;
    s->levels = 4;
    s->threads = 0;
    const char *m = cli_get(a, "method");
    if (m && strcmp(m, "morris") == 0)
        s->method = SENS_MORRIS;
    else if (m && strcmp(m, "sobol") != 0)
        return cli_bad(a->cmd, "--method: expected sobol or morris, found '%s'", m);
    s->samples = s->method == SENS_SOBOL ? 1024 : 20;
    long v = 0;
    if (cli_count(a, "samples", 2, 1L << 24, &s->samples)) return 2;
    v = 1;
    if (cli_count(a, "seed", 0, 2147483647L, &v)) return 2;
    if (cli_has(a, "seed")) s->seed = (uint64_t)v;
    if (cli_count(a, "bootstrap", 0, 100000, &s->n_boot)) return 2;
    v = 4;
    if (cli_count(a, "levels", 2, 64, &v)) return 2;
    if (v % 2) return cli_bad(a->cmd, "--levels: expected an even number, found %ld", v);
    s->levels = (int)v;
    v = 0;
    if (cli_count(a, "threads", 1, 1024, &v)) return 2;
    s->threads = (int)v;
    const char *smp = cli_get(a, "sampler");
    if (smp && strcmp(smp, "mc") == 0)
        s->sampler = BMD_UQ_MC;
    else if (smp && strcmp(smp, "qmc") != 0)
        return cli_bad(a->cmd, "--sampler: expected qmc or mc, found '%s'", smp);
    return 0;
}

void sens_result_free(struct sens_result *r)
{
    free(r->u);
    free(r->y);
    free(r->idx);
    free(r->eff);
    memset(r, 0, sizeof *r);
}

double sens_now_s(void)
{
    struct timespec t;
    timespec_get(&t, TIME_UTC);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int sens_progress(void *ctx, size_t done, size_t total)
{
    return cli_progress_update(ctx, (long)done, (long)total);
}

int sens_run(const struct sens_setup *s, const struct sens_model *m, struct sens_result *r)
{
    memset(r, 0, sizeof *r);
    size_t k = m->k, n = (size_t)s->samples;
    if (s->method == SENS_SOBOL && s->sampler == BMD_UQ_QMC && k > BMD_SOBOL_MAX_K)
        return cli_bad("sensitivity",
                       "%zu uncertain parameters: at most %d for --method sobol with the qmc "
                       "sampler (use --sampler mc or --method morris)",
                       k, BMD_SOBOL_MAX_K);
    r->rows = s->method == SENS_SOBOL ? bmd_sobol_design_rows(k, n) : bmd_morris_design_rows(k, n);
    r->u = malloc(r->rows * k * sizeof *r->u);
    r->y = malloc(r->rows * sizeof *r->y);
    r->idx = calloc(k, sizeof *r->idx);
    r->eff = calloc(k, sizeof *r->eff);
    if (!r->u || !r->y || !r->idx || !r->eff) {
        sens_result_free(r);
        return cli_fail("sensitivity", "out of memory for %zu model runs", r->rows);
    }
    bmd_errbuf e = {{0}};
    int st = s->method == SENS_SOBOL ? bmd_sobol_design(k, n, s->seed, s->sampler, r->u, &e)
                                     : bmd_morris_design(k, n, s->levels, s->seed, r->u, &e);
    if (st) {
        sens_result_free(r);
        return cli_bad("sensitivity", "%s", e.msg);
    }
    double t0 = sens_now_s();
    size_t no = m->n_out ? m->n_out : 1;
    double *yy = malloc(r->rows * no * sizeof *yy);
    if (yy == NULL) {
        sens_result_free(r);
        return cli_fail("sensitivity", "out of memory for %zu model runs", r->rows);
    }
    if (s->a) {
        int rc = uq_evaluate_resumable(s->a, s->dir, s->hash, m->fn, m->ctx, r->u, r->rows, k, no,
                                       s->threads, s->progress, yy);
        r->seconds = sens_now_s() - t0;
        int rank = 0, size = 1;
        cli_mpi_world(&rank, &size);
        if (rc || rank != 0) {
            free(yy);
            sens_result_free(r);
            r->idle = rc == 0;
            return rc;
        }
    } else {
        st = bmd_uq_evaluate(m->fn, m->ctx, r->u, r->rows, k, no, s->threads,
                             s->progress ? sens_progress : NULL, s->progress, yy, &e);
        if (st)
            cli_progress_stop(s->progress);
        else
            cli_progress_end(s->progress);
        r->seconds = sens_now_s() - t0;
        if (st) {
            free(yy);
            sens_result_free(r);
            return cli_fail("sensitivity", "%s", e.msg);
        }
    }
    r->noise_var = 0.0;
    for (size_t i = 0; i < r->rows; i++) {
        r->y[i] = yy[i * no];
        if (no > 1) r->noise_var += yy[i * no + 1] / (double)r->rows;
    }
    free(yy);
    double sum = 0.0, sum2 = 0.0;
    for (size_t i = 0; i < r->rows; i++)
        sum += r->y[i];
    r->mean = sum / (double)r->rows;
    for (size_t i = 0; i < r->rows; i++)
        sum2 += (r->y[i] - r->mean) * (r->y[i] - r->mean);
    r->var = r->rows > 1 ? sum2 / (double)(r->rows - 1) : 0.0;
    if (s->method == SENS_SOBOL)
        st = bmd_sobol_indices(k, n, r->y, s->n_boot, 0.95, s->seed + 0x5eed, r->idx, NULL, &e);
    else
        st = bmd_morris_effects(k, n, r->u, r->y, r->eff, &e);
    if (st == BMD_EDOM) { /* a constant output: every index is 0, said in the output */
        r->constant = 1;
        memset(r->idx, 0, k * sizeof *r->idx);
        st = BMD_OK;
    }
    if (st) {
        sens_result_free(r);
        return cli_fail("sensitivity", "%s", e.msg);
    }
    return 0;
}

/* Sort key: ST (sobol) or mu* (morris). */
static double key(const struct sens_setup *s, const struct sens_result *r, size_t i)
{
    return s->method == SENS_SOBOL ? r->idx[i].ST : r->eff[i].mu_star;
}

void sens_rank(const struct sens_setup *s, const struct sens_model *m, const struct sens_result *r,
               size_t *order)
{
    for (size_t i = 0; i < m->k; i++)
        order[i] = i;
    for (size_t i = 1; i < m->k; i++) /* insertion sort, stable: ties keep input order */
        for (size_t j = i; j > 0 && key(s, r, order[j]) > key(s, r, order[j - 1]); j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
}

cJSON *sens_result_json(const struct sens_setup *s, const struct sens_model *m,
                        const struct sens_result *r)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "method", s->method == SENS_SOBOL ? "sobol" : "morris");
    cJSON_AddStringToObject(o, "metric", m->metric);
    cJSON_AddNumberToObject(o, "samples", (double)s->samples);
    cJSON_AddNumberToObject(o, "seed", (double)s->seed);
    cJSON_AddNumberToObject(o, "evaluations", (double)r->rows);
    cJSON_AddNumberToObject(o, "mean", r->mean);
    cJSON_AddNumberToObject(o, "variance", r->var);
    if (r->constant) cJSON_AddBoolToObject(o, "constant", 1);
    if (s->method == SENS_SOBOL) {
        cJSON_AddStringToObject(o, "sampler", s->sampler == BMD_UQ_QMC ? "qmc" : "mc");
        cJSON_AddNumberToObject(o, "bootstrap", (double)s->n_boot);
        cJSON_AddNumberToObject(o, "confidence", 0.95);
    } else {
        cJSON_AddNumberToObject(o, "levels", s->levels);
    }
    cJSON *arr = cJSON_AddArrayToObject(o, "parameters");
    size_t order[BMD_UQ_MAX_K], rank[BMD_UQ_MAX_K];
    sens_rank(s, m, r, order);
    for (size_t q = 0; q < m->k; q++)
        rank[order[q]] = q + 1;
    for (size_t i = 0; i < m->k; i++) { /* input order; "rank" by ST or mu* */
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "name", m->names[i]);
        cJSON_AddNumberToObject(p, "rank", (double)rank[i]);
        if (s->method == SENS_SOBOL) {
            const bmd_sobol_index *x = &r->idx[i];
            cJSON_AddNumberToObject(p, "S1", x->S1);
            cJSON_AddNumberToObject(p, "S1_lo", x->S1_lo);
            cJSON_AddNumberToObject(p, "S1_hi", x->S1_hi);
            cJSON_AddNumberToObject(p, "ST", x->ST);
            cJSON_AddNumberToObject(p, "ST_lo", x->ST_lo);
            cJSON_AddNumberToObject(p, "ST_hi", x->ST_hi);
        } else {
            cJSON_AddNumberToObject(p, "mu", r->eff[i].mu);
            cJSON_AddNumberToObject(p, "mu_star", r->eff[i].mu_star);
            cJSON_AddNumberToObject(p, "sigma", r->eff[i].sigma);
        }
        cJSON_AddItemToArray(arr, p);
    }
    return o;
}

void sens_result_print(FILE *f, const struct sens_setup *s, const struct sens_model *m,
                       const struct sens_result *r)
{
    size_t order[BMD_UQ_MAX_K];
    sens_rank(s, m, r, order);
    size_t w = 9;
    for (size_t i = 0; i < m->k; i++)
        if (strlen(m->names[i]) > w) w = strlen(m->names[i]);
    fprintf(f, "%s of %s: %zu model runs (seed %llu), mean %.6g, variance %.6g\n",
            s->method == SENS_SOBOL ? "Sobol' indices" : "Morris elementary effects", m->metric,
            r->rows, (unsigned long long)s->seed, r->mean, r->var);
    if (r->constant)
        fprintf(f, "  the metric is the same at every sampled point: no parameter moves it "
                   "over these ranges (every index 0)\n");
    if (s->method == SENS_SOBOL) {
        fprintf(f, "  %-*s  %-22s  %-22s\n", (int)w, "parameter", "S1 [95 % CI]", "ST [95 % CI]");
        for (size_t q = 0; q < m->k; q++) {
            const bmd_sobol_index *x = &r->idx[order[q]];
            fprintf(f, "  %-*s  %6.3f [%6.3f, %6.3f]  %6.3f [%6.3f, %6.3f]\n", (int)w,
                    m->names[order[q]], x->S1, x->S1_lo, x->S1_hi, x->ST, x->ST_lo, x->ST_hi);
        }
        fprintf(f, "  (ranked by ST; S1 + interactions = ST; bootstrap of %ld, %s design)\n",
                s->n_boot, s->sampler == BMD_UQ_QMC ? "scrambled Sobol'" : "random");
    } else {
        fprintf(f, "  %-*s  %12s  %12s  %12s\n", (int)w, "parameter", "mu*", "mu", "sigma");
        for (size_t q = 0; q < m->k; q++) {
            const bmd_morris_effect *x = &r->eff[order[q]];
            fprintf(f, "  %-*s  %12.5g  %12.5g  %12.5g\n", (int)w, m->names[order[q]], x->mu_star,
                    x->mu, x->sigma);
        }
        fprintf(f, "  (ranked by mu*; effects per unit of each parameter's range; %d levels)\n",
                s->levels);
    }
}

/* ---- scenario models ---- */

#include "scenario.h"

int uq_scn_load(const struct cli_args *a, struct uq_scn *u)
{
    memset(u, 0, sizeof *u);
    bmd_scenario_init(&u->s);
    cli_env_init(&u->env, a);
    u->path = a->n_positional > 0 ? a->positional[0] : NULL;
    bmd_errbuf err = {{0}};
    int st = cli_scenario_load(u->path, &u->env, &u->s, &err);
    if (st) {
        return cli_scenario_exit(st) == 1 ? cli_fail(a->cmd, "%s", err.msg)
                                          : cli_bad(a->cmd, "%s", err.msg);
    }
    u->senv.sites = &u->env.sites;
    u->senv.missiles = &u->env.missiles;
    u->senv.radars = &u->env.radars;
    if (u->path)
        st = bmd_uq_space_load(u->path, NULL, 0, NULL, &u->s, &u->senv, &u->space, &err);
    else
        st = bmd_uq_space_load(
            NULL, (const char *)bmd_default_scenario, (size_t)bmd_default_scenario_len,
            "default scenario (data/scenarios/default.yaml)", &u->s, &u->senv, &u->space, &err);
    if (st)
        return st == BMD_ENOMEM ? cli_fail(a->cmd, "%s", err.msg) : cli_bad(a->cmd, "%s", err.msg);
    return 0;
}

int uq_scn_metrics(const struct cli_args *a, const char *list, struct uq_scn *u)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", list);
    u->n_metrics = 0;
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        if (u->n_metrics == UQ_MAX_METRICS)
            return cli_bad(a->cmd, "--metric: at most %d metrics", UQ_MAX_METRICS);
        bmd_errbuf err;
        if (bmd_metric_parse_env(&u->s, &u->senv, tok, &u->metric[u->n_metrics], &err))
            return cli_bad(a->cmd, "--metric: %s", err.msg);
        u->n_metrics++;
    }
    if (u->n_metrics == 0) return cli_bad(a->cmd, "--metric: no metric named");
    double res = BMD_METRIC_FP_RES_M;
    int got = cli_has(a, "resolution") ? cli_value(a, "resolution", BMD_Q_LENGTH, &res) : 0;
    if (got == 2) return 2;
    if (got && !(res >= 1e3 && res <= 200e3))
        return cli_bad(a->cmd, "--resolution: expected 1km to 200km, found '%s'",
                       cli_get(a, "resolution"));
    int land = 0;
    for (size_t i = 0; i < u->n_metrics; i++) {
        u->metric[i].res_m = res;
        land |= bmd_metric_needs_land(&u->metric[i]);
    }
    if (!land) return 0;
    char cp[4096], pp[4096];
    bmd_errbuf err = {{0}};
    if (bmd_data_path(cp, sizeof cp, u->env.data_dir, BMD_LAND_COUNTRIES_FILE) != BMD_OK ||
        bmd_data_path(pp, sizeof pp, u->env.data_dir, BMD_LAND_PLACES_FILE) != BMD_OK)
        return cli_bad(a->cmd, "data directory path too long");
    int st = bmd_land_load(cp, pp, &u->land, &err);
    if (st)
        return st == BMD_ENOMEM ? cli_fail(a->cmd, "%s", err.msg) : cli_bad(a->cmd, "%s", err.msg);
    for (size_t i = 0; i < u->n_metrics; i++)
        if (bmd_metric_set_land(&u->metric[i], &u->land, &err))
            return cli_bad(a->cmd, "--metric: %s", err.msg);
    return 0;
}

void uq_scn_free(struct uq_scn *u)
{
    bmd_land_free(&u->land);
    bmd_scenario_free(&u->s);
    cli_env_free(&u->env);
}

/* ---- verdict spread (footprint --check, visibility with --samples) ---- */

#include "bmd/montecarlo.h"

/* Pearson correlation of u (the parameter's quantile) with y; NaN when
 * either is constant. With y in {0, 1} this is the point-biserial
 * correlation; with u uniform quantiles it ranks like Spearman's. */
static double corr(const double *u, size_t stride, const double *y, size_t ys, size_t n)
{
    double mu = 0, my = 0, suu = 0, syy = 0, suy = 0;
    for (size_t i = 0; i < n; i++)
        mu += u[i * stride] / (double)n, my += y[i * ys] / (double)n;
    for (size_t i = 0; i < n; i++) {
        double a = u[i * stride] - mu, b = y[i * ys] - my;
        suu += a * a, syy += b * b, suy += a * b;
    }
    return suu > 0 && syy > 0 ? suy / sqrt(suu * syy) : NAN;
}

int uq_spread(const struct cli_args *a, struct uq_scn *u, long samples, uint64_t seed, int threads,
              struct uq_spread_result *out)
{
    const char *cmd = a->cmd;
    size_t k = u->space.n, n = (size_t)samples, nm = u->n_metrics;
    if (k == 0)
        return cli_bad(cmd, "--samples: %s has no uncertain: block",
                       u->path ? u->path : "the default scenario");
    double *uu = malloc(n * k * sizeof *uu), *y = malloc(n * 2 * nm * sizeof *y);
    if (!uu || !y) {
        free(uu), free(y);
        return cli_fail(cmd, "out of memory for %zu samples", n);
    }
    bmd_errbuf e = {{0}};
    int rc = 0;
    if (bmd_uq_lhs(k, n, seed, uu, &e)) rc = cli_bad(cmd, "--samples: %s", e.msg);
    bmd_uq_scenario_model model = {&u->s, &u->senv, u->space.p, k, u->metric, nm, 1, u->s.mc_seed};
    struct cli_progress pr; /* progress.h */
    cli_progress_init(&pr, a, "samples", "done");
    if (rc == 0 && bmd_uq_evaluate(bmd_uq_scenario_fn, &model, uu, n, k, 2 * nm, threads,
                                   sens_progress, &pr, y, &e))
        rc = cli_fail(cmd, "verdict spread: %s", e.msg);
    cli_progress_end(&pr);
    for (size_t j = 0; rc == 0 && j < nm; j++) {
        struct uq_spread_result *o = &out[j];
        long hits = 0;
        o->lo_val = o->hi_val = y[j];
        for (size_t i = 0; i < n; i++) {
            double v = y[i * 2 * nm + j];
            hits += v > 0.0;
            o->lo_val = fmin(o->lo_val, v), o->hi_val = fmax(o->hi_val, v);
        }
        o->samples = (long)n;
        o->hits = hits;
        o->p = (double)hits / (double)n;
        bmd_wilson(hits, (long)n, &o->lo, &o->hi);
        o->param = -1;
        o->corr = NAN;
        double *ind = malloc(n * sizeof *ind);
        if (ind == NULL) {
            rc = cli_fail(cmd, "out of memory");
            break;
        }
        for (size_t i = 0; i < n; i++)
            ind[i] = y[i * 2 * nm + j] > 0.0;
        for (size_t p = 0; p < k; p++) {
            double c = corr(uu + p, k, ind, 1, n);
            if (isfinite(c) && (o->param < 0 || fabs(c) > fabs(o->corr))) {
                o->param = (int)p;
                o->corr = c;
            }
        }
        free(ind);
    }
    free(uu);
    free(y);
    return rc;
}

struct cJSON *uq_spread_json(const struct uq_scn *u, const struct uq_spread_result *r,
                             const char *const *names, uint64_t seed)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "samples", (double)r[0].samples);
    cJSON_AddNumberToObject(o, "seed", (double)seed);
    cJSON_AddStringToObject(o, "design", "Latin hypercube over the scenario's uncertain: block");
    cJSON *pa = cJSON_AddArrayToObject(o, "parameters");
    for (size_t i = 0; i < u->space.n; i++)
        cJSON_AddItemToArray(pa, cJSON_CreateString(u->space.p[i].path));
    cJSON *v = cJSON_AddObjectToObject(o, "verdicts");
    for (size_t j = 0; j < u->n_metrics; j++) {
        cJSON *x = cJSON_AddObjectToObject(v, names[j]);
        cJSON_AddNumberToObject(x, "p", r[j].p);
        cJSON_AddNumberToObject(x, "p_lo", r[j].lo);
        cJSON_AddNumberToObject(x, "p_hi", r[j].hi);
        cJSON_AddNumberToObject(x, "count", (double)r[j].hits);
        if (r[j].param >= 0) {
            cJSON_AddStringToObject(x, "decided_by", u->space.p[r[j].param].path);
            cJSON_AddNumberToObject(x, "correlation", r[j].corr);
        } else {
            cJSON_AddNullToObject(x, "decided_by");
        }
    }
    return o;
}

void uq_spread_print(const struct uq_scn *u, const struct uq_spread_result *r,
                     const char *const *names, const char *verb, size_t width)
{
    for (size_t j = 0; j < u->n_metrics; j++) {
        printf("  %-*s %s %.0f %% of %ld samples [%.0f, %.0f]", (int)width, names[j], verb,
               100.0 * r[j].p, r[j].samples, 100.0 * r[j].lo, 100.0 * r[j].hi);
        if (r[j].param >= 0)
            printf("; decided most by %s (%s: correlation %+.2f)", u->space.p[r[j].param].path,
                   r[j].corr > 0 ? "higher helps" : "lower helps", r[j].corr);
        printf("\n");
    }
}
