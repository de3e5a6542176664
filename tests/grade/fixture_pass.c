/* A fixture exercise for the grader's test: every test passes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

static void one_is_one(void **state)
{
    (void)state;
    assert_int_equal(1, 1);
}

static void two_is_two(void **state)
{
    (void)state;
    assert_int_equal(2, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_is_one),
        cmocka_unit_test(two_is_two),
    };
    setvbuf(stdout, NULL, _IOLBF, BUFSIZ);
    return cmocka_run_group_tests_name("fixture_pass", tests, NULL, NULL);
}
