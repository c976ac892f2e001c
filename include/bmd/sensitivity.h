/*
 * bmd/sensitivity.h: global sensitivity analysis on the unit hypercube:
 * variance-based Sobol' indices (first order S1 and total ST) by Saltelli
 * sampling with bootstrap confidence intervals, and Morris elementary
 * effects (mu, mu*, sigma) for screening.
 *
 * The functions here know nothing of missiles: a model is any function of k
 * inputs u in [0, 1]^k (the caller maps u to its parameters, e.g. through the
 * inverse distribution functions of bmd/uncertain.h). The work is split in
 * three steps so that the costly middle one can run in parallel or on other
 * machines:
 *   1. a design: the rows u at which the model is evaluated
 *      (bmd_sobol_design, bmd_morris_design);
 *   2. the evaluations y[row] (bmd_uq_evaluate, or the caller's own loop);
 *   3. the estimators over y (bmd_sobol_indices, bmd_morris_effects).
 * Every step is a deterministic function of (k, n, seed): results are the
 * same, bit for bit, for any number of threads.
 *
 * References:
 *   Sobol', Math. Model. Comput. Exp. 1 (1993) 407 (the indices);
 *   Saltelli, Comput. Phys. Commun. 145 (2002) 280 (the A, B, A_B^i design);
 *   Saltelli, Annoni, Azzini, Campolongo, Ratto & Tarantola, Comput. Phys.
 *   Commun. 181 (2010) 259, Table 2 (estimators (b) for S1 and (f), Jansen
 *   1999, for ST);
 *   Jansen, Comput. Phys. Commun. 117 (1999) 35;
 *   Morris, Technometrics 33 (1991) 161 (elementary effects, trajectories);
 *   Campolongo, Cariboni & Saltelli, Environ. Model. Softw. 22 (2007) 1509
 *   (mu*, the mean of |EE|);
 *   Matousek, J. Complexity 14 (1998) 527 (random digital shift of a
 *   digital net);
 *   Efron & Tibshirani, An Introduction to the Bootstrap (1993), ch. 13
 *   (percentile intervals);
 *   Ishigami & Homma, Proc. ISUMA '90 (1990) 398; Saltelli, Ratto et al.,
 *   Global Sensitivity Analysis: The Primer (Wiley 2008), sect. 4.9 and 3.5
 *   (the Ishigami and g test functions and their analytic indices).
 */
#ifndef BMD_SENSITIVITY_H
#define BMD_SENSITIVITY_H

#include <stddef.h>
#include <stdint.h>

#include "bmd/status.h"

/* Largest k for the quasi-random Saltelli design: GSL's Sobol' generator
 * has 40 dimensions and the design uses 2k of them. */
#define BMD_SOBOL_MAX_K 20
/* Largest k for any design here. */
#define BMD_UQ_MAX_K 64

/* How the base matrices A and B are drawn. */
typedef enum bmd_uq_sampler {
    /* Sobol' low-discrepancy points (gsl_qrng_sobol, 2k dimensions) with a
     * random digital shift: each coordinate's 30-bit integer is XORed with a
     * per-dimension random word from (seed), and the point is put at the
     * centre of its 2^-30 cell, so no coordinate is exactly 0 or 1. The
     * shift keeps the net's stratification (Matousek 1998) and makes the
     * design random, so repeated seeds give independent estimates. */
    BMD_UQ_QMC = 0,
    /* Independent uniform pseudo-random points (bmd_rng stream (seed, j)
     * for base row j): the plain Monte Carlo design the bootstrap assumes. */
    BMD_UQ_MC = 1
} bmd_uq_sampler;

/* ---- Sobol' indices -------------------------------------------------- */

/* bmd_sobol_design_rows: n (k + 2), the model evaluations of a design. */
size_t bmd_sobol_design_rows(size_t k, size_t n);

