/*
 * scenario.c: bmd_scenario initialisation, release and consistency check
 * (bmd/scenario.h). The YAML loader is src/scenario/scenario_load.c.
 */
#include "bmd/scenario.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/atmo.h"
#include "bmd/const.h"
#include "bmd/geo.h"
#include "bmd/interceptor.h"

const char *bmd_object_kind_name(int kind)
{
    static const char *const names[BMD_OBJ_COUNT] = {"warhead", "tank", "debris", "decoy"};
    return kind >= 0 && kind < BMD_OBJ_COUNT ? names[kind] : "?";
}

const char *bmd_discrimination_name(int mode)
{
    static const char *const names[] = {"perfect", "beta", "rcs"};
    return mode >= 0 && mode <= BMD_DISCR_RCS ? names[mode] : "?";
}

const char *bmd_radar_schedule_name(int s)
{
    static const char *const names[] = {"priority", "uniform"};
    return s >= 0 && s <= BMD_SCHED_UNIFORM ? names[s] : "?";
}

void bmd_scenario_init(bmd_scenario *s)
{
    if (s == NULL) return;
    memset(s, 0, sizeof *s);
    strcpy(s->name, "unnamed scenario");
    s->earth_sphere = 0;
    s->atmo = BMD_ATMO_US76;
    s->filter = BMD_FILTER_EKF;
    s->init_m = BMD_SCN_DEFAULT_INIT_M;
    s->init_n = BMD_SCN_DEFAULT_INIT_N;
    s->dt_s = BMD_SCN_DEFAULT_DT_S;
    s->t_end_s = 0.0;
    s->mc_runs = 1;
    s->mc_seed = 1;
    s->discrimination = BMD_DISCR_PERFECT;
    s->discr_invbeta_threshold_m2pkg = BMD_SCN_DEFAULT_DISCR_INVBETA;
    s->discr_sigmas = BMD_SCN_DEFAULT_DISCR_SIGMAS;
    s->discr_rcs_noise_db = BMD_SCN_DEFAULT_DISCR_RCS_NOISE_DB;
    s->discr_rcs_window_db = BMD_SCN_DEFAULT_DISCR_RCS_WINDOW_DB;
    s->discr_rcs_looks = BMD_SCN_DEFAULT_DISCR_RCS_LOOKS;
}

void bmd_scenario_free(bmd_scenario *s)
{
    if (s == NULL) return;
    free(s->battery);
    free(s->radar);
    free(s->threat);
    bmd_scenario_init(s);
}

static int finite_nonneg(double x)
{
    return isfinite(x) && x >= 0.0;
}

/* A released object: kind, its missile (earlier in the list, a missile
 * itself, same launch), beta, release time and separation speed. */
static int check_object(const bmd_scenario *s, size_t i, bmd_errbuf *err)
{
    const bmd_scn_threat *t = &s->threat[i];
    if (t->kind < 0 || t->kind >= BMD_OBJ_COUNT)
        return bmd_err_set(err, BMD_EINVAL, "threat %s: unknown object kind %d", t->name, t->kind);
    if (t->released_by == 0) {
        if (t->kind != BMD_OBJ_WARHEAD)
            return bmd_err_set(err, BMD_EINVAL,
                               "threat %s: a %s must be released by a missile (released_by)",
                               t->name, bmd_object_kind_name(t->kind));
        return BMD_OK;
    }
    if (t->released_by < 0 || (size_t)t->released_by > i)
        return bmd_err_set(err, BMD_EINVAL,
                           "threat %s: released_by %d must name a missile earlier in the list",
                           t->name, t->released_by);
    const bmd_scn_threat *m = &s->threat[t->released_by - 1];
    if (m->released_by != 0)
        return bmd_err_set(err, BMD_EINVAL, "threat %s: released by %s, which is not a missile",
                           t->name, m->name);
    if (t->kind == BMD_OBJ_WARHEAD)
        return bmd_err_set(err, BMD_EINVAL, "threat %s: a released object cannot be a warhead",
                           t->name);
    if (!(t->beta_kgpm2 > 0.0) || !isfinite(t->beta_kgpm2))
        return bmd_err_set(err, BMD_EINVAL,
                           "threat %s: ballistic coefficient %g kg/m2: must be > 0", t->name,
                           t->beta_kgpm2);
    if (!finite_nonneg(t->release_s) || !finite_nonneg(t->separation_mps))
        return bmd_err_set(err, BMD_EINVAL,
                           "threat %s: release time and separation speed must be >= 0", t->name);
    if (t->launch_time_s != m->launch_time_s)
        return bmd_err_set(err, BMD_EINVAL, "threat %s: launch time differs from its missile's",
                           t->name);
    return BMD_OK;
}

