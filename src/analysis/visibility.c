/* visibility.c: visible arcs of a trajectory for one radar (bmd/visibility.h). */
#include "bmd/visibility.h"

#include <math.h>
#include <string.h>

/* State carried through the flight's sample callback. */
struct vis_ctx {
    const bmd_radar_site *site;
    const bmd_rcs_table *rcs;
    double rcs_m2, dt_s;
    bmd_visibility *vis;
    int in_arc; /* the previous sample was visible */
    int status; /* first error of bmd_radar_observe / bmd_rcs_eval */
};

static void arc_open(bmd_visibility *v, const bmd_traj_sample *s, const bmd_radar_obs *o)
{
    if (v->n_arcs < BMD_VIS_MAX_ARCS) {
        bmd_vis_arc *a = &v->arcs[v->n_arcs];
        a->t_first_s = a->t_last_s = s->t_s;
        a->alt_first_m = a->alt_last_m = s->alt_m;
        a->range_first_m = a->range_last_m = o->range_m;
        a->min_range_m = o->range_m;
        a->max_snr = o->snr;
    }
    v->n_arcs++;
    if (!v->visible) {
        v->visible = 1;
        v->first_detect_time_s = s->t_s;
    }
}

static void arc_extend(bmd_visibility *v, const bmd_traj_sample *s, const bmd_radar_obs *o)
{
    if (v->n_arcs > BMD_VIS_MAX_ARCS) return;
    bmd_vis_arc *a = &v->arcs[v->n_arcs - 1];
    v->track_duration_s += s->t_s - a->t_last_s;
    a->t_last_s = s->t_s;
    a->alt_last_m = s->alt_m;
    a->range_last_m = o->range_m;
    if (o->range_m < a->min_range_m) a->min_range_m = o->range_m;
    if (o->snr > a->max_snr) a->max_snr = o->snr;
}

/* Charge the interval before this sample to the first blocking reason. */
static void charge(bmd_visibility *v, unsigned reasons, double dt)
{
    if (reasons & (BMD_RADAR_BELOW_HORIZON | BMD_RADAR_BELOW_MIN_EL))
        v->t_below_horizon_s += dt;
    else if (reasons & BMD_RADAR_OUT_OF_FOR)
        v->t_out_of_for_s += dt;
    else if (reasons & BMD_RADAR_BEYOND_INSTR)
        v->t_beyond_instr_s += dt;
    else if (reasons & BMD_RADAR_LOW_SNR)
        v->t_low_snr_s += dt;
}

static int on_sample(void *ctx, const bmd_traj_sample *s)
{
    struct vis_ctx *c = ctx;
    bmd_visibility *v = c->vis;
    /* Only periodic samples: event samples would make the arcs depend on
     * where events fall, not on the sampling interval. */
    if (s->event != BMD_TRAJ_EV_NONE) return 0;
    double rcs = c->rcs_m2;
    if (c->rcs != NULL) {
        double aspect = bmd_rcs_aspect(c->site->r0_ecef_m, s->r_ecef_m, s->v_ecef_mps);
        int st = bmd_rcs_eval(c->rcs, aspect, &rcs);
        if (st != BMD_OK) return c->status = st, 1;
    }
    bmd_radar_obs o;
    int st = bmd_radar_observe(c->site, s->r_ecef_m, rcs, &o);
    if (st != BMD_OK) return c->status = st, 1;
    v->n_samples++;
    if (o.range_m < v->closest_range_m) v->closest_range_m = o.range_m;
    if (o.reasons == 0) {
        if (c->in_arc)
            arc_extend(v, s, &o);
        else
            arc_open(v, s, &o);
        if (v->min_slant_range_m < 0 || o.range_m < v->min_slant_range_m)
            v->min_slant_range_m = o.range_m;
        if (o.snr > v->max_snr) v->max_snr = o.snr;
        c->in_arc = 1;
    } else {
        if (v->n_samples > 1) charge(v, o.reasons, c->dt_s);
        c->in_arc = 0;
    }
    return 0;
}

