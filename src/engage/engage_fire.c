/*
 * engage_fire.c: the fire control of one engagement run: which threat,
 * which battery, when to launch, the interceptor fly-outs (with their memo)
 * and the kill assessment (bmd_engage_run; docs/models/engage.md).
 */
#include "engage_state.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/track.h"

/* fly-outs kept by a bmd_engage_cache */
#define ENG_CACHE_N 64

/* ---- fly-out memo ---------------------------------------------------------- */

typedef struct cache_key {
    const bmd_engage_plan *plan;
    int battery, threat;
    double shift_s, launch_time_s, azimuth_rad, elev_rad;
    uint64_t noise_seed; /* realistic homing: the shot's seeker-noise stream */
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
           memcmp(&a->elev_rad, &b->elev_rad, sizeof a->elev_rad) == 0 &&
           a->noise_seed == b->noise_seed;
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
    return bmd__eng_predict_track(r, k, &sn->tk, t_impact);
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
    key.noise_seed = shot->noise_seed;
    if (c != NULL && c->plan == r->p)
        for (size_t i = 0; i < c->n; i++)
            if (key_eq(&c->e[i].key, &key)) {
                c->hits++;
                *ir = c->e[i].res;
                return c->e[i].status;
            }
    bmd_errbuf e2;
    int st = bmd_interceptor_fly(&r->p->cfg, &r->ic[b], shot, bmd__eng_truth_fn, tc, NULL, ir, &e2);
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
    truth_ctx tc = {r, k, 0};
    for (int j = 0; j < n; j++) {
        bmd_ic_shot shot = {bt->site.lat_rad,
                            bt->site.lon_rad,
                            bt->site.alt_m,
                            sol->launch_time_s + j * bt->launch_interval_s,
                            sol->azimuth_rad,
                            sol->elev_rad,
                            0};
        /* each shot's seeker noise has its own stream, drawn in launch order */
        if (r->ic[b].homing == BMD_HOMING_REALISTIC) shot.noise_seed = bmd_rng_u64(&r->rng_seeker);
        bmd_ic_result ir;
        int st = fly(r, b, k, &shot, &tc, &ir);
        if (st != BMD_OK && st != BMD_EDOM) return st;
        /* the kill draw of bmd_interceptor_fly, taken here so that the
         * fly-out itself can be memoised: one uniform per hit */
        if (st == BMD_OK) ir.kill = bmd_interceptor_kill_draw(&r->ic[b], &ir, &r->rng_kill);
        if (bmd__eng_grow((void **)&res->shot, &r->cap_shot, res->n_shots, sizeof *res->shot) ||
            bmd__eng_grow((void **)&r->pend, &r->cap_pend, r->n_pend, sizeof *r->pend))
            return bmd_err_set(r->err, BMD_ENOMEM, "out of memory");
        bmd_eng_shot *sh = &res->shot[res->n_shots];
        memset(sh, 0, sizeof *sh);
        sh->battery = (int)b;
        sh->threat = (int)k;
        sh->launch_time_s = shot.launch_time_s;
        sh->azimuth_rad = shot.azimuth_rad;
        sh->elev_rad = shot.elev_rad;
        sh->noise_seed = shot.noise_seed;
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
        int st2 = bmd__eng_add_event(r, shot.launch_time_s, BMD_EV_IC_LAUNCH, (int)k, (int)b, -1,
                                     (int)res->n_shots, sol->pip_alt_m, sol->pip_range_m, 0.0);
        if (st2 != BMD_OK) return st2;
        res->n_shots++;
        res->interceptors_fired++;
        if (s->threat[k].kind != BMD_OBJ_WARHEAD) res->interceptors_at_non_warheads++;
        res->threat[k].interceptors_used++;
        if (sh->t_ca_s > last_ca) last_ca = sh->t_ca_s;
    }
    r->inventory[b] -= n;
    th->busy = 1;
    th->busy_until_s = last_ca + bt->kill_assessment_s;
    th->last_battery = (int)b;
    th->reengage = 0;
    r->engagements[k * s->n_batteries + b]++;
    return BMD_OK;
}

/* Batteries in engagement order: layer, then index. */
int bmd__eng_battery_order(const bmd_scenario *s, size_t *ord)
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

/* beta discrimination: 1/beta above the threshold by `sigmas` standard
 * deviations is light (not a warhead), below it by as much is a warhead,
 * else undecided. In truth mode the true beta decides. */
