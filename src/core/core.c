/* core.c: angles, interpolation, random numbers. */
#include "bmd/core.h"

#include <math.h>

#include "bmd/const.h"

double bmd_wrap_2pi(double a_rad)
{
    double w = fmod(a_rad, 2.0 * BMD_PI);
    if (w < 0.0) w += 2.0 * BMD_PI;
    /* fmod of a tiny negative number can round up to exactly 2 pi. */
    if (w >= 2.0 * BMD_PI) w = 0.0;
    return w;
}

double bmd_wrap_pi(double a_rad)
{
    double w = bmd_wrap_2pi(a_rad + BMD_PI) - BMD_PI;
    return w;
}

int bmd_interp1(const double *x, const double *y, size_t n, double xq, double *yq)
{
    if (x == NULL || y == NULL || yq == NULL || n == 0) return BMD_EINVAL;
    if (n == 1 || xq <= x[0]) {
        *yq = y[0];
        return (n == 1 || xq == x[0]) ? BMD_OK : BMD_WRANGE;
    }
    if (xq >= x[n - 1]) {
        *yq = y[n - 1];
        return xq == x[n - 1] ? BMD_OK : BMD_WRANGE;
    }
    size_t lo = 0, hi = n - 1; /* x[lo] <= xq < x[hi] */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (x[mid] <= xq)
            lo = mid;
        else
            hi = mid;
    }
    double t = (xq - x[lo]) / (x[hi] - x[lo]);
    *yq = y[lo] + t * (y[hi] - y[lo]);
    return BMD_OK;
}

/* splitmix64 (Steele, Lea & Flood 2014): a well-mixed 64-bit sequence used
 * only to fill the xoshiro state from (seed, stream). */
static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void bmd_rng_init(bmd_rng *rng, uint64_t seed, uint64_t stream)
{
    /* Mix the stream index through splitmix first so that neighbouring
     * (seed, stream) pairs do not start from overlapping splitmix runs. */
    uint64_t k = stream;
    uint64_t x = seed ^ splitmix64(&k);
    for (int i = 0; i < 4; i++)
        rng->s[i] = splitmix64(&x);
    rng->have_spare = 0;
    rng->spare = 0.0;
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t bmd_rng_u64(bmd_rng *rng)
{
    uint64_t *s = rng->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double bmd_rng_uniform(bmd_rng *rng)
{
    return (double)(bmd_rng_u64(rng) >> 11) * 0x1.0p-53;
}

double bmd_rng_normal(bmd_rng *rng)
{
    if (rng->have_spare) {
        rng->have_spare = 0;
        return rng->spare;
    }
    double u, v, s;
    do {
        u = 2.0 * bmd_rng_uniform(rng) - 1.0;
        v = 2.0 * bmd_rng_uniform(rng) - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    double m = sqrt(-2.0 * log(s) / s);
    rng->spare = v * m;
    rng->have_spare = 1;
    return u * m;
}
