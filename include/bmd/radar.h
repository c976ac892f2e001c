/*
 * bmd/radar.h: a phased-array ballistic-missile-defence radar (AN/TPY-2
 * class) at the open-literature level: range equation (track dwell, peak
 * power pulse and search forms), detection probability (Swerling 0 and 1),
 * one face with its field of regard and scan loss, line of sight over a
 * refracting Earth (effective Earth radius), an instrumented range limit,
 * measurement noise, and RCS against aspect angle.
 *
 * The radar description (bmd_radar) is plain data: hardware, face and mode.
 * The catalog (bmd/radar_catalog.h) and the command line build one; then
 * bmd_radar_setup() precomputes what the per-time-step test
 * bmd_radar_observe() needs. Equations, parameters and validation are in
 * docs/models/radar.md. SI units and radians throughout; "SNR" is a power
 * ratio (not dB); losses are power ratios >= 1.
 */
#ifndef BMD_RADAR_H
#define BMD_RADAR_H

#include <stddef.h>

#include "bmd/core.h"
#include "bmd/geo.h"
#include "bmd/status.h"

/* ---- the radar description ------------------------------------------- */

/* Hardware: the same for every mode of a radar. */
typedef struct bmd_radar_hw {
    double freq_hz;       /* carrier frequency, Hz */
    double p_avg_w;       /* average transmitted power, W (track dwell and search
                             forms) */
    double p_peak_w;      /* peak power, W (pulse form; 0: not used) */
    double pulse_s;       /* pulse length, s (pulse form) */
    int n_pulses;         /* pulses coherently integrated per look (pulse form), >= 1 */
    double area_m2;       /* physical array area, m^2 */
    double efficiency;    /* aperture efficiency, 1, in (0, 1]; A_e = efficiency area */
    double gain;          /* antenna gain, power ratio (0: 4 pi A_e / lambda^2); when
                             given, A_e = gain lambda^2 / (4 pi) */
    double t_sys_k;       /* system noise temperature, K */
    double loss;          /* total system loss, power ratio >= 1 (1: none) */
    double bandwidth_hz;  /* signal bandwidth, Hz (range resolution c / (2 B)) */
    double beamwidth_rad; /* 3 dB beamwidth at boresight, rad (0: BMD_RADAR_BW_FACTOR
                             lambda / sqrt(area)) */
    double monopulse_km;  /* monopulse slope k_m, 1 (0: BMD_RADAR_MONOPULSE_KM) */
    double scan_loss_n;   /* exponent n of the two-way scan loss cos^n(theta), theta
                             the angle off the face normal, 1 (0: none) */
} bmd_radar_hw;

/* One array face at a site. */
typedef struct bmd_radar_face {
    double lat_rad, lon_rad; /* site, geodetic (rad) */
    double h_m;              /* array centre height above the ellipsoid, m */
    double boresight_az_rad; /* face normal azimuth, rad clockwise from north */
    double boresight_el_rad; /* face normal elevation (tilt), rad */
    double half_az_rad;      /* field of regard: azimuth half-width about the
                                boresight, rad in (0, pi] (pi: all round) */
    double el_min_rad;       /* minimum elevation (terrain/clutter mask and lower
                                edge of the field of regard), rad (apparent) */
    double el_max_rad;       /* upper edge of the field of regard, rad (apparent) */
    double k_refr;           /* effective Earth radius factor, 1 (4/3: standard
                                refraction; 1: none) */
} bmd_radar_face;

/* Mode: resource allocation and processing; terminal (TBR) and forward-based
 * (FBM) modes of one radar differ here, not in hardware. */
typedef struct bmd_radar_mode {
    char name[24];        /* "terminal", "forward-based", ... */
    double t_dwell_s;     /* track dwell: time over which P_avg is put on one
                             target per look, s (energy form) */
    double t_frame_s;     /* search frame time, s */
    double omega_sr;      /* search solid angle, sr */
    double snr_req;       /* SNR required to detect / hold track, power ratio */
    double pfa;           /* false-alarm probability per look, 1 */
    int swerling;         /* target model for the reported Pd: 0 or 1 */
    double instr_range_m; /* instrumented range (software range window), m (0: none) */
} bmd_radar_mode;

