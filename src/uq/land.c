/*
 * land.c: country polygons and populated places, and what of them a
 * footprint defends (bmd/land.h).
 */
#include "bmd/land.h"

#include <geodesic.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/input.h"

/* A growable array of bytes of elements of size sz. */
static int grow(void **p, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap) return 0;
    size_t c = *cap ? 2 * *cap : 256;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * sz);
    if (q == NULL) return 1;
    *p = q;
    *cap = c;
    return 0;
}

/* The next line of text (NUL-terminated in place); NULL at the end. */
static char *next_line(char **cur, int *lineno)
{
    char *s = *cur;
    if (s == NULL || *s == '\0') return NULL;
    char *nl = strchr(s, '\n');
    if (nl) {
        *nl = '\0';
        *cur = nl + 1;
    } else {
        *cur = s + strlen(s);
    }
    (*lineno)++;
    return s;
}

typedef struct loader {
    bmd_land *l;
    size_t cap_c, cap_r, cap_p, cap_pl;
    const char *path;
    int line;
} loader;

static int bad(loader *ld, bmd_errbuf *err, const char *what)
{
    return bmd_err_set(err, BMD_EPARSE, "%s:%d: %s", ld->path, ld->line, what);
}

/* One ring line "R|H N LON0 LAT0 DLON DLAT ..." (thousandths of a degree). */
static int read_ring(loader *ld, char *s, bmd_errbuf *err)
{
    bmd_land *l = ld->l;
    char kind = s[0];
    char *end;
    long n = strtol(s + 1, &end, 10);
    if ((kind != 'R' && kind != 'H') || n < 4 || n > 10000000)
        return bad(ld, err, "expected a ring 'R|H N LON LAT ...'");
    size_t cap = ld->cap_p; /* lat_rad and lon_rad have the same capacity */
    if (grow((void **)&l->ring, &ld->cap_r, l->n_rings + 1, sizeof *l->ring) ||
        grow((void **)&l->lat_rad, &ld->cap_p, l->n_points + (size_t)n, sizeof(double)) ||
        grow((void **)&l->lon_rad, &cap, l->n_points + (size_t)n, sizeof(double)))
        return bmd_err_set(err, BMD_ENOMEM, "out of memory");
    long x = 0, y = 0;
    for (long i = 0; i < n; i++) {
        char *e2;
        long dx = strtol(end, &e2, 10);
        if (e2 == end) return bad(ld, err, "ring shorter than its point count");
        long dy = strtol(e2, &end, 10);
        if (end == e2) return bad(ld, err, "ring shorter than its point count");
        x = i ? x + dx : dx;
        y = i ? y + dy : dy;
        if (labs(x) > 180000 || labs(y) > 90000) return bad(ld, err, "coordinate out of range");
        l->lon_rad[l->n_points + (size_t)i] = (double)x / 1000.0 * BMD_DEG2RAD;
        l->lat_rad[l->n_points + (size_t)i] = (double)y / 1000.0 * BMD_DEG2RAD;
    }
    l->ring[l->n_rings++] = (bmd_land_ring){l->n_points, (size_t)n, kind == 'H'};
    l->n_points += (size_t)n;
    return BMD_OK;
}

/* Geodesic area of a ring on WGS84, m^2 (PROJ geod_polygonarea: Karney,
 * J. Geodesy 87 (2013) 43), without sign. */
static double ring_area(const bmd_land *l, const bmd_land_ring *r)
{
    struct geod_geodesic g;
    geod_init(&g, BMD_WGS84_A_M, 1.0 / BMD_WGS84_INVF);
    double *la = malloc(r->n * sizeof *la), *lo = malloc(r->n * sizeof *lo);
    double a = 0.0;
    if (la && lo) {
        for (size_t i = 0; i < r->n; i++) {
            la[i] = l->lat_rad[r->first + i] * BMD_RAD2DEG;
            lo[i] = l->lon_rad[r->first + i] * BMD_RAD2DEG;
        }
        geod_polygonarea(&g, la, lo, (int)r->n - 1, &a, NULL); /* closed: last = first */
    }
    free(la);
    free(lo);
    return fabs(a);
}

