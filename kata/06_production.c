/* Exercise 6: production-only processing.  (Stub.)  Read
 * include/production.h. */
#include "production.h"

size_t production_scan(const struct reg_version *versions, size_t n,
                       dispatch_fn *deploy, void *ctx)
{
    (void)versions;
    (void)n;
    (void)deploy;
    (void)ctx;
    return 0; /* TODO: check every version, deploy the Production ones */
}

size_t production_indexed(const struct reg_view *production,
                          dispatch_fn *deploy, void *ctx)
{
    (void)production;
    (void)deploy;
    (void)ctx;
    return 0; /* TODO: walk the index only */
}
