/* Exercise 6, reference solution: production-only processing. */
#include "production.h"

size_t production_scan(const struct reg_version *versions, size_t n,
                       dispatch_fn *deploy, void *ctx)
{
    size_t deployed = 0;
    for (size_t i = 0; i < n; i++) {
        if (versions[i].stage == STAGE_PRODUCTION) {
            deploy(ctx, &versions[i]);
            deployed++;
        }
    }
    return deployed;
}

size_t production_indexed(const struct reg_view *production,
                          dispatch_fn *deploy, void *ctx)
{
    for (size_t i = 0; i < production->count; i++)
        deploy(ctx, &production->versions[production->pos[i]]);
    return production->count;
}
