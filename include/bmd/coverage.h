/*
 * bmd/coverage.h: radar coverage at a target altitude and RCS: the ground
 * region above which a target is detected (inside the detection range, the
 * field of regard, the refracted line of sight and the instrumented range),
 * as a polar raster around the radar, as boundary rings (GeoJSON-ready) and
 * as its area; plus the single figures (track, search, horizon and
 * instrumented ranges) and detection range against RCS.
 *
 * Grid: rays from the radar site along geodesics. With a limited field of
 * regard (half-width < 180 deg) the n_az rays span the face's azimuth
 * sector, edges included (1e-9 rad inside); otherwise they are spaced
 * 360 deg / n_az from north. Each ray is sampled at n_r ground ranges
 * (j + 0.5) max_ground / n_r; each sample is tested with bmd_radar_observe,
 * the same test the tracker uses. On each ray the first covered interval's
 * ends are then refined by bisection to tol_m.
 *
 * Memory: the caller provides every output array (sizes from
 * bmd_coverage_size); nothing is allocated, nothing printed.
 * docs/models/radar.md, "Coverage".
 */
#ifndef BMD_COVERAGE_H
#define BMD_COVERAGE_H

#include <stddef.h>

#include "bmd/geo.h"
#include "bmd/radar.h"
#include "bmd/status.h"

typedef struct bmd_coverage_opts {
    double alt_m;        /* target altitude above the ellipsoid, m (>= 0) */
    double rcs_m2;       /* target RCS, m^2 (> 0) */
    int search;          /* 0: track dwell (mode.t_dwell_s); 1: search form (P_av,
                            t_frame, Omega) */
    int n_az;            /* rays, >= 3 */
    int n_r;             /* samples per ray, >= 2 */
    double max_ground_m; /* ray length, m (0: automatic, 5 % beyond the smaller of
                            the horizon and the range-limited ground distance) */
    double tol_m;        /* boundary bisection tolerance, m (0: 1 m) */
} bmd_coverage_opts;

/* One closed ring in bmd_coverage.lat_rad/lon_rad[first .. first + n - 1];
 * the last vertex repeats the first. Exterior rings run counter-clockwise
 * (seen from above, lon east to the right), holes clockwise (RFC 7946). */
typedef struct bmd_coverage_ring {
    size_t first, n;
    int hole; /* 1: a hole in the preceding exterior ring */
} bmd_coverage_ring;

typedef struct bmd_coverage {
    /* Caller-provided outputs; any pointer may be NULL (not wanted). */
    unsigned char *cells;      /* [n_az * n_r]: 1 covered, 0 not; ray i, sample j
                                  at [i * n_r + j] */
    double *ray_az_rad;        /* [n_az] ray azimuths (rad, clockwise from north) */
    double *ray_in_m;          /* [n_az] ground range where the first covered
                                  interval starts (m; -1: none) */
    double *ray_out_m;         /* [n_az] ... and ends (m; -1: none) */
    double *lat_rad, *lon_rad; /* [cap_points] ring vertices (rad) */
    size_t cap_points;
    bmd_coverage_ring *rings; /* [cap_rings] */
    size_t cap_rings;

    /* Results. */
    size_t n_points, n_rings;
    double track_range_m;        /* free-space single-dwell detection range (m) */
    double search_range_m;       /* free-space search-form range (m; 0: mode has no
                                    search parameters) */
    double horizon_ground_m;     /* ground arc to where a target at alt_m sinks below
                                    el_min over the refracted horizon (m) */
    double horizon_slant_m;      /* slant range there (m) */
    double instrumented_range_m; /* the mode's instrumented range (m; 0: none) */
    double max_ground_m;         /* ray length used (m) */
    double area_m2;              /* area inside the rings (m^2, geodesic, holes
                                    subtracted) */
    int n_covered_cells;         /* covered raster samples */
    int multi_interval;          /* rays with more than one covered interval (only
                                    the first is in the rings) */
    int clipped;                 /* rays whose coverage reaches max_ground_m */
} bmd_coverage;

/*
 * bmd_coverage_size: room needed for the outputs.
 * Given:    n_az rays (>= 3)
 * Returned: *max_points ring vertices; *max_rings rings (either may be NULL)
 * Returned (function value): BMD_OK; BMD_EINVAL for n_az < 3.
 * Notes:    cells need n_az * n_r bytes, the ray arrays n_az doubles.
 */
int bmd_coverage_size(int n_az, size_t *max_points, size_t *max_rings);

/*
 * bmd_coverage_run: the coverage of a radar at one altitude and RCS.
 * Given:    r radar (site, face, mode); e Earth model; o options
 * Returned: *c  the figures, the raster and ray ends (where wanted), the
 *           rings and their area
 * Returned (function value): BMD_OK; BMD_WACCURACY when rays had more than
 *           one covered interval (the rings show the first only) or the
 *           coverage reached max_ground_m (clipped), results complete
 *           otherwise; BMD_EINVAL (message in err) for an invalid radar or
 *           options, BMD_ELIMIT when cap_points or cap_rings is too small
 *           (figures and raster are then filled, rings are not).
 * Notes:    cost n_az (n_r + 2 log2(max_ground / (n_r tol))) observations,
 *           each a geodesic and a radar test (about 2 us): 0.3 s for
 *           720 x 200.
 * References: Karney, J. Geodesy 87 (2013) (ring area, PROJ
 *           geod_polygonarea).
 */
int bmd_coverage_run(const bmd_radar *r, const bmd_earth *e, const bmd_coverage_opts *o,
                     bmd_coverage *c, bmd_errbuf *err);

/*
 * bmd_coverage_sample_latlon: where raster sample (i, j) lies.
 * Given:    r radar; e Earth; c a coverage run (ray_az_rad and max_ground_m
 *           set); n_r samples per ray; i ray; j sample
 * Returned: *lat_rad, *lon_rad (rad)
 * Returned (function value): BMD_OK; BMD_EINVAL for bad arguments.
 */
int bmd_coverage_sample_latlon(const bmd_radar *r, const bmd_earth *e, const bmd_coverage *c,
                               int n_r, int i, int j, double *lat_rad, double *lon_rad);

/* One row of the range-against-RCS table. */
typedef struct bmd_coverage_row {
    double rcs_m2;         /* m^2 */
    double track_range_m;  /* free-space single-dwell range (m) */
    double search_range_m; /* free-space search range (m; 0: no search parameters) */
    double effective_m;    /* track range capped by the instrumented range (m) */
} bmd_coverage_row;

/*
 * bmd_coverage_range_table: detection range against RCS, log-spaced.
 * Given:    r radar; n rows (>= 2); rcs_min_m2, rcs_max_m2 (0 < min < max;
 *           e.g. 0.001 and 10)
 * Returned: rows[n]
 * Returned (function value): BMD_OK; BMD_EINVAL for bad arguments.
 */
int bmd_coverage_range_table(const bmd_radar *r, size_t n, double rcs_min_m2, double rcs_max_m2,
                             bmd_coverage_row *rows);

#endif /* BMD_COVERAGE_H */
