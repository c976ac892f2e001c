/* sink.c: output sinks (memory, FILE) and atomic files. */
#define _POSIX_C_SOURCE 200809L
#include "bmd/core.h"

#include <errno.h>
#include <fcntl.h>
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

/* BMD_OK when path is absent or a regular file (not a symlink); else
 * BMD_EINVAL: output goes only to files bmdsim may replace (issue 12: -o
 * naming a device node or a symlink replaced it with a regular file). */
int bmd_output_path_check(const char *path, bmd_errbuf *err)
{
    struct stat sb;
    if (lstat(path, &sb) != 0) {
        if (errno == ENOENT) return BMD_OK;
        return bmd_err_set(err, BMD_EIO, "%s: %s", path, strerror(errno));
    }
    const char *what = S_ISLNK(sb.st_mode)    ? "a symbolic link"
                       : S_ISDIR(sb.st_mode)  ? "a directory"
                       : S_ISCHR(sb.st_mode)  ? "a character device"
                       : S_ISBLK(sb.st_mode)  ? "a block device"
                       : S_ISFIFO(sb.st_mode) ? "a pipe"
                       : S_ISSOCK(sb.st_mode) ? "a socket"
                       : S_ISREG(sb.st_mode)  ? NULL
                                              : "not a regular file";
    if (what == NULL) return BMD_OK;
    return bmd_err_set(err, BMD_EINVAL, "%s: is %s; outputs replace only regular files (refused)",
                       path, what);
}

int bmd_atomic_open(bmd_atomic_file *f, const char *path, bmd_errbuf *err)
{
    memset(f, 0, sizeof *f);
    if (strlen(path) + 8 > sizeof f->tmp_path)
        return bmd_err_set(err, BMD_EINVAL, "%s: path too long", path);
    int chk = bmd_output_path_check(path, err);
    if (chk != BMD_OK) return chk;
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

/* fsync the directory holding path, so that a rename survives a crash. */
static int sync_dir(const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash == NULL)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return -1;
    /* Some file systems cannot sync a directory (EINVAL): not an error. */
    int rc = fsync(fd) == 0 || errno == EINVAL || errno == EROFS ? 0 : -1;
    close(fd);
    return rc;
}

int bmd_atomic_finish(bmd_atomic_file *f, bmd_errbuf *err)
{
    if (f->fp == NULL) return bmd_err_set(err, BMD_ESTATE, "%s: not open", f->path);
    FILE *fp = (FILE *)f->fp;
    int e = 0;
    if (fflush(fp) != 0 || ferror(fp)) e = errno ? errno : EIO;
    /* The data reach the disk before the rename makes them visible: a crash
     * then leaves the old file or the complete new one, never an empty one. */
    if (e == 0 && fsync(fileno(fp)) != 0 && errno != EINVAL) e = errno;
    if (fclose(fp) != 0 && e == 0) e = errno ? errno : EIO;
    f->fp = NULL;
    if (e != 0) {
        remove(f->tmp_path);
        f->tmp_path[0] = '\0';
        return bmd_err_set(err, BMD_EIO, "%s: write failed: %s", f->path, strerror(e));
    }
    return BMD_OK;
}

int bmd_atomic_rename(bmd_atomic_file *f, bmd_errbuf *err)
{
    if (f->tmp_path[0] == '\0') return bmd_err_set(err, BMD_ESTATE, "%s: not finished", f->path);
    /* Checked again: the path may have been replaced since the open. */
    int st = bmd_output_path_check(f->path, err);
    if (st == BMD_OK && rename(f->tmp_path, f->path) != 0)
        st =
            bmd_err_set(err, BMD_EIO, "%s: cannot rename into place: %s", f->path, strerror(errno));
    if (st != BMD_OK) {
        remove(f->tmp_path);
        f->tmp_path[0] = '\0';
        return st;
    }
    f->tmp_path[0] = '\0';
    if (sync_dir(f->path) != 0)
        return bmd_err_set(err, BMD_EIO, "%s: cannot sync its directory: %s", f->path,
                           strerror(errno));
    return BMD_OK;
}

int bmd_atomic_commit(bmd_atomic_file *f, bmd_errbuf *err)
{
    int st = bmd_atomic_finish(f, err);
    return st != BMD_OK ? st : bmd_atomic_rename(f, err);
}

void bmd_atomic_abort(bmd_atomic_file *f)
{
    if (f == NULL) return;
    if (f->fp != NULL) fclose((FILE *)f->fp);
    f->fp = NULL;
    if (f->tmp_path[0] != '\0') remove(f->tmp_path);
    f->tmp_path[0] = '\0';
}
