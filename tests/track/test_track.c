/*
 * test_track.c: the ballistic-target tracker (bmd/track.h): error paths,
 * M-of-N logic, the propagator against the Kepler two-body solution, the
 * state-transition matrix against finite differences, sigma points, impact
 * prediction, and EKF/UKF consistency (NEES, NIS) over 100 seeded runs of a
 * Nodong-class reentry vehicle seen by an AN/TPY-2-class radar at Seongju.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "radars.h"

#include <gsl/gsl_cdf.h>

#include "bmd/const.h"
#include "bmd/core.h"
#include "bmd/geo.h"
#include "bmd/radar.h"
#include "bmd/track.h"
#include "bmd/traj.h"
#include "track/ukf.h"

/* ---- the Nodong-class case ------------------------------------------------ */

#define MAXS 1000
typedef struct truth {
    int n;
    double t[MAXS], r[MAXS][3], v[MAXS][3];
    bmd_traj_summary sum;
} truth;

static int collect(void *ctx, const bmd_traj_sample *s)
{
    truth *T = ctx;
    if (s->event != BMD_TRAJ_EV_NONE || T->n >= MAXS) return 0;
    T->t[T->n] = s->t_s;
    memcpy(T->r[T->n], s->r_ecef_m, sizeof T->r[0]);
    memcpy(T->v[T->n], s->v_ecef_mps, sizeof T->v[0]);
    T->n++;
    return 0;
}

static bmd_earth g_earth;
static bmd_atmo g_atmo;
static truth g_truth;
static bmd_radar_site g_site;

/* Beta of the Nodong RV: data/catalog/missiles.yaml, nodong, rv beta
 * 6000 kg/m^2 (estimate: 1000 kg conical RV, 1.32 m base, Cd ~0.12). */
#define NODONG_BETA 6000.0
#define RCS_M2 0.05

/* Truth integration: tight (dopri5 at rtol 1e-12, 1 um, 1 nm/s) unless
 * g_truth_default_tol is set: then the defaults of bmd_traj_integrator_init
 * (rtol 1e-9, 1 mm, 1 um/s), the truth `bmdsim run` flies. */
static int g_truth_default_tol;

static int fly_truth(double beta_kgpm2)
{
    bmd_traj_integrator ig;
    if (bmd_traj_integrator_init(&ig, bmd_traj_dopri5, NULL) != BMD_OK) return -1;
    if (!g_truth_default_tol) {
        ig.rtol = 1e-12;
        ig.atol_pos_m = 1e-6;
        ig.atol_vel_mps = 1e-9;
    }
    bmd_traj_config c;
    bmd_traj_config_init(&c, &g_earth, &g_atmo);
    c.integ = &ig;
    c.sample_dt_s = 1.0;
    c.sample = collect;
    c.sample_ctx = &g_truth;
    bmd_traj_impulsive b = {38.20 * BMD_DEG2RAD, 126.10 * BMD_DEG2RAD, 42.8e3, 1930.0,
                            37.83 * BMD_DEG2RAD, 138.07 * BMD_DEG2RAD, 1000.0, beta_kgpm2};
    memset(&g_truth, 0, sizeof g_truth);
    if (bmd_traj_fly_impulsive(&c, &b, &g_truth.sum, NULL) != BMD_OK) return -1;
    bmd_traj_integrator_free(&ig);
    return 0;
}

/*
 * Truth: free flight from the burnout state of the default scenario's
 * Nodong shot (README "bmdsim run": burnout alt 42.8 km, 1.930 km/s, gamma
 * 37.83 deg, azimuth 138.07 deg toward Busan), burnout point placed ~45 km
 * down-range of the North Hwanghae site. WGS84 + J2, rotating, US76; dopri5
 * at tight tolerances (rtol 1e-12, 1 um, 1 nm/s) so that its error is far
 * below the radar's range noise (mm at these SNRs).
 * Radar: an-tpy2 of data/catalog/radars.yaml typed in (9.5 GHz, 57.6 kW,
 * 9.2 m^2, efficiency 0.8, 500 K, 5 dB loss, 500 MHz, cos^2 scan loss,
 * 10 deg tilt, el 0-70 deg, 100 ms dwell, 13 dB, pfa 1e-6, Swerling 0,
 * 600 km window) at the Seongju site of data/sites.yaml (36.05N 128.23E,
 * 680 m), facing 320 deg (toward North Hwanghae).
 */
static int setup(void **state)
{
    (void)state;
    bmd_earth_wgs84(&g_earth);
    if (bmd_atmo_init(&g_atmo, BMD_ATMO_US76) != BMD_OK) return -1;
    if (fly_truth(NODONG_BETA) != 0) return -1;
    bmd_radar r;
    tst_tpy2_seongju(&r);
    if (bmd_radar_setup(&g_site, &r, &g_earth, NULL) != BMD_OK) return -1;
    return 0;
}

/* The measurement of look k (noise from rng, or none when rng is NULL);
 * 0 when the radar does not see the target then. */
static int measure(int k, bmd_rng *rng, bmd_track_meas *z)
{
    bmd_radar_obs obs;
    if (bmd_radar_observe(&g_site, g_truth.r[k], RCS_M2, &obs) != BMD_OK) return 0;
    if (obs.reasons != 0) return 0;
    bmd_radar_meas m;
    int st = rng ? bmd_radar_measure(&g_site, &obs, rng, &m) : bmd_radar_sigmas(&g_site, &obs, &m);
    if (st != BMD_OK) return 0;
    *z = (bmd_track_meas){g_truth.t[k],    m.range_m,
                          m.az_rad,        m.el_rad - (obs.el_rad - obs.el_geo_rad), /* geometric */
                          m.sigma_range_m, m.sigma_az_rad,
                          m.sigma_el_rad};
    return 1;
}

static void tcfg(bmd_track_config *c, int filter)
{
    bmd_track_config_init(c, &g_earth, &g_atmo);
    c->filter = filter;
}

/* True impact point in local east/north metres relative to the predicted one. */
static void impact_miss_en(const bmd_track_impact *ip, double en_m[2])
{
    double rt[3], m[3][3];
    bmd_geo_to_ecef(&g_earth, g_truth.sum.impact_lat_rad, g_truth.sum.impact_lon_rad, 0.0, rt);
    bmd_geo_enu_basis(ip->lat_rad, ip->lon_rad, m);
    double d[3] = {rt[0] - ip->r_ecef_m[0], rt[1] - ip->r_ecef_m[1], rt[2] - ip->r_ecef_m[2]};
    for (int a = 0; a < 2; a++)
        en_m[a] = m[a][0] * d[0] + m[a][1] * d[1] + m[a][2] * d[2];
}

