/* modelreg's command line: from argv to a struct cli_args, in click's
 * words.  Pure: no file, no global, no output (the fuzz target drives it). */
#include "cli.h"

#include <string.h>

#include "opts.h"
#include "prog.h"
#include "registry.h"
#include "utf8.h"

/* The options of the kit's own commands (transition-version has its own
 * parser, exercise 2). */
enum cli_opt {
    OPT_MODEL_NAME,
    OPT_ALIAS, /* before --version: MLflow's order (name, alias, version) */
    OPT_VERSION,
    OPT_STAGE,
    OPT_ONE_PER_STAGE,
    OPT_JSON,
    OPT_DRY_RUN,
    OPT_HELP,
    OPT_COUNT
};

#define BIT(o) (1u << (o))

static const struct opts_spec cli_opts[OPT_COUNT] = {
    [OPT_MODEL_NAME] = {"--model-name", true},
    [OPT_ALIAS] = {"--alias", true},
    [OPT_VERSION] = {"--version", true},
    [OPT_STAGE] = {"--stage", true},
    [OPT_ONE_PER_STAGE] = {"--one-per-stage", true},
    [OPT_JSON] = {"--json", false},
    [OPT_DRY_RUN] = {"--dry-run", false},
    [OPT_HELP] = {"--help", false},
};

struct cli_command_info {
    const char *name;
    unsigned allowed;  /* BIT(opt) for each option the command takes */
    unsigned required; /* checked in enum order, as click does */
    enum cli_opt one_of[2]; /* exactly one of these two is required;
                               {0, 0} (twice the same) for none */
    const char *argument; /* the metavar of a required argument, or NULL */
};

#define NAME_ALIAS_VERSION (BIT(OPT_MODEL_NAME) | BIT(OPT_ALIAS) | \
                            BIT(OPT_VERSION))

/* The last two fields of a command without an either-or pair or an
 * argument. */
#define PLAIN {0, 0}, NULL

static const struct cli_command_info cli_commands[CLI_NCOMMANDS] = {
    [CLI_CREATE] = {"create", BIT(OPT_MODEL_NAME), BIT(OPT_MODEL_NAME),
                    PLAIN},
    [CLI_CREATE_VERSION] = {"create-version", BIT(OPT_MODEL_NAME),
                            BIT(OPT_MODEL_NAME), PLAIN},
    [CLI_TRANSITION_VERSION] = {"transition-version", 0, 0, PLAIN},
    [CLI_GET_VERSION] = {"get-version", NAME_ALIAS_VERSION | BIT(OPT_JSON),
                         BIT(OPT_MODEL_NAME), {OPT_VERSION, OPT_ALIAS},
                         NULL},
    [CLI_LIST] = {"list", BIT(OPT_MODEL_NAME) | BIT(OPT_STAGE) | BIT(OPT_JSON),
                  0, PLAIN},
    [CLI_DELETE_VERSION] = {"delete-version",
                            BIT(OPT_MODEL_NAME) | BIT(OPT_VERSION),
                            BIT(OPT_MODEL_NAME) | BIT(OPT_VERSION), PLAIN},
    [CLI_HISTORY] = {"history", BIT(OPT_MODEL_NAME) | BIT(OPT_JSON), 0,
                     PLAIN},
    [CLI_DISPATCH] = {"dispatch", BIT(OPT_JSON), 0, PLAIN},
    [CLI_DEMO] = {"demo", 0, 0, PLAIN},
    [CLI_SET_POLICY] = {"set-policy", BIT(OPT_ONE_PER_STAGE),
                        BIT(OPT_ONE_PER_STAGE), PLAIN},
    [CLI_SET_ALIAS] = {"set-alias", NAME_ALIAS_VERSION, NAME_ALIAS_VERSION,
                       PLAIN},
    [CLI_DELETE_ALIAS] = {"delete-alias",
                          BIT(OPT_MODEL_NAME) | BIT(OPT_ALIAS),
                          BIT(OPT_MODEL_NAME) | BIT(OPT_ALIAS), PLAIN},
    [CLI_RESOLVE] = {"resolve", BIT(OPT_JSON), 0, {0, 0}, "URI"},
    [CLI_MIGRATE_STAGES] = {"migrate-stages", BIT(OPT_DRY_RUN), 0, PLAIN},
    [CLI_CHECK] = {"check", 0, 0, PLAIN},
};

