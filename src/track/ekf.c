/*
 * ekf.c: the ballistic-target extended Kalman filter (bmd/track.h).
 * Model and references: docs/models/track.md.
 */
#include "bmd/track.h"

#include <math.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/core.h"
#include "bmd/gravity.h"

#define NX BMD_TRACK_NX

void bmd_track_config_init(bmd_track_config *c, const bmd_earth *e, const bmd_atmo *a)
{
    if (c == NULL) return;
    memset(c, 0, sizeof *c);
    c->earth = e;
    c->atmo = a;
    c->filter = BMD_TRACK_EKF;
    c->q_accel_mps2 = 1.0;
    c->q_invbeta = 1e-10;
    c->invbeta0_m2pkg = 1.0 / 5000.0;
    c->sigma_invbeta0_m2pkg = 2e-4;
    c->sigma_v0_mps = 3000.0;
    c->init_m = 3;
    c->init_n = 5;
    c->drop_misses = 5;
    c->max_step_s = 1.0;
}

static int cfg_ok(const bmd_track_config *c, bmd_errbuf *err)
{
    if (c == NULL || c->earth == NULL)
        return bmd_err_set(err, BMD_EINVAL, "track: NULL configuration or Earth model");
    if (c->filter != BMD_TRACK_EKF)
        return bmd_err_set(err, BMD_EINVAL, "track: filter %d not implemented (EKF only)",
                           c->filter);
    if (!(c->max_step_s > 0.0) || !(c->q_accel_mps2 >= 0.0) || !(c->q_invbeta >= 0.0) ||
        c->init_m < 1 || c->init_n < c->init_m || c->init_n > 32 || c->drop_misses < 1)
        return bmd_err_set(err, BMD_EINVAL, "track: invalid configuration");
    return BMD_OK;
}

/* ---- dynamics ----------------------------------------------------------- */

static void deriv(const bmd_track_config *c, const double x[NX], double dx[NX])
{
    const bmd_earth *e = c->earth;
    double g[3];
    bmd_gravity_accel(e, x, g);
    double w = e->omega_radps;
    /* -2 w x v - w x (w x r), w = (0, 0, w) */
    double cor[3] = {2.0 * w * x[4] + w * w * x[0], -2.0 * w * x[3] + w * w * x[1], 0.0};
    double drag = 0.0;
    if (c->atmo != NULL && x[6] > 0.0) {
        double lat, lon, h;
        bmd_geo_from_ecef(e, x, &lat, &lon, &h);
        if (h < 1.0e6) {
            bmd_atmo_point p;
            (void)bmd_atmo_eval(c->atmo, h < 0.0 ? 0.0 : h, &p);
            double v = sqrt(x[3] * x[3] + x[4] * x[4] + x[5] * x[5]);
            drag = 0.5 * p.rho_kgpm3 * v * x[6];
        }
    }
    for (int i = 0; i < 3; i++) {
        dx[i] = x[3 + i];
        dx[3 + i] = g[i] + cor[i] - drag * x[3 + i];
    }
    dx[6] = 0.0;
}