/* ---- error paths ---------------------------------------------------------- */

static void test_errors(void **state)
{
    (void)state;
    bmd_track_config c;
    tcfg(&c, BMD_TRACK_EKF);
    bmd_track tk;
    bmd_track_meas z;
    bmd_errbuf err;
    assert_true(measure(10, NULL, &z));
    CHECK_STATUS(bmd_track_start(NULL, &c, g_site.r0_ecef_m, 0.6, 2.2, &z, &err), BMD_EINVAL);
    CHECK_STATUS(bmd_track_start(&tk, NULL, g_site.r0_ecef_m, 0.6, 2.2, &z, &err), BMD_EINVAL);
    CHECK_STATUS(bmd_track_start(&tk, &c, NULL, 0.6, 2.2, &z, &err), BMD_EINVAL);
    CHECK_STATUS(bmd_track_start(&tk, &c, g_site.r0_ecef_m, 0.6, 2.2, NULL, &err), BMD_EINVAL);
    CHECK_STATUS(bmd_track_start_site(&tk, &c, NULL, &z, &err), BMD_EINVAL);
    bmd_track_meas bad = z;
    bad.range_m = NAN;
    CHECK_STATUS(bmd_track_start_site(&tk, &c, &g_site, &bad, &err), BMD_EINVAL);
    bad = z;
    bad.el_rad = INFINITY;
    CHECK_STATUS(bmd_track_start_site(&tk, &c, &g_site, &bad, &err), BMD_EINVAL);
    bad = z;
    bad.sigma_az_rad = 0.0;
    CHECK_STATUS(bmd_track_start_site(&tk, &c, &g_site, &bad, &err), BMD_EINVAL);
    bmd_track_config cb = c;
    cb.earth = NULL;
    CHECK_STATUS(bmd_track_config_check(&cb, &err), BMD_EINVAL);
    cb = c;
    cb.filter = 7;
    CHECK_STATUS(bmd_track_start_site(&tk, &cb, &g_site, &z, &err), BMD_EINVAL);
    cb = c;
    cb.init_m = 6; /* > init_n */
    CHECK_STATUS(bmd_track_config_check(&cb, &err), BMD_EINVAL);
    cb = c;
    cb.q_accel_mps2 = -1.0;
    CHECK_STATUS(bmd_track_config_check(&cb, &err), BMD_EINVAL);
    cb = c;
    cb.ukf_alpha = 0.0;
    CHECK_STATUS(bmd_track_config_check(&cb, &err), BMD_EINVAL);
    CHECK_OK(bmd_track_config_check(&c, &err));

    CHECK_OK(bmd_track_start_site(&tk, &c, &g_site, &z, &err));
    bad = z;
    bad.az_rad = NAN;
    CHECK_STATUS(bmd_track_look(&tk, &c, z.t_s + 1.0, &bad, &err), BMD_EINVAL);
    CHECK_STATUS(bmd_track_look(&tk, &c, z.t_s - 1.0, NULL, &err), BMD_EINVAL);
    CHECK_STATUS(bmd_track_look(&tk, &c, NAN, NULL, &err), BMD_EINVAL);
    CHECK_STATUS(bmd_track_look(NULL, &c, z.t_s + 1.0, NULL, &err), BMD_EINVAL);
    bmd_track_config cu;
    tcfg(&cu, BMD_TRACK_UKF);
    CHECK_STATUS(bmd_track_look(&tk, &cu, z.t_s + 1.0, NULL, &err), BMD_ESTATE);
    double x[BMD_TRACK_NX], P[BMD_TRACK_NX][BMD_TRACK_NX];
    CHECK_STATUS(bmd_track_predict(&tk, &c, z.t_s - 1.0, x, P, &err), BMD_EINVAL);
    CHECK_STATUS(bmd_track_predict(&tk, &c, z.t_s + 1.0, NULL, P, &err), BMD_EINVAL);
    CHECK_STATUS(bmd_track_impact_point(&tk, &c, NULL, &err), BMD_EINVAL);
    assert_true(isnan(bmd_track_pos_sigma_m(NULL)));
    double zz[3], xs[BMD_TRACK_NX] = {0};
    memcpy(xs, g_site.r0_ecef_m, sizeof g_site.r0_ecef_m);
    CHECK_STATUS(bmd_track_meas_model(&tk, xs, zz), BMD_EINVAL); /* at the site */
    /* a dropped track refuses further looks */
    tk.status = BMD_TRACK_DROPPED;
    CHECK_STATUS(bmd_track_look(&tk, &c, z.t_s + 1.0, NULL, &err), BMD_EINVAL);
    /* an estimate below ground has no impact point */
    CHECK_OK(bmd_track_start_site(&tk, &c, &g_site, &z, &err));
    bmd_geo_to_ecef(&g_earth, 35.0 * BMD_DEG2RAD, 129.0 * BMD_DEG2RAD, -100.0, tk.x);
    bmd_track_impact ip;
    CHECK_STATUS(bmd_track_impact_point(&tk, &c, &ip, &err), BMD_EUNREACH);
}

/* ---- M-of-N --------------------------------------------------------------- */

/* Runs a hit/miss pattern ('H'/'M'; the first look, the start, is a hit)
 * through bmd_track_look and returns the status after each look. */
static void run_pattern(const char *pat, int m, int n, int drop, int *status, double *t_firm)
{
    bmd_track_config c;
    tcfg(&c, BMD_TRACK_EKF);
    c.init_m = m;
    c.init_n = n;
    c.drop_misses = drop;
    bmd_track tk;
    bmd_track_meas z;
    assert_true(measure(0, NULL, &z));
    CHECK_OK(bmd_track_start_site(&tk, &c, &g_site, &z, NULL));
    status[0] = tk.status;
    for (int i = 1; pat[i]; i++) {
        int hit = pat[i] == 'H' && measure(i, NULL, &z);
        assert_true(hit || pat[i] == 'M');
        CHECK_OK(bmd_track_look(&tk, &c, g_truth.t[i], hit ? &z : NULL, NULL));
        status[i] = tk.status;
        if (tk.status == BMD_TRACK_DROPPED) {
            for (int j = i + 1; pat[j]; j++)
                status[j] = BMD_TRACK_DROPPED;
            break;
        }
    }
    *t_firm = tk.t_firm_s;
}

