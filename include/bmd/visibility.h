/*
 * bmd/visibility.h: what part of a missile's trajectory a radar can see.
 * The trajectory is flown (bmd/traj.h) and sampled at a fixed interval;
 * each sample is tested with bmd_radar_observe, the same test the tracker
 * and the coverage maps use. Visible arcs are the runs of samples where the
 * object is inside the field of regard, above the refracted horizon and the
 * minimum elevation, inside any instrumented range and above the required
 * SNR. Arc ends are known to the sampling interval.
 */
#ifndef BMD_VISIBILITY_H
#define BMD_VISIBILITY_H

#include "bmd/missile.h"
#include "bmd/radar.h"
#include "bmd/status.h"
#include "bmd/traj.h"

#define BMD_VIS_MAX_ARCS 16

/* One continuous visible arc. */
typedef struct bmd_vis_arc {
    double t_first_s, t_last_s;         /* first and last visible sample, s after launch */
    double alt_first_m, alt_last_m;     /* target heights there, m */
    double range_first_m, range_last_m; /* slant ranges there, m */
    double min_range_m;                 /* smallest slant range in the arc, m */
    double max_snr;                     /* largest single-look SNR (power ratio) */
} bmd_vis_arc;

/* The answer for one trajectory. */
typedef struct bmd_visibility {
    int visible;                /* 1 if any sample was visible */
    double first_detect_time_s; /* first visible sample, s after launch (-1: none) */
    double track_duration_s;    /* summed arc durations, s */
    double min_slant_range_m;   /* smallest slant range while visible (m; -1: none) */
    double max_snr;             /* largest SNR while visible (power ratio; 0: none) */
    double closest_range_m;     /* smallest slant range over the whole flight, m */
    int n_arcs;                 /* arcs found (arcs beyond BMD_VIS_MAX_ARCS are
                                   counted but not stored) */
    bmd_vis_arc arcs[BMD_VIS_MAX_ARCS];
    /* Time (s) the object spent not visible, by the first reason that
     * applied, in this order: below the horizon or minimum elevation,
     * outside the field of regard, beyond the instrumented range, SNR. */
    double t_below_horizon_s, t_out_of_for_s, t_beyond_instr_s, t_low_snr_s;
    double flight_time_s; /* launch to impact, s */
    int n_samples;        /* samples tested */
} bmd_visibility;

/*
 * bmd_visibility_fly: fly a missile and find what a radar sees of it.
 * Given:    site    radar, set up with bmd_radar_setup (its Earth model
 *                   should be the flight's)
 *           cfg     flight configuration (Earth, atmosphere, integrator);
 *                   its sample fields are ignored (this function samples)
 *           m, l    the missile and its launch parameters (e.g. a targeting
 *                   solution's launch)
 *           rcs     RCS against aspect angle (aspect from the Earth-relative
 *                   velocity); NULL: constant rcs_m2
 *           rcs_m2  constant RCS when rcs is NULL, m^2 (> 0)
 *           dt_s    sampling interval, s (> 0; e.g. 1 s)
 * Returned: *vis    the arcs and figures; *sum the flight's summary (may be NULL)
 *           err     detail message on failure
 * Returned (function value): BMD_OK; BMD_EINVAL for bad arguments; errors
 *           of bmd_traj_fly or bmd_radar_observe.
 */
int bmd_visibility_fly(const bmd_radar_site *site, const bmd_traj_config *cfg, const bmd_missile *m,
                       const bmd_traj_launch *l, const bmd_rcs_table *rcs, double rcs_m2,
                       double dt_s, bmd_visibility *vis, bmd_traj_summary *sum, bmd_errbuf *err);

/*
 * bmd_visibility_fly_impulsive: the same for a free flight from a burnout
 * state (e.g. for tests built from simple geometry).
 */
int bmd_visibility_fly_impulsive(const bmd_radar_site *site, const bmd_traj_config *cfg,
                                 const bmd_traj_impulsive *b, const bmd_rcs_table *rcs,
                                 double rcs_m2, double dt_s, bmd_visibility *vis,
                                 bmd_traj_summary *sum, bmd_errbuf *err);

/* ---- what the visibility scene and figures draw ------------------------------- */

/* A sampled flight and what a radar saw of it (arrays owned by the caller). */
typedef struct bmd_vis_track {
    const char *name;      /* "MISSILE FROM -> TO" */
    const char *from, *to; /* launch and aim names (site keys or text) */
    size_t n;              /* samples (>= 2), times increasing */
    const double *t_s, *lat_rad, *lon_rad, *alt_m;
    const bmd_visibility *vis; /* its visible arcs and first detection */
} bmd_vis_track;

/* The radar and the tracks of one `bmdsim visibility` run. */
typedef struct bmd_vis_view {
    const bmd_radar *radar;     /* face, name and label */
    double rcs_m2;              /* the target RCS, m^2 */
    const char *earth_name;     /* "wgs84" or "sphere" (subtitle) */
    double dt_s;                /* the sample period, s (subtitle) */
    const bmd_vis_track *track; /* [n_tracks] */
    size_t n_tracks;
} bmd_vis_view;

/*
 * bmd_vis_fan_range: the range the radar's fan is drawn to: the track range
 * on rcs_m2 (bmd_radar_track_range; 0 when it fails), capped by the
 * instrumented range. m.
 */
double bmd_vis_fan_range(const bmd_radar *r, double rcs_m2);

#endif /* BMD_VISIBILITY_H */
