/* Exercise 2 (kata/02_tvargs.c): the `models transition-version` command
 * line of quiz questions 2 and 4.  (The kit's command, modelled on MLflow's
 * transition_model_version_stage(); MLflow has no such CLI command.) */
#include "lesson.h"
#include "tvargs.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Parses a command line that must be refused, and checks the message. */
#define expect_usage(argv, want, why) \
    expect_usage_(ARGC(argv), argv, want, why)

static struct tvargs untouched(void)
{
    struct tvargs t = {"untouched", "untouched", STAGE_COUNT, -42, true};
    return t;
}

static void expect_usage_(int argc, char *const argv[], const char *want,
                          const char *why)
{
    struct tvargs out = untouched();
    struct reg_error err = {REG_OK, ""};
    enum reg_status st = tvargs_parse(argc, argv, &out, &err);
    lesson_expect(st == REG_EUSAGE,
                  "tvargs_parse returned %s; expected REG_EUSAGE for a bad "
                  "command line (%s)",
                  reg_status_name(st), why);
    lesson_expect(strcmp(err.msg, want) == 0,
                  "message \"%s\"; expected \"%s\" (%s)", err.msg, want, why);
    lesson_expect(out.version == -42 && strcmp(out.model_name, "untouched") == 0,
                  "tvargs_parse failed but wrote *out: on error the output "
                  "must be left untouched");
}

static struct tvargs expect_ok_(int argc, char *const argv[])
{
    struct tvargs out = untouched();
    struct reg_error err = {REG_OK, ""};
    enum reg_status st = tvargs_parse(argc, argv, &out, &err);
    lesson_expect(st == REG_OK,
                  "tvargs_parse refused a valid command line: %s \"%s\"",
                  reg_status_name(st), err.msg);
    return out;
}
#define expect_ok(argv) expect_ok_(ARGC(argv), argv)

static void the_seeds_command_line_parses(void **state)
{
    (void)state;
    char *argv[] = {"models", "transition-version", "--model-name",
                    "my_model", "--version", "3", "--stage", "production"};
    struct tvargs t = expect_ok(argv);
    lesson_expect(t.model_name != NULL && strcmp(t.model_name, "my_model") == 0,
                  "model_name is \"%s\"; expected \"my_model\"",
                  t.model_name ? t.model_name : "(null)");
    lesson_expect(t.version == 3, "version is %lld; expected 3: \"3\" on "
                                  "the command line is the number 3",
                  (long long)t.version);
    lesson_expect(t.stage == STAGE_PRODUCTION,
                  "stage is %d; expected STAGE_PRODUCTION: \"production\" "
                  "is Production in any case",
                  (int)t.stage);
    lesson_expect(t.stage_raw != NULL && strcmp(t.stage_raw, "production") == 0,
                  "stage_raw must keep the stage as typed (\"production\"), "
                  "for MLflow's messages");
    lesson_expect(!t.archive_existing,
                  "archive_existing must be false without "
                  "--archive-existing-versions");
}

static void options_come_in_any_order_and_with_equals(void **state)
{
    (void)state;
    char *argv[] = {"models", "transition-version", "--stage=Staging",
                    "--archive-existing-versions", "--version=12",
                    "--model-name", "fraud"};
    struct tvargs t = expect_ok(argv);
    lesson_expect(t.stage == STAGE_STAGING && t.version == 12 &&
                      strcmp(t.model_name, "fraud") == 0,
                  "--stage=Staging --version=12 --model-name fraud must give "
                  "Staging, 12, \"fraud\": options may come in any order, as "
                  "`--opt value` or `--opt=value`");
    lesson_expect(t.archive_existing,
                  "--archive-existing-versions must set archive_existing");
}

static void model_is_not_models(void **state)
{
    (void)state;
    char *argv[] = {"model", "transition-version", "--model-name", "m",
                    "--version", "3", "--stage", "production"};
    expect_usage(argv, "No such command 'model'. Did you mean 'models'?",
                 "the command group is `models`, plural");
}

static void model_version_is_not_a_flag(void **state)
{
    (void)state;
    char *argv[] = {"models", "transition-version", "--model-name", "m",
                    "--model-version", "3", "--stage", "production"};
    expect_usage(argv, "No such option: --model-version Did you mean "
                       "--version?",
                 "the flag is --version; --model-version does not exist");
}

