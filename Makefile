# stagekit: one non-recursive Makefile.  Module rules live in mk/*.mk and are
# included below; README.md lists every user-facing target.
#
#   make [IMPL=solutions|kata] [SAN=1] [CC=clang] [V=1]
#
# Each variant links in its own tree, build/<IMPL>[-san]/, from objects in
# build/obj/<compiler>[-san]/ (kata/ and solutions/ apart), so optimised
# timings never come from a sanitizer build and the student's code never
# overwrites the reference objects.

IMPL    ?= solutions
SAN     ?=
BUILD   := build
VARIANT := $(IMPL)$(if $(SAN),-san)
OUT     := $(BUILD)/$(VARIANT)
BIN     := $(OUT)/bin
TESTBIN := $(OUT)/tests

ifeq ($(filter $(IMPL),solutions kata),)
$(error IMPL must be 'solutions' or 'kata', not '$(IMPL)')
endif

CXX      ?= c++
WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes
WERROR   ?= -Werror
# The sanitizer pass at -O0: it compiles in half the time of -O1, and its
# suite costs no more (measured: 29 CPU-s against 32; what it spends is
# process start-up and ASan's shadow memory, not the code).
OPT      ?= $(if $(SAN),-O0,-O2)
CFLAGS   ?= $(OPT) -g
CPPFLAGS += -Iinclude -D_POSIX_C_SOURCE=200809L
# The sanitizer pass and the grader build with clang: gcc 12's libubsan
# ignores log_path, and the grader reads sanitizer reports from that log.
SAN_CC   ?= clang
SAN_CXX  ?= clang++
SAN_ON   := -fsanitize=address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer
SANFLAGS := $(if $(SAN),$(SAN_ON))
KIT_CFLAGS   = -std=c11 $(WARN) $(WERROR) $(CFLAGS) $(SANFLAGS) -MMD -MP
KIT_LDFLAGS  = $(SANFLAGS) $(LDFLAGS)

# Libraries are found with pkg-config when they are used, not when the
# Makefile is read: `make test` may have just installed them.
CMOCKA_CFLAGS = $(shell pkg-config --cflags cmocka)
CMOCKA_LIBS   = $(shell pkg-config --libs cmocka)

# Wraps every test binary: `make memcheck` sets it to valgrind.
RUNNER ?=

# Objects depend on the compiler and the sanitizers, not on IMPL: the
# solutions and kata trees (and the grader's tree and the sanitizer pass)
# share one object tree per compiler, so no file is compiled twice.
OBJ := $(BUILD)/obj/$(notdir $(firstword $(CC)))$(if $(SAN),-san)

