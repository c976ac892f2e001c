/*
 * engage_run.c: one engagement on a prepared plan (bmd_engage_run): the
 * event loop of radar looks, tracking, fire control, interceptor fly-outs
 * and kill assessment. See docs/models/engage.md.
 */
#include "engage_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/track.h"

/* shoot-look-shoot: the first engagement and one re-engagement per battery */
#define MAX_SLS_ENGAGEMENTS 2
/* track revisits after final burnout before the fire control trusts a track */
#define ENG_SETTLE_LOOKS 2.0
/* recording: interval of the impact-point predictions in the track rows, s */
#define ENG_IIP_EVERY_S 10.0
/* fly-outs kept by a bmd_engage_cache */
#define ENG_CACHE_N 64

/* ---- fly-out memo ---------------------------------------------------------- */

typedef struct cache_key {
    const bmd_engage_plan *plan;
    int battery, threat;
    double shift_s, launch_time_s, azimuth_rad, elev_rad;
} cache_key;

typedef struct cache_entry {
    cache_key key;
    int status; /* BMD_OK or BMD_EDOM */
    bmd_ic_result res;
} cache_entry;

struct bmd_engage_cache {
    const bmd_engage_plan *plan;
    size_t n, next;
    long hits, misses;
    cache_entry e[ENG_CACHE_N];
};

bmd_engage_cache *bmd_engage_cache_new(const bmd_engage_plan *plan)
{
    bmd_engage_cache *c = calloc(1, sizeof *c);
    if (c != NULL) c->plan = plan;
    return c;
}

void bmd_engage_cache_free(bmd_engage_cache *c)
{
    free(c);
}

void bmd_engage_cache_stats(const bmd_engage_cache *c, long *hits, long *misses)
{
    if (hits) *hits = c ? c->hits : 0;
    if (misses) *misses = c ? c->misses : 0;
}

/* Exact (bitwise) key comparison: a hit returns the very result the same
 * computation would give. */
static int key_eq(const cache_key *a, const cache_key *b)
{
    return a->plan == b->plan && a->battery == b->battery && a->threat == b->threat &&
           memcmp(&a->shift_s, &b->shift_s, sizeof a->shift_s) == 0 &&
           memcmp(&a->launch_time_s, &b->launch_time_s, sizeof a->launch_time_s) == 0 &&
           memcmp(&a->azimuth_rad, &b->azimuth_rad, sizeof a->azimuth_rad) == 0 &&
           memcmp(&a->elev_rad, &b->elev_rad, sizeof a->elev_rad) == 0;
}

void bmd_engage_opts_init(bmd_engage_opts *o)
{
    if (o == NULL) return;
    o->noise = 1;
    o->record = 1;
    o->draw_uncertain = 1;
    o->cache = NULL;
}

void bmd_engage_result_free(bmd_engage_result *r)
{
    if (r == NULL) return;
    free(r->threat);
    free(r->event);
    free(r->shot);
    free(r->track);
    memset(r, 0, sizeof *r);
}

/* ---- growing arrays ------------------------------------------------------ */

static int grow(void **p, size_t *cap, size_t n, size_t size)
{
    if (n < *cap) return BMD_OK;
    size_t c = *cap ? 2 * *cap : 64;
    void *q = realloc(*p, c * size);
    if (q == NULL) return BMD_ENOMEM;
    *p = q;
    *cap = c;
    return BMD_OK;
}

/* ---- run state ----------------------------------------------------------- */

typedef struct sensor {
    int started, firm;
    unsigned hist;   /* truth mode: detections of the last looks, bit 0 newest */
    int looks;       /* truth mode: looks since the first detection */
    int boost_track; /* filter mode: the track was started before the threat's
                        final burnout and is to be restarted after it */
    double next_look_s;
    double next_iip_s; /* recording: next impact-point prediction */
    bmd_track tk;
} sensor;

typedef struct thstate {
    double shift_s;    /* launch-time offset of this run, s */
    double rcs_scale;  /* RCS multiplier of this run */
    double t_impact_s; /* engagement time of impact */
    int alive, impacted;
    int firm_radar;      /* radar holding the best firm track (-1: none) */
    int busy;            /* shots in the air or awaiting assessment */
    double busy_until_s; /* time the current engagement's assessment is known */
    int reported_no_solution;
} thstate;

typedef struct pending {
    int shot; /* index in res->shot */
    int resolved;
} pending;

typedef struct run {
    const bmd_engage_plan *p;
    const bmd_scenario *s;
    const bmd_engage_opts *o;
    bmd_engage_result *res;
    bmd_errbuf *err;
    bmd_rng rng_look, rng_kill, rng_unc;
    bmd_radar_site *site; /* per-run copies (power draws) */
    bmd_interceptor *ic;  /* per-run copies (pk draws) */
    double *reaction_s;   /* per battery */
    int *inventory;       /* per battery */
    sensor *sens;         /* [n_radars * n_threats] */
    thstate *th;
    int *engagements; /* [n_threats * n_batteries]: engagements of threat k by battery b */
    size_t *cand;     /* [n_threats]: fire-control candidates */
    double *cand_key; /* [n_threats]: their predicted impact times */
    pending *pend;
    size_t n_pend, cap_pend;
    size_t cap_ev, cap_shot, cap_track;
    bmd_track_config tcfg;
    struct pred_traj *pred; /* [n_threats]: the fire control's predicted trajectories */
} run;

