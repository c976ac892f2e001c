/*
 * test_geo.c: Earth models, geodetic <-> ECEF, ENU/AER, ECEF <-> ECI,
 * geodesics, radius of curvature.
 *
 * Tolerances on round trips are set by double precision: an ECEF coordinate
 * of magnitude |r| is only representable to eps |r| / 2 (eps = 2.2e-16), i.e.
 * 0.5 nm at the Earth's surface and 5 nm at 4.6e7 m (40,000 km altitude), so
 * a round trip is checked to RT_TOL(|r|) = 1e-9 m + 4 eps |r|.
 */
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#include "bmd/const.h"
#include "bmd/geo.h"
#include "geo/geo_internal.h"

#define D2R BMD_DEG2RAD
#define RT_TOL(rn) (1e-9 + 4.0 * DBL_EPSILON * (rn))

static double norm3(const double v[3])
{
    return sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
}

/* ------------------------------------------------------------------------ */
/* Earth models */

static void test_earth_models(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    /* Defining parameters, NGA TR8350.2 (3rd ed.) table 3.1: exact copies. */
    CHECK_ABS(e.a_m, 6378137.0, 0.0);
    CHECK_REL(e.f, 1.0 / 298.257223563, 1e-16);
    CHECK_ABS(e.gm_m3ps2, 3.986004418e14, 0.0);
    CHECK_ABS(e.omega_radps, 7.292115e-5, 0.0);
    /* Derived constants, NGA TR8350.2 table 3.3: b = 6356752.3142 m (given to
     * 0.1 mm, so 1e-4 m), e^2 = 6.69437999014e-3 (given to 1e-14). */
    CHECK_ABS(e.b_m, 6356752.3142, 1e-4);
    CHECK_ABS(e.e2, 6.69437999014e-3, 1e-14);
    CHECK_ABS(e.j2, BMD_WGS84_J2, 0.0);
    CHECK_ABS(e.j3, 0.0, 0.0);
    CHECK_ABS(e.j4, 0.0, 0.0);

    /* Textbook sphere (REFERENCES.md, Bate, Mueller & White 1971 ch. 6):
     * R = 6371 km, mu = 398600.4418 km^3/s^2, no flattening, no harmonics. */
    bmd_earth_sphere(&e);
    CHECK_ABS(e.a_m, 6371000.0, 0.0);
    CHECK_ABS(e.b_m, 6371000.0, 0.0);
    CHECK_ABS(e.f, 0.0, 0.0);
    CHECK_ABS(e.e2, 0.0, 0.0);
    CHECK_ABS(e.gm_m3ps2, 398600.4418e9, 0.0);
    CHECK_ABS(e.j2, 0.0, 0.0);

    /* A custom model: b = a (1 - f), e^2 = f (2 - f) by definition; 1e-16 rel. */
    CHECK_OK(bmd_earth_init(&e, 6378137.0, 1.0 / 300.0, 3.9e14, 0.0, 1e-3));
    CHECK_REL(e.b_m, 6378137.0 * (1.0 - 1.0 / 300.0), 1e-16);
    CHECK_REL(e.e2, (1.0 / 300.0) * (2.0 - 1.0 / 300.0), 1e-15);
    CHECK_ABS(e.j2, 1e-3, 0.0);
    CHECK_ABS(e.j3, 0.0, 0.0);
    CHECK_ABS(e.omega_radps, 0.0, 0.0);
}

static void test_earth_init_errors(void **state)
{
    (void)state;
    bmd_earth e, saved;
    bmd_earth_wgs84(&e);
    saved = e;
    /* Each invalid argument is rejected and leaves the model untouched. */
    CHECK_STATUS(bmd_earth_init(&e, 0.0, 0.0, 3.9e14, 0.0, 0.0), BMD_EINVAL);
    CHECK_STATUS(bmd_earth_init(&e, -1.0, 0.0, 3.9e14, 0.0, 0.0), BMD_EINVAL);
    CHECK_STATUS(bmd_earth_init(&e, NAN, 0.0, 3.9e14, 0.0, 0.0), BMD_EINVAL);
    CHECK_STATUS(bmd_earth_init(&e, INFINITY, 0.0, 3.9e14, 0.0, 0.0), BMD_EINVAL);
    CHECK_STATUS(bmd_earth_init(&e, 6e6, -1e-3, 3.9e14, 0.0, 0.0), BMD_EINVAL);
    CHECK_STATUS(bmd_earth_init(&e, 6e6, 1.0, 3.9e14, 0.0, 0.0), BMD_EINVAL);
    CHECK_STATUS(bmd_earth_init(&e, 6e6, NAN, 3.9e14, 0.0, 0.0), BMD_EINVAL);
    CHECK_STATUS(bmd_earth_init(&e, 6e6, 0.0, 0.0, 0.0, 0.0), BMD_EINVAL);
    CHECK_STATUS(bmd_earth_init(&e, 6e6, 0.0, -3.9e14, 0.0, 0.0), BMD_EINVAL);
    CHECK_STATUS(bmd_earth_init(&e, 6e6, 0.0, NAN, 0.0, 0.0), BMD_EINVAL);
    CHECK_STATUS(bmd_earth_init(&e, 6e6, 0.0, 3.9e14, NAN, 0.0), BMD_EINVAL);
    CHECK_STATUS(bmd_earth_init(&e, 6e6, 0.0, 3.9e14, 0.0, INFINITY), BMD_EINVAL);
    CHECK_STATUS(bmd_earth_init(NULL, 6e6, 0.0, 3.9e14, 0.0, 0.0), BMD_EINVAL);
    assert_memory_equal(&e, &saved, sizeof e);
    /* Limits that are valid: a sphere, a non-rotating or retrograde body. */
    CHECK_OK(bmd_earth_init(&e, 1.0, 0.0, 1.0, -1e-3, -1e-3));
}

/* ------------------------------------------------------------------------ */
/* Geodetic <-> ECEF */

static void test_geodetic_reference_point(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    double r[3], lat, lon, h;
    /* REFERENCES.md (WGS84 section; NGA TR8350.2 ellipsoid):
     * (42 deg, -82 deg, 200 m) -> (660675.2518, -4700948.6832, 4245737.6622) m.
     * Published to 0.1 mm; tolerance 1 mm. */
    bmd_geo_to_ecef(&e, 42.0 * D2R, -82.0 * D2R, 200.0, r);
    CHECK_ABS(r[0], 660675.2518, 1e-3);
    CHECK_ABS(r[1], -4700948.6832, 1e-3);
    CHECK_ABS(r[2], 4245737.6622, 1e-3);

    /* Back from the published ECEF: 1 mm in position, i.e. 1e-3 m / 6.3e6 m
     * = 1.6e-10 rad in the angles, 1 mm in height. */
    const double pub[3] = {660675.2518, -4700948.6832, 4245737.6622};
    bmd_geo_from_ecef(&e, pub, &lat, &lon, &h);
    CHECK_ABS(lat, 42.0 * D2R, 1.6e-10);
    CHECK_ABS(lon, -82.0 * D2R, 1.6e-10);
    CHECK_ABS(h, 200.0, 1e-3);

    /* Back from our own ECEF: exact to rounding (1e-14 rad, RT_TOL). */
    bmd_geo_from_ecef(&e, r, &lat, &lon, &h);
    CHECK_ABS(lat, 42.0 * D2R, 1e-14);
    CHECK_ABS(lon, -82.0 * D2R, 1e-14);
    CHECK_ABS(h, 200.0, RT_TOL(norm3(r)));
}

