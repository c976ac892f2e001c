/*
 * bmd/missile.h: the description of a ballistic missile, as loaded from the
 * catalog (data/catalog/missiles.yaml) and flown by bmd/traj.h. Plain data,
 * SI units. See docs/formats.md for the YAML form of every field.
 */
#ifndef BMD_MISSILE_H
#define BMD_MISSILE_H

#define BMD_MAX_STAGES 4
#define BMD_MAX_CD_POINTS 24
#define BMD_MAX_SOURCES 8

/* One booster stage. Mass flow is constant over the burn. */
typedef struct bmd_stage {
    double gross_mass_kg; /* this stage at ignition: structure + propellant, kg
                             (without upper stages and payload) */
    double prop_mass_kg;  /* usable propellant, kg */
    double isp_vac_s;     /* vacuum specific impulse, s */
    double isp_sl_s;      /* sea-level specific impulse, s (0: use isp_vac_s at all
                             altitudes) */
    double burn_time_s;   /* burn duration, s */
    double diameter_m;    /* body diameter (drag reference), m */
    double coast_s;       /* coast after this stage's burnout before the next stage
                             ignites, s (0: immediate) */
} bmd_stage;

/* Drag coefficient against Mach number, piecewise linear, clamped outside. */
typedef struct bmd_cd_table {
    int n;
    double mach[BMD_MAX_CD_POINTS];
    double cd[BMD_MAX_CD_POINTS];
} bmd_cd_table;

/* Where a group of parameters comes from (paper/report, year; "estimate"). */
typedef struct bmd_source {
    char group[24]; /* "stages", "payload", "reentry", "drag", "range", ... */
    char text[232];
} bmd_source;

#define BMD_MAX_TESTS 6
#define BMD_MAX_FREE 4

/*
 * A public test flight: what was observed (docs/formats.md, "tests").
 * full_burn = 1 marks the flight from which the published range was
 * inferred as the vehicle's full-burn capability (e.g. D. Wright's 13,000 km
 * for the 29 Nov 2017 Hwasong-15 loft): the calibration then fits its apogee
 * as an equality; otherwise the vehicle need only be able to fly it.
 */
typedef struct bmd_test_flight {
    char date[16];        /* ISO date, "2017-07-28" */
    char launch[64];      /* launch area (text) */
    char impact[64];      /* impact area (text) */
    double range_m;       /* observed ground range, m */
    double apogee_m;      /* observed apogee altitude, m */
    double flight_time_s; /* published flight time, s (0: none published) */
    int full_burn;        /* 1: fitted as the full-burn loft (see above) */
    char source[232];     /* who published the numbers */
} bmd_test_flight;

/*
 * Which parameters of an entry are estimates that the calibration may fit
 * (bmdsim calibrate), each one of: "payload_mass"; "stageN.dry_mass",
 * "stageN.propellant_mass", "stageN.burn_time", "stageN.isp" (N = 1..4;
 * dry_mass keeps the propellant, propellant_mass keeps the dry mass and the
 * burn time, isp scales vacuum and sea-level Isp together).
 */
typedef struct bmd_calibration {
    int n_free;
    char free[BMD_MAX_FREE][24];
} bmd_calibration;

typedef struct bmd_missile {
    char name[32];    /* catalog key, lower case: "nodong" */
    char label[64];   /* display name: "Nodong (Hwasong-7)" */
    char country[32]; /* "North Korea" */
    char klass[16];   /* "SRBM", "MRBM", "IRBM", "ICBM" */
    int n_stages;
    bmd_stage stage[BMD_MAX_STAGES];
    double payload_mass_kg;   /* everything above the last stage through powered
                                 flight (RV, bus, shroud), kg */
    int rv_separates;         /* 1: the RV separates at final burnout; 0: the last
                                 stage and payload re-enter as one body (Scud class) */
    double rv_mass_kg;        /* re-entering body mass, kg (when rv_separates = 0:
                                 last-stage dry mass + payload) */
    double rv_beta_kgpm2;     /* re-entering body's ballistic coefficient m/(Cd A), kg/m^2 */
    double rv_diameter_m;     /* re-entering body diameter, m (for RCS and plots) */
    bmd_cd_table cd;          /* boost-phase Cd(Mach), reference area of stage[0] diameter */
    double vertical_rise_s;   /* vertical flight before the pitch-over, s */
    double range_published_m; /* published maximum range, m (for validation) */
    int n_sources;
    bmd_source source[BMD_MAX_SOURCES];
    int n_tests; /* public test flights (data, for calibration and validation) */
    bmd_test_flight test[BMD_MAX_TESTS];
    bmd_calibration calib; /* the entry's free parameters (n_free 0: none) */
} bmd_missile;

#endif /* BMD_MISSILE_H */
