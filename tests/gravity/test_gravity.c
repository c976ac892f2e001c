/*
 * test_gravity.c: point mass + zonal harmonics J2, J3, J4.
 *
 * Reference values are closed forms written out independently of the
 * library's Legendre recursion: the zonal potential
 *   V = -(mu/r) [1 - sum_n Jn (R/r)^n P_n(z/r)]
 * (Vallado 2013, ch. 8) with P_2 = (3u^2 - 1)/2, P_3 = (5u^3 - 3u)/2,
 * P_4 = (35u^4 - 30u^2 + 3)/8, and its gradient, the familiar explicit
 * J2/J3/J4 accelerations (Vallado 2013, p. 594: J2 and J3 written there in
 * exactly this form).
 */
#include <stdio.h>

#include "check.h"

#include "bmd/const.h"
#include "bmd/gravity.h"

/* Explicit zonal potential of degree n alone (n = 2, 3, 4), m^2/s^2. */
static double vn_explicit(const bmd_earth *e, int n, const double r[3])
{
    double rn = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]), u = r[2] / rn;
    double q = e->a_m / rn, pn, jn;
    switch (n) {
    case 2:
        pn = 0.5 * (3.0 * u * u - 1.0);
        jn = e->j2;
        break;
    case 3:
        pn = 0.5 * (5.0 * u * u * u - 3.0 * u);
        jn = e->j3;
        break;
    default:
        pn = (35.0 * u * u * u * u - 30.0 * u * u + 3.0) / 8.0;
        jn = e->j4;
        break;
    }
    return e->gm_m3ps2 / rn * jn * pow(q, n) * pn;
}

static void earth_with(bmd_earth *e, double j2, double j3, double j4)
{
    bmd_earth_wgs84(e);
    e->j2 = j2;
    e->j3 = j3;
    e->j4 = j4;
}

static void test_point_mass(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_sphere(&e);
    /* Newton: g = -mu r / |r|^3, magnitude mu / r^2; 1e-15 relative. */
    const double pts[][3] = {
        {6371000.0, 0.0, 0.0}, {0.0, 0.0, -6.5e6}, {3e6, -4e6, 5e6}, {4.2164e7, 1.0, -2.0}};
    for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++) {
        double g[3];
        const double *r = pts[i];
        double rn = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
        CHECK_OK(bmd_gravity_accel(&e, r, g));
        double gn = sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
        CHECK_REL(gn, e.gm_m3ps2 / (rn * rn), 1e-15);
        for (int k = 0; k < 3; k++)
            CHECK_ABS(g[k], -e.gm_m3ps2 * r[k] / (rn * rn * rn), 1e-15 * gn);
        double v;
        CHECK_OK(bmd_gravity_potential(&e, r, &v));
        CHECK_REL(v, -e.gm_m3ps2 / rn, 1e-15);
    }
}

static void test_j2_equator_pole(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    const double mu = e.gm_m3ps2, a = e.a_m, b = e.b_m, j2 = e.j2;
    double g[3];
    /* Vallado (2013) p. 594 (J2 acceleration) at z = 0, r = a:
     * g_x = -mu/a^2 [1 - 3/2 J2 (0 - 1)] = -mu/a^2 (1 + 3/2 J2); 1e-15 rel. */
    const double eq[3] = {a, 0.0, 0.0};
    CHECK_OK(bmd_gravity_accel(&e, eq, g));
    CHECK_REL(g[0], -mu / (a * a) * (1.0 + 1.5 * j2), 1e-15);
    CHECK_ABS(g[1], 0.0, 0.0);
    CHECK_ABS(g[2], 0.0, 1e-15);
    /* At the pole, z = r = b: g_z = -mu/b^2 [1 - 3/2 J2 (a/b)^2 (5 - 3)]
     * = -mu/b^2 (1 - 3 J2 (a/b)^2); 1e-15 relative. */
    const double np[3] = {0.0, 0.0, b};
    CHECK_OK(bmd_gravity_accel(&e, np, g));
    CHECK_REL(g[2], -mu / (b * b) * (1.0 - 3.0 * j2 * (a / b) * (a / b)), 1e-15);
    CHECK_ABS(g[0], 0.0, 0.0);
    /* Against a published number: adding the centrifugal acceleration
     * omega^2 a at the equator must give WGS84 normal gravity, 9.7803253359
     * m/s^2 (NGA TR8350.2 table 3.4, Somigliana), up to the terms this model
     * omits: J4 and higher of the normal field, |J4| (a/r)^4 ~ 2.4e-6 with
     * a factor of order 2. Observed gap 4.5e-6 relative; tolerance 1e-5. */
    CHECK_OK(bmd_gravity_accel(&e, eq, g));
    CHECK_REL(-g[0] - e.omega_radps * e.omega_radps * a, 9.7803253359, 1e-5);
}

