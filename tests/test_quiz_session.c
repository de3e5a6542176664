/* The interactive session, scripted: answers come from a string as if
 * piped in, with invalid entries and an early end of input; the output is
 * captured and read like a transcript. */

#include "quiz/quiz_test.h"

/* A session over `bank` with `input` typed in; returns the transcript
 * (free it) and fills choice and *answered. */
static char *session(const char *bank, const char *input,
                     struct quiz_style st, int *choice, size_t *answered)
{
    struct quiz_bank b = parse_ok(bank);
    FILE *in = fmemopen((void *)input, strlen(input), "r");
    assert_non_null(in);
    struct capture c;
    FILE *out = capture_start(&c);
    assert_int_equal(quiz_session_run(&b, in, out, &st, choice, answered),
                     KIT_OK);
    fputs("\n---\n", out);
    quiz_print_summary(out, &b, choice, 70, &st);
    fclose(in);
    quiz_bank_free(&b);
    return capture_end(&c);
}

static void invalid_entries_are_asked_again_then_eof_stops(void **state)
{
    (void)state;
    int choice[2];
    size_t answered;
    struct quiz_style st = {.color = false, .echo = false};
    char *t = session(TWO_QUESTIONS, "b\nX\n\nC\n", st, choice, &answered);
    LESSON(strstr(t, "Question 1/2: First\nFirst stem\n\n  A) one\n  B) two\n"
                     "  C) three\n  D) four\nYour answer (A-D): ") != NULL,
           "a question shows 'Question i/N', its stem and its lettered "
           "options, then asks:\n%s", t);
    LESSON(strstr(t, "Right: B.\n  Why B: because two\n") != NULL,
           "a right answer is confirmed at once, with the explanation");
    LESSON(strstr(t, "Question 2/2\nSecond stem\n") != NULL,
           "then comes question 2 of 2");
    LESSON(count_of(t, "Please type one letter, A-B") == 3,
           "'X', an empty line and 'C' (question 2 has only A and B) are "
           "each asked again, 3 times in all:\n%s", t);
    LESSON(strstr(t, "End of input: stopping at question 2 of 2.") != NULL,
           "end of input ends the quiz cleanly, saying where");
    LESSON(answered == 1 && choice[0] == 1 && choice[1] == QUIZ_NO_ANSWER,
           "one question answered (B), the second left unanswered");
    LESSON(strstr(t, "Answered 1 of 2 questions.\nScore: 1/2 (50%); pass "
                     "mark 70%: not passed.\nNot answered: 2.\n") != NULL,
           "the partial score counts the unanswered question as missed:\n%s",
           t);
    free(t);
}

static void a_wrong_answer_shows_the_mistake_behind_it(void **state)
{
    (void)state;
    int choice[2];
    size_t answered;
    struct quiz_style st = {0};
    char *t = session(TWO_QUESTIONS, "c\n b \n", st, choice, &answered);
    LESSON(strstr(t, "Wrong: you chose C; the answer is B.\n"
                     "  The mistake behind C: mistake three\n"
                     "  Why B: because two\n") != NULL,
           "a wrong answer names the key, the mistake behind the chosen "
           "option and the explanation:\n%s", t);
    LESSON(strstr(t, "The mistake behind B: mistake no") != NULL,
           "' b ' (spaces around, lower case) is taken as B, and wrong");
    LESSON(strstr(t, "Score: 0/2 (0%)") != NULL &&
               strstr(t, "Missed:\n  1. First\n  2. Second stem\n") != NULL,
           "the missed questions are listed by number and title (the stem "
           "when there is no title):\n%s", t);
    LESSON(answered == 2 && strstr(t, "End of input") == NULL,
           "answering everything is not an early stop");
    free(t);
}

static void all_right_passes(void **state)
{
    (void)state;
    int choice[2];
    size_t answered;
    char *t = session(TWO_QUESTIONS, "B\na\n", (struct quiz_style){0}, choice,
                      &answered);
    LESSON(strstr(t, "Score: 2/2 (100%); pass mark 70%: passed.\n") != NULL,
           "two of two passes:\n%s", t);
    LESSON(strstr(t, "Missed") == NULL && strstr(t, "Not answered") == NULL,
           "nothing is listed as missed when everything is right");
    free(t);
}

