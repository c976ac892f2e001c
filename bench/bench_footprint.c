/*
 * bench_footprint.c: defended-footprint throughput and accuracy.
 *
 * Default case (bmdsim footprint with no options): THAAD battery and AN/TPY-2
 * (terminal mode, boresight 325 deg) at Seongju, Nodong minimum-energy shots
 * from North Hwanghae, 600 km x 600 km around the battery at 2 km (90,300
 * cells), single shot, 10 s reaction, firm track 3 of 5 looks at 1 s.
 *
 *  (a) fast path (families, table per battery): cells/s at 1 and 2 threads,
 *      wall time including the family set-up;
 *  (b) straightforward path: per cell a fresh targeting solve and flight
 *      AND a fresh interceptor fly-out table, on a sample of cells;
 *  (c) the ratio;
 *  (d) accuracy: the direct decision (same table) on a uniform sample of
 *      cells and on a sample of the fast footprint's boundary cells;
 *      disagreeing cells, and whether each lies on the fast boundary.
 *
 * Times: the fast path's CPU time (process, all threads) and wall time;
 * cells_per_s is per CPU-second.
 *
 * Usage: bench_footprint [--json] [N_UNIFORM [N_BOUNDARY [N_BASELINE]]]
 * (defaults 400 200 12). Catalog from $BMD_DATA_DIR or the built-in data directory.
 */
#include "bench_common.h"

#include "bmd/const.h"
#include "bmd/footprint.h"
#include "bmd/interceptor_catalog.h"
#include "bmd/catalog.h"
#include "bmd/radar_catalog.h"

#ifndef BMD_DATA_DIR_DEFAULT
#define BMD_DATA_DIR_DEFAULT "data"
#endif

static double now_s(void)
{
    return bench_wall_s();
}

static bench_out B;

static void die(const char *what, const bmd_errbuf *e)
{
    fprintf(stderr, "bench_footprint: %s: %s\n", what, e ? e->msg : "");
    exit(1);
}

typedef struct bench {
    bmd_earth earth;
    bmd_atmo atmo;
    bmd_site_list sites;
    bmd_missile_list missiles;
    bmd_radar_catalog radars;
    bmd_interceptor_list ics;
    bmd_interceptor ic;
    bmd_radar_site rs;
    bmd_ic_table tab;
    bmd_fp_grid g;
    bmd_fp_config c;
    double lat0, lon0;
    const bmd_site *bat;
} bench;

static void setup(bench *b)
{
    const char *dir = getenv("BMD_DATA_DIR");
    if (!dir || !*dir) dir = BMD_DATA_DIR_DEFAULT;
    char p[4096];
    bmd_errbuf e = {{0}};
    bmd_earth_wgs84(&b->earth);
    if (bmd_atmo_init(&b->atmo, BMD_ATMO_US76) != BMD_OK) die("atmosphere", NULL);
    bmd_data_path(p, sizeof p, dir, "sites.yaml");
    if (bmd_site_list_load(p, &b->sites, &e) != BMD_OK) die("sites", &e);
    bmd_data_path(p, sizeof p, dir, "catalog/missiles.yaml");
    if (bmd_missile_list_load(p, &b->missiles, &e) != BMD_OK) die("missiles", &e);
    bmd_data_path(p, sizeof p, dir, "catalog/radars.yaml");
    if (bmd_radar_catalog_load(p, &b->radars, &e) != BMD_OK) die("radars", &e);
    bmd_data_path(p, sizeof p, dir, "catalog/interceptors.yaml");
    if (bmd_interceptor_list_load(p, &b->ics, &e) != BMD_OK) die("interceptors", &e);
    const bmd_interceptor *icp;
    const bmd_missile *m;
    const bmd_radar_entry *re;
    const bmd_site *launch;
    if (bmd_interceptor_find(&b->ics, "thaad", &icp, &e) != BMD_OK) die("thaad", &e);
    if (bmd_missile_find(&b->missiles, "nodong", &m, &e) != BMD_OK) die("nodong", &e);
    if (bmd_radar_catalog_find(&b->radars, "an-tpy2", &re, &e) != BMD_OK) die("an-tpy2", &e);
    if (bmd_site_find(&b->sites, "seongju", &b->bat, &e) != BMD_OK) die("seongju", &e);
    if (bmd_site_find(&b->sites, "north-hwanghae", &launch, &e) != BMD_OK) die("launch", &e);
    b->ic = *icp;
    if (bmd_interceptor_check(&b->ic, &e) != BMD_OK) die("thaad", &e);
    bmd_radar r = re->radar;
    r.face.lat_rad = b->bat->lat_rad;
    r.face.lon_rad = b->bat->lon_rad;
    r.face.h_m = b->bat->alt_m;
    r.face.boresight_az_rad = 325.0 * BMD_DEG2RAD;
    if (bmd_radar_setup(&b->rs, &r, &b->earth, &e) != BMD_OK) die("radar", &e);
    b->lat0 = launch->lat_rad;
    b->lon0 = launch->lon_rad;
    bmd_traj_config tc;
    bmd_traj_config_init(&tc, &b->earth, &b->atmo);
    double az;
    bmd_geo_inverse(&b->earth, b->bat->lat_rad, b->bat->lon_rad, b->lat0, b->lon0, NULL, &az, NULL);
    if (bmd_interceptor_table_build(&tc, &b->ic, b->bat->lat_rad, b->bat->lon_rad, b->bat->alt_m,
                                    az, 0.0, 0.0, &b->tab, &e) != BMD_OK)
        die("table", &e);
    double dla = 300e3 / b->earth.a_m, dlo = 300e3 / (b->earth.a_m * cos(b->bat->lat_rad));
    if (bmd_fp_grid_init(&b->g, &b->earth, b->bat->lat_rad - dla, b->bat->lon_rad - dlo,
                         b->bat->lat_rad + dla, b->bat->lon_rad + dlo, 2e3, &e) != BMD_OK)
        die("grid", &e);
    bmd_fp_config_init(&b->c, &b->earth, &b->atmo);
    b->c.missile = m;
    b->c.n_points = 1;
    b->c.pt_lat_rad = &b->lat0;
    b->c.pt_lon_rad = &b->lon0;
    b->c.bat_lat_rad = b->bat->lat_rad;
    b->c.bat_lon_rad = b->bat->lon_rad;
    b->c.bat_alt_m = b->bat->alt_m;
    b->c.table = &b->tab;
    b->c.radar = &b->rs;
}

