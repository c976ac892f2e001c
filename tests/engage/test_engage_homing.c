/*
 * test_engage_homing.c: realistic homing (binomial flight-control lag,
 * seeker angle noise) and the kill models.
 *
 * References: Zarchan, Tactical and Strategic Missile Guidance (6th ed.,
 * 2012), ch. 2, 6 and 8: the linear homing loop (lateral relative position
 * y, y'' = nT - nL; nL the achieved acceleration, the PN command
 * nc = N' Vc lambda', lambda = y / (Vc t_go)) through an n-th order binomial
 * lag 1/(1 + sT/n)^n; the miss from heading error (y'(0) = -Vm HE) and from
 * a step target manoeuvre nT; with zero lag PN gives zero miss, and the
 * normalised misses of the lagged loop fall towards zero as tF/T grows, with
 * an overshoot (a sign change of the miss) for higher-order lags.
 *
 * The linear loop is computed here by a forward simulation written in this
 * file (RK4 with 20 sub-steps per guidance period, the command held between
 * updates exactly as the library holds it), independent of the library's
 * closed-form lag and its 3-D nonlinear flight. The 3-D flight is set in a
 * gravity-free, non-rotating, airless world, head on at Vc = 6 km/s, so the
 * only differences from the linear loop are the geometry's small nonlinear
 * terms (of the order of the angles squared).
 */
#include <math.h>
#include <string.h>

#include "check.h"
#include "world.h"

#include "bmd/const.h"
#include "bmd/interceptor.h"
#include "bmd/vec3.h"

#define VM 3000.0 /* KV speed, m/s */
#define VT 3000.0 /* target speed, m/s */
#define VC (VM + VT)
#define DT_G 0.005 /* guidance period, s */

typedef tst_world world;

static void world_init(world *w)
{
    assert_int_equal(tst_world_init(w), BMD_OK);
}

static void kv(bmd_interceptor *ic, double nav, int order, double tau_s)
{
    memset(ic, 0, sizeof *ic);
    strcpy(ic->name, "test-kv");
    ic->kv_separates = 1;
    ic->kv_mass_kg = 50.0;
    ic->kv_beta_kgpm2 = 5000.0;
    ic->kv_divert_mps = 1e6;     /* no budget limit in the linear tests */
    ic->kv_accel_max_mps2 = 1e6; /* nor acceleration limit */
    ic->nav_gain = nav;
    ic->seeker_range_m = 1e9;
    ic->midcourse_dt_s = DT_G;
    ic->terminal_dt_s = DT_G;
    ic->lethal_radius_m = 0.5;
    ic->pk = 0.8;
    ic->homing = BMD_HOMING_REALISTIC;
    ic->lag_order = order;
    ic->lag_tau_s = tau_s;
}

/* Target: r0 + v t + 1/2 a t^2 (a step manoeuvre from t = 0). */
typedef struct tgt {
    double r0[3], v[3], a[3];
} tgt;

static int tgt_fn(void *ctx, double t, double r[3], double v[3])
{
    const tgt *g = ctx;
    for (int i = 0; i < 3; i++) {
        r[i] = g->r0[i] + g->v[i] * t + 0.5 * g->a[i] * t * t;
        v[i] = g->v[i] + g->a[i] * t;
    }
    return 0;
}

/* The 3-D flight: KV at 500 km over the sphere flying +y, target tF ahead
 * flying -y; heading error he_rad turns the KV's velocity towards +z; the
 * target accelerates nt along +z. Returns the signed miss along z at the
 * closest approach (target minus KV), m. */
static double miss3d(const bmd_interceptor *ic, double tf_s, double he_rad, double nt)
{
    world w;
    world_init(&w);
    double base = BMD_SPHERE_R_M + 500e3;
    double r[3] = {base, 0.0, 0.0}, v[3] = {0.0, VM * cos(he_rad), VM * sin(he_rad)};
    tgt g = {{base, VC * tf_s, 0.0}, {0.0, -VT, 0.0}, {0.0, 0.0, nt}};
    bmd_ic_result res;
    bmd_errbuf err = {{0}};
    CHECK_OK(
        bmd_interceptor_home(&w.cfg, ic, 0.0, r, v, ic->kv_divert_mps, tgt_fn, &g, &res, &err));
    assert_true(res.outcome == BMD_IC_MISS || res.outcome == BMD_IC_HIT);
    double dz = res.r_tgt_ca_ecef_m[2] - res.r_ca_ecef_m[2];
    /* the miss is lateral to within the small along-track part of a large
     * miss (the closest approach is not exactly at tF) */
    CHECK_ABS(fabs(dz), res.miss_m, 1e-3 + 0.02 * res.miss_m);
    return dz;
}

