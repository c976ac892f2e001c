/* footprint_family.c: trajectory families around a fixed point: rings of
 * solved flights (nodes), the kick table, and the blend of four nodes into
 * the trajectory of a cell (docs/models/footprint.md). */
#include "footprint_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "bmd/const.h"
#include "bmd/core.h"
#include "bmd/vec3.h"

/* ---- families ----------------------------------------------------------------------- */

static size_t node_id(const fp_family *f, int ring, long j)
{
    long n = f->ring_n[ring];
    j %= n;
    if (j < 0) j += n;
    return f->ring_first[ring] + (size_t)j;
}

static void node_pos(const fp_family *f, size_t id, int *ring, long *j)
{
    int lo = 0, hi = f->n_rings - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (f->ring_first[mid] <= id)
            lo = mid;
        else
            hi = mid - 1;
    }
    *ring = lo;
    *j = (long)(id - f->ring_first[lo]);
}

/* The block of ring azimuth j: [b0, b1) and its head. */
static void block_of(const fp_family *f, int ring, long j, long *b0, long *b1, long *head)
{
    long n = f->ring_n[ring];
    *b0 = j / FP_CHAIN * FP_CHAIN;
    *b1 = *b0 + FP_CHAIN < n ? *b0 + FP_CHAIN : n;
    *head = *b0 + (*b1 - *b0) / 2;
}

int bmd__fp_chain_prev(const fp_family *f, size_t id, size_t *prev)
{
    int ring;
    long j, b0, b1, h;
    node_pos(f, id, &ring, &j);
    block_of(f, ring, j, &b0, &b1, &h);
    if (j == h) return 0;
    *prev = j > h ? id - 1 : id + 1;
    return 1;
}

int bmd__fp_chain_prev2(const fp_family *f, size_t id, size_t *prev2)
{
    int ring;
    long j, b0, b1, h;
    node_pos(f, id, &ring, &j);
    block_of(f, ring, j, &b0, &b1, &h);
    long p2 = j > h + 1 ? j - 2 : (j == h + 1 ? h - 1 : (j < h - 1 ? j + 2 : -1));
    if (p2 < b0) return 0;
    *prev2 = f->ring_first[ring] + (size_t)p2;
    return 1;
}

size_t bmd__fp_chain_head(const fp_family *f, size_t id)
{
    int ring;
    long j, b0, b1, h;
    node_pos(f, id, &ring, &j);
    block_of(f, ring, j, &b0, &b1, &h);
    return f->ring_first[ring] + (size_t)h;
}

void bmd__fp_chain_block(const fp_family *f, size_t id, size_t *first, size_t *last)
{
    int ring;
    long j, b0, b1, h;
    node_pos(f, id, &ring, &j);
    block_of(f, ring, j, &b0, &b1, &h);
    *first = f->ring_first[ring] + (size_t)b0;
    *last = f->ring_first[ring] + (size_t)b1 - 1;
}

/* The four nodes and weights around a cell at (R, az) from the fixed
 * point; 0 when the cell is outside the rings (inner ring or beyond). */
int bmd__fp_cell_nodes(const fp_family *f, double R, double az, size_t id[4], double wgt[4])
{
    double x = R / f->dr;
    int i = (int)floor(x);
    if (i < 1 || i + 1 >= f->n_rings) return 0;
    double wr = x - i;
    double a = bmd_wrap_2pi(az);
    for (int q = 0; q < 2; q++) {
        int ring = i + q;
        double y = a / (2.0 * BMD_PI) * f->ring_n[ring];
        double j0 = floor(y), fa = y - j0;
        double wq = q ? wr : 1.0 - wr;
        id[2 * q] = node_id(f, ring, (long)j0);
        id[2 * q + 1] = node_id(f, ring, (long)j0 + 1);
        wgt[2 * q] = wq * (1.0 - fa);
        wgt[2 * q + 1] = wq * fa;
    }
    return 1;
}

/* Solve one node: a flight from the launch to the aim end that impacts
 * within FP_NODE_TOL_M of the aim point, with the family's kick. */
