/*
 * geo.c: Earth models, geodetic <-> ECEF, local ENU / AER, ECEF <-> ECI.
 * The model and its equations are described in docs/models/geo.md.
 */
#include "bmd/geo.h"

#include <float.h>
#include <math.h>

#include "bmd/const.h"
#include "bmd/core.h"
#include "geo/geo_internal.h"

/* Fill the derived members of an Earth model. */
static void earth_fill(bmd_earth *e, double a_m, double f, double gm_m3ps2, double omega_radps)
{
    e->a_m = a_m;
    e->f = f;
    e->b_m = a_m * (1.0 - f);
    e->e2 = f * (2.0 - f);
    e->gm_m3ps2 = gm_m3ps2;
    e->omega_radps = omega_radps;
    e->j2 = 0.0;
    e->j3 = 0.0;
    e->j4 = 0.0;
}

/*
 * bmd_earth_wgs84: WGS84 ellipsoid, GM and rotation rate (NGA TR8350.2,
 * 3rd ed., table 3.1), J2 from const.h; J3 = J4 = 0.
 */
void bmd_earth_wgs84(bmd_earth *e)
{
    earth_fill(e, BMD_WGS84_A_M, 1.0 / BMD_WGS84_INVF, BMD_WGS84_GM_M3PS2, BMD_WGS84_OMEGA_RADPS);
    e->j2 = BMD_WGS84_J2;
}

/* bmd_earth_sphere: R = 6371 km, mu = 398600.4418 km^3/s^2, WGS84 rotation. */
void bmd_earth_sphere(bmd_earth *e)
{
    earth_fill(e, BMD_SPHERE_R_M, 0.0, BMD_SPHERE_GM_M3PS2, BMD_WGS84_OMEGA_RADPS);
}

int bmd_earth_init(bmd_earth *e, double a_m, double f, double gm_m3ps2, double omega_radps,
                   double j2)
{
    /* The negated comparisons also reject NaN. */
    if (e == NULL || !(a_m > 0.0) || !isfinite(a_m) || !(f >= 0.0 && f < 1.0) ||
        !(gm_m3ps2 > 0.0) || !isfinite(gm_m3ps2) || !isfinite(omega_radps) || !isfinite(j2))
        return BMD_EINVAL;
    earth_fill(e, a_m, f, gm_m3ps2, omega_radps);
    e->j2 = j2;
    return BMD_OK;
}

void bmd_geo_to_ecef(const bmd_earth *e, double lat_rad, double lon_rad, double h_m,
                     double r_ecef_m[3])
{
    double sphi = sin(lat_rad), cphi = cos(lat_rad);
    double slam = sin(lon_rad), clam = cos(lon_rad);
    /* Prime-vertical radius of curvature N (TR8350.2 eq. 4-15). */
    double n_m = e->a_m / sqrt(1.0 - e->e2 * sphi * sphi);
    double p_m = (n_m + h_m) * cphi;
    r_ecef_m[0] = p_m * clam;
    r_ecef_m[1] = p_m * slam;
    r_ecef_m[2] = (n_m * (1.0 - e->e2) + h_m) * sphi;
}

/* Rotate (*c, *s) by the angle du (rad); the length is kept to rounding. */
static void rotate2(double *c, double *s, double du)
{
    double cd, sd;
    if (fabs(du) < 1e-3) {
        /* Taylor series; the first omitted terms, du^7/5040 and du^6/720,
         * are below 2e-21 here. */
        double d2 = du * du;
        sd = du * (1.0 - d2 * (1.0 / 6.0) * (1.0 - d2 * (1.0 / 20.0)));
        cd = 1.0 - d2 * 0.5 * (1.0 - d2 * (1.0 / 12.0));
    } else {
        sd = sin(du);
        cd = cos(du);
    }
    double cn = *c * cd - *s * sd;
    *s = *s * cd + *c * sd;
    *c = cn;
}

/* The unit vector along (x, y), x, y >= 0 and not both 0. */
static void unit2(double x, double y, double *c, double *s)
{
    double rn = 1.0 / sqrt(x * x + y * y);
    *c = x * rn;
    *s = y * rn;
}

