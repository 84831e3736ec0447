#include "model/import/list_table_body.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace planner::importing {

namespace {

bool is_bullet(std::string_view t, char marker) {
    return !t.empty() && t[0] == marker && (t.size() == 1 || t[1] == ' ' || t[1] == '\t');
}

bool is_any_bullet(std::string_view t) {
    return is_bullet(t, '*') || is_bullet(t, '-') || is_bullet(t, '+');
}

std::string_view after_marker(std::string_view t) { return trim(t.substr(1)); }

// ":header-rows: 1" (RST and MyST) or "header-rows: 1" inside MyST's "---" block.
int parse_header_rows(const Document& doc, int n, std::string_view value) {
    int rows = 0;
    value = trim(value);
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), rows);
    if (error != std::errc() || end != value.data() + value.size() || rows < 0)
        fail_at(doc.file, n, "header-rows must be a number, not " + quote(value));
    if (rows > 1)
        fail_at(doc.file, n, "header-rows " + std::string(value) +
                                 ": a matrix table has exactly one header row");
    return rows;
}

// The options of docutils' list-table directive (MyST takes the same).
constexpr std::array<std::string_view, 7> kOptions = {"header-rows", "stub-columns", "widths", "width",
                                                      "align", "class", "name"};

}  // namespace

RawTable parse_list_table_body(const Document& doc, int first, int last) {
    RawTable table;
    int n = first;
    int header_rows = 0;
    // Options come first; skip them, keeping only the one that matters here.
    bool in_yaml = false;
    for (; n <= last; ++n) {
        std::string_view t = trim(doc.line(n));
        if (t.empty()) continue;
        if (t == "---") {
            in_yaml = !in_yaml;
            continue;
        }
        if (in_yaml || (starts_with(t, ":") && t.find(':', 1) != std::string_view::npos)) {
            std::string_view option = in_yaml ? t : t.substr(1);
            size_t colon = option.find(':');
            if (colon == std::string_view::npos) continue;
            const std::string_view name = trim(option.substr(0, colon));
            if (std::find(kOptions.begin(), kOptions.end(), name) == kOptions.end())
                fail_at(doc.file, n,
                        "unknown list-table option " + quote(name) +
                            " (docutils and MyST know header-rows, stub-columns, widths, width, align, class and "
                            "name); docutils refuses the directive, so its table is shown to nobody");
            if (name == "header-rows") header_rows = parse_header_rows(doc, n, option.substr(colon + 1));
            continue;
        }
        break;
    }

    size_t outer_indent = 0, inner_column = 0;
    char outer_marker = 0, inner_marker = 0;
    RawCell* cell = nullptr;
    size_t cells_in_row = 0;
    int row_line = 0;
    RawCell beyond_the_cap;  // where a cell past kMaxRowCells + 1 goes: read, then dropped
    // Keeps a cell of the current row, unless the row already holds more than a matrix may.
    auto add_cell = [&](std::string_view text, int line) {
        if (++cells_in_row == kMaxRowCells + 1 && table.first_wide_row.line == 0)
            table.first_wide_row = WideRow{table.rows.size() - 1, row_line, 0};
        if (table.first_wide_row.line != 0 && table.first_wide_row.row == table.rows.size() - 1)
            table.first_wide_row.cells = cells_in_row;
        if (cells_in_row > kMaxRowCells + 1) {
            beyond_the_cap = RawCell{std::string(text), line};
            cell = &beyond_the_cap;
            return;
        }
        table.rows.back().push_back(RawCell{std::string(text), line});
        cell = &table.rows.back().back();
    };
    for (; n <= last; ++n) {
        const std::string_view line = doc.line(n);
        std::string_view t = trim(line);
        if (t.empty()) continue;
        const size_t indent = indent_of(line);
        if (outer_marker == 0) {
            if (!is_any_bullet(t))
                fail_at(doc.file, n, "list-table body must be a list of rows, found " + quote(t));
            outer_marker = t[0];
            outer_indent = indent;
        }
        if (indent == outer_indent && is_bullet(t, outer_marker)) {
            // Past kMaxRows the last row is scratch space: read, then dropped.
            if (table.rows.size() == kMaxRows + 1) table.rows.back().clear();
            else table.rows.emplace_back();
            if (table.rows.size() == kMaxRows + 1 && !table.first_row_beyond) table.first_row_beyond = n;
            cell = nullptr;
            cells_in_row = 0;
            row_line = n;
            std::string_view rest = after_marker(t);
            if (rest.empty()) continue;  // the cells start on the next lines
            if (!is_any_bullet(rest) || (inner_marker && rest[0] != inner_marker))
                fail_at(doc.file, n, "a list-table row must be a list of cells, found " + quote(rest));
            inner_marker = rest[0];
            inner_column = indent + (t.size() - rest.size());
            add_cell(after_marker(rest), n);
            continue;
        }
        if (indent <= outer_indent)
            fail_at(doc.file, n, "unexpected line in a list-table: " + quote(t));
        if (table.rows.empty())
            fail_at(doc.file, n, "list-table cell outside a row: " + quote(t));
        const bool new_cell = inner_marker ? is_bullet(t, inner_marker) && indent == inner_column
                                           : is_any_bullet(t);
        if (new_cell) {
            if (!inner_marker) {
                inner_marker = t[0];
                inner_column = indent;
            }
            add_cell(after_marker(t), n);
            continue;
        }
        // A cell continued on a further-indented line.
        if (!cell) fail_at(doc.file, n, "list-table row text outside a cell: " + quote(t));
        if (!cell->text.empty()) cell->text += ' ';
        cell->text += t;
    }
    if (table.rows.size() > kMaxRows) table.rows.pop_back();
    table.has_header = header_rows == 1;
    return table;
}

}  // namespace planner::importing
