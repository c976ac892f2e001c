/* test_export_footprint.c: a footprint's raster CSV (bmd_fp_raster_write)
 * and GeoJSON properties (bmd_fp_geojson_write), written to memory and
 * compared with the text the format of bmd/export.h specifies. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#include "bmd/const.h"
#include "bmd/export.h"

/* A 1 x 2 grid: cell 0 defended with every value, cell 1 out of reach with
 * none (NaN: empty fields). Cell centres from bmd_fp_grid_centre. */
static void test_raster(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    bmd_fp_grid g;
    CHECK_OK(bmd_fp_grid_init(&g, &e, 0.0, 0.0, 0.0005, 0.0015, 6e3, NULL));
    assert_int_equal(g.n_rows, 1);
    assert_int_equal(g.n_cols, 2);
    bmd_fp_cell c[2] = {{BMD_FP_DEFENDED, 3, 12.3456, 98765.43, 150.5, 7.25},
                        {BMD_FP_UNREACHED, 0, NAN, NAN, NAN, NAN}};
    bmd_membuf buf = {0};
    bmd_sink s = {bmd_membuf_write, &buf};
    CHECK_OK(bmd_fp_raster_write(&s, "# header\n", &g, c));
    double la0, lo0, la1, lo1;
    bmd_fp_grid_centre(&g, 0, &la0, &lo0);
    bmd_fp_grid_centre(&g, 1, &la1, &lo1);
    char want[1024];
    snprintf(want, sizeof want,
             "# header\nrow,col,lat_deg,lon_deg,state,defended,n_reach,cue_s,intercept_alt_m,"
             "intercept_t_s,margin_s\n"
             "0,0,%.6f,%.6f,defended,1,3,12.346,98765.4,150.500,7.250\n"
             "0,1,%.6f,%.6f,out_of_reach,0,0,,,,\n",
             la0 * BMD_RAD2DEG, lo0 * BMD_RAD2DEG, la1 * BMD_RAD2DEG, lo1 * BMD_RAD2DEG);
    assert_non_null(buf.data);
    assert_string_equal(buf.data, want);
    bmd_membuf_free(&buf);
}

/* The properties say what decided the map; the provenance text is nested
 * as given; a provenance that is not JSON is refused. */
static void test_geojson_properties(void **state)
{
    (void)state;
    bmd_fp_setup *f = malloc(sizeof *f);
    assert_non_null(f);
    bmd_fp_setup_init(f);
    strcpy(f->ic.name, "thaad");
    strcpy(f->battery_name, "seongju");
    strcpy(f->missile.name, "nodong");
    strcpy(f->launch_name, "north-hwanghae");
    bmd_fp_setup_link(f);
    CHECK_OK(bmd_fp_grid_init(&f->grid, &f->earth, 0.6, 2.2, 0.62, 2.23, 2e3, NULL));
    double la[4] = {0.6, 0.6, 0.61, 0.6}, lo[4] = {2.2, 2.21, 2.21, 2.2};
    bmd_coverage_ring ring = {0, 4, 0};
    bmd_fp_polys poly = {la, lo, 4, &ring, 1};
    const char *names[1] = {"busan"};
    bmd_fp_cell chk[1] = {{BMD_FP_DEFENDED, 1, 0, 0, 0, 0}};
    bmd_fp_summary sum = {f, "min-energy", NULL, 1234.56, 1, names, NULL, NULL, chk};
    bmd_membuf buf = {0};
    bmd_sink s = {bmd_membuf_write, &buf};
    CHECK_OK(bmd_fp_geojson_write(&s, &sum, "{\"v\":\"1\"}", &poly, NULL));
    assert_non_null(strstr(buf.data,
                           "{\"kind\":\"defended footprint\",\"battery\":\"thaad\",\"site\":"
                           "\"seongju\",\"threat\":\"nodong\",\"launch\":\"north-hwanghae\","
                           "\"shape\":\"min-energy\",\"doctrine\":\"shoot\",\"radar\":null"));
    /* area to 0.1 km^2 */
    assert_non_null(strstr(buf.data, "\"area_km2\":1234.6,\"checks\":{\"busan\":\"defended\"},"
                                     "\"provenance\":{\"v\":\"1\"}}"));
    bmd_membuf_free(&buf);
    CHECK_STATUS(bmd_fp_geojson_write(&s, &sum, "not json", &poly, NULL), BMD_EINVAL);
    bmd_membuf_free(&buf);
    free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_raster),
        cmocka_unit_test(test_geojson_properties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
