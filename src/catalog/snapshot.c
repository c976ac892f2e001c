/* snapshot.c: the build-time catalog snapshots' use (see snapshot.h). */
#include "catalog/snapshot.h"

#include <stdlib.h>
#include <string.h>

int bmd__catalog_snapshot_take(const bmd__catalog_snapshot *s, const char *path, char *text,
                               size_t len, void **items, size_t *n, int *status, bmd_errbuf *err)
{
    if (s == NULL || s->text == NULL || text == NULL || len != s->len ||
        memcmp(text, s->text, len) != 0)
        return 0;
    free(text);
    size_t bytes = s->n * s->item_size;
    void *copy = malloc(bytes ? bytes : 1);
    *items = copy;
    *n = copy ? s->n : 0;
    if (copy == NULL) {
        *status = bmd_err_set(err, BMD_ENOMEM, "%s: out of memory", path);
        return 1;
    }
    if (bytes) memcpy(copy, s->items, bytes);
    *status = BMD_OK;
    return 1;
}
