/*
 * bmd/land.h: what a footprint defends in the units people use: land area
 * per country (Natural Earth 1:50m admin-0 polygons) and population
 * (GeoNames populated places of at least 15,000 people), read from the data
 * directory's map/countries.txt and map/places.txt (formats, sources,
 * licences and how they are regenerated: data/map/README.md).
 *
 * Coarseness, stated once: the polygons are Natural Earth's 1:50m
 * generalisation stored to 0.001 deg; a cell counts for the country its
 * centre lies in, so a country's defended area is known to about the cells
 * along its coast and borders. The population is that of the listed places
 * (GeoNames' figure for each city or town, mostly the municipality), not a
 * population raster: villages and rural people below 15,000 per place are
 * not counted, and a place is defended when the cell holding it is.
 *
 * Memory: bmd_land_load allocates; bmd_land_free releases (NULL or
 * {0}-initialised harmless). No global state.
 */
#ifndef BMD_LAND_H
#define BMD_LAND_H

#include <stddef.h>

#include "bmd/footprint.h"
#include "bmd/status.h"

/* The files inside the data directory (pass to bmd_data_path). */
#define BMD_LAND_COUNTRIES_FILE "map/countries.txt"
#define BMD_LAND_PLACES_FILE "map/places.txt"

typedef struct bmd_land_ring {
    size_t first, n; /* points [first, first + n) (closed: last = first) */
    int hole;        /* 1: a hole of the polygon before it */
} bmd_land_ring;

typedef struct bmd_land_country {
    char code[4];  /* ISO 3166-1 alpha-3 ("KOR"); Natural Earth ADM0_A3 when
                      the entity has no ISO code ("KOS") */
    char name[48]; /* Natural Earth's short name: "South Korea" */
    size_t first_ring, n_rings;
    double area_km2;               /* geodesic area on WGS84 (outer rings
                                      less holes), km^2 */
    double lat0, lat1, lon0, lon1; /* bounding box, rad */
} bmd_land_country;

typedef struct bmd_land_place {
    char name[48];
    char code[4]; /* its country */
    double pop;   /* GeoNames population */
    double lat_rad, lon_rad;
} bmd_land_place;

typedef struct bmd_land {
    size_t n_countries;
    bmd_land_country *country;
    size_t n_rings;
    bmd_land_ring *ring;
    size_t n_points;
    double *lat_rad, *lon_rad;
    size_t n_places;
    bmd_land_place *place;
} bmd_land;

/*
 * bmd_land_load: read the country and place files.
 * Given:    countries_path, places_path (places_path may be NULL: no places)
 * Returned: *land (replaces the contents; {0} on failure); err
 *           "FILE:LINE: expected ..., found ..."
 * Returned (function value): BMD_OK; BMD_EIO; BMD_EPARSE; BMD_ENOMEM;
 *           BMD_EINVAL (NULL arguments).
 */
int bmd_land_load(const char *countries_path, const char *places_path, bmd_land *land,
                  bmd_errbuf *err);

/* bmd_land_free: release and reset to {0}; NULL harmless. */
void bmd_land_free(bmd_land *land);

/*
 * bmd_land_country_at: the index of the country whose polygon holds the
 * point (even-odd rule over its rings in the longitude-latitude plane), or
 * -1 (sea, or a country not in the file).
 */
int bmd_land_country_at(const bmd_land *land, double lat_rad, double lon_rad);

/* The defended land of one country inside a footprint's region. */
typedef struct bmd_land_tally {
    int country;         /* index into land->country */
    double region_km2;   /* its cells inside the region, km^2 */
    double defended_km2; /* those defended, km^2 */
} bmd_land_tally;

/*
 * bmd_land_footprint: per country, the area of the footprint's cells in it
 * and of those defended; and the population of the places in the region
 * and in defended cells.
 * Given:    land; g, e the footprint's grid and Earth; cells[] its result
 * Returned: tally[*n_tally] (malloc'd; countries with cells in the region,
 *           by country order of the file); place_in[n_places] (may be
 *           NULL): -1 outside the region, 0 in an undefended cell, 1 in a
 *           defended one; *pop_region, *pop_defended
 * Returned (function value): BMD_OK; BMD_ENOMEM; BMD_EINVAL.
 * Notes:    a cell belongs to the country that holds its centre; its area
 *           is bmd_fp_grid_row_area.
 */
int bmd_land_footprint(const bmd_land *land, const bmd_fp_grid *g, const bmd_earth *e,
                       const bmd_fp_cell *cells, bmd_land_tally **tally, size_t *n_tally,
                       int *place_in, double *pop_region, double *pop_defended, bmd_errbuf *err);

#endif /* BMD_LAND_H */
