/* mpi_ops.h: the table of MPI operations the module bmdsim-mpi.so
 * (cli/mpi/mpi_module.c, linked with libmpi) exports under the name
 * CLI_MPI_OPS_SYMBOL. bmdsim loads the module with dlopen only when an MPI
 * launcher started it (cli/mpi_driver.c), so one-process commands never
 * load libmpi's library tree. */
#ifndef BMD_CLI_MPI_OPS_H
#define BMD_CLI_MPI_OPS_H

#include <stddef.h>

#define CLI_MPI_OPS_SYMBOL "bmdsim_mpi_ops_v1"

struct cli_mpi_ops {
    /* MPI_Init, then this rank and the world size; 0, or 1 on failure. */
    int (*start)(int *rank, int *size);
    /* 1 while MPI is initialised and not finalised. */
    int (*started)(void);
    /* this rank and the world size (MPI started). */
    void (*world)(int *rank, int *size);
    /* MPI_Finalize (MPI started). */
    void (*stop)(void);
    /* the largest v over the ranks. */
    int (*max_int)(int v);
    /* the sum of v over the ranks. */
    long (*sum_long)(long v);
    /* as cli_mpi_gather (mpi_driver.h); 0 or 1. */
    int (*gather)(const void *local, size_t n, void *all, const size_t *counts);
};

#endif
