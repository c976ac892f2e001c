/*
 * radars.h: the TPY-2-like radar several tests observe with. Its numbers
 * are the estimates of data/catalog/radars.yaml (an-tpy2: 57.6 kW average
 * power back-solved from Lewis & Postol 2012; see the sources there); they
 * are test inputs, not reference values.
 */
#ifndef BMD_TESTS_RADARS_H
#define BMD_TESTS_RADARS_H

#include <math.h>

#include "bmd/const.h"
#include "bmd/radar.h"

/* Power ratio of a decibel value. */
static inline double tst_db2pow(double db)
{
    return pow(10.0, 0.1 * db);
}

/* A TPY-2-like energy-form radar at (36 N, 128 E, 0 m), boresight north,
 * without scan loss unless a test sets it. */
static inline void tst_tpy2_like(bmd_radar *r)
{
    bmd_radar_defaults(r);
    r->hw.freq_hz = 9.5e9;
    r->hw.p_avg_w = 57640.0;
    r->hw.area_m2 = 9.2;
    r->hw.efficiency = 0.8;
    r->hw.t_sys_k = 500.0;
    r->hw.loss = tst_db2pow(5.0);
    r->hw.bandwidth_hz = 500e6;
    r->hw.scan_loss_n = 0.0;
    r->mode.t_dwell_s = 0.1;
    r->mode.snr_req = tst_db2pow(13.0);
    r->face.lat_rad = 36.0 * BMD_DEG2RAD;
    r->face.lon_rad = 128.0 * BMD_DEG2RAD;
    r->face.h_m = 0.0;
}

#endif
