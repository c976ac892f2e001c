/* fuzz_chunk.c: the footprint resume-chunk reader (bmd_fp_chunk_decode): a
 * damaged chunk must be refused, never read; an accepted one re-encodes to
 * the same bytes. */
#include "bmd/footprint.h"
#include "fuzz_env.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < BMD_FP_CHUNK_OVERHEAD) {
        (void)bmd_fp_chunk_decode(data, size, 0, 0, NULL, 0);
        return 0;
    }
    size_t n = (size - BMD_FP_CHUNK_OVERHEAD) / sizeof(bmd_fp_cell);
    uint64_t hdr[3];
    memcpy(hdr, data + 8, sizeof hdr); /* take hash and index from the input */
    bmd_fp_cell *c = malloc((n ? n : 1) * sizeof *c);
    unsigned char *again = malloc(bmd_fp_chunk_size(n));
    if (c == NULL || again == NULL) abort();
    if (bmd_fp_chunk_decode(data, size, hdr[0], hdr[1], c, n) == BMD_OK) {
        bmd_fp_chunk_encode(hdr[0], hdr[1], c, n, again);
        if (size != bmd_fp_chunk_size(n) || memcmp(again, data, size) != 0) abort();
    }
    free(c);
    free(again);
    return 0;
}
