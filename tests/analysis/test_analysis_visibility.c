/*
 * test_analysis_visibility.c: what part of a trajectory a radar sees
 * (bmd_visibility_fly, bmd_visibility_fly_impulsive; docs/models/radar.md),
 * on cases whose answer follows from closed-form geometry.
 *
 * Setting: the spherical textbook Earth (R = 6371 km, bmd_earth_sphere) made
 * non-rotating, vacuum, impulsive free flights, a radar at (0 N, 0 E) on the
 * surface with no scan loss and the default 4/3-Earth refraction and 0 deg
 * minimum elevation. Every reference is computed here, independently of
 * the visibility code, from the same flight sampled every 0.01 s (the
 * flight itself is the integrator's and is tested in test_traj.c):
 *   slant range    |r - r_site| (straight line);
 *   ground arc     R x (angle between r and r_site);
 *   horizon        a target at height h is above the refracted horizon of a
 *                  surface radar while its ground arc is below
 *                  kR acos(kR / (kR + h)) (Skolnik 2001 sec. 8.2, 4/3 Earth;
 *                  bmd/radar.h bmd_radar_horizon notes);
 *   detection      R_det = (E G A_e sigma / ((4 pi)^2 k T L SNR_req))^(1/4)
 *                  (Skolnik 2001 eq. 2.61, energy form), SNR = SNR_req
 *                  (R_det / R)^4.
 * The visibility code samples every DT = 1 s (at t = k DT), so an arc end
 * is known to one sample: the first visible sample lies in
 * [t_cross, t_cross + DT), the last in (t_cross - DT, t_cross].
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

#include "bmd/const.h"
#include "bmd/geo.h"
#include "bmd/radar.h"
#include "bmd/traj.h"
#include "bmd/visibility.h"

#define DT 1.0        /* visibility sampling interval, s */
#define DT_FINE 0.01  /* reference sampling interval, s */
#define N_FINE 400000 /* room for 4,000 s of flight */
#define HUGE_P_W 1e9  /* average power that makes SNR irrelevant below 3,000 km */

static bmd_earth E;

/* The reference samples of one flight. */
static struct fine {
    int n;
    double t[N_FINE], slant[N_FINE], ground[N_FINE], alt[N_FINE], az[N_FINE];
} F;

static int fine_cb(void *ctx, const bmd_traj_sample *s)
{
    (void)ctx;
    if (s->event != BMD_TRAJ_EV_NONE || F.n >= N_FINE) return 0;
    double r0[3], d[3], rn = 0.0, dot = 0.0, dd = 0.0;
    bmd_geo_to_ecef(&E, 0.0, 0.0, 0.0, r0);
    for (int i = 0; i < 3; i++) {
        d[i] = s->r_ecef_m[i] - r0[i];
        dd += d[i] * d[i];
        rn += s->r_ecef_m[i] * s->r_ecef_m[i];
        dot += s->r_ecef_m[i] * r0[i];
    }
    F.t[F.n] = s->t_s;
    F.slant[F.n] = sqrt(dd);
    F.ground[F.n] = E.a_m * acos(fmin(1.0, dot / (sqrt(rn) * E.a_m)));
    F.alt[F.n] = sqrt(rn) - E.a_m;
    bmd_geo_ecef_to_aer(&E, 0.0, 0.0, 0.0, s->r_ecef_m, &F.az[F.n], NULL, NULL);
    F.n++;
    return 0;
}

static void cfg_init(bmd_traj_config *c)
{
    bmd_earth_sphere(&E);
    E.omega_radps = 0.0;
    bmd_traj_config_init(c, &E, NULL); /* vacuum */
}

/* Fly b again, sampled every DT_FINE, into F. */
static void fly_fine(const bmd_traj_config *c, const bmd_traj_impulsive *b)
{
    bmd_traj_config f = *c;
    f.sample = fine_cb;
    f.sample_dt_s = DT_FINE;
    F.n = 0;
    CHECK_OK(bmd_traj_fly_impulsive(&f, b, NULL, NULL));
    assert_true(F.n > 10 && F.n < N_FINE);
}

/* kR acos(kR / (kR + h)): ground arc to the refracted horizon of a surface
 * radar for a target at height h. */
static double horizon_ground(double k, double h)
{
    double kr = k * E.a_m;
    return kr * acos(kr / (kr + h));
}

