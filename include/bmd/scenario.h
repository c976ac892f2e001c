/*
 * bmd/scenario.h: an engagement scenario as plain data, SI units, every
 * catalog reference already resolved (copied by value, overrides applied).
 *
 * This is the contract between the scenario loader (src/scenario/scenario_load.c,
 * bmd/scenario_load.h: YAML with units, named sites, catalog references and
 * per-field overrides; format in docs/formats.md) and the engagement
 * simulation (src/engage/, bmd/engage.h). Nothing here refers to a file or
 * a catalog: a program may also fill a bmd_scenario by hand
 * (bmd_scenario_init, then set fields; arrays are malloc'd and owned by the
 * scenario, released by bmd_scenario_free).
 *
 * Conventions: times are seconds on the engagement clock (0 = scenario
 * start); angles in rad; geodetic coordinates on the scenario's Earth model.
 */
#ifndef BMD_SCENARIO_H
#define BMD_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "bmd/interceptor.h"
#include "bmd/missile.h"
#include "bmd/radar.h"
#include "bmd/traj.h"

/* Fire-control doctrine. */
typedef enum bmd_doctrine_mode {
    BMD_DOCTRINE_SALVO = 0, /* fire `salvo` interceptors at once at each threat */
    BMD_DOCTRINE_SLS = 1    /* shoot-look-shoot: fire `salvo`, wait for the kill
                               assessment, fire again only if the threat survived
                               and a second intercept is still feasible */
} bmd_doctrine_mode;

/* Tracking filter. */
typedef enum bmd_filter_kind {
    BMD_FILTER_EKF = 0,
    BMD_FILTER_UKF = 1,
    BMD_FILTER_TRUTH = 2 /* perfect tracking: the fire control sees the true
                            state from the first firm-track time on (for
                            analytic checks such as Wilkening's arithmetic) */
} bmd_filter_kind;

/* A named place as resolved by the loader. */
typedef struct bmd_scn_place {
    char name[32];                  /* site key or the coordinates as typed */
    double lat_rad, lon_rad, alt_m; /* geodetic */
} bmd_scn_place;

/* What an object of a threat complex is (bmd_scn_threat.kind). */
typedef enum bmd_object_kind {
    BMD_OBJ_WARHEAD = 0, /* the missile's re-entry vehicle (every missile) */
    BMD_OBJ_TANK = 1,    /* the spent stage or tank, released after burnout */
    BMD_OBJ_DEBRIS = 2,  /* separation debris */
    BMD_OBJ_DECOY = 3,   /* a decoy (light: balloon; heavy: RV-like replica) */
    BMD_OBJ_COUNT
} bmd_object_kind;

/* bmd_object_kind_name: "warhead", "tank", "debris", "decoy" ("?" else). */
const char *bmd_object_kind_name(int kind);

/* Discrimination: how the defence decides which objects are warheads
 * (docs/models/discrimination.md). */
typedef enum bmd_discrimination {
    BMD_DISCR_PERFECT = 0, /* every object is known for what it is */
    BMD_DISCR_BETA = 1,    /* by the tracker's 1/beta estimate and its variance
                              against a threshold (atmospheric filtering) */
    BMD_DISCR_RCS = 2      /* by the mean measured RCS against the warhead's
                              (a declared feature model) */
} bmd_discrimination;

/* bmd_discrimination_name: "perfect", "beta", "rcs" ("?" else). */
const char *bmd_discrimination_name(int mode);

/* A battery: launchers of one interceptor type at one site. */
typedef struct bmd_scn_battery {
    char name[32];
    bmd_scn_place site;
    bmd_interceptor interceptor; /* catalog entry with the scenario's overrides,
                                    checked (bmd_interceptor_check) */
    int launchers;               /* >= 1 */
    int missiles_per_launcher;   /* >= 1; inventory = launchers x this */
    int doctrine;                /* bmd_doctrine_mode */
    int salvo;                   /* interceptors per shot opportunity, >= 1 */
    double kill_assessment_s;    /* shoot-look-shoot: time after the intercept
                                    before the result is known, s */
    double assessment_error;     /* shoot-look-shoot: probability that a kill
                                    assessment is wrong (a kill called a
                                    survivor or a survivor a kill), [0, 1];
                                    0: perfect assessment (the default) */
    double reaction_s;           /* fire-control reaction time: firm track (or
                                    the decision to fire) to first launch, s */
    double launch_interval_s;    /* between interceptors of one salvo, s */
    int layer;                   /* 1 = upper tier (engages first), 2 = lower
                                    tier (engages what the upper tier did not
                                    kill), ... */
    int radar;                   /* index into bmd_scenario.radar of the first
                                    radar assigned to this battery; -1: none
                                    assigned (every radar) */
    uint64_t radar_set;          /* the radars whose tracks this battery's fire
                                    control uses, bit i for radar i (scenario
                                    `radar` or `radars`); 0: every radar (the
                                    default) */
} bmd_scn_battery;

