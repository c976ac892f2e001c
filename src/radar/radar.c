/*
 * radar.c: the radar description, its validation and the range equation.
 * docs/models/radar.md, "Range equation".
 */
#include <math.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/radar.h"
#include "radar/radar_internal.h"

void bmd_radar_defaults(bmd_radar *r)
{
    memset(r, 0, sizeof *r);
    r->hw.n_pulses = 1;
    r->hw.efficiency = 1.0;
    r->hw.loss = 1.0;
    r->hw.scan_loss_n = BMD_RADAR_SCAN_LOSS_N;
    r->face.half_az_rad = BMD_RADAR_HALF_AZ_RAD;
    r->face.el_min_rad = 0.0;
    r->face.el_max_rad = 0.5 * BMD_PI;
    r->face.k_refr = BMD_REFRACTION_K;
    r->mode.pfa = 1e-6;
    r->mode.swerling = 1;
}

/* Positive and finite (rejects NaN). */
static int pos(double x)
{
    return x > 0.0 && isfinite(x);
}
/* Non-negative and finite. */
static int nonneg(double x)
{
    return x >= 0.0 && isfinite(x);
}

static int validate_hw(const bmd_radar_hw *h, const bmd_radar_mode *m, bmd_errbuf *err)
{
    if (!pos(h->freq_hz))
        return bmd_err_set(err, BMD_EINVAL, "frequency = %g Hz: must be positive", h->freq_hz);
    if (!nonneg(h->p_avg_w))
        return bmd_err_set(err, BMD_EINVAL, "power_avg = %g W: must not be negative", h->p_avg_w);
    if (!nonneg(h->p_peak_w))
        return bmd_err_set(err, BMD_EINVAL, "power_peak = %g W: must not be negative", h->p_peak_w);
    if (!nonneg(h->pulse_s))
        return bmd_err_set(err, BMD_EINVAL, "pulse = %g s: must not be negative", h->pulse_s);
    if (h->n_pulses < 1)
        return bmd_err_set(err, BMD_EINVAL, "pulses = %d: must be at least 1", h->n_pulses);
    if (!nonneg(m->t_dwell_s))
        return bmd_err_set(err, BMD_EINVAL, "dwell = %g s: must not be negative", m->t_dwell_s);
    int pulse_form = h->p_peak_w > 0.0 && h->pulse_s > 0.0;
    int dwell_form = h->p_avg_w > 0.0 && m->t_dwell_s > 0.0;
    if (!pulse_form && !dwell_form)
        return bmd_err_set(err, BMD_EINVAL,
                           "power_avg = %g W, dwell = %g s, power_peak = %g W, pulse = %g s: "
                           "need power_avg and dwell, or power_peak and pulse",
                           h->p_avg_w, m->t_dwell_s, h->p_peak_w, h->pulse_s);
    if (!(h->efficiency > 0.0 && h->efficiency <= 1.0))
        return bmd_err_set(err, BMD_EINVAL, "efficiency = %g: must be in (0, 1]", h->efficiency);
    if (!nonneg(h->gain))
        return bmd_err_set(err, BMD_EINVAL, "gain = %g: must not be negative", h->gain);
    if (h->gain == 0.0 && !pos(h->area_m2))
        return bmd_err_set(err, BMD_EINVAL, "aperture = %g m2: must be positive (or give gain)",
                           h->area_m2);
    if (!nonneg(h->area_m2))
        return bmd_err_set(err, BMD_EINVAL, "aperture = %g m2: must not be negative", h->area_m2);
    if (!pos(h->t_sys_k))
        return bmd_err_set(err, BMD_EINVAL, "noise_temp = %g K: must be positive", h->t_sys_k);
    if (!(h->loss >= 1.0) || !isfinite(h->loss))
        return bmd_err_set(err, BMD_EINVAL, "loss = %g: must be a power ratio >= 1 (0 dB)",
                           h->loss);
    if (!nonneg(h->bandwidth_hz))
        return bmd_err_set(err, BMD_EINVAL, "bandwidth = %g Hz: must not be negative",
                           h->bandwidth_hz);
    if (!nonneg(h->beamwidth_rad) || h->beamwidth_rad >= BMD_PI)
        return bmd_err_set(err, BMD_EINVAL, "beamwidth = %g deg: must be in [0, 180)",
                           h->beamwidth_rad * BMD_RAD2DEG);
    if (!nonneg(h->monopulse_km))
        return bmd_err_set(err, BMD_EINVAL, "monopulse_slope = %g: must not be negative",
                           h->monopulse_km);
    if (!nonneg(h->scan_loss_n))
        return bmd_err_set(err, BMD_EINVAL, "scan_loss_exponent = %g: must not be negative",
                           h->scan_loss_n);
    return BMD_OK;
}

