/*
 * engage_run.c: one engagement on a prepared plan (bmd_engage_run): the
 * event loop over radar looks (engage_look.c) and the fire control with its
 * interceptor fly-outs and kill assessment (engage_fire.c); the run's state
 * is in engage_state.h. See docs/models/engage.md.
 */
#include "engage_state.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/track.h"

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
    free(r->radar_occupancy_max);
    free(r->radar_demand_max);
    free(r->radar_over_share);
    free(r->occ);
    memset(r, 0, sizeof *r);
}

/* ---- growing arrays ------------------------------------------------------ */

int bmd__eng_grow(void **p, size_t *cap, size_t n, size_t size)
{
    if (n < *cap) return BMD_OK;
    size_t c = *cap ? 2 * *cap : 64;
    void *q = realloc(*p, c * size);
    if (q == NULL) return BMD_ENOMEM;
    *p = q;
    *cap = c;
    return BMD_OK;
}

/* ---- run state helpers ---------------------------------------------------- */

int bmd__eng_add_event(run *r, double t, int kind, int threat, int battery, int radar, int shot,
                       double alt, double range, double value)
{
    bmd_engage_result *res = r->res;
    if (!r->o->record) return BMD_OK;
    if (bmd__eng_grow((void **)&res->event, &r->cap_ev, res->n_events, sizeof *res->event) !=
        BMD_OK)
        return bmd_err_set(r->err, BMD_ENOMEM, "out of memory");
    res->event[res->n_events++] =
        (bmd_eng_event){t, kind, threat, battery, radar, shot, alt, range, value, -1};
    return BMD_OK;
}

double bmd__eng_alt_of(const run *r, const double x[3])
{
    double lat, lon, h;
    bmd_geo_from_ecef(&r->p->earth, x, &lat, &lon, &h);
    return h;
}

int bmd__eng_truth_fn(void *ctx, double t_s, double rr[3], double vv[3])
{
    truth_ctx *c = ctx;
    return eng_truth_at_hint(c->r->p, c->k, c->r->th[c->k].shift_s, t_s, &c->hint, rr, vv);
}

/* Target callback over a pred_traj (engagement clock). */
int bmd__eng_pred_fn(void *ctx, double t_s, double rr[3], double vv[3])
{
    const pred_traj *pt = ctx;
    bmd_ephem e = {pt->tr.n, pt->tr.t_s, (const double(*)[3])pt->tr.r,
                   (const double(*)[3])pt->tr.v};
    return bmd_ephem_target(&e, t_s - pt->t0_s, rr, vv);
}

/* Fly the track's estimate forward to the ground (the fire control's
 * prediction of threat k); sets r->pred[k] and returns the predicted impact
 * time. */
int bmd__eng_predict_track(run *r, size_t k, const bmd_track *tk, double *t_impact)
{
    pred_traj *pt = &r->pred[k];
    /* the same estimate flies the same prediction (bmd_traj_fly_state is a
     * function of the state and the plan's configuration) */
    if (pt->memo_valid && memcmp(&pt->memo_t_s, &tk->t_s, sizeof tk->t_s) == 0 &&
        memcmp(pt->memo_x, tk->x, sizeof pt->memo_x) == 0) {
        *t_impact = pt->memo_t_impact_s;
        return pt->memo_status;
    }
    pt->memo_valid = 0;
    pt->tr.n = 0;
    bmd_traj_config c = r->p->cfg;
    c.sample_dt_s = 1.0;
    c.sample = eng_truth_collect;
    c.sample_ctx = &pt->tr;
    c.sample_state_only = 1; /* the collector keeps t, r and v only */
    double ib = tk->x[6];
    double beta = ib > 1e-7 ? 1.0 / ib : 0.0; /* 1/beta below 1e-7 m^2/kg: vacuum body */
    bmd_traj_summary sum;
    bmd_errbuf e2;
    int st = bmd_traj_fly_state(&c, tk->x, tk->x + 3, 1000.0, beta, &sum, &e2);
    if (st == BMD_EINTR) return bmd_err_set(r->err, BMD_ENOMEM, "out of memory");
    pt->memo_t_s = tk->t_s;
    memcpy(pt->memo_x, tk->x, sizeof pt->memo_x);
    if (st != BMD_OK || pt->tr.n < 2) { /* e.g. already on the ground */
        pt->memo_valid = 1;
        pt->memo_status = BMD_EUNREACH;
        return BMD_EUNREACH;
    }
    pt->t0_s = tk->t_s;
    *t_impact = tk->t_s + sum.flight_time_s;
    pt->memo_t_impact_s = *t_impact;
    pt->memo_valid = 1;
    pt->memo_status = BMD_OK;
    return BMD_OK;
}

