/*
 * bmd/scenario_load.h: read an engagement scenario file (YAML) into a
 * bmd_scenario (bmd/scenario.h), resolving named sites and catalog entries
 * and applying per-field overrides. The format is documented in
 * docs/formats.md ("Scenario files"); data/scenarios/ holds examples.
 *
 * Every value takes units through bmd_units_parse (bare numbers take the
 * documented default unit). Errors are one line:
 *   "FILE:LINE:COL: battery 'seongju': key 'launchers': must be >= 1, found '-2'"
 *   "FILE:LINE:COL: battery 'seongju': unknown key 'launcer' (did you mean
 *    'launchers'?)"
 *   "FILE:LINE:COL: threat 'nodong-1': key 'missile': unknown missile
 *    'nodon' (did you mean 'nodong'?)"
 * Nothing here prints or keeps global state; the functions are reentrant.
 */
#ifndef BMD_SCENARIO_LOAD_H
#define BMD_SCENARIO_LOAD_H

#include <stddef.h>

#include "bmd/interceptor_catalog.h"
#include "bmd/catalog.h"
#include "bmd/radar_catalog.h"
#include "bmd/scenario.h"
#include "bmd/status.h"

/* The catalogs a scenario refers to (caller-owned, read only). Any may be
 * NULL: a scenario that refers to that catalog then fails with a message
 * naming it. */
typedef struct bmd_scenario_env {
    const bmd_site_list *sites;               /* named places (data/sites.yaml) */
    const bmd_missile_list *missiles;         /* data/catalog/missiles.yaml */
    const bmd_radar_catalog *radars;          /* data/catalog/radars.yaml */
    const bmd_interceptor_list *interceptors; /* data/catalog/interceptors.yaml */
} bmd_scenario_env;

/*
 * bmd_scenario_load: read a scenario file.
 * Given:    path  YAML file (also the FILE in messages); a `sites:` key in it
 *                 names a site file relative to the directory of path
 *           env   the catalogs
 * Returned: *out  the scenario (overwritten: must be freshly initialised or
 *                 freed; on failure it is left in bmd_scenario_init state)
 *           err   one-line message "FILE:LINE:COL: ..." on failure
 * Returned (function value): BMD_OK; BMD_EIO (cannot read the file or its
 *           site file); BMD_EPARSE (YAML syntax, unknown, missing or
 *           duplicate key, wrong type); BMD_EUNIT (a wrong unit); BMD_EINVAL
 *           (an impossible value: negative inventory, salvo 0, an
 *           interceptor override that empties or puts out of reach the
 *           envelope, anything bmd_scenario_check rejects); BMD_ENOTFOUND
 *           (an unknown site, missile, radar preset, interceptor or radar
 *           name: the message suggests the nearest known one); BMD_EDOM
 *           (a value out of range, e.g. a latitude); BMD_ENOMEM.
 * Notes:    1. Resolution: a radar is the catalog preset (hardware and
 *           mode) with the scenario's overrides, at the site's latitude,
 *           longitude and height, facing `boresight` tilted by `tilt`; a
 *           battery's interceptor is the catalog entry with the overrides,
 *           then bmd_interceptor_check; a threat's missile is the catalog
 *           entry with the overrides, then bmd_traj_missile_check.
 *           2. After parsing, bmd_scenario_check; its message is placed at
 *           the object it names (its `name:` line).
 */
int bmd_scenario_load(const char *path, const bmd_scenario_env *env, bmd_scenario *out,
                      bmd_errbuf *err);

/*
 * bmd_scenario_load_string: as bmd_scenario_load, from YAML text in memory.
 * Given:    text, len     the text (need not be NUL-terminated)
 *           display_name  stands for FILE in messages (NULL: "<string>")
 *           base_dir      directory a relative `sites:` path is taken from
 *                         (NULL: the current directory)
 *           env           the catalogs
 * Returned / status: as bmd_scenario_load.
 */
int bmd_scenario_load_string(const char *text, size_t len, const char *display_name,
                             const char *base_dir, const bmd_scenario_env *env, bmd_scenario *out,
                             bmd_errbuf *err);

#endif /* BMD_SCENARIO_LOAD_H */
