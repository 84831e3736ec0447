#!/usr/bin/env python3
"""Writes the bad inputs too large to keep in git, for the rows of cases.tsv
whose file is "generated:NAME": generate.py NAME DIR writes DIR/NAME.

  big.md           50 MiB of Markdown prose around a good matrix (over the document cap)
  wide.md          a Feature x Feature table with 10,000 columns of known labels
  whitespace.json  1 GiB of blanks before a JSON object (over the matrix JSON cap)
  wide-row.md      a Feature x Feature row of a million cells (Markdown)
  wide-row.rst     the same row as a reStructuredText list-table row of a million items
  wide-row-myst.md the same row as a MyST list-table row
"""
import os
import sys

MATRIX = """## Feature x Feature

| Feature | CP | APC | LoRA |
|---|---|---|---|
| CP | | | |
| APC | ✅ | | |
| LoRA | ❌ | ✅ | |

## Feature x Hardware

| Feature | Ampere | CPU |
|---|---|---|
| CP | ✅ | ✅ |
| APC | ✅ | ❌ |
| LoRA | ✅ | ❔ |
"""

MIB = 1 << 20


def big(path):
    line = "This paragraph only makes the document large; the matrix follows it.\n"
    block = (line * (MIB // len(line) + 1))[:MIB]
    with open(path, "w", encoding="utf-8") as out:
        out.write("# Compatibility matrix\n\n")
        for _ in range(50):
            out.write(block)
        out.write("\n" + MATRIX)


def wide(path):
    labels = ["CP", "APC", "LoRA", "SD", "CUDA graph", "pooling", "enc-dec", "logP"]
    columns = [labels[i % len(labels)] for i in range(10_000)]
    with open(path, "w", encoding="utf-8") as out:
        out.write("## Feature x Feature\n\n")
        out.write("| Feature | " + " | ".join(columns) + " |\n")
        out.write("|---|" + "---|" * len(columns) + "\n")
        out.write("| CP |" + " |" * len(columns) + "\n\n")
        out.write(MATRIX[MATRIX.index("## Feature x Hardware"):])


WIDE_ROW_CELLS = 1_000_000


def wide_row(path):
    row = "| APC |" + " ✅ |" * WIDE_ROW_CELLS
    with open(path, "w", encoding="utf-8") as out:
        out.write(MATRIX.replace("| APC | ✅ | | |", row, 1))


# A list-table Feature x Feature table whose APC row has a million items, then
# the Feature x Hardware table (the pipe table of MATRIX).
def list_table_wide_row(path, opening, row_marker, item_marker, closing):
    with open(path, "w", encoding="utf-8") as out:
        out.write(opening)
        for row in (["Feature", "CP", "APC", "LoRA"], ["CP", "", "", ""]):
            out.write(row_marker + row[0] + "\n")
            for cell in row[1:]:
                out.write(item_marker + cell + "\n")
        out.write(row_marker + "APC\n")
        out.write((item_marker + "✅\n") * WIDE_ROW_CELLS)
        out.write(closing)
        out.write(MATRIX[MATRIX.index("## Feature x Hardware"):])


def whitespace(path):
    blanks = b" \t\r\n" * (MIB // 4)
    with open(path, "wb") as out:
        for _ in range(1024):
            out.write(blanks)
        out.write(b'{"schema": "planner-matrix/1"}\n')


GENERATORS = {
    "big.md": big,
    "wide.md": wide,
    "whitespace.json": whitespace,
    "wide-row.md": wide_row,
    "wide-row.rst": lambda path: list_table_wide_row(
        path, ".. list-table::\n   :header-rows: 1\n\n", "   * - ", "     - ", "\n"),
    "wide-row-myst.md": lambda path: list_table_wide_row(
        path, ":::{list-table}\n:header-rows: 1\n\n", "* - ", "  - ", ":::\n\n"),
}


def main(argv):
    if len(argv) != 3 or argv[1] not in GENERATORS:
        sys.stderr.write("usage: generate.py {%s} DIR\n" % ",".join(GENERATORS))
        return 2
    GENERATORS[argv[1]](os.path.join(argv[2], argv[1]))
    return 0


sys.exit(main(sys.argv))
