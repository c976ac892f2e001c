/*
 * test_analysis_visibility.c: what part of a trajectory a radar sees,
 * on cases built from simple geometry (docs/models/radar.md).
 *
 * Setting: the spherical, non-rotating textbook Earth (R = 6371 km), vacuum,
 * impulsive free flights, a radar at (0, 0) without scan loss, so that the
 * answer follows from closed forms: the refracted horizon (ground arc
 * kR acos(kR / (kR + h)) for a site at the surface), the field of regard
 * (azimuth about the boresight), the range equation (detection range
 * R_det = (snr_k sigma / SNR_req)^(1/4), bmd_radar_track_range) and the
 * instrumented range window.
 */
#include <math.h>
#include <string.h>

#include "check.h"

#include "bmd/const.h"
#include "bmd/geo.h"
#include "bmd/radar.h"
#include "bmd/traj.h"
#include "bmd/visibility.h"

#define DT 1.0 /* sampling interval, s */

static bmd_earth E;

/* An X-band radar at (0, 0), surface, boresight azimuth az (rad),
 * half-width half (rad), no scan loss; power p_avg (W). */
static void radar(bmd_radar *r, double az, double half, double p_avg)
{
    bmd_radar_defaults(r);
    r->hw.freq_hz = 9.5e9;
    r->hw.p_avg_w = p_avg;
    r->hw.area_m2 = 9.2;
    r->hw.efficiency = 0.8;
    r->hw.t_sys_k = 500.0;
    r->hw.loss = pow(10.0, 0.5);
    r->hw.bandwidth_hz = 1e9;
    r->hw.scan_loss_n = 0.0;
    r->mode.t_dwell_s = 0.1;
    r->mode.snr_req = pow(10.0, 1.3);
    r->face.boresight_az_rad = az;
    r->face.half_az_rad = half;
}

static void setup_site(bmd_radar_site *s, const bmd_radar *r)
{
    CHECK_OK(bmd_radar_setup(s, r, &E, NULL));
}

static void cfg_init(bmd_traj_config *c)
{
    bmd_earth_sphere(&E);
    bmd_traj_config_init(c, &E, NULL); /* vacuum */
}

/* A free flight from (lat, lon) deg: speed (m/s), flight-path angle and
 * azimuth (deg), no drag. */
static void burnout(bmd_traj_impulsive *b, double lat, double lon, double v, double gam, double az)
{
    memset(b, 0, sizeof *b);
    b->lat_rad = lat * BMD_DEG2RAD;
    b->lon_rad = lon * BMD_DEG2RAD;
    b->speed_mps = v;
    b->gamma_rad = gam * BMD_DEG2RAD;
    b->azimuth_rad = az * BMD_DEG2RAD;
    b->mass_kg = 1000.0;
    b->beta_kgpm2 = 0.0;
}

/* Below the horizon all the way: a low lob (apogee ~ (v sin g)^2 / 2g =
 * 12.7 km) 3,336 km from the radar, while the 4/3-Earth horizon for a
 * 12.7 km target is sqrt(2 k R h) = 465 km away. */
static void test_below_horizon(void **state)
{
    (void)state;
    bmd_traj_config c;
    cfg_init(&c);
    bmd_radar r;
    radar(&r, 90.0 * BMD_DEG2RAD, BMD_PI, 1e9); /* all round, huge power */
    bmd_radar_site s;
    setup_site(&s, &r);
    bmd_traj_impulsive b;
    burnout(&b, 0.0, 30.0, 1000.0, 30.0, 90.0);
    bmd_visibility v;
    bmd_traj_summary sum;
    CHECK_OK(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 1.0, DT, &v, &sum, NULL));
    assert_int_equal(v.visible, 0);
    assert_int_equal(v.n_arcs, 0);
    CHECK_ABS(v.first_detect_time_s, -1.0, 0.0);
    /* every periodic sample is blocked; the interval before the first
     * periodic sample and the last partial interval are not charged, so the
     * charged time is the flight time to within two samples */
    CHECK_ABS(v.t_below_horizon_s, v.flight_time_s, 2.0 * DT);
    assert_true(sum.apogee_alt_m < 14e3);
    double ground, slant;
    CHECK_OK(bmd_radar_horizon(E.a_m, r.face.k_refr, 0.0, sum.apogee_alt_m, 0.0, &ground, &slant));
    assert_true(ground < 500e3); /* the closed form: 465 km, far short of 3,336 km */
}

/* Outside the field of regard: a high flight south of the radar while the
 * face looks north with +-60 deg; the same flight seen by an all-round face
 * is visible. */
static void test_out_of_for(void **state)
{
    (void)state;
    bmd_traj_config c;
    cfg_init(&c);
    bmd_radar r;
    radar(&r, 0.0, 60.0 * BMD_DEG2RAD, 1e9);
    bmd_radar_site s;
    setup_site(&s, &r);
    bmd_traj_impulsive b;
    burnout(&b, -5.0, 0.0, 3000.0, 45.0, 180.0); /* away to the south */
    bmd_visibility v;
    CHECK_OK(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 1.0, DT, &v, NULL, NULL));
    assert_int_equal(v.visible, 0);
    assert_true(v.t_out_of_for_s > 0.5 * v.flight_time_s);
    radar(&r, 0.0, BMD_PI, 1e9);
    setup_site(&s, &r);
    CHECK_OK(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 1.0, DT, &v, NULL, NULL));
    assert_int_equal(v.visible, 1);
}

