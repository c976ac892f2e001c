/*
 * plot.c: what every figure shares (bmd/plot.h): options and formats, the
 * PLplot stream rendering into a temporary file that is renamed into place,
 * the palette, the heading and the legend.
 *
 * PLplot keeps global state: each figure makes its own stream (plmkstrm),
 * ends it with plend1 and switches back to the caller's stream, so the
 * figure functions are not thread-safe (documented in plot.h).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plot/plplot_lazy.h"

#include "bmd/core.h"
#include "plot/plot_internal.h"

static const char *const format_devices[] = {"pngcairo", "svgcairo", "pdfcairo"};

/* Symbols are UTF-8 glyphs drawn with plstring (DejaVu Sans has them). */
static const char *const event_symbols[BMD_PLOT_EV_COUNT] = {
    "\xe2\x96\xb2", /* launch: black up-pointing triangle */
    "\xe2\x97\x8f", /* burnout: black circle */
    "\xe2\x97\x86", /* apogee: black diamond */
    "\xe2\x96\xa0", /* first detection: black square */
    "\xe2\x96\xbc", /* track: black down-pointing triangle */
    "\xe2\x96\xb2", /* interceptor launch: triangle */
    "\xe2\x9c\xb8", /* intercept: heavy eight-pointed star */
    "\xe2\x9c\x95", /* miss: multiplication x */
    "\xe2\x9c\x96", /* impact: heavy multiplication x */
    "\xe2\x97\x8b", /* other: white circle */
};

const char *bmd__plot_event_symbol(bmd_plot_event ev)
{
    return (int)ev >= 0 && ev < BMD_PLOT_EV_COUNT ? event_symbols[ev] : event_symbols[9];
}

/* The palette: r, g, b, alpha for each index of plot_internal.h. */
static void set_palette(void)
{
    static const struct {
        int r, g, b;
        double a;
    } c[BMD__COL_COUNT] = {
        {255, 255, 255, 1.0},
        {0, 0, 0, 1.0},
        {225, 225, 225, 1.0},
        {95, 95, 95, 1.0},
        {160, 160, 160, 1.0},
        {200, 30, 30, 1.0},
        {150, 0, 80, 1.0},
        {230, 110, 20, 1.0},
        {120, 40, 20, 1.0},
        {25, 80, 200, 1.0},
        {0, 150, 190, 1.0},
        {70, 30, 150, 1.0},
        {20, 40, 110, 1.0},
        {30, 140, 60, 1.0},
        {110, 160, 30, 1.0},
        {0, 110, 110, 1.0},
        {60, 90, 40, 1.0},
        {255, 140, 0, 1.0},
        {60, 120, 230, 0.15},
        {40, 110, 220, 0.22},
        {40, 170, 70, 0.25},
        {220, 50, 40, 0.25},
        {30, 80, 190, 1.0},
        {20, 120, 40, 1.0},
        {190, 30, 30, 1.0},
        {120, 40, 160, 1.0},
        {120, 40, 160, 0.06},
        {200, 30, 30, 1.0},
        {120, 60, 20, 1.0},
        {20, 20, 20, 1.0},
        {20, 110, 210, 1.0},
        {0, 150, 150, 1.0},
        {25, 80, 200, 1.0},
        {0, 160, 60, 1.0},
        {110, 110, 110, 1.0},
        {200, 30, 30, 1.0},
        {90, 90, 90, 1.0},
        {255, 255, 255, 0.0},
        {80, 80, 80, 1.0},
        {60, 60, 60, 1.0},
        /* distinct series colours (threats): red, teal, purple, brown,
           magenta, olive, dark red, dark grey (no orange: the highlight's) */
        {200, 30, 30, 1.0},
        {0, 130, 130, 1.0},
        {130, 50, 170, 1.0},
        {140, 80, 30, 1.0},
        {210, 40, 150, 1.0},
        {120, 120, 0, 1.0},
        {110, 0, 0, 1.0},
        {90, 90, 90, 1.0},
    };
    plscmap0n(BMD__COL_COUNT);
    for (int i = 0; i < BMD__COL_COUNT; i++)
        plscol0a(i, c[i].r, c[i].g, c[i].b, c[i].a);
}

