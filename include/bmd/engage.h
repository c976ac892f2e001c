/*
 * bmd/engage.h: the engagement simulation: threats flying their solved
 * trajectories, radars looking at them, trackers, the fire control with its
 * doctrine and inventory, interceptors flying out and hitting or missing.
 *
 * Two steps. bmd_engage_prepare() does everything that is the same in every
 * Monte Carlo run: the threats' truth trajectories (targeting solve and
 * fly-out), the radar sites, each battery's interceptor fly-out table. The
 * plan is then read only. bmd_engage_run() plays one engagement on the plan
 * with its own random streams derived from (seed, run index), so a run's
 * result depends on nothing else (not on threads, not on other runs).
 *
 * Clock: engagement time in s (0 = scenario start; a threat's own flight
 * time is engagement time minus its launch time). Model, event loop, fire
 * control and limits: docs/models/engage.md.
 */
#ifndef BMD_ENGAGE_H
#define BMD_ENGAGE_H

#include <stddef.h>
#include <stdint.h>

#include "bmd/core.h"
#include "bmd/scenario.h"
#include "bmd/status.h"

/* Outcome of one threat. */
typedef enum bmd_eng_outcome {
    BMD_ENG_NOT_ENGAGED = 0, /* no interceptor was fired at it; it impacted */
    BMD_ENG_INTERCEPTED = 1, /* killed */
    BMD_ENG_LEAKED = 2       /* fired at, survived, impacted */
} bmd_eng_outcome;

/* bmd_eng_outcome_name: "not_engaged", "intercepted", "leaked". */
const char *bmd_eng_outcome_name(int outcome);

/* Timeline event kinds. */
typedef enum bmd_eng_event_kind {
    BMD_EV_THREAT_LAUNCH = 0,
    BMD_EV_BURNOUT,
    BMD_EV_APOGEE,
    BMD_EV_FIRST_DETECTION,
    BMD_EV_FIRM_TRACK,
    BMD_EV_TRACK_DROPPED,
    BMD_EV_IC_LAUNCH,
    BMD_EV_INTERCEPT, /* hit and kill */
    BMD_EV_MISS,      /* closest approach without a kill (miss or failed Pk draw) */
    BMD_EV_KILL_ASSESSMENT,
    BMD_EV_IMPACT,
    BMD_EV_NO_SOLUTION, /* firm track, but no battery has a feasible intercept */
    BMD_EV_RELEASE,     /* a threat complex's object released by its missile */
    BMD_EV_HANDOVER,    /* a firm track handed from one radar (radar_from) to
                           another (radar) at the receiving radar's first
                           detection: state and covariance carried over */
    BMD_EV_COUNT
} bmd_eng_event_kind;

/* bmd_eng_event_name: "launch", "burnout", "apogee", "first-detection",
 * "firm-track", "track-dropped", "interceptor-launch", "intercept", "miss",
 * "kill-assessment", "impact", "no-solution", "release", "handover". */
const char *bmd_eng_event_name(int kind);

typedef struct bmd_eng_event {
    double t_s;     /* engagement time, s */
    int kind;       /* bmd_eng_event_kind */
    int threat;     /* threat index (-1: none) */
    int battery;    /* battery index (-1: none) */
    int radar;      /* radar index (-1: none) */
    int shot;       /* interceptor index in bmd_engage_result.shots (-1: none) */
    double alt_m;   /* threat height at t (interceptor events: intercept height), m */
    double range_m; /* slant range from the radar (detection/track events) or
                       ground range from the battery (interceptor events), m;
                       -1: not applicable */
    double value;   /* miss distance (intercept/miss), m; else 0 */
    int radar_from; /* handover: the radar that handed the track over (-1: none) */
} bmd_eng_event;

/* How the defence classified an object (bmd_eng_threat.classified_as):
 * perfect discrimination gives the object's bmd_object_kind (0-3); beta and
 * rcs discrimination give warhead (0), non-warhead or undecided (engaged as
 * a warhead). */
typedef enum bmd_eng_class {
    BMD_CLASS_NONE = -1,       /* never classified (no firm track after burnout) */
    BMD_CLASS_NON_WARHEAD = 4, /* decided: not a warhead */
    BMD_CLASS_UNDECIDED = 5    /* the evidence does not decide yet */
} bmd_eng_class;

