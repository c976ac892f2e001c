/*
 * bmd/traj.h: 3-DOF missile fly-out, impulsive free flight, events and
 * targeting (minimum-energy, lofted, depressed; maximum range).
 *
 * Frame: the equations of motion are integrated in the rotating ECEF frame
 * (bmd/geo.h), state [r_ecef_m[3], v_ecef_mps[3]]; velocities are relative to
 * the rotating Earth (the atmosphere co-rotates), mass follows in closed form
 * from the constant mass flow of the burning stage. Heights are ellipsoidal
 * heights of the bmd_earth model. Times are seconds since launch (for the
 * impulsive mode: since the given burnout state). Angles in rad, azimuths
 * clockwise from north in the local east-north-up frame. Model description,
 * equations and validation: docs/models/traj.md.
 *
 * Nothing here allocates except bmd_traj_integrator_init for steppers that
 * need a workspace (GSL rk8pd); nothing prints. All functions are re-entrant:
 * a bmd_traj_integrator must not be shared between threads (except one of
 * bmd_traj_dopri5, which has no workspace and is only read), everything else
 * passed in is read-only.
 */
#ifndef BMD_TRAJ_H
#define BMD_TRAJ_H

#include "bmd/atmo.h"
#include "bmd/geo.h"
#include "bmd/missile.h"
#include "bmd/status.h"

/* ---- model defaults ------------------------------------------------------ */

/* Pitch-over duration (s): the thrust direction turns at a constant rate from
 * the vertical to the kick angle in this time (docs/models/traj.md, "Steering"). */
#define BMD_TRAJ_KICK_DURATION_S 5.0
/* Give up a flight after this time (s) without impact: 4 h covers any
 * sub-orbital flight. */
#define BMD_TRAJ_T_MAX_S 14400.0
/* Default integration tolerances: relative, and absolute on position (m) and
 * velocity (m/s). See docs/models/traj.md, "Integrators", for the accuracy
 * they give. */
#define BMD_TRAJ_RTOL 1e-9
#define BMD_TRAJ_ATOL_POS_M 1e-3
#define BMD_TRAJ_ATOL_VEL_MPS 1e-6
/* The "analysis" tolerances (bmd_traj_integrator_analysis, which also
 * switches on kink stepping): for the many flights of footprints, where the
 * accurate defaults above cost more than their accuracy is worth. Measured
 * against GSL's rk8pd at rtol 1e-12 on 132 fly-outs of a Nodong-class
 * missile (kicks 2-50 deg, 70-1,300 km, four azimuths;
 * bench/bench_traj.c); tests/traj bounds the range error by 10 m
 * (docs/models/traj.md, "Integrators"). */
#define BMD_TRAJ_RTOL_ANALYSIS 1e-6
#define BMD_TRAJ_ATOL_POS_M_ANALYSIS 1e-3
#define BMD_TRAJ_ATOL_VEL_MPS_ANALYSIS 1e-6
/* With the analysis settings the final ballistic phase (coast and reentry)
 * runs at this multiple of the relative tolerance: the range error of the
 * family above comes from the powered flight (docs/models/traj.md,
 * "Integrators", with bench_traj's figures). */
#define BMD_TRAJ_RTOL_FREE_SCALE_ANALYSIS 3.0
/* Default largest step (s). */
#define BMD_TRAJ_H_MAX_S 120.0
/* Default step limit per flight. */
#define BMD_TRAJ_MAX_STEPS 200000L
/* Default miss tolerance of the targeting solver (m). */
#define BMD_TRAJ_TARGET_TOL_M 10.0
/* Altitude above which the atmosphere is not evaluated (drag and back
 * pressure taken as zero), m: the top of US76. */
#define BMD_TRAJ_ATMO_TOP_M 1.0e6

#define BMD_TRAJ_MAX_EVENTS 48
#define BMD_TRAJ_MAX_ALT_EVENTS 8

/* ---- integrators (swappable steppers) ------------------------------------ */

/*
 * A stepper type: a const table of function pointers (like GSL's
 * gsl_odeiv2_step_type). Two are provided:
 *   bmd_traj_dopri5  Dormand-Prince 5(4) with Shampine's 4th-order dense
 *                    output, own implementation, no workspace (default);
 *   bmd_traj_rk8pd   GSL's gsl_odeiv2_step_rk8pd (Prince-Dormand 8(7)) as
 *                    the reference; dense output by quintic Hermite
 *                    interpolation of position (r, v, a at both step ends).
 */
