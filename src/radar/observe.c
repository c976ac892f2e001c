/*
 * observe.c: the per-time-step radar test (field of regard, refracted line
 * of sight, minimum elevation, instrumented range, SNR), measurement noise
 * and RCS tables. docs/models/radar.md, "Visibility" and "Measurements".
 */
#include <float.h>
#include <math.h>

#include "bmd/const.h"
#include "bmd/radar.h"
#include "bmd/vec3.h"
#include "radar/radar_internal.h"

/* Floor on cos() in the beam-broadening and azimuth-sigma divisions: keeps
 * the sigmas finite at the zenith and at the edge of the scan. */
#define COS_FLOOR 0.01

int bmd_radar_setup(bmd_radar_site *site, const bmd_radar *r, const bmd_earth *e, bmd_errbuf *err)
{
    if (site == NULL || e == NULL)
        return bmd_err_set(err, BMD_EINVAL, "radar setup: NULL argument");
    int s = bmd_radar_validate(r, err);
    if (s != BMD_OK) return s;
    const bmd_radar_face *f = &r->face;
    site->radar = *r;
    site->earth = *e;
    site->det = bmd_detector_swerling(r->mode.swerling);
    bmd_geo_to_ecef(e, f->lat_rad, f->lon_rad, f->h_m, site->r0_ecef_m);
    bmd_geo_enu_basis(f->lat_rad, f->lon_rad, site->enu);
    site->r_local_m = bmd_earth_radius_at(e, f->lat_rad);
    site->kr_m = f->k_refr * site->r_local_m;
    bmd_radar_antenna(r, &site->lambda_m, &site->gain, &site->ae_m2);
    site->energy_j = bmd_radar_energy(r);
    site->snr_k = bmd__radar_snr_const(r);
    /* Without an explicit beamwidth: a square aperture of the physical area,
     * recovered from A_e when only the gain was given. */
    double d_m = sqrt(r->hw.area_m2 > 0.0 ? r->hw.area_m2 : site->ae_m2 / r->hw.efficiency);
    site->beamwidth_rad = r->hw.beamwidth_rad > 0.0 ? r->hw.beamwidth_rad
                                                    : BMD_RADAR_BW_FACTOR * site->lambda_m / d_m;
    site->monopulse_km = r->hw.monopulse_km > 0.0 ? r->hw.monopulse_km : BMD_RADAR_MONOPULSE_KM;
    site->range_res_m = r->hw.bandwidth_hz > 0.0 ? BMD_C_MPS / (2.0 * r->hw.bandwidth_hz) : 0.0;
    site->sin_elb = sin(f->boresight_el_rad);
    site->cos_elb = cos(f->boresight_el_rad);
    return BMD_OK;
}

/*
 * Apparent elevation and Earth blocking in the effective-Earth geometry.
 * Given the true heights h0 (site), h (target), the slant range rho and the
 * local radius R: the central angle phi (haversine form, exact for small
 * angles), then phi_e = phi / k on an Earth of radius kR, where rays are
 * straight lines.
 */
static void refracted_elevation(const bmd_radar_site *s, double h0, double h, double rho,
                                double *el_app, double *ground_m, double *phi_e_out)
{
    double R = s->r_local_m, k = s->radar.face.k_refr, kr = s->kr_m;
    double b0 = R + h0, b1 = R + h, dh = b1 - b0;
    double hav = (rho * rho - dh * dh) / (4.0 * b0 * b1);
    hav = hav < 0.0 ? 0.0 : (hav > 1.0 ? 1.0 : hav);
    double phi = 2.0 * asin(sqrt(hav)), phi_e = phi / k;
    double a0 = kr + h0, a1 = kr + h;
    *ground_m = R * phi;
    *el_app = atan2(a1 * cos(phi_e) - a0, a1 * sin(phi_e));
    *phi_e_out = phi_e;
}

/* Earth blocking of the ray of refracted_elevation. */
static int refracted_blocked(const bmd_radar_site *s, double h0, double h, double el_app,
                             double phi_e)
{
    double kr = s->kr_m, a0 = kr + h0, a1 = kr + h;
    int blocked = h < 0.0;
    if (!blocked && el_app < 0.0) {
        /* The ray descends to radius a0 cos(el) at distance a0 sin(-el). */
        double t_min = -a0 * sin(el_app), sh = sin(0.5 * phi_e);
        double d_e = sqrt((a1 - a0) * (a1 - a0) + 4.0 * a0 * a1 * sh * sh);
        blocked = a0 * cos(el_app) < kr && d_e > t_min;
    }
    return blocked;
}

