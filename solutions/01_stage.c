/* Exercise 1, reference solution: stage names, purposes, parsing and the
 * predicates. */
#include <strings.h>

#include "stage.h"

static const char *const stage_names[STAGE_COUNT] = {
    [STAGE_NONE] = "None",
    [STAGE_STAGING] = "Staging",
    [STAGE_PRODUCTION] = "Production",
    [STAGE_ARCHIVED] = "Archived",
};

static const char *const stage_purposes[STAGE_COUNT] = {
    [STAGE_NONE] = "Registered, with no role yet: every new version starts "
                   "here.",
    [STAGE_STAGING] = "To test and validate a version before it goes live.",
    [STAGE_PRODUCTION] = "The live version that serves real traffic.",
    [STAGE_ARCHIVED] = "Retired but kept: archived is not deleted, and the "
                       "version can be moved back to any stage.",
};

static bool stage_valid(enum stage s)
{
    return (int)s >= 0 && s < STAGE_COUNT;
}

const char *stage_name(enum stage s)
{
    return stage_valid(s) ? stage_names[s] : "unknown";
}

const char *stage_purpose(enum stage s)
{
    return stage_valid(s) ? stage_purposes[s] : "unknown";
}

enum kit_status stage_parse(const char *raw, enum stage *out,
                            struct kit_error *err)
{
    if (raw[0] == '\0')
        return kit_error_set(err, KIT_EINVAL,
                             "The stage must not be an empty string.");
    for (int s = 0; s < STAGE_COUNT; s++) {
        if (strcasecmp(raw, stage_names[s]) == 0) {
            *out = (enum stage)s;
            return KIT_OK;
        }
    }
    return kit_error_set(err, KIT_EINVAL,
                         "Invalid Model Version stage: %s. Value must be one "
                         "of None, Staging, Production, Archived.",
                         raw);
}

bool stage_is_live(enum stage s)
{
    return s == STAGE_PRODUCTION;
}

bool stage_keeps_version(enum stage s)
{
    return stage_valid(s);
}