/* Detection range from the range equation: a flight whose closest slant
 * range is beyond R_det(sigma) is not detected for lack of SNR; for a
 * larger RCS the first and last detections are where the slant range
 * crosses R_det, to one sample of range rate. */
static void test_snr_limit(void **state)
{
    (void)state;
    bmd_traj_config c;
    cfg_init(&c);
    bmd_radar r;
    radar(&r, 0.0, BMD_PI, 50e3);
    bmd_radar_site s;
    setup_site(&s, &r);
    bmd_traj_impulsive b;
    /* passes about 1,100 km from the radar, apogee ~ 300 km */
    burnout(&b, 10.0, -10.0, 3000.0, 45.0, 90.0);
    bmd_visibility v;
    double rdet_small, rdet_big;
    CHECK_OK(bmd_radar_track_range(&r, 1e-4, &rdet_small));
    CHECK_OK(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 1e-4, DT, &v, NULL, NULL));
    assert_true(v.closest_range_m > rdet_small); /* the premise of the case */
    assert_int_equal(v.visible, 0);
    assert_true(v.t_low_snr_s > 0.0);
    /* A closing flight from 1,670 km west, over the radar, apogee ~ 400 km
     * (above the horizon from 2,300 km): with 0.01 m^2, R_det =
     * 0.01^(1/4) R_det(1 m^2) ~ 840 km (R ~ sigma^(1/4)), so the first
     * detection is where the closing slant range crosses R_det. */
    CHECK_OK(bmd_radar_track_range(&r, 1.0, &rdet_big));
    double rdet;
    CHECK_OK(bmd_radar_track_range(&r, 0.01, &rdet));
    CHECK_REL(rdet, rdet_big * pow(0.01, 0.25), 1e-12);
    burnout(&b, 0.0, -15.0, 4000.0, 40.0, 90.0);
    CHECK_OK(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 0.01, DT, &v, NULL, NULL));
    assert_int_equal(v.visible, 1);
    assert_int_equal(v.n_arcs, 1);
    const bmd_vis_arc *a = &v.arcs[0];
    /* at most 4 km/s closing: the slant range changes by < 4.5 km a sample */
    assert_true(a->range_first_m <= rdet && a->range_first_m > rdet - 4.5e3);
    /* the SNR at the closest visible point follows R^-4 from SNR_req at R_det */
    CHECK_REL(a->max_snr, r.mode.snr_req * pow(rdet / a->min_range_m, 4.0), 1e-9);
    CHECK_ABS(v.track_duration_s, a->t_last_s - a->t_first_s, 1e-9);
    assert_true(v.t_low_snr_s > 0.0);
}

/* The instrumented range cuts the arc where the slant range crosses it. */
static void test_instrumented(void **state)
{
    (void)state;
    bmd_traj_config c;
    cfg_init(&c);
    bmd_radar r;
    radar(&r, 0.0, BMD_PI, 1e9);
    bmd_radar_site s;
    setup_site(&s, &r);
    bmd_traj_impulsive b;
    burnout(&b, 2.0, -2.0, 3000.0, 45.0, 45.0);
    bmd_visibility full, cut;
    CHECK_OK(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 1.0, DT, &full, NULL, NULL));
    assert_int_equal(full.visible, 1);
    r.mode.instr_range_m = 600e3;
    setup_site(&s, &r);
    CHECK_OK(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 1.0, DT, &cut, NULL, NULL));
    assert_int_equal(cut.visible, 1);
    assert_true(cut.t_beyond_instr_s > 0.0);
    assert_true(cut.track_duration_s < full.track_duration_s);
    const bmd_vis_arc *a = &cut.arcs[cut.n_arcs - 1];
    /* the arc ends within one sample (3 km of slant range at 3 km/s) of the
     * 600 km window */
    assert_true(a->range_last_m <= 600e3 && a->range_last_m > 597e3);
}

static void test_errors(void **state)
{
    (void)state;
    bmd_traj_config c;
    cfg_init(&c);
    bmd_radar r;
    radar(&r, 0.0, BMD_PI, 50e3);
    bmd_radar_site s;
    setup_site(&s, &r);
    bmd_traj_impulsive b;
    burnout(&b, 2.0, -2.0, 3000.0, 45.0, 45.0);
    bmd_visibility v;
    CHECK_STATUS(bmd_visibility_fly_impulsive(NULL, &c, &b, NULL, 1.0, DT, &v, NULL, NULL),
                 BMD_EINVAL);
    CHECK_STATUS(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 1.0, DT, NULL, NULL, NULL),
                 BMD_EINVAL);
    CHECK_STATUS(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, -1.0, DT, &v, NULL, NULL),
                 BMD_EINVAL);
    CHECK_STATUS(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 1.0, 0.0, &v, NULL, NULL),
                 BMD_EINVAL);
    CHECK_STATUS(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, NAN, DT, &v, NULL, NULL),
                 BMD_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_below_horizon), cmocka_unit_test(test_out_of_for),
        cmocka_unit_test(test_snr_limit),     cmocka_unit_test(test_instrumented),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
