/* mpi_driver.h: the optional MPI layer of bmdsim (cli/mpi_driver.c), used by
 * footprint, run, sweep and sensitivity. MPI is
 * initialised only when the process was started by an MPI launcher (its
 * environment names a world size); otherwise every call is a one-process
 * no-op. Also declares the footprint command. */
#ifndef BMD_CLI_MPI_DRIVER_H
#define BMD_CLI_MPI_DRIVER_H

#include <stddef.h>

/* cli_footprint: `bmdsim footprint` (cli/cmd_footprint.c). */
int cli_footprint(int argc, char **argv);

/* The world size the launcher announced (OMPI_COMM_WORLD_SIZE, PMI_SIZE,
 * PMIX_SIZE...), 1 when none. */
int cli_mpi_launcher_size(void);

/* 1 when bmdsim was built with MPI. */
int cli_mpi_available(void);

/* Initialise MPI when launched by mpirun and built with it; *rank, *size
 * (0 and 1 otherwise). Returns 0, or 1 on failure with why[0..n) saying
 * what failed (the MPI module not found, not loadable and why, or
 * MPI_Init). */
int cli_mpi_start(int *rank, int *size, char *why, size_t n);

/* This process's rank and the world size when MPI was started (by
 * cli_mpi_start), 0 and 1 otherwise. */
void cli_mpi_world(int *rank, int *size);

/* Finalise if started. */
void cli_mpi_stop(void);

/* The largest v over the ranks (v itself with one process). */
int cli_mpi_max_int(int v);

/* Sum over the ranks of v. */
long cli_mpi_sum_long(long v);

/* Gather each rank's bytes [local, local + n) into all (rank 0) in rank
 * order; counts[r] bytes from rank r (known to every rank). Returns 0 or 1. */
int cli_mpi_gather(const void *local, size_t n, void *all, const size_t *counts);

#endif
