#!/usr/bin/env python3
"""Every `$ planner ...` example of README.md is the binary's real output.

usage: readme_examples.py PLANNER SOURCE_ROOT [--update]

Each ```console block is split into commands (lines starting with '$ ') and
the lines printed after each.  A command runs under bash, with `planner` on
PATH being PLANNER, stdout and stderr together, NO_COLOR=1 and no terminal,
from a fresh directory that looks like the repository root (a symbolic link
to each of its top-level entries) plus the files the README's text says the
example has (SETUP below).  The path of that directory is shown as /tmp/demo.
A line `...` (or `…`) in the README stands for any number of lines (a
shortened example), a line ending in `…` for any line that starts with the
text before it (a line cut short); a line `[exit N]` after the output is the exit code.  --update
rewrites each mismatched output in README.md with the real one.
Prints 'N passed, N failed' for tests/summarize.py.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

PLANNER, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
UPDATE = "--update" in sys.argv[3:]
README = os.path.join(ROOT, "README.md")
SHOWN_DIRECTORY = "/tmp/demo"

# Examples that are not `$ planner` commands or need this machine to be set up
# in a way a test cannot arrange: skipped, each with its reason.
SKIPPED = {
    "./embed": "needs the library installed (meson install) and examples/embed.cpp built; test embed-installed",
    "examples/autotune.sh": "has its own test, examples-autotune",
    "examples/optuna_study.py": "needs python3-optuna; has its own test, examples-optuna",
    "source <(planner completion bash)   # then, for each line, what <TAB> offers:": "needs an interactive shell's <TAB>; tests/completion asks bash for real",
    'FUZZ_TARGETS="fuzz_command_line fuzz_batch_line" tests/fuzz/run.sh build-san 20':
        "needs the sanitizer build build-san and prints timing-dependent counts",
}

# Examples whose README output is what the binary should print and does not:
# a defect of the binary, not of the README.  Each is reported as "known"
# and does not fail the test; when the binary is fixed it passes and the
# entry is to be removed (the test says so).
KNOWN_WRONG = {}  # command -> why the README may show other output; keep it empty


def fake_tool(directory, name, script):
    os.makedirs(directory, exist_ok=True)
    tool = os.path.join(directory, name)
    with open(tool, "w") as out:
        out.write("#!/bin/sh\n" + script + "\n")
    os.chmod(tool, 0o755)


def hostile_label(cwd):
    text = open(os.path.join(ROOT, "tests", "data", "docs", "mkdocs-tpu.md"), encoding="utf-8").read()
    with open(os.path.join(cwd, "hostile-label.md"), "w", encoding="utf-8") as out:
        out.write(text.replace("LoRA", "Lo\x1b[2JRA", 1))


def gaudi_md(cwd):
    """mkdocs-tpu.md with its TPU column relabelled Gaudi, a class the catalog lacks."""
    text = open(os.path.join(ROOT, "tests", "data", "docs", "mkdocs-tpu.md"), encoding="utf-8").read()
    with open(os.path.join(cwd, "gaudi.md"), "w", encoding="utf-8") as out:
        out.write(text.replace("| AMD | TPU |", "| AMD | Gaudi |", 1))


def doc_md(cwd):
    shutil.copyfile(os.path.join(ROOT, "tests", "data", "docs", "mkdocs-tpu.md"), os.path.join(cwd, "doc.md"))


# What the README's text says each example has in its directory, by a part of the command line.
SETUP = [
    ("planner check --hw a100 --have lora --matrix vllm-0.6\n", lambda cwd: open(os.path.join(cwd, "vllm-0.6"), "w").close()),
    ("import pipe", lambda cwd: os.mkfifo(os.path.join(cwd, "pipe"))),
    ("-o pipe", lambda cwd: os.mkfifo(os.path.join(cwd, "pipe"))),
    ("sparse.json", lambda cwd: os.truncate(open(os.path.join(cwd, "sparse.json"), "w").name, 4 << 30)),
    ("doc.md", doc_md),
    ("gaudi.md", gaudi_md),
    ("hostile-label.md", hostile_label),
    ("label-no-close-match.md", lambda cwd: shutil.copyfile(
        os.path.join(ROOT, "tests", "data", "bad", "label-no-close-match.md"),
        os.path.join(cwd, "label-no-close-match.md"))),
    ("$PWD/fake:$PATH planner check --hw auto --have lora,cp   #",
     lambda cwd: fake_tool(os.path.join(cwd, "fake"), "nvidia-smi", "echo 'NVIDIA H100 80GB HBM3, 9.0'")),
    ("$PWD/fake:$PATH planner check --hw auto --have lora,cp\n",
     lambda cwd: fake_tool(os.path.join(cwd, "fake"), "nvidia-smi",
                           "echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver. "
                           "Make sure that the latest NVIDIA driver is installed and running.' >&2; exit 9")),
    ("$PWD/hung:$PATH", lambda cwd: fake_tool(os.path.join(cwd, "hung"), "nvidia-smi", "sleep 30")),
]


def examples(lines):
    """(index of the command line, command, index of the first output line, end index) of every example."""
    found, i = [], 0
    while i < len(lines):
        if lines[i].rstrip("\n") != "```console":
            i += 1
            continue
        end = i + 1
        while lines[end].rstrip("\n") != "```":
            end += 1
        starts = [j for j in range(i + 1, end) if lines[j].startswith("$ ")]
        for n, j in enumerate(starts):
            found.append((j, lines[j][2:].rstrip("\n"), j + 1, starts[n + 1] if n + 1 < len(starts) else end))
        i = end + 1
    return found


def machine_specific(command):
    if command in SKIPPED:
        return SKIPPED[command]
    if "--hw auto" in command and "PATH=" not in command:
        for tool in ("nvidia-smi", "rocm-smi"):
            if shutil.which(tool):
                return f"shows a machine without a GPU, and {tool} is on this machine's PATH"
    if not re.search(r"(^|\| |:\$PATH )planner ", command):
        return "not a planner command"
    return None


def run(command):
    cwd = tempfile.mkdtemp(prefix="readme-example-")
    try:
        for name in os.listdir(ROOT):
            if name not in ("build",) and not name.startswith("."):
                os.symlink(os.path.join(ROOT, name), os.path.join(cwd, name))
        bin_dir = os.path.join(cwd, ".bin")
        os.mkdir(bin_dir)
        os.symlink(PLANNER, os.path.join(bin_dir, "planner"))
        for key, setup in SETUP:
            if key in command + "\n":
                setup(cwd)
        env = dict(os.environ, NO_COLOR="1", PATH=bin_dir + ":" + os.environ.get("PATH", "/usr/bin:/bin"))
        for name in ("CLICOLOR_FORCE", "FORCE_COLOR"):
            env.pop(name, None)
        done = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
        text = done.stdout.decode("utf-8", "backslashreplace").replace(os.path.realpath(cwd), SHOWN_DIRECTORY)
        text = text.replace(cwd, SHOWN_DIRECTORY)
        return text.splitlines(), done.returncode
    finally:
        shutil.rmtree(cwd, ignore_errors=True)


def matches(expected, actual):
    """expected may hold '...' lines, each any number of actual lines."""
    if not expected:
        return not actual
    if expected[0] in ("...", "…"):
        return any(matches(expected[1:], actual[k:]) for k in range(len(actual) + 1))
    if not actual:
        return False
    if expected[0].endswith("…"):  # a line cut short
        same = actual[0].startswith(expected[0][:-1])
    else:
        same = expected[0] == actual[0]
    return same and matches(expected[1:], actual[1:])


def main():
    lines = open(README, encoding="utf-8").readlines()
    passed = failed = skipped = known = 0
    replacements = []
    for at, command, first, end in examples(lines):
        reason = machine_specific(command)
        if reason:
            skipped += 1
            print(f"skip  README.md:{at + 1}: $ {command[:70]}: {reason}")
            continue
        expected = [line.rstrip("\n") for line in lines[first:end]]
        shows_exit = bool(expected) and re.fullmatch(r"\[exit \d+\]", expected[-1]) is not None
        actual, code = run(command)
        if shows_exit:
            actual.append(f"[exit {code}]")
        ok = matches(expected, actual) and (shows_exit or code == 0)
        if command in KNOWN_WRONG:
            if ok:
                failed += 1
                print(f"FAIL  README.md:{at + 1}: $ {command}: passes now; remove it from KNOWN_WRONG")
            else:
                known += 1
                print(f"known README.md:{at + 1}: $ {command}: {KNOWN_WRONG[command]}")
            continue
        if ok:
            passed += 1
            continue
        failed += 1
        print(f"FAIL  README.md:{at + 1}: $ {command}")
        if not shows_exit and code != 0:
            # a pipeline's status is its last command's; the example shows no code, so 0 is promised
            print(f"      exit code {code}, and the README shows no [exit {code}] line")
        for line in expected:
            print("      README: " + line)
        for line in actual:
            print("      binary: " + line)
        replacements.append((first, end, [line + "\n" for line in actual]))
    if UPDATE and replacements:
        for first, end, new in reversed(replacements):
            lines[first:end] = new
        open(README, "w", encoding="utf-8").writelines(lines)
        print(f"README.md: {len(replacements)} outputs rewritten")
    print(f"{skipped} skipped, {known} known to differ (KNOWN_WRONG)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