static void the_missing_model_name_is_named(void **state)
{
    (void)state;
    /* Quiz question 4's command line. */
    char *argv[] = {"models", "transition-version", "--version", "5",
                    "--stage", "production"};
    expect_usage(argv, "Missing option '--model-name'.",
                 "quiz question 4: the error names the missing flag");
}

static void the_missing_version_and_stage_are_named(void **state)
{
    (void)state;
    char *no_version[] = {"models", "transition-version", "--model-name", "m",
                          "--stage", "production"};
    expect_usage(no_version, "Missing option '--version'.",
                 "--version is required");
    char *no_stage[] = {"models", "transition-version", "--model-name", "m",
                        "--version", "5"};
    expect_usage(no_stage, "Missing option '--stage'.",
                 "--stage is required");
}

static void the_first_missing_flag_is_reported(void **state)
{
    (void)state;
    char *argv[] = {"models", "transition-version"};
    expect_usage(argv, "Missing option '--model-name'.",
                 "with several missing, report the first in the order "
                 "--model-name, --version, --stage");
    char *only_name[] = {"models", "transition-version", "--model-name", "m"};
    expect_usage(only_name, "Missing option '--version'.",
                 "--version comes before --stage");
}

static void a_flag_without_its_value_is_refused(void **state)
{
    (void)state;
    char *argv[] = {"models", "transition-version", "--model-name", "m",
                    "--stage", "production", "--version"};
    expect_usage(argv, "Option '--version' requires an argument.",
                 "--version at the end has no value");
    char *next_flag[] = {"models", "transition-version", "--model-name",
                         "--version", "1", "--stage", "None"};
    expect_usage(next_flag, "Option '--model-name' requires an argument.",
                 "a flag is not the value of the flag before it");
}

static void a_repeated_flag_is_refused(void **state)
{
    (void)state;
    char *argv[] = {"models", "transition-version", "--model-name", "m",
                    "--version", "1", "--stage", "Staging", "--stage",
                    "Production"};
    expect_usage(argv, "Option '--stage' was given more than once.",
                 "which stage was meant is ambiguous");
}

static void values_are_checked(void **state)
{
    (void)state;
    char *bad_version[] = {"models", "transition-version", "--model-name",
                           "m", "--version", "three", "--stage", "None"};
    expect_usage(bad_version,
                 "Invalid value for '--version': Model version must be an "
                 "integer, got 'three'",
                 "use reg_parse_version(), MLflow's rule");
    char *bad_stage[] = {"models", "transition-version", "--model-name", "m",
                         "--version", "1", "--stage", "prod"};
    expect_usage(bad_stage,
                 "Invalid value for '--stage': Invalid Model Version stage: "
                 "prod. Value must be one of None, Staging, Production, "
                 "Archived.",
                 "use stage_parse(); stage names are not abbreviated");
    char *empty_name[] = {"models", "transition-version", "--model-name=",
                          "--version", "1", "--stage", "None"};
    expect_usage(empty_name,
                 "Invalid value for '--model-name': Registered model name "
                 "cannot be empty.",
                 "use reg_check_name()");
}

static void extra_arguments_are_refused(void **state)
{
    (void)state;
    char *argv[] = {"models", "transition-version", "--model-name", "m",
                    "--version", "1", "--stage", "None", "extra"};
    expect_usage(argv, "Got unexpected extra argument (extra)",
                 "positional arguments are not part of this command");
}

static void a_null_error_struct_is_accepted(void **state)
{
    (void)state;
    char *argv[] = {"models", "transition-version", "--version", "5"};
    struct tvargs out = untouched();
    lesson_expect(tvargs_parse(ARGC(argv), argv, &out, NULL) == REG_EUSAGE,
                  "tvargs_parse(..., NULL) must still return REG_EUSAGE: "
                  "err may be NULL");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_seeds_command_line_parses),
        cmocka_unit_test(options_come_in_any_order_and_with_equals),
        cmocka_unit_test(model_is_not_models),
        cmocka_unit_test(model_version_is_not_a_flag),
        cmocka_unit_test(the_missing_model_name_is_named),
        cmocka_unit_test(the_missing_version_and_stage_are_named),
        cmocka_unit_test(the_first_missing_flag_is_reported),
        cmocka_unit_test(a_flag_without_its_value_is_refused),
        cmocka_unit_test(a_repeated_flag_is_refused),
        cmocka_unit_test(values_are_checked),
        cmocka_unit_test(extra_arguments_are_refused),
        cmocka_unit_test(a_null_error_struct_is_accepted),
    };
    return lesson_run("02_tvargs", tests);
}
