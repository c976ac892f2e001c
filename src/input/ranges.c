/*
 * ranges.c: the one table of valid ranges for numeric fields (see
 * bmd/input.h). A value outside its range is refused with exit 2 instead of
 * giving a silently wrong result; each bound says why in one phrase. The
 * table is printed into docs/formats.md ("Valid ranges"), and a test checks
 * the document matches it. Bounds that once let a bad value through:
 * dt 1e-300s (the engagement never advanced: a leaker reported), --dt 1ns
 * (10^9 trajectory samples), --apogee -100km (every cell "beyond reach"),
 * --cutoff -5s (ignored), boresight 1e300deg (no digits left of the angle),
 * launchers x missiles_per_launcher = 2^31 (signed overflow).
 */
#include "bmd/input.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define DEG (3.14159265358979323846 / 180.0)
#define DAY_S 86400.0

/* Sorted by name for the reader; looked up linearly (the table is small). */
static const bmd_input_range RANGES[] = {
    {"altitude", BMD_Q_LENGTH, -1.0e3, 1.0e7, "from just below sea level to 10,000 km"},
    {"apogee", BMD_Q_LENGTH, 1.0e3, 2.0e7, "a ballistic apogee above the ground"},
    {"assessment_correct", BMD_Q_DIMLESS, 0.0, 1.0, "a probability"},
    {"azimuth", BMD_Q_ANGLE, -360.0 * DEG, 360.0 * DEG, "a direction, one turn either way"},
    {"beta_threshold", BMD_Q_BETA, 0.1, 1.0e6,
     "ballistic coefficients from a thin balloon to a dense RV"},
    {"boresight", BMD_Q_ANGLE, -360.0 * DEG, 360.0 * DEG, "a direction, one turn either way"},
    {"count", BMD_Q_DIMLESS, 1.0, 1000.0, "salvo sizes the run can hold"},
    {"cutoff", BMD_Q_TIME, 0.0, 3600.0, "a cut-off time within a burn"},
    {"dt", BMD_Q_TIME, 1.0e-3, 10.0, "shorter steps stall the run or exhaust memory"},
    {"el_max", BMD_Q_ANGLE, -90.0 * DEG, 90.0 * DEG, "an elevation"},
    {"el_min", BMD_Q_ANGLE, -90.0 * DEG, 90.0 * DEG, "an elevation"},
    {"efficiency", BMD_Q_DIMLESS, 0.0, 1.0, "a fraction"},
    {"gamma", BMD_Q_ANGLE, -90.0 * DEG, 90.0 * DEG, "a flight-path angle"},
    {"half_width", BMD_Q_ANGLE, 0.0, 180.0 * DEG, "half of a face's azimuth coverage"},
    {"impulsive", BMD_Q_SPEED, 1.0, 3.0e4,
     "burnout speeds of ballistic missiles (escape is 11.2km/s)"},
    {"interval", BMD_Q_TIME, 0.0, DAY_S, "one day of events"},
    {"invbeta_sigma", BMD_Q_DIMLESS, 0.0, 10.0, "a 1/beta spread in m2/kg (beta from 0.1kg/m2)"},
    {"kick", BMD_Q_ANGLE, -90.0 * DEG, 90.0 * DEG, "a pitch-over angle"},
    {"kill_assessment", BMD_Q_TIME, 0.0, DAY_S, "one day of events"},
    {"launch_interval", BMD_Q_TIME, 0.0, DAY_S, "one day of events"},
    {"launch_spacing", BMD_Q_LENGTH, 100.0, 1.0e7, "grid spacing on the Earth"},
    {"launchers", BMD_Q_DIMLESS, 1.0, 1000.0, "an inventory a battery can hold"},
    {"max_stretch", BMD_Q_DIMLESS, 1.0, 1000.0, "a revisit stretch of a low-priority track"},
    {"missiles_per_launcher", BMD_Q_DIMLESS, 1.0, 1000.0, "an inventory a battery can hold"},
    {"node_spacing", BMD_Q_LENGTH, 100.0, 1.0e7, "grid spacing on the Earth"},
    {"objects.beta", BMD_Q_BETA, 0.1, 1.0e6,
     "ballistic coefficients from a thin balloon to a dense RV"},
    {"pfa", BMD_Q_DIMLESS, 0.0, 1.0, "a probability"},
    {"pk", BMD_Q_DIMLESS, 0.0, 1.0, "a probability"},
    {"quality_sigma", BMD_Q_LENGTH, 0.0, 1.0e5, "a track position sigma"},
    {"rcs_looks", BMD_Q_DIMLESS, 1.0, 1000.0, "detections averaged before a decision"},
    {"rcs_noise_db", BMD_Q_DIMLESS, 0.0, 30.0, "a per-look RCS error in dB"},
    {"rcs_window_db", BMD_Q_DIMLESS, 0.0, 60.0, "an RCS window in dB"},
    {"reaction", BMD_Q_TIME, 0.0, DAY_S, "one day of events"},
    {"reaction_time", BMD_Q_TIME, 0.0, DAY_S, "one day of events"},
    {"resolution", BMD_Q_LENGTH, 100.0, 5.0e6, "raster cells on the Earth"},
    {"release", BMD_Q_TIME, 0.0, 3600.0, "a release within the flight after burnout"},
    {"revisit", BMD_Q_TIME, 1.0e-3, 3600.0, "a radar revisit period"},
    {"search_fraction", BMD_Q_DIMLESS, 0.0, 0.95,
     "a share of a face's time, leaving some for track dwells"},
    {"search_revisit", BMD_Q_TIME, 0.0, 3600.0, "a radar search period"},
    {"separation", BMD_Q_SPEED, 0.0, 100.0, "separation speeds of released objects"},
    {"sigmas", BMD_Q_DIMLESS, 0.1, 10.0, "a confidence in standard deviations"},
    {"straight", BMD_Q_SPEED, 1.0, 3.0e4, "speeds of ballistic missiles"},
    {"t_end", BMD_Q_TIME, 0.0, DAY_S, "one day of simulated time"},
    {"tilt", BMD_Q_ANGLE, -90.0 * DEG, 90.0 * DEG, "an elevation"},
    {"time", BMD_Q_TIME, 0.0, DAY_S, "launch times within one day"},
};

