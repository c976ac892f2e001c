/* footprint_internal.h: what the footprint source files share: the grid
 * of trajectory families, per-thread work areas, the per-point decision
 * (footprint_decide.c) and the families (footprint_family.c) that
 * footprint.c runs over the cells. Not part of the public API. */
#ifndef BMD_FOOTPRINT_INTERNAL_H
#define BMD_FOOTPRINT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "bmd/footprint.h"

#define FP_MAX_KICK 64
#define FP_NODE_ITER 14
#define FP_NODE_TOL_M 20.0
#define FP_BISECT_S 1e-3
#define FP_DIRECT_T_MAX_S 4000.0

/* ---- internal structures -------------------------------------------------------- */

/* A family node: one flight, samples at k node_dt (k < n - 1) and impact. */
typedef struct fp_node {
    int state;    /* 0 unsolved, 1 solved, -1 out of reach */
    int flights;  /* flights it took */
    size_t id;    /* node id (ring-major) */
    double T;     /* flight time, s */
    double t_det; /* first detection, s (NaN: none) */
    double vmax;  /* largest sample speed, m/s */
    /* the solved launch against the kick table (warm start of the next
     * node of its chain): cut-off and azimuth offsets, s and rad, and the
     * last secant slope of range on cut-off, m/s (NaN: none) */
    double dcut, ddaz, slope;
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
    int use_direct;           /* the family could not be set up: decide every cell directly */
    double *cell_R, *cell_az; /* [grid cells] range and azimuth of each cell centre
                                 from the fixed point (bmd_geo_inverse), m and rad */
} fp_family;

/* Per-thread work area. */
typedef struct fp_work {
    size_t cap;      /* samples */
    double *t;       /* [cap] */
    double (*r)[3];  /* [cap] */
    double (*v)[3];  /* [cap] */
    double (*rv)[6]; /* [cap] flight samples */
    /* Blend on demand (bmd__fp_blend): sample k of the work ephemeris is
     * blended from the four nodes when first read; stamp[k] == gen marks
     * the samples of the current blend done. lazy 0: every sample is there
     * (the direct path). */
    int lazy;
    uint32_t gen;
    uint32_t *stamp;      /* [cap] */
    const fp_node *bn[4]; /* the blend's nodes */
    double bw[4], bT;     /* their weights, the blended flight time */
    double bdt;           /* the nodes' sample period, s */
    size_t bn_n;          /* samples of the blend */
} fp_work;

struct bmd_footprint {
    bmd_fp_config cfg;
    bmd_fp_grid grid;
    double pt_lat[BMD_FP_MAX_POINTS], pt_lon[BMD_FP_MAX_POINTS];
    bmd_traj_config tcfg;      /* threat flights (no samples) */
    bmd_traj_integrator integ; /* their dopri5 (no workspace: shared by the threads) */
    double bat_r0[3];          /* battery foot point (h = 0), ECEF */
    double bat_R;              /* Gaussian radius at the battery, m */
    fp_family *fam;            /* [n_points] (FAST) */
    bmd_fp_stats stats;
    unsigned ref; /* FP_REF_* switches (tests): fast paths replaced by the reference ones */
};

/* Reference switches (bmd__fp_set_reference), for the tests that hold the
 * fast paths to the computations they replace. */
enum {
    FP_REF_SCAN = 1u,  /* the intercept scan evaluates every point (no envelope skip) */
    FP_REF_LOOK = 2u,  /* every look by bmd_radar_observe */
    FP_REF_NODES = 4u, /* every node solved from the kick table (no warm start) */
    FP_REF_BLEND = 8u, /* cells on the blend resampled every node_dt_s and
                          interpolated (cubic Hermite), not the blend itself */
};
/* Set the reference switches (before bmd_footprint_run). */
void bmd__fp_set_reference(bmd_footprint *fp, unsigned flags);

/* Per-point outcome. */
typedef struct fp_pt {
    int reach;    /* 1: the threat reaches the cell */
    int defended; /* 1: engaged (per doctrine) */
    double cue, t1, alt1, t_last, T;
} fp_pt;

/* ---- shared by the decision, the families and the run ---------------------------- */

typedef struct collect_ctx {
    double (*rv)[6];
    double *t;
    size_t n, cap;
} collect_ctx;

/* The sampled trajectory a decision works on. */
typedef struct fp_traj {
    fp_work *w; /* samples (not const: the blend on demand fills it) */
    size_t n;
    double h;  /* nominal sample spacing, s */
    double T;  /* impact, s */
    double vb; /* bound on the speed along it, m/s (> 0: the fast scan may
                * step over scan points that the bound puts outside the
                * envelope; 0: every point is evaluated) */
    /* nd[0] != NULL: positions are the blend of these nodes at time t
     * (bmd__fp_blend_at), not the samples */
    const fp_node *nd[4];
    double wgt[4];
    double dt; /* the nodes' sample period, s */
} fp_traj;

