#ifndef CLI_H
#define CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "stage.h"
#include "prog.h"
#include "status.h"
#include "tvargs.h"

/*
 * modelreg: the kit's command line over a SQLite registry.
 *
 *     modelreg [--registry PATH] models <command> [options]
 *
 * `models transition-version` is the kit's command, modelled on MLflow's
 * MlflowClient.transition_model_version_stage(); MLflow has no such CLI
 * command.  Nor has it alias commands: set-alias, delete-alias and
 * get-version --alias are modelled on set_registered_model_alias(),
 * delete_registered_model_alias() and get_model_version_by_alias();
 * resolve runs exercise 7's alias_resolve() on a models:/ URI.  The CLI never re-implements an exercise: transition-version is
 * parsed by tvargs_parse() and applied by transition_apply(), dispatch runs
 * dispatch_all(), stages go through stage_parse().  Usage errors exit 2
 * (click style), registry errors exit 1 with MLflow's messages, out of
 * memory PROG_EXIT_NOMEM (include/prog.h).
 *
 * Two layers: cli_parse() turns argv into a request and touches nothing
 * (the fuzz target drives it); cli_main() opens the store and runs it.
 */

#define CLI_VERSION KIT_VERSION

enum cli_command {
    CLI_CREATE,
    CLI_CREATE_VERSION,
    CLI_TRANSITION_VERSION,
    CLI_GET_VERSION,
    CLI_LIST,
    CLI_DELETE_VERSION,
    CLI_HISTORY,
    CLI_DISPATCH,
    CLI_DEMO,
    CLI_SET_POLICY,
    CLI_SET_ALIAS,
    CLI_DELETE_ALIAS,
    CLI_RESOLVE,
    CLI_MIGRATE_STAGES,
    CLI_CHECK, /* `modelreg check`: a top-level command, not under models */
    CLI_NCOMMANDS
};

/* What the command line asks for. */
enum cli_action {
    CLI_RUN,         /* run args.command */
    CLI_HELP_TOP,    /* `modelreg --help` */
    CLI_NO_ARGS,     /* `modelreg` alone: the help on stderr, exit 2, as
                        click 8.2's NoArgsIsHelpError (a UsageError) */
    CLI_HELP_GROUP,  /* `modelreg models [--help]` */
    CLI_HELP_COMMAND,/* `modelreg models <command> --help` */
    CLI_SHOW_VERSION /* `modelreg --version` */
};

/* A parsed command line.  Strings point into argv. */
struct cli_args {
    enum cli_action action;
    enum cli_command command;
    const char *registry;   /* --registry, NULL when absent */
    const char *model_name; /* NULL when absent */
    const char *alias;      /* --alias, checked by reg_check_alias(); NULL
                               when absent */
    const char *uri;        /* resolve's argument (not checked: the
                               exercise's alias_resolve() does that) */
    int64_t version;
    bool has_version;
    enum stage stage;
    bool has_stage;         /* list --stage */
    bool archive_existing;
    bool json;
    bool one_per_stage;     /* set-policy --one-per-stage on|off */
    bool dry_run;           /* migrate-stages --dry-run */
    struct tvargs tv;       /* transition-version, from tvargs_parse() */
};

/* A usage error: the detail (err.msg, printed after "Error: ") and the
 * click-style usage lines for the level the error was found at. */
#define CLI_USAGE_MAX 256
struct cli_error {
    struct kit_error err;
    char usage[CLI_USAGE_MAX];
};

/* Parses argv[1..argc) (argv[0] is the program name).  Touches no file and
 * no global.  On success fills *out and returns KIT_OK.  Errors:
 * KIT_EUSAGE with click's wording (exit 2); KIT_ENOTIMPL or another status
 * when a linked exercise function is unfinished or misbehaves (exit 1).
 * *out is written only on success; err may not be NULL. */
enum kit_status cli_parse(int argc, char *const argv[], struct cli_args *out,
                          struct cli_error *err);

/* The name of a command ("transition-version"); "unknown" outside the
 * enum. */
const char *cli_command_name(enum cli_command c);

/* Prints the help text that a CLI_HELP_*, CLI_NO_ARGS or CLI_SHOW_VERSION
 * request asks for to out. */
void cli_print_help(FILE *out, const struct cli_args *a);

/* The whole program: parses, opens the registry (args --registry, else
 * env_registry when non-NULL and non-empty, else ./registry.db), runs the
 * command in one transaction, prints results to out and errors to errout.
 * Returns the exit status: cli_exit_code() of how it ended. */
int cli_main(int argc, char *argv[], const char *env_registry, FILE *out,
             FILE *errout);

/* modelreg's exit status for a registry or store error. */
#define CLI_EXIT_REGISTRY 1

/* The exit status for a status code: prog_exit_status()'s (0 for KIT_OK,
 * 2 for KIT_EUSAGE, PROG_EXIT_NOMEM for KIT_ENOMEM), CLI_EXIT_REGISTRY
 * for everything else. */
int cli_exit_code(enum kit_status st);

#endif /* CLI_H */