/* The discrimination settings. */
static int check_discrimination(const bmd_scenario *s, bmd_errbuf *err)
{
    if (s->discrimination < BMD_DISCR_PERFECT || s->discrimination > BMD_DISCR_RCS)
        return bmd_err_set(err, BMD_EINVAL, "scenario: unknown discrimination mode %d",
                           s->discrimination);
    if (s->discrimination == BMD_DISCR_BETA &&
        (!(s->discr_invbeta_threshold_m2pkg > 0.0) || !isfinite(s->discr_invbeta_threshold_m2pkg) ||
         !(s->discr_sigmas > 0.0) || !isfinite(s->discr_sigmas)))
        return bmd_err_set(err, BMD_EINVAL,
                           "scenario: beta discrimination needs a threshold > 0 and sigmas > 0");
    if (s->discrimination == BMD_DISCR_RCS &&
        (!finite_nonneg(s->discr_rcs_noise_db) || !finite_nonneg(s->discr_rcs_window_db) ||
         s->discr_rcs_looks < 1))
        return bmd_err_set(err, BMD_EINVAL,
                           "scenario: rcs discrimination needs noise >= 0 dB, window >= 0 dB and "
                           "looks >= 1");
    if (!finite_nonneg(s->track_invbeta_sigma_m2pkg))
        return bmd_err_set(err, BMD_EINVAL, "scenario: tracking 1/beta sigma must be >= 0");
    return BMD_OK;
}

