/* modelreg's command line, parsed: what the quiz's command means, and the
 * click-style usage errors students meet in MLflow's own CLI.  No file is
 * touched here (see test_store.c for the commands run end to end). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli.h"
#include "prog.h"

#define MAX_ARGS 32

/* Splits a command line at spaces into a NULL-terminated argv; "''" is an
 * empty argument.  buf is modified. */
static int split(char *buf, char *argv[])
{
    int argc = 0;
    argv[argc++] = "modelreg";
    for (char *tok = strtok(buf, " "); tok && argc < MAX_ARGS;
         tok = strtok(NULL, " "))
        argv[argc++] = strcmp(tok, "''") == 0 ? tok + 2 : tok;
    argv[argc] = NULL;
    return argc;
}

/* Parses a command line given as one string. */
static enum kit_status parse(const char *line, struct cli_args *a,
                             struct cli_error *e)
{
    static char buf[1024];
    char *argv[MAX_ARGS + 1];
    snprintf(buf, sizeof buf, "%s", line);
    return cli_parse(split(buf, argv), argv, a, e);
}

/* Asserts that a command line is a usage error (exit 2) whose message is
 * exactly `msg`. */
static void assert_usage_error(const char *line, const char *msg)
{
    struct cli_args a;
    struct cli_error e;
    enum kit_status st = parse(line, &a, &e);
    if (st != KIT_EUSAGE)
        fail_msg("`modelreg %s` must be a usage error, got %s (%s)", line,
                 kit_status_name(st), e.err.msg);
    assert_int_equal(cli_exit_code(st), 2);
    assert_string_equal(e.err.msg, msg);
    assert_true(strncmp(e.usage, "Usage: modelreg", 15) == 0);
}

static void the_seeds_command_line_works_verbatim(void **state)
{
    (void)state;
    struct cli_args a;
    struct cli_error e;
    assert_int_equal(parse("models transition-version --model-name my_model "
                           "--version 3 --stage production",
                           &a, &e),
                     KIT_OK);
    assert_int_equal(a.action, CLI_RUN);
    assert_int_equal(a.command, CLI_TRANSITION_VERSION);
    assert_string_equal(a.tv.model_name, "my_model");
    assert_int_equal(a.tv.version, 3);
    assert_int_equal(a.tv.stage, STAGE_PRODUCTION);
    assert_string_equal(a.tv.stage_raw, "production"); /* as typed */
    assert_false(a.tv.archive_existing);
    assert_null(a.registry); /* the store decides: env, then ./registry.db */
}

static void a_missing_model_name_reads_as_in_click(void **state)
{
    (void)state;
    struct cli_args a;
    struct cli_error e;
    assert_usage_error("models transition-version --version 3 --stage "
                       "production",
                       "Missing option '--model-name'.");
    parse("models transition-version --version 3 --stage production", &a, &e);
    assert_string_equal(e.usage,
                        "Usage: modelreg models transition-version [OPTIONS]\n"
                        "Try 'modelreg models transition-version --help' for "
                        "help.");
}

static void typos_get_a_suggestion(void **state)
{
    (void)state;
    assert_usage_error("model transition-version --model-name m --version 1 "
                       "--stage staging",
                       "No such command 'model'. Did you mean 'models'?");
    assert_usage_error("models transition-version --model-name m "
                       "--model-version 1 --stage staging",
                       "No such option: --model-version Did you mean "
                       "--version?");
    assert_usage_error("models lst", "No such command 'lst'. Did you mean "
                                     "'list'?");
    assert_usage_error("models list --stag Staging",
                       "No such option: --stag Did you mean --stage?");
    assert_usage_error("--regstry r.db models list",
                       "No such option: --regstry Did you mean --registry?");
}

static void a_command_typo_is_reported_at_the_group_level(void **state)
{
    (void)state;
    struct cli_args a;
    struct cli_error e;
    parse("models lst", &a, &e);
    assert_true(strncmp(e.usage, "Usage: modelreg models [OPTIONS] COMMAND",
                        40) == 0);
    parse("model list", &a, &e);
    assert_true(strncmp(e.usage, "Usage: modelreg [OPTIONS] COMMAND", 33) ==
                0);
}