static void expect(const char *pat, int m, int n, int drop, const char *want)
{
    int st[64];
    double tf;
    run_pattern(pat, m, n, drop, st, &tf);
    for (int i = 0; pat[i]; i++) {
        int w = want[i] == 'T' ? BMD_TRACK_TENTATIVE
                               : (want[i] == 'F' ? BMD_TRACK_FIRM : BMD_TRACK_DROPPED);
        if (st[i] != w)
            fail_msg("pattern %s (%d of %d, drop %d): look %d status %d, want %c", pat, m, n, drop,
                     i + 1, st[i], want[i]);
    }
}

static void test_mofn(void **state)
{
    (void)state;
    /* Expected transitions follow from the rule of bmd/track.h (Blackman &
     * Popoli (1999) sec. 3.2): firm at the look completing M detections
     * within the first N looks; dropped when that is no longer possible;
     * firm -> dropped after drop_misses consecutive misses. */
    expect("HHH", 3, 5, 5, "TTF");
    expect("HMHMH", 3, 5, 5, "TTTTF");
    expect("HHMMH", 3, 5, 5, "TTTTF");
    expect("HMMMH", 3, 5, 5, "TTTDD"); /* 1 hit + 1 look left < 3 */
    expect("HMMHH", 3, 5, 5, "TTTTF");
    expect("HMHMMH", 3, 5, 5, "TTTTDD"); /* 2 hits, no look left */
    expect("HHHMMMMMH", 3, 5, 5, "TTFFFFFDD");
    expect("HHHMMMMHMMMM", 3, 5, 5, "TTFFFFFFFFFF"); /* 4 misses, a hit resets */
    expect("HMHMH", 2, 3, 2, "TTFFF");
    expect("H", 1, 1, 3, "F");
    expect("HHMM", 2, 2, 2, "TFFD");
    /* the rule alone */
    assert_int_equal(bmd_track_mofn(0x7u, 3, 3, 5, BMD_TRACK_TENTATIVE, 0, 5), BMD_TRACK_FIRM);
    assert_int_equal(bmd_track_mofn(0x9u, 4, 3, 5, BMD_TRACK_TENTATIVE, 0, 5), BMD_TRACK_TENTATIVE);
    assert_int_equal(bmd_track_mofn(0x8u, 4, 3, 5, BMD_TRACK_TENTATIVE, 3, 5), BMD_TRACK_DROPPED);
    assert_int_equal(bmd_track_mofn(0x0u, 9, 3, 5, BMD_TRACK_FIRM, 4, 5), BMD_TRACK_FIRM);
    assert_int_equal(bmd_track_mofn(0x0u, 9, 3, 5, BMD_TRACK_FIRM, 5, 5), BMD_TRACK_DROPPED);
    int st[8];
    double tf;
    run_pattern("HMHMH", 3, 5, 5, st, &tf);
    CHECK_ABS(tf, g_truth.t[4], 0.0); /* t_firm_s = the fifth look's time, exactly */
}

/* ---- propagator ----------------------------------------------------------- */

/* Kepler two-body solution by f and g functions with the eccentric anomaly
 * (Bate, Mueller & White (1971) sec. 4.4-4.5; Vallado (2013) alg. 8). */
static void kepler(double mu, const double r0[3], const double v0[3], double dt, double r[3],
                   double v[3])
{
    double rn = sqrt(r0[0] * r0[0] + r0[1] * r0[1] + r0[2] * r0[2]);
    double v2 = v0[0] * v0[0] + v0[1] * v0[1] + v0[2] * v0[2];
    double rv = r0[0] * v0[0] + r0[1] * v0[1] + r0[2] * v0[2];
    double a = 1.0 / (2.0 / rn - v2 / mu), n = sqrt(mu / (a * a * a));
    double ecE0 = 1.0 - rn / a, esE0 = rv / sqrt(mu * a); /* e cos E0, e sin E0 */
    double E0 = atan2(esE0, ecE0), e = hypot(ecE0, esE0);
    double M = E0 - e * sin(E0) + n * dt, E = M;
    for (int i = 0; i < 50; i++)
        E -= (E - e * sin(E) - M) / (1.0 - e * cos(E));
    double dE = E - E0;
    double f = 1.0 - a / rn * (1.0 - cos(dE)), g = dt - (dE - sin(dE)) / n;
    for (int i = 0; i < 3; i++)
        r[i] = f * r0[i] + g * v0[i];
    double rr = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
    double fd = -sqrt(mu * a) * sin(dE) / (rr * rn), gd = 1.0 - a / rr * (1.0 - cos(dE));
    for (int i = 0; i < 3; i++)
        v[i] = fd * r0[i] + gd * v0[i];
}

