/* geojson.c: GeoJSON (RFC 7946) writer for polygon rings (bmd/writers.h). */
#include "bmd/writers.h"

#include <math.h>

#include "bmd/const.h"

static int put_ring(const bmd_sink *s, const double *lat, const double *lon,
                    const bmd_coverage_ring *r)
{
    int st = bmd_sink_printf(s, "[");
    for (size_t k = 0; k < r->n && st == BMD_OK; k++) {
        size_t i = r->first + k;
        st = bmd_sink_printf(s, "%s[%.7f,%.7f]", k ? "," : "", lon[i] * BMD_RAD2DEG,
                             lat[i] * BMD_RAD2DEG);
    }
    return st == BMD_OK ? bmd_sink_printf(s, "]") : st;
}

static int check_rings(const double *lat, const double *lon, const bmd_coverage_ring *rings,
                       size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const bmd_coverage_ring *r = &rings[k];
        size_t a = r->first, b = r->first + r->n - 1;
        if (r->n < 4 || lat[a] != lat[b] || lon[a] != lon[b]) return BMD_EINVAL;
        if (k == 0 && r->hole) return BMD_EINVAL;
    }
    return BMD_OK;
}

int bmd_geojson_polygons(const bmd_sink *s, const double *lat_rad, const double *lon_rad,
                         const bmd_coverage_ring *rings, size_t n_rings, const char *properties,
                         const char *site_name, double site_lat_rad, double site_lon_rad,
                         const char *site_properties)
{
    if (s == NULL || (n_rings > 0 && (lat_rad == NULL || lon_rad == NULL || rings == NULL)))
        return BMD_EINVAL;
    int st = check_rings(lat_rad, lon_rad, rings, n_rings);
    if (st != BMD_OK) return st;
    st = bmd_sink_printf(s,
                         "{\"type\":\"FeatureCollection\",\"features\":[\n"
                         "{\"type\":\"Feature\",\"properties\":%s,"
                         "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[",
                         properties ? properties : "{}");
    for (size_t k = 0; k < n_rings && st == BMD_OK; k++) {
        /* A new polygon at each exterior ring; holes join the open one. */
        if (!rings[k].hole)
            st = bmd_sink_printf(s, "%s[", k ? "]," : "");
        else
            st = bmd_sink_printf(s, ",");
        if (st == BMD_OK) st = put_ring(s, lat_rad, lon_rad, &rings[k]);
    }
    if (st == BMD_OK && n_rings > 0) st = bmd_sink_printf(s, "]");
    if (st == BMD_OK) st = bmd_sink_printf(s, "]}}");
    if (st == BMD_OK && site_name != NULL) {
        if (site_properties)
            st = bmd_sink_printf(s, ",\n{\"type\":\"Feature\",\"properties\":%s,", site_properties);
        else
            st = bmd_sink_printf(s, ",\n{\"type\":\"Feature\",\"properties\":{\"name\":\"%s\"},",
                                 site_name);
        if (st == BMD_OK)
            st =
                bmd_sink_printf(s, "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.7f,%.7f]}}",
                                site_lon_rad * BMD_RAD2DEG, site_lat_rad * BMD_RAD2DEG);
    }
    if (st == BMD_OK) st = bmd_sink_printf(s, "\n]}\n");
    return st;
}
