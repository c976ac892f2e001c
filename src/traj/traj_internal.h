/*
 * traj_internal.h: what the traj source files share: the stepper table,
 * dense output. Not part of the public API.
 */
#ifndef BMD_TRAJ_INTERNAL_H
#define BMD_TRAJ_INTERNAL_H

#include "bmd/solve.h"
#include "bmd/traj.h"

#define BMD__NY 6 /* state: r_ecef_m[3], v_ecef_mps[3] */

/* Right-hand side dy/dt = f(t, y); returns 0 (kept int for GSL). */
typedef int (*bmd__rhs_fn)(void *ctx, double t, const double y[BMD__NY], double dydt[BMD__NY]);

/*
 * Dense output over one accepted step [t0, t0 + h]: for dopri5 Shampine's
 * continuous extension (c[0..4] = Hairer's rcont1..5), for the Hermite form
 * c[0..5][0..2] = r0, h v0, h^2 a0, h^2 a1, h v1, r1.
 */
typedef struct bmd__dense {
    double t0_s, h_s;
    double c[6][BMD__NY];
    void (*eval)(const struct bmd__dense *d, double t_s, double y[BMD__NY]);
} bmd__dense;

/* The stepper table behind the opaque bmd_traj_stepper_type. */
struct bmd_traj_stepper_type {
    const char *name;
    double err_exponent; /* step-size controller exponent 1/(q+1), q = order of
                            the embedded error estimate */
    int (*alloc)(void **work);
    void (*free)(void *work);
    /*
     * One trial step of size h from (t, y) with dydt = f(t, y): writes y1,
     * dydt1 = f(t + h, y1), the local error estimate yerr and the dense
     * output d. Returns 0, or the non-zero status of f.
     */
    int (*step)(void *work, bmd__rhs_fn f, void *ctx, double t, double h, const double y[BMD__NY],
                const double dydt[BMD__NY], double y1[BMD__NY], double dydt1[BMD__NY],
                double yerr[BMD__NY], bmd__dense *d);
};

/* Evaluate the dense output at t (t within [t0, t0 + h]). */
static inline void bmd__dense_eval(const bmd__dense *d, double t_s, double y[BMD__NY])
{
    d->eval(d, t_s, y);
}

#endif /* BMD_TRAJ_INTERNAL_H */
