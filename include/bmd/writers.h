/*
 * bmd/writers.h: output formats written to a sink (bmd/core.h), so files,
 * standard output and tests share one code path.
 */
#ifndef BMD_WRITERS_H
#define BMD_WRITERS_H

#include <stddef.h>

#include "bmd/core.h"
#include "bmd/coverage.h"

/*
 * bmd_geojson_polygons: a GeoJSON (RFC 7946) FeatureCollection with one
 * MultiPolygon feature made of the given rings, and optionally a Point
 * feature for a site.
 * Given:    s sink; lat_rad[], lon_rad[] ring vertices (rad); rings[n_rings]
 *           (exterior rings followed by their holes; each ring closed, the
 *           last vertex equal to the first; exteriors counter-clockwise,
 *           holes clockwise); properties a JSON object text for the polygon
 *           feature (NULL: {}); site_name, site_lat_rad, site_lon_rad a
 *           Point feature (site_name NULL: none); site_properties JSON
 *           object text (NULL: {"name": site_name})
 * Returned (function value): BMD_OK; BMD_EINVAL for an unclosed ring or
 *           a hole before any exterior; the sink's error.
 * Notes:    coordinates are [longitude, latitude] in degrees with 7
 *           decimals (about 1 cm); an empty ring list gives an empty
 *           MultiPolygon.
 */
int bmd_geojson_polygons(const bmd_sink *s, const double *lat_rad, const double *lon_rad,
                         const bmd_coverage_ring *rings, size_t n_rings, const char *properties,
                         const char *site_name, double site_lat_rad, double site_lon_rad,
                         const char *site_properties);

#endif /* BMD_WRITERS_H */
