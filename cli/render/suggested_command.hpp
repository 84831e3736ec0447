#pragma once
// Command lines the planner suggests to the user (the nearest feasible
// requests), written so that pasting them into a shell asks exactly that.
#include <string>
#include <string_view>

#include <planner/vllm_args.hpp>  // shell_quote

#include "cli/render/report.hpp"

namespace planner::cli {

// `planner maximize ...` for the report's request with the alternative's must
// items dropped and its hardware class, and every other flag that shaped the
// answer (matrix, assumed cells, overlays, policy, priorities, time limit,
// output format).
std::string alternative_command_line(const Report& report, const Alternative& alternative);

}  // namespace planner::cli
