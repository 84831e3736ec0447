#pragma once
// Footnote texts that stand under a table: "\* text", "^ text", "† text",
// "<sup>^</sup> text", or Markdown's "[^1]: text".
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/import/text.hpp"

namespace planner::importing {

// Where each mark's footnote lines start, found in one pass over the document:
// a matrix may use thousands of marks, and a scan of the document per mark
// would make the import quadratic.
class FootnoteIndex {
public:
    explicit FootnoteIndex(const Document& doc);

    struct Text {
        std::string text;
        int line = 0;            // the footnote line it was read from
        int repeated_line = 0;   // a later line that gives the mark the same text again, 0 if none
    };
    // The text of `mark`; nullopt when the document has none. A mark whose
    // footnote lines give two different texts throws InputError naming both
    // lines: a cell's mark cannot say which one it means, and keeping one
    // would drop the other in silence.
    std::optional<Text> text_of(std::string_view mark) const;

private:
    const Document& doc_;
    std::map<std::string, std::vector<int>, std::less<>> lines_;  // mark -> its footnote lines, in order
};

}  // namespace planner::importing
