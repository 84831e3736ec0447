#!/usr/bin/env python3
"""`--hw auto` through the executable, with fake nvidia-smi / rocm-smi
scripts on PATH: the class they imply, cpu when they are absent or list no
GPU, an error listing the GPUs when they disagree, an error (never cpu) when
a tool fails, hangs or prints garbage, and one detection per batch stream.

Usage: hw_auto_test.py PLANNER   Prints 'N passed, N failed'."""
import json
import os
import stat
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from cases import case, expect, finish  # noqa: E402  (tests/cases.py)

PLANNER = os.path.abspath(sys.argv[1])


def run_with_tools(tools, *args, stdin=None, directory=None):
    """Runs the planner with only the fake `tools` ({name: shell body}),
    written into `directory` (a fresh one by default), and the basic
    utilities they need on PATH; returns (code, out, err)."""
    if directory is None:
        with tempfile.TemporaryDirectory() as scratch:
            return run_with_tools(tools, *args, stdin=stdin, directory=scratch)
    for name, body in tools.items():
        path = os.path.join(directory, name)
        with open(path, "w") as script:
            script.write("#!/bin/sh\n" + body + "\n")
        os.chmod(path, stat.S_IRWXU)
    env = dict(os.environ, PATH=directory + os.pathsep + "/usr/bin:/bin")
    result = subprocess.run([PLANNER, *args], capture_output=True, text=True, timeout=120, env=env, input=stdin)
    return result.returncode, result.stdout, result.stderr


A100 = {"nvidia-smi": "echo 'NVIDIA A100-SXM4-80GB, 8.0'"}
DRIVER_DOWN = "echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver' >&2; exit 9"


@case
def no_tools_means_cpu_with_a_note():
    code, out, err = run_with_tools({}, "maximize", "--hw", "auto", "--json")
    expect(code == 0 and json.loads(out)["hardware"] == "cpu", (code, out[:200]))
    expect("nvidia-smi is not on PATH" in err and "planning for cpu" in err, err)


@case
def tools_listing_no_gpu_mean_cpu():
    quiet = {"nvidia-smi": "exit 0", "rocm-smi": "echo '========= ROCm System Management Interface ========='"}
    code, out, err = run_with_tools(quiet, "maximize", "--hw", "auto", "--json")
    expect(code == 0 and json.loads(out)["hardware"] == "cpu", (code, out[:200], err))


@case
def a_failing_nvidia_smi_is_an_error_with_its_stderr_never_cpu():
    code, out, err = run_with_tools({"nvidia-smi": DRIVER_DOWN}, "maximize", "--hw", "auto", "--json")
    document = json.loads(out)
    expect(code == 2 and document["status"] == "error", (code, out[:300]))
    expect("exited with status 9" in document["error"], document["error"])
    expect("could not communicate with the NVIDIA driver" in document["error"], document["error"])
    expect("--query-gpu=name,compute_cap" in document["error"], "names what it ran: " + document["error"])


@case
def a_failing_rocm_smi_is_an_error_too():
    code, out, err = run_with_tools({"rocm-smi": "echo 'rocm-smi: driver not loaded' >&2; exit 1"},
                                    "check", "--hw", "auto", "--have", "cp")
    expect(code == 2 and "rocm-smi" in err and "driver not loaded" in err, (code, out, err))


@case
def nvidia_smi_printing_garbage_is_an_error():
    code, out, err = run_with_tools({"nvidia-smi": "echo 'Segmentation fault'; echo '%%%'"},
                                    "maximize", "--hw", "auto")
    expect(code == 2 and "not a GPU listing" in err and "Segmentation fault" in err, (code, out, err))


@case
def rocm_smi_printing_no_gpu_lines_is_an_error():
    code, out, err = run_with_tools({"rocm-smi": "echo 'unexpected text'"}, "maximize", "--hw", "auto")
    expect(code == 2 and "printed no GPU" in err and "unexpected text" in err, (code, out, err))


@case
def old_drivers_answer_the_names_query():
    old = {"nvidia-smi": 'case "$1" in --query-gpu=name) echo "Tesla T4";; '
                         '*) echo "Field \"compute_cap\" is not a valid field to query." >&2; exit 2;; esac'}
    code, out, err = run_with_tools(old, "maximize", "--hw", "auto", "--json")
    expect(code == 0 and json.loads(out)["hardware"] == "turing", (code, out[:200], err))
    expect("classes taken from" in err, err)