static bmd_fp_cell *fast(bench *b, int threads, double *secs, double *cpu, bmd_fp_stats *st)
{
    size_t n = bmd_fp_grid_cells(&b->g);
    bmd_fp_cell *out = malloc(n * sizeof *out);
    bmd_errbuf e = {{0}};
    bmd_footprint *fp = NULL;
    b->c.method = BMD_FP_FAST;
    b->c.threads = threads;
    double t0 = now_s(), c0 = bench_process_cpu_s();
    if (!out || bmd_footprint_create(&b->c, &b->g, &fp, &e) != BMD_OK) die("create", &e);
    if (bmd_footprint_run(fp, 0, n, out, NULL, &e) != BMD_OK) die("run", &e);
    *secs = now_s() - t0;
    *cpu = bench_process_cpu_s() - c0;
    bmd_footprint_stats(fp, st);
    bmd_footprint_free(fp);
    return out;
}

/* 1 when a neighbour (8-connected) of cell k differs in defended state. */
static int on_boundary(const bmd_fp_grid *g, const bmd_fp_cell *c, size_t k)
{
    long r = (long)(k / (size_t)g->n_cols), q = (long)(k % (size_t)g->n_cols);
    int me = c[k].state == BMD_FP_DEFENDED;
    for (long dr = -1; dr <= 1; dr++)
        for (long dq = -1; dq <= 1; dq++) {
            long rr = r + dr, qq = q + dq;
            if (rr < 0 || qq < 0 || rr >= g->n_rows || qq >= g->n_cols) continue;
            if ((c[(size_t)rr * (size_t)g->n_cols + (size_t)qq].state == BMD_FP_DEFENDED) != me)
                return 1;
        }
    return 0;
}