typedef struct bmd_traj_stepper_type bmd_traj_stepper_type;
extern const bmd_traj_stepper_type *const bmd_traj_dopri5;
extern const bmd_traj_stepper_type *const bmd_traj_rk8pd;

/* bmd_traj_stepper_name: "dopri5" or "rk8pd" ("?" for NULL). */
const char *bmd_traj_stepper_name(const bmd_traj_stepper_type *type);

/*
 * bmd_traj_integrator: caller-owned integrator settings and workspace.
 * Set up with bmd_traj_integrator_init, release with bmd_traj_integrator_free.
 * The tolerance fields may be changed after init. One per thread.
 */
typedef struct bmd_traj_integrator {
    const bmd_traj_stepper_type *type;
    void *work;             /* stepper workspace (NULL for dopri5); owned */
    double rtol;            /* relative tolerance, 1 */
    double atol_pos_m;      /* absolute tolerance on position components, m */
    double atol_vel_mps;    /* absolute tolerance on velocity components, m/s */
    double h_max_s;         /* largest step, s */
    long max_steps;         /* step limit per flight (accepted + rejected) */
    int kinks;              /* 1: steps end on the kinks of the right-hand side (the
                               atmosphere's layer bases, the drag table's Mach
                               numbers; docs/models/traj.md, "Kinks"); 0 by default,
                               1 with the analysis settings */
    double rtol_free_scale; /* the final ballistic phase of a fly-out runs at
                               rtol times this: 1 by default,
                               BMD_TRAJ_RTOL_FREE_SCALE_ANALYSIS with the
                               analysis settings */
} bmd_traj_integrator;

/*
 * bmd_traj_integrator_init: set up an integrator with the default tolerances.
 * Given:    type  bmd_traj_dopri5 or bmd_traj_rk8pd
 * Returned: *ig   ready integrator (on failure: type NULL, work NULL)
 *           err   detail message on failure (may be NULL)
 * Returned (function value): BMD_OK; BMD_EINVAL for NULL ig or type;
 *           BMD_ENOMEM if the workspace cannot be allocated.
 * Notes:    allocates for bmd_traj_rk8pd only; free with
 *           bmd_traj_integrator_free.
 */
int bmd_traj_integrator_init(bmd_traj_integrator *ig, const bmd_traj_stepper_type *type,
                             bmd_errbuf *err);

/* bmd_traj_integrator_analysis: set the analysis tolerances
 * (BMD_TRAJ_RTOL_ANALYSIS, ...) and kink stepping (kinks = 1) on an
 * initialised integrator. */
void bmd_traj_integrator_analysis(bmd_traj_integrator *ig);

/* bmd_traj_integrator_free: release the workspace; NULL is harmless. */
void bmd_traj_integrator_free(bmd_traj_integrator *ig);

/* ---- events --------------------------------------------------------------- */

typedef enum bmd_traj_event_kind {
    BMD_TRAJ_EV_NONE = -1,     /* (sample field only) a periodic sample */
    BMD_TRAJ_EV_LAUNCH = 0,    /* t = 0 (impulsive mode: the given state) */
    BMD_TRAJ_EV_PITCH_START,   /* end of the vertical rise */
    BMD_TRAJ_EV_PITCH_END,     /* kick angle reached; gravity turn begins */
    BMD_TRAJ_EV_BURNOUT,       /* a stage burns out (stage = that stage) */
    BMD_TRAJ_EV_IGNITION,      /* a stage ignites; the lower stage's dry mass is dropped */
    BMD_TRAJ_EV_CUTOFF,        /* thrust cut-off before full burn (range control) */
    BMD_TRAJ_EV_RV_SEPARATION, /* the RV separates (rv_separates = 1) */
    BMD_TRAJ_EV_APOGEE,        /* local maximum of the ellipsoidal height */
    BMD_TRAJ_EV_ALT_UP,        /* upward crossing of a requested altitude */
    BMD_TRAJ_EV_ALT_DOWN,      /* downward crossing of a requested altitude */
    BMD_TRAJ_EV_MAX_DECEL,     /* largest drag deceleration after final burnout */
    BMD_TRAJ_EV_IMPACT         /* descending through the impact altitude; ends the flight */
} bmd_traj_event_kind;

/* bmd_traj_event_name: "launch", "pitch-start", "pitch-end", "burnout",
 * "ignition", "cutoff", "rv-separation", "apogee", "alt-up", "alt-down",
 * "max-decel", "impact"; "sample" for BMD_TRAJ_EV_NONE; "?" otherwise. */
