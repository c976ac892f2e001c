/*
 * metric.c: the metric registry and the scenario model of sweeps and
 * sensitivity analyses (bmd/metric.h).
 */
#include "bmd/metric.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/coverage.h"
#include "bmd/engage.h"
#include "bmd/input.h"
#include "bmd/land.h"
#include "uq_internal.h"

/* The registry: name, what the ARG names (0 none, 1 threat, 2 radar, 3 a
 * site, required),
 * whether it is a Monte Carlo estimate, unit. Order of bmd_metric_kind. */
static const struct {
    const char *name;
    int arg;
    int stochastic;
    const char *unit;
} REG[BMD_MET_COUNT] = {
    {"p_no_leaker", 0, 1, "1"},
    {"p_negation", 1, 1, "1"},
    {"interceptors_per_kill", 0, 1, "1"},
    {"first_detection_s", 1, 1, "s"},
    {"range_m", 1, 0, "m"},
    {"apogee_m", 1, 0, "m"},
    {"flight_time_s", 1, 0, "s"},
    {"track_range_m", 2, 0, "m"},
    {"defended_area_km2", 0, 0, "km2"},
    {"defended", 3, 0, "1"},
    {"seen_s", 1, 0, "s"},
    {"defended_fraction", 4, 0, "1"},
    {"defended_population", 0, 0, "1"},
};

const char *const *bmd_metric_names(void)
{
    static const char *const names[] = {"p_no_leaker",
                                        "p_negation",
                                        "interceptors_per_kill",
                                        "first_detection_s",
                                        "range_m",
                                        "apogee_m",
                                        "flight_time_s",
                                        "track_range_m",
                                        "defended_area_km2",
                                        "defended",
                                        "seen_s",
                                        "defended_fraction",
                                        "defended_population",
                                        NULL};
    return names;
}

/* The index of the threat (what = 1) or radar (2) named arg; -1 with err. */
static int find_arg(const bmd_scenario *s, int what, const char *metric, const char *arg,
                    bmd_errbuf *err)
{
    size_t n = what == 1 ? s->n_threats : s->n_radars;
    const char *kind = what == 1 ? "threat" : "radar";
    if (arg == NULL) {
        if (n == 1) return 0;
        bmd_err_set(err, n ? BMD_EINVAL : BMD_ENOTFOUND,
                    n ? "metric '%s': the scenario has %zu %ss: name one (%s:NAME)"
                      : "metric '%s': the scenario has %zu %ss",
                    metric, n, kind, metric);
        return -1;
    }
    const char *names[64];
    size_t nn = 0;
    for (size_t i = 0; i < n; i++) {
        const char *nm = what == 1 ? s->threat[i].name : s->radar[i].name;
        if (strcmp(nm, arg) == 0) return (int)i;
        if (nn < 64) names[nn++] = nm;
    }
    const char *sg = bmd_suggest(arg, names, nn);
    bmd_err_set(err, BMD_ENOTFOUND, "metric '%s:%s': no %s '%s' in the scenario%s%s%s", metric, arg,
                kind, arg, sg ? " (did you mean '" : "", sg ? sg : "", sg ? "'?)" : "");
    return -1;
}

