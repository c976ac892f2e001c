/*
 * bmd/track.h: the ballistic-target tracker: an extended (EKF) or unscented
 * (UKF) Kalman filter on the state [r, v, 1/beta] in the rotating ECEF
 * frame, fed range / azimuth / geometric-elevation measurements of one
 * radar; M-of-N track initiation; prediction to any later time and to the
 * impact point with its covariance.
 *
 * State (BMD_TRACK_NX = 7):
 *   x[0..2]  r_ecef_m    position, m, ECEF (bmd/geo.h: rotating with the Earth)
 *   x[3..5]  v_ecef_mps  velocity relative to the rotating Earth, m/s, ECEF
 *   x[6]     1/beta      inverse ballistic coefficient Cd A / m, m^2/kg
 *
 * Dynamics (docs/models/track.md), the same as bmd_traj_fly_impulsive:
 *   r' = v
 *   v' = g(r) - 2 w x v - w x (w x r) - 1/2 rho(h) |v| v (1/beta)
 *   (1/beta)' = 0 + white noise
 * with g from bmd_gravity_accel (point mass + J2 of the bmd_earth model),
 * w = (0, 0, omega) the Earth's rotation, rho from bmd_atmo_eval at the
 * ellipsoidal height h (zero above BMD_TRAJ_ATMO_TOP_M, or when atmo is
 * NULL), and process noise: white acceleration of spectral density
 * q = q_accel^2 per axis (discretised as the continuous white-noise
 * acceleration model of Bar-Shalom, Li & Kirubarajan (2001) sec. 6.2.2)
 * and a random walk on 1/beta of spectral density q_invbeta.
 *
 * Propagation: fixed-step classical RK4, steps of at most max_step_s (at
 * most max_step_dense_s below dense_alt_m). EKF covariance: the state
 * transition matrix Phi of each step is integrated with the state (the
 * variational equations Phi' = F Phi, F the Jacobian of the dynamics by
 * central differences), then P <- Phi P Phi^T + Qd. UKF: scaled unscented
 * transform (2n + 1 sigma points from the Cholesky factor of P, GSL), the
 * sigma points propagated through the same RK4 steps and redrawn after each
 * step, Qd added per step.
 *
 * Measurements: z = (range, azimuth, GEOMETRIC elevation) from the radar
 * site's ENU frame, independent Gaussian errors; the azimuth innovation is
 * wrapped to [-pi, pi). EKF: iterated update (Bar-Shalom et al. (2001)
 * sec. 10.5.2; the ordinary EKF on the first pass), covariance in Joseph
 * form. NIS = y^T S^-1 y of the innovation at the prediction.
 *
 * References:
 *   Bar-Shalom, Li & Kirubarajan, Estimation with Applications to Tracking
 *     and Navigation, Wiley (2001): sec. 5.4 (NEES/NIS consistency), 5.2.3
 *     (Joseph form), 5.5.3 (two-point differencing), 6.2.2 (white-noise
 *     acceleration), 10.3 (EKF), 10.5.2 (iterated EKF).
 *   Julier & Uhlmann, "A new extension of the Kalman filter to nonlinear
 *     systems", Proc. SPIE 3068 (1997); Julier, "The scaled unscented
 *     transformation", Proc. ACC (2002).
 *   Wan & van der Merwe, "The unscented Kalman filter for nonlinear
 *     estimation", Proc. IEEE AS-SPCC (2000) (weights used here).
 *   Blackman & Popoli, Design and Analysis of Modern Tracking Systems,
 *     Artech House (1999), sec. 3.2 (M-of-N track initiation).
 *
 * Nothing here prints; nothing allocates; a bmd_track is plain data
 * (copyable, e.g. to try a what-if prediction). All functions are
 * re-entrant.
 */
#ifndef BMD_TRACK_H
#define BMD_TRACK_H

#include "bmd/atmo.h"
#include "bmd/geo.h"
#include "bmd/radar.h"
#include "bmd/status.h"

#define BMD_TRACK_NX 7

/* Filter kinds; the values equal BMD_FILTER_EKF / BMD_FILTER_UKF of
 * bmd/scenario.h. */
typedef enum bmd_track_filter { BMD_TRACK_EKF = 0, BMD_TRACK_UKF = 1 } bmd_track_filter;

typedef enum bmd_track_status {
    BMD_TRACK_TENTATIVE = 0, /* started, not yet confirmed */
    BMD_TRACK_FIRM = 1,      /* confirmed: init_m detections in init_n looks */
    BMD_TRACK_DROPPED = 2    /* given up (final) */
} bmd_track_status;

