#include "model/import/table_finder.hpp"

#include <algorithm>
#include <optional>

#include "model/error.hpp"
#include "model/import/label.hpp"

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

Counts count_header(const Catalog& catalog, const std::vector<RawCell>& header) {
    Counts counts;
    for (size_t c = 1; c < header.size(); ++c) {
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

size_t rows_naming_features(const Catalog& catalog, const RawTable& table, size_t from) {
    size_t count = 0;
    for (size_t r = from; r < table.rows.size(); ++r)
        if (!table.rows[r].empty() && names_feature(catalog, table.rows[r][0])) ++count;
    return count;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

// A table with feature rows whose header did not pass as either kind: name the
// first label that is not known, as the kind most of its known labels are.
std::string explain_header(const Document& doc, const Catalog& catalog, const RawTable& table,
                           const Counts& counts) {
    const bool hardware = counts.hardware > counts.features;
    const auto& header = table.rows[0];
    for (size_t c = 1; c < header.size(); ++c) {
        if (names_feature(catalog, header[c]) || names_hardware(catalog, header[c])) continue;
        if (counts.features == 0 && counts.hardware == 0) break;
        const std::string text = parse_label(header[c].text).text;
        const auto nearest = hardware ? catalog.nearest_hardware(text) : catalog.nearest_features(text);
        return doc.file + ":" + std::to_string(header[c].line) + ": unknown " +
               (hardware ? "hardware" : "feature") + " label " + quote(text) + " in the header of the " +
               (hardware ? "Feature x Hardware" : "Feature x Feature") + " table (nearest known: " +
               join(nearest) + ")";
    }
    return doc.file + ":" + std::to_string(table.first_line) + ": this " + table.markup +
           " lists features in its rows but its header labels are neither features nor hardware classes";
}

}  // namespace

MatrixTables find_matrix_tables(const Document& doc, const std::vector<RawTable>& tables,
                                const Catalog& catalog) {
    MatrixTables found;
    std::optional<std::string> near_miss;  // the best explanation if a table is missing
    for (const RawTable& table : tables) {
        if (table.rows.empty()) continue;
        const Counts counts = count_header(catalog, table.rows[0]);
        const bool feature_header = mostly(counts.features, counts.hardware, counts.columns);
        const bool hardware_header = mostly(counts.hardware, counts.features, counts.columns);
        const std::string place = doc.file + ":" + std::to_string(table.first_line) + ": ";
        if (!table.has_header) {
            const size_t rows = rows_naming_features(catalog, table, 0);
            if (!near_miss && (feature_header || hardware_header || (rows >= 2 && 2 * rows >= table.rows.size())))
                near_miss = place + "this " + table.markup +
                            " looks like a compatibility matrix but has no header row (" +
                            (table.markup == "Markdown pipe table"
                                 ? "a |---| delimiter row must follow the header row"
                                 : "the directive needs :header-rows: 1") +
                            ")";
            continue;
        }
        const RawTable** slot = feature_header ? &found.features : hardware_header ? &found.hardware : nullptr;
        if (!slot) {
            const size_t rows = rows_naming_features(catalog, table, 1);
            if (!near_miss && rows >= 2 && 2 * rows >= table.rows.size() - 1)
                near_miss = explain_header(doc, catalog, table, counts);
            continue;
        }
        const char* kind = feature_header ? "Feature x Feature" : "Feature x Hardware";
        if (*slot)
            fail_at(doc.file, table.first_line,
                    std::string("a second ") + kind + " table (the first is at line " +
                        std::to_string((*slot)->first_line) + ")");
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
                "classes)");
    }
    if (!found.features)
        fail_at(doc.file, 0,
                "no Feature x Feature table found (the Feature x Hardware table is at line " +
                    std::to_string(found.hardware->first_line) + ")");
    fail_at(doc.file, 0,
            "no Feature x Hardware table found (the Feature x Feature table is at line " +
                std::to_string(found.features->first_line) + ")");
}

}  // namespace planner::importing
