/*
 * meas.c: the measurement model (range, azimuth, elevation from the radar
 * site) and its Jacobian, shared by both filters (bmd/track.h,
 * docs/models/track.md).
 */
#include "track_state.h"

#include <math.h>
#include <string.h>

#include "bmd/core.h"

static void enu_of(const bmd_track *tk, const double x[NX], double u[3])
{
    double d[3] = {x[0] - tk->site_ecef_m[0], x[1] - tk->site_ecef_m[1], x[2] - tk->site_ecef_m[2]};
    for (int i = 0; i < 3; i++)
        u[i] = tk->enu[i][0] * d[0] + tk->enu[i][1] * d[1] + tk->enu[i][2] * d[2];
}

int bmd_track_meas_model(const bmd_track *tk, const double x[NX], double z[3])
{
    if (tk == NULL || x == NULL || z == NULL) return BMD_EINVAL;
    double u[3];
    enu_of(tk, x, u);
    double rh = hypot(u[0], u[1]), r = hypot(rh, u[2]);
    if (!(r > 0.0) || !isfinite(r)) return BMD_EINVAL;
    z[0] = r;
    z[1] = bmd_wrap_2pi(atan2(u[0], u[1]));
    z[2] = atan2(u[2], rh);
    return BMD_OK;
}

void bmd__trk_meas_jacobian(const bmd_track *tk, const double x[NX], double H[3][NX])
{
    double u[3];
    enu_of(tk, x, u);
    double rh2 = u[0] * u[0] + u[1] * u[1];
    if (rh2 < 1e-12) rh2 = 1e-12; /* overhead: azimuth undefined */
    double rh = sqrt(rh2), r2 = rh2 + u[2] * u[2], r = sqrt(r2);
    /* d(range, az, el)/d(e, n, u), az = atan2(e, n), el = atan2(u, rh) */
    double g[3][3] = {{u[0] / r, u[1] / r, u[2] / r},
                      {u[1] / rh2, -u[0] / rh2, 0.0},
                      {-u[0] * u[2] / (r2 * rh), -u[1] * u[2] / (r2 * rh), rh / r2}};
    memset(H, 0, 3 * sizeof H[0]);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            H[i][j] = g[i][0] * tk->enu[0][j] + g[i][1] * tk->enu[1][j] + g[i][2] * tk->enu[2][j];
}