/* defended:SITE: a site of the catalog, else a place of the scenario. */
static int find_site(const bmd_scenario *s, const bmd_scenario_env *env, const char *arg,
                     bmd_metric *m, bmd_errbuf *err)
{
    const bmd_site *site = NULL;
    if (env && env->sites && bmd_site_find(env->sites, arg, &site, NULL) == BMD_OK) {
        m->lat_rad = site->lat_rad, m->lon_rad = site->lon_rad;
        return BMD_OK;
    }
    const bmd_scn_place *pl[3];
    const char *names[64];
    size_t nn = 0;
    for (size_t i = 0; i < s->n_batteries + s->n_threats; i++) {
        size_t np = 0;
        if (i < s->n_batteries)
            pl[np++] = &s->battery[i].site;
        else
            pl[np++] = &s->threat[i - s->n_batteries].launch,
            pl[np++] = &s->threat[i - s->n_batteries].aim;
        for (size_t j = 0; j < np; j++) {
            if (strcmp(pl[j]->name, arg) == 0) {
                m->lat_rad = pl[j]->lat_rad, m->lon_rad = pl[j]->lon_rad;
                return BMD_OK;
            }
            if (nn < 64) names[nn++] = pl[j]->name;
        }
    }
    const char *sg = NULL;
    bmd_errbuf e2 = {{0}};
    if (env && env->sites && bmd_site_find(env->sites, arg, &site, &e2) == BMD_ENOTFOUND &&
        strstr(e2.msg, "did you mean"))
        return bmd_err_set(err, BMD_ENOTFOUND, "metric 'defended:%s': %s", arg, e2.msg);
    sg = bmd_suggest(arg, names, nn);
    return bmd_err_set(err, BMD_ENOTFOUND, "metric 'defended:%s': unknown site '%s'%s%s%s", arg,
                       arg, sg ? " (did you mean '" : "", sg ? sg : "", sg ? "'?)" : "");
}

int bmd_metric_parse(const bmd_scenario *s, const char *name, bmd_metric *m, bmd_errbuf *err)
{
    return bmd_metric_parse_env(s, NULL, name, m, err);
}

int bmd_metric_parse_env(const bmd_scenario *s, const bmd_scenario_env *env, const char *name,
                         bmd_metric *m, bmd_errbuf *err)
{
    if (s == NULL || name == NULL || m == NULL)
        return bmd_err_set(err, BMD_EINVAL, "metric: NULL argument");
    memset(m, 0, sizeof *m);
    if (strlen(name) >= sizeof m->name)
        return bmd_err_set(err, BMD_EINVAL, "metric '%.30s...': name too long", name);
    snprintf(m->name, sizeof m->name, "%s", name);
    char base[72];
    snprintf(base, sizeof base, "%s", name);
    char *colon = strchr(base, ':');
    const char *arg = NULL;
    if (colon) {
        *colon = '\0';
        arg = colon + 1;
    }
    m->kind = -1;
    for (int i = 0; i < BMD_MET_COUNT; i++)
        if (strcmp(base, REG[i].name) == 0) m->kind = i;
    if (m->kind < 0) {
        const char *sg = bmd_suggest(base, bmd_metric_names(), BMD_MET_COUNT);
        return bmd_err_set(err, BMD_ENOTFOUND, "unknown metric '%s'%s%s%s", base,
                           sg ? " (did you mean '" : "", sg ? sg : "", sg ? "'?)" : "");
    }
    m->stochastic = REG[m->kind].stochastic;
    m->unit = REG[m->kind].unit;
    m->index = -1;
    if (REG[m->kind].arg == 0 && arg != NULL)
        return bmd_err_set(err, BMD_EINVAL, "metric '%s' takes no ':%s'", base, arg);
    m->res_m = BMD_METRIC_FP_RES_M;
    if (REG[m->kind].arg == 3) {
        if (arg == NULL || *arg == '\0')
            return bmd_err_set(err, BMD_EINVAL, "metric '%s': name a site (%s:SITE)", base, base);
        if (s->n_batteries == 0 || s->n_threats == 0)
            return bmd_err_set(err, BMD_EINVAL,
                               "metric '%s': the scenario needs a battery and a threat", base);
        return find_site(s, env, arg, m, err);
    }
    if (REG[m->kind].arg == 4) {
        if (arg == NULL || strlen(arg) != 3)
            return bmd_err_set(err, BMD_EINVAL,
                               "metric '%s': name a country by its ISO 3166 alpha-3 code (%s:KOR)",
                               base, base);
        snprintf(m->code, sizeof m->code, "%s", arg);
        m->country = -1;
    }
    if (REG[m->kind].arg == 1 || REG[m->kind].arg == 2) {
        m->index = find_arg(s, REG[m->kind].arg, base, arg, err);
        if (m->index < 0) return err && strstr(err->msg, "name one") ? BMD_EINVAL : BMD_ENOTFOUND;
    }
    if (m->stochastic && s->n_batteries == 0 && m->kind != BMD_MET_FIRST_DETECTION)
        return bmd_err_set(err, BMD_EINVAL, "metric '%s': the scenario has no battery", base);
    if ((m->kind == BMD_MET_FIRST_DETECTION || m->kind == BMD_MET_TRACK_RANGE ||
         m->kind == BMD_MET_SEEN) &&
        s->n_radars == 0)
        return bmd_err_set(err, BMD_EINVAL, "metric '%s': the scenario has no radar", base);
    if ((m->kind == BMD_MET_DEFENDED_AREA || bmd_metric_needs_land(m)) &&
        (s->n_batteries == 0 || s->n_threats == 0))
        return bmd_err_set(err, BMD_EINVAL,
                           "metric '%s': the scenario needs a battery and a threat", base);
    return BMD_OK;
}

