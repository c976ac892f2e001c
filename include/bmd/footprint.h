/*
 * bmd/footprint.h: the defended footprint of a battery (every ground cell
 * whose attacker can be engaged in time) and its inverse, the denied launch
 * area (every launch cell from which a threat aimed at a defended site can
 * be engaged).
 *
 * The per-cell decision (docs/models/footprint.md):
 *  1. the threat trajectory from the launch point to the aim point
 *     (bmd_traj_target with the requested shape; or, for tests and
 *     teaching, a vacuum minimum-energy free flight);
 *  2. cue: the first firm track: the radar looks every revisit_s seconds
 *     (looks at t = k revisit_s since threat launch); a look is a detection
 *     when bmd_radar_observe reports no reason (reasons == 0; deterministic,
 *     no random draw); the track is firm at the look that brings the number
 *     of detections in the last n_window looks to m_detect (3 of 5). No
 *     radar: the cue is the launch (t = 0, perfect early warning);
 *  3. earliest launch t_L = t_cue + reaction_s;
 *  4. single shot: defended when some t_i in [t_L, impact] has the threat
 *     inside the battery's envelope (bmd_interceptor_time_to) and
 *     t_L + T(t_i) <= t_i: exactly bmd_interceptor_solve with a 1 s scan;
 *     the envelope floor min_alt_m is the floor below which the threat
 *     cannot be engaged;
 *  5. shoot-look-shoot: the first intercept at t_i1 as in 4; the second
 *     interceptor may launch at t_L2 = t_i1 + kill_assess_s + reaction_s
 *     (look, then fire-control reaction) and must have a feasible intercept
 *     t_i2 in [t_L2, impact] as in 4. Defended when both exist.
 * A cell is defended against a launch area when it is defended against
 * every launch point sampled in it; launch points that cannot reach the
 * cell (beyond the missile's range) pose no threat to it and are skipped;
 * a cell no launch point reaches is "out of reach".
 *
 * Two methods give the same decision:
 *  - BMD_FP_DIRECT: per cell a fresh targeting solve and flight (1 s
 *    samples) and bmd_interceptor_solve: the straightforward reference;
 *  - BMD_FP_FAST: trajectory families: for each fixed end point (launch
 *    point of a footprint, aim point of a denied area) nodes on rings of
 *    radius i node_spacing_m and n_i = ceil(2 pi R_i / node_spacing_m)
 *    azimuths; each node is one targeted flight (sampled every node_dt_s);
 *    a cell's trajectory is the bilinear blend (ring, azimuth) of the four
 *    surrounding nodes' positions at equal fractions of their flight times;
 *    the decision is then taken on that trajectory with the same rules
 *    (a scan of the same 1 s steps with a fast ground range). Node results
 *    depend only on the node, so the answer does not depend on the cell
 *    range asked for, the thread count or the order. The accuracy against
 *    BMD_FP_DIRECT is measured in bench/bench_footprint.c (bench/RESULTS.md).
 *
 * Units SI, angles in rad. The library never prints; bmd_footprint_create
 * allocates, bmd_footprint_run allocates its node cache and per-thread work
 * areas before its loops (none inside the per-cell loop). OpenMP (when
 * built with it) parallelises nodes and cells.
 */
#ifndef BMD_FOOTPRINT_H
#define BMD_FOOTPRINT_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "bmd/atmo.h"
#include "bmd/coverage.h"
#include "bmd/geo.h"
#include "bmd/interceptor.h"
#include "bmd/missile.h"
#include "bmd/radar.h"
#include "bmd/status.h"
#include "bmd/traj.h"

/* ---- the grid ------------------------------------------------------------ */

/*
 * A latitude/longitude grid of cells of about res_m x res_m at the region's
 * middle latitude: dlat = res / M(lat_mid), dlon = res / (N(lat_mid)
 * cos lat_mid) (M, N the meridian and prime-vertical radii); n_rows =
 * ceil((lat1 - lat0) / dlat), n_cols likewise; cells cover [lat0, lat0 +
 * n_rows dlat] x [lon0, lon0 + n_cols dlon]. Cell index = row n_cols + col;
 * row 0 is the southernmost, col 0 the westernmost; the cell's point is its
 * centre.
 */
typedef struct bmd_fp_grid {
    double lat0_rad, lon0_rad; /* south-west corner, rad */
    double lat1_rad, lon1_rad; /* north-east corner asked for, rad */
    double res_m;              /* cell size asked for, m */
    double dlat_rad, dlon_rad; /* cell size, rad */
    int n_rows, n_cols;
} bmd_fp_grid;

