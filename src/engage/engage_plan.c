/*
 * engage_plan.c: what every run of an engagement shares: the threats'
 * truth trajectories, the radar sites, the batteries' fly-out tables
 * (bmd_engage_prepare). See docs/models/engage.md.
 */
#include "engage_internal.h"
#include "interceptor_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/const.h"

const char *bmd_eng_outcome_name(int outcome)
{
    switch (outcome) {
    case BMD_ENG_NOT_ENGAGED:
        return "not_engaged";
    case BMD_ENG_INTERCEPTED:
        return "intercepted";
    case BMD_ENG_LEAKED:
        return "leaked";
    default:
        return "?";
    }
}

const char *bmd_eng_event_name(int kind)
{
    static const char *const names[BMD_EV_COUNT] = {"launch",
                                                    "burnout",
                                                    "apogee",
                                                    "first-detection",
                                                    "firm-track",
                                                    "track-dropped",
                                                    "interceptor-launch",
                                                    "intercept",
                                                    "miss",
                                                    "kill-assessment",
                                                    "impact",
                                                    "no-solution",
                                                    "release",
                                                    "handover"};
    return (kind >= 0 && kind < BMD_EV_COUNT) ? names[kind] : "?";
}

const char *bmd_eng_class_name(int c)
{
    if (c >= 0 && c < BMD_OBJ_COUNT) return bmd_object_kind_name(c);
    if (c == BMD_CLASS_NON_WARHEAD) return "non-warhead";
    if (c == BMD_CLASS_UNDECIDED) return "undecided";
    return "unclassified";
}

/* Sample callback: append the state to an ephemeris (engage_internal.h). */
int eng_truth_collect(void *ctx, const bmd_traj_sample *s)
{
    eng_truth *tr = ctx;
    if (tr->n == tr->cap) {
        size_t cap = tr->cap ? 2 * tr->cap : 1024;
        double *t = realloc(tr->t_s, cap * sizeof *t);
        if (t == NULL) return 1;
        tr->t_s = t;
        double(*r)[3] = realloc(tr->r, cap * sizeof *r);
        if (r == NULL) return 1;
        tr->r = r;
        double(*v)[3] = realloc(tr->v, cap * sizeof *v);
        if (v == NULL) return 1;
        tr->v = v;
        tr->cap = cap;
    }
    /* event samples may repeat a time: keep times strictly increasing */
    if (tr->n > 0 && !(s->t_s > tr->t_s[tr->n - 1] + 1e-9)) return 0;
    tr->t_s[tr->n] = s->t_s;
    memcpy(tr->r[tr->n], s->r_ecef_m, sizeof tr->r[0]);
    memcpy(tr->v[tr->n], s->v_ecef_mps, sizeof tr->v[0]);
    tr->n++;
    return 0;
}

static void truth_free(eng_truth *tr)
{
    free(tr->t_s);
    free(tr->r);
    free(tr->v);
    memset(tr, 0, sizeof *tr);
}

void bmd_engage_plan_free(bmd_engage_plan *p)
{
    if (p == NULL) return;
    for (size_t k = 0; k < p->scn.n_threats; k++)
        truth_free(&p->truth[k]);
    free(p->truth);
    free(p->site);
    free(p->table);
    free(p->scn.battery);
    free(p->scn.radar);
    free(p->scn.threat);
    free(p);
}

const bmd_scenario *bmd_engage_plan_scenario(const bmd_engage_plan *p)
{
    return p ? &p->scn : NULL;
}

const bmd_traj_summary *bmd_engage_plan_summary(const bmd_engage_plan *p, size_t k)
{
    return p && k < p->scn.n_threats ? &p->truth[k].sum : NULL;
}

/* Deep copy of the scenario's arrays. */
static int copy_scenario(bmd_scenario *dst, const bmd_scenario *src)
{
    *dst = *src;
    dst->battery = NULL;
    dst->radar = NULL;
    dst->threat = NULL;
    if (src->n_batteries) {
        dst->battery = malloc(src->n_batteries * sizeof *dst->battery);
        if (!dst->battery) return BMD_ENOMEM;
        memcpy(dst->battery, src->battery, src->n_batteries * sizeof *dst->battery);
    }
    if (src->n_radars) {
        dst->radar = malloc(src->n_radars * sizeof *dst->radar);
        if (!dst->radar) return BMD_ENOMEM;
        memcpy(dst->radar, src->radar, src->n_radars * sizeof *dst->radar);
    }
    dst->threat = malloc(src->n_threats * sizeof *dst->threat);
    if (!dst->threat) return BMD_ENOMEM;
    memcpy(dst->threat, src->threat, src->n_threats * sizeof *dst->threat);
    return BMD_OK;
}

