/* test_analysis_coverage.c: radar coverage raster, rings and area. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "radars.h"

#include "bmd/const.h"
#include "bmd/core.h"
#include "bmd/coverage.h"
#include "bmd/geo.h"
#include "bmd/radar.h"

#define NAZ 720
#define NR 100

/* TPY-2-like radar, all round, no scan loss, at (36 N, 128 E). */
static void radar_all_round(bmd_radar *r)
{
    tst_tpy2_like(r); /* its bandwidth plays no part in coverage */
    r->mode.t_frame_s = 10.0;
    r->mode.omega_sr = 0.05;
    r->face.half_az_rad = BMD_PI;
}

/* Caller buffers for one run. */
typedef struct bufs {
    unsigned char cells[NAZ * NR];
    double az[NAZ], in[NAZ], out[NAZ];
    double lat[4 * NAZ], lon[4 * NAZ];
    bmd_coverage_ring rings[NAZ];
} bufs;

static void attach(bmd_coverage *c, bufs *b)
{
    memset(c, 0, sizeof *c);
    c->cells = b->cells;
    c->ray_az_rad = b->az;
    c->ray_in_m = b->in;
    c->ray_out_m = b->out;
    c->lat_rad = b->lat;
    c->lon_rad = b->lon;
    size_t np, nr;
    assert_int_equal(bmd_coverage_size(NAZ, &np, &nr), BMD_OK);
    assert_true(np <= 4 * NAZ && nr <= NAZ);
    c->cap_points = np;
    c->cap_rings = nr;
    c->rings = b->rings;
}

/* Spherical cap area 2 pi R^2 (1 - cos(s / R)) for a ground radius s. */
static double cap_area(double R, double s)
{
    return 2.0 * BMD_PI * R * R * (1.0 - cos(s / R));
}

/* Ground arc on a sphere between heights 0 and h at slant range rho (law
 * of cosines). */
static double ground_of_slant(double R, double h, double rho)
{
    double b1 = R + h;
    return R * acos((R * R + b1 * b1 - rho * rho) / (2.0 * R * b1));
}

/* Signed shoelace area of ring k in the (lon, lat) plane: positive for
 * counter-clockwise. */
static double shoelace(const bmd_coverage *c, size_t k)
{
    const bmd_coverage_ring *g = &c->rings[k];
    double a = 0.0;
    for (size_t i = g->first; i + 1 < g->first + g->n; i++)
        a += c->lon_rad[i] * c->lat_rad[i + 1] - c->lon_rad[i + 1] * c->lat_rad[i];
    return 0.5 * a;
}

static void check_closed(const bmd_coverage *c, size_t k)
{
    const bmd_coverage_ring *g = &c->rings[k];
    assert_true(g->n >= 4);
    /* Closed: the last vertex repeats the first exactly (RFC 7946 3.1.6). */
    assert_true(c->lat_rad[g->first] == c->lat_rad[g->first + g->n - 1]);
    assert_true(c->lon_rad[g->first] == c->lon_rad[g->first + g->n - 1]);
}

static bufs B;

static void test_full_circle_cap(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_sphere(&e);
    const double R = e.a_m, alt = 300e3;
    bmd_radar r;
    radar_all_round(&r);
    bmd_coverage c;
    attach(&c, &B);
    bmd_coverage_opts o = {.alt_m = alt, .rcs_m2 = 0.01, .n_az = NAZ, .n_r = NR};
    CHECK_OK(bmd_coverage_run(&r, &e, &o, &c, NULL));
    double rho;
    CHECK_OK(bmd_radar_track_range(&r, 0.01, &rho));
    CHECK_REL(c.track_range_m, rho, 1e-15);
    /* Range-limited circle: every ray ends where the slant range reaches
     * the detection range (law of cosines on the sphere); bisection to
     * 1 m, so 2 m. */
    double s = ground_of_slant(R, alt, rho);
    for (int i = 0; i < NAZ; i++) {
        CHECK_ABS(c.ray_out_m[i], s, 2.0);
        CHECK_ABS(c.ray_in_m[i], 0.0, 0.0);
    }
    /* Area vs the spherical cap 2 pi R^2 (1 - cos(s/R)): the 720-gon
     * inscribed in the circle is short by (2 pi / 720)^2 / 6 = 1.3e-5;
     * tolerance 1e-4 relative. */
    CHECK_REL(c.area_m2, cap_area(R, s), 1e-4);
    assert_int_equal(c.n_rings, 1);
    check_closed(&c, 0);
    assert_int_equal(c.rings[0].hole, 0);
    assert_true(shoelace(&c, 0) > 0.0); /* counter-clockwise */
    /* The raster: samples inside s covered, beyond not. */
    for (int j = 0; j < NR; j++) {
        double sj = (j + 0.5) * c.max_ground_m / NR;
        if (fabs(sj - s) > 10.0) assert_int_equal(B.cells[5 * NR + j], sj < s);
    }
    /* Horizon figure: the closed form for this site (sea level, el_min 0):
     * kR acos(kR / (kR + h)) (Skolnik 2001, sec. 8.2); 1e-9 relative. */
    double kr = 4.0 / 3.0 * R;
    CHECK_REL(c.horizon_ground_m, kr * acos(kr / (kr + alt)), 1e-9);
}

