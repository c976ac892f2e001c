/*
 * test_engage_interceptor.c: proportional navigation against analytic
 * results, the interceptor checks, and the hit-to-kill outcome.
 *
 * PN references: Zarchan, Tactical and Strategic Missile Guidance (6th ed.,
 * 2012), ch. 2: the command n_c = N' Vc d(lambda)/dt; against a
 * non-manoeuvring target on a collision course the zero-effort miss is 0;
 * for an initial lateral relative velocity v0 (heading error) and flight time
 * tF the zero-lag linear solution is n_c(t) = N' v0 / tF (1 - t/tF)^(N'-2),
 * so the total divert is dV = v0 N' / (N' - 1), and, the zero-effort miss
 * obeying dZEM/dt = -N' ZEM / t_go (ZEM ~ t_go^N'), a budget B < dV runs
 * out at (t_go/tF)^(N'-1) = 1 - B (N'-1) / (N' v0), leaving the miss
 * v0 tF (1 - B (N'-1) / (N' v0))^(N'/(N'-1)) (derived here from Zarchan's
 * solution; no acceleration limit binds in these tests).
 */
#include <string.h>

#include "check.h"
#include "world.h"

#include "bmd/const.h"
#include "bmd/interceptor.h"
#include "bmd/vec3.h"

/* A gravity-free, non-rotating, airless world: the KV flies straight lines
 * except for its commands, so the linear PN theory applies. */
typedef tst_world world;

static void world_init(world *w)
{
    assert_int_equal(tst_world_init(w), BMD_OK);
}

/* A KV with the guidance of the tests: N' = 4, 100 Hz throughout. */
static void test_kv(bmd_interceptor *ic, double budget_mps)
{
    memset(ic, 0, sizeof *ic);
    strcpy(ic->name, "test-kv");
    ic->kv_separates = 1;
    ic->kv_mass_kg = 50.0;
    ic->kv_beta_kgpm2 = 5000.0;
    ic->kv_divert_mps = budget_mps;
    ic->kv_accel_max_mps2 = 500.0; /* well above N' v0 / tF = 40 m/s^2 */
    ic->nav_gain = 4.0;
    ic->seeker_range_m = 1e9;
    ic->midcourse_dt_s = 0.01;
    ic->terminal_dt_s = 0.01;
    ic->lethal_radius_m = 0.5;
    ic->pk = 0.8;
}

/* Straight-line target: r = r0 + v t. */
typedef struct line {
    double r0[3], v[3];
} line;

static int line_target(void *ctx, double t, double r[3], double v[3])
{
    const line *l = ctx;
    bmd_v3_axpy(r, l->r0, t, l->v);
    bmd_v3_copy(v, l->v);
    return 0;
}

/* Head-on geometry 500 km above the sphere: KV at 3 km/s along +y, target
 * 60 km ahead at 3 km/s along -y: Vc = 6 km/s, tF = 10 s. v0 = the KV's
 * lateral velocity (m/s, along +z): the heading error. */
#define TF_S 10.0
static void head_on(double v0, double r_kv[3], double v_kv[3], line *tg)
{
    double base = BMD_SPHERE_R_M + 500e3;
    bmd_v3_set(r_kv, base, 0.0, 0.0);
    bmd_v3_set(v_kv, 0.0, 3000.0, v0);
    bmd_v3_set(tg->r0, base, 6000.0 * TF_S, 0.0);
    bmd_v3_set(tg->v, 0.0, -3000.0, 0.0);
}

/* A head-on shot in the gravity-free world: a KV with divert budget
 * budget_mps against the line target with heading error v0 (head_on). */
typedef struct shot {
    world w;
    bmd_interceptor ic;
    double r[3], v[3];
    line tg;
    bmd_ic_result res;
} shot;

static void shot_init(shot *s, double budget_mps, double v0)
{
    world_init(&s->w);
    test_kv(&s->ic, budget_mps);
    head_on(v0, s->r, s->v, &s->tg);
}

/* Home on the line target with the whole divert budget. */
static void shot_home(shot *s)
{
    CHECK_OK(bmd_interceptor_home(&s->w.cfg, &s->ic, 0.0, s->r, s->v, s->ic.kv_divert_mps,
                                  line_target, &s->tg, &s->res, NULL));
}

