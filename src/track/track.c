/*
 * track.c: the tracker's public entry points (bmd/track.h): configuration,
 * track start, looks with the M-of-N logic, prediction and impact through
 * the filter table (track_state.h). Model and references: docs/models/track.md.
 */
#include "track_state.h"

#include <math.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/core.h"

void bmd_track_config_init(bmd_track_config *c, const bmd_earth *e, const bmd_atmo *a)
{
    if (c == NULL) return;
    memset(c, 0, sizeof *c);
    c->earth = e;
    c->atmo = a;
    c->filter = BMD_TRACK_EKF;
    c->q_accel_mps2 = 0.0;
    c->q_invbeta = 0.0;
    c->invbeta0_m2pkg = 1.0 / 5000.0;
    c->sigma_invbeta0_m2pkg = 2e-4;
    c->sigma_v0_mps = 3000.0;
    c->init_m = 3;
    c->init_n = 5;
    c->drop_misses = 5;
    c->max_step_s = 1.0;
    c->max_step_dense_s = 0.25;
    c->dense_alt_m = 40e3;
    c->ukf_alpha = 1.0;
    c->ukf_beta = 2.0;
    c->ukf_kappa = 0.0;
}

int bmd_track_config_check(const bmd_track_config *c, bmd_errbuf *err)
{
    if (c == NULL || c->earth == NULL)
        return bmd_err_set(err, BMD_EINVAL, "track: NULL configuration or Earth model");
    if (c->filter != BMD_TRACK_EKF && c->filter != BMD_TRACK_UKF)
        return bmd_err_set(err, BMD_EINVAL, "track: unknown filter kind %d", c->filter);
    if (!(c->q_accel_mps2 >= 0.0) || !isfinite(c->q_accel_mps2) || !(c->q_invbeta >= 0.0) ||
        !isfinite(c->q_invbeta))
        return bmd_err_set(err, BMD_EINVAL, "track: process noise must be finite and >= 0");
    if (!isfinite(c->invbeta0_m2pkg) || !(c->sigma_invbeta0_m2pkg > 0.0) ||
        !isfinite(c->sigma_invbeta0_m2pkg) || !(c->sigma_v0_mps > 0.0) ||
        !isfinite(c->sigma_v0_mps))
        return bmd_err_set(err, BMD_EINVAL,
                           "track: initial 1/beta must be finite, its sigma and sigma_v0 > 0");
    if (c->init_m < 1 || c->init_n < c->init_m || c->init_n > 32 || c->drop_misses < 1)
        return bmd_err_set(err, BMD_EINVAL,
                           "track: M-of-N %d of %d / drop_misses %d invalid (1 <= M <= N <= 32, "
                           "drop_misses >= 1)",
                           c->init_m, c->init_n, c->drop_misses);
    if (!(c->max_step_s > 0.0) || !isfinite(c->max_step_s) || !(c->max_step_dense_s > 0.0) ||
        !isfinite(c->max_step_dense_s) || !isfinite(c->dense_alt_m))
        return bmd_err_set(err, BMD_EINVAL, "track: step limits must be finite and > 0");
    double lam = c->ukf_alpha * c->ukf_alpha * (NX + c->ukf_kappa) - NX;
    if (!(c->ukf_alpha > 0.0 && c->ukf_alpha <= 1.0) || !isfinite(c->ukf_beta) ||
        !isfinite(c->ukf_kappa) || !(NX + lam > 0.0))
        return bmd_err_set(err, BMD_EINVAL,
                           "track: UKF alpha must be in (0, 1] and n + lambda > 0");
    return BMD_OK;
}

/* The filter of a checked configuration (EKF or UKF). */
static const bmd__trk_filter *filter_of(const bmd_track_config *c)
{
    return c->filter == BMD_TRACK_EKF ? &bmd__trk_ekf : &bmd__trk_ukf;
}

int bmd_track_mofn(unsigned history, int looks, int m, int n, int status, int misses_in_row,
                   int drop_misses)
{
    if (status == BMD_TRACK_TENTATIVE) {
        unsigned mask = n >= 32 ? 0xffffffffu : ((1u << n) - 1u);
        int hits = 0;
        for (unsigned h = history & mask; h; h &= h - 1u)
            hits++;
        if (hits >= m) return BMD_TRACK_FIRM;
        /* M detections within the first N looks can no longer happen */
        int left = n - looks;
        if (left < 0) left = 0;
        if (hits + left < m) return BMD_TRACK_DROPPED;
        return BMD_TRACK_TENTATIVE;
    }
    if (status == BMD_TRACK_FIRM && misses_in_row >= drop_misses) return BMD_TRACK_DROPPED;
    return status;
}

