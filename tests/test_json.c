/* The JSON writer (include/json.h): commas, layout, escaping, and misuse
 * that must stop the output and say why instead of writing something
 * that parses but means something else. */
#define _GNU_SOURCE /* fopencookie: a stream that fails one write */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "kit_test.h"

/* A writer on a memory buffer. */
struct sink {
    FILE *f;
    char *buf;
    size_t len;
    struct json_writer w;
    struct kit_error err;
};

static struct json_writer *sink_open(struct sink *s, unsigned lines)
{
    s->buf = NULL;
    s->f = open_memstream(&s->buf, &s->len);
    assert_non_null(s->f);
    json_init(&s->w, s->f, lines);
    kit_error_clear(&s->err);
    return &s->w;
}

/* Ends the document; *out gets what was written (the caller frees it). */
static enum kit_status sink_close(struct sink *s, char **out)
{
    enum kit_status st = json_end(&s->w, &s->err);
    assert_int_equal(fclose(s->f), 0);
    *out = s->buf;
    return st;
}

/* Ends a document that must be right and compares it with want. */
static void sink_expect(struct sink *s, const char *want)
{
    char *got;
    enum kit_status st = sink_close(s, &got);
    if (st != KIT_OK)
        fail_msg("the writer refused a correct document: %s", s->err.msg);
    assert_string_equal(got, want);
    free(got);
}

/* Ends a misused document: the status, a message naming the misuse, and
 * only what was written before it (no newline: the document never
 * ended). */
static void sink_refused(struct sink *s, enum kit_status want_st,
                         const char *why, const char *want)
{
    char *got;
    enum kit_status st = sink_close(s, &got);
    if (st != want_st)
        fail_msg("misuse gave status %d, want %d (output: %s)", st, want_st,
                 got);
    if (strstr(s->err.msg, why) == NULL)
        fail_msg("the message '%s' does not say '%s'", s->err.msg, why);
    assert_string_equal(got, want);
    free(got);
}

/* --- commas and layout --------------------------------------------------- */

static void members_and_elements_have_one_comma_between(void **state)
{
    (void)state;
    struct sink s;
    struct json_writer *w = sink_open(&s, 0);
    json_begin_object(w);
    json_int(json_key(w, "a"), 1);
    json_begin_array(json_key(w, "b"));
    json_int(w, 1);
    json_int(w, 2);
    json_int(w, 3);
    json_end_array(w);
    json_str(json_key(w, "c"), "x");
    json_end_object(w);
    sink_expect(&s, "{\"a\": 1, \"b\": [1, 2, 3], \"c\": \"x\"}\n");
}

static void a_nested_containers_first_member_has_no_comma(void **state)
{
    (void)state;
    struct sink s;
    struct json_writer *w = sink_open(&s, 0);
    json_begin_array(w);
    json_begin_object(w);
    json_int(json_key(w, "x"), 1);
    json_begin_object(json_key(w, "y"));
    json_bool(json_key(w, "z"), true);
    json_end_object(w);
    json_end_object(w);
    json_begin_array(w);
    json_begin_array(w);
    json_end_array(w);
    json_null(w);
    json_end_array(w);
    json_end_array(w);
    sink_expect(&s, "[{\"x\": 1, \"y\": {\"z\": true}}, [[], null]]\n");
}

static void the_first_levels_go_one_member_a_line(void **state)
{
    (void)state;
    struct sink s;
    struct json_writer *w = sink_open(&s, 2);
    json_begin_object(w);
    json_int(json_key(w, "n"), 2);
    json_begin_array(json_key(w, "empty"));
    json_end_array(w);
    json_begin_array(json_key(w, "rows"));
    json_begin_object(w);
    json_int(json_key(w, "a"), 1);
    json_begin_array(json_key(w, "b"));
    json_bool(w, true);
    json_bool(w, false);
    json_end_array(w);
    json_end_object(w);
    json_null(w);
    json_end_array(w);
    json_end_object(w);
    sink_expect(&s, "{\n"
                    "  \"n\": 2,\n"
                    "  \"empty\": [],\n"
                    "  \"rows\": [\n"
                    "    {\"a\": 1, \"b\": [true, false]},\n"
                    "    null\n"
                    "  ]\n"
                    "}\n");
}