static int add_event(run *r, double t, int kind, int threat, int battery, int radar, int shot,
                     double alt, double range, double value)
{
    bmd_engage_result *res = r->res;
    if (!r->o->record) return BMD_OK;
    if (grow((void **)&res->event, &r->cap_ev, res->n_events, sizeof *res->event) != BMD_OK)
        return bmd_err_set(r->err, BMD_ENOMEM, "out of memory");
    res->event[res->n_events++] =
        (bmd_eng_event){t, kind, threat, battery, radar, shot, alt, range, value};
    return BMD_OK;
}

static double alt_of(const run *r, const double x[3])
{
    double lat, lon, h;
    bmd_geo_from_ecef(&r->p->earth, x, &lat, &lon, &h);
    return h;
}

/* Truth target callback with this run's launch-time shift. */
typedef struct truth_ctx {
    const run *r;
    size_t k;
} truth_ctx;

static int truth_fn(void *ctx, double t_s, double rr[3], double vv[3])
{
    truth_ctx *c = ctx;
    return eng_truth_at(c->r->p, c->k, c->r->th[c->k].shift_s, t_s, rr, vv);
}

/* A trajectory predicted from a track estimate: samples since t0_s. */
typedef struct pred_traj {
    eng_truth tr;
    double t0_s; /* engagement time of the estimate */
} pred_traj;

/* Target callback over a pred_traj (engagement clock). */
static int pred_fn(void *ctx, double t_s, double rr[3], double vv[3])
{
    const pred_traj *pt = ctx;
    bmd_ephem e = {pt->tr.n, pt->tr.t_s, (const double(*)[3])pt->tr.r,
                   (const double(*)[3])pt->tr.v};
    return bmd_ephem_target(&e, t_s - pt->t0_s, rr, vv);
}

/* Fly the track's estimate forward to the ground (the fire control's
 * prediction of threat k); sets r->pred[k] and returns the predicted impact
 * time. */
static int predict_track(run *r, size_t k, const bmd_track *tk, double *t_impact)
{
    pred_traj *pt = &r->pred[k];
    pt->tr.n = 0;
    bmd_traj_config c = r->p->cfg;
    c.sample_dt_s = 1.0;
    c.sample = eng_truth_collect;
    c.sample_ctx = &pt->tr;
    double ib = tk->x[6];
    double beta = ib > 1e-7 ? 1.0 / ib : 0.0; /* 1/beta below 1e-7 m^2/kg: vacuum body */
    bmd_traj_summary sum;
    bmd_errbuf e2;
    int st = bmd_traj_fly_state(&c, tk->x, tk->x + 3, 1000.0, beta, &sum, &e2);
    if (st == BMD_EINTR) return bmd_err_set(r->err, BMD_ENOMEM, "out of memory");
    if (st != BMD_OK || pt->tr.n < 2) return BMD_EUNREACH; /* e.g. already on the ground */
    pt->t0_s = tk->t_s;
    *t_impact = tk->t_s + sum.flight_time_s;
    return BMD_OK;
}

static int firm_sensor(const run *r, size_t k)
{
    for (size_t i = 0; i < r->s->n_radars; i++) {
        const sensor *sn = &r->sens[i * r->s->n_threats + k];
        /* filter mode: the filter itself firm (again, after a restart at
         * burnout) */
        if (sn->firm && (r->s->filter == BMD_FILTER_TRUTH || sn->tk.status == BMD_TRACK_FIRM))
            return (int)i;
    }
    return -1;
}

/* ---- radar looks ----------------------------------------------------------- */

/* Engagement time of threat k's final burnout in this run. */
static double t_burnout(const run *r, size_t k)
{
    return r->s->threat[k].launch_time_s + r->th[k].shift_s + r->p->truth[k].sum.burnout_time_s;
}