const char *bmd_traj_event_name(int kind);

/* One event of a flight. */
typedef struct bmd_traj_event {
    int kind;             /* bmd_traj_event_kind */
    int stage;            /* stage concerned (1..n_stages), or the current stage */
    double t_s;           /* time since launch, s (located to < 1 ms) */
    double alt_m;         /* ellipsoidal height, m */
    double speed_mps;     /* Earth-relative speed, m/s */
    double r_ecef_m[3];   /* position, m, ECEF */
    double v_ecef_mps[3]; /* Earth-relative velocity, m/s, ECEF */
} bmd_traj_event;

/* ---- samples (output callback) -------------------------------------------- */

/* The state at one instant, as passed to the sample callback. */
typedef struct bmd_traj_sample {
    double t_s;                     /* time since launch, s */
    double r_ecef_m[3];             /* position, m, ECEF */
    double v_ecef_mps[3];           /* Earth-relative velocity, m/s, ECEF */
    double lat_rad, lon_rad, alt_m; /* geodetic position (rad, rad, m) */
    double speed_mps;               /* |v_ecef|, m/s */
    double gamma_rad;               /* flight-path angle above the local (ellipsoid-normal)
                                       horizontal, rad */
    double mach;                    /* Mach number, 1 (0 in vacuum or above the atmosphere) */
    double accel_mps2;              /* |thrust + drag| / m: the non-gravitational
                                       acceleration an accelerometer senses, m/s^2 */
    double mass_kg;                 /* current mass, kg */
    int stage;                      /* 1..n_stages in powered flight and inter-stage
                                       coasts; 0 after final burnout / cut-off */
    int event;                      /* BMD_TRAJ_EV_NONE for periodic samples, else the
                                       event kind this sample marks */
} bmd_traj_sample;

/* Sample callback; return 0 to continue, non-zero to stop the flight (the
 * flight function then returns BMD_EINTR). */
typedef int (*bmd_traj_sample_fn)(void *ctx, const bmd_traj_sample *s);

/* ---- configuration --------------------------------------------------------- */

typedef struct bmd_traj_config {
    const bmd_earth *earth;                      /* Earth model (required) */
    const bmd_atmo *atmo;                        /* atmosphere; NULL: vacuum */
    int gravity_off;                             /* 1: no gravity (test switch, e.g. Allen-Eggers
                                                    straight-line reentry); default 0 */
    bmd_traj_integrator *integ;                  /* NULL: dopri5 with the default tolerances */
    double impact_alt_m;                         /* impact = descending through this ellipsoidal
                                                    height, m (default 0) */
    int n_alt_events;                            /* extra altitude crossings to report, 0..8 */
    double alt_event_m[BMD_TRAJ_MAX_ALT_EVENTS]; /* their heights, m */
    double sample_dt_s;                          /* period of samples, s (0: events only) */
    bmd_traj_sample_fn sample;                   /* NULL: no samples */
    void *sample_ctx;
    double t_max_s;        /* flight time limit, s (default BMD_TRAJ_T_MAX_S) */
    int sample_state_only; /* 1: samples carry t_s, r_ecef_m, v_ecef_mps, stage
                              and event only (the other fields 0), without the
                              right-hand side and geodetic conversion each
                              sample otherwise costs (default 0) */
} bmd_traj_config;

/*
 * bmd_traj_config_init: defaults: the given Earth and atmosphere (atmo may be
 * NULL: vacuum), gravity on, default dopri5 integrator, impact at 0 m, no
 * altitude events, no samples, t_max_s = BMD_TRAJ_T_MAX_S.
 */
void bmd_traj_config_init(bmd_traj_config *cfg, const bmd_earth *earth, const bmd_atmo *atmo);

/* ---- launch parameters and flight summary ---------------------------------- */

/* Launch point and the shaping parameters of a powered fly-out. */
typedef struct bmd_traj_launch {
    double lat_rad, lon_rad, alt_m; /* launch site, geodetic (rad, rad, m) */
    double azimuth_rad;             /* plane of the pitch-over, clockwise from north in
                                       the launch site's ENU frame (Earth-relative), rad */
    double kick_rad;                /* pitch-over (kick) angle of the thrust from the
                                       local vertical, rad, in [0, pi/2) */
    double kick_duration_s;         /* pitch-over duration, s (default
                                       BMD_TRAJ_KICK_DURATION_S) */
    double cutoff_s;                /* thrust cut-off, s after launch; <= 0 or beyond
                                       the last burnout: full burn */
} bmd_traj_launch;

