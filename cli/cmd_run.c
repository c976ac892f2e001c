/* cmd_run.c: `bmdsim run [SCENARIO]`: the engagement simulation, the main
 * job. Without a file it runs the built-in default scenario
 * (data/scenarios/default.yaml, compiled in). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "bmd/const.h"
#include "bmd/engage.h"
#include "bmd/export.h"
#include "bmd/interceptor.h"
#include "bmd/montecarlo.h"
#include "bmd/plot.h"
#include "bmd/scenario_load.h"
#include "cli.h"
#include "common.h"
#include "output.h"
#include "progress.h"
#include "provenance.h"
#include "mpi_driver.h"
#include "opts.h"
#include "bmd/plot_engage.h"
#include "scenario.h"

static const struct cli_opt opts[] = {
    {"output", 'o', "DIR",
     "write run-summary.json, run-events.csv, run-trajectories.csv, run-tracks.csv, "
     "run-occupancy.csv, run.kml and run.czml into DIR (created if missing)"},
    {"plot", 0, NULL, "also draw run-timeline.png and run-occupancy.png (into -o DIR, else .)"},
    {"plot-format", 0, "FMT", "figure format: png (default), svg or pdf"},
    {"runs", 0, "N",
     "Monte Carlo runs (default: the scenario's monte_carlo.runs; 1: one engagement)"},
    {"seed", 0, "S", "random seed (default: the scenario's, else 1)"},
    {"threads", 0, "T", "OpenMP threads for Monte Carlo (default: all cores)"},
    {"filter", 0, "KIND",
     "tracking filter: ekf, ukf or truth (perfect tracking) (default: the scenario's)"},
    {"no-noise", 0, NULL, "noise-free measurements and detections (deterministic run)"},
    {"homing", 0, "MODE",
     "interceptor homing: realistic (flight-control lag and seeker noise, the catalog's "
     "estimates) or ideal (zero lag, exact seeker) (default: the scenario's, else the "
     "catalog's)"},
    {"discrimination", 0, "MODE",
     "which objects are warheads: perfect, beta (the tracker's 1/beta) or rcs (measured RCS) "
     "(default: the scenario's, else perfect)"},
    CLI_OPT_NO_PROGRESS,
    CLI_OPT_QUIET,
    CLI_OPT_JSON,
    CLI_OPT_DATA,
};

static const struct cli_help help = {
    "run [SCENARIO] [-o DIR] [--runs N] [--seed S] [--threads T] [--json]",
    "Simulate an engagement: threats fly their solved trajectories, the radars\n"
    "detect and track them (EKF or UKF on [r, v, 1/beta]), the fire control launches\n"
    "interceptors when a track is firm and an intercept inside the envelope is\n"
    "feasible, interceptors fly out with proportional navigation and hit or miss.\n"
    "Without SCENARIO: the built-in default (THAAD and AN/TPY-2 terminal mode at\n"
    "Seongju against a Nodong-class launch from North Hwanghae toward Busan).\n"
    "Prints the event timeline and the outcome per threat of one engagement\n"
    "(nominal parameters); with --runs N > 1 (default: the scenario's\n"
    "monte_carlo.runs) also a Monte Carlo over measurement noise, detection and\n"
    "kill draws and the scenario's uncertain parameters: P(negation) per threat\n"
    "and P(no leaker) with 95 % Wilson intervals, interceptors per threat; the\n"
    "result is identical for any --threads, and for any number of MPI ranks\n"
    "(mpirun -np N bmdsim run: each rank runs a block of the runs, rank 0\n"
    "gathers them and writes). -o DIR writes run-summary.json,\n"
    "run-events.csv, run-trajectories.csv (truth), run-tracks.csv,\n"
    "run-occupancy.csv (each radar's time budget every second), run.kml\n"
    "(Google Earth) and run.czml (Cesium), all or none: nothing is written when\n"
    "the run fails; the files written are listed on stderr.\n"
    "Scenario format: docs/formats.md; model: docs/models/engage.md.",
    "  bmdsim run\n"
    "  bmdsim run --runs 1 --json\n"
    "  bmdsim run --filter truth --no-noise --runs 1\n"
    "  bmdsim run data/scenarios/raid.yaml -o out\n"
    "  bmdsim run --runs 1000 --seed 7 --threads 2\n",
    1,
};

/* v rounded to `decimals` places: summary.json holds fixed-precision
 * numbers, so identical runs print identical bytes on any platform whose
 * arithmetic agrees to that precision. */
