/* footprint.c: the defended footprint and the denied launch area: per-cell
 * engagement decision, trajectory families, the direct reference path.
 * Model and accuracy: docs/models/footprint.md; API: bmd/footprint.h. */
#include "bmd/footprint.h"

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

#define FP_MAX_KICK 64
#define FP_NODE_ITER 14
#define FP_NODE_TOL_M 20.0
#define FP_BISECT_S 1e-3
#define FP_DIRECT_T_MAX_S 4000.0

/* ---- grid ------------------------------------------------------------------- */

static double meridian_radius(const bmd_earth *e, double lat)
{
    double s = sin(lat), w = 1.0 - e->e2 * s * s;
    return e->a_m * (1.0 - e->e2) / (w * sqrt(w));
}

static double normal_radius(const bmd_earth *e, double lat)
{
    double s = sin(lat);
    return e->a_m / sqrt(1.0 - e->e2 * s * s);
}

int bmd_fp_grid_init(bmd_fp_grid *g, const bmd_earth *e, double lat0_rad, double lon0_rad,
                     double lat1_rad, double lon1_rad, double res_m, bmd_errbuf *err)
{
    if (g == NULL || e == NULL) return bmd_err_set(err, BMD_EINVAL, "grid: NULL argument");
    if (!(isfinite(lat0_rad) && isfinite(lat1_rad) && isfinite(lon0_rad) && isfinite(lon1_rad)))
        return bmd_err_set(err, BMD_EINVAL, "region: non-finite corner");
    if (!(lat0_rad < lat1_rad))
        return bmd_err_set(err, BMD_EINVAL,
                           "region: south latitude %.4f deg must be below north latitude %.4f deg",
                           lat0_rad * BMD_RAD2DEG, lat1_rad * BMD_RAD2DEG);
    if (!(lon0_rad < lon1_rad))
        return bmd_err_set(err, BMD_EINVAL,
                           "region: west longitude %.4f deg must be below east longitude %.4f deg",
                           lon0_rad * BMD_RAD2DEG, lon1_rad * BMD_RAD2DEG);
    if (lat0_rad < -89.0 * BMD_DEG2RAD || lat1_rad > 89.0 * BMD_DEG2RAD)
        return bmd_err_set(err, BMD_EINVAL, "region: latitudes must lie within +-89 deg");
    if (!(res_m > 0.0) || !isfinite(res_m))
        return bmd_err_set(err, BMD_EINVAL, "resolution: must be a positive length, found %g m",
                           res_m);
    double mid = 0.5 * (lat0_rad + lat1_rad);
    double dlat = res_m / meridian_radius(e, mid);
    double dlon = res_m / (normal_radius(e, mid) * cos(mid));
    double nr = ceil((lat1_rad - lat0_rad) / dlat - 1e-9);
    double nc = ceil((lon1_rad - lon0_rad) / dlon - 1e-9);
    if (nr < 1) nr = 1;
    if (nc < 1) nc = 1;
    if (nr * nc > (double)BMD_FP_MAX_CELLS)
        return bmd_err_set(err, BMD_EINVAL,
                           "resolution: %.0f x %.0f cells exceed the limit of %ld; use a coarser "
                           "resolution",
                           nr, nc, BMD_FP_MAX_CELLS);
    g->lat0_rad = lat0_rad;
    g->lon0_rad = lon0_rad;
    g->lat1_rad = lat1_rad;
    g->lon1_rad = lon1_rad;
    g->res_m = res_m;
    g->dlat_rad = dlat;
    g->dlon_rad = dlon;
    g->n_rows = (int)nr;
    g->n_cols = (int)nc;
    return BMD_OK;
}

size_t bmd_fp_grid_cells(const bmd_fp_grid *g)
{
    return g ? (size_t)g->n_rows * (size_t)g->n_cols : 0;
}

void bmd_fp_grid_centre(const bmd_fp_grid *g, size_t cell, double *lat_rad, double *lon_rad)
{
    size_t row = cell / (size_t)g->n_cols, col = cell % (size_t)g->n_cols;
    *lat_rad = g->lat0_rad + ((double)row + 0.5) * g->dlat_rad;
    *lon_rad = g->lon0_rad + ((double)col + 0.5) * g->dlon_rad;
}

/* q(lat) of the authalic strip area (Snyder, Map Projections: A Working
 * Manual, 1987, eq. 3-12), divided by (1 - e^2). */
