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
} bmd_missile;

#endif /* BMD_MISSILE_H */