int bmd_scenario_check(const bmd_scenario *s, bmd_errbuf *err)
{
    if (s == NULL) return bmd_err_set(err, BMD_EINVAL, "scenario: NULL");
    if (s->n_threats < 1 || s->threat == NULL)
        return bmd_err_set(err, BMD_EINVAL, "scenario: no threats");
    if (s->n_batteries > 0 && s->n_radars < 1)
        return bmd_err_set(err, BMD_EINVAL, "scenario: batteries need at least one radar");
    if (!(s->track_q_accel_mps2 >= 0.0) || !isfinite(s->track_q_accel_mps2))
        return bmd_err_set(err, BMD_EINVAL, "scenario: tracking process noise must be >= 0");
    if (!(s->init_m >= 1 && s->init_n >= s->init_m && s->init_n <= 32))
        return bmd_err_set(err, BMD_EINVAL,
                           "scenario: track initiation %d of %d: need 1 <= M <= N <= 32", s->init_m,
                           s->init_n);
    if (!(s->dt_s > 0.0 && s->dt_s <= 10.0))
        return bmd_err_set(err, BMD_EINVAL, "scenario: dt = %g s: need 0 < dt <= 10 s", s->dt_s);
    if (!finite_nonneg(s->t_end_s))
        return bmd_err_set(err, BMD_EINVAL, "scenario: t_end = %g s: must be >= 0", s->t_end_s);
    if (s->mc_runs < 1)
        return bmd_err_set(err, BMD_EINVAL, "scenario: monte_carlo runs = %ld: must be >= 1",
                           s->mc_runs);
    int dst = check_discrimination(s, err);
    if (dst != BMD_OK) return dst;
    for (size_t i = 0; i < s->n_batteries; i++) {
        const bmd_scn_battery *b = &s->battery[i];
        const bmd_interceptor *ic = &b->interceptor;
        if (b->launchers < 1 || b->missiles_per_launcher < 1)
            return bmd_err_set(err, BMD_EINVAL,
                               "battery %s: inventory %d launchers x %d missiles: need at least 1 "
                               "of each",
                               b->name, b->launchers, b->missiles_per_launcher);
        if ((long long)b->launchers * b->missiles_per_launcher > INT_MAX)
            return bmd_err_set(err, BMD_EINVAL,
                               "battery %s: inventory %d launchers x %d missiles: more than %d",
                               b->name, b->launchers, b->missiles_per_launcher, INT_MAX);
        if (b->salvo < 1)
            return bmd_err_set(err, BMD_EINVAL, "battery %s: salvo = %d: must be >= 1", b->name,
                               b->salvo);
        if (b->doctrine != BMD_DOCTRINE_SALVO && b->doctrine != BMD_DOCTRINE_SLS)
            return bmd_err_set(err, BMD_EINVAL, "battery %s: unknown doctrine %d", b->name,
                               b->doctrine);
        if (!finite_nonneg(b->reaction_s) || !finite_nonneg(b->kill_assessment_s) ||
            !finite_nonneg(b->launch_interval_s))
            return bmd_err_set(err, BMD_EINVAL,
                               "battery %s: reaction, kill assessment and launch interval must be "
                               "finite and >= 0",
                               b->name);
        if (b->radar < -1 || b->radar >= (int)s->n_radars)
            return bmd_err_set(err, BMD_EINVAL, "battery %s: radar index %d out of range", b->name,
                               b->radar);
        if (s->n_radars < 64 && (b->radar_set >> s->n_radars) != 0)
            return bmd_err_set(err, BMD_EINVAL,
                               "battery %s: radar set names a radar beyond the %zu", b->name,
                               s->n_radars);
        if (!(ic->min_alt_m >= 0.0 && ic->min_alt_m < ic->max_alt_m && ic->max_range_m > 0.0))
            return bmd_err_set(
                err, BMD_EINVAL,
                "battery %s: interceptor %s has an empty envelope (altitude %.0f-%.0f "
                "km, range %.0f km)",
                b->name, ic->name, ic->min_alt_m / 1e3, ic->max_alt_m / 1e3, ic->max_range_m / 1e3);
        if (!(ic->max_alt_m > 0.0) || !isfinite(ic->max_alt_m) || !isfinite(ic->max_range_m))
            return bmd_err_set(err, BMD_EINVAL,
                               "battery %s: interceptor %s: envelope bounds must be finite",
                               b->name, ic->name);
        {
            /* Kinematic reach: the burnout speed (stated, or else the
             * rocket-equation ideal velocity) must at least climb to the
             * envelope's floor (bmd_interceptor_min_speed, vacuum, range 0). */
            bmd_earth e;
            if (s->earth_sphere)
                bmd_earth_sphere(&e);
            else
                bmd_earth_wgs84(&e);
            double v_mps =
                ic->burnout_speed_mps > 0.0 ? ic->burnout_speed_mps : bmd_interceptor_ideal_dv(ic);
            double need_mps = bmd_interceptor_min_speed(&e, ic->min_alt_m, 0.0);
            if (!(v_mps >= need_mps))
                return bmd_err_set(err, BMD_EINVAL,
                                   "battery %s: interceptor %s cannot reach its envelope: burnout "
                                   "speed %.0f m/s is below the %.0f m/s needed to climb to "
                                   "min_alt %.1f km",
                                   b->name, ic->name, v_mps, need_mps, ic->min_alt_m / 1e3);
        }
        if (!(b->assessment_error >= 0.0 && b->assessment_error <= 1.0))
            return bmd_err_set(err, BMD_EINVAL,
                               "battery %s: kill assessment error = %g: must be in [0, 1]", b->name,
                               b->assessment_error);
        if (!(ic->pk >= 0.0 && ic->pk <= 1.0))
            return bmd_err_set(err, BMD_EINVAL, "battery %s: pk = %g: must be in [0, 1]", b->name,
                               ic->pk);
    }
    for (size_t i = 0; i < s->n_radars; i++) {
        const bmd_scn_radar *r = &s->radar[i];
        if (!(r->revisit_s > 0.0) || !finite_nonneg(r->search_revisit_s))
            return bmd_err_set(err, BMD_EINVAL, "radar %s: revisit must be > 0 s", r->name);
        if (r->time_budget && !(r->search_fraction >= 0.0 && r->search_fraction < 1.0))
            return bmd_err_set(err, BMD_EINVAL,
                               "radar %s: time budget search fraction %g: must be in [0, 1)",
                               r->name, r->search_fraction);
        if (r->time_budget &&
            (!(r->schedule == BMD_SCHED_PRIORITY || r->schedule == BMD_SCHED_UNIFORM) ||
             !(r->max_stretch >= 1.0 && r->max_stretch <= 1000.0) ||
             !(r->quality_sigma_m >= 0.0 && isfinite(r->quality_sigma_m))))
            return bmd_err_set(err, BMD_EINVAL,
                               "radar %s: time budget schedule %d, max stretch %g (1 to 1000), "
                               "quality sigma %g m (>= 0): out of range",
                               r->name, r->schedule, r->max_stretch, r->quality_sigma_m);
        int st = bmd_radar_validate(&r->radar, err);
        if (st != BMD_OK) return st;
    }
    for (size_t i = 0; i < s->n_threats; i++) {
        const bmd_scn_threat *t = &s->threat[i];
        if (!finite_nonneg(t->launch_time_s))
            return bmd_err_set(err, BMD_EINVAL, "threat %s: launch time must be >= 0", t->name);
        if (!(t->launch.lat_rad >= -BMD_PI / 2 && t->launch.lat_rad <= BMD_PI / 2) ||
            !(t->aim.lat_rad >= -BMD_PI / 2 && t->aim.lat_rad <= BMD_PI / 2) ||
            !isfinite(t->launch.lon_rad) || !isfinite(t->aim.lon_rad))
            return bmd_err_set(err, BMD_EINVAL, "threat %s: launch or aim point not set", t->name);
        if (t->rcs.n < 1) return bmd_err_set(err, BMD_EINVAL, "threat %s: no RCS given", t->name);
        int st = check_object(s, i, err);
        if (st != BMD_OK) return st;
    }
    for (size_t i = 0; i < s->n_uncertain; i++) {
        const bmd_scn_uncertain *u = &s->uncertain[i];
        if (u->kind < 0 || u->kind >= BMD_UNC_COUNT || !isfinite(u->lo) || !isfinite(u->hi) ||
            u->lo > u->hi)
            return bmd_err_set(err, BMD_EINVAL, "uncertain parameter %zu: bad bounds [%g, %g]", i,
                               u->lo, u->hi);
    }
    return BMD_OK;
}