static void an_empty_top_level_container_stays_on_its_line(void **state)
{
    (void)state;
    struct sink s;
    struct json_writer *w = sink_open(&s, 1);
    json_begin_array(w);
    json_end_array(w);
    sink_expect(&s, "[]\n");
    w = sink_open(&s, 3);
    json_begin_object(w);
    json_end_object(w);
    sink_expect(&s, "{}\n");
}

/* --- values -------------------------------------------------------------- */

static void every_kind_of_value_is_written(void **state)
{
    (void)state;
    struct sink s;
    struct json_writer *w = sink_open(&s, 0);
    json_begin_array(w);
    json_int(w, -9223372036854775807LL - 1);
    json_int(w, 9223372036854775807LL);
    json_uint(w, 18446744073709551615ULL);
    json_double(w, 0.5, 4);
    json_double(w, 2.0 / 3.0, 3);
    json_double(w, 0.1, -1);   /* not 0.10000000000000001 */
    json_double(w, 1e300, -1); /* %f would be 301 digits */
    json_double(w, 2.0 / 3.0, -1);
    json_double(w, 10, -1);
    json_bool(w, false);
    json_null(w);
    json_str(w, NULL);
    json_str(w, "");
    json_end_array(w);
    sink_expect(&s, "[-9223372036854775808, 9223372036854775807, "
                    "18446744073709551615, 0.5000, 0.667, 0.1, 1e+300, "
                    "0.6666666666666666, 10, false, null, null, \"\"]\n");
}

static void a_scalar_can_be_the_whole_document(void **state)
{
    (void)state;
    struct sink s;
    json_int(sink_open(&s, 0), 42);
    sink_expect(&s, "42\n");
    json_str(sink_open(&s, 2), "x");
    sink_expect(&s, "\"x\"\n");
}

static void keys_are_escaped_as_strings_are(void **state)
{
    (void)state;
    struct sink s;
    struct json_writer *w = sink_open(&s, 0);
    json_begin_object(w);
    json_int(json_key(w, "q\"\\\n"), 1);
    json_end_object(w);
    sink_expect(&s, "{\"q\\\"\\\\\\n\": 1}\n");
}

/* --- escaping ------------------------------------------------------------ */

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
        {"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x99\x82",
         "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x99\x82\""},
        {"del\x7F", "\"del\x7F\""}, /* JSON allows DEL as it is */
        /* each byte that is not UTF-8 is one U+FFFD: still valid JSON */
        {"m\xFFx\xC3", "\"m\\ufffdx\\ufffd\""},
        {"\x80", "\"\\ufffd\""},                       /* stray */
        {"\xC0\x80", "\"\\ufffd\\ufffd\""},            /* overlong NUL */
        {"\xED\xA0\x80", "\"\\ufffd\\ufffd\\ufffd\""}, /* surrogate */
        {"\xF4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\""},
        {"\xE2\x82!", "\"\\ufffd\\ufffd!\""}, /* cut short */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = json_of(cases[i].in);
        if (strcmp(got, cases[i].out) != 0)
            fail_msg("case %zu: json_string gave %s, want %s", i, got,
                     cases[i].out);
        free(got);
    }
}

static void every_control_character_is_escaped(void **state)
{
    (void)state;
    for (int c = 1; c < 0x20; c++) {
        char in[4] = {'a', (char)c, 'b', '\0'}, want[16];
        if (c == '\n' || c == '\t')
            snprintf(want, sizeof want, "\"a\\%cb\"", c == '\n' ? 'n' : 't');
        else
            snprintf(want, sizeof want, "\"a\\u%04xb\"", (unsigned)c);
        char *got = json_of(in);
        if (strcmp(got, want) != 0)
            fail_msg("control character 0x%02x gave %s, want %s", c, got,
                     want);
        free(got);
    }
}