static double rnd(double v, int decimals)
{
    double f = pow(10.0, decimals);
    double x = round(v * f) / f;
    return x == 0.0 ? 0.0 : x; /* no "-0" */
}

static void add_num(cJSON *o, const char *k, double v, int decimals)
{
    cJSON_AddNumberToObject(o, k, rnd(v, decimals));
}

static void add_num_or_null(cJSON *o, const char *k, double v, int decimals)
{
    if (v < 0.0 || !isfinite(v))
        cJSON_AddNullToObject(o, k);
    else
        add_num(o, k, v, decimals);
}

static const char *filter_name(int f)
{
    return f == BMD_FILTER_TRUTH ? "truth" : f == BMD_FILTER_UKF ? "ukf" : "ekf";
}

static cJSON *summary_json(const bmd_scenario *s, const bmd_engage_result *r,
                           const bmd_mc_result *mc, uint64_t seed)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "provenance", cli_prov_json());
    cJSON_AddStringToObject(o, "scenario", s->name);
    cJSON_AddNumberToObject(o, "seed", (double)seed);
    cJSON_AddStringToObject(o, "filter", filter_name(s->filter));
    cJSON_AddStringToObject(o, "discrimination", bmd_discrimination_name(s->discrimination));
    cJSON *ta = cJSON_AddArrayToObject(o, "threats");
    for (size_t k = 0; k < r->n_threats; k++) {
        const bmd_eng_threat *t = &r->threat[k];
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "name", s->threat[k].name);
        cJSON_AddStringToObject(x, "missile", s->threat[k].missile.name);
        cJSON_AddStringToObject(x, "launch", s->threat[k].launch.name);
        cJSON_AddStringToObject(x, "aim", s->threat[k].aim.name);
        cJSON_AddStringToObject(x, "kind", bmd_object_kind_name(t->kind));
        if (t->classified_as == BMD_CLASS_NONE)
            cJSON_AddNullToObject(x, "classified_as");
        else
            cJSON_AddStringToObject(x, "classified_as", bmd_eng_class_name(t->classified_as));
        cJSON_AddStringToObject(x, "outcome", bmd_eng_outcome_name(t->outcome));
        add_num_or_null(x, "intercept_time_s", t->intercept_time_s, 3);
        add_num_or_null(x, "intercept_alt_m", t->intercept_alt_m, 1);
        add_num_or_null(x, "miss_distance_m", t->miss_distance_m, 3);
        cJSON_AddNumberToObject(x, "interceptors_used", t->interceptors_used);
        add_num_or_null(x, "first_detect_time_s", t->first_detect_time_s, 3);
        add_num_or_null(x, "firm_track_time_s", t->firm_track_time_s, 3);
        add_num_or_null(x, "impact_time_s", t->impact_time_s, 3);
        if (mc != NULL) {
            const bmd_mc_threat *m = &mc->threat[k];
            cJSON_AddNumberToObject(x, "runs_intercepted", (double)m->intercepted);
            cJSON_AddNumberToObject(x, "runs_leaked", (double)m->leaked);
            cJSON_AddNumberToObject(x, "runs_not_engaged", (double)m->not_engaged);
            add_num(x, "p_negation", m->p_negation, 6);
            add_num(x, "p_negation_lo", m->p_lo, 6);
            add_num(x, "p_negation_hi", m->p_hi, 6);
            add_num(x, "mean_interceptors", m->mean_interceptors, 6);
        }
        cJSON_AddItemToArray(ta, x);
    }
    cJSON_AddNumberToObject(o, "interceptors_fired", r->interceptors_fired);
    cJSON_AddNumberToObject(o, "interceptors_at_non_warheads", r->interceptors_at_non_warheads);
    cJSON_AddNumberToObject(o, "leakers", r->leakers);
    /* each radar's largest time occupancy and demand (bmd/engage.h) */
    cJSON *occ = cJSON_AddObjectToObject(o, "radar_occupancy_max");
    cJSON *dem = cJSON_AddObjectToObject(o, "radar_demand_max");
    for (size_t i = 0; i < r->n_radars && i < s->n_radars; i++) {
        add_num(occ, s->radar[i].name, r->radar_occupancy_max[i], 4);
        add_num(dem, s->radar[i].name, r->radar_demand_max[i], 4);
    }
    if (mc != NULL) {
        cJSON *m = cJSON_AddObjectToObject(o, "monte_carlo");
        cJSON_AddNumberToObject(m, "runs", (double)mc->runs);
        cJSON_AddNumberToObject(m, "runs_no_leaker", (double)mc->no_leaker_runs);
        add_num(m, "p_no_leaker", mc->p_no_leaker, 6);
        add_num(m, "p_no_leaker_lo", mc->p_no_leaker_lo, 6);
        add_num(m, "p_no_leaker_hi", mc->p_no_leaker_hi, 6);
        add_num(m, "mean_interceptors_fired", mc->mean_interceptors_fired, 6);
        add_num(m, "mean_interceptors_at_non_warheads", mc->mean_interceptors_at_non_warheads, 6);
        if (mc->n_miss > 0) {
            add_num(m, "miss_distance_m_median", mc->miss_median_m, 4);
            add_num(m, "miss_distance_m_p90", mc->miss_p90_m, 4);
        } else {
            cJSON_AddNullToObject(m, "miss_distance_m_median");
            cJSON_AddNullToObject(m, "miss_distance_m_p90");
        }
        /* each radar's time budget over the runs (bmd/montecarlo.h) */
        cJSON *rd = cJSON_AddObjectToObject(m, "radars");
        for (size_t i = 0; i < mc->n_radars && i < s->n_radars; i++) {
            const bmd_mc_radar *q = &mc->radar[i];
            cJSON *x = cJSON_AddObjectToObject(rd, s->radar[i].name);
            add_num(x, "occupancy_max_mean", q->occupancy_max_mean, 4);
            add_num(x, "occupancy_max_p90", q->occupancy_max_p90, 4);
            add_num(x, "demand_max_mean", q->demand_max_mean, 4);
            add_num(x, "demand_max_p90", q->demand_max_p90, 4);
            add_num(x, "over_budget_share_mean", q->over_share_mean, 6);
        }
    }
    return o;
}

