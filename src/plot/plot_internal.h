/*
 * plot_internal.h: what the figure files (plot.c, plot_xy.c, plot_map.c)
 * share: the PLplot stream with its atomic output file, the palette, the
 * heading, text escaping and a legend builder. Not part of the API.
 */
#ifndef BMD_IO_PLOT_INTERNAL_H
#define BMD_IO_PLOT_INTERNAL_H

#include <stddef.h>

#include "bmd/plot.h"

/* cmap0 colour indices (plot.c sets them; 0 is the white background). */
enum {
    BMD__COL_BG = 0,
    BMD__COL_FG,                                /* black: axes, text */
    BMD__COL_GRID,                              /* light grey */
    BMD__COL_COAST,                             /* dark grey */
    BMD__COL_BORDER,                            /* mid grey */
    BMD__COL_THREAT,                            /* 4 reds from here */
    BMD__COL_INTERCEPTOR = BMD__COL_THREAT + 4, /* 4 blues */
    BMD__COL_OTHER = BMD__COL_INTERCEPTOR + 4,  /* 4 greens */
    BMD__COL_HIGHLIGHT = BMD__COL_OTHER + 4,    /* orange */
    BMD__COL_BAND,                              /* translucent blue fill */
    BMD__COL_AREA,                              /* 3 translucent fills */
    BMD__COL_AREA_EDGE = BMD__COL_AREA + 3,     /* 3 outlines */
    BMD__COL_FAN = BMD__COL_AREA_EDGE + 3,      /* purple */
    BMD__COL_FAN_FILL,                          /* very light purple */
    BMD__COL_EVENT,                             /* BMD_PLOT_EV_COUNT colours */
    BMD__COL_COUNT = BMD__COL_EVENT + BMD_PLOT_EV_COUNT
};

/* An open figure: its PLplot stream and the temporary file. */
typedef struct bmd__plot {
    int prev_stream, stream;
    char tmp_path[4096];
    double page_w_mm, page_h_mm; /* after bmd__plot_begin */
    double chr_mm;               /* character height set */
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
void bmd__plot_heading(const bmd_plot_opts *o);

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
/* Draw it inside the current viewport at the given corner (PL_POSITION_*). */
void bmd__legend_draw(const bmd__legend *g, int position);

/* Dotted / dashed line styles for pllsty. */
#define BMD__LINE_SOLID 1
#define BMD__LINE_DOTTED 2
#define BMD__LINE_DASHED 3

/* Round a data range outwards to a tidy axis range; keeps lo < hi. */
void bmd__plot_nice_range(double *lo, double *hi);

#endif /* BMD_IO_PLOT_INTERNAL_H */
