/* footprint.c: the defended footprint and the denied launch area:
 * create, run over the cells (OpenMP), combine the points of each cell.
 * The decision is in footprint_decide.c, the families in
 * footprint_family.c, the grid in footprint_grid.c. Model and accuracy:
 * docs/models/footprint.md; API: bmd/footprint.h. */
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

/* ---- create / free -------------------------------------------------------------------- */

void bmd_footprint_free(bmd_footprint *fp)
{
    if (fp == NULL) return;
    if (fp->fam)
        for (size_t p = 0; p < fp->cfg.n_points; p++)
            bmd__fp_family_free(&fp->fam[p]);
    free(fp->fam);
    bmd_traj_integrator_free(&fp->integ);
    free(fp);
}

static int check_config(const bmd_fp_config *c, bmd_errbuf *err)
{
    if (c->earth == NULL) return bmd_err_set(err, BMD_EINVAL, "footprint: no Earth model");
    if (c->table == NULL) return bmd_err_set(err, BMD_EINVAL, "footprint: no fly-out table");
    if (c->n_points < 1 || c->n_points > BMD_FP_MAX_POINTS || !c->pt_lat_rad || !c->pt_lon_rad)
        return bmd_err_set(err, BMD_EINVAL, "footprint: %zu fixed points (want 1 to %d)",
                           c->n_points, BMD_FP_MAX_POINTS);
    if (c->map != BMD_FP_AIM && c->map != BMD_FP_LAUNCH)
        return bmd_err_set(err, BMD_EINVAL, "footprint: bad map kind %d", c->map);
    if (c->threat == BMD_FP_MISSILE && c->missile == NULL)
        return bmd_err_set(err, BMD_EINVAL, "footprint: no missile");
    if (c->threat != BMD_FP_MISSILE && c->threat != BMD_FP_VACUUM)
        return bmd_err_set(err, BMD_EINVAL, "footprint: bad threat kind %d", c->threat);
    if (c->radar && (!(c->revisit_s > 0.0) || c->m_detect < 1 || c->n_window < c->m_detect ||
                     c->n_window > 31 || !(c->rcs_m2 >= 0.0)))
        return bmd_err_set(err, BMD_EINVAL,
                           "footprint: firm track needs revisit > 0 and 1 <= m <= n <= 31 looks");
    if (!(c->reaction_s >= 0.0) || !(c->kill_assess_s >= 0.0))
        return bmd_err_set(err, BMD_EINVAL, "footprint: negative reaction or kill-assessment time");
    if (!(c->scan_dt_s > 0.0) || !(c->node_spacing_m > 0.0) || !(c->node_dt_s > 0.0) ||
        !(c->direct_dt_s > 0.0) || c->kick_nodes < 2 || c->kick_nodes > FP_MAX_KICK)
        return bmd_err_set(err, BMD_EINVAL, "footprint: bad step, spacing or kick_nodes");
    if (c->doctrine != BMD_FP_SHOOT && c->doctrine != BMD_FP_SHOOT_LOOK_SHOOT)
        return bmd_err_set(err, BMD_EINVAL, "footprint: bad doctrine %d", c->doctrine);
    return BMD_OK;
}