int bmd__plot_series_colour(bmd_plot_role role, size_t k)
{
    if (role != BMD_PLOT_INTERCEPTOR && role != BMD_PLOT_OTHER)
        return BMD__COL_SERIES + (int)(k % BMD__N_SERIES);
    int base = role == BMD_PLOT_INTERCEPTOR ? BMD__COL_INTERCEPTOR
               : role == BMD_PLOT_OTHER     ? BMD__COL_OTHER
                                            : BMD__COL_THREAT;
    return base + (int)(k % 4);
}

void bmd__plot_text(char *out, size_t n, const char *in)
{
    size_t j = 0;
    for (; in != NULL && *in != '\0' && j + 2 < n; in++) {
        if (*in == '#') out[j++] = '#';
        out[j++] = *in;
    }
    if (n > 0) out[j < n ? j : n - 1] = '\0';
}

/* Whether PLplot has the cairo driver for fmt (plinit would exit without). */
static int have_device(const char *dev)
{
    int ndev = 128;
    const char **menu = malloc((size_t)ndev * sizeof *menu);
    const char **names = malloc((size_t)ndev * sizeof *names);
    int found = 0;
    if (menu != NULL && names != NULL) {
        plgDevs(&menu, &names, &ndev);
        for (int i = 0; i < ndev; i++)
            if (names[i] != NULL && strcmp(names[i], dev) == 0) found = 1;
    }
    free(menu);
    free(names);
    return found;
}

static int check_opts(const bmd_plot_opts *o, bmd_errbuf *err)
{
    if (o == NULL || o->path == NULL || o->path[0] == '\0')
        return bmd_err_set(err, BMD_EINVAL, "figure: no output path");
    if ((int)o->format < 0 || (int)o->format > 2)
        return bmd_err_set(err, BMD_EINVAL, "figure: invalid format %d", (int)o->format);
    if (o->width_px < 200 || o->width_px > 8000 || o->height_px < 200 || o->height_px > 8000)
        return bmd_err_set(err, BMD_EINVAL, "figure: size %d x %d pixels outside 200 .. 8000",
                           o->width_px, o->height_px);
    if (strlen(o->path) + 8 > sizeof(((bmd__plot *)0)->tmp_path))
        return bmd_err_set(err, BMD_EINVAL, "figure: path too long");
    return BMD_OK;
}

/* The temporary file next to the target: created (so writable), closed. */
static int make_tmp(bmd__plot *p, const char *path, bmd_errbuf *err)
{
    snprintf(p->tmp_path, sizeof p->tmp_path, "%s.XXXXXX", path);
    int fd = mkstemp(p->tmp_path);
    if (fd < 0) {
        int e = errno;
        p->tmp_path[0] = '\0';
        return bmd_err_set(err, BMD_EIO, "%s: cannot create: %s", path, strerror(e));
    }
    close(fd);
    return BMD_OK;
}

