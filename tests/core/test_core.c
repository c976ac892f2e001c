/* test_core.c: status table, angles, interpolation, RNG, sinks. */
#include <stdio.h>
#include <string.h>

#include "check.h"

#include "bmd/const.h"
#include "bmd/core.h"
#include "bmd/solve.h"
#include "bmd/vec3.h"

static void test_strerror(void **state)
{
    (void)state;
    assert_string_equal(bmd_strerror(BMD_OK), "success");
    assert_string_equal(bmd_strerror(BMD_EUNREACH), "target out of reach");
    assert_string_equal(bmd_strerror(12345), "unknown status");
    bmd_errbuf e;
    assert_int_equal(bmd_err_set(&e, BMD_EPARSE, "x:%d", 3), BMD_EPARSE);
    assert_string_equal(e.msg, "x:3");
    assert_int_equal(bmd_err_set(NULL, BMD_EINVAL, "ignored"), BMD_EINVAL);
}

static void test_wrap(void **state)
{
    (void)state;
    /* Exact identities of the wrap definitions; tolerance 1e-15 rad. */
    CHECK_ABS(bmd_wrap_pi(3.0 * BMD_PI / 2.0), -BMD_PI / 2.0, 1e-15);
    CHECK_ABS(bmd_wrap_pi(-BMD_PI), -BMD_PI, 1e-15);
    CHECK_ABS(bmd_wrap_pi(BMD_PI), -BMD_PI, 1e-15);
    CHECK_ABS(bmd_wrap_2pi(-1e-20), 0.0, 1e-15);
    CHECK_ABS(bmd_wrap_2pi(-BMD_PI / 2.0), 1.5 * BMD_PI, 1e-15);
    CHECK_ABS(bmd_wrap_2pi(7.0 * BMD_PI), BMD_PI, 1e-14);
}

static void test_interp(void **state)
{
    (void)state;
    const double x[] = {0.0, 1.0, 3.0}, y[] = {0.0, 10.0, 30.0};
    double v;
    /* Linear data: interpolation is exact to rounding (1e-14). */
    CHECK_OK(bmd_interp1(x, y, 3, 2.5, &v));
    CHECK_ABS(v, 25.0, 1e-14);
    CHECK_OK(bmd_interp1(x, y, 3, 1.0, &v));
    CHECK_ABS(v, 10.0, 1e-14);
    CHECK_STATUS(bmd_interp1(x, y, 3, -1.0, &v), BMD_WRANGE);
    CHECK_ABS(v, 0.0, 0.0);
    CHECK_STATUS(bmd_interp1(x, y, 3, 4.0, &v), BMD_WRANGE);
    CHECK_ABS(v, 30.0, 0.0);
    CHECK_STATUS(bmd_interp1(x, y, 0, 1.0, &v), BMD_EINVAL);
}

static void test_rng_streams(void **state)
{
    (void)state;
    bmd_rng a, b, c;
    bmd_rng_init(&a, 7, 0);
    bmd_rng_init(&b, 7, 0);
    bmd_rng_init(&c, 7, 1);
    int same = 0;
    for (int i = 0; i < 1000; i++) {
        uint64_t x = bmd_rng_u64(&a), y = bmd_rng_u64(&b), z = bmd_rng_u64(&c);
        assert_true(x == y); /* same (seed, stream): same sequence */
        same += (x == z);
    }
    assert_int_equal(same, 0); /* another stream: another sequence */
}