static void print_timeline(const bmd_scenario *s, const bmd_engage_result *r)
{
    printf("%s\n\n", s->name);
    printf("%9s  %-19s %-28s %9s %10s  %s\n", "time_s", "event", "object", "alt_km", "range_km",
           "note");
    for (size_t i = 0; i < r->n_events; i++) {
        const bmd_eng_event *e = &r->event[i];
        char obj[80], note[64] = "";
        bmd_eng_event_note(r, e, note, sizeof note);
        char rng[16] = "";
        if (e->range_m >= 0.0) snprintf(rng, sizeof rng, "%.1f", e->range_m / 1e3);
        char line[256];
        snprintf(line, sizeof line, "%9.2f  %-19s %-28s %9.1f %10s  %s", e->t_s,
                 bmd_eng_event_label(r, e), bmd_eng_event_object(s, e, obj, sizeof obj),
                 e->alt_m / 1e3, rng, note);
        size_t n = strlen(line);
        while (n > 0 && line[n - 1] == ' ')
            line[--n] = '\0';
        printf("%s\n", line);
    }
    printf("\n%-18s %-12s %-12s %10s %10s %9s %6s\n", "threat", "outcome", "missile", "detect_s",
           "firm_s", "icpt_km", "shots");
    for (size_t k = 0; k < r->n_threats; k++) {
        const bmd_eng_threat *t = &r->threat[k];
        char d[16] = "-", f[16] = "-", a[16] = "-";
        if (t->first_detect_time_s >= 0) snprintf(d, sizeof d, "%.1f", t->first_detect_time_s);
        if (t->firm_track_time_s >= 0) snprintf(f, sizeof f, "%.1f", t->firm_track_time_s);
        if (t->outcome == BMD_ENG_INTERCEPTED)
            snprintf(a, sizeof a, "%.1f", t->intercept_alt_m / 1e3);
        printf("%-18s %-12s %-12s %10s %10s %9s %6d\n", s->threat[k].name,
               bmd_eng_outcome_name(t->outcome), s->threat[k].missile.name, d, f, a,
               t->interceptors_used);
    }
    printf("\ninterceptors fired: %d   leakers: %d\n", r->interceptors_fired, r->leakers);
}

