/*
 * bmd/plot.h: figures (PNG, SVG, PDF through PLplot's cairo drivers):
 * trajectory profiles, engagement timelines and maps.
 *
 * The figure functions take plain data (arrays in SI units and radians,
 * labels) and write one file; they compute nothing physical. Every figure
 * has a white background, labelled axes with units, a legend and a heading
 * of two lines: the title, and a subtitle that should say what was assumed
 * (missile, shape, radar, RCS, Earth model...). Axes show km, degrees and
 * seconds.
 *
 * Files are written atomically: the figure is rendered to "PATH.XXXXXX" in
 * the target directory and renamed onto PATH when complete; on any failure
 * the temporary file is removed and PATH is untouched.
 *
 * THREAD SAFETY: the figure functions are NOT thread-safe. PLplot keeps
 * global state of its own; each figure uses a fresh PLplot stream
 * (plmkstrm ... plend1) and restores the caller's current stream, so they
 * may be mixed with other PLplot use in one thread, but two figures must not
 * be drawn concurrently. Nothing else here has state.
 *
 * Errors: PLplot itself exits the process on a few internal failures (no
 * output driver, out of memory inside PLplot); the functions check what can
 * be checked beforehand (the cairo driver is present, the file can be
 * created, ranges are finite) so that such failures do not arise in normal
 * use, and return a status otherwise.
 *
 * Example (the engagement timeline of one threat and one interceptor):
 *
 *     bmd_plot_opts o;
 *     bmd_plot_opts_init(&o);
 *     o.path = "out/engagement-timeline.png";
 *     o.title = "Engagement timeline: Nodong, north-hwanghae -> busan";
 *     o.subtitle = "min-energy, RCS 0.01 m2, AN/TPY-2 at Seongju, THAAD battery";
 *     bmd_plot_series s[2] = {{0}};
 *     s[0].label = "threat", s[0].role = BMD_PLOT_THREAT;
 *     s[0].n = n_threat, s[0].t_s = t1, s[0].alt_m = alt1;
 *     s[1].label = "interceptor 1", s[1].role = BMD_PLOT_INTERCEPTOR;
 *     s[1].n = n_int, s[1].t_s = t2, s[1].alt_m = alt2;
 *     bmd_plot_marker m[2] = {{BMD_PLOT_EV_DETECT, NULL, 95.0, 0, 60e3},
 *                             {BMD_PLOT_EV_INTERCEPT, NULL, 350.0, 0, 40e3}};
 *     int st = bmd_plot_timeline(&o, s, 2, m, 2, NULL, &err);
 *
 * and a defended-footprint map:
 *
 *     bmd_plot_map_layers L;
 *     bmd_plot_map_layers_init(&L);
 *     L.basemap = &map;                       (bmd_map_load, bmd/map.h)
 *     bmd_plot_area fp = {"defended footprint", BMD_PLOT_AREA_FOOTPRINT, n, lat, lon};
 *     bmd_plot_place pl[2] = {{"THAAD", BMD_PLOT_PLACE_BATTERY, lat_b, lon_b},
 *                             {"Busan", BMD_PLOT_PLACE_DEFENDED, lat_c, lon_c}};
 *     L.areas = &fp, L.n_areas = 1, L.places = pl, L.n_places = 2;
 *     int st = bmd_plot_map(&o, &L, &err);
 */
#ifndef BMD_PLOT_H
#define BMD_PLOT_H

#include <stddef.h>

#include "bmd/map.h"
#include "bmd/status.h"

/* ---- output ------------------------------------------------------------ */

typedef enum bmd_plot_format {
    BMD_PLOT_PNG = 0, /* pngcairo */
    BMD_PLOT_SVG = 1, /* svgcairo */
    BMD_PLOT_PDF = 2  /* pdfcairo */
} bmd_plot_format;

