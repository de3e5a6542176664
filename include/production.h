#ifndef PRODUCTION_H
#define PRODUCTION_H

#include <stddef.h>

#include "dispatch.h"
#include "registry.h"

/* Exercise 6 (kata/06_production.c): the seed's follow-up, "what if we only
 * processed models in the production stage?" */

/* The filtered scan: checks every one of versions[0..n) (O(n) checks) and
 * calls deploy(ctx, v) for the Production ones (O(p) actions).  Returns the
 * number deployed.  With n == 0, versions may be NULL (index it: NULL + 0
 * is undefined in C). */
size_t production_scan(const struct reg_version *versions, size_t n,
                       dispatch_fn *deploy, void *ctx);

/* Through the stage index: calls deploy(ctx, v) for each version of the
 * view (from reg_stage_view(r, STAGE_PRODUCTION)), touching nothing else:
 * O(p).  Returns the number deployed. */
size_t production_indexed(const struct reg_view *production,
                          dispatch_fn *deploy, void *ctx);

#endif /* PRODUCTION_H */
