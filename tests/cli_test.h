#ifndef CLI_TEST_H
#define CLI_TEST_H

/* Shared harness of the tests that run modelreg end to end (test_store.c,
 * test_cli_broken.c): cmocka's includes in the order it needs them, a
 * scratch directory for the registry file, and commands run through
 * cli_main() with what they print captured in memory. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* A scratch directory, the registry file in it, and what the last command
 * printed (owned by the fixture). */
struct cli_test {
    char dir[64];
    char path[128];
    char *out, *err;
};

/* cmocka setup: makes a scratch directory from tmpl (a mkdtemp() template
 * such as "/tmp/test_store.XXXXXX") with path naming reg.db in it, and
 * puts the fixture in *state.  Returns -1 on failure. */
int cli_test_setup(void **state, const char *tmpl);

/* cmocka teardown: removes the directory and its files and frees the
 * fixture. */
int cli_test_teardown(void **state);

/* Runs `modelreg --registry <path> <line>` (split at spaces) and returns
 * its exit status; f->out and f->err hold what it printed. */
int cli_test_run_on(struct cli_test *f, const char *path, const char *line);

/* cli_test_run_on() on the fixture's own registry, f->path. */
int cli_test_run(struct cli_test *f, const char *line);

#endif /* CLI_TEST_H */
