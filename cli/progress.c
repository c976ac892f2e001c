/* progress.c: the progress reporter (progress.h). */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, isatty */
#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void cli_progress_init(struct cli_progress *p, const struct cli_args *a, const char *what,
                       const char *unit)
{
    memset(p, 0, sizeof *p);
    p->cmd = a->cmd;
    snprintf(p->what, sizeof p->what, "%s", what);
    p->unit = unit;
    p->interval = 5.0;
    const char *iv = getenv("BMD_PROGRESS_SECONDS");
    if (iv != NULL && atof(iv) > 0.0) p->interval = atof(iv);
    p->fd = 2;
    const char *fd = getenv("BMD_PROGRESS_FD");
    if (fd != NULL && atoi(fd) > 2) p->fd = atoi(fd);
    if (cli_has(a, "no-progress") || cli_has(a, "quiet"))
        p->mode = 0;
    else
        p->mode = isatty(p->fd) ? 1 : 2;
    p->t0 = p->last = now_s();
}

/* "1:05" or "1:02:05" */
static void clock_text(double s, char *buf, size_t n)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

void cli_progress_format(const struct cli_progress *p, long done, long total, double elapsed_s,
                         char *buf, size_t n)
{
    char el[32], eta[48] = "";
    clock_text(elapsed_s, el, sizeof el);
    if (done > 0 && done < total) {
        char r[32];
        clock_text(elapsed_s * (double)(total - done) / (double)done, r, sizeof r);
        snprintf(eta, sizeof eta, ", ETA %s", r);
    }
    snprintf(buf, n, "bmdsim %s: %s %ld/%ld %s (%.0f %%), %s elapsed%s", p->cmd, p->what, done,
             total, p->unit, total > 0 ? 100.0 * (double)done / (double)total : 100.0, el, eta);
}

int cli_progress_update(void *ctx, long done, long total)
{
    struct cli_progress *p = ctx;
    if (p == NULL || p->mode == 0 || done >= total) return 0; /* the end: cli_progress_end */
    double t = now_s(), el = t - p->t0;
    char line[256];
    if (p->mode == 1) {
        if (el < 0.5 || t - p->last < 0.25) return 0;
        cli_progress_format(p, done, total, el, line, sizeof line);
        int w = (int)strlen(line);
        dprintf(p->fd, "\r%s%*s", line, p->width > w ? p->width - w : 0, "");
        p->width = w;
    } else {
        if (t - p->last < p->interval) return 0;
        cli_progress_format(p, done, total, el, line, sizeof line);
        dprintf(p->fd, "%s\n", line);
    }
    p->last = t;
    p->shown = 1;
    return 0;
}

void cli_progress_end(struct cli_progress *p)
{
    if (p == NULL || p->mode == 0 || !p->shown) return;
    char el[32];
    clock_text(now_s() - p->t0, el, sizeof el);
    if (p->mode == 1) {
        char line[256];
        int w = snprintf(line, sizeof line, "bmdsim %s: %s done in %s", p->cmd, p->what, el);
        dprintf(p->fd, "\r%s%*s\n", line, p->width > w ? p->width - w : 0, "");
    } else {
        dprintf(p->fd, "bmdsim %s: %s done in %s\n", p->cmd, p->what, el);
    }
    p->shown = 0;
}

void cli_progress_stop(struct cli_progress *p)
{
    if (p == NULL || p->mode != 1 || !p->shown) return;
    dprintf(p->fd, "\n"); /* plain lines need no closing */
    p->shown = 0;
}
