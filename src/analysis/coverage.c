/*
 * coverage.c: radar coverage at a target altitude and RCS on a polar grid
 * of geodesic rays around the radar; boundary rings and their geodesic
 * area. docs/models/radar.md, "Coverage".
 */
#include <geodesic.h>
#include <math.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/core.h"
#include "bmd/coverage.h"

/* Rays at the edges of a limited field of regard sit this far inside it. */
#define EDGE_RAD 1e-9
/* Margin of the automatic ray length beyond the predicted coverage edge. */
#define AUTO_MARGIN 1.05

/* What one coverage test needs. */
typedef struct cov_ctx {
    bmd_radar_site site;
    const bmd_earth *e;
    double alt_m, rcs_m2;
} cov_ctx;

/* Is a target at altitude alt_m above the point at ground range s_m along
 * azimuth az_rad from the site detected? */
static int covered(const cov_ctx *x, double az_rad, double s_m)
{
    const bmd_radar_face *f = &x->site.radar.face;
    double lat, lon, p[3];
    bmd_radar_obs o;
    bmd_geo_direct(x->e, f->lat_rad, f->lon_rad, az_rad, s_m, &lat, &lon, NULL);
    bmd_geo_to_ecef(x->e, lat, lon, x->alt_m, p);
    bmd_radar_observe(&x->site, p, x->rcs_m2, &o);
    return o.reasons == 0;
}

/* The boundary between s_a (state covered(s_a)) and s_b (the other state)
 * to within tol_m. */
static double bisect(const cov_ctx *x, double az_rad, double s_a, double s_b, double tol_m)
{
    int state_a = covered(x, az_rad, s_a);
    while (fabs(s_b - s_a) > tol_m) {
        double mid = 0.5 * (s_a + s_b);
        if (covered(x, az_rad, mid) == state_a)
            s_a = mid;
        else
            s_b = mid;
    }
    return 0.5 * (s_a + s_b);
}

/* Ground arc (m) on a sphere of radius R between a point at height h0 and
 * one at height h that are rho apart; 0 when rho < |h - h0|. */
static double ground_for_slant(double R, double h0, double h, double rho)
{
    double b0 = R + h0, b1 = R + h, dh = b1 - b0;
    double hav = (rho * rho - dh * dh) / (4.0 * b0 * b1);
    if (hav <= 0.0) return 0.0;
    return 2.0 * R * asin(hav >= 1.0 ? 1.0 : sqrt(hav));
}

int bmd_coverage_size(int n_az, size_t *max_points, size_t *max_rings)
{
    if (n_az < 3) return BMD_EINVAL;
    size_t n = (size_t)n_az;
    /* Every run of rays gives one ring of at most 2 (rays) + 2 vertices;
     * runs are separated by gaps, so there are at most n / 2 + 1 of them,
     * plus one hole ring when the whole circle is covered. */
    if (max_points) *max_points = 2 * n + 2 * (n / 2 + 2) + 8;
    if (max_rings) *max_rings = n / 2 + 2;
    return BMD_OK;
}

/* The radar as used by the coverage: for the search form, the track dwell
 * that puts the same energy on the target, t = t_frame (4 pi / G) / Omega
 * (Skolnik 2001, eq. 2.65 from 2.61). */
static int coverage_radar(const bmd_radar *r, int search, bmd_radar *out, bmd_errbuf *err)
{
    *out = *r;
    if (!search) return BMD_OK;
    if (!(r->hw.p_avg_w > 0.0 && r->mode.t_frame_s > 0.0 && r->mode.omega_sr > 0.0))
        return bmd_err_set(err, BMD_EINVAL,
                           "coverage: the search form needs power_avg, frame_time and "
                           "search_solid_angle");
    double g;
    bmd_radar_antenna(r, NULL, &g, NULL);
    out->hw.p_peak_w = 0.0;
    out->mode.t_dwell_s = r->mode.t_frame_s * 4.0 * BMD_PI / (g * r->mode.omega_sr);
    return BMD_OK;
}