static void rk4(const bmd_track_config *c, double x[NX], double h)
{
    double k1[NX], k2[NX], k3[NX], k4[NX], y[NX];
    deriv(c, x, k1);
    for (int i = 0; i < NX; i++)
        y[i] = x[i] + 0.5 * h * k1[i];
    deriv(c, y, k2);
    for (int i = 0; i < NX; i++)
        y[i] = x[i] + 0.5 * h * k2[i];
    deriv(c, y, k3);
    for (int i = 0; i < NX; i++)
        y[i] = x[i] + h * k3[i];
    deriv(c, y, k4);
    for (int i = 0; i < NX; i++)
        x[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
}

/* Jacobian of deriv by central differences; steps 1 m, 1 mm/s, 1e-8 m^2/kg. */
static void jacobian(const bmd_track_config *c, const double x[NX], double F[NX][NX])
{
    static const double hs[NX] = {1.0, 1.0, 1.0, 1e-3, 1e-3, 1e-3, 1e-8};
    double xp[NX], xm[NX], fp[NX], fm[NX];
    for (int j = 0; j < NX; j++) {
        memcpy(xp, x, sizeof xp);
        memcpy(xm, x, sizeof xm);
        xp[j] += hs[j];
        xm[j] -= hs[j];
        deriv(c, xp, fp);
        deriv(c, xm, fm);
        for (int i = 0; i < NX; i++)
            F[i][j] = (fp[i] - fm[i]) / (2.0 * hs[j]);
    }
}

static void symmetrize(double P[NX][NX])
{
    for (int i = 0; i < NX; i++)
        for (int j = i + 1; j < NX; j++)
            P[i][j] = P[j][i] = 0.5 * (P[i][j] + P[j][i]);
}

/* One step of length h: state by RK4, covariance by Phi P Phi^T + Qd with
 * Phi = I + F h + F^2 h^2 / 2 (F at the step start) and the discretised
 * white-acceleration noise (Bar-Shalom et al. (2001) sec. 6.2.2). */
static void step(const bmd_track_config *c, double x[NX], double P[NX][NX], double h)
{
    if (P != NULL) {
        double F[NX][NX], Phi[NX][NX], T[NX][NX];
        jacobian(c, x, F);
        for (int i = 0; i < NX; i++)
            for (int j = 0; j < NX; j++) {
                double f2 = 0.0;
                for (int k = 0; k < NX; k++)
                    f2 += F[i][k] * F[k][j];
                Phi[i][j] = (i == j) + F[i][j] * h + 0.5 * f2 * h * h;
            }
        for (int i = 0; i < NX; i++)
            for (int j = 0; j < NX; j++) {
                double s = 0.0;
                for (int k = 0; k < NX; k++)
                    s += Phi[i][k] * P[k][j];
                T[i][j] = s;
            }
        for (int i = 0; i < NX; i++)
            for (int j = 0; j < NX; j++) {
                double s = 0.0;
                for (int k = 0; k < NX; k++)
                    s += T[i][k] * Phi[j][k];
                P[i][j] = s;
            }
        double q = c->q_accel_mps2 * c->q_accel_mps2;
        for (int i = 0; i < 3; i++) {
            P[i][i] += q * h * h * h / 3.0;
            P[i][3 + i] += q * h * h / 2.0;
            P[3 + i][i] += q * h * h / 2.0;
            P[3 + i][3 + i] += q * h;
        }
        P[6][6] += c->q_invbeta * h;
        symmetrize(P);
    }
    rk4(c, x, h);
}

static void propagate(const bmd_track_config *c, double x[NX], double P[NX][NX], double dt)
{
    if (!(dt > 0.0)) return;
    int n = (int)ceil(dt / c->max_step_s - 1e-12);
    if (n < 1) n = 1;
    double h = dt / n;
    for (int i = 0; i < n; i++)
        step(c, x, P, h);
}

/* ---- measurements ---------------------------------------------------------- */

static void enu_of(const bmd_track *tk, const double x[NX], double u[3])
{
    double d[3] = {x[0] - tk->site_ecef_m[0], x[1] - tk->site_ecef_m[1], x[2] - tk->site_ecef_m[2]};
    for (int i = 0; i < 3; i++)
        u[i] = tk->enu[i][0] * d[0] + tk->enu[i][1] * d[1] + tk->enu[i][2] * d[2];
}

int bmd_track_meas_model(const bmd_track *tk, const double x[NX], double z[3])
{
    if (tk == NULL || x == NULL || z == NULL) return BMD_EINVAL;
    double u[3];
    enu_of(tk, x, u);
    double rh = hypot(u[0], u[1]), r = sqrt(rh * rh + u[2] * u[2]);
    if (!(r > 0.0)) return BMD_EINVAL;
    double az = atan2(u[0], u[1]);
    z[0] = r;
    z[1] = az < 0.0 ? az + 2.0 * BMD_PI : az;
    z[2] = atan2(u[2], rh);
    return BMD_OK;
}

/* Measurement Jacobian H (3 x 7), analytic. */
static void meas_jacobian(const bmd_track *tk, const double x[NX], double H[3][NX])
{
    double u[3];
    enu_of(tk, x, u);
    double rh2 = u[0] * u[0] + u[1] * u[1], rh = sqrt(rh2), r2 = rh2 + u[2] * u[2], r = sqrt(r2);
    if (rh < 1e-6) rh = 1e-6, rh2 = 1e-12;
    double g[3][3] = {{u[0] / r, u[1] / r, u[2] / r},
                      {u[1] / rh2, -u[0] / rh2, 0.0},
                      {-u[0] * u[2] / (r2 * rh), -u[1] * u[2] / (r2 * rh), rh / r2}};
    memset(H, 0, 3 * sizeof H[0]);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            H[i][j] = g[i][0] * tk->enu[0][j] + g[i][1] * tk->enu[1][j] + g[i][2] * tk->enu[2][j];
}

static int inv3(double a[3][3], double b[3][3])
{
    double det = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) -
                 a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
                 a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    if (!(det > 0.0) || !isfinite(det)) return BMD_EDOM;
    b[0][0] = (a[1][1] * a[2][2] - a[1][2] * a[2][1]) / det;
    b[0][1] = (a[0][2] * a[2][1] - a[0][1] * a[2][2]) / det;
    b[0][2] = (a[0][1] * a[1][2] - a[0][2] * a[1][1]) / det;
    b[1][0] = (a[1][2] * a[2][0] - a[1][0] * a[2][2]) / det;
    b[1][1] = (a[0][0] * a[2][2] - a[0][2] * a[2][0]) / det;
    b[1][2] = (a[0][2] * a[1][0] - a[0][0] * a[1][2]) / det;
    b[2][0] = (a[1][0] * a[2][1] - a[1][1] * a[2][0]) / det;
    b[2][1] = (a[0][1] * a[2][0] - a[0][0] * a[2][1]) / det;
    b[2][2] = (a[0][0] * a[1][1] - a[0][1] * a[1][0]) / det;
    return BMD_OK;
}

