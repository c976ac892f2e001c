/* status.c: messages for status codes, from the one table in bmd/status.h. */
#include "bmd/status.h"

#include <stdarg.h>
#include <stdio.h>

const char *bmd_strerror(int status)
{
    switch (status) {
#define BMD__STATUS_CASE(name, value, msg)                                                         \
    case value:                                                                                    \
        return msg;
        BMD_STATUS_TABLE(BMD__STATUS_CASE)
#undef BMD__STATUS_CASE
    default:
        return "unknown status";
    }
}

int bmd_err_set(bmd_errbuf *err, int status, const char *fmt, ...)
{
    if (err != NULL) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        /* One line always: a newline or other control character quoted
         * from an input becomes a blank. */
        for (char *c = err->msg; *c; c++)
            if ((unsigned char)*c < 0x20 || *c == 0x7f) *c = ' ';
    }
    return status;
}
