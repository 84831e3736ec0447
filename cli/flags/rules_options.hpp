#pragma once
// --rules and --set: rules files beside the matrix (include/planner/rules.hpp)
// and fixed values of the variables they declare.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <planner/engine.hpp>

namespace planner::cli {

struct RulesFlags {
    std::vector<std::string> files;  // planner-rules/1 documents, in order
    std::vector<std::string> set;    // NAME=VALUE items as typed
};

// NAME=VALUE items into a map; UsageError naming the item for a malformed one
// or a name set twice to different values.
std::map<std::string, std::string> parse_settings(const std::vector<std::string>& items);

// Reads every rules file (through read_rules_file: the capped, checked input
// path) and the --set items into `request`. `read` lets batch read each
// distinct file once.
void apply_rules_flags(const RulesFlags& flags, Request& request,
                       const std::function<const RuleFile&(const std::string&)>& read);
void apply_rules_flags(const RulesFlags& flags, Request& request);

}  // namespace planner::cli
