#include "model/import/markdown_table.hpp"

#include "model/import/dead_content.hpp"

namespace planner::importing {

namespace {

bool is_fence(std::string_view line) {
    std::string_view t = trim(line);
    return starts_with(t, "```") || starts_with(t, "~~~");
}

// Calls on_cell with each cell of a pipe row, trimmed: split on '|' except inside
// code spans and after a backslash; the outer pipes are optional. Nothing is kept
// here, so a row of millions of cells costs only what the caller keeps.
template <typename OnCell>
void for_each_pipe_cell(std::string_view line, OnCell on_cell) {
    std::string_view t = trim(line);
    const bool leading_pipe = starts_with(t, "|");
    const bool trailing_pipe = ends_with(t, "|") && !ends_with(t, "\\|");
    bool first_piece = true;
    size_t given = 0;
    std::string current;
    auto finish_piece = [&](bool last) {
        const bool skipped = (first_piece && leading_pipe) || (last && trailing_pipe && given >= 1);
        first_piece = false;
        if (!skipped) {
            ++given;
            on_cell(std::string(trim(current)));
        }
        current.clear();
    };
    bool in_code = false;
    for (size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        if (c == '\\' && i + 1 < t.size() && t[i + 1] == '|') {
            current.push_back('|');
            ++i;
        } else if (c == '`') {
            in_code = !in_code;
            current.push_back(c);
        } else if (c == '|' && !in_code) {
            finish_piece(false);
        } else {
            current.push_back(c);
        }
    }
    finish_piece(true);
}

// A row's cells, at most kMaxRowCells + 1 of them, and how many it has in all.
struct PipeRow {
    std::vector<std::string> cells;
    size_t count = 0;
};

PipeRow split_pipe_row(std::string_view line) {
    PipeRow row;
    for_each_pipe_cell(line, [&](std::string&& cell) {
        if (row.count++ <= kMaxRowCells) row.cells.push_back(std::move(cell));
    });
    return row;
}

size_t pipe_row_width(std::string_view line) {
    size_t count = 0;
    for_each_pipe_cell(line, [&](std::string&&) { ++count; });
    return count;
}

bool is_delimiter_row(std::string_view line) {
    // Asked of every line: refuse any other character before splitting anything.
    if (line.find_first_not_of("|-: \t\f\v") != std::string_view::npos) return false;
    if (line.find('-') == std::string_view::npos || line.find('|') == std::string_view::npos)
        return false;
    bool all_dashes = true;
    for_each_pipe_cell(line, [&](std::string&& cell) {
        std::string_view c = cell;
        if (starts_with(c, ":")) c.remove_prefix(1);
        if (ends_with(c, ":")) c.remove_suffix(1);
        if (c.empty() || c.find_first_not_of('-') != std::string_view::npos) all_dashes = false;
    });
    return all_dashes;
}

bool starts_with_pipe(std::string_view line) { return starts_with(trim(line), "|"); }

}  // namespace

std::vector<RawTable> read_markdown_tables(const Document& doc, const TableFilter& keep) {
    std::vector<RawTable> tables;
    const std::vector<bool> indented_code = indented_code_lines(doc);
    bool in_fence = false;
    for (int n = 1; n <= doc.line_count(); ++n) {
        const std::string_view line = doc.line(n);
        if (is_fence(line)) {
            in_fence = !in_fence;
            continue;
        }
        if (in_fence) continue;
        // GFM: a delimiter row makes a table only with as many cells as the header row.
        const bool delimiter_follows = n < doc.line_count() && is_delimiter_row(doc.line(n + 1));
        const bool widths_differ = delimiter_follows && pipe_row_width(doc.line(n + 1)) != pipe_row_width(line);
        const bool next_is_delimiter = delimiter_follows && !widths_differ;
        // Outer pipes are optional in GFM, but then the delimiter row is what marks a table.
        const bool opens = starts_with_pipe(line) || (line.find('|') != std::string::npos && next_is_delimiter);
        if (!opens || indented_code[static_cast<size_t>(n - 1)]) continue;
        RawTable table;
        table.markup = "Markdown pipe table";
        table.first_line = n;
        table.has_header = next_is_delimiter;
        if (widths_differ) table.delimiter_mismatch = {n + 1, pipe_row_width(doc.line(n + 1)), pipe_row_width(line)};
        int last = n;
        auto extend = [&] {
            while (last + 1 <= doc.line_count()) {
                const std::string_view following = doc.line(last + 1);
                const bool continues = table.has_header ? following.find('|') != std::string::npos &&
                                                              !trim(following).empty()
                                                        : starts_with_pipe(following);
                if (!continues || is_fence(following)) break;
                ++last;
            }
        };
        extend();
        while (table.has_header) {
            int next = last + 1;
            while (next <= doc.line_count() && trim(doc.line(next)).empty()) ++next;
            if (next == last + 1 || next > doc.line_count()) break;  // no blank line, or the end
            const std::string_view row = doc.line(next);
            if (!starts_with_pipe(row) || is_fence(row)) break;
            if (next < doc.line_count() && is_delimiter_row(doc.line(next + 1))) break;  // the next table's header
            const size_t cells = pipe_row_width(row);
            if (cells != pipe_row_width(line)) {
                table.stray_row_line = next;
                table.stray_row_cells = cells;
                break;
            }
            if (table.resumed_at.size() < kMaxRows) table.resumed_at.push_back(next);
            last = next;
            extend();
        }
        for (int k = n; k <= last; ++k) {
            if (table.has_header && k == n + 1) continue;  // the delimiter row
            if (trim(doc.line(k)).empty()) continue;       // between the parts of a resumed table
            if (!table.has_header && k == n && is_delimiter_row(doc.line(k))) continue;
            if (table.rows.size() == kMaxRows) {
                if (!table.first_row_beyond) table.first_row_beyond = k;
                continue;
            }
            PipeRow split = split_pipe_row(doc.line(k));
            if (split.count > kMaxRowCells && table.first_wide_row.line == 0)
                table.first_wide_row = WideRow{table.rows.size(), k, split.count};
            std::vector<RawCell> row;
            row.reserve(split.cells.size());
            for (auto& text : split.cells) row.push_back(RawCell{std::move(text), k});
            table.rows.push_back(std::move(row));
        }
        table.last_line = last;
        if (!keep || keep(table)) tables.push_back(std::move(table));
        n = last;
    }
    return tables;
}

}  // namespace planner::importing
