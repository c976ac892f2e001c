/*
 * impact.c: the predicted impact point and its covariance (bmd/track.h,
 * bmd_track_impact_point; docs/models/track.md, "Impact prediction").
 */
#include "track_state.h"

#include <math.h>
#include <string.h>

#include "bmd/const.h"

#define NS (2 * NX + 1)

/* 1-sigma ellipse of a 2 x 2 east/north covariance. */
static void ellipse(bmd_track_impact *out)
{
    double(*C)[2] = out->cov_en_m2;
    double tr = C[0][0] + C[1][1], dif = C[0][0] - C[1][1];
    double disc = sqrt(0.25 * dif * dif + C[0][1] * C[0][1]);
    double l1 = 0.5 * tr + disc, l2 = 0.5 * tr - disc;
    out->semi_major_m = sqrt(l1 > 0.0 ? l1 : 0.0);
    out->semi_minor_m = sqrt(l2 > 0.0 ? l2 : 0.0);
    /* major axis (east, north): the eigenvector of l1, 2 theta = atan2(2 C01, C00 - C11)
       measured from east; clockwise from north it is pi/2 - theta */
    double th = 0.5 * atan2(2.0 * C[0][1], dif);
    double o = 0.5 * BMD_PI - th;
    while (o < 0.0)
        o += BMD_PI;
    while (o >= BMD_PI)
        o -= BMD_PI;
    out->orient_rad = o;
}

int bmd__trk_impact_linear(const bmd_track *tk, const bmd_track_config *c, bmd_track_impact *out,
                           bmd_errbuf *err)
{
    double x[NX], P[NX][NX], t = tk->t_s;
    memcpy(x, tk->x, sizeof x);
    memcpy(P, tk->P, sizeof P);
    if (!(bmd__trk_height(c, x) > 0.0))
        return bmd_err_set(err, BMD_EUNREACH, "track: the estimate is not above the ground");
    for (;;) {
        double h = bmd__trk_hmax(c, x), x1[NX], Phi[NX][NX];
        memcpy(x1, x, sizeof x1);
        bmd__trk_rk4_phi(c, x1, Phi, h);
        if (!(bmd__trk_height(c, x1) > 0.0)) break;
        memcpy(x, x1, sizeof x);
        bmd__trk_sandwich_phi(Phi, P);
        bmd__trk_add_q(c, P, h);
        bmd__trk_symmetrize(P);
        t += h;
        if (t - tk->t_s > BMD_TRACK_T_MAX_S)
            return bmd_err_set(err, BMD_EUNREACH, "track: no impact within %g s",
                               BMD_TRACK_T_MAX_S);
    }
    double xg[NX], tau = 0.0;
    memcpy(xg, x, sizeof xg);
    if (bmd__trk_to_ground(c, xg, &tau, 2.0 * c->max_step_s) != BMD_OK || !(tau >= 0.0))
        return bmd_err_set(err, BMD_EUNREACH, "track: ground crossing not found");
    bmd__trk_propagate_lin(c, x, P, tau);
    t += tau;
    double lat, lon;
    bmd_geo_from_ecef(c->earth, x, &lat, &lon, NULL);
    double en[3][3];
    bmd_geo_enu_basis(lat, lon, en);
    const double *n = en[2], *v = x + 3;
    double nv = n[0] * v[0] + n[1] * v[1] + n[2] * v[2];
    if (!(nv < -1e-3))
        return bmd_err_set(err, BMD_EUNREACH, "track: grazing impact (vertical speed %g m/s)", nv);
    /* impact point error: dr - v (n.dr)/(n.v); rows a = east, north of en M */
    double A[2][3];
    for (int a = 0; a < 2; a++) {
        double ev = en[a][0] * v[0] + en[a][1] * v[1] + en[a][2] * v[2];
        for (int j = 0; j < 3; j++)
            A[a][j] = en[a][j] - ev * n[j] / nv;
    }
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++) {
            double s = 0.0;
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    s += A[a][i] * P[i][j] * A[b][j];
            out->cov_en_m2[a][b] = s;
        }
    double vt = 0.0;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            vt += n[i] * P[i][j] * n[j];
    out->sigma_t_s = sqrt(vt > 0.0 ? vt : 0.0) / fabs(nv);
    out->t_s = t;
    out->lat_rad = lat;
    out->lon_rad = lon;
    memcpy(out->r_ecef_m, x, sizeof out->r_ecef_m);
    memcpy(out->v_ecef_mps, x + 3, sizeof out->v_ecef_mps);
    ellipse(out);
    return BMD_OK;
}

