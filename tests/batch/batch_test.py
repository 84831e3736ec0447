#!/usr/bin/env python3
"""`planner batch` against the single commands: every answer must be the
document `planner CMD --json` prints (plus "id"), on every shipped matrix,
hardware class and a few feature sets; bad lines get an error line naming the
line and the stream goes on; answers are flushed one by one.

Usage: batch_test.py PLANNER   Prints 'N passed, N failed'."""
import json
import os
import random
import select
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from cases import case, expect, finish  # noqa: E402  (tests/cases.py)

PLANNER = sys.argv[1]


def cli_json(*args):
    result = subprocess.run([PLANNER, *args, "--json"], capture_output=True, timeout=120)
    return result.returncode, json.loads(result.stdout)


def batch(lines):
    """Answers to `lines` (strings or objects) from one batch process."""
    text = "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)
    result = subprocess.run([PLANNER, "batch"], input=text.encode(), capture_output=True, timeout=600)
    expect(result.returncode == 0, f"batch exit {result.returncode}: {result.stderr[-500:]!r}")
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def shipped():
    _, listing = cli_json("matrix", "list")
    matrices = []
    for entry in listing["matrices"]:
        _, shown = cli_json("matrix", "show", "--matrix", entry["id"])
        matrices.append((entry["id"], shown["document"]["hardware"], shown["document"]["features"]))
    return matrices


FEATURE_SETS = [[], ["lora"], ["sd"], ["lora", "sd"], ["cp", "apc"], ["pooling"], ["mm", "lora", "cp"]]


def queries():
    """(request object, equivalent command line) pairs."""
    out = []
    for matrix, hardware, features in shipped():
        for hw in hardware:
            for names in FEATURE_SETS:
                usable = [name for name in names if name in features] if "pooling" not in names else names
                must = ",".join(usable)
                common = {"hw": hw, "matrix": matrix}
                flags = ["--hw", hw, "--matrix", matrix]
                must_flags = ["--must", must] if usable else []
                out.append(({**common, "cmd": "maximize", "must": usable},
                            ["maximize", *flags, *must_flags]))
                out.append(({**common, "cmd": "maximize", "must": usable, "format": "vllm-args"},
                            ["maximize", *flags, *must_flags, "--format", "vllm-args"]))
                out.append(({**common, "cmd": "explain", "must": usable}, ["explain", *flags, *must_flags]))
                out.append(({**common, "cmd": "enumerate", "must": usable, "limit": 4},
                            ["enumerate", *flags, *must_flags, "--limit", "4"]))
                have = usable + ["sd"] if "sd" in features and "sd" not in usable else usable
                out.append(({**common, "cmd": "check", "have": have}, ["check", *flags, "--have", ",".join(have) or "cp"])
                           if have else ({**common, "cmd": "check", "have": ["cp"]}, ["check", *flags, "--have", "cp"]))
                if have:
                    out.append(({**common, "cmd": "repair", "have": have, "strict": True, "weights": {have[0]: 3}},
                                ["repair", *flags, "--have", ",".join(have), "--strict", "--weight", have[0] + "=3"]))
    # Overlays: the same assumption through "assume" and --assume.
    for hw in ["ampere", "cpu"]:
        out.append(({"cmd": "maximize", "hw": hw, "must": ["lora", "sd"], "assume": ["lora:sd=yes"]},
                    ["maximize", "--hw", hw, "--must", "lora,sd", "--assume", "lora:sd=yes"]))
        out.append(({"cmd": "check", "hw": hw, "have": ["lora", "sd"], "assume": "lora:sd=yes,sd@" + hw + "=no"},
                    ["check", "--hw", hw, "--have", "lora,sd", "--assume", "lora:sd=yes,sd@" + hw + "=no"]))
    return out


@case
def batch_answers_equal_the_single_commands():
    pairs = queries()
    # PLANNER_DIFF_CASES caps the comparison (the sanitizer build runs fewer): a fixed
    # sample, so that every kind of question stays in it.
    cap = int(os.environ.get("PLANNER_DIFF_CASES", "0"))
    if cap and len(pairs) > cap:
        pairs = [pairs[i] for i in sorted(random.Random(0).sample(range(len(pairs)), cap))]
    requests = [{"id": i, **request} for i, (request, _) in enumerate(pairs)]
    answers = batch(requests)
    expect(len(answers) == len(requests), f"{len(answers)} answers to {len(requests)} requests")
    statuses = set()
    for i, (_, argv) in enumerate(pairs):
        answer = answers[i]
        expect(answer["id"] == i, f"answer {i} has id {answer['id']}")
        expect(list(answer)[0] == "id", f"id is not the first key: {list(answer)[:3]}")
        del answer["id"]
        _, expected = cli_json(*argv)
        if expected["status"] == "error" and answer.get("status") == "error":
            # The same message, with the line it came from in front.
            expect(answer["error"] == f"line {i + 1}: " + expected["error"], f"{answer['error']!r} vs {expected['error']!r}")
            answer["error"] = expected["error"]
        expect(answer == expected, f"{' '.join(argv)}:\n batch {json.dumps(answer)[:400]}\n cli   {json.dumps(expected)[:400]}")
        statuses.add((answer["command"], answer["status"]))
    # The queries must reach more than the happy path for the comparison to mean much.
    for needed in [("maximize", "ok"), ("maximize", "infeasible"), ("check", "invalid"), ("check", "ok"),
                   ("explain", "infeasible"), ("repair", "ok"), ("maximize", "error")]:
        expect(needed in statuses, f"no {needed} among {sorted(statuses)}")
    print(f"  {len(pairs)} queries, batch == command line; statuses {sorted(statuses)}")


