/*
 * plot_opts.c: the parts of bmd/plot.h that draw nothing (formats, paths,
 * option and layer defaults, event names), kept apart from PLplot so that a
 * build without PLplot (the WebAssembly build, web/wasm/) shares them.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bmd/core.h"
#include "bmd/plot.h"

static const char *const format_names[] = {"png", "svg", "pdf"};

int bmd_plot_format_parse(const char *name, bmd_plot_format *fmt, bmd_errbuf *err)
{
    if (name == NULL || fmt == NULL) return bmd_err_set(err, BMD_EINVAL, "NULL argument");
    for (int i = 0; i < 3; i++)
        if (strcmp(name, format_names[i]) == 0) {
            *fmt = (bmd_plot_format)i;
            return BMD_OK;
        }
    return bmd_err_set(err, BMD_ENOTFOUND, "unknown plot format '%s' (expected png, svg or pdf)",
                       name);
}

const char *bmd_plot_format_ext(bmd_plot_format fmt)
{
    return (int)fmt >= 0 && (int)fmt < 3 ? format_names[fmt] : "";
}

int bmd_plot_path(char *out, size_t n, const char *dir, const char *stem, bmd_plot_format fmt)
{
    if (out == NULL || n == 0 || stem == NULL || (int)fmt < 0 || (int)fmt > 2) return BMD_EINVAL;
    if (dir == NULL || dir[0] == '\0') dir = ".";
    size_t len = strlen(dir);
    const char *sep = len > 0 && dir[len - 1] == '/' ? "" : "/";
    int k = snprintf(out, n, "%s%s%s.%s", dir, sep, stem, format_names[fmt]);
    if (k < 0 || (size_t)k >= n) {
        out[0] = '\0';
        return BMD_ELIMIT;
    }
    return BMD_OK;
}

void bmd_plot_opts_init(bmd_plot_opts *o)
{
    memset(o, 0, sizeof *o);
    o->format = BMD_PLOT_PNG;
    o->width_px = 1000;
    o->height_px = 700;
}

static const char *const event_names[BMD_PLOT_EV_COUNT] = {"launch",
                                                           "burnout",
                                                           "apogee",
                                                           "first detection",
                                                           "track established",
                                                           "interceptor launch",
                                                           "intercept",
                                                           "miss",
                                                           "impact",
                                                           "event"};

const char *bmd_plot_event_name(bmd_plot_event ev)
{
    return (int)ev >= 0 && ev < BMD_PLOT_EV_COUNT ? event_names[ev] : "event";
}

void bmd_plot_map_layers_init(bmd_plot_map_layers *l)
{
    memset(l, 0, sizeof *l);
    l->projection = BMD_PLOT_PROJ_AUTO;
    l->lat0_rad = NAN, l->lon0_rad = NAN;
}