static void test_kepler(void **state)
{
    (void)state;
    /* vacuum, J2 off, non-rotating sphere: the model reduces to two-body */
    bmd_earth e;
    CHECK_OK(bmd_earth_init(&e, BMD_SPHERE_R_M, 0.0, BMD_SPHERE_GM_M3PS2, 0.0, 0.0));
    bmd_track_config c;
    bmd_track_config_init(&c, &e, NULL);
    c.q_accel_mps2 = 0.0;
    c.q_invbeta = 0.0;
    bmd_track tk;
    memset(&tk, 0, sizeof tk);
    double r0[3] = {6471e3, 1000e3, 300e3}, v0[3] = {2000.0, 4000.0, 1500.0};
    memcpy(tk.x, r0, sizeof r0);
    memcpy(tk.x + 3, v0, sizeof v0);
    tk.x[6] = 1e-4;
    for (int i = 0; i < BMD_TRACK_NX; i++)
        tk.P[i][i] = i < 3 ? 100.0 : (i < 6 ? 1.0 : 1e-10);
    tk.filter = BMD_TRACK_EKF;
    double x[BMD_TRACK_NX], P[BMD_TRACK_NX][BMD_TRACK_NX], r[3], v[3];
    for (int filter = 0; filter < 2; filter++) {
        c.filter = filter;
        CHECK_OK(bmd_track_predict(&tk, &c, 600.0, x, P, NULL));
        kepler(e.gm_m3ps2, r0, v0, 600.0, r, v);
        /* EKF (the estimate flown by RK4, 1 s steps): global error
         * ~ T (n h)^4 |r| n / 120 ~ 1e-9 m for n ~ 1.2e-3 rad/s; the step
         * does not matter (0.25-1 s give the same result), so 1 mm and
         * 1 um/s are rounding margins. UKF: the state is the mean of sigma
         * points spread by sqrt(7) sigma (26 m, 2.6 m/s): it differs from
         * the flown centre by second-order terms ~ sigma^2 |d2a/dr2| T^2 /
         * 2 ~ 1e-2 m, 1e-5 m/s (measured: 8e-6 m/s), hence 5 cm, 1e-4 m/s. */
        double tr = filter ? 5e-2 : 1e-3, tv = filter ? 1e-4 : 1e-6;
        for (int i = 0; i < 3; i++) {
            CHECK_ABS(x[i], r[i], tr);
            CHECK_ABS(x[3 + i], v[i], tv);
        }
        CHECK_ABS(x[6], 1e-4, 1e-18); /* 1/beta constant (UKF: rounding of the mean) */
    }
    /* the covariance: EKF P(600) = Phi P0 Phi^T with Phi from central
     * differences of the state propagation (steps 1 m, 1 mm/s); relative
     * tolerance 1e-6 (difference truncation ~(1 m / 7000 km)^2) */
    c.filter = BMD_TRACK_EKF;
    CHECK_OK(bmd_track_predict(&tk, &c, 600.0, x, P, NULL));
    double Phi[6][6];
    for (int j = 0; j < 6; j++) {
        bmd_track a = tk, b = tk;
        double hs = j < 3 ? 1.0 : 1e-3, xa[BMD_TRACK_NX], xb[BMD_TRACK_NX];
        a.x[j] += hs;
        b.x[j] -= hs;
        CHECK_OK(bmd_track_predict(&a, &c, 600.0, xa, NULL, NULL));
        CHECK_OK(bmd_track_predict(&b, &c, 600.0, xb, NULL, NULL));
        for (int i = 0; i < 6; i++)
            Phi[i][j] = (xa[i] - xb[i]) / (2.0 * hs);
    }
    for (int i = 0; i < 6; i++) {
        double s = 0.0;
        for (int k = 0; k < 6; k++)
            s += Phi[i][k] * tk.P[k][k] * Phi[i][k];
        CHECK_REL(P[i][i], s, 1e-6);
    }
    /* UKF covariance: the same to second order in sigma/r (~1e-5) */
    double Pu[BMD_TRACK_NX][BMD_TRACK_NX];
    c.filter = BMD_TRACK_UKF;
    CHECK_OK(bmd_track_predict(&tk, &c, 600.0, x, Pu, NULL));
    for (int i = 0; i < 6; i++)
        CHECK_REL(Pu[i][i], P[i][i], 1e-4);
}

static void test_sigma_points(void **state)
{
    (void)state;
    bmd_track_config c;
    tcfg(&c, BMD_TRACK_UKF);
    /* a covariance with the tracker's spread of scales and strong
     * correlations: A A^T for a fixed A */
    double x[NX] = {3e6, 4e6, 3.7e6, 1000.0, -500.0, 200.0, 2e-4}, P[NX][NX];
    double sc[NX] = {30.0, 20.0, 40.0, 3.0, 2.0, 4.0, 1e-5};
    for (int i = 0; i < NX; i++)
        for (int j = 0; j < NX; j++) {
            double s = 0.0;
            for (int k = 0; k < NX; k++)
                s += (i == k ? 1.0 : 0.3 * sin(i + 2.0 * k)) *
                     (j == k ? 1.0 : 0.3 * sin(j + 2.0 * k));
            P[i][j] = sc[i] * sc[j] * s;
        }
    double X[2 * NX + 1][NX], wm[2 * NX + 1], wc[2 * NX + 1];
    double alphas[2] = {1.0, 0.5};
    for (int a = 0; a < 2; a++) {
        c.ukf_alpha = alphas[a];
        CHECK_OK(bmd__ukf_sigma(&c, x, P, X, wm, wc));
        /* the sigma points reproduce mean and covariance exactly (Julier
         * 2002): relative 1e-9 (rounding in x ~ 4e6 m) */
        for (int i = 0; i < NX; i++) {
            double m = 0.0;
            for (int k = 0; k < 2 * NX + 1; k++)
                m += wm[k] * X[k][i];
            CHECK_ABS(m, x[i], 1e-9 * fabs(x[i]));
            for (int j = 0; j < NX; j++) {
                double s = 0.0;
                for (int k = 1; k < 2 * NX + 1; k++) /* X[0] - x = 0 */
                    s += wc[k] * (X[k][i] - x[i]) * (X[k][j] - x[j]);
                CHECK_ABS(s, P[i][j], 1e-6 * sc[i] * sc[j]);
            }
        }
    }
    /* not positive definite */
    P[0][1] = P[1][0] = 2.0 * sqrt(P[0][0] * P[1][1]);
    CHECK_STATUS(bmd__ukf_sigma(&c, x, P, X, wm, wc), BMD_EDOM);
}

/* ---- impact prediction ---------------------------------------------------- */

static void test_impact_from_true_state(void **state)
{
    (void)state;
    for (int filter = 0; filter < 2; filter++) {
        bmd_track_config c;
        tcfg(&c, filter);
        bmd_track_meas z;
        bmd_track tk;
        assert_true(measure(100, NULL, &z));
        CHECK_OK(bmd_track_start_site(&tk, &c, &g_site, &z, NULL));
        memcpy(tk.x, g_truth.r[100], 3 * sizeof(double));
        memcpy(tk.x + 3, g_truth.v[100], 3 * sizeof(double));
        tk.x[6] = 1.0 / NODONG_BETA;
        memset(tk.P, 0, sizeof tk.P);
        for (int i = 0; i < NX; i++)
            tk.P[i][i] = i < 3 ? 1e-2 : (i < 6 ? 1e-6 : 1e-16);
        c.q_accel_mps2 = 0.0;
        c.q_invbeta = 0.0;
        bmd_track_impact ip;
        CHECK_OK(bmd_track_impact_point(&tk, &c, &ip, NULL));
        double en[2];
        impact_miss_en(&ip, en);
        /* same dynamics as bmd_traj_fly_impulsive: the difference is RK4's
         * error (1 s steps, 0.25 s below 40 km: ~1e-6 m) and the truth's
         * dopri5 event location (< 1 ms at ~ 700 m/s horizontal); 1 m */
        printf("# true-state impact: miss %.4f m, ellipse %.4f x %.4f m\n", hypot(en[0], en[1]),
               ip.semi_major_m, ip.semi_minor_m);
        CHECK_ABS(hypot(en[0], en[1]), 0.0, 1.0);
        CHECK_ABS(ip.t_s - g_truth.t[100], g_truth.sum.flight_time_s - g_truth.t[100], 1e-3);
        /* tiny P -> tiny ellipse: 0.1 m position sigma maps to < 1 m */
        assert_true(ip.semi_major_m < 1.0 && ip.semi_minor_m <= ip.semi_major_m);
    }
}

