#!/usr/bin/env python3
"""Ids the catalog lacks, through the planner executable: a shipped upstream
state with a Gaudi hardware column and a new feature row added (made at test
time in a temporary directory; the state itself stays in ../shared), imported
with its notes, planned with --hw gaudi and refused under --strict-labels; and
a 400-feature synthetic planner-matrix JSON planned over by maximize, check
and explain, with every answer re-checked. Prints 'N passed, N failed'.

Usage: vocabulary_test.py PLANNER SOURCE_ROOT"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from cases import case, expect, finish  # noqa: E402  (tests/cases.py)

PLANNER = sys.argv[1]
ROOT = sys.argv[2]
# The newest upstream state of vLLM's page, kept beside the project.
STATE = os.path.join(ROOT, "..", "shared", "upstream", "history", "2026-05-01-14043dfe.md")
WORK = tempfile.mkdtemp(prefix="planner-vocabulary-")


def planner(*args):
    result = subprocess.run([PLANNER, *args], capture_output=True, timeout=300)
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def planner_json(*args):
    code, out, err = planner(*args, "--json")
    return code, json.loads(out), err


def gaudi_document():
    """The state with a Gaudi column (no on SD and CUDA graph rows, yes elsewhere)
    and a 'KV offload' row in the Feature x Hardware table; returns its path and
    the lines of the new column header and the new row."""
    with open(STATE, encoding="utf-8") as source:
        lines = source.read().split("\n")
    header = next(i for i, line in enumerate(lines) if line.startswith("| Feature | Volta"))
    lines[header] += " Gaudi |"
    lines[header + 1] += " ----- |"
    row = header + 2
    while row < len(lines) and lines[row].startswith("| "):
        says_no = lines[row].startswith("| CUDA graph") or lines[row].startswith("| [SD]")
        lines[row] += " ❌ |" if says_no else " ✅ |"
        row += 1
    width = lines[header].count("|") - 2
    lines.insert(row, "| KV offload |" + " ✅ |" * (width - 1) + " ❌ |")
    path = os.path.join(WORK, "gaudi.md")
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines))
    return path, header + 1, row + 1


@case
def the_shipped_state_is_there_to_build_on():
    expect(os.path.isfile(STATE), f"{STATE} is missing: the test builds its document from it")


DOC, HEADER_LINE, ROW_LINE = gaudi_document()


@case
def import_makes_new_ids_and_says_so_with_file_and_line():
    out = os.path.join(WORK, "gaudi.json")
    code, _, err = planner("import", DOC, "-o", out)
    expect(code == 0, f"exit {code}: {err}")
    expect(f"gaudi.md:{HEADER_LINE}: hardware column 'Gaudi' is not in the catalog; it is read as the new "
           f"hardware id gaudi, shown as 'Gaudi'" in err, err)
    expect(f"gaudi.md:{ROW_LINE}: feature row 'KV offload' is not in the catalog; it is read as the new feature "
           f"id kv-offload, shown as 'KV offload'" in err, err)
    with open(out, encoding="utf-8") as written:
        matrix = json.load(written)
    expect(matrix["hardware"][-1] == "gaudi", matrix["hardware"])
    expect("kv-offload" in matrix["features"], matrix["features"])
    expect(matrix["hardware_names"] == {"gaudi": "Gaudi"}, matrix.get("hardware_names"))
    expect(matrix["feature_names"] == {"kv-offload": "KV offload"}, matrix.get("feature_names"))
    # The summary of import --json carries the same notes.
    code, summary, _ = planner_json("import", DOC, "-o", os.path.join(WORK, "again.json"))
    expect(code == 0 and any("hardware column 'Gaudi'" in note for note in summary["notes"]), summary)


@case
def maximize_plans_for_the_new_column_from_the_document_and_from_its_json():
    for matrix in (DOC, os.path.join(WORK, "gaudi.json")):
        code, answer, err = planner_json("maximize", "--matrix", matrix, "--hw", "gaudi")
        expect(code == 0 and answer["status"] == "ok", f"{matrix}: exit {code}: {err}")
        expect(answer["hardware"] == "gaudi", answer["hardware"])
        on = answer["features"]
        expect("sd" not in on and "cuda-graph" not in on, f"gaudi says no to sd and cuda-graph: {on}")
        expect("kv-offload" not in on, "KV offload is no on Gaudi")
        if matrix == DOC:
            expect(any("hardware column 'Gaudi'" in note for note in answer["notes"]), answer["notes"])
        # The plan is re-checked by the Z3-free check.
        code, checked, err = planner_json("check", "--matrix", matrix, "--hw", "Gaudi", "--have", ",".join(on))
        expect(code == 0 and checked["status"] == "ok", f"check of the plan: exit {code}: {err}")
    # The display name names it too, and on ampere the new feature is planned.
    code, answer, err = planner_json("maximize", "--matrix", DOC, "--hw", "ampere", "--must", "KV offload")
    expect(code == 0 and "kv-offload" in answer["features"], f"exit {code}: {err}")


@case
def text_answers_cite_new_ids_by_the_names_the_document_gives_them():
    # From the document and from its JSON, which carries the names as feature_names and hardware_names.
    for matrix in (DOC, os.path.join(WORK, "gaudi.json")):
        code, out, err = planner("explain", "--matrix", matrix, "--hw", "gaudi", "--must", "kv-offload")
        expect(code == 1 and "[KV offload on Gaudi ❌ no]" in out, f"{matrix}: exit {code}: {out}{err}")
        code, out, err = planner("matrix", "show", "--matrix", matrix, "--hw", "gaudi")
        expect(code == 0 and "\nKV offload " in out and "Gaudi" in out, f"{matrix}: exit {code}: {err}")
    code, out, err = planner("graph", "--matrix", DOC, "--hw", "gaudi")
    expect(code == 0 and 'tooltip="KV offload\\ngaudi: no"' in out, f"exit {code}: {err}")
    code, out, err = planner("diff", STATE, DOC)
    expect(code == 0 and "features added (1): kv-offload" in out, f"exit {code}: {out}{err}")


@case
def a_mistyped_new_id_is_offered_from_the_matrix():
    code, _, err = planner("maximize", "--matrix", DOC, "--hw", "gaudl")
    expect(code == 2 and "unknown hardware 'gaudl'; nearest known: gaudi" in err, f"exit {code}: {err}")
    code, _, err = planner("maximize", "--matrix", DOC, "--hw", "ampere", "--must", "kv-ofload")
    expect(code == 2 and "nearest known: kv-offload" in err, f"exit {code}: {err}")


@case
def strict_labels_refuse_the_document_on_import_and_through_matrix():
    for args in (["import", DOC, "--strict-labels"],
                 ["maximize", "--matrix", DOC, "--hw", "ampere", "--strict-labels"]):
        code, out, err = planner(*args)
        expect(code == 2, f"{args}: exit {code}")
        expect(out == "", f"{args}: stdout {out!r}")
        expect(f"gaudi.md:{HEADER_LINE}: hardware column 'Gaudi' is not in the catalog; --strict-labels refuses "
               "labels the catalog lacks: add it to data/catalog.json" in err, err)


@case
def listings_show_the_ids_the_catalog_lacks_with_their_display_names():
    code, out, err = planner("hardware", "--matrix", DOC)
    expect(code == 0, f"exit {code}: {err}")
    expect(out.endswith("1 more hardware class of matrix imported, which the catalog lacks:\n* gaudi  Gaudi\n"),
           out[-200:])
    code, out, err = planner("features", "--matrix", DOC)
    expect(code == 0 and out.endswith("1 more feature of matrix imported, which the catalog lacks:\n"
                                      "* kv-offload  KV offload\n"), out[-200:])
    # The JSON lists them too, after the catalog's entries, marked as not in the catalog.
    code, listed, err = planner_json("features", "--matrix", DOC)
    expect(code == 0, f"exit {code}: {err}")
    expect(listed["features"][-1] == {"id": "kv-offload", "name": "KV offload", "labels": ["KV offload"],
                                      "aliases": [], "description": "", "in_matrix": True, "in_catalog": False},
           listed["features"][-1])
    expect(all(entry["in_catalog"] for entry in listed["features"][:-1]), "a catalog entry marked as not in it")
    code, listed, err = planner_json("hardware", "--matrix", DOC)
    gaudi = [entry for entry in listed["hardware"] if entry["id"] == "gaudi"]
    expect(code == 0 and len(gaudi) == 1 and not gaudi[0]["in_catalog"] and gaudi[0]["name"] == "Gaudi"
           and gaudi[0]["in_matrix"] and gaudi[0]["products"] == [], gaudi)
    # A matrix without such ids lists what it always listed.
    code, out, _ = planner("hardware")
    expect(code == 0 and "which the catalog lacks" not in out, out[-200:])


def synthetic_matrix(path, features=400):
    """f000..f399 on ampere and gaudi: three conflicting pairs, two unknown
    pairs, every 50th feature from f007 on unsupported on gaudi."""
    names = [f"f{i:03d}" for i in range(features)]
    no = {(1, 0), (3, 2), (5, 4)}
    unknown = {(201, 200), (301, 17)}
    pairs = [{"a": names[i], "b": names[j],
              "value": "no" if (i, j) in no else "unknown" if (i, j) in unknown else "yes",
              "links": [], "marks": []}
             for i in range(features) for j in range(i)]
    support = [{"feature": name, "hardware": hw, "value": "no" if hw == "gaudi" and i % 50 == 7 else "yes",
                "links": [], "marks": []}
               for i, name in enumerate(names) for hw in ("ampere", "gaudi")]
    document = {"schema": "planner-matrix/1", "id": "synthetic-400", "source": "", "sha256": "",
                "features": names, "hardware": ["ampere", "gaudi"],
                "diagonal": {name: "blank" for name in names}, "pairs": pairs, "support": support,
                "footnotes": {}}
    with open(path, "w", encoding="utf-8") as out:
        json.dump(document, out)
    return names


@case
def a_400_feature_matrix_is_planned_over_by_maximize_check_and_explain():
    path = os.path.join(WORK, "synthetic-400.json")
    names = synthetic_matrix(path)
    code, answer, err = planner_json("maximize", "--matrix", path, "--hw", "gaudi", "--timeout-ms", "120000")
    expect(code == 0 and answer["status"] == "ok", f"exit {code}: {err}")
    on = set(answer["features"])
    # One of each conflicting pair, none of the eight unsupported, all the rest.
    expect(len(on) == 400 - 3 - 8, len(on))
    expect(not any(f"f{i:03d}" in on for i in range(7, 400, 50)), "an unsupported feature is on")
    expect(all(len(on & {names[a], names[b]}) == 1 for a, b in ((1, 0), (3, 2), (5, 4))), "a conflict broken")
    # Re-checked without Z3.
    code, checked, err = planner_json("check", "--matrix", path, "--hw", "gaudi", "--have", ",".join(sorted(on)))
    expect(code == 0 and checked["status"] == "ok", f"check of the plan: exit {code}: {err}")
    # A conflicting request is explained by its cell.
    code, explained, err = planner_json("explain", "--matrix", path, "--hw", "gaudi", "--must", "f000,f001")
    expect(code == 1 and explained["status"] == "infeasible", f"explain: exit {code}: {err}")
    cells = [cell for conflict in explained["conflicts"] for cell in conflict.get("cells", [])]
    expect(any({cell.get("row"), cell.get("column")} == {"f000", "f001"} for cell in cells), explained["conflicts"])
    code, checked, _ = planner_json("check", "--matrix", path, "--hw", "gaudi", "--have", "f000,f001")
    expect(code == 1 and checked["status"] == "invalid", f"check of f000,f001: exit {code}")


try:
    finish()
finally:
    shutil.rmtree(WORK, ignore_errors=True)
