/*
 * bmd/solve.h: one-dimensional root finding and minimisation without
 * derivatives (Brent 1973), for event location on dense output (traj,
 * engage), targeting (traj) and the tracker's ground crossing (track).
 * Written here rather than taken from GSL because GSL's gsl_root/gsl_min
 * allocate and report bad brackets through GSL's global abort-on-error
 * handler. Part of the core module (src/core/solve.c).
 */
#ifndef BMD_SOLVE_H
#define BMD_SOLVE_H

#include "bmd/status.h"

/* Scalar function for the solvers: writes f(x) to *f; returns a status
 * (BMD_OK = 0 to go on; any other value stops the solver and is returned). */
typedef int (*bmd_fn1)(void *ctx, double x, double *f);

/*
 * bmd_root_brent: a root of f in [a, b] by Brent's method (Brent 1973,
 * "Algorithms for minimization without derivatives", ch. 4).
 * Given:    f, ctx   the function and its context
 *           a, b     the bracket; fa = f(a), fb = f(b) of opposite signs
 *                    (or one of them zero)
 *           xtol     stop when the bracket is below xtol (units of x)
 *           ftol     or when |f| <= ftol (units of f)
 *           max_iter the most evaluations of f
 * Returned: *x       the best point; *fx (if not NULL) f there
 * Returned (function value): 0; the status of f; BMD_ENOCONV after
 *           max_iter evaluations (*x, *fx still the best point).
 */
int bmd_root_brent(bmd_fn1 f, void *ctx, double a, double b, double fa, double fb, double xtol,
                   double ftol, int max_iter, double *x, double *fx);

/*
 * bmd_root_illinois: a root of f in [a, b] by regula falsi with the
 * Illinois modification (Dowell & Jarratt, BIT 11 (1971) 168-174): each
 * iterate is the secant of the bracket's ends, and an end kept twice in a
 * row has its value halved, which makes the convergence superlinear (order
 * 1.44). For smooth functions whose root a secant already nearly finds
 * (a level crossing of a step's dense output): usually two or three
 * evaluations where Brent's method needs four or five to close its bracket.
 * Given:    f, ctx   the function and its context
 *           a, b     the bracket; fa = f(a), fb = f(b) of opposite signs
 *                    (or one of them zero)
 *           xtol     stop when the secant's correction (or the bracket)
 *                    is below xtol (units of x)
 *           max_iter the most evaluations of f
 * Returned: *x       the last secant point: after a correction below xtol
 *                    its error is far below xtol for smooth f (superlinear
 *                    convergence; tests/core/test_core.c checks 1e-9 against
 *                    bisection with xtol 1e-9); a or b if f is zero there
 * Returned (function value): 0; the status of f; BMD_EDOM if fa, fb have
 *           the same sign or are not finite; BMD_ENOCONV after max_iter
 *           evaluations.
 */
int bmd_root_illinois(bmd_fn1 f, void *ctx, double a, double b, double fa, double fb, double xtol,
                      int max_iter, double *x);

/*
 * bmd_min_brent: a minimum of f in [a, b] by golden section with parabolic
 * interpolation (Brent 1973, ch. 5).
 * Given:    f, ctx, a, b as above; xtol the accuracy |dx| in x; max_iter
 * Returned: *x, *fx  the best point and f there
 * Returned (function value): 0, or the status of f.
 */
int bmd_min_brent(bmd_fn1 f, void *ctx, double a, double b, double xtol, int max_iter, double *x,
                  double *fx);

#endif /* BMD_SOLVE_H */