/* The single figures and the automatic ray length. */
static int coverage_figures(const bmd_radar *r, const bmd_earth *e, const bmd_coverage_opts *o,
                            bmd_coverage *c)
{
    const bmd_radar_face *f = &r->face;
    double rlocal = bmd_earth_radius_at(e, f->lat_rad);
    int s = bmd_radar_track_range(r, o->rcs_m2, &c->track_range_m);
    if (s != BMD_OK) return s;
    if (bmd_radar_search_range(r, o->rcs_m2, &c->search_range_m) != BMD_OK) c->search_range_m = 0.0;
    double h0 = f->h_m > 0.0 ? f->h_m : 0.0;
    s = bmd_radar_horizon(rlocal, f->k_refr, h0, o->alt_m, f->el_min_rad, &c->horizon_ground_m,
                          &c->horizon_slant_m);
    if (s != BMD_OK) return s;
    c->instrumented_range_m = r->mode.instr_range_m;
    double lim = (o->search && c->search_range_m > 0.0) ? c->search_range_m : c->track_range_m;
    if (c->instrumented_range_m > 0.0 && c->instrumented_range_m < lim)
        lim = c->instrumented_range_m;
    double s_lim = ground_for_slant(rlocal, f->h_m, o->alt_m, lim);
    double s_max = s_lim < c->horizon_ground_m ? s_lim : c->horizon_ground_m;
    c->max_ground_m = o->max_ground_m > 0.0 ? o->max_ground_m : AUTO_MARGIN * s_max + 1000.0;
    if (c->max_ground_m > 0.99 * BMD_PI * rlocal) c->max_ground_m = 0.99 * BMD_PI * rlocal;
    return BMD_OK;
}

static int check_opts(const bmd_coverage_opts *o, const bmd_coverage *c, bmd_errbuf *err)
{
    if (!(o->alt_m >= 0.0) || !isfinite(o->alt_m))
        return bmd_err_set(err, BMD_EINVAL, "coverage: altitude = %g m: must be >= 0", o->alt_m);
    if (!(o->rcs_m2 > 0.0) || !isfinite(o->rcs_m2))
        return bmd_err_set(err, BMD_EINVAL, "coverage: rcs = %g m2: must be positive", o->rcs_m2);
    if (o->n_az < 3 || o->n_r < 2)
        return bmd_err_set(err, BMD_EINVAL, "coverage: grid %d x %d: need n_az >= 3, n_r >= 2",
                           o->n_az, o->n_r);
    if (!(o->max_ground_m >= 0.0) || !(o->tol_m >= 0.0))
        return bmd_err_set(err, BMD_EINVAL, "coverage: max_ground and tol must be >= 0");
    if (c->ray_az_rad == NULL || c->ray_in_m == NULL || c->ray_out_m == NULL)
        return bmd_err_set(err, BMD_EINVAL, "coverage: ray_az_rad, ray_in_m, ray_out_m needed");
    return BMD_OK;
}

/* Ray azimuths: the face sector, edges included, or the full circle. */
static void ray_azimuths(const bmd_radar_face *f, int n_az, double *az)
{
    int full = f->half_az_rad >= BMD_PI;
    for (int i = 0; i < n_az; i++) {
        double a;
        if (full)
            a = 2.0 * BMD_PI * (double)i / (double)n_az;
        else
            a = f->boresight_az_rad - f->half_az_rad + EDGE_RAD +
                2.0 * (f->half_az_rad - EDGE_RAD) * (double)i / (double)(n_az - 1);
        az[i] = bmd_wrap_2pi(a);
    }
}

/* Sample one ray, find and refine its first covered interval. */
static void scan_ray(const cov_ctx *x, const bmd_coverage_opts *o, bmd_coverage *c, int i,
                     double tol)
{
    double az = c->ray_az_rad[i], ds = c->max_ground_m / (double)o->n_r;
    int jin = -1, jout = -1, prev = 0, runs = 0;
    for (int j = 0; j < o->n_r; j++) {
        int v = covered(x, az, (j + 0.5) * ds);
        if (c->cells) c->cells[(size_t)i * (size_t)o->n_r + (size_t)j] = (unsigned char)v;
        c->n_covered_cells += v;
        if (v && !prev && ++runs == 1) jin = j;
        if (v && runs == 1) jout = j;
        prev = v;
    }
    if (runs > 1) c->multi_interval++;
    if (jin < 0) {
        c->ray_in_m[i] = c->ray_out_m[i] = -1.0;
        return;
    }
    double s_in = (jin + 0.5) * ds, s_out = (jout + 0.5) * ds;
    if (jin > 0)
        c->ray_in_m[i] = bisect(x, az, s_in, (jin - 0.5) * ds, tol);
    else
        c->ray_in_m[i] = covered(x, az, 0.0) ? 0.0 : bisect(x, az, s_in, 0.0, tol);
    if (jout < o->n_r - 1)
        c->ray_out_m[i] = bisect(x, az, s_out, (jout + 1.5) * ds, tol);
    else if (covered(x, az, c->max_ground_m)) {
        c->ray_out_m[i] = c->max_ground_m;
        c->clipped++;
    } else
        c->ray_out_m[i] = bisect(x, az, s_out, c->max_ground_m, tol);
}

