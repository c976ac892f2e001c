/* test_radar.c: range equation, validation, horizon, field of regard,
 * instrumented range, measurement noise, RCS tables. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "radars.h"

#include "bmd/const.h"
#include "bmd/core.h"
#include "bmd/geo.h"
#include "bmd/radar.h"
#include "bmd/vec3.h"

/* The textbook peak-power radar of REFERENCES.md. */
static void textbook(bmd_radar *r)
{
    bmd_radar_defaults(r);
    r->hw.freq_hz = 10e9;
    r->hw.p_peak_w = 1e6;
    r->hw.pulse_s = 10e-6;
    r->hw.gain = tst_db2pow(20.0);
    r->hw.t_sys_k = 290.0;
    r->mode.snr_req = tst_db2pow(6.0);
}

/* A point at altitude alt_m, ground arc s_m along azimuth az_rad from the
 * site, on a spherical Earth of radius R (built here from vectors, not with
 * the geodesic code under test). */
static void sphere_point(const bmd_radar *r, double R, double az_rad, double s_m, double alt_m,
                         double out[3])
{
    double m[3][3], up[3], tan[3];
    bmd_geo_enu_basis(r->face.lat_rad, r->face.lon_rad, m);
    for (int i = 0; i < 3; i++) {
        up[i] = m[2][i];
        tan[i] = sin(az_rad) * m[0][i] + cos(az_rad) * m[1][i];
    }
    double phi = s_m / R;
    for (int i = 0; i < 3; i++)
        out[i] = (R + alt_m) * (cos(phi) * up[i] + sin(phi) * tan[i]);
}

static void test_textbook_peak_power(void **state)
{
    (void)state;
    bmd_radar r;
    double range_m;
    /* REFERENCES.md: 10 GHz, 1 MW, 10 us, 20 dB gain, 1 m^2, 290 K, no loss,
     * 6 dB SNR -> 41.057 km (the classic worked example, also MATLAB
     * radareqrng). Tolerance 0.1 %. */
    textbook(&r);
    CHECK_OK(bmd_radar_track_range(&r, 1.0, &range_m));
    CHECK_REL(range_m, 41.057e3, 1e-3);
    /* Same with 40 dB gain, 0.1 m^2 and 3 dB loss -> 194.26 km; 0.1 %. */
    r.hw.gain = tst_db2pow(40.0);
    r.hw.loss = tst_db2pow(3.0);
    CHECK_OK(bmd_radar_track_range(&r, 0.1, &range_m));
    CHECK_REL(range_m, 194.26e3, 1e-3);
}

static void test_rcs_scaling(void **state)
{
    (void)state;
    bmd_radar r;
    double r1, r100;
    /* R ~ sigma^(1/4) (radar equation): x100 RCS -> x sqrt(10) = 3.16227766;
     * 1e-9 relative. */
    tst_tpy2_like(&r);
    CHECK_OK(bmd_radar_track_range(&r, 0.01, &r1));
    CHECK_OK(bmd_radar_track_range(&r, 1.0, &r100));
    CHECK_REL(r100 / r1, sqrt(10.0), 1e-9);
}

static void test_energy_equals_pulse_form(void **state)
{
    (void)state;
    /* Energy form with E = P_av t_dwell and peak-power form with the same
     * E = P_t tau n and the gain 4 pi A_e / lambda^2 are the same equation
     * (Skolnik 2001, eq. 2.61 vs 2.1): SNRs equal to 1e-12 relative. */
    bmd_radar a, b;
    double snr_a, snr_b, g;
    tst_tpy2_like(&a);
    b = a;
    bmd_radar_antenna(&a, NULL, &g, NULL);
    b.hw.p_avg_w = 0.0;
    b.hw.p_peak_w = 1e5;
    b.hw.pulse_s = 1e-3;
    b.hw.n_pulses = 20; /* 2000 J */
    a.mode.t_dwell_s = 2000.0 / a.hw.p_avg_w;
    b.hw.gain = g;
    CHECK_OK(bmd_radar_snr(&a, 0.01, 500e3, &snr_a));
    CHECK_OK(bmd_radar_snr(&b, 0.01, 500e3, &snr_b));
    CHECK_REL(snr_a, snr_b, 1e-12);
    /* SNR at the track range equals the required SNR (definition); 1e-12. */
    double rng;
    CHECK_OK(bmd_radar_track_range(&a, 0.01, &rng));
    CHECK_OK(bmd_radar_snr(&a, 0.01, rng, &snr_a));
    CHECK_REL(snr_a, a.mode.snr_req, 1e-12);
}

