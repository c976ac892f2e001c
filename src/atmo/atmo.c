/*
 * atmo.c: atmosphere models: U.S. Standard Atmosphere 1976 (0-86 km in
 * closed form, 86-1000 km from the table of us76_upper.c), the exponential
 * model and vacuum. Model description: docs/models/atmo.md.
 */
#include "bmd/atmo.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "atmo/atmo_internal.h"
#include "bmd/const.h"

/* Geopotential heights of the layer bases H_b (m') and lapse rates L_M,b
 * (K/m') of US76 table 4; the eighth height is the top, 84.8520 km'. */
static const double hb_m[8] = {0.0, 11000.0, 20000.0, 32000.0, 47000.0, 51000.0, 71000.0, 84852.0};
static const double lapse_kpm[7] = {-6.5e-3, 0.0, 1.0e-3, 2.8e-3, 0.0, -2.8e-3, -2.0e-3};

/* Molecular-weight ratio M/M0 from 80 to 86 km in steps of 0.5 km
 * (US76 table 8), 1; applied as T = T_M M/M0 (eq. 21). */
static const double mratio[13] = {1.000000, 0.999996, 0.999989, 0.999971, 0.999941,
                                  0.999909, 0.999870, 0.999829, 0.999786, 0.999741,
                                  0.999694, 0.999641, 0.999579};

/* g0 M0 / R* (K/m'), the hydrostatic constant of eqs. 33a-b. */
#define GMR_KPM (BMD_G0_MPS2 * BMD_US76_M0_KGPKMOL / BMD_US76_RSTAR_JPKMOLK)

int bmd_atmo_kinks(const bmd_atmo *atm, double z_m[], int max)
{
    if (atm == NULL || z_m == NULL) return 0;
    int n = 0;
    for (int b = 1; b < 7 && n < max; b++)
        z_m[n++] = BMD_US76_R0_M * hb_m[b] / (BMD_US76_R0_M - hb_m[b]);
    /* the switch to the upper formulas (84.852 km' is 86.0000 km) */
    if (n < max) z_m[n++] = BMD__US76_Z7_M;
    return n;
}

const char *bmd_atmo_name(bmd_atmo_kind kind)
{
    switch (kind) {
    case BMD_ATMO_US76:
        return "us76";
    case BMD_ATMO_EXPONENTIAL:
        return "exponential";
    case BMD_ATMO_NONE:
        return "none";
    }
    return "unknown";
}

/* Pressure at geopotential height h in layer b (US76 eqs. 33a, 33b), Pa. */
static double layer_p(const bmd_atmo *atm, int b, double h_m, double tm_k)
{
    if (lapse_kpm[b] == 0.0) return atm->p_base_pa[b] * exp(-GMR_KPM * (h_m - hb_m[b]) / tm_k);
    return atm->p_base_pa[b] * pow(atm->tm_base_k[b] / tm_k, GMR_KPM / lapse_kpm[b]);
}

/* Layer bases from the sea-level values (US76 sec. 1.2.5). */
static void fill_layers(bmd_atmo *atm)
{
    atm->tm_base_k[0] = BMD_US76_T0_K;
    atm->p_base_pa[0] = BMD_P0_PA;
    for (int b = 0; b < 7; b++) {
        double tm = atm->tm_base_k[b] + lapse_kpm[b] * (hb_m[b + 1] - hb_m[b]);
        atm->tm_base_k[b + 1] = tm;
        atm->p_base_pa[b + 1] = layer_p(atm, b, hb_m[b + 1], tm);
    }
}

/* Lowest node of the 0-86 km ln p table (m') and its spacing. */
#define LOW_H0_M (-6000.0)
#define LOW_DH_M 1000.0

/* The layer of geopotential height h_m (m'). */
static int layer_of(double h_m)
{
    int b = 6;
    while (b > 0 && h_m < hb_m[b])
        b--;
    return b;
}

/*
 * Hermite coefficients of ln p per 1 km' interval, from the closed form at
 * the nodes and its exact slope d ln p / dH = -g0 M0 / (R* T_M) (eqs.
 * 33a-b). Every layer base is a node, so each interval lies in one layer,
 * where ln p is smooth: the cubic's error is at most
 * dH^4 / 384 max |d^4 ln p / dH^4| = dH^4 / 384 * 6 GMR |L|^3 / T_M^4,
 * 6.6e-8 in layer 0 (L = -6.5 K/km', T_M >= 216.65 K) and less elsewhere:
 * p within 1e-7 relative (tests/atmo checks it against the closed form).
 */
