/*
 * test_engagement_util.h: shared set-up of the engagement tests
 * (tests/engage/test_engagement_*.c): the catalogs (catalogs.h) and a
 * scenario loaded from YAML text. Not a test itself (only test_*.c files
 * are built as tests).
 */
#ifndef BMD_TESTS_ENGAGEMENT_UTIL_H
#define BMD_TESTS_ENGAGEMENT_UTIL_H

#include <stdlib.h>
#include <string.h>

#include "catalogs.h"
#include "check.h"

#include "bmd/engage.h"
#include "bmd/traj.h"

typedef tst_cats eng_cats;

static inline const char *eng_data_dir(void)
{
    return tst_data_dir();
}

static inline int eng_setup(void **state)
{
    return tst_cats_setup(state);
}

static inline int eng_teardown(void **state)
{
    return tst_cats_teardown(state);
}

/* Load YAML text into *s and prepare its plan with every battery's homing
 * set to `homing` (-1: as loaded); fails the test on error. */
static inline bmd_engage_plan *eng_plan_homing(const eng_cats *c, const char *yaml, int homing,
                                               bmd_scenario *s)
{
    bmd_errbuf e;
    bmd_scenario_init(s);
    int st = bmd_scenario_load_string(yaml, strlen(yaml), "test", NULL, &c->env, s, &e);
    if (st != BMD_OK) fail_msg("scenario: %s", e.msg);
    for (size_t b = 0; homing >= 0 && b < s->n_batteries; b++)
        s->battery[b].interceptor.homing = homing;
    bmd_engage_plan *p = NULL;
    st = bmd_engage_prepare(s, &p, &e);
    if (st != BMD_OK) fail_msg("prepare: %s", e.msg);
    return p;
}

/* As eng_plan_homing, homing as loaded. */
static inline bmd_engage_plan *eng_plan(const eng_cats *c, const char *yaml, bmd_scenario *s)
{
    return eng_plan_homing(c, yaml, -1, s);
}

/* Run `run` of the plan with seed `seed` without measurement noise
 * (recorded); the test fails when the run does. */
static inline void eng_run_quiet(const bmd_engage_plan *plan, long run, uint64_t seed,
                                 bmd_engage_result *res)
{
    bmd_engage_opts o;
    bmd_engage_opts_init(&o);
    o.noise = 0;
    bmd_errbuf e;
    if (bmd_engage_run(plan, run, seed, &o, res, &e) != BMD_OK) fail_msg("run: %s", e.msg);
}

/* A flight's samples (t, r, v in ECEF), strictly increasing in time, at
 * most 2,000: the independent truth tests compare the engagement with. */
typedef struct tst_samples {
    size_t n;
    double t[2000], r[2000][3], v[2000][3];
} tst_samples;

/* bmd_traj_config.sample callback filling a tst_samples (ctx). */
static inline int tst_collect(void *ctx, const bmd_traj_sample *s)
{
    tst_samples *a = ctx;
    if (a->n > 0 && !(s->t_s > a->t[a->n - 1] + 1e-9)) return 0;
    if (a->n == 2000) return 1;
    a->t[a->n] = s->t_s;
    memcpy(a->r[a->n], s->r_ecef_m, sizeof a->r[0]);
    memcpy(a->v[a->n], s->v_ecef_mps, sizeof a->v[0]);
    a->n++;
    return 0;
}

#endif
