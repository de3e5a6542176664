/* Seeded shuffling of option order: splitmix64 (Steele, Lea and Flood,
 * 2014) and Fisher-Yates.  The generator lives in the caller's struct, so
 * a seed always gives the same order. */

#include "quiz.h"

#include <assert.h>

void quiz_rng_seed(struct quiz_rng *rng, uint64_t seed)
{
    rng->state = seed;
}

uint64_t quiz_rng_next(struct quiz_rng *rng)
{
    uint64_t z = (rng->state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

uint64_t quiz_rng_below(struct quiz_rng *rng, uint64_t bound)
{
    assert(bound > 0);
    /* Values at or above the largest multiple of bound would favour the
     * small results; draw again (rarely: at most half the draws). */
    uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t x;
    do
        x = quiz_rng_next(rng);
    while (x >= limit);
    return x % bound;
}

static void shuffle_question(struct quiz_question *q, struct quiz_rng *rng)
{
    for (size_t i = q->noptions; i > 1; i--) {
        size_t j = (size_t)quiz_rng_below(rng, i);
        struct quiz_option t = q->option[i - 1];
        q->option[i - 1] = q->option[j];
        q->option[j] = t;
        if (q->key == j)
            q->key = i - 1;
        else if (q->key == i - 1)
            q->key = j;
    }
}

void quiz_bank_shuffle(struct quiz_bank *b, uint64_t seed)
{
    struct quiz_rng rng;
    quiz_rng_seed(&rng, seed);
    for (size_t i = 0; i < b->count; i++)
        shuffle_question(&b->questions[i], &rng);
}
