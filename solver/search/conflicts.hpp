#pragma once
// Why a request cannot hold: every minimal set of request items ("must lora",
// "hardware ampere", "keep apc") that cannot hold together, each with a
// minimal set of the matrix cells that rule it out.
#include <z3++.h>

#include <string>
#include <vector>

#include <planner/engine.hpp>

#include "solver/deadline.hpp"
#include "solver/encoding.hpp"

namespace planner::solver {

// A request item with the term that says it holds.
struct RequirementTerm {
    RequirementTerm(Requirement::Kind kind, std::string id, z3::expr term, int forced = -1)
        : requirement{kind, std::move(id)}, literal(std::move(term)), forces_on(forced) {}

    Requirement requirement;
    z3::expr literal;
    int forces_on = -1;  // the feature the requirement turns on, -1 for a hardware requirement
};

// hard: facts that hold throughout and are never blamed (e.g. --never features).
std::vector<Conflict> find_conflicts(Encoding& encoding, const Matrix& matrix,
                                     const std::vector<RequirementTerm>& requirements,
                                     const std::vector<z3::expr>& hard, const Deadline& deadline);

CellRef cell_ref_of(const Matrix& matrix, const Problem& problem, const CellConstraint& cell);

}  // namespace planner::solver
