/* Exercise 2, reference solution: the `models transition-version` command
 * line, with click-style usage errors. */
#include <string.h>

#include "registry.h"
#include "suggest.h"
#include "tvargs.h"

enum tv_opt { TV_MODEL_NAME, TV_VERSION, TV_STAGE, TV_ARCHIVE, TV_NOPTS };

static const char *const tv_flags[TV_NOPTS] = {
    [TV_MODEL_NAME] = "--model-name",
    [TV_VERSION] = "--version",
    [TV_STAGE] = "--stage",
    [TV_ARCHIVE] = "--archive-existing-versions",
};

/* What the scan found: the value of each option, NULL when absent. */
struct tv_seen {
    const char *value[TV_NOPTS];
    bool present[TV_NOPTS];
};

static enum reg_status tv_usage(struct reg_error *err, const char *what,
                                const char *word, const char *suggestion)
{
    if (suggestion == NULL)
        return reg_error_set(err, REG_EUSAGE, "%s%s", what, word);
    return reg_error_set(err, REG_EUSAGE, "%s%s Did you mean %s?", what,
                         word, suggestion);
}

static enum reg_status tv_check_command(int argc, char *const argv[],
                                        struct reg_error *err)
{
    static const char *const group[] = {"models"};
    static const char *const command[] = {"transition-version"};
    if (argc < 2)
        return reg_error_set(err, REG_EUSAGE, "Missing command.");
    if (strcmp(argv[0], group[0]) != 0)
        return reg_error_set(err, REG_EUSAGE,
                             "No such command '%s'.%s", argv[0],
                             suggest_closest(argv[0], group, 1)
                                 ? " Did you mean 'models'?" : "");
    if (strcmp(argv[1], command[0]) != 0)
        return reg_error_set(err, REG_EUSAGE,
                             "No such command '%s'.%s", argv[1],
                             suggest_closest(argv[1], command, 1)
                                 ? " Did you mean 'transition-version'?"
                                 : "");
    return REG_OK;
}

/* The option named by arg (up to '=' if any), or TV_NOPTS. */
static enum tv_opt tv_lookup(const char *arg, size_t len)
{
    for (int o = 0; o < TV_NOPTS; o++)
        if (strlen(tv_flags[o]) == len && strncmp(arg, tv_flags[o], len) == 0)
            return (enum tv_opt)o;
    return TV_NOPTS;
}

static enum reg_status tv_unknown(const char *arg, size_t len,
                                  struct reg_error *err)
{
    char word[128];
    if (len >= sizeof word)
        len = sizeof word - 1;
    memcpy(word, arg, len);
    word[len] = '\0';
    return tv_usage(err, "No such option: ", word,
                    suggest_closest(word, tv_flags, TV_NOPTS));
}

/* Reads one option at argv[*i], advancing *i past its value. */
static enum reg_status tv_scan_one(int argc, char *const argv[], int *i,
                                   struct tv_seen *seen, struct reg_error *err)
{
    const char *arg = argv[*i];
    if (strncmp(arg, "--", 2) != 0)
        return reg_error_set(err, REG_EUSAGE,
                             "Got unexpected extra argument (%s)", arg);
    const char *eq = strchr(arg, '=');
    size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
    enum tv_opt o = tv_lookup(arg, len);
    if (o == TV_NOPTS)
        return tv_unknown(arg, len, err);
    if (seen->present[o])
        return reg_error_set(err, REG_EUSAGE,
                             "Option '%s' was given more than once.",
                             tv_flags[o]);
    seen->present[o] = true;
    if (o == TV_ARCHIVE)
        return eq ? reg_error_set(err, REG_EUSAGE,
                                  "Option '%s' does not take a value.",
                                  tv_flags[o])
                  : REG_OK;
    if (eq != NULL)
        seen->value[o] = eq + 1;
    else if (*i + 1 < argc && strncmp(argv[*i + 1], "--", 2) != 0)
        seen->value[o] = argv[++*i];
    else
        return reg_error_set(err, REG_EUSAGE,
                             "Option '%s' requires an argument.",
                             tv_flags[o]);
    return REG_OK;
}

/* Prefixes err's message with click's "Invalid value for '<opt>': ". */
static enum reg_status tv_invalid(struct reg_error *err, enum tv_opt o)
{
    struct reg_error inner = *err;
    return reg_error_set(err, REG_EUSAGE, "Invalid value for '%s': %s",
                         tv_flags[o], inner.msg);
}

/* Checks the three required options in declaration order, as click does:
 * the first one missing or invalid is the one reported. */
static enum reg_status tv_convert(const struct tv_seen *seen,
                                  struct tvargs *out, struct reg_error *err)
{
    for (int o = TV_MODEL_NAME; o <= TV_STAGE; o++)
        if (!seen->present[o])
            return reg_error_set(err, REG_EUSAGE, "Missing option '%s'.",
                                 tv_flags[o]);
    struct reg_error local = {0};
    struct reg_error *e = err ? err : &local;
    if (reg_check_name(seen->value[TV_MODEL_NAME], e) != REG_OK)
        return tv_invalid(e, TV_MODEL_NAME);
    if (reg_parse_version(seen->value[TV_VERSION], &out->version, e) != REG_OK)
        return tv_invalid(e, TV_VERSION);
    if (stage_parse(seen->value[TV_STAGE], &out->stage, e) != REG_OK)
        return tv_invalid(e, TV_STAGE);
    out->model_name = seen->value[TV_MODEL_NAME];
    out->stage_raw = seen->value[TV_STAGE];
    out->archive_existing = seen->present[TV_ARCHIVE];
    return REG_OK;
}

enum reg_status tvargs_parse(int argc, char *const argv[], struct tvargs *out,
                             struct reg_error *err)
{
    struct tv_seen seen = {{NULL}, {false}};
    enum reg_status st = tv_check_command(argc, argv, err);
    for (int i = 2; st == REG_OK && i < argc; i++)
        st = tv_scan_one(argc, argv, &i, &seen, err);
    if (st != REG_OK)
        return st;
    struct tvargs parsed;
    st = tv_convert(&seen, &parsed, err);
    if (st == REG_OK)
        *out = parsed;
    return st;
}
