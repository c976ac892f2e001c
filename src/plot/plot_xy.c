/*
 * plot_xy.c: the trajectory profile (altitude against ground range and
 * against time), the engagement timeline (altitude against time of
 * threats and interceptors, events marked) and the radar time budgets
 * (occupancy and demand against time) of bmd/plot.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot/plplot_lazy.h"

#include "bmd/geo.h"
#include "plot/plot_internal.h"

/* One curve in display units (km, s). */
struct curve {
    size_t n;
    double *x, *y;
};

/* Axis ranges of a panel. */
struct box {
    double x0, x1, y0, y1;
};

static void curves_free(struct curve *c, size_t n)
{
    for (size_t i = 0; c != NULL && i < n; i++) {
        free(c[i].x);
        free(c[i].y);
    }
    free(c);
}

static int all_finite(const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i])) return 0;
    return 1;
}

static int check_series(const bmd_plot_series *s, size_t ns, int need_range, bmd_errbuf *err)
{
    if (s == NULL || ns == 0) return bmd_err_set(err, BMD_EINVAL, "figure: no series to draw");
    for (size_t i = 0; i < ns; i++) {
        const bmd_plot_series *q = &s[i];
        if (q->n < 2 || q->t_s == NULL || q->alt_m == NULL)
            return bmd_err_set(err, BMD_EINVAL, "figure: series %zu needs n >= 2, t_s and alt_m",
                               i + 1);
        if (need_range && q->range_m == NULL && (q->lat_rad == NULL || q->lon_rad == NULL))
            return bmd_err_set(err, BMD_EINVAL, "figure: series %zu needs range_m or lat/lon",
                               i + 1);
        if (!all_finite(q->t_s, q->n) || !all_finite(q->alt_m, q->n) ||
            (q->range_m && !all_finite(q->range_m, q->n)))
            return bmd_err_set(err, BMD_EINVAL, "figure: series %zu has non-finite values", i + 1);
    }
    return BMD_OK;
}

/* x = ground range (km) when want_range, else time (s); y = altitude (km). */
static int make_curve(const bmd_plot_series *q, int want_range, struct curve *c)
{
    c->n = q->n;
    c->x = malloc(q->n * sizeof *c->x);
    c->y = malloc(q->n * sizeof *c->y);
    if (c->x == NULL || c->y == NULL) return BMD_ENOMEM;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    for (size_t i = 0; i < q->n; i++) {
        c->y[i] = q->alt_m[i] / 1e3;
        if (!want_range)
            c->x[i] = q->t_s[i];
        else if (q->range_m)
            c->x[i] = q->range_m[i] / 1e3;
        else {
            double s12 = 0;
            bmd_geo_inverse(&e, q->lat_rad[0], q->lon_rad[0], q->lat_rad[i], q->lon_rad[i], &s12,
                            NULL, NULL);
            c->x[i] = s12 / 1e3;
        }
    }
    return BMD_OK;
}

static int make_curves(const bmd_plot_series *s, size_t ns, int want_range, struct curve **out)
{
    struct curve *c = calloc(ns, sizeof *c);
    if (c == NULL) return BMD_ENOMEM;
    for (size_t i = 0; i < ns; i++)
        if (make_curve(&s[i], want_range, &c[i]) != BMD_OK) {
            curves_free(c, ns);
            return BMD_ENOMEM;
        }
    *out = c;
    return BMD_OK;
}

/* The value of v at time t on series q (linear; ends held). */
static double at_time(const bmd_plot_series *q, const double *v, double t)
{
    if (t <= q->t_s[0]) return v[0];
    for (size_t i = 1; i < q->n; i++)
        if (t <= q->t_s[i]) {
            double dt = q->t_s[i] - q->t_s[i - 1];
            double u = dt > 0 ? (t - q->t_s[i - 1]) / dt : 1.0;
            return v[i - 1] + u * (v[i] - v[i - 1]);
        }
    return v[q->n - 1];
}

/* A marker's position: NaN range or altitude taken from the first series
 * at the marker's time (plot.h). */
static void marker_xy(const bmd_plot_marker *m, const bmd_plot_series *q, const struct curve *c,
                      int want_range, double *x, double *y)
{
    *y = isfinite(m->alt_m) ? m->alt_m / 1e3 : at_time(q, c->y, m->t_s);
    if (!want_range)
        *x = m->t_s;
    else
        *x = isfinite(m->range_m) ? m->range_m / 1e3 : at_time(q, c->x, m->t_s);
}