static double authalic_q(const bmd_earth *e, double lat)
{
    double s = sin(lat);
    if (e->e2 <= 0.0) return 2.0 * s; /* the limit e -> 0 */
    double ecc = sqrt(e->e2), es = ecc * s;
    return s / (1.0 - e->e2 * s * s) + log((1.0 - es) / (1.0 + es)) / (-2.0 * ecc);
}

double bmd_fp_grid_row_area(const bmd_fp_grid *g, const bmd_earth *e, int row)
{
    double la = g->lat0_rad + row * g->dlat_rad, lb = la + g->dlat_rad;
    /* zone area per unit longitude: b^2 / 2 [q(lb) - q(la)] (Snyder eq. 3-12,
     * with b^2 = a^2 (1 - e^2)); exact on the ellipsoid */
    double b2 = e->a_m * e->a_m * (1.0 - e->e2);
    return 0.5 * b2 * (authalic_q(e, lb) - authalic_q(e, la)) * g->dlon_rad;
}

void bmd_fp_split(size_t n_cells, size_t block, int n_parts, int part, size_t *begin, size_t *end)
{
    if (block == 0) block = 1;
    if (n_parts < 1) n_parts = 1;
    size_t nb = (n_cells + block - 1) / block, np = (size_t)n_parts, p = (size_t)part;
    size_t b0 = nb * p / np, b1 = nb * (p + 1) / np;
    *begin = b0 * block < n_cells ? b0 * block : n_cells;
    *end = b1 * block < n_cells ? b1 * block : n_cells;
}

/* ---- configuration ------------------------------------------------------------- */

void bmd_fp_config_init(bmd_fp_config *c, const bmd_earth *e, const bmd_atmo *atmo)
{
    memset(c, 0, sizeof *c);
    c->earth = e;
    c->atmo = atmo;
    c->map = BMD_FP_AIM;
    c->threat = BMD_FP_MISSILE;
    c->shape.kind = BMD_TRAJ_MIN_ENERGY;
    c->rcs_m2 = 0.01;
    c->revisit_s = 1.0;
    c->m_detect = 3;
    c->n_window = 5;
    c->reaction_s = 10.0;
    c->doctrine = BMD_FP_SHOOT;
    c->kill_assess_s = 10.0;
    c->scan_dt_s = 1.0;
    c->method = BMD_FP_FAST;
    c->node_spacing_m = 10e3;
    c->node_dt_s = 2.0;
    c->kick_nodes = 12;
    c->direct_dt_s = 1.0;
}

int bmd_fp_straight_table(bmd_ic_table *tab, double speed_mps, double min_alt_m, double max_alt_m,
                          double max_range_m)
{
    if (tab == NULL || !(speed_mps > 0.0) || !(min_alt_m >= 0.0) || !(max_alt_m > min_alt_m) ||
        !(max_range_m > 0.0))
        return BMD_EINVAL;
    memset(tab, 0, sizeof *tab);
    tab->range_top_m = 1.25 * max_range_m;
    tab->alt_top_m = 1.25 * max_alt_m;
    tab->dr_m = tab->range_top_m / (BMD_IC_TABLE_NR - 1);
    tab->dh_m = tab->alt_top_m / (BMD_IC_TABLE_NA - 1);
    tab->min_alt_m = min_alt_m;
    tab->max_alt_m = max_alt_m;
    tab->max_range_m = max_range_m;
    tab->max_flight_time_s = 0.0;
    for (int i = 0; i < BMD_IC_TABLE_NR; i++)
        for (int j = 0; j < BMD_IC_TABLE_NA; j++) {
            double r = i * tab->dr_m, h = j * tab->dh_m;
            tab->t_s[i][j] = sqrt(r * r + h * h) / speed_mps;
            tab->speed_mps[i][j] = speed_mps;
            tab->elev_rad[i][j] = atan2(h, r > 0.0 ? r : 1e-9);
        }
    return BMD_OK;
}

/* ---- internal structures -------------------------------------------------------- */

/* A family node: one flight, samples at k node_dt (k < n - 1) and impact. */
typedef struct fp_node {
    int state;       /* 0 unsolved, 1 solved, -1 out of reach */
    int flights;     /* flights it took */
    size_t id;       /* node id (ring-major) */
    double T;        /* flight time, s */
    double t_det;    /* first detection, s (NaN: none) */
    size_t n;        /* samples */
    double (*rv)[6]; /* [n] r (m) and v (m/s), ECEF */
} fp_node;

