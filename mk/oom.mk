# Out of memory (issue 13): every program exits PROG_EXIT_NOMEM
# (include/prog.h) when memory runs out.  run-oom fails the Nth allocation
# of real processes with an LD_PRELOAD library (tests/oom/failmalloc.c)
# and checks the exit status, the message and, for modelreg, that the
# registry is unchanged (tests/oom/oom.sh).  The plain pass only: ASan
# brings its own malloc.  OOM_SAMPLES=0 tries every allocation (an hour);
# OOM_MODES, OOM_ONLY: see the script.

OOM_SHIM    := $(BUILD)/oom/failmalloc.so
OOM_SAMPLES ?= 12
SUITE_BINS  += $(OOM_SHIM)

# Not the kit's objects: no sanitizer, position-independent, shared.
$(BUILD)/oom/failmalloc.o: tests/oom/failmalloc.c | $(DEPS_OK)
	@mkdir -p $(@D)
	$(call quiet_cmd,CC,$<)$(CC) -std=c11 $(WARN) $(WERROR) -O2 -g -fPIC \
	    -MMD -MP -c -o $@ $<

$(OOM_SHIM): $(BUILD)/oom/failmalloc.o
	$(call quiet_cmd,LD,$@)$(CC) -shared -o $@ $<

.PHONY: run-oom
ifeq ($(SAN),)
SUITE_STEPS += run-oom
run-oom: $(OOM_SHIM) $(CONV_PROGRAMS:%=$(BIN)/%) $(GRADE_FIXTURES)
	@OOM_SAMPLES='$(OOM_SAMPLES)' tests/oom/oom.sh $(BIN) $(OOM_SHIM) \
	    $(GRADE_FIXTURES)
else
run-oom:
	@echo "run-oom: the plain build only (ASan brings its own malloc)" >&2
	@exit 2
endif
