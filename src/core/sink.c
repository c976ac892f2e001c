/* sink.c: output sinks (memory, FILE) and atomic files. */
#define _POSIX_C_SOURCE 200809L
#include "bmd/core.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int bmd_sink_printf(const bmd_sink *sink, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) return BMD_EIO;
    size_t len = (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1;
    return sink->write(sink->ctx, buf, len);
}

int bmd_membuf_write(void *membuf, const char *data, size_t len)
{
    bmd_membuf *b = membuf;
    if (b->len + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + len + 1)
            cap *= 2;
        char *p = realloc(b->data, cap);
        if (p == NULL) return BMD_ENOMEM;
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return BMD_OK;
}

void bmd_membuf_free(bmd_membuf *buf)
{
    if (buf == NULL) return;
    free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}

int bmd_file_write(void *fp, const char *data, size_t len)
{
    return fwrite(data, 1, len, (FILE *)fp) == len ? BMD_OK : BMD_EIO;
}

int bmd_atomic_open(bmd_atomic_file *f, const char *path, bmd_errbuf *err)
{
    memset(f, 0, sizeof *f);
    if (strlen(path) + 8 > sizeof f->tmp_path)
        return bmd_err_set(err, BMD_EINVAL, "%s: path too long", path);
    strcpy(f->path, path);
    snprintf(f->tmp_path, sizeof f->tmp_path, "%s.XXXXXX", path);
    int fd = mkstemp(f->tmp_path);
    if (fd < 0) {
        f->tmp_path[0] = '\0';
        return bmd_err_set(err, BMD_EIO, "%s: cannot create: %s", path, strerror(errno));
    }
    /* mkstemp creates the file 0600; output files are for sharing, so give
     * them the usual 0644 (the process umask cannot be read without
     * changing it, which is not thread-safe). */
    if (fchmod(fd, 0644) != 0) {
        int e = errno;
        close(fd);
        remove(f->tmp_path);
        f->tmp_path[0] = '\0';
        return bmd_err_set(err, BMD_EIO, "%s: cannot set mode: %s", path, strerror(e));
    }
    f->fp = fdopen(fd, "w");
    if (f->fp == NULL) {
        close(fd);
        remove(f->tmp_path);
        f->tmp_path[0] = '\0';
        return bmd_err_set(err, BMD_EIO, "%s: cannot open: %s", path, strerror(errno));
    }
    return BMD_OK;
}

bmd_sink bmd_atomic_sink(bmd_atomic_file *f)
{
    bmd_sink s = {bmd_file_write, f->fp};
    return s;
}

int bmd_atomic_commit(bmd_atomic_file *f, bmd_errbuf *err)
{
    if (f->fp == NULL) return bmd_err_set(err, BMD_ESTATE, "%s: not open", f->path);
    int bad = ferror((FILE *)f->fp);
    if (fclose((FILE *)f->fp) != 0) bad = 1;
    f->fp = NULL;
    if (bad) {
        remove(f->tmp_path);
        return bmd_err_set(err, BMD_EIO, "%s: write failed", f->path);
    }
    if (rename(f->tmp_path, f->path) != 0) {
        int e = errno;
        remove(f->tmp_path);
        return bmd_err_set(err, BMD_EIO, "%s: cannot rename into place: %s", f->path, strerror(e));
    }
    return BMD_OK;
}

void bmd_atomic_abort(bmd_atomic_file *f)
{
    if (f == NULL) return;
    if (f->fp != NULL) fclose((FILE *)f->fp);
    f->fp = NULL;
    if (f->tmp_path[0] != '\0') remove(f->tmp_path);
    f->tmp_path[0] = '\0';
}
