#!/usr/bin/env python3
"""What an adversarial pass over files, streams and the command line found:
stdout that must hold one document, a closed pipe under either SIGPIPE
disposition, a file named like a shipped matrix, batch ids beyond double
range, huge tokens quoted in errors, empty and contradictory flags, and a
`dot` that never ends.

Usage: red_team_test.py PLANNER SOURCE_ROOT   Prints 'N passed, N failed'."""
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from cases import case, expect, finish  # noqa: E402  (tests/cases.py)

PLANNER = os.path.abspath(sys.argv[1])
ROOT = sys.argv[2]
DOCUMENT = os.path.join(ROOT, "tests", "data", "docs", "mkdocs-tpu.md")
WORK = tempfile.mkdtemp(prefix="planner-red-team-")


def planner(*args, stdin=subprocess.DEVNULL, timeout=120, **options):
    result = subprocess.run([PLANNER, *args], stdin=stdin, capture_output=True, timeout=timeout, **options)
    return result.returncode, result.stdout, result.stderr.decode("utf-8", "replace")


def batch(text):
    result = subprocess.run([PLANNER, "batch"], input=text.encode(), capture_output=True, timeout=120)
    return result.returncode, [json.loads(line) for line in result.stdout.decode().splitlines()]


def path(name):
    return os.path.join(WORK, name)


# --- stdout holds exactly one document ----------------------------------------

@case
def import_onto_dev_stdout_prints_the_matrix_alone():
    for extra in ([], ["--json"]):
        code, out, err = planner("import", DOCUMENT, "-o", "/dev/stdout", *extra)
        document = json.loads(out)  # one document, nothing after it
        expect(code == 0 and document["schema"] == "planner-matrix/1", (extra, code, out[-200:], err))


@case
def the_import_confirmation_goes_to_stderr():
    target = path("confirmed.json")
    code, out, err = planner("import", DOCUMENT, "-o", target)
    expect(code == 0 and out == b"" and "wrote " + target in err, (code, out, err))


@case
def a_full_stdout_does_not_fail_an_import_into_a_file():
    target = path("x2.json")
    with open("/dev/full", "wb") as full:
        result = subprocess.run([PLANNER, "import", DOCUMENT, "-o", target], stdout=full, stderr=subprocess.PIPE,
                                timeout=120)
    expect(result.returncode == 0 and json.load(open(target))["schema"] == "planner-matrix/1",
           (result.returncode, result.stderr))
    with open("/dev/full", "wb") as full:
        result = subprocess.run([PLANNER, "import", DOCUMENT, "-o", target, "--json"], stdout=full,
                                stderr=subprocess.PIPE, timeout=120)
    err = result.stderr.decode()
    expect(result.returncode == 2 and target + " was written; only this summary could not be" in err,
           (result.returncode, err))


# --- a reader that went away ---------------------------------------------------

def into_a_closed_pipe(args, disposition, stdin=b""):
    """Runs the planner with stdout on a pipe whose read end is already closed."""
    reader, writer = os.pipe()
    previous = signal.signal(signal.SIGPIPE, disposition)
    try:
        process = subprocess.Popen([PLANNER, *args], stdin=subprocess.PIPE, stdout=writer, stderr=subprocess.PIPE,
                                   restore_signals=False)
    finally:
        signal.signal(signal.SIGPIPE, previous)
    os.close(writer)
    os.close(reader)
    _, err = process.communicate(stdin, timeout=120)
    return process.returncode, err.decode()


@case
def a_closed_pipe_ends_the_planner_by_sigpipe_or_exit_2_when_ignored():
    line = b'{"id": 1, "cmd": "check", "hw": "a100", "have": ["lora"]}\n'
    for args in (["matrix", "show", "--json"], ["maximize", "--hw", "a100"], ["batch"]):
        code, err = into_a_closed_pipe(args, signal.SIG_DFL, line)
        expect(code == -signal.SIGPIPE and err == "", (args, "default", code, err))
        code, err = into_a_closed_pipe(args, signal.SIG_IGN, line)
        expect(code == 2 and "cannot write to stdout: Broken pipe" in err, (args, "ignored", code, err))


# --- a file named like a shipped matrix --------------------------------------

