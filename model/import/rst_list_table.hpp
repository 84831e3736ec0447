#pragma once
// reStructuredText `.. list-table::` directives.
#include <vector>

#include "model/import/raw_table.hpp"
#include "model/import/text.hpp"

namespace planner::importing {

std::vector<RawTable> read_rst_list_tables(const Document& doc, const TableFilter& keep = {});

}  // namespace planner::importing
