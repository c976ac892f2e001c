/* cmd_footprint.c: `bmdsim footprint`: the defended footprint of a battery
 * against a threat launch area (or, with --denied, the launch area denied to
 * a threat aimed at a site), as a raster, polygons and a summary; OpenMP
 * threads, MPI ranks (mpirun), chunked progress with interrupt and resume. */
/* POSIX for sigaction, rmdir and unlink (clang in strict C11 mode hides them
 * otherwise). */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stddef.h>
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
#include "bmd/footprint.h"
#include "bmd/footprint_setup.h"
#include "bmd/input.h"
#include "bmd/plot.h"
#include "bmd/interceptor_catalog.h"
#include "bmd/land.h"
#include "bmd/export.h"
#include "cli.h"
#include "common.h"
#include "bmd/plot_engage.h"
#include "output.h"
#include "progress.h"
#include "provenance.h"
#include "mpi_driver.h"
#include "scenario.h"
#include "sens_common.h"

#define CMD "footprint"
/* finished chunks of an unfinished run, inside -o DIR */
#define PARTIAL "footprint-partial"
#define MAX_CHECKS 32

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

struct fp_run {
    int plot_format; /* bmd_plot_format, -1: no figure */
    struct cli_out out;
    struct cli_env env;
    bmd_interceptor_list ics;
    bmd_fp_setup f; /* the footprint's configuration and what it points to */
    const char *shape_name;
    int n_checks;
    bmd_site checks[MAX_CHECKS];
    bmd_fp_cell *cells; /* all cells (rank 0) */
    bmd_fp_cell *mine;  /* this rank's cells */
    uint64_t hash;
    int rank, size;
    bmd_scenario scn; /* SCENARIO (has_scn): the defaults of r->f */
    int has_scn;
    int launch_is_point; /* one launch point from --launch SITE or the scenario */
};

/* The threat missile, NULL for the vacuum free flight. */
static const bmd_missile *threat_of(const struct fp_run *r)
{
    return r->f.cfg.threat == BMD_FP_MISSILE ? &r->f.missile : NULL;
}

static int uint_opt(const struct cli_args *a, const char *name, long dflt, long lo, long hi,
                    long *out)
{
    const char *t = cli_get(a, name);
    *out = dflt;
    if (t == NULL) return 0;
    char *end;
    long v = strtol(t, &end, 10);
    if (*t == '\0' || *end != '\0' || v < lo || v > hi)
        return cli_bad(CMD, "--%s: expected a whole number from %ld to %ld, found '%s'", name, lo,
                       hi, t);
    *out = v;
    return 0;
}

/* --region LAT0,LON0,LAT1,LON1 (angles, bare numbers in degrees). */
static int parse_region(const char *text, double v[4])
{
    char buf[256];
    if (strlen(text) >= sizeof buf) return cli_bad(CMD, "--region: too long");
    strcpy(buf, text);
    int n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (n == 4) return cli_bad(CMD, "--region: expected LAT0,LON0,LAT1,LON1, found '%s'", text);
        bmd_errbuf e = {{0}};
        if (bmd_units_parse(tok, BMD_Q_ANGLE, &v[n], &e) != BMD_OK)
            return cli_bad(CMD, "--region: %s", e.msg);
        n++;
    }
    if (n != 4) return cli_bad(CMD, "--region: expected LAT0,LON0,LAT1,LON1, found '%s'", text);
    return 0;
}

/* --launch: a site, coordinates, or a closed polygon "P1;P2;...;P1" (its
 * launch points: bmd_fp_launch_area); without it the scenario threat's
 * launch point, else north-hwanghae. */
static int parse_launch(struct fp_run *r, const struct cli_args *a)
{
    bmd_fp_setup *f = &r->f;
    const char *text = cli_get(a, "launch");
    if (text == NULL && r->has_scn) { /* bmd_fp_setup_scenario's */
        r->launch_is_point = 1;
        return 0;
    }
    if (text == NULL) text = "north-hwanghae";
    snprintf(f->launch_name, sizeof f->launch_name, "%s", text);
    if (strchr(text, ';') == NULL) {
        bmd_site s;
        if (cli_site(&r->env, "--launch", text, &s)) return 2;
        f->n_points = 1;
        f->pt_lat_rad[0] = s.lat_rad;
        f->pt_lon_rad[0] = s.lon_rad;
        r->launch_is_point = cli_get(a, "launch") != NULL;
        snprintf(f->launch_name, sizeof f->launch_name, "%s", s.name);
        return 0;
    }
    char buf[4096];
    if (strlen(text) >= sizeof buf) return cli_bad(CMD, "--launch: polygon too long");
    strcpy(buf, text);
    double la[BMD_FP_MAX_POINTS], lo[BMD_FP_MAX_POINTS];
    size_t n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
        if (n == BMD_FP_MAX_POINTS) return cli_bad(CMD, "--launch: too many polygon vertices");
        bmd_site s;
        if (cli_site(&r->env, "--launch", tok, &s)) return 2;
        la[n] = s.lat_rad;
        lo[n] = s.lon_rad;
        n++;
    }
    if (n < 2 || fabs(la[0] - la[n - 1]) > 1e-9 || fabs(lo[0] - lo[n - 1]) > 1e-9)
        return cli_bad(CMD, "--launch: polygon not closed: repeat the first vertex at the end");
    if (n < 4) return cli_bad(CMD, "--launch: a polygon needs at least 3 distinct vertices");
    double spacing = 25e3;
    if (cli_value(a, "launch-spacing", BMD_Q_LENGTH, &spacing) == 2) return 2;
    if (!(spacing > 0)) return cli_bad(CMD, "--launch-spacing: must be positive");
    bmd_errbuf e = {{0}};
    if (bmd_fp_launch_area(&f->earth, la, lo, n - 1, spacing, BMD_FP_MAX_POINTS, f->pt_lat_rad,
                           f->pt_lon_rad, &f->n_points, &e) != BMD_OK)
        return cli_bad(CMD, "--launch-spacing: more than %d launch points; use a larger spacing",
                       BMD_FP_MAX_POINTS);
    snprintf(f->launch_name, sizeof f->launch_name, "polygon (%zu launch points)", f->n_points);
    return 0;
}

static int parse_checks(struct fp_run *r, const struct cli_args *a)
{
    const char *text = cli_get(a, "check");
    if (text == NULL) return 0;
    char buf[2048];
    if (strlen(text) >= sizeof buf) return cli_bad(CMD, "--check: too long");
    strcpy(buf, text);
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (r->n_checks == MAX_CHECKS) return cli_bad(CMD, "--check: at most %d sites", MAX_CHECKS);
        bmd_site *s = &r->checks[r->n_checks];
        if (cli_site(&r->env, "--check", tok, s)) return 2;
        if (strchr(tok, '.') || (tok[0] >= '0' && tok[0] <= '9'))
            return cli_bad(CMD, "--check: give site names (coordinates contain commas)");
        r->n_checks++;
    }
    return 0;
}

/* FNV-1a over the options that decide the result (not -o, --resume,
 * --threads, --json, --no-progress) and the SCENARIO file name (not its
 * contents: edit the file and the resumed run mixes old and new chunks). */