int main(int argc, char **argv)
{
    bench_out_init(&B, "footprint", &argc, argv);
    long n_uni = argc > 1 ? atol(argv[1]) : 400, n_bnd = argc > 2 ? atol(argv[2]) : 200,
         n_base = argc > 3 ? atol(argv[3]) : 12;
    bench b;
    memset(&b, 0, sizeof b);
    setup(&b);
    size_t n = bmd_fp_grid_cells(&b.g);
    fprintf(B.txt, "default case: %d x %d = %zu cells of 2 km\n", b.g.n_rows, b.g.n_cols, n);

    /* (a) fast path */
    double s1, s2, c1, c2;
    bmd_fp_stats st1, st2;
    bmd_fp_cell *f1 = fast(&b, 1, &s1, &c1, &st1);
    bmd_fp_cell *f2 = fast(&b, 2, &s2, &c2, &st2);
    size_t def = 0, bnd = 0;
    for (size_t k = 0; k < n; k++) {
        def += f1[k].state == BMD_FP_DEFENDED;
        bnd += (size_t)on_boundary(&b.g, f1, k);
    }
    int same12 = memcmp(f1, f2, n * sizeof *f1) == 0;
    fprintf(B.txt,
            "(a) fast, 1 thread : %.2f CPU-s (%.2f s wall), %.0f cells/CPU-s (%ld nodes, %ld "
            "node flights, %ld setup solves, %ld direct cells)\n",
            c1, s1, (double)n / c1, st1.nodes, st1.node_flights, st1.setup_solves,
            st1.direct_cells);
    fprintf(B.txt,
            "(a) fast, 2 threads: %.2f CPU-s, %.2f s wall, %.0f cells/s wall, speed-up %.2f "
            "(load %.1f); rasters identical: %s\n",
            c2, s2, (double)n / s2, s1 / s2, bench_load_avg(), same12 ? "yes" : "NO");
    bench_fig(&B, "cells", (double)n);
    bench_fig(&B, "cells_per_s", (double)n / c1);
    bench_fig(&B, "cpu_s_1t", c1);
    bench_fig(&B, "wall_s_1t", s1);
    bench_fig(&B, "cpu_s_2t", c2);
    bench_fig(&B, "wall_s_2t", s2);
    bench_fig(&B, "nodes", (double)st1.nodes);
    bench_fig(&B, "node_flights", (double)st1.node_flights);
    bench_fig(&B, "setup_solves", (double)st1.setup_solves);
    bench_fig(&B, "direct_cells", (double)st1.direct_cells);
    bench_fig(&B, "rasters_identical_1t_2t", same12);
    /* (a') the same at the accurate integration tolerances (the analysis
     * ones are the default): time and raster agreement */
    double s3, c3;
    bmd_fp_stats st3;
    b.c.accurate = 1;
    bmd_fp_cell *f3 = fast(&b, 1, &s3, &c3, &st3);
    b.c.accurate = 0;
    size_t tdiff = 0, tdiff_off = 0;
    for (size_t k = 0; k < n; k++)
        if ((f3[k].state == BMD_FP_DEFENDED) != (f1[k].state == BMD_FP_DEFENDED)) {
            tdiff++;
            tdiff_off += !on_boundary(&b.g, f3, k);
        }
    fprintf(B.txt,
            "(a') accurate tolerance, 1 thread: %.2f CPU-s (analysis %.2f); rasters differ in %zu "
            "cells (%.3f %%), %zu of them off the accurate raster's boundary\n",
            c3, c1, tdiff, 100.0 * (double)tdiff / (double)n, tdiff_off);
    bench_fig(&B, "cpu_s_1t_accurate", c3);
    bench_fig(&B, "tolerance_differ_cells", (double)tdiff);
    bench_fig(&B, "tolerance_differ_off_boundary", (double)tdiff_off);
    bench_fig(&B, "tolerance_agreement_pct", 100.0 - 100.0 * (double)tdiff / (double)n);
    free(f3);
    fprintf(B.txt, "    defended %zu cells (%.1f %%), boundary cells %zu (%.2f %%)\n", def,
            100.0 * (double)def / (double)n, bnd, 100.0 * (double)bnd / (double)n);

    /* direct footprint for (b) and (d) */
    bmd_errbuf e = {{0}};
    bmd_footprint *dfp;
    b.c.method = BMD_FP_DIRECT;
    b.c.threads = 1;
    if (bmd_footprint_create(&b.c, &b.g, &dfp, &e) != BMD_OK) die("direct", &e);

    /* (b) straightforward: fresh table + fresh trajectory per cell */
    bmd_traj_config tc;
    bmd_traj_config_init(&tc, &b.earth, &b.atmo);
    double t0 = now_s();
    for (long i = 0; i < n_base; i++) {
        size_t k = (size_t)(((double)i + 0.5) / (double)n_base * (double)n);
        double la, lo, az;
        bmd_fp_grid_centre(&b.g, k, &la, &lo);
        bmd_ic_table tab;
        bmd_geo_inverse(&b.earth, b.bat->lat_rad, b.bat->lon_rad, b.lat0, b.lon0, NULL, &az, NULL);
        if (bmd_interceptor_table_build(&tc, &b.ic, b.bat->lat_rad, b.bat->lon_rad, b.bat->alt_m,
                                        az, 0.0, 0.0, &tab, &e) != BMD_OK)
            die("table", &e);
        bmd_fp_cell c;
        if (bmd_footprint_point(dfp, la, lo, &c, &e) != BMD_OK) die("direct point", &e);
    }
    double sb = (now_s() - t0) / (double)n_base;
    fprintf(B.txt,
            "(b) straightforward (fresh table + targeting + flight per cell, 1 thread): %.1f ms "
            "per cell, %.2f cells/s\n",
            sb * 1e3, 1.0 / sb);
    fprintf(B.txt, "(c) ratio fast/straightforward: %.0fx (1 thread), %.0fx (2 threads)\n",
            sb * (double)n / s1, sb * (double)n / s2);

    /* (d) accuracy */
    long diff_u = 0, diff_u_bnd = 0, diff_b = 0, diff_b_bnd = 0, nb = 0;
    double t1 = now_s();
    for (long i = 0; i < n_uni; i++) {
        size_t k = (size_t)(((double)i + 0.37) / (double)n_uni * (double)n);
        double la, lo;
        bmd_fp_grid_centre(&b.g, k, &la, &lo);
        bmd_fp_cell c;
        if (bmd_footprint_point(dfp, la, lo, &c, &e) != BMD_OK) die("direct point", &e);
        if ((c.state == BMD_FP_DEFENDED) != (f1[k].state == BMD_FP_DEFENDED)) {
            diff_u++;
            diff_u_bnd += on_boundary(&b.g, f1, k);
        }
    }
    /* boundary cells: every (bnd / n_bnd)-th one */
    size_t stride = bnd / (size_t)(n_bnd > 0 ? n_bnd : 1), seen = 0;
    if (stride < 1) stride = 1;
    for (size_t k = 0; k < n && nb < n_bnd; k++) {
        if (!on_boundary(&b.g, f1, k)) continue;
        if (seen++ % stride != stride / 2) continue;
        double la, lo;
        bmd_fp_grid_centre(&b.g, k, &la, &lo);
        bmd_fp_cell c;
        if (bmd_footprint_point(dfp, la, lo, &c, &e) != BMD_OK) die("direct point", &e);
        nb++;
        if ((c.state == BMD_FP_DEFENDED) != (f1[k].state == BMD_FP_DEFENDED)) {
            diff_b++;
            diff_b_bnd++;
        }
    }
    double frac_b = nb ? (double)diff_b / (double)nb : 0.0;
    fprintf(B.txt,
            "(d) uniform sample: %ld of %ld cells differ (%ld of them on the fast boundary)\n",
            diff_u, n_uni, diff_u_bnd);
    fprintf(B.txt, "    boundary sample: %ld of %ld boundary cells differ (%.1f %%)\n", diff_b, nb,
            100.0 * frac_b);
    fprintf(B.txt,
            "    estimate over the raster: interior %.3f %% + boundary %.2f %% x %.1f %% = %.3f %% "
            "of cells differ (agreement %.2f %%)\n",
            100.0 * (double)(diff_u - diff_u_bnd) / (double)n_uni, 100.0 * (double)bnd / (double)n,
            100.0 * frac_b,
            100.0 *
                ((double)(diff_u - diff_u_bnd) / (double)n_uni + (double)bnd / (double)n * frac_b),
            100.0 - 100.0 * ((double)(diff_u - diff_u_bnd) / (double)n_uni +
                             (double)bnd / (double)n * frac_b));
    fprintf(B.txt, "    (accuracy samples took %.0f s)\n", now_s() - t1);
    bench_fig(&B, "defended_cells", (double)def);
    bench_fig(&B, "boundary_cells", (double)bnd);
    bench_fig(&B, "straightforward_ms_per_cell", 1e3 * sb);
    bench_fig(&B, "uniform_sample", (double)n_uni);
    bench_fig(&B, "uniform_differ", (double)diff_u);
    bench_fig(&B, "uniform_differ_interior", (double)(diff_u - diff_u_bnd));
    bench_fig(&B, "boundary_sample", (double)nb);
    bench_fig(&B, "boundary_differ", (double)diff_b);
    bench_fig(&B, "agreement_pct_est",
              100.0 - 100.0 * ((double)(diff_u - diff_u_bnd) / (double)n_uni +
                               (double)bnd / (double)n * frac_b));
    bench_out_end(&B);
    bmd_footprint_free(dfp);
    free(f1);
    free(f2);
    bmd_interceptor_list_free(&b.ics);
    bmd_radar_catalog_free(&b.radars);
    bmd_missile_list_free(&b.missiles);
    bmd_site_list_free(&b.sites);
    return 0;
}
