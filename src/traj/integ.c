/*
 * integ.c: the steppers behind bmd_traj_integrator: an own Dormand-Prince
 * 5(4) with dense output, and GSL's rk8pd with Hermite dense output.
 */
#include "traj_internal.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>

/* ---- Dormand-Prince 5(4) ---------------------------------------------------
 * Coefficients: Dormand & Prince, J. Comp. Appl. Math. 6 (1980) 19-26,
 * table 2 ("RK5(4)7M"); the dense-output coefficients are Shampine's
 * continuous extension as given in Hairer, Norsett & Wanner, Solving Ordinary
 * Differential Equations I, 2nd ed. (1993), sec. II.6 (eq. 6.12 and the
 * dopri5 code's d71..d77). The 7th stage is the derivative at the new point
 * (FSAL), so an accepted step costs 6 evaluations. */

#define A21 (1.0 / 5.0)
#define A31 (3.0 / 40.0)
#define A32 (9.0 / 40.0)
#define A41 (44.0 / 45.0)
#define A42 (-56.0 / 15.0)
#define A43 (32.0 / 9.0)
#define A51 (19372.0 / 6561.0)
#define A52 (-25360.0 / 2187.0)
#define A53 (64448.0 / 6561.0)
#define A54 (-212.0 / 729.0)
#define A61 (9017.0 / 3168.0)
#define A62 (-355.0 / 33.0)
#define A63 (46732.0 / 5247.0)
#define A64 (49.0 / 176.0)
#define A65 (-5103.0 / 18656.0)
#define A71 (35.0 / 384.0)
#define A73 (500.0 / 1113.0)
#define A74 (125.0 / 192.0)
#define A75 (-2187.0 / 6784.0)
#define A76 (11.0 / 84.0)
#define C2 (1.0 / 5.0)
#define C3 (3.0 / 10.0)
#define C4 (4.0 / 5.0)
#define C5 (8.0 / 9.0)
/* error estimate: 5th-order minus embedded 4th-order weights */
#define E1 (71.0 / 57600.0)
#define E3 (-71.0 / 16695.0)
#define E4 (71.0 / 1920.0)
#define E5 (-17253.0 / 339200.0)
#define E6 (22.0 / 525.0)
#define E7 (-1.0 / 40.0)
/* dense output */
#define D1 (-12715105075.0 / 11282082432.0)
#define D3 (87487479700.0 / 32700410799.0)
#define D4 (-10690763975.0 / 1880347072.0)
#define D5 (701980252875.0 / 199316789632.0)
#define D6 (-1453857185.0 / 822651844.0)
#define D7 (69997945.0 / 29380423.0)

static void dopri5_dense_eval(const bmd__dense *d, double t_s, double y[BMD__NY])
{
    double th = (t_s - d->t0_s) / d->h_s, th1 = 1.0 - th;
    for (int i = 0; i < BMD__NY; i++)
        y[i] = d->c[0][i] +
               th * (d->c[1][i] + th1 * (d->c[2][i] + th * (d->c[3][i] + th1 * d->c[4][i])));
}

static int dopri5_alloc(void **work)
{
    *work = NULL;
    return BMD_OK;
}

static void dopri5_free(void *work)
{
    (void)work;
}

