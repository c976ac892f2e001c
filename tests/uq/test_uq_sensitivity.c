/*
 * test_uq_sensitivity.c: the Sobol' and Morris estimators of
 * bmd/sensitivity.h against the analytic indices of the standard test
 * functions, bootstrap interval coverage over repeated seeds, Morris
 * screening, thread independence and the error paths.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"

#include "bmd/const.h"
#include "bmd/sensitivity.h"

/*
 * Analytic indices of the Ishigami function f = sin x1 + a sin^2 x2 +
 * b x3^4 sin x1, x_i ~ U(-pi, pi) (Ishigami & Homma 1990; Saltelli et al.,
 * Global Sensitivity Analysis: The Primer (2008) sect. 4.9; Sobol' &
 * Levitan, Comput. Phys. Commun. 117 (1999) 52):
 *   V1  = 1/2 (1 + b pi^4 / 5)^2          (E[sin^2] = 1/2, E[x^4] = pi^4/5)
 *   V2  = a^2 / 8                          (Var sin^2 x = 3/8 - 1/4 = 1/8)
 *   V3  = 0
 *   V13 = b^2 pi^8 (1/18 - 1/50) / 2 * 2 = 8 b^2 pi^8 / 225
 *         (Var x^4 = pi^8/9 - pi^8/25, times E[sin^2 x1] = 1/2)
 *   V   = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2
 *   S_i = V_i / V; ST1 = (V1 + V13)/V, ST2 = V2/V, ST3 = V13/V.
 * For a = 7, b = 0.1: S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437
 * (the values quoted by Saltelli et al. 2010, Table 3 caption, and the
 * Primer).
 */
static void ishigami_exact(double a, double b, double s1[3], double st[3])
{
    double pi4 = pow(BMD_PI, 4.0), pi8 = pow(BMD_PI, 8.0);
    double v1 = 0.5 * pow(1.0 + b * pi4 / 5.0, 2.0), v2 = a * a / 8.0;
    double v13 = 8.0 * b * b * pi8 / 225.0;
    double v = a * a / 8.0 + b * pi4 / 5.0 + b * b * pi8 / 18.0 + 0.5;
    s1[0] = v1 / v;
    s1[1] = v2 / v;
    s1[2] = 0.0;
    st[0] = (v1 + v13) / v;
    st[1] = v2 / v;
    st[2] = v13 / v;
}

/*
 * Analytic indices of the g function g = prod (|4x_i - 2| + a_i)/(1 + a_i),
 * x_i ~ U(0, 1) (Saltelli et al. 2008 sect. 3.5; Sobol' 1993):
 *   V_i = 1 / (3 (1 + a_i)^2),  V = prod (1 + V_i) - 1,
 *   S_i = V_i / V,  ST_i = V_i prod_{j != i} (1 + V_j) / V.
 */
static void g_exact(const double *a, size_t k, double *s1, double *st)
{
    double vi[16], prod = 1.0;
    for (size_t i = 0; i < k; i++) {
        vi[i] = 1.0 / (3.0 * (1.0 + a[i]) * (1.0 + a[i]));
        prod *= 1.0 + vi[i];
    }
    double v = prod - 1.0;
    for (size_t i = 0; i < k; i++) {
        s1[i] = vi[i] / v;
        st[i] = vi[i] * prod / (1.0 + vi[i]) / v;
    }
}

static const double G_A[8] = {0, 1, 4.5, 9, 99, 99, 99, 99};

static int ishigami_model(void *ctx, size_t row, int thread, const double *u, size_t k, double *y,
                          bmd_errbuf *err)
{
    (void)ctx, (void)row, (void)thread, (void)k, (void)err;
    *y = bmd_uq_ishigami(u, 7.0, 0.1);
    return BMD_OK;
}

static int g_model(void *ctx, size_t row, int thread, const double *u, size_t k, double *y,
                   bmd_errbuf *err)
{
    (void)ctx, (void)row, (void)thread, (void)err;
    *y = bmd_uq_sobol_g(u, G_A, k);
    return BMD_OK;
}

/* Run a Sobol' analysis of model with k inputs and base size n. */
static double *run_sobol(bmd_uq_model_fn model, size_t k, size_t n, uint64_t seed,
                         bmd_uq_sampler sampler, long n_boot, int threads, bmd_sobol_index *out)
{
    size_t rows = bmd_sobol_design_rows(k, n);
    double *u = malloc(rows * k * sizeof *u), *y = malloc(rows * sizeof *y);
    assert_non_null(u);
    assert_non_null(y);
    CHECK_OK(bmd_sobol_design(k, n, seed, sampler, u, NULL));
    CHECK_OK(bmd_uq_evaluate(model, NULL, u, rows, k, 1, threads, NULL, NULL, y, NULL));
    if (out) CHECK_OK(bmd_sobol_indices(k, n, y, n_boot, 0.95, seed + 1, out, NULL, NULL));
    free(u);
    return y;
}

