#include "model/import/table_finder.hpp"

#include <algorithm>
#include <optional>

#include <planner/error.hpp>

#include "model/import/label.hpp"
#include "model/io/limits.hpp"

namespace planner::importing {

namespace {

bool names_feature(const Catalog& catalog, const RawCell& cell) {
    Label label = parse_label(cell.text);
    return catalog.find_feature(label.text) || (!label.title.empty() && catalog.find_feature(label.title));
}

bool names_hardware(const Catalog& catalog, const RawCell& cell) {
    Label label = parse_label(cell.text);
    return catalog.find_hardware(label.text) || (!label.title.empty() && catalog.find_hardware(label.title));
}

struct Counts {
    size_t features = 0, hardware = 0, columns = 0;
};

// A matrix table has at most kMaxFeatures rows and columns (the builder refuses
// more, naming the count), so that many labels decide what a table is; a
// catalog lookup for each of millions of cells would take seconds.
constexpr size_t kLabelsToJudge = limits::kMaxFeatures + 1;

Counts count_header(const Catalog& catalog, const std::vector<RawCell>& header) {
    Counts counts;
    for (size_t c = 1; c < header.size() && c <= kLabelsToJudge; ++c) {
        ++counts.columns;
        if (names_feature(catalog, header[c])) ++counts.features;
        else if (names_hardware(catalog, header[c])) ++counts.hardware;
    }
    return counts;
}

// Most labels known, and at least two unless the table has a single column: a
// stray table that mentions one feature among other things is not a matrix.
bool mostly(size_t known, size_t other, size_t columns) {
    return known >= std::min<size_t>(2, columns) && known > other && 2 * known >= columns;
}

// Whether most rows from `from` on (at least two) are labelled with features.
bool rows_name_features(const Catalog& catalog, const RawTable& table, size_t from) {
    const size_t last = std::min(table.rows.size(), from + kLabelsToJudge);
    size_t count = 0;
    for (size_t r = from; r < last; ++r)
        if (!table.rows[r].empty() && names_feature(catalog, table.rows[r][0])) ++count;
    return count >= 2 && 2 * count >= last - from;
}

// A table with feature rows whose header did not pass as either kind: name the
// first label that is not known, as the kind most of its known labels are.
std::string explain_header(const Document& doc, const Catalog& catalog, const RawTable& table,
                           const Counts& counts) {
    const bool hardware = counts.hardware > counts.features;
    const auto& header = table.rows[0];
    for (size_t c = 1; c < header.size() && c <= kLabelsToJudge; ++c) {
        if (names_feature(catalog, header[c]) || names_hardware(catalog, header[c])) continue;
        if (counts.features == 0 && counts.hardware == 0) break;
        const std::string text = parse_label(header[c].text).text;
        const auto nearest = hardware ? catalog.nearest_hardware(text) : catalog.nearest_features(text);
        return doc.file + ":" + std::to_string(header[c].line) + ": unknown " +
               (hardware ? "hardware" : "feature") + " label " + quote(text) + " in the header of the " +
               (hardware ? "Feature x Hardware" : "Feature x Feature") + " table (" +
               close_names(nearest) + ")";
    }
    return doc.file + ":" + std::to_string(table.first_line) + ": this " + table.markup +
           " lists features in its rows but its header labels are neither features nor hardware classes";
}

// "; the table at line 12 is in an HTML comment (lines 10-20), which is not read"
std::string skipped_table(const std::vector<DeadRegion>& skipped) {
    for (const DeadRegion& region : skipped) {
        if (!region.table_line) continue;
        std::string lines = region.first_line == region.last_line
                                ? "line " + std::to_string(region.first_line)
                                : "lines " + std::to_string(region.first_line) + "-" + std::to_string(region.last_line);
        return "; the table at line " + std::to_string(region.table_line) + " is in " + region.kind + " (" + lines +
               "), which is not read";
    }
    return "";
}

// A matrix table's row that the reader cut short (see kMaxRowCells): refused here, where the
// table is known to be a matrix; the header in the words the builder uses for a wide header.
void refuse_wide_row(const Document& doc, const RawTable& table, const char* kind, size_t column_limit) {
    const WideRow& wide = table.first_wide_row;
    if (wide.line == 0) return;
    if (wide.row == 0)
        fail_at(doc.file, wide.line,
                std::string("the ") + kind + " table has " + std::to_string(wide.cells - 1) + " columns; at most " +
                    std::to_string(column_limit) + " are accepted");
    fail_at(doc.file, wide.line,
            std::string("a row of the ") + kind + " table has " + std::to_string(wide.cells) +
                " cells; a matrix row has at most " + std::to_string(kMaxRowCells) + " (its label and " +
                std::to_string(limits::kMaxFeatures) + " features)");
}

void refuse_long_table(const Document& doc, const RawTable& table, const char* kind) {
    if (table.first_row_beyond)
        fail_at(doc.file, table.first_row_beyond,
                std::string("the ") + kind + " table (line " + std::to_string(table.first_line) + ") has more than " +
                    std::to_string(kMaxRows - 1) + " rows under its header; a matrix has at most " +
                    std::to_string(limits::kMaxFeatures) + " features");
}

}  // namespace

bool may_be_matrix(const RawTable& table, const Catalog& catalog) {
    if (table.rows.empty()) return false;
    const Counts counts = count_header(catalog, table.rows[0]);
    return mostly(counts.features, counts.hardware, counts.columns) ||
           mostly(counts.hardware, counts.features, counts.columns) ||
           rows_name_features(catalog, table, table.has_header ? 1 : 0);
}

MatrixTables find_matrix_tables(const Document& doc, const std::vector<RawTable>& tables,
                                const Catalog& catalog, const std::vector<DeadRegion>& skipped) {
    MatrixTables found;
    std::optional<std::string> near_miss;  // the best explanation if a table is missing
    for (const RawTable& table : tables) {
        if (table.rows.empty()) continue;
        const Counts counts = count_header(catalog, table.rows[0]);
        const bool feature_header = mostly(counts.features, counts.hardware, counts.columns);
        const bool hardware_header = mostly(counts.hardware, counts.features, counts.columns);
        const std::string place = doc.file + ":" + std::to_string(table.first_line) + ": ";
        if (!table.has_header) {
            if (!near_miss && (feature_header || hardware_header || rows_name_features(catalog, table, 0)))
                near_miss = place + "this " + table.markup +
                            " looks like a compatibility matrix but has no header row (" +
                            (table.delimiter_mismatch.line
                                 ? "its delimiter row at line " + std::to_string(table.delimiter_mismatch.line) +
                                       " has " + std::to_string(table.delimiter_mismatch.cells) +
                                       " cells where the header row has " +
                                       std::to_string(table.delimiter_mismatch.header_cells) +
                                       "; GitHub renders no table unless they are equal"
                             : table.markup == "Markdown pipe table"
                                 ? std::string("a |---| delimiter row must follow the header row")
                                 : std::string("the directive needs :header-rows: 1")) +
                            ")";
            continue;
        }
        const RawTable** slot = feature_header ? &found.features : hardware_header ? &found.hardware : nullptr;
        if (!slot) {
            if (!near_miss && rows_name_features(catalog, table, 1))
                near_miss = explain_header(doc, catalog, table, counts);
            continue;
        }
        const char* kind = feature_header ? "Feature x Feature" : "Feature x Hardware";
        if (*slot)
            fail_at(doc.file, table.first_line,
                    std::string("a second ") + kind + " table (the first is at line " +
                        std::to_string((*slot)->first_line) + ")");
        refuse_wide_row(doc, table, kind, feature_header ? limits::kMaxFeatures : limits::kMaxHardware);
        refuse_long_table(doc, table, kind);
        *slot = &table;
    }
    if (found.features && found.hardware) return found;
    if (near_miss) throw InputError(*near_miss);
    if (!found.features && !found.hardware) {
        // A matrix pasted from a rendered page comes as HTML; say so rather than "nothing found".
        for (int n = 1; n <= doc.line_count(); ++n)
            if (to_lower_ascii(doc.line(n)).find("<table") != std::string::npos)
                fail_at(doc.file, n,
                        "an HTML <table>, which the importer does not read; give the page's source "
                        "(Markdown pipe tables, reStructuredText or MyST list-tables)");
        fail_at(doc.file, 0,
                "no compatibility matrix found (no table whose header labels are features or hardware "
                "classes)" + skipped_table(skipped));
    }
    if (!found.features)
        fail_at(doc.file, 0,
                "no Feature x Feature table found (the Feature x Hardware table is at line " +
                    std::to_string(found.hardware->first_line) + ")" + skipped_table(skipped));
    fail_at(doc.file, 0,
            "no Feature x Hardware table found (the Feature x Feature table is at line " +
                std::to_string(found.features->first_line) + ")" + skipped_table(skipped));
}

}  // namespace planner::importing
