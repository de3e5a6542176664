# Benchmarks (issue 5): Google Benchmark 1.7.1 through a C shim (bench/),
# the complexity fit and its tests, the gnuplot plots, the suite's smoke run.
#
#   make bench [SIZES=default|full|N,N,...] [IMPL=kata]   table + results,
#                                   then transition-speed's figures
#   make plots                                          PNG + SVG images
#   make bench-docs       docs/plot-loglog.png, plot-index-vs-scan.png
#
# Timings come from the optimised build only: `make bench SAN=1` refuses.

SIZES ?= default
BENCH_REPS ?= 5
BENCH_MIN_TIME ?= 0.05
BENCH_ARGS ?=

BENCH_BIN  := $(BIN)/bench
FIT_TEST   := $(TESTBIN)/test_fit
ALL_BINS   += $(BENCH_BIN) $(FIT_TEST)

# Results and plots: build/bench/ and build/plots/ for the reference,
# build/bench/kata/ and build/plots/kata/ for the student's code.
BENCH_SUB  := $(if $(filter kata,$(IMPL)),/kata)
BENCH_OUT  := $(BUILD)/bench$(BENCH_SUB)
PLOT_OUT   := $(BUILD)/plots$(BENCH_SUB)
BENCH_REF  := $(BUILD)/bench
PLOTS      := table loglog ns-per-version index-vs-scan transition

