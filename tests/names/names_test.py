#!/usr/bin/env python3
"""Names users have, through the executable: the product names the drivers
print, typed by hand; a family name that says which product it assumed;
Blackwell, which no published matrix has a column for (every cell unknown by
default, or --hw-as to borrow one); suggestions only when close, and of the
name's own generation; vLLM's engine-flag spellings as feature names.

Usage: names_test.py PLANNER   Prints 'N passed, N failed'."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from cases import case, expect, finish, named_case  # noqa: E402  (tests/cases.py)

PLANNER = os.path.abspath(sys.argv[1])


def planner(*args, stdin=None):
    result = subprocess.run([PLANNER, *args], capture_output=True, text=True, timeout=60, input=stdin)
    return result.returncode, result.stdout, result.stderr


def planner_json(*args):
    code, out, err = planner(*args, "--json")
    return code, json.loads(out), err


TYPED = {"Tesla T4": "turing", "NVIDIA L4": "ada", "NVIDIA A100-SXM4-80GB": "ampere",
         "NVIDIA H100 80GB HBM3": "hopper", "a100-80gb": "ampere", "a100-40gb": "ampere", "h100-sxm": "hopper",
         "h100-pcie": "hopper", "rtx-3060": "ampere", "a5000": "ampere", "l20": "ada", "titan-rtx": "turing",
         "MI210": "amd", "MI250X": "amd", "MI300X": "amd", "MI325X": "amd", "AMD Instinct MI300X": "amd",
         "B200": "blackwell", "GB200": "blackwell", "B100": "blackwell", "RTX 5090": "blackwell",
         "rtx-5080": "blackwell", "RTX PRO 6000": "blackwell", "sm100": "blackwell", "sm120": "blackwell"}

for typed, hardware in TYPED.items():
    @named_case(f"driver_name_{typed}")
    def resolves(typed=typed, hardware=hardware):
        code, document, err = planner_json("check", "--hw", typed, "--have", "cp")
        expect(code == 0 and document["hardware"] == hardware, (typed, code, document.get("error"), err))


@case
def a_family_name_says_which_product_it_assumed():
    code, document, _ = planner_json("check", "--hw", "a100", "--have", "cp")
    expect(code == 0 and document["hardware"] == "ampere", document)
    expect(any("a100 = a100-80gb" in n and "a100-40gb for the other" in n for n in document.get("notes", [])),
           document.get("notes"))
    code, out, _ = planner("check", "--hw", "a100", "--have", "cp")
    expect(code == 0 and "note: a100 = a100-80gb" in out.splitlines()[1], out)
    code, document, _ = planner_json("check", "--hw", "a100-40gb", "--have", "cp")
    expect("notes" not in document, document.get("notes"))


@case
def hardware_lists_products_with_memory_and_capability():
    code, out, _ = planner("hardware")
    line = next((l for l in out.splitlines() if l.split()[:1] == ["l4"]), "")
    expect(code == 0 and "22.5 GiB" in line and "8.9" in line and "NVIDIA L4" in line, line or out[:500])
    code, document, _ = planner_json("hardware")
    hopper = next(h for h in document["hardware"] if h["id"] == "hopper")
    h100 = next(p for p in hopper["products"] if p["id"] == "h100-sxm")
    expect(h100["capability"] == "9.0" and abs(h100["memory_gib"] - 81559 / 1024) < 0.01, h100)
    expect(h100["memory_source"] and h100["capability_source"], h100)


@case
def blackwell_plans_with_every_cell_unknown_and_says_so():
    code, document, err = planner_json("maximize", "--hw", "b200")
    expect(code == 0 and document["status"] == "ok" and document["hardware"] == "blackwell", (code, document, err))
    notes = " ".join(document.get("notes", []))
    expect("no compatibility matrix vLLM has published has a blackwell column" in notes, notes)
    expect("--hw-as hopper" in notes and "h200" not in notes, notes)
    on_blackwell = {r["row"] for r in document["risks"] if r["column"] == "blackwell"}
    expect(on_blackwell == set(document["features"]), (on_blackwell, document["features"]))
    expect(all(r["value"] == "unknown" for r in document["risks"] if r["column"] == "blackwell"), document["risks"])
    code, out, _ = planner("maximize", "--hw", "b200")
    expect("note: no compatibility matrix" in out and "did you mean" not in out, out[:600])


@case
def strict_refuses_every_blackwell_cell():
    code, document, _ = planner_json("maximize", "--hw", "b200", "--strict")
    expect(code == 0 and document["features"] == [], document["features"])
    code, document, _ = planner_json("maximize", "--hw", "b200", "--strict", "--must", "lora")
    expect(code == 1 and document["status"] == "infeasible", (code, document["status"]))


@case
def hw_as_borrows_a_column_and_lists_its_cells_as_assumed():
    code, borrowed, _ = planner_json("maximize", "--hw", "b200", "--hw-as", "hopper")
    code_hopper, hopper, _ = planner_json("maximize", "--hw", "hopper")
    expect(code == 0 and code_hopper == 0 and borrowed["features"] == hopper["features"], (borrowed, hopper))
    expect(borrowed["hardware"] == "blackwell", borrowed["hardware"])
    expect(any("borrows the hopper column" in n for n in borrowed["notes"]), borrowed["notes"])
    assumed = [c for c in borrowed.get("assumed", []) if c["column"] == "blackwell"]
    expect(assumed and all(c["overridden"]["origin"] == "--hw-as hopper" for c in assumed), borrowed.get("assumed"))


@case
def batch_takes_hw_as_like_the_flag():
    line = json.dumps({"id": 1, "cmd": "maximize", "hw": "rtx-5090", "hw_as": "ada"}) + "\n"
    code, out, err = planner("batch", stdin=line)
    answer = json.loads(out)
    code_flag, flag, _ = planner_json("maximize", "--hw", "rtx-5090", "--hw-as", "ada")
    expect(code == 0 and answer["features"] == flag["features"] and answer["notes"] == flag["notes"], (answer, err))


@case
def every_blackwell_name_gives_the_same_answer_byte_for_byte():
    first = planner("maximize", "--hw", "b200", "--json")
    second = planner("maximize", "--hw", "sm100", "--json")
    expect(first == second, "b200 and sm100 are the same class")


@case
def suggestions_only_when_close():
    code, _, err = planner("maximize", "--hw", "ampere", "--must", "whisper")
    expect(code == 2 and "no close match" in err and "nearest known" not in err, err)
    code, _, err = planner("maximize", "--hw", "ampere", "--must", "lorra")
    expect(code == 2 and "nearest known: lora" in err, err)


@case
def a_product_shaped_name_gets_its_own_generation_only():
    code, _, err = planner("maximize", "--hw", "h300")
    expect(code == 2 and "Hopper-generation product? known: h100, h200" in err, err)
    expect("a100" not in err and "v100" not in err, err)


@case
def vllm_flag_spellings_are_feature_names():
    code, document, err = planner_json("maximize", "--hw", "ampere",
                                       "--must=--enable-prefix-caching,enable-chunked-prefill,enable-lora")
    expect(code == 0 and {"apc", "cp", "lora"} <= set(document["features"]), (code, document.get("error"), err))
    code, document, _ = planner_json("maximize", "--hw", "ampere", "--must", "speculative-config")
    expect(code == 0 and "sd" in document["features"], document.get("features"))


@case
def enforce_eager_is_the_negation_of_cuda_graph():
    code, document, _ = planner_json("maximize", "--hw", "ampere", "--must", "enforce-eager")
    never = [o["feature"] for o in document["off"] if o["reason"] == "never"]
    expect(code == 0 and "cuda-graph" not in document["features"] and never == ["cuda-graph"], document)
    code, document, _ = planner_json("maximize", "--hw", "ampere", "--never", "enforce-eager")
    expect(code == 0 and "cuda-graph" in document["features"], document["features"])
    code, document, _ = planner_json("check", "--hw", "ampere", "--have", "lora,enforce-eager")
    expect(code == 0 and document["features"] == ["lora"], document["features"])
    code, _, err = planner("maximize", "--hw", "ampere", "--weight", "enforce-eager=3")
    expect(code == 2 and "turns cuda-graph off" in err, err)


finish()
