/* test_footprint_fast.c: the footprint's fast paths against the
 * computations they replace (src/analysis/footprint_internal.h, the
 * FP_REF_* switches), on the default case of `bmdsim footprint` (THAAD and
 * AN/TPY-2 at Seongju, Nodong from North Hwanghae, catalog data) over a
 * 400 km square at 8 km:
 *  - the intercept scan's steps over points outside the envelope and the
 *    cue's bmd_radar_detects change nothing: every cell is identical, bit
 *    for bit, single shot and shoot-look-shoot.
 * The reference is the computation itself, so the bound is exact equality. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#include "analysis/footprint_internal.h"
#include "bmd/catalog.h"
#include "bmd/const.h"
#include "bmd/interceptor_catalog.h"
#include "bmd/radar_catalog.h"

#ifndef BMD_DATA_DIR_DEFAULT
#define BMD_DATA_DIR_DEFAULT "data"
#endif

typedef struct fx {
    bmd_earth earth;
    bmd_atmo atmo;
    bmd_site_list sites;
    bmd_missile_list missiles;
    bmd_radar_catalog radars;
    bmd_interceptor_list ics;
    bmd_radar_site rs;
    bmd_ic_table tab;
    bmd_fp_grid g;
    bmd_fp_config c;
    double lat0, lon0;
} fx;

static fx F;

static int setup(void **state)
{
    (void)state;
    const char *dir = getenv("BMD_DATA_DIR");
    if (!dir || !*dir) dir = BMD_DATA_DIR_DEFAULT;
    char p[4096];
    bmd_errbuf e = {{0}};
    bmd_earth_wgs84(&F.earth);
    CHECK_OK(bmd_atmo_init(&F.atmo, BMD_ATMO_US76));
    bmd_data_path(p, sizeof p, dir, "sites.yaml");
    CHECK_OK(bmd_site_list_load(p, &F.sites, &e));
    bmd_data_path(p, sizeof p, dir, "catalog/missiles.yaml");
    CHECK_OK(bmd_missile_list_load(p, &F.missiles, &e));
    bmd_data_path(p, sizeof p, dir, "catalog/radars.yaml");
    CHECK_OK(bmd_radar_catalog_load(p, &F.radars, &e));
    bmd_data_path(p, sizeof p, dir, "catalog/interceptors.yaml");
    CHECK_OK(bmd_interceptor_list_load(p, &F.ics, &e));
    const bmd_interceptor *icp;
    const bmd_missile *m;
    const bmd_radar_entry *re;
    const bmd_site *bat, *launch;
    CHECK_OK(bmd_interceptor_find(&F.ics, "thaad", &icp, &e));
    CHECK_OK(bmd_missile_find(&F.missiles, "nodong", &m, &e));
    CHECK_OK(bmd_radar_catalog_find(&F.radars, "an-tpy2", &re, &e));
    CHECK_OK(bmd_site_find(&F.sites, "seongju", &bat, &e));
    CHECK_OK(bmd_site_find(&F.sites, "north-hwanghae", &launch, &e));
    bmd_interceptor ic = *icp;
    CHECK_OK(bmd_interceptor_check(&ic, &e));
    bmd_radar r = re->radar;
    r.face.lat_rad = bat->lat_rad;
    r.face.lon_rad = bat->lon_rad;
    r.face.h_m = bat->alt_m;
    r.face.boresight_az_rad = 325.0 * BMD_DEG2RAD;
    CHECK_OK(bmd_radar_setup(&F.rs, &r, &F.earth, &e));
    F.lat0 = launch->lat_rad;
    F.lon0 = launch->lon_rad;
    bmd_traj_config tc;
    bmd_traj_config_init(&tc, &F.earth, &F.atmo);
    double az;
    bmd_geo_inverse(&F.earth, bat->lat_rad, bat->lon_rad, F.lat0, F.lon0, NULL, &az, NULL);
    CHECK_OK(bmd_interceptor_table_build(&tc, &ic, bat->lat_rad, bat->lon_rad, bat->alt_m, az, 0.0,
                                         0.0, &F.tab, &e));
    double dla = 200e3 / F.earth.a_m, dlo = 200e3 / (F.earth.a_m * cos(bat->lat_rad));
    CHECK_OK(bmd_fp_grid_init(&F.g, &F.earth, bat->lat_rad - dla, bat->lon_rad - dlo,
                              bat->lat_rad + dla, bat->lon_rad + dlo, 8e3, &e));
    bmd_fp_config_init(&F.c, &F.earth, &F.atmo);
    F.c.missile = m;
    F.c.n_points = 1;
    F.c.pt_lat_rad = &F.lat0;
    F.c.pt_lon_rad = &F.lon0;
    F.c.bat_lat_rad = bat->lat_rad;
    F.c.bat_lon_rad = bat->lon_rad;
    F.c.bat_alt_m = bat->alt_m;
    F.c.table = &F.tab;
    F.c.radar = &F.rs;
    F.c.method = BMD_FP_FAST;
    F.c.threads = 0;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    bmd_interceptor_list_free(&F.ics);
    bmd_radar_catalog_free(&F.radars);
    bmd_missile_list_free(&F.missiles);
    bmd_site_list_free(&F.sites);
    return 0;
}

static bmd_fp_cell *run(const bmd_fp_config *c, unsigned ref, bmd_fp_stats *st)
{
    bmd_footprint *fp = NULL;
    bmd_errbuf e = {{0}};
    if (bmd_footprint_create(c, &F.g, &fp, &e) != BMD_OK) fail_msg("create: %s", e.msg);
    bmd__fp_set_reference(fp, ref);
    size_t n = bmd_fp_grid_cells(&F.g);
    bmd_fp_cell *out = malloc(n * sizeof *out);
    assert_non_null(out);
    if (bmd_footprint_run(fp, 0, n, out, NULL, &e) != BMD_OK) fail_msg("run: %s", e.msg);
    if (st) bmd_footprint_stats(fp, st);
    bmd_footprint_free(fp);
    return out;
}

static size_t count_state(const bmd_fp_cell *c, size_t n, int state)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += c[i].state == state;
    return k;
}

/* Exact fast paths: the envelope skip of the intercept scan and the cue's
 * bmd_radar_detects leave every cell as the full scan and
 * bmd_radar_observe make it (memcmp: states, cue, intercept time and
 * altitude, margin), for one shot and for shoot-look-shoot. */
static void test_exact_paths(void **state)
{
    (void)state;
    size_t n = bmd_fp_grid_cells(&F.g);
    for (int d = 0; d < 2; d++) {
        bmd_fp_config c = F.c;
        c.doctrine = d ? BMD_FP_SHOOT_LOOK_SHOOT : BMD_FP_SHOOT;
        bmd_fp_cell *fast = run(&c, 0, NULL);
        bmd_fp_cell *ref = run(&c, FP_REF_SCAN | FP_REF_LOOK, NULL);
        for (size_t k = 0; k < n; k++)
            if (memcmp(&fast[k], &ref[k], sizeof fast[k]) != 0)
                fail_msg("doctrine %d cell %zu: state %d/%d alt %.6f/%.6f cue %.3f/%.3f", d, k,
                         fast[k].state, ref[k].state, fast[k].intercept_alt_m,
                         ref[k].intercept_alt_m, fast[k].cue_s, ref[k].cue_s);
        /* not a vacuous comparison: both verdicts occur */
        assert_true(count_state(ref, n, BMD_FP_DEFENDED) > n / 10);
        assert_true(count_state(ref, n, BMD_FP_UNDEFENDED) > n / 10);
        free(fast);
        free(ref);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_paths),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
