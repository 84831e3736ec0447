#!/usr/bin/env python3
"""The version and overlay commands through the planner executable: --matrix
with each kind of file, diff, graph (DOT, SVG, --plan), --any-version and
versions, --assume and --overlay. Prints 'N passed, N failed'.

Usage: versions_test.py PLANNER SOURCE_ROOT"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from cases import case, expect, finish  # noqa: E402  (tests/cases.py)

PLANNER = sys.argv[1]
ROOT = sys.argv[2]
ENV = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}


def planner(*args, stdin=None, env=None):
    result = subprocess.run([PLANNER, *args], capture_output=True, timeout=120, env=env or ENV,
                            input=stdin.encode("utf-8") if stdin is not None else None)
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def planner_json(*args, stdin=None):
    code, out, err = planner(*args, "--json", stdin=stdin)
    return code, json.loads(out), err


def pair_is(cell, x, y):
    return cell["kind"] == "pair" and {cell["row"], cell["column"]} == {x, y}


# --- --matrix with each kind of file ------------------------------------------

@case
def matrix_file_of_each_kind_works_on_every_planning_command():
    files = [os.path.join(ROOT, "data", "vllm-0.6.json"),
             os.path.join(ROOT, "tests", "data", "sources", "compatibility_matrix-v0.6.rst"),
             os.path.join(ROOT, "tests", "data", "sources", "001_0c58d9781eb00f64.txt"),
             os.path.join(ROOT, "tests", "data", "sources", "000_c80e026caf167046.txt")]
    for path in files:
        for args in (["maximize", "--hw", "ampere"], ["check", "--hw", "ampere", "--have", "lora"],
                     ["repair", "--hw", "ampere", "--have", "lora,sd"], ["explain", "--hw", "ampere", "--must", "lora"],
                     ["enumerate", "--hw", "ampere", "--limit", "1"], ["graph", "--hw", "ampere"],
                     ["matrix", "show"], ["versions", "--hw", "ampere", "--must", "lora"]):
            code, out, err = planner(*args, "--matrix", path)
            expect(code in (0, 1), f"{args} --matrix {path}: exit {code}: {err}")
    _, a, _ = planner_json("matrix", "show", "--matrix", files[0])
    _, b, _ = planner_json("matrix", "show", "--matrix", files[1])
    expect(a["document"]["pairs"] == b["document"]["pairs"], "the JSON and its RST source differ")


# --- overlays -----------------------------------------------------------------

@case
def assume_makes_the_card_example_feasible_and_names_the_cell_as_assumed():
    code, document, err = planner_json("maximize", "--hw", "ampere", "--must", "lora,sd", "--assume", "lora:sd=partial")
    expect(code == 0 and document["status"] == "ok", f"exit {code}: {document}")
    expect("lora" in document["features"] and "sd" in document["features"], document["features"])
    risks = [c for c in document["risks"] if pair_is(c, "lora", "sd")]
    expect(len(risks) == 1, document["risks"])
    expect(risks[0]["value"] == "partial", risks[0])
    expect(risks[0]["overridden"]["published"] == "no", risks[0])
    expect(risks[0]["overridden"]["origin"] == "--assume lora:sd=partial", risks[0])
    code, out, err = planner("maximize", "--hw", "ampere", "--must", "lora,sd", "--assume", "lora:sd=partial")
    expect(code == 0, f"exit {code}")
    expect(re.search(r"(SD x LoRA|LoRA x SD) assumed partial \(published ❌ no\)", out), out)
    expect("assumed by --assume lora:sd=partial" in out, out)


@case
def an_overlay_file_carries_its_reason_into_every_answer():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "eagle.json")
        with open(path, "w") as f:
            f.write('{"schema": "planner-overlay/1",\n "cells": [\n'
                    '  {"a": "lora", "b": "sd", "value": "partial", "reason": "EAGLE drafts run with LoRA here",\n'
                    '   "link": "gh-pr:12345"}]}\n')
        for args in (["maximize", "--must", "lora,sd"], ["check", "--have", "lora,sd"]):
            code, out, err = planner(*args, "--hw", "ampere", "--overlay", path)
            expect(code == 0, f"{args}: exit {code}: {err}")
            expect(re.search(r"assumed partial \(published ❌ no\): EAGLE drafts run with LoRA here", out), out)
            expect("https://github.com/vllm-project/vllm/pull/12345" in out, out)
        code, out, err = planner("explain", "--hw", "ampere", "--must", "lora,sd,pooling", "--overlay", path)
        expect(code == 1 and "pooling" in out, out)
        code, document, _ = planner_json("check", "--hw", "ampere", "--have", "lora,sd", "--overlay", path)
        cell = [c for c in document["risks"] if pair_is(c, "lora", "sd")][0]
        expect(cell["overridden"] == {"published": "no", "reason": "EAGLE drafts run with LoRA here",
                                      "link": "https://github.com/vllm-project/vllm/pull/12345",
                                      "origin": path + ":3"}, cell)


@case
def check_shows_the_published_value_of_a_violated_assumed_cell():
    code, out, _ = planner("check", "--hw", "ampere", "--have", "lora,cp", "--assume", "lora:cp=no")
    expect(code == 1, f"exit {code}")
    expect(re.search(r"(LoRA x CP|CP x LoRA) assumed no \(published ✅ yes\)", out), out)


@case
def an_assumed_yes_is_listed_although_it_is_no_risk():
    code, document, _ = planner_json("check", "--hw", "cpu", "--have", "lora", "--matrix", "vllm-0.6",
                                     "--assume", "lora@cpu=yes")
    expect(code == 0, f"exit {code}")
    expect(document["risks"] == [], document["risks"])
    expect(len(document["assumed"]) == 1 and document["assumed"][0]["overridden"]["published"] == "no",
           document["assumed"])
    code, out, _ = planner("maximize", "--hw", "cpu", "--must", "lora", "--matrix", "vllm-0.6", "--assume", "lora@cpu=yes")
    expect(code == 0 and "assumed (1, overridden cells this plan relies on)" in out, out)
    expect("LoRA on CPU assumed yes (published ❌ no)" in out, out)


@case
def bad_assumptions_exit_2_naming_the_item():
    for item, words in (("lora:sdx=partial", "sdx"), ("lora:sd=maybe", "maybe"), ("lora=partial", "expected"),
                        ("lora:lora=no", "itself"), ("lora@tpu=yes", "tpu")):
        code, out, err = planner("maximize", "--hw", "ampere", "--assume", item)
        expect(code == 2, f"{item}: exit {code}")
        expect(f"--assume {item}" in err and words in err, f"{item}: {err}")
    code, document, err = planner_json("check", "--hw", "ampere", "--have", "lora", "--assume", "lora,sd=yes")
    expect(code == 2 and document["status"] == "error", document)


@case
def a_bad_overlay_file_exits_2_naming_file_and_line():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bad.json")
        with open(path, "w") as f:
            f.write('{"schema": "planner-overlay/1",\n "cells": [\n  {"a": "lora", "b": "sd", "value": "partial", "reasn": "x"}]}\n')
        code, _, err = planner("maximize", "--hw", "ampere", "--overlay", path)
        expect(code == 2 and f"{path}:3" in err and "reasn" in err, err)
        code, _, err = planner("maximize", "--hw", "ampere", "--overlay", os.path.join(tmp, "missing.json"))
        expect(code == 2 and "missing.json" in err, err)


# --- diff ---------------------------------------------------------------------

@case
def diff_lists_changed_cells_with_links_and_added_features():
    code, document, _ = planner_json("diff", "vllm-0.6-zh", "vllm-0.8-zh")
    expect(code == 0 and document["command"] == "diff", document)
    expect(document["old"] == "vllm-0.6-zh" and document["new"] == "vllm-0.8-zh", document)
    expect(document["features_added"] == ["pooling"] and document["features_removed"] == [], document)
    lora_cp = [c for c in document["cells"] if pair_is(c, "lora", "cp")]
    expect(len(lora_cp) == 1, document["cells"])
    expect(lora_cp[0]["old"] == {"value": "no", "links": ["https://github.com/vllm-project/vllm/pull/9057"], "marks": []},
           lora_cp[0])
    expect(lora_cp[0]["new"]["value"] == "yes", lora_cp[0])
    cpu = {c["row"] for c in document["cells"] if c["kind"] == "support" and c["column"] == "cpu"}
    expect({"cp", "apc", "lora"} <= cpu, cpu)
    code, out, _ = planner("diff", "vllm-0.6-zh", "vllm-0.8-zh")
    expect(code == 0 and "features added (1): pooling" in out, out)
    expect(re.search(r"LoRA x CP +❌ no -> ✅ yes\n +- https://github.com/vllm-project/vllm/pull/9057", out), out)
    code, document, _ = planner_json("diff", "vllm-0.6", os.path.join(ROOT, "data", "vllm-0.6.json"))
    expect(code == 0 and document["identical"] is True, document)
    code, _, err = planner("diff", "vllm-0.6", "nope")
    expect(code == 2 and "nope" in err, err)


# --- graph --------------------------------------------------------------------

@case
def graph_dot_is_deterministic_and_renders_with_graphviz():
    first = planner("graph", "--hw", "ampere")
    second = planner("graph", "--hw", "a100")
    expect(first[0] == 0 and first == second, "graph output differs between runs")
    expect(first[1].startswith("graph ") and '"lora" -- "sd"' in first[1] or '"sd" -- "lora"' in first[1], first[1][:300])
    if shutil.which("dot"):
        svg = subprocess.run(["dot", "-Tsvg"], input=first[1].encode(), capture_output=True)
        expect(svg.returncode == 0 and b"<svg" in svg.stdout, svg.stderr)
        code, out, _ = planner("graph", "--hw", "ampere", "--format", "svg")
        expect(code == 0 and "<svg" in out and out.rstrip().endswith("</svg>"), out[:200])


@case
def graph_svg_without_graphviz_is_a_clear_error():
    env = dict(ENV, PATH="/nonexistent")
    code, out, err = planner("graph", "--hw", "ampere", "--format", "svg", env=env)
    expect(code == 2 and out == "" and "dot" in err and "not installed" in err, err)
    code, _, err = planner("graph", "--hw", "ampere", "--format", "png")
    expect(code == 2 and "png" in err, err)


@case
def graph_highlights_a_plan_from_maximize_json():
    _, plan_text, _ = planner("maximize", "--hw", "ampere", "--must", "lora", "--json")
    code, out, err = planner("graph", "--hw", "ampere", "--plan", "-", stdin=plan_text)
    expect(code == 0, err)
    plan = json.loads(plan_text)
    filled = set(re.findall(r'^  "([a-z-]+)" \[[^\n]*fillcolor', out, re.M))
    expect(filled == set(plan["features"]), f"{filled} vs {plan['features']}")
    code, _, err = planner("graph", "--hw", "cpu", "--plan", "-", stdin=plan_text)
    expect(code == 2 and "ampere" in err, err)
    code, _, err = planner("graph", "--hw", "ampere", "--plan", "-", stdin="{}")
    expect(code == 2 and "planner-result/1" in err, err)


@case
def graph_draws_a_plan_on_the_page_state_it_was_made_on():
    # vllm-docs-2024-12-23 shares the matrix of vllm-docs-2024-11-26 and has no JSON file of its own.
    _, plan_text, _ = planner("maximize", "--hw", "cpu", "--matrix", "vllm-docs-2024-12-23", "--json")
    plan = json.loads(plan_text)
    expect(plan["matrix"] == "vllm-docs-2024-12-23", plan["matrix"])
    code, out, err = planner("graph", "--hw", "cpu", "--plan", "-", stdin=plan_text)
    expect(code == 0 and "vllm-docs-2024-12-23" in out, (code, err))
    filled = set(re.findall(r'^  "([a-z-]+)" \[[^\n]*fillcolor', out, re.M))
    expect(filled == set(plan["features"]), f"{filled} vs {plan['features']}")


# --- versions and --any-version --------------------------------------------------

@case
def versions_lora_cp_on_cpu_only_in_the_newest():
    code, document, _ = planner_json("versions", "--hw", "cpu", "--must", "lora,cp")
    expect(code == 0 and document["allowing"] == ["vllm-0.8-zh"], document.get("allowing"))
    by_id = {v["matrix"]: v for v in document["versions"]}
    expect(not by_id["vllm-0.6"]["allows"] and by_id["vllm-0.8-zh"]["allows"], by_id.keys())
    cells = [c for conflict in by_id["vllm-0.6"]["result"]["conflicts"] for c in conflict["cells"]]
    expect(any(pair_is(c, "lora", "cp") and c["links"] == ["https://github.com/vllm-project/vllm/pull/9057"]
               for c in cells), cells)
    expect({"lora", "cp"} <= set(by_id["vllm-0.8-zh"]["result"]["features"]), by_id["vllm-0.8-zh"])
    code, out, _ = planner("maximize", "--hw", "cpu", "--must", "lora,cp", "--any-version")
    expect(code == 0 and "allowed by 1 of 3 versions: vllm-0.8-zh" in out, out)
    expect(re.search(r"LoRA x CP ❌ no", out), out)


@case
def any_version_on_the_given_matrices_and_other_commands():
    code, document, _ = planner_json("versions", "--hw", "cpu", "--must", "lora,cp",
                                     "--matrix", "vllm-0.6", "--matrix", "vllm-0.6-zh")
    expect(code == 1 and document["status"] == "infeasible" and document["allowing"] == [], document)
    expect([v["matrix"] for v in document["versions"]] == ["vllm-0.6", "vllm-0.6-zh"], document)
    code, document, _ = planner_json("check", "--hw", "cpu", "--have", "lora,cp", "--any-version")
    expect(code == 0 and document["allowing"] == ["vllm-0.8-zh"], document)
    code, document, _ = planner_json("explain", "--hw", "ampere", "--must", "lora,sd", "--any-version")
    expect(code == 1 and document["allowing"] == [], document)
    code, document, _ = planner_json("repair", "--hw", "cpu", "--have", "lora,cp", "--any-version")
    expect(code == 0 and "vllm-0.8-zh" in document["allowing"], document)
    code, _, err = planner("maximize", "--hw", "cpu", "--matrix", "vllm-0.6", "--matrix", "vllm-0.8-zh")
    expect(code == 2 and "--any-version" in err, err)
    code, _, err = planner("enumerate", "--hw", "cpu", "--any-version")
    expect(code == 2 and "enumerate" in err, err)
    code, document, _ = planner_json("versions", "--hw", "ampere", "--must", "lora,sd", "--assume", "lora:sd=partial")
    expect(code == 0 and len(document["allowing"]) == 3, document["allowing"])


def gaudi_document(directory, name="gaudi.md"):
    """mkdocs-tpu.md with its TPU column relabelled Gaudi (a new id, said in a note); no version in its name."""
    text = open(os.path.join(ROOT, "tests", "data", "docs", "mkdocs-tpu.md"), encoding="utf-8").read()
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as out:
        out.write(text.replace("| AMD | TPU |", "| AMD | Gaudi |", 1))
    return path


@case
def versions_carry_the_notes_of_a_document_read_on_the_fly_in_text_and_json():
    with tempfile.TemporaryDirectory() as directory:
        gaudi = gaudi_document(directory)
        note = "gaudi.md:38: hardware column 'Gaudi' is not in the catalog; it is read as the new hardware id gaudi"
        for args in (["versions"], ["maximize", "--any-version"]):
            code, document, err = planner_json(*args, "--matrix", gaudi, "--matrix", "vllm-0.8-zh", "--hw", "cpu")
            expect(code == 0 and document["notes"][0].startswith(note), (args, document.get("notes")))
            expect(note not in err, err)  # in the answer, not beside it
            code, out, _ = planner(*args, "--matrix", gaudi, "--hw", "cpu")
            expect(code == 0 and out.splitlines()[1].startswith("note: " + note), out)


@case
def two_documents_with_the_same_derived_id_are_refused_saying_how_to_tell_them_apart():
    with tempfile.TemporaryDirectory() as directory:
        first, second = gaudi_document(directory, "a.md"), gaudi_document(directory, "b.md")
        code, _, err = planner("versions", "--matrix", first, "--matrix", second, "--hw", "cpu")
        expect(code == 2 and f"--matrix: {first} and {second} both have the matrix id imported" in err, err)
        expect("planner import DOC --id ID -o FILE" in err, err)
        code, _, err = planner("versions", "--matrix", "vllm-0.6", "--matrix", "vllm-0.6", "--hw", "cpu")
        expect(code == 2 and "--matrix: version vllm-0.6 is given twice" in err, err)


@case
def a_version_not_decided_in_time_is_neither_allowed_nor_refused():
    # Under a small --timeout-ms a version may go undecided; the answer names
    # it and never says that no version allows the request.
    for argv in (["versions", "--hw", "cpu", "--must", "lora,cp"],
                 ["maximize", "--hw", "cpu", "--must", "lora,cp", "--any-version"],
                 ["explain", "--hw", "cpu", "--must", "lora,cp", "--any-version"],
                 ["repair", "--hw", "cpu", "--have", "lora,cp", "--any-version"]):
        _, full, _ = planner_json(*argv)
        allowed = set(full["allowing"])
        expect(allowed, (argv, full["allowing"]))
        for limit in ("1", "2", "3", "5", "8", "12", "20"):
            code, out, _ = planner(*argv, "--timeout-ms", limit)
            expect("no version allows" not in out, (argv, limit, out))
            code, document, _ = planner_json(*argv, "--timeout-ms", limit)
            undecided = set(document["undecided"])
            expect(set(document["allowing"]) <= allowed, (argv, limit, document["allowing"]))
            for version in document["versions"]:
                expect(version["decided"] == (version["matrix"] not in undecided), (argv, limit, version))
                if version["decided"]:
                    expect(version["allows"] == (version["matrix"] in allowed), (argv, limit, version))
                else:
                    expect(not version["allows"] and version["result"]["status"] == "timeout", (argv, limit, version))
            # (the text is a run of its own: its undecided versions are its own)
            shown = re.findall(r"^(\S+): not decided before the time limit$", out, re.M)
            expect(not shown or "not decided before the time limit: " + ", ".join(shown) + "\n" in out,
                   (argv, limit, out))
            expect((code == 0) == bool(document["allowing"]) and (code == 3) == (not document["allowing"]),
                   (argv, limit, code, document["status"]))
    # Every version refuses: under a limit, undecided ones are not counted as refused.
    for limit in ("1", "3", "10"):
        code, document, _ = planner_json("explain", "--hw", "ampere", "--must", "lora,sd", "--any-version",
                                         "--timeout-ms", limit)
        expect(document["allowing"] == [] and code == (3 if document["undecided"] else 1), (limit, code, document))


@case
def every_new_command_repeats_its_bytes():
    for args in (["diff", "vllm-0.6", "vllm-0.8-zh"], ["versions", "--hw", "cpu", "--must", "lora,cp"],
                 ["graph", "--hw", "ampere", "--assume", "lora:sd=partial"]):
        expect(planner(*args) == planner(*args), args)
        expect(planner(*args, "--json") == planner(*args, "--json"), args)


finish()
