#!/usr/bin/env python3
"""Defects a red team found with only the README and the binary (pass 3,
command line and batch): each case failed before its fix.

Usage: red_team3_test.py PLANNER SOURCE_ROOT MAN_PAGE   Prints 'N passed, N failed'."""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from cases import case, expect, finish  # noqa: E402  (tests/cases.py)

PLANNER = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(sys.argv[2])
MAN_PAGE = sys.argv[3]
DOCUMENT = os.path.join(ROOT, "tests", "data", "sources", "compatibility_matrix-v0.6.rst")
WORK = tempfile.mkdtemp(prefix="planner-red-team3-")
ENV = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}


def planner(*args, stdin=subprocess.DEVNULL, cwd=None):
    result = subprocess.run([PLANNER, *args], stdin=stdin, capture_output=True, timeout=120, env=ENV, cwd=cwd)
    return result.returncode, result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace")


def batch(*lines):
    result = subprocess.run([PLANNER, "batch"], input="".join(line + "\n" for line in lines).encode(),
                            capture_output=True, timeout=120, env=ENV)
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


# --- 1. short options and '=' -------------------------------------------------

@case
def a_short_option_takes_its_value_after_equals_as_the_long_form_does():
    directory = tempfile.mkdtemp(dir=WORK)
    code, _, err = planner("import", DOCUMENT, "-o=out.json", cwd=directory)
    expect(code == 0 and os.listdir(directory) == ["out.json"], (code, err, os.listdir(directory)))
    code, _, err = planner("import", DOCUMENT, "-o=", cwd=directory)
    expect(code == 2 and "-o needs a value after '='" in err, (code, err))


@case
def a_short_option_given_a_dash_value_says_how_to_write_it():
    code, _, err = planner("import", DOCUMENT, "-o", "-x.json", cwd=WORK)
    expect(code == 2 and "a value that starts with '-' is written --output=-x.json" in err, (code, err))

# --- 2, 3. Blackwell: the stand-in column everywhere a --hw is planned on ----------

@case
def versions_and_any_version_plan_on_the_stand_in_column_of_each_version():
    for args, note in ((["versions", "--hw", "b200", "--must", "lora"], "every blackwell cell counts as unknown"),
                       (["maximize", "--hw", "b200", "--any-version", "--hw-as", "hopper"],
                        "borrows the hopper column (--hw-as hopper)"),
                       (["check", "--hw", "b200", "--have", "lora", "--any-version"], "counts as unknown")):
        code, out, err = planner(*args)
        expect(code == 0 and note in out and "allowed by 3 of 3 versions" in out, (args, code, out[:300], err))
        code, out, err = planner(*args, "--json")
        document = json.loads(out)
        expect(code == 0 and any(note in n for n in document["notes"]), (args, code, err))
    code, out, err = planner("versions", "--hw", "b200", "--must", "lora", "--strict")
    expect(code == 1 and "no version allows the request" in out, (code, out, err))


@case
def graph_and_matrix_show_refuse_blackwell_with_what_to_type():
    for command in (["graph"], ["matrix", "show"]):
        code, out, err = planner(*command, "--hw", "b200")
        expect(code == 2 and out == "" and f"planner {' '.join(command)} --hw hopper shows the column" in err
               and "--hw b200 --hw-as hopper" in err, (command, code, err))


@case
def an_assumption_on_the_stand_in_column_says_how_to_assume_instead():
    code, out, err = planner("maximize", "--hw", "b200", "--assume", "lora@b200=yes")
    expect(code == 2 and "--hw-as hopper --assume lora@hopper=yes" in err, (code, err))
    code, out, err = planner("check", "--hw", "b200", "--hw-as", "hopper", "--have", "lora", "--assume",
                             "lora@hopper=no")
    expect(code == 1 and "LoRA on Blackwell assumed no" in out, (code, out, err))

# --- 4. batch keys: help and man page list exactly what batch accepts -----------

def listed_keys(text):
    """{command: [keys]} from the '  CMD: k, k, ...' lines of batch's key list."""
    keys = {}
    for line in text.splitlines():
        words = line.strip().split(": ", 1)
        if len(words) == 2 and words[0] in ("maximize", "repair", "check", "explain", "enumerate"):
            keys[words[0]] = [key.strip() for key in words[1].split(",")]
    return keys


