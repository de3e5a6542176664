/* Text and JSON output: the graded report, the instructor review, the key
 * list, the JSON report, and how long texts are laid out. */

#include "quiz/quiz_test.h"

#include "json.h"

static void the_report_explains_every_miss(void **state)
{
    (void)state;
    struct quiz_bank b = parse_ok(TWO_QUESTIONS);
    int choice[2] = {0, QUIZ_NO_ANSWER};
    struct capture c;
    quiz_print_report(capture_start(&c), &b, choice, 70, &(struct quiz_style){0});
    char *t = capture_end(&c);
    LESSON(strstr(t, "  1. A  wrong    First\n       The answer is B.\n"
                     "       Your mistake: mistake one\n"
                     "       Why: because two\n") != NULL,
           "a wrong answer's line gives the key, the student's mistake and "
           "the explanation:\n%s", t);
    LESSON(strstr(t, "  2. -  skipped  Second stem\n       The answer is A.\n"
                     "       Why: because yes\n") != NULL,
           "a skipped question shows its key and explanation, and no "
           "mistake:\n%s", t);
    LESSON(strstr(t, "Score: 0/2 (0%); pass mark 70%: not passed.") != NULL,
           "the report ends with the summary");
    free(t);
    quiz_bank_free(&b);
}

static void a_right_answer_takes_one_line(void **state)
{
    (void)state;
    struct quiz_bank b = parse_ok(TWO_QUESTIONS);
    int choice[2] = {1, 0};
    struct capture c;
    quiz_print_report(capture_start(&c), &b, choice, 70, &(struct quiz_style){0});
    char *t = capture_end(&c);
    assert_string_equal(t, "  1. B  right    First\n"
                           "  2. A  right    Second stem\n"
                           "\n"
                           "Score: 2/2 (100%); pass mark 70%: passed.\n");
    free(t);
    quiz_bank_free(&b);
}

static void the_review_shows_keys_mistakes_and_explanations(void **state)
{
    (void)state;
    struct quiz_bank b = parse_ok(TWO_QUESTIONS);
    struct capture c;
    quiz_print_review(capture_start(&c), &b, &(struct quiz_style){0});
    char *t = capture_end(&c);
    LESSON(strstr(t, "  D) four\n  Mistake behind A: mistake one\n"
                     "  Mistake behind C: mistake three\n"
                     "  Mistake behind D: mistake four\n"
                     "  Key: B (bank line 1)\n  Why: because two\n") != NULL,
           "the instructor sees every mistake, the key with its line in the "
           "bank, and the explanation:\n%s", t);
    LESSON(strstr(t, "Question 2/2\n") != NULL, "every question is reviewed");
    free(t);
    quiz_bank_free(&b);
}

static void the_keys_are_a_comma_list(void **state)
{
    (void)state;
    struct quiz_bank b = parse_ok(TWO_QUESTIONS);
    struct capture c;
    quiz_print_keys(capture_start(&c), &b);
    char *t = capture_end(&c);
    assert_string_equal(t, "B,A\n");
    free(t);
    quiz_bank_free(&b);
}

static void the_json_report_is_exact(void **state)
{
    (void)state;
    struct quiz_bank b = parse_ok(TWO_QUESTIONS);
    int choice[2] = {2, QUIZ_NO_ANSWER};
    struct capture c;
    assert_int_equal(quiz_write_json(capture_start(&c), &b, choice, 50,
                                     "q\"uiz.txt", true, 9, NULL),
                     KIT_OK);
    char *t = capture_end(&c);
    assert_string_equal(
        t, "{\n"
           "  \"bank\": \"q\\\"uiz.txt\",\n"
           "  \"questions\": 2,\n"
           "  \"answered\": 1,\n"
           "  \"correct\": 0,\n"
           "  \"percent\": 0,\n"
           "  \"pass_mark\": 50,\n"
           "  \"passed\": false,\n"
           "  \"shuffled\": true,\n"
           "  \"seed\": 9,\n"
           "  \"results\": [\n"
           "    {\"number\": 1, \"line\": 1, \"title\": \"First\", "
           "\"answer\": \"C\", \"key\": \"B\", \"correct\": false, "
           "\"mistake\": \"mistake three\"},\n"
           "    {\"number\": 2, \"line\": 13, \"title\": null, "
           "\"answer\": null, \"key\": \"A\", \"correct\": false, "
           "\"mistake\": null}\n"
           "  ]\n"
           "}\n");
    free(t);
    quiz_bank_free(&b);
}

static void json_strings_are_escaped(void **state)
{
    (void)state;
    struct capture c;
    json_string(capture_start(&c), "a\"b\\c\nd\te\x01 caf\xC3\xA9");
    char *t = capture_end(&c);
    assert_string_equal(t, "\"a\\\"b\\\\c\\nd\\te\\u0001 caf\xC3\xA9\"");
    free(t);
}

static void long_texts_wrap_and_code_does_not(void **state)
{
    (void)state;
    struct quiz_bank b = parse_ok(
        "Q: This stem is long enough that it has to be wrapped, because a "
        "terminal is about eighty columns wide and the words must not be cut "
        "in the middle.\n|     code_is_printed_as_it_is(even_if, it_is, long, "
        "longer, than, eighty, columns, wide, really)\n"
        "A: x\nB: y\nMISTAKE: m\nKEY: A\nWHY: w\n");
    struct capture c;
    quiz_print_question(capture_start(&c), &b, 0, &(struct quiz_style){0});
    char *t = capture_end(&c);
    LESSON(strstr(t, "\nThis stem is long enough that it has to be wrapped, "
                     "because a terminal is\nabout eighty") != NULL,
           "prose wraps at a space before column 78:\n%s", t);
    LESSON(strstr(t, "\n    code_is_printed_as_it_is(even_if, it_is, long, "
                     "longer, than, eighty, columns, wide, really)\n") != NULL,
           "a code line (it starts with spaces) is never wrapped:\n%s", t);
    free(t);
    quiz_bank_free(&b);
}

static void an_untitled_question_is_listed_by_its_stem(void **state)
{
    (void)state;
    /* "café " is 5 characters (6 bytes); 13 of them pass 60 characters. */
    char text[256] = "Q: ", want[128] = "  1. ";
    for (int i = 0; i < 13; i++)
        strcat(text, "caf\xC3\xA9 ");
    for (int i = 0; i < 12; i++)
        strcat(want, "caf\xC3\xA9 ");
    strcat(text, "more\n| second line\nA: x\nB: y\nMISTAKE: m\nKEY: A\n"
                 "WHY: w\n");
    strcat(want, "...\n");
    struct quiz_bank b = parse_ok(text);
    int choice[1] = {1};
    struct capture c;
    quiz_print_summary(capture_start(&c), &b, choice, 70, &(struct quiz_style){0});
    char *t = capture_end(&c);
    LESSON(strstr(t, want) != NULL,
           "without a title the first 60 characters of the stem stand in "
           "(counted in characters, never cutting a UTF-8 sequence):\n%s", t);
    free(t);
    quiz_bank_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_report_explains_every_miss),
        cmocka_unit_test(a_right_answer_takes_one_line),
        cmocka_unit_test(the_review_shows_keys_mistakes_and_explanations),
        cmocka_unit_test(the_keys_are_a_comma_list),
        cmocka_unit_test(the_json_report_is_exact),
        cmocka_unit_test(json_strings_are_escaped),
        cmocka_unit_test(long_texts_wrap_and_code_does_not),
        cmocka_unit_test(an_untitled_question_is_listed_by_its_stem),
    };
    return cmocka_run_group_tests_name("quiz output", tests, NULL, NULL);
}
