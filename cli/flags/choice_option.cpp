#include "cli/flags/choice_option.hpp"

#include <algorithm>
#include "model/io/strings.hpp"

namespace planner::cli {


CLI::Option* restrict_to(CLI::Option* option, const std::vector<std::string>& choices) {
    // An empty description keeps CLI11 from appending its own rendering to the type name.
    CLI::Validator allowed(
        [choices](std::string& value) -> std::string {
            if (std::find(choices.begin(), choices.end(), value) != choices.end()) return "";
            return "'" + value + "' is not one of " + join(choices, ", ");
        },
        "", "choices");
    return option->type_name("{" + join(choices, ",") + "}")->check(allowed);
}

std::vector<std::string> choices_of(const CLI::Option& option) {
    const std::string type = option.get_type_name();
    if (type.size() < 2 || type.front() != '{' || type.back() != '}') return {};
    std::vector<std::string> choices;
    size_t start = 1;
    while (start < type.size()) {
        size_t comma = type.find(',', start);
        if (comma == std::string::npos) comma = type.size() - 1;
        choices.push_back(type.substr(start, comma - start));
        start = comma + 1;
    }
    return choices;
}

}  // namespace planner::cli
