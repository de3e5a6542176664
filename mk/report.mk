# The instructor's report (issue 12): one offline HTML page from whatever
# results exist.  The page's engine is src/page*.c (include/page.h), the
# command src/cmd/report.c, the tests tests/report/, the browser check
# tools/browser/; docs/report.md is the guide.
#
#   make report          build/report/index.html (IMPL=kata: build/report/kata/)
#   make report-check    opens it in headless chromium: no console errors,
#                        every SVG drawn, a screenshot

REPORT_BIN  := $(BIN)/report
REPORT_TEST := $(TESTBIN)/test_page
REPORT_OUT  := $(BUILD)/report$(BENCH_SUB)
REPORT_PAGE := $(REPORT_OUT)/index.html
REPORT_ARGS ?=
ALL_BINS    += $(REPORT_BIN) $(REPORT_TEST)

# Debian's python3 (html5lib is its package python3-html5lib), whatever
# python3 comes first in PATH.
REPORT_PYTHON ?= /usr/bin/python3

$(REPORT_BIN): $(OBJ)/src/cmd/report.o $(ENGINE_LIB)
	$(call link_c,$(SQLITE_LIBS))

$(REPORT_TEST): $(OBJ)/tests/report/test_page.o $(ENGINE_LIB)
	$(call link_c,$(CMOCKA_LIBS) $(SQLITE_LIBS))

.PHONY: report report-check report-check-test run-report-tests \
        run-report-page run-report-quiz-save

report: $(REPORT_BIN)
	@mkdir -p $(REPORT_OUT)
	@$(REPORT_BIN) --output $(REPORT_PAGE) --bench $(BENCH_OUT) \
	    --plots $(PLOT_OUT) --grade $(KATA_DIR)/grade.json \
	    --quiz $(QUIZ_LAST) $(REPORT_ARGS)

# The browser check: the checker is first shown to fail on broken pages
# (tests/report/browser.sh), then run on the report.
BROWSER_DIR := tools/browser
CHROMIUM    ?= /usr/bin/chromium
BROWSER_ENV  = CHROMIUM='$(CHROMIUM)' BROWSER_DIR='$(BROWSER_DIR)'

report-check: report
	@$(BROWSER_ENV) sh tests/report/browser.sh self-test
	@$(BROWSER_ENV) sh tests/report/browser.sh check $(REPORT_PAGE) \
	    $(REPORT_OUT)/screenshot.png

report-check-test:
	@$(BROWSER_ENV) sh tests/report/browser.sh self-test

# Suite steps: the page engine's unit tests; pages built from fixtures
# (hostile text, missing and broken inputs) and from this tree's results,
# parsed strictly by html5lib; the quiz's saved result.
SUITE_STEPS += run-report-tests run-report-page run-report-quiz-save

run-report-tests: $(REPORT_TEST)
	$(RUNNER) $<

run-report-page: $(REPORT_BIN)
	@REPORT_RUNNER='$(RUNNER)' REPORT_PYTHON='$(REPORT_PYTHON)' \
	    sh tests/report/page.sh $(REPORT_BIN) $(OUT)/report-test

run-report-quiz-save: $(BIN)/quiz
	@MAKE='$(MAKE)' QUIZ_RUNNER='$(RUNNER)' sh tests/report/quiz_save.sh $(BIN)/quiz \
	    $(OUT)/report-quiz
