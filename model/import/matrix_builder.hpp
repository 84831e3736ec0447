#pragma once
// From the two raw tables to a Matrix, checking the shape as it goes: known
// labels, no feature twice, square triangle with matching row and column
// labels, nothing above the diagonal, no ragged rows, footnote marks with texts.
#include <map>
#include <string>
#include <vector>

#include <planner/catalog.hpp>
#include <planner/matrix.hpp>

#include "model/import/raw_table.hpp"
#include "model/import/text.hpp"
#include "model/io/limits.hpp"

namespace planner::importing {

// Fills features, hardware, diagonal, pairs, support and footnotes. A feature
// that only one table has still belongs to the matrix: the cells the other
// table would hold are recorded as blank ("not stated") and a note says so.
// A label the catalog lacks becomes a new id (label_ids.hpp), or an error
// under `strict_labels`.
Matrix build_matrix(const Document& doc, const RawTable& feature_table, const RawTable& hardware_table,
                    const Catalog& catalog, const std::map<std::string, std::string>& link_definitions,
                    bool strict_labels, std::vector<std::string>& notes);

}  // namespace planner::importing
