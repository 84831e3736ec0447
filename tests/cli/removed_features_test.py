#!/usr/bin/env python3
"""What vLLM removed (data/removed-features.json) through the executable: on
every shipped page state dated on or after a removal, maximize on every
hardware class never turns the feature on, --must of it is infeasible and
cites the removal's source, check of a configuration with it is invalid and
names the rule; states before the removal still plan it; a removed feature
with no row names the removal. Expectations are read from the data file and
the shipped matrices, not from planner's output. Prints 'N passed, N failed'.

Usage: removed_features_test.py PLANNER SOURCE_ROOT"""
import glob
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from cases import case, expect, finish, named_case  # noqa: E402  (tests/cases.py)

PLANNER = sys.argv[1]
ROOT = sys.argv[2]
ENV = dict(os.environ, NO_COLOR="1")
REMOVED = json.load(open(os.path.join(ROOT, "data", "removed-features.json"), encoding="utf-8"))["removed"]
STATES = []  # (state id, date, features, hardware) of every state of every shipped history matrix
for path in sorted(glob.glob(os.path.join(ROOT, "data", "history", "*.json"))):
    doc = json.load(open(path, encoding="utf-8"))
    for state in doc["states"]:
        STATES.append((state["id"], state["date"], doc["features"], doc["hardware"]))


def planner(*args):
    result = subprocess.run([PLANNER, *args], capture_output=True, timeout=120, env=ENV)
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def plan_on(state, hardware, *extra):
    code, out, err = planner("maximize", "--hw", hardware, "--matrix", state, "--json", *extra)
    expect(code in (0, 1), f"maximize {state} {hardware} {extra}: exit {code}: {err}")
    return code, json.loads(out)


@case
def the_data_file_names_catalog_features_with_https_sources():
    code, out, _ = planner("features", "--matrix", "vllm-0.6", "--json")
    expect(REMOVED, "no removals listed")
    for removal in REMOVED:
        expect(removal["source"]["url"].startswith("https://github.com/vllm-project/vllm/pull/"),
               f"{removal['feature']}: source {removal['source']['url']}")
        expect(any(removal["feature"] in features for _, _, features, _ in STATES),
               f"{removal['feature']} is on no page state")


for removal in REMOVED:
    feature, since = removal["feature"], removal["applies_from"]
    after = [s for s in STATES if s[1] >= since and feature in s[2]]
    before = [s for s in STATES if s[1] < since and feature in s[2]]

    @named_case(f"{feature}: never on in any plan of a state from {since} on")
    def never_on(feature=feature, after=after):
        for state, _, _, hardware in after[::3] + after[-1:]:
            for hw in hardware:
                code, result = plan_on(state, hw)
                expect(feature not in result["features"], f"{state} {hw}: {feature} on")

    @named_case(f"{feature}: --must is infeasible, citing the removal")
    def must_cites(feature=feature, after=after, removal=removal):
        if not after:
            return
        state = after[-1][0]
        code, result = plan_on(state, "ampere" if "ampere" in after[-1][3] else after[-1][3][0], "--must", feature)
        expect(code == 1 and result["status"] == "infeasible", f"{state}: status {result['status']}")
        text = json.dumps(result)
        expect(removal["source"]["url"] in text, f"{state}: the answer does not cite {removal['source']['url']}")
        code, out, err = planner("maximize", "--hw", "cpu", "--matrix", state, "--must", feature)
        expect(code == 1 and "vllm-removed-" + feature in out and removal["source"]["url"] in out,
               f"text answer does not name the rule and source:\n{out}{err}")

    @named_case(f"{feature}: check of a configuration with it is invalid")
    def check_invalid(feature=feature, after=after):
        if not after:
            return
        state, _, _, hardware = after[-1]
        code, out, err = planner("check", "--hw", hardware[0], "--matrix", state, "--have", feature, "--json")
        result = json.loads(out)
        expect(code == 1 and result["status"] == "invalid", f"{state}: check {feature}: {code} {result['status']}")
        expect(any(r["id"] == "vllm-removed-" + feature for r in result["rule_violations"]),
               f"{state}: rule_violations {result['rule_violations']}")

    @named_case(f"{feature}: states before {since} still plan it")
    def before_plans(feature=feature, before=before):
        for state, _, _, hardware in before[-1:]:
            code, out, err = planner("check", "--hw", "ampere", "--matrix", state, "--have", feature, "--json")
            result = json.loads(out)
            expect("vllm-removed-" + feature not in out, f"{state}: removal applied before its date")
            code, result = plan_on(state, "ampere", "--must", feature)
            expect(code == 0, f"{state}: --must {feature} infeasible before the removal")


@case
def a_removed_feature_without_a_row_names_the_removal():
    for removal in REMOVED:
        lacking = [s for s in STATES if s[1] >= removal["applies_from"] and removal["feature"] not in s[2]]
        if not lacking:
            continue
        code, out, err = planner("maximize", "--hw", "ampere", "--matrix", lacking[-1][0], "--must", removal["feature"])
        expect(code == 2 and "vLLM removed " + removal["feature"] in err and removal["source"]["url"] in err,
               f"{lacking[-1][0]} --must {removal['feature']}: {code} {err}")


@case
def documents_are_no_page_state_and_keep_every_feature():
    code, out, err = planner("maximize", "--hw", "ampere", "--matrix", "vllm-0.8-zh", "--must", "multi-step", "--json")
    expect(code == 0 and "multi-step" in json.loads(out)["features"], f"vllm-0.8-zh: {code} {err}")


finish()
