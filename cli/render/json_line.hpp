#pragma once
// A JSON document as one compact line, written straight into a string: what
// `planner batch` prints per answer. nlohmann's dump() was a third of each
// batch answer's cost (a 4 kB document, a virtual call per character); this
// writer gives the same text (compact, UTF-8 kept, invalid UTF-8 replaced by
// U+FFFD, control characters escaped as dump() escapes them).
#include <string>
#include <string_view>

#include "cli/render/result_json.hpp"

namespace planner::cli {

// Appends `document` to `out`, without a newline.
void append_json_line(const ordered_json& document, std::string& out);

// {"id": id, then the members of the object `document`}: a batch answer,
// with the id first so a reader sees at once which question a line answers.
std::string json_line_with_id(const ordered_json& id, const ordered_json& document);
// The same with the id given as JSON text, written as it is: a batch line's
// number id keeps every digit it was written with (18446744073709551617 is
// beyond any integer type and would come back rounded as a double).
std::string json_line_with_id_text(std::string_view id_text, const ordered_json& document);

}  // namespace planner::cli
