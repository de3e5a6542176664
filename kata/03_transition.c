/* Exercise 3: the transition rules.
 *
 * Goal:  implement transition_apply(), MLflow's
 *        transition_model_version_stage(name, version, stage,
 *        archive_existing_versions), on the kit's registry.
 * Quiz:  question 3, "client.transition_model_version_stage(name="my_model",
 *        version=2, stage="archived"): what happens?"  Version 2 moves to
 *        Archived.  It is NOT deleted: it is still in the registry and can
 *        move back to any stage.
 * Read:  include/transition.h (the order of the checks), include/registry.h
 *        ("changing stages": reg_version_find, reg_model_stage_view,
 *        reg_reserve_history, reg_set_stage, reg_conflict, reg_now),
 *        include/stage.h (stage_parse, stage_is_active).
 *
 * The order matters, because the first failure is the one reported:
 *   1. the stage (stage_parse) - even before the version is looked up;
 *   2. archive_existing with a target that is not Staging or Production;
 *   3. the version exists (reg_version_find writes MLflow's message);
 *   4. the one-per-stage policy, when reg_one_per_stage() is on: another
 *      version of the model already in the (active) target stage is a
 *      conflict, unless archive_existing will archive it;
 *   5. room in the history (reg_reserve_history) for every change.
 * Only then change anything, with ONE timestamp from reg_now(): with
 * archive_existing, every OTHER version of this model in the target stage
 * goes to Archived (cascade = true); then the version moves.  On any error
 * the registry is unchanged.
 *
 * True in MLflow: without the flag, two versions may share Production.
 * The one-per-stage policy is the kit's option (off by default).
 *
 * A trap: reg_set_stage() changes the stage index you may be walking (it
 * fills the hole with the list's last entry, and the count shrinks), so a
 * loop that re-reads the view as it goes skips versions.  Take the view
 * once and walk it backwards: each hole is then filled by an entry you
 * have visited, and every slot you read is below the count.  (Forwards
 * over the view taken once also reaches every version, but only because
 * the moved entry's old slot, past the new count, still holds it, which
 * nothing promises.)
 *
 * More traps the tests catch: a cascade run before the target is found (a
 * missing version must archive nothing); the target archived by its own
 * cascade when it is already in the target stage (skip it); the policy
 * counting other models' versions (it is one per stage per model); and
 * memory that runs out half-way (reserve the history for the whole
 * transition once, before the first change).
 *
 * Check your work:  make grade KATA=03     stuck?  make hint KATA=03
 */
#include "transition.h"

enum kit_status transition_apply(struct registry *r, const char *name,
                                 int64_t version, const char *stage,
                                 bool archive_existing, struct kit_error *err)
{
    (void)r;
    (void)name;
    (void)version;
    (void)stage;
    (void)archive_existing;
    /* TODO: checks 1-5, in this order. */
    /* TODO: one timestamp; the cascade (backwards); then the move. */
    return kit_error_set(err, KIT_ENOTIMPL,
                         "transition_apply: not implemented");
}
