#ifndef BODIES_H
#define BODIES_H

#include <stddef.h>
#include <stdint.h>

#include "fixture.h"

/*
 * The benchmarks, C bodies over the exercise functions of the linked IMPL
 * (dispatch_all, production_scan, production_indexed), registered through
 * the shim:
 *
 *   dispatch/random      full dispatch, rotating through the pool: the
 *                        order the branch predictor cannot memorise
 *   dispatch/memorised   full dispatch, one shuffled array reused
 *   dispatch/sorted      full dispatch, versions sorted by stage
 *   kernel/random        the bare kernel (packed stage bytes, the same
 *   kernel/sorted        actions), same orders as the dispatch above
 *   production/scan      production-only by filtered scan (pool)
 *   production/scan-sorted   the same over the sorted versions
 *   production/indexed   production-only through the stage index
 *   fixed-p/scan, fixed-p/indexed   n grows, p stays (argument n)
 *   fixed-n/scan, fixed-n/indexed   n stays, p grows (argument p)
 *   overhead/shim, overhead/shim-batched, overhead/native
 *                        an empty body over BODIES_OVERHEAD_N bytes,
 *                        through the shim and in native C++
 */

#define BODIES_OVERHEAD_N 10

/* One of the series that separate n from p: its points, and the
 * argument each benchmark of it is registered with (n for fixed-p, p for
 * fixed-n), in the same order. */
struct bodies_series {
    const struct fixture_np *fx;
    const int64_t *args;
    size_t count;
};

/* The fixtures of every size, in the order of the sizes, and the two
 * series (a series with count 0 is not registered). */
struct bodies_suite {
    const struct fixture *fx;
    size_t count;
    struct bodies_series fixed_p, fixed_n;
};

/* Registers every benchmark: the kit's over sizes[0..nsizes) (each must
 * have a fixture in s, which must outlive the run), the two series over
 * their own arguments, the overhead ones at n = BODIES_OVERHEAD_N.  Every
 * benchmark records the counters n, p and actions.  Returns 0, or -1 if
 * the shim refused one. */
int bodies_register(const struct bodies_suite *s, const int64_t *sizes,
                    size_t nsizes, int repetitions, double min_time);

#endif /* BODIES_H */