/*
 * The standard error the base sample size n implies for each estimator:
 * both are means over the n base rows of a per-row summand (S1: f_B (f_ABi
 * - f_A) / V; ST: (f_A - f_ABi)^2 / 2V), so with independent rows their
 * standard error is sd(summand) / sqrt(n) (central limit theorem). For the
 * quasi-random design the true error is smaller, so this is an upper scale.
 */
static void implied_se(const double *y, size_t k, size_t n, double *se1, double *set)
{
    double mean = 0.0, var = 0.0;
    for (size_t j = 0; j < 2 * n; j++)
        mean += y[j] / (double)(2 * n);
    for (size_t j = 0; j < 2 * n; j++)
        var += (y[j] - mean) * (y[j] - mean) / (double)(2 * n - 1);
    for (size_t i = 0; i < k; i++) {
        double m1 = 0, q1 = 0, mt = 0, qt = 0;
        for (size_t j = 0; j < n; j++) {
            double fa = y[j] - mean, fb = y[n + j] - mean, fab = y[(2 + i) * n + j] - mean;
            double a1 = fb * (fab - fa) / var, at = (fa - fab) * (fa - fab) / (2.0 * var);
            m1 += a1;
            q1 += a1 * a1;
            mt += at;
            qt += at * at;
        }
        double nn = (double)n;
        se1[i] = sqrt((q1 - m1 * m1 / nn) / (nn - 1.0) / nn);
        set[i] = sqrt((qt - mt * mt / nn) / (nn - 1.0) / nn);
    }
}

static void test_ishigami_exact_values(void **state)
{
    (void)state;
    double s1[3], st[3];
    ishigami_exact(7.0, 0.1, s1, st);
    /* The four-decimal values quoted in the literature (see above): 5e-5. */
    CHECK_ABS(s1[0], 0.3139, 5e-5);
    CHECK_ABS(s1[1], 0.4424, 5e-5);
    CHECK_ABS(st[0], 0.5576, 5e-5);
    CHECK_ABS(st[1], 0.4424, 5e-5);
    CHECK_ABS(st[2], 0.2437, 5e-5);
}

static void test_ishigami_sobol(void **state)
{
    (void)state;
    const size_t k = 3, n = 8192;
    double s1[3], st[3], se1[3], set[3];
    ishigami_exact(7.0, 0.1, s1, st);
    bmd_sobol_index out[3];
    double *y = run_sobol(ishigami_model, k, n, 2024, BMD_UQ_QMC, 200, 2, out);
    implied_se(y, k, n, se1, set);
    for (size_t i = 0; i < k; i++) {
        /* Tolerance: 4 standard errors implied by n = 8192 (implied_se);
         * they must also be small for the test to mean anything. */
        assert_true(se1[i] < 0.03 && set[i] < 0.03);
        CHECK_ABS(out[i].S1, s1[i], 4.0 * se1[i]);
        CHECK_ABS(out[i].ST, st[i], 4.0 * set[i]);
        assert_true(out[i].S1_lo <= out[i].S1 && out[i].S1 <= out[i].S1_hi);
        assert_true(out[i].ST_lo <= out[i].ST && out[i].ST <= out[i].ST_hi);
    }
    free(y);
}

static void test_g_function_sobol(void **state)
{
    (void)state;
    const size_t k = 8, n = 8192;
    double s1[8], st[8], se1[8], set[8];
    g_exact(G_A, k, s1, st);
    /* By hand from the formulas: V_i = 1/3, 1/12, 1/90.75, 1/300, 1/30000 (x4),
     * prod (1 + V_i) = 1.465425, V = 0.465425, S_1 = 0.33333/0.465425 =
     * 0.71619: 1e-4. */
    CHECK_ABS(s1[0], 0.71619, 1e-4);
    bmd_sobol_index out[8];
    double *y = run_sobol(g_model, k, n, 99, BMD_UQ_QMC, 200, 2, out);
    implied_se(y, k, n, se1, set);
    for (size_t i = 0; i < k; i++) {
        /* Tolerance: 4 implied standard errors (n = 8192); a floor of 1e-4
         * for the a = 99 inputs whose summands are nearly zero. */
        assert_true(se1[i] < 0.03 && set[i] < 0.03);
        CHECK_ABS(out[i].S1, s1[i], fmax(4.0 * se1[i], 1e-4));
        CHECK_ABS(out[i].ST, st[i], fmax(4.0 * set[i], 1e-4));
    }
    free(y);
}

