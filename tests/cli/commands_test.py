#!/usr/bin/env python3
"""Runs the planner executable as a user or a script would and checks what it
prints: JSON documents (parsed and asserted), text, exit codes 0/1/2/3,
byte-identical repeats (colours: tests/cli/command_line_test.py).

Usage: commands_test.py PLANNER SOURCE_ROOT   Prints 'N passed, N failed'."""
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from cases import case, expect, finish  # noqa: E402  (tests/cases.py)

PLANNER = sys.argv[1]
ROOT = sys.argv[2]
ENV = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}


def planner(*args, env=None):
    result = subprocess.run([PLANNER, *args], capture_output=True, timeout=120, env=env or ENV)
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def planner_json(*args):
    code, out, err = planner(*args, "--json")
    return code, json.loads(out), err  # json.loads refuses anything but exactly one document


HEAD = ["schema", "command", "status"]
PLAN_KEYS = ["hardware", "matrix", "features", "risks", "changes"]
CELL_KEYS = ["kind", "row", "column", "value", "links", "footnotes"]


def shipped_ids():
    _, document, _ = planner_json("matrix", "list")
    return [m["id"] for m in document["matrices"]]


def check_cell(cell):
    expect(list(cell) == CELL_KEYS, f"cell keys {list(cell)}")
    expect(cell["kind"] in ("pair", "support"), cell)
    expect(cell["value"] in ("yes", "no", "partial", "unknown", "blank"), cell)
    for footnote in cell["footnotes"]:
        expect(list(footnote) == ["mark", "text"] and footnote["text"], footnote)


# --- the card's example ------------------------------------------------------

@case
def card_example_is_infeasible_with_a_derivation_and_alternatives():
    code, out, err = planner("maximize", "--hw", "ampere", "--must", "lora,sd")
    expect(code == 1, f"exit {code}")
    expect("infeasible" in out, out)
    expect("(1)" in out and "(3)" in out and "[--must lora]" in out and "[--must sd]" in out, out)
    expect(re.search(r"(SD x LoRA|LoRA x SD) ❌ no", out), out)
    expect("$ planner maximize --hw ampere --must lora\n" in out, out)
    expect("$ planner maximize --hw ampere --must sd\n" in out, out)
    expect(err == "", err)


@case
def card_example_on_every_shipped_matrix():
    for matrix in shipped_ids():
        code, document, _ = planner_json("maximize", "--hw", "ampere", "--must", "lora,sd", "--matrix", matrix)
        expect(code == 1, f"{matrix}: exit {code}")
        expect(list(document)[:3] == HEAD and document["status"] == "infeasible", document)
        expect(document["matrix"] == matrix and document["features"] == [], document)
        cells = [cell for conflict in document["conflicts"] for cell in conflict["cells"]]
        expect(any({c["row"], c["column"]} == {"lora", "sd"} and c["value"] == "no" for c in cells), cells)
        for cell in cells:
            check_cell(cell)
        dropped = sorted(tuple(a["dropped"]) for a in document["alternatives"])
        expect(dropped == [("lora",), ("sd",)], dropped)
        for alternative in document["alternatives"]:
            expect(list(alternative) == ["dropped", "hardware", "features", "risks", "command"], alternative)
            kept = "sd" if alternative["dropped"] == ["lora"] else "lora"
            expect(kept in alternative["features"], alternative)
            # The suggested command asks exactly that and gets the same plan.
            argv = shlex.split(alternative["command"])
            expect(argv[0] == "planner", argv)
            code, again, _ = planner_json(*argv[1:])
            expect(code == 0 and again["features"] == alternative["features"], (alternative, again))


# --- maximize ----------------------------------------------------------------

@case
def maximize_answers_with_features_risks_and_reasons():
    code, document, err = planner_json("maximize", "--hw", "a100-80gb", "--must", "lora")
    expect(code == 0 and document["status"] == "ok", document)
    expect(list(document) == HEAD + PLAN_KEYS + ["criteria", "proven_optimal", "plan_found", "off", "conflicts",
                                                 "alternatives", "defaults_off"],
           list(document))
    expect(document["command"] == "maximize" and document["hardware"] == "ampere", document)
    expect("lora" in document["features"] and "sd" not in document["features"], document)
    expect(document["proven_optimal"] is True and document["criteria"], document)
    for cell in document["risks"]:
        check_cell(cell)
        expect(cell["value"] in ("partial", "unknown"), cell)
    off = {item["feature"]: item for item in document["off"]}
    expect("sd" in off and off["sd"]["reason"] == "conflict", off.get("sd"))
    expect(any("lora" in (c["row"], c["column"]) for c in off["sd"]["cells"]), off["sd"])
    every = set(document["features"]) | set(off)
    _, features, _ = planner_json("features")
    expect(every == {f["id"] for f in features["features"] if f["in_matrix"]}, every)


