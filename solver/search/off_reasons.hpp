#pragma once
// For every feature a maximize plan leaves off, the reason a user can check
// against the matrix: never, unsupported, conflict or trade-off.
#include <vector>

#include <planner/engine.hpp>

#include "solver/problem.hpp"
#include "solver/resolved_request.hpp"

namespace planner::solver {

// With rules, `values` are the plan's variables: a feature left off is
// judged by the Z3-free check of the plan with it on (a "rule" reason cites
// the rules it would break with the plan's values).
std::vector<OffReason> off_reasons(const Matrix& matrix, const Problem& problem, const ResolvedRequest& request,
                                   const std::vector<char>& on, size_t hardware,
                                   const std::vector<long long>& values = {});

}  // namespace planner::solver