static void versions_must_be_64_bit_integers(void **state)
{
    (void)state;
    assert_usage_error("models get-version --model-name m --version three",
                       "Invalid value for '--version': Model version must "
                       "be an integer, got 'three'");
    assert_usage_error("models get-version --model-name m --version "
                       "9223372036854775808",
                       "Invalid value for '--version': Model version must "
                       "be an integer that fits in 64 bits, got "
                       "'9223372036854775808'");
    struct cli_args a;
    struct cli_error e;
    /* Zero and negatives are valid syntax: they end in "not found". */
    assert_int_equal(parse("models get-version --model-name m --version -1",
                           &a, &e),
                     KIT_OK);
    assert_int_equal(a.version, -1);
}

static void stages_go_through_stage_parse(void **state)
{
    (void)state;
    struct cli_args a;
    struct cli_error e;
    assert_int_equal(parse("models list --stage pROduction", &a, &e), KIT_OK);
    assert_true(a.has_stage);
    assert_int_equal(a.stage, STAGE_PRODUCTION);
    assert_usage_error("models list --stage prod",
                       "Invalid value for '--stage': Invalid Model Version "
                       "stage: prod. Value must be one of None, Staging, "
                       "Production, Archived.");
    assert_usage_error("models list --stage ''",
                       "Invalid value for '--stage': The stage must not be "
                       "an empty string.");
}

static void duplicated_flags_and_empty_values_are_refused(void **state)
{
    (void)state;
    assert_usage_error("models get-version --model-name a --model-name b "
                       "--version 1",
                       "Option '--model-name' was given more than once.");
    assert_usage_error("models create --model-name ''",
                       "Invalid value for '--model-name': Registered model "
                       "name cannot be empty.");
    assert_usage_error("models create --model-name",
                       "Option '--model-name' requires an argument.");
    assert_usage_error("--registry '' models list",
                       "Invalid value for '--registry': the path must not be "
                       "empty.");
}

static void json_is_an_option_of_reading_commands_only(void **state)
{
    (void)state;
    struct cli_args a;
    struct cli_error e;
    static const char *const readers[] = {
        "models get-version --model-name m --version 1 --json",
        "models list --json", "models history --json", "models dispatch --json"};
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
        assert_int_equal(parse(readers[i], &a, &e), KIT_OK);
        assert_true(a.json);
    }
    assert_usage_error("models create --model-name m --json",
                       "No such option: --json");
    assert_usage_error("models list --json=yes",
                       "Option '--json' does not take a value.");
}

static void the_policy_switch_takes_on_or_off(void **state)
{
    (void)state;
    struct cli_args a;
    struct cli_error e;
    assert_int_equal(parse("models set-policy --one-per-stage on", &a, &e),
                     KIT_OK);
    assert_true(a.one_per_stage);
    assert_int_equal(parse("models set-policy --one-per-stage=off", &a, &e),
                     KIT_OK);
    assert_false(a.one_per_stage);
    assert_usage_error("models set-policy --one-per-stage yes",
                       "Invalid value for '--one-per-stage': 'yes' is not "
                       "one of 'on', 'off'.");
    assert_usage_error("models set-policy",
                       "Missing option '--one-per-stage'.");
}

static void the_registry_option_comes_before_the_group(void **state)
{
    (void)state;
    struct cli_args a;
    struct cli_error e;
    assert_int_equal(parse("--registry class.db models list", &a, &e), KIT_OK);
    assert_string_equal(a.registry, "class.db");
    assert_int_equal(parse("--registry=x.db models dispatch", &a, &e), KIT_OK);
    assert_string_equal(a.registry, "x.db");
    assert_usage_error("--registry a.db --registry b.db models list",
                       "Option '--registry' was given more than once.");
}

