/* Exercise 1: what each stage means, and reading stage names.
 *
 * Goal:  implement stage_name(), stage_purpose(), stage_parse() and the
 *        two predicates stage_is_live() and stage_keeps_version() as
 *        include/stage.h describes them.
 * Quiz:  question 1, "What is the purpose of the Staging stage?"  Staging
 *        is where a version is tested and validated before it goes live.
 *        Production is the live version; Archived is retired but KEPT
 *        (archiving is not deleting: the version is still listed and can
 *        move back to any stage); None is where every new version starts.
 * Read:  include/stage.h (the contract), include/status.h (kit_error_set).
 *
 * The rules stage_parse() follows (MLflow's, from two of its layers):
 *   - case-insensitive: "production", "PRODUCTION" and "pROduction" all
 *     mean Production (strcasecmp() from <strings.h> compares that way);
 *   - no trimming, no abbreviations and nothing after the name:
 *     " Production", "Staging\n", "prod" and "Productionx" are invalid;
 *   - "" has its own message, the one MLflow's CLIENT gives: "The stage
 *     must not be an empty string.";
 *   - anything else, "   " included, gets the message MLflow's STORE
 *     gives: "Invalid Model Version stage: <raw>. Value must be one of
 *     None, Staging, Production, Archived."
 *   - on error, *out is left untouched.
 * The split is the kit's: MLflow's client checks stage.strip() == "", so
 * real MLflow calls "   " empty too, and a raw "" sent to its store gets
 * the invalid-stage message.
 *
 * The predicates say in code what the purposes say in words:
 *   - live: which stage serves real traffic?  Is a version in Staging
 *     live yet?  (Staging and Production are both "active" in MLflow's
 *     words - the engine's stage_is_active() - but only one is live.)
 *   - keeps the version: does any stage delete it?  Think of Archived.
 *   Outside the enum each predicate is false: that is not a stage.
 *
 * Style: the mapping is data, so write it as tables indexed by the enum
 * (designated initialisers), and check the bounds before indexing.
 *
 * Check your work:  make grade KATA=01     stuck?  make hint KATA=01
 */
#include <strings.h>

#include "stage.h"

/* TODO: the canonical names, e.g. [STAGE_NONE] = "None", ... */
static const char *const stage_names[STAGE_COUNT] = {
    [STAGE_NONE] = "TODO",
};

/* TODO: one sentence per stage on what it is for. */
static const char *const stage_purposes[STAGE_COUNT] = {
    [STAGE_NONE] = "TODO",
};

const char *stage_name(enum stage s)
{
    (void)s;
    (void)stage_names;
    /* TODO: the name from the table; "unknown" outside the enum. */
    return "TODO";
}

const char *stage_purpose(enum stage s)
{
    (void)s;
    (void)stage_purposes;
    /* TODO: the purpose from the table; "unknown" outside the enum. */
    return "TODO";
}

enum kit_status stage_parse(const char *raw, enum stage *out,
                            struct kit_error *err)
{
    (void)raw;
    (void)out;
    /* TODO: the empty string first, then compare raw with each name,
     * ignoring case; write *out only on a match. */
    return kit_error_set(err, KIT_ENOTIMPL, "stage_parse: not implemented");
}

bool stage_is_live(enum stage s)
{
    (void)s;
    /* TODO: true for the one stage that serves real traffic. */
    return false;
}

bool stage_keeps_version(enum stage s)
{
    (void)s;
    /* TODO: which stages keep the version?  Outside the enum: false. */
    return false;
}
