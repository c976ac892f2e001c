/* provenance.h: what made an output file, recorded in every file bmdsim
 * writes (docs/formats.md, "Provenance"): the bmdsim version, the git
 * commit it was built from (when built from a git checkout; found at
 * configure time, "unknown" otherwise), the full command line, the
 * scenario's SHA-256 (the file's bytes, or the built-in default scenario's
 * text), the seed and the catalog entries used. */
#ifndef BMD_CLI_PROVENANCE_H
#define BMD_CLI_PROVENANCE_H

#include <stddef.h>

#include "bmd/export.h"

struct cJSON;

#define CLI_PROV_MAX_ENTRIES 24

struct cli_prov {
    char command[2048];                        /* the command line, shell-quoted where needed */
    char scenario[512];                        /* the scenario file, "built-in default", or "" */
    char sha256[65];                           /* its SHA-256 in hex, or "" */
    long long seed;                            /* -1: none */
    const char *catalog[CLI_PROV_MAX_ENTRIES]; /* entries used (not owned) */
    size_t n_catalog;
};

/* cli_prov_args: record the command line (main calls it once). */
void cli_prov_args(int argc, char **argv);

/* cli_prov_get: the provenance of this run (one per process). */
struct cli_prov *cli_prov_get(void);

/* cli_prov_scenario: record the scenario (path, or NULL for the built-in
 * default) and its SHA-256. Returns 0, or -1 if the file cannot be read
 * (recorded as "unreadable"; the loader reports the error). */
int cli_prov_scenario(const char *path);

/* cli_prov_entry: record a catalog entry used ("missile nodong"); kept once. */
void cli_prov_entry(const char *kind, const char *name);

/* cli_prov_json: the provenance as a new JSON object (caller owns). */
struct cJSON *cli_prov_json(void);

/* cli_prov_comment: one CSV header comment line "# bmdsim ...\n" into buf
 * (pandas: read_csv(path, comment='#')). */
void cli_prov_comment(char *buf, size_t n);

/* Storage for a scene's provenance metadata (bmd_scene meta_*). */
struct cli_prov_meta {
    const char *keys[8], *values[8];
    char seed[32], catalog[2048];
};

/* cli_prov_scene: point sc's metadata at the provenance (m keeps the
 * strings; it must outlive the writing). */
void cli_prov_scene(struct cli_prov_meta *m, bmd_scene *sc);

/* cli_prov_props: props (a JSON object's text, e.g. GeoJSON properties)
 * with a "provenance" member added; a malloc'd string, NULL when out of
 * memory or props is not an object. */
/* cli_prov_meta_get: the same key/value pairs as cli_prov_scene into m,
 * for the library's scene writers; returns their count. */
size_t cli_prov_meta_get(struct cli_prov_meta *m);

char *cli_prov_props(const char *props);

/* The version and commit strings. */
const char *cli_prov_version(void);
const char *cli_prov_commit(void);

#endif