int bmd_footprint_create(const bmd_fp_config *cfg, const bmd_fp_grid *grid, bmd_footprint **out,
                         bmd_errbuf *err)
{
    if (out == NULL || cfg == NULL || grid == NULL)
        return bmd_err_set(err, BMD_EINVAL, "footprint: NULL argument");
    *out = NULL;
    int st = check_config(cfg, err);
    if (st != BMD_OK) return st;
    if (cfg->threat == BMD_FP_MISSILE) {
        st = bmd_traj_missile_check(cfg->missile, err);
        if (st != BMD_OK) return st;
    }
    bmd_footprint *fp = calloc(1, sizeof *fp);
    if (fp == NULL) return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    fp->cfg = *cfg;
    fp->grid = *grid;
    for (size_t p = 0; p < cfg->n_points; p++) {
        fp->pt_lat[p] = cfg->pt_lat_rad[p];
        fp->pt_lon[p] = cfg->pt_lon_rad[p];
    }
    fp->cfg.pt_lat_rad = fp->pt_lat;
    fp->cfg.pt_lon_rad = fp->pt_lon;
    bmd_traj_config_init(&fp->tcfg, cfg->earth, cfg->threat == BMD_FP_VACUUM ? NULL : cfg->atmo);
    (void)bmd_traj_integrator_init(&fp->integ, bmd_traj_dopri5, NULL); /* cannot fail */
    if (!cfg->accurate) bmd_traj_integrator_analysis(&fp->integ);
    fp->tcfg.integ = &fp->integ;
    bmd_geo_to_ecef(cfg->earth, cfg->bat_lat_rad, cfg->bat_lon_rad, 0.0, fp->bat_r0);
    fp->bat_R = bmd_earth_radius_at(cfg->earth, cfg->bat_lat_rad);
    if (cfg->method == BMD_FP_FAST) {
        fp->fam = calloc(cfg->n_points, sizeof *fp->fam);
        if (fp->fam == NULL) {
            bmd_footprint_free(fp);
            return bmd_err_set(err, BMD_ENOMEM, "out of memory");
        }
        for (size_t p = 0; p < cfg->n_points; p++) {
            fp->fam[p].lat = fp->pt_lat[p];
            fp->fam[p].lon = fp->pt_lon[p];
            st = bmd__fp_family_setup(fp, &fp->fam[p], err);
            if (st != BMD_OK) {
                bmd_footprint_free(fp);
                return st;
            }
        }
    }
    *out = fp;
    return BMD_OK;
}

void bmd__fp_set_reference(bmd_footprint *fp, unsigned flags)
{
    fp->ref = flags;
}

void bmd_footprint_stats(const bmd_footprint *fp, bmd_fp_stats *st)
{
    if (fp && st) *st = fp->stats;
}

/* ---- running ------------------------------------------------------------------------------ */

static int work_alloc(fp_work *w, size_t cap)
{
    w->cap = cap;
    w->t = malloc(cap * sizeof *w->t);
    w->r = malloc(cap * sizeof *w->r);
    w->v = malloc(cap * sizeof *w->v);
    w->rv = malloc(cap * sizeof *w->rv);
    w->stamp = calloc(cap, sizeof *w->stamp);
    w->gen = 0;
    w->lazy = 0;
    return w->t && w->r && w->v && w->rv && w->stamp ? BMD_OK : BMD_ENOMEM;
}

static void work_free(fp_work *w)
{
    free(w->t);
    free(w->r);
    free(w->v);
    free(w->rv);
    free(w->stamp);
}

/* Add node id to the family (unsolved) unless it is there. */
static int add_node(fp_family *f, size_t id, bmd_errbuf *err)
{
    if (f->slot[id] >= 0) return BMD_OK;
    if (f->n_nodes == f->cap_nodes) {
        size_t cap = f->cap_nodes ? 2 * f->cap_nodes : 1024;
        fp_node *nn = realloc(f->nodes, cap * sizeof *nn);
        if (nn == NULL) return bmd_err_set(err, BMD_ENOMEM, "out of memory");
        f->nodes = nn;
        f->cap_nodes = cap;
    }
    memset(&f->nodes[f->n_nodes], 0, sizeof f->nodes[0]);
    f->nodes[f->n_nodes].id = id;
    f->slot[id] = (int32_t)f->n_nodes;
    f->n_nodes++;
    return BMD_OK;
}

/* Add node id with the nodes its warm start needs (its chain back to the
 * head and the second node of its start, bmd__fp_chain_prev2), so that a
 * node present has them present. Recursion depth below FP_CHAIN. */
