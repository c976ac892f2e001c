/*
 * montecarlo.c: seeded, thread-count-independent Monte Carlo of an
 * engagement (bmd/montecarlo.h).
 */
#include "bmd/montecarlo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

void bmd_wilson(long k, long n, double *lo, double *hi)
{
    if (n <= 0) {
        *lo = 0.0;
        *hi = 1.0;
        return;
    }
    const double z = 1.959964;
    double nn = (double)n, p = (double)k / nn, z2 = z * z;
    double c = (p + z2 / (2.0 * nn)) / (1.0 + z2 / nn);
    double h = z / (1.0 + z2 / nn) * sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn));
    *lo = c - h > 0.0 ? c - h : 0.0;
    *hi = c + h < 1.0 ? c + h : 1.0;
}

void bmd_mc_result_free(bmd_mc_result *r)
{
    if (r == NULL) return;
    free(r->threat);
    free(r->radar);
    memset(r, 0, sizeof *r);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median and 90th percentile (nearest rank) of the finite misses, which it
 * sorts to the front of v; NaN when there are none. */
static void miss_quantiles(double *v, size_t n, bmd_mc_result *res)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i])) v[m++] = v[i];
    res->n_miss = (long)m;
    res->miss_median_m = res->miss_p90_m = NAN;
    if (m == 0) return;
    qsort(v, m, sizeof *v, cmp_double);
    res->miss_median_m = m % 2 ? v[m / 2] : 0.5 * (v[m / 2 - 1] + v[m / 2]);
    size_t k = (size_t)ceil(0.9 * (double)m); /* nearest rank, 1-based */
    res->miss_p90_m = v[(k > 0 ? k : 1) - 1];
}

/* The 90th percentile (nearest rank) of v[0..n-1], which it sorts. */
static double p90(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    size_t k = (size_t)ceil(0.9 * (double)n); /* nearest rank, 1-based */
    return v[(k > 0 ? k : 1) - 1];
}

/* The radar statistics of res from rout[runs * nr] (run order). */
static int radar_stats(long runs, size_t nr, const bmd_mc_radar_outcome *rout, bmd_mc_result *res)
{
    res->radar = calloc(nr ? nr : 1, sizeof *res->radar);
    double *v = malloc((size_t)runs * sizeof *v);
    if (!res->radar || !v) {
        free(v);
        return BMD_ENOMEM;
    }
    res->n_radars = nr;
    for (size_t j = 0; j < nr; j++) {
        bmd_mc_radar *q = &res->radar[j];
        double so = 0.0, sd = 0.0, ss = 0.0;
        for (long i = 0; i < runs; i++) {
            const bmd_mc_radar_outcome *w = &rout[(size_t)i * nr + j];
            so += w->occupancy_max;
            sd += w->demand_max;
            ss += w->over_share;
        }
        q->occupancy_max_mean = so / (double)runs;
        q->demand_max_mean = sd / (double)runs;
        q->over_share_mean = ss / (double)runs;
        for (long i = 0; i < runs; i++)
            v[i] = rout[(size_t)i * nr + j].occupancy_max;
        q->occupancy_max_p90 = p90(v, (size_t)runs);
        for (long i = 0; i < runs; i++)
            v[i] = rout[(size_t)i * nr + j].demand_max;
        q->demand_max_p90 = p90(v, (size_t)runs);
    }
    free(v);
    return BMD_OK;
}