static void finish_country(bmd_land *l, bmd_land_country *c)
{
    double a = 0.0;
    c->lat0 = c->lon0 = 10.0;
    c->lat1 = c->lon1 = -10.0;
    for (size_t k = c->first_ring; k < c->first_ring + c->n_rings; k++) {
        const bmd_land_ring *r = &l->ring[k];
        a += (r->hole ? -1.0 : 1.0) * ring_area(l, r);
        for (size_t i = r->first; i < r->first + r->n; i++) {
            c->lat0 = fmin(c->lat0, l->lat_rad[i]), c->lat1 = fmax(c->lat1, l->lat_rad[i]);
            c->lon0 = fmin(c->lon0, l->lon_rad[i]), c->lon1 = fmax(c->lon1, l->lon_rad[i]);
        }
    }
    c->area_km2 = a / 1e6;
}

static int load_countries(loader *ld, char *text, bmd_errbuf *err)
{
    bmd_land *l = ld->l;
    char *cur = text, *s;
    int header = 0;
    long left = 0;
    while ((s = next_line(&cur, &ld->line)) != NULL) {
        if (s[0] == '#' || s[0] == '\0') continue;
        if (!header) {
            if (strncmp(s, "bmdcountries 1 ", 15) != 0)
                return bad(ld, err, "expected 'bmdcountries 1 N'");
            header = 1;
            continue;
        }
        if (s[0] == 'K') {
            if (left) return bad(ld, err, "country with fewer rings than stated");
            char code[4] = "";
            int used = 0;
            if (sscanf(s, "K %3s %ld %n", code, &left, &used) < 2 || left < 1 || strlen(code) != 3)
                return bad(ld, err, "expected 'K CODE NRINGS NAME'");
            if (grow((void **)&l->country, &ld->cap_c, l->n_countries + 1, sizeof *l->country))
                return bmd_err_set(err, BMD_ENOMEM, "out of memory");
            bmd_land_country *c = &l->country[l->n_countries++];
            memset(c, 0, sizeof *c);
            snprintf(c->code, sizeof c->code, "%s", code);
            snprintf(c->name, sizeof c->name, "%s", s + used);
            c->first_ring = l->n_rings;
            continue;
        }
        if (left == 0) return bad(ld, err, "ring outside a country");
        int st = read_ring(ld, s, err);
        if (st) return st;
        l->country[l->n_countries - 1].n_rings++;
        left--;
    }
    if (!header) return bad(ld, err, "expected 'bmdcountries 1 N'");
    if (left) return bad(ld, err, "country with fewer rings than stated");
    for (size_t i = 0; i < l->n_countries; i++)
        finish_country(l, &l->country[i]);
    return BMD_OK;
}

static int load_places(loader *ld, char *text, bmd_errbuf *err)
{
    bmd_land *l = ld->l;
    char *cur = text, *s;
    int header = 0;
    while ((s = next_line(&cur, &ld->line)) != NULL) {
        if (s[0] == '#' || s[0] == '\0') continue;
        if (!header) {
            if (strncmp(s, "bmdplaces 1 ", 12) != 0)
                return bad(ld, err, "expected 'bmdplaces 1 N'");
            header = 1;
            continue;
        }
        char code[4] = "";
        double pop = 0;
        long la = 0, lo = 0;
        int used = 0;
        if (sscanf(s, "P %3s %lf %ld %ld %n", code, &pop, &la, &lo, &used) < 4 || !(pop >= 0) ||
            labs(la) > 900000 || labs(lo) > 1800000)
            return bad(ld, err, "expected 'P CODE POP LAT LON NAME'");
        if (grow((void **)&l->place, &ld->cap_pl, l->n_places + 1, sizeof *l->place))
            return bmd_err_set(err, BMD_ENOMEM, "out of memory");
        bmd_land_place *p = &l->place[l->n_places++];
        memset(p, 0, sizeof *p);
        snprintf(p->code, sizeof p->code, "%s", code);
        snprintf(p->name, sizeof p->name, "%s", s + used);
        p->pop = pop;
        p->lat_rad = (double)la / 1e4 * BMD_DEG2RAD;
        p->lon_rad = (double)lo / 1e4 * BMD_DEG2RAD;
    }
    return header ? BMD_OK : bad(ld, err, "expected 'bmdplaces 1 N'");
}

