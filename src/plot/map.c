/*
 * map.c: the coastline and border file for map figures (bmd/map.h; format in
 * data/map/README.md).
 */
#include "bmd/map.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/const.h"
#include "bmd/input.h"

/* The whole file in memory, NUL-terminated: bounded and UTF-8-checked like
 * every input (bmd/input.h). */
static int read_all(const char *path, char **text, bmd_errbuf *err)
{
    size_t len = 0;
    int st = bmd_input_read(path, 0, text, &len, err);
    if (st == BMD_OK) st = bmd_input_check_text(*text, len, path, 0, err);
    if (st != BMD_OK) {
        free(*text);
        *text = NULL;
    }
    return st;
}

/* Parser state: the current position and line for messages. */
struct cursor {
    const char *p, *path;
    int line;
};

static void skip_blanks(struct cursor *c)
{
    while (*c->p == ' ' || *c->p == '\t' || *c->p == '\r')
        c->p++;
}

/* The next integer on the current line. */
static int next_long(struct cursor *c, long *v, const char *what, bmd_errbuf *err)
{
    skip_blanks(c);
    char *end;
    errno = 0;
    long x = strtol(c->p, &end, 10);
    if (end == c->p || errno != 0 ||
        (*end != ' ' && *end != '\t' && *end != '\n' && *end != '\r' && *end != '\0'))
        return bmd_err_set(err, BMD_EPARSE, "%s:%d: expected %s, found '%.12s'", c->path, c->line,
                           what, c->p);
    c->p = end;
    *v = x;
    return BMD_OK;
}

static void next_line(struct cursor *c)
{
    while (*c->p != '\0' && *c->p != '\n')
        c->p++;
    if (*c->p == '\n') {
        c->p++;
        c->line++;
    }
}

static int grow(bmd_map *m, size_t *cap_lines, size_t *cap_points, size_t more_points)
{
    if (m->n_lines == *cap_lines) {
        size_t cap = *cap_lines ? 2 * *cap_lines : 256;
        bmd_map_line *p = realloc(m->lines, cap * sizeof *p);
        if (p == NULL) return BMD_ENOMEM;
        m->lines = p;
        *cap_lines = cap;
    }
    if (m->n_points + more_points > *cap_points) {
        size_t cap = *cap_points ? *cap_points : 65536;
        while (cap < m->n_points + more_points)
            cap *= 2;
        double *a = realloc(m->lat_rad, cap * sizeof *a);
        if (a == NULL) return BMD_ENOMEM;
        m->lat_rad = a;
        a = realloc(m->lon_rad, cap * sizeof *a);
        if (a == NULL) return BMD_ENOMEM;
        m->lon_rad = a;
        *cap_points = cap;
    }
    return BMD_OK;
}

/* One "KIND N LON0 LAT0 DLON DLAT ..." line appended to m. */
static int read_line(struct cursor *c, bmd_map *m, size_t *cap_lines, size_t *cap_points,
                     bmd_errbuf *err)
{
    char kind = *c->p++;
    if (kind != 'C' && kind != 'B')
        return bmd_err_set(err, BMD_EPARSE, "%s:%d: expected C or B, found '%c'", c->path, c->line,
                           kind);
    long n, x, y, dx, dy;
    int st = next_long(c, &n, "a point count", err);
    if (st) return st;
    if (n < 2 || n > 10000000)
        return bmd_err_set(err, BMD_EPARSE, "%s:%d: expected a point count >= 2, found %ld",
                           c->path, c->line, n);
    if (grow(m, cap_lines, cap_points, (size_t)n) != BMD_OK)
        return bmd_err_set(err, BMD_ENOMEM, "%s: out of memory", c->path);
    size_t first = m->n_points;
    x = y = 0;
    for (long i = 0; i < n; i++) {
        if ((st = next_long(c, &dx, "a longitude", err)) ||
            (st = next_long(c, &dy, "a latitude", err)))
            return st;
        x += dx, y += dy;
        if (labs(x) > 18000 || labs(y) > 9000)
            return bmd_err_set(err, BMD_EPARSE, "%s:%d: point %ld outside +-180/+-90 deg", c->path,
                               c->line, i + 1);
        m->lon_rad[m->n_points] = (double)x * 0.01 * BMD_DEG2RAD;
        m->lat_rad[m->n_points++] = (double)y * 0.01 * BMD_DEG2RAD;
    }
    skip_blanks(c);
    if (*c->p != '\n' && *c->p != '\0')
        return bmd_err_set(err, BMD_EPARSE, "%s:%d: more values than the %ld points announced",
                           c->path, c->line, n);
    bmd_map_line *l = &m->lines[m->n_lines++];
    l->kind = kind == 'C' ? BMD_MAP_COAST : BMD_MAP_BORDER;
    l->first = first;
    l->n = (size_t)n;
    return BMD_OK;
}

static int parse(struct cursor *c, bmd_map *m, bmd_errbuf *err)
{
    size_t cap_lines = 0, cap_points = 0;
    int header = 0;
    for (; *c->p != '\0'; next_line(c)) {
        skip_blanks(c);
        if (*c->p == '#' || *c->p == '\n') continue;
        if (!header) {
            if (strncmp(c->p, "bmdmap 1 ", 9) != 0)
                return bmd_err_set(err, BMD_EPARSE, "%s:%d: expected 'bmdmap 1', found '%.12s'",
                                   c->path, c->line, c->p);
            header = 1;
            continue;
        }
        int st = read_line(c, m, &cap_lines, &cap_points, err);
        if (st) return st;
    }
    if (!header) return bmd_err_set(err, BMD_EPARSE, "%s: not a bmdmap file (empty)", c->path);
    return BMD_OK;
}

int bmd_map_load(const char *path, bmd_map *map, bmd_errbuf *err)
{
    if (path == NULL || map == NULL) return bmd_err_set(err, BMD_EINVAL, "NULL argument");
    memset(map, 0, sizeof *map);
    char *text = NULL;
    int st = read_all(path, &text, err);
    if (st) return st;
    struct cursor c = {text, path, 1};
    st = parse(&c, map, err);
    free(text);
    if (st) bmd_map_free(map);
    return st;
}

void bmd_map_free(bmd_map *map)
{
    if (map == NULL) return;
    free(map->lines);
    free(map->lat_rad);
    free(map->lon_rad);
    memset(map, 0, sizeof *map);
}