static void test_sector_third(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_sphere(&e);
    bmd_radar r;
    radar_all_round(&r);
    bmd_coverage c;
    bmd_coverage_opts o = {.alt_m = 300e3, .rcs_m2 = 0.01, .n_az = NAZ, .n_r = NR};
    attach(&c, &B);
    CHECK_OK(bmd_coverage_run(&r, &e, &o, &c, NULL));
    double full = c.area_m2;
    /* A 120 deg field of regard (+-60 deg about 300 deg): one third of the
     * full circle (the sector's edges are geodesic rays from the site, so
     * only the arc is polygonal); tolerance 1e-4 relative. */
    r.face.boresight_az_rad = 300.0 * BMD_DEG2RAD;
    r.face.half_az_rad = 60.0 * BMD_DEG2RAD;
    attach(&c, &B);
    CHECK_OK(bmd_coverage_run(&r, &e, &o, &c, NULL));
    CHECK_REL(c.area_m2, full / 3.0, 1e-4);
    assert_int_equal(c.n_rings, 1);
    check_closed(&c, 0);
    assert_true(shoelace(&c, 0) > 0.0);
    /* The edge rays sit on the field-of-regard edges (1e-9 rad inside). */
    CHECK_ABS(c.ray_az_rad[0], 240.0 * BMD_DEG2RAD, 1e-8);
    CHECK_ABS(bmd_wrap_pi(c.ray_az_rad[NAZ - 1]), 0.0, 1e-8);
}

static void test_instrumented_limit(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_sphere(&e);
    const double R = e.a_m, alt = 150e3;
    bmd_radar r;
    radar_all_round(&r);
    r.mode.instr_range_m = 600e3; /* below the ~870 km physics range */
    bmd_coverage c;
    bmd_coverage_opts o = {.alt_m = alt, .rcs_m2 = 0.01, .n_az = NAZ, .n_r = NR};
    attach(&c, &B);
    CHECK_OK(bmd_coverage_run(&r, &e, &o, &c, NULL));
    CHECK_ABS(c.instrumented_range_m, 600e3, 0.0);
    /* Cap of the 600 km slant range at 150 km altitude; 1e-4 relative
     * (as above). */
    CHECK_REL(c.area_m2, cap_area(R, ground_of_slant(R, alt, 600e3)), 1e-4);
}

static void test_horizon_limit(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_sphere(&e);
    const double R = e.a_m, alt = 10e3;
    bmd_radar r;
    radar_all_round(&r);
    bmd_coverage c;
    bmd_coverage_opts o = {.alt_m = alt, .rcs_m2 = 10.0, .n_az = 36, .n_r = NR};
    attach(&c, &B);
    CHECK_OK(bmd_coverage_run(&r, &e, &o, &c, NULL));
    /* 10 m^2 is seen far beyond the horizon of a 10 km target, so the
     * horizon limits: kR acos(kR / (kR + h)); bisection to 1 m -> 2 m. */
    double kr = 4.0 / 3.0 * R, s = kr * acos(kr / (kr + alt));
    assert_true(c.track_range_m > 2.0 * s);
    for (int i = 0; i < 36; i++)
        CHECK_ABS(c.ray_out_m[i], s, 2.0);
}

static void test_annulus_el_max(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_sphere(&e);
    const double R = e.a_m, alt = 300e3;
    bmd_radar r;
    radar_all_round(&r);
    r.face.el_max_rad = 60.0 * BMD_DEG2RAD;
    bmd_coverage c;
    bmd_coverage_opts o = {.alt_m = alt, .rcs_m2 = 0.01, .n_az = NAZ, .n_r = NR};
    attach(&c, &B);
    CHECK_OK(bmd_coverage_run(&r, &e, &o, &c, NULL));
    /* Above 60 deg elevation the target is outside the field of regard:
     * the inner edge is where the refracted ray at 60 deg reaches the
     * target altitude (bmd_radar_horizon with el = 60 deg, tested against
     * its closed form in test_radar); 2 m. */
    double s_in, rho;
    CHECK_OK(bmd_radar_horizon(R, 4.0 / 3.0, 0.0, alt, 60.0 * BMD_DEG2RAD, &s_in, NULL));
    CHECK_OK(bmd_radar_track_range(&r, 0.01, &rho));
    double s_out = ground_of_slant(R, alt, rho);
    for (int i = 0; i < NAZ; i += 37)
        CHECK_ABS(c.ray_in_m[i], s_in, 2.0);
    /* Exterior counter-clockwise, hole clockwise; area = difference of the
     * caps, 1e-4 relative. */
    assert_int_equal(c.n_rings, 2);
    check_closed(&c, 0);
    check_closed(&c, 1);
    assert_int_equal(c.rings[1].hole, 1);
    assert_true(shoelace(&c, 0) > 0.0);
    assert_true(shoelace(&c, 1) < 0.0);
    CHECK_REL(c.area_m2, cap_area(R, s_out) - cap_area(R, s_in), 1e-4);
}

