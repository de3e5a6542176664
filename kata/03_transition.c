/* Exercise 3: the transition rules.  (Stub.)  Read include/transition.h
 * and include/registry.h. */
#include "transition.h"

enum reg_status transition_apply(struct registry *r, const char *name,
                                 int64_t version, const char *stage,
                                 bool archive_existing, struct reg_error *err)
{
    (void)r;
    (void)name;
    (void)version;
    (void)stage;
    (void)archive_existing;
    /* TODO: MLflow's order of checks, then the cascade, then the move */
    return reg_error_set(err, REG_ENOTIMPL,
                         "transition_apply: not implemented");
}
