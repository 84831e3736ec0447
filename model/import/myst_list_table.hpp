#pragma once
// MyST `{list-table}` directives, in backtick (```{list-table}) or colon
// (:::{list-table}) fences.
#include <vector>

#include "model/import/raw_table.hpp"
#include "model/import/text.hpp"

namespace planner::importing {

std::vector<RawTable> read_myst_list_tables(const Document& doc, const TableFilter& keep = {});

}  // namespace planner::importing