/* A family around one fixed point. */
typedef struct fp_family {
    double lat, lon;    /* the fixed end (rad) */
    double dr;          /* ring spacing, m */
    int n_rings;        /* rings 0 .. n_rings - 1 */
    int *ring_n;        /* azimuths per ring */
    size_t *ring_first; /* first node id of each ring */
    size_t n_ids;       /* node ids */
    int32_t *slot;      /* [n_ids] index into nodes, -1: none */
    fp_node *nodes;     /* [n_nodes] */
    size_t n_nodes, cap_nodes;
    /* kick table: exact solves along the central azimuth */
    int nk;
    double k_r[FP_MAX_KICK], k_kick[FP_MAX_KICK], k_cut[FP_MAX_KICK], k_daz[FP_MAX_KICK];
    int use_direct; /* the family could not be set up: decide every cell directly */
} fp_family;

/* Per-thread work area. */
typedef struct fp_work {
    size_t cap;      /* samples */
    double *t;       /* [cap] */
    double (*r)[3];  /* [cap] */
    double (*v)[3];  /* [cap] */
    double (*rv)[6]; /* [cap] flight samples */
} fp_work;

struct bmd_footprint {
    bmd_fp_config cfg;
    bmd_fp_grid grid;
    double pt_lat[BMD_FP_MAX_POINTS], pt_lon[BMD_FP_MAX_POINTS];
    bmd_traj_config tcfg; /* threat flights (no samples) */
    double bat_r0[3];     /* battery foot point (h = 0), ECEF */
    double bat_R;         /* Gaussian radius at the battery, m */
    fp_family *fam;       /* [n_points] (FAST) */
    bmd_fp_stats stats;
};

/* Per-point outcome. */
typedef struct fp_pt {
    int reach;    /* 1: the threat reaches the cell */
    int defended; /* 1: engaged (per doctrine) */
    double cue, t1, alt1, t_last, T;
} fp_pt;

/* ---- sampling flights -------------------------------------------------------------- */

typedef struct collect_ctx {
    double (*rv)[6];
    double *t;
    size_t n, cap;
} collect_ctx;

static int collect(void *ctx, const bmd_traj_sample *s)
{
    collect_ctx *c = ctx;
    if (s->event != BMD_TRAJ_EV_NONE && s->event != BMD_TRAJ_EV_LAUNCH &&
        s->event != BMD_TRAJ_EV_IMPACT)
        return 0; /* keep the uniform layout: periodic samples, launch, impact */
    if (c->n == c->cap) return 1;
    if (c->n > 0 && c->t != NULL && !(s->t_s > c->t[c->n - 1])) return 0; /* duplicate time */
    double *d = c->rv[c->n];
    for (int i = 0; i < 3; i++) {
        d[i] = s->r_ecef_m[i];
        d[3 + i] = s->v_ecef_mps[i];
    }
    if (c->t) c->t[c->n] = s->t_s;
    c->n++;
    return 0;
}

/* ---- geometry helpers ----------------------------------------------------------------- */

static double interp_tab(const double *x, const double *y, int n, double xq)
{
    double yq = y[0];
    (void)bmd_interp1(x, y, (size_t)n, xq, &yq);
    return yq;
}

/* Launch and aim points of a (fixed point, cell point) pair. */
static void ends(const bmd_footprint *fp, double flat, double flon, double clat, double clon,
                 double *llat, double *llon, double *alat, double *alon)
{
    if (fp->cfg.map == BMD_FP_AIM) {
        *llat = flat, *llon = flon, *alat = clat, *alon = clon;
    } else {
        *llat = clat, *llon = clon, *alat = flat, *alon = flon;
    }
}

