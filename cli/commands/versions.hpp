#pragma once
// --any-version on maximize, repair, check and explain, and `planner
// versions`: one request against every shipped matrix (or each --matrix
// given), answered per version (solver/questions/any_version.hpp).
#include <CLI/CLI.hpp>
#include <string>

#include "cli/plan_command.hpp"

namespace planner::cli {

// The whole command: load the versions, apply the overlay to each, ask, print.
// `name`: the command as typed ("versions", or the question's name), said in
// the answer's head.
int run_any_version_command(std::string_view name, Question question, const PlanFlags& flags);

// What run_any_version_command resolves before it asks; throws what it would refuse.
void check_any_version_flags(std::string_view name, Question question, const PlanFlags& flags);

}  // namespace planner::cli
