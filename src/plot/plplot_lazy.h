/*
 * plplot_lazy.h: PLplot for the figure files of src/plot, loaded when the
 * first figure is drawn instead of when the program starts.
 *
 * Include this in place of <plplot.h>: it includes PLplot's header (types
 * and constants) and then maps each PLplot function the figures call to a
 * trampoline of plplot_lazy.c, which calls PLplot's function of that name
 * in the process (dlsym). bmd__plot_begin (plot.c) loads PLplot with
 * bmd__plplot_load first. Linking libplplot into libbmd, bmdsim and every
 * program using libbmd (the Python extension included) made each start of
 * such a program load PLplot's library tree (freetype, png, qhull, shapelib,
 * ...), figure or not: for `bmdsim trajectory` about a tenth of its CPU time
 * (bench/bench_startup.py, bench/RESULTS.md "Issue 13").
 *
 * A function of PLplot not listed here cannot be called from src/plot (it
 * would be an undefined symbol when libbmd links: add it here and in
 * plplot_lazy.c).
 */
#ifndef BMD_PLOT_PLPLOT_LAZY_H
#define BMD_PLOT_PLPLOT_LAZY_H

#include <plplot.h>

#include "bmd/core.h"

/*
 * bmd__plplot_load: makes PLplot's functions callable (loads the library,
 * BMD_PLPLOT_SONAME, into the process for good, or finds it there).
 * Returns BMD_OK, or BMD_EIO with a message in err when PLplot cannot be
 * loaded.
 */
int bmd__plplot_load(bmd_errbuf *err);

#undef pladv
#define pladv bmd__c_pladv
void bmd__c_pladv(PLINT page);
#undef plbox
#define plbox bmd__c_plbox
void bmd__c_plbox(PLCHAR_VECTOR xopt, PLFLT xtick, PLINT nxsub, PLCHAR_VECTOR yopt, PLFLT ytick,
                  PLINT nysub);
#undef plcol0
#define plcol0 bmd__c_plcol0
void bmd__c_plcol0(PLINT icol0);
#undef plcolorbar
#define plcolorbar bmd__c_plcolorbar
void bmd__c_plcolorbar(PLFLT_NC_SCALAR p_colorbar_width, PLFLT_NC_SCALAR p_colorbar_height,
                       PLINT opt, PLINT position, PLFLT x, PLFLT y, PLFLT x_length, PLFLT y_length,
                       PLINT bg_color, PLINT bb_color, PLINT bb_style, PLFLT low_cap_color,
                       PLFLT high_cap_color, PLINT cont_color, PLFLT cont_width, PLINT n_labels,
                       PLINT_VECTOR label_opts, PLCHAR_MATRIX labels, PLINT n_axes,
                       PLCHAR_MATRIX axis_opts, PLFLT_VECTOR ticks, PLINT_VECTOR sub_ticks,
                       PLINT_VECTOR n_values, PLFLT_MATRIX values);
#undef plcont
#define plcont bmd__c_plcont
void bmd__c_plcont(PLFLT_MATRIX f, PLINT nx, PLINT ny, PLINT kx, PLINT lx, PLINT ky, PLINT ly,
                   PLFLT_VECTOR clevel, PLINT nlevel, PLTRANSFORM_callback pltr,
                   PLPointer pltr_data);
#undef plend1
#define plend1 bmd__c_plend1
void bmd__c_plend1(void);
#undef plerrx
#define plerrx bmd__c_plerrx
void bmd__c_plerrx(PLINT n, PLFLT_VECTOR xmin, PLFLT_VECTOR xmax, PLFLT_VECTOR y);
#undef plfill
#define plfill bmd__c_plfill
void bmd__c_plfill(PLINT n, PLFLT_VECTOR x, PLFLT_VECTOR y);
#undef plfontld
#define plfontld bmd__c_plfontld
void bmd__c_plfontld(PLINT fnt);
#undef plgDevs
#define plgDevs bmd__plgDevs
void bmd__plgDevs(PLCHAR_VECTOR **p_menustr, PLCHAR_VECTOR **p_devname, int *p_ndev);
#undef plgspa
#define plgspa bmd__c_plgspa
void bmd__c_plgspa(PLFLT_NC_SCALAR xmin, PLFLT_NC_SCALAR xmax, PLFLT_NC_SCALAR ymin,
                   PLFLT_NC_SCALAR ymax);
