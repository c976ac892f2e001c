/* test_analysis_footprint.c: defended footprint: hand calculations with a
 * vacuum threat and a straight-line interceptor, monotonicity in interceptor
 * speed, shoot-look-shoot inside single shot, independence of the split,
 * polygons (closed rings, RFC 7946 winding), grid errors. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#include "bmd/const.h"
#include "bmd/footprint.h"
#include "bmd/geo.h"

/* A spherical non-rotating Earth, vacuum: the Keplerian setting of the hand
 * calculations. */
static void sphere(bmd_earth *e)
{
    bmd_earth_sphere(e);
    e->omega_radps = 0.0;
    e->j2 = 0.0;
}

/* Apogee height of the minimum-energy free flight over central angle psi
 * from the ground (r = R at both ends): a = R (1 + sin(psi/2)) / 2 and
 * 2 a e = R cos(psi/2) (the vacant focus is the chord's midpoint), so
 * h_apo = a (1 + e) - R = R (sin(psi/2) + cos(psi/2) - 1) / 2 (Bate,
 * Mueller & White 1971, sec. 6.2, worked by hand). */
static double min_energy_apogee(double R, double psi)
{
    return 0.5 * R * (sin(0.5 * psi) + cos(0.5 * psi) - 1.0);
}

typedef struct setup {
    bmd_earth e;
    bmd_ic_table tab;
    bmd_fp_grid g;
    bmd_fp_config c;
    double lat0, lon0;
} setup;

static void make(setup *s, double min_alt_m, double speed_mps, double res_m)
{
    sphere(&s->e);
    s->lat0 = 0.0;
    s->lon0 = 0.0;
    assert_int_equal(bmd_fp_straight_table(&s->tab, speed_mps, min_alt_m, 3000e3, 6000e3), BMD_OK);
    assert_int_equal(bmd_fp_grid_init(&s->g, &s->e, -2.0 * BMD_DEG2RAD, 0.5 * BMD_DEG2RAD,
                                      2.0 * BMD_DEG2RAD, 6.0 * BMD_DEG2RAD, res_m, NULL),
                     BMD_OK);
    bmd_fp_config_init(&s->c, &s->e, NULL);
    s->c.threat = BMD_FP_VACUUM;
    s->c.n_points = 1;
    s->c.pt_lat_rad = &s->lat0;
    s->c.pt_lon_rad = &s->lon0;
    s->c.bat_lat_rad = 0.0;
    s->c.bat_lon_rad = 3.0 * BMD_DEG2RAD;
    s->c.table = &s->tab;
    s->c.reaction_s = 0.0;
    s->c.node_spacing_m = 20e3;
}

static bmd_fp_cell *run_all(const setup *s, int method, int threads)
{
    bmd_fp_config c = s->c;
    c.method = method;
    c.threads = threads;
    bmd_footprint *fp = NULL;
    bmd_errbuf err = {{0}};
    if (bmd_footprint_create(&c, &s->g, &fp, &err) != BMD_OK) fail_msg("create: %s", err.msg);
    size_t n = bmd_fp_grid_cells(&s->g);
    bmd_fp_cell *out = malloc(n * sizeof *out);
    assert_non_null(out);
    if (bmd_footprint_run(fp, 0, n, out, NULL, &err) != BMD_OK) fail_msg("run: %s", err.msg);
    bmd_footprint_free(fp);
    return out;
}

/* Hand calculation: no radar (cue at launch), no reaction time, a
 * 1000 km/s straight-line interceptor (fly-out < 4 s) with unlimited range:
 * a cell is defended exactly when its minimum-energy apogee reaches the
 * 100 km floor. Cells within 4 km of the threshold range s* (apogee within
 * 1 km of the floor, dh/ds ~ 1/4) are not asserted: the 1 s scan and the
 * fly-out time decide them. Checked for both methods. */
