/*
 * traj_internal.h: what the traj source files share: the stepper table
 * behind the opaque bmd_traj_stepper_type. Not part of the public API.
 */
#ifndef BMD_TRAJ_INTERNAL_H
#define BMD_TRAJ_INTERNAL_H

#include "bmd/solve.h"
#include "bmd/traj.h"
#include "bmd/traj_step.h"

#define BMD__NY BMD_TRAJ_NY

/* The step-level types are public (bmd/traj_step.h) so that other modules
 * integrate their own equations of motion without this header. */
typedef bmd_traj_rhs bmd__rhs_fn;
typedef bmd_traj_dense bmd__dense;

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
