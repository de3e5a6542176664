// Shared by the shim (shim.cc) and the native benchmark (native.cc); C++
// only, not part of the C API.
#ifndef BENCH_SHIM_REPEAT_HH
#define BENCH_SHIM_REPEAT_HH

#include <benchmark/benchmark.h>

extern "C" {
#include "shim.h"
}

// Applies spec's repetitions and min time to a registered benchmark.  With
// repetitions, the display shows only the aggregates, to which the shim
// adds "min" (the fastest repetition) beside Google Benchmark's mean,
// median, stddev and cv.
void bench_repeat(benchmark::internal::Benchmark *b,
                  const struct bench_spec *spec);

#endif // BENCH_SHIM_REPEAT_HH
