/*
 * bmd/montecarlo.h: N seeded runs of an engagement (bmd/engage.h) in
 * parallel (OpenMP), with probabilities and their 95 % Wilson intervals.
 *
 * Run i uses the random streams of (seed, i) only, and the per-run outcomes
 * are stored by run index and summed in run order after the parallel loop:
 * the result is the same, bit for bit, for any number of threads, and for
 * any number of processes that each run a block (bmd_mc_run_range) and
 * concatenate the outcomes for bmd_mc_reduce.
 */
#ifndef BMD_MONTECARLO_H
#define BMD_MONTECARLO_H

#include <stddef.h>
#include <stdint.h>

#include "bmd/engage.h"

/* Per threat. */
typedef struct bmd_mc_threat {
    long intercepted, leaked, not_engaged; /* run counts */
    double p_negation;                     /* intercepted / runs */
    double p_lo, p_hi;                     /* 95 % Wilson interval */
    double mean_interceptors;              /* interceptors fired at it per run */
    double sd_interceptors;                /* their standard deviation */
} bmd_mc_threat;

/* Per radar: its time budget over the runs (bmd/engage.h: each run's
 * largest occupancy and demand, and the share of the run's cycles with the
 * demand above 1); means in run order, 90th percentiles by nearest rank. */
typedef struct bmd_mc_radar {
    double occupancy_max_mean, occupancy_max_p90;
    double demand_max_mean, demand_max_p90;
    double over_share_mean; /* mean share of time above 100 % demand */
} bmd_mc_radar;

typedef struct bmd_mc_result {
    long runs;
    size_t n_threats;
    bmd_mc_threat *threat; /* malloc'd [n_threats]; bmd_mc_result_free */
    long no_leaker_runs;   /* runs in which every warhead was intercepted (a
                              released object that is not a warhead is never a
                              leaker) */
    double p_no_leaker, p_no_leaker_lo, p_no_leaker_hi;
    double mean_interceptors_fired;           /* per run */
    double mean_interceptors_at_non_warheads; /* per run: fired at tanks, debris
                                                 and decoys */
    /* Miss distance of each engaged threat in each run (that of the killing
     * shot, else of the last shot), m: its median and 90th percentile
     * (nearest rank) over the n_miss engaged (threat, run) pairs; NaN when
     * none was engaged. */
    long n_miss;
    double miss_median_m, miss_p90_m;
    size_t n_radars;     /* the scenario's radars; 0 when the reduction was
                            given no radar outcomes */
    bmd_mc_radar *radar; /* malloc'd [n_radars] (NULL when 0) */
} bmd_mc_result;

void bmd_mc_result_free(bmd_mc_result *r);

/* Progress: called from one thread with the runs done so far; return 0 to
 * go on, non-zero to stop (the Monte Carlo then returns BMD_EINTR). */
typedef int (*bmd_mc_progress_fn)(void *ctx, long done, long total);

/*
 * bmd_mc_run: runs 0 .. runs-1 of plan with seed.
 * Given:    plan; runs >= 1; seed; threads (<= 0: OpenMP default; 1: serial);
 *           opts for each run (NULL: noise on, no recording, uncertain
 *           parameters drawn; opts->cache is ignored: each thread gets its
 *           own bmd_engage_cache); progress (may be NULL)
 * Returned: *res (free with bmd_mc_result_free); err (the first failing
 *           run's message)
 * Returned (function value): BMD_OK; BMD_ENOMEM; BMD_EINTR; a run's error.
 */
int bmd_mc_run(const bmd_engage_plan *plan, long runs, uint64_t seed, int threads,
               const bmd_engage_opts *opts, bmd_mc_progress_fn progress, void *progress_ctx,
               bmd_mc_result *res, bmd_errbuf *err);

/* The outcome of one threat in one run, as the reduction needs it. */
typedef struct bmd_mc_outcome {
    int outcome;   /* bmd_eng_outcome of the threat */
    int used;      /* interceptors fired at it (at most 65535) */
    double miss_m; /* miss distance of the killing shot, else of the last one, m;
                      NaN when none was fired */
} bmd_mc_outcome;

/* One radar in one run, as the reduction needs it (bmd_engage_result's
 * radar_occupancy_max, radar_demand_max, radar_over_share). */
typedef struct bmd_mc_radar_outcome {
    double occupancy_max, demand_max, over_share;
} bmd_mc_radar_outcome;

/*
 * bmd_mc_run_range: runs first .. first+n-1 of plan with seed, without
 *           reduction: the block of one process of a distributed Monte
 *           Carlo (bmdsim run under mpirun).
 * Given:    plan; first >= 0; n >= 1; seed; threads, opts, progress as for
 *           bmd_mc_run (progress counts this block's runs)
 * Returned: out[(i - first) * n_threats + k] = threat k in run i
 *           (caller's array of n * n_threats); rout[(i - first) * n_radars
 *           + j] = radar j in run i (caller's array of n * n_radars; NULL:
 *           not wanted); err
 * Returned (function value): as bmd_mc_run.
 * Notes:    Run i depends on (plan, seed, i) only, so blocks computed by any
 *           number of processes and threads and concatenated in run order
 *           give bmd_mc_reduce the same array as one bmd_mc_run.
 */
int bmd_mc_run_range(const bmd_engage_plan *plan, long first, long n, uint64_t seed, int threads,
                     const bmd_engage_opts *opts, bmd_mc_progress_fn progress, void *progress_ctx,
                     bmd_mc_outcome *out, bmd_mc_radar_outcome *rout, bmd_errbuf *err);

/*
 * bmd_mc_reduce: the result of runs 0 .. runs-1 from their outcomes.
 * Given:    plan (its scenario's threats: their number n_threats and which
 *           are warheads); runs >= 1; out[runs * n_threats] in run order;
 *           rout[runs * n_radars] in run order (NULL: no radar statistics,
 *           res->n_radars 0)
 * Returned: *res (free with bmd_mc_result_free)
 * Returned (function value): BMD_OK; BMD_EINVAL; BMD_ENOMEM.
 */
int bmd_mc_reduce(const bmd_engage_plan *plan, long runs, const bmd_mc_outcome *out,
                  const bmd_mc_radar_outcome *rout, bmd_mc_result *res, bmd_errbuf *err);

/*
 * bmd_wilson: the 95 % Wilson score interval of k successes in n trials
 * (z = 1.959964). Wilson, J. Am. Stat. Assoc. 22 (1927) 209.
 */
void bmd_wilson(long k, long n, double *lo, double *hi);

#endif /* BMD_MONTECARLO_H */