/* Largest number of cells of a grid (memory guard). */
#define BMD_FP_MAX_CELLS 50000000L

/*
 * bmd_fp_grid_init: set up a grid.
 * Given:    e Earth; lat0, lon0 south-west and lat1, lon1 north-east corner
 *           (rad; lon1 > lon0, no antimeridian crossing); res_m cell size (m)
 * Returned: *g; err "region: ..." or "resolution: ..." on failure
 * Returned (function value): BMD_OK; BMD_EINVAL for lat0 >= lat1, lon0 >=
 *           lon1, latitudes beyond +-89 deg, res_m <= 0 or non-finite, or
 *           more than BMD_FP_MAX_CELLS cells.
 */
int bmd_fp_grid_init(bmd_fp_grid *g, const bmd_earth *e, double lat0_rad, double lon0_rad,
                     double lat1_rad, double lon1_rad, double res_m, bmd_errbuf *err);

/* bmd_fp_grid_cells: n_rows n_cols. */
size_t bmd_fp_grid_cells(const bmd_fp_grid *g);

/* bmd_fp_grid_centre: the centre of cell `cell` (rad). */
void bmd_fp_grid_centre(const bmd_fp_grid *g, size_t cell, double *lat_rad, double *lon_rad);

/*
 * bmd_fp_grid_row_area: area of one cell of row `row` on the ellipsoid, m^2:
 * integral of M N cos(lat) dlat dlon, evaluated as b^2 dlon [q(lat)]
 * (the authalic strip formula; exact on the ellipsoid).
 */
double bmd_fp_grid_row_area(const bmd_fp_grid *g, const bmd_earth *e, int row);

/*
 * bmd_fp_split: the cells of part `part` of n_parts (threads, MPI ranks,
 * resume chunks): a contiguous range [*begin, *end) of whole blocks of
 * `block` cells (block 0: 1); parts differ in size by at most one block.
 */
void bmd_fp_split(size_t n_cells, size_t block, int n_parts, int part, size_t *begin, size_t *end);

/* ---- configuration --------------------------------------------------------- */

typedef enum bmd_fp_map {
    BMD_FP_AIM = 0,   /* footprint: cells are aim points, points[] launch points */
    BMD_FP_LAUNCH = 1 /* denied launch area: cells are launch points, points[]
                         the defended (aim) points */
} bmd_fp_map;

typedef enum bmd_fp_threat {
    BMD_FP_MISSILE = 0, /* a catalog missile, targeted with `shape` */
    BMD_FP_VACUUM = 1   /* vacuum minimum-energy free flight from the ground:
                           burnout at the launch point (height 0) with the
                           Keplerian minimum-energy speed and flight-path
                           angle on a sphere of the Earth's equatorial radius
                           (Bate, Mueller & White 1971, sec. 6.2); exact
                           only on a non-rotating sphere with atmo NULL */
} bmd_fp_threat;

typedef enum bmd_fp_doctrine {
    BMD_FP_SHOOT = 0,           /* one interceptor */
    BMD_FP_SHOOT_LOOK_SHOOT = 1 /* a second shot after kill assessment */
} bmd_fp_doctrine;

typedef enum bmd_fp_method {
    BMD_FP_FAST = 0,  /* trajectory families (see above) */
    BMD_FP_DIRECT = 1 /* a fresh targeting solve and flight per cell */
} bmd_fp_method;

#define BMD_FP_MAX_POINTS 256

typedef struct bmd_fp_config {
    const bmd_earth *earth;                /* required */
    const bmd_atmo *atmo;                  /* NULL: vacuum */
    int map;                               /* bmd_fp_map */
    int threat;                            /* bmd_fp_threat */
    const bmd_missile *missile;            /* BMD_FP_MISSILE */
    bmd_traj_shape shape;                  /* BMD_FP_MISSILE: min-energy (default) or lofted */
    size_t n_points;                       /* 1..BMD_FP_MAX_POINTS fixed ends (launch
                                              points sampled in a launch area, or aim
                                              points) */
    const double *pt_lat_rad, *pt_lon_rad; /* [n_points], rad */
    /* battery */
    double bat_lat_rad, bat_lon_rad, bat_alt_m; /* site, rad, rad, m */
    const bmd_ic_table *table;                  /* its fly-out table (required) */
    /* sensor and fire control */
    const bmd_radar_site *radar; /* NULL: cue at threat launch */
    double rcs_m2;               /* threat RCS, m^2 (default 0.01) */
    double revisit_s;            /* look period, s (default 1) */
    int m_detect, n_window;      /* firm track: m of the last n looks (3, 5) */
    double reaction_s;           /* fire-control reaction time, s (default 10) */
    int doctrine;                /* bmd_fp_doctrine */
    double kill_assess_s;        /* kill assessment after an intercept, s (10) */
    double scan_dt_s;            /* intercept scan step, s (default 1) */
    /* method */
    int method;            /* bmd_fp_method */
    double node_spacing_m; /* family ring spacing and azimuth arc, m (10 km) */
    double node_dt_s;      /* family node sample period, s (2) */
    int kick_nodes;        /* ranges of exact targeting solves giving the
                              family's kick and cut-off against range (12) */
    double direct_dt_s;    /* sample period of direct flights, s (1) */
    int threads;           /* OpenMP threads (0: the OpenMP default) */
    int accurate;          /* 1: threat flights at the default (accurate)
                              integration tolerances; 0 (default): the
                              analysis ones (bmd_traj_integrator_analysis) */
} bmd_fp_config;

