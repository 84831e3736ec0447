#include "solver/hardware_sort.hpp"

namespace planner::solver {

const HardwareSort& HardwareSorts::sort_for(const std::vector<std::string>& hardware) {
    auto found = sorts_.find(hardware);
    if (found != sorts_.end()) return found->second;
    // The sort's number keeps its value names apart from another list's
    // values of the same id.
    const std::string number = std::to_string(sorts_.size());
    std::vector<std::string> names;
    for (const std::string& id : hardware) names.push_back("hw" + number + ":" + id);
    std::vector<const char*> pointers;
    for (const std::string& name : names) pointers.push_back(name.c_str());
    z3::func_decl_vector constructors(context_), testers(context_);
    const std::string sort_name = "Hardware" + number;
    z3::sort sort = context_.enumeration_sort(sort_name.c_str(), static_cast<unsigned>(pointers.size()),
                                              pointers.data(), constructors, testers);
    HardwareSort made{sort, {}};
    for (unsigned h = 0; h < constructors.size(); ++h) made.values.push_back(constructors[h]());
    return sorts_.emplace(hardware, std::move(made)).first->second;
}

}  // namespace planner::solver