int bmd_mc_run_range(const bmd_engage_plan *plan, long first, long n, uint64_t seed, int threads,
                     const bmd_engage_opts *opts, bmd_mc_progress_fn progress, void *progress_ctx,
                     bmd_mc_outcome *out, bmd_mc_radar_outcome *rout, bmd_errbuf *err)
{
    if (plan == NULL || out == NULL || first < 0 || n < 1)
        return bmd_err_set(err, BMD_EINVAL, "montecarlo: bad arguments");
    const bmd_scenario *s = bmd_engage_plan_scenario(plan);
    size_t nk = s->n_threats, nr = s->n_radars;
    bmd_engage_opts o;
    if (opts)
        o = *opts;
    else {
        bmd_engage_opts_init(&o);
        o.record = 0;
    }
    int *status = calloc((size_t)n, sizeof *status);
    if (!status) return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    long done = 0;
    int stop = 0; /* read and written atomically */
    /* One fly-out memo per thread (bmd_engage_cache): a result does not
     * depend on it, only the time does. */
#ifdef _OPENMP
    int nth = threads > 0 ? threads : omp_get_max_threads();
#else
    int nth = 1;
    (void)threads;
#endif
    bmd_engage_cache **cache = calloc((size_t)nth, sizeof *cache);
    if (cache == NULL) {
        free(status);
        return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    }
    o.cache = NULL; /* a caller's cache would be shared between threads */
    for (int j = 0; j < nth; j++)
        cache[j] = bmd_engage_cache_new(plan); /* NULL: run without */
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 1) num_threads(nth)
#endif
    for (long i = 0; i < n; i++) {
        int stopped;
#ifdef _OPENMP
#pragma omp atomic read
#endif
        stopped = stop;
        if (stopped) {
            status[i] = BMD_EINTR;
            continue;
        }
        bmd_engage_result r;
        bmd_engage_opts oi = o;
#ifdef _OPENMP
        oi.cache = cache[omp_get_thread_num()];
#else
        oi.cache = cache[0];
#endif
        int st = bmd_engage_run(plan, first + i, seed, &oi, &r, NULL);
        status[i] = st;
        if (st == BMD_OK) {
            for (size_t k = 0; k < nk; k++) {
                bmd_mc_outcome *q = &out[(size_t)i * nk + k];
                int u = r.threat[k].interceptors_used;
                q->outcome = r.threat[k].outcome;
                q->used = u > 65535 ? 65535 : u;
                q->miss_m = u > 0 ? r.threat[k].miss_distance_m : NAN;
            }
            for (size_t j = 0; rout != NULL && j < nr; j++)
                rout[(size_t)i * nr + j] = (bmd_mc_radar_outcome){
                    r.radar_occupancy_max[j], r.radar_demand_max[j], r.radar_over_share[j]};
            bmd_engage_result_free(&r);
        }
        long d;
#ifdef _OPENMP
#pragma omp atomic capture
#endif
        d = ++done;
        /* progress from one thread only (the master), and the final call
         * after the loop */
#ifdef _OPENMP
        if (progress && d < n && omp_get_thread_num() == 0 && progress(progress_ctx, d, n)) {
#pragma omp atomic write
            stop = 1;
        }
#else
        if (progress && d < n && progress(progress_ctx, d, n)) stop = 1;
#endif
    }
    if (progress && !stop) progress(progress_ctx, n, n);
    int st = BMD_OK;
    for (long i = 0; i < n && st == BMD_OK; i++)
        if (status[i] != BMD_OK) {
            st = status[i];
            if (st != BMD_EINTR) {
                /* re-run the first failing run serially for its message */
                bmd_engage_result r;
                st = bmd_engage_run(plan, first + i, seed, &o, &r, err);
                if (st == BMD_OK) bmd_engage_result_free(&r), st = BMD_EINVAL;
            } else {
                bmd_err_set(err, st, "montecarlo: stopped after %ld of %ld runs", done, n);
            }
        }
    for (int j = 0; j < nth; j++)
        bmd_engage_cache_free(cache[j]);
    free(cache);
    free(status);
    return st;
}