/* Vacuum minimum-energy free flight from (llat, llon) to (alat, alon). */
static int fly_vacuum(const bmd_footprint *fp, bmd_traj_config *tc, double llat, double llon,
                      double alat, double alon, bmd_traj_summary *sum, bmd_errbuf *err)
{
    double s, az;
    bmd_geo_inverse(fp->cfg.earth, llat, llon, alat, alon, &s, &az, NULL);
    double R = fp->cfg.earth->a_m, psi = s / R, sh = sin(0.5 * psi);
    if (!(s > 1e3)) return bmd_err_set(err, BMD_EUNREACH, "aim point within 1 km");
    bmd_traj_impulsive b;
    memset(&b, 0, sizeof b);
    b.lat_rad = llat;
    b.lon_rad = llon;
    b.alt_m = 0.0;
    /* Bate, Mueller & White (1971) eq. 6.2-17 and 6.2-21 with r = R:
     * minimum-energy gamma = (pi - psi) / 4, v^2 = (mu / R) 2 sin(psi/2) /
     * (1 + sin(psi/2)) */
    b.speed_mps = sqrt(fp->cfg.earth->gm_m3ps2 / R * 2.0 * sh / (1.0 + sh));
    b.gamma_rad = 0.25 * (BMD_PI - psi);
    b.azimuth_rad = az;
    b.mass_kg = 1.0;
    b.beta_kgpm2 = 0.0;
    return bmd_traj_fly_impulsive(tc, &b, sum, err);
}

/* ---- the decision on a sampled trajectory ------------------------------------------------ */

/* Uniform-grid cubic Hermite evaluation of a work ephemeris (samples at
 * t[k] = k h except the last). */
static int ephem_eval(const fp_work *w, size_t n, double h, double t, double r[3], double v[3])
{
    if (!(t >= 0.0) || !(t <= w->t[n - 1])) return 1;
    size_t lo = (size_t)(t / h);
    if (lo >= n - 1) lo = n - 2;
    while (lo > 0 && w->t[lo] > t)
        lo--;
    while (lo + 2 < n && w->t[lo + 1] <= t)
        lo++;
    size_t hi = lo + 1;
    double dt = w->t[hi] - w->t[lo], s = (t - w->t[lo]) / dt, s2 = s * s, s3 = s2 * s;
    double h00 = 2 * s3 - 3 * s2 + 1, h10 = s3 - 2 * s2 + s, h01 = -2 * s3 + 3 * s2, h11 = s3 - s2;
    for (int i = 0; i < 3; i++) {
        double p0 = w->r[lo][i], p1 = w->r[hi][i], m0 = dt * w->v[lo][i], m1 = dt * w->v[hi][i];
        r[i] = h00 * p0 + h10 * m0 + h01 * p1 + h11 * m1;
    }
    if (v) {
        double d00 = 6 * s2 - 6 * s, d10 = 3 * s2 - 4 * s + 1, d01 = -6 * s2 + 6 * s,
               d11 = 3 * s2 - 2 * s;
        for (int i = 0; i < 3; i++) {
            double p0 = w->r[lo][i], p1 = w->r[hi][i], m0 = dt * w->v[lo][i], m1 = dt * w->v[hi][i];
            v[i] = (d00 * p0 + d10 * m0 + d01 * p1 + d11 * m1) / dt;
        }
    }
    return 0;
}

/* The sampled trajectory a decision works on. */
typedef struct fp_traj {
    const fp_work *w;
    size_t n;
    double h; /* nominal sample spacing, s */
    double T; /* impact, s */
} fp_traj;

static int traj_at(const fp_traj *tr, double t, double r[3])
{
    return ephem_eval(tr->w, tr->n, tr->h, t, r, NULL);
}

/* First firm track: looks at k revisit from t0 on. Returns the cue time or
 * NaN. */
static double cue_time(const bmd_footprint *fp, const fp_traj *tr, double t0)
{
    const bmd_fp_config *c = &fp->cfg;
    if (c->radar == NULL) return 0.0;
    unsigned hist = 0, mask = (c->n_window >= 32) ? 0xffffffffu : ((1u << c->n_window) - 1u);
    double k0 = ceil(t0 / c->revisit_s - 1e-9);
    if (k0 < 0) k0 = 0;
    for (double k = k0;; k += 1.0) {
        double t = k * c->revisit_s;
        if (t > tr->T) break;
        double r[3];
        if (traj_at(tr, t, r) != 0) break;
        bmd_radar_obs obs;
        int det = bmd_radar_observe(c->radar, r, c->rcs_m2, &obs) == BMD_OK && obs.reasons == 0;
        hist = ((hist << 1) | (unsigned)det) & mask;
        int cnt = 0;
        for (unsigned b = hist; b; b &= b - 1)
            cnt++;
        if (det && cnt >= c->m_detect) return t;
    }
    return NAN;
}

