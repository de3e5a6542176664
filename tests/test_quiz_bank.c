/* The bank parser: what it accepts (quiz/FORMAT.md) and, for every kind of
 * malformed bank, a refusal that names the file and the line. */

#include "quiz/quiz_test.h"

/* ---- what a well-formed bank gives ---- */

static void two_questions_parse_in_order(void **state)
{
    (void)state;
    struct quiz_bank b = parse_ok(TWO_QUESTIONS);
    LESSON(b.count == 2, "two Q: lines make two questions, not %zu", b.count);
    const struct quiz_question *q = &b.questions[0];
    assert_string_equal(q->stem, "First stem");
    assert_string_equal(q->title, "First");
    LESSON(q->noptions == 4 && q->key == 1,
           "question 1 has options A-D and key B (index 1)");
    assert_string_equal(q->option[2].text, "three");
    assert_string_equal(q->option[2].mistake, "mistake three");
    LESSON(q->option[1].mistake == NULL, "the key carries no mistake");
    assert_string_equal(q->why, "because two");
    LESSON(q->line == 1 && b.questions[1].line == 13,
           "each question remembers the line of its Q: (1 and 13)");
    LESSON(b.questions[1].title == NULL && b.questions[1].noptions == 2,
           "TITLE: is optional and two options are enough");
    quiz_bank_free(&b);
}

static void indented_lines_join_with_a_space(void **state)
{
    (void)state;
    struct quiz_bank b = parse_ok("Q: a long\n   stem\n\tcontinued\n"
                                  "A: x\nB: y\nMISTAKE: wrong\n  again\n"
                                  "KEY: A\nWHY:\n  on the next line\n");
    assert_string_equal(b.questions[0].stem, "a long stem continued");
    assert_string_equal(b.questions[0].option[1].mistake, "wrong again");
    LESSON(strcmp(b.questions[0].why, "on the next line") == 0,
           "a field may start empty and get its text from indented lines, "
           "with no leading space: got '%s'", b.questions[0].why);
    quiz_bank_free(&b);
}

static void bar_lines_keep_breaks_and_indentation(void **state)
{
    (void)state;
    struct quiz_bank b = parse_ok("Q: code:\n|\n|     for m in models:\n"
                                  "|         f(m)   \n|no space\n"
                                  "A: x\nB: y\nMISTAKE: m\nKEY: A\nWHY: w\n");
    LESSON(strcmp(b.questions[0].stem,
                  "code:\n\n    for m in models:\n        f(m)\nno space") == 0,
           "'| ' lines add a line break and keep their indentation (trailing "
           "blanks dropped): got '%s'", b.questions[0].stem);
    quiz_bank_free(&b);
}

static void comments_crlf_bom_and_any_case(void **state)
{
    (void)state;
    const char text[] = "\xEF\xBB\xBF# comment\r\nq: stem\r\n# inside\r\n"
                        "a: x\r\nmistake: m\r\nb: y\r\nkey: b\r\nWhy: w\r\n";
    struct quiz_bank b = parse_ok(text);
    LESSON(b.count == 1 && b.questions[0].key == 1,
           "a byte order mark, CRLF line ends, comments and lower-case "
           "keywords are all fine");
    assert_string_equal(b.questions[0].stem, "stem");
    assert_string_equal(b.questions[0].why, "w");
    quiz_bank_free(&b);
}

static void utf8_text_is_kept(void **state)
{
    (void)state;
    struct quiz_bank b = parse_ok("Q: O(n\xC2\xB2) \xE2\x80\x94 caf\xC3\xA9 "
                                  "\xF0\x9F\x99\x82\nA: x\nB: y\nMISTAKE: m\n"
                                  "KEY: A\nWHY: w\n");
    assert_string_equal(b.questions[0].stem,
                        "O(n\xC2\xB2) \xE2\x80\x94 caf\xC3\xA9 \xF0\x9F\x99\x82");
    quiz_bank_free(&b);
}

