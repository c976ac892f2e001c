/*
 * bmd/export.h: output formats written to a sink (bmd/core.h), so files,
 * standard output and tests share one code path.
 */
#ifndef BMD_EXPORT_H
#define BMD_EXPORT_H

#include <stddef.h>

#include "bmd/core.h"
#include "bmd/coverage.h"
#include "bmd/engage.h"
#include "bmd/footprint.h"
#include "bmd/footprint_setup.h"
#include "bmd/visibility.h"

/*
 * bmd_geojson_polygons: a GeoJSON (RFC 7946) FeatureCollection with one
 * MultiPolygon feature made of the given rings, and optionally a Point
 * feature for a site.
 * Given:    s sink; lat_rad[], lon_rad[] ring vertices (rad); rings[n_rings]
 *           (exterior rings followed by their holes; each ring closed, the
 *           last vertex equal to the first, at least 4 vertices);
 *           properties a JSON object text for the polygon feature (NULL:
 *           {}); site_name, site_lat_rad, site_lon_rad a Point feature
 *           (site_name NULL: none); site_properties JSON object text (NULL:
 *           {"name": site_name}, the name escaped)
 * Returned (function value): BMD_OK; BMD_EINVAL for an unclosed or short
 *           ring, a hole before any exterior, a NaN or infinite vertex, a
 *           latitude beyond +-pi/2 or a ring that encloses a pole;
 *           BMD_ENOMEM; the sink's error. Nothing is written when the arguments are
 *           invalid; after a sink error the output is incomplete.
 * Notes:    1. Coordinates are [longitude, latitude] in degrees with 7
 *           decimals (about 1 cm), longitudes in [-180, 180].
 *           2. Winding follows the RFC 7946 right-hand rule whatever the
 *           input order: exterior rings are written counter-clockwise and
 *           holes clockwise (the sign of the planar area in
 *           longitude/latitude decides; a ring in the other sense is
 *           written reversed).
 *           3. Antimeridian: a ring crossing longitude +-180 deg (an edge
 *           with a longitude jump above 180 deg is taken the short way) is
 *           cut there into a polygon on each side, as RFC 7946 section
 *           3.1.9 asks, each piece closed along the antimeridian; a hole
 *           goes with the piece on its side. A hole that itself crosses the
 *           antimeridian, and a ring around a pole, cannot be written this
 *           way and are refused (BMD_EINVAL).
 *           4. An empty ring list gives an empty MultiPolygon.
 */
int bmd_geojson_polygons(const bmd_sink *s, const double *lat_rad, const double *lon_rad,
                         const bmd_coverage_ring *rings, size_t n_rings, const char *properties,
                         const char *site_name, double site_lat_rad, double site_lon_rad,
                         const char *site_properties);

/* ---- scenes: KML and CZML -------------------------------------------- */

/*
 * A scene is plain data that a command fills with what it has computed:
 * paths over time (threats, interceptors, ground tracks), point events,
 * polygons (coverage regions, defended footprints) and radar fans. The
 * writers only read it; every array belongs to the caller and must outlive
 * the write call. Times are seconds after the scene epoch; angles are
 * radians, heights metres above the WGS84 ellipsoid. Names and
 * descriptions are UTF-8 text (escaped by the writers; NULL: none).
 */

/* The default epoch: 2016-07-08, the day the United States and the
 * Republic of Korea announced the decision to deploy a THAAD battery. */
#define BMD_SCENE_EPOCH_DEFAULT "2016-07-08T00:00:00Z"

typedef enum bmd_scene_path_kind {
    BMD_SCENE_THREAT = 0,      /* a threat missile or RV (3-D, red) */
    BMD_SCENE_INTERCEPTOR = 1, /* an interceptor (3-D, blue) */
    BMD_SCENE_GROUND_TRACK = 2 /* a track on the ground (drawn clamped to it, grey) */
} bmd_scene_path_kind;

/* A time interval of a path to highlight (e.g. where a radar sees it). */
typedef struct bmd_scene_arc {
    double t_start_s, t_end_s; /* s after the epoch, t_start_s <= t_end_s */
} bmd_scene_arc;