int bmd_land_load(const char *countries_path, const char *places_path, bmd_land *land,
                  bmd_errbuf *err)
{
    if (countries_path == NULL || land == NULL)
        return bmd_err_set(err, BMD_EINVAL, "land: NULL argument");
    memset(land, 0, sizeof *land);
    loader ld = {land, 0, 0, 0, 0, countries_path, 0};
    char *text = NULL;
    size_t len = 0;
    int st = bmd_input_read(countries_path, 0, &text, &len, err);
    if (st == BMD_OK) st = load_countries(&ld, text, err);
    free(text);
    text = NULL;
    if (st == BMD_OK && places_path) {
        ld.path = places_path, ld.line = 0;
        st = bmd_input_read(places_path, 0, &text, &len, err);
        if (st == BMD_OK) st = load_places(&ld, text, err);
        free(text);
    }
    if (st) bmd_land_free(land);
    return st;
}

void bmd_land_free(bmd_land *land)
{
    if (land == NULL) return;
    free(land->country);
    free(land->ring);
    free(land->lat_rad);
    free(land->lon_rad);
    free(land->place);
    memset(land, 0, sizeof *land);
}

/* Crossings of the parallel lat by the edges of country c, with the
 * longitude of each into xs (grown); the count. Half-open rule: an edge
 * counts when one end is at or above lat and the other below. */
