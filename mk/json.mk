# Every JSON output of the kit through a real JSON parser, jq (issue 13):
# modelreg --json, quiz --json and --save, grade --json, grade --class's
# class.json and bench's results.json (tests/json/check.sh).  The writer
# itself is tested by run-core-json (tests/test_json.c).

SUITE_STEPS += run-json-check
.PHONY: run-json-check
# The programs by path: mk/kata.mk, which names the grader, is read later.
run-json-check: $(BIN)/modelreg $(BIN)/quiz $(BIN)/grade $(BIN)/bench \
                $(TESTBIN)/grade/fixture
	@RUNNER='$(RUNNER)' tests/json/check.sh $(BIN) $(TESTBIN)/grade/fixture \
	    $(OUT)/json-check
