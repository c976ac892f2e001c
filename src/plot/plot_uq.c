/*
 * plot_uq.c: figures of sweeps and sensitivity analyses (bmd/plot_uq.h).
 */
#include "bmd/plot_uq.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot/plplot_lazy.h"

#include "plot/plot_internal.h"

static int finite_all(const double *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        if (!isfinite(v[i])) return 0;
    return 1;
}

/* Open a figure: allocate, begin, heading. */
static int open_fig(bmd__plot **p, const bmd_plot_opts *o, bmd_errbuf *err)
{
    *p = malloc(sizeof **p);
    if (*p == NULL) return bmd_err_set(err, BMD_ENOMEM, "figure: out of memory");
    int st = bmd__plot_begin(*p, o, err);
    if (st) {
        free(*p);
        *p = NULL;
        return st;
    }
    bmd__plot_heading(*p, o);
    return BMD_OK;
}

static int close_fig(bmd__plot *p, const bmd_plot_opts *o, bmd_errbuf *err)
{
    int st = bmd__plot_end(p, o, BMD_OK, err);
    free(p);
    return st;
}

/* The legend in a strip right of the panel (page fraction x0 to 0.99). */
static void legend_strip(bmd__plot *p, const bmd__legend *g, double x0)
{
    double vp[4] = {x0, 0.99, 0.12, 0.84}, win[4] = {0.0, 1.0, 0.0, 1.0};
    bmd__plot_panel(p, -1, vp, win);
    bmd__legend_draw(p, g, PL_POSITION_LEFT | PL_POSITION_TOP);
}

static void axes(const char *xlabel, const char *ylabel, const char *yopt)
{
    char xl[160], yl[160];
    bmd__plot_text(xl, sizeof xl, xlabel ? xlabel : "");
    bmd__plot_text(yl, sizeof yl, ylabel ? ylabel : "");
    plcol0(BMD__COL_FG);
    plslabelfunc(bmd__plot_plain_label, NULL);
    plbox("bcnst", 0.0, 0, yopt, 0.0, 0);
    pllab(xl, yl, "");
}

int bmd_plot_sweep_line(const bmd_plot_opts *o, const char *xlabel, const double *x, size_t n,
                        const char *ylabel, const bmd_plot_curve *c, size_t nc, bmd_errbuf *err)
{
    if (o == NULL || x == NULL || c == NULL || n < 2 || nc < 1 || nc > 8 || !finite_all(x, n))
        return bmd_err_set(err, BMD_EINVAL, "sweep figure: bad arguments");
    double y0 = INFINITY, y1 = -INFINITY;
    for (size_t k = 0; k < nc; k++) {
        if (c[k].y == NULL || !finite_all(c[k].y, n) || !finite_all(c[k].lo, n) ||
            !finite_all(c[k].hi, n))
            return bmd_err_set(err, BMD_EINVAL, "sweep figure: curve %zu is not finite", k + 1);
        for (size_t i = 0; i < n; i++) {
            y0 = fmin(y0, c[k].lo ? c[k].lo[i] : c[k].y[i]);
            y1 = fmax(y1, c[k].hi ? c[k].hi[i] : c[k].y[i]);
            y0 = fmin(y0, c[k].y[i]);
            y1 = fmax(y1, c[k].y[i]);
        }
    }
    if (!(y1 > y0)) {
        y0 -= 0.5 * (fabs(y0) > 0 ? fabs(y0) : 1.0);
        y1 += 0.5 * (fabs(y1) > 0 ? fabs(y1) : 1.0);
    }
    double x0 = x[0], x1 = x[n - 1];
    bmd__plot_nice_range(&y0, &y1);
    bmd__plot *p;
    int st = open_fig(&p, o, err);
    if (st) return st;
    double vp[4] = {0.10, 0.78, 0.12, 0.84}, win[4] = {x0, x1, y0, y1};
    bmd__plot_panel(p, 0, vp, win);
    double *px = malloc(2 * n * sizeof *px), *py = malloc(2 * n * sizeof *py);
    bmd__legend g = {0};
    for (size_t k = 0; px && py && k < nc; k++) {
        int col = bmd__plot_series_colour(BMD_PLOT_INTERCEPTOR, k);
        if (c[k].lo && c[k].hi) {
            for (size_t i = 0; i < n; i++) {
                px[i] = x[i];
                py[i] = c[k].lo[i];
                px[2 * n - 1 - i] = x[i];
                py[2 * n - 1 - i] = c[k].hi[i];
            }
            plcol0(BMD__COL_BAND);
            plfill((PLINT)(2 * n), px, py);
        }
        plcol0(col);
        plwidth(2.0);
        plline((PLINT)n, x, c[k].y);
        plwidth(1.0);
        for (size_t i = 0; i < n; i++)
            bmd__plot_data(p, x[i], c[k].y[i]);
        bmd__legend_line(&g, c[k].label ? c[k].label : "", col, BMD__LINE_SOLID, 2.0);
    }
    if (c[0].lo && c[0].hi) bmd__legend_box(&g, "interval / spread", BMD__COL_BAND);
    free(px);
    free(py);
    axes(xlabel, ylabel, "bcnstv");
    legend_strip(p, &g, 0.80);
    return close_fig(p, o, err);
}

