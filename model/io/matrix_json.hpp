#pragma once
// The canonical matrix document (schema "planner-matrix/1", see DESIGN.md and
// README): what `planner import` writes and every command loads.
#include <string>
#include <string_view>

#include <planner/matrix.hpp>

namespace planner {

// Deterministic: the same matrix always gives the same bytes (ends with '\n').
std::string matrix_to_json(const Matrix& matrix);

// Throws InputError naming `origin` (and the offending field or cell) when the
// text is not a complete, consistent planner-matrix/1 document.
Matrix matrix_from_json(std::string_view text, std::string_view origin);

// --strict-labels for a planner-matrix/1 file: throws InputError naming
// `origin` and the field of the first id the catalog lacks, as the importer
// refuses such a label of a document, so that a pipeline refusing unreviewed
// columns refuses them in either form of matrix.
void refuse_ids_the_catalog_lacks(const Matrix& matrix, std::string_view origin);

}  // namespace planner