static void a_line_of_exactly_the_limit_is_fine(void **state)
{
    (void)state;
    char *text = malloc(QUIZ_LINE_MAX + 64);
    assert_non_null(text);
    strcpy(text, "Q: ");
    memset(text + 3, 'x', QUIZ_LINE_MAX - 3);
    strcpy(text + QUIZ_LINE_MAX, "\nA: x\nB: y\nMISTAKE: m\nKEY: A\nWHY: w\n");
    struct quiz_bank b = parse_ok(text);
    LESSON(strlen(b.questions[0].stem) == QUIZ_LINE_MAX - 3,
           "a line of exactly %d bytes is allowed", QUIZ_LINE_MAX);
    quiz_bank_free(&b);
    free(text);
}

static void free_null_and_twice_is_safe(void **state)
{
    (void)state;
    quiz_bank_free(NULL);
    struct quiz_bank b = parse_ok(TWO_QUESTIONS);
    quiz_bank_free(&b);
    LESSON(b.questions == NULL && b.count == 0,
           "quiz_bank_free() leaves the bank empty, so a second free is a "
           "no-op");
    quiz_bank_free(&b);
}

/* ---- the malformed cases of the issue ---- */

static void no_key_is_refused_at_the_question(void **state)
{
    (void)state;
    refused("Q: x\nA: a\nMISTAKE: m\nB: b\nMISTAKE: m\nWHY: w\n", 1,
            "no key");
    refused(TWO_QUESTIONS "\nQ: third\nA: a\nB: b\nWHY: w\n", 20, "no key");
}

static void two_keys_on_two_lines_are_refused(void **state)
{
    (void)state;
    refused("Q: x\nA: a\nB: b\nMISTAKE: m\nKEY: A\nKEY: B\nWHY: w\n", 6,
            "a second KEY: (the first is on line 5)");
}

static void two_keys_on_one_line_are_refused(void **state)
{
    (void)state;
    refused("Q: x\nA: a\nB: b\nKEY: A, B\nWHY: w\n", 4, "two keys");
    refused("Q: x\nA: a\nB: b\nKEY: a b\nWHY: w\n", 4, "two keys");
}

static void a_key_that_is_not_one_letter_is_refused(void **state)
{
    (void)state;
    refused("Q: x\nA: a\nB: b\nKEY: E\nWHY: w\n", 4, "outside A-D");
    refused("Q: x\nA: a\nB: b\nKEY: AB\nWHY: w\n", 4, "not 'AB'");
    refused("Q: x\nA: a\nB: b\nKEY:\nWHY: w\n", 4, "expects the letter");
    refused("Q: x\nA: a\nB: b\nKEY: 2\nWHY: w\n", 4, "not '2'");
}

static void a_key_naming_a_missing_option_is_refused(void **state)
{
    (void)state;
    refused("Q: x\nA: a\nB: b\nMISTAKE: m\nKEY: C\nWHY: w\n", 5,
            "KEY: C names no option: this question's options are A-B");
}

static void option_letters_outside_a_to_d_are_refused(void **state)
{
    (void)state;
    refused("Q: x\nA: a\nB: b\nC: c\nD: d\nE: e\nKEY: A\nWHY: w\n", 6,
            "option letter 'E' is outside A-D");
    refused("Q: x\nA: a\nZ: z\n", 3, "option letter 'Z' is outside A-D");
}

static void options_out_of_order_or_twice_are_refused(void **state)
{
    (void)state;
    refused("Q: x\nA: a\nC: c\n", 3, "option C comes before option B");
    refused("Q: x\nB: b\n", 2, "option B comes before option A");
    refused("Q: x\nA: a\nB: b\nA: again\n", 4,
            "option A appears twice (first on line 2)");
}

