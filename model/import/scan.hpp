#pragma once
// Searches that stay linear over a whole cell. A reader that looks for the end
// of every construct it meets ("the ']' closing this '['") from each position
// rescans the rest of the text each time: fine for a real cell, hours for a
// hostile 16 MB one. These remember what they have already scanned.
#include <cstdint>
#include <string_view>
#include <vector>

namespace planner::importing {

// The first occurrence of a fixed needle at or after a position, for positions
// that mostly grow: a query at or after the previous one, answered before the
// previous answer, costs nothing.
class NextOccurrence {
public:
    NextOccurrence(std::string_view text, std::string_view needle) : text_(text), needle_(needle) {}
    size_t at_or_after(size_t start);

private:
    std::string_view text_, needle_;
    bool searched_ = false;
    size_t searched_from_ = 0, found_ = std::string_view::npos;
};

// For every `opening` bracket of a text, the index just past the `closing` one
// that matches it (nesting counted, a backslash escaping the next character),
// or npos: one pass instead of a scan from each bracket.
class BracketMatches {
public:
    BracketMatches(std::string_view text, char opening, char closing);
    // `open` must hold the opening bracket (an escaped one too).
    size_t past_match(size_t open) const;

private:
    std::vector<uint32_t> past_match_;  // indexed by position; empty when the text has no bracket
};

}  // namespace planner::importing
