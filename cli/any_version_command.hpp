#pragma once
// --any-version on maximize, repair, check and explain, and `planner
// versions`: one request against every shipped matrix (or each --matrix
// given), answered per version (solver/any_version.hpp).
#include <CLI/CLI.hpp>
#include <string>

#include "cli/plan_command.hpp"

namespace planner::cli {

// Adds --any-version and lets --matrix repeat (several versions at once).
void add_any_version_flag(CLI::App& command, PlanFlags& flags);

// The whole command: load the versions, apply the overlay to each, ask, print.
int run_any_version_command(const std::string& name, const PlanFlags& flags);

// What run_any_version_command resolves before it asks; throws what it would refuse.
void check_any_version_flags(const std::string& name, const PlanFlags& flags);

}  // namespace planner::cli
