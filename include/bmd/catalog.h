/*
 * bmd/catalog.h: the catalog module (src/catalog/): the named sites
 * (data/sites.yaml), the missile catalog (data/catalog/missiles.yaml), the
 * radar presets (bmd/radar_catalog.h) and the interceptor catalog
 * (bmd/interceptor_catalog.h), and where the data directory's files are.
 *
 * Memory: the list loaders allocate with malloc; the caller owns the list
 * and releases it with the matching _free function (freeing an empty or
 * {0}-initialised list, or NULL, is harmless). Pointers returned by the
 * _find functions point into the list and live as long as it does. Nothing
 * here keeps global state; every function is reentrant.
 *
 * Error messages (bmd_errbuf) name the file, line and column (1-based), the
 * key, what was expected and what was found:
 *   "sites.yaml:12:15: site 'seoul': key 'alt': expected a length such as
 *    150km, found '3s' (that is a time)"
 */
#ifndef BMD_CATALOG_H
#define BMD_CATALOG_H

#include <stddef.h>

#include "bmd/input.h"
#include "bmd/interceptor_catalog.h"
#include "bmd/missile.h"
#include "bmd/radar_catalog.h"
#include "bmd/status.h"

/* ---- named sites --------------------------------------------------------- */

/* A named place (data/sites.yaml) or a location typed as coordinates. */
typedef struct bmd_site {
    char name[32];    /* key, lower case [a-z0-9-]: "seongju"; for a typed
                         location the text as typed (truncated) */
    char label[64];   /* display name: "Seongju THAAD site (Soseong-ri)" */
    char country[32]; /* "South Korea"; "" when unknown */
    char kind[16];    /* free word: "city", "base", "launch-area", "capital";
                         "location" for typed coordinates */
    double lat_rad;   /* geodetic latitude, rad (WGS84) */
    double lon_rad;   /* longitude, rad, east-positive, in [-pi, pi] */
    double alt_m;     /* height above the ellipsoid, m (0 when not given) */
    char source[232]; /* where the coordinates come from */
} bmd_site;

/* A list of sites; initialise with {0}; free with bmd_site_list_free. */
typedef struct bmd_site_list {
    size_t n;        /* number of sites */
    bmd_site *items; /* n sites (malloc'd, owned by the list) */
} bmd_site_list;

/*
 * bmd_site_list_load: read a site file and append its sites to a list.
 * Given:    path  YAML file (schema in docs/formats.md, "Sites")
 *           list  an initialised list ({0} or from an earlier load)
 * Returned: list  with the file's sites appended; a site whose name is
 *                 already in the list from an EARLIER load replaces that
 *                 entry (so a scenario's site file can correct a built-in
 *                 place); on failure the list is exactly as before
 *           err   "FILE:LINE:COL: site 'NAME': ..." on failure
 * Returned (function value): BMD_OK; BMD_EIO (cannot read the file);
 *           BMD_EPARSE (YAML syntax, unknown, missing or duplicate key or
 *           name, wrong type, a bad name); BMD_EUNIT (a wrong unit);
 *           BMD_EDOM (latitude or longitude out of range); BMD_ENOMEM;
 *           BMD_EINVAL (NULL path or list).
 */
int bmd_site_list_load(const char *path, bmd_site_list *list, bmd_errbuf *err);

/*
 * bmd_site_list_load_string: as bmd_site_list_load, from YAML text in
 * memory; display_name stands for the file name in messages (NULL:
 * "<string>").
 */
int bmd_site_list_load_string(const char *text, size_t len, const char *display_name,
                              bmd_site_list *list, bmd_errbuf *err);

/* bmd_site_list_free: release the items and reset the list to {0}; NULL
 * and empty lists are harmless. */
void bmd_site_list_free(bmd_site_list *list);

/*
 * bmd_site_find: a site by name (exact, case-sensitive).
 * Given:    list (may be NULL: empty); name
 * Returned: *site  pointer into the list (untouched when not found)
 *           err    "unknown site 'seol' (did you mean 'seoul'?)"
 * Returned (function value): BMD_OK; BMD_ENOTFOUND; BMD_EINVAL (NULL name
 *           or site).
 */
int bmd_site_find(const bmd_site_list *list, const char *name, const bmd_site **site,
                  bmd_errbuf *err);

