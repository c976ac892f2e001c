/* fuzz_scenario.c: the scenario loader (bmd_scenario_load_string) and its
 * semantic check on arbitrary bytes. */
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
    bmd_scenario s;
    bmd_errbuf e = {{0}};
    bmd_scenario_init(&s);
    /* base_dir: a `sites:` key names a file relative to a directory that
     * does not exist, so the fuzzer cannot wander the file system. */
    int st = bmd_scenario_load_string((const char *)data, size, "fuzz.yaml",
                                      "/nonexistent-bmd-fuzz", &fuzz_cat.env, &s, &e);
    fuzz_check_status(st, &e);
    if (st == BMD_OK) fuzz_check_status(bmd_scenario_check(&s, &e), &e);
    bmd_scenario_free(&s);
    return 0;
}