int bmd__fp_solve_node(const bmd_footprint *fp, const fp_family *f, size_t id, fp_node *nd,
                       const fp_node *prev, const fp_node *prev2, bmd_errbuf *err)
{
    int ring;
    long j;
    node_pos(f, id, &ring, &j);
    double R = ring * f->dr, az = 2.0 * BMD_PI * (double)j / f->ring_n[ring], clat, clon;
    bmd_geo_direct(fp->cfg.earth, f->lat, f->lon, az, R, &clat, &clon, NULL);
    double llat, llon, alat, alon;
    bmd__fp_ends(fp, f->lat, f->lon, clat, clon, &llat, &llon, &alat, &alon);
    size_t cap = (size_t)(FP_DIRECT_T_MAX_S / fp->cfg.node_dt_s) + 8;
    double(*rv)[6] = malloc(cap * sizeof *rv);
    double *tt = malloc(cap * sizeof *tt);
    if (rv == NULL || tt == NULL) {
        free(rv);
        free(tt);
        return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    }
    bmd_traj_config tc = fp->tcfg;
    collect_ctx cc = {rv, tt, 0, cap};
    tc.sample_dt_s = fp->cfg.node_dt_s;
    tc.sample = bmd__fp_collect;
    tc.sample_state_only = 1; /* r and v are all it keeps */
    tc.sample_ctx = &cc;
    bmd_traj_summary sum;
    int st = BMD_OK, solved = 0;
    nd->flights = 0;
    nd->dcut = nd->ddaz = nd->slope = NAN;
    if (fp->cfg.threat == BMD_FP_VACUUM) {
        st = bmd__fp_fly_vacuum(fp, &tc, llat, llon, alat, alon, &sum, NULL);
        nd->flights = 1;
        solved = st == BMD_OK && sum.impacted;
    } else {
        double s, az_geo;
        bmd_geo_inverse(fp->cfg.earth, llat, llon, alat, alon, &s, &az_geo, NULL);
        const bmd_missile *m = fp->cfg.missile;
        double full = bmd_traj_full_burn_s(m);
        double c_min = m->vertical_rise_s + BMD_TRAJ_KICK_DURATION_S;
        bmd_traj_launch l;
        bmd_traj_launch_init(&l, llat, llon, 0.0, az_geo);
        double cut0 = bmd__fp_interp(f->k_r, f->k_cut, f->nk, s);
        double daz0 = bmd__fp_interp(f->k_r, f->k_daz, f->nk, s);
        int warm = prev != NULL && prev->state == 1 && isfinite(prev->dcut);
        double dc = 0.0, da = 0.0;
        if (warm) {
            dc = prev->dcut, da = prev->ddaz;
            if (prev2 != NULL && prev2->state == 1 && isfinite(prev2->dcut)) {
                /* linear in the azimuth step: the offsets turn with the
                 * azimuth (the Earth's rotation) */
                dc += prev->dcut - prev2->dcut;
                da += prev->ddaz - prev2->ddaz;
            }
        }
        l.kick_rad = bmd__fp_interp(f->k_r, f->k_kick, f->nk, s);
        l.cutoff_s = cut0 + dc;
        l.azimuth_rad = az_geo + daz0 + da;
        if (warm && l.cutoff_s > full) l.cutoff_s = full;
        if (warm && l.cutoff_s < c_min) l.cutoff_s = c_min;
        /* slope dR/dcutoff from the table */
        double slope = 0.0;
        for (int k = 0; k + 1 < f->nk; k++)
            if (s <= f->k_r[k + 1] || k + 2 == f->nk) {
                slope = (f->k_r[k + 1] - f->k_r[k]) / (f->k_cut[k + 1] - f->k_cut[k]);
                break;
            }
        if (!(slope > 0.0) || !isfinite(slope)) slope = 5e3;
        if (warm && prev->slope > 0.0 && isfinite(prev->slope)) slope = nd->slope = prev->slope;
        double c_prev = NAN, r_prev = NAN;
        for (int it = 0; it < FP_NODE_ITER; it++) {
            cc.n = 0;
            st = bmd_traj_fly(&tc, m, &l, &sum, NULL);
            nd->flights++;
            if (st != BMD_OK || !sum.impacted) break;
            double ri, azi, miss;
            bmd_geo_inverse(fp->cfg.earth, llat, llon, sum.impact_lat_rad, sum.impact_lon_rad, &ri,
                            &azi, NULL);
            bmd_geo_inverse(fp->cfg.earth, alat, alon, sum.impact_lat_rad, sum.impact_lon_rad,
                            &miss, NULL, NULL);
            if (miss < FP_NODE_TOL_M) {
                solved = 1;
                /* the offsets of the exact solution, one secant step on
                 * from this flight, start the next node of the chain (this
                 * node keeps its flight): free of the up to 20 m this one
                 * kept, which the extrapolation would double */
                double sl = nd->slope > 0.0 && isfinite(nd->slope) ? nd->slope : slope;
                if (isfinite(c_prev) && fabs(l.cutoff_s - c_prev) > 1e-9) {
                    double sec = (ri - r_prev) / (l.cutoff_s - c_prev);
                    if (sec > 0.0 && isfinite(sec)) sl = nd->slope = sec;
                }
                nd->dcut = l.cutoff_s + (s - ri) / sl - cut0;
                nd->ddaz = l.azimuth_rad + bmd_wrap_pi(az_geo - azi) - az_geo - daz0;
                break;
            }
            double sl = slope;
            if (isfinite(c_prev) && fabs(l.cutoff_s - c_prev) > 1e-9) {
                double sec = (ri - r_prev) / (l.cutoff_s - c_prev);
                if (sec > 0.0 && isfinite(sec)) sl = nd->slope = sec;
            }
            c_prev = l.cutoff_s;
            r_prev = ri;
            double cn = l.cutoff_s + (s - ri) / sl;
            if (l.cutoff_s >= full && cn >= full) break; /* beyond the maximum range */
            if (cn > full) cn = full;
            if (cn < c_min) {
                if (l.cutoff_s <= c_min) break; /* shorter than the shortest flight */
                cn = c_min;
            }
            l.cutoff_s = cn;
            l.azimuth_rad += bmd_wrap_pi(az_geo - azi);
        }
    }
    if (solved && cc.n >= 2) {
        nd->state = 1;
        nd->T = sum.flight_time_s;
        nd->n = cc.n;
        nd->rv = malloc(cc.n * sizeof *rv); /* exact size: the cache holds thousands */
        if (nd->rv == NULL) {
            nd->rv = rv;
        } else {
            memcpy(nd->rv, rv, cc.n * sizeof *rv);
            free(rv);
        }
    } else {
        nd->state = -1;
        nd->n = 0;
        nd->rv = NULL;
        free(rv);
    }
    /* samples are at k node_dt plus the impact; check the layout */
    if (nd->state == 1) {
        for (size_t k = 0; k + 1 < nd->n; k++)
            if (fabs(tt[k] - (double)k * fp->cfg.node_dt_s) > 1e-6) {
                nd->state = -1;
                free(nd->rv);
                nd->rv = NULL;
                nd->n = 0;
                break;
            }
        if (nd->state == 1) nd->T = tt[nd->n - 1];
    }
    nd->vmax = 0.0;
    for (size_t k = 0; k < nd->n; k++) {
        const double *q = nd->rv[k];
        double sp = sqrt(q[3] * q[3] + q[4] * q[4] + q[5] * q[5]);
        if (sp > nd->vmax) nd->vmax = sp;
    }
    free(tt);
    nd->t_det = NAN;
    return BMD_OK;
}

