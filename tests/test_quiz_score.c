/* Scoring: reading an answers list, the letter typed at the prompt, the
 * grade, the percentage and the pass mark. */

#include "quiz/quiz_test.h"

/* Three questions: keys B (4 options), A (2 options), C (3 options). */
#define THREE                                                              \
    TWO_QUESTIONS                                                          \
    "\nQ: Third\nA: a\nMISTAKE: m\nB: b\nMISTAKE: m\nC: c\nKEY: C\n"       \
    "WHY: w\n"

static int setup(void **state)
{
    struct quiz_bank *b = malloc(sizeof *b);
    if (b == NULL)
        return -1;
    *b = parse_ok(THREE);
    *state = b;
    return 0;
}

/* Parses text, which must be accepted, into choice[3]. */
static void parse_answers(const struct quiz_bank *b, const char *text,
                          int choice[3])
{
    struct kit_error err;
    enum kit_status st = quiz_answers_parse(text, "--answers", b, choice, &err);
    LESSON(st == KIT_OK, "'%s' is a valid answers list, but: %s", text,
           err.msg);
}

static void answers_refused(const struct quiz_bank *b, const char *text,
                            const char *needle)
{
    int choice[3] = {9, 9, 9};
    struct kit_error err;
    enum kit_status st = quiz_answers_parse(text, "--answers", b, choice, &err);
    LESSON(st == KIT_EINVAL, "'%s' must be refused, not graded", text);
    LESSON(strstr(err.msg, needle) != NULL, "for '%s' the error must say "
           "'%s', but it is '%s'", text, needle, err.msg);
    LESSON(choice[0] == 9 && choice[1] == 9 && choice[2] == 9,
           "a refused list must leave the choices untouched");
}

static void letters_in_any_case_with_spaces(void **state)
{
    int c[3];
    parse_answers(*state, " b ,a,  C", c);
    LESSON(c[0] == 1 && c[1] == 0 && c[2] == 2,
           "B,A,C in any case and spacing is options 1, 0, 2");
}

static void a_dash_skips_and_missing_answers_are_unanswered(void **state)
{
    int c[3];
    parse_answers(*state, "-,B", c);
    LESSON(c[0] == QUIZ_NO_ANSWER && c[1] == 1 && c[2] == QUIZ_NO_ANSWER,
           "'-' skips question 1, and question 3 (no answer given) is "
           "unanswered rather than an error");
}

static void a_file_may_use_lines_and_comments(void **state)
{
    int c[3];
    parse_answers(*state, "# my answers\nB   # sure\n\nA,\tc\r\n", c);
    LESSON(c[0] == 1 && c[1] == 0 && c[2] == 2,
           "newlines separate answers like commas; blank lines and '#' "
           "comments are ignored");
}

static void letters_may_come_without_commas(void **state)
{
    int c[3];
    parse_answers(*state, "bA-", c);
    LESSON(c[0] == 1 && c[1] == 0 && c[2] == QUIZ_NO_ANSWER,
           "'bA-' is B, A and a skip, as B,A,- is");
}

static void malformed_lists_are_refused(void **state)
{
    answers_refused(*state, "B,E,A", "answer 2 is 'E'");
    answers_refused(*state, "BXC", "answer 1 is 'BXC'");
    answers_refused(*state, "B,,A", "answer 2 is empty");
    answers_refused(*state, "B,A,", "answer 3 is empty");
    answers_refused(*state, "B,A,C,D", "more answers than the bank's 3");
    answers_refused(*state, "", "no answers given");
    answers_refused(*state, "# nothing\n\n", "no answers given");
}

static void a_letter_the_question_lacks_is_refused(void **state)
{
    answers_refused(*state, "B,C", "answer 2 is 'C', but question 2 has only "
                                   "options A-B");
}

static void the_prompt_takes_one_letter_of_the_question(void **state)
{
    const struct quiz_bank *b = *state;
    const struct quiz_question *two = &b->questions[1];
    LESSON(quiz_answer_letter("b\n", two) == 1, "'b' is option B");
    LESSON(quiz_answer_letter("  A \r\n", two) == 0,
           "white space around the letter is ignored");
    LESSON(quiz_answer_letter("C\n", two) == QUIZ_NO_ANSWER,
           "a two-option question has no C: ask again");
    LESSON(quiz_answer_letter("\n", two) == QUIZ_NO_ANSWER &&
               quiz_answer_letter("AB\n", two) == QUIZ_NO_ANSWER &&
               quiz_answer_letter("1\n", two) == QUIZ_NO_ANSWER,
           "an empty line, two letters or a digit are not answers");
}

static void grading_counts_right_wrong_and_unanswered(void **state)
{
    int c[3] = {1, 1, QUIZ_NO_ANSWER};
    struct quiz_score s = quiz_grade(*state, c);
    LESSON(s.total == 3 && s.answered == 2 && s.correct == 1,
           "B is right, B is wrong for a key A, and a skip is answered by "
           "nobody: 3 total, 2 answered, 1 correct (got %zu, %zu, %zu)",
           s.total, s.answered, s.correct);
}

static void the_percentage_rounds_down(void **state)
{
    (void)state;
    struct quiz_score s = {.total = 3, .answered = 3, .correct = 2};
    LESSON(quiz_percent(&s) == 66, "2 of 3 is 66%%, rounded down");
    s.correct = 3;
    LESSON(quiz_percent(&s) == 100, "3 of 3 is 100%%");
}

static void the_pass_mark_is_compared_exactly(void **state)
{
    (void)state;
    struct quiz_score s = {.total = 10, .answered = 10, .correct = 7};
    LESSON(quiz_passed(&s, 70), "7 of 10 reaches a 70%% pass mark");
    s.correct = 6;
    LESSON(!quiz_passed(&s, 70), "6 of 10 does not reach 70%%");
    struct quiz_score t = {.total = 3, .answered = 3, .correct = 2};
    LESSON(!quiz_passed(&t, 67),
           "2 of 3 is 66.7%%: it must not pass a 67%% mark just because "
           "rounding says 67");
    LESSON(quiz_passed(&t, 66), "2 of 3 passes a 66%% mark");
    struct quiz_score none = {.total = 3};
    LESSON(quiz_passed(&none, 0) && !quiz_passed(&none, 1),
           "a 0%% pass mark is always reached, 1%% is not with 0 correct");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(letters_in_any_case_with_spaces),
        cmocka_unit_test(a_dash_skips_and_missing_answers_are_unanswered),
        cmocka_unit_test(a_file_may_use_lines_and_comments),
        cmocka_unit_test(letters_may_come_without_commas),
        cmocka_unit_test(malformed_lists_are_refused),
        cmocka_unit_test(a_letter_the_question_lacks_is_refused),
        cmocka_unit_test(the_prompt_takes_one_letter_of_the_question),
        cmocka_unit_test(grading_counts_right_wrong_and_unanswered),
        cmocka_unit_test(the_percentage_rounds_down),
        cmocka_unit_test(the_pass_mark_is_compared_exactly),
    };
    return cmocka_run_group_tests_name("quiz scoring", tests, setup,
                                       bank_teardown);
}
