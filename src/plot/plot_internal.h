/*
 * plot_internal.h: what the figure files (plot.c, plot_xy.c, plot_map.c)
 * share: the PLplot stream with its atomic output file, the palette, the
 * heading, text escaping and a legend builder. Not part of the API.
 */
#ifndef BMD_IO_PLOT_INTERNAL_H
#define BMD_IO_PLOT_INTERNAL_H

#include <stddef.h>

#include <plplot.h>

#include "bmd/plot.h"

/* cmap0 colour indices (plot.c sets them; 0 is the white background). */
enum {
    BMD__COL_BG = 0,
    BMD__COL_FG,                                        /* black: axes, text */
    BMD__COL_GRID,                                      /* light grey */
    BMD__COL_COAST,                                     /* dark grey */
    BMD__COL_BORDER,                                    /* mid grey */
    BMD__COL_THREAT,                                    /* 4 reds from here */
    BMD__COL_INTERCEPTOR = BMD__COL_THREAT + 4,         /* 4 blues */
    BMD__COL_OTHER = BMD__COL_INTERCEPTOR + 4,          /* 4 greens */
    BMD__COL_HIGHLIGHT = BMD__COL_OTHER + 4,            /* orange */
    BMD__COL_BAND,                                      /* translucent blue fill */
    BMD__COL_AREA,                                      /* 3 translucent fills */
    BMD__COL_AREA_EDGE = BMD__COL_AREA + 3,             /* 3 outlines */
    BMD__COL_FAN = BMD__COL_AREA_EDGE + 3,              /* purple */
    BMD__COL_FAN_FILL,                                  /* very light purple */
    BMD__COL_EVENT,                                     /* BMD_PLOT_EV_COUNT colours */
    BMD__COL_NONE = BMD__COL_EVENT + BMD_PLOT_EV_COUNT, /* fully transparent */
    BMD__COL_REGION,                                    /* dark grey: region box */
    BMD__COL_CITY,                                      /* dark grey: place names */
    BMD__COL_SERIES,                                    /* BMD__N_SERIES distinct colours */
    BMD__COL_COUNT = BMD__COL_SERIES + 8
};
#define BMD__N_SERIES 8 /* distinct threat colours before they repeat */

/* A label waiting to be placed (bmd__label_add, bmd__labels_place). */
typedef struct bmd__label {
    double ax_mm, ay_mm; /* anchor (page mm) */
    double r_mm;         /* radius of the anchor's symbol (0: none) */
    double w_mm, h_mm;   /* text box */
    double scale;        /* character scale */
    int colour, priority;
    int panel;
    int optional; /* 1: a context place: its dot and name are drawn together
                     only where both fit next to each other (no leader);
                     otherwise both are left out, and not counted as dropped */
    char text[96];
} bmd__label;

/* An open figure: its PLplot stream, the temporary file and the layout. */
typedef struct bmd__plot {
    int prev_stream, stream;
    char tmp_path[4096];
    double page_w_mm, page_h_mm; /* after bmd__plot_begin */
    double chr_mm;               /* character height set */
    bmd_plot_layout lay;         /* what was decided (copied to o->layout) */
    int panel;                   /* current panel (-1: none) */
    double vp[4], win[4];        /* current viewport (page fraction), window */
    size_t n_pending;
    bmd__label pending[BMD_PLOT_LAYOUT_MAX];
} bmd__plot;

/*
 * bmd__plot_begin: check o, create the temporary output file, make and
 * initialise a PLplot stream on it with the palette and font size.
 * Returned (function value): BMD_OK (then call bmd__plot_end); an error
 *           status with nothing left behind.
 */
int bmd__plot_begin(bmd__plot *p, const bmd_plot_opts *o, bmd_errbuf *err);

/* bmd__plot_end: finish the stream; on ok, move the file into place;
 * otherwise remove it. Returns status (or the rename's failure). */
int bmd__plot_end(bmd__plot *p, const bmd_plot_opts *o, int status, bmd_errbuf *err);

/* bmd__plot_heading: title and subtitle at the top of the page. */
void bmd__plot_heading(bmd__plot *p, const bmd_plot_opts *o);

/* bmd__plot_text: text with PLplot's escape character '#' doubled. */
void bmd__plot_text(char *out, size_t n, const char *in);