/* Horizon margin of reference sample i (< 0: above the horizon). */
static double hmargin(int i)
{
    return F.ground[i] - horizon_ground(BMD_REFRACTION_K, F.alt[i]);
}

/* Time where x[] crosses level, searched from sample i0 in direction: +1
 * rising, -1 falling; linear between samples; -1 if none. */
static double crossing(const double *x, double level, int rising, int i0)
{
    for (int i = i0 + 1; i < F.n; i++) {
        double a = x[i - 1] - level, b = x[i] - level;
        if ((rising && a < 0.0 && b >= 0.0) || (!rising && a > 0.0 && b <= 0.0))
            return F.t[i - 1] + (F.t[i] - F.t[i - 1]) * a / (a - b);
    }
    return -1.0;
}

static int index_at(double t)
{
    int i = (int)lround(t / DT_FINE) - 1;
    return i < 0 ? 0 : (i >= F.n ? F.n - 1 : i);
}

/* An X-band radar at (0, 0), surface, boresight azimuth az_deg, half-width
 * half_deg, no scan loss, average power p_avg_w; otherwise the AN/TPY-2
 * class figures of data/catalog/radars.yaml (9.2 m^2, 0.8, 500 K, 5 dB,
 * 0.1 s dwell, 13 dB). */
static void radar(bmd_radar *r, double az_deg, double half_deg, double p_avg_w)
{
    bmd_radar_defaults(r);
    r->hw.freq_hz = 9.5e9;
    r->hw.p_avg_w = p_avg_w;
    r->hw.area_m2 = 9.2;
    r->hw.efficiency = 0.8;
    r->hw.t_sys_k = 500.0;
    r->hw.loss = pow(10.0, 0.5);
    r->hw.bandwidth_hz = 1e9;
    r->hw.scan_loss_n = 0.0;
    r->mode.t_dwell_s = 0.1;
    r->mode.snr_req = pow(10.0, 1.3);
    r->face.boresight_az_rad = az_deg * BMD_DEG2RAD;
    r->face.half_az_rad = half_deg * BMD_DEG2RAD;
}

static void site_of(bmd_radar_site *s, const bmd_radar *r)
{
    CHECK_OK(bmd_radar_setup(s, r, &E, NULL));
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
}

/* The range equation by hand (Skolnik 2001 eq. 2.61, energy form). */
static double rdet_by_hand(const bmd_radar *r, double sigma_m2)
{
    double lambda = BMD_C_MPS / r->hw.freq_hz, ae = r->hw.efficiency * r->hw.area_m2;
    double g = 4.0 * BMD_PI * ae / (lambda * lambda), e = r->hw.p_avg_w * r->mode.t_dwell_s;
    return pow(e * g * ae * sigma_m2 /
                   (pow(4.0 * BMD_PI, 2.0) * BMD_BOLTZMANN_JPK * r->hw.t_sys_k * r->hw.loss *
                    r->mode.snr_req),
               0.25);
}

/* ---- horizon ------------------------------------------------------------- */

/* Never visible: a flight from 25 deg east of the radar, flying away from
 * it, never comes within the horizon ground arc of its own highest point. */
static void test_below_horizon(void **state)
{
    (void)state;
    bmd_traj_config c;
    cfg_init(&c);
    bmd_radar r;
    radar(&r, 90.0, 180.0, HUGE_P_W); /* all round, SNR no limit */
    bmd_radar_site s;
    site_of(&s, &r);
    bmd_traj_impulsive b;
    burnout(&b, 0.0, 25.0, 2000.0, 45.0, 90.0);
    fly_fine(&c, &b);
    double hmax = 0.0, gmin = INFINITY;
    for (int i = 0; i < F.n; i++) {
        hmax = fmax(hmax, F.alt[i]);
        gmin = fmin(gmin, F.ground[i]);
    }
    /* the library's horizon is the closed form (1e-12 relative) */
    double ground;
    CHECK_OK(bmd_radar_horizon(E.a_m, BMD_REFRACTION_K, 0.0, hmax, 0.0, &ground, NULL));
    CHECK_REL(ground, horizon_ground(BMD_REFRACTION_K, hmax), 1e-12);
    /* premise: about 2,780 km against a horizon arc of about 1,400 km */
    assert_true(gmin > 1.5 * ground);
    bmd_visibility v;
    bmd_traj_summary sum;
    CHECK_OK(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 1.0, DT, &v, &sum, NULL));
    assert_int_equal(v.visible, 0);
    assert_int_equal(v.n_arcs, 0);
    CHECK_ABS(v.first_detect_time_s, -1.0, 0.0);
    CHECK_ABS(v.min_slant_range_m, -1.0, 0.0);
    /* all blocked time is the horizon's; the time before the first sample
     * and the last partial interval are not charged: flight time to 2 DT */
    CHECK_ABS(v.t_below_horizon_s, sum.flight_time_s, 2.0 * DT);
    CHECK_ABS(v.t_out_of_for_s + v.t_beyond_instr_s + v.t_low_snr_s, 0.0, 0.0);
}

