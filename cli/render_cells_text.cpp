// Cells as text: the citation a person can find in the document, then its evidence.
#include "cli/render_text.hpp"

namespace planner::cli {

std::string cell_citation(const CellRef& cell) {
    std::string where = cell.kind == CellRef::Kind::pair
                            ? feature_label(cell.row) + " x " + feature_label(cell.column)
                            : feature_label(cell.row) + " on " + hardware_label(cell.column);
    std::string marks;
    for (const std::string& mark : cell.marks) marks += mark;
    return where + " " + cell_value_text(cell.value) + marks;
}

std::string cell_evidence(const CellRef& cell, const Matrix& matrix, std::string_view indent) {
    std::string out;
    for (const std::string& link : cell.links) out += std::string(indent) + link + "\n";
    for (const std::string& mark : cell.marks) {
        auto text = matrix.footnotes.find(mark);
        out += std::string(indent) + mark + " " +
               (text == matrix.footnotes.end() ? "(footnote text missing from the document)"
                                               : text->second) +
               "\n";
    }
    return out;
}

}  // namespace planner::cli
