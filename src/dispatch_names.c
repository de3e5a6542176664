#include "dispatch.h"

static const char *const dispatch_names[DISPATCH_ACTIONS] = {
    [DISPATCH_DEPLOY] = "deploy",
    [DISPATCH_TEST] = "test",
    [DISPATCH_ARCHIVE] = "archive",
};

const char *dispatch_action_name(enum dispatch_action a)
{
    if ((int)a < 0 || a >= DISPATCH_ACTIONS)
        return "unknown";
    return dispatch_names[a];
}