/* The box around the curves, the markers and the band, from 0 up. */
static struct box fit_box(const struct curve *c, const bmd_plot_series *s0, size_t ns,
                          const bmd_plot_marker *m, size_t nm, int want_range,
                          const bmd_plot_band *band)
{
    struct box b = {INFINITY, -INFINITY, 0.0, -INFINITY};
    for (size_t i = 0; i < ns; i++)
        for (size_t k = 0; k < c[i].n; k++) {
            b.x0 = fmin(b.x0, c[i].x[k]), b.x1 = fmax(b.x1, c[i].x[k]);
            b.y1 = fmax(b.y1, c[i].y[k]);
        }
    for (size_t k = 0; k < nm; k++) {
        double x, y;
        marker_xy(&m[k], s0, &c[0], want_range, &x, &y);
        if (isfinite(x)) b.x0 = fmin(b.x0, x), b.x1 = fmax(b.x1, x);
        if (isfinite(y)) b.y1 = fmax(b.y1, y);
    }
    if (band && band->alt_max_m > band->alt_min_m) b.y1 = fmax(b.y1, band->alt_max_m / 1e3);
    b.x0 = fmin(b.x0, 0.0);
    b.y1 *= 1.08; /* room above apogee for its label */
    bmd__plot_nice_range(&b.x0, &b.x1);
    bmd__plot_nice_range(&b.y0, &b.y1);
    return b;
}

static void draw_band(const bmd_plot_band *band, const struct box *b)
{
    if (band == NULL || !(band->alt_max_m > band->alt_min_m)) return;
    PLFLT x[4] = {b->x0, b->x1, b->x1, b->x0};
    double lo = fmax(band->alt_min_m / 1e3, b->y0), hi = fmin(band->alt_max_m / 1e3, b->y1);
    PLFLT y[4] = {lo, lo, hi, hi};
    plcol0(BMD__COL_BAND);
    plfill(4, x, y);
}

/* The runs of highlighted samples, drawn thick over the curve in colour
 * col (the curve's own when several series are highlighted, so a raid's
 * threats stay apart; orange for a single one). */
static void draw_highlight(const struct curve *c, const unsigned char *hl, int col)
{
    if (hl == NULL) return;
    plcol0(col);
    plwidth(5.0);
    size_t i = 0;
    while (i < c->n) {
        while (i < c->n && !hl[i])
            i++;
        size_t j = i;
        while (j < c->n && hl[j])
            j++;
        if (j - i >= 2) plline((PLINT)(j - i), c->x + i, c->y + i);
        i = j;
    }
    plwidth(1.0);
}

static void draw_marker(bmd__plot *p, const bmd_plot_marker *m, double x, double y,
                        const struct box *b, int vline)
{
    if (!isfinite(x) || !isfinite(y)) return;
    int col = BMD__COL_EVENT + ((int)m->event >= 0 && m->event < BMD_PLOT_EV_COUNT
                                    ? (int)m->event
                                    : (int)BMD_PLOT_EV_OTHER);
    plcol0(col);
    if (vline) {
        PLFLT vx[2] = {x, x}, vy[2] = {b->y0, b->y1};
        pllsty(BMD__LINE_DOTTED);
        plline(2, vx, vy);
        pllsty(BMD__LINE_SOLID);
    }
    PLFLT px = x, py = y;
    plstring(1, &px, &py, bmd__plot_event_symbol(m->event));
    bmd__plot_mark(p, x, y, 0.45 * p->chr_mm);
    if (m->label) bmd__label_add(p, m->label, x, y, 0.45 * p->chr_mm, 0.8, BMD__COL_FG, 0);
}

/* Number of series with a highlighted sample. */
static size_t n_highlighted(const bmd_plot_series *s, size_t ns)
{
    size_t n = 0;
    for (size_t i = 0; i < ns; i++)
        for (size_t k = 0; s[i].highlight && k < s[i].n; k++)
            if (s[i].highlight[k]) {
                n++;
                break;
            }
    return n;
}

/* Axes, grid, band, curves, highlights, markers and labels of panel k
 * (viewport vp, page fractions). */
