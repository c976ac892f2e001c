/*
 * suggest.c: "did you mean ...?" by the optimal string alignment distance
 * (restricted Damerau-Levenshtein: insert, delete, substitute, swap two
 * adjacent characters, each costing 1; Damerau 1964, Wagner & Fischer 1974).
 */
#include "bmd/input.h"

#include <string.h>

#define SUGGEST_MAX_LEN 63

static char lower(char c)
{
    return (char)((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
}

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

/* OSA distance between a[0..na) and b[0..nb), ignoring case; three rows. */
static size_t osa_distance(const char *a, size_t na, const char *b, size_t nb)
{
    size_t r0[SUGGEST_MAX_LEN + 1], r1[SUGGEST_MAX_LEN + 1], r2[SUGGEST_MAX_LEN + 1];
    size_t *prev2 = r0, *prev = r1, *cur = r2;
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
            cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
                lower(a[i - 2]) == lower(b[j - 1]) && prev2[j - 2] + 1 < cur[j])
                cur[j] = prev2[j - 2] + 1;
        }
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[nb];
}

/* How far a name of this length may be from a suggestion; always less than
 * the length, so that "k" is not "close" to "m". */
static size_t allowed_distance(size_t len)
{
    size_t d = len <= 4 ? 1 : len <= 8 ? 2 : 3;
    return d < len ? d : len - 1;
}

static int is_prefix(const char *name, size_t len, const char *cand)
{
    for (size_t i = 0; i < len; i++)
        if (cand[i] == '\0' || lower(cand[i]) != lower(name[i])) return 0;
    return 1;
}

/* The candidate that name is a prefix of, when exactly one is. */
static const char *unique_prefix(const char *name, size_t len, const char *const *cand, size_t n)
{
    const char *hit = NULL;
    for (size_t i = 0; i < n; i++) {
        if (cand[i] == NULL || !is_prefix(name, len, cand[i])) continue;
        if (hit != NULL) return NULL;
        hit = cand[i];
    }
    return hit;
}

const char *bmd_suggest(const char *name, const char *const *candidates, size_t n)
{
    if (name == NULL || candidates == NULL) return NULL;
    size_t len = strlen(name);
    if (len == 0 || len > SUGGEST_MAX_LEN) return NULL;
    const char *best = NULL;
    size_t best_d = allowed_distance(len) + 1;
    for (size_t i = 0; i < n; i++) {
        if (candidates[i] == NULL) continue;
        size_t clen = strlen(candidates[i]);
        if (clen > SUGGEST_MAX_LEN) continue;
        size_t d = osa_distance(name, len, candidates[i], clen);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    if (best == NULL && len >= 3) best = unique_prefix(name, len, candidates, n);
    return best;
}
