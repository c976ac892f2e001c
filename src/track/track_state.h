/*
 * track_state.h: the shared filter state of the track module: the 7-state
 * dynamics with their transition matrix and process noise (dyn.c), the
 * measurement model (meas.c), impact prediction (impact.c), small
 * fixed-size matrix helpers, and the filter table through which track.c
 * calls a filter. The EKF (ekf.c), the UKF (ukf.c) and impact prediction
 * depend on this header only, never on each other. Not part of the public
 * API.
 */
#ifndef BMD_TRACK_STATE_H
#define BMD_TRACK_STATE_H

#include "bmd/track.h"

#define NX BMD_TRACK_NX

/* ---- dynamics (dyn.c) ---- */

/* dx/dt of the 7-state model (bmd/track.h). */
void bmd__trk_deriv(const bmd_track_config *c, const double x[NX], double dx[NX]);
/* Jacobian F = d(dx/dt)/dx by central differences (the test reference). */
void bmd__trk_jacobian_fd(const bmd_track_config *c, const double x[NX], double F[NX][NX]);
/* dx/dt and its Jacobian F in closed form (what the filters use). */
void bmd__trk_deriv_jac(const bmd_track_config *c, const double x[NX], double dx[NX],
                        double F[NX][NX]);
/* Ellipsoidal height of the position x[0..2], m. */
double bmd__trk_height(const bmd_track_config *c, const double x[NX]);
/* Step limit at state x: max_step_s, or max_step_dense_s below dense_alt_m. */
double bmd__trk_hmax(const bmd_track_config *c, const double x[NX]);
/* One classical RK4 step of length h (any sign) of the state alone. */
void bmd__trk_rk4(const bmd_track_config *c, double x[NX], double h);
/* One RK4 step of the state and of its transition matrix Phi (Phi(0) = I). */
void bmd__trk_rk4_phi(const bmd_track_config *c, double x[NX], double Phi[NX][NX], double h);
/* Propagate x by dt (any sign) in RK4 steps and return the transition
 * matrix over the whole interval. */
void bmd__trk_propagate_phi(const bmd_track_config *c, double x[NX], double Phi[NX][NX], double dt);
/* Add the discretised process noise of a step of length h to P. */
void bmd__trk_add_q(const bmd_track_config *c, double P[NX][NX], double h);
/*
 * Move x (and its time *t) along its trajectory to height 0 from either
 * side: forward when above ground, backward when below; RK4 steps, then
 * Brent on the last step to 1 us. Returns BMD_OK or BMD_EUNREACH.
 */
int bmd__trk_to_ground(const bmd_track_config *c, double x[NX], double *t_s, double t_max_s);

/*
 * Propagate x by dt >= 0 in equal RK4 steps of at most bmd__trk_hmax and,
 * when P is not NULL, P through the linearised dynamics with process noise
 * (the EKF's prediction; Bar-Shalom, Li & Kirubarajan (2001) sec. 10.3).
 */
void bmd__trk_propagate_lin(const bmd_track_config *c, double x[NX], double P[NX][NX], double dt);

/* ---- measurement model (meas.c) ---- */

/* Analytic Jacobian H (3 x 7) of bmd_track_meas_model at x. */
void bmd__trk_meas_jacobian(const bmd_track *tk, const double x[NX], double H[3][NX]);

/* ---- impact prediction (impact.c) ---- */

/* Propagation of (x, P) by dt >= 0; BMD_OK or BMD_EDOM (covariance lost). */
typedef int (*bmd__trk_prop_fn)(const bmd_track_config *c, double x[NX], double P[NX][NX],
                                double dt);
/* Sigma points X and weights wm, wc of (x, P); BMD_OK or BMD_EDOM. */
typedef int (*bmd__trk_sigma_fn)(const bmd_track_config *c, const double x[NX], double P[NX][NX],
                                 double X[2 * NX + 1][NX], double wm[2 * NX + 1],
                                 double wc[2 * NX + 1]);
/* Impact point with the covariance carried by the linearised dynamics. */
int bmd__trk_impact_linear(const bmd_track *tk, const bmd_track_config *c, bmd_track_impact *out,
                           bmd_errbuf *err);
/* Impact point with the covariance carried by sigma points: prop while the
 * estimate stays above ground, then each point of sigma to the ground. */
int bmd__trk_impact_sigma(const bmd_track *tk, const bmd_track_config *c, bmd__trk_prop_fn prop,
                          bmd__trk_sigma_fn sigma, bmd_track_impact *out, bmd_errbuf *err);

/* ---- filters (ekf.c, ukf.c) ---- */

/* A filter: what track.c calls, chosen by bmd_track_config.filter. */
typedef struct bmd__trk_filter {
    const char *name;
    /* prediction of (x, P) by dt >= 0; BMD_OK or BMD_EDOM */
    bmd__trk_prop_fn propagate;
    /* measurement update of tk (x, P, nis); BMD_OK or BMD_EDOM */
    int (*update)(bmd_track *tk, const bmd_track_config *c, const bmd_track_meas *z);
    /* predicted impact point of tk (bmd_track_impact_point) */
    int (*impact)(const bmd_track *tk, const bmd_track_config *c, bmd_track_impact *out,
                  bmd_errbuf *err);
} bmd__trk_filter;

extern const bmd__trk_filter bmd__trk_ekf; /* ekf.c */
extern const bmd__trk_filter bmd__trk_ukf; /* ukf.c */

/* ---- helpers ---- */

/* C = A B (7 x 7); C may not alias A or B. */
void bmd__trk_mul(double A[NX][NX], double B[NX][NX], double C[NX][NX]);
/* P <- A P A^T (7 x 7). */
void bmd__trk_sandwich(double A[NX][NX], double P[NX][NX]);
/* The same for a transition matrix, whose row 6 is e6 (1/beta is
 * constant): the same sums in the same order, less the exact zeros. */
void bmd__trk_sandwich_phi(double A[NX][NX], double P[NX][NX]);
/* Symmetrise P in place. */
void bmd__trk_symmetrize(double P[NX][NX]);
/* 1 if every diagonal element of P is > 0 and P and x are finite. */
int bmd__trk_healthy(const double x[NX], double P[NX][NX]);
/* Inverse of a general 3 x 3 matrix (Cramer); BMD_EDOM if singular. */
int bmd__trk_inv3g(double a[3][3], double b[3][3]);
/* Inverse of a symmetric positive definite 3 x 3 matrix; BMD_EDOM if not. */
int bmd__trk_inv3(double a[3][3], double b[3][3]);

#endif /* BMD_TRACK_STATE_H */