/*
 * bmd_sobol_design: the Saltelli (2002, 2010) design.
 * Given:    k        inputs, 1 .. BMD_UQ_MAX_K (BMD_SOBOL_MAX_K for QMC)
 *           n        base sample size >= 2 (powers of 2 suit the QMC design)
 *           seed     the random shift (QMC) or the points (MC)
 *           sampler  BMD_UQ_QMC or BMD_UQ_MC
 * Returned: u[bmd_sobol_design_rows(k, n) * k], row-major: rows 0..n-1 are
 *           the matrix A, rows n..2n-1 the matrix B, rows (2+i)n..(3+i)n-1
 *           the matrix A_B^i (A with column i taken from B), i = 0..k-1.
 *           err on failure
 * Returned (function value): BMD_OK; BMD_EINVAL (k or n out of range, NULL
 *           u); BMD_ENOMEM.
 */
int bmd_sobol_design(size_t k, size_t n, uint64_t seed, bmd_uq_sampler sampler, double *u,
                     bmd_errbuf *err);

/* One input's indices with their bootstrap percentile interval. */
typedef struct bmd_sobol_index {
    double S1, S1_lo, S1_hi; /* first order */
    double ST, ST_lo, ST_hi; /* total */
} bmd_sobol_index;

/*
 * bmd_sobol_indices: the estimators over a design's model outputs.
 * Given:    k, n    as for bmd_sobol_design
 *           y       model outputs in the design's row order,
 *                   [bmd_sobol_design_rows(k, n)]
 *           n_boot  bootstrap replicates (0: no interval, lo = hi = the
 *                   estimate); 200-1000 is usual
 *           level   interval coverage, e.g. 0.95
 *           seed    the bootstrap resampling (replicate b draws from
 *                   bmd_rng stream (seed, b))
 * Returned: out[k]  S1, ST and their intervals; *var_y the output variance
 *           over A and B (may be NULL); err on failure
 * Returned (function value): BMD_OK; BMD_EINVAL (bad sizes, level outside
 *           (0, 1), a non-finite y); BMD_EDOM (the output variance is zero:
 *           the indices are undefined; out is zeroed); BMD_ENOMEM.
 * Notes:    1. With f_A, f_B, f_ABi the outputs on rows of A, B, A_B^i and V
 *           the variance of f over the 2n rows of A and B (outputs centred
 *           on their mean first, which leaves the estimators' expectations
 *           unchanged and reduces round-off):
 *             S1_i = (1/n) sum_j f_B,j (f_ABi,j - f_A,j) / V  (Saltelli 2010 (b))
 *             ST_i = (1/2n) sum_j (f_A,j - f_ABi,j)^2 / V      (Jansen 1999)
 *           2. The bootstrap resamples the n base rows j with replacement
 *           (the same j for A, B and every A_B^i) and takes the percentile
 *           interval. It assumes independent rows: for the QMC design it is
 *           conservative (the estimate varies less than iid rows would).
 *           3. S1 may come out slightly negative or above ST from sampling
 *           error; no clipping is done, so the interval stays honest.
 */
int bmd_sobol_indices(size_t k, size_t n, const double *y, long n_boot, double level, uint64_t seed,
                      bmd_sobol_index *out, double *var_y, bmd_errbuf *err);

/* ---- Morris elementary effects --------------------------------------- */

/* bmd_morris_design_rows: r (k + 1), the model evaluations of a design. */
size_t bmd_morris_design_rows(size_t k, size_t r);

/*
 * bmd_morris_design: r random one-at-a-time trajectories (Morris 1991) on a
 * p-level grid {0, 1/(p-1), ..., 1} with step Delta = p / (2 (p - 1)).
 * Given:    k       inputs, 1 .. BMD_UQ_MAX_K
 *           r       trajectories >= 2
 *           levels  p, even, >= 2 (4 is usual)
 *           seed    trajectory t draws from bmd_rng stream (seed, t)
 * Returned: u[r (k + 1) * k], row-major: trajectory t is rows
 *           t(k+1) .. t(k+1)+k; consecutive rows of a trajectory differ in
 *           exactly one input, by +-Delta, each input once, in random order
 * Returned (function value): BMD_OK; BMD_EINVAL.
 */
int bmd_morris_design(size_t k, size_t r, int levels, uint64_t seed, double *u, bmd_errbuf *err);

