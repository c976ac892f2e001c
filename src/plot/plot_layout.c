/*
 * plot_layout.c: where things go on a figure (bmd_plot_layout in
 * bmd/plot.h): panels and their world-to-page mapping, the data boxes,
 * text sizes as the cairo driver renders them, and a greedy label placer
 * with leader lines.
 *
 * The placer is the classic greedy one: labels in priority order, each
 * tried at eight positions around its anchor and then on rings farther
 * out (joined to the anchor by a thin leader line); the first position
 * that lies inside the panel and overlaps no marker, no label placed
 * before and not the legend is taken; a label with no free position is
 * left out and counted. Simple and deterministic; enough for the few dozen
 * labels of a map.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot/plplot_lazy.h"

#include "bmd/const.h"
#include "plot/plot_internal.h"

void bmd__plot_panel(bmd__plot *p, int k, const double vp[4], const double win[4])
{
    memcpy(p->vp, vp, sizeof p->vp);
    memcpy(p->win, win, sizeof p->win);
    p->panel = k;
    plvpor(vp[0], vp[1], vp[2], vp[3]);
    plwind(win[0], win[1], win[2], win[3]);
    if (k < 0 || k > 1) return;
    bmd_plot_box b = {vp[0] * p->page_w_mm, vp[2] * p->page_h_mm, vp[1] * p->page_w_mm,
                      vp[3] * p->page_h_mm};
    p->lay.panel[k] = b;
    p->lay.data[k] = (bmd_plot_box){INFINITY, INFINITY, -INFINITY, -INFINITY};
    if (p->lay.n_panels < k + 1) p->lay.n_panels = k + 1;
}

void bmd__w2mm(const bmd__plot *p, double x, double y, double *xm, double *ym)
{
    double u = (x - p->win[0]) / (p->win[1] - p->win[0]);
    double v = (y - p->win[2]) / (p->win[3] - p->win[2]);
    *xm = (p->vp[0] + u * (p->vp[1] - p->vp[0])) * p->page_w_mm;
    *ym = (p->vp[2] + v * (p->vp[3] - p->vp[2])) * p->page_h_mm;
}

void bmd__mm2w(const bmd__plot *p, double xm, double ym, double *x, double *y)
{
    double u = (xm / p->page_w_mm - p->vp[0]) / (p->vp[1] - p->vp[0]);
    double v = (ym / p->page_h_mm - p->vp[2]) / (p->vp[3] - p->vp[2]);
    *x = p->win[0] + u * (p->win[1] - p->win[0]);
    *y = p->win[2] + v * (p->win[3] - p->win[2]);
}

void bmd__plot_data(bmd__plot *p, double x, double y)
{
    if (p->panel < 0 || p->panel > 1 || !isfinite(x) || !isfinite(y)) return;
    double xm, ym;
    bmd__w2mm(p, x, y, &xm, &ym);
    const bmd_plot_box *pb = &p->lay.panel[p->panel];
    bmd_plot_box *d = &p->lay.data[p->panel];
    xm = fmin(fmax(xm, pb->x0_mm), pb->x1_mm);
    ym = fmin(fmax(ym, pb->y0_mm), pb->y1_mm);
    d->x0_mm = fmin(d->x0_mm, xm), d->x1_mm = fmax(d->x1_mm, xm);
    d->y0_mm = fmin(d->y0_mm, ym), d->y1_mm = fmax(d->y1_mm, ym);
}

void bmd__plot_mark(bmd__plot *p, double x, double y, double r_mm)
{
    if (!isfinite(x) || !isfinite(y)) return;
    bmd__plot_data(p, x, y);
    if (p->lay.n_marks >= BMD_PLOT_LAYOUT_MAX) return;
    double xm, ym;
    bmd__w2mm(p, x, y, &xm, &ym);
    p->lay.mark[p->lay.n_marks++] = (bmd_plot_box){xm - r_mm, ym - r_mm, xm + r_mm, ym + r_mm};
}

/* Width of a one-entry legend of text (subpage fraction): the driver's own
 * string length (cairo's, through PLplot) plus a fixed margin, drawn in a
 * fully transparent colour so nothing shows. */
