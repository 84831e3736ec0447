#!/usr/bin/env python3
"""What red-team pass 3 found in the answers, checked through the executable:
signed --have under --hw-as starts from the borrowed column's defaults; every
answer format (text, JSON, vllm-args) names the cells it assumed and the
stand-in and product notes; a vllm-args answer is a runnable shell script
even without a plan; import notes reach the answer; graph --plan checks the
plan it draws; a timed-out explain says what it found.

Usage: red_team_answers_test.py PLANNER SOURCE_ROOT   Prints 'N passed, N failed'."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from cases import case, expect, finish  # noqa: E402  (tests/cases.py)

PLANNER = os.path.abspath(sys.argv[1])
ROOT = sys.argv[2]


def planner(*args, stdin=None):
    result = subprocess.run([PLANNER, *args], capture_output=True, text=True, timeout=120, input=stdin)
    return result.returncode, result.stdout, result.stderr


def planner_json(*args):
    code, out, err = planner(*args, "--json")
    return code, json.loads(out), err


# --- signed --have starts from the column actually planned on ----------------

@case
def signed_have_under_hw_as_drops_the_defaults_the_borrowed_class_cannot_have():
    code, borrowed, _ = planner_json("check", "--hw", "b200", "--hw-as", "cpu", "--have=+lora")
    _, own, _ = planner_json("check", "--hw", "cpu", "--have=+lora")
    expect(code == 0 and borrowed["status"] == "ok", (code, borrowed))
    expect(borrowed["features"] == own["features"] == ["cp", "apc", "lora"], (borrowed["features"], own["features"]))


@case
def signed_have_under_hw_as_in_batch_too():
    request = {"cmd": "check", "hw": "b200", "hw_as": "cpu", "have": ["+lora"]}
    _, out, _ = planner("batch", stdin=json.dumps(request) + "\n")
    answer = json.loads(out)
    expect(answer["status"] == "ok" and answer["features"] == ["cp", "apc", "lora"], answer)


# --- every vllm-args answer is a script that names what it rests on ----------

def script_lines(out):
    """The lines a shell would run: all but comments and blank lines."""
    return [line for line in out.splitlines() if line.strip() and not line.startswith("#")]


def expect_script(out, serve_lines):
    commands = script_lines(out)
    expect(len(commands) == serve_lines and all(line.startswith("vllm serve ") for line in commands), out)


@case
def vllm_args_names_the_assumed_cell_it_rests_on():
    code, out, _ = planner("repair", "--hw", "ampere", "--have", "lora,sd", "--assume", "lora:sd=yes",
                           "--format", "vllm-args")
    expect(code == 0, (code, out))
    expect_script(out, 1)
    expect("# assumed (1" in out and "#   SD x LoRA assumed yes (published ❌ no)" in out, out)
    expect("assumed by --assume lora:sd=yes" in out, out)


@case
def vllm_args_says_it_borrowed_a_column():
    code, out, _ = planner("maximize", "--hw", "b200", "--hw-as", "hopper", "--format", "vllm-args")
    expect(code == 0, (code, out))
    expect_script(out, 1)
    expect("# note: " in out and "borrows the hopper column" in out, out)
    expect("borrowed from the hopper column" in out, out)


@case
def vllm_args_says_which_product_a_family_name_stood_for():
    code, out, _ = planner("maximize", "--hw", "a100", "--format", "vllm-args")
    expect(code == 0 and "# note: a100 = a100-80gb" in out, (code, out))
    expect_script(out, 1)


@case
def vllm_args_without_a_plan_is_all_comments_and_keeps_the_format_in_suggestions():
    code, out, _ = planner("maximize", "--hw", "ampere", "--must", "lora,sd", "--format", "vllm-args")
    expect(code == 1, (code, out))
    expect_script(out, 0)
    suggested = [line for line in out.splitlines() if "$ planner " in line]
    expect(suggested and all(line.endswith(" --format vllm-args") for line in suggested), suggested)
    syntax = subprocess.run(["sh", "-n"], input=out, text=True, capture_output=True)
    expect(syntax.returncode == 0, syntax.stderr)


@case
def vllm_args_enumerate_names_the_assumed_cells_of_each_set():
    code, out, _ = planner("enumerate", "--hw", "b200", "--hw-as", "hopper", "--limit", "2", "--format", "vllm-args")
    expect(code == 0, (code, out))
    expect_script(out, 2)
    expect(out.count("assumed (") == 2 and "# note: " in out, out)


# --- import notes are part of the answer --------------------------------------

BLANK_LINE_DOC = os.path.join(ROOT, "tests", "data", "docs", "blank-line-in-table.md")


@case
def import_notes_reach_the_json_notes_once():
    code, out, err = planner("check", "--hw", "ampere", "--have", "lora", "--matrix", BLANK_LINE_DOC, "--json")
    notes = json.loads(out).get("notes", [])
    expect(code == 0 and any("goes on after a blank line" in note for note in notes), (code, notes))
    expect("goes on after a blank line" not in err, err)


@case
def import_notes_reach_the_text_notes_once():
    code, out, err = planner("check", "--hw", "ampere", "--have", "lora", "--matrix", BLANK_LINE_DOC)
    expect(code == 0 and out.count("goes on after a blank line") == 1, (code, out))
    expect("goes on after a blank line" not in err, err)


@case
def import_notes_reach_every_batch_answer():
    request = json.dumps({"cmd": "check", "hw": "ampere", "have": ["lora"], "matrix": BLANK_LINE_DOC})
    _, out, _ = planner("batch", stdin=request + "\n" + request + "\n")
    answers = [json.loads(line) for line in out.splitlines()]
    expect(len(answers) == 2, out)
    for answer in answers:
        expect(any("goes on after a blank line" in note for note in answer.get("notes", [])), answer)


# --- derivations and time limits say what happened ----------------------------

@case
def the_derivation_cites_hw_as_typed():
    code, out, _ = planner("explain", "--hw", "b200", "--hw-as", "cpu", "--must", "cuda-graph")
    expect(code == 1 and "[--hw b200 (blackwell)]" in out and "[--hw blackwell]" not in out, (code, out))


@case
def a_timed_out_explain_that_found_nothing_says_so():
    code, out, _ = planner("explain", "--hw", "ampere", "--must", "lora,sd", "--timeout-ms", "5")
    if code == 3 and "0 minimal conflict sets" in out:
        expect("not proven optimal" not in out and "says nothing about whether the request is feasible" in out, out)
    else:  # a fast machine finished within 5 ms: the answer is complete
        expect(code == 1 and "timeout" not in out, (code, out))



# --- graph --plan draws only a plan that holds on the matrix as drawn ---------

@case
def graph_refuses_a_plan_made_under_assume_when_drawn_without_it():
    _, made, _ = planner("maximize", "--hw", "ampere", "--must", "lora,sd", "--assume", "lora:sd=yes", "--json")
    code, _, err = planner("graph", "--hw", "ampere", "--plan", "-", stdin=made)
    expect(code == 2 and "breaks sd x lora = no" in err and "--assume" in err, (code, err))
    code, out, err = planner("graph", "--hw", "ampere", "--plan", "-", "--assume", "lora:sd=yes", stdin=made)
    expect(code == 0 and out.startswith("graph "), (code, err))


@case
def graph_refuses_a_result_without_a_plan_and_a_hand_made_invalid_plan():
    _, made, _ = planner_json("maximize", "--hw", "ampere", "--must", "lora")
    timed_out = dict(made, status="timeout", plan_found=False, features=[])
    code, _, err = planner("graph", "--hw", "ampere", "--plan", "-", stdin=json.dumps(timed_out))
    expect(code == 2 and "plan_found: false" in err, (code, err))
    invalid = dict(made, features=["lora", "sd"])
    code, _, err = planner("graph", "--hw", "ampere", "--plan", "-", stdin=json.dumps(invalid))
    expect(code == 2 and "breaks" in err, (code, err))

finish()
