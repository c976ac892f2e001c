/* plot_engagement.c: the engagement figures (bmd/plot_engage.h): the
 * timeline (altitude against time of each threat and interceptor, with the
 * events) and the radars' time budgets against time. */
#include "bmd/plot_engage.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/interceptor.h"

static int plot_event(int kind)
{
    switch (kind) {
    case BMD_EV_THREAT_LAUNCH:
        return BMD_PLOT_EV_LAUNCH;
    case BMD_EV_BURNOUT:
        return BMD_PLOT_EV_BURNOUT;
    case BMD_EV_APOGEE:
        return BMD_PLOT_EV_APOGEE;
    case BMD_EV_FIRST_DETECTION:
        return BMD_PLOT_EV_DETECT;
    case BMD_EV_FIRM_TRACK:
        return BMD_PLOT_EV_TRACK;
    case BMD_EV_IC_LAUNCH:
        return BMD_PLOT_EV_INTERCEPTOR;
    case BMD_EV_INTERCEPT:
        return BMD_PLOT_EV_INTERCEPT;
    case BMD_EV_MISS:
        return BMD_PLOT_EV_MISS;
    case BMD_EV_IMPACT:
        return BMD_PLOT_EV_IMPACT;
    default:
        return -1;
    }
}

int bmd_plot_engagement_timeline(const char *path, int format, const bmd_engage_plan *plan,
                                 const bmd_engage_result *r, bmd_errbuf *err)
{
    const bmd_scenario *s = bmd_engage_plan_scenario(plan);
    bmd_eng_truth_cols c;
    int st = bmd_eng_truth_cols_load(&c, plan, r, err);
    if (st != BMD_OK) return st;
    size_t nk = r->n_threats, nsh = r->n_shots;
    bmd_plot_series *ser = calloc(nk + nsh, sizeof *ser);
    bmd_eng_ic_cols ic;
    int ist = bmd_eng_ic_cols_load(&ic, plan, r, err);
    bmd_plot_marker *mk = calloc(r->n_events + 1, sizeof *mk);
    if (ist != BMD_OK) {
        st = ist;
        goto out;
    }
    if (!ser || !mk) {
        st = bmd_err_set(err, BMD_ENOMEM, "out of memory");
        goto out;
    }
    size_t ns = 0, nm = 0;
    for (size_t k = 0; k < nk; k++) {
        if (c.count[k] < 2) continue;
        bmd_plot_series *p = &ser[ns++];
        p->label = s->threat[k].name;
        p->role = BMD_PLOT_THREAT;
        p->n = c.count[k];
        /* an intercepted threat is drawn up to the intercept */
        double ti = r->threat[k].intercept_time_s;
        if (ti >= 0.0)
            while (p->n > 2 && c.t[c.first[k] + p->n - 2] >= ti)
                p->n--;
        p->t_s = c.t + c.first[k];
        p->alt_m = c.alt + c.first[k];
        p->lat_rad = c.lat + c.first[k];
        p->lon_rad = c.lon + c.first[k];
        p->highlight = c.hl + c.first[k];
    }
    for (size_t i = 0; i < nsh; i++) {
        if (ic.count[i] < 2) continue;
        bmd_plot_series *p = &ser[ns++];
        p->label = i == 0 ? "interceptors (flown paths)" : NULL;
        p->role = BMD_PLOT_INTERCEPTOR;
        p->n = ic.count[i];
        p->t_s = ic.t + ic.first[i];
        p->alt_m = ic.alt + ic.first[i];
        p->lat_rad = ic.lat + ic.first[i];
        p->lon_rad = ic.lon + ic.first[i];
    }
    for (size_t i = 0; i < r->n_events; i++) {
        const bmd_eng_event *e = &r->event[i];
        int pk = plot_event(e->kind);
        if (pk < 0) continue;
        bmd_plot_marker *m = &mk[nm++];
        m->event = (bmd_plot_event)pk;
        m->t_s = e->t_s;
        m->range_m = NAN;
        m->alt_m = e->kind == BMD_EV_IC_LAUNCH ? s->battery[e->battery].site.alt_m : e->alt_m;
    }
    if (ns == 0) {
        st = bmd_err_set(err, BMD_EINVAL, "no trajectory to plot");
        goto out;
    }
    bmd_plot_opts o;
    bmd_plot_opts_init(&o);
    o.path = path;
    o.format = (bmd_plot_format)format;
    char title[200], sub[300];
    snprintf(title, sizeof title, "%.150s: engagement timeline", s->name);
    snprintf(sub, sizeof sub,
             "altitude of threats (thick: in firm track) and interceptors; %zu threat(s), %d "
             "interceptor(s) fired, %d leaker(s)",
             nk, r->interceptors_fired, r->leakers);
    o.title = title;
    o.subtitle = sub;
    bmd_plot_band band = {0.0, 0.0, NULL};
    const bmd_plot_band *bp = NULL;
    if (s->n_batteries > 0) {
        band.alt_min_m = s->battery[0].interceptor.min_alt_m;
        band.alt_max_m = s->battery[0].interceptor.max_alt_m;
        band.label = "interceptor altitude band";
        bp = &band;
    }
    st = bmd_plot_timeline(&o, ser, ns, mk, nm, bp, err);
out:
    free(ser);
    bmd_eng_ic_cols_free(&ic);
    free(mk);
    bmd_eng_truth_cols_free(&c);
    return st;
}

