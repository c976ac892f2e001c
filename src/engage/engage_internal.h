/* engage_internal.h: the engagement plan (shared by engage_plan.c and
 * engage_run.c). Not a public header. */
#ifndef BMD_ENGAGE_INTERNAL_H
#define BMD_ENGAGE_INTERNAL_H

#include "bmd/atmo.h"
#include "bmd/engage.h"
#include "bmd/geo.h"
#include "bmd/interceptor.h"
#include "bmd/radar.h"
#include "bmd/traj.h"

/* Truth sampling interval, s: the ephemeris is interpolated (quintic
 * Hermite, bmd_ephem_target) between samples; at 0.5 s the interpolation
 * error is far below a metre (interceptor.h). */
#define ENG_TRUTH_DT_S 0.5

typedef struct eng_truth {
    size_t n, cap;
    double *t_s;    /* flight time since the threat's launch, s */
    double (*r)[3]; /* m, ECEF */
    double (*v)[3]; /* m/s, ECEF */
    bmd_traj_summary sum;
} eng_truth;

struct bmd_engage_plan {
    bmd_scenario scn; /* deep copy */
    bmd_earth earth;
    bmd_atmo atmo;
    bmd_traj_config cfg;
    eng_truth *truth;     /* [n_threats] */
    bmd_radar_site *site; /* [n_radars] */
    bmd_ic_table *table;  /* [n_batteries] */
    double t0_s, t_end_s; /* first launch, last impact (or the scenario's t_end) */
};

/* eng_truth_collect: a bmd_traj_sample_fn appending each sample (strictly
 * increasing times) to the eng_truth ctx; returns 1 (stop) out of memory. */
int eng_truth_collect(void *ctx, const bmd_traj_sample *s);

int eng_truth_at(const bmd_engage_plan *p, size_t k, double shift_s, double t_s, double r[3],
                 double v[3]);
/* eng_truth_at with a sample-interval hint (bmd__ephem_target_hint). */
int eng_truth_at_hint(const bmd_engage_plan *p, size_t k, double shift_s, double t_s, size_t *hint,
                      double r[3], double v[3]);

#endif
