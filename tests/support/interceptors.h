/*
 * interceptors.h: the THAAD-like interceptor the interceptor tests and
 * their benchmark fly (one stage, 60 kg kill vehicle, N' = 4, 40-150 km
 * altitude, 200 km reach). Its numbers are the estimates of
 * data/catalog/interceptors.yaml's thaad entry at the time the tests were
 * written (see the sources there); they are test inputs, not reference
 * values.
 */
#ifndef BMD_TESTS_INTERCEPTORS_H
#define BMD_TESTS_INTERCEPTORS_H

#include <string.h>

#include "bmd/const.h"
#include "bmd/interceptor.h"

static inline void tst_thaad_like(bmd_interceptor *ic)
{
    memset(ic, 0, sizeof *ic);
    strcpy(ic->name, "thaad");
    bmd_missile *m = &ic->booster;
    m->n_stages = 1;
    m->stage[0] = (bmd_stage){840.0, 640.0, 275.0, 250.0, 17.0, 0.34, 0.0};
    m->payload_mass_kg = 60.0;
    m->vertical_rise_s = 1.0;
    ic->pitch_over_s = 2.0;
    ic->kv_separates = 1;
    ic->kv_mass_kg = 60.0;
    ic->kv_beta_kgpm2 = 6000.0;
    ic->kv_divert_mps = 400.0;
    ic->kv_accel_max_mps2 = 10.0 * BMD_G0_MPS2;
    ic->nav_gain = 4.0;
    ic->seeker_range_m = 50e3;
    ic->midcourse_dt_s = 1.0;
    ic->terminal_dt_s = 0.01;
    ic->lethal_radius_m = 0.5;
    ic->pk = 0.8;
    ic->min_alt_m = 40e3;
    ic->max_alt_m = 150e3;
    ic->max_range_m = 200e3;
    ic->max_flight_time_s = 150.0;
    ic->burnout_speed_mps = 2800.0;
}

#endif
