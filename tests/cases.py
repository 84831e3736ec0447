"""The harness of the Python test scripts: @case runs a function at once and
counts it (a failed expect() or any exception is one failure, reported and
passed over), @named_case("label") does the same for cases made in a loop,
and finish() prints the line 'N passed, N failed' that tests/summarize.py
reads, then exits 1 if anything failed."""
import sys

RESULTS = {"passed": 0, "failed": 0}


def run_case(name, function):
    try:
        function()
        RESULTS["passed"] += 1
    except Exception as error:  # report and go on with the next case
        RESULTS["failed"] += 1
        print(f"FAIL {name}: {type(error).__name__}: {error}")


def case(function):
    run_case(function.__name__, function)
    return function


def named_case(name):
    return lambda function: run_case(name, function)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def finish():
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    sys.exit(1 if RESULTS["failed"] else 0)