/* --- misuse -------------------------------------------------------------- */

static void a_value_without_its_key_stops_the_object(void **state)
{
    (void)state;
    struct sink s;
    struct json_writer *w = sink_open(&s, 0);
    json_begin_object(w);
    json_int(json_key(w, "a"), 1);
    json_int(w, 2); /* no key */
    json_int(json_key(w, "b"), 3);
    json_end_object(w);
    sink_refused(&s, KIT_EINVAL, "a value without a key", "{\"a\": 1");
}

static void a_key_belongs_in_an_object_only(void **state)
{
    (void)state;
    struct sink s;
    struct json_writer *w = sink_open(&s, 0);
    json_begin_array(w);
    json_int(w, 1);
    json_int(json_key(w, "k"), 2);
    json_end_array(w);
    sink_refused(&s, KIT_EINVAL, "a key outside an object", "[1");
    json_key(sink_open(&s, 0), "top");
    sink_refused(&s, KIT_EINVAL, "a key outside an object", "");
}

static void a_key_needs_its_value(void **state)
{
    (void)state;
    struct sink s;
    struct json_writer *w = sink_open(&s, 0);
    json_begin_object(w);
    json_key(w, "a");
    json_int(json_key(w, "b"), 1);
    sink_refused(&s, KIT_EINVAL, "a key right after another key",
                 "{\"a\": ");
    w = sink_open(&s, 0);
    json_begin_object(w);
    json_key(w, "a");
    json_end_object(w);
    sink_refused(&s, KIT_EINVAL, "a key without its value", "{\"a\": ");
}

static void ends_must_match_their_begins(void **state)
{
    (void)state;
    struct sink s;
    struct json_writer *w = sink_open(&s, 0);
    json_begin_object(w);
    json_end_array(w);
    sink_refused(&s, KIT_EINVAL, "does not match", "{");
    w = sink_open(&s, 0);
    json_begin_array(w);
    json_end_array(w);
    json_end_array(w); /* one too many */
    sink_refused(&s, KIT_EINVAL, "does not match", "[]");
    w = sink_open(&s, 1);
    json_begin_array(w);
    json_begin_object(w);
    json_end_object(w);
    sink_refused(&s, KIT_EINVAL, "a container left open", "[\n  {}");
}

static void one_document_holds_one_value(void **state)
{
    (void)state;
    struct sink s;
    struct json_writer *w = sink_open(&s, 0);
    json_begin_object(w);
    json_end_object(w);
    json_int(w, 1);
    sink_refused(&s, KIT_EINVAL, "a second top-level value", "{}");
    sink_open(&s, 0);
    sink_refused(&s, KIT_EINVAL, "no value written", "");
}

static void nesting_stops_at_the_documented_depth(void **state)
{
    (void)state;
    struct sink s;
    char want[2 * JSON_DEPTH_MAX + 2];
    struct json_writer *w = sink_open(&s, 0);
    for (int i = 0; i < JSON_DEPTH_MAX; i++)
        json_begin_array(w);
    for (int i = 0; i < JSON_DEPTH_MAX; i++)
        json_end_array(w);
    memset(want, '[', JSON_DEPTH_MAX);
    memset(want + JSON_DEPTH_MAX, ']', JSON_DEPTH_MAX);
    strcpy(want + 2 * JSON_DEPTH_MAX, "\n");
    sink_expect(&s, want);
    w = sink_open(&s, 0);
    for (int i = 0; i <= JSON_DEPTH_MAX; i++)
        json_begin_array(w);
    want[JSON_DEPTH_MAX] = '\0';
    sink_refused(&s, KIT_ERANGE, "deeper than JSON_DEPTH_MAX", want);
}

