#pragma once
// The JSON renderer shared by all commands: schema planner-result/1, keys in
// a fixed order (README, "JSON output"), exactly one document per run.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include <planner/catalog.hpp>
#include <planner/check.hpp>

#include "cli/render/report.hpp"

namespace planner::cli {

using ordered_json = nlohmann::ordered_json;

inline constexpr std::string_view result_schema = "planner-result/1";

// {"schema", "command", "status"}: the head of every result document.
ordered_json result_head(std::string_view command, std::string_view status);

// {"kind", "row", "column", "value", "links", "footnotes": [{"mark", "text"}]}
ordered_json cell_json(const CellRef& cell, const Matrix& matrix);
ordered_json cells_json(const std::vector<CellRef>& cells, const Matrix& matrix);

ordered_json report_json(const Report& report);

// ["must lora", "hardware ampere"]: request items as the JSON has always said them.
ordered_json requirement_texts(const std::vector<Requirement>& requirements);

// {"id", "name", "labels", "aliases", "description", "in_matrix", "in_catalog":
// true}: a feature or hardware class of the catalog, for `planner features` and `planner hardware`.
ordered_json catalog_entry_json(const CatalogEntry& entry, bool in_matrix);

// {"schema", "command", "status": "error", "error": message}
ordered_json error_json(std::string_view command, std::string_view message);

// The document as printed: indented, UTF-8, ending with a newline; bytes that
// are not UTF-8 (from a user's file name) are replaced rather than thrown on.
std::string dump_json(const ordered_json& document);

}  // namespace planner::cli