static int meas_ok(const bmd_track_meas *z)
{
    return isfinite(z->t_s) && isfinite(z->range_m) && z->range_m > 0.0 && isfinite(z->az_rad) &&
           isfinite(z->el_rad) && fabs(z->el_rad) <= 0.5 * BMD_PI && z->sigma_range_m > 0.0 &&
           z->sigma_az_rad > 0.0 && z->sigma_el_rad > 0.0 && isfinite(z->sigma_range_m) &&
           isfinite(z->sigma_az_rad) && isfinite(z->sigma_el_rad);
}

/* Position of a measurement in ECEF and its covariance. */
static void meas_pos(const bmd_track *tk, const bmd_track_meas *z, double r[3], double C[3][3])
{
    double ce = cos(z->el_rad), se = sin(z->el_rad), ca = cos(z->az_rad), sa = sin(z->az_rad);
    double R = z->range_m;
    double u[3] = {R * ce * sa, R * ce * ca, R * se};
    /* d(e, n, u)/d(range, az, el) */
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
    /* r = site + E^T u, covariance E^T Cu E (E rows: east, north, up) */
    for (int i = 0; i < 3; i++) {
        r[i] =
            tk->site_ecef_m[i] + tk->enu[0][i] * u[0] + tk->enu[1][i] * u[1] + tk->enu[2][i] * u[2];
        for (int j = 0; j < 3; j++) {
            double s = 0.0;
            for (int a = 0; a < 3; a++)
                for (int b = 0; b < 3; b++)
                    s += tk->enu[a][i] * Cu[a][b] * tk->enu[b][j];
            C[i][j] = s;
        }
    }
}

/*
 * Two-point start at the second detection (time t_s): the track holds the
 * first detection's position r1 (covariance C1) at tk->t_s. With r2, C2 from
 * z, solve for v2 such that the dynamics flown back from (r2, v2, 1/beta0)
 * over dt = t_s - t1 reach r1 (Newton on v2 with the transition matrix of
 * the backward flight: r1 = R(r2, v2, b)). First-order covariance by the
 * implicit function theorem: dv2 = Prv^-1 (dr1 - Prr dr2 - Prb db), with
 * Prr, Prv, Prb the position rows of the backward transition matrix.
 * Generalises two-point differencing (Bar-Shalom et al. (2001) sec. 5.5.3)
 * to the ballistic dynamics, so that gravity and drag (with the 1/beta
 * prior's uncertainty) are in the initial covariance.
 */
static int two_point(bmd_track *tk, const bmd_track_config *cfg, double t_s,
                     const bmd_track_meas *z)
{
    double r1[3], C1[3][3], r2[3], C2[3][3], dt = t_s - tk->t_s;
    if (!(dt > 0.0)) return BMD_EDOM;
    for (int i = 0; i < 3; i++) {
        r1[i] = tk->x[i];
        for (int j = 0; j < 3; j++)
            C1[i][j] = tk->P[i][j];
    }
    double sb2 = tk->P[6][6], b = tk->x[6];
    meas_pos(tk, z, r2, C2);
    double x2[NX] = {
        r2[0], r2[1], r2[2], (r2[0] - r1[0]) / dt, (r2[1] - r1[1]) / dt, (r2[2] - r1[2]) / dt, b};
    double Phi[NX][NX], Pi[3][3];
    for (int it = 0; it < 8; it++) {
        double y[NX];
        memcpy(y, x2, sizeof y);
        bmd__trk_propagate_phi(cfg, y, Phi, -dt);
        double Prv[3][3], res[3], step = 0.0;
        for (int i = 0; i < 3; i++) {
            res[i] = y[i] - r1[i];
            for (int j = 0; j < 3; j++)
                Prv[i][j] = Phi[i][3 + j];
        }
        if (bmd__trk_inv3g(Prv, Pi) != BMD_OK) return BMD_EDOM;
        for (int i = 0; i < 3; i++) {
            double d = Pi[i][0] * res[0] + Pi[i][1] * res[1] + Pi[i][2] * res[2];
            x2[3 + i] -= d;
            step += d * d;
        }
        if (sqrt(step) < 1e-9) break;
    }
    /* final transition matrix at the solution */
    double y[NX];
    memcpy(y, x2, sizeof y);
    bmd__trk_propagate_phi(cfg, y, Phi, -dt);
    double Prv[3][3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            Prv[i][j] = Phi[i][3 + j];
    if (bmd__trk_inv3g(Prv, Pi) != BMD_OK) return BMD_EDOM;
    /* x2 = G [dr1; dr2; db]: rows r2 -> (0, I, 0); v2 -> (Pi, -Pi Prr, -Pi Prb); b -> 1 */
    double G[NX][7];
    memset(G, 0, sizeof G);
    for (int i = 0; i < 3; i++) {
        G[i][3 + i] = 1.0;
        for (int j = 0; j < 3; j++) {
            G[3 + i][j] = Pi[i][j];
            double s = 0.0;
            for (int k = 0; k < 3; k++)
                s += Pi[i][k] * Phi[k][j];
            G[3 + i][3 + j] = -s;
        }
        double s = 0.0;
        for (int k = 0; k < 3; k++)
            s += Pi[i][k] * Phi[k][6];
        G[3 + i][6] = -s;
    }
    G[6][6] = 1.0;
    double Cin[7][7];
    memset(Cin, 0, sizeof Cin);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            Cin[i][j] = C1[i][j];
            Cin[3 + i][3 + j] = C2[i][j];
        }
    Cin[6][6] = sb2;
    for (int i = 0; i < NX; i++)
        for (int j = 0; j < NX; j++) {
            double s = 0.0;
            for (int a = 0; a < 7; a++)
                for (int c = 0; c < 7; c++)
                    s += G[i][a] * Cin[a][c] * G[j][c];
            tk->P[i][j] = s;
        }
    bmd__trk_symmetrize(tk->P);
    memcpy(tk->x, x2, sizeof x2);
    tk->t_s = t_s;
    return bmd__trk_healthy(tk->x, tk->P) ? BMD_OK : BMD_EDOM;
}