static void fill_low_table(bmd_atmo *atm)
{
    for (int i = 0; i < BMD_ATMO_LOW_N; i++) {
        double h0 = LOW_H0_M + LOW_DH_M * i, h1 = h0 + LOW_DH_M, f[2], d[2];
        int b = layer_of(h0); /* the interval's layer (h1 may be the next base) */
        atm->low_layer[i] = (unsigned char)b;
        for (int k = 0; k < 2; k++) {
            double h = k == 0 ? h0 : h1;
            double tm = atm->tm_base_k[b] + lapse_kpm[b] * (h - hb_m[b]);
            f[k] = log(layer_p(atm, b, h, tm));
            d[k] = -GMR_KPM / tm * LOW_DH_M;
        }
        double *c = atm->c_ln_p_low[i];
        c[0] = f[0];
        c[1] = d[0];
        c[2] = 3.0 * (f[1] - f[0]) - 2.0 * d[0] - d[1];
        c[3] = 2.0 * (f[0] - f[1]) + d[0] + d[1];
    }
}

/* Lowest node of the direct tables (m') and their spacing. */
#define DIRECT_H0_M (-6000.0)
#define DIRECT_DH_M 500.0

/* The Hermite coefficients in t in [0, 1] of values f[2] and slopes d[2]
 * (per unit t) at the ends of an interval. */
static void hermite(const double f[2], const double d[2], double c[4])
{
    c[0] = f[0];
    c[1] = d[0];
    c[2] = 3.0 * (f[1] - f[0]) - 2.0 * d[0] - d[1];
    c[3] = 2.0 * (f[0] - f[1]) + d[0] + d[1];
}

/*
 * The direct tables: rho, p and a per 0.5 km' from the closed forms at the
 * nodes and their exact slopes in H, d ln p/dH = -g0 M0/(R* T_M), d ln rho
 * = d ln p - L/T_M dH, d ln a = L/(2 T_M) dH (eqs. 33a-b, 42, 50). Every
 * layer base is a node, so each cubic lies in one layer, where the
 * functions are smooth. Error dH^4/384 max |f^(4)|: for p, in an
 * isothermal layer, (dH/Hs)^4/384 with the scale height Hs = R* T_M /
 * (M0 g0) >= 5.47 km (T_M >= 186.9 K): 1.8e-7 relative; rho's slopes are
 * larger by (g0 M0/R* + |L|)/(g0 M0/R*) <= 1.08, so 2.5e-7; a, as
 * sqrt(T_M) with T_M linear, (15/16) (L/T_M)^4 dH^4/384 = 1.2e-10 (tests/atmo
 * measures all three).
 */
static void fill_direct_table(bmd_atmo *atm)
{
    for (int i = 0; i < BMD_ATMO_DIRECT_N; i++) {
        double h0 = DIRECT_H0_M + DIRECT_DH_M * i, fr[2], dr[2], fp[2], dp[2], fa[2], da[2];
        int b = layer_of(h0); /* the interval's layer (h1 may be the next base) */
        for (int k = 0; k < 2; k++) {
            double h = h0 + DIRECT_DH_M * k;
            double tm = atm->tm_base_k[b] + lapse_kpm[b] * (h - hb_m[b]);
            fp[k] = layer_p(atm, b, h, tm);
            fr[k] = fp[k] * BMD_US76_M0_KGPKMOL / (BMD_US76_RSTAR_JPKMOLK * tm);
            fa[k] = sqrt(BMD_US76_GAMMA * BMD_US76_RSTAR_JPKMOLK * tm / BMD_US76_M0_KGPKMOL);
            dp[k] = -fp[k] * GMR_KPM / tm * DIRECT_DH_M;
            dr[k] = -fr[k] * (GMR_KPM + lapse_kpm[b]) / tm * DIRECT_DH_M;
            da[k] = fa[k] * 0.5 * lapse_kpm[b] / tm * DIRECT_DH_M;
        }
        hermite(fr, dr, atm->c_rho_direct[i]);
        hermite(fp, dp, atm->c_p_direct[i]);
        hermite(fa, da, atm->c_a_direct[i]);
    }
}

/* The interval of the 0-86 km table holding geopotential height h_m (m'),
 * and in *t the position in it, 0..1. */
static int low_interval(double h_m, double *t)
{
    double u = (h_m - LOW_H0_M) * (1.0 / LOW_DH_M);
    int i = (int)u;
    if (i < 0) i = 0;
    if (i > BMD_ATMO_LOW_N - 1) i = BMD_ATMO_LOW_N - 1;
    *t = u - i;
    return i;
}

/* Pressure from the table in interval i at position t, Pa. */
static double low_p(const bmd_atmo *atm, int i, double t)
{
    const double *c = atm->c_ln_p_low[i];
    return exp(c[0] + t * (c[1] + t * (c[2] + t * c[3])));
}

