/* run_outputs.h: figures and globe files of an engagement (run, report). */
#ifndef BMD_CLI_RUN_OUTPUTS_H
#define BMD_CLI_RUN_OUTPUTS_H

#include "bmd/engage.h"

/*
 * cli_engage_timeline_plot: the engagement timeline (altitude against time
 * of each threat, thick where in firm track, and of each interceptor from
 * launch to closest approach; events marked; the first battery's altitude
 * band shaded) written to path in the given bmd_plot_format.
 * Returned (function value): the status of bmd_plot_timeline (BMD_EIO:
 * cannot write; nothing is left behind).
 */
int cli_engage_timeline_plot(const char *path, int format, const bmd_engage_plan *plan,
                             const bmd_engage_result *r, bmd_errbuf *err);

/*
 * cli_engage_scene: DIR/STEM.kml and DIR/STEM.czml: threat
 * trajectories (tracked arcs highlighted), interceptors (launch to closest
 * approach), timeline events as points, radar and battery sites, radar
 * fans to the detection range of the first threat's RCS.
 */
int cli_engage_scene(const char *dir, const char *stem, const bmd_engage_plan *plan,
                     const bmd_engage_result *r, bmd_errbuf *err);

/*
 * cli_engage_truth: the truth of every threat every 1 s (bmd_engage_truth),
 * ending where the threat ends: a killed threat's rows stop at the kill,
 * the last one interpolated (linearly) to the intercept time. *rows is
 * malloc'd (free it). Returns a bmd status.
 */
int cli_engage_truth(const bmd_engage_plan *plan, const bmd_engage_result *r,
                     bmd_eng_truth_row **rows, size_t *n, bmd_errbuf *err);

#endif