static void draw_panel(bmd__plot *p, int k, const double vp[4], const struct box *b,
                       const struct curve *c, const bmd_plot_series *s, size_t ns,
                       const bmd_plot_marker *m, size_t nm, const bmd_plot_band *band,
                       int want_range, int vlines)
{
    double win[4] = {b->x0, b->x1, b->y0, b->y1};
    bmd__plot_panel(p, k, vp, win);
    draw_band(band, b);
    plcol0(BMD__COL_GRID);
    plbox("g", 0.0, 0, "g", 0.0, 0);
    size_t k_role[3] = {0, 0, 0};
    int own = n_highlighted(s, ns) > 1;
    for (size_t i = 0; i < ns; i++) {
        int r = (int)s[i].role >= 0 && (int)s[i].role < 3 ? (int)s[i].role : 0;
        int col = bmd__plot_series_colour((bmd_plot_role)r, k_role[r]++);
        plcol0(col);
        plwidth(2.0);
        plline((PLINT)c[i].n, c[i].x, c[i].y);
        plwidth(1.0);
        for (size_t j = 0; j < c[i].n; j++)
            bmd__plot_data(p, c[i].x[j], c[i].y[j]);
        draw_highlight(&c[i], s[i].highlight, own ? col : BMD__COL_HIGHLIGHT);
    }
    for (size_t j = 0; j < nm; j++) {
        double x, y;
        marker_xy(&m[j], &s[0], &c[0], want_range, &x, &y);
        draw_marker(p, &m[j], x, y, b, vlines);
    }
    bmd__labels_place(p);
    plcol0(BMD__COL_FG);
    plslabelfunc(bmd__plot_plain_label, NULL);
    plbox("bcnsto", 0.0, 0, "bcnstvo", 0.0, 0);
    plslabelfunc(NULL, NULL);
    pllab(want_range ? "ground range from launch (km)" : "time after launch (s)", "altitude (km)",
          "");
}

/* Series, highlight, band and the event kinds present. */
static void build_legend(bmd__legend *g, const bmd_plot_series *s, size_t ns,
                         const bmd_plot_marker *m, size_t nm, const bmd_plot_band *band,
                         const char *hl_label)
{
    size_t k_role[3] = {0, 0, 0};
    int any_hl = 0;
    for (size_t i = 0; i < ns; i++) {
        int r = (int)s[i].role >= 0 && (int)s[i].role < 3 ? (int)s[i].role : 0;
        int col = bmd__plot_series_colour((bmd_plot_role)r, k_role[r]++);
        if (s[i].label) bmd__legend_line(g, s[i].label, col, BMD__LINE_SOLID, 2.0);
        for (size_t k = 0; s[i].highlight && k < s[i].n; k++)
            if (s[i].highlight[k]) any_hl = 1;
    }
    if (any_hl)
        bmd__legend_line(g, hl_label ? hl_label : "tracked",
                         n_highlighted(s, ns) > 1 ? BMD__COL_FG : BMD__COL_HIGHLIGHT,
                         BMD__LINE_SOLID, 5.0);
    if (band && band->alt_max_m > band->alt_min_m)
        bmd__legend_box(g, band->label ? band->label : "altitude band", BMD__COL_BAND);
    int seen[BMD_PLOT_EV_COUNT] = {0};
    for (size_t k = 0; k < nm; k++) {
        int ev = (int)m[k].event >= 0 && m[k].event < BMD_PLOT_EV_COUNT ? (int)m[k].event
                                                                        : (int)BMD_PLOT_EV_OTHER;
        if (seen[ev]++) continue;
        bmd__legend_symbol(g, bmd_plot_event_name((bmd_plot_event)ev), BMD__COL_EVENT + ev,
                           bmd__plot_event_symbol((bmd_plot_event)ev));
    }
}

/* The right edge (page fraction) of the panels: the legend takes a strip
 * on the right, outside every panel, as wide as it measures. */
static double legend_strip(bmd__plot *p, const bmd__legend *g)
{
    double w, h;
    bmd__legend_size(p, g, &w, &h);
    double frac = w / p->page_w_mm + 0.02;
    return fmax(0.55, 0.985 - frac - 0.015);
}

static void draw_legend_strip(bmd__plot *p, const bmd__legend *g, double right)
{
    double vp[4] = {right + 0.015, 0.995, 0.11, 0.84}, win[4] = {0.0, 1.0, 0.0, 1.0};
    bmd__plot_panel(p, -1, vp, win);
    bmd__legend_draw(p, g, PL_POSITION_TOP | PL_POSITION_LEFT);
}