static uint64_t options_hash(const struct cli_args *a)
{
    uint64_t h = 1469598103934665603ull;
    static const char *const skip[] = {"output", "resume", "threads", "json", "no-progress"};
    for (size_t i = 0; i < a->n_opts; i++) {
        if (!a->given[i]) continue;
        int sk = 0;
        for (size_t k = 0; k < sizeof skip / sizeof skip[0]; k++)
            if (strcmp(a->opts[i].name, skip[k]) == 0) sk = 1;
        if (sk) continue;
        const char *parts[3] = {a->opts[i].name, "=", a->value[i] ? a->value[i] : ""};
        for (int p = 0; p < 3; p++)
            for (const char *c = parts[p]; *c; c++) {
                h ^= (unsigned char)*c;
                h *= 1099511628211ull;
            }
        h ^= 0xff;
        h *= 1099511628211ull;
    }
    for (size_t i = 0; i < a->n_positional; i++) /* the SCENARIO file's name */
        for (const char *c = a->positional[i]; *c; c++) {
            h ^= (unsigned char)*c;
            h *= 1099511628211ull;
        }
    return h;
}

/* ---- chunk files ------------------------------------------------------------ */

static void chunk_path(char *p, size_t n, const char *dir, size_t k)
{
    snprintf(p, n, "%s/" PARTIAL "/chunk-%06zu.bin", dir, k);
}

static int chunk_write(const char *dir, size_t k, uint64_t hash, const bmd_fp_cell *c, size_t n)
{
    size_t len = bmd_fp_chunk_size(n);
    unsigned char *buf = malloc(len);
    if (buf == NULL) return cli_fail(CMD, "out of memory");
    bmd_fp_chunk_encode(hash, (uint64_t)k, c, n, buf);
    char path[4200];
    chunk_path(path, sizeof path, dir, k);
    int rc = cli_write_file(CMD, path, (const char *)buf, len);
    free(buf);
    return rc;
}

/* 1 when a valid chunk (size, header and checksum: bmd_fp_chunk_decode) was
 * read into c; a missing or damaged chunk is computed again. */
static int chunk_read(const char *dir, size_t k, uint64_t hash, bmd_fp_cell *c, size_t n)
{
    char path[4200];
    chunk_path(path, sizeof path, dir, k);
    char *data = NULL;
    size_t len = 0;
    if (bmd_input_read(path, bmd_fp_chunk_size(n), &data, &len, NULL) != BMD_OK) return 0;
    int ok =
        bmd_fp_chunk_decode((const unsigned char *)data, len, hash, (uint64_t)k, c, n) == BMD_OK;
    free(data);
    return ok;
}

/* Remove DIR/footprint-partial: the chunks, the temporaries of chunk writes cut short
 * by kill -9 ("chunk-N.bin.XXXXXX", issue 12) and the lock. Only names
 * bmdsim writes there are removed; anything else keeps the directory. */
static void partial_remove(const char *dir)
{
    char p[4200], f[4500];
    snprintf(p, sizeof p, "%s/" PARTIAL, dir);
    DIR *d = opendir(p);
    if (d != NULL) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (strncmp(de->d_name, "chunk-", 6) != 0 && strcmp(de->d_name, "lock") != 0) continue;
            snprintf(f, sizeof f, "%s/%s", p, de->d_name);
            (void)unlink(f);
        }
        closedir(d);
    }
    (void)rmdir(p);
}

/* Remove DIR/footprint-partial when it holds no chunk (only the lock). */
static void partial_remove_empty(const char *dir)
{
    char p[4200];
    snprintf(p, sizeof p, "%s/" PARTIAL, dir);
    DIR *d = opendir(p);
    if (d == NULL) return;
    struct dirent *de;
    int chunks = 0;
    while ((de = readdir(d)) != NULL)
        if (strncmp(de->d_name, "chunk-", 6) == 0) chunks = 1;
    closedir(d);
    if (!chunks) partial_remove(dir);
}

/*
 * Lock DIR for this run: an fcntl write lock on DIR/footprint-partial/lock, held until
 * the process ends (also by kill -9, when the kernel drops it). A second
 * footprint into the same directory is refused with a clear message instead
 * of mixing chunks (issue 12). Returns the descriptor, or -1 with the exit
 * code in *rc.
 */
static int partial_lock(const char *dir, int *rc)
{
    char p[4200];
    snprintf(p, sizeof p, "%s/" PARTIAL "/lock", dir);
    int fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
        *rc = cli_fail(CMD, "%s: %s", p, strerror(errno));
        return -1;
    }
    struct flock fl;
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (fcntl(fd, F_SETLK, &fl) == 0) return fd;
    int e = errno;
    long pid = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK ? (long)fl.l_pid : 0;
    close(fd);
    if (e == EACCES || e == EAGAIN) {
        if (pid > 0)
            *rc = cli_fail(CMD,
                           "%s: another bmdsim footprint (process %ld) is writing this "
                           "directory; wait for it or give another -o DIR",
                           dir, pid);
        else
            *rc = cli_fail(CMD,
                           "%s: another bmdsim footprint is writing this directory; wait for "
                           "it or give another -o DIR",
                           dir);
    } else {
        *rc = cli_fail(CMD, "%s: cannot lock: %s", p, strerror(e));
    }
    return -1;
}

/* ---- outputs ------------------------------------------------------------------ */

static int print_num(const bmd_sink *s, double v, const char *fmt)
{
    if (isnan(v)) return bmd_sink_printf(s, ",");
    return bmd_sink_printf(s, fmt, v);
}

/* A cell's state as a word (footprint.csv, --json checks). */
static const char *state_name(int st)
{
    return st == BMD_FP_DEFENDED    ? "defended"
           : st == BMD_FP_UNREACHED ? "out_of_reach"
                                    : "not_defended";
}

static int write_raster(const char *name, struct fp_run *r, struct cli_outputs *files)
{
    char file[64];
    snprintf(file, sizeof file, "%s.csv", name);
    bmd_membuf buf = {0};
    bmd_sink s = {bmd_membuf_write, &buf};
    char prov[4096];
    cli_prov_comment(prov, sizeof prov);
    int st = bmd_sink_printf(&s,
                             "%srow,col,lat_deg,lon_deg,state,defended,n_reach,cue_s,"
                             "intercept_alt_m,intercept_t_s,margin_s\n",
                             prov);
    size_t n = bmd_fp_grid_cells(&r->f.grid);
    for (size_t k = 0; k < n && st == BMD_OK; k++) {
        const bmd_fp_cell *c = &r->cells[k];
        double la, lo;
        bmd_fp_grid_centre(&r->f.grid, k, &la, &lo);
        st = bmd_sink_printf(&s, "%zu,%zu,%.6f,%.6f,%s,%d,%d", k / (size_t)r->f.grid.n_cols,
                             k % (size_t)r->f.grid.n_cols, la * BMD_RAD2DEG, lo * BMD_RAD2DEG,
                             state_name(c->state), c->state == BMD_FP_DEFENDED, c->n_reach);
        if (st == BMD_OK) st = print_num(&s, c->cue_s, ",%.3f");
        if (st == BMD_OK) st = print_num(&s, c->intercept_alt_m, ",%.1f");
        if (st == BMD_OK) st = print_num(&s, c->intercept_t_s, ",%.3f");
        if (st == BMD_OK) st = print_num(&s, c->margin_s, ",%.3f");
        if (st == BMD_OK) st = bmd_sink_printf(&s, "\n");
    }
    int rc = st == BMD_OK ? cli_out_stage(&r->out, files, file, &buf)
                          : cli_fail(CMD, "raster: %s", bmd_strerror(st));
    bmd_membuf_free(&buf);
    return rc;
}

