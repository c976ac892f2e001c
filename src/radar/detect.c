/*
 * detect.c: detection probability for Swerling 0 and 1 targets, its
 * inverse, cumulative detection. docs/models/radar.md, "Detection".
 */
#include <math.h>

#include "bmd/radar.h"

/* Bound on |a - b| beyond which Q1 is within exp(-81/2) = 2.6e-18 of 0 or 1
 * (Simon & Alouini 2000: 1 - Q1(a,b) <= exp(-(a-b)^2/2) for a > b and
 * Q1(a,b) <= exp(-(b-a)^2/2) for b > a). */
#define MARCUM_GAP 9.0
/* Relative size below which further Poisson terms are dropped. */
#define MARCUM_EPS 1e-17

/* Sum of the Poisson-weighted gamma tails going up from k0 (inclusive). */
static double marcum_up(double lam, double t, long k0, double w0, double g0)
{
    /* g_k = Q(k+1, t) = e^-t sum_{j<=k} t^j / j!; term_k = e^-t t^k / k!. */
    double w = w0, g = g0, term = exp((double)k0 * log(t) - t - lgamma((double)k0 + 1.0));
    double sum = 0.0;
    for (long k = k0;; k++) {
        sum += w * g;
        double kp = (double)(k + 1);
        w *= lam / kp;
        term *= t / kp;
        g += term;
        if (g > 1.0) g = 1.0;
        if (w <= MARCUM_EPS * sum && (double)k > lam) break;
    }
    return sum;
}

/* Sum of the Poisson-weighted gamma tails going down from k0 - 1. */
static double marcum_down(double lam, double t, long k0, double w0, double g0)
{
    double w = w0, g = g0, sum = 0.0;
    /* term of index k0: e^-t t^k0 / k0!, removed to step g from k0 to k0-1. */
    double term = exp((double)k0 * log(t) - t - lgamma((double)k0 + 1.0));
    for (long k = k0 - 1; k >= 0; k--) {
        double kp = (double)(k + 1);
        g -= term;
        if (g < 0.0) g = 0.0;
        term *= kp / t;
        w *= kp / lam;
        sum += w * g;
        if (w <= MARCUM_EPS * sum && (double)k < lam) break;
    }
    return sum;
}

double bmd_marcum_q1(double a, double b)
{
    if (!(a >= 0.0) || !(b >= 0.0)) return NAN;
    if (a - b > MARCUM_GAP) return 1.0;
    if (b - a > MARCUM_GAP) return 0.0;
    double lam = 0.5 * a * a, t = 0.5 * b * b;
    if (t == 0.0) return 1.0;
    if (lam == 0.0) return exp(-t); /* Q1(0, b) = exp(-b^2/2) */
    long k0 = (long)floor(lam);
    double w0 = exp((double)k0 * log(lam) - lam - lgamma((double)k0 + 1.0));
    /* Q(k0+1, t) = e^-t sum_{j<=k0} t^j/j!: the regularised upper gamma. */
    double g0 = 0.0, term = exp(-t);
    for (long j = 0; j <= k0; j++) {
        g0 += term;
        term *= t / (double)(j + 1);
    }
    if (g0 > 1.0) g0 = 1.0;
    double q = marcum_up(lam, t, k0, w0, g0) + marcum_down(lam, t, k0, w0, g0);
    return q > 1.0 ? 1.0 : q;
}

static double pd_swerling0(double snr, double pfa)
{
    return bmd_marcum_q1(sqrt(2.0 * snr), sqrt(-2.0 * log(pfa)));
}

/* Swerling 1, one look: the threshold -ln Pfa against an exponential
 * signal-plus-noise power of mean 1 + SNR (Skolnik 2001 eq. 2.41). */
static double pd_swerling1(double snr, double pfa)
{
    return pow(pfa, 1.0 / (1.0 + snr));
}

const bmd_detector bmd_detector_swerling0 = {"swerling0", pd_swerling0};
const bmd_detector bmd_detector_swerling1 = {"swerling1", pd_swerling1};

const bmd_detector *bmd_detector_swerling(int n)
{
    if (n == 0) return &bmd_detector_swerling0;
    if (n == 1) return &bmd_detector_swerling1;
    return NULL;
}

int bmd_radar_pd(const bmd_detector *det, double snr, double pfa, double *pd)
{
    if (det == NULL || pd == NULL || !(snr >= 0.0) || !isfinite(snr) || !(pfa > 0.0 && pfa < 1.0))
        return BMD_EINVAL;
    *pd = det->pd(snr, pfa);
    return BMD_OK;
}

int bmd_radar_snr_for_pd(const bmd_detector *det, double pd, double pfa, double *snr)
{
    if (det == NULL || snr == NULL || !(pfa > 0.0 && pfa < 1.0) || !(pd > pfa && pd < 1.0))
        return BMD_EINVAL;
    double lo = -40.0, hi = 80.0; /* dB */
    if (det->pd(pow(10.0, 0.1 * hi), pfa) < pd) return BMD_EINVAL;
    while (hi - lo > 1e-10) {
        double mid = 0.5 * (lo + hi);
        if (det->pd(pow(10.0, 0.1 * mid), pfa) < pd)
            lo = mid;
        else
            hi = mid;
    }
    *snr = pow(10.0, 0.05 * (lo + hi));
    return BMD_OK;
}

int bmd_radar_pd_cumulative(const double *pd, size_t n, double *pc)
{
    if (pd == NULL || pc == NULL || n == 0) return BMD_EINVAL;
    double miss = 1.0;
    for (size_t i = 0; i < n; i++) {
        if (!(pd[i] >= 0.0 && pd[i] <= 1.0)) return BMD_EINVAL;
        miss *= 1.0 - pd[i];
    }
    *pc = 1.0 - miss;
    return BMD_OK;
}