int bmd__trk_impact_sigma(const bmd_track *tk, const bmd_track_config *c, bmd__trk_prop_fn prop,
                          bmd__trk_sigma_fn sigma, bmd_track_impact *out, bmd_errbuf *err)
{
    double x[NX], P[NX][NX], t = tk->t_s;
    memcpy(x, tk->x, sizeof x);
    memcpy(P, tk->P, sizeof P);
    if (!(bmd__trk_height(c, x) > 0.0))
        return bmd_err_set(err, BMD_EUNREACH, "track: the estimate is not above the ground");
    /* carry the ensemble (redrawn each step, noise added) while the estimate
       stays above ground for a whole step */
    for (;;) {
        double h = bmd__trk_hmax(c, x), x1[NX];
        memcpy(x1, x, sizeof x1);
        bmd__trk_rk4(c, x1, h);
        if (!(bmd__trk_height(c, x1) > 0.0)) break;
        int st = prop(c, x, P, h);
        if (st != BMD_OK)
            return bmd_err_set(err, st, "track: impact prediction lost the covariance");
        t += h;
        if (t - tk->t_s > BMD_TRACK_T_MAX_S)
            return bmd_err_set(err, BMD_EUNREACH, "track: no impact within %g s",
                               BMD_TRACK_T_MAX_S);
    }
    /* then each sigma point to its own ground crossing */
    double X[NS][NX], wm[NS], wc[NS], tk_s[NS];
    int st = sigma(c, x, P, X, wm, wc);
    if (st != BMD_OK) return bmd_err_set(err, st, "track: impact prediction lost the covariance");
    double rm[3] = {0.0, 0.0, 0.0}, vm[3] = {0.0, 0.0, 0.0}, tm = 0.0;
    for (int k = 0; k < NS; k++) {
        tk_s[k] = 0.0;
        if (bmd__trk_to_ground(c, X[k], &tk_s[k], BMD_TRACK_T_MAX_S) != BMD_OK)
            return bmd_err_set(err, BMD_EUNREACH, "track: sigma point %d does not reach the ground",
                               k);
        for (int i = 0; i < 3; i++) {
            rm[i] += wm[k] * X[k][i];
            vm[i] += wm[k] * X[k][3 + i];
        }
        tm += wm[k] * tk_s[k];
    }
    double lat, lon;
    bmd_geo_from_ecef(c->earth, rm, &lat, &lon, NULL);
    double en[3][3];
    bmd_geo_enu_basis(lat, lon, en);
    double C[2][2] = {{0.0, 0.0}, {0.0, 0.0}}, vt = 0.0;
    for (int k = 0; k < NS; k++) {
        double d[3] = {X[k][0] - rm[0], X[k][1] - rm[1], X[k][2] - rm[2]}, e2[2];
        for (int a = 0; a < 2; a++)
            e2[a] = en[a][0] * d[0] + en[a][1] * d[1] + en[a][2] * d[2];
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < 2; b++)
                C[a][b] += wc[k] * e2[a] * e2[b];
        vt += wc[k] * (tk_s[k] - tm) * (tk_s[k] - tm);
    }
    memcpy(out->cov_en_m2, C, sizeof C);
    out->t_s = t + tm;
    out->sigma_t_s = sqrt(vt > 0.0 ? vt : 0.0);
    out->lat_rad = lat;
    out->lon_rad = lon;
    bmd_geo_to_ecef(c->earth, lat, lon, 0.0, out->r_ecef_m);
    memcpy(out->v_ecef_mps, vm, sizeof vm);
    ellipse(out);
    return BMD_OK;
}