/* layer_of(h_m) for h_m in interval i, from the interval's layer (the index
 * from rounded arithmetic may be one off at a node): no search. */
static int layer_in(const bmd_atmo *atm, int i, double h_m)
{
    int b = atm->low_layer[i];
    if (b > 0 && h_m < hb_m[b]) return b - 1;
    if (b < 6 && h_m >= hb_m[b + 1]) return b + 1;
    return b;
}

double bmd__us76_lower_p_exact(const bmd_atmo *atm, double z_m)
{
    double h_m = BMD_US76_R0_M * z_m / (BMD_US76_R0_M + z_m);
    int b = layer_of(h_m);
    return layer_p(atm, b, h_m, atm->tm_base_k[b] + lapse_kpm[b] * (h_m - hb_m[b]));
}

int bmd_atmo_init(bmd_atmo *atm, bmd_atmo_kind kind)
{
    if (atm == NULL ||
        (kind != BMD_ATMO_US76 && kind != BMD_ATMO_EXPONENTIAL && kind != BMD_ATMO_NONE))
        return BMD_EINVAL;
    atm->kind = kind;
    atm->rho0_kgpm3 = BMD_EXPATM_RHO0_KGPM3;
    atm->scale_h_m = BMD_EXPATM_H_M;
    fill_layers(atm);
    fill_low_table(atm);
    if (kind == BMD_ATMO_US76) {
        fill_direct_table(atm); /* about 10 us */
#ifdef BMD_US76_TABLE_BUILTIN   /* computed at build time by the same code */
        memcpy(atm->c_ln_p, bmd__us76_table_ln_p, sizeof atm->c_ln_p);
        memcpy(atm->c_ln_rho, bmd__us76_table_ln_rho, sizeof atm->c_ln_rho);
#else
        bmd__us76_build_table(atm, BMD__US76_NSUB);
#endif
    }
    return BMD_OK;
}

/* What bmd__atmo_fast computes besides the density (bmd__ATMO_* flags). */
#define WANT_ALL (BMD__ATMO_P | BMD__ATMO_A | BMD__ATMO_T)

/*
 * US76 below 86 km: kinetic temperature (want T), molecular-scale
 * temperature T_M, and pressure if p_pa != NULL. Geopotential height
 * H = r0 Z / (r0 + Z) (eq. 18); T_M linear in H per layer (eq. 23).
 */
static void us76_lower(const bmd_atmo *atm, double z_m, unsigned want, double *t_k, double *tm_k,
                       double *p_pa)
{
    double h_m = BMD_US76_R0_M * z_m / (BMD_US76_R0_M + z_m), t;
    int i = low_interval(h_m, &t), b = layer_in(atm, i, h_m);
    double tm = atm->tm_base_k[b] + lapse_kpm[b] * (h_m - hb_m[b]);
    *tm_k = tm;
    if (want & BMD__ATMO_T) {
        double ratio = 1.0;
        if (z_m > 80000.0) {
            double u = (z_m - 80000.0) * (1.0 / 500.0);
            int k = (int)u;
            if (k > 11) k = 11;
            ratio = mratio[k] + (u - k) * (mratio[k + 1] - mratio[k]);
        }
        *t_k = tm * ratio;
    }
    if (p_pa != NULL) *p_pa = low_p(atm, i, t);
}

/* Speed of sound sqrt(gamma R* T / M0) (US76 eq. 50), m/s. */
static double sound_speed(double t_k)
{
    return sqrt(BMD_US76_GAMMA * BMD_US76_RSTAR_JPKMOLK * t_k / BMD_US76_M0_KGPKMOL);
}

/* US76 state at z_m in [-5 km, 1000 km]: p and rho only if want_prho (p
 * then only if want has P), speed of sound and temperature as want says. */
static void us76_state(const bmd_atmo *atm, double z_m, int want_prho, unsigned want,
                       bmd_atmo_point *out)
{
    if (z_m < BMD__US76_Z7_M) {
        double tm, p;
        us76_lower(atm, z_m, want, &out->t_k, &tm, want_prho ? &p : NULL);
        if (want & BMD__ATMO_A) out->a_mps = sound_speed(tm);
        if (want_prho) {
            out->p_pa = p;
            /* rho = p M0 / (R* T_M) (eq. 42 with T/M = T_M/M0). */
            out->rho_kgpm3 = p * BMD_US76_M0_KGPKMOL / (BMD_US76_RSTAR_JPKMOLK * tm);
        }
        return;
    }
    if (want & (BMD__ATMO_A | BMD__ATMO_T)) {
        out->t_k = bmd__us76_upper_t(z_m, NULL);
        out->a_mps = sound_speed(out->t_k);
    }
    if (want_prho) {
        double lp, lr;
        bmd__us76_upper_lnp_lnrho(atm, z_m, &lp, &lr);
        if (want & BMD__ATMO_P) out->p_pa = exp(lp);
        out->rho_kgpm3 = exp(lr);
    }
}