int bmd__plot_begin(bmd__plot *p, const bmd_plot_opts *o, bmd_errbuf *err)
{
    memset(p, 0, sizeof *p);
    int st = check_opts(o, err);
    if (st) return st;
    if ((st = bmd__plplot_load(err))) return st;
    const char *dev = format_devices[o->format];
    if (!have_device(dev))
        return bmd_err_set(err, BMD_EIO,
                           "figure: PLplot has no %s driver (install "
                           "plplot-driver-cairo)",
                           dev);
    if ((st = bmd_output_path_check(o->path, err))) return st;
    if ((st = make_tmp(p, o->path, err))) return st;
    PLINT prev = 0, strm = -1;
    plgstrm(&prev);
    plmkstrm(&strm);
    if (strm < 0) {
        remove(p->tmp_path);
        return bmd_err_set(err, BMD_ELIMIT, "figure: no free PLplot stream");
    }
    p->prev_stream = prev, p->stream = strm;
    plsdev(dev);
    plsfnam(p->tmp_path);
    plsfam(0, -1, -1);
    plspage(0.0, 0.0, o->width_px, o->height_px, 0, 0);
    set_palette();
    plinit();
    plfontld(1);
    pladv(0);
    PLFLT x0, x1, y0, y1;
    plgspa(&x0, &x1, &y0, &y1);
    p->page_w_mm = x1 - x0, p->page_h_mm = y1 - y0;
    double small = p->page_w_mm < p->page_h_mm ? p->page_w_mm : p->page_h_mm;
    p->chr_mm = 0.018 * small;
    plschr(p->chr_mm, 1.0);
    plwidth(1.0);
    p->lay.page_w_mm = p->page_w_mm, p->lay.page_h_mm = p->page_h_mm;
    p->panel = -1;
    p->vp[0] = p->win[0] = 0.0, p->vp[1] = p->win[1] = 1.0;
    p->vp[2] = p->win[2] = 0.0, p->vp[3] = p->win[3] = 1.0;
    return BMD_OK;
}

/*
 * 1 when the figure file ends as a complete file of its format ends: PLplot
 * and cairo do not report write errors, so a full disk once left a
 * truncated PNG that was renamed into place (issue 12). A PNG ends with its
 * IEND chunk (PNG specification, 2nd ed., section 11.2.5: length 0, type
 * IEND, CRC AE 42 60 82), an SVG with "</svg>", a PDF with "%%EOF" (ISO
 * 32000-1 section 7.5.5), each possibly followed by blanks. The file is
 * fsync'ed on the way, so the data are on disk before the rename.
 */
static int figure_complete(const char *path, bmd_plot_format fmt)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) return 0;
    unsigned char tail[64];
    size_t n = 0;
    int ok = fseek(f, -(long)sizeof tail, SEEK_END) == 0 || fseek(f, 0, SEEK_SET) == 0;
    if (ok) n = fread(tail, 1, sizeof tail, f);
    ok = ok && !ferror(f) && fsync(fileno(f)) == 0;
    fclose(f);
    if (!ok) return 0;
    if (fmt == BMD_PLOT_PNG) {
        static const unsigned char iend[12] = {0,   0,   0,    0,    'I',  'E',
                                               'N', 'D', 0xAE, 0x42, 0x60, 0x82};
        return n >= 12 && memcmp(tail + n - 12, iend, 12) == 0;
    }
    while (n > 0 && (tail[n - 1] == '\n' || tail[n - 1] == '\r' || tail[n - 1] == ' '))
        n--;
    const char *end = fmt == BMD_PLOT_SVG ? "</svg>" : "%%EOF";
    size_t k = strlen(end);
    return n >= k && memcmp(tail + n - k, end, k) == 0;
}

int bmd__plot_end(bmd__plot *p, const bmd_plot_opts *o, int status, bmd_errbuf *err)
{
    plend1();
    plsstrm(p->prev_stream);
    struct stat sb;
    if (status == BMD_OK && (stat(p->tmp_path, &sb) != 0 || sb.st_size == 0))
        status = bmd_err_set(err, BMD_EIO, "%s: PLplot wrote nothing", o->path);
    if (status == BMD_OK && !figure_complete(p->tmp_path, o->format))
        status = bmd_err_set(err, BMD_EIO, "%s: figure incomplete (disk full?)", o->path);
    if (status == BMD_OK) status = bmd_output_path_check(o->path, err);
    if (status == BMD_OK) {
        chmod(p->tmp_path, 0644); /* mkstemp makes 0600; figures are for sharing */
        if (rename(p->tmp_path, o->path) != 0)
            status = bmd_err_set(err, BMD_EIO, "%s: cannot rename into place: %s", o->path,
                                 strerror(errno));
    }
    if (status != BMD_OK) remove(p->tmp_path);
    if (status == BMD_OK && o->layout != NULL) *o->layout = p->lay;
    return status;
}

