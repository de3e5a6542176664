/* A fixture exercise for the grader's test: the second test sleeps for five
 * minutes, after writing its process group to the file named by
 * GRADE_FIXTURE_PGID_FILE, so that the test can stop the grader and then
 * look for what is left of the group. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cmocka.h>

static void passes(void **state)
{
    (void)state;
    assert_true(1);
}

/* Writes through a rename, so that a reader never sees half a number. */
static void write_pgid(const char *path)
{
    char tmp[1024];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    assert_non_null(f);
    fprintf(f, "%ld\n", (long)getpgrp());
    assert_int_equal(fclose(f), 0);
    assert_int_equal(rename(tmp, path), 0);
}

static void sleeps(void **state)
{
    (void)state;
    const char *path = getenv("GRADE_FIXTURE_PGID_FILE");
    if (path != NULL)
        write_pgid(path);
    sleep(300);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(passes),
        cmocka_unit_test(sleeps),
    };
    setvbuf(stdout, NULL, _IOLBF, BUFSIZ);
    return cmocka_run_group_tests_name("fixture_sleep", tests, NULL, NULL);
}
