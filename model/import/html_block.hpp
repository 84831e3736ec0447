#pragma once
// GitHub-flavoured Markdown HTML blocks (GFM spec 4.6, kinds 1 and 3-7; kind 2,
// the comment, is dead_content's own). Text in such a block is raw HTML, never
// Markdown: pipe rows there are no table, so the importer reads them as dead.
#include <optional>
#include <string>

#include "model/import/text.hpp"

namespace planner::importing {

struct HtmlBlock {
    int last_line = 0;
    std::string kind;     // "an HTML <pre> block", "an HTML block (<details> ... up to a blank line)"
    bool closed = true;   // false: a kind 1, 3, 4 or 5 block whose end never comes
    bool is_table = false;  // it opens with <table> (an HTML table, which the finder names)
};

// The HTML block that starts at line n, if one does. `after_paragraph`: line
// n - 1 is paragraph text, which a kind 7 block cannot interrupt.
std::optional<HtmlBlock> html_block_at(const Document& doc, int n, bool after_paragraph);

}  // namespace planner::importing
