#include "model/import/markdown_table.hpp"

namespace planner::importing {

namespace {

bool is_fence(std::string_view line) {
    std::string_view t = trim(line);
    return starts_with(t, "```") || starts_with(t, "~~~");
}

// Splits on '|' except inside code spans and after a backslash; the outer pipes are optional.
std::vector<std::string> split_pipe_row(std::string_view line) {
    std::string_view t = trim(line);
    std::vector<std::string> cells;
    std::string current;
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
            cells.push_back(std::move(current));
            current.clear();
        } else {
            current.push_back(c);
        }
    }
    cells.push_back(std::move(current));
    if (starts_with(t, "|")) cells.erase(cells.begin());
    if (cells.size() > 1 && ends_with(t, "|") && !ends_with(t, "\\|")) cells.pop_back();
    for (auto& cell : cells) cell = std::string(trim(cell));
    return cells;
}

bool is_delimiter_row(std::string_view line) {
    if (line.find('-') == std::string_view::npos || line.find('|') == std::string_view::npos)
        return false;
    for (const std::string& cell : split_pipe_row(line)) {
        std::string_view c = cell;
        if (starts_with(c, ":")) c.remove_prefix(1);
        if (ends_with(c, ":")) c.remove_suffix(1);
        if (c.empty() || c.find_first_not_of('-') != std::string_view::npos) return false;
    }
    return true;
}

bool starts_with_pipe(std::string_view line) { return starts_with(trim(line), "|"); }

}  // namespace

std::vector<RawTable> read_markdown_tables(const Document& doc) {
    std::vector<RawTable> tables;
    bool in_fence = false;
    for (int n = 1; n <= doc.line_count(); ++n) {
        const std::string& line = doc.line(n);
        if (is_fence(line)) {
            in_fence = !in_fence;
            continue;
        }
        if (in_fence) continue;
        const bool next_is_delimiter = n < doc.line_count() && is_delimiter_row(doc.line(n + 1));
        // Outer pipes are optional in GFM, but then the delimiter row is what marks a table.
        const bool opens = starts_with_pipe(line) || (line.find('|') != std::string::npos && next_is_delimiter);
        if (!opens) continue;
        RawTable table;
        table.markup = "Markdown pipe table";
        table.first_line = n;
        table.has_header = next_is_delimiter;
        int last = n;
        while (last + 1 <= doc.line_count()) {
            const std::string& following = doc.line(last + 1);
            const bool continues = table.has_header ? following.find('|') != std::string::npos &&
                                                          !trim(following).empty()
                                                    : starts_with_pipe(following);
            if (!continues || is_fence(following)) break;
            ++last;
        }
        for (int k = n; k <= last; ++k) {
            if (table.has_header && k == n + 1) continue;  // the delimiter row
            if (!table.has_header && k == n && is_delimiter_row(doc.line(k))) continue;
            std::vector<RawCell> row;
            for (auto& text : split_pipe_row(doc.line(k))) row.push_back(RawCell{std::move(text), k});
            table.rows.push_back(std::move(row));
        }
        table.last_line = last;
        tables.push_back(std::move(table));
        n = last;
    }
    return tables;
}

}  // namespace planner::importing
