/*
 * bmd/footprint_setup.h: the set-up of a defended footprint (bmd/footprint.h)
 * from a scenario: the first battery (site, interceptor, reaction and
 * kill-assessment times, doctrine), the radar that cues it, the first threat
 * (missile, shape, launch point, broadside RCS), the scenario's Earth,
 * atmosphere and M-of-N track initiation; then the radar's set-up, the grid
 * and the battery's fly-out table.
 *
 * One struct, bmd_fp_setup, owns everything a bmd_fp_config points to, so a
 * front end (`bmdsim footprint`, `bmdsim report`, the uq metrics, the Python
 * binding) fills it, overrides what its options say, and passes &f->cfg and
 * &f->grid to bmd_footprint_create. The order of calls:
 *
 *   bmd_fp_setup_init or bmd_fp_setup_scenario      defaults
 *   (the caller's overrides of any field)
 *   bmd_fp_setup_radar          when has_radar
 *   bmd_fp_setup_link           cfg's pointers into the struct
 *   grid: bmd_fp_grid_around or bmd_fp_grid_init
 *   bmd_fp_setup_table          (or the caller's straight table in tab)
 *
 * bmd_fp_setup_default does all of it for `bmdsim footprint SCENARIO`
 * without options.
 *
 * Units SI, angles in rad. No allocation except in the fly-out table build
 * (bmd_interceptor_table_build, which frees what it allocates).
 */
#ifndef BMD_FOOTPRINT_SETUP_H
#define BMD_FOOTPRINT_SETUP_H

#include <stddef.h>

#include "bmd/atmo.h"
#include "bmd/footprint.h"
#include "bmd/geo.h"
#include "bmd/interceptor.h"
#include "bmd/missile.h"
#include "bmd/radar.h"
#include "bmd/scenario.h"
#include "bmd/status.h"

/* Half-width of the default region: a 600 km x 600 km square about the
 * battery (docs/models/footprint.md), m. */
#define BMD_FP_DEFAULT_HALF_M 300e3

/*
 * Everything a footprint configuration points to. cfg points into the
 * struct after bmd_fp_setup_link: the struct must not be copied or moved
 * afterwards (allocate it, or keep it where it is).
 */
typedef struct bmd_fp_setup {
    bmd_earth earth;
    bmd_atmo atmo;         /* kind BMD_ATMO_NONE: vacuum (cfg.atmo NULL) */
    bmd_fp_config cfg;     /* the configuration (bmd/footprint.h) */
    bmd_fp_grid grid;      /* set by the caller (bmd_fp_grid_around ...) */
    bmd_missile missile;   /* the threat when cfg.threat is BMD_FP_MISSILE */
    bmd_interceptor ic;    /* the battery's interceptor */
    char battery_name[32]; /* the battery's site (key or text as typed) */
    int has_radar;         /* 1: the cue is `radar` (cfg.radar after
                              bmd_fp_setup_radar); 0: the threat launch */
    bmd_radar radar;       /* the cueing radar */
    bmd_radar_site rsite;  /* its set-up (bmd_fp_setup_radar) */
    bmd_ic_table tab;      /* the fly-out table (bmd_fp_setup_table) */
    size_t n_points;       /* fixed ends: launch points, or the aim point
                              of a denied launch area */
    double pt_lat_rad[BMD_FP_MAX_POINTS], pt_lon_rad[BMD_FP_MAX_POINTS];
    char launch_name[64]; /* the launch point's or area's name */
} bmd_fp_setup;

/*
 * bmd_fp_setup_init: the defaults without a scenario.
 * Given:    f
 * Returned: *f  zeroed; WGS84 rotating Earth, US76 atmosphere,
 *               bmd_fp_config_init's defaults, no radar, no points
 */
void bmd_fp_setup_init(bmd_fp_setup *f);

/*
 * bmd_fp_cue_radar: the radar that cues a scenario's first battery.
 * Given:    s  a loaded scenario
 * Returned (function value): the battery's `radar:`, else the scenario's
 *           first radar, else NULL (no radar, or no battery and no radar).
 */
const bmd_scn_radar *bmd_fp_cue_radar(const bmd_scenario *s);