#undef PLAIN

const char *cli_command_name(enum cli_command c)
{
    if ((int)c < 0 || c >= CLI_NCOMMANDS)
        return "unknown";
    return cli_commands[c].name;
}

/* --- errors -------------------------------------------------------------- */

static enum kit_status cli_usage_at(struct cli_error *e, const char *cmd)
{
    const char *arg = NULL;
    for (int c = 0; cmd != NULL && c < CLI_NCOMMANDS; c++)
        if (strcmp(cmd, cli_commands[c].name) == 0)
            arg = cli_commands[c].argument;
    if (cmd == NULL)
        snprintf(e->usage, sizeof e->usage,
                 "Usage: modelreg [OPTIONS] COMMAND [ARGS]...\n"
                 "Try 'modelreg --help' for help.");
    else if (cmd[0] == '\0')
        snprintf(e->usage, sizeof e->usage,
                 "Usage: modelreg models [OPTIONS] COMMAND [ARGS]...\n"
                 "Try 'modelreg models --help' for help.");
    else
        snprintf(e->usage, sizeof e->usage,
                 "Usage: modelreg models %s [OPTIONS]%s%s\n"
                 "Try 'modelreg models %s --help' for help.",
                 cmd, arg ? " " : "", arg ? arg : "", cmd);
    return e->err.status;
}

/* --- the top level: modelreg [--registry PATH] [--version] [--help] ----- */

enum cli_global { GLOBAL_REGISTRY, GLOBAL_VERSION, GLOBAL_HELP, GLOBALS };

static const struct opts_spec cli_globals[GLOBALS] = {
    [GLOBAL_REGISTRY] = {"--registry", true},
    [GLOBAL_VERSION] = {"--version", false},
    [GLOBAL_HELP] = {"--help", false},
};

/* Reads the global options before the group word; *i ends on the first
 * non-option.  Sets out->action for --help (which wins) and --version. */
static enum kit_status cli_parse_global(int argc, char *const argv[], int *i,
                                        struct cli_args *out,
                                        struct kit_error *err)
{
    struct opts_seen seen;
    int next;
    enum kit_status st = opts_scan_prefix(argc - *i, argv + *i, cli_globals,
                                          GLOBALS, &seen, &next, err);
    if (st != KIT_OK)
        return st;
    *i += next;
    out->registry = seen.value[GLOBAL_REGISTRY];
    if (out->registry != NULL && out->registry[0] == '\0')
        return kit_error_set(err, KIT_EUSAGE,
                             "Invalid value for '--registry': the path must "
                             "not be empty.");
    if (seen.present[GLOBAL_HELP])
        out->action = CLI_HELP_TOP;
    else if (seen.present[GLOBAL_VERSION])
        out->action = CLI_SHOW_VERSION;
    return KIT_OK;
}

/* --- the kit's own commands ---------------------------------------------- */

static enum kit_status cli_convert_choice(const char *value, bool *out,
                                          struct kit_error *err)
{
    if (strcmp(value, "on") == 0 || strcmp(value, "off") == 0) {
        *out = strcmp(value, "on") == 0;
        return KIT_OK;
    }
    return kit_error_set(err, KIT_EUSAGE,
                         "Invalid value for '--one-per-stage': '%s' is not "
                         "one of 'on', 'off'.",
                         value);
}

/* The kit's own rule for two options of which exactly one is required
 * (get-version's --version and --alias): click has no such check. */
static enum kit_status cli_check_one_of(const struct opts_seen *seen,
                                        const enum cli_opt one_of[2],
                                        struct kit_error *err)
{
    const char *a = cli_opts[one_of[0]].flag, *b = cli_opts[one_of[1]].flag;
    int given = seen->present[one_of[0]] + seen->present[one_of[1]];
    if (one_of[0] == one_of[1] || given == 1)
        return KIT_OK;
    if (given == 0)
        return kit_error_set(err, KIT_EUSAGE, "Missing option '%s' or '%s'.",
                             a, b);
    return kit_error_set(err, KIT_EUSAGE,
                         "Options '%s' and '%s' cannot be used together.", a,
                         b);
}