/*
 * Foot point of (p_m, z_m), p_m > 0, z_m > 0, on the meridian ellipse
 * (a cos u, b sin u), u the parametric latitude in (0, pi/2).
 *
 * The foot is (a^2 p / (tau + c2), b^2 z / tau), c2 = a^2 - b^2, where
 * tau > 0 is the root of F(tau) = (a p / (tau + c2))^2 + (b z / tau)^2 - 1
 * (tau = t + b^2 with t the Lagrange multiplier of the distance problem;
 * Eberly, "Distance from a point to an ellipse, an ellipsoid, or a
 * hyperellipsoid", Geometric Tools, 2013; the shift keeps full precision
 * near the centre, where t -> -b^2). F is strictly decreasing and convex, so
 * Newton's method from a point with F >= 0 increases monotonically to the
 * root: convergence is guaranteed for every point, from the centre to
 * infinity and inside the evolute.
 * An estimate u gives tau1 = a p sec u - c2 and tau2 = b z csc u with
 * min(tau1, tau2) <= tau <= max(tau1, tau2); b z is another lower bound.
 * Bowring's (1976) formula gives u; when [tau1, tau2] is already narrow, or
 * after the Newton iteration on F, the result is polished by Newton steps on
 * g(u) = a p sin u - b z cos u - c2 sin u cos u = 0, which converge
 * quadratically from there and fix the latitude to rounding. Angles are
 * carried as unit vectors (cos u, sin u): no trigonometric calls on the
 * usual path. Derivation in docs/models/geo.md.
 * Returned: *cu, *su = cos u, sin u.
 */
static void foot_parametric(const bmd_earth *e, double p_m, double z_m, double *cu, double *su)
{
    double a = e->a_m, b = e->b_m;
    double ap = a * p_m, bz = b * z_m, c2 = (a - b) * (a + b);
    double ra = 1.0 / a, rb = 1.0 / b;
    double c, s;
    /* Bowring start: at tan u0 = a z / (b p), tan phi = (z + e'^2 b sin^3 u0)
     * / (p - e^2 a cos^3 u0), then tan u = (b/a) tan phi. */
    unit2(p_m * ra, z_m * rb, &c, &s);
    double num = z_m + c2 * rb * s * s * s;
    double den = p_m - c2 * ra * c * c * c;
    if (den > 0.0) unit2(den * rb, num * ra, &c, &s);
    double tau1 = ap / c - c2, tau2 = bz / s;
    double tl = fmax(fmin(tau1, tau2), bz), tr = fmax(tau1, tau2);
    if (!(tr - tl <= 1e-6 * tl)) {
        /* The estimate is poor (deep inside, near the evolute): solve F. */
        double tau = tl;
        for (int it = 0; it < 200; it++) {
            double x = ap / (tau + c2), y = bz / tau;
            double f = x * x + y * y - 1.0;
            if (!(f > 0.0)) break;
            double dt = f / (2.0 * (x * x / (tau + c2) + y * y / tau));
            tau += dt;
            if (!(dt > 1e-9 * tau)) break;
        }
        /* cos u and sin u from the foot; the larger is derived from the
         * smaller, which is the better conditioned way round. */
        double cr = ap / (tau + c2), sr = bz / tau;
        if (cr <= sr) {
            c = fmin(cr, 1.0);
            s = sqrt((1.0 - c) * (1.0 + c));
        } else {
            s = fmin(sr, 1.0);
            c = sqrt((1.0 - s) * (1.0 + s));
        }
    }
    for (int it = 0; it < 4; it++) {
        double g = ap * s - bz * c - c2 * s * c;
        double du = -g * s * c / (ap * s * s * s + bz * c * c * c);
        double cn = c, sn = s;
        rotate2(&cn, &sn, du);
        if (!(cn > 0.0 && sn > 0.0)) break; /* never leave (0, pi/2) */
        c = cn;
        s = sn;
        /* Quadratic convergence: the error left is of order du^2. */
        if (!(fabs(du) > 1e-15)) break;
    }
    unit2(c, s, cu, su);
}

