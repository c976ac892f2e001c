/* cmd_footprint.c: `bmdsim footprint`: the defended footprint of a battery
 * against a threat launch area (or, with --denied, the launch area denied to
 * a threat aimed at a site), as a raster, polygons and a summary; OpenMP
 * threads, MPI ranks (mpirun), chunked progress with interrupt and resume. */
/* POSIX for sigaction and clock_gettime (clang in strict C11 mode hides
 * them otherwise). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "bmd/const.h"
#include "bmd/export.h"
#include "bmd/footprint.h"
#include "bmd/footprint_setup.h"
#include "bmd/interceptor_catalog.h"
#include "bmd/plot.h"
#include "bmd/plot_engage.h"
#include "cli.h"
#include "common.h"
#include "fp_print.h"
#include "fp_resume.h"
#include "fp_setup.h"
#include "mpi_driver.h"
#include "output.h"
#include "progress.h"
#include "provenance.h"
#include "scenario.h"

#define CMD "footprint"

static const struct cli_opt opts[] = {
    {"battery", 0, "NAME",
     "interceptor of the battery (catalog; default: the scenario's first battery, else thaad)"},
    {"straight", 0, "SPEED",
     "instead of the catalog fly-out table, a straight-line interceptor at this mean speed"},
    {"threat", 0, "NAME",
     "threat missile (catalog; default nodong); 'vacuum': a vacuum "
     "minimum-energy free flight (teaching)"},
    {"launch", 0, "AREA",
     "launch point (site or LAT,LON) or polygon LAT,LON;LAT,LON;...;"
     "(first point repeated) (default north-hwanghae)"},
    {"launch-spacing", 0, "LENGTH",
     "spacing of the launch points sampled inside a polygon "
     "(default 25km)"},
    {"shape", 0, "SHAPE", "min-energy (default), lofted or depressed"},
    {"apogee", 0, "LENGTH", "apogee of a lofted or depressed shot"},
    {"gamma", 0, "ANGLE", "burnout flight-path angle of a depressed shot"},
    {"doctrine", 0, "NAME", "shoot (default) or shoot-look-shoot"},
    {"reaction", 0, "TIME", "fire-control reaction time after firm track (default 10s)"},
    {"kill-assessment", 0, "TIME", "kill assessment before a second shot (default 10s)"},
    {"rcs", 0, "RCS", "threat radar cross-section (default 0.01m2)"},
    {"revisit", 0, "TIME", "radar look period on the threat (default 1s); firm track: 3 of 5"},
    {"no-radar", 0, NULL, "no radar: the cue is the threat launch (perfect early warning)"},
    {"region", 0, "LAT0,LON0,LAT1,LON1",
     "south-west and north-east corners (deg; default 600 km x 600 km around the battery)"},
    {"resolution", 0, "LENGTH", "cell size (default 2km)"},
    {"check", 0, "SITES", "comma-separated sites to report (defended, intercept altitude)"},
    {"denied", 0, "SITE", "the denied launch area of threats aimed at SITE instead"},
    {"samples", 'n', "N",
     "with a SCENARIO that has an uncertain: block and --check: in how many of N "
     "Latin-hypercube samples of the block each site is defended, and the parameter that "
     "decides it"},
    {"seed", 0, "S", "seed of those samples (default 1)"},
    {"method", 0, "NAME", "fast (trajectory families, default) or direct (reference)"},
    {"tolerance", 0, "NAME",
     "integration tolerance of the threat flights: analysis (default) or accurate"},
    {"node-spacing", 0, "LENGTH", "family node spacing (default 10km)"},
    {"threads", 0, "N", "OpenMP threads (default: all)"},
    {"chunk", 0, "N", "cells per resume chunk (default 4096)"},
    {"resume", 0, "DIR", "continue an interrupted run that wrote into DIR"},
    CLI_OPT_NO_PROGRESS,
    {"plot", 0, NULL, "also draw footprint-map.png (into -o DIR, else .)"},
    {"plot-format", 0, "FMT", "figure format: png (default), svg or pdf"},
    {"output", 'o', "DIR",
     "write footprint.csv (raster), footprint.geojson and footprint.kml into DIR (created if "
     "missing; footprint-denied.* with --denied)"},
    CLI_OPT_QUIET,
    CLI_OPT_RADAR,
    CLI_OPT_EARTH,
    CLI_OPT_ATMO,
    CLI_OPT_JSON,
    CLI_OPT_DATA,
};

static const struct cli_help help = {
    "footprint [SCENARIO] [--battery NAME] [--site SITE] [--radar NAME --boresight ANGLE] "
    "[--threat NAME] "
    "[--launch AREA] [--region LAT0,LON0,LAT1,LON1] [--resolution LENGTH] [--check SITES] "
    "[-o DIR] [options]",
    "For every ground cell of the region: the threat is aimed at the cell, the\n"
    "radar at --site cues the battery (first firm track: 3 detections in 5 looks),\n"
    "after the reaction time an interceptor may launch, and the cell is defended\n"
    "when an intercept inside the battery's envelope is feasible before the threat\n"
    "falls below the envelope floor (twice, with a kill assessment in between, for\n"
    "shoot-look-shoot). A launch polygon is sampled (vertices and a grid inside);\n"
    "a cell is defended only against every launch point. --denied SITE maps the\n"
    "launch points instead. Runs on all OpenMP threads; under `mpirun -np N` the\n"
    "cells are split across the ranks and rank 0 writes the same files. With -o\n"
    "DIR finished chunks are kept in DIR/footprint-partial; SIGINT/SIGTERM stops\n"
    "cleanly and --resume DIR (same options) completes the run. The files written\n"
    "are listed on stderr.\n"
    "With a SCENARIO file the defaults come from it: its first battery (site,\n"
    "interceptor, reaction and kill-assessment times, shoot or shoot-look-shoot),\n"
    "the radar that cues it (site, preset, boresight, revisit), its first threat\n"
    "(missile, launch point, trajectory shape, RCS at broadside), its Earth,\n"
    "atmosphere and track initiation; every option given overrides the file's\n"
    "value (--site moves the battery and the radar). Model: docs/models/footprint.md.",
    "  bmdsim footprint --battery thaad --site seongju --radar an-tpy2 --boresight 325deg \\\n"
    "      --threat nodong --launch north-hwanghae --check seoul,busan,pyeongtaek -o out\n"
    "  mpirun -np 2 bmdsim footprint --resolution 5km -o out\n"
    "  bmdsim footprint --denied busan --region 37,124,42,130 --resolution 20km --json\n"
    "  bmdsim footprint data/scenarios/default.yaml --reaction 30s --check busan\n",
    1,
};

/* Set by the signal handler; the library polls it through a pointer. */
static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ---- outputs ------------------------------------------------------------------ */