/* A new model's name must print as it reads: valid UTF-8 with no control
 * character (C0, DEL or C1).  Names already stored are not refused, only
 * escaped on a terminal. */
static enum kit_status cli_check_new_name(const char *name,
                                          struct kit_error *err)
{
    const unsigned char *u = (const unsigned char *)name;
    size_t n = strlen(name);
    for (size_t i = 0; i < n;) {
        size_t len = utf8_seq_len(u + i, n - i);
        if (len == 0)
            return kit_error_set(err, KIT_EINVAL,
                                 "Registered model name is not valid UTF-8 "
                                 "(byte %zu).", i + 1);
        bool c1 = len == 2 && u[i] == 0xC2 && u[i + 1] < 0xA0;
        if (u[i] < 0x20 || u[i] == 0x7F || c1)
            return kit_error_set(err, KIT_EINVAL,
                                 "Registered model name must not hold a "
                                 "control character (byte %zu).", i + 1);
        i += len;
    }
    return KIT_OK;
}

/* Converts the values the scan found, first the missing options and then
 * the invalid ones, each in declaration order (as tvargs_parse() does). */
static enum kit_status cli_convert(const struct opts_seen *seen,
                                   const struct cli_command_info *info,
                                   struct cli_args *a, struct kit_error *err)
{
    for (int o = 0; o < OPT_COUNT; o++)
        if ((info->required & BIT(o)) && !seen->present[o])
            return kit_error_set(err, KIT_EUSAGE, "Missing option '%s'.",
                                 cli_opts[o].flag);
    if (cli_check_one_of(seen, info->one_of, err) != KIT_OK)
        return KIT_EUSAGE;
    a->model_name = seen->value[OPT_MODEL_NAME];
    if (seen->present[OPT_MODEL_NAME] &&
        reg_check_name(a->model_name, err) != KIT_OK)
        return opts_invalid(err, "--model-name");
    if (info == &cli_commands[CLI_CREATE] &&
        cli_check_new_name(a->model_name, err) != KIT_OK)
        return opts_invalid(err, "--model-name");
    a->alias = seen->value[OPT_ALIAS];
    if (seen->present[OPT_ALIAS] && reg_check_alias(a->alias, err) != KIT_OK)
        return opts_invalid(err, "--alias");
    a->has_version = seen->present[OPT_VERSION];
    if (a->has_version &&
        reg_parse_version(seen->value[OPT_VERSION], &a->version, err) != KIT_OK)
        return opts_invalid(err, "--version");
    a->has_stage = seen->present[OPT_STAGE];
    if (a->has_stage &&
        stage_parse(seen->value[OPT_STAGE], &a->stage, err) != KIT_OK)
        return opts_invalid(err, "--stage");
    a->json = seen->present[OPT_JSON];
    a->dry_run = seen->present[OPT_DRY_RUN];
    if (seen->present[OPT_ONE_PER_STAGE])
        return cli_convert_choice(seen->value[OPT_ONE_PER_STAGE],
                                  &a->one_per_stage, err);
    return KIT_OK;
}

static enum kit_status cli_parse_options(int argc, char *const argv[],
                                         const struct cli_command_info *info,
                                         struct cli_args *a,
                                         struct kit_error *err)
{
    struct opts_seen seen;
    const char *arg = NULL;
    enum kit_status st = opts_scan(argc, argv, cli_opts, OPT_COUNT,
                                   info->allowed | BIT(OPT_HELP), &seen,
                                   info->argument ? &arg : NULL, err);
    if (st != KIT_OK)
        return st;
    st = cli_convert(&seen, info, a, err);
    if (st == KIT_OK && info->argument != NULL && arg == NULL)
        return kit_error_set(err, KIT_EUSAGE, "Missing argument '%s'.",
                             info->argument);
    a->uri = arg;
    return st;
}

/* transition-version: exercise 2's parser, given argv from "models" on.
 * A student's parser that claims success without filling in the fields
 * gets a clear message instead of a crash later. */
