"""Runs the quiz with its stdout on a pseudo-terminal, to check that colour
appears on a terminal, and never with a non-empty NO_COLOR or TERM=dumb
unless --color always says so.

    python3 tests/quiz/colour_on_tty.py build/solutions/bin/quiz tests/quiz/mini.txt

QUIZ_RUNNER may name a wrapper (valgrind).  Exits non-zero on failure.
"""

import os
import pty
import select
import shlex
import subprocess
import sys

ESC = b"\x1b["


def on_tty(cmd, env):
    """Output of cmd with 'b' piped to stdin and stdout on a terminal."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=slave,
                            stderr=slave, env=env)
    os.close(slave)
    proc.stdin.write(b"b\n")
    proc.stdin.close()
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(master, 4096)
        except OSError:  # EIO: the terminal's other side closed
            break
        if not data:
            break
        out += data
    proc.wait(timeout=60)
    os.close(master)
    return out


def main():
    quiz, bank = sys.argv[1], sys.argv[2]
    cmd = shlex.split(os.environ.get("QUIZ_RUNNER", "")) + [quiz, bank]
    base = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    term = dict(base, TERM="xterm")
    # no-color.org: only a non-empty NO_COLOR counts, and a command-line
    # setting (--color always) overrides it.
    cases = [
        ("a terminal gets colour", term, [], True),
        ("NO_COLOR=1 means no colour", dict(term, NO_COLOR="1"), [], False),
        ("NO_COLOR set but empty is not set",
         dict(term, NO_COLOR=""), [], True),
        ("TERM=dumb gets no colour", dict(base, TERM="dumb"), [], False),
        ("--color always wins over NO_COLOR=1", dict(term, NO_COLOR="1"),
         ["--color", "always"], True),
        ("--color never on a terminal", term, ["--color=never"], False),
    ]
    failed = 0
    for what, env, args, want in cases:
        out = on_tty(cmd + args, env)
        got = ESC in out
        if b"Question 1/" not in out or got != want:
            print(f"tty: FAILED: {what} (escape codes: {got})\n"
                  f"{out.decode(errors='replace')}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
