#pragma once
// For every feature a maximize plan leaves off, the reason a user can check
// against the matrix: never, unsupported, conflict or trade-off.
#include <vector>

#include "solver/engine.hpp"
#include "solver/problem.hpp"
#include "solver/resolved_request.hpp"

namespace planner::solver {

std::vector<OffReason> off_reasons(const Matrix& matrix, const Problem& problem, const ResolvedRequest& request,
                                   const std::vector<char>& on, size_t hardware);

}  // namespace planner::solver
