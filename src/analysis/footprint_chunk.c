/*
 * footprint_chunk.c: the resume-chunk file format of bmd/footprint.h, with a
 * checksum so that a damaged chunk is recomputed instead of trusted.
 */
#include <string.h>

#include "bmd/footprint.h"

/* FNV-1a, 64 bit (Fowler, Noll and Vo; offset basis and prime of the
 * published 64-bit variant). */
static uint64_t fnv1a(const unsigned char *p, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

size_t bmd_fp_chunk_size(size_t n)
{
    return BMD_FP_CHUNK_OVERHEAD + n * sizeof(bmd_fp_cell);
}

void bmd_fp_chunk_encode(uint64_t hash, uint64_t k, const bmd_fp_cell *cells, size_t n,
                         unsigned char *out)
{
    uint64_t hdr[3] = {hash, k, (uint64_t)n};
    memcpy(out, BMD_FP_CHUNK_MAGIC, 8);
    memcpy(out + 8, hdr, sizeof hdr);
    if (n) memcpy(out + 32, cells, n * sizeof *cells);
    uint64_t sum = fnv1a(out, 32 + n * sizeof *cells);
    memcpy(out + 32 + n * sizeof *cells, &sum, sizeof sum);
}

int bmd_fp_chunk_decode(const unsigned char *data, size_t len, uint64_t hash, uint64_t k,
                        bmd_fp_cell *cells, size_t n)
{
    if (data == NULL || len != bmd_fp_chunk_size(n) || memcmp(data, BMD_FP_CHUNK_MAGIC, 8) != 0)
        return BMD_EPARSE;
    uint64_t hdr[3], sum;
    memcpy(hdr, data + 8, sizeof hdr);
    if (hdr[0] != hash || hdr[1] != k || hdr[2] != (uint64_t)n) return BMD_EPARSE;
    size_t body = 32 + n * sizeof *cells;
    memcpy(&sum, data + body, sizeof sum);
    if (sum != fnv1a(data, body)) return BMD_EPARSE;
    for (size_t i = 0; i < n; i++) {
        bmd_fp_cell c;
        memcpy(&c, data + 32 + i * sizeof c, sizeof c);
        if (c.state < BMD_FP_UNDEFENDED || c.state > BMD_FP_UNREACHED || c.n_reach < 0)
            return BMD_EPARSE;
    }
    if (n) memcpy(cells, data + 32, n * sizeof *cells);
    return BMD_OK;
}
