/*
 * pairs.c: the "FROM TO [MISSILE]" trajectory lists of `visibility --pairs`
 * (bmd/input.h). The whole text is parsed in memory, so no line length
 * limit can split a line into two records (issue 12: lines over 511 bytes
 * were read as extra records by a fixed fgets buffer).
 */
#include "bmd/input.h"

#include <stdio.h>
#include <string.h>

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Copy field [b, e) into out[n], or fail with its position. */
static int field(const char *b, const char *e, char *out, size_t n, const char *name, long line,
                 long col, bmd_errbuf *err)
{
    size_t k = (size_t)(e - b);
    if (k >= n)
        return bmd_err_set(err, BMD_EPARSE, "%s:%ld:%ld: field longer than %zu characters", name,
                           line, col, n - 1);
    memcpy(out, b, k);
    out[k] = '\0';
    return BMD_OK;
}

int bmd_pairs_parse(const char *text, size_t len, const char *name, const char *dflt_missile,
                    bmd_pair *out, size_t max, size_t *n, bmd_errbuf *err)
{
    if (text == NULL || out == NULL || n == NULL)
        return bmd_err_set(err, BMD_EINVAL, "pairs: NULL argument");
    if (name == NULL) name = "<pairs>";
    *n = 0;
    int st = bmd_input_check_text(text, len, name, 0, err);
    if (st) return st;
    const char *p = text, *end = text + len;
    for (long line = 1; p < end; line++) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (eol == NULL) eol = end;
        const char *hash = memchr(p, '#', (size_t)(eol - p));
        const char *stop = hash ? hash : eol;
        const char *tb[4], *te[4];
        int nt = 0;
        for (const char *c = p; c < stop;) {
            while (c < stop && is_blank(*c))
                c++;
            if (c >= stop) break;
            if (nt == 4) break;
            tb[nt] = c;
            while (c < stop && !is_blank(*c))
                c++;
            te[nt++] = c;
        }
        if (nt > 0) {
            if (nt < 2 || nt > 3)
                return bmd_err_set(
                    err, BMD_EPARSE, "%s:%ld:1: expected 'FROM TO [MISSILE]', found %s%d field%s",
                    name, line, nt > 3 ? "more than " : "", nt > 3 ? 3 : nt, nt == 1 ? "" : "s");
            if (nt == 2 && dflt_missile == NULL)
                return bmd_err_set(err, BMD_EPARSE,
                                   "%s:%ld:%ld: no missile on this line and no --missile given",
                                   name, line, (long)(te[1] - p) + 1);
            if (*n >= max)
                return bmd_err_set(err, BMD_ELIMIT, "%s:%ld:1: more than %zu trajectories", name,
                                   line, max);
            bmd_pair *q = &out[*n];
            st = field(tb[0], te[0], q->from, sizeof q->from, name, line, (long)(tb[0] - p) + 1,
                       err);
            if (!st)
                st = field(tb[1], te[1], q->to, sizeof q->to, name, line, (long)(tb[1] - p) + 1,
                           err);
            if (!st && nt == 3)
                st = field(tb[2], te[2], q->missile, sizeof q->missile, name, line,
                           (long)(tb[2] - p) + 1, err);
            if (!st && nt == 2) {
                size_t k = strlen(dflt_missile);
                if (k >= sizeof q->missile)
                    return bmd_err_set(err, BMD_EPARSE, "--missile: longer than %zu characters",
                                       sizeof q->missile - 1);
                memcpy(q->missile, dflt_missile, k + 1);
            }
            if (st) return st;
            (*n)++;
        }
        p = eol + 1;
    }
    if (*n == 0) return bmd_err_set(err, BMD_EPARSE, "%s: no trajectories in the file", name);
    return BMD_OK;
}