int bmd_plot_sweep_contour(const bmd_plot_opts *o, const char *xlabel, const double *x, size_t nx,
                           const char *ylabel, const double *y, size_t ny, const char *zlabel,
                           const double *z, double level, const char *level_label, bmd_errbuf *err)
{
    if (o == NULL || x == NULL || y == NULL || z == NULL || nx < 2 || ny < 2 ||
        !finite_all(x, nx) || !finite_all(y, ny) || !finite_all(z, nx * ny))
        return bmd_err_set(err, BMD_EINVAL, "contour figure: bad arguments or non-finite data");
    double z0 = INFINITY, z1 = -INFINITY;
    for (size_t i = 0; i < nx * ny; i++) {
        z0 = fmin(z0, z[i]);
        z1 = fmax(z1, z[i]);
    }
    if (!(z1 > z0)) z1 = z0 + 1.0;
    enum { NL = 11 };
    PLFLT clev[NL];
    for (int i = 0; i < NL; i++)
        clev[i] = z0 + (z1 - z0) * i / (NL - 1);
    PLFLT **zz = malloc(nx * sizeof *zz);
    PLFLT *zbuf = malloc(nx * ny * sizeof *zbuf);
    PLFLT *xg = malloc(nx * sizeof *xg), *yg = malloc(ny * sizeof *yg);
    if (!zz || !zbuf || !xg || !yg) {
        free(zz), free(zbuf), free(xg), free(yg);
        return bmd_err_set(err, BMD_ENOMEM, "figure: out of memory");
    }
    for (size_t i = 0; i < nx; i++) {
        zz[i] = zbuf + i * ny;
        xg[i] = x[i];
        for (size_t j = 0; j < ny; j++)
            zz[i][j] = z[i * ny + j];
    }
    for (size_t j = 0; j < ny; j++)
        yg[j] = y[j];
    PLcGrid cg = {xg, yg, NULL, (PLINT)nx, (PLINT)ny, 0};
    bmd__plot *p;
    int st = open_fig(&p, o, err);
    if (st == BMD_OK) {
        double vp[4] = {0.10, 0.74, 0.12, 0.84}, win[4] = {x[0], x[nx - 1], y[0], y[ny - 1]};
        bmd__plot_panel(p, 0, vp, win);
        /* a sequential palette, light (low) to dark blue (high) */
        PLFLT pos[2] = {0.0, 1.0}, rr[2] = {0.97, 0.03}, gg[2] = {0.96, 0.19}, bb[2] = {0.90, 0.42};
        plscmap1l(1, 2, pos, rr, gg, bb, NULL);
        plshades((PLFLT_MATRIX)zz, (PLINT)nx, (PLINT)ny, NULL, x[0], x[nx - 1], y[0], y[ny - 1],
                 clev, NL, 0.0, 0, 0.0, plfill, 1, pltr1, &cg);
        if (level > z0 && level < z1) {
            plcol0(BMD__COL_FG);
            plwidth(3.0);
            PLFLT lv = level;
            plcont((PLFLT_MATRIX)zz, (PLINT)nx, (PLINT)ny, 1, (PLINT)nx, 1, (PLINT)ny, &lv, 1,
                   pltr1, &cg);
            plwidth(1.0);
        }
        axes(xlabel, ylabel, "bcnstv");
        /* colour bar */
        char zl[160];
        bmd__plot_text(zl, sizeof zl, zlabel ? zlabel : "");
        PLFLT cw, ch;
        PLINT lopt[] = {PL_COLORBAR_LABEL_RIGHT};
        const char *labels[] = {zl};
        const char *axis_opts[] = {"bcvtm"};
        PLFLT ticks[] = {0.0};
        PLINT sub[] = {0};
        PLINT nv[] = {NL};
        const PLFLT *vals[] = {clev};
        plcol0(BMD__COL_FG);
        plcolorbar(&cw, &ch, PL_COLORBAR_SHADE | PL_COLORBAR_SHADE_LABEL, PL_POSITION_RIGHT, 0.03,
                   0.0, 0.04, 0.8, 0, 1, 1, 0.0, 0.0, 0, 0.0, 1, lopt, labels, 1, axis_opts, ticks,
                   sub, nv, (PLFLT_MATRIX)vals);
        if (level > z0 && level < z1 && level_label) {
            char ll[160];
            bmd__plot_text(ll, sizeof ll, level_label);
            plmtex("t", 1.0, 0.0, 0.0, ll);
        }
        st = close_fig(p, o, err);
    }
    free(zz), free(zbuf), free(xg), free(yg);
    return st;
}

