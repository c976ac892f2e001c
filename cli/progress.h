/* progress.h: the one progress reporter of bmdsim's long work (Monte Carlo,
 * footprint cells, visibility pairs, the report's analyses), fed by the
 * library's progress callbacks or a command's own loop.
 *
 * On a terminal (stderr a tty) it keeps one updating line, redrawn with
 * '\r' at most 4 times a second from 0.5 s on: what, done/total, percent,
 * elapsed time and the estimated time left (ETA, from the mean rate so
 * far). Off a terminal (a log file, a pipe) it writes one plain line every
 * few seconds (5 s, or $BMD_PROGRESS_SECONDS), never a '\r', starting only
 * once that interval has passed, so short work prints nothing. Either way a
 * final "done" line closes what was shown. --no-progress or -q: nothing.
 * The lines go to stderr, or to the file descriptor $BMD_PROGRESS_FD (> 2)
 * when set: `bmdsim report` runs its sensitivity section as a child
 * process with its stderr in a file and its progress on the report's own. */
#ifndef BMD_CLI_PROGRESS_H
#define BMD_CLI_PROGRESS_H

#include "opts.h"

/* Options of a command with long work (append to its table). */
#define CLI_OPT_NO_PROGRESS                                                                        \
    {                                                                                              \
        "no-progress", 0, NULL, "no progress line on stderr (default: one when the work is long)"  \
    }

struct cli_progress {
    const char *cmd;  /* "run" */
    char what[96];    /* "Monte Carlo" */
    const char *unit; /* "runs" */
    int mode;         /* 0 off, 1 terminal, 2 plain lines */
    double interval;  /* s between plain lines */
    double t0, last;
    int shown; /* something was printed */
    int width; /* of the last terminal line */
    int fd;    /* where the lines go (stderr) */
};

/* cli_progress_init: a reporter for `what` counted in `unit`; off when the
 * command has --no-progress or -q given. */
void cli_progress_init(struct cli_progress *p, const struct cli_args *a, const char *what,
                       const char *unit);

/* cli_progress_update: done of total finished. Signature of the library's
 * progress callbacks (bmd_mc_progress_fn); returns 0 (never stops the work). */
int cli_progress_update(void *ctx, long done, long total);

/* cli_progress_end: close the line (a final "done in T" when anything was
 * shown). */
void cli_progress_end(struct cli_progress *p);

/* cli_progress_stop: close the line without "done" (the work was
 * interrupted or failed; its own message follows). */
void cli_progress_stop(struct cli_progress *p);

/* cli_progress_format: the text of one report into buf (for tests and both
 * modes): "bmdsim CMD: WHAT D/N UNIT (P %), E elapsed, ETA R". */
void cli_progress_format(const struct cli_progress *p, long done, long total, double elapsed_s,
                         char *buf, size_t n);

#endif
