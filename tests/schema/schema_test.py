#!/usr/bin/env python3
"""Validates real outputs of every command, and of `planner batch`, against
data/planner-result.schema.json, with a validator for the part of JSON Schema
the file uses (type, enum, properties, required, additionalProperties, items,
$ref into $defs, oneOf, not). Broken copies of real documents must fail, so a
schema that accepts anything cannot pass.

Usage: schema_test.py PLANNER SOURCE_ROOT   Prints 'N passed, N failed'."""
import copy
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from cases import expect, finish, named_case  # noqa: E402  (tests/cases.py)

PLANNER, ROOT = sys.argv[1], sys.argv[2]
with open(os.path.join(ROOT, "data", "planner-result.schema.json"), encoding="utf-8") as f:
    SCHEMA = json.load(f)
KEYWORDS = {"$schema", "$id", "$defs", "$ref", "title", "description", "$comment", "type", "enum", "properties",
            "required", "additionalProperties", "items", "oneOf", "not", "minimum"}
TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def type_ok(value, name):
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, TYPES[name])


def errors(value, schema, path="$"):
    """Every reason `value` does not match `schema`, as 'path: reason'."""
    unknown = set(schema) - KEYWORDS
    if unknown:
        raise ValueError(f"the validator does not know {unknown}")
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return errors(value, SCHEMA["$defs"][name], path)
    found = []
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(type_ok(value, name) for name in names):
            return [f"{path}: {json.dumps(value)[:60]} is not {names}"]
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{path}: {json.dumps(value)[:60]} not in {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        found.append(f"{path}: {value} < {schema['minimum']}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                found.append(f"{path}: no {key!r}")
        for key, item in value.items():
            if key in properties:
                found += errors(item, properties[key], f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                found.append(f"{path}: unexpected key {key!r}")
            elif isinstance(schema.get("additionalProperties"), dict):
                found += errors(item, schema["additionalProperties"], f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            found += errors(item, schema["items"], f"{path}[{i}]")
    if "oneOf" in schema:
        results = [errors(value, option, path) for option in schema["oneOf"]]
        matching = sum(1 for result in results if not result)
        if matching != 1:
            nearest = min(results, key=len) if matching == 0 else []
            found.append(f"{path}: matches {matching} of oneOf" + (f"; nearest: {nearest[:3]}" if nearest else ""))
    if "not" in schema and not errors(value, schema["not"], path):
        found.append(f"{path}: matches a 'not'")
    return found


def planner(*args, stdin=None):
    result = subprocess.run([PLANNER, *args], capture_output=True, timeout=120, input=stdin)
    return result.returncode, result.stdout.decode()


SOURCE = os.path.join(ROOT, "tests", "data", "sources")
documents = {}  # label -> (document, expected exit code, expected status)
temporary = tempfile.mkdtemp()
RULES = os.path.join(ROOT, "tests", "data", "rules", "every-kind.json")
COMMANDS = [
    ("maximize ok", ["maximize", "--hw", "a100", "--must", "lora"], 0, "ok"),
    ("maximize infeasible", ["maximize", "--hw", "ampere", "--must", "lora,sd", "--allow-hw"], 1, "infeasible"),
    ("maximize vllm-args", ["maximize", "--hw", "hopper", "--must", "sd", "--format", "vllm-args"], 0, "ok"),
    ("maximize strict", ["maximize", "--hw", "ampere", "--strict", "--matrix", "vllm-0.6"], 0, "ok"),
    ("maximize assumed", ["maximize", "--hw", "ampere", "--must", "lora,sd", "--assume", "lora:sd=yes"], 0, "ok"),
    ("check assumed", ["check", "--hw", "ampere", "--have", "lora,sd", "--assume", "lora:sd=yes,sd@ampere=no"], 1, "invalid"),
    ("maximize error", ["maximize", "--hw", "ampere", "--must", "lora", "--never", "lora"], 2, "error"),
    ("repair ok", ["repair", "--hw", "volta", "--have", "cp,apc,lora", "--allow-hw"], 0, "ok"),
    ("repair vllm-args", ["repair", "--hw", "ampere", "--have", "lora,sd", "--format", "vllm-args"], 0, "ok"),
    ("repair infeasible", ["repair", "--hw", "ampere", "--have", "lora,sd", "--keep", "lora,sd"], 1, "infeasible"),
    ("check ok", ["check", "--hw", "h100", "--have", "lora,cp"], 0, "ok"),
    ("check invalid", ["check", "--hw", "ampere", "--have", "lora,sd,cp", "--matrix", "vllm-0.6-zh"], 1, "invalid"),
    ("check error", ["check", "--hw", "warp9", "--have", "lora"], 2, "error"),
    ("explain infeasible", ["explain", "--hw", "ampere", "--must", "lora,sd,cp"], 1, "infeasible"),
    ("explain ok", ["explain", "--hw", "ampere", "--must", "cp"], 0, "ok"),
    ("enumerate ok", ["enumerate", "--hw", "hopper", "--limit", "3"], 0, "ok"),
    ("enumerate vllm-args", ["enumerate", "--hw", "cpu", "--format", "vllm-args"], 0, "ok"),
    ("enumerate infeasible", ["enumerate", "--hw", "ampere", "--must", "lora,sd"], 1, "infeasible"),
    ("features", ["features"], 0, "ok"),
    ("hardware", ["hardware"], 0, "ok"),
    ("matrix list", ["matrix", "list"], 0, "ok"),
    ("matrix show", ["matrix", "show", "--matrix", "vllm-0.6"], 0, "ok"),
    ("matrix show hw", ["matrix", "show", "--hw", "cpu"], 0, "ok"),
    ("import", ["import", os.path.join(SOURCE, "compatibility_matrix-v0.6.rst"), "-o",
                os.path.join(temporary, "m.json")], 0, "ok"),
    ("import history", ["import", os.path.join(ROOT, "..", "shared", "upstream", "history"), "-o", temporary], 0, "ok"),
    ("matrix show state", ["matrix", "show", "--matrix", "vllm-0.7.3"], 0, "ok"),
    ("import error", ["import", os.path.join(temporary, "missing.rst"), "-o", os.path.join(temporary, "x.json")], 2, "error"),
    ("unknown command", ["frobnicate"], 2, "error"),
    ("maximize rules", ["maximize", "--hw", "ampere", "--matrix", "vllm-0.6", "--must", "lora,sd", "--rules", RULES], 0, "ok"),
    ("maximize rules infeasible", ["maximize", "--hw", "ampere", "--matrix", "vllm-0.6", "--must", "lora,sd",
                                   "--rules", RULES, "--set", "sd_method=ngram"], 1, "infeasible"),
    ("repair rules", ["repair", "--hw", "ampere", "--matrix", "vllm-0.6", "--have", "apc,guided-decoding",
                      "--rules", RULES, "--format", "vllm-args"], 0, "ok"),
    ("check rules", ["check", "--hw", "ampere", "--matrix", "vllm-0.6", "--have", "apc,guided-decoding",
                     "--rules", RULES], 1, "invalid"),
    ("explain rules", ["explain", "--hw", "cpu", "--matrix", "vllm-0.6", "--must", "sd", "--rules", RULES], 1, "infeasible"),
    ("enumerate rules", ["enumerate", "--hw", "ampere", "--matrix", "vllm-0.6", "--rules", RULES], 0, "ok"),
]
for label, args, code, status in COMMANDS:
    @named_case(label)
    def run_command(args=args, code=code, status=status, label=label):
        exit_code, out = planner(*args, "--json")
        expect(exit_code == code, f"exit {exit_code}, expected {code}: {out[:300]}")
        document = json.loads(out)
        expect(document["status"] == status, f"status {document['status']}")
        found = errors(document, SCHEMA)
        expect(not found, "\n  ".join(found[:10]))
        documents[label] = document

BATCH_LINES = [
    {"id": 1, "cmd": "maximize", "hw": "a100", "must": ["lora"]},
    {"id": "two", "cmd": "maximize", "hw": "ampere", "must": ["lora", "sd"], "format": "vllm-args"},
    {"id": 3, "cmd": "repair", "hw": "ampere", "have": ["lora", "sd"], "format": "vllm-args"},
    {"id": 4, "cmd": "check", "hw": "ampere", "have": ["lora", "sd"]},
    {"id": 5, "cmd": "explain", "hw": "ampere", "must": ["lora", "sd"]},
    {"id": 6, "cmd": "enumerate", "hw": "ada", "limit": 2, "format": "vllm-args"},
    {"id": 7, "cmd": "maximize", "hw": "ampere", "must": ["nope"]},
    "not json",
]


@named_case("batch lines")
def batch_lines():
    text = "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in BATCH_LINES)
    code, out = planner("batch", stdin=text.encode())
    expect(code == 0, f"exit {code}")
    answers = [json.loads(line) for line in out.splitlines()]
    expect(len(answers) == len(BATCH_LINES), f"{len(answers)} answers")
    for answer in answers:
        found = errors(answer, SCHEMA)
        expect(not found, f"id {answer.get('id')}: " + "\n  ".join(found[:10]))
    expect([a["status"] for a in answers] == ["ok", "infeasible", "ok", "invalid", "infeasible", "ok", "error", "error"],
           [a["status"] for a in answers])
    documents["batch"] = answers[0]


def broken_copies():
    """(what was broken, document) pairs the schema must refuse."""
    out = []
    maximize = documents.get("maximize ok")
    if maximize:
        for key in ["features", "risks", "criteria", "off", "proven_optimal"]:
            copy_ = copy.deepcopy(maximize)
            del copy_[key]
            out.append((f"maximize without {key}", copy_))
        out.append(("maximize with an unknown key", {**maximize, "extra": 1}))
        out.append(("maximize with status invalid", {**maximize, "status": "invalid"}))
        out.append(("maximize with features as a string", {**maximize, "features": "cp,apc"}))
        out.append(("wrong schema version", {**maximize, "schema": "planner-result/2"}))
    check = documents.get("check invalid")
    if check:
        bad = copy.deepcopy(check)
        bad["violations"][0]["value"] = "maybe"
        out.append(("cell with an unknown value", bad))
        bad = copy.deepcopy(check)
        del bad["violations"][0]["links"]
        out.append(("cell without links", bad))
    vllm = documents.get("maximize vllm-args")
    if vllm:
        bad = copy.deepcopy(vllm)
        bad["vllm_args"]["flags"][0]["enabled"] = "yes"
        out.append(("vllm flag enabled as a string", bad))
    error = documents.get("maximize error")
    if error:
        out.append(("error without a message", {k: v for k, v in error.items() if k != "error"}))
    batch = documents.get("batch")
    if batch:
        out.append(("batch id as a list", {**batch, "id": [1]}))
    return out


@named_case("broken copies are refused")
def broken():
    copies = broken_copies()
    expect(len(copies) >= 12, f"only {len(copies)} broken copies: earlier cases failed")
    accepted = [what for what, document in copies if not errors(document, SCHEMA)]
    expect(not accepted, f"the schema accepts: {accepted}")


@named_case("every planner-result document kind is covered")
def coverage():
    commands = {document["command"] for document in documents.values()}
    expect({"maximize", "repair", "check", "explain", "enumerate", "features", "hardware", "matrix list",
            "matrix show", "import"} <= commands, sorted(commands))


finish()
