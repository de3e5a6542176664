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
 *   overhead/shim, overhead/shim-batched, overhead/native
 *                        an empty body over BODIES_OVERHEAD_N bytes,
 *                        through the shim and in native C++
 */

#define BODIES_OVERHEAD_N 10

/* The fixtures of every size, in the order of the sizes. */
struct bodies_suite {
    const struct fixture *fx;
    size_t count;
};

/* Registers every benchmark: the kit's over sizes[0..nsizes) (each must
 * have a fixture in s, which must outlive the run), the overhead ones at
 * n = BODIES_OVERHEAD_N.  Returns 0, or -1 if the shim refused one. */
int bodies_register(const struct bodies_suite *s, const int64_t *sizes,
                    size_t nsizes, int repetitions, double min_time);

#endif /* BODIES_H */