int bmd_metric_needs_land(const bmd_metric *m)
{
    return m->kind == BMD_MET_DEFENDED_FRACTION || m->kind == BMD_MET_DEFENDED_POPULATION;
}

int bmd_metric_set_land(bmd_metric *m, const bmd_land *land, bmd_errbuf *err)
{
    if (!bmd_metric_needs_land(m)) return BMD_OK;
    m->land = land;
    if (m->kind != BMD_MET_DEFENDED_FRACTION) return BMD_OK;
    const char *codes[300];
    size_t nc = 0;
    for (size_t i = 0; i < land->n_countries; i++) {
        if (strcmp(land->country[i].code, m->code) == 0) {
            m->country = (int)i;
            return BMD_OK;
        }
        if (nc < 300) codes[nc++] = land->country[i].code;
    }
    const char *sg = bmd_suggest(m->code, codes, nc);
    return bmd_err_set(err, BMD_ENOTFOUND, "metric '%s': no country '%s' in the land data%s%s%s",
                       m->name, m->code, sg ? " (did you mean '" : "", sg ? sg : "",
                       sg ? "'?)" : "");
}

/* Per-run tallies of the Monte Carlo metrics. */
typedef struct tally {
    double n, no_leak, fired, kills, fired2, kills2, fired_kills;
    double *neg;               /* [n_threats] intercepted counts */
    double *det, *det2, *ndet; /* [n_threats] first-detection sums */
} tally;

static int run_mc(const bmd_engage_plan *plan, size_t nk, long runs, uint64_t seed, tally *t,
                  bmd_errbuf *err)
{
    bmd_engage_opts o;
    bmd_engage_opts_init(&o);
    o.record = 0;
    o.draw_uncertain = 0; /* the parameters are set by the caller */
    o.cache = bmd_engage_cache_new(plan);
    for (long r = 0; r < runs; r++) {
        bmd_engage_result res;
        int st = bmd_engage_run(plan, r, seed, &o, &res, err);
        if (st) {
            bmd_engage_cache_free(o.cache);
            return st;
        }
        double kills = 0.0;
        for (size_t k = 0; k < nk; k++) {
            if (res.threat[k].outcome == BMD_ENG_INTERCEPTED) {
                t->neg[k] += 1.0;
                kills += 1.0;
            }
            double d = res.threat[k].first_detect_time_s;
            if (d >= 0.0) {
                t->det[k] += d;
                t->det2[k] += d * d;
                t->ndet[k] += 1.0;
            }
        }
        double f = res.interceptors_fired;
        t->n += 1.0;
        t->no_leak += res.leakers == 0;
        t->fired += f;
        t->kills += kills;
        t->fired2 += f * f;
        t->kills2 += kills * kills;
        t->fired_kills += f * kills;
        bmd_engage_result_free(&res);
    }
    bmd_engage_cache_free(o.cache);
    return BMD_OK;
}

/* A proportion of n and the variance of its estimate p(1-p)/(n-1)
 * (unbiased for the variance of the mean of n Bernoulli draws). */
