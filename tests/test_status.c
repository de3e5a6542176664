#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sysexits.h>

#include <cmocka.h>

#include "prog.h"
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

/* The statuses every program maps alike (issue 13), whatever a program
 * does with the rest: modelreg and bench give 1, grade 2, quiz 3 or 4. */
static void every_program_maps_ok_usage_and_out_of_memory_alike(void **state)
{
    (void)state;
    static const int others[] = {1, 2, 3, 4};
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        assert_int_equal(prog_exit_status(KIT_OK, others[i]), 0);
        assert_int_equal(prog_exit_status(KIT_EUSAGE, others[i]), 2);
        assert_int_equal(prog_exit_status(KIT_ENOMEM, others[i]),
                         PROG_EXIT_NOMEM);
    }
}

static void every_other_status_is_the_programs_own(void **state)
{
    (void)state;
    for (int s = 0; s < KIT_STATUS_COUNT; s++) {
        if (s == KIT_OK || s == KIT_EUSAGE || s == KIT_ENOMEM)
            continue;
        assert_int_equal(prog_exit_status(s, 1), 1);
        assert_int_equal(prog_exit_status(s, 3), 3);
    }
    assert_int_equal(prog_exit_status((enum kit_status)KIT_STATUS_COUNT, 4),
                     4);
}

static void out_of_memory_is_sysexits_oserr_and_no_other_code(void **state)
{
    (void)state;
    assert_int_equal(PROG_EXIT_NOMEM, EX_OSERR);
    /* 0 to 4 carry the programs' own meanings; from 126 the shell's. */
    assert_true(PROG_EXIT_NOMEM > 4 && PROG_EXIT_NOMEM < 126);
    assert_int_not_equal(PROG_EXIT_NOMEM, PROG_EXIT_USAGE);
}

static void errno_enomem_is_out_of_memory_and_says_so(void **state)
{
    (void)state;
    assert_int_equal(kit_errno_status(ENOMEM), KIT_ENOMEM);
    assert_int_equal(kit_errno_status(EACCES), KIT_ESYS);
    assert_int_equal(kit_errno_status(ENOSPC), KIT_ESYS);
    assert_string_equal(kit_errno_text(ENOMEM), "out of memory");
    assert_string_equal(kit_errno_text(ENOMEM), kit_strerror(KIT_ENOMEM));
    assert_string_equal(kit_errno_text(EACCES), strerror(EACCES));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_code_has_a_name_and_text),
        cmocka_unit_test(lookups_outside_the_table_fall_back),
        cmocka_unit_test(error_set_records_and_returns_the_status),
        cmocka_unit_test(a_long_message_is_truncated_not_overflowed),
        cmocka_unit_test(every_program_maps_ok_usage_and_out_of_memory_alike),
        cmocka_unit_test(every_other_status_is_the_programs_own),
        cmocka_unit_test(out_of_memory_is_sysexits_oserr_and_no_other_code),
        cmocka_unit_test(errno_enomem_is_out_of_memory_and_says_so),
    };
    return cmocka_run_group_tests_name("status", tests, NULL, NULL);
}