static int need_node(fp_family *f, size_t id, bmd_errbuf *err)
{
    if (f->slot[id] >= 0) return BMD_OK;
    int st = add_node(f, id, err);
    size_t p;
    if (st == BMD_OK && bmd__fp_chain_prev(f, id, &p)) st = need_node(f, p, err);
    if (st == BMD_OK && bmd__fp_chain_prev2(f, id, &p)) st = need_node(f, p, err);
    return st;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* Solve the unsolved nodes of the chain block of head h, outward from the
 * head, each from its predecessor (FP_REF_NODES: each from the table). */
static int solve_block(bmd_footprint *fp, fp_family *f, size_t h, long *flights)
{
    size_t first, last;
    bmd__fp_chain_block(f, h, &first, &last);
    int st = BMD_OK;
    for (int dir = 0; dir < 3 && st == BMD_OK; dir++) {
        /* dir 0: the head; 1: downward; 2: upward (after the node below
         * the head, bmd__fp_chain_prev2) */
        for (size_t id = h; st == BMD_OK;) {
            if (dir > 0) {
                if (dir == 2 ? id >= last : id <= first) break;
                id = dir == 2 ? id + 1 : id - 1;
            }
            if (f->slot[id] < 0) break; /* the chain's needed part ends */
            fp_node *nd = &f->nodes[f->slot[id]];
            if (nd->state == 0) {
                const fp_node *prev = NULL, *prev2 = NULL;
                size_t pid, pid2;
                if (!(fp->ref & FP_REF_NODES) && bmd__fp_chain_prev(f, id, &pid)) {
                    prev = &f->nodes[f->slot[pid]];
                    if (bmd__fp_chain_prev2(f, id, &pid2)) prev2 = &f->nodes[f->slot[pid2]];
                }
                st = bmd__fp_solve_node(fp, f, id, nd, prev, prev2, NULL);
                if (st == BMD_OK) bmd__fp_node_detect(fp, nd);
                *flights += nd->flights;
            }
            if (dir == 0) break;
        }
    }
    return st;
}

/* Mark the nodes the cells need, with their chains back to the heads
 * (footprint_internal.h, FP_CHAIN), and solve the new ones, block by
 * block. */
static int prepare_nodes(bmd_footprint *fp, fp_family *f, const double *R, const double *az,
                         size_t n, int nt, bmd_errbuf *err)
{
    size_t first_new = f->n_nodes;
    for (size_t k = 0; k < n; k++) {
        size_t id[4];
        double wgt[4];
        if (!bmd__fp_cell_nodes(f, R[k], az[k], id, wgt)) continue;
        for (int q = 0; q < 4; q++) {
            int st = need_node(f, id[q], err);
            if (st != BMD_OK) return st;
        }
    }
    size_t n_new = f->n_nodes - first_new, n_blk = 0;
    size_t *heads = malloc((n_new ? n_new : 1) * sizeof *heads);
    if (heads == NULL) return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    for (size_t k = 0; k < n_new; k++)
        heads[k] = bmd__fp_chain_head(f, f->nodes[first_new + k].id);
    qsort(heads, n_new, sizeof *heads, cmp_size);
    for (size_t k = 0; k < n_new; k++)
        if (n_blk == 0 || heads[k] != heads[n_blk - 1]) heads[n_blk++] = heads[k];
    int st = BMD_OK;
    long flights = 0, nb = (long)n_blk;
    (void)nt;
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic) num_threads(nt) reduction(+ : flights)
#endif
    for (long k = 0; k < nb; k++) {
        int s = solve_block(fp, f, heads[k], &flights);
        if (s != BMD_OK) {
#ifdef _OPENMP
#pragma omp critical(bmd_fp_err)
#endif
            st = s;
        }
    }
    free(heads);
    fp->stats.nodes += (long)n_new;
    fp->stats.node_flights += flights;
    if (st != BMD_OK) return bmd_err_set(err, st, "footprint: family node: %s", bmd_strerror(st));
    return BMD_OK;
}

/* Fast decision for one cell point against family f. direct: 1 when the
 * cell had to be decided directly. */
