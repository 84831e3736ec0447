#include "cli/render/matrix_table.hpp"

#include <map>
#include <vector>

namespace planner::cli {

namespace {

std::string superscript(size_t number) {
    static const char* digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    std::string text = std::to_string(number), out;
    for (char c : text) out += digits[c - '0'];
    return out;
}

// Numbers the links of one table in the order cells are printed; a link
// cited by several cells keeps one number.
class Legend {
public:
    std::string cite(const std::vector<std::string>& links) {
        std::string out;
        for (const std::string& link : links) {
            auto [slot, inserted] = numbers_.emplace(link, order_.size() + 1);
            if (inserted) order_.push_back(link);
            out += superscript(slot->second);
        }
        return out;
    }
    std::string render(const Style& style) const {
        std::string out;
        for (size_t i = 0; i < order_.size(); ++i)
            out += "  " + style.dim(superscript(i + 1)) + " " + order_[i] + "\n";
        return out;
    }

private:
    std::map<std::string, size_t> numbers_;
    std::vector<std::string> order_;
};

std::string cell_text(CellValue value, const std::vector<std::string>& links,
                      const std::vector<std::string>& marks, Legend& legend) {
    std::string out(cell_symbol(value));
    for (const std::string& mark : marks) out += mark;
    return out + legend.cite(links);
}

struct Grid {
    std::vector<std::string> header;             // column titles
    std::vector<std::string> row_titles;
    std::vector<std::vector<std::string>> cells;  // [row][column]
};

std::string render_grid(const Grid& grid, const Style& style) {
    size_t title_width = 0;
    for (const auto& title : grid.row_titles) title_width = std::max(title_width, display_width(title));
    std::vector<size_t> widths(grid.header.size());
    for (size_t c = 0; c < widths.size(); ++c) {
        widths[c] = std::max<size_t>(display_width(grid.header[c]), 2);
        for (const auto& row : grid.cells) widths[c] = std::max(widths[c], display_width(row[c]));
    }
    std::string out = std::string(title_width, ' ');
    for (size_t c = 0; c < widths.size(); ++c) {
        out += " ";
        out += style.bold(pad_right(grid.header[c], widths[c]));
    }
    out.erase(out.find_last_not_of(' ') + 1);
    out += "\n";
    for (size_t r = 0; r < grid.cells.size(); ++r) {
        std::string line = pad_right(grid.row_titles[r], title_width);
        for (size_t c = 0; c < widths.size(); ++c) {
            line += " ";
            line += pad_right(grid.cells[r][c], widths[c]);
        }
        line.erase(line.find_last_not_of(' ') + 1);
        out += line + "\n";
    }
    return out;
}

std::string feature_table(const Matrix& matrix, Legend& legend, const Style& style) {
    // Columns are numbered (labels such as "prmpt adptr" would make the
    // triangle too wide for a terminal); rows carry the number and the label.
    Grid grid;
    const size_t n = matrix.features.size();
    for (size_t c = 0; c < n; ++c) grid.header.push_back(std::to_string(c + 1));
    for (size_t r = 0; r < n; ++r) {
        const std::string& row = matrix.features[r];
        grid.row_titles.push_back(pad_left(std::to_string(r + 1), std::to_string(n).size()) + " " +
                                  feature_label(row, matrix));
        std::vector<std::string> cells(n);
        for (size_t c = 0; c < r; ++c)
            if (const PairCell* cell = matrix.pair(row, matrix.features[c]))
                cells[c] = cell_text(cell->value, cell->links, cell->marks, legend);
        auto diagonal = matrix.diagonal.find(row);
        if (diagonal != matrix.diagonal.end()) cells[r] = std::string(cell_symbol(diagonal->second));
        grid.cells.push_back(std::move(cells));
    }
    return render_grid(grid, style);
}

std::string hardware_table(const Matrix& matrix, const std::string& only, Legend& legend, const Style& style) {
    Grid grid;
    std::vector<std::string> columns;
    for (const std::string& hw : matrix.hardware)
        if (only.empty() || hw == only) columns.push_back(hw);
    for (const std::string& hw : columns) grid.header.push_back(hardware_label(hw, matrix));
    for (const std::string& feature : matrix.features) {
        grid.row_titles.push_back(feature_label(feature, matrix));
        std::vector<std::string> cells;
        for (const std::string& hw : columns) {
            const SupportCell* cell = matrix.support_cell(feature, hw);
            cells.push_back(cell ? cell_text(cell->value, cell->links, cell->marks, legend) : "");
        }
        grid.cells.push_back(std::move(cells));
    }
    return render_grid(grid, style);
}

std::string footnotes_block(const Matrix& matrix) {
    std::string out;
    for (const auto& [mark, text] : matrix.footnotes) out += "  " + mark + " " + text + "\n";
    return out;
}

}  // namespace

std::string render_matrix_tables(const Matrix& matrix, const std::string& hardware, const Style& style) {
    std::string out = style.bold("matrix " + matrix.id) + style.dim("  (from " + matrix.source + ")") + "\n";
    out += "✅ yes  ❌ no  🟠 partial  ❔ unknown  blank: not stated;  ¹²³: links, under each table;  * † ^: footnotes, at the end\n\n";

    Legend pairs;
    out += style.bold("Feature x Feature") + "\n" + feature_table(matrix, pairs, style);
    out += pairs.render(style);

    Legend support;
    out += "\n";
    out += style.bold("Feature x Hardware") + "\n" + hardware_table(matrix, hardware, support, style);
    out += support.render(style);
    if (!matrix.footnotes.empty()) out += "\nfootnotes:\n" + footnotes_block(matrix);
    return out;
}

}  // namespace planner::cli