static void test_pn_command_formula(void **state)
{
    (void)state;
    /* LOS along x at 10 km; relative velocity -5000 x + 50 y: Vc = 5000 m/s,
     * lambda' = 50 / 10000 = 5e-3 rad/s; |a| = N' Vc lambda' = 3 * 5000 * 5e-3
     * = 75 m/s^2 along +y (Zarchan ch. 2). */
    double r[3] = {10e3, 0.0, 0.0}, v[3] = {-5000.0, 50.0, 0.0}, a[3], vc, lr;
    bmd_interceptor_pn_accel(r, v, 3.0, a, &vc, &lr);
    CHECK_REL(vc, 5000.0, 1e-12);
    CHECK_REL(lr, 5e-3, 1e-12);
    CHECK_REL(a[1], 75.0, 1e-12);
    CHECK_ABS(a[0], 0.0, 1e-12); /* perpendicular to the line of sight */
    CHECK_ABS(a[2], 0.0, 1e-12);
    /* a sampled oblique instant: |a| = N' Vc |r x v| / r^2, and a . r = 0 */
    double r2[3] = {7e3, -2e3, 4e3}, v2[3] = {-3000.0, 400.0, -900.0}, c[3];
    bmd_interceptor_pn_accel(r2, v2, 4.0, a, &vc, &lr);
    bmd_v3_cross(c, r2, v2);
    double rn = bmd_v3_norm(r2);
    CHECK_REL(lr, bmd_v3_norm(c) / (rn * rn), 1e-12);
    CHECK_REL(bmd_v3_norm(a), 4.0 * vc * lr, 1e-12);
    CHECK_ABS(bmd_v3_dot(a, r2) / (rn * bmd_v3_norm(a)), 0.0, 1e-12);
    /* opening geometry: no command */
    double v3[3] = {100.0, 0.0, 50.0};
    bmd_interceptor_pn_accel(r, v3, 4.0, a, &vc, NULL);
    CHECK_ABS(bmd_v3_norm(a), 0.0, 0.0);
}

static void test_pn_collision_course(void **state)
{
    (void)state;
    shot s;
    shot_init(&s, 500.0, 0.0);
    shot_home(&s);
    /* Zarchan ch. 2: on a collision course ZEM = 0 and PN commands nothing;
     * tolerance 1 mm on the miss (integration and root location), 1e-9
     * m/s on the divert, 1e-6 s on the intercept time tF = 10 s. */
    assert_int_equal(s.res.outcome, BMD_IC_HIT);
    CHECK_ABS(s.res.miss_m, 0.0, 1e-3);
    CHECK_ABS(s.res.divert_used_mps, 0.0, 1e-9);
    CHECK_ABS(s.res.t_ca_s, TF_S, 1e-6);
    CHECK_REL(s.res.closing_mps, 6000.0, 1e-9);
}

static void test_pn_heading_error(void **state)
{
    (void)state;
    double v0 = 100.0;
    shot s;
    shot_init(&s, 500.0, v0);
    shot_home(&s);
    /* Zero-lag PN removes a heading error with zero miss (Zarchan ch. 2);
     * tolerance 0.1 m (100 Hz guidance updates, zero-order hold). */
    assert_int_equal(s.res.outcome, BMD_IC_HIT);
    CHECK_ABS(s.res.miss_m, 0.0, 0.1);
    /* divert dV = v0 N'/(N'-1) = 133.3 m/s, and the initial command
     * N' v0 / tF = 40 m/s^2; 3 % for the linearisation (the line of sight
     * turns by up to v0/Vc) and the discrete updates */
    CHECK_REL(s.res.divert_used_mps, v0 * 4.0 / 3.0, 0.03);
    CHECK_REL(s.res.max_accel_mps2, 4.0 * v0 / TF_S, 0.03);
}

static void test_pn_divert_limited(void **state)
{
    (void)state;
    double v0 = 100.0, budget = 80.0, np = 4.0;
    shot s;
    shot_init(&s, budget, v0);
    shot_home(&s);
    /* divert-limited miss (see the file comment): v0 tF (1 - B (N'-1) /
     * (N' v0))^(N'/(N'-1)) = 1000 m * 0.4^(4/3) = 294.7 m; 5 % */
    double want = v0 * TF_S * pow(1.0 - budget * (np - 1.0) / (np * v0), np / (np - 1.0));
    assert_int_equal(s.res.outcome, BMD_IC_MISS);
    CHECK_REL(s.res.miss_m, want, 0.05);
    CHECK_REL(s.res.divert_used_mps, budget, 1e-9); /* the whole budget is spent */
}

