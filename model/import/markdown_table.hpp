#pragma once
// GitHub-flavoured Markdown pipe tables.
#include <vector>

#include "model/import/raw_table.hpp"
#include "model/import/text.hpp"

namespace planner::importing {

// Every block of pipe rows outside fenced code. A block whose second line is
// not a delimiter row (|---|:--|) is returned with has_header == false, so that
// a matrix without a header row is reported rather than ignored.
std::vector<RawTable> read_markdown_tables(const Document& doc, const TableFilter& keep = {});

}  // namespace planner::importing