/* Position and velocity of a node at time t (cubic Hermite). */
static void node_eval(const fp_node *nd, double dt, double t, double r[3], double v[3])
{
    size_t n = nd->n, lo = (size_t)(t / dt);
    if (lo >= n - 1) lo = n - 2;
    double t0 = (double)lo * dt, t1 = lo + 1 == n - 1 ? nd->T : (double)(lo + 1) * dt;
    double h = t1 - t0, s = (t - t0) / h, s2 = s * s, s3 = s2 * s;
    double h00 = 2 * s3 - 3 * s2 + 1, h10 = s3 - 2 * s2 + s, h01 = -2 * s3 + 3 * s2, h11 = s3 - s2;
    double d00 = 6 * s2 - 6 * s, d10 = 3 * s2 - 4 * s + 1, d01 = -6 * s2 + 6 * s,
           d11 = 3 * s2 - 2 * s;
    const double *a = nd->rv[lo], *b = nd->rv[lo + 1];
    for (int i = 0; i < 3; i++) {
        double m0 = h * a[3 + i], m1 = h * b[3 + i];
        r[i] = h00 * a[i] + h10 * m0 + h01 * b[i] + h11 * m1;
        v[i] = (d00 * a[i] + d10 * m0 + d01 * b[i] + d11 * m1) / h;
    }
}

/* Position of a node at time t (the cubic Hermite of node_eval). */
static void node_r(const fp_node *nd, double dt, double t, double r[3])
{
    size_t n = nd->n, lo = (size_t)(t / dt);
    if (lo >= n - 1) lo = n - 2;
    double t0 = (double)lo * dt, t1 = lo + 1 == n - 1 ? nd->T : (double)(lo + 1) * dt;
    double h = t1 - t0, s = (t - t0) / h, s2 = s * s, s3 = s2 * s;
    double h00 = 2 * s3 - 3 * s2 + 1, h10 = s3 - 2 * s2 + s, h01 = -2 * s3 + 3 * s2, h11 = s3 - s2;
    const double *a = nd->rv[lo], *b = nd->rv[lo + 1];
    for (int i = 0; i < 3; i++)
        r[i] = h00 * a[i] + h10 * h * a[3 + i] + h01 * b[i] + h11 * h * b[3 + i];
}

