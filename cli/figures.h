/* figures.h: what the commands' map figures share: display names from
 * catalog keys ("north-hwanghae" -> "North Hwanghae", "THAAD interceptor"
 * -> "THAAD") and the reference cities every map names (the sites of kind
 * city or capital in DATA/sites.yaml). */
#ifndef BMD_CLI_FIGURES_H
#define BMD_CLI_FIGURES_H

#include <stddef.h>

#include "bmd/plot.h"

/* "north-hwanghae" -> "North Hwanghae" (hyphens to spaces, words
 * capitalised); text that is not a lower-case key (typed coordinates)
 * is copied as it is. Returns buf. */
const char *cli_display_name(const char *key, char *buf, size_t n);

/* A display label shortened for a figure: cut at " (" and at ", ", and a
 * trailing " interceptor" dropped ("THAAD interceptor" -> "THAAD",
 * "AN/TPY-2, terminal mode (...)" -> "AN/TPY-2"). Returns buf. */
const char *cli_short_label(const char *label, char *buf, size_t n);

/* Reference cities for maps. */
typedef struct cli_map_cities {
    size_t n;
    bmd_plot_place *place; /* [n] kind BMD_PLOT_PLACE_CITY */
    char (*name)[48];      /* [n] their labels */
} cli_map_cities;

/* cli_map_cities_load: the cities of DATA/sites.yaml (kind city or
 * capital). A missing or bad file gives no cities (the map is drawn
 * without them; the commands report bad site files elsewhere). */
void cli_map_cities_load(const char *data_dir, cli_map_cities *c);
void cli_map_cities_free(cli_map_cities *c);

#endif