static int look(run *r, size_t i, size_t k, double t)
{
    const bmd_scenario *s = r->s;
    sensor *sn = &r->sens[i * s->n_threats + k];
    thstate *th = &r->th[k];
    truth_ctx tc = {r, k};
    double x[3], v[3];
    if (truth_fn(&tc, t, x, v) != 0) return BMD_OK;
    const bmd_radar_site *site = &r->site[i];
    double rcs;
    double aspect = bmd_rcs_aspect(site->r0_ecef_m, x, v);
    int st = bmd_rcs_eval(&s->threat[k].rcs, aspect, &rcs);
    if (st != BMD_OK) return bmd_err_set(r->err, st, "threat %s: bad RCS table", s->threat[k].name);
    rcs *= th->rcs_scale;
    bmd_radar_obs obs;
    if ((st = bmd_radar_observe(site, x, rcs, &obs)) != BMD_OK)
        return bmd_err_set(r->err, st, "radar observation failed");
    int geom_ok = (obs.reasons & ~(unsigned)BMD_RADAR_LOW_SNR) == 0;
    int det;
    if (r->o->noise) {
        double u = bmd_rng_uniform(&r->rng_look);
        det = geom_ok && u < obs.pd;
    } else {
        det = obs.reasons == 0;
    }
    bmd_radar_meas m;
    bmd_track_meas z;
    if (det) {
        st = r->o->noise ? bmd_radar_measure(site, &obs, &r->rng_look, &m)
                         : bmd_radar_sigmas(site, &obs, &m);
        if (st != BMD_OK) return bmd_err_set(r->err, st, "radar measurement failed");
        z = (bmd_track_meas){t,
                             m.range_m,
                             m.az_rad,
                             m.el_rad - (obs.el_rad - obs.el_geo_rad),
                             m.sigma_range_m,
                             m.sigma_az_rad,
                             m.sigma_el_rad};
    }
    int was_firm = sn->firm;
    double search_s = s->radar[i].search_revisit_s > 0.0 ? s->radar[i].search_revisit_s
                                                         : s->radar[i].radar.mode.t_frame_s;
    if (!sn->started) {
        if (!det) {
            sn->next_look_s = t + search_s; /* still in search */
            return BMD_OK;
        }
        sn->started = 1;
        sn->hist = 1u;
        sn->looks = 1;
        bmd_eng_threat *tr = &r->res->threat[k];
        if (tr->first_detect_time_s < 0.0) {
            tr->first_detect_time_s = t;
            if ((st = add_event(r, t, BMD_EV_FIRST_DETECTION, (int)k, -1, (int)i, -1, obs.alt_m,
                                obs.range_m, 0.0)) != BMD_OK)
                return st;
        }
        if (s->filter != BMD_FILTER_TRUTH) {
            bmd_errbuf e2;
            st = bmd_track_start(&sn->tk, &r->tcfg, site->r0_ecef_m, site->radar.face.lat_rad,
                                 site->radar.face.lon_rad, &z, &e2);
            if (st != BMD_OK) return bmd_err_set(r->err, st, "track start: %s", e2.msg);
            sn->boost_track = t < t_burnout(r, k);
        }
    } else if (s->filter == BMD_FILTER_TRUTH) {
        sn->hist = (sn->hist << 1) | (det ? 1u : 0u);
        sn->looks++;
    } else if (sn->boost_track && det && t >= t_burnout(r, k)) {
        /* The ballistic filter cannot follow thrust (bmd/track.h): a track
         * held through the boost lags by hundreds of metres with a
         * covariance that does not say so. At the first detection after
         * final burnout (taken as observed: the end of thrust is
         * conspicuous) the filter is started again from that measurement;
         * the engagement keeps the track's firm status. */
        bmd_errbuf e2;
        st = bmd_track_start(&sn->tk, &r->tcfg, site->r0_ecef_m, site->radar.face.lat_rad,
                             site->radar.face.lon_rad, &z, &e2);
        if (st != BMD_OK) return bmd_err_set(r->err, st, "track restart: %s", e2.msg);
        sn->boost_track = 0;
    } else {
        bmd_errbuf e2;
        st = bmd_track_look(&sn->tk, &r->tcfg, t, det ? &z : NULL, &e2);
        if (st != BMD_OK) return bmd_err_set(r->err, st, "track update: %s", e2.msg);
    }
    /* status: in truth mode the tracker's M-of-N initiation (bmd/track.h):
     * firm when M of the last N looks detected; a tentative track is
     * dropped once its first N looks can no longer hold M detections */
    int drop = 0;
    if (s->filter == BMD_FILTER_TRUTH) {
        unsigned mask = s->init_n >= 32 ? 0xffffffffu : ((1u << s->init_n) - 1u);
        unsigned h = sn->hist & mask;
        int c = 0;
        for (; h; h &= h - 1u)
            c++;
        if (!sn->firm) {
            if (c >= s->init_m)
                sn->firm = 1;
            else if (sn->looks <= s->init_n && c + (s->init_n - sn->looks) < s->init_m)
                drop = 1;
        }
        /* a firm track is never dropped: perfect tracking (bmd/scenario.h) */
    } else {
        if (sn->tk.status == BMD_TRACK_FIRM) sn->firm = 1;
        drop = sn->tk.status == BMD_TRACK_DROPPED;
    }
    if (drop) {
        if ((st = add_event(r, t, BMD_EV_TRACK_DROPPED, (int)k, -1, (int)i, -1, obs.alt_m,
                            obs.range_m, 0.0)) != BMD_OK)
            return st;
        /* a dropped track is started again from search */
        memset(sn, 0, sizeof *sn);
    }
    if (sn->firm && !was_firm) {
        bmd_eng_threat *tr = &r->res->threat[k];
        if (tr->firm_track_time_s < 0.0) {
            tr->firm_track_time_s = t;
            if (s->filter != BMD_FILTER_TRUTH) {
                double d[3] = {sn->tk.x[0] - x[0], sn->tk.x[1] - x[1], sn->tk.x[2] - x[2]};
                tr->pos_error_m = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            }
            if ((st = add_event(r, t, BMD_EV_FIRM_TRACK, (int)k, -1, (int)i, -1, obs.alt_m,
                                obs.range_m, 0.0)) != BMD_OK)
                return st;
        }
    }
    /* record the estimate */
    if (r->o->record && s->filter != BMD_FILTER_TRUTH && sn->started) {
        bmd_engage_result *res = r->res;
        if (grow((void **)&res->track, &r->cap_track, res->n_tracks, sizeof *res->track))
            return bmd_err_set(r->err, BMD_ENOMEM, "out of memory");
        bmd_eng_track_row *row = &res->track[res->n_tracks++];
        memset(row, 0, sizeof *row);
        row->t_s = t;
        row->threat = (int)k;
        row->radar = (int)i;
        row->status = sn->tk.status;
        memcpy(row->x, sn->tk.x, sizeof row->x);
        row->pos_sigma_m = bmd_track_pos_sigma_m(&sn->tk);
        double d[3] = {sn->tk.x[0] - x[0], sn->tk.x[1] - x[1], sn->tk.x[2] - x[2]};
        row->pos_error_m = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        row->iip_lat_rad = row->iip_lon_rad = NAN;
        /* the impact-point prediction costs tens of milliseconds (the
         * state and covariance carried to the ground): every
         * ENG_IIP_EVERY_S per track */
        bmd_track_impact ip;
        if (sn->tk.status == BMD_TRACK_FIRM && t >= sn->next_iip_s &&
            bmd_track_impact_point(&sn->tk, &r->tcfg, &ip, NULL) == BMD_OK) {
            sn->next_iip_s = t + ENG_IIP_EVERY_S - 1e-9;
            row->iip_lat_rad = ip.lat_rad;
            row->iip_lon_rad = ip.lon_rad;
            row->iip_semi_major_m = ip.semi_major_m;
            row->iip_semi_minor_m = ip.semi_minor_m;
        }
    }
    sn->next_look_s = t + (sn->started ? s->radar[i].revisit_s : search_s);
    return BMD_OK;
}