/* NAME.csv (the raster), NAME.geojson and NAME.kml (with -o DIR) and the
 * map NAME-map.FMT (--plot), made in the staging directory tmp and staged
 * into files. */
static int stage_outputs(const char *name, const struct fp_run *r, const bmd_fp_summary *sum,
                         struct cli_outputs *files, const char *tmp)
{
    bmd_errbuf e = {{0}};
    char file[64], path[4500];
    bmd_membuf buf = {0};
    bmd_sink s = {bmd_membuf_write, &buf};
    int rc = 0, st;
    if (r->out.given) { /* the raster */
        char prov[4096];
        cli_prov_comment(prov, sizeof prov);
        snprintf(file, sizeof file, "%s.csv", name);
        st = bmd_fp_raster_write(&s, prov, &r->f.grid, r->cells);
        rc = st == BMD_OK ? cli_out_stage(&r->out, files, file, &buf)
                          : cli_fail(CMD, "raster: %s", bmd_strerror(st));
        bmd_membuf_free(&buf);
        if (rc) return rc;
    }
    bmd_fp_polys poly;
    if (bmd_fp_polys_of(&poly, &r->f.grid, r->cells, &e) != BMD_OK)
        return cli_fail(CMD, "polygons: %s", e.msg);
    if (r->out.given) { /* the polygons with what decided them */
        cJSON *pj = cli_prov_json();
        char *prov = cJSON_PrintUnformatted(pj);
        cJSON_Delete(pj);
        snprintf(file, sizeof file, "%s.geojson", name);
        st = prov ? bmd_fp_geojson_write(&s, sum, prov, &poly, &e) : BMD_ENOMEM;
        free(prov);
        rc = st == BMD_OK ? cli_out_stage(&r->out, files, file, &buf)
                          : cli_fail(CMD, "%s", st == BMD_ENOMEM ? "out of memory" : e.msg);
        bmd_membuf_free(&buf);
    }
    bmd_fp_picture_buf pb;
    if (rc == 0 && bmd_plot_fp_picture(&pb, sum, &poly) != BMD_OK)
        rc = cli_fail(CMD, "map: too many checked sites");
    if (rc == 0 && r->out.given) { /* the globe file */
        struct cli_prov_meta meta;
        size_t n_meta = cli_prov_meta_get(&meta);
        snprintf(file, sizeof file, "%s.kml", name);
        if (bmd_fp_scene_write(tmp, name, &pb.pic, meta.keys, meta.values, n_meta, &e) != BMD_OK)
            rc = cli_fail(CMD, "%s: %s", file, e.msg);
        else
            rc = cli_out_stage_file(&r->out, files, tmp, file);
    }
    if (rc == 0 && r->plot_format >= 0) { /* the map */
        snprintf(file, sizeof file, "%s-map.%s", name,
                 bmd_plot_format_ext((bmd_plot_format)r->plot_format));
        if ((size_t)snprintf(path, sizeof path, "%s/%s", tmp, file) >= sizeof path)
            rc = cli_bad(CMD, "-o: path too long");
        else if ((st = bmd_plot_footprint_map(path, r->plot_format, r->env.data_dir, &pb.pic,
                                              &e)) != BMD_OK)
            rc = st == BMD_EIO || st == BMD_EINVAL ? cli_bad(CMD, "figure: %s", e.msg)
                                                   : cli_fail(CMD, "figure: %s", e.msg);
        else
            rc = cli_out_stage_file(&r->out, files, tmp, file);
    }
    bmd_fp_polys_free(&poly);
    return rc;
}

