/* test_radar_detect.c: detection probability (Marcum Q, Swerling 0 and 1). */
#include <math.h>
#include <stdio.h>

#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_bessel.h>

#include "check.h"
#include "radars.h"

#include "bmd/radar.h"

/* Rician density of the envelope, x exp(-(x^2 + a^2)/2) I0(a x), written
 * with the scaled Bessel function so that it does not overflow. */
static double rice_pdf(double x, void *p)
{
    double a = *(const double *)p;
    return x * exp(-0.5 * (x - a) * (x - a)) * gsl_sf_bessel_I0_scaled(a * x);
}

static void test_marcum_vs_integral(void **state)
{
    (void)state;
    /* Reference: Q1(a, b) is by definition the integral of the Rician
     * density from b to infinity (Marcum 1960); GSL's QAGIU to 1e-13
     * relative. Tolerance 1e-12 absolute: both are double-precision sums. */
    const double as[] = {0.0, 0.5, 2.0, 5.0, 9.0, 15.0};
    const double bs[] = {0.3, 1.0, 3.0, 5.2565, 8.0, 12.0};
    gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
    assert_non_null(w);
    for (size_t i = 0; i < sizeof as / sizeof as[0]; i++) {
        for (size_t j = 0; j < sizeof bs / sizeof bs[0]; j++) {
            double a = as[i], res, abserr;
            gsl_function f = {rice_pdf, &a};
            assert_int_equal(gsl_integration_qagiu(&f, bs[j], 1e-16, 1e-13, 1000, w, &res, &abserr),
                             0);
            CHECK_ABS(bmd_marcum_q1(a, bs[j]), res, 1e-12);
        }
    }
    gsl_integration_workspace_free(w);
}

static void test_marcum_limits(void **state)
{
    (void)state;
    /* Q1(0, b) = exp(-b^2/2) and Q1(a, 0) = 1 (from the definition);
     * 1e-15 absolute. */
    CHECK_ABS(bmd_marcum_q1(0.0, 3.0), exp(-4.5), 1e-15);
    CHECK_ABS(bmd_marcum_q1(4.0, 0.0), 1.0, 1e-15);
    /* |a - b| > 9: the Simon & Alouini (2000) bounds put Q1 within 3e-18
     * of 1 or 0. */
    CHECK_ABS(bmd_marcum_q1(30.0, 20.0), 1.0, 1e-17);
    CHECK_ABS(bmd_marcum_q1(2.0, 12.0), 0.0, 1e-17);
    assert_true(isnan(bmd_marcum_q1(-1.0, 1.0)));
}

static void test_swerling0_published(void **state)
{
    (void)state;
    double snr, pd;
    /* Exact single-sample SNR for Pd = 0.9, Pfa = 1e-6 (square-law or
     * linear envelope detector, non-fluctuating target): 13.183490056794499
     * dB (sdr package documentation, sdr.min_snr example, Hostetter 2023).
     * Tolerance 1e-6 dB (our bisection stops at 1e-10 dB). */
    CHECK_OK(bmd_radar_snr_for_pd(&bmd_detector_swerling0, 0.9, 1e-6, &snr));
    CHECK_ABS(10.0 * log10(snr), 13.183490056794499, 1e-6);
    /* The same point read forward: Pd = 0.9 within 0.01. */
    CHECK_OK(bmd_radar_pd(&bmd_detector_swerling0, tst_db2pow(13.183490056794499), 1e-6, &pd));
    CHECK_ABS(pd, 0.9, 0.01);
}

/* Albersheim's equation, N = 1 (Albersheim, Proc. IEEE 69 (1981)): the
 * required SNR in dB. */
static double albersheim_db(double pd, double pfa)
{
    double a = log(0.62 / pfa), b = log(pd / (1.0 - pd));
    return (6.2 + 4.54 / sqrt(1.44)) * log10(a + 0.12 * a * b + 1.7 * b);
}

static void test_swerling0_albersheim(void **state)
{
    (void)state;
    /* Cross-check: Albersheim's approximation is claimed within 0.2 dB for
     * 1e-7 <= Pfa <= 1e-3, 0.1 <= Pd <= 0.9 (sdr.albersheim and MATLAB
     * albersheim documentation). We find it holds for Pd 0.5-0.9 but not
     * at Pd = 0.1 with one sample (0.75-4 dB low; docs/models/radar.md),
     * so the check is made at Pd = 0.5, 0.7, 0.9. Tolerance 0.2 dB. */
    const double pds[] = {0.5, 0.7, 0.9}, pfas[] = {1e-3, 1e-5, 1e-6, 1e-7};
    for (size_t i = 0; i < 3; i++) {
        for (size_t j = 0; j < 4; j++) {
            double snr;
            CHECK_OK(bmd_radar_snr_for_pd(&bmd_detector_swerling0, pds[i], pfas[j], &snr));
            CHECK_ABS(10.0 * log10(snr), albersheim_db(pds[i], pfas[j]), 0.2);
        }
    }
}