/* Sinking below the horizon: a flight away from the radar is lost where its
 * ground arc passes kR acos(kR / (kR + h)) on the way down (to DT). */
static void test_horizon_crossing(void **state)
{
    (void)state;
    bmd_traj_config c;
    cfg_init(&c);
    bmd_radar r;
    radar(&r, 90.0, 180.0, HUGE_P_W);
    bmd_radar_site s;
    site_of(&s, &r);
    bmd_traj_impulsive b;
    burnout(&b, 0.0, 5.0, 3000.0, 45.0, 90.0);
    fly_fine(&c, &b);
    static double margin[N_FINE];
    for (int i = 0; i < F.n; i++)
        margin[i] = hmargin(i);
    /* premise: above the horizon from launch (555 km out, rising), then
     * below it before impact */
    double t_rise = crossing(margin, 0.0, 0, 0); /* margin falls through 0 */
    assert_true(t_rise >= 0.0);
    int i_up = index_at(t_rise) + 1;
    double t_set = crossing(margin, 0.0, 1, i_up);
    assert_true(t_set > t_rise);
    bmd_visibility v;
    CHECK_OK(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 1.0, DT, &v, NULL, NULL));
    assert_int_equal(v.n_arcs, 1);
    /* first sample in [t_rise, t_rise + DT), last in (t_set - DT, t_set] */
    CHECK_ABS(v.arcs[0].t_first_s - t_rise, 0.5 * DT, 0.5 * DT);
    CHECK_ABS(t_set - v.arcs[0].t_last_s, 0.5 * DT, 0.5 * DT);
    assert_true(v.t_below_horizon_s > 0.0);
}

/* ---- field of regard ----------------------------------------------------- */

/* A flight due south along the meridian of a radar facing north with
 * +-60 deg is never in the field of regard; facing south it is seen
 * exactly as an all-round radar sees it. */
static void test_out_of_for(void **state)
{
    (void)state;
    bmd_traj_config c;
    cfg_init(&c);
    bmd_radar r;
    radar(&r, 0.0, 60.0, HUGE_P_W);
    bmd_radar_site s;
    site_of(&s, &r);
    bmd_traj_impulsive b;
    burnout(&b, -3.0, 0.0, 3000.0, 45.0, 180.0);
    fly_fine(&c, &b);
    /* premise: every azimuth is 180 deg (+-1e-6 rad: on the meridian of a
     * non-rotating sphere), 120 deg off the edge of the face */
    for (int i = 0; i < F.n; i++)
        CHECK_ABS(F.az[i], BMD_PI, 1e-6);
    bmd_visibility v, all, south;
    bmd_traj_summary sum;
    CHECK_OK(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 1.0, DT, &v, &sum, NULL));
    assert_int_equal(v.visible, 0);
    assert_true(v.t_out_of_for_s > 0.0);
    /* every blocked second is charged to the horizon or the field of regard */
    CHECK_ABS(v.t_out_of_for_s + v.t_below_horizon_s, sum.flight_time_s, 2.0 * DT);
    CHECK_ABS(v.t_low_snr_s + v.t_beyond_instr_s, 0.0, 0.0);
    radar(&r, 180.0, 60.0, HUGE_P_W);
    site_of(&s, &r);
    CHECK_OK(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 1.0, DT, &south, NULL, NULL));
    radar(&r, 0.0, 180.0, HUGE_P_W);
    site_of(&s, &r);
    CHECK_OK(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 1.0, DT, &all, NULL, NULL));
    assert_int_equal(south.visible, 1);
    assert_int_equal(south.n_arcs, all.n_arcs);
    CHECK_ABS(south.arcs[0].t_first_s, all.arcs[0].t_first_s, 0.0);
    CHECK_ABS(south.arcs[0].t_last_s, all.arcs[0].t_last_s, 0.0);
    CHECK_ABS(south.t_out_of_for_s, 0.0, 0.0);
}

