/* footprint_grid.c: the footprint's cell grid (equal-angle rows and
 * columns, cell areas on the authalic sphere), the split of cells into
 * blocks for threads and ranks, and the configuration defaults
 * (bmd/footprint.h; docs/models/footprint.md). */
#include "bmd/footprint.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/core.h"
#include "bmd/vec3.h"

/* ---- grid ------------------------------------------------------------------- */

static double meridian_radius(const bmd_earth *e, double lat)
{
    double s = sin(lat), w = 1.0 - e->e2 * s * s;
    return e->a_m * (1.0 - e->e2) / (w * sqrt(w));
}

static double normal_radius(const bmd_earth *e, double lat)
{
    double s = sin(lat);
    return e->a_m / sqrt(1.0 - e->e2 * s * s);
}

int bmd_fp_grid_init(bmd_fp_grid *g, const bmd_earth *e, double lat0_rad, double lon0_rad,
                     double lat1_rad, double lon1_rad, double res_m, bmd_errbuf *err)
{
    if (g == NULL || e == NULL) return bmd_err_set(err, BMD_EINVAL, "grid: NULL argument");
    if (!(isfinite(lat0_rad) && isfinite(lat1_rad) && isfinite(lon0_rad) && isfinite(lon1_rad)))
        return bmd_err_set(err, BMD_EINVAL, "region: non-finite corner");
    if (!(lat0_rad < lat1_rad))
        return bmd_err_set(err, BMD_EINVAL,
                           "region: south latitude %.4f deg must be below north latitude %.4f deg",
                           lat0_rad * BMD_RAD2DEG, lat1_rad * BMD_RAD2DEG);
    if (!(lon0_rad < lon1_rad))
        return bmd_err_set(err, BMD_EINVAL,
                           "region: west longitude %.4f deg must be below east longitude %.4f deg",
                           lon0_rad * BMD_RAD2DEG, lon1_rad * BMD_RAD2DEG);
    if (lat0_rad < -89.0 * BMD_DEG2RAD || lat1_rad > 89.0 * BMD_DEG2RAD)
        return bmd_err_set(err, BMD_EINVAL, "region: latitudes must lie within +-89 deg");
    if (!(res_m > 0.0) || !isfinite(res_m))
        return bmd_err_set(err, BMD_EINVAL, "resolution: must be a positive length, found %g m",
                           res_m);
    double mid = 0.5 * (lat0_rad + lat1_rad);
    double dlat = res_m / meridian_radius(e, mid);
    double dlon = res_m / (normal_radius(e, mid) * cos(mid));
    double nr = ceil((lat1_rad - lat0_rad) / dlat - 1e-9);
    double nc = ceil((lon1_rad - lon0_rad) / dlon - 1e-9);
    if (nr < 1) nr = 1;
    if (nc < 1) nc = 1;
    if (nr * nc > (double)BMD_FP_MAX_CELLS)
        return bmd_err_set(err, BMD_EINVAL,
                           "resolution: %.0f x %.0f cells exceed the limit of %ld; use a coarser "
                           "resolution",
                           nr, nc, BMD_FP_MAX_CELLS);
    g->lat0_rad = lat0_rad;
    g->lon0_rad = lon0_rad;
    g->lat1_rad = lat1_rad;
    g->lon1_rad = lon1_rad;
    g->res_m = res_m;
    g->dlat_rad = dlat;
    g->dlon_rad = dlon;
    g->n_rows = (int)nr;
    g->n_cols = (int)nc;
    return BMD_OK;
}

size_t bmd_fp_grid_cells(const bmd_fp_grid *g)
{
    return g ? (size_t)g->n_rows * (size_t)g->n_cols : 0;
}

void bmd_fp_grid_centre(const bmd_fp_grid *g, size_t cell, double *lat_rad, double *lon_rad)
{
    size_t row = cell / (size_t)g->n_cols, col = cell % (size_t)g->n_cols;
    *lat_rad = g->lat0_rad + ((double)row + 0.5) * g->dlat_rad;
    *lon_rad = g->lon0_rad + ((double)col + 0.5) * g->dlon_rad;
}