/* The files of a finished run, all together or none. */
static int write_outputs(struct fp_run *r, const bmd_fp_summary *sum)
{
    if (!r->out.given && r->plot_format < 0) return 0;
    const char *name = r->f.cfg.map == BMD_FP_AIM ? "footprint" : "footprint-denied";
    struct cli_outputs files = {0};
    char tmp[4300] = "";
    int rc = cli_out_tmpdir(&r->out, tmp, sizeof tmp);
    if (rc == 0) rc = stage_outputs(name, r, sum, &files, tmp);
    if (rc == 0) rc = cli_out_commit(&r->out, &files);
    cli_outputs_free(&files);
    cli_out_tmpdir_remove(tmp);
    return rc;
}

/* ---- the run --------------------------------------------------------------------- */

/* Rank 0, every cell known: the checks, land, spread, files and summary. */
static int finish(struct fp_run *r, const struct cli_args *a, bmd_footprint *fp,
                  struct fp_stats *fs)
{
    bmd_errbuf e = {{0}};
    const char *names[FP_MAX_CHECKS];
    double clat[FP_MAX_CHECKS], clon[FP_MAX_CHECKS];
    bmd_fp_cell chk[FP_MAX_CHECKS];
    bmd_fp_summary sum = {&r->f, r->shape_name, r->cells, 0.0, (size_t)r->n_checks,
                          names, clat,          clon,     chk};
    bmd_fp_count(&r->f.grid, &r->f.earth, r->cells, &fs->defended, &fs->unreached, &sum.area_km2);
    for (int i = 0; i < r->n_checks; i++) {
        names[i] = r->checks[i].name, clat[i] = r->checks[i].lat_rad;
        clon[i] = r->checks[i].lon_rad;
        if (bmd_footprint_point(fp, clat[i], clon[i], &chk[i], &e) != BMD_OK)
            return cli_fail(CMD, "--check %s: %s", names[i], e.msg);
    }
    struct fp_land land;
    memset(&land, 0, sizeof land);
    struct fp_spread *sp = calloc(1, sizeof *sp);
    int rc = sp == NULL ? cli_fail(CMD, "out of memory") : 0;
    if (rc == 0 && cli_has(a, "samples")) rc = fp_spread_compute(a, &sum, sp);
    int has_land = rc == 0 && r->f.cfg.map == BMD_FP_AIM;
    if (has_land) rc = fp_land_compute(r->env.data_dir, &r->f, r->cells, &land);
    if (rc == 0) rc = write_outputs(r, &sum);
    if (rc == 0 && r->out.given) fp_partial_remove(r->out.dir, 0); /* complete: chunks done */
    if (rc == 0 && cli_has(a, "json"))
        fp_print_json(&sum, fs, has_land ? &land : NULL, sp);
    else if (rc == 0 && !r->out.quiet)
        fp_print_human(&sum, fs, has_land ? &land : NULL, sp);
    fp_land_free(&land);
    if (sp) fp_spread_free(sp);
    free(sp);
    return rc;
}

