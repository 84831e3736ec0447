#include "model/import/rst_list_table.hpp"

#include "model/import/list_table_body.hpp"

namespace planner::importing {

std::vector<RawTable> read_rst_list_tables(const Document& doc, const TableFilter& keep) {
    std::vector<RawTable> tables;
    for (int n = 1; n <= doc.line_count(); ++n) {
        std::string_view t = trim(doc.line(n));
        if (!starts_with(t, "..") || !starts_with(trim(t.substr(2)), "list-table::")) continue;
        // The directive's content is every following line indented deeper than it.
        const int last = indented_block_end(doc, n);
        RawTable table = parse_list_table_body(doc, n + 1, last);
        table.markup = "reStructuredText list-table";
        table.first_line = n;
        table.last_line = last;
        if (!keep || keep(table)) tables.push_back(std::move(table));
        n = last;
    }
    return tables;
}

}  // namespace planner::importing
