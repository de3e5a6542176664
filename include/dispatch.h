#ifndef DISPATCH_H
#define DISPATCH_H

#include <stddef.h>

#include "registry.h"

/*
 * The seed's loop (exercise 5, kata/05_dispatch.c):
 *     for model in models: production -> deploy, staging -> test,
 *                          otherwise -> archive
 * The actions are pluggable: function pointers plus a context.
 */

enum dispatch_action {
    DISPATCH_DEPLOY,
    DISPATCH_TEST,
    DISPATCH_ARCHIVE,
    DISPATCH_ACTIONS
};

typedef void dispatch_fn(void *ctx, const struct reg_version *v);

/* on[a] is called for every version whose stage maps to action a.  All
 * three must be non-NULL. */
struct dispatch_actions {
    dispatch_fn *on[DISPATCH_ACTIONS];
    void *ctx;
};

struct dispatch_counts {
    size_t count[DISPATCH_ACTIONS];
};

/* Exercise 5.  The action the seed's loop takes for a stage: Production ->
 * deploy, Staging -> test, None and Archived (and anything else) ->
 * archive. */
enum dispatch_action dispatch_action_for(enum stage s);

/* Exercise 5.  Visits versions[0..n) once each, in array order, calls the
 * action for its stage and counts it; *out is overwritten with the counts
 * (their sum is n).  n == 0 is fine, and then versions may be NULL: do
 * no arithmetic on it (NULL + 0 is undefined in C, and UBSan says so),
 * index it instead. */
void dispatch_all(const struct reg_version *versions, size_t n,
                  const struct dispatch_actions *a,
                  struct dispatch_counts *out);

/* "deploy", "test", "archive"; "unknown" outside the enum.  Never NULL; a
 * static string. */
const char *dispatch_action_name(enum dispatch_action a);

#endif /* DISPATCH_H */
