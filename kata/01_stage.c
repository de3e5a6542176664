/* Exercise 1: stage names, purposes and parsing.  (Stub: the lesson text
 * comes with the graded exercises.)  Read include/stage.h. */
#include "stage.h"

const char *stage_name(enum stage s)
{
    (void)s;
    return "TODO"; /* TODO: the canonical name */
}

const char *stage_purpose(enum stage s)
{
    (void)s;
    return "TODO"; /* TODO: what the stage is for */
}

enum reg_status stage_parse(const char *raw, enum stage *out,
                            struct reg_error *err)
{
    (void)raw;
    (void)out;
    /* TODO: case-insensitive match against the four names */
    return reg_error_set(err, REG_ENOTIMPL, "stage_parse: not implemented");
}