int bmd__eng_firm_sensor(const run *r, size_t k)
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
        int obj = r->s->threat[k].released_by > 0, st;
        if (obj) /* a released object: its release instead of launch and burnout */
            st = bmd__eng_add_event(r, t0 + sm->burnout_time_s, BMD_EV_RELEASE, (int)k, -1, -1, -1,
                                    sm->burnout_alt_m, -1.0, r->s->threat[k].separation_mps);
        else
            st = bmd__eng_add_event(r, t0, BMD_EV_THREAT_LAUNCH, (int)k, -1, -1, -1,
                                    sm->launch_alt_m, -1.0, 0.0);
        if (st == BMD_OK && !obj)
            st = bmd__eng_add_event(r, t0 + sm->burnout_time_s, BMD_EV_BURNOUT, (int)k, -1, -1, -1,
                                    sm->burnout_alt_m, -1.0, sm->burnout_speed_mps);
        double t_end = r->th[k].alive ? INFINITY : r->res->threat[k].intercept_time_s;
        if (st == BMD_OK && !obj && t0 + sm->apogee_time_s < t_end)
            st = bmd__eng_add_event(r, t0 + sm->apogee_time_s, BMD_EV_APOGEE, (int)k, -1, -1, -1,
                                    sm->apogee_alt_m, -1.0, 0.0);
        if (st == BMD_OK && r->th[k].impacted)
            st = bmd__eng_add_event(r, r->th[k].t_impact_s, BMD_EV_IMPACT, (int)k, -1, -1, -1, 0.0,
                                    -1.0, sm->impact_speed_mps);
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
                if (s->threat[k].kind != BMD_OBJ_WARHEAD) continue; /* warheads only */
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

/* The scheduling class of threat k's track (ENG_PRIO_*;
 * docs/models/engage.md, "Radar time budget"): a decided non-threat (the
 * fire control classified it as not a warhead, or assessed it killed);
 * engaged (shots in the air or awaiting assessment, to be engaged again,
 * or a launch planned: the fire control has an intercept solution); else
 * tracked. */
static int track_priority(const run *r, size_t k)
{
    const thstate *th = &r->th[k];
    int c = r->res->threat[k].classified_as;
    if (th->assessed_dead ||
        (c != BMD_CLASS_NONE && c != BMD_OBJ_WARHEAD && c != BMD_CLASS_UNDECIDED))
        return ENG_PRIO_NON_THREAT;
    if (th->busy || th->reengage || th->solution) return ENG_PRIO_ENGAGED;
    return ENG_PRIO_TRACKED;
}

static int cmp_sched(const void *a, const void *b)
{
    const sched_item *x = a, *y = b;
    if (x->rank != y->rank) return x->rank < y->rank ? -1 : 1;
    if (x->t_pred_s != y->t_pred_s) return x->t_pred_s < y->t_pred_s ? -1 : 1;
    return x->k < y->k ? -1 : (x->k > y->k);
}

/* Radar time budgets at time t: each radar's demand and occupancy, and
 * each track's revisit stretch (docs/models/engage.md, "Radar time
 * budget"); records the maxima and, when recording, a row per radar every
 * second. */
