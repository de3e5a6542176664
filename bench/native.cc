// The native C++ twin of bodies.c's empty body, to measure the shim.
#include <benchmark/benchmark.h>

#include <cstddef>

extern "C" {
#include "native.h"
#include "stage.h"
}
#include "shim_repeat.hh"

namespace {

void native_empty(benchmark::State &state, const unsigned char *s)
{
    const std::size_t n = static_cast<std::size_t>(state.range(0));
    for (auto _ : state)
        for (std::size_t i = 0; i < n; i++)
            benchmark::DoNotOptimize(&s[i]);
    std::size_t p = 0;
    for (std::size_t i = 0; i < n; i++)
        p += s[i] == STAGE_PRODUCTION;
    state.counters["n"] = static_cast<double>(n);
    state.counters["p"] = static_cast<double>(p);
}

} // namespace

extern "C" int bench_native_register(const struct bench_spec *spec)
{
    if (spec == nullptr || spec->name == nullptr || spec->ctx == nullptr ||
        spec->args == nullptr || spec->nargs == 0 || spec->repetitions < 1)
        return -1;
    auto *b = benchmark::RegisterBenchmark(
        spec->name, native_empty,
        static_cast<const unsigned char *>(spec->ctx));
    for (std::size_t i = 0; i < spec->nargs; i++)
        b->Arg(spec->args[i]);
    b->Unit(benchmark::kNanosecond);
    bench_repeat(b, spec);
    return 0;
}
