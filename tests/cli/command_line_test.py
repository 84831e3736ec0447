#!/usr/bin/env python3
"""The command line as the help describes it: every command's help, its flags,
its examples, `planner help CMD`, `--version`, `--color` and the man page
agree with what the program accepts. Flags and examples are read from the
help text itself, so a flag added without being accepted (or the reverse)
fails here.

Usage: command_line_test.py PLANNER SOURCE_ROOT MAN_PAGE   Prints 'N passed, N failed'."""
import json
import os
import pty
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from cases import case, expect, finish, named_case  # noqa: E402  (tests/cases.py)
from help_text import RULES_FILE, base_for_flag, command_paths, examples, help_flags, leaves, runnable_example  # noqa: E402

PLANNER = os.path.abspath(sys.argv[1])
ROOT = sys.argv[2]
MAN_PAGE = sys.argv[3]
ENV = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}


def planner(*args, env=None, cwd=None):
    result = subprocess.run([PLANNER, *args], capture_output=True, timeout=120, env=env or ENV, cwd=cwd)
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


PATHS = command_paths(PLANNER)
LEAVES = leaves(PATHS)


@case
def the_commands_are_found():
    expect({"maximize", "matrix show", "help", "man", "completion"} <= set(PATHS), PATHS)


# --- planner help CMD ---------------------------------------------------------

@case
def help_command_prints_what_dash_dash_help_prints():
    for path in [""] + PATHS:
        code, out, err = planner("help", *path.split())
        expected = planner(*path.split(), "--help")
        expect(code == 0 and err == "", (path, code, err))
        expect(out == expected[1] and out, f"planner help {path} differs from planner {path} --help")


def fixtures(directory):
    """What the examples name as the user's own files, and the directories they write into."""
    shutil.copy(os.path.join(ROOT, "tests/data/sources/compatibility_matrix-v0.6.rst"),
                os.path.join(directory, "compatibility_matrix.rst"))
    shutil.copy(os.path.join(ROOT, "data/vllm-0.8-zh.json"), os.path.join(directory, "my-matrix.json"))
    for sub in ("data", ".local/share/bash-completion/completions", ".zfunc", ".config/fish/completions"):
        os.makedirs(os.path.join(directory, sub), exist_ok=True)


# --- every flag help shows is accepted ------------------------------------------

def sample_values(names, type_name, directory):
    """Values to try for a flag of this type; None: the flag is not tried alone."""
    name = names[-1]
    if type_name.startswith("{"):
        return type_name[1:-1].split(",")
    if name == "--overlay":
        overlay = os.path.join(directory, "overlay.json")
        with open(overlay, "w", encoding="utf-8") as handle:
            json.dump({"schema": "planner-overlay/1", "cells": [
                {"a": "lora", "b": "sd", "value": "partial", "reason": "tested"}]}, handle)
        return [overlay]
    if name == "--plan":
        plan = os.path.join(directory, "plan.json")
        with open(plan, "w", encoding="utf-8") as handle:
            handle.write(planner("maximize", "--hw", "ampere", "--must", "lora", "--json")[1])
        return [plan]
    if name == "--rules":
        return [RULES_FILE]
    if name == "--set":
        return ["quantization=awq"]
    if name == "--output":
        return [os.path.join(directory, "out.json")]
    by_type = {"": [None], "F,..": ["mm"], "F=N,..": ["mm=2"], "HW": ["ampere"], "ID|FILE": ["vllm-0.6"],
               "N": ["1"], "ID": ["my-id"], "CELL=V,..": ["lora:sd=partial"]}
    return by_type.get(type_name, [])


@case
def every_flag_in_help_is_accepted_by_its_command():
    refused = []
    with tempfile.TemporaryDirectory() as directory:
        fixtures(directory)
        for path in LEAVES:
            base = runnable_example(PLANNER, path)
            if base is None:
                continue
            for names, type_name in help_flags(PLANNER, path):
                if names[0] in ("-h", "--help") or any(name in base for name in names):
                    continue
                values = sample_values(names, type_name, directory)
                expect(values, f"no sample value for {path} {names} ({type_name}): extend sample_values")
                for value in values:
                    argv = base_for_flag(base, names[-1]) + [names[-1]] + ([value] if value is not None else [])
                    code, _, err = planner(*argv, cwd=directory)
                    if code not in (0, 1, 3):
                        refused.append(f"planner {' '.join(argv)}: exit {code}: {err.strip()}")
    expect(not refused, "\n".join(refused))


# --- every example runs ---------------------------------------------------------

@case
def every_example_in_help_runs_with_exit_0_or_1():
    with tempfile.TemporaryDirectory() as directory:
        fixtures(directory)
        env = dict(ENV, HOME=directory, PATH=os.path.dirname(PLANNER) + os.pathsep + ENV.get("PATH", ""))
        for path in [""] + PATHS:
            for line in examples(PLANNER, path):
                result = subprocess.run(["bash", "-o", "pipefail", "-c", line], capture_output=True, timeout=120,
                                        env=env, cwd=directory)
                expect(result.returncode in (0, 1), (path, line, result.returncode, result.stderr[-300:]))


@case
def each_command_shows_its_own_examples():
    for path in PATHS:
        lines = examples(PLANNER, path)
        expect(lines, f"planner {path} --help has no example")
        for line in lines:
            expect(f"planner {path}" in line, f"planner {path} --help shows another command's example: {line}")


