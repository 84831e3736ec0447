#!/usr/bin/env python3
"""--rules and --set through the planner executable: a rules file with one
rule of each kind (forbid, if/then over an enumeration, if/then over an
integer, override, permit) changes maximize, repair, check, explain and
enumerate as it says, cites each rule's source in text and JSON, and batch
answers as the command line does. Prints 'N passed, N failed'.

Usage: rules_test.py PLANNER SOURCE_ROOT"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from cases import case, expect, finish  # noqa: E402  (tests/cases.py)

PLANNER = sys.argv[1]
ROOT = sys.argv[2]
RULES = os.path.join(ROOT, "tests", "data", "rules", "every-kind.json")
EXAMPLE = os.path.join(ROOT, "examples", "vllm-rules.json")
BASE = ["--matrix", "vllm-0.6"]
ENV = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
ENV["NO_COLOR"] = "1"


def planner(*args, stdin=None):
    result = subprocess.run([PLANNER, *args], capture_output=True, timeout=120, env=ENV,
                            input=stdin.encode("utf-8") if stdin is not None else None)
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def planner_json(*args):
    code, out, err = planner(*args, "--json")
    return code, json.loads(out) if out else None, err


def ids(rules):
    return [rule["id"] for rule in rules]


@case
def forbid_rule_changes_maximize_and_names_its_source():
    _, plain, _ = planner_json("maximize", "--hw", "ampere", *BASE)
    expect({"apc", "guided-decoding"} <= set(plain["features"]), f"the matrix alone allows both: {plain['features']}")
    code, ruled, _ = planner_json("maximize", "--hw", "ampere", *BASE, "--rules", RULES)
    expect(code == 0, f"exit {code}")
    expect(not {"apc", "guided-decoding"} <= set(ruled["features"]), f"the rule keeps them apart: {ruled['features']}")
    off = [o for o in ruled["off"] if o["reason"] == "rule"]
    expect(off and ids(off[0]["rules"]) == ["apc-guided"], f"off reason cites the rule: {ruled['off']}")
    expect(off[0]["rules"][0]["source"]["url"] == "https://example.org/forbid", "with its source")
    expect(ruled["values"] == {"sd_method": "ngram", "quantization": "none", "pipeline_parallel_size": "1"},
           f"defaults kept: {ruled['values']}")
    expect(ruled["criteria"][-1].startswith("declared variables"), f"named criterion: {ruled['criteria']}")
    _, text, _ = planner("maximize", "--hw", "ampere", *BASE, "--rules", RULES)
    expect("rule apc-guided (error, " in text and "https://example.org/forbid" in text, text)
    expect("variables (3): sd_method=ngram, quantization=none, pipeline_parallel_size=1" in text, text)


@case
def if_then_over_an_enumeration_and_an_integer_follow_set():
    code, plain, _ = planner_json("maximize", "--hw", "ampere", *BASE, "--rules", RULES, "--must", "lora")
    expect(code == 0 and "lora" in plain["features"], plain["features"])
    code, awq, _ = planner_json("explain", "--hw", "ampere", *BASE, "--rules", RULES, "--must", "lora",
                                "--set", "quantization=awq")
    expect(code == 1, f"awq turns lora off: exit {code}")
    conflict = awq["conflicts"][0]
    expect(ids(conflict["rules"]) == ["awq-no-lora"] and "set quantization=awq" in conflict["requirements"], conflict)
    _, pp0, _ = planner_json("maximize", "--hw", "ampere", *BASE, "--rules", RULES)
    expect("prompt-adapter" in pp0["features"], pp0["features"])
    _, pp, _ = planner_json("maximize", "--hw", "ampere", *BASE, "--rules", RULES,
                            "--set", "pipeline_parallel_size=2")
    expect("prompt-adapter" not in pp["features"], f"pp=2 turns prompt-adapter off: {pp['features']}")
    expect(pp["values"]["pipeline_parallel_size"] == "2", pp["values"])
    reason = [o for o in pp["off"] if o["feature"] == "prompt-adapter"][0]
    expect(reason["reason"] == "rule" and ids(reason["rules"]) == ["pp-no-prompt-adapter"], reason)


@case
def permit_lifts_a_published_no_and_says_the_table_disagrees():
    code, plain, _ = planner_json("maximize", "--hw", "ampere", *BASE, "--must", "lora,sd")
    expect(code == 1 and plain["status"] == "infeasible", f"the matrix says lora x sd = no: {code}")
    code, ruled, _ = planner_json("maximize", "--hw", "ampere", *BASE, "--must", "lora,sd", "--rules", RULES)
    expect(code == 0, f"the permit lifts it: exit {code}")
    expect(ruled["values"]["sd_method"] == "eagle", f"under its condition: {ruled['values']}")
    expect(ids(ruled["permits"]) == ["lora-sd-eagle"], ruled["permits"])
    permit = ruled["permits"][0]
    expect(permit["unverified"] is True and permit["cell"]["value"] == "no", permit)
    _, text, _ = planner("maximize", "--hw", "ampere", *BASE, "--must", "lora,sd", "--rules", RULES)
    expect("the published table disagrees" in text and "UNVERIFIED" in text, text)
    expect("sd_method=eagle (not the default)" in text, text)
    # Fixed to the other method, the cell holds again, and the conflict names the --set.
    code, fixed, _ = planner_json("explain", "--hw", "ampere", *BASE, "--must", "lora,sd", "--rules", RULES,
                                  "--set", "sd_method=ngram")
    expect(code == 1, f"exit {code}")
    expect(any("set sd_method=ngram" in c["requirements"] for c in fixed["conflicts"]), fixed["conflicts"])


@case
def override_holds_in_every_plan_and_check_lists_it():
    _, ruled, _ = planner_json("maximize", "--hw", "cpu", *BASE, "--rules", RULES)
    expect("sd" not in ruled["features"], f"vLLM turns it off on cpu: {ruled['features']}")
    expect(ids(ruled["overrides"]) == ["cpu-no-sd"], ruled["overrides"])
    code, checked, _ = planner_json("check", "--hw", "cpu", *BASE, "--rules", RULES, "--have", "sd")
    expect(code == 0 and checked["status"] == "ok", f"an override is no error: {code}")
    expect(ids(checked["overrides"]) == ["cpu-no-sd"], checked)
    expect(checked["overrides"][0]["source"]["quote"] == "speculative decoding is disabled on CPU", checked)
    _, text, _ = planner("check", "--hw", "cpu", *BASE, "--rules", RULES, "--have", "sd")
    expect("overrides (1" in text and "https://example.org/override" in text, text)
    code, explained, _ = planner_json("explain", "--hw", "cpu", *BASE, "--rules", RULES, "--must", "sd")
    expect(code == 1, f"a --must the override turns off is infeasible: {code}")
    expect(ids(explained["conflicts"][0]["rules"]) == ["cpu-no-sd"], explained["conflicts"])
    _, text, _ = planner("explain", "--hw", "cpu", *BASE, "--rules", RULES, "--must", "sd")
    expect("vLLM changes the setting: if hw=cpu then !sd" in text and "rule cpu-no-sd" in text, text)


@case
def check_refuses_what_an_error_rule_refuses():
    code, checked, _ = planner_json("check", "--hw", "ampere", *BASE, "--rules", RULES, "--have", "apc,guided-decoding")
    expect(code == 1 and ids(checked["rule_violations"]) == ["apc-guided"], checked)
    _, text, _ = planner("check", "--hw", "ampere", *BASE, "--rules", RULES, "--have", "apc,guided-decoding")
    expect("rules broken (1)" in text and "vLLM refuses: forbid apc, guided-decoding" in text, text)
    code, _, _ = planner_json("check", "--hw", "ampere", *BASE, "--have", "apc,guided-decoding")
    expect(code == 0, "valid without the rules")


@case
def repair_and_enumerate_follow_the_rules():
    code, repaired, _ = planner_json("repair", "--hw", "ampere", *BASE, "--rules", RULES, "--have", "apc,guided-decoding")
    expect(code == 0 and len(repaired["changes"]) == 1, repaired["changes"])
    expect(not {"apc", "guided-decoding"} <= set(repaired["features"]), repaired["features"])
    _, plain, _ = planner_json("enumerate", "--hw", "ampere", *BASE)
    _, ruled, _ = planner_json("enumerate", "--hw", "ampere", *BASE, "--rules", RULES)
    expect(any({"apc", "guided-decoding"} <= set(p["features"]) for p in plain["plans"]), "some set has both")
    expect(not any({"apc", "guided-decoding"} <= set(p["features"]) for p in ruled["plans"]), "none has both")
    expect(all("values" in p for p in ruled["plans"]), "each set says its values")
    expect(any({"lora", "sd"} <= set(p["features"]) for p in ruled["plans"]), "the permit opens lora with sd")


@case
def suggested_commands_keep_rules_and_set():
    _, infeasible, _ = planner_json("maximize", "--hw", "ampere", *BASE, "--must", "lora,sd", "--rules", RULES,
                                    "--set", "sd_method=ngram")
    commands = [a["command"] for a in infeasible["alternatives"]]
    expect(commands and all("--rules" in c and "--set sd_method=ngram" in c for c in commands), commands)


@case
def bad_rules_and_settings_are_usage_errors_naming_the_place():
    code, _, err = planner("maximize", "--hw", "ampere", *BASE, "--rules", RULES, "--set", "quantisation=awq")
    expect(code == 2 and "quantisation" in err and "did you mean quantization" in err, err)
    code, _, err = planner("maximize", "--hw", "ampere", *BASE, "--set", "x=1")
    expect(code == 2 and "--set x=1" in err, err)
    with tempfile.TemporaryDirectory() as tmp:
        bad = os.path.join(tmp, "bad.json")
        with open(bad, "w") as f:
            f.write('{"schema": "planner-rules/1", "id": "b", "rules": [\n'
                    ' {"id": "x", "kind": "error", "forbid": ["lorra"], "unverified": true}]}\n')
        code, out, err = planner("maximize", "--hw", "ampere", *BASE, "--rules", bad)
        expect(code == 2 and f"{bad}:2: rule x: literal 'lorra': unknown name" in err and "did you mean lora" in err, err)
        expect(out == "", "nothing on stdout")
        code, _, err = planner("maximize", "--hw", "ampere", *BASE, "--rules", tmp)
        expect(code == 2 and "is a directory" in err, err)


@case
def batch_reads_rules_and_set_like_the_command_line():
    _, single, _ = planner_json("maximize", "--hw", "ampere", *BASE, "--rules", RULES, "--set", "quantization=awq")
    line = json.dumps({"id": 1, "cmd": "maximize", "hw": "ampere", "matrix": "vllm-0.6", "rules": [RULES],
                       "set": {"quantization": "awq"}})
    bad = json.dumps({"id": 2, "cmd": "maximize", "hw": "ampere", "rules": [RULES], "set": {"quantization": 1.5}})
    code, out, _ = planner("batch", stdin=line + "\n" + line + "\n" + bad + "\n")
    answers = [json.loads(x) for x in out.splitlines()]
    expect(code == 0 and len(answers) == 3, out)
    del answers[0]["id"]
    expect(answers[0] == single, "the batch answer is the command's")
    expect(answers[2]["status"] == "error" and "\"set\" must be" in answers[2]["error"], answers[2])


@case
def the_shipped_example_plans_and_explains():
    code, out, err = planner("maximize", "--hw", "ampere", *BASE, "--rules", EXAMPLE)
    expect(code == 0, err)
    code, explained, _ = planner_json("explain", "--hw", "ampere", *BASE, "--rules", EXAMPLE, "--must", "multi-step",
                                      "--set", "engine=v1", "--set", "pipeline_parallel_size=2")
    expect(code == 1, f"exit {code}")
    cited = [rule for conflict in explained["conflicts"] for rule in ids(conflict["rules"])]
    expect("v1-chunked-prefill" in cited, explained["conflicts"])
    code, out, _ = planner("maximize", "--hw", "ampere", *BASE, "--rules", EXAMPLE, "--must", "multi-step,cp")
    expect(code == 0 and "rule multi-step-cp-single-stage (permit" in out, out)


def rules_file(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write(text)
    return path


@case
def check_repair_and_maximize_agree_on_the_configuration_an_override_changes():
    with tempfile.TemporaryDirectory() as tmp:
        ovr = rules_file(tmp, "ovr.json", '{"schema":"planner-rules/1","id":"t","variables":{"tp":{"type":"int","min":1,"max":8}},\n'
                         ' "rules":[{"id":"tp-drops-lora","kind":"override","if":["tp>1"],"then":["!lora"],"unverified":true},\n'
                         ' {"id":"lora-sd","kind":"permit","allow":["lora","sd"],"unverified":true}]}\n')
        args = ["--hw", "ampere", *BASE, "--rules", ovr, "--set", "tp=2"]
        code, checked, _ = planner_json("check", *args, "--have", "lora,cp")
        expect(code == 0 and checked["features"] == ["cp"], f"check judges what vLLM runs: {code} {checked['features']}")
        expect(any("-lora" in note and "tp-drops-lora" in note for note in checked["notes"]), checked.get("notes"))
        code, repaired, _ = planner_json("repair", *args, "--have", "lora,cp")
        expect(code == 0 and repaired["changes"] == [] and repaired["features"] == ["cp"],
               f"nothing to change beyond the override: {repaired['changes']} {repaired['features']}")
        code, _, _ = planner_json("maximize", *args, "--must", "lora")
        expect(code == 1, "a --must the override turns off is infeasible")
        # lora x sd needs the permit only while lora is on: vLLM runs sd alone.
        code, checked, _ = planner_json("check", "--hw", "ampere", *BASE, "--rules", ovr, "--set", "tp=4", "--have", "lora,sd")
        expect(code == 0 and checked["permits"] == [] and checked["features"] == ["sd"], checked)


@case
def every_constraint_source_forbidding_a_pair_is_its_own_minimal_conflict():
    with tempfile.TemporaryDirectory() as tmp:
        dup = rules_file(tmp, "dup.json", '{"schema":"planner-rules/1","id":"d","rules":[\n'
                         ' {"id":"a","kind":"error","forbid":["lora","cp"],"unverified":true},\n'
                         ' {"id":"b","kind":"error","forbid":["lora","cp"],"unverified":true}]}\n')
        code, explained, _ = planner_json("explain", "--hw", "ampere", *BASE, "--must", "lora,cp", "--rules", dup)
        expect(code == 1, f"exit {code}")
        conflicts = explained["conflicts"]
        expect(len(conflicts) == 3 and all(sorted(c["requirements"]) == ["must cp", "must lora"] for c in conflicts),
               conflicts)
        expect(sorted((len(c["cells"]), tuple(ids(c["rules"]))) for c in conflicts) == [(0, ("a",)), (0, ("b",)), (1, ())],
               "the published cell and each rule alone: " + str(conflicts))
        _, text, _ = planner("explain", "--hw", "ampere", *BASE, "--must", "lora,cp", "--rules", dup)
        expect("3 minimal conflict sets" in text and "LoRA x CP" in text, text)


@case
def a_rule_naming_a_feature_one_version_lacks_refuses_that_version_alone():
    with tempfile.TemporaryDirectory() as tmp:
        pr = rules_file(tmp, "pr.json", '{"schema":"planner-rules/1","id":"t3","rules":[{"id":"p","kind":"error",'
                        '"forbid":["pooling","lora"],"source":{"url":"https://example.com/a","quote":"q"}}]}')
        code, out, err = planner("maximize", "--hw", "ampere", "--rules", pr, "--must", "lora", "--any-version")
        expect(code == 0, f"the versions with pooling answer: {code} {err}")
        expect("refused: " in out and "the feature pooling has no row in matrix vllm-0.6" in out, out)
        code, answer, _ = planner_json("versions", "--hw", "ampere", "--rules", pr, "--must", "lora")
        refused = [v["matrix"] for v in answer["versions"] if "rules_refusal" in v]
        expect(code == 0 and refused and "vllm-0.8-zh" in answer["allowing"], f"{refused} {answer['allowing']}")
        code, _, err = planner("maximize", "--hw", "ampere", "--rules", pr, "--must", "lora", "--matrix", "vllm-0.6")
        expect(code == 2 and "pooling has no row in matrix vllm-0.6" in err, err)


@case
def rules_name_features_and_hardware_as_the_command_line_does():
    with tempfile.TemporaryDirectory() as tmp:
        spelled = rules_file(tmp, "g.json", '{"schema":"planner-rules/1","id":"g","rules":['
                             '{"id":"x","kind":"error","forbid":["LoRA","hw=A100"],"unverified":true},'
                             '{"id":"y","kind":"error","forbid":["enforce-eager","chunked-prefill"],"unverified":true}]}')
        code, checked, err = planner_json("check", "--hw", "a100", "--rules", spelled, "--have", "lora")
        expect(code == 1 and ids(checked["rule_violations"]) == ["x"], f"{code} {err}")
        code, checked, err = planner_json("check", "--hw", "a100", "--rules", spelled, "--have", "cp")
        expect(code == 1 and ids(checked["rule_violations"]) == ["y"], f"enforce-eager is !cuda-graph: {code} {err}")
        code, checked, err = planner_json("check", "--hw", "a100", "--rules", spelled, "--have", "cp,cuda-graph")
        expect(code == 0, f"{code} {err}")
        twice = ["--rules", spelled, "--rules", spelled]
        code, _, err = planner("maximize", "--hw", "ampere", *twice)
        expect(code == 2 and "is given twice" in err, err)
        code, _, err = planner("maximize", "--hw", "ampere", "--rules", spelled, "--set", "hw=cpu")
        expect(code == 2 and "set with --hw" in err, err)


finish()
