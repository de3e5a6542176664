#ifndef STAGE_H
#define STAGE_H

#include <stdbool.h>

#include "status.h"

/*
 * The four MLflow model-version stages (exercise 1 implements the parsing,
 * names, purposes and two predicates; see kata/01_stage.c).
 */
enum stage {
    STAGE_NONE,
    STAGE_STAGING,
    STAGE_PRODUCTION,
    STAGE_ARCHIVED,
    STAGE_COUNT
};

/* Exercise 1.  Parses a stage name case-insensitively ("pROduction" is
 * Production): all of raw must be one name, nothing trimmed or ignored
 * (" Production", "Staging\n" and "Stag" are invalid).  On success writes
 * *out and returns KIT_OK.  On error returns KIT_EINVAL, leaves *out
 * untouched and puts one of two MLflow messages, from two layers, in err:
 *   - "" gets the message of MLflow's client
 *     (ModelRegistryClient.transition_model_version_stage): "The stage
 *     must not be an empty string.";
 *   - anything else that is no stage, "   " included, gets the message of
 *     MLflow's store (get_canonical_stage): "Invalid Model Version stage:
 *     <raw>. Value must be one of None, Staging, Production, Archived."
 * That split is the kit's rule.  MLflow's client checks stage.strip(), so
 * it gives "   " the empty-string message; a raw "" sent to MLflow's store
 * gets the invalid-stage one.  raw must not be NULL. */
enum kit_status stage_parse(const char *raw, enum stage *out,
                            struct kit_error *err);

/* Exercise 1.  The canonical name ("None", "Staging", "Production",
 * "Archived"); "unknown" for a value outside the enum.  Never NULL; a
 * static string, valid for the program's life. */
const char *stage_name(enum stage s);

/* Exercise 1.  One sentence on what the stage is for (Staging: testing and
 * validation before going live; Archived: kept, not deleted).  "unknown"
 * outside the enum.  Never NULL; a static string. */
const char *stage_purpose(enum stage s);

/* True for MLflow's active stages, Staging and Production: the only
 * targets for which archive_existing_versions is allowed.  False for None,
 * Archived and outside the enum.  (The engine's, not an exercise.) */
bool stage_is_active(enum stage s);

/* Exercise 1.  True only for Production, the stage that serves real
 * traffic: Staging is active but not yet live.  False outside the enum. */
bool stage_is_live(enum stage s);

/* Exercise 1.  True for every stage, Archived too: no stage deletes a
 * version (an archived one is still listed and can move to any stage).
 * False outside the enum, which is no stage at all. */
bool stage_keeps_version(enum stage s);

#endif /* STAGE_H */
