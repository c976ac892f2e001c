/*
 * data_dir.h: where the tests find the data directory and their fixtures.
 * $BMD_DATA_DIR when set and non-empty (CTest sets it), else the source
 * tree's data/ compiled in as BMD_DATA_DIR_DEFAULT.
 */
#ifndef BMD_TESTS_DATA_DIR_H
#define BMD_TESTS_DATA_DIR_H

#include <stdio.h>
#include <stdlib.h>

static inline const char *tst_data_dir(void)
{
    const char *d = getenv("BMD_DATA_DIR");
    return (d != NULL && d[0] != '\0') ? d : BMD_DATA_DIR_DEFAULT;
}

/* Path of a fixture: "$BMD_DATA_DIR/../tests/data/NAME" into buf. */
static inline const char *tst_fixture(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/../tests/data/%s", tst_data_dir(), name);
    return buf;
}

#endif