/* Explicit J2/J3/J4 accelerations: Vallado (2013) p. 594 for J2 and J3; the
 * J4 term is the gradient of vn_explicit(4) worked by hand,
 * (15/8) J4 mu R^4 / r^7 [x w, y w, z (5 - 70/3 u^2 + 21 u^4)],
 * w = 1 - 14 u^2 + 21 u^4, u = z / r. */
static void accel_explicit(const bmd_earth *e, const double r[3], double g[3])
{
    double x = r[0], y = r[1], z = r[2];
    double r2 = x * x + y * y + z * z, rn = sqrt(r2), mu = e->gm_m3ps2, R = e->a_m;
    double u2 = z * z / r2;
    double r3 = rn * r2, r7 = r3 * r3 * rn;
    double k2 = 1.5 * e->j2 * (R / rn) * (R / rn);
    g[0] = -mu * x / r3 * (1.0 - k2 * (5.0 * u2 - 1.0));
    g[1] = -mu * y / r3 * (1.0 - k2 * (5.0 * u2 - 1.0));
    g[2] = -mu * z / r3 * (1.0 - k2 * (5.0 * u2 - 3.0));
    double k3 = -2.5 * e->j3 * mu * R * R * R / r7;
    g[0] += k3 * x * (3.0 * z - 7.0 * z * z * z / r2);
    g[1] += k3 * y * (3.0 * z - 7.0 * z * z * z / r2);
    g[2] += k3 * (6.0 * z * z - 7.0 * z * z * z * z / r2 - 0.6 * r2);
    double k4 = 15.0 / 8.0 * e->j4 * mu * R * R * R * R / r7;
    double w = 1.0 - 14.0 * u2 + 21.0 * u2 * u2;
    g[0] += k4 * x * w;
    g[1] += k4 * y * w;
    g[2] += k4 * z * (5.0 - 70.0 / 3.0 * u2 + 21.0 * u2 * u2);
}

static void test_explicit_forms(void **state)
{
    (void)state;
    bmd_earth e;
    earth_with(&e, BMD_WGS84_J2, BMD_EGM96_J3, BMD_EGM96_J4);
    /* Recursion in the library vs the explicit forms: 1e-14 of |g|. */
    const double pts[][3] = {{6.4e6, 0.0, 1e5}, {-2e6, 3e6, 5.5e6}, {1e6, 1e6, -6.2e6},
                             {4e6, -4e6, 3e6},  {0.0, 0.0, 6.4e6},  {7e6, 2e6, -1e6}};
    for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++) {
        double g[3], w[3];
        CHECK_OK(bmd_gravity_accel(&e, pts[i], g));
        accel_explicit(&e, pts[i], w);
        double gn = sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
        for (int k = 0; k < 3; k++)
            CHECK_ABS(g[k], w[k], 1e-14 * gn);
        double v, vw = -e.gm_m3ps2 /
                       sqrt(pts[i][0] * pts[i][0] + pts[i][1] * pts[i][1] + pts[i][2] * pts[i][2]);
        for (int n = 2; n <= 4; n++)
            vw += vn_explicit(&e, n, pts[i]);
        CHECK_OK(bmd_gravity_potential(&e, pts[i], &v));
        CHECK_REL(v, vw, 1e-15);
    }
}

/* a = -grad V, each zonal term alone: the acceleration of a model with only
 * Jn minus the point-mass one, against 4th-order central differences of the
 * explicit V_n (step 100 m: truncation h^4 V^(5)/30 ~ 1e-21 m/s^2, rounding
 * ~eps |V_n| / h ~ 1e-16 m/s^2, subtraction of two accelerations ~eps g =
 * 2e-15 m/s^2). Tolerance 1e-9 relative to |a_n| (J3: |a_3| ~ 3e-5 m/s^2, so
 * 3e-14 m/s^2). */
