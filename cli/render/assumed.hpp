#pragma once
// The overridden cells a plan rests on that the answer does not list already
// (as a risk or a violation): an assumed "yes" is no risk under the policy,
// yet the answer would not hold without it.
#include <string>

#include "cli/render/report.hpp"
#include "cli/render/result_json.hpp"
#include "cli/render/style.hpp"

namespace planner::cli {

std::vector<CellRef> unlisted_assumptions(const Report& report);

// "assumed (N, overridden cells this plan relies on):" and the cells; "" when none.
std::string assumed_block(const Report& report, const Style& style);

// Adds "assumed": [cells] when the matrix carries an overlay (other documents keep their keys).
void add_assumed_json(ordered_json& document, const Report& report);

}  // namespace planner::cli
