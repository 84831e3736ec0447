#pragma once
// Inputs built to hit each parser's worst case at (or near) its size cap in
// model/io/limits.hpp: unclosed brackets, tags and roles that a scan looking for
// their end would search for from every position, thousands of distinct links
// and footnote marks, rows of millions of cells, long keys above deep arrays. The parse-time test bounds
// each one and the benchmark prints their times.
#include <functional>
#include <string>
#include <vector>

#include <planner/error.hpp>
#include <planner/overlay.hpp>

#include "cli/flags/batch_request.hpp"
#include "model/import/importer.hpp"
#include "model/io/limits.hpp"
#include "model/io/matrix_json.hpp"

namespace planner::test {

struct WorstCaseInput {
    const char* parser;  // which parser the input is aimed at
    const char* shape;   // what the input is, for the benchmark's table
    std::string text;
    std::function<void(const std::string&)> parse;  // may throw InputError/UsageError: the time is what counts
};

inline std::string repeated(std::string_view piece, size_t bytes) {
    std::string out;
    out.reserve(bytes + piece.size());
    while (out.size() + piece.size() <= bytes) out.append(piece);
    return out;
}

// A Feature x Feature table and a Feature x Hardware table with `cell` as the
// pair cell (APC, CP), then `tail` under the tables (footnote texts).
inline std::string document_with_cell(const std::string& cell, const std::string& tail = "") {
    return "| Feature | CP | APC |\n|---|---|---|\n| CP | | |\n| APC | " + cell +
           " | |\n\n| Feature | Ampere |\n|---|---|\n| CP | ✅ |\n| APC | ✅ |\n\n" + tail;
}

// `count` distinct footnote marks in one cell and a footnote text for each.
inline std::string document_with_marks(size_t count) {
    std::string cell = "✅", tail;
    for (size_t k = 0; k < count; ++k) {
        const std::string mark = std::to_string(k);
        cell += "<sup>" + mark + "</sup>";
        tail += "<sup>" + mark + "</sup> footnote text number " + mark + "\n\n";
    }
    return document_with_cell(cell, tail);
}

// A Markdown document at about `bytes`, read as a Mac Roman mojibake copy:
// every UTF-8 byte of the symbols turned into the Mac Roman character of that byte.
inline std::string mojibake_document(size_t bytes) {
    // ✅ (E2 9C 85) and ❌ (E2 9D 8C) as Mac Roman reads them.
    const std::string yes = "\xE2\x80\x9A\xC5\x93\xC3\xA0", no = "\xE2\x80\x9A\xC3\x9D\xC3\xA5";
    std::string row = "| APC | " + yes + " | " + no + " |\n";
    std::string doc = "| Feature | CP | APC |\n|---|---|---|\n";
    while (doc.size() + row.size() < bytes) doc += row;
    return doc;
}

// {"<long key>": [[], [], ...]}: every array opened under a long key.
inline std::string json_long_key_over_arrays(size_t bytes, const std::string& head) {
    const size_t key_bytes = bytes / 2;
    std::string out = "{" + head + "\"" + std::string(key_bytes, 'k') + "\": [";
    while (out.size() + 8 < bytes) out += "[],";
    out += "[]]}";
    return out;
}

// Millions of short lines: every line, row or table a reader keeps costs its
// allocations, whatever the line holds (16 MB of blank lines took 1.1 GB).
struct LineShape {
    const char* shape;
    const char* line;   // repeated to fill the document
    bool with_matrix;   // a small matrix before the lines
};
inline constexpr LineShape kLineShapes[] = {
    {"8M one-cell rows '|' (one table)", "|\n", false},
    {"a matrix, then 16M blank lines", "\n", true},
    {"a matrix, then 8M lines 'x'", "x\n", true},
    {"a matrix, then 2.8M one-row tables '|x|'", "|x|\n\n", true},
    {"a matrix, then 1M empty '.. list-table::'", ".. list-table::\n\n", true},
    {"a matrix, then 1M rows of its Feature x Hardware table", "| APC | ✅ |\n", true},
};
inline std::string line_shape_document(const LineShape& shape, size_t bytes) {
    std::string text = shape.with_matrix ? document_with_cell("✅") : std::string();
    if (std::string_view(shape.line).starts_with("| APC")) text.resize(text.size() - 1);  // no blank line: rows of the table
    return text + repeated(shape.line, bytes - text.size());
}

inline void import_text(const std::string& text) { import_document(text, "worst-case.md"); }

// `divisor` shrinks every input (the benchmark's --quick, and measuring old code).
inline std::vector<WorstCaseInput> worst_case_inputs(size_t divisor = 1) {
    const size_t document = (limits::kMaxDocumentBytes - 4096) / divisor;  // room for the tables around the cell
    std::vector<WorstCaseInput> inputs;
    auto add_cell = [&](const char* shape, std::string_view piece) {
        inputs.push_back({"cell", shape, document_with_cell(repeated(piece, document)), import_text});
    };
    add_cell("'[' repeated, never closed", "[");
    add_cell("'[](' repeated, never closed", "[](");
    add_cell("'[^' repeated, never closed", "[^");
    add_cell("'[a][' repeated", "[a][");
    add_cell("'<a href>' repeated", "<a href>");
    add_cell("'<a href=\"' repeated", "<a href=\"");
    add_cell("'<http' repeated", "<http");
    add_cell("'{' repeated (role opening)", "{");
    add_cell("':gh-issue:`' repeated", ":gh-issue:`");
    add_cell("'`' repeated", "`a <");
    add_cell("'<sup>' repeated, never closed", "<sup>");
    add_cell("'<sup>*</sup>' repeated", "<sup>*</sup>");
    add_cell("U+FE0F repeated after ✅", "\xEF\xB8\x8F");
    {
        std::string links;
        for (size_t k = 0; links.size() < document; ++k) links += "gh-issue:" + std::to_string(k) + " ";
        inputs.push_back({"links", "distinct gh-issue:N links in one cell", document_with_cell(links), import_text});
    }
    {
        std::string references;
        for (size_t k = 0; references.size() < document / 2; ++k) references += "[r" + std::to_string(k) + "][] ";
        inputs.push_back({"links", "undefined [rN][] references in one cell", document_with_cell(references),
                          import_text});
    }
    inputs.push_back({"links", "a 16 MB javascript: link target",
                      document_with_cell("[❌](javascript:" + repeated("a", document) + ")"), import_text});
    add_cell("'[](https://...)' repeated (links with no symbol)", "[](https://github.com/vllm-project/vllm/issues/1)");
    inputs.push_back({"footnotes", "40k distinct marks in one cell, each with a text", document_with_marks(40000 / divisor),
                      import_text});
    inputs.push_back({"footnotes", "200k distinct marks in one cell, each with a text",
                      document_with_marks(200000 / divisor), import_text});
    inputs.push_back({"label", "a header label of 16 MB that names nothing",
                      "| Feature | CP | APC | " + repeated("x", document) + " |\n|---|---|---|---|\n| CP | | | |\n", import_text});
    inputs.push_back({"label", "'<abbr' repeated in a header label",
                      "| Feature | CP | APC | " + repeated("<abbr", document) + " |\n|---|---|---|---|\n| CP | | | |\n",
                      import_text});
    inputs.push_back({"markdown table", "one row of 16 MB of '|'", repeated("|", document) + "\n|---|\n",
                      import_text});
    inputs.push_back({"markdown table", "an unrelated table's row of 4M '| x ' cells",
                      "| a | b |\n|---|---|\n" + repeated("| x ", document) + "|\n", import_text});
    inputs.push_back({"markdown table", "a Feature x Feature row of 4M '| x ' cells",
                      document_with_cell(repeated(" x |", document)), import_text});
    inputs.push_back({"markdown table", "rows of '| a |' with no delimiter row", repeated("| a |\n", document),
                      import_text});
    inputs.push_back({"dead content", "indented pipe rows (4-space code) on 3M lines",
                      "Code:\n\n" + repeated("    | a |\n", document), import_text});
    inputs.push_back({"dead content", "'<!-- x -->' repeated on one line",
                      document_with_cell("✅" + repeated("<!-- x -->", document)), import_text});
    inputs.push_back({"dead content", "an HTML comment never closed, over 2M lines",
                      "<!--\n" + repeated("| a |\n", document), import_text});
    inputs.push_back({"dead content", "RST comments holding a row, 1M of them",
                      repeated(".. x\n   | a |\n", document), import_text});
    inputs.push_back({"list-table", "an RST list-table cell continued on 2M lines",
                      ".. list-table::\n   :header-rows: 1\n\n   * - Feature\n     - CP\n" +
                          repeated("       x\n", document),
                      import_text});
    inputs.push_back({"list-table", "a MyST list-table of 1M one-cell rows",
                      ":::{list-table}\n:header-rows: 1\n\n" + repeated("* - CP\n", document) + ":::\n",
                      import_text});
    inputs.push_back({"list-table", "an RST list-table row of 1M items",
                      ".. list-table::\n   :header-rows: 1\n\n   * - Feature\n" + repeated("     - CP\n", document),
                      import_text});
    inputs.push_back({"list-table", "a MyST list-table row of 1M items",
                      ":::{list-table}\n:header-rows: 1\n\n* - Feature\n" + repeated("  - CP\n", document) + ":::\n",
                      import_text});
    inputs.push_back({"list-table", "'.. list-table::' repeated", repeated(".. list-table::\n", document),
                      import_text});
    for (const LineShape& shape : kLineShapes)
        inputs.push_back({"lines", shape.shape, line_shape_document(shape, document), import_text});
    inputs.push_back({"mojibake", "a 16 MB Mac Roman mojibake table", mojibake_document(document), import_text});
    inputs.push_back({"matrix JSON", "a long key over 2M arrays",
                      json_long_key_over_arrays(limits::kMaxMatrixJsonBytes / divisor, "\"schema\": \"planner-matrix/1\", "),
                      [](const std::string& text) { matrix_from_json(text, "worst-case.json"); }});
    inputs.push_back({"overlay", "a long key over 500k arrays",
                      json_long_key_over_arrays(limits::kMaxOverlayBytes / divisor, "\"schema\": \"planner-overlay/1\", "),
                      [](const std::string& text) { parse_overlay(text, "worst-case.json"); }});
    inputs.push_back({"batch line", "a long key over 130k arrays",
                      json_long_key_over_arrays(limits::kMaxBatchLineBytes / divisor, "\"cmd\": \"check\", "),
                      [](const std::string& text) {
                          cli::BatchRequest request;
                          cli::parse_batch_request(text, request);
                      }});
    return inputs;
}

}  // namespace planner::test
