# The class view (issue 12): grade --class over a folder of every
# student's grade.json and quiz --json report.  The code is src/class*.c,
# the plot plots/class.gp, the tests tests/test_class.c and tests/class/;
# docs/class.md is the instructor's guide.
#
#   make class DIR=reports/    text on stdout; build/class/class.json,
#                              class.svg, class.png and section.html

CLASS_OUT := $(BUILD)/class
# The grader (mk/kata.mk builds it; this fragment is read first).
CLASS_GRADER := $(BIN)/grade
.PHONY: class
class: $(CLASS_GRADER)
	@test -n "$(DIR)" || { echo "usage: make class DIR=FOLDER (each student's build/kata/grade.json and quiz --json output, e.g. FOLDER/alice/grade.json; docs/class.md)" >&2; exit 2; }
	@$(CLASS_GRADER) --class '$(DIR)' --out $(CLASS_OUT) --plot plots/class.gp

ALL_BINS += $(TESTBIN)/test_class
$(TESTBIN)/test_class: $(OBJ)/tests/test_class.o $(ENGINE_LIB)
	$(call link_c,$(CMOCKA_LIBS) $(SQLITE_LIBS))

# Under a RUNNER (valgrind) or the sanitizers the scale test generates
# fewer students: every figure is checked all the same, and the time it
# prints means something in the plain build only.
CLASS_STUDENTS = $(if $(RUNNER),40,$(if $(SAN),100,500))
CLASS_WORK     = $(OUT)/class-tests
CLASS_STEPS := run-class-tests run-class-bad-input run-class-scale
SUITE_STEPS += $(CLASS_STEPS)
.PHONY: $(CLASS_STEPS)

run-class-tests: $(TESTBIN)/test_class
	$(RUNNER) $<

run-class-bad-input: $(CLASS_GRADER)
	@RUNNER='$(RUNNER)' tests/class/bad_input.sh $(CLASS_GRADER) $(CLASS_WORK)/bad

# 500 students against the generator's tally, the time printed; the
# fragment for the report checked with an HTML parser, and the report
# with it checked strictly.
run-class-scale: $(CLASS_GRADER) $(BIN)/report
	@RUNNER='$(RUNNER)' tests/class/scale.sh $(CLASS_GRADER) $(BIN)/report \
	    $(CLASS_WORK)/scale $(CLASS_STUDENTS)
