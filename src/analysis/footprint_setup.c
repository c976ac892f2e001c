/*
 * footprint_setup.c: a footprint's configuration from a scenario
 * (bmd/footprint_setup.h): the one set-up `bmdsim footprint`, `bmdsim
 * report`, the uq metrics and the Python binding share.
 */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/footprint_setup.h"

void bmd_fp_setup_init(bmd_fp_setup *f)
{
    memset(f, 0, sizeof *f);
    bmd_earth_wgs84(&f->earth);
    (void)bmd_atmo_init(&f->atmo, BMD_ATMO_US76);
    bmd_fp_config_init(&f->cfg, &f->earth, &f->atmo);
}

const bmd_scn_radar *bmd_fp_cue_radar(const bmd_scenario *s)
{
    if (s->n_batteries > 0) {
        int r = s->battery[0].radar;
        if (r >= 0 && (size_t)r < s->n_radars) return &s->radar[r];
    }
    return s->n_radars > 0 ? &s->radar[0] : NULL;
}

int bmd_fp_scenario_earth(const bmd_scenario *s, bmd_earth *e, bmd_atmo *atmo, bmd_errbuf *err)
{
    if (s->earth_sphere) {
        bmd_earth_sphere(e); /* the scenario's spherical Earth does not rotate */
        e->omega_radps = 0.0;
    } else {
        bmd_earth_wgs84(e);
    }
    int st = bmd_atmo_init(atmo, (bmd_atmo_kind)s->atmo);
    return st ? bmd_err_set(err, st, "unknown atmosphere model %d", s->atmo) : BMD_OK;
}

/* The first battery: site, interceptor and fire control. */
static void setup_battery(bmd_fp_setup *f, const bmd_scenario *s)
{
    const bmd_scn_battery *b = &s->battery[0];
    snprintf(f->battery_name, sizeof f->battery_name, "%s", b->site.name);
    f->cfg.bat_lat_rad = b->site.lat_rad;
    f->cfg.bat_lon_rad = b->site.lon_rad;
    f->cfg.bat_alt_m = b->site.alt_m;
    f->ic = b->interceptor;
    f->cfg.reaction_s = b->reaction_s;
    f->cfg.kill_assess_s = b->kill_assessment_s;
    f->cfg.doctrine = b->doctrine == BMD_DOCTRINE_SLS ? BMD_FP_SHOOT_LOOK_SHOOT : BMD_FP_SHOOT;
    f->cfg.m_detect = s->init_m;
    f->cfg.n_window = s->init_n;
}

int bmd_fp_setup_scenario(bmd_fp_setup *f, const bmd_scenario *s, bmd_errbuf *err)
{
    bmd_fp_setup_init(f);
    if (s->n_batteries == 0 || s->n_threats == 0)
        return bmd_err_set(err, BMD_EINVAL, "needs a battery and a threat");
    int st = bmd_fp_scenario_earth(s, &f->earth, &f->atmo, err);
    if (st) return st;
    bmd_fp_config_init(&f->cfg, &f->earth, f->atmo.kind == BMD_ATMO_NONE ? NULL : &f->atmo);
    const bmd_scn_threat *t = &s->threat[0];
    f->cfg.shape = t->shape;
    f->missile = t->missile;
    f->cfg.missile = &f->missile;
    f->n_points = 1;
    f->pt_lat_rad[0] = t->launch.lat_rad;
    f->pt_lon_rad[0] = t->launch.lon_rad;
    snprintf(f->launch_name, sizeof f->launch_name, "%s", t->launch.name);
    setup_battery(f, s);
    const bmd_scn_radar *r = bmd_fp_cue_radar(s);
    if (r != NULL) {
        f->has_radar = 1;
        f->radar = r->radar;
        f->cfg.revisit_s = r->revisit_s;
    }
    if (bmd_rcs_eval(&t->rcs, 0.5 * BMD_PI, &f->cfg.rcs_m2) != BMD_OK)
        return bmd_err_set(err, BMD_EINVAL, "scenario threat %s: bad RCS table", t->name);
    return BMD_OK;
}