/* The linear loop: state y, y', x_1..x_n; returns y(tF). */
static double miss_linear(double nav, int order, double tau_s, double tf_s, double he_rad,
                          double nt)
{
    double x[2 + 8] = {0.0, -VM * he_rad}; /* y = target - KV: y' = -Vm HE */
    int n = tau_s > 0.0 ? order : 0, nsub = 20, dim = 2 + n;
    double ts = n ? tau_s / n : 0.0;
    double t = 0.0;
    while (t < tf_s - 1e-12) {
        double tgo = tf_s - t;
        double nc = tgo > 1e-9 ? nav * (x[0] + x[1] * tgo) / (tgo * tgo) : 0.0;
        double hold = fmin(DT_G, tf_s - t), h = hold / nsub;
        for (int k = 0; k < nsub; k++) {
            double k1[10], k2[10], k3[10], k4[10], tmp[10];
            double *ks[4] = {k1, k2, k3, k4};
            const double c[4] = {0.0, 0.5, 0.5, 1.0};
            for (int stage = 0; stage < 4; stage++) {
                for (int i = 0; i < dim; i++)
                    tmp[i] = x[i] + (stage ? c[stage] * h * ks[stage - 1][i] : 0.0);
                double *d = ks[stage];
                double nl = n ? tmp[1 + n] : nc;
                d[0] = tmp[1];
                d[1] = nt - nl;
                for (int j = 0; j < n; j++)
                    d[2 + j] = ((j == 0 ? nc : tmp[1 + j]) - tmp[2 + j]) / ts;
            }
            for (int i = 0; i < dim; i++)
                x[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
        }
        t += hold;
    }
    return x[0];
}

/* Zero lag: PN flies a heading error and a manoeuvre... down to the
 * discrete-guidance residue (Zarchan ch. 2: zero miss for continuous PN). */
static void test_zero_lag_zero_noise(void **state)
{
    (void)state;
    bmd_interceptor ic;
    kv(&ic, 4.0, 1, 0.0);
    CHECK_ABS(miss3d(&ic, 10.0, 0.005, 0.0), 0.0, 0.05);
    /* ideal homing is the same flight bit for bit */
    bmd_interceptor id = ic;
    id.homing = BMD_HOMING_IDEAL;
    CHECK_ABS(miss3d(&id, 10.0, 0.005, 0.0) - miss3d(&ic, 10.0, 0.005, 0.0), 0.0, 0.0);
}

/* Heading error and step manoeuvre, N' = 3, 4, 5, lags of order 1 and 3,
 * tF/T = 2, 5, 10: the 3-D miss equals the linear loop's. Tolerance: 3 % of
 * the linear miss plus 2e-4 of the problem's miss scale (Zarchan's
 * normalisation: Vm HE tF = 157 m for the heading error, nT tF^2 / 2 =
 * 1500 m for the manoeuvre), which covers the geometry's nonlinear terms
 * where the miss curve crosses zero; the misses compared are 0.01-700 m. */
static void test_matches_linear_loop(void **state)
{
    (void)state;
    const double navs[] = {3.0, 4.0, 5.0}, ratios[] = {2.0, 5.0, 10.0};
    const int orders[] = {1, 3};
    const double tf = 10.0, he = 0.3 * BMD_DEG2RAD, nt = 30.0;
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 2; b++)
            for (int c = 0; c < 3; c++) {
                double tau = tf / ratios[c];
                bmd_interceptor ic;
                kv(&ic, navs[a], orders[b], tau);
                double lin = miss_linear(navs[a], orders[b], tau, tf, he, 0.0);
                double got = miss3d(&ic, tf, he, 0.0);
                print_message("N'=%g n=%d tF/T=%g HE: linear %.4f 3-D %.4f\n", navs[a], orders[b],
                              ratios[c], lin, got);
                CHECK_ABS(got, lin, 0.03 * fabs(lin) + 2e-4 * VM * he * tf);
                lin = miss_linear(navs[a], orders[b], tau, tf, 0.0, nt);
                got = miss3d(&ic, tf, 0.0, nt);
                print_message("N'=%g n=%d tF/T=%g nT: linear %.4f 3-D %.4f\n", navs[a], orders[b],
                              ratios[c], lin, got);
                CHECK_ABS(got, lin, 0.03 * fabs(lin) + 2e-4 * 0.5 * nt * tf * tf);
            }
}

