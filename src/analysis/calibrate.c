/*
 * calibrate.c: fit a missile entry's free parameters to its published range
 * and public test flights with bmdsim's own model (bmd/calibrate.h,
 * docs/catalog.md "Calibration"). GSL's Nelder-Mead simplex does the
 * minimisation; GSL's error handler is switched off around it so that a
 * GSL error never aborts the caller.
 */
#include "bmd/calibrate.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bmd/atmo.h"
#include "bmd/geo.h"

/* Simplex size (in u = ln p/p0) at which the fit stops, and the first step:
 * 1e-5 relative in a parameter moves a range by well under 1e-4. */
#define SIMPLEX_TOL 1e-5
#define SIMPLEX_STEP 0.05
/* Cost of an entry the model cannot fly (invalid masses, no lift-off). */
#define COST_INVALID 1e6

int bmd_calib_config(bmd_earth *earth, bmd_atmo *atmo, bmd_traj_config *cfg)
{
    bmd_earth_wgs84(earth);
    earth->omega_radps = 0.0;
    int st = bmd_atmo_init(atmo, BMD_ATMO_US76);
    bmd_traj_config_init(cfg, earth, atmo);
    return st;
}

/* "stageN.xxx" -> stage index (0-based) and the part after the dot. */
static int stage_param(const bmd_missile *m, const char *name, int *i, const char **what)
{
    int n = 0, off = 0;
    if (sscanf(name, "stage%d.%n", &n, &off) != 1 || off == 0) return BMD_EINVAL;
    if (n < 1 || n > m->n_stages) return BMD_EINVAL;
    *i = n - 1;
    *what = name + off;
    return BMD_OK;
}

int bmd_calib_param_get(const bmd_missile *m, const char *name, double *value)
{
    if (m == NULL || name == NULL || value == NULL) return BMD_EINVAL;
    if (strcmp(name, "payload_mass") == 0) {
        *value = m->payload_mass_kg;
        return BMD_OK;
    }
    int i;
    const char *w;
    if (stage_param(m, name, &i, &w) != BMD_OK) return BMD_EINVAL;
    const bmd_stage *s = &m->stage[i];
    if (strcmp(w, "dry_mass") == 0)
        *value = s->gross_mass_kg - s->prop_mass_kg;
    else if (strcmp(w, "propellant_mass") == 0)
        *value = s->prop_mass_kg;
    else if (strcmp(w, "burn_time") == 0)
        *value = s->burn_time_s;
    else if (strcmp(w, "isp") == 0)
        *value = s->isp_vac_s;
    else
        return BMD_EINVAL;
    return BMD_OK;
}

/* Keep the re-entry body consistent with the stages and payload. */
static void fix_reentry(bmd_missile *m, double payload_old)
{
    const bmd_stage *last = &m->stage[m->n_stages - 1];
    if (!m->rv_separates)
        m->rv_mass_kg = last->gross_mass_kg - last->prop_mass_kg + m->payload_mass_kg;
    else if (m->rv_mass_kg == payload_old || m->rv_mass_kg > m->payload_mass_kg)
        m->rv_mass_kg = m->payload_mass_kg;
}

int bmd_calib_param_set(bmd_missile *m, const char *name, double value)
{
    if (m == NULL || name == NULL || !isfinite(value)) return BMD_EINVAL;
    double payload_old = m->payload_mass_kg;
    if (strcmp(name, "payload_mass") == 0) {
        m->payload_mass_kg = value;
        fix_reentry(m, payload_old);
        return BMD_OK;
    }
    int i;
    const char *w;
    if (stage_param(m, name, &i, &w) != BMD_OK) return BMD_EINVAL;
    bmd_stage *s = &m->stage[i];
    double dry = s->gross_mass_kg - s->prop_mass_kg;
    if (strcmp(w, "dry_mass") == 0)
        s->gross_mass_kg = s->prop_mass_kg + value;
    else if (strcmp(w, "propellant_mass") == 0) {
        s->prop_mass_kg = value;
        s->gross_mass_kg = value + dry;
    } else if (strcmp(w, "burn_time") == 0)
        s->burn_time_s = value;
    else if (strcmp(w, "isp") == 0) {
        if (s->isp_vac_s > 0.0) s->isp_sl_s *= value / s->isp_vac_s;
        s->isp_vac_s = value;
    } else
        return BMD_EINVAL;
    fix_reentry(m, payload_old);
    return BMD_OK;
}

static double test_residual(const bmd_test_flight *t, double h_max)
{
    double r = (h_max - t->apogee_m) / t->apogee_m;
    return t->full_burn ? r : fmin(0.0, r);
}

int bmd_calib_evaluate(const bmd_missile *m, bmd_calib_eval *ev, bmd_errbuf *err)
{
    if (m == NULL || ev == NULL) return bmd_err_set(err, BMD_EINVAL, "calibrate: NULL argument");
    memset(ev, 0, sizeof *ev);
    bmd_earth e;
    bmd_atmo atm;
    bmd_traj_config cfg;
    int st = bmd_calib_config(&e, &atm, &cfg);
    if (st != BMD_OK) return bmd_err_set(err, st, "calibrate: US76 atmosphere unavailable");
    if ((st = bmd_traj_missile_check(m, err)) != BMD_OK) return ev->status = st;
    bmd_traj_launch l;
    bmd_traj_launch_init(&l, BMD_CALIB_LAT_RAD, BMD_CALIB_LON_RAD, 0.0, BMD_CALIB_AZ_RAD);
    bmd_traj_summary s;
    st = bmd_traj_max_range(&cfg, m, &l, NULL, &s, err);
    ev->status = st;
    if (st != BMD_OK) return st;
    ev->range_m = s.range_m;
    ev->range_residual = (s.range_m - m->range_published_m) / m->range_published_m;
    ev->cost = ev->range_residual * ev->range_residual;
    ev->n_tests = m->n_tests;
    for (int i = 0; i < m->n_tests; i++) {
        bmd_calib_test *ct = &ev->test[i];
        ct->status = bmd_traj_loft_limit(&cfg, m, &l, m->test[i].range_m, NULL, &s, NULL);
        ct->apogee_max_m = ct->status == BMD_OK ? s.apogee_alt_m : 0.0;
        ct->residual = ct->status == BMD_OK ? test_residual(&m->test[i], ct->apogee_max_m) : -1.0;
        ev->cost += ct->residual * ct->residual;
    }
    return BMD_OK;
}

