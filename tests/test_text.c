/* Text helpers every writer of the kit shares: UTF-8 sequences (JSON
 * strings are tests/test_json.c's). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_sequences_are_measured_or_refused),
        cmocka_unit_test(cuts_fall_between_utf8_characters),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
