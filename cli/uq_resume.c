/* uq_resume.c: the model evaluations of `bmdsim sweep` and `bmdsim
 * sensitivity` in chunks of rows kept in DIR/partial, so that SIGINT or
 * SIGTERM stops a run cleanly and --resume DIR completes it; the result is
 * the same bytes as an uninterrupted run (each row's outputs depend only on
 * its own inputs, bmd/sensitivity.h). */
#define _POSIX_C_SOURCE 200809L
#include "uq_resume.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bmd/input.h"
#include "common.h"
#include "mpi_driver.h"
#include "output.h"
#include "sens_common.h"

#define MAGIC "BMDUQCK1"

/* Set by the signal handler; polled from the progress callback. */
static volatile sig_atomic_t uq_stop;

static void on_signal(int sig)
{
    (void)sig;
    uq_stop = 1;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++) {
        h ^= c[i];
        h *= 1099511628211ull;
    }
    return h;
}

uint64_t uq_options_hash(const struct cli_args *a, const char *const *extra, size_t n_extra)
{
    static const char *const skip[] = {"output", "resume",      "threads",
                                       "json",   "no-progress", "plot-format"};
    uint64_t h = 1469598103934665603ull;
    h = fnv(h, a->cmd, strlen(a->cmd));
    for (size_t i = 0; i < a->n_opts; i++) {
        if (!a->given[i]) continue;
        int sk = 0;
        for (size_t k = 0; k < sizeof skip / sizeof skip[0]; k++)
            sk |= strcmp(a->opts[i].name, skip[k]) == 0;
        if (sk) continue;
        h = fnv(h, a->opts[i].name, strlen(a->opts[i].name) + 1);
        if (a->value[i]) h = fnv(h, a->value[i], strlen(a->value[i]) + 1);
    }
    for (size_t i = 0; i < a->n_positional; i++)
        h = fnv(h, a->positional[i], strlen(a->positional[i]) + 1);
    for (size_t i = 0; i < n_extra; i++)
        h = fnv(h, extra[i], strlen(extra[i]) + 1);
    return h;
}

/* DIR/partial/CMD-rows-FIRST.bin, FIRST the chunk's first row: named after
 * the command (the output rule). */
static void chunk_path(char *p, size_t n, const char *cmd, const char *dir, size_t first)
{
    snprintf(p, n, "%s/partial/%s-rows-%06zu.bin", dir, cmd, first);
}

/* Chunk file: MAGIC, hash, first row, count (uint64 as stored), count
 * doubles, and an FNV-1a checksum of everything before it. A chunk is used
 * only when its first row and count are the ones wanted, so chunks kept by
 * a run split differently (another number of MPI ranks, another --chunk)
 * are computed again, never misread. */
static int chunk_write(const char *cmd, const char *dir, uint64_t hash, size_t first,
                       const double *y, size_t count)
{
    size_t len = 8 + 3 * 8 + count * sizeof(double) + 8;
    unsigned char *b = malloc(len);
    if (b == NULL) return cli_fail(cmd, "out of memory");
    uint64_t hdr[3] = {hash, (uint64_t)first, (uint64_t)count};
    memcpy(b, MAGIC, 8);
    memcpy(b + 8, hdr, sizeof hdr);
    memcpy(b + 32, y, count * sizeof(double));
    uint64_t sum = fnv(1469598103934665603ull, b, len - 8);
    memcpy(b + len - 8, &sum, 8);
    char path[4200];
    chunk_path(path, sizeof path, cmd, dir, first);
    int rc = cli_write_file(cmd, path, (const char *)b, len);
    free(b);
    return rc;
}

/* 1 when a valid chunk of count values starting at row first was read into
 * y. */
