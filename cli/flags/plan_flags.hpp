#pragma once
// Everything a planning command's flags hold, as typed: what the flag table
// (flag_table.hpp) binds the command line and batch lines to.
#include <string>
#include <vector>

#include "cli/flags/options.hpp"
#include "cli/flags/overlay_options.hpp"
#include "cli/flags/rules_options.hpp"

namespace planner::cli {

struct PlanFlags {
    RequestFlags request;
    std::string matrix;
    bool strict_labels = false;  // --strict-labels
    bool json = false;
    bool explain_order = false;
    OverlayFlags overlay;  // --assume, --overlay
    RulesFlags rules;      // --rules, --set
    bool any_version = false;          // --any-version (cli/commands/versions.hpp)
    std::vector<std::string> matrices;  // every --matrix given, in order
    std::string format = "text";  // --format: text, or vllm-args (maximize, repair, enumerate)
};

}  // namespace planner::cli