static int validate_face(const bmd_radar_face *f, bmd_errbuf *err)
{
    const double d = BMD_RAD2DEG;
    if (!(fabs(f->lat_rad) <= 0.5 * BMD_PI) || !isfinite(f->lon_rad) || !isfinite(f->h_m))
        return bmd_err_set(err, BMD_EINVAL, "site = (%g deg, %g deg, %g m): invalid",
                           f->lat_rad * d, f->lon_rad * d, f->h_m);
    if (!isfinite(f->boresight_az_rad))
        return bmd_err_set(err, BMD_EINVAL, "boresight: not a finite azimuth");
    if (!(fabs(f->boresight_el_rad) <= 0.5 * BMD_PI))
        return bmd_err_set(err, BMD_EINVAL, "tilt = %g deg: must be in [-90, 90]",
                           f->boresight_el_rad * d);
    if (!(f->half_az_rad > 0.0 && f->half_az_rad <= BMD_PI))
        return bmd_err_set(err, BMD_EINVAL, "half_width = %g deg: must be in (0, 180]",
                           f->half_az_rad * d);
    if (!(fabs(f->el_min_rad) <= 0.5 * BMD_PI))
        return bmd_err_set(err, BMD_EINVAL, "el_min = %g deg: must be in [-90, 90]",
                           f->el_min_rad * d);
    if (!(fabs(f->el_max_rad) <= 0.5 * BMD_PI))
        return bmd_err_set(err, BMD_EINVAL, "el_max = %g deg: must be in [-90, 90]",
                           f->el_max_rad * d);
    if (!(f->el_min_rad < f->el_max_rad))
        return bmd_err_set(err, BMD_EINVAL,
                           "el_min = %g deg, el_max = %g deg: need el_min < el_max",
                           f->el_min_rad * d, f->el_max_rad * d);
    if (!pos(f->k_refr))
        return bmd_err_set(err, BMD_EINVAL, "refraction_k = %g: must be positive", f->k_refr);
    return BMD_OK;
}

static int validate_mode(const bmd_radar_mode *m, bmd_errbuf *err)
{
    if (!pos(m->snr_req))
        return bmd_err_set(err, BMD_EINVAL, "snr_required = %g: must be a positive power ratio",
                           m->snr_req);
    if (!(m->pfa >= 1e-300 && m->pfa < 1.0))
        return bmd_err_set(err, BMD_EINVAL, "pfa = %g: must be in [1e-300, 1)", m->pfa);
    if (bmd_detector_swerling(m->swerling) == NULL)
        return bmd_err_set(err, BMD_EINVAL, "swerling = %d: must be 0 or 1", m->swerling);
    if (!nonneg(m->t_frame_s))
        return bmd_err_set(err, BMD_EINVAL, "frame_time = %g s: must not be negative",
                           m->t_frame_s);
    if (!nonneg(m->omega_sr) || m->omega_sr > 4.0 * BMD_PI)
        return bmd_err_set(err, BMD_EINVAL, "search_solid_angle = %g sr: must be in [0, 4 pi]",
                           m->omega_sr);
    if (!nonneg(m->instr_range_m))
        return bmd_err_set(err, BMD_EINVAL, "instrumented_range = %g m: must not be negative",
                           m->instr_range_m);
    return BMD_OK;
}

int bmd_radar_validate(const bmd_radar *r, bmd_errbuf *err)
{
    if (r == NULL) return bmd_err_set(err, BMD_EINVAL, "radar: NULL description");
    int s = validate_hw(&r->hw, &r->mode, err);
    if (s == BMD_OK) s = validate_face(&r->face, err);
    if (s == BMD_OK) s = validate_mode(&r->mode, err);
    return s;
}