/* A filled rectangle [x0, x1] x [y0, y1] in colour col. */
static void rect(double x0, double x1, double y0, double y1, int col)
{
    PLFLT px[4] = {x0, x1, x1, x0}, py[4] = {y0, y0, y1, y1};
    plcol0(col);
    plfill(4, px, py);
}

/* Parameter names beside the bars, left of the panel. */
static void names_left(const char *const *names, size_t n)
{
    plcol0(BMD__COL_FG);
    plschr(0.0, 0.8);
    for (size_t i = 0; i < n; i++) {
        char t[160];
        bmd__plot_text(t, sizeof t, names[i]);
        plmtex("lv", 0.5, ((double)(n - i) - 0.5) / (double)n, 1.0, t);
    }
    plschr(0.0, 1.0);
}

int bmd_plot_index_bars(const bmd_plot_opts *o, const bmd_plot_bar *b, size_t n, const char *label1,
                        const char *label2, const char *xlabel, bmd_errbuf *err)
{
    if (o == NULL || b == NULL || n < 1 || n > 64)
        return bmd_err_set(err, BMD_EINVAL, "bar figure: bad arguments");
    double x0 = 0.0, x1 = 0.0;
    for (size_t i = 0; i < n; i++) {
        double v[] = {b[i].v1, b[i].lo1, b[i].hi1, b[i].v2, b[i].lo2, b[i].hi2};
        if (!finite_all(v, 6)) return bmd_err_set(err, BMD_EINVAL, "bar figure: not finite");
        for (int k = 0; k < 6; k++) {
            x0 = fmin(x0, v[k]);
            x1 = fmax(x1, v[k]);
        }
    }
    x1 = fmax(x1, 1e-9);
    bmd__plot_nice_range(&x0, &x1);
    bmd__plot *p;
    int st = open_fig(&p, o, err);
    if (st) return st;
    double vp[4] = {0.32, 0.80, 0.12, 0.84}, win[4] = {x0, x1, 0.0, (double)n};
    bmd__plot_panel(p, 0, vp, win);
    const char *nm[64];
    int c1 = bmd__plot_series_colour(BMD_PLOT_INTERCEPTOR, 0);
    int c2 = bmd__plot_series_colour(BMD_PLOT_THREAT, 0);
    for (size_t i = 0; i < n; i++) {
        double yc = (double)(n - i) - 0.5;
        nm[i] = b[i].name;
        rect(0.0, b[i].v1, yc + 0.02, yc + 0.34, c1);
        rect(0.0, b[i].v2, yc - 0.34, yc - 0.02, c2);
        plcol0(BMD__COL_FG);
        PLFLT lo1 = b[i].lo1, hi1 = b[i].hi1, ya = yc + 0.18, lo2 = b[i].lo2, hi2 = b[i].hi2,
              yb = yc - 0.18;
        plerrx(1, &lo1, &hi1, &ya);
        plerrx(1, &lo2, &hi2, &yb);
        bmd__plot_data(p, b[i].v1, yc);
        bmd__plot_data(p, b[i].v2, yc);
    }
    axes(xlabel, "", "bc");
    names_left(nm, n);
    bmd__legend g = {0};
    bmd__legend_box(&g, label1, c1);
    bmd__legend_box(&g, label2, c2);
    legend_strip(p, &g, 0.82);
    return close_fig(p, o, err);
}

