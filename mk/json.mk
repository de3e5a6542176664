# Every JSON output of the kit through a real JSON parser, jq (issue 13):
# modelreg --json, quiz --json and --save, grade --json and grade --class's
# class.json (tests/json/check.sh); bench's results.json in the bench
# smoke (tests/bench/smoke.sh).  The writer itself is tested by
# run-core-json (tests/test_json.c).

SUITE_STEPS += run-json-check
.PHONY: run-json-check
# The programs by path: mk/kata.mk, which names the grader, is read later.
run-json-check: $(BIN)/modelreg $(BIN)/quiz $(BIN)/grade \
                $(TESTBIN)/grade/fixture
	@RUNNER='$(RUNNER)' tests/json/check.sh $(BIN) $(TESTBIN)/grade/fixture \
	    $(OUT)/json-check