static void test_search_form(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_sphere(&e);
    const double R = e.a_m, alt = 100e3;
    bmd_radar r;
    radar_all_round(&r);
    bmd_coverage c;
    bmd_coverage_opts o = {.alt_m = alt, .rcs_m2 = 0.01, .n_az = 36, .n_r = NR, .search = 1};
    attach(&c, &B);
    CHECK_OK(bmd_coverage_run(&r, &e, &o, &c, NULL));
    /* The search coverage ends at the search-form range (Skolnik 2001 eq.
     * 2.65), inside the horizon here; 2 m. */
    double rs;
    CHECK_OK(bmd_radar_search_range(&r, 0.01, &rs));
    assert_true(ground_of_slant(R, alt, rs) < c.horizon_ground_m);
    CHECK_REL(c.search_range_m, rs, 1e-15);
    for (int i = 0; i < 36; i++)
        CHECK_ABS(c.ray_out_m[i], ground_of_slant(R, alt, rs), 2.0);
    r.mode.omega_sr = 0.0;
    bmd_errbuf err;
    CHECK_STATUS(bmd_coverage_run(&r, &e, &o, &c, &err), BMD_EINVAL);
    assert_non_null(strstr(err.msg, "search"));
}

static void test_range_table(void **state)
{
    (void)state;
    bmd_radar r;
    radar_all_round(&r);
    r.mode.instr_range_m = 600e3;
    bmd_coverage_row rows[5];
    CHECK_OK(bmd_coverage_range_table(&r, 5, 0.001, 10.0, rows));
    /* Log spacing: 0.001, 0.01, 0.1, 1, 10 (1e-12 rel); range ~ RCS^(1/4)
     * (radar equation), 1e-12 rel; effective range capped at 600 km. */
    for (int k = 0; k < 5; k++) {
        CHECK_REL(rows[k].rcs_m2, 0.001 * pow(10.0, k), 1e-12);
        CHECK_REL(rows[k].track_range_m / rows[0].track_range_m, pow(10.0, 0.25 * k), 1e-12);
        CHECK_REL(rows[k].effective_m, fmin(rows[k].track_range_m, 600e3), 1e-15);
        assert_true(rows[k].search_range_m > 0.0);
    }
    CHECK_STATUS(bmd_coverage_range_table(&r, 1, 0.001, 10.0, rows), BMD_EINVAL);
    CHECK_STATUS(bmd_coverage_range_table(&r, 5, 10.0, 1.0, rows), BMD_EINVAL);
}

static void test_errors(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_sphere(&e);
    bmd_radar r;
    radar_all_round(&r);
    bmd_coverage c;
    bmd_errbuf err;
    bmd_coverage_opts o = {.alt_m = 300e3, .rcs_m2 = 0.01, .n_az = 2, .n_r = NR};
    attach(&c, &B);
    CHECK_STATUS(bmd_coverage_run(&r, &e, &o, &c, &err), BMD_EINVAL);
    o.n_az = 36;
    o.rcs_m2 = -1.0;
    CHECK_STATUS(bmd_coverage_run(&r, &e, &o, &c, &err), BMD_EINVAL);
    assert_non_null(strstr(err.msg, "rcs"));
    o.rcs_m2 = 0.01;
    r.hw.efficiency = 1.5;
    CHECK_STATUS(bmd_coverage_run(&r, &e, &o, &c, &err), BMD_EINVAL);
    assert_non_null(strstr(err.msg, "efficiency"));
    r.hw.efficiency = 0.8;
    /* Ring buffers too small: ELIMIT, figures still set. */
    c.cap_points = 5;
    CHECK_STATUS(bmd_coverage_run(&r, &e, &o, &c, &err), BMD_ELIMIT);
    assert_true(c.track_range_m > 0.0);
    CHECK_STATUS(bmd_coverage_size(2, NULL, NULL), BMD_EINVAL);
    /* Sample positions: sample (0, 0) lies north of the site at the first
     * sample distance (ray 0 is due north on a full circle). */
    attach(&c, &B);
    CHECK_OK(bmd_coverage_run(&r, &e, &o, &c, NULL));
    double lat, lon;
    CHECK_OK(bmd_coverage_sample_latlon(&r, &e, &c, NR, 0, 0, &lat, &lon));
    CHECK_ABS(lat - r.face.lat_rad, 0.5 * c.max_ground_m / NR / e.a_m, 1e-12);
    CHECK_ABS(lon, r.face.lon_rad, 1e-12);
    CHECK_STATUS(bmd_coverage_sample_latlon(&r, &e, &c, NR, 0, NR, &lat, &lon), BMD_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_circle_cap),    cmocka_unit_test(test_sector_third),
        cmocka_unit_test(test_instrumented_limit), cmocka_unit_test(test_horizon_limit),
        cmocka_unit_test(test_annulus_el_max),     cmocka_unit_test(test_search_form),
        cmocka_unit_test(test_range_table),        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