static void test_geodetic_special_points(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    const double a = e.a_m, b = e.b_m;
    double lat, lon, h;

    /* REFERENCES.md WGS84: (a, 0, 0) -> (0, 0, 0). Exact (1e-9 m). */
    const double eq[3] = {a, 0.0, 0.0};
    bmd_geo_from_ecef(&e, eq, &lat, &lon, &h);
    CHECK_ABS(lat, 0.0, 0.0);
    CHECK_ABS(lon, 0.0, 0.0);
    CHECK_ABS(h, 0.0, 1e-9);

    /* REFERENCES.md WGS84: (0, 0, b) -> (90 deg, 0, 0); lat exactly pi/2. */
    const double np[3] = {0.0, 0.0, b};
    bmd_geo_from_ecef(&e, np, &lat, &lon, &h);
    CHECK_ABS(lat, BMD_PI / 2.0, 0.0);
    CHECK_ABS(lon, 0.0, 0.0);
    CHECK_ABS(h, 0.0, 1e-9);
    /* South pole, with negative zeros in x and y: lon must still be +0. */
    const double sp[3] = {-0.0, -0.0, -b - 1000.0};
    bmd_geo_from_ecef(&e, sp, &lat, &lon, &h);
    CHECK_ABS(lat, -BMD_PI / 2.0, 0.0);
    CHECK_ABS(lon, 0.0, 0.0);
    assert_false(signbit(lon));
    CHECK_ABS(h, 1000.0, 1e-9);

    /* REFERENCES.md WGS84: inside the ellipsoid, (0.1 a, 0, 0) -> (0, 0, -0.9 a).
     * 0.1 a > a e^2 = 42.7 km, outside the evolute, so the equator is the
     * nearest foot; 1e-9 m. */
    const double in[3] = {0.1 * a, 0.0, 0.0};
    bmd_geo_from_ecef(&e, in, &lat, &lon, &h);
    CHECK_ABS(lat, 0.0, 0.0);
    CHECK_ABS(lon, 0.0, 0.0);
    CHECK_ABS(h, -0.9 * a, 1e-9);

    /* The centre: the nearest points are the poles, distance b. No NaN. */
    const double c0[3] = {0.0, 0.0, 0.0};
    bmd_geo_from_ecef(&e, c0, &lat, &lon, &h);
    CHECK_ABS(lat, BMD_PI / 2.0, 0.0);
    CHECK_ABS(lon, 0.0, 0.0);
    CHECK_ABS(h, -b, 1e-9);

    /* Inside the evolute on the equatorial plane (p = 1 km < a e^2): the
     * nearest foot has cos u = a p / (a^2 - b^2) (the stationarity condition
     * a p sin u - (a^2 - b^2) sin u cos u = 0 with sin u != 0), tan lat =
     * (a/b) tan u, and h = -|(p, 0) - (a cos u, b sin u)|. 1e-14 rad, 1e-9 m. */
    const double ev[3] = {1000.0, 0.0, 0.0};
    double cu = a * 1000.0 / ((a - b) * (a + b)), su = sqrt(1.0 - cu * cu);
    bmd_geo_from_ecef(&e, ev, &lat, &lon, &h);
    CHECK_ABS(lat, atan2(a * su, b * cu), 1e-14);
    CHECK_ABS(h, -hypot(1000.0 - a * cu, b * su), 1e-9);
    /* z = -0 picks the southern foot (signed zero kept). */
    const double evs[3] = {1000.0, 0.0, -0.0};
    bmd_geo_from_ecef(&e, evs, &lat, NULL, NULL);
    CHECK_ABS(lat, -atan2(a * su, b * cu), 1e-14);

    /* Extreme magnitudes stay finite: 1e-200 m from the centre is the
     * centre to double precision (pi/2, -b); at 1e200 m the geodetic and
     * geocentric latitudes agree to 1e-196 rad and h = |r| to rounding. */
    const double tiny[3] = {1e-200, 1e-200, 1e-200};
    bmd_geo_from_ecef(&e, tiny, &lat, &lon, &h);
    CHECK_ABS(lat, BMD_PI / 2.0, 0.0);
    CHECK_ABS(lon, BMD_PI / 4.0, 1e-15);
    CHECK_ABS(h, -b, 1e-9);
    const double huge[3] = {3e200, 0.0, 4e200};
    bmd_geo_from_ecef(&e, huge, &lat, &lon, &h);
    CHECK_ABS(lat, atan2(4.0, 3.0), 1e-15);
    CHECK_REL(h, 5e200, 1e-15);

    /* NULL outputs are allowed. */
    bmd_geo_from_ecef(&e, eq, NULL, NULL, NULL);
}

static void test_geodetic_signs_and_dateline(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    const double a = e.a_m;
    double lat, lon, h, r[3];

    /* Signed zero: y = -0 gives lon = -0, z = -0 gives lat = -0 (exact). */
    const double p1[3] = {a, -0.0, -0.0};
    bmd_geo_from_ecef(&e, p1, &lat, &lon, &h);
    CHECK_ABS(lat, 0.0, 0.0);
    CHECK_ABS(lon, 0.0, 0.0);
    assert_true(signbit(lat));
    assert_true(signbit(lon));
    /* geo_to_ecef keeps the sign of a zero latitude in z. */
    bmd_geo_to_ecef(&e, -0.0, 0.0, 0.0, r);
    assert_true(signbit(r[2]));

    /* +-180 deg: (-a, +0, 0) -> lon = +pi, (-a, -0, 0) -> lon = -pi (exact,
     * the atan2 convention, IEEE 754 / C11 F.10.1.4). */
    const double p2[3] = {-a, 0.0, 0.0}, p3[3] = {-a, -0.0, 0.0};
    bmd_geo_from_ecef(&e, p2, &lat, &lon, &h);
    CHECK_ABS(lon, BMD_PI, 0.0);
    CHECK_ABS(h, 0.0, 1e-9);
    bmd_geo_from_ecef(&e, p3, &lat, &lon, &h);
    CHECK_ABS(lon, -BMD_PI, 0.0);

    /* lon = +-pi map to the same point, and back to |lon| = pi (1e-15 rad).
     * The double nearest pi is 1.2e-16 rad short of it, so y = +-0.75 nm
     * instead of 0: tolerance RT_TOL(a) = 6.7 nm. */
    double rp[3], rm[3];
    bmd_geo_to_ecef(&e, 0.3, BMD_PI, 500.0, rp);
    bmd_geo_to_ecef(&e, 0.3, -BMD_PI, 500.0, rm);
    for (int i = 0; i < 3; i++)
        CHECK_ABS(rp[i], rm[i], RT_TOL(a));
    bmd_geo_from_ecef(&e, rp, &lat, &lon, &h);
    CHECK_ABS(fabs(lon), BMD_PI, 1e-15);
    CHECK_ABS(lat, 0.3, 1e-15);

    /* Mirror symmetry: (x, y, -z) has latitude exactly -lat. */
    const double q[3] = {3e6, -2e6, 4e6}, qm[3] = {3e6, -2e6, -4e6};
    double lat2, h2;
    bmd_geo_from_ecef(&e, q, &lat, &lon, &h);
    bmd_geo_from_ecef(&e, qm, &lat2, NULL, &h2);
    CHECK_ABS(lat2, -lat, 0.0);
    CHECK_ABS(h2, h, 0.0);
}

