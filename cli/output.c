/* output.c: the output rule of every bmdsim command (output.h). */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, O_CLOEXEC, O_NOFOLLOW */
#include "output.h"

#include "common.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Make one directory level; 0 or an errno value. */
static int make_level(const char *p)
{
    struct stat sb;
    if (stat(p, &sb) == 0) return S_ISDIR(sb.st_mode) ? 0 : ENOTDIR;
    if (mkdir(p, 0777) != 0 && errno != EEXIST) return errno;
    return 0;
}

/* Length of the longest prefix of dir (at a '/' or the end) that exists. */
static size_t existing_prefix(const char *dir)
{
    char p[4096];
    size_t best = 0, n = strlen(dir);
    struct stat sb;
    for (size_t i = 1; i <= n; i++) {
        if (i < n && dir[i] != '/') continue;
        memcpy(p, dir, i);
        p[i] = '\0';
        if (stat(p, &sb) != 0) break;
        best = i;
    }
    return best;
}

static int make_dirs(struct cli_out *o)
{
    char p[4096];
    size_t n = strlen(o->dir);
    o->existed = existing_prefix(o->dir);
    for (size_t i = 1; i <= n; i++) {
        if (i < n && o->dir[i] != '/') continue;
        memcpy(p, o->dir, i);
        p[i] = '\0';
        int e = make_level(p);
        if (e == ENOTDIR)
            return cli_bad(o->cmd, "-o %s: %s exists and is not a directory", o->dir, p);
        if (e != 0) {
            int rc = cli_bad(o->cmd, "-o %s: cannot create %s: %s", o->dir, p, strerror(e));
            cli_out_finish(o, rc);
            return rc;
        }
    }
    return 0;
}

int cli_out_init(struct cli_out *o, const struct cli_args *a, const char *opt)
{
    memset(o, 0, sizeof *o);
    o->cmd = a->cmd;
    o->quiet = cli_has(a, "quiet");
    const char *d = cli_get(a, opt);
    if (d == NULL) return 0;
    o->given = 1;
    size_t n = strlen(d);
    if (n == 0) return cli_bad(o->cmd, "-o: empty directory name");
    if (n >= sizeof o->dir - 64) return cli_bad(o->cmd, "-o %.40s...: path too long", d);
    memcpy(o->dir, d, n + 1);
    while (n > 1 && o->dir[n - 1] == '/') /* "out/" -> "out"; "/" stays */
        o->dir[--n] = '\0';
    if (make_dirs(o)) return 2;
    if (access(o->dir, W_OK | X_OK) != 0) {
        int e = errno;
        return cli_out_finish(o, cli_bad(o->cmd, "-o %s: cannot write: %s", o->dir, strerror(e)));
    }
    return 0;
}

int cli_out_path(const struct cli_out *o, const char *name, char *buf, size_t n)
{
    int k;
    if (!o->given)
        k = snprintf(buf, n, "%s", name);
    else if (strcmp(o->dir, "/") == 0)
        k = snprintf(buf, n, "/%s", name);
    else
        k = snprintf(buf, n, "%s/%s", o->dir, name);
    if (k < 0 || (size_t)k >= n) return cli_bad(o->cmd, "-o %s: path too long", o->dir);
    return 0;
}

int cli_out_write(struct cli_out *o, const char *name, const char *data, size_t len)
{
    char path[4200];
    int rc = cli_out_path(o, name, path, sizeof path);
    if (rc == 0) rc = cli_write_file(o->cmd, path, data, len);
    if (rc == 0) cli_out_wrote(o, path);
    return rc;
}

int cli_out_stage(const struct cli_out *o, struct cli_outputs *files, const char *name,
                  bmd_membuf *data)
{
    char path[4200];
    int rc = cli_out_path(o, name, path, sizeof path);
    if (rc != 0) return rc;
    if (files->n >= CLI_OUTPUTS_MAX || strlen(path) >= sizeof files->path[0])
        return cli_fail(o->cmd, "%s: too many files or path too long", path);
    cli_outputs_add(files, path, data);
    return 0;
}

