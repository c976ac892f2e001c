/* engage_csv.c: an engagement's events, trajectories and tracks as CSV
 * (bmd/export.h), the files of `bmdsim run -o DIR`. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bmd/const.h"
#include "bmd/export.h"

int bmd_eng_events_csv(const bmd_sink *s, const char *header, const bmd_engage_plan *plan,
                       const bmd_engage_result *r)
{
    const bmd_scenario *sc = bmd_engage_plan_scenario(plan);
    int st = bmd_sink_printf(s,
                             "%st_s,event,threat,battery,radar,alt_m,range_m,pip_alt_m,"
                             "pip_range_m,miss_distance_m,speed_mps,killed,from_radar\n",
                             header ? header : "");
    for (size_t i = 0; i < r->n_events && st == BMD_OK; i++) {
        const bmd_eng_event *e = &r->event[i];
        char alt[32] = "", rng[32] = "", palt[32] = "", prng[32] = "", miss[32] = "", spd[32] = "",
             kill[4] = "";
        /* the interceptor launch's height and range are those of the
         * predicted intercept point (docs/models/engage.md, section 8) */
        int pip = e->kind == BMD_EV_IC_LAUNCH;
        snprintf(pip ? palt : alt, sizeof alt, "%.1f", e->alt_m);
        if (e->range_m >= 0.0) snprintf(pip ? prng : rng, sizeof rng, "%.1f", e->range_m);
        if ((e->kind == BMD_EV_INTERCEPT || e->kind == BMD_EV_MISS) && isfinite(e->value))
            snprintf(miss, sizeof miss, "%.3f", e->value);
        if (e->kind == BMD_EV_BURNOUT || e->kind == BMD_EV_IMPACT)
            snprintf(spd, sizeof spd, "%.1f", e->value);
        if (e->kind == BMD_EV_KILL_ASSESSMENT) snprintf(kill, sizeof kill, "%d", e->value > 0.5);
        /* from_radar: the radar that handed a track over (handover) */
        const char *from =
            e->kind == BMD_EV_HANDOVER && e->radar_from >= 0 && (size_t)e->radar_from < sc->n_radars
                ? sc->radar[e->radar_from].name
                : "";
        st = bmd_sink_printf(s, "%.3f,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", e->t_s,
                             bmd_eng_event_label(r, e),
                             e->threat >= 0 ? sc->threat[e->threat].name : "",
                             e->battery >= 0 ? sc->battery[e->battery].name : "",
                             e->radar >= 0 ? sc->radar[e->radar].name : "", alt, rng, palt, prng,
                             miss, spd, kill, from);
    }
    return st;
}

int bmd_eng_trajectories_csv(const bmd_sink *s, const char *header, const bmd_engage_plan *plan,
                             const bmd_engage_result *r, bmd_errbuf *err)
{
    const bmd_scenario *sc = bmd_engage_plan_scenario(plan);
    bmd_eng_truth_row *rows = NULL;
    size_t n = 0;
    int st = bmd_engage_truth_ended(plan, r, &rows, &n, err); /* ends at a kill */
    if (st != BMD_OK) return st;
    st = bmd_sink_printf(s, "%sobject,kind,t_s,lat_deg,lon_deg,alt_m,speed_mps\n",
                         header ? header : "");
    for (size_t i = 0; i < n && st == BMD_OK; i++)
        st = bmd_sink_printf(s, "%s,threat,%.3f,%.6f,%.6f,%.1f,%.1f\n",
                             sc->threat[rows[i].threat].name, rows[i].t_s,
                             rows[i].lat_rad * BMD_RAD2DEG, rows[i].lon_rad * BMD_RAD2DEG,
                             rows[i].alt_m, rows[i].speed_mps);
    free(rows);
    /* interceptors: their flown paths, every second from launch to the
       closest approach (bmd_engage_interceptor_paths) */
    bmd_eng_ic_row *ir = NULL;
    size_t ni = 0;
    if (st == BMD_OK) st = bmd_engage_interceptor_paths(plan, r, 1.0, &ir, &ni, err);
    for (size_t i = 0; i < ni && st == BMD_OK; i++)
        st = bmd_sink_printf(s, "interceptor-%d,interceptor,%.3f,%.6f,%.6f,%.1f,%.1f\n",
                             ir[i].shot + 1, ir[i].t_s, ir[i].lat_rad * BMD_RAD2DEG,
                             ir[i].lon_rad * BMD_RAD2DEG, ir[i].alt_m, ir[i].speed_mps);
    free(ir);
    return st;
}

