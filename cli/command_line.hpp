#pragma once
// Command lines the planner suggests to the user (the nearest feasible
// requests), written so that pasting them into a shell asks exactly that.
#include <string>
#include <string_view>

#include "solver/engine.hpp"

namespace planner::cli {

// `text` quoted for a POSIX shell when it holds anything but safe characters.
std::string shell_quote(std::string_view text);

// `planner maximize ...` for the request with the alternative's must items
// dropped and its hardware class.
std::string alternative_command_line(const Request& request, const Alternative& alternative,
                                     std::string_view matrix_arg);

}  // namespace planner::cli