typedef struct bmd_scene_path {
    const char *name;        /* label (required; need not be unique) */
    const char *description; /* free text (NULL: none) */
    int kind;                /* bmd_scene_path_kind */
    size_t n;                /* points, >= 2 */
    const double *t_s;       /* [n] s after the epoch, non-decreasing */
    const double *lat_rad;   /* [n] geodetic latitude (rad) */
    const double *lon_rad;   /* [n] longitude (rad, any range) */
    const double *alt_m;     /* [n] height (m); NULL: 0 */
    unsigned long rgba;      /* colour hint 0xRRGGBBAA; 0: the kind's default */
    size_t n_arcs;           /* highlighted sub-arcs */
    const bmd_scene_arc *arcs;
    const char *arc_label; /* what the arcs mean, e.g. "visible to the radar"
                              (NULL: "highlighted") */
} bmd_scene_path;

typedef enum bmd_scene_point_kind {
    BMD_SCENE_EVENT = 0,     /* something that happens at t_s (generic) */
    BMD_SCENE_LAUNCH = 1,    /* a launch */
    BMD_SCENE_DETECT = 2,    /* first detection or track start */
    BMD_SCENE_INTERCEPT = 3, /* an intercept (kill or miss) */
    BMD_SCENE_IMPACT = 4,    /* a ground impact */
    BMD_SCENE_SITE = 5       /* a fixed place (radar, battery, aim point) */
} bmd_scene_point_kind;

typedef struct bmd_scene_point {
    const char *name;
    const char *description;
    int kind;                       /* bmd_scene_point_kind */
    double t_s;                     /* s after the epoch; NaN: timeless (sites) */
    double lat_rad, lon_rad, alt_m; /* geodetic (rad, rad, m) */
} bmd_scene_point;

typedef enum bmd_scene_polygon_kind {
    BMD_SCENE_COVERAGE = 0, /* radar coverage region (green) */
    BMD_SCENE_FOOTPRINT = 1 /* defended footprint (blue) */
} bmd_scene_polygon_kind;

typedef struct bmd_scene_polygon {
    const char *name;
    const char *description;
    int kind;              /* bmd_scene_polygon_kind */
    const double *lat_rad; /* ring vertices (rad) */
    const double *lon_rad;
    const bmd_coverage_ring *rings; /* [n_rings], as for bmd_geojson_polygons:
                                       exteriors each followed by their holes,
                                       every ring closed, >= 4 vertices */
    size_t n_rings;
} bmd_scene_polygon;

/* A radar's field of regard drawn on the ground: the sector of ground
 * range range_m about the boresight (a full circle when half_width_rad >=
 * pi), from the site. */
typedef struct bmd_scene_fan {
    const char *name;
    const char *description;
    double lat_rad, lon_rad, alt_m; /* site, geodetic (rad, rad, m) */
    double boresight_rad;           /* azimuth, rad clockwise from north */
    double half_width_rad;          /* half-width in azimuth, rad in (0, pi] */
    double range_m;                 /* ground range drawn, m along the WGS84
                                       ellipsoid (> 0) */
} bmd_scene_fan;

typedef struct bmd_scene {
    const char *name;        /* document title (NULL: "bmdsim") */
    const char *description; /* document description (NULL: none) */
    const char *epoch;       /* ISO 8601 UTC "YYYY-MM-DDThh:mm:ss[.fff]Z" of t = 0;
                                NULL: BMD_SCENE_EPOCH_DEFAULT */
    double clock_multiplier; /* CZML playback speed (0: 10, i.e. ten times real time) */
    const bmd_scene_path *paths;
    size_t n_paths;
    const bmd_scene_point *points;
    size_t n_points;
    const bmd_scene_polygon *polygons;
    size_t n_polygons;
    const bmd_scene_fan *fans;
    size_t n_fans;
    /* Document metadata (e.g. the provenance: program version, command
     * line, scenario checksum): n_meta key/value strings, written as the
     * KML Document's ExtendedData (<Data name="KEY"><value>VALUE</value>)
     * and the CZML document packet's "properties" ({"KEY":"VALUE"}). */
    const char *const *meta_keys;
    const char *const *meta_values;
    size_t n_meta;
} bmd_scene;

/* bmd_scene_init: an empty scene (no objects, default epoch and clock). */
void bmd_scene_init(bmd_scene *sc);

