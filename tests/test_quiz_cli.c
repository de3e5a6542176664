/* The runner: its command line (click-style usage errors) and quiz_main()
 * end to end, with stdin, stdout and stderr in memory, checking the
 * documented exit statuses. */

#include "quiz/quiz_test.h"

/* tests/quiz/mini.txt: four questions, keys B, A, C, D. */
#define MINI "tests/quiz/mini.txt"
#define KEYS "B,A,C,D"

/* ---- quiz_cli_parse ---- */

static struct quiz_opts parsed(int argc, char *const argv[])
{
    struct quiz_opts o;
    struct kit_error err;
    enum kit_status st = quiz_cli_parse(argc, argv, &o, &err);
    LESSON(st == KIT_OK, "this command line is valid, but: %s", err.msg);
    return o;
}

#define PARSED(...)                                                        \
    parsed((int)(sizeof((char *const[]){"quiz", __VA_ARGS__}) /            \
                 sizeof(char *)),                                          \
           (char *const[]){"quiz", __VA_ARGS__})

static void usage_error(int argc, char *const argv[], const char *want)
{
    struct quiz_opts o = {.bank = "untouched"};
    struct kit_error err;
    enum kit_status st = quiz_cli_parse(argc, argv, &o, &err);
    LESSON(st == KIT_EUSAGE, "'%s ...' must be a usage error", argv[1]);
    LESSON(strcmp(err.msg, want) == 0, "the message must be \"%s\", not "
           "\"%s\"", want, err.msg);
    LESSON(strcmp(o.bank, "untouched") == 0,
           "on a usage error the options are not written");
}

#define USAGE_ERROR(want, ...)                                             \
    usage_error((int)(sizeof((char *const[]){"quiz", __VA_ARGS__}) /       \
                      sizeof(char *)),                                     \
                (char *const[]){"quiz", __VA_ARGS__}, want)

static void no_arguments_mean_the_interactive_quiz(void **state)
{
    (void)state;
    struct quiz_opts o;
    assert_int_equal(quiz_cli_parse(1, (char *const[]){"quiz"}, &o, NULL),
                     KIT_OK);
    LESSON(o.mode == QUIZ_MODE_INTERACTIVE && o.bank == NULL
               && o.pass_percent == 70 && !o.shuffle && !o.json,
           "by default: interactive, no bank named (quiz_default_bank() "
           "finds one), pass mark 70%%");
}

static void options_take_values_both_ways(void **state)
{
    (void)state;
    struct quiz_opts o = PARSED("--answers=B,A", "my.txt", "--pass", "50");
    LESSON(o.mode == QUIZ_MODE_ANSWERS && strcmp(o.answers, "B,A") == 0 &&
               strcmp(o.bank, "my.txt") == 0 && o.pass_percent == 50,
           "'--answers=LIST', a bank path and '--pass 50' in any order");
    o = PARSED("--shuffle", "--seed", "9223372036854775807", "--answers-file",
               "-", "--json");
    LESSON(o.mode == QUIZ_MODE_ANSWERS_FILE && o.json && o.shuffle &&
               o.seed_given && o.seed == UINT64_C(9223372036854775807),
           "the largest seed is 2^63-1");
    o = PARSED("--", "-odd-name.txt");
    assert_string_equal(o.bank, "-odd-name.txt");
    o = PARSED("--review", "--shuffle", "--seed=0");
    LESSON(o.mode == QUIZ_MODE_REVIEW && o.seed == 0, "seed 0 is a seed");
    o = PARSED("--export", "gift");
    LESSON(o.mode == QUIZ_MODE_GIFT, "--export gift");
    o = PARSED("--shuffle");
    LESSON(o.shuffle && !o.seed_given,
           "interactively, --shuffle alone takes a seed from the clock");
    o = PARSED("-h");
    LESSON(o.help, "-h asks for help");
}

