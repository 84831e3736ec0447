#pragma once
// The document as the readers see it: decoded UTF-8 split into numbered lines,
// plus the small string helpers every reader needs.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/io/strings.hpp"  // trim, to_lower_ascii: every reader uses them

namespace planner::importing {

// One buffer and where each line starts: 4 bytes a line beside the text. A
// string per line cost 32 bytes and an allocation each, so 16 MB of blank
// lines took 1 GB (twice, with the live copy) and ended in std::bad_alloc.
class Document {
public:
    Document(std::string file, std::string_view text);  // split at '\n', a '\r' before it dropped
    Document(std::string file, const std::vector<std::string>& lines);

    std::string file;  // as named in messages and recorded as the source

    int line_count() const { return static_cast<int>(starts_->size()) - 1; }
    // Line n (1-based), without '\r' or '\n'; valid as long as the document.
    std::string_view line(int n) const {
        const size_t start = (*starts_)[static_cast<size_t>(n - 1)];
        return std::string_view(text_).substr(start, (*starts_)[static_cast<size_t>(n)] - 1 - start);
    }
    // Dead content: its characters become spaces, so that lines and columns keep
    // their places (a copy of the document shares the line starts).
    void blank(int n, size_t from, size_t to);
    void blank_line(int n) { blank(n, 0, std::string_view::npos); }

private:
    void index_lines();
    std::string text_;                                     // every line followed by one '\n'
    std::shared_ptr<const std::vector<uint32_t>> starts_;  // of each line, then text_.size()
};

std::vector<std::string> split_lines(std::string_view text);

// The last line of the block indented deeper than line n (blank lines inside
// it included), as an RST directive's content or comment runs; n itself when
// nothing follows at a deeper indent.
int indented_block_end(const Document& doc, int n);

// Every import error goes through here so that each names file:line.
[[noreturn]] void fail_at(std::string_view file, int line, const std::string& what);

// Columns of leading white space (a tab counts as 4, as the vLLM sources never mix them).
size_t indent_of(std::string_view line);
// Inline: the readers call these for every character of a cell.
inline bool starts_with(std::string_view text, std::string_view prefix) { return text.starts_with(prefix); }
inline bool ends_with(std::string_view text, std::string_view suffix) { return text.ends_with(suffix); }
// Quoted for messages, a long text shortened as input_excerpt does.
std::string quote(std::string_view text);

}  // namespace planner::importing