static void test_gradient_of_potential(void **state)
{
    (void)state;
    const double jv[3] = {BMD_WGS84_J2, BMD_EGM96_J3, BMD_EGM96_J4};
    const double pts[][3] = {
        {6.4e6, 0.0, 1e6}, {-2e6, 3e6, 5.5e6}, {1e6, 1e6, -6.2e6}, {4e6, -4e6, 3e6}};
    const double h = 100.0;
    bmd_earth pm;
    earth_with(&pm, 0.0, 0.0, 0.0);
    for (int n = 2; n <= 4; n++) {
        bmd_earth e;
        earth_with(&e, n == 2 ? jv[0] : 0.0, n == 3 ? jv[1] : 0.0, n == 4 ? jv[2] : 0.0);
        for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++) {
            double g[3], g0[3], an[3], num[3];
            CHECK_OK(bmd_gravity_accel(&e, pts[i], g));
            CHECK_OK(bmd_gravity_accel(&pm, pts[i], g0));
            for (int k = 0; k < 3; k++) {
                double q[4][3];
                const double off[4] = {-2.0 * h, -h, h, 2.0 * h};
                double v[4];
                for (int j = 0; j < 4; j++) {
                    for (int m = 0; m < 3; m++)
                        q[j][m] = pts[i][m];
                    q[j][k] += off[j];
                    v[j] = vn_explicit(&e, n, q[j]);
                }
                /* f'(x) = [f(x-2h) - 8 f(x-h) + 8 f(x+h) - f(x+2h)] / (12 h) */
                num[k] = -(v[0] - 8.0 * v[1] + 8.0 * v[2] - v[3]) / (12.0 * h);
                an[k] = g[k] - g0[k];
            }
            double nn = sqrt(num[0] * num[0] + num[1] * num[1] + num[2] * num[2]);
            assert_true(nn > 0.0);
            for (int k = 0; k < 3; k++)
                CHECK_ABS(an[k], num[k], 1e-9 * nn);
        }
    }
    /* The full model against the full potential: 4th-order differences of
     * bmd_gravity_potential itself, h = 100 m; rounding eps |V| / h = 1.4e-10
     * m/s^2 dominates, so 1e-10 relative to |g| (~8 m/s^2). */
    bmd_earth e;
    earth_with(&e, jv[0], jv[1], jv[2]);
    for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++) {
        double g[3];
        CHECK_OK(bmd_gravity_accel(&e, pts[i], g));
        double gn = sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
        for (int k = 0; k < 3; k++) {
            double v[4];
            const double off[4] = {-2.0 * h, -h, h, 2.0 * h};
            for (int j = 0; j < 4; j++) {
                double q[3] = {pts[i][0], pts[i][1], pts[i][2]};
                q[k] += off[j];
                CHECK_OK(bmd_gravity_potential(&e, q, &v[j]));
            }
            double d = -(v[0] - 8.0 * v[1] + 8.0 * v[2] - v[3]) / (12.0 * h);
            CHECK_ABS(g[k], d, 1e-10 * gn);
        }
    }
}

