/* Exercise 7: aliases - load by URI, and promote the challenger.
 *
 * Goal:  implement alias_resolve() and alias_promote_challenger() as
 *        include/alias.h describes them.
 * Quiz:  question 11, "What is the status of model stages in MLflow
 *        today?"  Deprecated since 2.9 in favour of aliases, each naming
 *        exactly one version: this exercise is what that means in code.
 * Read:  include/alias.h, the alias section of include/registry.h
 *        (reg_alias_get, reg_alias_set, reg_alias_delete,
 *        reg_alias_reserve), include/stage.h (stage_parse, exercise 1).
 *
 * What MLflow does.  Since 2.9, MLflow deprecates stages
 * (transition_model_version_stage) in favour of aliases: a registered
 * model maps each alias to exactly one version, a version may carry
 * several, and set_registered_model_alias() is an upsert, so moving
 * `champion` from v1 to v2 is ONE atomic change.  With stages, "archive v1,
 * then promote v2" (quiz question 5) left a moment when
 * models:/m/Production found no version; with an alias there is no such
 * moment, and a loader asks for models:/m@champion instead.  Stages were
 * fixed (four of them, one meaning each); aliases are names a team
 * chooses.  MLflow's migration guide suggests `champion` for Production;
 * `challenger`, the candidate of an A/B test, is a common convention, not
 * MLflow's guide.
 *
 * Part 1, alias_resolve(): split the URI after "models:/".  With a '/', the
 * part after it is a version (digits only), 'latest' (any case) or a stage;
 * without one, split at the LAST '@' (a model name may contain '@').  A
 * stage resolves to the HIGHEST version number in that stage, not the one
 * moved there last.  Everything else gets MLflow's long "Not a proper
 * models:/ URI" message.  Copy the name before you look it up (the engine
 * wants a whole string), and free the copy on every path.
 *
 * Part 2, alias_promote_challenger(): champion moves to the challenger's
 * version and the challenger is removed, all or nothing.  Two engine calls
 * can each run out of memory: make sure the second cannot fail once the
 * first has happened (what does reg_alias_reserve promise?).
 *
 * Check your work:  make grade KATA=07     stuck?  make hint KATA=07
 */
#include "alias.h"

#include <stdlib.h>
#include <string.h>

#include "stage.h"

enum kit_status alias_resolve(const struct registry *r, const char *uri,
                              int64_t *number, struct kit_error *err)
{
    (void)r;
    (void)uri;
    (void)number;
    /* TODO: "models:/", then name/<digits|latest|stage> or name@alias. */
    return kit_error_set(err, KIT_ENOTIMPL, "alias_resolve: not implemented");
}

enum kit_status alias_promote_challenger(struct registry *r, const char *name,
                                         int64_t *champion,
                                         struct kit_error *err)
{
    (void)r;
    (void)name;
    (void)champion;
    /* TODO: find the challenger, reserve, move champion, drop challenger. */
    return kit_error_set(err, KIT_ENOTIMPL,
                         "alias_promote_challenger: not implemented");
}
