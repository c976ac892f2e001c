/*
 * read.c: bounded reading of input files and the UTF-8 text check that
 * every parser's input passes first (see bmd/input.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "bmd/input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

size_t bmd_input_max_bytes(void)
{
    const char *s = getenv("BMD_MAX_INPUT_BYTES");
    if (s == NULL || s[0] < '0' || s[0] > '9') return BMD_INPUT_MAX_BYTES_DEFAULT;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < 1 || v > (1ull << 40) || v >= SIZE_MAX)
        return BMD_INPUT_MAX_BYTES_DEFAULT;
    return (size_t)v;
}

static int too_large(const char *path, size_t max, char **text, bmd_errbuf *err)
{
    free(*text);
    *text = NULL;
    return bmd_err_set(err, BMD_ELIMIT,
                       "'%s': larger than %zu bytes (the limit is set by BMD_MAX_INPUT_BYTES)",
                       path, max);
}

/* Read fd to its end, at most max + 1 bytes (one more tells "too large"). */
static int read_bounded(int fd, const char *path, size_t max, char **text, size_t *len,
                        bmd_errbuf *err)
{
    size_t cap = 4096, n = 0;
    *text = malloc(cap);
    while (*text != NULL) {
        if (n + 1 >= cap) {
            if (n > max) return too_large(path, max, text, err);
            size_t want = cap * 2 > max + 2 ? max + 2 : cap * 2;
            char *bigger = realloc(*text, want);
            if (bigger == NULL) break;
            *text = bigger;
            cap = want;
        }
        ssize_t got = read(fd, *text + n, cap - n - 1);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            int e = errno;
            free(*text);
            *text = NULL;
            return bmd_err_set(err, BMD_EIO, "cannot read '%s': %s", path, strerror(e));
        }
        if (got == 0) break;
        n += (size_t)got;
    }
    if (*text == NULL) return bmd_err_set(err, BMD_ENOMEM, "'%s': out of memory", path);
    if (n > max) return too_large(path, max, text, err);
    (*text)[n] = '\0';
    *len = n;
    return BMD_OK;
}

int bmd_input_read(const char *path, size_t max_bytes, char **text, size_t *len, bmd_errbuf *err)
{
    if (path == NULL || text == NULL || len == NULL)
        return bmd_err_set(err, BMD_EINVAL, "input: NULL argument");
    *text = NULL;
    size_t max = max_bytes ? max_bytes : bmd_input_max_bytes();
    /* O_NONBLOCK: opening a device or a FIFO without a writer never
     * blocks; a FIFO is switched back to blocking reads below. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return bmd_err_set(err, BMD_EIO, "cannot read '%s': %s", path, strerror(errno));
    struct stat sb;
    const char *why = NULL;
    if (fstat(fd, &sb) != 0)
        why = strerror(errno);
    else if (S_ISDIR(sb.st_mode))
        why = "is a directory";
    else if (!S_ISREG(sb.st_mode) && !S_ISFIFO(sb.st_mode))
        why = "not a regular file or a pipe";
    if (why != NULL) {
        close(fd);
        return bmd_err_set(err, BMD_EIO, "cannot read '%s': %s", path, why);
    }
    if (S_ISREG(sb.st_mode) && (uintmax_t)sb.st_size > (uintmax_t)max) {
        close(fd);
        return too_large(path, max, text, err);
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0) (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    int st = read_bounded(fd, path, max, text, len, err);
    close(fd);
    return st;
}

/* ---- the text check ------------------------------------------------------- */

/* Decode one UTF-8 sequence at s[0..n-1] (RFC 3629): its length, or 0 when
 * invalid; *cp gets the code point. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char c = s[0];
    size_t k;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        k = 2, v = c & 0x1Fu, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        k = 3, v = c & 0x0Fu, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 4, v = c & 0x07u, min = 0x10000;
    } else {
        return 0;
    }
    if (k > n) return 0;
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0u) != 0x80u) return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return k;
}

/* YAML 1.2 section 5.1 c-printable, less what is checked elsewhere. */
static int yaml_printable(uint32_t cp)
{
    if (cp == 0x09 || cp == 0x0A || cp == 0x0D) return 1;
    if (cp < 0x20 || cp == 0x7F) return 0;
    if (cp >= 0x80 && cp <= 0x9F && cp != 0x85) return 0;
    return cp != 0xFFFE && cp != 0xFFFF;
}

static int utf16_or_32(const unsigned char *s, size_t len)
{
    if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) return 1;
    /* No byte order mark: ASCII text in UTF-16 has a NUL in every pair. */
    return len >= 4 && ((s[0] == 0 && s[1] != 0) || (s[0] != 0 && s[1] == 0)) &&
           ((s[2] == 0) != (s[3] == 0));
}

int bmd_input_check_text(const char *text, size_t len, const char *name, int yaml, bmd_errbuf *err)
{
    const unsigned char *s = (const unsigned char *)text;
    if (name == NULL) name = "<input>";
    if (text == NULL && len > 0) return bmd_err_set(err, BMD_EINVAL, "input: NULL argument");
    if (utf16_or_32(s, len))
        return bmd_err_set(err, BMD_EPARSE,
                           "%s:1:1: file is UTF-16 or UTF-32 text; save it as UTF-8", name);
    size_t i = (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) ? 3 : 0;
    long line = 1, col = 1;
    int comment_line = 0, line_start = 1;
    while (i < len) {
        uint32_t cp = 0;
        size_t k = utf8_decode(s + i, len - i, &cp);
        if (k == 0)
            return bmd_err_set(err, BMD_EPARSE, "%s:%ld:%ld: invalid UTF-8 byte 0x%02X", name, line,
                               col, (unsigned)s[i]);
        if (cp == 0)
            return bmd_err_set(err, BMD_EPARSE, "%s:%ld:%ld: NUL byte (is this a text file?)", name,
                               line, col);
        if (yaml && !yaml_printable(cp))
            return bmd_err_set(err, BMD_EPARSE, "%s:%ld:%ld: control character U+%04X", name, line,
                               col, (unsigned)cp);
        if (yaml && cp == '\t' && !comment_line)
            return bmd_err_set(err, BMD_EPARSE,
                               "%s:%ld:%ld: tab character: YAML files indent and separate with "
                               "spaces (tabs are refused outside comment lines)",
                               name, line, col);
        int cr_alone = cp == '\r' && !(i + 1 < len && s[i + 1] == '\n');
        if (cp == '\n' || cr_alone) {
            line++;
            col = 1;
            comment_line = 0;
            line_start = 1;
        } else {
            col++;
            if (line_start && cp == '#') comment_line = 1;
            if (cp != ' ') line_start = 0;
        }
        i += k;
    }
    return BMD_OK;
}
