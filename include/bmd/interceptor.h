/*
 * bmd/interceptor.h: the hit-to-kill interceptor (THAAD class and others):
 * its description, the booster fly-out, midcourse and terminal guidance by
 * proportional navigation (PN) of the kill vehicle (KV), the closest
 * approach and the hit-to-kill outcome, the precomputed fly-out table and
 * the intercept solve used by fire control.
 *
 * Frames and units: positions r_ecef_m[3] (m, ECEF), velocities
 * v_ecef_mps[3] relative to the rotating Earth (m/s, ECEF), as in
 * bmd/traj.h; heights are ellipsoidal heights; ground ranges are geodesic
 * distances on the ellipsoid (m); angles in rad, azimuths clockwise from
 * north. Engagement times t_s are seconds on the caller's clock (the same
 * clock as the target callback); fly-out times are seconds since launch.
 *
 * Model (docs/models/interceptor.md):
 *  - booster: the traj module's 3-DOF powered-flight model (ECEF equations
 *    of motion, gravity with J2, Earth rotation, thrust with back-pressure,
 *    US76 drag with Cd(Mach)) along an open-loop profile: vertical rise,
 *    constant-rate pitch-over in the plane of the launch azimuth to a launch
 *    elevation, then a thrust direction fixed there to burnout. Azimuth and
 *    elevation are the launch solution for the predicted intercept point
 *    (PIP), taken from the fly-out table;
 *  - the KV separates at burnout and flies with the same equations of
 *    motion plus a commanded acceleration: PN on the target callback (the
 *    radar track uplinked in midcourse, the seeker inside seeker_range_m),
 *    limited in magnitude and by the divert velocity budget;
 *  - the closest approach is located on the dense output; a hit is a miss
 *    below the lethal radius; a kill is a hit and a draw below the
 *    single-shot kill probability.
 *
 * Nothing here prints; the numerical functions never allocate (the table
 * build allocates a temporary work area and frees it before returning).
 * All functions are re-entrant; a bmd_traj_integrator passed in the
 * configuration must not be shared between threads.
 */
#ifndef BMD_INTERCEPTOR_H
#define BMD_INTERCEPTOR_H

#include "bmd/core.h"
#include "bmd/missile.h"
#include "bmd/status.h"
#include "bmd/traj.h"

#define BMD_IC_MAX_SOURCES 12

/* Where a group of parameters comes from (published, or "estimate: basis"). */
typedef struct bmd_ic_source {
    char group[24]; /* "booster", "kill_vehicle", "envelope", "lethality", ... */
    char text[400];
} bmd_ic_source;

/* An interceptor type. Plain data, SI units (loaded by
 * bmd/interceptor_catalog.h or filled by hand, then bmd_interceptor_check). */