/* lat/lon/h -> ECEF -> lat/lon/h on a grid from -5 km to 40,000 km. */
static void roundtrip_grid(const bmd_earth *e)
{
    const double hs[] = {-5e3, 0.0, 1.0, 200.0, 1e4, 1e5, 1e6, 3.5786e7, 4e7};
    double worst_lat = 0.0, worst_h = 0.0;
    for (size_t ih = 0; ih < sizeof hs / sizeof hs[0]; ih++) {
        for (int ila = -90; ila <= 90; ila += 3) {
            for (int ilo = -180; ilo <= 180; ilo += 15) {
                double lat0 = ila * D2R, lon0 = ilo * D2R, r[3], lat, lon, h, r2[3];
                bmd_geo_to_ecef(e, lat0, lon0, hs[ih], r);
                bmd_geo_from_ecef(e, r, &lat, &lon, &h);
                double rn = norm3(r);
                /* 1e-14 rad in latitude (0.06 nm at the surface). */
                CHECK_ABS(lat, lat0, 1e-14);
                /* Longitude is defined off the axis; at +-180 deg either sign. */
                if (abs(ila) != 90) {
                    double dlon = fabs(lon - lon0);
                    if (abs(ilo) == 180) dlon = fabs(fabs(lon) - BMD_PI);
                    CHECK_ABS(dlon, 0.0, 1e-14);
                }
                CHECK_ABS(h, hs[ih], RT_TOL(rn));
                /* And ECEF -> geodetic -> ECEF. */
                bmd_geo_to_ecef(e, lat, lon, h, r2);
                for (int k = 0; k < 3; k++)
                    CHECK_ABS(r2[k], r[k], RT_TOL(rn));
                if (fabs(lat - lat0) > worst_lat) worst_lat = fabs(lat - lat0);
                if (fabs(h - hs[ih]) > worst_h) worst_h = fabs(h - hs[ih]);
            }
        }
    }
    print_message("  geodetic round trip (f = %g): worst |dlat| %.2g rad, |dh| %.2g m\n", e->f,
                  worst_lat, worst_h);
}

static void test_geodetic_roundtrip_grid(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    roundtrip_grid(&e);
    bmd_earth_sphere(&e);
    roundtrip_grid(&e);
    /* A strongly flattened body (f = 0.3) exercises the iteration harder. */
    assert_int_equal(bmd_earth_init(&e, 6378137.0, 0.3, 3.986004418e14, 0.0, 0.0), BMD_OK);
    roundtrip_grid(&e);
}

/* Points deep inside (down to the centre): the result must reproduce the
 * point, and |h| must be the shortest distance to the ellipsoid. */
static void test_geodetic_interior(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    const double a = e.a_m, b = e.b_m;
    const double scales[] = {1e-12, 1e-6, 1.0, 1e3, 3e4, 4.27e4, 1e5, 1e6, 5e6, 6.3e6};
    for (size_t is = 0; is < sizeof scales / sizeof scales[0]; is++) {
        for (int ang = 1; ang < 90; ang += 8) {
            double t = ang * D2R, s = scales[is];
            double r[3] = {s * cos(t) * 0.6, s * cos(t) * 0.8, s * sin(t)}, lat, lon, h, r2[3];
            bmd_geo_from_ecef(&e, r, &lat, &lon, &h);
            assert_true(isfinite(lat) && isfinite(lon) && isfinite(h));
            /* The point lies on the normal at the foot, |h| away (RT_TOL(a):
             * the foot point is of size a). */
            bmd_geo_to_ecef(&e, lat, lon, h, r2);
            for (int k = 0; k < 3; k++)
                CHECK_ABS(r2[k], r[k], RT_TOL(a));
            /* Global minimum: no sampled point of the meridian ellipse is
             * nearer than |h| (+1e-9 m); 3601 samples of u in [-pi/2, pi/2]. */
            double p = hypot(r[0], r[1]);
            for (int k = 0; k <= 3600; k++) {
                double u = -BMD_PI / 2.0 + BMD_PI * k / 3600.0;
                double d = hypot(p - a * cos(u), r[2] - b * sin(u));
                if (d < fabs(h) - 1e-9) fail_msg("nearer foot at u = %g: %.12g < %.12g", u, d, -h);
            }
        }
    }
}

/*
 * Independent reference for ECEF -> geodetic: bisection in long double on the
 * sign of g(u) = a p sin u - b z cos u - (a^2 - b^2) sin u cos u, which has a
 * single root in (0, pi/2) for p, z > 0 (g / (sin u cos u) = a p sec u - b z
 * csc u - (a^2 - b^2) is strictly increasing there); tan lat = (a/b) tan u,
 * h = (p - a cos u) cos lat + (z - b sin u) sin lat (the normal at the foot).
 */
static void ref_geodetic(const bmd_earth *e, double p, double z, double *lat, double *h)
{
    long double a = e->a_m, b = e->b_m, lo = 0.0L, hi = 1.5707963267948966192313216916L;
    for (int i = 0; i < 200 && hi - lo > 0.0L; i++) {
        long double u = 0.5L * (lo + hi);
        if (u == lo || u == hi) break;
        long double g = a * p * sinl(u) - b * z * cosl(u) - (a - b) * (a + b) * sinl(u) * cosl(u);
        if (g > 0.0L)
            hi = u;
        else
            lo = u;
    }
    long double u = 0.5L * (lo + hi), cu = cosl(u), su = sinl(u);
    long double phi = atan2l(a * su, b * cu);
    *lat = (double)phi;
    *h = (double)((p - a * cu) * cosl(phi) + (z - b * su) * sinl(phi));
}

