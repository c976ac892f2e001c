/*
 * catalog/snapshot.h: build-time snapshots of the shipped catalog files
 * (internal to the catalog module; not a public header).
 *
 * Reading the shipped catalogs (data/catalog/missiles.yaml, data/sites.yaml,
 * data/catalog/radars.yaml, data/catalog/interceptors.yaml) through
 * libfyaml and the checks of the loaders was most of a one-shot command's
 * instructions (bmdsim trajectory, bench/RESULTS.md "Start-up"). So the
 * build runs the same loaders once on those files
 * (src/catalog/gen/catalog_snapshot_gen.c, which compiles missiles.c,
 * sites.c, radar_catalog.c and interceptor_catalog.c without
 * BMD_CATALOG_SNAPSHOT) and compiles each file's bytes and the entries the
 * loader returned (their object representation, byte for byte) into the
 * catalog module. bmd_missile_list_load, bmd_site_list_load,
 * bmd_radar_catalog_load and bmd_interceptor_list_load still read the
 * file; when its bytes are the snapshot's bytes, all of them (compared in
 * full, not by a hash), they copy the entries instead of parsing: the
 * loader's result on those bytes, which the build already found valid. Any other file (one byte
 * changed, a broken one) is parsed and checked as without the snapshot, with the same messages. The
 * *_load_string functions never use a snapshot. tests/catalog/test_catalog_snapshot.c checks the
 * entries equal a fresh parse field for field.
 *
 * Present when the build defines BMD_CATALOG_SNAPSHOT (the native build;
 * not the fuzz builds, a cross build nor the WebAssembly page, which parse
 * as before).
 */
#ifndef BMD_CATALOG_SNAPSHOT_H
#define BMD_CATALOG_SNAPSHOT_H

#include <stddef.h>

#include "bmd/status.h"

/* The snapshot of one catalog file. */
typedef struct bmd__catalog_snapshot {
    const unsigned char *text;  /* the file's bytes the snapshot was made from */
    size_t len;                 /* their number */
    const unsigned char *items; /* n entries (bmd_missile, bmd_site), n * item_size bytes */
    size_t n;
    size_t item_size;
} bmd__catalog_snapshot;

/* The snapshots of data/catalog/missiles.yaml (bmd_missile entries),
 * data/sites.yaml (bmd_site), data/catalog/radars.yaml (bmd_radar_entry)
 * and data/catalog/interceptors.yaml (bmd_interceptor): the generated
 * catalog_snapshot.c, only with BMD_CATALOG_SNAPSHOT. */
extern const bmd__catalog_snapshot bmd__catalog_snapshot_missiles;
extern const bmd__catalog_snapshot bmd__catalog_snapshot_sites;
extern const bmd__catalog_snapshot bmd__catalog_snapshot_radars;
extern const bmd__catalog_snapshot bmd__catalog_snapshot_interceptors;

/*
 * bmd__catalog_snapshot_take: the snapshot's entries instead of parsing,
 * when text[0..len) (read from path) is byte for byte the file the
 * snapshot was made from.
 * Given:    s          a snapshot (NULL: none)
 *           path       the file read (for the message)
 *           text, len  its bytes, malloc'ed, owned by the caller
 * Returned: *items     a malloc'ed copy of the n entries (NULL on failure)
 *           *n         their number
 *           *status    BMD_OK, or BMD_ENOMEM with err "PATH: out of memory"
 * Returned (function value): 1 taken (text freed, *items, *n, *status
 *           set), 0 not the snapshot's bytes (nothing touched: the caller
 *           parses text).
 */
int bmd__catalog_snapshot_take(const bmd__catalog_snapshot *s, const char *path, char *text,
                               size_t len, void **items, size_t *n, int *status, bmd_errbuf *err);

#endif /* BMD_CATALOG_SNAPSHOT_H */