/*
 * Coverage of the 95 % bootstrap intervals over independent repetitions.
 * With the plain Monte Carlo design (iid rows, which the bootstrap assumes)
 * the coverage must be near 0.95: over R = 200 repetitions of n = 1024, a binomial
 * count of covers has standard deviation sqrt(0.95 0.05 / 200) = 0.0154;
 * the check allows [0.95 - 4 sd, 1] = [0.888, 1] per index (the upper side
 * is not bounded: the percentile interval of a ratio estimator may be a
 * little wide). The quasi-random design is checked to be at least as
 * conservative (its estimates vary less than iid rows would).
 */
static void coverage(bmd_uq_sampler sampler, double floor_cov)
{
    const size_t k = 3, n = 1024;
    const int reps = 200;
    double s1[3], st[3];
    ishigami_exact(7.0, 0.1, s1, st);
    int cov1[3] = {0}, covt[3] = {0};
    for (int r = 0; r < reps; r++) {
        bmd_sobol_index out[3];
        double *y =
            run_sobol(ishigami_model, k, n, 1000u + (uint64_t)r * 7919u, sampler, 300, 1, out);
        free(y);
        for (size_t i = 0; i < k; i++) {
            cov1[i] += out[i].S1_lo <= s1[i] && s1[i] <= out[i].S1_hi;
            covt[i] += out[i].ST_lo <= st[i] && st[i] <= out[i].ST_hi;
        }
    }
    for (size_t i = 0; i < k; i++) {
        double c1 = cov1[i] / (double)reps, ct = covt[i] / (double)reps;
        print_message("sampler %d input %zu: coverage S1 %.3f ST %.3f\n", (int)sampler, i + 1, c1,
                      ct);
        assert_true(c1 >= floor_cov);
        assert_true(ct >= floor_cov);
    }
}

static void test_bootstrap_coverage_mc(void **state)
{
    (void)state;
    coverage(BMD_UQ_MC, 0.95 - 4.0 * 0.0154);
}

static void test_bootstrap_coverage_qmc(void **state)
{
    (void)state;
    coverage(BMD_UQ_QMC, 0.95 - 4.0 * 0.0154);
}

/*
 * A linear model y = sum c_i u_i has exact indices S1 = ST = c_i^2 /
 * sum c_j^2 (u_i independent, equal variances) and constant elementary
 * effects EE_i = c_i: Morris must give mu = mu* = |c_i| ... exactly (to
 * rounding, 1e-9) and sigma = 0.
 */
static const double LIN_C[4] = {3.0, -2.0, 1.0, 0.0};

static int linear_model(void *ctx, size_t row, int thread, const double *u, size_t k, double *y,
                        bmd_errbuf *err)
{
    (void)ctx, (void)row, (void)thread, (void)err;
    double s = 0.0;
    for (size_t i = 0; i < k; i++)
        s += LIN_C[i] * u[i];
    *y = s;
    return BMD_OK;
}

static void test_morris_linear(void **state)
{
    (void)state;
    const size_t k = 4, r = 10;
    size_t rows = bmd_morris_design_rows(k, r);
    double *u = malloc(rows * k * sizeof *u), *y = malloc(rows * sizeof *y);
    CHECK_OK(bmd_morris_design(k, r, 4, 5, u, NULL));
    /* every value on the 4-level grid {0, 1/3, 2/3, 1} (to 1e-12) */
    for (size_t q = 0; q < rows * k; q++) {
        double l = u[q] * 3.0;
        CHECK_ABS(l, round(l), 1e-12);
    }
    CHECK_OK(bmd_uq_evaluate(linear_model, NULL, u, rows, k, 1, 1, NULL, NULL, y, NULL));
    bmd_morris_effect e[4];
    CHECK_OK(bmd_morris_effects(k, r, u, y, e, NULL));
    for (size_t i = 0; i < k; i++) {
        CHECK_ABS(e[i].mu, LIN_C[i], 1e-9);
        CHECK_ABS(e[i].mu_star, fabs(LIN_C[i]), 1e-9);
        CHECK_ABS(e[i].sigma, 0.0, 1e-9);
    }
    free(u);
    free(y);
}

/* Morris screening of the g function: the inputs with a_i <= 9 rank above
 * the four with a_i = 99, and x1 (a = 0) first (Campolongo et al. 2007,
 * sect. 4, use the same function to show mu* ranks like ST). */
