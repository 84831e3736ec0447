#pragma once
// The document as the readers see it: decoded UTF-8 split into numbered lines,
// plus the small string helpers every reader needs.
#include <string>
#include <string_view>
#include <vector>

namespace planner::importing {

struct Document {
    std::string file;                // as named in messages and recorded as the source
    std::vector<std::string> lines;  // line n (1-based) is lines[n - 1], without '\r' or '\n'

    int line_count() const { return static_cast<int>(lines.size()); }
    const std::string& line(int n) const { return lines[static_cast<size_t>(n - 1)]; }
};

std::vector<std::string> split_lines(std::string_view text);

// Every import error goes through here so that each names file:line.
[[noreturn]] void fail_at(std::string_view file, int line, const std::string& what);

std::string_view trim(std::string_view text);
// Columns of leading white space (a tab counts as 4, as the vLLM sources never mix them).
size_t indent_of(std::string_view line);
bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);
std::string to_lower_ascii(std::string_view text);
// Quoted and shortened for messages.
std::string quote(std::string_view text);

}  // namespace planner::importing