int bmd_eng_tracks_csv(const bmd_sink *s, const char *header, const bmd_engage_plan *plan,
                       const bmd_engage_result *r)
{
    const bmd_scenario *sc = bmd_engage_plan_scenario(plan);
    static const char *const stn[] = {"tentative", "firm", "dropped"};
    int st = bmd_sink_printf(s,
                             "%st_s,threat,radar,status,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps,"
                             "inv_beta_m2pkg,pos_sigma_m,pos_error_m,iip_lat_deg,iip_lon_deg,"
                             "iip_semi_major_m,iip_semi_minor_m,inv_beta_sigma_m2pkg,"
                             "classified_as,priority,revisit_s\n",
                             header ? header : "");
    for (size_t i = 0; i < r->n_tracks && st == BMD_OK; i++) {
        const bmd_eng_track_row *w = &r->track[i];
        st = bmd_sink_printf(s, "%.3f,%s,%s,%s,%.2f,%.2f,%.2f,%.3f,%.3f,%.3f,%.6e,%.2f,%.2f,",
                             w->t_s, sc->threat[w->threat].name, sc->radar[w->radar].name,
                             stn[w->status >= 0 && w->status < 3 ? w->status : 0], w->x[0], w->x[1],
                             w->x[2], w->x[3], w->x[4], w->x[5], w->x[6], w->pos_sigma_m,
                             w->pos_error_m);
        if (st == BMD_OK && isfinite(w->iip_lat_rad))
            st = bmd_sink_printf(s, "%.6f,%.6f,%.1f,%.1f,", w->iip_lat_rad * BMD_RAD2DEG,
                                 w->iip_lon_rad * BMD_RAD2DEG, w->iip_semi_major_m,
                                 w->iip_semi_minor_m);
        else if (st == BMD_OK)
            st = bmd_sink_printf(s, ",,,,");
        if (st == BMD_OK)
            st = bmd_sink_printf(s, "%.6e,%s,", w->invbeta_sigma_m2pkg,
                                 bmd_eng_class_name(w->classified_as));
        /* the time budget's scheduling class (blank without a budget) and
         * the revisit scheduled at this look */
        if (st == BMD_OK && w->priority > 0)
            st = bmd_sink_printf(s, "%d,%.3f\n", w->priority, w->revisit_s);
        else if (st == BMD_OK)
            st = bmd_sink_printf(s, ",%.3f\n", w->revisit_s);
    }
    return st;
}

int bmd_eng_occupancy_csv(const bmd_sink *s, const char *header, const bmd_engage_plan *plan,
                          const bmd_engage_result *r)
{
    const bmd_scenario *sc = bmd_engage_plan_scenario(plan);
    int st = bmd_sink_printf(s, "%st_s,radar,tracks,demand,occupancy\n", header ? header : "");
    for (size_t i = 0; i < r->n_occ && st == BMD_OK; i++) {
        const bmd_eng_occ_row *w = &r->occ[i];
        if (w->radar < 0 || (size_t)w->radar >= sc->n_radars) continue;
        st = bmd_sink_printf(s, "%.3f,%s,%d,%.6f,%.6f\n", w->t_s, sc->radar[w->radar].name,
                             w->tracks, w->demand, w->occupancy);
    }
    return st;
}
