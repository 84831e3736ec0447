#include "model/import/importer.hpp"

#include <algorithm>

#include <planner/catalog.hpp>
#include <planner/error.hpp>

#include "model/import/dead_content.hpp"
#include "model/import/links.hpp"
#include "model/import/markdown_table.hpp"
#include "model/import/matrix_builder.hpp"
#include "model/import/mojibake.hpp"
#include "model/import/myst_list_table.hpp"
#include "model/import/rst_list_table.hpp"
#include "model/import/sha256.hpp"
#include "model/import/table_finder.hpp"
#include "model/import/version_id.hpp"
#include "model/io/limits.hpp"

namespace planner {

namespace {

// A matrix table that a blank line cut: its rows after the cut are read (and
// said), and a row that fits neither this table nor another one is refused,
// so that no row is dropped in silence.
void account_for_blank_lines(const importing::Document& doc, const importing::RawTable& table, const char* kind,
                             std::vector<std::string>& notes) {
    using namespace importing;
    if (table.stray_row_line > 0)
        fail_at(doc.file, table.stray_row_line,
                "a table row after the blank line that ends the " + std::string(kind) + " table (line " +
                    std::to_string(table.first_line) + "), with " + std::to_string(table.stray_row_cells) +
                    " cells where that table has " + std::to_string(table.rows[0].size()) +
                    "; remove the blank line if the row belongs to the table, or the row if it does not");
    for (int line : table.resumed_at)
        notes.push_back(doc.file + ":" + std::to_string(line) + ": the " + kind + " table (line " +
                        std::to_string(table.first_line) +
                        ") goes on after a blank line; the rows from here on are read as its rows "
                        "(GitHub would end the table at the blank line)");
}

}  // namespace

ImportResult import_document(std::string_view bytes, std::string_view file_name, const ImportOptions& options) {
    using namespace importing;
    const std::string file(file_name);
    if (!options.id.empty()) check_matrix_id(options.id);
    if (bytes.size() > limits::kMaxDocumentBytes)
        fail_at(file, 0,
                "document is " + std::to_string(bytes.size()) + " bytes; at most " +
                    limits::describe_bytes(limits::kMaxDocumentBytes) + " are accepted");
    if (trim(bytes).empty()) fail_at(file, 1, "empty document, no compatibility matrix in it");

    ImportResult result;
    DecodedText decoded = decode_document_bytes(bytes, file);
    if (!decoded.repaired_from.empty())
        result.notes.push_back(file + ": repaired " + decoded.repaired_from + " mojibake (UTF-8 text that had been read as " +
                               decoded.repaired_from + " and saved again); cells were read from the repaired text");
    const Document shown(file, decoded.text);
    const LiveDocument live = without_dead_content(shown);
    const Document& doc = live.doc;

    const Catalog& catalog = Catalog::builtin();
    const TableFilter keep = [&catalog](const RawTable& table) { return may_be_matrix(table, catalog); };
    std::vector<RawTable> tables = read_markdown_tables(doc, keep);
    for (auto* reader : {&read_rst_list_tables, &read_myst_list_tables})
        for (RawTable& table : reader(doc, keep)) tables.push_back(std::move(table));
    std::stable_sort(tables.begin(), tables.end(),
                     [](const RawTable& x, const RawTable& y) { return x.first_line < y.first_line; });

    MatrixTables found = find_matrix_tables(doc, tables, catalog, live.regions);
    for (const auto& [table, kind] : {std::pair{found.features, "Feature x Feature"}, std::pair{found.hardware, "Feature x Hardware"}})
        account_for_blank_lines(doc, *table, kind, result.notes);
    result.matrix = build_matrix(doc, *found.features, *found.hardware, catalog, read_link_definitions(doc),
                                 options.strict_labels, result.notes);
    result.matrix.id = options.id.empty() ? derive_matrix_id(file, shown) : options.id;
    result.matrix.source = file.substr(file.find_last_of("/\\") + 1);
    result.matrix.sha256 = sha256_hex(bytes);
    return result;
}

}  // namespace planner