static void test_search_form(void **state)
{
    (void)state;
    /* Searching one beam (Omega = 4 pi / G sr) for t_frame = t_dwell puts
     * the track dwell's energy on the target: search form = track form
     * (Skolnik 2001, eq. 2.65 from 2.61 with t_dwell = t_frame Omega_beam /
     * Omega). 1e-12 relative. */
    bmd_radar r;
    double g, rs, rt;
    tst_tpy2_like(&r);
    bmd_radar_antenna(&r, NULL, &g, NULL);
    r.mode.t_frame_s = r.mode.t_dwell_s;
    r.mode.omega_sr = 4.0 * BMD_PI / g;
    CHECK_OK(bmd_radar_search_range(&r, 0.01, &rs));
    CHECK_OK(bmd_radar_track_range(&r, 0.01, &rt));
    CHECK_REL(rs, rt, 1e-12);
    /* R^4 ~ t_frame / Omega: 16 x the solid angle halves the range; 1e-12. */
    r.mode.omega_sr *= 16.0;
    double rs16;
    CHECK_OK(bmd_radar_search_range(&r, 0.01, &rs16));
    CHECK_REL(rs16, 0.5 * rs, 1e-12);
    r.mode.omega_sr = 0.0;
    CHECK_STATUS(bmd_radar_search_range(&r, 0.01, &rs), BMD_EINVAL);
}

static void test_validate(void **state)
{
    (void)state;
    bmd_radar r;
    bmd_errbuf e;
    tst_tpy2_like(&r);
    CHECK_OK(bmd_radar_validate(&r, &e));
    /* Each impossible value is named in the message. */
    r.hw.p_avg_w = -5e3;
    CHECK_STATUS(bmd_radar_validate(&r, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "power_avg"));
    tst_tpy2_like(&r);
    r.hw.efficiency = 1.2;
    CHECK_STATUS(bmd_radar_validate(&r, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "efficiency"));
    tst_tpy2_like(&r);
    r.hw.efficiency = 0.0;
    CHECK_STATUS(bmd_radar_validate(&r, &e), BMD_EINVAL);
    tst_tpy2_like(&r);
    r.face.half_az_rad = 0.0;
    CHECK_STATUS(bmd_radar_validate(&r, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "half_width"));
    r.face.half_az_rad = 200.0 * BMD_DEG2RAD;
    CHECK_STATUS(bmd_radar_validate(&r, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "half_width"));
    tst_tpy2_like(&r);
    r.face.el_min_rad = r.face.el_max_rad;
    CHECK_STATUS(bmd_radar_validate(&r, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "el_min"));
    tst_tpy2_like(&r);
    r.hw.loss = 0.5;
    CHECK_STATUS(bmd_radar_validate(&r, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "loss"));
    tst_tpy2_like(&r);
    r.mode.t_dwell_s = 0.0;
    CHECK_STATUS(bmd_radar_validate(&r, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "dwell"));
    tst_tpy2_like(&r);
    r.hw.t_sys_k = -1.0;
    CHECK_STATUS(bmd_radar_validate(&r, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "noise_temp"));
    tst_tpy2_like(&r);
    r.hw.freq_hz = NAN;
    CHECK_STATUS(bmd_radar_validate(&r, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "frequency"));
    tst_tpy2_like(&r);
    r.mode.swerling = 3;
    CHECK_STATUS(bmd_radar_validate(&r, NULL), BMD_EINVAL);
    CHECK_STATUS(bmd_radar_validate(NULL, &e), BMD_EINVAL);
    /* The range functions refuse an invalid radar and a bad RCS. */
    double rng;
    tst_tpy2_like(&r);
    CHECK_STATUS(bmd_radar_track_range(&r, -0.01, &rng), BMD_EINVAL);
    r.hw.area_m2 = 0.0;
    CHECK_STATUS(bmd_radar_track_range(&r, 0.01, &rng), BMD_EINVAL);
}

