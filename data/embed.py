#!/usr/bin/env python3
"""Write a C++ file that holds the given data files as byte arrays.

Used by the build (meson needs python3 anyway), so the planner binary carries
its catalogs and matrices and never looks for a data directory at run time."""
import os
import sys


def main():
    out, inputs = sys.argv[1], sorted(sys.argv[2:], key=os.path.basename)
    lines = ['#include "model/io/embedded_data.hpp"', "", "#include <algorithm>", "",
             "namespace planner {", "namespace {"]
    for n, path in enumerate(inputs):
        data = open(path, "rb").read()
        # As signed char values: a byte above 127 (UTF-8 text) would narrow.
        body = ",".join(str(b - 256 if b > 127 else b) for b in data)
        lines.append(f"const char file_{n}[] = {{{body}{',' if data else ''}0}};")
    lines.append("const EmbeddedFile files[] = {")
    for n, path in enumerate(inputs):
        size = os.path.getsize(path)
        lines.append(f'    {{"{os.path.basename(path)}", std::string_view(file_{n}, {size})}},')
    if not inputs:
        lines.append('    {"", ""},')
    lines += ["};", "}  // namespace", "",
              "std::span<const EmbeddedFile> embedded_files() {",
              f"    return std::span<const EmbeddedFile>(files, {len(inputs)});",
              "}", "",
              "const EmbeddedFile* find_embedded_file(std::string_view name) {",
              "    for (const EmbeddedFile& file : embedded_files())",
              "        if (file.name == name) return &file;",
              "    return nullptr;",
              "}", "", "}  // namespace planner", ""]
    with open(out, "w") as f:
        f.write("\n".join(lines))


main()
