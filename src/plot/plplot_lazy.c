/*
 * plplot_lazy.c: PLplot loaded on the first figure (plplot_lazy.h).
 *
 * Each trampoline looks PLplot's function up in the process (dlsym over
 * the global scope, where bmd__plplot_load put the library, or where a
 * program linking PLplot itself has it) and calls it; no state is kept in
 * libbmd. A lookup costs well under a microsecond, small against what a
 * PLplot call draws. Without PLplot loaded a trampoline does nothing (the
 * figure code calls PLplot only between bmd__plot_begin, which loads it,
 * and bmd__plot_end).
 */
#define _GNU_SOURCE /* RTLD_DEFAULT, RTLD_NODELETE */
#include <dlfcn.h>
#include <string.h>

#include "plot/plplot_lazy.h"

#ifndef BMD_PLPLOT_SONAME
#define BMD_PLPLOT_SONAME "libplplot.so"
#endif

int bmd__plplot_load(bmd_errbuf *err)
{
    /* RTLD_GLOBAL: the trampolines find PLplot in the global scope;
       RTLD_NODELETE: it stays loaded after dlclose (PLplot keeps global
       state between figures), so the handle need not be kept */
    void *h = dlopen(BMD_PLPLOT_SONAME, RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE);
    if (h == NULL) {
        const char *why = dlerror();
        return bmd_err_set(err, BMD_EIO, "figure: cannot load PLplot: %s",
                           why ? why : BMD_PLPLOT_SONAME);
    }
    dlclose(h);
    return BMD_OK;
}

/* PLplot's function NAME as *fn (a function pointer of the right type;
   memcpy: ISO C has no conversion from dlsym's object pointer); 0 if found */
static int resolve(const char *name, void *fn, size_t size)
{
    void *sym = dlsym(RTLD_DEFAULT, name);
    if (sym == NULL || size != sizeof sym) return 1;
    memcpy(fn, &sym, size);
    return 0;
}

