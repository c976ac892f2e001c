/* fp_print.h: what `bmdsim footprint` prints: the summary in words or as
 * one JSON object, the defended land and population (bmd/land.h) and the
 * verdict spread over a scenario's uncertain: block (--samples). */
#ifndef BMD_CLI_FP_PRINT_H
#define BMD_CLI_FP_PRINT_H

#include <stddef.h>
#include <stdint.h>

#include "bmd/footprint_setup.h"
#include "bmd/land.h"
#include "opts.h"
#include "sens_common.h"

#define FP_MAX_CHECKS 32

/* The defended land per country and the population of a footprint. */
struct fp_land {
    bmd_land land;
    bmd_land_tally *tally;
    size_t n_tally;
    int *place_in;
    double pop_region, pop_defended;
    size_t places_in_region;
};

/* Load DATA's countries and places and tally a finished footprint (not
 * for a denied launch area). Returns 0 or 1/2 (reported). */
int fp_land_compute(const char *data_dir, const bmd_fp_setup *f, const bmd_fp_cell *cells,
                    struct fp_land *l);
void fp_land_free(struct fp_land *l);

/* --samples N with --check: in how many of N samples of the scenario's
 * uncertain: block each checked site is defended. */
struct fp_spread {
    struct uq_scn u;
    struct uq_spread_result res[FP_MAX_CHECKS];
    const char *names[FP_MAX_CHECKS];
    uint64_t seed;
    int on;
};

/* Refuse options the spread cannot honour. Returns 0 or 2 (reported). */
int fp_spread_check(const struct cli_args *a);
/* Sample the spread of the checks of sum (res_m: the cell size). Returns 0,
 * 1 or 2 (reported). */
int fp_spread_compute(const struct cli_args *a, const bmd_fp_summary *sum, struct fp_spread *sp);
void fp_spread_free(struct fp_spread *sp);

/* How the run went. */
struct fp_stats {
    size_t cells, defended, unreached;
    double secs;
    int ranks;
    long nodes, direct;
};

/* The summary in words (land, spread: NULL when none). */
void fp_print_human(const bmd_fp_summary *sum, const struct fp_stats *st,
                    const struct fp_land *land, const struct fp_spread *sp);
/* The summary as one JSON object on stdout (land, spread: NULL when none). */
void fp_print_json(const bmd_fp_summary *sum, const struct fp_stats *st, const struct fp_land *land,
                   const struct fp_spread *sp);

#endif
