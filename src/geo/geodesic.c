/*
 * geodesic.c: geodesics on the model ellipsoid through PROJ's geodesic.h
 * (Karney, "Algorithms for geodesics", J. Geodesy 87, 43-55, 2013).
 * PROJ works in degrees; the conversion happens only here.
 */
#include "bmd/geo.h"

#include <geodesic.h>

#include "bmd/const.h"

void bmd_geo_inverse(const bmd_earth *e, double lat1_rad, double lon1_rad, double lat2_rad,
                     double lon2_rad, double *s12_m, double *azi1_rad, double *azi2_rad)
{
    struct geod_geodesic g;
    double s12 = 0.0, azi1 = 0.0, azi2 = 0.0;
    geod_init(&g, e->a_m, e->f);
    geod_inverse(&g, lat1_rad * BMD_RAD2DEG, lon1_rad * BMD_RAD2DEG, lat2_rad * BMD_RAD2DEG,
                 lon2_rad * BMD_RAD2DEG, &s12, &azi1, &azi2);
    if (s12_m) *s12_m = s12;
    if (azi1_rad) *azi1_rad = azi1 * BMD_DEG2RAD;
    if (azi2_rad) *azi2_rad = azi2 * BMD_DEG2RAD;
}

void bmd_geo_direct(const bmd_earth *e, double lat1_rad, double lon1_rad, double azi1_rad,
                    double s12_m, double *lat2_rad, double *lon2_rad, double *azi2_rad)
{
    struct geod_geodesic g;
    double lat2 = 0.0, lon2 = 0.0, azi2 = 0.0;
    geod_init(&g, e->a_m, e->f);
    geod_direct(&g, lat1_rad * BMD_RAD2DEG, lon1_rad * BMD_RAD2DEG, azi1_rad * BMD_RAD2DEG, s12_m,
                &lat2, &lon2, &azi2);
    if (lat2_rad) *lat2_rad = lat2 * BMD_DEG2RAD;
    if (lon2_rad) *lon2_rad = lon2 * BMD_DEG2RAD;
    if (azi2_rad) *azi2_rad = azi2 * BMD_DEG2RAD;
}
