/* scenario.h: load a scenario file, or the built-in default scenario
 * (data/scenarios/default.yaml compiled into bmdsim), for `bmdsim run` and
 * any other command that takes a scenario. */
#ifndef BMD_CLI_SCENARIO_H
#define BMD_CLI_SCENARIO_H

#include "bmd/scenario.h"
#include "bmd/status.h"
#include "common.h"

/*
 * cli_scenario_load: read a scenario.
 * Given:    path  scenario file, or NULL for the built-in default (its
 *                 messages name "default scenario (data/scenarios/default.yaml)")
 *           env   catalog access (cli_env_init); the sites, missile and
 *                 radar catalogs are loaded into it when not yet loaded
 *                 (and stay there); the interceptor catalog is loaded for
 *                 the call and released
 * Returned: *out  the scenario (initialised here; free with
 *                 bmd_scenario_free; left in bmd_scenario_init state on
 *                 failure)
 *           err   one-line message on failure ("FILE:LINE:COL: ..." for the
 *                 scenario, or the catalog loader's message)
 * Returned (function value): a bmd status (BMD_OK; the loaders' errors).
 *           Prints nothing: the caller reports err ("bmdsim: run: MSG") and
 *           exits with cli_scenario_exit(status).
 */
int cli_scenario_load(const char *path, struct cli_env *env, bmd_scenario *out, bmd_errbuf *err);

/* cli_scenario_provenance: record a loaded scenario (path NULL: the
 * built-in default), its checksum and the catalog entries it uses (missiles,
 * radar presets, interceptors) for the outputs' provenance. */
void cli_scenario_provenance(const char *path, const bmd_scenario *s);

/* cli_scenario_exit: the exit status for a cli_scenario_load status: 0 for
 * BMD_OK, 1 for BMD_ENOMEM (a run-time failure), 2 for everything else
 * (bad input: the file, a catalog, a name or a value). */
int cli_scenario_exit(int status);

/* The built-in default scenario's text (generated at build time from
 * data/scenarios/default.yaml by scripts/embed.cmake; len bytes, followed by
 * a NUL). */
extern const unsigned char bmd_default_scenario[];
extern const unsigned long bmd_default_scenario_len;

#endif
