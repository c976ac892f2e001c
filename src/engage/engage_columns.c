/* engage_columns.c: an engagement's truth and interceptor paths as
 * columns for figures and globe files (bmd/engage.h): the threats' truth
 * ending at their kill, split per threat with the firm-track arc marked;
 * the interceptors' flown paths split per shot. */
#include "bmd/engage.h"

#include <stdlib.h>
#include <string.h>

void bmd_eng_truth_cols_free(bmd_eng_truth_cols *c)
{
    free(c->rows);
    free(c->t);
    free(c->lat);
    free(c->lon);
    free(c->alt);
    free(c->hl);
    free(c->first);
    free(c->count);
    memset(c, 0, sizeof *c);
}

/* End of the tracked arc of threat k: intercept, else its last sample. */
static double arc_end(const bmd_engage_result *r, size_t k, double t_last)
{
    const bmd_eng_threat *t = &r->threat[k];
    return t->intercept_time_s >= 0.0 ? t->intercept_time_s : t_last;
}

/* The kill time of threat k, or -1 when it was not killed. */
static double kill_time(const bmd_engage_result *r, int k)
{
    if (k < 0 || (size_t)k >= r->n_threats) return -1.0;
    const bmd_eng_threat *t = &r->threat[k];
    return t->outcome == BMD_ENG_INTERCEPTED && t->intercept_time_s >= 0.0 ? t->intercept_time_s
                                                                           : -1.0;
}

int bmd_engage_truth_ended(const bmd_engage_plan *plan, const bmd_engage_result *r,
                           bmd_eng_truth_row **rows, size_t *n, bmd_errbuf *err)
{
    bmd_eng_truth_row *in = NULL;
    size_t m = 0;
    *rows = NULL, *n = 0;
    int st = bmd_engage_truth(plan, 1.0, &in, &m, err);
    if (st != BMD_OK) return st;
    bmd_eng_truth_row *o = malloc((m + r->n_threats + 1) * sizeof *o);
    if (o == NULL) {
        free(in);
        return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    }
    size_t k = 0;
    for (size_t i = 0; i < m; i++) {
        double tk = kill_time(r, in[i].threat);
        if (tk < 0.0 || in[i].t_s <= tk) {
            o[k++] = in[i];
            continue;
        }
        /* the first row after the kill: end on the kill instead */
        if (k > 0 && o[k - 1].threat == in[i].threat && o[k - 1].t_s < tk) {
            const bmd_eng_truth_row *a = &o[k - 1], *b = &in[i];
            double f = (tk - a->t_s) / (b->t_s - a->t_s);
            bmd_eng_truth_row x = *a;
            x.t_s = tk;
            x.lat_rad = a->lat_rad + f * (b->lat_rad - a->lat_rad);
            x.lon_rad = a->lon_rad + f * (b->lon_rad - a->lon_rad);
            x.alt_m = a->alt_m + f * (b->alt_m - a->alt_m);
            x.speed_mps = a->speed_mps + f * (b->speed_mps - a->speed_mps);
            o[k++] = x;
        }
    }
    free(in);
    *rows = o, *n = k;
    return BMD_OK;
}

int bmd_eng_truth_cols_load(bmd_eng_truth_cols *c, const bmd_engage_plan *plan,
                            const bmd_engage_result *r, bmd_errbuf *err)
{
    memset(c, 0, sizeof *c);
    int st = bmd_engage_truth_ended(plan, r, &c->rows, &c->n, err);
    if (st != BMD_OK) return st;
    size_t nk = r->n_threats, n = c->n;
    c->t = malloc((n + 1) * sizeof *c->t);
    c->lat = malloc((n + 1) * sizeof *c->lat);
    c->lon = malloc((n + 1) * sizeof *c->lon);
    c->alt = malloc((n + 1) * sizeof *c->alt);
    c->hl = malloc(n + 1);
    c->first = calloc(nk + 1, sizeof *c->first);
    c->count = calloc(nk + 1, sizeof *c->count);
    if (!c->t || !c->lat || !c->lon || !c->alt || !c->hl || !c->first || !c->count) {
        bmd_eng_truth_cols_free(c);
        return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        const bmd_eng_truth_row *w = &c->rows[i];
        size_t k = (size_t)w->threat;
        if (c->count[k] == 0) c->first[k] = i;
        c->count[k]++;
        c->t[i] = w->t_s;
        c->lat[i] = w->lat_rad;
        c->lon[i] = w->lon_rad;
        c->alt[i] = w->alt_m;
    }
    for (size_t k = 0; k < nk; k++) {
        double t0 = r->threat[k].firm_track_time_s;
        size_t a = c->first[k], m = c->count[k];
        double t1 = m ? arc_end(r, k, c->t[a + m - 1]) : 0.0;
        for (size_t i = a; i < a + m; i++)
            c->hl[i] = t0 >= 0.0 && c->t[i] >= t0 && c->t[i] <= t1;
    }
    return BMD_OK;
}

void bmd_eng_ic_cols_free(bmd_eng_ic_cols *c)
{
    free(c->t);
    free(c->lat);
    free(c->lon);
    free(c->alt);
    free(c->first);
    free(c->count);
    memset(c, 0, sizeof *c);
}

int bmd_eng_ic_cols_load(bmd_eng_ic_cols *c, const bmd_engage_plan *plan,
                         const bmd_engage_result *r, bmd_errbuf *err)
{
    memset(c, 0, sizeof *c);
    bmd_eng_ic_row *rows = NULL;
    size_t n = 0;
    int st = bmd_engage_interceptor_paths(plan, r, 1.0, &rows, &n, err);
    if (st != BMD_OK) return st;
    c->n = n;
    c->t = malloc((n + 1) * sizeof *c->t);
    c->lat = malloc((n + 1) * sizeof *c->lat);
    c->lon = malloc((n + 1) * sizeof *c->lon);
    c->alt = malloc((n + 1) * sizeof *c->alt);
    c->first = calloc(r->n_shots + 1, sizeof *c->first);
    c->count = calloc(r->n_shots + 1, sizeof *c->count);
    if (!c->t || !c->lat || !c->lon || !c->alt || !c->first || !c->count) {
        free(rows);
        bmd_eng_ic_cols_free(c);
        return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        size_t k = (size_t)rows[i].shot;
        if (c->count[k] == 0) c->first[k] = i;
        c->count[k]++;
        c->t[i] = rows[i].t_s, c->lat[i] = rows[i].lat_rad;
        c->lon[i] = rows[i].lon_rad, c->alt[i] = rows[i].alt_m;
    }
    free(rows);
    return BMD_OK;
}