/*
 * bmd_scene_check: validate a scene before writing it.
 * Given:    sc   the scene
 * Returned: err  what is wrong and where ("path 'nodong' point 3: ...")
 * Returned (function value): BMD_OK; BMD_EINVAL for a NULL array with a
 *           non-zero count, a path with fewer than 2 points or decreasing
 *           times, a non-finite value, a latitude beyond +-pi/2, an arc
 *           with t_end_s < t_start_s, a bad ring (unclosed, < 4 vertices,
 *           a hole first), a fan with range_m <= 0 or half_width_rad
 *           outside (0, pi], an unknown kind or an epoch that does not
 *           parse.
 */
int bmd_scene_check(const bmd_scene *sc, bmd_errbuf *err);

/*
 * bmd_kml_write: the scene as a KML 2.2 document (Google Earth).
 * Given:    s    sink; sc the scene
 * Returned: err  detail message on failure
 * Returned (function value): BMD_OK; the errors of bmd_scene_check (then
 *           nothing is written); the sink's error (the output is then
 *           incomplete: write through bmd_atomic_file so that no partial
 *           file is left).
 * Notes:    1. One Document with shared Styles and Folders "Trajectories",
 *           "Events", "Regions" and "Radar fans" (a folder only when it has
 *           content). Threat and interceptor paths are LineStrings with
 *           altitudeMode absolute and extrude 0; each highlighted arc is
 *           its own thicker LineString (ends interpolated in time); ground
 *           tracks, polygons and fans are clampToGround with tessellate 1.
 *           Events are Points (absolute altitude) whose description gives
 *           the UTC time, the time after the epoch and the altitude.
 *           2. Coordinates are lon,lat,alt (deg with 6 decimals, about
 *           0.1 m; m with 1 decimal), longitudes in [-180, 180].
 *           3. Lines crossing the antimeridian are drawn the short way by
 *           Google Earth; polygons are written as given (use small regions).
 */
int bmd_kml_write(const bmd_sink *s, const bmd_scene *sc, bmd_errbuf *err);

/*
 * bmd_czml_write: the scene as a CZML document (a JSON array, Cesium).
 * Given:    s    sink; sc the scene
 * Returned: err  detail message on failure
 * Returned (function value): as bmd_kml_write.
 * Notes:    1. The first packet is {"id":"document","version":"1.0"} with a
 *           clock whose interval spans all path and event times, current
 *           time at the start, multiplier sc->clock_multiplier, LOOP_STOP.
 *           2. Threats and interceptors: a packet per path (id
 *           "path/N/NAME", N the path's index) with availability (its first
 *           to last time), a sampled position {"epoch", "cartographicDegrees":
 *           [t, lon, lat, alt, ...], linear LAGRANGE interpolation} and path
 *           and point graphics; each highlighted arc is a static polyline
 *           packet "path/N/arc/K/LABEL" available over the path's interval.
 *           Ground tracks are static polylines clamped to the ground.
 *           3. Events: point packets "point/N/NAME" available from t_s to
 *           the end of the clock (timeless points: always).
 *           4. Polygons and fans: static polygon packets "polygon/N/K/NAME"
 *           (one per exterior ring, with its holes) and "fan/N/NAME" on the
 *           ground.
 *           5. Numbers are fixed-point (times 3 decimals, degrees 6, metres
 *           1), so output is byte-stable; ids are unique by construction.
 */
int bmd_czml_write(const bmd_sink *s, const bmd_scene *sc, bmd_errbuf *err);

/* Formats for bmd_scene_write_dir (or-ed). */
#define BMD_SCENE_KML 1u  /* DIR/STEM.kml */
#define BMD_SCENE_CZML 2u /* DIR/STEM.czml */

/*
 * bmd_scene_write_dir: write the scene as DIR/STEM.kml and/or
 * DIR/STEM.czml, each atomically (bmd_atomic_file: a temporary name
 * renamed into place when complete).
 * Given:    dir an existing directory; stem the file name without its
 *           extension (NULL: "scenario"; bmdsim uses the command's name,
 *           e.g. "run"); sc the scene; formats BMD_SCENE_KML |
 *           BMD_SCENE_CZML
 * Returned: err  detail message (names the file)
 * Returned (function value): BMD_OK; BMD_EINVAL (bad scene or formats:
 *           nothing is created); BMD_EIO (cannot create, write or rename:
 *           the files are left as they were and no temporary remains: both
 *           are written and fsync'ed before either is renamed into place).
 */