/* Fast ground range and height of a point from the battery. */
static void site_range(const bmd_footprint *fp, const double r[3], double *range_m, double *alt_m)
{
    double lat, lon, h;
    bmd_geo_from_ecef(fp->cfg.earth, r, &lat, &lon, &h);
    double cl = cos(lat);
    double n[3] = {cl * cos(lon), cl * sin(lon), sin(lat)};
    double d[3];
    for (int i = 0; i < 3; i++)
        d[i] = r[i] - h * n[i] - fp->bat_r0[i];
    double chord = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    double x = chord / (2.0 * fp->bat_R);
    *range_m = 2.0 * fp->bat_R * asin(x < 1.0 ? x : 1.0);
    *alt_m = h;
}

/* 0 outside the envelope, 1 inside but too late, 2 feasible; -1 no target. */
static int fast_feasible(const bmd_footprint *fp, const fp_traj *tr, double t, double t_now,
                         double *alt_m)
{
    double r[3], rng, fly;
    if (traj_at(tr, t, r) != 0) return -1;
    site_range(fp, r, &rng, alt_m);
    if (!bmd_interceptor_time_to(fp->cfg.table, rng, *alt_m, &fly)) return 0;
    return t - t_now - fly >= 0.0 ? 2 : 1;
}

/* The scan of bmd_interceptor_solve (same steps, same bisection) with the
 * fast range; stops once the threat descends below the floor. */
static int fast_solve(const bmd_footprint *fp, const fp_traj *tr, double t_now, double *t_i,
                      double *alt_i)
{
    double dt = fp->cfg.scan_dt_s, prev = t_now, alt = 0.0, alt_prev = -INFINITY;
    double floor_m = fp->cfg.table->min_alt_m;
    for (long n = 0;; n++) {
        double t = fmin(t_now + (double)n * dt, tr->T);
        int f = fast_feasible(fp, tr, t, t_now, &alt);
        if (f < 0) break;
        if (f == 2) {
            if (n == 0) {
                *t_i = t, *alt_i = alt;
                return 1;
            }
            double lo = prev, hi = t;
            while (hi - lo > FP_BISECT_S) {
                double mid = 0.5 * (lo + hi), a2;
                if (fast_feasible(fp, tr, mid, t_now, &a2) == 2)
                    hi = mid;
                else
                    lo = mid;
            }
            (void)fast_feasible(fp, tr, hi, t_now, &alt);
            *t_i = hi, *alt_i = alt;
            return 1;
        }
        if (alt < floor_m && alt < alt_prev) break; /* descending below the floor */
        alt_prev = alt;
        prev = t;
        if (t >= tr->T) break;
    }
    return 0;
}

static int exact_target(void *ctx, double t, double r[3], double v[3])
{
    const fp_traj *tr = ctx;
    return ephem_eval(tr->w, tr->n, tr->h, t, r, v);
}

static int exact_solve(const bmd_footprint *fp, const fp_traj *tr, double t_now, double *t_i,
                       double *alt_i)
{
    bmd_ic_solution sol;
    const bmd_fp_config *c = &fp->cfg;
    int st = bmd_interceptor_solve(c->earth, c->table, c->bat_lat_rad, c->bat_lon_rad, c->bat_alt_m,
                                   exact_target, (void *)(uintptr_t)tr, t_now, tr->T, c->scan_dt_s,
                                   &sol, NULL);
    if (st != BMD_OK) return 0;
    *t_i = sol.t_intercept_s;
    *alt_i = sol.pip_alt_m;
    return 1;
}

/* The decision on a trajectory. exact: bmd_interceptor_solve (direct
 * path), else the fast scan. */
static void decide(const bmd_footprint *fp, const fp_traj *tr, double t0_look, int exact, fp_pt *p)
{
    const bmd_fp_config *c = &fp->cfg;
    p->reach = 1;
    p->defended = 0;
    p->T = tr->T;
    p->t1 = p->alt1 = p->t_last = NAN;
    p->cue = cue_time(fp, tr, t0_look);
    if (isnan(p->cue)) return;
    double t_l = p->cue + c->reaction_s, t1, a1;
    int ok = exact ? exact_solve(fp, tr, t_l, &t1, &a1) : fast_solve(fp, tr, t_l, &t1, &a1);
    if (!ok) return;
    p->t1 = t1;
    p->alt1 = a1;
    p->t_last = t1;
    if (c->doctrine == BMD_FP_SHOOT_LOOK_SHOOT) {
        double t2, a2, t_l2 = t1 + c->kill_assess_s + c->reaction_s;
        if (t_l2 > tr->T) return;
        ok = exact ? exact_solve(fp, tr, t_l2, &t2, &a2) : fast_solve(fp, tr, t_l2, &t2, &a2);
        if (!ok) return;
        p->t_last = t2;
    }
    p->defended = 1;
}