static void test_geodetic_vs_reference(void **state)
{
    (void)state;
    /* 4000 pseudo-random points, |r| log-uniform from 1e-9 m to 1e9 m (the
     * centre to 2.5 lunar distances), all directions; WGS84 and f = 0.3.
     * Tolerances: 1e-14 rad in latitude; RT_TOL(max(|r|, a)) in height (the
     * foot point itself has size ~a). */
    bmd_earth es[2];
    bmd_earth_wgs84(&es[0]);
    assert_int_equal(bmd_earth_init(&es[1], 6378137.0, 0.3, 3.986004418e14, 0.0, 0.0), BMD_OK);
    unsigned long long x = 88172645463325252ULL; /* xorshift64 (Marsaglia 2003) */
    double worst_lat = 0.0, worst_h = 0.0;
    for (int k = 0; k < 2; k++) {
        const bmd_earth *e = &es[k];
        for (int i = 0; i < 2000; i++) {
            double uu[3];
            for (int j = 0; j < 3; j++) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                uu[j] = (double)(x >> 11) * 0x1.0p-53;
            }
            double rn = pow(10.0, -9.0 + 18.0 * uu[0]);
            double zc = 2.0 * uu[1] - 1.0, lon0 = (2.0 * uu[2] - 1.0) * BMD_PI;
            double pc = sqrt(1.0 - zc * zc);
            double r[3] = {rn * pc * cos(lon0), rn * pc * sin(lon0), rn * zc};
            double lat, lon, h, lat_ref, h_ref;
            bmd_geo_from_ecef(e, r, &lat, &lon, &h);
            ref_geodetic(e, hypot(r[0], r[1]), fabs(r[2]), &lat_ref, &h_ref);
            lat_ref = copysign(lat_ref, r[2]);
            CHECK_ABS(lat, lat_ref, 1e-14);
            CHECK_ABS(h, h_ref, RT_TOL(fmax(rn, e->a_m)));
            if (fabs(lat - lat_ref) > worst_lat) worst_lat = fabs(lat - lat_ref);
            if (fabs(h - h_ref) > worst_h) worst_h = fabs(h - h_ref);
        }
    }
    print_message("  vs long-double bisection: worst |dlat| %.2g rad, |dh| %.2g m\n", worst_lat,
                  worst_h);
}

/* The heights of the geodetic grids below (m): inside the Earth, at the
 * surface, through the atmosphere's kinks and out to 9e7 m. */
static const double grid_h_m[] = {-1e5, -5e3, 0.0, 100.0, 1e4, 5e4, 8.6e4, 1.5e5,
                                  3e5,  6e5,  1e6, 1.5e6, 3e6, 1e7, 3e7,   9e7};

/*
 * bmd_geo_height against the long-double bisection reference: a latitude x
 * height grid, geodetic latitude every 0.5 deg from -90 to 90 deg (both
 * poles and the equator exactly), heights from -100 km to 10,000 km and on
 * to 1e8 m, plus |r| just above a/2, where the fast path ends. Bounds (the
 * documented ones, bmd/geo.h): 1e-8 m up to 10,000 km, 1e-7 m beyond,
 * 1e-7 m at |r| = a/2 (3,190 km below the surface); a
 * sphere (f = 0) takes the exact path, checked to RT_TOL(a).
 */
static void test_height_fast(void **state)
{
    (void)state;
    bmd_earth e, sph;
    bmd_earth_wgs84(&e);
    bmd_earth_sphere(&sph);
    double worst_near = 0.0, worst_far = 0.0, worst_deep = 0.0;
    for (int i = 0; i <= 360; i++) {
        double lat = (-90.0 + 0.5 * i) * D2R, lon = (0.37 * i - 60.0) * D2R;
        for (size_t k = 0; k < sizeof grid_h_m / sizeof grid_h_m[0]; k++) {
            double r[3], lat_ref, h_ref;
            bmd_geo_to_ecef(&e, lat, lon, grid_h_m[k], r);
            ref_geodetic(&e, hypot(r[0], r[1]), fabs(r[2]), &lat_ref, &h_ref);
            double d = fabs(bmd_geo_height(&e, r) - h_ref);
            /* never "certainly above" a height the point is below; certain
             * once |r| - a clears it (the pole is 21.4 km inside a) */
            if (grid_h_m[k] < 1e6) assert_int_equal(bmd_geo_maybe_below(&e, r, 1e6), 1);
            if (grid_h_m[k] >= 1e6 + 21385.0) assert_int_equal(bmd_geo_maybe_below(&e, r, 1e6), 0);
            if (grid_h_m[k] <= 1e7) {
                CHECK_ABS(bmd_geo_height(&e, r), h_ref, 1e-8);
                worst_near = fmax(worst_near, d);
            } else {
                CHECK_ABS(bmd_geo_height(&e, r), h_ref, 1e-7);
                worst_far = fmax(worst_far, d);
            }
            bmd_geo_to_ecef(&sph, lat, lon, grid_h_m[k], r);
            CHECK_ABS(bmd_geo_height(&sph, r), grid_h_m[k], RT_TOL(sph.a_m + fabs(grid_h_m[k])));
        }
        /* just outside |r| = a/2 (fast) and just inside (exact path) */
        for (int j = 0; j < 2; j++) {
            double rn = e.a_m * (j == 0 ? 0.5000001 : 0.4999999), lat_ref, h_ref;
            double r[3] = {rn * cos(lat) * cos(lon), rn * cos(lat) * sin(lon), rn * sin(lat)};
            ref_geodetic(&e, hypot(r[0], r[1]), fabs(r[2]), &lat_ref, &h_ref);
            CHECK_ABS(bmd_geo_height(&e, r), h_ref, 1e-7);
            worst_deep = fmax(worst_deep, fabs(bmd_geo_height(&e, r) - h_ref));
        }
    }
    print_message("  bmd_geo_height vs reference: worst %.2g m to 10,000 km, %.2g m beyond, "
                  "%.2g m at |r| = a/2\n",
                  worst_near, worst_far, worst_deep);
}

/*
 * bmd__geo_height_fast (bmd_geo_height's step in another form) against the
 * long-double bisection reference on the grid of test_height_fast, both
 * signs of z, with bmd_geo_height's bounds (bmd/geo.h): 1e-8 m up to
 * 10,000 km, 1e-7 m beyond and at |r| = a/2; within 1e-8 m of
 * bmd_geo_height itself from -5 km to 1000 km (the fly-out's atmosphere,
 * where the two meet in the kink stepping of src/traj/flight.c); a sphere
 * takes bmd_geo_height's path (tolerance 0).
 */
