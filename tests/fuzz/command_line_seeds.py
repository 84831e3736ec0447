"""Seeds for fuzz_command_line: every command line of the argument catalogue
(tests/data/args/cases.tsv) and every `$ planner ...` line of the README,
written to DIR one file each, one argument per line (the target's input)."""
import csv
import pathlib
import shlex
import sys

out = pathlib.Path(sys.argv[1])
root = pathlib.Path(__file__).resolve().parents[2]
lines = []
with open(root / "tests/data/args/cases.tsv", encoding="utf-8") as cases:
    rows = csv.reader((line for line in cases if not line.startswith("#")), delimiter="\t")
    next(rows)  # the header
    lines += [row[1] for row in rows if len(row) > 1]
for line in (root / "README.md").read_text(encoding="utf-8").splitlines():
    if line.startswith("$ planner "):
        lines.append(line[len("$ planner "):].split(" |")[0].split(" <")[0])
written = 0
for number, line in enumerate(lines):
    try:
        arguments = shlex.split(line, comments=True)
    except ValueError:
        continue
    text = "\n".join(arguments)
    if "/" in text:  # the target skips paths
        continue
    (out / f"{number:03}").write_text(text, encoding="utf-8")
    written += 1
if written == 0:
    sys.exit("no seeds: tests/data/args/cases.tsv and README.md have no command lines")