static void test_rng_moments(void **state)
{
    (void)state;
    /* Sample moments of N = 200000 draws: the standard error of the mean is
     * sigma/sqrt(N) (2.2e-3 for the normal, 6.5e-4 for the uniform); the
     * tolerances are 5 standard errors. */
    bmd_rng r;
    bmd_rng_init(&r, 42, 3);
    const int n = 200000;
    double su = 0, sn = 0, sn2 = 0;
    for (int i = 0; i < n; i++) {
        double u = bmd_rng_uniform(&r);
        assert_true(u >= 0.0 && u < 1.0);
        su += u;
        double g = bmd_rng_normal(&r);
        sn += g;
        sn2 += g * g;
    }
    CHECK_ABS(su / n, 0.5, 5 * 6.5e-4);
    CHECK_ABS(sn / n, 0.0, 5 * 2.2e-3);
    /* variance of the sample variance of a normal: 2/N -> sd 3.2e-3 */
    CHECK_ABS(sn2 / n, 1.0, 5 * 3.2e-3);
}

static void test_vec3(void **state)
{
    (void)state;
    double a[3] = {1, 2, 3}, b[3] = {-2, 0.5, 4}, c[3];
    bmd_v3_cross(c, a, b);
    /* a x b is orthogonal to a and b (exact in these small integers) */
    CHECK_ABS(bmd_v3_dot(c, a), 0.0, 1e-14);
    CHECK_ABS(bmd_v3_dot(c, b), 0.0, 1e-14);
    double m[3][3] = {{0, -1, 0}, {1, 0, 0}, {0, 0, 1}}, r[3], back[3];
    bmd_m3_mulv(r, m, a);
    bmd_m3_tmulv(back, m, r);
    for (int i = 0; i < 3; i++)
        CHECK_ABS(back[i], a[i], 1e-15);
}

static void test_membuf_and_atomic(void **state)
{
    (void)state;
    bmd_membuf buf = {0};
    bmd_sink s = {bmd_membuf_write, &buf};
    for (int i = 0; i < 100; i++)
        CHECK_OK(bmd_sink_printf(&s, "%d,", i));
    assert_int_equal(buf.len, 290);
    assert_memory_equal(buf.data, "0,1,2,", 6);
    bmd_membuf_free(&buf);

    char path[] = "test_core_atomic.txt";
    remove(path);
    bmd_atomic_file f;
    CHECK_OK(bmd_atomic_open(&f, path, NULL));
    bmd_sink fs = bmd_atomic_sink(&f);
    CHECK_OK(bmd_sink_printf(&fs, "hello\n"));
    FILE *probe = fopen(path, "r");
    assert_null(probe); /* nothing at the final name before commit */
    CHECK_OK(bmd_atomic_commit(&f, NULL));
    probe = fopen(path, "r");
    assert_non_null(probe);
    char line[16] = {0};
    assert_non_null(fgets(line, sizeof line, probe));
    fclose(probe);
    assert_string_equal(line, "hello\n");
    remove(path);

    /* abort leaves nothing behind */
    CHECK_OK(bmd_atomic_open(&f, path, NULL));
    char tmp[sizeof f.tmp_path];
    strcpy(tmp, f.tmp_path);
    bmd_atomic_abort(&f);
    assert_null(fopen(path, "r"));
    assert_null(fopen(tmp, "r"));

    bmd_errbuf e;
    CHECK_STATUS(bmd_atomic_open(&f, "/nonexistent-dir/x.txt", &e), BMD_EIO);
    assert_non_null(strstr(e.msg, "cannot create"));
}

/* ---- bmd_root_illinois ---------------------------------------------------- */

typedef struct ill_ctx {
    int kind, n;
    double level;
} ill_ctx;

/* cos x - x (root: the Dottie number); a quartic in t (a dense-output
 * component's shape) minus a level; x^9 - 0.5 (flat near its root) */
static int ill_f(void *ctx, double x, double *f)
{
    ill_ctx *c = ctx;
    c->n++;
    if (c->kind == 0)
        *f = cos(x) - x;
    else if (c->kind == 1)
        *f = 1.0e4 + x * (730.0 + x * (-4.9 + x * (0.031 + x * 2.0e-4))) - c->level;
    else
        *f = pow(x, 9.0) - 0.5;
    return 0;
}

