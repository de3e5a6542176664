"""Reads grade.xml with a real XML parser and checks what CI readers use.

    python3 tests/grade/junit.py GRADE_XML NOBUILD_SUITE EXPECTED_ERROR

Every <testcase> has a time (seconds, a number >= 0) no larger than its
suite's; the suite NOBUILD_SUITE has an error testcase whose <system-err>
holds EXPECTED_ERROR (after unescaping); no other suite has one."""
import sys
import xml.etree.ElementTree as ET


def fail(msg):
    sys.exit("junit: " + msg)


def main(path, nobuild, expected):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        fail(f"{path} is not well-formed XML: {e}")
    if root.tag != "testsuites":
        fail(f"the root is <{root.tag}>, not <testsuites>")
    cases = 0
    for suite in root.iter("testsuite"):
        total = float(suite.get("time", "-1"))
        for case in suite.iter("testcase"):
            cases += 1
            t = float(case.get("time", "-1"))
            if not 0 <= t <= total + 0.001:
                fail(f"{suite.get('name')}/{case.get('name')}: time {t} "
                     f"is not within the suite's {total}")
        errs = [e.text or "" for e in suite.iter("system-err")]
        if suite.get("name") == nobuild:
            if not any(expected in e for e in errs):
                fail(f"{nobuild}: no <system-err> with {expected!r}: {errs}")
        elif errs:
            fail(f"{suite.get('name')} built, yet has a <system-err>")
    if cases == 0:
        fail("no testcase at all")
    return cases


if __name__ == "__main__":
    print(main(*sys.argv[1:4]))