static void test_horizon_closed_form(void **state)
{
    (void)state;
    bmd_earth earth;
    bmd_earth_sphere(&earth);
    bmd_radar r;
    bmd_radar_site site;
    tst_tpy2_like(&r);
    r.face.half_az_rad = BMD_PI;
    r.face.el_max_rad = 0.5 * BMD_PI;
    r.mode.snr_req = 1e-30; /* only geometry decides here */
    CHECK_OK(bmd_radar_setup(&site, &r, &earth, NULL));
    /* REFERENCES.md: k R = 4/3 x 6371 km = 8494.7 km; 0.05 km. */
    CHECK_ABS(site.kr_m, 8494.7e3, 50.0);
    const double R = 6371e3, kr = 4.0 / 3.0 * R;
    const double alts[] = {1e3, 100e3, 300e3, 1000e3};
    for (size_t i = 0; i < 4; i++) {
        double h = alts[i], ground, slant;
        /* Closed form for a ground-level radar, zero elevation: the ground
         * arc kR acos(kR / (kR + h)) (Skolnik 2001, sec. 8.2); 1e-9 rel. */
        CHECK_OK(bmd_radar_horizon(R, 4.0 / 3.0, 0.0, h, 0.0, &ground, &slant));
        CHECK_REL(ground, kr * acos(kr / (kr + h)), 1e-9);
        /* Slant range: chord between radii R and R + h over the true arc
         * ground / R (law of cosines); 1e-9 rel. */
        double phi = ground / R;
        CHECK_REL(slant, sqrt(R * R + (R + h) * (R + h) - 2.0 * R * (R + h) * cos(phi)), 1e-9);
        /* Observe agrees: a target just inside the horizon is in view, just
         * beyond it is not (1e-6 relative either side). */
        double p[3];
        bmd_radar_obs o;
        sphere_point(&r, R, 0.3, ground * (1.0 - 1e-6), h, p);
        CHECK_OK(bmd_radar_observe(&site, p, 1.0, &o));
        assert_int_equal(o.reasons, 0);
        CHECK_REL(o.alt_m, h, 1e-9);
        CHECK_REL(o.ground_m, ground * (1.0 - 1e-6), 1e-9);
        sphere_point(&r, R, 0.3, ground * (1.0 + 1e-6), h, p);
        CHECK_OK(bmd_radar_observe(&site, p, 1.0, &o));
        assert_true(o.reasons & BMD_RADAR_BELOW_MIN_EL);
    }
    /* Small altitudes: the familiar sqrt(2 k R h) (Skolnik 2001, eq. 8.3),
     * good to O(h / kR): 1e-3 relative at h = 1 km. */
    double g1;
    CHECK_OK(bmd_radar_horizon(R, 4.0 / 3.0, 0.0, 1e3, 0.0, &g1, NULL));
    CHECK_REL(g1, sqrt(2.0 * kr * 1e3), 1e-3);
    /* k = 1 (no refraction) gives a shorter horizon; the two radar-and-
     * target horizons add for an elevated radar at the grazing ray
     * (geometry: acos(R/(R+h0)) + acos(R/(R+h))); 1e-9 rel. */
    double g2;
    CHECK_OK(bmd_radar_horizon(R, 1.0, 500.0, 100e3, -0.5 * BMD_PI, &g2, NULL));
    CHECK_REL(g2, R * (acos(R / (R + 500.0)) + acos(R / (R + 100e3))), 1e-9);
    CHECK_STATUS(bmd_radar_horizon(R, 0.0, 0.0, 1e3, 0.0, &g2, NULL), BMD_EINVAL);
    CHECK_STATUS(bmd_radar_horizon(R, 1.0, 0.0, -1.0, 0.0, &g2, NULL), BMD_EINVAL);
}

