/* footprint_poly.c: raster -> polygons by cell-edge tracing: the boundary
 * edges of the masked cells, each directed with its cell on the left, are
 * linked into closed rings (exteriors counter-clockwise, holes clockwise in
 * (lon, lat)); each hole is attached to the smallest exterior around it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/footprint.h"

/* Directions: 0 east (+col), 1 north (+row), 2 west, 3 south. */
static const int DC[4] = {1, 0, -1, 0};
static const int DR[4] = {0, 1, 0, -1};

typedef struct edge {
    size_t from; /* corner id row * (n_cols + 1) + col */
    int dir;
    int used;
} edge;

typedef struct ring_tmp {
    size_t first, n; /* in the vertex arrays (grid coordinates) */
    double area;     /* signed, in cells */
    size_t e0;       /* first edge (for the inside point of a hole) */
} ring_tmp;

static int on(const bmd_fp_grid *g, const unsigned char *m, long r, long c)
{
    if (r < 0 || c < 0 || r >= g->n_rows || c >= g->n_cols) return 0;
    return m[(size_t)r * (size_t)g->n_cols + (size_t)c] != 0;
}

/* even-odd test of point (x, y) against a ring of n vertices (closed). */
static int inside(const double *x, const double *y, size_t n, double px, double py)
{
    int in = 0;
    for (size_t i = 0, j = n - 1; i < n; j = i++)
        if ((y[i] > py) != (y[j] > py) && px < (x[j] - x[i]) * (py - y[i]) / (y[j] - y[i]) + x[i])
            in = !in;
    return in;
}

