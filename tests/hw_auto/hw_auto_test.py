#!/usr/bin/env python3
"""`--hw auto` through the executable, with fake nvidia-smi / rocm-smi
scripts on PATH: the class they imply, cpu when they find nothing, an error
listing the GPUs when they disagree, and one detection per batch stream.

Usage: hw_auto_test.py PLANNER   Prints 'N passed, N failed'."""
import json
import os
import stat
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from cases import case, expect, finish  # noqa: E402  (tests/cases.py)

PLANNER = os.path.abspath(sys.argv[1])


def run_with_tools(tools, *args, stdin=None):
    """Runs the planner with only the fake `tools` ({name: shell body}) and
    the basic utilities they need on PATH."""
    with tempfile.TemporaryDirectory() as directory:
        for name, body in tools.items():
            path = os.path.join(directory, name)
            with open(path, "w") as script:
                script.write("#!/bin/sh\n" + body + "\n")
            os.chmod(path, stat.S_IRWXU)
        env = dict(os.environ, PATH=directory + os.pathsep + "/usr/bin:/bin")
        result = subprocess.run([PLANNER, *args], capture_output=True, text=True, timeout=120, env=env, input=stdin)
        return result.returncode, result.stdout, result.stderr


NO_GPU = {"nvidia-smi": "exit 9", "rocm-smi": "exit 9"}
A100 = {"nvidia-smi": "echo 'NVIDIA A100-SXM4-80GB, 8.0'", "rocm-smi": "exit 9"}


@case
def no_gpu_means_cpu_with_a_note():
    code, out, err = run_with_tools(NO_GPU, "maximize", "--hw", "auto", "--json")
    expect(code == 0 and json.loads(out)["hardware"] == "cpu", (code, out[:200]))
    expect("planning for cpu" in err or "cpu" in err, err)


@case
def an_a100_means_ampere():
    code, out, err = run_with_tools(A100, "check", "--hw", "AUTO", "--have", "lora,cp", "--json")
    expect(code == 0 and json.loads(out)["hardware"] == "ampere", (code, out[:200]))
    expect("hardware class ampere" in err, err)


@case
def matrix_show_takes_auto():
    code, out, _ = run_with_tools(A100, "matrix", "show", "--hw", "auto", "--json")
    expect(code == 0 and json.loads(out)["document"]["hardware"] == ["ampere"], (code, out[:200]))


@case
def an_mi300x_means_amd():
    rocm = {"nvidia-smi": "exit 9", "rocm-smi": "cat <<'EOF'\n"
            "============================ ROCm System Management Interface ============================\n"
            "GPU[0]\t\t: Card series: \t\tAMD Instinct MI300X\n"
            "GPU[0]\t\t: Card model: \t\t0x74a1\n"
            "EOF"}
    code, out, err = run_with_tools(rocm, "maximize", "--hw", "auto", "--json")
    expect(code == 0 and json.loads(out)["hardware"] == "amd", (code, out[:300], err))


@case
def two_classes_are_an_error_naming_both():
    mixed = {"nvidia-smi": "printf 'NVIDIA A100-SXM4-80GB, 8.0\\nNVIDIA H100 80GB HBM3, 9.0\\n'", "rocm-smi": "exit 9"}
    code, out, err = run_with_tools(mixed, "maximize", "--hw", "auto", "--json")
    document = json.loads(out)
    expect(code == 2 and document["status"] == "error", (code, out))
    expect("A100" in document["error"] and "H100" in document["error"], document["error"])


@case
def batch_detects_once_for_the_stream():
    lines = "".join(json.dumps({"id": i, "cmd": "maximize", "hw": "auto"}) + "\n" for i in range(5))
    code, out, err = run_with_tools(A100, "batch", stdin=lines)
    answers = [json.loads(line) for line in out.splitlines()]
    expect(code == 0 and [a["hardware"] for a in answers] == ["ampere"] * 5, (code, out[:300]))
    expect(err.count("hardware class ampere") == 1, f"detection notes: {err}")


finish()
