/*
 * bench_uq.c: throughput of the sensitivity machinery (bmd/sensitivity.h,
 * bmd/metric.h) on the default scenario (data/scenarios/default.yaml and
 * its uncertain: block of five parameters):
 *
 *   (a) the estimators alone: Saltelli design + evaluation + indices with
 *       500 bootstrap replicates on the Ishigami function (model runs/s);
 *   (b) one model run of the scenario = copy, apply the five parameters,
 *       bmd_engage_prepare (targeting, fly-out, fly-out table) and R
 *       engagements with common random numbers, for R = 1 and 16, on 1 and
 *       2 threads (model runs/s);
 *   (c) a single engagement on a prepared plan (bmd_engage_run, outcomes
 *       only) for the cost ratio of (b) to it.
 *
 * Usage: bench_uq [--json] [seconds per case, default 2]
 */

#include "bench_common.h"

#include "bmd/engage.h"
#include "bmd/interceptor_catalog.h"
#include "bmd/catalog.h"
#include "bmd/metric.h"
#include "bmd/radar_catalog.h"
#include "bmd/scenario_load.h"
#include "bmd/sensitivity.h"
#include "bmd/uncertain.h"

/* rates are per CPU-second of the whole process (all threads) */
static double now_s(void)
{
    return bench_process_cpu_s();
}

static bench_out B;

static const char *data_dir(void)
{
    const char *d = getenv("BMD_DATA_DIR");
    return (d != NULL && d[0] != '\0') ? d : BMD_DATA_DIR_DEFAULT;
}

static int ishigami(void *ctx, size_t row, int thread, const double *u, size_t k, double *y,
                    bmd_errbuf *err)
{
    (void)ctx, (void)row, (void)thread, (void)k, (void)err;
    *y = bmd_uq_ishigami(u, 7.0, 0.1);
    return BMD_OK;
}

/* Model runs per second of the scenario model on `threads` threads. */
static double scenario_rate(bmd_uq_scenario_model *m, int threads, double secs, size_t *done)
{
    size_t rows = 8, total = 0;
    double *u = malloc(rows * m->k * sizeof *u), *y = malloc(rows * 2 * sizeof *y);
    double t0 = now_s();
    uint64_t seed = 1;
    do {
        bmd_errbuf e;
        bmd_uq_lhs(m->k, rows, seed++, u, NULL);
        if (bmd_uq_evaluate(bmd_uq_scenario_fn, m, u, rows, m->k, 2, threads, NULL, NULL, y, &e)) {
            fprintf(stderr, "bench_uq: %s\n", e.msg);
            break;
        }
        total += rows;
    } while (now_s() - t0 < secs);
    free(u);
    free(y);
    *done = total;
    return (double)total / (now_s() - t0);
}

