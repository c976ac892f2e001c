/* mpi_module.c: the module bmdsim-mpi.so, bmdsim's only code that calls MPI
 * (mpirun -np N bmdsim footprint|run|sweep|sensitivity). Built when CMake
 * finds MPI, loaded by cli/mpi_driver.c with dlopen only under an MPI
 * launcher; exports nothing but the table CLI_MPI_OPS_SYMBOL (mpi_ops.h). */
#include <limits.h>
#include <stdlib.h>

#include <mpi.h>

#include "mpi_ops.h"

static int mod_started(void)
{
    int init = 0, fin = 0;
    MPI_Initialized(&init);
    MPI_Finalized(&fin);
    return init && !fin;
}

static int mod_start(int *rank, int *size)
{
    if (MPI_Init(NULL, NULL) != MPI_SUCCESS) return 1;
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, size);
    return 0;
}

static void mod_world(int *rank, int *size)
{
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, size);
}

static void mod_stop(void)
{
    MPI_Finalize();
}

static int mod_max_int(int v)
{
    int out = v;
    MPI_Allreduce(&v, &out, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return out;
}

static long mod_sum_long(long v)
{
    long out = v;
    MPI_Allreduce(&v, &out, 1, MPI_LONG, MPI_SUM, MPI_COMM_WORLD);
    return out;
}

static int mod_gather(const void *local, size_t n, void *all, const size_t *counts)
{
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
    int bad = n > INT_MAX;
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

/* the one exported symbol (the module is built with hidden visibility) */
__attribute__((visibility("default"))) extern const struct cli_mpi_ops bmdsim_mpi_ops_v1;
const struct cli_mpi_ops bmdsim_mpi_ops_v1 = {mod_start,   mod_started,  mod_world, mod_stop,
                                              mod_max_int, mod_sum_long, mod_gather};