/* Sample callback of a released object: times shifted to its missile's
 * flight clock. */
typedef struct shifted_collect {
    eng_truth *tr;
    double t0_s;
} shifted_collect;

static int collect_shifted(void *ctx, const bmd_traj_sample *smp)
{
    const shifted_collect *c = ctx;
    bmd_traj_sample s2 = *smp;
    s2.t_s += c->t0_s;
    return eng_truth_collect(c->tr, &s2);
}

/* Separation direction of object th (unit, ECEF) at missile velocity v: a
 * tank backward along v; the others at angle 2 pi (slot + 1/2) / n_slots
 * in the plane across v (docs/models/discrimination.md). */
static void separation_dir(const bmd_scn_threat *th, const double r[3], const double v[3],
                           double d[3])
{
    double vn = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    double u[3] = {v[0] / vn, v[1] / vn, v[2] / vn};
    if (th->kind == BMD_OBJ_TANK) {
        for (int i = 0; i < 3; i++)
            d[i] = -u[i];
        return;
    }
    /* e1: the local vertical's part across v; e2 = u x e1 */
    double rn = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
    double up[3] = {r[0] / rn, r[1] / rn, r[2] / rn};
    double c = up[0] * u[0] + up[1] * u[1] + up[2] * u[2];
    double e1[3] = {up[0] - c * u[0], up[1] - c * u[1], up[2] - c * u[2]};
    double n1 = sqrt(e1[0] * e1[0] + e1[1] * e1[1] + e1[2] * e1[2]);
    for (int i = 0; i < 3; i++)
        e1[i] /= n1;
    double e2[3] = {u[1] * e1[2] - u[2] * e1[1], u[2] * e1[0] - u[0] * e1[2],
                    u[0] * e1[1] - u[1] * e1[0]};
    int n = th->n_slots > 0 ? th->n_slots : 1;
    double a = 2.0 * BMD_PI * ((double)th->slot + 0.5) / (double)n;
    for (int i = 0; i < 3; i++)
        d[i] = cos(a) * e1[i] + sin(a) * e2[i];
}

/* A released object: from its missile's truth at release, plus the
 * separation speed, flown ballistically with its own beta to impact. */
static int fly_object(bmd_engage_plan *p, size_t k, bmd_errbuf *err)
{
    const bmd_scn_threat *th = &p->scn.threat[k];
    size_t m = (size_t)th->released_by - 1;
    const bmd_traj_summary *ms = &p->truth[m].sum;
    double t_rel = ms->burnout_time_s + th->release_s; /* missile flight clock */
    double r[3], v[3], d[3];
    if (!(t_rel < ms->flight_time_s) ||
        eng_truth_at(p, m, 0.0, th->launch_time_s + t_rel, r, v) != 0)
        return bmd_err_set(err, BMD_EINVAL,
                           "threat %s: release %.1f s after burnout is after %s has impacted",
                           th->name, th->release_s, p->scn.threat[m].name);
    separation_dir(th, r, v, d);
    for (int i = 0; i < 3; i++)
        v[i] += th->separation_mps * d[i];
    eng_truth *tr = &p->truth[k];
    shifted_collect sc = {tr, t_rel};
    bmd_traj_config c = p->cfg;
    c.sample_dt_s = ENG_TRUTH_DT_S;
    c.sample = collect_shifted;
    c.sample_ctx = &sc;
    c.sample_state_only = 1; /* the collector keeps t, r and v only */
    bmd_errbuf e2;
    int st = bmd_traj_fly_state(&c, r, v, 0.0, th->beta_kgpm2, &tr->sum, &e2);
    if (st != BMD_OK)
        return bmd_err_set(err, st == BMD_EINTR ? BMD_ENOMEM : st, "threat %s: flight: %s",
                           th->name, st == BMD_EINTR ? "out of memory" : e2.msg);
    if (!tr->sum.impacted || tr->n < 2)
        return bmd_err_set(err, BMD_ELIMIT, "threat %s: the flight did not reach the ground",
                           th->name);
    /* on the missile's clock: "burnout" is the release */
    tr->sum.burnout_time_s = t_rel;
    tr->sum.apogee_time_s += t_rel;
    tr->sum.flight_time_s += t_rel;
    tr->sum.max_decel_time_s += t_rel;
    tr->sum.launch_lat_rad = ms->launch_lat_rad;
    tr->sum.launch_lon_rad = ms->launch_lon_rad;
    tr->sum.launch_alt_m = ms->launch_alt_m;
    return BMD_OK;
}