void bmd_geo_from_ecef(const bmd_earth *e, const double r_ecef_m[3], double *lat_rad,
                       double *lon_rad, double *h_m)
{
    double x = r_ecef_m[0], y = r_ecef_m[1], z = r_ecef_m[2];
    double p = hypot(x, y), az = fabs(z);
    double a = e->a_m, b = e->b_m;
    double lat = 0.0, lon = 0.0, h;
    /* On the axis atan2(+-0, -0) would give +-pi: longitude 0 by convention.
     * The arc tangents are the costliest part: only when asked for. */
    if (lon_rad) lon = p > 0.0 ? atan2(y, x) : 0.0;
    if (p < 1e-100 * a) {
        /* On (or within 1e-100 a of) the axis: the foot is the pole to far
         * better than double precision. */
        lat = BMD_PI / 2.0;
        h = az - b;
    } else if (e->f == 0.0 || fmax(p, az) > 1e100 * a) {
        /* Sphere; or so far away that geodetic = geocentric latitude and the
         * ellipsoid's size is below the spacing of doubles at |r|. */
        lat = atan2(az, p);
        h = hypot(p, az) - a;
    } else {
        double cu, su;
        if (az == 0.0) {
            /* Equatorial plane: foot on the equator unless the point lies
             * inside the evolute (p < a e^2), where cos u = a p / (a^2 - b^2). */
            double cz = a * p / ((a - b) * (a + b));
            cu = cz >= 1.0 ? 1.0 : cz;
            su = cz >= 1.0 ? 0.0 : sqrt((1.0 - cz) * (1.0 + cz));
        } else {
            foot_parametric(e, p, az, &cu, &su);
        }
        /* tan phi = (a/b) tan u; h along the ellipsoid normal. */
        double sn = a * su, cn = b * cu, rn = 1.0 / sqrt(sn * sn + cn * cn);
        if (lat_rad) lat = atan2(sn, cn);
        h = ((p - a * cu) * cn + (az - b * su) * sn) * rn;
    }
    if (lat_rad) *lat_rad = copysign(lat, z);
    if (lon_rad) *lon_rad = lon;
    if (h_m) *h_m = h;
}

/* The foot point on the ellipsoid (foot_m, if not NULL) and the unit
 * normal there (n, if not NULL) of r_ecef_m, and its height along that
 * normal: bmd_geo_from_ecef's, without its arc tangents. */
static double foot_normal(const bmd_earth *e, const double r_ecef_m[3], double foot_m[3],
                          double n[3])
{
    double x = r_ecef_m[0], y = r_ecef_m[1], z = r_ecef_m[2];
    double p = hypot(x, y), az = fabs(z);
    double a = e->a_m, b = e->b_m;
    /* The cases where bmd_geo_from_ecef does not take the meridian
     * ellipse's Newton-polished foot: through the full conversion. */
    if (p < 1e-100 * a || e->f == 0.0 || fmax(p, az) > 1e100 * a || az == 0.0) {
        double lat, lon, h;
        bmd_geo_from_ecef(e, r_ecef_m, &lat, &lon, &h);
        if (foot_m) bmd_geo_to_ecef(e, lat, lon, 0.0, foot_m);
        if (n) {
            double cl = cos(lat);
            n[0] = cl * cos(lon);
            n[1] = cl * sin(lon);
            n[2] = sin(lat);
        }
        return h;
    }
    double cu, su;
    foot_parametric(e, p, az, &cu, &su);
    /* tan phi = (a/b) tan u: (cos phi, sin phi) = (b cos u, a sin u) / norm,
     * and (cos lambda, sin lambda) = (x, y) / p. */
    double sn = a * su, cn = b * cu, rn = 1.0 / sqrt(sn * sn + cn * cn);
    if (foot_m) {
        double ac = a * cu / p;
        foot_m[0] = ac * x;
        foot_m[1] = ac * y;
        foot_m[2] = copysign(b * su, z);
    }
    if (n) {
        double cp = cn * rn / p;
        n[0] = cp * x;
        n[1] = cp * y;
        n[2] = copysign(sn * rn, z);
    }
    return ((p - a * cu) * cn + (az - b * su) * sn) * rn;
}

double bmd_geo_foot(const bmd_earth *e, const double r_ecef_m[3], double foot_m[3])
{
    return foot_normal(e, r_ecef_m, foot_m, NULL);
}

double bmd_geo_height_normal(const bmd_earth *e, const double r_ecef_m[3], double n[3])
{
    return foot_normal(e, r_ecef_m, NULL, n);
}

int bmd_geo_maybe_below(const bmd_earth *e, const double r_ecef_m[3], double h_m)
{
    double rt = e->a_m + h_m;
    return r_ecef_m[0] * r_ecef_m[0] + r_ecef_m[1] * r_ecef_m[1] + r_ecef_m[2] * r_ecef_m[2] <
           rt * rt;
}

/*
 * Height only, from Bowring's (1976) single step and no iteration: the
 * height is stationary with respect to the foot point, so the latitude
 * error of that step (below 1e-9 rad up to 10,000 km) enters only to
 * second order. tests/test_geo.c bounds the difference from
 * bmd_geo_from_ecef over the whole domain this path takes.
 */
