/*
 * bmd/geo.h: Earth models and coordinate frames.
 *
 * Frames: ECEF (Earth-centred, Earth-fixed, rotating with the Earth), ECI
 * (Earth-centred inertial, here the simulation-inertial frame that coincides
 * with ECEF at t = 0 and is rotated from it by theta = omega t about z; not
 * tied to an equinox), ENU (local east-north-up at a geodetic point).
 * Angles in rad, lengths in m, geodetic latitude, longitude east-positive.
 */
#ifndef BMD_GEO_H
#define BMD_GEO_H

#include "bmd/status.h"

/* An Earth model: ellipsoid, gravity constants, rotation. Plain data. */
typedef struct bmd_earth {
    double a_m;         /* equatorial radius, m */
    double f;           /* flattening, 1 (0: sphere) */
    double b_m;         /* polar radius a (1 - f), m */
    double e2;          /* first eccentricity squared f (2 - f), 1 */
    double gm_m3ps2;    /* gravitational parameter, m^3/s^2 */
    double omega_radps; /* rotation rate, rad/s (0: non-rotating) */
    double j2, j3, j4;  /* unnormalised zonal harmonics, 1 (0: absent) */
} bmd_earth;

/*
 * bmd_earth_wgs84: WGS84 ellipsoid and GM, rotating, J2 on (J3, J4 off).
 * Returned: *e  a = 6378137 m, 1/f = 298.257223563, GM = 3.986004418e14
 *           m^3/s^2, omega = 7.292115e-5 rad/s, J2 = BMD_WGS84_J2.
 * Notes:    set e->j3 = BMD_EGM96_J3, e->j4 = BMD_EGM96_J4 to add them.
 * References: NGA TR8350.2, 3rd ed. (2000), table 3.1.
 */
void bmd_earth_wgs84(bmd_earth *e);
/*
 * bmd_earth_sphere: spherical textbook Earth.
 * Returned: *e  R = 6371 km, f = 0, mu = 398600.4418 km^3/s^2, no zonal
 *           harmonics, rotating at the WGS84 rate (set e->omega_radps = 0
 *           for the non-rotating Earth of the Kepler comparisons).
 * References: Bate, Mueller & White (1971) ch. 6 (REFERENCES.md).
 */
void bmd_earth_sphere(bmd_earth *e);
/*
 * bmd_earth_init: a custom model.
 * Given:    a_m equatorial radius (m); f flattening (1); gm_m3ps2 GM
 *           (m^3/s^2); omega_radps rotation rate (rad/s, any finite sign);
 *           j2 unnormalised J2 (1, finite)
 * Returned: *e  the model, J3 = J4 = 0
 * Returned (function value): BMD_OK; BMD_EINVAL unless e != NULL, a_m > 0
 *           finite, 0 <= f < 1, gm_m3ps2 > 0 finite, omega and j2 finite
 *           (*e is then left unchanged).
 */
int bmd_earth_init(bmd_earth *e, double a_m, double f, double gm_m3ps2, double omega_radps,
                   double j2);

/*
 * bmd_geo_to_ecef: geodetic -> ECEF.
 * Given:    e model; lat_rad geodetic latitude (rad); lon_rad longitude (rad,
 *           east-positive); h_m height above the ellipsoid (m)
 * Returned: r_ecef_m[3] position (m, ECEF)
 * References: NGA TR8350.2 eq. 4-14, 4-15.
 */
void bmd_geo_to_ecef(const bmd_earth *e, double lat_rad, double lon_rad, double h_m,
                     double r_ecef_m[3]);

/*
 * bmd_geo_from_ecef: ECEF -> geodetic (the nearest point of the ellipsoid).
 * Given:    e model; r_ecef_m[3] position (m, ECEF)
 * Returned: *lat_rad geodetic latitude (rad, [-pi/2, pi/2], sign of z, so
 *           -0 for z = -0); *lon_rad longitude (rad, [-pi, pi], atan2(y, x);
 *           exactly 0 on the z axis); *h_m height (m, negative inside).
 *           Any output pointer may be NULL.
 * Notes:    1. Exact to rounding for points from the Earth's centre to beyond
 *           GEO (tested from 1e-9 m to 1e9 m): latitude within 1e-15 rad,
 *           height within a few ulp of max(|r|, a) (1-3 nm near the Earth,
 *           15 nm at GEO, where an ECEF double is itself only good to 4 nm).
 *           At the poles latitude is exactly +-pi/2. The centre gives
 *           (pi/2, 0, -b).
 *           2. Inside the evolute (within ~43 km of the centre, near the
 *           equatorial plane) the nearest point is off the equator; on
 *           z = +-0 the northern/southern one is returned. Within ~1e-6
 *           relative of the evolute's cusp (p = a e^2) latitude is
 *           ill-conditioned and good to ~1e-10 rad; the height stays exact.
 *           3. Cost about 150-200 ns (no trigonometric call besides the two
 *           atan2 on the usual path).
 * References: Bowring, Survey Review 23 (181), 323-327 (1976) (start);
 *           Eberly, "Distance from a point to an ellipse, an ellipsoid, or a
 *           hyperellipsoid", Geometric Tools (2013) (guaranteed iteration);
 *           docs/models/geo.md (derivation).
 */
