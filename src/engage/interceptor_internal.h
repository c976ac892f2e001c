/*
 * interceptor_internal.h: what the interceptor source files share: the
 * booster fly-out with its step hook. Not part of the public API.
 */
#ifndef BMD_ENGAGE_INTERCEPTOR_INTERNAL_H
#define BMD_ENGAGE_INTERCEPTOR_INTERNAL_H

#include "bmd/interceptor.h"
#include "bmd/traj_step.h"

/*
 * Called after every accepted step [t0_s, t1_s] (seconds since launch) with
 * its dense output; burning = 1 while a stage burns. Return 0 to go on,
 * non-zero to stop the flight.
 */
typedef int (*bmd__ic_hook)(void *ctx, double t0_s, double t1_s, const bmd_traj_dense *d,
                            int burning);

/*
 * bmd__ic_boost: fly the interceptor from launch: vertical rise
 * (booster.vertical_rise_s), a constant-rate pitch-over (pitch_over_s) in
 * the plane of azimuth_rad to the launch elevation elev_rad above the
 * site's horizontal, then a thrust direction fixed in that direction (ECEF)
 * to the final burnout; then unguided free flight of the KV (kv_beta_kgpm2)
 * until t_end_s, the ground, or the hook stops it.
 * Returned: y[6] the state at the end (m, m/s, ECEF), *t_s its time since
 *           launch, *t_burnout_s, *n_steps.
 * Returned (function value): BMD_OK (t_end reached, ground, or stopped by
 *           the hook: *stopped = 1), BMD_ELIMIT, BMD_ENOCONV, BMD_EDOM (no
 *           lift-off), BMD_EINVAL.
 */
int bmd__ic_boost(const bmd_traj_config *cfg, const bmd_interceptor *ic, double lat_rad,
                  double lon_rad, double alt_m, double azimuth_rad, double elev_rad, double t_end_s,
                  bmd__ic_hook hook, void *hook_ctx, double y[BMD_TRAJ_NY], double *t_s,
                  double *t_burnout_s, int *stopped, long *n_steps, bmd_errbuf *err);

/*
 * bmd__ephem_target_hint: bmd_ephem_target with the sample interval looked
 * up first at *hint (the index of its first sample; updated), then by
 * bisection: the same interval, so the same answer bit for bit. hint may
 * be NULL.
 */
int bmd__ephem_target_hint(const bmd_ephem *e, double t_s, size_t *hint, double r_ecef_m[3],
                           double v_ecef_mps[3]);

#endif /* BMD_ENGAGE_INTERCEPTOR_INTERNAL_H */