/* ---- SNR ----------------------------------------------------------------- */

/* A small target that is geometrically visible (the same flight is seen
 * with a 1 m^2 target) but never within R_det(1e-4 m^2) ~ 266 km. */
static void test_low_snr(void **state)
{
    (void)state;
    bmd_traj_config c;
    cfg_init(&c);
    bmd_radar r;
    radar(&r, 0.0, 180.0, 50e3);
    bmd_radar_site s;
    site_of(&s, &r);
    double rdet_small, rdet_1;
    CHECK_OK(bmd_radar_track_range(&r, 1e-4, &rdet_small));
    CHECK_OK(bmd_radar_track_range(&r, 1.0, &rdet_1));
    CHECK_REL(rdet_small, rdet_by_hand(&r, 1e-4), 1e-12);
    CHECK_REL(rdet_small, rdet_1 * pow(1e-4, 0.25), 1e-12); /* R ~ sigma^(1/4) */
    bmd_traj_impulsive b;
    burnout(&b, 5.0, -5.0, 3000.0, 45.0, 90.0); /* passes ~ 555 km north */
    fly_fine(&c, &b);
    double smin = INFINITY;
    for (int i = 0; i < F.n; i++)
        smin = fmin(smin, F.slant[i]);
    assert_true(smin > 1.5 * rdet_small && smin < rdet_1); /* premise */
    bmd_visibility v;
    CHECK_OK(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 1.0, DT, &v, NULL, NULL));
    assert_int_equal(v.visible, 1); /* geometry allows it */
    CHECK_OK(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 1e-4, DT, &v, NULL, NULL));
    assert_int_equal(v.visible, 0);
    assert_true(v.t_low_snr_s > 0.0);
    CHECK_REL(v.closest_range_m, smin, 1e-4); /* to the DT sampling: ~ 1e-5 here */
}

/* First and last detection where the slant range crosses R_det(0.01 m^2)
 * of bmd_radar_track_range, to one sample; the best SNR follows R^-4. */
static void test_detection_range_times(void **state)
{
    (void)state;
    bmd_traj_config c;
    cfg_init(&c);
    bmd_radar r;
    radar(&r, 0.0, 180.0, 50e3);
    bmd_radar_site s;
    site_of(&s, &r);
    double rdet;
    CHECK_OK(bmd_radar_track_range(&r, 0.01, &rdet)); /* ~ 840 km */
    CHECK_REL(rdet, rdet_by_hand(&r, 0.01), 1e-12);
    bmd_traj_impulsive b;
    burnout(&b, 1.0, -15.0, 5000.0, 40.0, 90.0); /* over the radar, lands far east */
    fly_fine(&c, &b);
    double t_in = crossing(F.slant, rdet, 0, 0);
    assert_true(t_in > 0.0);
    double t_out = crossing(F.slant, rdet, 1, index_at(t_in) + 1);
    assert_true(t_out > t_in);
    /* premise: above the horizon at both crossings (the SNR is the limit) */
    assert_true(hmargin(index_at(t_in)) < -50e3 && hmargin(index_at(t_out)) < -50e3);
    bmd_visibility v;
    CHECK_OK(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 0.01, DT, &v, NULL, NULL));
    assert_int_equal(v.n_arcs, 1);
    const bmd_vis_arc *a = &v.arcs[0];
    CHECK_ABS(a->t_first_s - t_in, 0.5 * DT, 0.5 * DT);
    CHECK_ABS(t_out - a->t_last_s, 0.5 * DT, 0.5 * DT);
    CHECK_ABS(v.first_detect_time_s, a->t_first_s, 0.0);
    CHECK_ABS(v.track_duration_s, a->t_last_s - a->t_first_s, 1e-9);
    assert_true(a->range_first_m <= rdet && a->range_last_m <= rdet);
    /* SNR = SNR_req (R_det / R)^4 at the closest visible sample (1e-9) */
    CHECK_REL(a->max_snr, r.mode.snr_req * pow(rdet / a->min_range_m, 4.0), 1e-9);
    assert_true(v.t_low_snr_s > 0.0);
}

/* ---- instrumented range -------------------------------------------------- */

/* A flight outward from near the radar is cut where the slant range passes
 * the 600 km instrumented range (to one sample), although it is above the
 * horizon and strong there. */
