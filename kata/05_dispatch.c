/* Exercise 5: the dispatch loop.  (Stub.)  Read include/dispatch.h. */
#include "dispatch.h"

enum dispatch_action dispatch_action_for(enum stage s)
{
    (void)s;
    return DISPATCH_ARCHIVE; /* TODO: Production -> deploy, Staging -> test */
}

void dispatch_all(const struct reg_version *versions, size_t n,
                  const struct dispatch_actions *a,
                  struct dispatch_counts *out)
{
    (void)versions;
    (void)n;
    (void)a;
    /* TODO: visit every version once and call its action */
    *out = (struct dispatch_counts){{0}};
}
