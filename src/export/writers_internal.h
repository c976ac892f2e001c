/* writers_internal.h: text helpers shared by the GeoJSON, KML and CZML
 * writers (bmd/export.h); internal to libbmd. */
#ifndef BMD_IO_WRITERS_INTERNAL_H
#define BMD_IO_WRITERS_INTERNAL_H

#include <stddef.h>

#include "bmd/core.h"

/* Fixed-point text of v with `decimals` decimals, never "-0.000" (a value
 * that rounds to zero is written as zero, so golden files are stable). */
void bmd__fmt_fixed(char *buf, size_t n, double v, int decimals);

/* A JSON string literal: quotes, backslash and control characters escaped;
 * other bytes (UTF-8) pass through. NULL is written as "". */
int bmd__json_string(const bmd_sink *s, const char *text);

/* XML character data / attribute text: & < > " ' escaped, control
 * characters other than tab and newline (not allowed in XML 1.0) dropped. */
int bmd__xml_text(const bmd_sink *s, const char *text);

/*
 * bmd__iso_parse: "YYYY-MM-DDThh:mm:ss[.f...]Z" (UTC, years 1-9999) into
 * seconds since 1970-01-01T00:00:00Z. Returns BMD_OK or BMD_EINVAL.
 */
int bmd__iso_parse(const char *text, double *unix_s);

/* bmd__iso_format: seconds since 1970 as "YYYY-MM-DDThh:mm:ssZ", with
 * ".mmm" when the time is not a whole second (rounded to 1 ms). n >= 32. */
void bmd__iso_format(char *buf, size_t n, double unix_s);

/* ---- scene helpers (writers_scene.c) ------------------------------- */

#include "bmd/export.h"

/* Colour of a path: its hint, else the kind's default (0xRRGGBBAA). */
unsigned long bmd__path_rgba(const bmd_scene_path *p);
/* Colour of a highlighted arc, of a polygon kind's fill and outline, of a
 * fan's fill and outline, of a point kind (0xRRGGBBAA). */
#define BMD__ARC_RGBA 0xffd700ffUL
unsigned long bmd__polygon_rgba(int kind, int outline);
#define BMD__FAN_FILL_RGBA 0xff7f0e40UL
#define BMD__FAN_LINE_RGBA 0xff7f0effUL
unsigned long bmd__point_rgba(int kind);
/* Short names of the kinds ("threat", "launch", "coverage", ...). */
const char *bmd__path_kind_name(int kind);
const char *bmd__point_kind_name(int kind);
const char *bmd__polygon_kind_name(int kind);

/* A vertex visitor: t (s), lat, lon (rad), alt (m). */
typedef int (*bmd__vertex_fn)(void *ctx, double t_s, double lat_rad, double lon_rad, double alt_m);

/*
 * bmd__path_slice: the part of path p inside [t0_s, t1_s]: the ends
 * interpolated linearly in time (longitude the short way), the samples
 * strictly between. Nothing is visited when the interval misses the path.
 */
int bmd__path_slice(const bmd_scene_path *p, double t0_s, double t1_s, bmd__vertex_fn fn,
                    void *ctx);

/* Time span of the scene's paths and timed points (0, 0 when none). */
void bmd__scene_span(const bmd_scene *sc, double *t0_s, double *t1_s);

/*
 * bmd__ring_area: planar signed area (deg^2) of ring vertices first ..
 * first+n-1, longitudes unwrapped along the ring: > 0 counter-clockwise on
 * a map with east to the right.
 */
double bmd__ring_area(const double *lat_rad, const double *lon_rad, size_t first, size_t n);

/* Points along a fan's far edge used by the writers. */
#define BMD__FAN_ARC_POINTS 33

#endif