int bmd_fp_setup_radar(bmd_fp_setup *f, bmd_errbuf *err)
{
    int st = bmd_radar_validate(&f->radar, err);
    if (st == BMD_OK) st = bmd_radar_setup(&f->rsite, &f->radar, &f->earth, err);
    if (st != BMD_OK) return st;
    f->has_radar = 1;
    f->cfg.radar = &f->rsite;
    return BMD_OK;
}

void bmd_fp_setup_link(bmd_fp_setup *f)
{
    bmd_fp_config *c = &f->cfg;
    c->earth = &f->earth;
    c->atmo = f->atmo.kind == BMD_ATMO_NONE ? NULL : &f->atmo;
    c->missile = c->threat == BMD_FP_MISSILE ? &f->missile : NULL;
    c->n_points = f->n_points;
    c->pt_lat_rad = f->pt_lat_rad;
    c->pt_lon_rad = f->pt_lon_rad;
    c->radar = f->has_radar ? &f->rsite : NULL;
}

int bmd_fp_setup_table(bmd_fp_setup *f, bmd_errbuf *err)
{
    const bmd_fp_config *c = &f->cfg;
    if (f->n_points == 0) return bmd_err_set(err, BMD_EINVAL, "no launch or aim point");
    bmd_traj_config tc;
    bmd_traj_config_init(&tc, &f->earth, c->atmo);
    double az = 0.0;
    bmd_geo_inverse(&f->earth, c->bat_lat_rad, c->bat_lon_rad, f->pt_lat_rad[0], f->pt_lon_rad[0],
                    NULL, &az, NULL);
    int st = bmd_interceptor_table_build(&tc, &f->ic, c->bat_lat_rad, c->bat_lon_rad, c->bat_alt_m,
                                         az, 0.0, 0.0, &f->tab, err);
    if (st == BMD_OK) f->cfg.table = &f->tab;
    return st;
}

int bmd_fp_grid_around(bmd_fp_grid *g, const bmd_earth *e, double lat_rad, double lon_rad,
                       double half_m, double res_m, bmd_errbuf *err)
{
    double dla = half_m / e->a_m, dlo = half_m / (e->a_m * cos(lat_rad));
    return bmd_fp_grid_init(g, e, lat_rad - dla, lon_rad - dlo, lat_rad + dla, lon_rad + dlo, res_m,
                            err);
}

/* Even-odd rule: is (y, x) inside the polygon (la, lo)[n]? */
static int in_poly(const double *la, const double *lo, size_t n, double y, double x)
{
    int in = 0;
    for (size_t i = 0, j = n - 1; i < n; j = i++)
        if ((la[i] > y) != (la[j] > y) &&
            x < (lo[j] - lo[i]) * (y - la[i]) / (la[j] - la[i]) + lo[i])
            in = !in;
    return in;
}

int bmd_fp_launch_area(const bmd_earth *e, const double *la, const double *lo, size_t n,
                       double spacing_m, size_t cap, double *pt_lat_rad, double *pt_lon_rad,
                       size_t *n_pts, bmd_errbuf *err)
{
    if (n < 3) return bmd_err_set(err, BMD_EINVAL, "a polygon needs at least 3 distinct vertices");
    if (!(spacing_m > 0)) return bmd_err_set(err, BMD_EINVAL, "spacing must be positive");
    if (n > cap) return bmd_err_set(err, BMD_ELIMIT, "more than %zu launch points", cap);
    double la0 = la[0], la1 = la[0], lo0 = lo[0], lo1 = lo[0];
    for (size_t i = 0; i < n; i++) {
        pt_lat_rad[i] = la[i];
        pt_lon_rad[i] = lo[i];
        la0 = fmin(la0, la[i]), la1 = fmax(la1, la[i]);
        lo0 = fmin(lo0, lo[i]), lo1 = fmax(lo1, lo[i]);
    }
    size_t np = n;
    double mid = 0.5 * (la0 + la1), dla = spacing_m / e->a_m, dlo = spacing_m / (e->a_m * cos(mid));
    for (double y = la0 + 0.5 * dla; y < la1; y += dla)
        for (double x = lo0 + 0.5 * dlo; x < lo1; x += dlo)
            if (in_poly(la, lo, n, y, x)) {
                if (np == cap)
                    return bmd_err_set(err, BMD_ELIMIT, "more than %zu launch points", cap);
                pt_lat_rad[np] = y;
                pt_lon_rad[np] = x;
                np++;
            }
    *n_pts = np;
    return BMD_OK;
}

