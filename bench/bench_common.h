/*
 * bench_common.h: what every bench program shares (header only; the bench
 * programs are single files, see CMakeLists.txt).
 *
 *   - clocks: CPU time of the calling thread (the figure to compare on the
 *     shared machine, where wall time depends on the other jobs), CPU time
 *     of the whole process (all threads, for the multi-threaded cases) and
 *     wall time;
 *   - `--json`: bench_out_init removes the flag from argv; the program then
 *     prints its human-readable text on stderr and exactly one JSON object
 *     on stdout: {"bench": NAME, "figures": {...named numbers...},
 *     "load_avg_1m": ..., "nproc": ..., "cpu": ...}, which
 *     scripts/bench-record appends to bench/history.jsonl and to the history
 *     table of bench/RESULTS.md with the commit id and the machine.
 *
 * Rates named *_per_s are per CPU-second of the thread doing the work unless
 * the figure's name says wall (e.g. cells_per_s_wall_2t).
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#define _POSIX_C_SOURCE 200809L /* clock_gettime, getloadavg-free /proc read */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* CPU time of the calling thread, s. */
static inline double bench_thread_cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU time of the process (all threads), s. */
static inline double bench_process_cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Monotonic wall time, s. */
static inline double bench_wall_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct bench_out {
    int json;      /* 1: --json given */
    FILE *txt;     /* where the human-readable text goes (stdout, or stderr with --json) */
    int n_figures; /* figures printed so far */
} bench_out;

/* One-minute load average from /proc/loadavg (-1 if unreadable). */
static inline double bench_load_avg(void)
{
    double l = -1.0;
    FILE *f = fopen("/proc/loadavg", "r");
    if (f) {
        if (fscanf(f, "%lf", &l) != 1) l = -1.0;
        fclose(f);
    }
    return l;
}

/* Set up: strip "--json" from argv (so positional arguments keep their
 * places) and open the JSON object. */
static inline void bench_out_init(bench_out *o, const char *name, int *argc, char **argv)
{
    o->json = 0;
    o->n_figures = 0;
    int k = 1;
    for (int i = 1; i < *argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            o->json = 1;
        else
            argv[k++] = argv[i];
    }
    *argc = k;
    argv[k] = NULL;
    o->txt = o->json ? stderr : stdout;
    if (o->json)
        printf("{\"bench\": \"%s\", \"load_avg_1m_start\": %.2f, \"figures\": {", name,
               bench_load_avg());
}

/* A named figure (printed only with --json; non-finite values as null). */
static inline void bench_fig(bench_out *o, const char *key, double v)
{
    if (!o->json) return;
    if (isfinite(v))
        printf("%s\n  \"%s\": %.6g", o->n_figures ? "," : "", key, v);
    else
        printf("%s\n  \"%s\": null", o->n_figures ? "," : "", key);
    o->n_figures++;
}

/* Close the object: the machine's core count, CPU model and load. */
static inline void bench_out_end(bench_out *o)
{
    if (!o->json) return;
    char model[256] = "?";
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (f) {
        char line[512];
        while (fgets(line, sizeof line, f)) {
            if (strncmp(line, "model name", 10) == 0) {
                const char *c = strchr(line, ':');
                if (c) {
                    c++;
                    while (*c == ' ')
                        c++;
                    size_t i = 0;
                    for (; c[i] && c[i] != '\n' && i + 1 < sizeof model; i++)
                        model[i] = (c[i] == '"' || c[i] == '\\') ? '\'' : c[i];
                    model[i] = '\0';
                }
                break;
            }
        }
        fclose(f);
    }
    printf("\n}, \"load_avg_1m_end\": %.2f, \"nproc\": %ld, \"cpu\": \"%s\"}\n", bench_load_avg(),
           sysconf(_SC_NPROCESSORS_ONLN), model);
    fflush(stdout);
}

#endif