/* the trampoline bmd__NAME(PARAMS) calling NAME(ARGS) (all are void) */
#define PL_CALL(name, params, args)                                                                \
    void bmd__##name params                                                                        \
    {                                                                                              \
        void(*pl_fn_) params;                                                                      \
        if (resolve(#name, &pl_fn_, sizeof pl_fn_) == 0) pl_fn_ args;                              \
    }

PL_CALL(c_pladv, (PLINT page), (page))
PL_CALL(c_plbox,
        (PLCHAR_VECTOR xopt, PLFLT xtick, PLINT nxsub, PLCHAR_VECTOR yopt, PLFLT ytick,
         PLINT nysub),
        (xopt, xtick, nxsub, yopt, ytick, nysub))
PL_CALL(c_plcol0, (PLINT icol0), (icol0))
PL_CALL(c_plcolorbar,
        (PLFLT_NC_SCALAR p_colorbar_width, PLFLT_NC_SCALAR p_colorbar_height, PLINT opt,
         PLINT position, PLFLT x, PLFLT y, PLFLT x_length, PLFLT y_length, PLINT bg_color,
         PLINT bb_color, PLINT bb_style, PLFLT low_cap_color, PLFLT high_cap_color,
         PLINT cont_color, PLFLT cont_width, PLINT n_labels, PLINT_VECTOR label_opts,
         PLCHAR_MATRIX labels, PLINT n_axes, PLCHAR_MATRIX axis_opts, PLFLT_VECTOR ticks,
         PLINT_VECTOR sub_ticks, PLINT_VECTOR n_values, PLFLT_MATRIX values),
        (p_colorbar_width, p_colorbar_height, opt, position, x, y, x_length, y_length, bg_color,
         bb_color, bb_style, low_cap_color, high_cap_color, cont_color, cont_width, n_labels,
         label_opts, labels, n_axes, axis_opts, ticks, sub_ticks, n_values, values))
PL_CALL(c_plcont,
        (PLFLT_MATRIX f, PLINT nx, PLINT ny, PLINT kx, PLINT lx, PLINT ky, PLINT ly,
         PLFLT_VECTOR clevel, PLINT nlevel, PLTRANSFORM_callback pltr, PLPointer pltr_data),
        (f, nx, ny, kx, lx, ky, ly, clevel, nlevel, pltr, pltr_data))
PL_CALL(c_plend1, (void), ())
PL_CALL(c_plerrx, (PLINT n, PLFLT_VECTOR xmin, PLFLT_VECTOR xmax, PLFLT_VECTOR y),
        (n, xmin, xmax, y))
PL_CALL(c_plfill, (PLINT n, PLFLT_VECTOR x, PLFLT_VECTOR y), (n, x, y))
PL_CALL(c_plfontld, (PLINT fnt), (fnt))
PL_CALL(plgDevs, (PLCHAR_VECTOR * *p_menustr, PLCHAR_VECTOR **p_devname, int *p_ndev),
        (p_menustr, p_devname, p_ndev))
PL_CALL(c_plgspa,
        (PLFLT_NC_SCALAR xmin, PLFLT_NC_SCALAR xmax, PLFLT_NC_SCALAR ymin, PLFLT_NC_SCALAR ymax),
        (xmin, xmax, ymin, ymax))
PL_CALL(c_plgstrm, (PLINT_NC_SCALAR p_strm), (p_strm))
PL_CALL(c_plinit, (void), ())
PL_CALL(c_pllab, (PLCHAR_VECTOR xlabel, PLCHAR_VECTOR ylabel, PLCHAR_VECTOR tlabel),
        (xlabel, ylabel, tlabel))
PL_CALL(c_pllegend,
        (PLFLT_NC_SCALAR p_legend_width, PLFLT_NC_SCALAR p_legend_height, PLINT opt, PLINT position,
         PLFLT x, PLFLT y, PLFLT plot_width, PLINT bg_color, PLINT bb_color, PLINT bb_style,
         PLINT nrow, PLINT ncolumn, PLINT nlegend, PLINT_VECTOR opt_array, PLFLT text_offset,
         PLFLT text_scale, PLFLT text_spacing, PLFLT text_justification, PLINT_VECTOR text_colors,
         PLCHAR_MATRIX text, PLINT_VECTOR box_colors, PLINT_VECTOR box_patterns,
         PLFLT_VECTOR box_scales, PLFLT_VECTOR box_line_widths, PLINT_VECTOR line_colors,
         PLINT_VECTOR line_styles, PLFLT_VECTOR line_widths, PLINT_VECTOR symbol_colors,
         PLFLT_VECTOR symbol_scales, PLINT_VECTOR symbol_numbers, PLCHAR_MATRIX symbols),
        (p_legend_width, p_legend_height, opt, position, x, y, plot_width, bg_color, bb_color,
         bb_style, nrow, ncolumn, nlegend, opt_array, text_offset, text_scale, text_spacing,
         text_justification, text_colors, text, box_colors, box_patterns, box_scales,
         box_line_widths, line_colors, line_styles, line_widths, symbol_colors, symbol_scales,
         symbol_numbers, symbols))
PL_CALL(c_plline, (PLINT n, PLFLT_VECTOR x, PLFLT_VECTOR y), (n, x, y))
PL_CALL(c_pllsty, (PLINT lin), (lin))
PL_CALL(c_plmkstrm, (PLINT_NC_SCALAR p_strm), (p_strm))
PL_CALL(c_plmtex, (PLCHAR_VECTOR side, PLFLT disp, PLFLT pos, PLFLT just, PLCHAR_VECTOR text),
        (side, disp, pos, just, text))
PL_CALL(c_plptex, (PLFLT x, PLFLT y, PLFLT dx, PLFLT dy, PLFLT just, PLCHAR_VECTOR text),
        (x, y, dx, dy, just, text))
PL_CALL(c_plschr, (PLFLT def, PLFLT scale), (def, scale))
PL_CALL(c_plscmap0n, (PLINT ncol0), (ncol0))
PL_CALL(c_plscmap1l,
        (PLBOOL itype, PLINT npts, PLFLT_VECTOR intensity, PLFLT_VECTOR coord1, PLFLT_VECTOR coord2,
         PLFLT_VECTOR coord3, PLBOOL_VECTOR alt_hue_path),
        (itype, npts, intensity, coord1, coord2, coord3, alt_hue_path))
PL_CALL(c_plscol0a, (PLINT icol0, PLINT r, PLINT g, PLINT b, PLFLT alpha), (icol0, r, g, b, alpha))
PL_CALL(c_plsdev, (PLCHAR_VECTOR devname), (devname))
PL_CALL(c_plsfam, (PLINT fam, PLINT num, PLINT bmax), (fam, num, bmax))
PL_CALL(c_plsfnam, (PLCHAR_VECTOR fnam), (fnam))
PL_CALL(c_plshades,
        (PLFLT_MATRIX a, PLINT nx, PLINT ny, PLDEFINED_callback defined, PLFLT xmin, PLFLT xmax,
         PLFLT ymin, PLFLT ymax, PLFLT_VECTOR clevel, PLINT nlevel, PLFLT fill_width,
         PLINT cont_color, PLFLT cont_width, PLFILL_callback fill, PLBOOL rectangular,
         PLTRANSFORM_callback pltr, PLPointer pltr_data),
        (a, nx, ny, defined, xmin, xmax, ymin, ymax, clevel, nlevel, fill_width, cont_color,
         cont_width, fill, rectangular, pltr, pltr_data))
PL_CALL(c_plslabelfunc, (PLLABEL_FUNC_callback label_func, PLPointer label_data),
        (label_func, label_data))
PL_CALL(c_plspage, (PLFLT xp, PLFLT yp, PLINT xleng, PLINT yleng, PLINT xoff, PLINT yoff),
        (xp, yp, xleng, yleng, xoff, yoff))
PL_CALL(c_plsstrm, (PLINT strm), (strm))
PL_CALL(c_plstring, (PLINT n, PLFLT_VECTOR x, PLFLT_VECTOR y, PLCHAR_VECTOR string),
        (n, x, y, string))
PL_CALL(pltr1, (PLFLT x, PLFLT y, PLFLT_NC_SCALAR tx, PLFLT_NC_SCALAR ty, PLPointer pltr_data),
        (x, y, tx, ty, pltr_data))
PL_CALL(c_plvpor, (PLFLT xmin, PLFLT xmax, PLFLT ymin, PLFLT ymax), (xmin, xmax, ymin, ymax))
PL_CALL(c_plwidth, (PLFLT width), (width))
PL_CALL(c_plwind, (PLFLT xmin, PLFLT xmax, PLFLT ymin, PLFLT ymax), (xmin, xmax, ymin, ymax))
