/*
 * test_traj_target.c: targeting (minimum-energy, lofted, depressed),
 * maximum range, and the error paths (out of reach, zero-length flight).
 *
 * Every solution is checked independently: its launch parameters are flown
 * again with bmd_traj_fly and the miss measured with bmd_geo_inverse
 * (Karney's geodesic via PROJ). Requirement (task spec): < 100 m on WGS84
 * with US76 and Earth rotation; lofted apogee within 1 km of the request.
 *
 * Test vehicles (synthetic, not catalog entries): "nodong-class", single
 * stage of the Nodong class's size as estimated in data/catalog/missiles.yaml
 * (estimates; see that file's sources), and "two-stage", plainly synthetic.
 *
 * Intercontinental range (test_icbm_*): copies of the catalog's DF-41,
 * DF-31A, Hwasong-14 and Hwasong-15 entries (data/catalog/missiles.yaml,
 * all estimates), held here so the solver test does not move when the
 * catalog is re-tuned, flown between the sites of data/sites.yaml. Each
 * solve must either converge (re-flown miss < 100 m) with the aim range
 * inside the full-burn maximum along the solved azimuth, or be out of reach
 * consistently with bmd_traj_max_range: along the reported launch azimuth
 * the longest flight lands on the launch->aim geodesic and short of the aim
 * point (docs/models/traj.md, "Targeting", step 7).
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "threats.h"

#include "bmd/atmo.h"
#include "bmd/const.h"
#include "bmd/core.h"
#include "bmd/geo.h"
#include "bmd/traj.h"

typedef struct env {
    bmd_earth e;
    bmd_atmo atm;
    bmd_traj_config cfg;
} env;

static void env_init(env *v)
{
    bmd_earth_wgs84(&v->e);
    assert_int_equal(bmd_atmo_init(&v->atm, BMD_ATMO_US76), BMD_OK);
    bmd_traj_config_init(&v->cfg, &v->e, &v->atm);
}

/* Launch and aim points (approximate public coordinates, for geometry only):
 * a point in North Hwanghae province and Busan, 533 km apart. */
#define LAUNCH_LAT (39.0 * BMD_DEG2RAD)
#define LAUNCH_LON (125.5 * BMD_DEG2RAD)
#define AIM_LAT (35.1 * BMD_DEG2RAD)
#define AIM_LON (129.0 * BMD_DEG2RAD)

/* Fly the solution again and return its miss (m) from the aim point. */
static double refly_miss(const env *v, const bmd_missile *m, const bmd_traj_solution *sol,
                         double aim_lat, double aim_lon, bmd_traj_summary *s)
{
    assert_int_equal(bmd_traj_fly(&v->cfg, m, &sol->launch, s, NULL), BMD_OK);
    double miss;
    bmd_geo_inverse(&v->e, s->impact_lat_rad, s->impact_lon_rad, aim_lat, aim_lon, &miss, NULL,
                    NULL);
    return miss;
}