/* ---- fire control ---------------------------------------------------------- */

/* Predicted impact time of threat k as the fire control sees it: the
 * truth's in truth mode, else the firm track's prediction (kept in
 * r->pred[k] for the solve). BMD_EUNREACH: no prediction. */
static int threat_prediction(run *r, size_t k, int radar, double *t_impact)
{
    if (r->s->filter == BMD_FILTER_TRUTH) {
        *t_impact = r->th[k].t_impact_s;
        return BMD_OK;
    }
    const sensor *sn = &r->sens[(size_t)radar * r->s->n_threats + k];
    return predict_track(r, k, &sn->tk, t_impact);
}

/* The guided fly-out of one shot against the truth, without the kill
 * draw (kill = hit), through the run's cache when there is one. Returns
 * BMD_OK, BMD_EDOM (the booster failed to fly the solution) or an error
 * (message set). */
static int fly(run *r, size_t b, size_t k, const bmd_ic_shot *shot, truth_ctx *tc,
               bmd_ic_result *ir)
{
    bmd_engage_cache *c = r->o->cache;
    cache_key key;
    memset(&key, 0, sizeof key);
    key.plan = r->p;
    key.battery = (int)b;
    key.threat = (int)k;
    key.shift_s = r->th[k].shift_s;
    key.launch_time_s = shot->launch_time_s;
    key.azimuth_rad = shot->azimuth_rad;
    key.elev_rad = shot->elev_rad;
    if (c != NULL && c->plan == r->p)
        for (size_t i = 0; i < c->n; i++)
            if (key_eq(&c->e[i].key, &key)) {
                c->hits++;
                *ir = c->e[i].res;
                return c->e[i].status;
            }
    bmd_errbuf e2;
    int st = bmd_interceptor_fly(&r->p->cfg, &r->ic[b], shot, truth_fn, tc, NULL, ir, &e2);
    if (st != BMD_OK && st != BMD_EDOM)
        return bmd_err_set(r->err, st, "battery %s: interceptor fly-out: %s", r->s->battery[b].name,
                           e2.msg);
    if (c != NULL && c->plan == r->p) {
        cache_entry *e = &c->e[c->next];
        e->key = key;
        e->status = st;
        e->res = *ir;
        c->next = (c->next + 1) % ENG_CACHE_N;
        if (c->n < ENG_CACHE_N) c->n++;
        c->misses++;
    }
    return st;
}

