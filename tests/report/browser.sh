#!/bin/sh
# make report-check: the report in a real headless browser (Debian's
# chromium, driven by playwright-core from tools/browser/).
#   sh tests/report/browser.sh check PAGE SCREENSHOT
#   sh tests/report/browser.sh self-test   the checker must fail on broken
#                                           pages and pass a good one
# CHROMIUM: the browser (default /usr/bin/chromium); BROWSER_DIR: the
# checker (default tools/browser).
set -u
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
DIR=${BROWSER_DIR:-tools/browser}

# What is missing, with the command that installs it.
need() {
    if [ ! -x "$CHROMIUM" ]; then
        echo "report-check: no browser: $CHROMIUM is not installed." >&2
        echo "  Install Debian's chromium:  sudo apt-get install chromium" >&2
        echo "  (or set CHROMIUM=/path/to/chromium); see docs/report.md." >&2
        exit 1
    fi
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        echo "report-check: no node: sudo apt-get install nodejs npm" >&2
        exit 1
    fi
    if [ ! -d "$DIR/node_modules/playwright-core" ]; then
        echo "report-check: installing playwright-core (npm ci in $DIR," \
            "from its package-lock.json)"
        (cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || {
            echo "report-check: npm ci failed in $DIR" >&2
            exit 1
        }
    fi
}

run_check() {
    CHROMIUM=$CHROMIUM node "$DIR/check.mjs" "$1" "$2"
}

# A page with one drawn SVG, and extra markup in its body.
fixture() {
    cat <<EOF
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>fixture</title></head>
<body><svg role="img" viewBox="0 0 10 10" width="100%"><title>ok</title>
<rect width="10" height="10" fill="#0072B2"/></svg>
$1
</body></html>
EOF
}

# expect NAME STATUS MESSAGE BODY: the checker on a fixture page.
expect() {
    fixture "$4" >"$work/$1.html"
    run_check "$work/$1.html" "$work/$1.png" >"$work/$1.log" 2>&1
    st=$?
    checks=$((checks + 1))
    if [ "$st" -ne "$2" ] || ! grep -qF -- "$3" "$work/$1.log"; then
        failures=$((failures + 1))
        echo "report-check self-test: FAILED: $1: exit $st (want $2)," \
            "want \"$3\" in:" >&2
        cat "$work/$1.log" >&2
    fi
}

self_test() {
    work=build/report/check-test
    rm -rf "$work"
    mkdir -p "$work"
    checks=0 failures=0
    expect good 0 "1 SVG images drawn" ""
    expect console-error 1 "console error: injected" \
        "<script>console.error('injected')</script>"
    expect exception 1 "uncaught exception" \
        "<script>null.x()</script>"
    expect zero-svg 1 "is drawn at 0x0" \
        '<svg role="img" width="0" height="0" viewBox="0 0 1 1"><title>zero</title></svg>'
    expect hidden-svg 1 "(\"hidden\") is drawn at 0x0" \
        '<svg role="img" style="display:none" viewBox="0 0 1 1"><title>hidden</title></svg>'
    expect external 1 "external reference: http://127.0.0.1:9/x.png" \
        '<img src="http://127.0.0.1:9/x.png" alt="">'
    checks=$((checks + 1))
    [ -s "$work/good.png" ] || { failures=$((failures + 1));
        echo "report-check self-test: FAILED: no screenshot" >&2; }
    if [ "$failures" -ne 0 ]; then
        echo "report-check self-test: $failures of $checks checks failed" >&2
        exit 1
    fi
    echo "report-check self-test: the checker fails on console errors," \
        "exceptions, undrawn SVGs and external requests ($checks checks)"
}

case "${1:-}" in
check)
    [ $# -eq 3 ] || { echo "usage: $0 check PAGE SCREENSHOT" >&2; exit 2; }
    need
    [ -s "$2" ] || { echo "report-check: no page $2 (make report)" >&2; exit 1; }
    run_check "$2" "$3"
    ;;
self-test)
    need
    self_test
    ;;
*)
    echo "usage: $0 check PAGE SCREENSHOT | self-test" >&2
    exit 2
    ;;
esac