static int fast_point(bmd_footprint *fp, const fp_family *f, fp_work *w, double clat, double clon,
                      double R, double az, fp_pt *p, int *direct, bmd_errbuf *err)
{
    size_t id[4];
    double wgt[4];
    fp_node *nd[4];
    int ok = !f->use_direct && bmd__fp_cell_nodes(f, R, az, id, wgt);
    for (int q = 0; ok && q < 4; q++) {
        int32_t s = f->slot[id[q]];
        if (s < 0 || f->nodes[s].state != 1) {
            ok = 0;
            break;
        }
        nd[q] = &f->nodes[s];
    }
    double llat, llon, alat, alon;
    bmd__fp_ends(fp, f->lat, f->lon, clat, clon, &llat, &llon, &alat, &alon);
    if (!ok) {
        *direct = 1;
        return bmd__fp_direct_point(fp, w, llat, llon, alat, alon, p, err);
    }
    *direct = 0;
    double T, h;
    size_t n = bmd__fp_blend(fp, w, nd, wgt, &T, &h);
    /* speed bound for the scan's steps over points outside the envelope:
     * the blend's velocities are the nodes' weighted and scaled by T_q / T
     * (within a per cent of 1), the Hermite curves between samples stray
     * from them by about the acceleration over one sample period; 10 % and
     * 200 m/s cover both */
    double vmax = 0.0;
    for (int q = 0; q < 4; q++)
        vmax = fmax(vmax, nd[q]->vmax);
    fp_traj tr = {w,
                  n,
                  h,
                  T,
                  (fp->ref & FP_REF_SCAN) ? 0.0 : 1.1 * vmax + 200.0,
                  {NULL, NULL, NULL, NULL},
                  {0, 0, 0, 0},
                  fp->cfg.node_dt_s};
    if (!(fp->ref & FP_REF_BLEND))
        for (int q = 0; q < 4; q++) { /* the blend itself at each time asked */
            tr.nd[q] = nd[q];
            tr.wgt[q] = wgt[q];
        }
    double t0 = INFINITY;
    for (int q = 0; q < 4; q++)
        if (isfinite(nd[q]->t_det) && nd[q]->t_det < t0) t0 = nd[q]->t_det;
    /* start the look scan a window and 10 s before the earliest first
     * detection of the four nodes (from launch when none detects) */
    t0 = isfinite(t0) ? fmax(0.0, t0 - fp->cfg.revisit_s * fp->cfg.n_window - 10.0) : 0.0;
    bmd__fp_decide(fp, &tr, t0, 0, p);
    return BMD_OK;
}

static void combine(const fp_pt *p, bmd_fp_cell *c)
{
    if (!p->reach) return;
    c->n_reach++;
    if (c->n_reach == 1) {
        c->state = p->defended ? BMD_FP_DEFENDED : BMD_FP_UNDEFENDED;
        c->cue_s = p->cue;
        c->intercept_alt_m = p->alt1;
        c->intercept_t_s = p->t1;
        c->margin_s = p->defended ? p->T - p->t_last : NAN;
        return;
    }
    if (!p->defended) c->state = BMD_FP_UNDEFENDED;
    if (isnan(p->cue) || isnan(c->cue_s))
        c->cue_s = NAN;
    else if (p->cue > c->cue_s)
        c->cue_s = p->cue;
    if (!isnan(p->alt1) && (isnan(c->intercept_alt_m) || p->alt1 < c->intercept_alt_m)) {
        c->intercept_alt_m = p->alt1;
        c->intercept_t_s = p->t1;
    }
    double mg = p->defended ? p->T - p->t_last : NAN;
    if (isnan(mg) || isnan(c->margin_s))
        c->margin_s = NAN;
    else if (mg < c->margin_s)
        c->margin_s = mg;
}

static void cell_init(bmd_fp_cell *c)
{
    c->state = BMD_FP_UNREACHED;
    c->n_reach = 0;
    c->cue_s = c->intercept_alt_m = c->intercept_t_s = c->margin_s = NAN;
}

/* Decide n points (lat[k], lon[k]) into out[k]; first_cell: the grid cell
 * of point 0 when the points are the grid's cells first_cell.., else
 * SIZE_MAX. */