/* q(lat) of the authalic strip area (Snyder, Map Projections: A Working
 * Manual, 1987, eq. 3-12), divided by (1 - e^2). */
static double authalic_q(const bmd_earth *e, double lat)
{
    double s = sin(lat);
    if (e->e2 <= 0.0) return 2.0 * s; /* the limit e -> 0 */
    double ecc = sqrt(e->e2), es = ecc * s;
    return s / (1.0 - e->e2 * s * s) + log((1.0 - es) / (1.0 + es)) / (-2.0 * ecc);
}

double bmd_fp_grid_row_area(const bmd_fp_grid *g, const bmd_earth *e, int row)
{
    double la = g->lat0_rad + row * g->dlat_rad, lb = la + g->dlat_rad;
    /* zone area per unit longitude: b^2 / 2 [q(lb) - q(la)] (Snyder eq. 3-12,
     * with b^2 = a^2 (1 - e^2)); exact on the ellipsoid */
    double b2 = e->a_m * e->a_m * (1.0 - e->e2);
    return 0.5 * b2 * (authalic_q(e, lb) - authalic_q(e, la)) * g->dlon_rad;
}

void bmd_fp_split(size_t n_cells, size_t block, int n_parts, int part, size_t *begin, size_t *end)
{
    if (block == 0) block = 1;
    if (n_parts < 1) n_parts = 1;
    size_t nb = (n_cells + block - 1) / block, np = (size_t)n_parts, p = (size_t)part;
    size_t b0 = nb * p / np, b1 = nb * (p + 1) / np;
    *begin = b0 * block < n_cells ? b0 * block : n_cells;
    *end = b1 * block < n_cells ? b1 * block : n_cells;
}

/* ---- configuration ------------------------------------------------------------- */

void bmd_fp_config_init(bmd_fp_config *c, const bmd_earth *e, const bmd_atmo *atmo)
{
    memset(c, 0, sizeof *c);
    c->earth = e;
    c->atmo = atmo;
    c->map = BMD_FP_AIM;
    c->threat = BMD_FP_MISSILE;
    c->shape.kind = BMD_TRAJ_MIN_ENERGY;
    c->rcs_m2 = 0.01;
    c->revisit_s = 1.0;
    c->m_detect = 3;
    c->n_window = 5;
    c->reaction_s = 10.0;
    c->doctrine = BMD_FP_SHOOT;
    c->kill_assess_s = 10.0;
    c->scan_dt_s = 1.0;
    c->method = BMD_FP_FAST;
    c->node_spacing_m = 10e3;
    c->node_dt_s = 2.0;
    c->kick_nodes = 12;
    c->direct_dt_s = 1.0;
}

int bmd_fp_straight_table(bmd_ic_table *tab, double speed_mps, double min_alt_m, double max_alt_m,
                          double max_range_m)
{
    if (tab == NULL || !(speed_mps > 0.0) || !(min_alt_m >= 0.0) || !(max_alt_m > min_alt_m) ||
        !(max_range_m > 0.0))
        return BMD_EINVAL;
    memset(tab, 0, sizeof *tab);
    tab->range_top_m = 1.25 * max_range_m;
    tab->alt_top_m = 1.25 * max_alt_m;
    tab->dr_m = tab->range_top_m / (BMD_IC_TABLE_NR - 1);
    tab->dh_m = tab->alt_top_m / (BMD_IC_TABLE_NA - 1);
    tab->min_alt_m = min_alt_m;
    tab->max_alt_m = max_alt_m;
    tab->max_range_m = max_range_m;
    tab->max_flight_time_s = 0.0;
    for (int i = 0; i < BMD_IC_TABLE_NR; i++)
        for (int j = 0; j < BMD_IC_TABLE_NA; j++) {
            double r = i * tab->dr_m, h = j * tab->dh_m;
            tab->t_s[i][j] = sqrt(r * r + h * h) / speed_mps;
            tab->speed_mps[i][j] = speed_mps;
            tab->elev_rad[i][j] = atan2(h, r > 0.0 ? r : 1e-9);
        }
    return BMD_OK;
}
