# Shared by the kit's shell tests: the line scripts/suite.sh counts, which
# a test prints at its end.
#
#   cases_line PASSED FAILED         prints "cases: P passed, F failed"
#   cases_at_exit STATUS PASSED      for a test that stops at its first
#                                    failure: from its EXIT trap, PASSED
#                                    cases and one failed when STATUS is not 0
#   cases_of CHECKS FAILED           for a test that counts the checks it
#                                    made and those that failed: the line,
#                                    and status 1 when one failed
#   one_check                        counts the check that follows it, in
#                                    $checks: `one_check; COND || fail MSG`

cases_line() {
    printf 'cases: %d passed, %d failed\n' "$1" "$2"
}

cases_at_exit() {
    if [ "$1" = 0 ]; then cases_line "$2" 0; else cases_line "$2" 1; fi
}

cases_of() {
    cases_line $(($1 - $2)) "$2"
    [ "$2" -eq 0 ]
}

checks=0
one_check() {
    checks=$((checks + 1))
}