/* NAME.kml (with -o) and (--plot) the map of the footprint rings, made in
 * the staging directory tmp and staged into files. */
static int write_pictures(const char *name, struct fp_run *r, double area_km2, const double *la,
                          const double *lo, const bmd_coverage_ring *rings, size_t nr,
                          const bmd_fp_cell *chk, struct cli_outputs *files, const char *tmp)
{
    const char *names[MAX_CHECKS];
    double clat[MAX_CHECKS], clon[MAX_CHECKS];
    int cdef[MAX_CHECKS];
    for (int i = 0; i < r->n_checks; i++) {
        names[i] = r->checks[i].name;
        clat[i] = r->checks[i].lat_rad;
        clon[i] = r->checks[i].lon_rad;
        cdef[i] = chk[i].state == BMD_FP_DEFENDED;
    }
    char title[160], sub[400], ic_name[64], bat_name[64], launch[64], radar[64];
    int denied = r->f.cfg.map != BMD_FP_AIM;
    bmd_plot_short_label(r->f.ic.label[0] ? r->f.ic.label : r->f.ic.name, ic_name, sizeof ic_name);
    bmd_plot_display_name(r->f.battery_name, bat_name, sizeof bat_name);
    bmd_plot_display_name(r->f.launch_name, launch, sizeof launch);
    bmd_plot_short_label(r->f.radar.label[0] ? r->f.radar.label : r->f.radar.name, radar,
                         sizeof radar);
    snprintf(title, sizeof title, "%s of %.40s at %.40s",
             denied ? "Denied launch area" : "Defended footprint", ic_name, bat_name);
    char cue[96];
    if (r->f.cfg.radar != NULL)
        snprintf(cue, sizeof cue, "cue %.40s (RCS %.3g m2)", radar, r->f.cfg.rcs_m2);
    else
        snprintf(cue, sizeof cue, "cue at threat launch (no radar)");
    snprintf(sub, sizeof sub,
             "%.40s from %.40s, %.16s; doctrine: %s; %s, %.0f s reaction; %.0f km2 at "
             "%.0f km cells",
             threat_of(r) ? threat_of(r)->label : "vacuum free flight", launch, r->shape_name,
             r->f.cfg.doctrine == BMD_FP_SHOOT ? "shoot (one interceptor)" : "shoot-look-shoot",
             cue, r->f.cfg.reaction_s, area_km2, r->f.grid.res_m / 1e3);
    bmd_fp_picture p;
    memset(&p, 0, sizeof p);
    p.region[0] = r->f.grid.lat0_rad;
    p.region[1] = r->f.grid.lon0_rad;
    p.region[2] = r->f.grid.lat0_rad + r->f.grid.n_rows * r->f.grid.dlat_rad;
    p.region[3] = r->f.grid.lon0_rad + r->f.grid.n_cols * r->f.grid.dlon_rad;
    p.title = title;
    p.subtitle = sub;
    p.denied = denied;
    p.lat_rad = la, p.lon_rad = lo, p.rings = rings, p.n_rings = nr;
    p.battery = r->f.battery_name;
    p.bat_lat_rad = r->f.cfg.bat_lat_rad, p.bat_lon_rad = r->f.cfg.bat_lon_rad;
    double range = 0.0;
    if (r->f.cfg.radar != NULL &&
        bmd_radar_track_range(&r->f.radar, r->f.cfg.rcs_m2, &range) == BMD_OK) {
        if (r->f.radar.mode.instr_range_m > 0.0 && r->f.radar.mode.instr_range_m < range)
            range = r->f.radar.mode.instr_range_m;
        p.radar = r->f.radar.name;
        p.radar_label = radar;
        p.radar_lat_rad = r->f.radar.face.lat_rad, p.radar_lon_rad = r->f.radar.face.lon_rad;
        p.boresight_rad = r->f.radar.face.boresight_az_rad;
        p.half_width_rad = r->f.radar.face.half_az_rad;
        p.radar_range_m = range;
    }
    p.n_launch = r->f.n_points;
    p.launch_lat_rad = r->f.pt_lat_rad, p.launch_lon_rad = r->f.pt_lon_rad;
    p.launch_label = r->f.launch_name;
    p.n_checks = (size_t)r->n_checks;
    p.check_name = names, p.check_lat_rad = clat, p.check_lon_rad = clon, p.check_defended = cdef;
    bmd_errbuf e = {{0}};
    char file[64], path[4500];
    if (r->out.given) {
        struct cli_prov_meta meta;
        size_t n_meta = cli_prov_meta_get(&meta);
        if (bmd_fp_scene_write(tmp, name, &p, meta.keys, meta.values, n_meta, &e) != BMD_OK)
            return cli_fail(CMD, "%s.kml: %s", name, e.msg);
        snprintf(file, sizeof file, "%s.kml", name);
        int rc = cli_out_stage_file(&r->out, files, tmp, file);
        if (rc) return rc;
    }
    if (r->plot_format < 0) return 0;
    snprintf(file, sizeof file, "%s-map.%s", name,
             bmd_plot_format_ext((bmd_plot_format)r->plot_format));
    if ((size_t)snprintf(path, sizeof path, "%s/%s", tmp, file) >= sizeof path)
        return cli_bad(CMD, "-o: path too long");
    int st = bmd_plot_footprint_map(path, r->plot_format, r->env.data_dir, &p, &e);
    if (st == BMD_EIO || st == BMD_EINVAL) return cli_bad(CMD, "figure: %s", e.msg);
    if (st != BMD_OK) return cli_fail(CMD, "figure: %s", e.msg);
    return cli_out_stage_file(&r->out, files, tmp, file);
}