static void test_below_horizon_elevated_site(void **state)
{
    (void)state;
    /* A radar 2 km up with el_min below the dip of its horizon: targets
     * behind the Earth's limb are BELOW_HORIZON, not merely below el_min. */
    bmd_earth earth;
    bmd_earth_sphere(&earth);
    bmd_radar r;
    bmd_radar_site site;
    tst_tpy2_like(&r);
    r.face.half_az_rad = BMD_PI;
    r.face.h_m = 2000.0;
    r.face.el_min_rad = -5.0 * BMD_DEG2RAD;
    r.mode.snr_req = 1e-30;
    CHECK_OK(bmd_radar_setup(&site, &r, &earth, NULL));
    const double R = 6371e3;
    double ground;
    CHECK_OK(bmd_radar_horizon(R, 4.0 / 3.0, 2000.0, 10e3, -0.5 * BMD_PI, &ground, NULL));
    double p[3];
    bmd_radar_obs o;
    sphere_point(&r, R, 1.0, ground * 0.999, 10e3, p);
    CHECK_OK(bmd_radar_observe(&site, p, 1.0, &o));
    assert_int_equal(o.reasons, 0);
    assert_true(o.el_rad < 0.0); /* seen below the horizontal */
    sphere_point(&r, R, 1.0, ground * 1.001, 10e3, p);
    CHECK_OK(bmd_radar_observe(&site, p, 1.0, &o));
    assert_int_equal(o.reasons, BMD_RADAR_BELOW_HORIZON);
    /* A point below the surface is below the horizon whatever the angle. */
    sphere_point(&r, R, 1.0, 1e3, -100.0, p);
    CHECK_OK(bmd_radar_observe(&site, p, 1.0, &o));
    assert_true(o.reasons & BMD_RADAR_BELOW_HORIZON);
}

static void test_field_of_regard(void **state)
{
    (void)state;
    bmd_earth earth;
    bmd_earth_wgs84(&earth);
    bmd_radar r;
    bmd_radar_site site;
    tst_tpy2_like(&r);
    r.face.boresight_az_rad = 0.0;
    r.face.half_az_rad = 60.0 * BMD_DEG2RAD;
    r.face.el_max_rad = 70.0 * BMD_DEG2RAD;
    CHECK_OK(bmd_radar_setup(&site, &r, &earth, NULL));
    double p[3];
    bmd_radar_obs o;
    /* Azimuth 50 deg and 310 deg (-50) are inside +-60 deg of north, 70 deg
     * and 290 deg are not; each at 300 km slant and 10 deg elevation. */
    const struct {
        double az_deg;
        unsigned want;
    } cases[] = {
        {50.0, 0u}, {310.0, 0u}, {70.0, BMD_RADAR_OUT_OF_FOR}, {290.0, BMD_RADAR_OUT_OF_FOR}};
    for (size_t i = 0; i < 4; i++) {
        bmd_geo_aer_to_ecef(&earth, r.face.lat_rad, r.face.lon_rad, r.face.h_m,
                            cases[i].az_deg * BMD_DEG2RAD, 10.0 * BMD_DEG2RAD, 300e3, p);
        CHECK_OK(bmd_radar_observe(&site, p, 0.01, &o));
        assert_int_equal(o.reasons, cases[i].want);
        /* AER round trip: azimuth and geometric elevation; 1e-9 rad. */
        CHECK_ABS(o.az_rad, cases[i].az_deg * BMD_DEG2RAD, 1e-9);
        CHECK_ABS(o.el_geo_rad, 10.0 * BMD_DEG2RAD, 1e-9);
        CHECK_REL(o.range_m, 300e3, 1e-12);
    }
    /* Above el_max: 80 deg elevation, on boresight azimuth. */
    bmd_geo_aer_to_ecef(&earth, r.face.lat_rad, r.face.lon_rad, r.face.h_m, 0.0, 80.0 * BMD_DEG2RAD,
                        300e3, p);
    CHECK_OK(bmd_radar_observe(&site, p, 0.01, &o));
    assert_int_equal(o.reasons, BMD_RADAR_OUT_OF_FOR);
}