static void test_shapes(void **state)
{
    (void)state;
    env v;
    env_init(&v);
    bmd_missile m;
    tst_nodong_class(&m);
    bmd_traj_solution me, lo, dp, dg;
    bmd_traj_summary s;
    bmd_errbuf err;
    /* minimum energy */
    CHECK_OK(bmd_traj_target(&v.cfg, &m, LAUNCH_LAT, LAUNCH_LON, 0.0, AIM_LAT, AIM_LON, NULL, 10.0,
                             &me, &err));
    CHECK_ABS(me.miss_m, 0.0, 10.0); /* solver tolerance, as requested */
    CHECK_ABS(refly_miss(&v, &m, &me, AIM_LAT, AIM_LON, &s), 0.0, 100.0);
    CHECK_ABS(s.apogee_alt_m, me.summary.apogee_alt_m, 0.0); /* re-flight is bit-identical */
    assert_true(me.launch.cutoff_s > 0.0 && me.launch.cutoff_s < 110.0);
    /* lofted to 300 km */
    bmd_traj_shape sh = {BMD_TRAJ_LOFTED, 300e3, 0.0};
    CHECK_OK(bmd_traj_target(&v.cfg, &m, LAUNCH_LAT, LAUNCH_LON, 0.0, AIM_LAT, AIM_LON, &sh, 10.0,
                             &lo, &err));
    CHECK_ABS(refly_miss(&v, &m, &lo, AIM_LAT, AIM_LON, &s), 0.0, 100.0);
    CHECK_ABS(s.apogee_alt_m, 300e3, 1e3); /* 1 km (task spec) */
    /* depressed to a 70 km apogee */
    sh.kind = BMD_TRAJ_DEPRESSED;
    sh.apogee_m = 70e3;
    CHECK_OK(bmd_traj_target(&v.cfg, &m, LAUNCH_LAT, LAUNCH_LON, 0.0, AIM_LAT, AIM_LON, &sh, 10.0,
                             &dp, &err));
    CHECK_ABS(refly_miss(&v, &m, &dp, AIM_LAT, AIM_LON, &s), 0.0, 100.0);
    CHECK_ABS(s.apogee_alt_m, 70e3, 1e3);
    /* depressed by burnout flight-path angle: 20 deg, to 1e-3 rad */
    sh.apogee_m = 0.0;
    sh.burnout_gamma_rad = 20.0 * BMD_DEG2RAD;
    CHECK_OK(bmd_traj_target(&v.cfg, &m, LAUNCH_LAT, LAUNCH_LON, 0.0, AIM_LAT, AIM_LON, &sh, 10.0,
                             &dg, &err));
    CHECK_ABS(refly_miss(&v, &m, &dg, AIM_LAT, AIM_LON, &s), 0.0, 100.0);
    CHECK_ABS(s.burnout_gamma_rad, 20.0 * BMD_DEG2RAD, 1e-3);
    /* minimum energy means the earliest cut-off: the other shapes burn
     * longer; and the apogees order lofted > min-energy > depressed */
    assert_true(me.launch.cutoff_s < lo.summary.cutoff_s);
    assert_true(me.launch.cutoff_s < dp.summary.cutoff_s);
    assert_true(lo.summary.apogee_alt_m > me.summary.apogee_alt_m);
    assert_true(me.summary.apogee_alt_m > dp.summary.apogee_alt_m);
    /* the kick orders the same way */
    assert_true(lo.launch.kick_rad < me.launch.kick_rad);
    assert_true(me.launch.kick_rad < dp.launch.kick_rad);
}

static void test_two_stage(void **state)
{
    (void)state;
    env v;
    env_init(&v);
    bmd_missile m;
    tst_two_stage(&m);
    bmd_traj_solution sol;
    bmd_traj_summary s;
    bmd_errbuf err;
    /* 2000 km to the south-east */
    double alat = 25.0 * BMD_DEG2RAD, alon = 140.0 * BMD_DEG2RAD;
    CHECK_OK(bmd_traj_target(&v.cfg, &m, LAUNCH_LAT, LAUNCH_LON, 0.0, alat, alon, NULL, 10.0, &sol,
                             &err));
    CHECK_ABS(refly_miss(&v, &m, &sol, alat, alon, &s), 0.0, 100.0);
}

static void test_max_range(void **state)
{
    (void)state;
    env v;
    env_init(&v);
    bmd_missile m;
    tst_nodong_class(&m);
    bmd_traj_launch l, best;
    bmd_traj_launch_init(&l, LAUNCH_LAT, LAUNCH_LON, 0.0, 140.0 * BMD_DEG2RAD);
    bmd_traj_summary s, s2;
    CHECK_OK(bmd_traj_max_range(&v.cfg, &m, &l, &best, &s, NULL));
    CHECK_ABS(best.cutoff_s, 0.0, 0.0);
    /* a maximum: kicks 0.5 deg either side fly shorter */
    for (int k = -1; k <= 1; k += 2) {
        bmd_traj_launch t = best;
        t.kick_rad += k * 0.5 * BMD_DEG2RAD;
        CHECK_OK(bmd_traj_fly(&v.cfg, &m, &t, &s2, NULL));
        assert_true(s2.range_m < s.range_m);
    }
}