static void unknown_or_incomplete_options_are_refused(void **state)
{
    (void)state;
    USAGE_ERROR("No such option: --bogus", "--bogus");
    USAGE_ERROR("No such option: --bogus", "--bogus=1");
    USAGE_ERROR("No such option: -x", "-x");
    USAGE_ERROR("Option '--answers' requires an argument.", "--answers");
    USAGE_ERROR("Option '--json' does not take a value.", "--json=yes");
    USAGE_ERROR("Option '--pass' was given more than once.", "--pass", "1",
                "--pass=2");
    USAGE_ERROR("Got unexpected extra argument (b.txt)", "a.txt", "b.txt");
}

static void bad_numbers_are_refused(void **state)
{
    (void)state;
    const char *pass = "Invalid value for '--pass': '%s' is not a whole "
                       "number from 0 to 100.";
    char *bad[] = {"101", "-1", "abc", " 5", "+5", "5%", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char want[128];
        snprintf(want, sizeof want, pass, bad[i]);
        USAGE_ERROR(want, "--pass", bad[i]);
    }
    USAGE_ERROR("Invalid value for '--seed': '9223372036854775808' is not a "
                "whole number from 0 to 9223372036854775807.",
                "--shuffle", "--seed", "9223372036854775808");
    USAGE_ERROR("Invalid value for '--seed': '-1' is not a whole number from "
                "0 to 9223372036854775807.", "--shuffle", "--seed", "-1");
    USAGE_ERROR("Invalid value for '--seed': '12abc' is not a whole number "
                "from 0 to 9223372036854775807.", "--shuffle", "--seed=12abc");
}

static void options_that_do_not_go_together_are_refused(void **state)
{
    (void)state;
    USAGE_ERROR("Options '--answers' and '--review' cannot be used together.",
                "--review", "--answers", "B");
    USAGE_ERROR("Options '--keys' and '--export' cannot be used together.",
                "--keys", "--export", "gift");
    USAGE_ERROR("Invalid value for '--export': 'xml' is not 'gift' (the one "
                "format there is).", "--export", "xml");
    USAGE_ERROR("Option '--json' works with '--answers' or '--answers-file'.",
                "--json");
    USAGE_ERROR("Option '--seed' needs '--shuffle'.", "--seed", "3");
    USAGE_ERROR("Option '--shuffle' needs '--seed N' here: answers and keys "
                "must refer to an option order that can be repeated.",
                "--shuffle", "--answers", "B");
}

/* ---- quiz_main ---- */

struct run {
    int status;
    char *out, *err;
};

static struct run run_with_env(const char *input, const struct quiz_env *env,
                               int argc, char *const argv[])
{
    struct run r;
    struct capture out, err;
    FILE *in = fmemopen((void *)input, strlen(input), "r");
    assert_non_null(in);
    r.status = quiz_main(argc, argv, in, capture_start(&out),
                         capture_start(&err), env);
    fclose(in);
    r.out = capture_end(&out);
    r.err = capture_end(&err);
    return r;
}

#define RUN(input, ...)                                                    \
    run_with_env(input, &(struct quiz_env){.clock_seed = 123},             \
                 (int)(sizeof((char *const[]){"quiz", __VA_ARGS__}) /      \
                       sizeof(char *)),                                    \
                 (char *const[]){"quiz", __VA_ARGS__})

static void run_free(struct run *r)
{
    free(r->out);
    free(r->err);
}

static void right_answers_exit_0_and_wrong_ones_exit_1(void **state)
{
    (void)state;
    struct run r = RUN("", MINI, "--answers", KEYS);
    LESSON(r.status == QUIZ_EXIT_PASS, "all four right must exit 0, not %d",
           r.status);
    LESSON(strstr(r.out, "Score: 4/4 (100%); pass mark 70%: passed.") &&
               r.err[0] == '\0',
           "the report ends with the score, and stderr stays empty:\n%s",
           r.out);
    run_free(&r);
    r = RUN("", MINI, "--answers", "B,A");
    LESSON(r.status == QUIZ_EXIT_FAIL,
           "2 of 4 (50%%) is below 70%%: exit 1, not %d", r.status);
    LESSON(strstr(r.out, "Not answered: 3-4.") != NULL,
           "the two answers not given are reported:\n%s", r.out);
    run_free(&r);
    r = RUN("", MINI, "--answers", "A", "--pass", "0");
    LESSON(r.status == QUIZ_EXIT_PASS, "a 0%% pass mark is always reached");
    run_free(&r);
}