static void test_noise_free_convergence(void **state)
{
    (void)state;
    for (int filter = 0; filter < 2; filter++) {
        bmd_track_config c;
        tcfg(&c, filter);
        c.invbeta0_m2pkg = 1.0 / NODONG_BETA; /* prior centred on the truth */
        c.sigma_invbeta0_m2pkg = 2e-5;
        c.q_accel_mps2 = 0.0; /* the truth has no process noise */
        c.q_invbeta = 0.0;
        bmd_track tk;
        bmd_track_meas z;
        int k = 0;
        while (!measure(k, NULL, &z))
            k++;
        CHECK_OK(bmd_track_start_site(&tk, &c, &g_site, &z, NULL));
        double err20 = -1.0, errl = -1.0;
        for (k++; k < g_truth.n && measure(k, NULL, &z); k++) {
            CHECK_OK(bmd_track_look(&tk, &c, g_truth.t[k], &z, NULL));
            if (tk.n_updates == 20 || !measure(k + 1, NULL, &z)) {
                bmd_track_impact ip;
                double en[2];
                CHECK_OK(bmd_track_impact_point(&tk, &c, &ip, NULL));
                impact_miss_en(&ip, en);
                if (tk.n_updates == 20)
                    err20 = hypot(en[0], en[1]);
                else
                    errl = hypot(en[0], en[1]);
            }
        }
        printf("# noise-free %s: impact miss after 20 updates %.3f m, after %d updates %.3f m\n",
               filter ? "UKF" : "EKF", err20, tk.n_updates, errl);
        /* With exact measurements the estimate converges to the truth; what
         * is left is the prior's pull, RK4 (~1e-6 m) and the truth's event
         * location (the true-state test above: 1.3 mm): 0.1 m after the
         * last update (measured 0.02 m EKF, 0.01 m UKF). */
        assert_true(errl >= 0.0 && errl < 0.1);
        assert_true(errl <= err20);
    }
}

/* ---- consistency over 100 runs -------------------------------------------- */

#define NRUN 100
/* 1/beta prior of the consistency runs: the catalog's 6000 kg/m^2 with a
 * 10 % sigma (beta ~5450-6670 kg/m^2 at 1 sigma) */
#define IB0 (1.0 / NODONG_BETA)
#define SIGMA_IB0 (0.1 / NODONG_BETA)
/* Looks skipped before NEES/NIS are averaged: the first looks after the
 * two-point start carry its linearisation error (position known to mm in
 * range, km-class prior in the first step). */
#define BURN 10

/* Statistics of one 100-run consistency experiment. */
typedef struct cons_stats {
    int nt;                        /* look times with all NRUN runs */
    int in6, in3;                  /* look times inside the pointwise 95 % regions */
    int sim6, sim3;                /* look times inside the simultaneous 95 % regions */
    double m6, m3;                 /* NEES and NIS averaged over runs and look times */
    double min6, max6, min3, max3; /* extremes of the per-look run averages */
    double lo6, hi6, lo3, hi3;     /* pointwise regions */
    double slo6, shi6, slo3, shi3; /* simultaneous (Bonferroni) regions */
    double d2;                     /* mean impact d2 over the runs */
    int cover1, cover95;           /* runs whose 1-sigma / 95 % ellipse holds the truth */
    double rms_miss_m;             /* RMS impact-point miss at the last look */
    double semi_major_m;           /* mean 1-sigma semi-major axis */
} cons_stats;

/*
 * One consistency experiment: NRUN seeded runs of the Nodong-class case
 * with the tracker configuration c (filter, process noise, 1/beta prior as
 * given). draw: the truth's 1/beta is drawn per run from the filter's prior
 * N(c.invbeta0, c.sigma_invbeta0) (the NEES test's premise, Bar-Shalom et
 * al. (2001) sec. 5.4: the initial error distributed as P0 says); else the
 * truth keeps the catalog's beta (NODONG_BETA) in every run, as in
 * `bmdsim run`.
 */