typedef struct bmd_interceptor {
    char name[32];  /* catalog key: "thaad" */
    char label[64]; /* display name */
    char country[32];
    char tier[16]; /* "upper", "lower", "midcourse" */
    /* Booster: stages, payload_mass_kg (everything above the last stage: the
     * KV and its shroud), Cd table (n = 0: traj default), vertical_rise_s.
     * rv_separates, rv_mass_kg and rv_beta_kgpm2 describe what flies after
     * burnout (the KV) and are kept equal to kv_separates, kv_mass_kg and
     * kv_beta_kgpm2 by bmd_interceptor_check. */
    bmd_missile booster;
    double pitch_over_s;      /* pitch-over duration after the vertical rise, s */
    int kv_separates;         /* 1: a KV separates at burnout; 0: the burnt-out
                                 missile is the KV (PAC-3 class) */
    double kv_mass_kg;        /* mass after burnout, kg (kv_separates = 0: set by
                                 bmd_interceptor_check to the burnt-out mass) */
    double kv_beta_kgpm2;     /* its ballistic coefficient m/(Cd A), kg/m^2 */
    double kv_divert_mps;     /* divert velocity budget, m/s */
    double kv_accel_max_mps2; /* divert acceleration limit, m/s^2 */
    double nav_gain;          /* PN navigation constant N', 1 (3..5) */
    double seeker_range_m;    /* seeker acquisition range, m */
    double midcourse_dt_s;    /* guidance period before acquisition (uplink), s */
    double terminal_dt_s;     /* guidance period after acquisition, s */
    double lethal_radius_m;   /* hit-to-kill: miss below this is a hit, m */
    double pk;                /* single-shot kill probability given a hit, 1 */
    int kill_model;           /* bmd_kill_model: how the miss decides the kill */
    /* Homing errors (docs/models/interceptor.md, "Homing with its errors"):
     * used when homing = BMD_HOMING_REALISTIC, ignored for ideal homing. */
    int homing;             /* bmd_homing: ideal (no lag, no noise) or realistic */
    int lag_order;          /* n of the binomial flight-control lag, 1..BMD_IC_MAX_LAG */
    double lag_tau_s;       /* its total time constant T, s (n stages of T/n each);
                               0: no lag */
    double noise_fixed_rad; /* range-independent seeker angle noise, 1 sigma, rad */
    double noise_glint_m;   /* glint: apparent target-position jitter, 1 sigma, m
                               (angle noise glint / R) */
    double noise_rn_rad;    /* range-dependent (receiver) angle noise at the seeker's
                               acquisition range, 1 sigma, rad; scales as
                               (R / seeker_range_m)^2 */
    /* Engagement envelope. */
    double min_alt_m, max_alt_m; /* intercept altitude window, m */
    double max_range_m;          /* maximum ground range of an intercept, m */
    double max_flight_time_s;    /* longest fly-out, launch to intercept, s
                                    (0: no limit) */
    double burnout_speed_mps;    /* published / estimated burnout speed, m/s (0:
                                    not given); consistency checks only */
    /* A typical battery (catalog information; a scenario sets its own). */
    int launchers;             /* launchers per battery, >= 0 (0: not given) */
    int missiles_per_launcher; /* >= 0 (0: not given) */
    int n_sources;
    bmd_ic_source source[BMD_IC_MAX_SOURCES];
} bmd_interceptor;

/*
 * bmd_interceptor_check: validate an interceptor and copy the KV fields into
 * the booster's rv_* fields.
 * Given:    ic  interceptor (booster checked by bmd_traj_missile_check)
 * Returned: ic->booster.rv_separates, rv_mass_kg, rv_beta_kgpm2, name
 *           err  "FIELD: ..." on failure (the message starts with the
 *                offending field name, e.g. "kv_divert_mps -5 must be > 0")
 * Returned (function value): BMD_OK; BMD_EINVAL for a missing or impossible
 *           value; BMD_EDOM when the interceptor cannot reach its own
 *           envelope: its burnout speed (stated, or else the rocket-equation
 *           ideal velocity) is below the least speed needed to climb to
 *           max_alt_m or to fly max_range_m (see Notes), or the stated
 *           burnout speed exceeds the ideal velocity.
 * Notes:    Necessary conditions in a vacuum on a spherical non-rotating
 *           Earth (mean radius R, mu = GM): climbing to h needs
 *           v^2 >= 2 mu (1/R - 1/(R + h)) (energy); reaching a ground range
 *           s at any height needs at least the minimum-energy speed for s,
 *           v^2 >= (mu/R) 2 sin(psi/2) / (1 + sin(psi/2)), psi = s/R (Bate,
 *           Mueller & White 1971, ch. 6), since that trajectory must go on
 *           to impact beyond s. Ideal velocity: sum over stages of g0 Isp_vac
 *           ln(m0/m1). They catch typing errors, not doubtful estimates.
 */
int bmd_interceptor_check(bmd_interceptor *ic, bmd_errbuf *err);

/*
 * bmd_interceptor_ideal_dv: rocket-equation velocity sum_k g0 Isp_vac,k
 * ln(m0,k / m1,k) of the booster with its payload (no gravity or drag
 * loss), m/s; 0 for NULL or no stages.
 */
double bmd_interceptor_ideal_dv(const bmd_interceptor *ic);

/*
 * bmd_interceptor_min_speed: the least vacuum speed (spherical non-rotating
 * Earth of the given model's mean radius) that climbs to alt_m and that
 * reaches ground range range_m, per bmd_interceptor_check's notes, m/s.
 * Given:    e  Earth (radius a_m, GM); alt_m, range_m >= 0
 * Returned (function value): the larger of the two speeds, m/s.
 */
double bmd_interceptor_min_speed(const bmd_earth *e, double alt_m, double range_m);

/* ---- the target: a trajectory callback ------------------------------------ */

