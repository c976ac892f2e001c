/*
 * step.c: one integrator step, its error norm and dense output for modules
 * that integrate their own equations of motion (bmd/traj_step.h).
 */
#include "traj_internal.h"

#include <math.h>

int bmd_traj_step(const bmd_traj_integrator *ig, bmd_traj_rhs f, void *ctx, double t_s, double h_s,
                  const double y[BMD_TRAJ_NY], const double dydt[BMD_TRAJ_NY],
                  double y1[BMD_TRAJ_NY], double dydt1[BMD_TRAJ_NY], double yerr[BMD_TRAJ_NY],
                  bmd_traj_dense *d)
{
    return ig->type->step(ig->work, f, ctx, t_s, h_s, y, dydt, y1, dydt1, yerr, d);
}

double bmd_traj_err_norm(const bmd_traj_integrator *ig, const double y0[BMD_TRAJ_NY],
                         const double y1[BMD_TRAJ_NY], const double e[BMD_TRAJ_NY])
{
    double s = 0.0;
    for (int i = 0; i < BMD_TRAJ_NY; i++) {
        double at = i < 3 ? ig->atol_pos_m : ig->atol_vel_mps;
        double sc = at + ig->rtol * fmax(fabs(y0[i]), fabs(y1[i]));
        double q = e[i] / sc;
        s += q * q;
    }
    return sqrt(s / BMD_TRAJ_NY);
}

double bmd_traj_err_exponent(const bmd_traj_integrator *ig)
{
    return ig->type->err_exponent;
}

void bmd_traj_dense_eval(const bmd_traj_dense *d, double t_s, double y[BMD_TRAJ_NY])
{
    d->eval(d, t_s, y);
}