static void test_j3_asymmetry(void **state)
{
    (void)state;
    bmd_earth e;
    /* EGM96 J3 = -2.5327e-6 < 0: the "pear-shaped" Earth (O'Keefe, Eckels &
     * Squires, Science 129, 565, 1959). At the poles, r_hat = +-z_hat and
     * P'_3(+-1) = 6, P'_4(+-1) = +-10, so the J3 term is
     * 4 mu J3 R^3 / r^5 z_hat at both poles: it adds to the pull at the north
     * pole and subtracts at the south pole when J3 < 0. The even terms
     * cancel in g_z(north) + g_z(south) = 8 mu J3 R^3 / r^5 (1e-9 relative;
     * the sum cancels 9.8 m/s^2 to 1e-4, costing 1e-12). */
    earth_with(&e, BMD_WGS84_J2, BMD_EGM96_J3, BMD_EGM96_J4);
    const double r = 7e6, n[3] = {0.0, 0.0, r}, s[3] = {0.0, 0.0, -r};
    double gn[3], gs[3];
    CHECK_OK(bmd_gravity_accel(&e, n, gn));
    CHECK_OK(bmd_gravity_accel(&e, s, gs));
    double want = 8.0 * e.gm_m3ps2 * e.j3 * pow(e.a_m, 3) / pow(r, 5);
    CHECK_REL(gn[2] + gs[2], want, 1e-9);
    assert_true(-gn[2] > gs[2]); /* stronger pull in the north */
    /* Off the poles: mirror points (x, y, +-z) differ only through J3; with
     * J3 = 0 the field is mirror-symmetric exactly. */
    const double m1[3] = {2e6, 1e6, 6e6}, m2[3] = {2e6, 1e6, -6e6};
    double g1[3], g2[3];
    earth_with(&e, BMD_WGS84_J2, 0.0, BMD_EGM96_J4);
    CHECK_OK(bmd_gravity_accel(&e, m1, g1));
    CHECK_OK(bmd_gravity_accel(&e, m2, g2));
    CHECK_ABS(g1[0] - g2[0], 0.0, 0.0);
    CHECK_ABS(g1[2] + g2[2], 0.0, 0.0);
    /* With J3: the radial part of the J3 term is 4 P_3(u) mu J3 R^3 / r^5
     * (r-derivative of V_3), so for J3 < 0 the pull is stronger at the
     * northern point wherever P_3(u) > 0, i.e. |u| > sqrt(3/5) (geocentric
     * latitude above 50.8 deg); here u = 0.94. Difference of the radial
     * components = 8 P_3(u) mu J3 R^3 / r^5 (the even terms cancel); 1e-8
     * relative (the difference cancels 9.8 m/s^2 to 1e-5). */
    earth_with(&e, BMD_WGS84_J2, BMD_EGM96_J3, BMD_EGM96_J4);
    CHECK_OK(bmd_gravity_accel(&e, m1, g1));
    CHECK_OK(bmd_gravity_accel(&e, m2, g2));
    double rr = sqrt(m1[0] * m1[0] + m1[1] * m1[1] + m1[2] * m1[2]), u = m1[2] / rr;
    double rad1 = (g1[0] * m1[0] + g1[1] * m1[1] + g1[2] * m1[2]) / rr;
    double rad2 = (g2[0] * m2[0] + g2[1] * m2[1] + g2[2] * m2[2]) / rr;
    double p3 = 0.5 * (5.0 * u * u * u - 3.0 * u);
    CHECK_REL(rad1 - rad2, 8.0 * p3 * e.gm_m3ps2 * e.j3 * pow(e.a_m, 3) / pow(rr, 5), 1e-8);
    assert_true(-rad1 > -rad2); /* stronger pull in the north */
}

static void test_errors(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    double g[3] = {1.0, 2.0, 3.0}, v = 1.0;
    const double zero[3] = {0.0, 0.0, 0.0}, nan3[3] = {NAN, 0.0, 0.0};
    const double inf3[3] = {INFINITY, 0.0, 0.0};
    /* r = 0: BMD_EDOM and the outputs set to 0. */
    CHECK_STATUS(bmd_gravity_accel(&e, zero, g), BMD_EDOM);
    CHECK_ABS(g[0], 0.0, 0.0);
    CHECK_ABS(g[1], 0.0, 0.0);
    CHECK_ABS(g[2], 0.0, 0.0);
    CHECK_STATUS(bmd_gravity_potential(&e, zero, &v), BMD_EDOM);
    CHECK_ABS(v, 0.0, 0.0);
    /* Non-finite positions: BMD_EDOM too. */
    CHECK_STATUS(bmd_gravity_accel(&e, nan3, g), BMD_EDOM);
    CHECK_STATUS(bmd_gravity_accel(&e, inf3, g), BMD_EDOM);
    CHECK_STATUS(bmd_gravity_potential(&e, nan3, &v), BMD_EDOM);
    /* A tiny but non-zero radius is in the domain (finite result). */
    const double tiny[3] = {1e-3, 0.0, 0.0};
    CHECK_OK(bmd_gravity_accel(&e, tiny, g));
    assert_true(isfinite(g[0]));
}