static int fire(run *r, size_t k, size_t b, const bmd_ic_solution *sol, double t)
{
    const bmd_scenario *s = r->s;
    const bmd_scn_battery *bt = &s->battery[b];
    bmd_engage_result *res = r->res;
    thstate *th = &r->th[k];
    int n = bt->salvo < r->inventory[b] ? bt->salvo : r->inventory[b];
    double last_ca = t;
    truth_ctx tc = {r, k};
    for (int j = 0; j < n; j++) {
        bmd_ic_shot shot = {bt->site.lat_rad, bt->site.lon_rad,
                            bt->site.alt_m,   sol->launch_time_s + j * bt->launch_interval_s,
                            sol->azimuth_rad, sol->elev_rad};
        bmd_ic_result ir;
        int st = fly(r, b, k, &shot, &tc, &ir);
        if (st != BMD_OK && st != BMD_EDOM) return st;
        /* the kill draw of bmd_interceptor_fly, taken here so that the
         * fly-out itself can be memoised: one uniform per hit */
        if (st == BMD_OK)
            ir.kill = ir.outcome == BMD_IC_HIT && bmd_rng_uniform(&r->rng_kill) < r->ic[b].pk;
        if (grow((void **)&res->shot, &r->cap_shot, res->n_shots, sizeof *res->shot) ||
            grow((void **)&r->pend, &r->cap_pend, r->n_pend, sizeof *r->pend))
            return bmd_err_set(r->err, BMD_ENOMEM, "out of memory");
        bmd_eng_shot *sh = &res->shot[res->n_shots];
        memset(sh, 0, sizeof *sh);
        sh->battery = (int)b;
        sh->threat = (int)k;
        sh->launch_time_s = shot.launch_time_s;
        sh->azimuth_rad = shot.azimuth_rad;
        sh->elev_rad = shot.elev_rad;
        if (st == BMD_EDOM) { /* booster failed to fly the solution: a miss */
            sh->outcome = BMD_IC_GROUND;
            sh->t_ca_s = shot.launch_time_s;
            sh->miss_m = INFINITY;
        } else {
            sh->outcome = ir.outcome;
            sh->kill = ir.kill;
            sh->t_ca_s = ir.t_ca_s;
            sh->miss_m = ir.miss_m;
            sh->alt_ca_m = ir.alt_ca_m;
            sh->ground_range_m = ir.ground_range_m;
            double h;
            bmd_geo_from_ecef(&r->p->earth, ir.r_ca_ecef_m, &sh->lat_ca_rad, &sh->lon_ca_rad, &h);
        }
        r->pend[r->n_pend++] = (pending){(int)res->n_shots, 0};
        int st2 = add_event(r, shot.launch_time_s, BMD_EV_IC_LAUNCH, (int)k, (int)b, -1,
                            (int)res->n_shots, sol->pip_alt_m, sol->pip_range_m, 0.0);
        if (st2 != BMD_OK) return st2;
        res->n_shots++;
        res->interceptors_fired++;
        res->threat[k].interceptors_used++;
        if (sh->t_ca_s > last_ca) last_ca = sh->t_ca_s;
    }
    r->inventory[b] -= n;
    th->busy = 1;
    th->busy_until_s = last_ca + bt->kill_assessment_s;
    r->engagements[k * s->n_batteries + b]++;
    return BMD_OK;
}

/* Batteries in engagement order: layer, then index. */
static int battery_order(const bmd_scenario *s, size_t *ord)
{
    size_t n = s->n_batteries;
    for (size_t i = 0; i < n; i++)
        ord[i] = i;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && s->battery[ord[j]].layer < s->battery[ord[j - 1]].layer; j--) {
            size_t x = ord[j];
            ord[j] = ord[j - 1];
            ord[j - 1] = x;
        }
    return BMD_OK;
}

