/* html.c: HTML text into a bmd_membuf: formatted markup, escaped text,
 * table cells and figures with embedded PNG images (bmd/report.h). */
#include "bmd/report.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bmd_html_put(bmd_membuf *b, int *bad, const char *fmt, ...)
{
    if (*bad) return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0) {
        *bad = 1;
        return;
    }
    if ((size_t)n < sizeof line) {
        if (bmd_membuf_write(b, line, (size_t)n) != BMD_OK) *bad = 1;
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (big == NULL) {
        *bad = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    if (bmd_membuf_write(b, big, (size_t)n) != BMD_OK) *bad = 1;
    free(big);
}

void bmd_html_esc(bmd_membuf *b, int *bad, const char *s)
{
    if (*bad || s == NULL) return;
    const char *run = s;
    for (const char *p = s;; p++) {
        const char *rep = NULL;
        switch (*p) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            break;
        }
        if (rep != NULL || *p == '\0') {
            if (p > run && bmd_membuf_write(b, run, (size_t)(p - run)) != BMD_OK) *bad = 1;
            if (*p == '\0') break;
            if (bmd_membuf_write(b, rep, strlen(rep)) != BMD_OK) *bad = 1;
            run = p + 1;
        }
    }
}

void bmd_html_td(bmd_membuf *b, int *bad, const char *s)
{
    bmd_html_put(b, bad, "<td>");
    bmd_html_esc(b, bad, s);
    bmd_html_put(b, bad, "</td>");
}

void bmd_html_tdf(bmd_membuf *b, int *bad, const char *fmt, double v)
{
    char t[64];
    if (!isfinite(v)) {
        bmd_html_put(b, bad, "<td>-</td>");
        return;
    }
    snprintf(t, sizeof t, fmt, v);
    bmd_html_put(b, bad, "<td class=\"n\">%s</td>", t);
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Append the base64 form (RFC 4648 section 4) of d[n]. */
static void base64(bmd_membuf *b, int *bad, const unsigned char *d, size_t n)
{
    char out[4 * 256];
    size_t k = 0;
    for (size_t i = 0; i < n && !*bad; i += 3) {
        unsigned v = (unsigned)d[i] << 16;
        if (i + 1 < n) v |= (unsigned)d[i + 1] << 8;
        if (i + 2 < n) v |= d[i + 2];
        out[k++] = b64[(v >> 18) & 63];
        out[k++] = b64[(v >> 12) & 63];
        out[k++] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
        out[k++] = i + 2 < n ? b64[v & 63] : '=';
        if (k == sizeof out) {
            if (bmd_membuf_write(b, out, k) != BMD_OK) *bad = 1;
            k = 0;
        }
    }
    if (k > 0 && !*bad && bmd_membuf_write(b, out, k) != BMD_OK) *bad = 1;
}

void bmd_html_figure_png(bmd_membuf *b, int *bad, const unsigned char *png, size_t n,
                         const char *alt, const char *caption)
{
    bmd_html_put(b, bad, "<figure><img alt=\"");
    bmd_html_esc(b, bad, alt);
    bmd_html_put(b, bad, "\" src=\"data:image/png;base64,");
    base64(b, bad, png, n);
    bmd_html_put(b, bad, "\"><figcaption>");
    bmd_html_esc(b, bad, caption);
    bmd_html_put(b, bad, "</figcaption></figure>\n");
}
