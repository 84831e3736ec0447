#pragma once
// "did you mean ...?" for a mistyped command or flag: only names that are
// close to what was typed, since a far-fetched suggestion misleads more than
// none.
#include <string>
#include <string_view>
#include <vector>

namespace planner::cli {

// The known names nearest to `typed` (at most three, equally near), or none
// when the nearest is not close: more than a third of the longer name differs.
std::vector<std::string> close_names(std::string_view typed, const std::vector<std::string>& known);

// "; did you mean --must?" (or "--a or --b"), "" when nothing is close.
std::string did_you_mean(std::string_view typed, const std::vector<std::string>& known);

}  // namespace planner::cli