static void fewer_than_two_options_are_refused(void **state)
{
    (void)state;
    refused("Q: x\nA: only\nKEY: A\nWHY: w\n", 1,
            "has 1 option; a question needs at least 2");
    refused("Q: x\nKEY: A\nWHY: w\n\nQ: y\n", 1,
            "has 0 options; a question needs at least 2");
}

static void an_empty_file_is_refused(void **state)
{
    (void)state;
    refused_at("", 0, 1, "empty bank");
    refused("\n\n   \n# only comments\n", 1, "empty bank");
}

static void a_very_long_line_is_refused(void **state)
{
    (void)state;
    size_t n = 100000;
    char *text = malloc(n + 32);
    assert_non_null(text);
    strcpy(text, "# fine\nQ: ");
    memset(text + 10, 'x', n);
    strcpy(text + 10 + n, "\nA: a\n");
    refused(text, 2, "line is 100003 bytes long; the limit is 1024");
    free(text);
}

static void invalid_utf8_is_refused(void **state)
{
    (void)state;
    refused("Q: caf\xE9 latin-1\n", 1, "invalid UTF-8 (byte 0xE9) at column 7");
    refused("Q: ok\nA: \xC0\xAF overlong\n", 2, "invalid UTF-8 (byte 0xC0)");
    refused("Q: \xED\xA0\x80 surrogate\n", 1, "invalid UTF-8 (byte 0xED)");
    refused("Q: \xF4\x90\x80\x80 past U+10FFFF\n", 1, "invalid UTF-8");
    refused("Q: cut \xE2\x80\n", 1, "invalid UTF-8 (byte 0xE2) at column 8");
    refused("Q: \x80 lone continuation\n", 1, "invalid UTF-8 (byte 0x80)");
}

static void binary_bytes_are_refused(void **state)
{
    (void)state;
    const char nul[] = "Q: a\0b\nA: x\n";
    refused_at(nul, sizeof nul - 1, 1, "binary byte 0x00 at column 5");
    refused("Q: ok\nA: \x01\x02\n", 2, "binary byte 0x01 at column 4");
    refused("Q: del \x7F\n", 1, "binary byte 0x7F");
    refused("Q: cr\rinside\n", 1, "binary byte 0x0D at column 6");
}

/* ---- other mistakes an instructor can make ---- */

static void a_wrong_option_without_its_mistake_is_refused(void **state)
{
    (void)state;
    refused("Q: x\nA: a\nMISTAKE: m\nB: b\nC: c\nKEY: B\nWHY: w\n", 5,
            "option C is wrong but has no MISTAKE:");
}

static void a_mistake_on_the_key_is_refused(void **state)
{
    (void)state;
    refused("Q: x\nA: a\nMISTAKE: m\nB: b\nMISTAKE: m\nKEY: A\nWHY: w\n", 3,
            "option A is the key");
}

static void a_mistake_before_any_option_is_refused(void **state)
{
    (void)state;
    refused("Q: x\nMISTAKE: m\n", 2, "MISTAKE: before any option");
}

static void two_mistakes_for_one_option_are_refused(void **state)
{
    (void)state;
    refused("Q: x\nA: a\nMISTAKE: m\nMISTAKE: n\n", 4,
            "a second MISTAKE: for option A (the first is on line 3)");
}

static void a_missing_explanation_is_refused(void **state)
{
    (void)state;
    refused("Q: x\nA: a\nB: b\nMISTAKE: m\nKEY: A\n", 1, "no explanation");
}

static void a_second_title_or_why_is_refused(void **state)
{
    (void)state;
    refused("Q: x\nTITLE: t\nTITLE: u\n", 3, "a second TITLE:");
    refused("Q: x\nWHY: w\nWHY: v\n", 3, "a second WHY:");
}

