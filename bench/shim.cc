// The C shim over Google Benchmark 1.7.1 (the contract is bench/shim.h).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "shim_repeat.hh"

// struct bench_state stays incomplete: a pointer to one is a pointer to a
// benchmark::State, cast at the boundary.

namespace {

benchmark::State &state_of(struct bench_state *st)
{
    return *reinterpret_cast<benchmark::State *>(st);
}

const benchmark::State &state_of(const struct bench_state *st)
{
    return *reinterpret_cast<const benchmark::State *>(st);
}

// bench_big_o and benchmark::BigO, in the same order.
const benchmark::BigO big_o_of[] = {
    benchmark::oNone, benchmark::o1,     benchmark::oN,
    benchmark::oNSquared, benchmark::oNCubed, benchmark::oLogN,
    benchmark::oNLogN, benchmark::oAuto,
};

const char *big_o_name(benchmark::BigO b)
{
    static const char *const names[] = {
        "", "(1)", "N", "N^2", "N^3", "lgN", "NlgN", "f(N)", "f(N)",
    };
    unsigned i = static_cast<unsigned>(b);
    return i < sizeof names / sizeof names[0] ? names[i] : "?";
}

double counter_or_zero(const benchmark::BenchmarkReporter::Run &run,
                       const char *name)
{
    auto it = run.counters.find(name);
    return it == run.counters.end() ? 0.0 : it->second.value;
}

// The run's first argument, from its name ("1000" in dispatch/random/1000):
// the "n" counter is useless on stddev and cv lines, where it is 0.
double first_arg(const benchmark::BenchmarkReporter::Run &run)
{
    const std::string &args = run.run_name.args;
    return args.empty() ? 0.0 : std::strtod(args.c_str(), nullptr);
}

// The console display, plus a copy of every line it shows for the C side.
class SinkReporter : public benchmark::ConsoleReporter {
  public:
    explicit SinkReporter(const bench_sink *sink)
        : benchmark::ConsoleReporter(OO_Tabular), sink_(sink) {}

    void ReportRuns(const std::vector<Run> &runs) override
    {
        benchmark::ConsoleReporter::ReportRuns(runs);
        std::fflush(stdout);
        if (sink_ == nullptr || sink_->on_result == nullptr)
            return;
        for (const Run &run : runs)
            forward(run);
        if (sink_->on_done != nullptr && completes(runs))
            sink_->on_done(sink_->ud,
                           runs.front().run_name.function_name.c_str(),
                           first_arg(runs.front()));
    }

  private:
    // Google Benchmark reports one benchmark in two calls, its repetitions
    // and then its aggregates (none for a single repetition), and a
    // family's BigO and RMS in a third: the benchmark is complete with
    // the aggregates, or with its only repetition.
    static bool completes(const std::vector<Run> &runs)
    {
        if (runs.empty() || runs.front().report_big_o ||
            runs.front().report_rms)
            return false;
        const Run &r = runs.front();
        return r.run_type == Run::RT_Aggregate || r.repetitions <= 1;
    }

    void forward(const Run &run) const
    {
        const bool fraction = run.report_rms ||
                              run.aggregate_unit == benchmark::kPercentage;
        bench_result r;
        std::string family = run.run_name.function_name;
        r.family = family.c_str();
        r.aggregate = run.aggregate_name.c_str();
        // GetAdjustedCPUTime() divides by the iterations, which is wrong
        // for a percentage; BigO and RMS have 0 iterations.
        r.value = fraction ? run.cpu_accumulated_time
                           : run.GetAdjustedCPUTime();
        r.arg = first_arg(run);
        r.n = counter_or_zero(run, "n");
        r.p = counter_or_zero(run, "p");
        r.actions = counter_or_zero(run, "actions");
        r.iterations = run.iterations;
        r.big_o = (run.report_big_o || run.report_rms)
                      ? big_o_name(run.complexity) : "";
        r.error = run.error_occurred ? run.error_message.c_str() : nullptr;
        sink_->on_result(sink_->ud, &r);
    }

    const bench_sink *sink_;
};

// The fastest repetition: interference from other processes only ever
// adds time, so the minimum is the steadiest estimate of a short body.
double statistic_min(const std::vector<double> &v)
{
    return v.empty() ? 0.0 : *std::min_element(v.begin(), v.end());
}

void run_body(benchmark::State &s, bench_body *body, void *ctx)
{
    body(reinterpret_cast<struct bench_state *>(&s), ctx);
}

} // namespace

