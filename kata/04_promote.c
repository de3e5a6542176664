/* Exercise 4: replace the Production version.  (Stub.)  Read
 * include/promote.h. */
#include "promote.h"

enum reg_status promote_in_order(struct registry *r, const char *name,
                                 int64_t old_version, int64_t new_version,
                                 struct reg_error *err)
{
    (void)r;
    (void)name;
    (void)old_version;
    (void)new_version;
    /* TODO: check first, then archive the old, then promote the new */
    return reg_error_set(err, REG_ENOTIMPL,
                         "promote_in_order: not implemented");
}

enum reg_status promote_atomic(struct registry *r, const char *name,
                               int64_t new_version, struct reg_error *err)
{
    (void)r;
    (void)name;
    (void)new_version;
    /* TODO: one transition with archive_existing_versions */
    return reg_error_set(err, REG_ENOTIMPL, "promote_atomic: not implemented");
}
