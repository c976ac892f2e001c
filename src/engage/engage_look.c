/*
 * engage_look.c: the radar looks of one engagement run: detection draws,
 * track start, update and drop, restart after burnout, M-of-N firm tracks
 * (bmd_engage_run; docs/models/engage.md).
 */
#include "engage_state.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/track.h"

/* ---- radar looks ----------------------------------------------------------- */

/* Engagement time of threat k's final burnout in this run. */
static double t_burnout(const run *r, size_t k)
{
    return r->s->threat[k].launch_time_s + r->th[k].shift_s + r->p->truth[k].sum.burnout_time_s;
}

/* The radar that hands its track on threat k to radar i at t, or -1: the
 * first other radar holding a firm track (in filter mode the filter firm
 * and past the threat's final burnout: a track held through the boost
 * lags, engage.md, and is not handed on). */
static int handover_source(const run *r, size_t i, size_t k, double t)
{
    const bmd_scenario *s = r->s;
    for (size_t j = 0; j < s->n_radars; j++) {
        const sensor *sj = &r->sens[j * s->n_threats + k];
        if (j == i || !sj->started || !sj->firm) continue;
        if (s->filter == BMD_FILTER_TRUTH) return (int)j;
        if (sj->tk.status == BMD_TRACK_FIRM && !sj->boost_track && t >= t_burnout(r, k))
            return (int)j;
    }
    return -1;
}

