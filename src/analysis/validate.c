/*
 * validate.c: the validation table (bmd/validate.h). Each case computes one
 * number with the library and compares it with the published or analytic
 * value quoted beside it. Reference values and their sources are those of
 * docs/validation.md (copied from the project's reference list).
 */
#include "bmd/validate.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bmd/atmo.h"
#include "bmd/calibrate.h"
#include "bmd/const.h"
#include "bmd/geo.h"
#include "bmd/radar.h"
#include "bmd/traj.h"

/* The run's state: where rows go and the counts. */
struct vrun {
    const char *group; /* only this group, or NULL */
    bmd_validation_fn fn;
    void *ctx;
    int n, failed, stopped;
};

static int wanted(const struct vrun *r, const char *group)
{
    return !r->stopped && (r->group == NULL || strcmp(r->group, group) == 0);
}

/* Emit one row (none once the callback has asked to stop). */
static void emit(struct vrun *r, bmd_validation *v)
{
    if (r->stopped) return;
    if (v->relative) v->tolerance = v->tol_rel * fabs(v->reference);
    v->pass =
        v->status >= 0 && isfinite(v->computed) && fabs(v->computed - v->reference) <= v->tolerance;
    if (!v->assumption) {
        r->n++;
        if (!v->pass) r->failed++;
    }
    if (r->fn(r->ctx, v) != 0) r->stopped = 1;
}

static void row_as(struct vrun *r, const char *group, const char *name, const char *unit,
                   double reference, double computed, double tol, int relative, const char *source,
                   int status, int assumption)
{
    bmd_validation v;
    memset(&v, 0, sizeof v);
    v.assumption = assumption;
    v.group = assumption ? "assumptions" : group;
    snprintf(v.name, sizeof v.name, "%s", name);
    v.unit = unit;
    v.reference = reference;
    v.computed = computed;
    if (relative)
        v.tol_rel = tol;
    else
        v.tolerance = tol;
    v.relative = relative;
    v.source = source;
    v.status = status;
    emit(r, &v);
}

static void row(struct vrun *r, const char *group, const char *name, const char *unit,
                double reference, double computed, double tol, int relative, const char *source,
                int status)
{
    row_as(r, group, name, unit, reference, computed, tol, relative, source, status, 0);
}

/* ---- WGS84 ---------------------------------------------------------------- */

static void cases_wgs84(struct vrun *r)
{
    static const char *src = "REFERENCES.md WGS84 worked example (WGS84 constants of NGA TR8350.2)";
    bmd_earth e;
    bmd_earth_wgs84(&e);
    double lat = 42.0 * BMD_DEG2RAD, lon = -82.0 * BMD_DEG2RAD, h = 200.0, x[3];
    bmd_geo_to_ecef(&e, lat, lon, h, x);
    row(r, "wgs84", "geodetic->ECEF x (42N 82W 200 m)", "m", 660675.2518, x[0], 1e-3, 0, src, 0);
    row(r, "wgs84", "geodetic->ECEF y", "m", -4700948.6832, x[1], 1e-3, 0, src, 0);
    row(r, "wgs84", "geodetic->ECEF z", "m", 4245737.6622, x[2], 1e-3, 0, src, 0);
    double p[3], plat, plon, ph;
    bmd_geo_aer_to_ecef(&e, lat, lon, h, 33.0 * BMD_DEG2RAD, 77.0 * BMD_DEG2RAD, 1000.0, p);
    bmd_geo_from_ecef(&e, p, &plat, &plon, &ph);
    /* 1 mm on the ground is 9e-9 deg of latitude. */
    row(r, "wgs84", "AER (33, 77 deg, 1 km) -> latitude", "deg", 42.0016981935, plat * BMD_RAD2DEG,
        1e-8, 0, src, 0);
    row(r, "wgs84", "AER -> longitude", "deg", -81.99852146, plon * BMD_RAD2DEG, 1e-8, 0, src, 0);
    row(r, "wgs84", "AER -> height", "m", 1174.374035, ph, 1e-3, 0, src, 0);
    double c[3] = {0.1 * e.a_m, 0.0, 0.0}, clat, ch;
    bmd_geo_from_ecef(&e, c, &clat, NULL, &ch);
    row(r, "wgs84", "inside the ellipsoid (0.1 a, 0, 0) -> height", "m", -0.9 * e.a_m, ch, 1e-6, 0,
        "REFERENCES.md: (0.1 a, 0, 0) -> (0, 0, -0.9 a)", 0);
}

/* ---- US Standard Atmosphere 1976 -------------------------------------------- */

