#ifndef TRANSITION_H
#define TRANSITION_H

#include <stdbool.h>
#include <stdint.h>

#include "registry.h"

/* Exercise 3 (kata/03_transition.c): MLflow's
 * transition_model_version_stage(name, version, stage,
 * archive_existing_versions) on the kit's registry.  Checked in MLflow's
 * order, first failure wins:
 *   1. stage_parse(stage)                          KIT_EINVAL
 *   2. archive_existing with a non-active target   KIT_EINVAL "Model version
 *      transition cannot archive existing model versions because '<stage>'
 *      is not an Active stage. Valid stages are ['Staging', 'Production']"
 *      (MLflow's words; MLflow raises it without an error code, so it
 *      surfaces as INTERNAL_ERROR there: KIT_EINVAL is the kit's status)
 *   3. the version exists                          KIT_ENOTFOUND
 *   4. the one-per-stage policy, if on             KIT_ECONFLICT
 *      (the kit's own policy and message: MLflow has no such check)
 *   5. room in the history                         KIT_ENOMEM
 * Then, with ONE timestamp from reg_now(): with archive_existing, every
 * other version of the model in the target stage moves to Archived
 * (history marks them as cascade); then the version moves to the target.
 * On any error the registry is unchanged. */
enum kit_status transition_apply(struct registry *r, const char *name,
                                 int64_t version, const char *stage,
                                 bool archive_existing, struct kit_error *err);

#endif /* TRANSITION_H */
