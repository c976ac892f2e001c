/* snapshot.c: the build-time catalog snapshots' use (see snapshot.h). */
#include "catalog/snapshot.h"

#include <stdlib.h>
#include <string.h>

int bmd__catalog_snapshot_take(const bmd__catalog_snapshot *s, const char *text, size_t len,
                               void **items, size_t *n)
{
    if (s == NULL || s->text == NULL || text == NULL || len != s->len ||
        memcmp(text, s->text, len) != 0)
        return 0;
    size_t bytes = s->n * s->item_size;
    void *copy = malloc(bytes ? bytes : 1);
    if (copy == NULL) return -1;
    if (bytes) memcpy(copy, s->items, bytes);
    *items = copy;
    *n = s->n;
    return 1;
}
