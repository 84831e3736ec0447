#include "cli/flags/did_you_mean.hpp"

#include <algorithm>
#include <cctype>

#include <planner/catalog.hpp>
#include "model/io/strings.hpp"

namespace planner::cli {

namespace {

// Dashes carry no meaning in the comparison ("-hw" and "--hw"), case little.
std::string bare(std::string_view name) {
    name.remove_prefix(std::min(name.find_first_not_of('-'), name.size()));
    return to_lower_ascii(name);
}

}  // namespace

std::vector<std::string> close_names(std::string_view typed, const std::vector<std::string>& known) {
    const std::string wanted = bare(typed);
    size_t best = std::string::npos;
    std::vector<std::string> nearest;
    for (const std::string& name : known) {
        const std::string candidate = bare(name);
        const size_t longer = std::max(wanted.size(), candidate.size());
        // The lengths alone may rule it out, without the quadratic comparison of a huge word.
        if ((longer - std::min(wanted.size(), candidate.size())) * 3 > longer) continue;
        const size_t distance = edit_distance(wanted, candidate);
        if (distance * 3 > longer || distance > best) continue;
        if (distance < best) nearest.clear();
        best = distance;
        if (nearest.size() < 3 && std::find(nearest.begin(), nearest.end(), name) == nearest.end())
            nearest.push_back(name);
    }
    return nearest;
}

std::string did_you_mean(std::string_view typed, const std::vector<std::string>& known) {
    const std::vector<std::string> nearest = close_names(typed, known);
    if (nearest.empty()) return "";
    std::string out = "; did you mean ";
    for (size_t i = 0; i < nearest.size(); ++i)
        out.append(i == 0 ? "" : i + 1 == nearest.size() ? " or " : ", ").append(nearest[i]);
    return out + "?";
}

}  // namespace planner::cli