static void test_unreachable(void **state)
{
    (void)state;
    env v;
    env_init(&v);
    bmd_missile m;
    tst_nodong_class(&m);
    bmd_traj_solution sol;
    bmd_errbuf err;
    /* 2500 km away: beyond reach; the message states both ranges */
    double alat = 20.0 * BMD_DEG2RAD, alon = 140.0 * BMD_DEG2RAD;
    CHECK_STATUS(bmd_traj_target(&v.cfg, &m, LAUNCH_LAT, LAUNCH_LON, 0.0, alat, alon, NULL, 10.0,
                                 &sol, &err),
                 BMD_EUNREACH);
    assert_non_null(strstr(err.msg, "beyond nodong-class's maximum"));
    assert_true(sol.aim_range_m > 2000e3 && sol.max_range_m > 1000e3 &&
                sol.max_range_m < sol.aim_range_m);
    char want[64];
    snprintf(want, sizeof want, "aim point %.0f km away", sol.aim_range_m / 1e3);
    assert_non_null(strstr(err.msg, want));
    /* apogee above what the missile can loft to at that range */
    bmd_traj_shape sh = {BMD_TRAJ_LOFTED, 2000e3, 0.0};
    CHECK_STATUS(bmd_traj_target(&v.cfg, &m, LAUNCH_LAT, LAUNCH_LON, 0.0, AIM_LAT, AIM_LON, &sh,
                                 10.0, &sol, &err),
                 BMD_EUNREACH);
    assert_non_null(strstr(err.msg, "above the highest"));
    /* depressed apogee below the lowest */
    sh.kind = BMD_TRAJ_DEPRESSED;
    sh.apogee_m = 5e3;
    CHECK_STATUS(bmd_traj_target(&v.cfg, &m, LAUNCH_LAT, LAUNCH_LON, 0.0, AIM_LAT, AIM_LON, &sh,
                                 10.0, &sol, &err),
                 BMD_EUNREACH);
    assert_non_null(strstr(err.msg, "below the lowest"));
    /* a "lofted" apogee below the minimum-energy one is a bad request */
    sh.kind = BMD_TRAJ_LOFTED;
    sh.apogee_m = 50e3;
    CHECK_STATUS(bmd_traj_target(&v.cfg, &m, LAUNCH_LAT, LAUNCH_LON, 0.0, AIM_LAT, AIM_LON, &sh,
                                 10.0, &sol, &err),
                 BMD_EINVAL);
    assert_non_null(strstr(err.msg, "minimum-energy"));
}

static void test_degenerate(void **state)
{
    (void)state;
    env v;
    env_init(&v);
    bmd_missile m;
    tst_nodong_class(&m);
    bmd_traj_solution sol;
    bmd_errbuf err;
    /* aim = launch: a clear error, no hang, no NaN */
    CHECK_STATUS(bmd_traj_target(&v.cfg, &m, LAUNCH_LAT, LAUNCH_LON, 0.0, LAUNCH_LAT, LAUNCH_LON,
                                 NULL, 10.0, &sol, &err),
                 BMD_EINVAL);
    assert_non_null(strstr(err.msg, "from the launch point"));
    CHECK_ABS(sol.aim_range_m, 0.0, 1e-6);
    /* bad arguments */
    CHECK_STATUS(bmd_traj_target(NULL, &m, 0.0, 0.0, 0.0, 0.1, 0.1, NULL, 10.0, &sol, &err),
                 BMD_EINVAL);
    CHECK_STATUS(bmd_traj_target(&v.cfg, &m, NAN, 0.0, 0.0, 0.1, 0.1, NULL, 10.0, &sol, &err),
                 BMD_EINVAL);
    bmd_traj_shape sh = {BMD_TRAJ_LOFTED, 0.0, 0.0};
    CHECK_STATUS(bmd_traj_target(&v.cfg, &m, LAUNCH_LAT, LAUNCH_LON, 0.0, AIM_LAT, AIM_LON, &sh,
                                 10.0, &sol, &err),
                 BMD_EINVAL);
    sh.kind = 7;
    CHECK_STATUS(bmd_traj_target(&v.cfg, &m, LAUNCH_LAT, LAUNCH_LON, 0.0, AIM_LAT, AIM_LON, &sh,
                                 10.0, &sol, &err),
                 BMD_EINVAL);
    /* an invalid missile is reported by the first trial flight */
    m.stage[0].burn_time_s = 0.0;
    CHECK_STATUS(bmd_traj_target(&v.cfg, &m, LAUNCH_LAT, LAUNCH_LON, 0.0, AIM_LAT, AIM_LON, NULL,
                                 10.0, &sol, &err),
                 BMD_EINVAL);
    assert_non_null(strstr(err.msg, "burn_time_s"));
}

