/*
 * bmd/radar_catalog.h: the radar catalog (data/catalog/radars.yaml):
 * presets of the AN/TPY-2-class radar, each parameter with its source, and
 * the published range claim each preset stands for. The YAML form is
 * described in docs/formats.md ("Radar catalog") and at the top of the file.
 */
#ifndef BMD_RADAR_CATALOG_H
#define BMD_RADAR_CATALOG_H

#include "bmd/radar.h"
#include "bmd/status.h"

#define BMD_RADAR_MAX_SOURCES 12

/* Where a group of parameters comes from (published, estimate, back-solved). */
typedef struct bmd_radar_source {
    char group[24]; /* "hardware", "power", "track", "search", "range_limit", ... */
    char text[400];
} bmd_radar_source;

/* One catalog entry. */
typedef struct bmd_radar_entry {
    bmd_radar radar;      /* name, label, hardware, face (site and boresight azimuth
                             zero: the scenario sets them), mode */
    int tr_modules;       /* number of T/R modules (information; 0: not given) */
    double claim_range_m; /* the published range this preset stands for, m (0: none) */
    double claim_rcs_m2;  /* ... for this RCS, m^2 (0: not stated by the source) */
    char claim_by[400];   /* who makes the claim, where */
    int n_sources;
    bmd_radar_source source[BMD_RADAR_MAX_SOURCES];
    char notes[600];
} bmd_radar_entry;

/* A loaded catalog; entries are owned by it. Initialise with {0}. */
typedef struct bmd_radar_catalog {
    int n;
    bmd_radar_entry *entry;
} bmd_radar_catalog;

/*
 * bmd_radar_catalog_load: read a radar catalog file.
 * Given:    path  YAML file
 * Returned: *cat  the entries (allocated; free with bmd_radar_catalog_free);
 *           err   on failure "FILE:LINE:COL: KEY: what was expected, what
 *                 was found" (unknown keys: "did you mean 'KEY'?")
 * Returned (function value): BMD_OK; BMD_EIO (cannot read), BMD_EPARSE
 *           (YAML syntax, unknown or missing key, wrong type), BMD_EUNIT
 *           (wrong or unknown unit), BMD_EDOM (a negative value, e.g. power,
 *           RCS or dwell), BMD_EINVAL (an impossible combination that
 *           bmd_radar_validate rejects, e.g. efficiency above 1, a field of
 *           regard half-width above 180 deg, el_min >= el_max), BMD_ENOMEM.
 *           On failure *cat is left empty ({0}).
 */
int bmd_radar_catalog_load(const char *path, bmd_radar_catalog *cat, bmd_errbuf *err);
/* bmd_radar_catalog_load_string: as above from YAML text in memory (len
 * bytes, need not be NUL-terminated; display_name stands for the file name
 * in messages, NULL: "<string>"). */
int bmd_radar_catalog_load_string(const char *text, size_t len, const char *display_name,
                                  bmd_radar_catalog *cat, bmd_errbuf *err);

/* bmd_radar_catalog_free: release the entries; NULL and empty are harmless. */
void bmd_radar_catalog_free(bmd_radar_catalog *cat);

/*
 * bmd_radar_catalog_find: an entry by name (exact, case-sensitive).
 * Given:    cat catalog; name catalog key
 * Returned: *out the entry (owned by cat); err "unknown radar 'X'; did you
 *           mean 'Y'?" (the nearest name by edit distance) when not found
 * Returned (function value): BMD_OK; BMD_ENOTFOUND; BMD_EINVAL for NULL
 *           arguments.
 */
int bmd_radar_catalog_find(const bmd_radar_catalog *cat, const char *name,
                           const bmd_radar_entry **out, bmd_errbuf *err);

#endif /* BMD_RADAR_CATALOG_H */