static int check_args(const bmd_radar_site *site, const bmd_traj_config *cfg, double rcs_m2,
                      const bmd_rcs_table *rcs, double dt_s, bmd_visibility *vis, bmd_errbuf *err)
{
    if (site == NULL || cfg == NULL || vis == NULL)
        return bmd_err_set(err, BMD_EINVAL, "visibility: NULL argument");
    if (!(dt_s > 0) || !isfinite(dt_s))
        return bmd_err_set(err, BMD_EINVAL, "visibility: sampling interval must be positive");
    if (rcs == NULL && !(rcs_m2 > 0 && isfinite(rcs_m2)))
        return bmd_err_set(err, BMD_EINVAL, "visibility: RCS must be positive, found %g m2",
                           rcs_m2);
    return BMD_OK;
}

static void init_run(struct vis_ctx *c, bmd_traj_config *run, const bmd_traj_config *cfg,
                     const bmd_radar_site *site, const bmd_rcs_table *rcs, double rcs_m2,
                     double dt_s, bmd_visibility *vis)
{
    memset(vis, 0, sizeof *vis);
    vis->first_detect_time_s = -1.0;
    vis->min_slant_range_m = -1.0;
    vis->closest_range_m = INFINITY;
    c->site = site;
    c->rcs = rcs;
    c->rcs_m2 = rcs_m2;
    c->dt_s = dt_s;
    c->vis = vis;
    c->in_arc = 0;
    c->status = BMD_OK;
    *run = *cfg;
    run->sample_dt_s = dt_s;
    run->sample = on_sample;
    run->sample_ctx = c;
}

static int finish(const struct vis_ctx *c, int st, const bmd_traj_summary *s, bmd_traj_summary *sum,
                  bmd_errbuf *err)
{
    if (c->status != BMD_OK)
        return bmd_err_set(err, c->status, "visibility: radar test failed: %s",
                           bmd_strerror(c->status));
    if (st != BMD_OK) return st;
    c->vis->flight_time_s = s->flight_time_s;
    if (sum) *sum = *s;
    return BMD_OK;
}

int bmd_visibility_fly(const bmd_radar_site *site, const bmd_traj_config *cfg, const bmd_missile *m,
                       const bmd_traj_launch *l, const bmd_rcs_table *rcs, double rcs_m2,
                       double dt_s, bmd_visibility *vis, bmd_traj_summary *sum, bmd_errbuf *err)
{
    int st = check_args(site, cfg, rcs_m2, rcs, dt_s, vis, err);
    if (st != BMD_OK) return st;
    if (m == NULL || l == NULL) return bmd_err_set(err, BMD_EINVAL, "visibility: NULL argument");
    struct vis_ctx c;
    bmd_traj_config run;
    bmd_traj_summary s;
    init_run(&c, &run, cfg, site, rcs, rcs_m2, dt_s, vis);
    st = bmd_traj_fly(&run, m, l, &s, err);
    return finish(&c, st, &s, sum, err);
}

int bmd_visibility_fly_impulsive(const bmd_radar_site *site, const bmd_traj_config *cfg,
                                 const bmd_traj_impulsive *b, const bmd_rcs_table *rcs,
                                 double rcs_m2, double dt_s, bmd_visibility *vis,
                                 bmd_traj_summary *sum, bmd_errbuf *err)
{
    int st = check_args(site, cfg, rcs_m2, rcs, dt_s, vis, err);
    if (st != BMD_OK) return st;
    if (b == NULL) return bmd_err_set(err, BMD_EINVAL, "visibility: NULL argument");
    struct vis_ctx c;
    bmd_traj_config run;
    bmd_traj_summary s;
    init_run(&c, &run, cfg, site, rcs, rcs_m2, dt_s, vis);
    st = bmd_traj_fly_impulsive(&run, b, &s, err);
    return finish(&c, st, &s, sum, err);
}

double bmd_vis_fan_range(const bmd_radar *r, double rcs_m2)
{
    double range = 0.0;
    if (bmd_radar_track_range(r, rcs_m2, &range) != BMD_OK) range = 0.0;
    if (r->mode.instr_range_m > 0 && r->mode.instr_range_m < range) range = r->mode.instr_range_m;
    return range;
}