static enum kit_status cli_parse_transition(int argc, char *const argv[],
                                            struct cli_args *a,
                                            struct kit_error *err)
{
    struct tvargs tv = {NULL, NULL, STAGE_NONE, 0, false};
    kit_error_clear(err);
    enum kit_status st = tvargs_parse(argc, argv, &tv, err);
    if (st == KIT_OK && (tv.model_name == NULL || tv.stage_raw == NULL))
        return kit_error_set(err, KIT_ENOTIMPL,
                             "tvargs_parse() returned success without the "
                             "model name or the stage: see exercise 2, "
                             "kata/02_tvargs.c");
    if (st == KIT_OK) {
        a->tv = tv;
        return KIT_OK;
    }
    if (err->msg[0] == '\0')
        kit_error_set(err, st, "tvargs_parse() failed (%s) without a message:"
                               " see exercise 2, kata/02_tvargs.c",
                      kit_strerror(st));
    err->status = st;
    return st;
}

/* True when "--help" is one of the command's arguments: click handles it
 * before anything else. */
static bool cli_wants_help(int argc, char *const argv[])
{
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0)
            return true;
    return false;
}

static enum kit_status cli_find_command(const char *word,
                                        enum cli_command *out,
                                        struct kit_error *err)
{
    const char *names[CLI_NCOMMANDS];
    for (int c = 0; c < CLI_CHECK; c++) { /* check is not under models */
        names[c] = cli_commands[c].name;
        if (strcmp(word, names[c]) == 0) {
            *out = (enum cli_command)c;
            return KIT_OK;
        }
    }
    return opts_no_such_command(err, word, names, CLI_CHECK);
}

/* `check [--help]`: argv[0] is "check". */
static enum kit_status cli_parse_check(int argc, char *const argv[],
                                       struct cli_args *a, struct cli_error *e)
{
    a->command = CLI_CHECK;
    if (cli_wants_help(argc - 1, argv + 1)) {
        a->action = CLI_HELP_COMMAND;
        return KIT_OK;
    }
    if (cli_parse_options(argc - 1, argv + 1, &cli_commands[CLI_CHECK], a,
                          &e->err) != KIT_OK)
        return cli_usage_at(e, NULL);
    return KIT_OK;
}

/* `models <command> ...`: argv[0] is "models". */
static enum kit_status cli_parse_group(int argc, char *const argv[],
                                       struct cli_args *a,
                                       struct cli_error *e)
{
    static const char *const group[] = {"models", "check"};
    if (strcmp(argv[0], group[1]) == 0)
        return cli_parse_check(argc, argv, a, e);
    if (strcmp(argv[0], group[0]) != 0) {
        opts_no_such_command(&e->err, argv[0], group, 2);
        return cli_usage_at(e, NULL);
    }
    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        a->action = CLI_HELP_GROUP;
        return KIT_OK;
    }
    if (cli_find_command(argv[1], &a->command, &e->err) != KIT_OK)
        return cli_usage_at(e, "");
    if (cli_wants_help(argc - 2, argv + 2)) {
        a->action = CLI_HELP_COMMAND;
        return KIT_OK;
    }
    enum kit_status st =
        a->command == CLI_TRANSITION_VERSION
            ? cli_parse_transition(argc, argv, a, &e->err)
            : cli_parse_options(argc - 2, argv + 2, &cli_commands[a->command],
                                a, &e->err);
    if (st != KIT_OK)
        return cli_usage_at(e, cli_commands[a->command].name);
    return KIT_OK;
}

enum kit_status cli_parse(int argc, char *const argv[], struct cli_args *out,
                          struct cli_error *e)
{
    struct cli_args a;
    memset(&a, 0, sizeof a);
    a.action = CLI_RUN;
    kit_error_clear(&e->err);
    e->usage[0] = '\0';
    int i = 1;
    if (cli_parse_global(argc, argv, &i, &a, &e->err) != KIT_OK)
        return cli_usage_at(e, NULL);
    if (argc <= 1)
        a.action = CLI_NO_ARGS;
    else if (a.action == CLI_RUN && i >= argc)
        a.action = CLI_HELP_TOP;
    if (a.action == CLI_RUN && cli_parse_group(argc - i, argv + i, &a, e) !=
                                   KIT_OK)
        return e->err.status;
    *out = a;
    return KIT_OK;
}

int cli_exit_code(enum kit_status st)
{
    return prog_exit_status(st, CLI_EXIT_REGISTRY);
}
