/*
 * bmd/bmd.h: the whole public interface of libbmd in one include.
 *
 * Each header is the specification of one module (src/<module>/), listed
 * here from the bottom of the dependency order to the top; docs/
 * architecture.md draws the order and says what each module owns.
 */
#ifndef BMD_BMD_H
#define BMD_BMD_H

/* core: status codes, constants, vectors, sinks, root and minimum finding */
#include "bmd/status.h"
#include "bmd/const.h"
#include "bmd/vec3.h"
#include "bmd/core.h"
#include "bmd/solve.h"
/* geo, atmo, gravity: the Earth */
#include "bmd/geo.h"
#include "bmd/atmo.h"
#include "bmd/gravity.h"
/* traj: missile fly-out and targeting, the shared equations of motion */
#include "bmd/missile.h"
#include "bmd/traj.h"
#include "bmd/traj_step.h"
/* radar, track */
#include "bmd/radar.h"
#include "bmd/track.h"
/* engage: interceptors, fire control, the engagement simulation */
#include "bmd/interceptor.h"
#include "bmd/scenario.h"
#include "bmd/engage.h"
/* analysis: coverage, visibility, footprint and its set-up, Monte Carlo,
 * validation, calibration */
#include "bmd/coverage.h"
#include "bmd/visibility.h"
#include "bmd/footprint.h"
#include "bmd/footprint_setup.h"
#include "bmd/montecarlo.h"
#include "bmd/validate.h"
#include "bmd/calibrate.h"
/* input, catalog, scenario: values with units, catalogs, scenario files */
#include "bmd/input.h"
#include "bmd/catalog.h"
#include "bmd/radar_catalog.h"
#include "bmd/interceptor_catalog.h"
#include "bmd/scenario_load.h"
/* uq: sensitivity, uncertain parameters, metrics, land and population */
#include "bmd/sensitivity.h"
#include "bmd/uncertain.h"
#include "bmd/metric.h"
#include "bmd/land.h"
/* plot, export: figures and file formats */
#include "bmd/map.h"
#include "bmd/plot.h"
#include "bmd/plot_engage.h"
#include "bmd/plot_uq.h"
#include "bmd/export.h"
/* report: the HTML report page */
#include "bmd/report.h"

#endif /* BMD_BMD_H */