/* A radar at a site in one mode. */
typedef struct bmd_scn_radar {
    char name[32];
    char type[32];           /* catalog key it came from: "an-tpy2" */
    bmd_radar radar;         /* hardware, mode and face (site, boresight, tilt set) */
    double revisit_s;        /* time between looks at one target in track, s */
    double search_revisit_s; /* time between looks at an untracked target
                                (search frame), s; 0: the mode's t_frame_s */
    int time_budget;         /* 1: the face's time is a budget shared by the
                                search fence and the track dwells (revisits
                                stretch when the demand exceeds it); 0 (the
                                default): every track gets its revisits */
    double search_fraction;  /* time budget: the fraction of the face's time
                                kept for the search fence, [0, 1) */
    int schedule;            /* time budget over 100 %: bmd_radar_schedule */
    double max_stretch;      /* priority schedule: the longest revisit of a
                                low-priority track as a multiple of revisit_s
                                while the budget allows it, >= 1 (default 10) */
    double quality_sigma_m;  /* priority schedule: a track whose position sigma
                                exceeds this is served before better tracks of
                                its priority class, m (default 20 m) */
} bmd_scn_radar;

/* How an over-subscribed face shares its track time
 * (docs/models/engage.md, "Radar time budget"). */
typedef enum bmd_radar_schedule {
    BMD_SCHED_PRIORITY = 0, /* high-priority tracks keep their revisits while the
                               time lasts; the lowest stretch first (default) */
    BMD_SCHED_UNIFORM = 1   /* every track's revisit stretched alike */
} bmd_radar_schedule;

/* bmd_radar_schedule_name: "priority", "uniform" ("?" else). */
const char *bmd_radar_schedule_name(int s);

/* Default priority-schedule parameters (declared estimates,
 * docs/models/engage.md). */
#define BMD_SCN_DEFAULT_MAX_STRETCH 10.0
#define BMD_SCN_DEFAULT_QUALITY_SIGMA_M 20.0

/* One threat missile. */
typedef struct bmd_scn_threat {
    char name[32];        /* "threat-1" unless named */
    bmd_missile missile;  /* catalog entry with overrides */
    bmd_scn_place launch; /* launch point */
    double launch_time_s; /* s */
    bmd_scn_place aim;    /* aim point */
    bmd_traj_shape shape; /* min-energy / lofted (apogee) / depressed */
    bmd_rcs_table rcs;    /* RV radar cross section (n = 1: constant) */
    /* Threat complex (all zero for a missile: its warhead). A released
     * object is a threat of its own that follows its missile in the list,
     * with the missile's launch, aim and launch time: */
    int kind;              /* bmd_object_kind */
    int released_by;       /* 1 + index of the missile that released it (which
                              comes earlier in the list); 0: a missile */
    int decoy_heavy;       /* decoys: 1 heavy (RV-like replica), 0 light */
    int slot, n_slots;     /* its place among its missile's objects (sets the
                              separation direction) */
    double beta_kgpm2;     /* released objects: ballistic coefficient, kg/m^2 (> 0) */
    double release_s;      /* released objects: release time after the
                              missile's final burnout, s */
    double separation_mps; /* released objects: separation speed relative to
                              the missile, m/s: a tank backward along the
                              velocity, the others spread in the plane across
                              it (docs/models/discrimination.md) */
} bmd_scn_threat;

/* A parameter drawn per Monte Carlo run, uniformly in [lo, hi] (SI). */
typedef enum bmd_uncertain_kind {
    BMD_UNC_POWER_AVG = 0, /* every radar's average power, W */
    BMD_UNC_RCS,           /* every warhead's RCS (constant), m^2; drawn
                              log-uniformly */
    BMD_UNC_PK,            /* every battery's single-shot kill probability */
    BMD_UNC_REACTION,      /* every battery's reaction time, s */
    BMD_UNC_LAUNCH_TIME,   /* offset added to every threat's launch time, s */
    BMD_UNC_COUNT
} bmd_uncertain_kind;

typedef struct bmd_scn_uncertain {
    int kind;      /* bmd_uncertain_kind */
    double lo, hi; /* bounds, SI units, lo <= hi */
} bmd_scn_uncertain;