static void proportion(double c, double n, double *v, double *nv)
{
    double p = c / n;
    *v = p;
    *nv = n > 1.0 ? p * (1.0 - p) / (n - 1.0) : 0.0;
}

static void mc_value(const bmd_metric *m, const tally *t, double *v, double *nv)
{
    double n = t->n;
    switch (m->kind) {
    case BMD_MET_P_NO_LEAKER:
        proportion(t->no_leak, n, v, nv);
        break;
    case BMD_MET_P_NEGATION:
        proportion(t->neg[m->index], n, v, nv);
        break;
    case BMD_MET_INTERCEPTORS_PER_KILL: {
        /* ratio of means R = F/K; delta-method variance
         * (var F - 2R cov(F,K) + R^2 var K) / (n mean(K)^2) (Cochran,
         * Sampling Techniques, 3rd ed. 1977, sect. 6.3) */
        if (!(t->kills > 0.0)) {
            *v = NAN;
            *nv = NAN;
            break;
        }
        double mf = t->fired / n, mk = t->kills / n, r = t->fired / t->kills;
        double vf = n > 1 ? (t->fired2 - n * mf * mf) / (n - 1) : 0.0;
        double vk = n > 1 ? (t->kills2 - n * mk * mk) / (n - 1) : 0.0;
        double cfk = n > 1 ? (t->fired_kills - n * mf * mk) / (n - 1) : 0.0;
        *v = r;
        *nv = (vf - 2.0 * r * cfk + r * r * vk) / (n * mk * mk);
        break;
    }
    case BMD_MET_FIRST_DETECTION: {
        double c = t->ndet[m->index];
        if (!(c > 0.0)) {
            *v = NAN;
            *nv = NAN;
            break;
        }
        double mu = t->det[m->index] / c;
        *v = mu;
        *nv = c > 1 ? (t->det2[m->index] - c * mu * mu) / (c - 1) / c : 0.0;
        break;
    }
    default:
        break;
    }
}

static int track_range(const bmd_scenario *s, int radar, double *out)
{
    double rcs = 0.0;
    if (bmd_rcs_eval(&s->threat[0].rcs, 0.0, &rcs) != BMD_OK || !(rcs > 0.0)) rcs = 0.1;
    bmd_coverage_row row[2];
    int st = bmd_coverage_range_table(&s->radar[radar].radar, 2, rcs, rcs * 1.000001, row);
    *out = row[0].effective_m;
    return st;
}

int bmd_metric_eval(const bmd_scenario *s, const bmd_metric *m, size_t n, long runs, uint64_t seed,
                    double *value, double *noise_var, bmd_errbuf *err)
{
    if (s == NULL || m == NULL || value == NULL || runs < 1)
        return bmd_err_set(err, BMD_EINVAL, "metric eval: bad arguments");
    int need_plan = 0, need_mc = 0;
    for (size_t i = 0; i < n; i++) {
        need_plan |= m[i].kind != BMD_MET_TRACK_RANGE && !bmd__metric_is_fp(m[i].kind);
        need_mc |= m[i].stochastic;
    }
    bmd_engage_plan *plan = NULL;
    int st = need_plan ? bmd_engage_prepare(s, &plan, err) : BMD_OK;
    if (st) return st;
    size_t nk = s->n_threats;
    tally t;
    memset(&t, 0, sizeof t);
    double *buf = calloc(4 * nk, sizeof *buf);
    if (buf == NULL) {
        bmd_engage_plan_free(plan);
        return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    }
    t.neg = buf;
    t.det = buf + nk;
    t.det2 = buf + 2 * nk;
    t.ndet = buf + 3 * nk;
    if (need_mc) st = run_mc(plan, nk, runs, seed, &t, err);
    if (st == BMD_OK) st = bmd__metric_fp_eval(s, m, n, value, err);
    for (size_t i = 0; st == BMD_OK && i < n; i++) {
        double v = NAN, nv = 0.0;
        const bmd_traj_summary *sm =
            m[i].index >= 0 && plan ? bmd_engage_plan_summary(plan, (size_t)m[i].index) : NULL;
        switch (m[i].kind) {
        case BMD_MET_RANGE:
            v = sm ? sm->range_m : NAN;
            break;
        case BMD_MET_APOGEE:
            v = sm ? sm->apogee_alt_m : NAN;
            break;
        case BMD_MET_FLIGHT_TIME:
            v = sm ? sm->flight_time_s : NAN;
            break;
        case BMD_MET_TRACK_RANGE:
            st = track_range(s, m[i].index, &v);
            break;
        case BMD_MET_DEFENDED_AREA:
        case BMD_MET_DEFENDED:
        case BMD_MET_SEEN:
        case BMD_MET_DEFENDED_FRACTION:
        case BMD_MET_DEFENDED_POPULATION:
            v = value[i]; /* bmd__metric_fp_eval's */
            break;
        default:
            mc_value(&m[i], &t, &v, &nv);
            break;
        }
        value[i] = v;
        if (noise_var) noise_var[i] = nv;
    }
    free(buf);
    bmd_engage_plan_free(plan);
    if (st && err && err->msg[0] == '\0') bmd_err_set(err, st, "metric evaluation failed");
    return st;
}

