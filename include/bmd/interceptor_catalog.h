/*
 * bmd/interceptor_catalog.h: the interceptor catalog
 * (data/catalog/interceptors.yaml): THAAD-class and other interceptors,
 * each parameter group with its source. The YAML form is described at the
 * top of that file and in docs/models/interceptor.md ("Catalog").
 *
 * Memory: the loaders allocate the list with malloc; the caller frees it
 * with bmd_interceptor_list_free (NULL and {0} are harmless). Pointers from
 * bmd_interceptor_find point into the list.
 */
#ifndef BMD_INTERCEPTOR_CATALOG_H
#define BMD_INTERCEPTOR_CATALOG_H

#include <stddef.h>

#include "bmd/interceptor.h"
#include "bmd/status.h"

/* A loaded catalog; initialise with {0}. */
typedef struct bmd_interceptor_list {
    size_t n;               /* number of interceptors */
    bmd_interceptor *items; /* n entries in file order (malloc'd, owned) */
} bmd_interceptor_list;

/*
 * bmd_interceptor_list_load: read an interceptor catalog.
 * Given:    path  YAML file
 * Returned: *list the interceptors, each passed through
 *                 bmd_interceptor_check (replaces the contents: *list must
 *                 be {0} or freed); on failure *list is {0}
 *           err   "FILE:LINE:COL: interceptor 'NAME': ..." on failure; an
 *                 unknown key suggests the nearest known one
 * Returned (function value): BMD_OK; BMD_EIO; BMD_EPARSE (YAML syntax;
 *           unknown, missing or duplicate key or name; wrong type);
 *           BMD_EUNIT (a wrong unit); BMD_EDOM (a negative value where none
 *           is possible, e.g. a launcher count, or an interceptor that
 *           cannot reach its own envelope, see bmd_interceptor_check);
 *           BMD_EINVAL (an impossible value rejected by
 *           bmd_interceptor_check, reported at the offending key where it
 *           can be found); BMD_ENOMEM.
 */
int bmd_interceptor_list_load(const char *path, bmd_interceptor_list *list, bmd_errbuf *err);

/* bmd_interceptor_list_load_string: as above from YAML text in memory;
 * display_name stands for the file name in messages (NULL: "<string>"). */
int bmd_interceptor_list_load_string(const char *text, size_t len, const char *display_name,
                                     bmd_interceptor_list *list, bmd_errbuf *err);

/* bmd_interceptor_list_free: release the items, reset to {0}; NULL harmless. */
void bmd_interceptor_list_free(bmd_interceptor_list *list);

/*
 * bmd_interceptor_find: an interceptor by catalog name (exact).
 * Given:    list (may be NULL: empty); name
 * Returned: *ic  pointer into the list (untouched when not found)
 *           err  "unknown interceptor 'thad' (did you mean 'thaad'?)"
 * Returned (function value): BMD_OK; BMD_ENOTFOUND; BMD_EINVAL (NULL name
 *           or ic).
 */
int bmd_interceptor_find(const bmd_interceptor_list *list, const char *name,
                         const bmd_interceptor **ic, bmd_errbuf *err);

/* bmd_interceptor_source: the source text of a parameter group, or NULL. */
const char *bmd_interceptor_source(const bmd_interceptor *ic, const char *group);

#endif /* BMD_INTERCEPTOR_CATALOG_H */
