/*
 * plot_none.c: the figure functions of bmd/plot.h and bmd/plot_uq.h for the
 * WebAssembly build, which has no PLplot: each returns BMD_EIO with a
 * message saying so (the page draws its maps itself). The rest of the plot
 * module (src/plot/plot_opts.c, src/plot/map.c) is the native one.
 */
#include "bmd/core.h"
#include "bmd/plot.h"
#include "bmd/plot_uq.h"

static int no_figures(bmd_errbuf *err)
{
    return bmd_err_set(err, BMD_EIO,
                       "figures are not available in the WebAssembly build (no PLplot)");
}

int bmd_plot_profile(const bmd_plot_opts *o, const bmd_plot_series *s, size_t ns,
                     const bmd_plot_marker *m, size_t nm, const bmd_plot_band *band,
                     bmd_errbuf *err)
{
    (void)o, (void)s, (void)ns, (void)m, (void)nm, (void)band;
    return no_figures(err);
}

int bmd_plot_occupancy(const bmd_plot_opts *o, const bmd_plot_occ_series *s, size_t ns,
                       bmd_errbuf *err)
{
    (void)o, (void)s, (void)ns;
    return no_figures(err);
}

int bmd_plot_timeline(const bmd_plot_opts *o, const bmd_plot_series *s, size_t ns,
                      const bmd_plot_marker *m, size_t nm, const bmd_plot_band *band,
                      bmd_errbuf *err)
{
    (void)o, (void)s, (void)ns, (void)m, (void)nm, (void)band;
    return no_figures(err);
}

int bmd_plot_map(const bmd_plot_opts *o, const bmd_plot_map_layers *l, bmd_errbuf *err)
{
    (void)o, (void)l;
    return no_figures(err);
}

int bmd_plot_sweep_line(const bmd_plot_opts *o, const char *xlabel, const double *x, size_t n,
                        const char *ylabel, const bmd_plot_curve *c, size_t nc, bmd_errbuf *err)
{
    (void)o, (void)xlabel, (void)x, (void)n, (void)ylabel, (void)c, (void)nc;
    return no_figures(err);
}

int bmd_plot_sweep_contour(const bmd_plot_opts *o, const char *xlabel, const double *x, size_t nx,
                           const char *ylabel, const double *y, size_t ny, const char *zlabel,
                           const double *z, double level, const char *level_label, bmd_errbuf *err)
{
    (void)o, (void)xlabel, (void)x, (void)nx, (void)ylabel, (void)y, (void)ny, (void)zlabel;
    (void)z, (void)level, (void)level_label;
    return no_figures(err);
}

int bmd_plot_index_bars(const bmd_plot_opts *o, const bmd_plot_bar *b, size_t n, const char *label1,
                        const char *label2, const char *xlabel, bmd_errbuf *err)
{
    (void)o, (void)b, (void)n, (void)label1, (void)label2, (void)xlabel;
    return no_figures(err);
}

int bmd_plot_tornado(const bmd_plot_opts *o, const char *const *names, size_t n, double nominal,
                     const double *at_lo, const double *at_hi, const char *xlabel, bmd_errbuf *err)
{
    (void)o, (void)names, (void)n, (void)nominal, (void)at_lo, (void)at_hi, (void)xlabel;
    return no_figures(err);
}
