/*
 * bmd/core.h: angle helpers, 1-D interpolation, the explicit random number
 * generator and output sinks.
 */
#ifndef BMD_CORE_H
#define BMD_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "bmd/status.h"

/* ---- angles ---------------------------------------------------------- */

/* bmd_wrap_pi: angle (rad) wrapped into [-pi, pi). */
double bmd_wrap_pi(double a_rad);
/* bmd_wrap_2pi: angle (rad) wrapped into [0, 2 pi). */
double bmd_wrap_2pi(double a_rad);

/* ---- interpolation --------------------------------------------------- */

/*
 * bmd_interp1: piecewise-linear interpolation in a table.
 * Given:    x[n]  strictly increasing abscissae; y[n] ordinates; n >= 1;
 *           xq    query point
 * Returned: *yq   interpolated value; outside [x[0], x[n-1]] the end value
 *                 (clamped)
 * Returned (function value): BMD_OK; BMD_WRANGE when xq was outside the
 *           table and clamped; BMD_EINVAL for n == 0 or NULL arrays.
 */
int bmd_interp1(const double *x, const double *y, size_t n, double xq, double *yq);

/* ---- random numbers -------------------------------------------------- */

/*
 * bmd_rng: caller-owned generator state (xoshiro256** by Blackman & Vigna,
 * 2018, seeded through splitmix64). Written here rather than taken from GSL
 * because each Monte Carlo run needs its own stream derived from (seed, run
 * index) in a fixed-size struct on the stack, without allocation, so results
 * do not depend on how runs are split across threads or ranks.
 */
typedef struct bmd_rng {
    uint64_t s[4];
    int have_spare; /* a second normal deviate is cached */
    double spare;
} bmd_rng;

/*
 * bmd_rng_init: state for stream `stream` of seed `seed`. Distinct
 * (seed, stream) pairs give statistically independent sequences.
 */
void bmd_rng_init(bmd_rng *rng, uint64_t seed, uint64_t stream);
/* bmd_rng_u64: next 64 random bits. */
uint64_t bmd_rng_u64(bmd_rng *rng);
/* bmd_rng_uniform: uniform deviate in [0, 1) with 53 random bits. */
double bmd_rng_uniform(bmd_rng *rng);
/* bmd_rng_normal: standard normal deviate (Marsaglia polar method). */
double bmd_rng_normal(bmd_rng *rng);

/* ---- sinks ----------------------------------------------------------- */

/*
 * bmd_sink: where writers send their bytes (a file, a memory buffer, a test).
 * write returns BMD_OK or a negative status; writers stop at the first error.
 */
typedef struct bmd_sink {
    int (*write)(void *ctx, const char *data, size_t len);
    void *ctx;
} bmd_sink;

/* bmd_sink_printf: formatted write to a sink (output truncated at 4 KiB). */
int bmd_sink_printf(const bmd_sink *sink, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/*
 * bmd_membuf: a growable memory buffer usable as a sink. The caller
 * initialises it with {0}, and frees it with bmd_membuf_free.
 */
typedef struct bmd_membuf {
    char *data; /* NUL-terminated contents */
    size_t len, cap;
} bmd_membuf;
int bmd_membuf_write(void *membuf, const char *data, size_t len);
void bmd_membuf_free(bmd_membuf *buf);

/* bmd_sink_file: a sink over a FILE * (passed as void * to keep stdio out). */
int bmd_file_write(void *fp, const char *data, size_t len);

/*
 * bmd_atomic_file: write a file atomically: bytes go to "PATH.XXXXXX" (mode
 * 0644) and are renamed onto PATH on commit; abort removes the temporary.
 * Notes:    Only a regular file at PATH is ever replaced: bmd_atomic_open
 *           and the rename refuse a symlink, directory, device, pipe or
 *           socket there (BMD_EINVAL, "PATH: is a character device; outputs
 *           replace only regular files (refused)"), see
 *           bmd_output_path_check. The data are fsync'ed before the rename
 *           and the directory after it. For several files that must appear
 *           together, call bmd_atomic_finish on each (write errors such as a
 *           full disk show here), then bmd_atomic_rename on each.
 */
typedef struct bmd_atomic_file {
    void *fp;
    char tmp_path[4096];
    char path[4096];
} bmd_atomic_file;
int bmd_atomic_open(bmd_atomic_file *f, const char *path, bmd_errbuf *err);
/* A sink writing to an open atomic file. */
bmd_sink bmd_atomic_sink(bmd_atomic_file *f);
/* bmd_atomic_commit: bmd_atomic_finish then bmd_atomic_rename. On failure
 * the temporary is removed and PATH untouched (BMD_EIO, BMD_EINVAL). */
int bmd_atomic_commit(bmd_atomic_file *f, bmd_errbuf *err);
/* bmd_atomic_finish: flush, fsync and close the temporary; BMD_EIO "PATH:
 * write failed: No space left on device" (temporary removed). */
int bmd_atomic_finish(bmd_atomic_file *f, bmd_errbuf *err);
/* bmd_atomic_rename: move a finished temporary onto PATH (checked again
 * with bmd_output_path_check) and fsync the directory. */
int bmd_atomic_rename(bmd_atomic_file *f, bmd_errbuf *err);
/*
 * bmd_output_path_check: may an output be written at path?
 * Returned (function value): BMD_OK when nothing is there or a regular
 *           file (not a symbolic link); BMD_EINVAL "PATH: is a symbolic
 *           link; outputs replace only regular files (refused)" (also a
 *           directory, device, pipe or socket); BMD_EIO when path cannot be
 *           examined (e.g. permission denied on its directory).
 */
int bmd_output_path_check(const char *path, bmd_errbuf *err);
void bmd_atomic_abort(bmd_atomic_file *f);

#endif /* BMD_CORE_H */
