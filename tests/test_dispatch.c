/* The dispatch loop, checked with cmocka mocks: which action is called for
 * which version, how often and in what order. */
#include <stdlib.h>

#include "dispatch.h"
#include "kit_test.h"
#include "populate.h"

static void mock_deploy(void *ctx, const struct reg_version *v)
{
    (void)ctx;
    function_called();
    check_expected_ptr(v);
}

static void mock_test(void *ctx, const struct reg_version *v)
{
    (void)ctx;
    function_called();
    check_expected_ptr(v);
}

static void mock_archive(void *ctx, const struct reg_version *v)
{
    (void)ctx;
    function_called();
    check_expected_ptr(v);
}

static const struct dispatch_actions mocks = {
    {[DISPATCH_DEPLOY] = mock_deploy, [DISPATCH_TEST] = mock_test,
     [DISPATCH_ARCHIVE] = mock_archive},
    NULL,
};

/* Expects the mock of v's stage to be called with v, in this order. */
static void expect_action_for(const struct reg_version *v)
{
    switch (v->stage) {
    case STAGE_PRODUCTION:
        expect_function_call(mock_deploy);
        expect_value(mock_deploy, v, (uintptr_t)v);
        break;
    case STAGE_STAGING:
        expect_function_call(mock_test);
        expect_value(mock_test, v, (uintptr_t)v);
        break;
    default:
        expect_function_call(mock_archive);
        expect_value(mock_archive, v, (uintptr_t)v);
        break;
    }
}

static void each_stage_gets_its_action_in_array_order(void **state)
{
    (void)state;
    static const enum stage stages[] = {
        STAGE_PRODUCTION, STAGE_STAGING, STAGE_NONE, STAGE_ARCHIVED,
        STAGE_PRODUCTION, STAGE_NONE, STAGE_STAGING,
    };
    enum { N = sizeof stages / sizeof stages[0] };
    struct reg_version v[N] = {{0}};
    struct dispatch_counts c;
    for (size_t i = 0; i < N; i++) {
        v[i].stage = stages[i];
        v[i].number = (int64_t)i + 1;
        expect_action_for(&v[i]);
    }
    dispatch_all(v, N, &mocks, &c);
    assert_int_equal(c.count[DISPATCH_DEPLOY], 2);
    assert_int_equal(c.count[DISPATCH_TEST], 2);
    assert_int_equal(c.count[DISPATCH_ARCHIVE], 3);
}

static void an_empty_registry_calls_nothing(void **state)
{
    (void)state;
    struct registry r;
    struct dispatch_counts c = {{7, 7, 7}};
    size_t n;
    reg_init(&r);
    const struct reg_version *v = reg_versions(&r, &n);
    dispatch_all(v, n, &mocks, &c); /* no expectations: any call fails */
    for (int a = 0; a < DISPATCH_ACTIONS; a++)
        assert_int_equal(c.count[a], 0);
    reg_free(&r);
}

static void one_version_one_call(void **state)
{
    (void)state;
    struct registry r;
    struct dispatch_counts c;
    size_t n;
    reg_init(&r);
    kit_model_with_versions(&r, "m", 1);
    const struct reg_version *v = reg_versions(&r, &n);
    expect_function_call(mock_archive); /* None -> archive */
    expect_value(mock_archive, v, (uintptr_t)&v[0]);
    dispatch_all(v, n, &mocks, &c);
    assert_int_equal(c.count[DISPATCH_ARCHIVE], 1);
    assert_int_equal(c.count[DISPATCH_DEPLOY] + c.count[DISPATCH_TEST], 0);
    reg_free(&r);
}

static void a_real_registry_is_walked_through_its_array(void **state)
{
    (void)state;
    struct registry r;
    struct kit_error err;
    struct dispatch_counts c;
    size_t n;
    reg_init(&r);
    assert_int_equal(populate_registry(&r, 30, 3, POPULATE_SHUFFLED, 5, &err),
                     KIT_OK);
    const struct reg_version *v = reg_versions(&r, &n);
    for (size_t i = 0; i < n; i++)
        expect_action_for(&v[i]);
    dispatch_all(v, n, &mocks, &c);
    assert_int_equal(c.count[DISPATCH_DEPLOY],
                     populate_count(30, STAGE_PRODUCTION));
    assert_int_equal(c.count[DISPATCH_TEST], populate_count(30, STAGE_STAGING));
    reg_free(&r);
}

static void action_names_come_from_a_table(void **state)
{
    (void)state;
    assert_string_equal(dispatch_action_name(DISPATCH_DEPLOY), "deploy");
    assert_string_equal(dispatch_action_name(DISPATCH_TEST), "test");
    assert_string_equal(dispatch_action_name(DISPATCH_ARCHIVE), "archive");
    assert_string_equal(dispatch_action_name(DISPATCH_ACTIONS), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_stage_gets_its_action_in_array_order),
        cmocka_unit_test(an_empty_registry_calls_nothing),
        cmocka_unit_test(one_version_one_call),
        cmocka_unit_test(a_real_registry_is_walked_through_its_array),
        cmocka_unit_test(action_names_come_from_a_table),
    };
    return cmocka_run_group_tests_name("dispatch", tests, NULL, NULL);
}