static void test_height_fast_form(void **state)
{
    (void)state;
    bmd_earth e, sph;
    bmd_earth_wgs84(&e);
    bmd_earth_sphere(&sph);
    bmd__geo_hconst k, ks;
    bmd__geo_hconst_init(&e, &k);
    bmd__geo_hconst_init(&sph, &ks);
    double worst_near = 0.0, worst_far = 0.0, worst_deep = 0.0, worst_atm = 0.0;
    double worst_n[3] = {0.0, 0.0, 0.0};
    for (int i = 0; i <= 360; i++) {
        double lat = (-90.0 + 0.5 * i) * D2R, lon = (0.37 * i - 60.0) * D2R;
        for (size_t j = 0; j < sizeof grid_h_m / sizeof grid_h_m[0]; j++) {
            double r[3], lat_ref, h_ref;
            bmd_geo_to_ecef(&e, lat, lon, grid_h_m[j], r);
            ref_geodetic(&e, hypot(r[0], r[1]), fabs(r[2]), &lat_ref, &h_ref);
            double h = bmd__geo_height_fast(&e, &k, r), d = fabs(h - h_ref);
            if (grid_h_m[j] <= 1e7) {
                CHECK_ABS(h, h_ref, 1e-8);
                worst_near = fmax(worst_near, d);
            } else {
                CHECK_ABS(h, h_ref, 1e-7);
                worst_far = fmax(worst_far, d);
            }
            bmd_geo_to_ecef(&sph, lat, lon, grid_h_m[j], r);
            CHECK_ABS(bmd__geo_height_fast(&sph, &ks, r), bmd_geo_height(&sph, r), 0.0);
        }
        for (int j = 0; j < 2; j++) {
            double rn = e.a_m * (j == 0 ? 0.5000001 : 0.4999999), lat_ref, h_ref;
            double r[3] = {rn * cos(lat) * cos(lon), rn * cos(lat) * sin(lon), rn * sin(lat)};
            ref_geodetic(&e, hypot(r[0], r[1]), fabs(r[2]), &lat_ref, &h_ref);
            CHECK_ABS(bmd__geo_height_fast(&e, &k, r), h_ref, 1e-7);
            worst_deep = fmax(worst_deep, fabs(bmd__geo_height_fast(&e, &k, r) - h_ref));
        }
        for (double h = -5e3; h <= 1e6; h += 997.0) {
            double r[3];
            bmd_geo_to_ecef(&e, lat, lon, h, r);
            double d = fabs(bmd__geo_height_fast(&e, &k, r) - bmd_geo_height(&e, r));
            CHECK_ABS(bmd__geo_height_fast(&e, &k, r), bmd_geo_height(&e, r), 1e-8);
            worst_atm = fmax(worst_atm, d);
        }
        /* the normal of the step's foot against bmd_geo_height_normal's
         * (Newton-polished foot): the step's latitude error, which grows
         * with height (bounds of geo_internal.h: 2e-11 to 100 km, 1e-9 to
         * 1000 km, 1e-8 to 10,000 km); the height as bmd__geo_height_fast
         * to a rounding or two (1e-9 m + 4 eps h) */
        for (int m = -2; m < 30; m++) { /* -5 km, 0, then 1 km up in steps of 37 % */
            double r[3], n[3], nref[3], h = m == -2 ? -5e3 : (m == -1 ? 0.0 : 1e3 * pow(1.37, m));
            bmd_geo_to_ecef(&e, lat, lon, h, r);
            double hn = bmd__geo_height_normal_fast(&e, r, n);
            (void)bmd_geo_height_normal(&e, r, nref);
            double tol = h <= 1e5 ? 2e-11 : (h <= 1e6 ? 1e-9 : 1e-8);
            for (int j = 0; j < 3; j++)
                CHECK_ABS(n[j], nref[j], tol);
            CHECK_ABS(hn, bmd__geo_height_fast(&e, &k, r), 1e-9 + 4.0 * DBL_EPSILON * h);
            int band = h <= 1e5 ? 0 : (h <= 1e6 ? 1 : 2);
            for (int j = 0; j < 3; j++)
                worst_n[band] = fmax(worst_n[band], fabs(n[j] - nref[j]));
        }
    }
    print_message("  bmd__geo_height_fast vs reference: worst %.2g m to 10,000 km, %.2g m "
                  "beyond, %.2g m at |r| = a/2; vs bmd_geo_height below 1000 km %.2g m\n",
                  worst_near, worst_far, worst_deep, worst_atm);
    print_message("  bmd__geo_height_normal_fast's normal vs bmd_geo_height_normal: worst "
                  "component %.2g to 100 km, %.2g to 1000 km, %.2g to 10,000 km\n",
                  worst_n[0], worst_n[1], worst_n[2]);
}

/*
 * bmd_geo_foot against the long-double bisection reference (the foot of the
 * reference latitude, bmd_geo_to_ecef(lat_ref, lon, 0)) on the grid of
 * test_height_fast, both signs of z, the equator, the poles and a sphere.
 * Bounds: the foot within 1e-7 m (bmd_geo_from_ecef's latitude is good to
 * 1e-14 rad, i.e. 6.4e-8 m on the ground, test_from_ecef_reference), the
 * height within 1e-8 m up to 10,000 km and 1e-7 m beyond (as bmd_geo_height).
 */
static void test_foot(void **state)
{
    (void)state;
    bmd_earth e, sph;
    bmd_earth_wgs84(&e);
    bmd_earth_sphere(&sph);
    double worst_foot = 0.0;
    for (int i = 0; i <= 360; i++) {
        double lat = (-90.0 + 0.5 * i) * D2R, lon = (0.37 * i - 60.0) * D2R;
        for (size_t k = 0; k < sizeof grid_h_m / sizeof grid_h_m[0]; k++) {
            double r[3], lat_ref, h_ref, want[3], foot[3];
            bmd_geo_to_ecef(&e, lat, lon, grid_h_m[k], r);
            ref_geodetic(&e, hypot(r[0], r[1]), fabs(r[2]), &lat_ref, &h_ref);
            bmd_geo_to_ecef(&e, copysign(lat_ref, r[2]), lon, 0.0, want);
            double h = bmd_geo_foot(&e, r, foot);
            CHECK_ABS(h, h_ref, grid_h_m[k] <= 1e7 ? 1e-8 : 1e-7);
            for (int j = 0; j < 3; j++) {
                CHECK_ABS(foot[j], want[j], 1e-7);
                worst_foot = fmax(worst_foot, fabs(foot[j] - want[j]));
            }
            bmd_geo_to_ecef(&sph, lat, lon, grid_h_m[k], r);
            bmd_geo_to_ecef(&sph, lat, lon, 0.0, want);
            h = bmd_geo_foot(&sph, r, foot);
            CHECK_ABS(h, grid_h_m[k], RT_TOL(sph.a_m + fabs(grid_h_m[k])));
            for (int j = 0; j < 3; j++)
                CHECK_ABS(foot[j], want[j], RT_TOL(sph.a_m + fabs(grid_h_m[k])));
        }
    }
    print_message("  bmd_geo_foot vs reference: worst foot component %.2g m\n", worst_foot);
}

