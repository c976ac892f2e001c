/*
 * check.h: numeric checks on top of cmocka. Every check states its
 * tolerance; the caller cites the reference value's source in a comment.
 */
#ifndef BMD_TESTS_CHECK_H
#define BMD_TESTS_CHECK_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* |got - want| <= atol */
#define CHECK_ABS(got, want, atol)                                                                 \
    do {                                                                                           \
        double g_ = (got), w_ = (want), t_ = (atol);                                               \
        if (!(fabs(g_ - w_) <= t_))                                                                \
            fail_msg("%s = %.12g, want %.12g +- %.3g (abs)", #got, g_, w_, t_);                    \
    } while (0)

/* |got - want| <= rtol |want| */
#define CHECK_REL(got, want, rtol)                                                                 \
    do {                                                                                           \
        double g_ = (got), w_ = (want), t_ = (rtol);                                               \
        if (!(fabs(g_ - w_) <= t_ * fabs(w_)))                                                     \
            fail_msg("%s = %.12g, want %.12g +- %.3g (rel)", #got, g_, w_, t_);                    \
    } while (0)

/* status equals want */
#define CHECK_STATUS(call, want)                                                                   \
    do {                                                                                           \
        int s_ = (call);                                                                           \
        if (s_ != (want)) fail_msg("%s returned %d, want %d", #call, s_, (int)(want));             \
    } while (0)

#define CHECK_OK(call) CHECK_STATUS(call, 0)

#endif
