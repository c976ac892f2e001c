/* fp_setup.h: the set-up of `bmdsim footprint` from its options over the
 * library's (bmd_fp_setup_scenario or _init): battery, radar, threat,
 * launch points, fire control, region, checks and fly-out table. */
#ifndef BMD_CLI_FP_SETUP_H
#define BMD_CLI_FP_SETUP_H

#include <stdint.h>

#include "bmd/catalog.h"
#include "bmd/footprint_setup.h"
#include "bmd/interceptor_catalog.h"
#include "bmd/scenario.h"
#include "common.h"
#include "fp_print.h"
#include "opts.h"
#include "output.h"

/* A footprint run: its set-up, cells and where it writes. */
struct fp_run {
    int plot_format; /* bmd_plot_format, -1: no figure */
    struct cli_out out;
    struct cli_env env;
    bmd_interceptor_list ics;
    bmd_fp_setup f; /* the footprint's configuration and what it points to */
    const char *shape_name;
    int n_checks;
    bmd_site checks[FP_MAX_CHECKS];
    bmd_fp_cell *cells; /* all cells (rank 0) */
    bmd_fp_cell *mine;  /* this rank's cells */
    uint64_t hash;
    int rank, size;
    bmd_scenario scn; /* SCENARIO (has_scn): the defaults of r->f */
    int has_scn;
    int launch_is_point; /* one launch point from --launch SITE or the scenario */
};

/* The threat missile, NULL for the vacuum free flight. */
const bmd_missile *fp_threat_of(const struct fp_run *r);

/* Option `name` as a whole number in [lo, hi] (dflt when absent) into
 * *out. Returns 0 or 2 (reported). */
int fp_uint_opt(const struct cli_args *a, const char *name, long dflt, long lo, long hi, long *out);

/* SCENARIO: load it; its first battery, the radar that cues it and its
 * first threat are the defaults (bmd_fp_setup_scenario). Returns 0, 1 or 2
 * (reported). */
int fp_load_scenario(struct fp_run *r, const char *path);

/* The options over the defaults: r->f ready for bmd_footprint_create,
 * r->checks, r->shape_name, r->plot_format. Returns 0, 1 or 2 (reported). */
int fp_setup(struct fp_run *r, const struct cli_args *a);

#endif