void bmd__plot_heading(bmd__plot *p, const bmd_plot_opts *o)
{
    char buf[512];
    double vp[4] = {0.0, 1.0, 0.0, 1.0}, win[4] = {0.0, 1.0, 0.0, 1.0};
    bmd__plot_panel(p, -1, vp, win);
    plcol0(BMD__COL_FG);
    if (o->title) {
        bmd__plot_text(buf, sizeof buf, o->title);
        plschr(0.0, 1.35);
        plmtex("t", -1.6, 0.5, 0.5, buf);
        plschr(0.0, 1.0);
    }
    if (o->subtitle == NULL) return;
    /* a subtitle wider than the page is broken at the "; " nearest its
       middle into two lines */
    double w, h;
    bmd__text_size(p, o->subtitle, 0.95, &w, &h);
    size_t len = strlen(o->subtitle), cut = 0;
    if (w > 0.97 * p->page_w_mm)
        for (const char *q = strstr(o->subtitle, "; "); q; q = strstr(q + 1, "; ")) {
            size_t at = (size_t)(q - o->subtitle);
            if (cut == 0 || labs((long)(2 * at) - (long)len) < labs((long)(2 * cut) - (long)len))
                cut = at;
        }
    plschr(0.0, 0.95);
    if (cut == 0) {
        bmd__plot_text(buf, sizeof buf, o->subtitle);
        plmtex("t", -4.0, 0.5, 0.5, buf);
    } else {
        char line[512];
        snprintf(line, sizeof line, "%.*s;", (int)cut, o->subtitle);
        bmd__plot_text(buf, sizeof buf, line);
        plmtex("t", -3.6, 0.5, 0.5, buf);
        bmd__plot_text(buf, sizeof buf, o->subtitle + cut + 2);
        plmtex("t", -5.0, 0.5, 0.5, buf);
    }
    plschr(0.0, 1.0);
}

/* ---- legend ---------------------------------------------------------------- */

static int legend_add(bmd__legend *g, const char *text, int colour)
{
    if (g->n >= BMD__LEGEND_MAX) return -1;
    int k = g->n++;
    bmd__plot_text(g->text[k], sizeof g->text[k], text);
    g->colour[k] = colour;
    g->line_style[k] = BMD__LINE_SOLID;
    g->line_width[k] = 1.0;
    g->symbol[k] = "";
    g->opt[k] = PL_LEGEND_NONE;
    return k;
}

void bmd__legend_line(bmd__legend *g, const char *text, int colour, int style, double width)
{
    int k = legend_add(g, text, colour);
    if (k < 0) return;
    g->opt[k] = PL_LEGEND_LINE;
    g->line_style[k] = style;
    g->line_width[k] = width;
}

void bmd__legend_box(bmd__legend *g, const char *text, int colour)
{
    int k = legend_add(g, text, colour);
    if (k >= 0) g->opt[k] = PL_LEGEND_COLOR_BOX;
}

void bmd__legend_symbol(bmd__legend *g, const char *text, int colour, const char *symbol)
{
    int k = legend_add(g, text, colour);
    if (k < 0) return;
    g->opt[k] = PL_LEGEND_SYMBOL;
    g->symbol[k] = symbol;
}

/* pllegend with the legend's entries; invisible: every colour transparent
 * (to measure it). Returns width and height in fractions of the current
 * viewport. */
