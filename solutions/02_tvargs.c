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
static enum reg_status tv_check_command(int argc, char *const argv[],
                                        struct reg_error *err)
{
    static const char *const group[] = {"models"};
    static const char *const command[] = {"transition-version"};
    if (argc < 2)
        return reg_error_set(err, REG_EUSAGE, "Missing command.");
    if (strcmp(argv[0], group[0]) != 0)
        return opts_no_such_command(err, argv[0], group, 1);
    if (strcmp(argv[1], command[0]) != 0)
        return opts_no_such_command(err, argv[1], command, 1);
    return REG_OK;
}

/* Checks the three required options in declaration order, as click does:
 * the first one missing is reported, then the first invalid value. */
static enum reg_status tv_convert(const struct opts_seen *seen,
                                  struct tvargs *out, struct reg_error *err)
{
    for (int o = TV_MODEL_NAME; o <= TV_STAGE; o++)
        if (!seen->present[o])
            return reg_error_set(err, REG_EUSAGE, "Missing option '%s'.",
                                 tv_spec[o].flag);
    if (reg_check_name(seen->value[TV_MODEL_NAME], err) != REG_OK)
        return opts_invalid(err, tv_spec[TV_MODEL_NAME].flag);
    if (reg_parse_version(seen->value[TV_VERSION], &out->version, err) !=
        REG_OK)
        return opts_invalid(err, tv_spec[TV_VERSION].flag);
    if (stage_parse(seen->value[TV_STAGE], &out->stage, err) != REG_OK)
        return opts_invalid(err, tv_spec[TV_STAGE].flag);
    out->model_name = seen->value[TV_MODEL_NAME];
    out->stage_raw = seen->value[TV_STAGE];
    out->archive_existing = seen->present[TV_ARCHIVE];
    return REG_OK;
}

enum reg_status tvargs_parse(int argc, char *const argv[], struct tvargs *out,
                             struct reg_error *err)
{
    struct reg_error local;
    struct reg_error *e = err ? err : &local; /* opts_invalid needs one */
    struct opts_seen seen;
    struct tvargs parsed;
    enum reg_status st = tv_check_command(argc, argv, e);
    if (st == REG_OK)
        st = opts_scan(argc - 2, argv + 2, tv_spec, TV_NOPTS, OPTS_ALL, &seen,
                       NULL, e);
    if (st == REG_OK)
        st = tv_convert(&seen, &parsed, e);
    if (st == REG_OK)
        *out = parsed;
    return st;
}
