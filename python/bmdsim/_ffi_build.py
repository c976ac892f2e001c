"""Build the cffi extension bmdsim._bmd over libbmd (API mode).

API mode: the C compiler checks every declaration below against the real
public headers (include/bmd/*.h), so the binding cannot drift silently from
the library. Structs are declared with `...;`: only the fields Python reads
or writes are named, the compiler fills in the layout.

The extension links the static libbmd.a (its objects are position-independent)
so that the installed package does not depend on the build tree; the
libraries libbmd itself uses are linked as shared libraries (pkg-config).

Usage: python3 python/bmdsim/_ffi_build.py SRCDIR BUILDDIR OUTDIR (run as a script:
importing the package would load the extension it is about to build)
"""
import os
import subprocess
import sys

import cffi

CDEF = r"""
typedef int... sig_atomic_t;
typedef struct { char msg[512]; } bmd_errbuf;
const char *bmd_strerror(int status);

/* input */
typedef enum {
    BMD_Q_DIMLESS, BMD_Q_LENGTH, BMD_Q_SPEED, BMD_Q_ANGLE, BMD_Q_TIME, BMD_Q_MASS,
    BMD_Q_AREA, BMD_Q_RCS, BMD_Q_POWER, BMD_Q_FREQUENCY, BMD_Q_TEMPERATURE,
    BMD_Q_RATIO, BMD_Q_BETA, BMD_Q_ACCEL, BMD_Q_FORCE, BMD_Q_SOLID_ANGLE, ...
} bmd_quantity;
int bmd_units_parse(const char *text, bmd_quantity q, double *value_si, bmd_errbuf *err);

/* geo, atmo */
typedef struct { double a_m; double f; double gm_m3ps2; double omega_radps; ...; } bmd_earth;
void bmd_earth_wgs84(bmd_earth *e);
void bmd_earth_sphere(bmd_earth *e);
typedef enum { BMD_ATMO_NONE, BMD_ATMO_US76, BMD_ATMO_EXPONENTIAL, ... } bmd_atmo_kind;
typedef struct { bmd_atmo_kind kind; ...; } bmd_atmo;
int bmd_atmo_init(bmd_atmo *atm, bmd_atmo_kind kind);

/* missiles, sites */
typedef struct { double gross_mass_kg; double prop_mass_kg; double isp_vac_s; double isp_sl_s;
                 double burn_time_s; double diameter_m; double coast_s; ...; } bmd_stage;
typedef struct {
    char name[32]; char label[64]; char country[32]; char klass[16];
    int n_stages; bmd_stage stage[...];
    double payload_mass_kg; int rv_separates; double rv_mass_kg; double rv_beta_kgpm2;
    double rv_diameter_m; double vertical_rise_s; double range_published_m;
    ...;
} bmd_missile;
typedef struct { size_t n; bmd_missile *items; } bmd_missile_list;
int bmd_missile_list_load(const char *path, bmd_missile_list *list, bmd_errbuf *err);
void bmd_missile_list_free(bmd_missile_list *list);
int bmd_missile_find(const bmd_missile_list *list, const char *name, const bmd_missile **m,
                     bmd_errbuf *err);
const char *bmd_missile_source(const bmd_missile *m, const char *group);

typedef struct {
    char name[32]; char label[64]; char country[32]; char kind[16];
    double lat_rad; double lon_rad; double alt_m; char source[232]; ...;
} bmd_site;
typedef struct { size_t n; bmd_site *items; } bmd_site_list;
int bmd_site_list_load(const char *path, bmd_site_list *list, bmd_errbuf *err);
void bmd_site_list_free(bmd_site_list *list);
int bmd_site_resolve(const bmd_site_list *list, const char *text, bmd_site *site, bmd_errbuf *err);

/* radar */
typedef struct { double p_avg_w; double area_m2; double freq_hz; double t_sys_k; double loss; ...; } bmd_radar_hw;
typedef struct { double lat_rad; double lon_rad; double h_m; double boresight_az_rad;
                 double half_az_rad; double el_min_rad; ...; } bmd_radar_face;
typedef struct { char name[24]; double t_dwell_s; double snr_req; double instr_range_m; ...; } bmd_radar_mode;
typedef struct { char name[32]; char label[64]; bmd_radar_hw hw; bmd_radar_face face;
                 bmd_radar_mode mode; } bmd_radar;
int bmd_radar_validate(const bmd_radar *r, bmd_errbuf *err);
int bmd_radar_track_range(const bmd_radar *r, double rcs_m2, double *range_m);
typedef struct { bmd_radar radar; double claim_range_m; double claim_rcs_m2; char claim_by[400];
                 ...; } bmd_radar_entry;
typedef struct { int n; bmd_radar_entry *entry; } bmd_radar_catalog;
int bmd_radar_catalog_load(const char *path, bmd_radar_catalog *cat, bmd_errbuf *err);
void bmd_radar_catalog_free(bmd_radar_catalog *cat);
int bmd_radar_catalog_find(const bmd_radar_catalog *cat, const char *name,
                           const bmd_radar_entry **out, bmd_errbuf *err);

/* interceptors */
typedef struct { char name[32]; double min_alt_m; double max_alt_m; double max_range_m; ...; } bmd_interceptor;
typedef struct { int n_flights; ...; } bmd_ic_table;
typedef struct { size_t n; bmd_interceptor *items; } bmd_interceptor_list;
int bmd_interceptor_list_load(const char *path, bmd_interceptor_list *list, bmd_errbuf *err);
void bmd_interceptor_list_free(bmd_interceptor_list *list);
/* coverage */
typedef struct { double alt_m; double rcs_m2; int search; int n_az; int n_r;
                 double max_ground_m; double tol_m; ...; } bmd_coverage_opts;
typedef struct { size_t first; size_t n; int hole; ...; } bmd_coverage_ring;
typedef struct {
    unsigned char *cells; double *ray_az_rad; double *ray_in_m; double *ray_out_m;
    double *lat_rad; double *lon_rad; size_t cap_points; bmd_coverage_ring *rings; size_t cap_rings;
    size_t n_points; size_t n_rings; double track_range_m; double search_range_m;
    double horizon_ground_m; double horizon_slant_m; double instrumented_range_m;
    double max_ground_m; double area_m2; int n_covered_cells; int multi_interval; int clipped;
    ...;
} bmd_coverage;
int bmd_coverage_size(int n_az, size_t *max_points, size_t *max_rings);
int bmd_coverage_run(const bmd_radar *r, const bmd_earth *e, const bmd_coverage_opts *o,
                     bmd_coverage *c, bmd_errbuf *err);

/* trajectories */
typedef struct bmd_traj_stepper_type bmd_traj_stepper_type;
typedef struct { const bmd_traj_stepper_type *type; double rtol; ...; } bmd_traj_integrator;
int bmd_traj_integrator_init(bmd_traj_integrator *ig, const bmd_traj_stepper_type *type,
                             bmd_errbuf *err);
void bmd_traj_integrator_free(bmd_traj_integrator *ig);
const bmd_traj_stepper_type *pyb_stepper(const char *name);
typedef struct { int kind; int stage; double t_s; double alt_m; double speed_mps; ...; } bmd_traj_event;
const char *bmd_traj_event_name(int kind);
typedef struct { double sample_dt_s; bmd_traj_integrator *integ; ...; } bmd_traj_config;
void bmd_traj_config_init(bmd_traj_config *cfg, const bmd_earth *earth, const bmd_atmo *atmo);
typedef struct { double lat_rad; double lon_rad; double alt_m; double azimuth_rad;
                 double kick_rad; double kick_duration_s; double cutoff_s; ...; } bmd_traj_launch;
void bmd_traj_launch_init(bmd_traj_launch *l, double lat_rad, double lon_rad, double alt_m,
                          double azimuth_rad);
typedef struct {
    double launch_azimuth_rad; double kick_rad; double cutoff_s;
    double burnout_time_s; double burnout_speed_mps; double burnout_alt_m; double burnout_gamma_rad;
    double apogee_alt_m; double apogee_time_s; int impacted; double flight_time_s; double range_m;
    double impact_lat_rad; double impact_lon_rad; double impact_speed_mps; double impact_gamma_rad;
    double max_decel_mps2; int n_events; bmd_traj_event events[...];
    long n_steps; long n_rejected; long n_rhs;
    ...;
} bmd_traj_summary;
typedef struct { double lat_rad; double lon_rad; double alt_m; double speed_mps;
                 double gamma_rad; double azimuth_rad; double mass_kg; double beta_kgpm2;
                 ...; } bmd_traj_impulsive;
typedef enum { BMD_TRAJ_MIN_ENERGY, BMD_TRAJ_LOFTED, BMD_TRAJ_DEPRESSED, ... } bmd_traj_shape_kind;
typedef struct { int kind; double apogee_m; double burnout_gamma_rad; ...; } bmd_traj_shape;
typedef struct { bmd_traj_launch launch; bmd_traj_summary summary; double miss_m;
                 double aim_range_m; double max_range_m; double min_energy_apogee_m;
                 int n_flights; ...; } bmd_traj_solution;
int bmd_traj_target(const bmd_traj_config *cfg, const bmd_missile *m, double lat_rad,
                    double lon_rad, double alt_m, double aim_lat_rad, double aim_lon_rad,
                    const bmd_traj_shape *shape, double tol_m, bmd_traj_solution *sol,
                    bmd_errbuf *err);
int bmd_traj_max_range(const bmd_traj_config *cfg, const bmd_missile *m, const bmd_traj_launch *l,
                       bmd_traj_launch *best, bmd_traj_summary *sum, bmd_errbuf *err);

/* glue (python/bmdsim/_glue.h): samples into growable columns */
typedef struct { size_t n; size_t cap; double *col[14]; int oom; } pyb_series;
void pyb_series_attach(bmd_traj_config *cfg, pyb_series *s, double dt_s);
void pyb_series_free(pyb_series *s);
int bmd_traj_fly(const bmd_traj_config *cfg, const bmd_missile *m, const bmd_traj_launch *l,
                 bmd_traj_summary *out, bmd_errbuf *err);
int bmd_traj_fly_impulsive(const bmd_traj_config *cfg, const bmd_traj_impulsive *b,
                           bmd_traj_summary *out, bmd_errbuf *err);

/* scenario, engagement, Monte Carlo */
typedef struct { char name[...]; ...; } bmd_scenario;
typedef struct { const bmd_site_list *sites; const bmd_missile_list *missiles;
                 const bmd_radar_catalog *radars; const bmd_interceptor_list *interceptors; } bmd_scenario_env;
void bmd_scenario_init(bmd_scenario *s);
void bmd_scenario_free(bmd_scenario *s);
int bmd_scenario_load(const char *path, const bmd_scenario_env *env, bmd_scenario *out,
                      bmd_errbuf *err);
int bmd_scenario_load_string(const char *text, size_t len, const char *display_name,
                             const char *base_dir, const bmd_scenario_env *env, bmd_scenario *out,
                             bmd_errbuf *err);
int pyb_scenario_seed(const bmd_scenario *s, unsigned long long *seed, long *runs);
const char *pyb_threat_name(const bmd_scenario *s, size_t i);
const char *pyb_battery_name(const bmd_scenario *s, size_t i);
const char *pyb_radar_name(const bmd_scenario *s, size_t i);
size_t pyb_n_threats(const bmd_scenario *s);

const char *bmd_eng_outcome_name(int outcome);
const char *bmd_eng_event_name(int kind);
typedef struct { double t_s; int kind; int threat; int battery; int radar; int shot;
                 double alt_m; double range_m; double value; int radar_from; } bmd_eng_event;
typedef struct { int outcome; double intercept_time_s; double intercept_alt_m;
                 double miss_distance_m; int interceptors_used; double first_detect_time_s;
                 double firm_track_time_s; double impact_time_s; ...; } bmd_eng_threat;
typedef struct { size_t n_threats; bmd_eng_threat *threat; int interceptors_fired; int leakers;
                 size_t n_events; bmd_eng_event *event; ...; } bmd_engage_result;
void bmd_engage_result_free(bmd_engage_result *r);
typedef struct bmd_engage_plan bmd_engage_plan;
typedef struct { int noise; int record; int draw_uncertain; ...; } bmd_engage_opts;
void bmd_engage_opts_init(bmd_engage_opts *o);
int bmd_engage_prepare(const bmd_scenario *s, bmd_engage_plan **plan, bmd_errbuf *err);
void bmd_engage_plan_free(bmd_engage_plan *plan);
int bmd_engage_run(const bmd_engage_plan *plan, long run, uint64_t seed,
                   const bmd_engage_opts *opts, bmd_engage_result *res, bmd_errbuf *err);
typedef struct { long intercepted; long leaked; long not_engaged; double p_negation; double p_lo;
                 double p_hi; double mean_interceptors; double sd_interceptors; } bmd_mc_threat;
typedef struct { double occupancy_max_mean; double occupancy_max_p90; double demand_max_mean;
                 double demand_max_p90; double over_share_mean; } bmd_mc_radar;
typedef struct { long runs; size_t n_threats; bmd_mc_threat *threat; long no_leaker_runs;
                 double p_no_leaker; double p_no_leaker_lo; double p_no_leaker_hi;
                 double mean_interceptors_fired; double mean_interceptors_at_non_warheads;
                 long n_miss; double miss_median_m; double miss_p90_m; size_t n_radars;
                 bmd_mc_radar *radar; ...; } bmd_mc_result;
void bmd_mc_result_free(bmd_mc_result *r);
typedef int (*bmd_mc_progress_fn)(void *ctx, long done, long total);
int bmd_mc_run(const bmd_engage_plan *plan, long runs, uint64_t seed, int threads,
               const bmd_engage_opts *opts, bmd_mc_progress_fn progress, void *progress_ctx,
               bmd_mc_result *res, bmd_errbuf *err);

/* interceptor lookup, fly-out table, radar site, footprint */
int bmd_interceptor_check(bmd_interceptor *ic, bmd_errbuf *err);
int bmd_interceptor_find(const bmd_interceptor_list *list, const char *name,
                         const bmd_interceptor **ic, bmd_errbuf *err);
int bmd_interceptor_table_build(const bmd_traj_config *cfg, const bmd_interceptor *ic,
                                double lat_rad, double lon_rad, double alt_m, double azimuth_rad,
                                double range_top_m, double alt_top_m, bmd_ic_table *tab,
                                bmd_errbuf *err);
typedef struct { ...; } bmd_radar_site;
int bmd_radar_setup(bmd_radar_site *site, const bmd_radar *r, const bmd_earth *e, bmd_errbuf *err);
void bmd_geo_inverse(const bmd_earth *e, double lat1_rad, double lon1_rad, double lat2_rad,
                     double lon2_rad, double *s12_m, double *azi1_rad, double *azi2_rad);

/* footprint */
typedef struct { double lat0_rad; double lon0_rad; double lat1_rad; double lon1_rad; double res_m;
                 double dlat_rad; double dlon_rad; int n_rows; int n_cols; ...; } bmd_fp_grid;
int bmd_fp_grid_init(bmd_fp_grid *g, const bmd_earth *e, double lat0_rad, double lon0_rad,
                     double lat1_rad, double lon1_rad, double res_m, bmd_errbuf *err);
size_t bmd_fp_grid_cells(const bmd_fp_grid *g);
void bmd_fp_grid_centre(const bmd_fp_grid *g, size_t cell, double *lat_rad, double *lon_rad);
double bmd_fp_grid_row_area(const bmd_fp_grid *g, const bmd_earth *e, int row);
typedef struct {
    int map; int threat; const bmd_missile *missile; bmd_traj_shape shape; size_t n_points;
    const double *pt_lat_rad; const double *pt_lon_rad;
    double bat_lat_rad; double bat_lon_rad; double bat_alt_m; const bmd_ic_table *table;
    const bmd_radar_site *radar; double rcs_m2; double revisit_s; int m_detect; int n_window;
    double reaction_s; int doctrine; double kill_assess_s; int method; int threads;
    const bmd_atmo *atmo;
    ...;
} bmd_fp_config;
void bmd_fp_config_init(bmd_fp_config *c, const bmd_earth *e, const bmd_atmo *atmo);
typedef struct { int state; int n_reach; double cue_s; double intercept_alt_m; double intercept_t_s;
                 double margin_s; } bmd_fp_cell;
typedef struct bmd_footprint bmd_footprint;
int bmd_footprint_create(const bmd_fp_config *cfg, const bmd_fp_grid *grid, bmd_footprint **fp,
                         bmd_errbuf *err);
void bmd_footprint_free(bmd_footprint *fp);
int bmd_footprint_run(bmd_footprint *fp, size_t begin, size_t end, bmd_fp_cell *out,
                      const volatile sig_atomic_t *stop, bmd_errbuf *err);
int bmd_footprint_point(bmd_footprint *fp, double lat_rad, double lon_rad, bmd_fp_cell *out,
                        bmd_errbuf *err);


/* visibility */
typedef struct { double t_first_s; double t_last_s; double alt_first_m; double alt_last_m;
                 double range_first_m; double range_last_m; double min_range_m; double max_snr;
                 ...; } bmd_vis_arc;
typedef struct { int visible; double first_detect_time_s; double track_duration_s;
                 double min_slant_range_m; double max_snr; double closest_range_m; int n_arcs;
                 bmd_vis_arc arcs[...]; double t_below_horizon_s; double t_out_of_for_s;
                 double t_beyond_instr_s; double t_low_snr_s; double flight_time_s;
                 int n_samples; ...; } bmd_visibility;
typedef struct { ...; } bmd_rcs_table;
int bmd_visibility_fly(const bmd_radar_site *site, const bmd_traj_config *cfg, const bmd_missile *m,
                       const bmd_traj_launch *l, const bmd_rcs_table *rcs, double rcs_m2,
                       double dt_s, bmd_visibility *vis, bmd_traj_summary *sum, bmd_errbuf *err);

/* validation table */
typedef struct { const char *group; char name[...]; const char *unit; double reference;
                 double computed; double tolerance; int relative; double tol_rel;
                 const char *source; int status; int pass; int assumption; ...; } bmd_validation;
typedef struct { const bmd_radar *radar; double claim_range_m; double claim_rcs_m2;
                 const char *claim_by; ...; } bmd_validate_radar;
typedef struct { const bmd_missile *missiles; size_t n_missiles; const bmd_validate_radar *radars;
                 size_t n_radars; ...; } bmd_validate_inputs;
extern "Python" int pyb_on_validation(void *ctx, const bmd_validation *v);
int bmd_validate_run(const bmd_validate_inputs *in, const char *group,
                     int (*fn)(void *, const bmd_validation *), void *ctx, int *n_cases,
                     int *n_failed);

/* scenario field overrides by path (bmd/uncertain.h) */
typedef struct { char path[96]; int dist; double lo; double hi; int quantity; double nominal;
                 ...; } bmd_uq_param;
int bmd_uq_resolve(const bmd_scenario *s, const char *path, int *quantity, double *nominal,
                   bmd_errbuf *err);
int bmd_uq_apply(bmd_scenario *s, const bmd_scenario_env *env, const bmd_uq_param *p, double value,
                 bmd_errbuf *err);

/* the footprint set-up of `bmdsim footprint SCENARIO` (bmd/footprint_setup.h) */
typedef struct { bmd_earth earth; bmd_atmo atmo; bmd_fp_config cfg; bmd_fp_grid grid; ...;
               } bmd_fp_setup;
static const double BMD_FP_DEFAULT_HALF_M;
int bmd_fp_grid_around(bmd_fp_grid *g, const bmd_earth *e, double lat_rad, double lon_rad,
                       double half_m, double res_m, bmd_errbuf *err);
int bmd_fp_setup_default(bmd_fp_setup *f, const bmd_scenario *s, double res_m, bmd_errbuf *err);

extern "Python" int pyb_on_progress(void *ctx, long done, long total);
"""