/* bmd_eng_class_name: the kind's name (bmd_object_kind_name), "non-warhead",
 * "undecided" or "unclassified". */
const char *bmd_eng_class_name(int c);

/* What happened to one threat. Times are engagement times; -1: never. */
typedef struct bmd_eng_threat {
    int outcome;                /* bmd_eng_outcome */
    double intercept_time_s;    /* time of the killing intercept */
    double intercept_alt_m;     /* its height, m */
    double miss_distance_m;     /* miss of the killing (else of the last) shot, m */
    int interceptors_used;      /* fired at this threat */
    double first_detect_time_s; /* first detection by any radar */
    double firm_track_time_s;   /* first firm track by any radar */
    double impact_time_s;       /* impact (if it was not killed), else -1 */
    double pos_error_m;         /* track position error at firm track (0 in truth mode), m */
    int kind;                   /* bmd_object_kind (the scenario's) */
    int classified_as;          /* bmd_eng_class: the fire control's latest
                                   classification (BMD_CLASS_NONE: never made) */
    double classified_alt_m;    /* the object's height when that classification
                                   was first made, m (-1: never) */
} bmd_eng_threat;

/* One interceptor fired. */
typedef struct bmd_eng_shot {
    int battery, threat;
    double launch_time_s;
    double azimuth_rad, elev_rad;
    double t_ca_s, miss_m, alt_ca_m, ground_range_m;
    double lat_ca_rad, lon_ca_rad;
    int outcome; /* bmd_ic_outcome (bmd/interceptor.h) */
    int kill;
    uint64_t noise_seed; /* its seeker-noise stream (realistic homing; 0: ideal) */
} bmd_eng_shot;

/* One tracker estimate (for tracks.csv). */
typedef struct bmd_eng_track_row {
    double t_s;
    int threat, radar, status;
    double x[7];                     /* r_ecef_m[3], v_ecef_mps[3], 1/beta */
    double pos_sigma_m;              /* sqrt(trace P_rr) */
    double pos_error_m;              /* |r_est - r_true| */
    double iip_lat_rad, iip_lon_rad; /* predicted impact point (NaN: none) */
    double iip_semi_major_m, iip_semi_minor_m;
    double invbeta_sigma_m2pkg; /* sqrt(P_77): the filter's sigma of 1/beta, m^2/kg */
    int classified_as;          /* bmd_eng_class the discrimination gives this
                                   track now (before the fire control's burnout
                                   wait) */
    int priority;               /* radar with a time budget: the track's scheduling
                                   class at this look, 1 engaged (or a launch planned),
                                   2 tracked, 3 a decided non-threat; 0: no budget
                                   or not yet scheduled (docs/models/engage.md,
                                   "Radar time budget") */
    double revisit_s;           /* the interval to this track's next look as
                                   scheduled at this look (revisit x stretch), s */
} bmd_eng_track_row;

/* A truth sample (for trajectories.csv). */
typedef struct bmd_eng_truth_row {
    int threat;
    double t_s, lat_rad, lon_rad, alt_m, speed_mps;
} bmd_eng_truth_row;

/* A radar's time budget at one moment (recording; every second). */
typedef struct bmd_eng_occ_row {
    double t_s;
    int radar;
    int tracks;       /* tracks held (tentative or firm) */
    double demand;    /* search fraction + tracks x dwell / revisit: the face
                         time the search fence and the tracks' nominal
                         revisits ask for (> 1: more than the face has) */
    double occupancy; /* the fraction used: the demand, or at most 1 when the
                         radar has a time budget (revisits stretched) */
} bmd_eng_occ_row;

/* A run's result. Arrays are malloc'd by bmd_engage_run; release with
 * bmd_engage_result_free. */
typedef struct bmd_engage_result {
    size_t n_threats;
    bmd_eng_threat *threat;
    int interceptors_fired;
    int interceptors_at_non_warheads; /* fired at objects that are not warheads */
    int leakers;                      /* warheads not intercepted (leaked or not engaged) */
    size_t n_events;
    bmd_eng_event *event; /* sorted by time */
    size_t n_shots;
    bmd_eng_shot *shot;
    size_t n_tracks; /* only when recording */
    bmd_eng_track_row *track;
    size_t n_radars;
    double *radar_occupancy_max; /* [n_radars]: largest occupancy of each radar */
    double *radar_demand_max;    /* [n_radars]: largest demand of each radar */
    double *radar_over_share;    /* [n_radars]: the share of the run's cycles
                                    (first launch to the end of the run, every
                                    dt) in which the radar's demand exceeded 1 */
    size_t n_occ;                /* only when recording */
    bmd_eng_occ_row *occ;
} bmd_engage_result;