static int check_markers(const bmd_plot_marker *m, size_t nm, bmd_errbuf *err)
{
    if (nm > 0 && m == NULL) return bmd_err_set(err, BMD_EINVAL, "figure: NULL markers");
    return BMD_OK;
}

int bmd_plot_profile(const bmd_plot_opts *o, const bmd_plot_series *s, size_t ns,
                     const bmd_plot_marker *m, size_t nm, const bmd_plot_band *band,
                     bmd_errbuf *err)
{
    int st = check_series(s, ns, 1, err);
    if (st || (st = check_markers(m, nm, err))) return st;
    struct curve *cr = NULL, *ct = NULL;
    if (make_curves(s, ns, 1, &cr) != BMD_OK || make_curves(s, ns, 0, &ct) != BMD_OK) {
        curves_free(cr, ns);
        return bmd_err_set(err, BMD_ENOMEM, "figure: out of memory");
    }
    struct box br = fit_box(cr, s, ns, m, nm, 1, band), bt = fit_box(ct, s, ns, m, nm, 0, band);
    bt.y1 = br.y1 = fmax(br.y1, bt.y1);
    bmd__plot *p = malloc(sizeof *p);
    st = p == NULL ? bmd_err_set(err, BMD_ENOMEM, "figure: out of memory")
                   : bmd__plot_begin(p, o, err);
    if (st == BMD_OK) {
        bmd__plot_heading(p, o);
        bmd__legend g = {0};
        build_legend(&g, s, ns, m, nm, band, NULL);
        double right = legend_strip(p, &g);
        double gap = 0.09, w = (right - 0.085 - gap) / 2;
        double v1[4] = {0.085, 0.085 + w, 0.11, 0.84}, v2[4] = {right - w, right, 0.11, 0.84};
        draw_panel(p, 0, v1, &br, cr, s, ns, m, nm, band, 1, 0);
        draw_panel(p, 1, v2, &bt, ct, s, ns, m, nm, band, 0, 0);
        draw_legend_strip(p, &g, right);
        st = bmd__plot_end(p, o, BMD_OK, err);
    }
    free(p);
    curves_free(cr, ns);
    curves_free(ct, ns);
    return st;
}

int bmd_plot_timeline(const bmd_plot_opts *o, const bmd_plot_series *s, size_t ns,
                      const bmd_plot_marker *m, size_t nm, const bmd_plot_band *band,
                      bmd_errbuf *err)
{
    int st = check_series(s, ns, 0, err);
    if (st || (st = check_markers(m, nm, err))) return st;
    struct curve *ct = NULL;
    if (make_curves(s, ns, 0, &ct) != BMD_OK)
        return bmd_err_set(err, BMD_ENOMEM, "figure: out of memory");
    struct box bt = fit_box(ct, s, ns, m, nm, 0, band);
    bmd__plot *p = malloc(sizeof *p);
    st = p == NULL ? bmd_err_set(err, BMD_ENOMEM, "figure: out of memory")
                   : bmd__plot_begin(p, o, err);
    if (st == BMD_OK) {
        bmd__plot_heading(p, o);
        bmd__legend g = {0};
        build_legend(&g, s, ns, m, nm, band, NULL);
        double right = legend_strip(p, &g);
        double vp[4] = {0.085, right, 0.11, 0.84};
        draw_panel(p, 0, vp, &bt, ct, s, ns, m, nm, band, 0, 1);
        draw_legend_strip(p, &g, right);
        st = bmd__plot_end(p, o, BMD_OK, err);
    }
    free(p);
    curves_free(ct, ns);
    return st;
}

/* ---- radar time budgets ---------------------------------------------------- */

