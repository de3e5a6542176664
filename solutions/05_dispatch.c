/* Exercise 5, reference solution: the seed's dispatch loop. */
#include "dispatch.h"

/* The seed's if/elif/else as data: a table indexed by stage. */
static const enum dispatch_action dispatch_table[STAGE_COUNT] = {
    [STAGE_NONE] = DISPATCH_ARCHIVE,
    [STAGE_STAGING] = DISPATCH_TEST,
    [STAGE_PRODUCTION] = DISPATCH_DEPLOY,
    [STAGE_ARCHIVED] = DISPATCH_ARCHIVE,
};

enum dispatch_action dispatch_action_for(enum stage s)
{
    if ((int)s < 0 || s >= STAGE_COUNT)
        return DISPATCH_ARCHIVE;
    return dispatch_table[s];
}

void dispatch_all(const struct reg_version *versions, size_t n,
                  const struct dispatch_actions *a,
                  struct dispatch_counts *out)
{
    struct dispatch_counts c = {{0}};
    for (size_t i = 0; i < n; i++) {
        enum dispatch_action act = dispatch_action_for(versions[i].stage);
        c.count[act]++;
        a->on[act](a->ctx, &versions[i]);
    }
    *out = c;
}