/*
 * Target state at engagement time t_s: position (m, ECEF) and Earth-relative
 * velocity (m/s, ECEF): the threat's truth or a track estimate. Return 0, or
 * non-zero when t_s is outside the known trajectory (e.g. after impact).
 */
typedef int (*bmd_interceptor_target_fn)(void *ctx, double t_s, double r_ecef_m[3],
                                         double v_ecef_mps[3]);

/*
 * bmd_ephem: a trajectory given as samples (t, r, v), interpolated by cubic
 * Hermite polynomials in each interval (position from r and v at both ends;
 * velocity its derivative). Caller-owned arrays of n >= 2 samples with
 * strictly increasing times.
 */
typedef struct bmd_ephem {
    size_t n;
    const double *t_s;             /* n times, s (engagement clock) */
    const double (*r_ecef_m)[3];   /* n positions, m, ECEF */
    const double (*v_ecef_mps)[3]; /* n velocities, m/s, ECEF */
} bmd_ephem;

/* bmd_ephem_target: a bmd_interceptor_target_fn over a bmd_ephem (ctx);
 * returns 1 outside [t_s[0], t_s[n-1]]. Error of the interpolation:
 * about dt^4 |r''''| / 384 for sample spacing dt. */
int bmd_ephem_target(void *ephem, double t_s, double r_ecef_m[3], double v_ecef_mps[3]);

/* ---- proportional navigation ---------------------------------------------- */

/*
 * bmd_interceptor_pn_accel: textbook ("true") proportional navigation.
 * Given:    r_rel_m[3]    target minus interceptor position, m (any frame)
 *           v_rel_mps[3]  target minus interceptor velocity, INERTIAL, m/s
 *                         (from ECEF: v_T - v_M + omega x r_rel)
 *           nav_gain      N', 1
 * Returned: a_mps2[3]     commanded acceleration N' Vc (Omega x u), m/s^2,
 *                         perpendicular to the line of sight u = r/|r|, where
 *                         Omega = r x v / |r|^2 is the line-of-sight rate
 *                         vector; zero when Vc <= 0 (opening) or r = 0
 *           *vc_mps       closing speed Vc = -r.v/|r|, m/s (may be NULL)
 *           *los_rate_rps |Omega|, the line-of-sight rate d lambda/dt, rad/s
 *                         (may be NULL)
 * Notes:    |a| = N' Vc |d lambda/dt| (Zarchan, Tactical and Strategic
 *           Missile Guidance, 6th ed., 2012, ch. 2, eq. for n_c).
 */
void bmd_interceptor_pn_accel(const double r_rel_m[3], const double v_rel_mps[3], double nav_gain,
                              double a_mps2[3], double *vc_mps, double *los_rate_rps);

/* ---- homing and the full fly-out ----------------------------------------- */

#define BMD_IC_MAX_LAG 8 /* highest order of the binomial flight-control lag */

/* Homing model. */
typedef enum bmd_homing {
    BMD_HOMING_IDEAL = 0,    /* the command is achieved at once, the seeker is exact */
    BMD_HOMING_REALISTIC = 1 /* binomial lag of the achieved acceleration and seeker
                                angle noise (lag_order, lag_tau_s, noise_*) */
} bmd_homing;

/* bmd_homing_name: "ideal" or "realistic" ("?" otherwise). */
const char *bmd_homing_name(int mode);

/* How the miss at closest approach decides the kill. */
typedef enum bmd_kill_model {
    BMD_KILL_FIXED_PK = 0, /* a hit (miss < lethal_radius_m) kills with probability pk:
                              the fixed-Pk model of the literature (Wilkening 1999) */
    BMD_KILL_GAUSSIAN = 1  /* P(kill | miss) = pk exp(-miss^2 / (2 lethal_radius_m^2)):
                              a Carleton-type damage function with the lethal radius
                              as its width (Driels, Weaponeering, AIAA 2004, ch. 9) */
} bmd_kill_model;

/* bmd_kill_model_name: "fixed-pk" or "gaussian" ("?" otherwise). */
const char *bmd_kill_model_name(int model);

/*
 * bmd_interceptor_pkill: P(kill | miss) of an interceptor's kill model.
 * Given:    ic  the interceptor (pk, lethal_radius_m, kill_model); miss_m >= 0
 * Returned (function value): the probability, in [0, pk]; 0 for a NaN or
 *           infinite miss.
 */
double bmd_interceptor_pkill(const bmd_interceptor *ic, double miss_m);

