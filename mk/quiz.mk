# The quiz (issue 4): the engine in src/quiz*.c, the runner's main in
# src/cmd/quiz.c, the bank and its format in quiz/, tests in
# tests/test_quiz*.c and tests/quiz/, the fuzz target in fuzz/quiz_fuzz.c.
# docs/quiz.md is the user's guide.

# The quiz needs only its own objects and a few engine modules (status
# table, JSON strings, UTF-8, the seeded generator, the click-style option
# scanner and its suggestions), so it links even while another module is
# half-built.
QUIZ_SRCS      := $(wildcard src/quiz*.c) src/status.c src/json.c src/rng.c \
                  src/prog.c \
                  src/opts.c src/suggest.c src/utf8.c
QUIZ_OBJS      := $(QUIZ_SRCS:%.c=$(OBJ)/%.o)
QUIZ_TESTS     := $(basename $(notdir $(wildcard tests/test_quiz*.c)))
QUIZ_TEST_BINS := $(QUIZ_TESTS:%=$(TESTBIN)/%)
QUIZ_LOGS      := $(OUT)/quiz-logs
QUIZ_BANK      ?= quiz/bank.txt
QUIZ_ARGS      ?=
# The last result of `make quiz`, for the instructor's report (make report).
QUIZ_LAST      ?= $(BUILD)/quiz/last.json
QUIZ_SAVE       = $(if $(filter --review --keys --export%,$(QUIZ_ARGS)),,\
                  --save $(QUIZ_LAST))

ALL_BINS += $(BIN)/quiz

$(BIN)/quiz: $(OBJ)/src/cmd/quiz.o $(QUIZ_OBJS)
	$(call link_c,)

$(QUIZ_TEST_BINS): $(TESTBIN)/%: $(OBJ)/tests/%.o $(QUIZ_OBJS)
	$(call link_c,$(CMOCKA_LIBS))

# `make quiz [QUIZ_ARGS='--shuffle'] [QUIZ_BANK=...]`: the interactive quiz;
# its result is kept in $(QUIZ_LAST).  A score below the pass mark (exit 1)
# is not a make error; a usage, bank or save error (2 and up) is.
.PHONY: quiz run-quiz-tests run-quiz-session run-quiz-fuzz-smoke fuzz-quiz
quiz: $(BIN)/quiz
	@mkdir -p $(dir $(QUIZ_LAST))
	@$(BIN)/quiz $(QUIZ_SAVE) $(QUIZ_ARGS) $(QUIZ_BANK); s=$$?; [ $$s -le 1 ]

# cmocka suites: one line each, the whole log when one fails.
SUITE_STEPS += run-quiz-tests run-quiz-session run-quiz-fuzz-smoke
run-quiz-tests: $(QUIZ_TEST_BINS)
	@mkdir -p $(QUIZ_LOGS)
	@for t in $(QUIZ_TEST_BINS); do \
	    n=$${t##*/}; log=$(QUIZ_LOGS)/$$n.log; rm -f $$log; \
	    if $(RUNNER) $$t >$$log 2>&1; then \
	        echo "quiz: $$n: $$(grep '^\[  PASSED  \]' $$log)"; \
	    else \
	        cat $$log; echo "quiz: $$n FAILED (log: $$log)"; exit 1; \
	    fi; \
	done

# The real runner with piped answers, exit statuses, JSON, GIFT, colour.
run-quiz-session: $(BIN)/quiz
	@QUIZ_RUNNER='$(RUNNER)' sh tests/quiz/session.sh $(BIN)/quiz

# libFuzzer needs clang (FUZZ_CC); the target builds in its own tree,
# whatever the variant.  It is already instrumented by ASan, so it never
# runs under $(RUNNER) (valgrind cannot run ASan binaries).
QUIZ_FUZZ_DIR   := $(BUILD)/fuzz/quiz
QUIZ_FUZZ       := $(QUIZ_FUZZ_DIR)/quiz_fuzz
QUIZ_FUZZ_SRCS  := fuzz/quiz_fuzz.c $(QUIZ_SRCS)
QUIZ_FUZZ_RUNS  ?= 2000000
QUIZ_FUZZ_ARGS   = -dict=tests/quiz/fuzz.dict \
                   -artifact_prefix=$(QUIZ_FUZZ_DIR)/ \
                   $(QUIZ_FUZZ_DIR)/corpus tests/quiz/corpus
SUITE_BINS      += $(QUIZ_FUZZ)

$(QUIZ_FUZZ): $(QUIZ_FUZZ_SRCS:%.c=$(FUZZ_OBJ)/%.o)
	$(call link_fuzz)

# One case: in 20000 runs from the corpus, the fuzzer finds no crash.
run-quiz-fuzz-smoke: $(QUIZ_FUZZ)
	@mkdir -p $(QUIZ_FUZZ_DIR)/corpus
	@. tests/lib.sh; log=$(QUIZ_FUZZ_DIR)/smoke.log; \
	if $(QUIZ_FUZZ) -runs=20000 $(QUIZ_FUZZ_ARGS) >$$log 2>&1; then \
	    echo "quiz: fuzz smoke: $$(grep '^Done' $$log)"; cases_line 1 0; \
	else \
	    tail -n 40 $$log; echo "quiz: fuzz smoke FAILED (log: $$log)"; \
	    cases_line 0 1; exit 1; \
	fi

# The long run of `make fuzz`.
FUZZ_RUNS += fuzz-quiz
fuzz-quiz: $(QUIZ_FUZZ)
	@mkdir -p $(QUIZ_FUZZ_DIR)/corpus
	$(QUIZ_FUZZ) -runs=$(QUIZ_FUZZ_RUNS) -print_final_stats=1 \
	    $(QUIZ_FUZZ_ARGS)

# make gift-check: the GIFT export read by the npm GIFT parser (gift-pegjs,
# pinned in tools/gift/package-lock.json) and checked against the bank.
# Not in `make test`: the package is installed from the npm registry, once,
# with `make gift-deps` (npm ci into tools/gift/node_modules).
GIFT_TOOLS := tools/gift
GIFT_OUT   := $(OUT)/quiz.gift
.PHONY: gift-check gift-deps
gift-deps:
	@command -v npm >/dev/null 2>&1 || { echo "gift-deps: npm is not installed; install it with: sudo apt-get install nodejs npm" >&2; exit 1; }
	npm ci --prefix $(GIFT_TOOLS) --ignore-scripts --no-audit --no-fund

gift-check: $(BIN)/quiz
	@command -v node >/dev/null 2>&1 || { echo "gift-check: node is not installed; install it with: sudo apt-get install nodejs npm, then run: make gift-deps" >&2; exit 1; }
	@test -f $(GIFT_TOOLS)/node_modules/gift-pegjs/package.json || { echo "gift-check: the GIFT parser (npm gift-pegjs) is not installed; install it with: make gift-deps (runs: npm ci --prefix $(GIFT_TOOLS))" >&2; exit 1; }
	@$(BIN)/quiz --export gift $(QUIZ_BANK) >$(GIFT_OUT)
	@node $(GIFT_TOOLS)/check.js $(GIFT_OUT) $(QUIZ_BANK)