/* Ring output state: vertices go to the caller's arrays and to a PROJ
 * polygon accumulator for the area. */
typedef struct ring_out {
    bmd_coverage *c;
    const bmd_earth *e;
    const bmd_radar_face *f;
    struct geod_geodesic g;
    struct geod_polygon poly;
    size_t first;
    int full; /* out of room */
} ring_out;

static void ring_point(ring_out *w, double az_rad, double s_m)
{
    bmd_coverage *c = w->c;
    double lat, lon;
    bmd_geo_direct(w->e, w->f->lat_rad, w->f->lon_rad, az_rad, s_m, &lat, &lon, NULL);
    if (c->n_points >= c->cap_points) {
        w->full = 1;
        return;
    }
    c->lat_rad[c->n_points] = lat;
    c->lon_rad[c->n_points] = lon;
    c->n_points++;
    geod_polygon_addpoint(&w->g, &w->poly, lat * BMD_RAD2DEG, lon * BMD_RAD2DEG);
}

static void ring_begin(ring_out *w)
{
    geod_polygon_init(&w->poly, 0);
    w->first = w->c->n_points;
}

/* Close the ring (repeat the first vertex) and add its signed area. */
static void ring_end(ring_out *w, int hole)
{
    bmd_coverage *c = w->c;
    if (w->full || c->n_points == w->first) return;
    if (c->n_points >= c->cap_points || c->n_rings >= c->cap_rings) {
        w->full = 1;
        return;
    }
    c->lat_rad[c->n_points] = c->lat_rad[w->first];
    c->lon_rad[c->n_points] = c->lon_rad[w->first];
    c->n_points++;
    c->rings[c->n_rings].first = w->first;
    c->rings[c->n_rings].n = c->n_points - w->first;
    c->rings[c->n_rings].hole = hole;
    c->n_rings++;
    double area;
    geod_polygon_compute(&w->g, &w->poly, 0, 1, &area, NULL);
    c->area_m2 += area;
}

/* Ray index of the q-th ray of a run that starts at position `first` of
 * the scan (which starts at ray `start` and wraps on a full circle). */
static int run_ray(int full, int start, int first, int q, int n_az)
{
    return full ? (start + first + q) % n_az : first + q;
}

/* One run of len covered rays in increasing azimuth: the outer edge with
 * decreasing azimuth, then the inner edge back (or the site), which makes
 * the ring counter-clockwise. */
static void ring_run(ring_out *w, int full, int start, int first, int len, int n_az)
{
    bmd_coverage *c = w->c;
    int has_inner = 0;
    for (int q = 0; q < len; q++)
        has_inner |= c->ray_in_m[run_ray(full, start, first, q, n_az)] > 0.0;
    ring_begin(w);
    for (int q = len - 1; q >= 0; q--) {
        int i = run_ray(full, start, first, q, n_az);
        ring_point(w, c->ray_az_rad[i], c->ray_out_m[i]);
    }
    if (has_inner) {
        for (int q = 0; q < len; q++) {
            int i = run_ray(full, start, first, q, n_az);
            ring_point(w, c->ray_az_rad[i], c->ray_in_m[i]);
        }
    } else {
        ring_point(w, 0.0, 0.0);
    }
    ring_end(w, 0);
}

/* All rays covered around the full circle: exterior ring, and a clockwise
 * hole when the coverage starts away from the site. */
static void ring_full_circle(ring_out *w, int n_az)
{
    bmd_coverage *c = w->c;
    int has_inner = 0;
    ring_begin(w);
    for (int i = n_az - 1; i >= 0; i--) {
        ring_point(w, c->ray_az_rad[i], c->ray_out_m[i]);
        has_inner |= c->ray_in_m[i] > 0.0;
    }
    ring_end(w, 0);
    if (!has_inner) return;
    ring_begin(w);
    for (int i = 0; i < n_az; i++)
        ring_point(w, c->ray_az_rad[i], c->ray_in_m[i]);
    ring_end(w, 1);
}

/* Split the rays into runs of covered rays (wrapping round on a full
 * circle, starting after a gap) and emit a ring for each run of two rays
 * or more (a single ray encloses no area). */
