#pragma once
// The overridden cells (overlay.hpp) a configuration relies on. An assumed
// "yes" is never a risk under the policy, yet the answer rests on it, so every
// answer must name it beside the risks.
#include <string_view>
#include <vector>

#include <planner/check.hpp>

namespace planner {

// Cells with an override among the configuration's own cells: its features'
// hardware cells, then the pairs between its features (check_configuration's
// order). Names the matrix lacks are skipped; check_configuration reports them.
std::vector<CellRef> assumed_cells(const Matrix& matrix, std::string_view hardware,
                                   const std::vector<std::string>& features);

}  // namespace planner
