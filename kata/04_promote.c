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
 * What each order really does in MLflow.  A loader asks for
 * models:/name/Production, and MLflow resolves that to the HIGHEST VERSION
 * NUMBER in Production.  Promote v2 first: for a moment v1 and v2 are both
 * in Production, and the loader already gets v2, so it is never left
 * without a model.  Archive v1 first: until v2 is promoted NO version is in
 * Production, and loading fails in that window.  So for a loader the
 * seed's answer (archive, then promote) is the riskier order.  "Promoting
 * before archiving causes a stage conflict" is true only under the kit's
 * one-version-per-active-stage policy (reg_set_one_per_stage), which many
 * teams enforce: MLflow lets two versions sit in Production.  The right
 * tool is one call: archive_existing_versions=True (promote_atomic()),
 * atomic in MLflow's SQL store (one transaction; the file store archives
 * version by version), or, since MLflow 2.9, moving an alias such as
 * "champion" from v1 to v2, which is one atomic upsert.  The kit keeps the
 * seed's answer and its order, and this exercise implements both.
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

enum kit_status promote_in_order(struct registry *r, const char *name,
                                 int64_t old_version, int64_t new_version,
                                 struct kit_error *err)
{
    (void)r;
    (void)name;
    (void)old_version;
    (void)new_version;
    /* TODO: check both versions and the policy first. */
    /* TODO: then archive the old, then promote the new. */
    return kit_error_set(err, KIT_ENOTIMPL,
                         "promote_in_order: not implemented");
}

enum kit_status promote_atomic(struct registry *r, const char *name,
                               int64_t new_version, struct kit_error *err)
{
    (void)r;
    (void)name;
    (void)new_version;
    /* TODO: ONE transition to Production with archive_existing. */
    return kit_error_set(err, KIT_ENOTIMPL, "promote_atomic: not implemented");
}