/*
 * bmd_geo_height_normal: the height must be bmd_geo_from_ecef's, the same
 * number (it is the same foot and formula), and the normal the up vector of
 * bmd_geo_enu_basis at bmd_geo_from_ecef's latitude and longitude within
 * 1e-15 per component (a few units of rounding of a unit vector: both are
 * computed from the same foot, one through atan2 and sin/cos, one by
 * division), on the grid of test_foot, both signs of z (the grid's
 * latitudes), the equator, the poles and a sphere (the full-conversion
 * path). The normal is a unit vector to 1e-15.
 */
static void test_height_normal(void **state)
{
    (void)state;
    bmd_earth e, sph;
    bmd_earth_wgs84(&e);
    bmd_earth_sphere(&sph);
    double worst = 0.0;
    for (int m = 0; m < 2; m++) {
        const bmd_earth *em = m == 0 ? &e : &sph;
        for (int i = 0; i <= 360; i++) {
            double lat = (-90.0 + 0.5 * i) * D2R, lon = (0.37 * i - 60.0) * D2R;
            for (size_t k = 0; k < sizeof grid_h_m / sizeof grid_h_m[0]; k++) {
                double r[3], la, lo, h, n[3], enu[3][3];
                bmd_geo_to_ecef(em, lat, lon, grid_h_m[k], r);
                bmd_geo_from_ecef(em, r, &la, &lo, &h);
                bmd_geo_enu_basis(la, lo, enu);
                double hn = bmd_geo_height_normal(em, r, n);
                assert_true(hn == h);
                for (int j = 0; j < 3; j++) {
                    CHECK_ABS(n[j], enu[2][j], 1e-15);
                    worst = fmax(worst, fabs(n[j] - enu[2][j]));
                }
                CHECK_ABS(sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]), 1.0, 1e-15);
            }
        }
    }
    print_message("  bmd_geo_height_normal vs bmd_geo_enu_basis: worst component %.2g\n", worst);
}

/*
 * Regression, 2026-11-22 (found during development, never released): a
 * first version iterated Newton on a(p) sec u - b z csc u - (a^2 - b^2),
 * which is not convex; 1e-12 m from the centre at 89 deg the step overshot
 * past the pole and the routine returned lat = 1.5707963267954916 > pi/2
 * (h off by 20 nm). Latitude must stay in [-pi/2, pi/2] and the point must be
 * reproduced (RT_TOL(a)).
 */
static void test_regression_centre_overshoot(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    double t = 89.0 * D2R, s = 1e-12;
    double r[3] = {s * cos(t) * 0.6, s * cos(t) * 0.8, s * sin(t)}, lat, lon, h, r2[3];
    bmd_geo_from_ecef(&e, r, &lat, &lon, &h);
    assert_true(lat <= BMD_PI / 2.0 && lat >= -BMD_PI / 2.0);
    bmd_geo_to_ecef(&e, lat, lon, h, r2);
    for (int k = 0; k < 3; k++)
        CHECK_ABS(r2[k], r[k], RT_TOL(e.a_m));
}

/* ------------------------------------------------------------------------ */
/* ENU, AER */

static void test_enu_basis(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    double m[3][3];
    double lat = 35.9 * D2R, lon = 128.3 * D2R;
    bmd_geo_enu_basis(lat, lon, m);
    /* Orthonormal and right-handed (E x N = U): 1e-15. */
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            double d = m[i][0] * m[j][0] + m[i][1] * m[j][1] + m[i][2] * m[j][2];
            CHECK_ABS(d, i == j ? 1.0 : 0.0, 1e-15);
        }
    CHECK_ABS(m[0][1] * m[1][2] - m[0][2] * m[1][1], m[2][0], 1e-15);
    CHECK_ABS(m[0][2] * m[1][0] - m[0][0] * m[1][2], m[2][1], 1e-15);
    CHECK_ABS(m[0][0] * m[1][1] - m[0][1] * m[1][0], m[2][2], 1e-15);
    /* Up is the ellipsoid normal, the gradient of x^2/a^2 + y^2/a^2 + z^2/b^2
     * at the surface point; 1e-15. */
    double r[3], n[3];
    bmd_geo_to_ecef(&e, lat, lon, 0.0, r);
    n[0] = r[0] / (e.a_m * e.a_m);
    n[1] = r[1] / (e.a_m * e.a_m);
    n[2] = r[2] / (e.b_m * e.b_m);
    double nn = norm3(n);
    for (int i = 0; i < 3; i++)
        CHECK_ABS(m[2][i], n[i] / nn, 1e-15);
    /* North points toward increasing latitude, east toward increasing
     * longitude: finite differences of geo_to_ecef (1e-7 rad steps), 1e-7. */
    double r2[3], d[3];
    bmd_geo_to_ecef(&e, lat + 1e-7, lon, 0.0, r2);
    for (int i = 0; i < 3; i++)
        d[i] = r2[i] - r[i];
    for (int i = 0; i < 3; i++)
        CHECK_ABS(d[i] / norm3(d), m[1][i], 1e-7);
    bmd_geo_to_ecef(&e, lat, lon + 1e-7, 0.0, r2);
    for (int i = 0; i < 3; i++)
        d[i] = r2[i] - r[i];
    for (int i = 0; i < 3; i++)
        CHECK_ABS(d[i] / norm3(d), m[0][i], 1e-7);
}

static void test_aer_reference(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    const double lat0 = 42.0 * D2R, lon0 = -82.0 * D2R, h0 = 200.0;
    double r[3], lat, lon, h, az, el, rng;
    /* REFERENCES.md WGS84: from (42 deg, -82 deg, 200 m), az 33 deg, el 77 deg,
     * slant range 1000 m -> (42.0016981935 deg, -81.99852146 deg, 1174.374035 m),
     * 1 mm: 1e-3 m / 6.36e6 m = 1.6e-10 rad in latitude, 1e-3 / (6.39e6 cos 42)
     * = 2.1e-10 rad in longitude. The published longitude has 8 decimals
     * (+-5e-9 deg = +-0.4 mm), inside the 1 mm. */
    bmd_geo_aer_to_ecef(&e, lat0, lon0, h0, 33.0 * D2R, 77.0 * D2R, 1000.0, r);
    bmd_geo_from_ecef(&e, r, &lat, &lon, &h);
    CHECK_ABS(lat, 42.0016981935 * D2R, 1.6e-10);
    CHECK_ABS(lon, -81.99852146 * D2R, 2.1e-10);
    CHECK_ABS(h, 1174.374035, 1e-3);

    /* The inverse from the published point: 1 mm at 1000 m slant range is
     * 1e-6 rad in azimuth (scaled by 1/cos el) and elevation. */
    double pub[3];
    bmd_geo_to_ecef(&e, 42.0016981935 * D2R, -81.99852146 * D2R, 1174.374035, pub);
    bmd_geo_ecef_to_aer(&e, lat0, lon0, h0, pub, &az, &el, &rng);
    CHECK_ABS(az, 33.0 * D2R, 1e-6 / cos(77.0 * D2R));
    CHECK_ABS(el, 77.0 * D2R, 1e-6);
    CHECK_ABS(rng, 1000.0, 1e-3);

    /* The inverse from our own point: exact to rounding (1e-12 rad, 1e-9 m;
     * the 1000 m offset is the difference of two 6e6 m vectors, 1 nm each). */
    bmd_geo_ecef_to_aer(&e, lat0, lon0, h0, r, &az, &el, &rng);
    CHECK_ABS(az, 33.0 * D2R, 1e-12 / cos(77.0 * D2R));
    CHECK_ABS(el, 77.0 * D2R, 1e-12);
    CHECK_ABS(rng, 1000.0, 2e-9);
}

