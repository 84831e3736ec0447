#pragma once
// Why a request has no plan, told as a short derivation (in the manner of
// PubGrub's error reports): the user's requirements and the matrix cells each
// get a numbered line naming their cause, then the conclusion.
#include <string>

#include "cli/style.hpp"
#include "solver/engine.hpp"

namespace planner::cli {

std::string render_derivation(const Conflict& conflict, const Matrix& matrix, const Request& request,
                              const Style& style, std::string_view indent);

}  // namespace planner::cli