static int write_geojson(const char *name, struct fp_run *r, double area_km2,
                         const bmd_fp_cell *chk, struct cli_outputs *files, const char *tmp)
{
    size_t n = bmd_fp_grid_cells(&r->f.grid);
    unsigned char *mask = malloc(n);
    if (mask == NULL) return cli_fail(CMD, "out of memory");
    for (size_t k = 0; k < n; k++)
        mask[k] = r->cells[k].state == BMD_FP_DEFENDED;
    double *la = NULL, *lo = NULL;
    size_t np = 0, nr = 0;
    bmd_coverage_ring *rings = NULL;
    bmd_errbuf e = {{0}};
    int st = bmd_fp_polygons(&r->f.grid, mask, &la, &lo, &np, &rings, &nr, &e);
    free(mask);
    if (st != BMD_OK) return cli_fail(CMD, "polygons: %s", e.msg);
    char file[64];
    snprintf(file, sizeof file, "%s.geojson", name);
    /* what decided the map: battery, threat, radar, fire control, checks */
    cJSON *pj = cJSON_CreateObject();
    cJSON_AddStringToObject(
        pj, "kind", r->f.cfg.map == BMD_FP_AIM ? "defended footprint" : "denied launch area");
    cJSON_AddStringToObject(pj, "battery", r->f.ic.name);
    cJSON_AddStringToObject(pj, "site", r->f.battery_name);
    cJSON_AddStringToObject(pj, "threat", threat_of(r) ? threat_of(r)->name : "vacuum");
    cJSON_AddStringToObject(pj, "launch", r->f.launch_name);
    cJSON_AddStringToObject(pj, "shape", r->shape_name);
    cJSON_AddStringToObject(pj, "doctrine",
                            r->f.cfg.doctrine == BMD_FP_SHOOT ? "shoot" : "shoot-look-shoot");
    if (r->f.cfg.radar != NULL) {
        cJSON_AddStringToObject(pj, "radar", r->f.radar.name);
        cJSON_AddNumberToObject(pj, "boresight_deg",
                                r->f.radar.face.boresight_az_rad * BMD_RAD2DEG);
    } else {
        cJSON_AddNullToObject(pj, "radar");
    }
    cJSON_AddNumberToObject(pj, "rcs_m2", r->f.cfg.rcs_m2);
    cJSON_AddNumberToObject(pj, "reaction_s", r->f.cfg.reaction_s);
    cJSON_AddNumberToObject(pj, "resolution_m", r->f.grid.res_m);
    cJSON_AddNumberToObject(pj, "area_km2", round(area_km2 * 10.0) / 10.0);
    cJSON *cj = cJSON_AddObjectToObject(pj, "checks");
    for (int i = 0; i < r->n_checks; i++)
        cJSON_AddStringToObject(cj, r->checks[i].name, state_name(chk[i].state));
    cJSON_AddItemToObject(pj, "provenance", cli_prov_json());
    char *props = cJSON_PrintUnformatted(pj);
    cJSON_Delete(pj);
    if (props == NULL) {
        free(la), free(lo), free(rings);
        return cli_fail(CMD, "out of memory");
    }
    bmd_membuf buf = {0};
    bmd_sink s = {bmd_membuf_write, &buf};
    st = bmd_geojson_polygons(&s, la, lo, rings, nr, props, r->f.battery_name, r->f.cfg.bat_lat_rad,
                              r->f.cfg.bat_lon_rad, NULL);
    free(props);
    int rc = st != BMD_OK    ? cli_fail(CMD, "GeoJSON: %s", bmd_strerror(st))
             : !r->out.given ? 0 /* --plot alone: the figure only */
                             : cli_out_stage(&r->out, files, file, &buf);
    if (rc == 0) rc = write_pictures(name, r, area_km2, la, lo, rings, nr, chk, files, tmp);
    bmd_membuf_free(&buf);
    free(la);
    free(lo);
    free(rings);
    return rc;
}

/* ---- set-up ------------------------------------------------------------------- */

/* The radar: --radar NAME (catalog preset and parameter options), else the
 * scenario's cueing radar with the parameter options applied, else the
 * an-tpy2 preset; at --site (else the scenario radar's site, else the
 * battery's), facing --boresight (else the scenario radar's, else 325 deg). */
static int setup_radar(struct fp_run *r, const struct cli_args *a)
{
    bmd_fp_setup *f = &r->f;
    int from_scn = f->has_radar; /* the scenario's cueing radar */
    if (from_scn && !cli_has(a, "radar")) {
        if (cli_radar_params(a, &f->radar, NULL)) return 2;
    } else {
        bmd_radar_face face = f->radar.face;
        if (cli_radar(&r->env, a, 0, &f->radar, NULL)) return 2;
        if (from_scn) {
            double bs = f->radar.face.boresight_az_rad;
            f->radar.face.lat_rad = face.lat_rad, f->radar.face.lon_rad = face.lon_rad;
            f->radar.face.h_m = face.h_m;
            f->radar.face.boresight_az_rad = cli_has(a, "boresight") ? bs : face.boresight_az_rad;
        }
    }
    if (!from_scn || cli_has(a, "site")) {
        f->radar.face.lat_rad = f->cfg.bat_lat_rad;
        f->radar.face.lon_rad = f->cfg.bat_lon_rad;
        f->radar.face.h_m = f->cfg.bat_alt_m;
    }
    if (!from_scn && !cli_has(a, "boresight")) f->radar.face.boresight_az_rad = 325.0 * BMD_DEG2RAD;
    bmd_errbuf e = {{0}};
    if (bmd_fp_setup_radar(f, &e) != BMD_OK) return cli_bad(CMD, "radar: %s", e.msg);
    return 0;
}

static const char *shape_name(int kind)
{
    return kind == BMD_TRAJ_LOFTED      ? "lofted"
           : kind == BMD_TRAJ_DEPRESSED ? "depressed"
                                        : "min-energy";
}

/* Earth, atmosphere and trajectory shape: the options, else the scenario's. */
static int setup_models(struct fp_run *r, const struct cli_args *a)
{
    bmd_fp_setup *f = &r->f;
    if (!r->has_scn || cli_has(a, "earth")) {
        const char *earth_name;
        if (cli_earth(a, &f->earth, &earth_name)) return 2;
    } else if (cli_has(a, "no-rotation")) {
        f->earth.omega_radps = 0.0;
    }
    if (cli_atmo(a, &f->atmo, r->has_scn ? (bmd_atmo_kind)r->scn.atmo : BMD_ATMO_US76)) return 2;
    if (r->has_scn && !cli_has(a, "shape") && !cli_has(a, "apogee") && !cli_has(a, "gamma"))
        r->shape_name = shape_name(f->cfg.shape.kind);
    else if (cli_shape(a, &f->cfg.shape, &r->shape_name))
        return 2;
    return 0;
}

/* Threat, battery site and interceptor: the options, else the scenario's,
 * else nodong, seongju and thaad. */
static int setup_parties(struct fp_run *r, const struct cli_args *a)
{
    bmd_fp_setup *f = &r->f;
    const char *threat = cli_get(a, "threat");
    if (threat == NULL && !r->has_scn) threat = "nodong";
    if (threat != NULL && strcmp(threat, "vacuum") == 0) {
        f->cfg.threat = BMD_FP_VACUUM;
    } else if (threat != NULL) {
        const bmd_missile *m;
        if (cli_missile(&r->env, threat, &m)) return 2;
        f->missile = *m;
    }
    const char *site = cli_get(a, "site");
    if (site || !r->has_scn) {
        bmd_site s;
        if (cli_site(&r->env, "--site", site ? site : "seongju", &s)) return 2;
        snprintf(f->battery_name, sizeof f->battery_name, "%s", s.name);
        f->cfg.bat_lat_rad = s.lat_rad, f->cfg.bat_lon_rad = s.lon_rad, f->cfg.bat_alt_m = s.alt_m;
    }
    const char *bname = cli_get(a, "battery");
    bmd_errbuf e = {{0}};
    if (bname != NULL || !r->has_scn) {
        char path[4096];
        if (bmd_data_path(path, sizeof path, r->env.data_dir, "catalog/interceptors.yaml") !=
            BMD_OK)
            return cli_bad(CMD, "data directory path too long");
        int st = bmd_interceptor_list_load(path, &r->ics, &e);
        if (st != BMD_OK)
            return st == BMD_ENOMEM ? cli_fail(CMD, "out of memory") : cli_bad(CMD, "%s", e.msg);
        const bmd_interceptor *icp = NULL;
        if (bmd_interceptor_find(&r->ics, bname ? bname : "thaad", &icp, &e) != BMD_OK)
            return cli_bad(CMD, "--battery: %s", e.msg);
        f->ic = *icp;
    }
    if (bmd_interceptor_check(&f->ic, &e) != BMD_OK) return cli_bad(CMD, "--battery: %s", e.msg);
    return 0;
}