/* bmd_traj_launch_init: site and azimuth; kick 0, default kick duration,
 * full burn. */
void bmd_traj_launch_init(bmd_traj_launch *l, double lat_rad, double lon_rad, double alt_m,
                          double azimuth_rad);

/* What a flight did. Times are since launch. */
typedef struct bmd_traj_summary {
    /* shaping used */
    double launch_lat_rad, launch_lon_rad, launch_alt_m; /* rad, rad, m */
    double launch_azimuth_rad;                           /* rad */
    double kick_rad;                                     /* rad (impulsive: 0) */
    double cutoff_s; /* end of powered flight actually used, s */
    /* burnout (end of powered flight; impulsive: the given state) */
    double burnout_time_s, burnout_speed_mps, burnout_alt_m, burnout_gamma_rad;
    double burnout_mass_kg; /* vehicle mass at the end of powered flight,
                               before RV separation, kg */
    double burnout_r_ecef_m[3], burnout_v_ecef_mps[3];
    /* apogee (highest point) */
    double apogee_alt_m, apogee_time_s;
    /* impact */
    int impacted;                              /* 1 when the flight ended at impact */
    double flight_time_s;                      /* launch to impact, s */
    double range_m;                            /* geodesic launch -> impact distance, m */
    double impact_lat_rad, impact_lon_rad;     /* rad */
    double impact_speed_mps, impact_gamma_rad; /* m/s, rad (negative) */
    double impact_r_ecef_m[3], impact_v_ecef_mps[3];
    /* reentry */
    double max_decel_mps2; /* largest drag deceleration after burnout, m/s^2 */
    double max_decel_time_s, max_decel_alt_m, max_decel_speed_mps;
    /* timeline */
    int n_events;
    int events_truncated; /* 1 if more events happened than fit */
    bmd_traj_event events[BMD_TRAJ_MAX_EVENTS];
    /* cost */
    long n_steps, n_rejected, n_rhs;
} bmd_traj_summary;

/* ---- flights ----------------------------------------------------------------- */

/*
 * bmd_traj_fly: fly a missile from launch to impact.
 * Given:    cfg  configuration (Earth, atmosphere, integrator, outputs)
 *           m    the missile (bmd/missile.h); if m->cd.n == 0 the default
 *                slender-body Cd(Mach) table is used
 *           l    launch site and shaping parameters
 * Returned: *out summary (may be NULL); samples through cfg->sample
 *           err  detail message on failure (may be NULL)
 * Returned (function value): BMD_OK; BMD_EINVAL for NULL or invalid
 *           arguments or missile data (the message names the field);
 *           BMD_EDOM if the thrust cannot lift the missile off; BMD_ELIMIT
 *           if cfg->t_max_s or the step limit is reached before impact
 *           (*out then holds the flight so far, impacted = 0); BMD_EINTR if
 *           the sample callback stopped the flight (likewise).
 * Notes:    1. Powered flight: vertical rise for m->vertical_rise_s, a
 *           constant-rate pitch-over to l->kick_rad over l->kick_duration_s
 *           in the plane of l->azimuth_rad, then a gravity turn (thrust
 *           along the Earth-relative velocity). Stages burn in sequence with
 *           their coasts; a stage's dry mass is dropped at the next
 *           ignition. After final burnout or cut-off the RV separates (if
 *           m->rv_separates) and flies with m->rv_beta_kgpm2; otherwise the
 *           whole remaining body flies with m->rv_beta_kgpm2. A cut-off in
 *           a lower stage ends powered flight (upper stages do not ignite).
 *           2. Thrust F = mdot g0 Isp_vac - p_atm A_exit with A_exit = mdot g0
 *           (Isp_vac - Isp_sl) / p0 (none if isp_sl_s = 0); drag
 *           1/2 rho v^2 Cd(Mach) A with A from the burning (lowest) stage's
 *           diameter.
 *           3. Every burnout, ignition, cut-off and pitch phase change is an
 *           integration boundary; apogee, altitude crossings and impact are
 *           located on the dense output to < 1 ms.
 * References: docs/models/traj.md.
 */
int bmd_traj_fly(const bmd_traj_config *cfg, const bmd_missile *m, const bmd_traj_launch *l,
                 bmd_traj_summary *out, bmd_errbuf *err);

