#ifndef KIT_TEST_H
#define KIT_TEST_H

/* Shared fixtures for the engine's cmocka tests: cmocka's includes in the
 * order it needs them, a fake clock and a failing allocator. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "registry.h"

/* A clock that starts at `now` and advances by `step` on every reading,
 * counting the readings. */
struct kit_clock {
    int64_t now, step;
    int reads;
};

int64_t kit_clock_read(void *ud);

/* An allocator that fails once `budget` successful allocations (growths
 * and new blocks, not frees) have been made; budget < 0 never fails. */
struct kit_alloc {
    long budget;
    long made;
};

void *kit_alloc_realloc(void *ud, void *p, size_t size);

/* Creates model `name` with `versions` versions, asserting success. */
void kit_model_with_versions(struct registry *r, const char *name,
                             int versions);

/* The stage of version `number` of `name`, asserting that it exists. */
enum stage kit_stage_of(const struct registry *r, const char *name,
                        int64_t number);

#endif /* KIT_TEST_H */