/*
 * bmd_gravity_gradient. References: (1) central differences of
 * bmd_gravity_accel with 10 m steps (truncation (10 m)^2 |d3g| / 6 < 1e-16
 * s^-2, rounding ~1e-16 s^-2), tolerance 1e-9 of the largest entry
 * (~1.5e-6 s^-2 at the surface); (2) the point-mass closed form
 * G = mu/r^3 (3 r_hat r_hat^T - I) (the Hessian of -mu/r) at J2 = 0,
 * 1e-12 relative; (3) Laplace's equation: the potential is harmonic outside
 * the masses, so trace G = 0, and G is symmetric, both to 1e-9 of the
 * largest entry for the closed form and 1e-8 for the J2+J3+J4 path
 * (differences, rounding ~1e-16 s^-2).
 */
static void test_gradient(void **state)
{
    (void)state;
    static const double pts[][3] = {{6378137.0, 0.0, 0.0},  {0.0, 0.0, 6356752.3},
                                    {3.1e6, -4.2e6, 3.9e6}, {-2.0e6, 5.5e6, -3.4e6},
                                    {5.0e6, 3.0e6, 2.0e6},  {-9.0e6, -4.0e6, 7.5e6},
                                    {1.0e7, 1.0e7, -1.0e7}};
    bmd_earth e2, e0, e4;
    earth_with(&e2, BMD_WGS84_J2, 0.0, 0.0);
    earth_with(&e0, 0.0, 0.0, 0.0);
    earth_with(&e4, BMD_WGS84_J2, -2.53e-6, -1.62e-6);
    for (size_t k = 0; k < sizeof pts / sizeof pts[0]; k++) {
        const double *r = pts[k];
        double g[3], G[3][3], gref[3], gmax = 0.0;
        CHECK_OK(bmd_gravity_gradient(&e2, r, g, G));
        CHECK_OK(bmd_gravity_accel(&e2, r, gref));
        for (int i = 0; i < 3; i++) {
            assert_true(g[i] == gref[i]);
            for (int j = 0; j < 3; j++)
                gmax = fmax(gmax, fabs(G[i][j]));
        }
        for (int j = 0; j < 3; j++) {
            double rp[3] = {r[0], r[1], r[2]}, rm[3] = {r[0], r[1], r[2]}, gp[3], gm[3];
            rp[j] += 10.0;
            rm[j] -= 10.0;
            CHECK_OK(bmd_gravity_accel(&e2, rp, gp));
            CHECK_OK(bmd_gravity_accel(&e2, rm, gm));
            for (int i = 0; i < 3; i++)
                CHECK_ABS(G[i][j], (gp[i] - gm[i]) / 20.0, 1e-9 * gmax);
        }
        CHECK_ABS(G[0][0] + G[1][1] + G[2][2], 0.0, 1e-9 * gmax);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < i; j++)
                CHECK_ABS(G[i][j], G[j][i], 1e-9 * gmax);
        /* point mass */
        CHECK_OK(bmd_gravity_gradient(&e0, r, g, G));
        double rn = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
        double c = e0.gm_m3ps2 / (rn * rn * rn);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                CHECK_ABS(G[i][j], c * (3.0 * r[i] * r[j] / (rn * rn) - (i == j)), 1e-12 * c);
        /* J3, J4: differences; still harmonic and symmetric */
        CHECK_OK(bmd_gravity_gradient(&e4, r, g, G));
        CHECK_ABS(G[0][0] + G[1][1] + G[2][2], 0.0, 1e-8 * gmax);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < i; j++)
                CHECK_ABS(G[i][j], G[j][i], 1e-8 * gmax);
    }
    double g[3], G[3][3];
    const double zero[3] = {0.0, 0.0, 0.0};
    assert_int_equal(bmd_gravity_gradient(&e2, zero, g, G), BMD_EDOM);
    assert_true(G[1][2] == 0.0 && g[0] == 0.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_point_mass),     cmocka_unit_test(test_j2_equator_pole),
        cmocka_unit_test(test_explicit_forms), cmocka_unit_test(test_gradient_of_potential),
        cmocka_unit_test(test_j3_asymmetry),   cmocka_unit_test(test_errors),
        cmocka_unit_test(test_gradient),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
