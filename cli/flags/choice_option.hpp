#pragma once
// Options whose value is one of a fixed list (--format, --color, the shell of
// `completion`). The list is given once and becomes both the type name that
// help prints ("{text,vllm-args}") and the check the parser applies, so help,
// completion and the man page read the allowed values from the option itself.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace planner::cli {

// Restricts `option` to `choices`; a value outside them is refused with the list.
CLI::Option* restrict_to(CLI::Option* option, const std::vector<std::string>& choices);

// The values an option made by restrict_to allows; empty for any other option.
std::vector<std::string> choices_of(const CLI::Option& option);

}  // namespace planner::cli
