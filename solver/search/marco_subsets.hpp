#pragma once
// MARCO: every minimal unsatisfiable subset (MUS) and every minimal correction
// set (MCS, the complement of a maximal satisfiable subset) of a list of
// request items, exploring the power set with a map solver and shrinking or
// growing each seed with Z3 checks and cores.
#include <z3++.h>

#include <vector>

#include "solver/query.hpp"

namespace planner::solver {

struct SubsetFamilies {
    // Indices into the items, ascending; families sorted by size, then lexicographically.
    std::vector<std::vector<size_t>> unsatisfiable;  // minimal unsatisfiable subsets
    std::vector<std::vector<size_t>> corrections;    // minimal correction sets
};

// items: literals the request asks for (e.g. "lora on", "hardware = ampere");
// background: literals assumed in every check as well (cell tracks), never dropped.
SubsetFamilies explore_subsets(Query& query, const std::vector<z3::expr>& items,
                               const std::vector<z3::expr>& background);

// The cells (indices into `tracks`, ascending) of one minimal set that makes
// `items` unsatisfiable together: a core over the tracks, shrunk one by one.
std::vector<size_t> minimal_cells(Query& query, const std::vector<z3::expr>& items,
                                  const std::vector<z3::expr>& tracks);

}  // namespace planner::solver
