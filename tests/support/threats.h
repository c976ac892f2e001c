/*
 * threats.h: the synthetic threat missiles several tests fly. Sizes are the
 * estimates of data/catalog/missiles.yaml (nodong-class) or made up for the
 * staging logic (two-stage); they are test inputs, not reference values.
 */
#ifndef BMD_TESTS_THREATS_H
#define BMD_TESTS_THREATS_H

#include <string.h>

#include "bmd/traj.h"

/* Single stage, Nodong class: 14,750 kg with 12,900 kg propellant, Isp
 * 255/226 s, 110 s burn, 1.32 m; a separating 1,000 kg RV, beta 6,000. */
static inline void tst_nodong_class(bmd_missile *m)
{
    memset(m, 0, sizeof *m);
    strcpy(m->name, "nodong-class");
    m->n_stages = 1;
    m->stage[0] = (bmd_stage){14750.0, 12900.0, 255.0, 226.0, 110.0, 1.32, 0.0};
    m->payload_mass_kg = 1000.0;
    m->rv_separates = 1;
    m->rv_mass_kg = 1000.0;
    m->rv_beta_kgpm2 = 6000.0;
    m->vertical_rise_s = 8.0;
}

/* Two stages with a 5 s coast after the first; a separating 600 kg RV. */
static inline void tst_two_stage(bmd_missile *m)
{
    memset(m, 0, sizeof *m);
    strcpy(m->name, "two-stage");
    m->n_stages = 2;
    m->stage[0] = (bmd_stage){20000.0, 17000.0, 280.0, 250.0, 80.0, 1.5, 5.0};
    m->stage[1] = (bmd_stage){6000.0, 5000.0, 300.0, 0.0, 70.0, 1.2, 0.0};
    m->payload_mass_kg = 700.0;
    m->rv_separates = 1;
    m->rv_mass_kg = 600.0;
    m->rv_beta_kgpm2 = 8000.0;
    m->vertical_rise_s = 6.0;
}

#endif