static void empty_texts_are_refused(void **state)
{
    (void)state;
    refused("Q:\nA: a\nB: b\nMISTAKE: m\nKEY: A\nWHY: w\n", 1,
            "Q: has no question text");
    refused("Q: x\nA:\nB: b\nMISTAKE: m\nKEY: A\nWHY: w\n", 2,
            "option A has no text");
    refused("Q: x\nA: a\nB: b\nMISTAKE:\nKEY: A\nWHY: w\n", 4,
            "the MISTAKE: of option B is empty");
    refused("Q: x\nA: a\nB: b\nMISTAKE: m\nKEY: A\nWHY:\n", 6, "WHY: is empty");
    refused("Q: x\nTITLE:\nA: a\nB: b\nMISTAKE: m\nKEY: A\nWHY: w\n", 2,
            "TITLE: is empty");
}

static void fields_outside_a_question_are_refused(void **state)
{
    (void)state;
    refused("# header\nA: a\n", 2, "'A:' outside a question");
    refused("KEY: A\n", 1, "'KEY:' outside a question");
}

static void unknown_lines_are_refused(void **state)
{
    (void)state;
    refused("Q: x\nNote: y\n", 2, "unknown field 'Note:'");
    refused("Q: x\nno colon here\n", 2, "expected a field");
    refused("Q: x\n: empty keyword\n", 2, "expected a field");
}

static void a_continuation_with_nothing_to_continue_is_refused(void **state)
{
    (void)state;
    refused("   floating\nQ: x\n", 1, "none to continue");
    refused("Q: x\n\n   after a blank line\n", 3, "none to continue");
    refused("Q: x\nA: a\nB: b\nKEY: A\n| after the key\n", 5,
            "none to continue");
}

static void a_text_longer_than_the_limit_is_refused(void **state)
{
    (void)state;
    size_t lines = QUIZ_TEXT_MAX / 100 + 2;
    char *text = malloc(lines * 104 + 16);
    assert_non_null(text);
    char *p = text + sprintf(text, "Q: x\n");
    for (size_t i = 0; i < lines; i++) {
        memset(p, ' ', 3);
        memset(p + 3, 'y', 99);
        p[102] = '\n';
        p += 103;
    }
    *p = '\0';
    refused(text, (long)(QUIZ_TEXT_MAX / 100 + 2), "the text grows past 8192");
    free(text);
}

static void more_questions_than_the_limit_are_refused(void **state)
{
    (void)state;
    static const char one[] = "Q: x\nA: a\nB: b\nMISTAKE: m\nKEY: A\nWHY: w\n";
    size_t n = QUIZ_MAX_QUESTIONS + 1, len = sizeof one - 1;
    char *text = malloc(n * len + 1);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++)
        memcpy(text + i * len, one, len);
    text[n * len] = '\0';
    refused(text, (long)(QUIZ_MAX_QUESTIONS * 6 + 1), "more than 1000");
    free(text);
}

static void a_null_error_struct_is_allowed(void **state)
{
    (void)state;
    struct quiz_bank b;
    LESSON(quiz_bank_parse("Q:", 3, "t.txt", &b, NULL) == KIT_EINVAL,
           "err may be NULL; the status alone still tells the caller");
}

/* ---- files ---- */

static void a_missing_file_is_not_found(void **state)
{
    (void)state;
    struct quiz_bank b;
    struct kit_error err;
    enum kit_status st = quiz_bank_load("tests/quiz/no-such-bank.txt", &b, &err);
    LESSON(st == KIT_ENOTFOUND, "a missing bank file is KIT_ENOTFOUND, not %d",
           st);
    LESSON(strstr(err.msg, "tests/quiz/no-such-bank.txt: ") == err.msg,
           "the message names the file: '%s'", err.msg);
}

static void a_bank_file_loads_and_errors_name_it(void **state)
{
    (void)state;
    struct quiz_bank b;
    struct kit_error err;
    enum kit_status st = quiz_bank_load("tests/quiz/special.txt", &b, &err);
    LESSON(st == KIT_OK, "tests/quiz/special.txt must load: %s", err.msg);
    quiz_bank_free(&b);
    st = quiz_bank_load("tests/quiz/bad_no_key.txt", &b, &err);
    LESSON(st == KIT_EINVAL &&
               strncmp(err.msg, "tests/quiz/bad_no_key.txt:1: ", 29) == 0,
           "a malformed file's error starts with its path and line: '%s'",
           err.msg);
}