static void help_and_version_are_answers_not_errors(void **state)
{
    (void)state;
    struct cli_args a;
    struct cli_error e;
    assert_int_equal(parse("", &a, &e), KIT_OK);
    assert_int_equal(a.action, CLI_NO_ARGS);
    assert_int_equal(parse("--help", &a, &e), KIT_OK);
    assert_int_equal(a.action, CLI_HELP_TOP);
    assert_int_equal(parse("--version", &a, &e), KIT_OK);
    assert_int_equal(a.action, CLI_SHOW_VERSION);
    assert_int_equal(parse("models", &a, &e), KIT_OK);
    assert_int_equal(a.action, CLI_HELP_GROUP);
    /* --help wins over anything else on the line, as in click. */
    assert_int_equal(parse("models transition-version --stage x --help", &a,
                           &e),
                     KIT_OK);
    assert_int_equal(a.action, CLI_HELP_COMMAND);
    assert_int_equal(a.command, CLI_TRANSITION_VERSION);
}

/* The help text, captured. */
static char *help_of(const char *line)
{
    struct cli_args a;
    struct cli_error e;
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(parse(line, &a, &e), KIT_OK);
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    cli_print_help(out, &a);
    fclose(out);
    return text;
}

static void the_help_says_this_is_not_an_mlflow_command(void **state)
{
    (void)state;
    char *top = help_of("--help");
    char *tv = help_of("models transition-version --help");
    assert_non_null(strstr(top, "not an MLflow CLI command"));
    assert_non_null(strstr(top, "transition_model_version_stage"));
    assert_non_null(strstr(tv, "MLflow itself has"));
    assert_non_null(strstr(tv, "--archive-existing-versions"));
    free(top);
    free(tv);
}

static void every_command_has_help(void **state)
{
    (void)state;
    char line[64], usage[96];
    for (int c = 0; c < CLI_NCOMMANDS; c++) {
        const char *name = cli_command_name((enum cli_command)c);
        const char *group = c == CLI_CHECK ? "" : "models "; /* top level */
        snprintf(line, sizeof line, "%s%s --help", group, name);
        snprintf(usage, sizeof usage, "Usage: modelreg %s%s [OPTIONS]", group,
                 name);
        char *text = help_of(line);
        if (strstr(text, usage) == NULL)
            fail_msg("`modelreg %s` must start with \"%s\"", line, usage);
        free(text);
    }
    assert_string_equal(cli_command_name(CLI_NCOMMANDS), "unknown");
}

static void alias_commands_read_mlflows_arguments(void **state)
{
    (void)state;
    struct cli_args a;
    struct cli_error e;
    assert_int_equal(parse("models set-alias --model-name m --alias champion "
                           "--version 3", &a, &e),
                     KIT_OK);
    assert_int_equal(a.command, CLI_SET_ALIAS);
    assert_string_equal(a.alias, "champion");
    assert_int_equal(a.version, 3);
    /* Missing options in MLflow's order: name, alias, version. */
    assert_usage_error("models set-alias --version 3",
                       "Missing option '--model-name'.");
    assert_usage_error("models set-alias --model-name m --version 3",
                       "Missing option '--alias'.");
    assert_usage_error("models set-alias --model-name m --alias a",
                       "Missing option '--version'.");
    assert_usage_error("models set-alias --model-name m --alias a-b.c "
                       "--version 1",
                       "Invalid value for '--alias': Invalid alias name: "
                       "'a-b.c'. Names may only contain alphanumerics, "
                       "underscores (_), and dashes (-).");
    assert_usage_error("models delete-alias --model-name m --alias Latest",
                       "Invalid value for '--alias': 'latest' alias name "
                       "(case insensitive) is reserved.");
    assert_int_equal(parse("models delete-alias --model-name m --alias 123",
                           &a, &e),
                     KIT_OK); /* digits alone are a legal alias */
}

static void get_version_takes_a_version_or_an_alias(void **state)
{
    (void)state;
    struct cli_args a;
    struct cli_error e;
    assert_int_equal(parse("models get-version --model-name m --alias "
                           "champion --json", &a, &e),
                     KIT_OK);
    assert_string_equal(a.alias, "champion");
    assert_false(a.has_version);
    assert_int_equal(parse("models get-version --model-name m --version 2",
                           &a, &e),
                     KIT_OK);
    assert_null(a.alias);
    assert_usage_error("models get-version --model-name m",
                       "Missing option '--version' or '--alias'.");
    assert_usage_error("models get-version --model-name m --alias a "
                       "--version 1",
                       "Options '--version' and '--alias' cannot be used "
                       "together.");
    assert_usage_error("models get-version --alias a",
                       "Missing option '--model-name'.");
}

