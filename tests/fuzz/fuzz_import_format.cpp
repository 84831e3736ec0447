// One markup reader at a time (the first byte picks Markdown, reStructuredText
// or MyST), so that the fuzzer's effort goes into one grammar. Whatever a
// reader returns must point inside the document; the table finder and the
// matrix builder may then refuse it with InputError, nothing else.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include <planner/catalog.hpp>
#include <planner/error.hpp>

#include "model/import/markdown_table.hpp"
#include "model/import/matrix_builder.hpp"
#include "model/import/myst_list_table.hpp"
#include "model/import/raw_table.hpp"
#include "model/import/rst_list_table.hpp"
#include "model/import/table_finder.hpp"
#include "model/import/text.hpp"
#include "model/import/utf8.hpp"

namespace {

using namespace planner::importing;

void check_inside(const Document& doc, const RawTable& table) {
    const int lines = doc.line_count();
    if (table.first_line < 1 || table.first_line > table.last_line || table.last_line > lines) std::abort();
    for (const auto& row : table.rows)
        for (const RawCell& cell : row)
            if (cell.line < table.first_line || cell.line > table.last_line) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    using Reader = std::vector<RawTable> (*)(const Document&, const TableFilter&);
    constexpr Reader kReaders[] = {&read_markdown_tables, &read_rst_list_tables, &read_myst_list_tables};
    const Reader reader = kReaders[data[0] % 3];
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    // The readers only ever see decoded UTF-8 (decode_document_bytes runs first).
    if (first_invalid_utf8(text) != std::string_view::npos) return 0;
    const Document doc{"fuzz.md", split_lines(text)};
    try {
        const std::vector<RawTable> tables = reader(doc, {});
        for (const RawTable& table : tables) check_inside(doc, table);
        const planner::Catalog& catalog = planner::Catalog::builtin();
        MatrixTables found = find_matrix_tables(doc, tables, catalog, {});
        std::vector<std::string> notes;
        build_matrix(doc, *found.features, *found.hardware, catalog, {}, false, notes);
    } catch (const planner::InputError&) {
    }
    return 0;
}
