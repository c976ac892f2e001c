/*
 * bmd/report.h: the HTML report of a scenario's analyses (`bmdsim report`),
 * built from results structs. The page's fixed text and layout live in a
 * template, data/report/report.html, compiled into the library at build
 * time; the library fills its named slots. Every piece of catalog or
 * scenario text is HTML-escaped. No date is written: the same inputs give
 * the same bytes.
 */
#ifndef BMD_REPORT_H
#define BMD_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "bmd/core.h"
#include "bmd/engage.h"
#include "bmd/map.h"
#include "bmd/montecarlo.h"
#include "bmd/radar_catalog.h"
#include "bmd/scenario.h"

/* ---- HTML writing into a bmd_membuf -------------------------------------- */

/*
 * The writers below append to a bmd_membuf (bmd/core.h) and share a sticky
 * failure flag: each one does nothing when *bad is already set, and sets it
 * when the buffer cannot grow. The caller checks *bad once at the end (out
 * of memory).
 */

/*
 * bmd_html_put: append printf-formatted text, written as is (no escaping:
 * for markup and numbers, never for catalog or scenario text).
 * Given:    b buffer; bad sticky failure flag; fmt, ... printf arguments
 * Returned: b extended; *bad set on failure
 */
void bmd_html_put(bmd_membuf *b, int *bad, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * bmd_html_esc: append text with the HTML special characters & < > " '
 * escaped (&amp; &lt; &gt; &quot; &#39;).
 * Given:    b buffer; bad sticky failure flag; s text (NULL: nothing)
 * Returned: b extended; *bad set on failure
 */
void bmd_html_esc(bmd_membuf *b, int *bad, const char *s);

/*
 * bmd_html_td: a table cell <td>s</td> with s escaped.
 * bmd_html_tdf: a right-aligned cell <td class="n">v</td> with v formatted
 * by fmt (one double conversion); a NaN or infinite v gives <td>-</td>.
 */
void bmd_html_td(bmd_membuf *b, int *bad, const char *s);
void bmd_html_tdf(bmd_membuf *b, int *bad, const char *fmt, double v)
    __attribute__((format(printf, 3, 0)));

/*
 * bmd_html_figure_png: a figure with an embedded PNG image,
 * <figure><img alt="ALT" src="data:image/png;base64,..."><figcaption>
 * CAPTION</figcaption></figure> and a newline.
 * Given:    b buffer; bad sticky failure flag; png[n] the PNG file's bytes;
 *           alt, caption text (escaped)
 * Returned: b extended; *bad set on failure
 * Notes:    base64 as RFC 4648 section 4 (with '=' padding, no line breaks).
 */
void bmd_html_figure_png(bmd_membuf *b, int *bad, const unsigned char *png, size_t n,
                         const char *alt, const char *caption);

/*
 * bmd_html_figure_file: bmd_html_figure_png with the bytes of the PNG file
 * at path, which is then deleted (also when it cannot be read).
 * Returned (function value): 0; 1 when the file cannot be read or is empty
 *           (nothing added).
 */
int bmd_html_figure_file(bmd_membuf *b, int *bad, const char *path, const char *alt,
                         const char *caption);

/* ---- the figure sections ---------------------------------------------------- */

/* What the figure sections are drawn from. */
typedef struct bmd_report_figs {
    const bmd_scenario *scenario;
    const bmd_engage_plan *plan;     /* the engagement's plan and */
    const bmd_engage_result *result; /* its recorded run (timeline) */
    const bmd_map *map;              /* basemap of the coverage maps; NULL: none */
    const char *data_dir;            /* reference cities and the footprint map's data */
    const char *tmpdir;              /* a private directory the figures are rendered
                                        into (each file deleted once embedded) */
    bmd_mc_progress_fn progress;     /* NULL, or told the footprint section's cells
                                        done of total as they are decided (its
                                        return value is ignored) */
    void *progress_ctx;
} bmd_report_figs;

/*
 * bmd_report_timeline_section: the engagement timeline figure
 * (bmd_plot_engagement_timeline, as `bmdsim run --plot`) embedded.
 * Returned: b extended; *bad; err
 * Returned (function value): BMD_OK; the figure's status; BMD_EIO when the
 *           file cannot be read back.
 */
int bmd_report_timeline_section(bmd_membuf *b, int *bad, const bmd_report_figs *r, bmd_errbuf *err);

/*
 * bmd_report_coverage_section: per radar a coverage map (a target of the
 * first threat's constant RCS, else 0.01 m^2, at 100 km altitude, track
 * dwell; bmd_coverage_run on the scenario's Earth) with its fan, the
 * batteries and the threats' launch and aim points, then a table of the
 * radars' ranges and covered areas.
 * Returned (function value): BMD_OK; the first failing radar's status.
 */
int bmd_report_coverage_section(bmd_membuf *b, int *bad, const bmd_report_figs *r, bmd_errbuf *err);

/*
 * bmd_report_footprint_section: the defended footprint of `bmdsim footprint
 * SCENARIO --resolution 20km` (bmd_fp_setup_default) with the threats' aim
 * points (site keys, each once) checked: its doctrine and defended area,
 * its map and the aim points' table. A scenario without a battery says so;
 * a footprint that cannot be computed (no threat, too many aim points, a
 * failed flight) says that instead.
 * Returned: b extended; *bad
 * Notes:    the cells are decided in chunks (the raster does not depend on
 *           them), r->progress told after each.
 */
void bmd_report_footprint_section(bmd_membuf *b, int *bad, const bmd_report_figs *r);

/* ---- the report page ----------------------------------------------------- */

/* What made the page: written in its Provenance section. */
typedef struct bmd_report_provenance {
    const char *version;        /* program version ("0.1.0") */
    const char *commit;         /* source commit, or "unknown" */
    const char *command;        /* the command line */
    const char *scenario;       /* scenario file name or "built-in default" */
    const char *sha256;         /* the scenario's SHA-256 in hex, or "" */
    long long seed;             /* the seed */
    const char *const *catalog; /* catalog entries used ("missile nodong") */
    size_t n_catalog;
} bmd_report_provenance;

typedef struct bmd_report_in {
    const bmd_scenario *scenario;     /* the scenario */
    const bmd_engage_result *result;  /* one engagement (recorded events) */
    const bmd_mc_result *mc;          /* its Monte Carlo; NULL: none run */
    uint64_t seed;                    /* the seed of both */
    const bmd_radar_catalog *radars;  /* the radar catalog, for the radars'
                                         sources; NULL: none */
    bmd_report_provenance provenance; /* what made the page */
    /* Sections the caller builds (figures rendered by the caller), complete
     * HTML fragments ending with a newline, or NULL (nothing): */
    const char *engagement_figure; /* after the Engagement heading */
    const char *coverage;          /* the Radar coverage section */
    const char *footprint;         /* the Defended footprint section */
    const char *sensitivity;       /* the Sensitivity section */
} bmd_report_in;

/*
 * bmd_report_html: the whole report page.
 * Given:    in the results (scenario, result and provenance required)
 * Returned: out (initialised {0} by the caller) holds the page as text,
 *           NUL-terminated (out->len bytes without the NUL); err the
 *           reason on failure
 * Returned (function value): BMD_OK; BMD_EINVAL for a NULL argument or a
 *           template slot the library does not know; BMD_ENOMEM.
 * Notes:    1. The page (data/report/report.html, compiled in): a
 *           plain-language summary of the engagement and Monte Carlo; the
 *           assumptions (Earth, atmosphere, filter, fire-control cycle) and
 *           tables of radars, batteries and threats citing their catalog
 *           sources by number, and the numbered references (each distinct
 *           source text once, in order of first citation); the engagement's event timeline and
 * outcome per threat; the caller's coverage, footprint and sensitivity sections; the Monte Carlo
 * table (P(negation) per threat and P(no leaker) with the 95 % Wilson intervals of bmd_mc_run); the
 * model's limits; the provenance.
 *           2. Event names, objects and notes are those of the text
 *           timeline (bmd_eng_event_label, bmd_eng_event_object,
 *           bmd_eng_event_note in bmd/export.h).
 */
int bmd_report_html(const bmd_report_in *in, bmd_membuf *out, bmd_errbuf *err);

#endif