static int radar_budget(run *r, double t)
{
    const bmd_scenario *s = r->s;
    size_t nk = s->n_threats;
    bmd_engage_result *res = r->res;
    int rec = r->o->record && t >= r->next_occ_s;
    if (rec) r->next_occ_s = t + 1.0 - 1e-9;
    for (size_t i = 0; i < s->n_radars; i++) {
        const bmd_scn_radar *rd = &s->radar[i];
        size_t n = 0;
        for (size_t k = 0; k < nk; k++) {
            const thstate *th = &r->th[k];
            sensor *sn = &r->sens[i * nk + k];
            sn->stretch = 1.0;
            if (sn->started && (th->alive || th->reengage) && !th->impacted) {
                /* rank: class, then a poor track (position sigma above the
                 * quality threshold) before a good one, then the earlier
                 * predicted impact, then threat order */
                int rank = 0;
                if (rd->time_budget) {
                    sn->priority = track_priority(r, k);
                    int poor = s->filter != BMD_FILTER_TRUTH &&
                               bmd_track_pos_sigma_m(&sn->tk) > rd->quality_sigma_m;
                    rank = 2 * sn->priority + (poor ? 0 : 1);
                }
                r->sched[n++] = (sched_item){rank, th->pred_impact_s, k};
            }
        }
        double u = rd->radar.mode.t_dwell_s / rd->revisit_s; /* one track's share */
        double sf = rd->time_budget ? rd->search_fraction : 0.0;
        double trk = (double)n * u;
        double demand = sf + trk, occ = demand;
        if (rd->time_budget && demand > 1.0) {
            double a = 1.0 - sf, smax = rd->max_stretch;
            double s_all = trk / a; /* every revisit alike (the uniform rule) */
            size_t p = 0;           /* tracks that keep their revisit */
            double s_low = s_all;   /* the stretch of the others */
            if (rd->schedule == BMD_SCHED_PRIORITY && trk / smax <= a && smax > 1.0) {
                /* the most tracks p that keep the revisit while the rest,
                 * stretched by at most smax, still fit:
                 * p u + (n - p) u / smax <= a */
                double pf = floor((a - trk / smax) / (u * (1.0 - 1.0 / smax)));
                p = pf > 0.0 ? (size_t)pf : 0;
                if (p > n - 1) p = n - 1;
                s_low = (double)(n - p) * u / (a - (double)p * u);
                if (s_low > smax) s_low = smax; /* rounding only */
                if (s_low < 1.0) s_low = 1.0;
                qsort(r->sched, n, sizeof *r->sched, cmp_sched);
            }
            for (size_t j = 0; j < n; j++)
                r->sens[i * nk + r->sched[j].k].stretch = j < p ? 1.0 : s_low;
            occ = 1.0;
        }
        /* a track whose stretch changed since its last look is due at its
         * latest look plus the revisit it is given now */
        for (size_t j = 0; j < n; j++) {
            sensor *sn = &r->sens[i * nk + r->sched[j].k];
            sn->next_look_s = sn->last_look_s + rd->revisit_s * sn->stretch;
        }
        if (demand > res->radar_demand_max[i]) res->radar_demand_max[i] = demand;
        if (demand > 1.0) res->radar_over_share[i] += 1.0; /* cycles; a share at the end */
        if (occ > res->radar_occupancy_max[i]) res->radar_occupancy_max[i] = occ;
        if (!rec) continue;
        if (bmd__eng_grow((void **)&res->occ, &r->cap_occ, res->n_occ, sizeof *res->occ))
            return bmd_err_set(r->err, BMD_ENOMEM, "out of memory");
        res->occ[res->n_occ++] = (bmd_eng_occ_row){t, (int)i, (int)n, demand, occ};
    }
    return BMD_OK;
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
    free(r->sched);
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
    bmd_rng_init(&r.rng_seeker, seed, base + 3u);
    bmd_rng_init(&r.rng_feat, seed, base + 4u);
    bmd_rng_init(&r.rng_assess, seed, base + 5u);
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
    res->radar_occupancy_max = calloc(nr ? nr : 1, sizeof *res->radar_occupancy_max);
    res->radar_demand_max = calloc(nr ? nr : 1, sizeof *res->radar_demand_max);
    res->radar_over_share = calloc(nr ? nr : 1, sizeof *res->radar_over_share);
    r.sched = malloc(nk * sizeof *r.sched);
    size_t *bord = malloc((nb ? nb : 1) * sizeof *bord);
    int st = BMD_OK;
    if (!r.site || !r.ic || !r.reaction_s || !r.inventory || !r.sens || !r.th || !r.engagements ||
        !r.cand || !r.cand_key || !r.pred || !res->threat || !bord || !res->radar_occupancy_max ||
        !res->radar_demand_max || !r.sched || !res->radar_over_share) {
        st = bmd_err_set(err, BMD_ENOMEM, "out of memory");
        goto done;
    }
    res->n_threats = nk;
    res->n_radars = nr;
    if (nr) memcpy(r.site, p->site, nr * sizeof *r.site);
    for (size_t b = 0; b < nb; b++) {
        r.ic[b] = s->battery[b].interceptor;
        r.reaction_s[b] = s->battery[b].reaction_s;
        /* In long long: two ints near 2^31 once overflowed here (UBSan);
         * bmd_scenario_check refuses a product above INT_MAX. */
        long long inv = (long long)s->battery[b].launchers * s->battery[b].missiles_per_launcher;
        r.inventory[b] = inv > INT_MAX ? INT_MAX : (int)inv;
    }
    bmd__eng_battery_order(s, bord);
    for (size_t k = 0; k < nk; k++) {
        r.th[k].alive = 1;
        r.th[k].rcs_scale = 1.0;
        r.th[k].firm_radar = -1;
        r.th[k].last_battery = -1;
        r.th[k].pred_impact_s = INFINITY;
        bmd_eng_threat *tr = &res->threat[k];
        tr->kind = s->threat[k].kind;
        tr->classified_as = BMD_CLASS_NONE;
        tr->classified_alt_m = -1.0;
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
    r.tcfg.q_accel_mps2 = s->track_q_accel_mps2;
    if (s->track_invbeta_sigma_m2pkg > 0.0)
        r.tcfg.sigma_invbeta0_m2pkg = s->track_invbeta_sigma_m2pkg;
    for (size_t i = 0; i < nr * nk; i++)
        r.sens[i].next_look_s = -INFINITY;
    double t_end = p->t_end_s;
    for (size_t k = 0; k < nk; k++)
        if (r.th[k].t_impact_s > t_end) t_end = r.th[k].t_impact_s;
    long n_steps = (long)ceil((t_end - p->t0_s) / s->dt_s) + 1, cycles = 0;
    for (long it = 0; it <= n_steps; it++) {
        cycles++;
        double t = p->t0_s + (double)it * s->dt_s;
        if ((st = bmd__eng_resolve(&r, t)) != BMD_OK) goto done;
        int active = 0;
        for (size_t k = 0; k < nk; k++) {
            thstate *th = &r.th[k];
            if (th->alive && !th->impacted && t >= th->t_impact_s) {
                th->impacted = 1;
                res->threat[k].impact_time_s = th->t_impact_s;
                if (res->threat[k].interceptors_used > 0) res->threat[k].outcome = BMD_ENG_LEAKED;
            }
            if (th->alive && !th->impacted) active = 1;
            /* the remains of a kill assessed as a survivor, until they land */
            if (th->reengage && t < th->t_impact_s) active = 1;
            /* an assessment still to come may call for a re-engagement */
            if (th->busy && th->last_battery >= 0 &&
                s->battery[th->last_battery].assessment_error > 0.0)
                active = 1;
        }
        if ((st = radar_budget(&r, t)) != BMD_OK) goto done;
        for (size_t i = 0; i < nr; i++)
            for (size_t k = 0; k < nk; k++) {
                thstate *th = &r.th[k];
                double tl = s->threat[k].launch_time_s + th->shift_s;
                /* a kill assessed as a survivor is still looked at (its
                 * remains fly on) */
                if ((!th->alive && !th->reengage) || th->impacted || t < tl) continue;
                if (t + 1e-9 < r.sens[i * nk + k].next_look_s) continue;
                if ((st = bmd__eng_look(&r, i, k, t)) != BMD_OK) goto done;
            }
        if (nb && (st = bmd__eng_fire_control(&r, t, bord)) != BMD_OK) goto done;
        if (!active) {
            int pending_left = 0;
            for (size_t i = 0; i < r.n_pend; i++)
                pending_left |= !r.pend[i].resolved;
            if (!pending_left) break;
        }
    }
    if ((st = bmd__eng_resolve(&r, INFINITY)) != BMD_OK) goto done;
    for (size_t i = 0; i < nr; i++)
        res->radar_over_share[i] /= (double)(cycles > 0 ? cycles : 1);
    for (size_t k = 0; k < nk; k++) {
        /* a leaker is a warhead that was not intercepted */
        if (s->threat[k].kind == BMD_OBJ_WARHEAD && res->threat[k].outcome != BMD_ENG_INTERCEPTED)
            res->leakers++;
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