/* Filter configuration: plain data; bmd_track_config_init, then set fields.
 * The same configuration must be passed to every call on one track. */
typedef struct bmd_track_config {
    const bmd_earth *earth;      /* Earth model (gravity, rotation, ellipsoid); required */
    const bmd_atmo *atmo;        /* atmosphere for drag; NULL: vacuum */
    int filter;                  /* bmd_track_filter */
    double q_accel_mps2;         /* white-acceleration process noise: spectral
                                    density q = q_accel^2 (m^2/s^3) per axis */
    double q_invbeta;            /* random-walk spectral density of 1/beta,
                                    (m^2/kg)^2/s */
    double invbeta0_m2pkg;       /* initial 1/beta, m^2/kg */
    double sigma_invbeta0_m2pkg; /* its standard deviation, m^2/kg */
    double sigma_v0_mps;         /* initial velocity standard deviation per ECEF
                                    axis (one-point start, velocity 0), m/s */
    int init_m, init_n;          /* M-of-N initiation: firm when init_m of the
                                    last init_n looks detected; 1 <= m <= n <= 32 */
    int drop_misses;             /* firm -> dropped after this many consecutive
                                    missed looks, >= 1 */
    double max_step_s;           /* RK4 step limit, s (> 0) */
    double max_step_dense_s;     /* RK4 step limit below dense_alt_m, s (> 0) */
    double dense_alt_m;          /* height below which max_step_dense_s applies, m */
    double ukf_alpha, ukf_beta, ukf_kappa; /* scaled unscented transform
                                              parameters (Wan & van der Merwe
                                              2000): lambda = alpha^2 (n +
                                              kappa) - n; alpha in (0, 1],
                                              n + lambda > 0 */
} bmd_track_config;

/*
 * bmd_track_config_init: a configuration with the defaults.
 * Given:    e Earth model (kept by pointer); a atmosphere (kept by pointer;
 *           NULL: vacuum)
 * Returned: *c  filter EKF; q_accel 0 and q_invbeta 0 (no process noise);
 *           1/beta0 = 1/5000 m^2/kg with sigma
 *           2e-4 m^2/kg (beta from ~2800 kg/m^2 to vacuum within 1 sigma);
 *           sigma_v0 3000 m/s; 3 of 5; drop after 5 misses; steps 1 s, 0.25 s
 *           below 40 km; UKF alpha 1, beta 2, kappa 0 (lambda = 0: weights
 *           1/(2n), the central point carries only the covariance weight 2).
 * Notes:    Zero process noise because the filter's model is the truth's
 *           after burnout (bmd_traj: the same gravity, rotation, atmosphere
 *           and constant beta): with it the filter is consistent (NEES, NIS
 *           and impact d^2 in their 95 % regions over 100 runs, EKF and UKF;
 *           docs/models/track.md). The old default q_accel 0.1 m/s^2 made
 *           the filter conservative (NEES about half its expected 6, impact
 *           ellipse several times the actual miss, the miss itself tens of
 *           metres instead of about one). Set q_accel / q_invbeta > 0 to
 *           study model mismatch (lift, beta(Mach), another atmosphere,
 *           J3+; the scenario key tracking.process_noise); the ballistic
 *           model does not follow a boosting missile (thrust 30-60 m/s^2):
 *           tracks should be fed after burnout, or q raised. c NULL:
 *           nothing done.
 */
void bmd_track_config_init(bmd_track_config *c, const bmd_earth *e, const bmd_atmo *a);

/*
 * bmd_track_config_check: validate a configuration.
 * Returned (function value): BMD_OK; BMD_EINVAL with a message naming the
 *           field (NULL earth, negative noise, bad M-of-N, bad steps, bad
 *           UKF parameters, unknown filter).
 */
int bmd_track_config_check(const bmd_track_config *c, bmd_errbuf *err);

/* A measurement. */
typedef struct bmd_track_meas {
    double t_s;     /* time of the look, s */
    double range_m; /* slant range, m (> 0) */
    double az_rad;  /* azimuth, rad clockwise from north (any wrap) */
    double el_rad;  /* GEOMETRIC elevation, rad: the caller removes the
                       deterministic refraction bias, el_geo = el_measured -
                       (obs.el_rad - obs.el_geo_rad) (bmd/radar.h) */
    double sigma_range_m, sigma_az_rad, sigma_el_rad; /* standard deviations
                                                         (> 0), e.g. from
                                                         bmd_radar_measure */
} bmd_track_meas;