int bmd__eng_look(run *r, size_t i, size_t k, double t)
{
    const bmd_scenario *s = r->s;
    sensor *sn = &r->sens[i * s->n_threats + k];
    thstate *th = &r->th[k];
    truth_ctx tc = {r, k, 0};
    double x[3], v[3];
    if (bmd__eng_truth_fn(&tc, t, x, v) != 0) return BMD_OK;
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
    if (det && s->discrimination == BMD_DISCR_RCS) {
        /* the declared feature model: the RCS measured at this look in dB,
         * true value plus a Gaussian error, less the warhead template (the
         * RCS of its missile's re-entry vehicle at the same aspect, what the
         * defence expects of a warhead; docs/models/discrimination.md) */
        const bmd_scn_threat *tt = &s->threat[k];
        const bmd_scn_threat *wm = tt->released_by > 0 ? &s->threat[tt->released_by - 1] : tt;
        double tmpl;
        if (bmd_rcs_eval(&wm->rcs, aspect, &tmpl) == BMD_OK && tmpl > 0.0 && rcs > 0.0) {
            sn->feat_sum_db +=
                10.0 * log10(rcs / tmpl) + s->discr_rcs_noise_db * bmd_rng_normal(&r->rng_feat);
            sn->feat_n++;
        }
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
            if ((st = bmd__eng_add_event(r, t, BMD_EV_FIRST_DETECTION, (int)k, -1, (int)i, -1,
                                         obs.alt_m, obs.range_m, 0.0)) != BMD_OK)
                return st;
        }
        int from = handover_source(r, i, k, t);
        if (from >= 0) {
            /* Handover: another radar holds a firm track on the object;
             * its track (state and covariance, M-of-N history, RCS
             * features) is handed to this radar, which updates it with
             * this detection instead of starting a fresh track
             * (docs/models/engage.md, "Handover"). */
            const sensor *sf = &r->sens[(size_t)from * s->n_threats + k];
            sn->firm = 1;
            sn->feat_sum_db += sf->feat_sum_db;
            sn->feat_n += sf->feat_n;
            if (s->filter != BMD_FILTER_TRUTH) {
                bmd_errbuf e2;
                sn->tk = sf->tk;
                /* the track re-sited: the ECEF state and covariance are
                 * the same, the measurement model is this radar's */
                memcpy(sn->tk.site_ecef_m, site->r0_ecef_m, sizeof sn->tk.site_ecef_m);
                bmd_geo_enu_basis(site->radar.face.lat_rad, site->radar.face.lon_rad, sn->tk.enu);
                st = bmd_track_look(&sn->tk, &r->tcfg, t, &z, &e2);
                if (st == BMD_EDOM)
                    sn->tk.status = BMD_TRACK_DROPPED;
                else if (st != BMD_OK)
                    return bmd_err_set(r->err, st, "track handover: %s", e2.msg);
            }
            if ((st = bmd__eng_add_event(r, t, BMD_EV_HANDOVER, (int)k, -1, (int)i, -1, obs.alt_m,
                                         obs.range_m, 0.0)) != BMD_OK)
                return st;
            if (r->o->record) r->res->event[r->res->n_events - 1].radar_from = from;
        } else if (s->filter != BMD_FILTER_TRUTH) {
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
        /* a filter whose covariance broke down (e.g. a ballistic track fed
         * with revisits stretched by an over-subscribed time budget through
         * the boost) has lost the track: it is dropped and searched for
         * again, as a radar would */
        if (st == BMD_EDOM)
            sn->tk.status = BMD_TRACK_DROPPED;
        else if (st != BMD_OK)
            return bmd_err_set(r->err, st, "track update: %s", e2.msg);
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
        if ((st = bmd__eng_add_event(r, t, BMD_EV_TRACK_DROPPED, (int)k, -1, (int)i, -1, obs.alt_m,
                                     obs.range_m, 0.0)) != BMD_OK)
            return st;
        /* a dropped track is started again from search; the measured RCS
         * features stay with the object (associations are perfect,
         * docs/models/discrimination.md) */
        double fs = sn->feat_sum_db;
        int fn = sn->feat_n;
        memset(sn, 0, sizeof *sn);
        sn->feat_sum_db = fs;
        sn->feat_n = fn;
    }
    if (sn->firm && !was_firm) {
        bmd_eng_threat *tr = &r->res->threat[k];
        if (tr->firm_track_time_s < 0.0) {
            tr->firm_track_time_s = t;
            if (s->filter != BMD_FILTER_TRUTH) {
                double d[3] = {sn->tk.x[0] - x[0], sn->tk.x[1] - x[1], sn->tk.x[2] - x[2]};
                tr->pos_error_m = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            }
            if ((st = bmd__eng_add_event(r, t, BMD_EV_FIRM_TRACK, (int)k, -1, (int)i, -1, obs.alt_m,
                                         obs.range_m, 0.0)) != BMD_OK)
                return st;
        }
    }
    /* record the estimate */
    if (r->o->record && s->filter != BMD_FILTER_TRUTH && sn->started) {
        bmd_engage_result *res = r->res;
        if (bmd__eng_grow((void **)&res->track, &r->cap_track, res->n_tracks, sizeof *res->track))
            return bmd_err_set(r->err, BMD_ENOMEM, "out of memory");
        bmd_eng_track_row *row = &res->track[res->n_tracks++];
        memset(row, 0, sizeof *row);
        row->t_s = t;
        row->threat = (int)k;
        row->radar = (int)i;
        row->status = sn->tk.status;
        memcpy(row->x, sn->tk.x, sizeof row->x);
        row->pos_sigma_m = bmd_track_pos_sigma_m(&sn->tk);
        row->invbeta_sigma_m2pkg = sqrt(sn->tk.P[6][6] > 0.0 ? sn->tk.P[6][6] : 0.0);
        row->classified_as = bmd__eng_classify(r, k, (int)i);
        row->priority = s->radar[i].time_budget ? sn->priority : 0;
        row->revisit_s = s->radar[i].revisit_s * (sn->stretch > 0.0 ? sn->stretch : 1.0);
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
    /* a track's revisit stretches when its radar's time budget is
     * over-subscribed (engage_run.c, radar_budget, which also moves the
     * next look when the track's stretch changes before it) */
    double stf = sn->stretch > 0.0 ? sn->stretch : 1.0;
    if (sn->started) sn->last_look_s = t;
    sn->next_look_s = t + (sn->started ? s->radar[i].revisit_s * stf : search_s);
    return BMD_OK;
}