static void an_immediate_eof_gives_a_zero_score(void **state)
{
    (void)state;
    int choice[2];
    size_t answered;
    char *t = session(TWO_QUESTIONS, "", (struct quiz_style){0}, choice,
                      &answered);
    LESSON(answered == 0 && strstr(t, "stopping at question 1 of 2") &&
               strstr(t, "Not answered: 1-2."),
           "Ctrl-D at the first prompt still ends cleanly with 0/2:\n%s", t);
    free(t);
}

static void colour_only_when_the_style_says_so(void **state)
{
    (void)state;
    int choice[2];
    size_t answered;
    char *plain = session(TWO_QUESTIONS, "b\na\n", (struct quiz_style){0},
                          choice, &answered);
    LESSON(strchr(plain, '\033') == NULL,
           "without colour there must be no escape sequence at all");
    char *colour = session(TWO_QUESTIONS, "b\nb\n",
                           (struct quiz_style){.color = true}, choice,
                           &answered);
    LESSON(strstr(colour, "\033[32mRight\033[0m") != NULL &&
               strstr(colour, "\033[31mWrong\033[0m") != NULL,
           "with colour, Right is green and Wrong is red");
    free(plain);
    free(colour);
}

static void echo_repeats_piped_answers(void **state)
{
    (void)state;
    int choice[2];
    size_t answered;
    char long_line[200];
    memset(long_line, 'z', sizeof long_line - 2);
    long_line[sizeof long_line - 2] = '\n';
    long_line[sizeof long_line - 1] = '\0';
    char input[256];
    snprintf(input, sizeof input, "\x1b[31m\n%sb\n", long_line);
    char *t = session(TWO_QUESTIONS, input, (struct quiz_style){.echo = true},
                      choice, &answered);
    LESSON(strstr(t, "Your answer (A-D): ?[31m\n") != NULL,
           "echoed input shows control bytes as '?', so piped text cannot "
           "drive the terminal:\n%s", t);
    LESSON(strstr(t, "Your answer (A-D): zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
                     "zzzz...\n") != NULL,
           "a long entry is echoed cut at 40 bytes");
    LESSON(strstr(t, "Your answer (A-D): b\nRight: B.") != NULL,
           "with echo, the transcript reads as if typed");
    free(t);
}

static void a_line_with_a_nul_byte_is_no_answer(void **state)
{
    (void)state;
    static const char input[] = "b\0 junk\nb\n";
    struct quiz_bank b = parse_ok(TWO_QUESTIONS);
    FILE *in = fmemopen((void *)input, sizeof input - 1, "r");
    assert_non_null(in);
    struct capture c;
    int choice[2];
    size_t answered;
    assert_int_equal(quiz_session_run(&b, in, capture_start(&c),
                                      &(struct quiz_style){0}, choice,
                                      &answered),
                     KIT_OK);
    char *t = capture_end(&c);
    LESSON(count_of(t, "Please type one letter") == 1 && answered == 1 &&
               choice[0] == 1,
           "'b', a NUL byte and more is not the answer 'b': ask again:\n%s",
           t);
    free(t);
    fclose(in);
    quiz_bank_free(&b);
}

/* When colour is wanted (NO_COLOR, --color, TERM) is prog_color_wanted()'s
 * rule, tested in tests/conv/test_prog.c. */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(invalid_entries_are_asked_again_then_eof_stops),
        cmocka_unit_test(a_wrong_answer_shows_the_mistake_behind_it),
        cmocka_unit_test(all_right_passes),
        cmocka_unit_test(an_immediate_eof_gives_a_zero_score),
        cmocka_unit_test(colour_only_when_the_style_says_so),
        cmocka_unit_test(echo_repeats_piped_answers),
        cmocka_unit_test(a_line_with_a_nul_byte_is_no_answer),
    };
    return cmocka_run_group_tests_name("quiz session", tests, NULL, NULL);
}