# The engine (src/*.c) as an archive, so a program pulls in only the
# modules it uses, and the exercise functions of the chosen IMPL as objects.
ENGINE_OBJS := $(patsubst %.c,$(OBJ)/%.o,$(wildcard src/*.c))
ENGINE_LIB  := $(OUT)/libengine.a
EXERCISES   := $(basename $(notdir $(wildcard solutions/*.c)))
IMPL_OBJS   := $(EXERCISES:%=$(OBJ)/$(IMPL)/%.o)
SOLUTION_OBJS := $(EXERCISES:%=$(OBJ)/solutions/%.o)
KATA_OBJS     := $(EXERCISES:%=$(OBJ)/kata/%.o)

# Module fragments append to these.
ALL_BINS    :=
# What the suite's steps need besides ALL_BINS: built before they run.
SUITE_BINS  :=
SUITE_STEPS :=
FUZZ_RUNS   :=

MAKEFLAGS += -r

# Quiet commands, as in Linux and git: one line per file (`  CC      x.c`),
# the whole command with V=1.  $(call quiet_cmd,TAG,FILE) goes right before
# a command; $(Q) before a command that needs no line of its own.  Errors
# and warnings show either way; make -s prints neither.
ifeq ($(V),1)
Q :=
quiet_cmd :=
else ifneq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
Q := @
quiet_cmd :=
else
Q := @
quiet_cmd = @printf '  %-7s %s\n' '$(1)' '$(2)';
endif

# Under -j each file's lines come together (--output-sync), for builds
# only: a synchronised target's output waits until it ends, and the quiz,
# the grader and the watch talk to a terminal while they run.
ifeq ($(filter-out all $(BUILD)/%,$(MAKECMDGOALS)),)
MAKEFLAGS += -Otarget
endif
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
.SECONDARY:

# Every compile waits for the Debian packages: on a fresh machine the first
# build of any target installs what is missing (once; see scripts/deps.sh).
DEPS_OK := $(BUILD)/.deps-ok
$(DEPS_OK): scripts/deps.sh
	@scripts/deps.sh --if-missing
	@mkdir -p $(@D) && touch $@

# The tests' own code needs no optimiser (the code under test keeps OPT):
# at -O0 it compiles in less than half the time, in both trees.
$(OBJ)/tests/%.o: OPT = -O0

$(OBJ)/%.o: %.c | $(DEPS_OK)
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$<)$(CC_LIMIT) $(CC) $(CPPFLAGS) $(CMOCKA_CFLAGS) $(KIT_CFLAGS) -c -o $@ $<

$(ENGINE_LIB): $(ENGINE_OBJS)
	@mkdir -p $(@D)
	$(Q)rm -f $@
	$(call quiet_cmd,AR,$@)$(AR) rcs $@ $^

# Links a C program from its prerequisites.
define link_c
	@mkdir -p $(@D)
	$(call quiet_cmd,LD,$@)$(CC) $(KIT_LDFLAGS) -o $@ $(filter %.o %.a,$^) $(1)
endef

# The libFuzzer targets (fuzz/*.c and what they test): clang, ASan +
# UBSan, in one object tree of their own whatever the variant.
FUZZ_CC    ?= clang
FUZZ_FLAGS := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
              -g -O1
FUZZ_OBJ   := $(BUILD)/fuzz/obj
$(FUZZ_OBJ)/%.o: %.c | $(DEPS_OK)
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$<)$(FUZZ_CC) $(CPPFLAGS) -std=c11 $(WARN) $(WERROR) \
	    $(FUZZ_FLAGS) -MMD -MP -c -o $@ $<

define link_fuzz
	@mkdir -p $(@D)
	$(call quiet_cmd,LD,$@)$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $(filter %.o,$^)
endef

include $(sort $(wildcard mk/*.mk))

# make tells the truth: after the build, make -q and make -n; a newer
# header rebuilds its users (tests/build/make.sh).
SUITE_STEPS += run-make-truth run-build-overlap
.PHONY: run-make-truth run-build-overlap
run-make-truth:
	@MAKE='$(MAKE)' tests/build/make.sh $(BUILD_GOALS)

# The two builds of make test, which run at once, write no file in common
# but BUILD_SHARED, which the builds rule makes before them.
BUILD_SHARED = $(DEPS_OK) $(PRISTINE_SRCS)
run-build-overlap:
	@MAKE='$(MAKE)' tests/build/overlap.sh "IMPL=$(IMPL) SAN= all \
	    $(SUITE_BINS)" "$(SAN_MAKE) all" $(BUILD_SHARED)

.PHONY: all deps test suite check san-check san-suite memcheck fuzz clean \
        progress
all: $(ALL_BINS)

# The default build's programs at a stable path, whichever target built
# them: build/bin is a link to build/solutions/bin.
ifeq ($(VARIANT),solutions)
$(BUILD)/bin: | $(DEPS_OK)
	@ln -sfn solutions/bin $@
$(ALL_BINS): | $(BUILD)/bin
endif

# `make deps` installs what is missing; the other entry points call it.
deps:
	@scripts/deps.sh

# The kit's own suite: both builds first (the grader's tree, which the
# mutants step uses, shares the sanitizer build's objects), then every
# step in the optimised build and again under ASan + UBSan (TEST_SAN=
# skips that pass), the two passes in one pool of jobs (suites), then the
# student's progress (TEST_PROGRESS= skips it), and one line for the whole
# run.
TEST_SAN      ?= 1
TEST_PROGRESS ?= 1
TEST_NAME     ?= test
SAN_MAKE  = SAN=1 CC=$(SAN_CC) CXX=$(SAN_CXX) IMPL=$(IMPL)
SAN_LOGS := $(BUILD)/logs/$(IMPL)-san
ifneq ($(KATA),)
# make test KATA=NN: that exercise against the student's code, as
# exercism's tracks do (make grade KATA=NN).
test: grade
else
test:
	@scripts/deps.sh --if-missing
	@t0=$$(date +%s.%N); rm -f $(LOGS)/summary $(SAN_LOGS)/summary; \
	 case "$$MAKEFLAGS" in *jobserver*) j= ;; *) j=-j$(NPROC) ;; esac; \
	 { $(MAKE) --no-print-directory $$j builds && \
	   $(MAKE) --no-print-directory suites IMPL=$(IMPL) && \
	   $(if $(TEST_PROGRESS),$(MAKE) --no-print-directory progress &&) :; }; \
	 rc=$$?; scripts/suite.sh --total $(TEST_NAME) "$$t0" $(LOGS) \
	     $(if $(TEST_SAN),$(SAN_LOGS)); exit $$rc
endif

# GNU's check: the tests, as make test runs them, without the student's
# table.
check:
	@$(MAKE) --no-print-directory test KATA= TEST_PROGRESS= TEST_NAME=check

# The build, its commands in a log (V=1: on the screen), with everything
# the suite's steps need, so that no two steps build the same file.
# SUITE_BINS belong to the first pass (they do not depend on the variant).
# make test builds both trees at once, sharing make's job slots (its own
# -j$(NPROC), or those of make -jN test).
LOGS := $(BUILD)/logs/$(VARIANT)
NPROC := $(shell nproc 2>/dev/null || echo 1)
BUILD_JOBS ?= -j$(NPROC)
BUILD_GOALS = all $(if $(SAN),,$(SUITE_BINS))
.PHONY: build-quietly builds build-plain build-san
build-quietly:
	@mkdir -p $(LOGS)
	@echo "build: $(VARIANT) (commands in $(LOGS)/build.log)"
	@if [ "$(V)" = 1 ]; then $(MAKE) --no-print-directory $(BUILD_JOBS) $(BUILD_GOALS); \
	 else $(MAKE) --no-print-directory $(BUILD_JOBS) V=1 $(BUILD_GOALS) \
	     >$(LOGS)/build.log 2>&1 || { tail -n 30 $(LOGS)/build.log; exit 1; }; fi

# Files both trees use (the pristine stubs) are made first, once.
builds: build-plain $(if $(TEST_SAN),build-san)
build-plain build-san: | $(BUILD_SHARED)
build-plain:
	@$(MAKE) --no-print-directory build-quietly IMPL=$(IMPL) BUILD_JOBS=
build-san:
	@$(MAKE) --no-print-directory build-quietly $(SAN_MAKE) BUILD_JOBS=

# Every step, one line each (scripts/suite.sh); `make STEP` runs one.
# The longest go first, so that two cores end together.  Steps whose
# result cannot depend on the variant (the fuzzers build in their own
# tree; kata-check compiles with SAN_CC whatever the pass; make help, the
# man pages, install and make's truth test the Makefile and the pages (the
# first pass's goals are the larger set: all and SUITE_BINS); the crash test
# throws away the output of the commands it kills, so a sanitizer's report
# could not reach it) run in the first pass only.
SUITE_FIRST := run-oom run-mutants-smoke run-cli-crash run-cli-concurrency \
               run-test-grade run-make-truth run-kata-check-test \
               run-quiz-tests run-core-property run-quiz-fuzz-smoke \
               run-cli-fuzz-smoke
SUITE_ONCE  := run-cli-fuzz-smoke run-quiz-fuzz-smoke run-kata-check-test \
               run-build-overlap run-conv-help run-conv-man run-conv-install \
               run-cli-crash run-make-truth
SUITE_RUN    = $(filter-out $(if $(SAN),$(SUITE_ONCE)),\
                   $(foreach s,$(SUITE_FIRST),$(filter $(s),$(SUITE_STEPS))) \
                   $(filter-out $(SUITE_FIRST),$(SUITE_STEPS)))
# When make test runs both passes, these run in the sanitizer pass only:
# they drive whole programs through tables of inputs and compare messages,
# exit statuses and files, which the two builds give alike, and their cost
# is the processes they start.  The engine's and the exercises' own tests
# still run in both.  `make suite` alone runs every step.
SUITE_SAN_ONCE := run-cli-bad-input run-json-check run-class-bad-input \
                  run-cli-files run-cli-upgrade run-quiz-session \
                  run-grade-cli run-report-quiz-save run-cli-speed-smoke
suite:
	@echo "suite: $(VARIANT)"
	@MAKE='$(MAKE)' scripts/suite.sh $(VARIANT) $(LOGS) $(SUITE_RUN)

# make test's passes at once: while one pass's step waits (a timeout, a
# child, the disk), the other's runs.  Each pass's steps come from its own
# make (suite-steps), since a variant may add or drop steps.
.PHONY: suites suite-steps
suite-steps:
	@echo $(SUITE_RUN)
suites:
	@echo "suite: $(VARIANT)$(if $(TEST_SAN), and $(IMPL)-san together)"
	@MAKE='$(MAKE)' scripts/suite.sh --pool \
	    $(VARIANT) $(LOGS) "IMPL=$(IMPL)" \
	    "$(filter-out $(if $(TEST_SAN),$(SUITE_SAN_ONCE)),$(SUITE_RUN))" \
	    $(if $(TEST_SAN),$(IMPL)-san $(SAN_LOGS) "$(SAN_MAKE)" \
	        "$$($(MAKE) -s --no-print-directory suite-steps $(SAN_MAKE))")

# The sanitizer pass alone: its build, then every step under ASan + UBSan.
san-check:
	@scripts/deps.sh --if-missing
	@t0=$$(date +%s.%N); rm -f $(SAN_LOGS)/summary; \
	 $(MAKE) --no-print-directory san-suite; rc=$$?; \
	 scripts/suite.sh --total san-check "$$t0" $(SAN_LOGS); exit $$rc

san-suite:
	@$(MAKE) --no-print-directory build-quietly $(SAN_MAKE)
	@$(MAKE) --no-print-directory suite $(SAN_MAKE)

memcheck:
	@scripts/deps.sh --if-missing
	@$(MAKE) --no-print-directory suite IMPL=$(IMPL) \
	    RUNNER='valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect'

# Long fuzzing runs (each module adds its fuzz-* target); clang's libFuzzer.
fuzz:
	@scripts/deps.sh --if-missing
	@$(MAKE) --no-print-directory $(FUZZ_RUNS)

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