/* One input's elementary-effect statistics (per unit of u). */
typedef struct bmd_morris_effect {
    double mu;      /* mean of the elementary effects */
    double mu_star; /* mean of their absolute values (Campolongo 2007) */
    double sigma;   /* their standard deviation (r - 1 denominator) */
} bmd_morris_effect;

/*
 * bmd_morris_effects: statistics of the elementary effects
 * EE_i = (y(u + Delta e_i) - y(u)) / Delta of a Morris design.
 * Given:    k, r    as for bmd_morris_design
 *           u       the design (the changed input of each step is found by
 *                   comparing consecutive rows)
 *           y       model outputs [r (k + 1)]
 * Returned: out[k]; err on failure
 * Returned (function value): BMD_OK; BMD_EINVAL (bad sizes, a non-finite y,
 *           rows that do not differ in exactly one input).
 */
int bmd_morris_effects(size_t k, size_t r, const double *u, const double *y, bmd_morris_effect *out,
                       bmd_errbuf *err);

/*
 * bmd_uq_lhs: a Latin hypercube sample (McKay, Beckman & Conover,
 * Technometrics 21 (1979) 239): each input's range [0, 1] cut into n equal
 * strata, one point in each, strata paired at random across inputs.
 * Given:    k, n >= 1; seed (input d draws from bmd_rng stream (seed, d))
 * Returned: u[n * k], row-major
 * Returned (function value): BMD_OK; BMD_EINVAL.
 */
int bmd_uq_lhs(size_t k, size_t n, uint64_t seed, double *u, bmd_errbuf *err);

/* ---- evaluation ------------------------------------------------------ */

/*
 * A model: output(s) y[0 .. n_out-1] at the point u[0 .. k-1] of the unit
 * cube. row is the design row (for common random numbers: seed the model's
 * own noise from it, or from a fixed stream to share it between rows);
 * thread is 0 .. threads-1 (for per-thread workspace in ctx). Returns
 * BMD_OK or a negative status with err set.
 */
typedef int (*bmd_uq_model_fn)(void *ctx, size_t row, int thread, const double *u, size_t k,
                               double *y, bmd_errbuf *err);

/* Progress: called from one thread with the rows done; non-zero stops
 * (the evaluation then returns BMD_EINTR). */
typedef int (*bmd_uq_progress_fn)(void *ctx, size_t done, size_t total);

/* bmd_uq_max_threads: the thread count bmd_uq_evaluate uses for threads. */
int bmd_uq_max_threads(int threads);

/*
 * bmd_uq_evaluate: y[row * n_out + j] = model(u[row * k ...]) for every row,
 * spread over OpenMP threads.
 * Given:    model, ctx; u[rows * k]; rows, k, n_out >= 1; threads (<= 0:
 *           the OpenMP default; 1: serial); progress (may be NULL)
 * Returned: y[rows * n_out]; err (the first failing row's message, by row
 *           order)
 * Returned (function value): BMD_OK; BMD_EINTR; the first failing row's
 *           status. Each row is written only by its own call, so y is the
 *           same for any thread count.
 */
int bmd_uq_evaluate(bmd_uq_model_fn model, void *ctx, const double *u, size_t rows, size_t k,
                    size_t n_out, int threads, bmd_uq_progress_fn progress, void *progress_ctx,
                    double *y, bmd_errbuf *err);

/* ---- analytic test functions ----------------------------------------- */

/*
 * bmd_uq_ishigami: f = sin x1 + a sin^2 x2 + b x3^4 sin x1 with
 * x_i = -pi + 2 pi u_i (Ishigami & Homma 1990). Usual a = 7, b = 0.1.
 */
double bmd_uq_ishigami(const double u[3], double a, double b);

/*
 * bmd_uq_sobol_g: g = prod_i (|4 u_i - 2| + a_i) / (1 + a_i) (Sobol' g
 * function; Saltelli et al. 2008 sect. 3.5). Small a_i: important input.
 */
double bmd_uq_sobol_g(const double *u, const double *a, size_t k);

#endif /* BMD_SENSITIVITY_H */
