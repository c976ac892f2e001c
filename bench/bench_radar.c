/*
 * bench_radar.c: throughput of the radar model and the radar analyses.
 *
 *   (a) bmd_radar_observe: one detection test (geodetic conversion, refracted
 *       elevation, field of regard, range equation, Swerling 1 Pd);
 *   (b) bmd_coverage_run: a 720-ray x 200-sample coverage map at 100 km
 *       altitude (cells per second; each ray also bisects its boundary);
 *   (c) bmd_visibility_fly: a full trajectory visibility check (fly-out
 *       with 1 s samples and an observation per sample) for a Nodong-class
 *       flight (~560 km) and a long ICBM-class free flight (~10,000 km).
 *
 * The radar is AN/TPY-2-like (terminal-mode catalog values typed in:
 * data/catalog/radars.yaml) at Seongju, boresight 325 deg.
 * Usage: bench_radar [seconds per case, default 2]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bmd/atmo.h"
#include "bmd/const.h"
#include "bmd/coverage.h"
#include "bmd/radar.h"
#include "bmd/traj.h"
#include "bmd/visibility.h"

#define NAZ 720
#define NR 200

static double now_s(void)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void radar(bmd_radar *r)
{
    bmd_radar_defaults(r);
    r->hw.freq_hz = 9.5e9;
    r->hw.p_avg_w = 57640.0;
    r->hw.area_m2 = 9.2;
    r->hw.efficiency = 0.8;
    r->hw.t_sys_k = 500.0;
    r->hw.loss = pow(10.0, 0.5);
    r->hw.bandwidth_hz = 1e9;
    r->mode.t_dwell_s = 0.1;
    r->mode.t_frame_s = 10.0;
    r->mode.omega_sr = 0.05;
    r->mode.snr_req = pow(10.0, 1.3);
    r->face.lat_rad = 36.05 * BMD_DEG2RAD;
    r->face.lon_rad = 128.23 * BMD_DEG2RAD;
    r->face.boresight_az_rad = 325.0 * BMD_DEG2RAD;
}

static void fail(const char *what)
{
    fprintf(stderr, "bench_radar: %s failed\n", what);
    exit(1);
}

int main(int argc, char **argv)
{
    double secs = argc > 1 ? atof(argv[1]) : 2.0;
    if (!(secs > 0.0)) secs = 2.0;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    bmd_atmo atm;
    if (bmd_atmo_init(&atm, BMD_ATMO_US76) != BMD_OK) fail("atmosphere");
    bmd_radar r;
    radar(&r);
    bmd_radar_site site;
    if (bmd_radar_setup(&site, &r, &e, NULL) != BMD_OK) fail("setup");

    /* (a) observations along a line of points 100-1500 km out at 100 km */
    enum { NPTS = 1000 };
    static double pts[NPTS][3];
    for (int i = 0; i < NPTS; i++) {
        double lat, lon;
        bmd_geo_direct(&e, r.face.lat_rad, r.face.lon_rad, (300.0 + 0.1 * i) * BMD_DEG2RAD,
                       100e3 + 1400e3 * i / NPTS, &lat, &lon, NULL);
        bmd_geo_to_ecef(&e, lat, lon, 100e3, pts[i]);
    }
    long n = 0;
    double acc = 0.0, t0 = now_s(), t;
    do {
        for (int i = 0; i < NPTS; i++) {
            bmd_radar_obs o;
            if (bmd_radar_observe(&site, pts[i], 0.01, &o) != BMD_OK) fail("observe");
            acc += o.snr;
        }
        n += NPTS;
        t = now_s() - t0;
    } while (t < secs);
    double obs_rate = (double)n / t;
    printf("observe:     %12.0f observations/s  (%.2f us each)\n", obs_rate, 1e6 / obs_rate);

    /* (b) coverage map */
    static unsigned char cells[NAZ * NR];
    static double az[NAZ], in[NAZ], out[NAZ];
    size_t cap_p, cap_r;
    if (bmd_coverage_size(NAZ, &cap_p, &cap_r) != BMD_OK) fail("coverage size");
    double *lat = malloc(cap_p * sizeof *lat), *lon = malloc(cap_p * sizeof *lon);
    bmd_coverage_ring *rings = malloc(cap_r * sizeof *rings);
    if (!lat || !lon || !rings) fail("allocation");
    bmd_coverage_opts o = {100e3, 0.01, 0, NAZ, NR, 0.0, 0.0};
    n = 0;
    t0 = now_s();
    do {
        bmd_coverage c;
        memset(&c, 0, sizeof c);
        c.cells = cells;
        c.ray_az_rad = az;
        c.ray_in_m = in;
        c.ray_out_m = out;
        c.lat_rad = lat;
        c.lon_rad = lon;
        c.cap_points = cap_p;
        c.rings = rings;
        c.cap_rings = cap_r;
        int st = bmd_coverage_run(&r, &e, &o, &c, NULL);
        if (st != BMD_OK && st != BMD_WACCURACY) fail("coverage");
        n++;
        t = now_s() - t0;
    } while (t < secs);
    double maps = (double)n / t;
    printf("coverage:    %12.2f maps/s  %12.0f cells/s  (%d x %d cells, 100 km, 0.01 m2)\n", maps,
           maps * NAZ * NR, NAZ, NR);
    free(lat);
    free(lon);
    free(rings);

    /* (c) visibility of whole trajectories */
    bmd_traj_config cfg;
    bmd_traj_config_init(&cfg, &e, &atm);
    struct {
        const char *name;
        bmd_traj_impulsive b;
    } cases[2];
    memset(cases, 0, sizeof cases);
    cases[0].name = "nodong-class";
    cases[0].b = (bmd_traj_impulsive){38.7 * BMD_DEG2RAD, 126.0 * BMD_DEG2RAD, 60e3,   2900.0,
                                      40.0 * BMD_DEG2RAD, 140.0 * BMD_DEG2RAD, 1000.0, 6000.0};
    cases[1].name = "icbm-class";
    cases[1].b = (bmd_traj_impulsive){34.0 * BMD_DEG2RAD, 110.0 * BMD_DEG2RAD, 200e3,  7000.0,
                                      25.0 * BMD_DEG2RAD, 30.0 * BMD_DEG2RAD,  1500.0, 0.0};
    for (int k = 0; k < 2; k++) {
        n = 0;
        int samples = 0;
        t0 = now_s();
        do {
            bmd_visibility v;
            if (bmd_visibility_fly_impulsive(&site, &cfg, &cases[k].b, NULL, 0.01, 1.0, &v, NULL,
                                             NULL) != BMD_OK)
                fail("visibility");
            samples = v.n_samples;
            n++;
            t = now_s() - t0;
        } while (t < secs);
        printf("visibility:  %12.1f trajectories/s  %s, %d samples of 1 s each\n", (double)n / t,
               cases[k].name, samples);
    }
    if (acc < 0.0) printf("%g\n", acc); /* keep the observation loop */
    return 0;
}