static void refracted_geometry(const bmd_radar_site *s, double h0, double h, double rho,
                               double *el_app, double *ground_m, int *blocked)
{
    double phi_e;
    refracted_elevation(s, h0, h, rho, el_app, ground_m, &phi_e);
    *blocked = refracted_blocked(s, h0, h, *el_app, phi_e);
}

/* Two-way scan loss cos^n(theta), 0 behind the face. */
static double scan_factor(double n, double cos_theta)
{
    if (n == 0.0) return 1.0;
    return cos_theta > 0.0 ? pow(cos_theta, n) : 0.0;
}

int bmd_radar_observe(const bmd_radar_site *site, const double r_ecef_m[3], double rcs_m2,
                      bmd_radar_obs *obs)
{
    if (site == NULL || r_ecef_m == NULL || obs == NULL || !(rcs_m2 >= 0.0) || !isfinite(rcs_m2))
        return BMD_EINVAL;
    const bmd_radar_face *f = &site->radar.face;
    const bmd_radar_mode *m = &site->radar.mode;
    double d[3], enu[3];
    bmd_v3_sub(d, r_ecef_m, site->r0_ecef_m);
    for (int i = 0; i < 3; i++)
        enu[i] = bmd_v3_dot(site->enu[i], d);
    double rho = bmd_v3_norm(d), horiz = hypot(enu[0], enu[1]);
    obs->range_m = rho;
    obs->az_rad = bmd_wrap_2pi(atan2(enu[0], enu[1]));
    obs->el_geo_rad = atan2(enu[2], horiz);
    bmd_geo_from_ecef(&site->earth, r_ecef_m, NULL, NULL, &obs->alt_m);
    int blocked;
    refracted_geometry(site, f->h_m, obs->alt_m, rho, &obs->el_rad, &obs->ground_m, &blocked);
    if (rho == 0.0) obs->el_rad = 0.0;

    double rel = bmd_wrap_pi(obs->az_rad - f->boresight_az_rad);
    double ce = cos(obs->el_rad), se = sin(obs->el_rad);
    double cth = se * site->sin_elb + ce * site->cos_elb * cos(rel);
    cth = cth > 1.0 ? 1.0 : (cth < -1.0 ? -1.0 : cth);
    obs->off_boresight_rad = acos(cth);
    double r2 = rho * rho;
    double gain = site->snr_k * rcs_m2 * scan_factor(site->radar.hw.scan_loss_n, cth);
    obs->snr = r2 > 0.0 ? gain / (r2 * r2) : DBL_MAX;
    obs->pd = site->det->pd(obs->snr, m->pfa);

    unsigned why = 0;
    if ((f->half_az_rad < BMD_PI && fabs(rel) > f->half_az_rad) || obs->el_rad > f->el_max_rad)
        why |= BMD_RADAR_OUT_OF_FOR;
    if (blocked) why |= BMD_RADAR_BELOW_HORIZON;
    if (obs->el_rad < f->el_min_rad) why |= BMD_RADAR_BELOW_MIN_EL;
    if (m->instr_range_m > 0.0 && rho > m->instr_range_m) why |= BMD_RADAR_BEYOND_INSTR;
    if (obs->snr < m->snr_req) why |= BMD_RADAR_LOW_SNR;
    obs->reasons = why;
    return BMD_OK;
}

int bmd_radar_detects(const bmd_radar_site *site, const double r_ecef_m[3], double rcs_m2)
{
    if (site == NULL || r_ecef_m == NULL || !(rcs_m2 >= 0.0) || !isfinite(rcs_m2)) return 0;
    const bmd_radar_face *f = &site->radar.face;
    const bmd_radar_mode *m = &site->radar.mode;
    double d[3];
    bmd_v3_sub(d, r_ecef_m, site->r0_ecef_m);
    double rho = bmd_v3_norm(d), r2 = rho * rho;
    if (m->instr_range_m > 0.0 && rho > m->instr_range_m) return 0;
    /* The scan factor is at most 1, and rounding is monotone: the SNR
     * without it bounds bmd_radar_observe's from above. */
    double g0 = site->snr_k * rcs_m2;
    if (r2 > 0.0 && g0 / (r2 * r2) < m->snr_req) return 0;
    double alt, el, ground, phi_e;
    bmd_geo_from_ecef(&site->earth, r_ecef_m, NULL, NULL, &alt);
    refracted_elevation(site, f->h_m, alt, rho, &el, &ground, &phi_e);
    /* blocked is worked out from the unforced elevation, as in observe */
    double el_ray = el;
    if (rho == 0.0) el = 0.0;
    if (el < f->el_min_rad || el > f->el_max_rad) return 0;
    if (refracted_blocked(site, f->h_m, alt, el_ray, phi_e)) return 0;
    double enu[3];
    for (int i = 0; i < 3; i++)
        enu[i] = bmd_v3_dot(site->enu[i], d);
    double az = bmd_wrap_2pi(atan2(enu[0], enu[1]));
    double rel = bmd_wrap_pi(az - f->boresight_az_rad);
    if (f->half_az_rad < BMD_PI && fabs(rel) > f->half_az_rad) return 0;
    double ce = cos(el), se = sin(el);
    double cth = se * site->sin_elb + ce * site->cos_elb * cos(rel);
    cth = cth > 1.0 ? 1.0 : (cth < -1.0 ? -1.0 : cth);
    double gain = g0 * scan_factor(site->radar.hw.scan_loss_n, cth);
    double snr = r2 > 0.0 ? gain / (r2 * r2) : DBL_MAX;
    return !(snr < m->snr_req);
}

