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

/* cli_eng_event_object: "battery -> threat", "radar / threat", "threat" or
 * "-" for an event, in buf (returned). */
const char *cli_eng_event_object(const bmd_scenario *s, const bmd_eng_event *e, char *buf,
                                 size_t n);

/*
 * cli_engage_truth: the truth of every threat every 1 s (bmd_engage_truth),
 * ending where the threat ends: a killed threat's rows stop at the kill,
 * the last one interpolated (linearly) to the intercept time. *rows is
 * malloc'd (free it). Returns a bmd status.
 */
int cli_engage_truth(const bmd_engage_plan *plan, const bmd_engage_result *r,
                     bmd_eng_truth_row **rows, size_t *n, bmd_errbuf *err);

/* cli_eng_event_name: the event's name for people and files: the library's
 * (bmd_eng_event_name), except that a closest approach which hit but whose
 * kill draw failed is "no-kill" (the library's "miss" covers both). */
const char *cli_eng_event_name(const bmd_engage_result *r, const bmd_eng_event *e);

/* cli_eng_event_note: the note of a timeline event ("miss 0.120 m",
 * "killed", "1930 m/s", ...), in buf (returned; "" when none). */
const char *cli_eng_event_note(const bmd_engage_result *r, const bmd_eng_event *e, char *buf,
                               size_t n);

#endif
