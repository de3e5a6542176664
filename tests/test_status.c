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
    for (int s = 0; s < KIT_STATUS_COUNT; s++) {
        assert_string_not_equal(kit_strerror(s), "unknown error");
        assert_string_not_equal(kit_status_name(s), "UNKNOWN");
    }
    assert_string_equal(kit_status_name(KIT_ENOTFOUND), "ENOTFOUND");
}

static void lookups_outside_the_table_fall_back(void **state)
{
    (void)state;
    assert_string_equal(kit_strerror(-1), "unknown error");
    assert_string_equal(kit_strerror(KIT_STATUS_COUNT), "unknown error");
    assert_string_equal(kit_status_name(1000), "UNKNOWN");
}

static void error_set_records_and_returns_the_status(void **state)
{
    (void)state;
    struct kit_error err;
    assert_int_equal(kit_error_set(&err, KIT_EEXIST, "m=%s v=%d", "a", 2),
                     KIT_EEXIST);
    assert_int_equal(err.status, KIT_EEXIST);
    assert_string_equal(err.msg, "m=a v=2");
    assert_int_equal(kit_error_set(NULL, KIT_EINVAL, "ignored"), KIT_EINVAL);
    kit_error_clear(&err);
    assert_int_equal(err.status, KIT_OK);
    assert_string_equal(err.msg, "");
    kit_error_clear(NULL);
}

static void a_long_message_is_truncated_not_overflowed(void **state)
{
    (void)state;
    char big[2 * KIT_ERROR_MSG_MAX];
    struct kit_error err;
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    kit_error_set(&err, KIT_EINVAL, "%s", big);
    assert_int_equal(strlen(err.msg), KIT_ERROR_MSG_MAX - 1);
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