typedef struct bmd_radar {
    char name[32];  /* catalog key, "an-tpy2" */
    char label[64]; /* display name */
    bmd_radar_hw hw;
    bmd_radar_face face;
    bmd_radar_mode mode;
} bmd_radar;

/*
 * bmd_radar_defaults: a description with every optional field at its
 * default and every required hardware/mode value zero (so that
 * bmd_radar_validate names what is missing).
 * Returned: *r  n_pulses 1, efficiency 1, loss 1, scan_loss_n
 *           BMD_RADAR_SCAN_LOSS_N, k_refr BMD_REFRACTION_K, field of regard
 *           +-60 deg (BMD_RADAR_HALF_AZ_RAD) and elevation 0 to 90 deg,
 *           pfa 1e-6, swerling 1, no instrumented range; site (0, 0, 0),
 *           boresight azimuth 0 (north) and elevation 0.
 */
void bmd_radar_defaults(bmd_radar *r);

/*
 * bmd_radar_validate: report impossible or missing values.
 * Given:    r  the description
 * Returned: err  "PARAM = VALUE UNIT: why", PARAM the catalog/command-line
 *           key (power_avg, aperture, efficiency, frequency, noise_temp,
 *           loss, dwell, snr_required, pfa, half_width, el_min, el_max, ...)
 * Returned (function value): BMD_OK; BMD_EINVAL at the first bad value
 *           (r NULL, non-finite values, frequency <= 0, no power (neither
 *           power_avg with dwell nor power_peak with pulse), negative
 *           power, efficiency outside (0, 1], area <= 0 without an explicit
 *           gain, noise temperature <= 0, loss < 1, snr_required <= 0, pfa
 *           outside (0, 1), half-width <= 0 or > 180 deg, el_min >= el_max,
 *           el limits outside [-90, 90] deg, k_refr <= 0, negative
 *           instrumented range, swerling other than 0 or 1).
 */
int bmd_radar_validate(const bmd_radar *r, bmd_errbuf *err);

/* ---- range equation (boresight, free space) --------------------------- */

/*
 * bmd_radar_antenna: wavelength, gain and effective aperture.
 * Given:    r  a valid description
 * Returned: *lambda_m wavelength c / f (m); *gain (power ratio); *ae_m2
 *           effective aperture (m^2). Any output may be NULL.
 * Notes:    G = 4 pi A_e / lambda^2 with A_e = efficiency area, unless
 *           hw.gain is given (then A_e = G lambda^2 / (4 pi)).
 * References: Skolnik, Introduction to Radar Systems, 3rd ed. (2001), eq. 2.7.
 */
void bmd_radar_antenna(const bmd_radar *r, double *lambda_m, double *gain, double *ae_m2);

/*
 * bmd_radar_energy: transmitted energy integrated on one target per look.
 * Returned (function value): J; p_peak pulse n_pulses when the pulse form
 *           is given (p_peak_w > 0 and pulse_s > 0), else p_avg t_dwell.
 */
double bmd_radar_energy(const bmd_radar *r);

/*
 * bmd_radar_snr: single-look SNR of a target on boresight.
 * Given:    r valid description; rcs_m2 RCS (m^2, >= 0); range_m slant
 *           range (m, > 0)
 * Returned: *snr  E G A_e sigma / ((4 pi)^2 k T_s L R^4) (power ratio)
 * Returned (function value): BMD_OK; BMD_EINVAL for bad arguments.
 * Notes:    with E = P_t tau n and A_e = G lambda^2 / (4 pi) this is the
 *           peak-power form P_t tau n G^2 lambda^2 sigma / ((4 pi)^3 k T_s
 *           L R^4); with E = P_av t_dwell the track-dwell (energy) form.
 * References: Skolnik (2001) eq. 2.61 (energy form); Richards, Fundamentals
 *           of Radar Signal Processing (2005) eq. 2.17; Lewis & Postol,
 *           "Radar range calculations for the AN/TPY-2 ..." (2012).
 */
