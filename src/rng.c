/* splitmix64 (Steele, Lea and Flood, 2014) and an unbiased bounded draw.
 * The constants and the rejection method are part of the contract: a
 * change would shuffle every seed differently (tests/test_quiz_shuffle.c
 * pins splitmix64's published first output). */

#include "rng.h"

#include <assert.h>

void rng_seed(struct rng *rng, uint64_t seed)
{
    rng->state = seed;
}

uint64_t rng_next(struct rng *rng)
{
    uint64_t z = (rng->state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

uint64_t rng_below(struct rng *rng, uint64_t bound)
{
    assert(bound > 0);
    /* Values at or above the largest multiple of bound would favour the
     * small results; draw again (rarely: at most half the draws). */
    uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t x;
    do
        x = rng_next(rng);
    while (x >= limit);
    return x % bound;
}