/*
 * bmd_fp_scenario_earth: the Earth and atmosphere of a scenario's footprint.
 * Given:    s
 * Returned: *e  WGS84 (rotating), or for earth_sphere the sphere without
 *               rotation; *atmo the scenario's model; err
 * Returned (function value): BMD_OK; BMD_EINVAL for an unknown atmosphere.
 * Notes:    the engagement (bmd_engage_prepare) keeps the sphere's rotation;
 *           the footprint has always flown the textbook non-rotating sphere.
 */
int bmd_fp_scenario_earth(const bmd_scenario *s, bmd_earth *e, bmd_atmo *atmo, bmd_errbuf *err);

/*
 * bmd_fp_setup_scenario: the defaults of `bmdsim footprint SCENARIO`.
 * Given:    s  a loaded scenario (bmd/scenario_load.h)
 * Returned: *f  as bmd_fp_setup_init, then: Earth and atmosphere
 *               (bmd_fp_scenario_earth); the first threat's missile, shape
 *               and launch point (one point, named by the threat's launch
 *               site) and RCS at broadside (aspect pi/2); the first
 *               battery's site, interceptor, reaction and kill-assessment
 *               times and doctrine; the cueing radar (bmd_fp_cue_radar; not
 *               yet set up) and its revisit time; the scenario's M-of-N.
 *           err
 * Returned (function value): BMD_OK; BMD_EINVAL when the scenario has no
 *           battery or no threat ("needs a battery and a threat"), an
 *           unknown atmosphere or a threat RCS table that cannot be
 *           evaluated.
 * Notes:    the interceptor was checked by the scenario loader.
 */
int bmd_fp_setup_scenario(bmd_fp_setup *f, const bmd_scenario *s, bmd_errbuf *err);

/*
 * bmd_fp_setup_radar: check and set up f->radar as the cue.
 * Given:    f  with radar and earth final
 * Returned: f->rsite, f->cfg.radar = &f->rsite, f->has_radar = 1; err
 * Returned (function value): BMD_OK; errors of bmd_radar_validate and
 *           bmd_radar_setup (BMD_EINVAL).
 */
int bmd_fp_setup_radar(bmd_fp_setup *f, bmd_errbuf *err);

/*
 * bmd_fp_setup_link: point the configuration into the struct.
 * Given:    f
 * Returned: cfg.earth = &earth; cfg.atmo = &atmo (NULL for BMD_ATMO_NONE);
 *           cfg.missile = &missile for BMD_FP_MISSILE, else NULL; the points
 *           (n_points, pt_lat_rad, pt_lon_rad); cfg.radar = &rsite when
 *           has_radar, else NULL.
 */
void bmd_fp_setup_link(bmd_fp_setup *f);

/*
 * bmd_fp_setup_table: the battery's interceptor fly-out table, flown
 * toward the first fixed point.
 * Given:    f  linked (bmd_fp_setup_link), n_points >= 1
 * Returned: f->tab, f->cfg.table = &f->tab; err
 * Returned (function value): BMD_OK; errors of bmd_interceptor_table_build.
 */
int bmd_fp_setup_table(bmd_fp_setup *f, bmd_errbuf *err);

/*
 * bmd_fp_grid_around: a grid over a square about a point.
 * Given:    e; lat_rad, lon_rad  the centre (rad); half_m  half of the side
 *           (m: the latitude span is +-half_m / a, the longitude span
 *           +-half_m / (a cos lat)); res_m  cell size (m)
 * Returned: *g; err
 * Returned (function value): as bmd_fp_grid_init.
 */
int bmd_fp_grid_around(bmd_fp_grid *g, const bmd_earth *e, double lat_rad, double lon_rad,
                       double half_m, double res_m, bmd_errbuf *err);

/*
 * bmd_fp_launch_area: launch points sampled in a polygon: its vertices,
 * then the centres of a grid of spacing_m cells over its bounding box that
 * fall inside it (even-odd rule in latitude and longitude).
 * Given:    e; lat_rad[n], lon_rad[n]  the polygon's distinct vertices (rad;
 *           not closed: the first vertex is not repeated), n >= 3;
 *           spacing_m > 0; cap  room in the outputs
 * Returned: pt_lat_rad[*n_pts], pt_lon_rad[*n_pts]; err
 * Returned (function value): BMD_OK; BMD_EINVAL for n < 3 or spacing_m not
 *           positive; BMD_ELIMIT when more than cap points fall inside.
 * Notes:    the grid's rows are spacing_m / a apart in latitude, its columns
 *           spacing_m / (a cos lat_mid) in longitude, starting half a cell
 *           in from the box's south-west corner.
 */
