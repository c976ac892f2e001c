/*
 * sites.c: named places (data/sites.yaml): load, find with a suggestion, and
 * resolve "a site name or LAT,LON[,ALT]".
 */
#include "bmd/catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/snapshot.h"
#include "input/yaml.h"

static const char *const site_keys[] = {"name",    "label", "location", "alt",
                                        "country", "kind",  "source"};
static const char *const site_required[] = {"name", "label", "location", "source"};

/* One site entry (a mapping) into *s. */
static int read_site(const bmd__yaml *y, struct fy_node *map, size_t index, bmd_site *s,
                     bmd_errbuf *err)
{
    char ctx[64];
    snprintf(ctx, sizeof ctx, "site %zu", index + 1);
    int st = bmd__yaml_expect_map(y, map, ctx, err);
    if (!st) st = bmd__yaml_name(y, map, "site", s->name, sizeof s->name, ctx, sizeof ctx, err);
    if (!st) st = bmd__yaml_check_keys(y, map, site_keys, 7, ctx, err);
    if (!st) st = bmd__yaml_require_keys(y, map, site_required, 4, ctx, err);
    if (!st)
        st =
            bmd__yaml_str(y, map, "label", BMD__YAML_REQUIRED, s->label, sizeof s->label, ctx, err);
    if (!st)
        st = bmd__yaml_str(y, map, "country", BMD__YAML_OPTIONAL, s->country, sizeof s->country,
                           ctx, err);
    if (!st)
        st = bmd__yaml_str(y, map, "kind", BMD__YAML_OPTIONAL, s->kind, sizeof s->kind, ctx, err);
    if (!st)
        st = bmd__yaml_str(y, map, "source", BMD__YAML_REQUIRED, s->source, sizeof s->source, ctx,
                           err);
    if (st) return st;
    char text[128];
    st = bmd__yaml_str(y, map, "location", BMD__YAML_REQUIRED, text, sizeof text, ctx, err);
    if (st) return st;
    struct fy_node *loc = bmd__yaml_get(map, "location");
    int has_alt = 0;
    bmd_errbuf e;
    st = bmd_units_parse_location(text, &s->lat_rad, &s->lon_rad, &s->alt_m, &has_alt, &e);
    if (st) return bmd__yaml_ctx_err(y, loc, ctx, err, st, "key 'location': %s", e.msg);
    if (has_alt && bmd__yaml_has(map, "alt"))
        return bmd__yaml_ctx_err(y, bmd__yaml_get_key(map, "alt"), ctx, err, BMD_EPARSE,
                                 "altitude given twice (in 'location' and in 'alt')");
    return bmd__yaml_quantity(y, map, "alt", BMD_Q_LENGTH, BMD__YAML_OPTIONAL, &s->alt_m, ctx, err);
}

static int find_index(const bmd_site *items, size_t n, const char *name, size_t *at)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(items[i].name, name) == 0) {
            *at = i;
            return 1;
        }
    }
    return 0;
}

/* The sites of a document into a new array (*out, *n_out). */
static int read_sites(const bmd__yaml *y, bmd_site **out, size_t *n_out, bmd_errbuf *err)
{
    struct fy_node *seq;
    int st = bmd__yaml_top_list(y, "sites", &seq, err);
    if (st) return st;
    size_t n = bmd__yaml_seq_count(seq);
    bmd_site *items = calloc(n ? n : 1, sizeof *items);
    if (items == NULL) return bmd_err_set(err, BMD_ENOMEM, "%s: out of memory", y->name);
    for (size_t i = 0; i < n && !st; i++) {
        struct fy_node *map = bmd__yaml_seq_item(seq, i);
        size_t dup;
        st = read_site(y, map, i, &items[i], err);
        if (!st && find_index(items, i, items[i].name, &dup))
            st = bmd__yaml_err(y, bmd__yaml_get(map, "name"), err, BMD_EPARSE,
                               "site '%s': defined twice (also site %zu)", items[i].name, dup + 1);
    }
    if (st) {
        free(items);
        return st;
    }
    *out = items;
    *n_out = n;
    return BMD_OK;
}

/* Merge new sites into the list: same name replaces, else append. */
static int merge_sites(bmd_site_list *list, const bmd_site *add, size_t n_add, bmd_errbuf *err)
{
    size_t n_old = list->n, n = n_old;
    bmd_site *items = malloc((n_old + n_add ? n_old + n_add : 1) * sizeof *items);
    if (items == NULL) return bmd_err_set(err, BMD_ENOMEM, "out of memory merging sites");
    if (n_old) memcpy(items, list->items, n_old * sizeof *items);
    for (size_t i = 0; i < n_add; i++) {
        size_t at;
        if (find_index(items, n_old, add[i].name, &at))
            items[at] = add[i];
        else
            items[n++] = add[i];
    }
    free(list->items);
    list->items = items;
    list->n = n;
    return BMD_OK;
}

