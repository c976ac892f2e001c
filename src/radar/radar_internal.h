/* radar_internal.h: helpers shared by the radar module's files. */
#ifndef BMD_RADAR_INTERNAL_H
#define BMD_RADAR_INTERNAL_H

#include "bmd/radar.h"

/* E G A_e / ((4 pi)^2 k T_s L) of a valid description: SNR R^4 / sigma on
 * boresight (m^2). */
double bmd__radar_snr_const(const bmd_radar *r);

#endif
