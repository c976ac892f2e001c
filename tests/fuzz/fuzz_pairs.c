/* fuzz_pairs.c: the `visibility --pairs` list reader (bmd_pairs_parse). */
#include "bmd/input.h"
#include "fuzz_env.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static bmd_pair p[BMD_PAIRS_MAX];
    size_t n = 0;
    bmd_errbuf e = {{0}};
    int st = bmd_pairs_parse((const char *)data, size, "fuzz.txt", size % 2 ? "nodong" : NULL, p,
                             BMD_PAIRS_MAX, &n, &e);
    fuzz_check_status(st, &e);
    for (size_t i = 0; st == BMD_OK && i < n; i++)
        if (p[i].from[0] == '\0' || p[i].to[0] == '\0' || p[i].missile[0] == '\0') abort();
    return 0;
}