static int meas_ok(const bmd_track_meas *z)
{
    return isfinite(z->t_s) && isfinite(z->range_m) && z->range_m > 0.0 && isfinite(z->az_rad) &&
           isfinite(z->el_rad) && z->sigma_range_m > 0.0 && z->sigma_az_rad > 0.0 &&
           z->sigma_el_rad > 0.0 && isfinite(z->sigma_range_m) && isfinite(z->sigma_az_rad) &&
           isfinite(z->sigma_el_rad);
}

static int update(bmd_track *tk, const bmd_track_meas *z)
{
    double H[3][NX], zh[3], S[3][3], Si[3][3], PHt[NX][3], K[NX][3];
    if (bmd_track_meas_model(tk, tk->x, zh) != BMD_OK) return BMD_EDOM;
    meas_jacobian(tk, tk->x, H);
    double R[3] = {z->sigma_range_m * z->sigma_range_m, z->sigma_az_rad * z->sigma_az_rad,
                   z->sigma_el_rad * z->sigma_el_rad};
    for (int i = 0; i < NX; i++)
        for (int j = 0; j < 3; j++) {
            double s = 0.0;
            for (int k = 0; k < NX; k++)
                s += tk->P[i][k] * H[j][k];
            PHt[i][j] = s;
        }
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            double s = 0.0;
            for (int k = 0; k < NX; k++)
                s += H[i][k] * PHt[k][j];
            S[i][j] = s + (i == j ? R[i] : 0.0);
        }
    if (inv3(S, Si) != BMD_OK) return BMD_EDOM;
    double y[3] = {z->range_m - zh[0], bmd_wrap_pi(z->az_rad - zh[1]), z->el_rad - zh[2]};
    for (int i = 0; i < NX; i++)
        for (int j = 0; j < 3; j++)
            K[i][j] = PHt[i][0] * Si[0][j] + PHt[i][1] * Si[1][j] + PHt[i][2] * Si[2][j];
    double nis = 0.0;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            nis += y[i] * Si[i][j] * y[j];
    for (int i = 0; i < NX; i++)
        tk->x[i] += K[i][0] * y[0] + K[i][1] * y[1] + K[i][2] * y[2];
    /* Joseph form: (I - K H) P (I - K H)^T + K R K^T */
    double A[NX][NX], T[NX][NX];
    for (int i = 0; i < NX; i++)
        for (int j = 0; j < NX; j++)
            A[i][j] = (i == j) - (K[i][0] * H[0][j] + K[i][1] * H[1][j] + K[i][2] * H[2][j]);
    for (int i = 0; i < NX; i++)
        for (int j = 0; j < NX; j++) {
            double s = 0.0;
            for (int k = 0; k < NX; k++)
                s += A[i][k] * tk->P[k][j];
            T[i][j] = s;
        }
    for (int i = 0; i < NX; i++)
        for (int j = 0; j < NX; j++) {
            double s = 0.0;
            for (int k = 0; k < NX; k++)
                s += T[i][k] * A[j][k];
            for (int k = 0; k < 3; k++)
                s += K[i][k] * R[k] * K[j][k];
            tk->P[i][j] = s;
        }
    symmetrize(tk->P);
    for (int i = 0; i < NX; i++)
        if (!(tk->P[i][i] > 0.0) || !isfinite(tk->x[i])) return BMD_EDOM;
    tk->nis = nis;
    tk->n_updates++;
    return BMD_OK;
}