/* ---- intercontinental range ------------------------------------------------------- */

/* The generic slender-body Cd(Mach) of the catalog's ICBM entries. */
static void catalog_cd(bmd_missile *m)
{
    static const double mach[] = {0, 0.6, 0.8, 0.95, 1.05, 1.2, 1.5, 2, 3, 4, 6, 10};
    static const double cd[] = {0.20, 0.19, 0.21, 0.30, 0.38, 0.38,
                                0.35, 0.30, 0.25, 0.22, 0.20, 0.18};
    m->cd.n = 12;
    for (int i = 0; i < 12; i++) {
        m->cd.mach[i] = mach[i];
        m->cd.cd[i] = cd[i];
    }
}

/* data/catalog/missiles.yaml entries (estimates; sources there). Stage
 * fields: gross, propellant (kg), Isp vac, sea level (s), burn (s),
 * diameter (m), coast (s). */
static void icbm(bmd_missile *m, const char *name)
{
    memset(m, 0, sizeof *m);
    snprintf(m->name, sizeof m->name, "%s", name);
    m->rv_separates = 1;
    catalog_cd(m);
    if (strcmp(name, "df-41") == 0) {
        m->n_stages = 3;
        m->stage[0] = (bmd_stage){47800.0, 43000.0, 280.0, 255.0, 70.0, 2.25, 0.0};
        m->stage[1] = (bmd_stage){20000.0, 18000.0, 295.0, 0.0, 70.0, 2.25, 0.0};
        m->stage[2] = (bmd_stage){7800.0, 7000.0, 295.0, 0.0, 60.0, 2.0, 0.0};
        m->payload_mass_kg = 2200.0;
        m->rv_mass_kg = 300.0;
        m->rv_beta_kgpm2 = 19100.0;
        m->rv_diameter_m = 0.5;
        m->vertical_rise_s = 6.0;
    } else if (strcmp(name, "df-31a") == 0) {
        m->n_stages = 3;
        m->stage[0] = (bmd_stage){23900.0, 21500.0, 275.0, 250.0, 65.0, 2.25, 0.0};
        m->stage[1] = (bmd_stage){10900.0, 9800.0, 290.0, 0.0, 65.0, 2.25, 0.0};
        m->stage[2] = (bmd_stage){4800.0, 4300.0, 290.0, 0.0, 50.0, 1.5, 0.0};
        m->payload_mass_kg = 1050.0;
        m->rv_mass_kg = 700.0;
        m->rv_beta_kgpm2 = 17400.0;
        m->rv_diameter_m = 0.8;
        m->vertical_rise_s = 6.0;
    } else if (strcmp(name, "hwasong-14") == 0) {
        m->n_stages = 2;
        m->stage[0] = (bmd_stage){20600.0, 18700.0, 300.0, 270.0, 122.0, 1.65, 0.0};
        m->stage[1] = (bmd_stage){3600.0, 3100.0, 300.0, 0.0, 120.0, 1.65, 0.0};
        m->payload_mass_kg = 475.0;
        m->rv_mass_kg = 475.0;
        m->rv_beta_kgpm2 = 6400.0;
        m->rv_diameter_m = 1.0;
        m->vertical_rise_s = 8.0;
    } else { /* hwasong-15 */
        m->n_stages = 2;
        m->stage[0] = (bmd_stage){43600.0, 40000.0, 300.0, 270.0, 129.0, 2.4, 0.0};
        m->stage[1] = (bmd_stage){8000.0, 7000.0, 300.0, 0.0, 150.0, 2.4, 0.0};
        m->payload_mass_kg = 900.0;
        m->rv_mass_kg = 900.0;
        m->rv_beta_kgpm2 = 8000.0;
        m->rv_diameter_m = 1.2;
        m->vertical_rise_s = 8.0;
    }
}