/* A burnout state for the impulsive (free-flight only) mode. */
typedef struct bmd_traj_impulsive {
    double lat_rad, lon_rad, alt_m; /* burnout point, geodetic (rad, rad, m) */
    double speed_mps;               /* speed relative to the rotating Earth, m/s */
    double gamma_rad;               /* flight-path angle above the local horizontal, rad */
    double azimuth_rad;             /* heading, clockwise from north, rad */
    double mass_kg;                 /* body mass (reported only), kg */
    double beta_kgpm2;              /* ballistic coefficient m/(Cd A), kg/m^2; <= 0: no
                                       drag (vacuum body) */
} bmd_traj_impulsive;

/*
 * bmd_traj_fly_impulsive: free flight from a burnout state to impact.
 * Given:    cfg  configuration; b  the burnout state
 * Returned: *out summary (launch_* = the burnout point, burnout_* = the given
 *           state, kick 0, cutoff 0); samples through cfg->sample; err
 * Returned (function value): as bmd_traj_fly; BMD_EDOM if the state starts at
 *           or below the impact altitude heading down.
 * Notes:    drag acceleration 1/2 rho v^2 / beta along -v (Earth-relative).
 */
int bmd_traj_fly_impulsive(const bmd_traj_config *cfg, const bmd_traj_impulsive *b,
                           bmd_traj_summary *out, bmd_errbuf *err);

/*
 * bmd_traj_fly_state: free flight from an ECEF state vector (e.g. a track's
 * estimate) to impact.
 * Given:    cfg; r_ecef_m[3] position (m, ECEF); v_ecef_mps[3] Earth-relative
 *           velocity (m/s, ECEF); mass_kg (reported only); beta_kgpm2 (<= 0:
 *           no drag)
 * Returned: as bmd_traj_fly_impulsive (times since the given state).
 */
int bmd_traj_fly_state(const bmd_traj_config *cfg, const double r_ecef_m[3],
                       const double v_ecef_mps[3], double mass_kg, double beta_kgpm2,
                       bmd_traj_summary *out, bmd_errbuf *err);

/*
 * bmd_traj_missile_check: validate a missile description for flight.
 * Returned (function value): BMD_OK or BMD_EINVAL with a message naming the
 *           field (e.g. "stage 2: prop_mass_kg 9000 exceeds gross_mass_kg 8000").
 */
int bmd_traj_missile_check(const bmd_missile *m, bmd_errbuf *err);

/*
 * bmd_traj_full_burn_s: time from launch to the last stage's burnout with all
 * coasts, s (0 for NULL or no stages).
 */
double bmd_traj_full_burn_s(const bmd_missile *m);

/*
 * bmd_traj_default_cd: the default slender-body Cd(Mach) table used when a
 * missile's table is empty (docs/models/traj.md gives its source).
 */
const bmd_cd_table *bmd_traj_default_cd(void);

/* ---- targeting ----------------------------------------------------------------- */

typedef enum bmd_traj_shape_kind {
    BMD_TRAJ_MIN_ENERGY = 0, /* the kick needing the earliest cut-off (least
                                propellant) for the range */
    BMD_TRAJ_LOFTED = 1,     /* apogee_m above the minimum-energy apogee */
    BMD_TRAJ_DEPRESSED = 2   /* apogee_m below the minimum-energy apogee; or, if
                                apogee_m <= 0, burnout_gamma_rad below the
                                minimum-energy burnout flight-path angle */
} bmd_traj_shape_kind;

typedef struct bmd_traj_shape {
    int kind;                 /* bmd_traj_shape_kind */
    double apogee_m;          /* requested apogee (ellipsoidal height), m */
    double burnout_gamma_rad; /* requested burnout flight-path angle, rad */
} bmd_traj_shape;

/* A targeting solution. */
typedef struct bmd_traj_solution {
    bmd_traj_launch launch;      /* solved azimuth, kick and cut-off */
    bmd_traj_summary summary;    /* the solved flight */
    double miss_m;               /* geodesic distance impact -> aim point, m */
    double aim_range_m;          /* geodesic distance launch -> aim point, m */
    double max_range_m;          /* full-burn maximum range along the aim
                                    azimuth, m */
    double min_energy_apogee_m;  /* apogee of the minimum-energy shot, m */
    double min_energy_gamma_rad; /* its burnout flight-path angle, rad */
    int n_flights;               /* trial fly-outs used */
} bmd_traj_solution;