/* ---- public ------------------------------------------------------------------ */

int bmd_track_start(bmd_track *tk, const bmd_track_config *cfg, const double site_ecef_m[3],
                    double site_lat_rad, double site_lon_rad, const bmd_track_meas *z,
                    bmd_errbuf *err)
{
    int st = cfg_ok(cfg, err);
    if (st != BMD_OK) return st;
    if (tk == NULL || site_ecef_m == NULL || z == NULL)
        return bmd_err_set(err, BMD_EINVAL, "track: NULL argument");
    if (!meas_ok(z))
        return bmd_err_set(err, BMD_EINVAL, "track: measurement not finite or sigma <= 0");
    memset(tk, 0, sizeof *tk);
    memcpy(tk->site_ecef_m, site_ecef_m, sizeof tk->site_ecef_m);
    bmd_geo_enu_basis(site_lat_rad, site_lon_rad, tk->enu);
    double ce = cos(z->el_rad), se = sin(z->el_rad), ca = cos(z->az_rad), sa = sin(z->az_rad);
    double R = z->range_m;
    double u[3] = {R * ce * sa, R * ce * ca, R * se};
    /* d(ENU)/d(R, az, el) */
    double J[3][3] = {{ce * sa, R * ce * ca, -R * se * sa},
                      {ce * ca, -R * ce * sa, -R * se * ca},
                      {se, 0.0, R * ce}};
    double sg[3] = {z->sigma_range_m, z->sigma_az_rad, z->sigma_el_rad};
    double Cu[3][3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            double s = 0.0;
            for (int k = 0; k < 3; k++)
                s += J[i][k] * sg[k] * sg[k] * J[j][k];
            Cu[i][j] = s;
        }
    /* ECEF = site + enu^T u; covariance enu^T Cu enu */
    for (int i = 0; i < 3; i++) {
        tk->x[i] =
            site_ecef_m[i] + tk->enu[0][i] * u[0] + tk->enu[1][i] * u[1] + tk->enu[2][i] * u[2];
        for (int j = 0; j < 3; j++) {
            double s = 0.0;
            for (int a = 0; a < 3; a++)
                for (int b = 0; b < 3; b++)
                    s += tk->enu[a][i] * Cu[a][b] * tk->enu[b][j];
            tk->P[i][j] = s;
        }
    }
    for (int i = 3; i < 6; i++)
        tk->P[i][i] = cfg->sigma_v0_mps * cfg->sigma_v0_mps;
    tk->x[6] = cfg->invbeta0_m2pkg;
    tk->P[6][6] = cfg->sigma_invbeta0_m2pkg * cfg->sigma_invbeta0_m2pkg;
    tk->t_s = z->t_s;
    tk->t_first_s = z->t_s;
    tk->t_firm_s = -1.0;
    tk->history = 1u;
    tk->looks = tk->hits = 1;
    tk->status = BMD_TRACK_TENTATIVE;
    if (cfg->init_m <= 1) {
        tk->status = BMD_TRACK_FIRM;
        tk->t_firm_s = z->t_s;
    }
    return BMD_OK;
}

