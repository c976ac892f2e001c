/* common.h: what several bmdsim subcommands share: the data directory,
 * catalogs and sites, Earth/atmosphere options, unit-bearing option values. */
#ifndef BMD_CLI_COMMON_H
#define BMD_CLI_COMMON_H

#include <stdio.h>

#include "bmd/atmo.h"
#include "bmd/core.h"
#include "bmd/geo.h"
#include "bmd/catalog.h"
#include "bmd/radar.h"
#include "bmd/radar_catalog.h"
#include "bmd/traj.h"
#include "opts.h"

/* Options every physics command takes (append to a command's table). */
#define CLI_OPT_DATA                                                                               \
    {                                                                                              \
        "data", 0, "DIR",                                                                          \
            "catalog and sites directory (default: $BMD_DATA_DIR, else the installed "             \
            "share/bmdsim, else the source tree's data/)"                                          \
    }
#define CLI_OPT_JSON                                                                               \
    {                                                                                              \
        "json", 0, NULL, "print the summary as one JSON object on stdout"                          \
    }
#define CLI_OPT_EARTH                                                                              \
    {"earth", 0, "MODEL", "wgs84 (J2, default) or sphere (R = 6371 km, no J2)"},                   \
    {                                                                                              \
        "no-rotation", 0, NULL, "a non-rotating Earth (no Coriolis or centrifugal terms)"          \
    }
#define CLI_OPT_ATMO                                                                               \
    {                                                                                              \
        "atmosphere", 0, "MODEL", "us76 (default), exponential or none"                            \
    }

/* The data directory: --data, else $BMD_DATA_DIR, else ../share/bmdsim
 * beside the executable (installed), else the source tree's data/ (a build
 * that is not installed). buf[n] holds a computed path. */
const char *cli_data_dir(const struct cli_args *a, char *buf, size_t n);

/*
 * cli_value: parse option `name` as quantity q into *out.
 * Returns 0 if the option is absent (*out untouched), 1 if parsed, or 2
 * after reporting bad input.
 */
int cli_value(const struct cli_args *a, const char *name, bmd_quantity q, double *out);

/* cli_earth: --earth and --no-rotation. Returns 0 or 2 (reported). */
int cli_earth(const struct cli_args *a, bmd_earth *earth, const char **name);
/* cli_atmo: --atmosphere (default `dflt`). Returns 0 or 2 (reported). */
int cli_atmo(const struct cli_args *a, bmd_atmo *atmo, bmd_atmo_kind dflt);

/* Catalog access for one command run; load lazily, free with cli_env_free. */
struct cli_env {
    const char *cmd;
    const char *data_dir;
    char data_buf[4096];
    bmd_site_list sites;
    int have_sites;
    bmd_missile_list missiles;
    int have_missiles;
    bmd_radar_catalog radars;
    int have_radars;
};
void cli_env_init(struct cli_env *env, const struct cli_args *a);
void cli_env_free(struct cli_env *env);
/* Resolve a site name or LAT,LON[,ALT]; option names the flag for messages.
 * Returns 0 or 2 (reported). */
int cli_site(struct cli_env *env, const char *option, const char *text, bmd_site *site);
/* Find a catalog missile. Returns 0 or 2 (reported). */
int cli_missile(struct cli_env *env, const char *name, const bmd_missile **m);

/* Load the radar catalog (once). Returns 0 or 2 (reported). */
int cli_radars(struct cli_env *env);

/* Options describing a radar by its parameters (append to a table). */
#define CLI_OPT_RADAR                                                                              \
    {"radar", 0, "NAME", "catalog radar preset (default an-tpy2; see 'bmdsim catalog --radars')"}, \
        {"power-avg", 0, "POWER", "average power (W default; e.g. 50kW)"},                         \
        {"power-peak", 0, "POWER", "peak power, pulse form (W default)"},                          \
        {"pulse", 0, "TIME", "pulse length, pulse form (s default; e.g. 10us)"},                   \
        {"gain", 0, "RATIO", "antenna gain (e.g. 40dB; default from aperture)"},                   \
        {"aperture", 0, "AREA", "array area (m2 default)"},                                        \
        {"efficiency", 0, "RATIO", "aperture efficiency, 0-1"},                                    \
        {"frequency", 0, "FREQ", "carrier frequency (Hz default; e.g. 9.5GHz)"},                   \
        {"noise-temp", 0, "TEMP", "system noise temperature (K)"},                                 \
        {"loss", 0, "RATIO", "total system loss (e.g. 5dB)"},                                      \
        {"dwell", 0, "TIME", "track dwell time (s default)"},                                      \
        {"snr-required", 0, "RATIO", "SNR to detect (e.g. 13dB)"},                                 \
        {"half-width", 0, "ANGLE", "field of regard half-width about the boresight (deg)"},        \
        {"el-min", 0, "ANGLE", "minimum elevation (deg)"},                                         \
        {"instrumented-range", 0, "LENGTH", "software range limit (0: none)"},                     \
        {"site", 0, "SITE", "radar site: a site name or LAT,LON[,ALT]"},                           \
    {                                                                                              \
        "boresight", 0, "ANGLE", "face boresight azimuth (deg, clockwise from north)"              \
    }

/* cli_count: an integer option in [lo, hi] into *out (left alone when the
 * option is absent). Returns 0 or 2 (reported). */
int cli_count(const struct cli_args *a, const char *name, long lo, long hi, long *out);

/* cli_radar_params: apply the radar parameter options given (CLI_OPT_RADAR,
 * --boresight included) to *r; *any (may be NULL) = 1 when a parameter other
 * than --boresight was given. Returns 0 or 2 (reported). */
int cli_radar_params(const struct cli_args *a, bmd_radar *r, int *any);

/*
 * cli_radar: the radar described by --radar and the parameter options
 * (parameters override the preset's), placed at --site facing --boresight.
 * *entry (may be NULL) receives the catalog entry or NULL. need_site: 1 if
 * --site is required. Returns 0 or 2 (reported).
 */
int cli_radar(struct cli_env *env, const struct cli_args *a, int need_site, bmd_radar *r,
              const bmd_radar_entry **entry);

/* Print a JSON value as one line on stdout and delete it. */
struct cJSON;
void cli_print_json(struct cJSON *o);

/*
 * cli_shape: --shape (min-energy, lofted, depressed) with --apogee or
 * --gamma into a targeting shape; *name gets the shape's name.
 * Returns 0 or 2 (reported).
 */
int cli_shape(const struct cli_args *a, bmd_traj_shape *shape, const char **name);

/* Write a whole buffer atomically to path; returns 0 or 1/2 (reported). */
int cli_write_file(const char *cmd, const char *path, const char *data, size_t len);

/*
 * Several files that appear together or not at all (issue 12: coverage left
 * coverage.geojson when coverage.csv failed on a full disk). Add each file's
 * bytes (the buffer is taken over and emptied), then commit: every file is
 * written and fsync'ed to a temporary first; only when all succeeded are
 * they renamed into place. On failure nothing new is left and the buffers
 * are freed. Returns 0 or 1/2 (reported).
 */
#define CLI_OUTPUTS_MAX 8
struct cli_outputs {
    size_t n;
    char path[CLI_OUTPUTS_MAX][4096];
    bmd_membuf data[CLI_OUTPUTS_MAX];
};
void cli_outputs_add(struct cli_outputs *o, const char *path, bmd_membuf *data);
int cli_outputs_commit(const char *cmd, struct cli_outputs *o);
void cli_outputs_free(struct cli_outputs *o);

#endif
