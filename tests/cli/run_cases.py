#!/usr/bin/env python3
"""Run `planner` on every row of one or more case manifests (TSV: file, args
with a {file} placeholder, expected exit code, message fragment) and check the
exit code and that stderr holds the fragment. Also checks that the same
arguments with --json print exactly one JSON error document on stdout.

Usage: run_cases.py PLANNER MANIFEST...   Prints 'N passed, N failed'."""
import json
import os
import shlex
import subprocess
import sys
import tempfile


def read_cases(manifest):
    base = os.path.dirname(os.path.abspath(manifest))
    with open(manifest, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            columns = line.split("\t")
            if columns[0] == "file":
                continue  # header row
            if len(columns) != 4:
                raise SystemExit(f"{manifest}:{number}: expected 4 tab-separated columns, got {len(columns)}")
            file, args, code, fragment = columns
            yield f"{os.path.basename(manifest)}:{number}", base, file, shlex.split(args), int(code), fragment


def with_file(base, file, args, action):
    """Runs action(argv) with {file} replaced; a "generated:NAME" file is
    written by the manifest's generate.py into a temporary directory first."""
    if not file.startswith("generated:"):
        path = os.path.join(base, file) if file != "-" else ""
        return action([a.replace("{file}", path) for a in args])
    name = file[len("generated:"):]
    with tempfile.TemporaryDirectory() as directory:
        subprocess.run([sys.executable, os.path.join(base, "generate.py"), name, directory], check=True)
        path = os.path.join(directory, name)
        return action([a.replace("{file}", path) for a in args])


def run(planner, argv):
    return subprocess.run([planner] + argv, capture_output=True, timeout=120)


def check_case(planner, where, argv, code, fragment):
    problems = []
    result = run(planner, argv)
    stderr = result.stderr.decode("utf-8", "replace")
    if result.returncode != code:
        problems.append(f"exit {result.returncode}, expected {code}")
    if fragment not in stderr:
        problems.append(f"stderr lacks {fragment!r}; it says {stderr.strip()!r}")
    if code == 2:
        # The same failure in JSON: one document on stdout, status error.
        result = run(planner, argv + ["--json"])
        try:
            document = json.loads(result.stdout.decode("utf-8"))
            if document.get("status") != "error" or not document.get("error"):
                problems.append(f"--json: not an error document: {document}")
        except ValueError as error:
            problems.append(f"--json: stdout is not one JSON document ({error}): {result.stdout[:200]!r}")
        if result.returncode != 2:
            problems.append(f"--json: exit {result.returncode}, expected 2")
    for problem in problems:
        print(f"FAIL {where}: planner {shlex.join(argv)}: {problem}")
    return not problems


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    planner = argv[1]
    passed = failed = 0
    for manifest in argv[2:]:
        for where, base, file, args, code, fragment in read_cases(manifest):
            if with_file(base, file, args, lambda argv: check_case(planner, where, argv, code, fragment)):
                passed += 1
            else:
                failed += 1
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


sys.exit(main(sys.argv))