const bmd_input_range *bmd_input_range_table(size_t *n)
{
    if (n) *n = sizeof RANGES / sizeof RANGES[0];
    return RANGES;
}

/* name == key with '-' read as '_'. */
static int same_name(const char *key, const char *name)
{
    for (; *key && *name; key++, name++)
        if (*key != *name && !(*name == '-' && *key == '_')) return 0;
    return *key == '\0' && *name == '\0';
}

const bmd_input_range *bmd_input_range_find(const char *name, bmd_quantity q)
{
    if (name == NULL) return NULL;
    if (name[0] == '-' && name[1] == '-') name += 2;
    for (size_t i = 0; i < sizeof RANGES / sizeof RANGES[0]; i++)
        if (RANGES[i].q == q && same_name(RANGES[i].name, name)) return &RANGES[i];
    return NULL;
}

int bmd_input_range_check(const char *name, bmd_quantity q, double value_si, bmd_errbuf *err)
{
    char lo[48], hi[48], v[48];
    if (!isfinite(value_si))
        return bmd_err_set(err, BMD_EINVAL, "must be a finite number, found %g", value_si);
    const bmd_input_range *r = bmd_input_range_find(name, q);
    if (r == NULL || (value_si >= r->min && value_si <= r->max)) return BMD_OK;
    bmd_units_format(r->min, q, lo, sizeof lo);
    bmd_units_format(r->max, q, hi, sizeof hi);
    bmd_units_format(value_si, q, v, sizeof v);
    return bmd_err_set(err, BMD_EINVAL, "must be from %s to %s (%s), found %s", lo, hi, r->why, v);
}