static void test_hand_apogee_threshold(void **state)
{
    (void)state;
    setup s;
    make(&s, 100e3, 1e6, 20e3);
    double R = s.e.a_m, lo = 0.0, hi = 1.0;
    for (int i = 0; i < 100; i++) { /* bisection for psi*: apogee = 100 km */
        double mid = 0.5 * (lo + hi);
        if (min_energy_apogee(R, mid) < 100e3)
            lo = mid;
        else
            hi = mid;
    }
    double s_star = R * lo; /* about 400 km */
    assert_true(s_star > 300e3 && s_star < 500e3);
    for (int method = 0; method < 2; method++) {
        bmd_fp_cell *out = run_all(&s, method, 0);
        size_t n = bmd_fp_grid_cells(&s.g), in = 0, outside = 0;
        for (size_t k = 0; k < n; k++) {
            double la, lo2, d;
            bmd_fp_grid_centre(&s.g, k, &la, &lo2);
            bmd_geo_inverse(&s.e, 0.0, 0.0, la, lo2, &d, NULL, NULL);
            if (fabs(d - s_star) < 4e3) continue;
            int want = d > s_star;
            if ((out[k].state == BMD_FP_DEFENDED) != want)
                fail_msg("method %d cell %zu at %.1f km: state %d, hand calculation %d", method, k,
                         d / 1e3, out[k].state, want);
            if (want) {
                in++;
                assert_true(out[k].intercept_alt_m >= 100e3 - 1.0);
            } else {
                outside++;
            }
        }
        assert_true(in > 50 && outside > 50);
        free(out);
    }
}

/* A threat whose trajectory never enters the altitude band is never
 * defended: floor 1000 km, above every apogee of the region (at most
 * min_energy_apogee(R, 6.6 deg) ~ 190 km). */
static void test_never_in_band(void **state)
{
    (void)state;
    setup s;
    make(&s, 1000e3, 1e6, 25e3);
    assert_true(min_energy_apogee(s.e.a_m, 7.0 * BMD_DEG2RAD) < 1000e3);
    bmd_fp_cell *out = run_all(&s, BMD_FP_FAST, 0);
    for (size_t k = 0; k < bmd_fp_grid_cells(&s.g); k++) {
        assert_int_not_equal(out[k].state, BMD_FP_DEFENDED);
        assert_true(isnan(out[k].intercept_alt_m));
    }
    free(out);
}

static size_t count(const bmd_fp_cell *c, size_t n)
{
    size_t d = 0;
    for (size_t k = 0; k < n; k++)
        d += c[k].state == BMD_FP_DEFENDED;
    return d;
}

/* Slower interceptors defend a subset: T = d / v grows as v shrinks, so
 * every feasible (t_i, slack >= 0) stays feasible at a higher speed
 * (monotonic by construction of the rule; checked cell by cell). */
static void test_speed_monotonic(void **state)
{
    (void)state;
    const double v[4] = {4000.0, 2500.0, 1500.0, 800.0};
    bmd_fp_cell *prev = NULL;
    size_t nprev = 0, n = 0;
    setup s;
    for (int i = 0; i < 4; i++) {
        make(&s, 40e3, v[i], 25e3);
        s.c.reaction_s = 30.0;
        s.c.bat_lat_rad = 0.5 * BMD_DEG2RAD;
        s.c.table = &s.tab;
        s.tab.max_range_m = 200e3; /* THAAD-class range */
        bmd_fp_cell *out = run_all(&s, BMD_FP_FAST, 0);
        n = bmd_fp_grid_cells(&s.g);
        size_t d = count(out, n);
        if (prev) {
            for (size_t k = 0; k < n; k++)
                if (out[k].state == BMD_FP_DEFENDED && prev[k].state != BMD_FP_DEFENDED)
                    fail_msg("speed %.0f defends cell %zu that %.0f m/s does not", v[i], k,
                             v[i - 1]);
            assert_true(d <= nprev);
        }
        free(prev);
        prev = out;
        if (i == 0) assert_true(d > 20);
        if (i == 3) assert_true(d < nprev || d == 0);
        nprev = d;
    }
    free(prev);
}