static void test_pn_accel_limited(void **state)
{
    (void)state;
    shot s;
    shot_init(&s, 500.0, 100.0);
    s.ic.kv_accel_max_mps2 = 10.0; /* below the 40 m/s^2 the heading error asks */
    shot_home(&s);
    /* the command never exceeds the limit (exact), and a limited KV misses:
     * with 10 m/s^2 for 10 s it can remove at most 100 m/s x 10 s - 1/2 a
     * tF^2 = 500 m of the 1000 m zero-effort miss, so the miss is >= 500 m
     * (bang-bang bound, Zarchan ch. 2); 1 % */
    CHECK_ABS(s.res.max_accel_mps2, 10.0, 1e-9);
    assert_true(s.res.miss_m >= 500.0 * 0.99);
}

static void test_home_errors(void **state)
{
    (void)state;
    shot s;
    shot_init(&s, 100.0, 0.0);
    CHECK_STATUS(
        bmd_interceptor_home(&s.w.cfg, &s.ic, 0.0, s.r, s.v, 1.0, NULL, &s.tg, &s.res, NULL),
        BMD_EINVAL);
    s.ic.terminal_dt_s = 0.0;
    CHECK_STATUS(
        bmd_interceptor_home(&s.w.cfg, &s.ic, 0.0, s.r, s.v, 1.0, line_target, &s.tg, &s.res, NULL),
        BMD_EINVAL);
}

/* A target that stops answering (e.g. it impacted): the fly-out says so. */
static int dead_target(void *ctx, double t, double r[3], double v[3])
{
    (void)ctx;
    (void)t;
    (void)r;
    (void)v;
    return 1;
}

static void test_home_lost_target(void **state)
{
    (void)state;
    shot s;
    shot_init(&s, 100.0, 0.0);
    CHECK_OK(
        bmd_interceptor_home(&s.w.cfg, &s.ic, 0.0, s.r, s.v, 1.0, dead_target, NULL, &s.res, NULL));
    assert_int_equal(s.res.outcome, BMD_IC_LOST);
    assert_int_equal(s.res.kill, 0);
}

static void test_ephem_hermite(void **state)
{
    (void)state;
    /* uniform acceleration r = 1/2 a t^2 is cubic: Hermite interpolation is
     * exact (to rounding, 1e-9 m and 1e-9 m/s) */
    double t[3] = {0.0, 1.0, 3.0}, r[3][3], v[3][3], a = 9.8;
    for (int i = 0; i < 3; i++) {
        bmd_v3_set(r[i], 0.5 * a * t[i] * t[i], 100.0 * t[i], 0.0);
        bmd_v3_set(v[i], a * t[i], 100.0, 0.0);
    }
    bmd_ephem e = {3, t, (const double(*)[3])r, (const double(*)[3])v};
    double rq[3], vq[3];
    assert_int_equal(bmd_ephem_target(&e, 2.2, rq, vq), 0);
    CHECK_ABS(rq[0], 0.5 * a * 2.2 * 2.2, 1e-9);
    CHECK_ABS(vq[0], a * 2.2, 1e-9);
    CHECK_ABS(rq[1], 220.0, 1e-9);
    assert_int_equal(bmd_ephem_target(&e, 3.5, rq, vq), 1); /* outside */
}

static void test_min_speed(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_sphere(&e);
    /* climbing 150 km: v^2 = 2 mu h / (R (R + h)) -> 1696.558 m/s (energy;
     * R = 6371 km, mu = 398600.4418 km^3/s^2); 0.01 m/s */
    CHECK_ABS(bmd_interceptor_min_speed(&e, 150e3, 0.0), 1696.558, 0.01);
    /* minimum-energy speed for 1000 km: 3.0161 km/s (REFERENCES.md, Bate,
     * Mueller & White 1971); 1e-4 relative */
    CHECK_REL(bmd_interceptor_min_speed(&e, 0.0, 1000e3), 3016.1, 1e-4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pn_command_formula), cmocka_unit_test(test_pn_collision_course),
        cmocka_unit_test(test_pn_heading_error),   cmocka_unit_test(test_pn_divert_limited),
        cmocka_unit_test(test_pn_accel_limited),   cmocka_unit_test(test_home_errors),
        cmocka_unit_test(test_home_lost_target),   cmocka_unit_test(test_ephem_hermite),
        cmocka_unit_test(test_min_speed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