/* A track: plain data. */
typedef struct bmd_track {
    int status;                           /* bmd_track_status */
    int filter;                           /* bmd_track_filter it was started with */
    unsigned history;                     /* detections of the last looks, bit 0
                                             the newest look (1: detected) */
    int looks, hits;                      /* looks since the start (the start
                                             counts as one detected look) */
    int misses_in_row;                    /* consecutive missed looks */
    int n_updates;                        /* measurement updates (start excluded) */
    double t_s;                           /* time of the estimate, s */
    double x[BMD_TRACK_NX];               /* r_ecef_m[3], v_ecef_mps[3], 1/beta */
    double P[BMD_TRACK_NX][BMD_TRACK_NX]; /* covariance (units of x squared) */
    union {
        double t_first_s;        /* time of the first detection, s (the brief's name) */
        double t_first_detect_s; /* the same storage (alias) */
    };
    double t_firm_s;       /* time it became firm, s (-1: not yet) */
    double nis;            /* NIS of the last update (-1: none) */
    double site_ecef_m[3]; /* radar site, m, ECEF */
    double enu[3][3];      /* its ENU basis: rows east, north, up */
} bmd_track;

/*
 * bmd_track_start: a tentative track from one measurement (one-point start).
 * Given:    cfg configuration; site_ecef_m[3] radar position (m, ECEF);
 *           site_lat_rad, site_lon_rad its geodetic latitude and longitude
 *           (for the ENU basis); z the first detection
 * Returned: *tk  position from z, its covariance J diag(sigma^2) J^T with J
 *           the Jacobian of (range, az, el) -> ECEF; velocity 0 with
 *           sigma_v0 per axis (a placeholder until the second detection);
 *           1/beta0 with its sigma; status tentative (firm at once if
 *           init_m = 1); one detected look; t_s = t_first_detect_s = z->t_s.
 *           err  detail on failure
 * Returned (function value): BMD_OK; BMD_EINVAL for NULL arguments, a bad
 *           configuration, a non-finite measurement, range or sigma <= 0.
 * Notes:    Two-point start: until the second detection the track is not
 *           propagated (missed looks only count); at the second detection
 *           (time t2) the velocity is solved so that the model flown back
 *           from (r2, v2, 1/beta0) to t_first_detect_s meets the first
 *           position (Newton on v2), and the full covariance follows to first
 *           order from both measurements' covariances and the 1/beta prior
 *           (two-point differencing, Bar-Shalom et al. (2001) sec. 5.5.3,
 *           generalised to the ballistic dynamics). No NIS at that look.
 *           sigma_v0 then only matters for bmd_track_predict of a one-point
 *           track.
 */
int bmd_track_start(bmd_track *tk, const bmd_track_config *cfg, const double site_ecef_m[3],
                    double site_lat_rad, double site_lon_rad, const bmd_track_meas *z,
                    bmd_errbuf *err);

/*
 * bmd_track_start_site: bmd_track_start with the site of a set-up radar
 * (site->r0_ecef_m and site->radar.face lat/lon).
 */
int bmd_track_start_site(bmd_track *tk, const bmd_track_config *cfg, const bmd_radar_site *site,
                         const bmd_track_meas *z, bmd_errbuf *err);

/*
 * bmd_track_look: one radar look at time t_s.
 * Given:    cfg (as at the start); t_s look time (s, >= tk->t_s); z the
 *           measurement (z->t_s is ignored: t_s is used), or NULL for a
 *           missed look
 * Returned: *tk  predicted to t_s, updated with z, then the status:
 *           tentative -> firm when at least init_m of the last init_n looks
 *           (the start included) detected, t_firm_s = t_s; tentative ->
 *           dropped as soon as init_m detections within the first init_n
 *           looks can no longer happen (3 of 5: hit, miss, miss, miss drops
 *           at the fourth look); firm ->
 *           dropped after drop_misses consecutive misses. nis set on update.
 *           err  detail on failure
 * Returned (function value): BMD_OK; BMD_EINVAL (NULL track or config, bad
 *           configuration, non-finite time or one before the estimate,
 *           non-finite measurement, a dropped track); BMD_ESTATE if the
 *           track was started with the other filter kind; BMD_EDOM when
 *           the covariance or the innovation covariance loses positive
 *           definiteness or the state becomes non-finite (the track is
 *           then unusable).
 */
int bmd_track_look(bmd_track *tk, const bmd_track_config *cfg, double t_s, const bmd_track_meas *z,
                   bmd_errbuf *err);

