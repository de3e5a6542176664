/* Exercise 2 (kata/02_tvargs.c): the `models transition-version` command
 * line of quiz questions 2 and 4.  (The kit's command, modelled on MLflow's
 * transition_model_version_stage(); MLflow has no such CLI command.) */
#include "lesson.h"
#include "tvargs.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Parses a command line that must be refused, and checks the message. */
#define expect_usage(argv, want, why) \
    expect_usage_(ARGC(argv), argv, want, why)

static const char untouched_text[] = "untouched";

static struct tvargs untouched(void)
{
    struct tvargs t = {untouched_text, untouched_text, STAGE_COUNT, -42,
                       true};
    return t;
}

/* True when no field of out was written. */
static bool is_untouched(const struct tvargs *out)
{
    return out->model_name == untouched_text &&
           out->stage_raw == untouched_text && out->stage == STAGE_COUNT &&
           out->version == -42 && out->archive_existing;
}

static void expect_usage_(int argc, char *const argv[], const char *want,
                          const char *why)
{
    struct tvargs out = untouched();
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st = tvargs_parse(argc, argv, &out, &err);
    LESSON(st == KIT_EUSAGE,
           "tvargs_parse returned %s; expected KIT_EUSAGE for a bad "
           "command line (%s)",
           kit_status_name(st), why);
    LESSON(strcmp(err.msg, want) == 0,
           "message \"%s\"; expected \"%s\" (%s)", err.msg, want, why);
    LESSON(is_untouched(&out),
           "tvargs_parse failed (%s) but wrote *out: on error the "
           "output must be left untouched (fill a local struct "
           "tvargs, copy it at the end)",
           why);
}

static struct tvargs expect_ok_(int argc, char *const argv[])
{
    struct tvargs out = untouched();
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st = tvargs_parse(argc, argv, &out, &err);
    LESSON(st == KIT_OK,
           "tvargs_parse refused a valid command line: %s \"%s\"",
           kit_status_name(st), err.msg);
    return out;
}
#define expect_ok(argv) expect_ok_(ARGC(argv), argv)