extern "C" int bench_register(const struct bench_spec *spec)
{
    if (spec == nullptr || spec->name == nullptr || spec->body == nullptr ||
        spec->args == nullptr || spec->nargs == 0 || spec->repetitions < 1 ||
        static_cast<unsigned>(spec->big_o) >=
            sizeof big_o_of / sizeof big_o_of[0])
        return -1;
    auto *b = benchmark::RegisterBenchmark(spec->name, run_body, spec->body,
                                           spec->ctx);
    for (size_t i = 0; i < spec->nargs; i++)
        b->Arg(spec->args[i]);
    b->Unit(benchmark::kNanosecond);
    if (spec->big_o != BENCH_BIG_O_NONE)
        b->Complexity(big_o_of[spec->big_o]);
    bench_repeat(b, spec);
    return 0;
}

void bench_repeat(benchmark::internal::Benchmark *b,
                  const struct bench_spec *spec)
{
    if (spec->repetitions > 1)
        b->Repetitions(spec->repetitions)
            ->ComputeStatistics("min", statistic_min);
    if (spec->min_time > 0)
        b->MinTime(spec->min_time);
}

extern "C" bool bench_keep_running(struct bench_state *st)
{
    return state_of(st).KeepRunning();
}

extern "C" bool bench_keep_running_batch(struct bench_state *st, size_t batch)
{
    return state_of(st).KeepRunningBatch(
        static_cast<benchmark::IterationCount>(batch));
}

extern "C" int64_t bench_range(const struct bench_state *st, int i)
{
    return state_of(st).range(static_cast<std::size_t>(i));
}

extern "C" void bench_set_complexity_n(struct bench_state *st, int64_t n)
{
    state_of(st).SetComplexityN(n);
}

extern "C" void bench_counter(struct bench_state *st, const char *name,
                              double value)
{
    state_of(st).counters[name] = benchmark::Counter(value);
}

extern "C" void bench_skip_with_error(struct bench_state *st, const char *msg)
{
    state_of(st).SkipWithError(msg);
}

extern "C" long bench_run(int argc, char **argv, const struct bench_sink *sink)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return -1;
    SinkReporter display(sink);
    std::ofstream log;
    if (sink != nullptr && sink->console_log != nullptr) {
        log.open(sink->console_log, std::ios::out | std::ios::trunc);
        if (!log) {
            std::fprintf(stderr, "bench: cannot write %s\n",
                         sink->console_log);
            return -1;
        }
        display.SetOutputStream(&log);
        display.SetErrorStream(&log);
    }
    long ran = static_cast<long>(benchmark::RunSpecifiedBenchmarks(&display));
    benchmark::Shutdown();
    return ran;
}

extern "C" long bench_cache_size(int level)
{
    for (const auto &c : benchmark::CPUInfo::Get().caches)
        if (c.level == level && c.type != "Instruction")
            return c.size;
    return 0;
}

namespace {

std::string cpu_model()
{
    std::FILE *f = std::fopen("/proc/cpuinfo", "r");
    char line[256];
    std::string model = "unknown CPU";
    while (f != nullptr && std::fgets(line, sizeof line, f) != nullptr) {
        const char *colon = std::strchr(line, ':');
        if (std::strncmp(line, "model name", 10) == 0 && colon != nullptr) {
            // "model name\t: AMD ...": skip the blanks after the colon,
            // never past the end (a line may stop at the colon).
            const char *value = colon + 1;
            value += std::strspn(value, " \t");
            model = value;
            model.erase(model.find_last_not_of(" \t\n") + 1);
            if (model.empty())
                model = "unknown CPU";
            break;
        }
    }
    if (f != nullptr)
        std::fclose(f);
    return model;
}

} // namespace

extern "C" char *bench_machine(char *buf, size_t size)
{
    const benchmark::CPUInfo &cpu = benchmark::CPUInfo::Get();
    std::string m = cpu_model() + ", " + std::to_string(cpu.num_cpus) +
                    " CPUs at " +
                    std::to_string(static_cast<long>(cpu.cycles_per_second /
                                                     1e6)) +
                    " MHz";
    for (int level = 1; level <= 3; level++) {
        long bytes = bench_cache_size(level);
        if (bytes > 0)
            m += ", L" + std::to_string(level) + (level == 1 ? "d " : " ") +
                 std::to_string(bytes / 1024) + " KiB";
    }
    if (size > 0)
        std::snprintf(buf, size, "%s", m.c_str());
    return buf;
}
