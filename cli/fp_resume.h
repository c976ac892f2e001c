/* fp_resume.h: the resumable, interruptible run of `bmdsim footprint`:
 * chunks of cells kept in DIR/footprint-partial (bmd_fp_chunk_encode),
 * the directory's lock against a second run, and the options hash that a
 * resumed run must match. */
#ifndef BMD_CLI_FP_RESUME_H
#define BMD_CLI_FP_RESUME_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "bmd/footprint.h"
#include "opts.h"
#include "progress.h"

/* finished chunks of an unfinished run, inside -o DIR */
#define FP_PARTIAL "footprint-partial"

/* FNV-1a over the options that decide the result (not -o, --resume,
 * --threads, --json, --no-progress) and the SCENARIO file name (not its
 * contents: edit the file and the resumed run mixes old and new chunks). */
uint64_t fp_options_hash(const struct cli_args *a);

/*
 * Make DIR/footprint-partial (when missing: *made = 1) and lock it: an
 * fcntl write lock on DIR/footprint-partial/lock, held until the process
 * ends (also by kill -9). A second footprint into the same directory is
 * refused with a clear message (issue 12). Returns the lock's descriptor,
 * or -1 with the exit code in *rc (the directory made is removed again).
 */
int fp_partial_open(const char *dir, int *made, int *rc);

/* Remove DIR/footprint-partial: the chunks, the temporaries of chunk
 * writes cut short by kill -9 and the lock; anything else keeps it. With
 * only_empty: only when it holds no chunk. */
void fp_partial_remove(const char *dir, int only_empty);

/*
 * Decide the cells [begin, end) of fp into out[end - begin] in chunks of
 * `chunk` cells (chunk k = cells [k chunk, (k + 1) chunk)): with resume a
 * valid chunk file of dir is read instead of computed; with dir each
 * computed chunk is written there. Stops between chunks (and inside
 * bmd_footprint_run) when *stop is set: *stopped = 1. *kept counts the
 * chunks finished. Returns 0, or 1 (reported).
 */
int fp_run_chunks(bmd_footprint *fp, size_t begin, size_t end, size_t chunk, bmd_fp_cell *out,
                  const char *dir, int resume, uint64_t hash, volatile sig_atomic_t *stop,
                  struct cli_progress *pr, size_t *kept, int *stopped);

#endif