static void the_seeds_command_line_parses(void **state)
{
    (void)state;
    char *argv[] = {"models", "transition-version", "--model-name",
                    "my_model", "--version", "3", "--stage", "production"};
    struct tvargs t = expect_ok(argv);
    LESSON(t.model_name != NULL && strcmp(t.model_name, "my_model") == 0,
           "model_name is \"%s\"; expected \"my_model\"",
           t.model_name ? t.model_name : "(null)");
    LESSON(t.version == 3, "version is %lld; expected 3: \"3\" on "
                           "the command line is the number 3",
           (long long)t.version);
    LESSON(t.stage == STAGE_PRODUCTION,
           "stage is %d; expected STAGE_PRODUCTION: \"production\" "
           "is Production in any case",
           (int)t.stage);
    LESSON(t.stage_raw != NULL && strcmp(t.stage_raw, "production") == 0,
           "stage_raw must keep the stage as typed (\"production\"), "
           "for MLflow's messages");
    LESSON(!t.archive_existing,
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
    LESSON(t.stage == STAGE_STAGING && t.version == 12 &&
               strcmp(t.model_name, "fraud") == 0,
           "--stage=Staging --version=12 --model-name fraud must give "
           "Staging, 12, \"fraud\": options may come in any order, as "
           "`--opt value` or `--opt=value`");
    LESSON(t.archive_existing,
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

static void wrong_command_words_are_refused(void **state)
{
    (void)state;
    char *plural[] = {"models", "transition-versions", "--model-name", "m",
                      "--version", "3", "--stage", "production"};
    expect_usage(plural, "No such command 'transition-versions'. Did you "
                         "mean 'transition-version'?",
                 "the command is transition-version, exactly: compare the "
                 "whole word, not its first strlen(\"transition-version\") "
                 "characters");
    char *prefix[] = {"models", "transition", "--model-name", "m",
                      "--version", "3", "--stage", "production"};
    expect_usage(prefix, "No such command 'transition'. Did you mean "
                         "'transition-version'?",
                 "a prefix of the command is not the command");
    char *capital[] = {"Models", "transition-version", "--model-name", "m",
                       "--version", "3", "--stage", "production"};
    expect_usage(capital, "No such command 'Models'. Did you mean "
                          "'models'?",
                 "command words are case-sensitive, as in click");
    char *modelsx[] = {"modelsx", "transition-version", "--model-name", "m",
                       "--version", "3", "--stage", "production"};
    expect_usage(modelsx, "No such command 'modelsx'. Did you mean "
                          "'models'?",
                 "nothing may follow the group's name");
}

static void a_missing_command_is_refused(void **state)
{
    (void)state;
    /* Exactly argc words: reading argv[argc] is out of bounds here. */
    char *group_only[] = {"models"};
    expect_usage(group_only, "Missing command.",
                 "`models` alone names no command: check argc before "
                 "reading argv[1]");
    struct tvargs out = untouched();
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st = tvargs_parse(0, group_only, &out, &err);
    LESSON(st == KIT_EUSAGE && strcmp(err.msg, "Missing command.") ==
                                   0,
           "tvargs_parse with no words returned %s \"%s\"; expected "
           "KIT_EUSAGE \"Missing command.\"",
           kit_status_name(st), err.msg);
}

/* A command line whose --version is v, parsed: the status, and the number
 * in *got when it succeeds. */
static enum kit_status parse_version(const char *v, int64_t *got,
                                     struct kit_error *err)
{
    char value[64];
    snprintf(value, sizeof value, "--version=%s", v);
    char *argv[] = {"models", "transition-version", "--model-name", "m",
                    value, "--stage", "Staging"};
    struct tvargs out = untouched();
    enum kit_status st = tvargs_parse(ARGC(argv), argv, &out, err);
    *got = out.version;
    return st;
}

static void expect_version(const char *v, int64_t want, const char *why)
{
    int64_t got;
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st = parse_version(v, &got, &err);
    LESSON(st == KIT_OK,
           "--version=%s was refused (%s \"%s\"); expected version "
           "%lld: %s",
           v, kit_status_name(st), err.msg, (long long)want, why);
    LESSON(got == want, "--version=%s gave %lld; expected %lld: %s",
           v, (long long)got, (long long)want, why);
}

static void zero_and_negative_versions_are_valid_syntax(void **state)
{
    (void)state;
    static const char why[] =
        "zero and negative integers are valid syntax (MLflow's rule); "
        "they end in \"not found\" when the transition looks them up, "
        "not here";
    expect_version("0", 0, why);
    expect_version("-1", -1, why);
    expect_version("-0", 0, why);
    expect_version("+7", 7, "an optional sign is part of an integer");
    expect_version("9223372036854775807", INT64_MAX,
                   "the largest 64-bit version still fits");
    expect_version("-9223372036854775808", INT64_MIN,
                   "the smallest 64-bit version still fits");
    /* As a separate word too: "-1" is a value, not an option. */
    char *argv[] = {"models", "transition-version", "--model-name", "m",
                    "--version", "-1", "--stage", "Staging"};
    struct tvargs t = expect_ok(argv);
    LESSON(t.version == -1, "--version -1 gave %lld; expected -1: %s",
           (long long)t.version, why);
}

static void expect_bad_version(const char *v, const char *message,
                               const char *why)
{
    int64_t got;
    struct kit_error err = {KIT_OK, ""};
    char want[KIT_ERROR_MSG_MAX];
    snprintf(want, sizeof want, "Invalid value for '--version': %s, got '%s'",
             message, v);
    enum kit_status st = parse_version(v, &got, &err);
    LESSON(st == KIT_EUSAGE,
           "--version='%s' gave %s (version %lld); expected "
           "KIT_EUSAGE: %s",
           v, kit_status_name(st), (long long)got, why);
    LESSON(strcmp(err.msg, want) == 0,
           "--version='%s': message \"%s\"; expected \"%s\" (%s)", v,
           err.msg, want, why);
    LESSON(got == -42, "--version='%s' was refused but *out was "
                       "written: on error leave it untouched",
           v);
}

static void a_version_is_an_integer_and_nothing_else(void **state)
{
    (void)state;
    static const char integer[] = "Model version must be an integer";
    expect_bad_version("", integer, "an empty value is no number (strtoll "
                                    "reads \"\" as 0: check that it read "
                                    "something)");
    expect_bad_version(" 3", integer, "white space is not a digit (strtoll "
                                      "skips leading white space)");
    expect_bad_version("3 ", integer, "nothing may follow the digits");
    expect_bad_version("3abc", integer, "atoi(\"3abc\") is 3, but \"3abc\" "
                                        "is not an integer: check where "
                                        "the number ends");
    expect_bad_version("0x3", integer, "a version is written in decimal "
                                       "(strtoll with base 0 reads hex)");
    expect_bad_version("3.0", integer, "a version is an integer");
    expect_bad_version("-", integer, "a sign alone is no number");
}

static void a_version_past_64_bits_is_refused(void **state)
{
    (void)state;
    static const char range[] =
        "Model version must be an integer that fits in 64 bits";
    expect_bad_version("9223372036854775808", range,
                       "INT64_MAX + 1 overflows: strtoll() clamps it and "
                       "sets errno to ERANGE");
    expect_bad_version("-9223372036854775809", range,
                       "INT64_MIN - 1 overflows too");
    expect_bad_version("99999999999999999999", range,
                       "use reg_parse_version(): it checks the range");
}

static void values_are_checked_in_order_after_the_missing_options(void **state)
{
    (void)state;
    char *missing_and_bad[] = {"models", "transition-version",
                               "--model-name=", "--stage", "prod"};
    expect_usage(missing_and_bad, "Missing option '--version'.",
                 "a missing option is reported before any invalid value");
    char *bad_name_and_version[] = {"models", "transition-version",
                                    "--version", "x", "--stage", "prod",
                                    "--model-name="};
    expect_usage(bad_name_and_version,
                 "Invalid value for '--model-name': Registered model name "
                 "cannot be empty.",
                 "values are checked in the order --model-name, --version, "
                 "--stage, whatever the order on the command line");
    char *bad_version_and_stage[] = {"models", "transition-version",
                                     "--stage", "prod", "--model-name", "m",
                                     "--version", "x"};
    expect_usage(bad_version_and_stage,
                 "Invalid value for '--version': Model version must be an "
                 "integer, got 'x'",
                 "--version is checked before --stage");
}

static void the_switch_takes_no_value(void **state)
{
    (void)state;
    char *argv[] = {"models", "transition-version", "--model-name", "m",
                    "--version", "1", "--stage", "Staging",
                    "--archive-existing-versions=yes"};
    expect_usage(argv, "Option '--archive-existing-versions' does not take "
                       "a value.",
                 "--archive-existing-versions is a switch: its presence "
                 "is the value");
}

/* Parses a bad command line with err = NULL: it must fail cleanly. */
static void expect_usage_without_err(int argc, char *const argv[],
                                     const char *what)
{
    struct tvargs out = untouched();
    enum kit_status st = tvargs_parse(argc, argv, &out, NULL);
    LESSON(st == KIT_EUSAGE,
           "tvargs_parse(..., NULL) with %s returned %s; expected "
           "KIT_EUSAGE: err may be NULL, and opts_invalid() needs a "
           "real struct (use a local one)",
           what, kit_status_name(st));
    LESSON(is_untouched(&out), "tvargs_parse(..., NULL) with %s "
                               "wrote *out on error",
           what);
}

static void invalid_values_with_a_null_error_struct(void **state)
{
    (void)state;
    char *bad_name[] = {"models", "transition-version", "--model-name=",
                        "--version", "1", "--stage", "None"};
    expect_usage_without_err(ARGC(bad_name), bad_name, "an empty name");
    char *bad_version[] = {"models", "transition-version", "--model-name",
                           "m", "--version", "three", "--stage", "None"};
    expect_usage_without_err(ARGC(bad_version), bad_version,
                             "--version three");
    char *bad_stage[] = {"models", "transition-version", "--model-name", "m",
                         "--version", "1", "--stage", "prod"};
    expect_usage_without_err(ARGC(bad_stage), bad_stage, "--stage prod");
    char *bad_word[] = {"model", "transition-version"};
    expect_usage_without_err(ARGC(bad_word), bad_word, "the word model");
    char *good[] = {"models", "transition-version", "--model-name", "m",
                    "--version", "1", "--stage", "None"};
    struct tvargs out = untouched();
    LESSON(tvargs_parse(ARGC(good), good, &out, NULL) == KIT_OK &&
               out.version == 1,
           "tvargs_parse(..., NULL) must parse a valid command line");
}

static void a_null_error_struct_is_accepted(void **state)
{
    (void)state;
    char *argv[] = {"models", "transition-version", "--version", "5"};
    struct tvargs out = untouched();
    LESSON(tvargs_parse(ARGC(argv), argv, &out, NULL) == KIT_EUSAGE,
           "tvargs_parse(..., NULL) must still return KIT_EUSAGE: "
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
        cmocka_unit_test(wrong_command_words_are_refused),
        cmocka_unit_test(a_missing_command_is_refused),
        cmocka_unit_test(zero_and_negative_versions_are_valid_syntax),
        cmocka_unit_test(a_version_is_an_integer_and_nothing_else),
        cmocka_unit_test(a_version_past_64_bits_is_refused),
        cmocka_unit_test(values_are_checked_in_order_after_the_missing_options),
        cmocka_unit_test(the_switch_takes_no_value),
        cmocka_unit_test(a_null_error_struct_is_accepted),
        cmocka_unit_test(invalid_values_with_a_null_error_struct),
    };
    return lesson_run("02_tvargs", tests);
}