int bmd_radar_snr(const bmd_radar *r, double rcs_m2, double range_m, double *snr);

/*
 * bmd_radar_track_range: free-space single-look detection range on
 * boresight at the mode's required SNR.
 * Given:    r valid description; rcs_m2 RCS (m^2, > 0)
 * Returned: *range_m  R = (E G A_e sigma / ((4 pi)^2 k T_s L SNR_req))^(1/4) (m)
 * Returned (function value): BMD_OK; BMD_EINVAL for bad arguments.
 * Notes:    no horizon, field of regard or instrumented range here; see
 *           bmd_radar_observe and bmd_coverage_run for those.
 */
int bmd_radar_track_range(const bmd_radar *r, double rcs_m2, double *range_m);

/*
 * bmd_radar_search_range: free-space detection range of the search form.
 * Given:    r valid description with p_avg_w, t_frame_s, omega_sr > 0;
 *           rcs_m2 RCS (m^2, > 0)
 * Returned: *range_m  (P_av A_e sigma t_frame / (4 pi Omega k T_s L
 *           SNR_req))^(1/4) (m)
 * Returned (function value): BMD_OK; BMD_EINVAL for bad arguments or a
 *           mode without search parameters.
 * References: Skolnik (2001) eq. 2.65 (search radar equation).
 */
int bmd_radar_search_range(const bmd_radar *r, double rcs_m2, double *range_m);

/* ---- detection probability (swappable models) ------------------------- */

/*
 * A detection model: Pd for one look at a given SNR (power ratio, >= 0)
 * and Pfa (in (0, 1)). The tables are const; select one with
 * bmd_detector_swerling().
 */
typedef struct bmd_detector {
    const char *name;
    double (*pd)(double snr, double pfa);
} bmd_detector;

/* Swerling 0 (non-fluctuating): Pd = Q1(sqrt(2 SNR), sqrt(-2 ln Pfa)),
 * Marcum's Q function, computed to ~1e-15 (bmd_marcum_q1). */
extern const bmd_detector bmd_detector_swerling0;
/* Swerling 1 (slow Rayleigh fluctuation, one look): Pd = Pfa^(1/(1+SNR)). */
extern const bmd_detector bmd_detector_swerling1;

/* bmd_detector_swerling: the table for Swerling case n (0 or 1), else NULL. */
const bmd_detector *bmd_detector_swerling(int n);

/*
 * bmd_marcum_q1: Marcum's Q function Q1(a, b) = int_b^inf x exp(-(x^2 +
 * a^2)/2) I0(a x) dx.
 * Given:    a >= 0, b >= 0 (1)
 * Returned (function value): Q1 in [0, 1]; NaN for negative or NaN input.
 * Notes:    Summed as a Poisson mixture of gamma tails, Q1 = sum_k
 *           e^-l l^k/k! Q(k+1, b^2/2), l = a^2/2, from the Poisson mode
 *           outwards: every term is positive, so there is no cancellation
 *           (the Bessel series of the textbooks overflows for a b > 700).
 *           When |a - b| > 9 the exponential bounds of Simon & Alouini
 *           give Q1 within 3e-18 of 1 (a > b) or 0 (b > a), returned as such.
 *           At most a few hundred terms for Pfa >= 1e-300.
 * References: Marcum, IRE Trans. IT-6, 59 (1960); Simon & Alouini, IEEE
 *           Trans. Commun. 48 (3), 359-366 (2000) (bounds).
 */
double bmd_marcum_q1(double a, double b);

/*
 * bmd_radar_pd: detection probability of one look.
 * Given:    det model; snr (power ratio, >= 0); pfa (in (0, 1))
 * Returned: *pd (1)
 * Returned (function value): BMD_OK; BMD_EINVAL for bad arguments.
 */