static void consistency_run(const bmd_track_config *c0, int draw, cons_stats *o)
{
    static double nees[MAXS], nis[MAXS];
    static int cnt[MAXS];
    memset(nees, 0, sizeof nees);
    memset(nis, 0, sizeof nis);
    memset(cnt, 0, sizeof cnt);
    memset(o, 0, sizeof *o);
    double d2sum = 0.0, miss2 = 0.0, smaj = 0.0;
    for (int run = 0; run < NRUN; run++) {
        bmd_rng rng;
        bmd_rng_init(&rng, 20240716u, (uint64_t)run);
        double ib = 1.0 / NODONG_BETA;
        if (draw) ib = c0->invbeta0_m2pkg + c0->sigma_invbeta0_m2pkg * bmd_rng_normal(&rng);
        assert_true(ib > 0.0);
        assert_int_equal(fly_truth(1.0 / ib), 0);
        bmd_track_config c = *c0;
        bmd_track tk;
        bmd_track_meas z;
        int k = 0, started = 0, look = 0;
        for (; k < g_truth.n; k++) {
            int det = measure(k, &rng, &z);
            if (!started) {
                if (!det) continue;
                CHECK_OK(bmd_track_start_site(&tk, &c, &g_site, &z, NULL));
                started = 1;
                continue;
            }
            if (!det) break; /* the target left the field of regard */
            CHECK_OK(bmd_track_look(&tk, &c, g_truth.t[k], &z, NULL));
            look++;
            if (look <= BURN) continue;
            /* NEES of the 6-dim (r, v) part */
            double e[6], Pi[6][6];
            for (int i = 0; i < 3; i++) {
                e[i] = tk.x[i] - g_truth.r[k][i];
                e[3 + i] = tk.x[3 + i] - g_truth.v[k][i];
            }
            double A[36];
            for (int i = 0; i < 6; i++)
                for (int j = 0; j < 6; j++)
                    A[6 * i + j] = tk.P[i][j];
            /* solve by Gauss-Jordan on a copy (6 x 6, positive definite) */
            for (int i = 0; i < 6; i++)
                for (int j = 0; j < 6; j++)
                    Pi[i][j] = i == j;
            for (int p = 0; p < 6; p++) {
                double d = A[6 * p + p];
                for (int j = 0; j < 6; j++) {
                    A[6 * p + j] /= d;
                    Pi[p][j] /= d;
                }
                for (int i = 0; i < 6; i++) {
                    if (i == p) continue;
                    double f = A[6 * i + p];
                    for (int j = 0; j < 6; j++) {
                        A[6 * i + j] -= f * A[6 * p + j];
                        Pi[i][j] -= f * Pi[p][j];
                    }
                }
            }
            double q = 0.0;
            for (int i = 0; i < 6; i++)
                for (int j = 0; j < 6; j++)
                    q += e[i] * Pi[i][j] * e[j];
            nees[look] += q;
            nis[look] += tk.nis;
            cnt[look]++;
        }
        /* the impact point predicted at the last look */
        bmd_track_impact ip;
        CHECK_OK(bmd_track_impact_point(&tk, &c, &ip, NULL));
        double en[2], (*C)[2] = ip.cov_en_m2;
        impact_miss_en(&ip, en);
        double det = C[0][0] * C[1][1] - C[0][1] * C[0][1];
        double d2 =
            (C[1][1] * en[0] * en[0] - 2.0 * C[0][1] * en[0] * en[1] + C[0][0] * en[1] * en[1]) /
            det;
        d2sum += d2;
        miss2 += en[0] * en[0] + en[1] * en[1];
        smaj += ip.semi_major_m;
        o->cover1 += d2 <= 1.0;
        o->cover95 += d2 <= gsl_cdf_chisq_Pinv(0.95, 2.0);
    }
    assert_int_equal(fly_truth(NODONG_BETA), 0);
    /* Bar-Shalom, Li & Kirubarajan (2001) sec. 5.4.2: the N-run average
     * NEES at one time, times N, is chi-square with N n_x degrees of
     * freedom; two-sided 95 % region [chi2(0.025), chi2(0.975)] / N. */
    o->lo6 = gsl_cdf_chisq_Pinv(0.025, 6.0 * NRUN) / NRUN;
    o->hi6 = gsl_cdf_chisq_Pinv(0.975, 6.0 * NRUN) / NRUN;
    o->lo3 = gsl_cdf_chisq_Pinv(0.025, 3.0 * NRUN) / NRUN;
    o->hi3 = gsl_cdf_chisq_Pinv(0.975, 3.0 * NRUN) / NRUN;
    int nt = 0;
    for (int l = 0; l < MAXS; l++)
        nt += cnt[l] == NRUN;
    /* Simultaneous region for all nt look times (Bonferroni): each time at
     * level 1 - 0.05 / nt, so that all of them fall inside with probability
     * >= 95 % if the filter is consistent, whatever the correlation between
     * look times. */
    double a = 0.05 / (nt > 0 ? nt : 1);
    o->slo6 = gsl_cdf_chisq_Pinv(a / 2.0, 6.0 * NRUN) / NRUN;
    o->shi6 = gsl_cdf_chisq_Pinv(1.0 - a / 2.0, 6.0 * NRUN) / NRUN;
    o->slo3 = gsl_cdf_chisq_Pinv(a / 2.0, 3.0 * NRUN) / NRUN;
    o->shi3 = gsl_cdf_chisq_Pinv(1.0 - a / 2.0, 3.0 * NRUN) / NRUN;
    o->min6 = o->min3 = INFINITY;
    o->max6 = o->max3 = -INFINITY;
    for (int l = 0; l < MAXS; l++) {
        if (cnt[l] != NRUN) continue;
        double a6 = nees[l] / NRUN, a3 = nis[l] / NRUN;
        o->nt++;
        o->in6 += a6 >= o->lo6 && a6 <= o->hi6;
        o->in3 += a3 >= o->lo3 && a3 <= o->hi3;
        o->sim6 += a6 >= o->slo6 && a6 <= o->shi6;
        o->sim3 += a3 >= o->slo3 && a3 <= o->shi3;
        o->m6 += a6;
        o->m3 += a3;
        o->min6 = fmin(o->min6, a6);
        o->max6 = fmax(o->max6, a6);
        o->min3 = fmin(o->min3, a3);
        o->max3 = fmax(o->max3, a3);
    }
    if (o->nt > 0) {
        o->m6 /= o->nt;
        o->m3 /= o->nt;
    }
    o->d2 = d2sum / NRUN;
    o->rms_miss_m = sqrt(miss2 / NRUN);
    o->semi_major_m = smaj / NRUN;
}

static void cons_print(const char *what, const cons_stats *o)
{
    printf("# %s: %d look times; NEES(6) mean %.2f [%.2f..%.2f], in [%.2f, %.2f] at %d, in "
           "simultaneous [%.2f, %.2f] at %d; NIS(3) mean %.2f [%.2f..%.2f], in [%.2f, %.2f] at "
           "%d, in simultaneous [%.2f, %.2f] at %d; impact: mean d2 %.2f, 1-sigma ellipse %d %%, "
           "95 %% ellipse %d %%, RMS miss %.1f m, mean 1-sigma semi-major %.1f m\n",
           what, o->nt, o->m6, o->min6, o->max6, o->lo6, o->hi6, o->in6, o->slo6, o->shi6, o->sim6,
           o->m3, o->min3, o->max3, o->lo3, o->hi3, o->in3, o->slo3, o->shi3, o->sim3, o->d2,
           o->cover1 * 100 / NRUN, o->cover95 * 100 / NRUN, o->rms_miss_m, o->semi_major_m);
}

/* The consistency requirements on one experiment. */
static void cons_check(const cons_stats *o)
{
    assert_true(o->nt >= 100);
    /* Every look time inside the simultaneous 95 % region (above); and
     * about 95 % inside the pointwise region: the averages at successive
     * looks are correlated, so require 90 % (binomial: 150 independent
     * times would put 90 % ~3 sd below 95 %). */
    assert_int_equal(o->sim6, o->nt);
    assert_int_equal(o->sim3, o->nt);
    assert_true(o->in6 >= (9 * o->nt) / 10);
    assert_true(o->in3 >= (9 * o->nt) / 10);
    /* Impact point: the miss d2 = e^T C^-1 e is chi-square(2) if the
     * reported ellipse is right: mean d2 within the 95 % region of
     * chi2(2N)/N, and the 95 % ellipse (d2 <= 5.991) covering the truth in
     * at least 88 of 100 runs (binomial p = 0.95: 3 sd below 95). */
    assert_true(o->d2 >= gsl_cdf_chisq_Pinv(0.025, 2.0 * NRUN) / NRUN);
    assert_true(o->d2 <= gsl_cdf_chisq_Pinv(0.975, 2.0 * NRUN) / NRUN);
    assert_true(o->cover95 >= 88);
}

