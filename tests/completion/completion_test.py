#!/usr/bin/env python3
"""`planner completion bash`: the script loads in bash, and completing partial
command lines gives the expected words, taken from the binary's own catalog.

Usage: completion_test.py PLANNER   Prints 'N passed, N failed'."""
import json
import shlex
import subprocess
import sys

PLANNER = sys.argv[1]
RESULTS = {"passed": 0, "failed": 0}
SCRIPT = subprocess.run([PLANNER, "completion", "bash"], capture_output=True, text=True, timeout=60).stdout


def complete(line):
    """COMPREPLY for the command line `line` with the cursor at its end."""
    words = line.split(" ")
    program = (SCRIPT + "\nCOMP_WORDS=(" + " ".join(shlex.quote(w) for w in words) + ")\n"
               f"COMP_CWORD={len(words) - 1}\n_planner\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n")
    result = subprocess.run(["bash", "-c", program], capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise AssertionError(f"bash exit {result.returncode}: {result.stderr}")
    return [word for word in result.stdout.splitlines() if word]


def case(line, must_have=(), must_not_have=(), exactly=None):
    try:
        got = complete(line)
        if exactly is not None and sorted(got) != sorted(exactly):
            raise AssertionError(f"got {got}, expected exactly {exactly}")
        missing = [word for word in must_have if word not in got]
        extra = [word for word in must_not_have if word in got]
        if missing or extra:
            raise AssertionError(f"missing {missing}, unexpected {extra}; got {got}")
        RESULTS["passed"] += 1
    except Exception as error:  # report and go on with the next case
        RESULTS["failed"] += 1
        print(f"FAIL {line!r}: {error}")


def planner_json(*args):
    return json.loads(subprocess.run([PLANNER, *args, "--json"], capture_output=True, text=True, timeout=60).stdout)


try:
    subprocess.run(["bash", "-n"], input=SCRIPT, text=True, check=True, timeout=60)
    RESULTS["passed"] += 1
except Exception as error:
    RESULTS["failed"] += 1
    print(f"FAIL the script does not parse in bash: {error}")

features = [entry["id"] for entry in planner_json("features")["features"]]
hardware = [entry["id"] for entry in planner_json("hardware")["hardware"]]
matrices = [entry["id"] for entry in planner_json("matrix", "list")["matrices"]]

case("planner ", ["maximize", "repair", "check", "explain", "enumerate", "batch", "completion", "matrix", "import"])
case("planner ma", exactly=["maximize", "matrix"])
case("planner -", ["--help", "--version"])
case("planner maximize --m", ["--must", "--matrix"], ["--have"])
case("planner maximize --hw ampere --f", ["--format", "--forbid-partial", "--forbid-unknown"])
case("planner check --", ["--have", "--hw", "--json"], ["--must", "--format"])
case("planner maximize --must ", features)
case("planner maximize --must lo", exactly=["lora", "logprobs"])
case("planner maximize --must cp,lor", exactly=["cp,lora"])
case("planner repair --hw a100 --have cp,apc,prompt-",
     exactly=["cp,apc," + f for f in features if f.startswith("prompt-")])
case("planner maximize --weight lor", exactly=["lora="])
case("planner maximize --hw ", hardware + ["auto"])
case("planner maximize --hw a1", ["a100"], ["ampere"])
case("planner enumerate --hw au", exactly=["auto"])
case("planner maximize --matrix ", matrices)
case("planner maximize --format ", exactly=["text", "vllm-args"])
case("planner matrix ", exactly=["list", "show"])
case("planner matrix show --", ["--hw", "--matrix", "--json"], ["--must"])
case("planner completion ", exactly=["bash"])
case("planner batch --", ["--help"], ["--hw"])

print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
sys.exit(1 if RESULTS["failed"] else 0)