static void print_mc(const bmd_scenario *s, const bmd_mc_result *mc, uint64_t seed)
{
    printf("\nMonte Carlo: %ld runs, seed %llu (measurement noise, detection and kill draws",
           mc->runs, (unsigned long long)seed);
    printf("%s)\n", s->n_uncertain ? ", uncertain parameters" : "");
    printf("%-18s %12s %19s %13s\n", "threat", "P(negation)", "95 % Wilson", "interceptors");
    for (size_t k = 0; k < mc->n_threats; k++) {
        const bmd_mc_threat *t = &mc->threat[k];
        printf("%-18s %12.4f   [%.4f, %.4f] %12.3f\n", s->threat[k].name, t->p_negation, t->p_lo,
               t->p_hi, t->mean_interceptors);
    }
    printf("%-18s %12.4f   [%.4f, %.4f] %12.3f per run\n", "no leaker", mc->p_no_leaker,
           mc->p_no_leaker_lo, mc->p_no_leaker_hi, mc->mean_interceptors_fired);
    if (mc->n_miss > 0)
        printf("miss distance      median %.3f m, 90th percentile %.3f m (%ld engaged threats)\n",
               mc->miss_median_m, mc->miss_p90_m, mc->n_miss);
}

/* ---- files ---------------------------------------------------------------- */

static int write_dir(struct cli_out *out, const bmd_engage_plan *plan, const bmd_engage_result *r,
                     const char *summary, int plot_format)
{
    bmd_membuf ev = {0}, tr = {0}, tk = {0}, oc = {0};
    bmd_sink sev = {bmd_membuf_write, &ev}, str = {bmd_membuf_write, &tr},
             stk = {bmd_membuf_write, &tk}, soc = {bmd_membuf_write, &oc};
    char prov[4096]; /* each CSV opens with the provenance comment line */
    cli_prov_comment(prov, sizeof prov);
    bmd_errbuf err;
    int bad = bmd_eng_events_csv(&sev, prov, plan, r) != BMD_OK ||
              bmd_eng_trajectories_csv(&str, prov, plan, r, &err) != BMD_OK ||
              bmd_eng_tracks_csv(&stk, prov, plan, r) != BMD_OK ||
              bmd_eng_occupancy_csv(&soc, prov, plan, r) != BMD_OK;
    int rc = 0;
    if (bad) {
        rc = cli_fail("run", "out of memory while formatting the output files");
        goto out;
    }
    /* Everything is formatted: write into a fresh directory inside DIR,
     * then move the files into place, so a failure leaves no half-written
     * set. */
    char tmp[4200], path[4300], to[4300];
    char fig[64] = "", fig_occ[64] = "";
    if (plot_format >= 0) {
        snprintf(fig, sizeof fig, "run-timeline.%s",
                 bmd_plot_format_ext((bmd_plot_format)plot_format));
        snprintf(fig_occ, sizeof fig_occ, "run-occupancy.%s",
                 bmd_plot_format_ext((bmd_plot_format)plot_format));
    }
    /* data files [0, 5), globes [5, 7), figures [7, 9) */
    const char *names[] = {"run-summary.json",
                           "run-events.csv",
                           "run-trajectories.csv",
                           "run-tracks.csv",
                           "run-occupancy.csv",
                           "run.kml",
                           "run.czml",
                           fig,
                           fig_occ};
    /* the occupancy figure needs a radar with two samples (a scenario without
     * radars, or a run shorter than 2 s, has none: not drawn) */
    int draw_occ = 0;
    for (size_t i = 0; i < r->n_radars && !draw_occ; i++) {
        size_t m = 0;
        for (size_t j = 0; j < r->n_occ; j++)
            m += r->occ[j].radar == (int)i;
        draw_occ = m >= 2;
    }
    int first = out->given ? 0 : 7, n_files = plot_format >= 0 ? 8 + draw_occ : 7;
    char tname[64];
    snprintf(tname, sizeof tname, ".run-partial-%ld", (long)getpid());
    if ((rc = cli_out_path(out, tname, tmp, sizeof tmp))) goto out;
    if (mkdir(tmp, 0755) != 0) {
        rc =
            cli_bad("run", "-o %s: cannot write: %s", out->given ? out->dir : ".", strerror(errno));
        goto out;
    }
    const char *data[] = {summary, ev.data, tr.data, tk.data, oc.data};
    size_t len[] = {strlen(summary), ev.len, tr.len, tk.len, oc.len};
    for (int i = first; i < 5 && rc == 0; i++) {
        snprintf(path, sizeof path, "%s/%s", tmp, names[i]);
        rc = cli_write_file("run", path, data[i], len[i]);
    }
    bmd_errbuf e2 = {{0}};
    struct cli_prov_meta meta;
    size_t n_meta = cli_prov_meta_get(&meta);
    if (rc == 0 && first == 0 &&
        bmd_engage_scene_write(tmp, "run", plan, r, meta.keys, meta.values, n_meta, &e2) != BMD_OK)
        rc = cli_fail("run", "run.kml/czml: %s", e2.msg);
    if (rc == 0 && plot_format >= 0) {
        snprintf(path, sizeof path, "%s/%s", tmp, fig);
        if (bmd_plot_engagement_timeline(path, plot_format, plan, r, &e2) != BMD_OK)
            rc = cli_fail("run", "%s: %s", fig, e2.msg);
    }
    if (rc == 0 && plot_format >= 0 && draw_occ) {
        snprintf(path, sizeof path, "%s/%s", tmp, fig_occ);
        if (bmd_plot_engagement_occupancy(path, plot_format, plan, r, &e2) != BMD_OK)
            rc = cli_fail("run", "%s: %s", fig_occ, e2.msg);
    }
    for (int i = first; i < n_files && rc == 0; i++) {
        snprintf(path, sizeof path, "%s/%s", tmp, names[i]);
        if ((rc = cli_out_path(out, names[i], to, sizeof to))) break;
        if (rename(path, to) != 0)
            rc = cli_bad("run", "-o %s: %s", out->given ? out->dir : ".", strerror(errno));
        else
            cli_out_wrote(out, to);
    }
    for (int i = first; i < n_files; i++) {
        snprintf(path, sizeof path, "%s/%s", tmp, names[i]);
        remove(path);
    }
    rmdir(tmp);
out:
    bmd_membuf_free(&ev);
    bmd_membuf_free(&tr);
    bmd_membuf_free(&tk);
    bmd_membuf_free(&oc);
    return rc;
}