static int run_points(bmd_footprint *fp, const double *lat, const double *lon, size_t n,
                      size_t first_cell, bmd_fp_cell *out, const volatile sig_atomic_t *stop,
                      bmd_errbuf *err)
{
    const bmd_fp_config *c = &fp->cfg;
    int nt = 1;
#ifdef _OPENMP
    nt = c->threads > 0 ? c->threads : omp_get_max_threads();
#endif
    for (size_t k = 0; k < n; k++)
        cell_init(&out[k]);
    double *R = NULL, *AZ = NULL;
    fp_work *ws = calloc((size_t)nt, sizeof *ws);
    int st = ws ? BMD_OK : BMD_ENOMEM;
    size_t cap = (size_t)(FP_DIRECT_T_MAX_S / fmin(c->node_dt_s, c->direct_dt_s)) + 8;
    for (int t = 0; st == BMD_OK && t < nt; t++)
        st = work_alloc(&ws[t], cap);
    if (st == BMD_OK && c->method == BMD_FP_FAST) {
        R = malloc(n * sizeof *R);
        AZ = malloc(n * sizeof *AZ);
        if (!R || !AZ) st = BMD_ENOMEM;
    }
    if (st != BMD_OK) {
        bmd_err_set(err, st, "out of memory");
        goto done;
    }
    long n_direct = 0;
    for (size_t p = 0; p < c->n_points && st == BMD_OK; p++) {
        fp_family *f = fp->fam ? &fp->fam[p] : NULL;
        if (f) {
            long nn = (long)n;
            if (first_cell != SIZE_MAX && f->cell_R) { /* grid cells: from the set-up */
                memcpy(R, f->cell_R + first_cell, n * sizeof *R);
                memcpy(AZ, f->cell_az + first_cell, n * sizeof *AZ);
            } else {
#ifdef _OPENMP
#pragma omp parallel for schedule(static) num_threads(nt)
#endif
                for (long k = 0; k < nn; k++)
                    bmd_geo_inverse(c->earth, f->lat, f->lon, lat[k], lon[k], &R[k], &AZ[k], NULL);
            }
            if (!f->use_direct) st = prepare_nodes(fp, f, R, AZ, n, nt, err);
            if (st != BMD_OK) break;
        }
        int fail = BMD_OK, stopped = 0;
        bmd_errbuf ferr = {{0}};
        long nn = (long)n;
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 16) num_threads(nt) reduction(+ : n_direct)
#endif
        for (long k = 0; k < nn; k++) {
            if (fail != BMD_OK || stopped) continue;
            if (stop && *stop) {
                stopped = 1;
                continue;
            }
            int tid = 0;
#ifdef _OPENMP
            tid = omp_get_thread_num();
#endif
            fp_pt pt;
            int s, direct = 1;
            bmd_errbuf e1 = {{0}};
            if (f) {
                s = fast_point(fp, f, &ws[tid], lat[k], lon[k], R[k], AZ[k], &pt, &direct, &e1);
            } else {
                double llat, llon, alat, alon;
                bmd__fp_ends(fp, fp->pt_lat[p], fp->pt_lon[p], lat[k], lon[k], &llat, &llon, &alat,
                             &alon);
                s = bmd__fp_direct_point(fp, &ws[tid], llat, llon, alat, alon, &pt, &e1);
            }
            if (s != BMD_OK) {
#ifdef _OPENMP
#pragma omp critical(bmd_fp_err)
#endif
                {
                    fail = s;
                    ferr = e1;
                }
                continue;
            }
            if (f && direct) n_direct++;
            combine(&pt, &out[k]);
        }
        if (fail != BMD_OK) {
            st = fail;
            if (err) *err = ferr;
            break;
        }
        if (stopped) {
            st = bmd_err_set(err, BMD_EINTR, "footprint: stopped");
            break;
        }
    }
    fp->stats.direct_cells += n_direct;
done:
    if (ws)
        for (int t = 0; t < nt; t++)
            work_free(&ws[t]);
    free(ws);
    free(R);
    free(AZ);
    return st;
}

int bmd_footprint_run(bmd_footprint *fp, size_t begin, size_t end, bmd_fp_cell *out,
                      const volatile sig_atomic_t *stop, bmd_errbuf *err)
{
    if (fp == NULL || out == NULL || begin > end || end > bmd_fp_grid_cells(&fp->grid))
        return bmd_err_set(err, BMD_EINVAL, "footprint: bad cell range");
    size_t n = end - begin;
    if (n == 0) return BMD_OK;
    double *lat = malloc(n * sizeof *lat), *lon = malloc(n * sizeof *lon);
    if (!lat || !lon) {
        free(lat);
        free(lon);
        return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < n; k++)
        bmd_fp_grid_centre(&fp->grid, begin + k, &lat[k], &lon[k]);
    int st = run_points(fp, lat, lon, n, begin, out, stop, err);
    free(lat);
    free(lon);
    return st;
}

int bmd_footprint_point(bmd_footprint *fp, double lat_rad, double lon_rad, bmd_fp_cell *out,
                        bmd_errbuf *err)
{
    if (fp == NULL || out == NULL) return bmd_err_set(err, BMD_EINVAL, "footprint: NULL argument");
    return run_points(fp, &lat_rad, &lon_rad, 1, SIZE_MAX, out, NULL, err);
}
