# GNU targets and the conventions every program keeps (issue 13): install,
# uninstall, the man pages (man/), make help, and the suite's checks.
#
#   make install [PREFIX=/usr/local] [DESTDIR=]   programs, bank, man pages
#   make uninstall [PREFIX=...] [DESTDIR=...]     removes exactly those
#   make help                                     the targets (mk/targets.tsv)
#
# Only PREFIX and DESTDIR move things: the quiz finds its bank at
# ../share/stagekit/bank.txt beside its own directory (prog_share_path()),
# so bin/ and share/ stay siblings under PREFIX.

PREFIX  ?= /usr/local
DESTDIR ?=
INSTALL ?= install
INSTALL_BIN   = $(DESTDIR)$(PREFIX)/bin
INSTALL_SHARE = $(DESTDIR)$(PREFIX)/share/stagekit
INSTALL_MAN1  = $(DESTDIR)$(PREFIX)/share/man/man1

# The user programs: those that work outside a checkout.  grade and watch
# grade the checkout's kata/ through make; demo, bench and
# transition-speed are lessons whose tables and plots make produces in the
# checkout.
INSTALL_PROGRAMS := modelreg quiz
MAN_PAGES := $(wildcard man/*.1)
INSTALLED  = $(INSTALL_PROGRAMS:%=$(INSTALL_BIN)/%) \
             $(INSTALL_SHARE)/bank.txt $(MAN_PAGES:man/%=$(INSTALL_MAN1)/%)

# The build tree's programs find the bank as installed ones do: through a
# link to the checkout's quiz/bank.txt, so an edit of the bank shows at once.
SHARE_BANK := $(OUT)/share/stagekit/bank.txt
ALL_BINS   += $(SHARE_BANK)
$(SHARE_BANK): quiz/bank.txt
	@mkdir -p $(@D)
	ln -sfn "$$(realpath --relative-to=$(@D) $<)" $@

.PHONY: install uninstall help
install: $(INSTALL_PROGRAMS:%=$(BIN)/%) quiz/bank.txt $(MAN_PAGES)
	@$(INSTALL) -d $(INSTALL_BIN) $(INSTALL_SHARE) $(INSTALL_MAN1)
	@for p in $(INSTALL_PROGRAMS); do \
	    $(INSTALL) -m 0755 $(BIN)/$$p $(INSTALL_BIN)/$$p || exit 1; \
	    echo "  INSTALL $(INSTALL_BIN)/$$p"; done
	@$(INSTALL) -m 0644 quiz/bank.txt $(INSTALL_SHARE)/bank.txt
	@echo "  INSTALL $(INSTALL_SHARE)/bank.txt"
	@for m in $(MAN_PAGES); do \
	    $(INSTALL) -m 0644 $$m $(INSTALL_MAN1)/ || exit 1; \
	    echo "  INSTALL $(INSTALL_MAN1)/$${m#man/}"; done

uninstall:
	@for f in $(INSTALLED); do \
	    if [ -e "$$f" ]; then rm -f "$$f" && echo "  RM      $$f"; fi; done
	@rmdir $(INSTALL_SHARE) 2>/dev/null || true

# One line per target; the table is the one place they are described.
help:
	@echo "make TARGET [VARIABLE=value ...]; the targets:"
	@awk -F'\t' '!/^#/ && NF == 2 && $$2 != "-" { printf "  %-18s %s\n", $$1, $$2 }' \
	    mk/targets.tsv

# --- suite steps ---------------------------------------------------------------

CONV_TEST := $(TESTBIN)/test_conv
ALL_BINS  += $(CONV_TEST)
$(CONV_TEST): $(OBJ)/tests/conv/test_conv.o $(ENGINE_LIB)
	$(call link_c,$(CMOCKA_LIBS))

# The programs of the options table (pending ones too: they must build).
CONV_PROGRAMS := $(shell sed '/^\#/d' tests/conv/programs.txt)

CONV_STEPS := run-conv-unit run-conv-options run-conv-man run-conv-help \
              run-conv-install
SUITE_STEPS += $(CONV_STEPS)
.PHONY: $(CONV_STEPS)

# The shared helper (src/prog.c), opts_scan_next and the quiz's bank
# order; the grader's --color.
run-conv-unit: $(CONV_TEST) $(BIN)/grade $(TESTBIN)/grade/fixture
	$(RUNNER) $<
	@tests/conv/colour.sh $(BIN)/grade $(TESTBIN)/grade/fixture

# Every program x --help, --version, an unknown option and a near miss;
# then the bad command lines of tests/conv/usage.tsv.
run-conv-options: $(CONV_PROGRAMS:%=$(BIN)/%)
	@RUNNER='$(RUNNER)' tests/conv/options.sh $(BIN) tests/conv/programs.txt \
	    tests/conv/pending.txt tests/conv/usage.tsv

# The man pages render without a warning and name every option.
run-conv-man: $(BIN)/quiz $(BIN)/modelreg
	@tests/conv/man.sh $(BIN)

run-conv-help:
	@MAKE='$(MAKE)' tests/conv/help.sh mk/targets.tsv

run-conv-install: $(INSTALL_PROGRAMS:%=$(BIN)/%) $(SHARE_BANK)
	@MAKE='$(MAKE)' RUNNER='$(RUNNER)' tests/conv/install.sh $(BIN)
