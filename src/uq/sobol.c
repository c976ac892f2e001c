/*
 * sobol.c: the Saltelli design and the Sobol' index estimators with
 * bootstrap intervals (bmd/sensitivity.h).
 */
#include "bmd/sensitivity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_qrng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "bmd/core.h"

/* GSL's Sobol' points are integers over 2^30 (SOBOL_BIT_COUNT in GSL's
 * qrng/sobol.c); the digital shift works on those integers. */
#define SOBOL_BITS 30
#define SOBOL_SCALE 1073741824.0 /* 2^30 */

size_t bmd_sobol_design_rows(size_t k, size_t n)
{
    return n * (k + 2);
}

/* A and B from the shifted Sobol' sequence in 2k dimensions. */
static int design_qmc(size_t k, size_t n, uint64_t seed, double *u, bmd_errbuf *err)
{
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * k));
    if (q == NULL) return bmd_err_set(err, BMD_ENOMEM, "sobol design: no memory");
    uint32_t shift[2 * BMD_SOBOL_MAX_K];
    bmd_rng rng;
    bmd_rng_init(&rng, seed, 0);
    for (size_t d = 0; d < 2 * k; d++)
        shift[d] = (uint32_t)(bmd_rng_u64(&rng) >> (64 - SOBOL_BITS));
    double p[2 * BMD_SOBOL_MAX_K];
    for (size_t j = 0; j < n; j++) {
        gsl_qrng_get(q, p);
        for (size_t d = 0; d < 2 * k; d++) {
            uint32_t v = (uint32_t)(p[d] * SOBOL_SCALE) ^ shift[d];
            double x = ((double)v + 0.5) / SOBOL_SCALE;
            size_t row = d < k ? j : n + j;
            u[row * k + d % k] = x;
        }
    }
    gsl_qrng_free(q);
    return BMD_OK;
}

static void design_mc(size_t k, size_t n, uint64_t seed, double *u)
{
    for (size_t j = 0; j < n; j++) {
        bmd_rng rng;
        bmd_rng_init(&rng, seed, j);
        for (size_t d = 0; d < 2 * k; d++) {
            size_t row = d < k ? j : n + j;
            u[row * k + d % k] = bmd_rng_uniform(&rng);
        }
    }
}

int bmd_sobol_design(size_t k, size_t n, uint64_t seed, bmd_uq_sampler sampler, double *u,
                     bmd_errbuf *err)
{
    if (u == NULL || k < 1 || k > BMD_UQ_MAX_K || n < 2)
        return bmd_err_set(err, BMD_EINVAL, "sobol design: need 1 <= k <= %d and n >= 2",
                           BMD_UQ_MAX_K);
    if (sampler == BMD_UQ_QMC && k > BMD_SOBOL_MAX_K)
        return bmd_err_set(err, BMD_EINVAL,
                           "sobol design: %zu inputs, at most %d for the quasi-random design "
                           "(use the Monte Carlo design or Morris screening)",
                           k, BMD_SOBOL_MAX_K);
    if (sampler == BMD_UQ_QMC) {
        int st = design_qmc(k, n, seed, u, err);
        if (st) return st;
    } else if (sampler == BMD_UQ_MC) {
        design_mc(k, n, seed, u);
    } else {
        return bmd_err_set(err, BMD_EINVAL, "sobol design: unknown sampler %d", (int)sampler);
    }
    /* A_B^i: A with column i from B. */
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < n; j++) {
            double *row = u + ((2 + i) * n + j) * k;
            memcpy(row, u + j * k, k * sizeof *row);
            row[i] = u[(n + j) * k + i];
        }
    return BMD_OK;
}

/* The estimators over base rows idx[0..n-1] (idx NULL: 0..n-1); y already
 * centred. out_s1[k], out_st[k]; returns the variance used. */
static double estimate(size_t k, size_t n, const double *y, const size_t *idx, double *s1,
                       double *st)
{
    const double *fa = y, *fb = y + n;
    double sum = 0.0, sum2 = 0.0;
    for (size_t m = 0; m < n; m++) {
        size_t j = idx ? idx[m] : m;
        sum += fa[j] + fb[j];
        sum2 += fa[j] * fa[j] + fb[j] * fb[j];
    }
    double nn = (double)n, mean = sum / (2.0 * nn);
    double var = (sum2 - 2.0 * nn * mean * mean) / (2.0 * nn - 1.0);
    for (size_t i = 0; i < k; i++) {
        const double *fab = y + (2 + i) * n;
        double a1 = 0.0, at = 0.0;
        for (size_t m = 0; m < n; m++) {
            size_t j = idx ? idx[m] : m;
            a1 += fb[j] * (fab[j] - fa[j]);
            double d = fa[j] - fab[j];
            at += d * d;
        }
        s1[i] = var > 0.0 ? a1 / nn / var : 0.0;
        st[i] = var > 0.0 ? at / (2.0 * nn) / var : 0.0;
    }
    return var;
}