static double legend_width(const char *text, double scale)
{
    PLINT opt[1] = {PL_LEGEND_NONE}, tcol[1] = {BMD__COL_NONE}, zero[1] = {0}, one[1] = {1};
    PLFLT unit[1] = {1.0};
    const char *tx[1] = {text}, *sym[1] = {""};
    PLFLT w = 0, h = 0;
    pllegend(&w, &h, 0,
             PL_POSITION_SUBPAGE | PL_POSITION_INSIDE | PL_POSITION_LEFT | PL_POSITION_BOTTOM, 0.0,
             0.0, 0.0, BMD__COL_NONE, BMD__COL_NONE, 1, 0, 0, 1, opt, 0.0, scale, 1.0, 0.0, tcol,
             tx, zero, zero, unit, unit, zero, zero, unit, zero, unit, one, sym);
    return w;
}

void bmd__text_size(const bmd__plot *p, const char *text, double scale, double *w_mm, double *h_mm)
{
    char buf[256];
    bmd__plot_text(buf, sizeof buf, text);
    plvpor(0.0, 1.0, 0.0, 1.0); /* pllegend measures in the page's fractions */
    plwind(0.0, 1.0, 0.0, 1.0);
    /* the legend's fixed margin: 2 w("M") - w("MM") (an empty string is
       not measured: PLplot keeps the previous string's length for it) */
    double margin = 2.0 * legend_width("M", scale) - legend_width("MM", scale);
    double w = legend_width(buf, scale) - margin;
    plvpor(p->vp[0], p->vp[1], p->vp[2], p->vp[3]);
    plwind(p->win[0], p->win[1], p->win[2], p->win[3]);
    *w_mm = fmax(w, 0.0) * p->page_w_mm;
    /* cap height is the character height; descenders reach 0.3 of it below
     * the text's vertical centre line, ascenders 0.15 above the caps */
    *h_mm = 1.4 * p->chr_mm * scale;
}

int bmd__box_overlap(const bmd_plot_box *a, const bmd_plot_box *b)
{
    return a->x0_mm < b->x1_mm && b->x0_mm < a->x1_mm && a->y0_mm < b->y1_mm && b->y0_mm < a->y1_mm;
}

void bmd__label_add(bmd__plot *p, const char *text, double x, double y, double r_mm, double scale,
                    int colour, int priority)
{
    if (text == NULL || text[0] == '\0' || !isfinite(x) || !isfinite(y)) return;
    if (p->n_pending >= BMD_PLOT_LAYOUT_MAX) {
        p->lay.n_dropped++;
        return;
    }
    bmd__label *l = &p->pending[p->n_pending++];
    memset(l, 0, sizeof *l);
    bmd__w2mm(p, x, y, &l->ax_mm, &l->ay_mm);
    l->r_mm = r_mm;
    l->scale = scale;
    l->colour = colour;
    l->priority = priority;
    l->panel = p->panel;
    snprintf(l->text, sizeof l->text, "%s", text);
    bmd__text_size(p, text, scale, &l->w_mm, &l->h_mm);
}

void bmd__label_add_optional(bmd__plot *p, const char *text, double x, double y, double r_mm,
                             double scale, int colour, int priority)
{
    size_t n = p->n_pending;
    bmd__label_add(p, text, x, y, r_mm, scale, colour, priority);
    if (p->n_pending > n) p->pending[n].optional = 1;
}

/* The box of a label whose text starts (left) or ends (right) at x and
 * whose centre line is at y. */
static bmd_plot_box text_box(const bmd__label *l, double x, double y, int right_aligned)
{
    double x0 = right_aligned ? x - l->w_mm : x;
    return (bmd_plot_box){x0, y - 0.55 * l->h_mm, x0 + l->w_mm, y + 0.45 * l->h_mm};
}

