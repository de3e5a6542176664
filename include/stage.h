#ifndef STAGE_H
#define STAGE_H

#include <stdbool.h>

#include "status.h"

/*
 * The four MLflow model-version stages (exercise 1 implements the parsing,
 * names and purposes; see kata/01_stage.c).
 */
enum stage {
    STAGE_NONE,
    STAGE_STAGING,
    STAGE_PRODUCTION,
    STAGE_ARCHIVED,
    STAGE_COUNT
};

/* Exercise 1.  Parses a stage name case-insensitively ("pROduction" is
 * Production); white space is not trimmed.  On success writes *out and
 * returns REG_OK.  On error returns REG_EINVAL with MLflow's message in err
 * ("The stage must not be an empty string." or "Invalid Model Version stage:
 * <raw>. Value must be one of None, Staging, Production, Archived.") and
 * leaves *out untouched.  raw must not be NULL. */
enum reg_status stage_parse(const char *raw, enum stage *out,
                            struct reg_error *err);

/* Exercise 1.  The canonical name ("None", "Staging", "Production",
 * "Archived"); "unknown" for a value outside the enum.  Never NULL. */
const char *stage_name(enum stage s);

/* Exercise 1.  One sentence on what the stage is for (Staging: testing and
 * validation before going live; Archived: kept, not deleted).  "unknown"
 * outside the enum.  Never NULL. */
const char *stage_purpose(enum stage s);

/* True for the active stages, Staging and Production: the only targets for
 * which archive_existing_versions is allowed. */
bool stage_is_active(enum stage s);

#endif /* STAGE_H */