static void cases_atmosphere(struct vrun *r)
{
    static const char *src = "U.S. Standard Atmosphere 1976 (NASA-TM-X-74335), table I";
    static const struct {
        double z_km, t_k, p_pa, rho;
        double tol_t, tol_p, tol_rho; /* relative */
    } tab[] = {
        /* REFERENCES.md: 1e-4 relative below 86 km (density 1e-3); above 86 km
         * temperature 0.1 %, density 1-3 % (pressure taken the same). */
        {0, 288.150, 101325, 1.22500, 1e-4, 1e-4, 1e-3},
        {11, 216.774, 22699.9, 0.364801, 1e-4, 1e-4, 1e-3},
        {20, 216.650, 5529.29, 0.0889097, 1e-4, 1e-4, 1e-3},
        {86, 186.87, 0.37338, 6.958e-6, 1e-3, 1e-2, 1e-2},
        {100, 195.08, 3.2013e-2, 5.604e-7, 1e-3, 1e-2, 1e-2},
        {1000, 1000.0, 7.514e-9, 3.561e-15, 1e-3, 3e-2, 3e-2},
    };
    bmd_atmo atm;
    int st0 = bmd_atmo_init(&atm, BMD_ATMO_US76);
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++) {
        bmd_atmo_point pt;
        memset(&pt, 0, sizeof pt);
        int st = st0 ? st0 : bmd_atmo_eval(&atm, tab[i].z_km * 1e3, &pt);
        char name[96];
        snprintf(name, sizeof name, "US76 temperature at %.0f km", tab[i].z_km);
        row(r, "atmosphere", name, "K", tab[i].t_k, pt.t_k, tab[i].tol_t, 1, src, st);
        snprintf(name, sizeof name, "US76 pressure at %.0f km", tab[i].z_km);
        row(r, "atmosphere", name, "Pa", tab[i].p_pa, pt.p_pa, tab[i].tol_p, 1, src, st);
        snprintf(name, sizeof name, "US76 density at %.0f km", tab[i].z_km);
        row(r, "atmosphere", name, "kg/m3", tab[i].rho, pt.rho_kgpm3, tab[i].tol_rho, 1, src, st);
    }
}

/* ---- free flight: Bate, Mueller & White minimum-energy cases ------------------ */

/* An impulsive vacuum flight on the non-rotating textbook sphere. */
static int sphere_flight(double v_mps, double gamma_rad, bmd_traj_summary *s)
{
    bmd_earth e;
    bmd_earth_sphere(&e);
    e.omega_radps = 0.0;
    bmd_traj_config cfg;
    bmd_traj_config_init(&cfg, &e, NULL);
    bmd_traj_impulsive b;
    memset(&b, 0, sizeof b);
    b.speed_mps = v_mps;
    b.gamma_rad = gamma_rad;
    b.azimuth_rad = 0.5 * BMD_PI;
    return bmd_traj_fly_impulsive(&cfg, &b, s, NULL);
}

/* The burnout speed that flies range_m at gamma_rad (secant on the range). */
static int speed_for_range(double range_m, double gamma_rad, double v0, double *v_out)
{
    bmd_traj_summary s;
    double va = v0, vb = 1.01 * v0, ra, rb;
    int st = sphere_flight(va, gamma_rad, &s);
    ra = s.range_m - range_m;
    if (st == BMD_OK) st = sphere_flight(vb, gamma_rad, &s);
    rb = s.range_m - range_m;
    for (int i = 0; st == BMD_OK && i < 30 && fabs(rb) > 1e-4; i++) {
        double vc = vb - rb * (vb - va) / (rb - ra);
        va = vb;
        ra = rb;
        vb = vc;
        st = sphere_flight(vb, gamma_rad, &s);
        rb = s.range_m - range_m;
    }
    *v_out = vb;
    return st;
}

