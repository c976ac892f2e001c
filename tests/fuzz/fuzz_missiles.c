/* fuzz_missiles.c: the missiles catalog loader (bmd_missile_list_load_string) on arbitrary bytes.
 */
#include "fuzz_env.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    bmd_missile_list list;
    memset(&list, 0, sizeof list);
    bmd_errbuf e = {{0}};
    int st = bmd_missile_list_load_string((const char *)data, size, "fuzz.yaml", &list, &e);
    fuzz_check_status(st, &e);
    bmd_missile_list_free(&list);
    return 0;
}