/*
 * bmd_plot_format_parse: "png", "svg" or "pdf" (lower case).
 * Returned: *fmt; err "unknown plot format 'x' (expected png, svg or pdf)"
 * Returned (function value): BMD_OK; BMD_ENOTFOUND; BMD_EINVAL (NULL).
 */
int bmd_plot_format_parse(const char *name, bmd_plot_format *fmt, bmd_errbuf *err);

/* bmd_plot_format_ext: "png", "svg", "pdf" (the file extension); "" for
 * an invalid value. */
const char *bmd_plot_format_ext(bmd_plot_format fmt);

/*
 * bmd_plot_path: "DIR/STEM.EXT" for a figure file.
 * Given:    dir  directory (NULL or "": "."); stem  e.g. "coverage-map";
 *           fmt  format (gives EXT); n size of out
 * Returned: out; (function value) BMD_OK, BMD_ELIMIT (too small; out then
 *           holds ""), BMD_EINVAL (NULL out or stem, n == 0, bad fmt).
 */
int bmd_plot_path(char *out, size_t n, const char *dir, const char *stem, bmd_plot_format fmt);

/* ---- layout: where things were put ------------------------------------------ */

/* A box on the page in millimetres from its lower-left corner (x right, y
 * up); empty when x1_mm <= x0_mm. */
typedef struct bmd_plot_box {
    double x0_mm, y0_mm, x1_mm, y1_mm;
} bmd_plot_box;

#define BMD_PLOT_LAYOUT_MAX 96 /* labels and marks recorded per figure */

/*
 * What a figure decided about its layout, in page millimetres, so that a
 * caller or a test can check it by geometry: the legend is placed outside
 * every panel's data, and labels are placed by a greedy search (around
 * their anchor, then farther out with a leader line) so that no two
 * overlap, none covers a marker symbol and all stay inside their panel.
 * Labels for which no free place exists are not drawn and counted in
 * n_dropped. The text widths are the ones the cairo driver reports, so the
 * boxes are those of the rendered text to within a pixel or two.
 */
typedef struct bmd_plot_layout {
    double page_w_mm, page_h_mm; /* the page */
    int n_panels;                /* 1 or 2 */
    bmd_plot_box panel[2];       /* each panel's axes (viewport) */
    bmd_plot_box data[2];        /* bounding box of the data drawn in each panel
                                    (curves, areas, fans, markers), clipped to it */
    int has_legend;              /* 1 when a legend was drawn */
    bmd_plot_box legend;         /* the legend's box */
    size_t n_labels;             /* text labels placed */
    bmd_plot_box label[BMD_PLOT_LAYOUT_MAX];
    size_t n_marks; /* marker symbols (events, places) */
    bmd_plot_box mark[BMD_PLOT_LAYOUT_MAX];
    size_t n_leaders; /* labels drawn away from their anchor with a leader line */
    size_t n_dropped; /* labels left out for want of room */
} bmd_plot_layout;

/* What every figure needs. Set up with bmd_plot_opts_init. */
typedef struct bmd_plot_opts {
    const char *path;        /* output file (required); its directory must exist */
    bmd_plot_format format;  /* default BMD_PLOT_PNG */
    int width_px;            /* image size in pixels (PNG; SVG and PDF pages */
    int height_px;           /* have the same size in points): default 1000 x 700,
                                each 200 .. 8000 */
    const char *title;       /* first heading line (may be NULL) */
    const char *subtitle;    /* second line: what was assumed (may be NULL) */
    bmd_plot_layout *layout; /* NULL, or filled with the layout of the figure
                                written (left unspecified on failure) */
} bmd_plot_opts;

/* bmd_plot_opts_init: PNG, 1000 x 700, no path, no title. */
void bmd_plot_opts_init(bmd_plot_opts *o);

/* ---- curves and events ------------------------------------------------- */

/* What a curve stands for: selects its colour family. */
typedef enum bmd_plot_role {
    BMD_PLOT_THREAT = 0,      /* reds */
    BMD_PLOT_INTERCEPTOR = 1, /* blues */
    BMD_PLOT_OTHER = 2        /* greens */
} bmd_plot_role;