static void cases_free_flight(struct vrun *r)
{
    static const char *src = "Bate, Mueller & White (1971) ch. 6, minimum-energy (REFERENCES.md)";
    static const struct {
        double range_km, v_kmps, gamma_deg, apogee_km, time_min;
    } tab[] = {{1000, 3.0161, 42.752, 239.9, 7.91}, {10000, 7.1981, 22.517, 1319.5, 32.18}};
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++) {
        char name[96];
        bmd_traj_summary s;
        memset(&s, 0, sizeof s);
        int st = sphere_flight(tab[i].v_kmps * 1e3, tab[i].gamma_deg * BMD_DEG2RAD, &s);
        snprintf(name, sizeof name, "%.0f km case: range at the tabulated burnout state",
                 tab[i].range_km);
        /* 0.05 %: the tabulated speed has 5 significant digits. */
        row(r, "free-flight", name, "km", tab[i].range_km, s.range_m / 1e3, 5e-4, 1, src, st);
        snprintf(name, sizeof name, "%.0f km case: apogee altitude", tab[i].range_km);
        row(r, "free-flight", name, "km", tab[i].apogee_km, s.apogee_alt_m / 1e3, 2e-3, 1, src, st);
        snprintf(name, sizeof name, "%.0f km case: free-flight time", tab[i].range_km);
        row(r, "free-flight", name, "min", tab[i].time_min, s.flight_time_s / 60.0, 2e-3, 1, src,
            st);
        double v = 0.0;
        st = speed_for_range(tab[i].range_km * 1e3, tab[i].gamma_deg * BMD_DEG2RAD,
                             tab[i].v_kmps * 1e3 * 0.99, &v);
        snprintf(name, sizeof name, "%.0f km case: burnout speed that flies the range",
                 tab[i].range_km);
        row(r, "free-flight", name, "km/s", tab[i].v_kmps, v / 1e3, 1e-4, 1, src, st);
    }
}

/* ---- reentry: Allen-Eggers ---------------------------------------------------- */

static void cases_reentry(struct vrun *r)
{
    static const char *src =
        "Allen & Eggers (NACA TR-1381, 1958) closed form, exponential atmosphere (REFERENCES.md)";
    /* Allen-Eggers assumes a straight path, no gravity and a flat Earth: here
     * gravity is off and the sphere 1000 times the Earth's radius. */
    bmd_earth e;
    bmd_earth_sphere(&e);
    int st = bmd_earth_init(&e, 1000.0 * BMD_SPHERE_R_M, 0.0, BMD_SPHERE_GM_M3PS2, 0.0, 0.0);
    bmd_atmo atm;
    if (st == BMD_OK) st = bmd_atmo_init(&atm, BMD_ATMO_EXPONENTIAL);
    bmd_traj_config cfg;
    bmd_traj_config_init(&cfg, &e, &atm);
    cfg.gravity_off = 1;
    bmd_traj_impulsive b;
    memset(&b, 0, sizeof b);
    b.alt_m = 120e3;
    b.speed_mps = 7000.0;
    b.gamma_rad = -25.0 * BMD_DEG2RAD;
    b.beta_kgpm2 = 5000.0;
    bmd_traj_summary s;
    memset(&s, 0, sizeof s);
    if (st == BMD_OK) st = bmd_traj_fly_impulsive(&cfg, &b, &s, NULL);
    row(r, "reentry", "peak deceleration (7 km/s, 25 deg, 5000 kg/m2)", "m/s2", 529.0,
        s.max_decel_mps2, 1e-2, 1, src, st);
    row(r, "reentry", "altitude of peak deceleration", "km", 10.3, s.max_decel_alt_m / 1e3, 1e-2, 1,
        src, st);
    row(r, "reentry", "speed at peak deceleration", "m/s", 4246.0, s.max_decel_speed_mps, 1e-2, 1,
        src, st);
}

/* ---- catalog missiles: range class -------------------------------------------- */

static const char *range_source(const bmd_missile *m)
{
    for (int k = 0; k < m->n_sources && k < BMD_MAX_SOURCES; k++)
        if (strcmp(m->source[k].group, "range") == 0) return m->source[k].text;
    return "catalog: published range";
}

static void cases_missiles(struct vrun *r, const bmd_validate_inputs *in)
{
    if (in == NULL || in->missiles == NULL) return;
    /* Published ranges are quoted without the Earth-rotation bonus: the
     * calibration model (bmd/calibrate.h: WGS84 + J2, no rotation, US76),
     * full burn at the best kick. */
    for (size_t i = 0; i < in->n_missiles && !r->stopped; i++) {
        const bmd_missile *m = &in->missiles[i];
        if (!(m->range_published_m > 0)) continue;
        bmd_calib_eval ev;
        memset(&ev, 0, sizeof ev);
        bmd_earth e;
        bmd_atmo atm;
        bmd_traj_config cfg;
        int st = bmd_calib_config(&e, &atm, &cfg);
        bmd_traj_launch l;
        bmd_traj_launch_init(&l, BMD_CALIB_LAT_RAD, BMD_CALIB_LON_RAD, 0.0, BMD_CALIB_AZ_RAD);
        bmd_traj_summary s;
        memset(&s, 0, sizeof s);
        if (st == BMD_OK) st = bmd_traj_max_range(&cfg, m, &l, NULL, &s, NULL);
        char name[96];
        snprintf(name, sizeof name, "%s maximum range (min-energy, full burn)", m->name);
        /* +-1.5 %: issue 11, tight enough to catch the 1.3-4.3 % shortfall
         * of the exponential-atmosphere tuning. The entry's free parameters
         * were fitted to this range (bmdsim calibrate): the row checks that
         * the catalog is calibrated for the model that flies it. */
        row(r, "missile-range", name, "km", m->range_published_m / 1e3, s.range_m / 1e3, 0.015, 1,
            range_source(m), st);
    }
}