int bmd_track_start(bmd_track *tk, const bmd_track_config *cfg, const double site_ecef_m[3],
                    double site_lat_rad, double site_lon_rad, const bmd_track_meas *z,
                    bmd_errbuf *err)
{
    int st = bmd_track_config_check(cfg, err);
    if (st != BMD_OK) return st;
    if (tk == NULL || site_ecef_m == NULL || z == NULL)
        return bmd_err_set(err, BMD_EINVAL, "track: NULL argument");
    if (!isfinite(site_ecef_m[0]) || !isfinite(site_ecef_m[1]) || !isfinite(site_ecef_m[2]) ||
        !isfinite(site_lat_rad) || !isfinite(site_lon_rad))
        return bmd_err_set(err, BMD_EINVAL, "track: site not finite");
    if (!meas_ok(z))
        return bmd_err_set(err, BMD_EINVAL,
                           "track: measurement not finite, range <= 0 or sigma <= 0");
    memset(tk, 0, sizeof *tk);
    tk->filter = cfg->filter;
    memcpy(tk->site_ecef_m, site_ecef_m, sizeof tk->site_ecef_m);
    bmd_geo_enu_basis(site_lat_rad, site_lon_rad, tk->enu);
    double r[3], C[3][3];
    meas_pos(tk, z, r, C);
    for (int i = 0; i < 3; i++) {
        tk->x[i] = r[i];
        for (int j = 0; j < 3; j++)
            tk->P[i][j] = C[i][j];
    }
    for (int i = 3; i < 6; i++)
        tk->P[i][i] = cfg->sigma_v0_mps * cfg->sigma_v0_mps;
    tk->x[6] = cfg->invbeta0_m2pkg;
    tk->P[6][6] = cfg->sigma_invbeta0_m2pkg * cfg->sigma_invbeta0_m2pkg;
    bmd__trk_symmetrize(tk->P);
    tk->t_s = z->t_s;
    tk->t_first_detect_s = z->t_s;
    tk->t_firm_s = -1.0;
    tk->nis = -1.0;
    tk->history = 1u;
    tk->looks = tk->hits = 1;
    tk->status = bmd_track_mofn(tk->history, tk->looks, cfg->init_m, cfg->init_n,
                                BMD_TRACK_TENTATIVE, 0, cfg->drop_misses);
    if (tk->status == BMD_TRACK_FIRM) tk->t_firm_s = z->t_s;
    return BMD_OK;
}

int bmd_track_start_site(bmd_track *tk, const bmd_track_config *cfg, const bmd_radar_site *site,
                         const bmd_track_meas *z, bmd_errbuf *err)
{
    if (site == NULL) return bmd_err_set(err, BMD_EINVAL, "track: NULL radar site");
    return bmd_track_start(tk, cfg, site->r0_ecef_m, site->radar.face.lat_rad,
                           site->radar.face.lon_rad, z, err);
}

