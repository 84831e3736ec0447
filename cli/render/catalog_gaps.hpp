#pragma once
// The rows and columns of a matrix that the catalog lacks (a document's new
// labels, a JSON matrix's own ids), for `planner features` and `planner
// hardware`: one listing for both, in text and JSON.
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <planner/matrix.hpp>

#include "cli/render/result_json.hpp"
#include "cli/render/style.hpp"

namespace planner::cli {

// An id of the matrix and the name it displays (the id itself when the matrix names none).
struct CatalogGap {
    std::string id;
    std::string name;
};

std::vector<CatalogGap> features_the_catalog_lacks(const Matrix& matrix);
std::vector<CatalogGap> hardware_the_catalog_lacks(const Matrix& matrix);

// "2 more features of matrix M, which the catalog lacks:" and one "* id  name"
// line each; nothing when `gaps` is empty. `one` and `many` name the kind:
// "feature" and "features", "hardware class" and "hardware classes".
void print_catalog_gaps(std::ostream& out, const std::vector<CatalogGap>& gaps, std::string_view one,
                        std::string_view many, const Matrix& matrix, const Style& style);

// A catalog entry's JSON shape for a gap: its name as its one label, no
// aliases, no description, in the matrix and not in the catalog.
ordered_json catalog_gap_json(const CatalogGap& gap);

}  // namespace planner::cli