/* The sensor, fire control and method options over the scenario's values. */
static int setup_fire_control(struct fp_run *r, const struct cli_args *a)
{
    bmd_fp_config *c = &r->f.cfg;
    int scn_radar = r->f.has_radar;
    r->f.has_radar = 0;
    if (!cli_has(a, "no-radar") && (!r->has_scn || scn_radar || cli_has(a, "radar"))) {
        r->f.has_radar = scn_radar;
        if (setup_radar(r, a)) return 2;
    }
    if (cli_value(a, "rcs", BMD_Q_RCS, &c->rcs_m2) == 2) return 2;
    if (cli_value(a, "revisit", BMD_Q_TIME, &c->revisit_s) == 2) return 2;
    if (cli_value(a, "reaction", BMD_Q_TIME, &c->reaction_s) == 2) return 2;
    if (cli_value(a, "kill-assessment", BMD_Q_TIME, &c->kill_assess_s) == 2) return 2;
    if (cli_value(a, "node-spacing", BMD_Q_LENGTH, &c->node_spacing_m) == 2) return 2;
    if (!(c->revisit_s > 0)) return cli_bad(CMD, "--revisit: must be positive");
    if (!(c->reaction_s >= 0)) return cli_bad(CMD, "--reaction: must not be negative");
    if (!(c->kill_assess_s >= 0)) return cli_bad(CMD, "--kill-assessment: must not be negative");
    if (!(c->node_spacing_m >= 1e3)) return cli_bad(CMD, "--node-spacing: at least 1 km");
    const char *doc = cli_get(a, "doctrine");
    if (doc == NULL && r->has_scn) {
        /* the scenario's */
    } else if (doc == NULL || strcmp(doc, "shoot") == 0 || strcmp(doc, "single") == 0) {
        c->doctrine = BMD_FP_SHOOT;
    } else if (strcmp(doc, "shoot-look-shoot") == 0 || strcmp(doc, "sls") == 0) {
        c->doctrine = BMD_FP_SHOOT_LOOK_SHOOT;
    } else {
        return cli_bad(CMD, "--doctrine: expected shoot or shoot-look-shoot, found '%s'", doc);
    }
    const char *meth = cli_get(a, "method"), *tol = cli_get(a, "tolerance");
    if (meth != NULL && strcmp(meth, "fast") != 0 && strcmp(meth, "direct") != 0)
        return cli_bad(CMD, "--method: expected fast or direct, found '%s'", meth);
    c->method = meth != NULL && strcmp(meth, "direct") == 0 ? BMD_FP_DIRECT : BMD_FP_FAST;
    if (tol != NULL && strcmp(tol, "analysis") != 0 && strcmp(tol, "accurate") != 0)
        return cli_bad(CMD, "--tolerance: expected analysis or accurate, found '%s'", tol);
    c->accurate = tol != NULL && strcmp(tol, "accurate") == 0;
    long threads;
    if (uint_opt(a, "threads", 0, 1, 1024, &threads)) return 2;
    c->threads = (int)threads;
    return 0;
}

/* The region: --region, else 600 km x 600 km about the battery (about the
 * defended site, or a single launch point, of a denied launch area). */
static int setup_grid(struct fp_run *r, const struct cli_args *a, double launch_lat,
                      double launch_lon)
{
    bmd_fp_setup *f = &r->f;
    double res = 2e3, v[4];
    if (cli_value(a, "resolution", BMD_Q_LENGTH, &res) == 2) return 2;
    const char *reg = cli_get(a, "region");
    bmd_errbuf e = {{0}};
    int st;
    if (reg) {
        if (parse_region(reg, v)) return 2;
        st = bmd_fp_grid_init(&f->grid, &f->earth, v[0], v[1], v[2], v[3], res, &e);
    } else {
        int denied = f->cfg.map == BMD_FP_LAUNCH;
        double cla = f->cfg.bat_lat_rad, clo = f->cfg.bat_lon_rad;
        if (denied) cla = f->pt_lat_rad[0], clo = f->pt_lon_rad[0];
        if (denied && r->launch_is_point) cla = launch_lat, clo = launch_lon;
        st = bmd_fp_grid_around(&f->grid, &f->earth, cla, clo, BMD_FP_DEFAULT_HALF_M, res, &e);
    }
    return st != BMD_OK ? cli_bad(CMD, "%s", e.msg) : 0;
}

static int setup(struct fp_run *r, const struct cli_args *a)
{
    bmd_errbuf e = {{0}};
    r->plot_format = -1;
    if (cli_has(a, "plot-format") && !cli_has(a, "plot"))
        return cli_bad(CMD, "--plot-format: give --plot too");
    if (cli_has(a, "plot")) {
        bmd_plot_format pf = BMD_PLOT_PNG;
        if (cli_has(a, "plot-format") &&
            bmd_plot_format_parse(cli_get(a, "plot-format"), &pf, &e) != BMD_OK)
            return cli_bad(CMD, "--plot-format: %s", e.msg);
        r->plot_format = (int)pf;
    }
    if (setup_models(r, a) || setup_parties(r, a) || setup_fire_control(r, a)) return 2;
    bmd_fp_setup *f = &r->f;
    /* fixed points */
    if (parse_launch(r, a)) return 2;
    double launch_lat = f->pt_lat_rad[0], launch_lon = f->pt_lon_rad[0];
    const char *denied = cli_get(a, "denied");
    if (denied) {
        bmd_site d;
        if (cli_site(&r->env, "--denied", denied, &d)) return 2;
        f->cfg.map = BMD_FP_LAUNCH;
        f->n_points = 1;
        f->pt_lat_rad[0] = d.lat_rad;
        f->pt_lon_rad[0] = d.lon_rad;
        snprintf(f->launch_name, sizeof f->launch_name, "aimed at %s", d.name);
    }
    bmd_fp_setup_link(f);
    if (setup_grid(r, a, launch_lat, launch_lon) || parse_checks(r, a)) return 2;
    /* fly-out table */
    double spd = 0.0;
    int got = cli_value(a, "straight", BMD_Q_SPEED, &spd);
    if (got == 2) return 2;
    if (got) {
        if (bmd_fp_straight_table(&f->tab, spd, f->ic.min_alt_m, f->ic.max_alt_m,
                                  f->ic.max_range_m) != BMD_OK)
            return cli_bad(CMD, "--straight: must be a positive speed");
        f->cfg.table = &f->tab;
    } else if (bmd_fp_setup_table(f, &e) != BMD_OK) {
        return cli_fail(CMD, "fly-out table: %s", e.msg);
    }
    return 0;
}

/* ---- what is defended: land per country, population ------------------------------ */

struct fp_land {
    bmd_land land;
    bmd_land_tally *tally;
    size_t n_tally;
    int *place_in;
    double pop_region, pop_defended;
    size_t places_in_region;
};

static void fp_land_free(struct fp_land *l)
{
    free(l->tally);
    free(l->place_in);
    bmd_land_free(&l->land);
}

/* The defended land per country and population of a footprint (bmd/land.h;
 * not for a denied launch area). */