/* The tracker exactly as `bmdsim run` configures it: bmd_track_config_init
 * and nothing else but the filter kind; the truth keeps the catalog's beta
 * (6000 kg/m^2, inside the default prior 1/5000 +- 2e-4 m^2/kg). */
static void consistency_default(int filter)
{
    bmd_track_config c;
    tcfg(&c, filter);
    cons_stats o;
    consistency_run(&c, 0, &o);
    cons_print(filter ? "UKF default, catalog beta" : "EKF default, catalog beta", &o);
    cons_check(&o);
}

/* Default process noise; the 1/beta prior set to the catalog's 6000 kg/m^2
 * with a 10 % sigma (beta ~5450-6670 kg/m^2 at 1 sigma) and the truth's
 * 1/beta drawn from it in every run. (The default prior, 2e-4 +- 2e-4
 * m^2/kg, cannot be drawn from: 16 % of its draws are negative.) */
static void consistency_drawn(int filter)
{
    bmd_track_config c;
    tcfg(&c, filter);
    c.invbeta0_m2pkg = IB0;
    c.sigma_invbeta0_m2pkg = SIGMA_IB0;
    cons_stats o;
    consistency_run(&c, 1, &o);
    cons_print(filter ? "UKF default noise, drawn beta" : "EKF default noise, drawn beta", &o);
    cons_check(&o);
}

static void test_consistency_ekf(void **state)
{
    (void)state;
    consistency_default(BMD_TRACK_EKF);
}

static void test_consistency_ukf(void **state)
{
    (void)state;
    consistency_default(BMD_TRACK_UKF);
}

static void test_consistency_ekf_drawn(void **state)
{
    (void)state;
    consistency_drawn(BMD_TRACK_EKF);
}

static void test_consistency_ukf_drawn(void **state)
{
    (void)state;
    consistency_drawn(BMD_TRACK_UKF);
}

/*
 * The residual mismatch of `bmdsim run`: its truth is flown by dopri5 at
 * the library's default tolerances (rtol 1e-9: a few millimetres per step
 * on a 6.4e6 m position), comparable to the radar's millimetre range noise
 * at high SNR, while the filter assumes an exact model. Printed for
 * docs/models/track.md. Required: NEES and NIS inside their simultaneous
 * regions at every look time (pointwise, NEES is inside at only 147-163 of
 * 169 looks, its mean 6.2-6.3 against 6: slightly optimistic), and
 * the 95 % impact ellipse covering the truth in at least 88 of 100 runs;
 * the mean impact d2 is only printed: the truth's own error pushes it to
 * the upper edge of its region (measured 2.45 EKF against 2.41), which is
 * the documented residual mismatch, not a filter property (the same filter
 * against the tight truth is inside, test_consistency_ekf).
 */
static void test_consistency_run_truth(void **state)
{
    (void)state;
    g_truth_default_tol = 1;
    for (int filter = 0; filter < 2; filter++) {
        bmd_track_config c;
        tcfg(&c, filter);
        cons_stats o;
        consistency_run(&c, 0, &o);
        cons_print(filter ? "UKF default, catalog beta, truth at default tolerances"
                          : "EKF default, catalog beta, truth at default tolerances",
                   &o);
        assert_int_equal(o.sim6, o.nt);
        assert_int_equal(o.sim3, o.nt);
        assert_true(o.cover95 >= 88);
    }
    g_truth_default_tol = 0;
    assert_int_equal(fly_truth(NODONG_BETA), 0);
}

/* The process noise that was the default until issue 11 (q_accel 0.1
 * m/s^2, q_invbeta 1e-12 (m^2/kg)^2/s), kept as a documented finding: for
 * this truth (no unmodelled force) it makes the filter conservative, NEES
 * far below its region and the impact ellipse far too large. The figures
 * are printed for docs/models/track.md. */
static void test_consistency_old_noise(void **state)
{
    (void)state;
    for (int filter = 0; filter < 2; filter++) {
        bmd_track_config c;
        tcfg(&c, filter);
        c.q_accel_mps2 = 0.1;
        c.q_invbeta = 1e-12;
        for (int draw = 0; draw < 2; draw++) {
            if (draw) { /* the prior the drawn truths come from, as in consistency_drawn */
                c.invbeta0_m2pkg = IB0;
                c.sigma_invbeta0_m2pkg = SIGMA_IB0;
            }
            cons_stats o;
            consistency_run(&c, draw, &o);
            char what[64];
            snprintf(what, sizeof what, "%s old noise, %s beta", filter ? "UKF" : "EKF",
                     draw ? "drawn" : "catalog");
            cons_print(what, &o);
            /* conservative: the run-averaged NEES below the 95 % region */
            assert_true(o.m6 < o.lo6);
            assert_true(o.d2 < gsl_cdf_chisq_Pinv(0.025, 2.0 * NRUN) / NRUN);
        }
    }
}

/*
 * The closed-form Jacobian (bmd__trk_deriv_jac) against central differences
 * of dx/dt (bmd__trk_jacobian_fd: steps 1 m, 1 mm/s, 1e-7 m^2/kg, rounding
 * below 1e-14 s^-2, 1e-11 s^-1 and 1e-7 m/s^2 per m^2/kg here), WGS84 + J2,
 * US76, rotation, at heights from 20 km (drag dominant) through the US76
 * layer bases to 2,000 km (no atmosphere), with 1/beta positive, negative
 * and 0. Tolerance per entry: 1e-7 relative plus 1e-12 s^-2 (position
 * columns), 1e-10 s^-1 (velocity) and 1e-6 m/s^2 per m^2/kg (1/beta). The
 * derivative must equal bmd__trk_deriv's to 1e-11 relative: the heights of
 * the two agree to 1e-8 m (bmd_geo_height), so the density to 1e-8 m / 6 km.
 */
