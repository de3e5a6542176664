# The exercises (issue 3): their tests, the proofs in `make test`, the
# grader, hints, reset and progress.  docs/kata.md is the guide.
#
#   make grade [KATA=NN] [TIMEOUT=10]   grade the kata (ASan + UBSan)
#   make hint KATA=NN [LEVEL=n]         the next hint for exercise NN
#   make reset KATA=NN [FORCE=1]        put back the pristine stub
#
# Each exercise test, tests/ex/test_NN_x.c, is linked three ways:
#   $(TESTBIN)/ex/test_NN_x     with solutions/ only: must pass
#   $(TESTBIN)/stub/test_NN_x   with the pristine kata/NN_x.c (the committed
#                               stub, from git) and solutions/ for the
#                               others: must fail at least one test
#   $(OUT)/grade/test_NN_x      with the student's kata/NN_x.c and
#                               solutions/ for the others: what is graded,
#                               so each exercise is graded on its own

KATA     ?=
TIMEOUT  ?= 10
KATA_LOCK := kata/stubs.sha1
# Each exercise's quiz question (the grader's table, make list).
KATA_TABLE := kata/exercises.tsv
PRISTINE := $(BUILD)/pristine
KATA_DIR := $(BUILD)/kata

# KATA=3 means 03, and KATA=03_transition (a whole name, which must be
# right) means 03 too.
KATA_NN  := $(if $(filter 1 2 3 4 5 6 7 8 9,$(KATA)),0$(KATA),$(firstword $(subst _, ,$(KATA))))
EX_TESTED := $(patsubst tests/ex/test_%.c,%,$(wildcard tests/ex/test_*.c))
KATA_PICK := $(if $(findstring _,$(KATA)),$(filter $(KATA),$(EX_TESTED)),$(if $(KATA_NN),$(filter $(KATA_NN)_%,$(EX_TESTED)),$(EX_TESTED)))

EX_SOL_BINS   := $(EX_TESTED:%=$(TESTBIN)/ex/test_%)
EX_STUB_BINS  := $(EX_TESTED:%=$(TESTBIN)/stub/test_%)
GRADER        := $(BIN)/grade
GRADE_FIXTURES := $(TESTBIN)/grade/fixture
ALL_BINS += $(GRADER) $(EX_SOL_BINS) $(EX_STUB_BINS) $(TESTBIN)/test_grade \
            $(TESTBIN)/test_grade_report \
            $(GRADE_FIXTURES)

# The grader uses only the engine, never an exercise: it must build even
# when the student's kata does not (this rule wins over core.mk's pattern).
# SQLite: grade --class reads the reports with its JSON functions.
$(GRADER): $(OBJ)/src/cmd/grade.o $(ENGINE_LIB)
	$(call link_c,$(SQLITE_LIBS))

# What every exercise test links besides its own object: the shared
# fixtures and the harness (tests/ex/lesson.c).
EX_HARNESS := $(OBJ)/tests/kit_test.o $(OBJ)/tests/ex/lesson.o

$(TESTBIN)/ex/test_%: $(OBJ)/tests/ex/test_%.o $(EX_HARNESS) \
                      $(SOLUTION_OBJS) $(ENGINE_LIB)
	$(call link_c,$(CMOCKA_LIBS))

# The pristine stub: the git blob that kata/stubs.sha1 names, so neither
# edits in kata/ nor a student's commits change what "pristine" means.
# Without the blob (no git, a shallow clone), the working copy is used,
# with a warning, and then that file is a prerequisite too.  A static
# pattern: a plain pattern would also match make's guesses at rebuilding
# the included .d files.
PRISTINE_SRCS := $(EXERCISES:%=$(PRISTINE)/kata/%.c)
PRISTINE_IN_GIT := $(patsubst %.c,$(PRISTINE)/kata/%.c,$(shell \
    { git cat-file --batch-check='%(objecttype) %(rest)' <$(KATA_LOCK); } \
    2>/dev/null | sed -n 's/^blob //p'))
