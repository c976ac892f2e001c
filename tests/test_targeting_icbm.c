/*
 * Targeting at intercontinental range: regression cases for the azimuth
 * iteration with Earth rotation (docs/models/traj.md, "Targeting").
 *
 * Before the fix, DF-41 from central China toward New York ended with
 * BMD_ENOCONV ("targeting left a miss of 315 km"): the azimuth correction
 * for Earth rotation turned the launch azimuth toward a direction along
 * which the full burn no longer reached the aim range, and the kept kick
 * was flown anyway. Now every solve either converges (re-flown miss below
 * the tolerance) or is reported out of reach with a maximum range along
 * the corrected azimuth that is indeed below the aim range.
 *
 * Catalog missiles and sites from data/ (BMD_DATA_DIR); the test links the
 * whole library because it reads the catalog (io) to fly traj.
 */
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "bmd/atmo.h"
#include "bmd/const.h"
#include "bmd/geo.h"
#include "bmd/io.h"
#include "bmd/traj.h"

static const char *data_dir(void)
{
    const char *d = getenv("BMD_DATA_DIR");
    return (d != NULL && d[0] != '\0') ? d : BMD_DATA_DIR_DEFAULT;
}

typedef struct env {
    bmd_earth e;
    bmd_atmo atm;
    bmd_traj_config cfg;
    bmd_missile_list ml;
    bmd_site_list sl;
} env;

static env V;

static int setup(void **state)
{
    (void)state;
    char p[512];
    bmd_earth_wgs84(&V.e);
    if (bmd_atmo_init(&V.atm, BMD_ATMO_US76) != BMD_OK) return 1;
    bmd_traj_config_init(&V.cfg, &V.e, &V.atm);
    if (bmd_data_path(p, sizeof p, data_dir(), "catalog/missiles.yaml") != BMD_OK) return 1;
    if (bmd_missile_list_load(p, &V.ml, NULL) != BMD_OK) return 1;
    if (bmd_data_path(p, sizeof p, data_dir(), "sites.yaml") != BMD_OK) return 1;
    if (bmd_site_list_load(p, &V.sl, NULL) != BMD_OK) return 1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    bmd_missile_list_free(&V.ml);
    bmd_site_list_free(&V.sl);
    return 0;
}

/* Solve, then check the answer is one of the two honest ones. Returns the
 * status. */
static int solve_case(const char *missile, const char *from, const char *to,
                      const bmd_traj_shape *sh)
{
    const bmd_missile *m;
    const bmd_site *a, *b;
    CHECK_OK(bmd_missile_find(&V.ml, missile, &m, NULL));
    CHECK_OK(bmd_site_find(&V.sl, from, &a, NULL));
    CHECK_OK(bmd_site_find(&V.sl, to, &b, NULL));
    bmd_traj_solution sol;
    bmd_errbuf err;
    int st = bmd_traj_target(&V.cfg, m, a->lat_rad, a->lon_rad, a->alt_m, b->lat_rad, b->lon_rad,
                             sh, 10.0, &sol, &err);
    if (st == BMD_OK) {
        /* converged: the solution re-flown lands within the 10 m solver
         * tolerance (the re-flight is the same deterministic integration) */
        bmd_traj_summary s;
        CHECK_OK(bmd_traj_fly(&V.cfg, m, &sol.launch, &s, NULL));
        double miss;
        bmd_geo_inverse(&V.e, s.impact_lat_rad, s.impact_lon_rad, b->lat_rad, b->lon_rad, &miss,
                        NULL, NULL);
        assert_true(miss <= 10.0);
        assert_true(sol.aim_range_m <= sol.max_range_m);
    } else {
        /* the only acceptable failure is "out of reach", with the maximum
         * range along the final azimuth below the aim range */
        if (st != BMD_EUNREACH) fail_msg("%s %s->%s: %s", missile, from, to, err.msg);
        if (sh == NULL || sh->kind == BMD_TRAJ_MIN_ENERGY)
            assert_true(sol.max_range_m > 0.0 && sol.max_range_m < sol.aim_range_m);
        else /* a shaped shot may also ask for an apogee the missile cannot fly */
            assert_true(sol.max_range_m < sol.aim_range_m || strstr(err.msg, "apogee") != NULL);
    }
    return st;
}

static void test_df41(void **state)
{
    (void)state;
    /* DF-41 reaches the western and central United States from central
     * China on a minimum-energy path; New York (11,637 km) is beyond the
     * catalog model's reach once the launch azimuth is corrected for Earth
     * rotation: due north (azimuth 0) the full burn lands at 41.3 N 79.3 W,
     * 11,509 km away, short of New York (bmdsim trajectory --azimuth 0deg). */
    CHECK_STATUS(solve_case("df-41", "china-central", "los-angeles", NULL), BMD_OK);
    CHECK_STATUS(solve_case("df-41", "china-central", "new-york", NULL), BMD_EUNREACH);
    solve_case("df-41", "china-central", "washington", NULL);
    solve_case("df-41", "china-central", "chicago", NULL);
    solve_case("df-41", "china-northeast", "new-york", NULL);
}

static void test_other_icbms(void **state)
{
    (void)state;
    solve_case("df-31a", "china-northwest", "los-angeles", NULL);
    solve_case("df-31a", "china-central", "chicago", NULL);
    solve_case("hwasong-15", "pyongyang", "washington", NULL);
    solve_case("hwasong-14", "sohae", "los-angeles", NULL);
    CHECK_STATUS(solve_case("hwasong-12", "pyongyang", "guam", NULL), BMD_OK);
}

static void test_shaped_long_range(void **state)
{
    (void)state;
    /* lofted and depressed shots at intercontinental range also converge
     * or are reported out of reach (never BMD_ENOCONV) */
    bmd_traj_shape lofted = {BMD_TRAJ_LOFTED, 2500e3, 0.0};
    bmd_traj_shape depressed = {BMD_TRAJ_DEPRESSED, 600e3, 0.0};
    solve_case("df-41", "china-central", "los-angeles", &lofted);
    solve_case("df-41", "china-central", "los-angeles", &depressed);
    /* Hwasong-12 at Guam (3,390 km) can loft to about 1,570 km; 1,200 km
     * is inside that */
    bmd_traj_shape lofted12 = {BMD_TRAJ_LOFTED, 1200e3, 0.0};
    CHECK_STATUS(solve_case("hwasong-12", "pyongyang", "guam", &lofted12), BMD_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_df41),
        cmocka_unit_test(test_other_icbms),
        cmocka_unit_test(test_shaped_long_range),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