static void test_aer_conventions(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    const double lat0 = 35.9 * D2R, lon0 = 128.3 * D2R, h0 = 400.0;
    double r[3], az, el, rng;
    /* Azimuth in [0, 2 pi): due west is 3 pi / 2, not -pi / 2 (1e-12 rad). */
    bmd_geo_aer_to_ecef(&e, lat0, lon0, h0, 1.5 * BMD_PI, 0.1, 5e5, r);
    bmd_geo_ecef_to_aer(&e, lat0, lon0, h0, r, &az, &el, &rng);
    CHECK_ABS(az, 1.5 * BMD_PI, 1e-12);
    CHECK_ABS(el, 0.1, 1e-12);
    CHECK_REL(rng, 5e5, 1e-14);
    /* Due north (az = 0) comes back near 0 or just below 2 pi, in range. */
    bmd_geo_aer_to_ecef(&e, lat0, lon0, h0, 0.0, 0.2, 1e5, r);
    bmd_geo_ecef_to_aer(&e, lat0, lon0, h0, r, &az, &el, NULL);
    assert_true(az >= 0.0 && az < 2.0 * BMD_PI);
    CHECK_ABS(fmin(az, 2.0 * BMD_PI - az), 0.0, 1e-12);
    /* A point straight up the ellipsoid normal: el = pi/2 (1e-12 rad). */
    double up[3];
    bmd_geo_to_ecef(&e, lat0, lon0, h0 + 1e5, up);
    bmd_geo_ecef_to_aer(&e, lat0, lon0, h0, up, NULL, &el, &rng);
    CHECK_ABS(el, BMD_PI / 2.0, 1e-12);
    CHECK_ABS(rng, 1e5, 1e-8);
    /* The site itself: range 0, angles finite. */
    double site[3];
    bmd_geo_to_ecef(&e, lat0, lon0, h0, site);
    bmd_geo_ecef_to_aer(&e, lat0, lon0, h0, site, &az, &el, &rng);
    CHECK_ABS(az, 0.0, 0.0); /* documented convention: angles 0 */
    CHECK_ABS(el, 0.0, 0.0);
    CHECK_ABS(rng, 0.0, 0.0);
    /* A far target below the horizon: the geometric elevation of a point on
     * the sphere at central angle psi seen from the surface is -psi/2 (chord
     * geometry; sphere model, 1e-12 rad). */
    bmd_earth s;
    bmd_earth_sphere(&s);
    double psi = 0.1, tgt[3];
    bmd_geo_to_ecef(&s, psi, 0.0, 0.0, tgt);
    bmd_geo_ecef_to_aer(&s, 0.0, 0.0, 0.0, tgt, &az, &el, &rng);
    CHECK_ABS(el, -psi / 2.0, 1e-12);
    CHECK_ABS(az, 0.0, 1e-12);
    CHECK_REL(rng, 2.0 * s.a_m * sin(psi / 2.0), 1e-14);
}

/* ------------------------------------------------------------------------ */
/* ECEF <-> ECI */

static void test_eci(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    const double w = e.omega_radps;
    const double r[3] = {-3.1e6, 4.2e6, 3.7e6}, v[3] = {1200.0, -800.0, 2500.0};
    double ri[3], vi[3], r2[3], v2[3];

    /* t = 0: the frames coincide; velocity gains omega x r exactly. */
    bmd_geo_ecef_to_eci(&e, 0.0, r, v, ri, vi);
    for (int i = 0; i < 3; i++)
        CHECK_ABS(ri[i], r[i], 0.0);
    /* omega x r = (-w y, w x, 0) (analytic), 1e-12 m/s. */
    CHECK_ABS(vi[0], v[0] - w * r[1], 1e-12);
    CHECK_ABS(vi[1], v[1] + w * r[0], 1e-12);
    CHECK_ABS(vi[2], v[2], 0.0);

    /* Quarter turn: t = (pi/2)/omega rotates (x, y, z) to (-y, x, z) in ECI
     * (R3(-theta), theta = pi/2); 1e-8 m (cos(pi/2) rounds to 6e-17). */
    double tq = (BMD_PI / 2.0) / w;
    bmd_geo_ecef_to_eci(&e, tq, r, NULL, ri, NULL);
    CHECK_ABS(ri[0], -r[1], 1e-8);
    CHECK_ABS(ri[1], r[0], 1e-8);
    CHECK_ABS(ri[2], r[2], 0.0);

    /* Round trip at 1 h: RT_TOL in position, 1e-12 m/s in velocity. */
    bmd_geo_ecef_to_eci(&e, 3600.0, r, v, ri, vi);
    bmd_geo_eci_to_ecef(&e, 3600.0, ri, vi, r2, v2);
    for (int i = 0; i < 3; i++) {
        CHECK_ABS(r2[i], r[i], RT_TOL(norm3(r)));
        CHECK_ABS(v2[i], v[i], 1e-9);
    }
    /* A point fixed on the Earth moves in ECI with v = omega x r_eci
     * (analytic), speed omega p: 1e-12 m/s. */
    const double zero[3] = {0.0, 0.0, 0.0};
    bmd_geo_ecef_to_eci(&e, 1234.5, r, zero, ri, vi);
    CHECK_ABS(vi[0], -w * ri[1], 1e-12);
    CHECK_ABS(vi[1], w * ri[0], 1e-12);
    CHECK_ABS(vi[2], 0.0, 0.0);
    CHECK_REL(hypot(vi[0], vi[1]), w * hypot(r[0], r[1]), 1e-14);
    /* In-place use (output aliases input) is allowed. */
    double ra[3] = {r[0], r[1], r[2]}, va[3] = {v[0], v[1], v[2]};
    bmd_geo_ecef_to_eci(&e, 100.0, ra, va, ra, va);
    bmd_geo_eci_to_ecef(&e, 100.0, ra, va, ra, va);
    for (int i = 0; i < 3; i++) {
        CHECK_ABS(ra[i], r[i], RT_TOL(norm3(r)));
        CHECK_ABS(va[i], v[i], 1e-9);
    }
    /* A non-rotating model: ECI = ECEF at every t. */
    bmd_earth nr;
    assert_int_equal(bmd_earth_init(&nr, 6371000.0, 0.0, 3.986004418e14, 0.0, 0.0), BMD_OK);
    bmd_geo_eci_to_ecef(&nr, 1e5, r, v, r2, v2);
    for (int i = 0; i < 3; i++) {
        CHECK_ABS(r2[i], r[i], 0.0);
        CHECK_ABS(v2[i], v[i], 0.0);
    }
}