static void a_directory_is_not_a_bank(void **state)
{
    (void)state;
    struct quiz_bank b;
    struct kit_error err;
    enum kit_status st = quiz_bank_load("tests/quiz", &b, &err);
    LESSON(st == KIT_EINVAL && strstr(err.msg, "tests/quiz: ") == err.msg,
           "reading a directory fails with its name: %d '%s'", st, err.msg);
}

static void an_oversized_stream_is_refused(void **state)
{
    (void)state;
    char data[100];
    memset(data, 'x', sizeof data);
    FILE *f = fmemopen(data, sizeof data, "r");
    assert_non_null(f);
    char *text = NULL;
    size_t len = 0;
    struct kit_error err;
    enum kit_status st = quiz_read_stream(f, "big", 99, &text, &len, &err);
    fclose(f);
    LESSON(st == KIT_EINVAL && text == NULL,
           "100 bytes are more than a 99-byte limit: %s", err.msg);
    assert_string_equal(err.msg, "big: larger than 99 bytes");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(two_questions_parse_in_order),
        cmocka_unit_test(indented_lines_join_with_a_space),
        cmocka_unit_test(bar_lines_keep_breaks_and_indentation),
        cmocka_unit_test(comments_crlf_bom_and_any_case),
        cmocka_unit_test(utf8_text_is_kept),
        cmocka_unit_test(a_line_of_exactly_the_limit_is_fine),
        cmocka_unit_test(free_null_and_twice_is_safe),
        cmocka_unit_test(no_key_is_refused_at_the_question),
        cmocka_unit_test(two_keys_on_two_lines_are_refused),
        cmocka_unit_test(two_keys_on_one_line_are_refused),
        cmocka_unit_test(a_key_that_is_not_one_letter_is_refused),
        cmocka_unit_test(a_key_naming_a_missing_option_is_refused),
        cmocka_unit_test(option_letters_outside_a_to_d_are_refused),
        cmocka_unit_test(options_out_of_order_or_twice_are_refused),
        cmocka_unit_test(fewer_than_two_options_are_refused),
        cmocka_unit_test(an_empty_file_is_refused),
        cmocka_unit_test(a_very_long_line_is_refused),
        cmocka_unit_test(invalid_utf8_is_refused),
        cmocka_unit_test(binary_bytes_are_refused),
        cmocka_unit_test(a_wrong_option_without_its_mistake_is_refused),
        cmocka_unit_test(a_mistake_on_the_key_is_refused),
        cmocka_unit_test(a_mistake_before_any_option_is_refused),
        cmocka_unit_test(two_mistakes_for_one_option_are_refused),
        cmocka_unit_test(a_missing_explanation_is_refused),
        cmocka_unit_test(a_second_title_or_why_is_refused),
        cmocka_unit_test(empty_texts_are_refused),
        cmocka_unit_test(fields_outside_a_question_are_refused),
        cmocka_unit_test(unknown_lines_are_refused),
        cmocka_unit_test(a_continuation_with_nothing_to_continue_is_refused),
        cmocka_unit_test(a_text_longer_than_the_limit_is_refused),
        cmocka_unit_test(more_questions_than_the_limit_are_refused),
        cmocka_unit_test(a_null_error_struct_is_allowed),
        cmocka_unit_test(a_missing_file_is_not_found),
        cmocka_unit_test(a_bank_file_loads_and_errors_name_it),
        cmocka_unit_test(a_directory_is_not_a_bank),
        cmocka_unit_test(an_oversized_stream_is_refused),
    };
    return cmocka_run_group_tests_name("quiz bank parser", tests, NULL, NULL);
}
