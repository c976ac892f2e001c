/*
 * bench_radar.c: throughput of the radar model and the radar analyses.
 *
 *   (a) bmd_radar_observe: one detection test (geodetic conversion, refracted
 *       elevation, field of regard, range equation, Swerling 1 Pd);
 *   (b) bmd_coverage_run: a 720-ray x 200-sample coverage map at 100 km
 *       altitude (cells per second; each ray also bisects its boundary);
 *   (c) bmd_visibility_fly: a full trajectory visibility check (powered
 *       fly-out with 1 s samples and an observation per sample) of two
 *       catalog missiles on their minimum-energy targeting solutions:
 *       Nodong, north-hwanghae -> busan, and DF-41, china-central ->
 *       los-angeles (the solve itself is timed once, separately).
 *
 * The radar is the catalog's an-tpy2 preset (data/catalog/radars.yaml) at
 * Seongju, boresight 325 deg; missiles and sites from data/ ($BMD_DATA_DIR
 * or the source tree's).
 * Usage: bench_radar [--json] [seconds per case, default 2]
 */

#include "bench_common.h"

#include "bmd/atmo.h"
#include "bmd/const.h"
#include "bmd/coverage.h"
#include "bmd/catalog.h"
#include "bmd/radar.h"
#include "bmd/radar_catalog.h"
#include "bmd/traj.h"
#include "bmd/visibility.h"

#define NAZ 720
#define NR 200

/* single-threaded: times are CPU time of this thread */
static double now_s(void)
{
    return bench_thread_cpu_s();
}

static bench_out B;

static void fail(const char *what)
{
    fprintf(stderr, "bench_radar: %s failed\n", what);
    exit(1);
}

static const char *data_dir(void)
{
    const char *d = getenv("BMD_DATA_DIR");
    return (d != NULL && d[0] != '\0') ? d : BMD_DATA_DIR_DEFAULT;
}

static void data_file(char *p, size_t n, const char *rel)
{
    if (bmd_data_path(p, n, data_dir(), rel) != BMD_OK) fail(rel);
}

int main(int argc, char **argv)
{
    bench_out_init(&B, "radar", &argc, argv);
    double secs = argc > 1 ? atof(argv[1]) : 2.0;
    if (!(secs > 0.0)) secs = 2.0;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    bmd_atmo atm;
    if (bmd_atmo_init(&atm, BMD_ATMO_US76) != BMD_OK) fail("atmosphere");
    char path[1024];
    bmd_radar_catalog cat = {0};
    bmd_missile_list ml;
    bmd_site_list sl;
    const bmd_radar_entry *re;
    const bmd_site *seongju;
    data_file(path, sizeof path, "catalog/radars.yaml");
    if (bmd_radar_catalog_load(path, &cat, NULL) != BMD_OK) fail("radar catalog");
    if (bmd_radar_catalog_find(&cat, "an-tpy2", &re, NULL) != BMD_OK) fail("an-tpy2");
    data_file(path, sizeof path, "catalog/missiles.yaml");
    if (bmd_missile_list_load(path, &ml, NULL) != BMD_OK) fail("missile catalog");
    data_file(path, sizeof path, "sites.yaml");
    if (bmd_site_list_load(path, &sl, NULL) != BMD_OK) fail("sites");
    if (bmd_site_find(&sl, "seongju", &seongju, NULL) != BMD_OK) fail("seongju");
    bmd_radar r = re->radar;
    r.face.lat_rad = seongju->lat_rad;
    r.face.lon_rad = seongju->lon_rad;
    r.face.h_m = seongju->alt_m;
    r.face.boresight_az_rad = 325.0 * BMD_DEG2RAD;
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
    bench_fig(&B, "observations_per_s", obs_rate);
    fprintf(B.txt, "observe:     %12.0f observations/s  (%.2f us each)\n", obs_rate,
            1e6 / obs_rate);

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
    fprintf(B.txt, "coverage:    %12.2f maps/s  %12.0f cells/s  (%d x %d cells, 100 km, 0.01 m2)\n",
            maps, maps * NAZ * NR, NAZ, NR);
    bench_fig(&B, "coverage_maps_per_s", maps);
    bench_fig(&B, "coverage_cells_per_s", maps * NAZ * NR);
    free(lat);
    free(lon);
    free(rings);

    /* (c) visibility of whole trajectories: catalog missiles on their
     * minimum-energy targeting solutions */
    bmd_traj_config cfg;
    bmd_traj_config_init(&cfg, &e, &atm);
    static const char *const cases[2][3] = {{"nodong", "north-hwanghae", "busan"},
                                            {"df-41", "china-central", "los-angeles"}};
    for (int k = 0; k < 2; k++) {
        const bmd_missile *m;
        const bmd_site *from = NULL, *to = NULL;
        if (bmd_missile_find(&ml, cases[k][0], &m, NULL) != BMD_OK ||
            bmd_site_find(&sl, cases[k][1], &from, NULL) != BMD_OK ||
            bmd_site_find(&sl, cases[k][2], &to, NULL) != BMD_OK)
            fail(cases[k][0]);
        bmd_traj_solution sol;
        t0 = now_s();
        if (bmd_traj_target(&cfg, m, from->lat_rad, from->lon_rad, from->alt_m, to->lat_rad,
                            to->lon_rad, NULL, 0.0, &sol, NULL) != BMD_OK)
            fail("targeting");
        double t_solve = now_s() - t0;
        n = 0;
        int samples = 0, seen = 0;
        t0 = now_s();
        do {
            bmd_visibility v;
            if (bmd_visibility_fly(&site, &cfg, m, &sol.launch, NULL, 0.01, 1.0, &v, NULL, NULL) !=
                BMD_OK)
                fail("visibility");
            samples = v.n_samples;
            seen = (int)v.track_duration_s;
            n++;
            t = now_s() - t0;
        } while (t < secs);
        fprintf(B.txt,
                "visibility:  %12.1f trajectories/s  %s %s -> %s, %d samples of 1 s, %d s tracked "
                "(targeting solve %.0f ms, %d fly-outs)\n",
                (double)n / t, cases[k][0], cases[k][1], cases[k][2], samples, seen, 1e3 * t_solve,
                sol.n_flights);
        char key[64];
        snprintf(key, sizeof key, "visibility_%s_trajectories_per_s", cases[k][0]);
        bench_fig(&B, key, (double)n / t);
        snprintf(key, sizeof key, "targeting_%s_ms", cases[k][0]);
        bench_fig(&B, key, 1e3 * t_solve);
    }
    bmd_radar_catalog_free(&cat);
    bmd_missile_list_free(&ml);
    bmd_site_list_free(&sl);
    if (acc < 0.0) fprintf(B.txt, "%g\n", acc); /* keep the observation loop */
    bench_out_end(&B);
    return 0;
}
