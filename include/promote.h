#ifndef PROMOTE_H
#define PROMOTE_H

#include <stdint.h>

#include "registry.h"

/* Exercise 4 (kata/04_promote.c): replace the Production version of a
 * model, the seed's quiz question 5. */

/* Archives old_version (from whatever stage it is in), then promotes
 * new_version to Production: two transitions, in the order that never
 * breaks the kit's one-per-stage policy (in MLflow, which has no such
 * policy, this order leaves a moment with no Production version).
 * Everything that could make the second step fail is checked before the
 * first: both versions exist (KIT_ENOTFOUND), under the policy no
 * Production version of the model other than old_version and new_version
 * exists (KIT_ECONFLICT), and there is room for two history entries
 * (KIT_ENOMEM).  On error the registry is unchanged. */
enum kit_status promote_in_order(struct registry *r, const char *name,
                                 int64_t old_version, int64_t new_version,
                                 struct kit_error *err);

/* The one-call form: new_version to Production with
 * archive_existing_versions, so that every other Production version of the
 * model is archived at the same instant and in one transaction, as
 * MLflow's SQL store does it (its file store archives version by version,
 * and a missing target leaves the others archived).  Errors as
 * transition_apply(). */
enum kit_status promote_atomic(struct registry *r, const char *name,
                               int64_t new_version, struct kit_error *err);

#endif /* PROMOTE_H */