int bmd_scene_write_dir(const char *dir, const char *stem, const bmd_scene *sc, unsigned formats,
                        bmd_errbuf *err);

/*
 * bmd_scene_fan_ring: the ground outline of a fan (used by both writers).
 * Given:    f fan; n_arc points along the far edge (>= 2)
 * Returned: lat_rad[], lon_rad[] the closed outline: the site, n_arc points
 *           clockwise from boresight - half-width to boresight +
 *           half-width, the site again (n_arc + 2 vertices); for a full
 *           circle n_arc + 1 points on the circle (first repeated), the
 *           site left out. *n_out the vertices written.
 * Returned (function value): BMD_OK; BMD_EINVAL for a bad fan or n_arc.
 * Notes:    distances along WGS84 geodesics (bmd_geo_direct).
 */
int bmd_scene_fan_ring(const bmd_scene_fan *f, size_t n_arc, double *lat_rad, double *lon_rad,
                       size_t *n_out);

/* ---- engagement events in words ------------------------------------------ */

/*
 * bmd_eng_event_label: an engagement event's name for people and files.
 * Given:    r the engagement's result; e one of its events
 * Returned (function value): the library's name (bmd_eng_event_name),
 *           except that a closest approach which hit but whose kill draw
 *           failed is "no-kill" (the engagement's "miss" covers both); a
 *           static string.
 */
const char *bmd_eng_event_label(const bmd_engage_result *r, const bmd_eng_event *e);

/*
 * bmd_eng_event_object: what an event concerns: "battery -> threat",
 * "radar / threat", for a handover "from-radar -> radar / threat",
 * "threat" or "-".
 * Given:    s the scenario the engagement ran; e an event; n size of buf
 * Returned: buf the text (truncated to n - 1 bytes); function value buf
 */
const char *bmd_eng_event_object(const bmd_scenario *s, const bmd_eng_event *e, char *buf,
                                 size_t n);

/*
 * bmd_eng_event_note: the note of a timeline event ("miss 0.120 m",
 * "killed", "1930 m/s", "target already destroyed", ...).
 * Given:    r the engagement's result; e one of its events; n size of buf
 * Returned: buf the note ("" when none); function value buf
 */
const char *bmd_eng_event_note(const bmd_engage_result *r, const bmd_eng_event *e, char *buf,
                               size_t n);

/* ---- globe files of an engagement and a footprint ------------------------ */

/*
 * bmd_engage_scene_write: DIR/STEM.kml and DIR/STEM.czml of one
 * engagement: threat trajectories (truth ending at the kill, firm-track arcs
 * highlighted), interceptors from launch to closest approach, the timeline's
 * events as points (bmd_eng_event_label), radar and battery sites, radar
 * fans to the detection range of the first threat's RCS (at broadside; the
 * instrumented range when shorter).
 * Given:    dir, stem where; plan, r the engagement; meta_keys[n_meta],
 *           meta_values[n_meta] document metadata (provenance; none: 0)
 * Returned (function value): a status of bmd_scene_write_dir; BMD_ENOMEM.
 */
int bmd_engage_scene_write(const char *dir, const char *stem, const bmd_engage_plan *plan,
                           const bmd_engage_result *r, const char *const *meta_keys,
                           const char *const *meta_values, size_t n_meta, bmd_errbuf *err);

/*
 * bmd_fp_scene_write: DIR/STEM.kml with a footprint's polygon, the battery,
 * launch and checked sites and the radar fan.
 * Given:    dir, stem where; p the picture; meta_keys[n_meta],
 *           meta_values[n_meta] document metadata (none: 0)
 * Returned (function value): a status of bmd_scene_write_dir; BMD_ENOMEM.
 */
int bmd_fp_scene_write(const char *dir, const char *stem, const bmd_fp_picture *p,
                       const char *const *meta_keys, const char *const *meta_values, size_t n_meta,
                       bmd_errbuf *err);

/*
 * bmd_fp_raster_write: a footprint's raster as CSV: the header text (e.g.
 * a "# provenance" line; NULL: none), the column line "row,col,lat_deg,
 * lon_deg,state,defended,n_reach,cue_s,intercept_alt_m,intercept_t_s,
 * margin_s", then one line per cell in raster order (row 0 south, col 0
 * west; angles in degrees to 1e-6, state in words (bmd_fp_state_name),
 * times to 1 ms, heights to 0.1 m; NaN written as an empty field).
 * Given:    s the sink; header; g the grid; cells[bmd_fp_grid_cells(g)]
 * Returned (function value): BMD_OK or the sink's status.
 */
