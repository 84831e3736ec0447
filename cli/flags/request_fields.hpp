#pragma once
// The library names the parts of a request by Request's members; the command
// line by its flags. This is where one is said as the other: errors the
// engine raises about a Request field, and the request items of a conflict.
#include <string>
#include <string_view>

#include <planner/engine.hpp>
#include <planner/error.hpp>

namespace planner::cli {

// The flag that sets a Request field: "must" -> "--must", "weights" -> "--weight".
std::string_view flag_of_field(std::string_view field);

// The engine's message in the command line's words ("--must: feature 'x' is
// not in the matrix"); batch says them the same way.
std::string message_in_flags(const RequestError& error);

// A request item as the flag that asked for it: "--must lora", "--hw ampere".
std::string requirement_flag(const Requirement& requirement);

}  // namespace planner::cli