typedef struct bmd_scenario {
    char name[128];
    int earth_sphere; /* 0: WGS84; 1: spherical non-rotating textbook Earth */
    int atmo;         /* bmd_atmo model kind (bmd/atmo.h); default US76 */

    size_t n_batteries;
    bmd_scn_battery *battery;
    size_t n_radars;
    bmd_scn_radar *radar;
    size_t n_threats;
    bmd_scn_threat *threat;

    /* tracking */
    int filter;                       /* bmd_filter_kind (default EKF) */
    int init_m, init_n;               /* M-of-N track initiation: firm after M detections
                                         in N consecutive looks (default 3 of 5) */
    double track_invbeta_sigma_m2pkg; /* the tracker's prior standard deviation of
                                         1/beta, m^2/kg (0: the tracker's default,
                                         bmd_track_config_init) */
    double track_q_accel_mps2;        /* tracker white-acceleration process noise,
                                         m/s^2 (q = value^2 m^2/s^3 per axis;
                                         default 0, bmd/track.h): raise it to study
                                         model mismatch */

    /* discrimination (bmd_discrimination; default perfect) */
    int discrimination;
    double discr_invbeta_threshold_m2pkg; /* beta: an object whose 1/beta is
                                             above this with confidence is not a
                                             warhead, m^2/kg */
    double discr_sigmas;                  /* beta: the confidence, in standard
                                             deviations of the estimate (> 0) */
    double discr_rcs_noise_db;            /* rcs: per-look error of the measured
                                             RCS feature, dB (>= 0) */
    double discr_rcs_window_db;           /* rcs: |mean measured RCS - the warhead
                                             template| within this is a warhead, dB */
    int discr_rcs_looks;                  /* rcs: detections averaged before a
                                             decision (>= 1) */

    /* simulation */
    double dt_s;    /* engagement event-loop step (fire-control cycle), s */
    double t_end_s; /* stop time, s (0: when every threat has impacted) */

    /* Monte Carlo */
    long mc_runs;     /* default number of runs (1: one run) */
    uint64_t mc_seed; /* default seed */
    size_t n_uncertain;
    bmd_scn_uncertain uncertain[BMD_UNC_COUNT];
} bmd_scenario;

/* Defaults used by bmd_scenario_init and by the loader for missing keys. */
#define BMD_SCN_DEFAULT_REACTION_S 10.0
#define BMD_SCN_DEFAULT_KILL_ASSESSMENT_S 10.0
#define BMD_SCN_DEFAULT_LAUNCH_INTERVAL_S 1.0
#define BMD_SCN_DEFAULT_REVISIT_S 1.0
#define BMD_SCN_DEFAULT_DT_S 0.5
#define BMD_SCN_DEFAULT_INIT_M 3
#define BMD_SCN_DEFAULT_INIT_N 5
/* objects one missile may release (the loader's limit) */
#define BMD_SCN_MAX_OBJECTS 64
/* beta discrimination: 1/beta threshold 1/1000 m^2/kg (beta 1,000 kg/m^2,
 * between light objects (tanks, balloons: tens of kg/m^2) and re-entry
 * vehicles (thousands), docs/models/discrimination.md), 2 sigma */
#define BMD_SCN_DEFAULT_DISCR_INVBETA 1.0e-3
#define BMD_SCN_DEFAULT_DISCR_SIGMAS 2.0
/* rcs discrimination: 3 dB per-look feature error, 3 dB window, 5 looks
 * (assumptions, docs/models/discrimination.md) */
#define BMD_SCN_DEFAULT_DISCR_RCS_NOISE_DB 3.0
#define BMD_SCN_DEFAULT_DISCR_RCS_WINDOW_DB 3.0
#define BMD_SCN_DEFAULT_DISCR_RCS_LOOKS 5

/*
 * bmd_scenario_init: an empty scenario with the defaults above (WGS84, US76,
 * EKF, 3 of 5, one run, seed 1).
 */
void bmd_scenario_init(bmd_scenario *s);

/* bmd_scenario_free: release the arrays and reset to bmd_scenario_init
 * state; NULL harmless. */
void bmd_scenario_free(bmd_scenario *s);

/*
 * bmd_scenario_check: consistency of a filled scenario (counts >= 1 where
 * required, inventory >= 1, salvo >= 1, radar indices in range, finite
 * times, each battery's interceptor envelope non-empty).
 * Returned (function value): BMD_OK; BMD_EINVAL with a message naming the
 *           object and field.
 */
int bmd_scenario_check(const bmd_scenario *s, bmd_errbuf *err);

#endif /* BMD_SCENARIO_H */
