#pragma once
// Why a request cannot hold: every minimal set of request items ("must lora",
// "hardware ampere", "keep apc") that cannot hold together, each with a
// minimal set of the matrix cells that rule it out.
#include <z3++.h>

#include <string>
#include <vector>

#include "solver/deadline.hpp"
#include "solver/encoding.hpp"
#include "solver/engine.hpp"

namespace planner::solver {

struct Requirement {
    std::string name;  // as shown to the user: "must lora"
    z3::expr literal;
    int forces_on = -1;  // the feature the requirement turns on, -1 for a hardware requirement
};

// hard: facts that hold throughout and are never blamed (e.g. --never features).
std::vector<Conflict> find_conflicts(Encoding& encoding, const Matrix& matrix,
                                     const std::vector<Requirement>& requirements,
                                     const std::vector<z3::expr>& hard, const Deadline& deadline);

CellRef cell_ref_of(const Matrix& matrix, const Problem& problem, const CellConstraint& cell);

}  // namespace planner::solver
