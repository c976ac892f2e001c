/*
 * bmd/status.h: status codes and error detail buffers.
 *
 * Every library function returns an int status: BMD_OK (0) on success, a
 * negative code on error (outputs then hold no meaningful value unless the
 * function says otherwise), a positive code for a warning (the result was
 * computed but is dubious, e.g. an altitude above a model's validity range).
 * The codes and their messages come from the one table BMD_STATUS_TABLE.
 */
#ifndef BMD_STATUS_H
#define BMD_STATUS_H

#include <stddef.h>

/* X(name, value, message) */
#define BMD_STATUS_TABLE(X)                                                                        \
    X(BMD_OK, 0, "success")                                                                        \
    X(BMD_EINVAL, -1, "invalid argument")                                                          \
    X(BMD_EDOM, -2, "argument outside the model's domain")                                         \
    X(BMD_ENOMEM, -3, "out of memory")                                                             \
    X(BMD_EIO, -4, "input/output error")                                                           \
    X(BMD_EPARSE, -5, "malformed input")                                                           \
    X(BMD_ENOTFOUND, -6, "name not found")                                                         \
    X(BMD_EUNREACH, -7, "target out of reach")                                                     \
    X(BMD_ENOCONV, -8, "iteration did not converge")                                               \
    X(BMD_ELIMIT, -9, "size or step limit exceeded")                                               \
    X(BMD_EUNIT, -10, "wrong or unknown unit")                                                     \
    X(BMD_ESTATE, -11, "object in the wrong state for this call")                                  \
    X(BMD_EINTR, -12, "interrupted")                                                               \
    X(BMD_WRANGE, 1, "result outside the model's validity range")                                  \
    X(BMD_WACCURACY, 2, "result less accurate than requested")

enum bmd_status {
#define BMD__STATUS_ENUM(name, value, msg) name = value,
    BMD_STATUS_TABLE(BMD__STATUS_ENUM)
#undef BMD__STATUS_ENUM
};

/*
 * bmd_strerror: the message for a status code.
 * Given:    status  a status code (any int)
 * Returned (function value): a static string; "unknown status" for codes not
 *           in the table. Never NULL.
 */
const char *bmd_strerror(int status);

/*
 * bmd_errbuf: caller-provided room for a detail message (what, where, why).
 * Functions that take a bmd_errbuf * accept NULL (no detail wanted).
 */
typedef struct bmd_errbuf {
    char msg[512];
} bmd_errbuf;

/*
 * bmd_err_set: write a printf-style detail message into err (if not NULL),
 * truncated to fit; control characters (a newline quoted from an input)
 * become blanks, so the message is always one line.
 * Returned (function value): status, unchanged, so that callers may write
 * `return bmd_err_set(err, BMD_EINVAL, "...");`.
 */
int bmd_err_set(bmd_errbuf *err, int status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif /* BMD_STATUS_H */