/* Shoot-look-shoot needs a second feasible intercept after the first one:
 * its footprint lies inside the single-shot footprint, and is smaller. */
static void test_sls_inside_single(void **state)
{
    (void)state;
    setup s;
    make(&s, 40e3, 2500.0, 25e3);
    s.tab.max_range_m = 200e3;
    s.c.reaction_s = 10.0;
    s.c.bat_lat_rad = 0.3 * BMD_DEG2RAD;
    bmd_fp_cell *one = run_all(&s, BMD_FP_FAST, 0);
    s.c.doctrine = BMD_FP_SHOOT_LOOK_SHOOT;
    s.c.kill_assess_s = 20.0;
    bmd_fp_cell *two = run_all(&s, BMD_FP_FAST, 0);
    size_t n = bmd_fp_grid_cells(&s.g);
    for (size_t k = 0; k < n; k++)
        if (two[k].state == BMD_FP_DEFENDED) assert_int_equal(one[k].state, BMD_FP_DEFENDED);
    assert_true(count(two, n) < count(one, n));
    assert_true(count(two, n) > 0);
    free(one);
    free(two);
}

/* The result does not depend on the thread count or on the cell ranges
 * asked for (byte-identical cells). */
static void test_split_independent(void **state)
{
    (void)state;
    setup s;
    make(&s, 40e3, 2500.0, 25e3);
    s.tab.max_range_m = 200e3;
    s.c.reaction_s = 10.0;
    bmd_fp_cell *a = run_all(&s, BMD_FP_FAST, 1);
    bmd_fp_cell *b = run_all(&s, BMD_FP_FAST, 2);
    size_t n = bmd_fp_grid_cells(&s.g);
    assert_memory_equal(a, b, n * sizeof *a);
    /* three ranges, each with a fresh footprint (as MPI ranks have) */
    bmd_fp_cell *c = malloc(n * sizeof *c);
    assert_non_null(c);
    for (int part = 0; part < 3; part++) {
        size_t b0, b1;
        bmd_fp_split(n, 7, 3, part, &b0, &b1);
        bmd_footprint *fp = NULL;
        assert_int_equal(bmd_footprint_create(&s.c, &s.g, &fp, NULL), BMD_OK);
        assert_int_equal(bmd_footprint_run(fp, b0, b1, c + b0, NULL, NULL), BMD_OK);
        bmd_footprint_free(fp);
    }
    assert_memory_equal(a, c, n * sizeof *a);
    free(a);
    free(b);
    free(c);
}

/* A stop flag already raised: BMD_EINTR. */
static void test_stop(void **state)
{
    (void)state;
    setup s;
    make(&s, 40e3, 2500.0, 50e3);
    bmd_footprint *fp = NULL;
    assert_int_equal(bmd_footprint_create(&s.c, &s.g, &fp, NULL), BMD_OK);
    size_t n = bmd_fp_grid_cells(&s.g);
    bmd_fp_cell *c = malloc(n * sizeof *c);
    volatile sig_atomic_t stop = 1;
    assert_int_equal(bmd_footprint_run(fp, 0, n, c, &stop, NULL), BMD_EINTR);
    free(c);
    bmd_footprint_free(fp);
}

static double ring_area(const double *la, const double *lo, const bmd_coverage_ring *r)
{
    double a = 0.0;
    for (size_t i = r->first; i + 1 < r->first + r->n; i++)
        a += lo[i] * la[i + 1] - lo[i + 1] * la[i];
    return 0.5 * a;
}

/* Polygons of a mask: a 5 x 5 block with a 1-cell hole and a separate cell
 * touching the block only at a corner. Rings closed, exteriors
 * counter-clockwise, holes clockwise (RFC 7946 sec. 3.1.6), the areas in
 * cells equal to the cell counts (24 and 1 exterior, hole 1). */
