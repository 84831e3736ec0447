#pragma once
// One matrix cell: its symbol, the links that carry evidence (tracking issues,
// PRs) and its footnote marks.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <planner/cell_value.hpp>

#include "model/import/raw_table.hpp"

namespace planner::importing {

struct CellContext {
    std::string file;
    const std::map<std::string, std::string>* link_definitions = nullptr;  // reference_key -> target
    std::vector<std::string>* notes = nullptr;                            // for things worth a word
    std::string where;  // "row X column Y", for messages
};

struct ParsedCell {
    CellValue value = CellValue::blank;
    std::vector<std::string> links;  // full URLs, document order
    std::vector<std::string> marks;  // footnote marks ("*", "^", "†", "1"), document order
};

// Symbols: ✅ yes; ❌ ✗ no; 🟠 partial; ❔ ? unknown; nothing: blank.
// Throws InputError naming file:line for any other symbol, and for a cell whose
// links or footnote marks stand without a symbol.
ParsedCell parse_cell(const RawCell& cell, const CellContext& context);

}  // namespace planner::importing