/* ---- the command ------------------------------------------------------------- */

/* The Monte Carlo of this process: all of it, or under mpirun (size > 1)
 * the block [rank * runs / size, (rank + 1) * runs / size) of every rank,
 * gathered in run order on rank 0, which reduces it (bmd_mc_run_range,
 * bmd_mc_reduce): the same result for any number of ranks and threads.
 * Returns a status on every rank (BMD_EINVAL and *other = 1 on the ranks
 * that did not fail themselves when another one did); *mc is filled on
 * rank 0. */
static int mc_ranks(const bmd_engage_plan *plan, const bmd_scenario *s, long runs, uint64_t sd,
                    int threads, const bmd_engage_opts *mo, bmd_mc_progress_fn progress,
                    void *progress_ctx, int rank, int size, bmd_mc_result *mc, int *other,
                    bmd_errbuf *err)
{
    *other = 0;
    if (size <= 1) return bmd_mc_run(plan, runs, sd, threads, mo, progress, progress_ctx, mc, err);
    size_t nk = s->n_threats, w = nk * sizeof(bmd_mc_outcome);
    size_t wr = s->n_radars * sizeof(bmd_mc_radar_outcome); /* the radars' records of a run */
    long b = (long)((long long)runs * rank / size), e = (long)((long long)runs * (rank + 1) / size);
    size_t *counts = malloc((size_t)size * sizeof *counts);
    bmd_mc_outcome *mine = malloc((size_t)(e > b ? e - b : 1) * w);
    bmd_mc_outcome *all = rank == 0 ? malloc((size_t)runs * w) : NULL;
    bmd_mc_radar_outcome *rmine = malloc((size_t)(e > b ? e - b : 1) * (wr ? wr : 1));
    bmd_mc_radar_outcome *rall = rank == 0 ? malloc((size_t)runs * (wr ? wr : 1)) : NULL;
    int st = (!counts || !mine || !rmine || (rank == 0 && (!all || !rall)))
                 ? bmd_err_set(err, BMD_ENOMEM, "out of memory")
                 : BMD_OK;
    if (st == BMD_OK && e > b)
        st = bmd_mc_run_range(plan, b, e - b, sd, threads, mo, rank == 0 ? progress : NULL,
                              progress_ctx, mine, rmine, err);
    int failed = cli_mpi_max_int(st != BMD_OK);
    if (failed) {
        if (st == BMD_OK) st = BMD_EINVAL, *other = 1;
    } else {
        for (int r = 0; r < size; r++)
            counts[r] = (size_t)((long long)runs * (r + 1) / size - (long long)runs * r / size) * w;
        if (cli_mpi_gather(mine, (size_t)(e - b) * w, all, counts))
            st = bmd_err_set(err, BMD_EINVAL, "MPI gather of the Monte Carlo failed");
        /* then the radars' records, in run order too */
        for (int r = 0; r < size; r++)
            counts[r] =
                (size_t)((long long)runs * (r + 1) / size - (long long)runs * r / size) * wr;
        if (st == BMD_OK && wr > 0 && cli_mpi_gather(rmine, (size_t)(e - b) * wr, rall, counts))
            st = bmd_err_set(err, BMD_EINVAL, "MPI gather of the Monte Carlo failed");
        if (cli_mpi_max_int(st != BMD_OK)) {
            if (st == BMD_OK) st = BMD_EINVAL, *other = 1;
        } else if (rank == 0) {
            st = bmd_mc_reduce(plan, runs, all, rall, mc, err);
        }
    }
    free(counts);
    free(mine);
    free(all);
    free(rmine);
    free(rall);
    return st;
}

