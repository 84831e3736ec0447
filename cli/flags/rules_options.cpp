#include "cli/flags/rules_options.hpp"

#include <planner/error.hpp>
#include <planner/rules.hpp>

namespace planner::cli {

std::map<std::string, std::string> parse_settings(const std::vector<std::string>& items) {
    std::map<std::string, std::string> out;
    for (const std::string& item : items) {
        const size_t equals = item.find('=');
        if (equals == std::string::npos || equals == 0 || equals + 1 == item.size())
            throw UsageError("--set " + item + ": expected NAME=VALUE");
        std::string name = item.substr(0, equals), value = item.substr(equals + 1);
        auto [at, inserted] = out.emplace(name, value);
        if (!inserted && at->second != value)
            throw UsageError("--set " + item + ": " + name + " is already set to " + at->second);
    }
    return out;
}

void apply_rules_flags(const RulesFlags& flags, Request& request,
                       const std::function<const RuleFile&(const std::string&)>& read) {
    request.rules.clear();
    for (const std::string& file : flags.files) request.rules.push_back(read(file));
    request.set = parse_settings(flags.set);
}

void apply_rules_flags(const RulesFlags& flags, Request& request) {
    std::vector<RuleFile> files;
    for (const std::string& file : flags.files) files.push_back(read_rules_file(file));
    size_t next = 0;
    apply_rules_flags(flags, request, [&](const std::string&) -> const RuleFile& { return files[next++]; });
}

}  // namespace planner::cli
