#ifndef RNG_H
#define RNG_H

#include <stdint.h>

/*
 * The kit's one seeded pseudo-random generator: splitmix64 (Steele, Lea
 * and Flood, 2014).  The same seed gives the same sequence on every
 * platform, so a seed names an order that can be repeated anywhere: the
 * quiz's --seed N, populate's shuffled registries, the property test's
 * STAGEKIT_SEED.  The state lives in the caller's struct (no global
 * state).  Not for cryptography.
 */
struct rng {
    uint64_t state;
};

/* Starts rng at seed; every seed, 0 included, is fine. */
void rng_seed(struct rng *rng, uint64_t seed);

/* The next 64 pseudo-random bits; advances the state by one step. */
uint64_t rng_next(struct rng *rng);

/* A uniform value in [0, bound), without modulo bias: a draw that would
 * favour the small results is rejected and drawn again, so one call may
 * take more than one step.  bound must be > 0 (asserted). */
uint64_t rng_below(struct rng *rng, uint64_t bound);

#endif /* RNG_H */