/* data/sites.yaml (deg, deg, m) */
typedef struct site {
    double lat_deg, lon_deg, alt_m;
} site;
static const site CHINA_CENTRAL = {34.62, 112.45, 0.0};
static const site CHINA_NORTHWEST = {37.37, 97.36, 2980.0};
static const site PYONGYANG = {39.02, 125.74, 0.0};
static const site NEW_YORK = {40.71, -74.01, 0.0};
static const site WASHINGTON = {38.90, -77.04, 0.0};
static const site CHICAGO = {41.88, -87.63, 0.0};
static const site LOS_ANGELES = {34.05, -118.24, 0.0};

/*
 * Solve from a to b and check the answer is one of the two honest ones;
 * returns the status. Converged: the solution re-flown misses by < 100 m
 * (task spec; solver tolerance 10 m) and the full burn along the solved
 * azimuth (bmd_traj_max_range) reaches at least the aim range (a cut-off
 * only shortens the flight). Out of reach: along the reported launch
 * azimuth bmd_traj_max_range's longest flight falls short of the aim
 * range and lands on the launch->aim geodesic, within 2e-4 rad of its
 * azimuth as seen from the launch point (the solver's criterion is 1e-4
 * rad, target.c AZ_REACH_TOL_RAD; the margin covers the kick tolerance of
 * a fresh maximum search).
 */
static int long_range_case(const env *v, const char *missile, site a, site b,
                           const bmd_traj_shape *sh, bmd_traj_solution *sol)
{
    bmd_missile m;
    icbm(&m, missile);
    bmd_errbuf err;
    double la = a.lat_deg * BMD_DEG2RAD, lo = a.lon_deg * BMD_DEG2RAD;
    double ba = b.lat_deg * BMD_DEG2RAD, bo = b.lon_deg * BMD_DEG2RAD;
    int st = bmd_traj_target(&v->cfg, &m, la, lo, a.alt_m, ba, bo, sh, 10.0, sol, &err);
    bmd_traj_launch l;
    bmd_traj_summary mr;
    if (st == BMD_OK) {
        bmd_traj_summary s;
        CHECK_ABS(refly_miss(v, &m, sol, ba, bo, &s), 0.0, 100.0);
        bmd_traj_launch_init(&l, la, lo, a.alt_m, sol->launch.azimuth_rad);
        int sm = bmd_traj_max_range(&v->cfg, &m, &l, NULL, &mr, NULL);
        /* an azimuth along which the missile can fly past the antipode
         * has no maximum range (BMD_WRANGE, the flight returned is the
         * last before half way round): anything is reachable */
        if (sm != BMD_WRANGE) CHECK_OK(sm);
        assert_true(mr.range_m >= sol->aim_range_m);
        return st;
    }
    if (st != BMD_EUNREACH) fail_msg("%s: status %d: %s", missile, st, err.msg);
    if (sh != NULL && sh->kind != BMD_TRAJ_MIN_ENERGY && strstr(err.msg, "beyond") == NULL)
        return st; /* an apogee the missile cannot fly at this range */
    assert_non_null(strstr(err.msg, "beyond"));
    bmd_traj_launch_init(&l, la, lo, a.alt_m, sol->launch.azimuth_rad);
    CHECK_OK(bmd_traj_max_range(&v->cfg, &m, &l, NULL, &mr, NULL));
    assert_true(mr.range_m < sol->aim_range_m);
    CHECK_ABS(mr.range_m, sol->max_range_m, 1e-6 * sol->max_range_m);
    double az_aim, az_imp;
    bmd_geo_inverse(&v->e, la, lo, ba, bo, NULL, &az_aim, NULL);
    bmd_geo_inverse(&v->e, la, lo, mr.impact_lat_rad, mr.impact_lon_rad, NULL, &az_imp, NULL);
    CHECK_ABS(bmd_wrap_pi(az_imp - az_aim), 0.0, 2e-4);
    return st;
}

