/* A fixture exercise for the grader's test: one of three tests fails with a
 * teaching message, one with cmocka's own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

static void passes(void **state)
{
    (void)state;
    assert_true(1);
}

static void fails_with_a_lesson(void **state)
{
    (void)state;
    fail_msg("expected %d versions, got %d: archived is not deleted", 2, 1);
}

static void fails_plainly(void **state)
{
    (void)state;
    assert_int_equal(2, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(passes),
        cmocka_unit_test(fails_with_a_lesson),
        cmocka_unit_test(fails_plainly),
    };
    setvbuf(stdout, NULL, _IOLBF, BUFSIZ);
    return cmocka_run_group_tests_name("fixture_fail", tests, NULL, NULL);
}