$(filter-out $(PRISTINE_IN_GIT),$(PRISTINE_SRCS)): $(PRISTINE)/kata/%.c: kata/%.c
$(PRISTINE_SRCS): $(PRISTINE)/kata/%.c: $(KATA_LOCK)
	@mkdir -p $(@D)
	@id=$$(awk '$$2 == "$*.c" { print $$1 }' $(KATA_LOCK) 2>/dev/null); \
	 { [ -n "$$id" ] && git cat-file blob "$$id" 2>/dev/null || \
	   { echo "kata: the pristine kata/$*.c ($${id:-not listed in $(KATA_LOCK)}) is not in git; using the working copy as the stub" >&2; \
	     cat kata/$*.c; }; } >$@.tmp
	@mv $@.tmp $@

# For the kit's maintainers: after changing a stub in kata/, record it as
# the pristine one (and commit kata/stubs.sha1 with it).
.PHONY: kata-lock
kata-lock:
	@for f in $(EXERCISES:%=kata/%.c); do \
	    printf '%s %s\n' "$$(git hash-object -w $$f)" "$${f#kata/}"; \
	done >$(KATA_LOCK)
	@echo "kata: $(KATA_LOCK) now names the stubs in kata/ as pristine"

kata_others = $(filter-out $(OBJ)/solutions/$(1).o,$(SOLUTION_OBJS))
define kata_links
$(TESTBIN)/stub/test_$(1): $(OBJ)/tests/ex/test_$(1).o $(EX_HARNESS) \
        $(OBJ)/$(PRISTINE)/kata/$(1).o $(call kata_others,$(1)) $(ENGINE_LIB)
	$$(call link_c,$$(CMOCKA_LIBS))
$(OUT)/grade/test_$(1): $(OBJ)/tests/ex/test_$(1).o $(EX_HARNESS) \
        $(OBJ)/kata/$(1).o $(call kata_others,$(1)) $(ENGINE_LIB) \
        scripts/kata-check.sh | $(OBJ)/solutions/$(1).o
	@KATA_CPP='$$(KATA_CC) -E' KATA_CC='$$(KATA_CC)' \
	    KATA_ALLOW_OBJS='$(ENGINE_LIB) $(SOLUTION_OBJS)' \
	    scripts/kata-check.sh $(OBJ)/kata/$(1).o $(OBJ)/solutions/$(1).o kata/$(1).c
	$$(call link_c,$$(CMOCKA_LIBS))
endef
$(foreach e,$(EX_TESTED),$(eval $(call kata_links,$(e))))

# The manifest: each exercise's case names, from the binary linked with
# solutions/ only (tests/ex/ and the reference code, nothing a student
# wrote).  The grader counts cases from it, never from the graded binary.
CASES_DIR := $(OUT)/cases
EX_CASES  := $(EX_TESTED:%=$(CASES_DIR)/%.cases)
ALL_BINS  += $(EX_CASES)
$(CASES_DIR)/%.cases: $(TESTBIN)/ex/test_%
	@mkdir -p $(@D)
	@STAGEKIT_LIST_CASES=1 $< >$@.tmp && mv $@.tmp $@

# The grader's own tests: against the fixture exercise, and its reports.
$(TESTBIN)/test_grade $(TESTBIN)/test_grade_report: $(TESTBIN)/%: \
        $(OBJ)/tests/%.o $(ENGINE_LIB)
	$(call link_c,$(CMOCKA_LIBS))

$(TESTBIN)/grade/fixture: $(OBJ)/tests/grade/fixture.o $(EX_HARNESS) $(SOLUTION_OBJS) \
                          $(ENGINE_LIB)
	$(call link_c,$(CMOCKA_LIBS))

# --- the proofs in `make test` ------------------------------------------------

EX_PASS_STEPS := $(EX_TESTED:%=run-ex-%)
EX_STUB_STEPS := $(EX_TESTED:%=stub-fails-%)
SUITE_STEPS += $(EX_PASS_STEPS) $(EX_STUB_STEPS) run-test-grade \
               run-test-grade-report run-grade-cli run-watch-test \
               run-kata-check-test \
               $(if $(SAN),,run-mutants-smoke)
.PHONY: $(EX_PASS_STEPS) $(EX_STUB_STEPS) run-test-grade \
        run-test-grade-report run-grade-cli run-watch-test run-mutants-smoke \
        run-kata-check-test