static void test_icbm_df41(void **state)
{
    (void)state;
    env v;
    env_init(&v);
    bmd_traj_solution sol;
    /* The original bug: china-central -> New York ended in BMD_ENOCONV with
     * a 316 km miss. Along the geodesic azimuth (5.0 deg) the full burn
     * goes about 11,760 km, more than the 11,637 km aim range, but the
     * Earth turns 8.6 deg under the 34-minute flight and the impact lands
     * near 38 N 85 W, 9 deg west of the aim line as seen from the launch
     * point. The launch azimuths that bend the longest flight onto the New
     * York geodesic are near 356 deg, where it reaches only about 11,330 km
     * (the polar route gains nothing from the rotation): out of reach, and
     * long_range_case checks that claim against bmd_traj_max_range. */
    CHECK_STATUS(long_range_case(&v, "df-41", CHINA_CENTRAL, NEW_YORK, NULL, &sol), BMD_EUNREACH);
    long_range_case(&v, "df-41", CHINA_CENTRAL, WASHINGTON, NULL, &sol);
    long_range_case(&v, "df-41", CHINA_CENTRAL, CHICAGO, NULL, &sol);
    /* Los Angeles (10,756 km) lies well inside the reach along the turned
     * azimuth (about 13,600 km toward the east-north-east): it converges. */
    CHECK_OK(long_range_case(&v, "df-41", CHINA_CENTRAL, LOS_ANGELES, NULL, &sol));
    /* the azimuth was turned by the rotation correction: the solution's
     * launch azimuth differs from the geodesic one by degrees, not
     * hundredths */
    double az_aim;
    bmd_geo_inverse(&v.e, CHINA_CENTRAL.lat_deg * BMD_DEG2RAD, CHINA_CENTRAL.lon_deg * BMD_DEG2RAD,
                    LOS_ANGELES.lat_deg * BMD_DEG2RAD, LOS_ANGELES.lon_deg * BMD_DEG2RAD, NULL,
                    &az_aim, NULL);
    assert_true(fabs(bmd_wrap_pi(sol.launch.azimuth_rad - az_aim)) > 2.0 * BMD_DEG2RAD);
}

static void test_icbm_others(void **state)
{
    (void)state;
    env v;
    env_init(&v);
    bmd_traj_solution sol;
    long_range_case(&v, "df-31a", CHINA_NORTHWEST, LOS_ANGELES, NULL, &sol);
    long_range_case(&v, "df-31a", CHINA_CENTRAL, CHICAGO, NULL, &sol);
    long_range_case(&v, "hwasong-15", PYONGYANG, WASHINGTON, NULL, &sol);
    long_range_case(&v, "hwasong-14", PYONGYANG, LOS_ANGELES, NULL, &sol);
    /* Hwasong-15 toward Los Angeles: along that eastward azimuth the
     * catalog model flies past the antipode (or into orbit) at the flatter
     * kicks, where the geodesic distance shrinks again or there is no
     * impact. The solver unwraps the range and converges on the
     * 9,580 km shot. */
    CHECK_OK(long_range_case(&v, "hwasong-15", PYONGYANG, LOS_ANGELES, NULL, &sol));
    assert_true(sol.max_range_m > sol.aim_range_m);
}