double bmd_geo_height(const bmd_earth *e, const double r_ecef_m[3])
{
    double x = r_ecef_m[0], y = r_ecef_m[1], z = fabs(r_ecef_m[2]);
    double a = e->a_m, b = e->b_m, p2 = x * x + y * y, r2 = p2 + z * z;
    /* Outside [a/2, 1e8 m] (near the evolute, or where squares could lose
     * range) and on the sphere: the exact conversion. */
    if (!(r2 > 0.25 * a * a && r2 < 1e16) || e->f == 0.0) {
        double h;
        bmd_geo_from_ecef(e, r_ecef_m, NULL, NULL, &h);
        return h;
    }
    double p = sqrt(p2), c2 = (a - b) * (a + b), ra = 1.0 / a, rb = 1.0 / b;
    double c, s;
    unit2(p * ra, z * rb, &c, &s);
    /* |r| > a/2 keeps p - e^2 a cos^3 u0 > 0 (the evolute is within a e^2). */
    unit2((p - c2 * ra * c * c * c) * rb, (z + c2 * rb * s * s * s) * ra, &c, &s);
    double sn = a * s, cn = b * c;
    return ((p - a * c) * cn + (z - b * s) * sn) / sqrt(sn * sn + cn * cn);
}

void bmd__geo_hconst_init(const bmd_earth *e, bmd__geo_hconst *k)
{
    double a = e->a_m, b = e->b_m, c2 = (a - b) * (a + b);
    k->a2_m2 = a * a;
    k->b2_m2 = b * b;
    k->ia2_pm2 = 1.0 / k->a2_m2;
    k->ib2_pm2 = 1.0 / k->b2_m2;
    k->ka_pm2 = c2 * k->ia2_pm2 * k->ia2_pm2;
    k->kb_pm2 = c2 * k->ib2_pm2 * k->ib2_pm2;
    k->sphere = e->f == 0.0;
}

/* Bowring's step of bmd_geo_height with its normalisations scaled out
 * (geo_internal.h); the same domain test. */
double bmd__geo_height_fast(const bmd_earth *e, const bmd__geo_hconst *k, const double r_ecef_m[3])
{
    double x = r_ecef_m[0], y = r_ecef_m[1], z = r_ecef_m[2];
    double p2 = x * x + y * y, z2 = z * z, r2 = p2 + z2;
    if (!(r2 > 0.25 * k->a2_m2 && r2 < 1e16) || k->sphere) return bmd_geo_height(e, r_ecef_m);
    double n2 = p2 * k->ia2_pm2 + z2 * k->ib2_pm2, n3 = n2 * sqrt(n2);
    double kp = n3 - k->ka_pm2 * p2, lz = n3 + k->kb_pm2 * z2;
    double pp = p2 * kp * kp, zz = z2 * lz * lz;
    return (p2 * kp + z2 * lz - sqrt(k->a2_m2 * pp + k->b2_m2 * zz)) / sqrt(pp + zz);
}

double bmd__geo_height_normal_fast(const bmd_earth *e, const double r_ecef_m[3], double n[3])
{
    bmd__geo_hconst kc, *k = &kc; /* off the critical path of the data */
    bmd__geo_hconst_init(e, k);
    double x = r_ecef_m[0], y = r_ecef_m[1], z = r_ecef_m[2];
    double p2 = x * x + y * y, z2 = z * z, r2 = p2 + z2;
    if (!(r2 > 0.25 * k->a2_m2 && r2 < 1e16) || k->sphere)
        return bmd_geo_height_normal(e, r_ecef_m, n);
    double n2 = p2 * k->ia2_pm2 + z2 * k->ib2_pm2, n3 = n2 * sqrt(n2);
    double kp = n3 - k->ka_pm2 * p2, lz = n3 + k->kb_pm2 * z2;
    double pp = p2 * kp * kp, zz = z2 * lz * lz, iq = 1.0 / sqrt(pp + zz);
    n[0] = kp * x * iq;
    n[1] = kp * y * iq;
    n[2] = lz * z * iq;
    return (p2 * kp + z2 * lz - sqrt(k->a2_m2 * pp + k->b2_m2 * zz)) * iq;
}