/* ---- the direct path ------------------------------------------------------------------ */

static int direct_flight(const bmd_footprint *fp, fp_work *w, double llat, double llon, double alat,
                         double alon, size_t *n, double *T, bmd_errbuf *err)
{
    bmd_traj_config tc = fp->tcfg;
    double(*rv)[6] = w->rv;
    collect_ctx cc = {rv, w->t, 0, w->cap};
    tc.sample_dt_s = fp->cfg.direct_dt_s;
    tc.sample = collect;
    tc.sample_ctx = &cc;
    bmd_traj_summary sum;
    int st;
    if (fp->cfg.threat == BMD_FP_VACUUM) {
        st = fly_vacuum(fp, &tc, llat, llon, alat, alon, &sum, err);
    } else {
        bmd_traj_solution sol;
        bmd_traj_config tt = fp->tcfg;
        st = bmd_traj_target(&tt, fp->cfg.missile, llat, llon, 0.0, alat, alon, &fp->cfg.shape, 0.0,
                             &sol, err);
        if (st == BMD_OK) st = bmd_traj_fly(&tc, fp->cfg.missile, &sol.launch, &sum, err);
    }
    if (st == BMD_OK && !sum.impacted) st = bmd_err_set(err, BMD_ELIMIT, "flight did not impact");
    if (st == BMD_OK && cc.n < 2) st = bmd_err_set(err, BMD_ELIMIT, "too few samples");
    if (st == BMD_OK) {
        for (size_t k = 0; k < cc.n; k++)
            for (int i = 0; i < 3; i++) {
                w->r[k][i] = rv[k][i];
                w->v[k][i] = rv[k][3 + i];
            }
        *n = cc.n;
        *T = sum.flight_time_s;
    }
    return st;
}

/* Direct decision for one launch/aim pair. Unreachable pairs: reach 0. */
static int direct_point(bmd_footprint *fp, fp_work *w, double llat, double llon, double alat,
                        double alon, fp_pt *p, bmd_errbuf *err)
{
    size_t n = 0;
    double T = 0.0;
    memset(p, 0, sizeof *p);
    int st = direct_flight(fp, w, llat, llon, alat, alon, &n, &T, err);
    if (st == BMD_EUNREACH || st == BMD_ENOCONV || st == BMD_EINVAL || st == BMD_EDOM) {
        p->reach = 0;
        return BMD_OK;
    }
    if (st != BMD_OK) return st;
    fp_traj tr = {w, n, fp->cfg.direct_dt_s, T};
    decide(fp, &tr, 0.0, 1, p);
    return BMD_OK;
}

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

/* The four nodes and weights around a cell at (R, az) from the fixed
 * point; 0 when the cell is outside the rings (inner ring or beyond). */