/* ---- public test flights ----------------------------------------------------- */

/* Replay a test: lofted targeting to the observed apogee at the observed
 * range in the calibration model. A fitted test sits at the edge of what
 * the vehicle can fly (a full-burn test, or one whose constraint was active
 * in the fit): when the request is just above the highest apogee (within
 * 0.1 %), the most lofted flight stands in for it. */
static int replay(const bmd_missile *m, const bmd_test_flight *t, bmd_traj_summary *out)
{
    bmd_earth e;
    bmd_atmo atm;
    bmd_traj_config cfg;
    int st = bmd_calib_config(&e, &atm, &cfg);
    if (st != BMD_OK) return st;
    double lat, lon;
    bmd_geo_direct(&e, BMD_CALIB_LAT_RAD, BMD_CALIB_LON_RAD, BMD_CALIB_AZ_RAD, t->range_m, &lat,
                   &lon, NULL);
    bmd_traj_shape sh = {BMD_TRAJ_LOFTED, t->apogee_m, 0.0};
    static bmd_traj_solution sol_zero;
    bmd_traj_solution sol = sol_zero;
    st = bmd_traj_target(&cfg, m, BMD_CALIB_LAT_RAD, BMD_CALIB_LON_RAD, 0.0, lat, lon, &sh, 0.0,
                         &sol, NULL);
    if (st == BMD_EUNREACH) {
        bmd_traj_launch l;
        bmd_traj_launch_init(&l, BMD_CALIB_LAT_RAD, BMD_CALIB_LON_RAD, 0.0, BMD_CALIB_AZ_RAD);
        st = bmd_traj_loft_limit(&cfg, m, &l, t->range_m, NULL, out, NULL);
        /* within the calibration's 0.1 % of the observed apogee */
        if (st == BMD_OK && fabs(out->apogee_alt_m - t->apogee_m) > 1e-3 * t->apogee_m)
            st = BMD_EUNREACH;
        return st;
    }
    *out = sol.summary;
    return st;
}

static void cases_tests(struct vrun *r, const bmd_validate_inputs *in)
{
    if (in == NULL || in->missiles == NULL) return;
    for (size_t i = 0; i < in->n_missiles && !r->stopped; i++) {
        const bmd_missile *m = &in->missiles[i];
        for (int k = 0; k < m->n_tests && !r->stopped; k++) {
            const bmd_test_flight *t = &m->test[k];
            bmd_traj_summary s;
            memset(&s, 0, sizeof s);
            int st = replay(m, t, &s);
            char name[96];
            if (t->flight_time_s > 0.0) {
                snprintf(name, sizeof name, "%s %s flight time (%.0f km up, %.0f km)", m->name,
                         t->date, t->apogee_m / 1e3, t->range_m / 1e3);
                /* +-6 %: issue 11; the published times are rounded to the
                 * minute (2-3 % of a 30-53 min flight) */
                row(r, "test-flight", name, "min", t->flight_time_s / 60.0, s.flight_time_s / 60.0,
                    0.06, 1, t->source, st);
            } else {
                /* no published time: only that the replay flies (its apogee
                 * is the request) is on record, not a validation */
                snprintf(name, sizeof name, "%s %s replayed: apogee at %.0f km (no time published)",
                         m->name, t->date, t->range_m / 1e3);
                row_as(r, "test-flight", name, "km", t->apogee_m / 1e3, s.apogee_alt_m / 1e3, 1e-3,
                       1, t->source, st, 1);
            }
        }
    }
}

/* ---- radar ------------------------------------------------------------------ */

/* The textbook peak-power radar: 10 GHz, 1 MW peak, 10 us pulse, 290 K,
 * 6 dB SNR; gain, RCS and loss vary. */