int bmd_track_look(bmd_track *tk, const bmd_track_config *cfg, double t_s, const bmd_track_meas *z,
                   bmd_errbuf *err)
{
    int st = cfg_ok(cfg, err);
    if (st != BMD_OK) return st;
    if (tk == NULL || !isfinite(t_s) || t_s < tk->t_s - 1e-9)
        return bmd_err_set(err, BMD_EINVAL, "track: NULL track or time before the estimate");
    if (tk->status == BMD_TRACK_DROPPED)
        return bmd_err_set(err, BMD_EINVAL, "track: the track is dropped");
    if (z != NULL && !meas_ok(z))
        return bmd_err_set(err, BMD_EINVAL, "track: measurement not finite or sigma <= 0");
    propagate(cfg, tk->x, tk->P, t_s - tk->t_s);
    tk->t_s = t_s;
    if (z != NULL) {
        if ((st = update(tk, z)) != BMD_OK)
            return bmd_err_set(err, st, "track: covariance lost positive definiteness");
        tk->hits++;
        tk->misses_in_row = 0;
    } else {
        tk->misses_in_row++;
    }
    tk->looks++;
    tk->history = (tk->history << 1) | (z != NULL ? 1u : 0u);
    unsigned mask = cfg->init_n >= 32 ? 0xffffffffu : ((1u << cfg->init_n) - 1u);
    int c = 0;
    for (unsigned h = tk->history & mask; h; h &= h - 1u)
        c++;
    if (tk->status == BMD_TRACK_TENTATIVE) {
        if (c >= cfg->init_m) {
            tk->status = BMD_TRACK_FIRM;
            tk->t_firm_s = t_s;
        } else if (tk->looks >= cfg->init_n) {
            tk->status = BMD_TRACK_DROPPED; /* not firm within its first N looks */
        }
    } else if (tk->status == BMD_TRACK_FIRM && tk->misses_in_row >= cfg->drop_misses) {
        tk->status = BMD_TRACK_DROPPED;
    }
    return BMD_OK;
}

int bmd_track_predict(const bmd_track *tk, const bmd_track_config *cfg, double t_s, double x[NX],
                      double P[NX][NX], bmd_errbuf *err)
{
    int st = cfg_ok(cfg, err);
    if (st != BMD_OK) return st;
    if (tk == NULL || x == NULL || !isfinite(t_s) || t_s < tk->t_s - 1e-9)
        return bmd_err_set(err, BMD_EINVAL, "track: bad arguments to bmd_track_predict");
    memcpy(x, tk->x, sizeof tk->x);
    if (P != NULL) memcpy(P, tk->P, sizeof tk->P);
    propagate(cfg, x, P, t_s - tk->t_s);
    return BMD_OK;
}

double bmd_track_pos_sigma_m(const bmd_track *tk)
{
    if (tk == NULL) return NAN;
    return sqrt(tk->P[0][0] + tk->P[1][1] + tk->P[2][2]);
}

