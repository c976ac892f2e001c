/* footprint_outputs.h: the map figure and KML file of a footprint. */
#ifndef BMD_CLI_FOOTPRINT_OUTPUTS_H
#define BMD_CLI_FOOTPRINT_OUTPUTS_H

#include <stddef.h>

#include "bmd/coverage.h"
#include "bmd/status.h"

/* What a footprint picture shows (all angles rad; arrays owned by the
 * caller). */
typedef struct cli_fp_picture {
    const char *title, *subtitle;
    int denied;                      /* 1: a denied launch area, 0: defended footprint */
    const double *lat_rad, *lon_rad; /* ring vertices (bmd_fp_polygons) */
    const bmd_coverage_ring *rings;  /* closed rings, holes after their exterior */
    size_t n_rings;
    const char *battery; /* battery label */
    double bat_lat_rad, bat_lon_rad;
    const char *radar;       /* NULL: no radar */
    const char *radar_label; /* display name for figures (NULL: radar) */
    double radar_lat_rad, radar_lon_rad, boresight_rad, half_width_rad, radar_range_m;
    size_t n_launch; /* launch points (or the defended site: 1) */
    const double *launch_lat_rad, *launch_lon_rad;
    const char *launch_label;
    size_t n_checks; /* checked sites */
    const char *const *check_name;
    const double *check_lat_rad, *check_lon_rad;
    const int *check_defended;
    double region[4]; /* the raster's cells: south, west, north, east edges (rad);
                         all 0: not drawn */
} cli_fp_picture;

/* cli_footprint_plot: the map (coastlines and borders from DATA/map, the
 * footprint, battery, radar fan, launch points, checked sites) to path in
 * the bmd_plot_format `format`. Returns a bmd status. */
int cli_footprint_plot(const char *path, int format, const char *data_dir, const cli_fp_picture *p,
                       bmd_errbuf *err);

/* cli_footprint_kml: DIR/STEM.kml with the footprint polygon, the sites
 * and the radar fan. Returns a bmd status. */
int cli_footprint_kml(const char *dir, const char *stem, const cli_fp_picture *p, bmd_errbuf *err);

#endif
