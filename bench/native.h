#ifndef NATIVE_H
#define NATIVE_H

#include "shim.h"

/* Registers the native C++ twin of the shim's empty body (bench/native.cc):
 * Google Benchmark's own `for (auto _ : state)` loop over the bytes
 * spec->ctx points to (an unsigned char array of at least the largest
 * arg); spec->body is ignored.  Returns 0, or -1 as bench_register(). */
int bench_native_register(const struct bench_spec *spec);

#endif /* NATIVE_H */
