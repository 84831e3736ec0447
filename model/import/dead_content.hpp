#pragma once
// Text a document shows nobody, or shows as no table: HTML comments and HTML
// blocks (<pre>, <style>, <details> up to a blank line, ...), fenced and RST
// code blocks, RST comments and raw directives, MyST % comments. A table there is an example or a retired matrix,
// never the matrix, so the readers get the document with that text blanked
// (line numbers kept) and the importer can say where it skipped a table.
#include <string>
#include <vector>

#include "model/import/text.hpp"

namespace planner::importing {

struct DeadRegion {
    int first_line = 0, last_line = 0;
    std::string kind;      // "an HTML comment", "a fenced code block", ...
    int table_line = 0;    // the first line in it that looks like a table, 0 if none
};

struct LiveDocument {
    Document doc;                     // dead text replaced by spaces
    std::vector<DeadRegion> regions;  // in document order
};

LiveDocument without_dead_content(const Document& doc);

// For each line (index n - 1), whether it belongs to an indented (4-space)
// Markdown code block: indented 4 or more, and not the continuation of a list
// item (the last line indented less is not one). A pipe table does not start there.
std::vector<bool> indented_code_lines(const Document& doc);

}  // namespace planner::importing
