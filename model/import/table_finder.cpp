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

// The shape of a Feature x Feature table: its header labels are, in order,
// the labels of its rows. A table of other things rarely has it, so a matrix
// whose labels are mostly new (a generated table, a fork's new features) is
// still found by it.
bool header_mirrors_rows(const RawTable& table) {
    const auto& header = table.rows[0];
    if (!table.has_header || header.size() < 3 || header.size() != table.rows.size()) return false;
    for (size_t r = 1; r < table.rows.size() && r <= kLabelsToJudge; ++r) {
        if (table.rows[r].empty()) return false;
        const std::string column = normalize_name(parse_label(header[r].text).text);
        if (column.empty() || column != normalize_name(parse_label(table.rows[r][0].text).text)) return false;
    }
    return true;
}

// Which matrix table a table has the shape of, when its labels are not
// mostly known: a Feature x Feature table mirrors its rows in its header, a
// Feature x Hardware table has feature rows; either needs a known label of
// its kind in the header, and more of them than of the other kind. Such a
// table is taken only where no table passes by its labels (find_matrix_tables).
bool shaped_like_features(const RawTable& table, const Counts& counts) {
    return counts.features >= 1 && counts.features > counts.hardware && header_mirrors_rows(table);
}

bool shaped_like_hardware(const Catalog& catalog, const RawTable& table, const Counts& counts) {
    return table.has_header && counts.hardware >= 1 && counts.hardware > counts.features &&
           rows_name_features(catalog, table, 1);
}

// A table with feature rows that was taken as neither matrix table: why, and
// what would make it one.
std::string explain_header(const Document& doc, const Catalog& catalog, const RawTable& table,
                           const Counts& counts) {
    const auto& header = table.rows[0];
    std::string first_new;
    for (size_t c = 1; c < header.size() && c <= kLabelsToJudge && first_new.empty(); ++c)
        if (!names_feature(catalog, header[c]) && !names_hardware(catalog, header[c]))
            first_new = quote(parse_label(header[c].text).text);
    const std::string known =
        counts.features == 0 && counts.hardware == 0
            ? "none of its " + std::to_string(counts.columns) + " column labels is a feature or hardware class the "
                                                                "catalog knows"
            : "of its " + std::to_string(counts.columns) + " column labels the catalog knows " +
                  std::to_string(counts.features) + " as features and " + std::to_string(counts.hardware) +
                  " as hardware classes";
    return doc.file + ":" + std::to_string(table.first_line) + ": this " + table.markup +
           " lists features in its rows but is neither matrix table: " + known +
           (first_new.empty() ? "" : " (" + first_new + " is new)") +
           "; a Feature x Hardware table needs a hardware class the catalog knows among its columns, and more of "
           "them than features (planner hardware lists them), a Feature x Feature table its row labels as its "
           "column labels; new labels beside those are read as new ids. Add a column the catalog knows, or add a "
           "column's label to data/catalog.json";
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
           rows_name_features(catalog, table, table.has_header ? 1 : 0) || shaped_like_features(table, counts);
}

MatrixTables find_matrix_tables(const Document& doc, const std::vector<RawTable>& tables,
                                const Catalog& catalog, const std::vector<DeadRegion>& skipped) {
    MatrixTables found;
    std::optional<std::string> near_miss;  // the best explanation if a table is missing
    std::vector<const RawTable*> shaped_features, shaped_hardware;  // taken only where no table passes by labels
    auto take = [&](bool features, const RawTable& table) {
        const RawTable*& slot = features ? found.features : found.hardware;
        const char* kind = features ? "Feature x Feature" : "Feature x Hardware";
        if (slot)
            fail_at(doc.file, table.first_line,
                    std::string("a second ") + kind + " table (the first is at line " +
                        std::to_string(slot->first_line) + ")");
        refuse_wide_row(doc, table, kind, features ? limits::kMaxFeatures : limits::kMaxHardware);
        refuse_long_table(doc, table, kind);
        slot = &table;
    };
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
        if (feature_header || hardware_header) {
            take(feature_header, table);
        } else if (shaped_like_features(table, counts)) {
            shaped_features.push_back(&table);
        } else if (shaped_like_hardware(catalog, table, counts)) {
            shaped_hardware.push_back(&table);
        } else if (!near_miss && rows_name_features(catalog, table, 1)) {
            near_miss = explain_header(doc, catalog, table, counts);
        }
    }
    // Known labels decide first; the shape only where they found no table, so
    // that a table beside a known-label matrix is never taken for a second one.
    for (const bool features : {true, false}) {
        const RawTable*& slot = features ? found.features : found.hardware;
        if (slot) continue;
        for (const RawTable* table : features ? shaped_features : shaped_hardware) take(features, *table);
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
