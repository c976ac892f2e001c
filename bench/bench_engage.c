/*
 * bench_engage.c: throughput of the engagement simulation (bmd/engage.h)
 * and of its Monte Carlo (bmd/montecarlo.h) on the default scenario
 * (data/scenarios/default.yaml: THAAD and AN/TPY-2 terminal mode at
 * Seongju, one Nodong-class missile north-hwanghae -> busan, EKF tracking,
 * shoot-look-shoot).
 *
 *   (a) bmd_engage_prepare: targeting solve and fly-out of the threat,
 *       radar set-up, the battery's fly-out table;
 *   (b) single engagements (bmd_engage_run, noise on, timeline and track
 *       rows recorded, no output written), serial;
 *   (c) the same without recording (what the Monte Carlo runs);
 *   (d) bmd_mc_run on 1 and on 2 threads (runs per second);
 *   (e) (d) with perfect tracking and no noise, where the fly-out memo
 *       (bmd_engage_cache) serves repeated launch solutions.
 *
 * Rates are per CPU-second: of the calling thread for the serial cases, of
 * the whole process (all threads) for the Monte Carlo, whose wall-clock
 * rate is also given (it depends on the machine's other load).
 *
 * Usage: bench_engage [--json] [seconds per case, default 2]
 */
#include "bench_common.h"

#include "bmd/engage.h"
#include "bmd/interceptor_catalog.h"
#include "bmd/catalog.h"
#include "bmd/montecarlo.h"
#include "bmd/radar_catalog.h"
#include "bmd/scenario_load.h"

static double now_s(void)
{
    return bench_thread_cpu_s();
}

static bench_out B;

static const char *data_dir(void)
{
    const char *d = getenv("BMD_DATA_DIR");
    return (d != NULL && d[0] != '\0') ? d : BMD_DATA_DIR_DEFAULT;
}

static int die(const char *what, const bmd_errbuf *e)
{
    fprintf(stderr, "bench_engage: %s: %s\n", what, e->msg);
    return 1;
}

/* Monte Carlo runs per process CPU-second with `threads` threads; *wall_rate:
 * runs per wall-clock second. */
static double mc_rate(const bmd_engage_plan *plan, int threads, double secs, long *runs_done,
                      double *wall_rate)
{
    long runs = 50, total = 0;
    double t0 = bench_process_cpu_s(), w0 = bench_wall_s();
    do {
        bmd_mc_result r;
        bmd_errbuf e;
        if (bmd_mc_run(plan, runs, 7, threads, NULL, NULL, NULL, &r, &e) != BMD_OK) {
            die("montecarlo", &e);
            return 0.0;
        }
        bmd_mc_result_free(&r);
        total += runs;
    } while (bench_process_cpu_s() - t0 < secs);
    *runs_done = total;
    *wall_rate = (double)total / (bench_wall_s() - w0);
    return (double)total / (bench_process_cpu_s() - t0);
}