@case
def bad_lines_get_errors_and_the_stream_goes_on():
    lines = [
        {"id": "a", "cmd": "check", "hw": "h100", "have": ["lora", "cp"]},
        "this is not json",
        "[1, 2]",
        {"id": 4, "cmd": "maximize", "hw": "ampere", "must": ["lorra"]},
        {"id": 5, "cmd": "maximize", "hw": "ampere", "have": ["lora"]},
        {"id": 6, "cmd": "frobnicate", "hw": "ampere"},
        {"id": 7, "cmd": "maximize"},
        {"id": 8, "cmd": "maximize", "hw": "ampere", "must": "lora", "never": ["lora"]},
        {"id": 9, "cmd": "maximize", "hw": "ampere", "timeout_ms": -1},
        '{"id": 10, "cmd": "check", "cmd": "maximize", "hw": "ampere", "have": []}',
        "",
        "   ",
        {"id": 13, "cmd": "check", "hw": "ampere", "have": "lora,sd"},
        {"id": 14, "cmd": "maximize", "hw": "ampere", "matrix": "vllm-9.9"},
        {"id": 15, "cmd": "check", "hw": "ampere", "have": ["lora"], "weights": {"lora": 1}},
        '{"id": 16, ' + '"x": "' + "y" * (1 << 20) + '"}',
        {"id": 17, "cmd": "maximize", "hw": "tpu", "matrix": "vllm-0.6"},
        {"id": 18, "cmd": "maximize", "hw": "ampere", "weights": {"lora": "3"}},
        {"id": [1], "cmd": "check", "hw": "ampere", "have": []},
        {"id": 20, "cmd": "maximize", "hw": "ampere", "must": ["lora"]},
    ]
    answers = batch(lines)
    expected = [("a", "ok"), (None, "error"), (None, "error"), (4, "error"), (5, "error"), (6, "error"),
                (7, "error"), (8, "error"), (9, "error"), (10, "error"), (13, "invalid"), (14, "error"),
                (15, "error"), (None, "error"), (17, "error"), (18, "error"), (None, "error"), (20, "ok")]
    expect(len(answers) == len(expected), f"{len(answers)} answers: {answers}")
    for answer, (id_, status) in zip(answers, expected):
        expect((answer["id"], answer["status"]) == (id_, status), f"expected {id_} {status}: {answer}")
    errors = [a["error"] for a in answers if a["status"] == "error"]
    for fragment in ["line 2: not a JSON object", "line 3: not a JSON object", "line 4: --must: ", "lorra",
                     "line 5: \"have\" is not a key of maximize", "line 6: unknown \"cmd\" \"frobnicate\"",
                     "line 7: no \"hw\"", "line 8: 'lora' is both --must and --never",
                     "line 9: \"timeout_ms\": '-1' is not a whole number from 0 to 86400000", "line 10: ", "appears twice",
                     "line 14: ", "vllm-9.9", "line 15: \"weights\" is not a key of check",
                     "line 16: longer than 1 MiB", "line 17: --hw: hardware 'tpu' has no column in matrix vllm-0.6",
                     "line 18: \"weights\" lora: '\"3\"' is not a whole number from 0 to 1000000", "line 19: \"id\" must be a string or a number"]:
        expect(any(fragment in error for error in errors), f"no error mentions {fragment!r}: {errors}")
    for answer in answers:
        if answer["status"] == "error":
            expect(list(answer) == ["id", "schema", "command", "status", "error"], f"error keys {list(answer)}")


def cli_error(*args):
    result = subprocess.run([PLANNER, *args], capture_output=True, timeout=120)
    expect(result.returncode == 2, (args, result.returncode))
    return result.stderr.decode().removeprefix("planner: error: ").strip()


