/*
 * evaluate.c: model evaluations over a design on OpenMP threads, and the
 * analytic test functions (bmd/sensitivity.h).
 */
#include "bmd/sensitivity.h"

#include <math.h>

#include "bmd/const.h"

#ifdef _OPENMP
#include <omp.h>
#endif

int bmd_uq_max_threads(int threads)
{
#ifdef _OPENMP
    return threads > 0 ? threads : omp_get_max_threads();
#else
    (void)threads;
    return 1;
#endif
}

int bmd_uq_evaluate(bmd_uq_model_fn model, void *ctx, const double *u, size_t rows, size_t k,
                    size_t n_out, int threads, bmd_uq_progress_fn progress, void *progress_ctx,
                    double *y, bmd_errbuf *err)
{
    if (model == NULL || u == NULL || y == NULL || k < 1 || n_out < 1)
        return bmd_err_set(err, BMD_EINVAL, "uq evaluate: bad arguments");
    int nth = bmd_uq_max_threads(threads);
    int stop = 0;
    size_t done = 0, first_bad = rows;
    int bad_status = BMD_OK;
    bmd_errbuf bad_err = {{0}};
    long nrows = (long)rows;
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 1) num_threads(nth)
#endif
    for (long r = 0; r < nrows; r++) {
        int s;
#ifdef _OPENMP
#pragma omp atomic read
#endif
        s = stop;
        if (s) continue;
        int thread = 0;
#ifdef _OPENMP
        thread = omp_get_thread_num();
#endif
        bmd_errbuf e = {{0}};
        size_t row = (size_t)r;
        int st = model(ctx, row, thread, u + row * k, k, y + row * n_out, &e);
        if (st < 0) {
#ifdef _OPENMP
#pragma omp critical(bmd_uq_eval_err)
#endif
            {
                if (row < first_bad) {
                    first_bad = row;
                    bad_status = st;
                    bad_err = e;
                }
            }
#ifdef _OPENMP
#pragma omp atomic write
#endif
            stop = 1;
            continue;
        }
        size_t d;
#ifdef _OPENMP
#pragma omp atomic capture
#endif
        d = ++done;
        if (progress && thread == 0 && d < rows && progress(progress_ctx, d, rows)) {
#ifdef _OPENMP
#pragma omp atomic write
#endif
            stop = 2;
        }
    }
    (void)nth;
    if (bad_status < 0) {
        if (err) *err = bad_err;
        return bad_status;
    }
    if (stop == 2) return bmd_err_set(err, BMD_EINTR, "uq evaluate: interrupted");
    if (progress) progress(progress_ctx, rows, rows);
    return BMD_OK;
}

double bmd_uq_ishigami(const double u[3], double a, double b)
{
    double x1 = -BMD_PI + 2.0 * BMD_PI * u[0], x2 = -BMD_PI + 2.0 * BMD_PI * u[1];
    double x3 = -BMD_PI + 2.0 * BMD_PI * u[2], s2 = sin(x2);
    return sin(x1) + a * s2 * s2 + b * x3 * x3 * x3 * x3 * sin(x1);
}

double bmd_uq_sobol_g(const double *u, const double *a, size_t k)
{
    double g = 1.0;
    for (size_t i = 0; i < k; i++)
        g *= (fabs(4.0 * u[i] - 2.0) + a[i]) / (1.0 + a[i]);
    return g;
}
