/*
 * catalog_snapshot_gen.c: a build tool, not part of libbmd. Loads the
 * shipped catalogs (missiles, sites, radars, interceptors) with the
 * library's own loaders (src/catalog/missiles.c, sites.c, radar_catalog.c,
 * interceptor_catalog.c, compiled into this tool without
 * BMD_CATALOG_SNAPSHOT, so they parse) and writes a C file holding each
 * file's bytes and the entries the loader returned, as the bytes of their
 * object representation (the library is built by the same compiler from
 * the same headers; the file checks the entry sizes). The catalog module
 * then copies the entries when a file read at run time has exactly those
 * bytes (src/catalog/snapshot.h), instead of parsing it in every process:
 * that parse was most of a one-shot `bmdsim trajectory`'s instructions
 * (bench/RESULTS.md). tests/catalog/test_catalog_snapshot.c checks the
 * entries equal a fresh parse, field for field.
 *
 * Usage: catalog_snapshot_gen MISSILES.yaml SITES.yaml RADARS.yaml
 *                             INTERCEPTORS.yaml OUT.c
 *        (exit 0; or 1 with the loader's message on stderr: a shipped
 *        catalog that does not load fails the build)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/catalog.h"
#include "bmd/input.h"
#include "bmd/interceptor_catalog.h"
#include "bmd/radar_catalog.h"

/* Bytes as a C array NAME[n] (n >= 1: a zero-length array is not C). */
static int put_bytes(FILE *f, const char *name, const unsigned char *b, size_t n)
{
    if (fprintf(f, "static const unsigned char %s[%zu] = {", name, n ? n : 1) < 0) return 1;
    for (size_t i = 0; i < n; i++)
        if (fprintf(f, "%s%u,", i % 24 ? "" : "\n   ", (unsigned)b[i]) < 0) return 1;
    return fprintf(f, "%s};\n\n", n ? "\n" : "0") < 0;
}

/* The snapshot NAME: the file's bytes and n entries of TYPE. */
static int put_snapshot(FILE *f, const char *name, const char *type, size_t size, const char *text,
                        size_t len, const void *items, size_t n)
{
    char tname[64], iname[64];
    snprintf(tname, sizeof tname, "%s_text", name);
    snprintf(iname, sizeof iname, "%s_items", name);
    if (fprintf(f, "_Static_assert(sizeof(%s) == %zu, \"%s changed: rebuild the snapshot\");\n",
                type, size, type) < 0)
        return 1;
    if (put_bytes(f, tname, (const unsigned char *)text, len)) return 1;
    if (put_bytes(f, iname, (const unsigned char *)items, n * size)) return 1;
    return fprintf(f,
                   "const bmd__catalog_snapshot bmd__catalog_snapshot_%s = {%s, %zu, %s, %zu, "
                   "sizeof(%s)};\n\n",
                   name, tname, len, iname, n, type) < 0;
}

/* One catalog file's entries, loaded from its bytes by the string loader
 * (the path-free entry, so the entries are those of exactly the bytes
 * written; the file loaders parse the same way, snapshot.h). */
typedef struct loaded {
    void *items;
    size_t n;
} loaded;

static int load_missiles(const char *t, size_t len, const char *name, loaded *out, bmd_errbuf *e)
{
    bmd_missile_list l = {0, NULL};
    int st = bmd_missile_list_load_string(t, len, name, &l, e);
    out->items = l.items, out->n = l.n;
    return st;
}

static int load_sites(const char *t, size_t len, const char *name, loaded *out, bmd_errbuf *e)
{
    bmd_site_list l = {0, NULL};
    int st = bmd_site_list_load_string(t, len, name, &l, e);
    out->items = l.items, out->n = l.n;
    return st;
}

static int load_radars(const char *t, size_t len, const char *name, loaded *out, bmd_errbuf *e)
{
    bmd_radar_catalog c = {0, NULL};
    int st = bmd_radar_catalog_load_string(t, len, name, &c, e);
    out->items = c.entry, out->n = c.n > 0 ? (size_t)c.n : 0;
    return st;
}

static int load_interceptors(const char *t, size_t len, const char *name, loaded *out,
                             bmd_errbuf *e)
{
    bmd_interceptor_list l = {0, NULL};
    int st = bmd_interceptor_list_load_string(t, len, name, &l, e);
    out->items = l.items, out->n = l.n;
    return st;
}

static const struct {
    const char *name, *type;
    size_t size;
    int (*load)(const char *, size_t, const char *, loaded *, bmd_errbuf *);
} kinds[] = {
    {"missiles", "bmd_missile", sizeof(bmd_missile), load_missiles},
    {"sites", "bmd_site", sizeof(bmd_site), load_sites},
    {"radars", "bmd_radar_entry", sizeof(bmd_radar_entry), load_radars},
    {"interceptors", "bmd_interceptor", sizeof(bmd_interceptor), load_interceptors},
};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

int main(int argc, char **argv)
{
    if (argc != (int)N_KINDS + 2) {
        fprintf(stderr, "usage: catalog_snapshot_gen MISSILES.yaml SITES.yaml RADARS.yaml "
                        "INTERCEPTORS.yaml OUT.c\n");
        return 1;
    }
    char *text[N_KINDS] = {NULL};
    size_t len[N_KINDS] = {0};
    loaded got[N_KINDS];
    memset(got, 0, sizeof got);
    int bad = 0;
    for (size_t k = 0; k < N_KINDS && !bad; k++) {
        bmd_errbuf e = {{0}};
        const char *path = argv[k + 1];
        int st = bmd_input_read(path, 0, &text[k], &len[k], &e);
        if (st == BMD_OK) st = kinds[k].load(text[k], len[k], path, &got[k], &e);
        if (st != BMD_OK) fprintf(stderr, "catalog_snapshot_gen: %s\n", e.msg);
        bad = st != BMD_OK;
    }
    const char *out = argv[N_KINDS + 1];
    FILE *f = bad ? NULL : fopen(out, "w");
    if (!bad && f == NULL) {
        perror(out);
        bad = 1;
    }
    if (f != NULL) {
        bad = fprintf(f, "/* generated by src/catalog/gen/catalog_snapshot_gen.c from the shipped "
                         "catalogs; do not edit */\n"
                         "#include \"bmd/catalog.h\"\n"
                         "#include \"bmd/interceptor_catalog.h\"\n"
                         "#include \"bmd/radar_catalog.h\"\n"
                         "#include \"catalog/snapshot.h\"\n\n") < 0;
        for (size_t k = 0; k < N_KINDS && !bad; k++)
            bad = put_snapshot(f, kinds[k].name, kinds[k].type, kinds[k].size, text[k], len[k],
                               got[k].items, got[k].n);
        bad = fclose(f) != 0 || bad;
        if (bad) {
            fprintf(stderr, "catalog_snapshot_gen: writing %s failed\n", out);
            remove(out);
        }
    }
    for (size_t k = 0; k < N_KINDS; k++) {
        free(text[k]);
        free(got[k].items);
    }
    return bad;
}