/* Outcome of a fly-out. */
typedef enum bmd_ic_outcome {
    BMD_IC_MISS = 0,   /* closest approach found, miss >= lethal radius */
    BMD_IC_HIT = 1,    /* miss < lethal radius (a kill if the Pk draw succeeds) */
    BMD_IC_GROUND = 2, /* the KV reached the ground before closest approach */
    BMD_IC_LOST = 3,   /* the target callback stopped answering (e.g. impact) */
    BMD_IC_TIMEOUT = 4 /* no closest approach within the time limit */
} bmd_ic_outcome;

/* What a fly-out did. Times on the engagement clock unless "since launch". */
typedef struct bmd_ic_result {
    int outcome;               /* bmd_ic_outcome */
    int kill;                  /* 1: hit and Pk draw succeeded (no rng: kill = hit) */
    double miss_m;             /* distance at closest approach, m */
    double t_ca_s;             /* time of closest approach, s */
    double alt_ca_m;           /* KV height at closest approach, m */
    double r_ca_ecef_m[3];     /* KV position at closest approach, m, ECEF */
    double r_tgt_ca_ecef_m[3]; /* target position then, m, ECEF */
    double closing_mps;        /* closing speed at closest approach, m/s */
    double ground_range_m;     /* site -> closest approach ground range, m */
    double flight_time_s;      /* launch to closest approach, s */
    double burnout_time_s;     /* since launch, s */
    double burnout_speed_mps, burnout_alt_m;
    double divert_used_mps;       /* integral of |a_cmd| dt, m/s */
    double max_accel_mps2;        /* largest commanded acceleration, m/s^2 */
    double t_acquire_s;           /* seeker acquisition time (-1: never), s */
    double azimuth_rad, elev_rad; /* launch solution used (azimuth, elevation), rad */
    long n_steps;                 /* integration steps (boost + KV) */
} bmd_ic_result;

/*
 * bmd_interceptor_home: fly the KV from a given state to the closest
 * approach under PN guidance.
 * Given:    cfg   traj configuration: Earth, atmosphere (NULL: vacuum),
 *                 gravity_off, integrator, t_max_s (longest homing, s);
 *                 samples are not emitted
 *           ic    interceptor (KV and guidance fields)
 *           t0_s  engagement time of the state, s
 *           r0_ecef_m[3], v0_ecef_mps[3]  KV state, m and m/s, ECEF
 *           divert_left_mps  remaining divert budget, m/s
 *           tgt, tgt_ctx  target callback
 * Returned: *res  outcome, miss, times, divert used (other fields zero);
 *                 kill = hit (no Pk draw here)
 *           err   detail on failure
 * Returned (function value): BMD_OK (whatever the outcome); BMD_EINVAL for
 *           bad arguments; BMD_ELIMIT (step limit); BMD_ENOCONV.
 * Notes:    1. The guidance command is recomputed every midcourse_dt_s
 *           (range above seeker_range_m) or terminal_dt_s and held between
 *           updates (zero-order hold, no autopilot lag). Command:
 *           bmd_interceptor_pn_accel with the inertial relative velocity;
 *           |a| clipped to kv_accel_max_mps2; the budget is spent as
 *           |a| dt and the command is scaled down to what is left.
 *           2. The closest approach is a root of the range rate r.v located
 *           to 1e-9 s on the dense output (target from the callback).
 *           3. cfg->integ NULL (the default): after the seeker acquires, the
 *           KV is integrated by a stepper of its own (at most 10 ms steps,
 *           never across a guidance update): the achieved guidance
 *           acceleration in closed form, the rest (gravity, rotation terms,
 *           drag) by the trapezoidal rule, one evaluation of it per step;
 *           before acquisition, adaptive DOPRI5 steps with the default
 *           tolerances on the state less its closed-form guidance part
 *           (which leaves the lag's fast transient out of the steps).
 *           Position error of the terminal stepper below 2 mm for
 *           THAAD-class intercepts above 40 km (interceptor_fly.c gives
 *           the bound). An explicit cfg->integ integrates the whole flight
 *           with adaptive steps of that integrator.
 */
int bmd_interceptor_home(const bmd_traj_config *cfg, const bmd_interceptor *ic, double t0_s,
                         const double r0_ecef_m[3], const double v0_ecef_mps[3],
                         double divert_left_mps, bmd_interceptor_target_fn tgt, void *tgt_ctx,
                         bmd_ic_result *res, bmd_errbuf *err);

