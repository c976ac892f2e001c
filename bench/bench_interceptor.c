/*
 * bench_interceptor.c: throughput of the interceptor model (engage module).
 *
 *   (a) full guided THAAD-class fly-outs (booster, KV separation, PN homing
 *       at 100 Hz inside 50 km, closest approach) from a battery near Busan
 *       against a falling target passing (150 km, 80 km) at the table's
 *       time; WGS84, US76, Earth rotation, own DOPRI5;
 *   (b) building the fly-out table (89 unguided fly-outs);
 *   (c) table lookups (bmd_interceptor_time_to) at pseudo-random points
 *       (ground range 0-250 km, height 0-190 km).
 *
 * The THAAD numbers are those of data/catalog/interceptors.yaml (entry
 * "thaad"). Usage: bench_interceptor [--json] [seconds per case, default 2]
 */

#include "bench_common.h"
#include "interceptors.h"

#include "bmd/atmo.h"
#include "bmd/const.h"
#include "bmd/gravity.h"
#include "bmd/interceptor.h"
#include "bmd/vec3.h"

/* single-threaded: times are CPU time of this thread */
static double now_s(void)
{
    return bench_thread_cpu_s();
}

static bench_out B;

/* Falling target: r = p + v dt + 1/2 a dt^2 (dt = t - tp). */
typedef struct parab {
    double p[3], v[3], a[3], tp;
} parab;

static int parab_target(void *ctx, double t, double r[3], double v[3])
{
    const parab *c = ctx;
    double dt = t - c->tp;
    for (int i = 0; i < 3; i++) {
        r[i] = c->p[i] + dt * c->v[i] + 0.5 * dt * dt * c->a[i];
        v[i] = c->v[i] + dt * c->a[i];
    }
    return 0;
}

int main(int argc, char **argv)
{
    bench_out_init(&B, "interceptor", &argc, argv);
    double secs = argc > 1 ? atof(argv[1]) : 2.0;
    static bmd_atmo atm;
    static bmd_ic_table tab;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    bmd_atmo_init(&atm, BMD_ATMO_US76);
    bmd_traj_config cfg;
    bmd_traj_config_init(&cfg, &e, &atm);
    bmd_interceptor ic;
    tst_thaad_like(&ic);
    bmd_errbuf err;
    if (bmd_interceptor_check(&ic, &err) != BMD_OK) {
        fprintf(stderr, "bench_interceptor: %s\n", err.msg);
        return 1;
    }
    double lat0 = 35.2 * BMD_DEG2RAD, lon0 = 128.9 * BMD_DEG2RAD, az = 325.0 * BMD_DEG2RAD;

    /* (b) table build */
    int nb = 0;
    double t0 = now_s();
    do {
        if (bmd_interceptor_table_build(&cfg, &ic, lat0, lon0, 0.0, az, 0.0, 0.0, &tab, &err)) {
            fprintf(stderr, "bench_interceptor: %s\n", err.msg);
            return 1;
        }
        nb++;
    } while (now_s() - t0 < secs);
    double t_build = (now_s() - t0) / nb;

    /* (a) guided fly-outs */
    double lat, lon, az_back, g[3], om[3] = {0.0, 0.0, e.omega_radps}, wv[3], enu[3][3];
    bmd_geo_direct(&e, lat0, lon0, az, 150e3, &lat, &lon, &az_back);
    parab tg;
    bmd_geo_to_ecef(&e, lat, lon, 80e3, tg.p);
    bmd_ic_shot shot = {lat0, lon0, 0.0, 0.0, 0.0, 0.0, 0};
    if (bmd_interceptor_aim(&e, &tab, lat0, lon0, 0.0, tg.p, &shot.azimuth_rad, &shot.elev_rad,
                            &tg.tp) != BMD_OK)
        return 1;
    double ad = az_back + BMD_PI, c40 = cos(40 * BMD_DEG2RAD), s40 = sin(40 * BMD_DEG2RAD);
    double venu[3] = {2500.0 * c40 * sin(ad), 2500.0 * c40 * cos(ad), -2500.0 * s40};
    bmd_geo_enu_basis(lat, lon, enu);
    bmd_m3_tmulv(tg.v, enu, venu);
    bmd_gravity_accel(&e, tg.p, g);
    bmd_v3_cross(wv, om, tg.v);
    for (int i = 0; i < 3; i++)
        tg.a[i] = g[i] - 2.0 * wv[i];
    tg.a[0] += e.omega_radps * e.omega_radps * tg.p[0];
    tg.a[1] += e.omega_radps * e.omega_radps * tg.p[1];
    int nf = 0;
    long steps = 0;
    bmd_ic_result res;
    t0 = now_s();
    do {
        if (bmd_interceptor_fly(&cfg, &ic, &shot, parab_target, &tg, NULL, &res, &err)) {
            fprintf(stderr, "bench_interceptor: %s\n", err.msg);
            return 1;
        }
        steps += res.n_steps;
        nf++;
    } while (now_s() - t0 < secs);
    double t_fly = (now_s() - t0) / nf;

    /* (c) lookups */
    long nl = 0, hits = 0;
    double acc = 0.0, tt;
    uint64_t x = 88172645463325252ULL;
    t0 = now_s();
    do {
        for (int k = 0; k < 100000; k++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            double rr = (double)(x & 0xffff) / 65535.0 * 250e3;
            double hh = (double)((x >> 16) & 0xffff) / 65535.0 * 190e3;
            if (bmd_interceptor_time_to(&tab, rr, hh, &tt)) {
                hits++;
                acc += tt;
            }
        }
        nl += 100000;
    } while (now_s() - t0 < secs);
    double t_look = (now_s() - t0) / (double)nl;

    fprintf(B.txt, "| case | rate | cost |\n|---|---|---|\n");
    fprintf(B.txt,
            "| (a) guided fly-out (THAAD class, to 150 km / 80 km) | %.0f fly-outs/s | %.2f ms, "
            "%ld steps, miss %.3f m |\n",
            1.0 / t_fly, 1e3 * t_fly, steps / nf, res.miss_m);
    fprintf(B.txt, "| (b) fly-out table build (%d fly-outs) | %.1f tables/s | %.1f ms |\n",
            tab.n_flights, 1.0 / t_build, 1e3 * t_build);
    fprintf(B.txt,
            "| (c) table lookup (time_to) | %.1f M lookups/s | %.1f ns (%.0f %% inside, checksum "
            "%.3g) |\n",
            1e-6 / t_look, 1e9 * t_look, 100.0 * (double)hits / (double)nl, acc);
    fprintf(B.txt, "\nRatio: one guided fly-out costs %.0f table lookups.\n", t_fly / t_look);
    bench_fig(&B, "guided_flyouts_per_s", 1.0 / t_fly);
    bench_fig(&B, "guided_steps_per_flyout", (double)(steps / nf));
    bench_fig(&B, "guided_miss_m", res.miss_m);
    bench_fig(&B, "table_builds_per_s", 1.0 / t_build);
    bench_fig(&B, "table_lookups_per_s", 1.0 / t_look);
    bench_out_end(&B);
    return 0;
}
