# The engine's own programs and tests (issue 2).

DEMO := $(BIN)/demo
ALL_BINS += $(DEMO) $(BIN)/transition-speed

$(BIN)/%: $(OBJ)/src/cmd/%.o $(IMPL_OBJS) $(ENGINE_LIB)
	$(call link_c,)

# Engine tests: tests/test_<name>.c, linked with the engine and IMPL.
CORE_TESTS := status registry scenarios property dispatch text messages json \
              alias
CORE_TEST_BINS := $(CORE_TESTS:%=$(TESTBIN)/test_%)
ALL_BINS += $(CORE_TEST_BINS)

$(CORE_TEST_BINS): $(TESTBIN)/test_%: $(OBJ)/tests/test_%.o $(OBJ)/tests/kit_test.o $(IMPL_OBJS) \
                                       $(ENGINE_LIB)
	$(call link_c,$(CMOCKA_LIBS))

CORE_STEPS := $(CORE_TESTS:%=run-core-%)
SUITE_STEPS += $(CORE_STEPS)
.PHONY: $(CORE_STEPS) demo transition-speed
$(CORE_STEPS): run-core-%: $(TESTBIN)/test_%
	$(RUNNER) $<

# The seed's table from real counts (the main job until the benchmarks).
demo: $(DEMO)
	$(DEMO)

# Time per transition at 10^3 .. 10^6 versions beside the machine's
# dependent-load latency (a benchmark, not a test), and its plot.
transition-speed: $(BIN)/transition-speed
	@mkdir -p $(BUILD)/bench $(BUILD)/plots
	@$< --out=$(BUILD)/bench
	@gnuplot -e "dir='$(BUILD)/bench'; out='$(BUILD)/plots/transition'" \
	    $(if $(wildcard $(BUILD)/bench/meta.gp),,-e "nometa=1") \
	    plots/transition.gp
	@echo "transition-speed: $(BUILD)/plots/transition.png $(BUILD)/plots/transition.svg"