static void test_scan_loss_and_snr(void **state)
{
    (void)state;
    bmd_earth earth;
    bmd_earth_wgs84(&earth);
    bmd_radar r;
    bmd_radar_site site;
    tst_tpy2_like(&r);
    r.hw.scan_loss_n = 2.0;
    r.face.boresight_az_rad = 30.0 * BMD_DEG2RAD;
    r.face.boresight_el_rad = 10.0 * BMD_DEG2RAD;
    CHECK_OK(bmd_radar_setup(&site, &r, &earth, NULL));
    double p[3], snr0;
    bmd_radar_obs o;
    bmd_geo_aer_to_ecef(&earth, r.face.lat_rad, r.face.lon_rad, r.face.h_m, 75.0 * BMD_DEG2RAD,
                        20.0 * BMD_DEG2RAD, 400e3, p);
    CHECK_OK(bmd_radar_observe(&site, p, 0.01, &o));
    /* Off-boresight angle from spherical trigonometry, cos theta = sin el
     * sin el_b + cos el cos el_b cos(az - az_b); the apparent elevation is
     * used. 1e-12 rad. */
    double want = acos(sin(o.el_rad) * sin(10.0 * BMD_DEG2RAD) +
                       cos(o.el_rad) * cos(10.0 * BMD_DEG2RAD) * cos(45.0 * BMD_DEG2RAD));
    CHECK_ABS(o.off_boresight_rad, want, 1e-12);
    /* SNR = boresight SNR x cos^2(theta) (two-way scan loss); 1e-12 rel. */
    CHECK_OK(bmd_radar_snr(&r, 0.01, o.range_m, &snr0));
    CHECK_REL(o.snr, snr0 * pow(cos(want), 2.0), 1e-12);
    /* Pd reported with the mode's model (Swerling 1 default), 1e-15 rel. */
    CHECK_REL(o.pd, pow(r.mode.pfa, 1.0 / (1.0 + o.snr)), 1e-15);
    /* Refraction raises the apparent elevation above the geometric one for
     * a distant target (4/3 Earth). */
    assert_true(o.el_rad > o.el_geo_rad);
}

static void test_instrumented_and_snr_limits(void **state)
{
    (void)state;
    bmd_earth earth;
    bmd_earth_wgs84(&earth);
    bmd_radar r;
    bmd_radar_site site;
    tst_tpy2_like(&r);
    r.mode.instr_range_m = 600e3;
    CHECK_OK(bmd_radar_setup(&site, &r, &earth, NULL));
    double rtrack, p[3];
    CHECK_OK(bmd_radar_track_range(&r, 0.01, &rtrack));
    assert_true(rtrack > 700e3); /* the physics range exceeds the window */
    bmd_radar_obs o;
    /* 650 km at 30 deg elevation on boresight: detectable by SNR but
     * beyond the 600 km instrumented range. */
    bmd_geo_aer_to_ecef(&earth, r.face.lat_rad, r.face.lon_rad, 0.0, 0.0, 30.0 * BMD_DEG2RAD, 650e3,
                        p);
    CHECK_OK(bmd_radar_observe(&site, p, 0.01, &o));
    assert_int_equal(o.reasons, BMD_RADAR_BEYOND_INSTR);
    bmd_geo_aer_to_ecef(&earth, r.face.lat_rad, r.face.lon_rad, 0.0, 0.0, 30.0 * BMD_DEG2RAD, 550e3,
                        p);
    CHECK_OK(bmd_radar_observe(&site, p, 0.01, &o));
    assert_int_equal(o.reasons, 0);
    /* A 1e-4 m^2 target at 550 km is below the SNR threshold (range for it
     * is rtrack / sqrt(10) ~ 275 km). */
    CHECK_OK(bmd_radar_observe(&site, p, 1e-4, &o));
    assert_int_equal(o.reasons, BMD_RADAR_LOW_SNR);
    CHECK_STATUS(bmd_radar_observe(&site, p, -1.0, &o), BMD_EINVAL);
    CHECK_STATUS(bmd_radar_observe(NULL, p, 1.0, &o), BMD_EINVAL);
    /* Setup refuses an invalid radar and says why. */
    bmd_errbuf e;
    r.hw.efficiency = 2.0;
    CHECK_STATUS(bmd_radar_setup(&site, &r, &earth, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "efficiency"));
}

