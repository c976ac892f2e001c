/*
 * test_analysis_calibrate.c: the catalog calibration (bmd/calibrate.h).
 * The fit is checked against independent flights of the fitted missile
 * (bmd_traj_max_range, bmd_traj_loft_limit in the same reference model),
 * never against the fit's own residuals alone; parameter setters against
 * their mass bookkeeping.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bmd/calibrate.h"
#include "check.h"

/* A Nodong-class single stage (catalog values before issue 11's fit). */
static void nodong_like(bmd_missile *m)
{
    memset(m, 0, sizeof *m);
    snprintf(m->name, sizeof m->name, "nodong-like");
    m->n_stages = 1;
    m->stage[0] = (bmd_stage){14750.0, 12900.0, 255.0, 226.0, 110.0, 1.32, 0.0};
    m->payload_mass_kg = 1000.0;
    m->rv_separates = 1;
    m->rv_mass_kg = 1000.0;
    m->rv_beta_kgpm2 = 6000.0;
    m->rv_diameter_m = 1.32;
    m->vertical_rise_s = 8.0;
    m->range_published_m = 1300e3;
    m->calib.n_free = 1;
    snprintf(m->calib.free[0], sizeof m->calib.free[0], "stage1.dry_mass");
}

static void ref_flight(const bmd_missile *m, double *range_m)
{
    bmd_earth e;
    bmd_atmo atm;
    bmd_traj_config cfg;
    CHECK_OK(bmd_calib_config(&e, &atm, &cfg));
    bmd_traj_launch l;
    bmd_traj_launch_init(&l, BMD_CALIB_LAT_RAD, BMD_CALIB_LON_RAD, 0.0, BMD_CALIB_AZ_RAD);
    bmd_traj_summary s;
    CHECK_OK(bmd_traj_max_range(&cfg, m, &l, NULL, &s, NULL));
    *range_m = s.range_m;
}

static void test_params(void **state)
{
    (void)state;
    bmd_missile m;
    nodong_like(&m);
    double v;
    /* dry mass = gross - propellant = 1,850 kg; setting it keeps the
     * propellant and moves the gross mass (exact arithmetic) */
    CHECK_OK(bmd_calib_param_get(&m, "stage1.dry_mass", &v));
    CHECK_ABS(v, 1850.0, 1e-9);
    CHECK_OK(bmd_calib_param_set(&m, "stage1.dry_mass", 1800.0));
    CHECK_ABS(m.stage[0].gross_mass_kg, 14700.0, 1e-9);
    CHECK_ABS(m.stage[0].prop_mass_kg, 12900.0, 1e-9);
    /* Isp scales vacuum and sea level together: 226 * 260 / 255 */
    CHECK_OK(bmd_calib_param_set(&m, "stage1.isp", 260.0));
    CHECK_ABS(m.stage[0].isp_sl_s, 226.0 * 260.0 / 255.0, 1e-9);
    /* a separating RV equal to the payload moves with it */
    CHECK_OK(bmd_calib_param_set(&m, "payload_mass", 900.0));
    CHECK_ABS(m.rv_mass_kg, 900.0, 1e-9);
    /* a whole-body re-entry follows dry mass + payload */
    m.rv_separates = 0;
    CHECK_OK(bmd_calib_param_set(&m, "stage1.dry_mass", 1700.0));
    CHECK_ABS(m.rv_mass_kg, 1700.0 + 900.0, 1e-9);
    CHECK_STATUS(bmd_calib_param_set(&m, "stage2.dry_mass", 1.0), BMD_EINVAL);
    CHECK_STATUS(bmd_calib_param_get(&m, "payload", &v), BMD_EINVAL);
}

static void test_fit_range(void **state)
{
    (void)state;
    bmd_missile m, fit;
    nodong_like(&m);
    bmd_calib_result r;
    bmd_errbuf e = {{0}};
    CHECK_OK(bmd_calibrate(&m, 0, &fit, &r, &e));
    assert_int_equal(r.converged, 1);
    /* with the default Cd table the entry as given misses 1,300 km by more
     * than 0.1 %: the fit has work to do */
    assert_true(fabs(r.eval0.range_m - 1300e3) > 1e-3 * 1300e3);
    /* After the fit an independent max-range flight of the fitted missile
     * reaches 1,300 km to 1e-4 (0.13 km; the simplex stops at 1e-5 in the
     * log of the dry mass), and the dry mass moved the right way (lighter
     * when the entry flew short). */
    double R;
    ref_flight(&fit, &R);
    CHECK_ABS(R, 1300e3, 1e-4 * 1300e3);
    assert_true((r.after[0] < r.before[0]) == (r.eval0.range_m < 1300e3));
    CHECK_ABS(fit.stage[0].gross_mass_kg - fit.stage[0].prop_mass_kg, r.after[0], 1e-6);
}

static void test_fit_test_flight(void **state)
{
    (void)state;
    /* A full-burn test: payload and burn time fitted so that the same
     * vehicle flies 1,300 km and lofts to 500 km at 400 km range. Checked
     * by an independent loft-limit flight: apogee within 0.1 %. */
    bmd_missile m, fit;
    nodong_like(&m);
    m.n_tests = 1;
    m.test[0] = (bmd_test_flight){"2000-01-01", "", "", 400e3, 500e3, 0.0, 1, "synthetic"};
    m.calib.n_free = 2;
    snprintf(m.calib.free[0], sizeof m.calib.free[0], "payload_mass");
    snprintf(m.calib.free[1], sizeof m.calib.free[1], "stage1.burn_time");
    bmd_calib_result r;
    CHECK_OK(bmd_calibrate(&m, 0, &fit, &r, NULL));
    bmd_earth e;
    bmd_atmo atm;
    bmd_traj_config cfg;
    CHECK_OK(bmd_calib_config(&e, &atm, &cfg));
    bmd_traj_launch l;
    bmd_traj_launch_init(&l, BMD_CALIB_LAT_RAD, BMD_CALIB_LON_RAD, 0.0, BMD_CALIB_AZ_RAD);
    bmd_traj_summary s;
    CHECK_OK(bmd_traj_loft_limit(&cfg, &fit, &l, 400e3, NULL, &s, NULL));
    CHECK_ABS(s.range_m, 400e3, 1.0);
    CHECK_ABS(s.apogee_alt_m, 500e3, 1e-3 * 500e3);
    double R;
    ref_flight(&fit, &R);
    CHECK_ABS(R, 1300e3, 1e-3 * 1300e3);
}

static void test_errors(void **state)
{
    (void)state;
    bmd_missile m, fit;
    nodong_like(&m);
    m.calib.n_free = 0;
    bmd_calib_result r;
    bmd_errbuf e = {{0}};
    CHECK_STATUS(bmd_calibrate(&m, 0, &fit, &r, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "no free parameter"));
    CHECK_STATUS(bmd_calibrate(NULL, 0, &fit, &r, NULL), BMD_EINVAL);
    bmd_calib_eval ev;
    CHECK_STATUS(bmd_calib_evaluate(NULL, &ev, NULL), BMD_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_params),
        cmocka_unit_test(test_fit_range),
        cmocka_unit_test(test_fit_test_flight),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
