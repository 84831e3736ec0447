#pragma once
// The planner's exit status for an engine answer, the same for every command
// and for --any-version.
#include <planner/engine.hpp>

namespace planner::cli {

// 0 ok, 1 infeasible or invalid, 2 error, 3 timeout (DESIGN.md).
int exit_code(Status status);

}  // namespace planner::cli