int cli_out_commit(struct cli_out *o, struct cli_outputs *files)
{
    char paths[CLI_OUTPUTS_MAX][4096];
    size_t n = files->n;
    for (size_t i = 0; i < n; i++)
        memcpy(paths[i], files->path[i], sizeof paths[i]);
    int rc = cli_outputs_commit(o->cmd, files);
    for (size_t i = 0; rc == 0 && i < n; i++)
        cli_out_wrote(o, paths[i]);
    return rc;
}

int cli_out_tmpdir(const struct cli_out *o, char *buf, size_t n)
{
    const char *d = o->given ? o->dir : ".";
    int k = snprintf(buf, n, "%s%s.bmdsim-%s.XXXXXX", d, strcmp(d, "/") == 0 ? "" : "/", o->cmd);
    if (k < 0 || (size_t)k >= n) return cli_bad(o->cmd, "-o %s: path too long", d);
    if (mkdtemp(buf) == NULL) {
        int e = errno;
        buf[0] = '\0';
        return cli_fail(o->cmd, "%s: cannot make a staging directory: %s", d, strerror(e));
    }
    return 0;
}

int cli_out_stage_file(const struct cli_out *o, struct cli_outputs *files, const char *tmpdir,
                       const char *name)
{
    char p[4400];
    if ((size_t)snprintf(p, sizeof p, "%s/%s", tmpdir, name) >= sizeof p)
        return cli_bad(o->cmd, "%s: path too long", name);
    int fd = open(p, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return cli_fail(o->cmd, "%s: %s", p, strerror(errno));
    bmd_membuf buf = {0};
    char chunk[65536];
    int rc = 0;
    for (;;) {
        ssize_t k = read(fd, chunk, sizeof chunk);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) {
            rc = cli_fail(o->cmd, "%s: %s", p, strerror(errno));
            break;
        }
        if (k == 0) break;
        if (bmd_membuf_write(&buf, chunk, (size_t)k) != 0) {
            rc = cli_fail(o->cmd, "out of memory");
            break;
        }
    }
    close(fd);
    (void)unlink(p);
    if (rc == 0) rc = cli_out_stage(o, files, name, &buf);
    bmd_membuf_free(&buf);
    return rc;
}

void cli_out_tmpdir_remove(const char *tmpdir)
{
    if (tmpdir == NULL || tmpdir[0] == '\0') return;
    DIR *d = opendir(tmpdir);
    if (d != NULL) {
        struct dirent *de;
        char f[4400];
        while ((de = readdir(d)) != NULL) {
            if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
            if ((size_t)snprintf(f, sizeof f, "%s/%s", tmpdir, de->d_name) < sizeof f)
                (void)unlink(f);
        }
        closedir(d);
    }
    (void)rmdir(tmpdir);
}

void cli_out_wrote(struct cli_out *o, const char *path)
{
    for (size_t i = 0; i < o->n_wrote; i++)
        if (strcmp(o->wrote[i], path) == 0) return;
    if (o->n_wrote >= CLI_OUT_MAX_FILES) return;
    size_t n = strlen(path);
    char *c = malloc(n + 1);
    if (c == NULL) return; /* the listing is a courtesy: never fail for it */
    memcpy(c, path, n + 1);
    o->wrote[o->n_wrote++] = c;
}

int cli_out_finish(struct cli_out *o, int rc)
{
    if (rc == 0 && !o->quiet)
        for (size_t i = 0; i < o->n_wrote; i++)
            fprintf(stderr, "bmdsim: wrote %s\n", o->wrote[i]);
    if (rc != 0 && o->given) { /* remove what init created, deepest first, if empty */
        char p[4096];
        size_t n = strlen(o->dir);
        memcpy(p, o->dir, n + 1);
        while (n > o->existed) {
            if (rmdir(p) != 0) break;
            while (n > 0 && p[n - 1] != '/')
                n--;
            while (n > 1 && p[n - 1] == '/')
                n--;
            p[n] = '\0';
        }
    }
    for (size_t i = 0; i < o->n_wrote; i++)
        free(o->wrote[i]);
    o->n_wrote = 0;
    return rc;
}
