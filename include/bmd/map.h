/*
 * bmd/map.h: coastlines and country borders for map figures (Natural Earth
 * 1:50m, public domain), read from the data directory's map/ne50m.txt.
 *
 * The file format, the source and how the file is regenerated are in
 * data/map/README.md. Coordinates are stored to 0.01 deg (about 1 km): a
 * drawing aid for maps of a few hundred km and more, not geodetic data.
 *
 * Memory: bmd_map_load allocates; the caller releases with bmd_map_free
 * (harmless on NULL or a {0}-initialised map). No global state.
 */
#ifndef BMD_MAP_H
#define BMD_MAP_H

#include <stddef.h>

#include "bmd/status.h"

/* The map file inside the data directory (pass to bmd_data_path). */
#define BMD_MAP_FILE "map/ne50m.txt"

/* What a polyline is. */
typedef enum bmd_map_kind {
    BMD_MAP_COAST = 0, /* land outline (closed ring; last point = first) */
    BMD_MAP_BORDER = 1 /* land boundary between two countries */
} bmd_map_kind;

/* One polyline: points lat_rad/lon_rad[first .. first + n - 1]. */
typedef struct bmd_map_line {
    bmd_map_kind kind;
    size_t first, n; /* n >= 2 */
} bmd_map_line;

/* A loaded map; initialise with {0}. */
typedef struct bmd_map {
    size_t n_lines;
    bmd_map_line *lines; /* [n_lines] (malloc'd, owned) */
    size_t n_points;
    double *lat_rad; /* [n_points] geodetic latitude (rad) */
    double *lon_rad; /* [n_points] longitude (rad, east-positive, [-pi, pi]) */
} bmd_map;

/*
 * bmd_map_load: read a map file.
 * Given:    path  a "bmdmap 1" file (data/map/README.md), normally
 *                 DATA_DIR/map/ne50m.txt (BMD_MAP_FILE, bmd_data_path)
 * Returned: *map  the polylines (replaces the contents: *map must be {0} or
 *                 freed); {0} on failure
 *           err   "FILE:LINE: expected ..., found ..." on failure
 * Returned (function value): BMD_OK; BMD_EIO (cannot read the file);
 *           BMD_EPARSE (not a bmdmap 1 file, a bad line, a point count that
 *           does not match, a coordinate outside +-180/+-90 deg);
 *           BMD_ENOMEM; BMD_EINVAL (NULL path or map).
 */
int bmd_map_load(const char *path, bmd_map *map, bmd_errbuf *err);

/* bmd_map_free: release the arrays and reset to {0}; NULL harmless. */
void bmd_map_free(bmd_map *map);

#endif /* BMD_MAP_H */