/* Percentile interval of sorted-in-place data. */
static void percentile(double *v, size_t nb, double level, double *lo, double *hi)
{
    gsl_sort(v, 1, nb);
    double a = 0.5 * (1.0 - level);
    *lo = gsl_stats_quantile_from_sorted_data(v, 1, nb, a);
    *hi = gsl_stats_quantile_from_sorted_data(v, 1, nb, 1.0 - a);
}

/* Bootstrap replicates: rep[b * 2k + i] = S1_i, rep[b * 2k + k + i] = ST_i. */
static int bootstrap(size_t k, size_t n, const double *yc, long n_boot, double level, uint64_t seed,
                     bmd_sobol_index *out, bmd_errbuf *err)
{
    size_t nb = (size_t)n_boot;
    double *rep = malloc(nb * 2 * k * sizeof *rep);
    size_t *idx = malloc(n * sizeof *idx);
    double *col = malloc(nb * sizeof *col);
    if (rep == NULL || idx == NULL || col == NULL) {
        free(rep);
        free(idx);
        free(col);
        return bmd_err_set(err, BMD_ENOMEM, "sobol bootstrap: no memory");
    }
    for (size_t b = 0; b < nb; b++) {
        bmd_rng rng;
        bmd_rng_init(&rng, seed, b);
        for (size_t m = 0; m < n; m++) {
            size_t j = (size_t)(bmd_rng_uniform(&rng) * (double)n);
            idx[m] = j < n ? j : n - 1;
        }
        estimate(k, n, yc, idx, rep + b * 2 * k, rep + b * 2 * k + k);
    }
    for (size_t c = 0; c < 2 * k; c++) {
        for (size_t b = 0; b < nb; b++)
            col[b] = rep[b * 2 * k + c];
        if (c < k)
            percentile(col, nb, level, &out[c].S1_lo, &out[c].S1_hi);
        else
            percentile(col, nb, level, &out[c - k].ST_lo, &out[c - k].ST_hi);
    }
    free(rep);
    free(idx);
    free(col);
    return BMD_OK;
}

int bmd_sobol_indices(size_t k, size_t n, const double *y, long n_boot, double level, uint64_t seed,
                      bmd_sobol_index *out, double *var_y, bmd_errbuf *err)
{
    if (y == NULL || out == NULL || k < 1 || k > BMD_UQ_MAX_K || n < 2 || n_boot < 0 ||
        !(level > 0.0 && level < 1.0))
        return bmd_err_set(err, BMD_EINVAL, "sobol indices: bad arguments");
    size_t rows = bmd_sobol_design_rows(k, n);
    memset(out, 0, k * sizeof *out);
    double mean = 0.0;
    for (size_t r = 0; r < rows; r++) {
        if (!isfinite(y[r]))
            return bmd_err_set(err, BMD_EINVAL, "sobol indices: output of row %zu is not finite",
                               r);
        if (r < 2 * n) mean += y[r];
    }
    mean /= (double)(2 * n);
    double *yc = malloc(rows * sizeof *yc);
    double *s1 = malloc(2 * k * sizeof *s1);
    if (yc == NULL || s1 == NULL) {
        free(yc);
        free(s1);
        return bmd_err_set(err, BMD_ENOMEM, "sobol indices: no memory");
    }
    for (size_t r = 0; r < rows; r++)
        yc[r] = y[r] - mean;
    double var = estimate(k, n, yc, NULL, s1, s1 + k);
    if (var_y) *var_y = var;
    int st = BMD_OK;
    if (!(var > 0.0)) {
        st = bmd_err_set(err, BMD_EDOM,
                         "sobol indices: the output does not vary over the sample; the indices "
                         "are undefined");
        goto done;
    }
    for (size_t i = 0; i < k; i++) {
        out[i].S1 = out[i].S1_lo = out[i].S1_hi = s1[i];
        out[i].ST = out[i].ST_lo = out[i].ST_hi = s1[k + i];
    }
    if (n_boot > 0) st = bootstrap(k, n, yc, n_boot, level, seed, out, err);
done:
    free(yc);
    free(s1);
    return st;
}