static void test_polygons(void **state)
{
    (void)state;
    bmd_earth e;
    sphere(&e);
    bmd_fp_grid g;
    assert_int_equal(bmd_fp_grid_init(&g, &e, 0.0, 0.0, 0.01, 0.01, 0.01 * e.a_m / 8.0, NULL),
                     BMD_OK);
    assert_int_equal(g.n_rows, 8);
    assert_int_equal(g.n_cols, 8);
    unsigned char m[64] = {0};
    for (int r = 1; r <= 5; r++)
        for (int c = 1; c <= 5; c++)
            m[r * 8 + c] = 1;
    m[3 * 8 + 3] = 0; /* hole */
    m[6 * 8 + 6] = 1; /* corner contact with (5, 5) */
    double *la, *lo;
    size_t np, nr;
    bmd_coverage_ring *rings;
    assert_int_equal(bmd_fp_polygons(&g, m, &la, &lo, &np, &rings, &nr, NULL), BMD_OK);
    assert_int_equal(nr, 3);
    double cell = g.dlat_rad * g.dlon_rad;
    int n_ext = 0, n_hole = 0;
    for (size_t i = 0; i < nr; i++) {
        const bmd_coverage_ring *r = &rings[i];
        assert_true(r->n >= 5);
        CHECK_ABS(la[r->first], la[r->first + r->n - 1], 0.0); /* closed */
        CHECK_ABS(lo[r->first], lo[r->first + r->n - 1], 0.0);
        double a = ring_area(la, lo, r) / cell;
        if (r->hole) {
            n_hole++;
            CHECK_ABS(a, -1.0, 1e-9); /* clockwise, one cell */
            assert_true(i > 0 && !rings[i - 1].hole);
        } else {
            n_ext++;
            assert_true(a > 0.0); /* counter-clockwise */
            assert_true(fabs(a - 25.0) < 1e-9 || fabs(a - 1.0) < 1e-9);
        }
    }
    assert_int_equal(n_ext, 2);
    assert_int_equal(n_hole, 1);
    free(la);
    free(lo);
    free(rings);
}

/* Bad grids and the cell area: on a sphere the strip area is R^2 dlon
 * (sin lat1 - sin lat0) (Archimedes). */
static void test_grid(void **state)
{
    (void)state;
    bmd_earth e;
    sphere(&e);
    bmd_fp_grid g;
    assert_int_equal(bmd_fp_grid_init(&g, &e, 0.6, 2.2, 0.5, 2.3, 2e3, NULL), BMD_EINVAL);
    assert_int_equal(bmd_fp_grid_init(&g, &e, 0.5, 2.2, 0.6, 2.3, 0.0, NULL), BMD_EINVAL);
    assert_int_equal(bmd_fp_grid_init(&g, &e, 0.5, 2.3, 0.6, 2.2, 2e3, NULL), BMD_EINVAL);
    assert_int_equal(bmd_fp_grid_init(&g, &e, 0.5, 2.2, 0.6, 2.3, 2e3, NULL), BMD_OK);
    double la = 0.5 + 3 * g.dlat_rad, lb = la + g.dlat_rad;
    CHECK_REL(bmd_fp_grid_row_area(&g, &e, 3), e.a_m * e.a_m * g.dlon_rad * (sin(lb) - sin(la)),
              1e-12);
    size_t b0, b1, tot = 0;
    for (int p = 0; p < 4; p++) {
        bmd_fp_split(1000, 64, 4, p, &b0, &b1);
        assert_true(b0 % 64 == 0);
        tot += b1 - b0;
    }
    assert_int_equal(tot, 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_apogee_threshold),
        cmocka_unit_test(test_never_in_band),
        cmocka_unit_test(test_speed_monotonic),
        cmocka_unit_test(test_sls_inside_single),
        cmocka_unit_test(test_split_independent),
        cmocka_unit_test(test_stop),
        cmocka_unit_test(test_polygons),
        cmocka_unit_test(test_grid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