/* This rank's cells in chunks, then all cells gathered on rank 0. */
static int compute(struct fp_run *r, const struct cli_args *a, bmd_footprint *fp, const char *dir,
                   int resume, struct fp_stats *fs)
{
    long chunk;
    if (fp_uint_opt(a, "chunk", 4096, 1, 100000000, &chunk)) return 2;
    size_t n = bmd_fp_grid_cells(&r->f.grid), C = (size_t)chunk, b, en;
    bmd_fp_split(n, C, r->size, r->rank, &b, &en);
    r->mine = malloc((en - b + 1) * sizeof *r->mine);
    if (r->rank == 0) r->cells = malloc(n * sizeof *r->cells);
    size_t *counts = malloc((size_t)r->size * sizeof *counts);
    if (!r->mine || !counts || (r->rank == 0 && !r->cells)) {
        free(counts);
        return cli_fail(CMD, "out of memory");
    }
    struct cli_progress pr; /* progress.h: rank 0 reports its own share */
    cli_progress_init(&pr, a, "cells", "done");
    if (r->rank != 0) pr.mode = 0;
    double t0 = now_s();
    int stopped = 0;
    size_t kept = 0;
    int fail = fp_run_chunks(fp, b, en, C, r->mine, dir, resume, r->hash, &stop_flag, &pr, &kept,
                             &stopped);
    cli_progress_end(&pr);
    bmd_fp_stats fst;
    bmd_footprint_stats(fp, &fst);
    fail = cli_mpi_max_int(fail);
    stopped = cli_mpi_max_int(stopped);
    long total_kept = cli_mpi_sum_long((long)kept);
    if (fail || stopped) {
        free(counts);
        if (!fail && stopped && r->rank == 0 && dir)
            fprintf(stderr,
                    "bmdsim: footprint: interrupted: %ld of %zu chunks kept in %s/" FP_PARTIAL "; "
                    "continue with --resume %s and the same options\n",
                    total_kept, (n + C - 1) / C, dir, dir);
        else if (!fail && stopped && r->rank == 0)
            fprintf(stderr, "bmdsim: footprint: interrupted (nothing kept: no -o DIR)\n");
        return 1;
    }
    for (int q = 0; q < r->size; q++) {
        size_t qb, qe;
        bmd_fp_split(n, C, r->size, q, &qb, &qe);
        counts[q] = (qe - qb) * sizeof(bmd_fp_cell);
    }
    int grc = cli_mpi_gather(r->mine, (en - b) * sizeof *r->mine, r->cells, counts);
    free(counts);
    fs->nodes = cli_mpi_sum_long(fst.nodes), fs->direct = cli_mpi_sum_long(fst.direct_cells);
    fs->secs = now_s() - t0;
    fs->cells = n, fs->ranks = r->size;
    return grc ? cli_fail(CMD, "MPI gather failed") : 0;
}