int bmd_radar_pd(const bmd_detector *det, double snr, double pfa, double *pd);

/*
 * bmd_radar_snr_for_pd: SNR needed for a given Pd (the inverse of
 * bmd_radar_pd).
 * Given:    det model; pd in (pfa, 1); pfa in (0, 1)
 * Returned: *snr (power ratio)
 * Returned (function value): BMD_OK; BMD_EINVAL for bad arguments.
 * Notes:    bisection on 10 log10 SNR in [-40, 80] dB to 1e-10 dB
 *           (Pd increases monotonically with SNR in both models).
 */
int bmd_radar_snr_for_pd(const bmd_detector *det, double pd, double pfa, double *snr);

/*
 * bmd_radar_pd_cumulative: probability of at least one detection in n
 * independent looks, 1 - prod (1 - pd[i]).
 * Given:    pd[n] per-look probabilities (each in [0, 1]); n >= 1
 * Returned: *pc (1)
 * Returned (function value): BMD_OK; BMD_EINVAL for bad arguments.
 * Notes:    for n equal looks this is 1 - (1 - Pd)^n; independent looks
 *           assume the target decorrelates between looks (Swerling 1
 *           scan-to-scan).
 * References: Skolnik (2001) sec. 2.12 (cumulative probability of detection).
 */
int bmd_radar_pd_cumulative(const double *pd, size_t n, double *pc);

/* ---- horizon and refraction ------------------------------------------- */

/*
 * bmd_radar_horizon: where a target at a given altitude sinks below a
 * given apparent elevation, over a spherical Earth with refraction modelled
 * by an effective radius k R.
 * Given:    r_earth_m Earth radius R (m); k effective radius factor (1);
 *           h_site_m radar height (m, >= 0); alt_m target altitude (m,
 *           >= 0); el_min_rad minimum apparent elevation (rad)
 * Returned: *ground_m ground arc length R phi from the radar to that point
 *           (m, measured on the true Earth); *slant_m straight-line slant
 *           range there in the true geometry (m). Outputs may be NULL.
 * Returned (function value): BMD_OK; BMD_EINVAL for bad arguments.
 * Notes:    a ray leaving radius a0 = kR + h_site at elevation e reaches
 *           radius a1 = kR + alt at central angle phi_e = acos(a0 cos e / a1)
 *           - e; the ground arc is kept, s = kR phi_e (= R phi on the true
 *           Earth).
 *           An el_min below the dip of the geometric horizon,
 *           -acos(kR / a0), is raised to it. For h_site = 0, e = 0:
 *           ground = kR acos(kR / (kR + alt)) ~ sqrt(2 k R alt).
 * References: Skolnik (2001) sec. 8.2 (4/3 Earth); Doerry, "Earth
 *           curvature and atmospheric refraction effects on radar signal
 *           propagation", Sandia SAND2012-10690 (2013).
 */
int bmd_radar_horizon(double r_earth_m, double k, double h_site_m, double alt_m, double el_min_rad,
                      double *ground_m, double *slant_m);

/* ---- the per-time-step test ------------------------------------------- */

/* Precomputed site: set up once with bmd_radar_setup, then read only. */
typedef struct bmd_radar_site {
    bmd_radar radar;
    bmd_earth earth;
    const bmd_detector *det;
    double r0_ecef_m[3]; /* array centre (m, ECEF) */
    double enu[3][3];    /* rows: east, north, up at the site (ECEF) */
    double r_local_m;    /* Gaussian mean radius at the site latitude, m */
    double kr_m;         /* effective radius k r_local, m */
    double lambda_m, gain, ae_m2, energy_j;
    double snr_k;            /* SNR = snr_k sigma cos^n(theta) / R^4, m^2 */
    double beamwidth_rad;    /* boresight 3 dB beamwidth, rad */
    double monopulse_km;     /* k_m */
    double range_res_m;      /* c / (2 B), m (0: no bandwidth given) */
    double sin_elb, cos_elb; /* boresight elevation */
} bmd_radar_site;