static int fly_threat(bmd_engage_plan *p, size_t k, bmd_errbuf *err)
{
    const bmd_scn_threat *th = &p->scn.threat[k];
    if (th->released_by > 0) return fly_object(p, k, err);
    eng_truth *tr = &p->truth[k];
    bmd_traj_solution *sol = malloc(sizeof *sol);
    if (sol == NULL) return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    bmd_errbuf e2;
    int st = bmd_traj_target(&p->cfg, &th->missile, th->launch.lat_rad, th->launch.lon_rad,
                             th->launch.alt_m, th->aim.lat_rad, th->aim.lon_rad, &th->shape, 0.0,
                             sol, &e2);
    if (st != BMD_OK) {
        free(sol);
        return bmd_err_set(err, st, "threat %s (%s, %s -> %s): %s", th->name, th->missile.name,
                           th->launch.name, th->aim.name, e2.msg);
    }
    bmd_traj_config c = p->cfg;
    c.sample_dt_s = ENG_TRUTH_DT_S;
    c.sample = eng_truth_collect;
    c.sample_ctx = tr;
    c.sample_state_only = 1; /* the collector keeps t, r and v only */
    st = bmd_traj_fly(&c, &th->missile, &sol->launch, &tr->sum, &e2);
    free(sol);
    if (st != BMD_OK)
        return bmd_err_set(err, st == BMD_EINTR ? BMD_ENOMEM : st, "threat %s: fly-out: %s",
                           th->name, st == BMD_EINTR ? "out of memory" : e2.msg);
    if (!tr->sum.impacted || tr->n < 2)
        return bmd_err_set(err, BMD_ELIMIT, "threat %s: the flight did not reach the ground",
                           th->name);
    return BMD_OK;
}

int bmd_engage_prepare(const bmd_scenario *s, bmd_engage_plan **out, bmd_errbuf *err)
{
    if (s == NULL || out == NULL) return bmd_err_set(err, BMD_EINVAL, "engage: NULL argument");
    *out = NULL;
    int st = bmd_scenario_check(s, err);
    if (st != BMD_OK) return st;
    bmd_engage_plan *p = calloc(1, sizeof *p);
    if (p == NULL) return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    if ((st = copy_scenario(&p->scn, s)) != BMD_OK) goto nomem;
    if (s->earth_sphere)
        bmd_earth_sphere(&p->earth);
    else
        bmd_earth_wgs84(&p->earth);
    if ((st = bmd_atmo_init(&p->atmo, (bmd_atmo_kind)s->atmo)) != BMD_OK) {
        bmd_engage_plan_free(p);
        return bmd_err_set(err, st, "engage: unknown atmosphere model %d", s->atmo);
    }
    bmd_traj_config_init(&p->cfg, &p->earth, &p->atmo);
    p->truth = calloc(s->n_threats, sizeof *p->truth);
    p->site = calloc(s->n_radars ? s->n_radars : 1, sizeof *p->site);
    p->table = calloc(s->n_batteries ? s->n_batteries : 1, sizeof *p->table);
    if (!p->truth || !p->site || !p->table) goto nomem;
    for (size_t k = 0; k < s->n_threats; k++)
        if ((st = fly_threat(p, k, err)) != BMD_OK) goto fail;
    for (size_t i = 0; i < s->n_radars; i++) {
        if ((st = bmd_radar_setup(&p->site[i], &s->radar[i].radar, &p->earth, err)) != BMD_OK)
            goto fail;
    }
    for (size_t b = 0; b < s->n_batteries; b++) {
        const bmd_scn_battery *bt = &s->battery[b];
        /* fan azimuth: toward the first threat's aim point (the table ignores
         * the small azimuth effect of Earth rotation: interceptor.h) */
        double az = 0.0;
        bmd_geo_inverse(&p->earth, bt->site.lat_rad, bt->site.lon_rad, s->threat[0].aim.lat_rad,
                        s->threat[0].aim.lon_rad, NULL, &az, NULL);
        if (!isfinite(az)) az = 0.0;
        bmd_errbuf e2;
        st = bmd_interceptor_table_build(&p->cfg, &bt->interceptor, bt->site.lat_rad,
                                         bt->site.lon_rad, bt->site.alt_m, az, 0.0, 0.0,
                                         &p->table[b], &e2);
        if (st != BMD_OK) {
            bmd_err_set(err, st, "battery %s: fly-out table: %s", bt->name, e2.msg);
            goto fail;
        }
    }
    p->t0_s = INFINITY;
    p->t_end_s = 0.0;
    for (size_t k = 0; k < s->n_threats; k++) {
        double t0 = s->threat[k].launch_time_s;
        if (t0 < p->t0_s) p->t0_s = t0;
        double te = t0 + p->truth[k].sum.flight_time_s;
        if (te > p->t_end_s) p->t_end_s = te;
    }
    if (s->t_end_s > 0.0 && s->t_end_s < p->t_end_s) p->t_end_s = s->t_end_s;
    *out = p;
    return BMD_OK;
nomem:
    st = bmd_err_set(err, BMD_ENOMEM, "out of memory");
fail:
    bmd_engage_plan_free(p);
    return st;
}

