#pragma once
// Which of a document's tables are the matrix: the one whose header labels are
// features (Feature x Feature) and the one whose header labels are hardware
// classes (Feature x Hardware). Position, headings and language play no part.
#include <vector>

#include <planner/catalog.hpp>

#include "model/import/dead_content.hpp"
#include "model/import/raw_table.hpp"
#include "model/import/text.hpp"

namespace planner::importing {

struct MatrixTables {
    const RawTable* features = nullptr;
    const RawTable* hardware = nullptr;
};

// Whether `table` may be one of the matrix tables, or the near miss that the
// error names when one is missing: find_matrix_tables looks at no other table.
bool may_be_matrix(const RawTable& table, const Catalog& catalog);

// Throws InputError when either table is missing (naming the table that looks
// closest, e.g. one without a header row) or when there are two of a kind.
// `skipped`: the dead content the tables were read without, named in the error
// when a table there may be the one the user meant.
MatrixTables find_matrix_tables(const Document& doc, const std::vector<RawTable>& tables,
                                const Catalog& catalog, const std::vector<DeadRegion>& skipped);

}  // namespace planner::importing