/*
 * bmd_radar_setup: validate a description and precompute its site.
 * Given:    r description; e Earth model (site coordinates on its ellipsoid)
 * Returned: *site  (a copy of *r and *e, ECEF position, ENU basis, local
 *           radius, antenna, energy and SNR constant)
 * Returned (function value): BMD_OK; BMD_EINVAL (with a message in err)
 *           for an invalid description or NULL arguments.
 */
int bmd_radar_setup(bmd_radar_site *site, const bmd_radar *r, const bmd_earth *e, bmd_errbuf *err);

/* Why a target is not detected (bits of bmd_radar_obs.reasons). */
enum bmd_radar_reason {
    BMD_RADAR_OUT_OF_FOR = 1u,    /* azimuth outside boresight +- half-width, or
                                     elevation above el_max */
    BMD_RADAR_BELOW_HORIZON = 2u, /* the (refracted) ray is blocked by the Earth,
                                     or the target is below the surface */
    BMD_RADAR_BELOW_MIN_EL = 4u,  /* apparent elevation below el_min */
    BMD_RADAR_BEYOND_INSTR = 8u,  /* slant range beyond the instrumented range */
    BMD_RADAR_LOW_SNR = 16u       /* SNR below the mode's required SNR */
};

/* What the radar sees of one target. */
typedef struct bmd_radar_obs {
    unsigned reasons;         /* 0: detected / trackable; else enum bmd_radar_reason bits */
    double range_m;           /* slant range (m, straight line, true geometry) */
    double az_rad;            /* azimuth (rad, clockwise from north, [0, 2 pi)) */
    double el_rad;            /* apparent (refracted) elevation (rad) */
    double el_geo_rad;        /* geometric elevation (rad) */
    double off_boresight_rad; /* angle off the face normal (rad) */
    double alt_m;             /* target height above the ellipsoid (m) */
    double ground_m;          /* ground arc from the site (m, on the local sphere) */
    double snr;               /* single-look SNR with scan loss (power ratio) */
    double pd;                /* Pd of one look (mode's Swerling model and pfa) */
} bmd_radar_obs;

/*
 * bmd_radar_observe: can this radar detect/track this object here?
 * Given:    site set up; r_ecef_m[3] target position (m, ECEF); rcs_m2
 *           radar cross section (m^2, >= 0)
 * Returned: *obs  reasons (0 when detected) and the geometry, SNR and Pd,
 *           filled whatever the reasons
 * Returned (function value): BMD_OK; BMD_EINVAL for NULL arguments or a
 *           negative or non-finite RCS (obs untouched).
 * Notes:    1. Apparent elevation: the true heights (site, target) and the
 *           central angle phi on the local sphere of radius R (Gaussian
 *           radius at the site) are mapped to an Earth of radius kR with the
 *           same ground arc (phi_e = phi / k), where rays are straight.
 *           2. SNR = snr_k sigma cos^n(theta) / R^4 with theta the angle off
 *           the face normal (0 beyond 90 deg).
 *           3. Cost: one geodetic conversion and a few trigonometric
 *           calls (about 0.5 us); no allocation.
 */
int bmd_radar_observe(const bmd_radar_site *site, const double r_ecef_m[3], double rcs_m2,
                      bmd_radar_obs *obs);

/*
 * bmd_radar_detects: bmd_radar_observe's verdict alone, cheaply.
 * Given:    site set up; r_ecef_m[3] target position (m, ECEF); rcs_m2
 *           radar cross section (m^2, >= 0)
 * Returned (function value): 1 when bmd_radar_observe returns BMD_OK with
 *           no reasons (detected), else 0 (NULL arguments and a bad RCS
 *           included).
 * Notes:    1. The same arithmetic as bmd_radar_observe, in an order that
 *           stops at the first failed test: the instrumented range and an
 *           upper bound of the SNR (no scan loss) from the slant range
 *           alone, then the geodetic height and the refracted elevation
 *           (el_min, el_max, then the Earth's blocking of the ray), then
 *           the azimuth and the SNR with scan loss. The verdict is
 *           identical (tests/radar/test_radar.c); a target below the
 *           minimum elevation costs about half a bmd_radar_observe call.
 *           2. For scans over many looks (the footprint's cue).
 */