int bmd_mc_reduce(const bmd_engage_plan *plan, long runs, const bmd_mc_outcome *out,
                  const bmd_mc_radar_outcome *rout, bmd_mc_result *res, bmd_errbuf *err)
{
    if (plan == NULL || res == NULL || out == NULL || runs < 1)
        return bmd_err_set(err, BMD_EINVAL, "montecarlo: bad arguments");
    memset(res, 0, sizeof *res);
    const bmd_scenario *s = bmd_engage_plan_scenario(plan);
    size_t nk = s->n_threats;
    double *miss = malloc((size_t)runs * nk * sizeof *miss);
    res->threat = calloc(nk, sizeof *res->threat);
    if (!miss || !res->threat) {
        free(miss);
        bmd_mc_result_free(res);
        return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    }
    res->runs = runs;
    res->n_threats = nk;
    double fired = 0.0, fired_nw = 0.0;
    for (long i = 0; i < runs; i++) {
        int leak = 0;
        for (size_t k = 0; k < nk; k++) {
            const bmd_mc_outcome *q = &out[(size_t)i * nk + k];
            int oc = q->outcome;
            int wh = s->threat[k].kind == BMD_OBJ_WARHEAD;
            bmd_mc_threat *t = &res->threat[k];
            if (oc == BMD_ENG_INTERCEPTED)
                t->intercepted++;
            else if (oc == BMD_ENG_LEAKED)
                t->leaked++, leak |= wh;
            else
                t->not_engaged++, leak |= wh;
            double u = q->used;
            t->mean_interceptors += u;
            t->sd_interceptors += u * u;
            fired += u;
            if (!wh) fired_nw += u;
            miss[(size_t)i * nk + k] = q->miss_m;
        }
        if (!leak) res->no_leaker_runs++;
    }
    for (size_t k = 0; k < nk; k++) {
        bmd_mc_threat *t = &res->threat[k];
        double m = t->mean_interceptors / (double)runs;
        double v = t->sd_interceptors / (double)runs - m * m;
        t->mean_interceptors = m;
        t->sd_interceptors =
            sqrt(v > 0.0 ? v * (double)runs / (double)(runs > 1 ? runs - 1 : 1) : 0.0);
        t->p_negation = (double)t->intercepted / (double)runs;
        bmd_wilson(t->intercepted, runs, &t->p_lo, &t->p_hi);
    }
    res->p_no_leaker = (double)res->no_leaker_runs / (double)runs;
    bmd_wilson(res->no_leaker_runs, runs, &res->p_no_leaker_lo, &res->p_no_leaker_hi);
    res->mean_interceptors_fired = fired / (double)runs;
    res->mean_interceptors_at_non_warheads = fired_nw / (double)runs;
    miss_quantiles(miss, (size_t)runs * nk, res);
    free(miss);
    if (rout != NULL && radar_stats(runs, s->n_radars, rout, res) != BMD_OK) {
        bmd_mc_result_free(res);
        return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    }
    return BMD_OK;
}

int bmd_mc_run(const bmd_engage_plan *plan, long runs, uint64_t seed, int threads,
               const bmd_engage_opts *opts, bmd_mc_progress_fn progress, void *progress_ctx,
               bmd_mc_result *res, bmd_errbuf *err)
{
    if (plan == NULL || res == NULL || runs < 1)
        return bmd_err_set(err, BMD_EINVAL, "montecarlo: bad arguments");
    memset(res, 0, sizeof *res);
    size_t nk = bmd_engage_plan_scenario(plan)->n_threats;
    size_t nr = bmd_engage_plan_scenario(plan)->n_radars;
    bmd_mc_outcome *out = malloc((size_t)runs * (nk > 0 ? nk : 1) * sizeof *out);
    bmd_mc_radar_outcome *rout = malloc((size_t)runs * (nr > 0 ? nr : 1) * sizeof *rout);
    if (!out || !rout) {
        free(out);
        free(rout);
        return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    }
    int st = bmd_mc_run_range(plan, 0, runs, seed, threads, opts, progress, progress_ctx, out, rout,
                              err);
    if (st == BMD_OK) st = bmd_mc_reduce(plan, runs, out, rout, res, err);
    free(out);
    free(rout);
    return st;
}
