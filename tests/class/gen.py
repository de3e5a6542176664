#!/usr/bin/env python3
"""Writes N students' grade.json and quiz --json reports with a known
distribution into DIR (DIR/sNNN/grade.json, DIR/sNNN/quiz.json), and the
aggregates they must give into EXPECTED, tallied here from what was
written, independently of grade --class.

    tests/class/gen.py DIR EXPECTED [N]

The distribution: exercise e passes for rate[e] % of the students; a
failing student's first failing case is case a (60 %), b (30 %) or, for
one in ten, no case at all (the kata did not build).  Question q is missed
by about 4q % of the students; of the misses, half choose the first wrong
option, a quarter the second, a quarter leave it blank.  Every fifth quiz
is shuffled (its letters differ)."""
import json
import os
import sys

EXERCISES = ["01_stage", "02_tvargs", "03_transition", "04_promote",
             "05_dispatch", "06_production", "07_alias"]
PASS_RATE = [90, 80, 70, 60, 50, 40, 30]
CASES = ["case_a", "case_b", "case_c"]
QUESTIONS = 20
# Ends each failure message: markup, a C1 control, a noncharacter and a
# vertical tab, each of which the report (parsed strictly) must not carry.
HOSTILE = " <b>&\u0085\ufdd0\u000b"
LETTERS = "ABCD"


def mix(i, salt):
    """A well-spread 0..99 from the student and a salt (no randomness)."""
    return (i * 2654435761 + salt * 40503) % 1000003 % 100


def grade_report(i):
    exercises, score = [], 0
    for e, name in enumerate(EXERCISES):
        ok = mix(i, e + 1) < PASS_RATE[e]
        which = i % 10
        cases = [{"name": c, "status": "pass", "message": None} for c in CASES]
        status, first = "pass", None
        if not ok and which == 9:
            status = "no-build"
            cases = [{"name": c, "status": "not run", "message": None}
                     for c in CASES]
            first = "kata/%s.c:3: error: expected ';'" % name
        elif not ok:
            status = "fail"
            k = 0 if which < 6 else 1
            cases[k] = {"name": CASES[k], "status": "fail",
                        "message": "student %d got it wrong%s" % (i, HOSTILE)}
            cases[2] = {"name": "case_c", "status": "fail", "message": "later"}
            first = "%s: student %d got it wrong%s" % (CASES[k], i, HOSTILE)
        score += ok
        exercises.append({"exercise": name, "file": "kata/%s.c" % name,
                          "quiz": "-", "status": status,
                          "passed": sum(c["status"] == "pass" for c in cases),
                          "total": len(cases), "points": int(ok),
                          "max_points": 1, "seconds": 0.01,
                          "first_failure": first, "note": None, "hint": None,
                          "cases": cases})
    return {"run_id": "20261202T000000Z-%08x" % i, "mode": "sandbox",
            "mode_reason": None, "score": score,
            "max_score": len(EXERCISES), "timeout_seconds": 10,
            "exercises": exercises}


def quiz_report(i):
    shuffled = i % 5 == 4
    results, correct, answered = [], 0, 0
    for q in range(1, QUESTIONS + 1):
        key = (q * 3 + (i if shuffled else 0)) % 4
        wrong = [k for k in range(4) if k != key]
        missed = mix(i, 100 + q) < 4 * q
        pick = (i // 3) % 4
        if not missed:
            answer, mistake = key, None
        elif pick == 3:
            answer, mistake = None, None
        else:
            w = 0 if pick < 2 else 1
            # The letter moves with the shuffle; the mistake does not.
            answer = wrong[(w + (i if shuffled else 0)) % 3]
            mistake = "mistake %d of question %d" % (w + 1, q)
        correct += answer == key
        answered += answer is not None
        results.append({"number": q, "line": 10 * q,
                        "title": "Question %d" % q,
                        "answer": None if answer is None else LETTERS[answer],
                        "key": LETTERS[key], "correct": answer == key,
                        "mistake": mistake if answer != key else None})
    percent = 100 * correct // QUESTIONS
    return {"bank": "quiz/bank.txt", "questions": QUESTIONS,
            "answered": answered, "correct": correct, "percent": percent,
            "pass_mark": 70, "passed": percent >= 70, "shuffled": shuffled,
            "seed": 7 if shuffled else None, "results": results}


def tally(grades, quizzes):
    """The aggregates, counted from the reports as written."""
    exp = {"students": len(grades), "grade_reports": len(grades),
           "quiz_reports": len(quizzes),
           "quiz_passed": sum(q["passed"] for q in quizzes),
           "exercises": [], "questions": []}
    for e, name in enumerate(EXERCISES):
        rows = [g["exercises"][e] for g in grades]
        firsts = {}
        for r in rows:
            if r["status"] == "pass":
                continue
            fails = [c["name"] for c in r["cases"] if c["status"] == "fail"]
            k = fails[0] if fails else "(%s)" % r["status"]
            firsts[k] = firsts.get(k, 0) + 1
        top = min(firsts.items(), key=lambda kv: (-kv[1], kv[0]),
                  default=None)
        exp["exercises"].append({
            "name": name, "reports": len(rows),
            "passed": sum(r["status"] == "pass" for r in rows),
            "first_failure": top and {"case": top[0], "reports": top[1]}})
    for q in range(QUESTIONS):
        rows = [(x["results"][q], x["shuffled"]) for x in quizzes]
        wrong = {}
        for r, shuf in rows:
            if r["answer"] is not None and not r["correct"]:
                wrong.setdefault(r["mistake"], []).append((r["answer"], shuf))
        top = min(wrong.items(), key=lambda kv: (-len(kv[1]), kv[0]),
                  default=None)
        letters = {a for a, _ in top[1]} if top else set()
        letter = (letters.pop() if len(letters) == 1 and
                  not any(s for _, s in top[1]) else None)
        exp["questions"].append({
            "number": q + 1, "answers": len(rows),
            "missed": sum(not r["correct"] for r, _ in rows),
            "unanswered": sum(r["answer"] is None for r, _ in rows),
            "most_chosen_wrong": top and {"letter": letter,
                                          "answers": len(top[1]),
                                          "mistake": top[0]}})
    hist = [0] * (len(EXERCISES) + 1)
    for g in grades:
        hist[g["score"]] += 1
    exp["score_histogram"] = {"max_score": len(EXERCISES), "reports": hist}
    bins = [0] * 10
    for x in quizzes:
        bins[min(x["percent"] // 10, 9)] += 1
    exp["quiz_histogram"] = bins
    return exp


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: gen.py DIR EXPECTED [N]")
    out, expected = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) == 4 else 500
    grades, quizzes = [], []
    for i in range(n):
        d = os.path.join(out, "s%03d" % i)
        os.makedirs(d, exist_ok=True)
        grades.append(grade_report(i))
        quizzes.append(quiz_report(i))
        with open(os.path.join(d, "grade.json"), "w") as f:
            json.dump(grades[-1], f, indent=2)
        with open(os.path.join(d, "quiz.json"), "w") as f:
            json.dump(quizzes[-1], f, indent=2)
    with open(expected, "w") as f:
        json.dump(tally(grades, quizzes), f, indent=1)


main()
