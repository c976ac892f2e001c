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

/* The footprint set-up of `bmdsim footprint SCENARIO` (cli/cmd_footprint.c,
 * without option overrides): the first battery and threat, the battery's
 * cueing radar (else the first), the scenario's Earth, atmosphere, RCS,
 * revisit, M-of-N, reaction, kill assessment and doctrine. Fills what the
 * caller keeps alive: missile, interceptor, radar site, launch point. */
static int pyb_fp_scenario(const bmd_scenario *s, bmd_earth *e, bmd_atmo *atmo, bmd_fp_config *cfg,
                           bmd_missile *m, bmd_interceptor *ic, bmd_radar_site *rsite,
                           int *has_radar, double pt[2], double bat[3], bmd_errbuf *err)
{
    if (s->n_batteries == 0 || s->n_threats == 0)
        return bmd_err_set(err, BMD_EINVAL, "footprint: the scenario needs a battery and a threat");
    const bmd_scn_battery *b = &s->battery[0];
    const bmd_scn_threat *t = &s->threat[0];
    const bmd_scn_radar *r = NULL;
    if (b->radar >= 0 && (size_t)b->radar < s->n_radars)
        r = &s->radar[b->radar];
    else if (s->n_radars > 0)
        r = &s->radar[0];
    if (s->earth_sphere) {
        bmd_earth_sphere(e);
        e->omega_radps = 0.0;
    } else {
        bmd_earth_wgs84(e);
    }
    int st = bmd_atmo_init(atmo, (bmd_atmo_kind)s->atmo);
    if (st != BMD_OK) return bmd_err_set(err, st, "footprint: atmosphere");
    bmd_fp_config_init(cfg, e, atmo->kind == BMD_ATMO_NONE ? NULL : atmo);
    cfg->shape = t->shape;
    *m = t->missile;
    cfg->missile = m;
    *ic = b->interceptor;
    cfg->reaction_s = b->reaction_s;
    cfg->kill_assess_s = b->kill_assessment_s;
    cfg->m_detect = s->init_m;
    cfg->n_window = s->init_n;
    cfg->doctrine = b->doctrine == BMD_DOCTRINE_SLS ? BMD_FP_SHOOT_LOOK_SHOOT : BMD_FP_SHOOT;
    if (bmd_rcs_eval(&t->rcs, 0.5 * BMD_PI, &cfg->rcs_m2) != BMD_OK)
        return bmd_err_set(err, BMD_EINVAL, "footprint: threat %s: bad RCS table", t->name);
    *has_radar = r != NULL;
    if (r != NULL) {
        cfg->revisit_s = r->revisit_s;
        st = bmd_radar_validate(&r->radar, err);
        if (st == BMD_OK) st = bmd_radar_setup(rsite, &r->radar, e, err);
        if (st != BMD_OK) return st;
        cfg->radar = rsite;
    }
    pt[0] = t->launch.lat_rad, pt[1] = t->launch.lon_rad;
    bat[0] = b->site.lat_rad, bat[1] = b->site.lon_rad, bat[2] = b->site.alt_m;
    return BMD_OK;
}

#endif /* BMDSIM_PY_GLUE_H */