static int fp_land_compute(const struct fp_run *r, struct fp_land *l)
{
    char cp[4096], pp[4096];
    bmd_errbuf e = {{0}};
    if (bmd_data_path(cp, sizeof cp, r->env.data_dir, BMD_LAND_COUNTRIES_FILE) != BMD_OK ||
        bmd_data_path(pp, sizeof pp, r->env.data_dir, BMD_LAND_PLACES_FILE) != BMD_OK)
        return cli_bad(CMD, "data directory path too long");
    int st = bmd_land_load(cp, pp, &l->land, &e);
    if (st == BMD_OK &&
        (l->place_in = malloc((l->land.n_places + 1) * sizeof *l->place_in)) == NULL)
        st = bmd_err_set(&e, BMD_ENOMEM, "out of memory");
    if (st == BMD_OK)
        st = bmd_land_footprint(&l->land, &r->f.grid, &r->f.earth, r->cells, &l->tally, &l->n_tally,
                                l->place_in, &l->pop_region, &l->pop_defended, &e);
    if (st != BMD_OK) return cli_fail(CMD, "land and population: %s", e.msg);
    for (size_t i = 0; i < l->land.n_places; i++)
        l->places_in_region += l->place_in[i] >= 0;
    return 0;
}

static void fp_land_json(cJSON *o, const struct fp_land *l)
{
    cJSON *land = cJSON_AddObjectToObject(o, "land");
    for (size_t i = 0; i < l->n_tally; i++) {
        const bmd_land_tally *t = &l->tally[i];
        const bmd_land_country *c = &l->land.country[t->country];
        cJSON *x = cJSON_AddObjectToObject(land, c->code);
        cJSON_AddStringToObject(x, "name", c->name);
        cJSON_AddNumberToObject(x, "area_km2", c->area_km2);
        cJSON_AddNumberToObject(x, "region_km2", t->region_km2);
        cJSON_AddNumberToObject(x, "defended_km2", t->defended_km2);
        cJSON_AddNumberToObject(x, "fraction", t->defended_km2 / c->area_km2);
    }
    cJSON *pop = cJSON_AddObjectToObject(o, "population");
    cJSON_AddNumberToObject(pop, "defended", l->pop_defended);
    cJSON_AddNumberToObject(pop, "total_in_region", l->pop_region);
    cJSON_AddStringToObject(pop, "source",
                            "GeoNames places of at least 15000 people (data/map/places.txt)");
    cJSON *pl = cJSON_AddArrayToObject(pop, "places");
    for (size_t i = 0; i < l->land.n_places; i++) {
        if (l->place_in[i] < 0) continue;
        const bmd_land_place *p = &l->land.place[i];
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "name", p->name);
        cJSON_AddStringToObject(x, "country", p->code);
        cJSON_AddNumberToObject(x, "pop", p->pop);
        cJSON_AddBoolToObject(x, "defended", l->place_in[i] == 1);
        cJSON_AddItemToArray(pl, x);
    }
}

/* Up to four countries with the most defended land, then the population. */
static void fp_land_print(const struct fp_land *l)
{
    size_t order[4], n = 0;
    for (size_t k = 0; k < 4; k++) {
        size_t best = (size_t)-1;
        for (size_t i = 0; i < l->n_tally; i++) {
            int used = 0;
            for (size_t j = 0; j < n; j++)
                used |= order[j] == i;
            if (!used && l->tally[i].defended_km2 > 0.0 &&
                (best == (size_t)-1 || l->tally[i].defended_km2 > l->tally[best].defended_km2))
                best = i;
        }
        if (best != (size_t)-1) order[n++] = best;
    }
    for (size_t j = 0; j < n; j++) {
        const bmd_land_tally *t = &l->tally[order[j]];
        const bmd_land_country *c = &l->land.country[t->country];
        printf("  %-11s %s: %.0f of %.0f km2 defended (%.0f %%)\n", j ? "" : "land", c->name,
               t->defended_km2, c->area_km2, 100.0 * t->defended_km2 / c->area_km2);
    }
    printf("  population  %.2f of %.2f million in the %zu listed places of the region "
           "(GeoNames, >= 15,000 people each)\n",
           l->pop_defended / 1e6, l->pop_region / 1e6, l->places_in_region);
}

/* ---- verdict spread over the scenario's uncertain: block -------------------------- */

/* Options that change the footprint's set-up away from the scenario's: the
 * spread samples the scenario itself, so they cannot be combined. */
static int spread_check(const struct cli_args *a)
{
    static const char *const allowed[] = {
        "check",  "resolution",  "samples", "seed",        "threads", "chunk", "resume",
        "output", "no-progress", "plot",    "plot-format", "json",    "data"};
    if (!cli_has(a, "samples")) {
        if (cli_has(a, "seed")) return cli_bad(CMD, "--seed: give --samples too");
        return 0;
    }
    if (a->n_positional == 0)
        return cli_bad(CMD, "--samples: give a SCENARIO file with an uncertain: block");
    if (!cli_has(a, "check")) return cli_bad(CMD, "--samples: give --check SITES");
    long n = 0;
    if (cli_count(a, "samples", 1, 1000000, &n) || cli_count(a, "seed", 0, 2147483647L, &n))
        return 2;
    for (size_t i = 0; i < a->n_opts; i++) {
        if (!a->given[i]) continue;
        int ok = 0;
        for (size_t j = 0; j < sizeof allowed / sizeof allowed[0]; j++)
            ok |= strcmp(a->opts[i].name, allowed[j]) == 0;
        if (!ok)
            return cli_bad(CMD,
                           "--samples with --%s: the spread samples the scenario's own set-up; "
                           "put the value in the scenario file",
                           a->opts[i].name);
    }
    return 0;
}

struct fp_spread {
    struct uq_scn u;
    struct uq_spread_result res[MAX_CHECKS];
    const char *names[MAX_CHECKS];
    uint64_t seed;
    int on;
};

/* defended:SITE for every --check site over --samples samples. */
static int spread_compute(const struct fp_run *r, const struct cli_args *a, struct fp_spread *sp)
{
    long samples = 0, seed = 1;
    if (cli_count(a, "samples", 1, 1000000, &samples) ||
        cli_count(a, "seed", 0, 2147483647L, &seed))
        return 2;
    int rc = uq_scn_load(a, &sp->u);
    sp->on = 1;
    sp->seed = (uint64_t)seed;
    bmd_errbuf e = {{0}};
    for (int i = 0; rc == 0 && i < r->n_checks; i++) {
        char name[64];
        snprintf(name, sizeof name, "defended:%s", r->checks[i].name);
        if (bmd_metric_parse_env(&sp->u.s, &sp->u.senv, name, &sp->u.metric[i], &e))
            rc = cli_bad(CMD, "--check: %s", e.msg);
        sp->u.metric[i].res_m = r->f.grid.res_m;
        sp->names[i] = r->checks[i].name;
    }
    sp->u.n_metrics = (size_t)r->n_checks;
    if (rc == 0)
        rc = uq_spread(CMD, &sp->u, samples, sp->seed, r->f.cfg.threads, !cli_has(a, "no-progress"),
                       sp->res);
    return rc;
}

static void spread_print(const struct fp_spread *sp)
{
    printf("  verdicts over the scenario's uncertain: block (%zu parameters, Latin hypercube, "
           "seed %llu; 95 %% Wilson interval):\n",
           sp->u.space.n, (unsigned long long)sp->seed);
    uq_spread_print(&sp->u, sp->res, sp->names, "defended in", 14);
}

/* ---- the run --------------------------------------------------------------------- */

