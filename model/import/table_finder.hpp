#pragma once
// Which of a document's tables are the matrix: the one whose header labels are
// features (Feature x Feature) and the one whose header labels are hardware
// classes (Feature x Hardware). Position, headings and language play no part.
#include <vector>

#include "model/catalog.hpp"
#include "model/import/raw_table.hpp"
#include "model/import/text.hpp"

namespace planner::importing {

struct MatrixTables {
    const RawTable* features = nullptr;
    const RawTable* hardware = nullptr;
};

// Throws InputError when either table is missing (naming the table that looks
// closest, e.g. one without a header row) or when there are two of a kind.
MatrixTables find_matrix_tables(const Document& doc, const std::vector<RawTable>& tables,
                                const Catalog& catalog);

}  // namespace planner::importing