# Every exercise test passes against solutions/.
$(EX_PASS_STEPS): run-ex-%: $(TESTBIN)/ex/test_%
	$(RUNNER) $<

# Every exercise test fails at least once against the pristine stub: a test
# that cannot fail proves nothing.
$(EX_STUB_STEPS): stub-fails-%: $(TESTBIN)/stub/test_%
	@CMOCKA_MESSAGE_OUTPUT=TAP $(RUNNER) $< >$<.log 2>&1; \
	 failed=$$(grep -c '^not ok' $<.log); \
	 total=$$(sed -n 's/^1\.\.//p' $<.log | head -n 1); \
	 if [ "$$failed" -gt 0 ]; then \
	     echo "proof: the pristine kata/$*.c fails $$failed of $${total:-?} tests, as it must"; \
	     echo "cases: 1 passed, 0 failed"; \
	 else \
	     echo "stub-fails-$*: no test fails against the pristine kata/$*.c (log: $<.log): these tests cannot catch an unwritten exercise" >&2; \
	     echo "cases: 0 passed, 1 failed"; exit 1; \
	 fi

run-test-grade: $(TESTBIN)/test_grade $(GRADE_FIXTURES)
	$(RUNNER) $< $(TESTBIN)/grade

run-test-grade-report: $(TESTBIN)/test_grade_report
	$(RUNNER) $<

run-grade-cli: $(GRADER) $(GRADE_FIXTURES)
	@tests/grade/cli.sh $(GRADER) $(GRADE_FIXTURES)

# One mutant per exercise, through the grader (make mutants: all of them).
# $(MAKE) on the line makes it a sub-make's: under make -jN it gets the
# jobserver (without it, its makes warned "jobserver unavailable" and ran
# one job at a time).
run-mutants-smoke:
	@MAKE='$(MAKE)' MAKE_VARS="CC=$(SAN_CC) CXX=$(SAN_CXX)" scripts/mutants.sh --one

# --- the student's loop ---------------------------------------------------------