/* Reference root by bisection to the spacing of doubles (60 halvings of a
 * bracket of length <= 10). */
static double ill_bisect(ill_ctx *c, double a, double b)
{
    double fa;
    (void)ill_f(c, a, &fa);
    for (int i = 0; i < 60; i++) {
        double m = 0.5 * (a + b), fm;
        (void)ill_f(c, m, &fm);
        if ((fm < 0.0) == (fa < 0.0)) {
            a = m;
            fa = fm;
        } else {
            b = m;
        }
    }
    return 0.5 * (a + b);
}

/*
 * Against bisection: the root within 1e-9 for xtol 1e-9 (the stopping rule
 * is on the last correction; the superlinear convergence leaves the error
 * far below it), for the Dottie number 0.7390851332151607 (cos x = x; a
 * published constant, OEIS A003957) as well, in fewer evaluations than
 * bisection's 30 to that accuracy. Endpoint roots, a bracket without a sign
 * change (BMD_EDOM) and the evaluation limit (BMD_ENOCONV).
 */
static void test_root_illinois(void **state)
{
    (void)state;
    ill_ctx c = {0, 0, 0.0};
    double x, fa, fb;
    (void)ill_f(&c, 0.0, &fa);
    (void)ill_f(&c, 1.0, &fb);
    c.n = 0;
    assert_int_equal(bmd_root_illinois(ill_f, &c, 0.0, 1.0, fa, fb, 1e-9, 100, &x), BMD_OK);
    CHECK_ABS(x, 0.7390851332151607, 1e-9);
    assert_true(c.n < 30);
    /* level crossings of the quartic over [0, 10] (monotone there) */
    for (int k = 0; k < 50; k++) {
        ill_ctx q = {1, 0, 1.0e4 + 10.0 + 130.0 * k}; /* f(0) = -10 - 130 k, f(10) = 6833 - 130 k */
        (void)ill_f(&q, 0.0, &fa);
        (void)ill_f(&q, 10.0, &fb);
        q.n = 0;
        assert_int_equal(bmd_root_illinois(ill_f, &q, 0.0, 10.0, fa, fb, 1e-9, 100, &x), BMD_OK);
        assert_true(q.n < 30);
        CHECK_ABS(x, ill_bisect(&q, 0.0, 10.0), 1e-9);
        /* the bracket given the other way round */
        assert_int_equal(bmd_root_illinois(ill_f, &q, 10.0, 0.0, fb, fa, 1e-9, 100, &x), BMD_OK);
        CHECK_ABS(x, ill_bisect(&q, 0.0, 10.0), 1e-9);
    }
    ill_ctx p = {2, 0, 0.0};
    (void)ill_f(&p, 0.0, &fa);
    (void)ill_f(&p, 2.0, &fb);
    assert_int_equal(bmd_root_illinois(ill_f, &p, 0.0, 2.0, fa, fb, 1e-9, 200, &x), BMD_OK);
    CHECK_ABS(x, pow(0.5, 1.0 / 9.0), 1e-9);
    /* a root at an end: that end, no evaluation */
    p.n = 0;
    assert_int_equal(bmd_root_illinois(ill_f, &p, 0.0, 1.0, 0.0, 1.0, 1e-9, 100, &x), BMD_OK);
    assert_true(x == 0.0 && p.n == 0);
    assert_int_equal(bmd_root_illinois(ill_f, &p, 0.0, 1.0, 1.0, 1.0, 1e-9, 100, &x), BMD_EDOM);
    assert_int_equal(bmd_root_illinois(ill_f, &p, 0.0, 2.0, fa, fb, 1e-15, 2, &x), BMD_ENOCONV);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strerror),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_interp),
        cmocka_unit_test(test_rng_streams),
        cmocka_unit_test(test_rng_moments),
        cmocka_unit_test(test_vec3),
        cmocka_unit_test(test_membuf_and_atomic),
        cmocka_unit_test(test_root_illinois),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