/*
 * bmd_track_predict: the estimate propagated to a later time (e.g. a
 * candidate intercept time), process noise included.
 * Given:    tk, cfg; t_s target time (s, >= tk->t_s)
 * Returned: x[7] the state; P the covariance (may be NULL: the state only,
 *           which for the UKF is the propagated estimate, not the sigma-point
 *           mean). A one-point track (before its second detection) is
 *           flown with its placeholder velocity 0.
 * Returned (function value): BMD_OK; BMD_EINVAL (NULL, bad time); BMD_EDOM
 *           (covariance lost positive definiteness, UKF).
 * Notes:    no check that the state stays above ground: past impact the
 *           ballistic motion continues below the surface.
 */
int bmd_track_predict(const bmd_track *tk, const bmd_track_config *cfg, double t_s,
                      double x[BMD_TRACK_NX], double P[BMD_TRACK_NX][BMD_TRACK_NX],
                      bmd_errbuf *err);

/* The predicted impact point (ellipsoidal height 0). */
typedef struct bmd_track_impact {
    double t_s;             /* impact time (same clock as the track), s */
    double lat_rad;         /* geodetic latitude, rad */
    double lon_rad;         /* longitude, rad, [-pi, pi] */
    double r_ecef_m[3];     /* impact point, m, ECEF */
    double v_ecef_mps[3];   /* Earth-relative velocity at impact, m/s */
    double sigma_t_s;       /* standard deviation of the impact time, s */
    double cov_en_m2[2][2]; /* east/north covariance of the impact point, m^2 */
    double semi_major_m;    /* 1-sigma ellipse semi-axes, m */
    double semi_minor_m;
    double orient_rad; /* major axis, clockwise from north, [0, pi) */
} bmd_track_impact;

/*
 * bmd_track_impact_point: the predicted impact point and its uncertainty.
 * Given:    tk, cfg
 * Returned: *out  impact time, point and covariance
 *           err   detail on failure
 * Returned (function value): BMD_OK; BMD_EINVAL (NULL arguments, bad
 *           config); BMD_EUNREACH when the estimate is at or below the
 *           ground or does not reach it within BMD_TRACK_T_MAX_S; BMD_EDOM
 *           (UKF covariance lost positive definiteness).
 * Notes:    1. The state is integrated (RK4, the steps above) until its
 *           height changes sign; the crossing is located by Brent's method
 *           on the length of the last step to 1 us.
 *           2. EKF: P is carried with Phi and Qd to the impact time; the
 *           position covariance there is projected along the velocity onto
 *           the local horizontal plane: dr_h = (I - v n^T / (n.v)) dr, n the
 *           up vector, to first order in dr (the time error is
 *           dt = -n.dr / n.v, giving sigma_t_s).
 *           3. UKF: the sigma points are propagated (redrawn each step) to
 *           the step where the mean crosses the ground, then each one to its
 *           own ground crossing; the mean and covariance of the crossing
 *           points (local east/north metres at the mean point) and times
 *           give the result (the lat/lon is that of the sigma-point mean).
 *           4. Ellipse: eigen-decomposition of cov_en_m2; the probability
 *           that the true point lies inside the 1-sigma ellipse is
 *           1 - exp(-1/2) = 0.393 for a Gaussian; scale both axes by 2.448
 *           (sqrt of the chi-square(2) 95 % quantile 5.991) for 95 %.
 */
int bmd_track_impact_point(const bmd_track *tk, const bmd_track_config *cfg, bmd_track_impact *out,
                           bmd_errbuf *err);

/* Longest prediction looked at by bmd_track_impact_point, s (4 h). */
#define BMD_TRACK_T_MAX_S 14400.0

/*
 * bmd_track_pos_sigma_m: track quality for the fire control,
 * sqrt(P_xx + P_yy + P_zz) (m), the RMS position error the filter claims.
 * Returned (function value): NaN for NULL.
 */
double bmd_track_pos_sigma_m(const bmd_track *tk);

/*
 * bmd_track_meas_model: h(x), what the radar at the track's site would
 * measure of state x.
 * Given:    tk (its site and ENU basis); x[7] a state
 * Returned: z[3]  range (m), azimuth (rad, [0, 2 pi)), geometric
 *           elevation (rad)
 * Returned (function value): BMD_OK; BMD_EINVAL for NULL or x at the site.
 */
int bmd_track_meas_model(const bmd_track *tk, const double x[BMD_TRACK_NX], double z[3]);

/*
 * bmd_track_mofn: the M-of-N rule alone (what bmd_track_look applies).
 * Given:    history look bits (bit 0 newest); looks number of looks so far;
 *           m, n the rule; status current bmd_track_status; misses_in_row;
 *           drop_misses
 * Returned (function value): the new bmd_track_status.
 */
int bmd_track_mofn(unsigned history, int looks, int m, int n, int status, int misses_in_row,
                   int drop_misses);

#endif /* BMD_TRACK_H */
