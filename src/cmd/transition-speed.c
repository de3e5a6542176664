/* make transition-speed: the cost of one transition against registry size.
 * Lookup is a hash plus an array index, so the time per transition should
 * stay nearly flat from 10^3 to 10^6 versions.  A small benchmark program,
 * not a test: it prints figures and asserts nothing about them. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "populate.h"
#include "rng.h"
#include "transition.h"

#define SPEED_MODELS 100
#define SPEED_TRANSITIONS 200000

static double speed_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Random transitions without the cascade flag over a registry of n
 * versions; returns ns per transition, or a negative value on error. */
static double speed_run(size_t n)
{
    static const char *const targets[] = {"Staging", "Production", "None",
                                          "Archived"};
    struct registry r;
    struct reg_error err;
    char names[SPEED_MODELS][32]; /* formatted once, outside the timing */
    struct rng rng;
    rng_seed(&rng, 7);
    for (size_t k = 0; k < SPEED_MODELS; k++)
        snprintf(names[k], sizeof names[k], "model-%zu", k);
    reg_init(&r);
    if (populate_registry(&r, n, SPEED_MODELS, POPULATE_SHUFFLED, 1, &err)) {
        fprintf(stderr, "transition-speed: %s\n", err.msg);
        reg_free(&r);
        return -1;
    }
    size_t per_model = n / SPEED_MODELS;
    double t0 = speed_now();
    for (long i = 0; i < SPEED_TRANSITIONS; i++) {
        uint64_t x = rng_next(&rng);
        const char *name = names[x % SPEED_MODELS];
        int64_t version = 1 + (int64_t)((x >> 16) % per_model);
        if (transition_apply(&r, name, version, targets[(x >> 40) % 4], false,
                             &err) != REG_OK) {
            fprintf(stderr, "transition-speed: %s (exercise 3)\n", err.msg);
            reg_free(&r);
            return -1;
        }
    }
    double ns = (speed_now() - t0) * 1e9 / SPEED_TRANSITIONS;
    reg_free(&r);
    return ns;
}

int main(void)
{
    static const size_t sizes[] = {1000, 10000, 100000, 1000000};
    /* The work per transition is constant (a hash lookup, an array index,
     * O(1) index updates); what grows is the chance that the memory it
     * touches has left the caches, so the array size is printed too. */
    printf("%10s %16s %14s\n", "versions", "ns/transition", "array (MiB)");
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        double ns = speed_run(sizes[i]);
        if (ns < 0)
            return EXIT_FAILURE;
        printf("%10zu %16.1f %14.2f\n", sizes[i], ns,
               (double)(sizes[i] * sizeof(struct reg_version)) / (1 << 20));
    }
    return EXIT_SUCCESS;
}