int main(int argc, char **argv)
{
    bench_out_init(&B, "uq", &argc, argv);
    double secs = argc > 1 ? atof(argv[1]) : 2.0;
    if (!(secs > 0.0)) secs = 2.0;
    /* (a) */
    {
        size_t k = 3, n = 4096, rows = bmd_sobol_design_rows(k, n);
        double *u = malloc(rows * k * sizeof *u), *y = malloc(rows * sizeof *y);
        bmd_sobol_index idx[3];
        long reps = 0;
        double t0 = now_s();
        do {
            bmd_sobol_design(k, n, (uint64_t)reps, BMD_UQ_QMC, u, NULL);
            bmd_uq_evaluate(ishigami, NULL, u, rows, k, 1, 1, NULL, NULL, y, NULL);
            bmd_sobol_indices(k, n, y, 500, 0.95, 1, idx, NULL, NULL);
            reps++;
        } while (now_s() - t0 < secs);
        double dt = now_s() - t0;
        fprintf(B.txt,
                "(a) Sobol' analysis of Ishigami, N = 4096 (20,480 runs) + 500 bootstrap: "
                "%.1f ms per analysis\n",
                1e3 * dt / (double)reps);
        bench_fig(&B, "sobol_ishigami_ms", 1e3 * dt / (double)reps);
        free(u);
        free(y);
    }
    bmd_site_list sites = {0};
    bmd_missile_list missiles = {0};
    bmd_radar_catalog radars = {0};
    bmd_interceptor_list ics = {0};
    char p[1024];
    bmd_errbuf e;
    const char *d = data_dir();
    if (bmd_data_path(p, sizeof p, d, "sites.yaml") || bmd_site_list_load(p, &sites, &e) ||
        bmd_data_path(p, sizeof p, d, "catalog/missiles.yaml") ||
        bmd_missile_list_load(p, &missiles, &e) ||
        bmd_data_path(p, sizeof p, d, "catalog/radars.yaml") ||
        bmd_radar_catalog_load(p, &radars, &e) ||
        bmd_data_path(p, sizeof p, d, "catalog/interceptors.yaml") ||
        bmd_interceptor_list_load(p, &ics, &e)) {
        fprintf(stderr, "bench_uq: catalogs: %s\n", e.msg);
        return 1;
    }
    bmd_scenario_env env = {&sites, &missiles, &radars, &ics};
    bmd_scenario s;
    bmd_scenario_init(&s);
    bmd_uq_space sp;
    if (bmd_data_path(p, sizeof p, d, "scenarios/default.yaml") ||
        bmd_scenario_load(p, &env, &s, &e) ||
        bmd_uq_space_load(p, NULL, 0, NULL, &s, &env, &sp, &e)) {
        fprintf(stderr, "bench_uq: scenario: %s\n", e.msg);
        return 1;
    }
    bmd_metric m;
    bmd_metric_parse(&s, "p_no_leaker", &m, &e);
    /* (b) */
    bmd_uq_scenario_model model = {&s, &env, sp.p, sp.n, &m, 1, 1, 7};
    long rr[2] = {1, 16};
    double rate16_1 = 0.0;
    for (int i = 0; i < 2; i++)
        for (int th = 1; th <= 2; th++) {
            model.runs = rr[i];
            size_t done;
            double r = scenario_rate(&model, th, secs, &done);
            if (i == 1 && th == 1) rate16_1 = r;
            char key[64];
            snprintf(key, sizeof key, "model_runs_per_s_%ldeng_%dt", rr[i], th);
            bench_fig(&B, key, r);
            fprintf(B.txt,
                    "(b) scenario model run, %2ld engagements, %d thread%s: %.2f model runs/s "
                    "(%.0f ms each, %zu runs)\n",
                    rr[i], th, th > 1 ? "s" : "", r, 1e3 / r, done);
        }
    /* (c) */
    bmd_engage_plan *plan;
    if (bmd_engage_prepare(&s, &plan, &e)) {
        fprintf(stderr, "bench_uq: prepare: %s\n", e.msg);
        return 1;
    }
    bmd_engage_opts o;
    bmd_engage_opts_init(&o);
    o.record = 0;
    long n = 0;
    double t0 = now_s();
    do {
        bmd_engage_result res;
        if (bmd_engage_run(plan, n, 7, &o, &res, &e)) break;
        bmd_engage_result_free(&res);
        n++;
    } while (now_s() - t0 < secs);
    double eng = (double)n / (now_s() - t0);
    fprintf(B.txt, "(c) single engagement (outcomes only): %.1f engagements/s (%.1f ms)\n", eng,
            1e3 / eng);
    fprintf(B.txt, "    a model run with 16 engagements costs %.1f single engagements\n",
            eng / rate16_1);
    bench_fig(&B, "engagements_per_s", eng);
    bench_out_end(&B);
    bmd_engage_plan_free(plan);
    bmd_scenario_free(&s);
    bmd_site_list_free(&sites);
    bmd_missile_list_free(&missiles);
    bmd_radar_catalog_free(&radars);
    bmd_interceptor_list_free(&ics);
    return 0;
}