/* The shape of Zarchan's normalised miss curves, from the 3-D model: the
 * step-manoeuvre miss falls towards zero as tF/T grows (first-order lag,
 * N' = 4: |miss| at tF/T = 20 below a fifth of that at tF/T = 2); a
 * fifth-order lag's heading-error miss changes sign (overshoot) for tF/T
 * between 2 and 8. */
static void test_zarchan_curve_shapes(void **state)
{
    (void)state;
    const double tf = 10.0, T = 1.0;
    bmd_interceptor ic;
    kv(&ic, 4.0, 1, T);
    double m2 = fabs(miss3d(&ic, 2.0 * T, 0.0, 30.0));
    kv(&ic, 4.0, 1, T);
    double m20 = fabs(miss3d(&ic, 20.0 * T, 0.0, 30.0));
    assert_true(m20 < 0.2 * m2);
    int sign_change = 0;
    double prev = 0.0;
    for (double r = 2.0; r <= 8.0 + 1e-9; r += 0.5) {
        kv(&ic, 4.0, 5, tf / r);
        double m = miss3d(&ic, tf, 0.3 * BMD_DEG2RAD, 0.0);
        if (r > 2.0 && m * prev < 0.0) sign_change = 1;
        prev = m;
    }
    assert_true(sign_change);
}

/* The KV's guidance-interval stepper (bmd_interceptor_home, note 3) in
 * this world: with no gravity, rotation or drag the KV's acceleration is the
 * achieved command alone, which the stepper integrates in closed form
 * (incomplete gamma functions of the lag solution), so it is exact; RK8(7)
 * at rtol 1e-12 integrating the same lag solution numerically must agree to
 * its own error: rtol 1e-12 on |r| ~ 6.9e6 m is ~7e-6 m per step, bound
 * 1e-4 m on the closest approach and the miss, 1e-4 m / 6 km/s of closing
 * speed ~ 2e-8 s on its time. Lags of order 1 with T = 2 ms (each 5 ms
 * period is 2.5 T: the complement branch of the gamma functions), 3 with
 * 0.1 s and the largest order with 0.5 s (the series branch). */
static void test_fast_stepper_exact(void **state)
{
    (void)state;
    const int orders[] = {1, 3, BMD_IC_MAX_LAG};
    const double taus[] = {0.002, 0.1, 0.5};
    bmd_traj_integrator acc;
    CHECK_OK(bmd_traj_integrator_init(&acc, bmd_traj_rk8pd, NULL));
    acc.rtol = 1e-12;
    acc.atol_pos_m = 1e-6;
    acc.atol_vel_mps = 1e-9;
    for (int c = 0; c < 3; c++) {
        bmd_interceptor ic;
        kv(&ic, 4.0, orders[c], taus[c]);
        world w;
        world_init(&w);
        double base = BMD_SPHERE_R_M + 500e3, he = 0.3 * BMD_DEG2RAD;
        double r[3] = {base, 0.0, 0.0}, v[3] = {0.0, VM * cos(he), VM * sin(he)};
        tgt g = {{base, VC * 1.0, 0.0}, {0.0, -VT, 0.0}, {0.0, 0.0, 30.0}}; /* tF 1 s */
        bmd_ic_result a, b;
        CHECK_OK(bmd_interceptor_home(&w.cfg, &ic, 0.0, r, v, 1e6, tgt_fn, &g, &a, NULL));
        w.cfg.integ = &acc;
        CHECK_OK(bmd_interceptor_home(&w.cfg, &ic, 0.0, r, v, 1e6, tgt_fn, &g, &b, NULL));
        double dr[3];
        bmd_v3_sub(dr, a.r_ca_ecef_m, b.r_ca_ecef_m);
        print_message("order %d, T %.3f s: miss %.4f / %.4f m, |dr_ca| %.1e m, dt_ca %.1e s\n",
                      orders[c], taus[c], a.miss_m, b.miss_m, bmd_v3_norm(dr), a.t_ca_s - b.t_ca_s);
        if (taus[c] >= 0.1) assert_true(a.miss_m > 0.01); /* a miss to compare */
        CHECK_ABS(a.miss_m, b.miss_m, 1e-4);
        assert_true(bmd_v3_norm(dr) < 1e-4);
        CHECK_ABS(a.t_ca_s, b.t_ca_s, 2e-8);
    }
    bmd_traj_integrator_free(&acc);
}

