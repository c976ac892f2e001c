/*
 * bmd/track.h: a ballistic-target tracker: extended Kalman filter on the
 * state [r, v, 1/beta] in the rotating ECEF frame, fed range / azimuth /
 * elevation measurements of one radar; M-of-N track initiation; prediction
 * to any later time and to the impact point with its covariance.
 *
 * Dynamics (docs/models/track.md): gravity with J2 (bmd_gravity_accel),
 * Coriolis -2 w x v and centrifugal -w x (w x r) terms, drag
 * -1/2 rho |v| v / beta with rho from the atmosphere model (US76), 1/beta
 * constant driven by a random walk. Propagation: fixed-step RK4 (steps of
 * at most max_step_s); covariance: P' = F P + P F^T + Q with F the Jacobian
 * of the dynamics by central differences, integrated with the state.
 * Measurement update: Joseph form, azimuth innovation wrapped to [-pi, pi].
 *
 * Nothing here allocates or prints; a bmd_track is plain data (copyable).
 */
#ifndef BMD_TRACK_H
#define BMD_TRACK_H

#include "bmd/atmo.h"
#include "bmd/geo.h"
#include "bmd/status.h"

#define BMD_TRACK_NX 7

typedef enum bmd_track_filter { BMD_TRACK_EKF = 0, BMD_TRACK_UKF = 1 } bmd_track_filter;

typedef enum bmd_track_status {
    BMD_TRACK_TENTATIVE = 0,
    BMD_TRACK_FIRM = 1,
    BMD_TRACK_DROPPED = 2
} bmd_track_status;

typedef struct bmd_track_config {
    const bmd_earth *earth;      /* required */
    const bmd_atmo *atmo;        /* NULL: vacuum */
    int filter;                  /* bmd_track_filter (only the EKF is implemented:
                                    BMD_TRACK_UKF is refused with BMD_EINVAL) */
    double q_accel_mps2;         /* white-acceleration process noise: spectral density
                                    q = q_accel^2 (m^2/s^3) per axis */
    double q_invbeta;            /* random walk on 1/beta, (m^2/kg)^2/s */
    double invbeta0_m2pkg;       /* initial 1/beta */
    double sigma_invbeta0_m2pkg; /* its sigma */
    double sigma_v0_mps;         /* initial velocity sigma per axis (one-point start) */
    int init_m, init_n;          /* M-of-N initiation (default 3 of 5) */
    int drop_misses;             /* firm -> dropped after this many misses in a row (5) */
    double max_step_s;           /* propagation step limit, s (1) */
} bmd_track_config;

/* bmd_track_config_init: defaults: EKF, q_accel 1 m/s^2 (q = 1 m^2/s^3),
 * q_invbeta 1e-10 (m^2/kg)^2/s, 1/beta0 = 1/5000 m^2/kg with sigma 2e-4,
 * sigma_v0 3 km/s, 3 of 5, drop after 5 misses, 1 s steps. */
void bmd_track_config_init(bmd_track_config *c, const bmd_earth *e, const bmd_atmo *a);

/* A measurement. */
typedef struct bmd_track_meas {
    double t_s;
    double range_m, az_rad, el_rad; /* el: GEOMETRIC elevation (the caller removes the
                                       deterministic refraction bias) */
    double sigma_range_m, sigma_az_rad, sigma_el_rad;
} bmd_track_meas;

typedef struct bmd_track {
    int status;       /* bmd_track_status */
    unsigned history; /* detections of the last looks, bit 0 the newest */
    int looks, hits, misses_in_row, n_updates;
    double t_s;                           /* time of the estimate, s */
    double x[BMD_TRACK_NX];               /* r_ecef_m[3], v_ecef_mps[3], 1/beta (m^2/kg) */
    double P[BMD_TRACK_NX][BMD_TRACK_NX]; /* covariance */
    double t_first_s, t_firm_s;           /* -1 until known */
    double nis;                           /* last normalised innovation squared */
    double site_ecef_m[3], enu[3][3];     /* radar site and its ENU basis (rows e, n, u) */
} bmd_track;

/*
 * bmd_track_start: a tentative track from one measurement.
 * Given:    cfg; the radar site (ECEF and geodetic lat/lon for its ENU
 *           basis); z the first detection
 * Returned: *tk  position from z with its covariance mapped through the
 *           Jacobian of the spherical-to-Cartesian conversion, velocity
 *           zero with sigma_v0 per axis, 1/beta0; one detected look
 * Returned (function value): BMD_OK; BMD_EINVAL for NULL, non-finite or
 *           non-positive sigmas, or an unsupported filter.
 */
int bmd_track_start(bmd_track *tk, const bmd_track_config *cfg, const double site_ecef_m[3],
                    double site_lat_rad, double site_lon_rad, const bmd_track_meas *z,
                    bmd_errbuf *err);

/*
 * bmd_track_look: one look at time t_s: predict to t_s, update with z (NULL:
 * a missed look), then the initiation logic: tentative -> firm when at least
 * init_m of the last init_n looks detected; tentative -> dropped when that
 * can no longer happen; firm -> dropped after drop_misses misses in a row.
 * Returned (function value): BMD_OK; BMD_EINVAL (bad arguments, t_s before
 *           the estimate, dropped track); BMD_EDOM when the covariance loses
 *           positive definiteness.
 */
int bmd_track_look(bmd_track *tk, const bmd_track_config *cfg, double t_s, const bmd_track_meas *z,
                   bmd_errbuf *err);

/*
 * bmd_track_predict: the estimate propagated to t_s >= tk->t_s.
 * Returned: x[7]; P (may be NULL)
 * Returned (function value): BMD_OK; BMD_EINVAL.
 */
int bmd_track_predict(const bmd_track *tk, const bmd_track_config *cfg, double t_s,
                      double x[BMD_TRACK_NX], double P[BMD_TRACK_NX][BMD_TRACK_NX],
                      bmd_errbuf *err);

/* The predicted impact point (ellipsoidal height 0). */
typedef struct bmd_track_impact {
    double t_s, lat_rad, lon_rad;
    double cov_en_m2[2][2]; /* east/north covariance of the impact point, m^2 */
    double semi_major_m;    /* 1-sigma ellipse semi-axes, m */
    double semi_minor_m;
    double orient_rad; /* major axis, clockwise from north, [0, pi) */
} bmd_track_impact;

/*
 * bmd_track_impact_point: propagate to the ground.
 * Notes:    the state is propagated to the time its height crosses 0
 *           (bisection to 1 ms); the position covariance there is projected
 *           along the velocity onto the local horizontal plane
 *           (dr_h = (I - v n^T / (n.v)) dr, n the up vector).
 * Returned (function value): BMD_OK; BMD_EUNREACH when the state does not
 *           reach the ground within 4 h; BMD_EINVAL.
 */
int bmd_track_impact_point(const bmd_track *tk, const bmd_track_config *cfg, bmd_track_impact *out,
                           bmd_errbuf *err);

/* bmd_track_pos_sigma_m: sqrt of the trace of the position covariance, m. */
double bmd_track_pos_sigma_m(const bmd_track *tk);

/* bmd_track_meas_model: range, azimuth [0, 2 pi), geometric elevation of a
 * state seen from the track's site. Returns BMD_OK or BMD_EINVAL. */
int bmd_track_meas_model(const bmd_track *tk, const double x[BMD_TRACK_NX], double z[3]);

#endif /* BMD_TRACK_H */