int bmd_radar_sigmas(const bmd_radar_site *site, const bmd_radar_obs *obs, bmd_radar_meas *m)
{
    if (site == NULL || obs == NULL || m == NULL || !(obs->snr > 0.0) || site->range_res_m <= 0.0)
        return BMD_EINVAL;
    double root = sqrt(2.0 * obs->snr);
    double cth = cos(obs->off_boresight_rad), ce = cos(obs->el_rad);
    /* The beam broadens as 1 / cos(theta) off the face normal. */
    double bw = site->beamwidth_rad / (cth > COS_FLOOR ? cth : COS_FLOOR);
    double sig_ang = bw / (site->monopulse_km * root);
    m->sigma_range_m = site->range_res_m / root;
    m->sigma_el_rad = sig_ang;
    m->sigma_az_rad = sig_ang / (ce > COS_FLOOR ? ce : COS_FLOOR);
    m->range_m = obs->range_m;
    m->az_rad = obs->az_rad;
    m->el_rad = obs->el_rad;
    return BMD_OK;
}

int bmd_radar_measure(const bmd_radar_site *site, const bmd_radar_obs *obs, bmd_rng *rng,
                      bmd_radar_meas *m)
{
    if (rng == NULL) return BMD_EINVAL;
    int s = bmd_radar_sigmas(site, obs, m);
    if (s != BMD_OK) return s;
    m->range_m += m->sigma_range_m * bmd_rng_normal(rng);
    m->az_rad = bmd_wrap_2pi(m->az_rad + m->sigma_az_rad * bmd_rng_normal(rng));
    m->el_rad += m->sigma_el_rad * bmd_rng_normal(rng);
    return BMD_OK;
}

int bmd_rcs_eval(const bmd_rcs_table *t, double aspect_rad, double *rcs_m2)
{
    if (t == NULL || rcs_m2 == NULL || t->n < 1 || t->n > BMD_RCS_MAX_POINTS ||
        !isfinite(aspect_rad))
        return BMD_EINVAL;
    for (int i = 0; i < t->n; i++) {
        if (!(t->rcs_m2[i] > 0.0) || !isfinite(t->rcs_m2[i])) return BMD_EINVAL;
        if (i > 0 && !(t->aspect_rad[i] > t->aspect_rad[i - 1])) return BMD_EINVAL;
    }
    if (t->n == 1 || aspect_rad <= t->aspect_rad[0]) {
        *rcs_m2 = t->rcs_m2[0];
        return BMD_OK;
    }
    int i = 1;
    while (i < t->n - 1 && aspect_rad > t->aspect_rad[i])
        i++;
    if (aspect_rad >= t->aspect_rad[i]) {
        *rcs_m2 = t->rcs_m2[i];
        return BMD_OK;
    }
    /* Linear in log(RCS): RCS tables span decades (nose-on to broadside). */
    double u = (aspect_rad - t->aspect_rad[i - 1]) / (t->aspect_rad[i] - t->aspect_rad[i - 1]);
    double l0 = log(t->rcs_m2[i - 1]), l1 = log(t->rcs_m2[i]);
    *rcs_m2 = exp(l0 + u * (l1 - l0));
    return BMD_OK;
}

double bmd_rcs_aspect(const double r_radar_m[3], const double r_tgt_m[3], const double v_tgt[3])
{
    double los[3], c[3];
    bmd_v3_sub(los, r_radar_m, r_tgt_m);
    bmd_v3_cross(c, v_tgt, los);
    double s = bmd_v3_norm(c), co = bmd_v3_dot(v_tgt, los);
    if (s == 0.0 && co == 0.0) return 0.0;
    return atan2(s, co);
}