@case
def maximize_text_lists_on_risks_and_off():
    code, out, _ = planner("maximize", "--hw", "ampere", "--must", "lora", "--explain-order")
    expect(code == 0, code)
    expect("criteria, most important first:" in out, out)
    expect(re.search(r"^on \(\d+\): cp apc lora", out, re.M), out)
    expect(re.search(r"^risks \(\d+", out, re.M) and re.search(r"^off \(\d+\):", out, re.M), out)
    expect(re.search(r"^  sd +does not work with lora", out, re.M), out)


@case
def weights_prefer_and_strict_change_the_answer():
    _, plain, _ = planner_json("maximize", "--hw", "ampere")
    expect("sd" not in plain["features"], plain["features"])
    _, weighted, _ = planner_json("maximize", "--hw", "ampere", "--weight", "sd=20")
    expect("sd" in weighted["features"], weighted["features"])
    _, preferred, _ = planner_json("maximize", "--hw", "ampere", "--prefer", "speculative-decoding")
    expect("sd" in preferred["features"], preferred["features"])
    _, strict, _ = planner_json("maximize", "--hw", "ampere", "--strict")
    expect(strict["risks"] == [] and plain["risks"] != [], (strict["risks"], plain["risks"]))
    _, never, _ = planner_json("maximize", "--hw", "ampere", "--never", "cp")
    expect("cp" not in never["features"], never)
    expect({"feature": "cp", "reason": "never", "cells": []} in never["off"], never["off"])


@case
def allow_hw_suggests_other_hardware_with_its_command():
    code, document, _ = planner_json("maximize", "--hw", "cpu", "--must", "lora", "--allow-hw", "--matrix",
                                     "vllm-0.6-zh")
    expect(code == 1, code)
    cells = document["conflicts"][0]["cells"]
    expect(cells[0]["kind"] == "support" and cells[0]["links"] == ["https://github.com/vllm-project/vllm/pull/4830"],
           cells)
    switched = [a for a in document["alternatives"] if a["hardware"] != "cpu"]
    expect(switched and all(f"--hw {a['hardware']} --must lora" in a["command"] for a in switched), switched)


@case
def footnote_texts_reach_the_derivation_the_json_and_the_tables():
    document_path = os.path.join(ROOT, "tests/data/docs/mkdocs-tpu.md")
    args = ["maximize", "--hw", "ampere", "--must", "pooling,cp", "--strict", "--matrix", document_path]
    code, document, _ = planner_json(*args)
    expect(code == 1 and document["status"] == "infeasible", document)
    cell = document["conflicts"][0]["cells"][0]
    expect(cell["value"] == "partial" and cell["footnotes"][0]["mark"] == "*", cell)
    expect(cell["footnotes"][0]["text"].startswith("Chunked prefill and prefix caching"), cell)
    code, out, _ = planner(*args)
    expect("which --strict rules out" in out and "* Chunked prefill and prefix caching" in out, out)
    expect(f"--must cp --strict --matrix {document_path}" in out, out)
    code, out, _ = planner("matrix", "show", "--matrix", document_path)
    expect(code == 0 and "🟠*" in out and "\nfootnotes:\n  * Chunked prefill" in out, out)


@case
def timeout_is_exit_3_and_not_proven():
    code, document, _ = planner_json("maximize", "--hw", "ampere", "--must", "lora", "--timeout-ms", "1")
    expect(code == 3, f"exit {code}")
    expect(document["status"] == "timeout" and document["proven_optimal"] is False, document)


# --- check, repair, explain, enumerate -----------------------------------------

@case
def check_names_every_violated_cell_with_its_link():
    code, document, _ = planner_json("check", "--hw", "ampere", "--have", "lora,cp", "--matrix", "vllm-0.6-zh")
    expect(code == 1 and document["status"] == "invalid", document)
    expect(list(document) == HEAD + PLAN_KEYS + ["violations", "defaults_off"], list(document))
    violations = document["violations"]
    expect(len(violations) == 1, violations)
    expect(violations[0]["links"] == ["https://github.com/vllm-project/vllm/pull/9057"], violations)
    code, valid, _ = planner_json("check", "--hw", "ampere", "--have", "apc,lora")
    expect(code == 0 and valid["status"] == "ok" and valid["violations"] == [], valid)
    code, out, _ = planner("check", "--hw", "ampere", "--have", "lora,cp", "--matrix", "vllm-0.6-zh")
    expect(code == 1 and "invalid" in out and "LoRA x CP ❌ no" in out and "pull/9057" in out, out)


