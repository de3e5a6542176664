/* Exercise 2: the `models transition-version` command line.  (Stub.)
 * Read include/tvargs.h. */
#include "tvargs.h"

enum reg_status tvargs_parse(int argc, char *const argv[], struct tvargs *out,
                             struct reg_error *err)
{
    (void)argc;
    (void)argv;
    (void)out;
    /* TODO: check the command words, scan the options, report the first
     * missing one */
    return reg_error_set(err, REG_ENOTIMPL, "tvargs_parse: not implemented");
}
