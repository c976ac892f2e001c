/*
 * world.h: the gravity-free, non-rotating, airless world of the homing and
 * interceptor guidance tests: a spherical Earth (bmd/const.h radius and GM)
 * with gravity switched off, so a kill vehicle flies straight lines except
 * for its commands and the linear proportional-navigation theory applies.
 */
#ifndef BMD_TESTS_WORLD_H
#define BMD_TESTS_WORLD_H

#include "bmd/const.h"
#include "bmd/geo.h"
#include "bmd/traj.h"

typedef struct tst_world {
    bmd_earth e;
    bmd_traj_config cfg;
} tst_world;

/* Flights of at most 60 s; returns BMD_OK or bmd_earth_init's status. */
static inline int tst_world_init(tst_world *w)
{
    int st = bmd_earth_init(&w->e, BMD_SPHERE_R_M, 0.0, BMD_SPHERE_GM_M3PS2, 0.0, 0.0);
    bmd_traj_config_init(&w->cfg, &w->e, NULL);
    w->cfg.gravity_off = 1;
    w->cfg.t_max_s = 60.0;
    return st;
}

#endif