static void rings_build(ring_out *w, int n_az, int full)
{
    bmd_coverage *c = w->c;
    int start = -1;
    for (int i = 0; i < n_az && start < 0; i++)
        if (c->ray_out_m[i] < 0.0) start = i;
    if (full && start < 0) {
        ring_full_circle(w, n_az);
        return;
    }
    if (!full || start < 0) start = 0;
    int first = 0, len = 0;
    for (int k = 0; k <= n_az; k++) {
        int in = k < n_az && c->ray_out_m[run_ray(full, start, 0, k, n_az)] >= 0.0;
        if (in) {
            if (len++ == 0) first = k;
            continue;
        }
        if (len >= 2) ring_run(w, full, start, first, len, n_az);
        len = 0;
    }
}

int bmd_coverage_run(const bmd_radar *r, const bmd_earth *e, const bmd_coverage_opts *o,
                     bmd_coverage *c, bmd_errbuf *err)
{
    if (r == NULL || e == NULL || o == NULL || c == NULL)
        return bmd_err_set(err, BMD_EINVAL, "coverage: NULL argument");
    int s = check_opts(o, c, err);
    if (s != BMD_OK) return s;
    cov_ctx x;
    bmd_radar rr;
    s = coverage_radar(r, o->search, &rr, err);
    if (s == BMD_OK) s = bmd_radar_setup(&x.site, &rr, e, err);
    if (s != BMD_OK) return s;
    x.e = e;
    x.alt_m = o->alt_m;
    x.rcs_m2 = o->rcs_m2;
    c->n_points = c->n_rings = 0;
    c->area_m2 = 0.0;
    c->n_covered_cells = c->multi_interval = c->clipped = 0;
    s = coverage_figures(&rr, e, o, c);
    if (s != BMD_OK) return bmd_err_set(err, s, "coverage: bad radar or target");
    if (o->search) bmd_radar_search_range(r, o->rcs_m2, &c->search_range_m);
    double tol = o->tol_m > 0.0 ? o->tol_m : 1.0;
    ray_azimuths(&rr.face, o->n_az, c->ray_az_rad);
    for (int i = 0; i < o->n_az; i++)
        scan_ray(&x, o, c, i, tol);
    if (c->lat_rad && c->lon_rad && c->rings) {
        ring_out w;
        memset(&w, 0, sizeof w);
        w.c = c;
        w.e = e;
        w.f = &rr.face;
        geod_init(&w.g, e->a_m, e->f);
        rings_build(&w, o->n_az, rr.face.half_az_rad >= BMD_PI);
        if (w.full)
            return bmd_err_set(err, BMD_ELIMIT,
                               "coverage: ring buffers too small (%zu points, "
                               "%zu rings)",
                               c->cap_points, c->cap_rings);
    }
    return (c->multi_interval || c->clipped) ? BMD_WACCURACY : BMD_OK;
}

int bmd_coverage_sample_latlon(const bmd_radar *r, const bmd_earth *e, const bmd_coverage *c,
                               int n_r, int i, int j, double *lat_rad, double *lon_rad)
{
    if (r == NULL || e == NULL || c == NULL || c->ray_az_rad == NULL || n_r < 2 || i < 0 || j < 0 ||
        j >= n_r || lat_rad == NULL || lon_rad == NULL)
        return BMD_EINVAL;
    double s = (j + 0.5) * c->max_ground_m / (double)n_r;
    bmd_geo_direct(e, r->face.lat_rad, r->face.lon_rad, c->ray_az_rad[i], s, lat_rad, lon_rad,
                   NULL);
    return BMD_OK;
}

int bmd_coverage_range_table(const bmd_radar *r, size_t n, double rcs_min_m2, double rcs_max_m2,
                             bmd_coverage_row *rows)
{
    if (r == NULL || rows == NULL || n < 2 || !(rcs_min_m2 > 0.0) || !(rcs_max_m2 > rcs_min_m2) ||
        !isfinite(rcs_max_m2))
        return BMD_EINVAL;
    double step = log(rcs_max_m2 / rcs_min_m2) / (double)(n - 1);
    for (size_t k = 0; k < n; k++) {
        bmd_coverage_row *w = &rows[k];
        w->rcs_m2 = rcs_min_m2 * exp(step * (double)k);
        if (k == n - 1) w->rcs_m2 = rcs_max_m2;
        int s = bmd_radar_track_range(r, w->rcs_m2, &w->track_range_m);
        if (s != BMD_OK) return s;
        if (bmd_radar_search_range(r, w->rcs_m2, &w->search_range_m) != BMD_OK)
            w->search_range_m = 0.0;
        w->effective_m = w->track_range_m;
        if (r->mode.instr_range_m > 0.0 && r->mode.instr_range_m < w->effective_m)
            w->effective_m = r->mode.instr_range_m;
    }
    return BMD_OK;
}