/* bmd_fp_config_init: the defaults above; map AIM, threat MISSILE,
 * min-energy, single shot, method FAST, no points, no radar, no table. */
void bmd_fp_config_init(bmd_fp_config *c, const bmd_earth *e, const bmd_atmo *atmo);

/* ---- results ---------------------------------------------------------------- */

typedef enum bmd_fp_state {
    BMD_FP_UNDEFENDED = 0, /* some launch point's threat cannot be engaged */
    BMD_FP_DEFENDED = 1,   /* every reaching threat can be engaged */
    BMD_FP_UNREACHED = 2   /* no launch point can reach the cell */
} bmd_fp_state;

/* The result for one cell (plain data, fixed size: written to files and
 * sent between MPI ranks as bytes). */
typedef struct bmd_fp_cell {
    int state;              /* bmd_fp_state */
    int n_reach;            /* launch points that reach the cell */
    double cue_s;           /* latest firm-track time over the launch points,
                               s since launch (NaN: some threat never cued) */
    double intercept_alt_m; /* height of the earliest feasible intercept;
                               over launch points the lowest (NaN: none) */
    double intercept_t_s;   /* its time, s since threat launch (NaN: none) */
    double margin_s;        /* least over launch points of the last
                               feasible-launch slack: impact - t_i1 (single
                               shot) or impact - t_i2, s (NaN: none) */
} bmd_fp_cell;

/* ---- the computation ----------------------------------------------------------- */

typedef struct bmd_footprint bmd_footprint;

/*
 * bmd_footprint_create: check the configuration and prepare a footprint.
 * Given:    cfg  configuration (copied; the pointers in it must outlive
 *                the footprint); grid  the cells (copied)
 * Returned: *fp  the footprint; err
 * Returned (function value): BMD_OK; BMD_EINVAL for a bad configuration
 *           (message names the field); BMD_ENOMEM; errors of the family
 *           setup's targeting solves (BMD_FP_FAST with a missile: kick_nodes
 *           exact solves per fixed point over the range span of the grid).
 * Notes:    the setup is deterministic: every process computes the same
 *           family tables.
 */
int bmd_footprint_create(const bmd_fp_config *cfg, const bmd_fp_grid *grid, bmd_footprint **fp,
                         bmd_errbuf *err);

/* bmd_footprint_free: release; NULL is harmless. */
void bmd_footprint_free(bmd_footprint *fp);

/*
 * bmd_footprint_run: decide the cells [begin, end).
 * Given:    fp; begin <= end <= cells; stop  (may be NULL) polled between
 *           cells: when *stop becomes non-zero the run ends early
 * Returned: out[end - begin] results (complete only on BMD_OK); err
 * Returned (function value): BMD_OK; BMD_EINTR when stopped; BMD_ENOMEM;
 *           BMD_EINVAL; errors of the flights.
 */
int bmd_footprint_run(bmd_footprint *fp, size_t begin, size_t end, bmd_fp_cell *out,
                      const volatile sig_atomic_t *stop, bmd_errbuf *err);

/*
 * bmd_footprint_point: the decision for one point (e.g. a named site to
 * check), with the footprint's method.
 * Given:    fp; lat_rad, lon_rad  the cell point (aim point of a footprint,
 *           launch point of a denied area)
 * Returned: *out; err
 * Returned (function value): as bmd_footprint_run.
 */
int bmd_footprint_point(bmd_footprint *fp, double lat_rad, double lon_rad, bmd_fp_cell *out,
                        bmd_errbuf *err);