static void legend_call(const bmd__legend *g, int position, int invisible, double *pw, double *ph)
{
    PLINT opt[BMD__LEGEND_MAX], tcol[BMD__LEGEND_MAX], col[BMD__LEGEND_MAX];
    PLINT pat[BMD__LEGEND_MAX], sty[BMD__LEGEND_MAX], nsym[BMD__LEGEND_MAX];
    PLFLT bscale[BMD__LEGEND_MAX], bwidth[BMD__LEGEND_MAX], lwidth[BMD__LEGEND_MAX];
    PLFLT sscale[BMD__LEGEND_MAX];
    const char *text[BMD__LEGEND_MAX], *sym[BMD__LEGEND_MAX];
    for (int i = 0; i < g->n; i++) {
        opt[i] = g->opt[i], tcol[i] = invisible ? BMD__COL_NONE : BMD__COL_FG;
        col[i] = invisible ? BMD__COL_NONE : g->colour[i];
        pat[i] = 0, sty[i] = g->line_style[i], nsym[i] = 1;
        bscale[i] = 0.8, bwidth[i] = 1.0, lwidth[i] = g->line_width[i], sscale[i] = 1.0;
        text[i] = g->text[i], sym[i] = g->symbol[i];
    }
    PLFLT w, h;
    pllegend(&w, &h, invisible ? 0 : PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
             position | PL_POSITION_INSIDE | PL_POSITION_VIEWPORT, 0.01, 0.01, 0.06, BMD__COL_BG,
             BMD__COL_GRID, BMD__LINE_SOLID, 0, 0, g->n, opt, 0.8, 0.85, 1.8, 0.0, tcol, text, col,
             pat, bscale, bwidth, col, sty, lwidth, col, sscale, nsym, sym);
    *pw = w, *ph = h;
}

void bmd__legend_size(const bmd__plot *p, const bmd__legend *g, double *w_mm, double *h_mm)
{
    *w_mm = *h_mm = 0.0;
    if (g->n == 0) return;
    plvpor(0.0, 1.0, 0.0, 1.0); /* the whole page: fractions of the page */
    plwind(0.0, 1.0, 0.0, 1.0);
    double w, h;
    legend_call(g, PL_POSITION_TOP | PL_POSITION_LEFT, 1, &w, &h);
    *w_mm = w * p->page_w_mm, *h_mm = h * p->page_h_mm;
    plvpor(p->vp[0], p->vp[1], p->vp[2], p->vp[3]);
    plwind(p->win[0], p->win[1], p->win[2], p->win[3]);
}

void bmd__legend_draw(bmd__plot *p, const bmd__legend *g, int position)
{
    if (g->n == 0) return;
    double w, h;
    legend_call(g, position, 0, &w, &h);
    /* its box: PLplot reports the size in viewport fractions; the corner
       follows from the position and the 0.01 offsets given above */
    double vw = (p->vp[1] - p->vp[0]) * p->page_w_mm, vh = (p->vp[3] - p->vp[2]) * p->page_h_mm;
    double x0 = p->vp[0] * p->page_w_mm, y0 = p->vp[2] * p->page_h_mm;
    double bw = w * vw, bh = h * vh;
    double lx = (position & PL_POSITION_RIGHT) ? x0 + vw * 0.99 - bw : x0 + vw * 0.01;
    double ly = (position & PL_POSITION_BOTTOM) ? y0 + vh * 0.01 : y0 + vh * 0.99 - bh;
    p->lay.has_legend = 1;
    p->lay.legend = (bmd_plot_box){lx, ly, lx + bw, ly + bh};
}

void bmd__plot_nice_range(double *lo, double *hi)
{
    if (!(*hi > *lo)) {
        double c = *lo, d = fabs(c) > 0 ? 0.1 * fabs(c) : 1.0;
        *lo = c - d, *hi = c + d;
    }
    double span = *hi - *lo, step = pow(10.0, floor(log10(span)));
    if (span / step < 3)
        step /= 5;
    else if (span / step < 6)
        step /= 2;
    *lo = floor(*lo / step) * step;
    *hi = ceil(*hi / step) * step;
}