static int run_cmd(struct cli_args *ap, int rank, int size);

int cli_run(int argc, char **argv)
{
    struct cli_args a;
    int rc = cli_parse(&a, "run", opts, sizeof opts / sizeof opts[0], &help, argc, argv);
    if (rc) return rc < 0 ? 0 : rc;
    int launched = cli_mpi_launcher_size();
    if (launched > 1 && !cli_mpi_available())
        return cli_fail("run",
                        "started by an MPI launcher with %d ranks, but this bmdsim was "
                        "built without MPI",
                        launched);
    int rank = 0, size = 1;
    char why[512];
    if (cli_mpi_start(&rank, &size, why, sizeof why)) return cli_fail("run", "%s", why);
    rc = run_cmd(&a, rank, size);
    rc = cli_mpi_max_int(rc);
    cli_mpi_stop();
    return rc;
}

/* The command on one rank: every rank loads, prepares and flies the
 * timeline run (deterministic, so every rank takes the same branches and
 * meets the collective calls of mc_ranks); only rank 0 writes. */
static int run_cmd(struct cli_args *ap, int rank, int size)
{
    struct cli_args a = *ap;
    int rc = 0;
    long runs = -1, seed = -1, threads = 0;
    if ((rc = cli_count(&a, "runs", 1, 100000000L, &runs)) ||
        (rc = cli_count(&a, "seed", 0, 0x7fffffffL, &seed)) ||
        (rc = cli_count(&a, "threads", 1, 1024, &threads)))
        return rc;
    const char *filter = cli_get(&a, "filter");
    if (filter && strcmp(filter, "ekf") && strcmp(filter, "ukf") && strcmp(filter, "truth"))
        return cli_bad("run", "--filter: expected ekf, ukf or truth, found '%s'", filter);
    int plot_format = -1;
    if (cli_has(&a, "plot-format") && !cli_has(&a, "plot"))
        return cli_bad("run", "--plot-format: give --plot too");
    if (cli_has(&a, "plot")) {
        bmd_plot_format pf = BMD_PLOT_PNG;
        bmd_errbuf pe = {{0}};
        if (cli_has(&a, "plot-format") &&
            bmd_plot_format_parse(cli_get(&a, "plot-format"), &pf, &pe) != BMD_OK)
            return cli_bad("run", "--plot-format: %s", pe.msg);
        plot_format = (int)pf;
    }
    struct cli_out out;
    if ((rc = cli_out_init(&out, &a, "output"))) return rc;
    struct cli_env env;
    cli_env_init(&env, &a);
    bmd_scenario s;
    bmd_scenario_init(&s);
    bmd_engage_plan *plan = NULL;
    bmd_engage_result res;
    memset(&res, 0, sizeof res);
    bmd_mc_result mc;
    memset(&mc, 0, sizeof mc);
    bmd_errbuf err = {{0}};
    int st = cli_scenario_load(a.n_positional > 0 ? a.positional[0] : NULL, &env, &s, &err);
    if (st != BMD_OK) {
        rc = cli_scenario_exit(st) == 1 ? cli_fail("run", "%s", err.msg)
                                        : cli_bad("run", "%s", err.msg);
        goto done;
    }
    const char *homing = cli_get(&a, "homing");
    if (homing) {
        int mode = strcmp(homing, "ideal") == 0       ? BMD_HOMING_IDEAL
                   : strcmp(homing, "realistic") == 0 ? BMD_HOMING_REALISTIC
                                                      : -1;
        if (mode < 0) {
            rc = cli_bad("run", "--homing: expected ideal or realistic, found '%s'", homing);
            goto done;
        }
        for (size_t b = 0; b < s.n_batteries; b++)
            s.battery[b].interceptor.homing = mode;
    }
    const char *discr = cli_get(&a, "discrimination");
    if (discr) {
        int mode = strcmp(discr, "perfect") == 0 ? BMD_DISCR_PERFECT
                   : strcmp(discr, "beta") == 0  ? BMD_DISCR_BETA
                   : strcmp(discr, "rcs") == 0   ? BMD_DISCR_RCS
                                                 : -1;
        if (mode < 0) {
            rc = cli_bad("run", "--discrimination: expected perfect, beta or rcs, found '%s'",
                         discr);
            goto done;
        }
        s.discrimination = mode;
    }
    if (filter)
        s.filter = strcmp(filter, "truth") == 0 ? BMD_FILTER_TRUTH
                   : strcmp(filter, "ukf") == 0 ? BMD_FILTER_UKF
                                                : BMD_FILTER_EKF;
    uint64_t sd = seed >= 0 ? (uint64_t)seed : s.mc_seed;
    if (runs < 0) runs = s.mc_runs >= 1 ? s.mc_runs : 1; /* the scenario's monte_carlo.runs */
    cli_scenario_provenance(a.n_positional > 0 ? a.positional[0] : NULL, &s);
    cli_prov_get()->seed = (long long)sd;
    st = bmd_engage_prepare(&s, &plan, &err);
    if (st != BMD_OK) {
        rc = (st == BMD_EINVAL || st == BMD_EUNREACH) ? cli_bad("run", "%s", err.msg)
                                                      : cli_fail("run", "%s", err.msg);
        goto done;
    }
    bmd_engage_opts eo;
    bmd_engage_opts_init(&eo);
    eo.noise = !cli_has(&a, "no-noise");
    eo.draw_uncertain = 0; /* the timeline run uses the nominal parameters */
    if ((st = bmd_engage_run(plan, 0, sd, &eo, &res, &err)) != BMD_OK) {
        rc = cli_fail("run", "%s", err.msg);
        goto done;
    }
    if (runs > 1) {
        bmd_engage_opts mo = eo;
        mo.record = 0;
        mo.draw_uncertain = 1;
        struct cli_progress pr; /* progress.h: shown only when the work is long */
        cli_progress_init(&pr, &a, "Monte Carlo", "runs");
        int other;
        st = mc_ranks(plan, &s, runs, sd, (int)threads, &mo, cli_progress_update, &pr, rank, size,
                      &mc, &other, &err);
        cli_progress_end(&pr);
        if (st != BMD_OK) {
            /* one message, from the rank that failed */
            rc = other ? 1 : cli_fail("run", "%s", err.msg);
            goto done;
        }
    }
    if (rank != 0) goto done; /* rank 0 writes the outputs */
    cJSON *js = summary_json(&s, &res, runs > 1 ? &mc : NULL, sd);
    char *txt = cJSON_Print(js);
    cJSON_Delete(js);
    if (txt == NULL) {
        rc = cli_fail("run", "out of memory");
        goto done;
    }
    if (out.given || plot_format >= 0) {
        size_t n = strlen(txt);
        char *with_nl = malloc(n + 2);
        if (with_nl) {
            memcpy(with_nl, txt, n);
            with_nl[n] = '\n';
            with_nl[n + 1] = '\0';
            rc = write_dir(&out, plan, &res, with_nl, plot_format);
            free(with_nl);
        } else {
            rc = cli_fail("run", "out of memory");
        }
    }
    if (rc == 0) {
        if (cli_has(&a, "json")) {
            cJSON *o = cJSON_Parse(txt);
            cli_print_json(o);
        } else if (!cli_has(&a, "quiet")) {
            print_timeline(&s, &res);
            if (runs > 1) print_mc(&s, &mc, sd);
        }
    }
    free(txt);
done:
    bmd_mc_result_free(&mc);
    bmd_engage_result_free(&res);
    bmd_engage_plan_free(plan);
    bmd_scenario_free(&s);
    cli_env_free(&env);
    return cli_out_finish(&out, rc);
}