static int chunk_read(const char *cmd, const char *dir, uint64_t hash, size_t first, double *y,
                      size_t count)
{
    char path[4200];
    chunk_path(path, sizeof path, cmd, dir, first);
    size_t want = 8 + 3 * 8 + count * sizeof(double) + 8, len = 0;
    char *data = NULL;
    if (bmd_input_read(path, want, &data, &len, NULL) != BMD_OK) return 0;
    const unsigned char *b = (const unsigned char *)data;
    uint64_t hdr[3], sum;
    int ok = len == want && memcmp(b, MAGIC, 8) == 0;
    if (ok) {
        memcpy(hdr, b + 8, sizeof hdr);
        memcpy(&sum, b + len - 8, 8);
        ok = hdr[0] == hash && hdr[1] == (uint64_t)first && hdr[2] == (uint64_t)count &&
             sum == fnv(1469598103934665603ull, b, len - 8);
    }
    if (ok) memcpy(y, b + 32, count * sizeof(double));
    free(data);
    return ok;
}

static void partial_remove(const char *cmd, const char *dir)
{
    char p[4096], f[4400], pre[64];
    snprintf(pre, sizeof pre, "%s-rows-", cmd);
    snprintf(p, sizeof p, "%s/partial", dir);
    DIR *d = opendir(p);
    if (d != NULL) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (strncmp(de->d_name, pre, strlen(pre)) != 0) continue;
            snprintf(f, sizeof f, "%s/%s", p, de->d_name);
            (void)unlink(f);
        }
        closedir(d);
    }
    (void)rmdir(p);
}

int uq_resume_out(const struct cli_args *a, struct cli_out *out)
{
    const char *o = cli_get(a, "output"), *r = cli_get(a, "resume");
    if (o && r && strcmp(o, r) != 0)
        return cli_bad(a->cmd, "--resume %s and -o %s: give one directory", r, o);
    struct stat sb;
    if (r) {
        char p[4096];
        snprintf(p, sizeof p, "%s/partial", r);
        if (stat(r, &sb) != 0 || !S_ISDIR(sb.st_mode))
            return cli_bad(a->cmd, "--resume %s: not an existing directory", r);
        if (stat(p, &sb) != 0 || !S_ISDIR(sb.st_mode))
            return cli_bad(a->cmd, "--resume %s: no interrupted run there (no %s)", r, p);
    }
    return cli_out_init(out, a, r ? "resume" : "output");
}

struct poll_ctx {
    struct cli_progress *progress; /* NULL: none */
    size_t offset, total;
};

/* Progress (when asked) over this rank's rows, and the stop flag. */
static int poll_fn(void *ctx, size_t done, size_t total)
{
    struct poll_ctx *c = ctx;
    (void)total;
    if (c->progress) cli_progress_update(c->progress, (long)(c->offset + done), (long)c->total);
    return uq_stop != 0;
}