/* ------------------------------------------------------------------------ */
/* Geodesics */

static void test_geodesic_karney(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    double s12, azi1, azi2, lat2, lon2;
    /* Karney (2013), "Algorithms for geodesics", J. Geod. 87:43-55, table 2
     * (direct problem, WGS84): lat1 = 40 deg, azi1 = 30 deg, s12 = 10,000 km
     * -> lat2 = 41.79331020506 deg, lon12 = 137.84490004377 deg,
     * azi2 = 149.09016931807 deg. Published to 1e-11 deg (1 um on the
     * ground); tolerance 1e-11 deg. */
    const double tol = 1e-11 * D2R;
    bmd_geo_direct(&e, 40.0 * D2R, 0.0, 30.0 * D2R, 10e6, &lat2, &lon2, &azi2);
    CHECK_ABS(lat2, 41.79331020506 * D2R, tol);
    CHECK_ABS(lon2, 137.84490004377 * D2R, tol);
    CHECK_ABS(azi2, 149.09016931807 * D2R, tol);

    /* Karney (2013) tables 4-6 (inverse problem, nearly antipodal, WGS84):
     * lat1 = -30 deg, lat2 = 29.9 deg, lon12 = 179.8 deg ->
     * azi1 = 161.89052473633 deg, azi2 = 18.09073724574 deg,
     * s12 = 19989832.827610 m. Tolerance 1 mm in s12, 1e-11 deg in azimuth. */
    bmd_geo_inverse(&e, -30.0 * D2R, 0.0, 29.9 * D2R, 179.8 * D2R, &s12, &azi1, &azi2);
    CHECK_ABS(s12, 19989832.827610, 1e-3);
    CHECK_ABS(azi1, 161.89052473633 * D2R, tol);
    CHECK_ABS(azi2, 18.09073724574 * D2R, tol);

    /* The direct problem undoes the inverse: 1 mm. */
    bmd_geo_direct(&e, -30.0 * D2R, 0.0, azi1, s12, &lat2, &lon2, NULL);
    CHECK_ABS(lat2, 29.9 * D2R, 1e-3 / e.a_m);
    CHECK_ABS(lon2, 179.8 * D2R, 1e-3 / e.a_m);
    /* NULL outputs allowed. */
    bmd_geo_inverse(&e, 0.1, 0.2, 0.3, 0.4, NULL, NULL, NULL);
    bmd_geo_direct(&e, 0.1, 0.2, 0.3, 1e5, NULL, NULL, NULL);
}

static void test_geodesic_sphere(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_sphere(&e);
    const double R = e.a_m;
    /* Great circle (e.g. Bate, Mueller & White 1971 ch. 6, spherical
     * trigonometry): cos sigma = sin p1 sin p2 + cos p1 cos p2 cos dl (here
     * with the atan2 form for accuracy), s = R sigma; tan azi1 =
     * sin dl cos p2 / (cos p1 sin p2 - sin p1 cos p2 cos dl). Tolerance 1 mm
     * in distance, 1e-12 rad in azimuth. */
    const double pts[][4] = {
        {39.0, 125.7, 35.9, 128.3},  /* Pyongyang-ish to Seongju-ish */
        {-33.0, -71.6, 31.4, 121.8}, /* Valparaiso to Shanghai */
        {0.0, 0.0, 0.0, 90.0},       /* a quarter of the equator */
        {10.0, 20.0, 80.0, -160.0},  /* over the pole */
    };
    for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++) {
        double p1 = pts[i][0] * D2R, l1 = pts[i][1] * D2R;
        double p2 = pts[i][2] * D2R, l2 = pts[i][3] * D2R, dl = l2 - l1;
        double x = sin(p1) * sin(p2) + cos(p1) * cos(p2) * cos(dl);
        double cy = cos(p2) * sin(dl), cz = cos(p1) * sin(p2) - sin(p1) * cos(p2) * cos(dl);
        double sigma = atan2(hypot(cy, cz), x);
        double s12, azi1;
        bmd_geo_inverse(&e, p1, l1, p2, l2, &s12, &azi1, NULL);
        CHECK_ABS(s12, R * sigma, 1e-3);
        CHECK_ABS(azi1, atan2(cy, cz), 1e-12);
    }
}

/* ------------------------------------------------------------------------ */
/* Radius of curvature */

static void test_radius_at(void **state)
{
    (void)state;
    bmd_earth e;
    bmd_earth_sphere(&e);
    /* Sphere: R at every latitude, exactly. */
    CHECK_ABS(bmd_earth_radius_at(&e, 0.7), 6371000.0, 0.0);
    bmd_earth_wgs84(&e);
    /* Meridian M = a (1 - e^2) / W^3 and prime-vertical N = a / W radii of
     * curvature, W = sqrt(1 - e^2 sin^2 lat) (NGA TR8350.2 ch. 4); the
     * Gaussian mean radius is sqrt(M N). 1e-14 relative. */
    for (int ila = -90; ila <= 90; ila += 15) {
        double s = sin(ila * D2R), w = sqrt(1.0 - e.e2 * s * s);
        double m = e.a_m * (1.0 - e.e2) / (w * w * w), n = e.a_m / w;
        CHECK_REL(bmd_earth_radius_at(&e, ila * D2R), sqrt(m * n), 1e-14);
    }
    /* Equator: sqrt(M N) = b; pole: a^2 / b (both from the formulas above). */
    CHECK_REL(bmd_earth_radius_at(&e, 0.0), e.b_m, 1e-15);
    CHECK_REL(bmd_earth_radius_at(&e, BMD_PI / 2.0), e.a_m * e.a_m / e.b_m, 1e-15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_earth_models),
        cmocka_unit_test(test_earth_init_errors),
        cmocka_unit_test(test_geodetic_reference_point),
        cmocka_unit_test(test_geodetic_special_points),
        cmocka_unit_test(test_geodetic_signs_and_dateline),
        cmocka_unit_test(test_geodetic_roundtrip_grid),
        cmocka_unit_test(test_geodetic_interior),
        cmocka_unit_test(test_geodetic_vs_reference),
        cmocka_unit_test(test_height_fast),
        cmocka_unit_test(test_height_fast_form),
        cmocka_unit_test(test_regression_centre_overshoot),
        cmocka_unit_test(test_enu_basis),
        cmocka_unit_test(test_aer_reference),
        cmocka_unit_test(test_foot),
        cmocka_unit_test(test_aer_conventions),
        cmocka_unit_test(test_eci),
        cmocka_unit_test(test_geodesic_karney),
        cmocka_unit_test(test_geodesic_sphere),
        cmocka_unit_test(test_radius_at),
        cmocka_unit_test(test_height_normal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