int bmd_fp_launch_area(const bmd_earth *e, const double *lat_rad, const double *lon_rad, size_t n,
                       double spacing_m, size_t cap, double *pt_lat_rad, double *pt_lon_rad,
                       size_t *n_pts, bmd_errbuf *err);

/*
 * bmd_fp_setup_default: everything of `bmdsim footprint SCENARIO` without
 * options: bmd_fp_setup_scenario, the radar (when the scenario has one),
 * the link, the default region (BMD_FP_DEFAULT_HALF_M about the battery)
 * at res_m cells and the fly-out table.
 * Given:    s; res_m  cell size (m)
 * Returned: *f ready for bmd_footprint_create(&f->cfg, &f->grid, ...); err
 * Returned (function value): BMD_OK or the first failing step's status.
 */
int bmd_fp_setup_default(bmd_fp_setup *f, const bmd_scenario *s, double res_m, bmd_errbuf *err);

/* ---- a finished footprint, as its outputs describe it ----------------------- */

/*
 * What the footprint's files, figure and report show: the set-up, the
 * cells, the defended area and the checked sites with their decisions
 * (bmd_footprint_point). Arrays owned by the caller.
 */
typedef struct bmd_fp_summary {
    const bmd_fp_setup *setup;
    const char *shape_name;   /* the threat's trajectory shape in words */
    const bmd_fp_cell *cells; /* all cells of setup->grid */
    double area_km2;          /* defended area (bmd_fp_count), km^2 */
    size_t n_checks;          /* checked sites */
    const char *const *check_name;
    const double *check_lat_rad, *check_lon_rad;
    const bmd_fp_cell *check; /* their decisions */
} bmd_fp_summary;

/* The boundary of a raster's defended cells (bmd_fp_polygons). */
typedef struct bmd_fp_polys {
    double *lat_rad, *lon_rad; /* ring vertices (malloc'd), rad */
    size_t n_points;
    bmd_coverage_ring *rings; /* closed rings, holes after their exterior (malloc'd) */
    size_t n_rings;
} bmd_fp_polys;

/*
 * bmd_fp_polys_of: the rings around the defended cells of a raster.
 * Given:    g; cells[bmd_fp_grid_cells(g)]
 * Returned: *p (free with bmd_fp_polys_free; {0} on failure); err
 * Returned (function value): BMD_OK; BMD_ENOMEM; errors of bmd_fp_polygons.
 */
int bmd_fp_polys_of(bmd_fp_polys *p, const bmd_fp_grid *g, const bmd_fp_cell *cells,
                    bmd_errbuf *err);

/* bmd_fp_polys_free: release; *p becomes {0}; NULL is harmless. */
void bmd_fp_polys_free(bmd_fp_polys *p);

/*
 * bmd_fp_count: the defended and unreached cells of a raster and the
 * defended area.
 * Given:    g, e the grid and Earth; cells[bmd_fp_grid_cells(g)]
 * Returned: *defended, *unreached (cells; either may be NULL); *area_km2
 *           the sum in raster order of bmd_fp_grid_row_area over the
 *           defended cells, km^2 (may be NULL)
 */
void bmd_fp_count(const bmd_fp_grid *g, const bmd_earth *e, const bmd_fp_cell *cells,
                  size_t *defended, size_t *unreached, double *area_km2);

/* bmd_fp_state_name: a cell state in words: "defended", "out_of_reach",
 * "not_defended" (the raster's and the summaries' word). */
const char *bmd_fp_state_name(int state);

/* bmd_fp_shape_name: a bmd_traj_shape kind in words: "min-energy",
 * "lofted", "depressed". */
const char *bmd_fp_shape_name(int kind);

/* bmd_fp_doctrine_name: "shoot" or "shoot-look-shoot". */
const char *bmd_fp_doctrine_name(int doctrine);

#endif