static void test_measurement_noise(void **state)
{
    (void)state;
    bmd_earth earth;
    bmd_earth_wgs84(&earth);
    bmd_radar r;
    bmd_radar_site site;
    tst_tpy2_like(&r);
    CHECK_OK(bmd_radar_setup(&site, &r, &earth, NULL));
    double p[3];
    bmd_radar_obs o;
    bmd_geo_aer_to_ecef(&earth, r.face.lat_rad, r.face.lon_rad, 0.0, 20.0 * BMD_DEG2RAD,
                        25.0 * BMD_DEG2RAD, 600e3, p);
    CHECK_OK(bmd_radar_observe(&site, p, 0.01, &o));
    bmd_radar_meas m;
    CHECK_OK(bmd_radar_sigmas(&site, &o, &m));
    /* sigma_R = (c / 2B) / sqrt(2 SNR) (Richards et al. 2010, ch. 18);
     * sigma_el = theta_3dB / (cos(theta) k_m sqrt(2 SNR)) with theta_3dB =
     * 0.886 lambda / sqrt(area) and k_m = 1.6; sigma_az = sigma_el / cos el.
     * 1e-12 relative (same formulas). */
    double root = sqrt(2.0 * o.snr), lam = BMD_C_MPS / r.hw.freq_hz;
    CHECK_REL(m.sigma_range_m, BMD_C_MPS / (2.0 * r.hw.bandwidth_hz) / root, 1e-12);
    double sel = 0.886 * lam / sqrt(9.2) / (cos(o.off_boresight_rad) * 1.6 * root);
    CHECK_REL(m.sigma_el_rad, sel, 1e-12);
    CHECK_REL(m.sigma_az_rad, sel / cos(o.el_rad), 1e-12);
    /* Draws: the sample standard deviation of 10,000 seeded draws is within
     * 5 % of sigma (the standard error of a sample sigma is sigma /
     * sqrt(2 N) = 0.7 %, so 5 % is 7 standard errors). */
    bmd_rng rng;
    bmd_rng_init(&rng, 2016, 7);
    const int n = 10000;
    double s2r = 0.0, s2a = 0.0, s2e = 0.0, mr = 0.0;
    for (int i = 0; i < n; i++) {
        bmd_radar_meas d;
        CHECK_OK(bmd_radar_measure(&site, &o, &rng, &d));
        double dr = d.range_m - o.range_m, da = bmd_wrap_pi(d.az_rad - o.az_rad);
        double de = d.el_rad - o.el_rad;
        mr += dr;
        s2r += dr * dr;
        s2a += da * da;
        s2e += de * de;
    }
    CHECK_REL(sqrt(s2r / n), m.sigma_range_m, 0.05);
    CHECK_REL(sqrt(s2a / n), m.sigma_az_rad, 0.05);
    CHECK_REL(sqrt(s2e / n), m.sigma_el_rad, 0.05);
    /* Unbiased: mean within 5 standard errors (5 sigma / sqrt(N)). */
    CHECK_ABS(mr / n, 0.0, 5.0 * m.sigma_range_m / sqrt((double)n));
    /* No bandwidth: no range sigma. */
    r.hw.bandwidth_hz = 0.0;
    CHECK_OK(bmd_radar_setup(&site, &r, &earth, NULL));
    CHECK_STATUS(bmd_radar_sigmas(&site, &o, &m), BMD_EINVAL);
}

static void test_rcs_table(void **state)
{
    (void)state;
    bmd_rcs_table t = {.n = 1, .aspect_rad = {0.0}, .rcs_m2 = {0.01}};
    double s;
    /* Constant table: the value everywhere (exact). */
    CHECK_OK(bmd_rcs_eval(&t, 1.0, &s));
    CHECK_ABS(s, 0.01, 0.0);
    /* Nose-on 0.001 m^2, broadside 1 m^2, tail 0.1 m^2: halfway between
     * nose and broadside the log-linear interpolation gives the geometric
     * mean sqrt(0.001 x 1) (definition); 1e-12 rel. Ends clamp. */
    bmd_rcs_table u = {
        .n = 3, .aspect_rad = {0.0, 0.5 * BMD_PI, BMD_PI}, .rcs_m2 = {0.001, 1.0, 0.1}};
    CHECK_OK(bmd_rcs_eval(&u, 0.25 * BMD_PI, &s));
    CHECK_REL(s, sqrt(0.001), 1e-12);
    CHECK_OK(bmd_rcs_eval(&u, 0.5 * BMD_PI, &s));
    CHECK_REL(s, 1.0, 1e-15);
    CHECK_OK(bmd_rcs_eval(&u, BMD_PI, &s));
    CHECK_REL(s, 0.1, 1e-15);
    u.rcs_m2[1] = -1.0;
    CHECK_STATUS(bmd_rcs_eval(&u, 0.3, &s), BMD_EINVAL);
    u.rcs_m2[1] = 1.0;
    u.aspect_rad[2] = 0.1;
    CHECK_STATUS(bmd_rcs_eval(&u, 0.3, &s), BMD_EINVAL);
    /* Aspect: flying straight at the radar is nose-on (0), across the line
     * of sight broadside (pi/2), away tail-on (pi); 1e-15 rad. */
    const double radar[3] = {0.0, 0.0, 0.0}, tgt[3] = {1000.0, 0.0, 0.0};
    const double toward[3] = {-1.0, 0.0, 0.0}, across[3] = {0.0, 5.0, 0.0};
    const double away[3] = {3.0, 0.0, 0.0};
    CHECK_ABS(bmd_rcs_aspect(radar, tgt, toward), 0.0, 1e-15);
    CHECK_ABS(bmd_rcs_aspect(radar, tgt, across), 0.5 * BMD_PI, 1e-15);
    CHECK_ABS(bmd_rcs_aspect(radar, tgt, away), BMD_PI, 1e-15);
}