@case
def versions_help_states_its_own_default():
    _, out, _ = planner("versions", "--help")
    matrix_line = next(line for line in out.splitlines() if line.strip().startswith("--matrix"))
    expect("every shipped matrix" in matrix_line and "newest" not in matrix_line, matrix_line)


# --- --version ----------------------------------------------------------------

@case
def version_names_every_bundled_matrix_and_its_source():
    code, out, _ = planner("--version")
    expect(code == 0 and out.startswith("planner "), out)
    matrices = json.loads(planner("matrix", "list", "--json")[1])["matrices"]
    lines = out.splitlines()
    for matrix in matrices:
        expect(any(line.split()[:1] == [matrix["id"]] and matrix["source"] in line for line in lines),
               (matrix["id"], out))


# --- colour ----------------------------------------------------------------------

def on_terminal(argv, env):
    """stdout of the planner run on a pseudo-terminal."""
    main, secondary = pty.openpty()
    process = subprocess.Popen([PLANNER, *argv], stdout=secondary, stderr=subprocess.DEVNULL, env=env)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


MAXIMIZE = ["maximize", "--hw", "ampere", "--must", "lora"]


@case
def colour_follows_term_no_color_and_the_color_flag():
    coloured = lambda text: "\x1b[" in text  # noqa: E731
    expect(coloured(on_terminal(MAXIMIZE, dict(ENV, TERM="xterm"))), "no colour on a terminal")
    expect(not coloured(on_terminal(MAXIMIZE, dict(ENV, TERM="dumb"))), "colour on TERM=dumb")
    expect(not coloured(on_terminal(MAXIMIZE, dict(ENV, NO_COLOR="1"))), "colour despite NO_COLOR")
    expect(not coloured(on_terminal(MAXIMIZE + ["--color", "never"], ENV)), "colour despite --color never")
    expect(not coloured(on_terminal(["--color=never"] + MAXIMIZE, ENV)), "colour despite planner --color=never")
    expect(coloured(on_terminal(MAXIMIZE + ["--color=always"], dict(ENV, NO_COLOR="1", TERM="dumb"))),
           "--color always is not obeyed")
    expect(coloured(planner(*MAXIMIZE, "--color", "always")[1]), "--color always without a terminal")
    expect(not coloured(planner(*MAXIMIZE, "--color", "always", "--json")[1]), "colour in JSON")
    expect(planner(*MAXIMIZE, "--color", "auto")[1] == planner(*MAXIMIZE)[1], "auto is not the default")


# --- the man page ---------------------------------------------------------------------

@case
def man_page_lists_every_command_and_flag_and_renders_cleanly():
    code, page, _ = planner("man")
    expect(code == 0 and page.startswith(".TH PLANNER 1"), page[:100])
    with open(MAN_PAGE, encoding="utf-8") as built:
        expect(built.read() == page, f"{MAN_PAGE} (installed by meson install) is not planner man's output")
    unescaped = page.replace("\\-", "-").replace("\\fB", "").replace("\\fR", "").replace("\\fI", "")
    sections = re.split(r'^\.SS "', unescaped, flags=re.M)
    for path in PATHS:
        body = next((s for s in sections if s.startswith(f"planner {path} ")), None)
        expect(body is not None, f"no section for planner {path}")
        for names, _ in help_flags(PLANNER, path):
            expect(all(name in body.split(".SS")[0] for name in names), (path, names))
    if shutil.which("groff"):
        result = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z"], input=page.encode(), capture_output=True,
                                timeout=60)
        expect(result.returncode == 0 and not result.stderr, result.stderr.decode())
    else:
        expect(os.environ.get("CI") != "true", "groff is missing in CI")


# --- batch keys are the flags --------------------------------------------------------

BATCH_COMMANDS = ["maximize", "repair", "check", "explain", "enumerate"]
NOT_IN_BATCH = {"--help", "--json", "--explain-order", "--any-version", "--color"}


def batch(*lines):
    result = subprocess.run([PLANNER, "batch"], input="\n".join(lines) + "\n", capture_output=True, text=True,
                            timeout=120)
    return [json.loads(line) for line in result.stdout.splitlines()]


@named_case("batch keys are the command's flags without dashes")
def _():
    for command in BATCH_COMMANDS:
        [answer] = batch(json.dumps({"cmd": command, "hw": "ampere", "no_such_key": 1}))
        taken = re.search(r"\(it takes (.*)\)$", answer["error"]).group(1).split(", ")
        keys = set(taken) - {"id", "cmd"}
        flags = {names[-1] for names, _ in help_flags(PLANNER, command)} - NOT_IN_BATCH
        expect(keys == {flag[2:].replace("-", "_") for flag in flags}, (command, sorted(keys), sorted(flags)))


@named_case("batch takes weight, and weights as its alias")
def _():
    request = {"cmd": "maximize", "hw": "ampere", "must": ["lora"]}
    by_weight, by_weights, both = batch(json.dumps(dict(request, weight={"apc": 5})),
                                        json.dumps(dict(request, weights={"apc": 5})),
                                        json.dumps(dict(request, weight={"apc": 5}, weights={"apc": 5})))
    _, line, _ = planner("maximize", "--hw", "ampere", "--must", "lora", "--weight", "apc=5", "--json")
    expect(by_weight["status"] == "ok" and by_weight == by_weights, "weight and weights answer differently")
    expect({k: v for k, v in by_weight.items() if k != "id"} == json.loads(line), "batch and --weight differ")
    expect(both["status"] == "error" and "same key" in both["error"], both)


finish()