void bmd_geo_enu_basis(double lat_rad, double lon_rad, double m[3][3])
{
    double sphi = sin(lat_rad), cphi = cos(lat_rad);
    double slam = sin(lon_rad), clam = cos(lon_rad);
    m[0][0] = -slam;
    m[0][1] = clam;
    m[0][2] = 0.0;
    m[1][0] = -sphi * clam;
    m[1][1] = -sphi * slam;
    m[1][2] = cphi;
    m[2][0] = cphi * clam;
    m[2][1] = cphi * slam;
    m[2][2] = sphi;
}

void bmd_geo_ecef_to_aer(const bmd_earth *e, double lat_rad, double lon_rad, double h_m,
                         const double r_ecef_m[3], double *az_rad, double *el_rad, double *range_m)
{
    double site[3], m[3][3], d[3], enu[3];
    bmd_geo_to_ecef(e, lat_rad, lon_rad, h_m, site);
    bmd_geo_enu_basis(lat_rad, lon_rad, m);
    for (int i = 0; i < 3; i++)
        d[i] = r_ecef_m[i] - site[i];
    for (int i = 0; i < 3; i++)
        enu[i] = m[i][0] * d[0] + m[i][1] * d[1] + m[i][2] * d[2];
    double horiz = hypot(enu[0], enu[1]);
    if (az_rad) *az_rad = bmd_wrap_2pi(atan2(enu[0], enu[1])) + 0.0;
    if (el_rad) *el_rad = atan2(enu[2], horiz);
    if (range_m) *range_m = hypot(horiz, enu[2]);
}

void bmd_geo_aer_to_ecef(const bmd_earth *e, double lat_rad, double lon_rad, double h_m,
                         double az_rad, double el_rad, double range_m, double r_ecef_m[3])
{
    double site[3], m[3][3], enu[3];
    bmd_geo_to_ecef(e, lat_rad, lon_rad, h_m, site);
    bmd_geo_enu_basis(lat_rad, lon_rad, m);
    double cel = cos(el_rad);
    enu[0] = range_m * cel * sin(az_rad);
    enu[1] = range_m * cel * cos(az_rad);
    enu[2] = range_m * sin(el_rad);
    for (int i = 0; i < 3; i++)
        r_ecef_m[i] = site[i] + m[0][i] * enu[0] + m[1][i] * enu[1] + m[2][i] * enu[2];
}

/* out = R3(-theta) v: components of v after a rotation by +theta about z. */
static void rot_z(double ct, double st, const double v[3], double out[3])
{
    double x = ct * v[0] - st * v[1];
    double y = st * v[0] + ct * v[1];
    out[0] = x;
    out[1] = y;
    out[2] = v[2];
}

void bmd_geo_ecef_to_eci(const bmd_earth *e, double t_s, const double r_ecef_m[3],
                         const double v_ecef_mps[3], double r_eci_m[3], double v_eci_mps[3])
{
    double w = e->omega_radps, th = w * t_s;
    double ct = cos(th), st = sin(th);
    double r[3] = {r_ecef_m[0], r_ecef_m[1], r_ecef_m[2]};
    if (v_ecef_mps && v_eci_mps) {
        /* Inertial velocity seen in ECEF axes: v + omega x r. */
        double vi[3] = {v_ecef_mps[0] - w * r[1], v_ecef_mps[1] + w * r[0], v_ecef_mps[2]};
        rot_z(ct, st, vi, v_eci_mps);
    }
    rot_z(ct, st, r, r_eci_m);
}

void bmd_geo_eci_to_ecef(const bmd_earth *e, double t_s, const double r_eci_m[3],
                         const double v_eci_mps[3], double r_ecef_m[3], double v_ecef_mps[3])
{
    double w = e->omega_radps, th = w * t_s;
    double ct = cos(th), st = sin(th);
    double r[3], v[3];
    rot_z(ct, -st, r_eci_m, r);
    if (v_eci_mps && v_ecef_mps) {
        rot_z(ct, -st, v_eci_mps, v);
        v_ecef_mps[0] = v[0] + w * r[1];
        v_ecef_mps[1] = v[1] - w * r[0];
        v_ecef_mps[2] = v[2];
    }
    r_ecef_m[0] = r[0];
    r_ecef_m[1] = r[1];
    r_ecef_m[2] = r[2];
}

double bmd_earth_radius_at(const bmd_earth *e, double lat_rad)
{
    /* sqrt(M N) = a sqrt(1 - e^2) / (1 - e^2 sin^2 phi) = b / (1 - e^2 sin^2 phi). */
    double s = sin(lat_rad);
    return e->b_m / (1.0 - e->e2 * s * s);
}