/*
 * bmd_interceptor_home_seeded: bmd_interceptor_home with realistic homing's
 * seeker noise drawn from the stream bmd_rng_init(rng, noise_seed, 0)
 * (bmd_interceptor_home uses noise_seed 0).
 * Notes:    With ic->homing = BMD_HOMING_REALISTIC the achieved acceleration
 *           lags the held command through the binomial lag (lag_order
 *           stages of lag_tau_s / lag_order each, solved exactly between
 *           guidance updates), and inside the seeker's acquisition range the
 *           line of sight the PN law uses is turned by normal angle errors
 *           with the 1-sigma sum in quadrature of noise_fixed_rad,
 *           noise_glint_m / R and noise_rn_rad (R / seeker_range_m)^2
 *           (Zarchan, Tactical and Strategic Missile Guidance, 6th ed.,
 *           2012, ch. 6 and 8). Returns BMD_EINVAL for a lag order outside
 *           0..BMD_IC_MAX_LAG or negative lag or noise.
 */
int bmd_interceptor_home_seeded(const bmd_traj_config *cfg, const bmd_interceptor *ic, double t0_s,
                                const double r0_ecef_m[3], const double v0_ecef_mps[3],
                                double divert_left_mps, uint64_t noise_seed,
                                bmd_interceptor_target_fn tgt, void *tgt_ctx, bmd_ic_result *res,
                                bmd_errbuf *err);

/*
 * bmd_interceptor_kill_draw: whether a fly-out kills, one uniform from rng:
 * fixed-pk: a hit (miss < lethal radius) kills with probability pk; gaussian:
 * a closest approach kills with probability bmd_interceptor_pkill(miss).
 * Returned (function value): 1 kill, 0 not (ground, lost, timeout: 0, no draw).
 */
int bmd_interceptor_kill_draw(const bmd_interceptor *ic, const bmd_ic_result *res, bmd_rng *rng);

/* A launch: site, time and launch solution (from bmd_interceptor_aim). */
typedef struct bmd_ic_shot {
    double lat_rad, lon_rad, alt_m; /* battery site, geodetic (rad, rad, m) */
    double launch_time_s;           /* engagement time of launch, s */
    double azimuth_rad;             /* launch azimuth, rad */
    double elev_rad;                /* launch elevation: the fixed thrust direction after
                                       the pitch-over, above the site's horizontal, rad,
                                       in (0, pi/2] */
    uint64_t noise_seed;            /* seeker-noise stream of this shot (realistic homing:
                                       bmd_rng_init(rng, noise_seed, 0)); 0 for ideal homing */
} bmd_ic_shot;

/*
 * bmd_interceptor_fly: the full fly-out: booster (open loop)
 * to burnout, KV separation, PN homing (bmd_interceptor_home), closest
 * approach, hit-to-kill outcome.
 * Given:    cfg   traj configuration (cfg->sample is not called)
 *           ic    interceptor (checked)
 *           shot  site, launch time, azimuth and elevation
 *           tgt, tgt_ctx  target callback (engagement clock)
 *           rng   random numbers for the kill draw (NULL: no draw, kill = hit)
 * Returned: *res  the result; err
 * Returned (function value): BMD_OK; BMD_EDOM when the booster cannot
 *           lift off or hits the ground before burnout; BMD_ELIMIT,
 *           BMD_ENOCONV (integration); errors of bmd_interceptor_home;
 *           BMD_EINVAL for NULL arguments or an elevation outside (0, 90 deg].
 * Notes:    kill = (miss < lethal_radius_m) and (u < pk), u one uniform
 *           draw from rng, taken only for a hit.
 */
int bmd_interceptor_fly(const bmd_traj_config *cfg, const bmd_interceptor *ic,
                        const bmd_ic_shot *shot, bmd_interceptor_target_fn tgt, void *tgt_ctx,
                        bmd_rng *rng, bmd_ic_result *res, bmd_errbuf *err);

/*
 * The flown path of an interceptor: caller-owned arrays of cap samples,
 * filled by bmd_interceptor_fly_path.
 */
