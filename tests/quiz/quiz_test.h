#ifndef QUIZ_TEST_H
#define QUIZ_TEST_H

/* Shared helpers of the quiz's cmocka tests (tests/test_quiz*.c): cmocka's
 * includes in the order it needs them, lesson-style assertions, banks from
 * strings and output captured in memory. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "quiz.h"

/* Fails with a sentence that says what went wrong, when cond is false. */
#define LESSON(cond, ...)                                                  \
    do {                                                                   \
        if (!(cond))                                                       \
            fail_msg(__VA_ARGS__);                                         \
    } while (0)

/* A well-formed two-question bank used by several suites: keys B and A. */
#define TWO_QUESTIONS                                                      \
    "Q: First stem\n"                                                      \
    "TITLE: First\n"                                                       \
    "A: one\n"                                                             \
    "MISTAKE: mistake one\n"                                               \
    "B: two\n"                                                             \
    "C: three\n"                                                           \
    "MISTAKE: mistake three\n"                                             \
    "D: four\n"                                                            \
    "MISTAKE: mistake four\n"                                              \
    "KEY: B\n"                                                             \
    "WHY: because two\n"                                                   \
    "\n"                                                                   \
    "Q: Second stem\n"                                                     \
    "A: yes\n"                                                             \
    "B: no\n"                                                              \
    "MISTAKE: mistake no\n"                                                \
    "KEY: A\n"                                                             \
    "WHY: because yes\n"

/* Parses text (named "t.txt"), failing the test with the parser's message
 * if it is refused. */
static inline struct quiz_bank parse_ok(const char *text)
{
    struct quiz_bank b = {0};
    struct kit_error err;
    enum kit_status st = quiz_bank_parse(text, strlen(text), "t.txt", &b, &err);
    LESSON(st == KIT_OK, "a well-formed bank must parse, but got: %s", err.msg);
    return b;
}

/* Parses len bytes that must be refused with KIT_EINVAL, at "t.txt:line:",
 * with needle in the message. */
static inline void refused_at(const char *data, size_t len, long line,
                              const char *needle)
{
    struct quiz_bank b = {.count = 12345};
    struct kit_error err;
    enum kit_status st = quiz_bank_parse(data, len, "t.txt", &b, &err);
    LESSON(st == KIT_EINVAL,
           "a malformed bank must be refused with KIT_EINVAL (%d), not %d; "
           "a silent skip hides the instructor's mistake", KIT_EINVAL, st);
    char where[32];
    snprintf(where, sizeof where, "t.txt:%ld: ", line);
    LESSON(strncmp(err.msg, where, strlen(where)) == 0,
           "the error must start with file:line, '%s', but it is '%s'",
           where, err.msg);
    LESSON(strstr(err.msg, needle) != NULL,
           "the error must say '%s', but it is '%s'", needle, err.msg);
    LESSON(b.count == 12345 && b.questions == NULL,
           "on error the output bank must be left untouched");
}

static inline void refused(const char *text, long line, const char *needle)
{
    refused_at(text, strlen(text), line, needle);
}

/* cmocka teardown of a group whose setup put a malloc'ed bank in *state:
 * frees the bank and its storage. */
static inline int bank_teardown(void **state)
{
    quiz_bank_free(*state);
    free(*state);
    return 0;
}

/* Output captured in memory. */
struct capture {
    char *buf;
    size_t len;
    FILE *f;
};

static inline FILE *capture_start(struct capture *c)
{
    c->buf = NULL;
    c->len = 0;
    c->f = open_memstream(&c->buf, &c->len);
    assert_non_null(c->f);
    return c->f;
}

/* Closes the stream; the text is in c->buf (free it). */
static inline char *capture_end(struct capture *c)
{
    assert_int_equal(fclose(c->f), 0);
    return c->buf;
}

/* How many times needle occurs in s. */
static inline size_t count_of(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

#endif /* QUIZ_TEST_H */