/* Work counters of a footprint (for benchmarks and reports). */
typedef struct bmd_fp_stats {
    long nodes;        /* family nodes solved */
    long node_flights; /* flights flown for them */
    long direct_cells; /* cells decided directly (fallback near the reach) */
    long setup_solves; /* exact targeting solves of the family setup */
} bmd_fp_stats;

/* bmd_footprint_stats: the counters so far. */
void bmd_footprint_stats(const bmd_footprint *fp, bmd_fp_stats *st);

/* ---- a straight-line fly-out model -------------------------------------------- */

/*
 * bmd_fp_straight_table: a fly-out table for a straight-line constant-speed
 * interceptor: T(range, alt) = sqrt(range^2 + alt^2) / speed_mps at each
 * node (flat-Earth slant distance), envelope [min_alt_m, max_alt_m] x
 * [0, max_range_m], no flight-time limit; grid top 1.25 times the envelope.
 * Returned: *tab. Function value BMD_OK; BMD_EINVAL for non-positive speed,
 *           max_alt <= min_alt, min_alt < 0 or max_range <= 0.
 * Notes:    for tests with hand calculations and for teaching; the
 *           bilinear table interpolation of the square root is exact on
 *           the nodes and within dr^2 / (8 rho) s of it between them.
 */
int bmd_fp_straight_table(bmd_ic_table *tab, double speed_mps, double min_alt_m, double max_alt_m,
                          double max_range_m);

/* ---- polygons ------------------------------------------------------------------- */

/*
 * bmd_fp_polygons: the boundary of the cells with mask[cell] != 0 as closed
 * rings along cell edges (exterior rings counter-clockwise in (lon, lat),
 * each followed by its holes, clockwise), with collinear vertices merged.
 * Where two cells touch only at a corner the rings are kept apart.
 * Given:    g; mask[cells]
 * Returned: *lat_rad, *lon_rad (malloc'd, *n_points), *rings (malloc'd,
 *           *n_rings; first, n, hole as in bmd/coverage.h); each ring closed
 *           (last vertex = first)
 * Returned (function value): BMD_OK; BMD_ENOMEM; BMD_EINVAL.
 */
int bmd_fp_polygons(const bmd_fp_grid *g, const unsigned char *mask, double **lat_rad,
                    double **lon_rad, size_t *n_points, bmd_coverage_ring **rings, size_t *n_rings,
                    bmd_errbuf *err);

/* ---- resume chunks --------------------------------------------------------------- */

/*
 * Chunk files of an interrupted footprint (DIR/partial/chunk-K.bin): the
 * magic "BMDFPCK2", then three little-endian-as-stored uint64 (the options
 * hash, the chunk index K, the cell count n), n bmd_fp_cell as bytes, and a
 * uint64 FNV-1a checksum of everything before it. The checksum catches a
 * file damaged on disk or cut short (issue 12: a corrupted chunk was
 * trusted and 256 raster rows came out wrong); a chunk that fails any check
 * is computed again.
 */
#define BMD_FP_CHUNK_MAGIC "BMDFPCK2"
#define BMD_FP_CHUNK_OVERHEAD 40 /* bytes besides the cells */

/* bmd_fp_chunk_size: the size in bytes of a chunk of n cells. */
size_t bmd_fp_chunk_size(size_t n);

/*
 * bmd_fp_chunk_encode: a chunk into out (bmd_fp_chunk_size(n) bytes of room).
 * Given:    hash  options hash; k  chunk index; cells[0..n-1]
 * Returned: out   the bytes
 */
void bmd_fp_chunk_encode(uint64_t hash, uint64_t k, const bmd_fp_cell *cells, size_t n,
                         unsigned char *out);

/*
 * bmd_fp_chunk_decode: check and read a chunk.
 * Given:    data, len  the file's bytes; hash, k, n  what it must hold
 * Returned: cells[0..n-1] (written only on success)
 * Returned (function value): BMD_OK; BMD_EPARSE for a wrong size, magic,
 *           hash, index, count or checksum, or a cell whose state is not a
 *           bmd_fp_state or whose n_reach is negative.
 */
int bmd_fp_chunk_decode(const unsigned char *data, size_t len, uint64_t hash, uint64_t k,
                        bmd_fp_cell *cells, size_t n);

/* ---- what a footprint picture shows --------------------------------------- */

/* What the footprint map (bmd_plot_footprint_map) and globe file
 * (bmd_fp_scene_write) show; all angles rad, arrays owned by the caller. */
typedef struct bmd_fp_picture {
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
} bmd_fp_picture;

#endif /* BMD_FOOTPRINT_H */