static void test_morris_g_ranking(void **state)
{
    (void)state;
    const size_t k = 8, r = 40;
    size_t rows = bmd_morris_design_rows(k, r);
    double *u = malloc(rows * k * sizeof *u), *y = malloc(rows * sizeof *y);
    CHECK_OK(bmd_morris_design(k, r, 4, 11, u, NULL));
    CHECK_OK(bmd_uq_evaluate(g_model, NULL, u, rows, k, 1, 2, NULL, NULL, y, NULL));
    bmd_morris_effect e[8];
    CHECK_OK(bmd_morris_effects(k, r, u, y, e, NULL));
    for (size_t i = 1; i < k; i++)
        assert_true(e[0].mu_star > e[i].mu_star);
    for (size_t i = 0; i < 4; i++)
        for (size_t j = 4; j < 8; j++)
            assert_true(e[i].mu_star > e[j].mu_star);
    /* and the unimportant ones are small: 1/(1+99) scale (|EE| <= 4/100
     * times the product of the other factors, each <= 2) */
    for (size_t j = 4; j < 8; j++)
        assert_true(e[j].mu_star < 0.2 * e[0].mu_star);
    free(u);
    free(y);
}

/* Same bits for 1 and 2 threads, and for a repeated seed. */
static void test_thread_independence(void **state)
{
    (void)state;
    bmd_sobol_index a[8], b[8];
    double *y1 = run_sobol(g_model, 8, 512, 3, BMD_UQ_QMC, 100, 1, a);
    double *y2 = run_sobol(g_model, 8, 512, 3, BMD_UQ_QMC, 100, 2, b);
    assert_memory_equal(y1, y2, bmd_sobol_design_rows(8, 512) * sizeof *y1);
    assert_memory_equal(a, b, sizeof a);
    free(y1);
    free(y2);
}

static int failing_model(void *ctx, size_t row, int thread, const double *u, size_t k, double *y,
                         bmd_errbuf *err)
{
    (void)ctx, (void)thread, (void)u, (void)k;
    *y = 0.0;
    if (row >= 7) return bmd_err_set(err, BMD_EDOM, "row %zu fails", row);
    return BMD_OK;
}

static void test_errors(void **state)
{
    (void)state;
    double u[64 * 4], y[64];
    bmd_errbuf e;
    CHECK_STATUS(bmd_sobol_design(0, 8, 1, BMD_UQ_QMC, u, &e), BMD_EINVAL);
    CHECK_STATUS(bmd_sobol_design(2, 1, 1, BMD_UQ_QMC, u, &e), BMD_EINVAL);
    CHECK_STATUS(bmd_sobol_design(21, 8, 1, BMD_UQ_QMC, u, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "Morris"));
    CHECK_STATUS(bmd_morris_design(2, 4, 3, 1, u, &e), BMD_EINVAL); /* odd levels */
    /* a constant output: the indices are undefined */
    size_t rows = bmd_sobol_design_rows(2, 8);
    for (size_t r = 0; r < rows; r++)
        y[r] = 1.5;
    bmd_sobol_index out[2];
    CHECK_STATUS(bmd_sobol_indices(2, 8, y, 10, 0.95, 1, out, NULL, &e), BMD_EDOM);
    y[3] = NAN;
    CHECK_STATUS(bmd_sobol_indices(2, 8, y, 10, 0.95, 1, out, NULL, &e), BMD_EINVAL);
    CHECK_STATUS(bmd_sobol_indices(2, 8, y, 10, 1.5, 1, out, NULL, &e), BMD_EINVAL);
    /* the first failing row (by row order) is reported, for any threads */
    CHECK_OK(bmd_sobol_design(2, 8, 1, BMD_UQ_QMC, u, NULL));
    CHECK_STATUS(bmd_uq_evaluate(failing_model, NULL, u, rows, 2, 1, 2, NULL, NULL, y, &e),
                 BMD_EDOM);
    assert_non_null(strstr(e.msg, "row"));
    /* Morris rows that change two inputs at once */
    double mu[6 * 2] = {0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1};
    double my[6] = {0, 1, 2, 0, 1, 2};
    bmd_morris_effect me[2];
    CHECK_STATUS(bmd_morris_effects(2, 2, mu, my, me, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "exactly one"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ishigami_exact_values),
        cmocka_unit_test(test_ishigami_sobol),
        cmocka_unit_test(test_g_function_sobol),
        cmocka_unit_test(test_bootstrap_coverage_mc),
        cmocka_unit_test(test_bootstrap_coverage_qmc),
        cmocka_unit_test(test_morris_linear),
        cmocka_unit_test(test_morris_g_ranking),
        cmocka_unit_test(test_thread_independence),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