/* ---- the fit ----------------------------------------------------------------------- */

typedef struct fit_ctx {
    const bmd_missile *m0;
    bmd_missile m;
    double p0[BMD_MAX_FREE];
} fit_ctx;

static int apply(fit_ctx *c, const gsl_vector *u)
{
    c->m = *c->m0;
    for (int i = 0; i < c->m0->calib.n_free; i++) {
        int st = bmd_calib_param_set(&c->m, c->m0->calib.free[i],
                                     c->p0[i] * exp(gsl_vector_get(u, (size_t)i)));
        if (st != BMD_OK) return st;
    }
    return BMD_OK;
}

static double cost_fn(const gsl_vector *u, void *ctx)
{
    fit_ctx *c = ctx;
    bmd_calib_eval ev;
    if (apply(c, u) != BMD_OK || bmd_calib_evaluate(&c->m, &ev, NULL) != BMD_OK)
        return COST_INVALID;
    double reg = 0.0;
    for (size_t i = 0; i < u->size; i++)
        reg += gsl_vector_get(u, i) * gsl_vector_get(u, i);
    return ev.cost + BMD_CALIB_REG * reg;
}

static int run_simplex(fit_ctx *c, int n, int max_iter, gsl_vector *best, int *n_iter,
                       int *converged)
{
    const gsl_multimin_fminimizer_type *T = gsl_multimin_fminimizer_nmsimplex2;
    gsl_multimin_fminimizer *mz = gsl_multimin_fminimizer_alloc(T, (size_t)n);
    gsl_vector *x = gsl_vector_calloc((size_t)n), *step = gsl_vector_alloc((size_t)n);
    if (mz == NULL || x == NULL || step == NULL) {
        gsl_multimin_fminimizer_free(mz);
        gsl_vector_free(x);
        gsl_vector_free(step);
        return BMD_ENOMEM;
    }
    gsl_vector_set_all(step, SIMPLEX_STEP);
    gsl_multimin_function f = {cost_fn, (size_t)n, c};
    int st = gsl_multimin_fminimizer_set(mz, &f, x, step) == GSL_SUCCESS ? BMD_OK : BMD_ENOCONV;
    *converged = 0;
    int it = 0;
    while (st == BMD_OK && it < max_iter) {
        it++;
        if (gsl_multimin_fminimizer_iterate(mz) != GSL_SUCCESS) break;
        if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(mz), SIMPLEX_TOL) == GSL_SUCCESS) {
            *converged = 1;
            break;
        }
    }
    if (st == BMD_OK) gsl_vector_memcpy(best, gsl_multimin_fminimizer_x(mz));
    *n_iter = it;
    gsl_multimin_fminimizer_free(mz);
    gsl_vector_free(x);
    gsl_vector_free(step);
    return st;
}

int bmd_calibrate(const bmd_missile *m, int max_iter, bmd_missile *fitted, bmd_calib_result *res,
                  bmd_errbuf *err)
{
    if (m == NULL || fitted == NULL || res == NULL)
        return bmd_err_set(err, BMD_EINVAL, "calibrate: NULL argument");
    memset(res, 0, sizeof *res);
    int n = m->calib.n_free;
    if (n < 1 || n > BMD_MAX_FREE)
        return bmd_err_set(err, BMD_EINVAL,
                           "calibrate: %s names no free parameter (calibration: free: [...])",
                           m->name);
    fit_ctx c;
    c.m0 = m;
    res->n_free = n;
    for (int i = 0; i < n; i++)
        if (bmd_calib_param_get(m, m->calib.free[i], &c.p0[i]) != BMD_OK || !(c.p0[i] > 0.0))
            return bmd_err_set(err, BMD_EINVAL,
                               "calibrate: %s: free parameter '%s' unknown or not "
                               "positive",
                               m->name, m->calib.free[i]);
    memcpy(res->before, c.p0, sizeof c.p0);
    int st = bmd_calib_evaluate(m, &res->eval0, err);
    if (st != BMD_OK) return st;
    gsl_vector *u = gsl_vector_calloc((size_t)n);
    if (u == NULL) return bmd_err_set(err, BMD_ENOMEM, "calibrate: out of memory");
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    st = run_simplex(&c, n, max_iter > 0 ? max_iter : 200, u, &res->n_iter, &res->converged);
    gsl_set_error_handler(old);
    if (st == BMD_OK) st = apply(&c, u);
    gsl_vector_free(u);
    if (st != BMD_OK) return bmd_err_set(err, st, "calibrate: %s: the fit failed", m->name);
    *fitted = c.m;
    for (int i = 0; i < n; i++)
        bmd_calib_param_get(fitted, m->calib.free[i], &res->after[i]);
    return bmd_calib_evaluate(fitted, &res->eval, err);
}
