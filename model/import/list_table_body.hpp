#pragma once
// The body shared by reStructuredText `.. list-table::` and MyST `{list-table}`:
// directive options, then a two-level bullet list (rows of cells). RST writes
// `* - cell`, MyST's colon fence writes `- * cell`; both are read the same way.
#include <string>

#include "model/import/raw_table.hpp"
#include "model/import/text.hpp"

namespace planner::importing {

// Lines first..last (1-based, inclusive) hold the options and the list. The
// table's markup and first/last lines are left for the caller to fill in.
RawTable parse_list_table_body(const Document& doc, int first, int last);

}  // namespace planner::importing