/* Foot point on the ellipsoid and height of r by Bowring's single step
 * (the fast scan's ground range); within millimetres of bmd_geo_foot. */
double bmd__fp_foot(const bmd_earth *e, const double r[3], double foot[3]);
/* y(xq) in a table, clamped at its ends (bmd_interp1). */
double bmd__fp_interp(const double *x, const double *y, int n, double xq);
/* Launch and aim points of a (fixed point, cell point) pair. */
void bmd__fp_ends(const bmd_footprint *fp, double flat, double flon, double clat, double clon,
                  double *llat, double *llon, double *alat, double *alon);
/* Vacuum minimum-energy free flight from (llat, llon) to (alat, alon). */
int bmd__fp_fly_vacuum(const bmd_footprint *fp, bmd_traj_config *tc, double llat, double llon,
                       double alat, double alon, bmd_traj_summary *sum, bmd_errbuf *err);
/* The decision on a trajectory. exact: bmd_interceptor_solve (direct
 * path), else the fast scan. */
void bmd__fp_decide(const bmd_footprint *fp, const fp_traj *tr, double t0_look, int exact,
                    fp_pt *p);
/* Direct decision for one launch/aim pair. Unreachable pairs: reach 0. */
int bmd__fp_direct_point(bmd_footprint *fp, fp_work *w, double llat, double llon, double alat,
                         double alon, fp_pt *p, bmd_errbuf *err);
/* Sample callback of bmd_traj_fly into a collect_ctx: periodic samples,
 * launch and impact only. */
int bmd__fp_collect(void *ctx, const bmd_traj_sample *s);
/* The four nodes and weights around a cell at (R, az) from the fixed
 * point; 0 when the cell is outside the rings (inner ring or beyond). */
int bmd__fp_cell_nodes(const fp_family *f, double R, double az, size_t id[4], double wgt[4]);
/* Solve one node: a flight from the launch to the aim end that impacts
 * within FP_NODE_TOL_M of the aim point, with the family's kick; the first
 * cut-off and azimuth from the table, corrected by prev's offsets when prev
 * is a solved node (its chain predecessor), extrapolated linearly with
 * prev2's (the predecessor's predecessor) when that is solved too. */
int bmd__fp_solve_node(const bmd_footprint *fp, const fp_family *f, size_t id, fp_node *nd,
                       const fp_node *prev, const fp_node *prev2, bmd_errbuf *err);
/* Warm-start chains: each ring is cut into blocks of FP_CHAIN azimuths
 * (the last one shorter); a block's middle node is its head, solved from
 * the table, and every other node starts from its neighbour one step
 * nearer the head (and the one beyond, bmd__fp_chain_prev2). The blocks depend on the ring alone,
 * so a node's result depends only on the node. Returns 1 and *prev when id has a predecessor, 0 for
 * a head. */
#define FP_CHAIN 16
int bmd__fp_chain_prev(const fp_family *f, size_t id, size_t *prev);
/* The second node of id's warm start (linear extrapolation with prev):
 * prev's predecessor, or for the node after the head the one before it
 * (the blocks are solved head, downward, upward). 0: none. */
int bmd__fp_chain_prev2(const fp_family *f, size_t id, size_t *prev2);
/* The head of id's block. */
size_t bmd__fp_chain_head(const fp_family *f, size_t id);
/* The block [first, last] of ids that holds id. */
void bmd__fp_chain_block(const fp_family *f, size_t id, size_t *first, size_t *last);
/* First detection on a node (for the start of a cell's cue scan). */
void bmd__fp_node_detect(const bmd_footprint *fp, fp_node *nd);
/* Blend four nodes into the work ephemeris: the sample times at once,
 * the states on demand (bmd__fp_blend_sample). Returns the sample count. */
size_t bmd__fp_blend(const bmd_footprint *fp, fp_work *w, fp_node *const nd[4], const double wgt[4],
                     double *T_out, double *h_out);
/* Position of the blend of four nodes at time t of a flight of T s: the
 * nodes at the same fraction t / T of their flight times, weighted. */
void bmd__fp_blend_at(const fp_node *const nd[4], const double wgt[4], double dt, double T,
                      double t, double r[3]);
/* Make sample k of a lazy work ephemeris (no-op when done or not lazy). */
void bmd__fp_blend_sample(fp_work *w, size_t k);
/* Family set-up: rings up to the farthest cell, the kick table. */
int bmd__fp_family_setup(bmd_footprint *fp, fp_family *f, bmd_errbuf *err);
/* Free what bmd__fp_family_setup and the node solves allocated. */
void bmd__fp_family_free(fp_family *f);

#endif /* BMD_FOOTPRINT_INTERNAL_H */