SOURCE = r"""
#include "bmd/bmd.h"
#include "bmd/uncertain.h"
#include "_glue.h"
"""


def pkg_config(*args):
    out = subprocess.run(["pkg-config", *args], check=True, capture_output=True, text=True)
    return out.stdout.split()


def build(srcdir, builddir, outdir):
    ffi = cffi.FFI()
    ffi.cdef(CDEF)
    # the libraries libbmd.a needs, as CMake found them (libproj only when
    # the geodesic routines are not built into libbmd.a: scripts/geodesic-lib)
    try:
        with open(os.path.join(builddir, "libbmd-pkgs.txt")) as f:
            pkgs = f.read().split()
    except OSError:
        pkgs = ["libfyaml", "libcjson", "gsl", "proj", "plplot"]
    libs = [f[2:] for f in pkg_config("--libs", *pkgs) if f.startswith("-l")]
    libdirs = [f[2:] for f in pkg_config("--libs", *pkgs) if f.startswith("-L")]
    incs = [f[2:] for f in pkg_config("--cflags", *pkgs) if f.startswith("-I")]
    here = os.path.dirname(os.path.abspath(__file__))
    ffi.set_source(
        "bmdsim._bmd",
        SOURCE,
        include_dirs=[os.path.join(srcdir, "include"), here] + incs,
        extra_objects=[os.path.join(builddir, "libbmd.a")],
        libraries=libs + ["m"],
        library_dirs=libdirs,
        extra_compile_args=["-std=c11", "-O2", "-fopenmp"],
        extra_link_args=["-fopenmp"],
    )
    tmp = os.path.join(builddir, "python-tmp")
    os.makedirs(tmp, exist_ok=True)
    so = ffi.compile(tmpdir=tmp, verbose=False)
    os.makedirs(outdir, exist_ok=True)
    dest = os.path.join(outdir, os.path.basename(so))
    os.replace(so, dest)
    return dest


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: _ffi_build.py SRCDIR BUILDDIR OUTDIR")
    print(build(*sys.argv[1:]))