BENCH_C_OBJS  := $(patsubst %.c,$(OBJ)/%.o,$(wildcard bench/*.c))
BENCH_CC_OBJS := $(patsubst %.cc,$(OBJ)/%.o,$(wildcard bench/*.cc))
FIT_OBJ       := $(OBJ)/bench/fit.o

# -flto on the shim and the bodies (not in sanitizer builds): the shim's
# calls inline into the C bodies and cost nothing.  Loops aligned to 32
# bytes on both sides: the empty body of the shim/native comparison is a
# 9-byte loop, and where the linker happens to put it (across a 32-byte
# line or not) otherwise moves its time by up to 1.7x.  With CC=clang,
# set CXX=clang++ too (LTO objects of two compilers do not mix).
BENCH_LTO ?= $(if $(SAN),,$(if $(findstring clang,$(CC)),-flto,-flto=auto) \
             -falign-loops=32)
BENCHMARK_CFLAGS = $(shell pkg-config --cflags benchmark)
BENCHMARK_LIBS   = $(shell pkg-config --libs benchmark) -lpthread
CXXFLAGS ?= $(OPT) -g
BENCH_CXXFLAGS = -std=c++17 -Wall -Wextra -Wpedantic -Wshadow $(WERROR) \
                 $(CXXFLAGS) $(SANFLAGS) -MMD -MP

$(BENCH_C_OBJS) $(OBJ)/tests/test_fit.o: CPPFLAGS += -Ibench
$(filter-out $(FIT_OBJ),$(BENCH_C_OBJS)): KIT_CFLAGS += $(BENCH_LTO)

$(OBJ)/%.o: %.cc | $(DEPS_OK)
	@mkdir -p $(@D)
	$(call quiet_cmd,CXX,$<)$(CXX) $(CPPFLAGS) -Ibench $(BENCHMARK_CFLAGS) $(BENCH_CXXFLAGS) \
	    $(BENCH_LTO) -c -o $@ $<

# Linked by the C++ compiler (Google Benchmark needs libstdc++).
$(BENCH_BIN): $(BENCH_C_OBJS) $(BENCH_CC_OBJS) $(IMPL_OBJS) $(ENGINE_LIB)
	@mkdir -p $(@D)
	$(call quiet_cmd,LD,$@)$(CXX) $(KIT_LDFLAGS) $(BENCH_LTO) $(OPT) -o $@ \
	    $(filter %.o %.a,$^) $(BENCHMARK_LIBS) -lm

$(FIT_TEST): $(OBJ)/tests/test_fit.o $(FIT_OBJ) $(ENGINE_LIB)
	$(call link_c,$(CMOCKA_LIBS) -lm)

.PHONY: bench bench-check bench-reference plots bench-docs \
        run-bench-fit run-bench-smoke

ifneq ($(SAN),)
bench:
	@echo "bench: timings come from the optimised build; run it without" \
	    "SAN" >&2; exit 1
else
# Google Benchmark's own display goes to $(BENCH_OUT)/console.log (V=1:
# to the screen).  transition-speed runs after it, into the same folder.
bench: $(BENCH_BIN) $(BIN)/transition-speed $(if $(BENCH_SUB),bench-reference)
	@mkdir -p $(BENCH_OUT)
	@$(BENCH_BIN) --sizes=$(SIZES) --impl=$(IMPL) --out=$(BENCH_OUT) \
	    --reps=$(BENCH_REPS) --min-time=$(BENCH_MIN_TIME) \
	    $(if $(filter 1,$(V)),--console=-) \
	    $(if $(BENCH_SUB),--reference=$(BENCH_REF)) $(BENCH_ARGS)
	@echo
	@$(BIN)/transition-speed --out=$(BENCH_OUT)
endif

# The reference's figures beside the student's: run once, then reused.
bench-reference:
	@test -s $(BENCH_REF)/results.tsv || \
	    $(MAKE) --no-print-directory bench IMPL=solutions SIZES=$(SIZES)

# Only the correctness checks of every exercise the benchmarks use.
bench-check: $(BENCH_BIN)
	$(BENCH_BIN) --sizes=$(SIZES) --check-only

# From the last results; after them when `make bench plots` runs both.
plots: | $(filter bench,$(MAKECMDGOALS))
	@test -s $(BENCH_OUT)/results.tsv || { echo "plots: no results in" \
	    "$(BENCH_OUT)/; run make bench first" >&2; exit 1; }
	@mkdir -p $(PLOT_OUT)
	@for p in $(PLOTS); do \
	    rm -f $(PLOT_OUT)/$$p.png $(PLOT_OUT)/$$p.svg; \
	    if [ $$p = transition ] && [ ! -s $(BENCH_OUT)/transition.tsv ]; then \
	        echo "plots: no $(BENCH_OUT)/transition.tsv; run make" \
	            "transition-speed"; continue; fi; \
	    gnuplot -e "dir='$(BENCH_OUT)'; out='$(PLOT_OUT)/$$p'" \
	        $(if $(BENCH_SUB),-e "refdir='$(BENCH_REF)'") plots/$$p.gp \
	        || exit 1; \
	    test -s $(PLOT_OUT)/$$p.png && test -s $(PLOT_OUT)/$$p.svg || \
	        { echo "plots: $$p left an empty image" >&2; exit 1; }; \
	    echo "plots: $(PLOT_OUT)/$$p.png $(PLOT_OUT)/$$p.svg"; \
	done

# The commit-ready copies of plots 2 and 4 that README.md and
# docs/bench.md embed.
bench-docs:
	@test -s $(BUILD)/plots/loglog.png && \
	    test -s $(BUILD)/plots/index-vs-scan.png || { echo "bench-docs:" \
	    "run make bench plots first" >&2; exit 1; }
	cp $(BUILD)/plots/loglog.png docs/plot-loglog.png
	cp $(BUILD)/plots/index-vs-scan.png docs/plot-index-vs-scan.png

# Suite steps: the fit's unit tests, and a smoke run of the harness (tiny
# sizes, one short repetition: the checks must pass and every benchmark
# must run; nothing about the times is asserted).
SUITE_STEPS += run-bench-fit run-bench-smoke

run-bench-fit: $(FIT_TEST)
	$(RUNNER) $<

# Also: every benchmark in results.json records n and p, the plots draw
# from the smoke's results, and transition-speed runs (--smoke).
run-bench-smoke: $(BENCH_BIN) $(BIN)/transition-speed
	@RUNNER='$(RUNNER)' tests/bench/smoke.sh $(BENCH_BIN) $(BIN)/transition-speed \
	    $(IMPL) $(OUT)/bench-smoke $(PLOTS)
