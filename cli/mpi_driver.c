/* mpi_driver.c: MPI for `mpirun -np N bmdsim footprint|run|sweep|sensitivity`;
 * compiled with MPI
 * only when CMake found it (BMD_HAVE_MPI). */
#include "mpi_driver.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#ifdef BMD_HAVE_MPI
#include <mpi.h>
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
/* Whether this process called MPI_Init (queried from MPI, no global). */
static int started(void)
{
    int init = 0, fin = 0;
    MPI_Initialized(&init);
    MPI_Finalized(&fin);
    return init && !fin;
}
#endif

int cli_mpi_start(int *rank, int *size)
{
    *rank = 0;
    *size = 1;
#ifdef BMD_HAVE_MPI
    if (getenv("OMPI_COMM_WORLD_SIZE") == NULL && getenv("PMI_SIZE") == NULL &&
        getenv("PMIX_SIZE") == NULL && getenv("PMIX_RANK") == NULL)
        return 0;
    if (MPI_Init(NULL, NULL) != MPI_SUCCESS) return 1;
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, size);
#endif
    return 0;
}

void cli_mpi_world(int *rank, int *size)
{
    *rank = 0;
    *size = 1;
#ifdef BMD_HAVE_MPI
    if (started()) {
        MPI_Comm_rank(MPI_COMM_WORLD, rank);
        MPI_Comm_size(MPI_COMM_WORLD, size);
    }
#endif
}

void cli_mpi_stop(void)
{
#ifdef BMD_HAVE_MPI
    if (started()) MPI_Finalize();
#endif
}

int cli_mpi_max_int(int v)
{
#ifdef BMD_HAVE_MPI
    if (started()) {
        int out = v;
        MPI_Allreduce(&v, &out, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
        return out;
    }
#endif
    return v;
}

long cli_mpi_sum_long(long v)
{
#ifdef BMD_HAVE_MPI
    if (started()) {
        long out = v;
        MPI_Allreduce(&v, &out, 1, MPI_LONG, MPI_SUM, MPI_COMM_WORLD);
        return out;
    }
#endif
    return v;
}

int cli_mpi_gather(const void *local, size_t n, void *all, const size_t *counts)
{
#ifdef BMD_HAVE_MPI
    if (started()) {
        int size = 1, rank = 0;
        MPI_Comm_size(MPI_COMM_WORLD, &size);
        MPI_Comm_rank(MPI_COMM_WORLD, &rank);
        int *cnt = malloc((size_t)size * sizeof *cnt), *disp = malloc((size_t)size * sizeof *disp);
        if (!cnt || !disp) {
            free(cnt);
            free(disp);
            return 1;
        }
        size_t off = 0;
        int bad = 0;
        for (int r = 0; r < size; r++) {
            if (counts[r] > INT_MAX || off > INT_MAX) bad = 1;
            cnt[r] = (int)counts[r];
            disp[r] = (int)off;
            off += counts[r];
        }
        int rc = bad ? 1
                     : MPI_Gatherv(local, (int)n, MPI_BYTE, all, cnt, disp, MPI_BYTE, 0,
                                   MPI_COMM_WORLD) != MPI_SUCCESS;
        free(cnt);
        free(disp);
        return rc;
    }
#endif
    (void)counts;
    if (n) memmove(all, local, n);
    return 0;
}
