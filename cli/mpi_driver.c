/* mpi_driver.c: MPI for `mpirun -np N bmdsim footprint|run|sweep|sensitivity`.
 * The MPI calls live in the module bmdsim-mpi.so (cli/mpi/mpi_module.c,
 * built with MPI only when CMake found it: BMD_HAVE_MPI), which this file
 * loads with dlopen when, and only when, an MPI launcher started the
 * process: a one-process command never maps libmpi and its library tree
 * (their loading was a large part of a short command's CPU time,
 * bench/bench_startup.py). No state is kept here: the module's table is
 * looked up in the process (dlsym) each time, NULL until it was loaded. */
#define _GNU_SOURCE /* RTLD_DEFAULT */
#include "mpi_driver.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef BMD_HAVE_MPI
#include <dlfcn.h>

#include "mpi/mpi_ops.h"
#endif

int cli_mpi_launcher_size(void)
{
    static const char *const vars[] = {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE",
                                       "MPI_LOCALNRANKS"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) {
            long n = strtol(v, NULL, 10);
            if (n >= 1 && n < INT_MAX) return (int)n;
        }
    }
    return 1;
}

int cli_mpi_available(void)
{
#ifdef BMD_HAVE_MPI
    return 1;
#else
    return 0;
#endif
}

#ifdef BMD_HAVE_MPI
/* The module's table when it is loaded, else NULL. */
static const struct cli_mpi_ops *loaded(void)
{
    return (const struct cli_mpi_ops *)dlsym(RTLD_DEFAULT, CLI_MPI_OPS_SYMBOL);
}

/* The module's table when it is loaded and MPI started, else NULL. */
static const struct cli_mpi_ops *started(void)
{
    const struct cli_mpi_ops *ops = loaded();
    return ops && ops->started() ? ops : NULL;
}

/* Loads the module: beside the executable (a build tree), else
 * BMD_MPI_MODULE_REL relative to the executable's directory (installed:
 * PREFIX/bin/../LIBDIR/bmdsim/). RTLD_GLOBAL: Open MPI's own components,
 * which it loads with dlopen, resolve libmpi's symbols in the global scope.
 * Returns the table, or NULL with why[0..n) saying what went wrong. */
static const struct cli_mpi_ops *load(char *why, size_t n)
{
    char exe[4096];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (k <= 0) {
        snprintf(why, n, "cannot find the MPI module: /proc/self/exe unreadable");
        return NULL;
    }
    exe[k] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash == NULL) return NULL;
    *slash = '\0';
    static const char *const rel[] = {"bmdsim-mpi.so", BMD_MPI_MODULE_REL};
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        char path[4200];
        int m = snprintf(path, sizeof path, "%s/%s", exe, rel[i]);
        if (m < 0 || (size_t)m >= sizeof path || access(path, R_OK) != 0) continue;
        if (dlopen(path, RTLD_NOW | RTLD_GLOBAL) == NULL) {
            const char *e = dlerror();
            snprintf(why, n, "cannot load the MPI module: %s", e ? e : path);
            return NULL;
        }
        const struct cli_mpi_ops *ops = loaded();
        if (ops == NULL) snprintf(why, n, "%s does not define the MPI table", path);
        return ops;
    }
    snprintf(why, n,
             "started by an MPI launcher, but the MPI module is missing (looked for "
             "%s/bmdsim-mpi.so and %s/%s); reinstall bmdsim built with MPI, or run "
             "without mpirun",
             exe, exe, BMD_MPI_MODULE_REL);
    return NULL;
}
#endif

int cli_mpi_start(int *rank, int *size, char *why, size_t n)
{
    *rank = 0;
    *size = 1;
    if (n > 0) why[0] = '\0';
#ifdef BMD_HAVE_MPI
    if (getenv("OMPI_COMM_WORLD_SIZE") == NULL && getenv("PMI_SIZE") == NULL &&
        getenv("PMIX_SIZE") == NULL && getenv("PMIX_RANK") == NULL)
        return 0;
    const struct cli_mpi_ops *ops = loaded();
    if (ops == NULL) ops = load(why, n);
    if (ops == NULL) return 1;
    if (ops->start(rank, size) == 0) return 0;
    snprintf(why, n, "MPI_Init failed (under an MPI launcher, %d processes)",
             cli_mpi_launcher_size());
    return 1;
#else
    (void)why;
    (void)n;
    return 0;
#endif
}

void cli_mpi_world(int *rank, int *size)
{
    *rank = 0;
    *size = 1;
#ifdef BMD_HAVE_MPI
    const struct cli_mpi_ops *ops = started();
    if (ops) ops->world(rank, size);
#endif
}

void cli_mpi_stop(void)
{
#ifdef BMD_HAVE_MPI
    const struct cli_mpi_ops *ops = started();
    if (ops) ops->stop();
#endif
}

int cli_mpi_max_int(int v)
{
#ifdef BMD_HAVE_MPI
    const struct cli_mpi_ops *ops = started();
    if (ops) return ops->max_int(v);
#endif
    return v;
}

long cli_mpi_sum_long(long v)
{
#ifdef BMD_HAVE_MPI
    const struct cli_mpi_ops *ops = started();
    if (ops) return ops->sum_long(v);
#endif
    return v;
}

int cli_mpi_gather(const void *local, size_t n, void *all, const size_t *counts)
{
#ifdef BMD_HAVE_MPI
    const struct cli_mpi_ops *ops = started();
    if (ops) return ops->gather(local, n, all, counts);
#endif
    (void)counts;
    if (n) memmove(all, local, n);
    return 0;
}
