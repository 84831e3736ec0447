#include "model/import/matrix_builder.hpp"

#include <algorithm>
#include <set>

#include "model/import/cell.hpp"
#include "model/import/footnotes.hpp"
#include "model/import/label.hpp"
#include "model/import/label_ids.hpp"

namespace planner::importing {

namespace {

struct Resolved {
    std::string id;
    std::string shown;  // the label as printed, for messages
};

Resolved resolve(LabelIds& ids, const RawCell& cell, LabelRole role, const char* where) {
    Label label = parse_label(cell.text);
    std::string id = ids.id_of(label, cell.text, role, cell.line, where);
    return Resolved{std::move(id), label.text};
}

struct Columns {
    std::vector<Resolved> labels;  // header cells 1..n
};

Columns read_header(const Document& doc, LabelIds& ids, const RawTable& table, bool hardware,
                    const char* table_name) {
    Columns columns;
    const auto& header = table.rows[0];
    if (header.size() < 2)
        fail_at(doc.file, table.first_line, std::string("the ") + table_name + " table has no columns");
    const size_t limit = hardware ? limits::kMaxHardware : limits::kMaxFeatures;
    if (header.size() - 1 > limit)
        fail_at(doc.file, header[0].line,
                std::string("the ") + table_name + " table has " + std::to_string(header.size() - 1) +
                    " columns; at most " + std::to_string(limit) + " are accepted");
    const std::string where = std::string("the ") + table_name + " header";
    for (size_t c = 1; c < header.size(); ++c) {
        Resolved label = resolve(ids, header[c], hardware ? LabelRole::hardware_column : LabelRole::feature_column,
                                 where.c_str());
        for (size_t k = 0; k < columns.labels.size(); ++k)
            if (columns.labels[k].id == label.id)
                fail_at(doc.file, header[c].line,
                        "column " + quote(label.shown) + " repeats column " + std::to_string(k + 1) + " (" +
                            quote(columns.labels[k].shown) + "): " + label.id + " twice in the " + table_name +
                            " header");
        columns.labels.push_back(std::move(label));
    }
    return columns;
}

// GitHub ends a Markdown table row at the header's width and drops the cells
// beyond it; an empty one there is a stray pipe (vLLM's page had three such
// rows in July 2025), read as GitHub reads it, with a note naming the lines.
// A non-empty cell beyond the header, or a row short of it, is refused.
bool only_empty_cells_beyond_header(const RawTable& table, const std::vector<RawCell>& row) {
    const size_t width = table.rows[0].size();
    if (table.markup != "Markdown pipe table" || row.size() <= width) return false;
    return std::all_of(row.begin() + static_cast<std::ptrdiff_t>(width), row.end(),
                       [](const RawCell& cell) { return cell.text.empty(); });
}

void check_row_width(const Document& doc, const RawTable& table, size_t r, const char* table_name,
                     std::vector<int>& empty_cells_beyond) {
    const auto& row = table.rows[r];
    const size_t expected = table.rows[0].size();
    if (row.size() == expected) return;
    if (only_empty_cells_beyond_header(table, row)) {
        empty_cells_beyond.push_back(row[0].line);
        return;
    }
    fail_at(doc.file, row.empty() ? table.first_line : row[0].line,
            "ragged row in the " + std::string(table_name) + " table: " + std::to_string(row.size()) +
                " cells where the header has " + std::to_string(expected));
}

void note_empty_cells_beyond(const Document& doc, const RawTable& table, const char* table_name,
                             const std::vector<int>& lines, std::vector<std::string>& notes) {
    if (lines.empty()) return;
    std::string where;
    for (const int line : lines) where.append(where.empty() ? "" : ", ").append(std::to_string(line));
    notes.push_back(doc.file + ":" + std::to_string(lines.front()) + ": " + std::string(table_name) + " table row" +
                    (lines.size() > 1 ? "s at lines " : " at line ") + where + " end in an empty cell beyond the " +
                    "header's " + std::to_string(table.rows[0].size()) + " cells; read as GitHub reads the table, " +
                    "without " + (lines.size() > 1 ? "them" : "it"));
}

void check_not_empty(const Document& doc, const RawTable& table, const char* table_name) {
    if (table.rows.size() < 2)
        fail_at(doc.file, table.first_line,
                std::string("the ") + table_name + " table is empty (a header row and no rows)");
    if (table.rows[0].size() < 2)
        fail_at(doc.file, table.first_line, std::string("the ") + table_name + " table has no columns");
}

struct MarkUse {
    int line;
    std::string where;
};

}  // namespace

Matrix build_matrix(const Document& doc, const RawTable& ff, const RawTable& fh, const Catalog& catalog,
                    const std::map<std::string, std::string>& link_definitions, bool strict_labels,
                    std::vector<std::string>& notes) {
    Matrix matrix;
    LabelIds ids(doc, catalog, strict_labels, notes);
    std::map<std::string, MarkUse> mark_uses;  // first use of each mark
    CellContext context{doc.file, &link_definitions, &notes, ""};
    auto note_marks = [&](const ParsedCell& cell, int line) {
        for (const auto& mark : cell.marks) mark_uses.emplace(mark, MarkUse{line, context.where});
    };

    // Feature x Feature: a square, lower-triangular table.
    constexpr const char* kFF = "Feature x Feature";
    const Columns columns = read_header(doc, ids, ff, false, kFF);
    check_not_empty(doc, ff, kFF);
    const size_t n = columns.labels.size();
    std::map<std::string, int> row_line;
    std::vector<int> empty_cells_beyond;
    for (size_t r = 1; r < ff.rows.size(); ++r) {
        check_row_width(doc, ff, r, kFF, empty_cells_beyond);
        const auto& row = ff.rows[r];
        const size_t i = r - 1;
        Resolved feature = resolve(ids, row[0], LabelRole::feature_row, "the rows of the Feature x Feature table");
        if (auto seen = row_line.find(feature.id); seen != row_line.end())
            fail_at(doc.file, row[0].line,
                    "feature " + feature.id + " twice in the Feature x Feature table (rows at lines " +
                        std::to_string(seen->second) + " and " + std::to_string(row[0].line) + ")");
        row_line[feature.id] = row[0].line;
        if (i >= n)
            fail_at(doc.file, row[0].line,
                    "row " + quote(feature.shown) + " has no column: the Feature x Feature table has " +
                        std::to_string(n) + " columns and more rows");
        if (columns.labels[i].id != feature.id)
            fail_at(doc.file, row[0].line,
                    "row/column label mismatch in the triangle: row " + std::to_string(r) + " is " +
                        quote(feature.shown) + " (" + feature.id + ") but column " + std::to_string(r) +
                        " is " + quote(columns.labels[i].shown) + " (" + columns.labels[i].id + ")");
        matrix.features.push_back(feature.id);
        for (size_t j = 0; j < n; ++j) {
            const RawCell& raw = row[j + 1];
            context.where = "row " + feature.shown + " column " + columns.labels[j].shown;
            ParsedCell cell = parse_cell(raw, context);
            if (j < i) {
                note_marks(cell, raw.line);
                matrix.pairs.push_back(PairCell{feature.id, columns.labels[j].id, cell.value, std::move(cell.links),
                                                std::move(cell.marks)});
            } else if (j == i) {
                if (cell.value != CellValue::yes && cell.value != CellValue::blank)
                    fail_at(doc.file, raw.line,
                            "diagonal cell at " + context.where + " says " + std::string(to_string(cell.value)) +
                                "; the diagonal must be blank or ✅");
                if (!cell.links.empty() || !cell.marks.empty())
                    fail_at(doc.file, raw.line,
                            "diagonal cell at " + context.where + " carries a link or footnote mark, which "
                            "the matrix has no place for");
                matrix.diagonal[feature.id] = cell.value;
            } else if (cell.value != CellValue::blank || !cell.links.empty() || !cell.marks.empty()) {
                fail_at(doc.file, raw.line,
                        "cell above the diagonal at " + context.where + " is filled: " + quote(raw.text) +
                            " (the Feature x Feature table is lower triangular)");
            }
        }
    }
    note_empty_cells_beyond(doc, ff, kFF, empty_cells_beyond, notes);
    if (matrix.features.size() < n)
        fail_at(doc.file, ff.rows.back()[0].line,
                "column " + quote(columns.labels[matrix.features.size()].shown) +
                    " of the Feature x Feature table has no row");

    // Feature x Hardware: rows in any order, possibly other features.
    constexpr const char* kFH = "Feature x Hardware";
    const Columns hardware = read_header(doc, ids, fh, true, kFH);
    check_not_empty(doc, fh, kFH);
    for (const auto& label : hardware.labels) matrix.hardware.push_back(label.id);
    std::map<std::string, std::vector<SupportCell>> support_rows;
    std::map<std::string, int> hardware_row_line;
    empty_cells_beyond.clear();
    for (size_t r = 1; r < fh.rows.size(); ++r) {
        check_row_width(doc, fh, r, kFH, empty_cells_beyond);
        const auto& row = fh.rows[r];
        Resolved feature = resolve(ids, row[0], LabelRole::feature_row, "the rows of the Feature x Hardware table");
        if (auto seen = hardware_row_line.find(feature.id); seen != hardware_row_line.end())
            fail_at(doc.file, row[0].line,
                    "feature " + feature.id + " twice in the Feature x Hardware table (rows at lines " +
                        std::to_string(seen->second) + " and " + std::to_string(row[0].line) + ")");
        hardware_row_line[feature.id] = row[0].line;
        if (std::find(matrix.features.begin(), matrix.features.end(), feature.id) == matrix.features.end()) {
            if (matrix.features.size() >= limits::kMaxFeatures)
                fail_at(doc.file, row[0].line, "more than " + std::to_string(limits::kMaxFeatures) + " features");
            matrix.features.push_back(feature.id);
            notes.push_back(doc.file + ":" + std::to_string(row[0].line) + ": feature " + feature.id +
                            " has no row in the Feature x Feature table; its pairs are recorded as blank "
                            "(not stated)");
        }
        auto& cells = support_rows[feature.id];
        for (size_t h = 0; h < hardware.labels.size(); ++h) {
            const RawCell& raw = row[h + 1];
            context.where = "row " + feature.shown + " column " + hardware.labels[h].shown;
            ParsedCell cell = parse_cell(raw, context);
            note_marks(cell, raw.line);
            cells.push_back(SupportCell{feature.id, hardware.labels[h].id, cell.value, std::move(cell.links),
                                        std::move(cell.marks)});
        }
    }
    note_empty_cells_beyond(doc, fh, kFH, empty_cells_beyond, notes);

    // Complete both tables over the whole feature list, in document order.
    const size_t triangle = n;
    for (size_t i = triangle; i < matrix.features.size(); ++i) {
        matrix.diagonal[matrix.features[i]] = CellValue::blank;
        for (size_t j = 0; j < i; ++j)
            matrix.pairs.push_back(PairCell{matrix.features[i], matrix.features[j], CellValue::blank, {}, {}});
    }
    for (const std::string& feature : matrix.features) {
        auto found = support_rows.find(feature);
        if (found == support_rows.end()) {
            notes.push_back(doc.file + ":" + std::to_string(fh.first_line) + ": feature " + feature +
                            " has no row in the Feature x Hardware table; its support is recorded as blank "
                            "(not stated)");
            for (const std::string& hw : matrix.hardware)
                matrix.support.push_back(SupportCell{feature, hw, CellValue::blank, {}, {}});
            continue;
        }
        for (auto& cell : found->second) matrix.support.push_back(std::move(cell));
    }

    const FootnoteIndex footnotes(doc);
    for (const auto& [mark, use] : mark_uses) {
        auto text = footnotes.text_of(mark);
        if (!text || text->text.empty())
            fail_at(doc.file, use.line,
                    "footnote mark " + quote(mark) + " at " + use.where +
                        " has no footnote text (a line starting with the mark under the table)");
        if (text->repeated_line)
            notes.push_back(doc.file + ":" + std::to_string(text->repeated_line) + ": footnote " + quote(mark) +
                            " is given again with the same text as at line " + std::to_string(text->line) +
                            "; it is read once");
        matrix.footnotes[mark] = std::move(text->text);
    }
    matrix.feature_names = ids.new_feature_names();
    matrix.hardware_names = ids.new_hardware_names();
    matrix.reindex();
    return matrix;
}

}  // namespace planner::importing