@case
def batch_help_and_man_page_list_exactly_the_keys_batch_accepts():
    code, help_text, err = planner("batch", "--help")
    from_help = listed_keys(help_text)
    with open(MAN_PAGE, encoding="utf-8") as page:
        man = page.read()
    batch_section = man[man.index('.SS "planner batch'):]
    batch_section = batch_section[:batch_section.index(".SS", 4)]
    from_man = listed_keys(batch_section.replace("\\-", "-"))
    expect(code == 0 and len(from_help) == 5 and from_help == from_man, (from_help, from_man))
    expect("weights" not in help_text.replace('"weights" is an', ""), help_text)
    every_key = {key for keys in from_help.values() for key in keys}
    for command, keys in from_help.items():
        for key in sorted(every_key):
            answer = batch(json.dumps({"cmd": command, key: None}))[0]
            refused = "is not a key of" in answer.get("error", "")
            expect(refused == (key not in keys), (command, key, answer))


# --- 5. the --timeout-ms ceiling -------------------------------------------------

@case
def the_timeout_ceiling_is_in_help_and_readme():
    for command in ("maximize", "repair", "explain", "enumerate", "versions", "graph"):
        code, out, _ = planner(command, "--help")
        expect("at most 86400000" in out, command)
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as readme:
        expect("| `--timeout-ms` (batch `timeout_ms`) | 86,400,000 ms" in readme.read(), "README limits table")


# --- 6. --hw-cost needs --allow-hw -------------------------------------------------

@case
def hw_cost_without_allow_hw_is_refused_also_in_batch():
    code, out, err = planner("repair", "--hw", "a100", "--have", "lora", "--hw-cost", "3")
    expect(code == 2 and "--hw-cost needs --allow-hw" in err, (code, err))
    code, out, err = planner("repair", "--hw", "a100", "--have", "lora", "--hw-cost", "3", "--allow-hw")
    expect(code == 0, (code, err))
    answer = batch('{"cmd": "repair", "hw": "a100", "have": ["lora"], "hw_cost": 3}')[0]
    expect(answer["status"] == "error" and "--hw-cost needs --allow-hw" in answer["error"], answer)


# --- 7. control characters in names ----------------------------------------------

@case
def a_name_with_a_control_character_is_refused_and_shown_escaped():
    for args in (["repair", "--hw", "a100\n", "--have", "lora"], ["maximize", "--hw", "a100", "--must", "lo\tra"],
                 ["maximize", "--hw", "b200", "--hw-as", "hop\x1bper"], ["graph", "--hw", "a100\n"],
                 ["matrix", "show", "--hw", "\ta100"], ["maximize", "--hw", "a100", "--assume", "lora@a100\n=yes"],
                 ["check", "--hw", "a100", "--have", "lora\r"], ["maximize", "--hw", "a100", "--weight", "lora\n=2"]):
        code, out, err = planner(*args)
        expect(code == 2 and "holds a control character" in err and "\\x" in err and err.count("\n") == 1,
               (args, code, err))
    answer = batch('{"cmd": "check", "hw": "a100\\n", "have": ["lora"]}')[0]
    expect(answer["status"] == "error" and "holds a control character" in answer["error"], answer)


# --- 8. a negating vLLM flag in --assume --------------------------------------------

@case
def a_negating_flag_cannot_name_a_cell_and_the_message_names_the_feature():
    code, out, err = planner("maximize", "--hw", "a100", "--assume", "enforce-eager:lora=no")
    expect(code == 2 and "turns cuda-graph off" in err and "write the feature, cuda-graph" in err, (code, err))
    code, out, err = planner("check", "--hw", "a100", "--have", "lora,apc", "--assume", "enable-prefix-caching:lora=no")
    expect(code == 1 and "assumed no" in out, (code, out, err))


# --- 9. help wins wherever it stands, and is text ------------------------------------

@case
def help_wins_wherever_it_stands_and_is_text():
    code, expected, _ = planner("maximize", "--help")
    for args in (["maximize", "--hw", "a100", "--help", "--json"], ["maximize", "--help", "--hw"],
                 ["maximize", "-hw", "a100", "-h"], ["maximize", "--mst", "x", "--help"]):
        code, out, err = planner(*args)
        expect(code == 0 and out == expected and err == "", (args, code, err))


finish()