int bmd_plot_tornado(const bmd_plot_opts *o, const char *const *names, size_t n, double nominal,
                     const double *at_lo, const double *at_hi, const char *xlabel, bmd_errbuf *err)
{
    if (o == NULL || names == NULL || at_lo == NULL || at_hi == NULL || n < 1 || n > 64 ||
        !finite_all(at_lo, n) || !finite_all(at_hi, n) || !isfinite(nominal))
        return bmd_err_set(err, BMD_EINVAL, "tornado figure: bad arguments or non-finite data");
    double x0 = nominal, x1 = nominal;
    for (size_t i = 0; i < n; i++) {
        x0 = fmin(x0, fmin(at_lo[i], at_hi[i]));
        x1 = fmax(x1, fmax(at_lo[i], at_hi[i]));
    }
    if (!(x1 > x0)) {
        x0 -= 0.5 * (fabs(x0) > 0 ? fabs(x0) : 1.0);
        x1 += 0.5 * (fabs(x1) > 0 ? fabs(x1) : 1.0);
    }
    bmd__plot_nice_range(&x0, &x1);
    bmd__plot *p;
    int st = open_fig(&p, o, err);
    if (st) return st;
    double vp[4] = {0.32, 0.80, 0.12, 0.84}, win[4] = {x0, x1, 0.0, (double)n};
    bmd__plot_panel(p, 0, vp, win);
    int clo = bmd__plot_series_colour(BMD_PLOT_INTERCEPTOR, 0);
    int chi = bmd__plot_series_colour(BMD_PLOT_THREAT, 0);
    for (size_t i = 0; i < n; i++) {
        double yc = (double)(n - i) - 0.5;
        rect(fmin(nominal, at_lo[i]), fmax(nominal, at_lo[i]), yc - 0.32, yc + 0.32, clo);
        rect(fmin(nominal, at_hi[i]), fmax(nominal, at_hi[i]), yc - 0.16, yc + 0.16, chi);
        bmd__plot_data(p, at_lo[i], yc);
        bmd__plot_data(p, at_hi[i], yc);
    }
    PLFLT lx[2] = {nominal, nominal}, ly[2] = {0.0, (double)n};
    plcol0(BMD__COL_FG);
    pllsty(BMD__LINE_DASHED);
    plline(2, lx, ly);
    pllsty(BMD__LINE_SOLID);
    axes(xlabel, "", "bc");
    names_left(names, n);
    bmd__legend g = {0};
    bmd__legend_box(&g, "low bound", clo);
    bmd__legend_box(&g, "high bound", chi);
    bmd__legend_line(&g, "all nominal", BMD__COL_FG, BMD__LINE_DASHED, 1.0);
    legend_strip(p, &g, 0.82);
    return close_fig(p, o, err);
}
