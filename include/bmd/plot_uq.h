/*
 * bmd/plot_uq.h: figures of sweeps and sensitivity analyses (PLplot, as
 * bmd/plot.h: atomic files, not thread-safe, same options and errors).
 */
#ifndef BMD_PLOT_UQ_H
#define BMD_PLOT_UQ_H

#include <stddef.h>

#include "bmd/plot.h"

/* A curve over a sweep axis with its band (lo, hi may be NULL: no band). */
typedef struct bmd_plot_curve {
    const char *label;
    const double *y, *lo, *hi; /* [n] */
} bmd_plot_curve;

/*
 * bmd_plot_sweep_line: curves against one swept parameter, each with a
 * shaded band (a confidence interval or a spread).
 * Given:    o; xlabel, ylabel (with units); x[n] increasing, n >= 2;
 *           c[nc], nc 1..8
 * Returned (function value): as bmd_plot_profile (BMD_EINVAL for
 *           non-finite data or n < 2).
 */
int bmd_plot_sweep_line(const bmd_plot_opts *o, const char *xlabel, const double *x, size_t n,
                        const char *ylabel, const bmd_plot_curve *c, size_t nc, bmd_errbuf *err);

/*
 * bmd_plot_sweep_contour: a metric over two swept parameters as filled
 * contours with a colour bar, and the contour z = level drawn thick (the
 * verdict boundary, e.g. p_no_leaker = 0.9).
 * Given:    x[nx], y[ny] increasing, nx, ny >= 2; z[nx * ny] with
 *           z[i * ny + j] at (x[i], y[j]); level and its legend text
 */
int bmd_plot_sweep_contour(const bmd_plot_opts *o, const char *xlabel, const double *x, size_t nx,
                           const char *ylabel, const double *y, size_t ny, const char *zlabel,
                           const double *z, double level, const char *level_label, bmd_errbuf *err);

/* One parameter's pair of indices with their intervals. */
typedef struct bmd_plot_bar {
    const char *name;
    double v1, lo1, hi1; /* e.g. S1 and its interval */
    double v2, lo2, hi2; /* e.g. ST */
} bmd_plot_bar;

/*
 * bmd_plot_index_bars: horizontal bars of two indices per parameter (S1 and
 * ST) with interval whiskers, in the order given (top first).
 */
int bmd_plot_index_bars(const bmd_plot_opts *o, const bmd_plot_bar *b, size_t n, const char *label1,
                        const char *label2, const char *xlabel, bmd_errbuf *err);

/*
 * bmd_plot_tornado: the metric with each parameter at its low and at its
 * high bound (others nominal) as bars from the nominal value, in the order
 * given (top first; callers sort by swing).
 */
int bmd_plot_tornado(const bmd_plot_opts *o, const char *const *names, size_t n, double nominal,
                     const double *at_lo, const double *at_hi, const char *xlabel, bmd_errbuf *err);

#endif /* BMD_PLOT_UQ_H */
