# modelreg: the kit's CLI over a SQLite registry (issue 6).
#
#   make                      builds $(BIN)/modelreg (IMPL=kata: the student's)
#   make test                 runs the steps below (about 10 s)
#   make modelreg-speed       commands on 10 and 10^5 versions, and SQLite's
#                             floor (tests/cli/sqlite_floor.c): the ratios
#   make fuzz                 includes fuzz-cli (CLI_FUZZ_SECONDS, default 120)

SQLITE_LIBS = $(shell pkg-config --libs sqlite3)
MODELREG    := $(BIN)/modelreg
ALL_BINS    += $(MODELREG)

# Explicit: the pattern rule in core.mk links no extra libraries.
$(MODELREG): $(OBJ)/src/cmd/modelreg.o $(IMPL_OBJS) $(ENGINE_LIB)
	$(call link_c,$(SQLITE_LIBS))

# cmocka tests: the parser (no files), and the store and commands end to end.
CLI_TESTS     := cli store
CLI_TEST_BINS := $(CLI_TESTS:%=$(TESTBIN)/test_%)
ALL_BINS      += $(CLI_TEST_BINS) $(TESTBIN)/test_cli_broken

$(CLI_TEST_BINS): $(TESTBIN)/test_%: $(OBJ)/tests/test_%.o \
                  $(OBJ)/tests/cli_test.o $(IMPL_OBJS) $(ENGINE_LIB)
	$(call link_c,$(CMOCKA_LIBS) $(SQLITE_LIBS))

# The CLI over deliberately broken exercises: the test file defines them, so
# it links the engine without IMPL.
$(TESTBIN)/test_cli_broken: $(OBJ)/tests/test_cli_broken.o \
                            $(OBJ)/tests/cli_test.o $(ENGINE_LIB)
	$(call link_c,$(CMOCKA_LIBS) $(SQLITE_LIBS))

# Under a RUNNER (valgrind) the shell tests run fewer commands; under the
# sanitizers the two promoters run 60 each, still about a second of
# contention for the busy handler here (the plain pass runs 200).
CLI_SH = RUNNER='$(RUNNER)' tests/cli
CLI_PROMOTIONS = $(if $(RUNNER),10,$(if $(SAN),60,200))
CLI_KILLS      = $(if $(RUNNER),3,25)

CLI_STEPS := run-cli-tests run-cli-bad-input run-cli-upgrade \
             run-cli-concurrency run-cli-crash run-cli-fuzz-smoke \
             run-cli-files run-cli-speed-smoke
SUITE_STEPS += $(CLI_STEPS)
.PHONY: $(CLI_STEPS) modelreg-speed fuzz-cli

run-cli-tests: $(CLI_TEST_BINS) $(TESTBIN)/test_cli_broken
	$(RUNNER) $(TESTBIN)/test_cli
	$(RUNNER) $(TESTBIN)/test_store
	$(RUNNER) $(TESTBIN)/test_cli_broken

run-cli-bad-input: $(MODELREG)
	$(CLI_SH)/bad_input.sh $(MODELREG)

run-cli-files: $(MODELREG)
	$(CLI_SH)/files.sh $(MODELREG)

run-cli-upgrade: $(MODELREG)
	$(CLI_SH)/upgrade.sh $(MODELREG)

run-cli-concurrency: $(MODELREG)
	$(CLI_SH)/concurrency.sh $(MODELREG) $(CLI_PROMOTIONS)

run-cli-crash: $(MODELREG)
	$(CLI_SH)/crash.sh $(MODELREG) $(CLI_KILLS)

# The yardstick of the fixed cost: one durable UPDATE through SQLite alone.
SQLITE_FLOOR := $(TESTBIN)/sqlite_floor
ALL_BINS     += $(SQLITE_FLOOR)
$(SQLITE_FLOOR): $(OBJ)/tests/cli/sqlite_floor.o
	$(call link_c,$(SQLITE_LIBS))

modelreg-speed: $(MODELREG) $(SQLITE_FLOOR)
	tests/cli/speed.sh $(MODELREG) 100000 21 $(SQLITE_FLOOR)

# The same script on 600 versions, one run of each: it proves the script
# and the floor work (a failed command fails the step); its figures mean
# nothing.
run-cli-speed-smoke: $(MODELREG) $(SQLITE_FLOOR)
	tests/cli/speed.sh $(MODELREG) 600 1 $(SQLITE_FLOOR)

# libFuzzer over cli_parse() (and through it tvargs_parse() of IMPL): its
# own tree, clang (FUZZ_CC), touches no file.
CLI_FUZZ_DIR     := $(BUILD)/fuzz-cli-$(IMPL)
CLI_FUZZ         := $(CLI_FUZZ_DIR)/cli_fuzz
CLI_FUZZ_SECONDS ?= 120
CLI_FUZZ_SRCS    := fuzz/cli_fuzz.c src/cli_parse.c src/cli_help.c src/opts.c \
                    src/prog.c \
                    src/registry.c src/status.c src/suggest.c \
                    src/stage_active.c src/utf8.c $(IMPL)/01_stage.c $(IMPL)/02_tvargs.c
SUITE_BINS       += $(CLI_FUZZ)

$(CLI_FUZZ): $(CLI_FUZZ_SRCS:%.c=$(FUZZ_OBJ)/%.o)
	$(call link_fuzz)

# Seeds: every command line of the bad-input table, one argument a line.
$(CLI_FUZZ_DIR)/seeds.stamp: tests/cli/bad_input.tsv
	@mkdir -p $(CLI_FUZZ_DIR)/corpus
	@awk -F'|' '!/^#/ && NF >= 3 { gsub(/ /, "\n", $$3); gsub(/\x27/, "", $$3); \
	    print $$3 > sprintf("$(CLI_FUZZ_DIR)/corpus/seed-%03d", NR) }' $<
	@touch $@

CLI_FUZZ_RUN = $(CLI_FUZZ) -print_final_stats=1 \
               -artifact_prefix=$(CLI_FUZZ_DIR)/ $(CLI_FUZZ_DIR)/corpus

# One case: from the seeds, 50,000 inputs (a fixed number, not seconds:
# the same work on a busy machine) and no crash.
run-cli-fuzz-smoke: $(CLI_FUZZ) $(CLI_FUZZ_DIR)/seeds.stamp
	@. tests/lib.sh; log=$(CLI_FUZZ_DIR)/smoke.log; \
	$(CLI_FUZZ_RUN) -runs=50000 >$$log 2>&1; rc=$$?; \
	if [ $$rc = 0 ]; then grep -E 'number_of_executed_units' $$log; \
	else cat $$log; fi; \
	cases_of 1 $$((rc != 0))

fuzz-cli: $(CLI_FUZZ) $(CLI_FUZZ_DIR)/seeds.stamp
	$(CLI_FUZZ_RUN) -max_total_time=$(CLI_FUZZ_SECONDS)
FUZZ_RUNS += fuzz-cli