void bmd_radar_antenna(const bmd_radar *r, double *lambda_m, double *gain, double *ae_m2)
{
    double lam = BMD_C_MPS / r->hw.freq_hz, g, ae;
    if (r->hw.gain > 0.0) {
        g = r->hw.gain;
        ae = g * lam * lam / (4.0 * BMD_PI);
    } else {
        ae = r->hw.efficiency * r->hw.area_m2;
        g = 4.0 * BMD_PI * ae / (lam * lam);
    }
    if (lambda_m) *lambda_m = lam;
    if (gain) *gain = g;
    if (ae_m2) *ae_m2 = ae;
}

double bmd_radar_energy(const bmd_radar *r)
{
    if (r->hw.p_peak_w > 0.0 && r->hw.pulse_s > 0.0)
        return r->hw.p_peak_w * r->hw.pulse_s * (double)r->hw.n_pulses;
    return r->hw.p_avg_w * r->mode.t_dwell_s;
}

/* E G A_e / ((4 pi)^2 k T_s L): SNR R^4 / sigma on boresight, m^2. */
double bmd__radar_snr_const(const bmd_radar *r)
{
    double g, ae;
    bmd_radar_antenna(r, NULL, &g, &ae);
    double fourpi = 4.0 * BMD_PI;
    return bmd_radar_energy(r) * g * ae /
           (fourpi * fourpi * BMD_BOLTZMANN_JPK * r->hw.t_sys_k * r->hw.loss);
}

int bmd_radar_snr(const bmd_radar *r, double rcs_m2, double range_m, double *snr)
{
    if (snr == NULL || bmd_radar_validate(r, NULL) != BMD_OK || !nonneg(rcs_m2) || !pos(range_m))
        return BMD_EINVAL;
    double r2 = range_m * range_m;
    *snr = bmd__radar_snr_const(r) * rcs_m2 / (r2 * r2);
    return BMD_OK;
}

int bmd_radar_track_range(const bmd_radar *r, double rcs_m2, double *range_m)
{
    if (range_m == NULL || bmd_radar_validate(r, NULL) != BMD_OK || !pos(rcs_m2)) return BMD_EINVAL;
    *range_m = pow(bmd__radar_snr_const(r) * rcs_m2 / r->mode.snr_req, 0.25);
    return BMD_OK;
}

int bmd_radar_search_range(const bmd_radar *r, double rcs_m2, double *range_m)
{
    if (range_m == NULL || bmd_radar_validate(r, NULL) != BMD_OK || !pos(rcs_m2) ||
        !pos(r->hw.p_avg_w) || !pos(r->mode.t_frame_s) || !pos(r->mode.omega_sr))
        return BMD_EINVAL;
    double ae;
    bmd_radar_antenna(r, NULL, NULL, &ae);
    double r4 = r->hw.p_avg_w * ae * rcs_m2 * r->mode.t_frame_s /
                (4.0 * BMD_PI * r->mode.omega_sr * BMD_BOLTZMANN_JPK * r->hw.t_sys_k * r->hw.loss *
                 r->mode.snr_req);
    *range_m = pow(r4, 0.25);
    return BMD_OK;
}

int bmd_radar_horizon(double r_earth_m, double k, double h_site_m, double alt_m, double el_min_rad,
                      double *ground_m, double *slant_m)
{
    if (!pos(r_earth_m) || !pos(k) || !nonneg(h_site_m) || !nonneg(alt_m) ||
        !(fabs(el_min_rad) <= 0.5 * BMD_PI))
        return BMD_EINVAL;
    double kr = k * r_earth_m, a0 = kr + h_site_m, a1 = kr + alt_m;
    double e = el_min_rad, dip = -acos(kr / a0);
    if (e < dip) e = dip;
    double c = a0 * cos(e) / a1;
    /* A target lower than the ray's lowest point is never reached: 0 range. */
    double phi_e = (c > 1.0) ? 0.0 : acos(c) - e;
    if (phi_e < 0.0) phi_e = 0.0;
    double phi = phi_e * k; /* same ground arc on the true Earth */
    if (ground_m) *ground_m = kr * phi_e;
    if (slant_m) {
        double b0 = r_earth_m + h_site_m, b1 = r_earth_m + alt_m, s = sin(0.5 * phi);
        *slant_m = sqrt((b1 - b0) * (b1 - b0) + 4.0 * b0 * b1 * s * s);
    }
    return BMD_OK;
}
