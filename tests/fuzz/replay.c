/* replay.c: a main() for a fuzz target without libFuzzer, so that the
 * regular (gcc or clang) and sanitizer builds run every target over its
 * seeds and saved findings as a CTest (fuzz_replay): LLVMFuzzerInitialize
 * once, then LLVMFuzzerTestOneInput on each file named on the command line.
 * A target reports a broken promise by abort(); the sanitizer build adds
 * ASan and UBSan. Prints how many inputs ran. */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_env.h"

/* The whole file, or NULL (reported). */
static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return NULL;
    }
    size_t cap = 4096, len = 0;
    unsigned char *b = malloc(cap);
    while (b != NULL) {
        len += fread(b + len, 1, cap - len, f);
        if (len < cap) break;
        unsigned char *nb = realloc(b, cap *= 2);
        if (nb == NULL) free(b);
        b = nb;
    }
    if (b == NULL || ferror(f)) {
        fprintf(stderr, "%s: cannot read\n", path);
        free(b);
        b = NULL;
    }
    fclose(f);
    *n = len;
    return b;
}

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    int ran = 0;
    for (int i = 1; i < argc; i++) {
        size_t n = 0;
        unsigned char *b = slurp(argv[i], &n);
        if (b == NULL) return 1;
        LLVMFuzzerTestOneInput(b, n);
        free(b);
        ran++;
    }
    printf("%s: %d inputs, no finding\n", argv[0], ran);
    return 0;
}
