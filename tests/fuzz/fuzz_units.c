/* fuzz_units.c: the value-with-unit parser for every quantity, the location
 * parser and the site resolver (a name or LAT,LON[,ALT]) on arbitrary text.
 * A parsed value must be finite and read back by bmd_units_format. */
#include <math.h>

#include "bmd/input.h"
#include "fuzz_env.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_load_catalogs();
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char text[256];
    if (size >= sizeof text) size = sizeof text - 1;
    memcpy(text, data, size);
    text[size] = '\0';
    bmd_errbuf e = {{0}};
    for (int q = 0; q < BMD_Q_COUNT; q++) {
        double v = 0.0;
        int st = bmd_units_parse(text, (bmd_quantity)q, &v, &e);
        fuzz_check_status(st, &e);
        if (st == BMD_OK && !isfinite(v)) abort();
        char out[64];
        if (st == BMD_OK) (void)bmd_units_format(v, (bmd_quantity)q, out, sizeof out);
    }
    double lat, lon, alt;
    int has_alt;
    int st = bmd_units_parse_location(text, &lat, &lon, &alt, &has_alt, &e);
    fuzz_check_status(st, &e);
    if (st == BMD_OK && (!(fabs(lat) <= 1.5707963267948967) || !isfinite(lon))) abort();
    bmd_site site;
    fuzz_check_status(bmd_site_resolve(&fuzz_cat.sites, text, &site, &e), &e);
    return 0;
}