static int fail(bmd_atmo_point *out)
{
    if (out != NULL) {
        out->t_k = NAN;
        out->p_pa = NAN;
        out->rho_kgpm3 = NAN;
        out->a_mps = NAN;
    }
    return BMD_EINVAL;
}

int bmd__atmo_usable(const bmd_atmo *atm)
{
    if (atm == NULL) return 0;
    bmd_atmo_kind kind = atm->kind;
    if (kind == BMD_ATMO_EXPONENTIAL)
        return atm->rho0_kgpm3 >= 0.0 && isfinite(atm->rho0_kgpm3) && atm->scale_h_m > 0.0 &&
               isfinite(atm->scale_h_m);
    return kind == BMD_ATMO_US76 || kind == BMD_ATMO_NONE;
}

int bmd__atmo_fast(const bmd_atmo *atm, double alt_m, unsigned want, bmd_atmo_point *out)
{
    bmd_atmo_kind kind = atm->kind;
    if (alt_m > BMD_US76_ZMAX_M) {
        out->t_k = 1000.0; /* T_inf of US76 (eq. 31) */
        out->p_pa = 0.0;
        out->rho_kgpm3 = 0.0;
        out->a_mps = sound_speed(out->t_k);
        return BMD_WRANGE;
    }
    int st = BMD_OK;
    if (alt_m < BMD_US76_ZMIN_M) {
        alt_m = BMD_US76_ZMIN_M;
        st = BMD_WRANGE;
    }
    /* the exponential model's pressure is rho a^2 / gamma */
    if (kind == BMD_ATMO_EXPONENTIAL && (want & BMD__ATMO_P)) want |= BMD__ATMO_A;
    int no_rho = (want & BMD__ATMO_NO_RHO) != 0;
    us76_state(atm, alt_m, kind == BMD_ATMO_US76 && !no_rho, want, out);
    if (no_rho) return st;
    if (kind == BMD_ATMO_EXPONENTIAL) {
        out->rho_kgpm3 = atm->rho0_kgpm3 * exp(-alt_m / atm->scale_h_m);
        if (want & BMD__ATMO_P)
            out->p_pa = out->rho_kgpm3 * out->a_mps * out->a_mps / BMD_US76_GAMMA;
    } else if (kind == BMD_ATMO_NONE) {
        out->rho_kgpm3 = 0.0;
        out->p_pa = 0.0;
    }
    return st;
}

/* A cubic of the direct tables at position t. */
static double cubic(const double c[4], double t)
{
    return c[0] + t * (c[1] + t * (c[2] + t * c[3]));
}

int bmd__atmo_direct(const bmd_atmo *atm, double alt_m, unsigned want, bmd_atmo_point *out)
{
    if (atm->kind != BMD_ATMO_US76 || !(alt_m >= BMD_US76_ZMIN_M && alt_m < BMD__US76_Z7_M))
        return bmd__atmo_fast(atm, alt_m, want, out);
    double h_m = BMD_US76_R0_M * alt_m / (BMD_US76_R0_M + alt_m);
    double u = (h_m - DIRECT_H0_M) * (1.0 / DIRECT_DH_M);
    int i = (int)u;
    if (i > BMD_ATMO_DIRECT_N - 1) i = BMD_ATMO_DIRECT_N - 1;
    double t = u - i;
    out->rho_kgpm3 = cubic(atm->c_rho_direct[i], t);
    if (want & BMD__ATMO_P) out->p_pa = cubic(atm->c_p_direct[i], t);
    if (want & BMD__ATMO_A) out->a_mps = cubic(atm->c_a_direct[i], t);
    if (want & BMD__ATMO_T) { /* not tabulated: the closed form */
        bmd_atmo_point pt;
        (void)bmd__atmo_fast(atm, alt_m, BMD__ATMO_T, &pt);
        out->t_k = pt.t_k;
    }
    return BMD_OK;
}

int bmd_atmo_eval(const bmd_atmo *atm, double alt_m, bmd_atmo_point *out)
{
    if (out == NULL || isnan(alt_m) || !bmd__atmo_usable(atm)) return fail(out);
    return bmd__atmo_fast(atm, alt_m, WANT_ALL, out);
}
