/* uq_internal.h: what the uq module's files share (not public API). */
#ifndef BMD_UQ_INTERNAL_H
#define BMD_UQ_INTERNAL_H

#include <stddef.h>

#include "bmd/metric.h"

/* 1 for the metrics metric_fp.c evaluates (footprint and visibility). */
int bmd__metric_is_fp(int kind);

/*
 * bmd__metric_fp_eval: the footprint and visibility metrics of m[0..n-1]
 * (others are left alone) on scenario s; value[i] set for those metrics.
 * Returned (function value): BMD_OK; the footprint's or flight's errors.
 */
int bmd__metric_fp_eval(const bmd_scenario *s, const bmd_metric *m, size_t n, double *value,
                        bmd_errbuf *err);

#endif /* BMD_UQ_INTERNAL_H */