def hung_tool_run(*extra):
    """A nvidia-smi that never answers and leaves a helper behind: the probe
    must stop at its limit, kill both and exit 2. Returns (seconds, code, err, helper pid)."""
    with tempfile.TemporaryDirectory() as directory:
        pid_file = os.path.join(directory, "helper.pid")
        hung = {"nvidia-smi": f"sleep 100 & echo $! > {pid_file}; wait"}
        started = time.monotonic()
        code, out, err = run_with_tools(hung, "maximize", "--hw", "auto", *extra, directory=directory)
        seconds = time.monotonic() - started
        with open(pid_file) as f:
            helper = int(f.read())
        return seconds, code, err, helper


def process_is_gone(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    with open(f"/proc/{pid}/stat") as f:  # a zombie is gone as far as we care
        return f.read().split(")")[-1].split()[0] == "Z"


@case
def a_hung_nvidia_smi_is_killed_at_the_probe_limit():
    seconds, code, err, helper = hung_tool_run()
    expect(code == 2 and "did not finish within 5000 ms" in err, (code, err))
    expect(seconds < 30, f"the probe waited {seconds:.1f} s")
    expect(process_is_gone(helper), f"the tool's helper {helper} still runs")


@case
def timeout_ms_bounds_the_probe():
    seconds, code, err, helper = hung_tool_run("--timeout-ms", "300")
    expect(code == 2 and "did not finish within 300 ms" in err, (code, err))
    expect(seconds < 4, f"--timeout-ms 300 waited {seconds:.1f} s")
    expect(process_is_gone(helper), f"the tool's helper {helper} still runs")


@case
def a_batch_stream_probes_a_failing_tool_once():
    lines = "".join(json.dumps({"id": i, "cmd": "maximize", "hw": "auto"}) + "\n" for i in range(3))
    counter = {"nvidia-smi": DRIVER_DOWN.replace("exit 9", "echo x >> \"$(dirname \"$0\")/runs\"; exit 9")}
    with tempfile.TemporaryDirectory() as directory:
        code, out, err = run_with_tools(counter, "batch", stdin=lines, directory=directory)
        with open(os.path.join(directory, "runs")) as f:
            runs = len(f.read().split())
    answers = [json.loads(line) for line in out.splitlines()]
    expect([a["status"] for a in answers] == ["error"] * 3, out[:400])
    expect(runs == 2, f"nvidia-smi ran {runs} times for 3 lines (2 queries once)")


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
    rocm = {"rocm-smi": "cat <<'EOF'\n"
            "============================ ROCm System Management Interface ============================\n"
            "GPU[0]\t\t: Card series: \t\tAMD Instinct MI300X\n"
            "GPU[0]\t\t: Card model: \t\t0x74a1\n"
            "EOF"}
    code, out, err = run_with_tools(rocm, "maximize", "--hw", "auto", "--json")
    expect(code == 0 and json.loads(out)["hardware"] == "amd", (code, out[:300], err))


@case
def two_classes_are_an_error_naming_both():
    mixed = {"nvidia-smi": "printf 'NVIDIA A100-SXM4-80GB, 8.0\\nNVIDIA H100 80GB HBM3, 9.0\\n'"}
    code, out, err = run_with_tools(mixed, "maximize", "--hw", "auto", "--json")
    document = json.loads(out)
    expect(code == 2 and document["status"] == "error", (code, out))
    expect("A100" in document["error"] and "H100" in document["error"], document["error"])


@case
def hw_as_auto_names_hw_as_in_its_notes_and_errors():
    code, out, err = run_with_tools(A100, "maximize", "--hw", "blackwell", "--hw-as", "auto", "--json")
    expect(code == 0 and "--hw-as ampere" in out, (code, out[:300], err))
    expect("planner: --hw-as auto: hardware class ampere" in err and "--hw auto" not in err, err)
    code, out, err = run_with_tools({"nvidia-smi": DRIVER_DOWN}, "maximize", "--hw", "blackwell", "--hw-as", "auto")
    expect(code == 2 and "--hw-as: auto: " in err and "--hw: " not in err, (code, err))


@case
def batch_detects_once_for_the_stream():
    lines = "".join(json.dumps({"id": i, "cmd": "maximize", "hw": "auto"}) + "\n" for i in range(5))
    code, out, err = run_with_tools(A100, "batch", stdin=lines)
    answers = [json.loads(line) for line in out.splitlines()]
    expect(code == 0 and [a["hardware"] for a in answers] == ["ampere"] * 5, (code, out[:300]))
    expect(err.count("hardware class ampere") == 1, f"detection notes: {err}")


finish()
