#include "model/import/myst_list_table.hpp"

#include "model/import/list_table_body.hpp"

namespace planner::importing {

namespace {

// The fence ("```" or ":::", possibly longer) opening a list-table, or "".
std::string opening_fence(std::string_view t) {
    if (t.empty() || (t[0] != '`' && t[0] != ':')) return {};
    size_t count = t.find_first_not_of(t[0]);
    if (count == std::string_view::npos || count < 3) return {};
    if (!starts_with(trim(t.substr(count)), "{list-table}")) return {};
    return std::string(t.substr(0, count));
}

bool closes(std::string_view t, const std::string& fence) {
    return t.size() >= fence.size() && t.find_first_not_of(fence[0]) == std::string_view::npos;
}

}  // namespace

std::vector<RawTable> read_myst_list_tables(const Document& doc, const TableFilter& keep) {
    std::vector<RawTable> tables;
    for (int n = 1; n <= doc.line_count(); ++n) {
        const std::string fence = opening_fence(trim(doc.line(n)));
        if (fence.empty()) continue;
        int close = n + 1;
        while (close <= doc.line_count() && !closes(trim(doc.line(close)), fence)) ++close;
        if (close > doc.line_count())
            fail_at(doc.file, n, "the " + fence + "{list-table} fence is never closed");
        RawTable table = parse_list_table_body(doc, n + 1, close - 1);
        table.markup = "MyST list-table";
        table.first_line = n;
        table.last_line = close;
        if (!keep || keep(table)) tables.push_back(std::move(table));
        n = close;
    }
    return tables;
}

}  // namespace planner::importing