static void resolve_takes_one_uri(void **state)
{
    (void)state;
    struct cli_args a;
    struct cli_error e;
    assert_int_equal(parse("models resolve models:/m@champion --json", &a, &e),
                     KIT_OK);
    assert_int_equal(a.command, CLI_RESOLVE);
    assert_string_equal(a.uri, "models:/m@champion");
    /* The parser does not judge the URI: exercise 7 does. */
    assert_int_equal(parse("models resolve nonsense", &a, &e), KIT_OK);
    assert_usage_error("models resolve", "Missing argument 'URI'.");
    parse("models resolve", &a, &e);
    assert_string_equal(e.usage, "Usage: modelreg models resolve [OPTIONS] "
                                 "URI\nTry 'modelreg models resolve --help' "
                                 "for help.");
    assert_usage_error("models resolve a b",
                       "Got unexpected extra argument (b)");
    assert_int_equal(parse("models migrate-stages --dry-run", &a, &e), KIT_OK);
    assert_true(a.dry_run);
}

static void the_alias_help_says_mlflow_has_no_alias_command(void **state)
{
    (void)state;
    char *set = help_of("models set-alias --help");
    char *del = help_of("models delete-alias --help");
    char *mig = help_of("models migrate-stages --help");
    assert_non_null(strstr(set, "set_registered_model_alias"));
    assert_non_null(strstr(set, "CLI has no alias command"));
    assert_non_null(strstr(del, "CLI has no\n  alias command"));
    assert_non_null(strstr(mig, "common\n  convention, not MLflow's guide"));
    free(set);
    free(del);
    free(mig);
}

static void a_failed_parse_leaves_the_result_untouched(void **state)
{
    (void)state;
    struct cli_args a, before;
    struct cli_error e;
    memset(&a, 0x5a, sizeof a);
    before = a;
    assert_int_equal(parse("models transition-version --stage x", &a, &e),
                     KIT_EUSAGE);
    assert_memory_equal(&a, &before, sizeof a);
}

static void exit_codes_separate_usage_from_registry_errors(void **state)
{
    (void)state;
    assert_int_equal(cli_exit_code(KIT_OK), 0);
    assert_int_equal(cli_exit_code(KIT_EUSAGE), 2);
    assert_int_equal(cli_exit_code(KIT_ENOTFOUND), 1);
    assert_int_equal(cli_exit_code(KIT_ECONFLICT), 1);
    assert_int_equal(cli_exit_code(KIT_ESTORE), 1);
    assert_int_equal(cli_exit_code(KIT_ENOMEM), PROG_EXIT_NOMEM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_seeds_command_line_works_verbatim),
        cmocka_unit_test(a_missing_model_name_reads_as_in_click),
        cmocka_unit_test(typos_get_a_suggestion),
        cmocka_unit_test(a_command_typo_is_reported_at_the_group_level),
        cmocka_unit_test(versions_must_be_64_bit_integers),
        cmocka_unit_test(stages_go_through_stage_parse),
        cmocka_unit_test(duplicated_flags_and_empty_values_are_refused),
        cmocka_unit_test(json_is_an_option_of_reading_commands_only),
        cmocka_unit_test(the_policy_switch_takes_on_or_off),
        cmocka_unit_test(the_registry_option_comes_before_the_group),
        cmocka_unit_test(help_and_version_are_answers_not_errors),
        cmocka_unit_test(the_help_says_this_is_not_an_mlflow_command),
        cmocka_unit_test(every_command_has_help),
        cmocka_unit_test(alias_commands_read_mlflows_arguments),
        cmocka_unit_test(get_version_takes_a_version_or_an_alias),
        cmocka_unit_test(resolve_takes_one_uri),
        cmocka_unit_test(the_alias_help_says_mlflow_has_no_alias_command),
        cmocka_unit_test(a_failed_parse_leaves_the_result_untouched),
        cmocka_unit_test(exit_codes_separate_usage_from_registry_errors),
    };
    return cmocka_run_group_tests_name("modelreg command line", tests, NULL,
                                       NULL);
}