static int classify_beta(const run *r, size_t k, int rd)
{
    const bmd_scenario *s = r->s;
    double thr = s->discr_invbeta_threshold_m2pkg;
    if (s->filter == BMD_FILTER_TRUTH) {
        const bmd_scn_threat *t = &s->threat[k];
        double beta = t->released_by > 0 ? t->beta_kgpm2 : t->missile.rv_beta_kgpm2;
        return beta > 0.0 && 1.0 / beta > thr ? BMD_CLASS_NON_WARHEAD : BMD_OBJ_WARHEAD;
    }
    const bmd_track *tk = &r->sens[(size_t)rd * s->n_threats + k].tk;
    double ib = tk->x[6], sd = sqrt(tk->P[6][6] > 0.0 ? tk->P[6][6] : 0.0);
    if (ib - s->discr_sigmas * sd > thr) return BMD_CLASS_NON_WARHEAD;
    if (ib + s->discr_sigmas * sd < thr) return BMD_OBJ_WARHEAD;
    return BMD_CLASS_UNDECIDED;
}

/* rcs discrimination: the mean measured RCS feature of radar rd's track
 * against the warhead template, once discr_rcs_looks detections are in. */
static int classify_rcs(const run *r, size_t k, int rd)
{
    const sensor *sn = &r->sens[(size_t)rd * r->s->n_threats + k];
    if (sn->feat_n < r->s->discr_rcs_looks) return BMD_CLASS_UNDECIDED;
    return fabs(sn->feat_sum_db / sn->feat_n) <= r->s->discr_rcs_window_db ? BMD_OBJ_WARHEAD
                                                                           : BMD_CLASS_NON_WARHEAD;
}

int bmd__eng_classify(const run *r, size_t k, int rd)
{
    switch (r->s->discrimination) {
    case BMD_DISCR_BETA:
        return classify_beta(r, k, rd);
    case BMD_DISCR_RCS:
        return classify_rcs(r, k, rd);
    default:
        return r->s->threat[k].kind;
    }
}

/* Classify threat k (firm on radar rd) and record it; 1 when the fire
 * control is to treat it as a warhead (a warhead or undecided). */
static int engage_as_warhead(run *r, size_t k, int rd, double t)
{
    int c = bmd__eng_classify(r, k, rd);
    bmd_eng_threat *tr = &r->res->threat[k];
    if (c != tr->classified_as) {
        truth_ctx tc = {r, k, 0};
        double x[3], v[3];
        tr->classified_alt_m = bmd__eng_truth_fn(&tc, t, x, v) == 0 ? bmd__eng_alt_of(r, x) : -1.0;
        tr->classified_as = c;
    }
    return c == BMD_OBJ_WARHEAD || c == BMD_CLASS_UNDECIDED;
}

/* Radar i's track on threat k usable by the fire control at t: firm (in
 * filter mode the filter itself firm, again after its burnout restart) and
 * past the threat's final burnout plus ENG_SETTLE_LOOKS revisits. */
static int settled(const run *r, size_t i, size_t k, double t)
{
    const bmd_scenario *s = r->s;
    const sensor *sn = &r->sens[i * s->n_threats + k];
    if (!sn->firm || (s->filter != BMD_FILTER_TRUTH && sn->tk.status != BMD_TRACK_FIRM)) return 0;
    double t_bo = s->threat[k].launch_time_s + r->th[k].shift_s +
                  r->p->truth[k].sum.burnout_time_s + ENG_SETTLE_LOOKS * s->radar[i].revisit_s;
    return t >= t_bo;
}

/* The radar whose track battery b uses for threat k at t: the first of the
 * battery's radars (bmd_scn_battery.radar_set) with a settled track; -1:
 * none of its radars has one. */
static int battery_radar(const run *r, size_t b, size_t k, double t)
{
    uint64_t set = r->s->battery[b].radar_set;
    for (size_t i = 0; i < r->s->n_radars && i < 64; i++)
        if (((set >> i) & 1u) && settled(r, i, k, t)) return (int)i;
    return -1;
}