static void test_jacobian_closed_form(void **state)
{
    (void)state;
    bmd_track_config c;
    bmd_track_config_init(&c, &g_earth, &g_atmo);
    static const double hs[] = {2.0e4, 4.7e4, 6.0e4, 8.5e4, 1.5e5, 9.0e5, 2.0e6};
    static const double ibs[] = {1.0 / 6000.0, -1.0 / 3000.0, 0.0};
    static const double atol[BMD_TRACK_NX] = {1e-12, 1e-12, 1e-12, 1e-10, 1e-10, 1e-10, 1e-6};
    for (size_t a = 0; a < sizeof hs / sizeof hs[0]; a++)
        for (size_t b = 0; b < sizeof ibs / sizeof ibs[0]; b++) {
            double x[BMD_TRACK_NX], r[3], m[3][3];
            double lat = (37.0 - 3.0 * (double)a) * BMD_DEG2RAD, lon = 127.0 * BMD_DEG2RAD;
            bmd_geo_to_ecef(&g_earth, lat, lon, hs[a], r);
            bmd_geo_enu_basis(lat, lon, m);
            /* 3 km/s, heading 150 deg, 35 deg down */
            double ce = cos(-35.0 * BMD_DEG2RAD), se = sin(-35.0 * BMD_DEG2RAD);
            double enu[3] = {3000.0 * ce * sin(150.0 * BMD_DEG2RAD),
                             3000.0 * ce * cos(150.0 * BMD_DEG2RAD), 3000.0 * se};
            for (int i = 0; i < 3; i++) {
                x[i] = r[i];
                x[3 + i] = m[0][i] * enu[0] + m[1][i] * enu[1] + m[2][i] * enu[2];
            }
            x[6] = ibs[b];
            double F[BMD_TRACK_NX][BMD_TRACK_NX], Fd[BMD_TRACK_NX][BMD_TRACK_NX];
            double dx[BMD_TRACK_NX], dxr[BMD_TRACK_NX];
            bmd__trk_deriv_jac(&c, x, dx, F);
            bmd__trk_jacobian_fd(&c, x, Fd);
            bmd__trk_deriv(&c, x, dxr);
            for (int i = 0; i < BMD_TRACK_NX; i++) {
                CHECK_ABS(dx[i], dxr[i], 1e-11 * fabs(dxr[i]) + 1e-12);
                for (int j = 0; j < BMD_TRACK_NX; j++)
                    CHECK_ABS(F[i][j], Fd[i][j], 1e-7 * fabs(Fd[i][j]) + atol[j]);
            }
        }
}

/* The RK4 flow over dt in the steps bmd__trk_propagate_phi takes. */
static void flow(const bmd_track_config *c, double x[BMD_TRACK_NX], double dt)
{
    double left = dt;
    while (left > 0.0) {
        double n = ceil(left / bmd__trk_hmax(c, x) - 1e-9);
        double h = n <= 1.0 ? left : left / n;
        bmd__trk_rk4(c, x, h);
        left = n <= 1.0 ? 0.0 : left - h;
    }
}

/*
 * The transition matrix of bmd__trk_propagate_phi (RK4 on the variational
 * equations with the closed-form Jacobian) against central differences of
 * the RK4 flow itself (bmd__trk_rk4 with the same steps; steps 10 m,
 * 1 cm/s, 1e-6 m^2/kg: their third-order error, checked to scale as the
 * step squared, is below 1e-7 of the entries),
 * over 1 s and 10 s from 25 km (0.25 s steps), 60 km and 300 km,
 * 1/beta = 1/6000. Tolerance per entry: 1e-6 of the column's largest entry
 * (the Jacobian's 1e-7) plus the differences' rounding, 1e-8 m / step
 * (ECEF doubles are good to ~1e-9 m).
 */
static void test_transition_matrix(void **state)
{
    (void)state;
    bmd_track_config c;
    bmd_track_config_init(&c, &g_earth, &g_atmo);
    static const double hs[] = {2.5e4, 6.0e4, 3.0e5}, dts[] = {1.0, 10.0};
    static const double dd[BMD_TRACK_NX] = {10.0, 10.0, 10.0, 1e-2, 1e-2, 1e-2, 1e-6};
    double worst = 0.0;
    for (size_t a = 0; a < sizeof hs / sizeof hs[0]; a++)
        for (size_t b = 0; b < 2; b++) {
            double x0[BMD_TRACK_NX], r[3], m[3][3];
            double lat = 38.0 * BMD_DEG2RAD, lon = 127.0 * BMD_DEG2RAD;
            bmd_geo_to_ecef(&g_earth, lat, lon, hs[a], r);
            bmd_geo_enu_basis(lat, lon, m);
            double enu[3] = {1200.0, -2000.0, a == 0 ? -800.0 : -1500.0};
            for (int i = 0; i < 3; i++) {
                x0[i] = r[i];
                x0[3 + i] = m[0][i] * enu[0] + m[1][i] * enu[1] + m[2][i] * enu[2];
            }
            x0[6] = 1.0 / 6000.0;
            double x[BMD_TRACK_NX], Phi[BMD_TRACK_NX][BMD_TRACK_NX];
            memcpy(x, x0, sizeof x);
            bmd__trk_propagate_phi(&c, x, Phi, dts[b]);
            for (int j = 0; j < BMD_TRACK_NX; j++) {
                double xp[BMD_TRACK_NX], xm[BMD_TRACK_NX], col[BMD_TRACK_NX], cmax = 0.0;
                memcpy(xp, x0, sizeof xp);
                memcpy(xm, x0, sizeof xm);
                xp[j] += dd[j];
                xm[j] -= dd[j];
                flow(&c, xp, dts[b]);
                flow(&c, xm, dts[b]);
                for (int i = 0; i < BMD_TRACK_NX; i++) {
                    col[i] = (xp[i] - xm[i]) / (2.0 * dd[j]);
                    cmax = fmax(cmax, fabs(col[i]));
                }
                for (int i = 0; i < BMD_TRACK_NX; i++) {
                    CHECK_ABS(Phi[i][j], col[i], 1e-6 * cmax + 1e-8 / dd[j]);
                    worst = fmax(worst, fabs(Phi[i][j] - col[i]) / cmax);
                }
            }
        }
    print_message("  transition matrix vs differences of the RK4 flow: worst %.2g of the column\n",
                  worst);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_mofn),
        cmocka_unit_test(test_kepler),
        cmocka_unit_test(test_sigma_points),
        cmocka_unit_test(test_impact_from_true_state),
        cmocka_unit_test(test_noise_free_convergence),
        cmocka_unit_test(test_consistency_ekf),
        cmocka_unit_test(test_consistency_ukf),
        cmocka_unit_test(test_jacobian_closed_form),
        cmocka_unit_test(test_transition_matrix),
        cmocka_unit_test(test_consistency_ekf_drawn),
        cmocka_unit_test(test_consistency_ukf_drawn),
        cmocka_unit_test(test_consistency_old_noise),
        cmocka_unit_test(test_consistency_run_truth),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