static size_t crossings(const bmd_land *l, const bmd_land_country *c, double lat, double **xs,
                        size_t *cap)
{
    size_t n = 0;
    for (size_t k = c->first_ring; k < c->first_ring + c->n_rings; k++) {
        const bmd_land_ring *r = &l->ring[k];
        for (size_t i = r->first; i + 1 < r->first + r->n; i++) {
            double y0 = l->lat_rad[i], y1 = l->lat_rad[i + 1];
            if ((y0 >= lat) == (y1 >= lat)) continue;
            double x0 = l->lon_rad[i], x1 = l->lon_rad[i + 1];
            if (grow((void **)xs, cap, n + 1, sizeof **xs)) return (size_t)-1;
            (*xs)[n++] = x0 + (lat - y0) / (y1 - y0) * (x1 - x0);
        }
    }
    return n;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int bmd_land_country_at(const bmd_land *land, double lat_rad, double lon_rad)
{
    double *xs = NULL;
    size_t cap = 0;
    int found = -1;
    for (size_t i = 0; found < 0 && i < land->n_countries; i++) {
        const bmd_land_country *c = &land->country[i];
        if (lat_rad < c->lat0 || lat_rad > c->lat1 || lon_rad < c->lon0 || lon_rad > c->lon1)
            continue;
        size_t n = crossings(land, c, lat_rad, &xs, &cap), left = 0;
        if (n == (size_t)-1) break;
        for (size_t j = 0; j < n; j++)
            left += xs[j] < lon_rad;
        if (left % 2) found = (int)i;
    }
    free(xs);
    return found;
}

/* owner[cells]: the country of each cell centre (-1: none), by scanlines:
 * per row and country, the sorted crossings of the row's parallel. */
static int cell_owners(const bmd_land *l, const bmd_fp_grid *g, int *owner)
{
    size_t nc = (size_t)g->n_cols;
    for (size_t k = 0; k < bmd_fp_grid_cells(g); k++)
        owner[k] = -1;
    double glon0 = g->lon0_rad, glon1 = g->lon0_rad + g->n_cols * g->dlon_rad;
    double *xs = NULL;
    size_t cap = 0;
    for (int row = 0; row < g->n_rows; row++) {
        double lat = g->lat0_rad + (row + 0.5) * g->dlat_rad;
        for (size_t i = 0; i < l->n_countries; i++) {
            const bmd_land_country *c = &l->country[i];
            if (lat < c->lat0 || lat > c->lat1 || c->lon1 < glon0 || c->lon0 > glon1) continue;
            size_t n = crossings(l, c, lat, &xs, &cap);
            if (n == (size_t)-1) {
                free(xs);
                return BMD_ENOMEM;
            }
            qsort(xs, n, sizeof *xs, cmp_double);
            size_t j = 0;
            for (size_t col = 0; col < nc; col++) {
                double lon = g->lon0_rad + ((double)col + 0.5) * g->dlon_rad;
                while (j < n && xs[j] < lon)
                    j++;
                if (j % 2) owner[(size_t)row * nc + col] = (int)i;
            }
        }
    }
    free(xs);
    return BMD_OK;
}

int bmd_land_footprint(const bmd_land *land, const bmd_fp_grid *g, const bmd_earth *e,
                       const bmd_fp_cell *cells, bmd_land_tally **tally, size_t *n_tally,
                       int *place_in, double *pop_region, double *pop_defended, bmd_errbuf *err)
{
    if (!land || !g || !e || !cells || !tally || !n_tally)
        return bmd_err_set(err, BMD_EINVAL, "land: NULL argument");
    *tally = NULL;
    *n_tally = 0;
    size_t n = bmd_fp_grid_cells(g);
    int *owner = malloc(n * sizeof *owner);
    double *reg = calloc(land->n_countries + 1, sizeof *reg),
           *def = calloc(land->n_countries + 1, sizeof *def);
    int st = owner && reg && def ? cell_owners(land, g, owner) : BMD_ENOMEM;
    for (size_t k = 0; st == BMD_OK && k < n; k++) {
        if (owner[k] < 0) continue;
        double a = bmd_fp_grid_row_area(g, e, (int)(k / (size_t)g->n_cols)) / 1e6;
        reg[owner[k]] += a;
        if (cells[k].state == BMD_FP_DEFENDED) def[owner[k]] += a;
    }
    size_t m = 0;
    for (size_t i = 0; st == BMD_OK && i < land->n_countries; i++)
        m += reg[i] > 0.0;
    if (st == BMD_OK && m && (*tally = malloc(m * sizeof **tally)) == NULL) st = BMD_ENOMEM;
    for (size_t i = 0; st == BMD_OK && i < land->n_countries; i++)
        if (reg[i] > 0.0) (*tally)[(*n_tally)++] = (bmd_land_tally){(int)i, reg[i], def[i]};
    double pr = 0.0, pd = 0.0;
    double lat1 = g->lat0_rad + g->n_rows * g->dlat_rad,
           lon1 = g->lon0_rad + g->n_cols * g->dlon_rad;
    for (size_t i = 0; st == BMD_OK && i < land->n_places; i++) {
        const bmd_land_place *p = &land->place[i];
        int in = -1;
        if (p->lat_rad >= g->lat0_rad && p->lat_rad < lat1 && p->lon_rad >= g->lon0_rad &&
            p->lon_rad < lon1) {
            size_t row = (size_t)((p->lat_rad - g->lat0_rad) / g->dlat_rad);
            size_t col = (size_t)((p->lon_rad - g->lon0_rad) / g->dlon_rad);
            if (row >= (size_t)g->n_rows) row = (size_t)g->n_rows - 1;
            if (col >= (size_t)g->n_cols) col = (size_t)g->n_cols - 1;
            in = cells[row * (size_t)g->n_cols + col].state == BMD_FP_DEFENDED;
            pr += p->pop;
            if (in) pd += p->pop;
        }
        if (place_in) place_in[i] = in;
    }
    free(owner);
    free(reg);
    free(def);
    if (pop_region) *pop_region = pr;
    if (pop_defended) *pop_defended = pd;
    if (st) {
        free(*tally);
        *tally = NULL;
        *n_tally = 0;
        return bmd_err_set(err, st, "out of memory");
    }
    return BMD_OK;
}