/*
 * One trajectory (threat or interceptor). Every array has n entries; which
 * arrays a figure needs is said at the figure. n >= 2 to be drawn.
 */
typedef struct bmd_plot_series {
    const char *label;              /* legend entry (NULL: not in the legend) */
    bmd_plot_role role;             /* colour family */
    size_t n;                       /* number of samples */
    const double *t_s;              /* time since the scenario epoch (s) */
    const double *alt_m;            /* altitude above the ellipsoid (m) */
    const double *range_m;          /* ground range from the launch point (m); NULL:
                                       computed from lat/lon (geodesic, WGS84) */
    const double *lat_rad;          /* geodetic latitude (rad) */
    const double *lon_rad;          /* longitude (rad) */
    const unsigned char *highlight; /* 1 where the sample lies on a highlighted
                                       arc (tracked, visible to the radar);
                                       NULL: none */
} bmd_plot_series;

/* Event kinds: each has its own symbol, colour and default label. */
typedef enum bmd_plot_event {
    BMD_PLOT_EV_LAUNCH = 0,  /* "launch" (threat or interceptor) */
    BMD_PLOT_EV_BURNOUT,     /* "burnout" */
    BMD_PLOT_EV_APOGEE,      /* "apogee" */
    BMD_PLOT_EV_DETECT,      /* "first detection" */
    BMD_PLOT_EV_TRACK,       /* "track established" */
    BMD_PLOT_EV_INTERCEPTOR, /* "interceptor launch" */
    BMD_PLOT_EV_INTERCEPT,   /* "intercept" */
    BMD_PLOT_EV_MISS,        /* "miss" */
    BMD_PLOT_EV_IMPACT,      /* "impact" */
    BMD_PLOT_EV_OTHER,       /* "event" */
    BMD_PLOT_EV_COUNT        /* number of kinds (not a kind) */
} bmd_plot_event;

/* bmd_plot_event_name: the default label of an event kind ("apogee");
 * "event" for a value out of range. */
const char *bmd_plot_event_name(bmd_plot_event ev);

/* One marked event. */
typedef struct bmd_plot_marker {
    bmd_plot_event event;
    const char *label; /* text written next to the symbol (NULL: none; the
                          legend always names the kind) */
    double t_s;        /* when (s) */
    double range_m;    /* ground range from the launch point (m; profile);
                          NaN: the first series' range at t_s */
    double alt_m;      /* altitude (m); NaN: the first series' altitude at t_s
                          (linear interpolation, ends held) */
} bmd_plot_marker;

/* A shaded altitude band (e.g. an interceptor's engagement altitudes);
 * drawn when alt_max_m > alt_min_m. */
typedef struct bmd_plot_band {
    double alt_min_m, alt_max_m; /* m */
    const char *label;           /* legend entry, e.g. "THAAD intercept altitudes" */
} bmd_plot_band;

/*
 * bmd_plot_profile: a trajectory profile: two panels side by side, altitude
 * against ground range (left) and altitude against time (right). The
 * legend is in a strip right of the panels (outside the data); marker
 * labels are placed without overlaps (bmd_plot_layout). When more than one
 * series has highlighted samples, each highlight is drawn in its series'
 * colour (threats have eight distinct colours), else in orange.
 * Given:    o  options (path, format, size, heading)
 *           s  ns >= 1 series; uses t_s, alt_m and range_m (or lat_rad and
 *              lon_rad when range_m is NULL)
 *           m  nm markers (may be NULL with nm = 0), drawn on both panels
 *           band  shaded altitude band on both panels (NULL: none)
 * Returned: the file o->path
 *           err  on failure, e.g. "out/x.png: cannot create: Permission
 *                denied"
 * Returned (function value): BMD_OK; BMD_EINVAL (NULL o, path or s, ns = 0,
 *           a series with n < 2 or without the arrays needed, a size out of
 *           range, non-finite data); BMD_EIO (the file cannot be created or
 *           written, PLplot lacks the cairo driver); BMD_ENOMEM.
 */