int bmd__eng_fire_control(run *r, double t, const size_t *bord)
{
    const bmd_scenario *s = r->s;
    size_t nk = s->n_threats;
    /* candidates with their predicted impact times, greedy by time to impact */
    double *tk_imp = r->cand_key;
    size_t *cand = r->cand, nc = 0;
    for (size_t k = 0; k < nk; k++) {
        thstate *th = &r->th[k];
        /* a kill wrongly assessed as a survivor is engaged again until its
         * remains would have impacted; a survivor assessed as killed is not */
        if ((!th->alive && !th->reengage) || th->impacted || th->assessed_dead ||
            t >= th->t_impact_s)
            continue;
        /* The tracker's model is ballistic: the fire control engages only a
         * threat past its final burnout (plus two revisits for the filter
         * to settle). Burnout detection is taken as perfect (the end of
         * thrust is conspicuous to the radar): docs/models/engage.md. */
        int rd = bmd__eng_firm_sensor(r, k);
        if (rd < 0) continue;
        double t_bo = s->threat[k].launch_time_s + th->shift_s + r->p->truth[k].sum.burnout_time_s +
                      ENG_SETTLE_LOOKS * s->radar[rd].revisit_s;
        if (t < t_bo) continue;
        if (!engage_as_warhead(r, k, rd, t)) continue;
        if (th->busy) continue;
        th->firm_radar = rd;
        double t_imp = INFINITY;
        int st = threat_prediction(r, k, rd, &t_imp);
        if (st == BMD_EUNREACH) continue;
        if (st != BMD_OK) return st;
        th->pred_impact_s = t_imp;
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
        truth_ctx tc = {r, k, 0};
        bmd_interceptor_target_fn fn = bmd__eng_truth_fn;
        void *ctx = &tc;
        if (s->filter != BMD_FILTER_TRUTH) {
            fn = bmd__eng_pred_fn;
            ctx = &r->pred[k];
        }
        double t_imp = tk_imp[c];
        int pred_rd = th->firm_radar; /* the radar whose track r->pred[k] holds */
        int st, fired = 0, any_left = 0;
        for (size_t ib = 0; ib < s->n_batteries && !fired; ib++) {
            size_t b = bord[ib];
            const bmd_scn_battery *bt = &s->battery[b];
            if (r->inventory[b] < 1) continue;
            /* a battery with assigned radars uses only their tracks
             * (docs/models/engage.md, "Radars of a battery"); else the
             * first radar's firm track (the fused picture) */
            int rb = bt->radar_set ? battery_radar(r, b, k, t) : th->firm_radar;
            if (rb < 0) continue;
            if (s->filter != BMD_FILTER_TRUTH && rb != pred_rd) {
                pred_rd = -1;
                st = threat_prediction(r, k, rb, &t_imp);
                if (st == BMD_EUNREACH) continue;
                if (st != BMD_OK) return st;
                pred_rd = rb;
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
            th->solution = 1; /* a launch planned: first in the radar's schedule */
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
            tc = (truth_ctx){r, k, 0};
            double alt = bmd__eng_truth_fn(&tc, t, x, v) == 0 ? bmd__eng_alt_of(r, x) : 0.0;
            if ((st = bmd__eng_add_event(r, t, BMD_EV_NO_SOLUTION, (int)k, -1, th->firm_radar, -1,
                                         alt, -1.0, 0.0)) != BMD_OK)
                return st;
        }
    }
    return BMD_OK;
}

/* Shots whose closest approach has come; kills; assessments. */
int bmd__eng_resolve(run *r, double t)
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
        int st = bmd__eng_add_event(r, sh->t_ca_s, kill ? BMD_EV_INTERCEPT : BMD_EV_MISS,
                                    sh->threat, sh->battery, -1, pd->shot, sh->alt_ca_m,
                                    sh->ground_range_m, sh->miss_m);
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
            /* imperfect kill assessment: one uniform per assessment when the
             * battery's error probability is > 0 (stream 5) */
            double pe =
                th->last_battery >= 0 ? r->s->battery[th->last_battery].assessment_error : 0.0;
            int wrong = pe > 0.0 && bmd_rng_uniform(&r->rng_assess) < pe;
            if (wrong && th->alive) th->assessed_dead = 1;
            if (wrong && !th->alive) th->reengage = 1;
            if (!th->impacted) {
                /* height: the threat's if it survived, else the intercept's */
                double x[3], v[3], alt = r->res->threat[k].intercept_alt_m;
                truth_ctx tc = {r, k, 0};
                if (th->alive)
                    alt = bmd__eng_truth_fn(&tc, th->busy_until_s, x, v) == 0
                              ? bmd__eng_alt_of(r, x)
                              : 0.0;
                /* value: 1 assessed killed, 0 assessed a survivor */
                int st = bmd__eng_add_event(r, th->busy_until_s, BMD_EV_KILL_ASSESSMENT, (int)k, -1,
                                            -1, -1, alt, -1.0, th->alive != wrong ? 0.0 : 1.0);
                if (st != BMD_OK) return st;
            }
        }
    }
    return BMD_OK;
}