void bmd_engage_result_free(bmd_engage_result *r);

/* The prepared scenario (opaque). */
typedef struct bmd_engage_plan bmd_engage_plan;

/*
 * bmd_engage_cache: a memo of interceptor fly-outs (opaque). A guided
 * fly-out is a pure function of (battery, threat, launch-time shift, launch
 * time, azimuth, elevation): the interceptor flies against the threat's
 * truth and the kill draw is taken after the fly-out. Runs whose launch
 * solutions repeat bit for bit (perfect tracking without noise, where runs
 * differ only by the kill draws) then fly each solution once. A result
 * never depends on whether a cache is used. A cache serves one plan and one
 * thread at a time; free it before the plan.
 */
typedef struct bmd_engage_cache bmd_engage_cache;

/* bmd_engage_cache_new: an empty cache for plan (NULL: out of memory). */
bmd_engage_cache *bmd_engage_cache_new(const bmd_engage_plan *plan);

/* bmd_engage_cache_free: NULL harmless. */
void bmd_engage_cache_free(bmd_engage_cache *c);

/* bmd_engage_cache_stats: fly-outs served from the cache, and flown. */
void bmd_engage_cache_stats(const bmd_engage_cache *c, long *hits, long *misses);

/* Options of one run. */
typedef struct bmd_engage_opts {
    int noise;               /* 1: measurement noise and Pd draws (default); 0: noise-free
                                measurements, detection when SNR >= required */
    int record;              /* 1: keep the timeline and the track rows (default); 0:
                                outcomes only (Monte Carlo) */
    int draw_uncertain;      /* 1: draw the scenario's uncertain parameters for this
                                run (Monte Carlo default); 0: nominal values */
    bmd_engage_cache *cache; /* fly-out memo (NULL: none, the default); not
                                shared between threads */
} bmd_engage_opts;

void bmd_engage_opts_init(bmd_engage_opts *o);

/*
 * bmd_engage_prepare: solve and fly every threat, set up the radars, build
 * each battery's fly-out table.
 * Given:    s  checked scenario (bmd_scenario_check); it is copied
 * Returned: *plan  (free with bmd_engage_plan_free); err
 * Returned (function value): BMD_OK; BMD_EINVAL; BMD_EUNREACH when a
 *           threat's aim point is out of reach (the message names the
 *           threat); BMD_ENOMEM; integration errors.
 */
int bmd_engage_prepare(const bmd_scenario *s, bmd_engage_plan **plan, bmd_errbuf *err);

void bmd_engage_plan_free(bmd_engage_plan *plan);

/* The scenario of a plan (read only). */
const bmd_scenario *bmd_engage_plan_scenario(const bmd_engage_plan *plan);

/* The flown (nominal) trajectory summary of threat k: range, apogee, flight
 * time, ... (read only; NULL when k is out of range). */
const bmd_traj_summary *bmd_engage_plan_summary(const bmd_engage_plan *plan, size_t k);

/*
 * bmd_engage_truth: the truth trajectory of threat k sampled every dt_s
 * (engagement clock), for output; a released object from its release on.
 * Returned: *rows (malloc'd; caller frees), *n
 */
int bmd_engage_truth(const bmd_engage_plan *plan, double dt_s, bmd_eng_truth_row **rows, size_t *n,
                     bmd_errbuf *err);

/* A sample of an interceptor's flown path (for trajectories and globes). */
typedef struct bmd_eng_ic_row {
    int shot, battery, threat; /* index into res->shot, battery, target */
    double t_s, lat_rad, lon_rad, alt_m, speed_mps;
} bmd_eng_ic_row;

