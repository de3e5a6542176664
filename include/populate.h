#ifndef POPULATE_H
#define POPULATE_H

#include <stddef.h>
#include <stdint.h>

#include "registry.h"

/*
 * Synthetic registries for the demo, the tests and the benchmarks.
 *
 * The stage mix is fixed: out of every 6 versions, 2 are in Production,
 * 2 in Staging, 1 in None and 1 in Archived (a third in Production).
 */

enum populate_order {
    POPULATE_SORTED,  /* Production first, then Staging, None, Archived */
    POPULATE_SHUFFLED /* a seeded random permutation of the same mix */
};

/* How many of n versions the fixed mix puts in stage s. */
size_t populate_count(size_t n, enum stage s);

/* Writes the stages of n versions in the given order (the seed only
 * matters for POPULATE_SHUFFLED: an unbiased Fisher-Yates shuffle driven
 * by rng.h, so the same seed gives the same order on every machine). */
void populate_stages(enum stage *out, size_t n, enum populate_order order,
                     uint64_t seed);

/* Adds n versions spread round-robin over nmodels models named
 * "model-<k>" (created when missing), with the stages of
 * populate_stages().  Uses only engine primitives, no exercise function,
 * so a benchmark of the dispatch exercise does not depend on the others.
 * KIT_EINVAL for nmodels == 0; KIT_ERANGE past reg_version_create()'s
 * limits (or reg_model_create()'s, for nmodels); KIT_ENOMEM.  On error the
 * registry may hold part of the versions. */
enum kit_status populate_registry(struct registry *r, size_t n,
                                  size_t nmodels, enum populate_order order,
                                  uint64_t seed, struct kit_error *err);

/* Adds windows * n versions as populate_registry() does, in windows of n
 * consecutive versions each holding exactly p (p <= n) in Production at
 * seeded random places, the others cycling through Staging, None and
 * Archived: the benchmarks that separate n from p.  KIT_EINVAL for p > n,
 * no windows or nmodels == 0; KIT_ERANGE as populate_registry();
 * KIT_ENOMEM.  On error the registry may hold part of the versions. */
enum kit_status populate_production(struct registry *r, size_t n, size_t p,
                                    size_t windows, size_t nmodels,
                                    uint64_t seed, struct kit_error *err);

#endif /* POPULATE_H */