typedef struct bmd_ic_path {
    size_t cap;              /* capacity of the arrays (>= 2), set by the caller */
    size_t n;                /* samples written */
    double *t_s;             /* [cap] engagement clock, s */
    double (*r_ecef_m)[3];   /* [cap] position, m, ECEF */
    double (*v_ecef_mps)[3]; /* [cap] Earth-relative velocity, m/s, ECEF */
    int truncated;           /* 1: more samples were due than cap (the last ones,
                                including the closest approach, are missing) */
} bmd_ic_path;

/*
 * bmd_interceptor_fly_path: bmd_interceptor_fly, recording the flight.
 * Given:    as bmd_interceptor_fly; dt_s sample period (s, > 0)
 * Returned: *path  samples at launch_time_s + k dt_s from launch (booster
 *                  and KV, read from the integrator's dense output), and a
 *                  last sample at the end of the flight: the closest
 *                  approach (or ground impact); nothing after it. A path
 *                  of cap >= flight time / dt_s + 2 samples is never
 *                  truncated.
 *           *res, err, function value: as bmd_interceptor_fly (the same
 *                  flight: recording changes no step), and BMD_EINVAL for
 *                  a NULL or too small path or dt_s <= 0.
 */
int bmd_interceptor_fly_path(const bmd_traj_config *cfg, const bmd_interceptor *ic,
                             const bmd_ic_shot *shot, bmd_interceptor_target_fn tgt, void *tgt_ctx,
                             bmd_rng *rng, double dt_s, bmd_ic_path *path, bmd_ic_result *res,
                             bmd_errbuf *err);

/* ---- the fly-out table ----------------------------------------------------- */

#define BMD_IC_TABLE_NR 49 /* ground-range nodes */
#define BMD_IC_TABLE_NA 33 /* altitude nodes */
#define BMD_IC_TABLE_NK 89 /* launch elevations of the fan */

/*
 * bmd_ic_table: time and speed to reach each (ground range, altitude) node
 * by the fastest of a fan of unguided fly-outs (launch elevations 2..90
 * deg), with the elevation that does it. Caller-owned, about 40 KB; filled by
 * bmd_interceptor_table_build. Non-reachable nodes hold NaN.
 */
typedef struct bmd_ic_table {
    double range_top_m, alt_top_m; /* grid extent: [0, range_top] x [0, alt_top], m */
    double dr_m, dh_m;             /* node spacing, m */
    double min_alt_m, max_alt_m, max_range_m, max_flight_time_s; /* envelope (from ic) */
    double t_s[BMD_IC_TABLE_NR][BMD_IC_TABLE_NA];                /* fly-out time since launch, s */
    double speed_mps[BMD_IC_TABLE_NR][BMD_IC_TABLE_NA];          /* speed there, m/s */
    double elev_rad[BMD_IC_TABLE_NR][BMD_IC_TABLE_NA];           /* launch elevation of that
                                                                    fly-out, rad */
    double azimuth_rad; /* azimuth the fan was flown along, rad */
    int n_flights;
} bmd_ic_table;

/*
 * bmd_interceptor_table_build: fly the fan and fill the table.
 * Given:    cfg   traj configuration (Earth, atmosphere, integrator)
 *           ic    interceptor (checked)
 *           lat_rad, lon_rad, alt_m  battery site (geodetic)
 *           azimuth_rad  azimuth of the fan (e.g. toward the threat)
 *           range_top_m, alt_top_m  grid extent (<= 0: 1.25 max_range_m,
 *                 1.25 max_alt_m)
 * Returned: *tab  the table; err
 * Returned (function value): BMD_OK; BMD_ENOMEM; BMD_EINVAL; the booster's
 *           integration errors (BMD_EDOM, BMD_ELIMIT, BMD_ENOCONV).
 * Notes:    1. BMD_IC_TABLE_NK fly-outs with launch elevations uniformly in
 *           [2, 90 deg] (the booster, then the unguided KV); the first
 *           ascending and the first descending crossing of each node
 *           altitude is recorded; at each node the fly-outs of neighbouring
 *           elevations that bracket the
 *           node's range at its altitude are interpolated linearly in range,
 *           and the least time is kept.
 *           2. The table ignores the launch azimuth's small effect (Earth
 *           rotation); its accuracy against guided fly-outs is measured in
 *           tests/engage/test_engage_interceptor_thaad.c and docs/models/interceptor.md.
 *           3. Allocates a temporary work area (about 0.2 MB), freed before
 *           returning.
 */