static int textbook_range(double gain_db, double rcs_m2, double loss_db, double *range_m)
{
    bmd_radar r;
    bmd_radar_defaults(&r);
    r.hw.freq_hz = 10e9;
    r.hw.p_peak_w = 1e6;
    r.hw.pulse_s = 10e-6;
    r.hw.gain = pow(10.0, gain_db / 10.0);
    r.hw.loss = pow(10.0, loss_db / 10.0);
    r.hw.t_sys_k = 290.0;
    r.mode.snr_req = pow(10.0, 0.6);
    *range_m = 0.0;
    return bmd_radar_track_range(&r, rcs_m2, range_m);
}

static void cases_radar(struct vrun *r, const bmd_validate_inputs *in)
{
    static const char *src = "peak-power range equation worked example (REFERENCES.md; Skolnik; "
                             "MATLAB radar documentation)";
    double R = 0.0;
    int st = textbook_range(20.0, 1.0, 0.0, &R);
    row(r, "radar", "textbook radar, 20 dB gain, 1 m2", "km", 41.057, R / 1e3, 1e-3, 1, src, st);
    st = textbook_range(40.0, 0.1, 3.0, &R);
    row(r, "radar", "textbook radar, 40 dB gain, 0.1 m2, 3 dB loss", "km", 194.26, R / 1e3, 1e-3, 1,
        src, st);
    double snr = 0.0;
    st = bmd_radar_snr_for_pd(&bmd_detector_swerling1, 0.9, 1e-6, &snr);
    row(r, "radar", "Swerling 1 SNR for Pd 0.9 at Pfa 1e-6", "dB",
        10.0 * log10(log(1e-6) / log(0.9) - 1.0), 10.0 * log10(snr), 1e-3, 0,
        "closed form Pd = Pfa^(1/(1+SNR)) (Skolnik 2001, sec. 2.8)", st);
    st = bmd_radar_snr_for_pd(&bmd_detector_swerling0, 0.9, 1e-6, &snr);
    row(r, "radar", "Swerling 0 SNR for Pd 0.9 at Pfa 1e-6", "dB", 13.18349, 10.0 * log10(snr),
        1e-3, 0, "exact single-sample value (Marcum Q), sdr package documentation (Hostetter 2023)",
        st);
    if (in == NULL || in->radars == NULL) return;
    for (size_t i = 0; i < in->n_radars && !r->stopped; i++) {
        const bmd_validate_radar *p = &in->radars[i];
        if (!(p->claim_range_m > 0)) continue;
        double rcs = p->claim_rcs_m2 > 0 ? p->claim_rcs_m2 : 1.0;
        st = bmd_radar_track_range(p->radar, rcs, &R);
        double lim = p->radar->mode.instr_range_m;
        int assumed = lim > 0 && lim <= R;
        if (assumed) R = lim;
        char name[96];
        snprintf(name, sizeof name, "%s range against %g m2%s", p->radar->name, rcs,
                 p->claim_rcs_m2 > 0 ? "" : " (no RCS in source)");
        /* A preset whose instrumented range window cuts the computed range
         * gives back its window: the claim is the assumption (issue 11,
         * "an-tpy2 range against 1 m2: 600 vs 600"), listed apart. Else
         * +-10 %: the criterion for presets. */
        row_as(r, "radar", name, "km", p->claim_range_m / 1e3, R / 1e3, 0.10, 1,
               p->claim_by ? p->claim_by : "catalog claim", st, assumed);
    }
}

static const char *const groups[] = {"wgs84",         "atmosphere",  "free-flight", "reentry",
                                     "missile-range", "test-flight", "radar",       NULL};

const char *const *bmd_validate_groups(void)
{
    return groups;
}

int bmd_validate_run(const bmd_validate_inputs *in, const char *group, bmd_validation_fn fn,
                     void *ctx, int *n_cases, int *n_failed)
{
    if (fn == NULL) return BMD_EINVAL;
    struct vrun r = {group, fn, ctx, 0, 0, 0};
    if (wanted(&r, "wgs84")) cases_wgs84(&r);
    if (wanted(&r, "atmosphere")) cases_atmosphere(&r);
    if (wanted(&r, "free-flight")) cases_free_flight(&r);
    if (wanted(&r, "reentry")) cases_reentry(&r);
    if (wanted(&r, "missile-range")) cases_missiles(&r, in);
    if (wanted(&r, "test-flight")) cases_tests(&r, in);
    if (wanted(&r, "radar")) cases_radar(&r, in);
    if (n_cases) *n_cases = r.n;
    if (n_failed) *n_failed = r.failed;
    return r.stopped ? BMD_EINTR : BMD_OK;
}
