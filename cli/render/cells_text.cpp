// Cells as text: the citation a person can find in the document, then its evidence.
#include "cli/render/text.hpp"

namespace planner::cli {

std::string cell_citation(const CellRef& cell, const Matrix& matrix) {
    std::string where = cell.kind == CellRef::Kind::pair
                            ? feature_label(cell.row, matrix) + " x " + feature_label(cell.column, matrix)
                            : feature_label(cell.row, matrix) + " on " + hardware_label(cell.column, matrix);
    std::string marks;
    for (const std::string& mark : cell.marks) marks += mark;
    // An assumed value must never pass for the published one: both are named,
    // and the reason travels with the citation wherever it is printed.
    if (cell.overridden) {
        std::string out = where;
        out.append(" assumed ").append(to_string(cell.value)).append(marks);
        out.append(" (published ").append(cell_value_text(cell.overridden->published)).append(")");
        if (!cell.overridden->reason.empty()) out.append(": ").append(cell.overridden->reason);
        return out;
    }
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
    if (cell.overridden) {
        if (!cell.overridden->origin.empty())
            out += std::string(indent) + "assumed by " + cell.overridden->origin + "\n";
        if (!cell.overridden->link.empty()) out += std::string(indent) + cell.overridden->link + "\n";
    }
    return out;
}

std::string cell_line(const CellRef& cell, const Matrix& matrix, const Style& style, std::string_view indent) {
    std::string out = std::string(indent) + cell_citation(cell, matrix);
    for (const std::string& link : cell.links) out += "  " + style.dim(link);
    out += "\n";
    CellRef rest = cell;
    rest.links.clear();
    std::string evidence = cell_evidence(rest, matrix, std::string(indent) + "  ");
    return out + style.dim(evidence);
}

bool has_evidence(const CellRef& cell) {
    return !cell.links.empty() || !cell.marks.empty() || cell.overridden.has_value();
}

std::string wrap_words(std::string_view first_prefix, const std::vector<std::string>& items,
                       std::string_view separator, std::string_view indent, size_t width) {
    std::string out(first_prefix);
    size_t column = display_width(first_prefix);
    bool line_empty = true;
    for (size_t i = 0; i < items.size(); ++i) {
        std::string piece = items[i] + (i + 1 < items.size() ? std::string(separator) : "");
        // Trailing spaces of the separator do not count against the width.
        size_t piece_width = display_width(items[i]) + (i + 1 < items.size() ? separator.find_last_not_of(' ') + 1 : 0);
        if (!line_empty && column + piece_width > width) {
            while (!out.empty() && out.back() == ' ') out.pop_back();
            out += "\n";
            out += indent;
            column = indent.size();
        }
        out += piece;
        column += display_width(piece);
        line_empty = false;
    }
    return out + "\n";
}

}  // namespace planner::cli
