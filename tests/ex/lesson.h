/* What every exercise test shares.  A test reads like a lesson: when an
 * expectation fails, its message says what was expected and why, and the
 * grader shows that message to the student.
 *
 * The harness (tests/ex/lesson.c) runs the cases.  Run by hand, it is a
 * plain cmocka group.  Run by the grader, which announces a private result
 * channel (STAGEKIT_RESULT_FD, STAGEKIT_RESULT_TOKEN), it runs each case as
 * a group of its own and reports its start, its lesson messages and its
 * result on that channel: nothing the code under test prints can count as
 * a result (docs/kata.md, "Threat model"). */
#ifndef LESSON_H
#define LESSON_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

/* The registry fixture (kit_fixture_setup_ticking(): a clock that ticks one
 * millisecond per reading), kit_model_in_stages() and the other helpers
 * the engine's tests share. */
#include "../kit_test.h"

/* Fails the current case with a teaching message (printf-style); the
 * message also goes to the grader's result channel.  Does not return. */
void lesson_fail(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2), noreturn))
#endif
    ;

/* Fails the test with a teaching message (printf-style; the first argument
 * must be a string literal) unless cond holds.  The kit's other tests have
 * a LESSON of the same meaning that only calls fail_msg(). */
#define LESSON(cond, ...)              \
    do {                               \
        if (!(cond))                   \
            lesson_fail(__VA_ARGS__);  \
    } while (0)

/* Asks the grader to stop the current case if it is still running after
 * `seconds` of wall time, and to report the message (printf-style), e.g.
 * "your loop looks quadratic: n = 300000 took over 2 s".  Call it just
 * before the call under test, with a wide margin, never to time fast code.
 * The limit holds until the case ends, so the checks after the call must
 * be quick; a second, looser limit in the same case changes nothing.
 * Without a grader it does nothing. */
void lesson_limit(double seconds, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Runs the group (see the top of this file); returns the number of failed
 * cases, as cmocka does.  With STAGEKIT_LIST_CASES set in the environment
 * it prints the case names, one per line, and runs nothing. */
int lesson_main(const char *group, const struct CMUnitTest *tests,
                size_t count);

#define lesson_run(name, tests) \
    lesson_main(name, tests, sizeof(tests) / sizeof((tests)[0]))

#endif /* LESSON_H */
