/* make demo: the seed's table (n -> actions) from real counts.  Builds
 * registries of 10, 100 and 1000 versions, runs the dispatch loop of the
 * linked IMPL over each, and prints what it did. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "dispatch.h"
#include "populate.h"
#include "prog.h"

static const struct prog_info demo_info = {
    .name = "demo",
    .usage = "[OPTIONS]",
    .about = "  Prints the seed's table (n -> deploy, test, archive) from real\n"
             "  counts: the dispatch loop of the linked exercises (IMPL) runs over\n"
             "  registries of 10, 100 and 1000 versions.\n",
    .options = "",
    .exits = "  0  the table, every count as it must be\n"
             "  1  a count is wrong (the message names the exercise to fix)\n"
             "  2  usage error: an unknown option or an argument\n",
    .output_error = 1,
};

static void demo_count(void *ctx, const struct reg_version *v)
{
    (void)v;
    ++*(size_t *)ctx;
}

/* Runs the loop over a registry of n versions; KIT_OK if the counts add
 * up, KIT_ENOTIMPL (with a message naming the exercise) if they do not,
 * or why the registry could not be built (KIT_ENOMEM, said on stderr). */
static enum kit_status demo_row(size_t n)
{
    struct registry r;
    struct kit_error err;
    struct dispatch_counts c;
    size_t calls = 0;
    struct dispatch_actions a = {{demo_count, demo_count, demo_count}, &calls};
    reg_init(&r);
    enum kit_status st = populate_registry(&r, n, 4, POPULATE_SHUFFLED, 42,
                                           &err);
    if (st != KIT_OK) {
        fprintf(stderr, "demo: %s\n", err.msg);
        reg_free(&r);
        return st;
    }
    size_t len;
    const struct reg_version *v = reg_versions(&r, &len);
    dispatch_all(v, len, &a, &c);
    size_t sum = c.count[DISPATCH_DEPLOY] + c.count[DISPATCH_TEST] +
                 c.count[DISPATCH_ARCHIVE];
    printf("| %5zu | %6zu | %4zu | %7zu | %7zu |\n", n,
           c.count[DISPATCH_DEPLOY], c.count[DISPATCH_TEST],
           c.count[DISPATCH_ARCHIVE], calls);
    bool bad = sum != n || calls != n ||
               c.count[DISPATCH_DEPLOY] != populate_count(n, STAGE_PRODUCTION);
    if (bad)
        fprintf(stderr, "demo: dispatch_all made %zu calls and counted %zu "
                        "for %zu versions: fix exercise 5 "
                        "(kata/05_dispatch.c)\n", calls, sum, n);
    reg_free(&r);
    return bad ? KIT_ENOTIMPL : KIT_OK;
}

int main(int argc, char *argv[])
{
    static const struct opts_spec spec[] = {PROG_STD_SPECS};
    static const size_t sizes[] = {10, 100, 1000};
    struct opts_seen seen;
    struct kit_error err;
    enum kit_status st = opts_scan(argc - 1, argv + 1, spec, PROG_NOPTS,
                                   OPTS_ALL, &seen, NULL, &err);
    int rc = prog_options_done(&demo_info, st, &seen, &err, stdout, stderr);
    if (rc != PROG_RUN)
        return rc;
    printf("The seed's loop over n versions (a third in Production):\n\n");
    printf("|     n | deploy | test | archive | actions |\n");
    printf("|------:|-------:|-----:|--------:|--------:|\n");
    /* A wrong count goes on to the next row; a registry that cannot be
     * built ends the table. */
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        enum kit_status row = demo_row(sizes[i]);
        if (row != KIT_OK && row != KIT_ENOTIMPL)
            return prog_exit_status(row, EXIT_FAILURE);
        if (row != KIT_OK)
            st = row;
    }
    if (st == KIT_OK)
        printf("\nOne action per version: the work grows as O(n).\n");
    return prog_exit_status(st, EXIT_FAILURE);
}
