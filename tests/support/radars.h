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

/* The an-tpy2 preset at Seongju (data/sites.yaml: 36.05 N, 128.23 E,
 * 680 m) facing 320 deg, boresight 10 deg up, with scan loss (n = 2),
 * the instrumented 600 km and its search form (2 s frame, 0.18 sr): the
 * tracking test's and its benchmark's radar. */
static inline void tst_tpy2_seongju(bmd_radar *r)
{
    bmd_radar_defaults(r);
    r->hw.freq_hz = 9.5e9;
    r->hw.p_avg_w = 57.6e3;
    r->hw.area_m2 = 9.2;
    r->hw.efficiency = 0.8;
    r->hw.t_sys_k = 500.0;
    r->hw.loss = pow(10.0, 0.5);
    r->hw.bandwidth_hz = 500e6;
    r->hw.scan_loss_n = 2.0;
    r->face.lat_rad = 36.05 * BMD_DEG2RAD;
    r->face.lon_rad = 128.23 * BMD_DEG2RAD;
    r->face.h_m = 680.0;
    r->face.boresight_az_rad = 320.0 * BMD_DEG2RAD;
    r->face.boresight_el_rad = 10.0 * BMD_DEG2RAD;
    r->face.el_max_rad = 70.0 * BMD_DEG2RAD;
    r->mode.t_dwell_s = 0.1;
    r->mode.snr_req = pow(10.0, 1.3);
    r->mode.pfa = 1e-6;
    r->mode.swerling = 0;
    r->mode.instr_range_m = 600e3;
    r->mode.t_frame_s = 2.0;
    r->mode.omega_sr = 0.18;
}

#endif
