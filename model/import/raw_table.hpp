#pragma once
// A table as a reader found it: cell texts with their line numbers, nothing
// interpreted yet. The table finder decides which tables are the matrix.
#include <string>
#include <vector>

namespace planner::importing {

struct RawCell {
    std::string text;  // trimmed markup of the cell
    int line = 0;      // where the cell stands in the document
};

struct RawTable {
    std::string markup;      // "Markdown pipe table", "reStructuredText list-table", ...
    int first_line = 0;      // the table's opening line (directive or header row)
    int last_line = 0;       // the last line belonging to the table
    bool has_header = false;  // rows[0] is the header row
    std::vector<std::vector<RawCell>> rows;
};

}  // namespace planner::importing