/* Candidate k of a label (k < 8 next to the anchor, then rings with a
 * leader); 0 when there are no more. */
static int candidate(const bmd__label *l, int k, bmd_plot_box *b)
{
    double g = 0.35 * l->h_mm, r = l->r_mm + g, ax = l->ax_mm, ay = l->ay_mm;
    double hw = 0.5 * l->w_mm, hh = 0.5 * l->h_mm;
    switch (k) {
    case 0:
        *b = text_box(l, ax + r, ay, 0);
        return 1;
    case 1:
        *b = text_box(l, ax - r, ay, 1);
        return 1;
    case 2:
        *b = text_box(l, ax + 0.5 * r, ay + r + hh, 0);
        return 1;
    case 3:
        *b = text_box(l, ax + 0.5 * r, ay - r - hh, 0);
        return 1;
    case 4:
        *b = text_box(l, ax - 0.5 * r, ay + r + hh, 1);
        return 1;
    case 5:
        *b = text_box(l, ax - 0.5 * r, ay - r - hh, 1);
        return 1;
    case 6:
        *b = text_box(l, ax - hw, ay + r + hh, 0);
        return 1;
    case 7:
        *b = text_box(l, ax - hw, ay - r - hh, 0);
        return 1;
    default:
        break;
    }
    /* rings of 16 directions, 1.5, 2.5, ... 6.5 text heights out */
    int j = k - 8, ring = j / 16, dir = j % 16;
    if (ring >= 6) return 0;
    double d = r + (1.5 + ring) * l->h_mm, a = dir * (2.0 * BMD_PI / 16.0);
    double px = ax + d * cos(a), py = ay + d * sin(a);
    double c = cos(a);
    if (fabs(c) < 0.2)
        *b = text_box(l, px - hw, py + (sin(a) > 0 ? hh : -hh), 0);
    else
        *b = text_box(l, px, py, c < 0);
    return 1;
}

static int inside(const bmd_plot_box *b, const bmd_plot_box *in)
{
    return b->x0_mm >= in->x0_mm && b->x1_mm <= in->x1_mm && b->y0_mm >= in->y0_mm &&
           b->y1_mm <= in->y1_mm;
}

static int is_free(const bmd__plot *p, const bmd_plot_box *b)
{
    const bmd_plot_layout *L = &p->lay;
    for (size_t i = 0; i < L->n_marks; i++)
        if (bmd__box_overlap(b, &L->mark[i])) return 0;
    for (size_t i = 0; i < L->n_labels; i++)
        if (bmd__box_overlap(b, &L->label[i])) return 0;
    if (L->has_legend && bmd__box_overlap(b, &L->legend)) return 0;
    return 1;
}

/* The point of box b nearest to (x, y). */
static void nearest(const bmd_plot_box *b, double x, double y, double *nx, double *ny)
{
    *nx = fmin(fmax(x, b->x0_mm), b->x1_mm);
    *ny = fmin(fmax(y, b->y0_mm), b->y1_mm);
}

static void draw_label(bmd__plot *p, const bmd__label *l, const bmd_plot_box *b, int leader)
{
    double x, y;
    if (leader) {
        double nx, ny, d, ex, ey;
        nearest(b, l->ax_mm, l->ay_mm, &nx, &ny);
        d = hypot(nx - l->ax_mm, ny - l->ay_mm);
        if (d > l->r_mm) {
            ex = l->ax_mm + (nx - l->ax_mm) * l->r_mm / d;
            ey = l->ay_mm + (ny - l->ay_mm) * l->r_mm / d;
            PLFLT lx[2], ly[2];
            bmd__mm2w(p, ex, ey, &x, &y);
            lx[0] = x, ly[0] = y;
            bmd__mm2w(p, nx, ny, &x, &y);
            lx[1] = x, ly[1] = y;
            plcol0(BMD__COL_BORDER);
            plwidth(0.8);
            plline(2, lx, ly);
            plwidth(1.0);
        }
    }
    char buf[256];
    bmd__plot_text(buf, sizeof buf, l->text);
    bmd__mm2w(p, b->x0_mm, b->y0_mm + 0.55 * l->h_mm, &x, &y);
    plcol0(l->colour);
    plschr(0.0, l->scale);
    plptex(x, y, 1.0, 0.0, 0.0, buf);
    plschr(0.0, 1.0);
}

