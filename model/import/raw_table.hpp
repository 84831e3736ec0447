#pragma once
// A table as a reader found it: cell texts with their line numbers, nothing
// interpreted yet. The table finder decides which tables are the matrix.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "model/io/limits.hpp"

namespace planner::importing {

struct RawCell {
    std::string text;  // trimmed markup of the cell
    int line = 0;      // where the cell stands in the document
};

// The widest row a matrix table may have: the label column and kMaxFeatures
// columns. Readers keep one cell more than this per row, so that a row of
// millions of cells costs no memory while the table finder decides whether
// the table is a matrix (which refuses the row) or not (which ignores it).
inline constexpr size_t kMaxRowCells = limits::kMaxFeatures + 1;

// The most rows a reader keeps of a table: a header and one body row more than
// a matrix may have. 8 million one-cell rows ("|" lines) took 1.1 GB; a matrix
// table with more rows is refused (first_row_beyond), another table never
// needed them.
inline constexpr size_t kMaxRows = limits::kMaxFeatures + 2;

// A row wider than kMaxRowCells: where it is and how many cells it has.
struct WideRow {
    size_t row = 0;    // index in RawTable::rows (0: the header)
    int line = 0;
    size_t cells = 0;  // all of them, not only the ones kept
};

struct RawTable {
    std::string markup;      // "Markdown pipe table", "reStructuredText list-table", ...
    int first_line = 0;      // the table's opening line (directive or header row)
    int last_line = 0;       // the last line belonging to the table
    bool has_header = false;  // rows[0] is the header row
    std::vector<std::vector<RawCell>> rows;
    // A Markdown table that goes on after blank lines: GitHub ends a table at
    // a blank line, but a row of the table's width right after it is a row the
    // author meant. The importer reads such rows and says so (a note for each
    // line in resumed_at); a row of another width there is refused (stray_row_line).
    std::vector<int> resumed_at;
    int stray_row_line = 0;
    size_t stray_row_cells = 0;
    // The first row wider than kMaxRowCells (line 0: none); rows keep at most
    // kMaxRowCells + 1 cells.
    WideRow first_wide_row;
    // A Markdown header row whose delimiter row has another number of cells,
    // which GitHub renders as text, not as a table (line 0: none).
    struct DelimiterMismatch {
        int line = 0;
        size_t cells = 0, header_cells = 0;
    } delimiter_mismatch;
    // The first row past kMaxRows (0: none); rows keeps kMaxRows of them.
    int first_row_beyond = 0;
};

// Which tables a reader keeps (empty: all). The importer keeps only those that
// may be the matrix or explain why it is missing: a million one-row tables
// ("|x|" between blank lines) took 1.3 GB and a minute when all were kept.
using TableFilter = std::function<bool(const RawTable&)>;

}  // namespace planner::importing
