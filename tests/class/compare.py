#!/usr/bin/env python3
"""Compares grade --class's class.json with the generator's tally.

    tests/class/compare.py CLASS_JSON EXPECTED_JSON

Exit 0 when every figure agrees; otherwise each difference on stderr.
Each figure compared is a case: the last line is "cases: P passed, F
failed" (scripts/suite.sh counts it)."""
import json
import sys

got = json.load(open(sys.argv[1]))
want = json.load(open(sys.argv[2]))
bad = []
compared = 0


def same(what, g, w):
    global compared
    compared += 1
    if g != w:
        bad.append("%s: grade --class says %r, the generator wrote %r"
                   % (what, g, w))


for k in ("students", "grade_reports", "quiz_reports", "quiz_passed"):
    same(k, got.get(k), want[k])
same("exercise count", len(got["exercises"]), len(want["exercises"]))
for g, w in zip(got["exercises"], want["exercises"]):
    n = w["name"]
    same(n + " name", g["name"], n)
    same(n + " reports", g["reports"], w["reports"])
    same(n + " passed", g["passed"], w["passed"])
    same(n + " pass_rate", round(g["pass_rate"], 4),
         round(w["passed"] / w["reports"], 4))
    ff = g["first_failure"]
    same(n + " first failure", ff and {"case": ff["case"],
                                       "reports": ff["reports"]},
         w["first_failure"])
same("question count", len(got["questions"]), len(want["questions"]))
for g, w in zip(got["questions"], want["questions"]):
    n = "Q%d" % w["number"]
    for k in ("number", "answers", "missed", "unanswered"):
        same(n + " " + k, g[k], w[k])
    same(n + " miss_rate", round(g["miss_rate"], 4),
         round(w["missed"] / w["answers"], 4))
    same(n + " most-chosen wrong option", g["most_chosen_wrong"],
         w["most_chosen_wrong"])
same("score histogram", got["score_histogram"], want["score_histogram"])
same("quiz histogram", [b["reports"] for b in got["quiz_histogram"]],
     want["quiz_histogram"])
same("skipped", got["skipped"], [])
for b in bad:
    print("class: " + b, file=sys.stderr)
print("cases: %d passed, %d failed" % (compared - len(bad), len(bad)))
sys.exit(1 if bad else 0)