static int fire_control(run *r, double t, const size_t *bord)
{
    const bmd_scenario *s = r->s;
    size_t nk = s->n_threats;
    /* candidates with their predicted impact times, greedy by time to impact */
    double *tk_imp = r->cand_key;
    size_t *cand = r->cand, nc = 0;
    for (size_t k = 0; k < nk; k++) {
        thstate *th = &r->th[k];
        if (!th->alive || th->impacted || th->busy) continue;
        /* The tracker's model is ballistic: the fire control engages only a
         * threat past its final burnout (plus two revisits for the filter
         * to settle). Burnout detection is taken as perfect (the end of
         * thrust is conspicuous to the radar): docs/models/engage.md. */
        int rd = firm_sensor(r, k);
        if (rd < 0) continue;
        double t_bo = s->threat[k].launch_time_s + th->shift_s + r->p->truth[k].sum.burnout_time_s +
                      ENG_SETTLE_LOOKS * s->radar[rd].revisit_s;
        if (t < t_bo) continue;
        th->firm_radar = rd;
        double t_imp = INFINITY;
        int st = threat_prediction(r, k, rd, &t_imp);
        if (st == BMD_EUNREACH) continue;
        if (st != BMD_OK) return st;
        cand[nc] = k;
        tk_imp[nc] = t_imp;
        nc++;
    }
    for (size_t i = 1; i < nc; i++)
        for (size_t j = i; j > 0 && tk_imp[j] < tk_imp[j - 1]; j--) {
            double a = tk_imp[j];
            tk_imp[j] = tk_imp[j - 1];
            tk_imp[j - 1] = a;
            size_t c = cand[j];
            cand[j] = cand[j - 1];
            cand[j - 1] = c;
        }
    for (size_t c = 0; c < nc; c++) {
        size_t k = cand[c];
        thstate *th = &r->th[k];
        truth_ctx tc = {r, k};
        bmd_interceptor_target_fn fn = truth_fn;
        void *ctx = &tc;
        if (s->filter != BMD_FILTER_TRUTH) {
            fn = pred_fn;
            ctx = &r->pred[k];
        }
        double t_imp = tk_imp[c];
        int st, fired = 0, any_left = 0;
        for (size_t ib = 0; ib < s->n_batteries && !fired; ib++) {
            size_t b = bord[ib];
            const bmd_scn_battery *bt = &s->battery[b];
            if (r->inventory[b] < 1) continue;
            if (bt->radar >= 0) {
                const sensor *sn = &r->sens[(size_t)bt->radar * nk + k];
                if (!sn->firm) continue;
            }
            int maxe = bt->doctrine == BMD_DOCTRINE_SLS ? MAX_SLS_ENGAGEMENTS : 1;
            if (r->engagements[k * s->n_batteries + b] >= maxe) continue;
            any_left = 1;
            bmd_ic_solution sol;
            st = bmd_interceptor_solve(&r->p->earth, &r->p->table[b], bt->site.lat_rad,
                                       bt->site.lon_rad, bt->site.alt_m, fn, ctx,
                                       t + r->reaction_s[b], t_imp, 1.0, &sol, NULL);
            if (st == BMD_EUNREACH) continue;
            if (st != BMD_OK)
                return bmd_err_set(r->err, st, "battery %s: intercept solve failed", bt->name);
            /* Commit only when the launch is due (within one cycle of the
             * earliest launch time): a later launch is planned again next
             * cycle with the newer track, and no other battery is offered
             * the threat meanwhile. */
            if (sol.launch_time_s > t + r->reaction_s[b] + s->dt_s) {
                any_left = 0;
                break;
            }
            if ((st = fire(r, k, b, &sol, t)) != BMD_OK) return st;
            fired = 1;
        }
        if (!fired && !th->reported_no_solution && r->res->threat[k].interceptors_used == 0 &&
            any_left) {
            th->reported_no_solution = 1;
            double x[3], v[3];
            tc = (truth_ctx){r, k};
            double alt = truth_fn(&tc, t, x, v) == 0 ? alt_of(r, x) : 0.0;
            if ((st = add_event(r, t, BMD_EV_NO_SOLUTION, (int)k, -1, th->firm_radar, -1, alt, -1.0,
                                0.0)) != BMD_OK)
                return st;
        }
    }
    return BMD_OK;
}

/* Shots whose closest approach has come; kills; assessments. */
static int resolve(run *r, double t)
{
    bmd_engage_result *res = r->res;
    for (;;) {
        /* the unresolved shot with the earliest closest approach up to t
         * (ties: launch order), so that kills are decided in time order */
        pending *pd = NULL;
        for (size_t i = 0; i < r->n_pend; i++) {
            pending *q = &r->pend[i];
            if (q->resolved || res->shot[q->shot].t_ca_s > t) continue;
            if (pd == NULL || res->shot[q->shot].t_ca_s < res->shot[pd->shot].t_ca_s) pd = q;
        }
        if (pd == NULL) break;
        bmd_eng_shot *sh = &res->shot[pd->shot];
        pd->resolved = 1;
        thstate *th = &r->th[sh->threat];
        bmd_eng_threat *tr = &res->threat[sh->threat];
        int kill = sh->kill && th->alive && sh->t_ca_s < th->t_impact_s;
        int st = add_event(r, sh->t_ca_s, kill ? BMD_EV_INTERCEPT : BMD_EV_MISS, sh->threat,
                           sh->battery, -1, pd->shot, sh->alt_ca_m, sh->ground_range_m, sh->miss_m);
        if (st != BMD_OK) return st;
        if (th->alive) tr->miss_distance_m = sh->miss_m;
        if (kill) {
            th->alive = 0;
            tr->outcome = BMD_ENG_INTERCEPTED;
            tr->intercept_time_s = sh->t_ca_s;
            tr->intercept_alt_m = sh->alt_ca_m;
            tr->miss_distance_m = sh->miss_m;
        }
    }
    for (size_t k = 0; k < r->s->n_threats; k++) {
        thstate *th = &r->th[k];
        if (th->busy && t >= th->busy_until_s) {
            th->busy = 0;
            if (!th->impacted) {
                /* height: the threat's if it survived, else the intercept's */
                double x[3], v[3], alt = r->res->threat[k].intercept_alt_m;
                truth_ctx tc = {r, k};
                if (th->alive)
                    alt = truth_fn(&tc, th->busy_until_s, x, v) == 0 ? alt_of(r, x) : 0.0;
                int st = add_event(r, th->busy_until_s, BMD_EV_KILL_ASSESSMENT, (int)k, -1, -1, -1,
                                   alt, -1.0, th->alive ? 0.0 : 1.0);
                if (st != BMD_OK) return st;
            }
        }
    }
    return BMD_OK;
}

static int cmp_event(const void *a, const void *b)
{
    const bmd_eng_event *x = a, *y = b;
    if (x->t_s < y->t_s) return -1;
    if (x->t_s > y->t_s) return 1;
    if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
    return x->threat < y->threat ? -1 : (x->threat > y->threat);
}