int bmd_fp_raster_write(const bmd_sink *s, const char *header, const bmd_fp_grid *g,
                        const bmd_fp_cell *cells);

/*
 * bmd_fp_geojson_write: a footprint's (or denied launch area's) polygons
 * as GeoJSON (bmd_geojson_polygons, the battery as the site) with the
 * properties that decided it: kind, battery, site, threat, launch, shape,
 * doctrine, radar (null without) and boresight_deg, rcs_m2, reaction_s,
 * resolution_m, area_km2 (to 0.1 km^2), checks (site: state) and, when
 * given, provenance.
 * Given:    s the sink; sum the footprint; provenance a JSON text (an
 *           object; NULL: none); poly the rings (bmd_fp_polys_of)
 * Returned: err
 * Returned (function value): BMD_OK; BMD_EINVAL for provenance that is
 *           not JSON; BMD_ENOMEM; the writer's status.
 */
int bmd_fp_geojson_write(const bmd_sink *s, const bmd_fp_summary *sum, const char *provenance,
                         const bmd_fp_polys *poly, bmd_errbuf *err);

/*
 * bmd_vis_scene_write: the scene of `bmdsim visibility -o DIR`: each track
 * in 3-D with its visible arcs highlighted ("visible to the radar"), its
 * launch, first detection (the first sample at or after it) and impact,
 * the radar site and its field of regard out to bmd_vis_fan_range, as KML
 * into kml and CZML into czml; launched at the epoch.
 * Given:    kml, czml the sinks; v the view; meta_keys[n_meta],
 *           meta_values[n_meta] document metadata
 * Returned: err
 * Returned (function value): BMD_OK; BMD_ENOMEM; the writers' statuses.
 */
int bmd_vis_scene_write(const bmd_sink *kml, const bmd_sink *czml, const bmd_vis_view *v,
                        const char *const *meta_keys, const char *const *meta_values, size_t n_meta,
                        bmd_errbuf *err);

/* ---- the files of `bmdsim run -o DIR` --------------------------------------- */

/*
 * bmd_eng_events_csv: the timeline of a recorded engagement as CSV: the
 * header text (NULL: none), then "t_s,event,threat,battery,radar,alt_m,
 * range_m,pip_alt_m,pip_range_m,miss_distance_m,speed_mps,killed" and one
 * line per event (empty fields where a value does not apply; an
 * interceptor launch's height and range are those of its predicted
 * intercept point).
 * Returned (function value): BMD_OK or the sink's status.
 */
int bmd_eng_events_csv(const bmd_sink *s, const char *header, const bmd_engage_plan *plan,
                       const bmd_engage_result *r);

/*
 * bmd_eng_trajectories_csv: "object,kind,t_s,lat_deg,lon_deg,alt_m,
 * speed_mps": each threat's truth (bmd_engage_truth_ended: ending at a
 * kill), then each interceptor's flown path every second
 * (bmd_engage_interceptor_paths), after the header text (NULL: none).
 * Returned (function value): BMD_OK; the statuses of those two; the sink's.
 */
int bmd_eng_trajectories_csv(const bmd_sink *s, const char *header, const bmd_engage_plan *plan,
                             const bmd_engage_result *r, bmd_errbuf *err);

/*
 * bmd_eng_tracks_csv: the recorded track rows (state, 1/beta, position
 * sigma and error, predicted impact point and its ellipse, the class
 * given) after the header text (NULL: none).
 * Returned (function value): BMD_OK or the sink's status.
 */
int bmd_eng_tracks_csv(const bmd_sink *s, const char *header, const bmd_engage_plan *plan,
                       const bmd_engage_result *r);

/*
 * bmd_eng_occupancy_csv: each radar's time budget every second
 * ("t_s,radar,tracks,demand,occupancy", bmd_eng_occ_row) after the header
 * text (NULL: none); rows of an unknown radar are left out.
 * Returned (function value): BMD_OK or the sink's status.
 */
int bmd_eng_occupancy_csv(const bmd_sink *s, const char *header, const bmd_engage_plan *plan,
                          const bmd_engage_result *r);

#endif /* BMD_EXPORT_H */