static int dopri5_step(void *work, bmd__rhs_fn f, void *ctx, double t, double h,
                       const double y[BMD__NY], const double k1[BMD__NY], double y1[BMD__NY],
                       double k7[BMD__NY], double yerr[BMD__NY], bmd__dense *d)
{
    (void)work;
    double k2[BMD__NY], k3[BMD__NY], k4[BMD__NY], k5[BMD__NY], k6[BMD__NY], yt[BMD__NY];
    int s;
    int i;
    for (i = 0; i < BMD__NY; i++)
        yt[i] = y[i] + h * A21 * k1[i];
    if ((s = f(ctx, t + C2 * h, yt, k2)) != 0) return s;
    for (i = 0; i < BMD__NY; i++)
        yt[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
    if ((s = f(ctx, t + C3 * h, yt, k3)) != 0) return s;
    for (i = 0; i < BMD__NY; i++)
        yt[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
    if ((s = f(ctx, t + C4 * h, yt, k4)) != 0) return s;
    for (i = 0; i < BMD__NY; i++)
        yt[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
    if ((s = f(ctx, t + C5 * h, yt, k5)) != 0) return s;
    for (i = 0; i < BMD__NY; i++)
        yt[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
    if ((s = f(ctx, t + h, yt, k6)) != 0) return s;
    for (i = 0; i < BMD__NY; i++)
        y1[i] = y[i] + h * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
    if ((s = f(ctx, t + h, y1, k7)) != 0) return s;
    for (i = 0; i < BMD__NY; i++) {
        yerr[i] = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
        double dy = y1[i] - y[i], bspl = h * k1[i] - dy;
        d->c[0][i] = y[i];
        d->c[1][i] = dy;
        d->c[2][i] = bspl;
        d->c[3][i] = dy - h * k7[i] - bspl;
        d->c[4][i] =
            h * (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]);
    }
    d->t0_s = t;
    d->h_s = h;
    d->eval = dopri5_dense_eval;
    return BMD_OK;
}

static const bmd_traj_stepper_type dopri5_type = {
    "dopri5", 1.0 / 5.0, dopri5_alloc, dopri5_free, dopri5_step,
};
const bmd_traj_stepper_type *const bmd_traj_dopri5 = &dopri5_type;

/* ---- quintic Hermite dense output --------------------------------------------
 * Position from r, v = dr/dt and a = dv/dt at both step ends (a quintic,
 * local error O(h^6)); the velocity is its derivative (O(h^5)). */

static void hermite_dense_eval(const bmd__dense *d, double t_s, double y[BMD__NY])
{
    double s = (t_s - d->t0_s) / d->h_s, s2 = s * s, s3 = s2 * s, s4 = s3 * s, s5 = s4 * s;
    /* basis for r0, h v0, h^2 a0, h^2 a1, h v1, r1 and their s-derivatives */
    double b[6] = {1.0 - 10.0 * s3 + 15.0 * s4 - 6.0 * s5,    s - 6.0 * s3 + 8.0 * s4 - 3.0 * s5,
                   0.5 * s2 - 1.5 * s3 + 1.5 * s4 - 0.5 * s5, 0.5 * s3 - s4 + 0.5 * s5,
                   -4.0 * s3 + 7.0 * s4 - 3.0 * s5,           10.0 * s3 - 15.0 * s4 + 6.0 * s5};
    double db[6] = {-30.0 * s2 + 60.0 * s3 - 30.0 * s4, 1.0 - 18.0 * s2 + 32.0 * s3 - 15.0 * s4,
                    s - 4.5 * s2 + 6.0 * s3 - 2.5 * s4, 1.5 * s2 - 4.0 * s3 + 2.5 * s4,
                    -12.0 * s2 + 28.0 * s3 - 15.0 * s4, 30.0 * s2 - 60.0 * s3 + 30.0 * s4};
    for (int i = 0; i < 3; i++) {
        double p = 0.0, dp = 0.0;
        for (int k = 0; k < 6; k++) {
            p += b[k] * d->c[k][i];
            dp += db[k] * d->c[k][i];
        }
        y[i] = p;
        y[3 + i] = dp / d->h_s;
    }
}

static void hermite_dense_set(bmd__dense *d, double t, double h, const double y0[BMD__NY],
                              const double f0[BMD__NY], const double y1[BMD__NY],
                              const double f1[BMD__NY])
{
    for (int i = 0; i < 3; i++) {
        d->c[0][i] = y0[i];
        d->c[1][i] = h * y0[3 + i];
        d->c[2][i] = h * h * f0[3 + i];
        d->c[3][i] = h * h * f1[3 + i];
        d->c[4][i] = h * y1[3 + i];
        d->c[5][i] = y1[i];
    }
    d->t0_s = t;
    d->h_s = h;
    d->eval = hermite_dense_eval;
}

/* ---- GSL rk8pd ----------------------------------------------------------------- */

typedef struct gsl_adapter {
    bmd__rhs_fn f;
    void *ctx;
} gsl_adapter;

static int gsl_rhs(double t, const double y[], double dydt[], void *params)
{
    const gsl_adapter *ad = params;
    return ad->f(ad->ctx, t, y, dydt) == 0 ? GSL_SUCCESS : GSL_EBADFUNC;
}

static int rk8pd_alloc(void **work)
{
    /* gsl_odeiv2_step_alloc reports failure through GSL's error handler;
     * it only fails when malloc does. */
    *work = gsl_odeiv2_step_alloc(gsl_odeiv2_step_rk8pd, BMD__NY);
    return *work != NULL ? BMD_OK : BMD_ENOMEM;
}

static void rk8pd_free(void *work)
{
    if (work != NULL) gsl_odeiv2_step_free(work);
}

static int rk8pd_step(void *work, bmd__rhs_fn f, void *ctx, double t, double h,
                      const double y[BMD__NY], const double dydt[BMD__NY], double y1[BMD__NY],
                      double dydt1[BMD__NY], double yerr[BMD__NY], bmd__dense *d)
{
    gsl_adapter ad = {f, ctx};
    gsl_odeiv2_system sys = {gsl_rhs, NULL, BMD__NY, &ad};
    for (int i = 0; i < BMD__NY; i++)
        y1[i] = y[i];
    int s = gsl_odeiv2_step_apply(work, t, h, y1, yerr, dydt, dydt1, &sys);
    if (s != GSL_SUCCESS) return BMD_EDOM;
    hermite_dense_set(d, t, h, y, dydt, y1, dydt1);
    return BMD_OK;
}

/* The embedded error estimate of rk8pd is of order 7: exponent 1/8. */
static const bmd_traj_stepper_type rk8pd_type = {
    "rk8pd", 1.0 / 8.0, rk8pd_alloc, rk8pd_free, rk8pd_step,
};
const bmd_traj_stepper_type *const bmd_traj_rk8pd = &rk8pd_type;

/* ---- integrator object ------------------------------------------------------- */

const char *bmd_traj_stepper_name(const bmd_traj_stepper_type *type)
{
    return type != NULL ? type->name : "?";
}

int bmd_traj_integrator_init(bmd_traj_integrator *ig, const bmd_traj_stepper_type *type,
                             bmd_errbuf *err)
{
    if (ig == NULL) return bmd_err_set(err, BMD_EINVAL, "traj: NULL integrator");
    ig->type = NULL;
    ig->work = NULL;
    ig->rtol = BMD_TRAJ_RTOL;
    ig->atol_pos_m = BMD_TRAJ_ATOL_POS_M;
    ig->atol_vel_mps = BMD_TRAJ_ATOL_VEL_MPS;
    ig->h_max_s = BMD_TRAJ_H_MAX_S;
    ig->max_steps = BMD_TRAJ_MAX_STEPS;
    ig->kinks = 0;
    ig->rtol_free_scale = 1.0;
    if (type == NULL) return bmd_err_set(err, BMD_EINVAL, "traj: NULL stepper type");
    int s = type->alloc(&ig->work);
    if (s != BMD_OK)
        return bmd_err_set(err, s, "traj: cannot allocate the %s workspace", type->name);
    ig->type = type;
    return BMD_OK;
}

void bmd_traj_integrator_analysis(bmd_traj_integrator *ig)
{
    if (ig == NULL) return;
    ig->rtol = BMD_TRAJ_RTOL_ANALYSIS;
    ig->atol_pos_m = BMD_TRAJ_ATOL_POS_M_ANALYSIS;
    ig->atol_vel_mps = BMD_TRAJ_ATOL_VEL_MPS_ANALYSIS;
    ig->kinks = 1;
    ig->rtol_free_scale = BMD_TRAJ_RTOL_FREE_SCALE_ANALYSIS;
}

void bmd_traj_integrator_free(bmd_traj_integrator *ig)
{
    if (ig == NULL || ig->type == NULL) return;
    ig->type->free(ig->work);
    ig->work = NULL;
    ig->type = NULL;
}