/* Truth state of threat k at engagement time t (with a launch-time shift
 * dt0); 1 outside the flight. */
int eng_truth_at(const bmd_engage_plan *p, size_t k, double shift_s, double t_s, double r[3],
                 double v[3])
{
    return eng_truth_at_hint(p, k, shift_s, t_s, NULL, r, v);
}

int eng_truth_at_hint(const bmd_engage_plan *p, size_t k, double shift_s, double t_s, size_t *hint,
                      double r[3], double v[3])
{
    const eng_truth *tr = &p->truth[k];
    bmd_ephem e = {tr->n, tr->t_s, (const double(*)[3])tr->r, (const double(*)[3])tr->v};
    double tf = t_s - p->scn.threat[k].launch_time_s - shift_s;
    return bmd__ephem_target_hint(&e, tf, hint, r, v);
}

int bmd_engage_truth(const bmd_engage_plan *p, double dt_s, bmd_eng_truth_row **rows, size_t *n,
                     bmd_errbuf *err)
{
    if (p == NULL || rows == NULL || n == NULL || !(dt_s > 0.0))
        return bmd_err_set(err, BMD_EINVAL, "engage: bad arguments to bmd_engage_truth");
    size_t cap = 0, m = 0;
    for (size_t k = 0; k < p->scn.n_threats; k++)
        cap += (size_t)(p->truth[k].sum.flight_time_s / dt_s) + 2;
    bmd_eng_truth_row *out = malloc(cap * sizeof *out);
    if (out == NULL) return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    for (size_t k = 0; k < p->scn.n_threats; k++) {
        double t0 = p->scn.threat[k].launch_time_s, tf = p->truth[k].sum.flight_time_s;
        /* a released object exists from its release on (its first sample) */
        double ts = p->scn.threat[k].released_by > 0 ? p->truth[k].t_s[0] : 0.0;
        for (double t = ts; m < cap; t += dt_s) {
            double tt = t < tf ? t : tf, r[3], v[3];
            if (eng_truth_at(p, k, 0.0, t0 + tt, r, v) != 0) break;
            bmd_eng_truth_row *o = &out[m++];
            o->threat = (int)k;
            o->t_s = t0 + tt;
            bmd_geo_from_ecef(&p->earth, r, &o->lat_rad, &o->lon_rad, &o->alt_m);
            o->speed_mps = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            if (tt >= tf) break;
        }
    }
    *rows = out;
    *n = m;
    return BMD_OK;
}

/* Target callback of a re-flown shot: the nominal truth of one threat. */
typedef struct nominal_ctx {
    const bmd_engage_plan *p;
    size_t k;
} nominal_ctx;

