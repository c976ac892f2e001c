/* uq_resume.h: interruptible, resumable model evaluations for `bmdsim
 * sweep` and `bmdsim sensitivity` (chunks of rows in DIR/partial). */
#ifndef BMD_CLI_UQ_RESUME_H
#define BMD_CLI_UQ_RESUME_H

#include <stddef.h>
#include <stdint.h>

#include "bmd/sensitivity.h"
#include "opts.h"

struct cli_out;

/* The run's directory by the output rule (output.h): -o DIR (created when
 * missing) or --resume DIR (existing, with DIR/partial); not both unless
 * equal. Returns 0 or 2 (reported). */
int uq_resume_out(const struct cli_args *a, struct cli_out *out);

/* FNV-1a over the command, the options that decide the result (not -o,
 * --resume, --threads, --json, --no-progress, --plot-format), SCENARIO's name
 * and extra strings (e.g. the --vary texts taken out of argv). */
uint64_t uq_options_hash(const struct cli_args *a, const char *const *extra, size_t n_extra);

/*
 * As bmd_uq_evaluate, over chunks of --chunk rows (default 64): with dir, a
 * finished chunk is kept in dir/partial/CMD-rows-K.bin (hash, index, count and
 * an FNV-1a checksum; a chunk that fails a check is computed again), and
 * --resume reads the chunks kept. SIGINT/SIGTERM stop between rows of
 * thread 0: the message says how to resume and 1 is returned. The handlers
 * stay installed until the process ends: a signal after the last row is
 * computed lets the command write its outputs. On success dir/partial stays
 * until uq_resume_end, after the outputs are written. Progress over all rows goes to the reporter
 * progress (progress.h; NULL: none), closed at the end. Returns 0, 1 or 2
 * (reported).
 */
struct cli_progress;
int uq_evaluate_resumable(const struct cli_args *a, const char *dir, uint64_t hash,
                          bmd_uq_model_fn fn, void *ctx, const double *u, size_t rows, size_t k,
                          size_t n_out, int threads, struct cli_progress *progress, double *y);

/* After the command wrote its outputs: with rc 0, rank 0 removes DIR/partial
 * (out from uq_resume_out), so an interruption at any moment leaves either
 * the chunks or the complete outputs. */
void uq_resume_end(const struct cli_args *a, const struct cli_out *out, int rc);

#endif