@case
def a_file_named_like_a_shipped_id_is_never_picked_in_silence():
    directory = path("shadow")
    os.mkdir(directory)
    with open(os.path.join(directory, "vllm-0.6"), "w") as shadow:
        shadow.write("not a matrix\n")
    check = ["check", "--hw", "a100", "--have", "lora", "--matrix"]
    code, out, err = planner(*check, "vllm-0.6", cwd=directory)
    expect(code == 2 and out == b"" and "both a shipped matrix and a file" in err and "./vllm-0.6" in err,
           (code, out, err))
    code, _, err = planner(*check, "./vllm-0.6", cwd=directory)  # the file, read as a document
    expect(code == 2 and "vllm-0.6: no compatibility matrix found" in err, (code, err))  # the file was read
    code, out, _ = planner(*check, "vllm-0.6")  # no such file here: the shipped matrix
    expect(code == 0 and b"matrix vllm-0.6" in out, (code, out))
    code, out, _ = planner("--version", cwd=directory)  # the planner's own loops are not affected
    expect(code == 0 and b"vllm-0.6" in out, (code, out))


# --- batch ids and huge tokens ----------------------------------------------

@case
def batch_takes_any_json_number_as_an_id_and_echoes_it_as_written():
    ids = ["9" * 400, "1e400", "-1E-400", "2.5e+999", "0"]
    lines = "".join('{"id": %s, "cmd": "check", "hw": "a100", "have": ["lora"]}\n' % i for i in ids)
    result = subprocess.run([PLANNER, "batch"], input=lines.encode(), capture_output=True, timeout=120)
    answers = result.stdout.decode().splitlines()
    expect(result.returncode == 0 and len(answers) == len(ids), (result.returncode, answers))
    for written, answer in zip(ids, answers):
        expect(answer.startswith('{"id":' + written + ',"schema"') and '"status":"ok"' in answer,
               (written, answer[:120]))
    # Not a number token: still refused, as JSON refuses it.
    code, answers = batch('{"id": 01, "cmd": "check", "hw": "a100", "have": []}\n')
    expect(answers[0]["status"] == "error" and "not a JSON object" in answers[0]["error"], answers)


@case
def a_huge_token_is_quoted_in_an_error_by_its_start_and_size():
    huge = "7" * 500000
    lines = ('{"id": 1, "cmd": "check", "hw": "a100", "have": [], "x": %s}\n' % huge +
             '{"id": 2, "cmd": "%s"}\n' % ("c" * 500000) +
             '{"id": 3, "cmd": "check", "hw": "%s", "have": []}\n' % ("h" * 500000) +
             '{"id": 4, "cmd": "check", "hw": "a100", "have": [], "strict": "%s"}\n' % ("s" * 500000) +
             '{"id": 5, "cmd": "check", "hw": "a100", "have": [%sx]}\n' % huge)
    code, answers = batch(lines)
    expect(code == 0 and [a["id"] for a in answers] == [1, 2, 3, 4, 5], [a["id"] for a in answers])
    for answer in answers:
        expect(answer["status"] == "error" and len(answer["error"]) < 400 and
               re.search(r"\.\.\. \(50000\d bytes\)", answer["error"]), answer["error"][:400])
    code, _, err = planner("maximize", "--hw", "a100", "--must", "f" * 100000)
    expect(code == 2 and len(err) < 600 and "(100000 bytes)" in err, (code, err[:600]))


# --- small ones ----------------------------------------------------------------

@case
def empty_values_are_refused_and_say_what_to_give():
    code, out, err = planner("import", DOCUMENT, "--id", "")
    expect(code == 2 and out == b"" and "--id must not be empty" in err, (code, err))
    code, _, err = planner("maximize", "--hw", "")
    expect(code == 2 and "--hw: the value is empty; give a hardware class or product" in err, (code, err))
    code, answers = batch('{"cmd": "check", "hw": "", "have": []}\n')
    expect(answers[0]["status"] == "error" and "the value is empty" in answers[0]["error"], answers)
    code, _, err = planner("maximize", "--hw", "b200", "--hw-as", "")
    expect(code == 2 and "--hw-as: the value is empty; give the class" in err, (code, err))
    code, answers = batch('{"cmd": "maximize", "hw": "b200", "hw_as": ""}\n')
    expect(answers[0]["status"] == "error" and '"hw_as": the value is empty' in answers[0]["error"], answers)