@case
def counts_and_weights_are_refused_in_the_flags_words_naming_the_key():
    lines = [  # (line, its error after "line N: ", the command line's refusal of the same value)
        ('{"cmd": "maximize", "hw": "ampere", "weight": {"lora": -1}}',
         "\"weight\" lora: '-1' is not a whole number from 0 to 1000000", ["--weight", "lora=-1"]),
        ('{"cmd": "maximize", "hw": "ampere", "weight": {"lora": 1.5}}',
         "\"weight\" lora: '1.5' is not a whole number from 0 to 1000000", ["--weight", "lora=1.5"]),
        ('{"cmd": "maximize", "hw": "ampere", "weight": {"cp": 1, "lora": "abc"}}',
         "\"weight\" lora: '\"abc\"' is not a whole number from 0 to 1000000", None),
        ('{"cmd": "maximize", "hw": "ampere", "weights": {"lora": -0}}',
         "\"weights\" lora: '-0' is not a whole number from 0 to 1000000", ["--weight", "lora=-0"]),
        ('{"cmd": "maximize", "hw": "ampere", "weight": {"lora": 1e1}}',
         "\"weight\" lora: '1e1' is not a whole number from 0 to 1000000", ["--weight", "lora=1e1"]),
        ('{"cmd": "maximize", "hw": "ampere", "weight": {"lora": 1000001}}',
         "\"weight\" lora: '1000001' is not a whole number from 0 to 1000000", ["--weight", "lora=1000001"]),
        ('{"cmd": "maximize", "hw": "ampere", "weight": {"lora": 3, "LoRA": 4}}',
         "--weight: two weights for 'lora' (3 and 4)", ["--weight", "lora=3,LoRA=4"]),
        ('{"cmd": "maximize", "hw": "ampere", "timeout_ms": -1}',
         "\"timeout_ms\": '-1' is not a whole number from 0 to 86400000", ["--timeout-ms", "-1"]),
        ('{"cmd": "maximize", "hw": "ampere", "timeout_ms": 1.0}',
         "\"timeout_ms\": '1.0' is not a whole number from 0 to 86400000", ["--timeout-ms", "1.0"]),
        ('{"cmd": "maximize", "hw": "ampere", "timeout_ms": 86400001}',
         "\"timeout_ms\": '86400001' is not a whole number from 0 to 86400000", ["--timeout-ms", "86400001"]),
        ('{"cmd": "repair", "hw": "ampere", "have": [], "limit": -1}',
         "\"limit\": '-1' is not a whole number from 0 to 1000000", ["--have", "", "--limit", "-1"]),
        ('{"cmd": "repair", "hw": "ampere", "have": [], "allow_hw": true, "hw_cost": true}',
         "\"hw_cost\": 'true' is not a whole number from 0 to 1000000", None),
    ]
    answers = batch([line for line, _, _ in lines])
    for number, ((line, words, flags), answer) in enumerate(zip(lines, answers), 1):
        expect(answer["error"] == f"line {number}: {words}", (line, answer["error"]))
        if flags is not None:
            command = json.loads(line)["cmd"]
            cli = cli_error(command, "--hw", "ampere", *flags)
            # The same words after the place: the flag on the command line, the key in batch.
            expect(cli.split(":")[1:] == words.split(":")[1:], (cli, words))


@case
def an_unknown_cmd_is_not_echoed_as_the_answers_command():
    answers = batch([{"id": 1, "cmd": "x" * 5000, "hw": "ampere"}, {"id": 2, "cmd": 7, "hw": "ampere"}])
    expect([a["command"] for a in answers] == ["batch", "batch"], [a["command"] for a in answers])
    expect(answers[0]["error"].startswith("line 1: unknown \"cmd\" \"" + "x" * 40 + "... (5000 bytes)\""),
           answers[0]["error"][:120])


@case
def every_answer_is_flushed_before_the_next_request():
    process = subprocess.Popen([PLANNER, "batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        for i in range(3):
            process.stdin.write((json.dumps({"id": i, "cmd": "maximize", "hw": "hopper"}) + "\n").encode())
            process.stdin.flush()
            ready, _, _ = select.select([process.stdout], [], [], 30)
            expect(ready, f"no answer to request {i} while stdin stays open")
            answer = json.loads(process.stdout.readline())
            expect(answer["id"] == i and answer["status"] == "ok", answer)
    finally:
        process.stdin.close()
        expect(process.wait(timeout=30) == 0, "exit status at EOF")


@case
def empty_input_is_no_answer_and_exit_0():
    result = subprocess.run([PLANNER, "batch"], input=b"", capture_output=True, timeout=30)
    expect(result.returncode == 0 and result.stdout == b"", (result.returncode, result.stdout))


@case
def throughput_of_one_process_against_one_process_per_request():
    count = 2000
    requests = [{"id": i, "cmd": "maximize", "hw": ["ampere", "hopper", "ada", "cpu"][i % 4],
                 "must": [[], ["lora"], ["cp"], ["apc", "mm"]][i // 4 % 4]} for i in range(count)]
    started = time.monotonic()
    answers = batch(requests)
    batch_rate = count / (time.monotonic() - started)
    expect(len(answers) == count and all(a["status"] == "ok" for a in answers), "every request answered ok")
    processes = 20
    started = time.monotonic()
    for request in requests[:processes]:
        cli_json("maximize", "--hw", request["hw"], *(["--must", ",".join(request["must"])] if request["must"] else []))
    process_rate = processes / (time.monotonic() - started)
    print(f"  maximize: batch {batch_rate:.0f} requests/s, one process per request {process_rate:.0f} requests/s")
    expect(batch_rate > 2 * process_rate, "batch is not faster than a process per request")


finish()