/* Seeker noise: reproducible from the seed, different across seeds, a
 * miss of the order the noise implies (not zero, not absurd). */
static void test_noise_reproducible(void **state)
{
    (void)state;
    world w;
    world_init(&w);
    bmd_interceptor ic;
    kv(&ic, 4.0, 3, 0.1);
    ic.noise_fixed_rad = 100e-6;
    double base = BMD_SPHERE_R_M + 500e3;
    double r[3] = {base, 0.0, 0.0}, v[3] = {0.0, VM, 0.0};
    tgt g = {{base, VC * 10.0, 0.0}, {0.0, -VT, 0.0}, {0.0, 0.0, 0.0}};
    bmd_ic_result a, b, c;
    CHECK_OK(bmd_interceptor_home_seeded(&w.cfg, &ic, 0.0, r, v, 1e6, 11, tgt_fn, &g, &a, NULL));
    CHECK_OK(bmd_interceptor_home_seeded(&w.cfg, &ic, 0.0, r, v, 1e6, 11, tgt_fn, &g, &b, NULL));
    CHECK_OK(bmd_interceptor_home_seeded(&w.cfg, &ic, 0.0, r, v, 1e6, 12, tgt_fn, &g, &c, NULL));
    CHECK_ABS(a.miss_m - b.miss_m, 0.0, 0.0);
    assert_true(a.miss_m != c.miss_m);
    assert_true(a.miss_m > 1e-4 && a.miss_m < 50.0);
    /* bad parameters */
    ic.lag_order = BMD_IC_MAX_LAG + 1;
    CHECK_STATUS(bmd_interceptor_home_seeded(&w.cfg, &ic, 0.0, r, v, 1e6, 1, tgt_fn, &g, &a, NULL),
                 BMD_EINVAL);
}

/* Kill models: fixed-pk is pk inside the lethal radius and 0 outside; the
 * gaussian model is pk exp(-miss^2 / (2 r_L^2)): pk at 0, pk e^-1/2 at r_L. */
static void test_kill_models(void **state)
{
    (void)state;
    bmd_interceptor ic;
    kv(&ic, 4.0, 1, 0.0);
    ic.kill_model = BMD_KILL_FIXED_PK;
    CHECK_ABS(bmd_interceptor_pkill(&ic, 0.49), 0.8, 0.0);
    CHECK_ABS(bmd_interceptor_pkill(&ic, 0.51), 0.0, 0.0);
    ic.kill_model = BMD_KILL_GAUSSIAN;
    CHECK_ABS(bmd_interceptor_pkill(&ic, 0.0), 0.8, 1e-15);
    CHECK_REL(bmd_interceptor_pkill(&ic, 0.5), 0.8 * exp(-0.5), 1e-14);
    CHECK_ABS(bmd_interceptor_pkill(&ic, INFINITY), 0.0, 0.0);
    assert_string_equal(bmd_kill_model_name(BMD_KILL_GAUSSIAN), "gaussian");
    assert_string_equal(bmd_homing_name(BMD_HOMING_REALISTIC), "realistic");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zero_lag_zero_noise),  cmocka_unit_test(test_matches_linear_loop),
        cmocka_unit_test(test_zarchan_curve_shapes), cmocka_unit_test(test_noise_reproducible),
        cmocka_unit_test(test_kill_models),          cmocka_unit_test(test_fast_stepper_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