int bmd_radar_detects(const bmd_radar_site *site, const double r_ecef_m[3], double rcs_m2);

/* ---- measurements ------------------------------------------------------ */

/* A noisy measurement of range, azimuth and elevation and its sigmas. */
typedef struct bmd_radar_meas {
    double range_m, az_rad, el_rad;                   /* measured (apparent elevation) */
    double sigma_range_m, sigma_az_rad, sigma_el_rad; /* standard deviations */
} bmd_radar_meas;

/*
 * bmd_radar_sigmas: measurement standard deviations for an observation.
 * Given:    site; obs from bmd_radar_observe (snr > 0)
 * Returned: *m  sigma_range = dR / sqrt(2 SNR), dR = c / (2 B);
 *           angle sigma = theta_3dB / (cos(theta) k_m sqrt(2 SNR)) (beam
 *           broadened off boresight), sigma_el = that, sigma_az = that /
 *           cos(el) (cos(el) floored at 0.01); the measured values are set
 *           to the true ones.
 * Returned (function value): BMD_OK; BMD_EINVAL for NULL arguments, SNR <=
 *           0 or no bandwidth given.
 * References: Richards, Scheer & Holm, Principles of Modern Radar: Basic
 *           Principles (2010), ch. 18 (range and angle precision); Barton,
 *           Radar System Analysis and Modeling (2005) (monopulse slope
 *           k_m ~ 1.6).
 */
int bmd_radar_sigmas(const bmd_radar_site *site, const bmd_radar_obs *obs, bmd_radar_meas *m);

/*
 * bmd_radar_measure: bmd_radar_sigmas plus Gaussian errors drawn from rng.
 * Given:    site; obs; rng generator state (advanced)
 * Returned: *m  measured range, azimuth (wrapped to [0, 2 pi)) and
 *           elevation, and the sigmas
 * Returned (function value): as bmd_radar_sigmas.
 */
int bmd_radar_measure(const bmd_radar_site *site, const bmd_radar_obs *obs, bmd_rng *rng,
                      bmd_radar_meas *m);

/* ---- RCS ---------------------------------------------------------------- */

#define BMD_RCS_MAX_POINTS 16

/*
 * RCS against aspect angle (0 = nose-on, pi/2 = broadside, pi = tail-on);
 * n = 1: constant. Interpolated linearly in dBsm (log RCS), clamped at the
 * table ends.
 */
typedef struct bmd_rcs_table {
    int n;
    double aspect_rad[BMD_RCS_MAX_POINTS]; /* strictly increasing, in [0, pi] */
    double rcs_m2[BMD_RCS_MAX_POINTS];     /* > 0 */
} bmd_rcs_table;

/*
 * bmd_rcs_eval: RCS at an aspect angle.
 * Given:    t table; aspect_rad (rad, [0, pi])
 * Returned: *rcs_m2 (m^2)
 * Returned (function value): BMD_OK; BMD_EINVAL for a bad table (n < 1 or
 *           > BMD_RCS_MAX_POINTS, RCS <= 0, aspects not increasing).
 */
int bmd_rcs_eval(const bmd_rcs_table *t, double aspect_rad, double *rcs_m2);

/*
 * bmd_rcs_aspect: aspect angle of a body seen from the radar.
 * Given:    r_radar_m[3], r_tgt_m[3] positions (m, same frame); v_tgt[3]
 *           body axis direction (e.g. velocity, any length, same frame)
 * Returned (function value): angle between the body axis and the line of
 *           sight from the body to the radar (rad, [0, pi]); 0 when either
 *           vector is zero.
 */
double bmd_rcs_aspect(const double r_radar_m[3], const double r_tgt_m[3], const double v_tgt[3]);

#endif /* BMD_RADAR_H */