/* Truth events of each threat (launch, burnout, apogee, impact). */
static int truth_events(run *r)
{
    for (size_t k = 0; k < r->s->n_threats; k++) {
        const bmd_traj_summary *sm = &r->p->truth[k].sum;
        double t0 = r->s->threat[k].launch_time_s + r->th[k].shift_s;
        int st =
            add_event(r, t0, BMD_EV_THREAT_LAUNCH, (int)k, -1, -1, -1, sm->launch_alt_m, -1.0, 0.0);
        if (st == BMD_OK)
            st = add_event(r, t0 + sm->burnout_time_s, BMD_EV_BURNOUT, (int)k, -1, -1, -1,
                           sm->burnout_alt_m, -1.0, sm->burnout_speed_mps);
        double t_end = r->th[k].alive ? INFINITY : r->res->threat[k].intercept_time_s;
        if (st == BMD_OK && t0 + sm->apogee_time_s < t_end)
            st = add_event(r, t0 + sm->apogee_time_s, BMD_EV_APOGEE, (int)k, -1, -1, -1,
                           sm->apogee_alt_m, -1.0, 0.0);
        if (st == BMD_OK && r->th[k].impacted)
            st = add_event(r, r->th[k].t_impact_s, BMD_EV_IMPACT, (int)k, -1, -1, -1, 0.0, -1.0,
                           sm->impact_speed_mps);
        if (st != BMD_OK) return st;
    }
    return BMD_OK;
}

/* Per-run parameter draws (uniform; RCS log-uniform). */
static void draw_uncertain(run *r)
{
    const bmd_scenario *s = r->s;
    for (size_t i = 0; i < s->n_uncertain; i++) {
        const bmd_scn_uncertain *u = &s->uncertain[i];
        double x = bmd_rng_uniform(&r->rng_unc);
        double val = u->lo + (u->hi - u->lo) * x;
        switch (u->kind) {
        case BMD_UNC_POWER_AVG:
            for (size_t j = 0; j < s->n_radars; j++) {
                double p0 = s->radar[j].radar.hw.p_avg_w;
                if (p0 > 0.0) {
                    r->site[j].snr_k *= val / p0;
                    r->site[j].energy_j *= val / p0;
                    r->site[j].radar.hw.p_avg_w = val;
                }
            }
            break;
        case BMD_UNC_RCS: {
            double lv = exp(log(u->lo) + (log(u->hi) - log(u->lo)) * x);
            for (size_t k = 0; k < s->n_threats; k++) {
                double r0;
                if (bmd_rcs_eval(&s->threat[k].rcs, 0.0, &r0) == BMD_OK && r0 > 0.0)
                    r->th[k].rcs_scale = lv / r0;
            }
            break;
        }
        case BMD_UNC_PK:
            for (size_t b = 0; b < s->n_batteries; b++)
                r->ic[b].pk = val;
            break;
        case BMD_UNC_REACTION:
            for (size_t b = 0; b < s->n_batteries; b++)
                r->reaction_s[b] = val;
            break;
        case BMD_UNC_LAUNCH_TIME:
            for (size_t k = 0; k < s->n_threats; k++)
                r->th[k].shift_s = val;
            break;
        default:
            break;
        }
    }
}

static void run_free(run *r)
{
    free(r->site);
    free(r->ic);
    free(r->reaction_s);
    free(r->inventory);
    free(r->sens);
    free(r->th);
    free(r->engagements);
    free(r->cand);
    free(r->cand_key);
    free(r->pend);
    if (r->pred != NULL)
        for (size_t k = 0; k < r->s->n_threats; k++) {
            free(r->pred[k].tr.t_s);
            free(r->pred[k].tr.r);
            free(r->pred[k].tr.v);
        }
    free(r->pred);
}