/* bmd_radar_detects is bmd_radar_observe's verdict: on 200,000 random
 * points about two sites (ground range to 2,500 km, heights from -2 km to
 * 1,500 km, RCS over five decades; one radar with scan loss, an
 * instrumented range, a raised face and el_min below the horizontal) the
 * two agree exactly, and the sample holds detections and every reason. */
static void test_detects_is_observe(void **state)
{
    (void)state;
    bmd_earth earth;
    bmd_earth_wgs84(&earth);
    bmd_radar radars[2];
    tst_tpy2_like(&radars[0]);
    radars[0].face.boresight_az_rad = 325.0 * BMD_DEG2RAD;
    tst_tpy2_seongju(&radars[1]);
    radars[1].face.h_m = 1500.0;
    radars[1].face.el_min_rad = -1.0 * BMD_DEG2RAD;
    bmd_rng rng;
    bmd_rng_init(&rng, 13, 0);
    long det = 0, why[5] = {0, 0, 0, 0, 0};
    for (int k = 0; k < 2; k++) {
        bmd_radar_site site;
        CHECK_OK(bmd_radar_setup(&site, &radars[k], &earth, NULL));
        for (int i = 0; i < 100000; i++) {
            double az = 2.0 * BMD_PI * bmd_rng_uniform(&rng);
            double s = 2500e3 * bmd_rng_uniform(&rng), h = -2e3 + 1502e3 * bmd_rng_uniform(&rng);
            double rcs = pow(10.0, -3.0 + 5.0 * bmd_rng_uniform(&rng)), p[3];
            sphere_point(&radars[k], 6371e3, az, s, h, p);
            bmd_radar_obs o;
            CHECK_OK(bmd_radar_observe(&site, p, rcs, &o));
            int d = bmd_radar_detects(&site, p, rcs);
            if (d != (o.reasons == 0))
                fail_msg("radar %d point %d: detects %d, observe reasons %u", k, i, d, o.reasons);
            det += d;
            for (int b = 0; b < 5; b++)
                why[b] += (o.reasons >> b) & 1u;
        }
        bmd_radar_obs o0; /* at the face itself (zero range) */
        CHECK_OK(bmd_radar_observe(&site, site.r0_ecef_m, 1.0, &o0));
        assert_int_equal(bmd_radar_detects(&site, site.r0_ecef_m, 1.0), o0.reasons == 0);
    }
    assert_true(det > 1000);
    for (int b = 0; b < 5; b++)
        if (why[b] < 1000) fail_msg("reason bit %d only %ld times", b, why[b]);
    assert_int_equal(bmd_radar_detects(NULL, (double[3]){0, 0, 0}, 1.0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_textbook_peak_power),
        cmocka_unit_test(test_rcs_scaling),
        cmocka_unit_test(test_energy_equals_pulse_form),
        cmocka_unit_test(test_search_form),
        cmocka_unit_test(test_validate),
        cmocka_unit_test(test_horizon_closed_form),
        cmocka_unit_test(test_below_horizon_elevated_site),
        cmocka_unit_test(test_field_of_regard),
        cmocka_unit_test(test_scan_loss_and_snr),
        cmocka_unit_test(test_instrumented_and_snr_limits),
        cmocka_unit_test(test_measurement_noise),
        cmocka_unit_test(test_rcs_table),
        cmocka_unit_test(test_detects_is_observe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
