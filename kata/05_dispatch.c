/* Exercise 5: the seed's dispatch loop.
 *
 * Goal:  implement dispatch_action_for() and dispatch_all() as
 *        include/dispatch.h describes them.
 * Quiz:  the complexity question.  The seed's loop
 *            for model in models:
 *                if model.stage == "production": deploy(model)
 *                elif model.stage == "staging":  test(model)
 *                else:                           archive(model)
 *        visits every model once, so 10, 100, 1000 models take 10, 100,
 *        1000 actions: O(n).  Checking one stage is O(1); checking all of
 *        them is not ("checking stages takes constant time no matter how
 *        many models" is the quiz's wrong answer).
 *        And the seed's best bug: it compares with "production", but
 *        MLflow stores and returns the canonical "Production" (it matches
 *        case-insensitively only when you move a version).  Ported as
 *        written, neither test ever matches and the loop ARCHIVES EVERY
 *        MODEL, the live ones too (quiz question 12).  Dispatching on the
 *        enum, as here, makes that spelling mistake impossible.
 * Read:  include/dispatch.h, include/registry.h (struct reg_version).
 *
 * The tests count calls: every version exactly once, in array order, with
 * the action of its stage; none skipped, none twice, nothing past the end.
 * It is one call per array ELEMENT: an array that holds the same version
 * twice dispatches it twice.  A stage outside the enum (STAGE_COUNT, a
 * negative value) is archived.  *out is overwritten with the counts (their
 * sum is n).  One test has n = 300000: the grader stops it after 2 s, so a
 * loop that does O(n) work per version (O(n^2) in all) fails.  Your loop
 * is also what `make IMPL=kata` builds into the demo and the benchmarks.
 *
 * Style: the if/elif/else is a mapping, so write it as a table indexed by
 * stage (with a bounds check), and call a->on[action](a->ctx, v).
 *
 * Check your work:  make grade KATA=05     stuck?  make hint KATA=05
 */
#include "dispatch.h"

enum dispatch_action dispatch_action_for(enum stage s)
{
    (void)s;
    /* TODO: Production -> deploy, Staging -> test, anything else ->
     * archive. */
    return DISPATCH_ARCHIVE;
}

void dispatch_all(const struct reg_version *versions, size_t n,
                  const struct dispatch_actions *a,
                  struct dispatch_counts *out)
{
    (void)versions;
    (void)n;
    (void)a;
    /* TODO: visit versions[0..n) once each: find the action, count it,
     * call it. */
    *out = (struct dispatch_counts){{0}};
}