int bmd_track_look(bmd_track *tk, const bmd_track_config *cfg, double t_s, const bmd_track_meas *z,
                   bmd_errbuf *err)
{
    int st = bmd_track_config_check(cfg, err);
    if (st != BMD_OK) return st;
    if (tk == NULL) return bmd_err_set(err, BMD_EINVAL, "track: NULL track");
    if (!isfinite(t_s) || t_s < tk->t_s)
        return bmd_err_set(err, BMD_EINVAL,
                           "track: look time %g s not finite or before the "
                           "estimate (%g s)",
                           t_s, tk->t_s);
    if (tk->status == BMD_TRACK_DROPPED)
        return bmd_err_set(err, BMD_EINVAL, "track: the track is dropped");
    if (tk->filter != cfg->filter)
        return bmd_err_set(err, BMD_ESTATE, "track: started with filter %d, configured %d",
                           tk->filter, cfg->filter);
    if (z != NULL && !meas_ok(z))
        return bmd_err_set(err, BMD_EINVAL,
                           "track: measurement not finite, range <= 0 or sigma <= 0");
    if (tk->n_updates == 0) {
        /* one-point track: wait for the second detection (no propagation) */
        if (z != NULL) {
            if ((st = two_point(tk, cfg, t_s, z)) != BMD_OK)
                return bmd_err_set(err, st, "track: two-point start failed");
            tk->hits++;
            tk->n_updates++;
            tk->misses_in_row = 0;
        } else {
            tk->misses_in_row++;
        }
    } else {
        const bmd__trk_filter *f = filter_of(cfg);
        st = f->propagate(cfg, tk->x, tk->P, t_s - tk->t_s);
        if (st == BMD_OK && !bmd__trk_healthy(tk->x, tk->P)) st = BMD_EDOM;
        if (st != BMD_OK) return bmd_err_set(err, st, "track: prediction lost the covariance");
        tk->t_s = t_s;
        if (z != NULL) {
            st = f->update(tk, cfg, z);
            if (st != BMD_OK)
                return bmd_err_set(err, st, "track: update lost positive definiteness");
            tk->hits++;
            tk->n_updates++;
            tk->misses_in_row = 0;
        } else {
            tk->misses_in_row++;
        }
    }
    tk->looks++;
    tk->history = (tk->history << 1) | (z != NULL ? 1u : 0u);
    int was = tk->status;
    tk->status = bmd_track_mofn(tk->history, tk->looks, cfg->init_m, cfg->init_n, tk->status,
                                tk->misses_in_row, cfg->drop_misses);
    if (was != BMD_TRACK_FIRM && tk->status == BMD_TRACK_FIRM) tk->t_firm_s = t_s;
    return BMD_OK;
}

int bmd_track_predict(const bmd_track *tk, const bmd_track_config *cfg, double t_s, double x[NX],
                      double P[NX][NX], bmd_errbuf *err)
{
    int st = bmd_track_config_check(cfg, err);
    if (st != BMD_OK) return st;
    if (tk == NULL || x == NULL) return bmd_err_set(err, BMD_EINVAL, "track: NULL argument");
    if (!isfinite(t_s) || t_s < tk->t_s)
        return bmd_err_set(err, BMD_EINVAL, "track: prediction time %g s before the estimate", t_s);
    memcpy(x, tk->x, sizeof tk->x);
    if (P == NULL) { /* the state alone: the same for both filters */
        bmd__trk_propagate_lin(cfg, x, NULL, t_s - tk->t_s);
        return BMD_OK;
    }
    memcpy(P, tk->P, sizeof tk->P);
    st = filter_of(cfg)->propagate(cfg, x, P, t_s - tk->t_s);
    if (st != BMD_OK) return bmd_err_set(err, st, "track: prediction lost the covariance");
    return BMD_OK;
}

int bmd_track_impact_point(const bmd_track *tk, const bmd_track_config *cfg, bmd_track_impact *out,
                           bmd_errbuf *err)
{
    int st = bmd_track_config_check(cfg, err);
    if (st != BMD_OK) return st;
    if (tk == NULL || out == NULL) return bmd_err_set(err, BMD_EINVAL, "track: NULL argument");
    return filter_of(cfg)->impact(tk, cfg, out, err);
}

double bmd_track_pos_sigma_m(const bmd_track *tk)
{
    if (tk == NULL) return NAN;
    return sqrt(tk->P[0][0] + tk->P[1][1] + tk->P[2][2]);
}
