#ifndef FIXTURE_H
#define FIXTURE_H

#include <stddef.h>

#include "dispatch.h"
#include "registry.h"

/*
 * The data the benchmarks of one size n run over, built with the engine
 * (populate_registry, reg_versions, reg_stage_view) and never timed.
 *
 * The unmemorisable random case: a branch predictor learns a short random
 * pattern that repeats every iteration (a measured fact: see docs/bench.md), so the random
 * benchmarks rotate through a pool of windows, windows * n shuffled
 * versions of at least pool_min (FIXTURE_POOL_MIN for a measurement: 4
 * MiB of versions, larger than L2); each iteration takes the next window.
 * `shuffled` is one window reused every iteration: the memorised pattern,
 * shown beside it.  A smoke run passes a small pool_min and a check that
 * times nothing 0 (a pool of one window): building 2^17 versions per size
 * is most of what either would cost.
 */

#define FIXTURE_POOL_MIN ((size_t)1 << 17)

struct fixture {
    size_t n;
    size_t windows;            /* the pool holds windows * n versions */
    struct registry pool;      /* shuffled, seed 1 */
    struct registry shuffled;  /* n versions, seed 2 */
    struct registry sorted;    /* n versions, Production first */
    unsigned char *pool_stages;   /* the pool's stages, one byte each */
    unsigned char *sorted_stages; /* the sorted registry's, likewise */
};

/* Builds the data for n >= 1 versions on caller storage, with a pool of
 * at least pool_min versions.  On error (KIT_ENOMEM, with a message in
 * err) everything is released. */
enum kit_status fixture_build(struct fixture *f, size_t n, size_t pool_min,
                              struct kit_error *err);

/* Releases a fixture; NULL or an already released one is a no-op. */
void fixture_free(struct fixture *f);

/* The versions of window w of the pool (w < windows). */
const struct reg_version *fixture_window(const struct fixture *f, size_t w);

/* Runs the exercise functions of the linked IMPL over the fixture and
 * checks their results against populate_count() before anything is timed.
 * Returns 0, or -1 with a message naming the exercise to fix in msg. */
int fixture_check(const struct fixture *f, char *msg, size_t size);

/* One point of the two series that separate n from p: a registry of n
 * versions of which exactly p are in Production, shuffled (seed 3), for
 * the stage index; and, for the filtered scan, a pool of windows of n
 * versions with p each, rotated as the random benchmarks are (the
 * predictor must not learn where the p are). */
struct fixture_np {
    size_t n, p;
    size_t windows;
    struct registry r;
    struct registry pool;
};

/* Builds the registry of one point on caller storage (p <= n), its pool
 * of at least pool_min versions.  On error (KIT_ENOMEM, KIT_EINVAL, with
 * a message in err) it is released. */
enum kit_status fixture_np_build(struct fixture_np *f, size_t n, size_t p,
                                 size_t pool_min, struct kit_error *err);

/* Releases it; NULL or an already released one is a no-op. */
void fixture_np_free(struct fixture_np *f);

/* The versions of window w of the pool (w < windows). */
const struct reg_version *fixture_np_window(const struct fixture_np *f,
                                            size_t w);

/* Checks production_scan and production_indexed against p, as
 * fixture_check() does.  Returns 0, or -1 with the exercise to fix. */
int fixture_np_check(const struct fixture_np *f, char *msg, size_t size);

/* Counting actions: every benchmark's deploy/test/archive (their ctx is a
 * struct fixture_tally).  The bare kernel passes v == NULL; they ignore v. */
struct fixture_tally {
    size_t count[DISPATCH_ACTIONS];
};
void fixture_on_deploy(void *ctx, const struct reg_version *v);
void fixture_on_test(void *ctx, const struct reg_version *v);
void fixture_on_archive(void *ctx, const struct reg_version *v);

/* The three counting actions over the tally t. */
struct dispatch_actions fixture_actions(struct fixture_tally *t);

#endif /* FIXTURE_H */