/* Read a document's sites and merge them into the list (void *: a
 * bmd__yaml_reader). */
static int read_doc(const bmd__yaml *y, void *list, bmd_errbuf *err)
{
    bmd_site *add = NULL;
    size_t n_add = 0;
    int st = read_sites(y, &add, &n_add, err);
    if (!st) st = merge_sites(list, add, n_add, err);
    free(add);
    return st;
}

int bmd_site_list_load(const char *path, bmd_site_list *list, bmd_errbuf *err)
{
    if (path == NULL || list == NULL)
        return bmd_err_set(err, BMD_EINVAL, "bmd_site_list_load: NULL argument");
    char *text = NULL;
    size_t len = 0;
    int st = bmd_input_read(path, 0, &text, &len, err);
    if (st) return st;
#ifdef BMD_CATALOG_SNAPSHOT
    /* The shipped file, byte for byte: the build's parse of it (snapshot.h),
     * merged as read_doc merges. */
    void *add = NULL;
    size_t n_add = 0;
    if (bmd__catalog_snapshot_take(&bmd__catalog_snapshot_sites, path, text, len, &add, &n_add, &st,
                                   err)) {
        if (st == BMD_OK) st = merge_sites(list, add, n_add, err);
        free(add);
        return st;
    }
#endif
    return bmd__yaml_read_owned(path, text, len, read_doc, list, err);
}

int bmd_site_list_load_string(const char *text, size_t len, const char *display_name,
                              bmd_site_list *list, bmd_errbuf *err)
{
    if (text == NULL || list == NULL)
        return bmd_err_set(err, BMD_EINVAL, "bmd_site_list_load_string: NULL argument");
    return bmd__yaml_read(NULL, text, len, display_name, read_doc, list, err);
}

void bmd_site_list_free(bmd_site_list *list)
{
    if (list == NULL) return;
    free(list->items);
    list->items = NULL;
    list->n = 0;
}

/* The nearest site name, or NULL. */
static const char *suggest_site(const bmd_site_list *list, const char *name)
{
    if (list == NULL || list->n == 0) return NULL;
    const char **names = malloc(list->n * sizeof *names);
    if (names == NULL) return NULL;
    for (size_t i = 0; i < list->n; i++)
        names[i] = list->items[i].name;
    const char *s = bmd_suggest(name, names, list->n);
    free(names);
    return s;
}

int bmd_site_find(const bmd_site_list *list, const char *name, const bmd_site **site,
                  bmd_errbuf *err)
{
    if (name == NULL || site == NULL)
        return bmd_err_set(err, BMD_EINVAL, "bmd_site_find: NULL argument");
    size_t at;
    if (list != NULL && find_index(list->items, list->n, name, &at)) {
        *site = &list->items[at];
        return BMD_OK;
    }
    const char *s = suggest_site(list, name);
    if (s != NULL)
        return bmd_err_set(err, BMD_ENOTFOUND, "unknown site '%s' (did you mean '%s'?)", name, s);
    return bmd_err_set(err, BMD_ENOTFOUND, "unknown site '%s'", name);
}

int bmd_site_resolve(const bmd_site_list *list, const char *text, bmd_site *site, bmd_errbuf *err)
{
    if (text == NULL || site == NULL)
        return bmd_err_set(err, BMD_EINVAL, "bmd_site_resolve: NULL argument");
    if (strchr(text, ',') == NULL) {
        const bmd_site *found;
        int st = bmd_site_find(list, text, &found, err);
        if (st == BMD_OK) *site = *found;
        if (st == BMD_ENOTFOUND && suggest_site(list, text) == NULL)
            bmd_err_set(err, st,
                        "unknown site '%s' (a location is written LAT,LON such as 35.9N,128.3E)",
                        text);
        return st;
    }
    bmd_site s;
    int has_alt;
    memset(&s, 0, sizeof s);
    int st = bmd_units_parse_location(text, &s.lat_rad, &s.lon_rad, &s.alt_m, &has_alt, err);
    if (st) return st;
    snprintf(s.name, sizeof s.name, "%.31s", text);
    bmd_units_format_location(s.lat_rad, s.lon_rad, s.alt_m, has_alt, s.label, sizeof s.label);
    snprintf(s.kind, sizeof s.kind, "location");
    snprintf(s.source, sizeof s.source, "given as coordinates");
    *site = s;
    return BMD_OK;
}