int bmd_plot_profile(const bmd_plot_opts *o, const bmd_plot_series *s, size_t ns,
                     const bmd_plot_marker *m, size_t nm, const bmd_plot_band *band,
                     bmd_errbuf *err);

/*
 * bmd_plot_timeline: an engagement timeline: altitude against time of
 * threats and interceptors in one panel, events marked (symbol at (t, alt)
 * and a dotted vertical line at t), an optional altitude band.
 * Given:    as bmd_plot_profile; uses t_s and alt_m only.
 * Returned, function value: as bmd_plot_profile.
 */
int bmd_plot_timeline(const bmd_plot_opts *o, const bmd_plot_series *s, size_t ns,
                      const bmd_plot_marker *m, size_t nm, const bmd_plot_band *band,
                      bmd_errbuf *err);

/* One radar's time budget over time (bmd_plot_occupancy). */
typedef struct bmd_plot_occ_series {
    const char *label;       /* the radar (legend: "LABEL occupancy", "LABEL demand") */
    size_t n;                /* samples, >= 2 */
    const double *t_s;       /* [n] time (s), increasing */
    const double *occupancy; /* [n] fraction of the face's time used (0..1 with a
                                budget; the demand without) */
    const double *demand;    /* [n] fraction asked for (may exceed 1) */
} bmd_plot_occ_series;

/*
 * bmd_plot_occupancy: radar time budgets against time: for each radar its
 * occupancy (solid) and demand (dashed, same colour) in per cent of the
 * face's time, and the 100 % line (the whole face). The legend sits in a
 * strip right of the axes (layout as bmd_plot_timeline).
 * Given:    o; s[ns], ns 1..8
 * Returned (function value): as bmd_plot_profile (BMD_EINVAL for n < 2,
 *           non-finite values or times that do not increase).
 */
int bmd_plot_occupancy(const bmd_plot_opts *o, const bmd_plot_occ_series *s, size_t ns,
                       bmd_errbuf *err);

/* ---- maps ---------------------------------------------------------------- */

typedef enum bmd_plot_projection {
    BMD_PLOT_PROJ_AUTO = 0, /* equirectangular up to 3000 km across and below
                               60 deg latitude, else azimuthal equidistant */
    BMD_PLOT_PROJ_EQUIRECT, /* plate carree scaled by cos(centre latitude); axes
                               in degrees of longitude and latitude */
    BMD_PLOT_PROJ_AEQD      /* azimuthal equidistant about the centre (sphere of
                               6371 km); axes in km east and north */
} bmd_plot_projection;

/* A filled, translucent region with an outline (one closed ring). */
typedef enum bmd_plot_area_style {
    BMD_PLOT_AREA_COVERAGE = 0, /* radar coverage (blue) */
    BMD_PLOT_AREA_FOOTPRINT,    /* defended footprint (green) */
    BMD_PLOT_AREA_LAUNCH,       /* launch area (red) */
    BMD_PLOT_AREA_HOLE,         /* a hole in the preceding area: outline only */
    BMD_PLOT_AREA_REGION        /* the region computed (e.g. a footprint's
                                   raster): dashed grey outline, no fill, so
                                   edges of a result that follow it are seen
                                   to be the region's, not physics */
} bmd_plot_area_style;

typedef struct bmd_plot_area {
    const char *label;         /* legend entry (NULL: none) */
    bmd_plot_area_style style; /* colour */
    size_t n;                  /* vertices (>= 3) */
    const double *lat_rad;     /* [n] (rad) */
    const double *lon_rad;     /* [n] (rad) */
} bmd_plot_area;

