/* A fixture exercise for the grader's test: the second test never ends (a
 * loop whose condition cannot become false). */
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

static void loops_forever(void **state)
{
    (void)state;
    volatile unsigned spins = 0;
    for (unsigned i = 0; i < 10; i += 0)
        spins++;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(passes),
        cmocka_unit_test(loops_forever),
    };
    setvbuf(stdout, NULL, _IOLBF, BUFSIZ);
    return cmocka_run_group_tests_name("fixture_loop", tests, NULL, NULL);
}
