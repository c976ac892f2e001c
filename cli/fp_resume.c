/* fp_resume.c: the resumable run of `bmdsim footprint` (fp_resume.h). */
/* POSIX for rmdir, unlink and fcntl locks (clang in strict C11 mode hides
 * them otherwise). */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bmd/input.h"
#include "common.h"
#include "fp_resume.h"
#include "opts.h"

#define CMD "footprint"

uint64_t fp_options_hash(const struct cli_args *a)
{
    uint64_t h = 1469598103934665603ull;
    static const char *const skip[] = {"output", "resume", "threads", "json", "no-progress"};
    for (size_t i = 0; i < a->n_opts; i++) {
        if (!a->given[i]) continue;
        int sk = 0;
        for (size_t k = 0; k < sizeof skip / sizeof skip[0]; k++)
            if (strcmp(a->opts[i].name, skip[k]) == 0) sk = 1;
        if (sk) continue;
        const char *parts[3] = {a->opts[i].name, "=", a->value[i] ? a->value[i] : ""};
        for (int p = 0; p < 3; p++)
            for (const char *c = parts[p]; *c; c++) {
                h ^= (unsigned char)*c;
                h *= 1099511628211ull;
            }
        h ^= 0xff;
        h *= 1099511628211ull;
    }
    for (size_t i = 0; i < a->n_positional; i++) /* the SCENARIO file's name */
        for (const char *c = a->positional[i]; *c; c++) {
            h ^= (unsigned char)*c;
            h *= 1099511628211ull;
        }
    return h;
}

static void chunk_path(char *p, size_t n, const char *dir, size_t k)
{
    snprintf(p, n, "%s/" FP_PARTIAL "/chunk-%06zu.bin", dir, k);
}

static int chunk_write(const char *dir, size_t k, uint64_t hash, const bmd_fp_cell *c, size_t n)
{
    size_t len = bmd_fp_chunk_size(n);
    unsigned char *buf = malloc(len);
    if (buf == NULL) return cli_fail(CMD, "out of memory");
    bmd_fp_chunk_encode(hash, (uint64_t)k, c, n, buf);
    char path[4200];
    chunk_path(path, sizeof path, dir, k);
    int rc = cli_write_file(CMD, path, (const char *)buf, len);
    free(buf);
    return rc;
}

/* 1 when a valid chunk (size, header and checksum: bmd_fp_chunk_decode) was
 * read into c; a missing or damaged chunk is computed again. */
static int chunk_read(const char *dir, size_t k, uint64_t hash, bmd_fp_cell *c, size_t n)
{
    char path[4200];
    chunk_path(path, sizeof path, dir, k);
    char *data = NULL;
    size_t len = 0;
    if (bmd_input_read(path, bmd_fp_chunk_size(n), &data, &len, NULL) != BMD_OK) return 0;
    int ok =
        bmd_fp_chunk_decode((const unsigned char *)data, len, hash, (uint64_t)k, c, n) == BMD_OK;
    free(data);
    return ok;
}

/* Remove DIR/footprint-partial: the chunks, the temporaries of chunk writes cut short
 * by kill -9 ("chunk-N.bin.XXXXXX", issue 12) and the lock. Only names
 * bmdsim writes there are removed; anything else keeps the directory. */
static void remove_all(const char *dir)
{
    char p[4200], f[4500];
    snprintf(p, sizeof p, "%s/" FP_PARTIAL, dir);
    DIR *d = opendir(p);
    if (d != NULL) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (strncmp(de->d_name, "chunk-", 6) != 0 && strcmp(de->d_name, "lock") != 0) continue;
            snprintf(f, sizeof f, "%s/%s", p, de->d_name);
            (void)unlink(f);
        }
        closedir(d);
    }
    (void)rmdir(p);
}

/* Remove DIR/footprint-partial when it holds no chunk (only the lock). */
static void remove_if_empty(const char *dir)
{
    char p[4200];
    snprintf(p, sizeof p, "%s/" FP_PARTIAL, dir);
    DIR *d = opendir(p);
    if (d == NULL) return;
    struct dirent *de;
    int chunks = 0;
    while ((de = readdir(d)) != NULL)
        if (strncmp(de->d_name, "chunk-", 6) == 0) chunks = 1;
    closedir(d);
    if (!chunks) remove_all(dir);
}

/*
 * Lock DIR for this run: an fcntl write lock on DIR/footprint-partial/lock, held until
 * the process ends (also by kill -9, when the kernel drops it). A second
 * footprint into the same directory is refused with a clear message instead
 * of mixing chunks (issue 12). Returns the descriptor, or -1 with the exit
 * code in *rc.
 */
static int lock_dir(const char *dir, int *rc)
{
    char p[4200];
    snprintf(p, sizeof p, "%s/" FP_PARTIAL "/lock", dir);
    int fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
        *rc = cli_fail(CMD, "%s: %s", p, strerror(errno));
        return -1;
    }
    struct flock fl;
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (fcntl(fd, F_SETLK, &fl) == 0) return fd;
    int e = errno;
    long pid = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK ? (long)fl.l_pid : 0;
    close(fd);
    if (e == EACCES || e == EAGAIN) {
        if (pid > 0)
            *rc = cli_fail(CMD,
                           "%s: another bmdsim footprint (process %ld) is writing this "
                           "directory; wait for it or give another -o DIR",
                           dir, pid);
        else
            *rc = cli_fail(CMD,
                           "%s: another bmdsim footprint is writing this directory; wait for "
                           "it or give another -o DIR",
                           dir);
    } else {
        *rc = cli_fail(CMD, "%s: cannot lock: %s", p, strerror(e));
    }
    return -1;
}

void fp_partial_remove(const char *dir, int only_empty)
{
    if (only_empty)
        remove_if_empty(dir);
    else
        remove_all(dir);
}

int fp_partial_open(const char *dir, int *made, int *rc)
{
    char p[4200];
    snprintf(p, sizeof p, "%s/" FP_PARTIAL, dir);
    *made = 0;
    if (mkdir(p, 0777) == 0)
        *made = 1;
    else if (errno != EEXIST) {
        *rc = cli_fail(CMD, "%s: %s", p, strerror(errno));
        return -1;
    }
    int fd = lock_dir(dir, rc);
    if (fd < 0 && *made) {
        (void)rmdir(p);
        *made = 0;
    }
    return fd;
}

int fp_run_chunks(bmd_footprint *fp, size_t begin, size_t end, size_t chunk, bmd_fp_cell *out,
                  const char *dir, int resume, uint64_t hash, volatile sig_atomic_t *stop,
                  struct cli_progress *pr, size_t *kept, int *stopped)
{
    bmd_errbuf e = {{0}};
    for (size_t cb = begin; cb < end; cb += chunk) {
        size_t ce = cb + chunk < end ? cb + chunk : end, k = cb / chunk;
        bmd_fp_cell *c = out + (cb - begin);
        if (*stop) {
            *stopped = 1;
            return 0;
        }
        if (!(resume && chunk_read(dir, k, hash, c, ce - cb))) {
            int st = bmd_footprint_run(fp, cb, ce, c, stop, &e);
            if (st == BMD_EINTR) {
                *stopped = 1;
                return 0;
            }
            if (st != BMD_OK) return cli_fail(CMD, "%s", e.msg);
            if (dir && chunk_write(dir, k, hash, c, ce - cb)) return 1;
        }
        (*kept)++;
        cli_progress_update(pr, (long)(ce - begin), (long)(end - begin));
    }
    return 0;
}
