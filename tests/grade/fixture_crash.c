/* A fixture exercise for the grader's test: the second test kills the
 * process (abort() raises SIGABRT, which cmocka does not catch). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

static void passes(void **state)
{
    (void)state;
    assert_true(1);
}

static void crashes(void **state)
{
    (void)state;
    abort();
}

static void never_runs(void **state)
{
    (void)state;
    assert_true(1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(passes),
        cmocka_unit_test(crashes),
        cmocka_unit_test(never_runs),
    };
    setvbuf(stdout, NULL, _IOLBF, BUFSIZ);
    return cmocka_run_group_tests_name("fixture_crash", tests, NULL, NULL);
}