static void numbers_that_are_not_finite_are_refused(void **state)
{
    (void)state;
    const double bad[] = {NAN, INFINITY, -INFINITY};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct sink s;
        struct json_writer *w = sink_open(&s, 0);
        json_begin_array(w);
        json_double(w, 1, 0);
        json_double(w, bad[i], i == 0 ? -1 : 2);
        json_null(w);
        json_end_array(w);
        sink_refused(&s, KIT_EINVAL, "not finite", "[1");
    }
}

static void a_spent_writer_writes_nothing(void **state)
{
    (void)state;
    struct sink s;
    struct json_writer *w = sink_open(&s, 0);
    json_null(w);
    assert_int_equal(json_end(w, &s.err), KIT_OK);
    json_int(w, 1);
    sink_refused(&s, KIT_EINVAL, "after json_end()", "null\n");
}

/* --- write errors -------------------------------------------------------- */

static void a_full_disk_is_a_write_error(void **state)
{
    (void)state;
    FILE *f = fopen("/dev/full", "w");
    assert_non_null(f);
    struct json_writer w;
    struct kit_error err;
    json_init(&w, f, 0);
    json_str(&w, "some text that stays in the buffer until the flush");
    assert_int_equal(json_end(&w, &err), KIT_ESYS);
    assert_non_null(strstr(err.msg, "write error"));
    fclose(f);
}

/* A stream whose third write fails and whose others succeed, keeping what
 * they wrote: a writer that checks only at the end would go on. */
struct flaky {
    char got[64];
    size_t len;
    int calls;
};

static ssize_t flaky_write(void *cookie, const char *buf, size_t size)
{
    struct flaky *k = cookie;
    if (++k->calls == 3 || k->len + size >= sizeof k->got)
        return -1;
    memcpy(k->got + k->len, buf, size);
    k->len += size;
    k->got[k->len] = '\0';
    return (ssize_t)size;
}

static void nothing_follows_a_failed_write(void **state)
{
    (void)state;
    struct flaky k = {.len = 0, .calls = 0};
    cookie_io_functions_t io = {.write = flaky_write};
    FILE *f = fopencookie(&k, "w", io);
    assert_non_null(f);
    setvbuf(f, NULL, _IONBF, 0); /* each write reaches the cookie at once */
    struct json_writer w;
    json_init(&w, f, 0);
    json_begin_array(&w);
    json_str(&w, "abc");
    json_int(&w, 12345);
    json_end_array(&w);
    assert_int_equal(json_end(&w, NULL), KIT_ESYS);
    if (strstr(k.got, "12345") != NULL || strchr(k.got, ']') != NULL)
        fail_msg("the writer went on after a failed write: %s", k.got);
    fclose(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(members_and_elements_have_one_comma_between),
        cmocka_unit_test(a_nested_containers_first_member_has_no_comma),
        cmocka_unit_test(the_first_levels_go_one_member_a_line),
        cmocka_unit_test(an_empty_top_level_container_stays_on_its_line),
        cmocka_unit_test(every_kind_of_value_is_written),
        cmocka_unit_test(a_scalar_can_be_the_whole_document),
        cmocka_unit_test(keys_are_escaped_as_strings_are),
        cmocka_unit_test(json_strings_escape_and_stay_valid),
        cmocka_unit_test(every_control_character_is_escaped),
        cmocka_unit_test(a_value_without_its_key_stops_the_object),
        cmocka_unit_test(a_key_belongs_in_an_object_only),
        cmocka_unit_test(a_key_needs_its_value),
        cmocka_unit_test(ends_must_match_their_begins),
        cmocka_unit_test(one_document_holds_one_value),
        cmocka_unit_test(nesting_stops_at_the_documented_depth),
        cmocka_unit_test(numbers_that_are_not_finite_are_refused),
        cmocka_unit_test(a_spent_writer_writes_nothing),
        cmocka_unit_test(a_full_disk_is_a_write_error),
        cmocka_unit_test(nothing_follows_a_failed_write),
    };
    return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
