/* Text helpers every writer of the kit shares: UTF-8 sequences and JSON
 * strings (what --json, grade.json and the quiz's JSON are made of). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "kit_test.h"
#include "utf8.h"

static void utf8_sequences_are_measured_or_refused(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t len;
    } cases[] = {
        {"a", 1},                {"\xC3\xA9", 2},         /* é */
        {"\xE2\x82\xAC", 3},     {"\xF0\x9F\x99\x82", 4}, /* € and 🙂 */
        {"\x80", 0},             /* a stray continuation byte */
        {"\xC0\x80", 0},         /* an overlong NUL */
        {"\xED\xA0\x80", 0},     /* a surrogate */
        {"\xF4\x90\x80\x80", 0}, /* past U+10FFFF */
        {"\xE2\x82", 0},         /* cut short */
        {"\xFF", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const unsigned char *s = (const unsigned char *)cases[i].bytes;
        size_t got = utf8_seq_len(s, strlen(cases[i].bytes));
        if (got != cases[i].len)
            fail_msg("case %zu: utf8_seq_len gave %zu, want %zu", i, got,
                     cases[i].len);
    }
}

static void cuts_fall_between_utf8_characters(void **state)
{
    (void)state;
    const char *s = "ab\xE2\x82\xAC"; /* "ab€": the euro takes 3 bytes */
    assert_int_equal(utf8_fit(s, 5, 9), 5);
    assert_int_equal(utf8_fit(s, 5, 4), 2); /* never half a euro */
    assert_int_equal(utf8_fit(s, 5, 2), 2);
    char cut[] = "ab\xE2\x82";            /* a euro cut short */
    utf8_trim(cut);
    assert_string_equal(cut, "ab");
    char whole[] = "ab\xE2\x82\xAC";
    utf8_trim(whole);
    assert_string_equal(whole, "ab\xE2\x82\xAC");
}

/* json_string(s) as a C string the caller frees. */
static char *json_of(const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    json_string(f, s);
    assert_int_equal(fclose(f), 0);
    return buf;
}

static void json_strings_escape_and_stay_valid(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"plain", "\"plain\""},
        {"a\"b\\c", "\"a\\\"b\\\\c\""},
        {"l1\nl2\tx\x01", "\"l1\\nl2\\tx\\u0001\""},
        {"caf\xC3\xA9", "\"caf\xC3\xA9\""},
        /* a name that is not UTF-8 still gives valid JSON */
        {"m\xFFx\xC3", "\"m\\ufffdx\\ufffd\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = json_of(cases[i].in);
        assert_string_equal(got, cases[i].out);
        free(got);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_sequences_are_measured_or_refused),
        cmocka_unit_test(cuts_fall_between_utf8_characters),
        cmocka_unit_test(json_strings_escape_and_stay_valid),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
