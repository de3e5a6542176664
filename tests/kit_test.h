#ifndef KIT_TEST_H
#define KIT_TEST_H

/* Shared fixtures for the engine's cmocka tests and the exercise tests
 * (through tests/ex/lesson.h): cmocka's includes in the order it needs
 * them, a fake clock, a registry fixture on it and a failing allocator. */

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

/* A registry on a fake clock, owned by a cmocka test: a kit_fixture_setup*()
 * allocates one into *state, kit_fixture_teardown() frees it. */
struct kit_fixture {
    struct registry r;
    struct kit_clock clock;
};

/* cmocka setup: an empty registry whose clock reads 1000 and then 10 ms
 * later on every reading.  Returns -1 when out of memory. */
int kit_fixture_setup(void **state);

/* cmocka setup: an empty registry whose clock ticks one millisecond per
 * reading (1001, 1002, ...), so a transition that reads the clock twice is
 * caught by its timestamps.  Returns -1 when out of memory. */
int kit_fixture_setup_ticking(void **state);

/* cmocka teardown of either setup: frees the registry and the fixture. */
int kit_fixture_teardown(void **state);

/* Creates model `name` with `versions` versions, asserting success. */
void kit_model_with_versions(struct registry *r, const char *name,
                             int versions);

/* The stage of version `number` of `name`, asserting that it exists. */
enum stage kit_stage_of(const struct registry *r, const char *name,
                        int64_t number);

/* Creates model `name` with versions 1..n, version k in s[k-1], with
 * engine primitives only (so a test's setup does not depend on the
 * exercise under test), asserting success. */
void kit_model_in_stages(struct registry *r, const char *name,
                         const enum stage *s, int n);

/* The name of stage s for a test's message ("?" when out of range);
 * never calls an exercise. */
const char *kit_stage_label(enum stage s);

/* How many entries the registry's history holds. */
size_t kit_history_len(const struct registry *r);

#endif /* KIT_TEST_H */
