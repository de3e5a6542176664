/* What every exercise test shares.  A test reads like a lesson: when an
 * expectation fails, its message says what was expected and why, and the
 * grader shows that message to the student. */
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

/* Fails the test with a teaching message (printf-style; the first argument
 * must be a string literal) unless cond holds. */
#define lesson_expect(cond, ...)       \
    do {                               \
        if (!(cond))                   \
            fail_msg(__VA_ARGS__);     \
    } while (0)

/* Runs the group with stdout line-buffered, so that each message printed
 * on stderr stays next to its test's TAP line when the grader reads both
 * from one pipe (CMOCKA_MESSAGE_OUTPUT=TAP). */
#define lesson_run(name, tests)                                     \
    (setvbuf(stdout, NULL, _IOLBF, BUFSIZ),                         \
     cmocka_run_group_tests_name(name, tests, NULL, NULL))

#endif /* LESSON_H */