/*
 * bmd_site_resolve: a site name or a typed location.
 * Given:    list  (may be NULL: only coordinates can be resolved)
 *           text  a site name ("seongju") or "LAT,LON[,ALT]" (any text
 *                 containing a comma is read as coordinates, see
 *                 bmd_units_parse_location)
 * Returned: *site  a copy of the named site, or for coordinates a site with
 *                 name = the text (truncated to 31 characters), label =
 *                 the formatted location, kind "location", source "given
 *                 as coordinates"; untouched on failure
 *           err    the location parser's message, or "unknown site 'x'
 *                 (did you mean 'y'?)"
 * Returned (function value): BMD_OK; BMD_ENOTFOUND; the status of
 *           bmd_units_parse_location; BMD_EINVAL (NULL text or site).
 */
int bmd_site_resolve(const bmd_site_list *list, const char *text, bmd_site *site, bmd_errbuf *err);

/* ---- missile catalog ----------------------------------------------------- */

/* A loaded missile catalog; initialise with {0}; free with
 * bmd_missile_list_free. */
typedef struct bmd_missile_list {
    size_t n;           /* number of missiles */
    bmd_missile *items; /* n missiles in file order (malloc'd, owned) */
} bmd_missile_list;

/*
 * bmd_missile_list_load: read a missile catalog (schema in docs/formats.md,
 * "Missile catalog").
 * Given:    path  YAML file
 * Returned: *list  the missiles (replaces the contents: *list must be {0}
 *                 or freed); every field of bmd_missile is set: absent
 *                 optional values take their documented defaults
 *                 (vertical_rise 8 s, isp_sl 0, coast 0, drag table empty =
 *                 the trajectory module's default); each `sources:` entry
 *                 becomes a bmd_source, and `notes` a bmd_source with group
 *                 "notes". On failure *list is {0}.
 *           err   "FILE:LINE:COL: missile 'NAME': ..." on failure
 * Returned (function value): BMD_OK; BMD_EIO; BMD_EPARSE (YAML syntax;
 *           unknown, missing or duplicate key or name; wrong type; text too
 *           long for its field); BMD_EUNIT; BMD_EDOM (a physically
 *           impossible value: propellant >= gross mass, burn time <= 0,
 *           Isp_sl > Isp_vac, beta <= 0, not 1-4 stages, a Mach table not
 *           strictly increasing or of another length than the Cd table, ...);
 *           BMD_ENOMEM; BMD_EINVAL (NULL path or list).
 * Notes:    The sanity checks are listed in docs/formats.md; they catch
 *           typing errors, not doubtful estimates.
 */
int bmd_missile_list_load(const char *path, bmd_missile_list *list, bmd_errbuf *err);

/* bmd_missile_list_load_string: as above from YAML text in memory;
 * display_name stands for the file name in messages (NULL: "<string>"). */
int bmd_missile_list_load_string(const char *text, size_t len, const char *display_name,
                                 bmd_missile_list *list, bmd_errbuf *err);

/* bmd_missile_list_free: release the items, reset to {0}; NULL harmless. */
void bmd_missile_list_free(bmd_missile_list *list);

/*
 * bmd_missile_find: a missile by catalog name (exact, case-sensitive).
 * Given:    list (may be NULL: empty); name
 * Returned: *m  pointer into the list (untouched when not found)
 *           err "unknown missile 'nodon' (did you mean 'nodong'?)"
 * Returned (function value): BMD_OK; BMD_ENOTFOUND; BMD_EINVAL (NULL name
 *           or m).
 */
int bmd_missile_find(const bmd_missile_list *list, const char *name, const bmd_missile **m,
                     bmd_errbuf *err);

/*
 * bmd_missile_source: the source text of a parameter group ("stages",
 * "payload", "reentry", "drag", "range", "notes"), or NULL when the missile
 * has none for that group.
 */
const char *bmd_missile_source(const bmd_missile *m, const char *group);

/* ---- data directory ------------------------------------------------------- */

/*
 * bmd_data_path: join a data directory and a relative path with one '/'.
 * Given:    data_dir  directory (trailing '/' allowed); relative  path
 *           inside it ("catalog/missiles.yaml"); n size of out
 * Returned: out  "DIR/relative"; an absolute `relative` (starting with
 *           '/') is copied unchanged
 * Returned (function value): BMD_OK; BMD_ELIMIT when out is too small (out
 *           then holds ""); BMD_EINVAL for NULL arguments or n == 0.
 */
int bmd_data_path(char *out, size_t n, const char *data_dir, const char *relative);

#endif /* BMD_CATALOG_H */
