/*
 * bench_track.c: tracker throughput and impact-prediction accuracy.
 *
 * (a) radar looks per second (predict 1 s + update) for the EKF and UKF;
 * (b) error of the predicted impact point against time since first
 *     detection, mean and RMS over 100 seeded runs, with the mean reported
 *     1-sigma semi-major axis, for a Nodong-class RV (burnout state of the
 *     default scenario's North Hwanghae -> Busan shot, beta 6000 kg/m^2)
 *     seen by an AN/TPY-2-class radar at Seongju with 1 s revisits, default
 *     tracker configuration (bmd_track_config_init).
 *
 * Usage: bench_track [--json] [runs]   (default 100)
 */

#include "bench_common.h"
#include "radars.h"

#include "bmd/atmo.h"
#include "bmd/const.h"
#include "bmd/core.h"
#include "bmd/radar.h"
#include "bmd/track.h"
#include "bmd/traj.h"

#define MAXS 1000
static int n_s;
static double ts[MAXS], rs[MAXS][3];
static bmd_traj_summary sum;

static int collect(void *ctx, const bmd_traj_sample *s)
{
    (void)ctx;
    if (s->event != BMD_TRAJ_EV_NONE || n_s >= MAXS) return 0;
    ts[n_s] = s->t_s;
    memcpy(rs[n_s], s->r_ecef_m, sizeof rs[0]);
    n_s++;
    return 0;
}

/* single-threaded: times are CPU time of this thread */
static double now_s(void)
{
    return bench_thread_cpu_s();
}

static bench_out B;

static bmd_earth earth;
static bmd_atmo atmo;
static bmd_radar_site site;

static int measure(int k, bmd_rng *rng, bmd_track_meas *z)
{
    bmd_radar_obs o;
    bmd_radar_meas m;
    if (bmd_radar_observe(&site, rs[k], 0.05, &o) != BMD_OK || o.reasons != 0) return 0;
    if (bmd_radar_measure(&site, &o, rng, &m) != BMD_OK) return 0;
    *z = (bmd_track_meas){
        ts[k],           m.range_m,      m.az_rad,      m.el_rad - (o.el_rad - o.el_geo_rad),
        m.sigma_range_m, m.sigma_az_rad, m.sigma_el_rad};
    return 1;
}

int main(int argc, char **argv)
{
    bench_out_init(&B, "track", &argc, argv);
    int runs = argc > 1 ? atoi(argv[1]) : 100;
    if (runs < 1) runs = 1;
    bmd_earth_wgs84(&earth);
    bmd_atmo_init(&atmo, BMD_ATMO_US76);
    bmd_traj_config c;
    bmd_traj_config_init(&c, &earth, &atmo);
    c.sample_dt_s = 1.0;
    c.sample = collect;
    bmd_traj_impulsive b = {38.20 * BMD_DEG2RAD, 126.10 * BMD_DEG2RAD, 42.8e3, 1930.0,
                            37.83 * BMD_DEG2RAD, 138.07 * BMD_DEG2RAD, 1000.0, 6000.0};
    if (bmd_traj_fly_impulsive(&c, &b, &sum, NULL) != BMD_OK) return 1;
    /* an-tpy2 of data/catalog/radars.yaml at Seongju (data/sites.yaml), facing 320 deg */
    bmd_radar r;
    tst_tpy2_seongju(&r);
    if (bmd_radar_setup(&site, &r, &earth, NULL) != BMD_OK) return 1;
    double rt[3];
    bmd_geo_to_ecef(&earth, sum.impact_lat_rad, sum.impact_lon_rad, 0.0, rt);

    static const double at_s[] = {5, 10, 20, 30, 60, 90, 120, 150, 170};
    enum { NT = sizeof at_s / sizeof at_s[0] };
    fprintf(B.txt,
            "Nodong-class RV (beta 6000 kg/m^2), AN/TPY-2-class radar at Seongju, 1 s revisit, "
            "RCS 0.05 m^2, %d runs\n",
            runs);
    fprintf(B.txt, "truth: flight %.1f s from burnout, impact %.4fN %.4fE\n\n", sum.flight_time_s,
            sum.impact_lat_rad * BMD_RAD2DEG, sum.impact_lon_rad * BMD_RAD2DEG);
    for (int f = 0; f < 2; f++) {
        bmd_track_config tc;
        bmd_track_config_init(&tc, &earth, &atmo);
        tc.filter = f;
        double se[NT] = {0}, se2[NT] = {0}, sa[NT] = {0}, tlook = 0.0;
        int cnt[NT] = {0}, nlooks = 0;
        for (int run = 0; run < runs; run++) {
            bmd_rng rng;
            bmd_rng_init(&rng, 7u, (uint64_t)run);
            bmd_track tk;
            bmd_track_meas z;
            int started = 0, next = 0;
            for (int k = 0; k < n_s; k++) {
                int det = measure(k, &rng, &z);
                if (!started) {
                    if (det && bmd_track_start_site(&tk, &tc, &site, &z, NULL) == BMD_OK)
                        started = 1;
                    continue;
                }
                if (!det) break;
                double t0 = now_s();
                if (bmd_track_look(&tk, &tc, ts[k], &z, NULL) != BMD_OK) break;
                tlook += now_s() - t0;
                nlooks++;
                double since = ts[k] - tk.t_first_detect_s;
                while (next < NT && since >= at_s[next] - 1e-9) {
                    bmd_track_impact ip;
                    if (bmd_track_impact_point(&tk, &tc, &ip, NULL) == BMD_OK) {
                        double m[3][3], d[3], e = 0.0;
                        bmd_geo_enu_basis(ip.lat_rad, ip.lon_rad, m);
                        for (int i = 0; i < 3; i++)
                            d[i] = rt[i] - ip.r_ecef_m[i];
                        for (int a = 0; a < 2; a++) {
                            double x = m[a][0] * d[0] + m[a][1] * d[1] + m[a][2] * d[2];
                            e += x * x;
                        }
                        se[next] += sqrt(e);
                        se2[next] += e;
                        sa[next] += ip.semi_major_m;
                        cnt[next]++;
                    }
                    next++;
                }
            }
        }
        fprintf(B.txt, "%s: %.0f looks/s (%.1f us per look: predict 1 s + update)\n",
                f ? "UKF" : "EKF", nlooks / tlook, 1e6 * tlook / nlooks);
        fprintf(B.txt,
                "  t since first detection (s)   mean error (m)   RMS error (m)   mean 1-sigma "
                "semi-major (m)   runs\n");
        for (int i = 0; i < NT; i++)
            if (cnt[i] > 0)
                fprintf(B.txt, "  %27.0f   %14.1f   %13.1f   %26.1f   %4d\n", at_s[i],
                        se[i] / cnt[i], sqrt(se2[i] / cnt[i]), sa[i] / cnt[i], cnt[i]);
        fprintf(B.txt, "\n");
        const char *fn = f ? "ukf" : "ekf";
        char key[64];
        snprintf(key, sizeof key, "%s_looks_per_s", fn);
        bench_fig(&B, key, nlooks / tlook);
        for (int i = 0; i < NT; i++)
            if (cnt[i] > 0) {
                snprintf(key, sizeof key, "%s_impact_rms_m_at_%.0fs", fn, at_s[i]);
                bench_fig(&B, key, sqrt(se2[i] / cnt[i]));
            }
    }
    bench_out_end(&B);
    return 0;
}