int bmd_fp_polygons(const bmd_fp_grid *g, const unsigned char *mask, double **lat_rad,
                    double **lon_rad, size_t *n_points, bmd_coverage_ring **rings, size_t *n_rings,
                    bmd_errbuf *err)
{
    if (!g || !mask || !lat_rad || !lon_rad || !n_points || !rings || !n_rings)
        return bmd_err_set(err, BMD_EINVAL, "polygons: NULL argument");
    *lat_rad = *lon_rad = NULL;
    *rings = NULL;
    *n_points = *n_rings = 0;
    size_t nc1 = (size_t)g->n_cols + 1, ncorner = ((size_t)g->n_rows + 1) * nc1;
    size_t ne = 0;
    for (long r = 0; r < g->n_rows; r++)
        for (long c = 0; c < g->n_cols; c++)
            if (on(g, mask, r, c))
                ne += (size_t)(!on(g, mask, r - 1, c)) + (size_t)(!on(g, mask, r, c + 1)) +
                      (size_t)(!on(g, mask, r + 1, c)) + (size_t)(!on(g, mask, r, c - 1));
    if (ne == 0) return BMD_OK;
    edge *E = malloc(ne * sizeof *E);
    size_t *start = calloc(ncorner + 1, sizeof *start);
    size_t *order = malloc(ne * sizeof *order);
    double *vx = malloc((ne + 1) * 2 * sizeof *vx), *vy = malloc((ne + 1) * 2 * sizeof *vy);
    ring_tmp *rt = malloc(ne * sizeof *rt);
    int st = BMD_OK;
    if (!E || !start || !order || !vx || !vy || !rt) {
        st = bmd_err_set(err, BMD_ENOMEM, "out of memory");
        goto done;
    }
    size_t k = 0;
    for (long r = 0; r < g->n_rows; r++)
        for (long c = 0; c < g->n_cols; c++) {
            if (!on(g, mask, r, c)) continue;
            size_t sw = (size_t)r * nc1 + (size_t)c;
            if (!on(g, mask, r - 1, c)) E[k++] = (edge){sw, 0, 0};
            if (!on(g, mask, r, c + 1)) E[k++] = (edge){sw + 1, 1, 0};
            if (!on(g, mask, r + 1, c)) E[k++] = (edge){sw + nc1 + 1, 2, 0};
            if (!on(g, mask, r, c - 1)) E[k++] = (edge){sw + nc1, 3, 0};
        }
    /* edges grouped by their start corner */
    for (size_t i = 0; i < ne; i++)
        start[E[i].from + 1]++;
    for (size_t i = 0; i < ncorner; i++)
        start[i + 1] += start[i];
    {
        size_t *fill = malloc(ncorner * sizeof *fill);
        if (!fill) {
            st = bmd_err_set(err, BMD_ENOMEM, "out of memory");
            goto done;
        }
        memcpy(fill, start, ncorner * sizeof *fill);
        for (size_t i = 0; i < ne; i++)
            order[fill[E[i].from]++] = i;
        free(fill);
    }
    size_t nv = 0, nr = 0;
    for (size_t e0 = 0; e0 < ne; e0++) {
        if (E[e0].used) continue;
        ring_tmp *R = &rt[nr++];
        R->first = nv;
        R->e0 = e0;
        size_t cur = e0;
        int prev_dir = -1;
        for (;;) {
            edge *ed = &E[cur];
            ed->used = 1;
            long r = (long)(ed->from / nc1), c = (long)(ed->from % nc1);
            if (ed->dir != prev_dir) { /* a corner of the ring */
                vx[nv] = (double)c;
                vy[nv] = (double)r;
                nv++;
            }
            prev_dir = ed->dir;
            size_t to = (size_t)(r + DR[ed->dir]) * nc1 + (size_t)(c + DC[ed->dir]);
            /* next edge: prefer a left turn, then straight, then right */
            size_t next = ne;
            static const int pref[3] = {1, 0, 3};
            for (int q = 0; q < 3 && next == ne; q++) {
                int want = (ed->dir + pref[q]) % 4;
                for (size_t i = start[to]; i < start[to + 1]; i++)
                    if (E[order[i]].dir == want && !E[order[i]].used) {
                        next = order[i];
                        break;
                    }
            }
            if (next == ne) break; /* back at the start */
            cur = next;
        }
        /* the first vertex may be mid-edge if the ring started on a straight
         * run: drop it when collinear with its neighbours */
        size_t n = nv - R->first;
        if (n >= 3) {
            double *x = vx + R->first, *y = vy + R->first;
            double ax = x[n - 1], ay = y[n - 1], bx = x[1], by = y[1];
            if ((ax == x[0] && bx == x[0]) || (ay == y[0] && by == y[0])) {
                memmove(x, x + 1, (n - 1) * sizeof *x);
                memmove(y, y + 1, (n - 1) * sizeof *y);
                nv--;
                n--;
            }
        }
        vx[nv] = vx[R->first]; /* close */
        vy[nv] = vy[R->first];
        nv++;
        R->n = nv - R->first;
        double a = 0.0;
        for (size_t i = R->first; i + 1 < nv; i++)
            a += vx[i] * vy[i + 1] - vx[i + 1] * vy[i];
        R->area = 0.5 * a;
    }
    /* output: each exterior followed by its holes */
    bmd_coverage_ring *out = malloc(nr * sizeof *out);
    double *la = malloc(nv * sizeof *la), *lo = malloc(nv * sizeof *lo);
    size_t *owner = malloc(nr * sizeof *owner);
    if (!out || !la || !lo || !owner) {
        free(out);
        free(la);
        free(lo);
        free(owner);
        st = bmd_err_set(err, BMD_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < nr; i++) {
        owner[i] = nr;
        if (rt[i].area >= 0.0) continue;
        /* a point inside the masked cell left of the hole's first edge */
        const edge *ed = &E[rt[i].e0];
        long r = (long)(ed->from / nc1), c = (long)(ed->from % nc1);
        static const int cr[4] = {0, 0, -1, -1}, cc[4] = {0, -1, -1, 0};
        double px = (double)(c + cc[ed->dir]) + 0.5, py = (double)(r + cr[ed->dir]) + 0.5;
        double best = INFINITY;
        for (size_t j = 0; j < nr; j++)
            if (rt[j].area > 0.0 && rt[j].area < best &&
                inside(vx + rt[j].first, vy + rt[j].first, rt[j].n - 1, px, py)) {
                best = rt[j].area;
                owner[i] = j;
            }
    }
    size_t no = 0, np = 0;
    for (size_t j = 0; j < nr; j++) {
        if (rt[j].area <= 0.0) continue;
        for (size_t pass = 0; pass < 2; pass++)
            for (size_t i = 0; i < nr; i++) {
                if (pass == 0 ? i != j : owner[i] != j || rt[i].area >= 0.0) continue;
                out[no].first = np;
                out[no].n = rt[i].n;
                out[no].hole = pass == 1;
                for (size_t v = 0; v < rt[i].n; v++) {
                    la[np] = g->lat0_rad + vy[rt[i].first + v] * g->dlat_rad;
                    lo[np] = g->lon0_rad + vx[rt[i].first + v] * g->dlon_rad;
                    np++;
                }
                no++;
            }
    }
    free(owner);
    *lat_rad = la;
    *lon_rad = lo;
    *n_points = np;
    *rings = out;
    *n_rings = no;
done:
    free(E);
    free(start);
    free(order);
    free(vx);
    free(vy);
    free(rt);
    return st;
}
