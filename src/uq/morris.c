/*
 * morris.c: Morris (1991) one-at-a-time trajectories and the statistics of
 * their elementary effects (bmd/sensitivity.h).
 */
#include "bmd/sensitivity.h"

#include <math.h>
#include <string.h>

#include "bmd/core.h"

size_t bmd_morris_design_rows(size_t k, size_t r)
{
    return r * (k + 1);
}

/* A uniform integer in [0, m) (m small: the modulo bias is < m 2^-64). */
static size_t draw(bmd_rng *rng, size_t m)
{
    return (size_t)(bmd_rng_u64(rng) % (uint64_t)m);
}

/* One trajectory: base levels in {0 .. p/2 - 1} (so that base + Delta stays
 * on the grid), a random sign per input and a random input order. */
static void trajectory(size_t k, int p, bmd_rng *rng, double *u)
{
    double step = 1.0 / (double)(p - 1), delta = (double)p / (2.0 * (double)(p - 1));
    size_t order[BMD_UQ_MAX_K];
    for (size_t i = 0; i < k; i++) {
        double base = (double)draw(rng, (size_t)(p / 2)) * step;
        /* an input that moves down starts Delta higher */
        u[i] = (bmd_rng_u64(rng) >> 63) ? base + delta : base;
        order[i] = i;
    }
    for (size_t i = k; i > 1; i--) { /* Fisher-Yates */
        size_t j = draw(rng, i), t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
    for (size_t s = 0; s < k; s++) {
        double *prev = u + s * k, *next = u + (s + 1) * k;
        memcpy(next, prev, k * sizeof *next);
        size_t i = order[s];
        next[i] = prev[i] + delta <= 1.0 + 1e-12 && prev[i] < delta - 1e-12 ? prev[i] + delta
                                                                            : prev[i] - delta;
    }
}

int bmd_morris_design(size_t k, size_t r, int levels, uint64_t seed, double *u, bmd_errbuf *err)
{
    if (u == NULL || k < 1 || k > BMD_UQ_MAX_K || r < 2 || levels < 2 || levels % 2)
        return bmd_err_set(err, BMD_EINVAL,
                           "morris design: need 1 <= k <= %d, r >= 2 and an even number of "
                           "levels >= 2",
                           BMD_UQ_MAX_K);
    for (size_t t = 0; t < r; t++) {
        bmd_rng rng;
        bmd_rng_init(&rng, seed, t);
        trajectory(k, levels, &rng, u + t * (k + 1) * k);
    }
    return BMD_OK;
}

/* The one input in which rows a and b differ, or k if not exactly one. */
static size_t changed(const double *a, const double *b, size_t k)
{
    size_t which = k, count = 0;
    for (size_t i = 0; i < k; i++)
        if (a[i] != b[i]) {
            which = i;
            count++;
        }
    return count == 1 ? which : k;
}

int bmd_morris_effects(size_t k, size_t r, const double *u, const double *y, bmd_morris_effect *out,
                       bmd_errbuf *err)
{
    if (u == NULL || y == NULL || out == NULL || k < 1 || k > BMD_UQ_MAX_K || r < 2)
        return bmd_err_set(err, BMD_EINVAL, "morris effects: bad arguments");
    double sum[BMD_UQ_MAX_K] = {0}, sabs[BMD_UQ_MAX_K] = {0}, sum2[BMD_UQ_MAX_K] = {0};
    size_t cnt[BMD_UQ_MAX_K] = {0};
    for (size_t t = 0; t < r; t++)
        for (size_t s = 0; s < k; s++) {
            size_t row = t * (k + 1) + s;
            const double *a = u + row * k, *b = a + k;
            size_t i = changed(a, b, k);
            if (i == k)
                return bmd_err_set(err, BMD_EINVAL,
                                   "morris effects: rows %zu and %zu do not differ in exactly "
                                   "one input",
                                   row, row + 1);
            if (!isfinite(y[row]) || !isfinite(y[row + 1]))
                return bmd_err_set(err, BMD_EINVAL,
                                   "morris effects: output near row %zu is "
                                   "not finite",
                                   row);
            double ee = (y[row + 1] - y[row]) / (b[i] - a[i]);
            sum[i] += ee;
            sabs[i] += fabs(ee);
            sum2[i] += ee * ee;
            cnt[i]++;
        }
    for (size_t i = 0; i < k; i++) {
        double c = (double)cnt[i], mu = sum[i] / c;
        double v = cnt[i] > 1 ? (sum2[i] - c * mu * mu) / (c - 1.0) : 0.0;
        out[i].mu = mu;
        out[i].mu_star = sabs[i] / c;
        out[i].sigma = v > 0.0 ? sqrt(v) : 0.0;
    }
    return BMD_OK;
}

int bmd_uq_lhs(size_t k, size_t n, uint64_t seed, double *u, bmd_errbuf *err)
{
    if (u == NULL || k < 1 || k > BMD_UQ_MAX_K || n < 1)
        return bmd_err_set(err, BMD_EINVAL, "latin hypercube: need 1 <= k <= %d and n >= 1",
                           BMD_UQ_MAX_K);
    for (size_t d = 0; d < k; d++) {
        bmd_rng rng;
        bmd_rng_init(&rng, seed, d);
        for (size_t j = 0; j < n; j++) /* stratum j, then shuffled (Fisher-Yates) */
            u[j * k + d] = (double)j;
        for (size_t j = n; j > 1; j--) {
            size_t i = draw(&rng, j);
            double t = u[(j - 1) * k + d];
            u[(j - 1) * k + d] = u[i * k + d];
            u[i * k + d] = t;
        }
        for (size_t j = 0; j < n; j++)
            u[j * k + d] = (u[j * k + d] + bmd_rng_uniform(&rng)) / (double)n;
    }
    return BMD_OK;
}
