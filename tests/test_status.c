#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "status.h"

static void every_code_has_a_name_and_text(void **state)
{
    (void)state;
    for (int s = 0; s < REG_STATUS_COUNT; s++) {
        assert_string_not_equal(reg_strerror(s), "unknown error");
        assert_string_not_equal(reg_status_name(s), "UNKNOWN");
    }
    assert_string_equal(reg_status_name(REG_ENOTFOUND), "ENOTFOUND");
}

static void lookups_outside_the_table_fall_back(void **state)
{
    (void)state;
    assert_string_equal(reg_strerror(-1), "unknown error");
    assert_string_equal(reg_strerror(REG_STATUS_COUNT), "unknown error");
    assert_string_equal(reg_status_name(1000), "UNKNOWN");
}

static void error_set_records_and_returns_the_status(void **state)
{
    (void)state;
    struct reg_error err;
    assert_int_equal(reg_error_set(&err, REG_EEXIST, "m=%s v=%d", "a", 2),
                     REG_EEXIST);
    assert_int_equal(err.status, REG_EEXIST);
    assert_string_equal(err.msg, "m=a v=2");
    assert_int_equal(reg_error_set(NULL, REG_EINVAL, "ignored"), REG_EINVAL);
    reg_error_clear(&err);
    assert_int_equal(err.status, REG_OK);
    assert_string_equal(err.msg, "");
    reg_error_clear(NULL);
}

static void a_long_message_is_truncated_not_overflowed(void **state)
{
    (void)state;
    char big[2 * REG_ERROR_MSG_MAX];
    struct reg_error err;
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    reg_error_set(&err, REG_EINVAL, "%s", big);
    assert_int_equal(strlen(err.msg), REG_ERROR_MSG_MAX - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_code_has_a_name_and_text),
        cmocka_unit_test(lookups_outside_the_table_fall_back),
        cmocka_unit_test(error_set_records_and_returns_the_status),
        cmocka_unit_test(a_long_message_is_truncated_not_overflowed),
    };
    return cmocka_run_group_tests_name("status", tests, NULL, NULL);
}