static void bad_answers_exit_2(void **state)
{
    (void)state;
    struct run r = RUN("", MINI, "--answers", "B,Z");
    LESSON(r.status == QUIZ_EXIT_USAGE &&
               strcmp(r.err, "Error: --answers: answer 2 is 'Z': expected one "
                             "letter A-D, or '-' to skip\n") == 0,
           "an answer that is not a letter is a usage error (2): %d '%s'",
           r.status, r.err);
    run_free(&r);
    r = RUN("", "--frobnicate");
    LESSON(r.status == QUIZ_EXIT_USAGE &&
               strcmp(r.err, "Usage: quiz [OPTIONS] [BANK]\nTry 'quiz --help' "
                             "for help.\n\nError: No such option: "
                             "--frobnicate\n") == 0,
           "usage errors look like click's, which MLflow's CLI uses:\n%s",
           r.err);
    run_free(&r);
}

static void answers_come_from_a_file_or_stdin(void **state)
{
    (void)state;
    struct run r = RUN("# keys\nB\nA\n\nC,d\n", MINI, "--answers-file", "-");
    LESSON(r.status == QUIZ_EXIT_PASS, "'--answers-file -' reads stdin: %s",
           r.err);
    run_free(&r);
    r = RUN("", MINI, "--answers-file", "tests/quiz/corpus/answers.txt");
    LESSON(r.status == QUIZ_EXIT_PASS && strstr(r.out, "  3. -  skipped"),
           "an answers file with a '-' skips that question:\n%s%s", r.out,
           r.err);
    run_free(&r);
    r = RUN("", MINI, "--answers-file", "tests/quiz/none.txt");
    LESSON(r.status == QUIZ_EXIT_USAGE && strstr(r.err, "tests/quiz/none.txt: "),
           "a missing answers file is a usage error naming it: %s", r.err);
    run_free(&r);
}

static void a_malformed_or_missing_bank_exits_3(void **state)
{
    (void)state;
    struct run r = RUN("", "tests/quiz/bad_no_key.txt");
    LESSON(r.status == QUIZ_EXIT_BANK &&
               strncmp(r.err, "tests/quiz/bad_no_key.txt:1: this question "
                              "has no key", 51) == 0,
           "a malformed bank exits 3 with file:line first on stderr: %d %s",
           r.status, r.err);
    LESSON(r.out[0] == '\0', "and no quiz starts");
    run_free(&r);
    r = RUN("", "tests/quiz/absent.txt");
    LESSON(r.status == QUIZ_EXIT_BANK && strstr(r.err, "absent.txt: No such "
                                                       "file"),
           "a missing bank exits 3: %s", r.err);
    run_free(&r);
}

static void json_output_reports_every_question(void **state)
{
    (void)state;
    struct run r = RUN("", MINI, "--answers", "B,B", "--json");
    LESSON(r.status == QUIZ_EXIT_FAIL, "1 of 4 fails");
    LESSON(strncmp(r.out, "{\n  \"bank\": \"" MINI "\",\n", 35) == 0 &&
               strstr(r.out, "\"correct\": 1,") &&
               count_of(r.out, "{\"number\": ") == 4 &&
               strstr(r.out, "\"answer\": null") && strstr(r.out, "\"seed\": null"),
           "the JSON has the totals and one result per question:\n%s", r.out);
    run_free(&r);
}