int uq_evaluate_resumable(const struct cli_args *a, const char *dir, uint64_t hash,
                          bmd_uq_model_fn fn, void *ctx, const double *u, size_t rows, size_t k,
                          size_t n_out, int threads, struct cli_progress *progress, double *y)
{
    const char *cmd = a->cmd;
    int resume = cli_has(a, "resume");
    long c = 64;
    if (cli_count(a, "chunk", 1, 1000000, &c)) return 2;
    size_t chunk = (size_t)c;
    int rank = 0, size = 1;
    cli_mpi_world(&rank, &size);
    /* this rank's block of rows (mpi_driver.h: every rank computes the same
     * split), kept in chunks of --chunk rows from its first row */
    size_t rb = (size_t)((unsigned long long)rows * (unsigned)rank / (unsigned)size),
           re = (size_t)((unsigned long long)rows * (unsigned)(rank + 1) / (unsigned)size);
    int made = 0, rc = 0;
    if (dir && rank == 0) { /* rank 0 makes DIR/partial; the ranks share DIR */
        char p[4096];
        snprintf(p, sizeof p, "%s/partial", dir);
        if (mkdir(p, 0777) == 0)
            made = 1;
        else if (errno != EEXIST)
            rc = cli_fail(cmd, "%s: %s", p, strerror(errno));
    }
    if (cli_mpi_max_int(rc)) return rc ? rc : 1;
    /* installed until the process ends, as `bmdsim footprint` does: a signal
     * that comes after the last row lets the command finish writing its
     * outputs, and DIR/partial goes only once they are written
     * (uq_resume_end), so an interrupted run always leaves either its chunks
     * or its complete outputs */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    uq_stop = 0;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    struct poll_ctx pc = {rank == 0 ? progress : NULL, 0, re - rb};
    bmd_errbuf e = {{0}};
    int stopped = 0;
    size_t kept = 0;
    for (size_t b = rb; rc == 0 && b < re; b += chunk) {
        size_t n = re - b < chunk ? re - b : chunk;
        if (uq_stop) {
            stopped = 1;
            break;
        }
        if (dir && resume && chunk_read(cmd, dir, hash, b, y + b * n_out, n * n_out)) {
            kept++;
            continue;
        }
        pc.offset = b - rb;
        int st = bmd_uq_evaluate(fn, ctx, u + b * k, n, k, n_out, threads, poll_fn, &pc,
                                 y + b * n_out, &e);
        if (st == BMD_EINTR) {
            stopped = 1;
            break;
        }
        if (st) {
            rc = cli_fail(cmd, "%s", e.msg);
            break;
        }
        if (dir && (rc = chunk_write(cmd, dir, hash, b, y + b * n_out, n * n_out)) != 0) break;
        kept++;
    }
    if (rc == 0 && !stopped)
        cli_progress_end(pc.progress);
    else
        cli_progress_stop(pc.progress);
    /* every rank learns whether any failed or stopped before the gather */
    int failed = cli_mpi_max_int(rc != 0);
    stopped = cli_mpi_max_int(stopped);
    long kept_all = cli_mpi_sum_long((long)kept);
    size_t n_chunks = 0;
    for (int r = 0; r < size; r++) {
        size_t qb = (size_t)((unsigned long long)rows * (unsigned)r / (unsigned)size),
               qe = (size_t)((unsigned long long)rows * (unsigned)(r + 1) / (unsigned)size);
        n_chunks += (qe - qb + chunk - 1) / chunk;
    }
    if (failed) {
        if (rc == 0) rc = 1; /* another rank failed and said why */
    } else if (stopped) {
        if (rank == 0) {
            if (dir)
                fprintf(stderr,
                        "bmdsim: %s: interrupted: %ld of %zu chunks of model runs kept in "
                        "%s/partial; continue with --resume %s and the same options\n",
                        cmd, kept_all, n_chunks, dir, dir);
            else
                fprintf(stderr, "bmdsim: %s: interrupted (nothing kept: no -o DIR)\n", cmd);
        }
        rc = 1;
    } else if (size > 1) { /* rank 0 gathers every rank's rows in row order */
        size_t *counts = malloc((size_t)size * sizeof *counts);
        double *mine = malloc((re - rb + 1) * n_out * sizeof *mine);
        int bad = counts == NULL || mine == NULL;
        if (!bad) {
            for (int r = 0; r < size; r++)
                counts[r] =
                    ((size_t)((unsigned long long)rows * (unsigned)(r + 1) / (unsigned)size) -
                     (size_t)((unsigned long long)rows * (unsigned)r / (unsigned)size)) *
                    n_out * sizeof(double);
            memcpy(mine, y + rb * n_out, (re - rb) * n_out * sizeof *mine);
        }
        if (cli_mpi_max_int(bad))
            rc = bad ? cli_fail(cmd, "out of memory") : 1;
        else if (cli_mpi_gather(mine, (re - rb) * n_out * sizeof *mine, y, counts))
            rc = cli_fail(cmd, "MPI gather of the model runs failed");
        free(counts);
        free(mine);
        if (cli_mpi_max_int(rc) && rc == 0) rc = 1;
    }
    if (dir && rank == 0 && rc != 0 && made && kept_all == 0) partial_remove(cmd, dir);
    return rc;
}

void uq_resume_end(const struct cli_args *a, const struct cli_out *out, int rc)
{
    int rank = 0, size = 1;
    cli_mpi_world(&rank, &size);
    if (rc == 0 && rank == 0 && out->given) partial_remove(a->cmd, out->dir);
}
