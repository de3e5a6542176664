/* Seeded shuffling of option order: Fisher-Yates over the kit's seeded
 * generator (rng.h).  The generator lives on the stack of one shuffle, so
 * a seed always gives the same order. */

#include "quiz.h"

#include "rng.h"

static void shuffle_question(struct quiz_question *q, struct rng *rng)
{
    for (size_t i = q->noptions; i > 1; i--) {
        size_t j = (size_t)rng_below(rng, i);
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
    struct rng rng;
    rng_seed(&rng, seed);
    for (size_t i = 0; i < b->count; i++)
        shuffle_question(&b->questions[i], &rng);
}
