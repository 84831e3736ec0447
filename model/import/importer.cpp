#include "model/import/importer.hpp"

#include <algorithm>

#include "model/catalog.hpp"
#include "model/error.hpp"
#include "model/limits.hpp"
#include "model/import/links.hpp"
#include "model/import/markdown_table.hpp"
#include "model/import/matrix_builder.hpp"
#include "model/import/mojibake.hpp"
#include "model/import/myst_list_table.hpp"
#include "model/import/rst_list_table.hpp"
#include "model/import/sha256.hpp"
#include "model/import/table_finder.hpp"
#include "model/import/version_id.hpp"

namespace planner {

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
    Document doc{file, split_lines(decoded.text)};

    std::vector<RawTable> tables = read_markdown_tables(doc);
    for (auto* reader : {&read_rst_list_tables, &read_myst_list_tables})
        for (RawTable& table : reader(doc)) tables.push_back(std::move(table));
    std::stable_sort(tables.begin(), tables.end(),
                     [](const RawTable& x, const RawTable& y) { return x.first_line < y.first_line; });

    const Catalog& catalog = Catalog::builtin();
    MatrixTables found = find_matrix_tables(doc, tables, catalog);
    result.matrix = build_matrix(doc, *found.features, *found.hardware, catalog, read_link_definitions(doc),
                                 result.notes);
    result.matrix.id = options.id.empty() ? derive_matrix_id(file, doc) : options.id;
    result.matrix.source = file.substr(file.find_last_of("/\\") + 1);
    result.matrix.sha256 = sha256_hex(bytes);
    return result;
}

}  // namespace planner
