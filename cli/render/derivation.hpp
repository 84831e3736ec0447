#pragma once
// Why a request has no plan, told as a short derivation (in the manner of
// PubGrub's error reports): the user's requirements and the matrix cells each
// get a numbered line naming their cause, then the conclusion.
#include <string>

#include <planner/engine.hpp>

#include "cli/render/style.hpp"

namespace planner::cli {

// `hardware_typed`: --hw as the user typed it (b200, auto), cited beside the
// class it resolved to; "" cites the class alone.
std::string render_derivation(const Conflict& conflict, const Matrix& matrix, const Request& request,
                              const Style& style, std::string_view indent, std::string_view hardware_typed = "");

}  // namespace planner::cli