/*
 * bmd_engage_interceptor_paths: the flown path of every shot of a result,
 * sampled every dt_s from launch to the closest approach (its last row).
 * Given:    plan; res (from bmd_engage_run on this plan); dt_s > 0
 * Returned: *rows (malloc'd; caller frees; shot by shot, in time order),
 *           *n; err
 * Returned (function value): BMD_OK; BMD_EINVAL; BMD_ENOMEM; errors of
 *           bmd_interceptor_fly_path.
 * Notes:    Each shot is flown again (bmd_interceptor_fly_path) from its
 *           battery with the recorded launch time and launch solution
 *           against the threat's nominal truth (that of bmd_engage_truth);
 *           for a run without uncertain draws that is the flight the run
 *           made, so the last row is the recorded closest approach.
 *           A shot whose booster could not fly its solution has no rows.
 */
int bmd_engage_interceptor_paths(const bmd_engage_plan *plan, const bmd_engage_result *res,
                                 double dt_s, bmd_eng_ic_row **rows, size_t *n, bmd_errbuf *err);

/*
 * bmd_engage_run: one engagement.
 * Given:    plan; run index (selects the random streams); seed; opts (NULL:
 *           defaults)
 * Returned: *res (zeroed first; free with bmd_engage_result_free); err
 * Returned (function value): BMD_OK; BMD_ENOMEM; BMD_EINVAL; errors of the
 *           tracker or the interceptor fly-out.
 * Notes:    1. Random streams: bmd_rng_init(rng, seed, 16 run + purpose),
 *           purpose 0 detection draws and noise, 1 kill draws (one uniform
 *           per hit, in launch order: kill when below the battery's pk),
 *           2 uncertain parameters, 3 seeker noise, 4 the RCS feature
 *           errors of rcs discrimination (one normal per detection), 5 kill
 *           assessment errors (one uniform per assessment, only when the
 *           battery's assessment_error > 0).
 *           2. opts->cache (NULL: none) memoises the guided fly-outs; the
 *           result is the same with or without it.
 *           3. Event loop, fire-control rules and outcomes:
 *           docs/models/engage.md.
 */
int bmd_engage_run(const bmd_engage_plan *plan, long run, uint64_t seed,
                   const bmd_engage_opts *opts, bmd_engage_result *res, bmd_errbuf *err);

/* ---- the engagement as columns (figures, globe files) -------------------- */

/*
 * bmd_engage_truth_ended: the truth of every threat every 1 s
 * (bmd_engage_truth), ending where the threat ends: a killed threat's rows
 * stop at the kill, the last one interpolated linearly to the intercept
 * time.
 * Given:    plan the prepared engagement; r one run's result
 * Returned: *rows malloc'd rows (free them), *n their count
 * Returned (function value): a status of bmd_engage_truth; BMD_ENOMEM.
 */
int bmd_engage_truth_ended(const bmd_engage_plan *plan, const bmd_engage_result *r,
                           bmd_eng_truth_row **rows, size_t *n, bmd_errbuf *err);

/* The truth rows of bmd_engage_truth_ended as columns, split per threat;
 * hl[i] is 1 inside the threat's firm-track arc (firm track to intercept,
 * else to its last sample). Free with bmd_eng_truth_cols_free. */
typedef struct bmd_eng_truth_cols {
    size_t n;
    bmd_eng_truth_row *rows;
    double *t, *lat, *lon, *alt;
    unsigned char *hl;
    size_t *first, *count; /* per threat */
} bmd_eng_truth_cols;
int bmd_eng_truth_cols_load(bmd_eng_truth_cols *c, const bmd_engage_plan *plan,
                            const bmd_engage_result *r, bmd_errbuf *err);
void bmd_eng_truth_cols_free(bmd_eng_truth_cols *c);

/* The interceptors' flown paths (bmd_engage_interceptor_paths, 1 s) as
 * columns, split per shot. Free with bmd_eng_ic_cols_free. */
typedef struct bmd_eng_ic_cols {
    size_t n;
    double *t, *lat, *lon, *alt;
    size_t *first, *count; /* per shot */
} bmd_eng_ic_cols;
int bmd_eng_ic_cols_load(bmd_eng_ic_cols *c, const bmd_engage_plan *plan,
                         const bmd_engage_result *r, bmd_errbuf *err);
void bmd_eng_ic_cols_free(bmd_eng_ic_cols *c);

#endif /* BMD_ENGAGE_H */
