/* Exercise 4: replace the Production version.
 *
 * Goal:  implement promote_in_order() and promote_atomic() as
 *        include/promote.h describes them.
 * Quiz:  question 5, "v1 is in Production, v2 in Staging.  Promote v2 and
 *        archive v1: which sequence?"  Archive v1 first, then promote v2.
 *        Archive the OLD Production version (v1), not the staging one.
 * Read:  include/promote.h, include/transition.h (you call
 *        transition_apply() from exercise 3), include/registry.h.
 *
 * What is true, and where the quiz overstates it: "promoting the new
 * version before archiving the old causes a stage conflict" is not MLflow
 * behaviour - MLflow lets two versions sit in Production.  It is true under
 * the one-version-per-active-stage policy many teams enforce, which the kit
 * offers (reg_set_one_per_stage).  The two-call form also leaves a moment
 * with zero Production versions; MLflow's one-call answer is
 * archive_existing_versions=True: promote_atomic().
 *
 * promote_in_order() must not fail half-way: check everything the second
 * step needs BEFORE the first step (both versions exist; under the policy,
 * no Production version of this model other than old_version and
 * new_version), reserve history for two changes, then archive the old
 * (whatever its stage), then promote the new.
 *
 * Check your work:  make grade KATA=04     stuck?  make hint KATA=04
 */
#include "promote.h"

#include "transition.h"

enum reg_status promote_in_order(struct registry *r, const char *name,
                                 int64_t old_version, int64_t new_version,
                                 struct reg_error *err)
{
    (void)r;
    (void)name;
    (void)old_version;
    (void)new_version;
    /* TODO: check both versions and the policy first. */
    /* TODO: then archive the old, then promote the new. */
    return reg_error_set(err, REG_ENOTIMPL,
                         "promote_in_order: not implemented");
}

enum reg_status promote_atomic(struct registry *r, const char *name,
                               int64_t new_version, struct reg_error *err)
{
    (void)r;
    (void)name;
    (void)new_version;
    /* TODO: ONE transition to Production with archive_existing. */
    return reg_error_set(err, REG_ENOTIMPL, "promote_atomic: not implemented");
}
