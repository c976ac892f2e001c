/*
 * solve.c: one-dimensional root finding and minimisation without
 * derivatives (Brent 1973; bmd/solve.h).
 */
#include "bmd/solve.h"

#include <float.h>
#include <math.h>

static int same_sign(double a, double b)
{
    return (a > 0.0 && b > 0.0) || (a < 0.0 && b < 0.0);
}

/* Brent's step choice: inverse quadratic / secant if it stays well inside
 * the bracket and shrinks fast enough, else bisection. */
static void brent_root_step(double a, double b, double c, double fa, double fb, double fc,
                            double xm, double tol1, double *d, double *e)
{
    if (fabs(*e) >= tol1 && fabs(fa) > fabs(fb)) {
        double s = fb / fa, p, q;
        if (a == c) {
            p = 2.0 * xm * s;
            q = 1.0 - s;
        } else {
            double qq = fa / fc, r = fb / fc;
            p = s * (2.0 * xm * qq * (qq - r) - (b - a) * (r - 1.0));
            q = (qq - 1.0) * (r - 1.0) * (s - 1.0);
        }
        if (p > 0.0) q = -q;
        p = fabs(p);
        double min1 = 3.0 * xm * q - fabs(tol1 * q), min2 = fabs(*e * q);
        if (2.0 * p < (min1 < min2 ? min1 : min2)) {
            *e = *d;
            *d = p / q;
            return;
        }
    }
    *d = xm;
    *e = *d;
}

int bmd_root_brent(bmd_fn1 f, void *ctx, double a, double b, double fa, double fb, double xtol,
                   double ftol, int max_iter, double *x, double *fx)
{
    if (same_sign(fa, fb) || !isfinite(fa) || !isfinite(fb)) {
        *x = fabs(fa) < fabs(fb) ? a : b;
        if (fx) *fx = fabs(fa) < fabs(fb) ? fa : fb;
        return BMD_EDOM;
    }
    double c = a, fc = fa, d = b - a, e = d;
    for (int it = 0;; it++) {
        if (same_sign(fb, fc)) {
            c = a;
            fc = fa;
            d = e = b - a;
        }
        if (fabs(fc) < fabs(fb)) {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        double tol1 = 2.0 * DBL_EPSILON * fabs(b) + 0.5 * xtol, xm = 0.5 * (c - b);
        if (fabs(xm) <= tol1 || fb == 0.0 || fabs(fb) <= ftol) {
            *x = b;
            if (fx) *fx = fb;
            return BMD_OK;
        }
        if (it >= max_iter) {
            *x = b;
            if (fx) *fx = fb;
            return BMD_ENOCONV;
        }
        brent_root_step(a, b, c, fa, fb, fc, xm, tol1, &d, &e);
        a = b;
        fa = fb;
        b += fabs(d) > tol1 ? d : copysign(tol1, xm);
        int s = f(ctx, b, &fb);
        if (s != 0) return s;
    }
}

int bmd_root_illinois(bmd_fn1 f, void *ctx, double a, double b, double fa, double fb, double xtol,
                      int max_iter, double *x)
{
    if (fa == 0.0 || fb == 0.0) {
        *x = fa == 0.0 ? a : b;
        return BMD_OK;
    }
    if (same_sign(fa, fb) || !isfinite(fa) || !isfinite(fb)) {
        *x = fabs(fa) < fabs(fb) ? a : b;
        return BMD_EDOM;
    }
    /* [a, b] brackets the root; side: which end the last iterate replaced */
    int side = 0;
    double c = b - fb * (b - a) / (fb - fa);
    for (int it = 0; it < max_iter; it++) {
        double fc;
        int s = f(ctx, c, &fc);
        if (s != 0) {
            *x = c;
            return s;
        }
        if (fc == 0.0) {
            *x = c;
            return BMD_OK;
        }
        if (same_sign(fc, fb)) {
            b = c;
            fb = fc;
            if (side == 1) fa *= 0.5; /* Illinois: the retained end's value halved */
            side = 1;
        } else {
            a = c;
            fa = fc;
            if (side == -1) fb *= 0.5;
            side = -1;
        }
        double cn = b - fb * (b - a) / (fb - fa);
        if (fabs(cn - c) <= xtol || fabs(b - a) <= xtol) {
            *x = cn;
            return BMD_OK;
        }
        c = cn;
    }
    *x = c;
    return BMD_ENOCONV;
}

/* Golden-section fraction (3 - sqrt 5) / 2. */
#define CGOLD 0.3819660112501051

typedef struct min_state {
    double a, b, x, w, v, fx, fw, fv, d, e;
} min_state;

/* The next trial step: parabola through (v, w, x) when acceptable, else a
 * golden section into the larger part. */
static double min_step(min_state *m, double xm, double tol1, double tol2)
{
    if (fabs(m->e) > tol1) {
        double r = (m->x - m->w) * (m->fx - m->fv), q = (m->x - m->v) * (m->fx - m->fw);
        double p = (m->x - m->v) * q - (m->x - m->w) * r;
        q = 2.0 * (q - r);
        if (q > 0.0) p = -p;
        q = fabs(q);
        double etemp = m->e;
        m->e = m->d;
        if (!(fabs(p) >= fabs(0.5 * q * etemp) || p <= q * (m->a - m->x) ||
              p >= q * (m->b - m->x))) {
            m->d = p / q;
            double u = m->x + m->d;
            if (u - m->a < tol2 || m->b - u < tol2) m->d = copysign(tol1, xm - m->x);
            return m->d;
        }
    }
    m->e = m->x >= xm ? m->a - m->x : m->b - m->x;
    m->d = CGOLD * m->e;
    return m->d;
}

static void min_update(min_state *m, double u, double fu)
{
    if (fu <= m->fx) {
        if (u >= m->x)
            m->a = m->x;
        else
            m->b = m->x;
        m->v = m->w;
        m->fv = m->fw;
        m->w = m->x;
        m->fw = m->fx;
        m->x = u;
        m->fx = fu;
        return;
    }
    if (u < m->x)
        m->a = u;
    else
        m->b = u;
    if (fu <= m->fw || m->w == m->x) {
        m->v = m->w;
        m->fv = m->fw;
        m->w = u;
        m->fw = fu;
    } else if (fu <= m->fv || m->v == m->x || m->v == m->w) {
        m->v = u;
        m->fv = fu;
    }
}

int bmd_min_brent(bmd_fn1 f, void *ctx, double a, double b, double xtol, int max_iter, double *x,
                  double *fx)
{
    min_state m;
    m.a = a < b ? a : b;
    m.b = a < b ? b : a;
    m.x = m.w = m.v = m.a + CGOLD * (m.b - m.a);
    m.d = m.e = 0.0;
    int s = f(ctx, m.x, &m.fx);
    if (s != 0) return s;
    m.fw = m.fv = m.fx;
    int st = BMD_ENOCONV;
    for (int it = 0; it < max_iter; it++) {
        double xm = 0.5 * (m.a + m.b);
        double tol1 = 1.5e-8 * fabs(m.x) + xtol / 3.0, tol2 = 2.0 * tol1;
        if (fabs(m.x - xm) <= tol2 - 0.5 * (m.b - m.a)) {
            st = BMD_OK;
            break;
        }
        double d = min_step(&m, xm, tol1, tol2);
        double u = fabs(d) >= tol1 ? m.x + d : m.x + copysign(tol1, d);
        double fu;
        if ((s = f(ctx, u, &fu)) != 0) return s;
        min_update(&m, u, fu);
    }
    *x = m.x;
    if (fx) *fx = m.fx;
    return st;
}