#undef plgstrm
#define plgstrm bmd__c_plgstrm
void bmd__c_plgstrm(PLINT_NC_SCALAR p_strm);
#undef plinit
#define plinit bmd__c_plinit
void bmd__c_plinit(void);
#undef pllab
#define pllab bmd__c_pllab
void bmd__c_pllab(PLCHAR_VECTOR xlabel, PLCHAR_VECTOR ylabel, PLCHAR_VECTOR tlabel);
#undef pllegend
#define pllegend bmd__c_pllegend
void bmd__c_pllegend(PLFLT_NC_SCALAR p_legend_width, PLFLT_NC_SCALAR p_legend_height, PLINT opt,
                     PLINT position, PLFLT x, PLFLT y, PLFLT plot_width, PLINT bg_color,
                     PLINT bb_color, PLINT bb_style, PLINT nrow, PLINT ncolumn, PLINT nlegend,
                     PLINT_VECTOR opt_array, PLFLT text_offset, PLFLT text_scale,
                     PLFLT text_spacing, PLFLT text_justification, PLINT_VECTOR text_colors,
                     PLCHAR_MATRIX text, PLINT_VECTOR box_colors, PLINT_VECTOR box_patterns,
                     PLFLT_VECTOR box_scales, PLFLT_VECTOR box_line_widths,
                     PLINT_VECTOR line_colors, PLINT_VECTOR line_styles, PLFLT_VECTOR line_widths,
                     PLINT_VECTOR symbol_colors, PLFLT_VECTOR symbol_scales,
                     PLINT_VECTOR symbol_numbers, PLCHAR_MATRIX symbols);
#undef plline
#define plline bmd__c_plline
void bmd__c_plline(PLINT n, PLFLT_VECTOR x, PLFLT_VECTOR y);
#undef pllsty
#define pllsty bmd__c_pllsty
void bmd__c_pllsty(PLINT lin);
#undef plmkstrm
#define plmkstrm bmd__c_plmkstrm
void bmd__c_plmkstrm(PLINT_NC_SCALAR p_strm);
#undef plmtex
#define plmtex bmd__c_plmtex
void bmd__c_plmtex(PLCHAR_VECTOR side, PLFLT disp, PLFLT pos, PLFLT just, PLCHAR_VECTOR text);
#undef plptex
#define plptex bmd__c_plptex
void bmd__c_plptex(PLFLT x, PLFLT y, PLFLT dx, PLFLT dy, PLFLT just, PLCHAR_VECTOR text);
#undef plschr
#define plschr bmd__c_plschr
void bmd__c_plschr(PLFLT def, PLFLT scale);
#undef plscmap0n
#define plscmap0n bmd__c_plscmap0n
void bmd__c_plscmap0n(PLINT ncol0);
#undef plscmap1l
#define plscmap1l bmd__c_plscmap1l
void bmd__c_plscmap1l(PLBOOL itype, PLINT npts, PLFLT_VECTOR intensity, PLFLT_VECTOR coord1,
                      PLFLT_VECTOR coord2, PLFLT_VECTOR coord3, PLBOOL_VECTOR alt_hue_path);
#undef plscol0a
#define plscol0a bmd__c_plscol0a
void bmd__c_plscol0a(PLINT icol0, PLINT r, PLINT g, PLINT b, PLFLT alpha);
#undef plsdev
#define plsdev bmd__c_plsdev
void bmd__c_plsdev(PLCHAR_VECTOR devname);
#undef plsfam
#define plsfam bmd__c_plsfam
void bmd__c_plsfam(PLINT fam, PLINT num, PLINT bmax);
#undef plsfnam
#define plsfnam bmd__c_plsfnam
void bmd__c_plsfnam(PLCHAR_VECTOR fnam);
#undef plshades
#define plshades bmd__c_plshades
void bmd__c_plshades(PLFLT_MATRIX a, PLINT nx, PLINT ny, PLDEFINED_callback defined, PLFLT xmin,
                     PLFLT xmax, PLFLT ymin, PLFLT ymax, PLFLT_VECTOR clevel, PLINT nlevel,
                     PLFLT fill_width, PLINT cont_color, PLFLT cont_width, PLFILL_callback fill,
                     PLBOOL rectangular, PLTRANSFORM_callback pltr, PLPointer pltr_data);
#undef plslabelfunc
#define plslabelfunc bmd__c_plslabelfunc
void bmd__c_plslabelfunc(PLLABEL_FUNC_callback label_func, PLPointer label_data);
#undef plspage
#define plspage bmd__c_plspage
void bmd__c_plspage(PLFLT xp, PLFLT yp, PLINT xleng, PLINT yleng, PLINT xoff, PLINT yoff);
#undef plsstrm
#define plsstrm bmd__c_plsstrm
void bmd__c_plsstrm(PLINT strm);
#undef plstring
#define plstring bmd__c_plstring
void bmd__c_plstring(PLINT n, PLFLT_VECTOR x, PLFLT_VECTOR y, PLCHAR_VECTOR string);
#undef pltr1
#define pltr1 bmd__pltr1
void bmd__pltr1(PLFLT x, PLFLT y, PLFLT_NC_SCALAR tx, PLFLT_NC_SCALAR ty, PLPointer pltr_data);
#undef plvpor
#define plvpor bmd__c_plvpor
void bmd__c_plvpor(PLFLT xmin, PLFLT xmax, PLFLT ymin, PLFLT ymax);
#undef plwidth
#define plwidth bmd__c_plwidth
void bmd__c_plwidth(PLFLT width);
#undef plwind
#define plwind bmd__c_plwind
void bmd__c_plwind(PLFLT xmin, PLFLT xmax, PLFLT ymin, PLFLT ymax);

#endif