int bmd_fp_setup_default(bmd_fp_setup *f, const bmd_scenario *s, double res_m, bmd_errbuf *err)
{
    int st = bmd_fp_setup_scenario(f, s, err);
    if (st == BMD_OK && f->has_radar) st = bmd_fp_setup_radar(f, err);
    if (st != BMD_OK) return st;
    bmd_fp_setup_link(f);
    st = bmd_fp_grid_around(&f->grid, &f->earth, f->cfg.bat_lat_rad, f->cfg.bat_lon_rad,
                            BMD_FP_DEFAULT_HALF_M, res_m, err);
    return st == BMD_OK ? bmd_fp_setup_table(f, err) : st;
}

void bmd_fp_count(const bmd_fp_grid *g, const bmd_earth *e, const bmd_fp_cell *cells,
                  size_t *defended, size_t *unreached, double *area_km2)
{
    size_t n = bmd_fp_grid_cells(g), def = 0, unr = 0;
    double area = 0.0;
    for (size_t k = 0; k < n; k++) {
        if (cells[k].state == BMD_FP_DEFENDED) {
            def++;
            area += bmd_fp_grid_row_area(g, e, (int)(k / (size_t)g->n_cols));
        }
        unr += cells[k].state == BMD_FP_UNREACHED;
    }
    if (defended) *defended = def;
    if (unreached) *unreached = unr;
    if (area_km2) *area_km2 = area / 1e6;
}

const char *bmd_fp_state_name(int state)
{
    return state == BMD_FP_DEFENDED    ? "defended"
           : state == BMD_FP_UNREACHED ? "out_of_reach"
                                       : "not_defended";
}

const char *bmd_fp_shape_name(int kind)
{
    return kind == BMD_TRAJ_LOFTED      ? "lofted"
           : kind == BMD_TRAJ_DEPRESSED ? "depressed"
                                        : "min-energy";
}

const char *bmd_fp_doctrine_name(int doctrine)
{
    return doctrine == BMD_FP_SHOOT ? "shoot" : "shoot-look-shoot";
}

int bmd_fp_polys_of(bmd_fp_polys *p, const bmd_fp_grid *g, const bmd_fp_cell *cells,
                    bmd_errbuf *err)
{
    memset(p, 0, sizeof *p);
    size_t n = bmd_fp_grid_cells(g);
    unsigned char *mask = malloc(n ? n : 1);
    if (mask == NULL) return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    for (size_t k = 0; k < n; k++)
        mask[k] = cells[k].state == BMD_FP_DEFENDED;
    int st = bmd_fp_polygons(g, mask, &p->lat_rad, &p->lon_rad, &p->n_points, &p->rings,
                             &p->n_rings, err);
    free(mask);
    if (st != BMD_OK) memset(p, 0, sizeof *p);
    return st;
}

void bmd_fp_polys_free(bmd_fp_polys *p)
{
    if (p == NULL) return;
    free(p->lat_rad);
    free(p->lon_rad);
    free(p->rings);
    memset(p, 0, sizeof *p);
}