void bmd_geo_from_ecef(const bmd_earth *e, const double r_ecef_m[3], double *lat_rad,
                       double *lon_rad, double *h_m);

/*
 * bmd_geo_foot: the foot point (nearest point of the ellipsoid) and the
 *           height, without latitude and longitude.
 * Given:    e model; r_ecef_m[3] position (m, ECEF)
 * Returned: foot_m[3] the foot point (m, ECEF)
 * Returned (function value): height above the ellipsoid (m, negative inside)
 * Notes:    1. The same foot as bmd_geo_from_ecef (Bowring's start polished
 *           by Newton steps, exact to rounding) without its two arc
 *           tangents and without the sine and cosine of latitude and
 *           longitude that bmd_geo_to_ecef(lat, lon, 0) would need; the
 *           height is bmd_geo_from_ecef's to rounding. For ground
 *           distances between sub-points (footprint ranges).
 *           2. On the axis, on the equatorial plane, for a sphere and
 *           beyond 1e100 a it goes through bmd_geo_from_ecef and
 *           bmd_geo_to_ecef.
 */
double bmd_geo_foot(const bmd_earth *e, const double r_ecef_m[3], double foot_m[3]);

/*
 * bmd_geo_height_normal: the height and the ellipsoid normal at the foot
 *           point, without latitude and longitude.
 * Given:    e model; r_ecef_m[3] position (m, ECEF)
 * Returned: n[3] unit ellipsoid normal at the foot point (the "up" of
 *           bmd_geo_enu_basis at the point's geodetic latitude and
 *           longitude), ECEF
 * Returned (function value): height above the ellipsoid (m, negative
 *           inside), the same number as bmd_geo_from_ecef's
 * Notes:    1. The foot of bmd_geo_from_ecef (Bowring's start polished by
 *           Newton steps); the normal follows from the parametric latitude
 *           u as (cos phi, sin phi) proportional to (b cos u, a sin u) and
 *           (cos lambda, sin lambda) = (x, y) / p, so no arc tangent, sine
 *           or cosine is called. The normal agrees with bmd_geo_enu_basis's
 *           up vector at bmd_geo_from_ecef's latitude and longitude to a few
 *           units of rounding (tests/test_geo.c). For the rate of the
 *           height, n . v.
 *           2. On the axis, on the equatorial plane, for a sphere and
 *           beyond 1e100 a it goes through bmd_geo_from_ecef.
 */
double bmd_geo_height_normal(const bmd_earth *e, const double r_ecef_m[3], double n[3]);

/*
 * bmd_geo_height: ellipsoidal height alone, fast (no trigonometric call, no
 *           iteration), for right-hand sides that need only the height.
 * Given:    e model; r_ecef_m[3] position (m, ECEF)
 * Returned (function value): height above the ellipsoid (m, negative inside)
 * Notes:    1. For a/2 < |r| < 1e8 m, one step of Bowring's formula from
 *           the parametric latitude of the point; the height is stationary
 *           in the foot point's position, so the latitude error of that
 *           step enters only squared. Agrees with bmd_geo_from_ecef within
 *           1e-8 m from -100 km to 10,000 km and within 1e-7 m from |r| = a/2
 *           out to 1e8 m (tests/test_geo.c, WGS84, all latitudes; 4 nm,
 *           21 nm and 30 nm measured), i.e. to the rounding of the input.
 *           2. Elsewhere, and for a sphere, it returns bmd_geo_from_ecef's
 *           height.
 *           3. Cost about a third of bmd_geo_from_ecef with latitude and
 *           longitude (bench/bench_traj.c).
 * References: Bowring, Survey Review 23 (181), 323-327 (1976).
 */
double bmd_geo_height(const bmd_earth *e, const double r_ecef_m[3]);

/*
 * bmd_geo_maybe_below: cheap test before a height conversion.
 * Given:    e model; r_ecef_m[3] position (m, ECEF); h_m a height (m, >= 0)
 * Returned (function value): 0 when the point is certainly at or above
 *           height h_m (|r| >= a + h_m: the ellipsoid lies inside the sphere
 *           of radius a, so the height is at least |r| - a); 1 otherwise
 *           (it may be below: compute the height).
 */
int bmd_geo_maybe_below(const bmd_earth *e, const double r_ecef_m[3], double h_m);

/*
 * bmd_geo_enu_basis: local east-north-up basis.
 * Given:    lat_rad geodetic latitude (rad); lon_rad longitude (rad)
 * Returned: m  rows: unit east, north and up (ellipsoid normal) vectors in
 *           ECEF, so v_enu = M v_ecef and v_ecef = M^T v_enu.
 */