@case
def repair_gives_the_smallest_change():
    code, document, _ = planner_json("repair", "--hw", "ampere", "--have", "lora,sd,cp", "--keep", "lora")
    expect(code == 0 and document["status"] == "ok", document)
    expect(list(document) == HEAD + PLAN_KEYS + ["proven_optimal", "plan_found", "tied_count", "tied_count_exact",
                                                 "tied_repairs", "defaults_off"], list(document))
    expect(document["changes"] == [{"kind": "remove", "feature": "sd"}], document["changes"])
    expect(sorted(document["features"]) == ["cp", "lora"], document["features"])
    code, valid, _ = planner_json("repair", "--hw", "ampere", "--have", "apc,lora")
    expect(code == 0 and valid["changes"] == [], valid)
    code, out, _ = planner("repair", "--hw", "ampere", "--have", "lora,sd,cp", "--keep", "lora")
    expect("changes (1): -sd" in out, out)


@case
def explain_lists_every_minimal_conflict():
    code, document, _ = planner_json("explain", "--hw", "ampere", "--must", "lora,sd,pooling")
    expect(code == 1 and document["status"] == "infeasible", document)
    pairs = sorted(sorted([c["row"], c["column"]]) for conflict in document["conflicts"] for c in conflict["cells"])
    expect(pairs == [["lora", "pooling"], ["lora", "sd"], ["pooling", "sd"]], pairs)
    for conflict in document["conflicts"]:
        expect(len(conflict["requirements"]) >= 2 and len(conflict["cells"]) == 1, conflict)
    code, fine, _ = planner_json("explain", "--hw", "ampere", "--must", "lora")
    expect(code == 0 and fine["conflicts"] == [], fine)


@case
def enumerate_gives_distinct_maximal_sets():
    code, document, _ = planner_json("enumerate", "--hw", "ampere")
    expect(code == 0 and document["status"] == "ok", document)
    sets = [frozenset(plan["features"]) for plan in document["plans"]]
    expect(len(sets) >= 2 and len(set(sets)) == len(sets), sets)
    expect(not any(a < b for a in sets for b in sets), "a set inside another")
    for plan in document["plans"]:
        code, checked, _ = planner_json("check", "--hw", "ampere", "--have", ",".join(plan["features"]) or "cp")
        if plan["features"]:
            expect(code == 0, (plan, checked))
    _, limited, _ = planner_json("enumerate", "--hw", "ampere", "--limit", "2")
    expect(limited["plans"] == document["plans"][:2], limited["plans"])


# --- catalogue and matrix commands ----------------------------------------------

@case
def features_and_hardware_list_the_catalog():
    code, features, _ = planner_json("features", "--matrix", "vllm-0.6")
    expect(code == 0 and len(features["features"]) == 17, features)
    by_id = {f["id"]: f for f in features["features"]}
    expect(by_id["cp"]["in_matrix"] and not by_id["prompt-embeds"]["in_matrix"], by_id["prompt-embeds"])
    expect("chunked-prefill" in by_id["cp"]["aliases"], by_id["cp"])
    code, hardware, _ = planner_json("hardware")
    expect(code == 0 and len(hardware["hardware"]) == 10, hardware)
    ampere = next(h for h in hardware["hardware"] if h["id"] == "ampere")
    expect(any(p["family"] == "a100" for p in ampere["products"]) and ampere["in_matrix"] and ampere["matrices"], ampere)
    code, out, _ = planner("hardware")
    expect(code == 0 and re.search(r"^\* ampere +NVIDIA Ampere", out, re.M), out)


@case
def matrix_list_and_show():
    code, document, _ = planner_json("matrix", "list")
    expect(code == 0 and document["command"] == "matrix list", document)
    defaults = [m["id"] for m in document["matrices"] if m["default"]]
    expect(defaults == [document["matrices"][-1]["id"]], defaults)
    code, shown, _ = planner_json("matrix", "show", "--hw", "a100")
    expect(code == 0 and shown["matrix"] == defaults[0], shown)
    expect(shown["document"]["schema"] == "planner-matrix/1", shown["document"])
    expect({c["hardware"] for c in shown["document"]["support"]} == {"ampere"}, "support not filtered")


def width(text):
    """Terminal columns: ✅❌🟠❔ take two."""
    return sum(2 if ord(ch) >= 0x1F300 or ch in "✅❌❔" else 0 if 0xFE00 <= ord(ch) <= 0xFE0F else 1 for ch in text)


