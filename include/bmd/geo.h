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

/* WGS84 ellipsoid and GM, rotating, J2 on (J3, J4 off). */
void bmd_earth_wgs84(bmd_earth *e);
/* Spherical textbook Earth: R = 6371 km, mu = 398600.4418 km^3/s^2, no
 * zonal harmonics, rotating at the WGS84 rate. */
void bmd_earth_sphere(bmd_earth *e);
/*
 * bmd_earth_init: a custom model. Returns BMD_EINVAL unless a_m > 0,
 * 0 <= f < 1, gm_m3ps2 > 0.
 */
int bmd_earth_init(bmd_earth *e, double a_m, double f, double gm_m3ps2, double omega_radps,
                   double j2);

/*
 * bmd_geo_to_ecef: geodetic (lat_rad, lon_rad, h_m) -> ECEF position (m).
 */
void bmd_geo_to_ecef(const bmd_earth *e, double lat_rad, double lon_rad, double h_m,
                     double r_ecef_m[3]);

/*
 * bmd_geo_from_ecef: ECEF position (m) -> geodetic latitude (rad, in
 * [-pi/2, pi/2]), longitude (rad, in [-pi, pi]), height above the ellipsoid
 * (m). Exact to < 1 nm for points from the Earth's centre to beyond GEO,
 * including the poles (longitude 0 there) and points inside the ellipsoid.
 * Any output pointer may be NULL.
 */
void bmd_geo_from_ecef(const bmd_earth *e, const double r_ecef_m[3], double *lat_rad,
                       double *lon_rad, double *h_m);

/*
 * bmd_geo_enu_basis: rows are the unit east, north and up vectors at
 * (lat_rad, lon_rad), expressed in ECEF; v_enu = M v_ecef.
 */
void bmd_geo_enu_basis(double lat_rad, double lon_rad, double m[3][3]);

/*
 * bmd_geo_ecef_to_aer: azimuth (rad, clockwise from north, [0, 2 pi)),
 * elevation (rad, from the local horizontal of the ellipsoid normal) and
 * slant range (m) of ECEF point r_ecef_m seen from the geodetic site.
 * Any output pointer may be NULL.
 */
void bmd_geo_ecef_to_aer(const bmd_earth *e, double lat_rad, double lon_rad, double h_m,
                         const double r_ecef_m[3], double *az_rad, double *el_rad,
                         double *range_m);

/* bmd_geo_aer_to_ecef: the inverse of bmd_geo_ecef_to_aer. */
void bmd_geo_aer_to_ecef(const bmd_earth *e, double lat_rad, double lon_rad, double h_m,
                         double az_rad, double el_rad, double range_m, double r_ecef_m[3]);

/*
 * bmd_geo_ecef_to_eci / bmd_geo_eci_to_ecef: position and velocity between
 * ECEF and the simulation-inertial frame at time t_s (theta = omega t_s).
 * v_eci = R3(-theta) (v_ecef + omega x r_ecef). Velocity pointers may be NULL.
 */
void bmd_geo_ecef_to_eci(const bmd_earth *e, double t_s, const double r_ecef_m[3],
                         const double v_ecef_mps[3], double r_eci_m[3], double v_eci_mps[3]);
void bmd_geo_eci_to_ecef(const bmd_earth *e, double t_s, const double r_eci_m[3],
                         const double v_eci_mps[3], double r_ecef_m[3], double v_ecef_mps[3]);

/*
 * bmd_geo_inverse: geodesic between two points on the model's ellipsoid
 * (Karney's algorithm through PROJ's geodesic.h).
 * Returned: *s12_m distance (m); *azi1_rad, *azi2_rad forward azimuths at
 * the two ends (rad, clockwise from north, in (-pi, pi]). Outputs may be NULL.
 */
void bmd_geo_inverse(const bmd_earth *e, double lat1_rad, double lon1_rad, double lat2_rad,
                     double lon2_rad, double *s12_m, double *azi1_rad, double *azi2_rad);

/* bmd_geo_direct: the point at distance s12_m along azimuth azi1_rad. */
void bmd_geo_direct(const bmd_earth *e, double lat1_rad, double lon1_rad, double azi1_rad,
                    double s12_m, double *lat2_rad, double *lon2_rad, double *azi2_rad);

/*
 * bmd_earth_radius_at: a local radius of curvature for horizon geometry
 * (Gaussian mean radius sqrt(M N) at the latitude), m. For a sphere, R.
 */
double bmd_earth_radius_at(const bmd_earth *e, double lat_rad);

#endif /* BMD_GEO_H */