static int cell_nodes(const fp_family *f, double R, double az, size_t id[4], double wgt[4])
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
static int solve_node(const bmd_footprint *fp, const fp_family *f, size_t id, fp_node *nd,
                      bmd_errbuf *err)
{
    int ring;
    long j;
    node_pos(f, id, &ring, &j);
    double R = ring * f->dr, az = 2.0 * BMD_PI * (double)j / f->ring_n[ring], clat, clon;
    bmd_geo_direct(fp->cfg.earth, f->lat, f->lon, az, R, &clat, &clon, NULL);
    double llat, llon, alat, alon;
    ends(fp, f->lat, f->lon, clat, clon, &llat, &llon, &alat, &alon);
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
    tc.sample = collect;
    tc.sample_ctx = &cc;
    bmd_traj_summary sum;
    int st = BMD_OK, solved = 0;
    nd->flights = 0;
    if (fp->cfg.threat == BMD_FP_VACUUM) {
        st = fly_vacuum(fp, &tc, llat, llon, alat, alon, &sum, NULL);
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
        l.kick_rad = interp_tab(f->k_r, f->k_kick, f->nk, s);
        l.cutoff_s = interp_tab(f->k_r, f->k_cut, f->nk, s);
        l.azimuth_rad = az_geo + interp_tab(f->k_r, f->k_daz, f->nk, s);
        /* slope dR/dcutoff from the table */
        double slope = 0.0;
        for (int k = 0; k + 1 < f->nk; k++)
            if (s <= f->k_r[k + 1] || k + 2 == f->nk) {
                slope = (f->k_r[k + 1] - f->k_r[k]) / (f->k_cut[k + 1] - f->k_cut[k]);
                break;
            }
        if (!(slope > 0.0) || !isfinite(slope)) slope = 5e3;
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
                break;
            }
            double sl = slope;
            if (isfinite(c_prev) && fabs(l.cutoff_s - c_prev) > 1e-9) {
                double sec = (ri - r_prev) / (l.cutoff_s - c_prev);
                if (sec > 0.0 && isfinite(sec)) sl = sec;
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

/* First detection on a node (for the start of a cell's cue scan). */
static void node_detect(const bmd_footprint *fp, fp_node *nd)
{
    const bmd_fp_config *c = &fp->cfg;
    nd->t_det = NAN;
    if (c->radar == NULL || nd->state != 1) return;
    for (double k = 0;; k += 1.0) {
        double t = k * c->revisit_s, r[3], v[3];
        if (t > nd->T) break;
        node_eval(nd, c->node_dt_s, t, r, v);
        bmd_radar_obs obs;
        if (bmd_radar_observe(c->radar, r, c->rcs_m2, &obs) == BMD_OK && obs.reasons == 0) {
            nd->t_det = t;
            return;
        }
    }
}

/* Blend four nodes into the work ephemeris. Returns the sample count. */
static size_t blend(const bmd_footprint *fp, fp_work *w, fp_node *const nd[4], const double wgt[4],
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
    for (size_t k = 0; k < n; k++) {
        double tau = k + 1 == n ? 1.0 : (double)k / (double)(n - 1);
        double r[3] = {0, 0, 0}, v[3] = {0, 0, 0};
        for (int q = 0; q < 4; q++) {
            if (wgt[q] == 0.0) continue;
            double rq[3], vq[3], tq = tau * nd[q]->T, sc = wgt[q] * nd[q]->T / T;
            node_eval(nd[q], dt, tq, rq, vq);
            for (int i = 0; i < 3; i++) {
                r[i] += wgt[q] * rq[i];
                v[i] += sc * vq[i];
            }
        }
        w->t[k] = k + 1 == n ? T : (double)k * h;
        for (int i = 0; i < 3; i++) {
            w->r[k][i] = r[i];
            w->v[k][i] = v[i];
        }
    }
    *T_out = T;
    *h_out = h;
    return n;
}

/* Family set-up: rings up to the farthest cell, the kick table. */
static int family_setup(bmd_footprint *fp, fp_family *f, bmd_errbuf *err)
{
    const bmd_fp_config *c = &fp->cfg;
    const bmd_earth *e = c->earth;
    size_t nc = bmd_fp_grid_cells(&fp->grid);
    double rmin = INFINITY, rmax = 0.0;
    /* farthest and nearest cell: the grid corners and edges bound them
     * well enough only for convex cases; take every cell (cheap) */
    double sx = 0.0, sy = 0.0;
    for (size_t k = 0; k < nc; k++) {
        double la, lo, s, az;
        bmd_fp_grid_centre(&fp->grid, k, &la, &lo);
        bmd_geo_inverse(e, f->lat, f->lon, la, lo, &s, &az, NULL);
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
        ends(fp, f->lat, f->lon, clat, clon, &llat, &llon, &alat, &alon);
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

static void family_free(fp_family *f)
{
    for (size_t k = 0; k < f->n_nodes; k++)
        free(f->nodes[k].rv);
    free(f->nodes);
    free(f->slot);
    free(f->ring_n);
    free(f->ring_first);
}

/* ---- create / free -------------------------------------------------------------------- */

void bmd_footprint_free(bmd_footprint *fp)
{
    if (fp == NULL) return;
    if (fp->fam)
        for (size_t p = 0; p < fp->cfg.n_points; p++)
            family_free(&fp->fam[p]);
    free(fp->fam);
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
            st = family_setup(fp, &fp->fam[p], err);
            if (st != BMD_OK) {
                bmd_footprint_free(fp);
                return st;
            }
        }
    }
    *out = fp;
    return BMD_OK;
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
    return w->t && w->r && w->v && w->rv ? BMD_OK : BMD_ENOMEM;
}

static void work_free(fp_work *w)
{
    free(w->t);
    free(w->r);
    free(w->v);
    free(w->rv);
}

/* Mark the nodes the cells need and solve the new ones. */
static int prepare_nodes(bmd_footprint *fp, fp_family *f, const double *R, const double *az,
                         size_t n, int nt, bmd_errbuf *err)
{
    size_t first_new = f->n_nodes;
    for (size_t k = 0; k < n; k++) {
        size_t id[4];
        double wgt[4];
        if (!cell_nodes(f, R[k], az[k], id, wgt)) continue;
        for (int q = 0; q < 4; q++) {
            if (f->slot[id[q]] >= 0) continue;
            if (f->n_nodes == f->cap_nodes) {
                size_t cap = f->cap_nodes ? 2 * f->cap_nodes : 1024;
                fp_node *nn = realloc(f->nodes, cap * sizeof *nn);
                if (nn == NULL) return bmd_err_set(err, BMD_ENOMEM, "out of memory");
                f->nodes = nn;
                f->cap_nodes = cap;
            }
            memset(&f->nodes[f->n_nodes], 0, sizeof f->nodes[0]);
            f->nodes[f->n_nodes].id = id[q];
            f->slot[id[q]] = (int32_t)f->n_nodes;
            f->n_nodes++;
        }
    }
    long n_new = (long)(f->n_nodes - first_new);
    int st = BMD_OK;
    long flights = 0;
    (void)nt;
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic) num_threads(nt) reduction(+ : flights)
#endif
    for (long k = 0; k < n_new; k++) {
        fp_node *nd = &f->nodes[first_new + (size_t)k];
        int s = solve_node(fp, f, nd->id, nd, NULL);
        if (s == BMD_OK) node_detect(fp, nd);
        flights += nd->flights;
        if (s != BMD_OK) {
#ifdef _OPENMP
#pragma omp critical(bmd_fp_err)
#endif
            st = s;
        }
    }
    fp->stats.nodes += n_new;
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
    int ok = !f->use_direct && cell_nodes(f, R, az, id, wgt);
    for (int q = 0; ok && q < 4; q++) {
        int32_t s = f->slot[id[q]];
        if (s < 0 || f->nodes[s].state != 1) {
            ok = 0;
            break;
        }
        nd[q] = &f->nodes[s];
    }
    double llat, llon, alat, alon;
    ends(fp, f->lat, f->lon, clat, clon, &llat, &llon, &alat, &alon);
    if (!ok) {
        *direct = 1;
        return direct_point(fp, w, llat, llon, alat, alon, p, err);
    }
    *direct = 0;
    double T, h;
    size_t n = blend(fp, w, nd, wgt, &T, &h);
    fp_traj tr = {w, n, h, T};
    double t0 = INFINITY;
    for (int q = 0; q < 4; q++)
        if (isfinite(nd[q]->t_det) && nd[q]->t_det < t0) t0 = nd[q]->t_det;
    /* start the look scan a window and 10 s before the earliest first
     * detection of the four nodes (from launch when none detects) */
    t0 = isfinite(t0) ? fmax(0.0, t0 - fp->cfg.revisit_s * fp->cfg.n_window - 10.0) : 0.0;
    decide(fp, &tr, t0, 0, p);
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

/* Decide n points (lat[k], lon[k]) into out[k]. */
static int run_points(bmd_footprint *fp, const double *lat, const double *lon, size_t n,
                      bmd_fp_cell *out, const volatile sig_atomic_t *stop, bmd_errbuf *err)
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
#ifdef _OPENMP
#pragma omp parallel for schedule(static) num_threads(nt)
#endif
            for (long k = 0; k < nn; k++)
                bmd_geo_inverse(c->earth, f->lat, f->lon, lat[k], lon[k], &R[k], &AZ[k], NULL);
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
                ends(fp, fp->pt_lat[p], fp->pt_lon[p], lat[k], lon[k], &llat, &llon, &alat, &alon);
                s = direct_point(fp, &ws[tid], llat, llon, alat, alon, &pt, &e1);
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
    int st = run_points(fp, lat, lon, n, out, stop, err);
    free(lat);
    free(lon);
    return st;
}

int bmd_footprint_point(bmd_footprint *fp, double lat_rad, double lon_rad, bmd_fp_cell *out,
                        bmd_errbuf *err)
{
    if (fp == NULL || out == NULL) return bmd_err_set(err, BMD_EINVAL, "footprint: NULL argument");
    return run_points(fp, &lat_rad, &lon_rad, 1, out, NULL, err);
}