int bmd_engage_run(const bmd_engage_plan *p, long run_index, uint64_t seed,
                   const bmd_engage_opts *opts, bmd_engage_result *res, bmd_errbuf *err)
{
    if (p == NULL || res == NULL || run_index < 0)
        return bmd_err_set(err, BMD_EINVAL, "engage: bad arguments to bmd_engage_run");
    memset(res, 0, sizeof *res);
    bmd_engage_opts dflt;
    bmd_engage_opts_init(&dflt);
    const bmd_scenario *s = &p->scn;
    run r;
    memset(&r, 0, sizeof r);
    r.p = p;
    r.s = s;
    r.o = opts ? opts : &dflt;
    r.res = res;
    r.err = err;
    uint64_t base = 16u * (uint64_t)run_index;
    bmd_rng_init(&r.rng_look, seed, base + 0u);
    bmd_rng_init(&r.rng_kill, seed, base + 1u);
    bmd_rng_init(&r.rng_unc, seed, base + 2u);
    size_t nk = s->n_threats, nr = s->n_radars, nb = s->n_batteries;
    r.site = malloc((nr ? nr : 1) * sizeof *r.site);
    r.ic = malloc((nb ? nb : 1) * sizeof *r.ic);
    r.reaction_s = malloc((nb ? nb : 1) * sizeof *r.reaction_s);
    r.inventory = malloc((nb ? nb : 1) * sizeof *r.inventory);
    r.sens = calloc((nr ? nr : 1) * nk, sizeof *r.sens);
    r.th = calloc(nk, sizeof *r.th);
    r.engagements = calloc(nk * (nb ? nb : 1), sizeof *r.engagements);
    r.cand = malloc(nk * sizeof *r.cand);
    r.cand_key = malloc(nk * sizeof *r.cand_key);
    r.pred = calloc(nk, sizeof *r.pred);
    res->threat = calloc(nk, sizeof *res->threat);
    size_t *bord = malloc((nb ? nb : 1) * sizeof *bord);
    int st = BMD_OK;
    if (!r.site || !r.ic || !r.reaction_s || !r.inventory || !r.sens || !r.th || !r.engagements ||
        !r.cand || !r.cand_key || !r.pred || !res->threat || !bord) {
        st = bmd_err_set(err, BMD_ENOMEM, "out of memory");
        goto done;
    }
    res->n_threats = nk;
    if (nr) memcpy(r.site, p->site, nr * sizeof *r.site);
    for (size_t b = 0; b < nb; b++) {
        r.ic[b] = s->battery[b].interceptor;
        r.reaction_s[b] = s->battery[b].reaction_s;
        r.inventory[b] = s->battery[b].launchers * s->battery[b].missiles_per_launcher;
    }
    battery_order(s, bord);
    for (size_t k = 0; k < nk; k++) {
        r.th[k].alive = 1;
        r.th[k].rcs_scale = 1.0;
        r.th[k].firm_radar = -1;
        bmd_eng_threat *tr = &res->threat[k];
        tr->outcome = BMD_ENG_NOT_ENGAGED;
        tr->intercept_time_s = tr->intercept_alt_m = tr->miss_distance_m = -1.0;
        tr->first_detect_time_s = tr->firm_track_time_s = tr->impact_time_s = -1.0;
    }
    if (r.o->draw_uncertain) draw_uncertain(&r);
    for (size_t k = 0; k < nk; k++)
        r.th[k].t_impact_s =
            s->threat[k].launch_time_s + r.th[k].shift_s + p->truth[k].sum.flight_time_s;
    bmd_track_config_init(&r.tcfg, &p->earth, &p->atmo);
    r.tcfg.filter = s->filter == BMD_FILTER_UKF ? BMD_TRACK_UKF : BMD_TRACK_EKF;
    r.tcfg.init_m = s->init_m;
    r.tcfg.init_n = s->init_n;
    for (size_t i = 0; i < nr * nk; i++)
        r.sens[i].next_look_s = -INFINITY;
    double t_end = p->t_end_s;
    for (size_t k = 0; k < nk; k++)
        if (r.th[k].t_impact_s > t_end) t_end = r.th[k].t_impact_s;
    long n_steps = (long)ceil((t_end - p->t0_s) / s->dt_s) + 1;
    for (long it = 0; it <= n_steps; it++) {
        double t = p->t0_s + (double)it * s->dt_s;
        if ((st = resolve(&r, t)) != BMD_OK) goto done;
        int active = 0;
        for (size_t k = 0; k < nk; k++) {
            thstate *th = &r.th[k];
            if (th->alive && !th->impacted && t >= th->t_impact_s) {
                th->impacted = 1;
                res->threat[k].impact_time_s = th->t_impact_s;
                if (res->threat[k].interceptors_used > 0) res->threat[k].outcome = BMD_ENG_LEAKED;
            }
            if (th->alive && !th->impacted) active = 1;
        }
        for (size_t i = 0; i < nr; i++)
            for (size_t k = 0; k < nk; k++) {
                thstate *th = &r.th[k];
                double tl = s->threat[k].launch_time_s + th->shift_s;
                if (!th->alive || th->impacted || t < tl) continue;
                if (t + 1e-9 < r.sens[i * nk + k].next_look_s) continue;
                if ((st = look(&r, i, k, t)) != BMD_OK) goto done;
            }
        if (nb && (st = fire_control(&r, t, bord)) != BMD_OK) goto done;
        if (!active) {
            int pending_left = 0;
            for (size_t i = 0; i < r.n_pend; i++)
                pending_left |= !r.pend[i].resolved;
            if (!pending_left) break;
        }
    }
    if ((st = resolve(&r, INFINITY)) != BMD_OK) goto done;
    for (size_t k = 0; k < nk; k++) {
        if (res->threat[k].outcome != BMD_ENG_INTERCEPTED) res->leakers++;
        if (r.th[k].alive && !r.th[k].impacted) { /* stopped by t_end */
            r.th[k].impacted = 0;
        }
    }
    if ((st = truth_events(&r)) != BMD_OK) goto done;
    if (res->n_events > 1) qsort(res->event, res->n_events, sizeof *res->event, cmp_event);
done:
    free(bord);
    run_free(&r);
    if (st != BMD_OK) bmd_engage_result_free(res);
    return st;
}