def column_starts(line):
    starts, column, previous = [], 0, " "
    for ch in line:
        if ch != " " and previous == " ":
            starts.append(column)
        column += width(ch)
        previous = ch
    return starts


@case
def matrix_show_aligns_symbols_in_columns():
    code, out, _ = planner("matrix", "show", "--matrix", "vllm-0.6")
    expect(code == 0 and "\x1b[" not in out, "colour without a terminal")
    lines = out.split("\n")
    start = lines.index("Feature x Hardware")
    header = column_starts(lines[start + 1])
    rows = [line for line in lines[start + 2:] if line and not line.startswith("  ")][:15]
    expect(len(rows) == 15, rows)
    label_width = header[0] - 1
    for row in rows:
        # Every cell (after the row label) starts where a column title starts.
        cell_starts = [s for s in column_starts(row) if s > label_width]
        expect(cell_starts and set(cell_starts) <= set(header), (row, cell_starts, header))
    expect("https://github.com/vllm-project/vllm/pull/9057" in out, "legend lacks the LoRA x CP link")


@case
def import_of_the_page_history_writes_data_history_byte_for_byte():
    history = os.path.join(ROOT, "..", "shared", "upstream", "history")
    with tempfile.TemporaryDirectory() as directory:
        code, out, err = planner("import", history, "-o", directory)
        expect(code == 0 and out == "" and "wrote 26 matrices for 46 page states to " + directory in err, (code, err))
        written = sorted(os.listdir(directory))
        expect(written == sorted(os.listdir(os.path.join(ROOT, "data", "history"))), written)
        for name in written:
            with open(os.path.join(directory, name), encoding="utf-8") as a, \
                    open(os.path.join(ROOT, "data", "history", name), encoding="utf-8") as b:
                expect(a.read() == b.read(), name + " differs from data/history/" + name)
        code, document, _ = planner_json("import", history, "-o", directory)
        expect(code == 0 and document["states"] == 46 and len(document["matrices"]) == 26, document)
        code, _, err = planner("import", history, "-o", directory, "--id", "x")
        expect(code == 2 and "--id: a directory of page states names each matrix" in err, err)
    with tempfile.TemporaryDirectory() as directory:
        # A target that cannot be replaced is found before anything is written.
        kept = os.path.join(directory, "vllm-docs-2024-10-11.json")
        with open(kept, "w", encoding="utf-8") as out:
            out.write("KEEP")
        os.mkdir(os.path.join(directory, "vllm-docs-2024-10-30.json"))
        code, _, err = planner("import", history, "-o", directory)
        expect(code == 2 and "vllm-docs-2024-10-30.json: cannot write: it is a directory" in err
               and "nothing was written" in err, err)
        with open(kept, encoding="utf-8") as back:
            expect(back.read() == "KEEP", "a file was replaced before the refusal")
        expect(sorted(os.listdir(directory)) == ["vllm-docs-2024-10-11.json", "vllm-docs-2024-10-30.json"],
               os.listdir(directory))
    code, _, err = planner("import", history, "-o", history)
    expect(code == 2 and "is the directory being read" in err, err)
    code, _, err = planner("import", history)
    expect(code == 2 and "give -o DIR" in err, err)
    code, _, err = planner("import", history, "-o", os.path.join(ROOT, "README.md"))
    expect(code == 2 and "README.md: not a directory" in err, err)


@case
def import_reproduces_the_shipped_json_and_writes_atomically():
    source = os.path.join(ROOT, "tests/data/sources/compatibility_matrix-v0.6.rst")
    code, out, _ = planner("import", source, "--id", "vllm-0.6")
    with open(os.path.join(ROOT, "data/vllm-0.6.json"), encoding="utf-8") as shipped:
        expect(code == 0 and out == shipped.read(), "import output differs from data/vllm-0.6.json")
    with tempfile.TemporaryDirectory() as directory:
        target = os.path.join(directory, "m.json")
        code, document, _ = planner_json("import", source, "--id", "vllm-0.6", "-o", target)
        expect(code == 0 and document["output"] == target and document["matrix"] == "vllm-0.6", document)
        with open(target, encoding="utf-8") as written:
            expect(written.read() == out, "-o wrote other bytes than stdout")
        expect(os.listdir(directory) == ["m.json"], os.listdir(directory))
        # The written file is a matrix every command accepts.
        code, _, _ = planner("check", "--hw", "ampere", "--have", "cp", "--matrix", target)
        expect(code == 0, code)
        bad = os.path.join(ROOT, "tests/data/bad/ragged-row.md")
        code, _, err = planner("import", bad, "-o", os.path.join(directory, "bad.json"))
        expect(code == 2 and "ragged-row.md:" in err, err)
        expect(os.listdir(directory) == ["m.json"], os.listdir(directory))
    code, _, err = planner("import", os.path.join(ROOT, "tests/data/sources/000_c80e026caf167046.txt"))
    expect(code == 0 and "mojibake" in err.lower(), err)