/* Deep copy of the scenario's arrays (the plain fields by value). */
static int copy_scenario(bmd_scenario *d, const bmd_scenario *s)
{
    *d = *s;
    d->battery = NULL;
    d->radar = NULL;
    d->threat = NULL;
    if (s->n_batteries && !(d->battery = malloc(s->n_batteries * sizeof *d->battery)))
        return BMD_ENOMEM;
    if (s->n_radars && !(d->radar = malloc(s->n_radars * sizeof *d->radar))) return BMD_ENOMEM;
    if (s->n_threats && !(d->threat = malloc(s->n_threats * sizeof *d->threat))) return BMD_ENOMEM;
    if (s->n_batteries) memcpy(d->battery, s->battery, s->n_batteries * sizeof *d->battery);
    if (s->n_radars) memcpy(d->radar, s->radar, s->n_radars * sizeof *d->radar);
    if (s->n_threats) memcpy(d->threat, s->threat, s->n_threats * sizeof *d->threat);
    return BMD_OK;
}

int bmd_uq_scenario_eval(const bmd_uq_scenario_model *m, const double *x, double *y,
                         bmd_errbuf *err)
{
    bmd_scenario s;
    int st = copy_scenario(&s, m->base);
    if (st) {
        bmd_scenario_free(&s);
        return bmd_err_set(err, st, "out of memory");
    }
    for (size_t i = 0; st == BMD_OK && i < m->k; i++)
        st = bmd_uq_apply(&s, m->env, &m->param[i], x[i], err);
    bmd_errbuf why;
    if (st == BMD_OK && (st = bmd_scenario_check(&s, &why)) != BMD_OK) {
        char vals[200] = "";
        size_t len = 0;
        for (size_t i = 0; i < m->k && len < sizeof vals - 40; i++)
            len += (size_t)snprintf(vals + len, sizeof vals - len, "%s%s = %g", i ? ", " : "",
                                    m->param[i].path, x[i]);
        bmd_err_set(err, st, "%s: %s", vals, why.msg);
    }
    if (st == BMD_OK)
        st = bmd_metric_eval(&s, m->metric, m->n_metrics, m->runs, m->seed, y, y + m->n_metrics,
                             err);
    bmd_scenario_free(&s);
    return st;
}

int bmd_uq_scenario_fn(void *ctx, size_t row, int thread, const double *u, size_t k, double *y,
                       bmd_errbuf *err)
{
    (void)row, (void)thread;
    const bmd_uq_scenario_model *m = ctx;
    double x[BMD_UQ_MAX_K];
    for (size_t i = 0; i < k && i < BMD_UQ_MAX_K; i++)
        x[i] = bmd_uq_param_value(&m->param[i], u[i]);
    return bmd_uq_scenario_eval(m, x, y, err);
}
