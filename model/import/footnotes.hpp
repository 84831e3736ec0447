#pragma once
// Footnote texts that stand under a table: "\* text", "^ text", "† text",
// "<sup>^</sup> text", or Markdown's "[^1]: text".
#include <optional>
#include <string>
#include <string_view>

#include "model/import/text.hpp"

namespace planner::importing {

// The text of `mark` from the first footnote line for it after `after_line`
// (then anywhere in the document); nullopt when the document has none.
std::optional<std::string> find_footnote_text(const Document& doc, std::string_view mark, int after_line);

}  // namespace planner::importing