int bmd_plot_engagement_occupancy(const char *path, int format, const bmd_engage_plan *plan,
                                  const bmd_engage_result *r, bmd_errbuf *err)
{
    const bmd_scenario *s = bmd_engage_plan_scenario(plan);
    size_t nr = r->n_radars < s->n_radars ? r->n_radars : s->n_radars;
    if (nr > 8) nr = 8;
    double *buf = malloc((3 * r->n_occ + 1) * sizeof *buf);
    bmd_plot_occ_series ser[8];
    char label[8][64];
    if (buf == NULL) return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    size_t ns = 0, off = 0;
    double dmax = 0.0;
    for (size_t i = 0; i < nr; i++) {
        bmd_plot_occ_series *q = &ser[ns];
        q->t_s = buf + off;
        q->n = 0;
        for (size_t j = 0; j < r->n_occ; j++)
            if (r->occ[j].radar == (int)i) buf[off + q->n++] = r->occ[j].t_s;
        q->occupancy = buf + off + q->n;
        q->demand = buf + off + 2 * q->n;
        size_t m = 0;
        for (size_t j = 0; j < r->n_occ; j++)
            if (r->occ[j].radar == (int)i) {
                buf[off + q->n + m] = r->occ[j].occupancy;
                buf[off + 2 * q->n + m] = r->occ[j].demand;
                dmax = fmax(dmax, r->occ[j].demand);
                m++;
            }
        off += 3 * q->n;
        if (q->n < 2) continue;
        snprintf(label[ns], sizeof label[ns], "%.60s", s->radar[i].name);
        q->label = label[ns];
        ns++;
    }
    if (ns == 0) {
        free(buf);
        return bmd_err_set(err, BMD_EINVAL, "no radar time budget recorded");
    }
    bmd_plot_opts o;
    bmd_plot_opts_init(&o);
    o.path = path;
    o.format = (bmd_plot_format)format;
    char title[200], sub[300];
    snprintf(title, sizeof title, "%.150s: radar time budget", s->name);
    snprintf(sub, sizeof sub,
             "demand = search share + tracks x dwell / revisit, occupancy = the share used "
             "(at most 100 %% with a time budget); largest demand %.0f %%",
             100.0 * dmax);
    o.title = title;
    o.subtitle = sub;
    int st = bmd_plot_occupancy(&o, ser, ns, err);
    free(buf);
    return st;
}