static void test_icbm_shaped(void **state)
{
    (void)state;
    env v;
    env_init(&v);
    bmd_traj_solution sol;
    bmd_traj_summary s;
    bmd_missile m;
    icbm(&m, "df-41");
    /* lofted to 2,000 km and depressed to 500 km apogee at 10,756 km; the
     * apogee to 1 km (task spec), checked on the re-flown solution */
    bmd_traj_shape lofted = {BMD_TRAJ_LOFTED, 2000e3, 0.0};
    CHECK_OK(long_range_case(&v, "df-41", CHINA_CENTRAL, LOS_ANGELES, &lofted, &sol));
    refly_miss(&v, &m, &sol, LOS_ANGELES.lat_deg * BMD_DEG2RAD, LOS_ANGELES.lon_deg * BMD_DEG2RAD,
               &s);
    CHECK_ABS(s.apogee_alt_m, 2000e3, 1e3);
    bmd_traj_shape depressed = {BMD_TRAJ_DEPRESSED, 500e3, 0.0};
    CHECK_OK(long_range_case(&v, "df-41", CHINA_CENTRAL, LOS_ANGELES, &depressed, &sol));
    refly_miss(&v, &m, &sol, LOS_ANGELES.lat_deg * BMD_DEG2RAD, LOS_ANGELES.lon_deg * BMD_DEG2RAD,
               &s);
    CHECK_ABS(s.apogee_alt_m, 500e3, 1e3);
    /* a shaped shot at an unreachable aim point is out of reach too, never
     * BMD_ENOCONV */
    CHECK_STATUS(long_range_case(&v, "df-41", CHINA_CENTRAL, NEW_YORK, &lofted, &sol),
                 BMD_EUNREACH);
}

static void test_max_range_past_antipode(void **state)
{
    (void)state;
    env v;
    env_init(&v);
    bmd_missile m;
    icbm(&m, "hwasong-15");
    /* Along azimuth 55 deg from Pyongyang the catalog Hwasong-15 flies past
     * the antipode at kicks near 15-17 deg (flights of 19,000 km and more
     * that come down nearer again): there is no maximum range. The warning
     * BMD_WRANGE says so, and the flight returned is the last full burn
     * whose ground track stays within half way round: it comes down, its
     * range below half the WGS84 meridian (20,004 km, NGA TR8350.2) and
     * above the 13,000 km published minimum-energy range (catalog). Before
     * issue 11 this was BMD_ELIMIT, and `bmdsim trajectory --missile
     * hwasong-15 --from pyongyang --azimuth 45deg` (a --help example)
     * exited 1. */
    bmd_traj_launch l, best;
    bmd_traj_launch_init(&l, PYONGYANG.lat_deg * BMD_DEG2RAD, PYONGYANG.lon_deg * BMD_DEG2RAD, 0.0,
                         55.0 * BMD_DEG2RAD);
    bmd_errbuf err;
    bmd_traj_summary s;
    CHECK_STATUS(bmd_traj_max_range(&v.cfg, &m, &l, &best, &s, &err), BMD_WRANGE);
    assert_non_null(strstr(err.msg, "antipode"));
    assert_int_equal(s.impacted, 1);
    assert_true(s.range_m > 13000e3 && s.range_m < 20004e3);
    assert_true(best.kick_rad > 0.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shapes),
        cmocka_unit_test(test_two_stage),
        cmocka_unit_test(test_max_range),
        cmocka_unit_test(test_unreachable),
        cmocka_unit_test(test_degenerate),
        cmocka_unit_test(test_icbm_df41),
        cmocka_unit_test(test_icbm_others),
        cmocka_unit_test(test_icbm_shaped),
        cmocka_unit_test(test_max_range_past_antipode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