@case
def version_takes_no_other_words():
    for extra in (["extra"], ["--json"]):
        code, out, err = planner("--version", *extra)
        expect(code == 2 and "--version takes no other words" in (err + out.decode()), (extra, code, out, err))
    code, out, _ = planner("--version")
    expect(code == 0 and out.startswith(b"planner "), (code, out))


@case
def a_closed_stdin_is_not_an_empty_batch():
    for command in ("batch", "graph --hw a100 --plan -"):
        result = subprocess.run(f"exec {PLANNER} {command} <&-", shell=True, capture_output=True, timeout=120)
        expect(result.returncode == 2 and b"stdin is closed" in result.stderr, (command, result.returncode,
                                                                                 result.stderr))


@case
def unexpected_words_are_listed_in_the_order_typed():
    code, _, err = planner("maximize", "--hw", "a100", "--", "--must", "lora")
    expect(code == 2 and "unexpected words --must lora:" in err, (code, err))
    code, _, err = planner("maximize", "--hw", "a100", "foo", "bar", "baz")
    expect(code == 2 and "unexpected words foo bar baz:" in err, (code, err))


@case
def help_and_hints_read_as_english():
    code, _, err = planner("maximize", "--hw", "a100", "--hw-cost", "3")
    expect(code == 2 and "(repair takes it;" in err, (code, err))
    code, _, err = planner("enumerate", "--hw", "a100", "--allow-hw")
    expect(code == 2 and "maximize, repair take it" in err, (code, err))
    code, out, _ = planner("import", "--help")
    expect(code == 0 and b"DOC DOC" not in out and b"DOC FILE|DIR REQUIRED" in out, out)


@case
def batch_refuses_a_bom_after_the_first_line_and_a_nul_byte():
    request = '{"cmd": "check", "hw": "a100", "have": []}'
    stream = "\ufeff" + request + "\n" + "\ufeff" + request + "\n" + request + "\0x\n" + request + "\n"
    code, answers = batch(stream)
    expect([a["status"] for a in answers] == ["ok", "error", "error", "ok"], answers)
    expect(answers[1]["error"].startswith("line 2: starts with a byte order mark"), answers[1])
    expect(answers[2]["error"].startswith("line 3: a NUL byte at column 43"), answers[2])


@case
def a_matrix_file_id_and_sha256_are_checked_as_import_checks_them():
    with open(os.path.join(ROOT, "data", "vllm-0.6.json"), encoding="utf-8") as shipped:
        good = json.load(shipped)
    for field, value, message in (("sha256", "zz", "sha256: 'zz' is not a SHA-256 digest"),
                                  ("id", "evil\x1b[2J", "id: matrix id 'evil\\u001b[2J' must be"),
                                  ("id", "two words", "id: matrix id 'two words' must be")):
        name = path(f"bad-{field}.json")
        with open(name, "w", encoding="utf-8") as bad:
            json.dump(dict(good, **{field: value}), bad)
        code, _, err = planner("check", "--hw", "a100", "--have", "lora", "--matrix", name)
        expect(code == 2 and f"bad-{field}.json: {message}" in err, (field, value, code, err))


# --- a child that never ends ---------------------------------------------------

@case
def a_dot_that_hangs_is_stopped_at_the_time_limit_and_reaped():
    fake = path("fake-bin")
    os.mkdir(fake)
    pid_file = path("fake-dot.pid")
    with open(os.path.join(fake, "dot"), "w") as script:
        script.write(f"#!/bin/sh\necho $$ > {pid_file}\nsleep 300\n")
    os.chmod(os.path.join(fake, "dot"), 0o755)
    environment = dict(os.environ, PATH=fake + os.pathsep + os.environ.get("PATH", ""))
    started = time.monotonic()
    code, out, err = planner("graph", "--hw", "a100", "--format", "svg", "--timeout-ms", "300", env=environment,
                             timeout=60)
    elapsed = time.monotonic() - started
    expect(code == 2 and out == b"" and "dot -Tsvg" in err and "did not finish within 300 ms" in err, (code, err))
    expect(elapsed < 10, elapsed)
    shell = int(open(pid_file).read())
    try:
        os.kill(shell, 0)
        alive = True
    except ProcessLookupError:
        alive = False
    expect(not alive, f"the fake dot {shell} is still running")


finish()