/* A labelled place. */
typedef enum bmd_plot_place_kind {
    BMD_PLOT_PLACE_RADAR = 0,  /* radar site (purple diamond) */
    BMD_PLOT_PLACE_BATTERY,    /* interceptor battery (blue triangle) */
    BMD_PLOT_PLACE_LAUNCH,     /* launch point (red square) */
    BMD_PLOT_PLACE_DEFENDED,   /* checked site, defended (green disc) */
    BMD_PLOT_PLACE_UNDEFENDED, /* checked site, not defended (open red circle) */
    BMD_PLOT_PLACE_CITY        /* other place (black dot) */
} bmd_plot_place_kind;

typedef struct bmd_plot_place {
    const char *label; /* written next to the symbol (NULL: none) */
    bmd_plot_place_kind kind;
    double lat_rad, lon_rad; /* rad */
} bmd_plot_place;

/* A radar field-of-regard fan with range rings. */
typedef struct bmd_plot_fan {
    const char *label;       /* legend entry (NULL: "field of regard") */
    double lat_rad, lon_rad; /* apex (rad) */
    double boresight_rad;    /* azimuth of the face normal (rad, clockwise from north) */
    double half_width_rad;   /* half-width (rad); >= pi: all round (no fan edges) */
    double range_m;          /* fan radius (ground distance, m; > 0) */
    double ring_step_m;      /* range rings every ring_step_m inside the fan,
                                labelled in km (0: about five rings) */
} bmd_plot_fan;

/*
 * What a map shows. Set up with bmd_plot_map_layers_init and point the
 * arrays at the caller's data; the figure only reads them.
 */
typedef struct bmd_plot_map_layers {
    bmd_plot_projection projection;
    double lat0_rad, lon0_rad; /* centre (rad); NaN (the default): the middle of
                                  everything drawn */
    double half_width_m;       /* half the width shown (m); 0 (default): fit
                                  everything drawn with a margin, at least
                                  300 km across */
    const bmd_map *basemap;    /* coastlines and borders (NULL: none) */
    const bmd_plot_area *areas;
    size_t n_areas;
    const bmd_plot_series *tracks; /* ground tracks: uses lat_rad, lon_rad and
                                      highlight */
    size_t n_tracks;
    const char *highlight_label; /* legend entry of the highlighted arcs (NULL:
                                    "tracked") */
    const bmd_plot_place *places;
    size_t n_places;
    const bmd_plot_place *context; /* reference places (cities) drawn, with
                                      their names, where they fall inside the
                                      map; they do not widen the extent */
    size_t n_context;
    const bmd_plot_fan *fans;
    size_t n_fans;
} bmd_plot_map_layers;

/* bmd_plot_map_layers_init: automatic projection, centre and extent,
 * nothing to draw. */
void bmd_plot_map_layers_init(bmd_plot_map_layers *l);

/*
 * bmd_plot_map: a map of the region: coastlines and borders, then areas
 * (translucent), fans with range rings, ground tracks, place symbols, the
 * highlighted arcs of the tracks (thicker, in orange, above the symbols so
 * that a short arc near a launch point still shows), then the labels of
 * places, context places and range rings, placed so that none overlaps
 * another or a symbol (bmd_plot_layout); the legend in a strip right of
 * the map, outside it; axes in degrees (equirectangular) or km from the
 * centre (azimuthal equidistant).
 * Given:    o  options; l  the layers (at least one thing besides the
 *              basemap, or an explicit centre and half-width)
 * Returned, function value: as bmd_plot_profile; BMD_EINVAL also for an
 *           area with n < 3, a fan with range_m <= 0, nothing to draw.
 * Notes:    Distances for fans and rings are geodesics on WGS84
 *           (bmd_geo_direct). Lines are split where they leave the
 *           projection's usable side (beyond 120 deg from the centre in
 *           azimuthal equidistant) or jump across the map edge.
 */
int bmd_plot_map(const bmd_plot_opts *o, const bmd_plot_map_layers *l, bmd_errbuf *err);

#endif /* BMD_PLOT_H */
