/*
 * bmd/plot_engage.h: the figures of an engagement and a footprint (PLplot,
 * through bmd/plot.h) and what the map figures share: display names and
 * the reference cities every map names.
 */
#ifndef BMD_PLOT_ENGAGE_H
#define BMD_PLOT_ENGAGE_H

#include <stddef.h>

#include "bmd/engage.h"
#include "bmd/footprint.h"
#include "bmd/footprint_setup.h"
#include "bmd/plot.h"
#include "bmd/visibility.h"

/*
 * bmd_plot_display_name: "north-hwanghae" -> "North Hwanghae" (hyphens to
 * spaces, words capitalised); text that is not a lower-case key (typed
 * coordinates) is copied as it is.
 * Given:    key; n size of buf.  Returned: buf (function value buf)
 */
const char *bmd_plot_display_name(const char *key, char *buf, size_t n);

/*
 * bmd_plot_short_label: a display label shortened for a figure: cut at " ("
 * and at ", ", and a trailing " interceptor" dropped ("THAAD interceptor"
 * -> "THAAD", "AN/TPY-2, terminal mode (...)" -> "AN/TPY-2").
 * Given:    label; n size of buf.  Returned: buf (function value buf)
 */
const char *bmd_plot_short_label(const char *label, char *buf, size_t n);

/* Reference cities for maps. */
typedef struct bmd_plot_cities {
    size_t n;
    bmd_plot_place *place; /* [n] kind BMD_PLOT_PLACE_CITY */
    char (*name)[48];      /* [n] their labels */
} bmd_plot_cities;

/*
 * bmd_plot_cities_load: the cities of DATA/sites.yaml (kind city or
 * capital).
 * Given:    data_dir the data directory
 * Returned: c the cities (free with bmd_plot_cities_free)
 * Notes:    A missing or bad file gives no cities (the map is drawn without
 *           them; bad site files are reported where they are loaded).
 */
void bmd_plot_cities_load(const char *data_dir, bmd_plot_cities *c);
void bmd_plot_cities_free(bmd_plot_cities *c);

/*
 * bmd_plot_engagement_timeline: the engagement timeline: altitude against
 * time of each threat (truth, thick where in firm track) and of each
 * interceptor from launch to closest approach; events marked; the first
 * battery's altitude band shaded.
 * Given:    path, format (bmd_plot_format) where; plan, r the engagement
 * Returned (function value): the status of bmd_plot_timeline (BMD_EIO:
 *           cannot write; nothing is left behind); BMD_ENOMEM.
 */
int bmd_plot_engagement_timeline(const char *path, int format, const bmd_engage_plan *plan,
                                 const bmd_engage_result *r, bmd_errbuf *err);

/*
 * bmd_plot_engagement_occupancy: each radar's time budget over the
 * engagement: occupancy and demand (r->occ, recorded every second at the
 * radars' scheduling step) against time, with the 100 % line.
 * Given:    path, format (bmd_plot_format) where; plan, r the engagement
 *           (run with recording)
 * Returned (function value): a status of bmd_plot_occupancy; BMD_EINVAL
 *           when no radar has two recorded samples; BMD_ENOMEM.
 * Notes:    At most 8 radars are drawn (the first 8).
 */
int bmd_plot_engagement_occupancy(const char *path, int format, const bmd_engage_plan *plan,
                                  const bmd_engage_result *r, bmd_errbuf *err);

/*
 * bmd_plot_footprint_map: the map of a footprint (coastlines and borders
 * from DATA/map, the footprint or denied area, the region computed, the
 * battery, radar fan, launch points, checked sites, reference cities).
 * Given:    path, format (bmd_plot_format) where; data_dir the data
 *           directory (the map BMD_MAP_FILE, required; the reference cities,
 *           drawn without when missing); p the picture
 * Returned (function value): a status of bmd_map_load (BMD_EIO: the map
 *           file cannot be read, named in err; nothing drawn), of
 *           bmd_plot_map; BMD_ENOMEM.
 */
int bmd_plot_footprint_map(const char *path, int format, const char *data_dir,
                           const bmd_fp_picture *p, bmd_errbuf *err);

/* The most checked sites a footprint picture shows. */
#define BMD_FP_PICTURE_MAX_CHECKS 32

/* A footprint picture and the words and flags it points to. */
typedef struct bmd_fp_picture_buf {
    bmd_fp_picture pic;
    char title[160], subtitle[400], radar_label[64];
    int check_defended[BMD_FP_PICTURE_MAX_CHECKS];
} bmd_fp_picture_buf;

/*
 * bmd_plot_fp_picture: what the map and globe file of a finished footprint
 * show: the title ("Defended footprint of THAAD at Seongju", display names
 * and short labels), a subtitle with threat, launch, shape, doctrine, cue,
 * reaction, area and cell size, the region, the rings, the battery, the
 * radar's fan out to its track range on the threat's RCS (capped by the
 * instrumented range; no radar, or no track range: no fan), the launch
 * points and the checked sites (filled: defended).
 * Given:    sum the footprint; poly its rings
 * Returned: *b (b->pic points into b, sum and poly: keep them alive)
 * Returned (function value): BMD_OK; BMD_EINVAL for more than
 *           BMD_FP_PICTURE_MAX_CHECKS checked sites.
 */
int bmd_plot_fp_picture(bmd_fp_picture_buf *b, const bmd_fp_summary *sum, const bmd_fp_polys *poly);

/*
 * bmd_plot_visibility: the figures of `bmdsim visibility --plot`: a map
 * (basemap, reference cities, each track with its visible samples
 * highlighted, launch and aim points named once, the radar and its fan out
 * to bmd_vis_fan_range) at map_path and an altitude-range profile of the
 * tracks at profile_path, titled "Visibility to RADAR LABEL" with the RCS,
 * boresight, Earth and sample period. Tracks are named in the legend when
 * there are at most six.
 * Given:    map_path, profile_path, format (bmd_plot_format); map the
 *           basemap; data_dir (cities); v the view
 * Returned (function value): BMD_OK; BMD_ENOMEM; the statuses of
 *           bmd_plot_map and bmd_plot_profile (BMD_EIO: cannot write).
 */
int bmd_plot_visibility(const char *map_path, const char *profile_path, int format,
                        const bmd_map *map, const char *data_dir, const bmd_vis_view *v,
                        bmd_errbuf *err);

#endif /* BMD_PLOT_ENGAGE_H */