/* Colour of series number k of a role. */
int bmd__plot_series_colour(bmd_plot_role role, size_t k);

/* Symbol (UTF-8) and colour of an event kind. */
const char *bmd__plot_event_symbol(bmd_plot_event ev);

/* A legend under construction (at most BMD__LEGEND_MAX entries). */
#define BMD__LEGEND_MAX 24
typedef struct bmd__legend {
    int n;
    int opt[BMD__LEGEND_MAX];
    char text[BMD__LEGEND_MAX][96];
    int colour[BMD__LEGEND_MAX];
    int line_style[BMD__LEGEND_MAX];
    double line_width[BMD__LEGEND_MAX];
    const char *symbol[BMD__LEGEND_MAX];
} bmd__legend;

void bmd__legend_line(bmd__legend *g, const char *text, int colour, int style, double width);
void bmd__legend_box(bmd__legend *g, const char *text, int colour);
void bmd__legend_symbol(bmd__legend *g, const char *text, int colour, const char *symbol);
/* Draw it inside the current viewport at the given corner (PL_POSITION_*);
 * its box is recorded in p's layout. */
void bmd__legend_draw(bmd__plot *p, const bmd__legend *g, int position);

/* ---- layout (plot_layout.c) ------------------------------------------------ */

/* bmd__plot_panel: viewport vp (page fractions x0, x1, y0, y1) and window
 * win (x0, x1, y0, y1) set, recorded as panel k (0 or 1; -1: not a panel,
 * e.g. the legend's strip). */
void bmd__plot_panel(bmd__plot *p, int k, const double vp[4], const double win[4]);

/* World coordinates of the current window to page mm and back. */
void bmd__w2mm(const bmd__plot *p, double x, double y, double *xm, double *ym);
void bmd__mm2w(const bmd__plot *p, double xm, double ym, double *x, double *y);

/* bmd__plot_data: extend the current panel's data box by a world point
 * (clipped to the panel; non-finite points ignored). */
void bmd__plot_data(bmd__plot *p, double x, double y);

/* bmd__plot_mark: record a symbol drawn at world (x, y) with radius r_mm. */
void bmd__plot_mark(bmd__plot *p, double x, double y, double r_mm);

/* bmd__text_size: width and height (mm) of text at character scale. */
void bmd__text_size(const bmd__plot *p, const char *text, double scale, double *w_mm, double *h_mm);

/* bmd__label_add: queue a label for the anchor at world (x, y), whose
 * symbol has radius r_mm; lower priority values are placed first. */
void bmd__label_add(bmd__plot *p, const char *text, double x, double y, double r_mm, double scale,
                    int colour, int priority);

/* bmd__label_add_optional: a context place: dot (radius r_mm) and name,
 * both drawn only if they fit without a leader. */
void bmd__label_add_optional(bmd__plot *p, const char *text, double x, double y, double r_mm,
                             double scale, int colour, int priority);

/* bmd__labels_place: place the queued labels of the current panel
 * greedily (near the anchor, then farther with a leader line), avoiding
 * every mark, every placed label and the legend; draw and record them. */
void bmd__labels_place(bmd__plot *p);

/* Whether two boxes overlap (positive-area intersection). */
int bmd__box_overlap(const bmd_plot_box *a, const bmd_plot_box *b);

/* Axis tick labels without "(x10^4)": whole numbers with thousands
 * separators, else %g (plslabelfunc callback; data unused). */
void bmd__plot_plain_label(PLINT axis, PLFLT value, char *label, PLINT length, PLPointer data);

/* bmd__legend_size: width and height (page mm) the legend will take when
 * drawn by bmd__legend_draw (measured by drawing it invisibly). */
void bmd__legend_size(const bmd__plot *p, const bmd__legend *g, double *w_mm, double *h_mm);

/* Dotted / dashed line styles for pllsty. */
#define BMD__LINE_SOLID 1
#define BMD__LINE_DOTTED 2
#define BMD__LINE_DASHED 3

/* Round a data range outwards to a tidy axis range; keeps lo < hi. */
void bmd__plot_nice_range(double *lo, double *hi);

#endif /* BMD_IO_PLOT_INTERNAL_H */
