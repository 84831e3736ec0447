#pragma once
// Names typed by a user (the command line, an overlay) that the catalog lacks
// but the chosen matrix has:
// a document's new label (Gaudi) or a JSON matrix's own id (f042). A name is
// looked up in the catalog first, so a catalog name never changes meaning;
// only then among the matrix's own ids, by id or display name, compared as the
// catalog compares names (case, '-', '_', ' ', '.' aside).
#include <string>
#include <string_view>
#include <vector>

#include <planner/matrix.hpp>

namespace planner {

// The matrix's own id that `name` names; "" when none.
std::string own_feature_id(const Matrix& matrix, std::string_view name);
std::string own_hardware_id(const Matrix& matrix, std::string_view name);

// For "did you mean": the matrix's own ids close to `name` (the catalog's
// distance rule), best first, then the catalog's close names, at most
// `count`; empty when no own id is close (the catalog's message then stands).
std::vector<std::string> nearest_features_in(const Matrix& matrix, std::string_view name, size_t count = 3);
std::vector<std::string> nearest_hardware_in(const Matrix& matrix, std::string_view name, size_t count = 3);

}  // namespace planner