static void test_swerling1(void **state)
{
    (void)state;
    double pd, snr;
    /* Closed form Pd = Pfa^(1/(1+SNR)) (Skolnik 2001 eq. 2.41 for one
     * look); 1e-15 relative. */
    CHECK_OK(bmd_radar_pd(&bmd_detector_swerling1, 20.0, 1e-6, &pd));
    CHECK_REL(pd, pow(1e-6, 1.0 / 21.0), 1e-15);
    /* Inverse: SNR = ln Pfa / ln Pd - 1 = 130.13 (21.14 dB) for Pd 0.9 at
     * Pfa 1e-6; 1e-8 relative (bisection to 1e-10 dB). */
    CHECK_OK(bmd_radar_snr_for_pd(&bmd_detector_swerling1, 0.9, 1e-6, &snr));
    CHECK_REL(snr, log(1e-6) / log(0.9) - 1.0, 1e-8);
}

static void test_pd_properties(void **state)
{
    (void)state;
    /* Pd(SNR = 0) = Pfa for both models (no signal: only false alarms),
     * 1e-14 relative; Pd increases with SNR. */
    const bmd_detector *dets[] = {&bmd_detector_swerling0, &bmd_detector_swerling1};
    for (int k = 0; k < 2; k++) {
        double pd, prev = 0.0;
        CHECK_OK(bmd_radar_pd(dets[k], 0.0, 1e-4, &pd));
        CHECK_REL(pd, 1e-4, 1e-14);
        for (double db = -10.0; db <= 30.0; db += 0.5) {
            CHECK_OK(bmd_radar_pd(dets[k], tst_db2pow(db), 1e-6, &pd));
            assert_true(pd >= prev - 1e-13 && pd <= 1.0);
            prev = pd;
        }
    }
    /* Swerling 1 needs more SNR than Swerling 0 at high Pd (fading loss). */
    double s0, s1;
    CHECK_OK(bmd_radar_snr_for_pd(&bmd_detector_swerling0, 0.9, 1e-6, &s0));
    CHECK_OK(bmd_radar_snr_for_pd(&bmd_detector_swerling1, 0.9, 1e-6, &s1));
    assert_true(s1 > s0);
    assert_ptr_equal(bmd_detector_swerling(0), &bmd_detector_swerling0);
    assert_ptr_equal(bmd_detector_swerling(1), &bmd_detector_swerling1);
    assert_null(bmd_detector_swerling(2));
}

static void test_pd_errors(void **state)
{
    (void)state;
    double pd, snr;
    CHECK_STATUS(bmd_radar_pd(&bmd_detector_swerling0, -1.0, 1e-6, &pd), BMD_EINVAL);
    CHECK_STATUS(bmd_radar_pd(&bmd_detector_swerling0, 10.0, 0.0, &pd), BMD_EINVAL);
    CHECK_STATUS(bmd_radar_pd(&bmd_detector_swerling0, 10.0, 1.0, &pd), BMD_EINVAL);
    CHECK_STATUS(bmd_radar_pd(NULL, 10.0, 1e-6, &pd), BMD_EINVAL);
    CHECK_STATUS(bmd_radar_pd(&bmd_detector_swerling1, NAN, 1e-6, &pd), BMD_EINVAL);
    CHECK_STATUS(bmd_radar_snr_for_pd(&bmd_detector_swerling1, 1e-7, 1e-6, &snr), BMD_EINVAL);
    CHECK_STATUS(bmd_radar_snr_for_pd(&bmd_detector_swerling1, 1.0, 1e-6, &snr), BMD_EINVAL);
}

static void test_cumulative(void **state)
{
    (void)state;
    double pc;
    /* 1 - (1 - 0.5)^3 = 0.875 exactly; 1e-15. */
    const double three[] = {0.5, 0.5, 0.5};
    CHECK_OK(bmd_radar_pd_cumulative(three, 3, &pc));
    CHECK_ABS(pc, 0.875, 1e-15);
    /* 1 - 0.9 * 0.8 * 0.3 = 0.784; 1e-15. */
    const double mixed[] = {0.1, 0.2, 0.7};
    CHECK_OK(bmd_radar_pd_cumulative(mixed, 3, &pc));
    CHECK_ABS(pc, 0.784, 1e-15);
    const double bad[] = {0.5, 1.5};
    CHECK_STATUS(bmd_radar_pd_cumulative(bad, 2, &pc), BMD_EINVAL);
    CHECK_STATUS(bmd_radar_pd_cumulative(three, 0, &pc), BMD_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_marcum_vs_integral),  cmocka_unit_test(test_marcum_limits),
        cmocka_unit_test(test_swerling0_published), cmocka_unit_test(test_swerling0_albersheim),
        cmocka_unit_test(test_swerling1),           cmocka_unit_test(test_pd_properties),
        cmocka_unit_test(test_pd_errors),           cmocka_unit_test(test_cumulative),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