void bmd__fp_blend_at(const fp_node *const nd[4], const double wgt[4], double dt, double T,
                      double t, double r[3])
{
    double tau = t / T;
    r[0] = r[1] = r[2] = 0.0;
    for (int q = 0; q < 4; q++) {
        if (wgt[q] == 0.0) continue;
        double rq[3];
        node_r(nd[q], dt, tau * nd[q]->T, rq);
        for (int i = 0; i < 3; i++)
            r[i] += wgt[q] * rq[i];
    }
}

/* First detection on a node (for the start of a cell's cue scan). */
void bmd__fp_node_detect(const bmd_footprint *fp, fp_node *nd)
{
    const bmd_fp_config *c = &fp->cfg;
    nd->t_det = NAN;
    if (c->radar == NULL || nd->state != 1) return;
    for (double k = 0;; k += 1.0) {
        double t = k * c->revisit_s, r[3], v[3];
        if (t > nd->T) break;
        node_eval(nd, c->node_dt_s, t, r, v);
        if (bmd_radar_detects(c->radar, r, c->rcs_m2)) { /* bmd_radar_observe's verdict */
            nd->t_det = t;
            return;
        }
    }
}

/* Make sample k of a lazy work ephemeris (no-op when done or not lazy):
 * the four nodes at the same fraction k / (n - 1) of their flight times,
 * positions weighted, velocities weighted and scaled by T_q / T. */
void bmd__fp_blend_sample(fp_work *w, size_t k)
{
    if (!w->lazy || w->stamp[k] == w->gen) return;
    size_t n = w->bn_n;
    double T = w->bT;
    double tau = k + 1 == n ? 1.0 : (double)k / (double)(n - 1);
    double r[3] = {0, 0, 0}, v[3] = {0, 0, 0};
    for (int q = 0; q < 4; q++) {
        if (w->bw[q] == 0.0) continue;
        const fp_node *nd = w->bn[q];
        double rq[3], vq[3], tq = tau * nd->T, sc = w->bw[q] * nd->T / T;
        node_eval(nd, w->bdt, tq, rq, vq);
        for (int i = 0; i < 3; i++) {
            r[i] += w->bw[q] * rq[i];
            v[i] += sc * vq[i];
        }
    }
    for (int i = 0; i < 3; i++) {
        w->r[k][i] = r[i];
        w->v[k][i] = v[i];
    }
    w->stamp[k] = w->gen;
}

/* Blend four nodes into the work ephemeris: the sample times at once,
 * the states on demand (bmd__fp_blend_sample). Returns the sample count. */
size_t bmd__fp_blend(const bmd_footprint *fp, fp_work *w, fp_node *const nd[4], const double wgt[4],
                     double *T_out, double *h_out)
{
    double T = 0.0;
    for (int q = 0; q < 4; q++)
        T += wgt[q] * nd[q]->T;
    double dt = fp->cfg.node_dt_s;
    size_t n = (size_t)ceil(T / dt - 1e-9) + 1;
    if (n < 2) n = 2;
    if (n > w->cap) n = w->cap;
    double h = T / (double)(n - 1);
    for (size_t k = 0; k < n; k++)
        w->t[k] = k + 1 == n ? T : (double)k * h;
    if (++w->gen == 0) { /* wrapped: forget every stamp */
        memset(w->stamp, 0, w->cap * sizeof *w->stamp);
        w->gen = 1;
    }
    w->lazy = 1;
    for (int q = 0; q < 4; q++) {
        w->bn[q] = nd[q];
        w->bw[q] = wgt[q];
    }
    w->bT = T;
    w->bdt = dt;
    w->bn_n = n;
    *T_out = T;
    *h_out = h;
    return n;
}