/* Create the footprint, compute, finish on rank 0. */
static int compute_all(struct fp_run *r, const struct cli_args *a, const char *dir, int resume)
{
    bmd_errbuf e = {{0}};
    bmd_footprint *fp = NULL;
    int st = bmd_footprint_create(&r->f.cfg, &r->f.grid, &fp, &e);
    if (st != BMD_OK)
        return st == BMD_EINVAL ? cli_bad(CMD, "%s", e.msg) : cli_fail(CMD, "%s", e.msg);
    struct fp_stats fs;
    memset(&fs, 0, sizeof fs);
    int rc = compute(r, a, fp, dir, resume, &fs);
    if (rc == 0 && r->rank == 0) rc = finish(r, a, fp, &fs);
    bmd_footprint_free(fp);
    return rc;
}

static int run(struct fp_run *r, struct cli_args *a)
{
    if (a->n_positional > 0) {
        int lrc = fp_load_scenario(r, a->positional[0]);
        if (lrc) return lrc;
    }
    const char *odir = cli_get(a, "output"), *rdir = cli_get(a, "resume");
    if (rdir && odir && strcmp(rdir, odir) != 0)
        return cli_bad(CMD, "--resume %s and -o %s: give one directory", rdir, odir);
    struct stat sb;
    if (rdir && (stat(rdir, &sb) != 0 || !S_ISDIR(sb.st_mode)))
        return cli_bad(CMD, "--resume %s: not an existing directory", rdir);
    if (cli_out_init(&r->out, a, rdir ? "resume" : "output")) return 2;
    const char *dir = r->out.given ? r->out.dir : NULL;
    if (dir) {
        char p[4200];
        snprintf(p, sizeof p, "%s/" FP_PARTIAL, dir);
        if (rdir && (stat(p, &sb) != 0 || !S_ISDIR(sb.st_mode)))
            return cli_bad(CMD, "--resume %s: no interrupted run there (no %s)", rdir, p);
    }
    int rc = fp_spread_check(a);
    if (rc) return rc;
    rc = fp_setup(r, a);
    if (rc) return rc;
    cli_prov_entry("interceptor", r->f.ic.name);
    if (fp_threat_of(r)) cli_prov_entry("missile", fp_threat_of(r)->name);
    if (r->f.cfg.radar) cli_prov_entry("radar", r->f.radar.name);
    /* DIR/footprint-partial only once the input is known good: a run refused for bad
     * input leaves nothing (issue 12: an empty DIR/partial was left). */
    int lock_fd = -1, made_partial = 0;
    if (dir && r->rank == 0) lock_fd = fp_partial_open(dir, &made_partial, &rc);
    rc = cli_mpi_max_int(rc);
    if (rc) return rc;
    r->hash = fp_options_hash(a);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    rc = compute_all(r, a, dir, rdir != NULL);
    if (rc != 0 && made_partial) fp_partial_remove(dir, 1); /* refused before any chunk */
    if (lock_fd >= 0) close(lock_fd);
    return rc;
}

int cli_footprint(int argc, char **argv)
{
    struct cli_args a;
    int rc = cli_parse(&a, CMD, opts, sizeof opts / sizeof opts[0], &help, argc, argv);
    if (rc) return rc < 0 ? 0 : rc;
    int launched = cli_mpi_launcher_size();
    if (launched > 1 && !cli_mpi_available())
        return cli_fail(CMD,
                        "started by an MPI launcher with %d ranks, but this bmdsim was "
                        "built without MPI",
                        launched);
    struct fp_run *r = calloc(1, sizeof *r);
    if (r == NULL) return cli_fail(CMD, "out of memory");
    char why[512];
    if (cli_mpi_start(&r->rank, &r->size, why, sizeof why)) {
        free(r);
        return cli_fail(CMD, "%s", why);
    }
    cli_env_init(&r->env, &a);
    bmd_scenario_init(&r->scn);
    bmd_fp_setup_init(&r->f);
    rc = run(r, &a);
    rc = cli_mpi_max_int(rc);
    if (r->rank != 0) r->out.quiet = 1;
    if (r->out.cmd) cli_out_finish(&r->out, rc);
    bmd_interceptor_list_free(&r->ics);
    bmd_scenario_free(&r->scn);
    cli_env_free(&r->env);
    free(r->cells);
    free(r->mine);
    free(r);
    cli_mpi_stop();
    return rc;
}
