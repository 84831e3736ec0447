#!/usr/bin/env python3
"""Sum the test cases of every meson test into one line: 'N passed, N failed'.

doctest binaries report '[doctest] test cases: T | P passed | F failed'; script
tests print 'N passed, N failed' themselves. A test that reports neither counts
as one case, and a test that failed without reporting a failed case (a crash,
a time-out) counts one failure more, so nothing failing can hide."""
import json
import re
import sys

DOCTEST = re.compile(r"\[doctest\] test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed")
PLAIN = re.compile(r"^(?:\w+:\s*)?(\d+) passed, (\d+) failed", re.M)


def main(path):
    passed = failed = 0
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            if not line.strip():
                continue
            test = json.loads(line)
            output = (test.get("stdout") or "") + (test.get("stderr") or "")
            ok = test.get("result") in ("OK", "EXPECTEDFAIL", "SKIP")
            counts = [(int(p), int(f)) for _, p, f in DOCTEST.findall(output)]
            counts += [(int(p), int(f)) for p, f in PLAIN.findall(output)]
            if counts:
                p = sum(c[0] for c in counts)
                f = sum(c[1] for c in counts)
            else:
                p, f = (1, 0) if ok else (0, 1)
            if not ok and f == 0:
                f = 1
            passed += p
            failed += f
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


sys.exit(main(sys.argv[1]))
