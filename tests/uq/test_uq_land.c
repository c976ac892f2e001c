/*
 * test_uq_land.c: country polygons and populated places (bmd/land.h):
 * the geodesic area of a one-degree square against the analytic area of an
 * ellipsoidal quadrangle, point-in-country with a hole, the tally of a
 * footprint's cells and places, bad files, and the shipped data (Natural
 * Earth 1:50m) against published country areas.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "data_dir.h"

#include "bmd/catalog.h"
#include "bmd/const.h"
#include "bmd/geo.h"
#include "bmd/land.h"

/* Authalic q(phi) on WGS84 (Snyder, Map Projections - A Working Manual,
 * USGS Prof. Paper 1395 (1987), eq. 3-12); the area between two parallels
 * over dlon is a^2 dlon (q(phi2) - q(phi1)) / 2 (eq. 3-11 with 3-12). */
static double q_of(double phi)
{
    double f = 1.0 / BMD_WGS84_INVF, e2 = f * (2.0 - f), e = sqrt(e2), s = sin(phi);
    return (1.0 - e2) * (s / (1.0 - e2 * s * s) - log((1.0 - e * s) / (1.0 + e * s)) / (2.0 * e));
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A country "SQR": the square 0..1 deg N, 0..1 deg E, with a hole
 * 0.4..0.6 x 0.4..0.6; one place inside the square, one in the hole. */
static const char *SQUARE = "# test\n"
                            "bmdcountries 1 1\n"
                            "K SQR 2 Square Land\n"
                            "R 5 0 0 1000 0 0 1000 -1000 0 0 -1000\n"
                            "H 5 400 400 0 200 200 0 0 -200 -200 0\n";
static const char *PLACES = "bmdplaces 1 2\n"
                            "P SQR 100000 2000 2000 Southwest Town\n"
                            "P SQR 5000 5000 5000 Hole Village\n";

static void test_square(void **state)
{
    (void)state;
    write_file("land-sq.txt", SQUARE);
    write_file("land-pl.txt", PLACES);
    bmd_land l = {0};
    bmd_errbuf e;
    CHECK_OK(bmd_land_load("land-sq.txt", "land-pl.txt", &l, &e));
    assert_int_equal(l.n_countries, 1);
    assert_string_equal(l.country[0].code, "SQR");
    assert_string_equal(l.country[0].name, "Square Land");
    /* The square's sides along parallels are geodesics in the file, which
     * bulge poleward of the parallels by about 4 m at 1 deg N over 1 deg:
     * an area difference of a few 1e-5 relative; tolerance 1e-4. */
    double d = BMD_DEG2RAD, a2 = BMD_WGS84_A_M * BMD_WGS84_A_M;
    double outer = a2 * d * (q_of(d) - q_of(0.0)) / 2.0;
    double hole = a2 * 0.2 * d * (q_of(0.6 * d) - q_of(0.4 * d)) / 2.0;
    CHECK_REL(l.country[0].area_km2, (outer - hole) / 1e6, 1e-4);
    /* point in polygon, even-odd over the rings (exact) */
    assert_int_equal(bmd_land_country_at(&l, 0.2 * d, 0.2 * d), 0);
    assert_int_equal(bmd_land_country_at(&l, 0.5 * d, 0.5 * d), -1); /* the hole */
    assert_int_equal(bmd_land_country_at(&l, 1.5 * d, 0.5 * d), -1);
    /* a grid of 5 km cells over -0.5..1.5 deg, every cell defended: the
     * country's cells add up to its area to within the cells cut by its
     * boundary: perimeter (4.8 deg, ~530 km) x 5 km / 2 ~ 1,300 km^2 of
     * 11,900 km^2 at worst, in practice much less as cuts cancel: 3 % */
    bmd_earth earth;
    bmd_earth_wgs84(&earth);
    bmd_fp_grid g;
    CHECK_OK(bmd_fp_grid_init(&g, &earth, -0.5 * d, -0.5 * d, 1.5 * d, 1.5 * d, 5e3, &e));
    size_t n = bmd_fp_grid_cells(&g);
    bmd_fp_cell *cells = calloc(n, sizeof *cells);
    assert_non_null(cells);
    for (size_t k = 0; k < n; k++) {
        double la, lo;
        bmd_fp_grid_centre(&g, k, &la, &lo);
        cells[k].state = lo < 0.5 * d ? BMD_FP_DEFENDED : BMD_FP_UNDEFENDED;
    }
    bmd_land_tally *t = NULL;
    size_t nt = 0;
    int in[2];
    double pr = 0, pd = 0;
    CHECK_OK(bmd_land_footprint(&l, &g, &earth, cells, &t, &nt, in, &pr, &pd, &e));
    assert_int_equal(nt, 1);
    CHECK_REL(t[0].region_km2, l.country[0].area_km2, 0.03);
    /* the cells west of 0.5 deg E are defended: half the square less half
     * the hole, half the country's area (3 %) */
    CHECK_REL(t[0].defended_km2, 0.5 * l.country[0].area_km2, 0.03);
    /* the town at 0.2 deg E is in a defended cell; the village at 0.5 deg
     * E in whichever cell holds it (its centre may fall either side) */
    assert_int_equal(in[0], 1);
    CHECK_ABS(pr, 105000.0, 0.0);
    CHECK_ABS(pd, in[1] == 1 ? 105000.0 : 100000.0, 0.0);
    free(t);
    free(cells);
    bmd_land_free(&l);
    bmd_land_free(&l); /* twice: harmless */
    bmd_land_free(NULL);
}

static void test_bad_files(void **state)
{
    (void)state;
    bmd_land l = {0};
    bmd_errbuf e;
    write_file("land-bad1.txt", "bmdmap 1 0 0\n");
    CHECK_STATUS(bmd_land_load("land-bad1.txt", NULL, &l, &e), BMD_EPARSE);
    assert_non_null(strstr(e.msg, "land-bad1.txt:1: expected 'bmdcountries 1 N'"));
    write_file("land-bad2.txt", "bmdcountries 1 1\nK SQR 1 S\nR 5 0 0 1000 0 0\n");
    CHECK_STATUS(bmd_land_load("land-bad2.txt", NULL, &l, &e), BMD_EPARSE);
    assert_non_null(strstr(e.msg, ":3: ring shorter"));
    write_file("land-bad3.txt",
               "bmdcountries 1 1\nK SQR 2 S\nR 5 0 0 1000 0 0 1000 -1000 0 0 -1000\n");
    CHECK_STATUS(bmd_land_load("land-bad3.txt", NULL, &l, &e), BMD_EPARSE);
    assert_non_null(strstr(e.msg, "fewer rings"));
    write_file("land-bad4.txt", "bmdcountries 1 1\nK SQR 1 S\nR 5 0 95000 1 0 0 1 -1 0 0 -1\n");
    CHECK_STATUS(bmd_land_load("land-bad4.txt", NULL, &l, &e), BMD_EPARSE);
    assert_non_null(strstr(e.msg, "out of range"));
    CHECK_STATUS(bmd_land_load("no-such-file.txt", NULL, &l, &e), BMD_EIO);
    assert_null(l.country);
}

/* The shipped Natural Earth 1:50m polygons against the CIA World Factbook's
 * land areas (www.cia.gov/the-world-factbook, "Area - land"; South Korea
 * 96,920 km^2, Japan 364,485 km^2, North Korea 120,408 km^2): the 1:50m
 * generalisation of coasts and small islands moves them by a few per cent:
 * tolerance 5 %. And the countries of a few places (sites.yaml coordinates). */
static void test_shipped(void **state)
{
    (void)state;
    char cp[1024], pp[1024];
    assert_int_equal(bmd_data_path(cp, sizeof cp, tst_data_dir(), BMD_LAND_COUNTRIES_FILE), 0);
    assert_int_equal(bmd_data_path(pp, sizeof pp, tst_data_dir(), BMD_LAND_PLACES_FILE), 0);
    bmd_land l = {0};
    bmd_errbuf e;
    CHECK_OK(bmd_land_load(cp, pp, &l, &e));
    const char *code[3] = {"KOR", "JPN", "PRK"};
    double want[3] = {96920.0, 364485.0, 120408.0};
    for (int i = 0; i < 3; i++) {
        size_t k = 0;
        while (k < l.n_countries && strcmp(l.country[k].code, code[i]) != 0)
            k++;
        assert_true(k < l.n_countries);
        CHECK_REL(l.country[k].area_km2, want[i], 0.05);
    }
    double d = BMD_DEG2RAD;
    int seoul = bmd_land_country_at(&l, 37.5665 * d, 126.978 * d);
    int pyongyang = bmd_land_country_at(&l, 39.0392 * d, 125.7625 * d);
    assert_true(seoul >= 0 && pyongyang >= 0);
    assert_string_equal(l.country[seoul].code, "KOR");
    assert_string_equal(l.country[pyongyang].code, "PRK");
    assert_int_equal(bmd_land_country_at(&l, 36.0 * d, 124.5 * d), -1); /* Yellow Sea */
    assert_true(l.n_places > 10000);
    bmd_land_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_square),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_shipped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