/* The dot of a context place, recorded as a mark. */
static void draw_dot(bmd__plot *p, const bmd__label *l)
{
    double x, y;
    bmd__mm2w(p, l->ax_mm, l->ay_mm, &x, &y);
    PLFLT px = x, py = y;
    plcol0(l->colour);
    plschr(0.0, 0.9);
    plstring(1, &px, &py, "\xe2\x80\xa2"); /* bullet */
    plschr(0.0, 1.0);
    if (p->lay.n_marks < BMD_PLOT_LAYOUT_MAX)
        p->lay.mark[p->lay.n_marks++] = (bmd_plot_box){l->ax_mm - l->r_mm, l->ay_mm - l->r_mm,
                                                       l->ax_mm + l->r_mm, l->ay_mm + l->r_mm};
}

void bmd__labels_place(bmd__plot *p)
{
    if (p->panel < 0 || p->panel > 1) return;
    bmd_plot_box area = p->lay.panel[p->panel];
    double inset = 0.3 * p->chr_mm;
    area.x0_mm += inset, area.x1_mm -= inset, area.y0_mm += inset, area.y1_mm -= inset;
    for (int pri = 0; pri <= 9; pri++)
        for (size_t i = 0; i < p->n_pending; i++) {
            const bmd__label *l = &p->pending[i];
            if (l->panel != p->panel || l->priority != pri) continue;
            bmd_plot_box b, dot = {l->ax_mm - l->r_mm, l->ay_mm - l->r_mm, l->ax_mm + l->r_mm,
                                   l->ay_mm + l->r_mm};
            int k = 0, placed = 0;
            if (l->optional && !is_free(p, &dot)) continue; /* its dot would cover something */
            while (!placed && candidate(l, k, &b) && (!l->optional || k < 8)) {
                if (inside(&b, &area) && is_free(p, &b) && p->lay.n_labels < BMD_PLOT_LAYOUT_MAX) {
                    p->lay.label[p->lay.n_labels++] = b;
                    if (l->optional) draw_dot(p, l);
                    draw_label(p, l, &b, k >= 8);
                    if (k >= 8) p->lay.n_leaders++;
                    placed = 1;
                }
                k++;
            }
            if (!placed && !l->optional) p->lay.n_dropped++;
        }
    size_t j = 0; /* keep the other panels' labels queued */
    for (size_t i = 0; i < p->n_pending; i++)
        if (p->pending[i].panel != p->panel) p->pending[j++] = p->pending[i];
    p->n_pending = j;
}

void bmd__plot_plain_label(PLINT axis, PLFLT value, char *label, PLINT length, PLPointer data)
{
    (void)axis;
    (void)data;
    double v = fabs(value) < 1e-9 ? 0.0 : value;
    if (fabs(v - round(v)) < 1e-9 && fabs(v) < 1e15) {
        long long n = llround(fabs(v));
        char digits[32], out[48];
        snprintf(digits, sizeof digits, "%lld", n);
        size_t nd = strlen(digits), k = 0;
        if (v < 0) out[k++] = '-';
        for (size_t i = 0; i < nd; i++) {
            if (i > 0 && (nd - i) % 3 == 0 && nd > 4) out[k++] = ',';
            out[k++] = digits[i];
        }
        out[k] = '\0';
        snprintf(label, (size_t)length, "%s", out);
    } else {
        snprintf(label, (size_t)length, "%g", v);
    }
}