static void shuffled_keys_grade_as_shuffled(void **state)
{
    (void)state;
    struct run keys = RUN("", MINI, "--keys", "--shuffle", "--seed", "5");
    LESSON(keys.status == QUIZ_EXIT_PASS && strcmp(keys.out, KEYS "\n") != 0,
           "seed 5 must move some keys: %s", keys.out);
    keys.out[strcspn(keys.out, "\n")] = '\0';
    struct run r = RUN("", MINI, "--shuffle", "--seed", "5", "--answers",
                       keys.out);
    LESSON(r.status == QUIZ_EXIT_PASS && strstr(r.out, "shuffled with seed 5"),
           "the shuffled keys, graded with the same seed, score 100%%:\n%s",
           r.out);
    run_free(&r);
    r = RUN("", MINI, "--answers", keys.out);
    LESSON(r.status == QUIZ_EXIT_FAIL,
           "the same letters without the shuffle are not all right");
    run_free(&r);
    run_free(&keys);
}

static void review_keys_export_and_help_exit_0(void **state)
{
    (void)state;
    struct run r = RUN("", MINI, "--review");
    LESSON(r.status == 0 && count_of(r.out, "  Key: ") == 4 &&
               strstr(r.out, "Review of " MINI ": 4 questions.\n"),
           "--review lists all 4 keys");
    run_free(&r);
    r = RUN("", MINI, "--keys");
    assert_string_equal(r.out, KEYS "\n");
    run_free(&r);
    r = RUN("", MINI, "--export", "gift");
    LESSON(r.status == 0 && count_of(r.out, "\n}\n") == 4,
           "--export gift writes 4 questions");
    run_free(&r);
    r = RUN("", "--help");
    LESSON(r.status == 0 && strstr(r.out, "Exit status:") &&
               strstr(r.out, "NO_COLOR"),
           "--help documents the exit statuses and NO_COLOR");
    run_free(&r);
}

static void the_interactive_quiz_runs_through_quiz_main(void **state)
{
    (void)state;
    struct run r = RUN("b\nq\na\n", MINI, "--shuffle");
    LESSON(r.status == QUIZ_EXIT_FAIL, "stopping after 2 questions fails");
    LESSON(strstr(r.out, "Options shuffled with seed 123: --shuffle --seed 123 "
                         "gives this order again.") != NULL,
           "a clock seed is printed so the order can be repeated:\n%s", r.out);
    LESSON(strstr(r.out, "Question 3/4") && strstr(r.out, "End of input"),
           "the quiz goes on to question 3, then stops at end of input");
    run_free(&r);
}

static void unwritable_output_exits_4(void **state)
{
    (void)state;
    FILE *in = fmemopen((void *)"", 1, "r");
    FILE *out = fopen("/dev/null", "r"); /* read-only: every write fails */
    FILE *err = fopen("/dev/null", "w");
    assert_true(in && out && err);
    int status = quiz_main(3, (char *const[]){"quiz", MINI, "--keys"}, in,
                           out, err, &(struct quiz_env){0});
    LESSON(status == QUIZ_EXIT_OUTPUT,
           "output that cannot be written must not exit 0 (got %d)", status);
    fclose(in);
    fclose(out);
    fclose(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_arguments_mean_the_interactive_quiz),
        cmocka_unit_test(options_take_values_both_ways),
        cmocka_unit_test(unknown_or_incomplete_options_are_refused),
        cmocka_unit_test(bad_numbers_are_refused),
        cmocka_unit_test(options_that_do_not_go_together_are_refused),
        cmocka_unit_test(right_answers_exit_0_and_wrong_ones_exit_1),
        cmocka_unit_test(bad_answers_exit_2),
        cmocka_unit_test(answers_come_from_a_file_or_stdin),
        cmocka_unit_test(a_malformed_or_missing_bank_exits_3),
        cmocka_unit_test(json_output_reports_every_question),
        cmocka_unit_test(shuffled_keys_grade_as_shuffled),
        cmocka_unit_test(review_keys_export_and_help_exit_0),
        cmocka_unit_test(the_interactive_quiz_runs_through_quiz_main),
        cmocka_unit_test(unwritable_output_exits_4),
    };
    return cmocka_run_group_tests_name("quiz runner", tests, NULL, NULL);
}
