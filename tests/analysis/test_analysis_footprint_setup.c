/* test_analysis_footprint_setup.c: the footprint's set-up from a scenario
 * (bmd/footprint_setup.h): what is taken from the first battery, its cueing
 * radar and the first threat; the launch points sampled in a polygon
 * (counted by hand); the square region about a point; the defended count
 * and area; the words of states, shapes and doctrines. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#include "bmd/const.h"
#include "bmd/footprint_setup.h"

/* A scenario of one battery (shoot-look-shoot), two radars (the battery
 * cued by the second) and one threat, built by hand. */
typedef struct scn {
    bmd_scenario s;
    bmd_scn_battery bat;
    bmd_scn_radar rad[2];
    bmd_scn_threat thr;
} scn;

static void make(scn *c)
{
    memset(c, 0, sizeof *c);
    bmd_scenario_init(&c->s);
    strcpy(c->bat.site.name, "here");
    c->bat.site.lat_rad = 0.6, c->bat.site.lon_rad = 2.2, c->bat.site.alt_m = 40.0;
    c->bat.reaction_s = 12.0, c->bat.kill_assessment_s = 7.0;
    c->bat.doctrine = BMD_DOCTRINE_SLS;
    c->bat.radar = 1;
    strcpy(c->bat.interceptor.name, "ic");
    strcpy(c->rad[0].name, "r0"), strcpy(c->rad[1].name, "r1");
    strcpy(c->rad[0].radar.name, "p0"), strcpy(c->rad[1].radar.name, "p1");
    c->rad[0].revisit_s = 1.0, c->rad[1].revisit_s = 0.5;
    strcpy(c->thr.launch.name, "there");
    c->thr.launch.lat_rad = 0.7, c->thr.launch.lon_rad = 2.1;
    c->thr.shape.kind = BMD_TRAJ_LOFTED;
    c->thr.rcs.n = 1, c->thr.rcs.rcs_m2[0] = 0.05;
    strcpy(c->thr.missile.name, "m");
    c->s.battery = &c->bat, c->s.n_batteries = 1;
    c->s.radar = c->rad, c->s.n_radars = 2;
    c->s.threat = &c->thr, c->s.n_threats = 1;
    c->s.earth_sphere = 1;
    c->s.init_m = 4, c->s.init_n = 6;
}

/* Every value is copied, not computed: exact equality. */
static void test_scenario_values(void **state)
{
    (void)state;
    scn c;
    make(&c);
    bmd_fp_setup *f = malloc(sizeof *f);
    assert_non_null(f);
    CHECK_OK(bmd_fp_setup_scenario(f, &c.s, NULL));
    assert_string_equal(f->battery_name, "here");
    assert_true(f->cfg.bat_lat_rad == 0.6 && f->cfg.bat_lon_rad == 2.2 && f->cfg.bat_alt_m == 40.0);
    assert_true(f->cfg.reaction_s == 12.0 && f->cfg.kill_assess_s == 7.0);
    assert_int_equal(f->cfg.doctrine, BMD_FP_SHOOT_LOOK_SHOOT);
    assert_int_equal(f->cfg.m_detect, 4);
    assert_int_equal(f->cfg.n_window, 6);
    assert_int_equal(f->has_radar, 1);
    assert_string_equal(f->radar.name, "p1"); /* the battery's radar, not the first */
    assert_true(f->cfg.revisit_s == 0.5);
    assert_true(f->cfg.rcs_m2 == 0.05); /* constant table: any aspect */
    assert_int_equal(f->cfg.shape.kind, BMD_TRAJ_LOFTED);
    assert_string_equal(f->missile.name, "m");
    assert_ptr_equal(f->cfg.missile, &f->missile);
    assert_int_equal((int)f->n_points, 1);
    assert_true(f->pt_lat_rad[0] == 0.7 && f->pt_lon_rad[0] == 2.1);
    assert_string_equal(f->launch_name, "there");
    assert_true(f->earth.omega_radps == 0.0); /* the textbook sphere does not rotate */
    free(f);
}

static void test_cue_radar_and_errors(void **state)
{
    (void)state;
    scn c;
    make(&c);
    assert_ptr_equal(bmd_fp_cue_radar(&c.s), &c.rad[1]);
    c.bat.radar = -1; /* none named: the first */
    assert_ptr_equal(bmd_fp_cue_radar(&c.s), &c.rad[0]);
    c.s.n_radars = 0;
    assert_null(bmd_fp_cue_radar(&c.s));
    bmd_fp_setup *f = malloc(sizeof *f);
    assert_non_null(f);
    CHECK_OK(bmd_fp_setup_scenario(f, &c.s, NULL));
    assert_int_equal(f->has_radar, 0);
    bmd_fp_setup_link(f);
    assert_null(f->cfg.radar);
    c.s.n_threats = 0;
    bmd_errbuf e = {{0}};
    CHECK_STATUS(bmd_fp_setup_scenario(f, &c.s, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "needs a battery and a threat"));
    c.s.n_threats = 1;
    c.thr.rcs.n = 0; /* not a table */
    CHECK_STATUS(bmd_fp_setup_scenario(f, &c.s, NULL), BMD_EINVAL);
    free(f);
}