/*
 * bmd_traj_target: solve launch azimuth, kick angle and thrust cut-off so the
 * missile impacts the aim point with the requested trajectory shape.
 * Given:    cfg    configuration (cfg->sample is NOT called; re-fly
 *                  sol->launch with bmd_traj_fly to get samples); impact at
 *                  cfg->impact_alt_m
 *           m      missile
 *           lat_rad, lon_rad, alt_m   launch site (geodetic; rad, rad, m)
 *           aim_lat_rad, aim_lon_rad  aim point (geodetic; rad, rad)
 *           shape  trajectory shape (NULL: minimum energy)
 *           tol_m  miss tolerance, m (<= 0: BMD_TRAJ_TARGET_TOL_M)
 * Returned: *sol   the solution (on BMD_EUNREACH: aim_range_m, max_range_m
 *                  and, where computed, the min-energy fields are set; when
 *                  beyond the maximum range, launch and summary hold the
 *                  longest flight toward the aim point)
 *           err    detail message on failure
 * Returned (function value): BMD_OK; BMD_EINVAL for bad arguments, an aim
 *           point within 1 km of the launch point, or a lofted apogee below
 *           the minimum-energy one (or depressed above); BMD_EUNREACH when the
 *           aim point is beyond the maximum range ("aim point 2150 km away,
 *           beyond nodong's maximum 1290 km"), closer than the shortest
 *           flight, or the apogee / burnout angle cannot be had at that
 *           range; BMD_ENOCONV if the miss stays above tol_m; errors of
 *           bmd_traj_fly.
 * Notes:    Nested one-dimensional solves (Brent): the cut-off gives the
 *           range for a given kick; the kick gives the shape (minimum of the
 *           cut-off time, or the apogee / burnout angle); an outer
 *           fixed-point iteration turns the azimuth until the impact lies on
 *           the launch -> aim geodesic (Earth rotation and J2 deflect the
 *           flight). See docs/models/traj.md, "Targeting".
 */
int bmd_traj_target(const bmd_traj_config *cfg, const bmd_missile *m, double lat_rad,
                    double lon_rad, double alt_m, double aim_lat_rad, double aim_lon_rad,
                    const bmd_traj_shape *shape, double tol_m, bmd_traj_solution *sol,
                    bmd_errbuf *err);

/*
 * bmd_traj_max_range: the kick angle giving the longest full-burn range along
 * a launch azimuth.
 * Given:    cfg, m; l  launch site and azimuth (kick and cut-off ignored;
 *           kick_duration_s used)
 * Returned: *best launch parameters of the longest flight (may be NULL);
 *           *sum  its summary (may be NULL; range_m is the maximum range)
 * Returned (function value): BMD_OK; BMD_WRANGE (a warning, err says
 *           why) if along this azimuth the missile can fly past the
 *           antipode or into orbit: there is no maximum, and *best / *sum
 *           hold the last full-burn flight (on the steeper side of the
 *           best kick) whose ground track stays within half way round
 *           the Earth;
 *           BMD_ELIMIT if that flight cannot be found; errors of
 *           bmd_traj_fly.
 * Notes:    golden-section/parabolic (Brent) search of the kick angle in
 *           (0, 80 deg); the range is flat at the maximum, so the maximum is
 *           found to ~1e-7 relative while the kick is good to ~1e-4 rad.
 */
int bmd_traj_max_range(const bmd_traj_config *cfg, const bmd_missile *m, const bmd_traj_launch *l,
                       bmd_traj_launch *best, bmd_traj_summary *sum, bmd_errbuf *err);

/*
 * bmd_traj_loft_limit: the most lofted flight that reaches a given range
 * along a launch azimuth: the smallest kick whose full burn still reaches
 * it (the highest apogee at that range; cut-offs only lower it).
 * Given:    cfg, m; l  launch site and azimuth (kick and cut-off ignored);
 *           range_m  the range, m (>= 1 km)
 * Returned: *best  its launch parameters (may be NULL); *sum  its summary
 *           (may be NULL; range_m within 0.5 m of the request)
 * Returned (function value): BMD_OK; BMD_EINVAL for a range below 1 km;
 *           BMD_EUNREACH beyond the maximum range or closer than the
 *           shortest flight; errors of bmd_traj_fly.
 * Notes:    used by the catalog calibration (bmd/calibrate.h) to judge
 *           whether a vehicle can fly a public lofted test.
 */
int bmd_traj_loft_limit(const bmd_traj_config *cfg, const bmd_missile *m, const bmd_traj_launch *l,
                        double range_m, bmd_traj_launch *best, bmd_traj_summary *sum,
                        bmd_errbuf *err);

#endif /* BMD_TRAJ_H */