void bmd_geo_enu_basis(double lat_rad, double lon_rad, double m[3][3]);

/*
 * bmd_geo_ecef_to_aer: azimuth, elevation, range of a point from a site.
 * Given:    e model; lat_rad, lon_rad, h_m geodetic site (rad, rad, m);
 *           r_ecef_m[3] target position (m, ECEF)
 * Returned: *az_rad azimuth (rad, clockwise from north, [0, 2 pi));
 *           *el_rad elevation above the plane normal to the ellipsoid normal
 *           (rad, [-pi/2, pi/2]; geometric, no refraction); *range_m slant
 *           range (m). Any output pointer may be NULL. For the site itself
 *           range 0, angles 0.
 */
void bmd_geo_ecef_to_aer(const bmd_earth *e, double lat_rad, double lon_rad, double h_m,
                         const double r_ecef_m[3], double *az_rad, double *el_rad, double *range_m);

/*
 * bmd_geo_aer_to_ecef: the inverse of bmd_geo_ecef_to_aer.
 * Given:    e model; lat_rad, lon_rad, h_m geodetic site (rad, rad, m);
 *           az_rad azimuth (rad, clockwise from north); el_rad elevation
 *           (rad); range_m slant range (m)
 * Returned: r_ecef_m[3] target position (m, ECEF)
 */
void bmd_geo_aer_to_ecef(const bmd_earth *e, double lat_rad, double lon_rad, double h_m,
                         double az_rad, double el_rad, double range_m, double r_ecef_m[3]);

/*
 * bmd_geo_ecef_to_eci / bmd_geo_eci_to_ecef: ECEF <-> simulation-inertial.
 * Given:    e model (omega_radps); t_s time since the frames coincided (s);
 *           r (m) and v (m/s) in the source frame
 * Returned: r (m) and v (m/s) in the destination frame
 * Notes:    theta = omega t_s; r_eci = R3(-theta) r_ecef,
 *           v_eci = R3(-theta) (v_ecef + omega x r_ecef), and the inverse
 *           v_ecef = R3(theta) v_eci - omega x r_ecef. The velocity is
 *           skipped if either velocity pointer is NULL. Outputs may alias
 *           the inputs.
 */
void bmd_geo_ecef_to_eci(const bmd_earth *e, double t_s, const double r_ecef_m[3],
                         const double v_ecef_mps[3], double r_eci_m[3], double v_eci_mps[3]);
void bmd_geo_eci_to_ecef(const bmd_earth *e, double t_s, const double r_eci_m[3],
                         const double v_eci_mps[3], double r_ecef_m[3], double v_ecef_mps[3]);

/*
 * bmd_geo_inverse: geodesic between two points on the model's ellipsoid.
 * Given:    e model; lat1_rad, lon1_rad, lat2_rad, lon2_rad geodetic
 *           coordinates of the ends (rad)
 * Returned: *s12_m distance (m); *azi1_rad, *azi2_rad forward azimuths at
 *           the two ends (rad, clockwise from north, in (-pi, pi]). Outputs
 *           may be NULL.
 * Notes:    accurate to about 15 nm (PROJ geodesic.h); works for f = 0.
 * References: Karney, "Algorithms for geodesics", J. Geodesy 87, 43-55
 *           (2013), through PROJ's geod_inverse.
 */
void bmd_geo_inverse(const bmd_earth *e, double lat1_rad, double lon1_rad, double lat2_rad,
                     double lon2_rad, double *s12_m, double *azi1_rad, double *azi2_rad);

/*
 * bmd_geo_direct: the point at distance s12_m along a geodesic.
 * Given:    e model; lat1_rad, lon1_rad start (rad); azi1_rad azimuth at the
 *           start (rad, clockwise from north); s12_m distance (m, may be
 *           negative)
 * Returned: *lat2_rad, *lon2_rad end point (rad, lon in [-pi, pi]);
 *           *azi2_rad forward azimuth there (rad). Outputs may be NULL.
 * References: Karney (2013), through PROJ's geod_direct.
 */
void bmd_geo_direct(const bmd_earth *e, double lat1_rad, double lon1_rad, double azi1_rad,
                    double s12_m, double *lat2_rad, double *lon2_rad, double *azi2_rad);

/*
 * bmd_earth_radius_at: a local radius of curvature for horizon geometry.
 * Given:    e model; lat_rad geodetic latitude (rad)
 * Returned (function value): Gaussian mean radius sqrt(M N) = b / (1 - e^2
 *           sin^2 lat) (m), M and N the meridian and prime-vertical radii;
 *           R for a sphere.
 */
double bmd_earth_radius_at(const bmd_earth *e, double lat_rad);

#endif /* BMD_GEO_H */