@case
def matrix_doc_prints_the_importers_notes_as_import_does():
    # A mojibake copy, a table cut by a blank line, a link with a stray '>': each gives a note.
    for name in ("tests/data/sources/000_c80e026caf167046.txt", "tests/data/docs/blank-line-in-table.md",
                 "tests/data/docs/upstream-2024-12-25-6ad909fd.md"):
        document = os.path.join(ROOT, name)
        code, _, imported = planner("import", document)
        expect(code == 0 and imported.startswith("planner: " + os.path.basename(name)), (name, imported))
        for argv in (["features"], ["matrix", "show"]):
            code, _, err = planner(*argv, "--matrix", document)
            expect(err == imported, (name, argv, err, imported))
        # A planning answer carries them among its notes, once, and not on stderr.
        code, out, err = planner("check", "--hw", "cpu", "--have", "cp", "--matrix", document)
        for line in imported.splitlines():
            note = "note: " + line[len("planner: "):]
            expect(out.count(note) == 1 and err == "", (name, note, out, err))
    # The card's example: LoRA on CPU is ❌ two lines below a blank line.
    code, out, _ = planner("check", "--hw", "cpu", "--have", "lora", "--matrix",
                           os.path.join(ROOT, "tests/data/docs/blank-line-in-table.md"))
    expect(code == 1 and "LoRA on CPU ❌ no" in out, (code, out))


# --- every command -------------------------------------------------------------

EVERY_COMMAND = [
    ["features"], ["hardware"], ["matrix", "list"], ["matrix", "show", "--hw", "h100"],
    ["maximize", "--hw", "ampere", "--must", "lora,sd"], ["maximize", "--hw", "h100", "--must", "lora"],
    ["repair", "--hw", "ampere", "--have", "lora,sd,cp"], ["check", "--hw", "ampere", "--have", "lora,sd"],
    ["explain", "--hw", "ampere", "--must", "lora,sd,pooling"], ["enumerate", "--hw", "ampere"],
    ["import", os.path.join(ROOT, "tests/data/sources/001_0c58d9781eb00f64.txt")],
]


@case
def every_command_prints_one_json_document_with_the_schema():
    for argv in EVERY_COMMAND:
        code, document, _ = planner_json(*argv)
        expected = "planner-matrix/1" if argv[0] == "import" else "planner-result/1"
        expect(document["schema"] == expected, (argv, document.get("schema")))
        if argv[0] != "import":
            name = " ".join(argv[:2]) if argv[0] == "matrix" else argv[0]
            expect(document["command"] == name, (argv, document["command"]))
            expect(list(document)[:3] == HEAD, (argv, list(document)))
        expect(code in (0, 1), (argv, code))


@case
def the_same_command_twice_prints_the_same_bytes():
    for argv in EVERY_COMMAND:
        for extra in ([], ["--json"]):
            first = subprocess.run([PLANNER, *argv, *extra], capture_output=True, env=ENV)
            second = subprocess.run([PLANNER, *argv, *extra], capture_output=True, env=ENV)
            expect(first.stdout == second.stdout and first.stderr == second.stderr and first.stdout, argv + extra)


@case
def every_command_has_help_with_an_example():
    for argv in (["import"], ["features"], ["hardware"], ["matrix", "list"], ["matrix", "show"], ["maximize"],
                 ["repair"], ["check"], ["explain"], ["enumerate"], []):
        code, out, _ = planner(*argv, "--help")
        expect(code == 0 and "Example" in out and "planner " in out, (argv, code, out[-200:]))


@case
def usage_errors_are_exit_2_with_one_json_error_document():
    for argv in (["maximize", "--hw", "ampere", "--must", "lorra"], ["maximize", "--must", "lora"],
                 ["frobnicate"], ["maximize", "--hw", "ampere", "--weight", "sd=abc"]):
        code, document, err = planner_json(*argv)
        expect(code == 2, (argv, code))
        expect(document["status"] == "error" and document["error"] in err, (argv, document, err))
    code, _, err = planner("maximize", "--hw", "ampere", "--must", "lorra")
    expect("nearest known: lora" in err, err)


finish()