GRADE_OUT := $(BUILD)/kata-san
# How the graded tree is built: the student's kata, ASan + UBSan, the
# sanitizer pass's compiler.
GRADE_MAKE = IMPL=kata SAN=1 CC=$(SAN_CC) CXX=$(SAN_CXX)
# auto: the sandbox where the kernel allows it; sandbox: nothing less;
# fallback: never the sandbox (docs/kata.md, "Threat model").
GRADE_MODE ?= auto
# What no exercise's code may change while it is graded.
GRADE_GUARDS = $(foreach f,$(wildcard tests/ex/*.c tests/ex/*.h) \
                   $(KATA_LOCK) $(KATA_PICK:%=$(GRADE_OUT)/cases/%.cases),--guard $(f))
GRADE_BINS = $(KATA_PICK:%=$(GRADE_OUT)/grade/test_%)
GRADE_ARGS = $(foreach e,$(KATA_PICK),$(e)=$(GRADE_OUT)/grade/test_$(e))

.PHONY: grade hint reset
grade: | $(DEPS_OK)
	@test -n "$(KATA_PICK)" || { echo "grade: no exercise KATA=$(KATA); there are: $(EX_TESTED)" >&2; exit 2; }
	@MAKE='$(MAKE)' GRADE_MAKE='$(GRADE_MAKE)' scripts/grade.sh $(KATA_DIR) \
	    $(GRADE_OUT) --timeout $(TIMEOUT) --hints kata/hints \
	    --cases $(GRADE_OUT)/cases $(GRADE_GUARDS) --mode $(GRADE_MODE) \
	    --json $(KATA_DIR)/grade.json --junit $(KATA_DIR)/grade.xml \
	    --status $(KATA_DIR)/status.tsv --exercises $(KATA_TABLE) \
	    -- $(GRADE_ARGS)

# Student code is built with the kit's warnings, but not as errors (a
# half-written function still gets its feedback), except
# -Werror=date-time: kata-check.sh preprocesses and compiles the kata
# again with the same flags (KATA_CC), and __TIME__ would let the two
# differ.  A kata's compile has limits (scripts/limit.sh).
$(OBJ)/kata/%.o: CC_LIMIT := scripts/limit.sh
$(OBJ)/kata/%.o: WERROR := -Werror=date-time
KATA_CC = $(CC) $(CPPFLAGS) $(CMOCKA_CFLAGS) -std=c11 -Werror=date-time \
          $(CFLAGS) $(SANFLAGS)

# make watch: regrades the exercise whose file is saved (src/cmd/watch.c);
# make watch-speed: the time from a save to its result, as a median.
ALL_BINS += $(BIN)/watch
.PHONY: watch watch-speed
watch: $(BIN)/watch
	@$<

watch-speed: $(BIN)/watch
	@scripts/watch-speed.sh $<

run-watch-test: $(BIN)/watch
	@tests/kata/watch.sh $<

# What a graded kata may define (scripts/kata-check.sh), on objects built
# by the grader's compiler.
run-kata-check-test: $(ENGINE_LIB) | $(DEPS_OK)
	@tests/kata/check.sh $(SAN_CC) $(ENGINE_LIB)
	@tests/kata/stale.sh

# The hint ladder, the reference solution (asks first), a reset to the
# pristine stub, and every exercise's status (scripts/*.sh say how).
.PHONY: list solution
hint:
	@MAKE='$(MAKE)' scripts/hint.sh $(KATA_DIR) "$(KATA_NN)" "$(LEVEL)"

solution:
	@scripts/hint.sh --solution "$(KATA_NN)"

list:
	@scripts/list.sh $(KATA_TABLE) $(KATA_DIR)/status.tsv

RESET_EX := $(if $(KATA_NN),$(filter $(KATA_NN)_%,$(EXERCISES)))
reset:
	@test -n "$(RESET_EX)" || { echo "usage: make reset KATA=NN (one of: $(EXERCISES))" >&2; exit 2; }
	@$(MAKE) -s --no-print-directory $(PRISTINE)/kata/$(RESET_EX).c >/dev/null
	@scripts/reset.sh $(RESET_EX) $(PRISTINE)/kata/$(RESET_EX).c "$(FORCE)"

# One line at the end of `make test`: how far the student's kata are.
# Quick (no sanitizers, short timeout) and never fails the suite.
PROGRESS_OUT := $(BUILD)/kata
PROGRESS_BINS := $(EX_TESTED:%=$(PROGRESS_OUT)/grade/test_%)
progress:
	@rm -f $(PROGRESS_BINS)
	@case "$$MAKEFLAGS" in *jobserver*) j= ;; *) j=-j$(NPROC) ;; esac; \
	 $(MAKE) --no-print-directory $$j -k IMPL=kata SAN= $(PROGRESS_OUT)/bin/grade \
	    $(EX_TESTED:%=$(PROGRESS_OUT)/cases/%.cases) \
	    $(PROGRESS_BINS) >/dev/null 2>&1 || true
	@if [ -x $(PROGRESS_OUT)/bin/grade ]; then \
	     $(PROGRESS_OUT)/bin/grade --progress --timeout 5 \
	         --cases $(PROGRESS_OUT)/cases --exercises $(KATA_TABLE) \
	         $(foreach e,$(EX_TESTED),$(e)=$(PROGRESS_OUT)/grade/test_$(e)) || true; \
	 else echo "kata: progress unavailable (the grader did not build)"; fi

# --- mutants: realistic student mistakes the exercise tests must catch -------
#
# tests/mutants/NN/<mistake>.patch is a diff against solutions/NN_x.c whose
# first line names the mistake.  scripts/mutants.sh applies each one into
# $(BUILD)/mutants/NN_x/<mistake>.c and asks for the binary below, linked
# like a graded kata: the mutant for exercise NN, solutions for the others.
define kata_mutant
$(OUT)/mutants/$(1)/%: $(OBJ)/$(BUILD)/mutants/$(1)/%.o \
        $(OBJ)/tests/ex/test_$(1).o $(EX_HARNESS) $(call kata_others,$(1)) \
        $(ENGINE_LIB)
	$$(call link_c,$$(CMOCKA_LIBS))
endef
$(foreach e,$(EX_TESTED),$(eval $(call kata_mutant,$(e))))

.PHONY: mutants
mutants:
	@MAKE_VARS="CC=$(SAN_CC) CXX=$(SAN_CXX)" scripts/mutants.sh