static double height(const bmd_track_config *c, const double x[NX])
{
    double lat, lon, h;
    bmd_geo_from_ecef(c->earth, x, &lat, &lon, &h);
    return h;
}

int bmd_track_impact_point(const bmd_track *tk, const bmd_track_config *cfg, bmd_track_impact *out,
                           bmd_errbuf *err)
{
    int st = cfg_ok(cfg, err);
    if (st != BMD_OK) return st;
    if (tk == NULL || out == NULL) return bmd_err_set(err, BMD_EINVAL, "track: NULL argument");
    double x[NX], P[NX][NX], t = tk->t_s;
    memcpy(x, tk->x, sizeof x);
    memcpy(P, tk->P, sizeof P);
    double h = height(cfg, x), hs = cfg->max_step_s;
    if (h <= 0.0) return bmd_err_set(err, BMD_EUNREACH, "track: the estimate is below ground");
    for (;;) {
        double x1[NX], P1[NX][NX];
        memcpy(x1, x, sizeof x);
        memcpy(P1, P, sizeof P);
        step(cfg, x1, P1, hs);
        double h1 = height(cfg, x1);
        if (h1 <= 0.0) {
            /* bisect the step length on the height to 1 ms */
            double lo = 0.0, hi = hs;
            while (hi - lo > 1e-3) {
                double mid = 0.5 * (lo + hi), xm[NX];
                memcpy(xm, x, sizeof x);
                rk4(cfg, xm, mid);
                if (height(cfg, xm) > 0.0)
                    lo = mid;
                else
                    hi = mid;
            }
            step(cfg, x, P, hi);
            t += hi;
            break;
        }
        memcpy(x, x1, sizeof x);
        memcpy(P, P1, sizeof P);
        t += hs;
        if (t - tk->t_s > 14400.0)
            return bmd_err_set(err, BMD_EUNREACH, "track: no impact within 4 h");
    }
    double lat, lon, hh;
    bmd_geo_from_ecef(cfg->earth, x, &lat, &lon, &hh);
    double en[3][3];
    bmd_geo_enu_basis(lat, lon, en);
    const double *n = en[2], *v = x + 3;
    double nv = n[0] * v[0] + n[1] * v[1] + n[2] * v[2];
    if (!(fabs(nv) > 1e-6)) nv = -1e-6;
    double M[3][3]; /* I - v n^T / (n.v) */
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            M[i][j] = (i == j) - v[i] * n[j] / nv;
    double C[2][2];
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++) {
            double s = 0.0;
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++) {
                    double ai = 0.0, bj = 0.0;
                    for (int k = 0; k < 3; k++) {
                        ai += en[a][k] * M[k][i];
                        bj += en[b][k] * M[k][j];
                    }
                    s += ai * P[i][j] * bj;
                }
            C[a][b] = s;
        }
    out->t_s = t;
    out->lat_rad = lat;
    out->lon_rad = lon;
    memcpy(out->cov_en_m2, C, sizeof C);
    double tr = C[0][0] + C[1][1], dif = C[0][0] - C[1][1];
    double disc = sqrt(0.25 * dif * dif + C[0][1] * C[0][1]);
    double l1 = 0.5 * tr + disc, l2 = 0.5 * tr - disc;
    out->semi_major_m = sqrt(l1 > 0.0 ? l1 : 0.0);
    out->semi_minor_m = sqrt(l2 > 0.0 ? l2 : 0.0);
    /* major-axis direction (east, north) = (C01, l1 - C00) or (l1 - C11, C01) */
    double ex = C[0][1], ny = l1 - C[0][0];
    if (fabs(ex) + fabs(ny) < 1e-12) ex = l1 - C[1][1], ny = C[0][1];
    double o = atan2(ex, ny); /* clockwise from north */
    if (o < 0.0) o += BMD_PI;
    if (o >= BMD_PI) o -= BMD_PI;
    out->orient_rad = o;
    return BMD_OK;
}
