#!/usr/bin/python3
"""Every benchmark in Google Benchmark's results.json records the counters
n and p (issue 12: a reader must be able to tell the series apart), and
the two series really separate them: fixed-p keeps p while n moves,
fixed-n keeps n while p moves.  Exit 1 with the first problem.  Each
counter of each run and each series is a case: the last line is "cases: P
passed, F failed" (scripts/suite.sh counts it; it stops at the first
failure)."""
import json
import sys


def main(path, passed):
    """The first problem, or None; passed[0] counts the checks that held."""
    with open(path) as f:
        runs = [b for b in json.load(f)["benchmarks"]
                if b.get("run_type") == "iteration"]
    if not runs:
        return "no benchmark in " + path
    for b in runs:
        for c in ("n", "p"):
            if not isinstance(b.get(c), (int, float)):
                return "%s has no counter %s" % (b["name"], c)
            passed[0] += 1
    def values(prefix, c):
        return {b[c] for b in runs if b["name"].startswith(prefix)}
    checks = [("fixed-p/", "p", 1), ("fixed-p/", "n", 2),
              ("fixed-n/", "n", 1), ("fixed-n/", "p", 2)]
    for prefix, c, want in checks:
        got = values(prefix, c)
        if (want == 1 and len(got) != 1) or (want == 2 and len(got) < 2):
            return "%s* has %s values %s" % (prefix, c, sorted(got))
        passed[0] += 1
    print("counters: %d runs, each with n and p; the series separate them"
          % len(runs))
    return None


if __name__ == "__main__":
    passed = [0]
    problem = main(sys.argv[1], passed)
    if problem:
        print("counters: " + problem, file=sys.stderr)
    print("cases: %d passed, %d failed" % (passed[0], 1 if problem else 0))
    sys.exit(1 if problem else 0)
