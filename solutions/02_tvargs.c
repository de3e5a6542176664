/* Exercise 2, reference solution: the `models transition-version` command
 * line, with click-style usage errors.  The scanning of `--opt value`
 * words is the engine's (opts_scan); the grammar of this command is here. */
#include <string.h>

#include "opts.h"
#include "registry.h"
#include "tvargs.h"

enum tv_opt { TV_MODEL_NAME, TV_VERSION, TV_STAGE, TV_ARCHIVE, TV_NOPTS };

static const struct opts_spec tv_spec[TV_NOPTS] = {
    [TV_MODEL_NAME] = {"--model-name", true},
    [TV_VERSION] = {"--version", true},
    [TV_STAGE] = {"--stage", true},
    [TV_ARCHIVE] = {"--archive-existing-versions", false},
};

/* argv[0] must be "models" and argv[1] "transition-version". */
static enum kit_status tv_check_command(int argc, char *const argv[],
                                        struct kit_error *err)
{
    static const char *const group[] = {"models"};
    static const char *const command[] = {"transition-version"};
    if (argc < 2)
        return kit_error_set(err, KIT_EUSAGE, "Missing command.");
    if (strcmp(argv[0], group[0]) != 0)
        return opts_no_such_command(err, argv[0], group, 1);
    if (strcmp(argv[1], command[0]) != 0)
        return opts_no_such_command(err, argv[1], command, 1);
    return KIT_OK;
}

/* Checks the three required options in declaration order, as click does:
 * the first one missing is reported, then the first invalid value. */
static enum kit_status tv_convert(const struct opts_seen *seen,
                                  struct tvargs *out, struct kit_error *err)
{
    for (int o = TV_MODEL_NAME; o <= TV_STAGE; o++)
        if (!seen->present[o])
            return kit_error_set(err, KIT_EUSAGE, "Missing option '%s'.",
                                 tv_spec[o].flag);
    if (reg_check_name(seen->value[TV_MODEL_NAME], err) != KIT_OK)
        return opts_invalid(err, tv_spec[TV_MODEL_NAME].flag);
    if (reg_parse_version(seen->value[TV_VERSION], &out->version, err) !=
        KIT_OK)
        return opts_invalid(err, tv_spec[TV_VERSION].flag);
    if (stage_parse(seen->value[TV_STAGE], &out->stage, err) != KIT_OK)
        return opts_invalid(err, tv_spec[TV_STAGE].flag);
    out->model_name = seen->value[TV_MODEL_NAME];
    out->stage_raw = seen->value[TV_STAGE];
    out->archive_existing = seen->present[TV_ARCHIVE];
    return KIT_OK;
}

enum kit_status tvargs_parse(int argc, char *const argv[], struct tvargs *out,
                             struct kit_error *err)
{
    struct kit_error local;
    struct kit_error *e = err ? err : &local; /* opts_invalid needs one */
    struct opts_seen seen;
    struct tvargs parsed;
    enum kit_status st = tv_check_command(argc, argv, e);
    if (st == KIT_OK)
        st = opts_scan(argc - 2, argv + 2, tv_spec, TV_NOPTS, OPTS_ALL, &seen,
                       NULL, e);
    if (st == KIT_OK)
        st = tv_convert(&seen, &parsed, e);
    if (st == KIT_OK)
        *out = parsed;
    return st;
}