static void print_human(const struct fp_run *r, size_t n, size_t def, size_t unr, double area,
                        double secs, const bmd_fp_cell *chk, const struct fp_land *land)
{
    printf("%s of a %s battery at %s against %s from %s (%s, %s)\n",
           r->f.cfg.map == BMD_FP_AIM ? "Defended footprint" : "Denied launch area", r->f.ic.name,
           r->f.battery_name, threat_of(r) ? threat_of(r)->name : "vacuum", r->f.launch_name,
           r->shape_name, r->f.cfg.doctrine == BMD_FP_SHOOT ? "shoot" : "shoot-look-shoot");
    printf("  region %.3f..%.3f N, %.3f..%.3f E, %d x %d cells of %.1f km\n",
           r->f.grid.lat0_rad * BMD_RAD2DEG,
           (r->f.grid.lat0_rad + r->f.grid.n_rows * r->f.grid.dlat_rad) * BMD_RAD2DEG,
           r->f.grid.lon0_rad * BMD_RAD2DEG,
           (r->f.grid.lon0_rad + r->f.grid.n_cols * r->f.grid.dlon_rad) * BMD_RAD2DEG,
           r->f.grid.n_rows, r->f.grid.n_cols, r->f.grid.res_m / 1e3);
    printf("  defended    %zu of %zu cells, %.0f km2\n", def, n, area);
    printf("  unreached   %zu cells (beyond the threat's reach)\n", unr);
    if (land) fp_land_print(land);
    printf("  time        %.2f s (%.0f cells/s, %d rank(s))\n", secs, (double)n / secs, r->size);
    for (int i = 0; i < r->n_checks; i++) {
        const bmd_fp_cell *c = &chk[i];
        if (c->state == BMD_FP_DEFENDED)
            printf("  %-14s defended, earliest intercept at %.1f km\n", r->checks[i].name,
                   c->intercept_alt_m / 1e3);
        else
            printf("  %-14s %s\n", r->checks[i].name,
                   c->state == BMD_FP_UNREACHED ? "out of the threat's reach" : "NOT defended");
    }
}

static int compute(struct fp_run *r, const struct cli_args *a, const char *dir, int resume)
{
    bmd_errbuf e = {{0}};
    bmd_footprint *fp = NULL;
    int st = bmd_footprint_create(&r->f.cfg, &r->f.grid, &fp, &e);
    if (st != BMD_OK)
        return st == BMD_EINVAL ? cli_bad(CMD, "%s", e.msg) : cli_fail(CMD, "%s", e.msg);
    long chunk;
    if (uint_opt(a, "chunk", 4096, 1, 100000000, &chunk)) {
        bmd_footprint_free(fp);
        return 2;
    }
    size_t n = bmd_fp_grid_cells(&r->f.grid), C = (size_t)chunk;
    size_t b, en;
    bmd_fp_split(n, C, r->size, r->rank, &b, &en);
    r->mine = malloc((en - b + 1) * sizeof *r->mine);
    if (r->rank == 0) r->cells = malloc(n * sizeof *r->cells);
    if (!r->mine || (r->rank == 0 && !r->cells)) {
        bmd_footprint_free(fp);
        return cli_fail(CMD, "out of memory");
    }
    struct cli_progress pr; /* progress.h: rank 0 reports its own share */
    cli_progress_init(&pr, a, "cells", "done");
    if (r->rank != 0) pr.mode = 0;
    double t0 = now_s();
    int fail = 0, stopped = 0;
    size_t kept = 0, done_cells = 0;
    for (size_t cb = b; cb < en; cb += C) {
        size_t ce = cb + C < en ? cb + C : en, k = cb / C;
        if (stop_flag) {
            stopped = 1;
            break;
        }
        if (resume && chunk_read(dir, k, r->hash, r->mine + (cb - b), ce - cb)) {
            kept++;
        } else {
            st = bmd_footprint_run(fp, cb, ce, r->mine + (cb - b), &stop_flag, &e);
            if (st == BMD_EINTR) {
                stopped = 1;
                break;
            }
            if (st != BMD_OK) {
                fail = cli_fail(CMD, "%s", e.msg);
                break;
            }
            if (dir && chunk_write(dir, k, r->hash, r->mine + (cb - b), ce - cb)) {
                fail = 1;
                break;
            }
            kept++;
        }
        done_cells = ce - b;
        cli_progress_update(&pr, (long)done_cells, (long)(en - b));
    }
    cli_progress_end(&pr);
    bmd_fp_stats fst;
    bmd_footprint_stats(fp, &fst);
    fail = cli_mpi_max_int(fail);
    stopped = cli_mpi_max_int(stopped);
    long total_kept = cli_mpi_sum_long((long)kept);
    if (fail) {
        bmd_footprint_free(fp);
        return 1;
    }
    if (stopped) {
        bmd_footprint_free(fp);
        if (r->rank == 0) {
            if (dir)
                fprintf(stderr,
                        "bmdsim: footprint: interrupted: %ld of %zu chunks kept in %s/" PARTIAL "; "
                        "continue with --resume %s and the same options\n",
                        total_kept, (n + C - 1) / C, dir, dir);
            else
                fprintf(stderr, "bmdsim: footprint: interrupted (nothing kept: no -o DIR)\n");
        }
        return 1;
    }
    /* gather */
    size_t *counts = malloc((size_t)r->size * sizeof *counts);
    if (counts == NULL) {
        bmd_footprint_free(fp);
        return cli_fail(CMD, "out of memory");
    }
    for (int q = 0; q < r->size; q++) {
        size_t qb, qe;
        bmd_fp_split(n, C, r->size, q, &qb, &qe);
        counts[q] = (qe - qb) * sizeof(bmd_fp_cell);
    }
    int grc = cli_mpi_gather(r->mine, (en - b) * sizeof *r->mine, r->cells, counts);
    free(counts);
    long nodes = cli_mpi_sum_long(fst.nodes), direct = cli_mpi_sum_long(fst.direct_cells);
    double secs = now_s() - t0;
    if (grc) {
        bmd_footprint_free(fp);
        return cli_fail(CMD, "MPI gather failed");
    }
    int rc = 0;
    if (r->rank == 0) {
        size_t def = 0, unr = 0;
        double area = 0.0;
        for (size_t k = 0; k < n; k++) {
            if (r->cells[k].state == BMD_FP_DEFENDED) {
                def++;
                area += bmd_fp_grid_row_area(&r->f.grid, &r->f.earth,
                                             (int)(k / (size_t)r->f.grid.n_cols));
            }
            if (r->cells[k].state == BMD_FP_UNREACHED) unr++;
        }
        area /= 1e6;
        bmd_fp_cell chk[MAX_CHECKS];
        for (int i = 0; i < r->n_checks && rc == 0; i++) {
            st = bmd_footprint_point(fp, r->checks[i].lat_rad, r->checks[i].lon_rad, &chk[i], &e);
            if (st != BMD_OK) rc = cli_fail(CMD, "--check %s: %s", r->checks[i].name, e.msg);
        }
        struct fp_land land;
        memset(&land, 0, sizeof land);
        struct fp_spread *sp = calloc(1, sizeof *sp);
        if (sp == NULL) rc = cli_fail(CMD, "out of memory");
        if (rc == 0 && cli_has(a, "samples")) rc = spread_compute(r, a, sp);
        int has_land = rc == 0 && r->f.cfg.map == BMD_FP_AIM;
        if (has_land) rc = fp_land_compute(r, &land);
        const char *name = r->f.cfg.map == BMD_FP_AIM ? "footprint" : "footprint-denied";
        if (rc == 0 && dir) {
            /* the raster, GeoJSON, KML and figure together or none */
            struct cli_outputs files = {0};
            char tmp[4300] = "";
            rc = cli_out_tmpdir(&r->out, tmp, sizeof tmp);
            if (rc == 0) rc = write_raster(name, r, &files);
            if (rc == 0) rc = write_geojson(name, r, area, chk, &files, tmp);
            if (rc == 0) rc = cli_out_commit(&r->out, &files);
            cli_outputs_free(&files);
            cli_out_tmpdir_remove(tmp);
            if (rc == 0) partial_remove(dir);        /* complete: the chunks are no longer needed */
        } else if (rc == 0 && r->plot_format >= 0) { /* the figure alone */
            struct cli_outputs files = {0};
            char tmp[4300] = "";
            rc = cli_out_tmpdir(&r->out, tmp, sizeof tmp);
            if (rc == 0) rc = write_geojson(name, r, area, chk, &files, tmp);
            if (rc == 0) rc = cli_out_commit(&r->out, &files);
            cli_outputs_free(&files);
            cli_out_tmpdir_remove(tmp);
        }
        if (rc == 0 && cli_has(a, "json")) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "map", r->f.cfg.map == BMD_FP_AIM ? "footprint" : "denied");
            cJSON_AddStringToObject(o, "battery", r->f.ic.name);
            cJSON_AddStringToObject(o, "site", r->f.battery_name);
            cJSON_AddStringToObject(o, "threat", threat_of(r) ? threat_of(r)->name : "vacuum");
            cJSON_AddStringToObject(o, "launch", r->f.launch_name);
            cJSON_AddNumberToObject(o, "launch_points", (double)r->f.n_points);
            cJSON_AddStringToObject(o, "shape", r->shape_name);
            cJSON_AddStringToObject(
                o, "doctrine", r->f.cfg.doctrine == BMD_FP_SHOOT ? "shoot" : "shoot-look-shoot");
            cJSON_AddStringToObject(o, "method",
                                    r->f.cfg.method == BMD_FP_FAST ? "fast" : "direct");
            cJSON_AddStringToObject(o, "tolerance", r->f.cfg.accurate ? "accurate" : "analysis");
            cJSON_AddNumberToObject(o, "resolution_m", r->f.grid.res_m);
            cJSON_AddNumberToObject(o, "rows", r->f.grid.n_rows);
            cJSON_AddNumberToObject(o, "cols", r->f.grid.n_cols);
            cJSON_AddNumberToObject(o, "cells", (double)n);
            cJSON_AddNumberToObject(o, "defended_cells", (double)def);
            cJSON_AddNumberToObject(o, "unreached_cells", (double)unr);
            cJSON_AddNumberToObject(o, "defended_area_km2", area);
            cJSON *ch = cJSON_CreateObject();
            for (int i = 0; i < r->n_checks; i++) {
                cJSON *x = cJSON_CreateObject();
                cJSON_AddBoolToObject(x, "defended", chk[i].state == BMD_FP_DEFENDED);
                cJSON_AddStringToObject(x, "state", state_name(chk[i].state));
                if (isnan(chk[i].intercept_alt_m))
                    cJSON_AddNullToObject(x, "intercept_alt_m");
                else
                    cJSON_AddNumberToObject(x, "intercept_alt_m", chk[i].intercept_alt_m);
                if (isnan(chk[i].cue_s))
                    cJSON_AddNullToObject(x, "cue_s");
                else
                    cJSON_AddNumberToObject(x, "cue_s", chk[i].cue_s);
                cJSON_AddItemToObject(ch, r->checks[i].name, x);
            }
            cJSON_AddItemToObject(o, "checks", ch);
            if (has_land) fp_land_json(o, &land);
            if (sp->on)
                cJSON_AddItemToObject(o, "verdict_spread",
                                      uq_spread_json(&sp->u, sp->res, sp->names, sp->seed));
            cJSON_AddNumberToObject(o, "ranks", r->size);
            cJSON_AddNumberToObject(o, "threads", r->f.cfg.threads);
            cJSON_AddNumberToObject(o, "seconds", secs);
            cJSON_AddNumberToObject(o, "cells_per_s", (double)n / secs);
            cJSON_AddNumberToObject(o, "family_nodes", (double)nodes);
            cJSON_AddNumberToObject(o, "direct_cells", (double)direct);
            cli_print_json(o);
        } else if (rc == 0 && !r->out.quiet) {
            print_human(r, n, def, unr, area, secs, chk, has_land ? &land : NULL);
            if (sp->on) spread_print(sp);
        }
        fp_land_free(&land);
        if (sp && sp->on) uq_scn_free(&sp->u);
        free(sp);
    }
    bmd_footprint_free(fp);
    return rc;
}

