/*
 * _glue.h: the few C helpers the Python binding needs beyond the public API:
 * a sample collector that stores a flight's samples in growable columns
 * (so a trajectory crosses into Python as NumPy arrays in one step, not one
 * callback per sample), and accessors for scenario fields behind arrays of
 * structs. No model code: every number comes from libbmd.
 */
#ifndef BMDSIM_PY_GLUE_H
#define BMDSIM_PY_GLUE_H

#include <stdlib.h>
#include <string.h>

#include "bmd/bmd.h"

/* Columns: t_s lat_rad lon_rad alt_m speed_mps gamma_rad mach accel_mps2
 * mass_kg stage event x_m y_m z_m (ECEF position). */
#define PYB_NCOL 14
typedef struct {
    size_t n, cap;
    double *col[PYB_NCOL];
    int oom;
} pyb_series;

static int pyb_collect(void *ctx, const bmd_traj_sample *s)
{
    pyb_series *ser = (pyb_series *)ctx;
    if (ser->n == ser->cap) {
        size_t cap = ser->cap ? 2 * ser->cap : 1024;
        for (int k = 0; k < PYB_NCOL; k++) {
            double *p = (double *)realloc(ser->col[k], cap * sizeof(double));
            if (p == NULL) {
                ser->oom = 1;
                return 1; /* stops the flight: BMD_EINTR */
            }
            ser->col[k] = p;
        }
        ser->cap = cap;
    }
    const double row[PYB_NCOL] = {
        s->t_s,           s->lat_rad,     s->lon_rad,     s->alt_m,      s->speed_mps,
        s->gamma_rad,     s->mach,        s->accel_mps2,  s->mass_kg,    (double)s->stage,
        (double)s->event, s->r_ecef_m[0], s->r_ecef_m[1], s->r_ecef_m[2]};
    for (int k = 0; k < PYB_NCOL; k++)
        ser->col[k][ser->n] = row[k];
    ser->n++;
    return 0;
}

static void pyb_series_attach(bmd_traj_config *cfg, pyb_series *s, double dt_s)
{
    cfg->sample_dt_s = dt_s;
    cfg->sample = pyb_collect;
    cfg->sample_ctx = s;
}

static void pyb_series_free(pyb_series *s)
{
    for (int k = 0; k < PYB_NCOL; k++) {
        free(s->col[k]);
        s->col[k] = NULL;
    }
    s->n = s->cap = 0;
}

static const bmd_traj_stepper_type *pyb_stepper(const char *name)
{
    if (strcmp(name, "rk8pd") == 0) return bmd_traj_rk8pd;
    if (strcmp(name, "dopri5") == 0) return bmd_traj_dopri5;
    return NULL;
}

static int pyb_scenario_seed(const bmd_scenario *s, unsigned long long *seed, long *runs)
{
    *seed = (unsigned long long)s->mc_seed;
    *runs = s->mc_runs;
    return 0;
}

static size_t pyb_n_threats(const bmd_scenario *s)
{
    return s->n_threats;
}
static const char *pyb_threat_name(const bmd_scenario *s, size_t i)
{
    return i < s->n_threats ? s->threat[i].name : NULL;
}
static const char *pyb_battery_name(const bmd_scenario *s, size_t i)
{
    return i < s->n_batteries ? s->battery[i].name : NULL;
}
static const char *pyb_radar_name(const bmd_scenario *s, size_t i)
{
    return i < s->n_radars ? s->radar[i].name : NULL;
}

#endif /* BMDSIM_PY_GLUE_H */