int bmd_interceptor_table_build(const bmd_traj_config *cfg, const bmd_interceptor *ic,
                                double lat_rad, double lon_rad, double alt_m, double azimuth_rad,
                                double range_top_m, double alt_top_m, bmd_ic_table *tab,
                                bmd_errbuf *err);

/*
 * bmd_interceptor_table_eval: bilinear interpolation of the table,
 * ignoring the envelope (kinematic reach only).
 * Given:    tab; ground_range_m, alt_m
 * Returned: *t_s (fly-out time since launch, s), *speed_mps, *elev_rad
 *           (each may be NULL)
 * Returned (function value): BMD_OK; BMD_EUNREACH outside the grid or when
 *           a surrounding node is not reachable; BMD_EINVAL for NULL tab.
 */
int bmd_interceptor_table_eval(const bmd_ic_table *tab, double ground_range_m, double alt_m,
                               double *t_s, double *speed_mps, double *elev_rad);

/*
 * bmd_interceptor_time_to: fly-out time to a point inside the envelope.
 * Given:    tab; ground_range_m (m), alt_m (m)
 * Returned: *t_s  fly-out time since launch, s (may be NULL; set when
 *                 reachable)
 * Returned (function value): 1 when the point is reachable: min_alt <= alt
 *           <= max_alt, range <= max_range, kinematically reachable, and
 *           (when max_flight_time_s > 0) t <= max_flight_time_s; else 0.
 */
int bmd_interceptor_time_to(const bmd_ic_table *tab, double ground_range_m, double alt_m,
                            double *t_s);

/*
 * bmd_interceptor_aim: the launch solution for a predicted intercept point.
 * Given:    e     Earth model; tab  table of the battery
 *           lat_rad, lon_rad, alt_m  battery site; pip_ecef_m[3]  the PIP
 * Returned: *azimuth_rad (geodesic azimuth site -> PIP), *elev_rad launch
 *           elevation (from the table), *t_s fly-out time (each may be NULL)
 * Returned (function value): BMD_OK; BMD_EUNREACH when the table has no
 *           value there.
 */
int bmd_interceptor_aim(const bmd_earth *e, const bmd_ic_table *tab, double lat_rad, double lon_rad,
                        double alt_m, const double pip_ecef_m[3], double *azimuth_rad,
                        double *elev_rad, double *t_s);

/* ---- the intercept solve --------------------------------------------------- */

/* The earliest feasible intercept. */
typedef struct bmd_ic_solution {
    double t_intercept_s;         /* engagement time of the intercept, s */
    double launch_time_s;         /* t_intercept_s - fly-out time (>= t_now), s */
    double flyout_s;              /* fly-out time, s */
    double pip_ecef_m[3];         /* target position at t_intercept_s, m, ECEF */
    double pip_alt_m;             /* its height, m */
    double pip_range_m;           /* its ground range from the site, m */
    double azimuth_rad, elev_rad; /* launch solution, rad */
} bmd_ic_solution;

/*
 * bmd_interceptor_solve: the earliest feasible intercept of a target.
 * Given:    e     Earth model; tab  the battery's table
 *           lat_rad, lon_rad, alt_m  battery site
 *           tgt, tgt_ctx  target callback
 *           t_now_s   earliest launch time, s
 *           t_end_s   last intercept time considered, s
 *           dt_s      scan step, s (<= 0: 1 s)
 * Returned: *sol  the solution; err ("no feasible intercept ..." on
 *           BMD_EUNREACH)
 * Returned (function value): BMD_OK; BMD_EUNREACH when no time in
 *           [t_now, t_end] is feasible (or the callback stops answering
 *           first); BMD_EINVAL.
 * Notes:    Feasible: the target point at t_i is inside the envelope
 *           (bmd_interceptor_time_to) and t_now + T(t_i) <= t_i. The scan
 *           finds the first feasible step; the boundary is then refined by
 *           bisection to 1e-3 s: either the slack t_i - t_now - T(t_i)
 *           crosses zero (launch now) or the target enters the envelope
 *           (launch later, at t_i - T).
 */
int bmd_interceptor_solve(const bmd_earth *e, const bmd_ic_table *tab, double lat_rad,
                          double lon_rad, double alt_m, bmd_interceptor_target_fn tgt,
                          void *tgt_ctx, double t_now_s, double t_end_s, double dt_s,
                          bmd_ic_solution *sol, bmd_errbuf *err);

#endif /* BMD_INTERCEPTOR_H */