static void test_instrumented(void **state)
{
    (void)state;
    bmd_traj_config c;
    cfg_init(&c);
    bmd_radar r;
    radar(&r, 0.0, 180.0, HUGE_P_W);
    r.mode.instr_range_m = 600e3;
    bmd_radar_site s;
    site_of(&s, &r);
    bmd_traj_impulsive b;
    burnout(&b, 0.5, 0.5, 3000.0, 45.0, 45.0);
    fly_fine(&c, &b);
    double t_cross = crossing(F.slant, 600e3, 1, 0);
    assert_true(t_cross > 0.0);
    assert_true(hmargin(index_at(t_cross)) < -100e3); /* premise: well above the horizon */
    bmd_visibility v;
    CHECK_OK(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 1.0, DT, &v, NULL, NULL));
    assert_int_equal(v.n_arcs, 1);
    CHECK_ABS(t_cross - v.arcs[0].t_last_s, 0.5 * DT, 0.5 * DT);
    assert_true(v.arcs[0].range_last_m <= 600e3);
    assert_true(v.t_beyond_instr_s > 0.0);
    /* without the window the arc goes on */
    r.mode.instr_range_m = 0.0;
    site_of(&s, &r);
    bmd_visibility open;
    CHECK_OK(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 1.0, DT, &open, NULL, NULL));
    assert_true(open.arcs[0].t_last_s > v.arcs[0].t_last_s + 10.0 * DT);
}

/* ---- errors -------------------------------------------------------------- */

static void test_errors(void **state)
{
    (void)state;
    bmd_traj_config c;
    cfg_init(&c);
    bmd_radar r;
    radar(&r, 0.0, 180.0, 50e3);
    bmd_radar_site s;
    site_of(&s, &r);
    bmd_traj_impulsive b;
    burnout(&b, 2.0, -2.0, 3000.0, 45.0, 45.0);
    bmd_visibility v;
    bmd_errbuf err;
    CHECK_STATUS(bmd_visibility_fly_impulsive(NULL, &c, &b, NULL, 1.0, DT, &v, NULL, &err),
                 BMD_EINVAL);
    assert_non_null(strstr(err.msg, "NULL"));
    CHECK_STATUS(bmd_visibility_fly_impulsive(&s, NULL, &b, NULL, 1.0, DT, &v, NULL, NULL),
                 BMD_EINVAL);
    CHECK_STATUS(bmd_visibility_fly_impulsive(&s, &c, NULL, NULL, 1.0, DT, &v, NULL, NULL),
                 BMD_EINVAL);
    CHECK_STATUS(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 1.0, DT, NULL, NULL, NULL),
                 BMD_EINVAL);
    /* bad RCS: negative, zero, NaN, infinite */
    const double bad_rcs[] = {-1.0, 0.0, NAN, INFINITY};
    for (int i = 0; i < 4; i++) {
        CHECK_STATUS(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, bad_rcs[i], DT, &v, NULL, &err),
                     BMD_EINVAL);
        assert_non_null(strstr(err.msg, "RCS"));
    }
    /* bad sampling interval */
    const double bad_dt[] = {0.0, -1.0, NAN, INFINITY};
    for (int i = 0; i < 4; i++)
        CHECK_STATUS(bmd_visibility_fly_impulsive(&s, &c, &b, NULL, 1.0, bad_dt[i], &v, NULL, NULL),
                     BMD_EINVAL);
    /* the powered-flight form: NULL missile or launch */
    bmd_traj_launch l;
    bmd_traj_launch_init(&l, 0.0, 0.0, 0.0, 0.0);
    bmd_missile m;
    memset(&m, 0, sizeof m);
    CHECK_STATUS(bmd_visibility_fly(&s, &c, NULL, &l, NULL, 1.0, DT, &v, NULL, NULL), BMD_EINVAL);
    CHECK_STATUS(bmd_visibility_fly(&s, &c, &m, NULL, NULL, 1.0, DT, &v, NULL, NULL), BMD_EINVAL);
    /* an invalid missile is the flight's error */
    CHECK_STATUS(bmd_visibility_fly(&s, &c, &m, &l, NULL, 1.0, DT, &v, NULL, NULL), BMD_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_below_horizon),
        cmocka_unit_test(test_horizon_crossing),
        cmocka_unit_test(test_out_of_for),
        cmocka_unit_test(test_low_snr),
        cmocka_unit_test(test_detection_range_times),
        cmocka_unit_test(test_instrumented),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
