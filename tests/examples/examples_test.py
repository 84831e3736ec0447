#!/usr/bin/env python3
"""Runs the examples in examples/ the way a user would (no GPU, no vLLM) and
checks that what they print makes sense against the planner itself.

Usage: examples_test.py autotune|optuna PLANNER SOURCE_ROOT
Prints 'N passed, N failed'; exit 77 (skipped) for optuna without the module."""
import json
import os
import re
import stat
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from cases import case, expect, finish  # noqa: E402  (tests/cases.py)

WHICH, PLANNER, ROOT = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]


def run(command, env_extra=None, path_prefix=None):
    env = dict(os.environ, PLANNER=PLANNER, **(env_extra or {}))
    if path_prefix:
        env["PATH"] = path_prefix + os.pathsep + env["PATH"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)
    return result.returncode, result.stdout, result.stderr


def is_valid(hardware, matrix, features):
    code, _, _ = run([PLANNER, "check", "--hw", hardware, "--matrix", matrix, "--have", ",".join(features)])
    return code == 0


def fake_nvidia_smi(directory, line):
    path = os.path.join(directory, "nvidia-smi")
    with open(path, "w") as script:
        script.write(f"#!/bin/sh\necho '{line}'\n")
    os.chmod(path, stat.S_IRWXU)


def check_autotune(output, hardware, matrix):
    head = re.search(r"^hardware: (\S+) \(matrix (\S+)\), (\d+) maximal feature sets$", output, re.M)
    expect(head, f"no hardware line in:\n{output}")
    expect((head[1], head[2]) == (hardware, matrix), f"hardware line {head[0]!r}, expected {hardware} {matrix}")
    runs = re.findall(r"^run   \{([^}]*)\}: (vllm serve '<MODEL>'.*) --max-num-seqs (\d+)$", output, re.M)
    skips = re.findall(r"^skip  \{([^}]*)\}: (.*)$", output, re.M)
    expect(runs, f"no run lines in:\n{output}")
    for features, _, _ in runs:
        expect(is_valid(hardware, matrix, features.split(",")), f"{features} run but invalid")
    skipped = {features for features, _ in skips}
    expect("lora,sd" in skipped, f"lora,sd not skipped: {skips}")
    for features, cells in skips:
        expect(not is_valid(hardware, matrix, features.split(",")), f"{features} skipped but valid")
        expect(" x " in cells, f"skip without a cell: {cells}")
    tail = re.search(r"^(\d+) runs planned, (\d+) candidate sets skipped$", output, re.M)
    expect(tail and int(tail[1]) == len(runs) and int(tail[2]) == len(skips), f"counts {tail and tail[0]}")
    # Two --max-num-seqs values per valid set, and every maximal set of the planner is there.
    _, enumerated, _ = run([PLANNER, "enumerate", "--hw", hardware, "--matrix", matrix, "--json"])
    maximal = {",".join(plan["features"]) for plan in json.loads(enumerated)["plans"]}
    expect(maximal <= {features for features, _, _ in runs}, "a maximal set has no run")
    expect(len(runs) % 2 == 0, "two runs per valid set")
    return runs


if WHICH == "autotune":
    script = os.path.join(ROOT, "examples", "autotune.sh")

    @case
    def autotune_on_this_machine():
        code, out, err = run(["bash", script])
        expect(code == 0, f"exit {code}: {err}")
        _, enumerated, _ = run([PLANNER, "enumerate", "--hw", "auto", "--json"])
        document = json.loads(enumerated)
        check_autotune(out, document["hardware"], document["matrix"])
        print(f"  this machine: {out.splitlines()[0]}")

    @case
    def autotune_with_an_h100_on_path():
        with tempfile.TemporaryDirectory() as fake:
            fake_nvidia_smi(fake, "NVIDIA H100 80GB HBM3, 9.0")
            code, out, err = run(["bash", script], path_prefix=fake)
            expect(code == 0, f"exit {code}: {err}")
            expect("hardware class hopper" in err, f"no detection note on stderr: {err}")
            runs = check_autotune(out, "hopper", json.loads(run([PLANNER, "matrix", "list", "--json"])[1])["matrices"][-1]["id"])
            expect(any("--enable-lora" in serve for _, serve, _ in runs), "no run enables LoRA on hopper")

    @case
    def autotune_stops_on_a_bad_candidate():
        code, out, err = run(["bash", script], env_extra={"CANDIDATES": "lora,warp-drive"})
        expect(code == 2 and "warp-drive" in err, f"exit {code}, stderr {err}")

elif WHICH == "optuna":
    # python3-optuna installs for Debian's own Python, which need not be the
    # first python3 on PATH (a pyenv or venv one may be).
    def has_optuna(python):
        try:
            return subprocess.run([python, "-c", "import optuna"], capture_output=True, timeout=120).returncode == 0
        except OSError:
            return False

    PYTHON = next((p for p in [sys.executable, "/usr/bin/python3"] if has_optuna(p)), None)
    if PYTHON is None:
        print("skipped: the optuna module is missing (apt-get install python3-optuna)")
        print("0 passed, 0 failed")
        sys.exit(77)
    script = os.path.join(ROOT, "examples", "optuna_study.py")

    def check_study(out, trials):
        head = re.search(r"^hardware (\S+), matrix (\S+): searching (\d+) features, (\d+) trials$", out, re.M)
        expect(head and int(head[4]) == trials, f"no head line in:\n{out}")
        counts = re.search(r"^trials: (\d+) benchmarked, (\d+) pruned as invalid before running$", out, re.M)
        expect(counts and int(counts[1]) + int(counts[2]) == trials, f"trial counts: {counts and counts[0]}")
        expect(int(counts[2]) > 0, "no trial was pruned: the planner was not consulted")
        best = re.search(r"^best valid configuration \(stand-in score (\d+)\): (.*)$", out, re.M)
        expect(best, "no best configuration")
        features = [] if best[2] == "(none)" else best[2].split()
        expect(not features or is_valid(head[1], head[2], features), f"best {features} is invalid")
        expect(re.search(r"^vllm serve '<MODEL>'", out, re.M), "no vllm serve line")
        asked = re.search(r"^(\d+) questions to one planner process$", out, re.M)
        expect(asked and int(asked[1]) >= trials, f"questions line {asked and asked[0]}")
        return head[1]

    @case
    def optuna_study_on_this_machine():
        code, out, err = run([PYTHON, script], env_extra={"TRIALS": "60"})
        expect(code == 0, f"exit {code}: {err[-2000:]}")
        check_study(out, 60)

    @case
    def optuna_study_on_ampere():
        code, out, err = run([PYTHON, script], env_extra={"TRIALS": "80", "HW": "a100"})
        expect(code == 0, f"exit {code}: {err[-2000:]}")
        expect(check_study(out, 80) == "ampere", "hardware is not ampere")

finish()