static int nominal_fn(void *ctx, double t_s, double r[3], double v[3])
{
    const nominal_ctx *c = ctx;
    return eng_truth_at(c->p, c->k, 0.0, t_s, r, v);
}

/* Re-fly shot i into rows (appended at *m, room for cap). */
static int ic_path_rows(const bmd_engage_plan *p, const bmd_eng_shot *sh, int i, double dt_s,
                        bmd_ic_path *path, bmd_eng_ic_row *rows, size_t *m, bmd_errbuf *err)
{
    const bmd_scn_battery *b = &p->scn.battery[sh->battery];
    bmd_ic_shot shot = {
        b->site.lat_rad, b->site.lon_rad, b->site.alt_m, sh->launch_time_s,
        sh->azimuth_rad, sh->elev_rad,    sh->noise_seed}; /* the run's own seeker noise */
    nominal_ctx c = {p, (size_t)sh->threat};
    bmd_ic_result res;
    bmd_errbuf e2;
    int st = bmd_interceptor_fly_path(&p->cfg, &b->interceptor, &shot, nominal_fn, &c, NULL, dt_s,
                                      path, &res, &e2);
    if (st == BMD_EDOM) return BMD_OK; /* the booster could not fly it: no path */
    if (st != BMD_OK) return bmd_err_set(err, st, "shot %d: %s", i + 1, e2.msg);
    for (size_t j = 0; j < path->n; j++) {
        bmd_eng_ic_row *o = &rows[(*m)++];
        o->shot = i, o->battery = sh->battery, o->threat = sh->threat;
        o->t_s = path->t_s[j];
        bmd_geo_from_ecef(&p->earth, path->r_ecef_m[j], &o->lat_rad, &o->lon_rad, &o->alt_m);
        const double *v = path->v_ecef_mps[j];
        o->speed_mps = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }
    return BMD_OK;
}

int bmd_engage_interceptor_paths(const bmd_engage_plan *p, const bmd_engage_result *r, double dt_s,
                                 bmd_eng_ic_row **rows, size_t *n, bmd_errbuf *err)
{
    if (p == NULL || r == NULL || rows == NULL || n == NULL || !(dt_s > 0.0))
        return bmd_err_set(err, BMD_EINVAL,
                           "engage: bad arguments to bmd_engage_interceptor_paths");
    *rows = NULL, *n = 0;
    size_t cap = 1, longest = 2;
    for (size_t i = 0; i < r->n_shots; i++) {
        const bmd_eng_shot *sh = &r->shot[i];
        if (!isfinite(sh->t_ca_s) || !(sh->t_ca_s > sh->launch_time_s)) continue;
        /* room for a flight somewhat longer than the recorded one */
        size_t k = (size_t)(1.5 * (sh->t_ca_s - sh->launch_time_s) / dt_s) + 8;
        cap += k;
        if (k > longest) longest = k;
    }
    bmd_eng_ic_row *out = malloc(cap * sizeof *out);
    bmd_ic_path path = {longest,
                        0,
                        malloc(longest * sizeof(double)),
                        malloc(longest * sizeof(double[3])),
                        malloc(longest * sizeof(double[3])),
                        0};
    int st = out && path.t_s && path.r_ecef_m && path.v_ecef_mps
                 ? BMD_OK
                 : bmd_err_set(err, BMD_ENOMEM, "out of memory");
    size_t m = 0;
    for (size_t i = 0; st == BMD_OK && i < r->n_shots; i++) {
        const bmd_eng_shot *sh = &r->shot[i];
        if (!isfinite(sh->t_ca_s) || !(sh->t_ca_s > sh->launch_time_s)) continue;
        if (sh->battery < 0 || (size_t)sh->battery >= p->scn.n_batteries || sh->threat < 0 ||
            (size_t)sh->threat >= p->scn.n_threats)
            continue;
        st = ic_path_rows(p, sh, (int)i, dt_s, &path, out, &m, err);
    }
    free(path.t_s);
    free(path.r_ecef_m);
    free(path.v_ecef_mps);
    if (st != BMD_OK) {
        free(out);
        return st;
    }
    *rows = out, *n = m;
    return BMD_OK;
}