int bmd_plot_occupancy(const bmd_plot_opts *o, const bmd_plot_occ_series *s, size_t ns,
                       bmd_errbuf *err)
{
    if (o == NULL || s == NULL || ns < 1 || ns > 8)
        return bmd_err_set(err, BMD_EINVAL, "occupancy figure: 1 to 8 radars");
    double t0 = INFINITY, t1 = -INFINITY, y1 = 100.0;
    for (size_t i = 0; i < ns; i++) {
        const bmd_plot_occ_series *q = &s[i];
        if (q->n < 2 || !q->t_s || !q->occupancy || !q->demand)
            return bmd_err_set(err, BMD_EINVAL,
                               "occupancy figure: radar %zu has fewer than 2 samples", i + 1);
        for (size_t k = 0; k < q->n; k++) {
            if (!isfinite(q->t_s[k]) || !isfinite(q->occupancy[k]) || !isfinite(q->demand[k]) ||
                (k > 0 && !(q->t_s[k] > q->t_s[k - 1])))
                return bmd_err_set(err, BMD_EINVAL,
                                   "occupancy figure: radar %zu: sample %zu is not finite or "
                                   "not later than the one before",
                                   i + 1, k + 1);
            y1 = fmax(y1, 100.0 * fmax(q->occupancy[k], q->demand[k]));
        }
        t0 = fmin(t0, q->t_s[0]);
        t1 = fmax(t1, q->t_s[q->n - 1]);
    }
    double y0 = 0.0;
    y1 *= 1.05;
    bmd__plot_nice_range(&y0, &y1);
    size_t nmax = 0;
    for (size_t i = 0; i < ns; i++)
        nmax = s[i].n > nmax ? s[i].n : nmax;
    double *y = malloc(nmax * sizeof *y);
    bmd__plot *p = malloc(sizeof *p);
    int st = (!y || !p) ? bmd_err_set(err, BMD_ENOMEM, "figure: out of memory")
                        : bmd__plot_begin(p, o, err);
    if (st == BMD_OK) {
        bmd__plot_heading(p, o);
        bmd__legend g = {0};
        char text[96];
        for (size_t i = 0; i < ns; i++) {
            int col = bmd__plot_series_colour(BMD_PLOT_OTHER, i);
            snprintf(text, sizeof text, "%.60s occupancy", s[i].label ? s[i].label : "radar");
            bmd__legend_line(&g, text, col, BMD__LINE_SOLID, 2.0);
            snprintf(text, sizeof text, "%.60s demand", s[i].label ? s[i].label : "radar");
            bmd__legend_line(&g, text, col, BMD__LINE_DASHED, 1.5);
        }
        bmd__legend_line(&g, "the face's whole time (100 %)", BMD__COL_FG, BMD__LINE_DOTTED, 1.0);
        double right = legend_strip(p, &g);
        double vp[4] = {0.085, right, 0.11, 0.84}, win[4] = {t0, t1, y0, y1};
        bmd__plot_panel(p, 0, vp, win);
        plcol0(BMD__COL_GRID);
        plbox("g", 0.0, 0, "g", 0.0, 0);
        double hx[2] = {t0, t1}, hy[2] = {100.0, 100.0};
        plcol0(BMD__COL_FG);
        pllsty(BMD__LINE_DOTTED);
        plline(2, hx, hy);
        pllsty(BMD__LINE_SOLID);
        bmd__plot_data(p, t0, 100.0);
        bmd__plot_data(p, t1, 100.0);
        for (size_t i = 0; i < ns; i++) {
            const bmd_plot_occ_series *q = &s[i];
            plcol0(bmd__plot_series_colour(BMD_PLOT_OTHER, i));
            for (int pass = 0; pass < 2; pass++) { /* demand dashed under occupancy solid */
                const double *v = pass == 0 ? q->demand : q->occupancy;
                for (size_t k = 0; k < q->n; k++) {
                    y[k] = 100.0 * v[k];
                    bmd__plot_data(p, q->t_s[k], y[k]);
                }
                pllsty(pass == 0 ? BMD__LINE_DASHED : BMD__LINE_SOLID);
                plwidth(pass == 0 ? 1.5 : 2.0);
                plline((PLINT)q->n, q->t_s, y);
            }
            pllsty(BMD__LINE_SOLID);
            plwidth(1.0);
        }
        plcol0(BMD__COL_FG);
        plslabelfunc(bmd__plot_plain_label, NULL);
        plbox("bcnst", 0.0, 0, "bcnstv", 0.0, 0);
        plslabelfunc(NULL, NULL);
        pllab("time after launch (s)", "share of the radar face's time (%)", "");
        draw_legend_strip(p, &g, right);
        st = bmd__plot_end(p, o, BMD_OK, err);
    }
    free(p);
    free(y);
    return st;
}