/* SCENARIO: load it; its first battery, the radar that cues it and its
 * first threat are the defaults (bmd_fp_setup_scenario). */
static int load_scenario(struct fp_run *r, const char *path)
{
    bmd_errbuf e = {{0}};
    int st = cli_scenario_load(path, &r->env, &r->scn, &e);
    if (st != BMD_OK)
        return cli_scenario_exit(st) == 1 ? cli_fail(CMD, "%s", e.msg) : cli_bad(CMD, "%s", e.msg);
    if (r->scn.n_batteries == 0 || r->scn.n_threats == 0)
        return cli_bad(CMD, "%s: needs a battery and a threat", path);
    cli_scenario_provenance(path, &r->scn);
    r->has_scn = 1;
    if (bmd_fp_setup_scenario(&r->f, &r->scn, &e) != BMD_OK) return cli_bad(CMD, "%s", e.msg);
    return 0;
}

static int run(struct fp_run *r, struct cli_args *a)
{
    if (a->n_positional > 0) {
        int lrc = load_scenario(r, a->positional[0]);
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
        snprintf(p, sizeof p, "%s/" PARTIAL, dir);
        if (rdir && (stat(p, &sb) != 0 || !S_ISDIR(sb.st_mode)))
            return cli_bad(CMD, "--resume %s: no interrupted run there (no %s)", rdir, p);
    }
    int rc = spread_check(a);
    if (rc) return rc;
    rc = setup(r, a);
    if (rc) return rc;
    cli_prov_entry("interceptor", r->f.ic.name);
    if (threat_of(r)) cli_prov_entry("missile", threat_of(r)->name);
    if (r->f.cfg.radar) cli_prov_entry("radar", r->f.radar.name);
    /* DIR/footprint-partial only once the input is known good: a run refused for bad
     * input leaves nothing (issue 12: an empty DIR/partial was left). */
    int lock_fd = -1, made_partial = 0;
    if (dir && r->rank == 0) {
        char p[4200];
        snprintf(p, sizeof p, "%s/" PARTIAL, dir);
        if (mkdir(p, 0777) == 0)
            made_partial = 1;
        else if (errno != EEXIST)
            rc = cli_fail(CMD, "%s: %s", p, strerror(errno));
        if (rc == 0) lock_fd = partial_lock(dir, &rc);
        if (rc != 0 && made_partial) (void)rmdir(p);
    }
    rc = cli_mpi_max_int(rc);
    if (rc) return rc;
    r->hash = options_hash(a);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    rc = compute(r, a, dir, rdir != NULL);
    if (rc != 0 && made_partial) partial_remove_empty(dir); /* refused before any chunk */
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
    if (cli_mpi_start(&r->rank, &r->size)) {
        free(r);
        return cli_fail(CMD, "MPI_Init failed");
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