int main(int argc, char **argv)
{
    bench_out_init(&B, "engage", &argc, argv);
    double secs = argc > 1 ? atof(argv[1]) : 2.0;
    if (!(secs > 0.0)) secs = 2.0;
    bmd_site_list sites;
    bmd_missile_list missiles;
    bmd_radar_catalog radars;
    bmd_interceptor_list ics;
    memset(&sites, 0, sizeof sites);
    memset(&missiles, 0, sizeof missiles);
    memset(&radars, 0, sizeof radars);
    memset(&ics, 0, sizeof ics);
    bmd_errbuf e;
    char p[1024];
    const char *d = data_dir();
    if (bmd_data_path(p, sizeof p, d, "sites.yaml") || bmd_site_list_load(p, &sites, &e) ||
        bmd_data_path(p, sizeof p, d, "catalog/missiles.yaml") ||
        bmd_missile_list_load(p, &missiles, &e) ||
        bmd_data_path(p, sizeof p, d, "catalog/radars.yaml") ||
        bmd_radar_catalog_load(p, &radars, &e) ||
        bmd_data_path(p, sizeof p, d, "catalog/interceptors.yaml") ||
        bmd_interceptor_list_load(p, &ics, &e))
        return die("catalogs", &e);
    bmd_scenario_env env = {&sites, &missiles, &radars, &ics};
    bmd_scenario s;
    bmd_scenario_init(&s);
    if (bmd_data_path(p, sizeof p, d, "scenarios/default.yaml") ||
        bmd_scenario_load(p, &env, &s, &e))
        return die("default scenario", &e);

    /* (a) prepare */
    bmd_engage_plan *plan = NULL;
    long n = 0;
    double t0 = now_s();
    do {
        if (plan) bmd_engage_plan_free(plan);
        if (bmd_engage_prepare(&s, &plan, &e) != BMD_OK) return die("prepare", &e);
        n++;
    } while (now_s() - t0 < secs);
    double t_prep = (now_s() - t0) / (double)n;

    /* (b), (c) single engagements */
    double rate[2];
    long n_ev = 0, n_tr = 0;
    for (int rec = 1; rec >= 0; rec--) {
        bmd_engage_opts o;
        bmd_engage_opts_init(&o);
        o.record = rec;
        o.draw_uncertain = 0;
        n = 0;
        t0 = now_s();
        do {
            bmd_engage_result r;
            if (bmd_engage_run(plan, n, 7, &o, &r, &e) != BMD_OK) return die("run", &e);
            if (rec) {
                n_ev = (long)r.n_events;
                n_tr = (long)r.n_tracks;
            }
            bmd_engage_result_free(&r);
            n++;
        } while (now_s() - t0 < secs);
        rate[rec] = (double)n / (now_s() - t0);
    }

    /* (d) Monte Carlo, EKF with noise */
    long r1, r2;
    double w1, w2;
    double mc1 = mc_rate(plan, 1, secs, &r1, &w1);
    double mc2 = mc_rate(plan, 2, secs, &r2, &w2);

    /* (e) perfect tracking, no noise: the fly-out memo */
    bmd_engage_plan *plan_t = NULL;
    s.filter = BMD_FILTER_TRUTH;
    if (bmd_engage_prepare(&s, &plan_t, &e) != BMD_OK) return die("prepare (truth)", &e);
    long rt1;
    double mct1 = 0.0;
    {
        long runs = 1000, total = 0;
        bmd_engage_opts o;
        bmd_engage_opts_init(&o);
        o.noise = 0;
        o.record = 0;
        t0 = now_s();
        do {
            bmd_mc_result r;
            if (bmd_mc_run(plan_t, runs, 7, 1, &o, NULL, NULL, &r, &e) != BMD_OK)
                return die("montecarlo (truth)", &e);
            bmd_mc_result_free(&r);
            total += runs;
        } while (now_s() - t0 < secs);
        rt1 = total;
        mct1 = (double)total / (now_s() - t0);
    }

    fprintf(B.txt, "bench_engage: default scenario (%s)\n", s.name);
    fprintf(B.txt, "(a) prepare (targeting, fly-out, radar, fly-out table): %.1f ms\n",
            1e3 * t_prep);
    fprintf(B.txt,
            "(b) single engagement, EKF, noise, recorded (%ld events, %ld track rows): "
            "%.0f engagements/s (%.2f ms)\n",
            n_ev, n_tr, rate[1], 1e3 / rate[1]);
    fprintf(B.txt, "(c) single engagement, outcomes only: %.0f engagements/s (%.2f ms)\n", rate[0],
            1e3 / rate[0]);
    fprintf(B.txt,
            "(d) Monte Carlo, EKF, noise: 1 thread %.0f runs/CPU-s (%ld runs), 2 threads %.0f "
            "runs/CPU-s, %.0f runs/s wall (%ld runs; load %.1f)\n",
            mc1, r1, mc2, w2, r2, bench_load_avg());
    fprintf(B.txt,
            "(e) Monte Carlo, perfect tracking, no noise, fly-out memo: 1 thread %.0f runs/s "
            "(%ld runs)\n",
            mct1, rt1);
    bench_fig(&B, "prepare_ms", 1e3 * t_prep);
    bench_fig(&B, "engagements_per_s_recorded", rate[1]);
    bench_fig(&B, "engagements_per_s", rate[0]);
    bench_fig(&B, "mc_engagements_per_s_1t", mc1);
    bench_fig(&B, "mc_engagements_per_s_wall_1t", w1);
    bench_fig(&B, "mc_engagements_per_s_2t", mc2);
    bench_fig(&B, "mc_engagements_per_s_wall_2t", w2);
    bench_fig(&B, "mc_truth_engagements_per_s_1t", mct1);
    bench_out_end(&B);
    bmd_engage_plan_free(plan);
    bmd_engage_plan_free(plan_t);
    bmd_scenario_free(&s);
    bmd_site_list_free(&sites);
    bmd_missile_list_free(&missiles);
    bmd_radar_catalog_free(&radars);
    bmd_interceptor_list_free(&ics);
    return 0;
}
