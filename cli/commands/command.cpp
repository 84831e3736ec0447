#include "cli/commands/command.hpp"

namespace planner::cli {

std::string example_footer(std::initializer_list<std::string_view> examples) {
    std::string out = examples.size() == 1 ? "\nExample:\n" : "\nExamples:\n";
    for (std::string_view example : examples) out += "  " + std::string(example) + "\n";
    return out;
}

}  // namespace planner::cli