/* Family set-up: rings up to the farthest cell, the kick table. */
int bmd__fp_family_setup(bmd_footprint *fp, fp_family *f, bmd_errbuf *err)
{
    const bmd_fp_config *c = &fp->cfg;
    const bmd_earth *e = c->earth;
    size_t nc = bmd_fp_grid_cells(&fp->grid);
    double rmin = INFINITY, rmax = 0.0;
    /* farthest and nearest cell: the grid corners and edges bound them
     * well enough only for convex cases; take every cell (kept for the
     * runs over the grid's cells; the sums in cell order, whatever the
     * threads) */
    f->cell_R = malloc((nc ? nc : 1) * sizeof *f->cell_R);
    f->cell_az = malloc((nc ? nc : 1) * sizeof *f->cell_az);
    if (!f->cell_R || !f->cell_az) return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    long nl = (long)nc;
#ifdef _OPENMP
    int nth = c->threads > 0 ? c->threads : omp_get_max_threads();
#pragma omp parallel for schedule(static) num_threads(nth)
#endif
    for (long k = 0; k < nl; k++) {
        double la, lo;
        bmd_fp_grid_centre(&fp->grid, (size_t)k, &la, &lo);
        bmd_geo_inverse(e, f->lat, f->lon, la, lo, &f->cell_R[k], &f->cell_az[k], NULL);
    }
    double sx = 0.0, sy = 0.0;
    for (size_t k = 0; k < nc; k++) {
        double s = f->cell_R[k], az = f->cell_az[k];
        if (s < rmin) rmin = s;
        if (s > rmax) rmax = s;
        sx += sin(az);
        sy += cos(az);
    }
    f->dr = c->node_spacing_m;
    f->n_rings = (int)ceil(rmax / f->dr) + 3;
    f->ring_n = malloc((size_t)f->n_rings * sizeof *f->ring_n);
    f->ring_first = malloc((size_t)f->n_rings * sizeof *f->ring_first);
    if (!f->ring_n || !f->ring_first) return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    size_t tot = 0;
    for (int i = 0; i < f->n_rings; i++) {
        double n = ceil(2.0 * BMD_PI * i * f->dr / c->node_spacing_m);
        f->ring_n[i] = n < 8 ? 8 : (int)n;
        f->ring_first[i] = tot;
        tot += (size_t)f->ring_n[i];
    }
    f->n_ids = tot;
    f->slot = malloc(tot * sizeof *f->slot);
    if (!f->slot) return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    for (size_t k = 0; k < tot; k++)
        f->slot[k] = -1;
    f->nk = 0;
    if (c->threat != BMD_FP_MISSILE) return BMD_OK;
    /* kick table: exact solves along the mean azimuth to the cells */
    double azc = atan2(sx, sy);
    int K = c->kick_nodes;
    double r0 = fmax(rmin, 30e3), r1 = fmax(rmax + 2.0 * f->dr, r0 + 10e3);
    double kr[FP_MAX_KICK], kk[FP_MAX_KICK], kc[FP_MAX_KICK], kd[FP_MAX_KICK];
    int ok[FP_MAX_KICK];
    bmd_traj_config tc = fp->tcfg;
#ifdef _OPENMP
    int nt = c->threads > 0 ? c->threads : omp_get_max_threads();
#pragma omp parallel for schedule(dynamic) num_threads(nt)
#endif
    for (int k = 0; k < K; k++) {
        double R = r0 + (r1 - r0) * k / (K - 1), clat, clon, llat, llon, alat, alon;
        bmd_geo_direct(e, f->lat, f->lon, azc, R, &clat, &clon, NULL);
        bmd__fp_ends(fp, f->lat, f->lon, clat, clon, &llat, &llon, &alat, &alon);
        bmd_traj_solution sol;
        bmd_traj_config t2 = tc;
        ok[k] = bmd_traj_target(&t2, c->missile, llat, llon, 0.0, alat, alon, &c->shape, 0.0, &sol,
                                NULL) == BMD_OK;
        if (ok[k]) {
            double s, az;
            bmd_geo_inverse(e, llat, llon, alat, alon, &s, &az, NULL);
            kr[k] = s;
            kk[k] = sol.launch.kick_rad;
            kc[k] =
                sol.launch.cutoff_s > 0.0 ? sol.launch.cutoff_s : bmd_traj_full_burn_s(c->missile);
            kd[k] = bmd_wrap_pi(sol.launch.azimuth_rad - az);
        }
    }
    for (int k = 0; k < K; k++) {
        fp->stats.setup_solves++;
        if (!ok[k]) continue;
        if (f->nk > 0 && !(kr[k] > f->k_r[f->nk - 1])) continue;
        f->k_r[f->nk] = kr[k];
        f->k_kick[f->nk] = kk[k];
        f->k_cut[f->nk] = kc[k];
        f->k_daz[f->nk] = kd[k];
        f->nk++;
    }
    if (f->nk < 2) f->use_direct = 1;
    return BMD_OK;
}

void bmd__fp_family_free(fp_family *f)
{
    for (size_t k = 0; k < f->n_nodes; k++)
        free(f->nodes[k].rv);
    free(f->nodes);
    free(f->slot);
    free(f->ring_n);
    free(f->ring_first);
    free(f->cell_R);
    free(f->cell_az);
}
