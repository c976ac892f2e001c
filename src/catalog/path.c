/* path.c: file names inside the data directory. */
#include "bmd/catalog.h"

#include <stdio.h>
#include <string.h>

int bmd_data_path(char *out, size_t n, const char *data_dir, const char *relative)
{
    if (out == NULL || n == 0 || data_dir == NULL || relative == NULL) return BMD_EINVAL;
    size_t dlen = strlen(data_dir);
    int plain = relative[0] == '/' || dlen == 0; /* nothing to join */
    while (dlen > 0 && data_dir[dlen - 1] == '/')
        dlen--;
    int w = plain ? snprintf(out, n, "%s", relative)
                  : snprintf(out, n, "%.*s/%s", (int)dlen, data_dir, relative);
    if (w < 0 || (size_t)w >= n) {
        out[0] = '\0';
        return BMD_ELIMIT;
    }
    return BMD_OK;
}