/* A 1 deg x 1 deg square on the equator of a sphere with spacing 0.1 deg
 * of arc: rows at -0.45 + 0.1 i deg and columns at 0.05 + 0.1 j deg (half a
 * cell in from the south-west corner), i, j = 0..9, all strictly inside:
 * 100 grid points after the 4 vertices (counted by hand). */
static void test_launch_area(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_sphere(&e);
    double d = BMD_DEG2RAD;
    double la[4] = {-0.5 * d, -0.5 * d, 0.5 * d, 0.5 * d}, lo[4] = {0.0, 1.0 * d, 1.0 * d, 0.0};
    double pla[BMD_FP_MAX_POINTS], plo[BMD_FP_MAX_POINTS];
    size_t n = 0;
    CHECK_OK(
        bmd_fp_launch_area(&e, la, lo, 4, e.a_m * 0.1 * d, BMD_FP_MAX_POINTS, pla, plo, &n, NULL));
    assert_int_equal((int)n, 104);
    CHECK_ABS(pla[4], -0.45 * d, 1e-12); /* first grid point, rad */
    CHECK_ABS(plo[4], 0.05 * d, 1e-12);
    CHECK_ABS(pla[103], 0.45 * d, 1e-12); /* last */
    CHECK_ABS(plo[103], 0.95 * d, 1e-12);
    CHECK_STATUS(bmd_fp_launch_area(&e, la, lo, 4, e.a_m * 0.1 * d, 50, pla, plo, &n, NULL),
                 BMD_ELIMIT);
    CHECK_STATUS(bmd_fp_launch_area(&e, la, lo, 2, 1e3, 50, pla, plo, &n, NULL), BMD_EINVAL);
    CHECK_STATUS(bmd_fp_launch_area(&e, la, lo, 4, 0.0, 50, pla, plo, &n, NULL), BMD_EINVAL);
}

/* The square about a point is bmd_fp_grid_init on its corners, +-half/a in
 * latitude and +-half/(a cos lat) in longitude: the same grid, bit for bit. */
static void test_grid_around(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    bmd_fp_grid g, h;
    double lat = 0.62, lon = 2.24, half = 300e3;
    CHECK_OK(bmd_fp_grid_around(&g, &e, lat, lon, half, 8e3, NULL));
    double dla = half / e.a_m, dlo = half / (e.a_m * cos(lat));
    CHECK_OK(bmd_fp_grid_init(&h, &e, lat - dla, lon - dlo, lat + dla, lon + dlo, 8e3, NULL));
    assert_memory_equal(&g, &h, sizeof g);
}

/* Three defended cells in rows 0 and 1 and one unreached: the area is the
 * sum of their rows' cell areas (bmd_fp_grid_row_area). */
static void test_count_and_words(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    bmd_fp_grid g;
    CHECK_OK(bmd_fp_grid_init(&g, &e, 0.6, 2.2, 0.602, 2.203, 5e3, NULL));
    size_t n = bmd_fp_grid_cells(&g), cols = (size_t)g.n_cols;
    assert_true(n >= 2 * cols && cols >= 2);
    bmd_fp_cell *c = calloc(n, sizeof *c);
    assert_non_null(c);
    c[0].state = c[1].state = c[cols].state = BMD_FP_DEFENDED;
    c[cols + 1].state = BMD_FP_UNREACHED;
    size_t def = 0, unr = 0;
    double area = 0.0;
    bmd_fp_count(&g, &e, c, &def, &unr, &area);
    assert_int_equal((int)def, 3);
    assert_int_equal((int)unr, 1);
    double want = (2.0 * bmd_fp_grid_row_area(&g, &e, 0) + bmd_fp_grid_row_area(&g, &e, 1)) / 1e6;
    CHECK_REL(area, want, 1e-15);
    free(c);
    assert_string_equal(bmd_fp_state_name(BMD_FP_DEFENDED), "defended");
    assert_string_equal(bmd_fp_state_name(BMD_FP_UNREACHED), "out_of_reach");
    assert_string_equal(bmd_fp_state_name(BMD_FP_UNDEFENDED), "not_defended");
    assert_string_equal(bmd_fp_shape_name(BMD_TRAJ_DEPRESSED), "depressed");
    assert_string_equal(bmd_fp_doctrine_name(BMD_FP_SHOOT_LOOK_SHOOT), "shoot-look-shoot");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scenario_values), cmocka_unit_test(test_cue_radar_and_errors),
        cmocka_unit_test(test_launch_area),     cmocka_unit_test(test_grid_around),
        cmocka_unit_test(test_count_and_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
